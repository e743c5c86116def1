//! Books read whole: .xls and .ods are checked before calamine opens them.
//!
//! calamine reads every sheet of an .xls or .ods book when it opens it, and
//! makes each a dense grid of cells in memory (about 60 bytes a cell, with
//! its formula). A sheet whose values lie far apart (A1 and XFD1048576), or
//! an .ods cell repeated over a million rows, spans billions of cells: the
//! machine's memory would run out (calamine reserves the room at once, and
//! a failed reservation ends the process). These passes count what calamine
//! would hold, as it would count it, and refuse the book first: past a
//! worksheet's rows or columns, or past [`Limits::max_range_cells`].

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::error::OpenError;
use super::limits::{Limits, bytes, count};
use super::scan::Refusal;

/// What one sheet would hold in memory.
#[derive(Debug, Default)]
struct Grid {
    /// Cells stored before the grid is made (each row up to its last value).
    stored: u64,
    /// Rows read so far (repeats counted).
    rows: u64,
    /// The first and last row holding a value, and the columns values span.
    first_row: Option<u64>,
    last_row: u64,
    first_col: u64,
    end_col: u64,
}

impl Grid {
    /// The cells of the dense grid: rows × columns from the first value to
    /// the last.
    fn span(&self) -> u64 {
        match self.first_row {
            Some(first) => (self.last_row - first).saturating_mul(self.end_col.saturating_sub(self.first_col)),
            None => 0,
        }
    }

    /// Why the sheet `sheet` is refused, if it is.
    fn refusal(&self, limits: &Limits) -> Option<Refusal> {
        if self.first_row.is_some() && self.last_row > u64::from(limits.max_rows) {
            return Some(Refusal::rows(limits, format!("reaches row {}", count(self.last_row))));
        }
        if self.end_col > u64::from(limits.max_columns) {
            return Some(Refusal::columns(limits, format!("reaches column {}", count(self.end_col))));
        }
        let cells = self.span().max(self.stored);
        (cells > limits.max_range_cells).then(|| Refusal {
            what: format!("spans {} cells (its values from the first to the last row and column)", count(cells)),
            limit: format!(
                "the {} cells a sheet of an .xls or .ods book may span (it is read into memory whole)",
                count(limits.max_range_cells)
            ),
        })
    }
}

/// The value of attribute `name` of a start tag, as a number.
fn number_attr(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    let a = e.try_get_attribute(name).ok()??;
    a.value.trim().parse().ok()
}

/// Checks the sheets of an .ods book, whose `content.xml` is entry `index`
/// of its archive.
///
/// # Errors
///
/// [`OpenError::SheetTooLarge`] for a sheet past the limits. A part that
/// cannot be read is left to calamine, which says why.
pub(crate) fn check_ods(path: &Path, index: usize, limits: &Limits) -> Result<(), OpenError> {
    const ROWS: &str = "table:number-rows-repeated";
    const COLS: &str = "table:number-columns-repeated";
    // The attributes that give a cell a value (calamine's rules).
    const VALUES: [&str; 6] = [
        "office:value-type",
        "office:value",
        "office:string-value",
        "office:date-value",
        "office:time-value",
        "table:formula",
    ];
    let Ok(file) = File::open(path) else { return Ok(()) };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else { return Ok(()) };
    let Ok(part) = zip.by_index(index) else { return Ok(()) };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let max_rows = u64::from(limits.max_rows);
    let max_cols = u64::from(limits.max_columns);
    let mut sheet: Option<(String, Grid)> = None;
    // The row being read: its repeats, the column reached, its first value
    // and the end of its last.
    let (mut repeat, mut col, mut first, mut end) = (1u64, 0u64, None::<u64>, 0u64);
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let closed = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    let name = e
                        .try_get_attribute("table:name")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    sheet = Some((name, Grid::default()));
                }
                "table:table-row" => {
                    // calamine stops counting rows at a worksheet's last.
                    let (_, g) = sheet.get_or_insert_with(Default::default);
                    repeat = number_attr(&e, ROWS).unwrap_or(1).min(max_rows.saturating_sub(g.rows));
                    (col, first, end) = (0, None, 0);
                    if closed {
                        g.rows += repeat;
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = number_attr(&e, COLS).unwrap_or(1);
                    let valued = !closed || VALUES.iter().any(|a| e.try_get_attribute(a).ok().flatten().is_some());
                    // calamine stops a row at a worksheet's last column.
                    let to = col.saturating_add(n).min(max_cols);
                    if valued && to > col {
                        first.get_or_insert(col);
                        end = to;
                    }
                    col = to;
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table-row" => {
                    let (_, g) = sheet.get_or_insert_with(Default::default);
                    if let Some(f) = first {
                        if g.first_row.is_none() {
                            g.first_row = Some(g.rows);
                            g.first_col = f;
                        }
                        g.first_col = g.first_col.min(f);
                        g.end_col = g.end_col.max(end);
                        g.last_row = g.rows + repeat;
                        g.stored = g.stored.saturating_add(end);
                    }
                    g.rows += repeat;
                    if let Some(r) = g.refusal(limits) {
                        let name = sheet.map(|(n, _)| n).unwrap_or_default();
                        return Err(r.into_error(path, &name));
                    }
                }
                "table:table" => sheet = None,
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// Checks the sheets of an .xls book.
///
/// # Errors
///
/// [`OpenError::TooLarge`] for a workbook stream past
/// [`Limits::max_part_in_memory`] (calamine reads it whole),
/// [`OpenError::SheetTooLarge`] for a sheet past the limits. A file that
/// cannot be read is left to calamine, which says why.
pub(crate) fn check_xls(path: &Path, limits: &Limits) -> Result<(), OpenError> {
    let Ok(mut cfb) = cfb::open(path) else { return Ok(()) };
    let Some(mut stream) = ["Workbook", "Book"].iter().find_map(|s| cfb.open_stream(s).ok()) else {
        return Ok(());
    };
    let len = stream.len();
    if len > limits.max_part_in_memory {
        return Err(OpenError::TooLarge {
            path: path.to_owned(),
            what: format!("the workbook stream ({}), which is read into memory whole,", bytes(len)),
            limit: bytes(limits.max_part_in_memory),
        });
    }
    let mut data = Vec::new();
    if stream.read_to_end(&mut data).is_err() {
        return Ok(());
    }
    // The sheets are where the globals' BoundSheet8 records say.
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (typ, body) in records(&data) {
        match typ {
            0x0085 if body.len() >= 4 => {
                let at = u32::from_le_bytes([body[0], body[1], body[2], body[3]]) as usize;
                let name = sheet_name(body).unwrap_or_else(|| format!("sheet {}", sheets.len() + 1));
                sheets.push((at, name));
            }
            0x000A => break,
            _ => {}
        }
    }
    for (at, name) in sheets {
        let Some(sheet) = data.get(at..) else { continue };
        if let Some(r) = xls_sheet(sheet).refusal(limits) {
            return Err(r.into_error(path, &name));
        }
    }
    Ok(())
}

/// The name in a BoundSheet8 record (BIFF8: a short string after six bytes).
fn sheet_name(body: &[u8]) -> Option<String> {
    let (&cch, &flags) = (body.get(6)?, body.get(7)?);
    let chars = body.get(8..)?;
    Some(if flags & 1 == 1 {
        let units: Vec<u16> =
            chars.chunks_exact(2).take(usize::from(cch)).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(usize::from(cch)).map(|&b| char::from(b)).collect()
    })
}

/// What calamine keeps of an .xls sheet's records: a reservation of the
/// cells its Dimensions record spans, and the cells of its cell records.
fn xls_sheet(sheet: &[u8]) -> Grid {
    let mut g = Grid::default();
    let (mut min_row, mut max_row, mut min_col, mut max_col) = (u64::MAX, 0u64, u64::MAX, 0u64);
    let mut cell = |row: u64, col: u64, g: &mut Grid| {
        g.stored += 1;
        (min_row, max_row) = (min_row.min(row), max_row.max(row));
        (min_col, max_col) = (min_col.min(col), max_col.max(col));
    };
    let mut depth = 0usize;
    let mut seen_bof = false;
    let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map_or(0, |s| u64::from(u16::from_le_bytes([s[0], s[1]])));
    let u32_at =
        |b: &[u8], i: usize| b.get(i..i + 4).map_or(0, |s| u64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])));
    let mut reserved = 0u64;
    for (typ, body) in records(sheet) {
        // Charts and other substreams nested in the sheet are skipped.
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A if depth > 0 => depth -= 1,
            0x000A => break,
            _ if depth > 0 => {}
            // Dimensions: calamine reserves room for every cell it spans.
            0x0200 => {
                let (rows, cols) = match body.len() {
                    10 => (
                        u16_at(body, 2).saturating_sub(u16_at(body, 0)),
                        u16_at(body, 6).saturating_sub(u16_at(body, 4)),
                    ),
                    _ => (
                        u32_at(body, 4).saturating_sub(u32_at(body, 0)),
                        u16_at(body, 10).saturating_sub(u16_at(body, 8)),
                    ),
                };
                reserved = reserved.max((rows + 1).saturating_mul(cols + 1));
            }
            // Number, Label, BoolErr, RK, LabelSst, RString, Formula.
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x00D6 | 0x0006 => {
                cell(u16_at(body, 0), u16_at(body, 2), &mut g);
            }
            // MulRk: a run of cells in one row.
            0x00BD if body.len() >= 6 => {
                let (row, first) = (u16_at(body, 0), u16_at(body, 2));
                let last = u16_at(body, body.len() - 2);
                for c in first..=last.max(first).min(first + 0xffff) {
                    cell(row, c, &mut g);
                }
            }
            _ => {}
        }
    }
    if g.stored > 0 {
        g.first_row = Some(min_row);
        g.last_row = max_row + 1;
        g.first_col = min_col;
        g.end_col = max_col + 1;
    }
    g.stored = g.stored.max(reserved);
    g
}

/// The BIFF records of a stream: type and body.
fn records(data: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let head = data.get(at..at + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let body = data.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, body))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&(body.len() as u16).to_le_bytes());
        r.extend_from_slice(body);
        r
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut b = row.to_le_bytes().to_vec();
        b.extend_from_slice(&col.to_le_bytes());
        b.extend_from_slice(&[0; 10]);
        record(0x0203, &b)
    }

    #[test]
    fn an_xls_sheet_spans_from_its_first_value_to_its_last() {
        let mut s = record(0x0809, &[0; 16]);
        s.extend(number(0, 0));
        s.extend(number(65_535, 200));
        s.extend(record(0x000A, &[]));
        let g = xls_sheet(&s);
        assert_eq!((g.stored, g.span()), (2, 65_536 * 201));
        let limits = Limits { max_range_cells: 1_000_000, ..Limits::default() };
        let r = g.refusal(&limits).expect("refused");
        assert_eq!(r.what, "spans 13,172,736 cells (its values from the first to the last row and column)");
        assert!(g.refusal(&Limits { max_range_cells: 65_536 * 201, ..limits }).is_none());
        // A Dimensions record reserves what it spans.
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&4_000_000u32.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 0xff, 0, 0, 0]);
        let mut s = record(0x0809, &[0; 16]);
        s.extend(record(0x0200, &dims));
        assert!(xls_sheet(&s).refusal(&Limits::default()).is_some());
    }
}
