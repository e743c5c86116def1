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

/// A factor kept as a fraction, so that applying it multiplies first and
/// divides once, last.
///
/// Unit conversions such as GJ → MWh (÷ 3.6) or mmBtu → GJ have no
/// terminating decimal per-unit factor; folding them into one rounded
/// factor would put noise into the 28th digit of every result (3,600 GJ of
/// electricity would not be exactly 1,000 MWh). A `Ratio` keeps the
/// division for last: `x × numerator ÷ denominator`, exact whenever the
/// result terminates.
///
/// ```
/// use carbonbook_core::arithmetic::Ratio;
/// use rust_decimal_macros::dec;
/// let gj_to_mwh = Ratio::new(dec!(1), dec!(3.6));
/// assert_eq!(gj_to_mwh.apply(dec!(3600))?, dec!(1000));
/// assert_eq!(Ratio::of(dec!(2.5)).apply(dec!(4))?, dec!(10.0));
/// # Ok::<(), carbonbook_core::arithmetic::ArithmeticError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// Multiplied in first.
    pub numerator: Decimal,
    /// Divided by last.
    pub denominator: Decimal,
}

impl Ratio {
    /// The identity.
    pub const ONE: Ratio = Ratio { numerator: Decimal::ONE, denominator: Decimal::ONE };

    /// `numerator / denominator`.
    pub const fn new(numerator: Decimal, denominator: Decimal) -> Ratio {
        Ratio { numerator, denominator }
    }

    /// `numerator / denominator`, folded into one plain factor when the
    /// division is exact (so applying it needs no division).
    ///
    /// ```
    /// use carbonbook_core::arithmetic::Ratio;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Ratio::simplified(dec!(36), dec!(3.6)), Ratio::of(dec!(10)));
    /// assert_eq!(Ratio::simplified(dec!(1), dec!(3.6)), Ratio::new(dec!(1), dec!(3.6)));
    /// ```
    pub fn simplified(numerator: Decimal, denominator: Decimal) -> Ratio {
        if denominator == Decimal::ONE {
            return Ratio::of(numerator);
        }
        // A rounded quotient reaches the 28th decimal place or the 28th
        // digit, and may still multiply back to the numerator after
        // rounding: only a quotient short of both limits is exact.
        match numerator.checked_div(denominator).map(|q| q.normalize()) {
            Some(q)
                if q.scale() < 28
                    && q.mantissa().unsigned_abs() < 10u128.pow(27)
                    && q.checked_mul(denominator) == Some(numerator) =>
            {
                Ratio::of(q)
            }
            _ => Ratio::new(numerator, denominator),
        }
    }

    /// A plain factor.
    pub const fn of(value: Decimal) -> Ratio {
        Ratio { numerator: value, denominator: Decimal::ONE }
    }

    /// `x × numerator ÷ denominator`.
    ///
    /// # Errors
    ///
    /// On overflow or a zero denominator.
    #[inline]
    pub fn apply(&self, x: Decimal) -> Result<Decimal, ArithmeticError> {
        let p = mul(x, self.numerator)?;
        if self.denominator == Decimal::ONE { Ok(p) } else { div(p, self.denominator) }
    }

    /// The ratio multiplied by `k` (in the numerator).
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn times(&self, k: Decimal) -> Result<Ratio, ArithmeticError> {
        Ok(Ratio { numerator: mul(self.numerator, k)?, denominator: self.denominator })
    }

    /// The value as one decimal (rounded to 28 significant digits when it
    /// does not terminate).
    ///
    /// # Errors
    ///
    /// On a zero denominator.
    pub fn value(&self) -> Result<Decimal, ArithmeticError> {
        div(self.numerator, self.denominator)
    }
}
