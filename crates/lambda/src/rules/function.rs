//! The checks of one function against Lambda's limits.

use cfnkit_core::{Expr, ResourceChecks, Value};

use super::{
    DEPRECATED_RUNTIME, ENVIRONMENT_NAME, ENVIRONMENT_SIZE, HANDLER, INLINE_CODE, MEMORY,
    RESERVED_ENVIRONMENT, TIMEOUT,
};
use crate::Runtime;
use crate::l1::CfnFunction;

const MIN_MEMORY: i64 = 128;
const MAX_MEMORY: i64 = 10_240;
const MAX_TIMEOUT: i64 = 900;
const MAX_HANDLER: usize = 128;
const MAX_ENVIRONMENT_BYTES: usize = 4 * 1024;
const MAX_INLINE_BYTES: usize = 4 * 1024 * 1024;

/// Every check of one function.
pub(crate) fn check(function: &CfnFunction, checks: &mut ResourceChecks<'_>) {
    memory(function, checks);
    timeout(function, checks);
    handler(function, checks);
    environment(function, checks);
    inline_code(function, checks);
    runtime(function, checks);
}

fn memory(function: &CfnFunction, checks: &mut ResourceChecks<'_>) {
    if let Some(Value::Literal(mb)) = &function.memory_size
        && !(MIN_MEMORY..=MAX_MEMORY).contains(mb)
    {
        checks.error(
            MEMORY,
            "/MemorySize",
            format!(
                "function '{}' asks for {mb} MB of memory; Lambda gives {MIN_MEMORY} to \
                     {MAX_MEMORY} MB: choose a value in that range (memory_mb)",
                checks.logical_id()
            ),
        );
    }
}

fn timeout(function: &CfnFunction, checks: &mut ResourceChecks<'_>) {
    if let Some(Value::Literal(seconds)) = &function.timeout
        && !(1..=MAX_TIMEOUT).contains(seconds)
    {
        checks.error(
            TIMEOUT,
            "/Timeout",
            format!(
                "function '{}' has a timeout of {seconds} s; Lambda allows 1 to {MAX_TIMEOUT} \
                     s: choose a value in that range (timeout_secs)",
                checks.logical_id()
            ),
        );
    }
}

fn is_image(function: &CfnFunction) -> bool {
    function.code.image_uri.is_some()
        || matches!(
            function.package_type,
            Some(Value::Literal(crate::l1::PackageType::Image))
        )
}

fn handler(function: &CfnFunction, checks: &mut ResourceChecks<'_>) {
    let id = checks.logical_id().to_owned();
    let handler = match &function.handler {
        None if !is_image(function) => {
            checks.error(
                HANDLER,
                "/Handler",
                format!(
                    "function '{id}' has no handler: name the function Lambda calls, e.g. \
                     `index.handler` for inline code"
                ),
            );
            return;
        }
        Some(Value::Literal(handler)) => handler,
        _ => return,
    };
    if handler.trim().is_empty() {
        checks.error(
            HANDLER,
            "/Handler",
            format!(
                "function '{id}' has an empty handler: name the function Lambda calls, e.g. \
                 `index.handler` (file index, function handler)"
            ),
        );
    } else if handler.chars().any(char::is_whitespace) {
        checks.error(
            HANDLER,
            "/Handler",
            format!("the handler '{handler}' of function '{id}' holds whitespace: remove it"),
        );
    } else if handler.chars().count() > MAX_HANDLER {
        checks.error(
            HANDLER,
            "/Handler",
            format!(
                "the handler of function '{id}' is {} characters long, more than Lambda's \
                 {MAX_HANDLER}: shorten it",
                handler.chars().count()
            ),
        );
    } else if function.code.zip_file.is_some() && !handler.starts_with("index.") {
        checks.error(
            HANDLER,
            "/Handler",
            format!(
                "function '{id}' has inline code, which CloudFormation writes to a file named \
                 `index`, but its handler is '{handler}': use `index.<function>`, e.g. \
                 `index.handler`"
            ),
        );
    }
}

fn environment(function: &CfnFunction, checks: &mut ResourceChecks<'_>) {
    let Some(variables) = function
        .environment
        .as_ref()
        .and_then(|e| e.variables.as_ref())
    else {
        return;
    };
    let id = checks.logical_id().to_owned();
    let mut bytes = 0;
    for (name, value) in variables {
        let path = format!(
            "/Environment/Variables/{}",
            cfnkit_core::pointer::escape(name)
        );
        if RESERVED_ENVIRONMENT.contains(&name.as_str()) {
            checks.error(
                ENVIRONMENT_NAME,
                &path,
                format!(
                    "function '{id}' sets the environment variable {name}, which Lambda reserves \
                     and sets itself: rename it (e.g. APP_{name})"
                ),
            );
        } else if !valid_name(name) {
            checks.error(
                ENVIRONMENT_NAME,
                &path,
                format!(
                    "function '{id}' has the environment variable name '{name}': use a letter \
                     then at least one letter, digit or `_`"
                ),
            );
        }
        bytes += name.len();
        bytes += match value {
            Expr::String(text) => text.len(),
            Expr::Number(n) => n.to_string().len(),
            Expr::Bool(b) => b.to_string().len(),
            _ => 0,
        };
    }
    if bytes > MAX_ENVIRONMENT_BYTES {
        checks.error(
            ENVIRONMENT_SIZE,
            "/Environment/Variables",
            format!(
                "the environment variables of function '{id}' take {bytes} bytes, more than \
                 Lambda's {MAX_ENVIRONMENT_BYTES}: move large values to a parameter store or \
                 the code"
            ),
        );
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.len() >= 2
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn inline_code(function: &CfnFunction, checks: &mut ResourceChecks<'_>) {
    let Some(Value::Literal(source)) = &function.code.zip_file else {
        return;
    };
    let id = checks.logical_id().to_owned();
    if let Some(Value::Literal(runtime)) = &function.runtime {
        let name = serde_json::to_value(runtime)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        if !name.starts_with("python") && !name.starts_with("nodejs") {
            checks.error(
                INLINE_CODE,
                "/Code/ZipFile",
                format!(
                    "function '{id}' runs on {name}, which CloudFormation cannot take inline \
                     code for (Python and Node.js only): give the code as an asset \
                     (Code::from_dir or Code::from_zip)"
                ),
            );
        }
    }
    if source.trim().is_empty() {
        checks.error(
            INLINE_CODE,
            "/Code/ZipFile",
            format!("function '{id}' has empty inline code: give its source"),
        );
    } else if source.len() > MAX_INLINE_BYTES {
        checks.error(
            INLINE_CODE,
            "/Code/ZipFile",
            format!(
                "the inline code of function '{id}' is {} bytes, more than CloudFormation's \
                 {MAX_INLINE_BYTES}: give it as an asset (Code::from_dir)",
                source.len()
            ),
        );
    }
}

fn runtime(function: &CfnFunction, checks: &mut ResourceChecks<'_>) {
    let Some(Value::Literal(runtime)) = &function.runtime else {
        return;
    };
    if Runtime::from_l1(*runtime).is_none() {
        let name = serde_json::to_value(runtime)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        checks.warning(
            DEPRECATED_RUNTIME,
            "/Runtime",
            format!(
                "function '{}' runs on {name}, which Lambda has deprecated or never offered for \
                 new functions: choose a current runtime (cfnkit_lambda::Runtime)",
                checks.logical_id()
            ),
        );
    }
}
