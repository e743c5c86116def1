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
use std::path::Path;

use calamine::Dimensions;
use memchr::memmem;

/// The merged regions of `sheet`, or `None` when the fast path cannot tell.
pub(crate) fn merged_regions(path: &Path, sheet: &str) -> Option<Vec<Dimensions>> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()?;
    let part = sheet_part(&mut zip, sheet)?;
    let mut entry = zip.by_name(&part).ok()?;
    let finder = memmem::Finder::new(b"<mergeCells");
    let mut buf = vec![0u8; 1 << 16];
    // Bytes kept from the previous chunk, so that a tag cut in two is found.
    let keep = 16usize;
    let mut filled = 0usize;
    let mut tail: Option<Vec<u8>> = None;
    loop {
        let n = entry.read(&mut buf[filled..]).ok()?;
        if n == 0 {
            break;
        }
        let end = filled + n;
        if let Some(t) = &mut tail {
            t.extend_from_slice(&buf[filled..end]);
            if t.len() > 64 << 20 {
                return None;
            }
        } else if let Some(i) = finder.find(&buf[..end]) {
            tail = Some(buf[i..end].to_vec());
        }
        if tail.is_none() && end > keep {
            buf.copy_within(end - keep..end, 0);
            filled = keep;
        } else {
            filled = if tail.is_some() { 0 } else { end };
        }
    }
    let Some(tail) = tail else { return Some(Vec::new()) };
    let text = std::str::from_utf8(&tail).ok()?;
    let end = text.find("</mergeCells>").unwrap_or(text.len());
    let mut out = Vec::new();
    for m in text[..end].split("<mergeCell ").skip(1) {
        let r = attr(m, "ref")?;
        let (a, b) = r.split_once(':').unwrap_or((r, r));
        out.push(Dimensions { start: cell(a)?, end: cell(b)? });
    }
    Some(out)
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
        assert_eq!(merged_regions(&path, "P&L \"x\" 1"), Some(want));
        assert_eq!(merged_regions(&path, "Other"), Some(Vec::new()));
        assert_eq!(merged_regions(&path, "Missing"), None);
    }
}
