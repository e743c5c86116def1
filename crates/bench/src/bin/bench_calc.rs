//! `bench_calc`: times `carbonbook calc` against a bare calamine read of the
//! same book, whole process by whole process.
//!
//! For each size (default 100,000 and 1,000,000 activity rows) it makes the
//! book with `gen_book` in the work folder (once; an existing book is
//! reused), checks it with `carbonbook validate`, runs every command once
//! untimed (warm-up, puts the book in the page cache), then runs rounds of
//!
//! * (a) `bare_read BOOK` — the reference,
//! * (b) `carbonbook calc BOOK --format json -o OUT.json --quiet`,
//! * (c) `carbonbook calc BOOK -o OUT.xlsx --quiet`,
//!
//! alternating the order (a b c, then c b a, …). With `--extra` two more
//! commands split the cost: (d) `carbonbook validate BOOK` (read, parse and
//! compute, no output) and (e) `carbonbook calc BOOK --format json` to
//! standard output, discarded (no output file, no final copy). Each run goes through
//! `/usr/bin/time -f "%e %U %S %M"` for its CPU time and peak RSS; wall time
//! is measured here. It prints, per size, the median wall and CPU seconds,
//! the paired ratios b/a and c/a of each (median of the per-round ratios,
//! with their range) and the highest peak RSS, plus the load average before
//! and after. See crates/bench/README.md.
//!
//! The binaries are copied into `DIR/bin` first, so that a rebuild during
//! the run does not change what is timed.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const USAGE: &str = "\
usage: bench_calc [--dir DIR] [--rows 100000,1000000] [--runs 5,3] [--warmup 1]
                  [--bin-dir DIR] [--time PATH] [--no-copy] [--extra]

  --dir DIR      work folder for books, outputs and the copied binaries
                 (default: $TMPDIR/carbonbook-bench)
  --rows LIST    activity rows of each book (comma-separated)
  --runs LIST    timed rounds per size (one number for all, or one per size)
  --warmup N     untimed runs of each command per size before timing (default 1)
  --bin-dir DIR  where carbonbook, gen_book and bare_read are
                 (default: the folder of this program, e.g. target/release)
  --time PATH    GNU time (default /usr/bin/time; without it no CPU time or RSS)
  --no-copy      run the binaries where they are instead of copies in DIR/bin
  --extra        also time (d) carbonbook validate and (e) calc --format json to
                 standard output (discarded), to split the cost of (b)";

/// Options.
struct Options {
    dir: PathBuf,
    rows: Vec<u32>,
    runs: Vec<usize>,
    warmup: usize,
    bin_dir: PathBuf,
    time: Option<PathBuf>,
    copy: bool,
    extra: bool,
}

fn parse_list<T: std::str::FromStr>(s: &str) -> Result<Vec<T>, String> {
    s.split(',').map(|x| x.trim().replace('_', "").parse::<T>().map_err(|_| format!("not a number: {x:?}"))).collect()
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        dir: std::env::temp_dir().join("carbonbook-bench"),
        rows: vec![100_000, 1_000_000],
        runs: vec![5, 3],
        warmup: 1,
        bin_dir: std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(Path::to_owned))
            .unwrap_or_else(|| PathBuf::from(".")),
        time: Some(PathBuf::from("/usr/bin/time")),
        copy: true,
        extra: false,
    };
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        let a = a.to_string_lossy().into_owned();
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--dir" => o.dir = PathBuf::from(value()?),
            "--rows" => o.rows = parse_list(&value()?.to_string_lossy())?,
            "--runs" => o.runs = parse_list(&value()?.to_string_lossy())?,
            "--warmup" => {
                o.warmup = value()?.to_string_lossy().parse().map_err(|_| "--warmup needs a number".to_owned())?;
            }
            "--bin-dir" => o.bin_dir = PathBuf::from(value()?),
            "--time" => o.time = Some(PathBuf::from(value()?)),
            "--no-copy" => o.copy = false,
            "--extra" => o.extra = true,
            "-h" | "--help" => return Err(String::new()),
            _ => return Err(format!("unknown argument {a:?}")),
        }
    }
    if o.rows.is_empty() || o.runs.is_empty() || o.runs.contains(&0) {
        return Err("--rows and --runs need at least one positive number each".to_owned());
    }
    if let Some(t) = &o.time
        && !t.exists()
    {
        eprintln!(
            "warning: {} not found (apt-get install time): no CPU time or peak RSS will be reported",
            t.display()
        );
        o.time = None;
    }
    Ok(o)
}

/// One timed run.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: f64,
    cpu: Option<f64>,
    rss_kib: Option<u64>,
}

/// Runs `program args` (stdout discarded), under GNU time when there is one.
fn run(time: Option<&Path>, scratch: &Path, program: &Path, args: &[OsString]) -> Result<Sample, String> {
    let mut cmd = match time {
        Some(t) => {
            let mut c = Command::new(t);
            c.arg("-f").arg("%e %U %S %M").arg("-o").arg(scratch).arg(program);
            c
        }
        None => Command::new(program),
    };
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::null());
    let start = Instant::now();
    let out = cmd.output().map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let wall = start.elapsed().as_secs_f64();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(5).collect();
        return Err(format!(
            "{} {:?} failed ({}): {}",
            program.display(),
            args,
            out.status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        ));
    }
    let (mut cpu, mut rss_kib) = (None, None);
    if time.is_some() {
        let text = std::fs::read_to_string(scratch).map_err(|e| format!("cannot read {}: {e}", scratch.display()))?;
        let f: Vec<&str> = text.lines().last().unwrap_or("").split_whitespace().collect();
        if let [_, user, sys, rss] = f.as_slice() {
            cpu = user.parse::<f64>().ok().zip(sys.parse::<f64>().ok()).map(|(u, s)| u + s);
            rss_kib = rss.parse().ok();
        }
    }
    Ok(Sample { wall, cpu, rss_kib })
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

fn range(v: &[f64]) -> (f64, f64) {
    v.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(*x), hi.max(*x)))
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_owned())
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn size_of(p: &Path) -> String {
    std::fs::metadata(p).map(|m| format!("{:.1} MiB", mib(m.len()))).unwrap_or_else(|_| "-".to_owned())
}

/// The binaries used.
struct Bins {
    carbonbook: PathBuf,
    gen_book: PathBuf,
    bare_read: PathBuf,
}

fn bins(o: &Options) -> Result<Bins, String> {
    let exe = std::env::consts::EXE_SUFFIX;
    let find = |name: &str| {
        let p = o.bin_dir.join(format!("{name}{exe}"));
        if p.is_file() {
            Ok(p)
        } else {
            Err(format!(
                "{} not found; build first: cargo build --release -p carbonbook -p carbonbook-bench",
                p.display()
            ))
        }
    };
    let (carbonbook, gen_book, bare_read) = (find("carbonbook")?, find("gen_book")?, find("bare_read")?);
    if !o.copy {
        return Ok(Bins { carbonbook, gen_book, bare_read });
    }
    let dir = o.dir.join("bin");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    let copy = |p: &Path| {
        let to = dir.join(p.file_name().unwrap_or_default());
        std::fs::copy(p, &to).map_err(|e| format!("cannot copy {} to {}: {e}", p.display(), to.display()))?;
        Ok::<PathBuf, String>(to)
    };
    Ok(Bins { carbonbook: copy(&carbonbook)?, gen_book: copy(&gen_book)?, bare_read: copy(&bare_read)? })
}

/// Makes the book of `rows` rows unless it is there.
fn book(o: &Options, b: &Bins, rows: u32) -> Result<PathBuf, String> {
    let path = o.dir.join(format!("activities-{rows}.xlsx"));
    if path.is_file() {
        println!("book: {} ({}, reused)", path.display(), size_of(&path));
        return Ok(path);
    }
    let partial = o.dir.join(format!("activities-{rows}.partial.xlsx"));
    let start = Instant::now();
    let status = Command::new(&b.gen_book)
        .arg(rows.to_string())
        .arg(&partial)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", b.gen_book.display()))?;
    if !status.success() {
        return Err(format!("gen_book {rows} failed ({status})"));
    }
    std::fs::rename(&partial, &path).map_err(|e| format!("cannot rename to {}: {e}", path.display()))?;
    println!("book: {} ({}, generated in {:.1} s)", path.display(), size_of(&path), start.elapsed().as_secs_f64());
    Ok(path)
}

/// The three commands of one size.
struct Case {
    label: &'static str,
    program: PathBuf,
    args: Vec<OsString>,
    output: Option<PathBuf>,
}

fn bench(o: &Options, b: &Bins, rows: u32, runs: usize) -> Result<(), String> {
    println!();
    println!("== {rows} activity rows ==");
    let book = book(o, b, rows)?;
    let scratch = o.dir.join("time.txt");
    let time = o.time.as_deref();

    // The book must be valid, or calc measures the error path.
    let v = Command::new(&b.carbonbook)
        .arg("validate")
        .arg(&book)
        .output()
        .map_err(|e| format!("cannot run carbonbook validate: {e}"))?;
    let said = String::from_utf8_lossy(&v.stderr).lines().last().unwrap_or("").to_owned();
    if !v.status.success() {
        return Err(format!("carbonbook validate {} failed: {said}", book.display()));
    }
    println!("validate: {said}");

    let json = o.dir.join(format!("out-{rows}.json"));
    let xlsx = o.dir.join(format!("out-{rows}.xlsx"));
    let mut cases = vec![
        Case { label: "(a) bare_read", program: b.bare_read.clone(), args: vec![book.clone().into()], output: None },
        Case {
            label: "(b) calc --format json",
            program: b.carbonbook.clone(),
            args: vec![
                "calc".into(),
                book.clone().into(),
                "--format".into(),
                "json".into(),
                "-o".into(),
                json.clone().into(),
                "--quiet".into(),
            ],
            output: Some(json),
        },
        Case {
            label: "(c) calc -o results.xlsx",
            program: b.carbonbook.clone(),
            args: vec!["calc".into(), book.clone().into(), "-o".into(), xlsx.clone().into(), "--quiet".into()],
            output: Some(xlsx),
        },
    ];
    if o.extra {
        cases.push(Case {
            label: "(d) validate (no output)",
            program: b.carbonbook.clone(),
            args: vec!["validate".into(), book.clone().into()],
            output: None,
        });
        cases.push(Case {
            label: "(e) calc json > /dev/null",
            program: b.carbonbook.clone(),
            args: vec!["calc".into(), book.clone().into(), "--format".into(), "json".into(), "--quiet".into()],
            output: None,
        });
    }

    for _ in 0..o.warmup {
        for c in &cases {
            run(time, &scratch, &c.program, &c.args)?;
        }
    }

    let load_before = loadavg();
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); cases.len()];
    for round in 0..runs {
        let order: Vec<usize> =
            if round % 2 == 0 { (0..cases.len()).collect() } else { (0..cases.len()).rev().collect() };
        let mut line = format!("round {}:", round + 1);
        for i in order {
            let s = run(time, &scratch, &cases[i].program, &cases[i].args)?;
            line.push_str(&format!(
                "  {} {:.3}s{}",
                &cases[i].label[..3],
                s.wall,
                s.rss_kib.map(|k| format!(" {:.1}MiB", k as f64 / 1024.0)).unwrap_or_default()
            ));
            samples[i].push(s);
        }
        println!("{line}");
    }
    let load_after = loadavg();

    let walls: Vec<Vec<f64>> = samples.iter().map(|v| v.iter().map(|s| s.wall).collect()).collect();
    // CPU seconds (user + sys) per round, when GNU time gave them for every run.
    let cpus: Vec<Option<Vec<f64>>> = samples.iter().map(|v| v.iter().map(|s| s.cpu).collect()).collect();
    // Median and range of the per-round ratios x / bare.
    let paired = |x: &[f64], a: &[f64]| {
        let r: Vec<f64> = x.iter().zip(a).map(|(x, a)| x / a).collect();
        let (lo, hi) = range(&r);
        format!("{:.2}x [{lo:.2}-{hi:.2}]", median(&r))
    };
    println!();
    println!(
        "{:<26} {:>9} {:>17} {:>22} {:>9} {:>22} {:>12} {:>10}",
        "command",
        "wall med",
        "wall [min-max]",
        "wall x bare [range]",
        "cpu med",
        "cpu x bare [range]",
        "peak RSS",
        "output"
    );
    for (i, c) in cases.iter().enumerate() {
        let (lo, hi) = range(&walls[i]);
        let wall_ratio = if i == 0 { "1".to_owned() } else { paired(&walls[i], &walls[0]) };
        let (cpu, cpu_ratio) = match (&cpus[i], &cpus[0]) {
            (Some(x), Some(a)) => (format!("{:.3}s", median(x)), if i == 0 { "1".to_owned() } else { paired(x, a) }),
            _ => ("-".to_owned(), "-".to_owned()),
        };
        let rss = samples[i]
            .iter()
            .filter_map(|s| s.rss_kib)
            .max()
            .map(|k| format!("{:.1} MiB", k as f64 / 1024.0))
            .unwrap_or_else(|| "-".to_owned());
        println!(
            "{:<26} {:>8.3}s {:>17} {:>22} {:>9} {:>22} {:>12} {:>10}",
            c.label,
            median(&walls[i]),
            format!("[{lo:.3}-{hi:.3}]"),
            wall_ratio,
            cpu,
            cpu_ratio,
            rss,
            c.output.as_deref().map(size_of).unwrap_or_else(|| "-".to_owned())
        );
    }
    println!("peak RSS: the highest of the runs; cpu: user + sys from GNU time");
    println!(
        "rounds: {runs}, warm-up runs: {}, load average (1/5/15 min) before: {load_before}, after: {load_after}",
        o.warmup
    );
    Ok(())
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("bench_calc: {e}");
            }
            eprintln!("{USAGE}");
            return if e.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) };
        }
    };
    if let Err(e) = std::fs::create_dir_all(&o.dir) {
        eprintln!("bench_calc: cannot make {}: {e}", o.dir.display());
        return ExitCode::FAILURE;
    }
    let b = match bins(&o) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("bench_calc: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("work folder: {}; carbonbook: {}", o.dir.display(), b.carbonbook.display());
    println!("cpus: {}", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0));
    for (k, rows) in o.rows.iter().enumerate() {
        let runs = *o.runs.get(k).or(o.runs.last()).unwrap_or(&1);
        if let Err(e) = bench(&o, &b, *rows, runs) {
            eprintln!("bench_calc: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
