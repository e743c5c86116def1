//! `carbonbook cbam-communication BOOK --template BLANK.xlsx --installation ID
//! [--year Y] -o FILE.xlsx`: the Commission's CBAM communication template
//! filled with one installation's goods.

use std::path::Path;

use carbonbook_core::pipeline::Discard;
use carbonbook_xlsx::atomic_file::AtomicFile;
use carbonbook_xlsx::cbam_template::CommunicationTemplate;

use super::book::{compute, report_warnings};
use crate::Failure;

/// Runs the command.
///
/// # Errors
///
/// Every problem of the book, a template that is not the communication
/// template, goods that do not fit it, or a file that cannot be written.
pub fn run(
    book: &Path,
    template: &Path,
    installation: &str,
    year: Option<i32>,
    out: &Path,
    quiet: bool,
) -> Result<(), Failure> {
    let blank = std::fs::read(template).map_err(|e| Failure::input(format!("{}: {e}", template.display())))?;
    let template =
        CommunicationTemplate::new(blank).map_err(|e| Failure::input(format!("{}: {e}", template.display())))?;
    let computed = compute(book, None, &mut Discard, None, quiet)?;
    let year = year.unwrap_or(computed.results.organisation.reporting_year);
    let filled = template.fill(&computed.results, installation, year).map_err(|e| Failure::input(e.to_string()))?;
    let mut file = AtomicFile::create(out).map_err(|e| Failure::cannot_write(out.display(), e))?;
    std::io::Write::write_all(file.file(), &filled.bytes).map_err(|e| Failure::cannot_write(out.display(), e))?;
    file.commit().map_err(|e| Failure::cannot_write(out.display(), e))?;
    report_warnings(&computed.warnings);
    for note in &filled.notes {
        eprintln!("note: {note}");
    }
    if !quiet {
        eprintln!("wrote {} ({} input cells of {installation}, {year})", out.display(), filled.cells.len());
    }
    Ok(())
}
