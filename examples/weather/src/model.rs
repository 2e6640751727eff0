//! The API's data: a weather event, and the events the GET mock returns.

use cfnkit_openapi::{MediaType, ReferenceOr};
use schemars::JsonSchema;
use serde::Serialize;

/// A named weather event over a range of days.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WeatherEvent {
    /// What the event is called, e.g. "Storms Malik and Corrie".
    pub name: String,
    /// The first day (ISO 8601 date).
    #[schemars(extend("format" = "date"))]
    pub date_start: String,
    /// The last day (ISO 8601 date).
    #[schemars(extend("format" = "date"))]
    pub date_end: String,
}

/// The GET response: every weather event.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "WeatherEvents")]
pub struct WeatherEventList {
    /// The events, newest first.
    pub events: Vec<WeatherEvent>,
}

impl WeatherEvent {
    fn new(name: &str, date_start: &str, date_end: &str) -> Self {
        WeatherEvent {
            name: name.to_owned(),
            date_start: date_start.to_owned(),
            date_end: date_end.to_owned(),
        }
    }
}

/// The events the GET mock integration answers with.
pub fn sample_events() -> WeatherEventList {
    WeatherEventList {
        events: vec![
            WeatherEvent::new(
                "Storms Dudley, Eunice and Franklin",
                "2022-02-16",
                "2022-02-21",
            ),
            WeatherEvent::new("Storms Malik and Corrie", "2022-01-29", "2022-01-31"),
        ],
    }
}

/// A body or response of `application/json` described by the component schema `name`.
pub fn json_model(name: &str) -> MediaType {
    MediaType::new().schema(ReferenceOr::component(name))
}
