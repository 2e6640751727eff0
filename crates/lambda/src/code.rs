//! [`Code`]: where a function's code comes from.

use std::path::PathBuf;

/// A function's code: inline source (Python and Node.js only; CloudFormation writes it to
/// `index.py` or `index.js`, so the handler is `index.<function>`), or an [`Asset`](crate::Asset)
/// made from a local directory or zip file.
///
/// ```
/// use cfnkit_lambda::Code;
/// let inline = Code::inline("def handler(event, context):\n    return {'statusCode': 200}\n");
/// let built = Code::from_dir("target/lambda/list-weather");   // e.g. cargo lambda build's output
/// let zipped = Code::from_zip("dist/list-weather.zip");
/// # let _ = (inline, built, zipped);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// Source text in the template (`Code.ZipFile`).
    Inline(String),
    /// A directory, zipped at synth.
    Directory(PathBuf),
    /// A zip file, taken as it is.
    Zip(PathBuf),
}

impl Code {
    /// Source text in the template.
    pub fn inline(source: impl Into<String>) -> Code {
        Code::Inline(source.into())
    }

    /// The files of a directory (e.g. a handler and its modules, or a Rust handler's
    /// `bootstrap`), zipped when the function is added to a stack.
    pub fn from_dir(dir: impl Into<PathBuf>) -> Code {
        Code::Directory(dir.into())
    }

    /// A zip file (e.g. what `cargo lambda build --output-format zip` writes).
    pub fn from_zip(path: impl Into<PathBuf>) -> Code {
        Code::Zip(path.into())
    }
}
