//! Reading a large table on two threads: one walks the sheet's XML, the
//! other parses the rows.
//!
//! calamine's cell reader is most of the cost of reading an .xlsx sheet and
//! cannot be split, so it gets a thread of its own: it copies each row's
//! cells into a batch (texts into one buffer) and hands the batch over. The
//! parsing thread turns the cells back into calamine's borrowed values and
//! runs the same row code as [`read_table`](super::table::read_table), so
//! a row reads, and fails, exactly as it would on one thread. Problems of
//! the rows are collected on the parsing thread and added to the report in
//! row order when the sheet is done.

use std::ops::ControlFlow;
use std::panic::resume_unwind;
use std::path::Path;
use std::sync::mpsc;

use calamine::{Cell, DataRef};

use super::cells::RowCells;
use super::error::OpenError;
use super::header::Header;
use super::report::Report;
use super::row::Row;
use super::source::Source;
use super::table::{SheetRef, Table, finish_table};
use crate::problem::Problem;

/// Rows a batch holds at most.
const BATCH_ROWS: usize = 1024;
/// Cells a batch holds at most (wide sheets fill a batch by cells first).
const BATCH_CELLS: usize = 32 * 1024;
/// Bytes of text a batch holds at most.
const BATCH_TEXT: usize = 1 << 20;
/// Batches the reading thread may be ahead of the parsing thread: enough
/// to ride out a slow row, little enough to keep memory flat.
const BATCHES_IN_FLIGHT: usize = 8;

/// What crosses from the reading thread to the parsing thread.
enum Handoff {
    /// The table's header; comes first.
    Header(Header),
    /// Data rows.
    Rows(RowBatch),
}

/// A cell's value, owned: texts as a range of [`RowBatch::text`].
enum Stored {
    Text { start: u32, end: u32 },
    Value(DataRef<'static>),
}

/// The cells of many rows, owned, so they can cross threads.
struct RowBatch {
    /// Each row's number and the index of its first cell in `cells`.
    rows: Vec<(u32, u32)>,
    /// Each cell's (row, column), 0-based, and value.
    cells: Vec<((u32, u32), Stored)>,
    text: String,
}

impl RowBatch {
    fn new() -> RowBatch {
        RowBatch {
            rows: Vec::with_capacity(BATCH_ROWS),
            cells: Vec::with_capacity(BATCH_ROWS * 8),
            text: String::new(),
        }
    }

    fn is_full(&self) -> bool {
        self.rows.len() >= BATCH_ROWS || self.cells.len() >= BATCH_CELLS || self.text.len() >= BATCH_TEXT
    }

    fn push(&mut self, number: u32, cells: &RowCells<'_>) {
        // A batch is sent before its text reaches BATCH_TEXT, so offsets fit
        // a u32 unless one row holds gigabytes, which the limits rule out.
        let first = u32::try_from(self.cells.len()).unwrap_or(u32::MAX);
        self.rows.push((number, first));
        for c in cells {
            let stored = match c.get_value() {
                DataRef::SharedString(s) => self.store_text(s),
                DataRef::String(s) => self.store_text(s),
                DataRef::Int(i) => Stored::Value(DataRef::Int(*i)),
                DataRef::Float(f) => Stored::Value(DataRef::Float(*f)),
                DataRef::Bool(b) => Stored::Value(DataRef::Bool(*b)),
                DataRef::DateTime(d) => Stored::Value(DataRef::DateTime(*d)),
                DataRef::DateTimeIso(s) => Stored::Value(DataRef::DateTimeIso(s.clone())),
                DataRef::DurationIso(s) => Stored::Value(DataRef::DurationIso(s.clone())),
                DataRef::Error(e) => Stored::Value(DataRef::Error(e.clone())),
                DataRef::Empty => Stored::Value(DataRef::Empty),
            };
            self.cells.push((c.get_position(), stored));
        }
    }

    fn store_text(&mut self, s: &str) -> Stored {
        let start = self.text.len();
        self.text.push_str(s);
        match (u32::try_from(start), u32::try_from(self.text.len())) {
            (Ok(start), Ok(end)) => Stored::Text { start, end },
            // Unreachable within the limits; keep the text rather than fail.
            _ => Stored::Value(DataRef::String(s.to_owned())),
        }
    }

    /// Calls `each` with every row, its cells borrowed from the batch.
    fn for_each_row(&self, mut each: impl FnMut(u32, &RowCells<'_>)) {
        let mut cells: Vec<Cell<DataRef<'_>>> = Vec::new();
        for (i, &(number, first)) in self.rows.iter().enumerate() {
            let end = self.rows.get(i + 1).map_or(self.cells.len(), |&(_, next)| next as usize);
            cells.clear();
            for (position, stored) in &self.cells[first as usize..end] {
                let value = match stored {
                    Stored::Text { start, end } => DataRef::SharedString(&self.text[*start as usize..*end as usize]),
                    Stored::Value(v) => v.clone(),
                };
                cells.push(Cell::new(*position, value));
            }
            each(number, &cells);
        }
    }
}

/// What the parsing thread found.
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    suppressed: u64,
}

/// [`read_table`](super::table::read_table) on two threads: this thread
/// reads the sheet, another runs `each_row` (and so whatever `each_row`
/// calls) on the data rows, in order. Same results, same problems in the
/// same order.
pub(crate) fn read_table_handed_off(
    source: &mut Source,
    path: &Path,
    sheet: SheetRef<'_>,
    report: &mut Report<'_>,
    covered: &(dyn Fn(&Header, usize) -> bool + Sync),
    each_row: &mut (dyn FnMut(&mut Row<'_, '_, '_>, &mut Report<'_>) + Send),
) -> Result<Table, OpenError> {
    let SheetRef { spec, name, .. } = sheet;
    let max = report.max;
    let (to_parser, from_reader) = mpsc::sync_channel::<Handoff>(BATCHES_IN_FLIGHT);
    let (read, parsed, header) = std::thread::scope(|scope| {
        let parser = scope.spawn(move || {
            let mut found = Found::default();
            let mut report = Report {
                problems: &mut found.problems,
                warnings: &mut found.warnings,
                suppressed: &mut found.suppressed,
                max,
            };
            let Ok(Handoff::Header(header)) = from_reader.recv() else { return found };
            for handoff in from_reader {
                let Handoff::Rows(batch) = handoff else { continue };
                batch.for_each_row(|number, cells| {
                    let mut row = Row::new(spec, &header, number, cells);
                    if !row.is_empty() {
                        row.require(&mut report, |f| covered(&header, f));
                        each_row(&mut row, &mut report);
                    }
                });
            }
            found
        });

        let mut header: Option<(Header, bool)> = None;
        let mut batch = RowBatch::new();
        // Whether the parsing thread stopped (it only does by panicking).
        let mut gone = false;
        let read = source.rows(path, name, &mut |number, cells| {
            match &header {
                None => {
                    let h = Header::read(spec, name, number, cells, report);
                    let complete = h.check_required(spec, cells, report, |f| covered(&h, f));
                    if complete {
                        h.warn_unknown(spec, report);
                        gone |= to_parser.send(Handoff::Header(h.clone())).is_err();
                    }
                    header = Some((h, complete));
                    if !complete {
                        return ControlFlow::Break(());
                    }
                }
                Some(_) => {
                    batch.push(number, cells);
                    if batch.is_full() && !gone {
                        let full = std::mem::replace(&mut batch, RowBatch::new());
                        gone = to_parser.send(Handoff::Rows(full)).is_err();
                    }
                }
            }
            if gone { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
        if !batch.rows.is_empty() && !gone {
            let _ = to_parser.send(Handoff::Rows(batch));
        }
        drop(to_parser);
        (read, parser.join(), header)
    });
    let found = match parsed {
        Ok(found) => found,
        Err(panic) => resume_unwind(panic),
    };
    let notes = read?;
    for p in found.problems {
        report.problem(p);
    }
    for w in found.warnings {
        report.warning(w);
    }
    *report.suppressed += found.suppressed;
    let (header, complete) = match header {
        Some((h, complete)) => (Some(h), complete),
        None => (None, false),
    };
    Ok(finish_table(sheet, report, notes, header, complete))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::activities::Activities;
    use crate::read::facilities::FacilityIds;
    use crate::read::schema;
    use crate::read::setup::Setup;
    use crate::read::table::read_table;
    use rust_xlsxwriter::Workbook;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// An Activities sheet of `rows` rows, some of them wrong in ways that
    /// give problems (bad numbers, unknown units, missing cells), blank
    /// rows, numbers stored as text and cells in unknown columns.
    fn book(dir: &Path, rows: u32) -> Result<std::path::PathBuf, Box<dyn std::error::Error>> {
        let path = dir.join("book.xlsx");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("Activities")?;
        ws.write_row(0, 0, ["facility_id", "source", "activity", "quantity", "unit", "period", "remark"])?;
        for r in 1..=rows {
            if r % 500 == 0 {
                continue; // a blank row
            }
            ws.write_string(r, 0, if r % 211 == 0 { "X9" } else { "F1" })?;
            ws.write_string(r, 1, "stationary_combustion")?;
            ws.write_string(r, 2, "diesel")?;
            match r % 97 {
                0 => ws.write_string(r, 3, "abc")?,
                1 => ws.write_string(r, 3, "1,234.5")?,
                _ => ws.write_number(r, 3, f64::from(r) + 0.125)?,
            };
            if r % 89 != 0 {
                ws.write_string(r, 4, if r % 113 == 0 { "tonnes of stuff" } else { "t" })?;
            }
            ws.write_string(r, 5, format!("2024-{:02}", r % 12 + 1))?;
            ws.write_string(r, 6, "x".repeat((r % 7) as usize))?;
        }
        wb.save(&path)?;
        Ok(path)
    }

    /// Reads the Activities sheet one way or the other; gives each row read
    /// (number and record) and every problem and warning, as text.
    fn read(
        path: &Path,
        handed_off: bool,
        max: usize,
    ) -> Result<(Vec<String>, Vec<String>), Box<dyn std::error::Error>> {
        let mut source = Source::open(path, &crate::read::Limits::default())?;
        let mut setup = Setup::new(max);
        let mut ids = FacilityIds::default();
        ids.insert_for_tests("F1");
        let mut parser: Option<Activities> = None;
        let mut rows = Vec::new();
        let mut each = |row: &mut Row<'_, '_, '_>, report: &mut Report<'_>| {
            let p = parser.get_or_insert_with(|| Activities::new(row.header()));
            if let Some(a) = p.read_row(row, report, Some(&mut ids)) {
                rows.push(format!("{a:?}"));
            }
        };
        let sheet = SheetRef { spec: &schema::ACTIVITIES, name: "Activities", required: true };
        let covered = |_: &Header, _: usize| false;
        let mut report = setup.report();
        if handed_off {
            read_table_handed_off(&mut source, path, sheet, &mut report, &covered, &mut each)?;
        } else {
            read_table(&mut source, path, sheet, &mut report, &covered, &mut each)?;
        }
        report.close();
        let said = setup.problems.iter().chain(&setup.warnings).map(ToString::to_string).collect();
        Ok((rows, said))
    }

    #[test]
    fn same_rows_and_problems_as_on_one_thread() -> TestResult {
        let dir = tempfile::tempdir()?;
        // Several batches, and a last one that is not full.
        let path = book(dir.path(), 3 * BATCH_ROWS as u32 + 17)?;
        let (one_rows, one_said) = read(&path, false, 10_000)?;
        let (two_rows, two_said) = read(&path, true, 10_000)?;
        assert_eq!(two_rows, one_rows);
        assert_eq!(two_said, one_said);
        // Rows 1..=3089 but the blank ones (every 500th) and those with a bad
        // quantity (97th), no unit (89th), an unknown unit (113th) or an
        // unknown facility (211th).
        let expected = (1..=3089).filter(|r| [500, 97, 89, 113, 211].iter().all(|k| r % k != 0)).count();
        assert_eq!(one_rows.len(), expected);
        assert!(one_said.iter().any(|p| p.starts_with("Activities!D98: quantity must be a number")), "{one_said:?}");
        assert!(one_said.iter().any(|p| p == "Activities!E90: unit is required, found an empty cell"), "{one_said:?}");
        assert!(one_said.iter().any(|p| p.starts_with("Activities!A212: facility \"X9\"")), "{one_said:?}");
        assert!(one_said.iter().any(|p| p.contains("\"remark\"")), "the unknown column is warned about: {one_said:?}");
        Ok(())
    }

    #[test]
    fn the_problem_limit_counts_the_same() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = book(dir.path(), 2 * BATCH_ROWS as u32)?;
        let one = read(&path, false, 5)?;
        let two = read(&path, true, 5)?;
        assert_eq!(two, one);
        assert!(one.1.iter().any(|p| p.contains("more problems were found and not listed")), "{:?}", one.1);
        Ok(())
    }

    #[test]
    fn a_sheet_without_its_columns_reads_no_rows() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("book.xlsx");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("Activities")?;
        ws.write_row(0, 0, ["facility", "what"])?.write_row(1, 0, ["F1", "diesel"])?;
        wb.save(&path)?;
        let one = read(&path, false, 100)?;
        let two = read(&path, true, 100)?;
        assert_eq!(two, one);
        assert!(two.0.is_empty());
        assert!(two.1.iter().any(|p| p.contains("has no column quantity")), "{:?}", two.1);
        Ok(())
    }

    #[test]
    #[should_panic(expected = "row code failed")]
    fn a_panic_of_the_row_code_is_not_swallowed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = book(dir.path(), 10).unwrap_or_else(|e| panic!("{e}"));
        let mut source = Source::open(&path, &crate::read::Limits::default()).unwrap_or_else(|e| panic!("{e}"));
        let mut setup = Setup::new(100);
        let sheet = SheetRef { spec: &schema::ACTIVITIES, name: "Activities", required: true };
        let _ = read_table_handed_off(&mut source, &path, sheet, &mut setup.report(), &|_, _| false, &mut |_, _| {
            panic!("row code failed")
        });
    }
}
