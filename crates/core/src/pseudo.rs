//! CloudFormation pseudo parameters, as a closed set.

/// A pseudo parameter: a value CloudFormation provides to every template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pseudo {
    /// `AWS::AccountId`: the account the stack is in.
    AccountId,
    /// `AWS::NotificationARNs`: the stack's notification topic ARNs.
    NotificationArns,
    /// `AWS::NoValue`: removes the property it is given to (use inside `Fn::If`).
    NoValue,
    /// `AWS::Partition`: `aws`, `aws-cn`, `aws-us-gov`, …
    Partition,
    /// `AWS::Region`: the stack's region.
    Region,
    /// `AWS::StackId`: the stack's ARN.
    StackId,
    /// `AWS::StackName`: the stack's name.
    StackName,
    /// `AWS::URLSuffix`: the domain suffix, usually `amazonaws.com`.
    UrlSuffix,
}

impl Pseudo {
    /// Every pseudo parameter.
    pub const ALL: [Pseudo; 8] = [
        Pseudo::AccountId,
        Pseudo::NotificationArns,
        Pseudo::NoValue,
        Pseudo::Partition,
        Pseudo::Region,
        Pseudo::StackId,
        Pseudo::StackName,
        Pseudo::UrlSuffix,
    ];

    /// The name as written in a template, e.g. `AWS::Region`.
    pub fn name(self) -> &'static str {
        match self {
            Pseudo::AccountId => "AWS::AccountId",
            Pseudo::NotificationArns => "AWS::NotificationARNs",
            Pseudo::NoValue => "AWS::NoValue",
            Pseudo::Partition => "AWS::Partition",
            Pseudo::Region => "AWS::Region",
            Pseudo::StackId => "AWS::StackId",
            Pseudo::StackName => "AWS::StackName",
            Pseudo::UrlSuffix => "AWS::URLSuffix",
        }
    }

    /// The pseudo parameter with this template name, if there is one.
    pub fn from_name(name: &str) -> Option<Pseudo> {
        Pseudo::ALL.into_iter().find(|p| p.name() == name)
    }
}
