//! The sheet writer the demo-book generators share: a bold, frozen header
//! row and one row of cells per record. Each generator uses the part it
//! needs.
#![allow(dead_code)]

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

/// Adds a sheet `name` with `header` in bold (frozen) and `rows` below it.
pub fn sheet(wb: &mut Workbook, name: &str, header: &[&str], rows: &[Vec<V>]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet().set_name(name)?;
    for (c, h) in (0u16..).zip(header) {
        ws.write_string_with_format(0, c, *h, &bold)?;
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
