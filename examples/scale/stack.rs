//! The scale workload of the benchmarks (BENCHMARKS.md), in the shape of the peers' scale
//! programs (tools/bench/troposphere_scale.py, tools/bench/cdk): one user pool, `n`
//! resource servers with three scopes each (`read`, `write`, `delete`), `n` paths
//! `/items{i}` whose GET needs `api{i}/read` and POST `api{i}/write` through one Cognito
//! authorizer (mock integrations), one client-credentials app client, one deployment and
//! stage, and the weather stack's four outputs.
//!
//! The client allows the read and write scopes of the first 25 servers (50 scopes, Cognito's
//! limit per app client), so past `n = 25` synth warns, as it should: the pool is over the
//! default quota of resource servers and the later operations' scopes are unobtainable.

use cfnkit_apigateway::{
    CognitoAuthorizer, DeploymentOptions, MappingTemplate, MockIntegration, OperationExt, RestApi,
    Stage,
};
use cfnkit_cognito::{DomainPrefix, OAuthScope, TokenValidity, UserPool};
use cfnkit_core::{Output, Stack};
use cfnkit_openapi::{Document, Info, Operation, PathItem};

/// How many servers' scopes the one client allows: 2 × 25 = Cognito's 50 scopes per client.
const CLIENT_SERVERS: usize = 25;

/// The scale stack with `n` paths and `n` resource servers.
pub fn stack(n: usize) -> Stack {
    let mut stack = Stack::new("scale");
    stack.set_description("cfnkit scale benchmark: N paths, N resource servers, one client");
    let pool = UserPool::builder("UserPool")
        .name("scale-user-pool")
        .add_to(&mut stack);
    let mut scopes: Vec<(OAuthScope, OAuthScope)> = Vec::with_capacity(n);
    for i in 0..n {
        let mut server = pool.resource_server(
            format!("ResourceServer{i}"),
            format!("api{i}"),
            format!("API {i} resource server"),
        );
        let read = server.scope("read", format!("Read items of API {i}"));
        let write = server.scope("write", format!("Write items of API {i}"));
        server.scope("delete", format!("Delete items of API {i}"));
        server.add_to(&mut stack);
        scopes.push((read, write));
    }
    let allowed: Vec<&OAuthScope> = scopes
        .iter()
        .take(CLIENT_SERVERS)
        .flat_map(|(read, write)| [read, write])
        .collect();
    let client = pool
        .machine_client("ServiceClient")
        .scopes(allowed)
        .access_token_validity(TokenValidity::minutes(60))
        .add_to(&mut stack);
    let domain = pool
        .prefix_domain("UserPoolDomain", DomainPrefix::unique_per_stack())
        .add_to(&mut stack);

    let authorizer = CognitoAuthorizer::new("CognitoAuthorizer", [&pool]);
    let mut document = Document::new(Info::new("Scale REST API", "1.0.0"));
    for (i, (read, write)) in scopes.iter().enumerate() {
        let get = Operation::new()
            .operation_id(format!("list_items{i}"))
            .authorize(&authorizer, [read])
            .integrate(MockIntegration::json(
                200,
                MappingTemplate::vtl(r#"{"items": []}"#),
            ));
        let post = Operation::new()
            .operation_id(format!("add_item{i}"))
            .authorize(&authorizer, [write])
            .integrate(MockIntegration::json(
                200,
                MappingTemplate::vtl(r#"{"message": "success"}"#),
            ));
        document = document.path(format!("/items{i}"), PathItem::new().get(get).post(post));
    }
    let api = RestApi::builder("RestApi", document)
        .deployment(DeploymentOptions::new().logical_id_prefix("Deployment"))
        .stage("Stage", Stage::new("prod"))
        .add_to(&mut stack);

    stack.add_output("ApiUrl", Output::new(api.url()));
    stack.add_output("TokenUrl", Output::new(domain.token_endpoint()));
    stack.add_output("UserPoolId", Output::new(pool.id()));
    stack.add_output("UserPoolClientId", Output::new(client.client_id()));
    stack
}
