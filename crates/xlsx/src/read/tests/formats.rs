//! Hand-made .xlsx parts (error cells, 1904 dates, broken XML), .xls, .ods and CSV books.

use super::*;

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// Writes a minimal xlsx with the given sheets (name, sheetData XML).
pub(super) fn raw_xlsx(path: &Path, sheets: &[(&str, &str)], date1904: bool) -> TestResult {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let opts = zip::write::SimpleFileOptions::default();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    let mut wb_sheets = String::new();
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        wb_sheets.push_str(&format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let files = [
        ("[Content_Types].xml".to_owned(), types),
        (
            "_rels/.rels".to_owned(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml".to_owned(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr{}/><sheets>{wb_sheets}</sheets></workbook>"#,
                if date1904 { r#" date1904="1""# } else { "" }
            ),
        ),
        ("xl/_rels/workbook.xml.rels".to_owned(), rels),
        (
            "xl/styles.xml".to_owned(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>"#),
        ),
    ];
    for (name, body) in files {
        zip.start_file(name, opts)?;
        zip.write_all(body.as_bytes())?;
    }
    for (i, (_, data)) in sheets.iter().enumerate() {
        zip.start_file(format!("xl/worksheets/sheet{}.xml", i + 1), opts)?;
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{data}</sheetData></worksheet>"#
        )?;
    }
    zip.finish()?;
    Ok(())
}

pub(super) fn is(r: &str, t: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#)
}

pub(super) fn num(r: &str, v: &str) -> String {
    format!(r#"<c r="{r}"><v>{v}</v></c>"#)
}

pub(super) fn row(n: u32, cells: &[String]) -> String {
    format!(r#"<row r="{n}">{}</row>"#, cells.concat())
}

pub(super) fn raw_setup_sheets() -> [(&'static str, String); 2] {
    [
        (
            "Organisation",
            [
                row(1, &[is("A1", "field"), is("B1", "value")]),
                row(2, &[is("A2", "name"), is("B2", "X")]),
                row(3, &[is("A3", "reporting_year"), num("B3", "2024")]),
            ]
            .concat(),
        ),
        ("Facilities", [row(1, &[is("A1", "facility_id")]), row(2, &[is("A2", "F1")])].concat()),
    ]
}

#[test]
fn error_cells_and_1904_dates() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("raw.xlsx");
    let header = row(
        1,
        &[
            is("A1", "facility_id"),
            is("B1", "source"),
            is("C1", "activity"),
            is("D1", "quantity"),
            is("E1", "unit"),
            is("F1", "period"),
            is("G1", "oxidation_factor"),
        ],
    );
    let base = |n: u32| {
        vec![is(&format!("A{n}"), "F1"), is(&format!("B{n}"), "stationary_combustion"), is(&format!("C{n}"), "diesel")]
    };
    let mut r2 = base(2);
    r2.extend([r#"<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>"#.to_owned(), is("E2", "t")]);
    let mut r3 = base(3);
    // 43904 is 2024-03-15 in the 1904 date system; 0.98 formatted as percent.
    r3.extend([
        num("D3", "7"),
        is("E3", "t"),
        r#"<c r="F3" s="1"><v>43904</v></c>"#.to_owned(),
        r#"<c r="G3" s="2"><v>0.98</v></c>"#.to_owned(),
    ]);
    let mut r4 = base(4);
    r4.extend([num("D4", "7"), is("E4", "t"), r#"<c r="F4" t="e"><v>#N/A</v></c>"#.to_owned()]);
    let activities = [header, row(2, &r2), row(3, &r3), row(4, &r4)].concat();
    let [o, f] = raw_setup_sheets();
    raw_xlsx(&path, &[(o.0, &o.1), (f.0, &f.1), ("Activities", &activities)], true)?;
    let (setup, acts) = read_all(&path)?;
    assert_eq!(
        texts(&setup.problems),
        [
            "Activities!D2: quantity must be a number, found the error value #DIV/0!",
            "Activities!F4: period must be a month (2024-03, 2024年3月, a date cell) or a year (2024), found the error value #N/A",
        ]
    );
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].period, Some(Period::Month { year: 2024, month: 3 }));
    assert_eq!(acts[0].measured.oxidation, Some(dec!(0.98)));
    Ok(())
}

#[test]
fn broken_sheet_xml_is_a_clear_error() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("broken.xlsx");
    let [o, f] = raw_setup_sheets();
    let broken = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>facility_id</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>F1</is></c>"#;
    raw_xlsx(&path, &[(o.0, &o.1), (f.0, &f.1), ("Activities", broken)], false)?;
    let mut book = open(&path)?;
    let mut setup = book.read_setup()?;
    let err = book.read_activities(&mut setup, |_| {}).expect_err("broken XML");
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("is damaged and cannot be read"), "{err}");
    Ok(())
}

/// Writes a minimal .ods book whose spreadsheet holds `tables` (XML).
pub(super) fn raw_ods(path: &Path, tables: &str) -> TestResult {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", zip::write::SimpleFileOptions::default())?;
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)?;
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())?;
    zip.write_all(content.as_bytes())?;
    zip.finish()?;
    Ok(())
}

#[test]
fn ods_books_read_through_ranges() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("book.ods");
    let cell =
        |t: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    let table = |name: &str, rows: &[String]| {
        format!(
            r#"<table:table table:name="{name}">{}</table:table>"#,
            rows.iter().map(|r| format!("<table:table-row>{r}</table:table-row>")).collect::<String>()
        )
    };
    let org = table(
        "Organisation",
        &[cell("field") + &cell("value"), cell("name") + &cell("ODS Co."), cell("reporting_year") + &cell("2024")],
    );
    let fac = table("Facilities", &[cell("facility_id"), cell("F1")]);
    let act = table(
        "Activities",
        &[
            ["facility_id", "source", "activity", "quantity", "unit", "period", "oxidation_factor"].map(cell).concat(),
            cell("F1")
                + &cell("stationary_combustion")
                + &cell("diesel")
                + r#"<table:table-cell office:value-type="float" office:value="4476.904"><text:p>4476.904</text:p></table:table-cell>"#
                + &cell("t")
                + r#"<table:table-cell office:value-type="date" office:date-value="2024-03-15"><text:p>2024-03-15</text:p></table:table-cell>"#
                + r#"<table:table-cell office:value-type="percentage" office:value="0.98"><text:p>98%</text:p></table:table-cell>"#,
        ],
    );
    raw_ods(&path, &format!("{org}{fac}{act}"))?;
    let mut book = open(&path)?;
    assert_eq!(book.activity_rows_hint(), Some(1));
    let mut setup = book.read_setup()?;
    let mut acts = Vec::new();
    book.read_activities(&mut setup, |a| acts.push(a))?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    assert_eq!(setup.organisation.name, "ODS Co.");
    assert_eq!(acts[0].quantity.value(), dec!(4476.904));
    assert_eq!(acts[0].period, Some(Period::Month { year: 2024, month: 3 }));
    assert_eq!(acts[0].measured.oxidation, Some(dec!(0.98)));
    Ok(())
}

#[test]
fn csv_folders() -> TestResult {
    let dir = tempfile::tempdir()?;
    let d = dir.path();
    std::fs::write(d.join("organisation.CSV"), "\u{feff}field,value\nname,\"CSV Co., Ltd\"\nreporting_year,2024\n")?;
    std::fs::write(d.join("设施.csv"), "设施编号;名称\r\nF1;一号\r\n")?;
    let (gbk, _, _) = encoding_rs::GB18030.encode("设施编号,排放源类别,燃料品种,消耗量,单位,月份\nF1,固定燃烧,diesel,\"1,234.5\",吨,2024年3月\nF1,固定燃烧,diesel,abc,吨,\n");
    std::fs::write(d.join("活动数据.csv"), &gbk)?;
    std::fs::write(d.join("~$活动数据.csv"), "lock file")?;
    std::fs::write(d.join("notes.txt"), "not a sheet")?;
    let mut book = open(d)?;
    assert_eq!(book.sheet_names(), ["organisation", "活动数据", "设施"]);
    assert_eq!(book.activity_rows_hint(), None);
    let mut setup = book.read_setup()?;
    let mut acts = Vec::new();
    book.read_activities(&mut setup, |a| acts.push(a))?;
    assert_eq!(setup.organisation.name, "CSV Co., Ltd");
    assert_eq!(setup.facilities[0].name, "一号");
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].quantity.value(), dec!(1234.5));
    assert_eq!(texts(&setup.problems), ["活动数据!D3: quantity must be a number, found \"abc\""]);
    assert!(
        has(&setup.warnings, "活动数据: the file is not UTF-8 and was read as GB18030"),
        "{:#?}",
        texts(&setup.warnings)
    );
    Ok(())
}

#[test]
fn a_single_csv_file_is_a_book_of_one_sheet() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("Activities.csv");
    std::fs::write(
        &path,
        "facility_id,source,activity,quantity,unit\n\nF1,stationary_combustion,diesel,1,t\n\"F\n1\",process,x,2,t\nF1,process,x,3,t\n",
    )?;
    let (setup, acts) = read_all(&path)?;
    // Row numbers as a spreadsheet shows the file: blank lines are rows, a
    // quoted line break is not a new row.
    let rows: Vec<_> = acts.iter().map(|a| (a.row, a.facility_id.as_str())).collect();
    assert_eq!(rows, [(Some(3), "F1"), (Some(4), "F\n1"), (Some(5), "F1")]);
    assert!(has(&setup.problems, "Organisation: missing sheet"));
    assert!(has(&setup.problems, "Facilities: missing sheet"));
    // Without a Facilities sheet, references are not checked (one clear problem, not one per row).
    assert_eq!(setup.problems.len(), 2, "{:#?}", texts(&setup.problems));
    Ok(())
}

/// A sheet of a hand-made .xls: its name and cells (row, column, value).
pub(super) type XlsSheet = (&'static str, Vec<(u16, u16, XlsCell)>);

/// A cell of a hand-made .xls.
pub(super) enum XlsCell {
    Text(&'static str),
    Number(f64),
}

/// Writes a minimal BIFF8 .xls: a Workbook stream with the globals
/// (BOF, optional FILEPASS, BOUNDSHEET per sheet, EOF) and one substream
/// per sheet. `sheet_offset` overrides the first sheet's stream position.
pub(super) fn raw_xls(path: &Path, sheets: &[XlsSheet], filepass: bool, sheet_offset: Option<u32>) -> TestResult {
    fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
        out.extend(typ.to_le_bytes());
        out.extend(u16::try_from(data.len()).unwrap_or(u16::MAX).to_le_bytes());
        out.extend(data);
    }
    let bof = |dt: u16| {
        let mut d = vec![0x00, 0x06];
        d.extend(dt.to_le_bytes());
        d.extend([0u8; 12]);
        d
    };
    let mut bodies = Vec::new();
    for (_, cells) in sheets {
        let mut b = Vec::new();
        record(&mut b, 0x0809, &bof(0x0010));
        for (r, c, v) in cells {
            let mut d = Vec::new();
            d.extend(r.to_le_bytes());
            d.extend(c.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            match v {
                XlsCell::Text(t) => {
                    d.extend(u16::try_from(t.len()).unwrap_or(0).to_le_bytes());
                    d.push(0);
                    d.extend(t.as_bytes());
                    record(&mut b, 0x0204, &d);
                }
                XlsCell::Number(n) => {
                    d.extend(n.to_le_bytes());
                    record(&mut b, 0x0203, &d);
                }
            }
        }
        record(&mut b, 0x000A, &[]);
        bodies.push(b);
    }
    let globals_len =
        20 + if filepass { 10 } else { 0 } + sheets.iter().map(|(n, _)| 4 + 8 + n.len()).sum::<usize>() + 4;
    let mut stream = Vec::new();
    record(&mut stream, 0x0809, &bof(0x0005));
    if filepass {
        record(&mut stream, 0x002F, &[1, 0, 1, 0, 1, 0]);
    }
    let mut pos = u32::try_from(globals_len)?;
    for (i, ((name, _), body)) in sheets.iter().zip(&bodies).enumerate() {
        let mut d = Vec::new();
        d.extend(if i == 0 { sheet_offset.unwrap_or(pos) } else { pos }.to_le_bytes());
        d.extend([0, 0, u8::try_from(name.len())?, 0]);
        d.extend(name.as_bytes());
        record(&mut stream, 0x0085, &d);
        pos += u32::try_from(body.len())?;
    }
    record(&mut stream, 0x000A, &[]);
    for b in bodies {
        stream.extend(b);
    }
    let mut cf = cfb::create(path)?;
    cf.create_stream("/Workbook")?.write_all(&stream)?;
    cf.flush()?;
    Ok(())
}

pub(super) fn xls_setup_sheets() -> Vec<XlsSheet> {
    use XlsCell::{Number as Nn, Text as T};
    vec![
        (
            "Organisation",
            vec![
                (0, 0, T("field")),
                (0, 1, T("value")),
                (1, 0, T("name")),
                (1, 1, T("XLS Co.")),
                (2, 0, T("reporting_year")),
                (2, 1, Nn(2024.0)),
            ],
        ),
        ("Facilities", vec![(0, 0, T("facility_id")), (1, 0, T("F1"))]),
    ]
}

#[test]
fn xls_books_read_through_ranges() -> TestResult {
    use XlsCell::{Number as Nn, Text as T};
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("old.xls");
    let mut sheets = xls_setup_sheets();
    // The table starts at B3, as calamine's range does.
    let mut act = Vec::new();
    for (c, h) in ["facility_id", "source", "activity", "quantity", "unit"].into_iter().enumerate() {
        act.push((2, 1 + c as u16, T(h)));
    }
    act.extend([
        (3, 1, T("F1")),
        (3, 2, T("stationary_combustion")),
        (3, 3, T("diesel")),
        (3, 4, Nn(4476.904)),
        (3, 5, T("t")),
    ]);
    act.extend([
        (4, 1, T("F1")),
        (4, 2, T("stationary_combustion")),
        (4, 3, T("diesel")),
        (4, 4, T("abc")),
        (4, 5, T("t")),
    ]);
    sheets.push(("Activities", act));
    raw_xls(&path, &sheets, false, None)?;
    let mut book = open(&path)?;
    assert_eq!(book.activity_rows_hint(), Some(2));
    let mut setup = book.read_setup()?;
    let mut acts = Vec::new();
    book.read_activities(&mut setup, |a| acts.push(a))?;
    assert_eq!(setup.organisation.name, "XLS Co.");
    assert_eq!(texts(&setup.problems), ["Activities!E5: quantity must be a number, found \"abc\""]);
    assert_eq!((acts[0].row, acts[0].quantity.value()), (Some(4), dec!(4476.904)));
    Ok(())
}

#[test]
fn encrypted_and_malformed_xls() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("secret.xls");
    raw_xls(&path, &xls_setup_sheets(), true, None)?;
    assert!(matches!(open_err(&path), OpenError::Encrypted { .. }));
    // A sheet said to start beyond the end of the stream: calamine panics on
    // it; the book is reported as damaged instead.
    let path = dir.path().join("bad.xls");
    raw_xls(&path, &xls_setup_sheets(), false, Some(1 << 20))?;
    let err = open_err(&path);
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err:?}");
    Ok(())
}
