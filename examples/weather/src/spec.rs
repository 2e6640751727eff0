//! The weather API as a project that already has an OpenAPI file keeps it
//! (`openapi.spec.yml`): read as it is, its operations' security bound to the stack's typed
//! scopes by operationId. The hard-coded pool ARN of the file's `CognitoAuthorizer` scheme
//! gives way to the authorizer's (the pool's `Fn::GetAtt`), and scope strings the file
//! still holds are checked at synth against the stack's resource servers.

use std::fmt;

use cfnkit_apigateway::{CognitoAuthorizer, OperationExt};
use cfnkit_cognito::OAuthScope;
use cfnkit_openapi::{Document, ReadError, UnknownOperation};

/// The weather API's OpenAPI file.
pub const SPEC_YML: &str = include_str!("../openapi.spec.yml");

/// Why the file cannot be the weather API's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecError {
    /// The file is not an OpenAPI 3.0 document.
    Read(ReadError),
    /// An operation to bind is not in it.
    Operation(UnknownOperation),
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecError::Read(e) => write!(f, "openapi.spec.yml: {e}"),
            SpecError::Operation(e) => write!(f, "openapi.spec.yml: {e}"),
        }
    }
}

impl std::error::Error for SpecError {}

impl From<ReadError> for SpecError {
    fn from(e: ReadError) -> Self {
        SpecError::Read(e)
    }
}

impl From<UnknownOperation> for SpecError {
    fn from(e: UnknownOperation) -> Self {
        SpecError::Operation(e)
    }
}

/// The document of [`SPEC_YML`], `list_weather` requiring `get` and `add_weather`
/// requiring `post` through `authorizer`, which the REST API built from it then attaches.
///
/// ```
/// use cfnkit_apigateway::CognitoAuthorizer;
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("weather");
/// let pool = UserPool::builder("CognitoUserPool").add_to(&mut stack);
/// let mut server = pool.resource_server("Server", "weather-api", "Weather API");
/// let (get, post) = (server.scope("get", "Retrieve"), server.scope("post", "Create"));
/// let authorizer = CognitoAuthorizer::new("CognitoAuthorizer", [&pool]);
/// let document = weather::spec::document(&authorizer, &get, &post).unwrap();
/// assert_eq!(document.operation_by_id("list_weather").unwrap().operation_id.as_deref(), Some("list_weather"));
/// ```
pub fn document(
    authorizer: &CognitoAuthorizer,
    get: &OAuthScope,
    post: &OAuthScope,
) -> Result<Document, SpecError> {
    let mut document = Document::from_yaml(SPEC_YML)?;
    let reason = crate::hardening::reasons::MOCK_VALIDATION;
    document
        .operation_mut("list_weather")?
        .authorize(authorizer, [get])
        .suppress(cfnkit_apigateway::rules::REQUEST_VALIDATION, reason);
    document
        .operation_mut("add_weather")?
        .authorize(authorizer, [post])
        .suppress(cfnkit_apigateway::rules::REQUEST_VALIDATION, reason);
    Ok(document)
}
