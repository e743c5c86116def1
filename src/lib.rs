//! carbonbook: green-carbon accounting with exact decimals.
//!
//! This package is the `carbonbook` command and the home of the workspace's
//! cross-crate tests and runnable examples. It re-exports the workspace's
//! libraries: the calculation engine [`core`] (see its documentation for
//! the domain and the API), Excel import and export [`xlsx`], and the
//! compliance reports [`report`].
//!
//! ```
//! use carbonbook::core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//! let q = Quantity::new(dec!(1), Unit::GigawattHour).to(Unit::MegawattHour)?;
//! assert_eq!(q.value(), dec!(1000));
//! # Ok::<(), carbonbook::core::units::UnitError>(())
//! ```

#![deny(missing_docs)]

pub use carbonbook_core as core;
pub use carbonbook_report as report;
pub use carbonbook_xlsx as xlsx;
