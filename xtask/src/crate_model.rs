//! A crate's L1s together: one Rust name per definition and enum, and the types several
//! resources share placed in `shared.rs`.
//!
//! Naming rules:
//! - a definition keeps its schema name when only one resource of the crate defines it, or
//!   when every resource that defines it defines it the same way (same properties, types,
//!   required-ness and constraints; descriptions may differ): one shared type;
//! - otherwise each copy is named `<Resource><Definition>` (`StageTag`, `RestApiTag`),
//!   unless [`overrides::DEF_NAMES`] says better;
//! - enums with the same name must have the same values: they are one type.

use std::collections::BTreeMap;

use crate::model::{DefKey, EnumSite, Object, ParsedResource, Shape, Ty};
use crate::naming;
use crate::overrides::{self, ResourceSpec};

/// The module of the types several resources use.
pub const SHARED: &str = "shared";

/// A resource type's L1.
#[derive(Debug)]
pub struct ResourceModel {
    /// The table entry.
    pub spec: &'static ResourceSpec,
    /// `Cfn<Type>`.
    pub struct_name: String,
    /// The module (file stem) under `l1/`.
    pub module: String,
    /// Its properties.
    pub object: Object,
    /// Its `Fn::GetAtt` attributes.
    pub attributes: Vec<String>,
    /// Its top-level create-only properties.
    pub create_only: Vec<String>,
}

/// A property type (a definition with properties).
#[derive(Debug)]
pub struct StructModel {
    /// The Rust name.
    pub name: String,
    /// The module it is emitted in.
    pub module: String,
    /// The definitions it stands for (several when shared).
    pub owners: Vec<DefKey>,
    /// Its properties; descriptions merged from every copy.
    pub object: Object,
    /// The AWS reference page of each copy, with the copy's type name.
    pub pages: Vec<(String, String)>,
}

/// An enum.
#[derive(Debug)]
pub struct EnumModel {
    /// The Rust name.
    pub name: String,
    /// The module it is emitted in.
    pub module: String,
    /// The values, in order.
    pub values: Vec<String>,
    /// Where it is used: `(type name, Owner.Property)`.
    pub uses: Vec<(String, String)>,
    /// The docs listing the values, when the registry schemas lack them.
    pub sources: Vec<String>,
}

/// Every L1 type of one crate.
#[derive(Debug)]
pub struct CrateModel {
    /// The crate's directory name under `crates/`.
    pub krate: &'static str,
    /// The resources, in [`overrides::RESOURCES`] order.
    pub resources: Vec<ResourceModel>,
    /// The property types, in the order first reached.
    pub structs: Vec<StructModel>,
    /// The enums, in the order first reached.
    pub enums: Vec<EnumModel>,
    index: BTreeMap<DefKey, usize>,
}

impl CrateModel {
    /// Names and places the types of a crate's parsed resources.
    pub fn build(krate: &'static str, parsed: Vec<ParsedResource>) -> Result<CrateModel, String> {
        let defs: BTreeMap<DefKey, &Object> = parsed
            .iter()
            .flat_map(|p| {
                p.defs.iter().map(|(name, object)| {
                    let key = DefKey {
                        type_name: p.spec.type_name.to_owned(),
                        def: name.clone(),
                    };
                    (key, object)
                })
            })
            .collect();
        let (structs, index) = place_structs(&parsed, &defs)?;
        let enums = place_enums(parsed.iter().flat_map(|p| p.enums.iter()))?;
        let resources = parsed
            .into_iter()
            .map(|p| {
                let short = short_name(p.spec.type_name);
                ResourceModel {
                    spec: p.spec,
                    struct_name: format!("Cfn{short}"),
                    module: naming::snake_case(short),
                    object: p.object,
                    attributes: p.attributes,
                    create_only: p.create_only,
                }
            })
            .collect();
        let model = CrateModel {
            krate,
            resources,
            structs,
            enums,
            index,
        };
        model.check_unique_names()?;
        Ok(model)
    }

    /// The struct a definition became.
    pub fn struct_of(&self, key: &DefKey) -> &StructModel {
        &self.structs[self.index[key]]
    }

    /// The module of each resource, then `shared` when anything is shared.
    pub fn modules(&self) -> Vec<String> {
        let mut modules: Vec<String> = self.resources.iter().map(|r| r.module.clone()).collect();
        let shared = self.structs.iter().any(|s| s.module == SHARED)
            || self.enums.iter().any(|e| e.module == SHARED);
        if shared {
            modules.push(SHARED.to_owned());
        }
        modules
    }

    /// Whether a shape holds anything synth checks, directly or in nested structs.
    pub fn shape_has_checks(&self, shape: &Shape) -> bool {
        shape.constraints.checkable()
            || match &shape.ty {
                Ty::Struct(key) => self.object_has_checks(&self.struct_of(key).object),
                Ty::List(item) | Ty::Map(item) => self.shape_has_checks(item),
                _ => false,
            }
    }

    /// Whether an object has anything synth checks.
    pub fn object_has_checks(&self, object: &Object) -> bool {
        object.props.iter().any(|p| self.shape_has_checks(&p.shape))
    }

    fn check_unique_names(&self) -> Result<(), String> {
        let attribute_enums: Vec<String> = self
            .resources
            .iter()
            .map(|r| format!("{}Attribute", r.struct_name))
            .collect();
        let mut all: Vec<&str> = self
            .resources
            .iter()
            .map(|r| r.struct_name.as_str())
            .collect();
        all.extend(attribute_enums.iter().map(String::as_str));
        all.extend(self.structs.iter().map(|s| s.name.as_str()));
        all.extend(self.enums.iter().map(|e| e.name.as_str()));
        let mut sorted = all;
        sorted.sort_unstable();
        for pair in sorted.windows(2) {
            if pair[0] == pair[1] {
                return Err(format!(
                    "crate {}: two types would be named {}; add an entry to overrides::DEF_NAMES or ENUM_NAMES",
                    self.krate, pair[0]
                ));
            }
        }
        Ok(())
    }
}

/// `UserPool` of `AWS::Cognito::UserPool`.
pub fn short_name(type_name: &str) -> &str {
    type_name.rsplit("::").next().unwrap_or(type_name)
}

type Placed = (Vec<StructModel>, BTreeMap<DefKey, usize>);

fn place_structs(
    parsed: &[ParsedResource],
    defs: &BTreeMap<DefKey, &Object>,
) -> Result<Placed, String> {
    // Definitions by name, in the order first reached.
    let mut groups: Vec<(String, Vec<DefKey>)> = Vec::new();
    for p in parsed {
        for (name, _) in &p.defs {
            let key = DefKey {
                type_name: p.spec.type_name.to_owned(),
                def: name.clone(),
            };
            match groups.iter_mut().find(|(n, _)| n == name) {
                Some((_, keys)) => keys.push(key),
                None => groups.push((name.clone(), vec![key])),
            }
        }
    }
    let mut structs = Vec::new();
    let mut index = BTreeMap::new();
    for (name, keys) in groups {
        let first = signature_of(&keys[0], defs, 0)?;
        let mut same = true;
        for key in &keys[1..] {
            same &= signature_of(key, defs, 0)? == first;
        }
        if same {
            for key in &keys {
                index.insert(key.clone(), structs.len());
            }
            let module = if keys.len() > 1 {
                SHARED.to_owned()
            } else {
                module_of(&keys[0].type_name)
            };
            // A name that another crate's public types already have is renamed.
            let name = match keys.as_slice() {
                [key] => overrides::DEF_NAMES
                    .iter()
                    .find(|(t, d, _)| *t == key.type_name && *d == key.def)
                    .map_or(name, |(_, _, n)| (*n).to_owned()),
                _ => name,
            };
            structs.push(merged(name, module, &keys, defs));
        } else {
            for key in keys {
                let renamed = overrides::DEF_NAMES
                    .iter()
                    .find(|(t, d, _)| *t == key.type_name && *d == key.def)
                    .map_or_else(
                        || format!("{}{name}", short_name(&key.type_name)),
                        |(_, _, n)| (*n).to_owned(),
                    );
                index.insert(key.clone(), structs.len());
                let module = module_of(&key.type_name);
                structs.push(merged(renamed, module, std::slice::from_ref(&key), defs));
            }
        }
    }
    Ok((structs, index))
}

fn module_of(type_name: &str) -> String {
    naming::snake_case(short_name(type_name))
}

/// One struct for identical copies: the first copy, with each description taken from the
/// first copy that has one.
fn merged(
    name: String,
    module: String,
    keys: &[DefKey],
    defs: &BTreeMap<DefKey, &Object>,
) -> StructModel {
    let copies: Vec<&Object> = keys.iter().map(|k| defs[k]).collect();
    let mut object = copies[0].clone();
    object.description = copies.iter().find_map(|c| c.description.clone());
    for prop in &mut object.props {
        prop.description = copies
            .iter()
            .flat_map(|c| c.props.iter())
            .filter(|p| p.name == prop.name)
            .find_map(|p| p.description.clone());
    }
    StructModel {
        name,
        module,
        owners: keys.to_vec(),
        object,
        pages: keys
            .iter()
            .map(|k| (k.type_name.clone(), defs[k].doc_url.clone()))
            .collect(),
    }
}

/// A definition's shape without descriptions, nested definitions expanded.
fn signature_of(
    key: &DefKey,
    defs: &BTreeMap<DefKey, &Object>,
    depth: usize,
) -> Result<String, String> {
    if depth > 16 {
        return Err(format!(
            "{}: definitions nest too deep (recursive?)",
            key.def
        ));
    }
    let object = defs[key];
    let mut out = String::new();
    for p in &object.props {
        let shape = shape_signature(&p.shape, defs, depth)?;
        out.push_str(&format!(
            "{}{}:{shape};",
            p.name,
            if p.required { "!" } else { "" }
        ));
    }
    Ok(out)
}

fn shape_signature(
    shape: &Shape,
    defs: &BTreeMap<DefKey, &Object>,
    depth: usize,
) -> Result<String, String> {
    let ty = match &shape.ty {
        Ty::Struct(key) => format!("{{{}}}", signature_of(key, defs, depth + 1)?),
        Ty::List(item) => format!("[{}]", shape_signature(item, defs, depth)?),
        Ty::Map(value) => format!("map<{}>", shape_signature(value, defs, depth)?),
        other => format!("{other:?}"),
    };
    Ok(format!("{ty}{:?}", shape.constraints))
}

fn place_enums<'a>(sites: impl Iterator<Item = &'a EnumSite>) -> Result<Vec<EnumModel>, String> {
    let mut enums: Vec<EnumModel> = Vec::new();
    let mut types: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for site in sites {
        types
            .entry(site.name.clone())
            .or_default()
            .push(site.type_name.clone());
        let use_ = (site.type_name.clone(), site.path.clone());
        match enums.iter_mut().find(|e| e.name == site.name) {
            Some(e) if e.values != site.values => {
                return Err(format!(
                    "enum {} has values {:?} at {} {} but {:?} at {} {}: name one in overrides::ENUM_NAMES",
                    e.name,
                    e.values,
                    e.uses[0].0,
                    e.uses[0].1,
                    site.values,
                    site.type_name,
                    site.path
                ));
            }
            Some(e) => {
                e.uses.push(use_);
                e.sources
                    .extend(site.source.clone().filter(|s| !e.sources.contains(s)));
            }
            None => enums.push(EnumModel {
                name: site.name.clone(),
                module: module_of(&site.type_name),
                values: site.values.clone(),
                uses: vec![use_],
                sources: site.source.clone().into_iter().collect(),
            }),
        }
    }
    for e in &mut enums {
        let mut owners = types[&e.name].clone();
        owners.sort();
        owners.dedup();
        if owners.len() > 1 {
            e.module = SHARED.to_owned();
        }
    }
    Ok(enums)
}
