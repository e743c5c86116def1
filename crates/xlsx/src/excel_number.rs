//! Exact decimals at the Excel edge.
//!
//! An Excel number cell holds an IEEE 754 double, so writing a figure to a
//! sheet is the one place where carbonbook's exact decimals become floats.
//! [`to_f64_lossy`] gives the double nearest to the decimal (correctly
//! rounded, unlike `Decimal::to_f64`), and [`cached_text`] the shortest text
//! that reads back as that double, for the cached result of a formula.
//! Books written by this crate keep the exact figures beside the numbers
//! as text where an audit needs them.

use std::fmt::Write as _;

use rust_decimal::Decimal;

/// Powers of ten that a double holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The double nearest to `value` (ties to even). Lossy by nature: a double
/// carries about 16 significant digits, a `Decimal` up to 28.
///
/// ```
/// use carbonbook_xlsx::excel_number::to_f64_lossy;
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
    let mut text = Text::default();
    // A Decimal always prints as digits, a sign and a point, which parse.
    write!(text, "{value}").ok().and_then(|()| text.as_str().parse::<f64>().ok()).unwrap_or(f64::NAN)
}

/// The shortest text that reads back as [`to_f64_lossy`]`(value)`: what a
/// reader trusting a formula's cached result (calamine, pandas) sees.
///
/// ```
/// use carbonbook_xlsx::excel_number::cached_text;
/// use rust_decimal_macros::dec;
/// assert_eq!(cached_text(dec!(530.6000)), "530.6");
/// assert_eq!(cached_text(dec!(-3500)), "-3500.0");
/// ```
pub fn cached_text(value: Decimal) -> String {
    ryu::Buffer::new().format(to_f64_lossy(value)).to_owned()
}

/// A stack buffer for one printed `Decimal` (at most 31 characters).
struct Text {
    bytes: [u8; 48],
    len: usize,
}

impl Default for Text {
    fn default() -> Self {
        Text { bytes: [0; 48], len: 0 }
    }
}

impl Text {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for Text {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The decimal a number cell holds, as Excel displays it: the shortest
/// decimal that reads back as the same double (`0.1`, not
/// `0.1000000000000000055511151231257827`), or `None` for NaN, infinities
/// and magnitudes a [`Decimal`] cannot hold. This is the one conversion used
/// for cells read from workbooks, including the published factor sets.
///
/// ```
/// use carbonbook_xlsx::excel_number::from_cell_f64;
/// use rust_decimal_macros::dec;
/// assert_eq!(from_cell_f64(4476.904), Some(dec!(4476.904)));
/// assert_eq!(from_cell_f64(0.022000000000000002).map(|d| d.to_string()), Some("0.022000000000000002".into()));
/// assert_eq!(from_cell_f64(f64::NAN), None);
/// ```
pub fn from_cell_f64(x: f64) -> Option<Decimal> {
    crate::read::number_from_f64(x)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn agrees_with_the_float_parser() {
        let values = [
            dec!(0),
            dec!(-0.000000000000000000000000001),
            dec!(79228162514264337593543950335),
            dec!(-79228162514264337593543950335),
            dec!(12000) * dec!(19.570) * dec!(0.0261) * dec!(0.93) * dec!(44) / dec!(12),
            dec!(2) / dec!(3),
            dec!(9007199254740993),
            dec!(900719925474099.3),
            dec!(0.3000000000000000000000000001),
            dec!(1234567890.123456789),
        ];
        for v in values {
            let want: f64 = v.to_string().parse().unwrap();
            assert_eq!(to_f64_lossy(v).to_bits(), want.to_bits(), "{v}");
            assert_eq!(cached_text(v).parse::<f64>().unwrap().to_bits(), want.to_bits(), "{v}");
        }
    }
}
