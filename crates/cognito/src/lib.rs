//! cfnkit-cognito: Cognito user pools, resource servers, app clients and domains.
//!
//! [`l1`] has one `Cfn<Type>` per CloudFormation resource type, generated from the registry
//! schemas, with every property.

pub mod l1;

pub use l1::{
    CfnUserPool, CfnUserPoolAttribute, CfnUserPoolClient, CfnUserPoolClientAttribute,
    CfnUserPoolDomain, CfnUserPoolDomainAttribute, CfnUserPoolResourceServer,
};
