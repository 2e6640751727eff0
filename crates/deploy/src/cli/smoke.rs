//! `cfnkit smoke DIR`: the walkthrough of the assembly's access matrix against what is
//! deployed. The inputs come from the deployed stacks' outputs and the client secret from
//! Cognito (`DescribeUserPoolClient`): never a flag, never printed.

use std::time::Duration;

use cfnkit::apigateway::AccessMatrix;

use super::args::SmokeArgs;
use crate::assembly::Assembly;
use crate::aws::{Aws, DeployedStack, Settings, describe_error};
use crate::exit::{Problem, ToolExit};
use crate::smoke::{OutputKeys, Plan, Target};
use crate::term::Console;

pub(crate) async fn run(
    console: &mut Console<'_>,
    settings: &Settings,
    args: &SmokeArgs,
) -> Result<ToolExit, Problem> {
    let assembly = Assembly::read(&args.dir)?;
    let mut matrix = assembly.access()?;
    if let Some(stack) = &args.stack {
        assembly.select(std::slice::from_ref(stack))?;
        matrix.operations.retain(|o| o.stack.name() == stack);
        if matrix.operations.is_empty() {
            return Err(Problem::error(format!(
                "stack {stack} has no REST API operation to walk through"
            )));
        }
    }
    let plan = Plan::new(&matrix, args.client.as_deref(), args.api.as_deref())
        .map_err(|e| Problem::error(format!("cannot derive the walkthrough: {e}")))?;
    let client_stack = plan.client.stack.name().to_owned();
    let api_stack = api_stack(&matrix, &plan.api)?;

    let aws = Aws::connect(settings).await?;
    let deployed_client = deployed(&aws, &assembly, &client_stack).await?;
    let deployed_api = if api_stack == client_stack {
        deployed_client.clone()
    } else {
        deployed(&aws, &assembly, &api_stack).await?
    };
    let keys_in = |stack: &str| {
        assembly
            .stack(stack)
            .map(|s| OutputKeys::of(&s.template, stack, &plan.client, &plan.api))
            .unwrap_or_default()
    };
    let client_keys = keys_in(&client_stack);
    let api_keys = keys_in(&api_stack);
    let output = |d: &DeployedStack, key: &Option<String>| -> Option<String> {
        key.as_deref().and_then(|k| d.output(k)).map(str::to_owned)
    };
    let missing = |what: &str, stack: &str, shape: &str, flag: Option<&str>| {
        Problem::error(format!(
            "no output of stack {stack} holds the {what} ({shape}): add one to the stack{}",
            flag.map(|f| format!(", or give {f}")).unwrap_or_default()
        ))
    };
    let client_id = output(&deployed_client, &client_keys.client_id).ok_or_else(|| {
        missing(
            "app client id",
            &client_stack,
            &format!("{{\"Ref\": \"{}\"}}", plan.client.logical_id),
            None,
        )
    })?;
    let pool_id = output(&deployed_client, &client_keys.user_pool_id).ok_or_else(|| {
        missing(
            "user pool id",
            &client_stack,
            "{\"Ref\": <the client's pool>}",
            None,
        )
    })?;
    let token_output = output(&deployed_client, &client_keys.token_url);
    let api_output = output(&deployed_api, &api_keys.api_url);
    let (api_id, stage) = api_output.as_deref().map(api_parts).unwrap_or_default();
    let fill = |text: &str| {
        text.replace("{api_id}", &api_id)
            .replace("{stage}", &stage)
            .replace("{pool_id}", &pool_id)
            .replace("{region}", &aws.region)
    };
    let token_url = args
        .token_url
        .as_deref()
        .map(fill)
        .or(token_output)
        .ok_or_else(|| {
            missing(
                "token URL",
                &client_stack,
                "an Fn::Sub of https://${Domain}.auth…/oauth2/token",
                Some("--token-url"),
            )
        })?;
    let api_url = args
        .api_url
        .as_deref()
        .map(fill)
        .or(api_output)
        .ok_or_else(|| {
            missing(
                "invoke URL",
                &api_stack,
                "an Fn::Sub of https://${Api}.execute-api…/<stage>/",
                Some("--api-url"),
            )
        })?;

    let described = aws
        .cognito
        .describe_user_pool_client()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .send()
        .await
        .map_err(|e| describe_error(&aws, "DescribeUserPoolClient", &e))?;
    let client_secret = described
        .user_pool_client()
        .and_then(|c| c.client_secret())
        .map(str::to_owned)
        .ok_or_else(|| {
            Problem::error(format!(
                "app client {} ({client_id}) has no secret: it cannot use the client-credentials flow",
                plan.client.logical_id
            ))
        })?;
    let target = Target {
        token_url,
        client_id,
        client_secret,
        api_url,
        user_pool_id: Some(pool_id.clone()),
        jwks_url: args.jwks_url.as_deref().map(fill),
        timeout: Duration::from_secs(args.timeout.max(1)),
    };

    console.line(&format!(
        "smoke: stack {api_stack}, client {}, API {}: {} steps",
        plan.client.logical_id,
        plan.api,
        plan.steps.len()
    ));
    for note in &plan.not_checked {
        console.line(&format!("note: not checked: {note}"));
    }
    let mut lines = Vec::new();
    // The walkthrough blocks (a client's plain HTTPS calls); nothing else runs meanwhile.
    let report = crate::smoke::run(&plan, &target, &mut |step| {
        lines.push((step.passed(), step.to_string()));
    });
    for (passed, line) in lines {
        let (label, rest) = line.split_at(4.min(line.len()));
        let code = if passed { "1;32" } else { "1;31" };
        console.line(&format!("{}{rest}", console.paint(code, label)));
    }
    console.line(&format!("smoke: {}", report.summary()));
    Ok(if report.success() {
        ToolExit::Success
    } else {
        ToolExit::Failed
    })
}

/// The stack of the REST API `api`.
fn api_stack(matrix: &AccessMatrix, api: &str) -> Result<String, Problem> {
    matrix
        .operations
        .iter()
        .find(|o| o.api == api)
        .map(|o| o.stack.name().to_owned())
        .ok_or_else(|| Problem::error(format!("the access matrix has no REST API {api}")))
}

/// The deployed stack `name`, or what to do when it is not.
async fn deployed(aws: &Aws, assembly: &Assembly, name: &str) -> Result<DeployedStack, Problem> {
    match aws.describe_stack(name).await? {
        Some(d) if d.state() == crate::aws::StackState::Stable => Ok(d),
        Some(d) => Err(Problem::error(format!(
            "stack {name} is {}: the walkthrough needs it deployed (cfnkit deploy {})",
            d.status,
            assembly.dir.display()
        ))),
        None => Err(Problem::error(format!(
            "stack {name} is not deployed in {}: deploy it first (cfnkit deploy {})",
            aws.target(),
            assembly.dir.display()
        ))),
    }
}

/// `(api id, stage)` of `https://<api-id>.execute-api.<region>.<suffix>/<stage>/`.
fn api_parts(url: &str) -> (String, String) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let id = host.split('.').next().unwrap_or_default();
    (id.to_owned(), path.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_id_and_stage_of_an_invoke_url() {
        assert_eq!(
            api_parts("https://abc123.execute-api.eu-west-1.amazonaws.com/weather/"),
            ("abc123".to_owned(), "weather".to_owned())
        );
        assert_eq!(
            api_parts("nonsense"),
            ("nonsense".to_owned(), String::new())
        );
    }
}
