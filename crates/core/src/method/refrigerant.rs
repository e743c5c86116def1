//! Refrigerants and other gases leaked (the `fugitive` source) by name,
//! under every methodology.
//!
//! A `fugitive` row whose activity is a gas (`HFC-134a`, `R-32`, `SF6`) or
//! a blend (`R-410A`, `R-407C`, `R-404A`, `R-507A`) and whose quantity is
//! the mass that escaped counts that mass of gas, or of each component of
//! the blend by its share (the built-in `refrigerant.` factors, cited on
//! the line), at the GWPs of the inventory's set. The mass itself comes
//! from the book: a mass balance or service records (workbook-v2 §5).
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Example", 2024));
//! inv.facilities.push(Facility::new("F"));
//! inv.activities.push(Activity::new("F", SourceCategory::Fugitive, "R-410A",
//!     Quantity::new(dec!(10), Unit::Kilogram)));
//! let r = inv.calculate()?;
//! // AR5: 5 kg HFC-32 × 677 + 5 kg HFC-125 × 3170 = 19.235 t CO2e.
//! assert_eq!(r.summary.totals.scope1_t_co2e, dec!(19.235));
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```

use super::{GasTermKind, Recipe, RecipeRequest};
use crate::arithmetic::Ratio;
use crate::error::CalcErrorKind;
use crate::factors::{Parameter, refrigerant_blend};
use crate::gas::Gas;
use crate::scope::SourceCategory;
use crate::units::Dimension;

/// The recipe of a fugitive row naming a gas or a blend; `None` for other
/// activities (left to the factors and the methodology).
pub(crate) fn recipe(request: &RecipeRequest<'_>) -> Result<Option<Recipe>, CalcErrorKind> {
    if request.source != SourceCategory::Fugitive {
        return Ok(None);
    }
    let blend = refrigerant_blend(request.activity);
    let gas = request.activity.parse::<Gas>().ok().filter(|g| !matches!(g, Gas::Co2e | Gas::Co2Biogenic));
    if blend.is_none() && gas.is_none() {
        return Ok(None);
    }
    if request.unit.dimension() != Dimension::Mass {
        return Err(CalcErrorKind::UnitDoesNotFit {
            unit: request.unit,
            key: request.activity.to_owned(),
            expected: "a mass unit (kg, t): the mass of gas that escaped".to_owned(),
        });
    }
    let mut recipe = Recipe::new(request.unit);
    match (blend, gas) {
        (Some(name), _) => {
            let lib = request.library;
            let prefix = format!("refrigerant.{}.", crate::factors::refrigerant_key(name));
            for (r, f) in lib.with_prefix(&prefix) {
                let Parameter::EmissionFactor(component) = f.parameter else { continue };
                recipe.add_gas(component, request.gwp, GasTermKind::PerUnit { t_per_unit: f.per(request.unit)? })?;
                recipe.uses(r);
            }
        }
        (None, Some(gas)) => {
            recipe.add_gas(gas, request.gwp, GasTermKind::PerUnit { t_per_unit: Ratio::of(request.unit.to_base()) })?;
        }
        (None, None) => return Ok(None),
    }
    Ok(Some(recipe))
}
