//! Failures to open or read a book as a whole.

use std::path::PathBuf;

/// A file-level failure: the book cannot be read at all. Each has one clear
/// message (the CLI prints it and exits 1). Problems *in* a readable book are
/// [`Problem`](crate::Problem)s in [`Setup`](super::Setup) instead.
///
/// ```
/// use carbonbook_xlsx::read::{self, OpenError};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("notes.xlsx");
/// std::fs::write(&path, "just some text")?;
/// let err = read::open(&path).unwrap_err();
/// assert!(matches!(err, OpenError::NotAWorkbook { .. }));
/// assert!(err.to_string().contains("is not a workbook"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// No file or folder at the path.
    #[error("{}: no such file or folder", path.display())]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// The file is not a workbook (text, an image, another kind of document…).
    #[error("{} is not a workbook: {reason}", path.display())]
    NotAWorkbook {
        /// The path given.
        path: PathBuf,
        /// What it is, or why it is not one.
        reason: String,
    },
    /// The workbook is password-protected (encrypted).
    #[error(
        "{} is password-protected (encrypted): save an unprotected copy (File > Info > Protect Workbook > Encrypt with Password, clear the password) and use that",
        path.display()
    )]
    Encrypted {
        /// The path given.
        path: PathBuf,
    },
    /// The book is larger than a limit allows (or is a decompression bomb).
    #[error("{}: {what} exceeds the limit of {limit}; the file is refused", path.display())]
    TooLarge {
        /// The path given.
        path: PathBuf,
        /// What is too large, with its size.
        what: String,
        /// The limit.
        limit: String,
    },
    /// A sheet passes what a worksheet can hold (Excel's 1,048,576 rows and
    /// 16,384 columns, see [`Limits`](super::Limits)), or its XML is not a
    /// sheet's: a hostile file (a "row bomb"), refused as soon as the reader
    /// gets there.
    #[error("{}: the sheet \"{sheet}\" {what}, beyond {limit}; the file is refused", path.display())]
    SheetTooLarge {
        /// The path given.
        path: PathBuf,
        /// The sheet.
        sheet: String,
        /// What it holds (`reaches row 1,048,577`), with its part for
        /// .xlsx books.
        what: String,
        /// The limit passed (`the 1,048,576 rows a worksheet holds`).
        limit: String,
    },
    /// The file is a workbook but damaged (truncated archive, broken XML…).
    #[error("{} is damaged and cannot be read: {reason}", path.display())]
    Corrupt {
        /// The path given.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Reading failed (permissions, disk errors).
    #[error("{}: {error}", path.display())]
    Io {
        /// The path given.
        path: PathBuf,
        /// The error.
        error: std::io::Error,
    },
}

impl OpenError {
    /// The error of an I/O failure on `path`.
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> OpenError {
        if source.kind() == std::io::ErrorKind::NotFound {
            OpenError::NotFound { path: path.to_owned() }
        } else {
            OpenError::Io { path: path.to_owned(), error: source }
        }
    }

    /// A damaged book.
    pub(crate) fn corrupt(path: &std::path::Path, reason: impl Into<String>) -> OpenError {
        OpenError::Corrupt { path: path.to_owned(), reason: reason.into() }
    }

    /// Not a workbook.
    pub(crate) fn not_a_workbook(path: &std::path::Path, reason: impl Into<String>) -> OpenError {
        OpenError::NotAWorkbook { path: path.to_owned(), reason: reason.into() }
    }
}
