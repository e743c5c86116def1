//! The Trading sheet: one compliance line per row; rows of one scheme,
//! facility and year are one account (workbook-v2 §6).
//!
//! Free allocation is given by `allocation_method` (`given`, `benchmark`,
//! `cn-power`, `cn-industry`). Without it, the row's cells say which of
//! the version-1 forms it is: `allocated`, or `benchmark` ×
//! `benchmark_output` × `correction_factor` (default 1); exactly one.
//! A column that the row's method does not use is an error, never ignored.

use carbonbook_core::trading::cn_industry::IndustryLine;
use carbonbook_core::trading::cn_power::{PowerUnit, UnitClass};
use carbonbook_core::trading::{Allocation, AllocationMethod, Scheme, TradingLine};
use rust_decimal::Decimal;

use super::facilities::FacilityIds;
use super::report::Report;
use super::row::{Row, Sign};
use super::schema::trd;

/// The columns only `cn-power` uses.
const POWER: [usize; 6] =
    [trd::UNIT_CLASS, trd::GENERATION_MWH, trd::SUPPLY_MWH, trd::HEAT_SUPPLIED_GJ, trd::LOAD_FACTOR, trd::UNIT_ID];
/// The columns only `cn-industry` uses.
const INDUSTRY: [usize; 4] = [trd::BALANCE_VALUE, trd::PRODUCT_OUTPUT, trd::PROCESS_EMISSIONS, trd::SPECIAL_CASE];

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
    let pre_allocated = row.decimal(report, trd::PRE_ALLOCATED, Sign::NonNegative);
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
    line.pre_allocated = pre_allocated;
    Some(line)
}

fn allocation(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>) -> Option<Allocation> {
    let given = row.has(trd::ALLOCATED);
    let bench = [trd::BENCHMARK, trd::BENCHMARK_OUTPUT].into_iter().any(|f| row.has(f));
    let method = if row.has(trd::ALLOCATION_METHOD) {
        row.parse::<AllocationMethod>(report, trd::ALLOCATION_METHOD)?
    } else {
        const FORMS: &str = "allocated, or benchmark and benchmark_output (× correction_factor, default 1), or allocation_method = cn-power / cn-industry";
        match (given, bench || row.has(trd::CORRECTION_FACTOR)) {
            (true, true) => {
                row.fail(report, trd::ALLOCATED, format!("give either {FORMS}, not both"));
                return None;
            }
            (false, false) => {
                row.fail(report, trd::ALLOCATED, format!("free allocation is required: {FORMS}, found empty cells"));
                return None;
            }
            (true, false) => AllocationMethod::Given,
            (false, true) => AllocationMethod::Benchmark,
        }
    };
    // Columns another method uses are refused, never ignored.
    let method_name = match method {
        AllocationMethod::Given => "given",
        AllocationMethod::Benchmark => "benchmark",
        AllocationMethod::CnPower => "cn-power",
        AllocationMethod::CnIndustry => "cn-industry",
    };
    let foreign: Vec<(usize, &str)> = [
        (trd::ALLOCATED, AllocationMethod::Given),
        (trd::BENCHMARK, AllocationMethod::Benchmark),
        (trd::BENCHMARK_OUTPUT, AllocationMethod::Benchmark),
    ]
    .into_iter()
    .filter(|&(_, m)| m != method)
    .map(|(f, _)| (f, "another allocation method"))
    .chain(POWER.into_iter().filter(|_| method != AllocationMethod::CnPower).map(|f| (f, "cn-power")))
    .chain(INDUSTRY.into_iter().filter(|_| method != AllocationMethod::CnIndustry).map(|f| (f, "cn-industry")))
    .chain(
        [trd::CORRECTION_FACTOR]
            .into_iter()
            .filter(|_| !matches!(method, AllocationMethod::Benchmark | AllocationMethod::CnPower))
            .map(|f| (f, "benchmark or cn-power")),
    )
    .chain(
        [trd::UNIT_VERIFIED_EMISSIONS]
            .into_iter()
            .filter(|_| !matches!(method, AllocationMethod::CnPower | AllocationMethod::CnIndustry))
            .map(|f| (f, "cn-power or cn-industry")),
    )
    .filter(|&(f, _)| row.has(f))
    .collect();
    for (f, owner) in foreign {
        let msg = format!(
            "{} is not used by allocation_method = {method_name} (it belongs to {owner}): clear it or change the method",
            row.field(f)
        );
        row.fail(report, f, msg);
    }
    match method {
        AllocationMethod::Given => {
            if !given {
                row.fail(report, trd::ALLOCATED, "allocation_method = given needs allocated, found an empty cell");
                return None;
            }
            row.decimal(report, trd::ALLOCATED, Sign::NonNegative).map(Allocation::Given)
        }
        AllocationMethod::Benchmark => {
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
        AllocationMethod::CnPower => {
            if !row.has(trd::UNIT_CLASS) {
                row.fail(
                    report,
                    trd::UNIT_CLASS,
                    "cn-power needs the unit's class: I, II, III or IV, found an empty cell",
                );
            }
            let class = row.parse::<UnitClass>(report, trd::UNIT_CLASS);
            let unit = PowerUnit {
                unit_id: row.text(report, trd::UNIT_ID),
                class,
                generation_mwh: row.decimal(report, trd::GENERATION_MWH, Sign::NonNegative),
                supply_mwh: row.decimal(report, trd::SUPPLY_MWH, Sign::NonNegative),
                heat_gj: row.decimal(report, trd::HEAT_SUPPLIED_GJ, Sign::NonNegative),
                load_factor: row.fraction(report, trd::LOAD_FACTOR),
                correction: row.decimal(report, trd::CORRECTION_FACTOR, Sign::Positive),
                verified_t: row.decimal(report, trd::UNIT_VERIFIED_EMISSIONS, Sign::NonNegative),
            };
            class?;
            Some(Allocation::CnPower(unit))
        }
        AllocationMethod::CnIndustry => Some(Allocation::CnIndustry(IndustryLine {
            balance_value: row.decimal(report, trd::BALANCE_VALUE, Sign::Positive),
            product_output: row.decimal(report, trd::PRODUCT_OUTPUT, Sign::Positive),
            process_emissions_t: row.decimal(report, trd::PROCESS_EMISSIONS, Sign::NonNegative),
            special_case: row.text(report, trd::SPECIAL_CASE),
            verified_t: row.decimal(report, trd::UNIT_VERIFIED_EMISSIONS, Sign::NonNegative),
        })),
    }
}
