//! The UK Government GHG Conversion Factors for Company Reporting 2020
//! (BEIS/Defra, now DESNZ) as a methodology: `desnz-2020`.
//!
//! ```text
//! Emissions (kg CO2e) = Activity (in the row's UOM) × the "kg CO2e" factor of that UOM
//! ```
//!
//! **Keys.** Every row of the flat file is identified by its labels; the
//! activity key is `desnz.` followed by the snake_case of Level 1 to
//! Level 4 and Column Text, empty levels skipped:
//!
//! | flat-file labels | activity key |
//! |---|---|
//! | Fuels > Gaseous fuels > Natural gas > Energy - Gross CV | `desnz.fuels.gaseous_fuels.natural_gas.energy_gross_cv` |
//! | Fuels > Gaseous fuels > Natural gas > Volume | `desnz.fuels.gaseous_fuels.natural_gas.volume` |
//! | Fuels > Liquid fuels > Diesel (average biofuel blend) > Volume | `desnz.fuels.liquid_fuels.diesel_average_biofuel_blend.volume` |
//! | UK electricity > Electricity generated > Electricity: UK | `desnz.uk_electricity.electricity_generated.electricity_uk` |
//!
//! (`<` is written `lt`, `>` `gt`, `%` `pct`, `+` `plus`, `&` `and`; any
//! other run of non-alphanumerics is `_`.) The `desnz.` prefix may be left
//! out. `carbonbook factors "natural gas"` shows the keys, and an unknown key
//! is answered with the nearest ones. The row's unit picks the factor: the
//! one published per that unit (`kWh`, `litres`, `tonnes`, `km`, `miles`,
//! `tonne.km`, …), or else the first one published per a unit of the same
//! dimension, converted exactly.
//!
//! **CO2e as published.** The flat file gives each activity's total in
//! `kg CO2e`, and beside it rows labelled `kg CO2`, `kg CH4` and `kg N2O`.
//! The `kg CH4` and `kg N2O` rows are **already CO2e** (AR4 GWPs): the
//! three add up to the total. A line is computed from the published total
//! (gas `CO2e`), so no GWP is applied again; the part rows are in the
//! library, as CO2e, for reference. An inventory whose `gwp` is not AR4 gets
//! a warning, since the published CO2e cannot be restated; so does one whose
//! data year is not 2020, the reporting year the factors are published for.
//!
//! **Scopes.** Scope 1 rows serve the combustion, process and fugitive
//! source categories; Scope 2 rows purchased electricity and heat. Scope 3
//! and outside-of-scopes rows are in the library (`carbonbook factors`) but
//! not counted in an inventory, which reports Scopes 1 and 2.
//!
//! **Purchased energy of a UK facility** (`country` `GB` or `UK`):
//! `electricity` is "UK electricity > Electricity generated" and `heat` is
//! "Heat and steam > Onsite heat and steam", both per kWh. Facilities
//! elsewhere use the shared purchased-energy rules.
//!
//! Energy (and standard coal) is known when the quantity is in an energy
//! unit; the flat file's SECR `kWh` rows are in the library for reference
//! only.
//!
//! # Example
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut org = Organisation::new("Example Ltd", 2020);
//! org.methodology = "desnz-2020".into();
//! org.gwp = carbonbook_core::gas::GwpSet::Ar4;
//! let mut inv = Inventory::new(org);
//! inv.facilities.push(Facility::new("L1"));
//! inv.activities.push(Activity::new("L1", SourceCategory::StationaryCombustion,
//!     "desnz.fuels.gaseous_fuels.natural_gas.energy_gross_cv",
//!     Quantity::new(dec!(100000), Unit::KilowattHour)));
//! let r = inv.calculate()?;
//! // 0.18387 kg CO2e per kWh (Gross CV), sheet "Factors by Category", K54.
//! assert_eq!(r.summary.totals.scope1_t_co2e, dec!(18.387));
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Methodology, Recipe, RecipeRequest, standard_coal_rule};
use crate::error::CalcErrorKind;
use crate::factors::{FactorLibrary, desnz_2020, desnz_id, desnz_unit};
use crate::gas::GwpSet;
use crate::scope::SourceCategory;

/// UK Government GHG Conversion Factors 2020 (`desnz-2020`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Desnz2020;

/// The `kg CO2e` rows with a known unit, by key, in sheet order.
static TOTALS: LazyLock<HashMap<&'static str, Vec<&'static desnz_2020::DesnzRow>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<&'static desnz_2020::DesnzRow>> = HashMap::new();
    for row in desnz_2020::ROWS {
        if row.ghg == "kg CO2e" && desnz_unit(row.uom).is_some() {
            map.entry(row.key).or_default().push(row);
        }
    }
    map
});

/// The "Outside of scopes" `kg CO2` rows (the biogenic CO2 of bioenergy
/// and of the biofuel share of forecourt fuels), by fuel name (Level 3).
static OUTSIDE: LazyLock<HashMap<&'static str, Vec<&'static desnz_2020::DesnzRow>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<&'static desnz_2020::DesnzRow>> = HashMap::new();
    for row in desnz_2020::ROWS {
        if row.scope.trim().eq_ignore_ascii_case("Outside of Scopes") && row.ghg == "kg CO2" {
            map.entry(row.levels[2].trim()).or_default().push(row);
        }
    }
    map
});

const ELECTRICITY: &str = "desnz.uk_electricity.electricity_generated.electricity_uk";
const HEAT: &str = "desnz.heat_and_steam.heat_and_steam.onsite_heat_and_steam";

impl Methodology for Desnz2020 {
    fn id(&self) -> &'static str {
        "desnz-2020"
    }

    fn title(&self) -> &'static str {
        "UK Government GHG Conversion Factors for Company Reporting 2020 (flat file; CO2e, AR4)"
    }

    fn fuel_recipe(&self, request: &RecipeRequest<'_>) -> Result<Recipe, CalcErrorKind> {
        // Keys of the set are resolved by `set_recipe`; anything reaching
        // here is unknown to it.
        Err(self.unknown(request))
    }

    fn fuel_keys(&self, _library: &FactorLibrary) -> Vec<String> {
        let mut keys: Vec<String> = TOTALS
            .iter()
            .filter(|(_, rows)| rows.iter().any(|r| matches!(r.scope.trim(), "Scope 1" | "Scope 2")))
            .map(|(k, _)| (*k).to_owned())
            .collect();
        keys.sort_unstable();
        keys
    }

    fn set_recipe(&self, request: &RecipeRequest<'_>) -> Result<Option<Recipe>, CalcErrorKind> {
        let key = request.activity;
        let uk = matches!(request.facility.country.trim().to_ascii_uppercase().as_str(), "GB" | "UK" | "GBR");
        let full = match (key, request.source) {
            ("electricity", SourceCategory::PurchasedElectricity | SourceCategory::ExportedElectricity) if uk => {
                ELECTRICITY.to_owned()
            }
            ("heat", SourceCategory::PurchasedHeat | SourceCategory::ExportedHeat) if uk => HEAT.to_owned(),
            _ if key.starts_with("desnz.") => key.to_owned(),
            _ => format!("desnz.{key}"),
        };
        let Some(rows) = TOTALS.get(full.as_str()) else {
            return if key.starts_with("desnz.") { Err(self.unknown(request)) } else { Ok(None) };
        };
        self.recipe(&full, rows, request).map(Some)
    }
}

impl Desnz2020 {
    fn unknown(&self, request: &RecipeRequest<'_>) -> CalcErrorKind {
        let keys = self.fuel_keys(request.library);
        let wanted = if request.activity.starts_with("desnz.") {
            request.activity.to_owned()
        } else {
            format!("desnz.{}", request.activity)
        };
        CalcErrorKind::UnknownActivity {
            key: request.activity.to_owned(),
            methodology: self.id(),
            nearest: crate::error::nearest(&wanted, keys.iter().map(String::as_str)),
        }
    }

    fn recipe(
        &self,
        key: &str,
        rows: &[&'static desnz_2020::DesnzRow],
        request: &RecipeRequest<'_>,
    ) -> Result<Recipe, CalcErrorKind> {
        let unit = request.unit;
        let row = rows
            .iter()
            .find(|r| desnz_unit(r.uom) == Some(unit))
            .or_else(|| rows.iter().find(|r| desnz_unit(r.uom).map(|u| u.dimension()) == Some(unit.dimension())))
            .ok_or_else(|| CalcErrorKind::UnitDoesNotFit {
                unit,
                key: request.activity.to_owned(),
                expected: format!(
                    "a unit the factor is published per ({})",
                    rows.iter().map(|r| r.uom).collect::<Vec<_>>().join(", ")
                ),
            })?;
        let scope = row.scope.trim();
        let fits = match scope {
            "Scope 1" => !matches!(
                request.source,
                SourceCategory::PurchasedElectricity
                    | SourceCategory::PurchasedHeat
                    | SourceCategory::ExportedElectricity
                    | SourceCategory::ExportedHeat
            ),
            "Scope 2" => matches!(
                request.source,
                SourceCategory::PurchasedElectricity
                    | SourceCategory::PurchasedHeat
                    | SourceCategory::ExportedElectricity
                    | SourceCategory::ExportedHeat
            ),
            _ => {
                return Err(CalcErrorKind::SourceDoesNotFit {
                    key: request.activity.to_owned(),
                    source_category: request.source.key(),
                    hint: format!(
                        "; it is a {scope} factor of the UK conversion factors, and an inventory counts Scopes 1 and 2 only"
                    ),
                });
            }
        };
        if !fits {
            return Err(CalcErrorKind::SourceDoesNotFit {
                key: request.activity.to_owned(),
                source_category: request.source.key(),
                hint: format!(
                    "; it is a {scope} factor: use {}",
                    if scope == "Scope 1" {
                        "stationary_combustion, mobile_combustion, process or fugitive"
                    } else {
                        "purchased_electricity or purchased_heat"
                    }
                ),
            });
        }
        let lib = request.library;
        let id = desnz_id(key, row.uom, "co2e");
        let r = super::builtin_factor(lib, &id)?;
        let mut recipe = Recipe::new(unit);
        recipe.add_gas(
            crate::gas::Gas::Co2e,
            request.gwp,
            super::GasTermKind::PerUnit { t_per_unit: lib.factor(r).per(unit)? },
        )?;
        recipe.uses(r);
        if scope == "Scope 1" {
            biogenic_co2(&mut recipe, row, request)?;
        }
        if row.uom == "kWh (Gross CV)" {
            recipe.warn_bilingual(format!("{}: energy and tce are counted on the gross calorific basis of the factor (GB/T 2589 counts net calorific values)",
                request.activity
            ), format!("{}：能量及折标煤按该因子的高位发热量计（GB/T 2589 按低位发热量计）",
                request.activity
            ));
        }
        if request.gwp != GwpSet::Ar4 {
            recipe.warn_bilingual(format!("{}: the UK 2020 conversion factors are published in CO2e on AR4 GWPs; the inventory's {} does not restate them",
                request.activity,
                request.gwp.code()
            ), format!("{}：英国2020年换算因子以 AR4 GWP 的 CO2e 公布；未按本清单的 {} 重算",
                request.activity,
                request.gwp.code()
            ));
        }
        if request.year != 2020 {
            recipe.warn_bilingual(format!("{}: the UK conversion factors 2020 are published for reporting year 2020; used as they are for data year {}",
                request.activity, request.year
            ), format!("{}：英国2020年换算因子适用于2020报告年度；数据年份 {} 照用",
                request.activity, request.year
            ));
        }
        recipe.market_based = request.source == SourceCategory::PurchasedElectricity;
        if request.source.is_export() {
            super::note_exported_energy(&mut recipe, request.source);
            return Ok(recipe);
        }
        standard_coal_rule(&mut recipe, request)?;
        Ok(recipe)
    }
}

/// The biogenic CO2 of a Scope 1 row whose fuel has an "Outside of scopes"
/// row in the file (wood, biogas, biofuels, the biofuel share of diesel and
/// petrol blends): the file's own pairing by fuel name (Level 3), in the
/// same unit as printed. The file reports that CO2 outside the scopes and
/// leaves it out of the Scope 1 CO2e; the GHG Protocol shows it as a memo
/// figure. Where the file prints it per another unit only (per `kWh` without
/// a calorific basis against a `kWh (Gross CV)` row), the memo is not
/// computed and a warning says so.
fn biogenic_co2(
    recipe: &mut Recipe,
    row: &desnz_2020::DesnzRow,
    request: &RecipeRequest<'_>,
) -> Result<(), CalcErrorKind> {
    let Some(outside) = OUTSIDE.get(row.levels[2].trim()) else { return Ok(()) };
    let Some(pair) = outside.iter().find(|o| o.uom == row.uom) else {
        recipe.warn_bilingual(format!("{}: the UK file gives this fuel's biogenic CO2 (outside of scopes) per {} only, not per {}: the biogenic CO2 memo is not computed for these rows; give the quantity in {} to have it",
            request.activity,
            outside.iter().map(|o| o.uom).collect::<Vec<_>>().join(", "),
            row.uom,
            outside.iter().map(|o| o.uom).collect::<Vec<_>>().join(" or "),
        ), format!("{}：英国因子文件仅按 {} 给出该燃料的生物质CO2（范围外），未按 {} 给出：这些行不计算生物质CO2备忘项；请以 {} 给出数量",
            request.activity,
            outside.iter().map(|o| o.uom).collect::<Vec<_>>().join(", "),
            row.uom,
            outside.iter().map(|o| o.uom).collect::<Vec<_>>().join(" or "),
        ));
        return Ok(());
    };
    let lib = request.library;
    let id = desnz_id(pair.key, pair.uom, "co2");
    let r = super::builtin_factor(lib, &id)?;
    recipe.add_gas(
        crate::gas::Gas::Co2Biogenic,
        request.gwp,
        super::GasTermKind::PerUnit { t_per_unit: lib.factor(r).per(request.unit)? },
    )?;
    recipe.uses(r);
    Ok(())
}
