//! `synth`: templates to stdout, or every artifact into a directory.

use cfnkit_core::{Diagnostics, Stack, Synthesized};
use serde_json::json;

use crate::app::Exit;
use crate::artifacts::Artifacts;
use crate::cli::Ctx;
use crate::cli::args::{Format, SynthArgs};

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &SynthArgs) -> Exit {
    let stacks = match crate::cli::select(ctx.app, args.stack.as_deref()) {
        Ok(stacks) => stacks,
        Err(e) => return ctx.usage(e),
    };
    let Some(results) = synth_all(ctx, &stacks) else {
        return Exit::Findings;
    };
    match &args.out {
        Some(dir) => write_artifacts(ctx, dir, args.format, &results),
        None => {
            let [(_, out)] = results.as_slice() else {
                return ctx.usage(format!(
                    "the app has several stacks ({}); name one with --stack, or write them all with --out DIR",
                    crate::cli::names(ctx.app)
                ));
            };
            match render(out, args.format) {
                Ok(text) => match ctx.out.write_all(text.as_bytes()) {
                    Ok(()) => Exit::Success,
                    Err(e) => ctx.usage(format!("cannot write the template: {e}")),
                },
                Err(e) => ctx.usage(e),
            }
        }
    }
}

/// Synthesises the stacks; prints every diagnostic. `None` when any stack has errors.
pub(crate) fn synth_all<'s>(
    ctx: &mut Ctx<'_>,
    stacks: &[&'s Stack],
) -> Option<Vec<(&'s Stack, Synthesized)>> {
    let mut ok = Vec::new();
    let mut failed: Vec<(&str, Diagnostics)> = Vec::new();
    for stack in stacks {
        match stack.synth() {
            Ok(out) => {
                ctx.diagnostics(&out.warnings);
                ok.push((*stack, out));
            }
            Err(d) => failed.push((stack.name(), d)),
        }
    }
    for (name, d) in &failed {
        ctx.diagnostics(d);
        let errors = d.errors().count();
        let _ = writeln!(
            ctx.err,
            "{}: synth of stack '{name}' failed with {errors} error{}",
            ctx.style.severity(cfnkit_core::Severity::Error),
            if errors == 1 { "" } else { "s" }
        );
    }
    failed.is_empty().then_some(ok)
}

fn render(out: &Synthesized, format: Format) -> Result<String, String> {
    match format {
        Format::Json => Ok(out.template.to_json()),
        Format::Yaml => out.template.to_yaml().map_err(|e| e.to_string()),
    }
}

/// The file name of a stack's template in an output directory.
pub(crate) fn template_file(stack: &str, format: Format) -> String {
    format!("{stack}.template.{}", format.extension())
}

fn write_artifacts(
    ctx: &mut Ctx<'_>,
    dir: &std::path::Path,
    format: Format,
    results: &[(&Stack, Synthesized)],
) -> Exit {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return ctx.usage(format!(
            "cannot create the output directory {}: {e}",
            dir.display()
        ));
    }
    let mut files = Artifacts::new();
    let mut manifest = Vec::new();
    for (stack, out) in results {
        let name = template_file(stack.name(), format);
        match render(out, format) {
            Ok(text) => files.add(dir.join(&name), text),
            Err(e) => return ctx.usage(e),
        }
        manifest.push(json!({"name": stack.name(), "template": name, "dependsOn": []}));
    }
    let manifest = json!({"app": ctx.app.name(), "stacks": manifest});
    files.add(dir.join("manifest.json"), cfnkit_core::to_json(&manifest));
    if let Err(e) = files.write() {
        return ctx.usage(format!(
            "cannot write the artifacts (the previous ones are intact): {e}"
        ));
    }
    for path in files.paths() {
        let _ = writeln!(ctx.err, "wrote {}", path.display());
    }
    Exit::Success
}
