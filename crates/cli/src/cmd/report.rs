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
    format: Option<&str>,
    lang: Option<&str>,
    out: &Path,
    quiet: bool,
    font_dirs: &[std::path::PathBuf],
) -> Result<(), Failure> {
    let usage = |e: carbonbook_report::ParseError| Failure { lines: vec![e.to_string()], status: crate::EXIT_USAGE };
    let kind: Kind = kind.parse().map_err(usage)?;
    let format = chosen_format(format, out)?;
    let lang: Lang = match lang {
        Some(l) => l.parse().map_err(usage)?,
        None => kind.default_lang(),
    };
    let computed = compute(book, None, &mut Discard, None, quiet)?;
    let mut options = ReportOptions::for_kind(kind);
    options.lang = lang;
    options.source_name = book.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    options.warnings = computed
        .warnings
        .iter()
        .map(|w| if lang == Lang::Zh { w.in_chinese().to_string() } else { w.to_string() })
        .collect();
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

/// The format `--format` names, else the one the output file's extension
/// names; a format that contradicts the extension (`--format html -o r.pdf`)
/// is refused rather than writing HTML into a .pdf.
fn chosen_format(format: Option<&str>, out: &Path) -> Result<ReportFormat, Failure> {
    let usage = |line: String| Failure { lines: vec![line], status: crate::EXIT_USAGE };
    let by_extension: Option<ReportFormat> = out.extension().and_then(|e| e.to_str()).and_then(|e| e.parse().ok());
    match (format, by_extension) {
        (Some(f), by_ext) => {
            let f: ReportFormat = f.parse().map_err(|e: carbonbook_report::ParseError| usage(e.to_string()))?;
            match by_ext {
                Some(e) if e != f => Err(usage(format!(
                    "--format {f} does not match the output file {}: name it .{} or drop --format",
                    out.display(),
                    f.extension()
                ))),
                _ => Ok(f),
            }
        }
        (None, Some(e)) => Ok(e),
        (None, None) => Err(usage(format!(
            "cannot tell the report format from {}: give --format (html, pdf, md, json, csv, xlsx) or an output file with one of those extensions",
            out.display()
        ))),
    }
}
