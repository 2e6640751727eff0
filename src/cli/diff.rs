//! `diff`: what changed against a previous synth, and what that replaces.

use std::path::Path;

use cfnkit_core::{TemplateDiff, TemplateFormat, diff_templates};
use serde_json::Value;

use crate::app::Exit;
use crate::cli::Ctx;
use crate::cli::args::{DiffArgs, Format};
use crate::cli::synth::{synth_selected, template_file};

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &DiffArgs) -> Exit {
    let against = &args.against;
    // A single template file: read it before synth, so bad input fails fast.
    let single = if against.is_dir() {
        if let Err(e) = manifest_in(against) {
            return ctx.usage(e);
        }
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
        let old = match &single {
            Some(t) => Some(t.clone()),
            None => match previous_in_dir(against, &meta.name) {
                Ok(t) => t,
                Err(e) => return ctx.usage(e),
            },
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

/// Checks that `dir` was written by `synth --out`.
fn manifest_in(dir: &Path) -> Result<(), String> {
    if dir.join("manifest.json").is_file() {
        Ok(())
    } else {
        Err(format!(
            "{} has no manifest.json: give a directory written by `synth --out`, or a template file",
            dir.display()
        ))
    }
}

/// The stack's template in a `synth --out` directory, in either format; `None` when the
/// directory has none for it (a new stack).
fn previous_in_dir(dir: &Path, stack: &str) -> Result<Option<Value>, String> {
    for format in [Format::Json, Format::Yaml] {
        let path = dir.join(template_file(stack, format));
        if path.is_file() {
            return read_template(&path).map(Some);
        }
    }
    Ok(None)
}

/// Reads a template in JSON or YAML; refuses anything without a `Resources` map.
fn read_template(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(json_err) => serde_yaml::from_str(&text)
            .map_err(|_| format!("{} is neither JSON nor YAML ({json_err})", path.display()))?,
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
