//! The green-finance report (`finance`): the PCAF disclosure of financed
//! emissions (by asset class, with the data-quality score and the
//! attribution method of each class, then by exposure) and the
//! environmental-benefit statement of green loans (碳减排量 and 节约标准煤
//! per project and in total, and the share attributed to the loans).
//!
//! Every figure names its place in the summary JSON's `finance` member
//! (workbook-v2 §10).

use carbonbook_core::Results;
use carbonbook_core::finance::{AssetClass, Denominator, Finance, ProjectKind, ReductionMethod};
use rust_decimal::Decimal;

use super::{Block, Builder, Cell, Chart, ChartKind, FigureRef, Report, Row, RowKind, Section, Series, Table};
use crate::labels::Label;
use crate::options::{Kind, ReportOptions};

/// Builds the report.
pub fn build(results: &Results, options: &ReportOptions) -> Result<Report, crate::ReportError> {
    let b = Builder::new(results, options);
    let title = b.fill(Label::TitleFinance, &[&results.organisation.reporting_year]);
    let mut sections = vec![
        Section { id: "organisation", title: b.t(Label::OrganisationTitle), blocks: vec![b.organisation_facts()] },
        Section {
            id: "method",
            title: b.t(Label::FinanceMethodTitle),
            blocks: vec![
                b.para(Label::FinancePcafMethod, &[]),
                b.para(Label::FinanceDqMethod, &[]),
                b.para(Label::FinanceProjectMethod, &[]),
            ],
        },
    ];
    match &results.finance {
        Some(f) if !f.portfolio.exposures.is_empty() || !f.projects.projects.is_empty() => {
            if !f.portfolio.exposures.is_empty() {
                sections.push(financed(&b, f));
            }
            if !f.projects.projects.is_empty() {
                sections.push(benefits(&b, f));
            }
        }
        _ => sections.push(Section {
            id: "financed",
            title: b.t(Label::FinancedTitle),
            blocks: vec![b.para(Label::NoFinance, &[])],
        }),
    }
    sections.push(b.warnings_section(Vec::new()));
    b.report(Kind::Finance, title, sections)
}

fn class_label(c: AssetClass) -> Label {
    match c {
        AssetClass::ListedEquity => Label::AssetListedEquity,
        AssetClass::CorporateBond => Label::AssetCorporateBond,
        AssetClass::BusinessLoan => Label::AssetBusinessLoan,
        AssetClass::UnlistedEquity => Label::AssetUnlistedEquity,
        AssetClass::ProjectFinance => Label::AssetProjectFinance,
        AssetClass::CommercialRealEstate => Label::AssetCommercialRealEstate,
        AssetClass::Mortgage => Label::AssetMortgage,
        AssetClass::MotorVehicleLoan => Label::AssetMotorVehicleLoan,
        AssetClass::SovereignDebt => Label::AssetSovereignDebt,
    }
}

fn denominator_label(d: Denominator) -> Label {
    match d {
        Denominator::Evic => Label::DenomEvic,
        Denominator::TotalEquityPlusDebt => Label::DenomEquityDebt,
        Denominator::PropertyValue => Label::DenomProperty,
        Denominator::VehicleValue => Label::DenomVehicle,
        Denominator::PppGdp => Label::DenomPppGdp,
        Denominator::UnknownVehicleValue => Label::DenomUnknownVehicle,
    }
}

fn kind_label(k: ProjectKind) -> Label {
    match k {
        ProjectKind::Solar => Label::KindSolar,
        ProjectKind::Wind => Label::KindWind,
        ProjectKind::Hydro => Label::KindHydro,
        ProjectKind::EnergySaving => Label::KindEnergySaving,
        ProjectKind::Other => Label::KindOther,
    }
}

/// A value given in the book or a ratio of two (an attribution factor, a
/// score): shown exactly, with its place in the summary JSON.
fn exact(b: &Builder<'_>, value: Decimal, pointer: String) -> Cell {
    b.given_at(value.normalize(), pointer)
}

fn financed(b: &Builder<'_>, f: &Finance) -> Section {
    let p = &f.portfolio;
    let cur = b.results.organisation.currency.code();
    let sep = b.list_separator();
    let mut rows: Vec<Row> = p
        .by_asset_class
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ptr = |m: &str| format!("/finance/by_asset_class/{i}/{m}");
            let method: Vec<String> = c.denominators.iter().map(|d| b.t(denominator_label(*d))).collect();
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(class_label(c.asset_class))),
                    Cell::Text(c.asset_class.section().to_owned()),
                    Cell::Text(method.join(sep)),
                    Cell::Text(c.exposures.to_string()),
                    b.at(c.outstanding, ptr("outstanding")),
                    b.at(c.financed_t_co2e, ptr("financed_t_co2e")),
                    b.at_opt(c.financed_scope3_t_co2e, ptr("financed_scope3_t_co2e")),
                    b.at_opt(c.weighted_data_quality, ptr("weighted_data_quality")),
                ],
            }
        })
        .collect();
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::Text(b.t(Label::Total)),
            Cell::Empty,
            Cell::Empty,
            Cell::Text(p.exposures.len().to_string()),
            b.at(p.outstanding, "/finance/outstanding"),
            b.at(p.financed_t_co2e, "/finance/financed_t_co2e"),
            b.at_opt(p.financed_scope3_t_co2e, "/finance/financed_scope3_t_co2e"),
            b.at_opt(p.weighted_data_quality, "/finance/weighted_data_quality"),
        ],
    });
    let mut by_class = Table {
        id: "financed_by_class",
        caption: b.t(Label::FinancedByClassCaption),
        columns: vec![
            b.text_col(Label::AssetClassCol),
            b.text_col(Label::PcafSection),
            b.text_col(Label::AttributionMethod),
            b.text_col(Label::ExposureCount),
            b.fig_col(Label::Outstanding, cur),
            b.fig_col(Label::FinancedScope12, "t CO2e"),
            b.fig_col(Label::FinancedScope3, "t CO2e"),
            b.fig_col(Label::WeightedDq, "1–5"),
        ],
        rows,
        notes: vec![b.t(Label::NoteScope3Apart), b.t(Label::NoteDqBlank)],
    };
    b.close(&mut by_class, &[4, 5, 6]);

    let line = |label: Label, cell: Cell, unit: String| Row {
        kind: RowKind::Data,
        cells: vec![Cell::Text(b.t(label)), cell, Cell::Text(unit)],
    };
    let key = Table {
        id: "financed_totals",
        caption: b.t(Label::FinancedKeyCaption),
        columns: vec![b.text_col(Label::Item), b.fig_col(Label::Value, ""), b.text_col(Label::Unit)],
        rows: vec![
            line(Label::Outstanding, b.at(p.outstanding, "/finance/outstanding"), cur.to_owned()),
            line(Label::FinancedScope12, b.at(p.financed_t_co2e, "/finance/financed_t_co2e"), "t CO2e".to_owned()),
            line(
                Label::FinancedScope3,
                b.at_opt(p.financed_scope3_t_co2e, "/finance/financed_scope3_t_co2e"),
                "t CO2e".to_owned(),
            ),
            line(
                Label::PerMillionInvested,
                b.at_opt(p.per_million_invested, "/finance/per_million_invested"),
                format!("t CO2e / 10^6 {cur}"),
            ),
            line(
                Label::WeightedDq,
                b.at_opt(p.weighted_data_quality, "/finance/weighted_data_quality"),
                "1–5".to_owned(),
            ),
        ],
        notes: Vec::new(),
    };

    let exposures = Table {
        id: "financed_by_exposure",
        caption: b.t(Label::FinancedExposuresCaption),
        columns: vec![
            b.text_col(Label::ExposureCol),
            b.text_col(Label::AssetClassCol),
            b.text_col(Label::CounterpartyCol),
            b.fig_col(Label::Outstanding, cur),
            b.fig_col(Label::AttributionFactor, ""),
            b.fig_col(Label::FinancedScope12, "t CO2e"),
            b.fig_col(Label::FinancedScope3, "t CO2e"),
            b.fig_col(Label::DataQualityScore, "1–5"),
            b.text_col(Label::PcafOptionCol),
        ],
        rows: p
            .exposures
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let ptr = |m: &str| format!("/finance/exposures/{i}/{m}");
                Row {
                    kind: RowKind::Data,
                    cells: vec![
                        Cell::Text(e.exposure_id.clone()),
                        Cell::Text(b.t(class_label(e.asset_class))),
                        Cell::Text(e.counterparty.clone().unwrap_or_default()),
                        b.at(e.outstanding, ptr("outstanding")),
                        exact(b, e.attribution_factor, ptr("attribution_factor")),
                        b.at(e.financed_t_co2e, ptr("financed_t_co2e")),
                        b.at_opt(e.financed_scope3_t_co2e, ptr("financed_scope3_t_co2e")),
                        match e.data_quality {
                            Some(dq) => exact(b, Decimal::from(dq.score), ptr("data_quality")),
                            None => Cell::Text(b.t(Label::NotComputed)),
                        },
                        Cell::Text(
                            e.data_quality.and_then(|d| d.option).map(|o| o.code().to_owned()).unwrap_or_default(),
                        ),
                    ],
                }
            })
            .collect(),
        notes: Vec::new(),
    };

    let chart = Chart {
        id: "financed_by_class",
        kind: ChartKind::Bar,
        title: b.t(Label::ChartFinanced),
        unit: "t CO2e".to_owned(),
        categories: p.by_asset_class.iter().map(|c| b.t(class_label(c.asset_class))).collect(),
        series: vec![Series {
            name: b.t(Label::FinancedScope12),
            values: p
                .by_asset_class
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    b.figure(
                        c.financed_t_co2e,
                        Some(FigureRef::pointer(format!("/finance/by_asset_class/{i}/financed_t_co2e"))),
                    )
                })
                .collect(),
        }],
    };
    Section {
        id: "financed",
        title: b.t(Label::FinancedTitle),
        blocks: vec![Block::Table(by_class), Block::Chart(chart), Block::Table(key), Block::Table(exposures)],
    }
}

fn benefits(b: &Builder<'_>, f: &Finance) -> Section {
    let g = &f.projects;
    let mut rows: Vec<Row> = g
        .projects
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let ptr = |m: &str| format!("/finance/projects/{i}/{m}");
            let method = match r.method {
                ReductionMethod::BaselineMinusProject => b.t(Label::MethodBaseline),
                ReductionMethod::CombinedMargin { w_om, w_bm, .. } => {
                    b.fill(Label::MethodCombinedMargin, &[&w_om.normalize(), &w_bm.normalize()])
                }
            };
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(r.project_id.clone()),
                    Cell::Text(b.t(kind_label(r.kind))),
                    Cell::Text(method),
                    b.at(r.reduction_t, ptr("reduction_t")),
                    exact(b, r.loan_share, ptr("loan_share")),
                    b.at(r.attributed_reduction_t, ptr("attributed_reduction_t")),
                    b.at_opt(r.energy_saved_tce, ptr("energy_saved_tce")),
                    b.at_opt(r.attributed_energy_saved_tce, ptr("attributed_energy_saved_tce")),
                ],
            }
        })
        .collect();
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::Text(b.t(Label::Total)),
            Cell::Empty,
            Cell::Empty,
            b.at(g.reduction_t, "/finance/reduction_t"),
            Cell::Empty,
            b.at(g.attributed_reduction_t, "/finance/attributed_reduction_t"),
            b.at(g.energy_saved_tce, "/finance/energy_saved_tce"),
            b.at(g.attributed_energy_saved_tce, "/finance/attributed_energy_saved_tce"),
        ],
    });
    let mut table = Table {
        id: "benefits",
        caption: b.t(Label::BenefitsCaption),
        columns: vec![
            b.text_col(Label::ProjectCol),
            b.text_col(Label::ProjectKindCol),
            b.text_col(Label::ReductionMethodCol),
            b.fig_col(Label::ReductionCol, "t CO2e"),
            b.fig_col(Label::LoanShareCol, ""),
            b.fig_col(Label::AttributedReductionCol, "t CO2e"),
            b.fig_col(Label::CoalSavedCol, "tce"),
            b.fig_col(Label::AttributedCoalCol, "tce"),
        ],
        rows,
        notes: Vec::new(),
    };
    b.close(&mut table, &[3, 5, 6, 7]);
    Section { id: "benefits", title: b.t(Label::BenefitsTitle), blocks: vec![Block::Table(table)] }
}
