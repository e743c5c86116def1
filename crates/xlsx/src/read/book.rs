//! An opened book and the reading of its sheets.

use std::path::{Path, PathBuf};

use carbonbook_core::error::InputSheet;
use carbonbook_core::inventory::Activity;

use super::activities::{self, Activities};
use super::error::OpenError;
use super::limits::Limits;
use super::report::Report;
use super::schema::{self, SheetSpec, act};
use super::setup::Setup;
use super::source::Source;
use super::table::{SheetRef, read_table};
use super::{facilities, factors, finance, organisation, production, refrigerants, trading, transactions};
use crate::problem::Problem;

/// An opened book: .xlsx/.xlsm, .xlsb, .xls, .ods, a folder of CSV files
/// named after the sheets, or a single CSV file.
///
/// Read it in two steps: [`Book::read_setup`] reads every sheet except
/// Activities; [`Book::read_activities`] then streams the Activities rows,
/// one [`Activity`] at a time.
///
/// ```
/// use carbonbook_xlsx::read;
/// use rust_xlsxwriter::Workbook;
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("book.xlsx");
/// let mut wb = Workbook::new();
/// let org = wb.add_worksheet().set_name("组织")?;
/// org.write_row(0, 0, ["字段", "值"])?;
/// org.write_row(1, 0, ["名称", "示例公司"])?;
/// org.write_row(2, 0, ["报告年度", "2024"])?;
/// wb.add_worksheet().set_name("设施")?.write_row(0, 0, ["设施编号"])?.write_row(1, 0, ["F1"])?;
/// let act = wb.add_worksheet().set_name("活动数据")?;
/// act.write_row(0, 0, ["设施编号", "排放源类别", "燃料品种", "消耗量", "单位"])?;
/// act.write_row(1, 0, ["F1", "stationary_combustion", "diesel", "1,234.5", "t"])?;
/// act.write_row(2, 0, ["F1", "stationary_combustion", "diesel", "abc", "t"])?;
/// wb.save(&path)?;
///
/// let mut book = read::open(&path)?;
/// let mut setup = book.read_setup()?;
/// let mut rows = Vec::new();
/// book.read_activities(&mut setup, |a| rows.push(a))?;
/// assert_eq!(rows.len(), 1);
/// assert_eq!(rows[0].row, Some(2));
/// assert_eq!(rows[0].quantity.value().to_string(), "1234.5");
/// assert_eq!(setup.problems[0].to_string(), "活动数据!D3: quantity must be a number, found \"abc\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Book {
    path: PathBuf,
    pub(super) source: Source,
}

/// How a sheet of the contract was found in the book.
enum Found {
    Missing,
    One(String),
    Several(Vec<String>),
}

impl Book {
    pub(crate) fn open(path: &Path, limits: Limits) -> Result<Book, OpenError> {
        let source = Source::open(path, &limits)?;
        Ok(Book { path: path.to_owned(), source })
    }

    /// The path the book was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Sheet names as in the book (file stems for CSV).
    pub fn sheet_names(&self) -> Vec<String> {
        self.source.sheet_names()
    }

    /// Reads every sheet except Activities: Organisation and Facilities
    /// (required), Factors, Production and Trading (optional).
    ///
    /// # Errors
    ///
    /// Only file-level failures ([`OpenError`], e.g. a damaged sheet); every
    /// problem of the content goes into [`Setup::problems`].
    pub fn read_setup(&mut self) -> Result<Setup, OpenError> {
        let mut setup = Setup::new(self.source.limits().max_problems);
        let path = self.path.clone();

        if let Some(name) = self.resolve(&mut setup, &schema::ORGANISATION, true) {
            let sheet = organisation::read(&mut self.source, &path, &name, &mut setup.report())?;
            setup.organisation = sheet.organisation;
            setup.layout.org_cells = sheet.cells;
            setup.layout.headers[schema::sheet_index(InputSheet::Organisation)] = sheet.header;
        }

        // An importer's CBAM book needs no Facilities sheet (workbook-v2).
        let importer_only =
            !self.lacks(&schema::CBAM_IMPORTS) && self.lacks(&schema::CBAM_GOODS) && self.lacks(&schema::FACILITIES);
        // Nor does a bank's book (workbook-v2 §9).
        let required = !importer_only && !self.is_finance_book();
        if let Some(name) = self.resolve(&mut setup, &schema::FACILITIES, required) {
            let mut ids = facilities::FacilityIds::default();
            let mut list = Vec::new();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::FACILITIES, name: &name, required: true },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(facilities::read_row(row, report, &mut ids)),
            )?;
            setup.facilities = list;
            if table.complete {
                setup.layout.facility_ids = Some(ids);
            }
            setup.layout.headers[schema::sheet_index(InputSheet::Facilities)] = table.header;
        }

        if let Some(name) = self.resolve(&mut setup, &schema::FACTORS, false) {
            let mut list = Vec::new();
            let mut unread = Vec::new();
            let gwp = setup.organisation.gwp;
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::FACTORS, name: &name, required: false },
                &mut setup.report(),
                // With a factor_id column, a row referring to a built-in
                // factor needs no gas, value, unit or source of its own
                // (rows without a reference are checked by `read_row`).
                &|h, f| factors::references_builtin(h) && factors::REFERENCE_COVERS.contains(&f),
                &mut |row, report| match factors::read_row(row, report, gwp) {
                    Some(f) => list.push(f),
                    None => unread.extend(factors::key_of(row).map(|k| (k, row.number))),
                },
            )?;
            setup.factors = list;
            setup.layout.unread_factors = unread;
            setup.layout.headers[schema::sheet_index(InputSheet::Factors)] = table.header;
        }

        if let Some(name) = self.resolve(&mut setup, &schema::PRODUCTION, false) {
            let mut list = Vec::new();
            let mut ids = setup.layout.facility_ids.take();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::PRODUCTION, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(production::read_row(row, report, ids.as_mut())),
            )?;
            setup.layout.facility_ids = ids;
            setup.production = list;
            setup.layout.headers[schema::sheet_index(InputSheet::Production)] = table.header;
        }

        if let Some(name) = self.resolve(&mut setup, &schema::TRADING, false) {
            let mut list = Vec::new();
            let mut ids = setup.layout.facility_ids.take();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::TRADING, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(trading::read_row(row, report, ids.as_mut())),
            )?;
            setup.layout.facility_ids = ids;
            setup.trading = list;
            setup.layout.headers[schema::sheet_index(InputSheet::Trading)] = table.header;
        }

        if let Some(name) = self.resolve(&mut setup, &schema::REFRIGERANTS, false) {
            let mut list = Vec::new();
            let mut ids = setup.layout.facility_ids.take();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::REFRIGERANTS, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(refrigerants::read_row(row, report, ids.as_mut())),
            )?;
            setup.layout.facility_ids = ids;
            setup.refrigerants = list;
            setup.layout.headers[schema::sheet_index(InputSheet::Refrigerants)] = table.header;
        }

        if let Some(name) = self.resolve(&mut setup, &schema::TRANSACTIONS, false) {
            let mut list = Vec::new();
            let mut ids = setup.layout.facility_ids.take();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::TRANSACTIONS, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(transactions::read_row(row, report, ids.as_mut())),
            )?;
            setup.layout.facility_ids = ids;
            setup.transactions = list;
            setup.layout.headers[schema::sheet_index(InputSheet::Transactions)] = table.header;
        }

        self.read_cbam(&mut setup)?;
        self.read_finance(&mut setup)?;

        setup.report().close();
        Ok(setup)
    }

    /// The three CBAM sheets (workbook-v2 §8), all optional.
    fn read_cbam(&mut self, setup: &mut Setup) -> Result<(), OpenError> {
        use super::cbam;
        let path = self.path.clone();
        if let Some(name) = self.resolve(setup, &schema::CBAM_GOODS, false) {
            let mut list = Vec::new();
            let mut ids = setup.layout.facility_ids.take();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::CBAM_GOODS, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(cbam::read_good(row, report, ids.as_mut())),
            )?;
            setup.layout.facility_ids = ids;
            setup.cbam.goods = list;
            setup.layout.headers[schema::sheet_index(InputSheet::CbamGoods)] = table.header;
        }
        if let Some(name) = self.resolve(setup, &schema::CBAM_PRECURSORS, false) {
            let mut list = Vec::new();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::CBAM_PRECURSORS, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(cbam::read_precursor(row, report)),
            )?;
            setup.cbam.precursors = list;
            setup.layout.headers[schema::sheet_index(InputSheet::CbamPrecursors)] = table.header;
        }
        if let Some(name) = self.resolve(setup, &schema::CBAM_IMPORTS, false) {
            let mut list = Vec::new();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::CBAM_IMPORTS, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(cbam::read_import(row, report)),
            )?;
            setup.cbam.imports = list;
            setup.layout.headers[schema::sheet_index(InputSheet::CbamImports)] = table.header;
        }
        Ok(())
    }

    /// Whether the book has a Portfolio or Projects sheet: a bank's book,
    /// which needs no Facilities or Activities sheet (workbook-v2 §9).
    fn is_finance_book(&self) -> bool {
        [&schema::PORTFOLIO, &schema::PROJECTS].into_iter().any(|s| !self.lacks(s))
    }

    /// Reads the Portfolio and Projects sheets (workbook-v2 §9).
    fn read_finance(&mut self, setup: &mut Setup) -> Result<(), OpenError> {
        let path = self.path.clone();
        if let Some(name) = self.resolve(setup, &schema::PORTFOLIO, false) {
            let mut list = Vec::new();
            let mut summaries = finance::Summaries::new(&path);
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::PORTFOLIO, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(finance::read_exposure(row, report, &mut summaries)),
            )?;
            setup.portfolio = list;
            setup.layout.headers[schema::sheet_index(InputSheet::Portfolio)] = table.header;
        }
        if let Some(name) = self.resolve(setup, &schema::PROJECTS, false) {
            let mut list = Vec::new();
            let table = read_table(
                &mut self.source,
                &path,
                SheetRef { spec: &schema::PROJECTS, name: &name, required: false },
                &mut setup.report(),
                &|_, _| false,
                &mut |row, report| list.extend(finance::read_project(row, report)),
            )?;
            setup.projects = list;
            setup.layout.headers[schema::sheet_index(InputSheet::Projects)] = table.header;
        }
        Ok(())
    }

    /// Streams the Activities sheet: calls `each` with every valid row, in
    /// order ([`Activity::row`] is the spreadsheet row number). Every problem
    /// of every row goes into `setup.problems`; a row with a problem is not
    /// passed on. An .xlsx sheet is streamed cell by cell, never held whole
    /// in memory.
    ///
    /// `each` runs on a second thread while this one reads the sheet, so
    /// reading and computing overlap; it is called in row order.
    ///
    /// Facility references are checked against the Facilities sheet read
    /// by [`Book::read_setup`] (when it could be read); activity keys are
    /// left to the engine, which suggests the nearest ones.
    ///
    /// # Errors
    ///
    /// Only file-level failures ([`OpenError`]).
    pub fn read_activities(
        &mut self,
        setup: &mut Setup,
        mut each: impl FnMut(Activity) + Send,
    ) -> Result<(), OpenError> {
        // A CBAM book needs no Activities sheet (workbook-v2): its goods may
        // give their direct emissions.
        let required = self.lacks(&schema::CBAM_GOODS) && self.lacks(&schema::CBAM_IMPORTS);
        // A bank's book needs none either (workbook-v2 §9).
        let required = required && !self.is_finance_book();
        let Some(name) = self.resolve(setup, &schema::ACTIVITIES, required) else {
            setup.report().close();
            return Ok(());
        };
        let path = self.path.clone();
        let mut parser: Option<Activities> = None;
        let mut ids = setup.layout.facility_ids.take();
        // The sheet's XML is walked on this thread; rows are parsed, and
        // `each` is called, on another (see `read_table`).
        let result = read_table(
            &mut self.source,
            &path,
            SheetRef { spec: &schema::ACTIVITIES, name: &name, required: true },
            &mut setup.report(),
            &|h, f| f == act::UNIT && activities::header_unit(h).is_some(),
            &mut |row, report| {
                let p = parser.get_or_insert_with(|| Activities::new(row.header()));
                if let Some(a) = p.read_row(row, report, ids.as_mut()) {
                    each(a);
                }
            },
        );
        setup.layout.facility_ids = ids;
        let table = result?;
        setup.layout.headers[schema::sheet_index(InputSheet::Activities)] = table.header;
        setup.report().close();
        Ok(())
    }

    /// The Activities sheet as a pipeline source
    /// ([`carbonbook_core::pipeline::ActivitySource`]): rows go to the
    /// engine, problems into `setup`.
    pub fn activity_rows<'a>(&'a mut self, setup: &'a mut Setup) -> ActivityRows<'a> {
        ActivityRows { book: self, setup }
    }

    /// Approximate number of Activities data rows (from the sheet's declared
    /// dimension, or its range for .xls/.ods), for a progress bar; `None`
    /// when unknown (CSV, no Activities sheet).
    pub fn activity_rows_hint(&mut self) -> Option<u64> {
        let name = match self.find(&schema::ACTIVITIES) {
            Found::One(n) => n,
            Found::Several(mut v) => v.swap_remove(0),
            Found::Missing => return None,
        };
        self.source.rows_hint(&self.path, &name)
    }

    /// Whether the book has no `spec` sheet.
    fn lacks(&self, spec: &SheetSpec) -> bool {
        matches!(self.find(spec), Found::Missing)
    }

    /// The sheets of the book that are `spec`'s sheet.
    fn find(&self, spec: &SheetSpec) -> Found {
        let mut names: Vec<String> = self.sheet_names().into_iter().filter(|n| spec.matches_sheet(n)).collect();
        match names.len() {
            0 => Found::Missing,
            1 => Found::One(names.swap_remove(0)),
            _ => Found::Several(names),
        }
    }

    /// Finds a sheet, reporting it missing (when required), ambiguous or
    /// hidden, and records its name.
    fn resolve(&self, setup: &mut Setup, spec: &SheetSpec, required: bool) -> Option<String> {
        let mut report = setup.report();
        let name = match self.find(spec) {
            Found::Missing => {
                if required {
                    missing(&mut report, spec, &self.sheet_names());
                }
                return None;
            }
            Found::One(n) => n,
            Found::Several(names) => {
                let list: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                report.problem(Problem::sheet(
                    names[0].clone(),
                    format!("the sheets {} are all the {} sheet; keep one", list.join(", "), spec.sheet),
                ));
                names[0].clone()
            }
        };
        if self.source.is_hidden(&name) {
            report.warning(
                Problem::sheet(name.clone(), "the sheet is hidden; it is read all the same")
                    .with_zh("该工作表已隐藏，仍照常读取"),
            );
        }
        setup.layout.names[schema::sheet_index(spec.sheet)] = Some(name.clone());
        Some(name)
    }
}

fn missing(report: &mut Report<'_>, spec: &SheetSpec, names: &[String]) {
    let have: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    report.problem(Problem::sheet(
        spec.sheet.name(),
        format!(
            "missing sheet (also accepted: {}); {}",
            spec.also_accepted(),
            if have.is_empty() {
                "the book has no sheets".to_owned()
            } else {
                format!("the book has the sheets {}", have.join(", "))
            }
        ),
    ));
}

/// The Activities rows of a [`Book`] as a pipeline source ([`Book::activity_rows`]).
#[derive(Debug)]
pub struct ActivityRows<'a> {
    book: &'a mut Book,
    setup: &'a mut Setup,
}

impl carbonbook_core::pipeline::ActivitySource for ActivityRows<'_> {
    type Error = OpenError;

    fn rows_hint(&mut self) -> Option<u64> {
        self.book.activity_rows_hint()
    }

    fn for_each_activity(&mut self, each: &mut (dyn FnMut(&Activity) + Send)) -> Result<(), OpenError> {
        self.book.read_activities(self.setup, |a| each(&a))
    }
}
