//! The expression tree: JSON-like values that may hold a CloudFormation intrinsic anywhere.
//!
//! Intrinsics serialize by hand as one-key maps (`{"Ref": "X"}`), never through a derived,
//! externally tagged enum: YAML writers would turn those into `!Tags`.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

pub use crate::expr_map::ExprMap;
use crate::pseudo::Pseudo;
use crate::stack_id::StackId;

/// A JSON-like value in which any node may be a CloudFormation intrinsic function.
///
/// Build literals with `From` (`Expr::from("text")`, `Expr::from(3)`) and intrinsics with
/// the constructors below. Constructors fold what CloudFormation would compute from
/// literals alone, exactly: a `Fn::Join` of literal strings *is* a string.
///
/// ```
/// use cfnkit_core::Expr;
/// let joined = Expr::join("-", [Expr::from("a"), Expr::from("b")]);
/// assert_eq!(joined, Expr::from("a-b"));
/// let url = Expr::join("", [Expr::from("https://"), Expr::reference("Api")]);
/// assert_eq!(
///     serde_json::to_string(&url).unwrap(),
///     r#"{"Fn::Join":["",["https://",{"Ref":"Api"}]]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// JSON `null`.
    Null,
    /// A boolean literal.
    Bool(bool),
    /// A number literal.
    Number(serde_json::Number),
    /// A string literal.
    String(String),
    /// A list whose items may be expressions.
    List(Vec<Expr>),
    /// A map whose values may be expressions; keys keep their authoring order.
    Map(ExprMap),
    /// An intrinsic function or a condition reference.
    Fn(Box<Intrinsic>),
}

/// What a `Ref` points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RefTarget {
    /// A resource or parameter by logical id, with the stack that defines it when a
    /// handle made the reference (`None`: the stack the expression is used in).
    Logical(String, Option<StackId>),
    /// A pseudo parameter such as `AWS::Region`.
    Pseudo(Pseudo),
}

impl RefTarget {
    /// The name as written in the template.
    pub fn name(&self) -> &str {
        match self {
            RefTarget::Logical(id, _) => id,
            RefTarget::Pseudo(p) => p.name(),
        }
    }
}

/// A logical id with the stack that defines it: what a handle knows of its resource, for
/// [`Expr::sub_owned`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OwnedId {
    /// The logical id.
    pub logical_id: String,
    /// The stack that defines it.
    pub stack: StackId,
}

/// A CloudFormation intrinsic function (or a `{"Condition": name}` reference).
#[derive(Debug, Clone, PartialEq)]
pub enum Intrinsic {
    /// `Ref`: a resource's default value, a parameter's value or a pseudo parameter.
    Ref(RefTarget),
    /// `Fn::GetAtt`: an attribute of a resource.
    GetAtt {
        /// The resource's logical id.
        logical_id: String,
        /// The attribute name (may be dotted, e.g. `Endpoint.Address`).
        attribute: String,
        /// The stack that defines the resource, when a handle made the reference.
        stack: Option<StackId>,
    },
    /// `Fn::Join`: the values joined by the delimiter.
    Join {
        /// The separator.
        delimiter: String,
        /// A list, or an expression that yields one.
        values: Expr,
    },
    /// `Fn::Sub`: a template string with `${Name}` placeholders and optional variables.
    Sub {
        /// The template string.
        template: String,
        /// Variables the template refers to, besides resources, parameters and pseudo parameters.
        variables: IndexMap<String, Expr>,
        /// The stacks that define the resources of `${Id}` and `${Id.Attribute}`
        /// placeholders that handles wrote, by logical id (others are this stack's).
        owners: BTreeMap<String, StackId>,
    },
    /// `Fn::Select`: one item of a list by index.
    Select {
        /// The zero-based index.
        index: Expr,
        /// A list, or an expression that yields one.
        list: Expr,
    },
    /// `Fn::Split`: a string split by a delimiter into a list.
    Split {
        /// The separator.
        delimiter: String,
        /// The string to split.
        source: Expr,
    },
    /// `Fn::ImportValue`: a value another stack exports.
    ImportValue(Expr),
    /// `Fn::FindInMap`: a value from the template's mappings.
    FindInMap {
        /// The mapping's name.
        map: String,
        /// The top-level key.
        top_key: Expr,
        /// The second-level key.
        second_key: Expr,
    },
    /// `Fn::If`: one of two values depending on a condition.
    If {
        /// The condition's name.
        condition: String,
        /// The value when the condition holds.
        then: Expr,
        /// The value otherwise.
        otherwise: Expr,
    },
    /// `Fn::Equals`: whether two values are equal (conditions only).
    Equals(Expr, Expr),
    /// `Fn::And`: all of the conditions hold (2 to 10).
    And(Vec<Expr>),
    /// `Fn::Or`: any of the conditions holds (2 to 10).
    Or(Vec<Expr>),
    /// `Fn::Not`: the condition does not hold.
    Not(Expr),
    /// `{"Condition": name}`: another condition, inside `Fn::And`/`Fn::Or`/`Fn::Not`.
    Condition(String),
    /// `Fn::Base64`: the value base64-encoded.
    Base64(Expr),
    /// `Fn::GetAZs`: the availability zones of a region (`""` for the stack's region).
    GetAzs(Expr),
}

impl Intrinsic {
    /// The function's name as written in a template (`Ref`, `Fn::GetAtt`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Intrinsic::Ref(_) => "Ref",
            Intrinsic::GetAtt { .. } => "Fn::GetAtt",
            Intrinsic::Join { .. } => "Fn::Join",
            Intrinsic::Sub { .. } => "Fn::Sub",
            Intrinsic::Select { .. } => "Fn::Select",
            Intrinsic::Split { .. } => "Fn::Split",
            Intrinsic::ImportValue(_) => "Fn::ImportValue",
            Intrinsic::FindInMap { .. } => "Fn::FindInMap",
            Intrinsic::If { .. } => "Fn::If",
            Intrinsic::Equals(..) => "Fn::Equals",
            Intrinsic::And(_) => "Fn::And",
            Intrinsic::Or(_) => "Fn::Or",
            Intrinsic::Not(_) => "Fn::Not",
            Intrinsic::Condition(_) => "Condition",
            Intrinsic::Base64(_) => "Fn::Base64",
            Intrinsic::GetAzs(_) => "Fn::GetAZs",
        }
    }
}

impl Intrinsic {
    /// The intrinsic with `f` applied to each of its expression arguments; names (logical
    /// ids, conditions, mappings, delimiters) are kept.
    pub(crate) fn map_args(self, mut f: impl FnMut(Expr) -> Expr) -> Intrinsic {
        match self {
            Intrinsic::Join { delimiter, values } => Intrinsic::Join {
                delimiter,
                values: f(values),
            },
            Intrinsic::Sub {
                template,
                variables,
                owners,
            } => Intrinsic::Sub {
                template,
                variables: variables.into_iter().map(|(k, v)| (k, f(v))).collect(),
                owners,
            },
            Intrinsic::Select { index, list } => Intrinsic::Select {
                index: f(index),
                list: f(list),
            },
            Intrinsic::Split { delimiter, source } => Intrinsic::Split {
                delimiter,
                source: f(source),
            },
            Intrinsic::ImportValue(e) => Intrinsic::ImportValue(f(e)),
            Intrinsic::FindInMap {
                map,
                top_key,
                second_key,
            } => Intrinsic::FindInMap {
                map,
                top_key: f(top_key),
                second_key: f(second_key),
            },
            Intrinsic::If {
                condition,
                then,
                otherwise,
            } => Intrinsic::If {
                condition,
                then: f(then),
                otherwise: f(otherwise),
            },
            Intrinsic::Equals(a, b) => Intrinsic::Equals(f(a), f(b)),
            Intrinsic::And(items) => Intrinsic::And(items.into_iter().map(f).collect()),
            Intrinsic::Or(items) => Intrinsic::Or(items.into_iter().map(f).collect()),
            Intrinsic::Not(e) => Intrinsic::Not(f(e)),
            Intrinsic::Base64(e) => Intrinsic::Base64(f(e)),
            Intrinsic::GetAzs(e) => Intrinsic::GetAzs(f(e)),
            other @ (Intrinsic::Ref(_) | Intrinsic::GetAtt { .. } | Intrinsic::Condition(_)) => {
                other
            }
        }
    }
}

impl Expr {
    fn intrinsic(f: Intrinsic) -> Expr {
        Expr::Fn(Box::new(f))
    }

    /// `{"Ref": logical_id}`: a resource's or parameter's value. Prefer a typed handle's
    /// `reference()`, which cannot name a missing resource.
    pub fn reference(logical_id: impl Into<String>) -> Expr {
        Expr::intrinsic(Intrinsic::Ref(RefTarget::Logical(logical_id.into(), None)))
    }

    /// `{"Ref": logical_id}` of a resource of `stack` (what a handle makes).
    pub(crate) fn owned_reference(logical_id: &str, stack: &StackId) -> Expr {
        Expr::intrinsic(Intrinsic::Ref(RefTarget::Logical(
            logical_id.to_owned(),
            Some(stack.clone()),
        )))
    }

    /// `{"Ref": "AWS::…"}`: a pseudo parameter.
    pub fn pseudo(p: Pseudo) -> Expr {
        Expr::intrinsic(Intrinsic::Ref(RefTarget::Pseudo(p)))
    }

    /// `{"Fn::GetAtt": [logical_id, attribute]}`. Prefer a typed handle's `get_att`, which
    /// only offers attributes the resource type has.
    pub fn get_att(logical_id: impl Into<String>, attribute: impl Into<String>) -> Expr {
        Expr::intrinsic(Intrinsic::GetAtt {
            logical_id: logical_id.into(),
            attribute: attribute.into(),
            stack: None,
        })
    }

    /// `{"Fn::GetAtt": [logical_id, attribute]}` of a resource of `stack` (what a handle
    /// makes).
    pub(crate) fn owned_get_att(logical_id: &str, attribute: String, stack: &StackId) -> Expr {
        Expr::intrinsic(Intrinsic::GetAtt {
            logical_id: logical_id.to_owned(),
            attribute,
            stack: Some(stack.clone()),
        })
    }

    /// `Fn::Join`, folded to a string when every value is a literal string.
    pub fn join(delimiter: impl Into<String>, values: impl IntoIterator<Item = Expr>) -> Expr {
        let delimiter = delimiter.into();
        let values: Vec<Expr> = values.into_iter().collect();
        let literals: Option<Vec<&str>> = values.iter().map(Expr::as_str).collect();
        match literals {
            Some(parts) => Expr::String(parts.join(&delimiter)),
            None => Expr::intrinsic(Intrinsic::Join {
                delimiter,
                values: Expr::List(values),
            }),
        }
    }

    /// `Fn::Join` over an expression that yields a list (e.g. `Fn::GetAZs`), folded when
    /// that expression is a literal list of strings.
    pub fn join_list(delimiter: impl Into<String>, list: Expr) -> Expr {
        match list {
            Expr::List(values) => Expr::join(delimiter, values),
            other => Expr::intrinsic(Intrinsic::Join {
                delimiter: delimiter.into(),
                values: other,
            }),
        }
    }

    /// `Fn::Sub` without variables, folded to a string when the template has no `${…}`
    /// placeholder (`${!Literal}` escapes are unescaped when folding).
    pub fn sub(template: impl Into<String>) -> Expr {
        Expr::sub_with(template, IndexMap::new())
    }

    /// `Fn::Sub` with a variable map.
    pub fn sub_with(template: impl Into<String>, variables: IndexMap<String, Expr>) -> Expr {
        Expr::sub_full(template.into(), variables, BTreeMap::new())
    }

    /// `Fn::Sub` whose `${Id}` and `${Id.Attribute}` placeholders name resources of the
    /// handles' stacks ([`Handle::owned_id`](crate::Handle::owned_id)), so that synth
    /// knows a resource of another stack when it sees one.
    ///
    /// ```
    /// use cfnkit_core::{Expr, RawResource, Stack};
    /// let mut stack = Stack::new("auth");
    /// let domain = stack.add_raw("Domain", "AWS::Cognito::UserPoolDomain", Expr::Map(Default::default()));
    /// let url = Expr::sub_owned("https://${Domain}.auth.${AWS::Region}.amazoncognito.com", [domain.owned_id()]);
    /// assert_eq!(url.to_json(), serde_json::json!({"Fn::Sub": "https://${Domain}.auth.${AWS::Region}.amazoncognito.com"}));
    /// ```
    pub fn sub_owned(
        template: impl Into<String>,
        owners: impl IntoIterator<Item = OwnedId>,
    ) -> Expr {
        let owners = owners
            .into_iter()
            .map(|o| (o.logical_id, o.stack))
            .collect();
        Expr::sub_full(template.into(), IndexMap::new(), owners)
    }

    pub(crate) fn sub_full(
        template: String,
        variables: IndexMap<String, Expr>,
        owners: BTreeMap<String, StackId>,
    ) -> Expr {
        if variables.is_empty() && crate::sub::placeholders(&template).is_empty() {
            return Expr::String(crate::sub::unescape(&template));
        }
        Expr::intrinsic(Intrinsic::Sub {
            template,
            variables,
            owners,
        })
    }

    /// `Fn::Select`, folded when the index and the list are literals and the index is in range.
    pub fn select(index: impl Into<Expr>, list: Expr) -> Expr {
        let index = index.into();
        if let (Some(i), Expr::List(items)) = (index.as_u64(), &list)
            && let Some(item) = usize::try_from(i).ok().and_then(|i| items.get(i))
            && item.is_literal()
        {
            return item.clone();
        }
        Expr::intrinsic(Intrinsic::Select { index, list })
    }

    /// `Fn::Split`, folded to a list when the source is a literal string.
    pub fn split(delimiter: impl Into<String>, source: Expr) -> Expr {
        let delimiter = delimiter.into();
        if let (Some(s), false) = (source.as_str(), delimiter.is_empty()) {
            return Expr::List(s.split(&delimiter).map(Expr::from).collect());
        }
        Expr::intrinsic(Intrinsic::Split { delimiter, source })
    }

    /// `Fn::ImportValue` of an export name.
    pub fn import_value(export_name: impl Into<Expr>) -> Expr {
        Expr::intrinsic(Intrinsic::ImportValue(export_name.into()))
    }

    /// `Fn::FindInMap`.
    pub fn find_in_map(
        map: impl Into<String>,
        top_key: impl Into<Expr>,
        second_key: impl Into<Expr>,
    ) -> Expr {
        Expr::intrinsic(Intrinsic::FindInMap {
            map: map.into(),
            top_key: top_key.into(),
            second_key: second_key.into(),
        })
    }

    /// `Fn::If`.
    pub fn if_(
        condition: impl Into<String>,
        then: impl Into<Expr>,
        otherwise: impl Into<Expr>,
    ) -> Expr {
        Expr::intrinsic(Intrinsic::If {
            condition: condition.into(),
            then: then.into(),
            otherwise: otherwise.into(),
        })
    }

    /// `Fn::Equals` (a condition function).
    pub fn equals(a: impl Into<Expr>, b: impl Into<Expr>) -> Expr {
        Expr::intrinsic(Intrinsic::Equals(a.into(), b.into()))
    }

    /// `Fn::And` (a condition function).
    pub fn and(conditions: impl IntoIterator<Item = Expr>) -> Expr {
        Expr::intrinsic(Intrinsic::And(conditions.into_iter().collect()))
    }

    /// `Fn::Or` (a condition function).
    pub fn or(conditions: impl IntoIterator<Item = Expr>) -> Expr {
        Expr::intrinsic(Intrinsic::Or(conditions.into_iter().collect()))
    }

    /// `Fn::Not` (a condition function).
    pub fn not_(condition: Expr) -> Expr {
        Expr::intrinsic(Intrinsic::Not(condition))
    }

    /// `{"Condition": name}`: another condition, inside a condition function.
    pub fn condition(name: impl Into<String>) -> Expr {
        Expr::intrinsic(Intrinsic::Condition(name.into()))
    }

    /// `Fn::Base64`.
    pub fn base64(value: impl Into<Expr>) -> Expr {
        Expr::intrinsic(Intrinsic::Base64(value.into()))
    }

    /// `Fn::GetAZs` for a region (`""` means the stack's region).
    pub fn get_azs(region: impl Into<Expr>) -> Expr {
        Expr::intrinsic(Intrinsic::GetAzs(region.into()))
    }

    /// The string, if this is a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as `u64`, if this is a non-negative integer literal (or a string of one,
    /// as CloudFormation accepts for `Fn::Select`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Expr::Number(n) => n.as_u64(),
            Expr::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// The intrinsic, if this node is one.
    pub fn as_intrinsic(&self) -> Option<&Intrinsic> {
        match self {
            Expr::Fn(f) => Some(f),
            _ => None,
        }
    }

    /// Whether this tree holds no intrinsic at all.
    pub fn is_literal(&self) -> bool {
        match self {
            Expr::Fn(_) => false,
            Expr::List(items) => items.iter().all(Expr::is_literal),
            Expr::Map(map) => map.values().all(Expr::is_literal),
            _ => true,
        }
    }

    /// Converts to plain JSON (intrinsics become their one-key maps).
    pub fn to_json(&self) -> serde_json::Value {
        // Serializing an `Expr` into a `serde_json::Value` cannot fail: every key is a string
        // and every number is already a JSON number.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Reads plain JSON, recognising one-key maps named after an intrinsic (`Ref`,
    /// `Fn::GetAtt`, …) in their template forms. Maps that look like an intrinsic but do
    /// not have its shape stay plain maps.
    pub fn from_json(value: &serde_json::Value) -> Expr {
        crate::expr_parse::from_json(value)
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // While `to_expr` runs, a map, list or intrinsic hands itself over whole (its
        // handles' stacks included); JSON and YAML writers see the newtype as its content.
        let plain = Plain(self);
        if matches!(self, Expr::List(_) | Expr::Map(_) | Expr::Fn(_))
            && crate::to_expr::offer(self, crate::to_expr::address(&plain))
        {
            return s.serialize_newtype_struct(crate::to_expr::NODE, &plain);
        }
        plain.serialize(s)
    }
}

/// An expression written as its template form, without offering itself to `to_expr`.
struct Plain<'a>(&'a Expr);

impl Serialize for Plain<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Expr::Null => s.serialize_unit(),
            Expr::Bool(b) => s.serialize_bool(*b),
            Expr::Number(n) => n.serialize(s),
            Expr::String(v) => s.serialize_str(v),
            Expr::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Expr::Map(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
            Expr::Fn(f) => IntrinsicMap(f).serialize(s),
        }
    }
}

/// An intrinsic's one-key map.
pub(crate) struct IntrinsicMap<'a>(pub(crate) &'a Intrinsic);

impl Serialize for IntrinsicMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(self.0.name(), &IntrinsicArgs(self.0))?;
        m.end()
    }
}

/// The argument part of an intrinsic's one-key map.
struct IntrinsicArgs<'a>(&'a Intrinsic);

impl Serialize for IntrinsicArgs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Intrinsic::Ref(target) => s.serialize_str(target.name()),
            Intrinsic::GetAtt {
                logical_id,
                attribute,
                ..
            } => (logical_id, attribute).serialize(s),
            Intrinsic::Join { delimiter, values } => (delimiter, values).serialize(s),
            Intrinsic::Sub {
                template,
                variables,
                ..
            } => {
                if variables.is_empty() {
                    s.serialize_str(template)
                } else {
                    (template, variables).serialize(s)
                }
            }
            Intrinsic::Select { index, list } => {
                // CloudFormation documents the index as a number; keep it one.
                (index, list).serialize(s)
            }
            Intrinsic::Split { delimiter, source } => (delimiter, source).serialize(s),
            Intrinsic::ImportValue(name) => name.serialize(s),
            Intrinsic::FindInMap {
                map,
                top_key,
                second_key,
            } => (map, top_key, second_key).serialize(s),
            Intrinsic::If {
                condition,
                then,
                otherwise,
            } => (condition, then, otherwise).serialize(s),
            Intrinsic::Equals(a, b) => (a, b).serialize(s),
            Intrinsic::And(items) | Intrinsic::Or(items) => items.serialize(s),
            Intrinsic::Not(c) => [c].serialize(s),
            Intrinsic::Condition(name) => s.serialize_str(name),
            Intrinsic::Base64(v) => v.serialize(s),
            Intrinsic::GetAzs(region) => region.serialize(s),
        }
    }
}

impl From<&str> for Expr {
    fn from(s: &str) -> Self {
        Expr::String(s.to_owned())
    }
}

impl From<String> for Expr {
    fn from(s: String) -> Self {
        Expr::String(s)
    }
}

impl From<&String> for Expr {
    fn from(s: &String) -> Self {
        Expr::String(s.clone())
    }
}

impl From<bool> for Expr {
    fn from(b: bool) -> Self {
        Expr::Bool(b)
    }
}

macro_rules! expr_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Expr {
            fn from(n: $t) -> Self {
                Expr::Number(n.into())
            }
        }
    )*};
}
expr_from_int!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl From<f64> for Expr {
    /// A finite float becomes a number; NaN and infinities, which JSON cannot hold, become `null`.
    fn from(n: f64) -> Self {
        serde_json::Number::from_f64(n).map_or(Expr::Null, Expr::Number)
    }
}

impl From<Pseudo> for Expr {
    fn from(p: Pseudo) -> Self {
        Expr::pseudo(p)
    }
}

impl<T: Into<Expr>> From<Vec<T>> for Expr {
    fn from(items: Vec<T>) -> Self {
        Expr::List(items.into_iter().map(Into::into).collect())
    }
}

impl From<ExprMap> for Expr {
    fn from(map: ExprMap) -> Self {
        Expr::Map(map)
    }
}

impl From<IndexMap<String, Expr>> for Expr {
    fn from(map: IndexMap<String, Expr>) -> Self {
        Expr::Map(map.into_iter().collect())
    }
}

impl From<serde_json::Value> for Expr {
    fn from(value: serde_json::Value) -> Self {
        Expr::from_json(&value)
    }
}

impl schemars::JsonSchema for Expr {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Expr".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // Any JSON value: a literal or an intrinsic function's one-key map.
        schemars::Schema::default()
    }
}
