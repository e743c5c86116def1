//! The blank workbook-v1 book (`carbonbook template OUT.xlsx`).
//!
//! Sheets: Instructions (English and Chinese), Organisation (field/value
//! rows with the defaults filled in), Facilities, Activities, Production,
//! Factors and Trading with exactly the workbook-v1 headers (bold, frozen),
//! column widths and number formats, an input message on every column and
//! drop-down lists for source, activity, unit, gas, scheme, methodology and
//! GWP set, whose values stand on a hidden `Lists` sheet. Blanks are
//! always allowed.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("book.xlsx");
//! carbonbook_xlsx::template::write_template(&path)?;
//! assert!(path.exists());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod columns;
mod instructions;
mod lists;

use std::path::Path;

use carbonbook_core::field::Field;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, Formula, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::atomic_file::AtomicFile;
pub use crate::write_error::WriteError;
use crate::{doc_properties, style, table};
use columns::{Column, FIELDS, Kind, ORGANISATION, SHEETS, Sheet, Value};
use lists::Lists;

/// The last row a validation covers (0-based): the whole sheet.
const LAST_ROW: RowNum = 1_048_575;

/// Writes the blank workbook-v1 book to `path` (atomically: temp file in
/// the same directory, then rename; nothing left behind on failure).
///
/// # Errors
///
/// [`WriteError::Io`] when the file cannot be written;
/// [`WriteError::Xlsx`] should rust_xlsxwriter refuse the book.
pub fn write_template(path: &Path) -> Result<(), WriteError> {
    let file = AtomicFile::create(path)?;
    let mut workbook = book()?;
    file.write_and_commit(|out| Ok(workbook.save_to_writer(out)?))
}

fn book() -> Result<Workbook, WriteError> {
    let lists = Lists::new();
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties::properties(
        "carbonbook workbook, version 1",
        "Input workbook for carbonbook: organisation, facilities, activities, production, factors, trading",
        "Fill in, then run: carbonbook validate BOOK.xlsx; carbonbook calc BOOK.xlsx -o RESULTS.xlsx",
    )?);
    instructions::write(wb.add_worksheet().set_name(instructions::SHEET)?)?;
    organisation(wb.add_worksheet().set_name(ORGANISATION.name)?, &lists)?;
    for sheet in &SHEETS {
        data_sheet(wb.add_worksheet().set_name(sheet.name)?, sheet, &lists)?;
    }
    lists.write(wb.add_worksheet().set_name(lists::SHEET)?)?;
    Ok(wb)
}

/// The worksheet index of each data sheet of [`canonical_book`], in
/// [`SHEETS`] order (after Instructions and Organisation).
pub(crate) const DATA_SHEET_INDEX: [usize; SHEETS.len()] = {
    let mut index = [0; SHEETS.len()];
    let mut i = 0;
    while i < index.len() {
        index[i] = i + 2;
        i += 1;
    }
    index
};

/// The worksheet index of the sheet of lists in [`canonical_book`]: after
/// every sheet of [`SHEETS`] (the CBAM sheets included).
pub(crate) const LISTS_SHEET_INDEX: usize = 2 + SHEETS.len();

/// The canonical book that `convert` fills: the template's sheets, with
/// the Organisation values the profile gives (the template's defaults
/// elsewhere) and data sheets in low-memory mode, so that rows can be
/// streamed into them below their header. Its data sheets are at
/// [`DATA_SHEET_INDEX`]; the sheet of lists follows them.
pub(crate) fn canonical_book(title: &str, organisation: &[(&str, String, bool)]) -> Result<Workbook, WriteError> {
    let lists = Lists::new();
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties::properties(
        "carbonbook workbook, version 1",
        &format!("Converted by carbonbook from a foreign workbook: {title}"),
        "Check it with: carbonbook validate BOOK.xlsx; then: carbonbook calc BOOK.xlsx -o RESULTS.xlsx",
    )?);
    instructions::write(wb.add_worksheet().set_name(instructions::SHEET)?)?;
    {
        let sheet = wb.add_worksheet().set_name(ORGANISATION.name)?;
        organisation_sheet(sheet, &lists, organisation, false)?;
    }
    for sheet in &SHEETS {
        let ws = wb.add_worksheet_with_low_memory()?.set_name(sheet.name)?;
        data_sheet(ws, sheet, &lists)?;
    }
    lists.write(wb.add_worksheet().set_name(lists::SHEET)?)?;
    Ok(wb)
}

/// The position of a workbook-v1 data sheet in [`SHEETS`] and the column
/// of a field in it.
pub(crate) fn column_of(sheet: &str, field: Field) -> Option<(usize, u16, bool)> {
    let (i, s) = SHEETS.iter().enumerate().find(|(_, s)| s.name == sheet)?;
    let c = s.columns.iter().position(|c| c.name == field)?;
    Some((i, c as u16, matches!(s.columns[c].kind, Kind::Number(_))))
}

fn cell_format(kind: Kind) -> Format {
    match kind {
        Kind::Text => style::text(),
        Kind::Number(f) => style::number(f),
        Kind::Year => style::number("0"),
    }
}

/// The validation of a column: its drop-down list when it has one, and
/// its meaning as the input message.
fn validation(column: &Column, lists: &Lists) -> Result<DataValidation, XlsxError> {
    let mut v = DataValidation::new().ignore_blank(true);
    if let Some(list) = column.list {
        let style = if list.open() { DataValidationErrorStyle::Information } else { DataValidationErrorStyle::Warning };
        v = v
            .allow_list_formula(Formula::new(format!("={}", lists.range(list))))
            .set_error_style(style)
            .set_error_title("Not in the list")?
            .set_error_message(format!(
                "\"{}\" is usually one of the listed values. Keep the value only if you are sure \
                 (carbonbook validate reports what it cannot read).",
                column.name
            ))?;
    }
    if column.name.name().encode_utf16().count() <= 32 {
        v = v.set_input_title(column.name.name())?;
    }
    v.set_input_message(input_message(column))
}

/// English and Chinese meaning, or English alone when both exceed Excel's
/// 255 characters.
fn input_message(column: &Column) -> String {
    let both = format!("{}\n{}", column.en, column.zh);
    if both.encode_utf16().count() <= 255 {
        return both;
    }
    column.en.chars().take(255).collect()
}

fn organisation(sheet: &mut Worksheet, lists: &Lists) -> Result<(), WriteError> {
    organisation_sheet(sheet, lists, &[], true)
}

/// The Organisation sheet; `given` (field, value, whether a number)
/// replaces the template's example values.
/// Without `examples`, the example name and year are left blank.
fn organisation_sheet(
    sheet: &mut Worksheet,
    lists: &Lists,
    given: &[(&str, String, bool)],
    examples: bool,
) -> Result<(), WriteError> {
    let header: Vec<(&str, f64)> = ORGANISATION.columns.iter().map(|c| (c.name.name(), c.width)).collect();
    table::header_row(sheet, &header, 0)?;
    let name = style::text();
    for (r, field) in (1..).zip(FIELDS) {
        let spec = &field.spec;
        sheet.write_string_with_format(r, 0, spec.name.name(), &name)?;
        let format = match spec.kind {
            Kind::Text => style::input().set_num_format("@"),
            Kind::Number(f) => style::input().set_num_format(f),
            Kind::Year => style::input().set_num_format("0"),
        };
        if let Some((_, v, numeric)) = given.iter().find(|(n, _, _)| *n == spec.name.name()) {
            match v.parse::<f64>() {
                Ok(n) if *numeric => sheet.write_number_with_format(r, 1, n, &format)?,
                _ => sheet.write_string_with_format(r, 1, v, &format)?,
            };
            sheet.add_data_validation(r, 1, r, 1, &validation(spec, lists)?)?;
            continue;
        }
        let value = if !examples && spec.required == "yes" { None } else { field.value };
        match value {
            Some(Value::Text(t)) => sheet.write_string_with_format(r, 1, t, &format)?,
            Some(Value::Integer(n)) => sheet.write_number_with_format(r, 1, n, &format)?,
            None => sheet.write_blank(r, 1, &format)?,
        };
        sheet.add_data_validation(r, 1, r, 1, &validation(spec, lists)?)?;
    }
    Ok(())
}

fn data_sheet(sheet: &mut Worksheet, spec: &Sheet, lists: &Lists) -> Result<(), WriteError> {
    let header: Vec<(&str, f64)> = spec.columns.iter().map(|c| (c.name.name(), c.width)).collect();
    table::header_row(sheet, &header, 0)?;
    for (c, column) in (0..).zip(spec.columns) {
        sheet.set_column_format(c, &cell_format(column.kind))?;
        sheet.add_data_validation(1, c, LAST_ROW, c, &validation(column, lists)?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
