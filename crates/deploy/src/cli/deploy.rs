//! `cfnkit deploy DIR`: each stack in deploy order through a change set: preview,
//! confirmation, execution followed live, outputs.

use std::path::Path;

use super::args::DeployArgs;
use super::list;
use crate::assembly::{Assembly, AssemblyStack};
use crate::assets;
use crate::aws::{
    Aws, ChangeSet, ChangeSetOutcome, DeployedStack, Settings, StackEvents, StackState,
};
use crate::exit::{Problem, ToolExit};
use crate::follow::{Ended, follow};
use crate::outputs;
use crate::preview;
use crate::term::Console;

/// The most bytes CloudFormation takes as a `TemplateBody`.
const TEMPLATE_BODY_LIMIT: usize = 51_200;

/// How one stack's deployment ended.
enum Outcome {
    /// Created or updated, or nothing to change.
    Deployed(DeployedStack),
    /// Not deployed (declined, refused, failed): the later stacks are not deployed either.
    Stopped,
}

pub(crate) async fn run(
    console: &mut Console<'_>,
    settings: &Settings,
    args: &DeployArgs,
) -> Result<ToolExit, Problem> {
    let assembly = Assembly::read(&args.dir)?;
    let stacks = assembly.select(&args.stacks)?;
    for stack in &stacks {
        if stack.template_text.len() > TEMPLATE_BODY_LIMIT {
            return Err(Problem::error(format!(
                "stack {}: its template is {} bytes, over the {TEMPLATE_BODY_LIMIT} bytes \
                 CloudFormation takes in a request; cfnkit does not upload templates to S3 \
                 yet: make the template smaller (e.g. split the stack)",
                stack.name,
                stack.template_text.len()
            )));
        }
    }
    let aws = Aws::connect(settings).await?;
    let names: Vec<&str> = stacks.iter().map(|s| s.name.as_str()).collect();
    console.line(&format!(
        "deploy: app {}, stack{} {} to {}",
        assembly.app,
        if names.len() == 1 { "" } else { "s" },
        list(&names),
        aws.target()
    ));
    for stack in &stacks {
        for dependency in &stack.depends_on {
            if !names.contains(&dependency.as_str()) {
                console.note(&format!(
                    "note: stack {} uses values of stack {dependency}, which is not selected: \
                     it must be deployed already",
                    stack.name
                ));
            }
        }
    }
    let mut deployed = Vec::new();
    for stack in stacks {
        match deploy_one(
            &aws,
            console,
            &args.dir,
            stack,
            args.yes,
            args.asset_bucket.as_deref(),
        )
        .await?
        {
            Outcome::Deployed(d) => deployed.push(d),
            Outcome::Stopped => {
                let rest: Vec<&str> = names
                    .iter()
                    .skip_while(|n| **n != stack.name)
                    .skip(1)
                    .copied()
                    .collect();
                if !rest.is_empty() {
                    console.note(&format!("not deployed either: {}", list(&rest)));
                }
                return Ok(ToolExit::Failed);
            }
        }
    }
    for d in &deployed {
        console.line(&format!("outputs of stack {}:", d.name));
        console.text(&outputs::to_text(d));
    }
    if let Some(file) = &args.outputs_file {
        outputs::write_file(file, &deployed)?;
        console.note(&format!("outputs written to {}", file.display()));
    }
    Ok(ToolExit::Success)
}

async fn deploy_one(
    aws: &Aws,
    console: &mut Console<'_>,
    dir: &Path,
    stack: &AssemblyStack,
    yes: bool,
    asset_bucket: Option<&str>,
) -> Result<Outcome, Problem> {
    let name = &stack.name;
    let mut existing = aws.describe_stack(name).await?;
    let state = existing.as_ref().map(DeployedStack::state);
    let status = existing
        .as_ref()
        .map(|s| s.status.clone())
        .unwrap_or_default();
    let create = match state {
        None | Some(StackState::Deleted | StackState::Review) => true,
        Some(StackState::Stable) => false,
        Some(StackState::Busy) => {
            return Err(Problem::error(format!(
                "stack {name} is {status}: another operation is running on it; wait until it \
                 ends (cfnkit outputs {} shows its state) and deploy again",
                dir.display()
            )));
        }
        Some(StackState::UpdateRollbackFailed) => {
            return Err(Problem::error(format!(
                "stack {name} is UPDATE_ROLLBACK_FAILED: continue its rollback first (aws \
                 cloudformation continue-update-rollback --stack-name {name}), then deploy again"
            )));
        }
        Some(StackState::DeleteFailed) => {
            return Err(Problem::error(format!(
                "stack {name} is DELETE_FAILED: delete it again (cfnkit destroy {} --stack \
                 {name}) once what kept it is fixed, then deploy",
                dir.display()
            )));
        }
        Some(StackState::FailedCreate) => {
            let why = existing
                .as_ref()
                .and_then(|s| s.reason.clone())
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            let explained = format!(
                "stack {name} is {status}{why}: its creation failed and it can only be deleted"
            );
            let delete = if yes {
                console.line(&format!("{explained}; deleting it first (--yes)"));
                true
            } else if console.interactive {
                console.line(&explained);
                console.confirm(&format!("delete stack {name} now and deploy it again?"))
            } else {
                false
            };
            if !delete {
                return Err(Problem::error(format!(
                    "{explained}: delete it (cfnkit destroy {} --stack {name}, or deploy again \
                     with --yes) and deploy again",
                    dir.display()
                )));
            }
            if let Some(old) = existing.take() {
                delete_failed_stack(aws, console, &old).await?;
            }
            true
        }
    };

    let mut parameters = Vec::new();
    if let Some(parameter) = &stack.asset_bucket_parameter
        && !stack.assets.is_empty()
    {
        let bucket =
            assets::bucket_for(aws, console, stack, existing.as_ref(), asset_bucket).await?;
        assets::upload(aws, console, dir, &bucket.name, stack).await?;
        parameters.push((parameter.clone(), bucket.name));
    }
    let (capabilities, iam) = stack.capabilities();
    console.line(&format!(
        "stack {name}: computing the change set ({})",
        if create { "create" } else { "update" }
    ));
    let change_set = match aws
        .create_change_set(
            name,
            &stack.template_text,
            create,
            &parameters,
            &capabilities,
        )
        .await?
    {
        ChangeSetOutcome::NoChanges => {
            console.line(&format!("stack {name}: no changes"));
            return match aws.describe_stack(name).await? {
                Some(d) => Ok(Outcome::Deployed(d)),
                None => Err(Problem::failed(format!(
                    "stack {name}: CloudFormation found no changes but the stack is not there"
                ))),
            };
        }
        ChangeSetOutcome::Ready(change_set) => change_set,
    };
    console.text(&preview::render(name, &change_set));
    if !capabilities.is_empty() {
        console.line(&format!(
            "stack {name}: acknowledging {} (IAM resources: {})",
            capabilities.join(", "),
            list(&iam)
        ));
    }
    for (key, value) in &parameters {
        console.line(&format!("stack {name}: parameter {key} = {value}"));
    }

    let losses = preview::data_losses(&change_set);
    let go = if yes {
        true
    } else if !losses.is_empty() {
        let ids: Vec<&str> = losses.iter().map(|c| c.logical_id.as_str()).collect();
        console.error(&format!(
            "stack {name}: the change set replaces or deletes stateful resources ({}) and their \
             data would be lost; nothing deployed: deploy again with --yes to accept it, or keep \
             them (their logical ids unchanged, or a Retain policy)",
            list(&ids)
        ));
        false
    } else if console.interactive {
        let answer = console.confirm(&format!("deploy these changes to stack {name}?"));
        if !answer {
            console.line(&format!("stack {name}: not deployed (declined)"));
        }
        answer
    } else {
        console.error(&format!(
            "stack {name}: no terminal to confirm on, so nothing deployed: run with --yes to \
             deploy without asking"
        ));
        false
    };
    if !go {
        discard(aws, &change_set, existing.as_ref()).await;
        return Ok(Outcome::Stopped);
    }

    let events = StackEvents::start(aws, &change_set.stack_id).await?;
    aws.execute_change_set(&change_set).await?;
    let ended = follow(
        aws,
        console,
        &change_set.stack_id,
        events,
        change_set.changes.len(),
    )
    .await?;
    if matches!(ended.status.as_str(), "CREATE_COMPLETE" | "UPDATE_COMPLETE") {
        console.line(&format!("stack {name}: {}", ended.status));
        return match aws.describe_stack(&change_set.stack_id).await? {
            Some(d) => Ok(Outcome::Deployed(d)),
            None => Err(Problem::failed(format!(
                "stack {name}: {} but no longer described",
                ended.status
            ))),
        };
    }
    report_failure(console, dir, name, create, &ended);
    Ok(Outcome::Stopped)
}

/// Deletes a stack whose creation failed, following the events.
async fn delete_failed_stack(
    aws: &Aws,
    console: &mut Console<'_>,
    old: &DeployedStack,
) -> Result<(), Problem> {
    let events = StackEvents::start(aws, &old.id).await?;
    aws.delete_stack(&old.id).await?;
    let ended = follow(aws, console, &old.id, events, 0).await?;
    if ended.status == "DELETE_COMPLETE" {
        Ok(())
    } else {
        Err(Problem::failed(format!(
            "stack {}: its deletion ended {}{}",
            old.name,
            ended.status,
            ended
                .first_failure
                .map(|e| format!(" at {}: {}", e.logical_id, e.reason.unwrap_or_default()))
                .unwrap_or_default()
        )))
    }
}

/// Removes a change set that will not run, and the empty stack a create change set made.
async fn discard(aws: &Aws, change_set: &ChangeSet, existing: Option<&DeployedStack>) {
    let _ = aws
        .delete_change_set(&change_set.id, &change_set.stack_id)
        .await;
    let was_empty = existing.is_none_or(|s| s.state() == StackState::Review);
    if change_set.creates && was_empty {
        let _ = aws.delete_stack(&change_set.stack_id).await;
    }
}

/// The first failing resource and what the rollback did, one line each.
fn report_failure(console: &mut Console<'_>, dir: &Path, name: &str, create: bool, ended: &Ended) {
    let what = if create { "creation" } else { "update" };
    let at = match &ended.first_failure {
        Some(e) => format!(
            "{} ({}) {}: {}",
            e.logical_id,
            e.resource_type,
            e.status,
            e.reason.as_deref().unwrap_or("no reason given")
        ),
        None => format!(
            "no resource reported a failure (stack: {})",
            ended.reason.as_deref().unwrap_or("no reason given")
        ),
    };
    console.error(&format!("stack {name}: the {what} failed at {at}"));
    let rollback = match ended.status.as_str() {
        "ROLLBACK_COMPLETE" => format!(
            "rolled back (ROLLBACK_COMPLETE): the stack is empty and can only be deleted; \
             deploy again with --yes to delete it first, or cfnkit destroy {} --stack {name}",
            dir.display()
        ),
        "UPDATE_ROLLBACK_COMPLETE" => {
            "rolled back (UPDATE_ROLLBACK_COMPLETE): the stack is as it was before".to_owned()
        }
        "ROLLBACK_FAILED" | "UPDATE_ROLLBACK_FAILED" => format!(
            "the rollback failed too ({}{}): see the events above",
            ended.status,
            ended
                .reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        ),
        other => format!("the stack ended {other}"),
    };
    console.error(&format!("stack {name}: {rollback}"));
}
