//! Sheets past a worksheet's rows and columns (row bombs), long CSV lines,
//! parts that inflate past their declared size: each refused with one
//! clear error, early. The limits are set low here so that the books stay
//! small; `tests/cli.rs` builds a real row bomb.

use super::formats::{XlsCell, is, num, raw_ods, raw_setup_sheets, raw_xls, raw_xlsx, row, xls_setup_sheets};
use super::*;

fn small() -> Limits {
    Limits { max_rows: 1000, max_columns: 100, ..Limits::default() }
}

/// Reads a whole book with `limits`; the error it fails with.
fn refusal(path: &Path, limits: Limits) -> OpenError {
    let read = || -> Result<(), OpenError> {
        let mut book = open_with_limits(path, limits)?;
        let mut setup = book.read_setup()?;
        book.read_activities(&mut setup, |_| {})
    };
    read().expect_err("refused")
}

/// A book whose Activities sheet holds `body` after its header row.
fn book_with(dir: &Path, name: &str, body: &str) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let path = dir.join(name);
    let header = row(
        1,
        &[is("A1", "facility_id"), is("B1", "source"), is("C1", "activity"), is("D1", "quantity"), is("E1", "unit")],
    );
    let [(org, org_rows), (fac, fac_rows)] = raw_setup_sheets();
    let activities = format!("{header}{body}");
    raw_xlsx(&path, &[(org, &org_rows), (fac, &fac_rows), ("Activities", &activities)], false)?;
    Ok(path)
}

#[test]
fn rows_with_cells_past_the_limit_are_refused_at_the_first() -> TestResult {
    let dir = tempfile::tempdir()?;
    let body: String = (2..=1200).map(|r| row(r, &[num(&format!("D{r}"), "1")])).collect();
    let path = book_with(dir.path(), "rows.xlsx", &body)?;
    let err = refusal(&path, small());
    assert!(matches!(err, OpenError::SheetTooLarge { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the sheet \"Activities\" reaches row 1,001, beyond the 1,000 rows a worksheet holds; the file is refused",
            path.display()
        )
    );
    // Within the limits the same book reads.
    let limits = Limits { max_rows: 1200, ..small() };
    let mut book = open_with_limits(&path, limits)?;
    let mut setup = book.read_setup()?;
    book.read_activities(&mut setup, |_| {})?;
    Ok(())
}

#[test]
fn rows_without_cells_past_the_limit_are_refused() -> TestResult {
    // Rows without cells are never given back by the cell reader: the
    // tripwire under it finds them. Enough of them to read past its first
    // allowance (256 KiB of the file).
    let dir = tempfile::tempdir()?;
    let body: String = (2..=300_000).map(|r| format!("<row r=\"{r}\"/>")).collect();
    let path = book_with(dir.path(), "empty-rows.xlsx", &body)?;
    let err = refusal(&path, Limits { max_rows: 100_000, ..Limits::default() });
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the sheet \"Activities\" (part xl/worksheets/sheet3.xml) has more than 100,000 rows, beyond the 100,000 rows a worksheet holds; the file is refused",
            path.display()
        )
    );
    // At Excel's own limits, the same rows are many but allowed: the sheet
    // is read to its end (and is empty of data).
    let (setup, acts) = read_all(&path)?;
    assert!(acts.is_empty());
    assert!(setup.problems.is_empty(), "{:?}", texts(&setup.problems));
    assert!(crate::inspect::inspect(&path, None).is_ok());
    Ok(())
}

#[test]
fn columns_past_the_limit_are_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book_with(dir.path(), "wide.xlsx", &row(2, &[num("A2", "1"), num("XFE2", "2")]))?;
    let err = refusal(&path, Limits::default());
    assert!(
        err.to_string().contains(
            "the sheet \"Activities\" reaches column XFE (column 16,385), beyond the 16,384 columns a worksheet holds"
        ),
        "{err}"
    );
    // Cells without references count up along the row.
    let cells: String = (0..150).map(|_| "<c><v>1</v></c>").collect();
    let path = book_with(dir.path(), "wide2.xlsx", &format!("<row r=\"2\">{cells}</row>"))?;
    let err = refusal(&path, small());
    assert!(err.to_string().contains("reaches column CW (column 101), beyond the 100 columns"), "{err}");
    Ok(())
}

#[test]
fn csv_files_past_the_limits_are_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let csv = dir.path().join("Activities.csv");
    let header = "facility_id,source,activity,quantity,unit\n";
    std::fs::write(&csv, format!("{header}{}", "F1,stationary_combustion,diesel,1,t\n".repeat(1200)))?;
    let err = refusal(&csv, small());
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the sheet \"Activities\" has more than 1,000 rows (lines), beyond the 1,000 rows a worksheet holds; the file is refused",
            csv.display()
        )
    );
    std::fs::write(&csv, format!("{header}{}\n", "1,".repeat(150)))?;
    let err = refusal(&csv, small());
    assert!(err.to_string().contains("has 151 columns in row 2, beyond the 100 columns"), "{err}");

    // One long line: refused at that line, without holding it.
    std::fs::write(&csv, format!("{header}F1,x,\"{}\",1,t\nF1,x,y,1,t\n", "y".repeat(300_000)))?;
    let limits = Limits { max_line: 100_000, ..Limits::default() };
    let err = refusal(&csv, limits.clone());
    assert!(matches!(err, OpenError::TooLarge { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: line 2 (more than 97.6 KiB long) exceeds the limit of 97.6 KiB for one line; the file is refused",
            csv.display()
        )
    );
    // A line a little shorter than the limit is read.
    std::fs::write(&csv, format!("{header}F1,x,\"{}\",1,t\n", "y".repeat(99_000)))?;
    let mut book = open_with_limits(&csv, limits)?;
    let mut setup = book.read_setup()?;
    book.read_activities(&mut setup, |_| {})?;
    Ok(())
}

#[test]
fn a_part_that_inflates_past_its_declared_size_is_damaged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let body: String = (2..=2000).map(|r| row(r, &[num(&format!("D{r}"), "1")])).collect();
    let path = book_with(dir.path(), "liar.xlsx", &body)?;
    // Declare the sheet 1,000 bytes long in both headers: the archive
    // reader stops there, whatever the compressed data holds.
    let mut bytes = std::fs::read(&path)?;
    let name = b"xl/worksheets/sheet3.xml";
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(46) {
        let (sig, size_at, name_at) = match &bytes[i..i + 4] {
            b"PK\x03\x04" => ("local", 22, 30),
            b"PK\x01\x02" => ("central", 24, 46),
            _ => continue,
        };
        let _ = sig;
        if bytes[i + name_at..].starts_with(name) {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&1000u32.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2);
    std::fs::write(&path, &bytes)?;
    let err = refusal(&path, Limits::default());
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("is damaged"), "{err}");
    Ok(())
}

#[test]
fn inspect_refuses_a_sheet_past_the_limits() -> TestResult {
    let dir = tempfile::tempdir()?;
    let cells: String =
        (0..20_000).map(|c| format!("<c r=\"{}2\"><v>1</v></c>", crate::cell::column_letters(c))).collect();
    let path = book_with(dir.path(), "wide.xlsx", &format!("<row r=\"2\">{cells}</row>"))?;
    let err = crate::inspect::inspect(&path, None).expect_err("refused");
    assert!(matches!(err, OpenError::SheetTooLarge { .. }), "{err:?}");
    Ok(())
}

#[test]
fn shared_strings_that_declare_more_than_they_hold_are_damaged() -> TestResult {
    // One digit more in `uniqueCount` made the spreadsheet reader ask for
    // 103 GB at once, and the process was aborted.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/fuzz/regressions/shared-strings-count-4294967295.xlsx");
    let err = open(&path).expect_err("refused");
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err:?}");
    assert!(
        err.to_string().contains(
            "the part xl/sharedStrings.xml declares 4,294,967,295 shared strings in 2.3 KiB, which holds at most 600"
        ),
        "{err}"
    );
    Ok(())
}

#[test]
fn parts_held_in_memory_whole_have_their_limit() -> TestResult {
    let dir = tempfile::tempdir()?;
    // A sheet of 20 KiB: streamed, so no such limit for it.
    let body: String = (2..=500).map(|r| row(r, &[num(&format!("D{r}"), "1")])).collect();
    let path = book_with(dir.path(), "book.xlsx", &body)?;
    let limits = Limits { max_part_in_memory: 2000, ..Limits::default() };
    open_with_limits(&path, limits)?;
    let limits = Limits { max_part_in_memory: 900, ..Limits::default() };
    let err = open_with_limits(&path, limits).expect_err("refused");
    assert!(
        err.to_string().contains(
            "the part [Content_Types].xml (934 bytes), which is read into memory whole, exceeds the limit of 900 bytes"
        ),
        "{err}"
    );
    Ok(())
}

#[test]
fn ods_sheets_that_would_span_too_many_cells_are_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("repeated.ods");
    // One cell repeated over 16,384 columns, its row over 100,000 rows: a
    // few hundred bytes that calamine would make 1.6 billion cells.
    let cell =
        r#"<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/>"#;
    let rows = format!(r#"<table:table-row table:number-rows-repeated="100000">{cell}</table:table-row>"#);
    raw_ods(&path, &format!(r#"<table:table table:name="Activities">{rows}</table:table>"#))?;
    let err = open(&path).expect_err("refused");
    assert!(matches!(err, OpenError::SheetTooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("the sheet \"Activities\" spans 1,638,400,000 cells"), "{err}");
    // Trailing empty rows and cells, as spreadsheet programs write them, cost nothing.
    let empty = r#"<table:table-cell table:number-columns-repeated="16383"/>"#;
    let value = r#"<table:table-cell office:value-type="string"><text:p>facility_id</text:p></table:table-cell>"#;
    let rows = format!(
        r#"<table:table-row>{value}{empty}</table:table-row><table:table-row table:number-rows-repeated="1048575">{empty}</table:table-row>"#
    );
    raw_ods(&path, &format!(r#"<table:table table:name="Facilities">{rows}</table:table>"#))?;
    let mut book = open(&path)?;
    book.read_setup()?;
    Ok(())
}

#[test]
fn xls_sheets_that_would_span_too_many_cells_are_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("far.xls");
    let mut sheets = xls_setup_sheets();
    sheets.push(("Activities", vec![(0, 0, XlsCell::Number(1.0)), (65_535, 255, XlsCell::Number(2.0))]));
    raw_xls(&path, &sheets, false, None)?;
    let err = open_err(&path);
    assert!(matches!(err, OpenError::SheetTooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("the sheet \"Activities\" spans 16,777,216 cells"), "{err}");
    open_with_limits(&path, Limits { max_range_cells: 16_777_216, ..Limits::default() })?;
    Ok(())
}

#[test]
fn a_row_of_more_text_than_the_limit_is_refused() -> TestResult {
    // One shared text repeated over a row's cells: a few bytes of XML each,
    // the whole text each once read.
    let dir = tempfile::tempdir()?;
    let cells: String =
        (0..40).map(|c| is(&format!("{}2", crate::cell::column_letters(c)), &"x".repeat(100))).collect();
    let path = book_with(dir.path(), "long-row.xlsx", &format!("<row r=\"2\">{cells}</row>"))?;
    let err = refusal(&path, Limits { max_line: 2000, ..Limits::default() });
    assert!(
        err.to_string().contains(
            "the sheet \"Activities\" holds more than 1.9 KiB of text in row 2, beyond the 1.9 KiB a row may hold"
        ),
        "{err}"
    );
    let mut book = open_with_limits(&path, Limits { max_line: 4000, ..Limits::default() })?;
    let mut setup = book.read_setup()?;
    book.read_activities(&mut setup, |_| {})?;
    // The rows together.
    let rows: String = (2..=50).map(|r| row(r, &[is(&format!("A{r}"), &"x".repeat(100))])).collect();
    let path = book_with(dir.path(), "long-text.xlsx", &rows)?;
    let err = refusal(&path, Limits { max_text: 3000, ..Limits::default() });
    assert!(
        err.to_string().contains("holds more than 2.9 KiB of text by row 31 (a shared text counted each time a cell uses it), beyond the 2.9 KiB a sheet may hold"),
        "{err}"
    );
    Ok(())
}
