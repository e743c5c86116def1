//! What the benchmark generators share: a reproducible random source and
//! the command line of `gen_book` and `gen_foreign`.

// The generators report on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::ExitCode;

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast and reproducible.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number with `dp` decimals, uniform in `[lo, hi]`, as the f64
    /// nearest to that decimal (an exact integer divided by a power of ten
    /// is correctly rounded).
    pub fn decimal(&mut self, lo: f64, hi: f64, dp: i32) -> f64 {
        let scale = 10f64.powi(dp);
        let (lo, hi) = ((lo * scale).round() as u64, (hi * scale).round() as u64);
        (lo + self.below(hi - lo + 1)) as f64 / scale
    }
}

/// The command line of a generator, `NAME ROWS OUT.xlsx [SEED]`: parses it
/// (at most `max_rows`; `1_000` and `1,000` are accepted), runs `write` and
/// reports. Exit status 2 for wrong usage, 1 when the file cannot be
/// written.
pub fn generator_main<E: std::fmt::Display>(
    name: &str,
    max_rows: u32,
    write: impl FnOnce(u32, &Path, u64) -> Result<(), E>,
) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: {name} ROWS OUT.xlsx [SEED]");
        ExitCode::from(2)
    };
    let (Some(rows), Some(out)) = (args.first(), args.get(1)) else { return usage() };
    let Ok(rows) = rows.replace(['_', ','], "").parse::<u32>() else { return usage() };
    if rows > max_rows {
        eprintln!("{name}: at most {max_rows} data rows fit in one sheet");
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
            eprintln!("{name}: cannot write {out}: {e}");
            ExitCode::FAILURE
        }
    }
}
