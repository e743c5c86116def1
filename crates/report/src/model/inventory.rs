//! The corporate GHG inventory (`inventory`), in the shape of the GHG
//! Protocol Corporate Standard and ISO 14064-1: organisation and boundary,
//! period, methodology and GWP set, Scope 1 by source category and gas,
//! Scope 2 location- and market-based side by side, per facility,
//! intensities, the base-year comparison where one is given, the factor
//! table with every citation, warnings and exclusions.

use carbonbook_core::Results;
use carbonbook_core::scope::{Scope, SourceCategory};
use rust_decimal::Decimal;

use super::{Block, Builder, Cell, Chart, ChartKind, Fact, Report, Row, RowKind, Section, Series, Table};
use crate::labels::Label;
use crate::options::{Kind, ReportOptions};

/// Builds the inventory report.
pub fn build(results: &Results, options: &ReportOptions) -> Result<Report, crate::ReportError> {
    let b = Builder::new(results, options);
    let title = b.fill(Label::TitleInventory, &[&results.organisation.reporting_year]);
    let mut sections = vec![organisation(&b), methodology(&b), emissions(&b), scope1(&b), scope2(&b), facilities(&b)];
    sections.push(intensity(&b));
    if let Some(s) = base_year(&b) {
        sections.push(s);
    }
    sections.push(Section {
        id: "activity_data",
        title: b.t(Label::ActivityDataTitle),
        blocks: vec![Block::Table(b.activity_table(
            "activity_data",
            Label::ActivityDataCaption,
            &super::EMISSION_SOURCES,
        ))],
    });
    sections.push(Section {
        id: "factors",
        title: b.t(Label::FactorsTitle),
        blocks: vec![Block::Table(b.factor_table())],
    });
    sections.push(b.warnings_section(b.emission_exclusions()));
    b.report(Kind::Inventory, title, sections)
}

fn organisation(b: &Builder<'_>) -> Section {
    let n = b.results.facility_ids.len();
    Section {
        id: "organisation",
        title: b.t(Label::OrganisationAndBoundary),
        blocks: vec![b.organisation_facts(), b.para(Label::BoundaryInventory, &[&n]), Block::Table(b.facility_table())],
    }
}

fn methodology(b: &Builder<'_>) -> Section {
    let mut facts = b.methodology_facts();
    facts.insert(1, Fact { label: b.t(Label::Scope2Methods), value: b.t(Label::Scope2MethodsValue) });
    facts.push(Fact { label: b.t(Label::ElectricityBasis), value: b.electricity_basis() });
    Section {
        id: "methodology",
        title: b.t(Label::MethodologyTitle),
        blocks: vec![Block::Facts(facts), b.para(Label::GhgpRequirements, &[]), Block::Facts(requirements(b))],
    }
}

/// What the GHG Protocol Corporate Standard (ch. 9) asks a public report to
/// state, and what the book leaves open: the consolidation approach, the
/// gases, the base year, Scope 3.
fn requirements(b: &Builder<'_>) -> Vec<Fact> {
    let r = b.results;
    let emitted: Vec<&str> = r.summary.by_gas.iter().map(|g| g.gas).collect();
    let kyoto = ["CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"];
    // A gas family counts as emitted when any of its gases is: HFC-134a is
    // an HFC, CF4 and C2F6 are PFCs.
    let family = |g: &str| -> String {
        match g {
            "CO2" | "CH4" | "N2O" | "SF6" | "NF3" => g.to_owned(),
            _ if g.starts_with("HFC") => "HFCs".to_owned(),
            _ if g.starts_with('C') && g.contains('F') && !g.contains('H') && !g.contains("Cl") => "PFCs".to_owned(),
            _ => g.to_owned(),
        }
    };
    let present: Vec<&str> = kyoto.iter().copied().filter(|k| emitted.iter().any(|g| family(g) == *k)).collect();
    let absent: Vec<&str> = kyoto.iter().copied().filter(|k| !present.contains(k)).collect();
    let sep = b.list_separator();
    let none = || b.t(Label::NoneListed);
    let base = match (&r.organisation.base_year, &r.base_year) {
        (_, Some(inv)) => b.fill(Label::BaseYearGiven, &[&inv.year]),
        (Some(by), None) => b.fill(Label::BaseYearIntensityOnly, &[&by.year]),
        (None, None) => b.t(Label::BaseYearNone),
    };
    vec![
        Fact { label: b.t(Label::ConsolidationApproach), value: b.t(Label::ConsolidationNotStated) },
        Fact {
            label: b.t(Label::GasesReported),
            value: b.fill(
                Label::GasesReportedValue,
                &[
                    &if present.is_empty() { none() } else { present.join(sep) },
                    &if absent.is_empty() { none() } else { absent.join(sep) },
                ],
            ),
        },
        Fact { label: b.t(Label::BaseYearFact), value: base },
        Fact { label: b.t(Label::Scope3Fact), value: b.t(Label::Scope3NotIncluded) },
    ]
}

/// Scope 1, Scope 2 and the total, location- and market-based side by side.
pub(crate) fn scope_table(b: &Builder<'_>) -> Table {
    let t = &b.results.summary.totals;
    let total_location = b.plus(t.scope1_t_co2e, t.scope2_location_t_co2e);
    let total_market = b.plus(t.scope1_t_co2e, t.scope2_market_t_co2e);
    let mut table = Table {
        id: "scope_summary",
        caption: b.t(Label::ScopeSummaryCaption),
        columns: vec![
            b.text_col(Label::Scope),
            b.fig_col(Label::LocationBased, "t CO2e"),
            b.fig_col(Label::MarketBased, "t CO2e"),
        ],
        rows: vec![
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.scope(Scope::Scope1)),
                    b.at(t.scope1_t_co2e, "/totals/scope1_t_co2e"),
                    b.at(t.scope1_t_co2e, "/totals/scope1_t_co2e"),
                ],
            },
            Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(b.scope(Scope::Scope2)),
                    b.at(t.scope2_location_t_co2e, "/totals/scope2_location_t_co2e"),
                    b.at(t.scope2_market_t_co2e, "/totals/scope2_market_t_co2e"),
                ],
            },
            Row {
                kind: RowKind::Total,
                cells: vec![
                    Cell::Text(b.t(Label::TotalScope12)),
                    b.at(total_location, "/totals/total_location_t_co2e"),
                    b.at(total_market, "/totals/total_market_t_co2e"),
                ],
            },
        ],
        notes: Vec::new(),
    };
    deduct_exported(b, &mut table, 2);
    b.close(&mut table, &[1, 2]);
    if !t.biogenic_co2_t.is_zero() {
        // After the total, and not part of it (workbook-v2 §4).
        table.rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(b.t(Label::BiogenicMemo)),
                b.at(t.biogenic_co2_t, "/totals/biogenic_co2_t"),
                b.at(t.biogenic_co2_t, "/totals/biogenic_co2_t"),
            ],
        });
    }
    table
}

/// GB/T 32150-2015: the total is Scope 1 + 2 less the electricity and heat
/// supplied to others. When there is any, a row of the deduction goes
/// above the total (its figure negated, so the shown parts add up), the
/// total is the net figure, and the scopes above stay gross. `columns`
/// figure columns follow the label (location-based, then market-based).
pub(crate) fn deduct_exported(b: &Builder<'_>, table: &mut Table, columns: usize) {
    let t = &b.results.summary.totals;
    if t.exported_t_co2e.is_zero() {
        return;
    }
    let Some(at) = table.rows.iter().position(|r| r.kind == RowKind::Total) else { return };
    let mut cells = vec![Cell::Text(b.scope(Scope::Exported))];
    cells.extend((0..columns).map(|_| b.deducted(t.exported_t_co2e, "/totals/exported_t_co2e")));
    table.rows.insert(at, Row { kind: RowKind::Data, cells });
    let total = &mut table.rows[at + 1];
    total.cells[0] = Cell::Text(b.t(Label::TotalNet));
    total.cells[1] = b.at(b.checked(t.total_location_t_co2e()), "/totals/total_location_t_co2e");
    if columns > 1 {
        total.cells[2] = b.at(b.checked(t.total_market_t_co2e()), "/totals/total_market_t_co2e");
    }
}

/// The scope split (pie, Scope 2 location-based).
pub(crate) fn scope_chart(b: &Builder<'_>) -> Chart {
    let t = &b.results.summary.totals;
    Chart {
        id: "scope_split",
        kind: ChartKind::Pie,
        title: b.t(Label::ChartScopeSplit),
        unit: "t CO2e".to_owned(),
        categories: vec![b.scope(Scope::Scope1), b.scope(Scope::Scope2)],
        series: vec![Series {
            name: b.t(Label::Emissions),
            values: vec![
                b.figure(t.scope1_t_co2e, Some(super::FigureRef::pointer("/totals/scope1_t_co2e"))),
                b.figure(t.scope2_location_t_co2e, Some(super::FigureRef::pointer("/totals/scope2_location_t_co2e"))),
            ],
        }],
    }
}

fn emissions(b: &Builder<'_>) -> Section {
    Section {
        id: "emissions",
        title: b.t(Label::EmissionsSummaryTitle),
        blocks: vec![
            b.para(Label::DualReportingIntro, &[]),
            Block::Table(scope_table(b)),
            Block::Chart(scope_chart(b)),
        ],
    }
}

fn scope1(b: &Builder<'_>) -> Section {
    let r = b.results;
    let sources: Vec<SourceCategory> =
        r.summary.by_source.iter().map(|(s, _)| *s).filter(|s| s.scope() == Scope::Scope1).collect();
    // Gas symbols of Scope 1, in the engine's gas order.
    let mut gases: Vec<carbonbook_core::gas::Gas> = Vec::new();
    for a in r.by_activity.iter().filter(|a| a.source.scope() == Scope::Scope1) {
        for (g, _) in &a.gases {
            if !gases.contains(g) {
                gases.push(*g);
            }
        }
    }
    gases.sort_by_key(|g| carbonbook_core::gas::Gas::ALL.iter().position(|x| x == g));
    let mut columns = vec![b.text_col(Label::SourceCategory)];
    for g in &gases {
        columns.push(super::Column {
            label: g.symbol().to_owned(),
            unit: Some("t".to_owned()),
            align: super::Align::Right,
        });
    }
    columns.push(b.fig_col(Label::Emissions, "t CO2e"));
    let gas_of = |source: Option<SourceCategory>, g: carbonbook_core::gas::Gas| -> Decimal {
        r.by_activity
            .iter()
            .filter(|a| a.source.scope() == Scope::Scope1 && source.is_none_or(|s| a.source == s))
            .flat_map(|a| a.gases.iter())
            .filter(|(x, _)| *x == g)
            .map(|(_, t)| *t)
            .fold(Decimal::ZERO, |x, y| b.plus(x, y))
    };
    let mut rows = Vec::new();
    for s in &sources {
        let mut cells = vec![Cell::Text(b.source(*s))];
        for g in &gases {
            let emits = r.by_activity.iter().any(|a| a.source == *s && a.gases.iter().any(|(x, _)| x == g));
            if !emits {
                cells.push(Cell::Empty);
                continue;
            }
            let filter = [("source", vec![s.key().to_owned()])];
            cells.push(b.activity_sum(gas_of(Some(*s), *g), &filter, &format!("gases.{}", g.symbol())));
        }
        let i = b.by_source_index(*s).unwrap_or_default();
        let v = r.summary.by_source.get(i).map(|(_, t)| t.scope1_t_co2e).unwrap_or_default();
        cells.push(b.at(v, format!("/by_source/{i}/scope1_t_co2e")));
        rows.push(Row { kind: RowKind::Data, cells });
    }
    let mut cells = vec![Cell::Text(b.t(Label::TotalScope1))];
    for g in &gases {
        let filter = [("scope", vec!["scope1".to_owned()])];
        cells.push(b.activity_sum(gas_of(None, *g), &filter, &format!("gases.{}", g.symbol())));
    }
    cells.push(b.at(r.summary.totals.scope1_t_co2e, "/totals/scope1_t_co2e"));
    rows.push(Row { kind: RowKind::Total, cells });
    let width = columns.len();
    let mut by_source =
        Table { id: "scope1_by_source", caption: b.t(Label::Scope1BySourceCaption), columns, rows, notes: Vec::new() };
    b.close(&mut by_source, &(1..width).collect::<Vec<_>>());

    let mut rows: Vec<Row> = r
        .summary
        .by_gas
        .iter()
        .enumerate()
        .map(|(i, g)| Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(g.gas.to_owned()),
                b.at(g.t, format!("/by_gas/{i}/t")),
                b.at(g.t_co2e, format!("/by_gas/{i}/t_co2e")),
            ],
        })
        .collect();
    let total = b.checked(r.summary.totals.total_location_t_co2e());
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![Cell::Text(b.t(Label::Total)), Cell::Empty, b.at(total, "/totals/total_location_t_co2e")],
    });
    let mut by_gas = Table {
        id: "by_gas",
        caption: b.t(Label::ByGasCaption),
        columns: vec![b.text_col(Label::Gas), b.fig_col(Label::MassOfGas, "t"), b.fig_col(Label::Emissions, "t CO2e")],
        rows,
        notes: vec![b.fill(Label::NoteGwp, &[&r.organisation.gwp.code()])],
    };
    if !r.summary.totals.exported_t_co2e.is_zero()
        && let Some(at) = by_gas.rows.iter().position(|r| r.kind == RowKind::Total)
    {
        let cells = vec![
            Cell::Text(b.scope(Scope::Exported)),
            Cell::Empty,
            b.deducted(r.summary.totals.exported_t_co2e, "/totals/exported_t_co2e"),
        ];
        by_gas.rows.insert(at, Row { kind: RowKind::Data, cells });
    }
    b.close(&mut by_gas, &[2]);
    Section {
        id: "scope1",
        title: b.t(Label::Scope1Title),
        blocks: vec![Block::Table(by_source), Block::Table(by_gas)],
    }
}

fn scope2(b: &Builder<'_>) -> Section {
    let r = b.results;
    let groups = b.activities_of(&[SourceCategory::PurchasedElectricity, SourceCategory::PurchasedHeat]);
    let mut rows = Vec::new();
    for a in &groups {
        let f = b.activity_filter(a);
        rows.push(Row {
            kind: RowKind::Data,
            cells: [
                b.activity_lead(a, &f),
                vec![b.activity_sum(a.t_co2e, &f, "t_co2e"), b.activity_sum(a.t_co2e_market, &f, "t_co2e_market")],
            ]
            .concat(),
        });
    }
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::Text(b.t(Label::TotalScope2)),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            b.at(r.summary.totals.scope2_location_t_co2e, "/totals/scope2_location_t_co2e"),
            b.at(r.summary.totals.scope2_market_t_co2e, "/totals/scope2_market_t_co2e"),
        ],
    });
    let mut table = Table {
        id: "scope2",
        caption: b.t(Label::Scope2Caption),
        columns: vec![
            b.text_col(Label::Facility),
            b.text_col(Label::SourceCategory),
            b.text_col(Label::Activity),
            b.fig_col(Label::Quantity, ""),
            b.text_col(Label::Unit),
            b.fig_col(Label::LocationBased, "t CO2e"),
            b.fig_col(Label::MarketBased, "t CO2e"),
        ],
        rows,
        notes: vec![b.t(b.market_note())],
    };
    b.close(&mut table, &[5, 6]);
    Section { id: "scope2", title: b.t(Label::Scope2Title), blocks: vec![Block::Table(table)] }
}

/// Per facility: scopes, totals and energy, with the grand totals.
pub(crate) fn facility_table(b: &Builder<'_>) -> Table {
    let r = b.results;
    // A column of exported energy, deducted from the totals, when there is any.
    let exported = !r.summary.totals.exported_t_co2e.is_zero();
    let mut rows = Vec::new();
    for (i, id) in r.facility_ids.iter().enumerate() {
        let t = r.summary.facility(i);
        let p = |field: &str| format!("/facilities/{i}/{field}");
        rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(id.clone()),
                b.at(t.scope1_t_co2e, p("scope1_t_co2e")),
                b.at(t.scope2_location_t_co2e, p("scope2_location_t_co2e")),
                b.at(t.scope2_market_t_co2e, p("scope2_market_t_co2e")),
                b.at(b.checked(t.total_location_t_co2e()), p("total_location_t_co2e")),
                b.fig(
                    b.checked(t.total_market_t_co2e()),
                    Some(super::FigureRef::Sum {
                        of: vec![
                            super::FigureRef::pointer(p("scope1_t_co2e")),
                            super::FigureRef::pointer(p("scope2_market_t_co2e")),
                            super::FigureRef::Pointer { pointer: p("exported_t_co2e"), negated: true },
                        ],
                    }),
                ),
                b.at(t.energy_tce, p("energy_tce")),
            ],
        });
        if exported {
            rows.last_mut().expect("just pushed").cells.insert(4, b.deducted(t.exported_t_co2e, p("exported_t_co2e")));
        }
    }
    let t = &r.summary.totals;
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::Text(b.t(Label::Total)),
            b.at(t.scope1_t_co2e, "/totals/scope1_t_co2e"),
            b.at(t.scope2_location_t_co2e, "/totals/scope2_location_t_co2e"),
            b.at(t.scope2_market_t_co2e, "/totals/scope2_market_t_co2e"),
            b.at(b.checked(t.total_location_t_co2e()), "/totals/total_location_t_co2e"),
            b.at(b.checked(t.total_market_t_co2e()), "/totals/total_market_t_co2e"),
            b.at(t.energy_tce, "/totals/energy_tce"),
        ],
    });
    if exported {
        rows.last_mut().expect("just pushed").cells.insert(4, b.deducted(t.exported_t_co2e, "/totals/exported_t_co2e"));
    }
    let mut columns = vec![
        b.text_col(Label::Facility),
        b.fig_col(Label::Scope1, "t CO2e"),
        b.fig_col(Label::Scope2Location, "t CO2e"),
        b.fig_col(Label::Scope2Market, "t CO2e"),
        b.fig_col(Label::TotalLocation, "t CO2e"),
        b.fig_col(Label::TotalMarket, "t CO2e"),
        b.fig_col(Label::Energy, "tce"),
    ];
    if exported {
        columns.insert(4, b.fig_col(Label::ScopeExported, "t CO2e"));
    }
    let mut table =
        Table { id: "facilities", caption: b.t(Label::FacilitiesCaption), columns, rows, notes: Vec::new() };
    let e = usize::from(exported);
    b.close(&mut table, &(1..=6 + e).collect::<Vec<_>>());
    for row in 0..table.rows.len() {
        let deduction: &[usize] = if exported { &[4] } else { &[] };
        b.check_row(&mut table, row, &[&[1, 2], deduction].concat(), 4 + e);
        b.check_row(&mut table, row, &[&[1, 3], deduction].concat(), 5 + e);
    }
    table
}

/// Facility bars: Scope 1 and Scope 2 (location-based) stacked.
pub(crate) fn facility_chart(b: &Builder<'_>) -> Chart {
    let r = b.results;
    let series = |label: Label, field: &str, pick: fn(&carbonbook_core::summary::Totals) -> Decimal| Series {
        name: b.t(label),
        values: (0..r.facility_ids.len())
            .map(|i| {
                b.figure(
                    pick(&r.summary.facility(i)),
                    Some(super::FigureRef::pointer(format!("/facilities/{i}/{field}"))),
                )
            })
            .collect(),
    };
    Chart {
        id: "facility_bars",
        kind: ChartKind::StackedColumn,
        title: b.t(Label::ChartFacilities),
        unit: "t CO2e".to_owned(),
        categories: r.facility_ids.clone(),
        series: vec![
            series(Label::Scope1, "scope1_t_co2e", |t| t.scope1_t_co2e),
            series(Label::Scope2Location, "scope2_location_t_co2e", |t| t.scope2_location_t_co2e),
        ],
    }
}

fn facilities(b: &Builder<'_>) -> Section {
    Section {
        id: "facilities",
        title: b.t(Label::FacilitiesTitle),
        blocks: vec![Block::Table(facility_table(b)), Block::Chart(facility_chart(b))],
    }
}

/// Intensities per 10,000 of output value, overall and per facility.
pub(crate) fn intensity_table(b: &Builder<'_>, with_carbon: bool) -> Table {
    let r = b.results;
    let i = &r.intensity;
    let cur = r.organisation.currency.code();
    let per10k = b.fill(Label::Per10kUnit, &[&cur]);
    let mut columns = vec![
        b.text_col(Label::Scope),
        b.fig_col(Label::OutputValue, cur),
        b.fig_col(Label::TcePer10k, format!("tce/{per10k}")),
    ];
    if with_carbon {
        columns.push(b.fig_col(Label::CarbonPer10kLocation, format!("t CO2e/{per10k}")));
        columns.push(b.fig_col(Label::CarbonPer10kMarket, format!("t CO2e/{per10k}")));
    }
    columns[0] = b.text_col(Label::Facility);
    let mut rows = Vec::new();
    for f in &i.facilities {
        let p = |field: &str| format!("/facilities/{}/{field}", f.facility);
        let mut cells = vec![
            Cell::Text(f.facility_id.clone()),
            b.at(f.output_value, p("output_value")),
            b.at_opt(f.tce_per_10k_output_value, p("tce_per_10k_output_value")),
        ];
        if with_carbon {
            cells.push(b.at_opt(f.t_co2e_per_10k_output_value, p("t_co2e_per_10k_output_value")));
            cells.push(Cell::Empty);
        }
        rows.push(Row { kind: RowKind::Data, cells });
    }
    let mut cells = vec![
        Cell::Text(b.t(Label::WholeOrganisation)),
        b.at(i.output_value, "/totals/output_value"),
        b.at_opt(i.tce_per_10k_output_value, "/intensity/tce_per_10k_output_value"),
    ];
    if with_carbon {
        cells.push(b.at_opt(i.t_co2e_per_10k_output_value, "/intensity/t_co2e_per_10k_output_value"));
        cells.push(b.at_opt(i.t_co2e_market_per_10k_output_value, "/intensity/t_co2e_market_per_10k_output_value"));
    }
    rows.push(Row { kind: RowKind::Total, cells });
    let mut table = Table {
        id: "intensity",
        caption: b.t(Label::IntensityCaption),
        columns,
        rows,
        notes: vec![b.t(Label::NoteIntensity)],
    };
    b.close(&mut table, &[1]);
    table
}

/// Intensities per unit of product.
pub(crate) fn product_table(b: &Builder<'_>, with_carbon: bool) -> Option<Table> {
    let r = b.results;
    let mut rows = Vec::new();
    for f in &r.intensity.facilities {
        for (j, p) in f.products.iter().enumerate() {
            let ptr = |field: &str| format!("/facilities/{}/products/{j}/{field}", f.facility);
            let mut cells = vec![
                Cell::Text(f.facility_id.clone()),
                Cell::Text(p.product.clone()),
                b.at(p.quantity, ptr("quantity")),
                Cell::Text(p.unit.clone()),
                b.at_opt(p.share, ptr("share")),
                // In kg per unit: a tonne of product takes kilograms, which
                // two decimals of tonnes would show as 0.00.
                b.at_opt(b.checked(crate::summary_json::thousandfold(p.tce_per_unit)), ptr("kgce_per_unit")),
            ];
            if with_carbon {
                cells.push(
                    b.at_opt(b.checked(crate::summary_json::thousandfold(p.t_co2e_per_unit)), ptr("kg_co2e_per_unit")),
                );
            }
            rows.push(Row { kind: RowKind::Data, cells });
        }
    }
    if rows.is_empty() {
        return None;
    }
    let mut columns = vec![
        b.text_col(Label::Facility),
        b.text_col(Label::Product),
        b.fig_col(Label::Quantity, ""),
        b.text_col(Label::Unit),
        b.fig_col(Label::Share, ""),
        b.fig_col(Label::TcePerUnit, format!("kgce/{}", b.t(Label::PerProductUnit))),
    ];
    if with_carbon {
        columns.push(b.fig_col(Label::CarbonPerUnit, format!("kg CO2e/{}", b.t(Label::PerProductUnit))));
    }
    Some(Table {
        id: "products",
        caption: b.t(Label::ProductsCaption),
        columns,
        rows,
        notes: vec![b.t(Label::NoteShare)],
    })
}

fn intensity(b: &Builder<'_>) -> Section {
    let mut blocks = vec![Block::Table(intensity_table(b, true))];
    if let Some(t) = product_table(b, true) {
        blocks.push(Block::Table(t));
    }
    Section { id: "intensity", title: b.t(Label::IntensityTitle), blocks }
}

/// The base-year comparison table and trend chart, when a base year is given.
pub(crate) fn base_year_blocks(b: &Builder<'_>, with_carbon: bool) -> Option<Vec<Block>> {
    let r = b.results;
    let base = r.organisation.base_year?;
    let cur = r.organisation.currency.code();
    let per10k = b.fill(Label::Per10kUnit, &[&cur]);
    let i = &r.intensity;
    let mut rows = Vec::new();
    let mut chart_series = Vec::new();
    let mut items = vec![(Label::TcePer10k, "tce", &i.tce_vs_base_year, "tce_vs_base_year")];
    if with_carbon {
        items.push((Label::CarbonPer10kLocation, "t CO2e", &i.t_co2e_vs_base_year, "t_co2e_vs_base_year"));
    }
    for (label, unit, cmp, key) in items {
        let Some(c) = cmp else { continue };
        let p = |field: &str| format!("/intensity/{key}/{field}");
        rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Text(format!("{} ({unit}/{per10k})", b.t(label))),
                b.at(c.base, p("base")),
                b.at(c.current, p("current")),
                b.at(c.change_percent, p("change_percent")),
            ],
        });
        chart_series.push(Series {
            name: format!("{} ({unit}/{per10k})", b.t(label)),
            // The unit is in the name: the series differ in unit.
            values: vec![
                b.figure(c.base, Some(super::FigureRef::pointer(p("base")))),
                b.figure(c.current, Some(super::FigureRef::pointer(p("current")))),
            ],
        });
    }
    let mut blocks = vec![b.para(Label::BaseYearIntro, &[&base.year, &r.organisation.reporting_year])];
    if rows.is_empty() {
        blocks.push(b.para(Label::BaseYearNotComparable, &[]));
        return Some(blocks);
    }
    blocks.push(Block::Table(Table {
        id: "base_year",
        caption: b.t(Label::BaseYearCaption),
        columns: vec![
            b.text_col(Label::Indicator),
            super::Column { label: b.fill(Label::YearN, &[&base.year]), unit: None, align: super::Align::Right },
            super::Column {
                label: b.fill(Label::YearN, &[&r.organisation.reporting_year]),
                unit: None,
                align: super::Align::Right,
            },
            b.fig_col(Label::Change, "%"),
        ],
        rows,
        notes: vec![b.t(Label::NoteChange)],
    }));
    blocks.push(Block::Chart(Chart {
        id: "intensity_trend",
        kind: ChartKind::Line,
        title: b.t(Label::ChartIntensityTrend),
        unit: String::new(),
        categories: vec![base.year.to_string(), r.organisation.reporting_year.to_string()],
        series: chart_series,
    }));
    Some(blocks)
}

/// The comparison with the intensity targets, when targets are given:
/// target, this year and how far above (+) or below (−) the target.
pub(crate) fn target_blocks(b: &Builder<'_>, with_carbon: bool) -> Option<Vec<Block>> {
    let r = b.results;
    let target = r.organisation.target?;
    let cur = r.organisation.currency.code();
    let per10k = b.fill(Label::Per10kUnit, &[&cur]);
    let i = &r.intensity;
    let mut items = vec![(Label::TcePer10k, "tce", &i.tce_vs_target, "tce_vs_target")];
    if with_carbon {
        items.push((Label::CarbonPer10kLocation, "t CO2e", &i.t_co2e_vs_target, "t_co2e_vs_target"));
    }
    let rows: Vec<Row> = items
        .into_iter()
        .filter_map(|(label, unit, cmp, key)| {
            let c = cmp.as_ref()?;
            let p = |field: &str| format!("/intensity/{key}/{field}");
            Some(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(format!("{} ({unit}/{per10k})", b.t(label))),
                    b.at(c.base, p("base")),
                    b.at(c.current, p("current")),
                    b.at(c.change_percent, p("change_percent")),
                ],
            })
        })
        .collect();
    let mut blocks = vec![b.para(Label::TargetIntro, &[&target.year, &r.organisation.reporting_year])];
    if rows.is_empty() {
        blocks.push(b.para(Label::TargetNotComparable, &[]));
        return Some(blocks);
    }
    blocks.push(Block::Table(Table {
        id: "target",
        caption: b.t(Label::TargetCaption),
        columns: vec![
            b.text_col(Label::Indicator),
            super::Column {
                label: b.fill(Label::TargetYearN, &[&target.year]),
                unit: None,
                align: super::Align::Right,
            },
            super::Column {
                label: b.fill(Label::YearN, &[&r.organisation.reporting_year]),
                unit: None,
                align: super::Align::Right,
            },
            b.fig_col(Label::AboveTarget, "%"),
        ],
        rows,
        notes: vec![b.t(Label::NoteTarget)],
    }));
    Some(blocks)
}

fn base_year(b: &Builder<'_>) -> Option<Section> {
    Some(Section { id: "base_year", title: b.t(Label::BaseYearTitle), blocks: base_year_blocks(b, true)? })
}
