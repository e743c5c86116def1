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

mod header;
mod merged;
mod rows;
mod unpivot;

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
        if let Some(f) = spec.field_named(name) {
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
