//! `bench_convert [--dir DIR] [--rows N] [--runs R] [--bin-dir DIR]`: times
//! `carbonbook convert` of a sheet in an enterprise's own layout against a
//! bare calamine read of the same sheet, whole process by whole process.
//!
//! It makes the book with `gen_foreign` (once; reused when present), runs
//! every command once untimed (warm-up, page cache), then rounds of
//!
//! * (a) `bare_read BOOK "Energy use 2024"` — the reference,
//! * (b) `carbonbook convert BOOK --profile foreign.toml --dry-run` — read
//!   and map every row, write nothing,
//! * (c) `carbonbook convert BOOK --profile foreign.toml -o OUT.xlsx`,
//!
//! alternating the order (a b c, then c b a). Each run goes through GNU
//! time (`/usr/bin/time -f "%U %S %M"`) for CPU time and peak RSS when it is
//! there; wall time is measured here. It prints the median wall and CPU
//! seconds and the median of the per-round ratios to (a), with their range.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// The profile that maps the generated sheet (beside this crate).
const PROFILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/foreign.toml");

struct Run {
    wall: f64,
    cpu: Option<f64>,
    rss_kib: Option<u64>,
}

fn timed(time: Option<&Path>, program: &Path, args: &[&str]) -> Result<Run, String> {
    let start = Instant::now();
    let out = match time {
        Some(t) => Command::new(t).arg("-f").arg("%U %S %M").arg(program).args(args).stdout(Stdio::null()).output(),
        None => Command::new(program).args(args).stdout(Stdio::null()).output(),
    }
    .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let wall = start.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("{} failed: {err}", program.display()));
    }
    let (mut cpu, mut rss) = (None, None);
    if time.is_some()
        && let Some(last) = err.lines().last()
    {
        let f: Vec<&str> = last.split_whitespace().collect();
        if let (Some(u), Some(s), Some(m)) = (f.first(), f.get(1), f.get(2)) {
            cpu = u.parse::<f64>().ok().zip(s.parse::<f64>().ok()).map(|(u, s)| u + s);
            rss = m.parse().ok();
        }
    }
    Ok(Run { wall, cpu, rss_kib: rss })
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() { f64::NAN } else { v[v.len() / 2] }
}

fn arg_value(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = arg_value(&args, "--dir")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("carbonbook-bench-convert"));
    let rows: u32 = arg_value(&args, "--rows").and_then(|s| s.replace('_', "").parse().ok()).unwrap_or(100_000);
    let runs: usize = arg_value(&args, "--runs").and_then(|s| s.parse().ok()).unwrap_or(5);
    let bin_dir = arg_value(&args, "--bin-dir").map(PathBuf::from).unwrap_or_else(|| {
        std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_owned)).unwrap_or_else(|| PathBuf::from("."))
    });
    let time = Path::new("/usr/bin/time");
    let time = time.exists().then_some(time);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("bench_convert: cannot make {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let book = dir.join(format!("foreign-{rows}.xlsx"));
    let out = dir.join(format!("converted-{rows}.xlsx"));
    let (b, s, o, p) = (book.to_string_lossy(), "Energy use 2024", out.to_string_lossy(), PROFILE);
    let result = (|| -> Result<(), String> {
        if !book.exists() {
            timed(None, &bin_dir.join("gen_foreign"), &[&rows.to_string(), &b])?;
        }
        let bare = bin_dir.join("bare_read");
        let cb = bin_dir.join("carbonbook");
        let cmds: [(&str, &Path, Vec<&str>); 3] = [
            ("(a) bare_read", &bare, vec![&b, s]),
            ("(b) convert --dry-run", &cb, vec!["convert", &b, "--profile", p, "--dry-run"]),
            ("(c) convert -o OUT.xlsx", &cb, vec!["convert", &b, "--profile", p, "-o", &o]),
        ];
        for (_, prog, a) in &cmds {
            timed(time, prog, a)?;
        }
        let mut results: Vec<Vec<Run>> = (0..3).map(|_| Vec::new()).collect();
        for round in 0..runs {
            let order: Vec<usize> = if round % 2 == 0 { vec![0, 1, 2] } else { vec![2, 1, 0] };
            for i in order {
                let (_, prog, a) = &cmds[i];
                results[i].push(timed(time, prog, a)?);
            }
        }
        println!("{rows} rows, {runs} rounds ({})", book.display());
        println!(
            "{:<26}{:>10}{:>22}{:>10}{:>22}{:>12}",
            "command", "wall med", "wall x bare [range]", "cpu med", "cpu x bare [range]", "peak RSS"
        );
        for (i, (name, _, _)) in cmds.iter().enumerate() {
            let mut wall: Vec<f64> = results[i].iter().map(|r| r.wall).collect();
            let mut cpu: Vec<f64> = results[i].iter().filter_map(|r| r.cpu).collect();
            let rss = results[i].iter().filter_map(|r| r.rss_kib).max().unwrap_or(0);
            let ratio = |f: &dyn Fn(&Run) -> Option<f64>| -> String {
                let mut v: Vec<f64> =
                    results[i].iter().zip(&results[0]).filter_map(|(r, a)| Some(f(r)? / f(a)?.max(1e-3))).collect();
                if v.is_empty() {
                    return "-".to_owned();
                }
                let m = median(&mut v);
                format!("{m:.2}x [{:.2}-{:.2}]", v[0], v[v.len() - 1])
            };
            println!(
                "{:<26}{:>9.3}s{:>22}{:>9.3}s{:>22}{:>8.1} MiB",
                name,
                median(&mut wall),
                ratio(&|r| Some(r.wall)),
                median(&mut cpu),
                ratio(&|r| r.cpu),
                rss as f64 / 1024.0
            );
        }
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_convert: {e}");
            ExitCode::FAILURE
        }
    }
}
