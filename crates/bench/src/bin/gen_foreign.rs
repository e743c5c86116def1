//! `gen_foreign ROWS OUT.xlsx [SEED]`: writes a sheet in an enterprise's own
//! layout (not workbook-v1), for the `convert` benchmark.
//!
//! Sheet `Energy use 2024`: a title in row 1, a blank row, a two-row header
//! in rows 3–4 (names, then units in brackets), then `ROWS` data rows. The
//! site name is merged vertically over each block of four rows (so a
//! 100,000-row sheet carries 25,000 merged regions), the category and the
//! energy carrier are written as people write them (`Purchased electricity`,
//! `Natural gas`), about 1 % of the quantities are `NA`, and two columns
//! (cost, remark) are not mapped. `crates/bench/profiles/foreign.toml` maps
//! it onto Activities. A SplitMix64 generator with a fixed seed makes the
//! file the same on every run.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::ExitCode;

use carbonbook_bench::{SplitMix64, generator_main};

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// (category, carrier, unit, quantity range).
const KINDS: [(&str, &str, &str, (u64, u64)); 5] = [
    ("Combustion", "Diesel", "t", (1, 2_000)),
    ("Combustion", "Natural gas", "10^4 m3", (1, 500)),
    ("Combustion", "Gasoline", "t", (1, 3_000)),
    ("Purchased electricity", "Electricity", "MWh", (10, 50_000)),
    ("Purchased heat", "Heat", "GJ", (100, 90_000)),
];

fn write(rows: u32, out: &Path, seed: u64) -> Result<(), XlsxError> {
    let mut rng = SplitMix64(seed);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Energy use 2024")?;
    let bold = Format::new().set_bold();
    let merged = Format::new().set_align(FormatAlign::Top);
    ws.write_string_with_format(0, 0, "Energy use report 2024 (all sites)", &bold)?;
    let names = ["Site", "Meter", "Category", "Energy carrier", "Month", "Consumption", "Unit", "Cost", "Remark"];
    let units = ["", "", "", "", "", "", "", "(CNY)", ""];
    for (c, (n, u)) in (0u16..).zip(names.iter().zip(units)) {
        ws.write_string_with_format(2, c, *n, &bold)?;
        if !u.is_empty() {
            ws.write_string(3, c, u)?;
        }
    }
    let first = 4u32;
    for i in 0..rows {
        let r = first + i;
        if i % 4 == 0 {
            let site = format!("Site {:03}", (i / 4) % 120 + 1);
            let last = (r + 3).min(first + rows - 1);
            if last > r {
                ws.merge_range(r, 0, last, 0, &site, &merged)?;
            } else {
                ws.write_string(r, 0, &site)?;
            }
        }
        let (category, carrier, unit, (lo, hi)) = KINDS[rng.below(KINDS.len() as u64) as usize];
        ws.write_string(r, 1, format!("M-{}", rng.below(9000) + 1000))?;
        ws.write_string(r, 2, category)?;
        ws.write_string(r, 3, carrier)?;
        ws.write_string(r, 4, format!("2024-{:02}", rng.below(12) + 1))?;
        if rng.below(100) == 0 {
            ws.write_string(r, 5, "NA")?;
        } else {
            ws.write_number(r, 5, rng.decimal(lo as f64, hi as f64, 3))?;
        }
        ws.write_string(r, 6, unit)?;
        ws.write_number(r, 7, rng.decimal(100.0, 900_000.0, 3))?;
        if rng.below(10) == 0 {
            ws.write_string(r, 8, "estimated")?;
        }
    }
    wb.save(out)
}

fn main() -> ExitCode {
    generator_main("gen_foreign", 1_048_570, write)
}
