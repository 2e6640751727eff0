//! Stack outputs for people (`Key = value`) and for tools (JSON, the `--outputs-file` of
//! `deploy`): `{"<stack>": {"<OutputKey>": "<OutputValue>", …}, …}`, as `cdk deploy
//! --outputs-file` writes it.

use std::path::Path;

use serde_json::{Map, Value};

use crate::aws::DeployedStack;
use crate::exit::Problem;

/// The outputs of `stacks` as JSON, stacks and keys in order, with a final newline.
pub fn to_json(stacks: &[DeployedStack]) -> String {
    let mut all = Map::new();
    for stack in stacks {
        let outputs: Map<String, Value> = stack
            .outputs
            .iter()
            .map(|o| (o.key.clone(), Value::from(o.value.clone())))
            .collect();
        all.insert(stack.name.clone(), Value::Object(outputs));
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(all)).unwrap_or_default();
    text.push('\n');
    text
}

/// The outputs of one stack as lines: `  Key = value  (description)`.
pub fn to_text(stack: &DeployedStack) -> String {
    if stack.outputs.is_empty() {
        return "  (no outputs)\n".to_owned();
    }
    let width = stack.outputs.iter().map(|o| o.key.len()).max().unwrap_or(0);
    let mut text = String::new();
    for o in &stack.outputs {
        text.push_str(&format!("  {:width$} = {}", o.key, o.value));
        if let Some(export) = &o.export {
            text.push_str(&format!("  (export {export})"));
        }
        text.push('\n');
    }
    text
}

/// Writes the outputs of `stacks` to `path` atomically: a temporary file beside it,
/// renamed over it, so a reader never sees half a file and a failure leaves the old one.
pub fn write_file(path: &Path, stacks: &[DeployedStack]) -> Result<(), Problem> {
    let cannot = |why: String| {
        Problem::error(format!(
            "cannot write the outputs file {}: {why}",
            path.display()
        ))
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| cannot("it names no file".to_owned()))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut files = cfnkit::Artifacts::new(dir);
    files
        .add(name, to_json(stacks))
        .map_err(|e| cannot(e.to_string()))?;
    files.write().map_err(|e| cannot(e.to_string()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests fail loudly.

    use super::*;
    use crate::aws::StackOutput;

    fn stack() -> DeployedStack {
        DeployedStack {
            id: "arn:x".into(),
            name: "weather".into(),
            status: "CREATE_COMPLETE".into(),
            reason: None,
            outputs: vec![
                StackOutput {
                    key: "ApiUrl".into(),
                    value: "https://a/".into(),
                    description: None,
                    export: None,
                },
                StackOutput {
                    key: "UserPoolId".into(),
                    value: "us-east-1_x".into(),
                    description: Some("pool".into()),
                    export: Some("weather-pool".into()),
                },
            ],
            termination_protection: false,
            parameters: Vec::new(),
        }
    }

    #[test]
    fn json_by_stack_then_key() {
        let v: Value = serde_json::from_str(&to_json(&[stack()])).unwrap();
        assert_eq!(v["weather"]["ApiUrl"], "https://a/");
        assert_eq!(v["weather"]["UserPoolId"], "us-east-1_x");
        assert_eq!(
            to_text(&stack()),
            "  ApiUrl     = https://a/\n  UserPoolId = us-east-1_x  (export weather-pool)\n"
        );
    }

    #[test]
    fn a_file_that_cannot_be_written_is_an_error_and_leaves_nothing() {
        let dir = std::env::temp_dir().join(format!("cfnkit-outputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("outputs.json");
        write_file(&file, &[stack()]).unwrap();
        assert!(std::fs::read_to_string(&file).unwrap().contains("weather"));
        let e = write_file(&dir.join("missing/outputs.json"), &[stack()]).unwrap_err();
        assert!(e.message.contains("cannot write"), "{e}");
        // A directory in the way: refused before anything is written.
        assert!(write_file(&dir, &[stack()]).is_err());
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left behind");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
