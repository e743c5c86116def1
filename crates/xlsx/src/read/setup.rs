//! What a book sets up before its activities: organisation, facilities,
//! custom factors, production and trading, plus every problem found, and
//! where each field of each sheet is (to place the engine's errors).

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
    pub(crate) names: [Option<String>; 7],
    /// Per input sheet: its header.
    pub(crate) headers: [Option<Header>; 7],
    /// The value cell of each Organisation field given.
    pub(crate) org_cells: Vec<(&'static str, CellRef)>,
    /// Facility ids, when the Facilities sheet could be read.
    pub(crate) facility_ids: Option<FacilityIds>,
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
            hold_output: !self.problems.is_empty(),
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
