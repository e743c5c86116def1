//! `carbonbook validate` and `carbonbook calc`: the main job.
//!
//! One pass over the book: the small sheets are read first, the Activities
//! sheet is streamed row by row through the engine, and each ledger line
//! goes straight to the output (results workbook or JSON). Every problem of
//! the book is collected, with its cell; if there is any, nothing is
//! written and all of them are printed.

use std::path::Path;

use carbonbook_core::Calculator;
use carbonbook_core::inventory::Activity;
use carbonbook_core::rounding::RoundingPolicy;
use carbonbook_xlsx::Problem;
use carbonbook_xlsx::profile::{MappedBook, Profile};
use carbonbook_xlsx::read::{self, Book, EngineErrors, Setup};
use carbonbook_xlsx::results::{ResultsWriter, RunInfo};

use crate::args::Format;
use crate::progress;
use crate::{EXIT_INPUT, Failure};
use carbonbook_report::summary_json::{self, ActivitySink};
use carbonbook_xlsx::atomic_file::AtomicFile;

/// Where the ledger lines go.
enum Sink {
    None,
    Json(Box<ActivitySink>),
    Xlsx(Box<ResultsWriter>),
}

/// A book read as it is, or a foreign book read through a profile.
enum Input {
    Book(Book),
    Mapped(Box<MappedBook>),
}

impl Input {
    fn activity_rows_hint(&mut self) -> Option<u64> {
        match self {
            Input::Book(b) => b.activity_rows_hint(),
            Input::Mapped(m) => m.activity_rows_hint(),
        }
    }

    fn read_activities(&mut self, setup: &mut Setup, each: impl FnMut(Activity) + Send) -> Result<(), Failure> {
        match self {
            Input::Book(b) => b.read_activities(setup, each).map_err(|e| Failure::input(e.to_string())),
            Input::Mapped(m) => m.read_activities(setup, each).map_err(|e| Failure::input(e.to_string())),
        }
    }
}

fn open(book: &Path, profile: Option<&Path>) -> Result<(Input, Setup), Failure> {
    match profile {
        None => {
            let mut b = read::open(book).map_err(|e| Failure::input(e.to_string()))?;
            let setup = b.read_setup().map_err(|e| Failure::input(e.to_string()))?;
            Ok((Input::Book(b), setup))
        }
        Some(p) => {
            let profile = Profile::load(p).map_err(|e| Failure::input(format!("{}: {e}", p.display())))?;
            let mut m = MappedBook::open(book, profile).map_err(|e| Failure::input(e.to_string()))?;
            let setup = m.read_setup().map_err(|e| Failure::input(e.to_string()))?;
            Ok((Input::Mapped(Box::new(m)), setup))
        }
    }
}

fn failure(problems: Vec<Problem>) -> Failure {
    let n = problems.len();
    let mut lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.push(format!("{n} problem(s) found; nothing was written."));
    Failure { lines, status: EXIT_INPUT }
}

/// `carbonbook validate BOOK`.
///
/// # Errors
///
/// Every problem of the book.
pub fn validate(book: &Path) -> Result<(), Failure> {
    let outcome = run(book, None, Sink::None, None, true)?;
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!("{}: valid ({} activity rows)", book.display(), outcome.rows);
    Ok(())
}

/// `carbonbook calc BOOK [-o OUT] [--format json|xlsx]`.
///
/// # Errors
///
/// Every problem of the book, or an output that cannot be written.
pub fn calc(
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
    match format {
        Format::Xlsx => {
            let Some(out) = out else {
                return Err(Failure {
                    lines: vec!["the results workbook needs an output file: -o RESULTS.xlsx".to_owned()],
                    status: crate::EXIT_USAGE,
                });
            };
            let writer = ResultsWriter::create(out).map_err(|e| Failure::cannot_write(out.display(), e))?;
            let outcome = run(book, profile, Sink::Xlsx(Box::new(writer)), Some(out), quiet)?;
            report_warnings(&outcome.warnings);
            if !quiet {
                eprintln!("wrote {} ({} ledger lines)", out.display(), outcome.rows);
            }
            Ok(())
        }
        Format::Json => {
            // Into a file: straight into its temporary file, renamed into
            // place only when the run succeeds. To standard output: spooled
            // to a temporary file first, so nothing is printed unless the
            // run succeeds.
            let mut file = match out {
                Some(path) => {
                    Some((path, AtomicFile::create(path).map_err(|e| Failure::cannot_write(path.display(), e))?))
                }
                None => None,
            };
            let sink = match file.as_mut() {
                Some((path, f)) => f
                    .file()
                    .try_clone()
                    .and_then(ActivitySink::to)
                    .map_err(|e| Failure::cannot_write(path.display(), e))?,
                None => {
                    ActivitySink::new().map_err(|e| Failure::input(format!("cannot make a temporary file: {e}")))?
                }
            };
            let outcome = run(book, profile, Sink::Json(Box::new(sink)), out, quiet)?;
            let (Some(results), Some(sink)) = (outcome.results, outcome.json) else {
                return Err(Failure::input("internal: no results"));
            };
            let warnings: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
            match file {
                Some((path, file)) => {
                    sink.finish(&results, &warnings).map_err(|e| Failure::cannot_write(path.display(), e))?;
                    file.commit().map_err(|e| Failure::cannot_write(path.display(), e))?;
                    report_warnings(&outcome.warnings);
                }
                None => {
                    crate::stdout::write("the summary", |mut out| {
                        summary_json::write(&mut out, &results, *sink, &warnings)
                    })?;
                }
            }
            Ok(())
        }
    }
}

/// `carbonbook report BOOK --kind KIND --format FMT [--lang zh|en] -o FILE`.
///
/// # Errors
///
/// Every problem of the book, or a report that cannot be written.
pub fn report(
    book: &Path,
    kind: &str,
    format: &str,
    lang: Option<&str>,
    out: &Path,
    quiet: bool,
) -> Result<(), Failure> {
    use carbonbook_report::{Format as ReportFormat, Kind, Lang, ReportOptions};
    let usage = |e: carbonbook_report::ParseError| Failure { lines: vec![e.to_string()], status: crate::EXIT_USAGE };
    let kind: Kind = kind.parse().map_err(usage)?;
    let format: ReportFormat = format.parse().map_err(usage)?;
    let lang: Lang = match lang {
        Some(l) => l.parse().map_err(usage)?,
        None => kind.default_lang(),
    };
    if format == ReportFormat::Pdf {
        return Err(Failure::input(carbonbook_report::ReportError::PdfUnavailable.to_string()));
    }
    let outcome = run(book, None, Sink::None, None, quiet)?;
    let Some(results) = outcome.results else { return Err(Failure::input("internal: no results")) };
    let mut options = ReportOptions::for_kind(kind);
    options.lang = lang;
    options.source_name = book.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    options.warnings = outcome.warnings.iter().map(ToString::to_string).collect();
    let report = carbonbook_report::build(kind, &results, &options);
    let bytes = carbonbook_report::render(&report, format)
        .map_err(|e| Failure::input(format!("cannot render the report: {e}")))?;
    let mut file = AtomicFile::create(out).map_err(|e| Failure::cannot_write(out.display(), e))?;
    std::io::Write::write_all(file.file(), &bytes).map_err(|e| Failure::cannot_write(out.display(), e))?;
    file.commit().map_err(|e| Failure::cannot_write(out.display(), e))?;
    report_warnings(&outcome.warnings);
    if !quiet {
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

fn report_warnings(warnings: &[Problem]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

struct Outcome {
    rows: u64,
    warnings: Vec<Problem>,
    results: Option<carbonbook_core::Results>,
    json: Option<Box<ActivitySink>>,
}

/// Reads `book` (through `profile`, if any), computes every row and sends
/// the lines to `sink`; `target` names the sink's file in messages.
fn run(
    book: &Path,
    profile: Option<&Path>,
    mut sink: Sink,
    target: Option<&Path>,
    quiet: bool,
) -> Result<Outcome, Failure> {
    let target = target.map_or_else(|| "the output".to_owned(), |p| p.display().to_string());
    let (mut b, mut setup) = open(book, profile)?;
    // The engine borrows these while the reader appends to `setup`.
    let organisation = setup.organisation.clone();
    let facilities = setup.facilities.clone();
    let factors = setup.factors.clone();
    // Gathered as they come: a million rows failing alike take little.
    let mut engine_errors = EngineErrors::new();
    // Built on the first row, on the thread that computes the rows, so the
    // factor library is set up while the reader starts on the sheet.
    let mut calc: Option<Option<Calculator<'_>>> = None;
    let new_calculator = |errors: &mut EngineErrors| match Calculator::new(&organisation, &facilities, &factors) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.extend(e.0);
            None
        }
    };
    let bar = progress::for_rows(b.activity_rows_hint(), quiet);
    let mut rows = 0u64;
    let mut write_error: Option<String> = None;
    let mut failed = !setup.problems.is_empty();
    b.read_activities(&mut setup, |activity| {
        rows += 1;
        if rows.is_multiple_of(4096) {
            bar.set_position(rows);
        }
        let Some(calc) = calc
            .get_or_insert_with(|| {
                let c = new_calculator(&mut engine_errors);
                failed |= c.is_none();
                c
            })
            .as_mut()
        else {
            return;
        };
        match calc.add(&activity) {
            // A row of another year: left out, listed in the results.
            Ok(None) => {}
            Ok(Some(line)) => {
                if failed || write_error.is_some() {
                    return;
                }
                let facility_id = facilities[line.facility].id.as_str();
                let result = match &mut sink {
                    Sink::None => Ok(()),
                    Sink::Json(s) => s.push(&activity, facility_id, &line, calc.library()).map_err(|e| e.to_string()),
                    Sink::Xlsx(w) => {
                        w.add_line(&activity, facility_id, &line, calc.library()).map_err(|e| e.to_string())
                    }
                };
                if let Err(e) = result {
                    write_error = Some(e);
                }
            }
            Err(e) => {
                failed = true;
                engine_errors.push(e);
            }
        }
    })?;
    bar.finish_and_clear();
    let calc = calc.unwrap_or_else(|| new_calculator(&mut engine_errors));

    // An error many rows share is given once, with the rows under it.
    let mut problems = setup.take_problems(&engine_errors);
    let results = match calc {
        Some(calc) if problems.is_empty() => {
            // Lines went straight to the output: the results keep none.
            match calc.finish(Vec::new(), &setup.production, &setup.trading) {
                Ok(r) => Some(r),
                Err(e) => {
                    problems.extend(setup.locate_all(&e.0.into_iter().collect()));
                    None
                }
            }
        }
        _ => None,
    };
    if !problems.is_empty() {
        return Err(failure(problems));
    }
    if let Some(e) = write_error {
        return Err(Failure::cannot_write(&target, e));
    }
    let Some(results) = results else { return Err(Failure::input("internal: no results")) };
    let mut warnings = std::mem::take(&mut setup.warnings);
    warnings.extend(results.warnings.iter().map(|w| setup.locate_warning(w)));
    let json = match sink {
        Sink::Xlsx(writer) => {
            let info = RunInfo {
                source_name: book.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                rounding: RoundingPolicy::default(),
                problems_and_warnings: warnings.iter().map(ToString::to_string).collect(),
            };
            writer.finish(&results, &info).map_err(|e| Failure::cannot_write(&target, e))?;
            None
        }
        Sink::Json(s) => Some(s),
        Sink::None => None,
    };
    Ok(Outcome { rows, warnings, results: Some(results), json })
}
