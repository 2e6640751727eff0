//! [`UserPool`]: a handle to a user pool this stack creates or one it imports, which
//! remembers the domains, resource servers and clients added to it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use cfnkit_core::{Expr, Handle, Pseudo};

use crate::l1::{
    CfnUserPool, CfnUserPoolAttribute, CfnUserPoolClient, CfnUserPoolDomain,
    CfnUserPoolResourceServer,
};
use crate::{OAuthScope, PoolArn, PoolId, PoolRef, ResourceServer, UserPoolClient, UserPoolDomain};

/// What was added to a pool through its handles, shared by every clone of the handle.
/// Records hold no `UserPool`, so the links never form a cycle.
#[derive(Debug, Default)]
struct Links {
    domains: Vec<(Handle<CfnUserPoolDomain>, bool)>,
    servers: Vec<(Handle<CfnUserPoolResourceServer>, String, Vec<OAuthScope>)>,
    clients: Vec<Handle<CfnUserPoolClient>>,
}

/// A user pool: created by this stack ([`UserPool::builder`]) or imported
/// ([`UserPool::from_id`], [`UserPool::from_arn`]). Both work wherever a pool is asked for:
/// resource servers, clients, domains and API authorizers.
///
/// Cheap to clone. Its methods give CloudFormation expressions for the pool's id, ARN and
/// issuer.
///
/// ```
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
/// use serde_json::json;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").name("users").add_to(&mut stack);
/// assert_eq!(pool.id().as_expr().to_json(), json!({"Ref": "Pool"}));
/// assert_eq!(pool.arn().as_expr().to_json(), json!({"Fn::GetAtt": ["Pool", "Arn"]}));
///
/// let shared = UserPool::from_arn("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC");
/// assert_eq!(shared.id().as_expr().to_json(), json!("eu-west-1_AbC"));
/// ```
#[derive(Clone)]
pub struct UserPool {
    identity: PoolRef,
    handle: Option<Handle<CfnUserPool>>,
    id: Expr,
    arn: Expr,
    links: Arc<Mutex<Links>>,
}

impl std::fmt::Debug for UserPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UserPool({})", self.identity)
    }
}

impl PartialEq for UserPool {
    /// The same pool: the same identity, whichever handle.
    fn eq(&self, other: &Self) -> bool {
        self.identity == other.identity
    }
}

impl UserPool {
    /// A builder for a new user pool with logical id `logical_id`, with safe defaults (see
    /// [`UserPoolBuilder`](crate::UserPoolBuilder)).
    pub fn builder(logical_id: impl Into<String>) -> crate::UserPoolBuilder {
        crate::UserPoolBuilder::new(logical_id)
    }

    /// The pool behind a handle of this stack.
    pub(crate) fn owned(handle: Handle<CfnUserPool>) -> Self {
        UserPool {
            identity: PoolRef::Created {
                stack: handle.stack().clone(),
                logical_id: handle.logical_id().to_owned(),
            },
            id: handle.reference(),
            arn: handle.get_att(CfnUserPoolAttribute::Arn),
            handle: Some(handle),
            links: Arc::default(),
        }
    }

    /// A pool another stack (or the console) created, by its id (e.g. `us-east-1_AbC123`,
    /// a parameter's `Ref` or an `Fn::ImportValue`). The pool is taken to be in this
    /// stack's account; its region is read from the id.
    pub fn from_id(id: impl Into<PoolId>) -> Self {
        let id = Expr::from(id.into());
        let region = Expr::select(0, Expr::split("_", id.clone()));
        let arn = concat([
            Expr::from("arn:"),
            Expr::pseudo(Pseudo::Partition),
            Expr::from(":cognito-idp:"),
            region,
            Expr::from(":"),
            Expr::pseudo(Pseudo::AccountId),
            Expr::from(":userpool/"),
            id.clone(),
        ]);
        Self::imported(id, arn)
    }

    /// A pool another stack (or the console) created, by its ARN
    /// (`arn:aws:cognito-idp:<region>:<account>:userpool/<id>`).
    pub fn from_arn(arn: impl Into<PoolArn>) -> Self {
        let arn = Expr::from(arn.into());
        let id = Expr::select(1, Expr::split("/", arn.clone()));
        Self::imported(id, arn)
    }

    fn imported(id: Expr, arn: Expr) -> Self {
        UserPool {
            identity: PoolRef::imported(&id),
            handle: None,
            id,
            arn,
            links: Arc::default(),
        }
    }

    /// The pool id (`Ref`), e.g. `us-east-1_AbC123`.
    pub fn id(&self) -> PoolId {
        PoolId::from(self.id.clone())
    }

    /// The pool's ARN, e.g. `arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123`.
    pub fn arn(&self) -> PoolArn {
        PoolArn::from(self.arn.clone())
    }

    /// The identity provider name, e.g. `cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123`.
    pub fn provider_name(&self) -> Expr {
        match &self.handle {
            Some(handle) => handle.get_att(CfnUserPoolAttribute::ProviderName),
            None => concat([
                Expr::from("cognito-idp."),
                self.region(),
                Expr::from("."),
                Expr::pseudo(Pseudo::UrlSuffix),
                Expr::from("/"),
                self.id.clone(),
            ]),
        }
    }

    /// The issuer URL of the pool's tokens, e.g.
    /// `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123`.
    pub fn provider_url(&self) -> Expr {
        match &self.handle {
            Some(handle) => handle.get_att(CfnUserPoolAttribute::ProviderUrl),
            None => concat([Expr::from("https://"), self.provider_name()]),
        }
    }

    /// The region of an imported pool: the part of its id before `_`.
    fn region(&self) -> Expr {
        Expr::select(0, Expr::split("_", self.id.clone()))
    }

    /// The L1 resource, for [`Stack::resource_mut`](cfnkit_core::Stack::resource_mut), or
    /// `None` for an imported pool.
    pub fn l1(&self) -> Option<&Handle<CfnUserPool>> {
        self.handle.as_ref()
    }

    /// Whether the pool was imported rather than created by this stack.
    pub fn is_imported(&self) -> bool {
        self.handle.is_none()
    }

    /// Which pool this is, as rules and other constructs identify pools.
    pub fn identity(&self) -> &PoolRef {
        &self.identity
    }

    fn links(&self) -> MutexGuard<'_, Links> {
        // A panic elsewhere while holding the lock leaves the lists as they were.
        self.links.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn link_domain(&self, handle: Handle<CfnUserPoolDomain>, custom: bool) {
        self.links().domains.push((handle, custom));
    }

    pub(crate) fn link_server(
        &self,
        handle: Handle<CfnUserPoolResourceServer>,
        identifier: String,
        scopes: Vec<OAuthScope>,
    ) {
        self.links().servers.push((handle, identifier, scopes));
    }

    pub(crate) fn link_client(&self, handle: Handle<CfnUserPoolClient>) {
        self.links().clients.push(handle);
    }

    /// The domains added to the pool through this handle (or a clone), in order.
    ///
    /// ```
    /// use cfnkit_cognito::{DomainPrefix, UserPool};
    /// use cfnkit_core::Stack;
    /// let mut stack = Stack::new("auth");
    /// let pool = UserPool::builder("Pool").add_to(&mut stack);
    /// pool.prefix_domain("Domain", DomainPrefix::unique_per_stack()).add_to(&mut stack);
    /// assert_eq!(pool.domains()[0].l1().logical_id(), "Domain");
    /// ```
    pub fn domains(&self) -> Vec<UserPoolDomain> {
        self.links()
            .domains
            .iter()
            .map(|(handle, custom)| UserPoolDomain::new(handle.clone(), *custom, self.clone()))
            .collect()
    }

    /// The resource servers added to the pool through this handle (or a clone), in order.
    pub fn resource_servers(&self) -> Vec<ResourceServer> {
        self.links()
            .servers
            .iter()
            .map(|(handle, identifier, scopes)| {
                ResourceServer::new(
                    handle.clone(),
                    self.clone(),
                    identifier.clone(),
                    scopes.clone(),
                )
            })
            .collect()
    }

    /// The app clients added to the pool through this handle (or a clone), in order.
    pub fn clients(&self) -> Vec<UserPoolClient> {
        self.links()
            .clients
            .iter()
            .map(|handle| UserPoolClient::owned(handle.clone(), self.clone()))
            .collect()
    }

    /// Every scope the pool's resource servers define, in order (with the links of
    /// [`resource_servers`](Self::resource_servers)).
    pub fn scopes(&self) -> Vec<OAuthScope> {
        self.links()
            .servers
            .iter()
            .flat_map(|(_, _, scopes)| scopes.iter().cloned())
            .collect()
    }

    /// A builder for a resource server of this pool (see
    /// [`ResourceServerBuilder`](crate::ResourceServerBuilder)).
    pub fn resource_server(
        &self,
        logical_id: impl Into<String>,
        identifier: impl Into<String>,
        name: impl Into<String>,
    ) -> crate::ResourceServerBuilder {
        crate::ResourceServerBuilder::new(self, logical_id.into(), identifier.into(), name.into())
    }

    /// A builder for an app client for services using the client-credentials flow (see
    /// [`MachineClientBuilder`](crate::MachineClientBuilder)).
    pub fn machine_client(&self, logical_id: impl Into<String>) -> crate::MachineClientBuilder {
        crate::MachineClientBuilder::new(self, logical_id.into())
    }

    /// A builder for an app client whose users sign in and come back to `callback_url` (see
    /// [`InteractiveClientBuilder`](crate::InteractiveClientBuilder)).
    pub fn interactive_client(
        &self,
        logical_id: impl Into<String>,
        flow: crate::InteractiveFlow,
        callback_url: impl Into<cfnkit_core::Value<String>>,
    ) -> crate::InteractiveClientBuilder {
        crate::InteractiveClientBuilder::new(self, logical_id.into(), flow, callback_url.into())
    }

    /// A builder for a Cognito prefix domain of this pool:
    /// `https://<prefix>.auth.<region>.amazoncognito.com`.
    pub fn prefix_domain(
        &self,
        logical_id: impl Into<String>,
        prefix: crate::DomainPrefix,
    ) -> crate::UserPoolDomainBuilder {
        crate::UserPoolDomainBuilder::prefix(self, logical_id.into(), prefix)
    }

    /// A builder for a custom domain of this pool (e.g. `auth.example.com`) served with an
    /// ACM certificate for it, which must be in `us-east-1`.
    pub fn custom_domain(
        &self,
        logical_id: impl Into<String>,
        domain_name: impl Into<cfnkit_core::Value<String>>,
        certificate_arn: impl Into<cfnkit_core::Value<String>>,
    ) -> crate::UserPoolDomainBuilder {
        crate::UserPoolDomainBuilder::custom(
            self,
            logical_id.into(),
            domain_name.into(),
            certificate_arn.into(),
        )
    }
}

/// `Fn::Join` with `""`, adjacent literal strings (and the items of nested joins) merged,
/// so that known parts read as one.
fn concat(parts: impl IntoIterator<Item = Expr>) -> Expr {
    let mut merged: Vec<Expr> = Vec::new();
    let push = |part: Expr, merged: &mut Vec<Expr>| match (merged.last_mut(), part) {
        (Some(Expr::String(last)), Expr::String(next)) => last.push_str(&next),
        (_, part) => merged.push(part),
    };
    for part in parts {
        match part.as_intrinsic() {
            Some(cfnkit_core::Intrinsic::Join {
                delimiter,
                values: Expr::List(items),
            }) if delimiter.is_empty() => {
                for item in items.clone() {
                    push(item, &mut merged);
                }
            }
            _ => push(part, &mut merged),
        }
    }
    Expr::join("", merged)
}
