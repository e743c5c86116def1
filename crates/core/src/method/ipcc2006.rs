//! 2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 2
//! (Energy), Tier 1 stationary combustion.
//!
//! ```text
//! Emissions_gas = Fuel consumed (TJ) × EF_gas (kg gas/TJ)
//! ```
//!
//! Fuel is converted to energy with the default net calorific value of
//! Table 1.2 (TJ/Gg, i.e. GJ/t) unless the row gives a measured one; CO2
//! uses the default factor of Table 1.4 (which already assumes an
//! oxidation factor of 1), CH4 and N2O the defaults of Tables 2.2–2.5 for
//! the facility's sector (energy industries, manufacturing and
//! construction, commercial/institutional, residential). A facility whose
//! sector is not given is treated as manufacturing, with a warning.
//! A measured carbon content on the row replaces the CO2 factor by carbon
//! content × oxidation (measured, or 1) × 44/12.
//!
//! Activity keys are the IPCC fuel keys of the library (`ipcc_natural_gas`,
//! …) or the common keys that map to them (`natural_gas`, `diesel`,
//! `gasoline`, `fuel_oil`, `lpg`, `kerosene`, `bituminous_coal`, `coke`,
//! …). Mobile combustion gets CO2 only (Vol. 2 Ch. 3 CH4 and N2O factors
//! depend on vehicle technology and are not built in), with a warning.
//!
//! # Example
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut org = Organisation::new("Utility", 2024);
//! org.methodology = "ipcc-2006".into();
//! let mut inv = Inventory::new(org);
//! let mut plant = Facility::new("P1");
//! plant.sector = Some("power".into());
//! inv.facilities.push(plant);
//! inv.activities.push(Activity::new("P1", SourceCategory::StationaryCombustion, "natural_gas",
//!     Quantity::new(dec!(1), Unit::Terajoule)));
//! let r = inv.calculate()?;
//! // 56 100 kg CO2 + 1 kg CH4 × 28 + 0.1 kg N2O × 265 (AR5), per TJ.
//! assert_eq!(r.summary.totals.scope1_t_co2e, dec!(56.1545));
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```

use super::{GasTermKind, Methodology, Recipe, RecipeRequest, standard_coal_rule};
use crate::error::CalcErrorKind;
use crate::factors::{FactorLibrary, ipcc_fuel_key, ipcc_sector_for};
use crate::gas::Gas;
use crate::scope::SourceCategory;
use crate::units::{Dimension, Unit};

/// The IPCC 2006 Tier 1 methodology (`ipcc-2006`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Ipcc2006;

impl Methodology for Ipcc2006 {
    fn id(&self) -> &'static str {
        "ipcc-2006"
    }

    fn title(&self) -> &'static str {
        "2006 IPCC Guidelines, Vol. 2 Energy, Tier 1"
    }

    fn fuel_recipe(&self, request: &RecipeRequest<'_>) -> Result<Recipe, CalcErrorKind> {
        let lib = request.library;
        let key = request.activity;
        let Some(ipcc_key) = ipcc_fuel_key(key) else {
            return Err(CalcErrorKind::UnknownActivity {
                key: key.to_owned(),
                methodology: self.id(),
                nearest: crate::error::nearest(key, self.fuel_keys(lib).iter().map(String::as_str)),
            });
        };
        if !request.source.is_combustion() {
            return Err(CalcErrorKind::SourceDoesNotFit {
                key: key.to_owned(),
                source_category: request.source.key(),
                hint: "; a fuel is stationary_combustion or mobile_combustion".to_owned(),
            });
        }
        let stem = ipcc_key.trim_start_matches("ipcc_");
        let mut recipe = Recipe::new(request.unit);
        match request.unit.dimension() {
            Dimension::Energy => {}
            Dimension::Mass => {
                if let Some(ncv) = lib.lookup(&format!("ipcc2006.{stem}.ncv")) {
                    recipe.energy_gj_per_unit = Some(lib.factor(ncv).per(request.unit)?);
                    recipe.uses(ncv);
                    recipe.replaceable.ncv = Some(ncv);
                }
                // Without a default NCV the row must give a measured one.
            }
            // IPCC gives calorific values per mass only: a volume needs the
            // row's measured NCV (checked when the row is computed).
            Dimension::Volume => {}
            Dimension::StandardCoal
            | Dimension::Distance
            | Dimension::FreightTransport
            | Dimension::PassengerTransport => {
                return Err(CalcErrorKind::UnitDoesNotFit {
                    unit: request.unit,
                    key: key.to_owned(),
                    expected: "a mass, volume (with measured ncv) or energy unit".to_owned(),
                });
            }
        }
        let co2 = lib.lookup(&format!("ipcc2006.{stem}.co2")).ok_or_else(|| CalcErrorKind::Missing {
            what: format!("no IPCC 2006 Table 1.4 CO2 factor for {ipcc_key} in the library"),
        })?;
        recipe.add_gas(
            Gas::Co2,
            request.gwp,
            GasTermKind::PerEnergy { t_per_gj: lib.factor(co2).per(Unit::Gigajoule)? },
        )?;
        recipe.uses(co2);
        recipe.replaceable.carbon = Some(co2);
        if request.source == SourceCategory::MobileCombustion {
            recipe.warn_bilingual(format!("{key}: mobile combustion counts CO2 only under ipcc-2006 (Vol. 2 Ch. 3 CH4/N2O factors are not built in)"
            ), format!("{key}：在 ipcc-2006 下移动源燃烧只计CO2（第2卷第3章的 CH4/N2O 因子未内置）"
            ));
        } else {
            let sector_text = request.facility.sector.as_deref().unwrap_or("");
            let sector = ipcc_sector_for(sector_text).unwrap_or_else(|| {
                recipe.warn_bilingual(
                    format!(
                        "facility {} has no sector; IPCC CH4/N2O factors of manufacturing industries (Table 2.3) used",
                        request.facility.id
                    ),
                    format!("设施 {} 未填行业；采用 IPCC 制造业的 CH4/N2O 因子（表2.3）", request.facility.id),
                );
                "manufacturing"
            });
            for gas in ["ch4", "n2o"] {
                match lib.lookup(&format!("ipcc2006.{stem}.{sector}.{gas}")) {
                    Some(r) => {
                        let f = lib.factor(r);
                        let g = match f.parameter {
                            crate::factors::Parameter::EmissionFactor(g) => g,
                            _ => continue,
                        };
                        recipe.add_gas(g, request.gwp, GasTermKind::PerEnergy { t_per_gj: f.per(Unit::Gigajoule)? })?;
                        recipe.uses(r);
                    }
                    None => recipe.warn_bilingual(
                        format!(
                            "no IPCC 2006 {} factor for {ipcc_key} in sector {sector}; {} not counted",
                            gas.to_uppercase(),
                            gas.to_uppercase()
                        ),
                        format!(
                            "IPCC 2006 无 {ipcc_key} 在 {sector} 行业的 {} 因子；{} 未计入",
                            gas.to_uppercase(),
                            gas.to_uppercase()
                        ),
                    ),
                }
            }
        }
        standard_coal_rule(&mut recipe, request)?;
        Ok(recipe)
    }

    fn fuel_keys(&self, library: &FactorLibrary) -> Vec<String> {
        let mut keys: Vec<String> = library
            .with_prefix("ipcc2006.")
            .filter_map(|(_, f)| {
                f.id.strip_prefix("ipcc2006.").and_then(|s| s.strip_suffix(".co2")).map(|s| format!("ipcc_{s}"))
            })
            .collect();
        keys.extend(
            [
                "natural_gas",
                "diesel",
                "gasoline",
                "fuel_oil",
                "kerosene",
                "bituminous_coal",
                "coke",
                "lpg",
                "lng",
                "refinery_dry_gas",
                "converter_gas",
            ]
            .map(str::to_owned),
        );
        keys
    }
}
