//! Throughput of the calculation engine: a million activity lines through
//! [`Calculator`] (`new`, `add` for every line, `finish`), keeping the
//! ledger in a `Vec` as [`Inventory::calculate`] does, under both built-in
//! methodologies; and, as the reference, a million bare `Decimal`
//! multiply-adds.
//!
//! `cargo bench -p carbonbook-core --bench ledger` runs the real benchmark
//! (under two minutes). It times wall-clock by default; with
//! `BENCH_CLOCK=cpu` it times the CPU the process used (user + system, so
//! page faults count), which is the one-core figure even on a machine busy
//! with other work. With `-- --test` (CI keeping the bench compiling)
//! each routine runs once on 10,000 lines instead of 1,000,000.
//!
//! [`Inventory::calculate`]: carbonbook_core::Inventory::calculate

use std::hint::black_box;
use std::time::Duration;

use carbonbook_core::Decimal;
use carbonbook_core::calculation::Calculator;
use carbonbook_core::inventory::{Activity, Facility, Organisation};
use carbonbook_core::period::Period;
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::units::{Quantity, Rate, Unit};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_main};

/// Lines per benchmark run.
const LINES: usize = 1_000_000;
/// Lines when criterion is only checking that the benchmark runs (`--test`).
const TEST_LINES: usize = 10_000;
/// Facilities the lines are spread over.
const FACILITIES: usize = 50;
/// The reporting year.
const YEAR: i32 = 2024;
/// Fixed seed: every run computes the same lines.
const SEED: u64 = 0x00C0_FFEE_2024_0001;

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, deterministic.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (the modulo bias is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A decimal `lo..hi` (in units of 10^-scale), e.g. `decimal(0, 1_000_000, 2)`
    /// is 0.00 to 9,999.99.
    fn decimal(&mut self, lo: i64, hi: i64, scale: u32) -> Decimal {
        Decimal::new(lo + self.below((hi - lo) as u64) as i64, scale)
    }
}

/// One kind of activity row: key, source, unit, share of the rows in ‰, and
/// for fuels the measured-NCV denominator and a plausible NCV range (GJ per
/// unit, 3 decimals), carbon content (t C/GJ, 5 decimals) and oxidation rate.
struct Kind {
    key: &'static str,
    source: SourceCategory,
    unit: Unit,
    per_mille: u64,
    /// Largest quantity of a row, in the unit (rows have 0.01 to this, 2 decimals).
    max_quantity: i64,
    /// (NCV range ×1000, carbon content range ×100000, oxidation range ×100).
    measured: Option<(Range, Range, Range)>,
}

/// A half-open range of mantissas.
type Range = (i64, i64);

const STATIONARY: SourceCategory = SourceCategory::StationaryCombustion;
const MOBILE: SourceCategory = SourceCategory::MobileCombustion;

const KINDS: &[Kind] = &[
    Kind {
        key: "coke",
        source: STATIONARY,
        unit: Unit::Tonne,
        per_mille: 110,
        max_quantity: 500_000,
        measured: Some(((27_500, 29_500), (2_850, 3_050), (90, 99))),
    },
    Kind {
        key: "diesel",
        source: MOBILE,
        unit: Unit::Tonne,
        per_mille: 110,
        max_quantity: 2_000,
        measured: Some(((42_000, 43_300), (1_980, 2_060), (95, 100))),
    },
    Kind {
        key: "natural_gas",
        source: STATIONARY,
        unit: Unit::TenThousandCubicMetres,
        per_mille: 150,
        max_quantity: 50_000,
        measured: Some(((380_000, 395_000), (1_500, 1_560), (97, 100))),
    },
    Kind {
        key: "bituminous_coal",
        source: STATIONARY,
        unit: Unit::Tonne,
        per_mille: 150,
        max_quantity: 2_000_000,
        measured: Some(((18_500, 23_500), (2_500, 2_700), (88, 98))),
    },
    Kind {
        key: "fuel_oil",
        source: STATIONARY,
        unit: Unit::Tonne,
        per_mille: 70,
        max_quantity: 20_000,
        measured: Some(((40_500, 41_500), (2_080, 2_140), (96, 100))),
    },
    Kind {
        key: "lpg",
        source: STATIONARY,
        unit: Unit::Tonne,
        per_mille: 60,
        max_quantity: 5_000,
        measured: Some(((49_500, 51_000), (1_690, 1_740), (97, 100))),
    },
    Kind {
        key: "electricity",
        source: SourceCategory::PurchasedElectricity,
        unit: Unit::MegawattHour,
        per_mille: 180,
        max_quantity: 100_000,
        measured: None,
    },
    Kind {
        key: "electricity",
        source: SourceCategory::PurchasedElectricity,
        unit: Unit::TenThousandKilowattHours,
        per_mille: 100,
        max_quantity: 10_000,
        measured: None,
    },
    Kind {
        key: "heat",
        source: SourceCategory::PurchasedHeat,
        unit: Unit::Gigajoule,
        per_mille: 70,
        max_quantity: 500_000,
        measured: None,
    },
];

/// The organisation, its facilities and `n` activity lines for `methodology`.
///
/// About 30 % of fuel rows carry a measured NCV, carbon content and
/// oxidation rate. IPCC 2006 gives calorific values per mass only, so under
/// `ipcc-2006` every natural-gas row (in 10^4 m3) carries a measured NCV.
/// A quarter of electricity rows carry a contractual factor.
fn inventory(methodology: &str, n: usize) -> (Organisation, Vec<Facility>, Vec<Activity>) {
    assert_eq!(KINDS.iter().map(|k| k.per_mille).sum::<u64>(), 1000);
    let mut org = Organisation::new("Benchmark Group", YEAR);
    org.methodology = methodology.to_owned();
    let sectors = ["cement", "steel", "chemicals", "power", "commercial"];
    let regions = [None, Some("north"), Some("east"), Some("south"), Some("ets")];
    let facilities: Vec<Facility> = (0..FACILITIES)
        .map(|i| {
            let mut f = Facility::new(format!("F{i:02}"));
            f.sector = Some(sectors[i % sectors.len()].to_owned());
            f.grid_region = regions[i / sectors.len() % regions.len()].map(str::to_owned);
            f
        })
        .collect();
    let ipcc = methodology == "ipcc-2006";
    let mut rng = SplitMix64(SEED);
    let activities = (0..n)
        .map(|i| {
            let mut pick = rng.below(1000);
            let kind = KINDS
                .iter()
                .find(|k| {
                    let hit = pick < k.per_mille;
                    pick = pick.saturating_sub(k.per_mille);
                    hit
                })
                .expect("shares add up to 1000");
            let facility = &facilities[rng.below(FACILITIES as u64) as usize].id;
            let quantity = Quantity::new(rng.decimal(1, kind.max_quantity * 100, 2), kind.unit);
            let mut a = Activity::new(facility.as_str(), kind.source, kind.key, quantity);
            a.row = Some(i as u32 + 2);
            a.period = Some(Period::month(YEAR, rng.below(12) as u8 + 1).expect("a month"));
            if let Some((ncv, cc, of)) = kind.measured {
                let gas_under_ipcc = ipcc && kind.unit == Unit::TenThousandCubicMetres;
                if rng.chance(30) {
                    a.measured.ncv = Some(Rate::new(rng.decimal(ncv.0, ncv.1, 3), Unit::Gigajoule, kind.unit));
                    a.measured.carbon_content = Some(rng.decimal(cc.0, cc.1, 5));
                    a.measured.oxidation = Some(rng.decimal(of.0, of.1 + 1, 2).min(Decimal::ONE));
                } else if gas_under_ipcc {
                    a.measured.ncv = Some(Rate::new(rng.decimal(ncv.0, ncv.1, 3), Unit::Gigajoule, kind.unit));
                }
            }
            if kind.source == SourceCategory::PurchasedElectricity && rng.chance(25) {
                a.contractual_factor = Some(rng.decimal(0, 6_000, 4));
            }
            a
        })
        .collect();
    (org, facilities, activities)
}

/// Everything `Inventory::calculate` does with the activities: the ledger
/// kept in a `Vec`, then the summary. Returns the results to be dropped by
/// the caller (inside the timing, as a user's program would).
fn calculate(org: &Organisation, facilities: &[Facility], activities: &[Activity]) -> carbonbook_core::Results {
    let mut calc = Calculator::new(org, facilities, &[]).expect("valid setup");
    let mut lines = Vec::with_capacity(activities.len());
    let mut errors = Vec::new();
    for a in activities {
        match calc.add(a) {
            Ok(line) => lines.extend(line),
            Err(e) => errors.push(e),
        }
    }
    assert!(errors.is_empty(), "benchmark rows must all compute: {}", errors[0]);
    calc.finish(lines, &[], &[]).expect("no production or trading rows")
}

/// The streaming engine as `carbonbook calc` drives it: every line is
/// computed and handed on, none is kept; then the summary.
fn calculate_streaming(
    org: &Organisation,
    facilities: &[Facility],
    activities: &[Activity],
) -> carbonbook_core::Results {
    let mut calc = Calculator::new(org, facilities, &[]).expect("valid setup");
    for a in activities {
        black_box(calc.add(a).expect("benchmark rows must all compute"));
    }
    calc.finish(Vec::new(), &[], &[]).expect("no production or trading rows")
}

/// Whether criterion was started with `--test` (run each benchmark once).
fn test_mode() -> bool {
    std::env::args().any(|a| a == "--test")
}

fn ledger<M: criterion::measurement::Measurement>(c: &mut Criterion<M>) {
    // BENCH_LINES overrides the count, e.g. for instruction counts under
    // callgrind at two sizes (the difference is the per-line cost).
    let n = std::env::var("BENCH_LINES").ok().and_then(|v| v.parse().ok()).unwrap_or(if test_mode() {
        TEST_LINES
    } else {
        LINES
    });
    let mut group = c.benchmark_group("ledger");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Elements(n as u64));
    // BENCH_METHOD limits the run to one methodology (for profiling).
    let only = std::env::var("BENCH_METHOD").ok();
    for methodology in ["cn-gbt32150", "ipcc-2006"] {
        if only.as_deref().is_some_and(|m| m != methodology) {
            continue;
        }
        let (org, facilities, activities) = inventory(methodology, n);
        // The ledger must be the real thing: every row computed, non-zero.
        let check = calculate(&org, &facilities, &activities);
        assert_eq!(check.ledger.len(), n);
        assert!(check.summary.totals.scope1_t_co2e > Decimal::ZERO);
        drop(check);
        group.bench_function(BenchmarkId::new("calculate", methodology), |b| {
            b.iter(|| calculate(black_box(&org), black_box(&facilities), black_box(&activities)))
        });
        group.bench_function(BenchmarkId::new("streaming", methodology), |b| {
            b.iter(|| calculate_streaming(black_box(&org), black_box(&facilities), black_box(&activities)))
        });
    }

    // The reference: one checked multiply and one checked add per element,
    // quantity × factor with the scales of the lines above.
    let mut rng = SplitMix64(SEED);
    let pairs: Vec<(Decimal, Decimal)> =
        (0..n).map(|_| (rng.decimal(1, 50_000_000, 2), rng.decimal(18_000, 50_000, 3))).collect();
    group.bench_function("decimal_mul_add", |b| {
        b.iter(|| {
            let mut acc = Decimal::ZERO;
            for &(q, f) in black_box(&pairs) {
                let p = q.checked_mul(f).expect("no overflow");
                acc = acc.checked_add(p).expect("no overflow");
            }
            acc
        })
    });
    group.finish();
}

// `criterion_group!` defines undocumented public functions.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(wall, super::ledger);
    criterion::criterion_group! {
        name = cpu;
        config = criterion::Criterion::default().with_measurement(super::cpu_clock::ProcessCpuTime);
        targets = super::ledger
    }

    /// Runs the group under the clock `BENCH_CLOCK` names (`cpu` or wall).
    pub fn benches() {
        if std::env::var("BENCH_CLOCK").is_ok_and(|c| c == "cpu") { cpu() } else { wall() }
    }
}
criterion_main!(group::benches);

/// Process CPU time (user + system), for `BENCH_CLOCK=cpu`.
mod cpu_clock {
    use std::time::Duration;

    use criterion::measurement::{Measurement, ValueFormatter, WallTime};

    /// Criterion measurement of the CPU time the process used.
    pub struct ProcessCpuTime;

    fn now() -> Duration {
        cpu_time::ProcessTime::now().as_duration()
    }

    impl Measurement for ProcessCpuTime {
        type Intermediate = Duration;
        type Value = Duration;

        fn start(&self) -> Duration {
            now()
        }
        fn end(&self, start: Duration) -> Duration {
            now() - start
        }
        fn add(&self, a: &Duration, b: &Duration) -> Duration {
            *a + *b
        }
        fn zero(&self) -> Duration {
            Duration::ZERO
        }
        fn to_f64(&self, v: &Duration) -> f64 {
            v.as_nanos() as f64
        }
        fn formatter(&self) -> &dyn ValueFormatter {
            // Nanoseconds, like wall time.
            WallTime.formatter()
        }
    }
}
