//! The standalone renderings (strict, placeholders, stack outputs) and the public profile.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cfnkit_core::{Expr, Pseudo};
use cfnkit_openapi::apigw::Integration;
use cfnkit_openapi::render::{OutputsError, render};
use cfnkit_openapi::{
    ApiKeyLocation, Components, Document, Example, Info, MediaType, Operation, PathItem,
    Placeholders, PublicProfile, Response, Schema, SecurityScheme, Server, StackOutputs, Strict,
};
use common::{SAMPLE_OUTPUTS, weather_document};
use serde_json::{Value, json};

/// A document with intrinsics in three places.
fn three_intrinsics() -> Document {
    Document::new(Info::new("API", "1.0.0"))
        .server(Server::new(Expr::sub(
            "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod",
        )))
        .path(
            "/",
            PathItem::new().get(
                Operation::new()
                    .response("200", Response::new("ok"))
                    .integration(
                        Integration::aws_proxy(Expr::get_att("Handler", "Arn"))
                            .credentials(Expr::import_value("shared-role-arn")),
                    ),
            ),
        )
}

#[test]
fn strict_lists_every_intrinsic_with_its_pointer() {
    let err = three_intrinsics().render(&Strict).unwrap_err();
    let found: Vec<(&str, &Value)> = err
        .unresolved
        .iter()
        .map(|u| (u.pointer.as_str(), &u.intrinsic))
        .collect();
    assert_eq!(
        found,
        [
            (
                "/servers/0/url",
                &json!({"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod"})
            ),
            (
                "/paths/~1/get/x-amazon-apigateway-integration/uri",
                &json!({"Fn::GetAtt": ["Handler", "Arn"]})
            ),
            (
                "/paths/~1/get/x-amazon-apigateway-integration/credentials",
                &json!({"Fn::ImportValue": "shared-role-arn"})
            ),
        ]
    );
    let text = err.to_string();
    assert!(
        text.starts_with("3 intrinsics cannot be resolved"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.contains("a strict rendering resolves no intrinsic and this is a Fn::Sub"));
    // A document without intrinsics renders strictly.
    let literal = Document::new(Info::new("API", "1.0.0"));
    assert_eq!(literal.render(&Strict).unwrap(), literal.to_json());
}

#[test]
fn placeholders_are_readable() {
    let doc = three_intrinsics().render(&Placeholders).unwrap();
    assert_eq!(
        doc["servers"][0]["url"],
        "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod"
    );
    let integration = &doc["paths"]["/"]["get"]["x-amazon-apigateway-integration"];
    assert_eq!(integration["uri"], "${Handler.Arn}");
    assert_eq!(
        integration["credentials"],
        r#"${Fn::ImportValue("shared-role-arn")}"#
    );
    cfnkit_testkit::assert_openapi_valid("placeholders-server", &doc);
}

#[test]
fn the_weather_document_standalone() {
    let doc = weather_document();
    let review = doc.render(&Placeholders).unwrap();
    cfnkit_testkit::assert_openapi_valid("fixture-placeholders", &review);
    let outputs = StackOutputs::from_json(SAMPLE_OUTPUTS)
        .unwrap()
        .map(Expr::get_att("CognitoUserPool", "Arn"), "UserPoolArn");
    let deployed = doc.render(&outputs).unwrap();
    assert_eq!(
        deployed["components"]["securitySchemes"]["CognitoAuthorizer"]["x-amazon-apigateway-authorizer"]
            ["providerARNs"],
        json!(["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI"])
    );
    cfnkit_testkit::assert_openapi_valid("fixture-outputs", &deployed);
}

#[test]
fn outputs_files_in_every_form_the_cli_prints() {
    let list = json!([{"OutputKey": "A", "OutputValue": "1", "ExportName": "shared-a"}]);
    let forms = [
        list.clone(),
        json!({"Outputs": list}),
        json!({"Stacks": [{"StackName": "weather", "Outputs": list}]}),
    ];
    for form in forms {
        let outputs = StackOutputs::from_value(&form).unwrap();
        assert_eq!(outputs.value("A"), Some("1"), "{form}");
    }
    // What `cfnkit outputs --stack weather --format json` prints.
    let cfnkit = StackOutputs::from_value(&json!({"weather": {"A": "1", "B": "2"}})).unwrap();
    assert_eq!(
        cfnkit.values().collect::<Vec<_>>(),
        [("A", "1"), ("B", "2")]
    );
    let bad = |text: &str| StackOutputs::from_json(text).unwrap_err();
    assert!(
        bad(r#"{"weather": {"A": 1}}"#)
            .0
            .contains("output A is not a string")
    );
    assert!(bad(r#"{"weather": []}"#).0.contains("<stack>"));
    assert!(bad("not json").0.starts_with("not JSON"));
    assert!(
        bad(r#"{"Stacks": [{}, {}]}"#)
            .0
            .contains("Stacks[0].Outputs")
    );
    assert!(bad(r#"[{"OutputKey": "A"}]"#).0.contains("output 0 lacks"));
    assert_eq!(
        bad("7").to_string(),
        OutputsError("expected a JSON list of outputs".into()).to_string()
    );
}

#[test]
fn outputs_compute_joins_subs_selects_and_imports() {
    let outputs = StackOutputs::from_json(
        r#"[
            {"OutputKey": "Prefix", "OutputValue": "weather-0a1b"},
            {"OutputKey": "StackId", "OutputValue": "arn:aws:cloudformation:eu-west-1:123456789012:stack/weather/0a1b2c3d-1111-2222-3333-444455556666"},
            {"OutputKey": "Shared", "OutputValue": "arn:aws:iam::123456789012:role/shared", "ExportName": "shared-role-arn"}
        ]"#,
    )
    .unwrap()
    .map(Expr::reference("UserPoolDomain"), "Prefix")
    .map(Expr::pseudo(Pseudo::StackId), "StackId")
    .pseudo(Pseudo::Region, "eu-west-1");
    let value = |e: Expr| render(&e, &outputs).unwrap();
    assert_eq!(
        value(Expr::sub(
            "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token"
        )),
        "https://weather-0a1b.auth.eu-west-1.amazoncognito.com/oauth2/token"
    );
    let stack_uuid = Expr::select(2, Expr::split("/", Expr::pseudo(Pseudo::StackId)));
    assert_eq!(
        value(Expr::join(
            "-",
            [
                Expr::from("weather"),
                Expr::select(4, Expr::split("-", stack_uuid))
            ]
        )),
        "weather-444455556666"
    );
    let vars = [("Role".to_owned(), Expr::import_value("shared-role-arn"))]
        .into_iter()
        .collect();
    assert_eq!(
        value(Expr::sub_with("role=${Role} ${!Kept}", vars)),
        "role=arn:aws:iam::123456789012:role/shared ${Kept}"
    );
    // What cannot be computed says why, and where.
    let err = render(
        &Expr::Map(
            [
                ("a", Expr::if_("IsProd", "x", "y")),
                ("b", Expr::pseudo(Pseudo::AccountId)),
                ("c", Expr::get_att("Pool", "Arn")),
            ]
            .into_iter()
            .collect(),
        ),
        &outputs,
    )
    .unwrap_err();
    let reasons: Vec<(&str, &str)> = err
        .unresolved
        .iter()
        .map(|u| (u.pointer.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 3);
    assert!(
        reasons[0].1.contains("Fn::If cannot be computed"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].1.contains("AWS::AccountId has no value"),
        "{reasons:?}"
    );
    assert!(
        reasons[2].1.contains("outputs: Prefix, StackId, Shared"),
        "{reasons:?}"
    );
    // A mapping to an output the file lacks.
    let missing = StackOutputs::new().map(Expr::get_att("Pool", "Arn"), "PoolArn");
    let err = render(&Expr::get_att("Pool", "Arn"), &missing).unwrap_err();
    assert!(
        err.unresolved[0]
            .reason
            .contains("\"PoolArn\", which the outputs file does not have")
    );
}

#[test]
fn stack_outputs_map_themselves() {
    let token_url =
        Expr::sub("https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token");
    let pool_id = Expr::reference("CognitoUserPool");
    let outputs = StackOutputs::from_json(SAMPLE_OUTPUTS)
        .unwrap()
        .output("UserPoolId", "eu-west-1_AbCdEfGhI")
        .map_outputs([("TokenUrl", &token_url), ("UserPoolId", &pool_id)]);
    let url =
        Expr::sub("https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token");
    assert_eq!(
        render(&url, &outputs).unwrap(),
        "https://weather-0a1b2c3d4e5f.auth.eu-west-1.amazoncognito.com/oauth2/token"
    );
    assert_eq!(
        render(&Expr::reference("CognitoUserPool"), &outputs).unwrap(),
        "eu-west-1_AbCdEfGhI"
    );
}

#[test]
fn the_public_profile() {
    let profile = PublicProfile::new(Expr::sub(
        "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token",
    ))
    .scope("weather-api/get", "Retrieve weather events")
    .scope("weather-api/delete", "Delete a weather event")
    .server(Server::new("https://api.example.com/weather"));
    let mut doc = weather_document()
        .security("CognitoAuthorizer", ["weather-api/admin"])
        .server(Server::new("https://internal.example.com"))
        .path(
            "/{proxy+}",
            PathItem::new().any_method(Operation::new().response("200", Response::new("ok"))),
        );
    doc.components.security_schemes.insert(
        "ApiKey".into(),
        SecurityScheme::api_key("x-api-key", ApiKeyLocation::Header).into(),
    );
    if let Some(cfnkit_openapi::ReferenceOr::Item(s)) =
        doc.components.security_schemes.get_mut("CognitoAuthorizer")
    {
        s.description = Some("Cognito access tokens".into());
    }
    doc.components.schemas.insert(
        "Odd".into(),
        Schema::from_json(json!({
            "type": "object",
            "properties": {"x-amazon-apigateway-field": {"type": "string"}},
            "example": {"x-amazon-apigateway-field": "kept"}
        })),
    );
    let public = doc.render_public(&profile, &Placeholders).unwrap();
    assert_eq!(
        public["components"]["securitySchemes"]["CognitoAuthorizer"],
        json!({
            "type": "oauth2",
            "flows": {"clientCredentials": {
                "tokenUrl": "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token",
                "scopes": {
                    "weather-api/admin": "weather-api/admin",
                    "weather-api/post": "weather-api/post",
                    "weather-api/get": "Retrieve weather events"
                }
            }},
            "description": "Cognito access tokens"
        })
    );
    assert_eq!(
        public["components"]["securitySchemes"]["ApiKey"],
        json!({"type": "apiKey", "name": "x-api-key", "in": "header"})
    );
    assert_eq!(
        public["servers"],
        json!([{"url": "https://api.example.com/weather"}])
    );
    assert_eq!(public["paths"]["/{proxy+}"], json!({}));
    // Property names and example data are not extension keys.
    assert_eq!(
        public["components"]["schemas"]["Odd"],
        json!({
            "type": "object",
            "properties": {"x-amazon-apigateway-field": {"type": "string"}},
            "example": {"x-amazon-apigateway-field": "kept"}
        })
    );
    let without_data = {
        let mut p = public.clone();
        p["components"]["schemas"]
            .as_object_mut()
            .unwrap()
            .remove("Odd");
        p
    };
    assert!(!without_data.to_string().contains("x-amazon-apigateway"));
    cfnkit_testkit::assert_openapi_valid("fixture-public", &public);
}

#[test]
fn the_public_form_of_a_document_without_cognito() {
    let doc = Document::new(Info::new("API", "1.0.0"))
        .path(
            "/",
            PathItem::new().get(
                Operation::new()
                    .response(
                        "200",
                        Response::new("ok").content(
                            "application/json",
                            MediaType::new().named_example("one", Example::value(1)),
                        ),
                    )
                    .integration(Integration::mock()),
            ),
        )
        .components(Components::new().security_scheme(
            "Lambda",
            SecurityScheme::lambda_token("arn:aws:apigateway:…"),
        ));
    let public = doc
        .render_public(&PublicProfile::new("https://unused.example.com"), &Strict)
        .unwrap();
    assert_eq!(
        public["components"]["securitySchemes"]["Lambda"],
        json!({"type": "apiKey", "name": "Authorization", "in": "header"})
    );
    assert_eq!(
        public["paths"]["/"]["get"],
        json!({"responses": {"200": {"description": "ok", "content": {"application/json": {"examples": {"one": {"value": 1}}}}}}})
    );
}
