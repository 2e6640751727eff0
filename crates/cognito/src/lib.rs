//! cfnkit-cognito.
