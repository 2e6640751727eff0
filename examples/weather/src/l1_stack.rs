//! The weather stack written with L1 resources only: every CloudFormation property spelled
//! out, exactly as a hand-written template would. It synthesises the same template as the
//! constructs of [`crate::stack`] (`tests/weather_l1_equivalence.rs` checks it), and
//! shows what they stand for: the OpenAPI document with the scopes as strings, the
//! deployment's hashed logical id, the outputs' URLs.

use cfnkit_cognito::l1::{
    AccountRecoverySetting, AdminCreateUserConfig, CfnUserPool, CfnUserPoolAttribute,
    CfnUserPoolClient, CfnUserPoolDomain, CfnUserPoolResourceServer, OAuthGrantType,
    PasswordPolicy, Policies, RecoveryOption, RecoveryOptionName, ResourceServerScopeType,
    TokenValidityUnit, TokenValidityUnits, UsernameAttribute, UsernameConfiguration,
};
use cfnkit_cognito::rules::{MFA, POOL_RETENTION, THREAT_PROTECTION};
use cfnkit_core::{Expr, Output, Pseudo, RemovalPolicy, ResourceOptions, Stack};

use crate::hardening::reasons;

use crate::l1_api::ApiScopes;
use crate::l1_rest_api::RestApiL1;
use crate::{DESCRIPTION, ids};

/// The resource server's identifier: the prefix of every custom scope.
const RESOURCE_SERVER_IDENTIFIER: &str = "weather-api";

/// The weather stack of shared/weather-stack.md, from L1 resources only.
pub fn stack_l1() -> Stack {
    let mut stack = Stack::new("weather");
    stack.set_description(DESCRIPTION);

    // Admin-only user creation, Cognito's default password policy and email recovery,
    // written out; deleted with the stack, which the seed removes with one command.
    let pool = stack.add_with(
        ids::USER_POOL,
        CfnUserPool::new()
            .account_recovery_setting(
                AccountRecoverySetting::new().recovery_mechanisms([RecoveryOption::new()
                    .name(RecoveryOptionName::VerifiedEmail)
                    .priority(1)]),
            )
            .admin_create_user_config(
                AdminCreateUserConfig::new().allow_admin_create_user_only(true),
            )
            .policies(
                Policies::new().password_policy(
                    PasswordPolicy::new()
                        .minimum_length(8)
                        .require_lowercase(true)
                        .require_numbers(true)
                        .require_symbols(true)
                        .require_uppercase(true)
                        .temporary_password_validity_days(7),
                ),
            )
            .user_pool_name("weather-events-api-cognito-user-pool")
            .username_attributes([UsernameAttribute::Email])
            .username_configuration(UsernameConfiguration::new().case_sensitive(false)),
        ResourceOptions::new()
            .deletion_policy(RemovalPolicy::Delete)
            .update_replace_policy(RemovalPolicy::Delete),
    );
    stack.suppress(&pool, POOL_RETENTION, reasons::POOL_REMOVED_WITH_STACK);
    stack.suppress(&pool, MFA, reasons::MFA_MACHINE_ONLY);
    stack.suppress(
        &pool,
        THREAT_PROTECTION,
        reasons::THREAT_PROTECTION_MACHINE_ONLY,
    );

    let scope = |name: &str| format!("{RESOURCE_SERVER_IDENTIFIER}/{name}");
    let resource_server = stack.add(
        ids::RESOURCE_SERVER,
        CfnUserPoolResourceServer::new(
            pool.reference(),
            RESOURCE_SERVER_IDENTIFIER,
            "Weather API Resource Server",
        )
        .scopes([
            ResourceServerScopeType::new("post", "Create weather events"),
            ResourceServerScopeType::new("get", "Retrieve weather events"),
            ResourceServerScopeType::new("delete", "Delete a weather event"),
        ]),
    );

    // Allowed scopes are literal strings, so the order (scopes before the client) must be
    // stated with DependsOn.
    let client = stack.add_with(
        ids::SERVICE_CLIENT,
        CfnUserPoolClient::new(pool.reference())
            .generate_secret(true)
            .allowed_oauth_flows([OAuthGrantType::ClientCredentials])
            .allowed_oauth_flows_user_pool_client(true)
            .allowed_oauth_scopes([scope("post"), scope("get")])
            .access_token_validity(60)
            .token_validity_units(
                TokenValidityUnits::new().access_token(TokenValidityUnit::Minutes),
            )
            // Without this list Cognito would enable SRP, refresh and custom auth flows.
            .explicit_auth_flows(Vec::<cfnkit_cognito::l1::ExplicitAuthFlow>::new()),
        ResourceOptions::new().depends_on(&resource_server),
    );

    // <stack name>-<last group of the stack id's UUID>: unique per deployment.
    let stack_uuid = Expr::select(2, Expr::split("/", Expr::pseudo(Pseudo::StackId)));
    let domain = stack.add(
        ids::DOMAIN,
        CfnUserPoolDomain::new(
            pool.reference(),
            Expr::join(
                "-",
                [
                    Expr::pseudo(Pseudo::StackName),
                    Expr::select(4, Expr::split("-", stack_uuid)),
                ],
            ),
        ),
    );

    let scopes = ApiScopes {
        get: scope("get"),
        post: scope("post"),
    };
    let rest_api = RestApiL1::add(&mut stack, pool.get_att(CfnUserPoolAttribute::Arn), &scopes);

    stack.add_output("ApiUrl", rest_api.url_output());
    stack.add_output(
        "TokenUrl",
        Output::new(Expr::sub(format!(
            "https://${{{}}}.auth.${{AWS::Region}}.amazoncognito.com/oauth2/token",
            domain.logical_id()
        )))
        .description("OAuth 2.0 token endpoint (client credentials)"),
    );
    stack.add_output(
        "UserPoolId",
        Output::new(pool.reference()).description("Id of the Cognito user pool"),
    );
    stack.add_output(
        "UserPoolClientId",
        Output::new(client.reference()).description("Id of the backend services' app client"),
    );
    stack
}
