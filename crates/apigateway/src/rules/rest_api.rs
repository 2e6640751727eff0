//! Rules on one RestApi's properties.

use cfnkit_core::ResourceChecks;

use crate::l1::{CfnRestApi, RestApiMode};

/// The largest `MinimumCompressionSize` API Gateway accepts, in bytes.
const MAX_COMPRESSION_SIZE: i64 = 10_485_760;

/// The checks the generated `CfnRestApi::check` calls.
pub(crate) fn check(api: &CfnRestApi, checks: &mut ResourceChecks<'_>) {
    if let Some(&size) = api
        .minimum_compression_size
        .as_ref()
        .and_then(|s| s.literal())
        && !(0..=MAX_COMPRESSION_SIZE).contains(&size)
    {
        checks.error(
            super::MINIMUM_COMPRESSION_SIZE,
            "/MinimumCompressionSize",
            format!(
                "a minimum compression size of {size} bytes is out of API Gateway's 0 to {MAX_COMPRESSION_SIZE} (10 MiB). Use a size in that range, or leave it unset to never compress."
            ),
        );
    }
    let has_body = api.body.is_some() || api.body_s3_location.is_some();
    let mode = api.mode.as_ref().map(|m| m.literal());
    // `None`: unset; `Some(None)`: computed at deploy time, not checked.
    if has_body && !matches!(mode, Some(Some(RestApiMode::Overwrite)) | Some(None)) {
        let how = match mode {
            Some(Some(RestApiMode::Merge)) => "is merge",
            _ => "is not set, so it is merge",
        };
        checks.warning(
            super::REST_API_MODE,
            "/Mode",
            format!(
                "the API is defined by an OpenAPI document but Mode {how}: on update, API Gateway merges the new document into the old one and keeps the paths and methods it no longer has. Set Mode: overwrite (RestApi::builder does by default)."
            ),
        );
    }
}
