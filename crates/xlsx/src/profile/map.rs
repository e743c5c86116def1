//! Reading one table of a foreign sheet through its profile: finding the
//! header, then turning each row into a workbook-v1 row that the reader's
//! own row parsers check (so every value obeys exactly the rules of the
//! canonical workbook, and every problem names the source cell).

use std::ops::ControlFlow;
use std::path::Path;

use calamine::{Cell, Data, DataRef, Dimensions};
use carbonbook_core::inventory::{Activity, CustomFactor, Facility, Production};
use carbonbook_core::period::Period;

use super::dates::{self, DateFormat};
use super::locate::{HeaderTexts, holds_all};
use super::plan::{From, TablePlan, Totals, ValueColumns};
use super::totals::{self, BlockSums};
use super::values::{Bounds, Text, classify};
use crate::cell::{CellRef, column_letters};
use crate::problem::Problem;
use crate::read::activities::Activities;
use crate::read::cells::{self, RowCells};
use crate::read::error::OpenError;
use crate::read::handoff::{rows_handed_off, rows_handed_off_after};
use crate::read::header::Header;
use crate::read::merges;
use crate::read::report::Report;
use crate::read::row::Row;
use crate::read::schema::{self, normalise};
use crate::read::source::Source;
use crate::read::{date, number};
use crate::read::{facilities, factors, production};

/// Rows searched for a header before giving up.
const HEADER_SEARCH: u32 = 200;

/// A row the profile turned into a workbook-v1 record.
#[derive(Debug, Clone)]
pub(crate) enum Record {
    /// An Activities row.
    Activity(Activity),
    /// A Facilities row.
    Facility(Facility),
    /// A Production row.
    Production(Production),
    /// A Factors row.
    Factor(CustomFactor),
}

/// A row of the foreign table that did not land in the output, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    /// The row's cell (the offending cell when there is one).
    pub cell: CellRef,
    /// The profile table (1-based) it was read by.
    pub table: usize,
    /// Why: every problem of the row, or what kind of row it is (totals,
    /// group sub-header, no mapped value).
    pub reason: String,
    /// What the row holds (`A5="Business *" | C5=NA | …`), for the record.
    pub content: String,
}

impl std::fmt::Display for RejectedRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.cell, self.reason)
    }
}

/// What happens to a row of the table.
pub(crate) enum Outcome<'r, 'd> {
    /// It lands: the record and its workbook-v1 cells (field `f` at column `f`).
    Landed(Record, &'r RowCells<'d>),
    /// It is listed as rejected.
    Rejected(RejectedRow),
}

/// The phase of the reading.
enum Phase {
    /// Before the anchor / header.
    Seek,
    /// Inside the header rows.
    Header,
    /// Data rows.
    Data,
}

/// Reads one table; calls `each` with every row's outcome.
///
/// # Errors
///
/// `Ok(Err(problems))` when the table cannot be read as the profile says
/// (no such sheet, no header, a column not found); `Err` for file-level
/// failures.
pub(crate) fn read_table(
    source: &mut Source,
    path: &Path,
    plan: &TablePlan,
    each: &mut (dyn FnMut(Outcome<'_, '_>) + Send),
) -> Result<Result<TableInfo, Vec<Problem>>, OpenError> {
    let names = source.sheet_names();
    let sheet = match &plan.sheet {
        None => match names.first() {
            Some(n) => n.clone(),
            None => return Ok(Err(vec![Problem::book(format!("{}: the book has no sheets", plan.what()))])),
        },
        Some(want) => {
            let w = want.trim().to_lowercase();
            match names.iter().find(|n| n.trim().to_lowercase() == w) {
                Some(n) => n.clone(),
                None => {
                    let have: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                    return Ok(Err(vec![Problem::book(format!(
                        "{}: no sheet \"{want}\"; the book has {}",
                        plan.what(),
                        have.join(", ")
                    ))]));
                }
            }
        }
    };
    let mut warnings = Vec::new();
    if source.is_hidden(&sheet) {
        warnings.push(Problem::sheet(&sheet, "the sheet is hidden; it is read all the same"));
    }
    // The merged regions of an .xlsx sheet follow its rows, so finding them
    // takes a pass over the sheet of its own: it runs on the mapping
    // thread while this one starts the walk.
    let beside = plan.merged_fill && source.is_xlsx();
    let merges = if plan.merged_fill && !beside { source.merged_regions(path, &sheet)? } else { Vec::new() };
    let mut state = State::new(plan, &sheet, merges);
    let mut unscanned = false;
    let mut refused = None;
    let limits = source.limits().clone();
    let scan = |walk_failed: &dyn Fn() -> bool| {
        beside.then(|| merges::merged_regions_until(path, &sheet, &limits, walk_failed))
    };
    // The sheet is walked on this thread; rows are mapped, and `each`
    // writes them out, on another.
    rows_handed_off_after(source, path, &sheet, scan, &mut |scanned, number, cells| {
        match scanned.take() {
            Some(Ok(Some(found))) => state.set_merges(found),
            // The quick scan could not tell: read them as calamine does, then the rows.
            Some(Ok(None)) => {
                unscanned = true;
                return ControlFlow::Break(());
            }
            // More rows than a sheet holds: the walk stops at once.
            Some(Err(refusal)) => {
                refused = Some(refusal);
                return ControlFlow::Break(());
            }
            None => {}
        }
        state.row(number, cells, each)
    })?;
    if let Some(refusal) = refused {
        return Err(refusal.into_error(path, &sheet));
    }
    if unscanned {
        state = State::new(plan, &sheet, source.merged_regions(path, &sheet)?);
        rows_handed_off(source, path, &sheet, &mut |number, cells| state.row(number, cells, each))?;
    }
    state.finish(each);
    if !state.problems.is_empty() {
        return Ok(Err(state.problems));
    }
    warnings.append(&mut state.warnings);
    Ok(Ok(TableInfo { sheet, header: state.header_texts.rows_text(), warnings, cols: state.cols }))
}

/// What reading a table found.
#[derive(Debug, Clone)]
pub(crate) struct TableInfo {
    /// The sheet read.
    pub(crate) sheet: String,
    /// `row 5` / `rows 5–6`.
    pub(crate) header: String,
    /// Warnings (hidden sheet).
    pub(crate) warnings: Vec<Problem>,
    /// The header the rows were read by (for placing engine errors).
    pub(crate) cols: Option<Header>,
}

/// A value column of a wide table.
struct ValueColumn {
    /// Its column.
    col: u32,
    /// The header its rows are parsed by: the value field and the header
    /// field placed on this column.
    header: Header,
    /// The header field's value (`2024-01`).
    value: String,
}

/// The reading of one table.
struct State<'p> {
    plan: &'p TablePlan,
    sheet: String,
    phase: Phase,
    anchor_seen: bool,
    header_texts: HeaderTexts,
    /// Field → source column, once the header is read.
    field_cols: Vec<Option<u32>>,
    /// Constants resolved from the header (header units), per plan field.
    header_consts: Vec<Option<String>>,
    fill_cols: Vec<u32>,
    fill_values: Vec<Option<Data>>,
    group_col: Option<u32>,
    group: Option<String>,
    totals_col: Option<u32>,
    skip_col: Option<u32>,
    keep_col: Option<u32>,
    /// Running sums of the value columns, for totals rows found by their
    /// figures.
    sums: Option<BlockSums>,
    /// The value columns of a wide table.
    unpivot_cols: Vec<ValueColumn>,
    /// Date cells of the header: (column, the date's month).
    header_dates: Vec<(u32, Period)>,
    merges: Vec<Dimensions>,
    next_merge: usize,
    active: Vec<(Dimensions, Option<Data>)>,
    last_row: u32,
    done: bool,
    cols: Option<Header>,
    activities: Option<Activities>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    landed: u64,
    rejected: u64,
    /// Reused buffers.
    row_problems: Vec<Problem>,
    row_warnings: Vec<Problem>,
}

impl<'p> State<'p> {
    /// The merged regions of the sheet, before its first row.
    fn set_merges(&mut self, mut merges: Vec<Dimensions>) {
        merges.sort_by_key(|d| d.start);
        self.merges = merges;
    }

    fn new(plan: &'p TablePlan, sheet: &str, merges: Vec<Dimensions>) -> State<'p> {
        let mut state = State {
            plan,
            sheet: sheet.to_owned(),
            phase: Phase::Seek,
            anchor_seen: plan.anchor.is_none(),
            header_texts: HeaderTexts {
                sheet: sheet.to_owned(),
                first_row: 0,
                rows: plan.header_rows,
                columns: Vec::new(),
            },
            field_cols: Vec::new(),
            header_consts: Vec::new(),
            fill_cols: Vec::new(),
            fill_values: Vec::new(),
            group_col: None,
            group: None,
            totals_col: None,
            skip_col: None,
            keep_col: None,
            sums: None,
            unpivot_cols: Vec::new(),
            header_dates: Vec::new(),
            merges: Vec::new(),
            next_merge: 0,
            active: Vec::new(),
            last_row: 0,
            done: false,
            cols: None,
            activities: None,
            problems: Vec::new(),
            warnings: Vec::new(),
            landed: 0,
            rejected: 0,
            row_problems: Vec::new(),
            row_warnings: Vec::new(),
        };
        state.set_merges(merges);
        state
    }

    fn row(&mut self, number: u32, cells: &RowCells<'_>, each: &mut dyn FnMut(Outcome<'_, '_>)) -> ControlFlow<()> {
        // Merged regions: every cell of a region holds its top-left value.
        let merged = self.merged_row(number, cells);
        let raw = cells;
        let cells: &RowCells<'_> = merged.as_deref().unwrap_or(cells);
        if let Phase::Seek = self.phase {
            let flow = self.seek(number, cells);
            if flow.is_break() || matches!(self.phase, Phase::Seek) {
                return flow;
            }
        }
        match self.phase {
            Phase::Seek => ControlFlow::Continue(()),
            Phase::Header => {
                let end = self.header_texts.first_row.saturating_add(self.header_texts.rows);
                if number < end {
                    self.header_cells(number, cells);
                    return ControlFlow::Continue(());
                }
                if !self.resolve() {
                    return ControlFlow::Break(());
                }
                self.phase = Phase::Data;
                self.last_row = end - 1;
                self.data(number, raw, cells, each)
            }
            Phase::Data => self.data(number, raw, cells, each),
        }
    }

    /// Before the header: the anchor, then the header's first row (sets
    /// the phase to [`Phase::Header`] when the header starts at or before
    /// this row).
    fn seek(&mut self, number: u32, cells: &RowCells<'_>) -> ControlFlow<()> {
        let plan = self.plan;
        if !self.anchor_seen {
            let anchor = plan.anchor.as_deref().map(norm_text).unwrap_or_default();
            if cells.iter().any(|c| cells::as_text(c.get_value()).is_some_and(|t| norm_text(&t) == anchor)) {
                self.anchor_seen = true;
                self.last_row = number;
            }
            if plan.header_row.is_none() {
                return ControlFlow::Continue(());
            }
        }
        let start = match plan.header_row {
            Some(r) if number < r => return ControlFlow::Continue(()),
            Some(r) => r,
            None => {
                if plan.header_rows == 1 {
                    let texts: Vec<(u32, String)> = cells
                        .iter()
                        .filter_map(|c| {
                            cells::as_text(c.get_value()).map(|t| {
                                (c.get_position().1, normalise(&super::values::header_text(&t, &plan.footnotes)))
                            })
                        })
                        .collect();
                    if !holds_all(&texts, &plan.named_columns()) {
                        if number > self.last_row + HEADER_SEARCH {
                            return ControlFlow::Break(());
                        }
                        return ControlFlow::Continue(());
                    }
                }
                number
            }
        };
        self.header_texts.first_row = start;
        self.phase = Phase::Header;
        ControlFlow::Continue(())
    }

    fn header_cells(&mut self, number: u32, cells: &RowCells<'_>) {
        for c in cells {
            let col = c.get_position().1;
            // A date cell names its month (wide tables with a date per
            // column); its text is the date.
            if let DataRef::DateTime(dt) = c.get_value()
                && !dt.is_duration()
            {
                if let Some(p) = date::month_of(dt) {
                    self.header_dates.push((col, p));
                }
                self.header_texts.push(number, col, date::date_text(dt));
                continue;
            }
            if let Some(t) = cells::as_text(c.get_value()) {
                let t = super::values::header_text(&t, &self.plan.footnotes);
                self.header_texts.push(number, c.get_position().1, t);
            }
        }
    }

    /// Resolves every column the profile names; `false` (with problems)
    /// when one is missing.
    fn resolve(&mut self) -> bool {
        let plan = self.plan;
        let h = &self.header_texts;
        let problems = std::cell::RefCell::new(Vec::new());
        let col = |name: &str, what: &str| match h.resolve(name) {
            Ok(c) => Some(c),
            Err(e) => {
                problems.borrow_mut().push(Problem::at(
                    h.cell(h.columns.first().map_or(0, |c| c.0)),
                    format!("{}: {what}: {e}", plan.what()),
                ));
                None
            }
        };
        let n = plan.target.columns.len();
        let mut field_cols = vec![None; n];
        let mut consts = vec![None; plan.fields.len()];
        for (i, f) in plan.fields.iter().enumerate() {
            let name = plan.target.columns[f.field].field;
            match &f.from {
                From::Column(c) => field_cols[f.field] = col(c, &format!("columns.{name}")),
                From::HeaderUnit(c) => {
                    if let Some(c) = col(c, &format!("columns.{name}.header_unit")) {
                        let joined = h.joined(c);
                        let unit = schema::bracketed(&joined)
                            .map(str::to_owned)
                            .or_else(|| (h.rows > 1).then(|| h.last(c).map(str::to_owned)).flatten());
                        match unit {
                            Some(u) => consts[i] = Some(u),
                            None => problems.borrow_mut().push(Problem::at(
                                h.cell(c),
                                format!(
                                    "{}: columns.{name}.header_unit: the header \"{joined}\" holds no unit in brackets{}",
                                    plan.what(),
                                    if h.rows > 1 { " nor in its last row" } else { "" }
                                ),
                            )),
                        }
                    }
                }
                From::Constant(_) | From::Group => {}
            }
        }
        let fill_cols: Vec<u32> = plan.fill_down.iter().filter_map(|c| col(c, "fill_down")).collect();
        let group_col = plan.groups.as_deref().and_then(|c| col(c, "groups"));
        let totals_col = match &plan.totals {
            Totals::Column(c, _) => col(c, "totals.column"),
            _ => None,
        };
        let skip_col = plan.skip.as_ref().and_then(|(c, _)| col(c, "skip.column"));
        let keep_col = plan.keep.as_ref().and_then(|(c, _)| col(c, "keep.column"));
        // A wide table: its value columns and what each header names.
        let mut value_cols: Vec<(u32, String)> = Vec::new();
        if let Some(u) = &plan.unpivot
            && !h.columns.is_empty()
        {
            let what = format!("{}: [table.unpivot] {}", plan.what(), u.written);
            let words: Vec<String> = totals::TOTAL_WORDS.iter().map(|w| (*w).to_owned()).collect();
            let candidates: Vec<u32> = match &u.columns {
                ValueColumns::Range(a, b) => (*a..=*b).collect(),
                ValueColumns::Named(names) => names.iter().filter_map(|n| col(n, "unpivot.columns")).collect(),
                ValueColumns::After(name) => match col(name, "unpivot.after") {
                    Some(c0) => h
                        .columns
                        .iter()
                        .map(|(c, _)| *c)
                        .filter(|c| *c > c0 && !h.joined(*c).is_empty())
                        .filter(|c| {
                            let text = h.joined(*c);
                            let total = totals::starts_with_word(&text, &words, &plan.footnotes);
                            if total {
                                self.warnings.push(Problem::at(
                                    h.cell(*c),
                                    format!(
                                        "{what}: column {} (\"{text}\") is a totals column: not unpivoted",
                                        column_letters(*c)
                                    ),
                                ));
                            }
                            !total
                        })
                        .collect(),
                    None => Vec::new(),
                },
            };
            for c in candidates {
                let text = h.joined(c);
                let letter = column_letters(c);
                if text.is_empty() {
                    problems.borrow_mut().push(Problem::at(
                        h.cell(c),
                        format!(
                            "{what}: column {letter} has no header text to read the {} from",
                            plan.target.columns[u.header_field].field
                        ),
                    ));
                    continue;
                }
                if let Some(f) = field_cols.iter().position(|f| *f == Some(c)) {
                    problems.borrow_mut().push(Problem::at(
                        h.cell(c),
                        format!("{what}: column {letter} is also mapped to columns.{}", plan.target.columns[f].field),
                    ));
                    continue;
                }
                let key = normalise(&text);
                let mapped = u.map.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
                let value = if !u.header_is_period {
                    mapped.unwrap_or(text)
                } else if let (None, Some((_, p))) = (&mapped, self.header_dates.iter().find(|(d, _)| *d == c)) {
                    p.to_string()
                } else {
                    let text = mapped.unwrap_or(text);
                    match dates::header_period(&text, u.year, u.format.as_ref()) {
                        Ok(p) => p.to_string(),
                        Err(e) => {
                            problems.borrow_mut().push(Problem::at(
                                h.cell(c),
                                format!("{what}: the header \"{text}\" of column {letter} {e}"),
                            ));
                            continue;
                        }
                    }
                };
                value_cols.push((c, value));
            }
            if value_cols.is_empty() && problems.borrow().is_empty() {
                problems.borrow_mut().push(Problem::at(
                    h.cell(h.columns.first().map_or(0, |c| c.0)),
                    format!("{what}: no value columns found in the header ({})", h.rows_text()),
                ));
            }
        }
        let mut problems = problems.into_inner();
        if h.columns.is_empty() {
            problems.clear();
            problems.push(Problem::sheet(
                &self.sheet,
                format!(
                    "{}: no header found{}{}",
                    plan.what(),
                    match &plan.anchor {
                        Some(a) if !self.anchor_seen => format!("; no cell holds the anchor \"{a}\""),
                        _ => String::new(),
                    },
                    match plan.header_row {
                        Some(r) => format!("; row {r} is empty"),
                        None => format!(
                            "; no row holds every column named ({})",
                            plan.named_columns().iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
                        ),
                    }
                ),
            ));
        }
        if !problems.is_empty() {
            self.problems = problems;
            return false;
        }
        let first_col = field_cols.iter().flatten().copied().chain(value_cols.iter().map(|v| v.0)).min().unwrap_or(0);
        let header = Header::mapped(&self.sheet, h.first_row, first_col, field_cols.clone());
        self.activities = Some(Activities::new(&header));
        // The columns whose figures a totals row would sum.
        let sum_cols: Vec<u32> = match &plan.unpivot {
            Some(_) => value_cols.iter().map(|v| v.0).collect(),
            None => ["quantity", "value"]
                .iter()
                .filter_map(|f| plan.target.field_index(f))
                .filter_map(|f| field_cols[f])
                .collect(),
        };
        self.sums = plan.sums.then(|| BlockSums::new(sum_cols));
        if let Some(u) = &plan.unpivot {
            self.unpivot_cols = value_cols
                .into_iter()
                .map(|(col, value)| {
                    let mut cols = field_cols.clone();
                    cols[u.value_field] = Some(col);
                    cols[u.header_field] = Some(col);
                    ValueColumn { col, header: Header::mapped(&self.sheet, h.first_row, first_col, cols), value }
                })
                .collect();
        }
        let header = match self.unpivot_cols.first() {
            Some(v) => v.header.clone(),
            None => header,
        };
        self.cols = Some(header);
        self.field_cols = field_cols;
        self.header_consts = consts;
        self.fill_values = vec![None; fill_cols.len()];
        self.fill_cols = fill_cols;
        self.group_col = group_col;
        self.totals_col = totals_col;
        self.skip_col = skip_col;
        self.keep_col = keep_col;
        true
    }

    /// After the last row: a header never found or never completed.
    fn finish(&mut self, _each: &mut dyn FnMut(Outcome<'_, '_>)) {
        if !matches!(self.phase, Phase::Data) && self.problems.is_empty() {
            self.resolve();
        }
    }

    /// A data row: `raw` as the sheet holds it, `cells` with merged
    /// regions filled in.
    fn data(
        &mut self,
        number: u32,
        raw: &RowCells<'_>,
        cells: &RowCells<'_>,
        each: &mut dyn FnMut(Outcome<'_, '_>),
    ) -> ControlFlow<()> {
        if self.done {
            return ControlFlow::Break(());
        }
        let plan = self.plan;
        if plan.end_at_blank_row && number > self.last_row + 1 && self.landed + self.rejected > 0 {
            self.done = true;
            return ControlFlow::Break(());
        }
        // A blank row starts a new block of rows (for totals by figures).
        if number > self.last_row + 1
            && let Some(s) = &mut self.sums
        {
            s.reset();
        }
        self.last_row = number;
        if !plan.end.is_empty()
            && cells.iter().any(|c| cells::as_text(c.get_value()).is_some_and(|t| ends(&plan.end, &norm_text(&t))))
        {
            self.done = true;
            return ControlFlow::Break(());
        }
        let first = CellRef::new(&self.sheet, number, cells.first().map_or(0, |c| c.get_position().1));
        // Group sub-header rows.
        if let Some(g) = self.group_col
            && cells.iter().all(|c| c.get_position().1 == g)
        {
            let label = cells.first().and_then(|c| cells::as_text(c.get_value())).unwrap_or_default();
            let label = super::values::strip_footnotes(&label, &plan.footnotes).to_owned();
            self.reject(
                each,
                first,
                format!("group sub-header row: its label \"{label}\" applies to the rows below"),
                cells,
            );
            self.group = Some(label);
            self.new_block();
            return ControlFlow::Continue(());
        }
        // Totals rows: by a declared column, or detected by the row's own
        // first text, or by its figures.
        match &plan.totals {
            Totals::Column(_, prefixes) => {
                if let Some(t) = self.totals_col
                    && let Some(c) = cells.iter().find(|c| c.get_position().1 == t)
                    && let Some(text) = cells::as_text(c.get_value())
                    && prefixes.iter().any(|p| text.to_lowercase().starts_with(p))
                {
                    let at = CellRef::new(&self.sheet, number, t);
                    self.reject(
                        each,
                        at,
                        format!("totals row (\"{text}\"): skipped, its parts are rows of their own"),
                        cells,
                    );
                    self.new_block();
                    return ControlFlow::Continue(());
                }
            }
            Totals::Detect(words) => {
                if let Some((col, label)) = totals::first_label(raw)
                    && totals::starts_with_word(label, words, &plan.footnotes)
                {
                    let at = CellRef::new(&self.sheet, number, col);
                    self.reject(
                        each,
                        at,
                        format!(
                            "totals row (detected) \"{label}\": skipped, its parts are rows of their own (totals = false reads such rows as data)"
                        ),
                        cells,
                    );
                    self.new_block();
                    return ControlFlow::Continue(());
                }
            }
            Totals::Off => {}
        }
        if let Some(rows) = self.sums.as_ref().and_then(|s| s.totals_of(raw)) {
            self.reject(
                each,
                first,
                format!(
                    "totals row (detected): its figures are the exact sums of {rows} above; skipped, its parts are rows of their own (totals = {{ sums = false }} reads such rows as data)"
                ),
                cells,
            );
            self.new_block();
            return ControlFlow::Continue(());
        }
        // Rows the profile skips.
        if let (Some(k), Some((_, values))) = (self.skip_col, &plan.skip)
            && let Some(c) = cells.iter().find(|c| c.get_position().1 == k)
            && let Some(text) = cells::as_text(c.get_value())
            && values.contains(&text.trim().to_lowercase())
        {
            let at = CellRef::new(&self.sheet, number, k);
            self.reject(each, at, format!("skipped by the profile (skip: \"{text}\")"), cells);
            return ControlFlow::Continue(());
        }
        // Rows the profile keeps.
        if let (Some(k), Some((_, values))) = (self.keep_col, &plan.keep) {
            let text = cells.iter().find(|c| c.get_position().1 == k).and_then(|c| cells::as_text(c.get_value()));
            if !text.as_deref().is_some_and(|t| values.contains(&t.trim().to_lowercase())) {
                let at = CellRef::new(&self.sheet, number, k);
                let found = text.map_or_else(|| "an empty cell".to_owned(), |t| format!("\"{t}\""));
                self.reject(each, at, format!("not kept by the profile (keep: found {found})"), cells);
                return ControlFlow::Continue(());
            }
        }
        if let Some(s) = &mut self.sums {
            s.add(number, raw);
        }
        // Fill down.
        let mut filled: Option<Vec<Cell<DataRef<'_>>>> = None;
        for (k, &col) in self.fill_cols.iter().enumerate() {
            match cells.iter().find(|c| c.get_position().1 == col) {
                Some(c) => self.fill_values[k] = Some(owned(c.get_value())),
                None => {
                    if let Some(v) = &self.fill_values[k] {
                        let row = filled.get_or_insert_with(|| cells.to_vec());
                        row.push(Cell::new((number - 1, col), owned_ref(v)));
                    }
                }
            }
        }
        if let Some(row) = &mut filled {
            row.sort_by_key(|c| c.get_position().1);
        }
        let cells: &RowCells<'_> = filled.as_deref().unwrap_or(cells);
        self.map_row(number, cells, first, each);
        ControlFlow::Continue(())
    }

    /// A totals or group row ends a block of rows.
    fn new_block(&mut self) {
        if let Some(s) = &mut self.sums {
            s.reset();
        }
    }

    /// Maps a data row onto the target's fields and parses it (once per
    /// value cell for a wide table).
    fn map_row(&mut self, number: u32, cells: &RowCells<'_>, first: CellRef, each: &mut dyn FnMut(Outcome<'_, '_>)) {
        let plan = self.plan;
        let r0 = number - 1;
        let mut out: Vec<Cell<DataRef<'_>>> = Vec::with_capacity(plan.fields.len() + 2);
        let mut reasons: Vec<(CellRef, String)> = Vec::new();
        let mut from_source = false;
        for (i, f) in plan.fields.iter().enumerate() {
            let field = plan.target.columns[f.field].field;
            let value: Option<DataRef<'_>> = match &f.from {
                From::Constant(c) => Some(DataRef::SharedString(c)),
                From::HeaderUnit(_) => self.header_consts[i].clone().map(DataRef::String),
                From::Group => self.group.clone().map(|g| match f.map.iter().find(|(from, _)| *from == g) {
                    Some((_, to)) => DataRef::SharedString(to),
                    None => DataRef::String(g),
                }),
                From::Column(_) => {
                    let col = self.field_cols[f.field].unwrap_or(u32::MAX);
                    match cells.iter().find(|c| c.get_position().1 == col).map(|c| c.get_value()) {
                        None => None,
                        Some(v) => {
                            from_source = true;
                            let at = || CellRef::new(&self.sheet, number, col);
                            let value = match cells::text_of(v) {
                                None => Some(v.clone()),
                                Some(t) => match classify(t, &plan.missing, &plan.footnotes) {
                                    Text::Missing(tok) => {
                                        if plan.target.columns[f.field].required {
                                            reasons.push((
                                                at(),
                                                format!("{field} is required, found \"{tok}\", which means no value"),
                                            ));
                                        }
                                        None
                                    }
                                    Text::Bound(b) if plan.bounds == Bounds::Reject => {
                                        reasons.push((
                                            at(),
                                            format!(
                                                "{field} must be a number, found the bound \"{t}\" (set bounds = \"bound\" to take {b})"
                                            ),
                                        ));
                                        None
                                    }
                                    Text::Bound(b) => Some(DataRef::SharedString(b)),
                                    Text::Value(v) => match f.map.iter().find(|(from, _)| from == v) {
                                        Some((_, to)) => Some(DataRef::SharedString(to)),
                                        None => Some(DataRef::SharedString(v)),
                                    },
                                },
                            };
                            match (&f.format, value) {
                                (Some(format), Some(v)) => match formatted(&v, format) {
                                    Ok(v) => Some(v),
                                    Err(e) => {
                                        reasons.push((at(), format!("{field} {e}")));
                                        None
                                    }
                                },
                                (_, v) => v,
                            }
                        }
                    }
                }
            };
            let value = value.or_else(|| f.default.as_deref().map(DataRef::SharedString));
            if let Some(v) = value
                && !cells::is_blank(&v)
            {
                out.push(Cell::new((r0, f.field as u32), v));
            }
        }
        out.sort_by_key(|c| c.get_position().1);
        if !reasons.is_empty() {
            let cell = reasons[0].0.clone();
            let reason = reasons
                .iter()
                .map(|(c, m)| if *c == cell { m.clone() } else { format!("{c}: {m}") })
                .collect::<Vec<_>>()
                .join("; ");
            self.reject(each, cell, reason, cells);
            return;
        }
        if plan.unpivot.is_some() {
            self.unpivot_row(number, cells, first, &out, each);
            return;
        }
        if !from_source {
            self.reject(each, first, "nothing in the mapped columns".to_owned(), cells);
            return;
        }
        let Some(header) = self.cols.take() else { return };
        let parsed = self.parse(&header, number, &out);
        self.cols = Some(header);
        self.outcome(parsed, first, &out, cells, each);
    }

    /// A row of a wide table: one record per value cell that is neither
    /// blank nor a "no value" token, each placed on its value cell.
    fn unpivot_row(
        &mut self,
        number: u32,
        cells: &RowCells<'_>,
        first: CellRef,
        base: &[Cell<DataRef<'_>>],
        each: &mut dyn FnMut(Outcome<'_, '_>),
    ) {
        let plan = self.plan;
        let Some(u) = &plan.unpivot else { return };
        let value_name = plan.target.columns[u.value_field].field;
        let r0 = number - 1;
        let columns = std::mem::take(&mut self.unpivot_cols);
        let mut produced = 0u32;
        let mut tokens: Vec<&str> = Vec::new();
        let mut out: Vec<Cell<DataRef<'_>>> = Vec::with_capacity(base.len() + 2);
        for vc in &columns {
            let Some(v) = cells.iter().find(|c| c.get_position().1 == vc.col).map(|c| c.get_value()) else {
                continue;
            };
            if cells::is_blank(v) {
                continue;
            }
            let at = CellRef::new(&self.sheet, number, vc.col);
            let value = match cells::text_of(v) {
                None => v.clone(),
                Some(t) => match classify(t, &plan.missing, &plan.footnotes) {
                    Text::Missing(tok) => {
                        if !tokens.contains(&tok) {
                            tokens.push(tok);
                        }
                        continue;
                    }
                    Text::Bound(b) if plan.bounds == Bounds::Reject => {
                        produced += 1;
                        self.reject(
                            each,
                            at,
                            format!(
                                "{value_name} must be a number, found the bound \"{t}\" (set bounds = \"bound\" to take {b})"
                            ),
                            cells,
                        );
                        continue;
                    }
                    Text::Bound(b) => DataRef::SharedString(b),
                    Text::Value(v) => DataRef::SharedString(v),
                },
            };
            produced += 1;
            out.clear();
            out.extend(base.iter().cloned());
            out.push(Cell::new((r0, u.value_field as u32), value));
            out.push(Cell::new((r0, u.header_field as u32), DataRef::SharedString(&vc.value)));
            out.sort_by_key(|c| c.get_position().1);
            let parsed = self.parse(&vc.header, number, &out);
            self.outcome(parsed, at, &out, cells, each);
        }
        self.unpivot_cols = columns;
        if produced == 0 {
            let reason = if tokens.is_empty() {
                format!("nothing in the unpivoted columns ({})", u.written)
            } else {
                let found = tokens.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ");
                format!("no value in the unpivoted columns ({}): found only {found}, which means no value", u.written)
            };
            self.reject(each, first, reason, cells);
        }
    }

    /// Parses mapped cells (field `f` at column `f`) by the target sheet's
    /// own rules; problems are placed by `header`.
    fn parse(&mut self, header: &Header, number: u32, out: &RowCells<'_>) -> Result<Record, Vec<Problem>> {
        let plan = self.plan;
        let mut suppressed = 0u64;
        self.row_problems.clear();
        self.row_warnings.clear();
        let mut report = Report {
            problems: &mut self.row_problems,
            warnings: &mut self.row_warnings,
            suppressed: &mut suppressed,
            max: usize::MAX,
        };
        let mut row = Row::new(plan.target, header, number, out);
        row.require(&mut report, |_| false);
        let record = match plan.target.sheet {
            carbonbook_core::error::InputSheet::Activities => match self.activities.as_mut() {
                Some(a) => a.read_row(&mut row, &mut report, None).map(Record::Activity),
                None => None,
            },
            carbonbook_core::error::InputSheet::Facilities => {
                // Each row is checked alone; ids given twice are the
                // engine's to report.
                let mut ids = facilities::FacilityIds::default();
                facilities::read_row(&mut row, &mut report, &mut ids).map(Record::Facility)
            }
            carbonbook_core::error::InputSheet::Production => {
                production::read_row(&mut row, &mut report, None).map(Record::Production)
            }
            _ => factors::read_row(&mut row, &mut report, plan.gwp).map(Record::Factor),
        };
        match record {
            Some(r) if !row.failed && self.row_problems.is_empty() => Ok(r),
            _ => Err(std::mem::take(&mut self.row_problems)),
        }
    }

    /// Hands on a parsed row, or lists it with every problem (placed on
    /// the first problem's cell, else on `cell`).
    fn outcome(
        &mut self,
        parsed: Result<Record, Vec<Problem>>,
        cell: CellRef,
        out: &RowCells<'_>,
        cells: &RowCells<'_>,
        each: &mut dyn FnMut(Outcome<'_, '_>),
    ) {
        match parsed {
            Ok(r) => {
                self.landed += 1;
                each(Outcome::Landed(r, out));
            }
            Err(problems) => {
                let cell = match problems.first().map(|p| &p.location) {
                    Some(crate::problem::Location::Cell(c)) => c.clone(),
                    _ => cell,
                };
                let reason = if problems.is_empty() {
                    "the row could not be read".to_owned()
                } else {
                    problems
                        .iter()
                        .map(|p| match &p.location {
                            crate::problem::Location::Cell(c) if *c == cell => p.message.clone(),
                            _ => p.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                self.reject(each, cell, reason, cells);
                self.row_problems = problems;
            }
        }
    }
    fn reject(&mut self, each: &mut dyn FnMut(Outcome<'_, '_>), cell: CellRef, reason: String, cells: &RowCells<'_>) {
        self.rejected += 1;
        each(Outcome::Rejected(RejectedRow { cell, table: self.plan.index, reason, content: content(cells) }));
    }

    /// The row with the values of the merged regions that cover it, when
    /// there are any.
    fn merged_row<'c>(&mut self, number: u32, cells: &RowCells<'c>) -> Option<Vec<Cell<DataRef<'c>>>> {
        if self.merges.is_empty() {
            return None;
        }
        let r = number - 1;
        self.active.retain(|(d, _)| d.end.0 >= r);
        while self.next_merge < self.merges.len() && self.merges[self.next_merge].start.0 <= r {
            let d = self.merges[self.next_merge];
            self.next_merge += 1;
            if d.end.0 < r {
                continue;
            }
            // The top-left value: in this row when the region starts here.
            let v = if d.start.0 == r {
                cells.iter().find(|c| c.get_position().1 == d.start.1).map(|c| owned(c.get_value()))
            } else {
                None
            };
            self.active.push((d, v));
        }
        if self.active.iter().all(|(_, v)| v.is_none()) {
            return None;
        }
        let mut row: Vec<Cell<DataRef<'c>>> = Vec::with_capacity(cells.len() + self.active.len());
        row.extend_from_slice(cells);
        let mut added = false;
        for (d, v) in &self.active {
            let Some(v) = v else { continue };
            for col in d.start.1..=d.end.1 {
                if (r, col) == d.start || row.iter().any(|c| c.get_position().1 == col) {
                    continue;
                }
                row.push(Cell::new((r, col), owned_ref(v)));
                added = true;
            }
        }
        if !added {
            return None;
        }
        row.sort_by_key(|c| c.get_position().1);
        Some(row)
    }
}

/// Whether a (normalised) text is an end marker: equal to one, or
/// beginning with one written with a closing `*` (`Source:*`).
fn ends(markers: &[String], text: &str) -> bool {
    markers.iter().any(|m| match m.strip_suffix('*') {
        Some(prefix) => text.starts_with(prefix),
        None => m == text,
    })
}

/// A text compared with anchors and end markers.
fn norm_text(t: &str) -> String {
    t.split(number::is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// An owned copy of a cell value.
fn owned(v: &DataRef<'_>) -> Data {
    match v {
        DataRef::Int(i) => Data::Int(*i),
        DataRef::Float(f) => Data::Float(*f),
        DataRef::String(s) => Data::String(s.clone()),
        DataRef::SharedString(s) => Data::String((*s).to_owned()),
        DataRef::Bool(b) => Data::Bool(*b),
        DataRef::DateTime(d) => Data::DateTime(*d),
        DataRef::DateTimeIso(s) => Data::DateTimeIso(s.clone()),
        DataRef::DurationIso(s) => Data::DurationIso(s.clone()),
        DataRef::Error(e) => Data::Error(e.clone()),
        DataRef::Empty => Data::Empty,
    }
}

/// An owned value as a value of any lifetime (texts are copied).
fn owned_ref<'a>(v: &Data) -> DataRef<'a> {
    match v {
        Data::String(s) => DataRef::String(s.clone()),
        other => match cells::borrow(other) {
            DataRef::Int(i) => DataRef::Int(i),
            DataRef::Float(f) => DataRef::Float(f),
            DataRef::Bool(b) => DataRef::Bool(b),
            DataRef::DateTime(d) => DataRef::DateTime(d),
            DataRef::DateTimeIso(s) => DataRef::DateTimeIso(s),
            DataRef::DurationIso(s) => DataRef::DurationIso(s),
            DataRef::Error(e) => DataRef::Error(e),
            _ => DataRef::Empty,
        },
    }
}

/// What a row holds, for the rejected-rows list.
fn content(cells: &RowCells<'_>) -> String {
    const MAX: usize = 300;
    let mut s = String::new();
    for c in cells {
        if !s.is_empty() {
            s.push_str(" | ");
        }
        let (r, col) = c.get_position();
        s.push_str(&format!("{}{}={}", column_letters(col), r + 1, cells::describe(c.get_value())));
        if s.len() > MAX {
            s.push('…');
            break;
        }
    }
    s
}

/// Field index and text, per field given.
pub(crate) type FieldTexts = Vec<(usize, String)>;

/// A `[[factor]]` of the profile, read by the Factors sheet's own rules:
/// the factor and its workbook-v1 cells, or every problem (naming the
/// profile line).
pub(crate) fn constant_factor(
    line: usize,
    fields: &[(&'static str, String)],
    gwp: carbonbook_core::gas::GwpSet,
) -> Result<(CustomFactor, FieldTexts), Vec<Problem>> {
    let spec = &schema::FACTORS;
    let mut cells: Vec<Cell<DataRef<'_>>> = Vec::new();
    let mut by_field = Vec::new();
    for (name, value) in fields {
        if let Some(f) = spec.field_index(name) {
            cells.push(Cell::new((0, f as u32), DataRef::SharedString(value)));
            by_field.push((f, value.clone()));
        }
    }
    cells.sort_by_key(|c| c.get_position().1);
    let header = Header::mapped("profile", 1, 0, vec![None; spec.columns.len()]);
    let (mut problems, mut warnings, mut suppressed) = (Vec::new(), Vec::new(), 0u64);
    let mut report = Report { problems: &mut problems, warnings: &mut warnings, suppressed: &mut suppressed, max: 100 };
    let mut row = Row::new(spec, &header, 1, &cells);
    row.require(&mut report, |_| false);
    let factor = factors::read_row(&mut row, &mut report, gwp);
    match factor {
        Some(f) if problems.is_empty() => Ok((f, by_field)),
        _ => Err(problems
            .into_iter()
            .map(|p| Problem::book(format!("profile [[factor]] at line {line}: {}", p.message)))
            .collect()),
    }
}

/// A period cell read in a declared date format: a date cell as it is
/// (its month), text and numbers through the format; `2024-03` out.
fn formatted<'d>(v: &DataRef<'d>, format: &DateFormat) -> Result<DataRef<'d>, String> {
    let text = match v {
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => return Ok(v.clone()),
        _ => cells::as_text(v),
    };
    let Some(text) = text else {
        return Err(format!("must be a date written as \"{}\", found {}", format.written, cells::describe(v)));
    };
    format
        .period(&text)
        .map(|p| DataRef::String(p.to_string()))
        .map_err(|e| format!("must be a date written as \"{}\", found \"{text}\" ({e})", format.written))
}
