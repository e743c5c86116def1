//! Custom factors from the workbook's Factors sheet.
//!
//! A custom factor is a mass of a gas per unit of activity, with the user's
//! own citation (`0.5306 tCO2/MWh`, "MEE/NBS 2023 national average"). It
//! enters the factor library under `custom.KEY.GAS`, applies under every
//! methodology, and takes precedence over a built-in key of the same name.
//! Several rows may share a key with different gases.
//!
//! ```
//! use carbonbook_core::method::custom::EmissionUnit;
//! use carbonbook_core::gas::Gas;
//! use carbonbook_core::units::Unit;
//! let u: EmissionUnit = "kgCO2e/L".parse()?;
//! assert_eq!((u.mass, u.gas, u.per), (Unit::Kilogram, Some(Gas::Co2e), Unit::Litre));
//! let u: EmissionUnit = "t CO2 / 万千瓦时".parse()?;
//! assert_eq!(u.per, Unit::TenThousandKilowattHours);
//! # Ok::<(), carbonbook_core::units::UnitError>(())
//! ```

use super::{GasTermKind, Recipe, RecipeRequest, TceRule};
use crate::error::CalcErrorKind;
use crate::factors::{Factor, FactorLibrary, FactorRef, Parameter, Source, Validity};
use crate::field::Field;
use crate::gas::Gas;
use crate::inventory::CustomFactor;
use crate::units::Unit;

/// The unit of a custom factor, kept here by its old path.
pub use crate::units::EmissionUnit;

/// Adds the custom factors to `library`, returning per row either the
/// handles or the error with the field (column) it is about.
pub(crate) fn register(
    library: &mut FactorLibrary,
    factor: &CustomFactor,
) -> Result<(FactorRef, Option<FactorRef>), (Field, CalcErrorKind)> {
    if let Some(g) = factor.unit.gas
        && g != factor.gas
    {
        return Err((
            Field::Unit,
            CalcErrorKind::Invalid {
                expected: format!("a unit of {} to match the gas column", factor.gas),
                found: factor.unit.to_string(),
            },
        ));
    }
    if factor.value.is_sign_negative() && !factor.value.is_zero() {
        return Err((Field::Value, CalcErrorKind::Negative { value: factor.value.to_string() }));
    }
    let source = Source::user(factor.source.clone());
    let r = library
        .insert(Factor {
            id: format!("custom.{}.{}", factor.key, factor.gas),
            activity: factor.key.clone(),
            name: factor.key.clone(),
            parameter: Parameter::EmissionFactor(factor.gas),
            value: factor.value,
            unit_text: factor.unit.to_string(),
            numerator: Some(factor.unit.mass),
            denominator: Some(factor.unit.per),
            source: source.clone(),
            validity: Validity::ANY,
            region: None,
        })
        .map_err(|e| (Field::FactorKey, e.into()))?;
    let tce = match factor.tce_per_unit {
        None => None,
        Some(v) => {
            let id = format!("custom.{}.tce", factor.key);
            match library.lookup(&id) {
                // Several gas rows may repeat the same coefficient.
                Some(existing) if library.factor(existing).value == v => Some(existing),
                Some(_) => {
                    return Err((
                        Field::TcePerUnit,
                        CalcErrorKind::Invalid {
                            expected: format!("the same tce_per_unit on every row of \"{}\"", factor.key),
                            found: v.to_string(),
                        },
                    ));
                }
                None => Some(
                    library
                        .insert(Factor {
                            id,
                            activity: factor.key.clone(),
                            name: factor.key.clone(),
                            parameter: Parameter::StandardCoalCoefficient,
                            value: v,
                            unit_text: format!("tce/{}", factor.unit.per),
                            numerator: Some(Unit::TonneOfCoalEquivalent),
                            denominator: Some(factor.unit.per),
                            source,
                            validity: Validity::ANY,
                            region: None,
                        })
                        .map_err(|e| (Field::TcePerUnit, e.into()))?,
                ),
            }
        }
    };
    Ok((r, tce))
}

/// The recipe for an activity whose key is a custom factor key, or `None`
/// when it is not one.
pub(crate) fn recipe(request: &RecipeRequest<'_>) -> Result<Option<Recipe>, CalcErrorKind> {
    let lib = request.library;
    // Custom ids are `custom.KEY.GAS` and `custom.KEY.tce`: look those up
    // rather than scan a library of thousands of factors for each kind of
    // activity.
    let ids = Gas::ALL.iter().map(|g| format!("custom.{}.{g}", request.activity));
    let ids = ids.chain(std::iter::once(format!("custom.{}.tce", request.activity)));
    let mut recipe = Recipe::new(request.unit);
    let mut found = false;
    for r in ids.filter_map(|id| lib.lookup(&id)) {
        let f = lib.factor(r);
        found = true;
        let denominator = f.denominator.unwrap_or(request.unit);
        if denominator.dimension() != request.unit.dimension() {
            return Err(CalcErrorKind::UnitDoesNotFit {
                unit: request.unit,
                key: request.activity.to_owned(),
                expected: format!("a {} unit, as the factor is per {denominator}", denominator.dimension()),
            });
        }
        let per_unit = f.per(request.unit)?;
        match f.parameter {
            Parameter::EmissionFactor(gas) => {
                recipe.add_gas(gas, request.gwp, GasTermKind::PerUnit { t_per_unit: per_unit })?;
            }
            Parameter::StandardCoalCoefficient => recipe.tce = TceRule::Coefficient(per_unit),
            _ => continue,
        }
        recipe.uses(r);
    }
    if !found {
        return Ok(None);
    }
    if recipe.tce == TceRule::None {
        // No tce_per_unit given: GB/T 2589 as for built-in carriers
        // (electricity on the inventory's basis, energy units by 29.3076 GJ/tce).
        super::standard_coal_rule(&mut recipe, request)?;
    }
    recipe.market_based = request.source == crate::scope::SourceCategory::PurchasedElectricity;
    Ok(Some(recipe))
}
