//! `apigateway/duplicate-stage`: the stage names of one REST API, across its stages and the
//! stages its deployments create, are unique.

use cfnkit_core::{Collector, StackModel, StackRule, Value, canonical_json};

use crate::l1::{CfnDeployment, CfnStage};

/// The stack-wide stage rule.
pub(crate) struct UniqueStages;

/// A stage a template creates: whose, named what, by which resource.
struct NamedStage {
    api: String,
    name: String,
    logical_id: String,
    deployment: bool,
}

impl StackRule for UniqueStages {
    fn id(&self) -> &'static str {
        "apigateway/stages"
    }

    fn check(&self, stack: &StackModel<'_>, found: &mut Collector) {
        let mut seen: Vec<NamedStage> = Vec::new();
        let stages = stack
            .resources_of::<CfnStage>()
            .map(|(id, s)| (id, s.rest_api_id.clone(), s.stage_name.clone(), false));
        let deployments = stack
            .resources_of::<CfnDeployment>()
            .map(|(id, d)| (id, d.rest_api_id.clone(), d.stage_name.clone(), true));
        let mut all: Vec<_> = stages.chain(deployments).collect();
        // In template order, so that the later of two resources is the one reported.
        let order = |id: &str| stack.resources().position(|r| r.logical_id() == id);
        all.sort_by_key(|(id, ..)| order(id));
        for (logical_id, api, name, deployment) in all {
            let Some(name) = name.as_ref().and_then(Value::literal) else {
                continue;
            };
            let api = api_key(&api);
            if let Some(first) = seen.iter().find(|s| s.api == api && s.name == *name) {
                let or = if deployment || first.deployment {
                    ", or leave out the deployment's StageName (the Stage resource makes the stage)"
                } else {
                    ""
                };
                found.error(
                    super::DUPLICATE_STAGE,
                    Some(logical_id),
                    format!("/Resources/{logical_id}/Properties/StageName"),
                    format!(
                        "'{logical_id}' creates stage '{name}', which '{}' already creates for the same REST API; CloudFormation fails creating the second. Give each stage its own name{or}.",
                        first.logical_id
                    ),
                );
            } else {
                seen.push(NamedStage {
                    api,
                    name: name.clone(),
                    logical_id: logical_id.to_owned(),
                    deployment,
                });
            }
        }
    }
}

/// The REST API a `RestApiId` names, comparable across resources.
fn api_key(id: &Value<String>) -> String {
    match id {
        Value::Literal(id) => id.clone(),
        Value::Expr(expr) => canonical_json(&expr.to_json()),
    }
}
