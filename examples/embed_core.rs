//! carbonbook-core embedded in a program of 30 lines: a steel works' coke,
//! grid electricity and output, to totals and intensity. No workbook, no
//! I/O: the engine is a library. `cargo run --example embed_core`.

#![allow(clippy::print_stdout)] // A program: it reports on the terminal.

use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation, Production};
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::units::{Quantity, Unit};
use carbonbook_core::{MethodologyId, dec};

fn main() -> Result<(), carbonbook_core::error::CalcErrors> {
    let mut org = Organisation::new("Example Steel Co.", 2024);
    org.set_methodology(MethodologyId::CnGbt32150);
    let mut inv = Inventory::new(org);
    inv.facilities.push(Facility::new("S1"));
    let coke = Quantity::new(dec!(40000), Unit::Tonne);
    inv.activities.push(Activity::new("S1", SourceCategory::StationaryCombustion, "焦炭", coke));
    let power = Quantity::new(dec!(8000), "万千瓦时".parse().expect("a unit"));
    inv.activities.push(Activity::new("S1", SourceCategory::PurchasedElectricity, "electricity", power));
    inv.production.push(Production::new("S1", "pig iron", dec!(500000), "t", Some(dec!(1500000000))));
    let r = inv.calculate()?;
    let t = &r.summary.totals;
    println!("Scope 1 {} t CO2e, Scope 2 {} t CO2e (location)", t.scope1_t_co2e, t.scope2_location_t_co2e);
    println!("energy {} tce", t.energy_tce);
    println!("{:?} t CO2e per 10,000 CNY of output", r.intensity.t_co2e_per_10k_output_value);
    for w in &r.warnings {
        println!("warning: {w}");
    }
    Ok(())
}
