//! Writing artifacts all or nothing: every file is staged under a temporary name in the
//! target directory, then the staged files replace their targets (each replaced file kept
//! aside under a temporary name until all are in place). A failure at any step undoes
//! what was done, so the directory holds exactly the previous artifacts, and no temporary
//! file is left behind.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Files to write together into one directory.
#[derive(Debug)]
pub struct Artifacts {
    dir: PathBuf,
    files: Vec<(String, Vec<u8>)>,
}

/// A file name an artifact cannot have: it must be one plain name inside the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadArtifactName(String);

impl fmt::Display for BadArtifactName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a file name inside the output directory (no path separators, no leading '.', not empty, once only)",
            self.0
        )
    }
}

impl std::error::Error for BadArtifactName {}

/// The file operations a write takes, so tests can make any of them fail.
pub(crate) trait FileOps {
    fn write(&self, path: &Path, contents: &[u8]) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove(&self, path: &Path) -> io::Result<()>;
    fn exists(&self, path: &Path) -> bool;
    fn is_dir(&self, path: &Path) -> bool;
}

/// The real file system.
struct Disk;

impl FileOps for Disk {
    fn write(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
        fs::write(path, contents)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
    fn remove(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
    fn exists(&self, path: &Path) -> bool {
        path.symlink_metadata().is_ok()
    }
    fn is_dir(&self, path: &Path) -> bool {
        path.symlink_metadata().is_ok_and(|m| m.is_dir())
    }
}

impl Artifacts {
    /// No files yet, to be written into `dir` (which must exist when they are written).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Artifacts {
            dir: dir.into(),
            files: Vec::new(),
        }
    }

    /// Adds a file named `name` inside the directory. A name with a path separator, a
    /// leading `.` (the staging names start with one), empty, or already added is refused.
    pub fn add(
        &mut self,
        name: impl Into<String>,
        contents: impl Into<Vec<u8>>,
    ) -> Result<(), BadArtifactName> {
        let name = name.into();
        let plain = !name.is_empty()
            && !name.starts_with('.')
            && !name.contains(['/', '\\', '\0'])
            && Path::new(&name)
                .file_name()
                .is_some_and(|n| n == name.as_str());
        if !plain || self.files.iter().any(|(n, _)| *n == name) {
            return Err(BadArtifactName(name));
        }
        self.files.push((name, contents.into()));
        Ok(())
    }

    /// The paths, in the order they were added.
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.files.iter().map(|(n, _)| self.dir.join(n))
    }

    /// Writes every file, all or nothing.
    pub fn write(&self) -> io::Result<()> {
        self.write_with(&Disk)
    }

    pub(crate) fn write_with(&self, ops: &dyn FileOps) -> io::Result<()> {
        let staged = self.stage(ops)?;
        let mut done: Vec<Swap> = Vec::new();
        for ((name, _), new) in self.files.iter().zip(&staged) {
            let target = self.dir.join(name);
            match swap_in(ops, new, &target, self.aside(name)) {
                Ok(swap) => done.push(swap),
                Err(e) => {
                    undo(ops, &done);
                    for path in &staged {
                        let _ = ops.remove(path);
                    }
                    return Err(io::Error::new(
                        e.kind(),
                        format!("{}: {e}", target.display()),
                    ));
                }
            }
        }
        // Every file is in place: the replaced ones can go.
        for swap in &done {
            if let Some(aside) = &swap.aside {
                let _ = ops.remove(aside);
            }
        }
        Ok(())
    }

    /// Writes each file under its staging name; on a failure removes the staged ones.
    fn stage(&self, ops: &dyn FileOps) -> io::Result<Vec<PathBuf>> {
        let mut staged: Vec<PathBuf> = Vec::new();
        for (name, contents) in &self.files {
            let path = self.dir.join(format!(".{name}.{}.new", std::process::id()));
            if let Err(e) = ops.write(&path, contents) {
                let _ = ops.remove(&path);
                for path in &staged {
                    let _ = ops.remove(path);
                }
                let target = self.dir.join(name);
                return Err(io::Error::new(
                    e.kind(),
                    format!("{}: {e}", target.display()),
                ));
            }
            staged.push(path);
        }
        Ok(staged)
    }

    /// Where the previous file of `name` waits while the new ones go in.
    fn aside(&self, name: &str) -> PathBuf {
        self.dir.join(format!(".{name}.{}.old", std::process::id()))
    }
}

/// One file put in place: where the previous one waits, if there was one.
struct Swap {
    target: PathBuf,
    aside: Option<PathBuf>,
}

fn swap_in(ops: &dyn FileOps, staged: &Path, target: &Path, aside: PathBuf) -> io::Result<Swap> {
    // A directory is never replaced by an artifact.
    if ops.is_dir(target) {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "a directory is in the way",
        ));
    }
    let aside = if ops.exists(target) {
        ops.rename(target, &aside)?;
        Some(aside)
    } else {
        None
    };
    if let Err(e) = ops.rename(staged, target) {
        if let Some(aside) = &aside {
            let _ = ops.rename(aside, target);
        }
        return Err(e);
    }
    Ok(Swap {
        target: target.to_owned(),
        aside,
    })
}

/// Puts the previous files back, last first.
fn undo(ops: &dyn FileOps, done: &[Swap]) {
    for swap in done.iter().rev() {
        let _ = ops.remove(&swap.target);
        if let Some(aside) = &swap.aside {
            let _ = ops.rename(aside, &swap.target);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use std::cell::Cell;
    use std::collections::BTreeMap;

    use super::*;

    /// The disk, failing the `n`-th operation of one kind.
    struct Failing {
        kind: &'static str,
        at: usize,
        seen: Cell<usize>,
    }

    impl Failing {
        fn check(&self, kind: &str) -> io::Result<()> {
            if kind == self.kind {
                let n = self.seen.get();
                self.seen.set(n + 1);
                if n == self.at {
                    return Err(io::Error::other(format!("injected {kind} failure")));
                }
            }
            Ok(())
        }
    }

    impl FileOps for Failing {
        fn write(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
            self.check("write")?;
            Disk.write(path, contents)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.check("rename")?;
            Disk.rename(from, to)
        }
        fn remove(&self, path: &Path) -> io::Result<()> {
            Disk.remove(path)
        }
        fn exists(&self, path: &Path) -> bool {
            Disk.exists(path)
        }
        fn is_dir(&self, path: &Path) -> bool {
            Disk.is_dir(path)
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cfnkit-artifacts-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().into_string().unwrap(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }

    fn three(dir: &Path, version: &str) -> Artifacts {
        let mut files = Artifacts::new(dir);
        for name in ["a.json", "b.json", "c.json"] {
            files.add(name, format!("{name} {version}")).unwrap();
        }
        files
    }

    #[test]
    fn every_failure_leaves_the_previous_files_and_nothing_else() {
        // The previous artifacts: a and b exist, c is new.
        for (kind, count) in [("write", 3), ("rename", 5)] {
            for at in 0..count {
                let dir = scratch(&format!("{kind}-{at}"));
                fs::write(dir.join("a.json"), "a old").unwrap();
                fs::write(dir.join("b.json"), "b old").unwrap();
                let before = contents(&dir);
                let failing = Failing {
                    kind,
                    at,
                    seen: Cell::new(0),
                };
                let result = three(&dir, "new").write_with(&failing);
                assert!(result.is_err(), "{kind} {at}");
                assert_eq!(contents(&dir), before, "{kind} failure {at}");
                let _ = fs::remove_dir_all(&dir);
            }
        }
    }

    #[test]
    fn a_write_replaces_every_file_and_leaves_no_temporary() {
        let dir = scratch("ok");
        fs::write(dir.join("a.json"), "a old").unwrap();
        three(&dir, "new").write().unwrap();
        let after = contents(&dir);
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            ["a.json", "b.json", "c.json"]
        );
        assert_eq!(after["a.json"], b"a.json new");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_directory_in_the_way_undoes_the_files_before_it() {
        let dir = scratch("dir");
        fs::write(dir.join("a.json"), "a old").unwrap();
        fs::create_dir_all(dir.join("b.json").join("inside")).unwrap();
        let before = contents_shallow(&dir);
        assert!(three(&dir, "new").write().is_err());
        assert_eq!(contents_shallow(&dir), before);
        assert_eq!(fs::read(dir.join("a.json")).unwrap(), b"a old");
        let _ = fs::remove_dir_all(&dir);
    }

    fn contents_shallow(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn names_stay_inside_the_directory() {
        let mut files = Artifacts::new("/tmp/x");
        for bad in ["", "../escape.json", "a/b.json", ".hidden", "..", "c\\d"] {
            assert!(files.add(bad, "x").is_err(), "{bad:?}");
        }
        files.add("ok.json", "x").unwrap();
        assert!(files.add("ok.json", "y").is_err(), "a name once only");
    }
}
