//! The function construct: its template, and what a careless user gets told.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cfnkit_core::{Expr, Severity, Stack};
use cfnkit_iam::PolicyStatement;
use cfnkit_lambda::l1::Architecture;
use cfnkit_lambda::{ASSET_BUCKET_PARAMETER, Asset, Code, Function, FunctionBuilder, Runtime};
use cfnkit_testkit::findings;
use serde_json::json;

const SOURCE: &str = "def handler(event, context):\n    return {'statusCode': 200, 'body': '[]'}\n";

fn inline(id: &str) -> FunctionBuilder {
    Function::builder(
        id,
        Runtime::Python3_13,
        "index.handler",
        Code::inline(SOURCE),
    )
}

#[test]
fn a_function_has_its_log_group_and_a_role_that_may_write_there_only() {
    let mut stack = Stack::new("app");
    let function = inline("List")
        .memory_mb(256)
        .timeout_secs(10)
        .env("STAGE", "prod")
        .architecture(Architecture::Arm64)
        .description("Lists the events")
        .add_to(&mut stack);
    assert_eq!(function.logical_id(), "List");
    assert_eq!(function.role().unwrap().logical_id(), "ListRole");
    assert_eq!(function.log_group().l1().logical_id(), "ListLogs");
    assert_eq!(stack.constructs::<Function>().count(), 1);
    let out = stack.synth().unwrap();
    // Only the logs pack's information that the group has no customer managed key.
    let rules: Vec<(&str, Severity)> = out.warnings.iter().map(|d| (d.rule, d.severity)).collect();
    assert_eq!(
        rules,
        [("logs/kms-key", Severity::Info)],
        "{}",
        out.warnings
    );
    let role = out.template.resource("ListRole").unwrap();
    assert_eq!(
        role["Properties"]["Policies"],
        json!([{
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": [{"Fn::GetAtt": ["ListLogs", "Arn"]}]
                }]
            },
            "PolicyName": "WriteOwnLogGroup"
        }])
    );
    let template = out.template.to_json();
    cfnkit_testkit::assert_snapshot!("lambda", "function-template", &template);
    cfnkit_testkit::assert_cfn_lint_clean("lambda-function", &template);
}

#[test]
fn a_given_role_replaces_the_created_one_and_grants_go_to_the_created_one() {
    let mut stack = Stack::new("app");
    let own = inline("Own")
        .role_arn(Expr::sub(
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/mine",
        ))
        .add_to(&mut stack);
    assert!(own.role().is_none());
    inline("Granted")
        .grant(
            PolicyStatement::allow(["dynamodb:GetItem"])
                .resource("arn:aws:dynamodb:eu-west-1:123456789012:table/events"),
        )
        .add_to(&mut stack);
    let out = stack.synth().unwrap();
    assert!(out.template.resource("OwnRole").is_none());
    let policies = &out.template.resource("GrantedRole").unwrap()["Properties"]["Policies"];
    assert_eq!(policies[1]["PolicyName"], "Granted");
    assert_eq!(
        policies[1]["PolicyDocument"]["Statement"][0]["Action"],
        json!(["dynamodb:GetItem"])
    );
}

#[test]
fn a_directory_asset_is_zipped_hashed_and_named_in_the_template() {
    let dir = std::env::temp_dir().join(format!("cfnkit-asset-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::write(dir.join("index.py"), SOURCE).unwrap();
    std::fs::write(dir.join("lib/util.py"), "X = 1\n").unwrap();
    let mut stack = Stack::new("app");
    Function::builder(
        "Fn",
        Runtime::Python3_13,
        "index.handler",
        Code::from_dir(&dir),
    )
    .add_to(&mut stack);
    Function::builder(
        "Again",
        Runtime::Python3_13,
        "index.handler",
        Code::from_dir(&dir),
    )
    .add_to(&mut stack);
    let assets: Vec<&Asset> = stack.constructs::<Asset>().collect();
    assert_eq!(assets.len(), 2);
    assert_eq!(
        assets[0].hash(),
        assets[1].hash(),
        "same files, same archive"
    );
    assert_eq!(assets[0].hash().len(), 64);
    assert!(assets[0].bytes().starts_with(b"PK\x03\x04"));
    let out = stack.synth().unwrap();
    let code = &out.template.resource("Fn").unwrap()["Properties"]["Code"];
    assert_eq!(
        code,
        &json!({"S3Bucket": {"Ref": ASSET_BUCKET_PARAMETER}, "S3Key": assets[0].s3_key()})
    );
    assert_eq!(
        out.template.as_json()["Parameters"][ASSET_BUCKET_PARAMETER]["Type"],
        "String"
    );
    // A change to a file is a new archive, a new key.
    std::fs::write(dir.join("lib/util.py"), "X = 2\n").unwrap();
    let mut changed = Stack::new("app");
    Function::builder(
        "Fn",
        Runtime::Python3_13,
        "index.handler",
        Code::from_dir(&dir),
    )
    .add_to(&mut changed);
    assert_ne!(
        changed.constructs::<Asset>().next().unwrap().hash(),
        assets[0].hash()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every finding of a careless stack, one per line.
fn told(build: impl FnOnce(&mut Stack)) -> String {
    let mut stack = Stack::new("app");
    build(&mut stack);
    // The logs pack's informational finding (no customer managed key) is no mistake.
    findings(&stack)
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_careless_user_is_told_what_to_fix() {
    let cases: Vec<(&str, String)> = vec![
        (
            "empty handler",
            told(|s| {
                Function::builder("Fn", Runtime::Python3_13, "", Code::inline(SOURCE)).add_to(s);
            }),
        ),
        (
            "handler not index for inline code",
            told(|s| {
                Function::builder(
                    "Fn",
                    Runtime::Python3_13,
                    "main.handler",
                    Code::inline(SOURCE),
                )
                .add_to(s);
            }),
        ),
        (
            "memory 0",
            told(|s| {
                inline("Fn").memory_mb(0).add_to(s);
            }),
        ),
        (
            "memory huge",
            told(|s| {
                inline("Fn").memory_mb(20_000).add_to(s);
            }),
        ),
        (
            "timeout 0",
            told(|s| {
                inline("Fn").timeout_secs(0).add_to(s);
            }),
        ),
        (
            "timeout 901",
            told(|s| {
                inline("Fn").timeout_secs(901).add_to(s);
            }),
        ),
        (
            "reserved environment variable",
            told(|s| {
                inline("Fn").env("AWS_REGION", "eu-west-1").add_to(s);
            }),
        ),
        (
            "bad environment variable name",
            told(|s| {
                inline("Fn").env("1-BAD", "x").add_to(s);
            }),
        ),
        (
            "environment over 4 KB",
            told(|s| {
                inline("Fn").env("BIG", "x".repeat(5000)).add_to(s);
            }),
        ),
        (
            "inline code on provided.al2023",
            told(|s| {
                Function::builder(
                    "Fn",
                    Runtime::ProvidedAl2023,
                    "index.handler",
                    Code::inline(SOURCE),
                )
                .add_to(s);
            }),
        ),
        (
            "empty inline code",
            told(|s| {
                Function::builder(
                    "Fn",
                    Runtime::Python3_13,
                    "index.handler",
                    Code::inline("  "),
                )
                .add_to(s);
            }),
        ),
        (
            "logical id with /",
            told(|s| {
                inline("List/Weather").add_to(s);
            }),
        ),
        (
            "function name with /",
            told(|s| {
                inline("Fn").function_name("list/weather").add_to(s);
            }),
        ),
        (
            "missing asset directory",
            told(|s| {
                Function::builder(
                    "Fn",
                    Runtime::ProvidedAl2023,
                    "bootstrap",
                    Code::from_dir("/nonexistent/cfnkit/target/lambda/fn"),
                )
                .add_to(s);
            }),
        ),
        (
            "a file that is not a zip",
            told(|s| {
                Function::builder(
                    "Fn",
                    Runtime::ProvidedAl2023,
                    "bootstrap",
                    Code::from_zip("Cargo.toml"),
                )
                .add_to(s);
            }),
        ),
    ];
    let mut text = String::new();
    for (case, found) in &cases {
        assert!(!found.is_empty(), "{case}: nothing reported");
        text.push_str(&format!("## {case}\n{found}\n"));
    }
    cfnkit_testkit::assert_snapshot!("lambda", "careless-user", text);
}

#[test]
fn deprecated_runtimes_of_l1_functions_are_a_warning() {
    use cfnkit_lambda::l1::{CfnFunction, FunctionCode, RegistryRuntime};
    let mut stack = Stack::new("app");
    stack.add(
        "Old",
        CfnFunction::new(
            FunctionCode::new().zip_file(SOURCE),
            Expr::get_att("Role", "Arn"),
        )
        .runtime(RegistryRuntime::Python2_7)
        .handler("index.handler"),
    );
    stack.add_raw("Role", "AWS::IAM::Role", Expr::Map(Default::default()));
    let found = findings(&stack);
    let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["lambda/deprecated-runtime"], "{found}");
}

/// The findings of a stack whose one function's code is `code`.
fn code_findings(code: Code) -> String {
    told(|s| {
        Function::builder("Fn", Runtime::Python3_13, "index.handler", code).add_to(s);
    })
}

#[cfg(unix)]
#[test]
fn a_directory_symlinked_into_itself_is_refused_not_followed() {
    let dir = std::env::temp_dir().join(format!("cfnkit-asset-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.py"), SOURCE).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    let found = code_findings(Code::from_dir(&dir));
    assert!(found.contains("symlink to a directory"), "{found}");
    // A symlink to a file is read through.
    std::fs::remove_file(dir.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.join("index.py"), dir.join("alias.py")).unwrap();
    assert_eq!(code_findings(Code::from_dir(&dir)), "");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn code_over_lambdas_250_mb_is_refused() {
    let dir = std::env::temp_dir().join(format!("cfnkit-asset-big-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("code")).unwrap();
    std::fs::write(dir.join("code/index.py"), SOURCE).unwrap();
    // Sparse files: nothing is written to disk.
    let big = std::fs::File::create(dir.join("code/model.bin")).unwrap();
    big.set_len(cfnkit_lambda::MAX_UNZIPPED_BYTES as u64)
        .unwrap();
    let found = code_findings(Code::from_dir(dir.join("code")));
    assert!(found.contains("at most 262144000 unzipped"), "{found}");
    let zip = dir.join("big.zip");
    std::fs::write(&zip, b"PK\x03\x04").unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&zip)
        .unwrap()
        .set_len(cfnkit_lambda::MAX_UNZIPPED_BYTES as u64 + 1)
        .unwrap();
    let found = code_findings(Code::from_zip(&zip));
    assert!(found.contains("250 MB"), "{found}");
    std::fs::remove_dir_all(&dir).unwrap();
}
