//! Patching input cells inside an xlsx package: every entry the edits do
//! not touch is copied raw (its compressed bytes, name, time and flags
//! unchanged); each edited sheet gets its cells replaced in the XML text;
//! the workbook part gets `fullCalcOnLoad` so that a spreadsheet recomputes
//! the formulas on open.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use super::TemplateError;

/// A value written into an input cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Text, written as an inline string (sharedStrings stays untouched).
    Text(String),
    /// A number, written as the shortest decimal that reads back to the
    /// same double.
    Number(f64),
}

/// Where the sheets of a package are: sheet name → part name
/// (`xl/worksheets/sheet5.xml`), from `xl/workbook.xml` and its
/// relationships.
pub(crate) fn sheet_parts(workbook_xml: &str, rels_xml: &str) -> BTreeMap<String, String> {
    let mut targets = BTreeMap::new();
    for rel in elements(rels_xml, "Relationship") {
        if let (Some(id), Some(target)) = (attr(rel, "Id"), attr(rel, "Target")) {
            let target = target.trim_start_matches('/');
            let target = target.strip_prefix("xl/").unwrap_or(target);
            targets.insert(id, format!("xl/{target}"));
        }
    }
    let mut parts = BTreeMap::new();
    for sheet in elements(workbook_xml, "sheet") {
        if let (Some(name), Some(id)) = (attr(sheet, "name"), attr(sheet, "r:id"))
            && let Some(part) = targets.get(&id)
        {
            parts.insert(unescape(&name), part.clone());
        }
    }
    parts
}

/// The start tags `<name …>` of `xml`.
fn elements<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    xml.match_indices(&open).filter_map(|(i, _)| xml[i..].find('>').map(|end| &xml[i..=i + end])).collect()
}

/// The value of attribute `name` in a start tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_owned())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes `value` into cell `cell` (`"I9"`) of a worksheet's XML. The cell
/// must be an input cell of the template: present, with no formula and
/// no value; its style is kept.
pub(crate) fn set_cell(xml: &mut String, sheet: &str, cell: &str, value: &CellValue) -> Result<(), TemplateError> {
    let not_input = |why: &str| TemplateError::NotAnInputCell { cell: format!("{sheet}!{cell}"), why: why.to_owned() };
    let open = format!("<c r=\"{cell}\"");
    let start = xml.find(&open).ok_or_else(|| not_input("the template has no such cell"))?;
    let tag_end = start + xml[start..].find('>').ok_or_else(|| not_input("malformed cell"))?;
    let tag = &xml[start..=tag_end];
    let end = if tag.ends_with("/>") {
        tag_end + 1
    } else {
        let close = xml[tag_end..].find("</c>").ok_or_else(|| not_input("malformed cell"))?;
        let inner = &xml[tag_end + 1..tag_end + close];
        if !inner.is_empty() {
            return Err(not_input("it holds a formula or a value"));
        }
        tag_end + close + "</c>".len()
    };
    if attr(tag, "t").is_some() {
        return Err(not_input("it holds a typed value"));
    }
    let style = attr(tag, "s").map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
    let new = match value {
        CellValue::Text(t) => {
            format!("<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", escape(t))
        }
        CellValue::Number(n) => {
            if !n.is_finite() {
                return Err(not_input("the value is not a finite number"));
            }
            let mut buf = ryu::Buffer::new();
            let text = buf.format_finite(*n);
            let text = text.strip_suffix(".0").unwrap_or(text);
            format!("<c r=\"{cell}\"{style}><v>{text}</v></c>")
        }
    };
    xml.replace_range(start..end, &new);
    Ok(())
}

/// Sets `fullCalcOnLoad="1"` on the workbook's `calcPr` (adding the
/// element if the workbook has none).
pub(crate) fn set_full_calc_on_load(workbook_xml: &mut String) {
    if let Some(start) = workbook_xml.find("<calcPr") {
        let end = start + workbook_xml[start..].find('>').unwrap_or(0);
        let tag = &workbook_xml[start..=end];
        if tag.contains("fullCalcOnLoad=") {
            let fixed = tag
                .replace("fullCalcOnLoad=\"0\"", "fullCalcOnLoad=\"1\"")
                .replace("fullCalcOnLoad=\"false\"", "fullCalcOnLoad=\"1\"");
            workbook_xml.replace_range(start..=end, &fixed);
        } else {
            let at = if tag.ends_with("/>") { end - 1 } else { end };
            workbook_xml.insert_str(at, " fullCalcOnLoad=\"1\"");
        }
    } else if let Some(at) = workbook_xml.find("</workbook>") {
        // calcPr follows definedNames; before the extension list if any.
        let at = workbook_xml.find("<extLst").unwrap_or(at);
        workbook_xml.insert_str(at, "<calcPr fullCalcOnLoad=\"1\"/>");
    }
}

/// A package read into memory.
pub(crate) struct Package {
    bytes: Vec<u8>,
}

impl Package {
    pub(crate) fn new(bytes: Vec<u8>) -> Result<Package, TemplateError> {
        zip::ZipArchive::new(Cursor::new(&bytes)).map_err(|e| TemplateError::NotAPackage(e.to_string()))?;
        Ok(Package { bytes })
    }

    /// The package's bytes.
    pub(crate) fn raw(&self) -> &[u8] {
        &self.bytes
    }

    /// The text of one part.
    pub(crate) fn text(&self, name: &str) -> Result<String, TemplateError> {
        let mut zip =
            zip::ZipArchive::new(Cursor::new(&self.bytes)).map_err(|e| TemplateError::NotAPackage(e.to_string()))?;
        let mut file = zip.by_name(name).map_err(|_| TemplateError::MissingPart(name.to_owned()))?;
        let mut s = String::new();
        file.read_to_string(&mut s).map_err(|e| TemplateError::NotAPackage(format!("{name}: {e}")))?;
        Ok(s)
    }

    /// The package with `replaced` parts (name → new text), every other
    /// entry copied raw, in the same order.
    pub(crate) fn rewrite(&self, replaced: &BTreeMap<String, String>) -> Result<Vec<u8>, TemplateError> {
        let bad = |e: zip::result::ZipError| TemplateError::NotAPackage(e.to_string());
        let mut zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).map_err(bad)?;
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(self.bytes.len() + (1 << 16))));
        for i in 0..zip.len() {
            let file = zip.by_index_raw(i).map_err(bad)?;
            let name = file.name().map_err(bad)?.into_owned();
            match replaced.get(&name) {
                None => out.raw_copy_file(file).map_err(bad)?,
                Some(text) => {
                    let options = zip::write::SimpleFileOptions::default()
                        .compression_method(zip::CompressionMethod::Deflated)
                        .last_modified_time(file.last_modified().unwrap_or_default());
                    drop(file);
                    out.start_file(name, options).map_err(bad)?;
                    out.write_all(text.as_bytes()).map_err(|e| TemplateError::NotAPackage(e.to_string()))?;
                }
            }
        }
        Ok(out.finish().map_err(bad)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_input_cell_takes_text_and_numbers_and_keeps_its_style() {
        let mut xml =
            r#"<row r="9"><c r="I9" s="12"/><c r="J9" s="3"></c><c r="K9" s="4" t="str"><f>A1</f><v>x</v></c></row>"#
                .to_owned();
        set_cell(&mut xml, "S", "I9", &CellValue::Text("a & <b>".into())).unwrap();
        set_cell(&mut xml, "S", "J9", &CellValue::Number(1_000_000.0)).unwrap();
        assert!(
            xml.contains(
                r#"<c r="I9" s="12" t="inlineStr"><is><t xml:space="preserve">a &amp; &lt;b&gt;</t></is></c>"#
            )
        );
        assert!(xml.contains(r#"<c r="J9" s="3"><v>1000000</v></c>"#), "{xml}");
        let e = set_cell(&mut xml, "S", "K9", &CellValue::Number(1.5)).unwrap_err();
        assert!(e.to_string().contains("S!K9"), "{e}");
        assert!(set_cell(&mut xml, "S", "Z9", &CellValue::Number(1.5)).is_err());
        // I9 is no longer empty: written once only.
        assert!(set_cell(&mut xml, "S", "I9", &CellValue::Number(1.5)).is_err());
    }

    #[test]
    fn a_cell_reference_is_matched_whole() {
        let mut xml = r#"<c r="I90" s="1"/><c r="I9" s="2"/>"#.to_owned();
        set_cell(&mut xml, "S", "I9", &CellValue::Number(0.1)).unwrap();
        assert_eq!(xml, r#"<c r="I90" s="1"/><c r="I9" s="2"><v>0.1</v></c>"#);
    }

    #[test]
    fn full_calc_on_load_is_set_once() {
        let mut w = r#"<workbook><calcPr calcId="162913"/></workbook>"#.to_owned();
        set_full_calc_on_load(&mut w);
        set_full_calc_on_load(&mut w);
        assert_eq!(w, r#"<workbook><calcPr calcId="162913" fullCalcOnLoad="1"/></workbook>"#);
        let mut w = "<workbook><sheets/></workbook>".to_owned();
        set_full_calc_on_load(&mut w);
        assert_eq!(w, r#"<workbook><sheets/><calcPr fullCalcOnLoad="1"/></workbook>"#);
    }

    #[test]
    fn sheet_parts_follow_the_relationships() {
        let wb = r#"<sheets><sheet name="A_InstData" sheetId="10" r:id="rId5"/><sheet name="B&amp;C" sheetId="1" r:id="rId1"/></sheets>"#;
        let rels = r#"<Relationship Id="rId5" Type="x" Target="worksheets/sheet5.xml"/><Relationship Id="rId1" Type="x" Target="/xl/worksheets/sheet1.xml"/>"#;
        let parts = sheet_parts(wb, rels);
        assert_eq!(parts["A_InstData"], "xl/worksheets/sheet5.xml");
        assert_eq!(parts["B&C"], "xl/worksheets/sheet1.xml");
    }
}
