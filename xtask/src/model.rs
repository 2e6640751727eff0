//! What the generator knows about one CloudFormation type: its settable properties, their
//! Rust shapes and constraints, read from a registry schema plus [`crate::overrides`].

use serde_json::Value as Json;

use crate::naming;
use crate::overrides::{self, ResourceSpec};

/// The base URL of the CloudFormation template reference.
pub const TEMPLATE_REFERENCE: &str =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/";

/// A definition of one resource type's schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DefKey {
    /// The resource type whose schema defines it.
    pub type_name: String,
    /// The definition's name in that schema.
    pub def: String,
}

/// The Rust shape of a property value, with the schema's constraints on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The type.
    pub ty: Ty,
    /// Constraints on a value of that type.
    pub constraints: Constraints,
}

/// A property value's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `Value<String>`.
    String,
    /// `Value<i64>`.
    Integer,
    /// `Value<f64>`.
    Number,
    /// `Value<bool>`.
    Boolean,
    /// `Expr`: free-form JSON.
    Json,
    /// Free-form JSON held by a hand-written type of the crate (see
    /// [`crate::overrides::CUSTOM_TYPES`]).
    Custom(&'static overrides::CustomType),
    /// `Value<Enum>`: the generated enum's name.
    Enum(String),
    /// A generated struct (a property type).
    Struct(DefKey),
    /// `Vec<item>`.
    List(Box<Shape>),
    /// `IndexMap<String, value>`.
    Map(Box<Shape>),
}

/// The constraints of a registry schema that synth can check or the docs state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`, in characters.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `pattern`.
    pub pattern: Option<Pattern>,
    /// `uniqueItems: true`.
    pub unique_items: bool,
    /// The hand-written rules that check these constraints (and the pattern) instead of the
    /// generic `schema/constraint` ([`overrides::RULE_CHECKED`]); empty for most values.
    pub checked_by: &'static [&'static str],
}

/// A registry schema's `pattern`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The pattern as the schema writes it.
    pub source: String,
    /// Why synth cannot check it (the `regex` crate does not compile it, see
    /// [`cfnkit_core::constraints::unsupported_pattern`]); `None` when synth checks it.
    pub unsupported: Option<String>,
}

impl Pattern {
    /// A pattern, with whether synth can check it.
    pub fn new(source: &str) -> Pattern {
        Pattern {
            source: source.to_owned(),
            unsupported: cfnkit_core::constraints::unsupported_pattern(source),
        }
    }
}

impl Constraints {
    /// Whether the generic synth check has anything to check (not constraints a
    /// hand-written rule checks, nor a pattern the `regex` crate does not compile).
    pub fn checkable(&self) -> bool {
        if !self.checked_by.is_empty() {
            return false;
        }
        self.min_length.is_some_and(|n| n > 0)
            || self.max_length.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some()
            || self.min_items.is_some_and(|n| n > 0)
            || self.max_items.is_some()
            || self.synth_pattern().is_some()
    }

    /// The pattern the generic synth check checks: one that compiles, on a value no
    /// hand-written rule checks.
    pub fn synth_pattern(&self) -> Option<&str> {
        self.pattern
            .as_ref()
            .filter(|p| p.unsupported.is_none() && self.checked_by.is_empty())
            .map(|p| p.source.as_str())
    }
}

/// A settable property.
#[derive(Debug, Clone)]
pub struct Prop {
    /// The CloudFormation name.
    pub name: String,
    /// The Rust field name.
    pub field: String,
    /// Whether the schema requires it.
    pub required: bool,
    /// Its value's shape.
    pub shape: Shape,
    /// The schema's description, raw.
    pub description: Option<String>,
    /// Its entry in the AWS reference.
    pub doc_url: String,
}

/// A resource's or definition's properties.
#[derive(Debug, Clone)]
pub struct Object {
    /// The settable properties, in schema order.
    pub props: Vec<Prop>,
    /// The required properties, in the order `new` takes them.
    pub constructor: Vec<String>,
    /// The schema's description, raw.
    pub description: Option<String>,
    /// The AWS reference page.
    pub doc_url: String,
}

/// One use of an enum: where it is and its values.
#[derive(Debug, Clone)]
pub struct EnumSite {
    /// The enum's Rust name.
    pub name: String,
    /// The values, in order.
    pub values: Vec<String>,
    /// The resource type.
    pub type_name: String,
    /// `Owner.Property` or `Property`.
    pub path: String,
    /// The doc listing the values, when the registry schema lacks them.
    pub source: Option<String>,
}

/// A parsed resource type: its own properties, its object definitions and its enums.
#[derive(Debug, Clone)]
pub struct ParsedResource {
    /// The table entry.
    pub spec: &'static ResourceSpec,
    /// The resource's properties.
    pub object: Object,
    /// Definitions with properties, by name, in the order first reached.
    pub defs: Vec<(String, Object)>,
    /// Every enum use.
    pub enums: Vec<EnumSite>,
    /// The `readOnlyProperties`, i.e. the `Fn::GetAtt` attributes.
    pub attributes: Vec<String>,
    /// The top-level `createOnlyProperties`: changing one replaces the resource.
    pub create_only: Vec<String>,
}

/// Reads one resource type's registry schema.
pub fn parse(spec: &'static ResourceSpec, schema: &Json) -> Result<ParsedResource, String> {
    let mut parser = Parser::new(spec, schema)?;
    let attributes = read_only(schema);
    let object = parser.object("", schema, &attributes)?;
    let declared: Vec<&str> = spec.attributes.iter().map(|(name, _)| *name).collect();
    let mut found: Vec<&str> = attributes.iter().map(String::as_str).collect();
    found.sort_unstable();
    let mut expected = declared.clone();
    expected.sort_unstable();
    if found != expected {
        return Err(format!(
            "{}: readOnlyProperties {found:?} differ from the attributes in overrides::RESOURCES {declared:?}",
            spec.type_name
        ));
    }
    Ok(ParsedResource {
        spec,
        object,
        defs: parser.defs,
        enums: parser.enums,
        attributes: declared.into_iter().map(str::to_owned).collect(),
        create_only: create_only(schema, spec.type_name),
    })
}

/// `createOnlyProperties` that are top-level property names (a nested one, e.g.
/// `/properties/A/B`, replaces the resource only through its top-level property `A`, which
/// is listed once), plus those the registry omits ([`crate::overrides::EXTRA_CREATE_ONLY`]).
pub fn create_only(schema: &Json, type_name: &str) -> Vec<String> {
    let mut names: Vec<String> = crate::overrides::EXTRA_CREATE_ONLY
        .iter()
        .filter(|(t, _)| *t == type_name)
        .flat_map(|(_, props)| props.iter().map(|p| (*p).to_owned()))
        .collect();
    let pointers = schema["createOnlyProperties"]
        .as_array()
        .into_iter()
        .flatten();
    for pointer in pointers.filter_map(Json::as_str) {
        let top = pointer
            .strip_prefix("/properties/")
            .and_then(|rest| rest.split('/').next());
        if let Some(top) = top.filter(|t| !names.iter().any(|n| n == t)) {
            names.push(top.to_owned());
        }
    }
    names
}

/// `readOnlyProperties` as `Fn::GetAtt` attribute names: a nested one such as
/// `/properties/SnapStartResponse/ApplyOn` is `SnapStartResponse.ApplyOn`.
pub fn read_only(schema: &Json) -> Vec<String> {
    schema["readOnlyProperties"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Json::as_str)
        .filter_map(|p| p.strip_prefix("/properties/"))
        .map(|p| p.replace('/', "."))
        .collect()
}

/// `service` and `resource` of `AWS::Service::Resource`, lowercased for doc URLs.
pub fn slugs(type_name: &str) -> Result<(String, String), String> {
    match type_name.split("::").collect::<Vec<_>>()[..] {
        ["AWS", service, resource] => Ok((service.to_lowercase(), resource.to_lowercase())),
        _ => Err(format!("unexpected type name {type_name}")),
    }
}

struct Parser<'a> {
    spec: &'static ResourceSpec,
    root: &'a Json,
    service: String,
    resource: String,
    defs: Vec<(String, Object)>,
    in_progress: Vec<String>,
    enums: Vec<EnumSite>,
}

/// How an enum found at a property is named when the tables say nothing.
struct EnumDefault<'s> {
    owner: &'s str,
    property: &'s str,
    name: String,
}

impl<'a> Parser<'a> {
    fn new(spec: &'static ResourceSpec, root: &'a Json) -> Result<Self, String> {
        let (service, resource) = slugs(spec.type_name)?;
        Ok(Parser {
            spec,
            root,
            service,
            resource,
            defs: Vec::new(),
            in_progress: Vec::new(),
            enums: Vec::new(),
        })
    }

    fn page(&self, owner: &str) -> String {
        let (service, resource) = (&self.service, &self.resource);
        if owner.is_empty() {
            format!("{TEMPLATE_REFERENCE}aws-resource-{service}-{resource}.html")
        } else {
            let def = owner.to_lowercase();
            format!("{TEMPLATE_REFERENCE}aws-properties-{service}-{resource}-{def}.html")
        }
    }

    fn anchor(&self, owner: &str, property: &str) -> String {
        let (service, resource) = (&self.service, &self.resource);
        let property = property.to_lowercase();
        if owner.is_empty() {
            format!("{}#cfn-{service}-{resource}-{property}", self.page(owner))
        } else {
            let def = owner.to_lowercase();
            format!(
                "{}#cfn-{service}-{resource}-{def}-{property}",
                self.page(owner)
            )
        }
    }

    /// The properties of the resource (`owner` empty) or of a definition.
    fn object(&mut self, owner: &str, schema: &Json, skip: &[String]) -> Result<Object, String> {
        let type_name = self.spec.type_name;
        let properties = schema["properties"]
            .as_object()
            .ok_or_else(|| format!("{type_name} {owner}: no properties"))?;
        let required: Vec<String> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
            .filter(|name| !skip.iter().any(|s| s == name))
            .map(str::to_owned)
            .collect();
        let mut props = Vec::new();
        for (name, prop_schema) in properties {
            if skip.contains(name) {
                continue;
            }
            let default = EnumDefault {
                owner,
                property: name,
                name: name.clone(),
            };
            let mut shape = self.shape(prop_schema, &default)?;
            if let Some(custom) = overrides::custom_type(type_name, owner, name) {
                if shape.ty != Ty::Json {
                    return Err(format!(
                        "{type_name} {owner}.{name}: a custom type replaces free JSON only"
                    ));
                }
                shape.ty = Ty::Custom(custom);
            }
            if let Some(rules) = overrides::rule_checked(type_name, owner, name) {
                shape.constraints.checked_by = rules;
            }
            props.push(Prop {
                name: name.clone(),
                field: naming::snake_case(name),
                required: required.contains(name),
                shape,
                description: description(prop_schema),
                doc_url: self.anchor(owner, name),
            });
        }
        Ok(Object {
            constructor: constructor_order(owner, &required),
            props,
            description: description(schema),
            doc_url: self.page(owner),
        })
    }

    fn definition(&self, reference: &str) -> Result<(String, &'a Json), String> {
        let name = reference
            .strip_prefix("#/definitions/")
            .ok_or_else(|| format!("{}: unsupported $ref {reference}", self.spec.type_name))?;
        let root: &'a Json = self.root;
        let def = root["definitions"]
            .get(name)
            .ok_or_else(|| format!("{}: no definition {name}", self.spec.type_name))?;
        Ok((name.to_owned(), def))
    }

    fn shape(&mut self, schema: &Json, default: &EnumDefault<'_>) -> Result<Shape, String> {
        if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
            let (name, def) = self.definition(reference)?;
            if def.get("properties").is_some() {
                self.reach(&name, def)?;
                let key = DefKey {
                    type_name: self.spec.type_name.to_owned(),
                    def: name,
                };
                return Ok(Shape {
                    ty: Ty::Struct(key),
                    constraints: Constraints::default(),
                });
            }
            // A named scalar (e.g. an enum): inline it, named after the definition.
            let named = EnumDefault { name, ..*default };
            return self.inline(def, &named);
        }
        self.inline(schema, default)
    }

    /// Parses a definition with properties the first time it is reached.
    fn reach(&mut self, name: &str, def: &Json) -> Result<(), String> {
        let seen =
            self.defs.iter().any(|(n, _)| n == name) || self.in_progress.iter().any(|n| n == name);
        if seen {
            return Ok(());
        }
        self.in_progress.push(name.to_owned());
        let object = self.object(name, def, &[])?;
        self.in_progress.retain(|n| n != name);
        self.defs.push((name.to_owned(), object));
        Ok(())
    }

    fn inline(&mut self, schema: &Json, default: &EnumDefault<'_>) -> Result<Shape, String> {
        let constraints = constraints(schema);
        if let Some(value) = map_value_schema(schema) {
            let value = self.shape(value, default)?;
            return Ok(Shape {
                ty: Ty::Map(Box::new(value)),
                constraints,
            });
        }
        let ty = match schema.get("type") {
            Some(Json::Array(_)) | None => Ty::Json,
            Some(Json::String(t)) => match t.as_str() {
                "string" => self.string(schema, default)?,
                "integer" => Ty::Integer,
                "number" => Ty::Number,
                "boolean" => Ty::Boolean,
                "object" if schema.get("properties").is_none() => Ty::Json,
                "array" => {
                    let items = EnumDefault {
                        name: naming::singular(&default.name).to_owned(),
                        ..*default
                    };
                    Ty::List(Box::new(self.shape(&schema["items"], &items)?))
                }
                other => {
                    return Err(format!(
                        "{} {}.{}: unsupported type {other}",
                        self.spec.type_name, default.owner, default.property
                    ));
                }
            },
            Some(other) => return Err(format!("unsupported type {other}")),
        };
        Ok(Shape { ty, constraints })
    }

    /// A string, or an enum when the schema or [`overrides::ENUM_OVERRIDES`] lists values.
    fn string(&mut self, schema: &Json, default: &EnumDefault<'_>) -> Result<Ty, String> {
        let type_name = self.spec.type_name;
        let (owner, property) = (default.owner, default.property);
        let listed: Option<Vec<String>> =
            schema.get("enum").and_then(Json::as_array).map(|values| {
                values
                    .iter()
                    .filter_map(Json::as_str)
                    .map(str::to_owned)
                    .collect()
            });
        let overridden = overrides::enum_override(type_name, owner, property);
        let values = match (listed, overridden) {
            (None, None) => return Ok(Ty::String),
            (Some(listed), None) => listed,
            (None, Some(o)) => o.values.iter().map(|v| (*v).to_owned()).collect(),
            (Some(listed), Some(o)) => {
                let mut a = listed.clone();
                let mut b: Vec<String> = o.values.iter().map(|v| (*v).to_owned()).collect();
                a.sort();
                b.sort();
                if a != b {
                    return Err(format!(
                        "{type_name} {owner}.{property}: the registry lists {listed:?}, ENUM_OVERRIDES {:?}",
                        o.values
                    ));
                }
                o.values.iter().map(|v| (*v).to_owned()).collect()
            }
        };
        let name = overrides::ENUM_NAMES
            .iter()
            .find(|(site, _)| site.is(type_name, owner, property))
            .map_or_else(
                || naming::upper_camel(&default.name),
                |(_, n)| (*n).to_owned(),
            );
        self.enums.push(EnumSite {
            name: name.clone(),
            values,
            type_name: type_name.to_owned(),
            path: if owner.is_empty() {
                property.to_owned()
            } else {
                format!("{owner}.{property}")
            },
            source: overridden
                .filter(|_| schema.get("enum").is_none())
                .map(overrides::override_source_url),
        });
        Ok(Ty::Enum(name))
    }
}

/// The value schema of a map (`patternProperties` or an `additionalProperties` schema).
fn map_value_schema(schema: &Json) -> Option<&Json> {
    if let Some(patterns) = schema.get("patternProperties").and_then(Json::as_object) {
        return patterns.values().next();
    }
    schema.get("additionalProperties").filter(|v| v.is_object())
}

fn constraints(schema: &Json) -> Constraints {
    let u = |key: &str| schema.get(key).and_then(Json::as_u64);
    let f = |key: &str| schema.get(key).and_then(Json::as_f64);
    Constraints {
        min_length: u("minLength"),
        max_length: u("maxLength"),
        minimum: f("minimum"),
        maximum: f("maximum"),
        min_items: u("minItems"),
        max_items: u("maxItems"),
        pattern: schema
            .get("pattern")
            .and_then(Json::as_str)
            .map(Pattern::new),
        unique_items: schema.get("uniqueItems").and_then(Json::as_bool) == Some(true),
        checked_by: &[],
    }
}

fn description(schema: &Json) -> Option<String> {
    schema
        .get("description")
        .and_then(Json::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
}

/// The required properties in [`overrides::CONSTRUCTOR_ORDER`] order, else schema order.
fn constructor_order(owner: &str, required: &[String]) -> Vec<String> {
    let preferred: &[&str] = overrides::CONSTRUCTOR_ORDER
        .iter()
        .find(|(def, _)| *def == owner)
        .map_or(&[], |(_, order)| order);
    let mut ordered: Vec<String> = preferred
        .iter()
        .filter(|name| required.iter().any(|r| r == *name))
        .map(|name| (*name).to_owned())
        .collect();
    let rest: Vec<String> = required
        .iter()
        .filter(|r| !ordered.contains(r))
        .cloned()
        .collect();
    ordered.extend(rest);
    ordered
}
