//! Books of CSV files: a folder whose files are named after the sheets
//! (`Activities.csv`, `活动数据.csv`, …), or a single `.csv` file, which is
//! a book of one sheet named after the file.
//!
//! Files are UTF-8, with or without a byte-order mark. A file that is not
//! UTF-8 is decoded as GB18030 (what Excel on Chinese Windows saves as
//! "CSV"), with a warning. The delimiter is a comma, or a semicolon or tab
//! when the first line has more of those. Row numbers are record numbers,
//! as a spreadsheet program shows them; columns get letters A, B, ….
//! Files are streamed record by record, and a record is never longer than
//! [`Limits::max_line`]: a file with a line of hundreds of MB is
//! refused at that line, not held in memory. A file of more rows or
//! columns than a worksheet holds is refused too.

use std::borrow::Cow;
use std::cell::Cell as Shared;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use calamine::{Cell, DataRef};

use super::error::OpenError;
use super::limits::{Limits, bytes, count};
use super::scan::Refusal;
use super::source::{Notes, RowFn};

/// A book of CSV files.
#[derive(Debug, Clone)]
pub(crate) struct CsvBook {
    /// Sheet name (file stem) and file, sorted by name.
    sheets: Vec<(String, PathBuf)>,
    limits: Limits,
}

impl CsvBook {
    /// The `.csv` files of a folder.
    pub(crate) fn folder(dir: &Path, limits: &Limits) -> Result<CsvBook, OpenError> {
        let entries = std::fs::read_dir(dir).map_err(|e| OpenError::io(dir, e))?;
        let mut sheets = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| OpenError::io(dir, e))?;
            let path = entry.path();
            let is_csv = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
            // Office lock files (~$Book.csv) and hidden files are not sheets.
            if !is_csv || stem.starts_with("~$") || stem.starts_with('.') || !path.is_file() {
                continue;
            }
            sheets.push((stem.to_owned(), path));
        }
        if sheets.is_empty() {
            return Err(OpenError::not_a_workbook(
                dir,
                "the folder holds no .csv files; a book of CSV files has one file per sheet (Organisation.csv, Facilities.csv, Activities.csv, …)",
            ));
        }
        sheets.sort();
        Ok(CsvBook { sheets, limits: limits.clone() })
    }

    /// One `.csv` file as a book of one sheet.
    pub(crate) fn single(path: &Path, limits: &Limits) -> Result<CsvBook, OpenError> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("Sheet1").to_owned();
        Ok(CsvBook { sheets: vec![(stem, path.to_owned())], limits: limits.clone() })
    }

    /// The sheet names.
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    /// Streams the rows of a sheet.
    pub(crate) fn rows(&self, sheet: &str, each: &mut RowFn<'_>) -> Result<Notes, OpenError> {
        let Some((_, path)) = self.sheets.iter().find(|(n, _)| n == sheet) else {
            return Ok(Notes::default());
        };
        let path = path.as_path();
        let file = File::open(path).map_err(|e| OpenError::io(path, e))?;
        let len = file.metadata().map_err(|e| OpenError::io(path, e))?.len();
        let limits = &self.limits;
        if len > limits.max_file {
            return Err(OpenError::TooLarge {
                path: path.to_owned(),
                what: format!("the CSV file ({})", bytes(len)),
                limit: bytes(limits.max_file),
            });
        }
        let record_start = Rc::new(Shared::new(0u64));
        // What the two buffers above it may have read ahead is allowed for.
        let bound = limits.max_line.saturating_add(2 * 64 * 1024);
        let file = LineBound { inner: file, read: 0, record_start: Rc::clone(&record_start), max: bound };
        let mut input = BufReader::with_capacity(64 * 1024, file);
        let head = input.fill_buf().map_err(|e| OpenError::io(path, e))?;
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
            return Err(OpenError::not_a_workbook(
                path,
                "the CSV file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\"",
            ));
        }
        let bom = usize::from(head.starts_with(b"\xEF\xBB\xBF")) * 3;
        let delimiter = sniff_delimiter(&head[bom..]);
        input.consume(bom);
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(input);
        let mut record = csv::ByteRecord::new();
        let mut notes = Notes::default();
        let mut number: u32 = 0;
        let refuse = |refusal: Refusal| refusal.into_error(path, sheet);
        loop {
            let before = reader.position().line();
            // The file position of the record's start (the BOM skipped).
            record_start.set(reader.position().byte() + bom as u64);
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(csv_error(path, e, before, limits.max_line)),
            }
            if reader.position().byte() + bom as u64 - record_start.get() > limits.max_line {
                return Err(line_too_long(path, before, limits.max_line));
            }
            // Blank lines are skipped by the parser but are rows in a
            // spreadsheet; line breaks inside quoted fields are not.
            let consumed = reader.position().line().saturating_sub(before);
            let inside = record.as_slice().iter().filter(|b| **b == b'\n').count() as u64;
            let blank = consumed.saturating_sub(inside + 1);
            number = number.saturating_add(1).saturating_add(u32::try_from(blank).unwrap_or(u32::MAX));
            if number > limits.max_rows {
                let max = u64::from(limits.max_rows);
                return Err(refuse(Refusal::rows(limits, format!("has more than {} rows (lines)", count(max)))));
            }
            if record.len() > limits.max_columns as usize {
                let what = format!("has {} columns in row {}", count(record.len() as u64), count(u64::from(number)));
                return Err(refuse(Refusal::columns(limits, what)));
            }
            let mut row: Vec<Cell<DataRef<'_>>> = Vec::with_capacity(record.len());
            for (col, field) in record.iter().enumerate() {
                let text = decode(field, &mut notes);
                if text.trim().is_empty() {
                    continue;
                }
                let value = match text {
                    Cow::Borrowed(s) => DataRef::SharedString(s),
                    Cow::Owned(s) => DataRef::String(s),
                };
                row.push(Cell::new((number - 1, u32::try_from(col).unwrap_or(u32::MAX)), value));
            }
            if !row.is_empty() && each(number, &row) == ControlFlow::Break(()) {
                break;
            }
        }
        Ok(notes)
    }
}

/// A field as text: UTF-8 as is, anything else as GB18030.
fn decode<'a>(field: &'a [u8], notes: &mut Notes) -> Cow<'a, str> {
    match std::str::from_utf8(field) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            notes.legacy_encoding = Some("GB18030");
            let (text, _, _) = encoding_rs::GB18030.decode(field);
            Cow::Owned(text.into_owned())
        }
    }
}

/// Comma, unless the first line has more semicolons or tabs.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|b| *b == b'\n').next().unwrap_or(head);
    let count = |c: u8| line.iter().filter(|b| **b == c).count();
    let (commas, semis, tabs) = (count(b','), count(b';'), count(b'\t'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// The file under the CSV parser, failing a record that runs past
/// `max` bytes: the parser holds a record whole, and would grow its buffer
/// to any line's length.
struct LineBound {
    inner: File,
    /// Bytes read so far.
    read: u64,
    /// Where the record being parsed starts (set by the reading loop).
    record_start: Rc<Shared<u64>>,
    max: u64,
}

/// The error [`LineBound`] fails with, told apart from other I/O errors.
#[derive(Debug)]
struct LineTooLong;

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a line too long")
    }
}

impl std::error::Error for LineTooLong {}

impl Read for LineBound {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // The parser buffers ahead of the record; what it has been handed
        // beyond the record's start bounds the record.
        if self.read.saturating_sub(self.record_start.get()) > self.max {
            return Err(std::io::Error::other(LineTooLong));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

fn line_too_long(path: &Path, line: u64, max_line: u64) -> OpenError {
    OpenError::TooLarge {
        path: path.to_owned(),
        what: format!("line {} (more than {} long)", count(line), bytes(max_line)),
        limit: format!("{} for one line", bytes(max_line)),
    }
}

/// A CSV reading error; `line` is where the record being read starts.
fn csv_error(path: &Path, e: csv::Error, line: u64, max_line: u64) -> OpenError {
    let near = e.position().map(|p| format!(" near line {}", p.line())).unwrap_or_default();
    match e.into_kind() {
        csv::ErrorKind::Io(io) if io.get_ref().is_some_and(|e| e.is::<LineTooLong>()) => {
            line_too_long(path, line, max_line)
        }
        csv::ErrorKind::Io(io) => OpenError::io(path, io),
        kind => OpenError::corrupt(path, format!("the CSV data cannot be read{near} ({kind:?})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2"), b',');
        assert_eq!(sniff_delimiter(b"a;b;c\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"abc"), b',');
    }

    #[test]
    fn legacy_encoding() {
        let mut notes = Notes::default();
        let (gbk, _, _) = encoding_rs::GB18030.encode("活动数据");
        assert_eq!(decode(&gbk, &mut notes), "活动数据");
        assert_eq!(notes.legacy_encoding, Some("GB18030"));
    }
}
