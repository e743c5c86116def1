//! `gen_book N OUT.xlsx [SEED]`: writes a workbook-v1 book with `N` activity
//! rows, for the `calc` benchmark.
//!
//! The book has the sheets Organisation, Facilities (50 sites), Activities,
//! Production (one product per site) and Trading (CN-ETS, ten sites). The
//! Activities sheet is written with rust_xlsxwriter's `low_memory` worksheet
//! (rows flushed to a temporary file, shared-string table kept), so memory
//! does not grow with `N`, and a file of 1,000,000 rows reads like one Excel
//! saved. A SplitMix64 generator with a fixed seed makes the file the same
//! on every run.
//!
//! The mix of rows (by share of rows): bituminous coal in t (22 %), natural
//! gas in 10^4 m3 (20 %), diesel in t (18 %, mobile and stationary),
//! electricity in MWh or 万千瓦时 (25 %), heat in GJ (15 %). About 30 % of the
//! fuel rows carry measured ncv, ncv_unit, carbon_content and
//! oxidation_factor. Quantities have 3 decimals; periods are `2024-MM` text.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use carbonbook_core::error::InputSheet;
use carbonbook_core::field::Field;
use std::path::Path;
use std::process::ExitCode;

use carbonbook_bench::{SplitMix64, generator_main};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Number of facilities.
const FACILITIES: u32 = 50;

/// Regional grids cycled over the facilities.
const GRIDS: [&str; 7] = ["north", "northeast", "east", "central", "northwest", "south", "southwest"];

/// Sectors cycled over the facilities.
const SECTORS: [&str; 4] = ["cement", "manufacturing", "chemicals", "steel"];

/// The Activities columns, in sheet order.
const ACTIVITY_HEADER: [Field; 10] = [
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
];

/// One kind of activity row.
struct Kind {
    /// Share of rows, in percent.
    share: u64,
    source: &'static str,
    activity: &'static str,
    unit: &'static str,
    /// Quantity range.
    qty: (f64, f64),
    /// Measured parameters, for fuels: ncv range, ncv unit, carbon content
    /// range (tC/GJ), oxidation factor range.
    measured: Option<Measured>,
}

/// Ranges of measured fuel parameters.
struct Measured {
    ncv: (f64, f64),
    ncv_unit: &'static str,
    carbon: (f64, f64),
    oxidation: (f64, f64),
}

const COAL: Measured =
    Measured { ncv: (19.0, 26.0), ncv_unit: "GJ/t", carbon: (0.025, 0.0275), oxidation: (0.93, 0.99) };
const GAS: Measured =
    Measured { ncv: (370.0, 400.0), ncv_unit: "GJ/10^4 m3", carbon: (0.0150, 0.0156), oxidation: (0.98, 0.99) };
const DIESEL: Measured =
    Measured { ncv: (42.0, 43.5), ncv_unit: "GJ/t", carbon: (0.0200, 0.0204), oxidation: (0.97, 0.99) };

const KINDS: [Kind; 7] = [
    Kind {
        share: 22,
        source: "stationary_combustion",
        activity: "bituminous_coal",
        unit: "t",
        qty: (10.0, 20_000.0),
        measured: Some(COAL),
    },
    Kind {
        share: 20,
        source: "stationary_combustion",
        activity: "natural_gas",
        unit: "10^4 m3",
        qty: (0.5, 500.0),
        measured: Some(GAS),
    },
    Kind {
        share: 12,
        source: "mobile_combustion",
        activity: "diesel",
        unit: "t",
        qty: (0.1, 300.0),
        measured: Some(DIESEL),
    },
    Kind {
        share: 6,
        source: "stationary_combustion",
        activity: "diesel",
        unit: "t",
        qty: (0.1, 100.0),
        measured: Some(DIESEL),
    },
    Kind {
        share: 15,
        source: "purchased_electricity",
        activity: "electricity",
        unit: "MWh",
        qty: (10.0, 50_000.0),
        measured: None,
    },
    Kind {
        share: 10,
        source: "purchased_electricity",
        activity: "electricity",
        unit: "万千瓦时",
        qty: (1.0, 5_000.0),
        measured: None,
    },
    Kind { share: 15, source: "purchased_heat", activity: "heat", unit: "GJ", qty: (100.0, 100_000.0), measured: None },
];

fn facility_id(i: u32) -> String {
    format!("F{:03}", i + 1)
}

/// Writes `names` as the header of `sheet`, refusing a name that is no
/// column of the sheet in the reader's schema.
fn header(ws: &mut Worksheet, sheet: InputSheet, names: &[Field], bold: &Format) -> Result<(), XlsxError> {
    let known: Vec<Field> = carbonbook_xlsx::read::columns(sheet).collect();
    for (c, h) in names.iter().enumerate() {
        if !known.contains(h) {
            return Err(XlsxError::ParameterError(format!("{h} is not a column of {sheet}")));
        }
        ws.write_string_with_format(0, c as u16, h.name(), bold)?;
    }
    Ok(())
}

fn write_book(rows: u32, path: &Path, seed: u64) -> Result<(), XlsxError> {
    let mut rng = SplitMix64(seed);
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let qty_format = Format::new().set_num_format("0.000");

    let ws = wb.add_worksheet().set_name("Organisation")?;
    header(ws, InputSheet::Organisation, &[Field::Field, Field::Value], &bold)?;
    ws.write_row(1, 0, ["name", "Benchmark Manufacturing Group (基准制造集团)"])?;
    ws.write_string(2, 0, "reporting_year")?;
    ws.write_number(2, 1, 2024)?;
    ws.write_row(3, 0, ["methodology", "cn-gbt32150"])?;
    ws.write_row(4, 0, ["gwp", "AR5"])?;
    ws.write_row(5, 0, ["currency", "CNY"])?;

    let ws = wb.add_worksheet().set_name("Facilities")?;
    header(
        ws,
        InputSheet::Facilities,
        &[Field::FacilityId, Field::Name, Field::Country, Field::GridRegion, Field::Sector],
        &bold,
    )?;
    for i in 0..FACILITIES {
        let r = i + 1;
        ws.write_string(r, 0, facility_id(i))?;
        ws.write_string(r, 1, format!("Site {} (厂区{})", i + 1, i + 1))?;
        ws.write_string(r, 2, "CN")?;
        ws.write_string(r, 3, GRIDS[i as usize % GRIDS.len()])?;
        ws.write_string(r, 4, SECTORS[i as usize % SECTORS.len()])?;
    }

    let periods: Vec<String> = (1..=12).map(|m| format!("2024-{m:02}")).collect();
    let ids: Vec<String> = (0..FACILITIES).map(facility_id).collect();
    let total_share: u64 = KINDS.iter().map(|k| k.share).sum();
    let ws = wb.add_worksheet_with_low_memory()?.set_name("Activities")?;
    header(ws, InputSheet::Activities, &ACTIVITY_HEADER, &bold)?;
    for r in 1..=rows {
        let mut pick = rng.below(total_share);
        let kind = KINDS
            .iter()
            .find(|k| {
                if pick < k.share {
                    true
                } else {
                    pick -= k.share;
                    false
                }
            })
            .unwrap_or(&KINDS[0]);
        ws.write_string(r, 0, &ids[rng.below(u64::from(FACILITIES)) as usize])?;
        ws.write_string(r, 1, kind.source)?;
        ws.write_string(r, 2, kind.activity)?;
        ws.write_number_with_format(r, 3, rng.decimal(kind.qty.0, kind.qty.1, 3), &qty_format)?;
        ws.write_string(r, 4, kind.unit)?;
        ws.write_string(r, 5, &periods[rng.below(12) as usize])?;
        if let Some(m) = &kind.measured
            && rng.below(100) < 30
        {
            ws.write_number(r, 6, rng.decimal(m.ncv.0, m.ncv.1, 3))?;
            ws.write_string(r, 7, m.ncv_unit)?;
            ws.write_number(r, 8, rng.decimal(m.carbon.0, m.carbon.1, 5))?;
            ws.write_number(r, 9, rng.decimal(m.oxidation.0, m.oxidation.1, 2))?;
        }
    }

    let ws = wb.add_worksheet().set_name("Production")?;
    header(
        ws,
        InputSheet::Production,
        &[Field::FacilityId, Field::Product, Field::Quantity, Field::Unit, Field::OutputValue, Field::Period],
        &bold,
    )?;
    for i in 0..FACILITIES {
        let r = i + 1;
        ws.write_string(r, 0, facility_id(i))?;
        ws.write_string(r, 1, SECTORS[i as usize % SECTORS.len()])?;
        ws.write_number(r, 2, rng.decimal(10_000.0, 2_000_000.0, 0))?;
        ws.write_string(r, 3, "t")?;
        ws.write_number(r, 4, rng.decimal(5.0e7, 5.0e9, 0))?;
        ws.write_string(r, 5, "2024")?;
    }

    let ws = wb.add_worksheet().set_name("Trading")?;
    header(
        ws,
        InputSheet::Trading,
        &[
            Field::Scheme,
            Field::FacilityId,
            Field::Year,
            Field::Allocated,
            Field::Purchased,
            Field::Offsets,
            Field::Price,
        ],
        &bold,
    )?;
    for i in 0..10 {
        let r = i + 1;
        ws.write_string(r, 0, "CN-ETS")?;
        ws.write_string(r, 1, facility_id(i))?;
        ws.write_number(r, 2, 2024)?;
        ws.write_number(r, 3, rng.decimal(100_000.0, 5_000_000.0, 0))?;
        ws.write_number(r, 4, rng.decimal(0.0, 50_000.0, 0))?;
        ws.write_number(r, 5, rng.decimal(0.0, 20_000.0, 0))?;
        ws.write_number(r, 6, 95)?;
    }

    wb.save(path)
}

fn main() -> ExitCode {
    generator_main("gen_book", 1_048_575, write_book)
}
