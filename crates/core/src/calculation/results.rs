//! What a calculation gives: results, warnings, rows left out, the
//! base-year inventory and the activity totals of reports.

use super::*;

/// The rows one message names, in sheet order: runs joined (`rows 2–5, 8`),
/// `?` for a line without a row, and after ten runs how many rows more,
/// so that 20,000 lines make a short message.
#[derive(Debug, Default)]
pub(crate) struct RowList(Vec<Option<u32>>);

impl RowList {
    /// Runs shown before the count of the rest.
    const SHOWN: usize = 10;

    pub(crate) fn add(&mut self, row: Option<u32>) {
        self.0.push(row);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first row named.
    pub(crate) fn first(&self) -> Option<u32> {
        self.0.iter().flatten().next().copied()
    }

    /// The runs (`Some((first, last))`, `None` for a line without a row).
    fn runs(&self) -> Vec<Option<(u32, u32)>> {
        let mut runs: Vec<Option<(u32, u32)>> = Vec::new();
        for &r in &self.0 {
            match (r, runs.last_mut()) {
                (Some(r), Some(Some((_, b)))) if b.checked_add(1) == Some(r) => *b = r,
                (r, _) => runs.push(r.map(|r| (r, r))),
            }
        }
        runs
    }

    /// The shown runs joined by `separator`, and how many rows are not shown.
    fn shown(&self, separator: &str) -> (String, u64) {
        let runs = self.runs();
        let text = runs
            .iter()
            .take(Self::SHOWN)
            .map(|r| match r {
                Some((a, b)) if a == b => a.to_string(),
                Some((a, b)) => format!("{a}–{b}"),
                None => "?".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(separator);
        let more = runs.iter().skip(Self::SHOWN).map(|r| r.map_or(1, |(a, b)| u64::from(b - a) + 1)).sum();
        (text, more)
    }

    /// `rows 2–4, 7`, or `rows 2–4, 7, … and 37 more`.
    pub(crate) fn en(&self) -> String {
        match self.shown(", ") {
            (list, 0) => format!("rows {list}"),
            (list, more) => format!("rows {list} and {more} more"),
        }
    }

    /// `第 2–4、7 行`, or `第 2–4、7 行及另外 37 行`.
    pub(crate) fn zh(&self) -> String {
        match self.shown("、") {
            (list, 0) => format!("第 {list} 行"),
            (list, more) => format!("第 {list} 行及另外 {more} 行"),
        }
    }
}

/// Something the user should know that did not stop the calculation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The input table it is about.
    pub sheet: InputSheet,
    /// The row, when it is about one.
    pub row: Option<u32>,
    /// The column (workbook field name) it is about, when it is about one
    /// cell: the xlsx crate places the warning on that cell.
    pub field: Option<crate::field::Field>,
    /// What happened, in English.
    pub message: String,
    /// The same in Chinese, where the engine has the words; reports in
    /// Chinese show it in place of `message`.
    pub message_zh: Option<String>,
}

#[cfg(test)]
mod row_list_tests {
    use super::RowList;

    #[test]
    fn runs_are_joined_and_the_rest_counted() {
        let mut r = RowList::default();
        for row in [Some(2), Some(3), Some(4), Some(7), None, Some(9), Some(10)] {
            r.add(row);
        }
        assert_eq!(r.en(), "rows 2–4, 7, ?, 9–10");
        assert_eq!(r.zh(), "第 2–4、7、?、9–10 行");
        assert_eq!(r.first(), Some(2));
        let mut many = RowList::default();
        for row in (2..40).step_by(2) {
            many.add(Some(row));
        }
        // 19 rows apart: ten shown, nine counted.
        assert_eq!(many.en(), "rows 2, 4, 6, 8, 10, 12, 14, 16, 18, 20 and 9 more");
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.row {
            Some(r) => write!(f, "{} row {r}: {}", self.sheet, self.message),
            None => write!(f, "{}: {}", self.sheet, self.message),
        }
    }
}

/// A row left out of the inventory, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excluded {
    /// The input table it is on.
    pub sheet: InputSheet,
    /// Its row.
    pub row: Option<u32>,
    /// The period the row gave.
    pub period: Period,
    /// Why it was left out.
    pub reason: ExclusionReason,
}

/// Why a row was left out of the inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExclusionReason {
    /// Its period lies outside the reporting year.
    OutsideReportingYear,
}

impl ExclusionReason {
    /// The reason in words.
    pub const fn describe(self) -> &'static str {
        match self {
            ExclusionReason::OutsideReportingYear => "outside the reporting year",
        }
    }
}

/// Everything a calculation produces.
#[derive(Debug, Clone)]
pub struct Results {
    /// The organisation and its choices.
    pub organisation: Organisation,
    /// The methodology id used.
    pub methodology: &'static str,
    /// Its title.
    pub methodology_title: &'static str,
    /// Facility ids, by index (ledger lines and summaries refer to indices).
    pub facility_ids: Vec<String>,
    /// The facilities (names, country, grid region, sector), by index.
    pub facilities: Vec<Facility>,
    /// The ledger lines the caller kept (all of them, from [`Inventory::calculate`]).
    ///
    /// [`Inventory::calculate`]: crate::inventory::Inventory::calculate
    pub ledger: Vec<LedgerLine>,
    /// The factor library used, to resolve the lines' factor handles.
    pub library: FactorLibrary,
    /// Totals and breakdowns.
    pub summary: Summary,
    /// Intensities.
    pub intensity: Intensity,
    /// Trading positions, in input order.
    pub trading: Vec<Position>,
    /// The allowance accounts (the Transactions sheet), one per scheme and
    /// facility, in the order each first appears.
    pub allowance_accounts: Vec<crate::trading::ledger::Statement>,
    /// Totals per facility, source category, activity key and unit: the
    /// activity-data tables of reports (quantities, factors, emissions).
    pub by_activity: Vec<ActivityTotal>,
    /// Warnings.
    pub warnings: Vec<Warning>,
    /// Rows left out of the inventory (their period lies outside the
    /// reporting year), Activities rows first, then Production rows.
    pub excluded: Vec<Excluded>,
    /// The base-year inventory, when the organisation's `base_year` has rows
    /// in the book (workbook-v2 §2).
    pub base_year: Option<BaseYearInventory>,
    /// EU CBAM figures, when the book has CBAM rows (workbook-v2 §8).
    pub cbam: Option<crate::cbam::Cbam>,
    /// Financed emissions and green-project reductions (workbook-v2 §9),
    /// when the book has a Portfolio or Projects sheet.
    pub finance: Option<crate::finance::Finance>,
}

/// The inventory of the base year, computed from the book's rows of that
/// year, and the change from it to the reporting year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseYearInventory {
    /// The base year.
    pub year: i32,
    /// Its totals.
    pub totals: crate::summary::Totals,
    /// Reporting year − base year, figure by figure.
    pub change: crate::summary::Totals,
    /// The change of the location-based total in percent of the base year's
    /// (`None` when the base year's total is 0).
    pub change_percent: Option<Decimal>,
}

impl BaseYearInventory {
    pub(super) fn new(
        year: i32,
        base: crate::summary::Totals,
        current: &crate::summary::Totals,
    ) -> Result<BaseYearInventory, arithmetic::ArithmeticError> {
        let d = |a: Decimal, b: Decimal| arithmetic::sub(a, b);
        let change = crate::summary::Totals {
            scope1_t_co2e: d(current.scope1_t_co2e, base.scope1_t_co2e)?,
            scope2_location_t_co2e: d(current.scope2_location_t_co2e, base.scope2_location_t_co2e)?,
            scope2_market_t_co2e: d(current.scope2_market_t_co2e, base.scope2_market_t_co2e)?,
            energy_tce: d(current.energy_tce, base.energy_tce)?,
            biogenic_co2_t: d(current.biogenic_co2_t, base.biogenic_co2_t)?,
            exported_t_co2e: d(current.exported_t_co2e, base.exported_t_co2e)?,
        };
        let base_total = base.total_location_t_co2e()?;
        let change_percent = if base_total.is_zero() {
            None
        } else {
            Some(arithmetic::div(arithmetic::mul(change.total_location_t_co2e()?, Decimal::ONE_HUNDRED)?, base_total)?)
        };
        Ok(BaseYearInventory { year, totals: base, change, change_percent })
    }
}

impl Results {
    /// The citation of every factor a line used (see
    /// [`FactorLibrary::citation`](crate::factors::FactorLibrary::citation)).
    pub fn factor_citations(&self, line: &LedgerLine) -> String {
        self.library.citation(line.factors)
    }
}

/// The lines of one facility, source category, activity key and unit added
/// up: the activity data and factor tables of compliance reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityTotal {
    /// Index of the facility.
    pub facility: usize,
    /// Source category.
    pub source: SourceCategory,
    /// Activity key.
    pub activity: String,
    /// Unit of the quantities.
    pub unit: Unit,
    /// Number of lines.
    pub lines: u64,
    /// Sum of quantities, in `unit`.
    pub quantity: Decimal,
    /// Sum of energy, GJ (lines without a known energy count 0).
    pub energy_gj: Decimal,
    /// Sum of t CO2e (location-based for Scope 2).
    pub t_co2e: Decimal,
    /// Sum of t CO2e, market-based.
    pub t_co2e_market: Decimal,
    /// Sum of tce.
    pub tce: Decimal,
    /// Tonnes per gas.
    pub gases: Vec<(crate::gas::Gas, Decimal)>,
    /// Every factor used by any of the lines.
    pub factors: Vec<crate::factors::FactorRef>,
    /// Lines that used measured parameters (NCV, carbon content or oxidation).
    pub measured_lines: u64,
}

impl ActivityTotal {
    pub(super) fn from_cell(slot: &Slot, cell: &Cell, library: &FactorLibrary) -> ActivityTotal {
        ActivityTotal {
            facility: slot.key.facility,
            source: slot.key.source,
            activity: slot.activity.clone(),
            unit: slot.key.unit,
            lines: cell.lines,
            quantity: cell.quantity,
            energy_gj: cell.energy_gj,
            // A kind of activity is in one scope (or exported): its emissions
            // are that figure, whichever it is.
            t_co2e: [cell.totals.scope2_location_t_co2e, cell.totals.exported_t_co2e]
                .into_iter()
                .try_fold(cell.totals.scope1_t_co2e, arithmetic::add)
                .unwrap_or_default(),
            t_co2e_market: [cell.totals.scope2_market_t_co2e, cell.totals.exported_t_co2e]
                .into_iter()
                .try_fold(cell.totals.scope1_t_co2e, arithmetic::add)
                .unwrap_or_default(),
            tce: cell.totals.energy_tce,
            gases: cell.gases.iter().map(|(g, t, _)| (*g, *t)).collect(),
            factors: slot.factors(library),
            measured_lines: cell.measured_lines,
        }
    }

    pub(super) fn same_group(&self, other: &ActivityTotal) -> bool {
        (self.facility, self.source, &self.activity, self.unit)
            == (other.facility, other.source, &other.activity, other.unit)
    }

    pub(super) fn merge(&mut self, other: &ActivityTotal) -> Result<(), arithmetic::ArithmeticError> {
        self.lines += other.lines;
        self.measured_lines += other.measured_lines;
        self.quantity = arithmetic::add(self.quantity, other.quantity)?;
        self.energy_gj = arithmetic::add(self.energy_gj, other.energy_gj)?;
        self.t_co2e = arithmetic::add(self.t_co2e, other.t_co2e)?;
        self.t_co2e_market = arithmetic::add(self.t_co2e_market, other.t_co2e_market)?;
        self.tce = arithmetic::add(self.tce, other.tce)?;
        for (gas, t) in &other.gases {
            match self.gases.iter_mut().find(|(g, _)| g == gas) {
                Some((_, x)) => *x = arithmetic::add(*x, *t)?,
                None => self.gases.push((*gas, *t)),
            }
        }
        for f in &other.factors {
            if !self.factors.contains(f) {
                self.factors.push(*f);
            }
        }
        Ok(())
    }
}
