//! Carbon markets: allocation, the compliance position, the allowance
//! account and what falling short costs (China national ETS, EU ETS).
//!
//! A covered installation must surrender allowances equal to its verified
//! emissions of the compliance year. Its **position** is what it holds
//! against that obligation:
//!
//! ```text
//! position = allocated + purchased − sold + offsets counted − verified
//! ```
//!
//! Rows of one scheme, facility and year are **one account** ([`Account`],
//! workbook-v2 §6): their allocations add up, verified emissions count once.
//!
//! **Allocation** ([`Allocation`]) is given, built from one benchmark
//! (`benchmark × output × correction`), or computed by the published plan
//! of the year:
//!
//! * [`cn_power`]: the CN-ETS power plans (2019–2020, 2021–2022, 2023–2024
//!   and the 2025–2026 consultation draft): unit class benchmarks for power
//!   and heat, the peak-shaving (load) correction, the gas-unit top-up to
//!   verified emissions, the entity floor at 80 % of verified emissions,
//!   rounding down to whole tonnes;
//! * [`cn_industry`]: steel, cement and aluminium, where 2024 allocation
//!   equals verified emissions and from 2025 `A = E × (1 + α)` with the
//!   carbon-intensity coefficient α of the sector balance value.
//!
//! Every step of a computed allocation is an [`AllocationStep`] with its
//! formula, inputs and figure, so that a verifier can retrace it.
//!
//! **The allowance account** ([`ledger`]) follows the `Transactions`
//! sheet: holdings by vintage, moving-average cost (free allocation enters
//! at zero cost), realised results of sales, surrenders against what is due
//! at each deadline, the CCER cap and each scheme's vintage rules.
//!
//! **Falling short** ([`penalty`]): under the CN-ETS a fine of 5–10 × the
//! average price of the month before the deadline per allowance not
//! surrendered, and next year's allocation cut by the same amount
//! (《碳排放权交易管理暂行条例》, State Council Order 775, Art. 24); under
//! the EU ETS the excess-emissions penalty (EUR 100 per t, indexed;
//! Directive 2003/87/EC Art. 16(3)), the obligation remaining.
//!
//! **Offsets.** CN-ETS counts CCER offsets up to 5 % of the allowances due
//! (《碳排放权交易管理办法（试行）》, MEE Order No. 19, Art. 29); the rest
//! is excess. The EU ETS accepts no international credits in phase 4
//! (2021–2030).
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
//! // CN-ETS: a fine of 5–10 × the price per allowance short.
//! assert_eq!(p.penalty_range, Some((dec!(1662500), dec!(3325000))));
//! # Ok::<(), carbonbook_core::trading::AllocationError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

mod account;
pub mod cn_industry;
pub mod cn_power;
pub mod ledger;
pub mod penalty;
mod steps;

pub use account::{
    Account, AccountAllocation, AccountError, Allocation, AllocationError, AllocationMethod, AllocationMethodError,
    AllocationPart, EU_ETS_PENALTY_PER_T, Position, TradingLine,
};
pub use steps::{AllocationStep, Notice, Step};

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
    ///   the compliance year; for an aluminium smelter (the facility's
    ///   `sector`) also CF4 and C2F6. Indirect emissions of purchased electricity and
    ///   heat are excluded, as they are from the 2023 compliance year on.
    /// * EU-ETS: Scope 1 CO2, N2O and PFCs (CF4, C2F6) in CO2e, the gases
    ///   of Annex I of Directive 2003/87/EC for stationary installations.
    pub const fn coverage(self) -> &'static str {
        match self {
            Scheme::CnEts => "Scope 1 CO2 of the facility in the compliance year",
            Scheme::EuEts => "Scope 1 CO2, N2O and PFCs (CO2e) of the facility in the compliance year",
        }
    }

    /// [`Scheme::coverage`] in Chinese.
    ///
    /// ```
    /// use carbonbook_core::trading::Scheme;
    /// assert_eq!(Scheme::CnEts.coverage_zh(), "设施履约年度的范围一二氧化碳排放");
    /// ```
    pub const fn coverage_zh(self) -> &'static str {
        match self {
            Scheme::CnEts => "设施履约年度的范围一二氧化碳排放",
            Scheme::EuEts => "设施履约年度的范围一二氧化碳、氧化亚氮和全氟化碳排放（二氧化碳当量）",
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
