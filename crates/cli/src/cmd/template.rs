//! `carbonbook template OUT.xlsx`.

use std::path::Path;

use crate::Failure;

/// Writes the blank workbook.
///
/// # Errors
///
/// When the file cannot be written.
pub fn run(out: &Path) -> Result<(), Failure> {
    carbonbook_xlsx::template::write_template(out).map_err(|e| Failure::cannot_write(out.display(), e))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
