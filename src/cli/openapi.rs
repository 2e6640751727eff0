//! `openapi`: a REST API's document, standalone or public.

use cfnkit_openapi::{Placeholders, Resolver, StackOutputs, Strict};
use serde_json::Value;

use crate::apis::AppApi;
use crate::app::Exit;
use crate::cli::Ctx;
use crate::cli::args::{OpenapiArgs, Profile, Resolve};

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &OpenapiArgs) -> Exit {
    let apis = ctx.app.apis();
    let api = match select(&apis, args.api.as_deref()) {
        Ok(api) => *api,
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
    /// The request cannot be met (no document, no public profile).
    Usage(String),
    /// Stack values the resolver could not resolve (every one listed).
    Unresolved(String),
}

/// The API's document in `profile`, stack values resolved by `resolver`.
pub(crate) fn render(
    api: AppApi<'_>,
    profile: Profile,
    resolver: &dyn Resolver,
) -> Result<Value, Rendering> {
    let Some(document) = api.document() else {
        return Err(Rendering::Usage(format!(
            "the Body of REST API '{}' is free JSON, not a cfnkit document; print it with synth",
            api.name()
        )));
    };
    match profile {
        Profile::Aws => document.render(resolver),
        Profile::Public => {
            let profile = api
                .public_profile()
                .map_err(|e| Rendering::Usage(e.to_string()))?;
            document.render_public(&profile, resolver)
        }
    }
    .map_err(|e| Rendering::Unresolved(e.to_string()))
}

fn select<'a, 'b>(apis: &'b [AppApi<'a>], name: Option<&str>) -> Result<&'b AppApi<'a>, String> {
    let names = || apis.iter().map(AppApi::name).collect::<Vec<_>>().join(", ");
    match (name, apis) {
        (_, []) => Err("the app has no REST API".to_owned()),
        (None, [api]) => Ok(api),
        (None, _) => Err(format!(
            "the app has several REST APIs ({}); name one with --api",
            names()
        )),
        (Some(name), _) => {
            let found: Vec<&AppApi<'a>> = apis.iter().filter(|a| a.is(name)).collect();
            match found.as_slice() {
                [api] => Ok(api),
                [] => Err(format!(
                    "no REST API '{name}'; the REST APIs are: {}",
                    names()
                )),
                _ => Err(format!(
                    "several stacks have a REST API '{name}'; name one as <stack>.<LogicalId>: {}",
                    names()
                )),
            }
        }
    }
}

/// Values from a deployed stack's outputs, mapped through the stack's own outputs.
fn outputs_resolver(
    ctx: &mut Ctx<'_>,
    api: AppApi<'_>,
    args: &OpenapiArgs,
) -> Result<StackOutputs, Exit> {
    let Some(file) = &args.outputs else {
        return Err(ctx.usage("--resolve outputs needs --outputs FILE"));
    };
    let text = std::fs::read_to_string(file)
        .map_err(|e| ctx.usage(format!("cannot read {}: {e}", file.display())))?;
    let outputs = StackOutputs::from_json(&text)
        .map_err(|e| ctx.usage(format!("{}: {e}", file.display())))?;
    let model = api.stack.model();
    Ok(outputs.map_outputs(
        model
            .outputs()
            .iter()
            .map(|(key, output)| (key.as_str(), output.value())),
    ))
}
