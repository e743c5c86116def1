//! Sheets laid out as one table: a bold, frozen header row over data rows.

use rust_xlsxwriter::Worksheet;

use crate::style;
use crate::write_error::WriteError;

/// Writes the header row (row 1) with column widths, and freezes it
/// together with the first `frozen_columns` columns.
pub(crate) fn header_row(
    sheet: &mut Worksheet,
    columns: &[(&str, f64)],
    frozen_columns: u16,
) -> Result<(), WriteError> {
    let format = style::header();
    for (c, (text, width)) in (0..).zip(columns) {
        sheet.set_column_width(c, *width)?;
        sheet.write_string_with_format(0, c, *text, &format)?;
    }
    sheet.set_freeze_panes(1, frozen_columns)?;
    Ok(())
}
