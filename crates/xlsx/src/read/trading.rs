//! The Trading sheet: one compliance line per scheme, facility and year.
//!
//! Free allocation is given either as `allocated`, or as `benchmark` ×
//! `benchmark_output` × `correction_factor` (default 1): exactly one of
//! the two forms.

use carbonbook_core::trading::{Allocation, Scheme, TradingLine};
use rust_decimal::Decimal;

use super::facilities::FacilityIds;
use super::report::Report;
use super::row::{Row, Sign};
use super::schema::trd;

/// Reads one Trading row; `ids` as for Production.
pub(crate) fn read_row(
    row: &mut Row<'_, '_, '_>,
    report: &mut Report<'_>,
    ids: Option<&mut FacilityIds>,
) -> Option<TradingLine> {
    let scheme = row.parse::<Scheme>(report, trd::SCHEME);
    let facility_id = row.text(report, trd::FACILITY_ID);
    if let (Some(ids), Some(id)) = (ids, &facility_id) {
        ids.check(row, report, trd::FACILITY_ID, id);
    }
    let year = row.year(report, trd::YEAR);
    let allocation = allocation(row, report);
    let verified = row.decimal(report, trd::VERIFIED_EMISSIONS, Sign::NonNegative);
    let purchased = row.decimal(report, trd::PURCHASED, Sign::NonNegative);
    let sold = row.decimal(report, trd::SOLD, Sign::NonNegative);
    let offsets = row.decimal(report, trd::OFFSETS, Sign::NonNegative);
    let price = row.decimal(report, trd::PRICE, Sign::NonNegative);
    let penalty_per_t = row.decimal(report, trd::PENALTY_PER_T, Sign::NonNegative);
    if row.failed {
        return None;
    }
    let mut line = TradingLine::new(scheme?, facility_id?, year?, allocation?);
    line.row = Some(row.number);
    line.verified = verified;
    line.purchased = purchased.unwrap_or(Decimal::ZERO);
    line.sold = sold.unwrap_or(Decimal::ZERO);
    line.offsets = offsets.unwrap_or(Decimal::ZERO);
    line.price = price;
    line.penalty_per_t = penalty_per_t;
    Some(line)
}

fn allocation(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>) -> Option<Allocation> {
    let given = row.has(trd::ALLOCATED);
    let bench = [trd::BENCHMARK, trd::BENCHMARK_OUTPUT, trd::CORRECTION_FACTOR].into_iter().any(|f| row.has(f));
    const FORMS: &str = "allocated, or benchmark and benchmark_output (× correction_factor, default 1)";
    match (given, bench) {
        (true, true) => {
            row.fail(report, trd::ALLOCATED, format!("give either {FORMS}, not both"));
            None
        }
        (false, false) => {
            row.fail(report, trd::ALLOCATED, format!("free allocation is required: {FORMS}, found empty cells"));
            None
        }
        (true, false) => row.decimal(report, trd::ALLOCATED, Sign::NonNegative).map(Allocation::Given),
        (false, true) => {
            for (f, name) in [(trd::BENCHMARK, "benchmark"), (trd::BENCHMARK_OUTPUT, "benchmark_output")] {
                if !row.has(f) {
                    row.fail(report, f, format!("{name} is required with a benchmark allocation, found an empty cell"));
                }
            }
            let benchmark = row.decimal(report, trd::BENCHMARK, Sign::NonNegative);
            let output = row.decimal(report, trd::BENCHMARK_OUTPUT, Sign::NonNegative);
            let correction = row.decimal(report, trd::CORRECTION_FACTOR, Sign::Positive);
            Some(Allocation::Benchmark {
                benchmark: benchmark?,
                output: output?,
                correction: correction.unwrap_or(Decimal::ONE),
            })
        }
    }
}
