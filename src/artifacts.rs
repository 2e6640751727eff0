//! Writing artifacts atomically: every file is written to a temporary sibling first and
//! renamed over the target only when all of them were written, so an error never leaves
//! a half-written or emptied artifact behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Files to write together.
#[derive(Debug, Default)]
pub struct Artifacts {
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl Artifacts {
    /// No files yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file.
    pub fn add(&mut self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) {
        self.files.push((path.into(), contents.into()));
    }

    /// The paths, in the order they were added.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(p, _)| p.as_path())
    }

    /// Writes every file: all temporary files first, then the renames. If any temporary
    /// file cannot be written, the ones written are removed and no target is touched.
    pub fn write(&self) -> io::Result<()> {
        // A rename over a directory would fail halfway through: refuse before writing.
        if let Some((path, _)) = self.files.iter().find(|(p, _)| p.is_dir()) {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!("{} is a directory", path.display()),
            ));
        }
        let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
        for (path, contents) in &self.files {
            match stage(path, contents) {
                Ok(tmp) => staged.push((tmp, path)),
                Err(e) => {
                    for (tmp, _) in &staged {
                        let _ = fs::remove_file(tmp);
                    }
                    return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display())));
                }
            }
        }
        for (tmp, path) in &staged {
            fs::rename(tmp, path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        }
        Ok(())
    }
}

/// Writes `contents` next to `path` under a temporary name and returns that name.
fn stage(path: &Path, contents: &[u8]) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    fs::write(&tmp, contents)?;
    Ok(tmp)
}
