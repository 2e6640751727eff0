//! [`Aws::connect`]: the SDK's configuration from the standard chain (environment,
//! `AWS_PROFILE` and the shared config files, SSO, `credential_process`, container and
//! instance roles), with the region and the credentials checked before any call, so that
//! their absence is one line naming what to do.

use aws_config::BehaviorVersion;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_types::error::display::DisplayErrorContext;

use crate::exit::Problem;

/// What the command line may override; the rest comes from the environment.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--profile`: a profile of the shared config files (else `AWS_PROFILE`).
    pub profile: Option<String>,
    /// `--region` (else `AWS_REGION`, the profile's region, …).
    pub region: Option<String>,
}

/// The clients, with where they send requests.
#[derive(Debug, Clone)]
pub struct Aws {
    /// CloudFormation.
    pub cloudformation: aws_sdk_cloudformation::Client,
    /// Cognito user pools.
    pub cognito: aws_sdk_cognitoidentityprovider::Client,
    /// S3, for code assets (path-style addressing when an endpoint is set, as emulators
    /// serve buckets on one host).
    pub s3: aws_sdk_s3::Client,
    /// The region.
    pub region: String,
    /// `AWS_ENDPOINT_URL` (or the profile's `endpoint_url`), when set.
    pub endpoint: Option<String>,
}

impl Aws {
    /// Loads the configuration, and fails with what to do when there is no region or no
    /// usable credentials.
    pub async fn connect(settings: &Settings) -> Result<Aws, Problem> {
        // rustls on ring: the SDK's default client would bring aws-lc, a C build.
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
            .build_https();
        let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(http);
        if let Some(profile) = &settings.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &settings.region {
            loader = loader.region(aws_config::Region::new(region.clone()));
        }
        let config = loader.load().await;
        let Some(region) = config.region().map(ToString::to_string) else {
            return Err(Problem::error(
                "no AWS region: set AWS_REGION (e.g. AWS_REGION=eu-west-1), give --region, or \
                 set `region` in your AWS profile",
            ));
        };
        let Some(provider) = config.credentials_provider() else {
            return Err(no_credentials());
        };
        match provider.provide_credentials().await {
            Ok(credentials) => {
                if credentials
                    .expiry()
                    .is_some_and(|t| t <= std::time::SystemTime::now())
                {
                    return Err(expired("they expired"));
                }
            }
            Err(CredentialsError::CredentialsNotLoaded(_)) => return Err(no_credentials()),
            Err(e) => {
                let detail = DisplayErrorContext(&e).to_string();
                let lower = detail.to_ascii_lowercase();
                return Err(if lower.contains("expired") {
                    expired(&detail)
                } else {
                    Problem::error(format!(
                        "cannot load the AWS credentials: {detail}; check AWS_PROFILE and \
                         your AWS config files"
                    ))
                });
            }
        }
        let endpoint = config.endpoint_url().map(str::to_owned);
        Ok(Aws {
            cloudformation: aws_sdk_cloudformation::Client::new(&config),
            cognito: aws_sdk_cognitoidentityprovider::Client::new(&config),
            s3: aws_sdk_s3::Client::from_conf(
                aws_sdk_s3::config::Builder::from(&config)
                    .force_path_style(endpoint.is_some())
                    .build(),
            ),
            region,
            endpoint,
        })
    }

    /// Where requests go, for messages: the endpoint URL, or AWS in the region.
    pub fn target(&self) -> String {
        match &self.endpoint {
            Some(url) => url.clone(),
            None => format!("AWS in {}", self.region),
        }
    }
}

fn no_credentials() -> Problem {
    Problem::error(
        "no AWS credentials: set AWS_PROFILE to a configured profile (aws configure, or aws \
         sso login --profile NAME), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    )
}

fn expired(detail: &str) -> Problem {
    Problem::error(format!(
        "the AWS credentials have expired ({detail}): sign in again (aws sso login, or a new \
         session token) and run the command again"
    ))
}
