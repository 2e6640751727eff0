//! JSON pointers (RFC 6901) into a rendered document: core's, the one implementation.

pub(crate) use cfnkit_core::pointer::{Pointer, escape, unescape};
