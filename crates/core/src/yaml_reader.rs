//! Reading YAML as people write CloudFormation templates and OpenAPI files into the JSON
//! value the rest of cfnkit reads: aliases resolved, `<<` merge keys applied, mapping keys
//! that YAML reads as numbers or booleans (`200:` under `responses`) written as the
//! strings they are, and CloudFormation's short-form tags (`!Ref`, `!GetAtt`, `!Sub`, `!If`,
//! …) read as their long forms, as cfn-lint and cfn-flip read them.

use std::fmt;

use serde_json::{Map, Number, Value};
use serde_yaml::Value as Yaml;

use crate::pointer::Pointer;

/// Why a YAML text has no JSON value: a syntax error (with its line and column), or a
/// value JSON cannot hold, at its JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlReadError {
    /// The JSON pointer of the value (empty for a syntax error).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for YamlReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "at {}: {}", self.pointer, self.message)
        }
    }
}

impl std::error::Error for YamlReadError {}

/// The intrinsic functions whose short form is `!Name` for `Fn::Name`.
const FN_TAGS: [&str; 17] = [
    "Base64",
    "Cidr",
    "FindInMap",
    "GetAZs",
    "ImportValue",
    "Join",
    "Select",
    "Split",
    "Sub",
    "Transform",
    "And",
    "Equals",
    "If",
    "Not",
    "Or",
    "Length",
    "ToJsonString",
];

/// The JSON value of a YAML text.
///
/// ```
/// use serde_json::json;
/// let value = cfnkit_core::yaml_to_json(
///     "Value: !GetAtt Pool.Arn\nUrl: !Sub 'https://${Domain}'\nCodes: {200: ok}\n",
/// )
/// .unwrap();
/// assert_eq!(value, json!({
///     "Value": {"Fn::GetAtt": ["Pool", "Arn"]},
///     "Url": {"Fn::Sub": "https://${Domain}"},
///     "Codes": {"200": "ok"}
/// }));
/// let err = cfnkit_core::yaml_to_json("a: [1,\n").unwrap_err();
/// assert!(err.message.contains("line"), "{err}");
/// ```
pub fn yaml_to_json(text: &str) -> Result<Value, YamlReadError> {
    let invalid = |e: serde_yaml::Error| YamlReadError {
        pointer: String::new(),
        message: format!("invalid YAML: {e}"),
    };
    let mut yaml: Yaml = serde_yaml::from_str(text).map_err(invalid)?;
    yaml.apply_merge().map_err(invalid)?;
    json(yaml, &Pointer::root())
}

fn json(yaml: Yaml, at: &Pointer) -> Result<Value, YamlReadError> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => Value::Number(
            number(&n).ok_or_else(|| problem(at, format!("{n} is not a number JSON can hold")))?,
        ),
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| json(item, &at.child(i)))
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Mapping(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                let key = match key {
                    Yaml::String(s) => s,
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    _ => {
                        return Err(problem(
                            at,
                            "a mapping key must be a string, a number or a boolean".to_owned(),
                        ));
                    }
                };
                let value = json(value, &at.child(&key))?;
                map.insert(key, value);
            }
            Value::Object(map)
        }
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let name = tag.trim_start_matches('!');
            let value = json(tagged.value, at)?;
            let (key, value) = match name {
                "Ref" | "Condition" => (name.to_owned(), value),
                // `!GetAtt Resource.Attribute` is the list form's string.
                "GetAtt" => match &value {
                    Value::String(dotted) => match dotted.split_once('.') {
                        Some((id, attr)) => {
                            ("Fn::GetAtt".to_owned(), serde_json::json!([id, attr]))
                        }
                        None => {
                            return Err(problem(
                                at,
                                format!(
                                    "!GetAtt {dotted} names no attribute: write !GetAtt Resource.Attribute"
                                ),
                            ));
                        }
                    },
                    _ => ("Fn::GetAtt".to_owned(), value),
                },
                _ if FN_TAGS.contains(&name) => (format!("Fn::{name}"), value),
                _ => {
                    return Err(problem(
                        at,
                        format!(
                            "the YAML tag {tag} is not a CloudFormation intrinsic: write the value without it"
                        ),
                    ));
                }
            };
            let mut map = Map::new();
            map.insert(key, value);
            Value::Object(map)
        }
    })
}

fn number(n: &serde_yaml::Number) -> Option<Number> {
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => Some(i.into()),
        (None, Some(u)) => Some(u.into()),
        (None, None) => n.as_f64().and_then(Number::from_f64),
    }
}

fn problem(at: &Pointer, message: String) -> YamlReadError {
    YamlReadError {
        pointer: at.as_str().to_owned(),
        message,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use serde_json::json;

    #[test]
    fn every_short_form_reads_as_its_long_form() {
        let text = "\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Condition: IsProd
    Properties:
      Name: !Ref ApiName
      Arn: !GetAtt [Pool, Arn]
      Dotted: !GetAtt Pool.ProviderName
      Url: !Sub 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com/'
      Vars: !Sub ['${A}', {A: !Ref B}]
      Joined: !Join ['', [a, !Ref B]]
      Azs: !Select [0, !GetAZs '']
      Parts: !Split [',', !ImportValue shared-list]
      Pick: !FindInMap [M, !Ref AWS::Region, Key]
      Either: !If [IsProd, !Base64 x, !Ref AWS::NoValue]
      Test: !And [!Equals [a, b], !Not [!Condition C], !Or [!Condition D, !Condition E]]
";
        let v = yaml_to_json(text).unwrap();
        let p = &v["Resources"]["Api"]["Properties"];
        assert_eq!(p["Name"], json!({"Ref": "ApiName"}));
        assert_eq!(p["Arn"], json!({"Fn::GetAtt": ["Pool", "Arn"]}));
        assert_eq!(p["Dotted"], json!({"Fn::GetAtt": ["Pool", "ProviderName"]}));
        assert_eq!(p["Vars"], json!({"Fn::Sub": ["${A}", {"A": {"Ref": "B"}}]}));
        assert_eq!(p["Azs"], json!({"Fn::Select": [0, {"Fn::GetAZs": ""}]}));
        assert_eq!(
            p["Either"],
            json!({"Fn::If": ["IsProd", {"Fn::Base64": "x"}, {"Ref": "AWS::NoValue"}]})
        );
        assert_eq!(
            p["Test"],
            json!({"Fn::And": [
                {"Fn::Equals": ["a", "b"]},
                {"Fn::Not": [{"Condition": "C"}]},
                {"Fn::Or": [{"Condition": "D"}, {"Condition": "E"}]}
            ]})
        );
    }

    #[test]
    fn unknown_tags_and_bad_getatts_are_located() {
        let e = yaml_to_json("a:\n  b: !Nope x\n").unwrap_err();
        assert_eq!(e.pointer, "/a/b");
        assert!(e.message.contains("!Nope"), "{e}");
        let e = yaml_to_json("a: !GetAtt Pool\n").unwrap_err();
        assert_eq!(e.pointer, "/a");
    }
}
