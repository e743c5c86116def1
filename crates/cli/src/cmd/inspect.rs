//! `carbonbook inspect FILE`.

use std::path::Path;

use crate::Failure;

/// Prints what `carbonbook_xlsx::inspect` finds in a workbook.
///
/// # Errors
///
/// A file that cannot be opened as a workbook.
pub fn run(file: &Path, max_rows: Option<u32>) -> Result<(), Failure> {
    let found = carbonbook_xlsx::inspect::inspect(file, max_rows).map_err(|e| Failure::input(e.to_string()))?;
    crate::stdout::write("the inspection", |out| write!(out, "{found}"))
}
