//! Finding cfn-lint's copy of the CloudFormation registry schemas, and reading them.
//!
//! The schemas are located, in order, through:
//! 1. `CFN_LINT_SCHEMAS`: a path to `.../cfnlint/data/schemas`;
//! 2. the `cfnlint` package of `<workspace>/.venv/bin/python` (installed by
//!    `tools/ensure-venv.sh`) or of `python3`.
//!
//! The copy found must be cfn-lint [`PINNED_CFN_LINT`]: the committed L1s are generated from
//! that version, and a different one would make both the generator and the completeness
//! tests disagree with them for reasons unrelated to the code.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;

/// The cfn-lint version the committed L1s are generated from.
pub const PINNED_CFN_LINT: &str = "1.58.0";

/// The environment variable that points at `.../cfnlint/data/schemas`.
pub const SCHEMAS_ENV: &str = "CFN_LINT_SCHEMAS";

/// The environment variable a run sets to `1` to skip (with a note) the tests whose tools
/// are missing; without it a missing cfn-lint fails them.
pub const SKIP_TOOLS_ENV: &str = "CFNKIT_SKIP_TOOLS";

/// The Python snippet that prints where the `cfnlint` package is installed.
const FIND_CFNLINT: &str = "import cfnlint,os;print(os.path.dirname(cfnlint.__file__))";

/// cfn-lint's registry schemas: `providers/us-east-1.json` maps each type name to a file stem
/// under `resources/`.
#[derive(Debug, Clone)]
pub struct Registry {
    dir: PathBuf,
    version: String,
    providers: serde_json::Map<String, Json>,
}

impl Registry {
    /// Finds the schemas (see the module docs) and checks cfn-lint's version.
    pub fn locate() -> Result<Registry, String> {
        let registry = match std::env::var_os(SCHEMAS_ENV) {
            Some(dir) => Registry::open(Path::new(&dir))
                .map_err(|e| format!("{SCHEMAS_ENV}={}: {e}", Path::new(&dir).display()))?,
            None => Registry::from_python()?,
        };
        if registry.version != PINNED_CFN_LINT {
            return Err(format!(
                "cfn-lint {} found at {}, but the L1s are generated from cfn-lint {PINNED_CFN_LINT}; \
                 install that version (`pip install cfn-lint=={PINNED_CFN_LINT}`) or bump \
                 PINNED_CFN_LINT in xtask/src/registry.rs and regenerate",
                registry.version,
                registry.dir.display()
            ));
        }
        Ok(registry)
    }

    /// Reads the schemas in `dir` (`.../cfnlint/data/schemas`).
    pub fn open(dir: &Path) -> Result<Registry, String> {
        let providers = read_json(&dir.join("providers").join("us-east-1.json"))?;
        let Json::Object(providers) = providers else {
            return Err("providers/us-east-1.json is not a JSON object".to_owned());
        };
        Ok(Registry {
            dir: dir.to_path_buf(),
            version: cfn_lint_version(dir)?,
            providers,
        })
    }

    /// Asks each candidate Python interpreter where its `cfnlint` package is.
    fn from_python() -> Result<Registry, String> {
        // tools/ensure-venv.sh installs the pinned cfn-lint into <workspace>/.venv; if it
        // cannot (offline, no python3), fall back to whatever python3 has.
        let root = crate::workspace_root();
        let _ = Command::new("bash")
            .arg(root.join("tools/ensure-venv.sh"))
            .stdout(std::process::Stdio::null())
            .status();
        let candidates = [root.join(".venv/bin/python"), PathBuf::from("python3")];
        let mut tried = Vec::new();
        for python in &candidates {
            match cfnlint_dir(python) {
                Ok(package) => return Registry::open(&package.join("data").join("schemas")),
                Err(e) => tried.push(format!("{}: {e}", python.display())),
            }
        }
        Err(format!(
            "cfn-lint's registry schemas not found; set {SCHEMAS_ENV} to .../cfnlint/data/schemas \
             or install cfn-lint=={PINNED_CFN_LINT} (tried {})",
            tried.join("; ")
        ))
    }

    /// The directory holding `providers/` and `resources/`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// cfn-lint's version, from `cfnlint/version.py`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The registry schema of a resource type, e.g. `AWS::Cognito::UserPool`.
    pub fn schema(&self, type_name: &str) -> Result<Json, String> {
        let stem = self
            .providers
            .get(type_name)
            .and_then(Json::as_str)
            .ok_or_else(|| format!("{type_name} is not in providers/us-east-1.json"))?;
        read_json(&self.dir.join("resources").join(format!("{stem}.json")))
    }
}

/// The registry for a completeness test. When cfn-lint cannot be found the test fails,
/// unless the run opts out with `CFNKIT_SKIP_TOOLS=1`: then `None`, after a note on stderr.
///
/// # Panics
///
/// When the schemas cannot be found and `CFNKIT_SKIP_TOOLS` is not `1`.
#[allow(clippy::panic, clippy::print_stderr)] // test support: skipping or failing loudly is the point
pub fn for_tests() -> Option<Registry> {
    match Registry::locate() {
        Ok(registry) => Some(registry),
        Err(e) if std::env::var(SKIP_TOOLS_ENV).as_deref() != Ok("1") => panic!(
            "cfn-lint's schemas are unavailable: {e}\n(set {SKIP_TOOLS_ENV}=1 to skip the tests \
             that need them)"
        ),
        Err(e) => {
            eprintln!("note: skipping the L1 completeness check: {e}");
            None
        }
    }
}

fn cfnlint_dir(python: &Path) -> Result<PathBuf, String> {
    let out = Command::new(python)
        .args(["-c", FIND_CFNLINT])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(stderr.lines().last().unwrap_or("failed").to_owned());
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

fn cfn_lint_version(schemas: &Path) -> Result<String, String> {
    let version_py = schemas.join("../../version.py");
    let text = std::fs::read_to_string(&version_py)
        .map_err(|e| format!("cannot read {}: {e}", version_py.display()))?;
    text.lines()
        .find_map(|line| line.trim().strip_prefix("__version__"))
        .and_then(|rest| rest.split('"').nth(1))
        .map(str::to_owned)
        .ok_or_else(|| format!("no __version__ in {}", version_py.display()))
}

fn read_json(path: &Path) -> Result<Json, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}
