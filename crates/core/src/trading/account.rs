//! Trading rows, accounts and compliance positions.

use crate::field::Field;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use super::Scheme;
use super::cn_industry::{self, IndustryLine};
use super::cn_power::{self, PowerUnit};
use super::penalty;
use super::steps::{AllocationStep, Step};
use crate::arithmetic::{self, ArithmeticError};

/// How free allowances are determined (the Trading sheet's
/// `allocation_method`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Allocation {
    /// Free allowances as given, t (`given`).
    Given(Decimal),
    /// benchmark × output × correction factor (`benchmark`).
    Benchmark {
        /// t CO2 per unit of output.
        benchmark: Decimal,
        /// Output the benchmark applies to.
        output: Decimal,
        /// Product of the correction factors (1 when none).
        correction: Decimal,
    },
    /// One unit under the CN-ETS power plan of the year (`cn-power`).
    CnPower(PowerUnit),
    /// One steel works, clinker line or electrolysis process under the
    /// CN-ETS intensity method (`cn-industry`).
    CnIndustry(IndustryLine),
}

impl Allocation {
    /// The allowances of a given or benchmark allocation, t; `None` for
    /// the methods that need the account (verified emissions, the other
    /// units).
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn allowances(&self) -> Result<Option<Decimal>, ArithmeticError> {
        match *self {
            Allocation::Given(a) => Ok(Some(a)),
            Allocation::Benchmark { benchmark, output, correction } => {
                arithmetic::mul(arithmetic::mul(benchmark, output)?, correction).map(Some)
            }
            Allocation::CnPower(_) | Allocation::CnIndustry(_) => Ok(None),
        }
    }

    /// The workbook name of the method (`given`, `benchmark`, `cn-power`,
    /// `cn-industry`).
    pub const fn method(&self) -> &'static str {
        match self {
            Allocation::Given(_) => "given",
            Allocation::Benchmark { .. } => "benchmark",
            Allocation::CnPower(_) => "cn-power",
            Allocation::CnIndustry(_) => "cn-industry",
        }
    }
}

/// The Trading sheet's `allocation_method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AllocationMethod {
    /// `given`: the `allocated` cell.
    Given,
    /// `benchmark`: benchmark × benchmark_output × correction_factor.
    Benchmark,
    /// `cn-power`: the CN-ETS power plan of the year.
    CnPower,
    /// `cn-industry`: the CN-ETS steel, cement and aluminium method.
    CnIndustry,
}

/// Text that names no allocation method.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown allocation method \"{found}\"; accepted: given, benchmark, cn-power, cn-industry")]
pub struct AllocationMethodError {
    /// The text found.
    pub found: String,
}

impl std::str::FromStr for AllocationMethod {
    type Err = AllocationMethodError;

    /// ```
    /// use carbonbook_core::trading::AllocationMethod;
    /// assert_eq!("CN_power".parse::<AllocationMethod>()?, AllocationMethod::CnPower);
    /// assert_eq!("基准法".parse::<AllocationMethod>()?, AllocationMethod::Benchmark);
    /// # Ok::<(), carbonbook_core::trading::AllocationMethodError>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().replace(['_', ' '], "-").as_str() {
            "given" | "allocated" | "填报" => AllocationMethod::Given,
            "benchmark" | "基准法" => AllocationMethod::Benchmark,
            "cn-power" | "发电" | "发电行业" => AllocationMethod::CnPower,
            "cn-industry" | "钢铁水泥铝" | "碳排放强度系数法" => AllocationMethod::CnIndustry,
            _ => return Err(AllocationMethodError { found: s.to_owned() }),
        })
    }
}

/// An allocation that cannot be computed as the plan says, with the row and
/// column to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem}")]
pub struct AllocationError {
    /// The Trading row.
    pub row: Option<u32>,
    /// The column.
    pub field: crate::field::Field,
    /// What is wrong and what to give.
    pub problem: String,
}

impl AllocationError {
    /// An error about a row's column.
    pub fn new(row: Option<u32>, field: crate::field::Field, problem: impl Into<String>) -> AllocationError {
        AllocationError { row, field, problem: problem.into() }
    }
}

impl From<ArithmeticError> for AllocationError {
    fn from(e: ArithmeticError) -> AllocationError {
        AllocationError::new(None, Field::Allocated, e.to_string())
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
    /// Market price per allowance, in the inventory's currency. Under the
    /// CN-ETS, the average price of the month before the deadline, which
    /// the fine is a multiple of.
    pub price: Option<Decimal>,
    /// EU-ETS penalty per t of excess emissions; default 100.
    pub penalty_per_t: Option<Decimal>,
    /// Allowances already pre-allocated for the year (shown; not added
    /// again).
    pub pre_allocated: Option<Decimal>,
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
            pre_allocated: None,
        }
    }

    /// The compliance position of this line as an account of its own;
    /// `computed_verified` is used when the line gives no verified
    /// emissions.
    ///
    /// # Errors
    ///
    /// An allocation the plan cannot compute from the row, or overflow.
    pub fn position(&self, computed_verified: Decimal) -> Result<Position, AllocationError> {
        Account { line: self.clone(), rows: vec![self.clone()] }.position(computed_verified)
    }
}

/// A compliance position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Position {
    /// The scheme.
    pub scheme: Scheme,
    /// How the free allocation was determined: the row's, or, for an
    /// account of several rows, `Given` with their sum (see `parts`).
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
    /// CN-ETS: the fine for the shortfall, 5–10 × the price (Order 775
    /// Art. 24), when there is a shortfall and a price.
    pub penalty_range: Option<(Decimal, Decimal)>,
    /// CN-ETS: next year's allocation cut if the shortfall is not made good
    /// (Order 775 Art. 24), t.
    pub allocation_cut_t: Decimal,
    /// The surrender deadline of the year.
    pub deadline: Option<NaiveDate>,
    /// Allowances pre-allocated, t, as given.
    pub pre_allocated_t: Option<Decimal>,
    /// The rows of the account and each one's allocation: one part per
    /// Trading row of the same scheme, facility and year (an electricity
    /// benchmark row and a heat benchmark row make one account).
    pub parts: Vec<AllocationPart>,
    /// The steps of a computed allocation (cn-power, cn-industry), in order.
    pub steps: Vec<AllocationStep>,
    /// What the user should be told about the allocation (a draft plan,
    /// rules not applied).
    pub notes: Vec<super::Notice>,
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
        field: crate::field::Field,
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

/// An account's allocation: the total, each row's part, the steps of the
/// computed methods and what the user should be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountAllocation {
    /// The account's allowances, t.
    pub allocated_t: Decimal,
    /// Each row's part.
    pub parts: Vec<AllocationPart>,
    /// The steps, in order.
    pub steps: Vec<AllocationStep>,
    /// Notes (a draft plan, rules not applied).
    pub notes: Vec<super::Notice>,
}

/// The Trading rows of one scheme, facility and year joined into one
/// compliance account (workbook-v2 §6): allocations, purchases, sales,
/// offsets and pre-allocations add up; verified emissions, price and
/// penalty are the account's and are given once (or the same on every row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The account's figures: the first row's scheme, facility, year and
    /// allocation, with the sums and the once-given figures of all rows.
    pub line: TradingLine,
    /// The rows joined, in input order.
    pub rows: Vec<TradingLine>,
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
    /// let p = accounts[0].position(dec!(900000))?;
    /// assert_eq!(p.allocated_t, dec!(850000));
    /// assert_eq!(p.parts.len(), 2);
    /// # Ok::<(), carbonbook_core::trading::AllocationError>(())
    /// ```
    pub fn join(lines: &[TradingLine]) -> (Vec<Account>, Vec<(usize, AccountError)>) {
        let mut accounts: Vec<Account> = Vec::new();
        let mut conflicts = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let Some(acc) = accounts
                .iter_mut()
                .find(|a| a.line.scheme == l.scheme && a.line.facility_id == l.facility_id && a.line.year == l.year)
            else {
                accounts.push(Account { line: l.clone(), rows: vec![l.clone()] });
                continue;
            };
            let mut conflict = None;
            for (name, get) in [
                (Field::VerifiedEmissions, (|x: &TradingLine| x.verified) as fn(&TradingLine) -> Option<Decimal>),
                (Field::Price, |x: &TradingLine| x.price),
                (Field::PenaltyPerT, |x: &TradingLine| x.penalty_per_t),
            ] {
                if let (Some(first), Some(found)) = (get(&acc.line), get(l))
                    && first != found
                {
                    conflict = Some(AccountError::Conflict {
                        field: name,
                        found,
                        first,
                        first_row: acc.rows.iter().find(|x| get(x).is_some()).and_then(|x| x.row).unwrap_or(0),
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
            let sums = (|| -> Result<_, ArithmeticError> {
                let pre = match (acc.line.pre_allocated, l.pre_allocated) {
                    (Some(a), Some(b)) => Some(sum(a, b)?),
                    (a, b) => a.or(b),
                };
                Ok((
                    sum(acc.line.purchased, l.purchased)?,
                    sum(acc.line.sold, l.sold)?,
                    sum(acc.line.offsets, l.offsets)?,
                    pre,
                ))
            })();
            let Ok((purchased, sold, offsets, pre)) = sums else {
                // The sums overflow: keep the row apart; its position reports it.
                accounts.push(Account { line: l.clone(), rows: vec![l.clone()] });
                continue;
            };
            acc.line.purchased = purchased;
            acc.line.sold = sold;
            acc.line.offsets = offsets;
            acc.line.pre_allocated = pre;
            acc.line.verified = acc.line.verified.or(l.verified);
            acc.line.price = acc.line.price.or(l.price);
            acc.line.penalty_per_t = acc.line.penalty_per_t.or(l.penalty_per_t);
            acc.rows.push(l.clone());
        }
        (accounts, conflicts)
    }

    /// The allocation of the account: each row's part and the steps of the
    /// computed methods. Power units of the account are allocated together
    /// (the entity's exemptions apply to their sum).
    ///
    /// # Errors
    ///
    /// What the plan needs and a row does not give, or overflow.
    pub fn allocate(&self, verified: Decimal) -> Result<AccountAllocation, AllocationError> {
        let mut parts = Vec::with_capacity(self.rows.len());
        let mut steps = Vec::new();
        let mut notes = Vec::new();
        let units: Vec<(Option<u32>, &PowerUnit)> = self
            .rows
            .iter()
            .filter_map(|r| match &r.allocation {
                Allocation::CnPower(u) => Some((r.row, u)),
                _ => None,
            })
            .collect();
        let power = if units.is_empty() { None } else { Some(cn_power::allocate(self.line.year, &units, verified)?) };
        let industry_rows = self.rows.iter().filter(|r| matches!(r.allocation, Allocation::CnIndustry(_))).count();
        let mut total = Decimal::ZERO;
        for r in &self.rows {
            let allocated_t = match &r.allocation {
                Allocation::CnPower(_) => {
                    let p = power.as_ref().expect("power units were allocated above");
                    p.units.iter().find(|(row, _)| *row == r.row).map_or(Decimal::ZERO, |u| u.1)
                }
                Allocation::CnIndustry(line) => {
                    let e = match (line.verified_t, industry_rows) {
                        (Some(e), _) => e,
                        (None, 1) => verified,
                        (None, _) => {
                            return Err(AllocationError::new(
                                r.row,
                                Field::UnitVerifiedEmissions,
                                "an account of several cn-industry rows needs each line's own verified emissions, found an empty cell",
                            ));
                        }
                    };
                    let a = cn_industry::allocate(self.line.year, r.row, line, e)?;
                    steps.extend(a.steps);
                    notes.extend(a.notes);
                    a.allocated_t
                }
                other => other.allowances()?.unwrap_or(Decimal::ZERO),
            };
            total = arithmetic::add(total, allocated_t)?;
            parts.push(AllocationPart { row: r.row, allocation: r.allocation.clone(), allocated_t });
        }
        if let Some(p) = power {
            // The power units' steps, with the entity's, after the rows'.
            steps.extend(p.steps);
            notes.extend(p.notes);
            // The entity's exemption adds to the first power row's part.
            let top_up = p.allocated_t - p.units.iter().map(|u| u.1).sum::<Decimal>();
            if !top_up.is_zero() {
                total = arithmetic::add(total, top_up)?;
                if let Some(part) = parts.iter_mut().find(|x| matches!(x.allocation, Allocation::CnPower(_))) {
                    part.allocated_t = arithmetic::add(part.allocated_t, top_up)?;
                }
            }
        }
        if let Some(pre) = self.line.pre_allocated {
            steps.push(AllocationStep::new(Step::PreAllocated, None, "pre-allocated", pre).note(
                match self.line.scheme {
                    Scheme::CnEts => "issued before verification; part of the allocation, not added to it",
                    Scheme::EuEts => "issued earlier; part of the allocation, not added to it",
                },
            ));
            steps.push(
                AllocationStep::new(Step::StillToIssue, None, "allocation − pre-allocated", total - pre)
                    .input("allocation", total)
                    .input("pre-allocated", pre),
            );
        }
        Ok(AccountAllocation { allocated_t: total, parts, steps, notes })
    }

    /// The compliance position of the account.
    ///
    /// # Errors
    ///
    /// What the allocation needs and a row does not give, or overflow.
    pub fn position(&self, computed_verified: Decimal) -> Result<Position, AllocationError> {
        let line = &self.line;
        let verified = line.verified.unwrap_or(computed_verified);
        let AccountAllocation { allocated_t: allocated, parts, steps, notes } = self.allocate(verified)?;
        let limit = arithmetic::mul(line.scheme.offset_limit(), verified)?;
        let offsets_counted = if line.offsets > limit { limit } else { line.offsets };
        let offsets_excess = arithmetic::sub(line.offsets, offsets_counted)?;
        let held =
            arithmetic::add(arithmetic::sub(arithmetic::add(allocated, line.purchased)?, line.sold)?, offsets_counted)?;
        let position = arithmetic::sub(held, verified)?;
        let shortfall = if position.is_sign_negative() && !position.is_zero() { -position } else { Decimal::ZERO };
        let shortfall_cost = match line.price {
            Some(p) if !shortfall.is_zero() => arithmetic::mul(shortfall, p)?,
            _ => Decimal::ZERO,
        };
        let penalty = match line.scheme {
            Scheme::EuEts if !shortfall.is_zero() => {
                arithmetic::mul(shortfall, line.penalty_per_t.unwrap_or(EU_ETS_PENALTY_PER_T))?
            }
            _ => Decimal::ZERO,
        };
        let (penalty_range, allocation_cut_t) = match (line.scheme, line.price) {
            (Scheme::CnEts, Some(p)) if !shortfall.is_zero() => (Some(penalty::cn_ets_fine(shortfall, p)?), shortfall),
            (Scheme::CnEts, None) => (None, shortfall),
            _ => (None, Decimal::ZERO),
        };
        let allocation = match parts.as_slice() {
            [only] => only.allocation.clone(),
            _ => Allocation::Given(allocated),
        };
        Ok(Position {
            allocation,
            price: line.price,
            penalty_per_t: match line.scheme {
                Scheme::EuEts => Some(line.penalty_per_t.unwrap_or(EU_ETS_PENALTY_PER_T)),
                Scheme::CnEts => None,
            },
            scheme: line.scheme,
            facility_id: line.facility_id.clone(),
            year: line.year,
            allocated_t: allocated,
            verified_t: verified,
            verified_computed: line.verified.is_none(),
            purchased_t: line.purchased,
            sold_t: line.sold,
            offsets_counted_t: offsets_counted,
            offsets_excess_t: offsets_excess,
            position_t: position,
            shortfall_cost,
            penalty,
            penalty_range,
            allocation_cut_t,
            deadline: penalty::deadline(line.scheme, line.year),
            pre_allocated_t: line.pre_allocated,
            parts,
            steps,
            notes,
        })
    }
}
