//! [`Asset`]: a function's code packaged at synth, content-hashed, for `synth --out` to
//! write into the assembly and for the `cfnkit` tool to upload before deploying.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::zip::{self, Entry};

/// The template parameter naming the S3 bucket a stack's assets are in: `cfnkit deploy`
/// uploads them there and passes the bucket (`--asset-bucket`, or one it creates).
pub const ASSET_BUCKET_PARAMETER: &str = "CfnkitAssetBucket";

/// A function's code as a zip archive, packaged when the function is added to a stack
/// (a directory is zipped deterministically; a zip file is taken as it is). The archive's
/// SHA-256 names it: the S3 key `<stack>/<hash>.zip`, so new code is a new key and
/// CloudFormation updates the function (and a bucket shared by several stacks never has
/// two stacks owning one object: destroying one leaves the other's), and the assembly's
/// file `asset.<hash>.zip`.
///
/// The stack keeps each asset ([`Stack::constructs`](cfnkit_core::Stack::constructs)), so
/// `synth --out` writes them without being told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    stack: String,
    function: String,
    source: PathBuf,
    hash: String,
    bytes: Arc<Vec<u8>>,
}

impl Asset {
    pub(crate) fn new(stack: &str, function: &str, source: &Path, bytes: Vec<u8>) -> Asset {
        let hash = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Asset {
            stack: stack.to_owned(),
            function: function.to_owned(),
            source: source.to_path_buf(),
            hash,
            bytes: Arc::new(bytes),
        }
    }

    /// The logical id of the function whose code this is.
    pub fn function(&self) -> &str {
        &self.function
    }

    /// The directory or zip file it was made from.
    pub fn source(&self) -> &Path {
        &self.source
    }

    /// The archive's SHA-256, in lowercase hex.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The S3 key the template names: `<stack>/<hash>.zip`.
    pub fn s3_key(&self) -> String {
        format!("{}/{}.zip", self.stack, self.hash)
    }

    /// The file name in the assembly: `asset.<hash>.zip`.
    pub fn file_name(&self) -> String {
        format!("asset.{}.zip", self.hash)
    }

    /// The archive.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Lambda's limit on a function's code, unzipped (its layers included): 250 MB.
pub const MAX_UNZIPPED_BYTES: usize = 250 * 1024 * 1024;

/// The archive of a directory: every file below it, by path, executables kept executable.
/// A symlink to a file is read through; a symlink to a directory is refused (it may loop
/// back to where it is).
pub(crate) fn zip_directory(dir: &Path) -> Result<Vec<u8>, String> {
    let mut entries = Vec::new();
    collect(dir, "", &mut entries)?;
    if entries.is_empty() {
        return Err(format!("directory {} holds no file", dir.display()));
    }
    let total: usize = entries.iter().map(|e| e.data.len()).sum();
    if total > MAX_UNZIPPED_BYTES {
        return Err(format!(
            "directory {} holds {total} bytes; Lambda allows at most {MAX_UNZIPPED_BYTES} unzipped (250 MB). Leave out what the handler does not need, or move it to a layer",
            dir.display()
        ));
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    zip::write(&entries)
}

fn collect(dir: &Path, prefix: &str, entries: &mut Vec<Entry>) -> Result<(), String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in read {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            return Err(format!("{} is not a UTF-8 file name", path.display()));
        };
        let name = format!("{prefix}{name}");
        let metadata =
            std::fs::metadata(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let linked = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .is_symlink();
        if metadata.is_dir() && linked {
            return Err(format!(
                "{} is a symlink to a directory, which is not followed (it could loop); copy the directory in instead",
                path.display()
            ));
        } else if metadata.is_dir() {
            collect(&path, &format!("{name}/"), entries)?;
        } else if metadata.is_file() {
            let data =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            entries.push(Entry {
                name,
                data,
                executable: is_executable(&metadata),
            });
        }
    }
    Ok(())
}

#[cfg(unix)]
fn is_executable(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    false
}

/// A zip file's bytes, after checking that it looks like one.
pub(crate) fn read_zip(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !bytes.starts_with(b"PK") {
        return Err(format!("{} is not a zip file", path.display()));
    }
    if bytes.len() > MAX_UNZIPPED_BYTES {
        return Err(format!(
            "{} is {} bytes; Lambda allows at most {MAX_UNZIPPED_BYTES} of code unzipped (250 MB). Leave out what the handler does not need, or move it to a layer",
            path.display(),
            bytes.len()
        ));
    }
    Ok(bytes)
}
