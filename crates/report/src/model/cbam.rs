//! The EU CBAM report (`cbam`): the installation's communication to its
//! importers (installation, reporting period, goods with CN codes and
//! routes, specific embedded emissions direct and indirect, precursors,
//! electricity factors used, how direct emissions were found) and the
//! importer's summary (embedded emissions, free-allocation adjustment,
//! deduction, certificates and cost, the de minimis test). Every figure
//! names its place in the summary JSON's `cbam` member.

use carbonbook_core::Results;
use carbonbook_core::cbam::{Cbam, DirectBasis, ElectricityFactorBasis, SeeBasis};

use super::{Block, Builder, Cell, Fact, FigureRef, Report, Row, RowKind, Section, Table};
use crate::labels::Label;
use crate::options::{Kind, ReportOptions};

/// Builds the CBAM report.
pub fn build(results: &Results, options: &ReportOptions) -> Result<Report, crate::ReportError> {
    let b = Builder::new(results, options);
    let title = b.fill(Label::TitleCbam, &[&results.organisation.reporting_year]);
    let mut sections = vec![
        Section { id: "organisation", title: b.t(Label::OrganisationTitle), blocks: vec![b.organisation_facts()] },
        rules(&b),
    ];
    let empty = Cbam {
        goods: Vec::new(),
        imports: Vec::new(),
        de_minimis: Vec::new(),
        certificates: rust_decimal::Decimal::ZERO,
        cost: rust_decimal::Decimal::ZERO,
    };
    let c = results.cbam.as_ref().unwrap_or(&empty);
    sections.push(installation(&b, c));
    sections.push(importer(&b, c));
    sections.push(b.warnings_section(Vec::new()));
    b.report(Kind::Cbam, title, sections)
}

fn rules(b: &Builder<'_>) -> Section {
    let sources = [
        carbonbook_core::cbam::cbam_factor_source(),
        carbonbook_core::cbam::markup_source(),
        carbonbook_core::cbam::de_minimis_source(),
        carbonbook_core::cbam::default_values_source(),
        carbonbook_core::cbam::benchmarks_source(),
        carbonbook_core::cbam::cscf_source(),
        carbonbook_core::cbam::certificate_price_source(),
    ]
    .iter()
    .map(|s| format!("{} ({})", s.citation(), s.confirmation.grade()))
    .collect::<Vec<_>>()
    .join("; ");
    Section {
        id: "rules",
        title: b.t(Label::CbamRulesTitle),
        blocks: vec![
            b.para(Label::CbamSeeFormula, &[]),
            b.para(Label::CbamAnnexIINote, &[]),
            b.para(Label::CbamImporterFormula, &[]),
            b.para(Label::CbamFloorNote, &[]),
            b.para(Label::CbamSourcesNote, &[&sources]),
        ],
    }
}

fn yes_no(b: &Builder<'_>, v: bool) -> Cell {
    Cell::Text(b.t(if v { Label::CbamYes } else { Label::CbamNo }))
}

fn installation(b: &Builder<'_>, c: &Cbam) -> Section {
    let mut blocks = Vec::new();
    if c.goods.is_empty() {
        blocks.push(b.para(Label::CbamNoGoods, &[]));
        return Section { id: "installation", title: b.t(Label::CbamInstallationTitle), blocks };
    }
    // The installations and years of the goods.
    let mut installations: Vec<String> = Vec::new();
    for g in &c.goods {
        let name = b
            .results
            .facilities
            .iter()
            .find(|f| f.id == g.facility_id)
            .map(|f| if f.name.is_empty() { f.id.clone() } else { format!("{} ({})", f.name, f.id) })
            .unwrap_or_else(|| g.facility_id.clone());
        let text = format!("{name} · {}", g.year);
        if !installations.contains(&text) {
            installations.push(text);
        }
    }
    blocks.push(Block::Facts(vec![Fact {
        label: b.t(Label::CbamInstallation),
        value: installations.join(b.list_separator()),
    }]));
    let ptr = |i: usize, f: &str| format!("/cbam/goods/{i}/{f}");
    let goods = Table {
        id: "cbam_goods",
        caption: b.t(Label::CbamGoodsCaption),
        columns: vec![
            b.text_col(Label::CbamGood),
            b.text_col(Label::Facility),
            b.text_col(Label::CbamYear),
            b.text_col(Label::CbamCnCode),
            b.text_col(Label::CbamCategory),
            b.text_col(Label::CbamRoute),
            b.fig_col(Label::CbamActivityLevel, "t"),
            b.fig_col(Label::CbamSeeDirect, "t CO2e/t"),
            b.fig_col(Label::CbamSeeIndirect, "t CO2e/t"),
            b.fig_col(Label::CbamSeeTotal, "t CO2e/t"),
            b.fig_col(Label::CbamEmbedded, "t CO2e"),
        ],
        rows: c
            .goods
            .iter()
            .enumerate()
            .map(|(i, g)| Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(g.good_id.clone()),
                    Cell::Text(g.facility_id.clone()),
                    Cell::Text(g.year.to_string()),
                    Cell::Text(g.cn_code.spaced()),
                    Cell::Text(g.category.key().to_owned()),
                    Cell::Text(g.route.clone().unwrap_or_default()),
                    b.at(g.quantity_t, ptr(i, "quantity_t")),
                    b.at(g.see_direct, ptr(i, "see_direct")),
                    b.at(g.see_indirect, ptr(i, "see_indirect")),
                    b.at(g.see_total, ptr(i, "see_total")),
                    b.at(g.embedded_t, ptr(i, "embedded_t")),
                ],
            })
            .collect(),
        notes: vec![b.t(Label::CbamAnnexIINote)],
    };
    blocks.push(Block::Table(goods));

    let mut precursor_rows = Vec::new();
    for (i, g) in c.goods.iter().enumerate() {
        for (j, p) in g.precursors.iter().enumerate() {
            let pp = |f: &str| format!("/cbam/goods/{i}/precursors/{j}/{f}");
            precursor_rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(g.good_id.clone()),
                    Cell::Text(p.precursor.clone()),
                    b.at(p.mass_t, pp("mass_t")),
                    b.at(p.see_direct, pp("see_direct")),
                    b.at(p.see_indirect, pp("see_indirect")),
                    b.at(p.direct_t, pp("direct_t")),
                    b.at(p.indirect_t, pp("indirect_t")),
                ],
            });
        }
    }
    if !precursor_rows.is_empty() {
        blocks.push(Block::Table(Table {
            id: "cbam_precursors",
            caption: b.t(Label::CbamPrecursorsCaption),
            columns: vec![
                b.text_col(Label::CbamGood),
                b.text_col(Label::CbamPrecursor),
                b.fig_col(Label::CbamMass, "t"),
                b.fig_col(Label::CbamSeeDirect, "t CO2e/t"),
                b.fig_col(Label::CbamSeeIndirect, "t CO2e/t"),
                b.fig_col(Label::CbamDirectContribution, "t CO2e"),
                b.fig_col(Label::CbamIndirectContribution, "t CO2e"),
            ],
            rows: precursor_rows,
            notes: Vec::new(),
        }));
    }

    blocks.push(Block::Table(Table {
        id: "cbam_electricity",
        caption: b.t(Label::CbamElectricityCaption),
        columns: vec![
            b.text_col(Label::CbamGood),
            b.fig_col(Label::CbamElectricity, "MWh"),
            b.fig_col(Label::CbamElectricityFactor, "t CO2/MWh"),
            b.text_col(Label::CbamFactorSource),
            b.fig_col(Label::CbamIndirectAttributed, "t CO2e"),
        ],
        rows: c
            .goods
            .iter()
            .enumerate()
            .map(|(i, g)| Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(g.good_id.clone()),
                    b.at(g.electricity_mwh, ptr(i, "electricity_mwh")),
                    b.given_at(g.electricity_factor, ptr(i, "electricity_factor")),
                    Cell::Text(match &g.electricity_factor_basis {
                        ElectricityFactorBasis::None => b.t(Label::CbamNoElectricity),
                        ElectricityFactorBasis::Given => b.t(Label::CbamFactorGiven),
                        ElectricityFactorBasis::Grid { factor_id, citation } => format!("{factor_id} ({citation})"),
                    }),
                    b.at(g.indirect_t, ptr(i, "indirect_t")),
                ],
            })
            .collect(),
        notes: Vec::new(),
    }));

    blocks.push(Block::Table(Table {
        id: "cbam_methods",
        caption: b.t(Label::CbamMethodsCaption),
        columns: vec![
            b.text_col(Label::CbamGood),
            b.fig_col(Label::CbamDirectAttributed, "t CO2e"),
            b.text_col(Label::CbamMethod),
        ],
        rows: c
            .goods
            .iter()
            .enumerate()
            .map(|(i, g)| Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(g.good_id.clone()),
                    b.at(g.direct_t, ptr(i, "direct_t")),
                    Cell::Text(match &g.direct_basis {
                        DirectBasis::Given => b.t(Label::CbamDirectGiven),
                        DirectBasis::SharedScope1 { share, .. } => {
                            b.fill(Label::CbamDirectShared, &[&share.normalize()])
                        }
                    }),
                ],
            })
            .collect(),
        notes: Vec::new(),
    }));
    let priced: Vec<(usize, &carbonbook_core::cbam::GoodFigures)> =
        c.goods.iter().enumerate().filter(|(_, g)| g.carbon_price.is_some()).collect();
    if priced.is_empty() {
        blocks.push(b.para(Label::CbamCarbonPriceNote, &[]));
    } else {
        let cur = b.results.organisation.currency.code();
        let cp = |i: usize, f: &str| format!("/cbam/goods/{i}/carbon_price/{f}");
        blocks.push(Block::Table(Table {
            id: "cbam_carbon_price",
            caption: b.t(Label::CbamCarbonPriceCaption),
            columns: vec![
                b.text_col(Label::CbamGood),
                b.fig_col(Label::CbamCarbonPrice, format!("{cur}/t CO2e")),
                b.fig_col(Label::CbamCovered, "t CO2e/t"),
                b.fig_col(Label::CbamFreeShare, ""),
                b.fig_col(Label::CbamPriceDue, format!("{cur}/t")),
                b.fig_col(Label::CbamRebate, format!("{cur}/t")),
                b.fig_col(Label::CbamEffectivePrice, format!("{cur}/t")),
            ],
            rows: priced
                .iter()
                .filter_map(|(i, g)| {
                    let p = g.carbon_price.as_ref()?;
                    Some(Row {
                        kind: RowKind::Data,
                        cells: vec![
                            Cell::Text(g.good_id.clone()),
                            b.at(p.price, cp(*i, "price")),
                            b.at(p.covered_per_t, cp(*i, "covered_per_t")),
                            b.at(p.free_share, cp(*i, "free_share")),
                            b.at(p.due_per_t, cp(*i, "due_per_t")),
                            b.at(p.rebate_per_t, cp(*i, "rebate_per_t")),
                            b.at(p.effective_per_t, cp(*i, "effective_per_t")),
                        ],
                    })
                })
                .collect(),
            notes: vec![b.t(Label::CbamCarbonPriceRule)],
        }));
    }
    Section { id: "installation", title: b.t(Label::CbamInstallationTitle), blocks }
}

fn importer(b: &Builder<'_>, c: &Cbam) -> Section {
    let mut blocks = Vec::new();
    if c.imports.is_empty() {
        blocks.push(b.para(Label::CbamNoImports, &[]));
        return Section { id: "importer", title: b.t(Label::CbamImporterTitle), blocks };
    }
    let ptr = |i: usize, f: &str| format!("/cbam/imports/{i}/{f}");
    let mut rows: Vec<Row> = c
        .imports
        .iter()
        .enumerate()
        .map(|(i, l)| Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(l.sheet_row.map(|r| r.to_string()).unwrap_or_default()),
                Cell::Text(l.year.to_string()),
                Cell::Text(l.quarter.map(|q| format!("Q{}", q.get())).unwrap_or_default()),
                Cell::Text(l.good_id.clone().unwrap_or_default()),
                Cell::Text(l.cn_code.as_ref().map(|c| c.spaced()).unwrap_or_default()),
                Cell::Text(l.origin.clone().unwrap_or_default()),
                b.at(l.quantity_t, ptr(i, "quantity_t")),
                Cell::Text(b.t(match l.see_basis {
                    SeeBasis::Actual => Label::CbamBasisActual,
                    SeeBasis::Book => Label::CbamBasisBook,
                    SeeBasis::Default => Label::CbamBasisDefault,
                })),
                b.at(l.see_used, ptr(i, "see_used")),
                b.at(l.embedded_t, ptr(i, "embedded_t")),
                b.at(l.free_allocation_adjustment_t, ptr(i, "free_allocation_adjustment_t")),
                b.at(l.deduction_t, ptr(i, "deduction_t")),
                b.at(l.certificates, ptr(i, "certificates")),
                match l.certificate_price {
                    Some(p) => b.given_at(p, ptr(i, "certificate_price")),
                    None => Cell::Text(b.t(Label::NotGiven)),
                },
                b.at_opt(l.cost, ptr(i, "cost")),
            ],
        })
        .collect();
    let blank = || Cell::Text(String::new());
    let mut total = vec![Cell::Text(b.t(Label::CbamTotal))];
    total.extend((0..11).map(|_| blank()));
    total.push(b.at(c.certificates, "/cbam/certificates"));
    total.push(blank());
    total.push(b.at(c.cost, "/cbam/cost"));
    rows.push(Row { kind: RowKind::Total, cells: total });
    let mut notes = vec![b.t(Label::CbamFloorNote)];
    if c.imports.iter().any(|l| l.carbon_price_paid.is_some()) {
        notes.push(b.t(Label::CbamDraftDeduction));
    }
    let mut imports = Table {
        id: "cbam_imports",
        caption: b.t(Label::CbamImportsCaption),
        columns: vec![
            b.text_col(Label::CbamRow),
            b.text_col(Label::CbamYear),
            b.text_col(Label::CbamQuarter),
            b.text_col(Label::CbamGood),
            b.text_col(Label::CbamCnCode),
            b.text_col(Label::CbamOrigin),
            b.fig_col(Label::CbamQuantity, "t"),
            b.text_col(Label::CbamSeeBasis),
            b.fig_col(Label::CbamSeeUsed, "t CO2e/t"),
            b.fig_col(Label::CbamEmbedded, "t CO2e"),
            b.fig_col(Label::CbamFaa, "t CO2e"),
            b.fig_col(Label::CbamDeduction, "t CO2e"),
            b.fig_col(Label::CbamCertificates, "t CO2e"),
            b.fig_col(Label::CbamPrice, "EUR/t CO2e"),
            b.fig_col(Label::CbamCost, "EUR"),
        ],
        rows,
        notes,
    };
    b.close(&mut imports, &[12, 14]);
    blocks.push(Block::Table(imports));

    let given = |v: Option<rust_decimal::Decimal>, p: String| match v {
        Some(v) => b.given_at(v, p),
        None => Cell::Text(b.t(Label::NotGiven)),
    };
    blocks.push(Block::Table(Table {
        id: "cbam_parameters",
        caption: b.t(Label::CbamParametersCaption),
        columns: vec![
            b.text_col(Label::CbamRow),
            b.fig_col(Label::CbamFactor, ""),
            b.fig_col(Label::CbamCscf, ""),
            b.fig_col(Label::CbamBenchmark, "t CO2e/t"),
            b.fig_col(Label::CbamDefaultValue, "t CO2e/t"),
            b.fig_col(Label::CbamMarkup, ""),
        ],
        rows: c
            .imports
            .iter()
            .enumerate()
            .map(|(i, l)| Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(l.sheet_row.map(|r| r.to_string()).unwrap_or_default()),
                    b.given_at(l.cbam_factor, ptr(i, "cbam_factor")),
                    given(l.cscf, ptr(i, "cscf")),
                    given(l.benchmark, ptr(i, "benchmark")),
                    given(l.default_value, ptr(i, "default_value")),
                    given(l.markup, ptr(i, "markup")),
                ],
            })
            .collect(),
        notes: if c.imports.iter().any(|l| {
            l.default_from.is_some() || l.benchmark_from.is_some() || l.cscf_built_in || l.certificate_price_published
        }) {
            vec![b.t(Label::CbamBuiltInNote)]
        } else {
            Vec::new()
        },
    }));

    blocks.push(Block::Table(Table {
        id: "cbam_de_minimis",
        caption: b.t(Label::CbamDeMinimisCaption),
        columns: vec![
            b.text_col(Label::CbamYear),
            b.fig_col(Label::CbamDeMinimisMass, "t"),
            b.fig_col(Label::CbamThreshold, "t"),
            b.text_col(Label::CbamExempt),
        ],
        rows: c
            .de_minimis
            .iter()
            .enumerate()
            .map(|(i, d)| Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(d.year.to_string()),
                    b.fig(d.mass_t, Some(FigureRef::pointer(format!("/cbam/de_minimis_by_year/{i}/mass_t")))),
                    b.given_at(d.threshold_t, format!("/cbam/de_minimis_by_year/{i}/threshold_t")),
                    yes_no(b, d.exempt),
                ],
            })
            .collect(),
        notes: Vec::new(),
    }));
    Section { id: "importer", title: b.t(Label::CbamImporterTitle), blocks }
}
