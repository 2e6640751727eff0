//! The access model: one reading of a stack's access design from its typed resources
//! (L1s here; the constructs' tests read it too), tolerant of values CloudFormation
//! computes at deploy time; and the matrix derived from it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_apigateway::access::{Access, SchemeKind, Security, Verdict};
use cfnkit_apigateway::l1::{CfnRestApi, S3Location};
use cfnkit_apigateway::{
    AccessFormat, AccessMatrix, AccessModel, CognitoAuthorizer, MappingTemplate, MockIntegration,
    OperationExt, RestApi,
};
use cfnkit_cognito::l1::{
    CfnUserPool, CfnUserPoolClient, CfnUserPoolResourceServer, ExplicitAuthFlow, OAuthGrantType,
    ResourceServerScopeType, TokenValidityUnit, TokenValidityUnits,
};
use cfnkit_cognito::{IdTokens, PoolRef, UserPool};
use cfnkit_core::{Expr, Stack, Value};
use cfnkit_openapi::{Document, Info, Operation, PathItem};
use serde_json::{Value as Json, json};

fn body() -> Json {
    json!({
        "openapi": "3.0.1",
        "info": {"title": "Items", "version": "1"},
        "security": [{"Auth": ["rs/write"]}],
        "paths": {"/items": {
            "get": {"operationId": "list", "responses": {"200": {"description": "ok"}},
                    "security": [{"Auth": ["rs/read", "rs/write"]}]},
            "post": {"responses": {"200": {"description": "ok"}}},
            "head": {"responses": {"200": {"description": "ok"}}, "security": []},
            "x-amazon-apigateway-any-method": {"responses": {"200": {"description": "ok"}},
                "security": [{"Lambda": []}]}
        }},
        "components": {"securitySchemes": {
            "Auth": {"type": "apiKey", "name": "Authorization", "in": "header",
                "x-amazon-apigateway-authorizer": {"type": "cognito_user_pools",
                    "providerARNs": [{"Fn::GetAtt": ["Pool", "Arn"]},
                                     "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Abc"]}},
            "Lambda": {"type": "apiKey", "name": "Authorization", "in": "header",
                "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": "arn:…"}},
            "Key": {"type": "apiKey", "name": "x-api-key", "in": "header"}
        }}
    })
}

fn machine() -> CfnUserPoolClient {
    CfnUserPoolClient::new(Expr::reference("Pool"))
        .generate_secret(true)
        .allowed_oauth_flows([OAuthGrantType::ClientCredentials])
        .allowed_oauth_scopes(["rs/read"])
        .explicit_auth_flows(Vec::<ExplicitAuthFlow>::new())
}

/// The stack of each test, written with L1s and a `Body` of free JSON.
fn stack_with(client: CfnUserPoolClient, body: Json) -> Stack {
    let mut stack = Stack::new("items");
    stack.add("Pool", CfnUserPool::new());
    stack.add(
        "Server",
        CfnUserPoolResourceServer::new(Expr::reference("Pool"), "rs", "rs").scopes([
            ResourceServerScopeType::new("read", "Read"),
            ResourceServerScopeType::new("write", "Write"),
        ]),
    );
    stack.add("Machine", client);
    stack.add("Api", CfnRestApi::new().body(body));
    stack
}

fn pool(stack: &Stack) -> PoolRef {
    PoolRef::Created {
        stack: stack.id().clone(),
        logical_id: "Pool".into(),
    }
}

#[test]
fn operations_schemes_and_what_they_require() {
    let stack = stack_with(machine(), body());
    let m = AccessModel::of(&stack.model());
    let api = &m.apis[0];
    assert!(api.readable);
    assert_eq!(
        api.scheme("Auth").unwrap().kind,
        SchemeKind::Cognito {
            pools: vec![pool(&stack), PoolRef::Imported("'eu-west-1_Abc'".into())],
            pools_readable: true
        }
    );
    assert_eq!(api.scheme("Lambda").unwrap().kind, SchemeKind::Lambda);
    assert!(!api.scheme("Key").unwrap().is_authorizer());
    let labels: Vec<String> = api.operations.iter().map(|o| o.label()).collect();
    assert_eq!(
        labels,
        [
            "GET /items (list)",
            "POST /items",
            "HEAD /items",
            "ANY /items"
        ]
    );
    let [get, post, head, any] = api.operations.as_slice() else {
        panic!()
    };
    assert_eq!(get.required_scopes(), ["rs/read", "rs/write"]);
    assert_eq!(m.clients_opening(api, get), ["Machine"]);
    // POST inherits the document's security.
    assert_eq!(post.required_scopes(), ["rs/write"]);
    match &post.security {
        Security::Required { pointer, .. } => {
            assert_eq!(pointer, "/Resources/Api/Properties/Body/security");
        }
        other => panic!("{other:?}"),
    }
    assert!(m.clients_opening(api, post).is_empty());
    assert_eq!(
        head.security,
        Security::Public {
            pointer: "/Resources/Api/Properties/Body/paths/~1items/head/security".into()
        }
    );
    assert_eq!(
        any.pointer,
        "/Resources/Api/Properties/Body/paths/~1items/x-amazon-apigateway-any-method"
    );
    assert_eq!(
        get.requirements()[0].pointer,
        "/Resources/Api/Properties/Body/paths/~1items/get/security/0/Auth"
    );
    let pool = pool(&stack);
    assert_eq!(m.required_in_pool(&pool, "rs/write"), Some(true));
    assert_eq!(m.required_in_pool(&pool, "rs/other"), Some(false));
    assert_eq!(m.apis_trusting(&pool).count(), 1);
    let machine = &m.cognito.clients[0];
    assert_eq!(machine.custom_scopes(), ["rs/read"]);
    assert!(machine.client_credentials());
    assert_eq!(
        m.servers_defining("rs/write")
            .map(|s| s.logical_id.as_str())
            .collect::<Vec<_>>(),
        ["Server"]
    );
}

#[test]
fn who_gets_id_tokens() {
    let flows = |flows: Vec<Value<OAuthGrantType>>,
                 explicit: Option<Vec<Value<ExplicitAuthFlow>>>| {
        let mut c = CfnUserPoolClient::new(Expr::reference("Pool")).allowed_oauth_flows(flows);
        c.explicit_auth_flows = explicit;
        c
    };
    let cc = || vec![Value::Literal(OAuthGrantType::ClientCredentials)];
    let cases = [
        (flows(cc(), Some(vec![])), IdTokens::No),
        (
            flows(
                cc(),
                Some(vec![Value::Literal(
                    ExplicitAuthFlow::AllowRefreshTokenAuth,
                )]),
            ),
            IdTokens::No,
        ),
        // Unset: Cognito enables SRP and custom authentication.
        (flows(cc(), None), IdTokens::Yes),
        (
            flows(
                cc(),
                Some(vec![Value::Literal(ExplicitAuthFlow::AllowUserSrpAuth)]),
            ),
            IdTokens::Yes,
        ),
        (
            flows(vec![Value::Literal(OAuthGrantType::Code)], Some(vec![])),
            IdTokens::Yes,
        ),
        (
            flows(vec![Value::Expr(Expr::reference("Flow"))], Some(vec![])),
            IdTokens::Unknown,
        ),
        (
            flows(cc(), Some(vec![Value::Expr(Expr::reference("Flow"))])),
            IdTokens::Unknown,
        ),
    ];
    for (i, (client, expected)) in cases.into_iter().enumerate() {
        let stack = stack_with(client, body());
        let m = AccessModel::of(&stack.model());
        assert_eq!(m.cognito.clients[0].id_tokens, expected, "case {i}");
    }
}

#[test]
fn values_computed_at_deploy_time_are_unreadable_not_errors() {
    let client = machine().allowed_oauth_scopes([Value::Expr(Expr::reference("Scope"))]);
    let mut body = body();
    body["info"]["title"] = json!({"Fn::Sub": "${AWS::StackName} items"});
    let mut stack = stack_with(client, body);
    stack.add(
        "S3Api",
        CfnRestApi::new().body_s3_location(S3Location::new().bucket("b").key("k")),
    );
    stack.add(
        "Included",
        CfnRestApi::new().body(json!({"Fn::Transform": {"Name": "AWS::Include"}})),
    );
    let m = AccessModel::of(&stack.model());
    assert!(!m.cognito.clients[0].scopes_readable);
    // A title CloudFormation computes keeps the document from being read.
    assert!(!m.apis[0].readable);
    assert!(!m.apis[1].readable);
    assert!(!m.apis[2].readable);
    assert_eq!(m.required_in_pool(&pool(&stack), "rs/other"), None);
    // The matrix insists on literals, and says which.
    let problems = m.matrix().unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|d| d.location.path.as_str()).collect();
    assert!(
        paths.contains(&"/Resources/Machine/Properties/AllowedOAuthScopes"),
        "{problems}"
    );
    assert!(
        paths.contains(&"/Resources/Api/Properties/Body"),
        "{problems}"
    );
    assert!(problems.iter().all(|d| d.rule == "access/not-literal"));
}

#[test]
fn schemes_swagger_and_scopes_known_only_at_deploy_time() {
    let mut body = body();
    // Document order, not method order.
    body["paths"]["/events"] = json!({
        "post": {"responses": {"200": {"description": "ok"}}},
        "get": {"responses": {"200": {"description": "ok"}}}
    });
    body["components"]["securitySchemes"]["Iam"] = json!({"type": "apiKey",
        "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"});
    let stack = stack_with(machine(), body.clone());
    let m = AccessModel::of(&stack.model());
    let server = &m.cognito.servers[0];
    assert_eq!(
        server
            .full_scopes()
            .map(|(scope, s)| (scope, s.description.clone().unwrap()))
            .collect::<Vec<_>>(),
        [
            ("rs/read".to_owned(), "Read".to_owned()),
            ("rs/write".to_owned(), "Write".to_owned())
        ]
    );
    assert!(server.scopes_readable);
    let api = &m.apis[0];
    let iam = api.scheme("Iam").unwrap();
    assert_eq!(iam.kind, SchemeKind::Iam);
    assert!(!iam.is_authorizer());
    let events: Vec<String> = api.operations[4..].iter().map(|o| o.label()).collect();
    assert_eq!(events, ["POST /events", "GET /events"]);

    // Swagger 2.0: API Gateway imports it, cfnkit does not read it.
    let mut swagger = body;
    swagger.as_object_mut().unwrap().remove("openapi");
    swagger["swagger"] = json!("2.0");
    let stack = stack_with(machine(), swagger);
    assert!(!AccessModel::of(&stack.model()).apis[0].readable);

    // A scope name computed at deploy time.
    let mut stack = Stack::new("items");
    stack.add("Pool", CfnUserPool::new());
    stack.add(
        "Server",
        CfnUserPoolResourceServer::new(Expr::reference("Pool"), "rs", "rs").scopes([
            ResourceServerScopeType::new(Expr::reference("Name"), "Read"),
        ]),
    );
    assert!(!AccessModel::of(&stack.model()).cognito.servers[0].scopes_readable);
}

#[test]
fn an_apps_stacks_are_read_together_exactly() {
    // The split weather app in small: the pool, its scopes and the client in `auth`, the
    // API in `api`.
    let mut auth = Stack::new("auth");
    let pool = UserPool::builder("Pool").add_to(&mut auth);
    let mut server = pool.resource_server("Server", "rs", "rs");
    let read = server.scope("read", "Read");
    server.add_to(&mut auth);
    pool.machine_client("Machine")
        .scopes([&read])
        .add_to(&mut auth);
    let mut api = Stack::new("api");
    // A pool of the same logical id in the API's stack must not be mistaken for it.
    UserPool::builder("Pool").add_to(&mut api);
    let authorizer = CognitoAuthorizer::new("Auth", [&pool]);
    RestApi::builder(
        "Api",
        Document::new(Info::new("Items", "1")).path(
            "/",
            PathItem::new().get(Operation::new().authorize(&authorizer, [&read])),
        ),
    )
    .add_to(&mut api);
    let (auth_model, api_model) = (auth.model(), api.model());
    let m = AccessModel::of_stacks([&auth_model, &api_model]);
    let api_access = &m.apis[0];
    let get = &api_access.operations[0];
    assert_eq!(m.clients_opening(api_access, get), ["Machine"]);
    assert_eq!(
        api_access.scheme("Auth").unwrap().cognito_pools().unwrap(),
        [pool.identity().clone()]
    );
    let matrix = m.matrix().unwrap();
    let json: Json = serde_json::from_str(&matrix.render(AccessFormat::Json)).unwrap();
    assert_eq!(json["access"][0]["allowed"], true);
    assert_eq!(json["access"][0]["through"], json!(["rs/read"]));
    assert_eq!(json["clients"][0]["stack"], "auth");
    assert_eq!(json["operations"][0]["stack"], "api");
    assert_eq!(json["operations"][0]["stages"], json!(["prod"]));
}

/// The matrix of a stack of L1s: `Machine` (client credentials, `rs/read`) and the body.
fn matrix_with(client: CfnUserPoolClient, body: Json) -> AccessMatrix {
    AccessModel::of(&stack_with(client, body).model())
        .matrix()
        .unwrap()
}

/// A body whose operations need nothing but Cognito: `/items` GET any of read and write,
/// DELETE write, PUT the authorizer without scopes, HEAD nothing at all.
fn cognito_body() -> Json {
    let ok = json!({"200": {"description": "ok"}});
    let mut body = body();
    body.as_object_mut().unwrap().remove("security");
    body["paths"] = json!({"/items": {
        "get": {"responses": ok, "security": [{"Auth": ["rs/read", "rs/write"]}]},
        "delete": {"responses": ok, "security": [{"Auth": ["rs/write"]}]},
        "put": {"responses": ok, "security": [{"Auth": []}]},
        "head": {"responses": ok}
    }});
    body
}

#[test]
fn verdicts_follow_the_design() {
    let m = matrix_with(machine(), cognito_body());
    let c = m.client("Machine").unwrap();
    // Any of an operation's scopes opens it.
    assert_eq!(
        m.opening_scopes(c, m.operation("GET", "/items").unwrap()),
        ["rs/read"]
    );
    assert!(
        m.opening_scopes(c, m.operation("DELETE", "/items").unwrap())
            .is_empty()
    );
    // No scopes: API Gateway wants an ID token, so client credentials never pass.
    let put = m.operation("PUT", "/items").unwrap();
    assert!(matches!(&put.access, Access::IdToken { pools } if pools.len() == 2));
    assert_eq!(m.verdict(c, &["rs/read".into()], put), Verdict::Denied);
    // No security at all: open.
    let head = m.operation("HEAD", "/items").unwrap();
    assert_eq!(m.verdict(c, &[], head), Verdict::Allowed);
    // The client allowed write too: DELETE opens.
    let both = machine().allowed_oauth_scopes(["rs/read", "rs/write"]);
    let m = matrix_with(both, cognito_body());
    let c = m.client("Machine").unwrap();
    assert_eq!(
        m.opening_scopes(c, m.operation("DELETE", "/items").unwrap()),
        ["rs/write"]
    );
}

#[test]
fn a_token_from_another_pool_is_denied() {
    let mut client = machine();
    client.user_pool_id = Expr::reference("Other").into();
    let mut stack = stack_with(client, cognito_body());
    stack.add("Other", CfnUserPool::new());
    let m = AccessModel::of(&stack.model()).matrix().unwrap();
    let c = m.client("Machine").unwrap();
    let get = m.operation("GET", "/items").unwrap();
    assert_eq!(m.verdict(c, &["rs/read".into()], get), Verdict::Denied);
}

#[test]
fn the_markdown_table_says_how_each_client_gets_in() {
    let mut stack = stack_with(machine(), cognito_body());
    stack.add(
        "Web",
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .allowed_oauth_flows([OAuthGrantType::Code])
            .allowed_oauth_scopes(["openid", "rs/write"]),
    );
    let table = AccessModel::of(&stack.model())
        .matrix()
        .unwrap()
        .render(AccessFormat::Markdown);
    assert!(
        table.contains("| Machine | yes (`rs/read`) | no | no | yes (open) |"),
        "{table}"
    );
    assert!(
        table.contains(
            "| Web | yes (`rs/write`, with a user's token) | yes (`rs/write`, with a user's token) | no | yes (open) |"
        ),
        "{table}"
    );
}

#[test]
fn token_lifetimes_in_their_units_and_the_default() {
    let seconds = |client: CfnUserPoolClient| {
        matrix_with(client, cognito_body()).clients[0].access_token_seconds
    };
    assert_eq!(seconds(machine()), 3600);
    assert_eq!(seconds(machine().access_token_validity(2)), 7200);
    assert_eq!(
        seconds(machine().access_token_validity(2).token_validity_units(
            TokenValidityUnits::new().access_token(TokenValidityUnit::Minutes)
        )),
        120
    );
    // Computed at deploy time: the matrix cannot say.
    let computed = machine().access_token_validity(Expr::reference("Minutes"));
    let problems = AccessModel::of(&stack_with(computed, cognito_body()).model())
        .matrix()
        .unwrap_err();
    assert_eq!(
        problems.iter().next().unwrap().location.path,
        "/Resources/Machine/Properties/AccessTokenValidity"
    );
}

#[test]
fn what_a_mock_answers() {
    let mut stack = Stack::new("items");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Server", "rs", "rs");
    let read = server.scope("read", "Read");
    server.add_to(&mut stack);
    pool.machine_client("Machine")
        .scopes([&read])
        .add_to(&mut stack);
    let auth = CognitoAuthorizer::new("Auth", [&pool]);
    let list = Operation::new()
        .authorize(&auth, [&read])
        .integrate(MockIntegration::json(
            200,
            MappingTemplate::json_value(&json!({"items": [1, 2]})),
        ));
    let vtl = Operation::new().public().integrate(MockIntegration::json(
        201,
        MappingTemplate::vtl("#set($x = 1){}"),
    ));
    RestApi::builder(
        "Api",
        Document::new(Info::new("Items", "1"))
            .path("/", PathItem::new().get(list))
            .path("/vtl", PathItem::new().post(vtl)),
    )
    .add_to(&mut stack);
    let m = AccessModel::of(&stack.model()).matrix().unwrap();
    let get = m.operation("GET", "/").unwrap().mock.as_ref().unwrap();
    assert_eq!(get.status, 200);
    assert_eq!(get.content_type.as_deref(), Some("application/json"));
    assert_eq!(get.body, Some(json!({"items": [1, 2]})));
    // A VTL template is not literal JSON.
    let post = m.operation("POST", "/vtl").unwrap().mock.as_ref().unwrap();
    assert_eq!((post.status, &post.body), (201, &None));
}

#[test]
fn raw_resources_are_read_like_their_l1s() {
    // The pool and the REST API written as raw JSON, the L1s' JSON exactly.
    let mut stack = Stack::new("items");
    stack.add_raw("Pool", "AWS::Cognito::UserPool", Expr::from(json!({})));
    stack.add(
        "Server",
        CfnUserPoolResourceServer::new(Expr::reference("Pool"), "rs", "rs")
            .scopes([ResourceServerScopeType::new("read", "Read")]),
    );
    stack.add("Machine", machine());
    stack.add_raw(
        "Api",
        "AWS::ApiGateway::RestApi",
        Expr::from(json!({"Body": body()})),
    );
    let m = AccessModel::of(&stack.model());
    let api = &m.apis[0];
    assert!(api.readable);
    assert_eq!(m.clients_opening(api, &api.operations[0]), ["Machine"]);
    assert_eq!(
        api.scheme("Auth").unwrap().cognito_pools().unwrap()[0],
        pool(&stack)
    );
}
