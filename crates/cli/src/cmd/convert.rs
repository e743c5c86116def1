//! `carbonbook convert FILE --profile P.toml -o BOOK.xlsx`.

use std::path::Path;

use carbonbook_xlsx::profile::{self, Profile, ProfileError};

use crate::{EXIT_INPUT, Failure};

/// Converts a foreign workbook through its profile (`out` is `None` for a
/// dry run, which writes nothing). Rows that did not land are printed on
/// standard error (and listed in the output's `Rejected rows` sheet); they
/// do not make the command fail.
///
/// # Errors
///
/// An invalid profile, a book that does not match it, or an output that
/// cannot be written (nothing is written then).
pub fn run(file: &Path, profile: &Path, out: Option<&Path>) -> Result<(), Failure> {
    let p = Profile::load(profile).map_err(|e| Failure::input(format!("{}: {e}", profile.display())))?;
    let done = match out {
        Some(out) => profile::convert(file, &p, out),
        None => profile::dry_run(file, &p),
    }
    .map_err(|e| match e {
        ProfileError::Mismatch(problems) => {
            let n = problems.len();
            let mut lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            lines.push(format!("{n} problem(s) found; nothing was written."));
            Failure { lines, status: EXIT_INPUT }
        }
        e => Failure::input(format!("cannot convert {}: {e}", file.display())),
    })?;
    for w in &done.warnings {
        eprintln!("warning: {w}");
    }
    for r in &done.rejected {
        eprintln!("rejected: {r}");
    }
    for (i, (sheet, header)) in done.tables.iter().enumerate() {
        let n = done.landed_per_table.get(i).copied().unwrap_or(0);
        eprintln!("table {}: sheet \"{sheet}\", header {header}: {n} row(s) converted", i + 1);
    }
    let added = if done.facilities_added > 0 {
        format!(", {} facilities added from the rows that name them", done.facilities_added)
    } else {
        String::new()
    };
    match out {
        Some(out) => eprintln!(
            "wrote {} ({} row(s) converted, {} rejected and listed on the sheet \"{}\"{added})",
            out.display(),
            done.landed,
            done.rejected.len(),
            profile::REJECTED_SHEET
        ),
        None => eprintln!(
            "dry run, nothing written: {} row(s) would be converted, {} rejected{added}",
            done.landed,
            done.rejected.len()
        ),
    }
    Ok(())
}
