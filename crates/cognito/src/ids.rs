//! The ids of Cognito resources as distinct types, so that one cannot stand for another:
//! a client id where a pool id belongs does not compile.
//!
//! ```compile_fail,E0277
//! use cfnkit_cognito::{UserPool, UserPoolClient};
//! let pool = UserPool::from_id("eu-west-1_AbC123");
//! let client = UserPoolClient::from_id(&pool, "1h57kf5cpq17m0eml12EXAMPLE");
//! let _ = UserPool::from_id(client.client_id());
//! ```
//!
//! ```compile_fail,E0277
//! use cfnkit_cognito::{UserPool, UserPoolClient};
//! let pool = UserPool::from_id("eu-west-1_AbC123");
//! let _ = UserPoolClient::from_id(&pool, pool.id());
//! ```
//!
//! ```compile_fail,E0277
//! use cfnkit_cognito::UserPool;
//! let pool = UserPool::from_id("eu-west-1_AbC123");
//! let _ = UserPool::from_arn(pool.id());
//! ```
//!
//! Each is a template value (a literal, a `Ref`, an import) and goes wherever a value goes:
//!
//! ```
//! use cfnkit_cognito::UserPool;
//! use cfnkit_cognito::l1::CfnUserPoolClient;
//! use cfnkit_core::{Expr, Output};
//! let pool = UserPool::from_id(Expr::import_value("auth-PoolId"));
//! let _ = CfnUserPoolClient::new(pool.id());
//! let _ = Output::new(pool.arn());
//! ```

use cfnkit_core::typed_id;

typed_id!(
    /// A user pool's id, e.g. `us-east-1_AbC123` ([`UserPool::id`](crate::UserPool::id)).
    PoolId
);
typed_id!(
    /// A user pool's ARN ([`UserPool::arn`](crate::UserPool::arn)).
    PoolArn
);
typed_id!(
    /// An app client's id ([`UserPoolClient::client_id`](crate::UserPoolClient::client_id)).
    ClientId
);
