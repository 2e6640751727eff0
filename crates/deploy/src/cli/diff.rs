//! `cfnkit diff DIR`: the assembly's templates against the deployed ones (`GetTemplate`),
//! in the words of a cfnkit program's `diff`, replacements flagged.

use cfnkit::core::diff_templates;
use serde_json::Value;

use super::args::DiffArgs;
use crate::assembly::{Assembly, parse_template};
use crate::aws::{Aws, Settings};
use crate::exit::{Problem, ToolExit};
use crate::term::Console;

pub(crate) async fn run(
    console: &mut Console<'_>,
    settings: &Settings,
    args: &DiffArgs,
) -> Result<ToolExit, Problem> {
    let assembly = Assembly::read(&args.dir)?;
    let names: Vec<String> = args.stack.iter().cloned().collect();
    let stacks = assembly.select(&names)?;
    let aws = Aws::connect(settings).await?;
    let mut changed = false;
    let mut report = String::new();
    for stack in stacks {
        let deployed = aws.deployed_template(&stack.name).await?;
        let (old, note) = match deployed {
            Some(text) => (
                parse_template(&text).map_err(|e| {
                    Problem::error(format!(
                        "the deployed template of stack {} cannot be compared: {e}",
                        stack.name
                    ))
                })?,
                "",
            ),
            None => (Value::Object(Default::default()), " (not deployed)"),
        };
        let diff = diff_templates(&old, &stack.template, &cfnkit::create_only_properties);
        changed |= !diff.is_empty();
        report.push_str(&format!("stack {}{note}:\n{diff}", stack.name));
    }
    console.text(&report);
    Ok(if changed {
        ToolExit::Failed
    } else {
        ToolExit::Success
    })
}
