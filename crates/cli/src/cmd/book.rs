//! A book through the pipeline: opened as it is or through a mapping
//! profile, streamed into a sink, every problem placed on its cell. The
//! glue every command that computes shares (`calc`, `validate`, `report`).

use std::path::Path;

use carbonbook_core::Results;
use carbonbook_core::pipeline::{self, LedgerSink};
use carbonbook_xlsx::Problem;
use carbonbook_xlsx::profile::{MappedBook, Profile};
use carbonbook_xlsx::read::{self, EngineErrors};

use crate::progress;
use crate::{EXIT_INPUT, Failure};

/// A computed book: its results and every warning, placed on its cell.
pub struct Computed {
    /// Rows read.
    pub rows: u64,
    /// The results (the ledger went to the sink).
    pub results: Results,
    /// Reader and engine warnings, with their Chinese wording where they
    /// have one ([`Problem::in_chinese`], for reports in Chinese).
    pub warnings: Vec<Problem>,
}

/// Reads `book` (through `profile`, if any), computes it into `sink`;
/// `target` names the sink's file in messages.
///
/// # Errors
///
/// Every problem of the book (exit 1, nothing written), or a sink that
/// failed.
pub fn compute<K: LedgerSink + Send>(
    book: &Path,
    profile: Option<&Path>,
    sink: &mut K,
    target: Option<&Path>,
    quiet: bool,
) -> Result<Computed, Failure> {
    let input_failure = |e: &dyn std::fmt::Display| Failure::input(e.to_string());
    // Gathered as they come: a million rows failing alike take little.
    let mut errors = EngineErrors::new();
    let (outcome, mut setup) = match profile {
        None => {
            let mut b = read::open(book).map_err(|e| input_failure(&e))?;
            let mut setup = b.read_setup().map_err(|e| input_failure(&e))?;
            let input = setup.input();
            let mut rows = b.activity_rows(&mut setup);
            let outcome = run(&input, &mut rows, sink, &mut errors, quiet).map_err(|e| input_failure(&e))?;
            (outcome, setup)
        }
        Some(p) => {
            let profile = Profile::load(p).map_err(|e| Failure::input(format!("{}: {e}", p.display())))?;
            let mut m = MappedBook::open(book, profile).map_err(|e| input_failure(&e))?;
            let setup = m.read_setup().map_err(|e| input_failure(&e))?;
            let outcome = run(&setup.input(), &mut m, sink, &mut errors, quiet).map_err(|e| input_failure(&e))?;
            (outcome, setup)
        }
    };
    // Reader problems and engine errors, each cause once with the rows it affects.
    let problems = setup.take_problems(&errors);
    if !problems.is_empty() {
        let n = problems.len();
        let mut lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        lines.push(format!("{n} problem(s) found; nothing was written."));
        return Err(Failure { lines, status: EXIT_INPUT });
    }
    if let Some(e) = outcome.sink_error {
        return Err(Failure::cannot_write(target.map_or_else(|| "the output".into(), |p| p.display().to_string()), e));
    }
    let Some(results) = outcome.results else { return Err(Failure::input("internal: no results")) };
    let mut warnings = std::mem::take(&mut setup.warnings);
    warnings.extend(results.warnings.iter().map(|w| setup.locate_warning(w)));
    Ok(Computed { rows: outcome.rows, results, warnings })
}

/// The pipeline with a progress bar on a terminal.
fn run<S, K>(
    input: &pipeline::Input,
    source: &mut S,
    sink: &mut K,
    errors: &mut EngineErrors,
    quiet: bool,
) -> Result<pipeline::Outcome, S::Error>
where
    S: pipeline::ActivitySource,
    K: LedgerSink + Send,
{
    let bar = progress::for_rows(source.rows_hint(), quiet);
    let outcome = pipeline::run(input, source, sink, errors, &mut |rows| bar.set_position(rows));
    bar.finish_and_clear();
    outcome
}

/// Prints warnings on standard error.
pub fn report_warnings(warnings: &[Problem]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}
