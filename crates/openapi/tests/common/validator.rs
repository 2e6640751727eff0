//! The external OpenAPI validator (`openapi-spec-validator`), when it can be found.

use std::path::{Path, PathBuf};
use std::process::Command;

const TOOL: &str = "openapi-spec-validator";

/// `<repo>/.venv/bin/openapi-spec-validator` (tools/ensure-venv.sh), else the one on `PATH`.
fn find() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let venv = root.join(".venv/bin").join(TOOL);
    if venv.is_file() {
        return Some(venv);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(TOOL))
        .find(|p| p.is_file())
}

/// Validates `doc` as OpenAPI 3.0 with the external validator. When the tool is missing
/// this skips (with a note on stderr), unless `CFNKIT_REQUIRE_TOOLS=1`, which fails.
pub fn validate(name: &str, doc: &serde_json::Value) {
    let Some(tool) = find() else {
        assert!(
            std::env::var("CFNKIT_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{TOOL} not found (in .venv/bin or on PATH) and CFNKIT_REQUIRE_TOOLS=1"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipping the {TOOL} check of {name}: {TOOL} not found");
        }
        return;
    };
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("openapi-{name}.json"));
    std::fs::write(&file, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    let out = Command::new(&tool)
        .args(["--schema", "3.0"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{TOOL} rejects {name} ({}):\n{}{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
