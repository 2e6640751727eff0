//! The weather example as a process, as the README documents it: exit codes, and the
//! committed `out/` artifacts are exactly what `synth --out` writes (plus the main
//! job's `template.json` and the `openapi` command's `openapi.json`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use cfnkit_testkit::repo_root;

/// The example's binary, built once (cargo test does not build examples a test names).
fn binary() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--example", "weather_stack"])
            .current_dir(repo_root())
            .status()
            .unwrap();
        assert!(status.success(), "building the example failed");
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| repo_root().join("target"), PathBuf::from);
        target.join("debug/examples/weather_stack")
    })
    .clone()
}

fn run(args: &[&str]) -> Output {
    Command::new(binary()).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn main_job_prints_the_committed_template() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string(repo_root().join("out/template.json")).unwrap()
    );
}

#[test]
fn openapi_prints_the_committed_standalone_document() {
    let out = run(&["openapi"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string(repo_root().join("out/openapi.json")).unwrap()
    );
}

#[test]
fn committed_out_dir_is_exactly_synth_out() {
    let dir = std::env::temp_dir().join(format!("cfnkit-weather-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = run(&["synth", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let names = |d: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    let written = names(&dir);
    let mut expected = written.clone();
    expected.extend(["openapi.json".to_owned(), "template.json".to_owned()]);
    expected.sort();
    assert_eq!(
        names(&repo_root().join("out")),
        expected,
        "out/ holds other files than synth --out writes"
    );
    for name in &written {
        let fresh = std::fs::read_to_string(dir.join(name)).unwrap();
        let committed = std::fs::read_to_string(repo_root().join("out").join(name)).unwrap();
        assert!(
            fresh == committed,
            "out/{name} is stale: run `cargo run --example weather_stack -- synth --out out/` and review the diff"
        );
    }
}

#[test]
fn exit_codes() {
    assert_eq!(run(&["validate"]).status.code(), Some(0));
    assert_eq!(run(&["list"]).status.code(), Some(0));
    assert_eq!(
        run(&[
            "diff",
            "--against",
            repo_root().join("out").to_str().unwrap()
        ])
        .status
        .code(),
        Some(0)
    );
    let bad = run(&["synth", "--no-such-flag"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--no-such-flag"));
    assert!(bad.stdout.is_empty());
    assert_eq!(run(&["synth", "--stack", "nope"]).status.code(), Some(2));
    assert_eq!(
        run(&["openapi", "--resolve", "strict"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["openapi", "--resolve", "outputs"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&[
            "diff",
            "--against",
            repo_root().join("Cargo.toml").to_str().unwrap()
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = run(&["synth", "--stack", "nope"]);
    assert!(
        !text(&plain.stderr).contains('\u{1b}'),
        "no colour when stderr is not a terminal"
    );
    let forced = run(&["--color", "always", "synth", "--stack", "nope"]);
    assert!(text(&forced.stderr).contains("\u{1b}[1;31merror\u{1b}[0m"));
}

#[test]
fn validate_passes_and_lists_every_suppression_with_its_reason() {
    // Text, as a reviewer reads it: exit 0 (nothing but suppressed findings), and each
    // accepted finding with the reason the stack gives for it.
    let out = run(&["validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    for rule in [
        "cognito/pool-retention",
        "cognito/mfa",
        "cognito/threat-protection",
        "apigateway/waf",
        "apigateway/request-validation",
    ] {
        assert!(report.contains(&format!("suppressed[{rule}]")), "{report}");
    }
    assert_eq!(
        report.matches("\n    reason: ").count(),
        report.matches("suppressed[").count(),
        "{report}"
    );
    cfnkit_testkit::assert_snapshot!("cli", "weather_validate", &report);
    // --strict too: suppressed findings are decisions, not warnings.
    let strict = run(&["validate", "--strict"]);
    assert_eq!(strict.status.code(), Some(0), "{}", text(&strict.stdout));
    // JSON, as tools read it.
    let json = run(&["validate", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0), "{}", text(&json.stderr));
    cfnkit_testkit::assert_snapshot!("cli", "weather_validate_json", text(&json.stdout));
}
