//! Output files written atomically: a temporary file beside the target,
//! renamed onto it only when complete.
//!
//! A failed or abandoned write leaves nothing behind (the temporary file is
//! removed when the [`AtomicFile`] is dropped) and never changes a file
//! that already exists at the target.
//!
//! A target that exists and is not a regular file (a device such as
//! `/dev/null`, a named pipe) is never replaced: it is opened and written
//! directly, without the temporary file and rename, since renaming onto it
//! would turn the device into a plain file.
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
    output: Output,
    target: PathBuf,
}

/// Where the bytes go until the commit.
#[derive(Debug)]
enum Output {
    /// A temporary file beside a regular (or not yet existing) target.
    Temporary(NamedTempFile),
    /// A target that is not a regular file (a device, a pipe), written in
    /// place.
    Direct(File),
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
        let io_error = |error| WriteError::Io { path: target.to_path_buf(), error };
        if let Ok(meta) = std::fs::metadata(target)
            && !meta.is_file()
            && !meta.is_dir()
        {
            let file = std::fs::OpenOptions::new().write(true).open(target).map_err(io_error)?;
            return Ok(AtomicFile { output: Output::Direct(file), target: target.to_path_buf() });
        }
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
        let temp = builder.tempfile_in(dir).map_err(io_error)?;
        Ok(AtomicFile { output: Output::Temporary(temp), target: target.to_path_buf() })
    }

    /// A directory for the writer's own scratch files: the target's, so
    /// that they stay on its file system, or the system's temporary
    /// directory when the target is a device.
    pub fn dir(&self) -> PathBuf {
        match self.output {
            Output::Temporary(_) => directory_of(&self.target).to_path_buf(),
            Output::Direct(_) => std::env::temp_dir(),
        }
    }

    /// Whether the target is written in place (a device or a pipe), with
    /// no temporary file: what was written before an error stays there.
    pub fn is_direct(&self) -> bool {
        matches!(self.output, Output::Direct(_))
    }

    /// The target path.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The temporary file, to write to.
    pub fn file(&mut self) -> &mut File {
        match &mut self.output {
            Output::Temporary(temp) => temp.as_file_mut(),
            Output::Direct(file) => file,
        }
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
        let target = self.target.clone();
        let mut out = BufWriter::new(self.file());
        write(&mut out)?;
        out.flush().map_err(|error| WriteError::Io { path: target, error })?;
        drop(out);
        self.commit()
    }

    /// Renames the file onto the target (a device or pipe target was
    /// written in place and is only flushed).
    ///
    /// # Errors
    ///
    /// [`WriteError::Io`] when renaming fails; the temporary file
    /// is removed and the target left as it was.
    pub fn commit(self) -> Result<(), WriteError> {
        let AtomicFile { output, target } = self;
        let fail = |error| WriteError::Io { path: target.clone(), error };
        match output {
            Output::Temporary(temp) => {
                temp.persist(&target).map_err(|e| fail(e.error))?;
            }
            Output::Direct(mut file) => file.flush().map_err(fail)?,
        }
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

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let target = Path::new("/dev/null");
        let mut f = AtomicFile::create(target).unwrap();
        assert!(f.is_direct());
        f.file().write_all(b"discarded").unwrap();
        f.commit().unwrap();
        assert!(std::fs::metadata(target).unwrap().file_type().is_char_device());
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
