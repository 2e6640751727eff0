//! Models from Rust types: schemars schemas in the OpenAPI 3.0 dialect, and the
//! diagnostics that name the Rust type when API Gateway could not import one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use cfnkit_openapi::{Components, Document, Info, schemas_for};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Station {
    name: String,
    elevation_m: Option<i32>,
    region: Option<Region>,
    kind: Kind,
    #[schemars(extend("examples" = ["Aberdeen"]))]
    city: String,
    readings: Vec<Reading>,
}

#[derive(Serialize, JsonSchema)]
struct Region {
    code: String,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Coastal,
    Inland,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type")]
enum Reading {
    Wind { speed: f64 },
    Rain { mm: f64 },
}

#[derive(Serialize, JsonSchema)]
struct Page<T> {
    items: Vec<T>,
}

/// A name serde gives the JSON, and schemars the schema.
#[derive(Serialize, JsonSchema)]
#[serde(rename = "weather-event")]
struct WeatherEvent {
    name: String,
}

#[derive(Serialize, JsonSchema)]
struct Pair(String, i32);

fn schema(components: &Components, name: &str) -> Value {
    components.schemas[name].as_json().clone()
}

/// Every key anywhere in a value.
fn keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.push(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn schemas_use_the_openapi_30_dialect() {
    let c = Components::new().model::<Station>();
    let names: Vec<&str> = c.schemas.keys().map(String::as_str).collect();
    assert_eq!(names, ["Station", "Region", "Kind", "Reading"]);
    let station = schema(&c, "Station");
    assert_eq!(
        station["properties"]["elevationM"],
        json!({"type": "integer", "format": "int32", "nullable": true})
    );
    // A nullable reference keeps a null alternative OpenAPI 3.0.3 admits null through:
    // `nullable` next to a `type` (the referenced schema's).
    assert_eq!(
        station["properties"]["region"],
        json!({"anyOf": [
            {"$ref": "#/components/schemas/Region"},
            {"type": "object", "nullable": true, "enum": [null]}
        ]})
    );
    assert_eq!(station["properties"]["city"]["example"], "Aberdeen");
    assert_eq!(
        station["required"],
        json!(["name", "kind", "city", "readings"])
    );
    let mut all = Vec::new();
    for s in c.schemas.values() {
        keys(s.as_json(), &mut all);
    }
    for banned in [
        "$schema",
        "$defs",
        "definitions",
        "const",
        "examples",
        "title",
    ] {
        assert!(!all.iter().any(|k| k == banned), "{banned} in {all:?}");
    }
    assert!(
        !c.schemas
            .values()
            .any(|s| s.as_json().to_string().contains("\"null\"")),
        "a null type is left"
    );
    // The tagged enum's tag is a one-value enum, not a const.
    let reading = schema(&c, "Reading");
    assert_eq!(
        reading["oneOf"][0]["properties"]["type"],
        json!({"type": "string", "enum": ["Wind"]})
    );
    let doc = Document::new(Info::new("API", "1.0.0")).components(c);
    assert!(doc.check().is_empty(), "{}", doc.check());
}

#[test]
fn the_same_type_gives_the_same_schema_whoever_brings_it() {
    #[derive(JsonSchema)]
    struct Network {
        stations: Vec<Station>,
    }
    let alone = Components::new().model::<Station>();
    let brought = Components::new().model::<Network>().model::<Station>();
    assert_eq!(schema(&alone, "Station"), schema(&brought, "Station"));
    let doc = Document::new(Info::new("API", "1.0.0")).components(brought);
    assert!(doc.check().is_empty(), "{}", doc.check());
}

#[test]
fn names_api_gateway_cannot_import_name_the_rust_type() {
    let doc = Document::new(Info::new("API", "1.0.0"))
        .components(Components::new().model::<Page<WeatherEvent>>());
    let found = doc.check();
    assert_eq!(found.len(), 1, "{found}");
    let d = &found.0[0];
    assert_eq!(d.rule, "openapi/model-name");
    assert_eq!(d.location.path, "/components/schemas/weather-event");
    assert!(
        d.message
            .contains("a type the Rust type `models::Page<models::WeatherEvent>` refers to"),
        "{}",
        d.message
    );
    assert!(d.message.contains("#[schemars(rename"), "{}", d.message);

    let root = Document::new(Info::new("API", "1.0.0"))
        .components(Components::new().model::<WeatherEvent>());
    let message = &root.check().0[0].message;
    assert!(
        message.contains("(the schema of the Rust type `models::WeatherEvent`)"),
        "{message}"
    );
}

#[test]
fn what_openapi_30_cannot_say_names_the_rust_type() {
    let doc =
        Document::new(Info::new("API", "1.0.0")).components(Components::new().model::<Pair>());
    let found = doc.check();
    assert_eq!(found.len(), 1, "{found}");
    let d = &found.0[0];
    assert_eq!(d.rule, "openapi/schema-dialect");
    assert_eq!(d.location.path, "/components/schemas/Pair/items");
    assert!(d.message.contains("`models::Pair`"), "{}", d.message);
    assert!(d.message.contains("tuple"), "{}", d.message);
}

#[test]
fn two_types_under_one_name_are_reported() {
    mod a {
        #[derive(schemars::JsonSchema)]
        pub struct Event {
            pub name: String,
        }
    }
    mod b {
        #[derive(schemars::JsonSchema)]
        pub struct Event {
            pub id: u32,
        }
    }
    let doc = Document::new(Info::new("API", "1.0.0"))
        .components(Components::new().model::<a::Event>().model::<b::Event>());
    let found = doc.check();
    assert_eq!(found.len(), 1, "{found}");
    let d = &found.0[0];
    assert_eq!(
        (d.rule, d.severity),
        ("openapi/model-clash", cfnkit_core::Severity::Warning)
    );
    assert!(d.message.contains("a::Event`, `"), "{}", d.message);
    assert!(d.message.contains("b::Event`"), "{}", d.message);
}

#[test]
fn schemas_for_lists_the_root_first() {
    let all = schemas_for::<Page<Region>>();
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Page", "Region"]);
}

/// Every shape schemars gives an `Option`: of a struct, of a unit enum, of a data enum,
/// nested, in a list, as list items and map values, inlined, flattened, boxed.
mod option_shapes {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Serialize, JsonSchema)]
    pub struct Inner {
        pub a: u32,
    }

    #[derive(Serialize, JsonSchema)]
    pub enum Unit {
        Rain,
        Snow,
    }

    #[derive(Serialize, JsonSchema)]
    pub enum Data {
        A { x: u32 },
        B(String),
    }

    #[derive(Serialize, JsonSchema)]
    #[schemars(inline)]
    pub enum Inlined {
        Up,
        Down,
    }

    #[derive(Serialize, JsonSchema)]
    pub struct Extra {
        pub note: Option<String>,
        pub inner: Option<Inner>,
    }

    #[derive(Serialize, JsonSchema)]
    pub struct Shapes {
        pub inner: Option<Inner>,
        pub unit: Option<Unit>,
        pub data: Option<Data>,
        pub nested: Option<Option<Inner>>,
        pub list: Option<Vec<Inner>>,
        pub items: Vec<Option<Inner>>,
        pub map: BTreeMap<String, Option<Inner>>,
        pub inlined: Option<Inlined>,
        pub boxed: Option<Box<Inner>>,
        pub number: Option<f64>,
        #[serde(flatten)]
        pub extra: Option<Extra>,
    }
}

/// Each optional field, null and present, against the OpenAPI 3.0 semantics of an
/// independent implementation (openapi-schema-validator).
#[test]
fn every_option_shape_admits_null_and_its_value() {
    use option_shapes::Shapes;
    let c = Components::new().model::<Shapes>();
    let doc = Document::new(Info::new("API", "1.0.0")).components(c);
    assert!(doc.check().is_empty(), "{}", doc.check());
    let json = doc.to_json();
    cfnkit_testkit::assert_openapi_valid("option-shapes", &json);
    let all_null = json!({
        "inner": null, "unit": null, "data": null, "nested": null, "list": null,
        "items": [null, {"a": 1}], "map": {"k": null, "v": {"a": 2}},
        "inlined": null, "boxed": null, "number": null, "note": null
    });
    let present = json!({
        "inner": {"a": 1}, "unit": "Rain", "data": {"A": {"x": 1}}, "nested": {"a": 1},
        "list": [{"a": 1}], "items": [], "map": {}, "inlined": "Up", "boxed": {"a": 1},
        "number": 1.5, "note": "n"
    });
    for (what, instance) in [("null", all_null), ("present", present)] {
        let Some(errors) = cfnkit_testkit::openapi_schema_errors(what, &json, "Shapes", &instance)
        else {
            continue;
        };
        assert!(errors.is_empty(), "{what}: {errors:?}");
    }
    // And a wrong value is still refused: the schema says something.
    let wrong = json!({"items": [], "map": {}, "inner": {"b": 1}, "unit": "Hail"});
    if let Some(errors) = cfnkit_testkit::openapi_schema_errors("wrong", &json, "Shapes", &wrong) {
        assert_eq!(errors.len(), 2, "{errors:?}");
    }
}

#[test]
fn nullable_without_a_type_is_reported() {
    let read = Document::from_json(&json!({
        "openapi": "3.0.1",
        "info": {"title": "API", "version": "1"},
        "paths": {},
        "components": {"schemas": {
            "Region": {"type": "object"},
            "Station": {"type": "object", "properties": {
                "region": {"allOf": [{"$ref": "#/components/schemas/Region"}], "nullable": true}
            }}
        }}
    }))
    .unwrap();
    let found = read.check();
    let only = found.iter().next().unwrap();
    assert_eq!(found.len(), 1, "{found}");
    assert_eq!(only.rule, "openapi/schema-dialect");
    assert_eq!(
        only.location.path,
        "/components/schemas/Station/properties/region/nullable"
    );
    assert!(only.message.contains("admits no null"), "{}", only.message);
}
