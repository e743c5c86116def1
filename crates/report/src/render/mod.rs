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
//! * [`pdf`] — PDF typeset in process by Typst, fonts embedded and subset.

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
// Each variant's message includes its cause, so none is also a `source()`:
// a reporter walking the chain prints every cause once.
pub enum ReportError {
    /// A report with Chinese text, and no installed font that covers it.
    #[error(
        "no Chinese (CJK) font found for the PDF: install one (Debian/Ubuntu: `apt-get install fonts-noto-cjk`) \
         or give a folder holding one with --font-dir"
    )]
    NoCjkFont,
    /// Typesetting the PDF failed.
    #[error("cannot typeset the PDF: {0}")]
    Pdf(String),
    /// A figure of the report does not fit a decimal (a sum beyond 28
    /// digits): the report is refused rather than shown with a zero.
    #[error("a figure of the report is out of range: {0}")]
    Overflow(carbonbook_core::arithmetic::ArithmeticError),
    /// The workbook could not be written.
    #[error("cannot write the report workbook: {0}")]
    Xlsx(rust_xlsxwriter::XlsxError),
    /// The model could not be serialised.
    #[error("cannot write the report JSON: {0}")]
    Json(serde_json::Error),
    /// The CSV could not be written.
    #[error("cannot write the report CSV: {0}")]
    Csv(::csv::Error),
}

impl From<carbonbook_core::arithmetic::ArithmeticError> for ReportError {
    fn from(e: carbonbook_core::arithmetic::ArithmeticError) -> ReportError {
        ReportError::Overflow(e)
    }
}

impl From<rust_xlsxwriter::XlsxError> for ReportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> ReportError {
        ReportError::Xlsx(e)
    }
}

impl From<serde_json::Error> for ReportError {
    fn from(e: serde_json::Error) -> ReportError {
        ReportError::Json(e)
    }
}

impl From<::csv::Error> for ReportError {
    fn from(e: ::csv::Error) -> ReportError {
        ReportError::Csv(e)
    }
}
