//! Energy use and intensity per GB/T 2589-2020 (`energy`): consumption by
//! carrier in physical units and in tonnes of standard coal equivalent
//! (stating the electricity basis), comprehensive energy consumption, tce
//! per 10,000 of output value and per unit of product, and the change
//! against the base year and against an intensity target when given.

use carbonbook_core::Results;
use carbonbook_core::arithmetic::{self, ArithmeticError};
use carbonbook_core::calculation::ActivityTotal;
use carbonbook_core::factors::Parameter;
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::units::{Quantity, Unit, UnitError};
use rust_decimal::Decimal;

use super::{Block, Builder, Cell, Chart, ChartKind, Fact, Report, Row, RowKind, Section, Series, Table};
use crate::labels::Label;
use crate::options::{Kind, ReportOptions};

/// Builds the energy report.
pub fn build(results: &Results, options: &ReportOptions) -> Result<Report, crate::ReportError> {
    let b = Builder::new(results, options);
    let title = b.fill(Label::TitleEnergy, &[&results.organisation.reporting_year]);
    let mut sections = vec![
        Section { id: "organisation", title: b.t(Label::OrganisationTitle), blocks: vec![b.organisation_facts()] },
        basis(&b),
        carriers(&b),
        comprehensive(&b),
    ];
    let mut blocks = vec![Block::Table(super::inventory::intensity_table(&b, false))];
    if let Some(t) = super::inventory::product_table(&b, false) {
        blocks.push(Block::Table(t));
    }
    sections.push(Section { id: "intensity", title: b.t(Label::EnergyIntensityTitle), blocks });
    let comparison =
        super::inventory::base_year_blocks(&b, false).unwrap_or_else(|| vec![b.para(Label::NoBaseYear, &[])]);
    sections.push(Section { id: "base_year", title: b.t(Label::BaseYearTitle), blocks: comparison });
    let target = super::inventory::target_blocks(&b, false).unwrap_or_else(|| vec![b.para(Label::NoTarget, &[])]);
    sections.push(Section { id: "target", title: b.t(Label::TargetTitle), blocks: target });
    sections.push(Section {
        id: "factors",
        title: b.t(Label::FactorsTitle),
        blocks: vec![Block::Table(b.factor_table())],
    });
    sections.push(b.warnings_section(Vec::new()));
    b.report(Kind::Energy, title, sections)
}

fn basis(b: &Builder<'_>) -> Section {
    let facts = vec![
        Fact { label: b.t(Label::Standard), value: b.t(Label::Gbt2589) },
        Fact { label: b.t(Label::StandardCoalDefinition), value: b.t(Label::StandardCoalDefinitionValue) },
        Fact { label: b.t(Label::ElectricityBasis), value: b.electricity_basis() },
        Fact { label: b.t(Label::ConversionRule), value: b.t(Label::ConversionRuleValue) },
    ];
    Section { id: "basis", title: b.t(Label::ConversionBasisTitle), blocks: vec![Block::Facts(facts)] }
}

/// Whether a group is energy use: a combustion or purchased-energy source,
/// or any source with standard coal.
fn is_energy(a: &ActivityTotal) -> bool {
    !matches!(a.source, SourceCategory::Process | SourceCategory::Fugitive) || !a.tce.is_zero()
}

/// One energy carrier of the book: an activity key with its quantities in
/// one unit (diesel in t and in kg is one line, in t), its energy and its
/// standard coal. A key entered in units of different dimensions (diesel in
/// t and in litres, which only a density relates) stays one line per
/// dimension.
pub(crate) struct Carrier<'r> {
    /// The activity key.
    pub(crate) activity: &'r str,
    /// The unit of the first of its rows; the others are converted into it.
    pub(crate) unit: Unit,
    /// Quantity in `unit`.
    pub(crate) quantity: Decimal,
    /// Energy, GJ.
    pub(crate) energy_gj: Decimal,
    /// Standard coal, tce.
    pub(crate) tce: Decimal,
    /// The activity totals it adds up.
    pub(crate) parts: Vec<&'r ActivityTotal>,
}

/// The book's energy carriers, in book order (the summary JSON's
/// `energy_by_carrier`, the energy report's carrier table).
pub(crate) fn carriers_of(r: &Results) -> Result<Vec<Carrier<'_>>, ArithmeticError> {
    let mut out: Vec<Carrier<'_>> = Vec::new();
    for a in r.by_activity.iter().filter(|a| is_energy(a)) {
        match out.iter_mut().find(|c| c.activity == a.activity && c.unit.dimension() == a.unit.dimension()) {
            Some(c) => {
                let q = Quantity::new(a.quantity, a.unit).to(c.unit).map_err(|e| match e {
                    UnitError::Arithmetic(e) => e,
                    _ => ArithmeticError::Overflow,
                })?;
                c.quantity = arithmetic::add(c.quantity, q.value())?;
                c.energy_gj = arithmetic::add(c.energy_gj, a.energy_gj)?;
                c.tce = arithmetic::add(c.tce, a.tce)?;
                c.parts.push(a);
            }
            None => out.push(Carrier {
                activity: &a.activity,
                unit: a.unit,
                quantity: a.quantity,
                energy_gj: a.energy_gj,
                tce: a.tce,
                parts: vec![a],
            }),
        }
    }
    Ok(out)
}

fn carriers(b: &Builder<'_>) -> Section {
    let r = b.results;
    let lib = &r.library;
    let groups = b.checked(carriers_of(r));
    let mut rows = Vec::new();
    let mut mix = Vec::new();
    for (i, c) in groups.iter().enumerate() {
        let (key, parts) = (c.activity, &c.parts);
        let at = |field: &str| format!("/energy_by_carrier/{i}/{field}");
        let mut coefficients: Vec<String> = Vec::new();
        let mut refs = Vec::new();
        for a in parts {
            for f in &a.factors {
                if !refs.contains(f) {
                    refs.push(*f);
                }
                let factor = lib.factor(*f);
                if matches!(factor.parameter, Parameter::StandardCoalCoefficient) {
                    let text = format!("{} {}", factor.value, factor.unit_text);
                    if !coefficients.contains(&text) {
                        coefficients.push(text);
                    }
                }
            }
        }
        let basis = if !coefficients.is_empty() {
            coefficients.join("; ")
        } else if c.tce.is_zero() {
            b.t(Label::NotCounted)
        } else {
            b.t(Label::ByCalorificValue)
        };
        let tce = c.tce;
        let tce_cell = b.at(tce, at("tce"));
        let tce_source = tce_cell.figure().and_then(|f| f.source.clone());
        rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(b.activity_name(key)),
                b.at(c.quantity, at("quantity")),
                Cell::Text(b.unit_name(c.unit)),
                b.at(c.energy_gj, at("energy_gj")),
                Cell::Text(basis),
                tce_cell,
                Cell::Text(if refs.is_empty() && parts.iter().any(|a| a.measured_lines > 0) {
                    b.t(Label::Measured)
                } else {
                    refs.iter().map(|r| b.factor_number(*r)).collect::<Vec<_>>().join(", ")
                }),
            ],
        });
        mix.push((format!("{} ({})", b.activity_name(key), b.unit_name(c.unit)), b.figure(tce, tce_source)));
    }
    let all_energy = groups.iter().map(|c| c.energy_gj).fold(Decimal::ZERO, |x, y| b.plus(x, y));
    let energy_sources: Vec<String> = SourceCategory::ALL
        .into_iter()
        .filter(|s| !matches!(s, SourceCategory::Process | SourceCategory::Fugitive))
        .map(|s| s.key().to_owned())
        .collect();
    let process_energy: Decimal = r
        .by_activity
        .iter()
        .filter(|a| matches!(a.source, SourceCategory::Process | SourceCategory::Fugitive) && is_energy(a))
        .map(|a| a.energy_gj)
        .fold(Decimal::ZERO, |x, y| b.plus(x, y));
    let energy_cell = if process_energy.is_zero() {
        b.activity_sum(all_energy, &[("source", energy_sources)], "energy_gj")
    } else {
        b.fig(all_energy, None)
    };
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::Text(b.t(Label::ComprehensiveEnergy)),
            Cell::Empty,
            Cell::Empty,
            energy_cell,
            Cell::Empty,
            b.at(r.summary.totals.energy_tce, "/totals/energy_tce"),
            Cell::Empty,
        ],
    });
    let mut table = Table {
        id: "carriers",
        caption: b.t(Label::CarriersCaption),
        columns: vec![
            b.text_col(Label::Carrier),
            b.fig_col(Label::Consumption, ""),
            b.text_col(Label::Unit),
            b.fig_col(Label::EnergyContent, "GJ"),
            b.text_col(Label::ConversionCoefficient),
            b.fig_col(Label::StandardCoal, "tce"),
            b.text_col(Label::Factors),
        ],
        rows,
        notes: vec![b.fill(Label::NoteElectricityBasis, &[&b.electricity_basis()]), b.t(Label::NoteEnergyContent)],
    };
    b.close(&mut table, &[3, 5]);
    let chart = Chart {
        id: "energy_mix",
        kind: ChartKind::Bar,
        title: b.t(Label::ChartEnergyMix),
        unit: "tce".to_owned(),
        categories: mix.iter().map(|(k, _)| k.clone()).collect(),
        series: vec![Series { name: b.t(Label::StandardCoal), values: mix.into_iter().map(|(_, f)| f).collect() }],
    };
    Section { id: "carriers", title: b.t(Label::CarriersTitle), blocks: vec![Block::Table(table), Block::Chart(chart)] }
}

fn comprehensive(b: &Builder<'_>) -> Section {
    let r = b.results;
    let mut rows: Vec<Row> = r
        .facility_ids
        .iter()
        .enumerate()
        .map(|(i, id)| Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(id.clone()),
                b.at(r.summary.facility(i).energy_tce, format!("/facilities/{i}/energy_tce")),
            ],
        })
        .collect();
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![Cell::Text(b.t(Label::Total)), b.at(r.summary.totals.energy_tce, "/totals/energy_tce")],
    });
    let mut table = Table {
        id: "comprehensive",
        caption: b.t(Label::ComprehensiveCaption),
        columns: vec![b.text_col(Label::Facility), b.fig_col(Label::ComprehensiveEnergy, "tce")],
        rows,
        notes: Vec::new(),
    };
    b.close(&mut table, &[1]);
    Section {
        id: "comprehensive",
        title: b.t(Label::ComprehensiveTitle),
        blocks: vec![b.para(Label::ComprehensiveIntro, &[]), Block::Table(table)],
    }
}
