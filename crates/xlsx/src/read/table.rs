//! Reading a sheet as a table: header row first, then data rows.

use std::ops::ControlFlow;
use std::path::Path;

use super::error::OpenError;
use super::handoff::rows_handed_off;
use super::header::Header;
use super::report::Report;
use super::row::Row;
use super::schema::SheetSpec;
use super::source::Source;
use crate::problem::Problem;

/// How a sheet read as a table went.
#[derive(Debug)]
pub(crate) struct Table {
    /// The header, when the sheet has one.
    pub(crate) header: Option<Header>,
    /// Whether every required column is present (data rows were read).
    pub(crate) complete: bool,
}

/// A sheet of the book and what it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SheetRef<'a> {
    /// Its spec.
    pub(crate) spec: &'static SheetSpec,
    /// Its name in the book.
    pub(crate) name: &'a str,
    /// Whether an empty sheet is a problem.
    pub(crate) required: bool,
}

/// Reads `sheet` as a table of `spec`: the first non-empty row is the
/// header; each later row that fills a known column is handed to
/// `each_row`. When a required column is missing, the data rows are not
/// read. `covered` tells which missing required columns have a stand-in.
pub(crate) fn read_table(
    source: &mut Source,
    path: &Path,
    sheet: SheetRef<'_>,
    report: &mut Report<'_>,
    covered: &(dyn Fn(&Header, usize) -> bool + Sync),
    each_row: &mut (dyn FnMut(&mut Row<'_, '_, '_>, &mut Report<'_>) + Send),
) -> Result<Table, OpenError> {
    let SheetRef { spec, name: sheet, required: required_sheet } = sheet;
    let mut header: Option<Header> = None;
    let mut complete = false;
    // The sheet is walked on this thread and its rows are read on another.
    let notes = rows_handed_off(source, path, sheet, &mut |number, cells| {
        match &header {
            None => {
                let h = Header::read(spec, sheet, number, cells, report);
                complete = h.check_required(spec, cells, report, |f| covered(&h, f));
                if complete {
                    h.warn_unknown(spec, report);
                }
                header = Some(h);
                if !complete {
                    return ControlFlow::Break(());
                }
            }
            Some(h) => {
                let mut row = Row::new(spec, h, number, cells);
                if !row.is_empty() {
                    row.require(report, |f| covered(h, f));
                    each_row(&mut row, report);
                }
            }
        }
        ControlFlow::Continue(())
    })?;
    if let Some(enc) = notes.legacy_encoding {
        report.warning(
            Problem::sheet(
                sheet,
                format!("the file is not UTF-8 and was read as {enc}; save it as \"CSV UTF-8\" to be sure of the text"),
            )
            .with_zh(format!("文件不是 UTF-8 编码，已按 {enc} 读取；请另存为“CSV UTF-8”以确保文字无误")),
        );
    }
    if header.is_none() && required_sheet {
        report.problem(Problem::sheet(
            sheet,
            format!(
                "the sheet is empty; expected a header row with the columns {}",
                spec.columns.iter().map(|c| c.field.name()).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    Ok(Table { header, complete })
}
