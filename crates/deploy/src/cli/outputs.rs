//! `cfnkit outputs DIR`: the deployed stacks' outputs, as text or JSON.

use super::args::{OutputsArgs, OutputsFormat};
use crate::assembly::Assembly;
use crate::aws::{Aws, Settings};
use crate::exit::{Problem, ToolExit};
use crate::outputs;
use crate::term::Console;

pub(crate) async fn run(
    console: &mut Console<'_>,
    settings: &Settings,
    args: &OutputsArgs,
) -> Result<ToolExit, Problem> {
    let assembly = Assembly::read(&args.dir)?;
    let names: Vec<String> = args.stack.iter().cloned().collect();
    let stacks = assembly.select(&names)?;
    let aws = Aws::connect(settings).await?;
    let mut exit = ToolExit::Success;
    let mut found = Vec::new();
    for stack in stacks {
        match aws.describe_stack(&stack.name).await? {
            Some(d) if d.state() != crate::aws::StackState::Deleted => found.push(d),
            _ => {
                console.error(&format!(
                    "stack {} is not deployed in {}: deploy it with `cfnkit deploy {}`",
                    stack.name,
                    aws.target(),
                    args.dir.display()
                ));
                exit = ToolExit::Failed;
            }
        }
    }
    match args.format {
        OutputsFormat::Json => console.text(&outputs::to_json(&found)),
        OutputsFormat::Text => {
            for d in &found {
                console.line(&format!("stack {} ({}):", d.name, d.status));
                console.text(&outputs::to_text(d));
            }
        }
    }
    Ok(exit)
}
