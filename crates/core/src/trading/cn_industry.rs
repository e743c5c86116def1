//! CN-ETS steel, cement and aluminium: `allocation_method = cn-industry`
//! (workbook-v2 §6).
//!
//! * **2024**: allocation equals verified emissions
//!   (《2024、2025年度全国碳排放权交易市场钢铁、水泥、铝冶炼行业配额总量和分配方案》,
//!   as reported by ICAP and reposts of the plan; grade C).
//! * **From 2025**, the carbon-intensity coefficient method:
//!
//! ```text
//! A = ⌊E × (1 + α)⌋,   X = (BP − I) / BP,
//! α = 0.15 X if −20 % < X < 20 %;  0.03 if X ≥ 20 %;  −0.03 if X ≤ −20 %
//! ```
//!
//! with E the verified emissions, BP the sector balance value published
//! for the year (given on the row: it is solved after verification and is
//! not in any plan) and I the intensity of the main process: steel
//! `(E_ironmaking + E_sintering) / Q_ironmaking`, cement per t clinker,
//! aluminium per t of aluminium from electrolysis. Read in the 2025–2026
//! consultation draft (三(二), 表3, 附2 表2-2 to 2-4, which say 2026 is
//! "unchanged from 2025"); allocation is rounded down.
//! * **Special cases** the plan lists (white clinker, carbide slag above the
//!   plan's share, gypsum-sulphuric-acid clinker, the hydrogen-rich oxygen
//!   blast furnace …): allocation equals verified emissions; the row names
//!   the case (`special_case`).
//!
//! ```
//! use carbonbook_core::trading::cn_industry::{allocate, IndustryLine};
//! use rust_decimal_macros::dec;
//! // A clinker line: E = 850,000 t, 1,000,000 t clinker (I = 0.85),
//! // BP = 0.86: X = 0.01/0.86 = 1.1628 %, α = 0.15 X = 0.0017442.
//! let mut l = IndustryLine::default();
//! l.balance_value = Some(dec!(0.86));
//! l.product_output = Some(dec!(1000000));
//! let a = allocate(2025, Some(3), &l, dec!(850000))?;
//! assert_eq!(a.allocated_t, dec!(851482));
//! # Ok::<(), carbonbook_core::trading::AllocationError>(())
//! ```

use crate::field::Field;
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use super::account::AllocationError;
use super::steps::{AllocationStep, Step};
use crate::arithmetic;

/// A Trading row's data for the intensity method.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IndustryLine {
    /// The sector balance value BP of the year (t CO2e per t of product).
    pub balance_value: Option<Decimal>,
    /// The product the intensity is per: t pig iron (ironmaking), t
    /// clinker, t aluminium.
    pub product_output: Option<Decimal>,
    /// Emissions of the main process when they are not the account's
    /// verified emissions (steel: ironmaking plus sintering), t.
    pub process_emissions_t: Option<Decimal>,
    /// A special case of the plan (allocation = verified emissions), named.
    pub special_case: Option<String>,
    /// The line's own verified emissions E, when an account has several
    /// lines (otherwise the account's).
    pub verified_t: Option<Decimal>,
}

/// A computed intensity-method allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndustryAllocation {
    /// The steps.
    pub steps: Vec<AllocationStep>,
    /// The allocation, t.
    pub allocated_t: Decimal,
    /// What the caller should be told.
    pub notes: Vec<super::Notice>,
}

/// The coefficient α of a deviation X (a fraction), 表3.
///
/// ```
/// use carbonbook_core::trading::cn_industry::coefficient;
/// use rust_decimal_macros::dec;
/// assert_eq!(coefficient(dec!(0.1)), dec!(0.015));
/// assert_eq!(coefficient(dec!(0.2)), dec!(0.03));
/// assert_eq!(coefficient(dec!(-0.25)), dec!(-0.03));
/// ```
pub fn coefficient(x: Decimal) -> Decimal {
    if x >= dec!(0.2) {
        dec!(0.03)
    } else if x <= dec!(-0.2) {
        dec!(-0.03)
    } else {
        dec!(0.15) * x
    }
}

/// The allocation of one steel works, clinker line or electrolysis process
/// with verified emissions `verified_t` in `year`.
///
/// # Errors
///
/// A year before the sectors were covered (2024), a balance value or output
/// missing or not positive, or overflow: with the row and column.
pub fn allocate(
    year: i32,
    row: Option<u32>,
    line: &IndustryLine,
    verified_t: Decimal,
) -> Result<IndustryAllocation, AllocationError> {
    let err = |field: crate::field::Field, problem: String| AllocationError::new(row, field, problem);
    let floor = |v: Decimal| v.round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity);
    let mut notes = Vec::new();
    if year < 2024 {
        return Err(err(
            Field::Year,
            format!(
                "steel, cement and aluminium enter the CN-ETS with the 2024 compliance year; {year} has no allocation"
            ),
        ));
    }
    if let Some(case) = &line.special_case {
        let step = AllocationStep::new(Step::EqualsVerified, row, "A = E", verified_t)
            .input("E", verified_t)
            .note(format!("special case of the plan: {case}"));
        return Ok(IndustryAllocation { steps: vec![step], allocated_t: verified_t, notes });
    }
    if year == 2024 {
        let step = AllocationStep::new(Step::EqualsVerified, row, "A = E", verified_t)
            .input("E", verified_t)
            .note("2024: allocation equals verified emissions (2024–2025 plan of the three sectors)");
        return Ok(IndustryAllocation { steps: vec![step], allocated_t: verified_t, notes });
    }
    if year >= 2026 {
        notes.push(super::Notice::new(
            format!(
                "CN-ETS intensity method of {year}: the 2026 rules are read in the 2025–2026 consultation draft; figures may change with the final plan"
            ),
            format!("{year} 年全国碳市场强度法配额：2026 年规则按 2025–2026 年度方案征求意见稿理解；正式方案发布后数值可能变化"),
        ));
    }
    let bp = line.balance_value.ok_or_else(|| {
        err(
            Field::BalanceValue,
            format!(
                "the {year} intensity method needs the sector balance value BP published for the year, found an empty cell"
            ),
        )
    })?;
    if bp <= Decimal::ZERO {
        return Err(err(Field::BalanceValue, format!("the balance value must be > 0, found {bp}")));
    }
    let q = line.product_output.ok_or_else(|| {
        err(
            Field::ProductOutput,
            "the intensity method needs the output of the main process (t pig iron, t clinker, t aluminium), found an empty cell"
                .to_owned(),
        )
    })?;
    if q <= Decimal::ZERO {
        return Err(err(Field::ProductOutput, format!("product_output must be > 0, found {q}")));
    }
    let e_process = line.process_emissions_t.unwrap_or(verified_t);
    let i = arithmetic::div(e_process, q)?;
    let x = arithmetic::div(bp - i, bp)?;
    let alpha = coefficient(x);
    let a = floor(arithmetic::mul(verified_t, Decimal::ONE + alpha)?);
    let steps = vec![
        AllocationStep::new(Step::Intensity, row, "I = E_process ÷ Q", i).input("E_process", e_process).input("Q", q),
        AllocationStep::new(Step::Deviation, row, "X = (BP − I) ÷ BP", x).input("BP", bp).input("I", i),
        AllocationStep::new(
            Step::Coefficient,
            row,
            "α = 0.15 X if −20 % < X < 20 %; 0.03 if X ≥ 20 %; −0.03 if X ≤ −20 %",
            alpha,
        )
        .input("X", x)
        .note("表3"),
        AllocationStep::new(Step::IntensityAllocation, row, "A = ⌊E × (1 + α)⌋", a)
            .input("E", verified_t)
            .input("α", alpha)
            .note("rounded down (附2 表2-2 note 3)"),
    ];
    Ok(IndustryAllocation { steps, allocated_t: a, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 2025–2026 draft's 表3 at its edges, and a steel works whose
    /// intensity is on ironmaking plus sintering (附2 表2-2 ④): by hand,
    /// I = (1,500,000 + 300,000) / 1,000,000 = 1.8; BP = 1.5:
    /// X = −0.2 → α = −0.03; A = ⌊2,400,000 × 0.97⌋ = 2,328,000.
    #[test]
    fn steel_on_ironmaking_and_sintering() {
        let l = IndustryLine {
            balance_value: Some(dec!(1.5)),
            product_output: Some(dec!(1000000)),
            process_emissions_t: Some(dec!(1800000)),
            special_case: None,
            verified_t: None,
        };
        let a = allocate(2025, Some(9), &l, dec!(2400000)).unwrap();
        assert_eq!(a.allocated_t, dec!(2328000));
        assert_eq!(a.steps[1].figure, dec!(-0.2));
    }

    #[test]
    fn year_2024_and_special_cases_equal_verified() {
        let l = IndustryLine::default();
        assert_eq!(allocate(2024, None, &l, dec!(123.4)).unwrap().allocated_t, dec!(123.4));
        let l = IndustryLine { special_case: Some("white clinker".into()), ..IndustryLine::default() };
        assert_eq!(allocate(2026, None, &l, dec!(10)).unwrap().allocated_t, dec!(10));
        assert_eq!(allocate(2023, Some(2), &l, dec!(10)).unwrap_err().field, Field::Year);
    }

    #[test]
    fn missing_balance_value_names_the_column() {
        let l = IndustryLine { product_output: Some(dec!(1)), ..IndustryLine::default() };
        let e = allocate(2025, Some(4), &l, dec!(10)).unwrap_err();
        assert_eq!((e.row, e.field), (Some(4), Field::BalanceValue));
    }
}
