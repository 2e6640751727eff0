//! cfnkit-apigateway.
