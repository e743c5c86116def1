//! Typed values from the cells of one data row.
//!
//! Each getter reports what is wrong with its cell (what was expected, what
//! was found, where) and marks the row as failed, so every problem of a
//! row is reported and a failed row is not passed on.

use std::borrow::Cow;
use std::fmt::Display;
use std::str::FromStr;

use calamine::DataRef;
use carbonbook_core::period::Period;
use rust_decimal::Decimal;

use super::cells::{self, RowCells};
use super::header::Header;
use super::number::NotANumber;
use super::report::Report;
use super::schema::SheetSpec;
use super::{date, number};
use crate::cell::CellRef;
use crate::problem::Problem;

/// The most columns a sheet spec has.
const MAX_FIELDS: usize = 32;

/// Which numbers a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sign {
    /// Zero or more.
    NonNegative,
    /// More than zero.
    Positive,
}

/// One data row of a sheet.
pub(crate) struct Row<'h, 'c, 'd> {
    spec: &'static SheetSpec,
    header: &'h Header,
    /// The row number as Excel shows it.
    pub(crate) number: u32,
    cells: &'c RowCells<'d>,
    slots: [Option<u16>; MAX_FIELDS],
    /// Whether a problem was found in the row.
    pub(crate) failed: bool,
}

impl<'h, 'c, 'd> Row<'h, 'c, 'd> {
    /// The known cells of a row.
    pub(crate) fn new(spec: &'static SheetSpec, header: &'h Header, number: u32, cells: &'c RowCells<'d>) -> Self {
        let mut slots = [None; MAX_FIELDS];
        for (i, c) in cells.iter().enumerate() {
            if let Some(f) = header.field_at(c.get_position().1)
                && f < MAX_FIELDS
                && slots[f].is_none()
            {
                slots[f] = u16::try_from(i).ok();
            }
        }
        Row { spec, header, number, cells, slots, failed: false }
    }

    /// Whether no known column of the row holds anything.
    pub(crate) fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    /// The cell of a field, when not blank.
    pub(crate) fn value(&self, f: usize) -> Option<&'c DataRef<'d>> {
        self.slots.get(f).copied().flatten().map(|i| self.cells[usize::from(i)].get_value())
    }

    /// Whether the field's cell holds something.
    pub(crate) fn has(&self, f: usize) -> bool {
        self.value(f).is_some()
    }

    /// Where a field's cell is (the row's first cell when it has no column).
    pub(crate) fn cell(&self, f: usize) -> CellRef {
        self.header.cell(self.number, Some(f))
    }

    /// The field's name.
    pub(crate) fn field(&self, f: usize) -> &'static str {
        self.spec.columns[f].field.name()
    }

    /// Records a problem at a field's cell.
    pub(crate) fn fail(&mut self, report: &mut Report<'_>, f: usize, message: impl Into<String>) {
        self.failed = true;
        report.problem(Problem::at(self.cell(f), message));
    }

    /// Reports each required cell that is empty, except those `covered`.
    pub(crate) fn require(&mut self, report: &mut Report<'_>, covered: impl Fn(usize) -> bool) {
        for f in 0..self.spec.columns.len() {
            if self.spec.columns[f].required && !self.has(f) && !covered(f) {
                let name = self.field(f);
                self.fail(report, f, format!("{name} is required, found an empty cell"));
            }
        }
    }

    /// The header the row is read by.
    pub(crate) fn header(&self) -> &'h Header {
        self.header
    }

    /// Text (numbers as shown) without copying when the cell is text, or
    /// `None` when blank or wrong.
    pub(crate) fn str(&mut self, report: &mut Report<'_>, f: usize) -> Option<Cow<'c, str>> {
        let v = self.value(f)?;
        if let Some(t) = cells::text_of(v) {
            return Some(Cow::Borrowed(t));
        }
        match cells::as_text(v) {
            Some(t) => Some(Cow::Owned(t)),
            None => {
                let msg = format!("{} must be text, found {}", self.field(f), cells::describe(v));
                self.fail(report, f, msg);
                None
            }
        }
    }

    /// A value parsed from text through a memo of the texts seen before.
    pub(crate) fn parse_memo<T>(&mut self, report: &mut Report<'_>, f: usize, memo: &mut Memo<T>) -> Option<T>
    where
        T: FromStr + Clone,
        T::Err: Display,
    {
        let t = self.str(report, f)?;
        match memo.parse(&t) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(report, f, e);
                None
            }
        }
    }

    /// Text (numbers as shown), or `None` when blank or wrong.
    pub(crate) fn text(&mut self, report: &mut Report<'_>, f: usize) -> Option<String> {
        let v = self.value(f)?;
        match cells::as_text(v) {
            Some(t) => Some(t),
            None => {
                let msg = format!("{} must be text, found {}", self.field(f), cells::describe(v));
                self.fail(report, f, msg);
                None
            }
        }
    }

    /// A value parsed from text by its `FromStr`; the parse error is the message.
    pub(crate) fn parse<T>(&mut self, report: &mut Report<'_>, f: usize) -> Option<T>
    where
        T: FromStr,
        T::Err: Display,
    {
        let t = self.str(report, f)?;
        match t.parse::<T>() {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(report, f, e.to_string());
                None
            }
        }
    }

    /// A number.
    pub(crate) fn decimal(&mut self, report: &mut Report<'_>, f: usize, sign: Sign) -> Option<Decimal> {
        let v = self.value(f)?;
        let d = match number_of(v, false) {
            Ok(d) => d,
            Err(why) => {
                let msg = not_a_number(self.field(f), "a number", v, why);
                self.fail(report, f, msg);
                return None;
            }
        };
        let bad = match sign {
            Sign::NonNegative => (d.is_sign_negative() && !d.is_zero()).then_some("≥ 0"),
            Sign::Positive => (d.is_sign_negative() || d.is_zero()).then_some("> 0"),
        };
        if let Some(rule) = bad {
            let msg = format!("{} must be a number {rule}, found {}", self.field(f), d.normalize());
            self.fail(report, f, msg);
            return None;
        }
        Some(d)
    }

    /// A fraction from 0 to 1, given as `0.98`, `98%` or a percent-formatted cell.
    pub(crate) fn fraction(&mut self, report: &mut Report<'_>, f: usize) -> Option<Decimal> {
        let v = self.value(f)?;
        let expected = "a fraction from 0 to 1 (0.98) or a percentage (98%)";
        let d = match number_of(v, true) {
            Ok(d) => d,
            Err(why) => {
                let msg = not_a_number(self.field(f), expected, v, why);
                self.fail(report, f, msg);
                return None;
            }
        };
        if d.is_sign_negative() && !d.is_zero() || d > Decimal::ONE {
            let hint = if d > Decimal::ONE && d <= Decimal::ONE_HUNDRED {
                format!("; write {} or {}%", (d / Decimal::ONE_HUNDRED).normalize(), d.normalize())
            } else {
                String::new()
            };
            let msg = format!("{} must be {expected}, found {}{hint}", self.field(f), cells::describe(v));
            self.fail(report, f, msg);
            return None;
        }
        Some(d)
    }

    /// A month or year.
    pub(crate) fn period(&mut self, report: &mut Report<'_>, f: usize) -> Option<Period> {
        let v = self.value(f)?;
        let p = date::period(v);
        if p.is_none() {
            let msg = format!("{} must be {}, found {}", self.field(f), date::PERIOD_EXPECTED, cells::describe(v));
            self.fail(report, f, msg);
        }
        p
    }

    /// A calendar year.
    pub(crate) fn year(&mut self, report: &mut Report<'_>, f: usize) -> Option<i32> {
        let v = self.value(f)?;
        let y = date::year(v);
        if y.is_none() {
            let msg = format!("{} must be a year such as 2024, found {}", self.field(f), cells::describe(v));
            self.fail(report, f, msg);
        }
        y
    }
}

/// Parse results of the texts seen most recently: a column of units or
/// source categories holds a handful of distinct texts, parsed once each.
#[derive(Debug)]
pub(crate) struct Memo<T> {
    entries: Vec<(Box<str>, Result<T, String>)>,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo { entries: Vec::new() }
    }
}

impl<T: FromStr + Clone> Memo<T>
where
    T::Err: Display,
{
    /// Most distinct texts kept.
    const CAPACITY: usize = 64;

    /// The parse result of `text`, from the memo when seen before.
    pub(crate) fn parse(&mut self, text: &str) -> Result<T, String> {
        if let Some((_, r)) = self.entries.iter().find(|(t, _)| &**t == text) {
            return r.clone();
        }
        let r = text.parse::<T>().map_err(|e| e.to_string());
        if self.entries.len() < Self::CAPACITY {
            self.entries.push((text.into(), r.clone()));
        }
        r
    }
}

/// The number a cell holds: a number cell (converted exactly) or text
/// holding a number; a percentage only when `percent_ok`.
pub(crate) fn decimal_of(v: &DataRef<'_>, percent_ok: bool) -> Option<Decimal> {
    number_of(v, percent_ok).ok()
}

/// [`decimal_of`], telling a cell that holds no number from one whose
/// number is out of the decimal type's range.
pub(crate) fn number_of(v: &DataRef<'_>, percent_ok: bool) -> Result<Decimal, NotANumber> {
    match v {
        DataRef::Float(x) if x.is_finite() => number::from_f64(*x).ok_or(NotANumber::OutOfRange(number::f64_range(*x))),
        DataRef::Int(i) => Ok(Decimal::from(*i)),
        DataRef::String(s) => number::parse_text_or(s, percent_ok).map(|n| n.value),
        DataRef::SharedString(s) => number::parse_text_or(s, percent_ok).map(|n| n.value),
        _ => Err(NotANumber::Not),
    }
}

/// The message of a cell that gives no number: `quantity must be a
/// number, found "abc"`, or `quantity is out of range, found 1e308: …`.
pub(crate) fn not_a_number(field: &str, expected: &str, v: &DataRef<'_>, why: NotANumber) -> String {
    match why {
        NotANumber::Not => format!("{field} must be {expected}, found {}", cells::describe(v)),
        NotANumber::OutOfRange(range) => {
            format!("{field} is out of range, found {}: {}", cells::describe(v), range.why())
        }
    }
}

#[cfg(test)]
mod field_capacity {
    /// A column beyond `MAX_FIELDS` would be read as empty: every sheet
    /// must fit.
    #[test]
    fn every_sheet_fits_in_a_row() {
        for spec in super::super::schema::ALL {
            assert!(spec.columns.len() <= super::MAX_FIELDS, "{:?} has {} columns", spec.sheet, spec.columns.len());
        }
    }
}
