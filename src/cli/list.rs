//! `list`: stacks, resources and outputs.

use crate::app::Exit;
use crate::cli::Ctx;

pub(crate) fn run(ctx: &mut Ctx<'_>) -> Exit {
    let mut text = String::new();
    for stack in ctx.app.stacks() {
        text.push_str(&format!("{}\n  resources:\n", stack.name()));
        let width = stack
            .resource_types()
            .map(|(id, _)| id.len())
            .max()
            .unwrap_or(0);
        for (id, type_name) in stack.resource_types() {
            text.push_str(&format!("    {id:width$}  {type_name}\n"));
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
