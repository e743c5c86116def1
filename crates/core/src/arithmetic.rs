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
    match mul_u64(a, b) {
        Some(p) => Ok(p),
        None => a.checked_mul(b).ok_or(ArithmeticError::Overflow),
    }
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
        if is_one(denominator) {
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
    #[inline(always)]
    pub fn apply(&self, x: Decimal) -> Result<Decimal, ArithmeticError> {
        if let Some(v) = mul_div_u128(x, self.numerator, self.denominator) {
            return Ok(v);
        }
        let p = mul(x, self.numerator)?;
        if is_one(self.denominator) { Ok(p) } else { div(p, self.denominator) }
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

/// `d == 1` on the representation (`1`, not `1.0`): cheaper than a
/// numeric comparison, and only a plain 1 is stored as "no denominator".
#[inline]
fn is_one(d: Decimal) -> bool {
    d.scale() == 0 && d.mantissa() == 1
}

/// The largest mantissa a `Decimal` holds, plus one.
const MANTISSA_LIMIT: u128 = 1 << 96;
/// The largest scale a `Decimal` holds.
const MAX_SCALE: u32 = 28;

/// Powers of ten that fit in a `u128` (10^0 … 10^38).
const POW10: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `FITS[e]` = ⌊2^96 ÷ 10^e⌋: `a × 10^e ≤ 2^96` exactly when `a ≤ FITS[e]`.
const FITS: [u128; 30] = {
    let mut t = [0u128; 30];
    let mut e = 0;
    while e < 30 {
        t[e] = MANTISSA_LIMIT / POW10[e];
        e += 1;
    }
    t
};

/// `x × n ÷ d` on 128-bit integers, for the common case of the engine: a
/// short quantity times a short factor, divided by a small integer
/// (44/12, 29.3076). `None` when the product is not exact in a `Decimal`
/// or an intermediate does not fit: the caller then uses `Decimal`'s own
/// operations, so the fast path never changes a result, only its cost.
///
/// The product is exact; the quotient is exact when it terminates within
/// 28 decimal places (trailing zeros beyond the product's scale dropped),
/// otherwise rounded half to even at the most digits a `Decimal` holds,
/// which is the value `Decimal` division gives.
/// The exact product of two decimals whose mantissas are below 2^64, when
/// it fits in a `Decimal` as it is (no rounding): one machine multiply.
/// `None` otherwise, for `Decimal`'s own multiplication.
#[inline(always)]
fn mul_u64(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (am, bm) = (a.mantissa().unsigned_abs(), b.mantissa().unsigned_abs());
    let (Ok(am), Ok(bm)) = (u64::try_from(am), u64::try_from(bm)) else {
        return None;
    };
    let product = u128::from(am) * u128::from(bm);
    let scale = a.scale() + b.scale();
    if product >= MANTISSA_LIMIT || scale > MAX_SCALE {
        return None;
    }
    Some(decimal(product, scale, a.is_sign_negative() ^ b.is_sign_negative()))
}

#[inline(always)]
fn mul_div_u128(x: Decimal, n: Decimal, d: Decimal) -> Option<Decimal> {
    let p = mul_u64(x, n)?;
    if is_one(d) {
        return Some(p);
    }
    let (product, product_scale) = (p.mantissa().unsigned_abs(), p.scale());
    let negative = p.is_sign_negative() ^ d.is_sign_negative();
    let Ok(dm) = u32::try_from(d.mantissa().unsigned_abs()) else {
        return None;
    };
    if dm == 0 {
        return None;
    }
    let dm = u128::from(dm);
    // value = product × 10^-ps ÷ (dm × 10^-ds): the quotient of the
    // mantissas at scale ps − ds, brought to a scale of at least 0.
    let (dividend, scale) = match product_scale.checked_sub(d.scale()) {
        Some(s) => (product, s),
        // product < 2^96 and ds ≤ 28: the shift fits when ds − ps ≤ 9.
        None => (product * *POW10.get(..10)?.get((d.scale() - product_scale) as usize)?, 0),
    };
    let quotient = dividend / dm;
    let remainder = dividend - quotient * dm;
    if quotient >= MANTISSA_LIMIT {
        return None;
    }
    if remainder == 0 {
        return Some(decimal(quotient, scale, negative));
    }
    // Inexact: as many more digits as keep the quotient below 2^96 and the
    // scale within 28. Every digit added multiplies the quotient by 10.
    let room = (MAX_SCALE - scale) as usize;
    // A first guess from the bits to spare (× 77/256 ≤ log10 2), which
    // never overshoots; then digit by digit.
    let bits = 128 - (quotient + 1).leading_zeros();
    let mut extra = ((96u32.saturating_sub(bits) * 77 / 256) as usize).min(room);
    while extra < room && quotient < FITS[extra + 1] {
        extra += 1;
    }
    // quotient + 1 ≤ FITS[extra]: with `extra` digits the quotient stays
    // below 2^96. One more digit fits only if the quotient × 10 does: try it.
    if extra < room && quotient <= FITS[extra + 1] {
        let wider = dividend * POW10[extra + 1];
        if wider / dm < MANTISSA_LIMIT {
            extra += 1;
        }
    }
    // dividend < (quotient + 1) × dm ≤ 2^96 ÷ 10^extra × 2^32: fits.
    let dividend = dividend * POW10[extra];
    let mut q = dividend / dm;
    let r = dividend - q * dm;
    let scale = scale + extra as u32;
    if r == 0 {
        // Terminated within the digits added: drop the zeros after it.
        let mut s = scale;
        while s > scale - extra as u32 && q.is_multiple_of(10) {
            q /= 10;
            s -= 1;
        }
        return Some(decimal(q, s, negative));
    }
    let twice = r * 2;
    if twice > dm || (twice == dm && q % 2 == 1) {
        q += 1;
        if q >= MANTISSA_LIMIT {
            return None;
        }
    }
    Some(decimal(q, scale, negative))
}

/// A `Decimal` from a mantissa below 2^96, a scale ≤ 28 and a sign.
#[inline]
fn decimal(mantissa: u128, scale: u32, negative: bool) -> Decimal {
    let (lo, mid, hi) = (mantissa as u32, (mantissa >> 32) as u32, (mantissa >> 64) as u32);
    Decimal::from_parts(lo, mid, hi, negative && mantissa != 0, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `Ratio::apply` as it was before the fast path: Decimal's own operations.
    fn slow(x: Decimal, n: Decimal, d: Decimal) -> Option<Decimal> {
        let p = x.checked_mul(n)?;
        if is_one(d) { Some(p) } else { p.checked_div(d) }
    }

    fn decimal_from(mantissa: u128, scale: u32) -> Decimal {
        Decimal::from_i128_with_scale((mantissa % MANTISSA_LIMIT) as i128, scale)
    }

    #[test]
    fn the_fast_path_agrees_with_decimal_on_the_engines_ratios() {
        let cases = [
            ("1", "44", "12"),
            ("0.000001", "44", "12"),
            ("123456.789", "44", "12"),
            ("100", "1", "29.3076"),
            ("58.6152", "1", "29.3076"),
            ("2.5", "1", "0.25"),
            ("1", "1", "8"),
            ("123456789012345678901234567", "1", "3"),
            ("79228162514264337593543950335", "1", "3"),
            ("0.0000000000000000000000000001", "1", "3"),
            ("7", "1", "7.00"),
        ];
        for (x, n, d) in cases {
            let (x, n, d): (Decimal, Decimal, Decimal) = (x.parse().unwrap(), n.parse().unwrap(), d.parse().unwrap());
            let fast = mul_div_u128(x, n, d);
            if let Some(f) = fast {
                assert_eq!(Some(f), slow(x, n, d), "{x} × {n} ÷ {d}");
            }
        }
        // The common cases take the fast path.
        assert!(mul_div_u128(Decimal::new(123_456_789, 3), Decimal::from(44), Decimal::from(12)).is_some());
        assert!(mul_div_u128(Decimal::new(123_456_789, 3), Decimal::ONE, Decimal::new(293_076, 4)).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn the_fast_product_equals_decimal_multiplication(
            am in prop_oneof![any::<u128>(), 0u128..1_000_000_000], a_scale in 0u32..=28, a_neg in any::<bool>(),
            bm in prop_oneof![any::<u128>(), 0u128..1_000_000_000], b_scale in 0u32..=28,
        ) {
            let a = if a_neg { -decimal_from(am, a_scale) } else { decimal_from(am, a_scale) };
            let b = decimal_from(bm, b_scale);
            prop_assert_eq!(mul(a, b).ok(), a.checked_mul(b), "{} × {}", a, b);
        }

        #[test]
        fn the_fast_path_equals_decimal_division(
            xm in any::<u128>(), xs in 0u32..=28,
            nm in prop_oneof![1u128..100, any::<u64>().prop_map(u128::from)], ns in 0u32..=10,
            dm in prop_oneof![1u128..1000, 1u128..=u128::from(u64::MAX)], ds in 0u32..=10,
            small in any::<bool>(),
        ) {
            let xm = if small { xm % 1_000_000_000_000 } else { xm };
            let (x, n, d) = (decimal_from(xm, xs), decimal_from(nm, ns), decimal_from(dm, ds));
            if let Some(fast) = mul_div_u128(x, n, d) {
                prop_assert_eq!(Some(fast), slow(x, n, d), "{} × {} ÷ {}", x, n, d);
            }
        }
    }
}
