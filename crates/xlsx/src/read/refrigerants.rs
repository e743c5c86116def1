//! The Refrigerants sheet (workbook-v2 §5): one mass balance per facility,
//! gas and year, in kg. Blank masses are 0.

use carbonbook_core::inventory::RefrigerantBalance;
use rust_decimal::Decimal;

use super::facilities::FacilityIds;
use super::report::Report;
use super::row::{Row, Sign};
use super::schema::rfg;

/// Reads one Refrigerants row; `ids` as for Production.
pub(crate) fn read_row(
    row: &mut Row<'_, '_, '_>,
    report: &mut Report<'_>,
    ids: Option<&mut FacilityIds>,
) -> Option<RefrigerantBalance> {
    let facility_id = row.text(report, rfg::FACILITY_ID);
    if let (Some(ids), Some(id)) = (ids, &facility_id) {
        ids.check(row, report, rfg::FACILITY_ID, id);
    }
    let gas = row.text(report, rfg::GAS);
    let year = row.year(report, rfg::YEAR);
    let mut kg = |f: usize| row.decimal(report, f, Sign::NonNegative).unwrap_or(Decimal::ZERO);
    let masses = [
        kg(rfg::INVENTORY_START),
        kg(rfg::INVENTORY_END),
        kg(rfg::PURCHASED),
        kg(rfg::SOLD),
        kg(rfg::NEW_CHARGE),
        kg(rfg::RETIRED_CHARGE),
    ];
    if row.failed {
        return None;
    }
    let mut b = RefrigerantBalance::new(facility_id?, gas?, year?);
    b.row = Some(row.number);
    [
        b.inventory_start_kg,
        b.inventory_end_kg,
        b.purchased_kg,
        b.sold_kg,
        b.new_equipment_charge_kg,
        b.retired_equipment_charge_kg,
    ] = masses;
    Some(b)
}
