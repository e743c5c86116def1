//! The enterprise GHG emission report laid out in the parts of the report
//! format of GB/T 32150-2015 (its informative appendix) and the MEE
//! industry guidelines' reporting template (`cn-ghg`, Chinese by default):
//! 报告主体基本信息, 温室气体排放量汇总, 活动数据及来源, 排放因子数据及来源,
//! 生产及产值信息, 其他说明, 真实性声明 (signature and seal), and an annex of
//! the run's warnings.

use carbonbook_core::Results;
use carbonbook_core::calculation::ActivityTotal;
use carbonbook_core::factors::Parameter;
use carbonbook_core::scope::SourceCategory;
use rust_decimal::Decimal;

use super::{Block, Builder, Cell, Chart, ChartKind, Fact, Report, Row, RowKind, Section, Series, Table};
use crate::labels::Label;
use crate::options::{Kind, ReportOptions};

const COMBUSTION: [SourceCategory; 2] = [SourceCategory::StationaryCombustion, SourceCategory::MobileCombustion];
const PROCESS: [SourceCategory; 2] = [SourceCategory::Process, SourceCategory::Fugitive];
const PURCHASED: [SourceCategory; 2] = [SourceCategory::PurchasedElectricity, SourceCategory::PurchasedHeat];

/// Builds the GB/T 32150 report, in the parts of the standard's report
/// format: the reporting entity, the emission summary, activity data and
/// their sources, emission factors and their sources, production and output
/// value, other information, and the declaration of truthfulness with its
/// signature and seal; the run's warnings in an annex.
pub fn build(results: &Results, options: &ReportOptions) -> Result<Report, crate::ReportError> {
    let b = Builder::new(results, options);
    let title = b.fill(Label::TitleCnGhg, &[&results.organisation.reporting_year]);
    let mut entity = enterprise(&b);
    entity.id = "entity";
    entity.title = b.t(Label::CnEntityTitle);
    entity.blocks.extend(boundary(&b).blocks);
    let mut summary = totals(&b);
    summary.title = b.t(Label::CnTotalsTitle);
    let source = if options.source_name.is_empty() { "—".to_owned() } else { options.source_name.clone() };
    let mut activity = vec![b.para(Label::CnActivitySource, &[&source])];
    for part in [combustion(&b), process(&b), purchased(&b)] {
        activity.extend(part.blocks);
    }
    activity.push(Block::Table(b.activity_table(
        "activity_data",
        Label::ActivityDataCaption,
        &super::EMISSION_SOURCES,
    )));
    let mut production = vec![Block::Table(super::inventory::intensity_table(&b, true))];
    production.extend(super::inventory::product_table(&b, true).map(Block::Table));
    let exclusions = b.emission_exclusions();
    let mut other = vec![b.para(Label::ExclusionsIntro, &[])];
    other.extend(exclusions.into_iter().map(Block::Note));
    let sections = vec![
        entity,
        summary,
        Section { id: "activity_data", title: b.t(Label::CnActivityTitle), blocks: activity },
        Section {
            id: "factors",
            title: b.t(Label::CnFactorsTitle),
            blocks: vec![b.para(Label::CnFactorsIntro, &[]), Block::Table(b.factor_table())],
        },
        Section { id: "production", title: b.t(Label::CnProductionTitle), blocks: production },
        Section { id: "other", title: b.t(Label::CnOtherTitle), blocks: other },
        Section {
            id: "declaration",
            title: b.t(Label::CnDeclarationTitle),
            blocks: vec![
                b.para(Label::CnDeclaration, &[]),
                Block::Facts(vec![
                    Fact { label: b.t(Label::LegalRepresentative), value: b.t(Label::SignatureBlank) },
                    Fact { label: b.t(Label::EntitySeal), value: b.t(Label::SignatureBlank) },
                    Fact { label: b.t(Label::SignatureDate), value: b.t(Label::DateBlank) },
                ]),
            ],
        },
        b.warnings_section(Vec::new()),
    ];
    b.report(Kind::CnGhg, title, sections)
}

fn enterprise(b: &Builder<'_>) -> Section {
    let Block::Facts(mut facts) = b.organisation_facts() else { unreachable!("organisation facts are facts") };
    facts.extend(b.methodology_facts());
    Section {
        id: "enterprise",
        title: b.t(Label::EnterpriseTitle),
        blocks: vec![Block::Facts(facts), Block::Table(b.facility_table())],
    }
}

fn boundary(b: &Builder<'_>) -> Section {
    let r = b.results;
    let sep = b.list_separator();
    let sources: Vec<String> = r.summary.by_source.iter().map(|(s, _)| b.source(*s)).collect();
    let gases: Vec<&str> = r.summary.by_gas.iter().map(|g| g.gas).collect();
    let rows = r
        .facility_ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let mut present: Vec<SourceCategory> =
                r.by_activity.iter().filter(|a| a.facility == i).map(|a| a.source).collect();
            present.dedup();
            let list: Vec<String> = present.into_iter().map(|s| b.source(s)).collect();
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(id.clone()),
                    if list.is_empty() { Cell::Text(b.t(Label::NoActivityData)) } else { Cell::Text(list.join(sep)) },
                ],
            }
        })
        .collect();
    Section {
        id: "boundary",
        title: b.t(Label::BoundaryTitle),
        blocks: vec![
            b.para(Label::BoundaryCnGhg, &[&r.facility_ids.len(), &b.facility_list()]),
            Block::Facts(vec![
                Fact { label: b.t(Label::SourcesCovered), value: sources.join(sep) },
                Fact { label: b.t(Label::GasesCovered), value: gases.join(sep) },
            ]),
            Block::Table(Table {
                id: "boundary",
                caption: b.t(Label::BoundaryCaption),
                columns: vec![b.text_col(Label::Facility), b.text_col(Label::SourcesCovered)],
                rows,
                notes: Vec::new(),
            }),
        ],
    }
}

fn is_ncv(p: &Parameter) -> bool {
    matches!(p, Parameter::NetCalorificValue | Parameter::HigherHeatingValue)
}

fn is_carbon(p: &Parameter) -> bool {
    matches!(p, Parameter::CarbonContent)
}

fn is_oxidation(p: &Parameter) -> bool {
    matches!(p, Parameter::OxidationFactor)
}

fn is_emission_factor(p: &Parameter) -> bool {
    matches!(p, Parameter::EmissionFactor(_))
}

/// Total row of emissions over some activity groups, by source.
fn total_row(
    b: &Builder<'_>,
    sources: &[SourceCategory],
    groups: &[&ActivityTotal],
    width: usize,
    cols: &[(usize, &str)],
) -> Row {
    let mut cells = vec![Cell::Empty; width];
    cells[0] = Cell::Text(b.t(Label::Total));
    let keys = vec![("source", sources.iter().map(|s| s.key().to_owned()).collect::<Vec<_>>())];
    for (c, field) in cols {
        let v = groups
            .iter()
            .map(|a| match *field {
                "t_co2e_market" => a.t_co2e_market,
                _ => a.t_co2e,
            })
            .fold(Decimal::ZERO, |x, y| b.plus(x, y));
        cells[*c] = b.activity_sum(v, &keys, field);
    }
    Row { kind: RowKind::Total, cells }
}

/// The CO2 factor a fuel's rows come to, t CO2 per unit of consumption, to
/// four decimals (a presentation of two of the row's figures, not a factor
/// of the library).
fn derived_factor(b: &Builder<'_>, co2: Decimal, a: &ActivityTotal) -> Cell {
    match carbonbook_core::arithmetic::div(co2, a.quantity) {
        Ok(ef) if !a.quantity.is_zero() => Cell::Text(b.fill(
            Label::DerivedFactor,
            &[
                &ef.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
                &b.unit_name(a.unit),
            ],
        )),
        _ => Cell::Empty,
    }
}

/// A calorific value measured throughout: the one the rows come to
/// (energy ÷ consumption), to three decimals, marked measured.
fn measured_ncv(b: &Builder<'_>, a: &ActivityTotal) -> Option<Cell> {
    let ncv = carbonbook_core::arithmetic::div(a.energy_gj, a.quantity).ok().filter(|_| !a.energy_gj.is_zero())?;
    Some(Cell::Text(b.fill(
        Label::MeasuredNcv,
        &[&ncv.round_dp_with_strategy(3, rust_decimal::RoundingStrategy::MidpointAwayFromZero), &b.unit_name(a.unit)],
    )))
}

fn combustion(b: &Builder<'_>) -> Section {
    let groups = b.activities_of(&COMBUSTION);
    let mut rows = Vec::new();
    for a in &groups {
        let f = b.activity_filter(a);
        let co2 = a
            .gases
            .iter()
            .filter(|(g, _)| g.symbol() == "CO2")
            .map(|(_, t)| *t)
            .fold(Decimal::ZERO, |x, y| b.plus(x, y));
        rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(b.facility_id(a.facility).to_owned()),
                Cell::Text(b.activity_name(&a.activity)),
                b.activity_sum(a.quantity, &f, "quantity"),
                Cell::Text(b.unit_name(a.unit)),
                match b.parameter(a, is_ncv, true) {
                    Cell::Text(t) if t == b.t(Label::Measured) => measured_ncv(b, a).unwrap_or(Cell::Text(t)),
                    c => c,
                },
                b.parameter(a, is_carbon, true),
                b.parameter(a, is_oxidation, true),
                match b.parameter(a, is_emission_factor, false) {
                    // No published factor: GB/T 32150 computes one from the
                    // parameters; shown as emissions ÷ consumption.
                    Cell::Empty => derived_factor(b, co2, a),
                    given => given,
                },
                b.activity_sum(co2, &f, "gases.CO2"),
                b.activity_sum(a.t_co2e, &f, "t_co2e"),
                Cell::Text(b.factor_numbers(a)),
            ],
        });
    }
    rows.push(total_row(b, &COMBUSTION, &groups, 11, &[(9, "t_co2e")]));
    let mut table = Table {
        id: "combustion",
        caption: b.t(Label::CombustionCaption),
        columns: vec![
            b.text_col(Label::Facility),
            b.text_col(Label::Fuel),
            b.fig_col(Label::Consumption, ""),
            b.text_col(Label::Unit),
            b.text_col(Label::Ncv),
            b.text_col(Label::CarbonContent),
            b.text_col(Label::OxidationRate),
            b.text_col(Label::EmissionFactor),
            b.fig_col(Label::Co2, "t"),
            b.fig_col(Label::Emissions, "t CO2e"),
            b.text_col(Label::Factors),
        ],
        rows,
        notes: vec![b.t(Label::NoteCombustionFormula), b.t(Label::NoteMeasured)],
    };
    b.close(&mut table, &[8, 9]);
    Section { id: "combustion", title: b.t(Label::CombustionTitle), blocks: vec![Block::Table(table)] }
}

fn process(b: &Builder<'_>) -> Section {
    let groups = b.activities_of(&PROCESS);
    if groups.is_empty() {
        return Section { id: "process", title: b.t(Label::ProcessTitle), blocks: vec![b.para(Label::NoProcess, &[])] };
    }
    let mut rows = Vec::new();
    for a in &groups {
        let f = b.activity_filter(a);
        rows.push(Row {
            kind: RowKind::Data,
            cells: [
                b.activity_lead(a, &f),
                vec![
                    b.parameter(a, is_emission_factor, false),
                    b.activity_sum(a.t_co2e, &f, "t_co2e"),
                    Cell::Text(b.factor_numbers(a)),
                ],
            ]
            .concat(),
        });
    }
    rows.push(total_row(b, &PROCESS, &groups, 8, &[(6, "t_co2e")]));
    let mut table = Table {
        id: "process",
        caption: b.t(Label::ProcessCaption),
        columns: vec![
            b.text_col(Label::Facility),
            b.text_col(Label::SourceCategory),
            b.text_col(Label::Activity),
            b.fig_col(Label::ActivityData, ""),
            b.text_col(Label::Unit),
            b.text_col(Label::EmissionFactor),
            b.fig_col(Label::Emissions, "t CO2e"),
            b.text_col(Label::Factors),
        ],
        rows,
        notes: vec![b.t(Label::NoteProcessFormula)],
    };
    b.close(&mut table, &[6]);
    Section { id: "process", title: b.t(Label::ProcessTitle), blocks: vec![Block::Table(table)] }
}

fn purchased(b: &Builder<'_>) -> Section {
    let groups = b.activities_of(&PURCHASED);
    let mut rows = Vec::new();
    for a in &groups {
        let f = b.activity_filter(a);
        rows.push(Row {
            kind: RowKind::Data,
            cells: [
                b.activity_lead(a, &f),
                vec![
                    b.parameter(a, is_emission_factor, false),
                    b.activity_sum(a.t_co2e, &f, "t_co2e"),
                    b.activity_sum(a.t_co2e_market, &f, "t_co2e_market"),
                    Cell::Text(b.factor_numbers(a)),
                ],
            ]
            .concat(),
        });
    }
    rows.push(total_row(b, &PURCHASED, &groups, 9, &[(6, "t_co2e"), (7, "t_co2e_market")]));
    let mut table = Table {
        id: "purchased",
        caption: b.t(Label::PurchasedCaption),
        columns: vec![
            b.text_col(Label::Facility),
            b.text_col(Label::SourceCategory),
            b.text_col(Label::Activity),
            b.fig_col(Label::ActivityData, ""),
            b.text_col(Label::Unit),
            b.text_col(Label::EmissionFactor),
            b.fig_col(Label::LocationBased, "t CO2e"),
            b.fig_col(Label::MarketBased, "t CO2e"),
            b.text_col(Label::Factors),
        ],
        rows,
        notes: vec![b.t(Label::NotePurchasedFormula), b.t(b.market_note())],
    };
    b.close(&mut table, &[6, 7]);
    Section { id: "purchased", title: b.t(Label::PurchasedTitle), blocks: vec![Block::Table(table)] }
}

fn totals(b: &Builder<'_>) -> Section {
    let r = b.results;
    let source_value = |s: SourceCategory| -> Cell {
        let i = b.by_source_index(s);
        let t = i.and_then(|i| r.summary.by_source.get(i)).map(|(_, t)| *t).unwrap_or_default();
        let (v, field) = match s.scope() {
            carbonbook_core::scope::Scope::Scope1 => (t.scope1_t_co2e, "scope1_t_co2e"),
            carbonbook_core::scope::Scope::Scope2 => (t.scope2_location_t_co2e, "scope2_location_t_co2e"),
            carbonbook_core::scope::Scope::Exported => (t.exported_t_co2e, "exported_t_co2e"),
        };
        match i {
            Some(i) => b.at(v, format!("/by_source/{i}/{field}")),
            None => b.activity_sum(Decimal::ZERO, &[("source", vec![s.key().to_owned()])], "t_co2e"),
        }
    };
    let combustion: Decimal =
        b.activities_of(&COMBUSTION).iter().map(|a| a.t_co2e).fold(Decimal::ZERO, |x, y| b.plus(x, y));
    let mut rows = vec![Row {
        kind: RowKind::Data,
        cells: vec![
            Cell::Text(b.t(Label::CombustionTitle)),
            b.activity_sum(
                combustion,
                &[("source", COMBUSTION.iter().map(|s| s.key().to_owned()).collect())],
                "t_co2e",
            ),
        ],
    }];
    let mut categories = vec![(Label::ProcessTitle, SourceCategory::Process)];
    if b.by_source_index(SourceCategory::Fugitive).is_some() {
        categories.push((Label::SourceFugitive, SourceCategory::Fugitive));
    }
    categories.push((Label::PurchasedElectricityEmissions, SourceCategory::PurchasedElectricity));
    categories.push((Label::PurchasedHeatEmissions, SourceCategory::PurchasedHeat));
    for (label, s) in &categories {
        rows.push(Row { kind: RowKind::Data, cells: vec![Cell::Text(b.t(*label)), source_value(*s)] });
    }
    let t = &r.summary.totals;
    let total = b.checked(t.total_location_t_co2e());
    // GB/T 32150-2015: E = combustion + process + purchased − exported.
    let exported = (!t.exported_t_co2e.is_zero()).then_some(rows.len());
    if exported.is_some() {
        rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(b.scope(carbonbook_core::scope::Scope::Exported)),
                b.deducted(t.exported_t_co2e, "/totals/exported_t_co2e"),
            ],
        });
    }
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![Cell::Text(b.t(Label::TotalEnterprise)), b.at(total, "/totals/total_location_t_co2e")],
    });
    let mut table = Table {
        id: "totals",
        caption: b.t(Label::TotalsCaption),
        columns: vec![b.text_col(Label::Item), b.fig_col(Label::Emissions, "t CO2e")],
        rows,
        notes: vec![b.t(Label::NoteTotalsLocation)],
    };
    b.close(&mut table, &[1]);
    // The chart shows the emission categories, not the deduction.
    let parts: Vec<&Row> = table
        .rows
        .iter()
        .enumerate()
        .filter(|(i, r)| r.kind == RowKind::Data && Some(*i) != exported)
        .map(|(_, r)| r)
        .collect();

    let chart = Chart {
        id: "category_split",
        kind: ChartKind::Pie,
        title: b.t(Label::ChartCategories),
        unit: "t CO2e".to_owned(),
        categories: parts.iter().map(|r| r.cells[0].shown().to_owned()).collect(),
        series: vec![Series {
            name: b.t(Label::Emissions),
            values: parts.iter().filter_map(|r| r.cells[1].figure().cloned()).collect(),
        }],
    };
    Section {
        id: "totals",
        title: b.t(Label::TotalsTitle),
        blocks: vec![
            Block::Table(table),
            Block::Chart(chart),
            Block::Table(super::inventory::scope_table(b)),
            Block::Table(super::inventory::facility_table(b)),
            Block::Chart(super::inventory::facility_chart(b)),
        ],
    }
}
