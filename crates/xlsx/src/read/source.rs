//! Opening a book and streaming the rows of its sheets, whatever its format.
//!
//! The format is recognised by content, not by extension: a zip archive is
//! .xlsx/.xlsm (or .xlsb, .ods, told apart by their parts), an OLE compound
//! file is .xls or an encrypted Office file, a folder is a book of CSV
//! files, and a lone `.csv` file is a book of one sheet named after the
//! file. Zip archives are checked for decompression bombs before calamine
//! sees them; calamine is further guarded so that a panic inside it on a
//! malformed file becomes [`OpenError::Corrupt`].
//!
//! .xlsx and .xlsb sheets are streamed with calamine's cell readers (no
//! `Range` in memory); .xls and .ods read a sheet's range, which is kept
//! for the next use. Every way of reading refuses a sheet as soon as it
//! passes a worksheet's rows or columns ([`Limits::max_rows`],
//! [`Limits::max_columns`]); under the .xlsx reader, a tripwire (`meter`)
//! catches sheets whose XML runs on without cells.

use std::fs::File;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::Path;
use std::sync::Arc;

use calamine::{
    Cell, Data, DataRef, Dimensions, Range, Reader, SheetVisible, Sheets, Xls, XlsError, Xlsb, XlsbError, Xlsx,
    XlsxError,
};

use super::cells::{self, RowCells};
use super::csv::CsvBook;
use super::error::OpenError;
use super::limits::{Limits, bytes, count};
use super::meter::{Meter, Metered, Part, Watch};
use super::scan::Refusal;
use crate::cell::column_letters;

/// What the callback of [`Source::rows`] gets: the 1-based row number and
/// its non-blank cells.
pub(crate) type RowFn<'f> = dyn FnMut(u32, &RowCells<'_>) -> ControlFlow<()> + 'f;

/// Something worth a warning found while reading a sheet.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Notes {
    /// The CSV file was not UTF-8 and was decoded with this encoding.
    pub(crate) legacy_encoding: Option<&'static str>,
}

type File2 = BufReader<File>;

/// Characters a sheet's name may have (Excel's hold 31; other programs'
/// somewhat more).
const MAX_SHEET_NAME: usize = 255;

/// An opened book.
pub(crate) struct Source {
    kind: Kind,
    // Boxed: a book is moved around whole, and most of it is here.
    limits: Box<Limits>,
}

enum Kind {
    /// .xlsx / .xlsm, streamed.
    Xlsx(Box<Xlsx<Metered>>, Arc<Meter>),
    /// .xlsb, streamed.
    Xlsb(Box<Xlsb<File2>>),
    /// .xls, .ods: read by range; the last range read is kept.
    Ranges(Box<Sheets<File2>>, Option<(String, Range<Data>)>),
    /// A folder of CSV files, or one CSV file.
    Csv(CsvBook),
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            Kind::Xlsx(..) => f.write_str("Source::Xlsx"),
            Kind::Xlsb(_) => f.write_str("Source::Xlsb"),
            Kind::Ranges(..) => f.write_str("Source::Ranges"),
            Kind::Csv(c) => write!(f, "Source::Csv({c:?})"),
        }
    }
}

/// Zip-based formats, told apart by their parts.
enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
}

impl Source {
    /// Opens a book (see the module docs).
    pub(crate) fn open(path: &Path, limits: &Limits) -> Result<Source, OpenError> {
        let kind = Source::open_kind(path, limits)?;
        let source = Source { kind, limits: Box::new(limits.clone()) };
        // Every problem names its sheet: a name of megabytes (Excel's hold
        // 31 characters) would be copied into each.
        if let Some(long) = source.sheet_names().iter().find(|n| n.chars().count() > MAX_SHEET_NAME) {
            return Err(OpenError::corrupt(
                path,
                format!(
                    "a sheet's name is {} characters long (\"{}…\"); a name holds at most {MAX_SHEET_NAME}",
                    count(long.chars().count() as u64),
                    long.chars().take(40).collect::<String>()
                ),
            ));
        }
        Ok(source)
    }

    fn open_kind(path: &Path, limits: &Limits) -> Result<Kind, OpenError> {
        let meta = std::fs::metadata(path).map_err(|e| OpenError::io(path, e))?;
        if meta.is_dir() {
            return CsvBook::folder(path, limits).map(Kind::Csv);
        }
        let mut magic = [0u8; 8];
        let n = read_prefix(path, &mut magic)?;
        let magic = &magic[..n];
        if n == 0 {
            return Err(OpenError::not_a_workbook(path, "the file is empty"));
        }
        if magic.starts_with(b"PK\x03\x04") || magic.starts_with(b"PK\x05\x06") || magic.starts_with(b"PK\x07\x08") {
            return open_zip(path, limits);
        }
        if magic == b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
            return open_ole(path, limits, meta.len());
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if ext == "csv" {
            return CsvBook::single(path, limits).map(Kind::Csv);
        }
        Err(OpenError::not_a_workbook(path, unknown_content(path, &ext)?))
    }

    /// The limits the book is read with.
    pub(crate) fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The sheet names, in book order.
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        match &self.kind {
            Kind::Xlsx(x, _) => x.sheet_names(),
            Kind::Xlsb(x) => x.sheet_names(),
            Kind::Ranges(s, _) => s.sheet_names(),
            Kind::Csv(c) => c.sheet_names(),
        }
    }

    /// Whether a sheet is hidden.
    pub(crate) fn is_hidden(&self, name: &str) -> bool {
        let meta = match &self.kind {
            Kind::Xlsx(x, _) => x.sheets_metadata(),
            Kind::Xlsb(x) => x.sheets_metadata(),
            Kind::Ranges(s, _) => s.sheets_metadata(),
            Kind::Csv(_) => return false,
        };
        meta.iter().any(|s| s.name == name && s.visible != SheetVisible::Visible)
    }

    /// Calls `each` with every row that has a non-blank cell, in order,
    /// until it breaks.
    ///
    /// # Errors
    ///
    /// [`OpenError`] when the sheet's data cannot be read (damaged file).
    pub(crate) fn rows(&mut self, path: &Path, sheet: &str, each: &mut RowFn<'_>) -> Result<Notes, OpenError> {
        let mut user_panic = None;
        let mut guarded_each =
            |row: u32, cells: &RowCells<'_>| match catch_unwind(AssertUnwindSafe(|| each(row, cells))) {
                Ok(flow) => flow,
                Err(p) => {
                    user_panic = Some(p);
                    ControlFlow::Break(())
                }
            };
        let limits = &self.limits;
        let result = match &mut self.kind {
            Kind::Xlsx(x, meter) => guard(path, || {
                let watch = meter.watch(sheet);
                let refused = |e: XlsxError| watch.refusal().unwrap_or_else(|| corrupt_xlsx(path, e));
                let mut reader = x.worksheet_cells_reader(sheet).map_err(refused)?;
                let next = || reader.next_cell().map_err(refused);
                stream(path, sheet, limits, Some(&watch), next, &mut guarded_each).map(|()| Notes::default())
            }),
            Kind::Xlsb(x) => guard(path, || {
                let mut reader = x.worksheet_cells_reader(sheet).map_err(|e| corrupt_xlsb(path, e))?;
                let next = || reader.next_cell().map_err(|e| corrupt_xlsb(path, e));
                stream(path, sheet, limits, None, next, &mut guarded_each).map(|()| Notes::default())
            }),
            Kind::Ranges(s, cache) => guard(path, || {
                let range = match cache.take() {
                    Some((name, r)) if name == sheet => r,
                    _ => s.worksheet_range(sheet).map_err(|e| calamine_error(path, e))?,
                };
                if let Some((rows, cols)) = range.end() {
                    check_position(path, sheet, limits, rows, cols)?;
                }
                let walked = walk_range(path, sheet, limits, &range, &mut guarded_each);
                *cache = Some((sheet.to_owned(), range));
                walked.map(|()| Notes::default())
            }),
            Kind::Csv(c) => c.rows(sheet, &mut guarded_each),
        };
        if let Some(p) = user_panic {
            resume_unwind(p);
        }
        result
    }

    /// Whether the book is an .xlsx (or .xlsm) book read as a stream.
    pub(crate) fn is_xlsx(&self) -> bool {
        matches!(self.kind, Kind::Xlsx(..))
    }

    /// The merged regions of a sheet (.xlsx and .xls; none for the other
    /// formats, which do not keep them).
    ///
    /// # Errors
    ///
    /// [`OpenError`] when the sheet cannot be read (damaged file).
    pub(crate) fn merged_regions(&mut self, path: &Path, sheet: &str) -> Result<Vec<Dimensions>, OpenError> {
        match &mut self.kind {
            Kind::Xlsx(x, meter) => match super::merges::merged_regions(path, sheet, &self.limits) {
                Err(refusal) => Err(refusal.into_error(path, sheet)),
                Ok(Some(m)) => Ok(m),
                Ok(None) => guard(path, || {
                    // calamine reads the whole sheet for them: watched as a walk.
                    let watch = meter.watch(sheet);
                    x.merge_cells_by_sheet_name(sheet)
                        .map_err(|e| watch.refusal().unwrap_or_else(|| corrupt_xlsx(path, e)))
                }),
            },
            Kind::Ranges(s, _) => match s.as_mut() {
                Sheets::Xls(x) => Ok(x.merge_cells_by_sheet_name(sheet).unwrap_or_default()),
                _ => Ok(Vec::new()),
            },
            Kind::Xlsb(_) | Kind::Csv(_) => Ok(Vec::new()),
        }
    }

    /// The number of rows after the first of a sheet, from its declared
    /// dimension (xlsx, xlsb) or its range; `None` when unknown.
    pub(crate) fn rows_hint(&mut self, path: &Path, sheet: &str) -> Option<u64> {
        let dims = match &mut self.kind {
            Kind::Xlsx(x, meter) => guard(path, || {
                let watch = meter.watch(sheet);
                x.worksheet_cells_reader(sheet)
                    .map(|r| r.dimensions())
                    .map_err(|e| watch.refusal().unwrap_or_else(|| corrupt_xlsx(path, e)))
            })
            .ok()?,
            Kind::Xlsb(x) => guard(path, || {
                x.worksheet_cells_reader(sheet).map(|r| r.dimensions()).map_err(|e| corrupt_xlsb(path, e))
            })
            .ok()?,
            Kind::Ranges(s, cache) => {
                if cache.as_ref().is_none_or(|(n, _)| n != sheet) {
                    let r = guard(path, || s.worksheet_range(sheet).map_err(|e| calamine_error(path, e))).ok()?;
                    *cache = Some((sheet.to_owned(), r));
                }
                let (_, r) = cache.as_ref()?;
                let h = r.height() as u64;
                return (h > 1).then(|| h - 1);
            }
            Kind::Csv(_) => return None,
        };
        (dims.end.0 > dims.start.0).then(|| u64::from(dims.end.0 - dims.start.0))
    }
}

/// Refuses a cell beyond a worksheet's rows or columns (0-based position).
fn check_position(path: &Path, sheet: &str, limits: &Limits, row: u32, col: u32) -> Result<(), OpenError> {
    let refusal = if row >= limits.max_rows {
        Refusal::rows(limits, format!("reaches row {}", count(u64::from(row) + 1)))
    } else if col >= limits.max_columns {
        Refusal::columns(
            limits,
            format!("reaches column {} (column {})", column_letters(col), count(u64::from(col) + 1)),
        )
    } else {
        return Ok(());
    };
    Err(refusal.into_error(path, sheet))
}

/// Streams a sheet from a cell reader (`next`), a row at a time, reusing
/// one buffer; every cell, blank or not, is checked against the limits,
/// and counted for the `watch`.
fn stream<'a>(
    path: &Path,
    sheet: &str,
    limits: &Limits,
    watch: Option<&Watch<'_>>,
    mut next: impl FnMut() -> Result<Option<Cell<DataRef<'a>>>, OpenError>,
    each: &mut RowFn<'_>,
) -> Result<(), OpenError> {
    let mut row: Vec<Cell<DataRef<'a>>> = Vec::with_capacity(32);
    let mut current: Option<u32> = None;
    let mut cells = 0u64;
    let (mut text, mut all_text) = (0u64, 0u64);
    while let Some(cell) = next()? {
        let (r, c) = cell.get_position();
        check_position(path, sheet, limits, r, c)?;
        cells += 1;
        if current != Some(r) {
            if let Some(w) = watch {
                w.progress(cells);
            }
            if let Some(prev) = current
                && !row.is_empty()
                && each(prev + 1, &row).is_break()
            {
                return Ok(());
            }
            row.clear();
            current = Some(r);
            text = 0;
        }
        if !cells::is_blank(cell.get_value()) {
            let n = text_len(cell.get_value());
            (text, all_text) = (text + n, all_text + n);
            check_text(path, sheet, limits, r, text, all_text)?;
            row.push(cell);
        }
    }
    if let Some(prev) = current
        && !row.is_empty()
    {
        let _ = each(prev + 1, &row);
    }
    Ok(())
}

/// The bytes of text a cell holds.
fn text_len(v: &DataRef<'_>) -> u64 {
    match v {
        DataRef::String(s) => s.len() as u64,
        DataRef::SharedString(s) => s.len() as u64,
        _ => 0,
    }
}

/// Refuses a row (0-based), or a sheet up to it, of more text than
/// `limits` allow.
fn check_text(path: &Path, sheet: &str, limits: &Limits, row: u32, text: u64, all: u64) -> Result<(), OpenError> {
    let refusal = if text > limits.max_line {
        Refusal {
            what: format!("holds more than {} of text in row {}", bytes(limits.max_line), count(u64::from(row) + 1)),
            limit: format!("the {} a row may hold", bytes(limits.max_line)),
        }
    } else if all > limits.max_text {
        Refusal {
            what: format!(
                "holds more than {} of text by row {} (a shared text counted each time a cell uses it)",
                bytes(limits.max_text),
                count(u64::from(row) + 1)
            ),
            limit: format!("the {} a sheet may hold", bytes(limits.max_text)),
        }
    } else {
        return Ok(());
    };
    Err(refusal.into_error(path, sheet))
}

/// Walks the used cells of a range by row, with absolute positions.
fn walk_range(
    path: &Path,
    sheet: &str,
    limits: &Limits,
    range: &Range<Data>,
    each: &mut RowFn<'_>,
) -> Result<(), OpenError> {
    let Some((r0, c0)) = range.start() else { return Ok(()) };
    let mut row: Vec<Cell<DataRef<'_>>> = Vec::with_capacity(32);
    let mut all_text = 0u64;
    for (i, cells_of_row) in range.rows().enumerate() {
        row.clear();
        let mut text = 0u64;
        for (j, v) in cells_of_row.iter().enumerate() {
            if !matches!(v, Data::Empty) {
                let v = cells::borrow(v);
                if !cells::is_blank(&v) {
                    let n = text_len(&v);
                    (text, all_text) = (text + n, all_text + n);
                    check_text(path, sheet, limits, r0 + i as u32, text, all_text)?;
                    row.push(Cell::new((r0 + i as u32, c0 + j as u32), v));
                }
            }
        }
        if !row.is_empty() && each(r0 + i as u32 + 1, &row).is_break() {
            return Ok(());
        }
    }
    Ok(())
}

/// Runs calamine code; a panic in it becomes [`OpenError::Corrupt`].
fn guard<T>(path: &Path, f: impl FnOnce() -> Result<T, OpenError>) -> Result<T, OpenError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_owned());
        Err(OpenError::corrupt(path, format!("the spreadsheet reader failed on malformed content ({what})")))
    })
}

fn read_prefix(path: &Path, buf: &mut [u8]) -> Result<usize, OpenError> {
    let mut f = File::open(path).map_err(|e| OpenError::io(path, e))?;
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(OpenError::io(path, e)),
        }
    }
    Ok(n)
}

fn reader(path: &Path) -> Result<File2, OpenError> {
    File::open(path).map(BufReader::new).map_err(|e| OpenError::io(path, e))
}

/// What a file that is neither zip, OLE nor .csv holds, for the message.
fn unknown_content(path: &Path, ext: &str) -> Result<String, OpenError> {
    let mut head = [0u8; 4096];
    let n = read_prefix(path, &mut head)?;
    let head = &head[..n];
    let texty = !head.contains(&0) && (std::str::from_utf8(head).is_ok() || head.iter().all(|b| *b >= 0x09));
    let formats = "carbonbook reads .xlsx, .xlsm, .xlsb, .xls and .ods workbooks, a .csv file or a folder of CSV files";
    Ok(if texty && (head.starts_with(b"<?xml") || head.starts_with(b"<")) {
        format!("it holds XML or HTML text (an Excel 2003 XML or HTML export?); {formats}")
    } else if texty {
        let hint = if ext == "txt" || ext == "tsv" { "; rename it to .csv if it is comma-separated" } else { "" };
        format!("it holds plain text{hint}; {formats}")
    } else if head.starts_with(b"%PDF") {
        format!("it is a PDF document; {formats}")
    } else {
        format!("its content is not a spreadsheet format; {formats}")
    })
}

fn open_zip(path: &Path, limits: &Limits) -> Result<Kind, OpenError> {
    let (kind, parts) = check_zip(path, limits)?;
    guard(path, || match kind {
        ZipKind::Xlsx => {
            let meter = Arc::new(Meter::new(path, limits, parts));
            let file = Metered::open(path, Arc::clone(&meter)).map_err(|e| OpenError::io(path, e))?;
            let x: Xlsx<Metered> = Reader::new(file).map_err(|e| corrupt_xlsx(path, e))?;
            Ok(Kind::Xlsx(Box::new(x), meter))
        }
        ZipKind::Xlsb => {
            let x = Reader::new(reader(path)?).map_err(|e| corrupt_xlsb(path, e))?;
            Ok(Kind::Xlsb(Box::new(x)))
        }
        ZipKind::Ods => {
            if let Some(content) = parts.iter().find(|p| p.name == "content.xml") {
                super::whole::check_ods(path, content.index, limits)?;
            }
            let x = Reader::new(reader(path)?).map_err(|e| calamine_error(path, calamine::Error::Ods(e)))?;
            Ok(Kind::Ranges(Box::new(Sheets::Ods(x)), None))
        }
    })
}

/// Reads the central directory: refuses bombs, tells the format.
fn check_zip(path: &Path, limits: &Limits) -> Result<(ZipKind, Vec<Part>), OpenError> {
    let mut zip = zip::ZipArchive::new(reader(path)?)
        .map_err(|e| OpenError::corrupt(path, format!("the zip archive is truncated or damaged ({e})")))?;
    let mut total: u64 = 0;
    let mut parts = Vec::with_capacity(zip.len());
    let mut shared_strings = Vec::new();
    let (mut content_types, mut xl, mut xlsb, mut ods_content, mut mimetype) = (false, false, false, false, false);
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| OpenError::corrupt(path, format!("the zip archive is truncated or damaged ({e})")))?;
        let (size, packed, start) = (entry.size(), entry.compressed_size(), entry.header_start());
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
        drop(entry);
        // Every part read is bounded by its declared size: the archive
        // reader fails a part that inflates past it.
        total = total.saturating_add(size);
        if total > limits.max_uncompressed {
            return Err(OpenError::TooLarge {
                path: path.to_owned(),
                what: format!(
                    "the uncompressed content (more than {}, passed at the part {name} of {})",
                    bytes(total),
                    bytes(size)
                ),
                limit: bytes(limits.max_uncompressed),
            });
        }
        if size > limits.max_part_in_memory && held_whole(&name) {
            return Err(OpenError::TooLarge {
                path: path.to_owned(),
                what: format!("the part {name} ({}), which is read into memory whole,", bytes(size)),
                limit: bytes(limits.max_part_in_memory),
            });
        }
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            shared_strings.push((i, size));
        }
        if size > limits.ratio_min_size && size / packed.max(1) > limits.max_ratio {
            return Err(OpenError::TooLarge {
                path: path.to_owned(),
                what: format!(
                    "the part {name} ({} from {} compressed, {}:1; a decompression bomb?)",
                    bytes(size),
                    bytes(packed),
                    size / packed.max(1)
                ),
                limit: format!("{}:1 for parts over {}", limits.max_ratio, bytes(limits.ratio_min_size)),
            });
        }
        parts.push(Part { start, index: i, name: name.clone() });
        match name.as_str() {
            "[Content_Types].xml" => content_types = true,
            "xl/workbook.bin" => xlsb = true,
            "content.xml" => ods_content = true,
            "mimetype" => mimetype = true,
            n if n.starts_with("xl/") => xl = true,
            _ => {}
        }
    }
    if xlsb {
        return Ok((ZipKind::Xlsb, parts));
    }
    if content_types && xl {
        check_shared_strings(path, &parts, &shared_strings)?;
        return Ok((ZipKind::Xlsx, parts));
    }
    if ods_content {
        let mut mime = String::new();
        if mimetype && let Ok(f) = zip.by_name("mimetype") {
            let _ = f.take(200).read_to_string(&mut mime);
        }
        if mime.is_empty() || mime.trim() == "application/vnd.oasis.opendocument.spreadsheet" {
            return Ok((ZipKind::Ods, parts));
        }
        return Err(OpenError::not_a_workbook(
            path,
            format!("it is an OpenDocument file of type {}, not a spreadsheet", mime.trim()),
        ));
    }
    if content_types {
        return Err(OpenError::not_a_workbook(
            path,
            "it is an Office document without a workbook (a Word or PowerPoint file?)",
        ));
    }
    Err(OpenError::not_a_workbook(path, "it is a zip archive that holds no spreadsheet"))
}

/// Whether the reader holds a part in memory whole when it opens the book:
/// the shared strings, styles, the workbook and its relationships (and the
/// content of an .ods book); not the sheets of .xlsx and .xlsb books, which
/// are streamed, nor pictures, which are not read.
fn held_whole(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let data = name.ends_with(".xml")
        || name.ends_with(".rels")
        || ["xl/workbook.bin", "xl/sharedstrings.bin", "xl/styles.bin"].contains(&name.as_str());
    data && !name.contains("worksheets/")
}

/// Refuses shared strings that declare more strings than their part can
/// hold: calamine reserves room for the count declared, and a count of
/// billions (one changed digit) would ask for terabytes and end the
/// process.
fn check_shared_strings(path: &Path, parts: &[Part], found: &[(usize, u64)]) -> Result<(), OpenError> {
    for &(index, size) in found {
        // `<si></si>` is nine bytes, `<si/>` five: no string takes fewer than four.
        let most = size / 4 + 1;
        match super::scan::declared_strings(path, index) {
            Ok(Some(n)) if n > most => {
                let name = parts.iter().find(|p| p.index == index).map_or("", |p| p.name.as_str());
                return Err(OpenError::corrupt(
                    path,
                    format!(
                        "the part {name} declares {} shared strings in {}, which holds at most {}",
                        count(n),
                        bytes(size),
                        count(most)
                    ),
                ));
            }
            // Unreadable parts fail calamine's reading, which says why.
            _ => {}
        }
    }
    Ok(())
}

/// An OLE compound file: .xls, or an encrypted .xlsx.
fn open_ole(path: &Path, limits: &Limits, len: u64) -> Result<Kind, OpenError> {
    if len > limits.max_file {
        return Err(OpenError::TooLarge {
            path: path.to_owned(),
            what: format!("the file ({})", bytes(len)),
            limit: bytes(limits.max_file),
        });
    }
    guard(path, || {
        // Encrypted .xlsx files are OLE files with an EncryptedPackage stream.
        let as_xlsx: Result<Xlsx<File2>, XlsxError> = Reader::new(reader(path)?);
        if let Err(XlsxError::Password) = as_xlsx {
            return Err(OpenError::Encrypted { path: path.to_owned() });
        }
        super::whole::check_xls(path, limits)?;
        match <Xls<File2> as Reader<File2>>::new(reader(path)?) {
            Ok(x) => Ok(Kind::Ranges(Box::new(Sheets::Xls(x)), None)),
            Err(XlsError::Password) => Err(OpenError::Encrypted { path: path.to_owned() }),
            Err(XlsError::Cfb(e)) => Err(OpenError::not_a_workbook(
                path,
                format!("it is an OLE compound file without an Excel workbook in it (a Word .doc?): {e}"),
            )),
            Err(e) => Err(OpenError::corrupt(path, format!("the .xls data is damaged ({e})"))),
        }
    })
}

/// Maps an xlsx reading error.
fn corrupt_xlsx(path: &Path, e: XlsxError) -> OpenError {
    match e {
        XlsxError::Password => OpenError::Encrypted { path: path.to_owned() },
        XlsxError::Io(io) => OpenError::io(path, io),
        e => OpenError::corrupt(path, format!("the .xlsx content is damaged ({e})")),
    }
}

/// Maps an xlsb reading error.
fn corrupt_xlsb(path: &Path, e: XlsbError) -> OpenError {
    match e {
        XlsbError::Password => OpenError::Encrypted { path: path.to_owned() },
        XlsbError::Io(io) => OpenError::io(path, io),
        e => OpenError::corrupt(path, format!("the .xlsb content is damaged ({e})")),
    }
}

/// Maps a calamine error of any format.
fn calamine_error(path: &Path, e: calamine::Error) -> OpenError {
    use calamine::OdsError;
    match e {
        calamine::Error::Xlsx(e) => corrupt_xlsx(path, e),
        calamine::Error::Xls(XlsError::Password)
        | calamine::Error::Xlsb(XlsbError::Password)
        | calamine::Error::Ods(OdsError::Password) => OpenError::Encrypted { path: path.to_owned() },
        calamine::Error::Io(io) => OpenError::io(path, io),
        e => OpenError::corrupt(path, format!("the spreadsheet content is damaged ({e})")),
    }
}
