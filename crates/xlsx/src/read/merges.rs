//! The merged regions of an .xlsx sheet, found without parsing the sheet.
//!
//! A sheet's `<mergeCells>` element follows its `<sheetData>`, so finding
//! it means reading the whole part. calamine does that with its XML
//! reader, which costs about as much as reading the cells again; here the
//! part is inflated and searched for `<mergeCells` as bytes (SIMD search),
//! and only the short tail after it is read as XML. The sheet's part is
//! found through `xl/workbook.xml` and its relationships. Anything
//! unexpected gives `None`, and the caller falls back to calamine.

use std::fs::File;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

use calamine::Dimensions;
use memchr::memmem;

use super::limits::{Limits, count};
use super::scan::{self, Refusal};

/// The merged regions of `sheet`, or `None` when the fast path cannot tell.
///
/// # Errors
///
/// The sheet holds more rows than `limits` allow (a row bomb): the pass
/// stops there.
pub(crate) fn merged_regions(path: &Path, sheet: &str, limits: &Limits) -> Result<Option<Vec<Dimensions>>, Refusal> {
    merged_regions_until(path, sheet, limits, &|| false)
}

/// [`merged_regions`], given up (`None`) as soon as `stop` says so: the
/// pass runs beside the walk of the sheet, which may fail first.
///
/// # Errors
///
/// As [`merged_regions`].
pub(crate) fn merged_regions_until(
    path: &Path,
    sheet: &str,
    limits: &Limits,
    stop: &dyn Fn() -> bool,
) -> Result<Option<Vec<Dimensions>>, Refusal> {
    let Some(part) = File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(BufReader::new(f)).ok())
        .and_then(|mut zip| Some((sheet_part(&mut zip, sheet)?, zip)))
    else {
        return Ok(None);
    };
    let (part, mut zip) = part;
    let Ok(entry) = zip.by_name(&part) else { return Ok(None) };
    let merge_cells = memmem::Finder::new(b"<mergeCells");
    let data_end = memmem::Finder::new(b"</sheetData>");
    let row = memmem::Finder::new(b"row");
    // Where the rows end (`None` before): `<mergeCells>` follows them closely.
    let mut rows_end: Option<u64> = None;
    let mut rows = 0u64;
    let mut refused = None;
    let mut tail: Option<Vec<u8>> = None;
    let mut too_long = false;
    let walked = scan::each_window(entry, stop, |w, offset, last| {
        if let Some(t) = &mut tail {
            t.extend_from_slice(w);
            too_long = t.len() > 64 << 20;
            return if too_long { ControlFlow::Break(()) } else { ControlFlow::Continue(w.len()) };
        }
        let merges_at = merge_cells.find(w);
        // The last bytes come again in front of the next window: a tag cut
        // in two is found there. A row tag is counted where it has the 16
        // bytes before it in the window (its `<` and prefix), so once.
        let whole = last || merges_at.is_some();
        let used = if whole { w.len() } else { w.len().saturating_sub(32) };
        if rows_end.is_none() {
            rows_end = data_end.find(w).map(|i| offset + i as u64);
            // The rows, counted on the way as a walk would (a row bomb stops here).
            let from = if offset == 0 { 0 } else { 16 };
            let upto = if whole { used } else { used + 16 };
            let upto = rows_end.map_or(upto, |e| upto.min((e - offset) as usize)).min(merges_at.unwrap_or(upto));
            rows +=
                row.find_iter(w).take_while(|&i| i < upto).filter(|&i| i >= from && row_starts(w, i)).count() as u64;
            if rows > u64::from(limits.max_rows) {
                let what = format!("has more than {} rows", count(u64::from(limits.max_rows)));
                refused = Some(Refusal::rows(limits, what));
                return ControlFlow::Break(());
            }
        }
        if let Some(i) = merges_at {
            tail = Some(w[i..].to_vec());
            return ControlFlow::Continue(w.len());
        }
        // Only a few small elements lie between the rows and the merged
        // regions; a sheet with far more holds none that are read.
        if rows_end.is_some_and(|e| offset.saturating_sub(e) > scan::MAX_GAP) {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(used)
    });
    if let Some(r) = refused {
        return Err(r);
    }
    if walked.is_err() || too_long || stop() {
        return Ok(None);
    }
    let Some(tail) = tail else { return Ok(Some(Vec::new())) };
    Ok(regions(&tail))
}

/// The regions of the `<mergeCells>` element at the start of `tail`.
fn regions(tail: &[u8]) -> Option<Vec<Dimensions>> {
    let text = std::str::from_utf8(tail).ok()?;
    let end = text.find("</mergeCells>").unwrap_or(text.len());
    let mut out = Vec::new();
    for m in text[..end].split("<mergeCell ").skip(1) {
        let r = attr(m, "ref")?;
        let (a, b) = r.split_once(':').unwrap_or((r, r));
        out.push(Dimensions { start: cell(a)?, end: cell(b)? });
    }
    Some(out)
}

/// Whether the `row` at `i` of `w` names the start of a row element
/// (`<row `, `<x:row>`), not an end tag, another name or text.
fn row_starts(w: &[u8], i: usize) -> bool {
    let name_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    if !w.get(i + 3).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>')) {
        return false;
    }
    let mut j = i;
    if j > 0 && w[j - 1] == b':' {
        j -= 1;
        while j > 0 && name_char(w[j - 1]) {
            j -= 1;
        }
    }
    j > 0 && w[j - 1] == b'<'
}

/// The zip path of a sheet's part.
fn sheet_part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, sheet: &str) -> Option<String> {
    let workbook = read_part(zip, "xl/workbook.xml")?;
    let rels = read_part(zip, "xl/_rels/workbook.xml.rels")?;
    let id = workbook.split("<sheet ").skip(1).find_map(|s| {
        let name = unescape(attr(s, "name")?);
        (name == sheet).then(|| attr(s, "r:id").map(str::to_owned)).flatten()
    })?;
    let target = rels
        .split("<Relationship ")
        .skip(1)
        .find_map(|r| (attr(r, "Id")? == id).then(|| attr(r, "Target").map(str::to_owned)).flatten())?;
    Some(match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => format!("xl/{target}"),
    })
}

fn read_part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let entry = zip.by_name(name).ok()?;
    let mut s = String::new();
    entry.take(16 << 20).read_to_string(&mut s).ok()?;
    Some(s)
}

/// The value of attribute `name` in the text of an element's start.
fn attr<'t>(element: &'t str, name: &str) -> Option<&'t str> {
    let head = &element[..element.find('>').unwrap_or(element.len())];
    let mut rest = head;
    loop {
        let i = rest.find(name)?;
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = &rest[i + name.len()..];
        let after_t = after.trim_start();
        if before_ok && let Some(v) = after_t.strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let v = &v[1..];
                return v.find(q).map(|e| &v[..e]);
            }
        }
        rest = after;
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// `B12` → (11, 1).
fn cell(a1: &str) -> Option<(u32, u32)> {
    let a1 = a1.trim().replace('$', "");
    let letters = a1.chars().take_while(char::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col = 0u32;
    for c in a1[..letters].chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = a1[letters..].parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_cells() {
        assert_eq!(attr(r#"name="Sheet 1" sheetId="1" r:id="rId3"/>"#, "r:id"), Some("rId3"));
        assert_eq!(attr(r#"sheetId="1" name="a&amp;b" r:id="rId3"/>"#, "name"), Some("a&amp;b"));
        assert_eq!(attr(r#"Id="rId1" Target="worksheets/sheet1.xml"/>"#, "Id"), Some("rId1"));
        assert_eq!(cell("AB12"), Some((11, 27)));
        assert_eq!(cell("$C$3"), Some((2, 2)));
        assert_eq!(cell("3"), None);
        for (xml, at, starts) in [
            (&b"<row r=\"1\">"[..], 1, true),
            (b"<x:row>", 3, true),
            (b"</row>", 2, false),
            (b"</x:row>", 4, false),
            (b"<rowBreaks>", 1, false),
            (b"borrow ", 3, false),
        ] {
            assert_eq!(row_starts(xml, at), starts, "{}", String::from_utf8_lossy(xml));
        }
    }

    #[test]
    fn same_regions_as_calamine() {
        use calamine::Xlsx;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let fmt = rust_xlsxwriter::Format::new();
        wb.add_worksheet().set_name("Other").unwrap();
        let ws = wb.add_worksheet().set_name("P&L \"x\" 1").unwrap();
        for r in 0..5000u32 {
            ws.write_number(r, 1, f64::from(r)).unwrap();
        }
        ws.merge_range(2, 0, 5, 0, "label", &fmt).unwrap();
        ws.merge_range(4000, 2, 4000, 6, "banner", &fmt).unwrap();
        wb.save(&path).unwrap();
        let mut x: Xlsx<_> = calamine::open_workbook(&path).unwrap();
        let want = x.merge_cells_by_sheet_name("P&L \"x\" 1").unwrap();
        let limits = Limits::default();
        assert_eq!(merged_regions(&path, "P&L \"x\" 1", &limits), Ok(Some(want)));
        assert_eq!(merged_regions(&path, "Other", &limits), Ok(Some(Vec::new())));
        assert_eq!(merged_regions(&path, "Missing", &limits), Ok(None));
        let few = Limits { max_rows: 4999, ..Limits::default() };
        let refused = merged_regions(&path, "P&L \"x\" 1", &few).expect_err("5,000 rows");
        assert_eq!(refused.what, "has more than 4,999 rows");
        assert_eq!(
            merged_regions(&path, "P&L \"x\" 1", &Limits { max_rows: 5000, ..few }).map(|m| m.is_some()),
            Ok(true)
        );
    }
}
