//! The enterprise GHG emission report laid out as GB/T 32150-2015 asks
//! (`cn-ghg`, Chinese by default): 企业基本情况, 核算边界, 化石燃料燃烧排放,
//! 过程排放, 购入的电力和热力排放, 排放量汇总, 活动数据与排放因子.

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

/// Builds the GB/T 32150 report.
pub fn build(results: &Results, options: &ReportOptions) -> Result<Report, crate::ReportError> {
    let b = Builder::new(results, options);
    let title = b.fill(Label::TitleCnGhg, &[&results.organisation.reporting_year]);
    let sections = vec![
        enterprise(&b),
        boundary(&b),
        combustion(&b),
        process(&b),
        purchased(&b),
        totals(&b),
        Section {
            id: "activity_factors",
            title: b.t(Label::ActivityAndFactorsTitle),
            blocks: vec![
                Block::Table(b.activity_table("activity_data", Label::ActivityDataCaption, &super::EMISSION_SOURCES)),
                Block::Table(b.factor_table()),
            ],
        },
        b.warnings_section(b.emission_exclusions()),
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
                Cell::Text(a.activity.clone()),
                b.activity_sum(a.quantity, &f, "quantity"),
                Cell::Text(a.unit.symbol().to_owned()),
                b.parameter(a, is_ncv, true),
                b.parameter(a, is_carbon, true),
                b.parameter(a, is_oxidation, true),
                b.parameter(a, is_emission_factor, false),
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
