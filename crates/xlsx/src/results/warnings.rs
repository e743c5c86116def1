//! The Warnings sheet: what the reader and the engine want the user to
//! know, though it did not stop the calculation.

use carbonbook_core::Results;
use rust_xlsxwriter::Worksheet;

use super::RunInfo;
use crate::write_error::WriteError;
use crate::{style, table};

/// The sheet's name.
pub(super) const SHEET: &str = "Warnings";

/// Writes the sheet: first the run's own messages, then the engine's
/// warnings that the run's messages do not already give (located to a
/// cell, they end with the same message).
pub(super) fn write(sheet: &mut Worksheet, results: &Results, info: &RunInfo) -> Result<(), WriteError> {
    table::header_row(sheet, &[("#", 6.0), ("From", 12.0), ("Where", 22.0), ("Message", 120.0)], 0)?;
    let wrap = style::wrap();
    let given = |message: &str| info.problems_and_warnings.iter().any(|p| p.ends_with(message));
    let engine = results.warnings.iter().filter(|w| !given(&w.message)).map(|w| {
        let place = match w.row {
            Some(row) => format!("{} row {row}", w.sheet),
            None => w.sheet.to_string(),
        };
        ("calculation", place, w.message.as_str())
    });
    let run = info.problems_and_warnings.iter().map(|m| ("workbook", String::new(), m.as_str()));
    let mut r = 1;
    for (from, place, message) in run.chain(engine) {
        sheet.write_number(r, 0, r)?;
        sheet.write_string(r, 1, from)?;
        sheet.write_string(r, 2, place)?;
        sheet.write_string_with_format(r, 3, message, &wrap)?;
        r += 1;
    }
    if r == 1 {
        sheet.write_string(1, 3, "No warnings.")?;
    }
    Ok(())
}
