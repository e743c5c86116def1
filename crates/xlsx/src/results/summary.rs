//! The Summary sheet: who, how, and the totals.
//!
//! Every total is a live formula over the Ledger sheet (SUMIFS by scope,
//! source, activity) or over other cells of this sheet, cached with the
//! engine's figure. Beside each figure stand its unit, the exact decimal
//! and the figure rounded by the run's rounding rule; the number cell
//! itself keeps the unrounded value and only its format rounds it.

use carbonbook_core::Results;
use carbonbook_core::intensity::Comparison;
use carbonbook_core::rounding::RoundingPolicy;
use carbonbook_core::scope::Scope;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet};

use super::RunInfo;
use super::formula::{cached, equals, sumifs};
use super::ledger::{self, Ledger};
use crate::describe;
use crate::excel_number::to_f64_lossy;
use crate::write_error::WriteError;
use crate::{style, table};

/// The sheet's name.
pub(super) const SHEET: &str = "Summary";

/// Where the chart data of this sheet are.
pub(super) struct Layout {
    /// First and last row of the scope block (labels in column A, t CO2e
    /// in column B): Scope 1 and Scope 2 location-based.
    pub(super) scopes: (RowNum, RowNum),
    /// First and last row of the energy-by-activity block (keys in A, tce
    /// in B), when some activity used energy.
    pub(super) energy: Option<(RowNum, RowNum)>,
}

/// Column widths: label, value, unit, exact, rounded, and a sixth for
/// the trading table.
const WIDTHS: [f64; 6] = [44.0, 20.0, 24.0, 30.0, 18.0, 16.0];

struct Rows<'a> {
    sheet: &'a mut Worksheet,
    row: RowNum,
    rounding: RoundingPolicy,
    header: Format,
    note: Format,
    figure: Format,
    fine: Format,
    percent: Format,
    integer: Format,
}

impl Rows<'_> {
    fn skip(&mut self, n: RowNum) {
        self.row += n;
    }

    fn fact(&mut self, label: &str, text: &str) -> Result<(), WriteError> {
        self.sheet.write_string(self.row, 0, label)?;
        self.sheet.write_string(self.row, 1, text)?;
        self.row += 1;
        Ok(())
    }

    fn note(&mut self, text: &str) -> Result<(), WriteError> {
        self.sheet.write_string_with_format(self.row, 0, text, &self.note)?;
        self.row += 1;
        Ok(())
    }

    fn header(&mut self, cells: &[&str]) -> Result<(), WriteError> {
        for (c, text) in (0..).zip(cells) {
            self.sheet.write_string_with_format(self.row, c, *text, &self.header)?;
        }
        self.row += 1;
        Ok(())
    }

    /// A figure row: label, live formula cached with `value`, unit, exact
    /// decimal and the figure rounded by the run's rule. Returns its row.
    fn figure(&mut self, label: &str, formula: &str, value: Decimal, unit: &str) -> Result<RowNum, WriteError> {
        let r = self.row;
        self.sheet.write_string(r, 0, label)?;
        self.sheet.write_formula_with_format(r, 1, cached(formula, value), &self.figure)?;
        self.sheet.write_string(r, 2, unit)?;
        self.sheet.write_string(r, 3, value.normalize().to_string())?;
        self.sheet.write_string(r, 4, self.rounding.round(value).to_string())?;
        self.row += 1;
        Ok(r)
    }

    /// A figure the engine computed from inputs outside the ledger.
    fn value(&mut self, label: &str, value: Decimal, unit: &str) -> Result<RowNum, WriteError> {
        let r = self.row;
        self.sheet.write_string(r, 0, label)?;
        self.sheet.write_number_with_format(r, 1, to_f64_lossy(value), &self.figure)?;
        self.sheet.write_string(r, 2, unit)?;
        self.sheet.write_string(r, 3, value.normalize().to_string())?;
        self.sheet.write_string(r, 4, self.rounding.round(value).to_string())?;
        self.row += 1;
        Ok(r)
    }

    /// An intensity: `figure / (output value / 10 000)` as a formula, or a
    /// note why there is none.
    fn intensity(
        &mut self,
        label: &str,
        figure_row: RowNum,
        output_row: RowNum,
        value: Option<Decimal>,
        unit: &str,
    ) -> Result<RowNum, WriteError> {
        let r = self.row;
        self.sheet.write_string(r, 0, label)?;
        match value {
            Some(v) => {
                let f = format!("=B{}/(B{}/10000)", figure_row + 1, output_row + 1);
                self.sheet.write_formula_with_format(r, 1, cached(&f, v), &self.fine)?;
                self.sheet.write_string(r, 3, v.normalize().to_string())?;
                self.sheet.write_string(r, 4, self.rounding.round(v).to_string())?;
            }
            None => {
                self.sheet.write_string(r, 1, "not computed: no output value")?;
            }
        }
        self.sheet.write_string(r, 2, unit)?;
        self.row += 1;
        Ok(r)
    }

    fn comparison(&mut self, label: &str, current_row: RowNum, c: &Comparison) -> Result<(), WriteError> {
        let r = self.row;
        self.sheet.write_string(r, 0, label)?;
        self.sheet.write_number_with_format(r, 1, to_f64_lossy(c.base), &self.fine)?;
        self.sheet.write_formula_with_format(r, 2, cached(format!("=B{}", current_row + 1), c.current), &self.fine)?;
        let change = format!("=(C{0}-B{0})/B{0}*100", r + 1);
        self.sheet.write_formula_with_format(r, 3, cached(&change, c.change_percent), &self.percent)?;
        self.row += 1;
        Ok(())
    }
}

/// Writes the sheet.
pub(super) fn write(
    sheet: &mut Worksheet,
    results: &Results,
    info: &RunInfo,
    ledger: &Ledger,
) -> Result<Layout, WriteError> {
    table::print_layout(sheet, None);
    for (c, w) in (0..).zip(WIDTHS) {
        sheet.set_column_width(c, w)?;
    }
    let org = &results.organisation;
    let currency = org.currency.code();
    let totals = &results.summary.totals;
    let total_location = totals.total_location_t_co2e()?;
    let total_market = totals.total_market_t_co2e()?;
    let scope = ledger.range(ledger::SCOPE);
    let t_location = ledger.range(ledger::T_CO2E);
    let t_market = ledger.range(ledger::T_CO2E_MARKET);
    let dp = info.rounding.decimal_places;

    sheet.write_string_with_format(
        0,
        0,
        format!("Greenhouse gases and energy, {}", org.reporting_year),
        &style::title(),
    )?;
    let mut rows = Rows {
        sheet,
        row: 2,
        rounding: info.rounding,
        header: style::header(),
        note: style::note(),
        figure: style::fixed(dp),
        fine: style::fixed(dp.max(4)),
        percent: style::number("+0.00\"%\";-0.00\"%\";0.00\"%\""),
        integer: style::number("0"),
    };

    rows.fact("Organisation", &org.name)?;
    rows.sheet.write_string(rows.row, 0, "Reporting year")?;
    rows.sheet.write_number_with_format(rows.row, 1, org.reporting_year, &rows.integer)?;
    rows.skip(1);
    rows.fact("Methodology", &format!("{} ({})", results.methodology_title, results.methodology))?;
    rows.fact("GWP set", &format!("{}: {}", org.gwp.code(), describe::gwp_set(org.gwp)))?;
    rows.fact("Currency", currency)?;
    rows.fact("Input workbook", &info.source_name)?;
    rows.fact("Rounding", &format!("{}, for display only", info.rounding))?;
    rows.sheet.write_string(rows.row, 0, "Ledger lines")?;
    let count = format!("=COUNTA({})", ledger.range(ledger::FACILITY));
    rows.sheet.write_formula_with_format(
        rows.row,
        1,
        cached(&count, Decimal::from(results.summary.lines)),
        &rows.integer,
    )?;
    rows.skip(1);
    rows.note(
        "Totals are formulas over the Ledger sheet. Number cells hold unrounded values (as doubles) and show \
         them rounded; \"Exact\" is the engine's decimal, \"Rounded\" that decimal rounded by the rule above.",
    )?;
    rows.skip(1);

    let rounded = format!("Rounded ({dp} dp)");
    rows.header(&["Emissions", "Value", "Unit", "Exact", &rounded])?;
    let s1 = rows.figure(
        "Scope 1",
        &sumifs(&t_location, &[(&scope, &equals(&Scope::Scope1.to_string()))]),
        totals.scope1_t_co2e,
        "t CO2e",
    )?;
    let s2 = rows.figure(
        "Scope 2 (location-based)",
        &sumifs(&t_location, &[(&scope, &equals(&Scope::Scope2.to_string()))]),
        totals.scope2_location_t_co2e,
        "t CO2e",
    )?;
    let s2m = rows.figure(
        "Scope 2 (market-based)",
        &sumifs(&t_market, &[(&scope, &equals(&Scope::Scope2.to_string()))]),
        totals.scope2_market_t_co2e,
        "t CO2e",
    )?;
    // Energy supplied to others: deducted from the totals (GB/T 32150-2015).
    let exported = if totals.exported_t_co2e.is_zero() {
        None
    } else {
        Some(rows.figure(
            "Exported electricity and heat (deducted)",
            &sumifs(&t_location, &[(&scope, &equals(&Scope::Exported.to_string()))]),
            totals.exported_t_co2e,
            "t CO2e",
        )?)
    };
    let less_exported = exported.map_or(String::new(), |e| format!("-B{}", e + 1));
    let (total_label, total_m_label) = if exported.is_some() {
        ("Total, Scope 1 + 2 − exported (location-based)", "Total, Scope 1 + 2 − exported (market-based)")
    } else {
        ("Total, Scope 1 + 2 (location-based)", "Total, Scope 1 + 2 (market-based)")
    };
    let total =
        rows.figure(total_label, &format!("=B{}+B{}{less_exported}", s1 + 1, s2 + 1), total_location, "t CO2e")?;
    let total_m =
        rows.figure(total_m_label, &format!("=B{}+B{}{less_exported}", s1 + 1, s2m + 1), total_market, "t CO2e")?;
    if !totals.biogenic_co2_t.is_zero() {
        rows.value("Memo: biogenic CO2 (outside the scopes)", totals.biogenic_co2_t, "t CO2")?;
    }
    rows.skip(1);

    rows.header(&["Energy and intensity", "Value", "Unit", "Exact", &rounded])?;
    let energy =
        rows.figure("Energy consumption", &format!("=SUM({})", ledger.range(ledger::TCE)), totals.energy_tce, "tce")?;
    rows.fact("Electricity converted to standard coal at", &describe::electricity_basis(&org.electricity_basis))?;
    let intensity = &results.intensity;
    let output = rows.value("Output value", intensity.output_value, currency)?;
    let per_10k = |what: &str| format!("{what} per 10,000 {currency}");
    let tce_i =
        rows.intensity("Energy intensity", energy, output, intensity.tce_per_10k_output_value, &per_10k("tce"))?;
    let co2_i = rows.intensity(
        "Carbon intensity (location-based)",
        total,
        output,
        intensity.t_co2e_per_10k_output_value,
        &per_10k("t CO2e"),
    )?;
    rows.intensity(
        "Carbon intensity (market-based)",
        total_m,
        output,
        intensity.t_co2e_market_per_10k_output_value,
        &per_10k("t CO2e"),
    )?;
    rows.skip(1);

    if intensity.tce_vs_base_year.is_some() || intensity.t_co2e_vs_base_year.is_some() {
        let year = org.base_year.map(|b| b.year.to_string()).unwrap_or_default();
        rows.header(&[&format!("Against base year {year}"), "Base year", "This year", "Change (%)"])?;
        if let Some(c) = &intensity.tce_vs_base_year {
            rows.comparison(&format!("Energy intensity ({})", per_10k("tce")), tce_i, c)?;
        }
        if let Some(c) = &intensity.t_co2e_vs_base_year {
            rows.comparison(&format!("Carbon intensity ({})", per_10k("t CO2e")), co2_i, c)?;
        }
        rows.skip(1);
    }

    if let Some(b) = &results.base_year {
        // The base-year inventory, from the book's rows of that year.
        rows.header(&[&format!("Base-year inventory {}", b.year), "Base year", "This year", "Change"])?;
        let now = &results.summary.totals;
        let lines = [
            ("Scope 1 (t CO2e)", b.totals.scope1_t_co2e, now.scope1_t_co2e),
            ("Scope 2, location-based (t CO2e)", b.totals.scope2_location_t_co2e, now.scope2_location_t_co2e),
            ("Scope 2, market-based (t CO2e)", b.totals.scope2_market_t_co2e, now.scope2_market_t_co2e),
            ("Total, location-based (t CO2e)", b.totals.total_location_t_co2e()?, total_location),
            ("Energy (tce)", b.totals.energy_tce, now.energy_tce),
        ];
        for (label, base, current) in lines {
            let r = rows.row;
            rows.sheet.write_string(r, 0, label)?;
            rows.sheet.write_number_with_format(r, 1, to_f64_lossy(base), &rows.figure)?;
            rows.sheet.write_number_with_format(r, 2, to_f64_lossy(current), &rows.figure)?;
            rows.sheet.write_number_with_format(
                r,
                3,
                to_f64_lossy(carbonbook_core::arithmetic::sub(current, base)?),
                &rows.figure,
            )?;
            rows.skip(1);
        }
        rows.skip(1);
    }

    write_by_gas(&mut rows, results, ledger)?;
    write_by_source(&mut rows, results, ledger)?;
    let energy_rows = write_energy_by_activity(&mut rows, ledger)?;
    write_trading(&mut rows, results)?;
    Ok(Layout { scopes: (s1, s2), energy: energy_rows })
}

fn write_by_gas(rows: &mut Rows<'_>, results: &Results, ledger: &Ledger) -> Result<(), WriteError> {
    let by_gas = &results.summary.by_gas;
    if by_gas.is_empty() {
        return Ok(());
    }
    rows.header(&["By gas", "t", "t CO2e", "Computed as"])?;
    for g in by_gas {
        let columns = match g.gas {
            "CO2" => Some((ledger::CO2, ledger::CO2)),
            "CH4" => Some((ledger::CH4, ledger::CH4_CO2E)),
            "N2O" => Some((ledger::N2O, ledger::N2O_CO2E)),
            _ => None,
        };
        let r = rows.row;
        rows.sheet.write_string(r, 0, g.gas)?;
        match columns {
            Some((t, e)) => {
                let sum = |c: ColNum| format!("=SUM({})", ledger.range(c));
                rows.sheet.write_formula_with_format(r, 1, cached(sum(t), g.t), &rows.fine)?;
                rows.sheet.write_formula_with_format(r, 2, cached(sum(e), g.t_co2e), &rows.figure)?;
                rows.sheet.write_string(r, 3, "sum over the Ledger")?;
            }
            None => {
                rows.sheet.write_number_with_format(r, 1, to_f64_lossy(g.t), &rows.fine)?;
                rows.sheet.write_number_with_format(r, 2, to_f64_lossy(g.t_co2e), &rows.figure)?;
                rows.sheet.write_string(r, 3, "engine figure (Ledger: \"Other gases\")")?;
            }
        }
        rows.skip(1);
    }
    rows.note("By gas, Scope 2 counts location-based.")?;
    rows.skip(1);
    Ok(())
}

fn write_by_source(rows: &mut Rows<'_>, results: &Results, ledger: &Ledger) -> Result<(), WriteError> {
    let by_source = &results.summary.by_source;
    if by_source.is_empty() {
        return Ok(());
    }
    rows.header(&["By source", "t CO2e (location-based)", "t CO2e (market-based)", "tce", "Scope"])?;
    let source = ledger.range(ledger::SOURCE);
    for (category, totals) in by_source {
        let r = rows.row;
        let criterion = equals(category.key());
        let sum = |c: ColNum| sumifs(&ledger.range(c), &[(&source, &criterion)]);
        let (location, market) = match category.scope() {
            Scope::Scope1 => (totals.scope1_t_co2e, totals.scope1_t_co2e),
            Scope::Scope2 => (totals.scope2_location_t_co2e, totals.scope2_market_t_co2e),
            Scope::Exported => (totals.exported_t_co2e, totals.exported_t_co2e),
        };
        rows.sheet.write_string(r, 0, category.key())?;
        rows.sheet.write_formula_with_format(r, 1, cached(sum(ledger::T_CO2E), location), &rows.figure)?;
        // The Ledger gives market-based figures for Scope 2 rows only.
        let market_col = if category.scope() == Scope::Scope2 { ledger::T_CO2E_MARKET } else { ledger::T_CO2E };
        rows.sheet.write_formula_with_format(r, 2, cached(sum(market_col), market), &rows.figure)?;
        rows.sheet.write_formula_with_format(r, 3, cached(sum(ledger::TCE), totals.energy_tce), &rows.figure)?;
        rows.sheet.write_string(r, 4, category.scope().to_string())?;
        rows.skip(1);
    }
    rows.skip(1);
    Ok(())
}

fn write_energy_by_activity(rows: &mut Rows<'_>, ledger: &Ledger) -> Result<Option<(RowNum, RowNum)>, WriteError> {
    let used: Vec<_> = ledger.tce_by_activity().iter().filter(|(_, tce)| !tce.is_zero()).collect();
    if used.is_empty() {
        return Ok(None);
    }
    rows.header(&["Energy by activity", "tce"])?;
    let first = rows.row;
    let activity = ledger.range(ledger::ACTIVITY);
    let tce = ledger.range(ledger::TCE);
    for (key, value) in &used {
        let r = rows.row;
        rows.sheet.write_string(r, 0, key.as_str())?;
        let f = sumifs(&tce, &[(&activity, &equals(key))]);
        rows.sheet.write_formula_with_format(r, 1, cached(&f, **value), &rows.figure)?;
        rows.skip(1);
    }
    let last = rows.row - 1;
    rows.skip(1);
    Ok(Some((first, last)))
}

fn write_trading(rows: &mut Rows<'_>, results: &Results) -> Result<(), WriteError> {
    if results.trading.is_empty() {
        return Ok(());
    }
    let currency = results.organisation.currency.code();
    let cost = format!("Shortfall cost ({currency})");
    rows.header(&["Trading positions", "Facility", "Year", "Position (t)", &cost, "EU-ETS penalty"])?;
    for p in &results.trading {
        let r = rows.row;
        rows.sheet.write_string(r, 0, p.scheme.code())?;
        rows.sheet.write_string(r, 1, p.facility_id.as_str())?;
        rows.sheet.write_number_with_format(r, 2, p.year, &rows.integer)?;
        rows.sheet.write_number_with_format(r, 3, to_f64_lossy(p.position_t), &rows.figure)?;
        rows.sheet.write_number_with_format(r, 4, to_f64_lossy(p.shortfall_cost), &rows.figure)?;
        rows.sheet.write_number_with_format(r, 5, to_f64_lossy(p.penalty), &rows.figure)?;
        rows.skip(1);
    }
    rows.note("Negative position = shortfall. Every field is on the Trading sheet.")?;
    Ok(())
}
