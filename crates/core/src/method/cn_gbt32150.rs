//! China: GB/T 32150-2015 《工业企业温室气体排放核算和报告通则》 and its
//! sector parts (GB/T 32151.x).
//!
//! Fossil-fuel combustion (化石燃料燃烧排放):
//!
//! ```text
//! E_CO2 = FC × NCV × CC × OF × 44/12
//! ```
//!
//! with FC the fuel consumed (t, or 10^4 Nm3 for gases), NCV its net
//! calorific value (GJ/t, GJ/10^4 Nm3), CC its carbon content per unit heat
//! (tC/GJ) and OF its oxidation rate. 44/12 is the ratio of the molar
//! masses of CO2 and C; it is applied as a multiplication by 44 and a
//! division by 12, never as a rounded 3.6667. A measured NCV, carbon
//! content or oxidation rate on the row overrides the default for that row
//! only. Defaults come from the GB/T 32151 default-parameter table
//! (`cn.fuel.*` in the factor library). The method counts CO2 only, as the
//! standard does for combustion.
//!
//! Purchased electricity and heat (购入的电力和热力) are activity × factor
//! ([`super::purchased`]); process and fugitive emissions need factors from
//! the Factors sheet.
//!
//! # Example
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Rate, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Steel", 2024));
//! inv.facilities.push(Facility::new("S1"));
//! let mut coke = Activity::new("S1", SourceCategory::StationaryCombustion, "coke",
//!     Quantity::new(dec!(40000), Unit::Tonne));
//! coke.measured.ncv = Some(Rate::new(dec!(28.435), Unit::Gigajoule, Unit::Tonne));
//! coke.measured.carbon_content = Some(dec!(0.0295));
//! coke.measured.oxidation = Some(dec!(0.93));
//! inv.activities.push(coke);
//! let r = inv.calculate()?;
//! // 40 000 t × 28.435 GJ/t × 0.0295 tC/GJ × 93 % × 44/12
//! assert_eq!(r.summary.totals.scope1_t_co2e, dec!(114416.753));
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```

use super::{GasTermKind, Methodology, Recipe, RecipeRequest, standard_coal_rule};
use crate::error::CalcErrorKind;
use crate::factors::FactorLibrary;
use crate::gas::Gas;
use crate::units::{Dimension, Unit};

/// The GB/T 32150 methodology (`cn-gbt32150`).
#[derive(Debug, Clone, Copy, Default)]
pub struct CnGbt32150;

impl Methodology for CnGbt32150 {
    fn id(&self) -> &'static str {
        "cn-gbt32150"
    }

    fn title(&self) -> &'static str {
        "GB/T 32150-2015 工业企业温室气体排放核算和报告通则 (China)"
    }

    fn fuel_recipe(&self, request: &RecipeRequest<'_>) -> Result<Recipe, CalcErrorKind> {
        let lib = request.library;
        let key = request.activity;
        let ncv = lib.lookup(&format!("cn.fuel.{key}.ncv"));
        let cc = lib.lookup(&format!("cn.fuel.{key}.cc"));
        let of = lib.lookup(&format!("cn.fuel.{key}.of"));
        // A fuel of the GB/T 2589 table without GB/T 32151 defaults (raw
        // coal) is accepted when its rows give the missing parameters.
        if ncv.is_none() && !is_standard_coal_fuel(lib, key) {
            return Err(CalcErrorKind::UnknownActivity {
                key: key.to_owned(),
                methodology: self.id(),
                nearest: crate::error::nearest(key, self.fuel_keys(lib).iter().map(String::as_str)),
            });
        }
        if !request.source.is_combustion() {
            return Err(CalcErrorKind::SourceDoesNotFit {
                key: key.to_owned(),
                source_category: request.source.key(),
                hint: "; a fuel is stationary_combustion or mobile_combustion (process emissions need a Factors-sheet factor)".to_owned(),
            });
        }
        let mut recipe = Recipe::new(request.unit);
        if let Some(ncv) = ncv {
            let ncv_factor = lib.factor(ncv);
            let ncv_per = ncv_factor.denominator.map(|d| d.dimension());
            match request.unit.dimension() {
                Dimension::Energy => {}
                d if Some(d) == ncv_per => {
                    recipe.energy_gj_per_unit = Some(ncv_factor.per(request.unit)?);
                    recipe.uses(ncv);
                    recipe.replaceable.ncv = Some(ncv);
                    if ncv_factor.denominator.is_some_and(Unit::is_normal_volume) && !request.unit.is_normal_volume() {
                        // Name the assumption: the default is per normal cubic metre.
                        let per = ncv_factor.denominator.map_or("", Unit::symbol);
                        recipe.warn_bilingual(
                            format!(
                                "\"{key}\" in {}: the default calorific value is per {per} (normal conditions); the volume is taken as measured at those conditions — give it in Nm3 (10^4 Nm3, 万标准立方米) to say so, or a measured ncv for the volume as metered",
                                request.unit,
                            ),
                            format!(
                                "“{key}”以 {} 计：缺省低位发热量按 {per}（标准状况）给出，体积按标准状况下的计量值处理——如是，请以 Nm3（10^4 Nm3，万标准立方米）填写；否则请给出按计量状态的实测低位发热量",
                                request.unit,
                            ),
                        );
                    }
                }
                _ => {
                    let den = ncv_factor.denominator.map(|u| u.symbol()).unwrap_or("?");
                    return Err(CalcErrorKind::UnitDoesNotFit {
                        unit: request.unit,
                        key: key.to_owned(),
                        expected: format!(
                            "a unit of {} (its calorific value is per {den}) or an energy unit",
                            ncv_per.map(|d| d.to_string()).unwrap_or_default()
                        ),
                    });
                }
            }
        }
        let default = |r: Option<crate::factors::FactorRef>| r.map(|r| lib.factor(r).value);
        recipe.add_gas(
            Gas::Co2,
            request.gwp,
            GasTermKind::CarbonOxidation {
                carbon_content: default(cc),
                oxidation: default(of),
                oxidised_per_gj: match (default(cc), default(of)) {
                    (Some(c), Some(o)) => Some(crate::arithmetic::mul(c, o)?),
                    _ => None,
                },
            },
        )?;
        for r in [cc, of].into_iter().flatten() {
            recipe.uses(r);
        }
        recipe.replaceable.carbon = cc;
        recipe.replaceable.oxidation = of;
        standard_coal_rule(&mut recipe, request)?;
        Ok(recipe)
    }

    fn fuel_keys(&self, library: &FactorLibrary) -> Vec<String> {
        let mut keys: Vec<String> = library
            .with_prefix("cn.fuel.")
            .filter_map(|(_, f)| f.id.strip_prefix("cn.fuel.").and_then(|s| s.strip_suffix(".ncv")).map(str::to_owned))
            .collect();
        let extra: Vec<String> = library
            .with_prefix("gbt2589.")
            .filter_map(|(_, f)| f.id.strip_prefix("gbt2589."))
            .filter(|k| is_standard_coal_fuel(library, k) && !keys.iter().any(|x| x == k))
            .map(str::to_owned)
            .collect();
        keys.extend(extra);
        keys
    }
}

/// Whether `key` is a fuel of the GB/T 2589 table (not electricity, heat or steam).
fn is_standard_coal_fuel(lib: &FactorLibrary, key: &str) -> bool {
    !key.starts_with("electricity")
        && !key.starts_with("heat")
        && !key.starts_with("steam")
        && lib.lookup(&format!("gbt2589.{key}")).is_some()
}
