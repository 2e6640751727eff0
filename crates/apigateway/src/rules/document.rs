//! The OpenAPI document checks over every RestApi `Body` of the stack: the typed document
//! of a construct as it is (escape-hatch edits included), and a `Body` of free JSON read
//! into the document model first, so L1 users get them as the construct's users do.

use cfnkit_core::{Collector, StackModel, StackRule};

use crate::body::{ReadBody, RestApiBody};
use crate::l1::CfnRestApi;

/// Runs [`Document::check_into`](cfnkit_openapi::Document::check_into) on the `Body` of
/// each `AWS::ApiGateway::RestApi`. Not checked: a `Body` cfnkit does not read (text, one
/// CloudFormation computes, Swagger 2.0).
pub(crate) struct OpenApiBodies;

impl StackRule for OpenApiBodies {
    fn id(&self) -> &'static str {
        "apigateway/openapi-bodies"
    }

    fn check(&self, stack: &StackModel<'_>, found: &mut Collector) {
        for (id, api) in stack.resources_of::<CfnRestApi>() {
            let base = format!("/Resources/{id}/Properties/Body");
            match api.body.as_ref().map(RestApiBody::read) {
                Some(ReadBody::Typed(document)) => check_construct(document, found, id, &base),
                Some(ReadBody::Read(document)) => document.check_into(found, Some(id), &base),
                // A value CloudFormation computes where the model needs a literal may be
                // valid once resolved: it only keeps the checks from running.
                Some(ReadBody::Unreadable(error)) if error.intrinsic => {}
                Some(ReadBody::Unreadable(error)) => found.error(
                    super::OPENAPI_BODY,
                    Some(id),
                    format!("{base}{}", error.pointer),
                    format!(
                        "the Body of REST API '{id}' is not an OpenAPI 3.0 document here: {}. API Gateway may refuse to import it, and the document checks cannot run on it: fix the value, or build the document with cfnkit_openapi::Document.",
                        error.message
                    ),
                ),
                Some(ReadBody::Opaque) | None => {}
            }
        }
    }
}

/// The checks of a construct's document, with the remedies its users call: a missing
/// security scheme is an authorizer the REST API was not given.
fn check_construct(
    document: &cfnkit_openapi::Document,
    found: &mut Collector,
    id: &str,
    base: &str,
) {
    let mut mine = Collector::new(found.stack());
    document.check_into(&mut mine, Some(id), base);
    for d in mine.finish() {
        let message = if d.rule == "openapi/unknown-security-scheme" {
            let scheme = d
                .location
                .path
                .rsplit('/')
                .next()
                .map(cfnkit_core::pointer::unescape)
                .unwrap_or_default();
            format!(
                "give REST API '{id}' the authorizer \"{scheme}\" (RestApi::builder(…).authorizer(&authorizer)), or require it with .authorize(&authorizer, [&scope]), which adds it: this operation's security names \"{scheme}\", which the API does not define. Or fix the name."
            )
        } else {
            d.message
        };
        found.push(
            d.severity,
            d.rule,
            d.location.logical_id.as_deref(),
            d.location.path,
            message,
        );
    }
}
