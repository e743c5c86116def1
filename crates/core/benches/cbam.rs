//! The cost of the EU CBAM figures of a large book: 200 installations, each
//! with a chain of five goods (pig iron → crude steel → hot-rolled coil →
//! cold-rolled sheet → coated sheet, each the precursor of the next, pig
//! iron from bought-in pellets) and 20,000 import lines of those goods,
//! through [`Inventory::calculate`] (no activity rows: an importer's and an
//! exporter's CBAM book); and 20,000 lines from China that leave the default
//! value, benchmark, CSCF and certificate price to the published tables.
//!
//! `cargo bench -p carbonbook-core --bench cbam`.
//!
//! [`Inventory::calculate`]: carbonbook_core::Inventory::calculate

use std::hint::black_box;

use carbonbook_core::cbam::{Good, ImportLine, Precursor, Quarter};
use carbonbook_core::inventory::{Facility, Inventory, Organisation};
use criterion::{Criterion, criterion_main};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const CHAIN: [&str; 5] = ["7201 10 11", "7206 10 00", "7208 51 20", "7209 16 90", "7210 49 00"];

fn book(installations: usize, lines: usize) -> Inventory {
    let mut inv = Inventory::new(Organisation::new("Bench CBAM Co.", 2026));
    for i in 0..installations {
        let f = format!("F{i}");
        inv.facilities.push(Facility::new(f.clone()));
        for (k, cn) in CHAIN.iter().enumerate() {
            let id = format!("G{i}-{k}");
            let mut g = Good::new(id.clone(), f.clone(), 2026, cn.parse().expect("Annex I"), dec!(1000));
            g.direct_t = Some(Decimal::from(100 + 10 * k as i64 + i as i64 % 7));
            g.electricity_mwh = Some(dec!(50));
            g.electricity_factor = Some(dec!(0.5703));
            inv.cbam.goods.push(g);
            if k == 0 {
                let mut p = Precursor::new(id, "pellets", dec!(1450));
                p.see_direct = Some(dec!(0.031));
                p.see_indirect = Some(dec!(0.017));
                p.cn_code = Some("2601 12 00".parse().expect("Annex I"));
                inv.cbam.precursors.push(p);
            } else {
                inv.cbam.precursors.push(Precursor::new(id, format!("G{i}-{}", k - 1), dec!(1020)));
            }
        }
    }
    for n in 0..lines {
        let g = format!("G{}-{}", n % installations, n % CHAIN.len());
        let mut line = ImportLine::new(2026, g, Decimal::from(10 + n as i64 % 90));
        line.quarter = Some(Quarter::new((n % 4) as u8 + 1).expect("1–4"));
        line.benchmark = Some(dec!(1.37));
        line.cscf = Some(dec!(1));
        line.certificate_price = Some(dec!(75.36));
        inv.cbam.imports.push(line);
    }
    inv
}

/// `lines` import lines of the chain's goods from China with nothing but
/// the mass: the default value, benchmark, CSCF and certificate price are
/// looked up in the published tables on every line.
fn default_lines(lines: usize) -> Inventory {
    let mut inv = Inventory::new(Organisation::new("Bench CBAM importer", 2026));
    for n in 0..lines {
        let cn = CHAIN[n % CHAIN.len()];
        let mut line = ImportLine::new(2026, cn, Decimal::from(10 + n as i64 % 90));
        line.cn_code = Some(cn.parse().expect("Annex I"));
        line.origin = Some("CN".to_owned());
        line.quarter = Some(Quarter::new(1).expect("1–4"));
        inv.cbam.imports.push(line);
    }
    inv
}

fn bench(c: &mut Criterion) {
    let inv = book(200, 20_000);
    let r = inv.calculate().expect("the bench book calculates");
    assert_eq!(r.cbam.as_ref().map(|c| c.goods.len()), Some(1000));
    let mut group = c.benchmark_group("cbam");
    group.sample_size(20);
    group.bench_function("1000 goods, 20000 import lines", |b| {
        b.iter(|| black_box(inv.calculate().expect("calculates")))
    });
    let defaults = default_lines(20_000);
    let r = defaults.calculate().expect("the default-line book calculates");
    assert!(r.cbam.as_ref().is_some_and(|c| c.imports.iter().all(|l| l.benchmark_from.is_some())));
    group.bench_function("20000 default lines from China, published values looked up", |b| {
        b.iter(|| black_box(defaults.calculate().expect("calculates")))
    });
    group.finish();
}

#[allow(missing_docs)] // criterion_group! generates an undocumented function.
mod group {
    criterion::criterion_group!(benches, super::bench);
}

criterion_main!(group::benches);
