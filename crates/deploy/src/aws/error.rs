//! One line for every way an AWS call fails, naming what to do.

use aws_sdk_cloudformation::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_types::error::display::DisplayErrorContext;

use super::Aws;
use crate::exit::Problem;

/// The problem an SDK error stands for. `what` names the call, e.g.
/// `DescribeStacks weather`. Network, credential and throttling errors exit 2 (nothing
/// could be done); a refusal of the request exits 1.
pub fn describe_error<E, R>(aws: &Aws, what: &str, error: &SdkError<E, R>) -> Problem
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let chain = DisplayErrorContext(error).to_string();
    match error {
        SdkError::DispatchFailure(failure) if failure.is_io() || failure.is_timeout() => {
            return unreachable(aws, &chain);
        }
        SdkError::TimeoutError(_) => return unreachable(aws, &chain),
        _ => {}
    }
    let code = error.code().unwrap_or_default();
    let message = error.message().unwrap_or_default();
    match code {
        "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" => Problem::error(format!(
            "{what}: the AWS credentials have expired ({message}): sign in again (aws sso \
             login, or a new session token) and run the command again"
        )),
        "InvalidClientTokenId"
        | "UnrecognizedClientException"
        | "SignatureDoesNotMatch"
        | "IncompleteSignature"
        | "InvalidSignatureException" => Problem::error(format!(
            "{what}: AWS does not accept these credentials ({message}): check AWS_PROFILE or \
             AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        )),
        "AccessDenied" | "AccessDeniedException" | "NotAuthorizedException" => Problem::error(
            format!("{what}: not allowed ({message}): use credentials whose policy allows it"),
        ),
        "Throttling"
        | "ThrottlingException"
        | "TooManyRequestsException"
        | "RequestLimitExceeded" => Problem::error(format!(
            "{what}: AWS is throttling the requests, still after the SDK's retries with \
             backoff: wait a minute and run again, or allow more attempts with \
             AWS_MAX_ATTEMPTS=10"
        )),
        _ if !code.is_empty() => Problem::failed(format!("{what}: {code}: {message}")),
        _ => {
            let lower = chain.to_ascii_lowercase();
            if lower.contains("credentials") && lower.contains("expired") {
                Problem::error(format!(
                    "{what}: the AWS credentials have expired: sign in again and run the \
                     command again ({chain})"
                ))
            } else if lower.contains("no credentials") || lower.contains("credentialsnotloaded") {
                Problem::error(format!(
                    "{what}: no AWS credentials: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and \
                     AWS_SECRET_ACCESS_KEY ({chain})"
                ))
            } else {
                Problem::error(format!("{what}: {chain}"))
            }
        }
    }
}

fn unreachable(aws: &Aws, chain: &str) -> Problem {
    let hint = match &aws.endpoint {
        Some(_) => "check that it is running, or unset AWS_ENDPOINT_URL to use AWS",
        None => "check the network (and any proxy settings), or the region",
    };
    Problem::error(format!(
        "cannot reach {} ({}): {hint}",
        aws.target(),
        first_line(chain)
    ))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}
