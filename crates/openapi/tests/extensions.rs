//! Every typed API Gateway extension against the examples of the API Gateway developer
//! guide: the documented JSON reads into the typed value the builders make, and the typed
//! value writes the documented JSON back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_core::Expr;
use cfnkit_openapi::apigw::{
    ApiGatewayExtension, ApiKeySource, AuthType, Authorizer, AuthorizerType, BinaryMediaTypes,
    ConnectionType, ContentHandling, EndpointConfiguration, GatewayResponse, GatewayResponseType,
    GatewayResponses, Integration, IntegrationResponse, IntegrationType, MinimumCompressionSize,
    PassthroughBehavior, Policy, RequestValidator, RequestValidatorName, RequestValidators,
    TlsConfig,
};
use cfnkit_openapi::{
    Document, Extensions, Info, Operation, PathItem, Response, SecurityScheme, Server,
};
use serde_json::{Value, json};

/// `documented` reads as `typed`, and `typed` writes `documented`.
fn round_trip<T: ApiGatewayExtension + PartialEq + std::fmt::Debug>(typed: &T, documented: Value) {
    assert_eq!(typed.to_expr().to_json(), documented, "writing {}", T::KEY);
    let read = T::from_expr(&Expr::from(documented)).unwrap();
    assert_eq!(&read, typed, "reading {}", T::KEY);
    // And through an object's extensions, under the key.
    let mut ext = Extensions::new();
    ext.set(read);
    assert_eq!(
        ext.typed::<T>(),
        Some(Ok(T::from_expr(&typed.to_expr()).unwrap()))
    );
    assert_eq!(ext.keys().collect::<Vec<_>>(), [T::KEY]);
    // The value kept by `set` is the one reading its expression gives.
    let kept = ext.typed_shared::<T>().unwrap().unwrap();
    assert_eq!(*kept, T::from_expr(ext.get(T::KEY).unwrap()).unwrap());
}

const LAMBDA_URI: &str = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:account-id:function:function-name/invocations";

#[test]
fn token_authorizer() {
    let typed = Authorizer::token(LAMBDA_URI)
        .authorizer_credentials("arn:aws:iam::account-id:role")
        .identity_validation_expression("^x-[a-z]+")
        .result_ttl_in_seconds(60);
    round_trip(
        &typed,
        json!({
            "type": "token",
            "authorizerUri": LAMBDA_URI,
            "authorizerCredentials": "arn:aws:iam::account-id:role",
            "identityValidationExpression": "^x-[a-z]+",
            "authorizerResultTtlInSeconds": 60
        }),
    );
}

#[test]
fn request_authorizer() {
    let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:APIGateway-Request-Authorizer:vtwo/invocations";
    let typed = Authorizer::request(
        uri,
        "method.request.header.HeaderAuth1, method.request.querystring.QueryString1",
    )
    .authorizer_credentials("arn:aws:iam::123456789012:role/AWSepIntegTest-CS-LambdaRole")
    .result_ttl_in_seconds(300);
    round_trip(
        &typed,
        json!({
            "type": "request",
            "identitySource": "method.request.header.HeaderAuth1, method.request.querystring.QueryString1",
            "authorizerCredentials": "arn:aws:iam::123456789012:role/AWSepIntegTest-CS-LambdaRole",
            "authorizerUri": uri,
            "authorizerResultTtlInSeconds": 300
        }),
    );
}

#[test]
fn cognito_authorizer_keeps_intrinsics() {
    let typed = Authorizer::cognito_user_pools([Expr::get_att("CognitoUserPool", "Arn")])
        .provider_arn(Expr::import_value("shared-pool-arn"))
        .identity_source("method.request.header.Authorization");
    round_trip(
        &typed,
        json!({
            "type": "cognito_user_pools",
            "providerARNs": [
                {"Fn::GetAtt": ["CognitoUserPool", "Arn"]},
                {"Fn::ImportValue": "shared-pool-arn"}
            ],
            "identitySource": "method.request.header.Authorization"
        }),
    );
    let read = Authorizer::from_expr(&typed.to_expr()).unwrap();
    assert!(
        matches!(read.provider_arns[0], Expr::Fn(_)),
        "an intrinsic, not a map"
    );
}

#[test]
fn authorizer_reads_upper_case_types_and_string_ttls() {
    let read = Authorizer::from_expr(&Expr::from(json!({
        "type": "COGNITO_USER_POOLS",
        "providerARNs": ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc"],
        "authorizerResultTtlInSeconds": "300"
    })))
    .unwrap();
    assert_eq!(read.kind, AuthorizerType::CognitoUserPools);
    assert_eq!(read.authorizer_result_ttl_in_seconds, Some(300));
}

#[test]
fn auth_types() {
    round_trip(&AuthType::CognitoUserPools, json!("cognito_user_pools"));
    round_trip(&AuthType::Custom, json!("custom"));
    round_trip(&AuthType::AwsSigv4, json!("awsSigv4"));
    round_trip(&AuthType::OAuth2, json!("oauth2"));
    round_trip(
        &AuthType::Other("Custom scheme with corporate claims".into()),
        json!("Custom scheme with corporate claims"),
    );
}

#[test]
fn aws_integration_of_the_reference() {
    let template_json =
        "#set ($root=$input.path('$')) { \"stage\": \"$root.name\", \"user-id\": \"$root.key\" }";
    let template_xml = "#set ($root=$input.path('$')) <stage>$root.name</stage> ";
    let typed = Integration::aws(
        "POST",
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:012345678901:function:HelloWorld/invocations",
    )
    .credentials("arn:aws:iam::012345678901:role/apigateway-invoke-lambda-exec-role")
    .request_template("application/json", template_json)
    .request_template("application/xml", template_xml)
    .request_parameter(
        "integration.request.path.stage",
        "method.request.querystring.version",
    )
    .request_parameter(
        "integration.request.querystring.provider",
        "method.request.querystring.vendor",
    )
    .cache_namespace("cache namespace")
    .response(
        "2\\d{2}",
        IntegrationResponse::new("200")
            .header("requestId", "integration.response.header.cid")
            .response_template("application/json", template_json)
            .response_template("application/xml", template_xml),
    )
    .response(
        "302",
        IntegrationResponse::new("302")
            .header("Location", "integration.response.body.redirect.url"),
    )
    .response(
        "default",
        IntegrationResponse::new("400")
            .header("test-method-response-header", "'static value'"),
    );
    // The reference's example, but for `"cacheKeyParameters": []`, which the typed value
    // leaves out when empty (API Gateway's default).
    round_trip(
        &typed,
        json!({
            "type": "aws",
            "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:012345678901:function:HelloWorld/invocations",
            "httpMethod": "POST",
            "credentials": "arn:aws:iam::012345678901:role/apigateway-invoke-lambda-exec-role",
            "requestTemplates": {
                "application/json": template_json,
                "application/xml": template_xml
            },
            "requestParameters": {
                "integration.request.path.stage": "method.request.querystring.version",
                "integration.request.querystring.provider": "method.request.querystring.vendor"
            },
            "cacheNamespace": "cache namespace",
            "responses": {
                "2\\d{2}": {
                    "statusCode": "200",
                    "responseParameters": {
                        "method.response.header.requestId": "integration.response.header.cid"
                    },
                    "responseTemplates": {
                        "application/json": template_json,
                        "application/xml": template_xml
                    }
                },
                "302": {
                    "statusCode": "302",
                    "responseParameters": {
                        "method.response.header.Location": "integration.response.body.redirect.url"
                    }
                },
                "default": {
                    "statusCode": "400",
                    "responseParameters": {
                        "method.response.header.test-method-response-header": "'static value'"
                    }
                }
            }
        }),
    );
    let with_empty_list = Integration::from_expr(&Expr::from(json!({
        "type": "aws", "cacheKeyParameters": []
    })))
    .unwrap();
    assert!(with_empty_list.cache_key_parameters.is_empty());
}

#[test]
fn http_integration_of_the_reference() {
    round_trip(
        &Integration::http("GET", "http://api.example.com")
            .response("default", IntegrationResponse::new("200")),
        json!({
            "type": "http",
            "responses": {"default": {"statusCode": "200"}},
            "httpMethod": "GET",
            "uri": "http://api.example.com"
        }),
    );
}

#[test]
fn aws_proxy_integration_of_the_reference() {
    let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:TestSimpleProxy/invocations";
    round_trip(
        &Integration::aws_proxy(uri),
        json!({"uri": uri, "httpMethod": "POST", "type": "aws_proxy"}),
    );
    // Upper case types (as in HTTP API examples) read too.
    let read = Integration::from_expr(&Expr::from(json!({"type": "AWS_PROXY"}))).unwrap();
    assert_eq!(read.kind, IntegrationType::AwsProxy);
}

#[test]
fn http_proxy_integration_through_a_vpc_link() {
    let typed = Integration::http_proxy("ANY", "http://internal.example.com/{proxy}")
        .vpc_link(Expr::reference("VpcLink"))
        .request_parameter(
            "integration.request.path.proxy",
            "method.request.path.proxy",
        )
        .passthrough_behavior(PassthroughBehavior::WhenNoTemplates)
        .content_handling(ContentHandling::ConvertToBinary)
        .timeout_in_millis(10_000)
        .cache_key_parameter("method.request.path.proxy")
        .tls_config(TlsConfig::insecure_skip_verification(true));
    round_trip(
        &typed,
        json!({
            "type": "http_proxy",
            "uri": "http://internal.example.com/{proxy}",
            "httpMethod": "ANY",
            "connectionType": "VPC_LINK",
            "connectionId": {"Ref": "VpcLink"},
            "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"},
            "passthroughBehavior": "when_no_templates",
            "contentHandling": "CONVERT_TO_BINARY",
            "timeoutInMillis": 10000,
            "cacheKeyParameters": ["method.request.path.proxy"],
            "tlsConfig": {"insecureSkipVerification": true}
        }),
    );
    assert_eq!(typed.connection_type, Some(ConnectionType::VpcLink));
}

#[test]
fn mock_integration_with_a_sub_in_its_template() {
    let typed = Integration::mock()
        .request_template(
            "application/json",
            Expr::sub("{\"statusCode\": 200, \"table\": \"${Table}\"}"),
        )
        .passthrough_behavior(PassthroughBehavior::Never)
        .response(
            "default",
            IntegrationResponse::new("200").content_handling(ContentHandling::ConvertToText),
        );
    round_trip(
        &typed,
        json!({
            "type": "mock",
            "requestTemplates": {
                "application/json": {"Fn::Sub": "{\"statusCode\": 200, \"table\": \"${Table}\"}"}
            },
            "passthroughBehavior": "never",
            "responses": {"default": {"statusCode": "200", "contentHandling": "CONVERT_TO_TEXT"}}
        }),
    );
}

#[test]
fn request_validators_of_the_reference() {
    let validators = RequestValidators(
        [
            ("basic".to_owned(), RequestValidator::all()),
            ("params-only".to_owned(), RequestValidator::params_only()),
        ]
        .into_iter()
        .collect(),
    );
    round_trip(
        &validators,
        json!({
            "basic": {"validateRequestBody": true, "validateRequestParameters": true},
            "params-only": {"validateRequestBody": false, "validateRequestParameters": true}
        }),
    );
    round_trip(&RequestValidatorName("basic".into()), json!("basic"));
    // The builders write the reference's example document.
    let doc = Document::new(Info::new("API", "1"))
        .request_validator("basic", RequestValidator::all())
        .request_validator("params-only", RequestValidator::params_only())
        .default_request_validator("basic")
        .path(
            "/validation",
            PathItem::new().post(
                Operation::new()
                    .response("200", Response::new("ok"))
                    .request_validator("params-only"),
            ),
        );
    let json = doc.to_json();
    assert_eq!(
        json["x-amazon-apigateway-request-validators"],
        validators.to_expr().to_json()
    );
    assert_eq!(json["x-amazon-apigateway-request-validator"], "basic");
    assert_eq!(
        json["paths"]["/validation"]["post"]["x-amazon-apigateway-request-validator"],
        "params-only"
    );
    assert_eq!(
        RequestValidator::body_only(),
        serde_json::from_value(json!({"validateRequestBody": true})).unwrap()
    );
}

#[test]
fn gateway_responses_of_the_reference() {
    let typed = GatewayResponses(
        [
            (
                GatewayResponseType::Default4xx,
                GatewayResponse::new()
                    .header("Access-Control-Allow-Origin", "'domain.com'")
                    .response_template("application/json", "{\"message\": test 4xx b }"),
            ),
            (
                GatewayResponseType::InvalidApiKey,
                GatewayResponse::new()
                    .status_code("429")
                    .response_template("application/json", "{\"message\": test forbidden }"),
            ),
        ]
        .into_iter()
        .collect(),
    );
    round_trip(
        &typed,
        json!({
            "DEFAULT_4XX": {
                "responseParameters": {
                    "gatewayresponse.header.Access-Control-Allow-Origin": "'domain.com'"
                },
                "responseTemplates": {"application/json": "{\"message\": test 4xx b }"}
            },
            "INVALID_API_KEY": {
                "statusCode": "429",
                "responseTemplates": {"application/json": "{\"message\": test forbidden }"}
            }
        }),
    );
    let doc = Document::new(Info::new("API", "1"))
        .gateway_response(
            GatewayResponseType::Unauthorized,
            GatewayResponse::new().header("WWW-Authenticate", "'Bearer'"),
        )
        .gateway_response(GatewayResponseType::WafFiltered, GatewayResponse::new());
    assert_eq!(
        doc.to_json()["x-amazon-apigateway-gateway-responses"],
        json!({
            "UNAUTHORIZED": {"responseParameters": {"gatewayresponse.header.WWW-Authenticate": "'Bearer'"}},
            "WAF_FILTERED": {}
        })
    );
}

#[test]
fn api_wide_settings_of_the_reference() {
    round_trip(&ApiKeySource::Header, json!("HEADER"));
    round_trip(&ApiKeySource::Authorizer, json!("AUTHORIZER"));
    round_trip(
        &BinaryMediaTypes(vec!["application/octet".into(), "image/jpeg".into()]),
        json!(["application/octet", "image/jpeg"]),
    );
    round_trip(&MinimumCompressionSize(5_242_880), json!(5242880));
    let policy = json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]},
            {
                "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
                "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}
            }
        ]
    });
    round_trip(&Policy(Expr::from(policy.clone())), policy);
    let doc = Document::new(Info::new("API", "1"))
        .api_key_source(ApiKeySource::Header)
        .binary_media_type("application/octet")
        .binary_media_type("image/jpeg")
        .binary_media_type("image/jpeg")
        .minimum_compression_size(5_242_880)
        .policy(json!({"Version": "2012-10-17", "Statement": []}));
    let json = doc.to_json();
    assert_eq!(json["x-amazon-apigateway-api-key-source"], "HEADER");
    assert_eq!(
        json["x-amazon-apigateway-binary-media-types"],
        json!(["application/octet", "image/jpeg"])
    );
    assert_eq!(
        json["x-amazon-apigateway-minimum-compression-size"],
        5242880
    );
    assert_eq!(json["x-amazon-apigateway-policy"]["Version"], "2012-10-17");
}

#[test]
fn endpoint_configuration_of_the_reference() {
    round_trip(
        &EndpointConfiguration::new()
            .vpc_endpoint_id("vpce-0212a4ababd5b8c3e")
            .vpc_endpoint_id("vpce-01d622316a7df47f9"),
        json!({"vpcEndpointIds": ["vpce-0212a4ababd5b8c3e", "vpce-01d622316a7df47f9"]}),
    );
    round_trip(
        &EndpointConfiguration::new().disable_execute_api_endpoint(true),
        json!({"disableExecuteApiEndpoint": true}),
    );
    let server = Server::new("https://api.example.com").endpoint_configuration(
        EndpointConfiguration::new().vpc_endpoint_id(Expr::reference("ApiEndpoint")),
    );
    assert_eq!(
        serde_json::to_value(&server).unwrap()["x-amazon-apigateway-endpoint-configuration"],
        json!({"vpcEndpointIds": [{"Ref": "ApiEndpoint"}]})
    );
}

#[test]
fn security_scheme_builders() {
    let token = SecurityScheme::lambda_token(LAMBDA_URI);
    assert_eq!(
        serde_json::to_value(&token).unwrap(),
        json!({
            "type": "apiKey", "name": "Authorization", "in": "header",
            "x-amazon-apigateway-authtype": "custom",
            "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": LAMBDA_URI}
        })
    );
    let request = SecurityScheme::lambda_request(
        LAMBDA_URI,
        "method.request.header.auth, stageVariables.stage",
    );
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["name"], "Unused");
    assert_eq!(json["x-amazon-apigateway-authorizer"]["type"], "request");
    // A typed extension can be set on any object through the generic builder.
    let op = Operation::new().typed_extension(Integration::mock());
    assert_eq!(
        serde_json::to_value(&op).unwrap()["x-amazon-apigateway-integration"],
        json!({"type": "mock"})
    );
}

#[test]
fn any_method_writes_its_operation_under_the_extension_key() {
    let item = PathItem::new().any_method(
        Operation::new()
            .response("200", Response::new("ok"))
            .integration(Integration::aws_proxy(Expr::sub(
                "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations",
            ))),
    );
    let json = serde_json::to_value(&item).unwrap();
    assert_eq!(
        json["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations"})
    );
}

#[test]
fn a_malformed_extension_says_what_is_wrong() {
    let typo = Integration::from_expr(&Expr::from(json!({
        "type": "mock", "passThroughBehavior": "when_no_match"
    })))
    .unwrap_err();
    assert!(typo.unknown_field, "{typo}");
    assert!(typo.message.contains("passThroughBehavior"), "{typo}");
    let wrong = Integration::from_expr(&Expr::from(json!({"type": "lambda"}))).unwrap_err();
    assert!(!wrong.unknown_field, "{wrong}");
    assert!(wrong.message.contains("lambda"), "{wrong}");
    assert_eq!(wrong.key, "x-amazon-apigateway-integration");
}

#[test]
fn api_gateway_keys_are_borrowed_by_the_template_tree() {
    // Every known extension key is in core's table of well-known keys, so a document's
    // `Expr` holds it without a copy (a key missing there would only cost an allocation:
    // this keeps the two lists together).
    let map: indexmap::IndexMap<String, u8> = cfnkit_openapi::apigw::KNOWN_KEYS
        .iter()
        .map(|k| ((*k).to_owned(), 1))
        .collect();
    let cfnkit_core::Expr::Map(tree) = cfnkit_core::to_expr(&map).unwrap() else {
        panic!("a map renders as a map");
    };
    for key in tree.keys() {
        assert!(
            matches!(key, std::borrow::Cow::Borrowed(_)),
            "{key} is copied"
        );
    }
    assert_eq!(tree.len(), cfnkit_openapi::apigw::KNOWN_KEYS.len());
}

#[test]
fn a_kept_typed_value_follows_its_key() {
    let mut ext = Extensions::new();
    ext.set(Integration::mock().timeout_in_millis(1_000));
    let kept = ext.typed_shared::<Integration>().unwrap().unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &kept,
        &ext.typed_shared().unwrap().unwrap()
    ));
    // A clone shares it; equality and Debug are the expressions' alone.
    let copy = ext.clone();
    assert!(std::sync::Arc::ptr_eq(
        &kept,
        &copy.typed_shared().unwrap().unwrap()
    ));
    let by_hand: Extensions = ext.iter().map(|(k, v)| (k, v.clone())).collect();
    assert_eq!(by_hand, ext);
    assert_eq!(format!("{by_hand:?}"), format!("{ext:?}"));
    // Set by hand, the key is read from its expression, never the old typed value.
    ext.insert(
        "x-amazon-apigateway-integration",
        Expr::from(json!({"type": "mock", "timeoutInMillis": 2000})),
    );
    let read = ext.typed_shared::<Integration>().unwrap().unwrap();
    assert_eq!(read.timeout_in_millis, Some(2_000));
    let broken = Expr::from(json!({"type": "soap"}));
    ext.set(Integration::mock());
    ext.insert("x-amazon-apigateway-integration", broken);
    assert!(ext.typed_shared::<Integration>().unwrap().is_err());
    ext.set(Integration::mock());
    ext.remove("x-amazon-apigateway-integration");
    assert!(ext.typed_shared::<Integration>().is_none());
    // A value kept under one key is never handed out as another type.
    ext.set(ApiKeySource::Header);
    assert_eq!(ext.typed_shared::<Integration>(), None);
}

#[test]
fn integration_types_name_themselves_as_they_are_written() {
    for kind in [
        IntegrationType::Mock,
        IntegrationType::Http,
        IntegrationType::HttpProxy,
        IntegrationType::Aws,
        IntegrationType::AwsProxy,
    ] {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
    }
}
