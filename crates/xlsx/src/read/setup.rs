//! What a book sets up before its activities: organisation, facilities,
//! custom factors, production and trading, plus every problem found, and
//! where each field of each sheet is (to place the engine's errors).

use carbonbook_core::calculation::Warning;
use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
use carbonbook_core::inventory::{CustomFactor, Facility, Organisation, Production};
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
    /// Errors, each with its cell: the run fails when this is not empty.
    pub problems: Vec<Problem>,
    /// Warnings (unknown columns, hidden sheets, ignored values).
    pub warnings: Vec<Problem>,
    pub(crate) layout: Layout,
}

/// Where things are in the book.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    /// Per input sheet (by [`schema::sheet_index`]): its name in the book.
    pub(crate) names: [Option<String>; 6],
    /// Per input sheet: its header.
    pub(crate) headers: [Option<Header>; 6],
    /// The value cell of each Organisation field given.
    pub(crate) org_cells: Vec<(&'static str, CellRef)>,
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
    /// An empty setup with the engine's defaults.
    pub(crate) fn new(max_problems: usize) -> Setup {
        Setup {
            organisation: Organisation::default(),
            facilities: Vec::new(),
            factors: Vec::new(),
            production: Vec::new(),
            trading: Vec::new(),
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
    /// let e = CalcError::new(InputSheet::Facilities, Some(4), "facility_id",
    ///     CalcErrorKind::Duplicate { id: "F1".into(), first_row: 2 });
    /// assert_eq!(setup.locate(&e).to_string(), "Facilities!B4: facility_id \"F1\" is defined twice (first at Facilities!B2)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn locate(&self, e: &CalcError) -> Problem {
        let mut p = self.place(e.sheet, e.row, Some(e.field), message(e.field, &e.kind));
        if let (CalcErrorKind::Duplicate { id, first_row }, Location::Cell(cell)) = (&e.kind, &p.location)
            && *first_row > 0
        {
            p.message = format!("{} \"{id}\" is defined twice (first at {})", e.field, cell.with_row(*first_row));
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
    /// use carbonbook_xlsx::read;
    ///
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("Factors.csv"), "factor_key,gas,value,unit,source\nmy_fuel,CO2,1e30,t/t,own\n")?;
    /// let mut book = read::open(dir.path())?;
    /// let mut setup = book.read_setup()?;
    /// let unknown = |row| CalcError::new(InputSheet::Activities, Some(row), "activity",
    ///     CalcErrorKind::UnknownActivity { key: "my_fuel".into(), methodology: "cn-gbt32150", nearest: vec![] });
    /// let problems: Vec<String> = setup.take_problems(&[unknown(2), unknown(3), unknown(4)])
    ///     .iter().map(ToString::to_string).collect();
    /// assert!(problems[0].starts_with("Organisation: missing sheet"));
    /// assert!(problems[1].starts_with("Facilities: missing sheet"));
    /// assert_eq!(problems[2], "Factors!C2: value is out of range, found \"1e30\": numbers may be at most \
    ///     ±79,228,162,514,264,337,593,543,950,335 (about 7.9e28)\n  \
    ///     3 Activities rows use \"my_fuel\" and are not computed for it: Activities!A2:A4");
    /// assert_eq!(problems.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn take_problems(&mut self, errors: &[CalcError]) -> Vec<Problem> {
        let mut problems = std::mem::take(&mut self.problems);
        let mut rest = Vec::with_capacity(errors.len());
        // Follow-ons of each unread factor, by key.
        let mut follow: Vec<(&str, Vec<CellRef>)> = Vec::new();
        for e in errors {
            if let (InputSheet::Activities, CalcErrorKind::UnknownActivity { key, .. }) = (e.sheet, &e.kind)
                && self.layout.unread_factors.iter().any(|(k, _)| k == key)
                && let Location::Cell(cell) = self.locate(e).location
            {
                match follow.iter_mut().find(|(k, _)| k == key) {
                    Some((_, cells)) => cells.push(cell),
                    None => follow.push((key, vec![cell])),
                }
                continue;
            }
            rest.push(e.clone());
        }
        let factors = self.layout.names[schema::sheet_index(InputSheet::Factors)].as_deref().unwrap_or("Factors");
        for (key, cells) in follow {
            let row = self.layout.unread_factors.iter().find(|(k, _)| k == key).map(|(_, r)| *r);
            let cause = problems
                .iter_mut()
                .find(|p| matches!(&p.location, Location::Cell(c) if c.sheet == factors && Some(c.row) == row));
            let rows = format!(
                "{} Activities row{} use \"{key}\" and {} not computed for it: {}",
                cells.len(),
                if cells.len() == 1 { "" } else { "s" },
                if cells.len() == 1 { "is" } else { "are" },
                cell_list(&cells)
            );
            match cause {
                Some(p) => p.message = format!("{}\n  {rows}", p.message),
                // The cause was not listed (too many problems): the rows on their own.
                None => problems.push(Problem::at(cells[0].clone(), rows)),
            }
        }
        problems.extend(self.locate_all(&rest));
        problems
    }

    /// The engine's errors placed on their cells, as [`Setup::locate`]
    /// does; an error that many rows share (the same sheet, field and
    /// message: one factor too large for every row that uses it) is given
    /// once, on its first cell, with the other cells listed under it.
    ///
    /// ```
    /// use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
    /// # use carbonbook_xlsx::read;
    /// # let dir = tempfile::tempdir()?;
    /// # std::fs::write(dir.path().join("Activities.csv"), "facility_id,source,activity,quantity,unit\n")?;
    /// # let mut book = read::open(dir.path())?;
    /// # let mut setup = book.read_setup()?;
    /// # book.read_activities(&mut setup, |_| {})?;
    /// let too_large = |row| CalcError::new(InputSheet::Activities, Some(row), "quantity",
    ///     CalcErrorKind::Missing { what: "number too large".into() });
    /// let located = setup.locate_all(&[too_large(2), too_large(3), too_large(4), too_large(9)]);
    /// assert_eq!(located.len(), 1);
    /// assert_eq!(located[0].to_string(),
    ///     "Activities!D2: quantity: number too large\n  the same in 3 more rows: Activities!D3:D4, D9");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn locate_all(&self, errors: &[CalcError]) -> Vec<Problem> {
        let mut groups: Vec<(Problem, Vec<CellRef>)> = Vec::new();
        for e in errors {
            let p = self.locate(e);
            let same = groups.iter_mut().find(|(g, _)| {
                g.message == p.message
                    && match (&g.location, &p.location) {
                        (Location::Cell(a), Location::Cell(b)) => a.sheet == b.sheet && a.col == b.col,
                        _ => false,
                    }
            });
            match (same, p.location) {
                (Some((_, more)), Location::Cell(cell)) => more.push(cell),
                (_, location) => groups.push((Problem { location, message: p.message }, Vec::new())),
            }
        }
        groups
            .into_iter()
            .map(|(mut p, more)| {
                if !more.is_empty() {
                    let rows = if more.len() == 1 { "row" } else { "rows" };
                    p.message =
                        format!("{}\n  the same in {} more {rows}: {}", p.message, more.len(), cell_list(&more));
                }
                p
            })
            .collect()
    }

    /// Same as [`Setup::locate`] for an engine warning: on the row's first
    /// cell, or the sheet.
    pub fn locate_warning(&self, w: &Warning) -> Problem {
        self.place(w.sheet, w.row, None, w.message.clone())
    }

    fn place(&self, sheet: InputSheet, row: Option<u32>, field: Option<&str>, message: String) -> Problem {
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

/// Cells of one sheet and column as ranges of rows: `Activities!D3:D25,
/// D30`; after twelve ranges, how many more cells.
fn cell_list(cells: &[CellRef]) -> String {
    const SHOWN: usize = 12;
    let mut rows: Vec<(u32, u32)> = Vec::new();
    for c in cells {
        match rows.last_mut() {
            Some((_, last)) if c.row == *last + 1 => *last = c.row,
            _ => rows.push((c.row, c.row)),
        }
    }
    let Some(first) = cells.first() else { return String::new() };
    let col = crate::cell::column_letters(first.col);
    let mut parts: Vec<String> = rows
        .iter()
        .take(SHOWN)
        .map(|&(a, b)| if a == b { format!("{col}{a}") } else { format!("{col}{a}:{col}{b}") })
        .collect();
    let listed: u32 = rows.iter().take(SHOWN).map(|(a, b)| b - a + 1).sum();
    if rows.len() > SHOWN {
        parts.push(format!("and {} more", cells.len() as u64 - u64::from(listed)));
    }
    format!("{}!{}", crate::cell::quote_sheet(&first.sheet), parts.join(", "))
}

/// The message of an engine error, naming its field where the error's own
/// text does not.
fn message(field: &str, kind: &CalcErrorKind) -> String {
    match kind {
        CalcErrorKind::Negative { value } => format!("{field} must be a number ≥ 0, found {value}"),
        CalcErrorKind::Invalid { expected, found } => format!("{field}: expected {expected}, found \"{found}\""),
        k => {
            let m = k.to_string();
            if m.contains(field) { m } else { format!("{field}: {m}") }
        }
    }
}
