//! What every report builder shares: labels in the report's language,
//! figures rounded by the report's rule, references into the summary JSON,
//! the numbered factor table, the activity-data table, warnings, and the
//! reconciliation of shown totals with their shown parts.

use std::collections::BTreeMap;
use std::fmt::Display;

use carbonbook_core::Results;
use carbonbook_core::arithmetic::{self, ArithmeticError};
use carbonbook_core::calculation::ActivityTotal;
use carbonbook_core::energy::ElectricityBasis;
use carbonbook_core::factors::{FactorRef, Parameter};
use carbonbook_core::scope::{Scope, SourceCategory};
use rust_decimal::Decimal;

use super::{
    Align, Block, Cell, Column, Fact, Figure, FigureRef, OrganisationBlock, Report, RoundingRule, Row, RowKind, SCHEMA,
    Section, Table,
};
use crate::ReportError;
use crate::labels::Label;
use crate::options::{Kind, Lang, ReportOptions};
use crate::rounding::Shown;

/// The state shared by the builders of one report.
pub(crate) struct Builder<'a> {
    pub(crate) results: &'a Results,
    pub(crate) options: &'a ReportOptions,
    pub(crate) lang: Lang,
    pub(crate) shown: Shown,
    /// Every factor the activities used, numbered F1, F2, … in the order of
    /// the activity table.
    factors: Vec<FactorRef>,
    /// The first figure that could not be computed. Section code goes on
    /// with a zero in its place, and [`Builder::finish`] refuses the report:
    /// a report never shows that zero.
    overflow: std::cell::Cell<Option<ArithmeticError>>,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(results: &'a Results, options: &'a ReportOptions) -> Builder<'a> {
        let mut factors = Vec::new();
        for a in &results.by_activity {
            for f in &a.factors {
                if !factors.contains(f) {
                    factors.push(*f);
                }
            }
        }
        Builder {
            results,
            options,
            lang: options.lang,
            shown: Shown::new(options.rounding),
            factors,
            overflow: std::cell::Cell::new(None),
        }
    }

    /// The value of a checked computation; on overflow, its default for now
    /// (zero, none, an empty list) and the report refused by
    /// [`Builder::finish`].
    pub(crate) fn checked<T: Default>(&self, value: Result<T, ArithmeticError>) -> T {
        value.unwrap_or_else(|e| {
            let first = self.overflow.take().unwrap_or(e);
            self.overflow.set(Some(first));
            T::default()
        })
    }

    /// `a + b`, checked as [`Builder::checked`].
    pub(crate) fn plus(&self, a: Decimal, b: Decimal) -> Decimal {
        self.checked(arithmetic::add(a, b))
    }

    /// The report, unless a figure of it could not be computed.
    pub(crate) fn finish(&self, report: Report) -> Result<Report, ReportError> {
        match self.overflow.take() {
            Some(e) => Err(ReportError::Overflow(e)),
            None => Ok(report),
        }
    }

    /// An activity as the report's language names it: a built-in key by
    /// the standards' name (`bituminous_coal` → 烟煤, `Bituminous coal`),
    /// any other key as given.
    pub(crate) fn activity_name(&self, key: &str) -> String {
        match (carbonbook_core::factors::activity_names(key), self.lang) {
            (Some((_, zh)), Lang::Zh) => zh.to_owned(),
            (Some((en, _)), Lang::En) => en.to_owned(),
            _ => key.to_owned(),
        }
    }

    /// A unit as the report's language writes it: Chinese statistics'
    /// names in Chinese (`万千瓦时`), the symbol otherwise (`10^4 kWh`).
    pub(crate) fn unit_name(&self, unit: carbonbook_core::units::Unit) -> String {
        match (self.lang, unit.name_zh()) {
            (Lang::Zh, Some(zh)) => zh.to_owned(),
            _ => unit.symbol().to_owned(),
        }
    }

    /// A label in the report's language.
    pub(crate) fn t(&self, label: Label) -> String {
        label.text(self.lang).to_owned()
    }

    /// A label with its `{}` placeholders filled in order.
    pub(crate) fn fill(&self, label: Label, args: &[&dyn Display]) -> String {
        label.fill(self.lang, args)
    }

    /// A column of text.
    pub(crate) fn text_col(&self, label: Label) -> Column {
        Column { label: self.t(label), unit: None, align: Align::Left }
    }

    /// A column of figures in `unit`.
    pub(crate) fn fig_col(&self, label: Label, unit: impl Into<String>) -> Column {
        Column { label: self.t(label), unit: Some(unit.into()), align: Align::Right }
    }

    /// A rounded figure with its place in the summary JSON.
    pub(crate) fn fig(&self, value: Decimal, source: Option<FigureRef>) -> Cell {
        Cell::Figure(self.figure(value, source))
    }

    /// A rounded figure (not a cell).
    pub(crate) fn figure(&self, value: Decimal, source: Option<FigureRef>) -> Figure {
        Figure { exact: value, shown: self.shown.text(value), rounded: true, source }
    }

    /// A rounded figure at a JSON pointer of the summary.
    pub(crate) fn at(&self, value: Decimal, pointer: impl Into<String>) -> Cell {
        self.fig(value, Some(FigureRef::pointer(pointer)))
    }

    /// A figure shown with the opposite sign of the summary's figure at a
    /// pointer: a deduction (exported energy) in a column of parts.
    pub(crate) fn deducted(&self, value: Decimal, pointer: impl Into<String>) -> Cell {
        self.fig(-value, Some(FigureRef::Pointer { pointer: pointer.into(), negated: true }))
    }

    /// An optional figure at a pointer; a dash when it cannot be computed.
    pub(crate) fn at_opt(&self, value: Option<Decimal>, pointer: impl Into<String>) -> Cell {
        match value {
            Some(v) => self.at(v, pointer),
            None => Cell::Text(self.t(Label::NotComputed)),
        }
    }

    /// A published value (a factor), shown as published, not rounded.
    pub(crate) fn published(&self, value: Decimal) -> Cell {
        Cell::Figure(Figure { exact: value, shown: value.to_string(), rounded: false, source: None })
    }

    /// A value given in the book (a benchmark), shown as given, not
    /// rounded, with its place in the summary JSON.
    pub(crate) fn given_at(&self, value: Decimal, pointer: impl Into<String>) -> Cell {
        Cell::Figure(Figure {
            exact: value,
            shown: value.to_string(),
            rounded: false,
            source: Some(FigureRef::pointer(pointer)),
        })
    }

    /// A figure summing one field over the activities of a group.
    pub(crate) fn activity_sum(&self, value: Decimal, filter: &[(&str, Vec<String>)], field: &str) -> Cell {
        let filter: BTreeMap<String, Vec<String>> = filter.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        self.fig(value, Some(FigureRef::ActivitySum { filter, field: field.to_owned() }))
    }

    /// The filter selecting the activities of one activity total.
    /// The first cells of an activity-data row: facility, source category,
    /// activity, quantity (traced to the summary JSON) and unit.
    pub(crate) fn activity_lead(&self, a: &ActivityTotal, filter: &[(&str, Vec<String>)]) -> Vec<Cell> {
        vec![
            Cell::Text(self.facility_id(a.facility).to_owned()),
            Cell::Text(self.source(a.source)),
            Cell::Text(self.activity_name(&a.activity)),
            self.activity_sum(a.quantity, filter, "quantity"),
            Cell::Text(self.unit_name(a.unit)),
        ]
    }

    pub(crate) fn activity_filter(&self, a: &ActivityTotal) -> Vec<(&'static str, Vec<String>)> {
        vec![
            ("facility_id", vec![self.facility_id(a.facility).to_owned()]),
            ("source", vec![a.source.key().to_owned()]),
            ("activity", vec![a.activity.clone()]),
            ("unit", vec![a.unit.symbol().to_owned()]),
        ]
    }

    /// The id of the facility with this index.
    pub(crate) fn facility_id(&self, index: usize) -> &str {
        self.results.facility_ids.get(index).map_or("", String::as_str)
    }

    /// The label of a source category.
    pub(crate) fn source(&self, s: SourceCategory) -> String {
        self.t(Label::source(s))
    }

    /// The label of a scope.
    pub(crate) fn scope(&self, s: Scope) -> String {
        self.t(match s {
            Scope::Scope1 => Label::Scope1,
            Scope::Scope2 => Label::Scope2,
            Scope::Exported => Label::ScopeExported,
        })
    }

    /// The index of a source category in the summary's `by_source`.
    pub(crate) fn by_source_index(&self, s: SourceCategory) -> Option<usize> {
        self.results.summary.by_source.iter().position(|(c, _)| *c == s)
    }

    /// The activity totals of some source categories, in book order.
    pub(crate) fn activities_of(&self, sources: &[SourceCategory]) -> Vec<&'a ActivityTotal> {
        self.results.by_activity.iter().filter(|a| sources.contains(&a.source)).collect()
    }

    /// The note on market-based Scope 2 of electricity without a contract,
    /// as the organisation chose it (`scope2_market_uncovered`).
    pub(crate) fn market_note(&self) -> Label {
        match self.results.organisation.scope2_market_uncovered {
            carbonbook_core::scope::UncoveredConsumption::Residual => Label::NoteMarketResidual,
            carbonbook_core::scope::UncoveredConsumption::Location => Label::NoteMarketFallback,
        }
    }

    /// A paragraph.
    pub(crate) fn para(&self, label: Label, args: &[&dyn Display]) -> Block {
        Block::Paragraph(self.fill(label, args))
    }

    /// The report around the sections.
    /// The report of `kind` with `sections`, unless one of its figures
    /// could not be computed ([`Builder::checked`]).
    pub(crate) fn report(&self, kind: Kind, title: String, sections: Vec<Section>) -> Result<Report, ReportError> {
        let r = self.results;
        let o = &r.organisation;
        self.finish(Report {
            schema: SCHEMA,
            kind,
            language: self.lang,
            title,
            generator: format!("carbonbook {}", env!("CARGO_PKG_VERSION")),
            organisation: OrganisationBlock {
                name: o.name.clone(),
                reporting_year: o.reporting_year,
                methodology: r.methodology.to_owned(),
                methodology_title: r.methodology_title.to_owned(),
                gwp: o.gwp.code().to_owned(),
                currency: o.currency.code().to_owned(),
                electricity_basis: self.electricity_basis(),
                base_year: o.base_year.map(|b| b.year),
                facilities: r.facility_ids.clone(),
                source_name: self.options.source_name.clone(),
            },
            rounding: RoundingRule {
                decimal_places: self.options.rounding.decimal_places,
                text: self.shown.rule(self.lang),
            },
            sections,
        })
    }

    /// The electricity basis in words, with its coefficient.
    pub(crate) fn electricity_basis(&self) -> String {
        let basis = &self.results.organisation.electricity_basis;
        let (value, source) = basis.coefficient().unwrap_or_default();
        match basis {
            ElectricityBasis::EquivalentValue => self.fill(Label::ElectricityEquivalentValue, &[&value, &source]),
            ElectricityBasis::EqualValue { .. } => self.fill(Label::ElectricityEqualValue, &[&value, &source]),
        }
    }

    /// Who, when and from what: the facts that open every report.
    pub(crate) fn organisation_facts(&self) -> Block {
        let r = self.results;
        let o = &r.organisation;
        let mut facts = vec![
            Fact { label: self.t(Label::ReportingEntity), value: o.name.clone() },
            Fact { label: self.t(Label::ReportingPeriod), value: self.fill(Label::PeriodOfYear, &[&o.reporting_year]) },
            Fact { label: self.t(Label::Facilities), value: self.facility_list() },
        ];
        if !self.options.source_name.is_empty() {
            facts.push(Fact { label: self.t(Label::SourceBook), value: self.options.source_name.clone() });
        }
        facts.push(Fact { label: self.t(Label::Currency), value: o.currency.code().to_owned() });
        Block::Facts(facts)
    }

    /// The facilities of the book: id, name, sector and grid region.
    pub(crate) fn facility_table(&self) -> Table {
        let or_not_given = |v: Option<&str>| match v {
            Some(t) if !t.trim().is_empty() => t.to_owned(),
            _ => self.t(Label::NotGiven),
        };
        let rows = self
            .results
            .facility_ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let f = self.results.facilities.get(i);
                Row {
                    kind: RowKind::Data,
                    cells: vec![
                        Cell::Text(id.clone()),
                        Cell::Text(or_not_given(f.map(|f| f.name.as_str()))),
                        Cell::Text(or_not_given(f.and_then(|f| f.sector.as_deref()))),
                        Cell::Text(match f.and_then(|f| f.grid_region.as_deref()) {
                            // A Chinese report names the library's regions in Chinese, key beside.
                            Some(g) if !g.trim().is_empty() => {
                                match (self.lang, carbonbook_core::factors::grid_region_name_zh(g.trim())) {
                                    (Lang::Zh, Some(zh)) => format!("{zh}（{g}）"),
                                    _ => g.to_owned(),
                                }
                            }
                            _ => self.t(Label::GridNational),
                        }),
                    ],
                }
            })
            .collect();
        Table {
            id: "facility_list",
            caption: self.t(Label::FacilityListCaption),
            columns: vec![
                self.text_col(Label::Facility),
                self.text_col(Label::FacilityName),
                self.text_col(Label::Sector),
                self.text_col(Label::GridRegion),
            ],
            rows,
            notes: Vec::new(),
        }
    }

    /// The facility ids, comma-separated.
    pub(crate) fn facility_list(&self) -> String {
        let sep = if self.lang == Lang::Zh { "、" } else { ", " };
        self.results.facility_ids.join(sep)
    }

    /// Methodology, GWP set, rounding rule.
    pub(crate) fn methodology_facts(&self) -> Vec<Fact> {
        let r = self.results;
        vec![
            Fact { label: self.t(Label::Methodology), value: format!("{} ({})", r.methodology_title, r.methodology) },
            Fact { label: self.t(Label::GwpSet), value: self.fill(Label::GwpSetValue, &[&r.organisation.gwp.code()]) },
        ]
    }

    /// The number of a factor in the factor table (`F3`).
    pub(crate) fn factor_number(&self, r: FactorRef) -> String {
        self.factors.iter().position(|f| *f == r).map_or_else(String::new, |i| format!("F{}", i + 1))
    }

    /// The numbers of a group's factors (`F1, F2`); "measured" for a group
    /// that cites none because every parameter was measured.
    pub(crate) fn factor_numbers(&self, a: &ActivityTotal) -> String {
        if a.factors.is_empty() && a.measured_lines > 0 {
            return self.t(Label::Measured);
        }
        a.factors.iter().map(|r| self.factor_number(*r)).collect::<Vec<_>>().join(", ")
    }

    /// The value of a group's factor of one parameter, as `value unit`;
    /// for a `measurable` parameter without a default cited, "measured"
    /// (every line measured it); otherwise empty.
    pub(crate) fn parameter(&self, a: &ActivityTotal, want: fn(&Parameter) -> bool, measurable: bool) -> Cell {
        let lib = &self.results.library;
        let found: Vec<String> = a
            .factors
            .iter()
            .map(|r| lib.factor(*r))
            .filter(|f| want(&f.parameter))
            .map(|f| match f.unit_text.as_str() {
                // A fraction (oxidation rate, biomass share) reads as a percentage.
                "fraction" => match f.value.checked_mul(Decimal::ONE_HUNDRED) {
                    Some(p) => format!("{}%", p.normalize()),
                    None => format!("{} fraction", f.value),
                },
                unit => format!("{} {unit}", f.value).trim().to_owned(),
            })
            .collect();
        if found.is_empty() {
            if measurable && a.measured_lines > 0 { Cell::Text(self.t(Label::Measured)) } else { Cell::Empty }
        } else {
            Cell::Text(found.join("; "))
        }
    }

    /// The factor table: every factor the activities used, with its
    /// citation.
    pub(crate) fn factor_table(&self) -> Table {
        let lib = &self.results.library;
        let rows = self
            .factors
            .iter()
            .map(|r| {
                let f = lib.factor(*r);
                Row {
                    kind: RowKind::Data,
                    cells: vec![
                        Cell::Text(self.factor_number(*r)),
                        Cell::Text(f.id.clone()),
                        Cell::Text(f.name.clone()),
                        Cell::Text(self.t(Label::parameter(&f.parameter)).replace("{}", f.parameter_gas())),
                        self.published(f.value),
                        Cell::Text(f.unit_text.clone()),
                        Cell::Text(f.source.citation()),
                        Cell::Text(f.source.published.map(|y| y.to_string()).unwrap_or_default()),
                        Cell::Text(f.validity.to_string()),
                        Cell::Text(f.source.confirmation.grade().to_owned()),
                    ],
                }
            })
            .collect();
        Table {
            id: "factors",
            caption: self.t(Label::FactorTableCaption),
            columns: vec![
                self.text_col(Label::FactorNo),
                self.text_col(Label::FactorId),
                self.text_col(Label::FactorName),
                self.text_col(Label::Parameter),
                Column { label: self.t(Label::Value), unit: None, align: Align::Right },
                self.text_col(Label::Unit),
                self.text_col(Label::Source),
                self.text_col(Label::Published),
                self.text_col(Label::Validity),
                self.text_col(Label::Confirmation),
            ],
            rows,
            notes: vec![self.t(Label::NoteFactorsPublished), self.t(Label::NoteConfirmationGrades)],
        }
    }

    /// The activity data of some source categories: quantity, energy,
    /// emissions and the factors used, with a total row.
    pub(crate) fn activity_table(&self, id: &'static str, caption: Label, sources: &[SourceCategory]) -> Table {
        let groups = self.activities_of(sources);
        let mut rows = Vec::with_capacity(groups.len() + 1);
        for a in &groups {
            let f = self.activity_filter(a);
            rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(self.facility_id(a.facility).to_owned()),
                    Cell::Text(self.source(a.source)),
                    Cell::Text(self.activity_name(&a.activity)),
                    self.activity_sum(a.quantity, &f, "quantity"),
                    Cell::Text(self.unit_name(a.unit)),
                    self.activity_sum(a.tce, &f, "tce"),
                    self.activity_sum(a.t_co2e, &f, "t_co2e"),
                    self.activity_sum(a.t_co2e_market, &f, "t_co2e_market"),
                    Cell::Text(self.factor_numbers(a)),
                ],
            });
        }
        let keys: Vec<String> = sources.iter().map(|s| s.key().to_owned()).collect();
        let all = [("source", keys)];
        let sum = |pick: fn(&ActivityTotal) -> Decimal| {
            groups.iter().map(|a| pick(a)).fold(Decimal::ZERO, |x, y| self.plus(x, y))
        };
        rows.push(Row {
            kind: RowKind::Total,
            cells: vec![
                Cell::Text(self.t(Label::Total)),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                self.activity_sum(sum(|a| a.tce), &all, "tce"),
                self.activity_sum(sum(|a| a.t_co2e), &all, "t_co2e"),
                self.activity_sum(sum(|a| a.t_co2e_market), &all, "t_co2e_market"),
                Cell::Empty,
            ],
        });
        let mut table = Table {
            id,
            caption: self.t(caption),
            columns: vec![
                self.text_col(Label::Facility),
                self.text_col(Label::SourceCategory),
                self.text_col(Label::Activity),
                self.fig_col(Label::Quantity, ""),
                self.text_col(Label::Unit),
                self.fig_col(Label::Energy, "tce"),
                self.fig_col(Label::EmissionsLocation, "t CO2e"),
                self.fig_col(Label::EmissionsMarket, "t CO2e"),
                self.text_col(Label::Factors),
            ],
            rows,
            notes: vec![self.t(Label::NoteMarketScope1)],
        };
        self.close(&mut table, &[5, 6, 7]);
        table
    }

    /// Warnings of the calculation and of the run, without repeats, and
    /// what the report leaves out.
    pub(crate) fn warnings_section(&self, exclusions: Vec<String>) -> Section {
        let title = if exclusions.is_empty() { Label::WarningsAnnex } else { Label::WarningsAndExclusions };
        let mut blocks = self.warning_blocks();
        if !exclusions.is_empty() {
            blocks.push(Block::Paragraph(self.t(Label::ExclusionsIntro)));
            blocks.extend(exclusions.into_iter().map(Block::Note));
        }
        Section { id: "warnings", title: self.t(title), blocks }
    }

    /// The run's warnings, each once: those the caller placed on their
    /// cells ([`ReportOptions::warnings`]) in place of the results' own.
    pub(crate) fn warning_blocks(&self) -> Vec<Block> {
        let mut seen: Vec<String> = Vec::new();
        let all: Vec<String> = if self.options.warnings.is_empty() {
            self.results
                .warnings
                .iter()
                .map(|w| match (&w.message_zh, self.lang) {
                    (Some(zh), Lang::Zh) => {
                        carbonbook_core::calculation::Warning { message: zh.clone(), ..w.clone() }.to_string()
                    }
                    _ => w.to_string(),
                })
                .collect()
        } else {
            self.options.warnings.clone()
        };
        for w in all {
            if !seen.contains(&w) {
                seen.push(w);
            }
        }
        if seen.is_empty() {
            return vec![Block::Paragraph(self.t(Label::NoWarnings))];
        }
        let mut blocks = vec![Block::Paragraph(self.fill(Label::WarningsIntro, &[&seen.len()]))];
        blocks.extend(seen.into_iter().map(Block::Note));
        blocks
    }

    /// Exclusions every emissions report states: Scope 3, source categories
    /// and facilities without data.
    pub(crate) fn emission_exclusions(&self) -> Vec<String> {
        let r = self.results;
        let mut out = vec![self.t(Label::ExcludedScope3)];
        let missing: Vec<String> = SourceCategory::ALL
            .into_iter()
            // Emission sources only: exporting no energy omits nothing.
            .filter(|s| !s.is_export() && !r.summary.by_source.iter().any(|(c, _)| c == s))
            .map(|s| self.source(s))
            .collect();
        if !missing.is_empty() {
            out.push(self.fill(Label::ExcludedSources, &[&missing.join(self.list_separator())]));
        }
        let idle: Vec<&str> = r
            .facility_ids
            .iter()
            .enumerate()
            .filter(|(i, _)| !r.summary.facilities.iter().any(|f| f.facility == *i))
            .map(|(_, id)| id.as_str())
            .collect();
        if !idle.is_empty() {
            out.push(self.fill(Label::ExcludedFacilities, &[&idle.join(self.list_separator())]));
        }
        out
    }

    /// `, ` or `、`.
    pub(crate) fn list_separator(&self) -> &'static str {
        if self.lang == Lang::Zh { "、" } else { ", " }
    }

    /// Adds a reconciliation row above the total row where, in one of
    /// `columns`, the shown total is not the sum of the shown data rows.
    pub(crate) fn close(&self, table: &mut Table, columns: &[usize]) {
        let Some(total_at) = table.rows.iter().position(|r| r.kind == RowKind::Total) else { return };
        let width = table.columns.len();
        let mut cells = vec![Cell::Empty; width];
        let mut differs = Vec::new();
        for &c in columns {
            let Some(total) = table.rows[total_at].cells.get(c).and_then(Cell::figure) else { continue };
            let parts = table.rows[..total_at]
                .iter()
                .filter(|r| r.kind == RowKind::Data)
                .filter_map(|r| r.cells.get(c).and_then(Cell::figure))
                .map(|f| self.shown.value(f.exact))
                .fold(Decimal::ZERO, |x, y| self.plus(x, y));
            let diff = self.checked(arithmetic::sub(self.shown.value(total.exact), parts));
            if !diff.is_zero() {
                cells[c] =
                    Cell::Figure(Figure { exact: diff, shown: self.shown.text(diff), rounded: true, source: None });
                differs.push((table.columns[c].header(), self.shown.text(parts), total.shown.clone()));
            }
        }
        if differs.is_empty() {
            return;
        }
        cells[0] = Cell::Text(self.t(Label::RoundingDifference));
        table.rows.insert(total_at, Row { kind: RowKind::Reconciliation, cells });
        for (column, parts, total) in differs {
            table.notes.push(self.fill(Label::NoteReconciliation, &[&column, &parts, &total]));
        }
    }

    /// Adds a note to a table where, in row `row`, the shown figure in
    /// column `total` is not the sum of the shown figures in `parts`.
    pub(crate) fn check_row(&self, table: &mut Table, row: usize, parts: &[usize], total: usize) {
        let Some(r) = table.rows.get(row).filter(|r| r.kind != RowKind::Reconciliation) else { return };
        let value = |c: usize| r.cells.get(c).and_then(Cell::figure).map(|f| self.shown.value(f.exact));
        let Some(t) = value(total) else { return };
        let sum = parts.iter().filter_map(|c| value(*c)).fold(Decimal::ZERO, |x, y| self.plus(x, y));
        if sum != t {
            let note = self.fill(
                Label::NoteRowReconciliation,
                &[&r.cells[0].shown(), &table.columns[total].header(), &self.shown.text(t), &self.shown.text(sum)],
            );
            table.notes.push(note);
        }
    }
}

/// The gas a parameter is about, for labels with a `{}`.
trait ParameterGas {
    fn parameter_gas(&self) -> &'static str;
}

impl ParameterGas for carbonbook_core::factors::Factor {
    fn parameter_gas(&self) -> &'static str {
        match self.parameter {
            Parameter::EmissionFactor(g) => g.symbol(),
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use carbonbook_core::inventory::{Inventory, Organisation};
    use rust_decimal::Decimal;

    use super::Builder;
    use crate::ReportError;
    use crate::options::{Kind, ReportOptions};

    /// A sum a report computes that overflows refuses the whole report,
    /// even though the section code went on with a zero.
    #[test]
    fn an_overflow_refuses_the_report() {
        let results = Inventory::new(Organisation::new("Co.", 2024)).calculate().unwrap();
        let options = ReportOptions::default();
        let b = Builder::new(&results, &options);
        assert!(b.report(Kind::Inventory, "t".into(), Vec::new()).is_ok());
        assert_eq!(b.plus(Decimal::MAX, Decimal::ONE), Decimal::ZERO);
        assert!(matches!(b.report(Kind::Inventory, "t".into(), Vec::new()), Err(ReportError::Overflow(_))));
    }
}
