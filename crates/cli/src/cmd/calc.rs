//! `carbonbook calc BOOK [-o OUT] [--format json|xlsx]`: the main job.
//!
//! One pass over the book ([`super::book::compute`]): the small sheets are
//! read first, the Activities sheet is streamed row by row through the
//! engine, and each ledger line goes straight to the output (results
//! workbook or summary JSON). If the book has any problem, nothing is
//! written and all of them are printed.

use std::path::Path;

use carbonbook_core::rounding::RoundingPolicy;
use carbonbook_report::summary_json::{self, ActivitySink};
use carbonbook_xlsx::atomic_file::AtomicFile;
use carbonbook_xlsx::results::{ResultsWriter, RunInfo};

use super::book::{compute, report_warnings};
use crate::Failure;
use crate::args::Format;

/// Runs the command.
///
/// # Errors
///
/// Every problem of the book, or an output that cannot be written.
pub fn run(
    book: &Path,
    out: Option<&Path>,
    format: Option<Format>,
    profile: Option<&Path>,
    quiet: bool,
) -> Result<(), Failure> {
    let format = format.unwrap_or_else(|| match out.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("xlsx") => Format::Xlsx,
        _ => Format::Json,
    });
    match (format, out) {
        (Format::Xlsx, None) => Err(Failure {
            lines: vec!["the results workbook needs an output file: -o RESULTS.xlsx".to_owned()],
            status: crate::EXIT_USAGE,
        }),
        (Format::Xlsx, Some(out)) => {
            let mut writer = ResultsWriter::create(out).map_err(|e| Failure::cannot_write(out.display(), e))?;
            let computed = compute(book, profile, &mut writer, Some(out), quiet)?;
            let info = RunInfo {
                source_name: book.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                rounding: RoundingPolicy::default(),
                problems_and_warnings: computed.warnings.iter().map(ToString::to_string).collect(),
            };
            writer.finish(&computed.results, &info).map_err(|e| Failure::cannot_write(out.display(), e))?;
            report_warnings(&computed.warnings);
            if !quiet {
                eprintln!("wrote {} ({} ledger lines)", out.display(), computed.rows);
            }
            Ok(())
        }
        (Format::Json, Some(path)) => {
            // Straight into the file's temporary file, renamed into place
            // only when the run succeeds.
            let mut file = AtomicFile::create(path).map_err(|e| Failure::cannot_write(path.display(), e))?;
            let mut sink = file
                .file()
                .try_clone()
                .and_then(ActivitySink::to)
                .map_err(|e| Failure::cannot_write(path.display(), e))?;
            let computed = compute(book, profile, &mut sink, Some(path), quiet)?;
            let warnings: Vec<String> = computed.warnings.iter().map(ToString::to_string).collect();
            sink.finish(&computed.results, &warnings).map_err(|e| Failure::cannot_write(path.display(), e))?;
            file.commit().map_err(|e| Failure::cannot_write(path.display(), e))?;
            report_warnings(&computed.warnings);
            Ok(())
        }
        (Format::Json, None) => {
            // Spooled to a temporary file first, so that nothing is printed
            // unless the run succeeds.
            let mut sink =
                ActivitySink::new().map_err(|e| Failure::input(format!("cannot make a temporary file: {e}")))?;
            let computed = compute(book, profile, &mut sink, None, quiet)?;
            let warnings: Vec<String> = computed.warnings.iter().map(ToString::to_string).collect();
            crate::stdout::write("the summary", |mut out| {
                summary_json::write(&mut out, &computed.results, sink, &warnings)
            })
        }
    }
}
