//! `carbonbook convert`: a foreign workbook and its profile in, a
//! workbook-v1 book out, with a `Rejected rows` sheet.

use carbonbook_core::field::Field;
use std::collections::BTreeSet;
use std::path::Path;

use calamine::DataRef;
use rust_xlsxwriter::{Workbook, Worksheet};

use super::ProfileError;
use super::map::{self, Outcome, Record, RejectedRow};
use super::plan::Profile;
use crate::atomic_file::AtomicFile;
use crate::problem::Problem;
use crate::read::cells::{self, RowCells};
use crate::read::source::Source;
use crate::read::{Limits, date, number};
use crate::{WriteError, excel_number, style, table, template};

/// The name of the sheet that lists the rows that did not land.
pub const REJECTED_SHEET: &str = "Rejected rows";

/// What a conversion did.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    /// Rows written, over all tables.
    pub landed: u64,
    /// Rows written per profile table (in profile order).
    pub landed_per_table: Vec<u64>,
    /// Facilities added because mapped rows name them (`[facilities]`).
    pub facilities_added: u64,
    /// Every row that did not land, in the order read.
    pub rejected: Vec<RejectedRow>,
    /// Warnings (hidden sheets read).
    pub warnings: Vec<Problem>,
    /// Per table: the sheet read and its header row(s) (`row 2`).
    pub tables: Vec<(String, String)>,
}

/// Converts `book` through `profile` into the workbook-v1 book `out`,
/// written atomically (nothing is left at `out` on failure; the input is
/// only read).
///
/// # Errors
///
/// [`ProfileError::Mismatch`] when a table cannot be found as the profile
/// says (nothing is written); [`ProfileError::Open`] when the book cannot
/// be read; [`ProfileError::Write`] when the output cannot be written.
pub fn convert(book: &Path, profile: &Profile, out: &Path) -> Result<Converted, ProfileError> {
    run(book, profile, Some(out))
}

/// Reads `book` through `profile` as [`convert`] does, without writing
/// anything: what would be converted and what would be rejected.
///
/// # Errors
///
/// As [`convert`], without the write errors.
pub fn dry_run(book: &Path, profile: &Profile) -> Result<Converted, ProfileError> {
    run(book, profile, None)
}

fn run(book: &Path, profile: &Profile, out: Option<&Path>) -> Result<Converted, ProfileError> {
    let dry_run = out.is_none();
    let mut source = Source::open(book, &Limits::default())?;
    let file = match out {
        Some(out) => Some(AtomicFile::create(out)?),
        None => None,
    };
    let org: Vec<(&'static str, String, bool)> = profile
        .organisation
        .iter()
        .map(|(n, v)| (*n, v.text(), matches!(v, super::model::Scalar::Integer(_))))
        .collect();
    let title = profile.name.clone().unwrap_or_else(|| file_name(book));
    let sheets = template::DATA_SHEET_INDEX;
    let rejected_index = template::LISTS_SHEET_INDEX + 1; // after the data sheets and Lists

    let mut done = Converted::default();
    for field in ["name", "reporting_year"] {
        if !profile.organisation.iter().any(|(n, _)| *n == field) {
            done.warnings.push(Problem::sheet(
                "Organisation",
                format!("the profile gives no organisation.{field}: fill it in before running calc"),
            ));
        }
    }
    let mut next_row = [1u32; 5];
    let mut problems = Vec::new();
    // The profile's own factors: (row, column, text, whether a number column).
    let mut factor_cells: Vec<(u32, u16, String, bool)> = Vec::new();
    for (line, fields) in &profile.factors {
        match map::constant_factor(*line, fields, profile.gwp()) {
            Ok((_, cells)) => {
                for (f, text) in cells {
                    let field = crate::read::schema::FACTORS.columns[f].field;
                    if let Some((_, col, numeric)) = template::column_of("Factors", field) {
                        factor_cells.push((next_row[3], col, text, numeric));
                    }
                }
                next_row[3] += 1;
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    // The book is made when the first row is mapped, on the mapping
    // thread, while the walk runs ahead (its drop-down lists take the
    // factor library); then each row is written as it is mapped, on the
    // same thread. (A thread of its own for the writing made three busy
    // threads on two cores, and the walk, which bounds the whole, slower.)
    let make_book = || -> Result<Workbook, WriteError> {
        let mut wb = template::canonical_book(&title, &org)?;
        // The fastest deflate: a converted book of 100,000 rows is written
        // in a third of the time, and is about 20 % larger.
        wb.set_zip_compression_level(1);
        add_rejected_sheet(&mut wb)?;
        let ws = wb.worksheet_from_index(sheets[3])?;
        for (r, col, text, numeric) in &factor_cells {
            write_text(ws, *r, *col, text, *numeric)?;
        }
        Ok(wb)
    };
    let mut made: Option<Workbook> = None;
    let mut named: BTreeSet<String> = BTreeSet::new();
    let mut given: BTreeSet<String> = BTreeSet::new();
    let mut write_error: Option<WriteError> = None;
    let mut rejected_row = 1u32;
    for plan in &profile.tables {
        // Where each field of the target goes in the output sheet.
        let layout = Layout::of(plan.target);
        let mut landed = 0u64;
        let info = map::read_table(&mut source, book, plan, &mut |outcome| {
            if write_error.is_some() {
                return;
            }
            let wb = match (&mut made, dry_run) {
                (_, true) => None,
                (Some(wb), false) => Some(wb),
                (None, false) => match make_book() {
                    Ok(wb) => Some(made.insert(wb)),
                    Err(e) => {
                        write_error = Some(e);
                        return;
                    }
                },
            };
            let result = match outcome {
                Outcome::Landed(record, cells) => {
                    landed += 1;
                    match &record {
                        Record::Activity(a) => {
                            if !named.contains(&a.facility_id) {
                                named.insert(a.facility_id.clone());
                            }
                        }
                        Record::Production(p) => {
                            if !named.contains(&p.facility_id) {
                                named.insert(p.facility_id.clone());
                            }
                        }
                        Record::Facility(f) => {
                            given.insert(f.id.clone());
                        }
                        Record::Factor(_) => {}
                    }
                    let Some(i) = layout.sheet else { return };
                    let r = next_row[i];
                    next_row[i] += 1;
                    match wb {
                        Some(wb) => wb
                            .worksheet_from_index(sheets[i])
                            .map_err(WriteError::from)
                            .and_then(|ws| write_row(ws, &layout, r, cells)),
                        None => Ok(()),
                    }
                }
                Outcome::Rejected(rej) => {
                    let r = rejected_row;
                    rejected_row += 1;
                    let res = match wb {
                        Some(wb) => wb
                            .worksheet_from_index(rejected_index)
                            .map_err(WriteError::from)
                            .and_then(|ws| write_rejected(ws, r, &rej)),
                        None => Ok(()),
                    };
                    done.rejected.push(rej);
                    res
                }
            };
            if let Err(e) = result {
                write_error = Some(e);
            }
        })?;
        match info {
            Ok(info) => {
                done.warnings.extend(info.warnings);
                done.tables.push((info.sheet, info.header));
            }
            Err(mut p) => problems.append(&mut p),
        }
        done.landed += landed;
        done.landed_per_table.push(landed);
    }
    if !problems.is_empty() {
        return Err(ProfileError::Mismatch(problems));
    }
    if let Some(e) = write_error {
        return Err(e.into());
    }
    let added = named.difference(&given);
    let Some(file) = file else {
        if profile.adds_facilities() {
            done.facilities_added = added.count() as u64;
        }
        return Ok(done);
    };
    let mut wb = match made {
        Some(wb) => wb,
        None => make_book()?,
    };
    if profile.adds_facilities() {
        done.facilities_added = add_facilities(&mut wb, sheets[0], next_row[0], profile, added)?;
    }
    save(file, &mut wb)?;
    Ok(done)
}

fn add_rejected_sheet(wb: &mut Workbook) -> Result<(), WriteError> {
    let ws = wb.add_worksheet_with_constant_memory()?.set_name(REJECTED_SHEET)?;
    table::header_row(ws, &[("cell", 22.0), ("table", 7.0), ("reason", 90.0), ("row", 90.0)], 0)
}

/// Writes a Facilities row for each facility named by mapped rows and
/// given by no Facilities table.
fn add_facilities<'a>(
    wb: &mut Workbook,
    index: usize,
    first_row: u32,
    profile: &Profile,
    ids: impl Iterator<Item = &'a String>,
) -> Result<u64, WriteError> {
    let defaults = profile.facilities.clone().unwrap_or_default();
    let ws = wb.worksheet_from_index(index)?;
    let mut r = first_row;
    for id in ids {
        ws.write_string(r, 0, id)?;
        for (field, value) in [
            (Field::Country, &defaults.country),
            (Field::GridRegion, &defaults.grid_region),
            (Field::Sector, &defaults.sector),
        ] {
            if let (Some(v), Some((_, c, _))) = (value, template::column_of("Facilities", field)) {
                ws.write_string(r, c, v)?;
            }
        }
        r += 1;
    }
    Ok(u64::from(r - first_row))
}

fn save(file: AtomicFile, wb: &mut Workbook) -> Result<(), WriteError> {
    file.write_and_commit(|out| Ok(wb.save_to_writer(out)?))
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Where the fields of a workbook-v1 sheet go in the output.
struct Layout {
    /// The sheet's position in the template's data sheets.
    sheet: Option<usize>,
    /// Per field of the spec: its column and whether it is a number column.
    cols: Vec<Option<(u16, bool)>>,
    /// The field index of `period`.
    period: Option<usize>,
}

impl Layout {
    fn of(spec: &crate::read::schema::SheetSpec) -> Layout {
        let name = spec.sheet.name();
        let cols: Vec<Option<(u16, bool)>> =
            spec.columns.iter().map(|c| template::column_of(name, c.field).map(|(_, col, n)| (col, n))).collect();
        let sheet = spec.columns.first().and_then(|c| template::column_of(name, c.field)).map(|(i, _, _)| i);
        Layout { sheet, cols, period: spec.field_index(Field::Period) }
    }
}

/// Writes a mapped row (field `f` at column `f` of `cells`) as row `r` of
/// its workbook-v1 sheet: numbers as numbers (exact: a number cell keeps
/// its double, a number typed as text is written as the double that reads
/// back as the same decimal, else as text), periods as `2024` / `2024-03`,
/// everything else as text.
fn write_row(ws: &mut Worksheet, layout: &Layout, r: u32, cells: &RowCells<'_>) -> Result<(), WriteError> {
    for c in cells {
        let f = c.get_position().1 as usize;
        let Some(Some((col, numeric))) = layout.cols.get(f).copied() else { continue };
        let v = c.get_value();
        if Some(f) == layout.period {
            if let Some(p) = date::period(v) {
                ws.write_string(r, col, p.to_string())?;
            }
            continue;
        }
        match v {
            DataRef::Float(x) => {
                ws.write_number(r, col, *x)?;
            }
            DataRef::Int(i) => {
                ws.write_number(r, col, *i as f64)?;
            }
            DataRef::String(_) | DataRef::SharedString(_) => {
                if let Some(t) = cells::text_of(v) {
                    write_text(ws, r, col, t, numeric)?;
                }
            }
            _ => {
                let Some(text) = cells::as_text(v) else { continue };
                write_text(ws, r, col, &text, numeric)?;
            }
        }
    }
    Ok(())
}

/// A text value: a number in a number column when it reads back exactly,
/// else the text.
fn write_text(ws: &mut Worksheet, r: u32, col: u16, text: &str, numeric: bool) -> Result<(), WriteError> {
    // Only a number column's texts are parsed: the others are written as they are.
    match numeric.then(|| number::parse_text(text, false)).flatten() {
        Some(n) if number::from_f64(excel_number::to_f64_lossy(n.value)) == Some(n.value) => {
            ws.write_number(r, col, excel_number::to_f64_lossy(n.value))?;
        }
        _ => {
            ws.write_string(r, col, text)?;
        }
    }
    Ok(())
}

fn write_rejected(ws: &mut Worksheet, r: u32, rej: &RejectedRow) -> Result<(), WriteError> {
    let text = style::text();
    ws.write_string_with_format(r, 0, rej.cell.to_string(), &text)?;
    ws.write_number(r, 1, rej.table as f64)?;
    ws.write_string_with_format(r, 2, &rej.reason, &text)?;
    ws.write_string_with_format(r, 3, &rej.content, &text)?;
    Ok(())
}
