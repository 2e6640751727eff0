//! The `Fn::Sub` template syntax: `${Name}`, `${Resource.Attribute}` and `${!Literal}`.

/// The names a `Fn::Sub` template refers to, in order (`${!…}` escapes excluded).
///
/// ```
/// use cfnkit_core::sub_placeholders;
/// assert_eq!(sub_placeholders("${AWS::StackName}-${Pool.Arn}-${!Kept}"), ["AWS::StackName", "Pool.Arn"]);
/// ```
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.starts_with('!') {
            names.push(name.trim());
        }
        rest = &after[end + 1..];
    }
    names
}

/// The literal text of a template without placeholders: `${!X}` becomes `${X}`.
pub(crate) fn unescape(template: &str) -> String {
    template.replace("${!", "${")
}
