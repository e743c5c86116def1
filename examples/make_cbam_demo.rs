//! Writes `fixtures/cbam-demo.xlsx`: the EU CBAM demo book, a Chinese
//! exporter with two installations in 2026, and an EU customer's import
//! lines.
//!
//! * TS1, Tangshan steel works (North China grid): pig iron from bought-in
//!   pellets (blast furnace) → crude steel (converter, with purchased
//!   scrap) → hot-rolled coil. Attributed direct emissions are given per
//!   good from the installation's monitoring; electricity at the grid
//!   factor.
//! * WH1, Wuhu cement plant (East China grid): clinker, whose direct
//!   emissions are the plant's Scope 1 shared to it (a warning says so),
//!   and cement ground from it.
//! * `CBAM imports`: an EU customer's lines for 2026 — coil and cement from
//!   these works, and coil of another mill on the default route.
//!
//! Every figure is illustrative, not any company's data. The published
//! values are carbonbook's: the coil of another mill leaves its default
//! value, benchmark and CSCF blank, so IR (EU) 2025/2621 Annex I (China,
//! 7208: 3.187 t CO2e/t, route C), IR (EU) 2025/2620 (column B, route C:
//! 1.370) and the CSCF of 2026 (1) are used. The HRC line gives column B
//! beside actual data as a stand-in (with actual data the adjustment adds
//! column A along the chain of precursors), and the book says so. The Q1
//! 2026 certificate price, EUR 75.36, is the one the Commission published
//! on 7 April 2026.
//!
//! Run `cargo run --example make_cbam_demo` to rebuild the file; the output
//! is byte-for-byte reproducible.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use carbonbook_core::error::InputSheet;
use carbonbook_core::field::Field;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "fixtures/cbam-demo.xlsx".to_owned());
    if let Err(e) = write_demo(Path::new(&out)) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!("wrote {out}");
}

mod demo_book;

use demo_book::{V, sheet};

use V::{E, N, S};

fn write_demo(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("carbonbook CBAM demo: Example Steel & Cement Exporters, 2026")
            .set_author("carbonbook")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2027, 1, 15)?),
    );
    sheet(
        &mut wb,
        InputSheet::Organisation,
        &[Field::Field, Field::Value],
        &[
            vec![S("name"), S("Example Steel & Cement Exporters Co., Ltd. (示例钢铁水泥出口公司)")],
            vec![S("reporting_year"), N(2026.0)],
            vec![S("methodology"), S("cn-gbt32150")],
            vec![S("gwp"), S("AR5")],
            vec![S("currency"), S("CNY")],
        ],
    )?;
    sheet(
        &mut wb,
        InputSheet::Facilities,
        &[Field::FacilityId, Field::Name, Field::Country, Field::GridRegion, Field::Sector],
        &[
            vec![S("TS1"), S("Tangshan steel works (唐山钢铁厂)"), S("CN"), S("north"), S("steel")],
            vec![S("WH1"), S("Wuhu cement plant (芜湖水泥厂)"), S("CN"), S("east"), S("cement")],
        ],
    )?;
    sheet(
        &mut wb,
        InputSheet::Activities,
        &[Field::FacilityId, Field::Source, Field::Activity, Field::Quantity, Field::Unit, Field::Period],
        &[
            vec![S("TS1"), S("stationary_combustion"), S("bituminous_coal"), N(520_000.0), S("t"), S("2026")],
            vec![S("TS1"), S("stationary_combustion"), S("coke"), N(420_000.0), S("t"), S("2026")],
            vec![S("TS1"), S("purchased_electricity"), S("electricity"), N(255_000.0), S("MWh"), S("2026")],
            vec![S("WH1"), S("stationary_combustion"), S("bituminous_coal"), N(110_000.0), S("t"), S("2026")],
            vec![S("WH1"), S("process"), S("clinker_calcination"), N(800_000.0), S("t"), S("2026")],
            vec![S("WH1"), S("mobile_combustion"), S("diesel"), N(1_200.0), S("t"), S("2026")],
            vec![S("WH1"), S("purchased_electricity"), S("electricity"), N(68_000.0), S("MWh"), S("2026")],
        ],
    )?;
    sheet(
        &mut wb,
        InputSheet::Factors,
        &[Field::FactorKey, Field::Gas, Field::Value, Field::Unit, Field::Source],
        &[vec![
            S("clinker_calcination"),
            S("CO2"),
            N(0.525),
            S("tCO2/t"),
            S("Site measurement: CaO and MgO content of clinker, 2026 laboratory annual report (illustrative)"),
        ]],
    )?;
    sheet(
        &mut wb,
        InputSheet::CbamGoods,
        &[
            Field::GoodId,
            Field::FacilityId,
            Field::Year,
            Field::CnCode,
            Field::Category,
            Field::Route,
            Field::QuantityT,
            Field::DirectT,
            Field::ElectricityMwh,
            Field::ElectricityFactor,
        ],
        &[
            vec![
                S("PIG"),
                S("TS1"),
                N(2026.0),
                S("7201 10 11"),
                S("iron_steel"),
                S("blast furnace"),
                N(1_000_000.0),
                N(1_380_000.0),
                N(60_000.0),
                E,
            ],
            vec![
                S("CS"),
                S("TS1"),
                N(2026.0),
                S("7206 10 00"),
                S("iron_steel"),
                S("basic oxygen furnace"),
                N(1_050_000.0),
                N(145_000.0),
                N(85_000.0),
                E,
            ],
            vec![
                S("HRC"),
                S("TS1"),
                N(2026.0),
                S("7208 51 20"),
                S("iron_steel"),
                S("hot strip mill"),
                N(1_000_000.0),
                N(82_000.0),
                N(110_000.0),
                E,
            ],
            vec![
                S("CLK"),
                S("WH1"),
                N(2026.0),
                S("2523 10 00"),
                S("cement"),
                S("dry kiln"),
                N(800_000.0),
                E,
                N(36_000.0),
                E,
            ],
            vec![
                S("CEM"),
                S("WH1"),
                N(2026.0),
                S("2523 29 00"),
                S("cement"),
                S("grinding"),
                N(1_000_000.0),
                N(0.0),
                N(32_000.0),
                E,
            ],
        ],
    )?;
    sheet(
        &mut wb,
        InputSheet::CbamPrecursors,
        &[
            Field::GoodId,
            Field::Precursor,
            Field::MassT,
            Field::SeeDirect,
            Field::SeeIndirect,
            Field::Source,
            Field::CnCode,
        ],
        &[
            vec![
                S("PIG"),
                S("iron ore pellets (supplier figures)"),
                N(1_420_000.0),
                N(0.031),
                N(0.017),
                S("actual"),
                S("2601 12 00"),
            ],
            vec![S("CS"), S("PIG"), N(960_000.0)],
            vec![S("CS"), S("purchased scrap (no embedded emissions)"), N(150_000.0), N(0.0), N(0.0), S("actual")],
            vec![S("HRC"), S("CS"), N(1_030_000.0)],
            vec![S("CEM"), S("CLK"), N(780_000.0)],
        ],
    )?;
    sheet(
        &mut wb,
        InputSheet::CbamImports,
        &[
            Field::Year,
            Field::Quarter,
            Field::GoodId,
            Field::CnCode,
            Field::Origin,
            Field::QuantityT,
            Field::SeeDirect,
            Field::SeeIndirect,
            Field::DefaultValue,
            Field::Benchmark,
            Field::Cscf,
            Field::CertificatePrice,
            Field::CarbonPricePaid,
        ],
        &[
            vec![S("2026"), S("1"), S("HRC"), E, S("CN"), N(25_000.0), E, E, E, N(1.370), N(1.0), N(75.36)],
            vec![S("2026"), S("1"), S("CEM"), E, S("CN"), N(40_000.0), E, E, E, E, E, N(75.36)],
            vec![S("2026"), S("2"), S("coil of another mill"), S("7208 51 20"), S("CN"), N(8_000.0)],
        ],
    )?;
    // The steel works' CN-ETS account of 2026, for the carbon price due on
    // its goods (Summary_Products AL:AX of the communication template).
    sheet(
        &mut wb,
        InputSheet::Trading,
        &[Field::Scheme, Field::FacilityId, Field::Year, Field::Allocated, Field::VerifiedEmissions, Field::Price],
        &[vec![S("CN-ETS"), S("TS1"), N(2026.0), N(2_000_000.0), N(2_107_086.0), N(75.0)]],
    )?;
    let notes = wb.add_worksheet();
    notes.set_name("About")?;
    for (r, line) in [
        "carbonbook CBAM demo book. Every figure is illustrative, not any company's data.",
        "CBAM imports: the certificate price of Q1 2026 (EUR 75.36) is the Commission's published figure; no Q2 price is given, so the Q2 line has no cost.",
        "The coil of another mill (Q2) has no figures of its own: its default value (IR (EU) 2025/2621 Annex I, China, 7208: 3.187 t CO2e/t, route C), benchmark (IR (EU) 2025/2620 column B, route C: 1.370) and CSCF (1) are the published ones carbonbook holds.",
        "The HRC line gives the column B benchmark 1.370 t CO2e/t beside actual data as a stand-in: with actual data the adjustment adds column A of each process step along the chain of precursors, which a real book gives.",
        "No benchmark is given for cement: the line has no free-allocation adjustment (a warning says so).",
        "Trading: the steel works' CN-ETS account of 2026 (2,000,000 t allocated, 2,107,086 t verified, 75 CNY/t): the carbon price due on its goods follows the draft implementing act under Art. 9 (free allocation as a rebate).",
    ]
    .iter()
    .enumerate()
    {
        notes.write_string(r as u32, 0, *line)?;
    }
    wb.save(path)
}
