//! cfnkit: typed, CDK-style infrastructure as code for AWS.
