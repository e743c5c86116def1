//! Throughput of green finance: a portfolio of 100,000 exposures of every
//! PCAF asset class (each with its denominator, Scopes 1–3 and a data-
//! quality score or option) and 1,000 green projects through
//! [`finance::compute`]: attribution, financed emissions, totals by class,
//! weighted data quality, per million invested, project reductions.
//! Target: well under a second for the 100,000 exposures.
//!
//! `cargo bench -p carbonbook-core --bench portfolio`. With `-- --test`
//! (CI keeping the bench compiling) each routine runs once on 10,000
//! exposures instead. `BENCH_EXPOSURES` overrides the count.
//!
//! [`finance::compute`]: carbonbook_core::finance::compute

use std::hint::black_box;
use std::time::Duration;

use carbonbook_core::Decimal;
use carbonbook_core::finance::{self, AssetClass, DataQuality, Exposure, Project, ProjectKind};
use criterion::{Criterion, SamplingMode, Throughput, criterion_main};

/// Exposures per run.
const EXPOSURES: usize = 100_000;
/// Exposures when criterion is only checking that the benchmark runs.
const TEST_EXPOSURES: usize = 10_000;
/// Green projects per run.
const PROJECTS: usize = 1_000;
/// Fixed seed: every run computes the same portfolio.
const SEED: u64 = 0x00C0_FFEE_2024_0015;

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

    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A decimal `lo..hi` in units of 10^-scale.
    fn decimal(&mut self, lo: i64, hi: i64, scale: u32) -> Decimal {
        Decimal::new(lo + self.below((hi - lo) as u64) as i64, scale)
    }
}

/// `n` exposures spread over the nine classes, amounts with 2 decimals,
/// emissions with 3; a tenth of the business loans give equity and debt
/// apart (a few with negative equity), a tenth of the vehicles no value, a
/// third of the exposures a Scope 3, every one a score or an option.
fn portfolio(n: usize) -> Vec<Exposure> {
    let mut rng = SplitMix64(SEED);
    (0..n)
        .map(|i| {
            let class = AssetClass::ALL[rng.below(AssetClass::ALL.len() as u64) as usize];
            let outstanding = rng.decimal(100_000, 5_000_000_000, 2);
            let denominator = outstanding * Decimal::from(rng.below(200) + 2);
            let mut e = Exposure::new(format!("E{i:06}"), class, outstanding);
            e.row = Some(i as u32 + 2);
            match class {
                AssetClass::ListedEquity | AssetClass::CorporateBond => e.evic = Some(denominator),
                AssetClass::BusinessLoan if rng.below(10) == 0 => {
                    e.total_equity = Some(rng.decimal(-1_000_000, 50_000_000, 0));
                    e.total_debt = Some(denominator);
                }
                AssetClass::BusinessLoan | AssetClass::UnlistedEquity | AssetClass::ProjectFinance => {
                    e.total_equity_plus_debt = Some(denominator)
                }
                AssetClass::CommercialRealEstate | AssetClass::Mortgage => e.property_value = Some(denominator),
                AssetClass::MotorVehicleLoan => e.vehicle_value = (rng.below(10) != 0).then_some(denominator),
                AssetClass::SovereignDebt => e.ppp_gdp = Some(denominator * Decimal::from(1000)),
            }
            e.scope1_t = Some(rng.decimal(0, 5_000_000_000, 3));
            e.scope2_t = Some(rng.decimal(0, 500_000_000, 3));
            if rng.below(3) == 0 {
                e.scope3_t = Some(rng.decimal(0, 50_000_000_000, 3));
            }
            e.data_quality = if rng.below(2) == 0 {
                DataQuality::score(rng.below(5) as u8 + 1)
            } else {
                let table = class.dq_table();
                let option = table[rng.below(table.len() as u64) as usize].0;
                Some(DataQuality::parse(class, option.code()).expect("an option of the class"))
            };
            e
        })
        .collect()
}

/// Green projects: a quarter by baseline − project, the rest by net
/// generation and the combined margin.
fn projects(n: usize) -> Vec<Project> {
    let mut rng = SplitMix64(SEED ^ 1);
    (0..n)
        .map(|i| {
            let kind = ProjectKind::ALL[rng.below(ProjectKind::ALL.len() as u64) as usize];
            let mut p = Project::new(format!("P{i:05}"), kind);
            p.row = Some(i as u32 + 2);
            if rng.below(4) == 0 {
                p.baseline_t = Some(rng.decimal(1_000_000, 100_000_000, 3));
                p.project_t = Some(rng.decimal(0, 1_000_000, 3));
                p.energy_saved_tce = Some(rng.decimal(0, 10_000_000, 3));
            } else {
                p.net_generation_mwh = Some(rng.decimal(1_000, 50_000_000, 3));
                p.om_factor = Some(rng.decimal(6_000, 11_000, 4));
                p.bm_factor = Some(rng.decimal(2_000, 5_000, 4));
                p.crediting_period = Some(rng.below(3) as u8 + 1);
                p.coal_rate_gce_per_kwh = Some(rng.decimal(2_900, 3_100, 1));
            }
            p.total_investment = Some(rng.decimal(100_000_000, 10_000_000_000, 2));
            p.loan_balance = p.total_investment.map(|t| (t * Decimal::new(rng.below(90) as i64 + 5, 2)).round_dp(2));
            p
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let test = std::env::args().any(|a| a == "--test");
    let n = std::env::var("BENCH_EXPOSURES").ok().and_then(|v| v.parse().ok()).unwrap_or(if test {
        TEST_EXPOSURES
    } else {
        EXPOSURES
    });
    let exposures = portfolio(n);
    let projects = projects(PROJECTS);
    // The figures must be the real thing: every exposure computed.
    let check = finance::compute(&exposures, &projects).expect("every benchmark row computes");
    assert_eq!(check.portfolio.exposures.len(), n);
    assert_eq!(check.portfolio.by_asset_class.len(), AssetClass::ALL.len());
    assert!(check.portfolio.financed_t_co2e > Decimal::ZERO && check.projects.reduction_t > Decimal::ZERO);
    drop(check);

    let mut group = c.benchmark_group("portfolio");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(n as u64));
    group.bench_function("compute", |b| {
        b.iter(|| finance::compute(black_box(&exposures), black_box(&projects)).expect("computes"))
    });
    group.bench_function("compute_exposures_only", |b| {
        b.iter(|| finance::compute(black_box(&exposures), &[]).expect("computes"))
    });
    group.finish();
}

// `criterion_group!` defines undocumented public functions.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
