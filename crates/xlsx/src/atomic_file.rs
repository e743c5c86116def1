//! Output files written atomically: a temporary file beside the target,
//! renamed onto it only when complete.
//!
//! A failed or abandoned write leaves nothing behind (the temporary file is
//! removed when the [`AtomicFile`] is dropped) and never changes a file
//! that already exists at the target.
//!
//! The file is not forced to disk (`fsync`) before the rename, as with most
//! command-line tools: an error, a crash of the program or an interrupt
//! leave the target as it was, and what reaches the disk after a power cut
//! is the operating system's affair (ext4, for one, writes out a file
//! renamed over another before the rename). Forcing it cost a quarter of a
//! second per 60 MB written here, more than computing them.
//!
//! ```
//! use std::io::Write;
//! use carbonbook_xlsx::atomic_file::AtomicFile;
//! let dir = tempfile::tempdir()?;
//! let target = dir.path().join("out.txt");
//! let mut f = AtomicFile::create(&target)?;
//! f.file().write_all(b"done")?;
//! assert!(!target.exists());
//! f.commit()?;
//! assert_eq!(std::fs::read(&target)?, b"done");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::write_error::WriteError;

/// A file being written; [`AtomicFile::commit`] puts it in place.
#[derive(Debug)]
pub struct AtomicFile {
    temp: NamedTempFile,
    target: PathBuf,
}

impl AtomicFile {
    /// Starts a file that will end up at `target`: creates a temporary file
    /// (`.carbonbook-*.tmp`) in the target's directory, so that the final
    /// rename stays on one file system.
    ///
    /// # Errors
    ///
    /// [`WriteError::Io`] when the directory cannot take a new file.
    pub fn create(target: &Path) -> Result<AtomicFile, WriteError> {
        let dir = directory_of(target);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".carbonbook-").suffix(".tmp");
        // The permissions a plain `File::create` would give (0666 less the
        // umask), not the owner-only 0600 of temporary files.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir).map_err(|source| WriteError::Io { path: target.to_path_buf(), source })?;
        Ok(AtomicFile { temp, target: target.to_path_buf() })
    }

    /// The directory the file is written in (the target's).
    pub fn dir(&self) -> &Path {
        directory_of(&self.target)
    }

    /// The target path.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The temporary file, to write to.
    pub fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// Writes the file through a buffer with `write`, then commits it
    /// ([`AtomicFile::commit`]).
    ///
    /// # Errors
    ///
    /// What `write` returns, or [`WriteError::Io`] when flushing or
    /// renaming fails; the temporary file is removed and the target left
    /// as it was.
    pub fn write_and_commit<F>(mut self, write: F) -> Result<(), WriteError>
    where
        F: FnOnce(&mut BufWriter<&mut File>) -> Result<(), WriteError>,
    {
        let mut out = BufWriter::new(self.temp.as_file_mut());
        write(&mut out)?;
        out.flush().map_err(|source| WriteError::Io { path: self.target.clone(), source })?;
        drop(out);
        self.commit()
    }

    /// Renames the file onto the target.
    ///
    /// # Errors
    ///
    /// [`WriteError::Io`] when renaming fails; the temporary file
    /// is removed and the target left as it was.
    pub fn commit(self) -> Result<(), WriteError> {
        let AtomicFile { temp, target } = self;
        let fail = |source| WriteError::Io { path: target.clone(), source };
        temp.persist(&target).map_err(|e| fail(e.error))?;
        Ok(())
    }
}

fn directory_of(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_file_leaves_nothing_and_keeps_the_old_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book.xlsx");
        std::fs::write(&target, b"old").unwrap();
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.file().write_all(b"new").unwrap();
        }
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_io_error_naming_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no such dir").join("book.xlsx");
        let e = AtomicFile::create(&target).unwrap_err();
        assert!(matches!(e, WriteError::Io { .. }));
        assert!(e.to_string().contains("book.xlsx"), "{e}");
    }
}
