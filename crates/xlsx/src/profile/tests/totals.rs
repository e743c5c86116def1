//! Totals rows found without being declared: by their label, by their
//! figures; and turned off.

use rust_xlsxwriter::Workbook;

use super::*;

#[test]
fn totals_labels_are_detected_unless_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let book = habits_book(dir.path());
    // The habits profile without its totals key: row 10 is found all the same.
    let detect = HABITS.replace("totals = { column = \"Item\" }\n", "");
    let (acts, rejected, _) = read_activities(&book, &detect);
    assert_eq!(acts.len(), 2);
    assert_eq!(
        rejected[3],
        "'Fuel 2024'!C10: totals row (detected) \"Total diesel\": skipped, its parts are rows of their own (totals = false reads such rows as data)"
    );
    // Turned off, the totals row lands and would be counted twice.
    let off = HABITS.replace("totals = { column = \"Item\" }", "totals = false");
    let (acts, rejected, _) = read_activities(&book, &off);
    assert_eq!(acts[1], "10 KILN-1 diesel 12.5 t 2024-12");
    assert_eq!(rejected.len(), 5);
    // Words of the profile's own.
    let own = HABITS.replace("totals = { column = \"Item\" }", "totals = { starts_with = [\"Gesamt\"] }");
    let (acts, _, _) = read_activities(&book, &own);
    assert_eq!(acts.len(), 3, "\"Total diesel\" is not a totals word of this profile");
    let e = Profile::from_toml(&HABITS.replace("totals = { column = \"Item\" }", "totals = \"yes\""))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("line 16: invalid type: string \"yes\"") && e.contains("expected false, true, or a table"),
        "{e}"
    );
}

/// Sites whose name is written once per block, with an unlabelled sum row
/// under each block.
fn sums_book(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("sums.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Sites").unwrap();
    ws.write_row(0, 0, ["Site", "Meter", "kWh"]).unwrap();
    ws.write_row(1, 0, ["KILN-1", "M1"]).unwrap();
    ws.write_number(1, 2, 10).unwrap();
    ws.write_string(2, 1, "M2").unwrap();
    ws.write_number(2, 2, 20.5).unwrap();
    ws.write_number(3, 2, 30.5).unwrap(); // row 4: the sum of rows 2–3
    ws.write_row(4, 0, ["KILN-2", "M3"]).unwrap();
    ws.write_number(4, 2, 7).unwrap();
    ws.write_string(5, 1, "M4").unwrap();
    ws.write_number(5, 2, 0.1).unwrap();
    ws.write_string(6, 1, "M5").unwrap();
    ws.write_number(6, 2, 0.2).unwrap();
    ws.write_number(7, 2, 7.3).unwrap(); // row 8: the sum of rows 5–7, exactly
    ws.write_string(8, 1, "M6").unwrap();
    ws.write_number(8, 2, 7.3).unwrap(); // row 9: labelled, so data
    ws.write_number(9, 2, 99).unwrap(); // row 10: numbers only, not a sum
    wb.save(&path).unwrap();
    path
}

const SITES: &str = r#"
profile = 1
[organisation]
name = "Example Co."
reporting_year = 2024
[[table]]
into = "Activities"
fill_down = ["Site"]
[table.columns]
facility_id = { column = "Site" }
source = { value = "purchased_electricity" }
activity = { value = "electricity" }
quantity = { column = "kWh" }
unit = { value = "kWh" }
"#;

#[test]
fn sum_rows_are_detected_by_their_exact_figures() {
    let dir = tempfile::tempdir().unwrap();
    let book = sums_book(dir.path());
    let (acts, rejected, _) = read_activities(&book, SITES);
    assert_eq!(
        acts,
        [
            "2 KILN-1 electricity 10 kWh ",
            "3 KILN-1 electricity 20.5 kWh ",
            "5 KILN-2 electricity 7 kWh ",
            "6 KILN-2 electricity 0.1 kWh ",
            "7 KILN-2 electricity 0.2 kWh ",
            "9 KILN-2 electricity 7.3 kWh ",
            "10 KILN-2 electricity 99 kWh ",
        ]
    );
    let sums = "skipped, its parts are rows of their own (totals = { sums = false } reads such rows as data)";
    assert_eq!(
        rejected,
        [
            format!("Sites!C4: totals row (detected): its figures are the exact sums of rows 2–3 above; {sums}"),
            format!("Sites!C8: totals row (detected): its figures are the exact sums of rows 5–7 above; {sums}"),
        ]
    );
    // Turned off, the sum rows land under the site filled down.
    let off = SITES.replace("fill_down = [\"Site\"]", "fill_down = [\"Site\"]\ntotals = { sums = false }");
    let (acts, rejected, _) = read_activities(&book, &off);
    assert_eq!(acts.len(), 9);
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(acts[2], "4 KILN-1 electricity 30.5 kWh ");
}
