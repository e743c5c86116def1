//! Writes `fixtures/finance/portfolio_demo.xlsx`: the demo book of a
//! lender (workbook-v2 §9), Example Green Bank, 2024.
//!
//! * `Portfolio`: eleven exposures of every PCAF asset class the contract
//!   names. The first takes its borrower's Scope 1 and 2 from
//!   `cement_summary.json`, the summary JSON of `fixtures/demo.xlsx` (the
//!   cement group's own inventory) beside the book; one borrower has
//!   negative equity (counted as 0), one vehicle's value is unknown
//!   (attributed at 100 %).
//! * `Projects`: four green projects, three by net generation and the
//!   combined margin, one by baseline − project emissions.
//!
//! Every amount, emission figure and OM/BM factor is illustrative (the
//! published OM/BM values could not be confirmed; the book gives its own).
//! Run `cargo run --example make_portfolio_demo` to rebuild the file; the
//! output is byte-for-byte reproducible. Rebuild `cement_summary.json` with
//! `carbonbook calc fixtures/demo.xlsx -o fixtures/finance/cement_summary.json`.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use carbonbook_core::error::InputSheet;
use carbonbook_core::field::Field;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "fixtures/finance/portfolio_demo.xlsx".to_owned());
    if let Err(e) = write(Path::new(&out)) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!("wrote {out}");
}

mod demo_book;

use V::{E, N, S};
use demo_book::{V, sheet};

fn write(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("carbonbook demo: Example Green Bank, 2024")
            .set_author("carbonbook")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 1, 15)?),
    );
    sheet(
        &mut wb,
        InputSheet::Organisation,
        &[Field::Field, Field::Value],
        &[
            vec![S("name"), S("Example Green Bank (示例绿色银行)")],
            vec![S("reporting_year"), N(2024.0)],
            vec![S("currency"), S("CNY")],
        ],
    )?;
    sheet(
        &mut wb,
        InputSheet::Portfolio,
        &[
            Field::ExposureId,
            Field::AssetClass,
            Field::Counterparty,
            Field::Outstanding,
            Field::Evic,
            Field::TotalEquityPlusDebt,
            Field::TotalEquity,
            Field::TotalDebt,
            Field::PropertyValue,
            Field::VehicleValue,
            Field::PppGdp,
            Field::Scope1T,
            Field::Scope2T,
            Field::Scope3T,
            Field::DataQuality,
            Field::SummaryJson,
        ],
        &[
            // exposure, class, counterparty, outstanding, evic, E+D, equity, debt, property, vehicle, ppp_gdp, s1, s2, s3, dq, summary
            vec![
                S("BL-001"),
                S("business_loan"),
                S("Example Cement Group (示例水泥集团)"),
                N(800_000_000.0),
                E,
                N(6_400_000_000.0),
                E,
                E,
                E,
                E,
                E,
                E,
                E,
                E,
                S("1b"),
                S("cement_summary.json"),
            ],
            vec![
                S("BL-002"),
                S("business_loan"),
                S("Jiangnan Textiles"),
                N(120_000_000.0),
                E,
                E,
                N(900_000_000.0),
                N(600_000_000.0),
                E,
                E,
                E,
                N(42_000.0),
                N(58_000.0),
                N(210_000.0),
                S("2a"),
                E,
            ],
            vec![
                S("BL-003"),
                S("business_loan"),
                S("Harbour Logistics (negative equity)"),
                N(50_000_000.0),
                E,
                E,
                N(-20_000_000.0),
                N(250_000_000.0),
                E,
                E,
                E,
                N(30_000.0),
                N(2_500.0),
                E,
                S("3a"),
                E,
            ],
            vec![
                S("LE-001"),
                S("listed_equity"),
                S("Example Power Holdings"),
                N(300_000_000.0),
                N(48_000_000_000.0),
                E,
                E,
                E,
                E,
                E,
                E,
                N(9_600_000.0),
                N(40_000.0),
                N(1_200_000.0),
                S("1a"),
                E,
            ],
            vec![
                S("CB-001"),
                S("corporate_bond"),
                S("Example Steel Co."),
                N(200_000_000.0),
                N(20_000_000_000.0),
                E,
                E,
                E,
                E,
                E,
                E,
                N(12_000_000.0),
                N(900_000.0),
                E,
                N(2.0),
                E,
            ],
            vec![
                S("PF-001"),
                S("project_finance"),
                S("Gobi Solar SPV"),
                N(1_200_000_000.0),
                E,
                N(2_000_000_000.0),
                E,
                E,
                E,
                E,
                E,
                N(0.0),
                N(1_800.0),
                E,
                S("2b"),
                E,
            ],
            vec![
                S("CRE-001"),
                S("commercial_real_estate"),
                S("Riverside Office Tower"),
                N(450_000_000.0),
                E,
                E,
                E,
                E,
                N(900_000_000.0),
                E,
                E,
                N(600.0),
                N(5_200.0),
                E,
                S("1b"),
                E,
            ],
            vec![
                S("MG-001"),
                S("mortgage"),
                S("Household mortgage"),
                N(2_500_000.0),
                E,
                E,
                E,
                E,
                N(3_200_000.0),
                E,
                E,
                N(0.8),
                N(2.6),
                E,
                N(4.0),
                E,
            ],
            vec![
                S("MV-001"),
                S("motor_vehicle_loan"),
                S("Household car loan"),
                N(150_000.0),
                E,
                E,
                E,
                E,
                E,
                N(200_000.0),
                E,
                N(2.9),
                E,
                E,
                S("2b"),
                E,
            ],
            vec![
                S("MV-002"),
                S("motor_vehicle_loan"),
                S("Fleet loan (vehicle value unknown)"),
                N(900_000.0),
                E,
                E,
                E,
                E,
                E,
                E,
                E,
                N(48.0),
                E,
                E,
                S("3a"),
                E,
            ],
            vec![
                S("SD-001"),
                S("sovereign_debt"),
                S("Sovereign bond (illustrative, USD)"),
                N(80_000_000.0),
                E,
                E,
                E,
                E,
                E,
                E,
                N(35_000_000_000_000.0),
                N(12_000_000_000.0),
                E,
                E,
                N(1.0),
                E,
            ],
        ],
    )?;
    sheet(
        &mut wb,
        InputSheet::Projects,
        &[
            Field::ProjectId,
            Field::Kind,
            Field::GridRegion,
            Field::Year,
            Field::NetGenerationMwh,
            Field::BaselineT,
            Field::ProjectT,
            Field::EnergySavedTce,
            Field::OmFactor,
            Field::BmFactor,
            Field::LoanBalance,
            Field::TotalInvestment,
            Field::CreditingPeriod,
            Field::CoalRateGcePerKwh,
        ],
        &[
            vec![
                S("P-01"),
                S("solar"),
                S("华东"),
                N(2024.0),
                N(120_000.0),
                E,
                N(0.0),
                E,
                N(0.8),
                N(0.3),
                N(400_000_000.0),
                N(600_000_000.0),
                E,
                N(300.0),
            ],
            vec![
                S("P-02"),
                S("wind"),
                S("华北"),
                N(2024.0),
                N(250_000.0),
                E,
                E,
                E,
                N(0.9),
                N(0.45),
                N(900_000_000.0),
                N(1_500_000_000.0),
                E,
                E,
            ],
            vec![
                S("P-03"),
                S("hydro"),
                S("西南"),
                N(2024.0),
                N(300_000.0),
                E,
                E,
                E,
                N(0.75),
                N(0.2),
                N(500_000_000.0),
                N(2_000_000_000.0),
                N(2.0),
                E,
            ],
            vec![
                S("P-04"),
                S("energy_saving"),
                E,
                N(2024.0),
                E,
                N(86_000.0),
                N(61_000.0),
                N(9_500.0),
                E,
                E,
                N(80_000_000.0),
                N(120_000_000.0),
                E,
                E,
            ],
        ],
    )?;
    wb.save(path)
}
