//! The template-wide rule set: reads the access design once and runs every rule over it.

use cfnkit_core::{Collector, Template, TemplateRule};

use crate::access::AccessMatrix;

/// The template-wide API Gateway rules.
pub(crate) struct ApiGatewayTemplate;

impl TemplateRule for ApiGatewayTemplate {
    fn id(&self) -> &'static str {
        "apigateway/template"
    }

    fn check(&self, template: &Template, found: &mut Collector) {
        let matrix = AccessMatrix::from_template(template.as_json());
        super::operations::unauthenticated(&matrix, found);
        super::operations::id_token_only(&matrix, found);
        super::scopes::required_scopes(&matrix, found);
        super::scopes::unused_client_scopes(&matrix, found);
        super::authorizers::unused(&matrix, found);
    }
}
