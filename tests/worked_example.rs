//! The contract's worked example (`spec/examples/example-steel`), computed
//! in code through the facade crate. The expected figures are those of
//! `example-steel.expected.json`, computed there with 50-digit decimals from
//! the formulas of workbook-v1 and cli-v1.

use carbonbook::core::Decimal;
use carbonbook::core::inventory::{Activity, CustomFactor, Facility, Inventory, Measured, Organisation, Production};
use carbonbook::core::scope::SourceCategory;
use carbonbook::core::trading::{Allocation, Scheme, TradingLine};
use carbonbook::core::units::{Quantity, Rate, Unit};
use rust_decimal_macros::dec;

fn close(got: Decimal, want: &str) {
    let want: Decimal = want.parse().unwrap();
    let tol = (want.abs() * dec!(0.000000000000000000001)).max(dec!(0.000000000000000000001));
    assert!((got - want).abs() <= tol, "got {got}, want {want}");
}

fn steel() -> Inventory {
    let mut inv = Inventory::new(Organisation::new("Example Steel Co.", 2024));
    for id in ["S1", "S2"] {
        let mut f = Facility::new(id);
        f.sector = Some("steel".into());
        inv.facilities.push(f);
    }
    inv.factors.push(CustomFactor {
        row: Some(2),
        key: "grid_2023".into(),
        gas: "CO2".parse().unwrap(),
        value: dec!(0.5306),
        unit: "tCO2/MWh".parse().unwrap(),
        source: "MEE/NBS 2023 national average electricity CO2 factor".into(),
        tce_per_unit: Some(dec!(0.1229)),
    });
    let mut coke =
        Activity::new("S1", SourceCategory::StationaryCombustion, "coke", Quantity::new(dec!(40000), Unit::Tonne));
    coke.measured = Measured {
        ncv: Some(Rate::new(dec!(28.435), Unit::Gigajoule, Unit::Tonne)),
        carbon_content: Some(dec!(0.0295)),
        oxidation: Some(dec!(0.93)),
    };
    let mut gas = Activity::new(
        "S1",
        SourceCategory::StationaryCombustion,
        "natural_gas",
        Quantity::new(dec!(300), Unit::TenThousandCubicMetres),
    );
    gas.measured = Measured {
        ncv: Some(Rate::new(dec!(389.31), Unit::Gigajoule, Unit::TenThousandCubicMetres)),
        carbon_content: Some(dec!(0.0153)),
        oxidation: Some(dec!(0.99)),
    };
    let mut power = Activity::new(
        "S2",
        SourceCategory::PurchasedElectricity,
        "grid_2023",
        Quantity::new(dec!(8000), "万千瓦时".parse().unwrap()),
    );
    power.contractual_factor = Some(dec!(0.3));
    inv.activities.extend([coke, gas, power]);
    for (f, p, q, v) in
        [("S1", "pig iron", dec!(500000), dec!(1500000000)), ("S2", "hot-rolled coil", dec!(480000), dec!(1900000000))]
    {
        inv.production.push(Production {
            row: None,
            facility_id: f.into(),
            product: p.into(),
            quantity: q,
            unit: "t".into(),
            output_value: Some(v),
            period: None,
        });
    }
    let mut ets = TradingLine::new(Scheme::CnEts, "S1", 2024, Allocation::Given(dec!(120000)));
    ets.verified = Some(dec!(130000));
    ets.offsets = dec!(8000);
    ets.price = Some(dec!(95));
    inv.trading.push(ets);
    inv
}

#[test]
fn example_steel_totals_match_the_contract() {
    let r = steel().calculate().unwrap();
    let t = &r.summary.totals;
    close(t.scope1_t_co2e, "120903.31942700000000000000000000000000000000000000");
    close(t.scope2_location_t_co2e, "42448.0000");
    close(t.scope2_market_t_co2e, "24000.0");
    close(t.total_location_t_co2e().unwrap(), "163351.31942700000000000000000000000000000000000000");
    close(t.total_market_t_co2e().unwrap(), "144903.31942700000000000000000000000000000000000000");
    close(t.energy_tce, "52626.121661275573571360329743820715445822926476409");
    close(r.intensity.output_value, "3400000000");
    close(r.intensity.tce_per_10k_output_value.unwrap(), "0.15478271076845756932753038159947269248771448963650");
    close(r.intensity.t_co2e_per_10k_output_value.unwrap(), "0.48044505713823529411764705882352941176470588235294");
}

#[test]
fn example_steel_products_and_trading_match_the_contract() {
    let r = steel().calculate().unwrap();
    let pig = &r.intensity.facilities[0].products[0];
    assert_eq!(pig.product, "pig iron");
    close(pig.t_co2e_per_unit.unwrap(), "0.24180663885400000000000000000000000000000000");
    close(pig.tce_per_unit.unwrap(), "0.085588243322551147142720659487641430891645852952818");
    let coil = &r.intensity.facilities[1].products[0];
    close(coil.t_co2e_per_unit.unwrap(), "0.088433333333333333333333333333333333333333333333333");
    close(coil.tce_per_unit.unwrap(), "0.020483333333333333333333333333333333333333333333333");
    let p = &r.trading[0];
    close(p.allocated_t, "120000");
    close(p.verified_t, "130000");
    close(p.offsets_counted_t, "6500.00");
    close(p.offsets_excess_t, "1500.00");
    close(p.position_t, "-3500.00");
    close(p.shortfall_cost, "332500.00");
    close(p.penalty, "0");
}
