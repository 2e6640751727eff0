//! The deploy tool lives in a workspace of its own (crates/deploy): this workspace's lock
//! file, which every synthesising program here resolves against, holds no HTTP, TLS or AWS
//! crate, and the tool keeps this workspace's lints.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use std::path::Path;

use cfnkit_testkit::is_network_crate;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The package names of a Cargo.lock.
fn locked_packages(lock: &str) -> Vec<&str> {
    lock.lines()
        .filter_map(|line| line.strip_prefix("name = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .collect()
}

#[test]
fn this_workspace_locks_no_http_tls_or_aws_crate() {
    let root = read("Cargo.lock");
    let packages = locked_packages(&root);
    assert!(packages.contains(&"serde_json"), "{packages:?}");
    let bad: Vec<&&str> = packages.iter().filter(|p| is_network_crate(p)).collect();
    assert!(bad.is_empty(), "Cargo.lock holds {bad:?}");

    // The check can fail: the deploy tool's lock file has them.
    let deploy = read("crates/deploy/Cargo.lock");
    let tool = locked_packages(&deploy);
    for needed in ["ureq", "rustls", "ring", "aws-config", "cfnkit"] {
        assert!(
            tool.contains(&needed),
            "crates/deploy/Cargo.lock lacks {needed}"
        );
    }
}

/// The lines of the TOML tables whose header starts with `prefix`, headers left out.
fn lint_tables(manifest: &str, prefix: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut inside = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            inside = line.starts_with(prefix);
            if inside {
                lines.push(line.trim_start_matches(prefix).to_owned());
            }
        } else if inside && !line.trim().is_empty() && !line.starts_with('#') {
            lines.push(line.to_owned());
        }
    }
    lines
}

#[test]
fn the_deploy_tool_keeps_this_workspaces_lints() {
    let root = lint_tables(&read("Cargo.toml"), "[workspace.lints");
    let deploy = lint_tables(&read("crates/deploy/Cargo.toml"), "[lints");
    assert!(root.iter().any(|l| l.contains("unwrap_used")), "{root:?}");
    assert_eq!(
        deploy, root,
        "crates/deploy/Cargo.toml [lints] differ from the root's"
    );
}
