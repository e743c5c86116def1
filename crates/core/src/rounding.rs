//! Rounding for presentation.
//!
//! The engine never rounds: every figure it returns is the exact result of
//! its inputs (to the 28 significant digits of a `Decimal`). Reports and
//! spreadsheets round when they show a figure, by a named
//! [`RoundingPolicy`] that they print beside the figures.
//!
//! ```
//! use carbonbook_core::rounding::{RoundingMode, RoundingPolicy};
//! use rust_decimal_macros::dec;
//! let p = RoundingPolicy::new(2, RoundingMode::HalfAwayFromZero);
//! assert_eq!(p.round(dec!(2.345)), dec!(2.35));
//! assert_eq!(RoundingPolicy::new(2, RoundingMode::HalfEven).round(dec!(2.345)), dec!(2.34));
//! assert_eq!(p.to_string(), "2 decimal places, round half away from zero (四舍五入)");
//! ```

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// How a figure is brought to its decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RoundingMode {
    /// Half away from zero: 2.345 → 2.35, −2.345 → −2.35. The usual rule of
    /// Chinese statistics and accounting (四舍五入); the default.
    HalfAwayFromZero,
    /// Half to even (banker's rounding): 2.345 → 2.34, 2.355 → 2.36.
    HalfEven,
    /// Toward zero (truncate): 2.349 → 2.34.
    TowardZero,
    /// Away from zero (round up in magnitude): 2.341 → 2.35.
    AwayFromZero,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::TowardZero => RoundingStrategy::ToZero,
            RoundingMode::AwayFromZero => RoundingStrategy::AwayFromZero,
        }
    }

    fn label(self) -> &'static str {
        match self {
            RoundingMode::HalfAwayFromZero => "round half away from zero (四舍五入)",
            RoundingMode::HalfEven => "round half to even",
            RoundingMode::TowardZero => "round toward zero",
            RoundingMode::AwayFromZero => "round away from zero",
        }
    }
}

/// A presentation rounding rule: decimal places and mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoundingPolicy {
    /// Decimal places shown.
    pub decimal_places: u32,
    /// How to round.
    pub mode: RoundingMode,
}

impl Default for RoundingPolicy {
    /// Two decimal places, half away from zero.
    fn default() -> Self {
        RoundingPolicy::new(2, RoundingMode::HalfAwayFromZero)
    }
}

impl RoundingPolicy {
    /// A policy.
    pub const fn new(decimal_places: u32, mode: RoundingMode) -> RoundingPolicy {
        RoundingPolicy { decimal_places, mode }
    }

    /// `value` rounded, with exactly `decimal_places` places (trailing zeros kept).
    pub fn round(&self, value: Decimal) -> Decimal {
        let mut r = value.round_dp_with_strategy(self.decimal_places, self.mode.strategy());
        if r.scale() < self.decimal_places {
            r.rescale(self.decimal_places);
        }
        r
    }
}

impl fmt::Display for RoundingPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} decimal places, {}", self.decimal_places, self.mode.label())
    }
}
