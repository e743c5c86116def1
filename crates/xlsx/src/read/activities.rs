//! The Activities sheet: one activity record per row.
//!
//! A unit written in brackets in the quantity header (`Quantity (t)`,
//! `消耗量（吨）`) applies to rows whose unit cell is empty, and the unit
//! column may then be left out; likewise a calorific-value unit in the ncv
//! header (`ncv (GJ/t)`, `低位发热量（GJ/t）`) applies when `ncv_unit` is empty.

use carbonbook_core::inventory::{Activity, Measured};
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::units::{Dimension, Quantity, Rate, Unit};

use super::facilities::FacilityIds;
use super::header::Header;
use super::report::Report;
use super::row::{Memo, Row, Sign};
use super::schema::act;

/// Turns Activities rows into [`Activity`] records.
#[derive(Debug, Default)]
pub(crate) struct Activities {
    /// Unit from the quantity header.
    unit: Option<Unit>,
    /// Calorific-value unit from the ncv header.
    ncv_unit: Option<Rate>,
    sources: Memo<SourceCategory>,
    units: Memo<Unit>,
    rates: Memo<Rate>,
}

impl Activities {
    /// The defaults a header gives.
    pub(crate) fn new(header: &Header) -> Activities {
        Activities {
            unit: header_unit(header),
            ncv_unit: header_ncv_unit(header),
            sources: Memo::default(),
            units: Memo::default(),
            rates: Memo::default(),
        }
    }

    /// Reads one row; `ids` as for Production.
    pub(crate) fn read_row(
        &mut self,
        row: &mut Row<'_, '_, '_>,
        report: &mut Report<'_>,
        ids: Option<&mut FacilityIds>,
    ) -> Option<Activity> {
        let facility_id = row.text(report, act::FACILITY_ID);
        if let (Some(ids), Some(id)) = (ids, &facility_id) {
            ids.check(row, report, act::FACILITY_ID, id);
        }
        let source = row.parse_memo(report, act::SOURCE, &mut self.sources);
        let activity = row.text(report, act::ACTIVITY);
        let quantity = row.decimal(report, act::QUANTITY, Sign::NonNegative);
        let unit = if row.has(act::UNIT) { row.parse_memo(report, act::UNIT, &mut self.units) } else { self.unit };
        let period = row.period(report, act::PERIOD);
        let ncv = row.decimal(report, act::NCV, Sign::Positive);
        let ncv_unit = self.ncv_unit(row, report, ncv.is_some());
        let carbon_content = row.decimal(report, act::CARBON_CONTENT, Sign::NonNegative);
        let oxidation = row.fraction(report, act::OXIDATION_FACTOR);
        let contractual_factor = row.decimal(report, act::CONTRACTUAL_FACTOR, Sign::NonNegative);
        let biomass_fraction = row.fraction(report, act::BIOMASS_FRACTION);
        let density = row.decimal(report, act::DENSITY, Sign::Positive);
        let density_unit =
            if row.has(act::DENSITY_UNIT) { row.parse_memo(report, act::DENSITY_UNIT, &mut self.rates) } else { None };
        if density.is_some() && !row.has(act::DENSITY_UNIT) {
            row.fail(report, act::DENSITY_UNIT, "density_unit is required with density: kg/L, t/m3 or kg/m3");
        }
        let enthalpy = row.decimal(report, act::ENTHALPY, Sign::Positive);
        let water_temperature = row.decimal(report, act::WATER_TEMPERATURE, Sign::Positive);
        if let (Some(s), Some(_)) = (source, contractual_factor)
            && s != SourceCategory::PurchasedElectricity
        {
            row.fail(
                report,
                act::CONTRACTUAL_FACTOR,
                format!("contractual_factor applies to purchased_electricity only; this row's source is {s}"),
            );
        }
        if row.failed {
            return None;
        }
        Some(Activity {
            row: Some(row.number),
            facility_id: facility_id?,
            source: source?,
            activity: activity?,
            quantity: Quantity::new(quantity?, unit?),
            period,
            measured: Measured {
                ncv: match (ncv, ncv_unit) {
                    (Some(v), Some(r)) => Some(r.with_value(v)),
                    _ => None,
                },
                carbon_content,
                oxidation,
            },
            contractual_factor,
            biomass_fraction,
            density: match (density, density_unit) {
                (Some(v), Some(u)) => Some(u.with_value(v)),
                _ => None,
            },
            enthalpy,
            water_temperature,
        })
    }

    /// The unit of a measured calorific value: the cell, else the header's.
    fn ncv_unit(&mut self, row: &mut Row<'_, '_, '_>, report: &mut Report<'_>, has_ncv: bool) -> Option<Rate> {
        if !row.has(act::NCV_UNIT) {
            if has_ncv && self.ncv_unit.is_none() {
                row.fail(
                    report,
                    act::NCV_UNIT,
                    "ncv_unit is required when ncv is given, e.g. GJ/t or GJ/10^4 m3, found an empty cell",
                );
            }
            return self.ncv_unit;
        }
        let rate = row.parse_memo(report, act::NCV_UNIT, &mut self.rates)?;
        if rate.numerator().dimension() != Dimension::Energy {
            let msg = format!(
                "ncv_unit must be an energy per activity unit such as GJ/t or GJ/10^4 m3, found \"{}/{}\"",
                rate.numerator(),
                rate.denominator()
            );
            row.fail(report, act::NCV_UNIT, msg);
            return None;
        }
        Some(rate)
    }
}

/// The unit in brackets in the quantity header, if it is one.
pub(crate) fn header_unit(header: &Header) -> Option<Unit> {
    header.brackets.get(act::QUANTITY)?.as_deref()?.parse().ok()
}

fn header_ncv_unit(header: &Header) -> Option<Rate> {
    let rate: Rate = header.brackets.get(act::NCV)?.as_deref()?.parse().ok()?;
    (rate.numerator().dimension() == Dimension::Energy).then_some(rate)
}
