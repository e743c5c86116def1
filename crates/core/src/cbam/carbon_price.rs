//! The carbon price due in the country of origin for a good, as the
//! installation states it to its importers (the communication template's
//! Summary_Products, columns AL–AZ).
//!
//! Where the book holds the installation's emissions-trading account of the
//! good's year with its price, the good's embedded emissions produced at
//! the installation (its own attributed direct emissions and those of its
//! precursors made there) are covered by that scheme; the price due on them
//! is `price × covered`, and the free allocation is a rebate on the same
//! share of them that free allowances cover (`allocated ÷ verified`, at most
//! 1). This follows the **draft** implementing act on Article 9 of
//! Regulation (EU) 2023/956 (Ares(2026)4841230: free allowances count as a
//! rebate; the effective price is (emissions − rebated emissions) × price);
//! every output that shows it says so.
//!
//! ```
//! use carbonbook_core::cbam::carbon_price::CarbonPriceDue;
//! use rust_decimal_macros::dec;
//! // 2 t CO2e/t covered at 60 CNY/t; allowances cover 90 % of verified emissions.
//! let c = CarbonPriceDue::new(dec!(60), dec!(2), dec!(2.5), dec!(900), dec!(1000)).unwrap();
//! assert_eq!(c.due_per_t, dec!(120));
//! assert_eq!(c.rebate_per_t, dec!(108));
//! assert_eq!(c.effective_per_t, dec!(12));
//! assert_eq!(c.share_covered, dec!(0.8));
//! ```

use rust_decimal::Decimal;
use serde::Serialize;

use crate::arithmetic::{self, ArithmeticError};

/// The carbon price due on a good, per tonne of it, in the account's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarbonPriceDue {
    /// The scheme's price, per t CO2e.
    pub price: Decimal,
    /// Embedded emissions covered by the scheme, t CO2e per t of good.
    pub covered_per_t: Decimal,
    /// Their share of the good's specific embedded emissions (the
    /// template's AM; AN = AM × SEE total).
    pub share_covered: Decimal,
    /// The share of covered emissions free allowances cover:
    /// `allocated ÷ verified`, at most 1.
    pub free_share: Decimal,
    /// Price due, `price × covered_per_t`, per t of good (the template's AR).
    pub due_per_t: Decimal,
    /// Rebate of the free allocation, `due_per_t × free_share` (AX).
    pub rebate_per_t: Decimal,
    /// Effective price due, `due_per_t − rebate_per_t` (AZ).
    pub effective_per_t: Decimal,
}

impl CarbonPriceDue {
    /// The price due on a good with `covered_per_t` t CO2e/t covered out of
    /// `see_total`, at `price`, for an account with `allocated_t` free
    /// allowances against `verified_t` emissions.
    ///
    /// # Errors
    ///
    /// An overflow.
    pub fn new(
        price: Decimal,
        covered_per_t: Decimal,
        see_total: Decimal,
        allocated_t: Decimal,
        verified_t: Decimal,
    ) -> Result<CarbonPriceDue, ArithmeticError> {
        let free_share = if verified_t.is_zero() {
            Decimal::ONE
        } else {
            arithmetic::div(allocated_t, verified_t)?.min(Decimal::ONE).max(Decimal::ZERO)
        };
        let share_covered = if see_total.is_zero() {
            Decimal::ZERO
        } else {
            arithmetic::div(covered_per_t, see_total)?.min(Decimal::ONE)
        };
        let due_per_t = arithmetic::mul(price, covered_per_t)?;
        let rebate_per_t = arithmetic::mul(due_per_t, free_share)?;
        let effective_per_t = arithmetic::sub(due_per_t, rebate_per_t)?;
        Ok(CarbonPriceDue { price, covered_per_t, share_covered, free_share, due_per_t, rebate_per_t, effective_per_t })
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::CarbonPriceDue;

    #[test]
    fn an_account_short_of_allowances_pays_on_the_uncovered_part() {
        // 1 000 t verified, 950 t allocated: 5 % of covered emissions is paid.
        let c = CarbonPriceDue::new(dec!(80), dec!(1.5), dec!(1.5), dec!(950), dec!(1000)).unwrap();
        assert_eq!(c.free_share, dec!(0.95));
        assert_eq!(c.due_per_t, dec!(120));
        assert_eq!(c.effective_per_t, dec!(6));
        // More allowances than emissions: nothing is paid, never less than nothing.
        let c = CarbonPriceDue::new(dec!(80), dec!(1.5), dec!(1.5), dec!(1200), dec!(1000)).unwrap();
        assert_eq!(c.effective_per_t, dec!(0));
    }
}
