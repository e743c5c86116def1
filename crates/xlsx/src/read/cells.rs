//! Cell values as every source hands them over.
//!
//! All formats are read into calamine's borrowed [`DataRef`]: xlsx cells
//! straight from the streaming reader (shared strings borrowed), cells of
//! a `Range` (xls, xlsb, ods) borrowed from it, CSV fields borrowed from the
//! record. A row is the list of its non-blank cells with their absolute
//! positions, in column order.

use calamine::{Cell, Data, DataRef};

use super::{date, number};

/// One row: its non-blank cells, in column order, with absolute (0-based)
/// positions.
pub(crate) type RowCells<'d> = [Cell<DataRef<'d>>];

/// Whether a cell holds nothing: empty, or text of spaces only (calamine
/// gives formulas returning `""` and stray `""` strings as text).
pub(crate) fn is_blank(v: &DataRef<'_>) -> bool {
    match v {
        DataRef::Empty => true,
        DataRef::String(s) => number::trim_space(s).is_empty(),
        DataRef::SharedString(s) => number::trim_space(s).is_empty(),
        _ => false,
    }
}

/// The text of a text cell, without surrounding spaces.
pub(crate) fn text_of<'v>(v: &'v DataRef<'_>) -> Option<&'v str> {
    match v {
        DataRef::String(s) => Some(number::trim_space(s)),
        DataRef::SharedString(s) => Some(number::trim_space(s)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(s.trim()),
        _ => None,
    }
}

/// The text a cell holds for a text field: text as is, numbers as shown
/// (`1001`, not `1001.0`). `None` for booleans, errors and dates.
pub(crate) fn as_text(v: &DataRef<'_>) -> Option<String> {
    match v {
        DataRef::Float(f) => Some(number::f64_text(*f)),
        DataRef::Int(i) => Some(i.to_string()),
        _ => text_of(v).map(str::to_owned),
    }
}

/// What a cell holds, for "found …" in messages.
pub(crate) fn describe(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Empty => "an empty cell".to_owned(),
        DataRef::String(s) => format!("\"{}\"", short(s)),
        DataRef::SharedString(s) => format!("\"{}\"", short(s)),
        DataRef::Float(f) => number::f64_text(*f),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => format!("{} (a TRUE/FALSE cell)", if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(dt) if dt.is_duration() => format!("a duration ({})", number::f64_text(dt.as_f64())),
        DataRef::DateTime(dt) => format!("a date ({})", date::date_text(dt)),
        DataRef::DateTimeIso(s) => format!("a date ({s})"),
        DataRef::DurationIso(s) => format!("a duration ({s})"),
        DataRef::Error(e) => format!("the error value {e}"),
    }
}

/// Long texts are cut in messages.
fn short(s: &str) -> String {
    const MAX: usize = 80;
    let s = number::trim_space(s);
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// A borrowed view of an owned cell of a `Range`.
pub(crate) fn borrow(v: &Data) -> DataRef<'_> {
    match v {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::CellErrorType;

    #[test]
    fn blanks() {
        assert!(is_blank(&DataRef::Empty));
        assert!(is_blank(&DataRef::SharedString("")));
        assert!(is_blank(&DataRef::String(" \u{a0}\n".to_owned())));
        assert!(!is_blank(&DataRef::Float(0.0)));
        assert!(!is_blank(&DataRef::Error(CellErrorType::NA)));
    }

    #[test]
    fn texts_and_descriptions() {
        assert_eq!(as_text(&DataRef::Float(1001.0)).as_deref(), Some("1001"));
        assert_eq!(as_text(&DataRef::SharedString(" METHANE\n")).as_deref(), Some("METHANE"));
        assert_eq!(as_text(&DataRef::Bool(true)), None);
        assert_eq!(describe(&DataRef::SharedString("abc")), "\"abc\"");
        assert_eq!(describe(&DataRef::Error(CellErrorType::Div0)), "the error value #DIV/0!");
        assert_eq!(describe(&DataRef::Bool(false)), "FALSE (a TRUE/FALSE cell)");
        assert!(describe(&DataRef::String("x".repeat(200))).ends_with("…\""));
    }
}
