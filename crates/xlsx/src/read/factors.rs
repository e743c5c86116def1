//! The Factors sheet: custom emission factors, keyed in or referring to a
//! built-in factor by its id (`factor_id`).

use std::sync::LazyLock;

use carbonbook_core::factors::{Factor, FactorLibrary, Parameter, stated_gwp};
use carbonbook_core::gas::{Gas, GwpSet};
use carbonbook_core::inventory::CustomFactor;
use carbonbook_core::method::custom::EmissionUnit;
use rust_decimal::Decimal;

use super::header::Header;
use super::report::Report;
use super::row::{Row, Sign};
use super::schema::fct;
use crate::problem::Problem;

/// The fields a `factor_id` reference supplies.
pub(crate) const REFERENCE_COVERS: [usize; 4] = [fct::GAS, fct::VALUE, fct::UNIT, fct::SOURCE];

/// The built-in library, built once for references.
static BUILTIN: LazyLock<FactorLibrary> = LazyLock::new(FactorLibrary::builtin);

/// Whether the sheet has a `factor_id` column.
pub(crate) fn references_builtin(header: &Header) -> bool {
    header.cols.get(fct::FACTOR_ID).is_some_and(Option::is_some)
}

/// The factor key of a row, without reporting anything.
pub(crate) fn key_of(row: &Row<'_, '_, '_>) -> Option<String> {
    row.value(fct::FACTOR_KEY).and_then(super::cells::as_text).filter(|k| !k.is_empty())
}

/// Reads one Factors row; `gwp` is the inventory's GWP set.
pub(crate) fn read_row(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>, gwp: GwpSet) -> Option<CustomFactor> {
    if row.has(fct::FACTOR_ID) {
        return read_reference(row, report, gwp);
    }
    if references_builtin(row.header()) {
        // The table reader let these pass for reference rows; this row is not one.
        for f in REFERENCE_COVERS {
            if !row.has(f) {
                let name = row.field(f);
                row.fail(report, f, format!("{name} is required (or a factor_id), found an empty cell"));
            }
        }
    }
    let key = row.text(report, fct::FACTOR_KEY);
    let gas = row.parse::<Gas>(report, fct::GAS);
    let value = row.decimal(report, fct::VALUE, Sign::NonNegative);
    let unit = row.parse::<EmissionUnit>(report, fct::UNIT);
    let source = row.text(report, fct::SOURCE);
    let tce_per_unit = row.decimal(report, fct::TCE_PER_UNIT, Sign::NonNegative);
    if row.failed {
        return None;
    }
    Some(CustomFactor {
        row: Some(row.number),
        key: key?,
        gas: gas?,
        value: value?,
        unit: unit?,
        source: source?,
        tce_per_unit,
    })
}

/// A row whose `factor_id` names a built-in emission factor: gas, value and
/// unit come from it (and must agree with it when also given), the source
/// is its full citation (after the row's own `source` text, if any). A
/// factor of a set that states another GWP set than the inventory's is
/// warned about (a CO2e factor cannot be restated; CH4 and N2O masses are
/// converted with the inventory's set).
fn read_reference(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>, gwp: GwpSet) -> Option<CustomFactor> {
    let key = row.text(report, fct::FACTOR_KEY);
    let id = row.text(report, fct::FACTOR_ID)?;
    let id = id.trim();
    let Some(factor) = BUILTIN.get(id) else {
        let near = carbonbook_core::error::nearest(id, BUILTIN.iter().map(|(_, f)| f.id.as_str()));
        let hint = if near.is_empty() { String::new() } else { format!("; nearest: {}", near.join(", ")) };
        row.fail(
            report,
            fct::FACTOR_ID,
            format!("factor_id \"{id}\" is no built-in factor (carbonbook factors TERM lists them){hint}"),
        );
        return None;
    };
    let Some((gas, unit)) = emission_unit(factor) else {
        let msg = format!("factor_id \"{id}\" is a {}, not an emission factor", factor.parameter);
        row.fail(report, fct::FACTOR_ID, msg);
        return None;
    };
    let own_gas = if row.has(fct::GAS) { row.parse::<Gas>(report, fct::GAS) } else { None };
    let own_value = if row.has(fct::VALUE) { row.decimal(report, fct::VALUE, Sign::NonNegative) } else { None };
    let own_unit = if row.has(fct::UNIT) { row.parse::<EmissionUnit>(report, fct::UNIT) } else { None };
    let own_source = if row.has(fct::SOURCE) { row.text(report, fct::SOURCE) } else { None };
    let tce_per_unit = row.decimal(report, fct::TCE_PER_UNIT, Sign::NonNegative);
    if let Some(g) = own_gas
        && g.species() != gas.species()
    {
        row.fail(report, fct::GAS, format!("gas {g} does not match {id}, a factor of {gas}"));
    }
    if let Some(v) = own_value
        && v != factor.value
    {
        row.fail(report, fct::VALUE, mismatch("value", &v.to_string(), factor.value, factor));
    }
    if let Some(u) = own_unit
        && (u.mass, u.per) != (unit.mass, unit.per)
    {
        row.fail(report, fct::UNIT, mismatch("unit", &u.to_string(), factor.value, factor));
    }
    if row.failed {
        return None;
    }
    if let Some(stated) = stated_gwp(factor)
        && stated != gwp
    {
        let (what, what_zh) = if gas == Gas::Co2e {
            (
                format!("its CO2e is as published, on {}", stated.code()),
                format!("其 CO2e 按公布值采用（{}）", stated.code()),
            )
        } else {
            (
                format!("its gases are converted with the inventory's {}", gwp.code()),
                format!("其各气体按本清单的 {} 换算", gwp.code()),
            )
        };
        let msg = format!("{id} comes from a set that states {} GWPs; {what}", stated.code());
        let zh = format!("{id} 所属因子集采用 {} GWP；{what_zh}", stated.code());
        report.warning(Problem::at(row.cell(fct::FACTOR_ID), msg).with_zh(zh));
    }
    let citation = factor.citation();
    Some(CustomFactor {
        row: Some(row.number),
        key: key?,
        gas,
        value: factor.value,
        unit,
        source: match own_source {
            Some(s) if !s.trim().is_empty() => format!("{}; {citation}", s.trim()),
            _ => citation,
        },
        tce_per_unit,
    })
}

fn mismatch(what: &str, found: &str, value: Decimal, factor: &Factor) -> String {
    format!(
        "{what} {found} does not match the built-in factor {} ({value} {}); leave it empty or give the same",
        factor.id, factor.unit_text
    )
}

/// The gas and the mass-per-unit of a built-in emission factor.
fn emission_unit(factor: &Factor) -> Option<(Gas, EmissionUnit)> {
    let Parameter::EmissionFactor(gas) = factor.parameter else { return None };
    let (mass, per) = (factor.numerator?, factor.denominator?);
    (mass.dimension() == carbonbook_core::units::Dimension::Mass)
        .then_some((gas, EmissionUnit { mass, gas: Some(gas), per }))
}
