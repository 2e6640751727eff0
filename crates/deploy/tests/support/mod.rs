//! What the `cfnkit` binary's tests share: running it in a clean environment, and writing
//! assemblies of the example apps.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cfnkit::App;

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// The exit status.
    pub code: i32,
    /// Standard output.
    pub out: String,
    /// Standard error.
    pub err: String,
}

impl Run {
    /// Both streams, for assertion messages.
    pub fn all(&self) -> String {
        format!(
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.out, self.err
        )
    }
}

/// Runs `cfnkit args` with only `env` (and PATH) in its environment, stdin closed: no
/// credentials, profile or region leaks in from the machine, and no instance metadata
/// service is ever asked.
pub fn cfnkit(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cfnkit"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/nonexistent/cfnkit-test/config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/cfnkit-test/credentials",
        )
        .env("HOME", "/nonexistent/cfnkit-test")
        .stdin(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().expect("the cfnkit binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8(output.stdout).unwrap(),
        err: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The environment for the emulator at `endpoint`: dummy credentials (ministack does not
/// check signatures), a region, the endpoint.
pub fn emulator_env(endpoint: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ACCESS_KEY_ID", "cfnkit-test".to_owned()),
        ("AWS_SECRET_ACCESS_KEY", "cfnkit-test".to_owned()),
        ("AWS_REGION", "us-east-1".to_owned()),
        ("AWS_ENDPOINT_URL", endpoint.to_owned()),
        ("NO_COLOR", "1".to_owned()),
    ]
}

/// `cfnkit args` against the emulator at `endpoint`.
pub fn cfnkit_at(endpoint: &str, args: &[&str]) -> Run {
    let env = emulator_env(endpoint);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    cfnkit(args, &env)
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cfnkit-deploy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `app`'s assembly into `dir` (`synth --out`).
pub fn synth(app: &App, dir: &Path) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let exit = app.run_from(
        ["app", "synth", "--out", dir.to_str().unwrap()],
        &mut out,
        &mut err,
    );
    assert_eq!(
        exit,
        cfnkit::Exit::Success,
        "{}",
        String::from_utf8_lossy(&err)
    );
}

/// The path as a `&str`.
pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Asserts a run's exit status, with everything it printed on failure.
#[track_caller]
pub fn expect(run: &Run, code: i32) {
    assert_eq!(run.code, code, "{}", run.all());
    assert!(!run.err.contains("panicked"), "{}", run.all());
}

/// The `(step, problem)` pairs of the FAIL lines of `cfnkit smoke`'s output: a `FAIL
/// <step>: …` line followed by indented `<problem>: …` lines.
pub fn smoke_failures(out: &str) -> std::collections::BTreeSet<(String, String)> {
    let mut found = std::collections::BTreeSet::new();
    let mut step: Option<String> = None;
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("FAIL ") {
            step = rest.split(':').next().map(str::to_owned);
        } else if let (Some(s), Some(problem)) = (&step, line.strip_prefix("       ")) {
            let what = problem.split(':').next().unwrap_or_default();
            found.insert((s.clone(), what.to_owned()));
        } else {
            step = None;
        }
    }
    found
}
