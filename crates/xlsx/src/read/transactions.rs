//! The Transactions sheet (workbook-v2 §7): the allowance account, one row
//! per allocation, purchase, sale, surrender, offset surrender, transfer or
//! carry-over.

use carbonbook_core::trading::Scheme;
use carbonbook_core::trading::ledger::{Transaction, TransactionKind};
use chrono::NaiveDate;

use super::cells;
use super::date;
use super::facilities::FacilityIds;
use super::report::Report;
use super::row::{Row, Sign};
use super::schema::trx;

/// Reads one Transactions row; `ids` as for Production.
pub(crate) fn read_row(
    row: &mut Row<'_, '_, '_>,
    report: &mut Report<'_>,
    ids: Option<&mut FacilityIds>,
) -> Option<Transaction> {
    let day = day(row, report);
    let scheme = row.parse::<Scheme>(report, trx::SCHEME);
    let facility_id = row.text(report, trx::FACILITY_ID);
    if let (Some(ids), Some(id)) = (ids, &facility_id) {
        ids.check(row, report, trx::FACILITY_ID, id);
    }
    let kind = row.parse::<TransactionKind>(report, trx::KIND);
    let quantity = row.decimal(report, trx::QUANTITY, Sign::Positive);
    let price = row.decimal(report, trx::PRICE, Sign::NonNegative);
    let vintage = row.year(report, trx::VINTAGE);
    let reference = row.text(report, trx::REFERENCE);
    let compliance_year = row.year(report, trx::COMPLIANCE_YEAR);
    if let Some(k) = kind
        && price.is_none()
        && matches!(k, TransactionKind::Buy | TransactionKind::Sell)
        && !row.has(trx::PRICE)
    {
        row.fail(report, trx::PRICE, format!("a {k} needs its price per t, found an empty cell"));
    }
    if let Some(k) = kind
        && compliance_year.is_some()
        && !matches!(k, TransactionKind::Surrender | TransactionKind::OffsetSurrender)
    {
        row.fail(report, trx::COMPLIANCE_YEAR, format!("compliance_year is for surrenders, not a {k}: clear it"));
    }
    if row.failed {
        return None;
    }
    let mut t = Transaction::new(day?, scheme?, facility_id?, kind?, quantity?);
    t.row = Some(row.number);
    t.price = price;
    t.vintage = vintage;
    t.compliance_year = compliance_year;
    t.reference = reference;
    Some(t)
}

/// The transaction's day: a date cell, or text `2025-03-01`, `2025/3/1`,
/// `2025年3月1日`. Day-first and two-digit years are refused as ambiguous.
fn day(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>) -> Option<NaiveDate> {
    let v = row.value(trx::DATE)?;
    let found = date::day(v);
    if found.is_none() {
        let msg = format!("date must be a day (a date cell, 2025-03-01 or 2025年3月1日), found {}", cells::describe(v));
        row.fail(report, trx::DATE, msg);
    }
    found
}
