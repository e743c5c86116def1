//! The results workbook.
//!
//! [`ResultsWriter`] streams the ledger to a constant-memory sheet while
//! the engine computes it, one row per activity, so a million-line ledger
//! takes a few MiB of memory; [`ResultsWriter::finish`] then writes the
//! other sheets and the charts, and renames the finished file into place.
//!
//! | sheet | holds |
//! |---|---|
//! | Summary | organisation, methodology, GWP set, rounding rule; totals by scope (live formulas over the Ledger, cached with the engine's figures), energy, output value and intensities, base-year comparison, by gas, by source, energy by activity, trading positions; three charts |
//! | Ledger | one row per activity: inputs, intermediate steps, gases, t CO2e both ways, tce, the factors used and their values (sources on Factors used) |
//! | Facilities | per facility: totals (formulas), output value, intensities; per product: intensity per unit |
//! | Trading | every field of every compliance position |
//! | CBAM | (books with CBAM rows) every figure of every good, precursor and import line, the de minimis test and the sources |
//! | Factors used | every factor a line cites, with value, unit and provenance |
//! | Warnings | the run's messages and the engine's warnings |
//!
//! Number cells hold the doubles nearest to the engine's exact decimals
//! (lossy, see [`crate::excel_number`]) and are rounded for display only,
//! by number formats. The same input gives a byte-identical file: the
//! creation time is fixed and nothing depends on hash order.
//!
//! # Example
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::rounding::RoundingPolicy;
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use carbonbook_xlsx::results::{ResultsWriter, RunInfo};
//! use rust_decimal_macros::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Example", 2024));
//! inv.facilities.push(Facility::new("F1"));
//! inv.activities.push(Activity::new("F1", SourceCategory::StationaryCombustion, "diesel",
//!     Quantity::new(dec!(100), Unit::Tonne)));
//! let results = inv.calculate()?;
//!
//! let dir = tempfile::tempdir()?;
//! let target = dir.path().join("results.xlsx");
//! let mut writer = ResultsWriter::create(&target)?;
//! for (activity, line) in inv.activities.iter().zip(&results.ledger) {
//!     writer.add_line(activity, &results.facility_ids[line.facility], line, &results.library)?;
//! }
//! let info = RunInfo { source_name: "book.xlsx".into(), rounding: RoundingPolicy::default(),
//!     problems_and_warnings: Vec::new() };
//! writer.finish(&results, &info)?;
//! assert!(target.exists());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cbam;
mod charts;
mod facilities;
mod factors_used;
mod formula;
mod ledger;
mod summary;
mod trading;
mod warnings;

use std::path::Path;

use carbonbook_core::Results;
use carbonbook_core::factors::FactorLibrary;
use carbonbook_core::inventory::Activity;
use carbonbook_core::ledger::LedgerLine;
use carbonbook_core::rounding::RoundingPolicy;
use rust_xlsxwriter::{Workbook, Worksheet};

use crate::atomic_file::AtomicFile;
use crate::workbook_thread::WorkbookThread;
pub use crate::write_error::WriteError;
use crate::{doc_properties, style};
use ledger::Ledger;

/// Deflate level of the results book: 1 instead of rust_xlsxwriter's 6.
/// Measured on a 100,000-line ledger, deflating (in `finish`) at level 3
/// takes about a third of the writing time and at level 6 about 1.4 times
/// as long as level 3, for a file 13 % smaller; level 1 takes about 0.6
/// times as long as level 3 for a file a third larger. A results book is
/// read far less often than it is made, so speed wins.
const ZIP_LEVEL: u8 = 1;

/// Index of the Summary sheet: first in the tab order.
const SUMMARY: usize = 0;
/// Index of the Ledger sheet.
const LEDGER: usize = 1;

/// What the writer needs to know about the run besides the results.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// The input file name, shown on the Summary sheet.
    pub source_name: String,
    /// The rounding rule of the displayed figures, named on the Summary
    /// sheet; number cells keep the unrounded values.
    pub rounding: RoundingPolicy,
    /// Problems and warnings of the run (the reader's, located to their
    /// cells), listed first on the Warnings sheet. An engine warning that
    /// one of these already gives (it ends with the same message) is not
    /// repeated.
    pub problems_and_warnings: Vec<String>,
}

/// Streams the results workbook (see the module docs).
///
/// Dropping a writer without [`ResultsWriter::finish`] leaves nothing
/// behind.
pub struct ResultsWriter {
    file: AtomicFile,
    /// Ledger rows are written on the workbook's own thread while the
    /// caller reads and computes the next ones.
    workbook: WorkbookThread,
    ledger: Ledger,
}

impl std::fmt::Debug for ResultsWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResultsWriter")
            .field("target", &self.file.target())
            .field("lines", &self.ledger.lines())
            .finish_non_exhaustive()
    }
}

impl ResultsWriter {
    /// Starts a results book that will end up at `target` (written to a
    /// temporary file in target's directory first; the constant-memory
    /// sheet data also go to that directory, not to the system's
    /// temporary directory, which may be in memory).
    ///
    /// # Errors
    ///
    /// [`WriteError::Io`] or [`WriteError::Xlsx`] when the directory cannot
    /// take the files.
    pub fn create(target: &Path) -> Result<ResultsWriter, WriteError> {
        let file = AtomicFile::create(target)?;
        let mut workbook = Workbook::new();
        workbook.set_tempdir(file.dir())?;
        workbook.set_zip_compression_level(ZIP_LEVEL);
        // Summary first in the tab order; an in-memory sheet, filled in
        // `finish`. Sheets are independent, so it does not matter that the
        // Ledger's rows are written to disk in the meantime.
        workbook.add_worksheet().set_name(summary::SHEET)?;
        let ledger = Ledger::start(workbook.add_worksheet_with_low_memory()?)?;
        let workbook = WorkbookThread::spawn(workbook)?;
        Ok(ResultsWriter { file, workbook, ledger })
    }

    /// Appends one ledger line: called once per activity in order,
    /// possibly a million times, in constant memory.
    ///
    /// # Errors
    ///
    /// [`WriteError::TooManyRows`] beyond 1,048,575 lines (an Excel sheet's
    /// rows below its header); [`WriteError::Xlsx`] if the cells cannot be
    /// written.
    pub fn add_line(
        &mut self,
        activity: &Activity,
        facility_id: &str,
        line: &LedgerLine,
        library: &FactorLibrary,
    ) -> Result<(), WriteError> {
        let row = self.ledger.next_row(activity, facility_id, line, library)?;
        self.workbook.run(move |wb| row.write(wb.worksheet_from_index(LEDGER)?))
    }

    /// Writes every other sheet and the charts, saves, and renames into
    /// place. On error nothing is left at `target` and an existing file
    /// there is unchanged.
    ///
    /// # Errors
    ///
    /// [`WriteError::LedgerMismatch`] when the results count another number
    /// of lines than were added; [`WriteError::Xlsx`] or
    /// [`WriteError::Io`] when the book cannot be assembled or saved.
    pub fn finish(self, results: &Results, info: &RunInfo) -> Result<(), WriteError> {
        let ResultsWriter { file, workbook, ledger } = self;
        let written = u64::from(ledger.lines());
        if written != results.summary.lines {
            return Err(WriteError::LedgerMismatch { written, expected: results.summary.lines });
        }
        let mut workbook = workbook.finish()?;
        let figure = style::fixed(info.rounding.decimal_places);
        let wb = &mut workbook;
        ledger.finish(wb.worksheet_from_index(LEDGER)?)?;
        let layout = summary::write(wb.worksheet_from_index(SUMMARY)?, results, info, &ledger)?;
        let facility_rows = facilities::write(new_sheet(wb, facilities::SHEET)?, results, &ledger, &figure)?;
        trading::write(new_sheet(wb, trading::SHEET)?, results, &figure)?;
        if let Some(c) = &results.cbam {
            cbam::write(new_sheet(wb, cbam::SHEET)?, c, &figure)?;
        }
        factors_used::write(new_sheet(wb, factors_used::SHEET)?, ledger.factors_used(), &results.library)?;
        warnings::write(new_sheet(wb, warnings::SHEET)?, results, info)?;
        let data = charts::Data { scopes: layout.scopes, facilities: facility_rows, energy: layout.energy };
        charts::insert(wb.worksheet_from_index(SUMMARY)?, &data)?;

        let org = &results.organisation;
        wb.set_properties(&doc_properties::properties(
            &format!("Greenhouse gases and energy, {} {}", org.name, org.reporting_year),
            "carbonbook results workbook",
            &format!("Computed by carbonbook from {}", info.source_name),
        )?);
        file.write_and_commit(|out| Ok(wb.save_to_writer(out)?))
    }
}

/// Adds an in-memory sheet (the small sheets need no streaming).
fn new_sheet<'a>(workbook: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet, WriteError> {
    Ok(workbook.add_worksheet().set_name(name)?)
}

#[cfg(test)]
mod tests;

/// The results workbook is a pipeline sink: each line goes to its Ledger
/// sheet as it is computed.
impl carbonbook_core::pipeline::LedgerSink for ResultsWriter {
    fn line(
        &mut self,
        activity: &carbonbook_core::inventory::Activity,
        facility_id: &str,
        line: &carbonbook_core::ledger::LedgerLine,
        library: &carbonbook_core::factors::FactorLibrary,
    ) -> Result<(), carbonbook_core::pipeline::SinkError> {
        self.add_line(activity, facility_id, line, library)
            .map_err(|e| carbonbook_core::pipeline::SinkError(e.to_string()))
    }
}
