//! Problems found in a book, each with where it is.
//!
//! ```
//! use carbonbook_xlsx::{CellRef, Problem};
//! let p = Problem::at(CellRef::new("Activities", 7, 3), "quantity must be a number, found \"abc\"");
//! assert_eq!(p.to_string(), "Activities!D7: quantity must be a number, found \"abc\"");
//! let p = Problem::sheet("Facilities", "missing sheet (also accepted: 设施)");
//! assert_eq!(p.to_string(), "Facilities: missing sheet (also accepted: 设施)");
//! ```

use std::fmt;

use crate::cell::{CellRef, quote_sheet};

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// The whole book.
    Book,
    /// A sheet (or the sheet is missing).
    Sheet(String),
    /// A cell.
    Cell(CellRef),
}

/// A problem (or warning) in a book.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Problem {
    /// Where.
    pub location: Location,
    /// What: what was expected and what was found.
    pub message: String,
}

impl Problem {
    /// A problem at a cell.
    pub fn at(cell: CellRef, message: impl Into<String>) -> Problem {
        Problem { location: Location::Cell(cell), message: message.into() }
    }

    /// A problem with a whole sheet.
    pub fn sheet(sheet: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { location: Location::Sheet(sheet.into()), message: message.into() }
    }

    /// A problem with the whole book.
    pub fn book(message: impl Into<String>) -> Problem {
        Problem { location: Location::Book, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::Book => f.write_str(&self.message),
            Location::Sheet(s) => write!(f, "{}: {}", quote_sheet(s), self.message),
            Location::Cell(c) => write!(f, "{c}: {}", self.message),
        }
    }
}
