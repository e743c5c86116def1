//! What a workbook holds, to write a mapping profile from
//! (`carbonbook inspect FILE`).
//!
//! Each sheet is streamed once. Its non-empty rows fall into blocks
//! (separated by blank rows); in each block of two or more rows, the
//! header is the row with the most text cells among its first rows (the
//! rows above it are titles or banners), a following row of texts that
//! read as units makes a two-row header, and the rest are data rows whose
//! values are counted by kind per column.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let csv = dir.path().join("use.csv");
//! std::fs::write(&csv, "site,Electricity (MWh),year\nA,12.5,2023\nB,NA,2023\n")?;
//! let found = carbonbook_xlsx::inspect::inspect(&csv, None)?;
//! let t = &found.sheets[0].tables[0];
//! assert_eq!(t.header_row, 1);
//! assert_eq!(t.columns[1].name, "Electricity (MWh)");
//! assert_eq!(t.columns[1].unit.as_deref(), Some("MWh"));
//! assert_eq!(t.columns[1].kinds.to_string(), "number 1, \"NA\" 1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod kinds;

use std::fmt;
use std::path::Path;

use calamine::Dimensions;

pub use kinds::Kinds;

use crate::cell::{CellRef, column_letters};
use crate::read::cells::{self, RowCells};
use crate::read::source::Source;
use crate::read::{Limits, OpenError, date, number, schema};

/// Rows of a block looked at to find its header.
const HEADER_WINDOW: usize = 6;

/// What a workbook holds.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The file's name.
    pub file: String,
    /// Its sheets, in book order.
    pub sheets: Vec<SheetSummary>,
}

/// One sheet.
#[derive(Debug, Clone)]
pub struct SheetSummary {
    /// Its name.
    pub name: String,
    /// Whether it is hidden.
    pub hidden: bool,
    /// The range its non-blank cells span (`None` for an empty sheet).
    pub range: Option<Dimensions>,
    /// Non-empty rows.
    pub rows: u64,
    /// Merged regions.
    pub merged: Vec<Dimensions>,
    /// Tables found.
    pub tables: Vec<TableSummary>,
    /// Whether reading stopped at `max_rows`.
    pub truncated: bool,
    /// A failure reading this sheet (the others are still shown).
    pub error: Option<String>,
}

/// A table found on a sheet.
#[derive(Debug, Clone)]
pub struct TableSummary {
    /// Texts above the header in the same block (titles, `Table 1`,
    /// banners), with their cells: candidates for an `anchor`.
    pub titles: Vec<(CellRef, String)>,
    /// The first header row (1-based).
    pub header_row: u32,
    /// Header rows (1 or 2).
    pub header_rows: u32,
    /// The last data row.
    pub last_row: u32,
    /// Data rows.
    pub data_rows: u64,
    /// The columns.
    pub columns: Vec<ColumnSummary>,
    /// Runs of adjacent columns whose headers are months or years: a
    /// wide table, read with `[table.unpivot]`.
    pub wide: Vec<WideColumns>,
}

/// Adjacent columns whose headers name months (`Jan`, `1月`, `2024-01`, a
/// date) or years (`2015`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WideColumns {
    /// The first and last column (0-based).
    pub first: u32,
    /// The last column.
    pub last: u32,
    /// `month` or `year`.
    pub kind: &'static str,
    /// The first and last header texts.
    pub names: (String, String),
}

impl WideColumns {
    /// Finds the runs of two or more adjacent columns whose headers name
    /// successive periods (2015, 2016, …; Jan, Feb, …).
    fn find(columns: &[ColumnSummary]) -> Vec<WideColumns> {
        use carbonbook_core::period::Period;
        // Bare month names are months of any year here.
        let period = |name: &str| crate::profile::values_public::header_period(name, Some(2000), None).ok();
        let next = |p: Period| match p {
            Period::Year(y) => Period::Year(y + 1),
            Period::Month { year, month: 12 } => Period::Month { year: year + 1, month: 1 },
            Period::Month { year, month } => Period::Month { year, month: month + 1 },
        };
        let mut runs: Vec<WideColumns> = Vec::new();
        let mut open: Option<(WideColumns, Period)> = None;
        for c in columns {
            let p = period(&c.name);
            match (&mut open, p) {
                (Some((r, last)), Some(p)) if c.col == r.last + 1 && next(*last) == p => {
                    r.last = c.col;
                    r.names.1 = c.name.clone();
                    *last = p;
                }
                _ => {
                    runs.extend(open.take().map(|(r, _)| r).filter(|r| r.last > r.first));
                    open = p.map(|p| {
                        let kind = if matches!(p, Period::Year(_)) { "year" } else { "month" };
                        let names = (c.name.clone(), c.name.clone());
                        (WideColumns { first: c.col, last: c.col, kind, names }, p)
                    });
                }
            }
        }
        runs.extend(open.take().map(|(r, _)| r).filter(|r| r.last > r.first));
        runs
    }
}

/// A column of a table.
#[derive(Debug, Clone)]
pub struct ColumnSummary {
    /// Its index (0-based: A = 0).
    pub col: u32,
    /// Its letter.
    pub letter: String,
    /// Its header text (rows joined).
    pub name: String,
    /// The unit parsed out of the header text (brackets, or the units row).
    pub unit: Option<String>,
    /// The values seen below it.
    pub kinds: Kinds,
}

/// Inspects a workbook; `max_rows` limits the rows read per sheet.
///
/// # Errors
///
/// [`OpenError`] when the file cannot be opened as a workbook at all, or a
/// sheet passes a limit (a row bomb: [`OpenError::SheetTooLarge`]). A
/// sheet that cannot be read otherwise is reported in its
/// [`SheetSummary::error`].
pub fn inspect(path: &Path, max_rows: Option<u32>) -> Result<Inspection, OpenError> {
    let mut source = Source::open(path, &Limits::default())?;
    let mut sheets = Vec::new();
    for name in source.sheet_names() {
        let hidden = source.is_hidden(&name);
        let mut s = Scan::new(&name);
        let result = source.rows(path, &name, &mut |number, cells| {
            if max_rows.is_some_and(|m| s.rows >= u64::from(m)) {
                s.truncated = true;
                return std::ops::ControlFlow::Break(());
            }
            s.row(number, cells);
            std::ops::ControlFlow::Continue(())
        });
        s.close_block();
        // A hostile sheet refuses the file, as it would be refused by any
        // other command.
        let result = match result {
            Err(e) if refuses_file(&e) => return Err(e),
            r => r,
        };
        let merged = match result.is_ok().then(|| source.merged_regions(path, &name)) {
            Some(Err(e)) if refuses_file(&e) => return Err(e),
            Some(r) => r.unwrap_or_default(),
            None => Vec::new(),
        };
        sheets.push(SheetSummary {
            name: name.clone(),
            hidden,
            range: s.range,
            rows: s.rows,
            merged,
            tables: s.tables,
            truncated: s.truncated,
            error: result.err().map(|e| e.to_string()),
        });
    }
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Inspection { file, sheets })
}

/// Whether a sheet's reading failure refuses the whole file (the sheet
/// passes a limit), rather than being shown with the sheet.
fn refuses_file(e: &OpenError) -> bool {
    matches!(e, OpenError::SheetTooLarge { .. } | OpenError::TooLarge { .. })
}

/// A row kept while a block's header is looked for: (row, per cell: column,
/// text if a text cell that is not a number, kind, and the text a number
/// or date cell shows — a header may be `2015` or a date).
type Kept = (u32, Vec<(u32, Option<String>, kinds::Kind, Option<String>)>);

struct Scan {
    sheet: String,
    range: Option<Dimensions>,
    rows: u64,
    truncated: bool,
    tables: Vec<TableSummary>,
    block: Vec<Kept>,
    last_row: u32,
    current: Option<TableSummary>,
}

impl Scan {
    fn new(sheet: &str) -> Scan {
        Scan {
            sheet: sheet.to_owned(),
            range: None,
            rows: 0,
            truncated: false,
            tables: Vec::new(),
            block: Vec::new(),
            last_row: 0,
            current: None,
        }
    }

    fn row(&mut self, number: u32, cells: &RowCells<'_>) {
        self.rows += 1;
        for c in cells {
            let (r, col) = c.get_position();
            let d = self.range.get_or_insert(Dimensions { start: (r, col), end: (r, col) });
            d.start = (d.start.0.min(r), d.start.1.min(col));
            d.end = (d.end.0.max(r), d.end.1.max(col));
        }
        if number > self.last_row + 1 && self.last_row > 0 {
            self.close_block();
        }
        self.last_row = number;
        let header_search = self.current.is_none();
        let kept: Vec<(u32, Option<String>, kinds::Kind, Option<String>)> = cells
            .iter()
            .map(|c| {
                let v = c.get_value();
                let kind = kinds::Kind::of(v);
                let text = match kind {
                    kinds::Kind::Text => cells::as_text(v),
                    _ => None,
                };
                let shown = match v {
                    _ if !header_search || text.is_some() => None,
                    calamine::DataRef::DateTime(dt) if !dt.is_duration() => Some(date::date_text(dt)),
                    _ => cells::as_text(v),
                };
                (c.get_position().1, text, kind, shown)
            })
            .collect();
        match &mut self.current {
            Some(t) => {
                t.data_rows += 1;
                t.last_row = number;
                for (col, text, kind, _) in &kept {
                    if let Some(c) = t.columns.iter_mut().find(|c| c.col == *col) {
                        c.kinds.add(*kind, text.as_deref());
                    }
                }
            }
            None => {
                self.block.push((number, kept));
                if self.block.len() > HEADER_WINDOW {
                    self.start_table();
                }
            }
        }
    }

    /// Picks the header of the block's first rows; the rows after it are data.
    fn start_table(&mut self) {
        let rows = std::mem::take(&mut self.block);
        let texts = |r: &Kept| r.1.iter().filter(|(_, t, _, _)| t.is_some()).count();
        let window = rows.len().min(HEADER_WINDOW);
        let Some(h) = (0..window).max_by_key(|i| (texts(&rows[*i]), std::cmp::Reverse(*i))) else { return };
        if texts(&rows[h]) < 2 || rows.len() < 2 {
            // Notes or a lone row: not a table.
            return;
        }
        let header_row = rows[h].0;
        let mut header_rows = 1;
        // A units row right below: texts only, that read as units.
        if let Some(next) = rows.get(h + 1)
            && next.0 == header_row + 1
            && !next.1.is_empty()
            && next.1.iter().all(|(_, t, _, _)| t.as_deref().is_some_and(looks_like_unit))
        {
            header_rows = 2;
        }
        let mut columns: Vec<ColumnSummary> = Vec::new();
        let mut cols: Vec<u32> = rows[h..h + header_rows].iter().flat_map(|r| r.1.iter().map(|c| c.0)).collect();
        cols.sort_unstable();
        cols.dedup();
        for col in cols {
            let part = |r: &Kept| {
                r.1.iter().find(|c| c.0 == col).and_then(|c| c.1.clone().or_else(|| c.3.clone())).unwrap_or_default()
            };
            let name1 = part(&rows[h]);
            let name1 = name1.split(number::is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            let units = if header_rows == 2 { part(&rows[h + 1]) } else { String::new() };
            // Text in brackets is a unit when it is short (`(t)`,
            // `(lb CO2 / MWh)`), not a remark (`(better for slight added effort)`).
            let unit = schema::bracketed(&name1).filter(|u| u.chars().count() <= 24).map(str::to_owned).or_else(|| {
                let u = units.trim();
                (!u.is_empty()).then(|| schema::bracketed(u).unwrap_or(u).to_owned())
            });
            let name = if units.trim().is_empty() { name1 } else { format!("{name1} {}", units.trim()) };
            columns.push(ColumnSummary { col, letter: column_letters(col), name, unit, kinds: Kinds::default() });
        }
        let sheet = self.sheet.as_str();
        let titles = rows[..h]
            .iter()
            .flat_map(|r| r.1.iter().filter_map(move |c| c.1.clone().map(|t| (CellRef::new(sheet, r.0, c.0), t))))
            .collect();
        let wide = WideColumns::find(&columns);
        let mut t = TableSummary {
            titles,
            header_row,
            header_rows: header_rows as u32,
            last_row: header_row + header_rows as u32 - 1,
            data_rows: 0,
            columns,
            wide,
        };
        for r in &rows[h + header_rows..] {
            t.data_rows += 1;
            t.last_row = r.0;
            for (col, text, kind, _) in &r.1 {
                if let Some(c) = t.columns.iter_mut().find(|c| c.col == *col) {
                    c.kinds.add(*kind, text.as_deref());
                }
            }
        }
        self.current = Some(t);
    }

    fn close_block(&mut self) {
        if self.current.is_none() && !self.block.is_empty() {
            self.start_table();
        }
        self.block.clear();
        if let Some(t) = self.current.take() {
            self.tables.push(t);
        }
    }
}

/// Whether a header text reads as a unit (`kg CO2 per mmBtu`, `(kg/day)`, `t`).
fn looks_like_unit(t: &str) -> bool {
    let t = t.trim();
    t.starts_with('(') || t.contains(" per ") || t.contains('/') || (t.len() <= 6 && !t.contains(' '))
}

impl fmt::Display for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} sheet(s)", self.file, self.sheets.len())?;
        for s in &self.sheets {
            writeln!(f)?;
            let range = match s.range {
                Some(d) => {
                    format!("{}{}:{}{}", column_letters(d.start.1), d.start.0 + 1, column_letters(d.end.1), d.end.0 + 1)
                }
                None => "empty".to_owned(),
            };
            writeln!(
                f,
                "sheet \"{}\"{}: {range}, {} non-empty row(s){}",
                s.name,
                if s.hidden { " (hidden)" } else { "" },
                s.rows,
                if s.truncated { " (stopped at --max-rows)" } else { "" }
            )?;
            if let Some(e) = &s.error {
                writeln!(f, "  cannot be read: {e}")?;
            }
            if !s.merged.is_empty() {
                const SHOWN: usize = 12;
                let list: Vec<String> = s
                    .merged
                    .iter()
                    .take(SHOWN)
                    .map(|d| {
                        format!(
                            "{}{}:{}{}",
                            column_letters(d.start.1),
                            d.start.0 + 1,
                            column_letters(d.end.1),
                            d.end.0 + 1
                        )
                    })
                    .collect();
                let more = if s.merged.len() > SHOWN {
                    format!(" and {} more", s.merged.len() - SHOWN)
                } else {
                    String::new()
                };
                writeln!(f, "  merged regions ({}): {}{more}", s.merged.len(), list.join(", "))?;
            }
            for (i, t) in s.tables.iter().enumerate() {
                let header = if t.header_rows > 1 {
                    format!("rows {}–{}", t.header_row, t.header_row + t.header_rows - 1)
                } else {
                    format!("row {}", t.header_row)
                };
                writeln!(
                    f,
                    "  table {}: header {header}, data rows {}–{} ({} non-empty)",
                    i + 1,
                    t.header_row + t.header_rows,
                    t.last_row,
                    t.data_rows
                )?;
                for (cell, text) in t.titles.iter().take(4) {
                    writeln!(f, "    above: {cell} \"{}\"", one_line(text))?;
                }
                for c in &t.columns {
                    let unit = c.unit.as_deref().map(|u| format!("  [unit: {u}]")).unwrap_or_default();
                    writeln!(f, "    {:>3}  \"{}\"{unit}  {}", c.letter, one_line(&c.name), c.kinds)?;
                }
                for w in &t.wide {
                    let range = format!("{}:{}", column_letters(w.first), column_letters(w.last));
                    writeln!(
                        f,
                        "    wide table: {} {} columns {range} (\"{}\" … \"{}\"): one row per cell with [table.unpivot] columns = \"{range}\"",
                        w.last - w.first + 1,
                        w.kind,
                        one_line(&w.names.0),
                        one_line(&w.names.1)
                    )?;
                }
            }
        }
        Ok(())
    }
}

fn one_line(t: &str) -> String {
    let t: String = t.split(number::is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    if t.chars().count() > 70 { format!("{}…", t.chars().take(70).collect::<String>()) } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_tables_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("wide.csv");
        std::fs::write(&csv, "site,unit,Jan,Feb,Mar,Total,2015,2016,2018\nA,t,1,2,3,6,7,8,9\nB,t,1,2,3,6,7,8,9\n")
            .unwrap();
        let found = inspect(&csv, None).unwrap();
        let t = &found.sheets[0].tables[0];
        // 2018 does not follow 2016: the run of years ends there.
        assert_eq!(
            t.wide,
            [
                WideColumns { first: 2, last: 4, kind: "month", names: ("Jan".into(), "Mar".into()) },
                WideColumns { first: 6, last: 7, kind: "year", names: ("2015".into(), "2016".into()) },
            ]
        );
        let shown = found.to_string();
        assert!(
            shown.contains(
                "    wide table: 3 month columns C:E (\"Jan\" … \"Mar\"): one row per cell with [table.unpivot] columns = \"C:E\""
            ),
            "{shown}"
        );
        assert!(shown.contains("      G  \"2015\"  number 2"), "{shown}");
    }
}
