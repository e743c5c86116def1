//! A1-style cell references.
//!
//! ```
//! use carbonbook_xlsx::cell::{CellRef, column_letters};
//! assert_eq!(column_letters(0), "A");
//! assert_eq!(column_letters(27), "AB");
//! assert_eq!(CellRef::new("Activities", 5, 4).to_string(), "Activities!E5");
//! assert_eq!(CellRef::new("My Sheet", 1, 0).to_string(), "'My Sheet'!A1");
//! ```

use std::fmt;

/// Column letters for a 0-based column index (`0` → `A`, `26` → `AA`).
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell of a sheet: 1-based row as Excel shows it, 0-based column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    /// Sheet name as it is in the book.
    pub sheet: String,
    /// Row number as Excel shows it (1-based).
    pub row: u32,
    /// Column index (0-based: A = 0).
    pub col: u32,
}

impl CellRef {
    /// A reference.
    pub fn new(sheet: impl Into<String>, row: u32, col: u32) -> CellRef {
        CellRef { sheet: sheet.into(), row, col }
    }

    /// The cell of the same sheet and column in another row.
    ///
    /// ```
    /// use carbonbook_xlsx::CellRef;
    /// assert_eq!(CellRef::new("Facilities", 5, 0).with_row(3).to_string(), "Facilities!A3");
    /// ```
    pub fn with_row(&self, row: u32) -> CellRef {
        CellRef { sheet: self.sheet.clone(), row, col: self.col }
    }

    /// The cell of the same sheet and row in another column.
    ///
    /// ```
    /// use carbonbook_xlsx::CellRef;
    /// assert_eq!(CellRef::new("Organisation", 4, 1).with_col(0).to_string(), "Organisation!A4");
    /// ```
    pub fn with_col(&self, col: u32) -> CellRef {
        CellRef { sheet: self.sheet.clone(), row: self.row, col }
    }
}

/// Quotes a sheet name for a reference when it needs it (`'My Sheet'`).
pub fn quote_sheet(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}{}", quote_sheet(&self.sheet), column_letters(self.col), self.row)
    }
}
