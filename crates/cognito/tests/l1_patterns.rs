//! The registry schemas' `pattern`s, checked at synth on literal values under the rule
//! `schema/constraint`: the value, the pattern and what breaks it are named.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cfnkit_cognito::l1::*;
use cfnkit_core::{Expr, Pseudo, Stack};

/// `(rule, path, message)` of every finding of `stack` but the policy pack's hardening;
/// the stack must fail.
fn findings(stack: &Stack) -> Vec<(&'static str, String, String)> {
    let diagnostics = stack.synth().expect_err("a pattern is broken");
    cfnkit_testkit::without_policy(stack, &diagnostics)
        .iter()
        .map(|d| (d.rule, d.location.path.clone(), d.message.clone()))
        .collect()
}

/// A stack with a pool and, under `Client`, the given client of it.
fn with_client(client: impl FnOnce(Expr) -> CfnUserPoolClient) -> Stack {
    let mut stack = Stack::new("auth");
    let pool = stack.add("Pool", CfnUserPool::new());
    stack.add("Client", client(pool.reference()));
    stack
}

#[test]
fn a_client_name_with_a_slash_or_a_hash_is_a_synth_error() {
    let stack = with_client(|pool| CfnUserPoolClient::new(pool).client_name("web/app#1"));
    assert_eq!(
        findings(&stack),
        [(
            "schema/constraint",
            "/Resources/Client/Properties/ClientName".to_owned(),
            r"ClientName 'web/app#1' does not match the pattern ^[\w\s+=,.@-]+$ that AWS::Cognito::UserPoolClient requires: '/' and '#' are not allowed. Remove or replace them."
                .to_owned()
        )]
    );
    let stack = with_client(|pool| CfnUserPoolClient::new(pool).client_name("web#app"));
    let found = findings(&stack);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("'#' is not allowed"), "{found:?}");
}

#[test]
fn a_valid_client_name_and_a_computed_one_pass() {
    for name in [
        Expr::from("web app_1+=,.@-"),
        Expr::pseudo(Pseudo::StackName),
        Expr::sub("web/${AWS::StackName}"),
    ] {
        let stack = with_client(|pool| CfnUserPoolClient::new(pool).client_name(name.clone()));
        assert!(stack.synth().is_ok(), "{name:?}: {:?}", stack.synth().err());
    }
    let stack = with_client(|pool| CfnUserPoolClient::new(pool).client_name("web app"));
    assert!(stack.synth().is_ok(), "{:?}", stack.synth().err());
}

#[test]
fn list_items_and_nested_values_are_checked_where_they_are() {
    let mut stack = Stack::new("auth");
    let pool = stack.add(
        "Pool",
        CfnUserPool::new()
            // Unanchored: `{####}` must appear somewhere.
            .sms_verification_message("Your code is {####}.")
            .sms_authentication_message("Your code is ####.")
            .email_configuration(EmailConfiguration::new().reply_to_email_address("nobody")),
    );
    stack.add(
        "Client",
        CfnUserPoolClient::new(pool.reference())
            .callback_urls(["https://example.com/callback", "https://example.com/a b"]),
    );
    let found = findings(&stack);
    let messages: Vec<(&str, &str)> = found
        .iter()
        .inspect(|(rule, _, _)| assert_eq!(*rule, "schema/constraint"))
        .map(|(_, path, message)| (path.as_str(), message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "/Resources/Client/Properties/CallbackURLs/1",
                r"CallbackURLs[1] 'https://example.com/a b' does not match the pattern ^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$ that AWS::Cognito::UserPoolClient requires: ' ' is not allowed. Remove or replace it."
            ),
            (
                "/Resources/Pool/Properties/EmailConfiguration/ReplyToEmailAddress",
                r"EmailConfiguration.ReplyToEmailAddress 'nobody' does not match the pattern ^[\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+$ that AWS::Cognito::UserPool requires. Change it so that it matches."
            ),
            (
                "/Resources/Pool/Properties/SmsAuthenticationMessage",
                r"SmsAuthenticationMessage 'Your code is ####.' has no part that matches the pattern \{####\} that AWS::Cognito::UserPool requires. Change it so that a part of it matches."
            ),
        ]
    );
}

#[test]
fn a_pattern_a_hand_written_rule_checks_is_reported_once_by_that_rule() {
    let mut stack = Stack::new("auth");
    let pool = stack.add("Pool", CfnUserPool::new());
    stack.add(
        "Server",
        CfnUserPoolResourceServer::new(pool.reference(), "wea\"ther", "Weather API"),
    );
    let found = findings(&stack);
    let rules: Vec<&str> = found.iter().map(|(rule, _, _)| *rule).collect();
    assert_eq!(rules, ["cognito/resource-server-identifier"], "{found:?}");
}
