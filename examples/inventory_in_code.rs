//! Computes a small inventory in code and prints its ledger and totals.
//!
//! A cement maker with one kiln site: coal and natural gas in the kiln
//! (one measured coal calorific value), diesel trucks, grid electricity with
//! a green-power contract for part of it, and purchased steam. Run it with
//! `cargo run --example inventory_in_code`.

// A program, not a library: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use std::error::Error;

use carbonbook::core::inventory::{Activity, Facility, Inventory, Organisation, Production};
use carbonbook::core::period::Period;
use carbonbook::core::rounding::RoundingPolicy;
use carbonbook::core::scope::SourceCategory;
use carbonbook::core::trading::{Allocation, Scheme, TradingLine};
use carbonbook::core::units::{Quantity, Rate, Unit};
use rust_decimal_macros::dec;

fn main() {
    if let Err(e) = example() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn example() -> Result<(), Box<dyn Error>> {
    let mut inv = Inventory::new(Organisation::new("Example Cement Co.", 2023));
    let mut kiln = Facility::new("K1");
    kiln.name = "Kiln works".into();
    kiln.grid_region = Some("east".into());
    kiln.sector = Some("cement".into());
    inv.facilities.push(kiln);

    let mut coal = Activity::new(
        "K1",
        SourceCategory::StationaryCombustion,
        "bituminous_coal",
        Quantity::new(dec!(52000), Unit::Tonne),
    );
    coal.row = Some(2);
    coal.measured.ncv = Some(Rate::new(dec!(21.35), Unit::Gigajoule, Unit::Tonne));
    inv.activities.push(coal);

    let mut gas = Activity::new(
        "K1",
        SourceCategory::StationaryCombustion,
        "natural_gas",
        Quantity::new(dec!(180), "万立方米".parse()?),
    );
    gas.row = Some(3);
    inv.activities.push(gas);

    let mut diesel =
        Activity::new("K1", SourceCategory::MobileCombustion, "diesel", Quantity::new(dec!(640), Unit::Tonne));
    diesel.row = Some(4);
    inv.activities.push(diesel);

    for (row, month, kwh) in [(5, 1, dec!(950)), (6, 2, dec!(880))] {
        let mut power = Activity::new(
            "K1",
            SourceCategory::PurchasedElectricity,
            "electricity",
            Quantity::new(kwh, Unit::TenThousandKilowattHours),
        );
        power.row = Some(row);
        power.period = Some(Period::month(2023, month)?);
        power.contractual_factor = Some(dec!(0.2));
        inv.activities.push(power);
    }

    let mut steam =
        Activity::new("K1", SourceCategory::PurchasedHeat, "heat", Quantity::new(dec!(15000), Unit::Gigajoule));
    steam.row = Some(7);
    inv.activities.push(steam);

    inv.production.push(Production {
        row: Some(2),
        facility_id: "K1".into(),
        product: "clinker".into(),
        quantity: dec!(820000),
        unit: "t".into(),
        output_value: Some(dec!(310000000)),
        period: None,
    });
    let mut ets = TradingLine::new(Scheme::CnEts, "K1", 2023, Allocation::Given(dec!(120000)));
    ets.offsets = dec!(9000);
    ets.price = Some(dec!(80));
    inv.trading.push(ets);

    let results = inv.calculate()?;
    let show = RoundingPolicy::default();
    println!("{} — {} — GWP {}", results.organisation.name, results.methodology_title, results.organisation.gwp);
    println!("rounding for display: {show}\n");
    for line in &results.ledger {
        println!(
            "row {:>2}  {:<22} {:>14} t CO2e  {:>12} tce   {}",
            line.row.unwrap_or(0),
            line.source.key(),
            show.round(line.t_co2e),
            show.round(line.tce),
            results.factor_citations(line)
        );
    }
    let t = &results.summary.totals;
    println!("\nScope 1                 {:>14} t CO2e", show.round(t.scope1_t_co2e));
    println!("Scope 2 location-based  {:>14} t CO2e", show.round(t.scope2_location_t_co2e));
    println!("Scope 2 market-based    {:>14} t CO2e", show.round(t.scope2_market_t_co2e));
    println!("Energy                  {:>14} tce", show.round(t.energy_tce));
    if let Some(i) = results.intensity.tce_per_10k_output_value {
        println!("Energy intensity        {:>14} tce per 10^4 CNY", show.round(i));
    }
    for p in &results.trading {
        println!(
            "{} {} {}: position {} t, offsets counted {} t (excess {} t), shortfall cost {} CNY",
            p.scheme,
            p.facility_id,
            p.year,
            show.round(p.position_t),
            show.round(p.offsets_counted_t),
            show.round(p.offsets_excess_t),
            show.round(p.shortfall_cost)
        );
    }
    for w in &results.warnings {
        println!("warning: {w}");
    }
    Ok(())
}
