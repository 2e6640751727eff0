//! One failing document per API Gateway rule of `Document::check`: the rule, the severity,
//! the path and the remedy.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_core::{Diagnostic, Expr, Severity};
use cfnkit_openapi::apigw::{
    ApiKeySource, Authorizer, Integration, IntegrationResponse, RequestValidator,
};
use cfnkit_openapi::{
    ApiKeyLocation, Components, Document, Header, Info, Operation, PathItem, ReferenceOr, Response,
    Schema, SecurityScheme, Server,
};
use serde_json::json;

fn with_header() -> Response {
    Response::new("ok").header("Content-Type", Header::new().schema(Schema::string()))
}

fn mock() -> Integration {
    Integration::mock().response(
        "default",
        IntegrationResponse::new("200").header("Content-Type", "'application/json'"),
    )
}

fn doc(op: Operation) -> Document {
    Document::new(Info::new("API", "1.0.0")).path("/", PathItem::new().get(op))
}

/// Every finding as (severity, rule, path).
fn found(doc: &Document) -> Vec<(Severity, &'static str, String)> {
    doc.check()
        .into_iter()
        .map(|d| (d.severity, d.rule, d.location.path))
        .collect()
}

/// The only finding.
fn only(doc: &Document) -> Diagnostic {
    let found = doc.check();
    assert_eq!(found.len(), 1, "{found}");
    found.0[0].clone()
}

#[test]
fn a_clean_mock_has_no_finding() {
    let d = doc(Operation::new()
        .response("200", with_header())
        .integration(mock()));
    assert!(d.check().is_empty(), "{}", d.check());
}

#[test]
fn integration_response_status_needs_a_method_response() {
    let d = doc(Operation::new()
        .response("default", with_header())
        .integration(mock()));
    let p = only(&d);
    assert_eq!(p.rule, "openapi/integration-response-status");
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(
        p.location.path,
        "/paths/~1/get/x-amazon-apigateway-integration/responses/default/statusCode"
    );
    assert!(p.message.contains("(it has: default)"), "{}", p.message);
    assert!(p.message.contains(".response(\"200\""), "{}", p.message);
}

#[test]
fn integration_response_header_needs_the_method_response_header() {
    let d = doc(Operation::new()
        .response("200", Response::new("ok"))
        .integration(mock()));
    let p = only(&d);
    assert_eq!(p.rule, "openapi/integration-response-header");
    assert_eq!(
        p.location.path,
        "/paths/~1/get/x-amazon-apigateway-integration/responses/default/responseParameters/method.response.header.Content-Type"
    );
    assert!(
        p.message.contains(".header(\"Content-Type\""),
        "{}",
        p.message
    );
}

#[test]
fn headers_of_a_referenced_method_response_count() {
    let d = doc(Operation::new()
        .response("200", ReferenceOr::component("Ok"))
        .integration(mock()))
    .components(Components::new().response("Ok", with_header()));
    assert!(d.check().is_empty(), "{}", d.check());
}

#[test]
fn parameter_mappings_must_name_what_api_gateway_maps() {
    let d = doc(Operation::new().response("200", with_header()).integration(
        Integration::mock()
            .request_parameter("method.request.header.X", "'x'")
            .response(
                "default",
                IntegrationResponse::new("200").response_parameter("header.X", "'x'"),
            ),
    ));
    let rules: Vec<_> = found(&d).into_iter().map(|(_, r, p)| (r, p)).collect();
    assert_eq!(
        rules,
        [
            (
                "openapi/integration-parameter",
                "/paths/~1/get/x-amazon-apigateway-integration/requestParameters/method.request.header.X".to_owned()
            ),
            (
                "openapi/integration-parameter",
                "/paths/~1/get/x-amazon-apigateway-integration/responses/default/responseParameters/header.X".to_owned()
            ),
        ]
    );
}

#[test]
fn backends_need_uri_method_and_link() {
    let mut http = Integration::http("GET", "https://example.com");
    http.uri = None;
    http.http_method = None;
    let d = doc(Operation::new()
        .response("200", with_header())
        .integration(http));
    let messages: Vec<String> = d.check().into_iter().map(|d| d.message).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("needs the backend's uri"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("needs the backend request's httpMethod"))
    );

    let mut link = Integration::http_proxy("ANY", "http://internal").vpc_link("abc");
    link.connection_id = None;
    let d = doc(Operation::new()
        .response("200", with_header())
        .integration(link));
    assert!(only(&d).message.contains("connectionId"));

    let proxy = Integration::aws_proxy("arn:aws:apigateway:…").http_method("GET");
    let d = doc(Operation::new()
        .response("200", with_header())
        .integration(proxy));
    let p = only(&d);
    assert_eq!(
        (p.severity, p.rule),
        (Severity::Warning, "openapi/integration-backend")
    );
    assert_eq!(
        p.location.path,
        "/paths/~1/get/x-amazon-apigateway-integration/httpMethod"
    );
}

#[test]
fn timeouts_out_of_range() {
    let at = |ms| {
        doc(Operation::new()
            .response("200", with_header())
            .integration(mock().timeout_in_millis(ms)))
    };
    assert!(at(29_000).check().is_empty());
    let low = only(&at(10));
    assert_eq!(
        (low.severity, low.rule),
        (Severity::Error, "openapi/integration-timeout")
    );
    let high = only(&at(60_000));
    assert_eq!(
        (high.severity, high.rule),
        (Severity::Warning, "openapi/integration-timeout")
    );
    assert!(high.message.contains("raised quota"), "{}", high.message);
}

#[test]
fn an_operation_without_integration_among_integrated_ones() {
    let d = Document::new(Info::new("API", "1.0.0")).path(
        "/",
        PathItem::new()
            .get(
                Operation::new()
                    .response("200", with_header())
                    .integration(mock()),
            )
            .post(Operation::new().response("200", with_header())),
    );
    let p = only(&d);
    assert_eq!(
        (p.severity, p.rule),
        (Severity::Warning, "openapi/missing-integration")
    );
    assert_eq!(p.location.path, "/paths/~1/post");
}

#[test]
fn request_validators_must_be_defined() {
    let d = doc(Operation::new()
        .response("200", with_header())
        .integration(mock())
        .request_validator("body"))
    .request_validator("all", RequestValidator::all())
    .default_request_validator("everything");
    let found = found(&d);
    assert_eq!(
        found,
        [
            (
                Severity::Error,
                "openapi/unknown-request-validator",
                "/paths/~1/get/x-amazon-apigateway-request-validator".to_owned()
            ),
            (
                Severity::Error,
                "openapi/unknown-request-validator",
                "/x-amazon-apigateway-request-validator".to_owned()
            ),
        ]
    );
    let message = &d.check().0[0].message;
    assert!(message.contains("(all)"), "{message}");
}

#[test]
fn authorizers_need_what_their_type_needs() {
    let scheme = |a: Authorizer| {
        Document::new(Info::new("API", "1.0.0")).components(Components::new().security_scheme(
            "Auth",
            SecurityScheme::api_key("Authorization", ApiKeyLocation::Header).authorizer(a),
        ))
    };
    let empty = only(&scheme(Authorizer::cognito_user_pools(Vec::<Expr>::new())));
    assert_eq!(empty.rule, "openapi/authorizer");
    assert_eq!(
        empty.location.path,
        "/components/securitySchemes/Auth/x-amazon-apigateway-authorizer"
    );
    assert!(empty.message.contains("providerARNs"), "{}", empty.message);

    let mut token = Authorizer::token("arn:…");
    token.authorizer_uri = None;
    assert!(only(&scheme(token)).message.contains("authorizerUri"));

    let mut ttl = Authorizer::token("arn:…");
    ttl.authorizer_result_ttl_in_seconds = Some(7200);
    assert_eq!(
        only(&scheme(ttl)).location.path,
        "/components/securitySchemes/Auth/x-amazon-apigateway-authorizer/authorizerResultTtlInSeconds"
    );

    let regex = Authorizer::request("arn:…", "method.request.header.A")
        .identity_validation_expression("^x");
    let p = only(&scheme(regex));
    assert_eq!(
        (p.severity, p.rule),
        (Severity::Warning, "openapi/authorizer")
    );

    let many = Authorizer::cognito_user_pools((0..1001).map(|i| format!("arn:{i}")));
    assert!(only(&scheme(many)).message.contains("1001 user pool ARNs"));

    let bearer =
        Document::new(Info::new("API", "1.0.0")).components(Components::new().security_scheme(
            "Auth",
            SecurityScheme::bearer("JWT").authorizer(Authorizer::cognito_user_pools(["arn:…"])),
        ));
    let p = only(&bearer);
    assert_eq!(p.location.path, "/components/securitySchemes/Auth");
    assert!(p.message.contains("apiKey"), "{}", p.message);
}

#[test]
fn identity_sources_api_gateway_can_read() {
    let scheme = |header: &str, a: Authorizer| {
        Document::new(Info::new("API", "1.0.0")).components(Components::new().security_scheme(
            "Auth",
            SecurityScheme::api_key(header, ApiKeyLocation::Header).authorizer(a),
        ))
    };
    let fine = scheme(
        "X-Api-Token",
        Authorizer::cognito_user_pools(["arn:…"])
            .identity_source("method.request.header.X-Api-Token"),
    );
    assert!(fine.check().is_empty(), "{}", fine.check());
    let spaced = only(&scheme(
        "Authorization",
        Authorizer::cognito_user_pools(["arn:…"]).identity_source("method.request.header.X Token"),
    ));
    assert_eq!(
        (spaced.severity, spaced.rule),
        (Severity::Error, "openapi/identity-source")
    );
    assert_eq!(
        spaced.location.path,
        "/components/securitySchemes/Auth/x-amazon-apigateway-authorizer/identitySource"
    );
    assert!(
        spaced.message.contains("contains a space"),
        "{}",
        spaced.message
    );
    let query = only(&scheme(
        "Authorization",
        Authorizer::token("arn:…").identity_source("method.request.querystring.token"),
    ));
    assert!(
        query.message.contains("not a request header"),
        "{}",
        query.message
    );
    let header = only(&scheme(
        "Auth Token",
        Authorizer::cognito_user_pools(["arn:…"]),
    ));
    assert_eq!(
        header.location.path,
        "/components/securitySchemes/Auth/name"
    );
}

#[test]
fn cognito_without_scopes_warns() {
    let d = doc(Operation::new()
        .response("200", with_header())
        .security("Cognito", Vec::<String>::new()))
    .components(Components::new().security_scheme(
        "Cognito",
        SecurityScheme::cognito_user_pools([Expr::get_att("Pool", "Arn")]),
    ));
    let p = only(&d);
    assert_eq!(
        (p.severity, p.rule),
        (Severity::Warning, "openapi/cognito-scopes")
    );
    assert_eq!(p.location.path, "/paths/~1/get/security/0/Cognito");
    assert!(p.message.contains("401"), "{}", p.message);
}

#[test]
fn hand_written_extensions_are_read_too() {
    let d = doc(Operation::new().response("200", with_header()).extension(
        "x-amazon-apigateway-integration",
        json!({"type": "mock", "passThroughBehavior": "never"}),
    ))
    .extension("x-amazon-apigateway-api-key-source", "QUERY");
    let found = d.check();
    let rules: Vec<_> = found
        .iter()
        .map(|d| (d.severity, d.rule, d.location.path.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            (
                Severity::Error,
                "openapi/apigateway-extension",
                "/x-amazon-apigateway-api-key-source"
            ),
            (
                Severity::Warning,
                "openapi/apigateway-extension",
                "/paths/~1/get/x-amazon-apigateway-integration"
            ),
        ]
    );
    assert!(
        found.0[1].message.contains("passThroughBehavior"),
        "{found}"
    );
}

#[test]
fn extension_typos_and_misplacements() {
    let d = doc(Operation::new()
        .response("200", with_header())
        .extension("x-amazon-apigateway-intergration", json!({"type": "mock"}))
        .typed_extension(ApiKeySource::Header))
    .server(Server::new("https://example.com").typed_extension(Integration::mock()));
    let found = found(&d);
    assert_eq!(
        found,
        [
            (
                Severity::Warning,
                "openapi/extension-placement",
                "/paths/~1/get/x-amazon-apigateway-api-key-source".to_owned()
            ),
            (
                Severity::Warning,
                "openapi/unknown-apigateway-extension",
                "/paths/~1/get/x-amazon-apigateway-intergration".to_owned()
            ),
            (
                Severity::Warning,
                "openapi/extension-placement",
                "/servers/0/x-amazon-apigateway-integration".to_owned()
            ),
        ]
    );
}

#[test]
fn minimum_compression_size_range() {
    let d = Document::new(Info::new("API", "1.0.0"))
        .extension("x-amazon-apigateway-minimum-compression-size", 10_485_761);
    let p = only(&d);
    assert_eq!(p.rule, "openapi/minimum-compression-size");
    assert_eq!(
        p.location.path,
        "/x-amazon-apigateway-minimum-compression-size"
    );
    let ok = Document::new(Info::new("API", "1.0.0")).minimum_compression_size(0);
    assert!(ok.check().is_empty());
}

#[test]
fn the_any_method_is_checked_like_an_operation() {
    let d = Document::new(Info::new("API", "1.0.0")).path(
        "/{proxy+}",
        PathItem::new().any_method(
            Operation::new()
                .operation_id("proxy")
                .response("default", with_header())
                .integration(mock()),
        ),
    );
    let found = found(&d);
    let paths: Vec<&str> = found.iter().map(|(_, _, p)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/paths/~1{proxy+}/x-amazon-apigateway-any-method",
            "/paths/~1{proxy+}/x-amazon-apigateway-any-method/x-amazon-apigateway-integration/responses/default/statusCode",
        ]
    );
    assert_eq!(found[0].1, "openapi/path-parameter");
}

/// A document with a mock GET on each path.
fn paths(paths: &[&str]) -> Document {
    let get = || {
        PathItem::new().get(
            Operation::new()
                .response("200", with_header())
                .integration(mock()),
        )
    };
    paths
        .iter()
        .fold(Document::new(Info::new("API", "1.0.0")), |d, p| {
            // Each `{name}` or `{name+}` declared as a path parameter.
            let names = p
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}'))
                .map(|(name, _)| name.trim_end_matches('+'));
            let item = names.fold(get(), |item, name| {
                item.parameter(cfnkit_openapi::Parameter::path(name).schema(Schema::string()))
            });
            d.path(*p, item)
        })
}

#[test]
fn paths_api_gateway_can_make_resources_of() {
    let clean = paths(&[
        "/",
        "/events",
        "/events/{id}",
        "/events/{id}/tags",
        "/v1.2/report_x-y",
        "/files/{proxy+}",
    ]);
    assert!(clean.check().is_empty(), "{}", clean.check());
    let bad = paths(&[
        "/my events",
        "/events/{id}.json",
        "/{proxy+}/tail",
        "/users/{id}",
        "/users/{userId}/tags",
        "/trailing/",
    ]);
    let found = bad.check();
    let mine: Vec<String> = found
        .iter()
        .filter(|d| d.rule == "openapi/apigateway-path")
        .map(|d| format!("{} {}: {}", d.severity, d.location.path, d.message))
        .collect();
    assert_eq!(mine.len(), 5, "{found}");
    cfnkit_testkit::assert_snapshot!("openapi", "apigateway-path", mine.join("\n"));
}
