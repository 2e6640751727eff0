//! `diff`: what changed against a previous synth, and what that replaces.

use std::path::Path;

use cfnkit_core::{TemplateDiff, TemplateFormat, diff_templates};
use serde_json::Value;

use crate::app::Exit;
use crate::cli::Ctx;
use crate::cli::args::DiffArgs;
use crate::cli::synth::synth_selected;

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &DiffArgs) -> Exit {
    let against = &args.against;
    // A single template file: read it before synth, so bad input fails fast.
    let manifest = if against.is_dir() {
        match Manifest::read(against) {
            Ok(manifest) => Some(manifest),
            Err(e) => return ctx.usage(e),
        }
    } else {
        None
    };
    let single = if manifest.is_some() {
        None
    } else {
        if args.stack.is_none() && ctx.app.stacks().len() != 1 {
            return ctx.usage(format!(
                "{} is one template but the app has several stacks ({}); name one with --stack",
                against.display(),
                crate::cli::names(ctx.app)
            ));
        }
        match read_template(against) {
            Ok(t) => Some(t),
            Err(e) => return ctx.usage(e),
        }
    };
    let current = match synth_selected(ctx, args.stack.as_deref(), TemplateFormat::Json) {
        Ok(current) => current,
        Err(exit) => return exit,
    };
    let mut changed = false;
    let mut report = String::new();
    for (meta, out) in &current {
        let old = match (&single, &manifest) {
            (Some(t), _) => Some(t.clone()),
            (None, Some(manifest)) => match manifest.previous(&meta.name) {
                Ok(t) => t,
                Err(e) => return ctx.usage(e),
            },
            (None, None) => None,
        };
        let empty = Value::Object(Default::default());
        let diff: TemplateDiff = diff_templates(
            old.as_ref().unwrap_or(&empty),
            out.template.as_json(),
            &crate::types::create_only_properties,
        );
        changed |= !diff.is_empty();
        let note = if old.is_none() { " (new stack)" } else { "" };
        report.push_str(&format!("stack {}{note}:\n{diff}", meta.name));
    }
    if let Err(e) = ctx.out.write_all(report.as_bytes()) {
        return ctx.usage(format!("cannot write the report: {e}"));
    }
    if changed {
        Exit::Findings
    } else {
        Exit::Success
    }
}

/// The `manifest.json` of a directory written by `synth --out`: which stacks it holds and
/// where their templates are.
struct Manifest {
    dir: std::path::PathBuf,
    /// `(stack, template file)` in the manifest's order.
    stacks: Vec<(String, String)>,
}

impl Manifest {
    fn read(dir: &Path) -> Result<Manifest, String> {
        let path = dir.join("manifest.json");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{} has no readable manifest.json ({e}): give a directory written by `synth --out`, or a template file",
                dir.display()
            )
        })?;
        let json: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
        let stacks = json
            .get("stacks")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{} has no list of stacks", path.display()))?
            .iter()
            .map(|s| {
                let field = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_owned);
                match (field("name"), field("template")) {
                    (Some(name), Some(template)) => Ok((name, template)),
                    _ => Err(format!(
                        "{}: a stack without a name and a template: {s}",
                        path.display()
                    )),
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Manifest {
            dir: dir.to_owned(),
            stacks,
        })
    }

    /// The stack's previous template; `None` when the manifest does not list the stack
    /// (a new stack). A template the manifest names must be there, and stay inside the
    /// directory.
    fn previous(&self, stack: &str) -> Result<Option<Value>, String> {
        let Some((_, file)) = self.stacks.iter().find(|(name, _)| name == stack) else {
            return Ok(None);
        };
        let inside = Path::new(file)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside {
            return Err(format!(
                "{}/manifest.json names the template '{file}' of stack '{stack}' outside the directory",
                self.dir.display()
            ));
        }
        let path = self.dir.join(file);
        if !path.is_file() {
            return Err(format!(
                "{}/manifest.json lists stack '{stack}' with the template {file}, which is missing: write the directory again with `synth --out`",
                self.dir.display()
            ));
        }
        read_template(&path).map(Some)
    }
}

/// Reads a template in JSON or YAML; refuses anything without a `Resources` map.
fn read_template(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        // YAML with CloudFormation's short forms (`!Ref`, …) read as cfn-lint reads them;
        // a file that is neither says what is wrong with it as YAML.
        Err(_) => cfnkit_core::yaml_to_json(&text).map_err(|yaml_err| {
            format!(
                "{} is neither a JSON nor a YAML template: {yaml_err}",
                path.display()
            )
        })?,
    };
    if value.get("Resources").is_some_and(Value::is_object) {
        Ok(value)
    } else {
        Err(format!(
            "{} is not a CloudFormation template: it has no Resources section",
            path.display()
        ))
    }
}
