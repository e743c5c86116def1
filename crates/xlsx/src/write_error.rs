//! Why a workbook could not be written.
//!
//! ```
//! use carbonbook_xlsx::write_error::WriteError;
//! let e = WriteError::TooManyRows { limit: 1_048_575 };
//! assert!(e.to_string().contains("1048575"));
//! ```

use std::io;
use std::path::PathBuf;

use carbonbook_core::arithmetic::ArithmeticError;

/// Why a template or results workbook could not be written. Whatever the
/// error, nothing is left at the target path and an existing file there is
/// unchanged.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// rust_xlsxwriter refused something (a limit of the format, a
    /// temporary file it could not make).
    #[error("cannot assemble the workbook: {0}")]
    Xlsx(rust_xlsxwriter::XlsxError),
    /// Reading or writing a file failed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        error: io::Error,
    },
    /// The ledger has more lines than an Excel sheet has rows below its
    /// header.
    #[error("the ledger has more than {limit} lines, the most an Excel sheet holds below its header row")]
    TooManyRows {
        /// The most ledger lines a sheet can take.
        limit: u32,
    },
    /// The results count a different number of ledger lines than were
    /// added: the book's totals would not match its ledger.
    #[error(
        "the Ledger sheet has {written} lines but the results count {expected}: pass every ledger line to add_line"
    )]
    LedgerMismatch {
        /// Lines written to the Ledger sheet.
        written: u64,
        /// Lines the results were computed from.
        expected: u64,
    },
    /// A sum overflowed (beyond what the engine itself accepted).
    #[error(transparent)]
    Arithmetic(#[from] ArithmeticError),
}

/// The message includes the cause, so it is not also a `source()`.
impl From<rust_xlsxwriter::XlsxError> for WriteError {
    fn from(e: rust_xlsxwriter::XlsxError) -> WriteError {
        WriteError::Xlsx(e)
    }
}
