//! The report model (`carbonbook.report.v1`): what a report says, before
//! it is laid out in any format.
//!
//! A [`Report`] is a title, an [`OrganisationBlock`], the [`RoundingRule`]
//! its figures are shown by, and [`Section`]s of [`Block`]s: paragraphs,
//! facts (label and value), [`Table`]s, [`Chart`]s and notes. A table cell
//! is text or a [`Figure`], which carries both the exact decimal and the
//! string shown for it, and, when the figure is one of the summary JSON's,
//! a [`FigureRef`] saying where. Every renderer lays out this one model, so
//! every format shows the same numbers.
//!
//! One builder per kind turns [`Results`](carbonbook_core::Results) into a
//! report: [`inventory`], [`cn_ghg`], [`energy`], [`ets`], [`finance`]. They use only the
//! results' summaries (never the ledger, which a streaming run does not
//! keep).
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use carbonbook_report::{Kind, ReportOptions};
//! use rust_decimal_macros::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Example Co.", 2024));
//! inv.facilities.push(Facility::new("F1"));
//! inv.activities.push(Activity::new("F1", SourceCategory::StationaryCombustion, "diesel",
//!     Quantity::new(dec!(100), Unit::Tonne)));
//! let results = inv.calculate()?;
//! let report = carbonbook_report::build(Kind::Inventory, &results, &ReportOptions::default())?;
//! assert_eq!(report.schema, "carbonbook.report.v1");
//! let first = report.figures().next().expect("a figure");
//! assert_eq!(first.shown, "309.59"); // Scope 1, 309.5909… t CO2e, to two places
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// The source categories whose rows are emissions: the activity tables
/// list these; exported energy is shown as the deduction it is.
pub(crate) const EMISSION_SOURCES: [carbonbook_core::scope::SourceCategory; 6] = {
    use carbonbook_core::scope::SourceCategory as S;
    [S::StationaryCombustion, S::MobileCombustion, S::Process, S::Fugitive, S::PurchasedElectricity, S::PurchasedHeat]
};

mod builder;
pub mod cbam;
pub mod cn_ghg;
pub mod energy;
pub mod ets;
pub mod finance;
pub mod inventory;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::options::{Kind, Lang};

pub(crate) use builder::Builder;

/// The schema id of the report model.
pub const SCHEMA: &str = "carbonbook.report.v1";

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The kind of report.
    pub kind: Kind,
    /// The language of its labels and sentences.
    pub language: Lang,
    /// The title.
    pub title: String,
    /// The program that wrote it (`carbonbook 0.1.0`).
    pub generator: String,
    /// Who and what the report is about.
    pub organisation: OrganisationBlock,
    /// The rule every shown figure is rounded by.
    pub rounding: RoundingRule,
    /// The body.
    pub sections: Vec<Section>,
}

impl Report {
    /// Every table of the report, in document order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| s.blocks.iter()).filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    /// Every chart of the report, in document order.
    pub fn charts(&self) -> impl Iterator<Item = &Chart> {
        self.sections.iter().flat_map(|s| s.blocks.iter()).filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
    }

    /// Every figure of the report's tables and charts, in document order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        let tables = self.tables().flat_map(|t| t.rows.iter()).flat_map(|r| r.cells.iter()).filter_map(Cell::figure);
        let charts = self.charts().flat_map(|c| c.series.iter()).flat_map(|s| s.values.iter());
        tables.chain(charts)
    }
}

/// Who and what the report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationBlock {
    /// The reporting entity (user-supplied text).
    pub name: String,
    /// The calendar year reported.
    pub reporting_year: i32,
    /// The methodology id (`cn-gbt32150`, `ipcc-2006`).
    pub methodology: String,
    /// The methodology's title.
    pub methodology_title: String,
    /// The GWP-100 set (`AR5`).
    pub gwp: String,
    /// The currency of output values and prices.
    pub currency: String,
    /// The basis electricity is converted to standard coal on.
    pub electricity_basis: String,
    /// The base year, when one is given.
    pub base_year: Option<i32>,
    /// Facility ids, in book order.
    pub facilities: Vec<String>,
    /// The book the figures come from (file name; may be empty).
    pub source_name: String,
}

/// The rounding rule of shown figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundingRule {
    /// Decimal places shown.
    pub decimal_places: u32,
    /// The rule in words, in the report's language.
    pub text: String,
}

/// A titled part of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// A stable id (`scope_summary`), for anchors and sheet names.
    pub id: &'static str,
    /// The heading.
    pub title: String,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

/// One piece of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "content", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of text.
    Paragraph(String),
    /// Label–value pairs (organisation details, methodology).
    Facts(Vec<Fact>),
    /// A table.
    Table(Table),
    /// A chart, with its data.
    Chart(Chart),
    /// A note (a remark set apart from the text).
    Note(String),
}

/// A label and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// The label.
    pub label: String,
    /// The value.
    pub value: String,
}

/// How a column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Text.
    Left,
    /// Figures.
    Right,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The header.
    pub label: String,
    /// The unit of its figures (`t CO2e`), when it has one.
    pub unit: Option<String>,
    /// Alignment.
    pub align: Align,
}

impl Column {
    /// The header with its unit: `Scope 1 (t CO2e)`.
    pub fn header(&self) -> String {
        match &self.unit {
            Some(u) if !u.is_empty() => format!("{} ({u})", self.label),
            _ => self.label.clone(),
        }
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// An ordinary row: one of the parts.
    Data,
    /// The difference between a shown total and the sum of the shown parts
    /// above it, caused by rounding each separately.
    Reconciliation,
    /// The total of the data rows (and the reconciliation row, if any).
    Total,
}

/// A row of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// What the row is.
    pub kind: RowKind,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// A table with a caption, columns, rows and notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// A stable id (`facilities`).
    pub id: &'static str,
    /// The caption.
    pub caption: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, totals last.
    pub rows: Vec<Row>,
    /// Notes under the table (reconciliations, symbols).
    pub notes: Vec<String>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Nothing (shown empty).
    Empty,
    /// Text.
    Text(String),
    /// A figure.
    Figure(Figure),
}

impl Cell {
    /// The figure, if the cell holds one.
    pub fn figure(&self) -> Option<&Figure> {
        match self {
            Cell::Figure(f) => Some(f),
            _ => None,
        }
    }

    /// What the cell shows: the text, the figure's shown string, or nothing.
    pub fn shown(&self) -> &str {
        match self {
            Cell::Empty => "",
            Cell::Text(t) => t,
            Cell::Figure(f) => &f.shown,
        }
    }
}

/// A figure: the exact decimal and the string shown for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The exact value, as the engine computed it.
    #[serde(serialize_with = "exact")]
    pub exact: Decimal,
    /// What is shown: the value rounded by the report's rule, or, for a
    /// published factor (`rounded` false), the value as published.
    pub shown: String,
    /// Whether `shown` is `exact` rounded by the report's rule.
    pub rounded: bool,
    /// Where the figure is in the summary JSON of the same book, when it is
    /// there.
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    pub source: Option<FigureRef>,
}

impl Figure {
    /// `shown` without its thousands separators (`1234.50`), for formats a
    /// program reads.
    ///
    /// ```
    /// use carbonbook_report::model::Figure;
    /// use rust_decimal_macros::dec;
    /// let f = Figure { exact: dec!(1234.5), shown: "1,234.50".into(), rounded: true, source: None };
    /// assert_eq!(f.plain(), "1234.50");
    /// ```
    pub fn plain(&self) -> String {
        self.shown.replace(',', "")
    }
}

fn exact<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::summary_json::dec(*d))
}

/// Where a figure is in the summary JSON (`carbonbook.summary.v1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureRef {
    /// The figure at a JSON pointer (RFC 6901), e.g. `/totals/scope1_t_co2e`.
    Pointer {
        /// The pointer.
        pointer: String,
        /// Whether the report shows it with the opposite sign (allowances
        /// sold, verified emissions, in a compliance balance).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        negated: bool,
    },
    /// The sum of one field over the `activities` entries that match every
    /// `filter` (field → accepted values), e.g. the quantity of diesel at
    /// one facility. `field` is a field name (`quantity`, `t_co2e`, `tce`)
    /// or `gases.SYMBOL` for the tonnes of one gas.
    ActivitySum {
        /// Entry field → the values it may have.
        filter: BTreeMap<String, Vec<String>>,
        /// The field summed.
        field: String,
    },
    /// The sum of other figures of the summary JSON.
    Sum {
        /// The figures added.
        of: Vec<FigureRef>,
    },
}

impl FigureRef {
    /// A pointer reference.
    pub fn pointer(pointer: impl Into<String>) -> FigureRef {
        FigureRef::Pointer { pointer: pointer.into(), negated: false }
    }
}

/// How a chart draws its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Shares of a whole (one series).
    Pie,
    /// Horizontal bars (one series).
    Bar,
    /// Vertical columns, series stacked.
    StackedColumn,
    /// Points joined by lines, one line per series.
    Line,
}

/// One series of a chart: a value per category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The series name.
    pub name: String,
    /// One figure per category.
    pub values: Vec<Figure>,
}

/// A chart and its data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// A stable id (`scope_split`).
    pub id: &'static str,
    /// How it is drawn.
    pub kind: ChartKind,
    /// The title.
    pub title: String,
    /// The unit of the values.
    pub unit: String,
    /// Category labels (x axis, slices).
    pub categories: Vec<String>,
    /// The series.
    pub series: Vec<Series>,
}

impl Chart {
    /// The chart's data as a table: a column of categories and one column
    /// per series (how text formats show a chart).
    pub fn data_table(&self, category_label: &str) -> Table {
        let mut columns = vec![Column { label: category_label.to_owned(), unit: None, align: Align::Left }];
        columns.extend(self.series.iter().map(|s| Column {
            label: s.name.clone(),
            unit: Some(self.unit.clone()),
            align: Align::Right,
        }));
        let rows = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut cells = vec![Cell::Text(c.clone())];
                cells.extend(
                    self.series.iter().map(|s| s.values.get(i).map_or(Cell::Empty, |f| Cell::Figure(f.clone()))),
                );
                Row { kind: RowKind::Data, cells }
            })
            .collect();
        Table { id: self.id, caption: self.title.clone(), columns, rows, notes: Vec::new() }
    }
}
