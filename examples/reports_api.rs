//! A second API built from the weather stack's building blocks: a reports service for the
//! same kind of backend callers, with its own user pool, resource server (`reports-api`),
//! client-credentials client, token domain and authorizer, all from
//! `weather::auth::ServiceAuthSpec`, and its own OpenAPI document on the REST API
//! construct. Nothing of the weather stack is copied.
//!
//! ```sh
//! cargo run --example reports_api                 # the template (JSON)
//! cargo run --example reports_api -- --help       # synth, validate, list, diff, …
//! ```

use std::process::ExitCode;

use cfnkit::App;
use cfnkit::apigateway::{
    MappingTemplate, MethodSetting, MockIntegration, OperationExt, RestApi, rules,
};
use cfnkit::cognito::TokenValidity;
use cfnkit::core::{Output, Stack};
use cfnkit::openapi::{Components, Document, Info, Operation, PathItem, RequestBody, Response};
use schemars::JsonSchema;
use serde::Serialize;
use weather::auth::{ScopeSpec, ServiceAuthIds, ServiceAuthSpec};
use weather::hardening::reasons::MOCK_VALIDATION;
use weather::model::json_model;

/// A report on the weather events of a period.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The report's id.
    pub id: String,
    /// The first day it covers (ISO 8601 date).
    #[schemars(extend("format" = "date"))]
    pub from: String,
    /// The last day it covers (ISO 8601 date).
    #[schemars(extend("format" = "date"))]
    pub to: String,
    /// How many weather events it covers.
    #[schemars(extend("format" = "int32"))]
    pub events: u32,
}

/// The weather reports.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "Reports")]
pub struct Reports {
    /// The reports, newest first.
    pub reports: Vec<Report>,
}

/// The period a new report covers.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "ReportRequest")]
pub struct ReportRequest {
    /// The first day to cover (ISO 8601 date).
    #[schemars(extend("format" = "date"))]
    pub from: String,
    /// The last day to cover (ISO 8601 date).
    #[schemars(extend("format" = "date"))]
    pub to: String,
}

/// The reports stack: the weather stack's kind of Cognito half under its own names, and
/// the reports API.
pub fn reports_stack() -> Stack {
    let mut stack = Stack::new("reports");
    stack.set_description(
        "Weather Reports REST API secured by its own Cognito user pool authorizer, for backend \
         services using the OAuth 2.0 client-credentials flow with custom scopes.",
    );
    let auth = ServiceAuthSpec {
        ids: ServiceAuthIds {
            user_pool: "ReportsUserPool",
            resource_server: "ReportsResourceServer",
            client: "ReportsServiceClient",
            domain: "ReportsUserPoolDomain",
        },
        pool_name: "weather-reports-api-user-pool",
        identifier: "reports-api",
        resource_server_name: "Reports API Resource Server",
        scopes: [
            ScopeSpec::granted("read", "Read weather reports"),
            ScopeSpec::granted("generate", "Generate a weather report"),
        ],
        access_token_validity: TokenValidity::minutes(30),
        authorizer: "ReportsAuthorizer",
    }
    .add_to(&mut stack);
    let [read, generate] = &auth.scopes;

    let sample = Reports {
        reports: vec![Report {
            id: "2022-02".to_owned(),
            from: "2022-02-01".to_owned(),
            to: "2022-02-28".to_owned(),
            events: 1,
        }],
    };
    // A struct of strings and numbers always serializes.
    let reports = MappingTemplate::json(&sample).unwrap_or_else(|_| MappingTemplate::vtl("{}"));
    let document = Document::new(Info::new("Weather Reports REST API", "1.0.0"))
        .path(
            "/reports",
            PathItem::new()
                .get(
                    Operation::new()
                        .operation_id("list_reports")
                        .summary("List weather reports")
                        .response(
                            "200",
                            Response::new("200 response")
                                .content("application/json", json_model("Reports")),
                        )
                        .authorize(&auth.authorizer, [read])
                        .integrate(MockIntegration::json(200, reports))
                        .suppress(rules::REQUEST_VALIDATION, MOCK_VALIDATION),
                )
                .post(
                    Operation::new()
                        .operation_id("generate_report")
                        .summary("Generate a weather report")
                        .request_body(
                            RequestBody::new()
                                .required(true)
                                .content("application/json", json_model("ReportRequest")),
                        )
                        .authorize(&auth.authorizer, [generate])
                        .integrate(MockIntegration::json(
                            202,
                            MappingTemplate::vtl(r#"{"message": "accepted"}"#),
                        ))
                        .suppress(rules::REQUEST_VALIDATION, MOCK_VALIDATION),
                ),
        )
        .path(
            "/health",
            PathItem::new().get(
                Operation::new()
                    .operation_id("health")
                    .summary("Whether the API answers")
                    // Load balancers and uptime checks call it without a token.
                    .public()
                    .integrate(MockIntegration::json(
                        200,
                        MappingTemplate::vtl(r#"{"status": "ok"}"#),
                    ))
                    .suppress(rules::REQUEST_VALIDATION, MOCK_VALIDATION),
            ),
        )
        .components(
            Components::new()
                .model::<Reports>()
                .model::<ReportRequest>(),
        );

    // The weather stacks' hardening, with this API's own throttling.
    let logs = weather::hardening::access_logs(&mut stack, "ReportsApiAccessLogs");
    let api = RestApi::builder("ReportsRestApi", document)
        .stage(
            "ReportsApiStage",
            weather::hardening::stage_with(
                "reports",
                &logs,
                MethodSetting::all().throttling(20.0, 40).metrics(true),
            ),
        )
        .add_to(&mut stack);

    stack.add_output(
        "ApiUrl",
        Output::new(api.url()).description("Invoke URL of the reports API's stage"),
    );
    auth.add_outputs(&mut stack);
    stack
}

#[allow(dead_code)] // Also compiled into tests/reports_api.rs, which has its own main.
fn main() -> ExitCode {
    App::new("reports").stack(reports_stack()).run()
}
