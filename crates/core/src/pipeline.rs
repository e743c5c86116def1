//! The pipeline: activities from a source, through the engine, into a sink.
//!
//! Every way carbonbook runs — a workbook streamed into the summary JSON or
//! the results workbook, a validation that writes nothing, an inventory
//! built in code — is the same three steps: set up a [`Calculator`] from
//! the organisation, facilities and custom factors; stream the activity
//! rows through it, handing each ledger line to a [`LedgerSink`] as it is
//! computed; finish with production, trading and refrigerant balances.
//! [`run`] is that loop, once, for any [`ActivitySource`] and any sink (the
//! model is ripgrep's `grep_searcher::Sink`). Readers of workbooks
//! implement [`ActivitySource`] in `carbonbook-xlsx`; the summary JSON and
//! the results workbook implement [`LedgerSink`].
//!
//! ```
//! use carbonbook_core::dec;
//! use carbonbook_core::inventory::{Activity, Facility, Organisation};
//! use carbonbook_core::pipeline::{self, Input};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//!
//! let mut input = Input::new(Organisation::new("Example", 2024));
//! input.facilities.push(Facility::new("F1"));
//! let rows = [Activity::new("F1", SourceCategory::StationaryCombustion, "diesel",
//!     Quantity::new(dec!(10), Unit::Tonne))];
//! let mut lines = Vec::new(); // a Vec of lines is a sink
//! let mut errors = Vec::new(); // and of errors, a collector
//! let outcome = pipeline::run(&input, &mut &rows[..], &mut lines, &mut errors, &mut |_| {})?;
//! assert!(errors.is_empty() && outcome.errors == 0);
//! assert_eq!(lines.len(), 1);
//! assert_eq!(outcome.results.unwrap().summary.totals.scope1_t_co2e, lines[0].t_co2e);
//! # Ok::<(), std::convert::Infallible>(())
//! ```

use crate::calculation::{Calculator, Results};
use crate::error::CalcError;
use crate::factors::FactorLibrary;
use crate::inventory::{Activity, CustomFactor, Facility, Organisation, Production, RefrigerantBalance};
use crate::ledger::LedgerLine;
use crate::trading::TradingLine;

/// Where activity rows come from: a workbook being read, a list in memory.
pub trait ActivitySource {
    /// Why reading stopped (a damaged file, a limit passed).
    type Error;

    /// How many rows to expect, for a progress bar; `None` when unknown.
    fn rows_hint(&mut self) -> Option<u64> {
        None
    }

    /// Calls `each` with every valid row, in order. Problems of single rows
    /// are the source's to record; an error stops the reading.
    ///
    /// # Errors
    ///
    /// What stopped the reading.
    fn for_each_activity(&mut self, each: &mut (dyn FnMut(&Activity) + Send)) -> Result<(), Self::Error>;
}

/// Activities held in memory are a source.
impl ActivitySource for &[Activity] {
    type Error = std::convert::Infallible;

    fn rows_hint(&mut self) -> Option<u64> {
        Some(self.len() as u64)
    }

    fn for_each_activity(&mut self, each: &mut (dyn FnMut(&Activity) + Send)) -> Result<(), Self::Error> {
        self.iter().for_each(each);
        Ok(())
    }
}

/// Where ledger lines go as they are computed: an output file, a list.
pub trait LedgerSink {
    /// Takes one line, with the activity it was computed from, its
    /// facility's id and the library its factor handles refer to.
    ///
    /// # Errors
    ///
    /// What the sink could not do (a write that failed); the pipeline
    /// sends it no more lines.
    fn line(
        &mut self,
        activity: &Activity,
        facility_id: &str,
        line: &LedgerLine,
        library: &FactorLibrary,
    ) -> Result<(), SinkError>;
}

/// Why a sink could not take a line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SinkError(pub String);

/// A sink that keeps nothing (validation).
#[derive(Debug, Clone, Copy, Default)]
pub struct Discard;

impl LedgerSink for Discard {
    fn line(&mut self, _: &Activity, _: &str, _: &LedgerLine, _: &FactorLibrary) -> Result<(), SinkError> {
        Ok(())
    }
}

/// A list of lines is a sink.
impl LedgerSink for Vec<LedgerLine> {
    fn line(&mut self, _: &Activity, _: &str, line: &LedgerLine, _: &FactorLibrary) -> Result<(), SinkError> {
        self.push(line.clone());
        Ok(())
    }
}

/// Everything of an inventory but its activity rows.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// The organisation and its choices.
    pub organisation: Organisation,
    /// Facilities.
    pub facilities: Vec<Facility>,
    /// Custom factors.
    pub factors: Vec<CustomFactor>,
    /// Production and output value.
    pub production: Vec<Production>,
    /// Trading rows.
    pub trading: Vec<TradingLine>,
    /// Refrigerant mass balances.
    pub refrigerants: Vec<RefrigerantBalance>,
    /// The allowance accounts' transactions.
    pub transactions: Vec<crate::trading::ledger::Transaction>,
    /// Financed exposures (the Portfolio sheet, workbook-v2 §9).
    pub portfolio: Vec<crate::finance::Exposure>,
    /// Financed green projects (the Projects sheet, workbook-v2 §9).
    pub projects: Vec<crate::finance::Project>,
    /// Send no line to the sink (the input is already known to have
    /// problems, so nothing will be written); rows are still computed and
    /// checked.
    pub hold_output: bool,
    /// EU CBAM goods, precursors and import lines, computed after the
    /// inventory (they use its Scope 1 and grid factors).
    pub cbam: crate::cbam::CbamInput,
}

impl Input {
    /// An input with no records.
    pub fn new(organisation: Organisation) -> Input {
        Input { organisation, ..Input::default() }
    }
}

/// What a run gave.
#[derive(Debug)]
pub struct Outcome {
    /// The results, when there was no error (its `ledger` is empty: the
    /// lines went to the sink).
    pub results: Option<Results>,
    /// How many problems the engine found (they went to the collector).
    pub errors: u64,
    /// Rows read from the source.
    pub rows: u64,
    /// Why the sink stopped taking lines, if it did.
    pub sink_error: Option<SinkError>,
}

/// Streams `source` through the engine into `sink`; every problem the
/// engine finds goes to `errors` as it is found (a `Vec`, or a collector
/// that groups a million alike errors into one); `progress` is called
/// with the number of rows read now and then (every 4,096 rows).
///
/// # Errors
///
/// The source's error when reading stopped; everything else (row problems,
/// a sink that failed) is in the [`Outcome`] and the collector.
pub fn run<S, K, E>(
    input: &Input,
    source: &mut S,
    sink: &mut K,
    errors: &mut E,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<Outcome, S::Error>
where
    S: ActivitySource + ?Sized,
    K: LedgerSink + Send + ?Sized,
    E: Extend<CalcError> + Send + ?Sized,
{
    let mut count = 0u64;
    let mut calc = match Calculator::new(&input.organisation, &input.facilities, &input.factors) {
        Ok(c) => Some(c),
        Err(e) => {
            count += e.0.len() as u64;
            errors.extend(e.0);
            None
        }
    };
    let mut rows = 0u64;
    let mut sink_error: Option<SinkError> = None;
    let mut failed = input.hold_output || calc.is_none();
    let facilities = &input.facilities;
    // One line computed (or its error): to the sink while all is well.
    let mut take = |activity: Option<&Activity>,
                    result: Result<Option<LedgerLine>, CalcError>,
                    calc: &Calculator<'_>| {
        match result {
            Ok(None) => {}
            Ok(Some(line)) => {
                let Some(activity) = activity else { return };
                if failed || sink_error.is_some() {
                    return;
                }
                let facility_id = facilities[line.facility].id.as_str();
                if let Err(e) = sink.line(activity, facility_id, &line, calc.library()) {
                    sink_error = Some(e);
                }
            }
            Err(e) => {
                failed = true;
                count += 1;
                errors.extend(std::iter::once(e));
            }
        }
    };
    source.for_each_activity(&mut |activity| {
        rows += 1;
        if rows.is_multiple_of(4096) {
            progress(rows);
        }
        if let Some(calc) = calc.as_mut() {
            let result = calc.add(activity);
            take(Some(activity), result, calc);
        }
    })?;
    if let Some(calc) = calc.as_mut() {
        for balance in &input.refrigerants {
            match calc.add_refrigerant(balance) {
                Ok(Some((activity, line))) => take(Some(&activity), Ok(Some(line)), calc),
                Ok(None) => {}
                Err(e) => take(None, Err(e), calc),
            }
        }
    }
    if let Some(calc) = calc.as_mut() {
        calc.add_transactions(&input.transactions);
    }
    // Finished even after row errors, so that production and trading
    // problems are reported in the same run.
    let results = match calc.map(|c| c.finish(Vec::new(), &input.production, &input.trading)) {
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => {
            count += e.0.len() as u64;
            errors.extend(e.0);
            None
        }
        _ => None,
    };
    // CBAM rows need the inventory's figures; their problems are reported
    // even when activity rows had some.
    let results = match results {
        Some(mut r) if !input.cbam.is_empty() => match crate::cbam::compute(&input.cbam, &r) {
            Ok((cbam, warnings)) => {
                r.warnings.extend(warnings);
                r.cbam = Some(cbam);
                Some(r)
            }
            Err(e) => {
                count += e.len() as u64;
                errors.extend(e);
                None
            }
        },
        r => r,
    }
    .filter(|_| count == 0);
    let results = finance(input, results, &mut count, errors);
    Ok(Outcome { results, errors: count, rows, sink_error })
}

/// Green finance (workbook-v2 §9), computed when the input has a portfolio
/// or projects: its problems join the run's, its warnings the results'.
fn finance<E: Extend<CalcError> + ?Sized>(
    input: &Input,
    results: Option<Results>,
    count: &mut u64,
    errors: &mut E,
) -> Option<Results> {
    if input.portfolio.is_empty() && input.projects.is_empty() {
        return results;
    }
    let warn = |n: crate::finance::Note| crate::calculation::Warning {
        message_zh: n.message_zh,
        sheet: n.sheet,
        row: n.row,
        field: n.field,
        message: n.message,
    };
    match crate::finance::compute(&input.portfolio, &input.projects) {
        Ok(f) => results.map(|mut r| {
            r.warnings.extend(f.notes.iter().cloned().map(warn));
            r.finance = Some(f);
            r
        }),
        Err(e) => {
            *count += e.errors.len() as u64;
            errors.extend(e.errors);
            None
        }
    }
}
