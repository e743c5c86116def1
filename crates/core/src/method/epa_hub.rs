//! The US EPA GHG Emission Factors Hub as a methodology: `epa-hub-2024`
//! (2024 edition, GWPs AR5) and `epa-hub-2021` (2021 edition, GWPs AR4).
//!
//! ```text
//! Emissions_gas = Fuel (mmBtu, HHV) × EF_gas (kg CO2, g CH4, g N2O per mmBtu)   (Table 1)
//! Vehicles: CO2 = Fuel (gallons, scf) × kg CO2 per unit                      (Table 2)
//!           CH4, N2O = Distance (miles) × g per vehicle-mile                 (Tables 3, 4)
//!                    | Fuel of non-road vehicles (gallons) × g per gallon    (Table 5)
//! Scope 2       = Electricity (MWh) × eGRID subregion rate (lb gas per MWh)   (Table 6)
//!               | Steam or heat (mmBtu) × EF_gas per mmBtu                     (Table 7)
//! ```
//!
//! **Fuels** (Table 1, stationary combustion). The activity key is the
//! fuel's Hub key, `epa_natural_gas`, `epa_bituminous_coal`,
//! `epa_distillate_fuel_oil_no_2`, … (`carbonbook factors epa2024` lists
//! them), or the same without the `epa_` prefix (`natural_gas`). The
//! quantity is converted to heat with the Hub's default heat content (HHV)
//! in the fuel's own dimension (short tons, scf or gallons; any unit of that
//! dimension converts exactly), or given directly in an energy unit
//! (`mmBtu`, `GJ`, …); a measured `ncv` on the row replaces the default heat
//! content. The per-mmBtu factors are used, never the coarsely rounded
//! per-unit columns (kept in the library for reference). Biomass fuels'
//! methane is non-fossil. A Table 1 fuel as mobile combustion gets its CO2
//! only, with a warning.
//!
//! **Vehicles**, as the EPA guidance (*Direct Emissions from Mobile
//! Combustion Sources*) computes them: CO2 from the fuel, CH4 and N2O from
//! the distance driven by vehicle type and model year, on separate rows.
//! Table 2's per-gallon and per-scf CO2 factors of vehicle fuels have keys
//! of their own, `epa_mobile_diesel_fuel`, `epa_mobile_motor_gasoline`,
//! `epa_mobile_compressed_natural_gas_cng`, …, for mobile combustion in a
//! volume unit (CO2 and the energy; a warning names the CH4 and N2O keys).
//! Tables 3 and 4 give CH4 and N2O per vehicle-mile: the key is
//! `epa_onroad_` + the vehicle + `_` + its model year
//! (`epa_onroad_gasoline_passenger_cars_2015`,
//! `epa_onroad_diesel_light_duty_trucks_2010`; Table 4's alternative-fuel
//! vehicles, which the table gives for any model year, without one:
//! `epa_onroad_cng_buses`), the quantity in miles or km (converted exactly).
//! The model year selects the row whose years hold it (`1973-74`, `≤1980`);
//! one the table has no row for is a [`CalcErrorKind::ModelYear`] error,
//! never the nearest row. Table 5 gives non-road vehicles' CH4 and N2O per
//! gallon of fuel: `epa_nonroad_` + vehicle + fuel
//! (`epa_nonroad_locomotives_diesel`), in a volume unit. Distance and
//! Table 5 rows count no energy: it is on the fuel rows.
//!
//! **Purchased electricity** of a facility in the US (`country` `US`) uses
//! Table 6's total output emission rates of its `grid_region`, an eGRID
//! subregion acronym (`RFCW`) or name (`RFC West`); without one, the US
//! average. **Purchased heat** (`heat`) of a US facility uses Table 7.
//! Facilities elsewhere use the shared purchased-energy rules.
//!
//! The Hub's gas masses are converted with the inventory's GWP set; when it
//! is not the one the edition states, every line says so in a warning.
//!
//! # Example
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut org = Organisation::new("Example Inc.", 2024);
//! org.methodology = "epa-hub-2024".into();
//! let mut inv = Inventory::new(org);
//! inv.facilities.push(Facility::new("P1"));
//! inv.activities.push(Activity::new("P1", SourceCategory::StationaryCombustion, "epa_natural_gas",
//!     Quantity::new(dec!(1000), Unit::MmBtu)));
//! let r = inv.calculate()?;
//! // Table 1: 53.06 kg CO2, 1 g CH4 and 0.1 g N2O per mmBtu; AR5 28 and 265.
//! assert_eq!(r.summary.totals.scope1_t_co2e, dec!(53.06) + dec!(0.001) * dec!(28) + dec!(0.0001) * dec!(265));
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```
//!
//! A 2015 gasoline passenger car driven 10,000 miles, and the 400 gallons of
//! gasoline it burnt:
//!
//! ```
//! use carbonbook_core::error::CalcErrorKind;
//! use carbonbook_core::gas::Gas;
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut org = Organisation::new("Example Inc.", 2024);
//! org.methodology = "epa-hub-2024".into();
//! let mut inv = Inventory::new(org);
//! inv.facilities.push(Facility::new("P1"));
//! let mobile = SourceCategory::MobileCombustion;
//! inv.activities.push(Activity::new("P1", mobile, "epa_onroad_gasoline_passenger_cars_2015",
//!     Quantity::new(dec!(10000), Unit::Mile)));
//! inv.activities.push(Activity::new("P1", mobile, "epa_mobile_motor_gasoline",
//!     Quantity::new(dec!(400), Unit::UsGallon)));
//! let r = inv.calculate()?;
//! // Table 3, model year 2015: 0.006837 g CH4 and 0.004239 g N2O per mile.
//! let ch4 = r.ledger[0].gases.iter().find(|g| g.gas == Gas::Ch4Fossil).unwrap();
//! assert_eq!(ch4.t, dec!(0.00006837));
//! // Table 2: 8.78 kg CO2 per gallon, on the fuel's row.
//! assert_eq!(r.ledger[1].t_co2e, dec!(3.512));
//!
//! // The 2024 table ends at model year 2021: a 2023 car is an error, not a guess.
//! inv.activities[0].activity = "epa_onroad_gasoline_passenger_cars_2023".into();
//! let errors = inv.calculate().unwrap_err().0;
//! assert_eq!(errors[0].field, Some(carbonbook_core::field::Field::Activity));
//! assert!(matches!(errors[0].kind, CalcErrorKind::ModelYear { model_year: Some(2023), .. }));
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```

use super::{
    GasTermKind, Methodology, Recipe, RecipeRequest, TceRule, add_per_unit_gases, builtin_factor, note_exported_energy,
    standard_coal_rule,
};
use crate::error::CalcErrorKind;
use crate::factors::epa_hub_2024::OnRoadRow;
use crate::factors::{EPA_HUBS, EpaHub, FactorLibrary, Parameter, model_year_segment};
use crate::gas::{Gas, GwpSet};
use crate::scope::SourceCategory;
use crate::units::{Dimension, Unit};

/// US EPA GHG Emission Factors Hub 2024 (`epa-hub-2024`).
#[derive(Debug, Clone, Copy, Default)]
pub struct EpaHub2024;

/// US EPA GHG Emission Factors Hub 2021 (`epa-hub-2021`).
#[derive(Debug, Clone, Copy, Default)]
pub struct EpaHub2021;

impl Methodology for EpaHub2024 {
    fn id(&self) -> &'static str {
        "epa-hub-2024"
    }

    fn title(&self) -> &'static str {
        "US EPA GHG Emission Factors Hub 2024 (Tables 1 to 7; GWPs AR5)"
    }

    fn fuel_recipe(&self, request: &RecipeRequest<'_>) -> Result<Recipe, CalcErrorKind> {
        fuel_recipe(&EPA_HUBS[0], GwpSet::Ar5, self.id(), request)
    }

    fn fuel_keys(&self, _library: &FactorLibrary) -> Vec<String> {
        fuel_keys(&EPA_HUBS[0])
    }

    fn set_recipe(&self, request: &RecipeRequest<'_>) -> Result<Option<Recipe>, CalcErrorKind> {
        purchased(&EPA_HUBS[0], GwpSet::Ar5, request)
    }
}

impl Methodology for EpaHub2021 {
    fn id(&self) -> &'static str {
        "epa-hub-2021"
    }

    fn title(&self) -> &'static str {
        "US EPA GHG Emission Factors Hub 2021 (Tables 1 to 7; GWPs AR4)"
    }

    fn fuel_recipe(&self, request: &RecipeRequest<'_>) -> Result<Recipe, CalcErrorKind> {
        fuel_recipe(&EPA_HUBS[1], GwpSet::Ar4, self.id(), request)
    }

    fn fuel_keys(&self, _library: &FactorLibrary) -> Vec<String> {
        fuel_keys(&EPA_HUBS[1])
    }

    fn set_recipe(&self, request: &RecipeRequest<'_>) -> Result<Option<Recipe>, CalcErrorKind> {
        purchased(&EPA_HUBS[1], GwpSet::Ar4, request)
    }
}

/// The keys of the edition: Table 1 and 2 fuels, Table 3 and 4 vehicles
/// (`epa_onroad_VEHICLE`, to be followed by `_YEAR` where the table goes by
/// model year) and Table 5 vehicles and fuels (`epa_nonroad_VEHICLE_FUEL`).
fn fuel_keys(hub: &EpaHub) -> Vec<String> {
    let mut keys: Vec<String> =
        hub.table_1.iter().map(|r| r.key).chain(hub.table_2.iter().map(|r| r.key)).map(str::to_owned).collect();
    for r in hub.table_3.iter().chain(hub.table_4) {
        let key = format!("epa_onroad_{}", r.key);
        if keys.last() != Some(&key) {
            keys.push(key);
        }
    }
    keys.extend(hub.table_5.iter().map(|r| format!("epa_nonroad_{}", r.key)));
    keys
}

fn gwp_warning(recipe: &mut Recipe, hub: &EpaHub, basis: GwpSet, request: &RecipeRequest<'_>) {
    if request.gwp != basis {
        recipe.warn_bilingual(
            format!(
                "the EPA Hub {} states {} GWPs; its CH4 and N2O are converted with the inventory's {}",
                hub.year,
                basis.code(),
                request.gwp.code()
            ),
            format!(
                "EPA Hub {} 采用 {} GWP；其 CH4 和 N2O 按本清单的 {} 换算",
                hub.year,
                basis.code(),
                request.gwp.code()
            ),
        );
    }
}

fn fuel_recipe(
    hub: &EpaHub,
    basis: GwpSet,
    methodology: &'static str,
    request: &RecipeRequest<'_>,
) -> Result<Recipe, CalcErrorKind> {
    let lib = request.library;
    let key = request.activity;
    let wanted = if key.starts_with("epa_") { key.to_owned() } else { format!("epa_{key}") };
    if let Some(vehicle) = wanted.strip_prefix("epa_onroad_") {
        return on_road_recipe(hub, basis, methodology, vehicle, request);
    }
    if let Some(vehicle) = wanted.strip_prefix("epa_nonroad_") {
        return non_road_recipe(hub, basis, methodology, vehicle, request);
    }
    if let Some(row) = hub.table_2.iter().find(|r| r.key == wanted) {
        return mobile_recipe(hub, basis, methodology, row, request);
    }
    let Some(row) = hub.table_1.iter().find(|r| r.key == wanted) else {
        let known = fuel_keys(hub);
        return Err(CalcErrorKind::UnknownActivity {
            key: key.to_owned(),
            methodology,
            nearest: crate::error::nearest(key, known.iter().map(String::as_str)),
        });
    };
    let pre = hub.id;
    let id = |suffix: &str| format!("{pre}.{}.{suffix}", row.key);
    let get = |suffix: &str| builtin_factor(lib, &id(suffix));
    let mut recipe = Recipe::new(request.unit);
    match request.unit.dimension() {
        Dimension::Energy => {}
        d => match lib.lookup(&id("hhv")) {
            Some(hhv) if lib.factor(hhv).denominator.map(Unit::dimension) == Some(d) => {
                recipe.energy_gj_per_unit = Some(lib.factor(hhv).per(request.unit)?);
                recipe.uses(hhv);
                recipe.replaceable.ncv = Some(hhv);
            }
            hhv => {
                let per = hhv.and_then(|h| lib.factor(h).denominator);
                return Err(CalcErrorKind::UnitDoesNotFit {
                    unit: request.unit,
                    key: key.to_owned(),
                    expected: match per {
                        Some(u) => {
                            format!("a unit of {} (its heat content is per {u}) or an energy unit", u.dimension())
                        }
                        None => "an energy unit (mmBtu, GJ, …): the Hub gives no heat content for it".to_owned(),
                    },
                });
            }
        },
    }
    let mobile = request.source == SourceCategory::MobileCombustion;
    let biomass = is_biomass(row.fuel_type);
    for (suffix, carbon) in [("co2_per_mmbtu", true), ("ch4_per_mmbtu", false), ("n2o_per_mmbtu", false)] {
        if mobile && !carbon {
            continue;
        }
        let r = get(suffix)?;
        let f = lib.factor(r);
        let Parameter::EmissionFactor(gas) = f.parameter else { continue };
        let gas = if carbon && biomass { Gas::Co2Biogenic } else { gas };
        recipe.add_gas(gas, request.gwp, GasTermKind::PerEnergy { t_per_gj: f.per(Unit::Gigajoule)? })?;
        recipe.uses(r);
        if carbon {
            recipe.replaceable.carbon = Some(r);
        }
    }
    if mobile {
        recipe.warn_bilingual(format!("{key}: mobile combustion counts the Table 1 CO2 only under {methodology}; the Hub gives vehicles' CH4 and N2O by distance (Tables 3 and 4, `epa_onroad_…` keys in miles or km) or, for non-road vehicles, by fuel (Table 5, `epa_nonroad_…` keys in gallons), on rows of their own"
        ), format!("{key}：在 {methodology} 下移动源燃烧只计表1的CO2；车辆的 CH4 和 N2O 按里程（表3、表4，`epa_onroad_…` 键，英里或公里）或非道路车辆按燃料（表5，`epa_nonroad_…` 键，加仑）另行填报"
        ));
    }
    gwp_warning(&mut recipe, hub, basis, request);
    standard_coal_rule(&mut recipe, request)?;
    if recipe.tce == TceRule::CalorificValue && request.unit.dimension() != Dimension::Energy {
        recipe.warn_bilingual(
            format!("{key}: tce from the Hub's higher heating value (GB/T 2589 counts net calorific values)"),
            format!("{key}：折标煤按 Hub 的高位发热量计（GB/T 2589 按低位发热量计）"),
        );
    }
    Ok(recipe)
}

/// Table 2: kg CO2 per gallon or scf of fuel burnt in vehicles.
fn mobile_recipe(
    hub: &EpaHub,
    basis: GwpSet,
    methodology: &'static str,
    row: &crate::factors::epa_hub_2024::MobileCo2Row,
    request: &RecipeRequest<'_>,
) -> Result<Recipe, CalcErrorKind> {
    let key = request.activity;
    if request.source != SourceCategory::MobileCombustion {
        return Err(CalcErrorKind::SourceDoesNotFit {
            key: key.to_owned(),
            source_category: request.source.key(),
            hint: "; Table 2 factors are for mobile_combustion (Table 1 keys serve stationary combustion)".to_owned(),
        });
    }
    let lib = request.library;
    let id = format!("{}.{}.co2_per_unit", hub.id, row.key);
    let r = builtin_factor(lib, &id)?;
    let f = lib.factor(r);
    if f.denominator.map(Unit::dimension) != Some(request.unit.dimension()) {
        return Err(CalcErrorKind::UnitDoesNotFit {
            unit: request.unit,
            key: key.to_owned(),
            expected: format!("a volume unit: Table 2 gives kg CO2 per {} (no heat content)", row.unit),
        });
    }
    let mut recipe = Recipe::new(request.unit);
    // Table 2's biofuels (Biodiesel (100%), Ethanol (100%)) burn biogenic carbon.
    let gas = if is_biomass_fuel_name(row.fuel) { Gas::Co2Biogenic } else { Gas::Co2 };
    recipe.add_gas(gas, request.gwp, GasTermKind::PerUnit { t_per_unit: f.per(request.unit)? })?;
    recipe.uses(r);
    recipe.warn_bilingual(format!("{key}: CO2 only under {methodology}, from the fuel (Table 2); the Hub gives vehicles' CH4 and N2O by distance (Tables 3 and 4, `epa_onroad_…` keys in miles or km) or, for non-road vehicles, by fuel (Table 5, `epa_nonroad_…` keys in gallons), on rows of their own"
    ), format!("{key}：在 {methodology} 下仅按燃料计CO2（表2）；车辆的 CH4 和 N2O 按里程（表3、表4，`epa_onroad_…` 键，英里或公里）或非道路车辆按燃料（表5，`epa_nonroad_…` 键，加仑）另行填报"
    ));
    // Energy from the Hub's own heat content of the same fuel in Table 1,
    // where Table 1 prints one under the same name (Motor Gasoline,
    // Kerosene-Type Jet Fuel, …); no name is guessed for the others.
    let same = hub.table_1.iter().find(|t| t.fuel.eq_ignore_ascii_case(row.fuel));
    if let Some(hhv) = same.and_then(|t| lib.lookup(&format!("{}.{}.hhv", hub.id, t.key)))
        && lib.factor(hhv).denominator.map(Unit::dimension) == Some(request.unit.dimension())
    {
        recipe.energy_gj_per_unit = Some(lib.factor(hhv).per(request.unit)?);
        recipe.uses(hhv);
        recipe.replaceable.ncv = Some(hhv);
    }
    gwp_warning(&mut recipe, hub, basis, request);
    standard_coal_rule(&mut recipe, request)?;
    if recipe.tce == TceRule::CalorificValue && request.unit.dimension() != Dimension::Energy {
        recipe.warn_bilingual(
            format!(
                "{key}: tce from the Hub's Table 1 higher heating value of {} (GB/T 2589 counts net calorific values)",
                row.fuel
            ),
            format!("{key}：折标煤按 Hub 表1中 {} 的高位发热量计（GB/T 2589 按低位发热量计）", row.fuel),
        );
    }
    Ok(recipe)
}

/// The vehicle key and the model year of an `epa_onroad_` key's tail:
/// `gasoline_passenger_cars_2015` is `gasoline_passenger_cars`, 2015.
fn split_model_year(tail: &str) -> (&str, Option<i32>) {
    match tail.rsplit_once('_') {
        Some((vehicle, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
            (vehicle, year.parse().ok())
        }
        _ => (tail, None),
    }
}

/// The model years of a vehicle's rows, runs of adjacent rows joined:
/// `1973–2021`, `up to 1980, 1982–2018`.
fn model_years_text(rows: &[&OnRoadRow]) -> String {
    let mut runs: Vec<(Option<i32>, i32)> = Vec::new();
    for r in rows {
        let Some(last) = r.last_year else { continue };
        match runs.last_mut() {
            Some((_, end)) if r.first_year == Some(*end + 1) => *end = last,
            _ => runs.push((r.first_year, last)),
        }
    }
    runs.iter()
        .map(|(a, b)| match a {
            Some(a) if a == b => a.to_string(),
            Some(a) => format!("{a}–{b}"),
            None => format!("up to {b}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Tables 3 and 4: g CH4 and g N2O per vehicle-mile of an on-road vehicle,
/// by model year. CO2 is not here: the Hub computes it from the fuel
/// (Table 2), on rows of its own.
fn on_road_recipe(
    hub: &EpaHub,
    basis: GwpSet,
    methodology: &'static str,
    tail: &str,
    request: &RecipeRequest<'_>,
) -> Result<Recipe, CalcErrorKind> {
    let key = request.activity;
    let (vehicle, year) = split_model_year(tail);
    let (table, rows): (u8, Vec<&OnRoadRow>) = match hub.table_3.iter().filter(|r| r.key == vehicle).collect::<Vec<_>>()
    {
        rows if !rows.is_empty() => (3, rows),
        _ => (4, hub.table_4.iter().filter(|r| r.key == vehicle).collect()),
    };
    let Some(first) = rows.first() else {
        let known: Vec<String> =
            hub.table_3.iter().chain(hub.table_4).map(|r| format!("epa_onroad_{}", r.key)).collect();
        return Err(CalcErrorKind::UnknownActivity {
            key: key.to_owned(),
            methodology,
            nearest: crate::error::nearest(&format!("epa_onroad_{vehicle}"), known.iter().map(String::as_str)),
        });
    };
    if request.source != SourceCategory::MobileCombustion {
        return Err(CalcErrorKind::SourceDoesNotFit {
            key: key.to_owned(),
            source_category: request.source.key(),
            hint: format!("; Table {table} gives the CH4 and N2O of vehicles driven, a mobile_combustion source"),
        });
    }
    if request.unit.dimension() != Dimension::Distance {
        return Err(CalcErrorKind::UnitDoesNotFit {
            unit: request.unit,
            key: key.to_owned(),
            expected: format!("a distance (mile, km): Table {table} gives g CH4 and g N2O per vehicle-mile"),
        });
    }
    let by_year = rows.iter().any(|r| r.last_year.is_some());
    let described = || {
        let fuel = if first.fuel.is_empty() { String::new() } else { format!(", {},", first.fuel) };
        format!("{}{fuel} in EPA Hub {} Table {table}", first.vehicle, hub.year)
    };
    let row = match (by_year, year) {
        // Table 4's alternative fuels print no model year: one row for any.
        (false, _) => *first,
        (true, None) => {
            return Err(CalcErrorKind::ModelYear {
                key: key.to_owned(),
                model_year: None,
                vehicle: described(),
                years: model_years_text(&rows),
            });
        }
        (true, Some(y)) => rows
            .iter()
            .copied()
            .find(|r| r.first_year.is_none_or(|f| y >= f) && r.last_year.is_some_and(|l| y <= l))
            .ok_or_else(|| CalcErrorKind::ModelYear {
                key: key.to_owned(),
                model_year: Some(y),
                vehicle: described(),
                years: model_years_text(&rows),
            })?,
    };
    let years = model_year_segment(row.first_year, row.last_year);
    let mut recipe = Recipe::new(request.unit);
    let ids = ["ch4", "n2o"].map(|gas| format!("{}.mobile.{}.{years}.{gas}_per_mile", hub.id, row.key));
    add_per_unit_gases(&mut recipe, request, ids)?;
    recipe.warn_bilingual(format!("{key}: CH4 and N2O only, by distance (Table {table}); under {methodology} the vehicle's CO2 and energy come from its fuel (Table 2, `epa_mobile_…` keys in gallons or scf) on rows of their own"
    ), format!("{key}：仅按里程计 CH4 和 N2O（表{table}）；在 {methodology} 下车辆的CO2和能量按其燃料（表2，`epa_mobile_…` 键，加仑或标准立方英尺）另行填报"
    ));
    recipe.energy_elsewhere = true;
    gwp_warning(&mut recipe, hub, basis, request);
    Ok(recipe)
}

/// Table 5: g CH4 and g N2O per gallon of fuel of a non-road vehicle. The
/// fuel's CO2 (and energy) is on rows of their own (Table 2).
fn non_road_recipe(
    hub: &EpaHub,
    basis: GwpSet,
    methodology: &'static str,
    tail: &str,
    request: &RecipeRequest<'_>,
) -> Result<Recipe, CalcErrorKind> {
    let key = request.activity;
    let Some(row) = hub.table_5.iter().find(|r| r.key == tail) else {
        let known: Vec<String> = hub.table_5.iter().map(|r| format!("epa_nonroad_{}", r.key)).collect();
        return Err(CalcErrorKind::UnknownActivity {
            key: key.to_owned(),
            methodology,
            nearest: crate::error::nearest(&format!("epa_nonroad_{tail}"), known.iter().map(String::as_str)),
        });
    };
    if request.source != SourceCategory::MobileCombustion {
        return Err(CalcErrorKind::SourceDoesNotFit {
            key: key.to_owned(),
            source_category: request.source.key(),
            hint: "; Table 5 gives the CH4 and N2O of non-road vehicles, a mobile_combustion source".to_owned(),
        });
    }
    if request.unit.dimension() != Dimension::Volume {
        return Err(CalcErrorKind::UnitDoesNotFit {
            unit: request.unit,
            key: key.to_owned(),
            expected: "a volume of fuel (gallon, L, …): Table 5 gives g CH4 and g N2O per gallon".to_owned(),
        });
    }
    let mut recipe = Recipe::new(request.unit);
    let ids = ["ch4", "n2o"].map(|gas| format!("{}.nonroad.{}.{gas}_per_gallon", hub.id, row.key));
    add_per_unit_gases(&mut recipe, request, ids)?;
    recipe.warn_bilingual(format!("{key}: CH4 and N2O only, by fuel (Table 5); under {methodology} the same fuel's CO2 and energy come from Table 2 (`epa_mobile_…` keys) on rows of their own"
    ), format!("{key}：仅按燃料计 CH4 和 N2O（表5）；在 {methodology} 下同一燃料的CO2和能量按表2（`epa_mobile_…` 键）另行填报"
    ));
    recipe.energy_elsewhere = true;
    gwp_warning(&mut recipe, hub, basis, request);
    Ok(recipe)
}

/// Whether a Table 1 row's CO2 is biogenic: the Hub files every biomass
/// fuel under a "Biomass Fuels" heading (solid, gaseous, liquid, Kraft
/// pulping liquor). The EPA Center for Corporate Climate Leadership's
/// *Direct Emissions from Stationary Combustion Sources* (January 2016,
/// §1.2 Biomass Fuels), following the GHG Protocol, reports their CO2 as
/// biomass CO2 apart from the CO2-equivalent inventory, and their CH4 and
/// N2O in it.
fn is_biomass(fuel_type: &str) -> bool {
    fuel_type.trim_start().starts_with("Biomass Fuels")
}

/// Whether a Table 2 (mobile) fuel is a biofuel: its name, as printed, is
/// the only classification the table gives (`Biodiesel (100%)`,
/// `Ethanol (100%)`).
fn is_biomass_fuel_name(fuel: &str) -> bool {
    let f = fuel.to_ascii_lowercase();
    f.starts_with("biodiesel") || f.starts_with("ethanol")
}

fn is_us(request: &RecipeRequest<'_>) -> bool {
    let c = request.facility.country.trim();
    c.eq_ignore_ascii_case("US") || c.eq_ignore_ascii_case("USA")
}

/// Table 6 and Table 7 for purchased electricity and heat of US facilities.
fn purchased(hub: &EpaHub, basis: GwpSet, request: &RecipeRequest<'_>) -> Result<Option<Recipe>, CalcErrorKind> {
    let electricity = match (request.activity, request.source) {
        ("electricity", SourceCategory::PurchasedElectricity | SourceCategory::ExportedElectricity) => true,
        ("heat", SourceCategory::PurchasedHeat | SourceCategory::ExportedHeat) => false,
        _ => return Ok(None),
    };
    if !is_us(request) {
        return Ok(None);
    }
    if request.unit.dimension() != Dimension::Energy {
        return Err(CalcErrorKind::UnitDoesNotFit {
            unit: request.unit,
            key: request.activity.to_owned(),
            expected: "an energy unit (kWh, MWh, mmBtu, GJ, …)".to_owned(),
        });
    }
    let stem = if electricity {
        let region = request.facility.grid_region.as_deref().unwrap_or("").trim();
        let found =
            if region.is_empty() || region.eq_ignore_ascii_case("US") || region.eq_ignore_ascii_case("US Average") {
                Some("us_average".to_owned())
            } else {
                hub.table_6
                    .iter()
                    .find(|r| r.acronym.eq_ignore_ascii_case(region) || r.name.eq_ignore_ascii_case(region))
                    .map(|r| if r.acronym == "US Average" { "us_average".to_owned() } else { r.acronym.to_lowercase() })
            };
        let Some(sub) = found else {
            return Err(CalcErrorKind::Invalid {
                expected: format!(
                    "an eGRID subregion of the EPA Hub {} Table 6 ({}) or US",
                    hub.year,
                    hub.table_6.iter().map(|r| r.acronym).filter(|a| *a != "US Average").collect::<Vec<_>>().join(", ")
                ),
                found: region.to_owned(),
            });
        };
        format!("{}.egrid.{sub}.total", hub.id)
    } else {
        format!("{}.steam_and_heat", hub.id)
    };
    let mut recipe = Recipe::new(request.unit);
    add_per_unit_gases(&mut recipe, request, ["co2", "ch4", "n2o"].map(|gas| format!("{stem}.{gas}")))?;
    recipe.market_based = electricity && !request.source.is_export();
    if request.source.is_export() {
        note_exported_energy(&mut recipe, request.source);
        return Ok(Some(recipe));
    }
    gwp_warning(&mut recipe, hub, basis, request);
    standard_coal_rule(&mut recipe, request)?;
    Ok(Some(recipe))
}
