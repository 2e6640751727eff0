//! [`Runtime`]: the closed set of Lambda runtimes a new function may use.

use crate::l1::RegistryRuntime;

/// A Lambda runtime a new function may use: the current managed runtimes (Lambda blocks
/// creating functions on deprecated ones, which the registry's
/// [`RegistryRuntime`] still lists), and the OS-only runtimes for compiled handlers such
/// as Rust's (`provided.al2023`, with a `bootstrap` executable in the code).
///
/// ```
/// use cfnkit_lambda::Runtime;
/// assert_eq!(Runtime::Python3_13.name(), "python3.13");
/// assert!(Runtime::Nodejs22X.supports_inline_code());
/// assert!(!Runtime::ProvidedAl2023.supports_inline_code());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is the runtime its name spells
pub enum Runtime {
    Python3_10,
    Python3_11,
    Python3_12,
    Python3_13,
    Python3_14,
    Nodejs20X,
    Nodejs22X,
    Nodejs24X,
    Java11,
    Java17,
    Java21,
    Java25,
    Dotnet8,
    Ruby3_3,
    Ruby3_4,
    /// Amazon Linux 2, for a custom runtime or a compiled handler.
    ProvidedAl2,
    /// Amazon Linux 2023, for a custom runtime or a compiled handler (Rust's).
    ProvidedAl2023,
}

impl Runtime {
    /// Every runtime, in the order above.
    pub const ALL: &'static [Runtime] = &[
        Runtime::Python3_10,
        Runtime::Python3_11,
        Runtime::Python3_12,
        Runtime::Python3_13,
        Runtime::Python3_14,
        Runtime::Nodejs20X,
        Runtime::Nodejs22X,
        Runtime::Nodejs24X,
        Runtime::Java11,
        Runtime::Java17,
        Runtime::Java21,
        Runtime::Java25,
        Runtime::Dotnet8,
        Runtime::Ruby3_3,
        Runtime::Ruby3_4,
        Runtime::ProvidedAl2,
        Runtime::ProvidedAl2023,
    ];

    /// The runtime's identifier, as `Runtime` takes it (e.g. `python3.13`).
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Python3_10 => "python3.10",
            Runtime::Python3_11 => "python3.11",
            Runtime::Python3_12 => "python3.12",
            Runtime::Python3_13 => "python3.13",
            Runtime::Python3_14 => "python3.14",
            Runtime::Nodejs20X => "nodejs20.x",
            Runtime::Nodejs22X => "nodejs22.x",
            Runtime::Nodejs24X => "nodejs24.x",
            Runtime::Java11 => "java11",
            Runtime::Java17 => "java17",
            Runtime::Java21 => "java21",
            Runtime::Java25 => "java25",
            Runtime::Dotnet8 => "dotnet8",
            Runtime::Ruby3_3 => "ruby3.3",
            Runtime::Ruby3_4 => "ruby3.4",
            Runtime::ProvidedAl2 => "provided.al2",
            Runtime::ProvidedAl2023 => "provided.al2023",
        }
    }

    /// The L1 value.
    pub fn to_l1(self) -> RegistryRuntime {
        match self {
            Runtime::Python3_10 => RegistryRuntime::Python3_10,
            Runtime::Python3_11 => RegistryRuntime::Python3_11,
            Runtime::Python3_12 => RegistryRuntime::Python3_12,
            Runtime::Python3_13 => RegistryRuntime::Python3_13,
            Runtime::Python3_14 => RegistryRuntime::Python3_14,
            Runtime::Nodejs20X => RegistryRuntime::Nodejs20X,
            Runtime::Nodejs22X => RegistryRuntime::Nodejs22X,
            Runtime::Nodejs24X => RegistryRuntime::Nodejs24X,
            Runtime::Java11 => RegistryRuntime::Java11,
            Runtime::Java17 => RegistryRuntime::Java17,
            Runtime::Java21 => RegistryRuntime::Java21,
            Runtime::Java25 => RegistryRuntime::Java25,
            Runtime::Dotnet8 => RegistryRuntime::Dotnet8,
            Runtime::Ruby3_3 => RegistryRuntime::Ruby3_3,
            Runtime::Ruby3_4 => RegistryRuntime::Ruby3_4,
            Runtime::ProvidedAl2 => RegistryRuntime::ProvidedAl2,
            Runtime::ProvidedAl2023 => RegistryRuntime::ProvidedAl2023,
        }
    }

    /// The current runtime an L1 value names, `None` for a deprecated one.
    pub fn from_l1(runtime: RegistryRuntime) -> Option<Runtime> {
        Runtime::ALL.iter().copied().find(|r| r.to_l1() == runtime)
    }

    /// Whether CloudFormation takes this runtime's code inline (`Code.ZipFile`): Python
    /// and Node.js only.
    pub fn supports_inline_code(self) -> bool {
        self.name().starts_with("python") || self.name().starts_with("nodejs")
    }
}

impl std::fmt::Display for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
