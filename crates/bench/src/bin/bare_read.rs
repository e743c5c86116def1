//! `bare_read BOOK.xlsx [SHEET]`: the reference of the `calc` benchmark.
//!
//! Streams one sheet (default: the one named `Activities`, matched
//! case-insensitively) with calamine's `Xlsx::worksheet_cells_reader`, the
//! same reader `carbonbook` uses, visits every cell and sums the numeric
//! ones. Nothing is parsed, computed or written: this is what reading the
//! sheet costs at all: the baseline every ratio in the bench README is
//! taken against.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use calamine::{DataRef, Reader, Xlsx, open_workbook};

/// What the loop saw.
#[derive(Default)]
struct Tally {
    cells: u64,
    numbers: u64,
    sum: f64,
    text_bytes: u64,
}

fn read(path: &str, sheet: Option<&str>) -> Result<(String, Tally), String> {
    let mut book: Xlsx<BufReader<File>> = open_workbook(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let name = match sheet {
        Some(s) => s.to_owned(),
        None => book
            .sheet_names()
            .into_iter()
            .find(|n| n.trim().eq_ignore_ascii_case("activities"))
            .ok_or_else(|| format!("{path} has no Activities sheet"))?,
    };
    let mut reader = book.worksheet_cells_reader(&name).map_err(|e| format!("cannot read {name}: {e}"))?;
    let mut t = Tally::default();
    while let Some(cell) = reader.next_cell().map_err(|e| format!("cannot read {name}: {e}"))? {
        t.cells += 1;
        match cell.get_value() {
            DataRef::Float(x) => {
                t.numbers += 1;
                t.sum += *x;
            }
            DataRef::Int(i) => {
                t.numbers += 1;
                t.sum += *i as f64;
            }
            DataRef::DateTime(d) => {
                t.numbers += 1;
                t.sum += d.as_f64();
            }
            DataRef::SharedString(s) => t.text_bytes += s.len() as u64,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => t.text_bytes += s.len() as u64,
            DataRef::Bool(_) | DataRef::Error(_) | DataRef::Empty => {}
        }
    }
    Ok((name, t))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: bare_read BOOK.xlsx [SHEET]");
        return ExitCode::from(2);
    };
    match read(path, args.get(1).map(String::as_str)) {
        Ok((name, t)) => {
            println!(
                "{name}: {} cells, {} numbers summing to {}, {} bytes of text",
                t.cells, t.numbers, t.sum, t.text_bytes
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bare_read: {e}");
            ExitCode::FAILURE
        }
    }
}
