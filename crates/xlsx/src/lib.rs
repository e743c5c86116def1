//! Excel in and out for carbonbook.
//!
//! * [`read`]: opens a workbook-v1 book (.xlsx, .xls, .ods, or a folder of
//!   CSV files named after the sheets) with calamine and turns its sheets
//!   into the engine's input types, reporting **every** problem with its
//!   cell (`Activities!E5: quantity must be a number, found "abc"`). The
//!   Activities sheet is streamed row by row, so a million-row book never
//!   sits in memory.
//! * [`template`]: writes the blank workbook with instructions, drop-down
//!   lists and number formats.
//! * [`inspect`]: what any workbook holds (sheets, tables, header rows,
//!   units in header texts, kinds of values, merged regions), to write a
//!   mapping profile from.
//! * [`profile`]: mapping profiles (TOML) that turn a workbook in an
//!   enterprise's own layout into workbook-v1 ([`profile::convert`]) or
//!   into the engine's input directly ([`profile::MappedBook`]).
//! * [`results`]: writes the results workbook (summary with live formulas
//!   and cached values, ledger, facilities, trading, factors used, charts)
//!   with rust_xlsxwriter's constant-memory writer, to a temporary file that
//!   is renamed into place only when complete.
//!
//! Cell references are always the real ones of the sheet, whatever the
//! used range of the sheet starts at ([`cell::CellRef`]).

#![deny(missing_docs)]

pub mod atomic_file;
pub mod cbam_template;
pub mod cell;
mod describe;
mod doc_properties;
pub mod excel_number;
pub mod inspect;
pub mod problem;
pub mod profile;
pub mod read;
pub mod results;
mod style;
mod table;
pub mod template;
mod workbook_thread;
pub mod write_error;

pub use cell::CellRef;
pub use problem::Problem;
pub use write_error::WriteError;
