//! Values from a deployed stack's outputs.

use std::fmt;

use cfnkit_core::{Expr, Intrinsic, Pseudo, RefTarget, sub_placeholders};
use indexmap::IndexMap;
use serde_json::Value;

use super::Resolver;

/// Resolves intrinsics from a deployed stack's outputs.
///
/// **The outputs file** is what the AWS CLI prints for the stack:
///
/// ```sh
/// aws cloudformation describe-stacks --stack-name weather \
///   --query 'Stacks[0].Outputs' --output json > outputs.json
/// ```
///
/// that is a JSON array of `{"OutputKey", "OutputValue", "Description"?, "ExportName"?}`
/// objects. The whole `describe-stacks` answer (`{"Stacks": [{"Outputs": [...]}]}`), a
/// single stack (`{"Outputs": [...]}`), and what `cfnkit outputs DIR --stack NAME --format
/// json` prints (`{"<stack>": {"<OutputKey>": "<OutputValue>"}}`, one stack) are read too.
///
/// **The mapping** says which output holds which intrinsic's value:
/// - [`StackOutputs::map`]: an intrinsic (compared structurally, e.g.
///   `Expr::get_att("CognitoUserPool", "Arn")`) to an output key;
/// - [`StackOutputs::map_outputs`]: every output of the stack, whose value *is* the
///   intrinsic (the stack's own outputs, so nothing is copied by hand);
/// - `Fn::ImportValue` of a name finds the output exported under that name;
/// - [`StackOutputs::pseudo`] gives pseudo parameters (`AWS::Region`, …).
///
/// `Fn::Join`, `Fn::Sub`, `Fn::Select` and `Fn::Split` are computed from resolved parts,
/// so `https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token`
/// resolves once `UserPoolDomain` and the region do.
///
/// ```
/// use cfnkit_core::{Expr, Pseudo};
/// use cfnkit_openapi::StackOutputs;
/// use cfnkit_openapi::render::Resolver;
///
/// let outputs = StackOutputs::from_json(r#"[
///     {"OutputKey": "UserPoolArn", "OutputValue": "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc"},
///     {"OutputKey": "DomainPrefix", "OutputValue": "weather-3f2a"}
/// ]"#)
/// .unwrap()
/// .map(Expr::get_att("CognitoUserPool", "Arn"), "UserPoolArn")
/// .map(Expr::reference("UserPoolDomain"), "DomainPrefix")
/// .pseudo(Pseudo::Region, "eu-west-1");
/// let url = Expr::sub("https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token");
/// let Expr::Fn(sub) = &url else { unreachable!() };
/// assert_eq!(outputs.resolve(sub).unwrap(), "https://weather-3f2a.auth.eu-west-1.amazoncognito.com/oauth2/token");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StackOutputs {
    /// Output values by key.
    values: IndexMap<String, String>,
    /// Output keys by export name.
    exports: IndexMap<String, String>,
    /// Which output holds which intrinsic's value.
    mapping: Vec<(Expr, String)>,
    /// Pseudo parameter values.
    pseudo: IndexMap<Pseudo, String>,
}

/// An outputs file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputsError(pub String);

impl fmt::Display for OutputsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the stack outputs: {}", self.0)
    }
}

impl std::error::Error for OutputsError {}

impl StackOutputs {
    /// No outputs (add them with [`StackOutputs::output`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads an outputs file (see the type's documentation for the formats).
    pub fn from_json(text: &str) -> Result<Self, OutputsError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| OutputsError(format!("not JSON: {e}")))?;
        Self::from_value(&value)
    }

    /// Reads outputs from their JSON value.
    pub fn from_value(value: &Value) -> Result<Self, OutputsError> {
        let list = match value {
            Value::Array(list) => list,
            Value::Object(o) => match (o.get("Stacks"), o.get("Outputs")) {
                (Some(Value::Array(stacks)), _) => match stacks.as_slice() {
                    [stack] => match stack.get("Outputs") {
                        Some(Value::Array(list)) => list,
                        _ => return Err(OutputsError("the stack has no Outputs list".into())),
                    },
                    _ => {
                        return Err(OutputsError(format!(
                            "expected one stack in Stacks, found {}: query one with \
                             --query 'Stacks[0].Outputs'",
                            stacks.len()
                        )));
                    }
                },
                (_, Some(Value::Array(list))) => list,
                // `cfnkit outputs --format json` (or deploy's --outputs-file) of one stack:
                // {"<stack>": {"<OutputKey>": "<OutputValue>", …}}.
                _ if o.len() == 1 => {
                    if let Some((_, Value::Object(by_key))) = o.iter().next() {
                        let mut outputs = StackOutputs::new();
                        for (key, value) in by_key {
                            let Some(value) = value.as_str() else {
                                return Err(OutputsError(format!("output {key} is not a string")));
                            };
                            outputs = outputs.output(key.as_str(), value);
                        }
                        return Ok(outputs);
                    }
                    return Err(OutputsError(
                        "expected a list of outputs, {\"Outputs\": […]}, {\"Stacks\": […]} or \
                         {\"<stack>\": {\"<key>\": \"<value>\"}}"
                            .into(),
                    ));
                }
                _ => {
                    return Err(OutputsError(
                        "expected a list of outputs, {\"Outputs\": […]} or {\"Stacks\": […]}"
                            .into(),
                    ));
                }
            },
            _ => return Err(OutputsError("expected a JSON list of outputs".into())),
        };
        let mut outputs = StackOutputs::new();
        for (i, item) in list.iter().enumerate() {
            let field = |name: &str| item.get(name).and_then(Value::as_str);
            let (Some(key), Some(value)) = (field("OutputKey"), field("OutputValue")) else {
                return Err(OutputsError(format!(
                    "output {i} lacks a string OutputKey or OutputValue"
                )));
            };
            outputs = outputs.output(key, value);
            if let Some(export) = field("ExportName") {
                outputs.exports.insert(export.to_owned(), key.to_owned());
            }
        }
        Ok(outputs)
    }

    /// Adds (or replaces) an output's value.
    pub fn output(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.values.insert(key.into(), value.into());
        self
    }

    /// The value of the output `key`, if the stack has it.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// Says that the output `key` holds the value of `intrinsic`.
    pub fn map(mut self, intrinsic: impl Into<Expr>, key: impl Into<String>) -> Self {
        self.mapping.push((intrinsic.into(), key.into()));
        self
    }

    /// Maps every output of the stack (its key and value, e.g. from
    /// `StackModel::outputs`) to its key: the stack's own outputs say which intrinsic each
    /// holds.
    pub fn map_outputs<'a>(
        mut self,
        outputs: impl IntoIterator<Item = (&'a str, &'a Expr)>,
    ) -> Self {
        for (key, value) in outputs {
            self.mapping.push((value.clone(), key.to_owned()));
        }
        self
    }

    /// The outputs, `(OutputKey, OutputValue)` in the file's order.
    pub fn values(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Gives a pseudo parameter's value (e.g. the stack's region).
    pub fn pseudo(mut self, pseudo: Pseudo, value: impl Into<String>) -> Self {
        self.pseudo.insert(pseudo, value.into());
        self
    }

    fn mapped(&self, expr: &Expr) -> Option<Result<Value, String>> {
        // As the template writes them: a handle's intrinsic and a hand-written one are one.
        let json = expr.to_json();
        let (_, key) = self.mapping.iter().find(|(e, _)| e.to_json() == json)?;
        Some(match self.values.get(key) {
            Some(v) => Ok(Value::String(v.clone())),
            None => Err(format!(
                "it maps to the output \"{key}\", which the outputs file does not have \
                 (outputs: {})",
                self.keys()
            )),
        })
    }

    fn keys(&self) -> String {
        if self.values.is_empty() {
            "none".to_owned()
        } else {
            self.values.keys().cloned().collect::<Vec<_>>().join(", ")
        }
    }

    fn evaluate(&self, expr: &Expr) -> Result<Value, String> {
        match expr {
            Expr::Fn(f) => self.intrinsic(expr, f),
            Expr::List(items) => items.iter().map(|e| self.evaluate(e)).collect(),
            Expr::Map(map) => map
                .iter()
                .map(|(k, e)| Ok((k.to_string(), self.evaluate(e)?)))
                .collect::<Result<serde_json::Map<_, _>, String>>()
                .map(Value::Object),
            literal => Ok(literal.to_json()),
        }
    }

    fn string(&self, expr: &Expr) -> Result<String, String> {
        match self.evaluate(expr)? {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            other => Err(format!("{other} is not a string")),
        }
    }

    fn intrinsic(&self, expr: &Expr, f: &Intrinsic) -> Result<Value, String> {
        if let Some(found) = self.mapped(expr) {
            return found;
        }
        let unmapped = || {
            format!(
                "no output holds it: add an output with this value to the stack, then \
                 .map(<this intrinsic>, \"<OutputKey>\") or .map_outputs(..) \
                 (outputs: {})",
                self.keys()
            )
        };
        match f {
            Intrinsic::Ref(RefTarget::Pseudo(p)) => self
                .pseudo
                .get(p)
                .map(|v| Value::String(v.clone()))
                .ok_or_else(|| {
                    format!(
                        "the pseudo parameter {} has no value: give it with .pseudo(Pseudo::…, \
                         \"…\")",
                        p.name()
                    )
                }),
            Intrinsic::Ref(_) | Intrinsic::GetAtt { .. } => Err(unmapped()),
            Intrinsic::ImportValue(name) => {
                let name = self.string(name)?;
                let key = self
                    .exports
                    .get(&name)
                    .ok_or_else(|| format!("no output of the file is exported as \"{name}\""))?;
                Ok(Value::String(
                    self.values.get(key).cloned().unwrap_or_default(),
                ))
            }
            Intrinsic::Join { delimiter, values } => match self.evaluate(values)? {
                Value::Array(items) => items
                    .into_iter()
                    .map(|v| match v {
                        Value::String(s) => Ok(s),
                        other => Err(format!("Fn::Join of {other}, which is not a string")),
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(|parts| Value::String(parts.join(delimiter))),
                other => Err(format!("Fn::Join of {other}, which is not a list")),
            },
            Intrinsic::Sub {
                template,
                variables,
                ..
            } => {
                let mut text = template.clone();
                for name in sub_placeholders(template) {
                    let value = match variables.get(name) {
                        Some(v) => self.string(v)?,
                        None => self.string(&sub_reference(name))?,
                    };
                    text = text.replace(&format!("${{{name}}}"), &value);
                }
                Ok(Value::String(text.replace("${!", "${")))
            }
            Intrinsic::Select { index, list } => {
                let index = self
                    .evaluate(index)?
                    .as_u64()
                    .or_else(|| self.string(index).ok()?.parse().ok())
                    .ok_or("Fn::Select needs a numeric index")?;
                match self.evaluate(list)? {
                    Value::Array(items) => usize::try_from(index)
                        .ok()
                        .and_then(|i| items.get(i).cloned())
                        .ok_or_else(|| format!("Fn::Select index {index} is out of range")),
                    other => Err(format!("Fn::Select from {other}, which is not a list")),
                }
            }
            Intrinsic::Split { delimiter, source } => {
                let text = self.string(source)?;
                Ok(Value::Array(
                    text.split(delimiter.as_str())
                        .map(|s| Value::String(s.to_owned()))
                        .collect(),
                ))
            }
            other => Err(format!(
                "{} cannot be computed from stack outputs: put its value in an output and map it",
                other.name()
            )),
        }
    }
}

/// What `${name}` of a `Fn::Sub` template refers to: a pseudo parameter, an attribute
/// (`Resource.Attribute`) or a resource or parameter.
fn sub_reference(name: &str) -> Expr {
    if let Some(p) = Pseudo::from_name(name) {
        Expr::pseudo(p)
    } else if let Some((id, attribute)) = name.split_once('.') {
        Expr::get_att(id, attribute)
    } else {
        Expr::reference(name)
    }
}

impl Resolver for StackOutputs {
    fn resolve(&self, intrinsic: &Intrinsic) -> Result<Value, String> {
        self.evaluate(&Expr::Fn(Box::new(intrinsic.clone())))
    }
}
