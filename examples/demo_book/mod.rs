//! The sheet writer the demo-book generators share: a bold, frozen header
//! row and one row of cells per record. Each generator uses the part it
//! needs.
#![allow(dead_code)]

use carbonbook_core::error::InputSheet;
use carbonbook_core::field::Field;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// A cell value of a demo book.
pub enum V {
    /// Text known at compile time.
    S(&'static str),
    /// Text built at run time.
    T(String),
    /// A number.
    N(f64),
    /// An empty cell.
    E,
}

/// Adds the sheet `input` with `header` in bold (frozen) and `rows` below
/// it. A header that is no column of the sheet in the reader's schema is
/// refused, so a generator cannot drift from the contract.
pub fn sheet(wb: &mut Workbook, input: InputSheet, header: &[Field], rows: &[Vec<V>]) -> Result<(), XlsxError> {
    let known: Vec<Field> = carbonbook_xlsx::read::columns(input).collect();
    if let Some(h) = header.iter().find(|h| !known.contains(h)) {
        return Err(XlsxError::ParameterError(format!("{h} is not a column of {input}")));
    }
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet().set_name(input.name())?;
    for (c, h) in (0u16..).zip(header) {
        let h = h.name();
        ws.write_string_with_format(0, c, h, &bold)?;
        ws.set_column_width(c, (h.len() as f64 + 4.0).max(12.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (r, row) in (1u32..).zip(rows) {
        for (c, v) in (0u16..).zip(row) {
            match v {
                V::S(s) => drop(ws.write_string(r, c, *s)?),
                V::T(s) => drop(ws.write_string(r, c, s)?),
                V::N(n) => drop(ws.write_number(r, c, *n)?),
                V::E => {}
            }
        }
    }
    Ok(())
}
