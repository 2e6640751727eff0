//! `access`: who may call what, for every REST API of every stack of the app.

use cfnkit_apigateway::{AccessFormat, AccessModel};
use cfnkit_core::StackModel;

use crate::app::Exit;
use crate::cli::Ctx;
use crate::cli::args::{AccessArgs, AccessFormatArg};

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &AccessArgs) -> Exit {
    let format = match args.format {
        AccessFormatArg::Text => AccessFormat::Text,
        AccessFormatArg::Json => AccessFormat::Json,
        AccessFormatArg::Markdown => AccessFormat::Markdown,
    };
    match access_model(ctx.app).matrix() {
        Ok(matrix) => match ctx.out.write_all(matrix.render(format).as_bytes()) {
            Ok(()) => Exit::Success,
            Err(e) => ctx.usage(format!("cannot write the access matrix: {e}")),
        },
        Err(diagnostics) => {
            ctx.diagnostics(&diagnostics);
            Exit::Findings
        }
    }
}

/// The access design of every stack of the app, read together.
pub(crate) fn access_model(app: &crate::App) -> AccessModel {
    let models: Vec<StackModel<'_>> = app.stacks().iter().map(|s| s.model()).collect();
    AccessModel::of_stacks(&models)
}
