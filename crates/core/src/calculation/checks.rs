//! Checks and conversions of one row that need no factor: signs, ranges,
//! units of measured values; steam and hot water in tonnes; densities.

use super::*;
use crate::field::Field;

/// Specific enthalpy of water at 20 °C, kJ/kg: the reference of purchased
/// steam's heat (workbook-v2 §3).
const WATER_20C_KJ_PER_KG: Decimal = rust_decimal_macros::dec!(83.74);

/// Specific heat of water, kJ/(kg·K).
const WATER_KJ_PER_KG_K: Decimal = rust_decimal_macros::dec!(4.1868);

/// GJ per tonne of steam (from its enthalpy) or hot water (from its supply
/// temperature), for heat rows given in a mass unit; `None` when the row
/// gives neither. Values outside their physical range are errors.
pub(super) fn heat_per_tonne(a: &Activity) -> Result<Option<Decimal>, (Field, CalcErrorKind)> {
    let heat = matches!(a.source, SourceCategory::PurchasedHeat | SourceCategory::ExportedHeat);
    let mass = a.quantity.unit().dimension() == Dimension::Mass;
    let invalid = |expected: &str, found: String| CalcErrorKind::Invalid { expected: expected.to_owned(), found };
    let field = match (a.enthalpy, a.water_temperature) {
        (None, None) => {
            if heat && mass && a.measured.ncv.is_none() {
                return Err((
                    Field::Enthalpy,
                    CalcErrorKind::MissingValue {
                        field: Field::Enthalpy,
                        what: format!(
                            "heat given in {} needs the steam's enthalpy (kJ/kg) or the hot water's water_temperature (°C) to be converted to GJ",
                            a.quantity.unit()
                        ),
                    },
                ));
            }
            return Ok(None);
        }
        (Some(_), Some(_)) => {
            return Err((
                Field::WaterTemperature,
                invalid("either enthalpy (steam) or water_temperature (hot water), not both", "both".to_owned()),
            ));
        }
        (Some(_), None) => Field::Enthalpy,
        (None, Some(_)) => Field::WaterTemperature,
    };
    if !heat {
        return Err((field, invalid("a purchased_heat or exported_heat row (steam, hot water)", a.source.to_string())));
    }
    if !mass {
        return Err((field, invalid("the quantity in a mass unit (t) with it", a.quantity.unit().to_string())));
    }
    let thousand = Decimal::from(1000);
    let gj_per_t = match (a.enthalpy, a.water_temperature) {
        (Some(h), _) => {
            // Above water at 20 °C, at most superheated steam of a power
            // plant (about 3 500 kJ/kg).
            if h <= WATER_20C_KJ_PER_KG || h > Decimal::from(4000) {
                return Err((
                    Field::Enthalpy,
                    invalid("a specific enthalpy of steam above 83.74 and at most 4000 kJ/kg", h.to_string()),
                ));
            }
            (h - WATER_20C_KJ_PER_KG) / thousand
        }
        (None, Some(t)) => {
            if t <= Decimal::from(20) || t > Decimal::from(200) {
                return Err((
                    Field::WaterTemperature,
                    invalid("a hot-water supply temperature above 20 and at most 200 °C", t.to_string()),
                ));
            }
            (t - Decimal::from(20)) * WATER_KJ_PER_KG_K / thousand
        }
        (None, None) => return Ok(None),
    };
    Ok(Some(gj_per_t))
}

/// Whether the row is given by volume with a density (computed on its
/// mass); a density that is not a mass per volume, or outside the range of
/// fuels, is an error.
pub(super) fn density_applies(a: &Activity) -> Result<bool, (Field, CalcErrorKind)> {
    let Some(d) = a.density else { return Ok(false) };
    let invalid = |expected: &str, found: String| CalcErrorKind::Invalid { expected: expected.to_owned(), found };
    if d.numerator().dimension() != Dimension::Mass || d.denominator().dimension() != Dimension::Volume {
        return Err((Field::DensityUnit, invalid("a mass per volume: kg/L, t/m3 or kg/m3", d.to_string())));
    }
    let t_per_m3 =
        d.per(Unit::CubicMetre).and_then(|r| Ok(r.apply(Decimal::ONE)?)).map_err(|e| (Field::Density, e.into()))?;
    // From a gas at normal conditions (hydrogen 0.00009 t/m3) to the
    // densest liquid fuels (about 1.1 t/m3).
    if t_per_m3 < rust_decimal_macros::dec!(0.00005) || t_per_m3 > rust_decimal_macros::dec!(2.5) {
        return Err((
            Field::Density,
            invalid("a fuel density from 0.00005 to 2.5 t/m3 (0.05 to 2500 kg/m3)", d.to_string()),
        ));
    }
    if a.quantity.unit().dimension() != Dimension::Volume {
        return Err((
            Field::Density,
            invalid("a quantity in a volume unit (L, m3) with a density", a.quantity.unit().to_string()),
        ));
    }
    Ok(true)
}

/// Row checks that need no factor: signs, ranges, units of measured values.
pub(super) fn check_activity(a: &Activity) -> Result<(), (Field, CalcErrorKind)> {
    let negative = |v: Decimal| v.is_sign_negative() && !v.is_zero();
    if negative(a.quantity.value()) {
        return Err((Field::Quantity, CalcErrorKind::Negative { value: a.quantity.value().to_string() }));
    }
    if let Some(ncv) = &a.measured.ncv {
        if negative(ncv.value()) {
            return Err((Field::Ncv, CalcErrorKind::Negative { value: ncv.value().to_string() }));
        }
        if ncv.numerator().dimension() != Dimension::Energy {
            return Err((
                Field::NcvUnit,
                CalcErrorKind::Invalid { expected: "an energy per unit, e.g. GJ/t".to_owned(), found: ncv.to_string() },
            ));
        }
        let unit = a.quantity.unit();
        if unit.dimension() != Dimension::Energy && ncv.denominator().dimension() != unit.dimension() {
            return Err((
                Field::NcvUnit,
                CalcErrorKind::Invalid {
                    expected: format!("a calorific value per {} unit (the quantity is in {unit})", unit.dimension()),
                    found: format!("{}/{}", ncv.numerator(), ncv.denominator()),
                },
            ));
        }
    }
    if let Some(cc) = a.measured.carbon_content
        && negative(cc)
    {
        return Err((Field::CarbonContent, CalcErrorKind::Negative { value: cc.to_string() }));
    }
    if let Some(f) = a.biomass_fraction
        && (negative(f) || f > Decimal::ONE)
    {
        return Err((
            Field::BiomassFraction,
            CalcErrorKind::Invalid {
                expected: "a fraction from 0 to 1 (or 0 % to 100 %)".to_owned(),
                found: f.to_string(),
            },
        ));
    }
    if let Some(of) = a.measured.oxidation
        && (negative(of) || of > Decimal::ONE)
    {
        return Err((
            Field::OxidationFactor,
            CalcErrorKind::Invalid {
                expected: "a fraction from 0 to 1 (or 0 % to 100 %)".to_owned(),
                found: of.to_string(),
            },
        ));
    }
    if let Some(cf) = a.contractual_factor {
        if a.source != SourceCategory::PurchasedElectricity {
            return Err((
                Field::ContractualFactor,
                CalcErrorKind::Invalid {
                    expected: "no contractual factor (it applies to purchased_electricity only)".to_owned(),
                    found: cf.to_string(),
                },
            ));
        }
        if negative(cf) {
            return Err((Field::ContractualFactor, CalcErrorKind::Negative { value: cf.to_string() }));
        }
    }
    Ok(())
}
