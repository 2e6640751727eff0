//! YAML as people write OpenAPI files (an `openapi.spec.yml`): core's reader
//! ([`cfnkit_core::yaml_to_json`]: aliases, merge keys, number and boolean keys as strings,
//! CloudFormation short-form tags), its problems as the model's read errors.

use serde_json::Value;

use crate::ReadError;

/// The JSON value of a YAML text.
pub(crate) fn to_json(text: &str) -> Result<Value, ReadError> {
    cfnkit_core::yaml_to_json(text).map_err(|e| {
        if e.pointer.is_empty() {
            ReadError::syntax(e.message)
        } else {
            ReadError {
                pointer: e.pointer,
                message: e.message,
                intrinsic: false,
            }
        }
    })
}
