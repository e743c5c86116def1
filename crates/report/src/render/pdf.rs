//! PDF: not built in.
//!
//! Writing a PDF with Chinese text means embedding (and, to keep the file
//! small, subsetting) a CJK font and laying out tables that break across
//! pages with their headers repeated. No crate available here does both
//! well without a browser-sized dependency, so carbonbook writes HTML laid
//! out for printing (A4, repeated table headers, page breaks kept out of
//! rows and charts) and leaves the PDF to the browser's print engine.

use crate::model::Report;
use crate::render::ReportError;

/// Always [`ReportError::PdfUnavailable`], whose message tells the user how
/// to print the HTML report to PDF.
///
/// # Errors
///
/// Always.
///
/// ```
/// use carbonbook_core::inventory::{Inventory, Organisation};
/// use carbonbook_report::{Format, Kind, ReportError, ReportOptions};
/// let results = Inventory::new(Organisation::new("Example Co.", 2024)).calculate()?;
/// let report = carbonbook_report::build(Kind::Inventory, &results, &ReportOptions::default())?;
/// let err = carbonbook_report::render(&report, Format::Pdf).unwrap_err();
/// assert!(matches!(err, ReportError::PdfUnavailable));
/// assert!(err.to_string().contains("--format html"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render(_report: &Report) -> Result<Vec<u8>, ReportError> {
    Err(ReportError::PdfUnavailable)
}
