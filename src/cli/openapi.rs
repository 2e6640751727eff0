//! `openapi`: an API's document, standalone or public.

use cfnkit_openapi::{Placeholders, Resolver, StackOutputs, Strict};
use serde_json::Value;

use crate::api::Api;
use crate::app::Exit;
use crate::cli::Ctx;
use crate::cli::args::{OpenapiArgs, Profile, Resolve};

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &OpenapiArgs) -> Exit {
    let api = match select(ctx.app.apis(), args.api.as_deref()) {
        Ok(api) => api,
        Err(e) => return ctx.usage(e),
    };
    let resolver: Box<dyn Resolver> = match args.resolve {
        Resolve::Placeholders => Box::new(Placeholders),
        Resolve::Strict => Box::new(Strict),
        Resolve::Outputs => match outputs_resolver(ctx, api, args) {
            Ok(r) => Box::new(r),
            Err(exit) => return exit,
        },
    };
    match render(api, args.profile, resolver.as_ref()) {
        Ok(doc) => match ctx.out.write_all(cfnkit_core::to_json(&doc).as_bytes()) {
            Ok(()) => Exit::Success,
            Err(e) => ctx.usage(format!("cannot write the document: {e}")),
        },
        Err(Rendering::Usage(e)) => ctx.usage(e),
        Err(Rendering::Unresolved(e)) => {
            let label = ctx.style.severity(cfnkit_core::Severity::Error);
            let _ = write!(ctx.err, "{label}: {e}");
            Exit::Findings
        }
    }
}

/// Why a document could not be rendered.
pub(crate) enum Rendering {
    /// The request cannot be met (no public profile).
    Usage(String),
    /// Stack values the resolver could not resolve (every one listed).
    Unresolved(String),
}

/// The API's document in `profile`, stack values resolved by `resolver`.
pub(crate) fn render(
    api: &Api,
    profile: Profile,
    resolver: &dyn Resolver,
) -> Result<Value, Rendering> {
    match profile {
        Profile::Aws => api.document.render(resolver),
        Profile::Public => {
            let Some(public) = &api.public else {
                return Err(Rendering::Usage(format!(
                    "API '{}' has no public profile; give it one with Api::public (its token URL and scope descriptions)",
                    api.name
                )));
            };
            api.document.render_public(public, resolver)
        }
    }
    .map_err(|e| Rendering::Unresolved(e.to_string()))
}

fn select<'a>(apis: &'a [Api], name: Option<&str>) -> Result<&'a Api, String> {
    let names = || {
        apis.iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (name, apis) {
        (_, []) => Err("the app documents no API; add one with App::api".to_owned()),
        (None, [api]) => Ok(api),
        (None, _) => Err(format!(
            "the app has several APIs ({}); name one with --api",
            names()
        )),
        (Some(name), _) => apis
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| format!("no API named '{name}'; the APIs are: {}", names())),
    }
}

/// Values from a deployed stack's outputs, mapped through the stack's own template.
fn outputs_resolver(
    ctx: &mut Ctx<'_>,
    api: &Api,
    args: &OpenapiArgs,
) -> Result<StackOutputs, Exit> {
    let Some(file) = &args.outputs else {
        return Err(ctx.usage("--resolve outputs needs --outputs FILE"));
    };
    let text = std::fs::read_to_string(file)
        .map_err(|e| ctx.usage(format!("cannot read {}: {e}", file.display())))?;
    let outputs = StackOutputs::from_json(&text)
        .map_err(|e| ctx.usage(format!("{}: {e}", file.display())))?;
    let done = crate::cli::synth::synth_selected(ctx, Some(&api.stack))?;
    let template = done
        .first()
        .map(|(_, out)| out.template.as_json().clone())
        .unwrap_or_default();
    Ok(outputs.map_template_outputs(&template))
}
