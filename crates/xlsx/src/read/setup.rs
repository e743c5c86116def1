//! What a book sets up before its activities: organisation, facilities,
//! custom factors, production and trading, plus every problem found, and
//! where each field of each sheet is (to place the engine's errors).

use carbonbook_core::field::Field;
use std::collections::HashMap;

use carbonbook_core::calculation::Warning;
use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
use carbonbook_core::inventory::{CustomFactor, Facility, Organisation, Production, RefrigerantBalance};
use carbonbook_core::trading::TradingLine;

use super::facilities::FacilityIds;
use super::header::Header;
use super::report::Report;
use super::schema;
use crate::cell::CellRef;
use crate::problem::{Location, Problem};

/// Everything a book gives except its activities, and every problem and
/// warning found while reading it (activities included, once read).
///
/// Reading never stops at a problem: each is recorded in
/// [`Setup::problems`] with its cell, and the run fails when that list is
/// not empty. Engine errors and warnings, which name a sheet, row and
/// field, are placed on their real cell by [`Setup::locate`] and
/// [`Setup::locate_warning`].
///
/// ```
/// use carbonbook_xlsx::read;
/// use rust_xlsxwriter::Workbook;
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("book.xlsx");
/// let mut wb = Workbook::new();
/// let org = wb.add_worksheet().set_name("Organisation")?;
/// org.write_row(0, 0, ["field", "value"])?;
/// org.write_row(1, 0, ["name", "Example Co."])?;
/// org.write_string(2, 0, "reporting_year")?.write_number(2, 1, 2024)?;
/// let fac = wb.add_worksheet().set_name("Facilities")?;
/// fac.write_row(0, 0, ["facility_id", "name"])?;
/// fac.write_row(1, 0, ["F1", "Main plant"])?;
/// wb.save(&path)?;
///
/// let mut book = read::open(&path)?;
/// let setup = book.read_setup()?;
/// assert_eq!(setup.organisation.name, "Example Co.");
/// assert_eq!(setup.organisation.reporting_year, 2024);
/// assert_eq!(setup.facilities[0].id, "F1");
/// assert!(setup.problems.is_empty(), "{:?}", setup.problems);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Setup {
    /// The organisation (defaults where the sheet gave nothing valid).
    pub organisation: Organisation,
    /// The facilities, in sheet order.
    pub facilities: Vec<Facility>,
    /// Custom factors.
    pub factors: Vec<CustomFactor>,
    /// Production rows.
    pub production: Vec<Production>,
    /// Trading lines.
    pub trading: Vec<TradingLine>,
    /// Refrigerant mass balances (the Refrigerants sheet).
    pub refrigerants: Vec<RefrigerantBalance>,
    /// The allowance accounts' transactions (the Transactions sheet).
    pub transactions: Vec<carbonbook_core::trading::ledger::Transaction>,
    /// EU CBAM goods, precursors and imports (the three CBAM sheets).
    pub cbam: carbonbook_core::cbam::CbamInput,
    /// Financed exposures (the Portfolio sheet, workbook-v2 §9).
    pub portfolio: Vec<carbonbook_core::finance::Exposure>,
    /// Financed green projects (the Projects sheet, workbook-v2 §9).
    pub projects: Vec<carbonbook_core::finance::Project>,
    /// Errors, each with its cell: the run fails when this is not empty.
    pub problems: Vec<Problem>,
    /// Warnings (unknown columns, hidden sheets, ignored values).
    pub warnings: Vec<Problem>,
    pub(crate) layout: Layout,
}

/// How many input sheets there are (slots of [`schema::sheet_index`]).
pub(crate) const SHEETS: usize = 13;

/// Where things are in the book.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    /// Per input sheet (by [`schema::sheet_index`]): its name in the book.
    pub(crate) names: [Option<String>; SHEETS],
    /// Per input sheet: its header.
    pub(crate) headers: [Option<Header>; SHEETS],
    /// The value cell of each Organisation field given.
    pub(crate) org_cells: Vec<(Field, CellRef)>,
    /// Facility ids, when the Facilities sheet could be read.
    pub(crate) facility_ids: Option<FacilityIds>,
    /// Factors rows that could not be read: their key and row. Activities
    /// rows using such a key fail because of it, not on their own.
    pub(crate) unread_factors: Vec<(String, u32)>,
    /// Problems found beyond the limit.
    pub(crate) suppressed: u64,
    /// The problem limit.
    pub(crate) max_problems: usize,
}

impl Setup {
    /// The pipeline's input: everything read but the activities (copied,
    /// so that the reader may go on recording problems here while the
    /// engine works). `hold_output` when problems are already known.
    pub fn input(&self) -> carbonbook_core::pipeline::Input {
        carbonbook_core::pipeline::Input {
            organisation: self.organisation.clone(),
            facilities: self.facilities.clone(),
            factors: self.factors.clone(),
            production: self.production.clone(),
            trading: self.trading.clone(),
            refrigerants: self.refrigerants.clone(),
            transactions: self.transactions.clone(),
            portfolio: self.portfolio.clone(),
            projects: self.projects.clone(),
            hold_output: !self.problems.is_empty(),
            cbam: self.cbam.clone(),
        }
    }

    /// An empty setup with the engine's defaults.
    pub(crate) fn new(max_problems: usize) -> Setup {
        Setup {
            organisation: Organisation::default(),
            facilities: Vec::new(),
            factors: Vec::new(),
            production: Vec::new(),
            trading: Vec::new(),
            refrigerants: Vec::new(),
            transactions: Vec::new(),
            cbam: carbonbook_core::cbam::CbamInput::default(),
            portfolio: Vec::new(),
            projects: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            layout: Layout { max_problems, ..Layout::default() },
        }
    }

    /// Where problems go.
    pub(crate) fn report(&mut self) -> Report<'_> {
        Report {
            problems: &mut self.problems,
            warnings: &mut self.warnings,
            suppressed: &mut self.layout.suppressed,
            max: self.layout.max_problems,
        }
    }

    /// Turns an engine error (sheet, row, field) into a [`Problem`] at the
    /// real cell, e.g. `Activities!E5: …`. Without a column for the field,
    /// the problem is placed on the row's first cell; without a row, on the
    /// sheet (Organisation fields: on the field's value cell).
    ///
    /// ```
    /// use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
    /// use carbonbook_core::field::Field;
    /// # use carbonbook_xlsx::read;
    /// # let dir = tempfile::tempdir()?;
    /// # let path = dir.path().join("book.xlsx");
    /// # let mut wb = rust_xlsxwriter::Workbook::new();
    /// # wb.add_worksheet().set_name("Organisation")?.write_row(0, 0, ["field", "value"])?;
    /// # let fac = wb.add_worksheet().set_name("Facilities")?;
    /// # fac.write_row(0, 0, ["name", "facility_id"])?;
    /// # wb.save(&path)?;
    /// let setup = read::open(&path)?.read_setup()?;
    /// // Facilities has its facility_id column in B.
    /// let e = CalcError::new(InputSheet::Facilities, Some(4), Field::FacilityId,
    ///     CalcErrorKind::Duplicate { id: "F1".into(), first_row: 2 });
    /// assert_eq!(setup.locate(&e).to_string(), "Facilities!B4: facility_id \"F1\" is defined twice (first at Facilities!B2)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn locate(&self, e: &CalcError) -> Problem {
        let mut p = self.place(e.sheet, e.row, e.field, message(e.field, &e.kind));
        if let (CalcErrorKind::Duplicate { id, first_row }, Location::Cell(cell)) = (&e.kind, &p.location)
            && *first_row > 0
        {
            let what = e.field.map_or("id", Field::name);
            p.message = format!("{what} \"{id}\" is defined twice (first at {})", cell.with_row(*first_row));
        }
        p
    }

    /// Every problem of the run, taken out of the setup: the reader's
    /// ([`Setup::problems`]), then the engine's `errors` placed on their
    /// cells ([`Setup::locate_all`]). An Activities row whose activity has
    /// no factor because its Factors row could not be read is no problem of
    /// its own: the rows it affects are listed under that Factors row's
    /// problem, once.
    ///
    /// ```
    /// use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
    /// use carbonbook_core::field::Field;
    /// use carbonbook_xlsx::read::{self, EngineErrors};
    ///
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("Factors.csv"), "factor_key,gas,value,unit,source\nmy_fuel,CO2,1e30,t/t,own\n")?;
    /// let mut book = read::open(dir.path())?;
    /// let mut setup = book.read_setup()?;
    /// let mut errors = EngineErrors::new();
    /// for row in 2..=4 {
    ///     errors.push(CalcError::new(InputSheet::Activities, Some(row), Field::Activity,
    ///         CalcErrorKind::UnknownActivity { key: "my_fuel".into(), methodology: "cn-gbt32150", nearest: vec![] }));
    /// }
    /// let problems: Vec<String> = setup.take_problems(&errors).iter().map(ToString::to_string).collect();
    /// assert!(problems[0].starts_with("Organisation: missing sheet"));
    /// assert!(problems[1].starts_with("Facilities: missing sheet"));
    /// assert_eq!(problems[2], "Factors!C2: value is out of range, found \"1e30\": numbers may be at most \
    ///     ±79,228,162,514,264,337,593,543,950,335 (about 7.9e28)\n  \
    ///     3 Activities rows use \"my_fuel\" and are not computed for it: Activities!A2:A4");
    /// assert_eq!(problems.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn take_problems(&mut self, errors: &EngineErrors) -> Vec<Problem> {
        let mut problems = std::mem::take(&mut self.problems);
        let factors = self.layout.names[schema::sheet_index(InputSheet::Factors)].clone();
        let factors = factors.as_deref().unwrap_or("Factors");
        let mut rest = EngineErrors { more: errors.more, ..EngineErrors::default() };
        for g in &errors.groups {
            let key = match (&g.first.sheet, &g.first.kind) {
                (InputSheet::Activities, CalcErrorKind::UnknownActivity { key, .. }) => key,
                _ => {
                    rest.groups.push(g.clone());
                    continue;
                }
            };
            let row = self.layout.unread_factors.iter().find(|(k, _)| k == key).map(|(_, r)| *r);
            let located = self.locate(&g.first);
            let (Some(row), Location::Cell(cell)) = (row, &located.location) else {
                rest.groups.push(g.clone());
                continue;
            };
            let cause = problems
                .iter_mut()
                .find(|p| matches!(&p.location, Location::Cell(c) if c.sheet == factors && c.row == row));
            let rows = format!(
                "{} Activities row{} use \"{}\" and {} not computed for it: {}",
                g.count,
                if g.count == 1 { "" } else { "s" },
                crate::problem::bounded(key.clone()),
                if g.count == 1 { "is" } else { "are" },
                cell_list(cell, &g.rows, g.count)
            );
            match cause {
                Some(p) => p.message = format!("{}\n  {rows}", p.message),
                // The cause was not listed (too many problems): the rows on their own.
                None => problems.push(Problem::at(cell.clone(), rows)),
            }
        }
        problems.extend(self.locate_all(&rest));
        problems
    }

    /// The engine's errors placed on their cells, as [`Setup::locate`]
    /// does: an error that many rows share (the same sheet, field and
    /// message: one factor too large for every row that uses it) once, on
    /// its first cell, with the other cells listed under it.
    ///
    /// ```
    /// use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
    /// use carbonbook_core::field::Field;
    /// use carbonbook_xlsx::read::EngineErrors;
    /// # use carbonbook_xlsx::read;
    /// # let dir = tempfile::tempdir()?;
    /// # std::fs::write(dir.path().join("Activities.csv"), "facility_id,source,activity,quantity,unit\n")?;
    /// # let mut book = read::open(dir.path())?;
    /// # let mut setup = book.read_setup()?;
    /// # book.read_activities(&mut setup, |_| {})?;
    /// let too_large = |row| CalcError::new(InputSheet::Activities, Some(row), Field::Quantity,
    ///     CalcErrorKind::Missing { what: "number too large".into() });
    /// let errors: EngineErrors = [2, 3, 4, 9].map(too_large).into_iter().collect();
    /// let located = setup.locate_all(&errors);
    /// assert_eq!(located.len(), 1);
    /// assert_eq!(located[0].to_string(),
    ///     "Activities!D2: quantity: number too large\n  the same in 3 more rows: Activities!D3:D4, D9");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn locate_all(&self, errors: &EngineErrors) -> Vec<Problem> {
        let mut out: Vec<Problem> = errors
            .groups
            .iter()
            .map(|g| {
                let mut p = self.locate(&g.first);
                if g.count > 1
                    && let Location::Cell(cell) = &p.location
                {
                    // The cells after the first.
                    let mut rows = g.rows.clone();
                    if let Some(first) = rows.first_mut()
                        && first.0 == cell.row
                    {
                        if first.0 == first.1 {
                            rows.remove(0);
                        } else {
                            first.0 += 1;
                        }
                    }
                    let more = g.count - 1;
                    let word = if more == 1 { "row" } else { "rows" };
                    p.message =
                        format!("{}\n  the same in {more} more {word}: {}", p.message, cell_list(cell, &rows, more));
                }
                p
            })
            .collect();
        if errors.more > 0 {
            out.push(Problem::book(format!(
                "{} more problems were found and not listed (fix these and run again)",
                errors.more
            )));
        }
        out
    }

    /// Same as [`Setup::locate`] for an engine warning: on its cell when it
    /// names a field, else on the row's first cell, or the sheet.
    pub fn locate_warning(&self, w: &Warning) -> Problem {
        let p = self.place(w.sheet, w.row, w.field, w.message.clone());
        // Its Chinese wording travels with it ([`Problem::in_chinese`]).
        match &w.message_zh {
            Some(zh) => p.with_zh(zh.clone()),
            None => p,
        }
    }

    fn place(&self, sheet: InputSheet, row: Option<u32>, field: Option<Field>, message: String) -> Problem {
        let i = schema::sheet_index(sheet);
        let name = self.layout.names[i].clone().unwrap_or_else(|| sheet.name().to_owned());
        if sheet == InputSheet::Organisation
            && let Some((_, cell)) = self.layout.org_cells.iter().find(|(f, _)| Some(*f) == field)
        {
            return Problem::at(cell.clone(), message);
        }
        match (&self.layout.headers[i], row) {
            (Some(h), Some(r)) => {
                let f = field.and_then(|f| schema::spec(sheet).field_index(f));
                Problem::at(h.cell(r, f), message)
            }
            (None, Some(r)) => Problem::at(CellRef::new(name, r, 0), message),
            (_, None) => Problem::sheet(name, message),
        }
    }
}

/// Cells of `cell`'s sheet and column, by ranges of rows: `Activities!D3:D25,
/// D30`; after twelve ranges, how many more of the `count` cells.
fn cell_list(cell: &CellRef, rows: &[(u32, u32)], count: u64) -> String {
    const SHOWN: usize = 12;
    let col = crate::cell::column_letters(cell.col);
    let mut parts: Vec<String> = rows
        .iter()
        .take(SHOWN)
        .map(|&(a, b)| if a == b { format!("{col}{a}") } else { format!("{col}{a}:{col}{b}") })
        .collect();
    if rows.len() > SHOWN {
        let listed: u64 = rows.iter().take(SHOWN).map(|(a, b)| u64::from(b - a) + 1).sum();
        parts.push(format!("and {} more", count.saturating_sub(listed)));
    }
    format!("{}!{}", crate::cell::quote_sheet(&cell.sheet), parts.join(", "))
}

/// The engine's errors of a run, gathered as they come: one entry per
/// distinct error (sheet, field and message) with the rows it was found
/// in, so that a million rows failing alike take a few bytes each. At
/// most 10,000 distinct errors (and 64 MiB of them) are kept; the others
/// are counted. [`Setup::take_problems`] places them on their cells.
///
/// ```
/// use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
/// use carbonbook_core::field::Field;
/// use carbonbook_xlsx::read::EngineErrors;
///
/// let mut errors = EngineErrors::new();
/// for row in 2..1_000_002 {
///     errors.push(CalcError::new(InputSheet::Activities, Some(row), Field::Activity,
///         CalcErrorKind::Missing { what: "no factor".into() }));
/// }
/// assert_eq!(errors.len(), 1_000_000);
/// assert!(!errors.is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct EngineErrors {
    groups: Vec<ErrorGroup>,
    index: HashMap<(InputSheet, Option<Field>, String), usize>,
    /// Errors not kept.
    more: u64,
    /// Bytes of the messages kept.
    bytes: usize,
}

/// Errors alike: the first, and the rows of all (ranges).
#[derive(Debug, Clone)]
struct ErrorGroup {
    first: CalcError,
    rows: Vec<(u32, u32)>,
    count: u64,
}

impl EngineErrors {
    /// Distinct errors kept at most.
    const MAX_GROUPS: usize = 10_000;
    /// Bytes of their messages kept at most.
    const MAX_BYTES: usize = 64 << 20;

    /// None yet.
    pub fn new() -> EngineErrors {
        EngineErrors::default()
    }

    /// Adds an error.
    pub fn push(&mut self, e: CalcError) {
        let key = (e.sheet, e.field, crate::problem::bounded(e.kind.to_string()));
        if let Some(&i) = self.index.get(&key) {
            let g = &mut self.groups[i];
            g.count += 1;
            if let Some(r) = e.row {
                match g.rows.last_mut() {
                    Some((_, last)) if r == *last + 1 => *last = r,
                    _ => g.rows.push((r, r)),
                }
            }
            return;
        }
        if self.groups.len() >= Self::MAX_GROUPS || self.bytes > Self::MAX_BYTES {
            self.more += 1;
            return;
        }
        // The message is held twice: in the key and in the error.
        self.bytes += 2 * key.2.len();
        self.index.insert(key, self.groups.len());
        let rows = e.row.map(|r| vec![(r, r)]).unwrap_or_default();
        self.groups.push(ErrorGroup { first: e, rows, count: 1 });
    }

    /// How many errors were added.
    pub fn len(&self) -> u64 {
        self.groups.iter().map(|g| g.count).sum::<u64>() + self.more
    }

    /// Whether none was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl FromIterator<CalcError> for EngineErrors {
    fn from_iter<I: IntoIterator<Item = CalcError>>(iter: I) -> EngineErrors {
        let mut errors = EngineErrors::new();
        iter.into_iter().for_each(|e| errors.push(e));
        errors
    }
}

impl Extend<CalcError> for EngineErrors {
    fn extend<I: IntoIterator<Item = CalcError>>(&mut self, iter: I) {
        iter.into_iter().for_each(|e| self.push(e));
    }
}

/// The message of an engine error, naming its field where the error's own
/// text does not.
fn message(field: Option<Field>, kind: &CalcErrorKind) -> String {
    let Some(field) = field.map(Field::name) else {
        return kind.to_string();
    };
    match kind {
        CalcErrorKind::Negative { value } => format!("{field} must be a number ≥ 0, found {value}"),
        CalcErrorKind::Invalid { expected, found } => format!("{field}: expected {expected}, found \"{found}\""),
        k => {
            let m = k.to_string();
            if m.contains(field) { m } else { format!("{field}: {m}") }
        }
    }
}
