//! The Info Object with its contact and license, and Tag Objects.

use serde::{Deserialize, Serialize};

use crate::ExternalDocs;
use crate::extensions::{Extensions, extension_builder};

/// The Info Object: the API's metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an Info Object")]
#[non_exhaustive]
pub struct Info {
    /// The API's title.
    pub title: String,
    /// A description (CommonMark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A URL to the terms of service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms_of_service: Option<String>,
    /// Who to contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The API's license.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
    /// The API's version (not the OpenAPI version).
    pub version: String,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Info {
    /// The Info Object's required title and version.
    pub fn new(title: impl Into<String>, version: impl Into<String>) -> Self {
        Info {
            title: title.into(),
            description: None,
            terms_of_service: None,
            contact: None,
            license: None,
            version: version.into(),
            extensions: Extensions::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the terms of service URL.
    pub fn terms_of_service(mut self, url: impl Into<String>) -> Self {
        self.terms_of_service = Some(url.into());
        self
    }

    /// Sets the contact.
    pub fn contact(mut self, contact: Contact) -> Self {
        self.contact = Some(contact);
        self
    }

    /// Sets the license.
    pub fn license(mut self, license: License) -> Self {
        self.license = Some(license);
        self
    }

    extension_builder!();
}

/// The Contact Object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a Contact Object")]
#[non_exhaustive]
pub struct Contact {
    /// A person or organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Contact {
    /// A contact with nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Sets the email address.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    extension_builder!();
}

/// The License Object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a License Object")]
#[non_exhaustive]
pub struct License {
    /// The license's name (e.g. `Apache 2.0`).
    pub name: String,
    /// A URL to the license.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl License {
    /// A license by name.
    pub fn new(name: impl Into<String>) -> Self {
        License {
            name: name.into(),
            url: None,
            extensions: Extensions::new(),
        }
    }

    /// Sets the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    extension_builder!();
}

/// A Tag Object: a description for a tag name operations use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a Tag Object")]
#[non_exhaustive]
pub struct Tag {
    /// The tag's name.
    pub name: String,
    /// What the tag groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Documentation elsewhere.
    #[serde(rename = "externalDocs", skip_serializing_if = "Option::is_none")]
    pub external_docs: Option<ExternalDocs>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Tag {
    /// A tag by name.
    pub fn new(name: impl Into<String>) -> Self {
        Tag {
            name: name.into(),
            description: None,
            external_docs: None,
            extensions: Extensions::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the external documentation.
    pub fn external_docs(mut self, docs: ExternalDocs) -> Self {
        self.external_docs = Some(docs);
        self
    }

    extension_builder!();
}
