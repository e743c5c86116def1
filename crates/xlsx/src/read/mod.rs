//! Reading a workbook-v1 book.
//!
//! ```
//! use carbonbook_xlsx::read;
//! use rust_xlsxwriter::Workbook;
//!
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("book.xlsx");
//! let mut wb = Workbook::new();
//! let org = wb.add_worksheet().set_name("Organisation")?;
//! org.write_row(0, 0, ["field", "value"])?;
//! org.write_row(1, 0, ["name", "Example Co."])?;
//! org.write_row(2, 0, ["reporting_year", "2024"])?;
//! let fac = wb.add_worksheet().set_name("Facilities")?;
//! fac.write_row(0, 0, ["facility_id"])?.write_row(1, 0, ["F1"])?;
//! let act = wb.add_worksheet().set_name("Activities")?;
//! act.write_row(0, 0, ["facility_id", "source", "activity", "Quantity (t)", "unit"])?;
//! act.write_string(1, 0, "F1")?.write_string(1, 1, "stationary_combustion")?;
//! act.write_string(1, 2, "diesel")?.write_number(1, 3, 4476.904)?.write_string(1, 4, "t")?;
//! act.write_row(2, 0, ["F2", "stationary_combustion", "diesel", "-3", "t"])?;
//! wb.save(&path)?;
//!
//! let mut book = read::open(&path)?;
//! let mut setup = book.read_setup()?;
//! let mut activities = Vec::new();
//! book.read_activities(&mut setup, |a| activities.push(a))?;
//! // Exactly what was typed, not 4476.904000000001.
//! assert_eq!(activities[0].quantity.value().to_string(), "4476.904");
//! let problems: Vec<String> = setup.problems.iter().map(|p| p.to_string()).collect();
//! assert_eq!(problems, [
//!     "Activities!A3: facility \"F2\" is not in Facilities; did you mean \"F1\"?",
//!     "Activities!D3: quantity must be a number ≥ 0, found -3",
//! ]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is read
//!
//! [`open`] recognises the format by content: .xlsx/.xlsm (streamed),
//! .xlsb, .xls and .ods (read through calamine ranges), a folder of CSV
//! files named after the sheets, or one CSV file (a book of one sheet named
//! after the file). Zip-based books are checked for decompression bombs
//! first ([`Limits`]); encrypted, truncated, damaged and non-workbook files
//! give one clear [`OpenError`], never a panic. A sheet is refused as soon
//! as reading it passes what a worksheet holds (1,048,576 rows, 16,384
//! columns; [`OpenError::SheetTooLarge`]), so a file of gigabytes of tiny
//! rows (a "row bomb") is refused in about a second, and no file is read
//! into more memory than [`Limits`] allow (a CSV line, a part held whole,
//! the cells of an .xls or .ods sheet).
//!
//! The sheets are those of workbook-v1 (`Organisation`, `Facilities`,
//! `Activities`, `Production`, `Factors`, `Trading`, or their Chinese names
//! `组织`, `设施`, `活动数据`, `产品产量`, `排放因子`, `碳交易`). Sheet and
//! column names match case-insensitively, ignoring surrounding spaces and
//! text in brackets (`Quantity (t)`); every column also has Chinese names
//! (`设施编号`, `排放源类别`, `燃料品种`, `消耗量`, `单位`, `期间`,
//! `低位发热量`, `单位热值含碳量`, `碳氧化率`, `合同排放因子`, `产品`,
//! `产值`, `因子键`, `气体`, `数值`, `来源`, `折标系数`, `配额`, `基准值`, …).
//!
//! # The Organisation sheet
//!
//! Two columns, `field` and `value` (also `字段`/`项目` and `值`/`内容`);
//! one row per field. A sheet without that header whose first row starts
//! with a known field is read as if it had it.
//!
//! | field | required | value |
//! |---|---|---|
//! | `name` (名称, 企业名称) | yes | reporting entity |
//! | `reporting_year` (报告年度) | yes | calendar year, e.g. 2024 |
//! | `methodology` (核算方法) | no | `cn-gbt32150` (default) or `ipcc-2006` |
//! | `gwp` | no | `AR4`, `AR5` (default) or `AR6` |
//! | `currency` (币种) | no | ISO 4217 code, default `CNY` |
//! | `electricity_basis` (电力折标方式) | no | `equivalent` (当量值, default) or `equal` (等价值) |
//! | `electricity_tce_per_mwh` (电力折标系数) | with `equal` | tce per MWh of electricity |
//! | `electricity_basis_source` (电力折标系数来源) | with `equal` | where that coefficient comes from |
//! | `base_year` (基准年) | with a base-year intensity | the base year |
//! | `base_year_tce_per_10k_output_value` (基准年万元产值能耗) | no | base-year tce per 10^4 of output value |
//! | `base_year_t_co2e_per_10k_output_value` (基准年万元产值碳排放) | no | base-year t CO2e per 10^4 of output value |
//! | `target_year` (目标年) | with a target intensity | the year the targets are for |
//! | `target_tce_per_10k_output_value` (目标万元产值能耗) | no | target tce per 10^4 of output value |
//! | `target_t_co2e_per_10k_output_value` (目标万元产值碳排放) | no | target t CO2e per 10^4 of output value |
//!
//! The fields from `electricity_basis` on extend workbook-v1. Unknown
//! fields are warned about and ignored; a field given twice is a problem.
//!
//! # Activities extensions
//!
//! A unit in brackets in the quantity header (`Quantity (t)`, `消耗量（吨）`)
//! applies to rows whose unit cell is empty, and the `unit` column may then
//! be left out; a calorific-value unit in the ncv header (`ncv (GJ/t)`)
//! applies when `ncv_unit` is empty.
//!
//! # Cell values
//!
//! * Numbers: number cells are converted to decimals exactly (the shortest
//!   decimal that is the same double, as Excel shows it); text holding a
//!   number is accepted (`1,234.5`, ` 1234.5 `, `6.2E-02`, full-width
//!   digits). Fractions may be `0.98`, `98%` or a percent-formatted cell.
//!   TRUE/FALSE and error cells (`#DIV/0!`) are problems with their cell.
//! * Periods: a date cell (its month; 1900 and 1904 date systems), a
//!   year number (`2024`), or text `2024-03`, `2024/3`, `2024年3月`, `2024`.
//! * Empty rows are skipped; a row with some but not all required cells
//!   names each missing one.

pub(crate) mod activities;
pub(crate) mod book;
pub(crate) mod cbam;
pub(crate) mod cells;
pub(crate) mod csv;
pub(crate) mod date;
pub(crate) mod error;
pub(crate) mod facilities;
pub(crate) mod factors;
pub(crate) mod finance;
pub(crate) mod handoff;
pub(crate) mod header;
pub(crate) mod limits;
pub(crate) mod merges;
pub(crate) mod meter;
pub(crate) mod number;
pub(crate) mod organisation;
pub(crate) mod production;
pub(crate) mod refrigerants;
pub(crate) mod report;
pub(crate) mod row;
pub(crate) mod scan;
pub(crate) mod schema;
pub(crate) mod setup;
pub(crate) mod source;
pub(crate) mod table;
pub(crate) mod trading;
pub(crate) mod transactions;
pub(crate) mod whole;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use book::{ActivityRows, Book};
pub use error::OpenError;
pub use limits::Limits;
pub(crate) use number::from_f64 as number_from_f64;
pub use setup::{EngineErrors, Setup};

/// Opens a book with the default [`Limits`]: .xlsx/.xlsm, .xlsb, .xls or
/// .ods (recognised by content, not only by extension), a folder of CSV
/// files named after the sheets (`Activities.csv`, `活动数据.csv`, …; UTF-8
/// with or without BOM), or a single CSV file.
///
/// # Errors
///
/// [`OpenError`] when the file is missing, not a workbook, encrypted, too
/// large (or a decompression bomb), damaged, or cannot be read.
///
/// ```
/// use carbonbook_xlsx::read::{self, OpenError};
/// let err = read::open(std::path::Path::new("no/such/book.xlsx")).unwrap_err();
/// assert!(matches!(err, OpenError::NotFound { .. }));
/// ```
pub fn open(path: &Path) -> Result<Book, OpenError> {
    Book::open(path, Limits::default())
}

/// Opens a book with the given limits (see [`open`]).
///
/// # Errors
///
/// As [`open`].
///
/// ```
/// use carbonbook_xlsx::read::{self, Limits};
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("Facilities.csv"), "facility_id\nF1\n")?;
/// let limits = Limits { max_file: 1024, ..Limits::default() };
/// let book = read::open_with_limits(dir.path(), limits)?;
/// assert_eq!(book.sheet_names(), ["Facilities"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open_with_limits(path: &Path, limits: Limits) -> Result<Book, OpenError> {
    Book::open(path, limits)
}

/// The columns workbook-v1 and v2 define for `sheet`, in their order: the
/// one list the reader matches headers against, the template writes, and
/// the demo and benchmark generators check their headers with.
///
/// ```
/// use carbonbook_core::error::InputSheet;
/// use carbonbook_core::field::Field;
/// let cols: Vec<Field> = carbonbook_xlsx::read::columns(InputSheet::Facilities).collect();
/// assert_eq!(cols[0], Field::FacilityId);
/// assert!(cols.contains(&Field::GridRegion));
/// ```
pub fn columns(sheet: carbonbook_core::error::InputSheet) -> impl Iterator<Item = carbonbook_core::field::Field> {
    schema::spec(sheet).columns.iter().map(|c| c.field)
}

/// The fields of the Organisation sheet (`name`, `reporting_year` …), in
/// the order the template lists them.
///
/// ```
/// use carbonbook_core::field::Field;
/// assert_eq!(carbonbook_xlsx::read::organisation_fields().next(), Some(Field::Name));
/// ```
pub fn organisation_fields() -> impl Iterator<Item = carbonbook_core::field::Field> {
    schema::ORG_FIELDS.iter().map(|f| f.name)
}
