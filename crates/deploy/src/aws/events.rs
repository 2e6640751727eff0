//! Following a stack's events: the ones that appeared since a point, oldest first.

use aws_smithy_types::DateTime;

use super::{Aws, describe_error};
use crate::exit::Problem;

/// The most pages read back in one poll (100 events each).
const MAX_PAGES: usize = 20;

/// One stack event, as a line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLine {
    /// `HH:MM:SS` (UTC).
    pub time: String,
    /// The logical id (the stack's name for the stack itself).
    pub logical_id: String,
    /// The resource type.
    pub resource_type: String,
    /// The status, e.g. `CREATE_COMPLETE`.
    pub status: String,
    /// The reason, when CloudFormation gives one.
    pub reason: Option<String>,
}

impl EventLine {
    /// Whether the event is about the stack itself.
    pub fn is_stack(&self) -> bool {
        self.resource_type == "AWS::CloudFormation::Stack"
    }

    /// Whether the status ends a resource's operation (`*_COMPLETE`, `*_FAILED`,
    /// `*_SKIPPED`).
    pub fn is_final(&self) -> bool {
        ["_COMPLETE", "_FAILED", "_SKIPPED"]
            .iter()
            .any(|end| self.status.ends_with(end))
    }

    /// Whether the operation failed (a cancellation caused by another failure does not
    /// count: the other one does).
    pub fn is_failure(&self) -> bool {
        self.status.ends_with("_FAILED")
            && !self.reason.as_deref().is_some_and(|r| {
                r.contains("Resource creation cancelled") || r.contains("cancelled")
            })
    }
}

/// Where a stack's event stream was last read.
#[derive(Debug, Clone)]
pub struct StackEvents {
    stack_id: String,
    /// The newest event already seen.
    marker: Option<String>,
}

/// `HH:MM:SS` of a time, in UTC.
fn clock(time: Option<&DateTime>) -> String {
    let Some(t) = time else {
        return "--:--:--".to_owned();
    };
    let day = t.secs().rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", day / 3600, day % 3600 / 60, day % 60)
}

impl StackEvents {
    /// Starts after the stack's newest event (or at its first, for `None`).
    pub async fn start(aws: &Aws, stack_id: &str) -> Result<StackEvents, Problem> {
        let mut events = StackEvents {
            stack_id: stack_id.to_owned(),
            marker: None,
        };
        let page = aws
            .cloudformation
            .describe_stack_events()
            .stack_name(stack_id)
            .send()
            .await
            .map_err(|e| describe_error(aws, "DescribeStackEvents", &e))?;
        events.marker = page
            .stack_events()
            .first()
            .and_then(|e| e.event_id())
            .map(str::to_owned);
        Ok(events)
    }

    /// The events since the last call, oldest first.
    pub async fn poll(&mut self, aws: &Aws) -> Result<Vec<EventLine>, Problem> {
        let mut new = Vec::new();
        let mut newest: Option<String> = None;
        let mut token: Option<String> = None;
        'pages: for _ in 0..MAX_PAGES {
            let page = aws
                .cloudformation
                .describe_stack_events()
                .stack_name(&self.stack_id)
                .set_next_token(token.clone())
                .send()
                .await
                .map_err(|e| describe_error(aws, "DescribeStackEvents", &e))?;
            for event in page.stack_events() {
                let id = event.event_id().unwrap_or_default();
                if self.marker.as_deref() == Some(id) {
                    break 'pages;
                }
                if newest.is_none() {
                    newest = Some(id.to_owned());
                }
                new.push(EventLine {
                    time: clock(event.timestamp()),
                    logical_id: event.logical_resource_id().unwrap_or_default().to_owned(),
                    resource_type: event.resource_type().unwrap_or_default().to_owned(),
                    status: event
                        .resource_status()
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_default(),
                    reason: event
                        .resource_status_reason()
                        .filter(|r| !r.is_empty())
                        .map(str::to_owned),
                });
            }
            token = page.next_token().map(str::to_owned);
            if token.is_none() {
                break;
            }
        }
        if newest.is_some() {
            self.marker = newest;
        }
        new.reverse();
        Ok(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(status: &str, reason: Option<&str>) -> EventLine {
        EventLine {
            time: String::new(),
            logical_id: "X".into(),
            resource_type: "AWS::SNS::Topic".into(),
            status: status.into(),
            reason: reason.map(Into::into),
        }
    }

    #[test]
    fn final_statuses_and_failures() {
        assert!(line("CREATE_COMPLETE", None).is_final());
        assert!(!line("CREATE_IN_PROGRESS", None).is_final());
        assert!(line("CREATE_FAILED", Some("Invalid")).is_failure());
        assert!(!line("CREATE_FAILED", Some("Resource creation cancelled")).is_failure());
        assert_eq!(
            clock(Some(&DateTime::from_secs(86_400 * 3 + 3600 + 62))),
            "01:01:02"
        );
    }
}
