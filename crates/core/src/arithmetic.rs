//! Checked decimal arithmetic.
//!
//! `rust_decimal`'s operators panic on overflow and on division by zero.
//! Every path that user data reaches goes through these functions instead,
//! so an absurd input becomes an [`ArithmeticError`], never a crash.
//!
//! ```
//! use carbonbook_core::arithmetic::{self, ArithmeticError};
//! use rust_decimal::Decimal;
//! use rust_decimal_macros::dec;
//! assert_eq!(arithmetic::mul(dec!(1.5), dec!(2))?, dec!(3.0));
//! assert_eq!(arithmetic::div(dec!(1), Decimal::ZERO), Err(ArithmeticError::DivisionByZero));
//! assert_eq!(arithmetic::add(Decimal::MAX, dec!(1)), Err(ArithmeticError::Overflow));
//! # Ok::<(), ArithmeticError>(())
//! ```

use rust_decimal::Decimal;

/// An arithmetic operation had no representable result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArithmeticError {
    /// The result exceeds the range of a 96-bit decimal (about 7.9 × 10^28).
    #[error("number too large: the result exceeds 7.9e28")]
    Overflow,
    /// A division by zero.
    #[error("division by zero")]
    DivisionByZero,
}

/// `a + b`.
///
/// # Errors
///
/// [`ArithmeticError::Overflow`].
#[inline]
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, ArithmeticError> {
    a.checked_add(b).ok_or(ArithmeticError::Overflow)
}

/// `a − b`.
///
/// # Errors
///
/// [`ArithmeticError::Overflow`].
#[inline]
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, ArithmeticError> {
    a.checked_sub(b).ok_or(ArithmeticError::Overflow)
}

/// `a × b`.
///
/// # Errors
///
/// [`ArithmeticError::Overflow`].
#[inline]
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, ArithmeticError> {
    a.checked_mul(b).ok_or(ArithmeticError::Overflow)
}

/// `a ÷ b`, correct to 28 significant digits.
///
/// # Errors
///
/// [`ArithmeticError::DivisionByZero`] or [`ArithmeticError::Overflow`].
#[inline]
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal, ArithmeticError> {
    if b.is_zero() {
        return Err(ArithmeticError::DivisionByZero);
    }
    a.checked_div(b).ok_or(ArithmeticError::Overflow)
}

/// The sum of `values`.
///
/// # Errors
///
/// [`ArithmeticError::Overflow`].
pub fn sum<I: IntoIterator<Item = Decimal>>(values: I) -> Result<Decimal, ArithmeticError> {
    values.into_iter().try_fold(Decimal::ZERO, add)
}
