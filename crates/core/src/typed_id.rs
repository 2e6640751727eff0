//! [`typed_id!`](crate::typed_id): an id of one kind of resource as its own type, so that
//! the id of one kind cannot be passed where another's belongs.

/// Defines a newtype over [`Expr`](crate::Expr) for the id of one kind of resource: built
/// from a literal (`&str`, `String`) or a value CloudFormation computes (an [`Expr`]:
/// `Ref`, `Fn::ImportValue`), and usable wherever a template value goes (`Into<Expr>`,
/// `Into<Value<String>>`). Ids of different kinds do not convert into each other.
///
/// ```
/// cfnkit_core::typed_id!(
///     /// A queue's URL.
///     QueueUrl
/// );
/// cfnkit_core::typed_id!(
///     /// A topic's ARN.
///     TopicArn
/// );
/// fn subscribe(_: impl Into<TopicArn>) {}
/// subscribe("arn:aws:sns:eu-west-1:123456789012:events");
/// subscribe(cfnkit_core::Expr::import_value("events-TopicArn"));
/// let url = QueueUrl::from("https://sqs.eu-west-1.amazonaws.com/123456789012/q");
/// let _ = cfnkit_core::Output::new(url);
/// ```
///
/// ```compile_fail,E0277
/// cfnkit_core::typed_id!(QueueUrl);
/// cfnkit_core::typed_id!(TopicArn);
/// fn subscribe(_: impl Into<TopicArn>) {}
/// subscribe(QueueUrl::from("https://sqs.eu-west-1.amazonaws.com/123456789012/q"));
/// ```
#[macro_export]
macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name($crate::Expr);

        impl $name {
            /// The id as a template value.
            pub fn as_expr(&self) -> &$crate::Expr {
                &self.0
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(id: &str) -> Self {
                $name($crate::Expr::from(id))
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(id: ::std::string::String) -> Self {
                $name($crate::Expr::from(id))
            }
        }

        /// A value CloudFormation computes: a parameter's `Ref`, an `Fn::ImportValue`.
        impl ::core::convert::From<$crate::Expr> for $name {
            fn from(id: $crate::Expr) -> Self {
                $name(id)
            }
        }

        impl ::core::convert::From<$name> for $crate::Expr {
            fn from(id: $name) -> $crate::Expr {
                id.0
            }
        }

        impl ::core::convert::From<$name> for $crate::Value<::std::string::String> {
            fn from(id: $name) -> $crate::Value<::std::string::String> {
                $crate::Value::from(id.0)
            }
        }
    };
}
