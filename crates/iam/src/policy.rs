//! [`PolicyDocument`] and [`PolicyStatement`]: IAM policy documents as typed values.

use cfnkit_core::{Expr, ExprMap};

/// One `Allow` statement of an IAM policy: actions on resources, or, in a trust policy,
/// a service principal allowed to assume the role.
///
/// ```
/// use cfnkit_core::Expr;
/// use cfnkit_iam::PolicyStatement;
/// use serde_json::json;
///
/// let write_logs = PolicyStatement::allow(["logs:CreateLogStream", "logs:PutLogEvents"])
///     .resource(Expr::get_att("Logs", "Arn"));
/// assert_eq!(
///     write_logs.to_expr().to_json(),
///     json!({
///         "Effect": "Allow",
///         "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
///         "Resource": [{"Fn::GetAtt": ["Logs", "Arn"]}]
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyStatement {
    actions: Vec<String>,
    resources: Vec<Expr>,
    service: Option<String>,
}

impl PolicyStatement {
    /// Allows `actions` (e.g. `logs:PutLogEvents`); add the resources they apply to with
    /// [`resource`](Self::resource).
    pub fn allow<A: Into<String>>(actions: impl IntoIterator<Item = A>) -> Self {
        PolicyStatement {
            actions: actions.into_iter().map(Into::into).collect(),
            resources: Vec::new(),
            service: None,
        }
    }

    /// The trust statement letting an AWS service (e.g. `lambda.amazonaws.com`) assume a
    /// role (`sts:AssumeRole`).
    pub fn assume_role_by_service(service: impl Into<String>) -> Self {
        PolicyStatement {
            actions: vec!["sts:AssumeRole".to_owned()],
            resources: Vec::new(),
            service: Some(service.into()),
        }
    }

    /// Adds a resource (an ARN, literal or computed) the actions apply to.
    pub fn resource(mut self, arn: impl Into<Expr>) -> Self {
        self.resources.push(arn.into());
        self
    }

    /// The actions, in the order given.
    pub fn actions(&self) -> &[String] {
        &self.actions
    }

    /// The resources, in the order given.
    pub fn resources(&self) -> &[Expr] {
        &self.resources
    }

    /// The statement as a template value.
    pub fn to_expr(&self) -> Expr {
        let mut statement = ExprMap::default();
        statement.insert("Effect", Expr::from("Allow"));
        if let Some(service) = &self.service {
            let mut principal = ExprMap::default();
            principal.insert("Service", Expr::from(service.as_str()));
            statement.insert("Principal", Expr::Map(principal));
        }
        let actions = self
            .actions
            .iter()
            .map(|a| Expr::from(a.as_str()))
            .collect();
        statement.insert("Action", Expr::List(actions));
        if !self.resources.is_empty() {
            statement.insert("Resource", Expr::List(self.resources.clone()));
        }
        Expr::Map(statement)
    }
}

/// An IAM policy document (`Version` 2012-10-17) of [`PolicyStatement`]s.
///
/// ```
/// use cfnkit_iam::{PolicyDocument, PolicyStatement};
/// let trust = PolicyDocument::new([PolicyStatement::assume_role_by_service("lambda.amazonaws.com")]);
/// assert_eq!(trust.to_expr().to_json()["Statement"][0]["Principal"]["Service"], "lambda.amazonaws.com");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDocument {
    statements: Vec<PolicyStatement>,
}

impl PolicyDocument {
    /// A document of `statements`.
    pub fn new(statements: impl IntoIterator<Item = PolicyStatement>) -> Self {
        PolicyDocument {
            statements: statements.into_iter().collect(),
        }
    }

    /// The statements.
    pub fn statements(&self) -> &[PolicyStatement] {
        &self.statements
    }

    /// The document as a template value.
    pub fn to_expr(&self) -> Expr {
        let mut document = ExprMap::default();
        document.insert("Version", Expr::from("2012-10-17"));
        document.insert(
            "Statement",
            Expr::List(
                self.statements
                    .iter()
                    .map(PolicyStatement::to_expr)
                    .collect(),
            ),
        );
        Expr::Map(document)
    }
}

impl From<PolicyDocument> for Expr {
    fn from(document: PolicyDocument) -> Self {
        document.to_expr()
    }
}
