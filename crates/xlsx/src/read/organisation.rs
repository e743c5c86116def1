//! The Organisation sheet: two columns, `field` and `value`.
//!
//! | field | required | value |
//! |---|---|---|
//! | `name` (名称, 企业名称) | yes | reporting entity |
//! | `reporting_year` (报告年度) | yes | calendar year, e.g. 2024 |
//! | `methodology` (核算方法) | no | `cn-gbt32150` (default) or `ipcc-2006` |
//! | `gwp` | no | `SAR`, `AR4`, `AR5` (default) or `AR6` |
//! | `currency` (币种) | no | ISO 4217 code, default `CNY` |
//! | `electricity_basis` (电力折标方式) | no | `equivalent` (当量值, default) or `equal` (等价值) |
//! | `electricity_tce_per_mwh` (电力折标系数) | with `equal` | tce per MWh of electricity |
//! | `electricity_basis_source` (电力折标系数来源) | with `equal` | where that coefficient comes from |
//! | `base_year` (基准年) | with a base-year intensity | the base year |
//! | `base_year_tce_per_10k_output_value` (基准年万元产值能耗) | no | base-year tce per 10^4 of output value |
//! | `base_year_t_co2e_per_10k_output_value` (基准年万元产值碳排放) | no | base-year t CO2e per 10^4 of output value |
//! | `target_year` (目标年) | with a target intensity | the year the targets are for |
//! | `target_tce_per_10k_output_value` (目标万元产值能耗) | no | target tce per 10^4 of output value |
//! | `target_t_co2e_per_10k_output_value` (目标万元产值碳排放) | no | target t CO2e per 10^4 of output value |
//!
//! | `scope2_market_uncovered` | no | `residual` (default: the published residual factor, China's "excluding market-traded non-fossil power") or `location` |
//!
//! The fields after `currency` extend workbook-v1. A sheet without the
//! `field`/`value` header whose first row starts with a known field is read
//! as if it had one. Unknown fields are warned about and ignored; a field
//! given twice is a problem.

use carbonbook_core::field::Field;
use std::ops::ControlFlow;
use std::path::Path;

use calamine::DataRef;
use carbonbook_core::energy::ElectricityBasis;
use carbonbook_core::gas::GwpSet;
use carbonbook_core::intensity::BaseYear;
use carbonbook_core::inventory::{Currency, Organisation};
use carbonbook_core::method;
use carbonbook_core::scope::UncoveredConsumption;
use rust_decimal::Decimal;

use super::cells::{self, RowCells};
use super::date;
use super::error::OpenError;
use super::header::Header;
use super::number::NotANumber;
use super::report::Report;
use super::row::{decimal_of, not_a_number, number_of};
use super::schema::{self, ORG_FIELDS, ORGANISATION, org};
use super::source::{Notes, RowFn, Source};
use crate::cell::CellRef;
use crate::problem::Problem;

/// Field indices in [`ORG_FIELDS`].
mod f {
    pub(super) const NAME: usize = 0;
    pub(super) const REPORTING_YEAR: usize = 1;
    pub(super) const METHODOLOGY: usize = 2;
    pub(super) const GWP: usize = 3;
    pub(super) const CURRENCY: usize = 4;
    pub(super) const ELECTRICITY_BASIS: usize = 5;
    pub(super) const ELECTRICITY_TCE_PER_MWH: usize = 6;
    pub(super) const ELECTRICITY_BASIS_SOURCE: usize = 7;
    pub(super) const BASE_YEAR: usize = 8;
    pub(super) const BASE_TCE: usize = 9;
    pub(super) const BASE_CO2E: usize = 10;
    pub(super) const TARGET_YEAR: usize = 11;
    pub(super) const TARGET_TCE: usize = 12;
    pub(super) const TARGET_CO2E: usize = 13;
    pub(super) const MARKET_UNCOVERED: usize = 14;
    pub(super) const COUNT: usize = 15;
}

/// What the Organisation sheet gave.
#[derive(Debug)]
pub(crate) struct OrganisationSheet {
    /// The organisation (defaults where the sheet gave nothing valid).
    pub(crate) organisation: Organisation,
    /// The value cell of each field given.
    pub(crate) cells: Vec<(Field, CellRef)>,
    /// The header, when the sheet has one.
    pub(crate) header: Option<Header>,
}

/// Values read so far.
#[derive(Default)]
struct Values {
    /// Whether each field's value cell holds something (valid or not).
    given: [bool; f::COUNT],
    name: Option<String>,
    year: Option<i32>,
    methodology: Option<String>,
    gwp: Option<GwpSet>,
    currency: Option<Currency>,
    equal_basis: Option<bool>,
    tce_per_mwh: Option<Decimal>,
    basis_source: Option<String>,
    base_year: Option<i32>,
    base_tce: Option<Decimal>,
    base_co2e: Option<Decimal>,
    target_year: Option<i32>,
    target_tce: Option<Decimal>,
    target_co2e: Option<Decimal>,
    market_uncovered: Option<UncoveredConsumption>,
}

/// Where the field and value columns are.
#[derive(Clone, Copy)]
struct Columns {
    field: u32,
    value: u32,
}

/// Reads the Organisation sheet.
pub(crate) fn read(
    source: &mut Source,
    path: &Path,
    sheet: &str,
    report: &mut Report<'_>,
) -> Result<OrganisationSheet, OpenError> {
    read_rows(sheet, report, &mut |each| source.rows(path, sheet, each))
}

/// Reads Organisation rows handed over by `drive` (which calls its
/// argument with each non-empty row, as [`Source::rows`] does).
pub(crate) fn read_rows(
    sheet: &str,
    report: &mut Report<'_>,
    drive: &mut dyn FnMut(&mut RowFn<'_>) -> Result<Notes, OpenError>,
) -> Result<OrganisationSheet, OpenError> {
    let mut cols: Option<Columns> = None;
    let mut header: Option<Header> = None;
    let mut seen: [Option<CellRef>; f::COUNT] = Default::default();
    let mut values = Values::default();
    let mut found_header = false;
    drive(&mut |number, cells| {
        let Some(c) = cols else {
            found_header = true;
            let named = |f: usize| {
                cells
                    .iter()
                    .any(|c| cells::as_text(c.get_value()).is_some_and(|t| ORGANISATION.column_named(&t) == Some(f)))
            };
            if named(org::FIELD) && named(org::VALUE) {
                let h = Header::read(&ORGANISATION, sheet, number, cells, report);
                h.warn_unknown(&ORGANISATION, report);
                if let (Some(field), Some(value)) = (h.cols[org::FIELD], h.cols[org::VALUE]) {
                    cols = Some(Columns { field, value });
                }
                header = Some(h);
                return if cols.is_some() { ControlFlow::Continue(()) } else { ControlFlow::Break(()) };
            }
            let first = &cells[0];
            let starts_with_field = cells::as_text(first.get_value())
                .is_some_and(|t| schema::named(ORG_FIELDS.iter().map(|f| (f.name.name(), f.aliases)), &t).is_some());
            if !starts_with_field {
                let h = Header::read(&ORGANISATION, sheet, number, cells, report);
                h.check_required(&ORGANISATION, cells, report, |_| false);
                return ControlFlow::Break(());
            }
            let c = Columns { field: first.get_position().1, value: first.get_position().1 + 1 };
            cols = Some(c);
            read_row(sheet, number, cells, c, &mut seen, &mut values, report);
            return ControlFlow::Continue(());
        };
        read_row(sheet, number, cells, c, &mut seen, &mut values, report);
        ControlFlow::Continue(())
    })?;
    if !found_header {
        report.problem(Problem::sheet(
            sheet,
            "the sheet is empty; expected the columns field and value, with rows for name and reporting_year",
        ));
    }
    let organisation = if cols.is_some() { finish(sheet, &seen, values, report) } else { Organisation::default() };
    let cells = ORG_FIELDS.iter().zip(seen).filter_map(|(d, c)| c.map(|c| (d.name, c))).collect();
    Ok(OrganisationSheet { organisation, cells, header })
}

fn cell_at<'c, 'd>(cells: &'c RowCells<'d>, col: u32) -> Option<&'c DataRef<'d>> {
    cells.iter().find(|c| c.get_position().1 == col).map(|c| c.get_value())
}

fn read_row(
    sheet: &str,
    number: u32,
    cells: &RowCells<'_>,
    cols: Columns,
    seen: &mut [Option<CellRef>; f::COUNT],
    values: &mut Values,
    report: &mut Report<'_>,
) {
    let field_cell = CellRef::new(sheet, number, cols.field);
    let value_cell = CellRef::new(sheet, number, cols.value);
    let value = cell_at(cells, cols.value);
    let Some(field) = cell_at(cells, cols.field) else {
        if value.is_some() {
            report.warning(
                Problem::at(value_cell, "a value without a field name is ignored").with_zh("无字段名的值被忽略"),
            );
        }
        return;
    };
    let Some(name) = cells::as_text(field) else {
        report.warning(
            Problem::at(
                field_cell,
                format!("field name expected, found {}; the row is ignored", cells::describe(field)),
            )
            .with_zh(format!("此处应为字段名，实为 {}：该行被忽略", cells::describe(field))),
        );
        return;
    };
    let Some(i) = schema::named(ORG_FIELDS.iter().map(|f| (f.name.name(), f.aliases)), &name) else {
        let fields = ORG_FIELDS.iter().map(|f| f.name.name()).collect::<Vec<_>>().join(", ");
        report.warning(
            Problem::at(field_cell, format!("unknown field \"{name}\" is ignored; the fields are {fields}"))
                .with_zh(format!("无法识别的字段“{name}”被忽略；可用字段为 {fields}")),
        );
        return;
    };
    let def = &ORG_FIELDS[i];
    if let Some(first) = &seen[i] {
        report.problem(Problem::at(
            field_cell,
            format!("field {} is given twice (first at {}); keep one", def.name, first.with_col(cols.field)),
        ));
        return;
    }
    seen[i] = Some(value_cell.clone());
    let Some(v) = value else {
        if def.required {
            report.problem(Problem::at(value_cell, format!("{} is required, found an empty cell", def.name)));
        }
        return;
    };
    values.given[i] = true;
    let mut bad = |expected: &str| {
        report.problem(Problem::at(
            value_cell.clone(),
            format!("{} must be {expected}, found {}", def.name, cells::describe(v)),
        ));
    };
    let text = cells::as_text(v);
    match i {
        f::NAME => match text {
            Some(t) => values.name = Some(t),
            None => bad("text"),
        },
        f::REPORTING_YEAR | f::BASE_YEAR | f::TARGET_YEAR => match date::year(v) {
            Some(y) if i == f::REPORTING_YEAR => values.year = Some(y),
            Some(y) if i == f::BASE_YEAR => values.base_year = Some(y),
            Some(y) => values.target_year = Some(y),
            None => bad("a year such as 2024"),
        },
        f::METHODOLOGY => match text.as_deref().and_then(method::by_id) {
            Some(m) => values.methodology = Some(m.id().to_owned()),
            None => bad(&format!("one of {}", method::ids())),
        },
        f::GWP => match text.as_deref().map(str::parse::<GwpSet>) {
            Some(Ok(g)) => values.gwp = Some(g),
            _ => bad("SAR, AR4, AR5 or AR6"),
        },
        f::MARKET_UNCOVERED => match text.as_deref().map(str::parse::<UncoveredConsumption>) {
            Some(Ok(m)) => values.market_uncovered = Some(m),
            _ => bad("residual or location"),
        },
        f::CURRENCY => match text.as_deref().map(str::parse::<Currency>) {
            Some(Ok(c)) => values.currency = Some(c),
            _ => bad("a three-letter ISO 4217 code such as CNY or EUR"),
        },
        f::ELECTRICITY_BASIS => match text.as_deref().map(electricity_basis) {
            Some(Some(equal)) => values.equal_basis = Some(equal),
            _ => bad("equivalent (当量值) or equal (等价值)"),
        },
        f::ELECTRICITY_BASIS_SOURCE => match text {
            Some(t) => values.basis_source = Some(t),
            None => bad("text"),
        },
        _ => {
            if let Err(why @ NotANumber::OutOfRange(_)) = number_of(v, false) {
                report.problem(Problem::at(value_cell, not_a_number(def.name.name(), "a number > 0", v, why)));
                return;
            }
            let d = decimal_of(v, false).filter(|d| d.is_sign_positive() && !d.is_zero());
            match (i, d) {
                (f::ELECTRICITY_TCE_PER_MWH, Some(d)) => values.tce_per_mwh = Some(d),
                (f::BASE_TCE, Some(d)) => values.base_tce = Some(d),
                (f::BASE_CO2E, Some(d)) => values.base_co2e = Some(d),
                (f::TARGET_TCE, Some(d)) => values.target_tce = Some(d),
                (f::TARGET_CO2E, Some(d)) => values.target_co2e = Some(d),
                _ => bad("a number > 0"),
            }
        }
    }
}

/// `Some(true)` for the equal-value basis, `Some(false)` for equivalent value.
fn electricity_basis(t: &str) -> Option<bool> {
    match schema::normalise(t).as_str() {
        "equivalent" | "equivalent_value" | "当量值" | "当量" => Some(false),
        "equal" | "equal_value" | "等价值" | "等价" => Some(true),
        _ => None,
    }
}

/// Checks what belongs together and builds the organisation.
fn finish(sheet: &str, seen: &[Option<CellRef>; f::COUNT], v: Values, report: &mut Report<'_>) -> Organisation {
    let at = |i: usize| seen[i].clone();
    let given = v.given;
    for (i, def) in ORG_FIELDS.iter().enumerate() {
        if def.required && seen[i].is_none() {
            report.problem(Problem::sheet(
                sheet,
                format!(
                    "field {} is missing: add a row with {} in the field column (also accepted: {})",
                    def.name,
                    def.name,
                    def.aliases.join(", ")
                ),
            ));
        }
    }
    let mut o = Organisation::new(v.name.unwrap_or_default(), v.year.unwrap_or(Organisation::default().reporting_year));
    if let Some(m) = v.methodology {
        o.methodology = m;
    }
    if let Some(m) = v.market_uncovered {
        o.scope2_market_uncovered = m;
    }
    if let Some(g) = v.gwp {
        o.gwp = g;
    }
    if let Some(c) = v.currency {
        o.currency = c;
    }
    match v.equal_basis {
        Some(true) => {
            let cell = at(f::ELECTRICITY_BASIS).unwrap_or_else(|| CellRef::new(sheet, 1, 0));
            let mut missing = Vec::new();
            if !given[f::ELECTRICITY_TCE_PER_MWH] {
                missing.push("electricity_tce_per_mwh (tce per MWh)");
            }
            if !given[f::ELECTRICITY_BASIS_SOURCE] {
                missing.push("electricity_basis_source (where the coefficient comes from)");
            }
            if !missing.is_empty() {
                report.problem(Problem::at(
                    cell,
                    format!("electricity_basis equal (等价值) needs the fields {}", missing.join(" and ")),
                ));
            }
            if let (Some(tce_per_mwh), Some(source)) = (v.tce_per_mwh, v.basis_source) {
                o.electricity_basis = ElectricityBasis::EqualValue { tce_per_mwh, source };
            }
        }
        _ => {
            for i in [f::ELECTRICITY_TCE_PER_MWH, f::ELECTRICITY_BASIS_SOURCE] {
                if let Some(cell) = at(i).filter(|_| given[i]) {
                    let coefficient =
                        ElectricityBasis::EquivalentValue.coefficient().map(|(v, _)| v).unwrap_or_default();
                    report.warning(
                        Problem::at(
                            cell,
                            format!(
                                "{} is ignored: electricity_basis is equivalent (当量值, {coefficient} tce/MWh); set electricity_basis to equal to use it",
                                ORG_FIELDS[i].name,
                            ),
                        )
                        .with_zh(format!(
                            "{} 被忽略：电力折标方式（electricity_basis）为当量值（{coefficient} 吨标准煤/兆瓦时）；如需采用，请将 electricity_basis 设为 equal（等价值）",
                            ORG_FIELDS[i].name,
                        )),
                    );
                }
            }
        }
    }
    let intensities = v.base_tce.is_some() || v.base_co2e.is_some();
    match (v.base_year, intensities) {
        (Some(year), true) => {
            o.base_year =
                Some(BaseYear { year, tce_per_10k_output_value: v.base_tce, t_co2e_per_10k_output_value: v.base_co2e });
        }
        (None, true) if !given[f::BASE_YEAR] => {
            let cell = at(f::BASE_TCE).or_else(|| at(f::BASE_CO2E));
            let msg = "base-year intensities need the field base_year (the year they are for)";
            report.problem(match cell {
                Some(c) => Problem::at(c, msg),
                None => Problem::sheet(sheet, msg),
            });
        }
        (Some(_), false) if !given[f::BASE_TCE] && !given[f::BASE_CO2E] => {
            if let Some(c) = at(f::BASE_YEAR) {
                report.warning(
                    Problem::at(
                        c,
                        "base_year has no effect without base_year_tce_per_10k_output_value or base_year_t_co2e_per_10k_output_value",
                    )
                    .with_zh("未给出 base_year_tce_per_10k_output_value 或 base_year_t_co2e_per_10k_output_value，基准年（base_year）不起作用"),
                );
            }
        }
        _ => {}
    }
    let targets = v.target_tce.is_some() || v.target_co2e.is_some();
    match (v.target_year, targets) {
        (Some(year), true) => {
            o.target = Some(BaseYear {
                year,
                tce_per_10k_output_value: v.target_tce,
                t_co2e_per_10k_output_value: v.target_co2e,
            });
        }
        (None, true) if !given[f::TARGET_YEAR] => {
            let cell = at(f::TARGET_TCE).or_else(|| at(f::TARGET_CO2E));
            let msg = "target intensities need the field target_year (the year they are for)";
            report.problem(match cell {
                Some(c) => Problem::at(c, msg),
                None => Problem::sheet(sheet, msg),
            });
        }
        (Some(_), false) if !given[f::TARGET_TCE] && !given[f::TARGET_CO2E] => {
            if let Some(c) = at(f::TARGET_YEAR) {
                report.warning(
                    Problem::at(
                        c,
                        "target_year has no effect without target_tce_per_10k_output_value or target_t_co2e_per_10k_output_value",
                    )
                    .with_zh("未给出 target_tce_per_10k_output_value 或 target_t_co2e_per_10k_output_value，目标年（target_year）不起作用"),
                );
            }
        }
        _ => {}
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_indices_name_their_fields() {
        let names: Vec<&str> = ORG_FIELDS.iter().map(|f| f.name.name()).collect();
        assert_eq!(names.len(), f::COUNT);
        assert_eq!(names[f::NAME], "name");
        assert_eq!(names[f::REPORTING_YEAR], "reporting_year");
        assert_eq!(names[f::METHODOLOGY], "methodology");
        assert_eq!(names[f::GWP], "gwp");
        assert_eq!(names[f::CURRENCY], "currency");
        assert_eq!(names[f::ELECTRICITY_BASIS], "electricity_basis");
        assert_eq!(names[f::ELECTRICITY_TCE_PER_MWH], "electricity_tce_per_mwh");
        assert_eq!(names[f::ELECTRICITY_BASIS_SOURCE], "electricity_basis_source");
        assert_eq!(names[f::BASE_YEAR], "base_year");
        assert_eq!(names[f::BASE_TCE], "base_year_tce_per_10k_output_value");
        assert_eq!(names[f::BASE_CO2E], "base_year_t_co2e_per_10k_output_value");
        assert_eq!(names[f::TARGET_YEAR], "target_year");
        assert_eq!(names[f::TARGET_TCE], "target_tce_per_10k_output_value");
        assert_eq!(names[f::TARGET_CO2E], "target_t_co2e_per_10k_output_value");
        assert_eq!(electricity_basis("等价值"), Some(true));
        assert_eq!(electricity_basis("Equivalent"), Some(false));
    }
}
