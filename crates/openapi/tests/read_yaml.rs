//! Reading OpenAPI documents written in YAML, as projects keep them (`openapi.spec.yml`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cfnkit_core::Expr;
use cfnkit_openapi::apigw::{Authorizer, Integration};
use cfnkit_openapi::{Document, Method, ReadError, SecurityScheme};

const POOL_ARN: &str = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI";

#[test]
fn an_openapi_spec_yml_reads_as_the_model_builds_it() {
    let doc = Document::from_yaml(common::SPEC_YML).unwrap_or_else(|e| panic!("{e}"));
    let mut expected = common::weather_document();
    expected.components.security_schemes.insert(
        "CognitoAuthorizer".to_owned(),
        SecurityScheme::cognito_user_pools([POOL_ARN]).into(),
    );
    assert_eq!(doc, expected);
    assert!(doc.check().is_empty(), "{}", doc.check());

    let item = &doc.paths.paths["/"];
    let (post, get) = (
        &item.operations[&Method::Post],
        &item.operations[&Method::Get],
    );
    // `200:` is an integer to YAML, a status code to OpenAPI.
    assert_eq!(post.responses.responses.keys().collect::<Vec<_>>(), ["200"]);
    assert_eq!(
        get.security.as_ref().unwrap()[0].iter().collect::<Vec<_>>(),
        [("CognitoAuthorizer", &["weather-api/get".to_owned()][..])]
    );
    // The merge key gives the GET the POST's mock integration with its own responses.
    let mock: Integration = get.extensions.typed().unwrap().unwrap();
    assert_eq!(mock, common::mock_integration(common::LIST_BODY));
    let scheme = doc.components.security_schemes["CognitoAuthorizer"]
        .as_item()
        .unwrap();
    let authorizer: Authorizer = scheme.extensions.typed().unwrap().unwrap();
    assert_eq!(authorizer.provider_arns, [Expr::from(POOL_ARN)]);
}

#[test]
fn number_and_boolean_keys_are_strings() {
    let doc = Document::from_yaml(
        "openapi: 3.0.1
info: {title: T, version: '1'}
paths:
  /:
    get:
      responses:
        204: {description: gone}
        default: {description: other}
      x-flags: {true: on, 1.5: half}
",
    )
    .unwrap();
    let get = &doc.paths.paths["/"].operations[&Method::Get];
    assert_eq!(
        get.responses.responses.keys().collect::<Vec<_>>(),
        ["204", "default"]
    );
    assert_eq!(
        get.extensions.get("x-flags").unwrap().to_json(),
        serde_json::json!({"true": "on", "1.5": "half"})
    );
}

#[test]
fn a_yaml_syntax_error_says_its_line_and_column() {
    let err =
        Document::from_yaml("openapi: 3.0.1\ninfo:\n  title: T\n version: '1'\n").unwrap_err();
    assert_eq!(
        err,
        ReadError {
            pointer: String::new(),
            message: "invalid YAML: did not find expected key at line 4 column 2, while parsing \
                      a block mapping"
                .to_owned(),
            intrinsic: false,
        }
    );
}

#[test]
fn a_problem_in_yaml_has_its_json_pointer() {
    let err = Document::from_yaml("openapi: 3.0.1\ninfo: {title: T, version: 1.0}\npaths: {}\n")
        .unwrap_err();
    assert_eq!(err.pointer, "/info/version");
    assert_eq!(
        err.message,
        "invalid type: floating point `1.0`, expected a string"
    );
    let err = Document::from_yaml(
        "openapi: 3.0.1\ninfo: {title: !Sub '${AWS::StackName}', version: '1'}\npaths: {}\n",
    )
    .unwrap_err();
    // A short-form intrinsic reads as the intrinsic, which a title cannot be.
    assert_eq!(err.pointer, "/info/title");
    assert!(err.intrinsic, "{err}");
    assert!(err.message.contains("Fn::Sub"), "{err}");
    let err = Document::from_yaml(
        "openapi: 3.0.1\ninfo: {title: T, version: '1'}\npaths: {}\nx-note: !Nope x\n",
    )
    .unwrap_err();
    assert_eq!(err.pointer, "/x-note");
    assert!(err.message.contains("!Nope"), "{err}");
}

#[test]
fn short_form_intrinsics_in_extensions_are_intrinsics() {
    let doc = Document::from_yaml(
        "openapi: 3.0.1
info: {title: T, version: '1'}
paths: {}
components:
  securitySchemes:
    Cognito:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs: [!GetAtt CognitoUserPool.Arn]
",
    )
    .unwrap();
    let scheme = doc.components.security_schemes["Cognito"]
        .as_item()
        .unwrap();
    let authorizer: Authorizer = scheme.extensions.typed().unwrap().unwrap();
    assert_eq!(
        authorizer.provider_arns,
        [Expr::get_att("CognitoUserPool", "Arn")]
    );
}
