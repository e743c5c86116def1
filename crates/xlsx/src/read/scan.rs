//! Passes over the XML of an .xlsx sheet as bytes, beside calamine's reader.
//!
//! calamine's cell reader gives back cells; rows without cells
//! (`<row r="9"/>`) and anything else between two cells go by unseen. A
//! sheet of millions of such rows (a "row bomb") would keep it busy for
//! minutes. [`check`] inflates the sheet's part and reads it as bytes,
//! counting its row elements and the XML between rows and cells, and
//! refuses a sheet that holds more rows than a worksheet can, or that holds
//! more XML between two cells than any cell takes. It runs only when the
//! reader has read much more of the file than the cells it gave back
//! account for (see `meter`), so most sheets are never scanned.

use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

use super::limits::{Limits, bytes, count};

/// Most bytes of XML before the first row or cell of a sheet, or between
/// two of them. A cell's XML (its value, formula and rich text; Excel holds
/// at most 32,767 characters in a cell) takes a few hundred KiB at the
/// very most; more is no sheet's.
pub(crate) const MAX_GAP: u64 = 64 << 20;

/// Bytes read from a part at a time.
const CHUNK: usize = 1 << 16;

/// Bytes of a tag looked at after its `<` (an optional prefix and the
/// local name).
const LOOKAHEAD: usize = 48;

/// Why a sheet is refused: what it holds and the limit it passes (for
/// [`OpenError::SheetTooLarge`](super::OpenError::SheetTooLarge)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// What the sheet holds.
    pub(crate) what: String,
    /// The limit passed.
    pub(crate) limit: String,
}

impl Refusal {
    /// A sheet with more rows than `limits` allow.
    pub(crate) fn rows(limits: &Limits, what: String) -> Refusal {
        Refusal { what, limit: format!("the {} rows a worksheet holds", count(u64::from(limits.max_rows))) }
    }

    /// The error of the sheet `sheet` of the book at `path`, refused.
    pub(crate) fn into_error(self, path: &Path, sheet: &str) -> super::OpenError {
        super::OpenError::SheetTooLarge {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
            what: self.what,
            limit: self.limit,
        }
    }

    /// A sheet with more columns than `limits` allow.
    pub(crate) fn columns(limits: &Limits, what: String) -> Refusal {
        Refusal { what, limit: format!("the {} columns a worksheet holds", count(u64::from(limits.max_columns))) }
    }
}

/// Calls `f` with the bytes of `part` in windows: each is what `f` left
/// unconsumed last time (at most [`LOOKAHEAD`] bytes) followed by fresh
/// bytes, with the offset of the window's start in the part. `f` returns
/// how many bytes from the window's start it consumed, or breaks. The last
/// window (`true`) is consumed whole. Stops early, with `Ok`, when `stop`
/// says so.
pub(crate) fn each_window(
    mut part: impl Read,
    stop: &dyn Fn() -> bool,
    mut f: impl FnMut(&[u8], u64, bool) -> ControlFlow<(), usize>,
) -> std::io::Result<()> {
    let mut buf = vec![0u8; CHUNK + LOOKAHEAD];
    let (mut filled, mut offset) = (0usize, 0u64);
    loop {
        if stop() {
            return Ok(());
        }
        let n = loop {
            match part.read(&mut buf[filled..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                r => break r?,
            }
        };
        let end = filled + n;
        let last = n == 0;
        let used = match f(&buf[..end], offset, last) {
            ControlFlow::Break(()) => return Ok(()),
            ControlFlow::Continue(_) if last => return Ok(()),
            // At least all but the lookahead, so that the buffer never fills.
            ControlFlow::Continue(used) => used.clamp(end.saturating_sub(LOOKAHEAD), end),
        };
        buf.copy_within(used..end, 0);
        filled = end - used;
        offset += used as u64;
    }
}

/// What a tag is, from the bytes after its `<`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// `<row …>` (any prefix).
    Row,
    /// `<c …>`.
    Cell,
    /// `<sheetData>`.
    DataStart,
    /// `<sheetData/>`, `</sheetData>`.
    DataEnd,
    /// Anything else.
    Other,
}

fn tag(after: &[u8]) -> Tag {
    let (closing, rest) = match after.split_first() {
        Some((b'/', rest)) => (true, rest),
        _ => (false, after),
    };
    // An optional prefix (`x:row`).
    let name_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')).count();
    let rest = match rest.get(name_len) {
        Some(b':') => &rest[name_len + 1..],
        _ => rest,
    };
    let is = |name: &[u8]| {
        rest.starts_with(name)
            && rest.get(name.len()).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
    };
    if is(b"sheetData") {
        let empty = rest[b"sheetData".len()..].iter().take_while(|b| **b != b'>').last() == Some(&b'/');
        return if closing || empty { Tag::DataEnd } else { Tag::DataStart };
    }
    match (closing, is(b"row"), is(b"c")) {
        (false, true, _) => Tag::Row,
        (false, _, true) => Tag::Cell,
        _ => Tag::Other,
    }
}

/// Counts the row elements of a sheet's XML and the bytes between rows
/// and cells, as its windows come (see [`each_window`]).
#[derive(Debug)]
struct SheetScan<'l> {
    limits: &'l Limits,
    rows: u64,
    /// Where the last row or cell (or `<sheetData>`) starts.
    last_mark: u64,
    refused: Option<Refusal>,
}

impl SheetScan<'_> {
    fn window(&mut self, w: &[u8], offset: u64, last: bool) -> ControlFlow<(), usize> {
        for i in memchr::memchr_iter(b'<', w) {
            if !last && i + LOOKAHEAD > w.len() {
                return self.gap_within(offset + i as u64).map_continue(|()| i);
            }
            let at = offset + i as u64;
            match tag(&w[i + 1..w.len().min(i + 1 + LOOKAHEAD)]) {
                Tag::Other => continue,
                Tag::DataEnd => return ControlFlow::Break(()),
                Tag::Row => {
                    self.rows += 1;
                    if self.rows > u64::from(self.limits.max_rows) {
                        let what = format!("has more than {} rows", count(u64::from(self.limits.max_rows)));
                        self.refused = Some(Refusal::rows(self.limits, what));
                        return ControlFlow::Break(());
                    }
                }
                Tag::Cell | Tag::DataStart => {}
            }
            self.gap_within(at)?;
            self.last_mark = at;
        }
        self.gap_within(offset + w.len() as u64).map_continue(|()| w.len())
    }

    /// Refuses the sheet when more than [`MAX_GAP`] bytes lie between the
    /// last mark and `at`.
    fn gap_within(&mut self, at: u64) -> ControlFlow<()> {
        let gap = at.saturating_sub(self.last_mark);
        if gap > MAX_GAP {
            self.refused = Some(Refusal {
                what: format!("holds more than {} of XML without a row or cell", bytes(gap)),
                limit: format!("the {} a cell's XML may take", bytes(MAX_GAP)),
            });
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }
}

/// Scans entry `index` of the archive at `path`, a sheet's part: `Ok(None)`
/// when it holds no more than a worksheet can, else why it is refused.
///
/// # Errors
///
/// The archive or the part cannot be read; the caller's own reading of the
/// part fails the same way and says so.
pub(crate) fn check(path: &Path, index: usize, limits: &Limits) -> std::io::Result<Option<Refusal>> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut zip = zip::ZipArchive::new(file).map_err(std::io::Error::other)?;
    let part = zip.by_index(index).map_err(std::io::Error::other)?;
    let mut scan = SheetScan { limits, rows: 0, last_mark: 0, refused: None };
    each_window(part, &|| false, |w, offset, last| scan.window(w, offset, last))?;
    Ok(scan.refused)
}

/// The number of strings the shared-strings part at entry `index`
/// declares (`<sst uniqueCount="…">`), `None` when it declares none.
/// calamine reserves room for that many strings at once: a count far
/// beyond what the part can hold would ask for terabytes.
///
/// # Errors
///
/// The part cannot be read; calamine's own reading fails the same way.
pub(crate) fn declared_strings(path: &Path, index: usize) -> std::io::Result<Option<u64>> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut zip = zip::ZipArchive::new(file).map_err(std::io::Error::other)?;
    let part = zip.by_index(index).map_err(std::io::Error::other)?;
    let mut found: Option<Option<u64>> = None;
    each_window(part, &|| false, |w, _, last| {
        for i in memchr::memchr_iter(b'<', w) {
            if !last && i + LOOKAHEAD > w.len() {
                return ControlFlow::Continue(i);
            }
            let after = &w[i + 1..];
            let name_len =
                after.iter().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')).count();
            let local = match after.get(name_len) {
                Some(b':') => &after[name_len + 1..],
                _ => after,
            };
            if !(local.starts_with(b"sst")
                && local.get(3).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>')))
            {
                continue;
            }
            // The start tag, up to its end (attributes hold no `>` unescaped).
            let tag = &after[..after.iter().position(|b| *b == b'>').unwrap_or(after.len()).min(1 << 16)];
            found = Some(attr_number(tag, b"uniqueCount"));
            return ControlFlow::Break(());
        }
        // No start tag in this window: the part may start with a long prologue.
        ControlFlow::Continue(w.len())
    })?;
    Ok(found.flatten())
}

/// The number in attribute `name` of a start tag's bytes (`name="123"`).
fn attr_number(tag: &[u8], name: &[u8]) -> Option<u64> {
    let at = memchr::memmem::find_iter(tag, name).find(|&i| {
        i > 0 && tag[i - 1].is_ascii_whitespace() && tag[i + name.len()..].trim_ascii_start().starts_with(b"=")
    })?;
    let rest = tag[at + name.len()..].trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let (quote, rest) = rest.split_first()?;
    let end = rest.iter().position(|b| b == quote)?;
    let digits = std::str::from_utf8(&rest[..end]).ok()?.trim();
    // More digits than a u64 holds: as many as can be.
    Some(digits.parse().unwrap_or(if digits.bytes().all(|b| b.is_ascii_digit()) { u64::MAX } else { 0 }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str, limits: &Limits) -> Option<Refusal> {
        let mut s = SheetScan { limits, rows: 0, last_mark: 0, refused: None };
        each_window(xml.as_bytes(), &|| false, |w, offset, last| s.window(w, offset, last)).unwrap();
        s.refused
    }

    #[test]
    fn attribute_numbers() {
        assert_eq!(attr_number(b"sst xmlns=\"x\" count=\"5\" uniqueCount=\"3\"", b"uniqueCount"), Some(3));
        assert_eq!(attr_number(b"sst uniqueCount = '12'", b"uniqueCount"), Some(12));
        assert_eq!(attr_number(b"sst xuniqueCount=\"12\"", b"uniqueCount"), None);
        assert_eq!(attr_number(b"sst uniqueCount=\"99999999999999999999999\"", b"uniqueCount"), Some(u64::MAX));
        assert_eq!(attr_number(b"sst", b"uniqueCount"), None);
    }

    #[test]
    fn tags_are_told_apart() {
        assert_eq!(tag(b"row r=\"1\">"), Tag::Row);
        assert_eq!(tag(b"x:row>"), Tag::Row);
        assert_eq!(tag(b"row/>"), Tag::Row);
        assert_eq!(tag(b"rowBreaks>"), Tag::Other);
        assert_eq!(tag(b"/row>"), Tag::Other);
        assert_eq!(tag(b"c r=\"A1\">"), Tag::Cell);
        assert_eq!(tag(b"col min=\"1\"/>"), Tag::Other);
        assert_eq!(tag(b"sheetData>"), Tag::DataStart);
        assert_eq!(tag(b"sheetData/>"), Tag::DataEnd);
        assert_eq!(tag(b"/x:sheetData>"), Tag::DataEnd);
    }

    #[test]
    fn rows_past_the_limit_are_refused() {
        let limits = Limits { max_rows: 1000, ..Limits::default() };
        let rows = |n: u32| (1..=n).map(|r| format!("<row r=\"{r}\"/>")).collect::<String>();
        let sheet = |body: String| format!("<worksheet><sheetData>{body}</sheetData><rowBreaks/></worksheet>");
        assert_eq!(scan(&sheet(rows(1000)), &limits), None);
        let refused = scan(&sheet(rows(1001)), &limits).expect("refused");
        assert_eq!(refused.what, "has more than 1,000 rows");
        assert_eq!(refused.limit, "the 1,000 rows a worksheet holds");
        // Rows after the end of the data are not counted.
        assert_eq!(scan(&format!("<sheetData/>{}", rows(2000)), &limits), None);
    }

    #[test]
    fn long_stretches_without_a_cell_are_refused() {
        let limits = Limits::default();
        let filler = " ".repeat(MAX_GAP as usize + 10);
        let refused = scan(&format!("<sheetData><row><c><v>1</v></c>{filler}</row></sheetData>"), &limits);
        assert!(refused.is_some_and(|r| r.what.contains("without a row or cell")));
        assert_eq!(scan(&format!("<sheetData><row><c><v>1</v></c></row></sheetData>{filler}"), &limits), None);
    }
}
