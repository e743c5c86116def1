//! Totals rows found without being declared: by their label (`Total
//! Stationary Energy^`, `合计`), or by their figures (a row of numbers
//! only, each the exact sum of its column over the rows above it).
//!
//! Both are streamed: the label is the row's own first text, and the sums
//! are running sums (exact decimals) of the value columns over the rows of
//! the current block.

use calamine::DataRef;
use rust_decimal::Decimal;

use super::values::strip_footnotes;
use crate::read::cells::{self, RowCells};
use crate::read::number;
use crate::read::row::decimal_of;

/// The totals words detected when a profile names none.
pub(crate) const TOTAL_WORDS: &[&str] = &[
    "total",
    "totals",
    "subtotal",
    "subtotals",
    "sub-total",
    "sub total",
    "grand total",
    "sum",
    "合计",
    "小计",
    "总计",
    "合計",
    "小計",
    "總計",
];

/// Whether `label` starts with one of `words` (lower case) as a whole word:
/// case-insensitive, after surrounding spaces and leading footnote markers,
/// and followed by the end, a space or a sign (`Total:`, `Total Waste^`,
/// `合计（万元）`), not by a letter or digit (`TotalEnergies`, `Summit`).
pub(crate) fn starts_with_word(label: &str, words: &[String], footnotes: &[String]) -> bool {
    let mut t = number::trim_space(label);
    loop {
        let before = t.len();
        for f in footnotes.iter().filter(|f| !f.is_empty()) {
            t = t.strip_prefix(f.as_str()).unwrap_or(t).trim_start_matches(number::is_space);
        }
        if t.len() == before {
            break;
        }
    }
    let t = strip_footnotes(t, footnotes);
    let whole_word = |w: &str, rest: &str| {
        // Words written in Han characters need no boundary after them.
        let ends_in_letter = w.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
        !ends_in_letter || !rest.chars().next().is_some_and(char::is_alphanumeric)
    };
    if t.is_ascii() {
        // Every row's label is checked: ASCII ones without a lower-case copy.
        return words.iter().any(|w| {
            t.len() >= w.len()
                && t.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
                && whole_word(w, &t[w.len()..])
        });
    }
    let t = t.to_lowercase();
    words.iter().any(|w| t.strip_prefix(w.as_str()).is_some_and(|rest| whole_word(w, rest)))
}

/// The row's own first text that is not a number (its label), as the
/// row holds it before merged labels are filled in: `(column, text)`.
pub(crate) fn first_label<'c>(cells: &'c RowCells<'_>) -> Option<(u32, &'c str)> {
    cells.iter().find_map(|c| {
        let t = cells::text_of(c.get_value())?;
        (!t.is_empty() && number::parse_text(t, true).is_none()).then_some((c.get_position().1, t))
    })
}

/// Running sums of the value columns over the rows of a block: the data
/// rows since the table's first row, a blank row, a group sub-header row
/// or a totals row.
#[derive(Debug, Default)]
pub(crate) struct BlockSums {
    /// The value columns, sorted.
    cols: Vec<u32>,
    /// Per column: the exact sum so far (`None` once it overflowed) and
    /// how many numbers it adds.
    sums: Vec<(Option<Decimal>, u32)>,
    /// Rows in the block.
    rows: u32,
    /// Whether every row of the block holds a cell outside the value
    /// columns (a label, an id, a period of its own).
    all_labelled: bool,
    /// The block's first and last rows.
    first: u32,
    last: u32,
}

impl BlockSums {
    /// Sums over these value columns.
    pub(crate) fn new(mut cols: Vec<u32>) -> BlockSums {
        cols.sort_unstable();
        cols.dedup();
        let n = cols.len();
        BlockSums { cols, sums: vec![(Some(Decimal::ZERO), 0); n], rows: 0, all_labelled: true, first: 0, last: 0 }
    }

    /// Starts a new block.
    pub(crate) fn reset(&mut self) {
        for s in &mut self.sums {
            *s = (Some(Decimal::ZERO), 0);
        }
        self.rows = 0;
        self.all_labelled = true;
    }

    /// Adds a data row (its cells as the row holds them).
    pub(crate) fn add(&mut self, number: u32, cells: &RowCells<'_>) {
        if self.cols.is_empty() {
            return;
        }
        if self.rows == 0 {
            self.first = number;
        }
        self.rows += 1;
        self.last = number;
        let mut labelled = false;
        for c in cells {
            let col = c.get_position().1;
            match self.cols.binary_search(&col) {
                Ok(k) => {
                    if let Some(d) = number_of(c.get_value()) {
                        let (sum, n) = &mut self.sums[k];
                        *sum = sum.and_then(|s| s.checked_add(d));
                        *n += 1;
                    }
                }
                Err(_) => labelled |= !cells::is_blank(c.get_value()),
            }
        }
        self.all_labelled &= labelled;
    }

    /// Whether the row is a totals row by its figures, and if so the rows
    /// it sums (`rows 7–12`): it holds numbers only, all in value columns,
    /// below at least two rows of its block that each hold a label or
    /// other cells of their own, and each of its numbers equals exactly
    /// the sum of its column over the block (a column summed from at least
    /// two numbers).
    pub(crate) fn totals_of(&self, cells: &RowCells<'_>) -> Option<String> {
        if self.cols.is_empty() || self.rows < 2 || !self.all_labelled {
            return None;
        }
        let mut seen = 0;
        for c in cells {
            let v = c.get_value();
            if cells::is_blank(v) {
                continue;
            }
            let k = self.cols.binary_search(&c.get_position().1).ok()?;
            let d = number_of(v)?;
            match self.sums[k] {
                (Some(sum), n) if n >= 2 && sum == d => seen += 1,
                _ => return None,
            }
        }
        (seen > 0).then(|| format!("rows {}–{}", self.first, self.last))
    }
}

/// A number cell, or text holding a number.
fn number_of(v: &DataRef<'_>) -> Option<Decimal> {
    decimal_of(v, false)
}

#[cfg(test)]
mod tests {
    use calamine::Cell;

    use super::*;

    fn words() -> Vec<String> {
        TOTAL_WORDS.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn totals_words_are_whole_words() {
        let w = words();
        let notes = vec!["^".to_owned(), "*".to_owned()];
        for yes in [
            "Total Stationary Energy^",
            "TOTAL",
            "Total:",
            "  Grand Total ",
            "Subtotal – site A",
            "Sub-total",
            "Sum",
            "合计",
            "小计（万元）",
            "总计:",
            "*Total",
            "Totals",
        ] {
            assert!(starts_with_word(yes, &w, &notes), "{yes}");
        }
        // Company names, words that only begin the same.
        for no in ["TotalEnergies", "Summit Materials Inc", "Sumitomo", "Totalizer reading", "Net total", "月合计", ""]
        {
            assert!(!starts_with_word(no, &w, &notes), "{no}");
        }
        // A utility of the EIA file: a name, not a total (tables into
        // Facilities are not searched for totals unless asked).
        assert!(starts_with_word("Total Gas & Power North America Inc", &w, &notes));
    }

    fn row(r: u32, cells: &[(u32, DataRef<'static>)]) -> Vec<Cell<DataRef<'static>>> {
        cells.iter().map(|(c, v)| Cell::new((r - 1, *c), v.clone())).collect()
    }

    #[test]
    fn labels_are_the_rows_own_first_text() {
        let r =
            row(5, &[(0, DataRef::SharedString("3")), (1, DataRef::SharedString("合计")), (2, DataRef::Float(9.0))]);
        assert_eq!(first_label(&r), Some((1, "合计")));
        assert_eq!(first_label(&row(5, &[(2, DataRef::Float(9.0))])), None);
    }

    #[test]
    fn sums_are_exact_and_conservative() {
        // B: value column; A: the label.
        let mut s = BlockSums::new(vec![1]);
        s.add(2, &row(2, &[(0, DataRef::SharedString("Boiler")), (1, DataRef::Float(0.1))]));
        assert_eq!(s.totals_of(&row(3, &[(1, DataRef::Float(0.1))])), None, "one row is no block");
        s.add(3, &row(3, &[(0, DataRef::SharedString("Kiln")), (1, DataRef::Float(0.2))]));
        // 0.1 + 0.2 is exactly 0.3 in decimals.
        assert_eq!(s.totals_of(&row(4, &[(1, DataRef::Float(0.3))])), Some("rows 2–3".to_owned()));
        assert_eq!(s.totals_of(&row(4, &[(1, DataRef::SharedString("0.3"))])), Some("rows 2–3".to_owned()));
        // Excel's own double sum of 0.1 and 0.2 reads as 0.30000000000000004: not taken.
        assert_eq!(s.totals_of(&row(4, &[(1, DataRef::Float(0.1 + 0.2))])), None);
        // A row with a label, or a number outside the value columns, is data.
        assert_eq!(s.totals_of(&row(4, &[(0, DataRef::SharedString("Dryer")), (1, DataRef::Float(0.3))])), None);
        assert_eq!(s.totals_of(&row(4, &[(0, DataRef::Float(2024.0)), (1, DataRef::Float(0.3))])), None);
        s.reset();
        assert_eq!(s.totals_of(&row(4, &[(1, DataRef::Float(0.3))])), None);
        // Rows without a label of their own (under a merged label) make no block whose sums count.
        let mut s = BlockSums::new(vec![1]);
        s.add(2, &row(2, &[(0, DataRef::SharedString("KILN-1")), (1, DataRef::Float(3.0))]));
        s.add(3, &row(3, &[(1, DataRef::Float(4.0))]));
        assert_eq!(s.totals_of(&row(4, &[(1, DataRef::Float(7.0))])), None);
        // Every number of the row must match its column.
        let mut s = BlockSums::new(vec![1, 2]);
        for r in 2..=3 {
            s.add(r, &row(r, &[(0, DataRef::SharedString("m")), (1, DataRef::Int(1)), (2, DataRef::Int(2))]));
        }
        assert_eq!(s.totals_of(&row(4, &[(1, DataRef::Int(2)), (2, DataRef::Int(4))])), Some("rows 2–3".to_owned()));
        assert_eq!(s.totals_of(&row(4, &[(1, DataRef::Int(2)), (2, DataRef::Int(5))])), None);
    }
}
