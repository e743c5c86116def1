//! Finding a table in a sheet: its header row(s) and the source column of
//! every name the profile uses.

use crate::cell::{CellRef, column_letters};
use crate::read::schema::normalise;

/// The texts of a table's header, per source column.
#[derive(Debug, Default, Clone)]
pub(crate) struct HeaderTexts {
    /// The sheet.
    pub(crate) sheet: String,
    /// The first header row (1-based).
    pub(crate) first_row: u32,
    /// How many rows the header spans.
    pub(crate) rows: u32,
    /// Per column (sorted by column): the text of each header row (empty
    /// when that row is blank there).
    pub(crate) columns: Vec<(u32, Vec<String>)>,
}

impl HeaderTexts {
    /// Records the text of a header cell.
    pub(crate) fn push(&mut self, row: u32, col: u32, text: String) {
        let i = (row - self.first_row) as usize;
        let n = self.rows as usize;
        match self.columns.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(k) => self.columns[k].1[i] = text,
            Err(k) => {
                let mut v = vec![String::new(); n];
                v[i] = text;
                self.columns.insert(k, (col, v));
            }
        }
    }

    /// The header text of a column: its rows' texts joined by a space.
    pub(crate) fn joined(&self, col: u32) -> String {
        self.columns
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, v)| v.iter().filter(|t| !t.is_empty()).cloned().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    /// The last non-empty header text of a column (the units row of a
    /// two-row header).
    pub(crate) fn last(&self, col: u32) -> Option<&str> {
        let (_, v) = self.columns.iter().find(|(c, _)| *c == col)?;
        v.iter().rev().find(|t| !t.is_empty()).map(String::as_str)
    }

    /// The source column a profile names: by header text (the joined text,
    /// else the text of one header row), else by letter (`C`, `col C`).
    pub(crate) fn resolve(&self, name: &str) -> Result<u32, String> {
        let want = normalise(name);
        let mut hits: Vec<u32> =
            self.columns.iter().filter(|(c, _)| normalise(&self.joined(*c)) == want).map(|(c, _)| *c).collect();
        if hits.is_empty() {
            hits = self
                .columns
                .iter()
                .filter(|(_, v)| v.iter().any(|t| !t.is_empty() && normalise(t) == want))
                .map(|(c, _)| *c)
                .collect();
        }
        match hits.len() {
            1 => return Ok(hits[0]),
            0 => {}
            _ => {
                let cells: Vec<String> = hits.iter().map(|c| self.cell(*c).to_string()).collect();
                return Err(format!(
                    "column \"{name}\" is ambiguous: {} all hold it; name one by its letter (\"{}\") or by its full header text (\"{}\")",
                    cells.join(", "),
                    column_letters(hits[0]),
                    self.joined(hits[0])
                ));
            }
        }
        if let Some(col) = letter(name) {
            return Ok(col);
        }
        const SHOWN: usize = 30;
        let mut found: Vec<String> = self
            .columns
            .iter()
            .map(|(c, _)| format!("{}=\"{}\"", column_letters(*c), self.joined(*c)))
            .take(SHOWN)
            .collect();
        if self.columns.len() > SHOWN {
            found.push(format!("and {} more", self.columns.len() - SHOWN));
        }
        Err(format!(
            "no column \"{name}\" in the header ({}); columns found: {}",
            self.rows_text(),
            if found.is_empty() { "none".to_owned() } else { found.join(", ") }
        ))
    }

    /// `row 5` or `rows 5–6`.
    pub(crate) fn rows_text(&self) -> String {
        if self.rows <= 1 {
            format!("row {}", self.first_row)
        } else {
            format!("rows {}–{}", self.first_row, self.first_row + self.rows - 1)
        }
    }

    /// The header cell of a column (in its first row).
    pub(crate) fn cell(&self, col: u32) -> CellRef {
        CellRef::new(&self.sheet, self.first_row, col)
    }
}

/// A column letter reference: `C`, `AB`, `col C` (case-insensitive).
pub(crate) fn letter(name: &str) -> Option<u32> {
    let t = name.trim();
    let t = match t.strip_prefix("col ").or_else(|| t.strip_prefix("Col ")) {
        Some(rest) => rest.trim(),
        // A bare letter reference is upper case and at most two letters,
        // so that a short header name (`GHG`) is never taken for one.
        None if t.len() <= 2 && t.chars().all(|c| c.is_ascii_uppercase()) => t,
        None => return None,
    };
    if t.is_empty() || t.len() > 3 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n: u32 = 0;
    for c in t.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    (1..=16_384).contains(&n).then(|| n - 1)
}

/// Whether a row (column, normalised text) holds every one of `names`.
pub(crate) fn holds_all(texts: &[(u32, String)], names: &[String]) -> bool {
    names.iter().all(|n| {
        let want = normalise(n);
        texts.iter().any(|(_, t)| *t == want) || (letter(n).is_some() && !texts.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_by_name_row_text_and_letter() {
        let mut h = HeaderTexts { sheet: "States".into(), first_row: 1, rows: 2, columns: Vec::new() };
        h.push(1, 7, "Also operating in other NERC Regions".into());
        h.push(2, 7, "SPP".into());
        h.push(1, 20, "RTO".into());
        h.push(2, 20, "SPP".into());
        h.push(2, 0, "Utility Number".into());
        assert_eq!(h.resolve("utility number"), Ok(0));
        assert_eq!(h.resolve("RTO SPP"), Ok(20));
        assert_eq!(h.resolve("B"), Ok(1));
        let e = h.resolve("SPP").unwrap_err();
        assert!(e.starts_with("column \"SPP\" is ambiguous: States!H1, States!U1 all hold it"), "{e}");
        let e = h.resolve("Utility Name").unwrap_err();
        assert!(e.contains("no column \"Utility Name\" in the header (rows 1–2)"), "{e}");
        assert_eq!(letter("col AB"), Some(27));
        assert_eq!(letter("Quantity"), None);
        assert_eq!(letter("GHG"), None);
        assert_eq!(letter("col ghg"), Some(4_946));
    }
}
