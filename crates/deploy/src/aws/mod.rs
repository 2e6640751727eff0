//! The AWS side: one connection (the SDK's configuration from the standard chain, checked
//! up front), the CloudFormation calls the commands make, and one-line messages for every
//! way a call can fail.

mod change_set;
mod connect;
mod error;
mod events;
mod stacks;

pub use change_set::{ChangeSet, ChangeSetOutcome, ResourceChange};
pub use connect::{Aws, Settings};
pub use error::describe_error;
pub use events::{EventLine, StackEvents};
pub use stacks::{DeployedStack, StackOutput, StackState, state_of};
