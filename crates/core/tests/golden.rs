//! Golden tests: the engine against published numbers.
//!
//! Every test computes through the public API (mostly `Inventory::calculate`)
//! and compares with a figure printed in a named document: GB/T 32151 / GB/T
//! 32150 fuel defaults and the factors derived from them, the 2006 IPCC
//! Guidelines tables, the US EPA GHG Emission Factors Hub 2024, the IPCC GWP
//! tables, GB/T 2589 standard-coal coefficients, the MEE/NBS electricity
//! factors, the trading rules of the CN-ETS and EU ETS, and the worked example
//! of the workbook contract (`fixtures/spec/example-steel.*`, a copy of the contract's `spec/examples/`). The
//! source is named in each test's doc comment or in its data table.
//!
//! Bulk tables live in `tests/golden/*.csv` (one published value per row, with
//! its source), read by [`table`] in the style of rust_decimal's CSV golden
//! tables. Where a document prints a rounded figure, the exact engine result
//! is rounded the way the document rounds and compared with the printed
//! digits.

use carbonbook_core::calculation::Results;
use carbonbook_core::energy::{self, ElectricityBasis, GJ_PER_TCE};
use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
use carbonbook_core::factors::FactorLibrary;
use carbonbook_core::field::Field;
use carbonbook_core::gas::{Gas, GwpSet};
use carbonbook_core::intensity::{self, BaseYear};
use carbonbook_core::inventory::{Activity, CustomFactor, Facility, Inventory, Organisation, Production};
use carbonbook_core::ledger::{LedgerLine, MarketBasis, TceBasis};
use carbonbook_core::period::Period;
use carbonbook_core::rounding::{RoundingMode, RoundingPolicy};
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::trading::{Allocation, EU_ETS_PENALTY_PER_T, Scheme, TradingLine};
use carbonbook_core::units::{Quantity, Rate, Unit, UnitError};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The data rows of a golden CSV table: `#` comment lines and the header
/// line are skipped, fields are split on commas and trimmed.
fn table(text: &'static str) -> Vec<Vec<&'static str>> {
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split(',').map(str::trim).collect())
        .collect();
    assert!(!rows.is_empty(), "golden table has no rows");
    rows
}

/// A decimal from text. Text with more than 28 significant digits (the
/// Python-computed figures of the example) is rounded to what a `Decimal`
/// holds.
fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_else(|e| panic!("not a decimal: {s:?}: {e}"))
}

/// Rounds the way Chinese statistics and the EPA Hub round (四舍五入, half
/// away from zero), through the engine's presentation rounding.
fn half_up(v: Decimal, dp: u32) -> Decimal {
    RoundingPolicy::new(dp, RoundingMode::HalfAwayFromZero).round(v)
}

/// Asserts `got` equals `expected` to a relative 1e-20.
#[track_caller]
fn assert_rel(got: Decimal, expected: &str, what: &str) {
    let e = d(expected);
    let tolerance = e.abs() * dec!(0.00000000000000000001);
    assert!((got - e).abs() <= tolerance, "{what}: got {got}, expected {expected}");
}

fn org(year: i32) -> Organisation {
    Organisation::new("Golden Co.", year)
}

fn ipcc_org(year: i32, gwp: GwpSet) -> Organisation {
    let mut o = Organisation::new("Golden Co.", year);
    o.methodology = "ipcc-2006".to_owned();
    o.gwp = gwp;
    o
}

fn facility(id: &str, sector: Option<&str>, grid_region: Option<&str>) -> Facility {
    let mut f = Facility::new(id);
    f.sector = sector.map(str::to_owned);
    f.grid_region = grid_region.map(str::to_owned);
    f
}

fn act(facility: &str, source: SourceCategory, key: &str, qty: Decimal, unit: Unit) -> Activity {
    Activity::new(facility, source, key, Quantity::new(qty, unit))
}

fn fuel(key: &str, qty: Decimal, unit: Unit) -> Activity {
    act("F", SourceCategory::StationaryCombustion, key, qty, unit)
}

fn electricity(qty: Decimal, unit: Unit) -> Activity {
    act("F", SourceCategory::PurchasedElectricity, "electricity", qty, unit)
}

#[track_caller]
fn calc(inv: &Inventory) -> Results {
    inv.calculate().unwrap_or_else(|e| panic!("{e}"))
}

/// One facility `F` with the given sector and grid region, and these activities.
#[track_caller]
fn run(o: Organisation, sector: Option<&str>, region: Option<&str>, activities: Vec<Activity>) -> Results {
    let mut inv = Inventory::new(o);
    inv.facilities.push(facility("F", sector, region));
    inv.activities = activities;
    calc(&inv)
}

/// The tonnes of `gas` on a ledger line (zero when the line has none).
fn gas_t(line: &LedgerLine, gas: Gas) -> Decimal {
    line.gases.iter().find(|g| g.gas == gas).map_or(Decimal::ZERO, |g| g.t)
}

fn custom(key: &str, gas: Gas, value: Decimal, unit: &str, source: &str) -> CustomFactor {
    CustomFactor {
        row: None,
        key: key.to_owned(),
        gas,
        value,
        unit: unit.parse().unwrap_or_else(|e| panic!("{unit}: {e}")),
        source: source.to_owned(),
        tce_per_unit: None,
    }
}

fn product(facility: &str, name: &str, qty: Decimal, output_value: Option<Decimal>) -> Production {
    Production {
        row: None,
        facility_id: facility.to_owned(),
        product: name.to_owned(),
        quantity: qty,
        unit: "t".to_owned(),
        output_value,
        period: None,
    }
}

fn the_errors(inv: &Inventory) -> Vec<CalcError> {
    match inv.calculate() {
        Ok(_) => panic!("expected errors, the inventory calculated"),
        Err(e) => e.0,
    }
}

// ---------------------------------------------------------------------------
// GB/T 32150 method (cn-gbt32150): E = FC × NCV × CC × OF × 44/12 with the
// GB/T 32151.22-2024 Appendix C Table C.1 defaults. The published per-unit
// factors are those of the compiled table 《各种能源折标准煤及碳排放参考系数》
// (book118, 2020; cn_NOTES.md §9 WE1), which prints EF = NCV × CC × OF × 44/12
// in tCO2/t to four decimals.
// ---------------------------------------------------------------------------

macro_rules! gbt32150_fuel {
    (
        $(#[$doc:meta])*
        $name:ident: $key:literal, $unit:expr, published $published:tt to $dp:tt dp $(, exact $exact:tt)?
    ) => {
        $(#[$doc])*
        #[test]
        fn $name() {
            let r = run(org(2024), None, None, vec![fuel($key, dec!(1), $unit)]);
            let got = r.summary.totals.scope1_t_co2e;
            assert_eq!(half_up(got, $dp), dec!($published), "{}: engine gives {got}", $key);
            $( assert_eq!(got, dec!($exact), "{}: exact product", $key); )?
            // 44/12 is exact: with 3.6667 the carbon gives another figure.
            let carbon = r.ledger[0].carbon_oxidised_t.expect("carbon method");
            assert_ne!(got, carbon * dec!(3.6667), "{}: 44/12 must not be 3.6667", $key);
            let cited = r.factor_citations(&r.ledger[0]);
            assert!(cited.contains("GB/T 32151.22-2024") && cited.contains("Table C.1"), "{cited}");
        }
    };
}

gbt32150_fuel! {
    /// Coke 焦炭: 28.435 GJ/t × 29.5 tC/TJ × 93 % × 44/12 = 2.860418825, printed 2.8604 tCO2/t
    /// (GB/T 32151.22-2024 Table C.1; compiled table 2020).
    gbt32150_coke_2_8604: "coke", Unit::Tonne, published 2.8604 to 4 dp, exact 2.860418825
}

gbt32150_fuel! {
    /// Diesel 柴油: 42.652 × 20.2 tC/TJ × 98 % × 44/12, printed 3.0959 tCO2/t.
    gbt32150_diesel_3_0959: "diesel", Unit::Tonne, published 3.0959 to 4 dp
}

gbt32150_fuel! {
    /// Fuel oil 燃料油: 41.816 × 21.1 tC/TJ × 98 % × 44/12, printed 3.1705 tCO2/t.
    gbt32150_fuel_oil_3_1705: "fuel_oil", Unit::Tonne, published 3.1705 to 4 dp
}

gbt32150_fuel! {
    /// Crude oil 原油: 41.816 × 20.1 tC/TJ × 98 % × 44/12 = 3.020202416, printed 3.0202 tCO2/t.
    gbt32150_crude_oil_3_0202: "crude_oil", Unit::Tonne, published 3.0202 to 4 dp, exact 3.020202416
}

gbt32150_fuel! {
    /// Gasoline 汽油: 43.070 × 18.9 tC/TJ × 98 % × 44/12 = 2.92505598, printed 2.9251 tCO2/t.
    gbt32150_gasoline_2_9251: "gasoline", Unit::Tonne, published 2.9251 to 4 dp, exact 2.92505598
}

gbt32150_fuel! {
    /// LPG 液化石油气: 50.179 × 17.2 tC/TJ × 98 % × 44/12, printed 3.1013 tCO2/t.
    gbt32150_lpg_3_1013: "lpg", Unit::Tonne, published 3.1013 to 4 dp
}

gbt32150_fuel! {
    /// Natural gas 天然气: 389.31 GJ/10^4 Nm3 × 15.3 tC/TJ × 99 % × 44/12 = 21.62188809,
    /// published 21.622 tCO2/10^4 Nm3 (GB/T 32151.22-2024 and GB/T 32151.34-2024 Table C.1).
    gbt32150_natural_gas_21_622_per_10k_nm3: "natural_gas", Unit::TenThousandCubicMetres,
        published 21.622 to 3 dp, exact 21.62188809
}

/// Natural gas per cubic metre: the compiled table (2020) prints 2.1622 kg CO2/m3; the
/// engine takes the 10^4 Nm3 calorific value and applies it to m3.
#[test]
fn gbt32150_natural_gas_2_1622_kg_per_m3() {
    let r = run(org(2024), None, None, vec![fuel("natural_gas", dec!(1), Unit::CubicMetre)]);
    let kg = r.summary.totals.scope1_t_co2e * dec!(1000);
    assert_eq!(kg, dec!(2.16218880900));
    assert_eq!(half_up(kg, 4), dec!(2.1622));
    // "万立方米" and "10^4 Nm3" are the same unit as the Table C.1 denominator.
    let unit: Unit = "万立方米".parse().unwrap();
    let r = run(org(2024), None, None, vec![fuel("natural_gas", dec!(1), unit)]);
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(21.62188809));
}

/// 44/12 applied exactly (reference-values.md trap 1; cn_gbt32150 module docs): 40 000 t of
/// coke at the Table C.1 defaults is 114 416.753 t CO2. With the 3.6667 that many tools use it
/// would be 114 417.793 t, a tonne more.
#[test]
fn gbt32150_44_over_12_is_exact_not_3_6667() {
    let r = run(org(2024), None, None, vec![fuel("coke", dec!(40000), Unit::Tonne)]);
    let got = r.summary.totals.scope1_t_co2e;
    assert_eq!(got, dec!(114416.753));
    let with_3_6667 = dec!(40000) * dec!(28.435) * dec!(0.0295) * dec!(0.93) * dec!(3.6667);
    assert_eq!(with_3_6667, dec!(114417.7931523));
    assert!((with_3_6667 - got).abs() > dec!(1));
    // The intermediate carbon is exact too: 1 137 400 GJ × 0.0295 × 0.93.
    assert_eq!(r.ledger[0].energy_gj, Some(dec!(1137400)));
    assert_eq!(r.ledger[0].carbon_oxidised_t, Some(dec!(31204.569)));
}

/// Units do not change the result: 1 000 kg of diesel is 1 t (Table C.1 NCV is per t).
#[test]
fn gbt32150_diesel_in_kilograms_equals_tonnes() {
    let t = run(org(2024), None, None, vec![fuel("diesel", dec!(1), Unit::Tonne)]);
    let kg = run(org(2024), None, None, vec![fuel("diesel", dec!(1000), Unit::Kilogram)]);
    assert_eq!(t.summary.totals.scope1_t_co2e, kg.summary.totals.scope1_t_co2e);
    assert_eq!(half_up(kg.summary.totals.scope1_t_co2e, 4), dec!(3.0959));
}

/// Measured parameters replace the defaults row by row (GB/T 32150-2015 §6; workbook-v1
/// Activities `ncv`, `carbon_content`, `oxidation_factor`): the kerosene default carbon content
/// is 19.6 tC/TJ (Table C.1, 3.0334 tCO2/t); the compiled provincial table uses 19.5 and prints
/// 3.0179 tCO2/t (cn_NOTES.md trap 6). Measuring 0.0195 reproduces the printed figure.
#[test]
fn gbt32150_measured_carbon_content_overrides_default_kerosene() {
    let default = run(org(2024), None, None, vec![fuel("kerosene", dec!(1), Unit::Tonne)]);
    assert_eq!(half_up(default.summary.totals.scope1_t_co2e, 4), dec!(3.0334));
    let mut measured = fuel("kerosene", dec!(1), Unit::Tonne);
    measured.measured.carbon_content = Some(dec!(0.0195));
    let r = run(org(2024), None, None, vec![measured]);
    assert_eq!(half_up(r.summary.totals.scope1_t_co2e, 4), dec!(3.0179));
    assert!(r.ledger[0].measured.carbon_content && !r.ledger[0].measured.ncv);
}

/// GB/T 32150 counts CO2 only for combustion; the ledger names the GB/T 32151.22-2024 Table C.1
/// defaults it used (NCV, carbon content, oxidation rate) with their values.
#[test]
fn gbt32150_ledger_cites_table_c1_values() {
    let r = run(org(2024), None, None, vec![fuel("diesel", dec!(1), Unit::Tonne)]);
    let line = &r.ledger[0];
    assert_eq!(line.gases.len(), 1);
    assert_eq!(line.gases[0].gas, Gas::Co2);
    let ids: Vec<(&str, Decimal)> = r
        .library
        .cited(line.factors)
        .iter()
        .map(|f| (r.library.factor(*f).id.as_str(), r.library.factor(*f).value))
        .collect();
    for expected in
        [("cn.fuel.diesel.ncv", dec!(42.652)), ("cn.fuel.diesel.cc", dec!(0.0202)), ("cn.fuel.diesel.of", dec!(0.98))]
    {
        assert!(ids.contains(&expected), "{expected:?} not in {ids:?}");
    }
}

// ---------------------------------------------------------------------------
// IPCC 2006 method (ipcc-2006), Vol. 2 Energy, Tier 1: Emissions = fuel (TJ) × EF (kg/TJ).
// ---------------------------------------------------------------------------

/// 2006 IPCC Guidelines Vol. 2 Ch. 1: Table 1.2 NCV, Table 1.3 carbon content and Table 1.4 CO2
/// factor for 21 fuels (golden/ipcc2006_ch1.csv). 1 TJ gives the printed Table 1.4 factor; 1 t
/// gives the Table 1.2 NCV in GJ and NCV × EF; a measured carbon content gives CC × 44/12, which
/// rounded to three significant figures is the printed Table 1.4 value.
#[test]
fn ipcc2006_tables_1_2_to_1_4_per_fuel() {
    for row in table(include_str!("golden/ipcc2006_ch1.csv")) {
        let (key, ncv, cc, co2) = (row[0], d(row[1]), d(row[2]), d(row[3]));
        let per_tj = run(ipcc_org(2024, GwpSet::Ar5), Some("power"), None, vec![fuel(key, dec!(1), Unit::Terajoule)]);
        assert_eq!(gas_t(&per_tj.ledger[0], Gas::Co2) * dec!(1000), co2, "{key}: Table 1.4 kg CO2/TJ");
        assert!(per_tj.factor_citations(&per_tj.ledger[0]).contains("Table 1.4"), "{key}");

        let per_t = run(ipcc_org(2024, GwpSet::Ar5), Some("power"), None, vec![fuel(key, dec!(1), Unit::Tonne)]);
        assert_eq!(per_t.ledger[0].energy_gj, Some(ncv), "{key}: Table 1.2 TJ/Gg");
        assert_eq!(gas_t(&per_t.ledger[0], Gas::Co2), ncv * co2 / dec!(1000000), "{key}: t CO2 per t");

        let mut measured = fuel(key, dec!(1), Unit::Terajoule);
        measured.measured.carbon_content = Some(cc / dec!(1000));
        let exact = run(ipcc_org(2024, GwpSet::Ar5), Some("power"), None, vec![measured]);
        let kg_per_tj = gas_t(&exact.ledger[0], Gas::Co2) * dec!(1000);
        let printed = kg_per_tj.round_sf_with_strategy(3, RoundingStrategy::MidpointAwayFromZero).unwrap();
        assert_eq!(printed, co2, "{key}: CC {cc} × 44/12 = {kg_per_tj} should print as {co2}");
    }
}

/// 2006 IPCC Guidelines Vol. 2 Ch. 2, Tables 2.2–2.5: CH4 and N2O by sector of the facility
/// (golden/ipcc2006_ch2.csv), for 1 TJ of fuel.
#[test]
fn ipcc2006_tables_2_2_to_2_5_ch4_n2o_by_sector() {
    for row in table(include_str!("golden/ipcc2006_ch2.csv")) {
        let (key, sector, tbl, ch4, n2o) = (row[0], row[1], row[2], d(row[3]), d(row[4]));
        let r = run(ipcc_org(2024, GwpSet::Ar5), Some(sector), None, vec![fuel(key, dec!(1), Unit::Terajoule)]);
        let line = &r.ledger[0];
        assert_eq!(gas_t(line, Gas::Ch4Fossil) * dec!(1000), ch4, "{key} in {sector}: Table {tbl} kg CH4/TJ");
        assert_eq!(gas_t(line, Gas::N2o) * dec!(1000), n2o, "{key} in {sector}: Table {tbl} kg N2O/TJ");
        let cited = r.factor_citations(line);
        assert!(cited.contains(&format!("Table {tbl}")), "{key} in {sector}: {cited}");
        assert!(r.warnings.is_empty(), "{key} in {sector}: {:?}", r.warnings);
    }
}

/// Tier 1 natural gas in an energy industry (Tables 1.4 and 2.2): 1 TJ emits 56 100 kg CO2, 1 kg
/// CH4 and 0.1 kg N2O. In CO2e: AR4 (25, 298) 56.1548 t; AR5 (28, 265) 56.1545 t; AR6 (fossil
/// CH4 29.8, N2O 273) 56.1571 t.
#[test]
fn ipcc2006_natural_gas_power_plant_co2e_in_ar4_ar5_ar6() {
    // SAR (CH4 21, N2O 310, the UNFCCC reporting GWPs China's industry guidelines prescribe):
    // 56.1 + 0.001 × 21 + 0.0001 × 310 = 56.152.
    for (gwp, expected) in [
        (GwpSet::Sar, dec!(56.152)),
        (GwpSet::Ar4, dec!(56.1548)),
        (GwpSet::Ar5, dec!(56.1545)),
        (GwpSet::Ar6, dec!(56.1571)),
    ] {
        let r = run(ipcc_org(2024, gwp), Some("power"), None, vec![fuel("natural_gas", dec!(1), Unit::Terajoule)]);
        assert_eq!(r.summary.totals.scope1_t_co2e, expected, "{gwp}");
    }
}

/// One gigagram of natural gas in a power plant (Vol. 2 Ch. 2 Equation 2.1 with Table 1.2 NCV
/// 48.0 TJ/Gg, Table 1.4 56 100 kg/TJ, Table 2.2 1 and 0.1 kg/TJ): 2 692 800 kg CO2, 48 kg CH4,
/// 4.8 kg N2O.
#[test]
fn ipcc2006_one_gigagram_natural_gas_equation_2_1() {
    let r = run(ipcc_org(2024, GwpSet::Ar5), Some("power"), None, vec![fuel("natural_gas", dec!(1000), Unit::Tonne)]);
    let line = &r.ledger[0];
    assert_eq!(line.energy_gj, Some(dec!(48000)));
    assert_eq!(gas_t(line, Gas::Co2), dec!(2692.8));
    assert_eq!(gas_t(line, Gas::Ch4Fossil), dec!(0.048));
    assert_eq!(gas_t(line, Gas::N2o), dec!(0.0048));
}

/// Printed Table 1.4 factor against the exact carbon-content product (Korean verification script
/// citing pp. 1.23–1.24; ipcc2006_NOTES.md example 3): crude oil prints 73 300 kg CO2/TJ while
/// 20.0 kg C/GJ × 44/12 × 1000 = 73 333.33; natural gas 15.3 × 44/12 = 56.1 exactly.
#[test]
fn ipcc2006_printed_73300_vs_exact_73333_crude_oil() {
    let printed =
        run(ipcc_org(2024, GwpSet::Ar5), Some("power"), None, vec![fuel("crude_oil", dec!(1), Unit::Terajoule)]);
    assert_eq!(gas_t(&printed.ledger[0], Gas::Co2), dec!(73.3));
    let mut measured = fuel("crude_oil", dec!(1), Unit::Terajoule);
    measured.measured.carbon_content = Some(dec!(0.0200));
    let exact = run(ipcc_org(2024, GwpSet::Ar5), Some("power"), None, vec![measured]);
    assert_eq!(half_up(gas_t(&exact.ledger[0], Gas::Co2) * dec!(1000), 2), dec!(73333.33));
    let mut ng = fuel("natural_gas", dec!(1), Unit::Terajoule);
    ng.measured.carbon_content = Some(dec!(0.0153));
    let ng = run(ipcc_org(2024, GwpSet::Ar5), Some("power"), None, vec![ng]);
    assert_eq!(gas_t(&ng.ledger[0], Gas::Co2), dec!(56.1));
}

/// Research record "EU fuel properties … (FI3, FI4)" (ipcc2006_NOTES.md example 2): LPG
/// 63.1 t CO2/TJ × 47.3 TJ/Gg = 2.98463 kg CO2/kg.
#[test]
fn ipcc2006_lpg_2_98463_kg_co2_per_kg() {
    let r = run(ipcc_org(2024, GwpSet::Ar5), Some("cement"), None, vec![fuel("lpg", dec!(1), Unit::Kilogram)]);
    assert_eq!(gas_t(&r.ledger[0], Gas::Co2) * dec!(1000), dec!(2.98463));
}

/// Same record, per litre with JEC WTT v5 densities (832, 743, 970 kg/m3) folded into a measured
/// NCV per litre: gas/diesel oil 74.1 × 43.0 × 0.832 / 1000 = 2.6510016 kg CO2/L (printed
/// 2.65100); motor gasoline 69.3 × 44.3 × 0.743 = 2.28100257 (2.28100); residual fuel oil
/// 77.4 × 40.4 × 0.970 = 3.0331512 (3.03315).
#[test]
fn ipcc2006_per_litre_with_jec_densities() {
    for (key, ncv, density, exact, printed) in [
        ("diesel", dec!(43.0), dec!(0.000832), dec!(2.6510016), dec!(2.65100)),
        ("gasoline", dec!(44.3), dec!(0.000743), dec!(2.28100257), dec!(2.28100)),
        ("fuel_oil", dec!(40.4), dec!(0.000970), dec!(3.0331512), dec!(3.03315)),
    ] {
        let mut litre = fuel(key, dec!(1), Unit::Litre);
        litre.measured.ncv = Some(Rate::new(ncv * density, Unit::Gigajoule, Unit::Litre));
        let r = run(ipcc_org(2024, GwpSet::Ar5), Some("power"), None, vec![litre]);
        let kg = gas_t(&r.ledger[0], Gas::Co2) * dec!(1000);
        assert_eq!(kg, exact, "{key}");
        assert_eq!(half_up(kg, 5), printed, "{key}");
    }
}

/// greencleanguide.com, "Calculate CO2 emissions from fossil fuel combustion": EF = carbon
/// content × oxidation factor × NCV × 44/12 × density. Diesel 20.2 × 1 × 43 × 44/12 × 0.845 =
/// 2.691 kg CO2/L (the printed Table 1.4 factor gives 2.692); petrol 18.9 × 44.3 × 44/12 × 0.775
/// = 2.379 by either route, as 18.9 × 44/12 = 69.3 exactly.
#[test]
fn ipcc2006_carbon_content_route_diesel_2_691_petrol_2_379() {
    let per_litre = |key: &str, ncv: Decimal, density: Decimal, cc: Option<Decimal>| {
        let mut a = fuel(key, dec!(1), Unit::Litre);
        a.measured.ncv = Some(Rate::new(ncv * density, Unit::Gigajoule, Unit::Litre));
        a.measured.carbon_content = cc;
        let r = run(ipcc_org(2024, GwpSet::Ar5), Some("manufacturing"), None, vec![a]);
        gas_t(&r.ledger[0], Gas::Co2) * dec!(1000)
    };
    let diesel_cc = per_litre("diesel", dec!(43), dec!(0.000845), Some(dec!(0.0202)));
    assert_eq!(half_up(diesel_cc, 3), dec!(2.691));
    assert_eq!(half_up(diesel_cc, 8), dec!(2.69121233));
    let diesel_ef = per_litre("diesel", dec!(43), dec!(0.000845), None);
    assert_eq!(diesel_ef, dec!(2.6924235));
    assert_eq!(half_up(diesel_ef, 3), dec!(2.692));
    let petrol_cc = per_litre("gasoline", dec!(44.3), dec!(0.000775), Some(dec!(0.0189)));
    let petrol_ef = per_litre("gasoline", dec!(44.3), dec!(0.000775), None);
    assert_eq!(petrol_cc, dec!(2.37924225));
    assert_eq!(petrol_ef, dec!(2.37924225));
    assert_eq!(half_up(petrol_ef, 3), dec!(2.379));
}

/// IPCC Vol. 2 Ch. 3 (mobile) CH4/N2O depend on vehicle technology and are not built in: mobile
/// diesel counts the Table 1.4 CO2 only (74 100 kg/TJ) and says so.
#[test]
fn ipcc2006_mobile_combustion_counts_co2_only_with_warning() {
    let a = act("F", SourceCategory::MobileCombustion, "diesel", dec!(1), Unit::Terajoule);
    let r = run(ipcc_org(2024, GwpSet::Ar5), Some("logistics"), None, vec![a]);
    assert_eq!(r.ledger[0].gases.len(), 1);
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(74.1));
    assert!(r.warnings.iter().any(|w| w.message.contains("mobile combustion counts CO2 only")), "{:?}", r.warnings);
}

/// A facility without a sector gets the Table 2.3 (manufacturing) factors, with a warning:
/// bituminous coal 10 kg CH4/TJ, not the Table 2.2 value 1.
#[test]
fn ipcc2006_no_sector_uses_table_2_3_with_warning() {
    let r = run(ipcc_org(2024, GwpSet::Ar5), None, None, vec![fuel("bituminous_coal", dec!(1), Unit::Terajoule)]);
    assert_eq!(gas_t(&r.ledger[0], Gas::Ch4Fossil), dec!(0.010));
    assert!(r.warnings.iter().any(|w| w.message.contains("Table 2.3")), "{:?}", r.warnings);
}

// ---------------------------------------------------------------------------
// US EPA GHG Emission Factors Hub 2024 (last modified 5 June 2024), Table 1.
// ---------------------------------------------------------------------------

/// EPA Hub 2024 Table 1, row 40 (Natural Gas): 0.001026 mmBtu/scf × 53.06 kg CO2/mmBtu =
/// 0.05443956, printed 0.05444 kg CO2/scf; 1.0 g CH4 and 0.10 g N2O per mmBtu print as
/// 0.00103 and 0.00010 g/scf.
#[test]
fn epa2024_natural_gas_0_05444_kg_per_scf() {
    let lib = FactorLibrary::builtin();
    let v = |id: &str| lib.get(id).unwrap_or_else(|| panic!("{id} missing")).value;
    assert_eq!(v("epa2024.epa_natural_gas.co2_per_unit"), dec!(0.05444));
    assert_eq!(v("epa2024.epa_natural_gas.co2_per_mmbtu"), dec!(53.06));
    assert_eq!(v("epa2024.epa_natural_gas.hhv"), dec!(0.001026));
    let exact = v("epa2024.epa_natural_gas.hhv") * v("epa2024.epa_natural_gas.co2_per_mmbtu");
    assert_eq!(exact, dec!(0.05443956));
    assert_eq!(half_up(exact, 5), dec!(0.05444));
    assert_eq!(v("epa2024.epa_natural_gas.ch4_per_unit"), dec!(0.00103));
    assert_eq!(v("epa2024.epa_natural_gas.n2o_per_unit"), dec!(0.0001));
    // Through the unit machinery: GJ per scf × t CO2 per GJ, via 1 mmBtu = 1.05505585262 GJ.
    let hhv = lib.get("epa2024.epa_natural_gas.hhv").unwrap();
    let co2 = lib.get("epa2024.epa_natural_gas.co2_per_mmbtu").unwrap();
    let kg_per_scf = hhv.per(Unit::StandardCubicFoot).unwrap().value().unwrap()
        * co2.per(Unit::Gigajoule).unwrap().value().unwrap()
        * dec!(1000);
    assert_rel(kg_per_scf, "0.05443956", "kg CO2/scf via GJ");
    // The published per-unit factor per thousand cubic feet: 54.44 kg = 0.05444 t per Mscf.
    let per_unit = lib.get("epa2024.epa_natural_gas.co2_per_unit").unwrap();
    assert_eq!(per_unit.per(Unit::ThousandStandardCubicFeet).unwrap().value().unwrap(), dec!(0.05444));
}

/// EPA Hub 2024 Table 1, nine fuels (golden/epa_hub_2024.csv): the library holds the printed
/// values, and heat content × per-mmBtu factor, rounded half up to the decimals the cell shows,
/// is the printed per-unit value for CO2, CH4 and N2O. The product through the unit
/// conversions (HHV in GJ per unit × factor per GJ) agrees with the exact product to 1e-20.
#[test]
fn epa2024_table_1_per_unit_values_round_from_heat_content() {
    let lib = FactorLibrary::builtin();
    for row in table(include_str!("golden/epa_hub_2024.csv")) {
        let key = row[0];
        let unit: Unit = row[1].parse().unwrap();
        let get = |what: &str| lib.get(&format!("epa2024.{key}.{what}")).unwrap_or_else(|| panic!("{key}.{what}"));
        let hhv = get("hhv");
        assert_eq!(hhv.value, d(row[3]), "{key} heat content");
        assert_eq!(hhv.denominator, Some(unit), "{key} unit");
        assert!(
            hhv.source.citation().contains(&format!("row {}, cell D{}", row[2], row[2])),
            "{key}: {}",
            hhv.source.citation()
        );
        // (gas, column of the per-mmBtu factor, of the printed per-unit value, of its decimals)
        for (gas, factor_col, printed_col, dp_col) in [("co2", 4, 7, 8), ("ch4", 5, 9, 10), ("n2o", 6, 11, 12)] {
            let per_mmbtu = get(&format!("{gas}_per_mmbtu"));
            let per_unit = get(&format!("{gas}_per_unit"));
            assert_eq!(per_mmbtu.value, d(row[factor_col]), "{key} {gas} per mmBtu");
            let printed = d(row[printed_col]);
            let dp: u32 = row[dp_col].parse().unwrap();
            assert_eq!(per_unit.value, printed, "{key} {gas} per unit");
            let exact = hhv.value * per_mmbtu.value;
            assert_eq!(half_up(exact, dp), half_up(printed, dp), "{key} {gas}: {exact}");
            let via_gj =
                hhv.per(unit).unwrap().value().unwrap() * per_mmbtu.per(Unit::Gigajoule).unwrap().value().unwrap();
            let mass = per_mmbtu.numerator.unwrap().to_base(); // t per kg or per g
            assert_rel(via_gj / mass, &exact.to_string(), &format!("{key} {gas} via GJ"));
        }
    }
}

/// EPA Hub 2024 Table 1 row 77 (Residual Fuel Oil No. 6): 0.15 mmBtu/gal × 75.10 = 11.265 kg
/// CO2/gal is printed 11.27 — rounding half up (四舍五入), which the engine's default
/// presentation rounding reproduces and half-to-even (11.26) does not.
#[test]
fn epa2024_residual_fuel_oil_no_6_rounds_half_up_11_27() {
    let lib = FactorLibrary::builtin();
    let hhv = lib.get("epa2024.epa_residual_fuel_oil_no_6.hhv").unwrap().value;
    let co2 = lib.get("epa2024.epa_residual_fuel_oil_no_6.co2_per_mmbtu").unwrap().value;
    let printed = lib.get("epa2024.epa_residual_fuel_oil_no_6.co2_per_unit").unwrap().value;
    assert_eq!(printed, dec!(11.27));
    assert_eq!(hhv * co2, dec!(11.265));
    assert_eq!(RoundingPolicy::default().round(hhv * co2), printed);
    assert_eq!(RoundingPolicy::new(2, RoundingMode::HalfEven).round(hhv * co2), dec!(11.26));
}

/// The EPA Hub 2024 natural-gas per-unit factors used as custom factors (workbook-v1 Factors
/// sheet): 1 000 Mscf (10^6 scf) × 0.05444 kg CO2/scf = 54.44 t CO2; with 0.00103 g CH4/scf and
/// 0.0001 g N2O/scf at the Hub's own AR5 GWPs (28, 265; Hub 2024 C8:D10, basis stated in C12):
/// 54.49534 t CO2e.
#[test]
fn epa2024_natural_gas_as_custom_factors_54_44_t() {
    let src = "US EPA GHG Emission Factors Hub 2024, Table 1, row 40";
    let mut o = org(2024);
    o.gwp = GwpSet::Ar5;
    let mut inv = Inventory::new(o);
    let mut f = facility("F", None, None);
    f.country = "US".to_owned();
    inv.facilities.push(f);
    inv.factors = vec![
        custom("us_ng", Gas::Co2, dec!(0.05444), "kgCO2/scf", src),
        custom("us_ng", Gas::Ch4, dec!(0.00103), "gCH4/scf", src),
        custom("us_ng", Gas::N2o, dec!(0.0001), "gN2O/scf", src),
    ];
    inv.activities.push(fuel("us_ng", dec!(1000), Unit::ThousandStandardCubicFeet));
    let r = calc(&inv);
    let line = &r.ledger[0];
    assert_eq!(gas_t(line, Gas::Co2), dec!(54.44));
    assert_eq!(gas_t(line, Gas::Ch4), dec!(0.00103));
    assert_eq!(gas_t(line, Gas::N2o), dec!(0.0001));
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(54.49534));
    assert!(r.factor_citations(line).contains(src));
}

// ---------------------------------------------------------------------------
// US EPA GHG Emission Factors Hub, Tables 3 to 5: vehicles' CH4 and N2O by
// distance (g per vehicle-mile, by vehicle type and model year) or, for
// non-road vehicles, by fuel (g per gallon); CO2 from the fuel (Table 2) on
// rows of its own. The EPA Center for Corporate Climate Leadership's
// *Direct Emissions from Mobile Combustion Sources* computes them so: CO2
// from fuel use, CH4 and N2O from miles by vehicle type and model year,
// emissions (t) = factor (g/mile) × miles × 10^-6. Each value below is the
// cell of the Hub workbook named beside it.
// ---------------------------------------------------------------------------

fn epa_org(methodology: &str, gwp: GwpSet) -> Organisation {
    let mut o = Organisation::new("Golden Co.", 2024);
    o.methodology = methodology.to_owned();
    o.gwp = gwp;
    o
}

/// One UK facility `F` under the UK 2020 conversion factors (AR4, data year 2020).
#[track_caller]
fn uk_2020(activities: Vec<Activity>) -> Results {
    let mut o = org(2020);
    o.methodology = "desnz-2020".to_owned();
    o.gwp = GwpSet::Ar4;
    let mut inv = Inventory::new(o);
    let mut f = facility("F", None, None);
    f.country = "GB".to_owned();
    inv.facilities.push(f);
    inv.activities = activities;
    calc(&inv)
}

fn drive(key: &str, qty: Decimal, unit: Unit) -> Activity {
    act("F", SourceCategory::MobileCombustion, key, qty, unit)
}

/// EPA Hub 2024 Table 3, row 155 (Gasoline Passenger Cars, model year 2015):
/// E155 0.006837 g CH4 and F155 0.004239 g N2O per vehicle-mile. 10,000 miles
/// → 0.00006837 t CH4 and 0.00004239 t N2O, AR5 (28, 265): 0.01314771 t CO2e.
/// The car's 400 gallons of motor gasoline (Table 2, D112, 8.78 kg CO2 per
/// gallon) are a row of their own: 3.512 t CO2, and the energy of the two rows.
#[test]
fn epa2024_gasoline_passenger_car_2015_by_distance_and_fuel() {
    let r = run(
        epa_org("epa-hub-2024", GwpSet::Ar5),
        None,
        None,
        vec![
            drive("epa_onroad_gasoline_passenger_cars_2015", dec!(10000), Unit::Mile),
            drive("epa_mobile_motor_gasoline", dec!(400), Unit::UsGallon),
        ],
    );
    let (miles, fuel) = (&r.ledger[0], &r.ledger[1]);
    assert_eq!(gas_t(miles, Gas::Ch4Fossil), dec!(0.00006837));
    assert_eq!(gas_t(miles, Gas::N2o), dec!(0.00004239));
    assert_eq!(gas_t(miles, Gas::Co2), Decimal::ZERO);
    assert_eq!(miles.t_co2e, dec!(0.01314771));
    assert_eq!(gas_t(fuel, Gas::Co2), dec!(3.512));
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(3.52514771));
    // The energy is the fuel's: none on the distance row, and no warning that it is missing.
    assert_eq!(miles.tce, Decimal::ZERO);
    assert!(fuel.tce > Decimal::ZERO);
    assert!(!r.warnings.iter().any(|w| w.message.contains("not counted in energy_tce")), "{:?}", r.warnings);
    assert!(
        r.warnings.iter().any(|w| w.message.contains("CH4 and N2O only, by distance (Table 3)")),
        "{:?}",
        r.warnings
    );
    let cited = r.factor_citations(miles);
    assert!(
        cited.contains("epa2024.mobile.gasoline_passenger_cars.2015.ch4_per_mile = 0.006837 g CH4/mile"),
        "{cited}"
    );
    assert!(cited.contains("row 155, cell F155"), "{cited}");
}

/// The same car and distance in kilometres: 16,093.44 km is 10,000 miles
/// exactly (1 mile = 1.609344 km), so the tonnes are the same.
#[test]
fn epa2024_distance_in_km_converts_exactly() {
    let r = run(
        epa_org("epa-hub-2024", GwpSet::Ar5),
        None,
        None,
        vec![drive("epa_onroad_gasoline_passenger_cars_2015", dec!(16093.44), Unit::Kilometre)],
    );
    assert_eq!(gas_t(&r.ledger[0], Gas::Ch4Fossil), dec!(0.00006837));
    assert_eq!(gas_t(&r.ledger[0], Gas::N2o), dec!(0.00004239));
}

/// Model-year ranges. EPA Hub 2021 Table 3 prints the first passenger-car
/// row's years as "1973-74" (D116): model year 1974 takes E116 0.1696 g CH4
/// and F116 0.0197 g N2O per mile; 1,000 miles → 0.0001696 t CH4 and
/// 0.0000197 t N2O, AR4 (25, 298) 0.0101106 t CO2e. EPA Hub 2024 Table 3
/// prints "≤1980" for the first heavy-duty gasoline row (D202, E202 0.4604 g
/// CH4/mile): a 1975 truck, 1,000 miles → 0.0004604 t CH4.
#[test]
fn epa_model_year_ranges() {
    let r = run(
        epa_org("epa-hub-2021", GwpSet::Ar4),
        None,
        None,
        vec![drive("epa_onroad_gasoline_passenger_cars_1974", dec!(1000), Unit::Mile)],
    );
    assert_eq!(gas_t(&r.ledger[0], Gas::Ch4Fossil), dec!(0.0001696));
    assert_eq!(gas_t(&r.ledger[0], Gas::N2o), dec!(0.0000197));
    assert_eq!(r.ledger[0].t_co2e, dec!(0.0101106));
    let r = run(
        epa_org("epa-hub-2024", GwpSet::Ar5),
        None,
        None,
        vec![drive("epa_onroad_gasoline_heavy_duty_vehicles_1975", dec!(1000), Unit::Mile)],
    );
    assert_eq!(gas_t(&r.ledger[0], Gas::Ch4Fossil), dec!(0.0004604));
}

/// EPA Hub 2024 Table 4: CNG buses print no model year (F273 2.753 g CH4,
/// G273 0.017 g N2O per mile); 1,000 miles → 0.002753 t CH4 and 0.000017 t
/// N2O, with or without a model year on the key. Diesel passenger cars go by
/// model year: 2010 is in "2007-2021" (F245 0.0302, G245 0.0192).
#[test]
fn epa2024_table_4_diesel_and_alternative_fuels() {
    for key in ["epa_onroad_cng_buses", "epa_onroad_cng_buses_2015"] {
        let r = run(epa_org("epa-hub-2024", GwpSet::Ar5), None, None, vec![drive(key, dec!(1000), Unit::Mile)]);
        assert_eq!(gas_t(&r.ledger[0], Gas::Ch4Fossil), dec!(0.002753), "{key}");
        assert_eq!(gas_t(&r.ledger[0], Gas::N2o), dec!(0.000017), "{key}");
    }
    let r = run(
        epa_org("epa-hub-2024", GwpSet::Ar5),
        None,
        None,
        vec![drive("epa_onroad_diesel_passenger_cars_2010", dec!(1000), Unit::Mile)],
    );
    assert_eq!(gas_t(&r.ledger[0], Gas::Ch4Fossil), dec!(0.0000302));
    assert_eq!(gas_t(&r.ledger[0], Gas::N2o), dec!(0.0000192));
}

/// EPA Hub 2021 Table 5, row 268 (Locomotives, Diesel): E268 0.8 g CH4 and
/// F268 0.26 g N2O per gallon; 1,000 gallons → 0.0008 t CH4 and 0.00026 t
/// N2O, AR4: 0.0974800 t CO2e. CO2 comes from the fuel's Table 2 row, not here.
#[test]
fn epa2021_non_road_locomotive_by_gallon() {
    let r = run(
        epa_org("epa-hub-2021", GwpSet::Ar4),
        None,
        None,
        vec![drive("epa_nonroad_locomotives_diesel", dec!(1000), Unit::UsGallon)],
    );
    assert_eq!(gas_t(&r.ledger[0], Gas::Ch4Fossil), dec!(0.0008));
    assert_eq!(gas_t(&r.ledger[0], Gas::N2o), dec!(0.00026));
    assert_eq!(gas_t(&r.ledger[0], Gas::Co2), Decimal::ZERO);
    assert_eq!(r.ledger[0].t_co2e, dec!(0.09748));
    assert!(r.warnings.iter().any(|w| w.message.contains("by fuel (Table 5)")), "{:?}", r.warnings);
}

/// The 2024 Hub states AR5; an AR4 inventory converts its CH4 and N2O with
/// AR4 (25, 298) and says so: 0.00006837 × 25 + 0.00004239 × 298.
#[test]
fn epa2024_vehicle_with_another_gwp_set_warns() {
    let r = run(
        epa_org("epa-hub-2024", GwpSet::Ar4),
        None,
        None,
        vec![drive("epa_onroad_gasoline_passenger_cars_2015", dec!(10000), Unit::Mile)],
    );
    assert_eq!(r.ledger[0].t_co2e, dec!(0.00006837) * dec!(25) + dec!(0.00004239) * dec!(298));
    assert!(r.warnings.iter().any(|w| w.message.contains("states AR5")), "{:?}", r.warnings);
}

/// A model year the table has no row for is an error on the row's
/// `activity` field that names the model year and the years the table
/// gives; never the nearest row. So is a key without the model year where
/// the table goes by model year, an unknown vehicle (with suggestions), and
/// a distance key given in gallons.
#[test]
fn epa_vehicle_errors() {
    let error = |methodology: &str, key: &str, unit: Unit| {
        let mut inv = Inventory::new(epa_org(methodology, GwpSet::Ar5));
        inv.facilities.push(facility("F", None, None));
        inv.activities.push(drive(key, dec!(100), unit));
        let mut errors = the_errors(&inv);
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    };
    // 2024 Table 3 gasoline passenger cars end at model year 2021.
    let e = error("epa-hub-2024", "epa_onroad_gasoline_passenger_cars_2023", Unit::Mile);
    assert_eq!(e.field, Some(Field::Activity));
    assert!(matches!(e.kind, CalcErrorKind::ModelYear { model_year: Some(2023), .. }), "{:?}", e.kind);
    let text = e.kind.to_string();
    assert!(text.contains("model year 2023") && text.contains("1973–2021"), "{text}");
    // 2021 Table 3 jumps from "<1981" to "1982-84" for heavy-duty gasoline vehicles.
    let e = error("epa-hub-2021", "epa_onroad_gasoline_heavy_duty_vehicles_1981", Unit::Mile);
    assert!(e.kind.to_string().contains("up to 1980, 1982–2018"), "{}", e.kind);
    // No model year where the table goes by model year.
    let e = error("epa-hub-2024", "epa_onroad_gasoline_passenger_cars", Unit::Mile);
    assert!(matches!(e.kind, CalcErrorKind::ModelYear { model_year: None, .. }), "{:?}", e.kind);
    assert!(e.kind.to_string().contains("needs the vehicle's model year"), "{}", e.kind);
    // An unknown vehicle suggests the nearest.
    let e = error("epa-hub-2024", "epa_onroad_gasoline_pasenger_cars_2015", Unit::Mile);
    match &e.kind {
        CalcErrorKind::UnknownActivity { nearest, .. } => {
            assert_eq!(nearest[0], "epa_onroad_gasoline_passenger_cars");
        }
        other => panic!("{other:?}"),
    }
    let e = error("epa-hub-2024", "epa_nonroad_locomotive_diesel", Unit::UsGallon);
    assert!(
        matches!(&e.kind, CalcErrorKind::UnknownActivity { nearest, .. } if nearest[0] == "epa_nonroad_locomotives_diesel")
    );
    // Distance keys want a distance; non-road keys a volume of fuel.
    let e = error("epa-hub-2024", "epa_onroad_gasoline_passenger_cars_2015", Unit::UsGallon);
    assert_eq!(e.field, Some(Field::Unit));
    let e = error("epa-hub-2024", "epa_nonroad_locomotives_diesel", Unit::Mile);
    assert_eq!(e.field, Some(Field::Unit));
}

// ---------------------------------------------------------------------------
// Units: exact definitions (NIST SP 811 Appendix B; 1 Btu(IT) = 1 055.055 852 62 J; SI).
// ---------------------------------------------------------------------------

#[track_caller]
fn convert(value: Decimal, from: &str, to: Unit) -> Decimal {
    let from: Unit = from.parse().unwrap_or_else(|e| panic!("{from}: {e}"));
    Quantity::new(value, from).to(to).unwrap_or_else(|e| panic!("{e}")).value()
}

/// US short ton = 2 000 lb avoirdupois = 907.184 74 kg (NIST SP 811 B.8; 1 lb = 0.453 592 37 kg,
/// International Yard and Pound Agreement 1959).
#[test]
fn units_short_ton_907_18474_kg() {
    assert_eq!(convert(dec!(1), "short ton", Unit::Kilogram), dec!(907.18474));
    assert_eq!(convert(dec!(1), "short ton", Unit::Pound), dec!(2000));
    assert_eq!(convert(dec!(1000), "short tons", Unit::Tonne), dec!(907.18474));
    assert_eq!(convert(dec!(1), "lb", Unit::Kilogram), dec!(0.45359237));
}

/// US liquid gallon = 231 in3 = 3.785 411 784 L (NIST SP 811 B.8).
#[test]
fn units_us_gallon_3_785411784_litres() {
    assert_eq!(convert(dec!(1), "gal", Unit::Litre), dec!(3.785411784));
    assert_eq!(convert(dec!(1000), "US gallons", Unit::CubicMetre), dec!(3.785411784));
    // 231 cubic inches of 2.54 cm.
    assert_eq!(dec!(231) * dec!(2.54) * dec!(2.54) * dec!(2.54) / dec!(1000), dec!(3.785411784));
}

/// Standard cubic foot = (0.3048 m)^3 = 0.028 316 846 592 m3; Mscf = 1 000 scf.
#[test]
fn units_scf_0_028316846592_m3() {
    assert_eq!(convert(dec!(1), "scf", Unit::CubicMetre), dec!(0.028316846592));
    assert_eq!(convert(dec!(1), "Mscf", Unit::StandardCubicFoot), dec!(1000));
    assert_eq!(convert(dec!(1), "Mscf", Unit::TenThousandCubicMetres), dec!(0.0028316846592));
}

/// mmBtu = 10^6 Btu(IT) = 1.055 055 852 62 GJ; therm = 10^5 Btu(IT) = 105.505 585 262 MJ.
#[test]
fn units_mmbtu_and_therm() {
    assert_eq!(convert(dec!(1), "mmBtu", Unit::Gigajoule), dec!(1.05505585262));
    assert_eq!(convert(dec!(1), "therm", Unit::Megajoule), dec!(105.505585262));
    assert_eq!(convert(dec!(1), "mmBtu", Unit::Therm), dec!(10));
    assert_eq!(convert(dec!(1), "million btu", Unit::Joule), dec!(1055055852.62));
}

/// 万千瓦时 (10^4 kWh), the Chinese statistical unit of electricity: 10 000 kWh = 10 MWh = 36 GJ
/// (1 kWh = 3.6 MJ).
#[test]
fn units_wan_kilowatt_hours() {
    assert_eq!(convert(dec!(1), "万千瓦时", Unit::KilowattHour), dec!(10000));
    assert_eq!(convert(dec!(8000), "万千瓦时", Unit::MegawattHour), dec!(80000));
    assert_eq!(convert(dec!(1), "10^4 kWh", Unit::Gigajoule), dec!(36));
    assert_eq!(convert(dec!(1), "kWh", Unit::Megajoule), dec!(3.6));
    assert_eq!("万度".parse::<Unit>().unwrap(), Unit::TenThousandKilowattHours);
}

/// 10^4 m3 (万立方米, 10^4 Nm3), the Chinese statistical unit for gas: 10 000 m3.
#[test]
fn units_ten_thousand_cubic_metres() {
    for spelling in ["10^4 m3", "万立方米", "10^4 Nm3", "万标准立方米", "10⁴ m³"] {
        assert_eq!(convert(dec!(300), spelling, Unit::CubicMetre), dec!(3000000), "{spelling}");
    }
}

/// Conversions across dimensions are refused (a tonne is not a gigajoule without a calorific
/// value); tce is its own dimension, 1 tce = 1 000 kgce = 29.3076 GJ by definition (7 000
/// kcal(IT) × 4.1868 kJ/kcal per kgce).
#[test]
fn units_dimensions_and_standard_coal() {
    let err = Quantity::new(dec!(1), Unit::Tonne).to(Unit::Gigajoule).unwrap_err();
    assert_eq!(err, UnitError::DimensionMismatch { from: Unit::Tonne, to: Unit::Gigajoule });
    assert_eq!(convert(dec!(1), "tce", Unit::KilogramOfCoalEquivalent), dec!(1000));
    assert_eq!(GJ_PER_TCE, dec!(7) * dec!(4.1868));
    assert!(matches!("furlong".parse::<Unit>(), Err(UnitError::Unknown { .. })));
}

// ---------------------------------------------------------------------------
// GWP sets
// ---------------------------------------------------------------------------

/// GWP-100 of the IPCC SAR (1995, the UNFCCC reporting values), AR4 (Table 2.14), AR5 (Table 8.A.1, no climate-carbon feedback) and AR6
/// (Tables 7.15 and 7.SM.7) reports for every gas the library ships (golden/gwp.csv).
#[test]
fn gwp_ar4_ar5_ar6_published_values() {
    let rows = table(include_str!("golden/gwp.csv"));
    assert!(rows.len() >= 40);
    for row in rows {
        let gas: Gas = row[0].parse().unwrap();
        let set: GwpSet = row[1].parse().unwrap();
        assert_eq!(set.gwp(gas).unwrap(), d(row[2]), "{gas} {set} ({})", row[3]);
    }
}

/// Cross-check with the US EPA Hub's GWP tables: Hub 2021 Table 11 (AR4, rows 486–517) and the
/// Hub 2024 table C8:D10 (AR5) print the same values as the library's IPCC sets.
#[test]
fn gwp_cross_check_with_epa_hub_tables() {
    for row in table(include_str!("golden/epa_hub_gwp.csv")) {
        let set: GwpSet = row[1].parse().unwrap();
        let gas: Gas = row[2].parse().unwrap();
        assert_eq!(set.gwp(gas).unwrap(), d(row[3]), "EPA Hub {} row {}: {gas} {set}", row[0], row[4]);
    }
}

/// GWPs applied in the engine: one tonne of CH4 (custom factor "CH4") is 25 / 28 / 27.9 t CO2e;
/// 1 kg of SF6 leaked is 22.8 / 23.5 / 25.2 t CO2e; 1 kg of HFC-134a is 1.43 / 1.3 / 1.53 t CO2e
/// (AR4 Table 2.14, AR5 Table 8.A.1, AR6 Table 7.SM.7).
#[test]
fn gwp_applied_to_custom_factors_in_each_set() {
    let cases = [
        (GwpSet::Ar4, dec!(25), dec!(22.8), dec!(1.43)),
        (GwpSet::Ar5, dec!(28), dec!(23.5), dec!(1.3)),
        (GwpSet::Ar6, dec!(27.9), dec!(25.2), dec!(1.53)),
    ];
    for (set, ch4, sf6, hfc) in cases {
        let mut o = org(2024);
        o.gwp = set;
        let mut inv = Inventory::new(o);
        inv.facilities.push(facility("F", None, None));
        inv.factors = vec![
            custom("digester", Gas::Ch4, dec!(1), "tCH4/t", "test: one tonne of gas per tonne"),
            custom("switchgear", Gas::Sf6, dec!(1), "kgSF6/kg", "mass balance, leak = mass"),
            custom("chiller", Gas::Hfc134a, dec!(1), "kgHFC-134a/kg", "mass balance, leak = mass"),
        ];
        inv.activities = vec![
            act("F", SourceCategory::Process, "digester", dec!(1), Unit::Tonne),
            act("F", SourceCategory::Fugitive, "switchgear", dec!(1), Unit::Kilogram),
            act("F", SourceCategory::Fugitive, "chiller", dec!(1), Unit::Kilogram),
        ];
        let r = calc(&inv);
        assert_eq!(r.ledger[0].t_co2e, ch4, "{set} CH4");
        assert_eq!(r.ledger[1].t_co2e, sf6, "{set} SF6");
        assert_eq!(r.ledger[2].t_co2e, hfc, "{set} HFC-134a");
    }
}

// ---------------------------------------------------------------------------
// Energy: GB/T 2589 standard coal (tce)
// ---------------------------------------------------------------------------

/// GB/T 2589 Appendix A reference coefficients for the GB/T 32150 fuels (golden/gbt2589.csv):
/// 1 000 t is 1 000 × the printed kgce/kg in tce, by the reference coefficient.
#[test]
fn energy_gbt2589_reference_coefficients_per_fuel() {
    for row in table(include_str!("golden/gbt2589.csv")) {
        let (key, coefficient) = (row[0], d(row[1]));
        let r = run(org(2024), None, None, vec![fuel(key, dec!(1000), Unit::Tonne)]);
        let line = &r.ledger[0];
        assert_eq!(line.tce, dec!(1000) * coefficient, "{key}");
        assert_eq!(line.tce_basis, TceBasis::ReferenceCoefficient, "{key}");
        let coefficient_factor = r
            .library
            .cited(line.factors)
            .iter()
            .map(|f| r.library.factor(*f))
            .find(|f| f.id == format!("gbt2589.{key}"))
            .unwrap_or_else(|| panic!("{key}: GB/T 2589 factor not cited"));
        assert!(coefficient_factor.source.document.starts_with("GB/T 2589"), "{key}");
        assert!(
            coefficient_factor.name.contains(&format!("mean NCV {} kJ", row[2])),
            "{key}: {}",
            coefficient_factor.name
        );
    }
}

/// Diesel 柴油 1.4571 kgce/kg (GB/T 2589 Appendix A, 10 200 kcal/kg ÷ 7 000): 1 t = 1.4571 tce,
/// 500 kg = 0.72855 tce.
#[test]
fn energy_diesel_1_4571() {
    let r = run(
        org(2024),
        None,
        None,
        vec![fuel("diesel", dec!(1), Unit::Tonne), fuel("diesel", dec!(500), Unit::Kilogram)],
    );
    assert_eq!(r.ledger[0].tce, dec!(1.4571));
    assert_eq!(r.ledger[1].tce, dec!(0.72855));
}

/// Raw coal 原煤 0.7143 kgce/kg (GB/T 2589 Appendix A, 5 000 kcal/kg ÷ 7 000). Raw coal has no
/// GB/T 32151 Table C.1 row, so its CO2 factor comes from the Factors sheet: 1.9003 tCO2/t
/// (compiled table 《各种能源折标准煤及碳排放参考系数》, 20.908 × 26.37 × 94 % × 44/12). 1 000 t:
/// 714.3 tce and 1 900.3 t CO2.
#[test]
fn energy_raw_coal_0_7143_via_custom_factor() {
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", None, None));
    inv.factors.push(custom("raw_coal", Gas::Co2, dec!(1.9003), "tCO2/t", "compiled table 2020, 原煤"));
    inv.activities.push(fuel("raw_coal", dec!(1000), Unit::Tonne));
    let r = calc(&inv);
    assert_eq!(r.summary.totals.energy_tce, dec!(714.3));
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(1900.3));
    assert_eq!(r.ledger[0].tce_basis, TceBasis::ReferenceCoefficient);
}

/// workbook-v1 (Activities, `activity`) lists `raw_coal` among the keys. GB/T 2589 Appendix A
/// gives raw coal 0.7143 kgce/kg (`gbt2589.raw_coal`), but the GB/T 32151 default table has no
/// raw-coal row (its carbon content and oxidation rate vary with the coal rank), so carbonbook
/// ships no default for them: a raw-coal row must give its measured NCV, carbon content and
/// oxidation rate, and says so when it does not. With the provincial-guideline values 20.908
/// GJ/t, 26.37 tC/TJ and 94 % given on the row, 1 t gives the published 1.9003 tCO2
/// (《各种能源折标准煤及碳排放参考系数》; 20.908 × 0.02637 × 0.94 × 44/12 = 1.9002988488).
#[test]
fn energy_raw_coal_needs_measured_parameters() {
    let inv = {
        let mut inv = Inventory::new(org(2024));
        inv.facilities.push(Facility::new("F"));
        inv.activities.push(fuel("raw_coal", dec!(1000), Unit::Tonne));
        inv
    };
    let errors = inv.calculate().unwrap_err().0;
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().contains("raw_coal"), "{}", errors[0]);
    let mut coal = fuel("raw_coal", dec!(1000), Unit::Tonne);
    coal.measured.ncv = Some(Rate::new(dec!(20.908), Unit::Gigajoule, Unit::Tonne));
    coal.measured.carbon_content = Some(dec!(0.02637));
    coal.measured.oxidation = Some(dec!(0.94));
    let r = run(org(2024), None, None, vec![coal]);
    assert_eq!(half_up(r.summary.totals.scope1_t_co2e / dec!(1000), 4), dec!(1.9003));
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(1900.2988488));
    // Measured NCV: tce = GJ / 29.3076 (GB/T 2589), not the 0.7143 reference coefficient.
    assert_eq!(r.summary.totals.energy_tce, dec!(20908) / dec!(29.3076));
}

/// Electricity, equivalent value 电力（当量值）0.1229 kgce/kWh (3 600 kJ/kWh; GB/T 2589
/// Appendix A): 1 000 kWh = 122.9 kgce (cn_NOTES.md WE2); 1 万千瓦时 = 1.229 tce; 1 000 MWh =
/// 122.9 tce. It is the default basis.
#[test]
fn energy_electricity_equivalent_value_0_1229() {
    assert_eq!(ElectricityBasis::default(), ElectricityBasis::EquivalentValue);
    let r = run(
        org(2023),
        None,
        None,
        vec![
            electricity(dec!(1000), Unit::KilowattHour),
            electricity(dec!(1), "万千瓦时".parse().unwrap()),
            electricity(dec!(1000), Unit::MegawattHour),
        ],
    );
    assert_eq!(r.ledger[0].tce * dec!(1000), dec!(122.9));
    assert_eq!(r.ledger[1].tce, dec!(1.229));
    assert_eq!(r.ledger[2].tce, dec!(122.9));
}

/// Heat 热力（当量值）0.034 12 kgce/MJ = tce/GJ (GB/T 2589 Appendix A): 1 000 MJ = 34.12 kgce
/// (cn_NOTES.md WE2). Its CO2 is the guideline default 0.11 tCO2/GJ (MEE ETS Q&A No. 191; WE6):
/// 1 000 GJ = 34.12 tce and 110 t CO2.
#[test]
fn energy_heat_0_03412_and_co2_0_11() {
    let heat = |qty: Decimal, unit: Unit| act("F", SourceCategory::PurchasedHeat, "heat", qty, unit);
    let r = run(org(2024), None, None, vec![heat(dec!(1000), Unit::Megajoule), heat(dec!(1000), Unit::Gigajoule)]);
    assert_eq!(r.ledger[0].tce * dec!(1000), dec!(34.12));
    assert_eq!(r.ledger[1].tce, dec!(34.12));
    assert_eq!(r.ledger[1].t_co2e, dec!(110));
    assert_eq!(r.summary.totals.scope2_location_t_co2e, dec!(110.11));
}

/// A measured NCV converts by energy ÷ 29.3076 GJ/tce (GB/T 2589: 1 kgce = 29 307.6 kJ), not by
/// the reference coefficient: diesel at 42.652 GJ/t is 1.4553 tce/t, not the printed 1.4571
/// (the Appendix A coefficients are kcal ratios; cn_NOTES.md trap 5). 29 307.6 GJ is 1 000 tce.
#[test]
fn energy_measured_ncv_path_gj_over_29_3076() {
    let mut diesel = fuel("diesel", dec!(1), Unit::Tonne);
    diesel.measured.ncv = Some(Rate::new(dec!(42.652), Unit::Gigajoule, Unit::Tonne));
    let mut coke = fuel("coke", dec!(1000), Unit::Tonne);
    coke.measured.ncv = Some(Rate::new(dec!(29.3076), Unit::Gigajoule, Unit::Tonne));
    let r = run(org(2024), None, None, vec![diesel, coke]);
    assert_eq!(r.ledger[0].tce_basis, TceBasis::MeasuredCalorificValue);
    assert_eq!(half_up(r.ledger[0].tce, 4), dec!(1.4553));
    assert_ne!(half_up(r.ledger[0].tce, 4), dec!(1.4571));
    assert_rel(r.ledger[0].tce, "1.455322168993708116665984249819", "diesel tce");
    assert_eq!(r.ledger[1].tce, dec!(1000));
    assert_eq!(energy::tce_from_gj(dec!(29307.6)).unwrap(), dec!(1000));
}

/// A fuel with no Appendix A coefficient converts its default NCV: bituminous coal 1 000 t ×
/// 19.570 GJ/t ÷ 29.3076 = 667.74 tce (crate docs example; GB/T 32151.22 Table C.1 NCV).
#[test]
fn energy_default_ncv_path_bituminous_coal() {
    let r = run(org(2024), None, None, vec![fuel("bituminous_coal", dec!(1000), Unit::Tonne)]);
    assert_eq!(r.ledger[0].tce_basis, TceBasis::DefaultCalorificValue);
    assert_eq!(half_up(r.ledger[0].tce, 2), dec!(667.74));
    assert_rel(r.ledger[0].tce, "667.7448852857279340512358569", "bituminous coal tce");
}

// ---------------------------------------------------------------------------
// China electricity factors (location-based Scope 2)
// ---------------------------------------------------------------------------

#[track_caller]
fn grid_t_per_mwh(year: i32, region: Option<&str>) -> (Decimal, Results) {
    let r = run(org(year), None, region, vec![electricity(dec!(1), Unit::MegawattHour)]);
    (r.ledger[0].t_co2e, r)
}

/// MEE & NBS 公告2024年第12号 (2024-04-12): 2021 national average 0.5568 kgCO2/kWh.
#[test]
fn grid_2021_national_0_5568() {
    let (f, r) = grid_t_per_mwh(2021, None);
    assert_eq!(f, dec!(0.5568));
    assert!(r.warnings.iter().all(|w| !w.message.contains("data year")), "{:?}", r.warnings);
    assert!(r.factor_citations(&r.ledger[0]).contains("公告2024年第12号"));
}

/// MEE & NBS 《关于发布2022年电力二氧化碳排放因子的公告》 (2024-12-20): 2022 national average
/// 0.5366 kgCO2/kWh; 1 000 MWh is 536.6 t.
#[test]
fn grid_2022_national_0_5366() {
    let r = run(org(2022), None, None, vec![electricity(dec!(1000), Unit::MegawattHour)]);
    assert_eq!(r.summary.totals.scope2_location_t_co2e, dec!(536.6));
    assert!(r.warnings.iter().all(|w| !w.message.contains("no cn.grid")), "{:?}", r.warnings);
}

/// MEE & NBS 2023 announcement (reported January 2026): 2023 national average 0.5306; 8 000
/// 万千瓦时 is 42 448 t (the contract example's figure).
#[test]
fn grid_2023_national_0_5306() {
    let r = run(org(2023), None, None, vec![electricity(dec!(8000), "万千瓦时".parse().unwrap())]);
    assert_eq!(r.summary.totals.scope2_location_t_co2e, dec!(42448));
}

/// 1 kWh = 3.6 MJ, so 3 600 GJ and 3 600 000 MJ of purchased electricity are 1 000 MWh: at the
/// 2023 national average 0.5306 t/MWh and GB/T 2589's 0.1229 tce/MWh that is 530.6 t and
/// 122.9 tce, as for 1 GWh. Agreement to a relative 1e-20 (the exact figure is checked by
/// `grid_electricity_in_energy_units_is_exact`).
#[test]
fn grid_electricity_in_gigajoules_and_megajoules() {
    let r = run(
        org(2023),
        None,
        None,
        vec![
            electricity(dec!(1), Unit::GigawattHour),
            electricity(dec!(3600), Unit::Gigajoule),
            electricity(dec!(3600000), Unit::Megajoule),
        ],
    );
    assert_eq!((r.ledger[0].t_co2e, r.ledger[0].tce), (dec!(530.6), dec!(122.9)));
    for line in &r.ledger[1..] {
        assert_eq!(line.energy_gj, Some(dec!(3600)));
        assert_rel(line.t_co2e, "530.6", "t CO2 of 3 600 GJ");
        assert_rel(line.tce, "122.9", "tce of 3 600 GJ");
    }
}

/// The same, exactly: the engine documents that nothing is rounded inside it and that unit
/// conversions are exact whenever the result terminates (units.rs, `Quantity::to`), and 530.6
/// terminates. (A regression test: per-unit factors were once folded into one rounded decimal,
/// giving 530.60000000000000000000000004 t.)
#[test]
fn grid_electricity_in_energy_units_is_exact() {
    let mut contract = electricity(dec!(3600), Unit::Gigajoule);
    contract.contractual_factor = Some(dec!(0.3));
    let r = run(org(2023), None, None, vec![contract, electricity(dec!(3600000), Unit::Megajoule)]);
    assert_eq!(r.ledger[0].t_co2e, dec!(530.6));
    assert_eq!(r.ledger[0].tce, dec!(122.9));
    assert_eq!(r.ledger[0].t_co2e_market, dec!(300));
    assert_eq!(r.ledger[1].t_co2e, dec!(530.6));
    assert_eq!(r.ledger[1].tce, dec!(122.9));
}

/// MEE 《关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知》 (Feb 2023): the
/// national grid factor for ETS reporting, 2022: 0.5703 tCO2/MWh (grid_region `ets`). It is not
/// the statistical 0.5366 of the same year (reference-values.md trap 3).
#[test]
fn grid_ets_reporting_2022_0_5703() {
    let (f, r) = grid_t_per_mwh(2022, Some("ets"));
    assert_eq!(f, dec!(0.5703));
    assert!(r.factor_citations(&r.ledger[0]).contains("2023—2025年发电行业"));
    assert_ne!(f, grid_t_per_mwh(2022, None).0);
}

/// Regional averages, MEE & NBS: 2022 North China 华北 0.6776 (by Chinese or English name),
/// 2022 Southwest 西南 0.2268, 2023 East China 华东 0.5500, 2021 South 南方 0.4326.
#[test]
fn grid_regional_factors() {
    assert_eq!(grid_t_per_mwh(2022, Some("华北")).0, dec!(0.6776));
    assert_eq!(grid_t_per_mwh(2022, Some("north")).0, dec!(0.6776));
    assert_eq!(grid_t_per_mwh(2022, Some("华北电网")).0, dec!(0.6776));
    assert_eq!(grid_t_per_mwh(2022, Some("西南")).0, dec!(0.2268));
    assert_eq!(grid_t_per_mwh(2023, Some("east")).0, dec!(0.5500));
    assert_eq!(grid_t_per_mwh(2021, Some("south")).0, dec!(0.4326));
}

/// No factor for the data year: the most recent earlier one is used, with a warning. Data year
/// 2024 → the 2023 national average 0.5306; ETS 2024 → the 2022 ETS factor 0.5703. Twelve
/// monthly rows give one warning, not twelve.
#[test]
fn grid_fallback_to_latest_year_with_warning() {
    let monthly: Vec<Activity> = (1..=12)
        .map(|m| {
            let mut a = electricity(dec!(100), Unit::MegawattHour);
            a.row = Some(4 + u32::from(m));
            a.period = Some(Period::month(2024, m).unwrap());
            a
        })
        .collect();
    let r = run(org(2024), None, None, monthly);
    assert_eq!(r.summary.totals.scope2_location_t_co2e, dec!(636.72)); // 1 200 MWh × 0.5306
    let fallback: Vec<_> = r.warnings.iter().filter(|w| w.message.contains("data year 2024")).collect();
    assert_eq!(fallback.len(), 1, "{:?}", r.warnings);
    assert!(fallback[0].message.contains("cn.grid.average.national.2023"), "{}", fallback[0]);
    assert_eq!(fallback[0].row, Some(5));

    let (f, r) = grid_t_per_mwh(2024, Some("ets"));
    assert_eq!(f, dec!(0.5703));
    assert!(r.warnings.iter().any(|w| w.message.contains("used the 2022 factor")), "{:?}", r.warnings);
}

/// Before the first published year there is nothing to fall back to: the national average starts
/// with 2021 (公告2024年第12号), so data year 2020 is an error on the row, not a silent zero.
#[test]
fn grid_no_factor_before_2021_is_an_error() {
    let mut inv = Inventory::new(org(2020));
    inv.facilities.push(facility("F", None, None));
    let mut a = electricity(dec!(1), Unit::MegawattHour);
    a.row = Some(6);
    inv.activities.push(a);
    let errors = the_errors(&inv);
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].sheet, errors[0].row), (InputSheet::Activities, Some(6)));
    assert!(errors[0].to_string().contains("2020"), "{}", errors[0]);
}

/// 新京报 on the MEE & NBS 2022 announcement (2024-12-27): the national average fell from
/// 0.5568 (2021) to 0.5366 (2022), by 0.0202 or 3.6 %; Yunnan 0.1073 is "不到" (under) 14.8 % of
/// Hebei 0.7252.
#[test]
fn grid_2022_change_minus_3_6_percent() {
    let f21 = grid_t_per_mwh(2021, None).0;
    let f22 = grid_t_per_mwh(2022, None).0;
    assert_eq!(f21 - f22, dec!(0.0202));
    let change = intensity::change_percent(f21, f22).unwrap().unwrap();
    assert_eq!(half_up(change, 1), dec!(-3.6));
    let yunnan = grid_t_per_mwh(2022, Some("云南")).0;
    let hebei = grid_t_per_mwh(2022, Some("河北")).0;
    assert_eq!((yunnan, hebei), (dec!(0.1073), dec!(0.7252)));
    let share = yunnan / hebei * dec!(100);
    assert!(share < dec!(14.8) && half_up(share, 1) == dec!(14.8), "{share}");
}

/// 光明日报 / 中国电力报 on the MEE & NBS 2023 announcement: 2023 factors and their change on 2022
/// for the national average and seven regional grids (golden/cn_grid_2023_changes.csv). The
/// published northeast change (−8.0 %) was computed from unrounded factors; the published
/// four-decimal factors give −7.94 %.
#[test]
fn grid_2023_changes_on_2022() {
    for row in table(include_str!("golden/cn_grid_2023_changes.csv")) {
        let region = Some(row[0]).filter(|r| !r.is_empty());
        let f22 = grid_t_per_mwh(2022, region).0;
        let f23 = grid_t_per_mwh(2023, region).0;
        assert_eq!((f22, f23), (d(row[1]), d(row[2])), "{region:?}");
        let change = intensity::change_percent(f22, f23).unwrap().unwrap();
        let published = d(row[3]);
        match row[4] {
            "rounded" => assert_eq!(half_up(change, 1), published, "{region:?}: {change}"),
            _ => assert!((change - published).abs() < dec!(0.06), "{region:?}: {change} vs {published}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Intensity (workbook-v1 / cli-v1: figure / (output value / 10 000); products shared by output
// value; change on base year = (current − base) / base × 100)
// ---------------------------------------------------------------------------

/// One facility buying 1 000 MWh of electricity in 2023 (0.5306 → 530.6 t; 0.1229 → 122.9 tce)
/// and 1 000 GJ of heat (0.11 → 110 t; 0.034 12 → 34.12 tce): 640.6 t and 157.02 tce.
fn energy_buyer(production: Vec<Production>, base_year: Option<BaseYear>) -> Inventory {
    let mut o = org(2023);
    o.base_year = base_year;
    let mut inv = Inventory::new(o);
    inv.facilities.push(facility("F", Some("light manufacturing"), None));
    inv.activities = vec![
        electricity(dec!(1000), Unit::MegawattHour),
        act("F", SourceCategory::PurchasedHeat, "heat", dec!(1000), Unit::Gigajoule),
    ];
    inv.production = production;
    inv
}

/// Per 10 000 CNY of output value (万元产值): 20 000 000 CNY is 2 000 × 10^4 CNY, so 640.6 t is
/// 0.3203 t CO2e/10^4 CNY and 157.02 tce is 0.07851 tce/10^4 CNY.
#[test]
fn intensity_per_10k_output_value() {
    let r = calc(&energy_buyer(vec![product("F", "widgets", dec!(1000), Some(dec!(20000000)))], None));
    assert_eq!(r.summary.totals.total_location_t_co2e().unwrap(), dec!(640.6));
    assert_eq!(r.summary.totals.energy_tce, dec!(157.02));
    assert_eq!(r.intensity.output_value, dec!(20000000));
    assert_eq!(r.intensity.t_co2e_per_10k_output_value, Some(dec!(0.3203)));
    assert_eq!(r.intensity.tce_per_10k_output_value, Some(dec!(0.07851)));
}

/// A sole product carries all of its facility's emissions and energy: 640.6 t / 1 000 t =
/// 0.6406 t CO2e/t and 0.15702 tce/t. Monthly production rows of one product add up.
#[test]
fn intensity_per_unit_of_sole_product() {
    let mut jan = product("F", "widgets", dec!(400), Some(dec!(8000000)));
    jan.period = Some(Period::month(2023, 1).unwrap());
    let mut feb = product("F", "widgets", dec!(600), Some(dec!(12000000)));
    feb.period = Some(Period::month(2023, 2).unwrap());
    let r = calc(&energy_buyer(vec![jan, feb], None));
    let products = &r.intensity.facilities[0].products;
    assert_eq!(products.len(), 1);
    assert_eq!(products[0].quantity, dec!(1000));
    assert_eq!(products[0].share, Some(dec!(1)));
    assert_eq!(products[0].t_co2e_per_unit, Some(dec!(0.6406)));
    assert_eq!(products[0].tce_per_unit, Some(dec!(0.15702)));
}

/// Several products share the facility's totals by output value (cli-v1; ISO 14044 §4.3.4.2
/// economic allocation): A 15 000 000 CNY (3 000 t) and B 5 000 000 CNY (500 t) take 75 % and
/// 25 %: A 640.6 × 0.75 / 3 000 = 0.16015 t/t, B 640.6 × 0.25 / 500 = 0.3203 t/t.
#[test]
fn intensity_several_products_shared_by_output_value() {
    let r = calc(&energy_buyer(
        vec![product("F", "A", dec!(3000), Some(dec!(15000000))), product("F", "B", dec!(500), Some(dec!(5000000)))],
        None,
    ));
    let p = &r.intensity.facilities[0].products;
    assert_eq!((p[0].share, p[1].share), (Some(dec!(0.75)), Some(dec!(0.25))));
    assert_eq!(p[0].t_co2e_per_unit, Some(dec!(0.16015)));
    assert_eq!(p[0].tce_per_unit, Some(dec!(0.039255)));
    assert_eq!(p[1].t_co2e_per_unit, Some(dec!(0.3203)));
    assert_eq!(p[1].tce_per_unit, Some(dec!(0.07851)));
    // The shares add back up to the facility totals.
    let back = p[0].t_co2e_per_unit.unwrap() * p[0].quantity + p[1].t_co2e_per_unit.unwrap() * p[1].quantity;
    assert_eq!(back, dec!(640.6));
}

/// Without an output value for every product the allocation is undefined: no per-product
/// figures, and a warning.
#[test]
fn intensity_several_products_missing_output_value_warns() {
    let r = calc(&energy_buyer(
        vec![product("F", "A", dec!(3000), Some(dec!(15000000))), product("F", "B", dec!(500), None)],
        None,
    ));
    let p = &r.intensity.facilities[0].products;
    assert!(p.iter().all(|p| p.t_co2e_per_unit.is_none() && p.share.is_none()));
    assert!(r.warnings.iter().any(|w| w.message.contains("per-product intensities are not computed")));
}

/// Change on the base year, (current − base) / base × 100: base 0.400375 t/10^4 CNY against
/// 0.3203 is −20 %; base 0.10468 tce/10^4 CNY against 0.07851 is −25 %.
#[test]
fn intensity_change_on_base_year_percent() {
    let base = BaseYear {
        year: 2020,
        tce_per_10k_output_value: Some(dec!(0.10468)),
        t_co2e_per_10k_output_value: Some(dec!(0.400375)),
    };
    let r = calc(&energy_buyer(vec![product("F", "widgets", dec!(1000), Some(dec!(20000000)))], Some(base)));
    let co2 = r.intensity.t_co2e_vs_base_year.expect("compared");
    assert_eq!((co2.base, co2.current, co2.change_percent), (dec!(0.400375), dec!(0.3203), dec!(-20)));
    let tce = r.intensity.tce_vs_base_year.expect("compared");
    assert_eq!(tce.change_percent, dec!(-25));
}

/// An output value of zero has no intensity per 10 000 CNY (division by zero is not a figure):
/// none is computed, and a warning says why.
#[test]
fn intensity_zero_output_value_is_not_computed() {
    let r = calc(&energy_buyer(vec![product("F", "widgets", dec!(1000), Some(dec!(0)))], None));
    assert_eq!(r.intensity.tce_per_10k_output_value, None);
    assert_eq!(r.intensity.t_co2e_per_10k_output_value, None);
    assert!(r.warnings.iter().any(|w| w.message.contains("total output value is 0")), "{:?}", r.warnings);
    // The sole product still has its per-unit figures: 640.6 t / 1 000 t.
    assert_eq!(r.intensity.facilities[0].products[0].t_co2e_per_unit, Some(dec!(0.6406)));
}

// ---------------------------------------------------------------------------
// Trading
// ---------------------------------------------------------------------------

fn trading_inventory(lines: Vec<TradingLine>, activities: Vec<Activity>) -> Inventory {
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", Some("power"), None));
    inv.activities = activities;
    inv.trading = lines;
    inv
}

/// CN-ETS offsets: CCER may cover at most 5 % of the allowances due, i.e. of verified emissions
/// (《碳排放权交易管理办法（试行）》, MEE Order No. 19, Art. 29), not 5 % of the allocation
/// (reference-values.md trap 5). Allocated 100 000 t, verified 120 000 t, 7 000 t of CCER: 6 000 t
/// count (5 000 t if it were the allocation), 1 000 t are excess; position −14 000 t, at 60 CNY/t
/// a shortfall cost of 840 000 CNY, no penalty.
#[test]
fn trading_cn_ets_offsets_capped_at_5_percent_of_verified() {
    let mut line = TradingLine::new(Scheme::CnEts, "F", 2024, Allocation::Given(dec!(100000)));
    line.verified = Some(dec!(120000));
    line.offsets = dec!(7000);
    line.price = Some(dec!(60));
    let r = calc(&trading_inventory(vec![line], vec![]));
    let p = &r.trading[0];
    assert_eq!(p.offsets_counted_t, dec!(6000));
    assert_eq!(p.offsets_excess_t, dec!(1000));
    assert_eq!(p.position_t, dec!(-14000));
    assert_eq!(p.shortfall_cost, dec!(840000));
    assert_eq!(p.penalty, dec!(0));
    assert_eq!(Scheme::CnEts.offset_limit(), dec!(0.05));
}

/// EU ETS, Directive 2003/87/EC Art. 16(3): EUR 100 per t CO2e of excess emissions, on top of
/// buying the missing allowances. Phase 4 accepts no international credits, so offsets count
/// nothing (warned). Allocated 45 000, bought 2 000, sold 500, verified 50 000: position −3 500 t,
/// at EUR 80 a cost of 280 000 and a penalty of 350 000.
#[test]
fn trading_eu_ets_penalty_100_per_tonne() {
    let mut line = TradingLine::new(Scheme::EuEts, "F", 2024, Allocation::Given(dec!(45000)));
    line.verified = Some(dec!(50000));
    line.purchased = dec!(2000);
    line.sold = dec!(500);
    line.offsets = dec!(1000);
    line.price = Some(dec!(80));
    let r = calc(&trading_inventory(vec![line], vec![]));
    let p = &r.trading[0];
    assert_eq!(EU_ETS_PENALTY_PER_T, dec!(100));
    assert_eq!((p.offsets_counted_t, p.offsets_excess_t), (dec!(0), dec!(1000)));
    assert_eq!(p.position_t, dec!(-3500));
    assert_eq!(p.shortfall_cost, dec!(280000));
    assert_eq!(p.penalty, dec!(350000));
    assert!(r.warnings.iter().any(|w| w.message.contains("no international credits")), "{:?}", r.warnings);
    // The default is a euro amount; the inventory's currency is CNY (the contract's default).
    assert_eq!(r.organisation.currency.code(), "CNY");
    assert!(r.warnings.iter().any(|w| w.message.contains("defaults to EUR 100 per t")), "{:?}", r.warnings);
}

/// A surplus costs nothing and incurs no penalty; a given penalty per t replaces the default.
#[test]
fn trading_surplus_and_penalty_override() {
    // Two compliance years: two accounts (rows of one year would be one account).
    let mut surplus = TradingLine::new(Scheme::EuEts, "F", 2023, Allocation::Given(dec!(52000)));
    surplus.verified = Some(dec!(50000));
    surplus.price = Some(dec!(80));
    let mut short = TradingLine::new(Scheme::EuEts, "F", 2024, Allocation::Given(dec!(49000)));
    short.verified = Some(dec!(50000));
    short.penalty_per_t = Some(dec!(110));
    let r = calc(&trading_inventory(vec![surplus, short], vec![]));
    assert_eq!(
        (r.trading[0].position_t, r.trading[0].shortfall_cost, r.trading[0].penalty),
        (dec!(2000), dec!(0), dec!(0))
    );
    assert_eq!((r.trading[1].position_t, r.trading[1].penalty), (dec!(-1000), dec!(110000)));
    // Only the line without its own penalty per t is warned about the euro default.
    let euro: Vec<_> = r.warnings.iter().filter(|w| w.message.contains("defaults to EUR 100 per t")).collect();
    assert_eq!(euro.len(), 1, "{:?}", r.warnings);
}

/// CN-ETS benchmark allocation, allowance = supply benchmark × power supplied × correction
/// (MEE 2019–2020 plan; ICAP): conventional coal > 300 MW 0.877 tCO2/MWh × 1 000 000 MWh =
/// 877 000 t; gas 0.392 × 500 000 MWh = 196 000 t. 2021 plan coal > 300 MW 0.8218 tCO2/MWh:
/// 821 800 t.
#[test]
fn trading_cn_ets_benchmark_allocation() {
    // One account per year: three years, three allocations.
    let bench = |year: i32, benchmark: Decimal, output: Decimal| {
        let mut line = TradingLine::new(
            Scheme::CnEts,
            "F",
            year,
            Allocation::Benchmark { benchmark, output, correction: dec!(1) },
        );
        line.verified = Some(dec!(0));
        line
    };
    let r = calc(&trading_inventory(
        vec![
            bench(2020, dec!(0.877), dec!(1000000)),
            bench(2022, dec!(0.392), dec!(500000)),
            bench(2024, dec!(0.8218), dec!(1000000)),
        ],
        vec![],
    ));
    let allocated: Vec<Decimal> = r.trading.iter().map(|p| p.allocated_t).collect();
    assert_eq!(allocated, [dec!(877000), dec!(196000), dec!(821800)]);
}

/// Verified emissions computed from the ledger: CN-ETS covers Scope 1 CO2 of the facility
/// (purchased electricity excluded from 2023 on); 40 000 t of coke at the Table C.1 defaults is
/// 114 416.753 t, the 1 000 MWh of grid power (530.6 t) is not counted. Against a benchmark
/// allocation of 0.8218 × 130 000 MWh = 106 834 t the position is −7 582.753 t.
#[test]
fn trading_cn_ets_verified_computed_from_scope1_co2() {
    let line = TradingLine::new(
        Scheme::CnEts,
        "F",
        2024,
        Allocation::Benchmark { benchmark: dec!(0.8218), output: dec!(130000), correction: dec!(1) },
    );
    let activities = vec![fuel("coke", dec!(40000), Unit::Tonne), electricity(dec!(1000), Unit::MegawattHour)];
    let r = calc(&trading_inventory(vec![line], activities));
    let p = &r.trading[0];
    assert!(p.verified_computed);
    assert_eq!(p.verified_t, dec!(114416.753));
    assert_eq!(p.allocated_t, dec!(106834));
    assert_eq!(p.position_t, dec!(-7582.753));
    assert!(r.warnings.iter().any(|w| w.message.contains("verified emissions computed")));
}

/// One account per scheme, facility and year (workbook-v2 §6): a CN-ETS power unit allocated on
/// its power benchmark (0.8218 t/MWh × 130 000 MWh, the 2021 class-I value) and its heat benchmark
/// (0.1111 t/GJ × 20 000 GJ) on two rows holds 106 834 + 2 222 = 109 056 t against the verified
/// 114 416.753 t (40 000 t coke, Table C.1 defaults) counted once: −5 360.753 t. Version 1 charged
/// each row the whole verified emissions (two shortfalls, −7 582.753 and −112 194.753).
#[test]
fn trading_rows_of_one_facility_and_year_are_one_account() {
    let power = TradingLine::new(
        Scheme::CnEts,
        "F",
        2024,
        Allocation::Benchmark { benchmark: dec!(0.8218), output: dec!(130000), correction: dec!(1) },
    );
    let mut heat = TradingLine::new(
        Scheme::CnEts,
        "F",
        2024,
        Allocation::Benchmark { benchmark: dec!(0.1111), output: dec!(20000), correction: dec!(1) },
    );
    heat.purchased = dec!(1000);
    let r = calc(&trading_inventory(vec![power, heat], vec![fuel("coke", dec!(40000), Unit::Tonne)]));
    assert_eq!(r.trading.len(), 1);
    let p = &r.trading[0];
    assert_eq!(p.allocated_t, dec!(109056));
    assert_eq!(p.verified_t, dec!(114416.753));
    assert_eq!(p.purchased_t, dec!(1000));
    assert_eq!(p.position_t, dec!(-4360.753));
    assert_eq!(p.parts.iter().map(|x| x.allocated_t).collect::<Vec<_>>(), [dec!(106834), dec!(2222)]);
}

/// Two rows of one account that give different verified emissions are an error naming the
/// second row: the account has one verified figure.
#[test]
fn trading_rows_of_one_account_must_agree_on_verified_emissions() {
    let mut a = TradingLine::new(Scheme::CnEts, "F", 2024, Allocation::Given(dec!(10)));
    a.row = Some(2);
    a.verified = Some(dec!(100));
    let mut b = TradingLine::new(Scheme::CnEts, "F", 2024, Allocation::Given(dec!(10)));
    b.row = Some(3);
    b.verified = Some(dec!(90));
    let errors = the_errors(&trading_inventory(vec![a, b], vec![fuel("coke", dec!(1), Unit::Tonne)]));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].row, Some(3));
    assert!(errors[0].to_string().contains("differs from 100 on row 2"), "{}", errors[0]);
}

/// Computed verified emissions follow each scheme's gases: EU ETS Directive 2003/87/EC Annex I
/// covers CO2, N2O and PFCs, not CH4; CN-ETS covers CO2. 1 TJ of natural gas in a power plant
/// under ipcc-2006 and AR5 (Tables 1.4, 2.2): 56.1 t CO2 + 0.0001 t N2O × 265 = 56.1265 t for
/// the EU ETS, 56.1 t for CN-ETS; the 0.028 t CO2e of CH4 counts in neither.
#[test]
fn trading_verified_emissions_follow_scheme_coverage() {
    let mut inv = Inventory::new(ipcc_org(2024, GwpSet::Ar5));
    inv.facilities.push(facility("F", Some("power"), None));
    inv.activities.push(fuel("natural_gas", dec!(1), Unit::Terajoule));
    inv.trading = vec![
        TradingLine::new(Scheme::EuEts, "F", 2024, Allocation::Given(dec!(50))),
        TradingLine::new(Scheme::CnEts, "F", 2024, Allocation::Given(dec!(50))),
    ];
    let r = calc(&inv);
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(56.1545));
    assert_eq!(r.trading[0].verified_t, dec!(56.1265));
    assert_eq!(r.trading[1].verified_t, dec!(56.1));
    assert_eq!(r.trading[0].penalty, dec!(612.65)); // 6.1265 t short × EUR 100
}

// ---------------------------------------------------------------------------
// The contract's worked example: fixtures/spec/example-steel.xlsx and
// example-steel.expected.json (figures computed by make_example.py with 50-digit decimals).
// ---------------------------------------------------------------------------

/// The inventory of example-steel.xlsx, row for row.
fn example_steel() -> Inventory {
    let mut o = Organisation::new("Example Steel Co.", 2024);
    o.methodology = "cn-gbt32150".to_owned();
    o.gwp = "AR5".parse().unwrap();
    o.currency = "CNY".parse().unwrap();
    let mut inv = Inventory::new(o);
    for (row, id, name) in [(2, "S1", "Blast furnace works"), (3, "S2", "Rolling mill")] {
        let mut f = facility(id, Some("steel"), None);
        f.row = Some(row);
        f.name = name.to_owned();
        f.country = "CN".to_owned();
        inv.facilities.push(f);
    }
    let mut grid =
        custom("grid_2023", Gas::Co2, dec!(0.5306), "tCO2/MWh", "MEE/NBS 2023 national average electricity CO2 factor");
    grid.row = Some(2);
    grid.tce_per_unit = Some(dec!(0.1229));
    inv.factors.push(grid);

    let ncv = |value: Decimal, unit: &str| unit.parse::<Rate>().unwrap().with_value(value);
    let mut coke = act("S1", SourceCategory::StationaryCombustion, "coke", dec!(40000), "t".parse().unwrap());
    coke.row = Some(2);
    coke.period = Some("2024".parse().unwrap());
    coke.measured.ncv = Some(ncv(dec!(28.435), "GJ/t"));
    coke.measured.carbon_content = Some(dec!(0.0295));
    coke.measured.oxidation = Some(dec!(0.93));
    let mut gas = act("S1", SourceCategory::StationaryCombustion, "natural_gas", dec!(300), "10^4 m3".parse().unwrap());
    gas.row = Some(3);
    gas.period = Some("2024".parse().unwrap());
    gas.measured.ncv = Some(ncv(dec!(389.31), "GJ/10^4 m3"));
    gas.measured.carbon_content = Some(dec!(0.0153));
    gas.measured.oxidation = Some(dec!(0.99)); // "99%"
    let mut power =
        act("S2", SourceCategory::PurchasedElectricity, "grid_2023", dec!(8000), "万千瓦时".parse().unwrap());
    power.row = Some(4);
    power.period = Some("2024".parse().unwrap());
    power.contractual_factor = Some(dec!(0.3));
    inv.activities = vec![coke, gas, power];

    let mut pig_iron = product("S1", "pig iron", dec!(500000), Some(dec!(1500000000)));
    pig_iron.row = Some(2);
    let mut coil = product("S2", "hot-rolled coil", dec!(480000), Some(dec!(1900000000)));
    coil.row = Some(3);
    inv.production = vec![pig_iron, coil];

    let mut line = TradingLine::new(Scheme::CnEts, "S1", 2024, Allocation::Given(dec!(120000)));
    line.row = Some(2);
    line.verified = Some(dec!(130000));
    line.offsets = dec!(8000);
    line.price = Some(dec!(95));
    inv.trading = vec![line];
    inv
}

/// example-steel.expected.json, "totals": Scope 1 = coke 40 000 t × 28.435 × 0.0295 × 0.93 ×
/// 44/12 + gas 300 × 389.31 × 0.0153 × 0.99 × 44/12 = 120 903.319427 t (exact); Scope 2
/// location 80 000 MWh × 0.5306, market × 0.3; energy by measured NCV ÷ 29.3076 plus 80 000 MWh
/// × 0.1229.
#[test]
fn example_steel_totals() {
    let r = calc(&example_steel());
    let t = &r.summary.totals;
    assert_eq!(t.scope1_t_co2e, dec!(120903.319427));
    assert_rel(t.scope1_t_co2e, "120903.31942700000000000000000000000000000000000000", "scope1_t_co2e");
    assert_eq!(t.scope2_location_t_co2e, dec!(42448.0000));
    assert_eq!(t.scope2_market_t_co2e, dec!(24000.0));
    assert_eq!(t.total_location_t_co2e().unwrap(), dec!(163351.319427));
    assert_eq!(t.total_market_t_co2e().unwrap(), dec!(144903.319427));
    assert_rel(t.energy_tce, "52626.121661275573571360329743820715445822926476409", "energy_tce");
    assert_eq!(r.intensity.output_value, dec!(3400000000));
    assert_eq!(r.ledger[2].market_basis, MarketBasis::Contractual);
    assert!(r.ledger[..2].iter().all(|l| l.tce_basis == TceBasis::MeasuredCalorificValue));
}

/// example-steel.expected.json, "intensity": per 10 000 CNY of the 3.4 billion CNY output value.
#[test]
fn example_steel_intensities() {
    let r = calc(&example_steel());
    assert_rel(
        r.intensity.tce_per_10k_output_value.unwrap(),
        "0.15478271076845756932753038159947269248771448963650",
        "tce_per_10k_output_value",
    );
    assert_rel(
        r.intensity.t_co2e_per_10k_output_value.unwrap(),
        "0.48044505713823529411764705882352941176470588235294",
        "t_co2e_per_10k_output_value",
    );
}

/// example-steel.expected.json, "facilities (excerpt)": S1 pig iron and S2 hot-rolled coil per t.
#[test]
fn example_steel_facilities_and_products() {
    let r = calc(&example_steel());
    let s1 = r.summary.facility(0);
    let s2 = r.summary.facility(1);
    assert_eq!(s1.scope1_t_co2e, dec!(120903.319427));
    assert_eq!((s2.scope2_location_t_co2e, s2.scope2_market_t_co2e), (dec!(42448), dec!(24000)));
    let f = &r.intensity.facilities;
    assert_eq!((f[0].facility_id.as_str(), f[1].facility_id.as_str()), ("S1", "S2"));
    let (pig, coil) = (&f[0].products[0], &f[1].products[0]);
    assert_eq!((pig.product.as_str(), coil.product.as_str()), ("pig iron", "hot-rolled coil"));
    assert_rel(pig.t_co2e_per_unit.unwrap(), "0.24180663885400000000000000000000000000000000", "pig iron t/t");
    assert_rel(pig.tce_per_unit.unwrap(), "0.085588243322551147142720659487641430891645852952818", "pig iron tce/t");
    assert_rel(coil.t_co2e_per_unit.unwrap(), "0.088433333333333333333333333333333333333333333333333", "coil t/t");
    assert_rel(coil.tce_per_unit.unwrap(), "0.020483333333333333333333333333333333333333333333333", "coil tce/t");
}

/// example-steel.expected.json, "trading": CN-ETS S1 2024, offsets 8 000 t against a cap of 5 %
/// of 130 000 t.
#[test]
fn example_steel_trading() {
    let r = calc(&example_steel());
    assert_eq!(r.trading.len(), 1);
    let p = &r.trading[0];
    assert_eq!((p.scheme, p.facility_id.as_str(), p.year), (Scheme::CnEts, "S1", 2024));
    assert_eq!(p.allocated_t, dec!(120000));
    assert_eq!(p.verified_t, dec!(130000));
    assert!(!p.verified_computed);
    assert_eq!(p.offsets_counted_t, dec!(6500.00));
    assert_eq!(p.offsets_excess_t, dec!(1500.00));
    assert_eq!(p.position_t, dec!(-3500.00));
    assert_eq!(p.shortfall_cost, dec!(332500.00));
    assert_eq!(p.penalty, dec!(0));
}

// ---------------------------------------------------------------------------
// Error paths (workbook-v1: every error names its sheet, row and field; all errors of a
// workbook are reported in one run)
// ---------------------------------------------------------------------------

/// An unknown activity key suggests the nearest known key, under either method.
#[test]
fn error_unknown_activity_suggests_nearest_key() {
    for (o, typo, suggestion) in
        [(org(2024), "disel", "diesel"), (ipcc_org(2024, GwpSet::Ar5), "natral_gas", "natural_gas")]
    {
        let mut inv = Inventory::new(o);
        inv.facilities.push(facility("F", Some("power"), None));
        let mut a = fuel(typo, dec!(1), Unit::Tonne);
        a.row = Some(7);
        inv.activities.push(a);
        let errors = the_errors(&inv);
        assert_eq!(errors.len(), 1);
        let e = &errors[0];
        assert_eq!((e.sheet, e.row, e.field), (InputSheet::Activities, Some(7), Some(Field::Activity)));
        match &e.kind {
            CalcErrorKind::UnknownActivity { key, nearest, .. } => {
                assert_eq!(key, typo);
                assert_eq!(nearest.first().map(String::as_str), Some(suggestion), "{nearest:?}");
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains(&format!("did you mean \"{suggestion}\"")), "{e}");
    }
}

/// A unit whose dimension does not fit the activity is an error on the `unit` field: diesel's
/// Table C.1 NCV is per tonne, so cubic metres do not fit; electricity is energy, not mass.
#[test]
fn error_unit_dimension_mismatch() {
    let mut inv = Inventory::new(org(2023));
    inv.facilities.push(facility("F", None, None));
    let mut diesel = fuel("diesel", dec!(10), Unit::CubicMetre);
    diesel.row = Some(5);
    let mut power = electricity(dec!(10), Unit::Tonne);
    power.row = Some(6);
    inv.activities = vec![diesel, power];
    let errors = the_errors(&inv);
    assert_eq!(errors.len(), 2);
    for (e, row, unit) in [(&errors[0], 5, Unit::CubicMetre), (&errors[1], 6, Unit::Tonne)] {
        assert_eq!((e.row, e.field), (Some(row), Some(Field::Unit)));
        assert!(matches!(&e.kind, CalcErrorKind::UnitDoesNotFit { unit: u, .. } if *u == unit), "{e}");
    }
}

/// A negative quantity is refused with its value: "Activities row 9, quantity: must be a number
/// ≥ 0, found -5".
#[test]
fn error_negative_quantity() {
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", None, None));
    let mut a = fuel("diesel", dec!(-5), Unit::Tonne);
    a.row = Some(9);
    inv.activities.push(a);
    let errors = the_errors(&inv);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, CalcErrorKind::Negative { value: "-5".to_owned() });
    assert_eq!(errors[0].to_string(), "Activities row 9, quantity: must be a number ≥ 0, found -5");
}

/// All errors of a workbook in one run, each with its sheet and row: four bad activity rows
/// among good ones, a negative production quantity and a trading line for an unknown facility.
#[test]
fn error_all_errors_reported_in_one_run() {
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", None, None));
    let mut rows = vec![
        fuel("diesel", dec!(1), Unit::Tonne),      // 5: fine
        fuel("dieselx", dec!(1), Unit::Tonne),     // 6: unknown activity
        fuel("coke", dec!(-1), Unit::Tonne),       // 7: negative
        fuel("natural_gas", dec!(1), Unit::Tonne), // 8: unit does not fit
        act("G", SourceCategory::StationaryCombustion, "coke", dec!(1), Unit::Tonne), // 9: unknown facility
        fuel("coke", dec!(1), Unit::Tonne),        // 10: fine
    ];
    for (i, a) in rows.iter_mut().enumerate() {
        a.row = Some(5 + i as u32);
    }
    inv.activities = rows;
    let mut p = product("F", "x", dec!(-3), None);
    p.row = Some(4);
    inv.production.push(p);
    let mut t = TradingLine::new(Scheme::CnEts, "F2", 2024, Allocation::Given(dec!(1)));
    t.row = Some(3);
    inv.trading.push(t);

    let errors = the_errors(&inv);
    let got: Vec<(InputSheet, Option<u32>, Option<Field>)> = errors.iter().map(|e| (e.sheet, e.row, e.field)).collect();
    assert_eq!(
        got,
        [
            (InputSheet::Activities, Some(6), Some(Field::Activity)),
            (InputSheet::Activities, Some(7), Some(Field::Quantity)),
            (InputSheet::Activities, Some(8), Some(Field::Unit)),
            (InputSheet::Activities, Some(9), Some(Field::FacilityId)),
            (InputSheet::Production, Some(4), Some(Field::Quantity)),
            (InputSheet::Trading, Some(3), Some(Field::FacilityId)),
        ]
    );
    assert!(matches!(
        &errors[3].kind,
        CalcErrorKind::UnknownFacility { nearest, .. } if nearest.is_empty() || nearest[0] == "F"
    ));
}

/// An unknown methodology is an Organisation error that lists the accepted ids
/// (workbook-v1: `cn-gbt32150`, `ipcc-2006`).
#[test]
fn error_unknown_methodology_lists_accepted_ids() {
    let mut o = org(2024);
    o.methodology = "ghg-protocol".to_owned();
    let mut inv = Inventory::new(o);
    inv.facilities.push(facility("F", None, None));
    inv.activities.push(fuel("diesel", dec!(1), Unit::Tonne));
    let errors = the_errors(&inv);
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].sheet, errors[0].field), (InputSheet::Organisation, Some(Field::Methodology)));
    let msg = errors[0].to_string();
    assert!(msg.contains("\"ghg-protocol\"") && msg.contains("cn-gbt32150") && msg.contains("ipcc-2006"), "{msg}");
}

// ---------------------------------------------------------------------------
// The reporting period (workbook-v2 §2; GHG Protocol Corporate Standard ch. 5
// and GB/T 32150-2015 §4: an inventory covers one reporting period)
// ---------------------------------------------------------------------------

/// A 2024 book holding a December 2023 invoice and a 2022 row: only the 2024 row counts
/// (40 000 t coke at the Table C.1 defaults, 114 416.753 t CO2 with 44/12 exact), the others are
/// listed as excluded with their rows, and a warning per year names them. A 2023 production row
/// is left out of the output value, so the intensity divides 2024 emissions by 2024 output only.
#[test]
fn rows_outside_the_reporting_year_are_left_out_and_named() {
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", None, None));
    let mut rows = Vec::new();
    for (row, period) in [(2, "2024-03"), (3, "2023-12"), (4, "2022"), (5, "2023-01")] {
        let mut a = fuel("coke", dec!(40000), Unit::Tonne);
        a.row = Some(row);
        a.period = Some(period.parse().unwrap());
        rows.push(a);
    }
    inv.activities = rows;
    let mut p2024 = product("F", "coke", dec!(1), Some(dec!(100000000)));
    p2024.row = Some(2);
    p2024.period = Some("2024".parse().unwrap());
    let mut p2023 = product("F", "coke", dec!(1), Some(dec!(100000000)));
    p2023.row = Some(3);
    p2023.period = Some("2023".parse().unwrap());
    inv.production = vec![p2024, p2023];
    let r = calc(&inv);
    assert_eq!(r.ledger.len(), 1);
    assert_eq!(r.ledger[0].row, Some(2));
    let total = r.summary.totals.scope1_t_co2e;
    assert_eq!(half_up(total, 3), dec!(114416.753));
    assert_eq!(r.intensity.output_value, dec!(100000000));
    // 114 416.753… t over 10 000 units of 10^4.
    assert_eq!(r.intensity.t_co2e_per_10k_output_value, Some(total / dec!(10000)));
    let excluded: Vec<(InputSheet, Option<u32>, String)> =
        r.excluded.iter().map(|e| (e.sheet, e.row, e.period.to_string())).collect();
    assert_eq!(
        excluded,
        [
            (InputSheet::Activities, Some(3), "2023-12".to_owned()),
            (InputSheet::Activities, Some(4), "2022".to_owned()),
            (InputSheet::Activities, Some(5), "2023-01".to_owned()),
            (InputSheet::Production, Some(3), "2023".to_owned()),
        ]
    );
    let texts: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    assert!(
        texts.iter().any(|w| w.contains("2 row(s) dated 2023 (rows 3, 5) lie outside the reporting year 2024")),
        "{texts:#?}"
    );
    assert!(texts.iter().any(|w| w.contains("1 row(s) dated 2022 (rows 4)")), "{texts:#?}");
    assert!(texts.iter().any(|w| w.starts_with("Production row 3: 1 row(s) dated 2023")), "{texts:#?}");
}

/// A row of another year is still checked: its errors are reported like any other.
#[test]
fn rows_of_other_years_are_still_checked() {
    let mut a = fuel("coke", dec!(-1), Unit::Tonne);
    a.period = Some("2023".parse().unwrap());
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", None, None));
    inv.activities = vec![a];
    assert_eq!(the_errors(&inv).len(), 1);
}

// ---------------------------------------------------------------------------
// Biogenic CO2 (workbook-v2 §4): CO2 from biomass is a memo figure outside every scope; the CH4
// and N2O of biomass stay in Scope 1 (GHG Protocol Corporate Standard ch. 4; EPA Center for
// Corporate Climate Leadership, Direct Emissions from Stationary Combustion Sources, Jan 2016,
// §1.2 Biomass Fuels)
// ---------------------------------------------------------------------------

/// EPA Hub 2024 Table 1, "Biomass Fuels - Solid", Wood and Wood Residuals (row 37): 93.8 kg CO2,
/// 7.2 g CH4, 3.6 g N2O per mmBtu. 1 000 mmBtu: 93.8 t biogenic CO2 (memo); Scope 1 = 7.2 kg ×
/// 28 + 3.6 kg × 265 (AR5) = 0.2016 + 0.954 = 1.1556 t CO2e, not the 94.9556 t of version 1
/// (through mmBtu → GJ → mmBtu, exact to 1e-20).
#[test]
fn epa_hub_wood_co2_is_biogenic_memo_ch4_n2o_in_scope_1() {
    let epa = || epa_org("epa-hub-2024", GwpSet::Ar5);
    let r = run(epa(), None, None, vec![fuel("wood_and_wood_residuals", dec!(1000), Unit::MmBtu)]);
    assert_rel(r.summary.totals.scope1_t_co2e, "1.1556", "Scope 1");
    assert_rel(r.ledger[0].t_co2e, "1.1556", "line t CO2e");
    assert_rel(r.summary.totals.biogenic_co2_t, "93.8", "biogenic CO2");
    assert_rel(r.ledger[0].biogenic_co2_t, "93.8", "line biogenic CO2");
    assert_eq!(gas_t(&r.ledger[0], Gas::Co2), dec!(0));
    assert_rel(gas_t(&r.ledger[0], Gas::Co2Biogenic), "93.8", "CO2-biogenic");
    // Natural gas (Table 1, 53.06 kg/mmBtu) stays fossil.
    let r = run(epa(), None, None, vec![fuel("natural_gas", dec!(1000), Unit::MmBtu)]);
    assert_eq!(r.summary.totals.biogenic_co2_t, dec!(0));
    assert_rel(gas_t(&r.ledger[0], Gas::Co2), "53.06", "natural gas CO2");
}

/// UK conversion factors 2020 (flat file): Wood logs, Scope 1 63.11534 kg CO2e per tonne (row 446,
/// CH4 and N2O only) and "Outside of scopes" 1 436.23 kg CO2 per tonne (row 6917). 10 t: 0.6311534 t
/// CO2e in Scope 1 and 14.3623 t biogenic CO2.
#[test]
fn desnz_wood_logs_outside_of_scopes_is_the_biogenic_memo() {
    let r = uk_2020(vec![fuel("desnz.bioenergy.biomass.wood_logs", dec!(10), Unit::Tonne)]);
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(0.6311534));
    assert_eq!(r.summary.totals.biogenic_co2_t, dec!(14.3623));
}

/// `biomass_fraction` (workbook-v2 §4): bituminous coal co-fired with 20 % biomass carbon. 100 t at
/// the GB/T 32151 Table C.1 defaults (19.570 GJ/t, 0.0261 tC/GJ, 93 %): carbon 47.502261 t; fossil
/// carbon 80 % = 38.0018088 t → 139.3399656 t CO2 (× 44/12 exact); biogenic 20 % = 9.5004522 t
/// carbon → 34.8349914 t CO2 memo. The two add up to the whole CO2 of the fuel.
#[test]
fn biomass_fraction_moves_that_share_of_co2_out_of_the_scopes() {
    let mut a = fuel("bituminous_coal", dec!(100), Unit::Tonne);
    a.biomass_fraction = Some(dec!(0.2));
    let r = run(org(2024), None, None, vec![a]);
    let whole = dec!(100) * dec!(19.570) * dec!(0.0261) * dec!(0.93);
    assert_eq!(whole, dec!(47.502261));
    let fossil = whole * dec!(0.8) * dec!(44) / dec!(12);
    let line = &r.ledger[0];
    assert_eq!(line.t_co2e, fossil);
    assert_eq!(r.summary.totals.scope1_t_co2e, fossil);
    assert_eq!(line.t_co2e + line.biogenic_co2_t, whole * dec!(44) / dec!(12));
    assert_eq!(r.summary.totals.biogenic_co2_t, line.biogenic_co2_t);
    assert_eq!(line.biogenic_co2_t, dec!(34.8349914));
    assert_eq!(fossil, dec!(139.3399656));
    // Out of range: an error naming the field.
    let mut bad = fuel("bituminous_coal", dec!(1), Unit::Tonne);
    bad.biomass_fraction = Some(dec!(1.2));
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", None, None));
    inv.activities = vec![bad];
    let errors = the_errors(&inv);
    assert_eq!(errors[0].field, Some(Field::BiomassFraction));
}

// ---------------------------------------------------------------------------
// Market-based Scope 2 of uncovered electricity (workbook-v2 §1; GHG Protocol Scope 2 Guidance
// 2015, Table 6.3: a residual mix before the grid average)
// ---------------------------------------------------------------------------

/// MEE/NBS electricity CO2 factors: 2023 national average 0.5306, excluding market-traded
/// non-fossil power 0.6096; 2022: 0.5366 and 0.5856 (t CO2/MWh). 1 000 MWh without a contract:
/// location-based 530.6 t, market-based 609.6 t (585.6 t for 2022); with `location` chosen, the
/// market-based figure is the location-based one. A contractual factor still wins.
#[test]
fn market_based_uncovered_electricity_uses_the_published_residual_factor() {
    for (year, location, market) in [(2023, dec!(530.6), dec!(609.6)), (2022, dec!(536.6), dec!(585.6))] {
        let r = run(org(year), None, None, vec![electricity(dec!(1000), Unit::MegawattHour)]);
        assert_eq!(r.summary.totals.scope2_location_t_co2e, location, "{year}");
        assert_eq!(r.summary.totals.scope2_market_t_co2e, market, "{year}");
        let line = &r.ledger[0];
        assert_eq!(line.market_basis, MarketBasis::Residual);
        let cited: Vec<&str> = r.library.cited(line.factors).iter().map(|f| r.library.factor(*f).id.as_str()).collect();
        assert!(cited.contains(&format!("cn.grid.average_excluding_market_non_fossil.national.{year}").as_str()));
        let mut o = org(year);
        o.scope2_market_uncovered = carbonbook_core::scope::UncoveredConsumption::Location;
        let r = run(o, None, None, vec![electricity(dec!(1000), Unit::MegawattHour)]);
        assert_eq!(r.summary.totals.scope2_market_t_co2e, location, "{year} location");
        assert_eq!(r.ledger[0].market_basis, MarketBasis::LocationFallback);
    }
    let mut contract = electricity(dec!(1000), Unit::MegawattHour);
    contract.contractual_factor = Some(dec!(0.1));
    let r = run(org(2023), None, None, vec![contract]);
    assert_eq!(r.summary.totals.scope2_market_t_co2e, dec!(100.0));
    let cited: Vec<&str> =
        r.library.cited(r.ledger[0].factors).iter().map(|f| r.library.factor(*f).id.as_str()).collect();
    assert!(!cited.iter().any(|id| id.contains("excluding_market")), "{cited:?}");
}

/// CN-ETS power accounts of 2019–2022 count purchased electricity at the MEE's national grid
/// factor for ETS reporting of the year (workbook-v2 §6): 2022, 0.5703 t CO2/MWh (环办气候函〔2023〕43号).
/// A 2022 power plant: 40 000 t coke (114 416.753 t CO2 at the Table C.1 defaults) and 10 000 MWh
/// bought: 114 416.753 + 5 703 = 120 119.753 t. From 2023, direct emissions only. For 2021 the
/// library holds no confirmed ETS factor: the account needs its verified emissions, named by cell.
#[test]
fn cn_ets_power_verified_emissions_follow_the_rules_of_the_year() {
    let inventory = |year: i32| {
        let mut inv = Inventory::new(org(year));
        inv.facilities.push(facility("F", Some("power"), None));
        inv.activities = vec![fuel("coke", dec!(40000), Unit::Tonne), electricity(dec!(10000), Unit::MegawattHour)];
        let mut t = TradingLine::new(Scheme::CnEts, "F", year, Allocation::Given(dec!(100000)));
        t.row = Some(2);
        inv.trading = vec![t];
        inv
    };
    let r = calc(&inventory(2022));
    assert_eq!(r.trading[0].verified_t, dec!(120119.753));
    assert!(r.warnings.iter().any(|w| w.message.contains("10000 MWh × cn.grid.ets_reporting.national.2022 = 0.5703")));
    let r = calc(&inventory(2023));
    assert_eq!(r.trading[0].verified_t, dec!(114416.753));
    let errors = the_errors(&inventory(2021));
    assert_eq!(
        (errors[0].sheet, errors[0].row, errors[0].field),
        (InputSheet::Trading, Some(2), Some(Field::VerifiedEmissions))
    );
    // A Trading row of another year than the inventory's needs its verified emissions.
    let mut inv = inventory(2023);
    inv.trading[0].year = 2022;
    let errors = the_errors(&inv);
    assert!(errors[0].to_string().contains("cannot be computed from a 2023 inventory"), "{}", errors[0]);
}

/// Energy is never a silent zero (workbook-v2 §3). EPA Hub 2024 Table 2 Motor Gasoline, 100 US
/// gallons, takes the Hub's own Table 1 heat content of Motor Gasoline (0.125 mmBtu/gallon): 12.5
/// mmBtu; the UK 2020 flat file gives no calorific value per litre of diesel, so 100 litres of it
/// count no energy and a warning names the rows.
#[test]
fn fuel_rows_get_tce_from_a_cited_basis_or_a_warning() {
    let r = run(
        epa_org("epa-hub-2024", GwpSet::Ar5),
        None,
        None,
        vec![act("F", SourceCategory::MobileCombustion, "motor_gasoline", dec!(100), Unit::UsGallon)],
    );
    let gj = dec!(12.5) * Unit::MmBtu.ratio_to(Unit::Gigajoule).unwrap().value().unwrap();
    assert_rel(r.summary.totals.energy_tce, &(gj / GJ_PER_TCE).to_string(), "motor gasoline tce");
    assert!(
        r.library
            .cited(r.ledger[0].factors)
            .iter()
            .any(|f| r.library.factor(*f).id == "epa2024.epa_motor_gasoline.hhv")
    );

    let mut a = act(
        "F",
        SourceCategory::MobileCombustion,
        "desnz.fuels.liquid_fuels.diesel_average_biofuel_blend.volume",
        dec!(100),
        Unit::Litre,
    );
    a.row = Some(7);
    let r = uk_2020(vec![a]);
    assert_eq!(r.summary.totals.energy_tce, dec!(0));
    let w = r.warnings.iter().find(|w| w.message.contains("not counted in energy_tce")).expect("a warning");
    assert_eq!(w.row, Some(7));
}

/// The standards' Chinese names in key columns (GB/T 32151 Table C.1 `天然气`, `烟煤`, `柴油`; `电力`):
/// the same figures as the keys. 1 m3 of 天然气 is 2.1622 kg CO2 (as `natural_gas`); a custom
/// factor named like a built-in fuel still wins.
#[test]
fn chinese_fuel_names_are_the_built_in_keys() {
    let unit: Unit = "万立方米".parse().unwrap();
    let zh = run(org(2024), None, None, vec![fuel("天然气", dec!(1), unit)]);
    assert_eq!(zh.summary.totals.scope1_t_co2e, dec!(21.62188809));
    let r = run(
        org(2024),
        None,
        None,
        vec![
            fuel("烟煤", dec!(100), Unit::Tonne),
            fuel("柴油", dec!(10), Unit::Tonne),
            act("F", "外购电力".parse().unwrap(), "电力", dec!(1000), Unit::MegawattHour),
        ],
    );
    let en = run(
        org(2024),
        None,
        None,
        vec![
            fuel("bituminous_coal", dec!(100), Unit::Tonne),
            fuel("diesel", dec!(10), Unit::Tonne),
            electricity(dec!(1000), Unit::MegawattHour),
        ],
    );
    assert_eq!(r.summary.totals, en.summary.totals);
    // 万吨 and full-width letters.
    assert_eq!("万吨".parse::<Unit>().unwrap().ratio_to(Unit::Tonne).unwrap().value().unwrap(), dec!(10000));
    assert_eq!("ｔ".parse::<Unit>().unwrap(), Unit::Tonne);
    assert_eq!("ｋＷｈ".parse::<Unit>().unwrap(), Unit::KilowattHour);
    let wan = run(org(2024), None, None, vec![fuel("coke", dec!(4), "万吨".parse().unwrap())]);
    assert_eq!(half_up(wan.summary.totals.scope1_t_co2e, 3), dec!(114416.753));
}

// ---------------------------------------------------------------------------
// Exported electricity and heat (GB/T 32150-2015: E = E_combustion + E_process + E_purchased −
// E_exported; workbook-v2 §3)
// ---------------------------------------------------------------------------

/// A 2023 facility buys 1 000 MWh and exports 400 MWh and 1 000 GJ of heat. Scope 2 stays gross
/// (530.6 t at the MEE/NBS 2023 national average 0.5306); the exported energy is 400 × 0.5306 +
/// 1 000 × 0.11 (the guideline heat factor, t CO2/GJ) = 212.24 + 110 = 322.24 t, deducted from the
/// totals only; by_gas counts the inventory's gases, not the deduction.
#[test]
fn exported_energy_is_deducted_from_the_totals_and_the_scopes_stay_gross() {
    let r = run(
        org(2023),
        None,
        None,
        vec![
            electricity(dec!(1000), Unit::MegawattHour),
            act("F", SourceCategory::ExportedElectricity, "electricity", dec!(400), Unit::MegawattHour),
            act("F", "输出热力".parse().unwrap(), "热力", dec!(1000), Unit::Gigajoule),
        ],
    );
    let t = &r.summary.totals;
    assert_eq!(t.scope2_location_t_co2e, dec!(530.6));
    assert_eq!(t.exported_t_co2e, dec!(322.24));
    assert_eq!(t.total_location_t_co2e().unwrap(), dec!(208.36));
    assert_eq!(t.total_market_t_co2e().unwrap(), dec!(609.6) - dec!(322.24));
    assert_eq!(r.summary.by_gas.iter().map(|g| g.t_co2e).sum::<Decimal>(), dec!(530.6));
    assert_eq!(r.ledger[1].scope, carbonbook_core::scope::Scope::Exported);
    assert_eq!(t.energy_tce, dec!(1000) * dec!(0.1229)); // bought only
}

// ---------------------------------------------------------------------------
// Steam, hot water and fuels by volume (workbook-v2 §3)
// ---------------------------------------------------------------------------

/// Purchased steam in tonnes: GJ = t × (h − 83.74) / 1000, 83.74 kJ/kg being water at 20 °C.
/// 100 t at 2 800 kJ/kg is 271.626 GJ; at the guideline heat factor 0.11 t CO2/GJ, 29.87886 t.
/// Hot water: GJ = t × (T − 20) × 4.1868 / 1000; 1 000 t supplied at 95 °C is 314.01 GJ, 34.5411 t.
#[test]
fn steam_and_hot_water_in_tonnes_become_gigajoules() {
    let mut steam = act("F", SourceCategory::PurchasedHeat, "heat", dec!(100), Unit::Tonne);
    steam.enthalpy = Some(dec!(2800));
    let mut water = act("F", SourceCategory::PurchasedHeat, "heat", dec!(1000), Unit::Tonne);
    water.water_temperature = Some(dec!(95));
    let r = run(org(2024), None, None, vec![steam, water]);
    assert_eq!(r.ledger[0].energy_gj, Some(dec!(271.626)));
    assert_eq!(r.ledger[0].t_co2e, dec!(29.87886));
    assert_eq!(r.ledger[1].energy_gj, Some(dec!(314.0100)));
    assert_eq!(r.ledger[1].t_co2e, dec!(34.541100));
    assert_eq!(r.summary.totals.scope2_location_t_co2e, dec!(64.419960));
    assert_eq!(r.ledger[0].tce, dec!(271.626) / GJ_PER_TCE);
}

/// Fuels by volume under the mass-based China method: 1 000 L of diesel at 0.84 kg/L is 0.84 t,
/// computed exactly as 0.84 t of diesel (GB/T 32151 Table C.1 defaults).
#[test]
fn a_density_turns_litres_into_tonnes_under_the_mass_based_method() {
    let mut litres = fuel("diesel", dec!(1000), Unit::Litre);
    litres.density = Some("kg/L".parse::<Rate>().unwrap().with_value(dec!(0.84)));
    let by_volume = run(org(2024), None, None, vec![litres]);
    let by_mass = run(org(2024), None, None, vec![fuel("diesel", dec!(0.84), Unit::Tonne)]);
    assert_eq!(by_volume.summary.totals, by_mass.summary.totals);
    assert_eq!(by_volume.by_activity[0].unit, Unit::Litre);
    assert_eq!(by_volume.by_activity[0].quantity, dec!(1000));
    // Without a density, litres of diesel do not fit the per-tonne defaults.
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", None, None));
    inv.activities = vec![fuel("diesel", dec!(1000), Unit::Litre)];
    assert_eq!(the_errors(&inv)[0].field, Some(Field::Unit));
}

/// Values out of physical range are errors naming their field, all in one run.
#[test]
fn enthalpy_temperature_and_density_out_of_range_are_errors() {
    let mut low = act("F", SourceCategory::PurchasedHeat, "heat", dec!(1), Unit::Tonne);
    low.enthalpy = Some(dec!(50));
    let mut hot = act("F", SourceCategory::PurchasedHeat, "heat", dec!(1), Unit::Tonne);
    hot.water_temperature = Some(dec!(300));
    let mut none = act("F", SourceCategory::PurchasedHeat, "heat", dec!(1), Unit::Tonne);
    none.row = Some(4);
    let mut dense = fuel("diesel", dec!(1), Unit::Litre);
    dense.density = Some("kg/L".parse::<Rate>().unwrap().with_value(dec!(5)));
    let mut inv = Inventory::new(org(2024));
    inv.facilities.push(facility("F", None, None));
    inv.activities = vec![low, hot, none, dense];
    let fields: Vec<&str> = the_errors(&inv).iter().filter_map(|e| e.field).map(Field::name).collect();
    assert_eq!(fields, ["enthalpy", "water_temperature", "enthalpy", "density"]);
}

// ---------------------------------------------------------------------------
// Refrigerants by name (workbook-v2 §3: `fugitive` accepts gases and blends)
// ---------------------------------------------------------------------------

/// A blend's GWP is Σ share × component GWP. On AR4 the four blends give 3921.6 (R-404A),
/// 1773.85 (R-407C), 2087.5 (R-410A) and 3985 (R-507A): rounded to whole numbers, the blend GWPs
/// the US EPA GHG Emission Factors Hub 2021 prints in Table 12 (rows 529, 533, 538; and the UK
/// 2020 conversion factors, "Kyoto protocol - blends", R507A 3985). 1 t leaked of each.
#[test]
fn refrigerant_blends_by_composition_give_the_published_blend_gwps() {
    let mut o = org(2024);
    o.gwp = GwpSet::Ar4;
    for (blend, exact, published) in [
        ("R-404A", dec!(3921.6), dec!(3922)),
        ("R-407C", dec!(1773.85), dec!(1774)),
        ("R-410A", dec!(2087.5), dec!(2088)),
        ("R-507A", dec!(3985), dec!(3985)),
    ] {
        let r = run(o.clone(), None, None, vec![act("F", SourceCategory::Fugitive, blend, dec!(1), Unit::Tonne)]);
        assert_eq!(r.summary.totals.scope1_t_co2e, exact, "{blend}");
        assert_eq!(half_up(exact, 0), published, "{blend}");
        let cited = r.library.cited(r.ledger[0].factors);
        assert!(cited.iter().all(|f| r.library.factor(*f).id.starts_with("refrigerant.")), "{blend}");
    }
    // A pure gas by name, in kg, on SAR (China's guidelines): 10 kg HFC-134a × 1300 = 13 t.
    let mut o = org(2024);
    o.gwp = GwpSet::Sar;
    let r = run(o, None, None, vec![act("F", SourceCategory::Fugitive, "R-134a", dec!(10), Unit::Kilogram)]);
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(13.000));
}

// ---------------------------------------------------------------------------
// Totals and ledger lines (DESIGN.md, "Totals and the ledger")
// ---------------------------------------------------------------------------

/// Lines whose figures terminate (products of decimals: grid factors, per-unit factors) add up to
/// the totals exactly. Where a line's figure does not terminate (carbon × 44/12), the totals are
/// the exact figure rounded once ((Σ carbon) × 44/12) and each line is rounded at the 28th
/// significant digit: Σ lines differs from the total by at most half a unit of that digit per
/// line, here 3 × 0.5 × 10^-22 t for 114 416.75… t a line.
#[test]
fn totals_equal_the_sum_of_the_ledger_lines_as_documented() {
    let r = run(
        org(2023),
        None,
        None,
        vec![
            electricity(dec!(1000.5), Unit::MegawattHour),
            electricity(dec!(333.333), Unit::MegawattHour),
            act("F", SourceCategory::Fugitive, "R-410A", dec!(7.25), Unit::Kilogram),
        ],
    );
    let sum: Decimal = r.ledger.iter().map(|l| l.t_co2e).sum();
    assert_eq!(sum, r.summary.totals.total_location_t_co2e().unwrap());
    let market: Decimal = r.ledger.iter().map(|l| l.t_co2e_market).sum();
    assert_eq!(market, r.summary.totals.total_market_t_co2e().unwrap());

    let r = run(org(2024), None, None, (0..3).map(|_| fuel("coke", dec!(40000), Unit::Tonne)).collect());
    let sum: Decimal = r.ledger.iter().map(|l| l.t_co2e).sum();
    let total = r.summary.totals.scope1_t_co2e;
    assert!((sum - total).abs() <= dec!(3) * dec!(0.00000000000000000000005), "{sum} vs {total}");
    assert_eq!(total, dec!(120000) * dec!(28.435) * dec!(0.0295) * dec!(0.93) * dec!(44) / dec!(12));
}

/// The base year (workbook-v2 §2): a 2024 book whose `base_year` is 2020 computes the 2020 rows
/// as a second inventory and compares. 2020: 40 000 t coke (114 416.753 t); 2024: 30 000 t coke
/// (85 812.56475 t): change −28 604.18825 t, −25 %. The 2020 rows are not in the 2024 ledger,
/// totals or activity tables; a 2022 row is left out as usual.
#[test]
fn rows_of_the_base_year_form_the_base_year_inventory() {
    let mut o = org(2024);
    o.base_year = Some(BaseYear { year: 2020, tce_per_10k_output_value: None, t_co2e_per_10k_output_value: None });
    let mut rows = Vec::new();
    for (period, t) in [("2020", dec!(40000)), ("2024", dec!(30000)), ("2022", dec!(1))] {
        let mut a = fuel("coke", t, Unit::Tonne);
        a.period = Some(period.parse().unwrap());
        rows.push(a);
    }
    let r = run(o, None, None, rows);
    assert_eq!(r.ledger.len(), 1);
    assert_eq!(half_up(r.summary.totals.scope1_t_co2e, 5), dec!(85812.56475));
    let b = r.base_year.as_ref().expect("a base-year inventory");
    assert_eq!(b.year, 2020);
    assert_eq!(half_up(b.totals.scope1_t_co2e, 3), dec!(114416.753));
    assert_eq!(half_up(b.change.scope1_t_co2e, 5), dec!(-28604.18825));
    assert_eq!(b.change_percent.map(|p| half_up(p, 6)), Some(dec!(-25)));
    assert_eq!(r.by_activity.len(), 1);
    assert_eq!(r.excluded.len(), 1);
}

/// Nm3 and m3 stay distinct (workbook-v2 §3): the GB/T 32151 Table C.1 gas defaults are per 10^4
/// Nm3. The same 300 × 10^4 of natural gas gives the same figure either way (taken 1:1), but in
/// 10^4 m3 a warning names the assumption; in 10^4 Nm3 there is none.
#[test]
fn cubic_metres_against_a_per_normal_cubic_metre_default_are_warned() {
    let m3 = run(org(2024), None, None, vec![fuel("natural_gas", dec!(300), Unit::TenThousandCubicMetres)]);
    let nm3 = run(org(2024), None, None, vec![fuel("natural_gas", dec!(300), Unit::TenThousandNormalCubicMetres)]);
    assert_eq!(m3.summary.totals, nm3.summary.totals);
    let warned = |r: &Results| r.warnings.iter().any(|w| w.message.contains("normal conditions"));
    assert!(warned(&m3));
    assert!(!warned(&nm3));
}
