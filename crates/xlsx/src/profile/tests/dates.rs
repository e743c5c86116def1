//! Periods written as text dates, read in the format the profile declares.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::*;

/// A fuel log whose dates are text, day first (`1/06/2021`), beside a real
/// date cell, an ISO date and a day that does not exist.
fn log_book(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("log.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Log").unwrap();
    ws.write_row(0, 0, ["Site", "Date", "Fuel (t)"]).unwrap();
    ws.write_row(1, 0, ["A", "1/06/2021"]).unwrap();
    ws.write_number(1, 2, 5.5).unwrap();
    ws.write_row(2, 0, ["A", "15/03/2024"]).unwrap();
    ws.write_number(2, 2, 6).unwrap();
    ws.write_string(3, 0, "A").unwrap();
    let d = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_datetime_with_format(3, 1, ExcelDateTime::from_ymd(2024, 2, 10).unwrap(), &d).unwrap();
    ws.write_number(3, 2, 7).unwrap();
    ws.write_row(4, 0, ["A", "2024-03-15"]).unwrap();
    ws.write_number(4, 2, 8).unwrap();
    ws.write_row(5, 0, ["A", "31/02/2024"]).unwrap();
    ws.write_number(5, 2, 9).unwrap();
    ws.write_row(6, 0, ["A", "NA"]).unwrap();
    ws.write_number(6, 2, 10).unwrap();
    wb.save(&path).unwrap();
    path
}

const LOG: &str = r#"
profile = 1
[organisation]
name = "Example Co."
reporting_year = 2024
[[table]]
into = "Activities"
[table.columns]
facility_id = { column = "Site" }
source = { value = "stationary_combustion" }
activity = { value = "diesel" }
quantity = { column = "Fuel" }
unit = { header_unit = "Fuel" }
period = { column = "Date", format = "%d/%m/%Y" }
"#;

#[test]
fn text_dates_read_in_the_declared_format() {
    let dir = tempfile::tempdir().unwrap();
    let book = log_book(dir.path());
    let (acts, rejected, _) = read_activities(&book, LOG);
    // 1/06/2021 is the first of June (day first, as declared); the date
    // cell is read as a date; NA leaves the optional period empty.
    assert_eq!(
        acts,
        ["2 A diesel 5.5 t 2021-06", "3 A diesel 6 t 2024-03", "4 A diesel 7 t 2024-02", "7 A diesel 10 t "]
    );
    assert_eq!(
        rejected,
        [
            "Log!B5: period must be a date written as \"%d/%m/%Y\", found \"2024-03-15\" (input contains invalid characters)",
            "Log!B6: period must be a date written as \"%d/%m/%Y\", found \"31/02/2024\" (no such date)",
        ]
    );
    // Without a format, a day-first text is refused as ambiguous.
    let (acts, rejected, _) = read_activities(&book, &LOG.replace(", format = \"%d/%m/%Y\"", ""));
    assert_eq!(acts, ["4 A diesel 7 t 2024-02", "5 A diesel 8 t 2024-03", "7 A diesel 10 t "]);
    assert!(rejected[0].starts_with("Log!B2: period must be a month"), "{rejected:?}");

    // convert writes the month.
    let out = dir.path().join("book.xlsx");
    let done = convert(&book, &Profile::from_toml(LOG).unwrap(), &out).unwrap();
    assert_eq!(done.landed, 4);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    let r = wb.worksheet_range("Activities").unwrap();
    assert_eq!(r.get_value((1, 5)), Some(&calamine::Data::String("2021-06".into())));
}

#[test]
fn named_forms_and_their_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dots.csv");
    std::fs::write(&path, "Site,Date,Fuel (t)\nA,15.03.2024,2\nA,3/15/2024,3\n").unwrap();
    let p = LOG.replace("%d/%m/%Y", "dd.mm.yyyy");
    let (acts, rejected, _) = read_activities(&path, &p);
    assert_eq!(acts, ["2 A diesel 2 t 2024-03"]);
    assert_eq!(
        rejected,
        [
            "dots!B3: period must be a date written as \"dd.mm.yyyy\", found \"3/15/2024\" (input contains invalid characters)"
        ]
    );
    let err = |text: &str| Profile::from_toml(text).unwrap_err().to_string();
    let e = err(&LOG.replace("%d/%m/%Y", "%d/%m"));
    assert!(e.contains("line 14: columns.period: format = \"%d/%m\" names no year (%Y, %y or yyyy)"), "{e}");
    let e = err(&LOG.replace("activity = { value = \"diesel\" }", "activity = { column = \"Site\", format = \"%Y\" }"));
    assert!(e.contains("columns.activity: format applies to period only"), "{e}");
}
