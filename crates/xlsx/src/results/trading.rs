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

/// The Allocation sheet's name: the steps of computed allocations.
pub(super) const ALLOCATION_SHEET: &str = "Allocation";

/// Whether any position has allocation steps to show.
pub(super) fn has_steps(results: &Results) -> bool {
    results.trading.iter().any(|p| !p.steps.is_empty())
}

/// Writes the Allocation sheet: one row per step of every computed
/// allocation, with its formula, inputs and figure (exact, as text, beside
/// the number), so that a verifier can retrace it.
pub(super) fn write_allocation(sheet: &mut Worksheet, results: &Results) -> Result<(), WriteError> {
    table::header_row(
        sheet,
        &[
            ("Scheme", 10.0),
            ("Facility", 12.0),
            ("Year", 8.0),
            ("Trading row", 10.0),
            ("Unit", 10.0),
            ("Step", 34.0),
            ("Formula", 44.0),
            ("Inputs", 44.0),
            ("Figure", 16.0),
            ("Figure, exact", 22.0),
            ("Rule applied", 60.0),
        ],
        1,
    )?;
    let year = style::number("0");
    let number = style::number("#,##0.######");
    let mut r = 1u32;
    for p in &results.trading {
        for s in &p.steps {
            sheet.write_string(r, 0, p.scheme.code())?;
            sheet.write_string(r, 1, p.facility_id.as_str())?;
            sheet.write_number_with_format(r, 2, p.year, &year)?;
            if let Some(row) = s.row {
                sheet.write_number_with_format(r, 3, row, &year)?;
            }
            if let Some(u) = &s.unit_id {
                sheet.write_string(r, 4, u.as_str())?;
            }
            sheet.write_string(r, 5, s.step.en())?;
            sheet.write_string(r, 6, s.formula)?;
            let inputs: Vec<String> = s.inputs.iter().map(|(k, v)| format!("{k} = {}", v.normalize())).collect();
            sheet.write_string(r, 7, inputs.join("; "))?;
            sheet.write_number_with_format(r, 8, to_f64_lossy(s.figure), &number)?;
            sheet.write_string(r, 9, s.figure.normalize().to_string())?;
            if let Some(n) = &s.note {
                sheet.write_string(r, 10, n.as_str())?;
            }
            r = r.saturating_add(1);
        }
    }
    Ok(())
}

/// The Account sheet's name: the allowance accounts of the Transactions sheet.
pub(super) const ACCOUNT_SHEET: &str = "Account";

/// Writes the Account sheet: every transaction with the holdings and
/// average cost after it, then each compliance year at its deadline.
pub(super) fn write_account(sheet: &mut Worksheet, results: &Results, figure: &Format) -> Result<(), WriteError> {
    let currency = results.organisation.currency.code();
    let avg = format!("Average cost ({currency}/t)");
    let realised = format!("Realised ({currency})");
    table::header_row(
        sheet,
        &[
            ("Scheme", 10.0),
            ("Facility", 12.0),
            ("Transactions row", 10.0),
            ("Date", 12.0),
            ("Kind", 16.0),
            ("Quantity (t)", 14.0),
            ("Vintages (t)", 24.0),
            ("Pays year", 10.0),
            (&realised, 14.0),
            ("Held after (t)", 14.0),
            (&avg, 14.0),
        ],
        1,
    )?;
    let year = style::number("0");
    let mut r = 1u32;
    for s in &results.allowance_accounts {
        for e in &s.entries {
            sheet.write_string(r, 0, s.scheme.code())?;
            sheet.write_string(r, 1, s.facility_id.as_str())?;
            if let Some(row) = e.row {
                sheet.write_number_with_format(r, 2, row, &year)?;
            }
            sheet.write_string(r, 3, e.date.to_string())?;
            sheet.write_string(r, 4, e.kind.code())?;
            sheet.write_number_with_format(r, 5, to_f64_lossy(e.quantity), figure)?;
            let v: Vec<String> = e.vintages.iter().map(|(y, q)| format!("{y}: {}", q.normalize())).collect();
            sheet.write_string(r, 6, v.join("; "))?;
            if let Some(y) = e.compliance_year {
                sheet.write_number_with_format(r, 7, y, &year)?;
            }
            if let Some(x) = e.realised {
                sheet.write_number_with_format(r, 8, to_f64_lossy(x), figure)?;
            }
            sheet.write_number_with_format(r, 9, to_f64_lossy(e.holdings_t), figure)?;
            sheet.write_number_with_format(r, 10, to_f64_lossy(e.average_cost), figure)?;
            r = r.saturating_add(1);
        }
    }
    r = r.saturating_add(1);
    let bold = style::header();
    for (c, h) in [
        "Scheme",
        "Facility",
        "Compliance year",
        "Deadline",
        "Due (t)",
        "Surrendered by the deadline (t)",
        "Offsets (t)",
        "Surrendered late (t)",
        "Outstanding at the deadline (t)",
        "Held at the deadline (t)",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(r, u16::try_from(c).unwrap_or(u16::MAX), *h, &bold)?;
    }
    r = r.saturating_add(1);
    for s in &results.allowance_accounts {
        for c in &s.deadlines {
            sheet.write_string(r, 0, s.scheme.code())?;
            sheet.write_string(r, 1, s.facility_id.as_str())?;
            sheet.write_number_with_format(r, 2, c.year, &year)?;
            sheet.write_string(r, 3, c.deadline.to_string())?;
            for (col, v) in (4..).zip([c.due_t, c.surrendered_t, c.offsets_t, c.late_t, c.outstanding_t, c.holdings_t])
            {
                sheet.write_number_with_format(r, col, to_f64_lossy(v), figure)?;
            }
            r = r.saturating_add(1);
        }
    }
    let note = "Free allocation enters the moving-average cost at zero cost; sales, surrenders and transfers out leave at the average cost of the moment. \
                Unrealised result = held × (price − average cost) at the Trading sheet's price.";
    sheet.write_string_with_format(r.saturating_add(1), 0, note, &style::note())?;
    Ok(())
}
