//! Purchased electricity and heat (Scope 2) with built-in factors.
//!
//! Applies under every methodology to the built-in keys `electricity` and
//! `heat`. For a facility in China:
//!
//! * **electricity**, location-based: the MEE/NBS average electricity CO2
//!   factor of the data year for the facility's `grid_region` (a regional
//!   grid such as `north` / `华北`), or the national average when no region
//!   is given. `grid_region = ets` selects the national grid factor the MEE
//!   sets for ETS reporting instead. When no factor is published for the
//!   data year, the most recent earlier one is used and a warning says so.
//!   The market-based figure uses the row's contractual factor, falling back
//!   to the location-based figure with a warning.
//! * **heat**: the guideline default CO2 factor per GJ.
//!
//! Other countries have no built-in grid factor: give one in the Factors
//! sheet and use its key as the activity.

use super::{GasTermKind, Recipe, RecipeRequest, standard_coal_rule};
use crate::error::CalcErrorKind;
use crate::factors::cn_data;
use crate::gas::Gas;
use crate::scope::{SourceCategory, UncoveredConsumption};
use crate::units::Dimension;

/// The recipe for `electricity` or `heat`, or `None` for other keys.
pub(crate) fn recipe(request: &RecipeRequest<'_>) -> Result<Option<Recipe>, CalcErrorKind> {
    let export = request.source.is_export();
    let (expected_source, stem) = match (request.activity, export) {
        ("electricity", false) => (SourceCategory::PurchasedElectricity, electricity_stem(request)?),
        ("heat", false) => (SourceCategory::PurchasedHeat, heat_stem(request)?),
        // Energy supplied to others, at the factor of the grid or of heat
        // (GB/T 32150-2015: 输出的电力、热力 at the same factors as bought).
        ("electricity", true) => (SourceCategory::ExportedElectricity, electricity_stem(request)?),
        ("heat", true) => (SourceCategory::ExportedHeat, heat_stem(request)?),
        _ => return Ok(None),
    };
    if request.source != expected_source {
        return Err(CalcErrorKind::SourceDoesNotFit {
            key: request.activity.to_owned(),
            source_category: request.source.key(),
            hint: format!("; use source {}", expected_source.key()),
        });
    }
    // Steam and hot water may come in tonnes: their rows give the heat per
    // tonne (enthalpy or supply temperature), as a measured calorific value.
    let heat_by_mass = stem_is_heat(request) && request.unit.dimension() == Dimension::Mass;
    if request.unit.dimension() != Dimension::Energy && !heat_by_mass {
        return Err(CalcErrorKind::UnitDoesNotFit {
            unit: request.unit,
            key: request.activity.to_owned(),
            expected: if stem_is_heat(request) {
                "an energy unit (GJ, MWh, …), or t with the steam's enthalpy or the hot water's temperature".to_owned()
            } else {
                "an energy unit (kWh, MWh, 10^4 kWh, GJ, …)".to_owned()
            },
        });
    }
    let mut recipe = Recipe::new(request.unit);
    let lib = request.library;
    let r = match stem {
        Stem::Yearly(stem) => {
            let Some((r, year)) = lib.for_year(&stem, request.year) else {
                return Err(CalcErrorKind::Missing {
                    what: format!(
                        "no built-in factor {stem} for {} or earlier; give one in the Factors sheet",
                        request.year
                    ),
                });
            };
            if year != request.year {
                let id = &lib.factor(r).id;
                recipe.factor_year = Some(year);
                recipe.warn_bilingual(
                    format!(
                        "no {stem} factor is published for data year {}; used the {year} factor {id}",
                        request.year
                    ),
                    format!("{stem} 尚未公布 {} 年的因子，采用 {year} 年的因子 {id}", request.year),
                );
            }
            r
        }
        Stem::Fixed(id) => super::builtin_factor(lib, id)?,
    };
    if heat_by_mass {
        let t_per_gj = lib.factor(r).per(crate::units::Unit::Gigajoule)?;
        recipe.add_gas(Gas::Co2, request.gwp, GasTermKind::PerEnergy { t_per_gj })?;
    } else {
        let t_per_unit = lib.factor(r).per(request.unit)?;
        recipe.add_gas(Gas::Co2, request.gwp, GasTermKind::PerUnit { t_per_unit })?;
    }
    recipe.uses(r);
    recipe.market_based = expected_source == SourceCategory::PurchasedElectricity;
    if recipe.market_based && request.market_uncovered == UncoveredConsumption::Residual {
        residual(&mut recipe, request)?;
    }
    if export {
        super::note_exported_energy(&mut recipe, request.source);
        return Ok(Some(recipe));
    }
    standard_coal_rule(&mut recipe, request)?;
    Ok(Some(recipe))
}

enum Stem {
    Yearly(String),
    Fixed(&'static str),
}

fn is_china(request: &RecipeRequest<'_>) -> bool {
    let c = request.facility.country.trim();
    c.is_empty() || c.eq_ignore_ascii_case("CN") || c.eq_ignore_ascii_case("CHN") || c == "中国"
}

fn electricity_stem(request: &RecipeRequest<'_>) -> Result<Stem, CalcErrorKind> {
    if !is_china(request) {
        return Err(no_factor(request, "location-based electricity"));
    }
    let region = request.facility.grid_region.as_deref().unwrap_or("").trim();
    let folded = region
        .to_lowercase()
        .replace("电网", "")
        .replace("区域", "")
        .replace(" grid", "")
        .replace(" china", "")
        .trim()
        .to_owned();
    if folded.is_empty() || folded == "national" || folded == "全国" || folded == "cn" {
        return Ok(Stem::Yearly("cn.grid.average.national".to_owned()));
    }
    if matches!(folded.as_str(), "ets" | "national-ets" | "national_ets" | "cn-ets" | "全国碳市场") {
        return Ok(Stem::Yearly("cn.grid.ets_reporting.national".to_owned()));
    }
    let found = cn_data::GRID_FACTORS
        .iter()
        .find(|g| g.region == folded || g.name_zh.replace("电网", "") == folded)
        .map(|g| g.region);
    match found {
        Some(key) => Ok(Stem::Yearly(format!("cn.grid.average.{key}"))),
        None => {
            let mut known: Vec<&str> = cn_data::GRID_FACTORS.iter().flat_map(|g| [g.region, g.name_zh]).collect();
            known.sort_unstable();
            known.dedup();
            Err(CalcErrorKind::Invalid {
                expected: format!("a grid region: national, ets, {}", known.join(", ")),
                found: region.to_owned(),
            })
        }
    }
}

fn stem_is_heat(request: &RecipeRequest<'_>) -> bool {
    request.activity == "heat"
}

fn heat_stem(request: &RecipeRequest<'_>) -> Result<Stem, CalcErrorKind> {
    if !is_china(request) {
        return Err(no_factor(request, "purchased heat"));
    }
    Ok(Stem::Fixed("cn.heat.co2"))
}

fn no_factor(request: &RecipeRequest<'_>, what: &str) -> CalcErrorKind {
    CalcErrorKind::Missing {
        what: format!(
            "no built-in {what} factor for country {}; add one to the Factors sheet and use its factor_key as the activity",
            request.facility.country
        ),
    }
}

/// The stem of China's national residual factor: the MEE/NBS national
/// average electricity CO2 factor excluding market-traded non-fossil power,
/// published for consumption without green-power contracts.
const CN_RESIDUAL: &str = "cn.grid.average_excluding_market_non_fossil.national";

/// Market-based Scope 2 of rows without a contractual factor (China): the
/// residual factor of the data year, or the latest before it (warned).
/// Where none is published, the location-based figure stays, with the
/// engine's usual warning.
fn residual(recipe: &mut Recipe, request: &RecipeRequest<'_>) -> Result<(), CalcErrorKind> {
    let lib = request.library;
    let Some((r, year)) = lib.for_year(CN_RESIDUAL, request.year) else {
        recipe.warn_bilingual(
            format!(
                "no residual electricity factor ({CN_RESIDUAL}) is published for {} or earlier: market-based Scope 2 of rows without contractual_factor uses the location-based figure",
                request.year
            ),
            format!(
                "{} 年及以前未公布剩余电力排放因子（{CN_RESIDUAL}）：无合同排放因子（contractual_factor）的行，其基于市场的范围二排放采用基于位置的数值",
                request.year
            ),
        );
        return Ok(());
    };
    let f = lib.factor(r);
    recipe.residual = Some((f.per(request.unit)?, r));
    let stale = year != request.year;
    recipe.warn_bilingual(
        format!(
            "rows without contractual_factor: market-based Scope 2 at {} = {} {} (national average excluding market-traded non-fossil power{})",
            f.id,
            f.value,
            f.unit_text,
            if stale { format!("; none is published for {}, the {year} factor is used", request.year) } else { String::new() }
        ),
        format!(
            "无合同排放因子（contractual_factor）的行：基于市场的范围二排放采用 {} = {} {}（全国电力平均二氧化碳排放因子（不包括市场化交易的非化石能源电量）{}）",
            f.id,
            f.value,
            f.unit_text,
            if stale { format!("；尚未公布 {} 年的数值，采用 {year} 年的因子", request.year) } else { String::new() }
        ),
    );
    Ok(())
}
