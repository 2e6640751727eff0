//! What a change set will do, resource by resource, in the words of `diff` (`[+]` added,
//! `[-]` removed, `[~]` modified, `-- requires REPLACEMENT`), and which of its changes lose
//! data.

use crate::aws::{ChangeSet, ResourceChange};
use crate::stateful::is_stateful;

/// A change that loses a stateful resource's data: it deletes or replaces it and no
/// `Retain`/`Snapshot` policy keeps the old one.
pub fn data_losses(change_set: &ChangeSet) -> Vec<&ResourceChange> {
    change_set
        .changes
        .iter()
        .filter(|c| is_stateful(&c.resource_type))
        .filter(|c| c.action == "Remove" || (c.action == "Modify" && c.replaces()))
        .filter(|c| !c.keeps_old())
        .collect()
}

/// `ApiGatewayDeployment` of `ApiGatewayDeploymentab12cd34`: the id without a hash of at
/// least 6 hex digits at its end (`None` without one: `QueueA` is no hash).
fn without_hash(id: &str) -> Option<&str> {
    let stem = id.trim_end_matches(|c: char| c.is_ascii_hexdigit());
    (id.len() - stem.len() >= 6 && !stem.is_empty()).then_some(stem)
}

/// For a removed (or added) resource, the added (or removed) one of the same type whose
/// logical id differs only by its trailing hash: a new deployment replacing the old.
fn counterpart<'a>(change: &ResourceChange, all: &'a [ResourceChange]) -> Option<&'a str> {
    let other_action = match change.action.as_str() {
        "Add" => "Remove",
        "Remove" => "Add",
        _ => return None,
    };
    let stem = without_hash(&change.logical_id)?;
    let mut matches = all.iter().filter(|c| {
        c.action == other_action
            && c.resource_type == change.resource_type
            && without_hash(&c.logical_id) == Some(stem)
    });
    match (matches.next(), matches.next()) {
        (Some(one), None) => Some(&one.logical_id),
        _ => None,
    }
}

fn mark(action: &str) -> &'static str {
    match action {
        "Add" => "[+]",
        "Remove" => "[-]",
        "Import" => "[<]",
        _ => "[~]",
    }
}

/// The change set as lines: a heading, one line per resource (with what changes in it),
/// and a line per change that loses data.
pub fn render(stack: &str, change_set: &ChangeSet) -> String {
    let mut out = format!(
        "stack {stack}: {} ({} resource change{})\nResources\n",
        if change_set.creates {
            "create"
        } else {
            "update"
        },
        change_set.changes.len(),
        if change_set.changes.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    for c in &change_set.changes {
        out.push_str(&format!(
            "{} {} ({})",
            mark(&c.action),
            c.logical_id,
            c.resource_type
        ));
        match c.replacement.as_deref() {
            Some("True") if c.action == "Modify" => out.push_str(" -- requires REPLACEMENT"),
            Some("Conditional") if c.action == "Modify" => {
                out.push_str(" -- may require REPLACEMENT");
            }
            _ => {}
        }
        if let Some(other) = counterpart(c, &change_set.changes) {
            if c.action == "Add" {
                out.push_str(&format!(" -- replaces {other}"));
            } else {
                out.push_str(&format!(" -- replaced by {other}"));
            }
        }
        if let Some(policy) = c.policy_action.as_deref().filter(|_| c.keeps_old()) {
            out.push_str(&format!(" (old resource kept: {policy})"));
        }
        out.push('\n');
        for d in &c.details {
            out.push_str(&format!("    [~] {d}\n"));
        }
    }
    for c in data_losses(change_set) {
        let what = if c.action == "Remove" {
            "deletes"
        } else {
            "replaces"
        };
        out.push_str(&format!(
            "!! this {what} {} ({}), a stateful resource: its data is lost\n",
            c.logical_id, c.resource_type
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests fail loudly.

    use super::*;

    fn change(action: &str, id: &str, ty: &str, replacement: Option<&str>) -> ResourceChange {
        ResourceChange {
            action: action.into(),
            logical_id: id.into(),
            resource_type: ty.into(),
            replacement: replacement.map(Into::into),
            policy_action: None,
            details: vec![],
        }
    }

    const DEPLOYMENT: &str = "AWS::ApiGateway::Deployment";

    #[test]
    fn a_new_mock_body_replaces_the_deployment_and_updates_the_stage() {
        let mut stage = change(
            "Modify",
            "ApiGatewayStage",
            "AWS::ApiGateway::Stage",
            Some("False"),
        );
        stage.details = vec!["Properties.DeploymentId".into()];
        let set = ChangeSet {
            id: "cs".into(),
            stack_id: "s".into(),
            creates: false,
            changes: vec![
                change("Add", "ApiGatewayDeployment1234abcd", DEPLOYMENT, None),
                stage,
                change("Remove", "ApiGatewayDeploymentfedc9876", DEPLOYMENT, None),
            ],
        };
        assert_eq!(
            render("weather", &set),
            "stack weather: update (3 resource changes)\nResources\n\
             [+] ApiGatewayDeployment1234abcd (AWS::ApiGateway::Deployment) -- replaces ApiGatewayDeploymentfedc9876\n\
             [~] ApiGatewayStage (AWS::ApiGateway::Stage)\n    [~] Properties.DeploymentId\n\
             [-] ApiGatewayDeploymentfedc9876 (AWS::ApiGateway::Deployment) -- replaced by ApiGatewayDeployment1234abcd\n"
        );
        assert!(data_losses(&set).is_empty());
        assert_eq!(without_hash("QueueA"), None);
        assert_eq!(without_hash("ApiGatewayStage"), None);
    }

    #[test]
    fn replacing_or_deleting_a_user_pool_loses_data_unless_retained() {
        let pool = "AWS::Cognito::UserPool";
        let mut set = ChangeSet {
            id: "cs".into(),
            stack_id: "s".into(),
            creates: false,
            changes: vec![
                change("Modify", "Pool", pool, Some("True")),
                change("Remove", "OldPool", pool, None),
                change(
                    "Modify",
                    "Domain",
                    "AWS::Cognito::UserPoolDomain",
                    Some("True"),
                ),
            ],
        };
        let text = render("auth", &set);
        assert!(text.contains("[~] Pool (AWS::Cognito::UserPool) -- requires REPLACEMENT"));
        assert!(text.contains("!! this replaces Pool"), "{text}");
        assert!(text.contains("!! this deletes OldPool"), "{text}");
        assert_eq!(data_losses(&set).len(), 2);
        set.changes[1].policy_action = Some("Retain".into());
        assert_eq!(data_losses(&set).len(), 1);
        assert!(render("auth", &set).contains("(old resource kept: Retain)"));
    }
}
