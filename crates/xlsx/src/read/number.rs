//! Exact numbers from cells.
//!
//! Spreadsheets store numbers as IEEE doubles, and calamine hands them over
//! as `f64`. A cell that shows `4476.904` holds the double nearest to it;
//! [`from_f64`] gives back exactly the decimal the user typed: the shortest
//! decimal that rounds to the same double (what Excel itself displays), never
//! the binary expansion (`Decimal::from_f64` turns 4476.904 into
//! 4476.904000000001 and is slow).
//!
//! Text cells may hold numbers too: [`parse_text`] accepts surrounding
//! spaces, a sign, thousands separators in groups of three (`1,234.5`),
//! exponent notation (`6.28E-02`), full-width digits (`１２３．５`), the
//! decimal digits of every other script (Arabic-Indic `١٢٣٫٥`, Persian
//! `۱۲۳`, Devanagari `१२३`, Thai, Bengali, …: Unicode's decimal digits,
//! [`ascii_digit`]) and, where the caller allows it, a percent sign (`98%`
//! is 0.98).
//!
//! A number the decimal type cannot hold ([`Decimal::MAX`], about 7.9e28,
//! and 28 decimal places) is told apart from text that is no number
//! ([`NotANumber::OutOfRange`]), so that `1e308` is reported as out of
//! range, not as something that is not a number.

use std::borrow::Cow;
use std::str::FromStr;

use rust_decimal::Decimal;

const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// The shortest decimal that parses back to `x`, or `None` for NaN,
/// infinities and magnitudes a [`Decimal`] cannot hold.
///
/// A scale search handles the common case (up to 15 decimal places, both
/// sides exact in `f64`); anything else goes through `ryu`'s shortest
/// round-trip text.
pub(crate) fn from_f64(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    if x.abs() < 9.0e15 {
        for (scale, p) in POW10.iter().enumerate() {
            let m = (x * p).round();
            if m.abs() >= 9.007_199_254_740_992e15 {
                break;
            }
            if m / p == x {
                // `m` is a whole number below 2^53: the cast is exact.
                return Some(Decimal::new(m as i64, scale as u32));
            }
        }
    }
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(x);
    Decimal::from_str_exact(text).or_else(|_| Decimal::from_scientific(text)).ok()
}

/// The text a number cell shows for messages and identifiers: `1001` for
/// a whole number, otherwise the shortest round-trip decimal (`0.1`).
pub(crate) fn f64_text(x: f64) -> String {
    match from_f64(x) {
        Some(d) => d.normalize().to_string(),
        None => {
            let mut buf = ryu::Buffer::new();
            buf.format(x).to_owned()
        }
    }
}

/// Why a cell gives no number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotANumber {
    /// It holds no number (text, a date, an error…).
    Not,
    /// It holds a number the decimal type cannot hold.
    OutOfRange(Range),
}

/// How a number is out of the decimal type's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Range {
    /// Larger than [`Decimal::MAX`] (in magnitude).
    Large,
    /// Not zero, but nearer to it than 1e-28.
    Tiny,
    /// More digits than a decimal keeps (28 after the point, 28 or 29 in all).
    Digits,
}

impl Range {
    /// Why, for messages.
    pub(crate) fn why(self) -> &'static str {
        match self {
            Range::Large => "numbers may be at most ±79,228,162,514,264,337,593,543,950,335 (about 7.9e28)",
            Range::Tiny => "numbers other than 0 may be no nearer to 0 than 1e-28",
            Range::Digits => "numbers may have at most 28 digits",
        }
    }

    /// How the number `text` (already known to be one) is out of range.
    fn of(text: &str) -> Range {
        match text.parse::<f64>() {
            Ok(x) if x.abs() >= 7.922_816_251_426_434e28 => Range::Large,
            Ok(x) if x != 0.0 && x.abs() < 1e-28 => Range::Tiny,
            _ => Range::Digits,
        }
    }
}

/// What [`from_f64`] gives for a finite double it cannot hold.
pub(crate) fn f64_range(x: f64) -> Range {
    if x.abs() >= 1.0 { Range::Large } else { Range::Tiny }
}

/// A number written as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextNumber {
    /// The value (already divided by 100 for a percentage).
    pub(crate) value: Decimal,
    /// Whether the text ended in `%`.
    pub(crate) percent: bool,
}

/// Parses a number written as text (see the module docs). A percent sign
/// is accepted only when `percent_ok`.
pub(crate) fn parse_text(text: &str, percent_ok: bool) -> Option<TextNumber> {
    parse_text_or(text, percent_ok).ok()
}

/// [`parse_text`], telling text that is no number from a number out of range.
pub(crate) fn parse_text_or(text: &str, percent_ok: bool) -> Result<TextNumber, NotANumber> {
    // A text in ASCII that cannot start a number (a name, a label) is told
    // at its first byte.
    if text.is_ascii() {
        let first = text.trim_start_matches(|c: char| c == ' ' || ('\t'..='\r').contains(&c));
        if !first.is_empty() && !first.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '%')) {
            return Err(NotANumber::Not);
        }
    }
    let s = half_width_text(text);
    let mut t = trim_space(&s);
    let mut percent = false;
    if let Some(rest) = t.strip_suffix('%') {
        if !percent_ok {
            return Err(NotANumber::Not);
        }
        percent = true;
        t = trim_space(rest);
    }
    let plain = plain_number(t).ok_or(NotANumber::Not)?;
    let value =
        if plain.contains(['e', 'E']) { Decimal::from_scientific(&plain) } else { Decimal::from_str_exact(&plain) };
    let value = value.map_err(|_| NotANumber::OutOfRange(Range::of(&plain)))?;
    let value = if percent { value.checked_div(Decimal::ONE_HUNDRED) } else { Some(value) };
    let value = value.ok_or(NotANumber::OutOfRange(Range::Digits))?;
    Ok(TextNumber { value, percent })
}

/// Checks the shape `[+-]digits[,ddd]*[.digits][e[+-]digits]` and returns it
/// without thousands separators or a leading `+`.
fn plain_number(t: &str) -> Option<String> {
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut out = String::with_capacity(t.len());
    if let Some(&b) = bytes.first()
        && (b == b'+' || b == b'-')
    {
        if b == b'-' {
            out.push('-');
        }
        i = 1;
    }
    // Integer part, with optional groups of three after commas.
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let first_group = i - int_start;
    out.push_str(&t[int_start..i]);
    let mut grouped = false;
    while i < bytes.len() && bytes[i] == b',' {
        if first_group == 0 || (!grouped && first_group > 3) {
            return None;
        }
        let g = i + 1;
        let mut j = g;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j - g != 3 {
            return None;
        }
        out.push_str(&t[g..j]);
        grouped = true;
        i = j;
    }
    let mut digits = first_group > 0;
    if i < bytes.len() && bytes[i] == b'.' {
        out.push('.');
        i += 1;
        let f = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        digits |= i > f;
        out.push_str(&t[f..i]);
        if out.ends_with('.') {
            out.pop();
        }
    }
    if !digits {
        return None;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        out.push('e');
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            if bytes[i] == b'-' {
                out.push('-');
            }
            i += 1;
        }
        let e = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return None;
        }
        out.push_str(&t[e..i]);
    }
    (i == bytes.len()).then_some(out)
}

/// Spaces that surround numbers and names in real books: Unicode white
/// space (including no-break and ideographic spaces), BOM and zero-width space.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// `text` without the [`is_space`] characters around it. Most texts have
/// none, which two byte checks tell without decoding a character.
pub(crate) fn trim_space(text: &str) -> &str {
    let plain = |b: u8| b.is_ascii() && b != b' ' && !(0x09..=0x0d).contains(&b);
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(&a), Some(&z)) if plain(a) && plain(z) => text,
        _ => text.trim_matches(is_space),
    }
}

/// `text` with [`half_width`] applied to every character: borrowed when it
/// is ASCII, which has no full-width forms or other digits (most texts).
pub(crate) fn half_width_text(text: &str) -> Cow<'_, str> {
    if text.is_ascii() { Cow::Borrowed(text) } else { Cow::Owned(text.chars().map(half_width).collect()) }
}

/// Full-width ASCII forms (`１`, `．`, `％`, `－`), the minus sign, the
/// decimal digits of other scripts ([`ascii_digit`]) and the Arabic
/// decimal and thousands separators and percent sign as their ASCII
/// characters.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2212}' => '-',
        '\u{066a}' => '%',
        '\u{066b}' => '.',
        '\u{066c}' => ',',
        c => ascii_digit(c).unwrap_or(c),
    }
}

/// The first code point (the zero) of each run of ten decimal digits of
/// Unicode (general category Nd) outside ASCII, in order: Arabic-Indic,
/// Extended Arabic-Indic (Persian, Urdu), NKo, Devanagari, Bengali, …,
/// full-width, mathematical and the scripts added up to Unicode 16.
const DIGIT_ZEROS: [u32; 75] = [
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50,
    0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
    0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950,
    0x11BF0, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The ASCII digit of a decimal digit of another script (`٣` → `3`,
/// `۳` → `3`, `३` → `3`); `None` for any other character. (`char::to_digit`
/// knows ASCII digits only.)
pub(crate) fn ascii_digit(c: char) -> Option<char> {
    let c = c as u32;
    if c < 0x660 {
        return None;
    }
    let i = DIGIT_ZEROS.partition_point(|z| *z <= c).checked_sub(1)?;
    let d = c - DIGIT_ZEROS[i];
    (d < 10).then(|| char::from(b'0' + d as u8))
}

/// An integer year 1900–9999 from a decimal.
pub(crate) fn year_of(d: Decimal) -> Option<i32> {
    if !d.fract().is_zero() {
        return None;
    }
    let y = i32::from_str(&d.trunc().normalize().to_string()).ok()?;
    (1900..=9999).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn spaces_around_texts_are_trimmed() {
        for (text, want) in [
            ("KILN-1", "KILN-1"),
            (" KILN-1", "KILN-1"),
            ("KILN-1\u{b}", "KILN-1"),
            ("\u{feff}12.5\u{3000}", "12.5"),
            ("\u{a0}合计\u{200b}", "合计"),
            ("a b", "a b"),
            ("  ", ""),
            ("", ""),
        ] {
            assert_eq!(trim_space(text), want, "{text:?}");
            assert_eq!(trim_space(text), text.trim_matches(is_space), "{text:?}");
        }
    }

    #[test]
    fn doubles_become_the_decimal_that_was_typed() {
        assert_eq!(from_f64(4476.904), Some(dec!(4476.904)));
        assert_eq!(from_f64(0.1), Some(dec!(0.1)));
        assert_eq!(from_f64(0.18387), Some(dec!(0.18387)));
        assert_eq!(from_f64(94802.40000000001), Some(dec!(94802.40000000001)));
        assert_eq!(from_f64(0.045794999999999995), Some(dec!(0.045794999999999995)));
        assert_eq!(from_f64(-1427289.178663907), Some(dec!(-1427289.178663907)));
        assert_eq!(from_f64(2024.0), Some(dec!(2024)));
        assert_eq!(from_f64(1e20), Some(dec!(100000000000000000000)));
        assert_eq!(from_f64(1.5e-7), Some(dec!(0.00000015)));
        assert_eq!(from_f64(-0.0), Some(dec!(0)));
        assert_eq!(from_f64(f64::NAN), None);
        assert_eq!(from_f64(f64::INFINITY), None);
        assert_eq!(from_f64(1e300), None);
    }

    #[test]
    fn every_three_decimal_value_round_trips() {
        // The values Decimal::from_f64 gets wrong (perf-baseline §6).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = (x % 100_000_000_000) as i64;
            let want = Decimal::new(m, 3);
            let f: f64 = want.to_string().parse().unwrap();
            assert_eq!(from_f64(f), Some(want), "{f}");
        }
    }

    #[test]
    fn texts_holding_numbers() {
        let p = |s| parse_text(s, false).map(|n| n.value);
        assert_eq!(p("1,234.5"), Some(dec!(1234.5)));
        assert_eq!(p(" 1234.5 "), Some(dec!(1234.5)));
        assert_eq!(p("\u{a0}12\u{3000}"), Some(dec!(12)));
        assert_eq!(p("1,234,567"), Some(dec!(1234567)));
        assert_eq!(p("+3"), Some(dec!(3)));
        assert_eq!(p("-3.50"), Some(dec!(-3.50)));
        assert_eq!(p(".5"), Some(dec!(0.5)));
        assert_eq!(p("5."), Some(dec!(5)));
        assert_eq!(p("6.28343493455535E-02"), Some(dec!(0.0628343493455535)));
        assert_eq!(p("1e3"), Some(dec!(1000)));
        assert_eq!(p("１２３．５"), Some(dec!(123.5)));
        assert_eq!(p("−7"), Some(dec!(-7)));
        for bad in
            ["", "abc", "1,2", "1,23", "12,3456", "1.2.3", "1_000", "NA", "< 1", "0.18-0.21", "1e", "-", ".", "98%"]
        {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn digits_of_other_scripts() {
        let p = |s| parse_text(s, true).map(|n| n.value);
        assert_eq!(p("١٢٣٤٫٥"), Some(dec!(1234.5)));
        assert_eq!(p("١٬٢٣٤٫٥"), Some(dec!(1234.5)));
        assert_eq!(p("۱۲۳۴"), Some(dec!(1234)));
        assert_eq!(p("१२३.४५"), Some(dec!(123.45)));
        assert_eq!(p("৪২"), Some(dec!(42)));
        assert_eq!(p("๑๒๓"), Some(dec!(123)));
        assert_eq!(p("٩٨٪"), Some(dec!(0.98)));
        assert_eq!(p("-٣"), Some(dec!(-3)));
        // Mixed scripts are digits all the same; letters are not.
        assert_eq!(p("1٢3"), Some(dec!(123)));
        assert_eq!(p("١a"), None);
        assert_eq!(ascii_digit('a'), None);
        assert_eq!(ascii_digit('\u{065f}'), None);
        assert_eq!(ascii_digit('\u{066a}'), None);
    }

    #[test]
    fn every_run_is_ten_decimal_digits() {
        assert!(DIGIT_ZEROS.is_sorted());
        for zero in DIGIT_ZEROS {
            for d in 0..10u32 {
                let c = char::from_u32(zero + d).expect("a character");
                assert!(c.is_numeric() && !c.is_ascii(), "U+{:04X}", zero + d);
                assert_eq!(ascii_digit(c), char::from_digit(d, 10), "U+{:04X}", zero + d);
            }
            // The code point after the run is not read as a digit.
            let after = char::from_u32(zero + 10).expect("a character");
            assert!(ascii_digit(after).is_none() || DIGIT_ZEROS.contains(&(zero + 10)), "U+{:04X}", zero + 10);
        }
    }

    #[test]
    fn numbers_out_of_range_are_told_apart() {
        let p = |s| parse_text_or(s, true).map(|n| n.value);
        assert_eq!(p("1e308"), Err(NotANumber::OutOfRange(Range::Large)));
        assert_eq!(p("-1e29"), Err(NotANumber::OutOfRange(Range::Large)));
        assert_eq!(p("100000000000000000000000000000"), Err(NotANumber::OutOfRange(Range::Large)));
        assert_eq!(p("1e-300"), Err(NotANumber::OutOfRange(Range::Tiny)));
        assert_eq!(p("0.12345678901234567890123456789"), Err(NotANumber::OutOfRange(Range::Digits)));
        assert_eq!(p("7.9e28"), Ok(dec!(79000000000000000000000000000)));
        assert_eq!(p("1e-28"), Ok(dec!(0.0000000000000000000000000001)));
        assert_eq!(p("abc"), Err(NotANumber::Not));
        assert_eq!(p("1e"), Err(NotANumber::Not));
        assert_eq!(from_f64(1e308), None);
        assert_eq!(f64_range(1e308), Range::Large);
        assert_eq!(f64_range(-1e-300), Range::Tiny);
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_text("98%", true), Some(TextNumber { value: dec!(0.98), percent: true }));
        assert_eq!(parse_text(" 98.5 % ", true).map(|n| n.value), Some(dec!(0.985)));
        assert_eq!(parse_text("９８％", true).map(|n| n.value), Some(dec!(0.98)));
        assert_eq!(parse_text("0.98", true), Some(TextNumber { value: dec!(0.98), percent: false }));
    }

    #[test]
    fn number_texts() {
        assert_eq!(f64_text(1001.0), "1001");
        assert_eq!(f64_text(0.30613100729682124), "0.30613100729682124");
        assert_eq!(year_of(dec!(2024)), Some(2024));
        assert_eq!(year_of(dec!(2024.5)), None);
        assert_eq!(year_of(dec!(24)), None);
    }
}
