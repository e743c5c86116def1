//! Writes `fixtures/power-plant.xlsx`: the carbon-market demo book, a power
//! company in the China national ETS with a year of allowance transactions.
//!
//! * P1, Example Power Co. (East China grid): unit #1, a 660 MW conventional
//!   coal unit (class I) supplying heat, at 58 % load; unit #2, a gas unit
//!   (class IV) whose allocation falls short of its emissions and is topped
//!   up (国环规气候〔2024〕1号 五(三)1).
//! * The Trading rows give `allocation_method = cn-power`: carbonbook
//!   computes the 2024 allocation by the plan, step by step.
//! * The Transactions sheet: the 2024 pre-allocation and its balance,
//!   purchases, a sale, CCER offsets and the surrender before the
//!   31 December 2025 deadline.
//!
//! Run `cargo run --example make_power_demo` to rebuild the file; the
//! output is byte-for-byte reproducible.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use carbonbook_core::error::InputSheet;
use carbonbook_core::field::Field;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "fixtures/power-plant.xlsx".to_owned());
    if let Err(e) = write_demo(Path::new(&out)) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!("wrote {out}");
}

mod demo_book;

use demo_book::{V, sheet};

fn write_demo(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("carbonbook demo: Example Power Co., 2024")
            .set_author("carbonbook")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 15)?),
    );
    sheet(
        &mut wb,
        InputSheet::Organisation,
        &[Field::Field, Field::Value],
        &[
            vec![V::S("name"), V::S("Example Power Co., Ltd. (示例发电有限公司)")],
            vec![V::S("reporting_year"), V::N(2024.0)],
            vec![V::S("methodology"), V::S("cn-gbt32150")],
            vec![V::S("gwp"), V::S("AR5")],
            vec![V::S("currency"), V::S("CNY")],
        ],
    )?;
    sheet(
        &mut wb,
        InputSheet::Facilities,
        &[Field::FacilityId, Field::Name, Field::Country, Field::GridRegion, Field::Sector],
        &[vec![V::S("P1"), V::S("Example power station (示例电厂)"), V::S("CN"), V::S("east"), V::S("power")]],
    )?;
    let mut rows = Vec::new();
    for month in 1..=12u32 {
        let p = || V::T(format!("2024-{month:02}"));
        let load: f64 = [1.08, 1.02, 0.95, 0.9, 0.94, 1.05, 1.12, 1.15, 1.0, 0.92, 0.9, 0.97][(month - 1) as usize];
        rows.push(vec![
            V::S("P1"),
            V::S("stationary_combustion"),
            V::S("bituminous_coal"),
            V::N((118_000.0 * load).round()),
            V::S("t"),
            p(),
        ]);
        rows.push(vec![
            V::S("P1"),
            V::S("stationary_combustion"),
            V::S("natural_gas"),
            V::N((1_290.0 * load).round()),
            V::S("万标准立方米"),
            p(),
        ]);
        rows.push(vec![V::S("P1"), V::S("purchased_electricity"), V::S("electricity"), V::N(420.0), V::S("MWh"), p()]);
    }
    sheet(
        &mut wb,
        InputSheet::Activities,
        &[Field::FacilityId, Field::Source, Field::Activity, Field::Quantity, Field::Unit, Field::Period],
        &rows,
    )?;
    sheet(
        &mut wb,
        InputSheet::Trading,
        &[
            Field::Scheme,
            Field::FacilityId,
            Field::Year,
            Field::AllocationMethod,
            Field::UnitClass,
            Field::UnitId,
            Field::GenerationMwh,
            Field::HeatSuppliedGj,
            Field::LoadFactor,
            Field::UnitVerifiedEmissions,
            Field::PreAllocated,
            Field::Price,
        ],
        &[
            vec![
                V::S("CN-ETS"),
                V::S("P1"),
                V::N(2024.0),
                V::S("cn-power"),
                V::S("I"),
                V::S("#1"),
                V::N(3_200_000.0),
                V::N(1_500_000.0),
                V::S("58%"),
                V::E,
                V::N(1_900_000.0),
                V::N(62.36),
            ],
            vec![
                V::S("CN-ETS"),
                V::S("P1"),
                V::N(2024.0),
                V::S("cn-power"),
                V::S("IV"),
                V::S("#2"),
                V::N(900_000.0),
                V::E,
                V::E,
                V::N(330_000.0),
                V::N(210_000.0),
            ],
        ],
    )?;
    let tx = |date: &'static str, kind: &'static str, q: f64, price: Option<f64>, vintage: f64, r: &'static str| {
        vec![
            V::S(date),
            V::S("CN-ETS"),
            V::S("P1"),
            V::S(kind),
            V::N(q),
            price.map_or(V::E, V::N),
            V::N(vintage),
            V::S(r),
        ]
    };
    sheet(
        &mut wb,
        InputSheet::Transactions,
        &[
            Field::Date,
            Field::Scheme,
            Field::FacilityId,
            Field::Kind,
            Field::Quantity,
            Field::Price,
            Field::Vintage,
            Field::Reference,
        ],
        &[
            tx("2024-01-02", "allocation", 40_000.0, None, 2023.0, "2023 allowances held"),
            tx("2024-11-20", "allocation", 2_110_000.0, None, 2024.0, "2024 pre-allocation (70 % of 2023 verified)"),
            tx("2025-03-12", "buy", 50_000.0, Some(88.5), 2024.0, "exchange purchase"),
            tx("2025-06-30", "sell", 20_000.0, Some(74.2), 2023.0, "exchange sale"),
            tx("2025-10-15", "allocation", 930_000.0, None, 2024.0, "2024 final allocation balance"),
            tx("2025-11-28", "offset_surrender", 60_000.0, None, 2024.0, "CCER, registered 2025"),
            tx("2025-12-10", "surrender", 2_950_000.0, None, 2024.0, "2024 compliance"),
        ],
    )?;
    wb.save(path)
}
