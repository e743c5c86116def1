//! The Ledger sheet: one row per activity, streamed in constant memory.
//!
//! Each row repeats where its input came from, the intermediate steps,
//! the tonnes of each gas, t CO2e both ways, tce, how the market-based and
//! tce figures were obtained, the factors used with their sources, and the
//! exact decimals of t CO2e and tce as text (the number cells hold the
//! nearest doubles). While rows stream out, the writer keeps only what the
//! other sheets need: the factors cited and tce per activity key.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use carbonbook_core::arithmetic;
use carbonbook_core::factors::{CitedFactors, FactorLibrary, FactorRef};
use carbonbook_core::gas::Gas;
use carbonbook_core::inventory::Activity;
use carbonbook_core::ledger::{LedgerLine, MarketBasis, MeasuredUse, TceBasis};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet};

use crate::excel_number::to_f64_lossy;
use crate::write_error::WriteError;
use crate::{style, table};

/// The sheet's name.
pub(super) const SHEET: &str = "Ledger";

/// The most ledger lines a sheet holds below its header (Excel's
/// 1,048,576 rows less one).
pub(super) const MAX_LINES: u32 = 1_048_575;

/// The columns (header, width), in order; the constants below index them.
const COLUMNS: [(&str, f64); 28] = [
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
    ("Emissions, market-based (t CO2e)", 16.0),
    ("Market-based figure from", 18.0),
    ("Energy (tce)", 14.0),
    ("tce from", 22.0),
    ("t CO2e location-based, exact", 24.0),
    ("t CO2e market-based, exact", 24.0),
    ("tce, exact", 24.0),
    ("Factors used", 40.0),
    ("Factor values (sources: Factors used sheet)", 44.0),
    ("Measured parameters", 18.0),
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
const MARKET_BASIS: ColNum = 19;
/// tce.
pub(super) const TCE: ColNum = 20;
const TCE_BASIS: ColNum = 21;
const T_CO2E_EXACT: ColNum = 22;
const MARKET_EXACT: ColNum = 23;
const TCE_EXACT: ColNum = 24;
const FACTOR_IDS: ColNum = 25;
const CITATIONS: ColNum = 26;
const MEASURED: ColNum = 27;
const LAST: ColNum = MEASURED;

/// The streaming state of the Ledger sheet.
pub(super) struct Ledger {
    lines: u32,
    /// Factor ids and citations, per set of factors a line used.
    /// Factor ids and values of each list of factors, by list.
    citations: Vec<Option<(String, String)>>,
    factors_used: BTreeSet<FactorRef>,
    tce_by_activity: BTreeMap<String, Decimal>,
    /// Scratch text for periods and exact figures.
    text: String,
    /// Format of the t CO2e and tce columns. The other number columns
    /// keep Excel's General format: a format costs a lookup per cell.
    figure: Format,
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
        Ok(Ledger {
            lines: 0,
            citations: Vec::new(),
            factors_used: BTreeSet::new(),
            tce_by_activity: BTreeMap::new(),
            text: String::new(),
            figure: style::number("#,##0.0000"),
        })
    }

    /// Appends the row of one line.
    pub(super) fn add(
        &mut self,
        sheet: &mut Worksheet,
        activity: &Activity,
        facility_id: &str,
        line: &LedgerLine,
        library: &FactorLibrary,
    ) -> Result<(), WriteError> {
        if self.lines >= MAX_LINES {
            return Err(WriteError::TooManyRows { limit: MAX_LINES });
        }
        let r: RowNum = self.lines + 1;
        let gases = Gases::of(line)?;

        if let Some(row) = line.row {
            sheet.write_number(r, ROW, row)?;
        }
        sheet.write_string(r, FACILITY, facility_id)?;
        self.text.clear();
        let _ = write!(self.text, "{}", line.period);
        sheet.write_string(r, PERIOD, self.text.as_str())?;
        sheet.write_string(r, SOURCE, line.source.key())?;
        sheet.write_string(r, SCOPE, line.scope.to_string())?;
        sheet.write_string(r, ACTIVITY, activity.activity.as_str())?;
        number(sheet, r, QUANTITY, Some(activity.quantity.value()), None)?;
        sheet.write_string(r, UNIT, activity.quantity.unit().symbol())?;
        number(sheet, r, ENERGY_GJ, line.energy_gj, None)?;
        number(sheet, r, CARBON, line.carbon_oxidised_t, None)?;
        number(sheet, r, CO2, gases.co2, None)?;
        number(sheet, r, CH4, gases.ch4.map(|p| p.0), None)?;
        number(sheet, r, CH4_CO2E, gases.ch4.map(|p| p.1), None)?;
        number(sheet, r, N2O, gases.n2o.map(|p| p.0), None)?;
        number(sheet, r, N2O_CO2E, gases.n2o.map(|p| p.1), None)?;
        number(sheet, r, OTHER_CO2E, gases.other_co2e, None)?;
        if !gases.other.is_empty() {
            sheet.write_string(r, OTHER, gases.other)?;
        }
        number(sheet, r, T_CO2E, Some(line.t_co2e), Some(&self.figure))?;
        number(sheet, r, T_CO2E_MARKET, Some(line.t_co2e_market), Some(&self.figure))?;
        sheet.write_string(r, MARKET_BASIS, market_basis(line.market_basis))?;
        number(sheet, r, TCE, Some(line.tce), Some(&self.figure))?;
        sheet.write_string(r, TCE_BASIS, tce_basis(line.tce_basis))?;
        for (col, value) in [(T_CO2E_EXACT, line.t_co2e), (MARKET_EXACT, line.t_co2e_market), (TCE_EXACT, line.tce)] {
            self.text.clear();
            let _ = write!(self.text, "{}", value.normalize());
            sheet.write_string(r, col, self.text.as_str())?;
        }
        let (ids, citations) = self.citations(line.factors, library);
        if !ids.is_empty() {
            sheet.write_string(r, FACTOR_IDS, ids)?;
            sheet.write_string(r, CITATIONS, citations)?;
        }
        let measured = measured(line.measured);
        if !measured.is_empty() {
            sheet.write_string(r, MEASURED, measured)?;
        }

        match self.tce_by_activity.get_mut(activity.activity.as_str()) {
            Some(sum) => *sum = arithmetic::add(*sum, line.tce)?,
            None => {
                self.tce_by_activity.insert(activity.activity.clone(), line.tce);
            }
        }
        self.lines = r;
        Ok(())
    }

    /// The ids and values of a set of factors, joined by `; ` (built
    /// once per distinct set).
    fn citations(&mut self, list: CitedFactors, library: &FactorLibrary) -> (&str, &str) {
        let at = list.index();
        if self.citations.len() <= at {
            self.citations.resize(at + 1, None);
        }
        let (ids, citations) = match &mut self.citations[at] {
            Some(c) => c,
            slot => {
                let factors = library.cited(list);
                self.factors_used.extend(factors.iter().copied());
                let ids = factors.iter().map(|r| library.factor(*r).id.as_str()).collect::<Vec<_>>().join("; ");
                // Values and units only: the full citation of each factor is on
                // the Factors used sheet, once, instead of ~700 bytes on every row.
                let citations = factors
                    .iter()
                    .map(|r| {
                        let f = library.factor(*r);
                        format!("{} {}", f.value, f.unit_text)
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                slot.insert((ids, citations))
            }
        };
        (ids, citations)
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

/// Writes a number when there is one (the nearest double: lossy).
fn number(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<Decimal>,
    format: Option<&Format>,
) -> Result<(), WriteError> {
    match (value, format) {
        (Some(v), Some(f)) => sheet.write_number_with_format(row, col, to_f64_lossy(v), f)?,
        (Some(v), None) => sheet.write_number(row, col, to_f64_lossy(v))?,
        (None, _) => return Ok(()),
    };
    Ok(())
}

fn market_basis(b: MarketBasis) -> &'static str {
    match b {
        MarketBasis::NotApplicable => "not_applicable",
        MarketBasis::Contractual => "contractual",
        MarketBasis::LocationFallback => "location_fallback",
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

fn measured(m: MeasuredUse) -> &'static str {
    match (m.ncv, m.carbon_content, m.oxidation) {
        (false, false, false) => "",
        (true, false, false) => "ncv",
        (false, true, false) => "carbon_content",
        (false, false, true) => "oxidation_factor",
        (true, true, false) => "ncv; carbon_content",
        (true, false, true) => "ncv; oxidation_factor",
        (false, true, true) => "carbon_content; oxidation_factor",
        (true, true, true) => "ncv; carbon_content; oxidation_factor",
    }
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
        assert_eq!(header(T_CO2E_MARKET), "Emissions, market-based (t CO2e)");
        assert_eq!(header(TCE), "Energy (tce)");
        assert_eq!(header(TCE_EXACT), "tce, exact");
        assert_eq!(usize::from(LAST), COLUMNS.len() - 1);
    }
}
