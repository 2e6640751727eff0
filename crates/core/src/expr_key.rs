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

/// Map keys that are not field names yet recur in most templates: media types, status
/// codes, HTTP methods, the API Gateway extensions, headers of integration responses.
/// Sorted by bytes (a test checks it), for the binary search.
const WELL_KNOWN: [&str; 51] = [
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
    "application/json",
    "application/x-www-form-urlencoded",
    "default",
    "delete",
    "get",
    "head",
    "method.response.header.Access-Control-Allow-Headers",
    "method.response.header.Access-Control-Allow-Methods",
    "method.response.header.Access-Control-Allow-Origin",
    "method.response.header.Content-Type",
    "options",
    "patch",
    "post",
    "put",
    "text/plain",
    "trace",
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
