//! Reading a large table on two threads: one walks the sheet's XML, the
//! other parses the rows.
//!
//! calamine's cell reader is most of the cost of reading an .xlsx sheet and
//! cannot be split, so it gets a thread of its own: it copies each row's
//! cells into a batch (texts into one buffer) and hands the batch over. The
//! other thread turns the cells back into calamine's borrowed values and
//! runs the row code, so a row reads, and fails, exactly as it would on one
//! thread, in the same order.

use std::ops::ControlFlow;
use std::panic::resume_unwind;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use calamine::{Cell, DataRef};

use super::cells::RowCells;
use super::error::OpenError;
use super::source::{Notes, Source};

/// Rows a batch holds at most.
const BATCH_ROWS: usize = 1024;
/// Cells a batch holds at most (wide sheets fill a batch by cells first).
const BATCH_CELLS: usize = 32 * 1024;
/// Bytes of text a batch holds at most.
const BATCH_TEXT: usize = 1 << 20;
/// Batches in use at most (being filled, queued, being parsed): enough to
/// ride out a slow row, few enough to keep memory flat.
const BATCHES_IN_FLIGHT: usize = 10;
/// Batches in use at most while the parsing thread prepares (about 25 MB
/// of narrow rows).
const RUN_AHEAD_BATCHES: usize = 64;

/// A cell's value, owned: texts as a range of [`RowBatch::text`].
enum Stored {
    Text { start: u32, end: u32 },
    Value(DataRef<'static>),
}

/// The cells of one or many rows, owned, so they can cross threads.
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

    /// Empties the batch, keeping its buffers for the next rows.
    fn clear(&mut self) {
        self.rows.clear();
        self.cells.clear();
        self.text.clear();
    }

    fn is_full(&self) -> bool {
        self.rows.len() >= BATCH_ROWS || self.cells.len() >= BATCH_CELLS || self.text.len() >= BATCH_TEXT
    }

    /// Copies a row's cells in.
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

/// [`Source::rows`] on two threads: this thread walks the sheet, another
/// calls `each` with every row, in order. `each` may stop the walk
/// ([`ControlFlow::Break`]) as with `rows`; a panic in `each` is resumed on
/// this thread.
///
/// # Errors
///
/// As [`Source::rows`].
pub(crate) fn rows_handed_off(
    source: &mut Source,
    path: &Path,
    sheet: &str,
    each: &mut (dyn FnMut(u32, &RowCells<'_>) -> ControlFlow<()> + Send),
) -> Result<Notes, OpenError> {
    rows_handed_off_after(source, path, sheet, |_| (), &mut |(), number, cells| each(number, cells))
}

/// [`rows_handed_off`], with `prepare` run on the other thread first,
/// while this one already walks the sheet: `each` gets what it made with
/// every row. Meanwhile the walk may run further ahead than usual (up to
/// [`RUN_AHEAD_BATCHES`]), so that work `each` needs before the first row
/// (a second pass over the file) is done beside the walk, not before it.
/// `prepare` is told whether the walk has failed, to give up early.
///
/// # Errors
///
/// As [`Source::rows`].
pub(crate) fn rows_handed_off_after<P>(
    source: &mut Source,
    path: &Path,
    sheet: &str,
    prepare: impl FnOnce(&dyn Fn() -> bool) -> P + Send,
    each: &mut (dyn FnMut(&mut P, u32, &RowCells<'_>) -> ControlFlow<()> + Send),
) -> Result<Notes, OpenError> {
    // Every batch made goes back and forth: its buffers have grown to the
    // sheet's rows, and fresh ones would be grown, and faulted in, anew.
    // How many are made bounds the memory.
    let (to_parser, from_reader) = mpsc::channel::<RowBatch>();
    let (to_refill, refills) = mpsc::channel::<RowBatch>();
    // Set by the parsing thread when `each` breaks or panics.
    let stop = AtomicBool::new(false);
    // Set by the parsing thread once `prepare` is done.
    let prepared = AtomicBool::new(false);
    // Set by this thread when the walk fails.
    let failed = AtomicBool::new(false);
    let (read, parsed) = std::thread::scope(|scope| {
        let (stop, prepared, failed) = (&stop, &prepared, &failed);
        let parser = scope.spawn(move || {
            let mut ready = prepare(&|| failed.load(Ordering::Relaxed));
            prepared.store(true, Ordering::Relaxed);
            let mut broke = false;
            for mut batch in from_reader {
                // Dropping the receiver on a panic stops the reader too.
                batch.for_each_row(|number, cells| {
                    if !broke && each(&mut ready, number, cells).is_break() {
                        broke = true;
                    }
                });
                if broke {
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
                batch.clear();
                // Fails only when the reader is done.
                let _ = to_refill.send(batch);
            }
        });
        let mut batch = RowBatch::new();
        let mut batches = 1usize;
        let read = source.rows(path, sheet, &mut |number, cells| {
            batch.push(number, cells);
            if batch.is_full() {
                let limit = if prepared.load(Ordering::Relaxed) { BATCHES_IN_FLIGHT } else { RUN_AHEAD_BATCHES };
                let next = match refills.try_recv() {
                    Ok(next) => next,
                    Err(_) if batches < limit => {
                        batches += 1;
                        RowBatch::new()
                    }
                    Err(_) => match refills.recv() {
                        Ok(next) => next,
                        // The parser has stopped.
                        Err(_) => return ControlFlow::Break(()),
                    },
                };
                let full = std::mem::replace(&mut batch, next);
                if to_parser.send(full).is_err() || stop.load(Ordering::Relaxed) {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        });
        failed.store(read.is_err(), Ordering::Relaxed);
        if !batch.rows.is_empty() && !stop.load(Ordering::Relaxed) {
            // Fails only when the parser has stopped.
            let _ = to_parser.send(batch);
        }
        drop(to_parser);
        (read, parser.join())
    });
    if let Err(panic) = parsed {
        resume_unwind(panic);
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Limits;
    use crate::read::cells::describe;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// A sheet of `rows` rows with every kind of cell: shared and inline
    /// text, numbers, booleans, dates, errors, blanks, wide rows.
    fn book(dir: &Path, rows: u32) -> Result<std::path::PathBuf, Box<dyn std::error::Error>> {
        let path = dir.join("book.xlsx");
        let mut wb = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let ws = wb.add_worksheet().set_name("Data")?;
        for r in 0..rows {
            if r % 500 == 7 {
                continue; // a missing row
            }
            ws.write_string(r, 0, format!("F{}", r % 13))?;
            ws.write_number(r, 1, f64::from(r) + 0.125)?;
            match r % 5 {
                0 => ws.write_boolean(r, 2, r % 2 == 0)?,
                1 => ws.write_datetime_with_format(r, 2, ExcelDateTime::from_ymd(2024, 3, 15)?, &date)?,
                2 => ws.write_formula(r, 2, "=1/0")?.set_formula_result(r, 2, "#DIV/0!"),
                3 => ws.write_string(r, 2, "")?,
                _ => ws.write_string(r, 2, "x".repeat((r % 300) as usize))?,
            };
            if r % 1000 == 3 {
                // A wide row: a batch fills by cells before rows.
                for c in 3..2003 {
                    ws.write_number(r, c, f64::from(c))?;
                }
            }
        }
        wb.save(&path)?;
        Ok(path)
    }

    /// Every row as `number: cell = value, …`.
    fn walk(path: &Path, handed_off: bool, stop_at: Option<u32>) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let mut source = Source::open(path, &Limits::default())?;
        let mut seen = Vec::new();
        let mut each = |number: u32, cells: &RowCells<'_>| {
            let text: Vec<String> =
                cells.iter().map(|c| format!("{:?}={}", c.get_position(), describe(c.get_value()))).collect();
            seen.push(format!("{number}: {}", text.join(", ")));
            if Some(number) == stop_at { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        };
        if handed_off {
            rows_handed_off(&mut source, path, "Data", &mut each)?;
        } else {
            source.rows(path, "Data", &mut each)?;
        }
        Ok(seen)
    }

    #[test]
    fn the_same_rows_as_on_one_thread() -> TestResult {
        let dir = tempfile::tempdir()?;
        // Several batches, some filled by cells, and a last one not full.
        let path = book(dir.path(), 3 * BATCH_ROWS as u32 + 17)?;
        let one = walk(&path, false, None)?;
        let two = walk(&path, true, None)?;
        assert_eq!(one.len(), 3 * BATCH_ROWS + 17 - 7);
        assert_eq!(two, one);
        assert!(one[1].contains("a date (2024-03-15)"), "{}", one[1]);
        assert!(one[2].contains("the error value #DIV/0!"), "{}", one[2]);
        Ok(())
    }

    #[test]
    fn a_break_stops_the_walk() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = book(dir.path(), 2 * BATCH_ROWS as u32)?;
        let two = walk(&path, true, Some(1500))?;
        assert!(two.last().is_some_and(|l| l.starts_with("1500: ")), "{:?}", two.last());
        assert_eq!(two, walk(&path, false, Some(1500))?);
        Ok(())
    }

    #[test]
    fn rows_wait_for_what_prepare_makes() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = book(dir.path(), 3 * BATCH_ROWS as u32 + 17)?;
        let mut source = Source::open(&path, &Limits::default())?;
        let mut seen = Vec::new();
        let slow = |_: &dyn Fn() -> bool| {
            // Long enough for the walk to run ahead of the rows.
            std::thread::sleep(std::time::Duration::from_millis(200));
            "ready"
        };
        rows_handed_off_after(&mut source, &path, "Data", slow, &mut |made, number, _| {
            seen.push((*made, number));
            ControlFlow::Continue(())
        })?;
        assert!(seen.iter().all(|(made, _)| *made == "ready"));
        let numbers: Vec<u32> = seen.iter().map(|(_, n)| *n).collect();
        let one: Vec<u32> =
            walk(&path, false, None)?.iter().filter_map(|l| l.split(':').next()?.parse().ok()).collect();
        assert_eq!(numbers, one);
        Ok(())
    }

    #[test]
    #[should_panic(expected = "prepare failed")]
    fn a_panic_while_preparing_is_not_swallowed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = book(dir.path(), 3 * BATCH_ROWS as u32).unwrap_or_else(|e| panic!("{e}"));
        let mut source = Source::open(&path, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
        let _ = rows_handed_off_after(&mut source, &path, "Data", |_| panic!("prepare failed"), &mut |(), _, _| {
            ControlFlow::Continue(())
        });
    }

    #[test]
    #[should_panic(expected = "row code failed")]
    fn a_panic_of_the_row_code_is_not_swallowed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = book(dir.path(), 10).unwrap_or_else(|e| panic!("{e}"));
        let mut source = Source::open(&path, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
        let _ = rows_handed_off(&mut source, &path, "Data", &mut |_, _| panic!("row code failed"));
    }
}
