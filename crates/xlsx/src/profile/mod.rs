//! Mapping profiles: foreign workbooks turned into workbook-v1 without
//! retyping.
//!
//! A profile is a small TOML file that says where a table is in a foreign
//! workbook (sheet, anchor text or header row, end marker), how its columns
//! map onto the fields of a workbook-v1 sheet (or constants), where the unit
//! of a value comes from (a column, the header text, or fixed), and how the
//! table's habits are treated: merged labels and labels written once per
//! block (filled down), group sub-header rows, totals rows (declared, or
//! detected by their label or their figures), footnote markers, "no data"
//! tokens (`NA`, `-`, `TBD`), bounds (`< 1`), dates written as text (read
//! in a declared format) and wide tables (one column per month or year,
//! read as one row per value cell). The format is documented in
//! `docs/profile-v1.md`.
//!
//! ```
//! use carbonbook_xlsx::profile::{self, Profile};
//!
//! let dir = tempfile::tempdir()?;
//! let csv = dir.path().join("utility.csv");
//! std::fs::write(&csv, "city,year,kWh delivered\nAppleton,2021,5108\nBrookfield,2021,NA\n")?;
//! let p = Profile::from_toml(r#"
//!     profile = 1
//!     [organisation]
//!     name = "Example region"
//!     reporting_year = 2021
//!     [facilities]
//!     country = "US"
//!     [[table]]
//!     into = "Activities"
//!     [table.columns]
//!     facility_id = { column = "city" }
//!     source = { value = "purchased_electricity" }
//!     activity = { value = "electricity" }
//!     quantity = { column = "kWh delivered" }
//!     unit = { value = "kWh" }
//!     period = { column = "year" }
//! "#)?;
//! let out = dir.path().join("book.xlsx");
//! let done = profile::convert(&csv, &p, &out)?;
//! assert_eq!(done.landed, 1);
//! assert_eq!(done.rejected[0].to_string(),
//!     "utility!C3: quantity is required, found \"NA\", which means no value");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`convert`] writes the canonical workbook (the template's sheets, so it
//! validates like any book) with a `Rejected rows` sheet listing every row
//! that did not land, with its cell and why; [`MappedBook`] hands the same
//! mapped rows to the calculation without writing a file. Every row of a
//! table either lands or is listed: nothing is dropped silently.
//!
//! Rows are streamed: an .xlsx sheet is read cell by cell and each row is
//! written out as soon as it is mapped; only the merged regions of the
//! sheet (found by a pass of their own, beside the walk) and the labels
//! being filled down are kept.

mod convert;
mod dates;
mod locate;
mod map;
mod mapped;
pub mod model;
mod plan;
mod totals;
mod values;

/// What the inspector shares with profiles.
pub(crate) mod values_public {
    pub(crate) use super::dates::header_period;
    pub(crate) use super::values::{DEFAULT_MISSING, is_bound};
}

use std::path::Path;

pub use convert::{Converted, REJECTED_SHEET, convert, dry_run};
pub use map::RejectedRow;
pub use mapped::MappedBook;
pub use plan::Profile;

use crate::problem::Problem;
use crate::read::OpenError;

/// Why a profile cannot be used, or a book cannot be read through it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The profile file cannot be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The profile's path.
        path: std::path::PathBuf,
        /// What went wrong.
        error: std::io::Error,
    },
    /// The profile is not valid: every problem, each with its line.
    #[error("the profile is not valid:\n{}", .0.join("\n"))]
    Invalid(Vec<String>),
    /// The book cannot be opened or read.
    #[error(transparent)]
    Open(#[from] OpenError),
    /// The book does not hold what the profile says (no such sheet, no
    /// header, a column not found): every problem, with its sheet or cell.
    #[error("the book does not match the profile:\n{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Mismatch(Vec<Problem>),
    /// The output cannot be written.
    #[error(transparent)]
    Write(#[from] crate::WriteError),
}

impl Profile {
    /// Parses and checks a profile.
    ///
    /// # Errors
    ///
    /// [`ProfileError::Invalid`] with every problem: TOML syntax, unknown
    /// keys (named, with their line), fields that are not workbook-v1 fields
    /// of the target sheet, required fields without a source.
    ///
    /// ```
    /// use carbonbook_xlsx::profile::Profile;
    /// let e = Profile::from_toml("profile = 1\n[[table]]\ninto = \"Activities\"\nshet = \"Data\"\n").unwrap_err();
    /// assert!(e.to_string().contains("unknown field `shet`"), "{e}");
    /// assert!(e.to_string().contains("line 4"), "{e}");
    /// ```
    pub fn from_toml(text: &str) -> Result<Profile, ProfileError> {
        let file: model::ProfileFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| plan::line_of(text, s.start));
            let msg = e.message().trim().to_owned();
            ProfileError::Invalid(vec![match line {
                Some(l) => format!("line {l}: {msg}"),
                None => msg,
            }])
        })?;
        plan::compile(file, text).map_err(ProfileError::Invalid)
    }

    /// Reads and checks a profile file.
    ///
    /// # Errors
    ///
    /// [`ProfileError::Io`] when it cannot be read, else as [`Profile::from_toml`].
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let text = std::fs::read_to_string(path).map_err(|error| ProfileError::Io { path: path.to_owned(), error })?;
        Profile::from_toml(&text)
    }
}

#[cfg(test)]
mod tests;
