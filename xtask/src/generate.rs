//! `gen-l1`: renders every crate's `src/l1/` and writes it, or checks it is up to date.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::crate_model::CrateModel;
use crate::emit;
use crate::model;
use crate::overrides::{self, RESOURCES};
use crate::registry::Registry;

/// A file to generate, relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path, relative to the workspace root.
    pub path: PathBuf,
    /// The formatted source.
    pub text: String,
}

/// Every generated file, formatted.
pub fn generate(registry: &Registry, root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let mut crates: Vec<&'static str> = Vec::new();
    for spec in RESOURCES {
        if !crates.contains(&spec.krate) {
            crates.push(spec.krate);
        }
    }
    let mut files = Vec::new();
    for krate in crates {
        for (name, text) in crate_files(registry, krate)? {
            files.push(GeneratedFile {
                path: Path::new("crates").join(krate).join("src/l1").join(name),
                text: rustfmt(&text, root)?,
            });
        }
    }
    Ok(files)
}

/// The model of one crate's L1s.
pub fn crate_model(registry: &Registry, krate: &'static str) -> Result<CrateModel, String> {
    let parsed = RESOURCES
        .iter()
        .filter(|spec| spec.krate == krate)
        .map(|spec| model::parse(spec, &registry.schema(spec.type_name)?))
        .collect::<Result<Vec<_>, String>>()?;
    check_rule_tables(krate, &parsed)?;
    CrateModel::build(krate, parsed)
}

/// Fails on an entry of [`overrides::RULE_HOOKS`] or [`overrides::RULE_CHECKED`] that names
/// a type or property the crate does not have: a typo there would silently drop a check.
fn check_rule_tables(krate: &str, parsed: &[model::ParsedResource]) -> Result<(), String> {
    let of_crate = |type_name: &str| {
        RESOURCES
            .iter()
            .any(|r| r.type_name == type_name && r.krate == krate)
    };
    for hook in overrides::RULE_HOOKS
        .iter()
        .filter(|h| of_crate(h.type_name))
    {
        if !parsed.iter().any(|p| p.spec.type_name == hook.type_name) {
            return Err(format!("RULE_HOOKS: {} is not generated", hook.type_name));
        }
    }
    for (site, _) in overrides::RULE_CHECKED
        .iter()
        .filter(|(s, _)| of_crate(s.type_name))
    {
        let object = parsed
            .iter()
            .find(|p| p.spec.type_name == site.type_name)
            .and_then(|p| {
                if site.owner.is_empty() {
                    Some(&p.object)
                } else {
                    p.defs.iter().find(|(n, _)| n == site.owner).map(|(_, o)| o)
                }
            });
        if !object.is_some_and(|o| o.props.iter().any(|p| p.name == site.property)) {
            return Err(format!(
                "RULE_CHECKED: {} has no property {}.{}",
                site.type_name, site.owner, site.property
            ));
        }
    }
    Ok(())
}

/// `(file name, unformatted source)` of one crate's `l1/`.
fn crate_files(registry: &Registry, krate: &'static str) -> Result<Vec<(String, String)>, String> {
    let model = crate_model(registry, krate)?;
    let sources = emit::modules(&model)?;
    let mut files = vec![("mod.rs".to_owned(), emit::mod_rs(&model, &sources))];
    files.extend(
        sources
            .into_iter()
            .map(|s| (format!("{}.rs", s.module), s.text)),
    );
    Ok(files)
}

/// Formats Rust source as `cargo fmt` would (edition 2024, the workspace's rustfmt config).
pub fn rustfmt(source: &str, root: &Path) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(source.as_bytes())
            .map_err(|e| format!("rustfmt: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt rejected generated code:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("rustfmt: {e}"))
}

/// Writes the files (or, with `check`, only compares them) and removes generated files that
/// are no longer generated. Returns the paths that were (or would be) changed.
pub fn sync(files: &[GeneratedFile], root: &Path, check: bool) -> Result<Vec<String>, String> {
    let mut changed = Vec::new();
    for file in files {
        let path = root.join(&file.path);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(file.text.as_str()) {
            continue;
        }
        changed.push(file.path.display().to_string());
        if !check {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, &file.text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    for stale in stale_files(files, root)? {
        changed.push(format!("{} (no longer generated)", stale.display()));
        if !check {
            std::fs::remove_file(root.join(&stale))
                .map_err(|e| format!("{}: {e}", stale.display()))?;
        }
    }
    Ok(changed)
}

/// Generated files in the `l1/` directories that the current generator does not produce.
fn stale_files(files: &[GeneratedFile], root: &Path) -> Result<Vec<PathBuf>, String> {
    let dirs: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
    let mut stale = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = dir.join(entry.file_name());
            let generated = std::fs::read_to_string(entry.path())
                .is_ok_and(|text| text.starts_with("// @generated by cargo xtask gen-l1"));
            if generated && !files.iter().any(|f| f.path == path) {
                stale.push(path);
            }
        }
    }
    stale.sort();
    Ok(stale)
}
