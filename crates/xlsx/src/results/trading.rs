//! The Trading sheet: every field of every compliance position.

use carbonbook_core::Results;
use rust_xlsxwriter::{Format, Worksheet};

use crate::excel_number::to_f64_lossy;
use crate::write_error::WriteError;
use crate::{style, table};

/// The sheet's name.
pub(super) const SHEET: &str = "Trading";

/// Writes the sheet.
pub(super) fn write(sheet: &mut Worksheet, results: &Results, figure: &Format) -> Result<(), WriteError> {
    let currency = results.organisation.currency.code();
    let cost = format!("Shortfall cost ({currency})");
    table::header_row(
        sheet,
        &[
            ("Scheme", 10.0),
            ("Facility", 12.0),
            ("Year", 8.0),
            ("Allocated (t)", 14.0),
            ("Verified emissions (t)", 16.0),
            ("Verified emissions computed from the ledger", 18.0),
            ("Purchased (t)", 14.0),
            ("Sold (t)", 14.0),
            ("Offsets counted (t)", 14.0),
            ("Offsets beyond the limit (t)", 14.0),
            ("Position (t)", 14.0),
            (&cost, 16.0),
            ("EU-ETS penalty (at penalty_per_t, default EUR 100/t)", 20.0),
            ("Position (t), exact", 22.0),
        ],
        1,
    )?;
    sheet.set_row_height(0, 45)?;
    let year = style::number("0");
    for (r, p) in (1..).zip(&results.trading) {
        sheet.write_string(r, 0, p.scheme.code())?;
        sheet.write_string(r, 1, p.facility_id.as_str())?;
        sheet.write_number_with_format(r, 2, p.year, &year)?;
        sheet.write_number_with_format(r, 3, to_f64_lossy(p.allocated_t), figure)?;
        sheet.write_number_with_format(r, 4, to_f64_lossy(p.verified_t), figure)?;
        sheet.write_string(r, 5, if p.verified_computed { "yes" } else { "no" })?;
        let amounts = [p.purchased_t, p.sold_t, p.offsets_counted_t, p.offsets_excess_t, p.position_t];
        for (c, v) in (6..).zip(amounts.into_iter().chain([p.shortfall_cost, p.penalty])) {
            sheet.write_number_with_format(r, c, to_f64_lossy(v), figure)?;
        }
        sheet.write_string(r, 13, p.position_t.normalize().to_string())?;
    }
    let note_row = u32::try_from(results.trading.len()).unwrap_or(u32::MAX).saturating_add(2);
    let note = if results.trading.is_empty() {
        "No trading lines in the input workbook."
    } else {
        "Position = allocated + purchased − sold + offsets counted − verified; negative is a shortfall. \
         CN-ETS counts offsets up to 5 % of verified emissions; EU-ETS (phase 4) counts none."
    };
    sheet.write_string_with_format(note_row, 0, note, &style::note())?;
    Ok(())
}
