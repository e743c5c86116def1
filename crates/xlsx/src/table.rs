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
    print_layout(sheet, Some(0));
    Ok(())
}

/// The printed page of a sheet: A4 landscape, every column fitted to the
/// page's width (as many pages down as the rows need, so charts and wide
/// tables are not cut across pages), the header row repeated on every
/// page, and page numbers in the footer.
pub(crate) fn print_layout(sheet: &mut Worksheet, header_row: Option<u32>) {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_footer("&C&P / &N");
    if let Some(r) = header_row {
        // Only fails for a row beyond the sheet, which a header never is.
        let _ = sheet.set_repeat_rows(r, r);
    }
}
