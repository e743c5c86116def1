//! The cost of a small calculation in process: one activity row through
//! [`Inventory::calculate`], with the built-in factor library already
//! parsed (it is parsed once per process, per set, on first use). Target:
//! at most 100 µs per calculation.
//!
//! `cargo bench -p carbonbook-core --bench small`.
//!
//! [`Inventory::calculate`]: carbonbook_core::Inventory::calculate

use std::hint::black_box;

use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::units::{Quantity, Unit};
use criterion::{Criterion, criterion_main};
use rust_decimal_macros::dec;

fn one_row(methodology: &str, key: &str, unit: Unit) -> Inventory {
    let mut org = Organisation::new("Bench Co.", 2024);
    org.methodology = methodology.to_owned();
    let mut inv = Inventory::new(org);
    let mut f = Facility::new("F1");
    f.country = "CN".to_owned();
    inv.facilities.push(f);
    inv.activities.push(Activity::new("F1", SourceCategory::StationaryCombustion, key, Quantity::new(dec!(100), unit)));
    inv
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("one_row_calculate");
    for (method, key, unit) in [
        ("cn-gbt32150", "diesel", Unit::Tonne),
        ("ipcc-2006", "natural_gas", Unit::Terajoule),
        ("epa-hub-2024", "natural_gas", Unit::MmBtu),
    ] {
        let inv = one_row(method, key, unit);
        // Parse the sets this method needs before timing.
        inv.calculate().expect("the bench inventory calculates");
        group.bench_function(method, |b| b.iter(|| black_box(inv.calculate().expect("calculates"))));
    }
    group.finish();
}

#[allow(missing_docs)] // criterion_group! generates an undocumented function.
mod group {
    criterion::criterion_group!(benches, super::bench);
}

criterion_main!(group::benches);
