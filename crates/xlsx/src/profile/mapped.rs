//! A foreign book read through a profile, for the calculation: the same
//! mapped rows as [`super::convert`], handed over as the engine's input
//! types without writing a file.

use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use calamine::{Cell, DataRef};
use carbonbook_core::error::InputSheet;
use carbonbook_core::inventory::{Activity, Facility};

use super::ProfileError;
use super::map::{self, Outcome, Record, RejectedRow};
use super::plan::Profile;
use crate::problem::{Location, Problem};
use crate::read::organisation;
use crate::read::schema;
use crate::read::source::{Notes, Source};
use crate::read::{Limits, Setup};

/// A foreign book read through a profile: [`MappedBook::read_setup`], then
/// [`MappedBook::read_activities`], as with [`crate::read::Book`].
///
/// The tables are read in [`MappedBook::read_setup`]; the Activities rows
/// are kept until [`MappedBook::read_activities`] hands them on (the
/// facilities they name must be known before the engine starts).
#[derive(Debug)]
pub struct MappedBook {
    path: PathBuf,
    profile: Profile,
    source: Source,
    activities: Vec<Activity>,
    rejected: Vec<RejectedRow>,
}

impl MappedBook {
    /// Opens `book` to be read through `profile`.
    ///
    /// # Errors
    ///
    /// [`ProfileError::Open`] when the book cannot be opened.
    pub fn open(book: &Path, profile: Profile) -> Result<MappedBook, ProfileError> {
        let source = Source::open(book, &Limits::default())?;
        Ok(MappedBook { path: book.to_owned(), profile, source, activities: Vec::new(), rejected: Vec::new() })
    }

    /// The rows that did not land, each with its cell and why (also given
    /// as warnings in the [`Setup`]).
    pub fn rejected(&self) -> &[RejectedRow] {
        &self.rejected
    }

    /// Reads the organisation constants and every table of the profile.
    /// Tables that do not match the book and problems of the constants go
    /// into [`Setup::problems`]; rejected rows into [`Setup::warnings`]
    /// (`Sheet!C5: row rejected: …`).
    ///
    /// # Errors
    ///
    /// Only file-level failures.
    pub fn read_setup(&mut self) -> Result<Setup, ProfileError> {
        let mut setup = Setup::new(Limits::default().max_problems);
        self.organisation(&mut setup)?;
        for (line, fields) in &self.profile.factors {
            match map::constant_factor(*line, fields, self.profile.gwp()) {
                Ok((f, _)) => setup.factors.push(f),
                Err(p) => setup.problems.extend(p),
            }
        }
        let mut named: BTreeSet<String> = BTreeSet::new();
        let mut activity_header = None;
        for plan in &self.profile.tables {
            let (setup_ref, activities, rejected) = (&mut setup, &mut self.activities, &mut self.rejected);
            let info = map::read_table(&mut self.source, &self.path, plan, &mut |outcome| match outcome {
                Outcome::Landed(record, _) => match record {
                    Record::Activity(a) => {
                        named.insert(a.facility_id.clone());
                        activities.push(a);
                    }
                    Record::Facility(f) => setup_ref.facilities.push(f),
                    Record::Production(p) => {
                        named.insert(p.facility_id.clone());
                        setup_ref.production.push(p);
                    }
                    Record::Factor(f) => setup_ref.factors.push(f),
                },
                Outcome::Rejected(r) => {
                    setup_ref.warnings.push(
                        Problem::at(r.cell.clone(), format!("row rejected: {}", r.reason))
                            .with_zh(format!("该行未采用：{}", r.reason)),
                    );
                    rejected.push(r);
                }
            })?;
            match info {
                Ok(info) => {
                    setup.warnings.extend(info.warnings);
                    let i = schema::sheet_index(plan.target.sheet);
                    if setup.layout.headers[i].is_none() {
                        setup.layout.names[i] = Some(info.sheet.clone());
                        setup.layout.headers[i] = info.cols.clone();
                    }
                    if plan.target.sheet == InputSheet::Activities && activity_header.is_none() {
                        activity_header = info.cols;
                    }
                }
                Err(p) => setup.problems.extend(p),
            }
        }
        if self.profile.adds_facilities() {
            let defaults = self.profile.facilities.clone().unwrap_or_default();
            let given: BTreeSet<String> = setup.facilities.iter().map(|f| f.id.clone()).collect();
            for id in named.difference(&given) {
                let mut f = Facility::new(id.clone());
                if let Some(c) = &defaults.country {
                    f.country = c.to_ascii_uppercase();
                }
                f.grid_region = defaults.grid_region.clone();
                f.sector = defaults.sector.clone();
                setup.facilities.push(f);
            }
        }
        Ok(setup)
    }

    /// Hands on the mapped Activities rows ([`Activity::row`] is the row
    /// of the source sheet).
    ///
    /// # Errors
    ///
    /// None today; the signature matches [`crate::read::Book::read_activities`].
    pub fn read_activities(&mut self, _setup: &mut Setup, mut each: impl FnMut(Activity)) -> Result<(), ProfileError> {
        for a in self.activities.drain(..) {
            each(a);
        }
        Ok(())
    }

    /// The number of Activities rows mapped (known after [`MappedBook::read_setup`]).
    pub fn activity_rows_hint(&self) -> Option<u64> {
        Some(self.activities.len() as u64)
    }

    /// The Organisation constants, read by the Organisation sheet's own
    /// rules; problems are placed on the profile's keys.
    fn organisation(&mut self, setup: &mut Setup) -> Result<(), ProfileError> {
        const SHEET: &str = "Organisation";
        let rows: Vec<(String, String, bool)> = self
            .profile
            .organisation
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.text(), matches!(v, super::model::Scalar::Integer(_))))
            .collect();
        let mut drive = |each: &mut crate::read::source::RowFn<'_>| {
            let header =
                [Cell::new((0, 0), DataRef::SharedString("field")), Cell::new((0, 1), DataRef::SharedString("value"))];
            if each(1, &header).is_break() {
                return Ok(Notes::default());
            }
            for (i, (name, value, int)) in rows.iter().enumerate() {
                let r = i as u32 + 1;
                let v = if *int {
                    value.parse::<i64>().map(DataRef::Int).unwrap_or(DataRef::SharedString(value))
                } else {
                    DataRef::SharedString(value)
                };
                let row = [Cell::new((r, 0), DataRef::SharedString(name)), Cell::new((r, 1), v)];
                if let ControlFlow::Break(()) = each(r + 1, &row) {
                    break;
                }
            }
            Ok(Notes::default())
        };
        let mut report = setup.report();
        let sheet = organisation::read_rows(SHEET, &mut report, &mut drive)?;
        setup.organisation = sheet.organisation;
        // Problems found in the constants are the profile's.
        for p in setup.problems.iter_mut().chain(setup.warnings.iter_mut()) {
            let key = match &p.location {
                Location::Cell(c) if c.sheet == SHEET => {
                    rows.get((c.row as usize).wrapping_sub(2)).map(|(n, _, _)| format!("organisation.{n}"))
                }
                Location::Sheet(s) if s == SHEET => Some("[organisation]".to_owned()),
                _ => continue,
            };
            *p =
                Problem::book(format!("profile {}: {}", key.unwrap_or_else(|| "[organisation]".to_owned()), p.message));
        }
        Ok(())
    }
}

/// A mapped book's Activities rows are a pipeline source.
impl carbonbook_core::pipeline::ActivitySource for MappedBook {
    type Error = ProfileError;

    fn rows_hint(&mut self) -> Option<u64> {
        self.activity_rows_hint()
    }

    fn for_each_activity(&mut self, each: &mut (dyn FnMut(&Activity) + Send)) -> Result<(), ProfileError> {
        self.activities.drain(..).for_each(|a| each(&a));
        Ok(())
    }
}
