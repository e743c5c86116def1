//! Produces all four compliance reports for `fixtures/demo.xlsx` in every
//! built-in format: the GHG inventory, the GB/T 32150 enterprise report
//! (Chinese), the energy report and the ETS statement, as HTML, Markdown,
//! JSON, CSV and xlsx.
//!
//! Run `cargo run --example demo_reports -- [BOOK] [OUT_DIR]` (defaults:
//! `fixtures/demo.xlsx`, `reports/`). It uses the same library calls as
//! `carbonbook report`.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use std::error::Error;
use std::path::PathBuf;

use carbonbook::core::Calculator;
use carbonbook_report::{Format, Kind, ReportOptions};
use carbonbook_xlsx::read;

fn main() {
    if let Err(e) = example() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn example() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let book = PathBuf::from(args.next().unwrap_or_else(|| "fixtures/demo.xlsx".to_owned()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "reports".to_owned()));
    std::fs::create_dir_all(&out)?;

    // Read and compute, as `carbonbook calc` does, keeping no ledger lines.
    let mut b = read::open(&book)?;
    let mut setup = b.read_setup()?;
    let (organisation, facilities, factors) =
        (setup.organisation.clone(), setup.facilities.clone(), setup.factors.clone());
    let mut calc = Calculator::new(&organisation, &facilities, &factors)?;
    let mut engine_errors = Vec::new();
    b.read_activities(&mut setup, |activity| {
        if let Err(e) = calc.add(&activity) {
            engine_errors.push(e);
        }
    })?;
    let mut problems: Vec<String> = setup.problems.iter().map(ToString::to_string).collect();
    problems.extend(engine_errors.iter().map(|e| setup.locate(e).to_string()));
    if !problems.is_empty() {
        return Err(problems.join("\n").into());
    }
    let results = calc.finish(Vec::new(), &setup.production, &setup.trading)?;

    for kind in Kind::ALL {
        let mut options = ReportOptions::for_kind(kind);
        options.source_name = book.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        options.warnings = setup.warnings.iter().map(ToString::to_string).collect();
        let report = carbonbook_report::build(kind, &results, &options)?;
        for format in [Format::Html, Format::Md, Format::Json, Format::Csv, Format::Xlsx] {
            let path = out.join(format!("{}.{}", kind.key(), format.extension()));
            std::fs::write(&path, carbonbook_report::render(&report, format)?)?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
