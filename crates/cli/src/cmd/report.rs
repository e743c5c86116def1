//! `carbonbook report BOOK --kind KIND --format FMT [--lang zh|en] -o FILE`:
//! a compliance report of the book.

use std::path::Path;

use carbonbook_core::pipeline::Discard;
use carbonbook_report::{Format as ReportFormat, Kind, Lang, ReportOptions};
use carbonbook_xlsx::atomic_file::AtomicFile;

use super::book::{compute, report_warnings};
use crate::Failure;

/// Runs the command.
///
/// # Errors
///
/// Every problem of the book, or a report that cannot be written.
pub fn run(
    book: &Path,
    kind: &str,
    format: &str,
    lang: Option<&str>,
    out: &Path,
    quiet: bool,
    font_dirs: &[std::path::PathBuf],
) -> Result<(), Failure> {
    let usage = |e: carbonbook_report::ParseError| Failure { lines: vec![e.to_string()], status: crate::EXIT_USAGE };
    let kind: Kind = kind.parse().map_err(usage)?;
    let format: ReportFormat = format.parse().map_err(usage)?;
    let lang: Lang = match lang {
        Some(l) => l.parse().map_err(usage)?,
        None => kind.default_lang(),
    };
    let computed = compute(book, None, &mut Discard, None, quiet)?;
    let mut options = ReportOptions::for_kind(kind);
    options.lang = lang;
    options.source_name = book.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    options.warnings = computed.warnings.iter().map(ToString::to_string).collect();
    let report = carbonbook_report::build(kind, &computed.results, &options)
        .map_err(|e| Failure::input(format!("cannot build the report: {e}")))?;
    let rendered = match format {
        ReportFormat::Pdf if !font_dirs.is_empty() => carbonbook_report::render::pdf::render_with(
            &report,
            &carbonbook_report::render::pdf::Fonts::with_dirs(font_dirs),
        ),
        _ => carbonbook_report::render(&report, format),
    };
    let bytes = rendered.map_err(|e| Failure::input(format!("cannot render the report: {e}")))?;
    let mut file = AtomicFile::create(out).map_err(|e| Failure::cannot_write(out.display(), e))?;
    std::io::Write::write_all(file.file(), &bytes).map_err(|e| Failure::cannot_write(out.display(), e))?;
    file.commit().map_err(|e| Failure::cannot_write(out.display(), e))?;
    report_warnings(&computed.warnings);
    if !quiet {
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}
