//! Deployed stacks: their state, outputs and template.

use aws_sdk_cloudformation::error::ProvideErrorMetadata;
use aws_sdk_cloudformation::types::TemplateStage;

use super::{Aws, describe_error};
use crate::exit::Problem;

/// An output of a deployed stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackOutput {
    /// `OutputKey`.
    pub key: String,
    /// `OutputValue`.
    pub value: String,
    /// `Description`.
    pub description: Option<String>,
    /// `ExportName`.
    pub export: Option<String>,
}

/// A stack as CloudFormation describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployedStack {
    /// The stack id (an ARN), which names it even after deletion.
    pub id: String,
    /// The stack name.
    pub name: String,
    /// `StackStatus`, e.g. `CREATE_COMPLETE`.
    pub status: String,
    /// `StackStatusReason`.
    pub reason: Option<String>,
    /// Its outputs, in order.
    pub outputs: Vec<StackOutput>,
    /// Whether termination protection is on.
    pub termination_protection: bool,
    /// Its parameters' values, by key.
    pub parameters: Vec<(String, String)>,
}

/// What a stack's status allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackState {
    /// A change set was created but never executed: the stack has no resources yet.
    Review,
    /// An operation is running (`*_IN_PROGRESS`).
    Busy,
    /// Its creation failed and was rolled back (`ROLLBACK_COMPLETE`, `ROLLBACK_FAILED`,
    /// `CREATE_FAILED`): it can only be deleted.
    FailedCreate,
    /// An update's rollback failed: the rollback must be continued first.
    UpdateRollbackFailed,
    /// Its deletion failed.
    DeleteFailed,
    /// Deleted (described by id).
    Deleted,
    /// Created or updated (or rolled back to that): it can be updated or deleted.
    Stable,
}

impl DeployedStack {
    /// What its status allows.
    pub fn state(&self) -> StackState {
        state_of(&self.status)
    }

    /// The value of the output `key`.
    pub fn output(&self, key: &str) -> Option<&str> {
        self.outputs
            .iter()
            .find(|o| o.key == key)
            .map(|o| o.value.as_str())
    }
}

/// What a status allows.
pub fn state_of(status: &str) -> StackState {
    match status {
        "REVIEW_IN_PROGRESS" => StackState::Review,
        "ROLLBACK_COMPLETE" | "ROLLBACK_FAILED" | "CREATE_FAILED" => StackState::FailedCreate,
        "UPDATE_ROLLBACK_FAILED" => StackState::UpdateRollbackFailed,
        "DELETE_FAILED" => StackState::DeleteFailed,
        "DELETE_COMPLETE" => StackState::Deleted,
        s if s.ends_with("_IN_PROGRESS") => StackState::Busy,
        _ => StackState::Stable,
    }
}

/// Whether an error says the stack does not exist.
fn does_not_exist<E: ProvideErrorMetadata>(e: &E) -> bool {
    e.code() == Some("ValidationError") && e.message().is_some_and(|m| m.contains("does not exist"))
}

impl Aws {
    /// The stack of this name or id; `None` when there is none.
    pub async fn describe_stack(&self, name: &str) -> Result<Option<DeployedStack>, Problem> {
        let answer = self
            .cloudformation
            .describe_stacks()
            .stack_name(name)
            .send()
            .await;
        let answer = match answer {
            Ok(a) => a,
            Err(e) if does_not_exist(&e) => return Ok(None),
            Err(e) => return Err(describe_error(self, &format!("DescribeStacks {name}"), &e)),
        };
        let Some(stack) = answer.stacks().first() else {
            return Ok(None);
        };
        Ok(Some(DeployedStack {
            id: stack.stack_id().unwrap_or(name).to_owned(),
            name: stack.stack_name().unwrap_or(name).to_owned(),
            status: stack
                .stack_status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            reason: stack
                .stack_status_reason()
                .filter(|r| !r.is_empty())
                .map(str::to_owned),
            outputs: stack
                .outputs()
                .iter()
                .map(|o| StackOutput {
                    key: o.output_key().unwrap_or_default().to_owned(),
                    value: o.output_value().unwrap_or_default().to_owned(),
                    description: o.description().map(str::to_owned),
                    export: o.export_name().map(str::to_owned),
                })
                .collect(),
            termination_protection: stack.enable_termination_protection().unwrap_or(false),
            parameters: stack
                .parameters()
                .iter()
                .map(|p| {
                    (
                        p.parameter_key().unwrap_or_default().to_owned(),
                        p.parameter_value().unwrap_or_default().to_owned(),
                    )
                })
                .collect(),
        }))
    }

    /// The template a stack was deployed with, as it was sent (`GetTemplate`, stage
    /// `Original`); `None` when the stack does not exist.
    pub async fn deployed_template(&self, name: &str) -> Result<Option<String>, Problem> {
        let answer = self
            .cloudformation
            .get_template()
            .stack_name(name)
            .template_stage(TemplateStage::Original)
            .send()
            .await;
        match answer {
            Ok(a) => Ok(a.template_body().map(str::to_owned)),
            Err(e) if does_not_exist(&e) => Ok(None),
            Err(e) => Err(describe_error(self, &format!("GetTemplate {name}"), &e)),
        }
    }

    /// The physical ids of a stack's resources (by name or id), by logical id
    /// (`DescribeStackResources`).
    pub async fn physical_ids(
        &self,
        name: &str,
    ) -> Result<std::collections::BTreeMap<String, String>, Problem> {
        let answer = self
            .cloudformation
            .describe_stack_resources()
            .stack_name(name)
            .send()
            .await
            .map_err(|e| describe_error(self, &format!("DescribeStackResources {name}"), &e))?;
        Ok(answer
            .stack_resources()
            .iter()
            .filter_map(|r| {
                Some((
                    r.logical_resource_id()?.to_owned(),
                    r.physical_resource_id()
                        .filter(|p| !p.is_empty())?
                        .to_owned(),
                ))
            })
            .collect())
    }

    /// Starts deleting a stack (by name or id).
    pub async fn delete_stack(&self, name: &str) -> Result<(), Problem> {
        self.cloudformation
            .delete_stack()
            .stack_name(name)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error(self, &format!("DeleteStack {name}"), &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_what_they_allow() {
        assert_eq!(state_of("CREATE_COMPLETE"), StackState::Stable);
        assert_eq!(state_of("UPDATE_ROLLBACK_COMPLETE"), StackState::Stable);
        assert_eq!(state_of("UPDATE_IN_PROGRESS"), StackState::Busy);
        assert_eq!(
            state_of("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"),
            StackState::Busy
        );
        assert_eq!(state_of("REVIEW_IN_PROGRESS"), StackState::Review);
        assert_eq!(state_of("ROLLBACK_COMPLETE"), StackState::FailedCreate);
        assert_eq!(
            state_of("UPDATE_ROLLBACK_FAILED"),
            StackState::UpdateRollbackFailed
        );
        assert_eq!(state_of("DELETE_FAILED"), StackState::DeleteFailed);
        assert_eq!(state_of("DELETE_COMPLETE"), StackState::Deleted);
    }
}
