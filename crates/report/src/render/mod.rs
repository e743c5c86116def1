//! Renderers: one module per file format, each laying out the one
//! [`Report`](crate::Report) model.
//!
//! * [`md`] — Markdown for review in a repository (tables as GFM tables,
//!   charts as their data tables).
//! * [`html`] — one self-contained HTML file: inline CSS and SVG charts
//!   ([`svg`]), laid out for the screen and for printing to PDF.
//! * [`json`] — the model itself (`carbonbook.report.v1`).
//! * [`csv`] — every table, one record per line, formula-like text
//!   neutralised.
//! * [`xlsx`] — a formatted workbook, a sheet per section, with charts.
//! * [`pdf`] — not built in (see [`ReportError::PdfUnavailable`]).

pub mod csv;
pub mod html;
pub mod json;
pub mod md;
pub mod pdf;
pub mod svg;
pub mod xlsx;

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// PDF output is not built in; the HTML report prints to PDF.
    #[error(
        "PDF output is not built in: write the report as HTML (--format html) and print it to PDF \
         from a browser (File > Print > Save as PDF, or `chromium --headless --print-to-pdf=report.pdf \
         report.html`); the HTML is laid out for A4 pages with table headers repeated. Chinese text needs \
         a CJK font on the printing machine (Debian: fonts-noto-cjk)"
    )]
    PdfUnavailable,
    /// A figure of the report does not fit a decimal (a sum beyond 28
    /// digits): the report is refused rather than shown with a zero.
    #[error("a figure of the report is out of range: {0}")]
    Overflow(#[from] carbonbook_core::arithmetic::ArithmeticError),
    /// The workbook could not be written.
    #[error("cannot write the report workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The model could not be serialised.
    #[error("cannot write the report JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The CSV could not be written.
    #[error("cannot write the report CSV: {0}")]
    Csv(#[from] ::csv::Error),
}
