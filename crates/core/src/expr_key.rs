//! The keys of an [`ExprMap`](crate::ExprMap): borrowed from the program when it wrote them
//! as literals, owned otherwise.
//!
//! Most keys of a template are fixed words: property names (`Type`, `Properties`,
//! `UserPoolId`), the fields of an OpenAPI object (`responses`, `security`), and a few
//! words every API repeats (`application/json`, `default`, `get`). Each would otherwise be
//! a heap string in every map that holds it, copied again with every clone of the tree.

use std::borrow::Cow;

/// A key of an [`ExprMap`](crate::ExprMap). Build one from a `&'static str` (borrowed, no
/// allocation) or a `String`; read it as a `&str` (it dereferences to one, and maps look
/// keys up by `&str`).
///
/// ```
/// use cfnkit_core::{Expr, ExprKey, ExprMap};
/// let mut map = ExprMap::default();
/// map.insert(ExprKey::from("Type"), Expr::from("AWS::SNS::Topic"));
/// map.insert(format!("Item{}", 1), Expr::from(1));
/// assert_eq!(map.get("Type"), Some(&Expr::from("AWS::SNS::Topic")));
/// assert_eq!(map.keys().map(|k| &**k).collect::<Vec<_>>(), ["Type", "Item1"]);
/// ```
pub type ExprKey = Cow<'static, str>;

/// `text` as a key: borrowed from the table below when it is one of its words, an owned
/// copy otherwise. For keys that reach the tree as borrowed text (map keys through serde,
/// JSON read back), where the `'static` lifetime of a literal is lost.
pub(crate) fn key(text: &str) -> ExprKey {
    match WELL_KNOWN.binary_search(&text) {
        Ok(i) => WELL_KNOWN
            .get(i)
            .map_or_else(|| Cow::Owned(text.to_owned()), |w| Cow::Borrowed(*w)),
        Err(_) => Cow::Owned(text.to_owned()),
    }
}

/// Map keys that recur in most templates without reaching the tree as a struct's field
/// name: media types, status codes, HTTP methods, the API Gateway extensions and the
/// fields of their values (read from a document's JSON), headers of integration responses,
/// and the fixed fields of OpenAPI 3.0's objects and JSON Schema's keywords (a struct with
/// a flattened map, as every OpenAPI object with extensions is, hands serde its field
/// names as map keys). Sorted by bytes (a test checks it), for the binary search.
const WELL_KNOWN: [&str; 168] = [
    "$ref",
    "200",
    "201",
    "202",
    "204",
    "400",
    "401",
    "403",
    "404",
    "429",
    "500",
    "502",
    "503",
    "Access-Control-Allow-Headers",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Origin",
    "Authorization",
    "Content-Type",
    "additionalProperties",
    "allOf",
    "allowEmptyValue",
    "allowReserved",
    "anyOf",
    "application/json",
    "application/x-www-form-urlencoded",
    "authorizationCode",
    "authorizationUrl",
    "authorizerCredentials",
    "authorizerResultTtlInSeconds",
    "authorizerUri",
    "bearerFormat",
    "cacheKeyParameters",
    "cacheNamespace",
    "callbacks",
    "clientCredentials",
    "components",
    "connectionId",
    "connectionType",
    "contact",
    "content",
    "contentHandling",
    "contentType",
    "credentials",
    "default",
    "delete",
    "deprecated",
    "description",
    "disableExecuteApiEndpoint",
    "discriminator",
    "email",
    "encoding",
    "enum",
    "example",
    "examples",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "explode",
    "externalDocs",
    "externalValue",
    "flows",
    "format",
    "get",
    "head",
    "headers",
    "httpMethod",
    "identitySource",
    "identityValidationExpression",
    "implicit",
    "in",
    "info",
    "insecureSkipVerification",
    "items",
    "license",
    "links",
    "mapping",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "method.response.header.Access-Control-Allow-Headers",
    "method.response.header.Access-Control-Allow-Methods",
    "method.response.header.Access-Control-Allow-Origin",
    "method.response.header.Content-Type",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "name",
    "not",
    "nullable",
    "oneOf",
    "openIdConnectUrl",
    "openapi",
    "operationId",
    "operationRef",
    "options",
    "parameters",
    "passthroughBehavior",
    "password",
    "patch",
    "paths",
    "pattern",
    "post",
    "properties",
    "propertyName",
    "providerARNs",
    "put",
    "readOnly",
    "refreshUrl",
    "requestBodies",
    "requestBody",
    "requestParameters",
    "requestTemplates",
    "required",
    "responseParameters",
    "responseTemplates",
    "responses",
    "schema",
    "schemas",
    "scheme",
    "scopes",
    "security",
    "securitySchemes",
    "server",
    "servers",
    "statusCode",
    "style",
    "summary",
    "tags",
    "termsOfService",
    "text/plain",
    "timeoutInMillis",
    "title",
    "tlsConfig",
    "tokenUrl",
    "trace",
    "type",
    "types",
    "uniqueItems",
    "uri",
    "url",
    "validateRequestBody",
    "validateRequestParameters",
    "value",
    "variables",
    "version",
    "vpcEndpointIds",
    "writeOnly",
    "x-amazon-apigateway-any-method",
    "x-amazon-apigateway-api-key-source",
    "x-amazon-apigateway-auth",
    "x-amazon-apigateway-authorizer",
    "x-amazon-apigateway-authtype",
    "x-amazon-apigateway-binary-media-types",
    "x-amazon-apigateway-cors",
    "x-amazon-apigateway-documentation",
    "x-amazon-apigateway-endpoint-configuration",
    "x-amazon-apigateway-gateway-responses",
    "x-amazon-apigateway-importexport-version",
    "x-amazon-apigateway-integration",
    "x-amazon-apigateway-integrations",
    "x-amazon-apigateway-minimum-compression-size",
    "x-amazon-apigateway-policy",
    "x-amazon-apigateway-request-validator",
    "x-amazon-apigateway-request-validators",
    "x-amazon-apigateway-tag-value",
    "xml",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_unique() {
        assert!(
            WELL_KNOWN.windows(2).all(|w| w[0] < w[1]),
            "sort WELL_KNOWN"
        );
    }

    #[test]
    fn well_known_words_are_borrowed_others_owned() {
        assert!(matches!(
            key("application/json"),
            Cow::Borrowed("application/json")
        ));
        assert!(matches!(key("get"), Cow::Borrowed("get")));
        assert!(matches!(key("/items1"), Cow::Owned(ref s) if s == "/items1"));
        assert!(matches!(key(""), Cow::Owned(ref s) if s.is_empty()));
    }
}
