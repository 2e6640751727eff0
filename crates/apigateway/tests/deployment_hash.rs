//! Every property that needs a new deployment changes the deployment's hash, alone; one
//! that does not leaves it. A property dropped from the list fails here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_apigateway::l1::{ApiKeySourceType, CfnRestApi, S3Location};
use cfnkit_apigateway::{REDEPLOY_PROPERTIES, deployment_hash};
use serde_json::json;

fn base() -> CfnRestApi {
    CfnRestApi::new().body(json!({"openapi": "3.0.1", "paths": {}}))
}

/// The API with one redeploy property set, by its name.
fn with(name: &str) -> CfnRestApi {
    let api = base();
    match name {
        "BodyS3Location" => {
            api.body_s3_location(S3Location::new().bucket("specs").key("weather.yaml"))
        }
        "Policy" => api.policy(json!({"Statement": []})),
        "BinaryMediaTypes" => api.binary_media_types(["image/png"]),
        "MinimumCompressionSize" => api.minimum_compression_size(1024),
        "ApiKeySourceType" => api.api_key_source_type(ApiKeySourceType::Header),
        "DisableExecuteApiEndpoint" => api.disable_execute_api_endpoint(true),
        other => panic!("a redeploy property this test does not know: {other}; add it"),
    }
}

#[test]
fn each_redeploy_property_changes_the_hash() {
    let unchanged = deployment_hash(&base(), &[]);
    let mut seen = Vec::new();
    for name in REDEPLOY_PROPERTIES {
        let hash = deployment_hash(&with(name), &[]);
        assert_ne!(hash, unchanged, "{name} does not change the deployment");
        assert!(!seen.contains(&hash), "{name} hashes like another property");
        seen.push(hash);
    }
}

#[test]
fn what_applies_without_a_deployment_leaves_the_hash() {
    let unchanged = deployment_hash(&base(), &[]);
    assert_eq!(deployment_hash(&base().name("weather"), &[]), unchanged);
    assert_eq!(
        deployment_hash(&base().description("Weather"), &[]),
        unchanged
    );
    assert_ne!(
        deployment_hash(&base(), &[json!({"handler": "v2"})]),
        unchanged
    );
}
