//! The tables of a report as CSV: one record per line, its first field
//! saying what the line is.
//!
//! | first field | rest of the line |
//! |---|---|
//! | `report` | the title |
//! | `organisation` | the reporting entity |
//! | `rounding` | the rounding rule |
//! | `section` | a section title |
//! | `table` / `chart` | a table caption / a chart title (its data follow) |
//! | `header` | the column headers |
//! | `row`, `reconciliation`, `total` | the cells of a row |
//! | `note` | a note of the table above |
//!
//! Figures are written as shown (rounded, `.` decimal point, no grouping),
//! so a spreadsheet reads them as numbers. The file starts with a UTF-8
//! byte-order mark so spreadsheet programs read Chinese text correctly.
//!
//! **Formula injection.** A text field that begins with `=`, `+`, `-`,
//! `@`, a tab or a carriage return is prefixed with `'`, so a spreadsheet
//! shows it as text instead of running it ([`neutralise`]). Figures are
//! written by carbonbook and are plain numbers (`-3500.00`), never text.
//!
//! ```
//! use carbonbook_report::render::csv::neutralise;
//! assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
//! assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
//! assert_eq!(neutralise("Acme"), "Acme");
//! ```

use std::borrow::Cow;

use crate::labels::Label;
use crate::model::{Block, Cell, Report, RowKind, Table};
use crate::render::ReportError;

/// The CSV bytes of a report.
///
/// # Errors
///
/// [`ReportError::Csv`] if writing fails (it does not, into memory).
pub fn render(report: &Report) -> Result<Vec<u8>, ReportError> {
    let lang = report.language;
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::from("\u{feff}".as_bytes()));
    w.write_record(["report", &neutralise(&report.title)])?;
    w.write_record(["organisation", &neutralise(&report.organisation.name)])?;
    w.write_record(["rounding", &neutralise(&report.rounding.text)])?;
    for section in &report.sections {
        w.write_record(["section", &neutralise(&section.title)])?;
        for block in &section.blocks {
            match block {
                Block::Table(t) => table(&mut w, "table", t)?,
                Block::Chart(c) => table(&mut w, "chart", &c.data_table(Label::Category.text(lang)))?,
                Block::Paragraph(_) | Block::Facts(_) | Block::Note(_) => {}
            }
        }
    }
    w.into_inner().map_err(|e| ReportError::Csv(e.into_error().into()))
}

fn table(w: &mut csv::Writer<Vec<u8>>, kind: &str, t: &Table) -> Result<(), ReportError> {
    w.write_record([kind, &neutralise(&t.caption)])?;
    let mut header = vec![Cow::Borrowed("header")];
    header.extend(t.columns.iter().map(|c| Cow::Owned(neutralise(&c.header()).into_owned())));
    w.write_record(header.iter().map(|c| c.as_ref()))?;
    for row in &t.rows {
        let kind = match row.kind {
            RowKind::Data => "row",
            RowKind::Reconciliation => "reconciliation",
            RowKind::Total => "total",
        };
        let mut record = vec![Cow::Borrowed(kind)];
        record.extend(row.cells.iter().map(|c| match c {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Figure(f) => Cow::Owned(f.plain()),
            Cell::Text(t) => neutralise(t),
        }));
        w.write_record(record.iter().map(|c| c.as_ref()))?;
    }
    for n in &t.notes {
        w.write_record(["note", &neutralise(n)])?;
    }
    Ok(())
}

/// Text made safe for a spreadsheet: prefixed with `'` when it begins with
/// a character that would make a spreadsheet read it as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}
