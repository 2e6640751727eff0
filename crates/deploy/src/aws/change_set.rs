//! Change sets: created for a stack (create or update), waited for, read in full,
//! executed or deleted.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_sdk_cloudformation::types::{Capability, ChangeSetStatus, ChangeSetType, Parameter};

use super::{Aws, describe_error};
use crate::exit::Problem;

/// The most a change set may take to be computed.
const CREATION_LIMIT: Duration = Duration::from_secs(600);

/// One resource's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceChange {
    /// `Add`, `Modify`, `Remove`, `Import` or `Dynamic`.
    pub action: String,
    /// The logical id.
    pub logical_id: String,
    /// The resource type.
    pub resource_type: String,
    /// For `Modify`: `True`, `False` or `Conditional`.
    pub replacement: Option<String>,
    /// What happens to the old resource: `Delete`, `Retain`, `Snapshot`,
    /// `ReplaceAndDelete`, `ReplaceAndRetain`, `ReplaceAndSnapshot`.
    pub policy_action: Option<String>,
    /// What changes in it: `Properties.DeploymentId`, with ` (replacement)` when that
    /// change alone recreates the resource.
    pub details: Vec<String>,
}

impl ResourceChange {
    /// Whether the change replaces the resource (`Conditional` counts).
    pub fn replaces(&self) -> bool {
        matches!(self.replacement.as_deref(), Some("True" | "Conditional"))
    }

    /// Whether CloudFormation keeps the old resource (a `Retain` or `Snapshot` policy).
    pub fn keeps_old(&self) -> bool {
        self.policy_action
            .as_deref()
            .is_some_and(|p| p.contains("Retain") || p.contains("Snapshot"))
    }
}

/// A change set ready to execute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    /// Its id (an ARN).
    pub id: String,
    /// The stack's id.
    pub stack_id: String,
    /// Whether it creates the stack.
    pub creates: bool,
    /// The changes, in CloudFormation's order.
    pub changes: Vec<ResourceChange>,
}

/// What creating a change set gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeSetOutcome {
    /// Changes to review and execute.
    Ready(ChangeSet),
    /// The template changes nothing (the change set was deleted).
    NoChanges,
}

/// Whether a failed change set's reason means "nothing to change".
fn is_no_changes(reason: &str) -> bool {
    reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")
}

/// A resource change as the preview shows it; a change that several sources cause (the
/// template, a reference) is one detail.
fn resource_change(rc: &aws_sdk_cloudformation::types::ResourceChange) -> ResourceChange {
    let mut details: Vec<String> = Vec::new();
    for t in rc.details().iter().filter_map(|d| d.target()) {
        let mut text = t
            .attribute()
            .map(|a| a.as_str().to_owned())
            .unwrap_or_default();
        if let Some(name) = t.name() {
            text.push('.');
            text.push_str(name);
        }
        if t.requires_recreation().map(|r| r.as_str()) == Some("Always") {
            text.push_str(" (replacement)");
        }
        if !details.contains(&text) {
            details.push(text);
        }
    }
    ResourceChange {
        action: rc
            .action()
            .map(|a| a.as_str().to_owned())
            .unwrap_or_default(),
        logical_id: rc.logical_resource_id().unwrap_or_default().to_owned(),
        resource_type: rc.resource_type().unwrap_or_default().to_owned(),
        replacement: rc.replacement().map(|r| r.as_str().to_owned()),
        policy_action: rc.policy_action().map(|p| p.as_str().to_owned()),
        details,
    }
}

impl Aws {
    /// Creates a change set for `stack` with `template` (a create when `create`), its
    /// `parameters` and the `capabilities` it needs, and waits until it is computed.
    pub async fn create_change_set(
        &self,
        stack: &str,
        template: &str,
        create: bool,
        parameters: &[(String, String)],
        capabilities: &[&str],
    ) -> Result<ChangeSetOutcome, Problem> {
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let name = format!("cfnkit-{stamp}");
        let kind = if create {
            ChangeSetType::Create
        } else {
            ChangeSetType::Update
        };
        let mut request = self
            .cloudformation
            .create_change_set()
            .stack_name(stack)
            .change_set_name(&name)
            .change_set_type(kind)
            .template_body(template)
            .description("cfnkit deploy");
        for capability in capabilities {
            request = request.capabilities(Capability::from(*capability));
        }
        for (key, value) in parameters {
            request = request.parameters(
                Parameter::builder()
                    .parameter_key(key)
                    .parameter_value(value)
                    .build(),
            );
        }
        let created = request
            .send()
            .await
            .map_err(|e| describe_error(self, &format!("CreateChangeSet {stack}"), &e))?;
        let id = created.id().unwrap_or(&name).to_owned();
        let mut stack_id = created.stack_id().unwrap_or(stack).to_owned();
        let started = Instant::now();
        let mut pause = Duration::from_millis(250);
        let mut changes = Vec::new();
        loop {
            let mut token: Option<String> = None;
            changes.clear();
            let (status, reason) = loop {
                let page = self
                    .cloudformation
                    .describe_change_set()
                    .change_set_name(&id)
                    .stack_name(&stack_id)
                    .set_next_token(token.clone())
                    .send()
                    .await
                    .map_err(|e| describe_error(self, &format!("DescribeChangeSet {stack}"), &e))?;
                if let Some(s) = page.stack_id() {
                    s.clone_into(&mut stack_id);
                }
                changes.extend(
                    page.changes()
                        .iter()
                        .filter_map(|c| c.resource_change())
                        .map(resource_change),
                );
                let status = page.status().cloned();
                let reason = page.status_reason().unwrap_or_default().to_owned();
                token = page.next_token().map(str::to_owned);
                if token.is_none() {
                    break (status, reason);
                }
            };
            match status {
                Some(ChangeSetStatus::CreateComplete) => {
                    let mut seen = std::collections::HashSet::new();
                    changes.retain(|c| seen.insert((c.logical_id.clone(), c.action.clone())));
                    return Ok(ChangeSetOutcome::Ready(ChangeSet {
                        id,
                        stack_id,
                        creates: create,
                        changes,
                    }));
                }
                Some(ChangeSetStatus::Failed) if is_no_changes(&reason) => {
                    // Nothing to keep: a failed change set stays listed otherwise.
                    let _ = self.delete_change_set(&id, &stack_id).await;
                    return Ok(ChangeSetOutcome::NoChanges);
                }
                Some(ChangeSetStatus::Failed) => {
                    let _ = self.delete_change_set(&id, &stack_id).await;
                    return Err(Problem::failed(format!(
                        "stack {stack}: CloudFormation refused the change set: {reason}"
                    )));
                }
                _ if started.elapsed() > CREATION_LIMIT => {
                    return Err(Problem::failed(format!(
                        "stack {stack}: the change set {id} was not computed within {} s; \
                         look at it in the console",
                        CREATION_LIMIT.as_secs()
                    )));
                }
                _ => {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(3));
                }
            }
        }
    }

    /// Executes a computed change set.
    pub async fn execute_change_set(&self, change_set: &ChangeSet) -> Result<(), Problem> {
        self.cloudformation
            .execute_change_set()
            .change_set_name(&change_set.id)
            .stack_name(&change_set.stack_id)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error(self, "ExecuteChangeSet", &e))
    }

    /// Deletes a change set that will not be executed.
    pub async fn delete_change_set(&self, id: &str, stack_id: &str) -> Result<(), Problem> {
        self.cloudformation
            .delete_change_set()
            .change_set_name(id)
            .stack_name(stack_id)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error(self, "DeleteChangeSet", &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_no_changes_reasons_of_aws() {
        assert!(is_no_changes(
            "The submitted information didn't contain changes. Submit different information \
             to create a change set."
        ));
        assert!(is_no_changes("No updates are to be performed."));
        assert!(!is_no_changes("Template format error"));
    }

    #[test]
    fn replacements_and_kept_resources() {
        let mut c = ResourceChange {
            action: "Modify".into(),
            logical_id: "Pool".into(),
            resource_type: "AWS::Cognito::UserPool".into(),
            replacement: Some("Conditional".into()),
            policy_action: Some("ReplaceAndDelete".into()),
            details: vec![],
        };
        assert!(c.replaces() && !c.keeps_old());
        c.policy_action = Some("ReplaceAndRetain".into());
        assert!(c.keeps_old());
        c.replacement = Some("False".into());
        assert!(!c.replaces());
    }
}
