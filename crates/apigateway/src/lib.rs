//! cfnkit-apigateway: API Gateway REST APIs, deployments, stages and authorizers.
//!
//! [`l1`] has one `Cfn<Type>` per CloudFormation resource type, generated from the registry
//! schemas, with every property.

pub mod l1;

pub use l1::{
    CfnAuthorizer, CfnAuthorizerAttribute, CfnDeployment, CfnDeploymentAttribute, CfnRestApi,
    CfnRestApiAttribute, CfnStage,
};
