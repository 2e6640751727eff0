//! The cloud assembly `synth --out DIR` writes, read back: `manifest.json` (the app, its
//! stacks in deploy order with their dependencies, the access matrix's file) and the
//! files it names, which must be plain file names inside DIR.

use std::path::{Path, PathBuf};

use cfnkit::apigateway::AccessMatrix;
use serde::Deserialize;
use serde_json::Value;

use crate::exit::Problem;

/// A stack of the assembly.
#[derive(Debug, Clone, PartialEq)]
pub struct AssemblyStack {
    /// Its name, which is also the CloudFormation stack name.
    pub name: String,
    /// The template file.
    pub template_path: PathBuf,
    /// The template as written (JSON or YAML), sent as `TemplateBody`.
    pub template_text: String,
    /// The template, parsed.
    pub template: Value,
    /// The stacks it imports from (deployed before it).
    pub depends_on: Vec<String>,
    /// Its code assets, uploaded to S3 before its change set.
    pub assets: Vec<AssemblyAsset>,
    /// The template parameter naming the assets' bucket, when it has assets.
    pub asset_bucket_parameter: Option<String>,
}

/// A code asset of a stack: a zip file of the assembly and the S3 key its template names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AssemblyAsset {
    /// The logical id of the function whose code it is.
    pub function: String,
    /// The file in the assembly.
    pub file: String,
    /// The S3 key (`<stack>/<sha256>.zip`).
    pub key: String,
    /// The archive's SHA-256.
    pub sha256: String,
}

impl AssemblyStack {
    /// The capabilities CloudFormation wants for the template: `CAPABILITY_IAM` when it
    /// holds IAM resources, `CAPABILITY_NAMED_IAM` when one of them has a custom name; with
    /// the resources that need them.
    pub fn capabilities(&self) -> (Vec<&'static str>, Vec<&str>) {
        const IAM: &[(&str, &str)] = &[
            ("AWS::IAM::Role", "RoleName"),
            ("AWS::IAM::User", "UserName"),
            ("AWS::IAM::Group", "GroupName"),
            ("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            ("AWS::IAM::InstanceProfile", "InstanceProfileName"),
            ("AWS::IAM::Policy", ""),
            ("AWS::IAM::AccessKey", ""),
            ("AWS::IAM::UserToGroupAddition", ""),
        ];
        let resources = self.template.get("Resources").and_then(Value::as_object);
        let mut ids = Vec::new();
        let mut named = false;
        for (id, resource) in resources.into_iter().flatten() {
            let kind = resource
                .get("Type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if let Some((_, name)) = IAM.iter().find(|(t, _)| *t == kind) {
                ids.push(id.as_str());
                named |= !name.is_empty()
                    && resource
                        .get("Properties")
                        .and_then(|p| p.get(*name))
                        .is_some();
            }
        }
        let capabilities = match (ids.is_empty(), named) {
            (true, _) => Vec::new(),
            (false, false) => vec!["CAPABILITY_IAM"],
            (false, true) => vec!["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
        };
        (capabilities, ids)
    }

    /// The logical ids and types of its resources, in template order.
    pub fn resources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.template
            .get("Resources")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(id, r)| {
                (
                    id.as_str(),
                    r.get("Type").and_then(Value::as_str).unwrap_or_default(),
                )
            })
    }
}

/// An assembly directory, read.
#[derive(Debug, Clone)]
pub struct Assembly {
    /// The directory.
    pub dir: PathBuf,
    /// The app's name.
    pub app: String,
    /// The stacks, in deploy order.
    pub stacks: Vec<AssemblyStack>,
    /// The access matrix's file, when the manifest names one.
    access_file: Option<PathBuf>,
}

#[derive(Deserialize)]
struct Manifest {
    app: String,
    stacks: Vec<ManifestStack>,
    access: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ManifestStack {
    name: String,
    template: String,
    #[serde(default)]
    depends_on: Vec<String>,
    #[serde(default)]
    assets: Vec<AssemblyAsset>,
    #[serde(default)]
    asset_bucket_parameter: Option<String>,
}

impl Assembly {
    /// Reads `dir/manifest.json` and every template it names.
    pub fn read(dir: &Path) -> Result<Assembly, Problem> {
        let manifest_path = dir.join("manifest.json");
        let text = std::fs::read_to_string(&manifest_path).map_err(|e| {
            Problem::error(format!(
                "cannot read {}: {e}; give the directory a cfnkit program's `synth --out DIR` wrote",
                manifest_path.display()
            ))
        })?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
            Problem::error(format!(
                "{} is not a cfnkit manifest ({e}); run `synth --out` again",
                manifest_path.display()
            ))
        })?;
        let mut stacks = Vec::with_capacity(manifest.stacks.len());
        for s in manifest.stacks {
            let template_path = inside(dir, &s.template)?;
            let template_text = std::fs::read_to_string(&template_path).map_err(|e| {
                Problem::error(format!("cannot read {}: {e}", template_path.display()))
            })?;
            let template = parse_template(&template_text)
                .map_err(|e| Problem::error(format!("{}: {e}", template_path.display())))?;
            for asset in &s.assets {
                let path = inside(dir, &asset.file)?;
                if !path.is_file() {
                    return Err(Problem::error(format!(
                        "stack {}: the code asset {} of function {} is missing; run `synth --out` \
                         again",
                        s.name,
                        path.display(),
                        asset.function
                    )));
                }
            }
            stacks.push(AssemblyStack {
                name: s.name,
                template_path,
                template_text,
                template,
                depends_on: s.depends_on,
                assets: s.assets,
                asset_bucket_parameter: s.asset_bucket_parameter,
            });
        }
        let access_file = manifest
            .access
            .as_deref()
            .map(|f| inside(dir, f))
            .transpose()?;
        Ok(Assembly {
            dir: dir.to_owned(),
            app: manifest.app,
            stacks,
            access_file,
        })
    }

    /// The stacks named (all when `names` is empty), in deploy order. Every unknown name
    /// is an error that lists the stacks.
    pub fn select(&self, names: &[String]) -> Result<Vec<&AssemblyStack>, Problem> {
        let unknown: Vec<&str> = names
            .iter()
            .filter(|n| !self.stacks.iter().any(|s| &s.name == *n))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(Problem::error(format!(
                "no stack named {} in {}; its stacks are: {}",
                unknown.join(", "),
                self.dir.display(),
                self.names()
            )));
        }
        Ok(self
            .stacks
            .iter()
            .filter(|s| names.is_empty() || names.contains(&s.name))
            .collect())
    }

    /// The stack names, for messages.
    pub fn names(&self) -> String {
        let names: Vec<&str> = self.stacks.iter().map(|s| s.name.as_str()).collect();
        if names.is_empty() {
            "(none)".to_owned()
        } else {
            names.join(", ")
        }
    }

    /// The stack of this name.
    pub fn stack(&self, name: &str) -> Option<&AssemblyStack> {
        self.stacks.iter().find(|s| s.name == name)
    }

    /// The app's access matrix (`access.json`).
    pub fn access(&self) -> Result<AccessMatrix, Problem> {
        let path = self.access_file.as_ref().ok_or_else(|| {
            Problem::error(format!(
                "{}/manifest.json names no access matrix: run `synth --out` with a newer cfnkit",
                self.dir.display()
            ))
        })?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| Problem::error(format!("cannot read {}: {e}", path.display())))?;
        AccessMatrix::from_json(&text)
            .map_err(|e| Problem::error(format!("{}: {e}", path.display())))
    }
}

/// `dir/name`, refusing names that would leave the directory.
fn inside(dir: &Path, name: &str) -> Result<PathBuf, Problem> {
    let plain = Path::new(name);
    let one_part = plain.components().count() == 1
        && matches!(
            plain.components().next(),
            Some(std::path::Component::Normal(_))
        );
    if one_part {
        Ok(dir.join(plain))
    } else {
        Err(Problem::error(format!(
            "manifest.json names '{name}', which is not a file of the assembly directory"
        )))
    }
}

/// A template in JSON or YAML (long-form intrinsics, as cfnkit writes it), with a
/// `Resources` map.
pub fn parse_template(text: &str) -> Result<Value, String> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(json_err) => serde_yaml::from_str(text)
            .map_err(|_| format!("neither JSON nor YAML cfnkit can read ({json_err})"))?,
    };
    if value.get("Resources").is_some_and(Value::is_object) {
        Ok(value)
    } else {
        Err("not a CloudFormation template: it has no Resources section".to_owned())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use super::*;

    #[test]
    fn names_outside_the_directory_are_refused() {
        let dir = Path::new("/tmp/a");
        assert!(inside(dir, "weather.template.json").is_ok());
        for bad in ["../x.json", "/etc/passwd", "a/b.json", "", "."] {
            assert!(inside(dir, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn templates_in_json_and_yaml() {
        assert!(parse_template(r#"{"Resources": {}}"#).is_ok());
        assert!(parse_template("Resources:\n  A:\n    Type: X\n").is_ok());
        assert!(parse_template("[]").unwrap_err().contains("no Resources"));
        assert!(parse_template("{").is_err());
    }

    #[test]
    fn a_directory_without_a_manifest_says_what_to_give() {
        let e = Assembly::read(Path::new("/nonexistent-cfnkit-dir")).unwrap_err();
        assert_eq!(e.exit, crate::ToolExit::Error);
        assert!(e.message.contains("synth --out"), "{e}");
    }
}
