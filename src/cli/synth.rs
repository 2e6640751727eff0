//! `synth`: templates to stdout, or every artifact into a directory.

use cfnkit_core::{StackSynth, Synthesized, TemplateFormat};
use serde_json::json;

use crate::app::Exit;
use crate::artifacts::Artifacts;
use crate::cli::Ctx;
use crate::cli::access::access_model;
use crate::cli::args::{Format, Profile, SynthArgs};
use crate::cli::openapi::{Rendering, render as render_api};
use cfnkit_apigateway::AccessFormat;
use cfnkit_openapi::Placeholders;

/// The access matrix of the app in an assembly (`access --format json`).
pub(crate) const ACCESS_FILE: &str = "access.json";

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &SynthArgs) -> Exit {
    if args.out.is_none() && args.stack.is_none() && ctx.app.stacks().len() > 1 {
        return ctx.usage(format!(
            "the app has several stacks ({}); name one with --stack, or write them all with --out DIR",
            crate::cli::names(ctx.app)
        ));
    }
    let written = match (args.format, args.minify) {
        (Format::Json, false) => TemplateFormat::Json,
        (Format::Json, true) => TemplateFormat::MinifiedJson,
        (Format::Yaml, false) => TemplateFormat::Yaml,
        (Format::Yaml, true) => return ctx.usage("--minify writes JSON; drop --format yaml"),
    };
    // Each template is rendered once, by synth, in the format written: the size quotas
    // are checked on these bytes.
    let results = match synth_selected(ctx, args.stack.as_deref(), written) {
        Ok(results) => results,
        Err(exit) => return exit,
    };
    match &args.out {
        Some(dir) => write_artifacts(ctx, dir, args.format, &results),
        None => {
            let Some((_, out)) = results.first() else {
                return ctx.usage("the app has no stack");
            };
            match ctx.out.write_all(out.text.as_bytes()) {
                Ok(()) => Exit::Success,
                Err(e) => ctx.usage(format!("cannot write the template: {e}")),
            }
        }
    }
}

/// A stack's successful synth: its name and dependencies, and the template.
pub(crate) type Done = (StackMeta, Synthesized);

/// A stack's name and the stacks it imports from.
pub(crate) struct StackMeta {
    pub name: String,
    pub depends_on: Vec<String>,
}

/// Synthesises the app with templates written in `format` and keeps the stack named (or
/// all, in deploy order); prints every diagnostic of those. Fails with the exit to take:
/// usage for an unknown name, findings when any of them has errors.
pub(crate) fn synth_selected(
    ctx: &mut Ctx<'_>,
    stack: Option<&str>,
    format: TemplateFormat,
) -> Result<Vec<Done>, Exit> {
    if let Err(e) = crate::cli::select(ctx.app, stack) {
        return Err(ctx.usage(e));
    }
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for StackSynth {
        name,
        result,
        depends_on,
        ..
    } in ctx.app.synth_as(format).stacks
    {
        if stack.is_some_and(|s| s != name) {
            continue;
        }
        match result {
            Ok(out) => {
                ctx.diagnostics(&out.warnings);
                ok.push((StackMeta { name, depends_on }, out));
            }
            Err(d) => failed.push((name, d)),
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
    if failed.is_empty() {
        Ok(ok)
    } else {
        Err(Exit::Findings)
    }
}

/// The file name of a stack's template in an output directory.
fn template_file(stack: &str, format: Format) -> String {
    format!("{stack}.template.{}", format.extension())
}

/// The code assets of the stack `name` as the manifest lists them (the function, the
/// assembly's file, the S3 key, the SHA-256), each file added once to `files`.
fn stack_assets(
    app: &crate::App,
    name: &str,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<serde_json::Value> {
    let Some(stack) = app.stacks().iter().find(|s| s.name() == name) else {
        return Vec::new();
    };
    stack
        .constructs::<cfnkit_lambda::Asset>()
        .map(|asset| {
            let file = asset.file_name();
            if !files.iter().any(|(n, _)| *n == file) {
                files.push((file.clone(), asset.bytes().to_vec()));
            }
            json!({
                "function": asset.function(),
                "file": file,
                "key": asset.s3_key(),
                "sha256": asset.hash(),
            })
        })
        .collect()
}

fn write_artifacts(
    ctx: &mut Ctx<'_>,
    dir: &std::path::Path,
    format: Format,
    results: &[Done],
) -> Exit {
    // Every file is rendered first: nothing is written unless all of them can be.
    let mut files: Vec<(String, String)> = Vec::new();
    let mut assets: Vec<(String, Vec<u8>)> = Vec::new();
    let mut manifest = Vec::new();
    for (meta, out) in results {
        let name = template_file(&meta.name, format);
        files.push((name.clone(), out.text.clone()));
        let mut entry = json!({"name": meta.name, "template": name, "dependsOn": meta.depends_on});
        let stack_assets = stack_assets(ctx.app, &meta.name, &mut assets);
        if !stack_assets.is_empty() {
            entry["assets"] = json!(stack_assets);
            entry["assetBucketParameter"] = json!(cfnkit_lambda::ASSET_BUCKET_PARAMETER);
        }
        manifest.push(entry);
    }
    let mut apis = Vec::new();
    for api in ctx.app.apis() {
        if !results
            .iter()
            .any(|(meta, _)| meta.name == api.stack.name())
        {
            continue;
        }
        let name = api.name();
        let mut entry = json!({"name": name, "stack": api.stack.name()});
        let public = api.public_profile();
        if let Err(why) = &public {
            let _ = writeln!(ctx.err, "note: no public document for {name}: {why}");
        }
        let profiles = [
            (Profile::Aws, "openapi", true),
            (Profile::Public, "public", public.is_ok()),
        ];
        for (profile, key, wanted) in profiles {
            if !wanted {
                continue;
            }
            let file = match profile {
                Profile::Aws => format!("{name}.openapi.json"),
                Profile::Public => format!("{name}.public.openapi.json"),
            };
            match render_api(api, profile, &Placeholders) {
                Ok(doc) => files.push((file.clone(), cfnkit_core::to_json(&doc))),
                Err(Rendering::Usage(e) | Rendering::Unresolved(e)) => {
                    let _ = writeln!(
                        ctx.err,
                        "{}: {e}",
                        ctx.style.severity(cfnkit_core::Severity::Error)
                    );
                    return Exit::Findings;
                }
            }
            entry[key] = json!(file);
        }
        apis.push(entry);
    }
    let access = match access_model(ctx.app).matrix() {
        Ok(matrix) => {
            files.push((ACCESS_FILE.to_owned(), matrix.render(AccessFormat::Json)));
            json!(ACCESS_FILE)
        }
        Err(diagnostics) => {
            let _ = writeln!(
                ctx.err,
                "note: no access matrix: {} value(s) it needs are computed at deploy time (see `access`)",
                diagnostics.len()
            );
            serde_json::Value::Null
        }
    };
    let manifest =
        json!({"app": ctx.app.name(), "stacks": manifest, "apis": apis, "access": access});
    files.push(("manifest.json".to_owned(), cfnkit_core::to_json(&manifest)));
    let mut artifacts = Artifacts::new(dir);
    let files = files
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()));
    for (name, bytes) in files.chain(assets) {
        if let Err(e) = artifacts.add(name, bytes) {
            return ctx.usage(format!("cannot write the artifacts: {e}"));
        }
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        return ctx.usage(format!(
            "cannot create the output directory {}: {e}",
            dir.display()
        ));
    }
    if let Err(e) = artifacts.write() {
        return ctx.usage(format!(
            "cannot write the artifacts (the previous ones are intact): {e}"
        ));
    }
    for path in artifacts.paths() {
        let _ = writeln!(ctx.err, "wrote {}", path.display());
    }
    Exit::Success
}
