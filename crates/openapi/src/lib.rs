//! cfnkit-openapi.
