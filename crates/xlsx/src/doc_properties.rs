//! Document properties that keep the books reproducible.
//!
//! rust_xlsxwriter stamps a new book with the current time unless told
//! otherwise; carbonbook gives every book the same creation time so that
//! the same input always gives a byte-identical file.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, XlsxError};

/// The creation time written into every book: 2000-01-01T00:00:00Z, a
/// fixed value rather than the time of the run.
pub(crate) fn fixed_creation_time() -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(2000, 1, 1)
}

/// Properties with a title, a subject and a comment, authored by carbonbook.
pub(crate) fn properties(title: &str, subject: &str, comment: &str) -> Result<DocProperties, XlsxError> {
    Ok(DocProperties::new()
        .set_title(title)
        .set_subject(subject)
        .set_author("carbonbook")
        .set_comment(comment)
        .set_creation_datetime(&fixed_creation_time()?))
}
