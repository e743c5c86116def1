//! Carbon-trading compliance positions (China national ETS, EU ETS).
//!
//! A covered installation must surrender allowances equal to its verified
//! emissions of the compliance year. Its position is what it holds against
//! that obligation:
//!
//! ```text
//! position = allocated + purchased − sold + offsets counted − verified
//! ```
//!
//! A negative position is a shortfall: it costs `−position × price` to buy
//! in, and under the EU ETS an excess-emissions penalty of `−position ×
//! penalty_per_t` (EUR 100 per t by Directive 2003/87/EC Art. 16(3), the
//! default here; the obligation to surrender remains).
//!
//! **Allocation** is given, or built from a benchmark:
//! `benchmark × benchmark_output × correction_factor` (the CN-ETS power
//! formula, with the correction factors multiplied into one; default 1).
//!
//! **Offsets.** CN-ETS counts CCER offsets up to 5 % of the allowances due,
//! i.e. of verified emissions (《碳排放权交易管理办法（试行）》, MEE Order
//! No. 19, Art. 29); the rest is reported as excess. The EU ETS accepts no
//! international credits in phase 4 (2021–2030): offsets are all excess,
//! with a warning.
//!
//! **Verified emissions** default to the scheme's coverage computed from the
//! ledger for the facility and compliance year ([`Scheme::coverage`]).
//!
//! # Example
//!
//! ```
//! use carbonbook_core::trading::{Allocation, Scheme, TradingLine};
//! use rust_decimal_macros::dec;
//! let mut line = TradingLine::new(Scheme::CnEts, "S1", 2024, Allocation::Given(dec!(120000)));
//! line.verified = Some(dec!(130000));
//! line.offsets = dec!(8000);
//! line.price = Some(dec!(95));
//! let p = line.position(dec!(0))?;
//! assert_eq!(p.offsets_counted_t, dec!(6500));
//! assert_eq!(p.offsets_excess_t, dec!(1500));
//! assert_eq!(p.position_t, dec!(-3500));
//! assert_eq!(p.shortfall_cost, dec!(332500));
//! assert_eq!(p.penalty, dec!(0));
//! # Ok::<(), carbonbook_core::arithmetic::ArithmeticError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use crate::arithmetic::{self, ArithmeticError};

/// A carbon-trading scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scheme {
    /// China national emissions trading scheme (全国碳排放权交易市场).
    #[serde(rename = "CN-ETS")]
    CnEts,
    /// EU emissions trading system.
    #[serde(rename = "EU-ETS")]
    EuEts,
}

impl Scheme {
    /// `CN-ETS` or `EU-ETS`.
    pub const fn code(self) -> &'static str {
        match self {
            Scheme::CnEts => "CN-ETS",
            Scheme::EuEts => "EU-ETS",
        }
    }

    /// Share of verified emissions that offsets may cover.
    pub const fn offset_limit(self) -> Decimal {
        match self {
            Scheme::CnEts => dec!(0.05),
            Scheme::EuEts => Decimal::ZERO,
        }
    }

    /// Which computed emissions count as verified emissions by default.
    ///
    /// * CN-ETS: Scope 1 CO2 (fuel combustion and process) of the facility in
    ///   the compliance year. Indirect emissions of purchased electricity and
    ///   heat are excluded, as they are from the 2023 compliance year on.
    /// * EU-ETS: Scope 1 CO2, N2O and PFCs (CF4, C2F6) in CO2e, the gases
    ///   of Annex I of Directive 2003/87/EC for stationary installations.
    pub const fn coverage(self) -> &'static str {
        match self {
            Scheme::CnEts => "Scope 1 CO2 of the facility in the compliance year",
            Scheme::EuEts => "Scope 1 CO2, N2O and PFCs (CO2e) of the facility in the compliance year",
        }
    }

    /// Whether the scheme covers this gas (for computed verified emissions).
    pub fn covers(self, gas: crate::gas::Gas) -> bool {
        use crate::gas::Gas;
        match self {
            Scheme::CnEts => gas == Gas::Co2,
            Scheme::EuEts => matches!(gas, Gas::Co2 | Gas::N2o | Gas::Cf4 | Gas::C2f6),
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Text that names no scheme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scheme \"{found}\"; accepted: CN-ETS, EU-ETS")]
pub struct SchemeError {
    /// The text found.
    pub found: String,
}

impl FromStr for Scheme {
    type Err = SchemeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().replace(['_', ' '], "-").as_str() {
            "CN-ETS" | "CNETS" | "CHINA-ETS" | "全国碳市场" => Ok(Scheme::CnEts),
            "EU-ETS" | "EUETS" => Ok(Scheme::EuEts),
            _ => Err(SchemeError { found: s.to_owned() }),
        }
    }
}

/// How free allowances are determined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Allocation {
    /// Free allowances as given, t.
    Given(Decimal),
    /// benchmark × output × correction factor.
    Benchmark {
        /// t CO2 per unit of output.
        benchmark: Decimal,
        /// Output the benchmark applies to.
        output: Decimal,
        /// Product of the correction factors (1 when none).
        correction: Decimal,
    },
}

impl Allocation {
    /// The allowances, t.
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn allowances(&self) -> Result<Decimal, ArithmeticError> {
        match *self {
            Allocation::Given(a) => Ok(a),
            Allocation::Benchmark { benchmark, output, correction } => {
                arithmetic::mul(arithmetic::mul(benchmark, output)?, correction)
            }
        }
    }
}

/// One compliance line: a scheme, facility and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradingLine {
    /// Row it came from.
    pub row: Option<u32>,
    /// The scheme.
    pub scheme: Scheme,
    /// Facility id.
    pub facility_id: String,
    /// Compliance year.
    pub year: i32,
    /// Free allocation.
    pub allocation: Allocation,
    /// Verified emissions, t; `None` computes them from the ledger.
    pub verified: Option<Decimal>,
    /// Allowances bought, t.
    pub purchased: Decimal,
    /// Allowances sold, t.
    pub sold: Decimal,
    /// Offset credits surrendered, t.
    pub offsets: Decimal,
    /// Market price per allowance, in the inventory's currency.
    pub price: Option<Decimal>,
    /// EU-ETS penalty per t of excess emissions; default 100.
    pub penalty_per_t: Option<Decimal>,
}

/// The EU ETS excess-emissions penalty per t CO2e (Directive 2003/87/EC Art. 16(3)).
pub const EU_ETS_PENALTY_PER_T: Decimal = dec!(100);

impl TradingLine {
    /// A line with nothing bought, sold or offset.
    pub fn new(scheme: Scheme, facility_id: impl Into<String>, year: i32, allocation: Allocation) -> TradingLine {
        TradingLine {
            row: None,
            scheme,
            facility_id: facility_id.into(),
            year,
            allocation,
            verified: None,
            purchased: Decimal::ZERO,
            sold: Decimal::ZERO,
            offsets: Decimal::ZERO,
            price: None,
            penalty_per_t: None,
        }
    }

    /// The compliance position; `computed_verified` is used when the line
    /// gives no verified emissions.
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn position(&self, computed_verified: Decimal) -> Result<Position, ArithmeticError> {
        let allocated = self.allocation.allowances()?;
        let verified = self.verified.unwrap_or(computed_verified);
        let limit = arithmetic::mul(self.scheme.offset_limit(), verified)?;
        let offsets_counted = if self.offsets > limit { limit } else { self.offsets };
        let offsets_excess = arithmetic::sub(self.offsets, offsets_counted)?;
        let held =
            arithmetic::add(arithmetic::sub(arithmetic::add(allocated, self.purchased)?, self.sold)?, offsets_counted)?;
        let position = arithmetic::sub(held, verified)?;
        let shortfall = if position.is_sign_negative() && !position.is_zero() { -position } else { Decimal::ZERO };
        let shortfall_cost = match self.price {
            Some(p) if !shortfall.is_zero() => arithmetic::mul(shortfall, p)?,
            _ => Decimal::ZERO,
        };
        let penalty = match self.scheme {
            Scheme::EuEts if !shortfall.is_zero() => {
                arithmetic::mul(shortfall, self.penalty_per_t.unwrap_or(EU_ETS_PENALTY_PER_T))?
            }
            _ => Decimal::ZERO,
        };
        Ok(Position {
            allocation: self.allocation,
            price: self.price,
            penalty_per_t: match self.scheme {
                Scheme::EuEts => Some(self.penalty_per_t.unwrap_or(EU_ETS_PENALTY_PER_T)),
                Scheme::CnEts => None,
            },
            scheme: self.scheme,
            facility_id: self.facility_id.clone(),
            year: self.year,
            allocated_t: allocated,
            verified_t: verified,
            verified_computed: self.verified.is_none(),
            purchased_t: self.purchased,
            sold_t: self.sold,
            offsets_counted_t: offsets_counted,
            offsets_excess_t: offsets_excess,
            position_t: position,
            shortfall_cost,
            penalty,
        })
    }
}

/// A compliance position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Position {
    /// The scheme.
    pub scheme: Scheme,
    /// How the free allocation was determined (given, or benchmark × output × correction).
    pub allocation: Allocation,
    /// The market price per allowance used for the shortfall cost, if given.
    pub price: Option<Decimal>,
    /// EU-ETS: the penalty per t applied (given, or the EUR 100 default); `None` for CN-ETS.
    pub penalty_per_t: Option<Decimal>,
    /// Facility id.
    pub facility_id: String,
    /// Compliance year.
    pub year: i32,
    /// Free allowances, t.
    pub allocated_t: Decimal,
    /// Verified emissions, t.
    pub verified_t: Decimal,
    /// Whether verified emissions were computed from the ledger.
    pub verified_computed: bool,
    /// Bought, t.
    pub purchased_t: Decimal,
    /// Sold, t.
    pub sold_t: Decimal,
    /// Offsets counted, t.
    pub offsets_counted_t: Decimal,
    /// Offsets beyond the limit, t.
    pub offsets_excess_t: Decimal,
    /// allocated + purchased − sold + offsets counted − verified; negative is a shortfall.
    pub position_t: Decimal,
    /// −position × price when position < 0, else 0.
    pub shortfall_cost: Decimal,
    /// EU-ETS: −position × penalty per t when position < 0, else 0.
    pub penalty: Decimal,
}
