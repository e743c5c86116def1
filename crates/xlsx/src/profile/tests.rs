//! Profiles over a sheet with every habit: title rows, an anchor, a
//! two-row header with the unit in brackets, group sub-header rows, a
//! merged label, labels written once, footnote markers, `NA`, `< 1`, a
//! totals row, a bad number and an end marker.

use rust_xlsxwriter::{Format, Workbook};

use super::*;

fn habits_book(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("habits.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Fuel 2024").unwrap();
    let f = Format::new();
    ws.write_string(0, 0, "Fuel use by site, 2024").unwrap();
    ws.write_string(1, 1, "Table 1").unwrap();
    ws.write_row(3, 1, ["Site", "Item", "Consumption", "Month"]).unwrap();
    ws.write_string(4, 3, "(t)").unwrap();
    ws.write_string(5, 2, "Diesel").unwrap(); // row 6: group
    ws.merge_range(6, 1, 7, 1, "KILN-1", &f).unwrap(); // B7:B8
    ws.write_string(6, 2, "Generator A").unwrap();
    ws.write_number(6, 3, 12.5).unwrap();
    ws.write_string(6, 4, "2024-01").unwrap();
    ws.write_row(7, 2, ["Generator B*", "NA", "2024-02"]).unwrap(); // row 8
    ws.write_row(8, 2, ["Generator C", "< 1", "2024-03"]).unwrap(); // row 9: B filled down
    ws.write_string(9, 2, "Total diesel").unwrap(); // row 10
    ws.write_number(9, 3, 12.5).unwrap();
    ws.write_string(10, 2, "Natural gas").unwrap(); // row 11: group
    ws.write_row(11, 1, ["KILN-2", "Boiler^", "1,234.5"]).unwrap(); // row 12, no month
    ws.write_row(12, 1, ["KILN-2", "Boiler 2", "abc", "2024-05"]).unwrap(); // row 13
    ws.write_string(13, 1, "END").unwrap(); // row 14
    ws.write_row(14, 1, ["KILN-3", "Late", "99"]).unwrap(); // row 15: after the end
    wb.save(&path).unwrap();
    path
}

const HABITS: &str = r#"
profile = 1
[organisation]
name = "Example Co."
reporting_year = 2024
[facilities]
country = "CN"
[[table]]
into = "Activities"
sheet = "fuel 2024"
anchor = "table 1"
header_rows = 2
end = ["END"]
fill_down = ["Site"]
groups = "Item"
totals = { column = "Item" }
footnotes = ["*", "^"]
[table.columns]
facility_id = { column = "Site" }
source = { value = "stationary_combustion" }
activity = { group = true, map = { "Diesel" = "diesel", "Natural gas" = "natural_gas" } }
quantity = { column = "Consumption" }
unit = { header_unit = "Consumption" }
period = { column = "Month", default = "2024-12" }
"#;

#[test]
fn every_row_lands_or_is_listed_with_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = habits_book(dir.path());
    let profile = Profile::from_toml(HABITS).unwrap();
    let mut m = MappedBook::open(&book, profile.clone()).unwrap();
    let mut setup = m.read_setup().unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    let mut acts = Vec::new();
    m.read_activities(&mut setup, |a| acts.push(a)).unwrap();
    let got: Vec<String> = acts
        .iter()
        .map(|a| {
            format!(
                "{} {} {} {} {} {:?}",
                a.row.unwrap_or(0),
                a.facility_id,
                a.activity,
                a.quantity.value(),
                a.quantity.unit(),
                a.period.map(|p| p.to_string())
            )
        })
        .collect();
    assert_eq!(got, ["7 KILN-1 diesel 12.5 t Some(\"2024-01\")", "12 KILN-2 natural_gas 1234.5 t Some(\"2024-12\")",]);
    let rejected: Vec<String> = m.rejected().iter().map(ToString::to_string).collect();
    assert_eq!(
        rejected,
        [
            "'Fuel 2024'!C6: group sub-header row: its label \"Diesel\" applies to the rows below",
            "'Fuel 2024'!D8: quantity is required, found \"NA\", which means no value",
            "'Fuel 2024'!D9: quantity must be a number, found the bound \"< 1\" (set bounds = \"bound\" to take 1)",
            "'Fuel 2024'!C10: totals row (\"Total diesel\"): skipped, its parts are rows of their own",
            "'Fuel 2024'!C11: group sub-header row: its label \"Natural gas\" applies to the rows below",
            "'Fuel 2024'!D13: quantity must be a number, found \"abc\"",
        ]
    );
    // The facilities named are added; the row after END is not read.
    let ids: Vec<&str> = setup.facilities.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["KILN-1", "KILN-2"]);

    // convert writes the same rows and lists the same rejections.
    let out = dir.path().join("book.xlsx");
    let done = convert(&book, &profile, &out).unwrap();
    assert_eq!(done.landed, 2);
    assert_eq!(done.rejected.len(), 6);
    assert_eq!(done.tables, [("Fuel 2024".to_owned(), "rows 4–5".to_owned())]);
    let mut b = crate::read::open(&out).unwrap();
    let mut s = b.read_setup().unwrap();
    let mut back = Vec::new();
    b.read_activities(&mut s, |a| back.push(a)).unwrap();
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!(back.len(), 2);
    assert_eq!(back[1].quantity.value().to_string(), "1234.5");
    assert_eq!(back[1].activity, "natural_gas");
}

#[test]
fn bounds_can_be_taken_as_values() {
    let dir = tempfile::tempdir().unwrap();
    let book = habits_book(dir.path());
    let profile =
        Profile::from_toml(&HABITS.replace("end = [\"END\"]", "end = [\"END\"]\nbounds = \"bound\"")).unwrap();
    let mut m = MappedBook::open(&book, profile).unwrap();
    let mut setup = m.read_setup().unwrap();
    let mut acts = Vec::new();
    m.read_activities(&mut setup, |a| acts.push(a)).unwrap();
    let row9 = acts.iter().find(|a| a.row == Some(9)).expect("row 9 lands");
    assert_eq!(row9.quantity.value().to_string(), "1");
}

#[test]
fn a_book_not_matching_its_profile_names_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let book = habits_book(dir.path());
    let bad = HABITS.replace("{ column = \"Consumption\" }", "{ column = \"Amount\" }");
    let out = dir.path().join("book.xlsx");
    let e = convert(&book, &Profile::from_toml(&bad).unwrap(), &out).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("columns.quantity: no column \"Amount\" in the header (rows 4–5)"), "{msg}");
    assert!(msg.contains("D=\"Consumption (t)\""), "{msg}");
    assert!(!out.exists());
    let e = convert(&book, &Profile::from_toml(&HABITS.replace("table 1", "Table 9")).unwrap(), &out).unwrap_err();
    assert!(e.to_string().contains("no cell holds the anchor \"Table 9\""), "{e}");
    let e = convert(&book, &Profile::from_toml(&HABITS.replace("fuel 2024", "Fuel 2025")).unwrap(), &out).unwrap_err();
    assert!(e.to_string().contains("no sheet \"Fuel 2025\"; the book has \"Fuel 2024\""), "{e}");
}

#[test]
fn profile_mistakes_name_the_key_and_line() {
    let err = |text: &str| Profile::from_toml(text).unwrap_err().to_string();
    let e = err(&HABITS.replace("quantity = {", "quantty = {"));
    assert!(e.contains("unknown key columns.quantty for Activities"), "{e}");
    assert!(e.contains("columns.quantity is required for Activities"), "{e}");
    let e = err(&HABITS.replace("{ column = \"Site\" }", "{ column = \"Site\", value = \"X\" }"));
    assert!(
        e.contains(
            "line 19: columns.facility_id: give exactly one of column, value, header_unit or group = true (found 2)"
        ),
        "{e}"
    );
    assert!(!e.contains("columns.facility_id is required"), "{e}");
    let e = err(&HABITS.replace("name = \"Example Co.\"", "nmae = \"Example Co.\""));
    assert!(e.contains("line 4: unknown key organisation.nmae"), "{e}");
    let e = err(&HABITS.replace("into = \"Activities\"", "into = \"Ledger\""));
    assert!(e.contains("into = \"Ledger\": expected Activities, Facilities, Production or Factors"), "{e}");
    let e = err(&HABITS.replace("groups = \"Item\"", "groups = \"Item\"\nmerge = \"fill\""));
    assert!(e.contains("unknown field `merge`"), "{e}");
    let e = err("profile = 2\n[[table]]\ninto = \"Factors\"\n[table.columns]\n");
    assert!(e.contains("this carbonbook reads profile version 1"), "{e}");
}

mod identity {
    //! A canonical book written by the template writer and filled in, read
    //! as it is and through an identity profile (converted, and mapped
    //! straight into the calculation), computes the same summary.

    use carbonbook_core::Calculator;
    use carbonbook_core::inventory::Activity;
    use carbonbook_core::summary::Summary;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::*;
    use crate::read::Setup;

    const IDENTITY: &str = r#"
profile = 1
[organisation]
name = "Identity Co."
reporting_year = 2024
[[table]]
into = "Facilities"
sheet = "Facilities"
header_row = 1
[table.columns]
facility_id = { column = "facility_id" }
country = { column = "country" }
grid_region = { column = "grid_region" }
[[table]]
into = "Activities"
sheet = "Activities"
header_row = 1
[table.columns]
facility_id = { column = "facility_id" }
source = { column = "source" }
activity = { column = "activity" }
quantity = { column = "quantity" }
unit = { column = "unit" }
period = { column = "period" }
"#;

    /// (source, activity, unit) rows the built-in library computes.
    const KINDS: [(&str, &str, &str); 4] = [
        ("stationary_combustion", "diesel", "t"),
        ("stationary_combustion", "natural_gas", "10^4 m3"),
        ("mobile_combustion", "gasoline", "t"),
        ("purchased_electricity", "electricity", "MWh"),
    ];

    /// One activity row: facility, kind, quantity (mantissa, scale), month, written as text.
    type Gen = (usize, usize, i64, u32, u32, bool);

    fn write_book(path: &Path, rows: &[Gen]) {
        let org = [("name", "Identity Co.".to_owned(), false), ("reporting_year", "2024".to_owned(), true)];
        let mut wb = crate::template::canonical_book("identity", &org).unwrap();
        let sheets = crate::template::DATA_SHEET_INDEX;
        let fac = wb.worksheet_from_index(sheets[0]).unwrap();
        for (r, (id, grid)) in [("F1", "east"), ("F2", "north"), ("F3", "south")].iter().enumerate() {
            let r = r as u32 + 1;
            fac.write_string(r, 0, *id).unwrap().write_string(r, 2, "CN").unwrap().write_string(r, 3, *grid).unwrap();
        }
        let act = wb.worksheet_from_index(sheets[1]).unwrap();
        for (i, (f, k, m, scale, month, as_text)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            let (source, activity, unit) = KINDS[*k];
            let q = Decimal::new(*m, *scale);
            act.write_string(r, 0, format!("F{}", f + 1)).unwrap();
            act.write_string(r, 1, source).unwrap();
            act.write_string(r, 2, activity).unwrap();
            if *as_text {
                act.write_string(r, 3, q.to_string()).unwrap();
            } else {
                act.write_number(r, 3, crate::excel_number::to_f64_lossy(q)).unwrap();
            }
            act.write_string(r, 4, unit).unwrap();
            act.write_string(r, 5, format!("2024-{month:02}")).unwrap();
        }
        wb.save(path).unwrap();
    }

    fn summary(setup: &Setup, acts: &[Activity]) -> Summary {
        assert!(setup.problems.is_empty(), "{:?}", setup.problems);
        let mut calc = Calculator::new(&setup.organisation, &setup.facilities, &setup.factors).unwrap();
        let lines: Vec<_> = acts.iter().filter_map(|a| calc.add(a).unwrap()).collect();
        calc.finish(lines, &setup.production, &setup.trading).unwrap().summary
    }

    fn read_book(path: &Path) -> Summary {
        let mut b = crate::read::open(path).unwrap();
        let mut setup = b.read_setup().unwrap();
        let mut acts = Vec::new();
        b.read_activities(&mut setup, |a| acts.push(a)).unwrap();
        summary(&setup, &acts)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn identity_profile_computes_the_same_summary(
            rows in proptest::collection::vec((0..3usize, 0..4usize, 0..1_000_000_000i64, 0..4u32, 1..=12u32, any::<bool>()), 1..25)
        ) {
            let dir = tempfile::tempdir().unwrap();
            let book = dir.path().join("book.xlsx");
            write_book(&book, &rows);
            let direct = read_book(&book);
            prop_assert_eq!(direct.lines, rows.len() as u64);

            let profile = Profile::from_toml(IDENTITY).unwrap();
            let out = dir.path().join("converted.xlsx");
            let done = convert(&book, &profile, &out).unwrap();
            prop_assert!(done.rejected.is_empty(), "{:?}", done.rejected);
            prop_assert_eq!(&read_book(&out), &direct);

            let mut m = MappedBook::open(&book, profile).unwrap();
            let mut setup = m.read_setup().unwrap();
            let mut acts = Vec::new();
            m.read_activities(&mut setup, |a| acts.push(a)).unwrap();
            prop_assert_eq!(&summary(&setup, &acts), &direct);
        }
    }
}

mod dates;
mod totals;
mod wide;

/// What a profile reads from a book: the activities landed (`row
/// facility activity quantity unit period`), the rows rejected, and the
/// warnings.
fn read_activities(book: &Path, profile: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let profile = Profile::from_toml(profile).unwrap();
    let mut m = MappedBook::open(book, profile).unwrap();
    let mut setup = m.read_setup().unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    let mut acts = Vec::new();
    m.read_activities(&mut setup, |a| acts.push(a)).unwrap();
    let acts = acts
        .iter()
        .map(|a| {
            format!(
                "{} {} {} {} {} {}",
                a.row.unwrap_or(0),
                a.facility_id,
                a.activity,
                a.quantity.value(),
                a.quantity.unit(),
                a.period.map(|p| p.to_string()).unwrap_or_default()
            )
        })
        .collect();
    let rejected = m.rejected().iter().map(ToString::to_string).collect();
    let warnings = setup.warnings.iter().map(ToString::to_string).filter(|w| !w.contains("row rejected")).collect();
    (acts, rejected, warnings)
}

/// A book whose `workbook.xml` names the relationships namespace `x:`,
/// not `r:`: calamine reads it; the quick scan for merged regions gives up,
/// and the regions are read through calamine before the rows.
#[test]
fn merged_labels_are_filled_when_the_quick_scan_gives_up() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Fuel").unwrap();
    ws.write_row(0, 0, ["Site", "Fuel", "Use", "Unit", "Month"]).unwrap();
    ws.merge_range(1, 0, 2, 0, "KILN-1", &Format::new()).unwrap(); // A2:A3
    ws.write_row(1, 1, ["diesel", "12.5", "t", "2024-01"]).unwrap();
    ws.write_row(2, 1, ["diesel", "7", "t", "2024-02"]).unwrap();
    wb.save(&plain).unwrap();

    // The same book with the prefix renamed.
    let odd = dir.path().join("odd.xlsx");
    let mut zin = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(&odd).unwrap());
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).unwrap();
        if name == "xl/workbook.xml" {
            let t = String::from_utf8(text).unwrap().replace("xmlns:r=", "xmlns:x=").replace(" r:id=", " x:id=");
            text = t.into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zout.write_all(&text).unwrap();
    }
    zout.finish().unwrap();
    let limits = crate::read::Limits::default();
    assert_eq!(crate::read::merges::merged_regions(&odd, "Fuel", &limits), Ok(None));
    assert!(
        crate::read::merges::merged_regions(&plain, "Fuel", &limits).is_ok_and(|m| m.is_some_and(|m| m.len() == 1))
    );

    let profile = r#"
profile = 1
[organisation]
name = "Example Co."
reporting_year = 2024
[[table]]
into = "Activities"
sheet = "Fuel"
[table.columns]
facility_id = { column = "Site" }
source = { value = "stationary_combustion" }
activity = { column = "Fuel" }
quantity = { column = "Use" }
unit = { column = "Unit" }
period = { column = "Month" }
"#;
    let (acts, rejected, _) = read_activities(&odd, profile);
    assert_eq!(acts, ["2 KILN-1 diesel 12.5 t 2024-01", "3 KILN-1 diesel 7 t 2024-02"]);
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(read_activities(&plain, profile).0, acts);
}

/// A dry run tells what `convert` would write, and writes nothing.
#[test]
fn a_dry_run_counts_what_convert_writes() {
    let dir = tempfile::tempdir().unwrap();
    let book = habits_book(dir.path());
    let profile = Profile::from_toml(HABITS).unwrap();
    let dry = dry_run(&book, &profile).unwrap();
    let out = dir.path().join("book.xlsx");
    let done = convert(&book, &profile, &out).unwrap();
    assert_eq!((dry.landed, dry.facilities_added, dry.rejected.len()), (2, 2, 6));
    assert_eq!((done.landed, done.facilities_added, done.rejected.len()), (2, 2, 6));
    assert_eq!(dry.tables, done.tables);
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files.len(), 2, "{files:?}");
}
