//! The REST APIs of an app, found in its stacks (each REST API construct registers itself
//! with its stack): what `openapi`, `access` and `synth --out` cover, with no registration.

use cfnkit_apigateway::{NoPublicProfile, RestApi};
use cfnkit_core::Stack;
use cfnkit_openapi::{Document, PublicProfile};

use crate::app::App;

/// A REST API of one of the app's stacks.
#[derive(Debug, Clone, Copy)]
pub struct AppApi<'a> {
    /// The stack that deploys it.
    pub stack: &'a Stack,
    /// The construct's handle.
    pub api: &'a RestApi,
}

impl AppApi<'_> {
    /// `<stack>.<LogicalId>`: how the command line (`openapi --api`) and the artifacts of
    /// `synth --out` name the API, unique in the app.
    pub fn name(&self) -> String {
        format!("{}.{}", self.stack.name(), self.api.l1().logical_id())
    }

    /// Whether `wanted` names the API: its full name or its logical id.
    pub fn is(&self, wanted: &str) -> bool {
        self.name() == wanted || self.api.l1().logical_id() == wanted
    }

    /// The document the API's `Body` holds, edits through the escape hatch included
    /// (`None` when the `Body` was replaced by free JSON).
    pub fn document(&self) -> Option<&Document> {
        self.api.document(self.stack)
    }

    /// The profile of its public document, derived from the model unless one was given.
    pub fn public_profile(&self) -> Result<PublicProfile, NoPublicProfile> {
        self.api.public_profile()
    }
}

impl App {
    /// Every REST API of every stack, in stack and authoring order.
    ///
    /// ```
    /// let app = cfnkit::App::new("weather").stack(weather::stack());
    /// let names: Vec<String> = app.apis().iter().map(|a| a.name()).collect();
    /// assert_eq!(names, ["weather.WeatherEventsRestApi"]);
    /// ```
    pub fn apis(&self) -> Vec<AppApi<'_>> {
        self.stacks()
            .iter()
            .flat_map(|stack| {
                stack
                    .constructs::<RestApi>()
                    .map(move |api| AppApi { stack, api })
            })
            .collect()
    }
}
