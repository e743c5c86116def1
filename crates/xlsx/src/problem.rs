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
    /// The same in Chinese, where there are words for it (reports in
    /// Chinese show it).
    pub message_zh: Option<String>,
}

/// Characters a problem's message keeps: messages quote what a cell
/// holds, and a cell may hold a long text; up to 100,000 problems are kept.
const MAX_MESSAGE: usize = 2000;

impl Problem {
    /// A problem at a cell.
    pub fn at(cell: CellRef, message: impl Into<String>) -> Problem {
        Problem { location: Location::Cell(cell), message: bounded(message.into()), message_zh: None }
    }

    /// A problem with a whole sheet.
    pub fn sheet(sheet: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { location: Location::Sheet(sheet.into()), message: bounded(message.into()), message_zh: None }
    }

    /// A problem with the whole book.
    ///
    /// A message longer than 2,000 characters is cut there (`…`).
    ///
    /// ```
    /// use carbonbook_xlsx::Problem;
    /// let p = Problem::book(format!("unknown unit \"{}\"", "x".repeat(5000)));
    /// assert_eq!(p.message.chars().count(), 2001);
    /// assert!(p.message.ends_with('…'));
    /// ```
    pub fn book(message: impl Into<String>) -> Problem {
        Problem { location: Location::Book, message: bounded(message.into()), message_zh: None }
    }

    /// The problem with its message also in Chinese.
    ///
    /// ```
    /// use carbonbook_xlsx::problem::Problem;
    /// let p = Problem::sheet("Activities", "the sheet is hidden").with_zh("工作表已隐藏");
    /// assert_eq!(p.in_chinese().to_string(), "Activities: 工作表已隐藏");
    /// assert_eq!(p.to_string(), "Activities: the sheet is hidden");
    /// ```
    #[must_use]
    pub fn with_zh(mut self, message_zh: impl Into<String>) -> Problem {
        self.message_zh = Some(bounded(message_zh.into()));
        self
    }

    /// The problem in Chinese where it has the words, else as it is.
    #[must_use]
    pub fn in_chinese(&self) -> Problem {
        match &self.message_zh {
            Some(zh) => Problem { location: self.location.clone(), message: zh.clone(), message_zh: None },
            None => self.clone(),
        }
    }
}

/// `message`, cut at [`MAX_MESSAGE`] characters.
pub(crate) fn bounded(mut message: String) -> String {
    if message.len() > MAX_MESSAGE
        && let Some((at, _)) = message.char_indices().nth(MAX_MESSAGE)
    {
        message.truncate(at);
        message.push('…');
    }
    message
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
