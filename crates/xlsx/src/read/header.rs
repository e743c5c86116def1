//! The header row of a sheet: which column holds which field.
//!
//! The header is the first non-empty row. Columns may come in any order;
//! a column whose name is not known is kept and ignored, with one warning
//! each; a field named twice and a required field missing are problems.

use calamine::DataRef;

use super::cells::{self, RowCells};
use super::report::Report;
use super::schema::{self, SheetSpec};
use crate::cell::CellRef;
use crate::problem::Problem;

/// No field in this column.
const NONE: u16 = u16::MAX;

/// Where the fields of a sheet are.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// The sheet name as in the book.
    pub(crate) sheet: String,
    /// The header row (1-based).
    pub(crate) row: u32,
    /// The first column of the header (0-based).
    pub(crate) first_col: u32,
    /// The column of each field of the spec, if present.
    pub(crate) cols: Vec<Option<u32>>,
    /// Text in brackets after each field's name (`t` in `Quantity (t)`).
    pub(crate) brackets: Vec<Option<String>>,
    /// Column → field index, or [`NONE`].
    by_col: Vec<u16>,
    /// Columns of unknown names, reported by [`Header::warn_unknown`].
    unknown: Vec<(u32, String)>,
}

impl Header {
    /// Reads a header row, reporting fields named twice; unknown columns
    /// are kept for [`Header::warn_unknown`].
    pub(crate) fn read(
        spec: &'static SheetSpec,
        sheet: &str,
        row: u32,
        cells: &RowCells<'_>,
        report: &mut Report<'_>,
    ) -> Header {
        let n = spec.columns.len();
        let mut header = Header {
            sheet: sheet.to_owned(),
            row,
            first_col: cells.first().map_or(0, |c| c.get_position().1),
            cols: vec![None; n],
            brackets: vec![None; n],
            by_col: Vec::new(),
            unknown: Vec::new(),
        };
        for cell in cells {
            let col = cell.get_position().1;
            let Some(text) = header_text(cell.get_value()) else {
                report.warning(
                    Problem::at(
                        CellRef::new(sheet, row, col),
                        format!(
                            "header cell holds {}, not a column name: the column is ignored",
                            cells::describe(cell.get_value())
                        ),
                    )
                    .with_zh(format!("表头单元格为 {}，不是列名：该列被忽略", cells::describe(cell.get_value()))),
                );
                continue;
            };
            match spec.column_named(&text) {
                Some(f) => {
                    if let Some(first) = header.cols[f] {
                        report.problem(Problem::at(
                            CellRef::new(sheet, row, col),
                            format!(
                                "column {} appears twice (first at {}); keep one",
                                spec.columns[f].field,
                                CellRef::new(sheet, row, first)
                            ),
                        ));
                        continue;
                    }
                    header.cols[f] = Some(col);
                    header.brackets[f] = schema::bracketed(&text).map(str::to_owned);
                    let idx = col as usize;
                    if header.by_col.len() <= idx {
                        header.by_col.resize(idx + 1, NONE);
                    }
                    header.by_col[idx] = f as u16;
                }
                None => header.unknown.push((col, text)),
            }
        }
        header
    }

    /// The header of a table mapped by a profile: the data rows handed to
    /// [`super::row::Row`] hold field `f` at column `f`, while problems are
    /// placed on `cols[f]`, the real source column (the row's first cell
    /// for a field that comes from no column).
    pub(crate) fn mapped(sheet: &str, row: u32, first_col: u32, cols: Vec<Option<u32>>) -> Header {
        let n = cols.len();
        Header {
            sheet: sheet.to_owned(),
            row,
            first_col,
            cols,
            brackets: vec![None; n],
            by_col: (0..n).map(|f| f as u16).collect(),
            unknown: Vec::new(),
        }
    }

    /// Warns about each column of an unknown name (kept and ignored).
    pub(crate) fn warn_unknown(&self, spec: &'static SheetSpec, report: &mut Report<'_>) {
        for (col, text) in &self.unknown {
            let columns = spec.columns.iter().map(|c| c.field.name()).collect::<Vec<_>>().join(", ");
            report.warning(
                Problem::at(
                    CellRef::new(&self.sheet, self.row, *col),
                    format!("unknown column \"{text}\" is ignored; the columns of {} are {columns}", spec.sheet),
                )
                .with_zh(format!("无法识别的列“{text}”被忽略；{} 表的列为 {columns}", spec.sheet)),
            );
        }
    }

    /// Reports each required field without a column; `true` when none is missing.
    /// `covered` says whether a field may stand in for a missing column
    /// (a unit given in the quantity header).
    pub(crate) fn check_required(
        &self,
        spec: &'static SheetSpec,
        cells: &RowCells<'_>,
        report: &mut Report<'_>,
        covered: impl Fn(usize) -> bool,
    ) -> bool {
        let mut ok = true;
        for (f, c) in spec.columns.iter().enumerate() {
            if !c.required || self.cols[f].is_some() || covered(f) {
                continue;
            }
            ok = false;
            const SHOWN: usize = 20;
            let mut found: Vec<String> =
                cells.iter().filter_map(|c| header_text(c.get_value())).map(|t| format!("\"{t}\"")).collect();
            if found.len() > SHOWN {
                let more = found.len() - SHOWN;
                found.truncate(SHOWN);
                found.push(format!("and {more} more"));
            }
            let also = if c.aliases.is_empty() {
                String::new()
            } else {
                format!(" (also accepted: {})", c.aliases.join(", "))
            };
            report.problem(Problem::at(
                CellRef::new(&self.sheet, self.row, self.first_col),
                format!(
                    "the header row {} (the first row that is not empty) has no column {}{also}; columns found: {}",
                    self.row,
                    c.field,
                    if found.is_empty() { "none".to_owned() } else { found.join(", ") }
                ),
            ));
        }
        ok
    }

    /// The field index of a column.
    pub(crate) fn field_at(&self, col: u32) -> Option<usize> {
        match self.by_col.get(col as usize) {
            Some(&f) if f != NONE => Some(usize::from(f)),
            _ => None,
        }
    }

    /// The cell of `field` in `row`, or the row's first cell when the
    /// field has no column.
    pub(crate) fn cell(&self, row: u32, field: Option<usize>) -> CellRef {
        let col = field.and_then(|f| self.cols.get(f).copied().flatten()).unwrap_or(self.first_col);
        CellRef::new(&self.sheet, row, col)
    }
}

/// The name in a header cell: text, or a number as shown.
fn header_text(v: &DataRef<'_>) -> Option<String> {
    cells::as_text(v).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}
