//! `list`: stacks, resources and outputs.

use crate::app::Exit;
use crate::cli::Ctx;

pub(crate) fn run(ctx: &mut Ctx<'_>) -> Exit {
    let mut text = String::new();
    for stack in ctx.app.stacks() {
        text.push_str(&format!("{}\n  resources:\n", stack.name()));
        // The model has the final logical ids (a deployment's hash is known at synth).
        let model = stack.model();
        let width = model
            .resources()
            .map(|r| r.logical_id().len())
            .max()
            .unwrap_or(0);
        for r in model.resources() {
            text.push_str(&format!(
                "    {:width$}  {}\n",
                r.logical_id(),
                r.type_name()
            ));
        }
        let outputs = stack.output_names();
        if !outputs.is_empty() {
            text.push_str("  outputs:\n");
            for name in outputs {
                text.push_str(&format!("    {name}\n"));
            }
        }
    }
    match ctx.out.write_all(text.as_bytes()) {
        Ok(()) => Exit::Success,
        Err(e) => ctx.usage(format!("cannot write the list: {e}")),
    }
}
