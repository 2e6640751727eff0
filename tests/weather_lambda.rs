//! The Lambda variant of the weather stack: its template (cfn-lint clean, reviewed as a
//! snapshot), exactly one narrow invoke permission per operation, the functions' code
//! linked to the model, the access design naming the functions, and its assembly with the
//! code asset. The emulator walkthrough is `crates/deploy/tests/emulator_lambda.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit::{App, Exit};
use cfnkit_testkit::assert_cfn_lint_clean;
use serde_json::{Value, json};

fn template_text() -> String {
    let out = weather::stack_lambda()
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    assert!(out.warnings.is_empty(), "{}", out.warnings);
    out.template.to_json()
}

fn template() -> Value {
    serde_json::from_str(&template_text()).unwrap()
}

#[test]
fn template_snapshot_and_cfn_lint() {
    let text = template_text();
    cfnkit_testkit::assert_snapshot!("", "weather_lambda_template", &text);
    assert_cfn_lint_clean("weather-lambda.json", &text);
}

#[test]
fn each_operation_has_exactly_one_permission_for_its_method_and_path() {
    let t = template();
    let resources = t["Resources"].as_object().unwrap();
    let permissions: Vec<&Value> = resources
        .values()
        .filter(|r| r["Type"] == "AWS::Lambda::Permission")
        .map(|r| &r["Properties"])
        .collect();
    let sub = |method: &str| json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{WeatherEventsRestApi}}/*/{method}/")});
    let expected = [
        ("AddWeatherFunction", "POST"),
        ("ListWeatherFunction", "GET"),
    ];
    assert_eq!(permissions.len(), expected.len(), "{permissions:#?}");
    for (function, method) in expected {
        let matching: Vec<&&Value> = permissions
            .iter()
            .filter(|p| p["FunctionName"] == json!({"Fn::GetAtt": [function, "Arn"]}))
            .collect();
        assert_eq!(matching.len(), 1, "{function}");
        let p = matching[0];
        assert_eq!(p["Action"], "lambda:InvokeFunction");
        assert_eq!(p["Principal"], "apigateway.amazonaws.com");
        assert_eq!(p["SourceArn"], sub(method), "{function}");
    }
    // The integrations invoke them.
    let paths = &t["Resources"]["WeatherEventsRestApi"]["Properties"]["Body"]["paths"]["/"];
    assert_eq!(
        paths["get"]["x-amazon-apigateway-integration"],
        json!({
            "type": "aws_proxy",
            "httpMethod": "POST",
            "uri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ListWeatherFunction.Arn}/invocations"}
        })
    );
}

#[test]
fn each_role_may_write_to_its_own_log_group_and_nothing_else() {
    let t = template();
    for function in ["ListWeatherFunction", "AddWeatherFunction"] {
        let role = &t["Resources"][format!("{function}Role")]["Properties"];
        assert_eq!(
            role["Policies"],
            json!([{
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": [{"Fn::GetAtt": [format!("{function}Logs"), "Arn"]}]
                }]},
                "PolicyName": "WriteOwnLogGroup"
            }]),
            "{function}"
        );
        assert!(role.get("ManagedPolicyArns").is_none());
    }
}

#[test]
fn the_post_function_checks_what_the_model_requires() {
    let source =
        std::fs::read_to_string(weather::lambda_stack::ADD_WEATHER_DIR.to_owned() + "/index.py")
            .unwrap();
    let constant = |name: &str| -> Vec<String> {
        let line = source
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} = ")))
            .unwrap_or_else(|| panic!("no {name} in index.py"));
        serde_json::from_str(line).unwrap()
    };
    let (required, dates) = weather::lambda_stack::add_weather_checks();
    assert_eq!(
        constant("REQUIRED"),
        required,
        "index.py's REQUIRED is stale"
    );
    assert_eq!(constant("DATES"), dates, "index.py's DATES is stale");
    assert_eq!(required, ["name", "dateStart", "dateEnd"]);
}

#[test]
fn the_get_function_answers_the_models_events() {
    let source = weather::lambda_stack::list_weather_source(&weather::model::sample_events());
    let line = source
        .lines()
        .find_map(|l| l.strip_prefix("EVENTS = json.loads("))
        .and_then(|l| l.strip_suffix(')'))
        .unwrap();
    let text: String = serde_json::from_str(line).unwrap();
    let events: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        events,
        serde_json::to_value(weather::model::sample_events().events).unwrap()
    );
}

fn run(app: &App, args: &[&str]) -> String {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let exit = app.run_from(
        std::iter::once("weather_lambda").chain(args.iter().copied()),
        &mut out,
        &mut err,
    );
    assert_eq!(exit, Exit::Success, "{}", String::from_utf8_lossy(&err));
    String::from_utf8(out).unwrap()
}

#[test]
fn access_names_the_function_serving_each_operation() {
    let app = App::new("weather-lambda").stack(weather::stack_lambda());
    let text = run(&app, &["access"]);
    cfnkit_testkit::assert_snapshot!("access", "weather_lambda_access_text", &text);
    assert!(
        text.contains("GET / (list_weather) (stack weather-lambda, stages [weather])\n    needs any of [weather-api/get] from pool CognitoUserPool; served by function ListWeatherFunction"),
        "{text}"
    );
}

#[test]
fn synth_out_writes_the_code_asset_and_lists_it() {
    let dir = std::env::temp_dir().join(format!("cfnkit-weather-lambda-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let app = App::new("weather-lambda").stack(weather::stack_lambda());
    run(&app, &["synth", "--out", dir.to_str().unwrap()]);
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let stack = &manifest["stacks"][0];
    assert_eq!(stack["assetBucketParameter"], "CfnkitAssetBucket");
    let asset = &stack["assets"][0];
    assert_eq!(asset["function"], "AddWeatherFunction");
    let file = asset["file"].as_str().unwrap();
    let hash = asset["sha256"].as_str().unwrap();
    assert_eq!(file, format!("asset.{hash}.zip"));
    assert_eq!(asset["key"], format!("weather-lambda/{hash}.zip"));
    let bytes = std::fs::read(dir.join(file)).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let t = template();
    assert_eq!(
        t["Resources"]["AddWeatherFunction"]["Properties"]["Code"],
        json!({"S3Bucket": {"Ref": "CfnkitAssetBucket"}, "S3Key": format!("weather-lambda/{hash}.zip")})
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
