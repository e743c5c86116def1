//! Writes every report kind in every format (and both languages) for the
//! test fixture's steel maker into a folder, to look at in a browser or a
//! spreadsheet program: `cargo run -p carbonbook-report --example
//! app_reports -- /tmp/reports`.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::error::Error;
use std::path::PathBuf;

use carbonbook_report::{Format, Kind, Lang, ReportError, ReportOptions};

fn main() {
    if let Err(e) = example() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn example() -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "reports".to_owned()));
    std::fs::create_dir_all(&dir)?;
    let results = fixture::steel();
    for kind in Kind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let options = ReportOptions { lang, source_name: "steel.xlsx".into(), ..ReportOptions::for_kind(kind) };
            let report = carbonbook_report::build(kind, &results, &options)?;
            for format in Format::ALL {
                let path = dir.join(format!("{kind}-{lang}.{}", format.extension()));
                match carbonbook_report::render(&report, format) {
                    Ok(bytes) => {
                        std::fs::write(&path, bytes)?;
                        println!("{}", path.display());
                    }
                    // No CJK font installed: the other formats are still written.
                    Err(ReportError::NoCjkFont) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
    Ok(())
}
