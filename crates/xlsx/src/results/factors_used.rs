//! The "Factors used" sheet: every factor at least one ledger line cites,
//! with its value, unit and full provenance.

use std::collections::BTreeSet;

use carbonbook_core::factors::{FactorLibrary, FactorRef};
use rust_xlsxwriter::Worksheet;

use crate::excel_number::to_f64_lossy;
use crate::write_error::WriteError;
use crate::{style, table};

/// The sheet's name.
pub(super) const SHEET: &str = "Factors used";

/// Writes the sheet, factors in id order.
pub(super) fn write(
    sheet: &mut Worksheet,
    used: &BTreeSet<FactorRef>,
    library: &FactorLibrary,
) -> Result<(), WriteError> {
    table::header_row(
        sheet,
        &[
            ("Id", 36.0),
            ("Activity", 18.0),
            ("Name", 24.0),
            ("Parameter", 22.0),
            ("Value", 12.0),
            ("Value, exact", 14.0),
            ("Unit", 14.0),
            ("Document", 50.0),
            ("Edition", 22.0),
            ("Table", 30.0),
            ("Published", 10.0),
            ("Confirmation", 12.0),
            ("Applies to data years", 14.0),
            ("Region", 10.0),
        ],
        1,
    )?;
    let mut factors: Vec<_> = used.iter().map(|r| library.factor(*r)).collect();
    factors.sort_by(|a, b| a.id.cmp(&b.id));
    let wrap = style::wrap();
    let year = style::number("0");
    let value = style::number("General");
    for (r, f) in (1..).zip(factors) {
        sheet.write_string(r, 0, f.id.as_str())?;
        sheet.write_string(r, 1, f.activity.as_str())?;
        sheet.write_string(r, 2, f.name.as_str())?;
        sheet.write_string(r, 3, f.parameter.to_string())?;
        sheet.write_number_with_format(r, 4, to_f64_lossy(f.value), &value)?;
        sheet.write_string(r, 5, f.value.to_string())?;
        sheet.write_string(r, 6, f.unit_text.as_str())?;
        sheet.write_string_with_format(r, 7, f.source.document.as_str(), &wrap)?;
        sheet.write_string_with_format(r, 8, f.source.edition.as_str(), &wrap)?;
        sheet.write_string_with_format(r, 9, f.source.table.as_str(), &wrap)?;
        if let Some(p) = f.source.published {
            sheet.write_number_with_format(r, 10, p, &year)?;
        }
        sheet.write_string(r, 11, f.source.confirmation.grade())?;
        sheet.write_string(r, 12, f.validity.to_string())?;
        if let Some(region) = &f.region {
            sheet.write_string(r, 13, region.as_str())?;
        }
    }
    Ok(())
}
