//! `carbonbook cbam-read FILLED.xlsx [-o FILE.csv]`: a supplier's filled
//! CBAM communication template as `CBAM imports` rows, with carbonbook's
//! recomputation of each SEE checked against what the file states.

use std::path::Path;

use carbonbook_xlsx::atomic_file::AtomicFile;
use carbonbook_xlsx::cbam_template::read::{imports_csv, read_communication};

use crate::Failure;

/// Runs the command.
///
/// # Errors
///
/// A file that cannot be read or is not the communication template, or an
/// output that cannot be written.
pub fn run(file: &Path, out: Option<&Path>) -> Result<(), Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::input(format!("{}: {e}", file.display())))?;
    let c = read_communication(&bytes).map_err(|e| Failure::input(format!("{}: {e}", file.display())))?;
    let csv = imports_csv(&c);
    match out {
        Some(out) => {
            let mut f = AtomicFile::create(out).map_err(|e| Failure::cannot_write(out.display(), e))?;
            std::io::Write::write_all(f.file(), csv.as_bytes()).map_err(|e| Failure::cannot_write(out.display(), e))?;
            f.commit().map_err(|e| Failure::cannot_write(out.display(), e))?;
        }
        None => crate::stdout::write("the CBAM imports rows", |w| w.write_all(csv.as_bytes()))?,
    }
    for w in &c.warnings {
        eprintln!("warning: {}: {w}", file.display());
    }
    Ok(())
}
