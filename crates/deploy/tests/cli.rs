//! The `cfnkit` binary without AWS: usage errors, and the messages for no credentials, no
//! region and an unreachable endpoint (a loopback port nothing listens on). Each is one
//! line naming what to do, with exit 2, and never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

mod support;

use support::{cfnkit, s, scratch, synth};

/// The weather assembly, once per test that needs it.
fn weather_assembly(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    synth(&cfnkit::App::new("weather").stack(weather::stack()), &dir);
    dir
}

fn one_error_line(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    lines[0]
}

#[test]
fn help_lists_the_commands_and_the_exit_statuses() {
    let run = cfnkit(&["--help"], &[]);
    assert_eq!(run.code, 0, "{}", run.all());
    for command in [
        "deploy",
        "diff",
        "destroy",
        "outputs",
        "smoke",
        "Exit status",
    ] {
        assert!(run.out.contains(command), "{command}: {}", run.out);
    }
    let run = cfnkit(&["deploy"], &[]);
    assert_eq!(run.code, 2, "{}", run.all());
}

#[test]
fn a_directory_without_an_assembly_is_a_usage_error() {
    let dir = scratch("empty");
    let run = cfnkit(&["deploy", s(&dir), "--yes"], &[]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        one_error_line(&run.err).contains("synth --out DIR"),
        "{}",
        run.err
    );
    let dir = weather_assembly("unknown-stack");
    let run = cfnkit(&["destroy", s(&dir), "--stack", "nope"], &[]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        one_error_line(&run.err).contains("no stack named nope") && run.err.contains("weather"),
        "{}",
        run.err
    );
}

#[test]
fn no_credentials_says_how_to_give_some() {
    let dir = weather_assembly("no-credentials");
    let run = cfnkit(
        &["deploy", s(&dir), "--yes"],
        &[("AWS_REGION", "eu-west-1")],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    let line = one_error_line(&run.err);
    assert!(
        line.starts_with("error: no AWS credentials: set AWS_PROFILE"),
        "{line}"
    );
    assert!(line.contains("AWS_ACCESS_KEY_ID"), "{line}");
}

#[test]
fn no_region_says_how_to_set_one() {
    let dir = weather_assembly("no-region");
    let run = cfnkit(
        &["outputs", s(&dir)],
        &[("AWS_ACCESS_KEY_ID", "x"), ("AWS_SECRET_ACCESS_KEY", "y")],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        one_error_line(&run.err).contains("no AWS region: set AWS_REGION"),
        "{}",
        run.err
    );
}

#[test]
fn an_unreachable_endpoint_is_named() {
    let dir = weather_assembly("unreachable");
    // A loopback port nothing listens on (bound, then released): connections are refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let endpoint = format!("http://127.0.0.1:{port}");
    for command in ["deploy", "diff", "destroy", "outputs", "smoke"] {
        let run = cfnkit(
            &[command, s(&dir), "--yes"][..if command == "deploy" || command == "destroy" {
                3
            } else {
                2
            }],
            &[
                ("AWS_ACCESS_KEY_ID", "x"),
                ("AWS_SECRET_ACCESS_KEY", "y"),
                ("AWS_REGION", "us-east-1"),
                ("AWS_ENDPOINT_URL", &endpoint),
            ],
        );
        assert_eq!(run.code, 2, "{command}: {}", run.all());
        let line = one_error_line(&run.err);
        assert!(
            line.starts_with(&format!("error: cannot reach {endpoint} (")),
            "{command}: {line}"
        );
        assert!(line.contains("unset AWS_ENDPOINT_URL"), "{command}: {line}");
    }
}

#[test]
fn durations_and_urls_are_checked_before_anything_runs() {
    let dir = weather_assembly("smoke-flags");
    for (flags, named) in [
        (vec!["--timeout", "18446744073709551615"], "--timeout"),
        (vec!["--timeout", "0"], "--timeout"),
        (vec!["--timeout", "301"], "--timeout"),
        (vec!["--token-url", "not a url"], "--token-url"),
        (vec!["--api-url", "ftp://example.com/"], "--api-url"),
        (vec!["--jwks-url", "https:///keys"], "--jwks-url"),
    ] {
        let mut args = vec!["smoke", s(&dir)];
        args.extend(flags.iter().copied());
        // No credentials and an unreachable endpoint: a run that got past the flags would
        // fail differently.
        let run = cfnkit(&args, &[("AWS_ENDPOINT_URL", "http://127.0.0.1:9")]);
        assert_eq!(run.code, 2, "{flags:?}: {}", run.all());
        assert!(run.err.contains(named), "{flags:?}: {}", run.err);
        assert!(!run.err.contains("panicked"), "{}", run.err);
        assert!(
            !run.err.contains("127.0.0.1:9"),
            "{flags:?} reached AWS: {}",
            run.err
        );
    }
    let run = cfnkit(
        &[
            "smoke",
            s(&dir),
            "--timeout",
            "300",
            "--token-url",
            "http://127.0.0.1:9/{pool_id}",
        ],
        &[("AWS_ENDPOINT_URL", "http://127.0.0.1:9")],
    );
    assert!(
        !run.err.contains("--timeout") && !run.err.contains("--token-url"),
        "{}",
        run.err
    );
}
