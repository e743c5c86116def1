//! Wide tables (`[table.unpivot]`): one column per month or year, read as
//! one row per value cell.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::*;

/// A monthly energy ledger as Chinese plants keep it: a title, a header
/// in row 3 (序号, 设施, 能源品种, 单位, 1月 … 12月, 合计), a totals row.
fn chinese_monthly_book(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("monthly.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("能耗2024").unwrap();
    ws.write_string(0, 0, "2024年能源消耗台账").unwrap();
    ws.write_row(2, 0, ["序号", "设施", "能源品种", "单位"]).unwrap();
    for m in 1..=12u16 {
        ws.write_string(2, 3 + m, format!("{m}月")).unwrap();
    }
    ws.write_string(2, 16, "合计").unwrap(); // Q3
    // Row 4: 1月 120.5, 2月 130, 3月 blank, 4月 NA, 5月 "1,234.5" as text.
    ws.write_number(3, 0, 1).unwrap();
    ws.write_row(3, 1, ["KILN-1", "原煤", "t"]).unwrap();
    ws.write_number(3, 4, 120.5).unwrap();
    ws.write_number(3, 5, 130).unwrap();
    ws.write_string(3, 7, "NA").unwrap();
    ws.write_string(3, 8, "1,234.5").unwrap();
    ws.write_number(3, 16, 1485).unwrap();
    // Row 5: 1月 50000, 2月 "abc", 3月 0.
    ws.write_number(4, 0, 2).unwrap();
    ws.write_row(4, 1, ["KILN-1", "电力", "kWh"]).unwrap();
    ws.write_number(4, 4, 50000).unwrap();
    ws.write_string(4, 5, "abc").unwrap();
    ws.write_number(4, 6, 0).unwrap();
    // Row 6: no month filled in; row 7: only "no value" tokens.
    ws.write_number(5, 0, 3).unwrap();
    ws.write_row(5, 1, ["KILN-2", "原煤", "t"]).unwrap();
    ws.write_number(6, 0, 4).unwrap();
    ws.write_row(6, 1, ["KILN-2", "原煤", "t", "-", "NA"]).unwrap();
    // Row 8: the totals row.
    ws.write_string(7, 0, "合计").unwrap();
    ws.write_number(7, 4, 50120.5).unwrap();
    // Row 9: 8月 2.5 (10^4 m3).
    ws.write_number(8, 0, 5).unwrap();
    ws.write_row(8, 1, ["KILN-2", "天然气", "万立方米"]).unwrap();
    ws.write_number(8, 11, 2.5).unwrap();
    wb.save(&path).unwrap();
    path
}

const CHINESE: &str = r#"
profile = 1
[organisation]
name = "示例钢铁"
reporting_year = 2024
[facilities]
country = "CN"
[[table]]
into = "活动数据"
sheet = "能耗2024"
[table.unpivot]
after = "单位"
[table.columns]
facility_id = { column = "设施" }
source = { column = "能源品种", map = { "原煤" = "stationary_combustion", "天然气" = "stationary_combustion", "电力" = "purchased_electricity" } }
activity = { column = "能源品种", map = { "原煤" = "raw_coal", "天然气" = "natural_gas", "电力" = "electricity" } }
unit = { column = "单位" }
"#;

#[test]
fn chinese_monthly_columns_become_one_row_per_month() {
    let dir = tempfile::tempdir().unwrap();
    let book = chinese_monthly_book(dir.path());
    let (acts, rejected, warnings) = read_activities(&book, CHINESE);
    assert_eq!(
        acts,
        [
            "4 KILN-1 raw_coal 120.5 t 2024-01",
            "4 KILN-1 raw_coal 130 t 2024-02",
            "4 KILN-1 raw_coal 1234.5 t 2024-05",
            "5 KILN-1 electricity 50000 kWh 2024-01",
            "5 KILN-1 electricity 0 kWh 2024-03",
            "9 KILN-2 natural_gas 2.5 10^4 m3 2024-08",
        ]
    );
    assert_eq!(
        rejected,
        [
            "能耗2024!F5: quantity must be a number, found \"abc\"",
            "能耗2024!A6: nothing in the unpivoted columns (after = \"单位\")",
            "能耗2024!A7: no value in the unpivoted columns (after = \"单位\"): found only \"-\", \"NA\", which means no value",
            "能耗2024!A8: totals row (detected) \"合计\": skipped, its parts are rows of their own (totals = false reads such rows as data)",
        ]
    );
    assert_eq!(
        warnings,
        [
            "能耗2024!Q3: profile table 1 (into = \"Activities\", line 8): [table.unpivot] after = \"单位\": column Q (\"合计\") is a totals column: not unpivoted"
        ]
    );

    // convert writes the same rows; the book reads back with the same figures.
    let out = dir.path().join("book.xlsx");
    let done = convert(&book, &Profile::from_toml(CHINESE).unwrap(), &out).unwrap();
    assert_eq!((done.landed, done.rejected.len()), (6, 4));
    assert_eq!(done.rejected[0].cell.to_string(), "能耗2024!F5");
    let mut b = crate::read::open(&out).unwrap();
    let mut s = b.read_setup().unwrap();
    let mut back = Vec::new();
    b.read_activities(&mut s, |a| back.push(a)).unwrap();
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    let got: Vec<String> = back
        .iter()
        .map(|a| format!("{} {}", a.quantity.value(), a.period.map(|p| p.to_string()).unwrap_or_default()))
        .collect();
    assert_eq!(got, ["120.5 2024-01", "130 2024-02", "1234.5 2024-05", "50000 2024-01", "0 2024-03", "2.5 2024-08"]);
}

#[test]
fn a_named_year_and_a_letter_range() {
    let dir = tempfile::tempdir().unwrap();
    let book = chinese_monthly_book(dir.path());
    // E:G are 1月–3月; the year is given, not the reporting year's.
    let p = CHINESE.replace("after = \"单位\"", "columns = \"E:G\"\nyear = 2023");
    let (acts, rejected, _) = read_activities(&book, &p);
    assert_eq!(
        acts,
        [
            "4 KILN-1 raw_coal 120.5 t 2023-01",
            "4 KILN-1 raw_coal 130 t 2023-02",
            "5 KILN-1 electricity 50000 kWh 2023-01",
            "5 KILN-1 electricity 0 kWh 2023-03",
        ]
    );
    assert_eq!(rejected[0], "能耗2024!F5: quantity must be a number, found \"abc\"");
    assert_eq!(rejected[4], "能耗2024!A9: nothing in the unpivoted columns (columns = \"E:G\")");
    // Named columns, in the order given.
    let p = CHINESE.replace("after = \"单位\"", "columns = [\"5月\", \"1月\"]");
    let (acts, _, _) = read_activities(&book, &p);
    assert_eq!(acts[..2], ["4 KILN-1 raw_coal 1234.5 t 2024-05", "4 KILN-1 raw_coal 120.5 t 2024-01"]);
    // Bare months need a year.
    let p = CHINESE.replace("reporting_year = 2024\n", "");
    let e = convert(&book, &Profile::from_toml(&p).unwrap(), &dir.path().join("o.xlsx")).unwrap_err().to_string();
    assert!(
        e.contains("能耗2024!E3: profile table 1 (into = \"Activities\", line 7): [table.unpivot] after = \"单位\": the header \"1月\" of column E is a month without a year: give unpivot.year or organisation.reporting_year"),
        "{e}"
    );
}

/// A meter sheet whose month headers are date cells, `2024-03` and `Apr 2024`.
fn dated_headers_book(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("meters.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Energy 2024").unwrap();
    let date = Format::new().set_num_format("mmm yyyy");
    ws.write_row(0, 0, ["Meter", "Unit"]).unwrap();
    ws.write_datetime_with_format(0, 2, ExcelDateTime::from_ymd(2024, 1, 1).unwrap(), &date).unwrap();
    ws.write_datetime_with_format(0, 3, ExcelDateTime::from_ymd(2024, 2, 15).unwrap(), &date).unwrap();
    ws.write_string(0, 4, "2024-03").unwrap();
    ws.write_string(0, 5, "Apr 2024").unwrap();
    ws.write_row(1, 0, ["M1", "kWh"]).unwrap();
    ws.write_row(1, 2, [100.25, 200.0, 300.0, 400.0]).unwrap();
    ws.write_row(2, 0, ["M2", "MWh"]).unwrap();
    ws.write_number(2, 2, 1.5).unwrap();
    ws.write_string(2, 5, "< 1").unwrap(); // F3: a bound
    wb.save(&path).unwrap();
    path
}

const METERS: &str = r#"
profile = 1
[organisation]
name = "Example Co."
reporting_year = 2024
[[table]]
into = "Activities"
[table.unpivot]
columns = "C:F"
[table.columns]
facility_id = { column = "Meter" }
source = { value = "purchased_electricity" }
activity = { value = "electricity" }
unit = { column = "Unit" }
"#;

#[test]
fn date_cells_and_month_texts_as_headers() {
    let dir = tempfile::tempdir().unwrap();
    let book = dated_headers_book(dir.path());
    let (acts, rejected, _) = read_activities(&book, METERS);
    assert_eq!(
        acts,
        [
            "2 M1 electricity 100.25 kWh 2024-01",
            "2 M1 electricity 200 kWh 2024-02",
            "2 M1 electricity 300 kWh 2024-03",
            "2 M1 electricity 400 kWh 2024-04",
            "3 M2 electricity 1.5 MWh 2024-01",
        ]
    );
    assert_eq!(
        rejected,
        ["'Energy 2024'!F3: quantity must be a number, found the bound \"< 1\" (set bounds = \"bound\" to take 1)"]
    );
    // A header that names no month is a mismatch, named with its cell;
    // so is a value column also mapped to a field.
    let mismatch =
        |p: &str| convert(&book, &Profile::from_toml(p).unwrap(), &dir.path().join("o.xlsx")).unwrap_err().to_string();
    let e = mismatch(&METERS.replace("\"C:F\"", "\"B:F\"").replace("{ column = \"Unit\" }", "{ value = \"kWh\" }"));
    assert!(e.contains("'Energy 2024'!B1: profile table 1 (into = \"Activities\", line 6): [table.unpivot] columns = \"B:F\": the header \"Unit\" of column B is not a month or a year"), "{e}");
    let e = mismatch(&METERS.replace("\"C:F\"", "\"B:F\""));
    assert!(e.contains("columns = \"B:F\": column B is also mapped to columns.unit"), "{e}");
}

#[test]
fn unpivot_mistakes_name_the_key_and_line() {
    let err = |text: &str| Profile::from_toml(text).unwrap_err().to_string();
    let e = err(&METERS.replace("columns = \"C:F\"", "columns = \"C:F\"\nafter = \"Unit\""));
    assert!(e.contains("line 8: [table.unpivot]: give exactly one of columns"), "{e}");
    let e = err(&METERS.replace("\"C:F\"", "\"F:C\""));
    assert!(e.contains("columns = \"F:C\": expected a range of column letters such as \"C:N\""), "{e}");
    let e = err(&METERS.replace("\"C:F\"", "3"));
    assert!(e.contains("expected a letter range such as \"C:N\" or a list of column names"), "{e}");
    let e =
        err(&METERS
            .replace("unit = { column = \"Unit\" }", "unit = { column = \"Unit\" }\nquantity = { column = \"C\" }"));
    assert!(e.contains("columns.quantity: the field is given by [table.unpivot] (value_field); leave it out"), "{e}");
    let e = err(&METERS.replace("columns = \"C:F\"", "columns = \"C:F\"\nvalue_field = \"quantty\""));
    assert!(e.contains("value_field = \"quantty\" is not a field of Activities"), "{e}");
    let e = err(&METERS.replace("columns = \"C:F\"", "columns = \"C:F\"\nheader_field = \"unit\"\nformat = \"%b %Y\""));
    assert!(e.contains("format reads headers as dates: it applies when header_field is period"), "{e}");
    let e = err(&METERS.replace("columns = \"C:F\"", "columns = \"C:F\"\nheader = \"period\""));
    assert!(e.contains("unknown field `header`"), "{e}");
}

/// A Production table whose years are numeric headers, read into
/// `output_value` with the quantity given in one column.
#[test]
fn year_headers_into_another_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("years.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Output").unwrap();
    ws.write_row(0, 0, ["Plant", "Product"]).unwrap();
    ws.write_row(0, 2, [2021, 2022]).unwrap();
    ws.write_row(1, 0, ["P1", "cement"]).unwrap();
    ws.write_row(1, 2, [1_000.5, 0.1]).unwrap();
    wb.save(&path).unwrap();
    let p = Profile::from_toml(
        r#"
profile = 1
[organisation]
name = "Example Co."
reporting_year = 2022
[[table]]
into = "Production"
[table.unpivot]
after = "Product"
value_field = "output_value"
[table.columns]
facility_id = { column = "Plant" }
product = { column = "Product" }
quantity = { value = "1" }
unit = { value = "t" }
"#,
    )
    .unwrap();
    let mut m = MappedBook::open(&path, p).unwrap();
    let setup = m.read_setup().unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    let got: Vec<String> = setup
        .production
        .iter()
        .map(|p| {
            format!("{} {:?} {:?}", p.product, p.output_value.map(|v| v.to_string()), p.period.map(|p| p.to_string()))
        })
        .collect();
    assert_eq!(got, ["cement Some(\"1000.5\") Some(\"2021\")", "cement Some(\"0.1\") Some(\"2022\")"]);
}
