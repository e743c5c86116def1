//! `gen_row_bomb KIND ROWS OUT.xlsx`: writes a hostile workbook, a "row
//! bomb", to time how fast it is refused (issue #17).
//!
//! The book has a valid Organisation and Facilities sheet and an Activities
//! sheet with its header row and then `ROWS` tiny rows of `KIND`:
//!
//! * `empty`: `<row r="N"/>`, rows without cells, which the spreadsheet
//!   reader passes over without giving anything back;
//! * `cells`: `<row r="N"><c r="AN"><v>1</v></c></row>`;
//! * `plain`: `<row><c><v>1</v></c></row>`, rows without references, the
//!   same bytes again and again: they compress well over 100:1, under the
//!   1000:1 ratio that refuses a decompression bomb.
//!
//! The sheet is streamed into the archive, so memory does not grow with
//! `ROWS`: `gen_row_bomb plain 53700000 bomb.xlsx` writes an 8 MB file
//! whose sheet unpacks to 1.4 GB (53.7 million rows, as in the issue).

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn text_row(r: u32, cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .enumerate()
        .map(|(c, t)| format!(r#"<c r="{}{r}" t="inlineStr"><is><t>{t}</t></is></c>"#, char::from(b'A' + c as u8)))
        .collect();
    format!(r#"<row r="{r}">{cells}</row>"#)
}

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

fn write(kind: &str, rows: u32, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let row: fn(u32, &mut Vec<u8>) = match kind {
        "empty" => |r, b| {
            let _ = write!(b, r#"<row r="{r}"/>"#);
        },
        "cells" => |r, b| {
            let _ = write!(b, r#"<row r="{r}"><c r="A{r}"><v>1</v></c></row>"#);
        },
        "plain" => |_, b| b.extend_from_slice(b"<row><c><v>1</v></c></row>"),
        _ => return Err(format!("unknown kind {kind}: empty, cells or plain").into()),
    };
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out)?);
    let opts = zip::write::SimpleFileOptions::default();
    let sheets = ["Organisation", "Facilities", "Activities"];
    let listed: String = sheets
        .iter()
        .enumerate()
        .map(|(i, n)| format!(r#"<sheet name="{n}" sheetId="{}" r:id="rId{}"/>"#, i + 1, i + 1))
        .collect();
    let rels: String = (1..=sheets.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{listed}</sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#),
        ),
        (
            "xl/worksheets/sheet1.xml",
            sheet(&(text_row(1, &["field", "value"]) + &text_row(2, &["name", "X"]) + &text_row(3, &["reporting_year", "2024"]))),
        ),
        ("xl/worksheets/sheet2.xml", sheet(&(text_row(1, &["facility_id"]) + &text_row(2, &["F1"])))),
    ];
    for (name, body) in parts {
        zip.start_file(name, opts)?;
        zip.write_all(body.as_bytes())?;
    }
    zip.start_file("xl/worksheets/sheet3.xml", opts.large_file(true))?;
    write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>"#)?;
    zip.write_all(text_row(1, &["facility_id", "source", "activity", "quantity", "unit"]).as_bytes())?;
    let mut chunk = Vec::with_capacity(1 << 20);
    for r in 2..rows.saturating_add(2) {
        row(r, &mut chunk);
        if chunk.len() >= 1 << 20 {
            zip.write_all(&chunk)?;
            chunk.clear();
        }
    }
    zip.write_all(&chunk)?;
    zip.write_all(b"</sheetData></worksheet>")?;
    zip.finish()?;
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(kind), Some(rows), Some(out)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: gen_row_bomb empty|cells|plain ROWS OUT.xlsx");
        return ExitCode::from(2);
    };
    let Ok(rows) = rows.replace(['_', ','], "").parse::<u32>() else {
        eprintln!("usage: gen_row_bomb empty|cells|plain ROWS OUT.xlsx");
        return ExitCode::from(2);
    };
    match write(kind, rows, Path::new(out)) {
        Ok(()) => {
            println!("wrote {out} ({rows} {kind} rows)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_row_bomb: cannot write {out}: {e}");
            ExitCode::FAILURE
        }
    }
}
