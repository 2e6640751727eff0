//! [`Checker`]'s findings, as a generated L1 reports them.

use super::*;
use crate::diagnostic::Collector;

const CLIENT: &str = "AWS::Cognito::UserPoolClient";
const NAME: &str = r"^[\w\s+=,.@-]+$";

/// The messages of the findings `check` reports.
fn findings(check: impl FnOnce(&mut Checker<'_, '_>)) -> Vec<(String, String)> {
    let mut collector = Collector::new("stack");
    let mut checks = ResourceChecks {
        collector: &mut collector,
        logical_id: "Client",
    };
    check(&mut Checker::new(&mut checks, CLIENT));
    collector
        .finish()
        .into_iter()
        .inspect(|d| assert_eq!(d.rule, "schema/constraint"))
        .map(|d| (d.location.path, d.message))
        .collect()
}

fn literal(text: &str) -> Value<String> {
    Value::Literal(text.to_owned())
}

#[test]
fn a_value_outside_the_pattern_is_named_with_the_pattern_and_what_breaks_it() {
    let found = findings(|c| c.pattern("/ClientName", Some(&literal("web/app#1")), NAME));
    assert_eq!(
        found,
        [(
            "/Resources/Client/Properties/ClientName".to_owned(),
            "ClientName 'web/app#1' does not match the pattern ^[\\w\\s+=,.@-]+$ that \
             AWS::Cognito::UserPoolClient requires: '/' and '#' are not allowed. Remove or \
             replace them."
                .to_owned()
        )]
    );
}

#[test]
fn a_matching_value_a_missing_one_and_a_computed_one_pass() {
    let computed: Value<String> = Expr::sub("web/${AWS::StackName}").into();
    let found = findings(|c| {
        c.pattern("/ClientName", Some(&literal("web app_1")), NAME);
        c.pattern("/ClientName", None, NAME);
        c.pattern("/ClientName", Some(&computed), NAME);
        c.pattern("/ClientName", Some(&Expr::reference("Name").into()), NAME);
    });
    assert_eq!(found, []);
}

#[test]
fn a_string_expression_is_known_and_checked() {
    let found = findings(|c| {
        c.pattern("/ClientName", Some(&Value::Expr(Expr::from("a/b"))), NAME);
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("'/' is not allowed"), "{found:?}");
}

#[test]
fn an_unanchored_pattern_matches_anywhere_in_the_value() {
    let sms = r"\{####\}";
    let found = findings(|c| {
        c.pattern("/SmsMessage", Some(&literal("Your code is {####}.")), sms);
        c.pattern("/SmsMessage", Some(&literal("Your code is ####.")), sms);
    });
    assert_eq!(
        found.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
        [
            "SmsMessage 'Your code is ####.' has no part that matches the pattern \\{####\\} \
          that AWS::Cognito::UserPoolClient requires. Change it so that a part of it matches."
        ]
    );
}

#[test]
fn other_anchored_patterns_ask_for_a_match_and_items_keep_their_index() {
    let email = r"^[\p{L}\p{N}\p{P}]+@[\p{L}\p{N}\p{P}]+$";
    let found = findings(|c| {
        c.pattern("/Emails/2", Some(&literal("nobody")), email);
    });
    assert_eq!(
        found,
        [(
            "/Resources/Client/Properties/Emails/2".to_owned(),
            "Emails[2] 'nobody' does not match the pattern \
             ^[\\p{L}\\p{N}\\p{P}]+@[\\p{L}\\p{N}\\p{P}]+$ that AWS::Cognito::UserPoolClient \
             requires. Change it so that it matches."
                .to_owned()
        )]
    );
}

#[test]
fn a_map_value_is_named_by_its_key() {
    let found = findings(|c| c.pattern("/Tags/a~1b", Some(&literal("A")), r"^[a-z]+$"));
    assert_eq!(
        found,
        [(
            "/Resources/Client/Properties/Tags/a~1b".to_owned(),
            "Tags.a/b 'A' does not match the pattern ^[a-z]+$ that AWS::Cognito::UserPoolClient \
             requires: 'A' is not allowed. Remove or replace it."
                .to_owned()
        )]
    );
}

#[test]
fn long_values_are_cut_and_control_characters_shown() {
    let long = format!("{}\n", "a".repeat(70));
    let found = findings(|c| c.pattern("/ClientName", Some(&literal(&long)), r"^[a-z]*$"));
    let message = &found[0].1;
    assert!(
        message.starts_with(&format!("ClientName '{}…' does not match", "a".repeat(60))),
        "{message}"
    );
    assert!(message.contains(r"'\n' is not allowed"), "{message}");
    let many = findings(|c| c.pattern("/ClientName", Some(&literal("!#$%&/()")), NAME));
    assert!(
        many[0]
            .1
            .contains("'!', '#', '$', '%', '&' and 3 more are not allowed"),
        "{many:?}"
    );
}

#[test]
fn an_empty_value_is_reported_once() {
    let empty = literal("");
    let found = findings(|c| {
        c.length("/ClientName", Some(&empty), Some(1), Some(128));
        c.pattern("/ClientName", Some(&empty), NAME);
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with("ClientName is empty"), "{found:?}");
    // Without a length finding, the pattern reports it.
    let found = findings(|c| c.pattern("/ClientName", Some(&empty), NAME));
    assert_eq!(found.len(), 1, "{found:?}");
    // A too long value with a disallowed character breaks both.
    let long = literal(&format!("{}/", "a".repeat(128)));
    let found = findings(|c| {
        c.length("/ClientName", Some(&long), Some(1), Some(128));
        c.pattern("/ClientName", Some(&long), NAME);
    });
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_pattern_regex_cannot_compile_is_skipped_without_panicking() {
    let found = findings(|c| {
        c.pattern("/ClientName", Some(&literal("aws-app")), r"^(?!aws).*$");
        c.pattern("/ClientName", Some(&literal("x")), r"(unclosed");
    });
    assert_eq!(found, []);
    assert_eq!(
        unsupported_pattern(r"^(?!aws).*$").as_deref(),
        Some("look-around, including look-ahead and look-behind, is not supported")
    );
    assert_eq!(unsupported_pattern(NAME), None);
}
