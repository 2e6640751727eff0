//! The facade (and so every program that only synthesises, such as the weather example)
//! compiles no HTTP, TLS or AWS crate: those belong to this crate alone. (The synthesis
//! workspace's own test, tests/deploy_workspace.rs, checks its lock file holds none.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use std::process::Command;

use cfnkit_testkit::is_network_crate;

/// The crates of `package`'s normal dependency graph, as `cargo tree` lists them (`dev`
/// edges are followed too, since this crate reaches `weather` only through one; the
/// synthesis crates' own dev-dependencies are not resolved in this workspace).
fn dependency_tree(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--locked",
            "-p",
            package,
            "-e",
            "normal,dev",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree -p {package}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn synthesising_programs_have_no_http_tls_or_aws_crate() {
    for package in ["cfnkit", "weather"] {
        let tree = dependency_tree(package);
        assert!(
            tree.iter().any(|c| c == "serde_json"),
            "{package}: {tree:?}"
        );
        let bad: Vec<&String> = tree.iter().filter(|c| is_network_crate(c)).collect();
        assert!(bad.is_empty(), "{package} depends on {bad:?}");
    }
    // The check can fail: this crate has them all.
    let tool = dependency_tree("cfnkit-deploy");
    for needed in ["ureq", "rustls", "ring", "aws-config"] {
        assert!(
            tool.iter().any(|c| c == needed),
            "cfnkit-deploy lacks {needed}"
        );
    }
}
