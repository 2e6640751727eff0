//! Template parameters.

use serde::Serialize;

use crate::expr::Expr;

/// The `Type` of a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterType {
    /// `String`.
    String,
    /// `Number`.
    Number,
    /// `List<Number>`.
    NumberList,
    /// `CommaDelimitedList`.
    CommaDelimitedList,
    /// An AWS-specific type such as `AWS::EC2::KeyPair::KeyName`, or an SSM parameter type
    /// such as `AWS::SSM::Parameter::Value<String>`.
    AwsSpecific(String),
}

impl ParameterType {
    fn name(&self) -> &str {
        match self {
            ParameterType::String => "String",
            ParameterType::Number => "Number",
            ParameterType::NumberList => "List<Number>",
            ParameterType::CommaDelimitedList => "CommaDelimitedList",
            ParameterType::AwsSpecific(name) => name,
        }
    }
}

impl Serialize for ParameterType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A template parameter: a value given at deploy time, with its constraints.
///
/// ```
/// use cfnkit_core::TemplateParameter;
/// let stage = TemplateParameter::string()
///     .description("Stage name")
///     .default("weather")
///     .allowed_pattern("^[a-z]+$")
///     .max_length(32);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateParameter {
    #[serde(rename = "Type")]
    pub(crate) type_: ParameterType,
    #[serde(rename = "Description", skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    #[serde(rename = "Default", skip_serializing_if = "Option::is_none")]
    pub(crate) default: Option<Expr>,
    #[serde(rename = "AllowedValues", skip_serializing_if = "Vec::is_empty")]
    pub(crate) allowed_values: Vec<Expr>,
    #[serde(rename = "AllowedPattern", skip_serializing_if = "Option::is_none")]
    pub(crate) allowed_pattern: Option<String>,
    #[serde(rename = "MinLength", skip_serializing_if = "Option::is_none")]
    pub(crate) min_length: Option<u32>,
    #[serde(rename = "MaxLength", skip_serializing_if = "Option::is_none")]
    pub(crate) max_length: Option<u32>,
    #[serde(rename = "MinValue", skip_serializing_if = "Option::is_none")]
    pub(crate) min_value: Option<f64>,
    #[serde(rename = "MaxValue", skip_serializing_if = "Option::is_none")]
    pub(crate) max_value: Option<f64>,
    #[serde(
        rename = "ConstraintDescription",
        skip_serializing_if = "Option::is_none"
    )]
    pub(crate) constraint_description: Option<String>,
    #[serde(rename = "NoEcho", skip_serializing_if = "std::ops::Not::not")]
    pub(crate) no_echo: bool,
}

impl TemplateParameter {
    /// A parameter of the given type, without constraints.
    pub fn new(type_: ParameterType) -> Self {
        TemplateParameter {
            type_,
            description: None,
            default: None,
            allowed_values: Vec::new(),
            allowed_pattern: None,
            min_length: None,
            max_length: None,
            min_value: None,
            max_value: None,
            constraint_description: None,
            no_echo: false,
        }
    }

    /// A `String` parameter.
    pub fn string() -> Self {
        TemplateParameter::new(ParameterType::String)
    }

    /// A `Number` parameter.
    pub fn number() -> Self {
        TemplateParameter::new(ParameterType::Number)
    }

    /// The type.
    pub fn parameter_type(&self) -> &ParameterType {
        &self.type_
    }

    /// `Description`.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// `Default`.
    pub fn default(mut self, value: impl Into<Expr>) -> Self {
        self.default = Some(value.into());
        self
    }

    /// `AllowedValues`.
    pub fn allowed_values<V: Into<Expr>>(mut self, values: impl IntoIterator<Item = V>) -> Self {
        self.allowed_values = values.into_iter().map(Into::into).collect();
        self
    }

    /// `AllowedPattern` (a Java regular expression, checked by CloudFormation).
    pub fn allowed_pattern(mut self, pattern: impl Into<String>) -> Self {
        self.allowed_pattern = Some(pattern.into());
        self
    }

    /// `MinLength` (String parameters).
    pub fn min_length(mut self, n: u32) -> Self {
        self.min_length = Some(n);
        self
    }

    /// `MaxLength` (String parameters).
    pub fn max_length(mut self, n: u32) -> Self {
        self.max_length = Some(n);
        self
    }

    /// `MinValue` (Number parameters).
    pub fn min_value(mut self, n: f64) -> Self {
        self.min_value = Some(n);
        self
    }

    /// `MaxValue` (Number parameters).
    pub fn max_value(mut self, n: f64) -> Self {
        self.max_value = Some(n);
        self
    }

    /// `ConstraintDescription`: shown when a value breaks a constraint.
    pub fn constraint_description(mut self, text: impl Into<String>) -> Self {
        self.constraint_description = Some(text.into());
        self
    }

    /// `NoEcho`: mask the value in the console, CLI and API.
    pub fn no_echo(mut self) -> Self {
        self.no_echo = true;
        self
    }
}

/// A typed reference to a parameter of a stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterRef {
    pub(crate) name: String,
}

impl ParameterRef {
    /// `{"Ref": name}`: the parameter's value.
    pub fn reference(&self) -> Expr {
        Expr::reference(&self.name)
    }

    /// The parameter's logical id.
    pub fn name(&self) -> &str {
        &self.name
    }
}
