//! Live formulas with the engine's figures as their cached results.
//!
//! The totals of the results book are formulas over the Ledger sheet, so a
//! user who edits or filters the ledger sees them follow; each carries the
//! engine's exact figure, as the nearest double, for readers that do not
//! calculate (calamine, pandas) and for the first display.

use rust_decimal::Decimal;
use rust_xlsxwriter::Formula;

use crate::excel_number::cached_text;

/// `formula` with `value` as its cached result.
pub(super) fn cached(formula: impl AsRef<str>, value: Decimal) -> Formula {
    Formula::new(formula).set_result(cached_text(value))
}

/// A SUMIFS criterion that matches `text` exactly (as far as Excel can:
/// it compares case-insensitively): a string literal `"=text"` with the
/// wildcards `*`, `?` and `~` escaped and quotes doubled.
pub(super) fn equals(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    out.push_str("\"=");
    for c in text.chars() {
        match c {
            '*' | '?' | '~' => {
                out.push('~');
                out.push(c);
            }
            '"' => out.push_str("\"\""),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `SUMIFS(sum_range, range1, criterion1, …)`.
pub(super) fn sumifs(sum_range: &str, criteria: &[(&str, &str)]) -> String {
    let mut f = format!("SUMIFS({sum_range}");
    for (range, criterion) in criteria {
        f.push(',');
        f.push_str(range);
        f.push(',');
        f.push_str(criterion);
    }
    f.push(')');
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_match_literally() {
        assert_eq!(equals("S1"), "\"=S1\"");
        assert_eq!(equals("a*b?c~\"d\""), "\"=a~*b~?c~~\"\"d\"\"\"");
        assert_eq!(sumifs("A:A", &[("B:B", "\"=x\"")]), "SUMIFS(A:A,B:B,\"=x\")");
    }
}
