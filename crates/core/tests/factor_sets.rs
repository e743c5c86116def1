//! Golden tests of the published factor sets as methodologies: emissions
//! computed through `epa-hub-2024`, `epa-hub-2021` and `desnz-2020` against
//! the figures of the publishers' workbooks (file, sheet and cell named in
//! each test). The values themselves are checked cell by cell against the
//! workbooks in `carbonbook-xlsx`'s `factor_sets` test.

use carbonbook_core::error::{CalcErrorKind, CalcErrors};
use carbonbook_core::factors::{FactorLibrary, Parameter};
use carbonbook_core::gas::{Gas, GwpSet};
use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
use carbonbook_core::method;
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::units::{Quantity, Unit};
use carbonbook_core::{Decimal, Results};
use rust_decimal_macros::dec;

/// One pound in tonnes (exact, 0.45359237 kg).
const T_PER_LB: Decimal = dec!(0.00045359237);

fn inventory(methodology: &str, gwp: GwpSet, country: &str, grid: Option<&str>) -> Inventory {
    let mut org = Organisation::new("Golden", 2024);
    org.methodology = methodology.into();
    org.gwp = gwp;
    let mut inv = Inventory::new(org);
    let mut f = Facility::new("F1");
    f.country = country.into();
    f.grid_region = grid.map(str::to_owned);
    inv.facilities.push(f);
    inv
}

fn run(mut inv: Inventory, source: SourceCategory, key: &str, q: Decimal, unit: Unit) -> Result<Results, CalcErrors> {
    inv.activities.push(Activity::new("F1", source, key, Quantity::new(q, unit)));
    inv.calculate()
}

fn gas_t(r: &Results, gas: &str) -> Decimal {
    r.summary.by_gas.iter().find(|g| g.gas == gas).map_or(Decimal::ZERO, |g| g.t)
}

#[test]
fn the_sets_are_methodologies() {
    for id in ["epa-hub-2024", "epa-hub-2021", "desnz-2020"] {
        assert_eq!(method::by_id(id).map(|m| m.id()), Some(id));
    }
    assert!(method::ids().contains("desnz-2020"));
}

/// us-epa-ghg-emission-factors-hub-2024.xlsx, sheet "Emission Factors Hub",
/// Table 1 row 40 (Natural Gas): E40 53.06 kg CO2, F40 1 g CH4, G40 0.1 g N2O
/// per mmBtu; the 2024 Hub's GWPs (C8:D10, AR5) are CH4 28 and N2O 265.
/// 1,000 mmBtu → 53.06 t CO2 + 0.001 t CH4 + 0.0001 t N2O = 53.1145 t CO2e.
#[test]
fn epa_hub_2024_natural_gas_1000_mmbtu() -> Result<(), CalcErrors> {
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", None);
    let r = run(inv, SourceCategory::StationaryCombustion, "epa_natural_gas", dec!(1000), Unit::MmBtu)?;
    assert_eq!(gas_t(&r, "CO2"), dec!(53.06));
    assert_eq!(gas_t(&r, "CH4"), dec!(0.001));
    assert_eq!(gas_t(&r, "N2O"), dec!(0.0001));
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(53.1145));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    Ok(())
}

/// The same fuel by volume, key without the `epa_` prefix: 1,000,000 scf ×
/// D40 0.001026 mmBtu/scf = 1,026 mmBtu → 1,026 × 53.06 kg = 54.43956 t CO2
/// (the Hub's own per-scf column H40, 0.05444 kg, is rounded and not used).
#[test]
fn epa_hub_2024_natural_gas_by_volume_uses_heat_content() -> Result<(), CalcErrors> {
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", None);
    let r = run(inv, SourceCategory::StationaryCombustion, "natural_gas", dec!(1000000), Unit::StandardCubicFoot)?;
    // The engine's pivot is the GJ, and 1 mmBtu is 1.05505585262 GJ: heat
    // content and factor meet through a non-terminating division, exact to
    // the 28 digits of a Decimal (here within 1e-20).
    let close = |a: Decimal, b: Decimal| assert!((a - b).abs() < dec!(1e-20), "{a} vs {b}");
    close(gas_t(&r, "CO2"), dec!(54.43956));
    close(gas_t(&r, "CH4"), dec!(0.001026));
    close(r.summary.totals.scope1_t_co2e, dec!(54.43956) + dec!(0.001026) * dec!(28) + dec!(0.0001026) * dec!(265));
    Ok(())
}

/// us-epa-ghg-emission-factors-hub-2021.xlsx, Table 1 row 38 (Natural Gas):
/// the same 53.06 / 1 / 0.1 per mmBtu; the 2021 Hub's GWPs are AR4 (Table 11,
/// D487 25, D488 298): 53.06 + 0.025 + 0.0298 = 53.1148 t CO2e. Computed
/// with AR5 the inventory is told the edition states AR4.
#[test]
fn epa_hub_2021_natural_gas_ar4() -> Result<(), CalcErrors> {
    let inv = inventory("epa-hub-2021", GwpSet::Ar4, "US", None);
    let r = run(inv, SourceCategory::StationaryCombustion, "epa_natural_gas", dec!(1000), Unit::MmBtu)?;
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(53.1148));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let inv = inventory("epa-hub-2021", GwpSet::Ar5, "US", None);
    let r = run(inv, SourceCategory::StationaryCombustion, "epa_natural_gas", dec!(1000), Unit::MmBtu)?;
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(53.1145));
    assert!(r.warnings.iter().any(|w| w.message.contains("states AR4")), "{:?}", r.warnings);
    Ok(())
}

/// 2024 Hub Table 6 row 351, RFCW (RFC West, eGRID2022): E351 1000.053 lb
/// CO2, F351 0.087 lb CH4, G351 0.012 lb N2O per MWh. 1,000 MWh of a US
/// facility in RFCW, lb → t exactly (0.45359237 kg/lb), AR5.
#[test]
fn epa_hub_2024_egrid_subregion() -> Result<(), CalcErrors> {
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", Some("RFCW"));
    let r = run(inv, SourceCategory::PurchasedElectricity, "electricity", dec!(1000), Unit::MegawattHour)?;
    let lb = dec!(1000) * (dec!(1000.053) + dec!(0.087) * dec!(28) + dec!(0.012) * dec!(265));
    assert_eq!(r.summary.totals.scope2_location_t_co2e, lb * T_PER_LB);
    assert_eq!(gas_t(&r, "CO2"), dec!(1000053) * T_PER_LB);
    // The subregion's name works too; no region is the US average (H360 823.149).
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", Some("RFC West"));
    let by_name = run(inv, SourceCategory::PurchasedElectricity, "electricity", dec!(1000), Unit::MegawattHour)?;
    assert_eq!(by_name.summary.totals.scope2_location_t_co2e, r.summary.totals.scope2_location_t_co2e);
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", None);
    let avg = run(inv, SourceCategory::PurchasedElectricity, "electricity", dec!(1), Unit::MegawattHour)?;
    assert_eq!(gas_t(&avg, "CO2"), dec!(823.149) * T_PER_LB);
    // An unknown subregion is an error naming the known ones.
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", Some("RFCX"));
    let err = run(inv, SourceCategory::PurchasedElectricity, "electricity", dec!(1), Unit::MegawattHour).unwrap_err();
    assert!(err.0[0].to_string().contains("RFCW"), "{}", err.0[0]);
    Ok(())
}

/// 2021 Hub Table 7 row 377, Steam and Heat: D377 66.33 kg CO2, E377 1.25 g
/// CH4, F377 0.125 g N2O per mmBtu. 100 mmBtu at AR4.
#[test]
fn epa_hub_2021_steam() -> Result<(), CalcErrors> {
    let inv = inventory("epa-hub-2021", GwpSet::Ar4, "US", None);
    let r = run(inv, SourceCategory::PurchasedHeat, "heat", dec!(100), Unit::MmBtu)?;
    assert_eq!(
        r.summary.totals.scope2_location_t_co2e,
        dec!(6.633) + dec!(0.000125) * dec!(25) + dec!(0.0000125) * dec!(298)
    );
    Ok(())
}

/// 2024 Hub Table 2 row 107, Diesel Fuel: D107 10.21 kg CO2 per gallon.
/// 1,000 gallons in a vehicle → 10.21 t CO2, CO2 only (warned); the same key
/// as a stationary source is refused.
#[test]
fn epa_hub_2024_mobile_diesel() -> Result<(), CalcErrors> {
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", None);
    let r = run(inv, SourceCategory::MobileCombustion, "epa_mobile_diesel_fuel", dec!(1000), Unit::UsGallon)?;
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(10.21));
    assert!(r.warnings.iter().any(|w| w.message.contains("CO2 only")), "{:?}", r.warnings);
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", None);
    assert!(run(inv, SourceCategory::StationaryCombustion, "mobile_diesel_fuel", dec!(1), Unit::UsGallon).is_err());
    Ok(())
}

#[test]
fn epa_hub_unknown_fuel_suggests() {
    let inv = inventory("epa-hub-2024", GwpSet::Ar5, "US", None);
    let err = run(inv, SourceCategory::StationaryCombustion, "epa_natural_gaz", dec!(1), Unit::MmBtu).unwrap_err();
    match &err.0[0].kind {
        CalcErrorKind::UnknownActivity { nearest, .. } => assert_eq!(nearest[0], "epa_natural_gas"),
        other => panic!("{other:?}"),
    }
}

/// uk-ghg-conversion-factors-2020-flat-file.xlsx, sheet "Factors by
/// Category", row 54: Natural gas, kWh (Gross CV), K54 0.18387 kg CO2e.
/// 100,000 kWh → 18.387 t CO2e, as published, under any GWP set: the CO2e is
/// not restated (AR5 gets a warning instead).
#[test]
fn desnz_2020_natural_gas_gross_cv() -> Result<(), CalcErrors> {
    let key = "desnz.fuels.gaseous_fuels.natural_gas.energy_gross_cv";
    for gwp in [GwpSet::Ar4, GwpSet::Ar5] {
        let inv = inventory("desnz-2020", gwp, "GB", None);
        let r = run(inv, SourceCategory::StationaryCombustion, key, dec!(100000), Unit::KilowattHour)?;
        assert_eq!(r.summary.totals.scope1_t_co2e, dec!(18.387));
        assert_eq!(r.summary.by_gas.len(), 1);
        assert_eq!(gas_t(&r, "CO2e"), dec!(18.387));
        assert_eq!(r.warnings.iter().any(|w| w.message.contains("AR4")), gwp != GwpSet::Ar4);
        // Data year 2024 with factors for reporting year 2020: said once per kind of activity.
        assert!(r.warnings.iter().any(|w| w.message.contains("reporting year 2020")), "{:?}", r.warnings);
    }
    // The prefix may be left out; the unit may be any of the dimension.
    let inv = inventory("desnz-2020", GwpSet::Ar4, "GB", None);
    let short = "fuels.gaseous_fuels.natural_gas.energy_gross_cv";
    let r = run(inv, SourceCategory::StationaryCombustion, short, dec!(100), Unit::MegawattHour)?;
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(18.387));
    Ok(())
}

/// Row 62: Natural gas per cubic metre, K62 2.02266 kg CO2e; the parts K63
/// (printed "kg CH4") 0.00271, K64 kg CO2 2.01888, K65 ("kg N2O") 0.00107 are
/// already CO2e: 2.01888 + 0.00271 + 0.00107 = 2.02266. A computation that
/// took them for gas masses would add 0.00271 × 25 and 0.00107 × 298.
#[test]
fn desnz_2020_ch4_and_n2o_rows_are_not_multiplied_by_gwps() -> Result<(), CalcErrors> {
    let lib = FactorLibrary::builtin();
    let stem = "desnz2020.fuels.gaseous_fuels.natural_gas.volume.cubic_metres";
    let v = |s: &str| lib.get(&format!("{stem}.{s}")).unwrap_or_else(|| panic!("{stem}.{s}"));
    assert_eq!(v("co2e").value, dec!(2.02266));
    assert_eq!(v("ch4_co2e").value, dec!(0.00271));
    assert_eq!(v("ch4_co2e").parameter, Parameter::EmissionFactor(Gas::Co2e));
    assert_eq!(v("n2o_co2e").parameter, Parameter::EmissionFactor(Gas::Co2e));
    assert_eq!(v("co2").value + v("ch4_co2e").value + v("n2o_co2e").value, v("co2e").value);
    let inv = inventory("desnz-2020", GwpSet::Ar4, "GB", None);
    let key = "desnz.fuels.gaseous_fuels.natural_gas.volume";
    let r = run(inv, SourceCategory::StationaryCombustion, key, dec!(1000), Unit::CubicMetre)?;
    assert_eq!(r.summary.totals.scope1_t_co2e, dec!(2.02266));
    assert_ne!(r.summary.totals.scope1_t_co2e, dec!(2.01888) + dec!(0.00271) * dec!(25) + dec!(0.00107) * dec!(298));
    Ok(())
}

/// Row 1930: UK electricity generated, K1930 0.23314 kg CO2e per kWh: a UK
/// facility's `electricity` is 1,000 MWh × 0.23314 = 233.14 t CO2e.
#[test]
fn desnz_2020_uk_electricity() -> Result<(), CalcErrors> {
    let inv = inventory("desnz-2020", GwpSet::Ar4, "GB", None);
    let r = run(inv, SourceCategory::PurchasedElectricity, "electricity", dec!(1000), Unit::MegawattHour)?;
    assert_eq!(r.summary.totals.scope2_location_t_co2e, dec!(233.14));
    Ok(())
}

/// Distances: "Passenger vehicles > Cars (by size) > Average car > Diesel"
/// is published per km and per mile; a row in km uses the km factor.
#[test]
fn desnz_2020_distance_units() -> Result<(), CalcErrors> {
    let lib = FactorLibrary::builtin();
    let key = "desnz.passenger_vehicles.cars_by_size.average_car.diesel";
    let km = lib.get("desnz2020.passenger_vehicles.cars_by_size.average_car.diesel.km.co2e").unwrap();
    let inv = inventory("desnz-2020", GwpSet::Ar4, "GB", None);
    let r = run(inv, SourceCategory::MobileCombustion, key, dec!(1000), Unit::Kilometre)?;
    assert_eq!(r.summary.totals.scope1_t_co2e, km.value);
    // A Scope 1 factor is not purchased electricity; a Scope 3 one is not counted.
    let inv = inventory("desnz-2020", GwpSet::Ar4, "GB", None);
    assert!(run(inv, SourceCategory::PurchasedElectricity, key, dec!(1), Unit::Kilometre).is_err());
    let inv = inventory("desnz-2020", GwpSet::Ar4, "GB", None);
    let err = run(
        inv,
        SourceCategory::MobileCombustion,
        "desnz.business_travel_air.flights.domestic_to_from_uk.average_passenger.without_rf",
        dec!(1),
        Unit::PassengerKilometre,
    )
    .unwrap_err();
    assert!(err.0[0].to_string().contains("Scope 3"), "{}", err.0[0]);
    Ok(())
}

#[test]
fn desnz_2020_unknown_key_suggests() {
    let inv = inventory("desnz-2020", GwpSet::Ar4, "GB", None);
    let typo = "desnz.fuels.gaseous_fuels.natural_gas.energy_gros_cv";
    let err = run(inv, SourceCategory::StationaryCombustion, typo, dec!(1), Unit::KilowattHour).unwrap_err();
    match &err.0[0].kind {
        CalcErrorKind::UnknownActivity { nearest, methodology, .. } => {
            assert_eq!(*methodology, "desnz-2020");
            assert_eq!(nearest[0], "desnz.fuels.gaseous_fuels.natural_gas.energy_gross_cv");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn factor_search_finds_the_sets() {
    let lib = FactorLibrary::builtin();
    assert!(lib.search("desnz2020.fuels.gaseous_fuels.natural_gas").count() >= 12);
    assert!(lib.search("Conversion Factors").count() > 6000);
    assert!(lib.search("epa2021.egrid").count() == 28 * 6);
}
