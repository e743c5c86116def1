//! Tests of whole books, generated in temporary folders.
//!
//! * `contract`: what the sheets give and every problem they can have;
//! * `formats`: hand-made .xlsx parts, .xls, .ods and CSV books;
//! * `safety`: files that are not books, damaged, encrypted or too large,
//!   and third-party books;
//! * `limits`: sheets past a worksheet's rows and columns (row bombs),
//!   long CSV lines, parts that inflate past their declared size.

mod cbam;
mod contract;
mod formats;
mod limits;
mod safety;

use std::io::Write;
use std::path::{Path, PathBuf};

use carbonbook_core::calculation::Calculator;
use carbonbook_core::energy::ElectricityBasis;
use carbonbook_core::error::InputSheet;
use carbonbook_core::gas::{Gas, GwpSet};
use carbonbook_core::inventory::Activity;
use carbonbook_core::period::Period;
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::trading::{Allocation, Scheme};
use carbonbook_core::units::Unit;
use rust_decimal_macros::dec;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::table::{SheetRef, read_table};
use super::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A sheet to write: name and rows of cells.
enum V {
    S(&'static str),
    N(f64),
    B(bool),
    Date(u16, u8, u8),
    Pct(f64),
}

use V::{B, N, S};

fn write_sheet(ws: &mut Worksheet, rows: &[Vec<V>], first_row: u32, first_col: u16) -> TestResult {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let pct = Format::new().set_num_format("0%");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (first_row + r as u32, first_col + c as u16);
            match v {
                S("") => {}
                S(s) => {
                    ws.write_string(r, c, *s)?;
                }
                N(n) => {
                    ws.write_number(r, c, *n)?;
                }
                B(b) => {
                    ws.write_boolean(r, c, *b)?;
                }
                V::Date(y, m, d) => {
                    ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d)?, &date)?;
                }
                V::Pct(n) => {
                    ws.write_number_with_format(r, c, *n, &pct)?;
                }
            }
        }
    }
    Ok(())
}

fn book(dir: &Path, name: &str, sheets: &[(&str, Vec<Vec<V>>)]) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let path = dir.join(name);
    let mut wb = Workbook::new();
    for (sheet, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*sheet)?;
        write_sheet(ws, rows, 0, 0)?;
    }
    wb.save(&path)?;
    Ok(path)
}

fn org_rows() -> Vec<Vec<V>> {
    vec![vec![S("field"), S("value")], vec![S("name"), S("Example Co.")], vec![S("reporting_year"), N(2024.0)]]
}

fn fac_rows() -> Vec<Vec<V>> {
    vec![vec![S("facility_id"), S("name")], vec![S("KILN-1"), S("Kiln 1")], vec![S("KILN-2"), S("Kiln 2")]]
}

fn act_header() -> Vec<V> {
    vec![S("facility_id"), S("source"), S("activity"), S("quantity"), S("unit")]
}

/// Opens, reads setup and activities.
fn read_all(path: &Path) -> Result<(Setup, Vec<Activity>), OpenError> {
    let mut book = open(path)?;
    let mut setup = book.read_setup()?;
    let mut acts = Vec::new();
    book.read_activities(&mut setup, |a| acts.push(a))?;
    Ok((setup, acts))
}

fn texts(ps: &[crate::Problem]) -> Vec<String> {
    ps.iter().map(ToString::to_string).collect()
}

fn has(ps: &[crate::Problem], needle: &str) -> bool {
    ps.iter().any(|p| p.to_string().contains(needle))
}

/// The error of opening and reading the setup of a book that must fail.
fn open_err(path: &Path) -> OpenError {
    match open(path) {
        Ok(mut b) => match b.read_setup() {
            Ok(_) => panic!("{} opened", path.display()),
            Err(e) => e,
        },
        Err(e) => e,
    }
}
