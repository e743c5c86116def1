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
            parts: Vec::new(),
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
    /// The rows of the account and each one's allocation: one part per
    /// Trading row of the same scheme, facility and year (an electricity
    /// benchmark row and a heat benchmark row make one account).
    pub parts: Vec<AllocationPart>,
}

/// One Trading row's share of an account's allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AllocationPart {
    /// The row.
    pub row: Option<u32>,
    /// How the row's allowances were determined.
    pub allocation: Allocation,
    /// The row's allowances, t.
    pub allocated_t: Decimal,
}

/// Why rows could not be joined into one account.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccountError {
    /// Two rows of one account give different values for a figure the
    /// account has once (verified emissions, price, penalty per t).
    #[error(
        "{field} {found} differs from {first} on row {first_row} of the same account ({scheme} {facility_id} {year}): rows of one scheme, facility and year are one account"
    )]
    Conflict {
        /// The column.
        field: &'static str,
        /// This row's value.
        found: Decimal,
        /// The value given first.
        first: Decimal,
        /// The row that gave it.
        first_row: u32,
        /// The account's scheme.
        scheme: Scheme,
        /// The account's facility.
        facility_id: String,
        /// The account's year.
        year: i32,
    },
}

/// The Trading rows of one scheme, facility and year joined into one
/// compliance account (workbook-v2 §6): allocations, purchases, sales and
/// offsets add up; verified emissions, price and penalty are the account's
/// and are given once (or the same on every row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The rows joined, in input order, as one line whose allocation is
    /// the sum of theirs.
    pub line: TradingLine,
    /// Each row's allocation.
    pub parts: Vec<AllocationPart>,
}

impl Account {
    /// Joins `lines` into accounts, in the order each account first
    /// appears. A conflict is reported with the row that brings it
    /// (`Err((index in lines, error))`), and that row is left out.
    ///
    /// ```
    /// use carbonbook_core::trading::{Account, Allocation, Scheme, TradingLine};
    /// use rust_decimal_macros::dec;
    ///
    /// let power = TradingLine::new(Scheme::CnEts, "P1", 2024, Allocation::Given(dec!(800000)));
    /// let heat = TradingLine::new(Scheme::CnEts, "P1", 2024, Allocation::Given(dec!(50000)));
    /// let (accounts, conflicts) = Account::join(&[power, heat]);
    /// assert!(conflicts.is_empty());
    /// assert_eq!(accounts.len(), 1);
    /// assert_eq!(accounts[0].line.allocation.allowances()?, dec!(850000));
    /// assert_eq!(accounts[0].parts.len(), 2);
    /// # Ok::<(), carbonbook_core::arithmetic::ArithmeticError>(())
    /// ```
    pub fn join(lines: &[TradingLine]) -> (Vec<Account>, Vec<(usize, AccountError)>) {
        let mut accounts: Vec<Account> = Vec::new();
        let mut conflicts = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let allocated = match l.allocation.allowances() {
                Ok(a) => a,
                Err(_) => {
                    // Overflow: the position reports it for this row alone.
                    accounts.push(Account { line: l.clone(), parts: Vec::new() });
                    continue;
                }
            };
            let part = AllocationPart { row: l.row, allocation: l.allocation, allocated_t: allocated };
            let Some(acc) = accounts.iter_mut().find(|a| {
                !a.parts.is_empty()
                    && a.line.scheme == l.scheme
                    && a.line.facility_id == l.facility_id
                    && a.line.year == l.year
            }) else {
                accounts.push(Account { line: l.clone(), parts: vec![part] });
                continue;
            };
            let same_account =
                |x: &TradingLine| x.scheme == l.scheme && x.facility_id == l.facility_id && x.year == l.year;
            let mut conflict = None;
            for (name, get) in [
                ("verified_emissions", (|x: &TradingLine| x.verified) as fn(&TradingLine) -> Option<Decimal>),
                ("price", |x: &TradingLine| x.price),
                ("penalty_per_t", |x: &TradingLine| x.penalty_per_t),
            ] {
                if let (Some(first), Some(found)) = (get(&acc.line), get(l))
                    && first != found
                {
                    conflict = Some(AccountError::Conflict {
                        field: name,
                        found,
                        first,
                        first_row: lines[..i]
                            .iter()
                            .find(|x| same_account(x) && get(x).is_some())
                            .and_then(|x| x.row)
                            .unwrap_or(0),
                        scheme: l.scheme,
                        facility_id: l.facility_id.clone(),
                        year: l.year,
                    });
                    break;
                }
            }
            if let Some(e) = conflict {
                conflicts.push((i, e));
                continue;
            }
            let sum = |a: Decimal, b: Decimal| arithmetic::add(a, b);
            let joined = (|| -> Result<(), ArithmeticError> {
                let total = sum(acc.line.allocation.allowances()?, allocated)?;
                let (purchased, sold, offsets) = (
                    sum(acc.line.purchased, l.purchased)?,
                    sum(acc.line.sold, l.sold)?,
                    sum(acc.line.offsets, l.offsets)?,
                );
                acc.line.allocation = Allocation::Given(total);
                acc.line.purchased = purchased;
                acc.line.sold = sold;
                acc.line.offsets = offsets;
                Ok(())
            })();
            if joined.is_err() {
                // The sums overflow: keep the row apart; its position reports it.
                accounts.push(Account { line: l.clone(), parts: Vec::new() });
                continue;
            }
            acc.line.verified = acc.line.verified.or(l.verified);
            acc.line.price = acc.line.price.or(l.price);
            acc.line.penalty_per_t = acc.line.penalty_per_t.or(l.penalty_per_t);
            acc.parts.push(part);
        }
        (accounts, conflicts)
    }

    /// The compliance position of the account (see
    /// [`TradingLine::position`]); its allocation detail is the first
    /// row's when the account has one row.
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn position(&self, computed_verified: Decimal) -> Result<Position, ArithmeticError> {
        let mut p = self.line.position(computed_verified)?;
        if let [only] = self.parts.as_slice() {
            p.allocation = only.allocation;
        }
        p.parts = self.parts.clone();
        Ok(p)
    }
}
