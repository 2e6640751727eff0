//! Test support: the external validators the tests run, installed on demand into
//! `<repo>/.venv` by `tools/ensure-venv.sh` (pinned in `tools/requirements.txt`).
//!
//! Where they cannot be installed (no `python3`, no package index), a test that needs one
//! fails, saying what to install, unless the run opts out with `CFNKIT_SKIP_TOOLS=1`: then
//! the check is skipped with a note on stderr. A test that cannot fail is no test.
#![allow(clippy::panic, clippy::print_stderr, clippy::expect_used)] // Test support fails loudly.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub mod emulator;

/// The snapshot crate, for [`assert_snapshot!`].
pub use insta;

/// Asserts `text` against the reviewed snapshot `snapshots/<group>/<name>.snap` of the
/// repository (or `snapshots/<name>.snap` with the group `""`): the one place the insta
/// settings of the workspace live. A change is a `.snap.new` to review.
///
/// ```ignore
/// cfnkit_testkit::assert_snapshot!("cli", "help", &out);
/// // A crate's own snapshot directory:
/// cfnkit_testkit::assert_snapshot!(dir: concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"), "x", &out);
/// ```
#[macro_export]
macro_rules! assert_snapshot {
    (dir: $dir:expr, $name:expr, $text:expr $(,)?) => {{
        let mut settings = $crate::insta::Settings::clone_current();
        settings.set_snapshot_path(::std::path::PathBuf::from($dir));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| $crate::insta::assert_snapshot!($name, $text));
    }};
    ($group:expr, $name:expr, $text:expr $(,)?) => {{
        let mut settings = $crate::insta::Settings::clone_current();
        settings.set_snapshot_path($crate::repo_root().join("snapshots").join($group));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| $crate::insta::assert_snapshot!($name, $text));
    }};
}

/// Whether `name` is one of the HTTP, TLS or AWS crates that only the deploy tool may
/// depend on (checked on the synthesis workspace's lock file and on the facade's graph).
pub fn is_network_crate(name: &str) -> bool {
    ["ureq", "rustls", "ring", "hyper", "tokio", "base64"].contains(&name)
        || name.starts_with("aws-")
        || name.starts_with("rustls-")
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The variable a run sets to `1` to skip the checks whose tools are missing.
pub const SKIP_TOOLS_ENV: &str = "CFNKIT_SKIP_TOOLS";

/// Whether a missing tool must fail the test instead of skipping it: always, unless the
/// run opts out with `CFNKIT_SKIP_TOOLS=1`.
pub fn tools_required() -> bool {
    !std::env::var(SKIP_TOOLS_ENV).is_ok_and(|v| v == "1")
}

/// The venv's bin directory, or `None` (with a note printed) when it cannot be set up
/// and tools are not required.
pub fn venv_bin() -> Option<PathBuf> {
    static BIN: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let result = BIN.get_or_init(|| {
        let script = repo_root().join("tools/ensure-venv.sh");
        let out = Command::new("bash")
            .arg(&script)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
        if !out.status.success() {
            return Err(format!(
                "{} failed: {}",
                script.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    });
    match result {
        Ok(bin) => Some(bin.clone()),
        Err(e) if tools_required() => panic!(
            "the external validators could not be installed: {e}\nInstall python3 with venv and \
             pip (Debian: apt install python3-venv) and let tools/ensure-venv.sh reach PyPI, or \
             set {SKIP_TOOLS_ENV}=1 to skip these checks."
        ),
        Err(e) => {
            eprintln!("note: skipping an external validation: {e}");
            None
        }
    }
}

/// The directory of cfn-lint's CloudFormation registry schemas
/// (`…/cfnlint/data/schemas`), or `None` when unavailable and not required.
pub fn cfn_schemas_dir() -> Option<PathBuf> {
    let python = venv_bin()?.join("python");
    let out = Command::new(python)
        .args([
            "-c",
            "import cfnlint, os; print(os.path.dirname(cfnlint.__file__))",
        ])
        .output()
        .expect("the venv's python runs");
    assert!(
        out.status.success(),
        "cfnlint is not importable in the venv"
    );
    Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("data/schemas"))
}

/// Runs cfn-lint on a template file. Returns its findings (empty when clean), or `None`
/// when cfn-lint is unavailable and not required.
pub fn cfn_lint(template: &Path) -> Option<String> {
    let bin = venv_bin()?;
    let out = Command::new(bin.join("cfn-lint"))
        .args(["--format", "parseable", "--"])
        .arg(template)
        .output()
        .expect("cfn-lint runs");
    let findings =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        assert!(
            findings.trim().is_empty(),
            "cfn-lint exited 0 but printed: {findings}"
        );
    } else {
        assert!(
            !findings.trim().is_empty(),
            "cfn-lint failed without findings: {:?}",
            out.status
        );
    }
    Some(findings)
}

/// Writes `template` to a temporary file and asserts cfn-lint finds nothing in it.
pub fn assert_cfn_lint_clean(name: &str, template: &str) {
    let file = std::env::temp_dir().join(format!("cfnkit-{}-{name}.json", std::process::id()));
    std::fs::write(&file, template).expect("the temp dir is writable");
    if let Some(findings) = cfn_lint(&file) {
        assert!(
            findings.trim().is_empty(),
            "cfn-lint finds problems in {name}:\n{findings}"
        );
    }
}

/// Runs cfn-lint with its informational checks too (`--include-checks I`: I3011 and the
/// like, what the policy pack mirrors) on a template file. Returns its findings (empty
/// when clean), or `None` when cfn-lint is unavailable and not required.
pub fn cfn_lint_informational(template: &Path) -> Option<String> {
    let bin = venv_bin()?;
    let out = Command::new(bin.join("cfn-lint"))
        .args(["--include-checks", "I", "--format", "parseable", "--"])
        .arg(template)
        .output()
        .expect("cfn-lint runs");
    let findings =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.success(),
        findings.trim().is_empty(),
        "cfn-lint's exit status and output disagree ({:?}): {findings}",
        out.status
    );
    Some(findings)
}

/// Writes `template` to a temporary file and asserts cfn-lint, informational checks
/// included, finds nothing in it.
pub fn assert_cfn_lint_clean_informational(name: &str, template: &str) {
    let file = std::env::temp_dir().join(format!("cfnkit-{}-{name}-i.json", std::process::id()));
    std::fs::write(&file, template).expect("the temp dir is writable");
    if let Some(findings) = cfn_lint_informational(&file) {
        assert!(
            findings.trim().is_empty(),
            "cfn-lint --include-checks I finds problems in {name}:\n{findings}"
        );
    }
}

/// What openapi-spec-validator finds wrong with `doc` as OpenAPI 3.0 (empty when it is
/// valid), or `None` when the tool is unavailable and not required.
pub fn openapi_spec_errors(name: &str, doc: &serde_json::Value) -> Option<String> {
    let bin = venv_bin()?;
    let file =
        std::env::temp_dir().join(format!("cfnkit-{}-openapi-{name}.json", std::process::id()));
    let text = serde_json::to_string_pretty(doc).expect("JSON values serialize");
    std::fs::write(&file, text).expect("the temp dir is writable");
    let out = Command::new(bin.join("openapi-spec-validator"))
        .args(["--schema", "3.0"])
        .arg(&file)
        .output()
        .expect("openapi-spec-validator runs");
    if out.status.success() {
        return Some(String::new());
    }
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !report.trim().is_empty(),
        "openapi-spec-validator failed without a report: {:?}",
        out.status
    );
    Some(report)
}

/// Validates `doc` as OpenAPI 3.0 with openapi-spec-validator. Skips (with a note) only
/// when the run opts out of missing tools.
pub fn assert_openapi_valid(name: &str, doc: &serde_json::Value) {
    if let Some(report) = openapi_spec_errors(name, doc) {
        assert!(
            report.is_empty(),
            "openapi-spec-validator rejects {name}:\n{report}"
        );
    }
}

/// The OpenAPI 3.0 Schema semantics (`nullable`, `format: date`, …) as
/// openapi-schema-validator implements them, on `instance` against the schema
/// `components.schemas.<schema>` of `doc`. Returns the findings (`<pointer>: <message>`,
/// empty when it conforms), or `None` when the tool is unavailable and not required.
///
/// An independent implementation of the dialect, rather than cfnkit's own reading of it:
/// it catches a schema that says something other than what its authors meant.
pub fn openapi_schema_errors(
    name: &str,
    doc: &serde_json::Value,
    schema: &str,
    instance: &serde_json::Value,
) -> Option<Vec<String>> {
    const SCRIPT: &str = r##"
import json, sys
from openapi_schema_validator import OAS30Validator, oas30_format_checker
doc, instance, name = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
schemas = doc.get("components", {}).get("schemas", {})
if name not in schemas:
    sys.exit("no schema %r in components.schemas (has: %s)" % (name, ", ".join(schemas)))
for schema in schemas.values():
    OAS30Validator.check_schema(schema)
root = {"$ref": "#/components/schemas/" + name, "components": doc["components"]}
validator = OAS30Validator(root, format_checker=oas30_format_checker)
for e in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
    print("/" + "/".join(map(str, e.absolute_path)) + ": " + e.message)
"##;
    let bin = venv_bin()?;
    let dir = std::env::temp_dir();
    let stem = format!("cfnkit-{}-schema-{name}", std::process::id());
    let doc_file = dir.join(format!("{stem}-doc.json"));
    let instance_file = dir.join(format!("{stem}-instance.json"));
    std::fs::write(&doc_file, doc.to_string()).expect("the temp dir is writable");
    std::fs::write(&instance_file, instance.to_string()).expect("the temp dir is writable");
    let out = Command::new(bin.join("python"))
        .args(["-c", SCRIPT])
        .arg(&doc_file)
        .arg(&instance_file)
        .arg(schema)
        .output()
        .expect("the venv's python runs");
    assert!(
        out.status.success(),
        "openapi-schema-validator failed on {name}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect(),
    )
}

/// Asserts that `instance` conforms to the schema `components.schemas.<schema>` of `doc`
/// (see [`openapi_schema_errors`]). Skips (with a note) when the tool is unavailable and
/// not required.
pub fn assert_matches_openapi_schema(
    name: &str,
    doc: &serde_json::Value,
    schema: &str,
    instance: &serde_json::Value,
) {
    if let Some(errors) = openapi_schema_errors(name, doc, schema, instance) {
        assert!(
            errors.is_empty(),
            "{name} does not conform to the schema {schema}:\n{}",
            errors.join("\n")
        );
    }
}

/// Every finding of a stack's synth, whether it failed or only warned.
pub fn findings(stack: &cfnkit_core::Stack) -> cfnkit_core::Diagnostics {
    match stack.synth() {
        Ok(out) => out.warnings,
        Err(diagnostics) => diagnostics,
    }
}

/// The findings of `diagnostics` (of `stack`) that are not the policy pack's: for tests of
/// constructs and rules that are not about hardening.
pub fn without_policy(
    stack: &cfnkit_core::Stack,
    diagnostics: &cfnkit_core::Diagnostics,
) -> cfnkit_core::Diagnostics {
    let pack = stack.model().policy();
    cfnkit_core::Diagnostics(
        diagnostics
            .iter()
            .filter(|d| !pack.contains_key(d.rule))
            .cloned()
            .collect(),
    )
}

/// The findings of `rule` in `stack`, one per line, after asserting that there is at least
/// one, each of `severity`, and that no other rule fired except those in `also` and the
/// policy pack's hardening checks (a stack broken for one rule need not be hardened; a
/// pack rule's own test names it as `rule`). For the one-failing-stack-per-rule tests,
/// which snapshot the result.
pub fn only_rule(
    stack: &cfnkit_core::Stack,
    rule: &str,
    severity: cfnkit_core::Severity,
    also: &[&str],
) -> String {
    let all = findings(stack);
    let pack = stack.model().policy();
    let unexpected: Vec<String> = all
        .iter()
        .filter(|d| d.rule != rule && !also.contains(&d.rule))
        .filter(|d| !pack.contains_key(d.rule))
        .map(ToString::to_string)
        .collect();
    assert!(
        unexpected.is_empty(),
        "other findings:\n{}",
        unexpected.join("\n")
    );
    let mine: Vec<String> = all
        .iter()
        .filter(|d| d.rule == rule)
        .inspect(|d| assert_eq!(d.severity, severity, "{d}"))
        .map(ToString::to_string)
        .collect();
    assert!(!mine.is_empty(), "no {rule} finding in:\n{all}");
    mine.join("\n")
}

/// Asserts `stack` breaks the policy rule `rule` (`<group>/<name>`) with `severity` (other
/// rules of the packs may fire too; see [`only_rule`]), and its findings against the
/// reviewed snapshot `snapshots/<group>/<name>.snap`: a pack rule's failing test.
pub fn assert_pack_rule_fails(
    stack: &cfnkit_core::Stack,
    rule: &str,
    severity: cfnkit_core::Severity,
) {
    let mine = only_rule(stack, rule, severity, &[]);
    let (group, name) = rule.split_once('/').unwrap_or(("", rule));
    assert_snapshot!(group, name, mine);
}

/// Asserts `stack` has no finding of the policy rule `rule`, and no finding outside the
/// packs: a pack rule's passing test.
pub fn assert_pack_rule_passes(stack: &cfnkit_core::Stack, rule: &str) {
    let all = findings(stack);
    assert!(
        all.iter().all(|d| d.rule != rule),
        "{rule} fired on a stack that passes it:\n{all}"
    );
    let others = without_policy(stack, &all);
    assert!(others.is_empty(), "{others}");
}

/// A policy pack's documentation: every rule once, each one in `all` (the crate's rule
/// ids), with a check, rationale, source and fix worth reading, and a source to cite.
pub fn assert_pack_documented(pack: &[cfnkit_core::PolicyRule], all: &[&str]) {
    let ids: Vec<&str> = pack.iter().map(|r| r.id).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "a rule is listed twice: {ids:?}");
    for rule in pack {
        assert!(all.contains(&rule.id), "{} not in ALL", rule.id);
        for (what, text) in [
            ("check", rule.check),
            ("rationale", rule.rationale),
            ("source", rule.source),
            ("fix", rule.fix),
        ] {
            assert!(text.len() > 20, "{}: {what} is too short: {text}", rule.id);
        }
        assert!(
            rule.source.contains("https://"),
            "{}: cite a source",
            rule.id
        );
    }
}

/// Every rule of a policy pack has a reviewed snapshot of its message, at
/// `snapshots/<group>/<name>.snap` for the rule `<group>/<name>`.
pub fn assert_pack_snapshots(pack: &[cfnkit_core::PolicyRule]) {
    for rule in pack {
        let (group, name) = rule.id.split_once('/').unwrap_or(("", rule.id));
        let snap = repo_root()
            .join("snapshots")
            .join(group)
            .join(format!("{name}.snap"));
        assert!(snap.is_file(), "{}: no {}", rule.id, snap.display());
    }
}
