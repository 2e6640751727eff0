//! User pool domains: a Cognito prefix domain or a custom domain, and their endpoint URLs.

use cfnkit_core::{Expr, Handle, Pseudo, Stack, Value};

use crate::UserPool;
use crate::l1::{CfnUserPoolDomain, CustomDomainConfigType};

/// The prefix of a Cognito prefix domain, `https://<prefix>.auth.<region>.amazoncognito.com`.
///
/// Cognito wants 1 to 63 characters of `a-z`, `0-9` and `-`, not starting or ending with
/// `-`, without the words `aws`, `amazon` or `cognito`, and unique in the region: a
/// collision shows only at deploy time, hence [`DomainPrefix::unique_per_stack`]. Synth
/// checks every prefix (rule `cognito/domain-prefix`), a computed one from the parts it
/// knows: the literal text, the stack's name and the stack id's 12-character suffix.
///
/// ```
/// use cfnkit_cognito::{DomainPrefix, UserPool};
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// pool.prefix_domain("Domain", DomainPrefix::new("my-cognito-app")).add_to(&mut stack);
/// let errors = stack.synth().unwrap_err();
/// assert!(errors.to_string().contains("contains 'cognito'"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DomainPrefix(Expr);

impl DomainPrefix {
    /// A literal prefix. Synth reports what Cognito would refuse about it, with every
    /// other finding of the stack.
    pub fn new(prefix: impl Into<String>) -> DomainPrefix {
        DomainPrefix(Expr::String(prefix.into()))
    }

    /// `<stack name>-<suffix>`: the deployed stack's name joined with the last group of the
    /// UUID in its stack id, so that two deployments (of any stack name) never collide.
    /// The stack name must then be lowercase, without `aws`, `amazon` or `cognito`, and at
    /// most 50 characters (the suffix takes 13); synth checks the name the stack has.
    ///
    /// ```
    /// use cfnkit_cognito::DomainPrefix;
    /// use serde_json::json;
    /// let uuid = json!({"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]});
    /// assert_eq!(
    ///     DomainPrefix::unique_per_stack().to_expr().to_json(),
    ///     json!({"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, {"Fn::Select": [4, {"Fn::Split": ["-", uuid]}]}]]})
    /// );
    /// ```
    pub fn unique_per_stack() -> DomainPrefix {
        DomainPrefix::with_stack_suffix(Expr::pseudo(Pseudo::StackName))
    }

    /// `<base>-<suffix>`, the suffix as in [`unique_per_stack`](Self::unique_per_stack):
    /// for a fixed base (at most 50 characters, checked at synth) whatever the stack is
    /// called.
    pub fn with_stack_suffix(base: impl Into<Expr>) -> DomainPrefix {
        let stack_uuid = Expr::select(2, Expr::split("/", Expr::pseudo(Pseudo::StackId)));
        DomainPrefix(Expr::join(
            "-",
            [base.into(), Expr::select(4, Expr::split("-", stack_uuid))],
        ))
    }

    /// A prefix CloudFormation computes (a parameter, an import); only its literal parts
    /// are checked at synth.
    pub fn computed(prefix: Expr) -> DomainPrefix {
        DomainPrefix(prefix)
    }

    /// The prefix as a template value.
    pub fn to_expr(&self) -> Expr {
        self.0.clone()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Prefix(Expr),
    Custom {
        name: Value<String>,
        certificate_arn: Value<String>,
    },
}

/// A new domain of a user pool ([`UserPool::prefix_domain`], [`UserPool::custom_domain`]),
/// which serves its managed login pages and OAuth 2.0 endpoints.
///
/// Defaults, next to CDK's `UserPoolDomain` (aws-cdk-lib 2, `aws-cognito/lib/user-pool-domain.ts`):
///
/// | setting | cfnkit | CDK | Cognito when unset |
/// |---|---|---|---|
/// | domain | a prefix ([`DomainPrefix`], e.g. unique per stack) or a custom domain, required | a prefix or a custom domain, required | required |
/// | managed login version | Cognito's (the classic hosted UI) | the classic hosted UI | the classic hosted UI |
/// | custom domain certificate | the ACM certificate given (in `us-east-1`) | the one given | required for a custom domain |
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until add_to adds the domain to a stack"]
pub struct UserPoolDomainBuilder {
    pool: UserPool,
    logical_id: String,
    kind: Kind,
}

impl UserPoolDomainBuilder {
    pub(crate) fn prefix(pool: &UserPool, logical_id: String, prefix: DomainPrefix) -> Self {
        UserPoolDomainBuilder {
            pool: pool.clone(),
            logical_id,
            kind: Kind::Prefix(prefix.0),
        }
    }

    pub(crate) fn custom(
        pool: &UserPool,
        logical_id: String,
        name: Value<String>,
        certificate_arn: Value<String>,
    ) -> Self {
        UserPoolDomainBuilder {
            pool: pool.clone(),
            logical_id,
            kind: Kind::Custom {
                name,
                certificate_arn,
            },
        }
    }

    /// The L1 resource this builder makes.
    pub fn to_l1(&self) -> CfnUserPoolDomain {
        match &self.kind {
            Kind::Prefix(prefix) => CfnUserPoolDomain::new(self.pool.id(), prefix.clone()),
            Kind::Custom {
                name,
                certificate_arn,
            } => CfnUserPoolDomain::new(self.pool.id(), name.clone()).custom_domain_config(
                CustomDomainConfigType::new().certificate_arn(certificate_arn.clone()),
            ),
        }
    }

    /// Adds the domain to `stack` and returns its handle; its pool remembers it.
    pub fn add_to(self, stack: &mut Stack) -> UserPoolDomain {
        let handle = stack.add(self.logical_id.clone(), self.to_l1());
        let custom = matches!(self.kind, Kind::Custom { .. });
        self.pool.link_domain(handle.clone(), custom);
        UserPoolDomain::new(handle, custom, self.pool)
    }
}

/// A domain of a user pool, with its URLs as template expressions.
///
/// ```
/// use cfnkit_cognito::{DomainPrefix, UserPool};
/// use cfnkit_core::Stack;
/// use serde_json::json;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let domain = pool
///     .prefix_domain("Domain", DomainPrefix::unique_per_stack())
///     .add_to(&mut stack);
/// assert_eq!(
///     domain.token_endpoint().to_json(),
///     json!({"Fn::Sub": "https://${Domain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct UserPoolDomain {
    handle: Handle<CfnUserPoolDomain>,
    custom: bool,
    pool: UserPool,
}

impl UserPoolDomain {
    pub(crate) fn new(handle: Handle<CfnUserPoolDomain>, custom: bool, pool: UserPool) -> Self {
        UserPoolDomain {
            handle,
            custom,
            pool,
        }
    }

    /// `Ref`: the prefix, or the custom domain name.
    pub fn domain(&self) -> Expr {
        self.handle.reference()
    }

    /// `https://<prefix>.auth.<region>.amazoncognito.com`, or `https://<custom domain>`.
    pub fn base_url(&self) -> Expr {
        self.url("")
    }

    /// The OAuth 2.0 token endpoint: the base URL and `/oauth2/token`.
    pub fn token_endpoint(&self) -> Expr {
        self.url("/oauth2/token")
    }

    fn url(&self, path: &str) -> Expr {
        let id = self.handle.logical_id();
        let template = if self.custom {
            format!("https://${{{id}}}{path}")
        } else {
            format!("https://${{{id}}}.auth.${{AWS::Region}}.amazoncognito.com{path}")
        };
        Expr::sub_owned(template, [self.handle.owned_id()])
    }

    /// Its user pool.
    pub fn pool(&self) -> &UserPool {
        &self.pool
    }

    /// The L1 resource, for [`Stack::resource_mut`].
    pub fn l1(&self) -> &Handle<CfnUserPoolDomain> {
        &self.handle
    }
}
