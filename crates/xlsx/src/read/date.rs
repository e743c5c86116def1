//! Periods and years from cells.
//!
//! A period is a month or a calendar year. It may be written as
//! * a real date cell: the month of that date, in the 1900 or the 1904 date
//!   system (calamine carries the book's flag with each date);
//! * a number cell holding a year (`2024`);
//! * text: `2024`, `2024-03`, `2024-3`, `2024/3`, `2024.03`, `2024年3月`,
//!   `2024年`, `202403`, or a full date `2024-03-15` / `2024/3/15` (its month).
//!
//! Day-first or two-digit-year texts (`1/06/2021`, `30-Sep-20`) are
//! ambiguous and refused.

use calamine::{DataRef, ExcelDateTime};
use carbonbook_core::period::Period;

use super::number;

/// What a period cell must hold, for messages.
pub(crate) const PERIOD_EXPECTED: &str = "a month (2024-03, 2024年3月, a date cell) or a year (2024)";

/// The month of a date cell.
pub(crate) fn month_of(dt: &ExcelDateTime) -> Option<Period> {
    if dt.is_duration() {
        return None;
    }
    let (y, m, ..) = dt.to_ymd_hms_milli();
    Period::month(i32::from(y), m).ok()
}

/// `yyyy-mm-dd` of a date cell, for messages.
pub(crate) fn date_text(dt: &ExcelDateTime) -> String {
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{d:02}")
}

/// The period a cell holds, or `None` when it holds none.
pub(crate) fn period(v: &DataRef<'_>) -> Option<Period> {
    match v {
        DataRef::DateTime(dt) => month_of(dt),
        DataRef::Float(f) => number::from_f64(*f).and_then(number::year_of).map(Period::Year),
        DataRef::Int(i) => i32::try_from(*i).ok().filter(|y| (1900..=9999).contains(y)).map(Period::Year),
        DataRef::String(s) => period_text(s),
        DataRef::SharedString(s) => period_text(s),
        DataRef::DateTimeIso(s) => period_text(s),
        _ => None,
    }
}

/// A period written as text.
pub(crate) fn period_text(text: &str) -> Option<Period> {
    let folded = number::half_width_text(text);
    let t = number::trim_space(&folded);
    if let Ok(p) = t.parse::<Period>() {
        return Some(p);
    }
    // 202403
    if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        let year = t[..4].parse().ok()?;
        let month = t[4..].parse().ok()?;
        return Period::month(year, month).ok();
    }
    // A full date: 2024-03-15, 2024/3/15, 2024.03.15, 2024年3月15日, optionally with a time.
    let date = t.split(['T', ' ']).next().unwrap_or(t).trim_end_matches('日');
    let mut parts = date.split(['-', '/', '.', '年', '月']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || !(1..=2).contains(&d.len()) {
        return None;
    }
    let day: u8 = d.parse().ok()?;
    let year: i32 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    Period::month(year, month).ok()
}

/// The day a cell holds: a date cell, or text `2025-03-01`, `2025/3/1`,
/// `2025.3.1`, `2025年3月1日` (optionally with a time).
pub(crate) fn day(v: &DataRef<'_>) -> Option<chrono::NaiveDate> {
    let text = |s: &str| {
        let folded = number::half_width_text(s);
        let t = number::trim_space(&folded);
        let date = t.split(['T', ' ']).next().unwrap_or(t).trim_end_matches('日');
        let mut parts = date.split(['-', '/', '.', '年', '月']);
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 {
            return None;
        }
        chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    };
    match v {
        DataRef::DateTime(dt) if !dt.is_duration() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
        }
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::DateTimeIso(s) => text(s),
        _ => None,
    }
}

/// A calendar year (1900–9999) from a number or text cell.
pub(crate) fn year(v: &DataRef<'_>) -> Option<i32> {
    let text = |s: &str| {
        let folded = number::half_width_text(s);
        let t = number::trim_space(number::trim_space(&folded).trim_end_matches("年度").trim_end_matches('年'));
        number::parse_text(t, false).and_then(|n| number::year_of(n.value))
    };
    match v {
        DataRef::Float(f) => number::from_f64(*f).and_then(number::year_of),
        DataRef::Int(i) => i32::try_from(*i).ok().filter(|y| (1900..=9999).contains(y)),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn month(year: i32, month: u8) -> Option<Period> {
        Some(Period::Month { year, month })
    }

    #[test]
    fn date_cells_in_both_date_systems() {
        // 2024-03-15 is serial 45366 in the 1900 system and 43904 in the 1904 system.
        let d1900 = ExcelDateTime::new(45366.0, ExcelDateTimeType::DateTime, false);
        let d1904 = ExcelDateTime::new(43904.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(period(&DataRef::DateTime(d1900)), month(2024, 3));
        assert_eq!(period(&DataRef::DateTime(d1904)), month(2024, 3));
        assert_eq!(date_text(&d1904), "2024-03-15");
        // Read in the wrong system it would be four years and a day off.
        let wrong = ExcelDateTime::new(43904.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(period(&DataRef::DateTime(wrong)), month(2020, 3));
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(period(&DataRef::DateTime(duration)), None);
    }

    #[test]
    fn texts_and_numbers() {
        let s = |t: &'static str| period(&DataRef::SharedString(t));
        assert_eq!(s("2024-03"), month(2024, 3));
        assert_eq!(s(" 2024 "), Some(Period::Year(2024)));
        assert_eq!(s("2024/3"), month(2024, 3));
        assert_eq!(s("2024年3月"), month(2024, 3));
        assert_eq!(s("２０２４年３月"), month(2024, 3));
        assert_eq!(s("202403"), month(2024, 3));
        assert_eq!(s("2024-03-15"), month(2024, 3));
        assert_eq!(s("2024/3/1"), month(2024, 3));
        assert_eq!(s("2024-03-15T00:00:00"), month(2024, 3));
        assert_eq!(s("2024年3月15日"), month(2024, 3));
        for bad in ["1/06/2021", "30-Sep-20", "2024-13", "March", "202413", "2024-03-99", "24"] {
            assert_eq!(s(bad), None, "{bad}");
        }
        assert_eq!(period(&DataRef::Float(2024.0)), Some(Period::Year(2024)));
        assert_eq!(period(&DataRef::Int(2024)), Some(Period::Year(2024)));
        assert_eq!(period(&DataRef::Float(2024.03)), None);
        assert_eq!(period(&DataRef::Bool(true)), None);
    }

    #[test]
    fn years() {
        assert_eq!(year(&DataRef::Float(2024.0)), Some(2024));
        assert_eq!(year(&DataRef::SharedString("2024年")), Some(2024));
        assert_eq!(year(&DataRef::SharedString(" 2024 ")), Some(2024));
        assert_eq!(year(&DataRef::SharedString("2024.5")), None);
        assert_eq!(year(&DataRef::Float(99.0)), None);
    }
}
