//! Following a stack operation until it ends: one line per event, a progress bar of
//! resources done on a terminal, and the first failure remembered.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::aws::{Aws, EventLine, StackEvents, StackState, state_of};
use crate::exit::Problem;
use crate::term::Console;

/// How an operation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ended {
    /// The stack's final status (`DELETE_COMPLETE` when it is gone).
    pub status: String,
    /// The stack's status reason.
    pub reason: Option<String>,
    /// The first resource that failed, with its reason.
    pub first_failure: Option<EventLine>,
}

/// An event as one line: time, logical id, type, status and reason.
pub fn event_line(console: &Console<'_>, e: &EventLine) -> String {
    let code = if e.status.ends_with("_FAILED") {
        "31"
    } else if e.status.ends_with("_COMPLETE") {
        "32"
    } else {
        "33"
    };
    let mut line = format!(
        "{}  {}  {}  {}",
        e.time,
        e.logical_id,
        e.resource_type,
        console.paint(code, &e.status)
    );
    if let Some(reason) = &e.reason {
        line.push_str(": ");
        line.push_str(reason);
    }
    line
}

/// Prints the events of `stack_id` from `events` on until the stack leaves its
/// `*_IN_PROGRESS` (and `REVIEW_IN_PROGRESS`) state. `total`: how many resources the
/// operation touches, for the bar.
pub async fn follow(
    aws: &Aws,
    console: &mut Console<'_>,
    stack_id: &str,
    mut events: StackEvents,
    total: usize,
) -> Result<Ended, Problem> {
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut first_failure: Option<EventLine> = None;
    let mut pause = Duration::from_millis(250);
    console.bar(0, total, "resources");
    loop {
        let stack = aws.describe_stack(stack_id).await?;
        // A deleted stack's events may no longer be readable: that ends the stream.
        let gone = stack
            .as_ref()
            .is_none_or(|s| s.state() == StackState::Deleted);
        let new = match events.poll(aws).await {
            Ok(new) => new,
            Err(_) if gone => Vec::new(),
            Err(e) => return Err(e),
        };
        for e in new {
            console.line(&event_line(console, &e));
            if e.is_stack() {
                continue;
            }
            if e.is_final() {
                done.insert(e.logical_id.clone());
            }
            if first_failure.is_none() && e.is_failure() {
                first_failure = Some(e);
            }
        }
        console.bar(done.len(), total, "resources");
        let (status, reason) = match &stack {
            Some(s) => (s.status.clone(), s.reason.clone()),
            None => ("DELETE_COMPLETE".to_owned(), None),
        };
        if !matches!(state_of(&status), StackState::Busy | StackState::Review) {
            // The events the last status came with.
            let last = match events.poll(aws).await {
                Ok(last) => last,
                Err(_) if gone => Vec::new(),
                Err(e) => return Err(e),
            };
            for e in last {
                console.line(&event_line(console, &e));
                if first_failure.is_none() && !e.is_stack() && e.is_failure() {
                    first_failure = Some(e);
                }
            }
            console.end_bar();
            return Ok(Ended {
                status,
                reason,
                first_failure,
            });
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(3));
    }
}
