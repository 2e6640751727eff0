//! A tiny resource type for tests of the core, which knows no AWS types itself.

use cfnkit_core::{Attribute, Resource, Value};
use serde::Serialize;

/// A stand-in resource with one string property and two attributes.
#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    #[serde(rename = "BucketName", skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
}

impl Bucket {
    pub fn new() -> Self {
        Bucket { name: None }
    }

    pub fn named(name: impl Into<Value<String>>) -> Self {
        Bucket {
            name: Some(name.into()),
        }
    }
}

/// The attributes of [`Bucket`].
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // DomainName exists to be listed in diagnostics.
pub enum BucketAttribute {
    Arn,
    DomainName,
}

impl Attribute for BucketAttribute {
    fn name(self) -> &'static str {
        match self {
            BucketAttribute::Arn => "Arn",
            BucketAttribute::DomainName => "DomainName",
        }
    }
}

impl Resource for Bucket {
    const TYPE_NAME: &'static str = "AWS::S3::Bucket";
    type Attribute = BucketAttribute;
    const ATTRIBUTE_NAMES: &'static [&'static str] = &["Arn", "DomainName"];
}
