//! Logical ids: the names of resources, parameters, outputs, conditions and mappings.

use std::fmt;

/// The longest name CloudFormation accepts for a resource, output, parameter or mapping.
pub const MAX_NAME_LENGTH: usize = 255;

/// A validated logical id: 1 to 255 ASCII letters and digits.
///
/// ```
/// use cfnkit_core::LogicalId;
/// assert!(LogicalId::new("CognitoUserPool").is_ok());
/// let err = LogicalId::new("cognito-pool").unwrap_err();
/// assert!(err.to_string().contains("'-'"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LogicalId(String);

impl LogicalId {
    /// Validates `id`.
    pub fn new(id: impl Into<String>) -> Result<LogicalId, InvalidLogicalId> {
        let id = id.into();
        match problem(&id) {
            Some(reason) => Err(InvalidLogicalId { id, reason }),
            None => Ok(LogicalId(id)),
        }
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LogicalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for LogicalId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Why a string is not a logical id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidLogicalId {
    /// The rejected id.
    pub id: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for InvalidLogicalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a valid logical id: {}",
            self.id, self.reason
        )
    }
}

impl std::error::Error for InvalidLogicalId {}

/// What is wrong with `id` as a logical id, if anything.
pub(crate) fn problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty; use 1 to 255 ASCII letters and digits".to_owned());
    }
    if let Some(c) = id.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Some(format!(
            "it contains {c:?}; use ASCII letters and digits only (e.g. '{}')",
            suggest(id)
        ));
    }
    if id.len() > MAX_NAME_LENGTH {
        return Some(format!(
            "it is {} characters long; CloudFormation allows at most {MAX_NAME_LENGTH}",
            id.len()
        ));
    }
    None
}

/// `my-user_pool` -> `MyUserPool`: a valid id close to an invalid one.
fn suggest(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}
