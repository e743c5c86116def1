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

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// SplitMix64 (Steele, Lea and Flood 2014).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number with 3 decimals in `[lo, hi]`.
    fn quantity(&mut self, lo: u64, hi: u64) -> f64 {
        (lo * 1000 + self.below((hi - lo) * 1000 + 1)) as f64 / 1000.0
    }
}

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
            ws.write_number(r, 5, rng.quantity(lo, hi))?;
        }
        ws.write_string(r, 6, unit)?;
        ws.write_number(r, 7, rng.quantity(100, 900_000))?;
        if rng.below(10) == 0 {
            ws.write_string(r, 8, "estimated")?;
        }
    }
    wb.save(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: gen_foreign ROWS OUT.xlsx [SEED]");
        ExitCode::from(2)
    };
    let (Some(rows), Some(out)) = (args.first(), args.get(1)) else { return usage() };
    let Ok(rows) = rows.replace(['_', ','], "").parse::<u32>() else { return usage() };
    if rows > 1_048_570 {
        eprintln!("gen_foreign: at most 1,048,570 data rows fit in one sheet");
        return ExitCode::from(2);
    }
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 0x00C0_FFEE_2024,
        Some(Ok(s)) => s,
        Some(Err(_)) => return usage(),
    };
    match write(rows, Path::new(out), seed) {
        Ok(()) => {
            println!("wrote {out} ({rows} data rows)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_foreign: cannot write {out}: {e}");
            ExitCode::FAILURE
        }
    }
}
