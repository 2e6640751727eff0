//! The access matrix: one reading of a template's access design, tolerant of values
//! CloudFormation computes at deploy time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_apigateway::PoolRef;
use cfnkit_apigateway::access::{AccessMatrix, IdTokens, SchemeKind, Security};
use serde_json::{Value, json};

fn template() -> Value {
    json!({"Resources": {
        "Pool": {"Type": "AWS::Cognito::UserPool"},
        "Server": {"Type": "AWS::Cognito::UserPoolResourceServer", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "Identifier": "rs", "Name": "rs",
            "Scopes": [{"ScopeName": "read", "ScopeDescription": "Read"},
                       {"ScopeName": "write", "ScopeDescription": "Write"}]}},
        "Machine": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "GenerateSecret": true,
            "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["rs/read"],
            "ExplicitAuthFlows": []}},
        "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Body": {
            "security": [{"Auth": ["rs/write"]}],
            "paths": {"/items": {
                "get": {"operationId": "list", "security": [{"Auth": ["rs/read", "rs/write"]}]},
                "post": {},
                "head": {"security": []},
                "x-amazon-apigateway-any-method": {"security": [{"Lambda": []}]},
                "parameters": []
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
        }}}
    }})
}

#[test]
fn operations_schemes_and_what_they_require() {
    let m = AccessMatrix::from_template(&template());
    let api = &m.apis[0];
    assert!(api.readable);
    assert_eq!(
        api.scheme("Auth").unwrap().kind,
        SchemeKind::Cognito {
            pools: vec![
                PoolRef::Owned("Pool".into()),
                PoolRef::Imported("'eu-west-1_Abc'".into())
            ],
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
    assert_eq!(m.required_scopes(get), ["rs/read", "rs/write"]);
    assert_eq!(m.clients_opening(api, get), ["Machine"]);
    // POST inherits the document's security.
    assert_eq!(m.required_scopes(post), ["rs/write"]);
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
    let pool = PoolRef::Owned("Pool".into());
    assert_eq!(m.required_in_pool(&pool, "rs/write"), Some(true));
    assert_eq!(m.required_in_pool(&pool, "rs/other"), Some(false));
    assert!(m.trusted_by_an_api(&pool));
    let machine = &m.clients[0];
    assert_eq!(m.client_scopes(machine), ["rs/read"]);
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
    let cases = [
        (
            json!({"AllowedOAuthFlows": ["client_credentials"], "ExplicitAuthFlows": []}),
            IdTokens::No,
        ),
        (
            json!({"AllowedOAuthFlows": ["client_credentials"], "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH"]}),
            IdTokens::No,
        ),
        // Unset: Cognito enables SRP and custom authentication.
        (
            json!({"AllowedOAuthFlows": ["client_credentials"]}),
            IdTokens::Yes,
        ),
        (
            json!({"AllowedOAuthFlows": ["client_credentials"], "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]}),
            IdTokens::Yes,
        ),
        (
            json!({"AllowedOAuthFlows": ["code"], "ExplicitAuthFlows": []}),
            IdTokens::Yes,
        ),
        (
            json!({"AllowedOAuthFlows": {"Ref": "Flows"}, "ExplicitAuthFlows": []}),
            IdTokens::Unknown,
        ),
        (
            json!({"AllowedOAuthFlows": ["client_credentials"], "ExplicitAuthFlows": {"Ref": "Flows"}}),
            IdTokens::Unknown,
        ),
    ];
    for (props, expected) in cases {
        let mut t = template();
        let mut client = props.clone();
        client["UserPoolId"] = json!({"Ref": "Pool"});
        t["Resources"]["Machine"]["Properties"] = client;
        let m = AccessMatrix::from_template(&t);
        assert_eq!(m.clients[0].id_tokens, expected, "{props}");
    }
}

#[test]
fn values_computed_at_deploy_time_are_unreadable_not_errors() {
    let mut t = template();
    t["Resources"]["Machine"]["Properties"]["AllowedOAuthScopes"] = json!({"Ref": "Scopes"});
    t["Resources"]["Api"]["Properties"]["Body"]["paths"]["/items"]["get"]["security"] =
        json!({"Fn::If": ["Secure", [], []]});
    t["Resources"]["S3Api"] = json!({"Type": "AWS::ApiGateway::RestApi",
        "Properties": {"BodyS3Location": {"Bucket": "b", "Key": "k"}}});
    let m = AccessMatrix::from_template(&t);
    assert!(!m.clients[0].scopes_readable);
    assert_eq!(m.apis[0].operations[0].security, Security::Unreadable);
    assert!(!m.apis[1].readable);
    assert_eq!(
        m.required_in_pool(&PoolRef::Owned("Pool".into()), "rs/other"),
        None
    );
    // Nothing at all.
    assert_eq!(
        AccessMatrix::from_template(&json!([])),
        AccessMatrix::default()
    );
}

#[test]
fn what_the_walkthrough_reads_too() {
    let mut t = template();
    let body = &mut t["Resources"]["Api"]["Properties"]["Body"];
    // Document order, not method order.
    body["paths"]["/events"] = json!({"post": {}, "get": {}});
    body["components"]["securitySchemes"]["Iam"] = json!({"type": "apiKey",
        "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"});
    let m = AccessMatrix::from_template(&t);
    let server = &m.servers[0];
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
    let machine = &m.clients[0];
    assert!(machine.secret && machine.flows_readable);
    let api = &m.apis[0];
    let iam = api.scheme("Iam").unwrap();
    assert_eq!(iam.kind, SchemeKind::Iam);
    assert!(!iam.is_authorizer());
    let events: Vec<String> = api.operations[4..].iter().map(|o| o.label()).collect();
    assert_eq!(events, ["POST /events", "GET /events"]);

    // Swagger 2.0 keeps its schemes in `securityDefinitions`.
    let body = &mut t["Resources"]["Api"]["Properties"]["Body"];
    let schemes = body["components"]["securitySchemes"].take();
    body["securityDefinitions"] = schemes;
    body.as_object_mut().unwrap().remove("components");
    let m = AccessMatrix::from_template(&t);
    let auth = m.apis[0].scheme("Auth").unwrap();
    assert!(auth.cognito_pools().is_some());
    assert_eq!(
        auth.pointer,
        "/Resources/Api/Properties/Body/securityDefinitions/Auth"
    );

    // Scopes computed at deploy time.
    t["Resources"]["Server"]["Properties"]["Scopes"] = json!([{"ScopeName": {"Ref": "Name"}}]);
    t["Resources"]["Machine"]["Properties"]["AllowedOAuthFlows"] = json!({"Ref": "Flows"});
    let m = AccessMatrix::from_template(&t);
    assert!(!m.servers[0].scopes_readable);
    assert!(!m.clients[0].flows_readable);
}
