//! The registry patterns synth does not check: those of the generated types' values that
//! the `regex` crate cannot compile ([`cfnkit_core::constraints::unsupported_pattern`]),
//! which the generator leaves to CloudFormation. The crates' `l1_schema` tests compare them
//! with an explicit list, so that a new one is looked at rather than skipped silently.

use crate::crate_model::CrateModel;
use crate::model::{DefKey, Object, Shape, Ty};

/// A pattern synth leaves to CloudFormation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// `AWS::Cognito::UserPool /Policies/PasswordPolicy/Name`: the type, then the value's
    /// path from the resource's properties (`*` for any list item or map value).
    pub site: String,
    /// The pattern as the schema writes it.
    pub pattern: String,
    /// Why the `regex` crate does not compile it.
    pub reason: String,
}

/// Every pattern of a crate's L1s that synth does not check, in generation order (a
/// property type used at several paths is listed at each). Values a hand-written rule
/// checks are not listed: that rule checks the pattern.
pub fn unsupported(model: &CrateModel) -> Vec<Unsupported> {
    let mut walk = Walk {
        model,
        type_name: "",
        in_progress: Vec::new(),
        found: Vec::new(),
    };
    for resource in &model.resources {
        walk.type_name = resource.spec.type_name;
        walk.object(&resource.object, "");
    }
    walk.found
}

/// The test every L1 crate runs: the patterns of `krate`'s L1s that synth does not check
/// are exactly `expected`, `(site, pattern)` as [`Unsupported`] spells them. Skipped
/// without cfn-lint's schemas (see [`crate::registry::for_tests`]).
///
/// # Panics
///
/// When they differ, listing each pattern with the `regex` crate's reason: it is a test.
#[allow(clippy::panic)] // test support: failing loudly is the point
pub fn assert_unsupported_patterns(krate: &str, expected: &[(&str, &str)]) {
    let Some(registry) = crate::registry::for_tests() else {
        return;
    };
    let Some(krate) = crate::overrides::RESOURCES
        .iter()
        .map(|r| r.krate)
        .find(|k| *k == krate)
    else {
        panic!("no L1s are generated for crate {krate}");
    };
    let model = match crate::generate::crate_model(&registry, krate) {
        Ok(model) => model,
        Err(e) => panic!("{krate}: {e}"),
    };
    let found = unsupported(&model);
    let actual: Vec<(&str, &str)> = found
        .iter()
        .map(|u| (u.site.as_str(), u.pattern.as_str()))
        .collect();
    if actual != expected {
        let listed: Vec<String> = found
            .iter()
            .map(|u| format!("  ({:?}, {:?}), // {}", u.site, u.pattern, u.reason))
            .collect();
        panic!(
            "the patterns of the {krate} L1s that synth cannot check (the `regex` crate does not \
             compile them; CloudFormation alone checks them) are not the expected ones. \
             Look at each: rewrite the check by hand if it matters, then list them as:\n{}",
            listed.join("\n")
        );
    }
}

struct Walk<'m> {
    model: &'m CrateModel,
    type_name: &'static str,
    in_progress: Vec<DefKey>,
    found: Vec<Unsupported>,
}

impl Walk<'_> {
    fn object(&mut self, object: &Object, path: &str) {
        for prop in &object.props {
            self.shape(&prop.shape, &format!("{path}/{}", prop.name));
        }
    }

    fn shape(&mut self, shape: &Shape, path: &str) {
        let c = &shape.constraints;
        if let Some(pattern) = &c.pattern
            && c.checked_by.is_empty()
            && let Some(reason) = &pattern.unsupported
        {
            self.found.push(Unsupported {
                site: format!("{} {path}", self.type_name),
                pattern: pattern.source.clone(),
                reason: reason.clone(),
            });
        }
        match &shape.ty {
            Ty::List(inner) | Ty::Map(inner) => self.shape(inner, &format!("{path}/*")),
            Ty::Struct(key) if !self.in_progress.contains(key) => {
                self.in_progress.push(key.clone());
                let model = self.model;
                self.object(&model.struct_of(key).object, path);
                self.in_progress.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::overrides::RESOURCES;

    #[test]
    fn patterns_regex_cannot_compile_are_listed_at_each_value() {
        let Some(spec) = RESOURCES
            .iter()
            .find(|r| r.type_name == "AWS::Cognito::UserPoolResourceServer")
        else {
            panic!("the resource server is generated");
        };
        let schema = json!({
            "properties": {
                "UserPoolId": {"type": "string", "pattern": "^(?!us-gov).*$"},
                "Identifier": {"type": "string", "pattern": "^[a-z]+$"},
                // A hand-written rule checks it, pattern included.
                "Name": {"type": "string", "pattern": "(?<=a)b"},
                "Tags": {"type": "array", "items": {"type": "string", "pattern": "(a)\\1"}},
                "Labels": {
                    "type": "object",
                    "patternProperties": {".*": {"type": "string", "pattern": "\\cA"}}
                },
                "Scopes": {"type": "array", "items": {"$ref": "#/definitions/Scope"}}
            },
            "definitions": {
                "Scope": {
                    "type": "object",
                    "properties": {"Code": {"type": "string", "pattern": "^(?=x)"}}
                }
            }
        });
        let parsed = crate::model::parse(spec, &schema);
        let model = parsed.and_then(|p| CrateModel::build("cognito", vec![p]));
        let found = match model {
            Ok(model) => unsupported(&model),
            Err(e) => panic!("{e}"),
        };
        let sites: Vec<(String, &str)> = found
            .iter()
            .map(|u| {
                (
                    u.site.replace("AWS::Cognito::UserPoolResourceServer ", ""),
                    u.pattern.as_str(),
                )
            })
            .collect();
        let expected = [
            ("/UserPoolId", "^(?!us-gov).*$"),
            ("/Tags/*", "(a)\\1"),
            ("/Labels/*", "\\cA"),
            ("/Scopes/*/Code", "^(?=x)"),
        ];
        assert_eq!(
            sites,
            expected.map(|(site, pattern)| (site.to_owned(), pattern))
        );
        assert!(
            found[0].reason.contains("look-around"),
            "{}",
            found[0].reason
        );
    }
}
