//! The Production sheet: products, quantities and output values.

use carbonbook_core::inventory::Production;

use super::facilities::FacilityIds;
use super::report::Report;
use super::row::{Row, Sign};
use super::schema::prod;

/// Reads one Production row; `ids` is `None` when the Facilities sheet
/// could not be read (references are then not checked).
pub(crate) fn read_row(
    row: &mut Row<'_, '_, '_>,
    report: &mut Report<'_>,
    ids: Option<&mut FacilityIds>,
) -> Option<Production> {
    let facility_id = row.text(report, prod::FACILITY_ID);
    if let (Some(ids), Some(id)) = (ids, &facility_id) {
        ids.check(row, report, prod::FACILITY_ID, id);
    }
    let product = row.text(report, prod::PRODUCT);
    let quantity = row.decimal(report, prod::QUANTITY, Sign::NonNegative);
    let unit = row.text(report, prod::UNIT);
    let output_value = row.decimal(report, prod::OUTPUT_VALUE, Sign::NonNegative);
    let period = row.period(report, prod::PERIOD);
    if row.failed {
        return None;
    }
    Some(Production {
        row: Some(row.number),
        facility_id: facility_id?,
        product: product?,
        quantity: quantity?,
        unit: unit?,
        output_value,
        period,
    })
}
