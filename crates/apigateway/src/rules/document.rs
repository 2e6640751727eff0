//! The OpenAPI document checks over every RestApi `Body` of the template, read back into
//! the document model: L1 users, and edits made through a construct's escape hatch, get
//! them as the REST API construct's users do.

use cfnkit_core::{Collector, Expr, Template, TemplateRule};
use cfnkit_openapi::Document;
use serde_json::Value as Json;

/// Runs [`Document::check_into`] on the `Body` of each `AWS::ApiGateway::RestApi`.
pub(crate) struct OpenApiBodies;

impl TemplateRule for OpenApiBodies {
    fn id(&self) -> &'static str {
        "apigateway/openapi-bodies"
    }

    fn check(&self, template: &Template, found: &mut Collector) {
        let Some(resources) = template
            .as_json()
            .get("Resources")
            .and_then(Json::as_object)
        else {
            return;
        };
        let apis = resources.iter().filter(|(_, r)| {
            r.get("Type").and_then(Json::as_str) == Some("AWS::ApiGateway::RestApi")
        });
        for (id, resource) in apis {
            if let Some(body) = resource.pointer("/Properties/Body") {
                check_body(id, body, found);
            }
        }
    }
}

/// Checks one `Body`. Not checked: a Body given as text, one CloudFormation computes (an
/// intrinsic, or `Fn::Transform` with `AWS::Include`), and a Swagger 2.0 document (API
/// Gateway imports it; the model is OpenAPI 3.0's).
fn check_body(id: &str, body: &Json, found: &mut Collector) {
    let base = format!("/Resources/{id}/Properties/Body");
    let computed = Expr::from_json(body).as_intrinsic().is_some()
        || body
            .as_object()
            .is_some_and(|m| m.len() == 1 && m.keys().all(|k| k.starts_with("Fn::")));
    let swagger = body.get("swagger").is_some() && body.get("openapi").is_none();
    if body.is_string() || computed || swagger {
        return;
    }
    match Document::from_json(body) {
        Ok(document) => document.check_into(found, Some(id), &base),
        // A value CloudFormation computes where the model needs a literal may be valid
        // once resolved: it only keeps the checks from running.
        Err(error) if error.intrinsic => {}
        Err(error) => found.error(
            super::OPENAPI_BODY,
            Some(id),
            format!("{base}{}", error.pointer),
            format!(
                "the Body of REST API '{id}' is not an OpenAPI 3.0 document here: {}. API Gateway may refuse to import it, and the document checks cannot run on it: fix the value, or build the document with cfnkit_openapi::Document.",
                error.message
            ),
        ),
    }
}
