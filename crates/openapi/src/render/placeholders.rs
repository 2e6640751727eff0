//! Readable placeholders for intrinsics: `${CognitoUserPool.Arn}`, `${AWS::Region}`.

use cfnkit_core::{Expr, Intrinsic, RefTarget, sub_placeholders};
use serde_json::Value;

use super::Resolver;

/// Renders every intrinsic as a readable string in CloudFormation's `Fn::Sub` syntax:
/// `Ref` as `${Name}`, `Fn::GetAtt` as `${Resource.Attribute}`, `Fn::Sub` and
/// `Fn::Join` as the text they build with placeholders in it, and the other functions as
/// `${Fn::Name(arguments)}`. For review: the result is valid JSON, but not the deployed
/// values.
///
/// ```
/// use cfnkit_core::{Expr, Pseudo};
/// use cfnkit_openapi::placeholder;
///
/// let token_url = Expr::sub("https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token");
/// let Expr::Fn(sub) = &token_url else { unreachable!() };
/// assert_eq!(placeholder(sub), "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token");
/// let prefix = Expr::join("-", [Expr::pseudo(Pseudo::StackName), Expr::get_att("Pool", "ProviderName")]);
/// let Expr::Fn(join) = &prefix else { unreachable!() };
/// assert_eq!(placeholder(join), "${AWS::StackName}-${Pool.ProviderName}");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Placeholders;

impl Resolver for Placeholders {
    fn resolve(&self, intrinsic: &Intrinsic) -> Result<Value, String> {
        Ok(Value::String(placeholder(intrinsic)))
    }
}

/// The readable placeholder text of an intrinsic (see [`Placeholders`]).
pub fn placeholder(intrinsic: &Intrinsic) -> String {
    match intrinsic {
        Intrinsic::Sub {
            template,
            variables,
            ..
        } => {
            let mut text = template.clone();
            for name in sub_placeholders(template) {
                if let Some(value) = variables.get(name) {
                    text = text.replace(&format!("${{{name}}}"), &text_of(value));
                }
            }
            text.replace("${!", "${")
        }
        Intrinsic::Join { delimiter, values } => match values {
            Expr::List(items) => items
                .iter()
                .map(text_of)
                .collect::<Vec<_>>()
                .join(delimiter),
            other => format!(
                "${{{}}}",
                call("Fn::Join", &[quoted(delimiter), inner(other)])
            ),
        },
        Intrinsic::Select { index, list } => match (index.as_u64(), list) {
            (Some(i), Expr::List(items)) if (i as usize) < items.len() => {
                text_of(&items[i as usize])
            }
            _ => format!("${{{}}}", inner_intrinsic(intrinsic)),
        },
        _ => format!("${{{}}}", inner_intrinsic(intrinsic)),
    }
}

/// The text a value contributes to a string: a literal as is, an intrinsic as its placeholder.
fn text_of(expr: &Expr) -> String {
    match expr {
        Expr::String(s) => s.clone(),
        Expr::Fn(f) => placeholder(f),
        other => other.to_json().to_string(),
    }
}

/// An argument inside `${…}`: strings quoted, references bare, functions as calls.
fn inner(expr: &Expr) -> String {
    match expr {
        Expr::String(s) => quoted(s),
        Expr::Fn(f) => inner_intrinsic(f),
        Expr::List(items) => format!(
            "[{}]",
            items.iter().map(inner).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_json().to_string(),
    }
}

fn quoted(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

fn call(name: &str, args: &[String]) -> String {
    format!("{name}({})", args.join(", "))
}

fn inner_intrinsic(f: &Intrinsic) -> String {
    match f {
        Intrinsic::Ref(RefTarget::Logical(id, _)) => id.clone(),
        Intrinsic::Ref(RefTarget::Pseudo(p)) => p.name().to_owned(),
        Intrinsic::GetAtt {
            logical_id,
            attribute,
            ..
        } => format!("{logical_id}.{attribute}"),
        Intrinsic::Sub { .. } => quoted(&placeholder(f)),
        Intrinsic::Join { delimiter, values } => {
            call(f.name(), &[quoted(delimiter), inner(values)])
        }
        Intrinsic::Select { index, list } => call(f.name(), &[inner(index), inner(list)]),
        Intrinsic::Split { delimiter, source } => {
            call(f.name(), &[quoted(delimiter), inner(source)])
        }
        Intrinsic::ImportValue(name) => call(f.name(), &[inner(name)]),
        Intrinsic::FindInMap {
            map,
            top_key,
            second_key,
        } => call(f.name(), &[quoted(map), inner(top_key), inner(second_key)]),
        Intrinsic::If {
            condition,
            then,
            otherwise,
        } => call(
            f.name(),
            &[quoted(condition), inner(then), inner(otherwise)],
        ),
        Intrinsic::Equals(a, b) => call(f.name(), &[inner(a), inner(b)]),
        Intrinsic::And(items) | Intrinsic::Or(items) => {
            call(f.name(), &items.iter().map(inner).collect::<Vec<_>>())
        }
        Intrinsic::Not(c) | Intrinsic::Base64(c) | Intrinsic::GetAzs(c) => {
            call(f.name(), &[inner(c)])
        }
        Intrinsic::Condition(name) => call(f.name(), &[quoted(name)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cfnkit_core::Pseudo;

    fn text(e: &Expr) -> String {
        match e {
            Expr::Fn(f) => placeholder(f),
            other => panic!("not an intrinsic: {other:?}"),
        }
    }

    #[test]
    fn nested_functions_read_as_calls() {
        let uuid = Expr::select(2, Expr::split("/", Expr::pseudo(Pseudo::StackId)));
        let prefix = Expr::join(
            "-",
            [
                Expr::pseudo(Pseudo::StackName),
                Expr::select(4, Expr::split("-", uuid)),
            ],
        );
        assert_eq!(
            text(&prefix),
            r#"${AWS::StackName}-${Fn::Select(4, Fn::Split("-", Fn::Select(2, Fn::Split("/", AWS::StackId))))}"#
        );
    }

    #[test]
    fn sub_variables_are_inlined_and_escapes_unescaped() {
        let vars = [("Name".to_owned(), Expr::reference("Pool"))]
            .into_iter()
            .collect();
        assert_eq!(
            text(&Expr::sub_with("${Name}/${!Literal}", vars)),
            "${Pool}/${Literal}"
        );
        assert_eq!(
            text(&Expr::import_value("shared-arn")),
            r#"${Fn::ImportValue("shared-arn")}"#
        );
    }
}
