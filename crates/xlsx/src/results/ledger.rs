//! The Ledger sheet: one row per activity, streamed in constant memory.
//!
//! Each row repeats where its input came from, the intermediate steps,
//! the tonnes of each gas, t CO2e both ways, tce, how the market-based and
//! tce figures were obtained, and the factors used with their values (their
//! sources are on the Factors used sheet). Number cells hold the nearest
//! doubles; the exact decimals of every line are in the summary JSON
//! (`carbonbook calc --format json`), whose cost per line is a fraction of
//! a text cell's here. While rows stream out, the writer keeps only what the
//! other sheets need: the factors cited and tce per activity key.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::Arc;

use carbonbook_core::arithmetic;
use carbonbook_core::factors::{CitedFactors, FactorLibrary, FactorRef};
use carbonbook_core::gas::Gas;
use carbonbook_core::inventory::Activity;
use carbonbook_core::ledger::{LedgerLine, MarketBasis, MeasuredUse, TceBasis};
use carbonbook_core::units::Unit;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use crate::excel_number::to_f64_lossy;
use crate::write_error::WriteError;
use crate::{style, table};

/// The sheet's name.
pub(super) const SHEET: &str = "Ledger";

/// The most ledger lines a sheet holds below its header (Excel's
/// 1,048,576 rows less one).
pub(super) const MAX_LINES: u32 = 1_048_575;

/// The columns (header, width), in order; the constants below index them.
const COLUMNS: [(&str, f64); 22] = [
    ("Activities row", 10.0),
    ("Facility", 12.0),
    ("Period", 9.0),
    ("Source", 22.0),
    ("Scope", 9.0),
    ("Activity", 18.0),
    ("Quantity", 14.0),
    ("Unit", 9.0),
    ("Energy (GJ)", 14.0),
    ("Carbon oxidised (t C)", 14.0),
    ("CO2 (t)", 14.0),
    ("CH4 (t)", 12.0),
    ("CH4 (t CO2e)", 12.0),
    ("N2O (t)", 12.0),
    ("N2O (t CO2e)", 12.0),
    ("Other gases and CO2e factors (t CO2e)", 16.0),
    ("Other gases (t of each)", 18.0),
    ("Emissions, location-based (t CO2e)", 16.0),
    ("Emissions, market-based (t CO2e), Scope 2", 16.0),
    ("Energy (tce)", 14.0),
    ("Factors used: id = value unit (sources: Factors used sheet)", 60.0),
    ("How figures were obtained", 40.0),
];

/// Activities row the line came from.
pub(super) const ROW: ColNum = 0;
/// Facility id.
pub(super) const FACILITY: ColNum = 1;
/// Period.
pub(super) const PERIOD: ColNum = 2;
/// Source category key.
pub(super) const SOURCE: ColNum = 3;
/// `Scope 1` or `Scope 2`.
pub(super) const SCOPE: ColNum = 4;
/// Activity key.
pub(super) const ACTIVITY: ColNum = 5;
const QUANTITY: ColNum = 6;
const UNIT: ColNum = 7;
const ENERGY_GJ: ColNum = 8;
const CARBON: ColNum = 9;
/// CO2, t.
pub(super) const CO2: ColNum = 10;
/// CH4 (all kinds), t.
pub(super) const CH4: ColNum = 11;
/// CH4, t CO2e.
pub(super) const CH4_CO2E: ColNum = 12;
/// N2O, t.
pub(super) const N2O: ColNum = 13;
/// N2O, t CO2e.
pub(super) const N2O_CO2E: ColNum = 14;
const OTHER_CO2E: ColNum = 15;
const OTHER: ColNum = 16;
/// t CO2e, location-based.
pub(super) const T_CO2E: ColNum = 17;
/// t CO2e, market-based.
pub(super) const T_CO2E_MARKET: ColNum = 18;
/// tce.
pub(super) const TCE: ColNum = 19;
const FACTORS: ColNum = 20;
const NOTES: ColNum = 21;
const LAST: ColNum = NOTES;

/// The streaming state of the Ledger sheet: what the other sheets need
/// from its rows. The rows themselves are written by [`LedgerRow::write`],
/// possibly on another thread.
pub(super) struct Ledger {
    lines: u32,
    /// `id = value unit; …` of each list of factors, by list.
    citations: Vec<Option<Arc<str>>>,
    /// Facility ids by index, shared with the rows.
    facilities: Vec<Option<Arc<str>>>,
    factors_used: BTreeSet<FactorRef>,
    tce_by_activity: BTreeMap<String, Decimal>,
}

/// One row of the Ledger sheet, owned, ready to be written.
pub(super) struct LedgerRow {
    row: RowNum,
    facility: Arc<str>,
    activity: String,
    quantity: Decimal,
    unit: Unit,
    line: LedgerLine,
    factors: Option<Arc<str>>,
}

/// Amounts of a line by Ledger column.
#[derive(Default)]
struct Gases {
    co2: Option<Decimal>,
    ch4: Option<(Decimal, Decimal)>,
    n2o: Option<(Decimal, Decimal)>,
    other_co2e: Option<Decimal>,
    other: String,
}

impl Gases {
    fn of(line: &LedgerLine) -> Result<Gases, WriteError> {
        let mut g = Gases::default();
        let add = |slot: &mut Option<Decimal>, v: Decimal| -> Result<(), WriteError> {
            *slot = Some(arithmetic::add(slot.unwrap_or_default(), v)?);
            Ok(())
        };
        let add_pair = |slot: &mut Option<(Decimal, Decimal)>, t: Decimal, e: Decimal| -> Result<(), WriteError> {
            let (t0, e0) = slot.unwrap_or_default();
            *slot = Some((arithmetic::add(t0, t)?, arithmetic::add(e0, e)?));
            Ok(())
        };
        for amount in &line.gases {
            match amount.gas {
                Gas::Co2 => add(&mut g.co2, amount.t)?,
                Gas::N2o => add_pair(&mut g.n2o, amount.t, amount.t_co2e)?,
                gas if gas.species() == "CH4" => add_pair(&mut g.ch4, amount.t, amount.t_co2e)?,
                gas => {
                    add(&mut g.other_co2e, amount.t_co2e)?;
                    if !g.other.is_empty() {
                        g.other.push_str("; ");
                    }
                    let _ = write!(g.other, "{} {} t", gas.symbol(), amount.t.normalize());
                }
            }
        }
        Ok(g)
    }
}

impl Ledger {
    /// Writes the header row and sets up the sheet.
    pub(super) fn start(sheet: &mut Worksheet) -> Result<Ledger, WriteError> {
        sheet.set_name(SHEET)?;
        table::header_row(sheet, &COLUMNS, 0)?;
        sheet.set_row_height(0, 45)?;
        let figure = style::number("#,##0.0000");
        for col in [T_CO2E, T_CO2E_MARKET, TCE] {
            sheet.set_column_format(col, &figure)?;
        }
        Ok(Ledger {
            lines: 0,
            citations: Vec::new(),
            facilities: Vec::new(),
            factors_used: BTreeSet::new(),
            tce_by_activity: BTreeMap::new(),
        })
    }

    /// Takes the next line: counts it, notes its factors and tce, and
    /// gives the row to write.
    pub(super) fn next_row(
        &mut self,
        activity: &Activity,
        facility_id: &str,
        line: &LedgerLine,
        library: &FactorLibrary,
    ) -> Result<LedgerRow, WriteError> {
        if self.lines >= MAX_LINES {
            return Err(WriteError::TooManyRows { limit: MAX_LINES });
        }
        let row: RowNum = self.lines + 1;
        let facility = self.facility(line.facility, facility_id);
        let factors = self
            .citations(line.factors, library)
            .or_else(|| line.measured.any().then(|| Arc::from(carbonbook_core::ledger::MEASURED_ONLY)));
        match self.tce_by_activity.get_mut(activity.activity.as_str()) {
            Some(sum) => *sum = arithmetic::add(*sum, line.tce)?,
            None => {
                self.tce_by_activity.insert(activity.activity.clone(), line.tce);
            }
        }
        self.lines = row;
        Ok(LedgerRow {
            row,
            facility,
            activity: activity.activity.clone(),
            quantity: activity.quantity.value(),
            unit: activity.quantity.unit(),
            line: line.clone(),
            factors,
        })
    }

    /// The id of a facility, shared by its rows.
    fn facility(&mut self, index: usize, id: &str) -> Arc<str> {
        if self.facilities.len() <= index {
            self.facilities.resize(index + 1, None);
        }
        match &mut self.facilities[index] {
            Some(f) if &**f == id => f.clone(),
            slot => slot.insert(Arc::from(id)).clone(),
        }
    }

    /// The ids and values of a set of factors, joined by `; ` (built
    /// once per distinct set); `None` for a line without factors.
    fn citations(&mut self, list: CitedFactors, library: &FactorLibrary) -> Option<Arc<str>> {
        let at = list.index();
        if self.citations.len() <= at {
            self.citations.resize(at + 1, None);
        }
        let text = match &mut self.citations[at] {
            Some(c) => c.clone(),
            slot => {
                let factors = library.cited(list);
                self.factors_used.extend(factors.iter().copied());
                // Ids, values and units only: the full citation of each
                // factor is on the Factors used sheet, once, instead of
                // ~700 bytes on every row.
                let text = factors.iter().map(|r| library.factor(*r).value_line()).collect::<Vec<_>>().join("; ");
                slot.insert(Arc::from(text)).clone()
            }
        };
        (!text.is_empty()).then_some(text)
    }

    /// Adds the autofilter over the rows written.
    pub(super) fn finish(&self, sheet: &mut Worksheet) -> Result<(), WriteError> {
        sheet.autofilter(0, 0, self.lines.max(1), LAST)?;
        Ok(())
    }

    /// Lines written.
    pub(super) fn lines(&self) -> u32 {
        self.lines
    }

    /// The factors cited by at least one line, in library order.
    pub(super) fn factors_used(&self) -> &BTreeSet<FactorRef> {
        &self.factors_used
    }

    /// tce per activity key, in key order.
    pub(super) fn tce_by_activity(&self) -> &BTreeMap<String, Decimal> {
        &self.tce_by_activity
    }

    /// `Ledger!$R$2:$R$n` for a column, over every data row (at least
    /// row 2, so that an empty ledger still gives a valid range).
    pub(super) fn range(&self, col: ColNum) -> String {
        let letters = crate::cell::column_letters(u32::from(col));
        format!("{SHEET}!${letters}$2:${letters}${}", self.lines.max(1) + 1)
    }
}

impl LedgerRow {
    /// Writes the row's cells.
    pub(super) fn write(self, sheet: &mut Worksheet) -> Result<(), WriteError> {
        let LedgerRow { row: r, facility, activity, quantity, unit, line, factors } = self;
        let gases = Gases::of(&line)?;
        if let Some(row) = line.row {
            sheet.write_number(r, ROW, row)?;
        }
        sheet.write_string(r, FACILITY, &*facility)?;
        sheet.write_string(r, PERIOD, line.period.to_string())?;
        sheet.write_string(r, SOURCE, line.source.key())?;
        sheet.write_string(r, SCOPE, line.scope.to_string())?;
        sheet.write_string(r, ACTIVITY, activity)?;
        number(sheet, r, QUANTITY, Some(quantity))?;
        sheet.write_string(r, UNIT, unit.symbol())?;
        number(sheet, r, ENERGY_GJ, line.energy_gj)?;
        number(sheet, r, CARBON, line.carbon_oxidised_t)?;
        number(sheet, r, CO2, gases.co2)?;
        number(sheet, r, CH4, gases.ch4.map(|p| p.0))?;
        number(sheet, r, CH4_CO2E, gases.ch4.map(|p| p.1))?;
        number(sheet, r, N2O, gases.n2o.map(|p| p.0))?;
        number(sheet, r, N2O_CO2E, gases.n2o.map(|p| p.1))?;
        number(sheet, r, OTHER_CO2E, gases.other_co2e)?;
        if !gases.other.is_empty() {
            sheet.write_string(r, OTHER, gases.other)?;
        }
        // The figure format is the column's: a format given per cell costs
        // a hash of the whole format on every cell.
        number(sheet, r, T_CO2E, Some(line.t_co2e))?;
        // Market-based differs from location-based in Scope 2 only: Scope 1
        // rows leave it blank (the Summary sums their location column).
        if line.scope == carbonbook_core::scope::Scope::Scope2 {
            number(sheet, r, T_CO2E_MARKET, Some(line.t_co2e_market))?;
        }
        number(sheet, r, TCE, Some(line.tce))?;
        if let Some(factors) = factors {
            sheet.write_string(r, FACTORS, &*factors)?;
        }
        sheet.write_string(r, NOTES, notes(line.market_basis, line.tce_basis, line.measured))?;
        Ok(())
    }
}

/// A number cell, the nearest double (lossy), in the column's format;
/// nothing for `None`.
fn number(sheet: &mut Worksheet, row: RowNum, col: ColNum, value: Option<Decimal>) -> Result<(), WriteError> {
    if let Some(v) = value {
        sheet.write_number(row, col, to_f64_lossy(v))?;
    }
    Ok(())
}

fn market_basis(b: MarketBasis) -> &'static str {
    match b {
        MarketBasis::NotApplicable => "not_applicable",
        MarketBasis::Contractual => "contractual",
        MarketBasis::LocationFallback => "location_fallback",
        MarketBasis::Residual => "residual",
        MarketBasis::SameAsLocation => "same_as_location",
    }
}

fn tce_basis(b: TceBasis) -> &'static str {
    match b {
        TceBasis::MeasuredCalorificValue => "measured_calorific_value",
        TceBasis::ReferenceCoefficient => "reference_coefficient",
        TceBasis::DefaultCalorificValue => "default_calorific_value",
        TceBasis::NotCounted => "not_counted",
    }
}

/// How a line's figures were obtained, e.g. `tce: reference_coefficient;
/// market: contractual; measured: ncv, carbon_content`. The market-based
/// basis is named only for purchased electricity (elsewhere it equals the
/// location-based figure). The texts are made once (there are 128).
fn notes(market: MarketBasis, tce: TceBasis, measured: MeasuredUse) -> &'static str {
    const MARKET: [MarketBasis; 5] = [
        MarketBasis::NotApplicable,
        MarketBasis::Contractual,
        MarketBasis::LocationFallback,
        MarketBasis::SameAsLocation,
        MarketBasis::Residual,
    ];
    const TCE: [TceBasis; 4] = [
        TceBasis::MeasuredCalorificValue,
        TceBasis::ReferenceCoefficient,
        TceBasis::DefaultCalorificValue,
        TceBasis::NotCounted,
    ];
    static TEXTS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut texts = Vec::with_capacity(128);
        for m in MARKET {
            for t in TCE {
                for bits in 0..8u8 {
                    let mut text = format!("tce: {}", tce_basis(t));
                    if matches!(m, MarketBasis::Contractual | MarketBasis::LocationFallback | MarketBasis::Residual) {
                        let _ = write!(text, "; market: {}", market_basis(m));
                    }
                    let names = [(1, "ncv"), (2, "carbon_content"), (4, "oxidation_factor")];
                    let measured: Vec<&str> = names.iter().filter(|(b, _)| bits & b != 0).map(|(_, n)| *n).collect();
                    if !measured.is_empty() {
                        let _ = write!(text, "; measured: {}", measured.join(", "));
                    }
                    texts.push(text);
                }
            }
        }
        texts
    });
    let m = MARKET.iter().position(|x| *x == market).unwrap_or(0);
    let t = TCE.iter().position(|x| *x == tce).unwrap_or(0);
    let bits =
        usize::from(measured.ncv) | usize::from(measured.carbon_content) << 1 | usize::from(measured.oxidation) << 2;
    TEXTS.get(m * 32 + t * 8 + bits).map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_name_the_right_columns() {
        let header = |c: ColNum| COLUMNS[usize::from(c)].0;
        assert_eq!(header(FACILITY), "Facility");
        assert_eq!(header(SOURCE), "Source");
        assert_eq!(header(SCOPE), "Scope");
        assert_eq!(header(ACTIVITY), "Activity");
        assert_eq!(header(CO2), "CO2 (t)");
        assert_eq!(header(CH4_CO2E), "CH4 (t CO2e)");
        assert_eq!(header(N2O_CO2E), "N2O (t CO2e)");
        assert_eq!(header(T_CO2E), "Emissions, location-based (t CO2e)");
        assert_eq!(header(T_CO2E_MARKET), "Emissions, market-based (t CO2e), Scope 2");
        assert_eq!(header(TCE), "Energy (tce)");
        assert_eq!(usize::from(LAST), COLUMNS.len() - 1);
    }
}
