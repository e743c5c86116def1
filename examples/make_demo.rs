//! Writes `fixtures/demo.xlsx`: the shipped demo book, a cement maker with
//! three sites and a year of monthly data.
//!
//! * K1, Wuhu kiln works (East China grid): clinker kilns on bituminous coal
//!   and natural gas, diesel trucks, purchased electricity (part of it under
//!   a green-power contract) and purchased steam; clinker process emissions
//!   from a site-measured factor.
//! * K2, Tangshan kiln works (North China grid): kilns on bituminous coal
//!   with monthly laboratory calorific values and carbon contents.
//! * G1, Nanjing grinding station (East China grid): electricity, diesel
//!   loaders.
//!
//! Both kiln works are in the China national ETS (cement joined in 2024).
//! Run `cargo run --example make_demo` to rebuild the file; the output is
//! byte-for-byte reproducible.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use carbonbook_core::error::InputSheet;
use carbonbook_core::field::Field;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "fixtures/demo.xlsx".to_owned());
    if let Err(e) = write_demo(Path::new(&out)) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!("wrote {out}");
}

mod demo_book;

use demo_book::{V, sheet};

/// A deterministic month-to-month variation: ±8 % around 1.
fn season(month: u32, site: u32) -> f64 {
    let x = ((month * 37 + site * 11) % 17) as f64 / 100.0;
    0.92 + x
}

fn round(x: f64, dp: i32) -> f64 {
    let m = 10f64.powi(dp);
    (x * m).round() / m
}

fn write_demo(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("carbonbook demo: Example Cement Group, 2024")
            .set_author("carbonbook")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 15)?),
    );

    sheet(
        &mut wb,
        InputSheet::Organisation,
        &[Field::Field, Field::Value],
        &[
            vec![V::S("name"), V::S("Example Cement Group Co., Ltd. (示例水泥集团)")],
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
        &[
            vec![V::S("K1"), V::S("Wuhu kiln works (芜湖熟料基地)"), V::S("CN"), V::S("east"), V::S("cement")],
            vec![V::S("K2"), V::S("Tangshan kiln works (唐山熟料基地)"), V::S("CN"), V::S("north"), V::S("cement")],
            vec![V::S("G1"), V::S("Nanjing grinding station (南京粉磨站)"), V::S("CN"), V::S("east"), V::S("cement")],
        ],
    )?;

    let header = [
        Field::FacilityId,
        Field::Source,
        Field::Activity,
        Field::Quantity,
        Field::Unit,
        Field::Period,
        Field::Ncv,
        Field::NcvUnit,
        Field::CarbonContent,
        Field::OxidationFactor,
        Field::ContractualFactor,
    ];
    let mut rows = Vec::new();
    for month in 1..=12u32 {
        let p = || V::T(format!("2024-{month:02}"));
        let s1 = season(month, 1);
        let s2 = season(month, 2);
        let s3 = season(month, 3);
        // K1: coal, gas, diesel, electricity (green contract from July), steam, clinker process.
        rows.push(vec![
            V::S("K1"),
            V::S("stationary_combustion"),
            V::S("bituminous_coal"),
            V::N(round(14200.0 * s1, 2)),
            V::S("t"),
            p(),
        ]);
        rows.push(vec![
            V::S("K1"),
            V::S("stationary_combustion"),
            V::S("natural_gas"),
            V::N(round(38.5 * s1, 3)),
            // Normal cubic metres, as the gas meter's invoice states them and
            // as the default calorific value is given.
            V::S("万标准立方米"),
            p(),
        ]);
        rows.push(vec![
            V::S("K1"),
            V::S("mobile_combustion"),
            V::S("diesel"),
            V::N(round(86.0 * s1, 3)),
            V::S("t"),
            p(),
        ]);
        let mut power = vec![
            V::S("K1"),
            V::S("purchased_electricity"),
            V::S("electricity"),
            V::N(round(1180.0 * s1, 2)),
            V::S("万千瓦时"),
            p(),
        ];
        if month >= 7 {
            power.extend([V::E, V::E, V::E, V::E, V::N(0.05)]);
        }
        rows.push(power);
        rows.push(vec![V::S("K1"), V::S("purchased_heat"), V::S("heat"), V::N(round(2600.0 * s1, 1)), V::S("GJ"), p()]);
        rows.push(vec![
            V::S("K1"),
            V::S("process"),
            V::S("clinker_calcination"),
            V::N(round(96000.0 * s1, 1)),
            V::S("t"),
            p(),
        ]);
        // K2: coal with laboratory NCV and carbon content, electricity.
        let ncv = round(21.2 + ((month * 7) % 9) as f64 * 0.15, 3);
        let cc = round(0.02580 + ((month * 5) % 7) as f64 * 0.0001, 5);
        rows.push(vec![
            V::S("K2"),
            V::S("stationary_combustion"),
            V::S("bituminous_coal"),
            V::N(round(11800.0 * s2, 2)),
            V::S("t"),
            p(),
            V::N(ncv),
            V::S("GJ/t"),
            V::N(cc),
            V::S("98%"),
        ]);
        rows.push(vec![
            V::S("K2"),
            V::S("purchased_electricity"),
            V::S("electricity"),
            V::N(round(960.0 * s2, 2)),
            V::S("万千瓦时"),
            p(),
        ]);
        rows.push(vec![
            V::S("K2"),
            V::S("process"),
            V::S("clinker_calcination"),
            V::N(round(78000.0 * s2, 1)),
            V::S("t"),
            p(),
        ]);
        rows.push(vec![
            V::S("K2"),
            V::S("mobile_combustion"),
            V::S("diesel"),
            V::N(round(54.0 * s2, 3)),
            V::S("t"),
            p(),
        ]);
        // G1: grinding power and loaders.
        rows.push(vec![
            V::S("G1"),
            V::S("purchased_electricity"),
            V::S("electricity"),
            V::N(round(2150.0 * s3, 1)),
            V::S("MWh"),
            p(),
        ]);
        rows.push(vec![
            V::S("G1"),
            V::S("mobile_combustion"),
            V::S("diesel"),
            V::N(round(8300.0 * s3, 0)),
            V::S("kg"),
            p(),
        ]);
    }
    sheet(&mut wb, InputSheet::Activities, &header, &rows)?;

    sheet(
        &mut wb,
        InputSheet::Production,
        &[Field::FacilityId, Field::Product, Field::Quantity, Field::Unit, Field::OutputValue, Field::Period],
        &[
            vec![V::S("K1"), V::S("clinker"), V::N(1_180_000.0), V::S("t"), V::N(295_000_000.0), V::S("2024")],
            vec![V::S("K1"), V::S("cement"), V::N(420_000.0), V::S("t"), V::N(138_600_000.0), V::S("2024")],
            vec![V::S("K2"), V::S("clinker"), V::N(960_000.0), V::S("t"), V::N(240_000_000.0), V::S("2024")],
            vec![V::S("G1"), V::S("cement"), V::N(1_350_000.0), V::S("t"), V::N(445_500_000.0), V::S("2024")],
        ],
    )?;

    sheet(
        &mut wb,
        InputSheet::Factors,
        &[Field::FactorKey, Field::Gas, Field::Value, Field::Unit, Field::Source],
        &[vec![
            V::S("clinker_calcination"),
            V::S("CO2"),
            V::N(0.5241),
            V::S("tCO2/t"),
            V::S("Site measurement: CaO and MgO content of clinker, 2024 laboratory annual report (calcination only)"),
        ]],
    )?;

    sheet(
        &mut wb,
        InputSheet::Trading,
        &[
            Field::Scheme,
            Field::FacilityId,
            Field::Year,
            Field::Allocated,
            Field::Benchmark,
            Field::BenchmarkOutput,
            Field::CorrectionFactor,
            Field::VerifiedEmissions,
            Field::Offsets,
            Field::Price,
        ],
        &[
            // Verified emissions as the verifier's report states them, in
            // whole tonnes.
            vec![
                V::S("CN-ETS"),
                V::S("K1"),
                V::N(2024.0),
                V::N(1_050_000.0),
                V::E,
                V::E,
                V::E,
                V::N(912_219.0),
                V::N(60_000.0),
                V::N(95.0),
            ],
            vec![
                V::S("CN-ETS"),
                V::S("K2"),
                V::N(2024.0),
                V::E,
                V::N(0.85),
                V::N(960_000.0),
                V::N(1.0),
                V::N(778_888.0),
                V::N(20_000.0),
                V::N(95.0),
            ],
        ],
    )?;

    wb.save(path)
}
