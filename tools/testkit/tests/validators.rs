//! The external validators can fail: each reports a known-bad input. Every test that asserts
//! "no findings" relies on these; a validator replaced by one that is always clean fails
//! here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::json;

#[test]
fn cfn_lint_reports_a_broken_template() {
    let file = std::env::temp_dir().join(format!("cfnkit-{}-bad.json", std::process::id()));
    let bad = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"NoSuchProperty": 1}},
            "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "Missing"}}}
        }
    });
    std::fs::write(&file, bad.to_string()).unwrap();
    let Some(findings) = cfnkit_testkit::cfn_lint(&file) else {
        return; // CFNKIT_SKIP_TOOLS=1
    };
    assert!(
        findings.contains("E3002"),
        "no unknown-property finding:\n{findings}"
    );
    assert!(
        findings.contains("E1020"),
        "no dangling-Ref finding:\n{findings}"
    );
}

#[test]
fn openapi_spec_validator_reports_a_broken_document() {
    let bad = json!({
        "openapi": "3.0.1",
        "info": {"title": "API"},
        "paths": {"/": {"get": {"responses": {"200": {}}}}}
    });
    let Some(report) = cfnkit_testkit::openapi_spec_errors("bad", &bad) else {
        return;
    };
    assert!(
        report.contains("version"),
        "no missing-version finding:\n{report}"
    );
    let good = json!({
        "openapi": "3.0.1",
        "info": {"title": "API", "version": "1"},
        "paths": {"/": {"get": {"responses": {"200": {"description": "ok"}}}}}
    });
    assert_eq!(
        cfnkit_testkit::openapi_spec_errors("good", &good).unwrap(),
        ""
    );
}

#[test]
fn openapi_schema_validator_reports_a_wrong_instance() {
    let doc = json!({"components": {"schemas": {"Event": {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}, "note": {"type": "string", "nullable": true}}
    }}}});
    let errors =
        |instance| cfnkit_testkit::openapi_schema_errors("event", &doc, "Event", &instance);
    let Some(wrong) = errors(json!({"note": 3})) else {
        return;
    };
    assert_eq!(wrong.len(), 2, "{wrong:?}");
    assert_eq!(
        errors(json!({"name": "n", "note": null})).unwrap(),
        Vec::<String>::new()
    );
}
