//! cfn-lint with its informational checks (`--include-checks I`: I3011 and the like, what
//! scanners' users run) on the template of every example program, expecting nothing. A new
//! example must join the list below, or the test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

#[allow(dead_code)] // The example's `main` is not called here.
#[path = "../examples/weather_spec.rs"]
mod weather_spec;

#[allow(dead_code)]
#[path = "../examples/weather_split.rs"]
mod weather_split;

#[allow(dead_code)]
#[path = "../examples/reports_api.rs"]
mod reports_api;

#[allow(dead_code)]
#[path = "../examples/scale/stack.rs"]
mod scale;

use cfnkit::App;
use cfnkit::core::Stack;

/// Every example program (its file name without `.rs`) and the stacks it synthesises.
fn examples() -> Vec<(&'static str, Vec<Stack>)> {
    let (auth, api) = weather_split::split_stacks().unwrap();
    vec![
        ("weather_stack", vec![weather::stack()]),
        ("weather_stack_l1", vec![weather::stack_l1()]),
        ("weather_spec", vec![weather_spec::spec_stack().unwrap()]),
        ("weather_split", vec![auth, api]),
        ("reports_api", vec![reports_api::reports_stack()]),
        ("weather_lambda", vec![weather::stack_lambda()]),
        // The benchmarks' workload at its default size: the shape of its peers' programs,
        // not hardened, and over Cognito's quotas on purpose, so synth warns (see
        // examples/scale/stack.rs); its template must still be clean for cfn-lint.
        ("scale", vec![scale::stack(100)]),
    ]
}

/// The examples whose synth must be free of warnings (all but the benchmark workload).
fn warns_by_design(example: &str) -> bool {
    example == "scale"
}

#[test]
fn every_example_is_listed() {
    let dir = cfnkit_testkit::repo_root().join("examples");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed: Vec<String> = examples().iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(found, listed, "add the new example's stacks to examples()");
}

#[test]
fn cfn_lint_with_informational_checks_finds_nothing_in_any_example() {
    let dir = std::env::temp_dir().join(format!("cfnkit-{}-examples-lint", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (example, stacks) in examples() {
        // Several stacks synthesise together, as the example's app does (exports, imports).
        let app = stacks
            .into_iter()
            .fold(App::new(example), |app, stack| app.stack(stack));
        for stack in app.synth().stacks {
            let out = stack
                .result
                .unwrap_or_else(|d| panic!("{example}/{}:\n{d}", stack.name));
            assert!(
                warns_by_design(example) || out.warnings.is_empty(),
                "{example}/{}: {}",
                stack.name,
                out.warnings
            );
            let file = dir.join(format!("{example}.{}.template.json", stack.name));
            std::fs::write(&file, out.template.to_json()).unwrap();
            files.push(file);
        }
    }
    assert_eq!(files.len(), 8, "{files:?}");
    for file in &files {
        if let Some(findings) = cfnkit_testkit::cfn_lint_informational(file) {
            assert!(
                findings.trim().is_empty(),
                "cfn-lint --include-checks I finds problems in {}:\n{findings}",
                file.display()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
