//! The one rule every output obeys before anything is read: it is never
//! one of the inputs.
//!
//! `calc book.xlsx -o book.xlsx` would otherwise replace the enterprise's
//! workbook with the results. An output is refused (exit 2) when it is the
//! same file as an input — by path, through a symbolic link or a hard link —
//! or lies inside a folder read as an input (a book of CSV files).

use std::path::{Path, PathBuf};

use crate::{EXIT_USAGE, Failure};

/// Checks that `out` is none of `inputs`.
///
/// ```
/// use std::path::Path;
/// use carbonbook_cli::output::refuse_over_inputs;
///
/// let dir = tempfile::tempdir()?;
/// let book = dir.path().join("book.xlsx");
/// std::fs::write(&book, b"the enterprise's data")?;
/// let e = refuse_over_inputs(&book, &[&book]).unwrap_err();
/// assert_eq!(e.status, 2);
/// assert!(refuse_over_inputs(&dir.path().join("results.xlsx"), &[&book]).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// A usage [`Failure`] naming the output and the input it would replace.
pub fn refuse_over_inputs(out: &Path, inputs: &[&Path]) -> Result<(), Failure> {
    for input in inputs {
        if let Some(why) = clash(out, input) {
            return Err(Failure {
                lines: vec![format!(
                    "refusing to write {}: {why} {}; carbonbook never writes over what it reads, name another output file",
                    out.display(),
                    input.display()
                )],
                status: EXIT_USAGE,
            });
        }
    }
    Ok(())
}

/// How `out` would harm `input`, if it would.
fn clash(out: &Path, input: &Path) -> Option<&'static str> {
    let input_meta = std::fs::metadata(input).ok()?;
    if input_meta.is_dir() {
        let folder = input.canonicalize().ok()?;
        return resolved(out).filter(|o| o.starts_with(&folder)).map(|_| "it lies inside the input folder");
    }
    if let Ok(out_meta) = std::fs::metadata(out)
        && same_file(&out_meta, &input_meta)
    {
        return Some("it is the input");
    }
    match (resolved(out), input.canonicalize().ok()) {
        (Some(o), Some(i)) if o == i => Some("it is the input"),
        _ => None,
    }
}

/// `path` with its folder resolved (links and `..` followed), whether or
/// not the file itself exists yet.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    // Paths are compared after resolution instead.
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_dotted_paths_to_the_input_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book.xlsx");
        std::fs::write(&book, b"data").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let dotted = dir.path().join("sub/../book.xlsx");
        assert!(refuse_over_inputs(&dotted, &[&book]).is_err());
        let hard = dir.path().join("hard.xlsx");
        std::fs::hard_link(&book, &hard).unwrap();
        assert!(refuse_over_inputs(&hard, &[&book]).is_err());
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.xlsx");
            std::os::unix::fs::symlink(&book, &soft).unwrap();
            assert!(refuse_over_inputs(&soft, &[&book]).is_err());
        }
        assert!(refuse_over_inputs(&dir.path().join("sub/other.xlsx"), &[&book]).is_ok());
    }

    #[test]
    fn an_output_inside_an_input_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("book");
        std::fs::create_dir(&csv).unwrap();
        let e = refuse_over_inputs(&csv.join("Activities.csv"), &[&csv]).unwrap_err();
        assert!(e.lines[0].contains("inside the input folder"), "{:?}", e.lines);
        assert!(refuse_over_inputs(&dir.path().join("results.xlsx"), &[&csv]).is_ok());
    }
}
