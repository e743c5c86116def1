//! Reports built from carbonbook results: documents an accountant can file
//! and sign, from the same figures as every other output.
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use carbonbook_report::{Format, Kind, ReportOptions};
//! use rust_decimal_macros::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Example Co.", 2024));
//! inv.facilities.push(Facility::new("F1"));
//! inv.activities.push(Activity::new("F1", SourceCategory::PurchasedElectricity, "electricity",
//!     Quantity::new(dec!(1000), Unit::MegawattHour)));
//! let results = inv.calculate()?;
//!
//! let kind: Kind = "cn-ghg".parse()?;
//! let options = ReportOptions::for_kind(kind); // Chinese, 2 places, half away from zero
//! let report = carbonbook_report::build(kind, &results, &options)?;
//! let md = carbonbook_report::render(&report, Format::Md)?;
//! let text = String::from_utf8(md)?;
//! assert!(text.starts_with("# 企业温室气体排放报告"));
//! assert!(text.contains("数字修约至小数点后 2 位，四舍五入。"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! * [`build()`] turns [`Results`] into a [`Report`] (the versioned model,
//!   [`model`]), one builder per [`Kind`]: `inventory` (GHG Protocol /
//!   ISO 14064-1), `cn-ghg` (GB/T 32150), `energy` (GB/T 2589), `ets`
//!   (compliance statement), `cbam` (EU CBAM: the installation's
//!   communication and the importer's summary). Builders read the results' summaries and
//!   per-activity totals, never the ledger, so a streaming run that kept
//!   no ledger lines gets the same report.
//! * [`render()`] lays a report out as one file in a [`Format`] ([`mod@render`]): `html`
//!   (self-contained, inline CSS and SVG charts, laid out for printing),
//!   `md`, `json` (the model), `csv` (the tables, formula-like text
//!   neutralised), `xlsx` (formatted, with charts), `pdf` (typeset in process by Typst,
//!   fonts embedded and subset; see [`render::pdf`]).
//! * Every figure is rounded by one [`RoundingPolicy`] ([`rounding`]),
//!   printed in the report; where shown parts do not add to a shown total,
//!   a reconciliation line says so.
//! * Every label comes from one translation table ([`labels`]), Chinese and
//!   English.
//! * [`summary_json`]: the summary JSON of the output contract
//!   (`carbonbook.summary.v1`), every figure an exact decimal string.
//!   Every figure of a report that is also in the summary JSON says where
//!   ([`model::FigureRef`]).
//!
//! [`RoundingPolicy`]: carbonbook_core::rounding::RoundingPolicy

#![deny(missing_docs)]

mod cbam_json;
pub mod labels;
pub mod model;
mod options;
pub mod render;
pub mod rounding;
pub mod summary_json;

use carbonbook_core::Results;

pub use model::Report;
pub use options::{Format, Kind, Lang, ParseError, ReportOptions};
pub use render::ReportError;

/// Builds a report of `kind` from `results`.
///
/// `results.ledger` may be empty: only the summaries, per-activity totals,
/// intensities, trading positions and warnings are read.
///
/// # Errors
///
/// [`ReportError::Overflow`] when a figure the report shows cannot be
/// computed (a sum beyond what a decimal holds): never a silent zero.
pub fn build(kind: Kind, results: &Results, options: &ReportOptions) -> Result<Report, ReportError> {
    // Every figure a report shows is a figure of the summary JSON: if those
    // compute, so do the report's.
    summary_json::check(results)?;
    match kind {
        Kind::Inventory => model::inventory::build(results, options),
        Kind::CnGhg => model::cn_ghg::build(results, options),
        Kind::Energy => model::energy::build(results, options),
        Kind::Ets => model::ets::build(results, options),
        Kind::Cbam => model::cbam::build(results, options),
        Kind::Finance => model::finance::build(results, options),
    }
}

/// Renders a report as the bytes of one file in `format`.
///
/// # Errors
///
/// [`ReportError::NoCjkFont`] or [`ReportError::Pdf`] for [`Format::Pdf`]; [`ReportError::Xlsx`]
/// when the workbook cannot be written; [`ReportError::Json`] or
/// [`ReportError::Csv`] when serialising fails.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Html => Ok(render::html::render(report).into_bytes()),
        Format::Pdf => render::pdf::render(report),
        Format::Md => Ok(render::md::render(report).into_bytes()),
        Format::Json => render::json::render(report),
        Format::Csv => render::csv::render(report),
        Format::Xlsx => render::xlsx::render(report),
    }
}
