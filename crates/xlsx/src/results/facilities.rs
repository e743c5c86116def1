//! The Facilities sheet: totals, output value and intensities per
//! facility, then every product with its per-unit intensity.
//!
//! Facility totals are SUMIFS formulas over the Ledger sheet by facility
//! and scope, cached with the engine's figures; output values and
//! per-product figures are the engine's (they come from the Production
//! sheet, not the ledger).

use carbonbook_core::Results;
use carbonbook_core::scope::Scope;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet};

use super::formula::{cached, equals, sumifs};
use super::ledger::{self, Ledger};
use crate::excel_number::to_f64_lossy;
use crate::write_error::WriteError;
use crate::{style, table};

/// The sheet's name.
pub(super) const SHEET: &str = "Facilities";

/// Column of the facility ids.
pub(super) const ID: ColNum = 0;
/// Column of Scope 1, t CO2e.
pub(super) const SCOPE1: ColNum = 1;
/// Column of Scope 2 location-based, t CO2e.
pub(super) const SCOPE2: ColNum = 2;

/// Writes the sheet; returns the first and last row of the facility
/// table, when there is a facility.
pub(super) fn write(
    sheet: &mut Worksheet,
    results: &Results,
    ledger: &Ledger,
    figure: &Format,
) -> Result<Option<(RowNum, RowNum)>, WriteError> {
    let currency = results.organisation.currency.code();
    let header = style::header();
    let fine = style::number("#,##0.0000####");
    let output_value = format!("Output value ({currency})");
    let tce_10k = format!("tce per 10,000 {currency}");
    let co2_10k = format!("t CO2e per 10,000 {currency} (location-based)");
    let headers: [(&str, f64); 10] = [
        ("Facility", 14.0),
        ("Scope 1 (t CO2e)", 16.0),
        ("Scope 2, location-based (t CO2e)", 18.0),
        ("Scope 2, market-based (t CO2e)", 18.0),
        ("Total, location-based (t CO2e)", 18.0),
        ("Total, market-based (t CO2e)", 18.0),
        ("Energy (tce)", 16.0),
        (&output_value, 18.0),
        (&tce_10k, 16.0),
        (&co2_10k, 20.0),
    ];
    table::header_row(sheet, &headers, 1)?;
    sheet.set_row_height(0, 45)?;

    let facility = ledger.range(ledger::FACILITY);
    let scope = ledger.range(ledger::SCOPE);
    let (scope1, scope2) = (equals(&Scope::Scope1.to_string()), equals(&Scope::Scope2.to_string()));
    let mut r: RowNum = 1;
    for (i, id) in results.facility_ids.iter().enumerate() {
        let totals = results.summary.facility(i);
        let is = equals(id);
        let by_scope = |col: ColNum, s: &str| sumifs(&ledger.range(col), &[(&facility, &is), (&scope, s)]);
        let row = r + 1;
        sheet.write_string(r, ID, id.as_str())?;
        let cells: [(ColNum, String, Decimal); 6] = [
            (SCOPE1, by_scope(ledger::T_CO2E, &scope1), totals.scope1_t_co2e),
            (SCOPE2, by_scope(ledger::T_CO2E, &scope2), totals.scope2_location_t_co2e),
            (3, by_scope(ledger::T_CO2E_MARKET, &scope2), totals.scope2_market_t_co2e),
            (4, format!("=B{row}+C{row}"), totals.total_location_t_co2e()?),
            (5, format!("=B{row}+D{row}"), totals.total_market_t_co2e()?),
            (6, sumifs(&ledger.range(ledger::TCE), &[(&facility, &is)]), totals.energy_tce),
        ];
        for (c, f, v) in cells {
            sheet.write_formula_with_format(r, c, cached(f, v), figure)?;
        }
        if let Some(fi) = results.intensity.facilities.iter().find(|f| f.facility == i) {
            sheet.write_number_with_format(r, 7, to_f64_lossy(fi.output_value), figure)?;
            for (c, value, of) in [(8, fi.tce_per_10k_output_value, 'G'), (9, fi.t_co2e_per_10k_output_value, 'E')] {
                if let Some(v) = value {
                    sheet.write_formula_with_format(r, c, cached(format!("={of}{row}/(H{row}/10000)"), v), &fine)?;
                }
            }
        }
        r += 1;
    }
    let table = (r > 1).then(|| (1, r - 1));

    let products: Vec<_> =
        results.intensity.facilities.iter().flat_map(|f| f.products.iter().map(move |p| (f, p))).collect();
    if !products.is_empty() {
        r += 2;
        sheet.write_string_with_format(r, 0, "Products", &style::section())?;
        r += 1;
        let per_unit = |what: &str| format!("{what} per unit of product");
        let product_headers = [
            "Facility",
            "Product",
            "Quantity",
            "Unit",
            &output_value,
            "Share of the facility",
            &per_unit("t CO2e"),
            &per_unit("tce"),
        ];
        for (c, text) in (0..).zip(product_headers) {
            sheet.write_string_with_format(r, c, text, &header)?;
        }
        r += 1;
        let share = style::number("0.00%");
        for (f, p) in products {
            sheet.write_string(r, 0, f.facility_id.as_str())?;
            sheet.write_string(r, 1, p.product.as_str())?;
            sheet.write_number_with_format(r, 2, to_f64_lossy(p.quantity), figure)?;
            sheet.write_string(r, 3, p.unit.as_str())?;
            let numbers = [(4, p.output_value, figure), (5, p.share, &share), (6, p.t_co2e_per_unit, &fine)];
            for (c, v, format) in numbers.into_iter().chain([(7, p.tce_per_unit, &fine)]) {
                if let Some(v) = v {
                    sheet.write_number_with_format(r, c, to_f64_lossy(v), format)?;
                }
            }
            r += 1;
        }
        sheet.write_string_with_format(
            r,
            0,
            "Per unit: the facility's total (location-based) emissions and its energy divided by the product \
             quantity; a facility with several products shares them by output value. Blank: not computed \
             (see Warnings).",
            &style::note(),
        )?;
    }
    Ok(table)
}
