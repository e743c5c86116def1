//! The Factors sheet: custom emission factors.

use carbonbook_core::gas::Gas;
use carbonbook_core::inventory::CustomFactor;
use carbonbook_core::method::custom::EmissionUnit;

use super::report::Report;
use super::row::{Row, Sign};
use super::schema::fct;

/// Reads one Factors row.
pub(crate) fn read_row(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>) -> Option<CustomFactor> {
    let key = row.text(report, fct::FACTOR_KEY);
    let gas = row.parse::<Gas>(report, fct::GAS);
    let value = row.decimal(report, fct::VALUE, Sign::NonNegative);
    let unit = row.parse::<EmissionUnit>(report, fct::UNIT);
    let source = row.text(report, fct::SOURCE);
    let tce_per_unit = row.decimal(report, fct::TCE_PER_UNIT, Sign::NonNegative);
    if row.failed {
        return None;
    }
    Some(CustomFactor {
        row: Some(row.number),
        key: key?,
        gas: gas?,
        value: value?,
        unit: unit?,
        source: source?,
        tce_per_unit,
    })
}
