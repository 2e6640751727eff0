//! Rules: CloudFormation's per-template quotas.

use crate::diagnostic::Collector;
use crate::stack::Stack;
use crate::synth::StackModel;
use crate::synth::TemplateFormat;
use crate::synth::template::Template;

/// Characters of a stack name.
pub const MAX_STACK_NAME: usize = 128;
/// Characters of an output's `Description`.
pub const MAX_OUTPUT_DESCRIPTION: usize = 1024;
/// How deep a template value may nest (lists, maps and intrinsics each add a level). Real
/// templates stay far below (an OpenAPI `Body` rarely passes 20); JSON readers refuse much
/// deeper input (serde_json's parser stops at 128), and cfnkit's writers recurse.
pub const MAX_DEPTH: usize = 100;
/// Resources per template.
pub const MAX_RESOURCES: usize = 500;
/// Outputs per template.
pub const MAX_OUTPUTS: usize = 200;
/// Parameters per template.
pub const MAX_PARAMETERS: usize = 200;
/// Mappings per template.
pub const MAX_MAPPINGS: usize = 200;
/// Bytes of the template's `Description`.
pub const MAX_DESCRIPTION_BYTES: usize = 1024;
/// Bytes of a template body sent in the request (`--template-body`).
pub const MAX_INLINE_TEMPLATE_BYTES: usize = 51_200;
/// Bytes of a template body read from S3.
pub const MAX_S3_TEMPLATE_BYTES: usize = 1_000_000;

/// How many outputs the template will have (a duplicated name is written once).
pub(crate) fn distinct_outputs(model: &StackModel<'_>) -> usize {
    let names: std::collections::HashSet<&str> =
        model.outputs().iter().map(|(n, _)| n.as_str()).collect();
    names.len()
}

/// The quotas of the template of `stack`, with `outputs` outputs, written as `written`
/// (its format and bytes).
pub(crate) fn check(
    stack: &Stack,
    outputs: usize,
    template: &Template,
    written: (TemplateFormat, &str),
    found: &mut Collector,
) {
    count(
        found,
        "Resources",
        stack.resources.len(),
        MAX_RESOURCES,
        "split the stack into several stacks",
    );
    count(
        found,
        "Outputs",
        outputs,
        MAX_OUTPUTS,
        "remove outputs or move some to another stack",
    );
    count(
        found,
        "Parameters",
        stack.parameters.len(),
        MAX_PARAMETERS,
        "use mappings or fewer parameters",
    );
    count(
        found,
        "Mappings",
        stack.mappings.len(),
        MAX_MAPPINGS,
        "merge mappings",
    );
    if let Some(description) = &stack.description
        && description.len() > MAX_DESCRIPTION_BYTES
    {
        found.error(
                "core/quota",
                None,
                "/Description",
                format!(
                    "the description is {} bytes; CloudFormation allows at most {MAX_DESCRIPTION_BYTES}. Shorten it.",
                    description.len()
                ),
            );
    }
    size(template, written, found);
}

/// The template's size, on the bytes that will be written.
fn size(template: &Template, (format, text): (TemplateFormat, &str), found: &mut Collector) {
    let size = text.len();
    let what = match format {
        TemplateFormat::Json => "",
        TemplateFormat::MinifiedJson => " as minified JSON",
        TemplateFormat::Yaml => " as YAML",
    };
    if size > MAX_S3_TEMPLATE_BYTES {
        // Pretty JSON is the default: say when its compact form would fit.
        let minified = (format != TemplateFormat::MinifiedJson)
            .then(|| template.minified_len())
            .filter(|&n| n <= MAX_S3_TEMPLATE_BYTES);
        let fix = match minified {
            Some(n) => format!(
                "Minified, it is {n} bytes and fits: write it with `synth --minify` (TemplateFormat::MinifiedJson), or split the stack."
            ),
            None => "Split the stack, or move large inline documents (e.g. an OpenAPI Body) to S3."
                .to_owned(),
        };
        found.error(
            "core/template-size",
            None,
            "",
            format!("the template is {size} bytes{what}; CloudFormation accepts at most {MAX_S3_TEMPLATE_BYTES} even from S3. {fix}"),
        );
    } else if size > MAX_INLINE_TEMPLATE_BYTES {
        found.warning(
            "core/template-size",
            None,
            "",
            format!("the template is {size} bytes{what}, over the {MAX_INLINE_TEMPLATE_BYTES} bytes CloudFormation accepts inline; deploy it from S3 (aws cloudformation deploy --s3-bucket …)."),
        );
    }
}

fn count(found: &mut Collector, section: &str, n: usize, max: usize, fix: &str) {
    if n > max {
        found.error(
            "core/quota",
            None,
            format!("/{section}"),
            format!(
                "the template has {n} {}; CloudFormation allows at most {max}. {fix}.",
                section.to_lowercase()
            ),
        );
    }
}
