//! The report model as JSON (`carbonbook.report.v1`).
//!
//! Field order is fixed and maps are sorted, so the same results always
//! give the same bytes. A figure is an object with `exact` (the exact
//! decimal, as a string), `shown` (what the other formats print),
//! `rounded`, and `ref` (where the figure is in the summary JSON) when it
//! is there.
//!
//! ```
//! use carbonbook_core::inventory::{Facility, Inventory, Organisation};
//! use carbonbook_report::{Format, Kind, ReportOptions};
//! let mut inv = Inventory::new(Organisation::new("Example Co.", 2024));
//! inv.facilities.push(Facility::new("F1"));
//! let report = carbonbook_report::build(Kind::Ets, &inv.calculate()?, &ReportOptions::default())?;
//! let json: serde_json::Value = serde_json::from_slice(&carbonbook_report::render(&report, Format::Json)?)?;
//! assert_eq!(json["schema"], "carbonbook.report.v1");
//! assert_eq!(json["kind"], "ets");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::model::Report;
use crate::render::ReportError;

/// The JSON bytes of a report, pretty-printed, ending in a newline.
///
/// # Errors
///
/// [`ReportError::Json`] if serialisation fails (it does not for a model
/// built by this crate).
pub fn render(report: &Report) -> Result<Vec<u8>, ReportError> {
    let mut out = serde_json::to_vec_pretty(report)?;
    out.push(b'\n');
    Ok(out)
}
