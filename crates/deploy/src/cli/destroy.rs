//! `cfnkit destroy DIR`: the stacks deleted in reverse deploy order, following the
//! events; termination protection, deletion protection and `Retain` policies are
//! reported, not fought.

use serde_json::Value;

use super::args::DestroyArgs;
use crate::assembly::{Assembly, parse_template};
use crate::aws::{Aws, Settings, StackEvents, StackState};
use crate::exit::{Problem, ToolExit};
use crate::follow::follow;
use crate::term::Console;

/// What the deployed template says stays or resists.
#[derive(Debug, Default, PartialEq, Eq)]
struct Keepers {
    /// `(logical id, type)` with a `Retain` (or `RetainExceptOnCreate`) deletion policy.
    retained: Vec<(String, String)>,
    /// `(logical id, type)` whose own deletion protection is on.
    protected: Vec<(String, String)>,
    /// How many resources the template has.
    resources: usize,
}

fn keepers(template: &Value) -> Keepers {
    let mut k = Keepers::default();
    for (id, r) in template
        .get("Resources")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        k.resources += 1;
        let ty = r.get("Type").and_then(Value::as_str).unwrap_or_default();
        let entry = (id.clone(), ty.to_owned());
        if matches!(
            r.get("DeletionPolicy").and_then(Value::as_str),
            Some("Retain" | "RetainExceptOnCreate")
        ) {
            k.retained.push(entry);
        } else {
            let props = r.get("Properties");
            let prop = |name: &str| props.and_then(|p| p.get(name));
            if prop("DeletionProtection").and_then(Value::as_str) == Some("ACTIVE")
                || prop("DeletionProtectionEnabled") == Some(&Value::Bool(true))
            {
                k.protected.push(entry);
            }
        }
    }
    k
}

/// The S3 keys of the functions whose code is in the bucket the parameter `parameter`
/// names: the assets a deploy uploaded for this template.
fn asset_keys(template: &Value, parameter: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let resources = template.get("Resources").and_then(Value::as_object);
    for resource in resources.into_iter().flatten().map(|(_, r)| r) {
        let Some(code) = resource.pointer("/Properties/Code") else {
            continue;
        };
        let in_bucket = code.get("S3Bucket") == Some(&serde_json::json!({"Ref": parameter}));
        if let (true, Some(key)) = (in_bucket, code.get("S3Key").and_then(Value::as_str))
            && !keys.iter().any(|k| k == key)
        {
            keys.push(key.to_owned());
        }
    }
    keys
}

/// A kept resource for people: `Pool (AWS::Cognito::UserPool, us-east-1_AbC)`.
fn kept(id: &str, ty: &str, physical: Option<&String>) -> String {
    match physical {
        Some(p) => format!("{id} ({ty}, {p})"),
        None => format!("{id} ({ty})"),
    }
}

/// The AWS CLI command that deletes a kept resource of a type whose data is worth naming.
fn delete_command(ty: &str, physical: &str) -> Option<String> {
    match ty {
        "AWS::Cognito::UserPool" => Some(format!(
            "aws cognito-idp delete-user-pool --user-pool-id {physical}"
        )),
        "AWS::Logs::LogGroup" => Some(format!(
            "aws logs delete-log-group --log-group-name {physical}"
        )),
        _ => None,
    }
}

pub(crate) async fn run(
    console: &mut Console<'_>,
    settings: &Settings,
    args: &DestroyArgs,
) -> Result<ToolExit, Problem> {
    let assembly = Assembly::read(&args.dir)?;
    let mut stacks = assembly.select(&args.stacks)?;
    stacks.reverse();
    let aws = Aws::connect(settings).await?;
    for stack in stacks {
        let name = &stack.name;
        let Some(deployed) = aws
            .describe_stack(name)
            .await?
            .filter(|d| d.state() != StackState::Deleted)
        else {
            console.line(&format!("stack {name}: not deployed, nothing to delete"));
            continue;
        };
        if deployed.state() == StackState::Busy {
            return Err(Problem::error(format!(
                "stack {name} is {}: wait until the operation ends, then destroy again",
                deployed.status
            )));
        }
        if deployed.termination_protection {
            console.error(&format!(
                "stack {name} has termination protection: not deleted; turn it off (aws \
                 cloudformation update-termination-protection --no-enable-termination-protection \
                 --stack-name {name}) and destroy again"
            ));
            return Ok(ToolExit::Failed);
        }
        let template = aws.deployed_template(&deployed.id).await?;
        let parsed = template.as_deref().and_then(|t| parse_template(t).ok());
        let k = parsed.as_ref().map(keepers).unwrap_or_default();
        let parameter = cfnkit::lambda::ASSET_BUCKET_PARAMETER;
        let asset_bucket = deployed
            .parameters
            .iter()
            .find(|(key, _)| key == parameter)
            .map(|(_, bucket)| bucket.clone());
        let asset_keys = parsed
            .as_ref()
            .map(|t| asset_keys(t, parameter))
            .unwrap_or_default();
        console.line(&format!(
            "stack {name} ({}): deleting {} resource{}",
            deployed.status,
            k.resources,
            if k.resources == 1 { "" } else { "s" }
        ));
        // What stays, named as AWS knows it, so that it can be found (and deleted) later;
        // a failure to read the ids leaves the logical ids only.
        let physical = if k.retained.is_empty() {
            Default::default()
        } else {
            aws.physical_ids(&deployed.id).await.unwrap_or_default()
        };
        for (id, ty) in &k.retained {
            console.line(&format!(
                "  kept: {} has DeletionPolicy Retain: it stays after the stack",
                kept(id, ty, physical.get(id))
            ));
        }
        for (id, ty) in &k.protected {
            console.line(&format!(
                "  !! {id} ({ty}) has deletion protection on: its deletion will fail; turn it \
                 off in the program, deploy, then destroy"
            ));
        }
        let go = if args.yes {
            true
        } else if console.interactive {
            console.confirm(&format!("delete stack {name}?"))
        } else {
            console.error(&format!(
                "stack {name}: no terminal to confirm on, so nothing deleted: run with --yes to \
                 delete without asking"
            ));
            return Ok(ToolExit::Failed);
        };
        if !go {
            console.line(&format!("stack {name}: not deleted (declined)"));
            return Ok(ToolExit::Failed);
        }
        let events = StackEvents::start(&aws, &deployed.id).await?;
        aws.delete_stack(&deployed.id).await?;
        let ended = follow(&aws, console, &deployed.id, events, k.resources).await?;
        if ended.status != "DELETE_COMPLETE" {
            let at = ended
                .first_failure
                .map(|e| {
                    format!(
                        " at {} ({}): {}",
                        e.logical_id,
                        e.resource_type,
                        e.reason.unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            console.error(&format!(
                "stack {name}: the deletion ended {}{at}",
                ended.status
            ));
            return Ok(ToolExit::Failed);
        }
        console.line(&format!("stack {name}: deleted"));
        if let Some(bucket) = &asset_bucket {
            let keys: Vec<&str> = asset_keys.iter().map(String::as_str).collect();
            crate::assets::remove(&aws, console, name, bucket, &keys).await?;
        }
        for (id, ty) in &k.retained {
            let physical = physical.get(id);
            let how = physical
                .and_then(|p| delete_command(ty, p))
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            console.line(&format!(
                "stack {name}: {} was kept, as its DeletionPolicy says: delete it yourself when \
                 it is no longer needed{how}",
                kept(id, ty, physical)
            ));
        }
    }
    Ok(ToolExit::Success)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn retained_and_protected_resources_are_found() {
        let t = json!({"Resources": {
            "Pool": {"Type": "AWS::Cognito::UserPool", "DeletionPolicy": "Retain"},
            "Guarded": {"Type": "AWS::Cognito::UserPool",
                        "Properties": {"DeletionProtection": "ACTIVE"}},
            "Stage": {"Type": "AWS::ApiGateway::Stage"}
        }});
        let k = keepers(&t);
        assert_eq!(k.resources, 3);
        assert_eq!(
            k.retained,
            [("Pool".to_owned(), "AWS::Cognito::UserPool".to_owned())]
        );
        assert_eq!(k.protected.len(), 1);
    }

    #[test]
    fn asset_keys_are_those_in_the_parameters_bucket() {
        let t = json!({"Resources": {
            "A": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"S3Bucket": {"Ref": "CfnkitAssetBucket"}, "S3Key": "ab.zip"}}},
            "B": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"S3Bucket": {"Ref": "CfnkitAssetBucket"}, "S3Key": "ab.zip"}}},
            "C": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"S3Bucket": "theirs", "S3Key": "cd.zip"}}},
            "D": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ZipFile": "x"}}}
        }});
        assert_eq!(asset_keys(&t, "CfnkitAssetBucket"), ["ab.zip"]);
    }

    #[test]
    fn a_kept_pool_is_named_with_its_id_and_the_command_that_deletes_it() {
        let id = "us-east-1_AbC".to_owned();
        assert_eq!(
            kept("Pool", "AWS::Cognito::UserPool", Some(&id)),
            "Pool (AWS::Cognito::UserPool, us-east-1_AbC)"
        );
        assert_eq!(
            kept("Pool", "AWS::Cognito::UserPool", None),
            "Pool (AWS::Cognito::UserPool)"
        );
        assert_eq!(
            delete_command("AWS::Cognito::UserPool", &id).unwrap(),
            "aws cognito-idp delete-user-pool --user-pool-id us-east-1_AbC"
        );
        assert!(delete_command("AWS::SQS::Queue", "q").is_none());
    }
}
