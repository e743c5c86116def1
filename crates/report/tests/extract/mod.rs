//! Reading figures back out of rendered reports, and the summary JSON
//! figures that report figures refer to.

#![allow(dead_code)]

use std::io::Cursor;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use carbonbook_core::Results;
use carbonbook_report::Report;
use carbonbook_report::model::{Block, FigureRef, Table};
use carbonbook_report::summary_json::{self, ActivitySink};
use rust_decimal::Decimal;
use serde_json::Value;

/// The summary JSON of results that kept their ledger, parsed.
pub fn summary(results: &Results, activities: &[carbonbook_core::inventory::Activity]) -> Value {
    let mut sink = ActivitySink::new().unwrap();
    for line in &results.ledger {
        let a = &activities[line.index];
        sink.push(a, &results.facility_ids[line.facility], line, &results.library).unwrap();
    }
    let mut out = Vec::new();
    summary_json::write(&mut out, results, sink, &[]).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn decimal(v: &Value) -> Decimal {
    match v {
        Value::String(s) => Decimal::from_str(s).unwrap_or_else(|_| panic!("not a decimal: {s}")),
        Value::Null => Decimal::ZERO,
        other => panic!("not a decimal string: {other}"),
    }
}

/// The value a reference names in the summary JSON.
pub fn resolve(summary: &Value, r: &FigureRef) -> Decimal {
    match r {
        FigureRef::Pointer { pointer, negated } => {
            let v = summary.pointer(pointer).unwrap_or_else(|| panic!("no {pointer} in the summary JSON"));
            let d = decimal(v);
            if *negated { -d } else { d }
        }
        FigureRef::ActivitySum { filter, field } => {
            let mut sum = Decimal::ZERO;
            for entry in summary["activities"].as_array().unwrap() {
                let matches = filter.iter().all(|(k, values)| {
                    let got = entry[k.as_str()].as_str().unwrap_or_else(|| panic!("no field {k} in activities"));
                    values.iter().any(|v| v == got)
                });
                if !matches {
                    continue;
                }
                let v = match field.strip_prefix("gases.") {
                    Some(gas) => entry["gases"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|g| g["gas"] == gas)
                        .map_or(Decimal::ZERO, |g| decimal(&g["t"])),
                    None => decimal(&entry[field.as_str()]),
                };
                sum += v;
            }
            sum
        }
        FigureRef::Sum { of } => of.iter().map(|r| resolve(summary, r)).sum(),
    }
}

/// The tables of a report in document order, charts as their data tables
/// when `charts`.
pub fn tables(report: &Report, charts: bool, category: &str) -> Vec<Table> {
    let mut out = Vec::new();
    for s in &report.sections {
        for b in &s.blocks {
            match b {
                Block::Table(t) => out.push(t.clone()),
                Block::Chart(c) if charts => out.push(c.data_table(category)),
                _ => {}
            }
        }
    }
    out
}

/// The cells of every table row, as shown, in document order.
pub fn rows(tables: &[Table]) -> Vec<Vec<String>> {
    tables.iter().flat_map(|t| t.rows.iter()).map(|r| r.cells.iter().map(|c| c.shown().to_owned()).collect()).collect()
}

/// Rows of every Markdown table (headers skipped), unescaped, bold removed.
pub fn md_rows(md: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = md.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if !line.starts_with('|') {
            i += 1;
            continue;
        }
        if lines.get(i + 1).is_some_and(|n| n.starts_with("|---")) {
            i += 2;
            continue;
        }
        out.push(md_cells(line));
        i += 1;
    }
    out
}

fn md_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '|' => {
                cells.push(std::mem::take(&mut cur));
            }
            _ => cur.push(c),
        }
    }
    // Drop what precedes the first bar and follows the last.
    cells
        .into_iter()
        .skip(1)
        .map(|c| {
            let t = c.trim();
            t.strip_prefix("**").and_then(|t| t.strip_suffix("**")).unwrap_or(t).to_owned()
        })
        .collect()
}

/// Records of the CSV: (kind, fields after the kind).
pub fn csv_records(bytes: &[u8]) -> Vec<(String, Vec<String>)> {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let mut it = rec.iter().map(str::to_owned);
            let kind = it.next().unwrap();
            (kind, it.collect())
        })
        .collect()
}

/// Table rows of the CSV.
pub fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv_records(bytes)
        .into_iter()
        .filter(|(k, _)| matches!(k.as_str(), "row" | "reconciliation" | "total"))
        .map(|(_, f)| f)
        .collect()
}

/// Unescapes the five entities the HTML renderer writes.
pub fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// One HTML table cell: its `data-exact` attribute and its text.
pub struct HtmlCell {
    pub exact: Option<String>,
    pub text: String,
}

/// Rows of every HTML table body.
pub fn html_rows(html: &str) -> Vec<Vec<HtmlCell>> {
    let mut out = Vec::new();
    for body in html.split("<tbody>").skip(1) {
        let body = body.split("</tbody>").next().unwrap();
        for tr in body.split("<tr").skip(1) {
            let tr = tr.split("</tr>").next().unwrap();
            let mut cells = Vec::new();
            for td in tr.split("<td").skip(1) {
                let (attrs, rest) = td.split_once('>').unwrap();
                let text = rest.split("</td>").next().unwrap();
                let exact = attrs.split("data-exact=\"").nth(1).map(|a| a.split('"').next().unwrap().to_owned());
                cells.push(HtmlCell { exact, text: html_unescape(text) });
            }
            out.push(cells);
        }
    }
    out
}

/// Every numeric cell of every sheet of a workbook, sheet by sheet, row by
/// row.
pub fn xlsx_numbers(bytes: &[u8]) -> Vec<f64> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                match cell {
                    Data::Float(f) => out.push(*f),
                    Data::Int(i) => out.push(*i as f64),
                    _ => {}
                }
            }
        }
    }
    out
}

/// Every string cell and formula of a workbook.
pub fn xlsx_strings_and_formulas(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut strings = Vec::new();
    let mut formulas = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                if let Data::String(s) = cell {
                    strings.push(s.clone());
                }
            }
        }
        let f = book.worksheet_formula(&name).unwrap();
        formulas.extend(f.rows().flat_map(|r| r.iter()).filter(|s| !s.is_empty()).cloned());
    }
    (strings, formulas)
}
