//! `carbonbook validate BOOK`: every problem of the book, with its cell;
//! nothing written.

use std::path::Path;

use carbonbook_core::pipeline::Discard;

use super::book::{compute, report_warnings};
use crate::Failure;

/// Runs the command.
///
/// # Errors
///
/// Every problem of the book.
pub fn run(book: &Path) -> Result<(), Failure> {
    let computed = compute(book, None, &mut Discard, None, true)?;
    report_warnings(&computed.warnings);
    eprintln!("{}: valid ({} activity rows)", book.display(), computed.rows);
    if let Some(f) = &computed.results.finance {
        eprintln!(
            "  Portfolio: {} exposures; Projects: {} projects",
            f.portfolio.exposures.len(),
            f.projects.projects.len()
        );
    }
    Ok(())
}
