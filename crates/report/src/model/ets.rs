//! The compliance statement of emissions trading (`ets`): per scheme,
//! facility and year, how the free allocation was built (given, or
//! benchmark × benchmark output × correction factor), verified emissions,
//! offsets counted and refused, the position, the price used for the cost
//! of a shortfall, and the EU penalty per t and penalty.

use carbonbook_core::Results;
use carbonbook_core::trading::{Allocation, Position, Scheme};

use super::{Block, Builder, Cell, Chart, ChartKind, Figure, FigureRef, Report, Row, RowKind, Section, Series, Table};
use crate::labels::Label;
use crate::options::{Kind, ReportOptions};

/// Builds the compliance statement.
pub fn build(results: &Results, options: &ReportOptions) -> Result<Report, crate::ReportError> {
    let b = Builder::new(results, options);
    let title = b.fill(Label::TitleEts, &[&results.organisation.reporting_year]);
    let mut sections = vec![
        Section { id: "organisation", title: b.t(Label::OrganisationTitle), blocks: vec![b.organisation_facts()] },
        rules(&b),
    ];
    if results.trading.is_empty() {
        sections.push(Section {
            id: "positions",
            title: b.t(Label::PositionsTitle),
            blocks: vec![b.para(Label::NoTrading, &[])],
        });
    } else {
        sections.push(overview(&b));
        sections.push(statements(&b));
    }
    sections.push(b.warnings_section(Vec::new()));
    b.report(Kind::Ets, title, sections)
}

fn rules(b: &Builder<'_>) -> Section {
    let mut schemes: Vec<Scheme> = b.results.trading.iter().map(|p| p.scheme).collect();
    schemes.sort();
    schemes.dedup();
    let mut blocks = vec![b.para(Label::PositionFormula, &[]), b.para(Label::AllocationNote, &[])];
    for s in schemes {
        blocks.push(Block::Paragraph(match s {
            Scheme::CnEts => b.t(Label::RulesCnEts),
            Scheme::EuEts => b.t(Label::RulesEuEts),
        }));
    }
    Section { id: "rules", title: b.t(Label::RulesTitle), blocks }
}

/// 核查 (verified) only where the book gives a verified figure; a figure
/// computed from the ledger is 核算 (accounted).
fn emissions_label(b: &Builder<'_>) -> Label {
    let positions = &b.results.trading;
    if positions.iter().all(|p| p.verified_computed) {
        Label::Accounted
    } else if positions.iter().any(|p| p.verified_computed) {
        Label::VerifiedOrAccounted
    } else {
        Label::Verified
    }
}

fn line_name(p: &Position) -> String {
    format!("{} · {} · {}", p.scheme.code(), p.facility_id, p.year)
}

fn overview(b: &Builder<'_>) -> Section {
    let cur = b.results.organisation.currency.code();
    let rows: Vec<Row> = b
        .results
        .trading
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ptr = |f: &str| format!("/trading/{i}/{f}");
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(p.scheme.code().to_owned()),
                    Cell::Text(p.facility_id.clone()),
                    Cell::Text(p.year.to_string()),
                    b.at(p.allocated_t, ptr("allocated_t")),
                    b.at(p.verified_t, ptr("verified_t")),
                    b.at(p.offsets_counted_t, ptr("offsets_counted_t")),
                    b.at(p.offsets_excess_t, ptr("offsets_excess_t")),
                    b.at(p.position_t, ptr("position_t")),
                    b.at(p.shortfall_cost, ptr("shortfall_cost")),
                    b.at(p.penalty, ptr("penalty")),
                ],
            }
        })
        .collect();
    let table = Table {
        id: "positions",
        caption: b.t(Label::PositionsCaption),
        columns: vec![
            b.text_col(Label::Scheme),
            b.text_col(Label::Facility),
            b.text_col(Label::ComplianceYear),
            b.fig_col(Label::Allocated, "t"),
            b.fig_col(emissions_label(b), "t CO2e"),
            b.fig_col(Label::OffsetsCounted, "t"),
            b.fig_col(Label::OffsetsRefused, "t"),
            b.fig_col(Label::Position, "t"),
            b.fig_col(Label::ShortfallCost, cur),
            b.fig_col(Label::Penalty, cur),
        ],
        rows,
        notes: vec![b.t(Label::NotePositionSign)],
    };
    let chart = Chart {
        id: "positions",
        kind: ChartKind::Bar,
        title: b.t(Label::ChartPositions),
        unit: "t".to_owned(),
        categories: b.results.trading.iter().map(line_name).collect(),
        series: vec![Series {
            name: b.t(Label::Position),
            values: b
                .results
                .trading
                .iter()
                .enumerate()
                .map(|(i, p)| b.figure(p.position_t, Some(FigureRef::pointer(format!("/trading/{i}/position_t")))))
                .collect(),
        }],
    };
    Section {
        id: "positions",
        title: b.t(Label::PositionsTitle),
        blocks: vec![Block::Table(table), Block::Chart(chart)],
    }
}

/// One balance per line: what is held against what is due.
fn statements(b: &Builder<'_>) -> Section {
    let cur = b.results.organisation.currency.code();
    let mut blocks = Vec::new();
    for (i, p) in b.results.trading.iter().enumerate() {
        let ptr = |f: &str, negated: bool| Some(FigureRef::Pointer { pointer: format!("/trading/{i}/{f}"), negated });
        let line = |label: Label, value, source| Row {
            kind: RowKind::Data,
            cells: vec![Cell::Text(b.t(label)), b.fig(value, source)],
        };
        blocks.push(Block::Table(allocation(b, i, p)));
        if let Some(t) = account(b, i, p) {
            blocks.push(Block::Table(t));
        }
        let mut balance = Table {
            id: "balance",
            caption: b.fill(Label::BalanceCaption, &[&line_name(p)]),
            columns: vec![b.text_col(Label::Item), b.fig_col(Label::Allowances, "t")],
            rows: vec![
                line(Label::Allocated, p.allocated_t, ptr("allocated_t", false)),
                line(Label::Purchased, p.purchased_t, ptr("purchased_t", false)),
                line(Label::SoldNegative, -p.sold_t, ptr("sold_t", true)),
                line(Label::OffsetsCounted, p.offsets_counted_t, ptr("offsets_counted_t", false)),
                line(
                    if p.verified_computed { Label::AccountedNegative } else { Label::VerifiedNegative },
                    -p.verified_t,
                    ptr("verified_t", true),
                ),
                Row {
                    kind: RowKind::Total,
                    cells: vec![Cell::Text(b.t(Label::Position)), b.fig(p.position_t, ptr("position_t", false))],
                },
            ],
            notes: Vec::new(),
        };
        balance.notes.push(b.t(if p.verified_computed { Label::VerifiedComputed } else { Label::VerifiedGiven }));
        b.close(&mut balance, &[1]);
        blocks.push(Block::Table(balance));

        let limit_percent =
            b.checked(carbonbook_core::arithmetic::mul(p.scheme.offset_limit(), rust_decimal::Decimal::ONE_HUNDRED));
        let surrendered = b.plus(p.offsets_counted_t, p.offsets_excess_t);
        let shortfall = if p.position_t.is_sign_negative() { -p.position_t } else { rust_decimal::Decimal::ZERO };
        let mut rows = vec![
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::OffsetsSurrendered)),
                    b.fig(
                        surrendered,
                        Some(FigureRef::Sum {
                            of: vec![
                                FigureRef::pointer(format!("/trading/{i}/offsets_counted_t")),
                                FigureRef::pointer(format!("/trading/{i}/offsets_excess_t")),
                            ],
                        }),
                    ),
                    Cell::Text("t".to_owned()),
                ],
            },
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.fill(Label::OffsetLimit, &[&limit_percent.normalize()])),
                    b.published(limit_percent.normalize()),
                    Cell::Text("%".to_owned()),
                ],
            },
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::OffsetsCounted)),
                    b.fig(p.offsets_counted_t, ptr("offsets_counted_t", false)),
                    Cell::Text("t".to_owned()),
                ],
            },
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::OffsetsRefused)),
                    b.fig(p.offsets_excess_t, ptr("offsets_excess_t", false)),
                    Cell::Text("t".to_owned()),
                ],
            },
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::Shortfall)),
                    b.fig(
                        shortfall,
                        if shortfall.is_zero() {
                            Some(FigureRef::Sum { of: Vec::new() })
                        } else {
                            ptr("position_t", true)
                        },
                    ),
                    Cell::Text("t".to_owned()),
                ],
            },
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::PriceUsed)),
                    match p.price {
                        Some(price) => b.at(price, format!("/trading/{i}/price")),
                        None => Cell::Text(b.t(Label::NotGiven)),
                    },
                    Cell::Text(b.fill(Label::PerTonne, &[&cur])),
                ],
            },
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::ShortfallCost)),
                    b.fig(p.shortfall_cost, ptr("shortfall_cost", false)),
                    Cell::Text(cur.to_owned()),
                ],
            },
        ];
        if let Some(per_t) = p.penalty_per_t {
            rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::PenaltyPerT)),
                    b.at(per_t, format!("/trading/{i}/penalty_per_t")),
                    Cell::Text(b.fill(Label::PerTonne, &[&cur])),
                ],
            });
        }
        if p.scheme == Scheme::EuEts {
            rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::Penalty)),
                    b.fig(p.penalty, ptr("penalty", false)),
                    Cell::Text(cur.to_owned()),
                ],
            });
        }
        let mut notes = Vec::new();
        if let Some((low, high)) = p.penalty_range {
            for (label, v, f) in
                [(Label::FineLow, low, "penalty_range/low"), (Label::FineHigh, high, "penalty_range/high")]
            {
                rows.push(Row {
                    kind: RowKind::Data,
                    cells: vec![Cell::Text(b.t(label)), b.fig(v, ptr(f, false)), Cell::Text(cur.to_owned())],
                });
            }
            notes.push(b.t(Label::NoteCnFine));
        }
        if !p.allocation_cut_t.is_zero() {
            rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.t(Label::AllocationCut)),
                    b.fig(p.allocation_cut_t, ptr("allocation_cut_t", false)),
                    Cell::Text("t".to_owned()),
                ],
            });
        }
        if !shortfall.is_zero() {
            notes.push(b.t(Label::NoteShortfall));
        }
        blocks.push(Block::Table(Table {
            id: "compliance",
            caption: b.fill(Label::ComplianceCaption, &[&line_name(p)]),
            columns: vec![b.text_col(Label::Item), b.fig_col(Label::Value, ""), b.text_col(Label::Unit)],
            rows,
            notes,
        }));
    }
    Section { id: "statements", title: b.t(Label::StatementsTitle), blocks }
}

/// The allowance account of the line's scheme and facility (the
/// Transactions sheet): holdings, cost, results, and the year's deadline.
fn account(b: &Builder<'_>, i: usize, p: &Position) -> Option<Table> {
    let s = b.results.allowance_accounts.iter().find(|s| s.scheme == p.scheme && s.facility_id == p.facility_id)?;
    let cur = b.results.organisation.currency.code();
    let ptr = |f: &str| format!("/trading/{i}/account/{f}");
    let row = |label: String, value: Cell, unit: String| Row {
        kind: RowKind::Data,
        cells: vec![Cell::Text(label), value, Cell::Text(unit)],
    };
    let per_t = b.fill(Label::PerTonne, &[&cur]);
    let mut rows = vec![row(b.t(Label::HoldingsEnd), b.at(s.holdings_t, ptr("holdings_t")), "t".to_owned())];
    for (k, (vintage, t)) in s.holdings_by_vintage.iter().enumerate() {
        rows.push(row(
            b.fill(Label::HoldingsVintage, &[vintage]),
            b.at(*t, ptr(&format!("holdings_by_vintage/{k}/t"))),
            "t".to_owned(),
        ));
    }
    rows.push(row(b.t(Label::AverageCost), b.at(s.average_cost, ptr("average_cost")), per_t));
    rows.push(row(b.t(Label::Realised), b.at(s.realised, ptr("realised")), cur.to_owned()));
    if let Some(u) = s.unrealised {
        rows.push(row(b.t(Label::Unrealised), b.at(u, ptr("unrealised")), cur.to_owned()));
    }
    if let Some(c) = s.deadlines.iter().find(|c| c.year == p.year) {
        let d = |f: &str| ptr(&format!("deadline/{f}"));
        rows.push(row(b.fill(Label::DeadlineDue, &[&c.deadline]), b.at(c.due_t, d("due_t")), "t".to_owned()));
        rows.push(row(b.t(Label::SurrenderedByDeadline), b.at(c.surrendered_t, d("surrendered_t")), "t".to_owned()));
        rows.push(row(b.t(Label::OffsetsByDeadline), b.at(c.offsets_t, d("offsets_t")), "t".to_owned()));
        if !c.late_t.is_zero() {
            rows.push(row(b.t(Label::SurrenderedLate), b.at(c.late_t, d("late_t")), "t".to_owned()));
        }
        rows.push(row(b.t(Label::OutstandingAtDeadline), b.at(c.outstanding_t, d("outstanding_t")), "t".to_owned()));
        rows.push(row(b.t(Label::HoldingsAtDeadline), b.at(c.holdings_t, d("holdings_t")), "t".to_owned()));
    }
    Some(Table {
        id: "account",
        caption: b.fill(Label::AccountCaption, &[&line_name(p)]),
        columns: vec![b.text_col(Label::Item), b.fig_col(Label::Value, ""), b.text_col(Label::Unit)],
        rows,
        notes: vec![b.t(Label::NoteFreeAtZeroCost)],
    })
}

/// The steps of a computed allocation, each at its place in the summary
/// JSON; factors and ratios shown to 6 decimals, as computed.
fn step_rows(b: &Builder<'_>, i: usize, p: &Position) -> Vec<Row> {
    use carbonbook_core::trading::Step;
    p.steps
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let name = match b.lang {
                crate::options::Lang::Zh => s.step.zh(),
                crate::options::Lang::En => s.step.en(),
            };
            let label = match (s.row, s.unit_id.as_deref()) {
                (Some(r), Some(u)) => b.fill(Label::StepUnitRow, &[&name, &u, &r]),
                (Some(r), None) => b.fill(Label::StepRow, &[&name, &r]),
                _ => name.to_owned(),
            };
            let ratio = matches!(
                s.step,
                Step::PeakShavingFactor | Step::CorrectionGiven | Step::Intensity | Step::Deviation | Step::Coefficient
            );
            let shown = if ratio {
                s.figure
                    .round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                    .normalize()
                    .to_string()
            } else {
                s.figure.to_string()
            };
            let cell = Cell::Figure(Figure {
                exact: s.figure,
                shown,
                rounded: false,
                source: Some(FigureRef::pointer(format!("/trading/{i}/allocation/steps/{k}/figure"))),
            });
            let unit = if ratio { String::new() } else { "t".to_owned() };
            Row { kind: RowKind::Data, cells: vec![Cell::Text(label), cell, Cell::Text(unit)] }
        })
        .collect()
}

/// How a line's free allocation was built: as given, or benchmark ×
/// benchmark output × correction factor (the three shown as given).
fn allocation(b: &Builder<'_>, i: usize, p: &Position) -> Table {
    let ptr = |f: &str| format!("/trading/{i}/{f}");
    let row = |label: String, value: Cell, unit: String| Row {
        kind: RowKind::Data,
        cells: vec![Cell::Text(label), value, Cell::Text(unit)],
    };
    let allocated = |label: Label| row(b.t(label), b.at(p.allocated_t, ptr("allocated_t")), "t".to_owned());
    let computed = p.parts.iter().any(|x| matches!(x.allocation, Allocation::CnPower(_) | Allocation::CnIndustry(_)));
    let (mut rows, mut notes) = match p.allocation {
        Allocation::Benchmark { benchmark, output, correction } => (
            vec![
                row(
                    b.t(Label::Benchmark),
                    b.given_at(benchmark, ptr("allocation/benchmark")),
                    b.t(Label::BenchmarkUnit),
                ),
                row(
                    b.t(Label::BenchmarkOutput),
                    b.given_at(output, ptr("allocation/benchmark_output")),
                    b.t(Label::OutputUnits),
                ),
                row(
                    b.t(Label::CorrectionFactor),
                    b.given_at(correction, ptr("allocation/correction_factor")),
                    String::new(),
                ),
                allocated(Label::AllocatedBenchmark),
            ],
            vec![b.t(Label::NotePublishedParameters)],
        ),
        Allocation::Given(_) if !computed => (vec![allocated(Label::AllocatedGiven)], Vec::new()),
        _ => (Vec::new(), vec![b.t(Label::NoteSteps)]),
    };
    rows.extend(step_rows(b, i, p));
    if computed {
        rows.push(allocated(Label::Allocated));
    }
    notes.dedup();
    Table {
        id: "allocation",
        caption: b.fill(Label::AllocationCaption, &[&line_name(p)]),
        columns: vec![b.text_col(Label::Item), b.fig_col(Label::Value, ""), b.text_col(Label::Unit)],
        rows,
        notes,
    }
}
