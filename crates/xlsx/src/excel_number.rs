//! Exact decimals at the Excel edge.
//!
//! An Excel number cell holds an IEEE 754 double, so writing a figure to a
//! sheet is the one place where carbonbook's exact decimals become floats.
//! [`to_f64_lossy`] gives the double nearest to the decimal (correctly
//! rounded, unlike `Decimal::to_f64`), and [`cached_text`] the shortest text
//! that reads back as that double, for the cached result of a formula.
//! Books written by this crate keep the exact figures beside the numbers
//! as text where an audit needs them.

use rust_decimal::Decimal;

pub use carbonbook_core::rounding::to_f64_lossy;

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
