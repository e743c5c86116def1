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

/// Powers of ten that a double holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The double nearest to `value` (ties to even), for presentation layers
/// that must hand a binary number to another format: an Excel number cell,
/// a chart's geometry. Never used in a calculation. Lossy by nature: a
/// double carries about 16 significant digits, a `Decimal` up to 28.
///
/// ```
/// use carbonbook_core::rounding::to_f64_lossy;
/// use rust_decimal_macros::dec;
/// assert_eq!(to_f64_lossy(dec!(4476.904)), 4476.904);
/// assert_eq!(to_f64_lossy(dec!(0.1)), 0.1);
/// let third = dec!(1) / dec!(3);
/// assert_eq!(to_f64_lossy(third), 1.0 / 3.0);
/// ```
pub fn to_f64_lossy(value: Decimal) -> f64 {
    let mantissa = value.mantissa();
    let scale = value.scale() as usize;
    if scale == 0 {
        // An integer: the conversion rounds once, to nearest.
        return mantissa as f64;
    }
    if mantissa.unsigned_abs() < 1 << 53 && scale < POW10.len() {
        // Both operands are exact doubles and IEEE division rounds once.
        return mantissa as f64 / POW10[scale];
    }
    // Longer decimals: Rust's float parser is correctly rounded.
    let mut text = DecimalText::default();
    // A Decimal always prints as digits, a sign and a point, which parse.
    fmt::Write::write_fmt(&mut text, format_args!("{value}"))
        .ok()
        .and_then(|()| text.as_str().parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}

/// A stack buffer for one printed `Decimal` (at most 31 characters).
struct DecimalText {
    bytes: [u8; 48],
    len: usize,
}

impl Default for DecimalText {
    fn default() -> Self {
        DecimalText { bytes: [0; 48], len: 0 }
    }
}

impl DecimalText {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for DecimalText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}
