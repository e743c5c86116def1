//! `carbonbook inspect`, `convert` and `calc --profile` over the third-party
//! files in `fixtures/realworld/` and the profiles in `fixtures/profiles/`.
//! Every figure checked is a cell of the source file, named in the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader};
use carbonbook::xlsx::read;
use rust_decimal::Decimal;
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_carbonbook"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn realworld(name: &str) -> PathBuf {
    let p = root().join("fixtures/realworld").join(name);
    assert!(p.is_file(), "a third-party file missing from fixtures/realworld: {}", p.display());
    p
}

fn profile(name: &str) -> PathBuf {
    root().join("fixtures/profiles").join(name)
}

fn run(args: &[&Path]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

/// Converts `file` through `prof` into a temporary book; checks the exit
/// status and returns the book's path (in `dir`) and standard error.
fn convert(dir: &Path, file: &Path, prof: &Path) -> (PathBuf, String) {
    let out = dir.join("book.xlsx");
    let o = run(&[p("convert"), file, p("--profile"), prof, p("-o"), &out]);
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    (out, stderr(&o))
}

/// The rows of a sheet of an .xlsx file, as calamine reads them.
fn sheet_rows(book: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

/// A cell of a source workbook (A1 reference), as calamine reads it.
fn source_cell(book: &Path, sheet: &str, row: u32, col: u32) -> Data {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range.get_value((row - 1, col)).cloned().unwrap_or(Data::Empty)
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_slice(&o.stdout).expect("valid JSON on stdout")
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a decimal string")).parse().unwrap()
}

#[test]
fn inspect_never_fails_on_the_realworld_files() {
    let dir = root().join("fixtures/realworld");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["xlsx", "xls", "ods", "csv"].contains(&ext) {
            continue;
        }
        seen += 1;
        let o = run(&[p("inspect"), &path]);
        assert!(o.status.success(), "{}: exit {:?}: {}", path.display(), o.status.code(), stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("sheet \""), "{}: {out}", path.display());
    }
    assert_eq!(seen, 11, "the eleven realworld files kept in fixtures");
}

#[test]
fn inspect_finds_headers_units_merges_and_tokens() {
    let out = |f: &str| {
        let o = run(&[p("inspect"), &realworld(f)]);
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    // EIA: row 1 holds banners merged over A1:G1, …; the names are row 2.
    let eia = out("us-eia-utility-data-2019.xlsx");
    assert!(eia.contains("merged regions (4): A1:G1, H1:O1, P1:W1, X1:AG1"), "{eia}");
    assert!(eia.contains("table 1: header row 2, data rows 3–3339 (3337 non-empty)"), "{eia}");
    assert!(eia.contains("above: States!H1 \"Also operating in other NERC Regions\""), "{eia}");
    // EPA hub 2024, Table 1: names in row 16, units in row 17 (E17 "kg CO2 per mmBtu").
    let epa = out("us-epa-ghg-emission-factors-hub-2024.xlsx");
    assert!(epa.contains("header rows 16–17, data rows 18–91"), "{epa}");
    assert!(epa.contains("\"CO2 Factor kg CO2 per mmBtu\"  [unit: kg CO2 per mmBtu]"), "{epa}");
    // Table 4: the unit in brackets in the header text (E124).
    assert!(epa.contains("\"CH4 Factor (g CH4 / vehicle-mile)\"  [unit: g CH4 / vehicle-mile]"), "{epa}");
    // Xcel CSV: 134 NA cells in kwh_delivered (column C).
    let xcel = out("metc-xcel-utility-activity-2015-2023.csv");
    assert!(xcel.contains("C  \"kwh_delivered\"  number 3827, \"NA\" 134"), "{xcel}");
    // METC Sheet3: 65 merged regions; G holds numbers, texts and one TBD (G5).
    let metc = out("metc-wastewater-emission-sources.xlsx");
    assert!(metc.contains("sheet \"Sheet1\" (hidden)"), "{metc}");
    assert!(metc.contains("merged regions (65)"), "{metc}");
    assert!(metc.contains("G  \"Emission Factor\"  number 20, text 3"), "{metc}");
    // ITR esg data: numeric year headers 2015 … 2022 in J1:Q1, a wide table.
    let itr = out("os-climate-itr-v2-corporate-sample.xlsx");
    assert!(itr.contains("      J  \"2015\"  number 2, text 50"), "{itr}");
    assert!(
        itr.contains("wide table: 8 year columns J:Q (\"2015\" … \"2022\"): one row per cell with [table.unpivot] columns = \"J:Q\""),
        "{itr}"
    );
}

// metc-xcel-utility-activity-2015-2023.csv: 3,961 data rows; 134 have NA in
// kwh_delivered (column C); the others land as Activities.
#[test]
fn xcel_profile_converts_every_row_or_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let src = realworld("metc-xcel-utility-activity-2015-2023.csv");
    let (book, err) = convert(dir.path(), &src, &profile("metc-xcel-utility-activity.toml"));
    assert!(err.contains("wrote"), "{err}");
    assert!(err.contains("3827 row(s) converted, 134 rejected"), "{err}");
    assert!(
        err.contains(
            "rejected: 'metc-xcel-utility-activity-2015-2023'!C2: quantity is required, found \"NA\", which means no value"
        ),
        "{err}"
    );

    let mut b = read::open(&book).unwrap();
    let mut setup = b.read_setup().unwrap();
    let mut acts = Vec::new();
    b.read_activities(&mut setup, |a| acts.push(a)).unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    assert_eq!(acts.len(), 3827);
    // 198 cities, of which 187 have at least one figure.
    assert_eq!(setup.facilities.len(), 187);
    assert!(setup.facilities.iter().all(|f| f.country == "US"));
    assert_eq!(setup.factors.len(), 3);
    // CSV row 2830: City of Minneapolis, Business, 2021: 2591437171.53 kWh.
    let mpls: Vec<_> = acts
        .iter()
        .filter(|a| {
            a.facility_id == "City of Minneapolis" && a.period.map(|p| p.to_string()).as_deref() == Some("2021")
        })
        .collect();
    assert_eq!(mpls.len(), 5);
    assert_eq!(mpls[0].quantity.value().to_string(), "2591437171.53");
    assert_eq!(mpls[0].quantity.unit().to_string(), "kWh");

    // The Rejected rows sheet lists each NA row with its cell.
    let rejected = sheet_rows(&book, "Rejected rows");
    assert_eq!(rejected.len(), 1 + 134);
    assert_eq!(rejected[1][0], Data::String("'metc-xcel-utility-activity-2015-2023'!C2".into()));
    assert_eq!(rejected[1][2], Data::String("quantity is required, found \"NA\", which means no value".into()));
    // Nothing dropped: landed + rejected = every data row of the CSV.
    assert_eq!(acts.len() + rejected.len() - 1, 3961);
}

// The same rows computed three ways: the converted book, `calc --profile`,
// and by hand. The profile's reporting year is 2021: its 417 non-NA rows
// sum to 21744437963.41 kWh (column C where column H is 2021); × 936.485 lb
// CO2/MWh (EPA hub 2024, Table 6, MROW, E342) × 0.45359237 kg/lb =
// 9236655.6454399022509343245 t CO2. The 3,410 rows of 2015–2020 and
// 2022–2023 (all 3,827 non-NA rows sum to 191716188751.27 kWh) are left out
// of the 2021 inventory and listed, never summed into it (workbook-v2 §2).
#[test]
fn xcel_calc_through_the_profile_equals_calc_of_the_converted_book() {
    let dir = tempfile::tempdir().unwrap();
    let src = realworld("metc-xcel-utility-activity-2015-2023.csv");
    let prof = profile("metc-xcel-utility-activity.toml");
    let (book, _) = convert(dir.path(), &src, &prof);
    let direct = json(&run(&[p("calc"), &src, p("--profile"), &prof, p("--format"), p("json"), p("-q")]));
    let converted = json(&run(&[p("calc"), &book, p("--format"), p("json"), p("-q")]));
    assert_eq!(direct["totals"], converted["totals"]);
    // The rows not taken are listed with the summary, each with its cell.
    let warnings: Vec<&str> = direct["warnings"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    let rejected: Vec<&&str> = warnings.iter().filter(|w| w.contains("row rejected")).collect();
    assert_eq!(rejected.len(), 134);
    assert_eq!(
        *rejected[0],
        "'metc-xcel-utility-activity-2015-2023'!C2: row rejected: quantity is required, found \"NA\", which means no value"
    );
    assert_eq!(direct["by_gas"], converted["by_gas"]);
    let co2 = direct["by_gas"].as_array().unwrap().iter().find(|g| g["gas"] == "CO2").unwrap();
    assert_eq!(dec(&co2["t"]), "9236655.6454399022509343245".parse::<Decimal>().unwrap());
    let excluded = direct["excluded"].as_array().unwrap();
    assert_eq!(excluded.len(), 3827 - 417);
    assert!(excluded.iter().all(|e| e["period"] != "2021" && e["reason"] == "outside the reporting year"));
    // Rows are named by their own book's row: the source file's, or the converted book's.
    assert_eq!(converted["excluded"].as_array().unwrap().len(), excluded.len());
    assert!(warnings.iter().any(|w| w.contains("dated 2015") && w.contains("outside the reporting year 2021")));
    // The EPA hub's own cell E342 is the factor the profile states.
    let epa = realworld("us-epa-ghg-emission-factors-hub-2024.xlsx");
    assert_eq!(source_cell(&epa, "Emission Factors Hub", 342, 2), Data::String("MROW".into()));
    assert_eq!(source_cell(&epa, "Emission Factors Hub", 342, 4), Data::Float(936.485));
}

// us-eia-utility-data-2019.xlsx: States has 3,337 data rows (3–3339), the
// last three are the placeholder 88888 "Withheld"; Territories has 5.
#[test]
fn eia_profile_reads_utilities_as_facilities() {
    let dir = tempfile::tempdir().unwrap();
    let src = realworld("us-eia-utility-data-2019.xlsx");
    let (book, err) = convert(dir.path(), &src, &profile("us-eia-utility-data-2019.toml"));
    assert!(err.contains("table 1: sheet \"States\", header rows 1–2: 3334 row(s) converted"), "{err}");
    assert!(err.contains("table 2: sheet \"Territories\", header rows 1–2: 5 row(s) converted"), "{err}");
    assert!(err.contains("rejected: States!C3339: skipped by the profile (skip: \"Withheld\")"), "{err}");
    let setup = read::open(&book).unwrap().read_setup().unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    assert_eq!(setup.facilities.len(), 3339);
    // States row 3: 34, City of Abbeville - (SC), Municipal, SERC.
    let f = &setup.facilities[0];
    assert_eq!(source_cell(&src, "States", 3, 1), Data::Float(34.0));
    assert_eq!((f.id.as_str(), f.name.as_str(), f.country.as_str()), ("34", "City of Abbeville - (SC)", "US"));
    assert_eq!((f.grid_region.as_deref(), f.sector.as_deref()), (Some("SERC"), Some("Municipal")));
    // Territories row 3: 15497, Puerto Rico Electric Pwr Authority, PR.
    let pr = setup.facilities.iter().find(|f| f.id == "15497").unwrap();
    assert_eq!((pr.name.as_str(), pr.country.as_str()), ("Puerto Rico Electric Pwr Authority", "PR"));
    assert_eq!(sheet_rows(&book, "Rejected rows").len(), 1 + 3);
}

// metc-wastewater-emission-sources.xlsx, Sheet3: 28 data rows (3–30), labels
// merged over each source's gas rows.
#[test]
fn metc_profile_reads_factors_filling_merged_labels() {
    let dir = tempfile::tempdir().unwrap();
    let src = realworld("metc-wastewater-emission-sources.xlsx");
    let (book, err) = convert(dir.path(), &src, &profile("metc-wastewater-emission-sources.toml"));
    assert!(err.contains("12 row(s) converted, 16 rejected"), "{err}");
    assert!(err.contains("rejected: Sheet3!G5: value is required, found \"TBD\", which means no value"), "{err}");
    assert!(err.contains("rejected: Sheet3!H19: cannot read \"g CO2 / kg cake\""), "{err}");
    let setup = read::open(&book).unwrap().read_setup().unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    assert_eq!(setup.factors.len(), 12);
    // Row 15 (CH4 of "Stationary Natural Gas Combustion"): A13:A15 and
    // I14:I15 are merged; the key and the source come from A13 and I14.
    let ng: Vec<_> = setup.factors.iter().filter(|f| f.key == "Stationary Natural Gas Combustion").collect();
    assert_eq!(ng.len(), 3);
    let ch4 = ng.iter().find(|f| f.gas.to_string() == "CH4").unwrap();
    assert_eq!(ch4.source, "U.S. EPA Mandatory Reporting Rule CFR 40.98 Subpart C, Table C-2");
    // G13 is a formula (=53.02*gρkg*mmbtuρmj): its cached value is the factor.
    let co2 = ng.iter().find(|f| f.gas.to_string() == "CO2").unwrap();
    let Data::Float(g13) = source_cell(&src, "Sheet3", 13, 6) else { panic!("G13 is a number") };
    // Rust prints a double as its shortest round-trip decimal, as the reader converts it.
    assert_eq!(co2.value, g13.to_string().parse::<Decimal>().unwrap());
    assert_eq!(co2.unit.to_string(), "gCO2/MJ");
}

#[test]
fn a_profile_with_an_unknown_key_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let prof = dir.path().join("p.toml");
    std::fs::write(&prof, "profile = 1\n[[table]]\ninto = \"Activities\"\nheader_rwo = 2\n[table.columns]\n").unwrap();
    let out = dir.path().join("book.xlsx");
    let o = run(&[
        p("convert"),
        &realworld("metc-xcel-utility-activity-2015-2023.csv"),
        p("--profile"),
        &prof,
        p("-o"),
        &out,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("line 4") && e.contains("unknown field `header_rwo`"), "{e}");
    assert!(!out.exists());
}

#[test]
fn a_book_that_does_not_match_its_profile_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let prof = dir.path().join("p.toml");
    std::fs::write(
        &prof,
        r#"profile = 1
[[table]]
into = "Activities"
header_row = 1
[table.columns]
facility_id = { column = "city" }
source = { value = "purchased_electricity" }
activity = { value = "electricity" }
quantity = { column = "kwh_delivered" }
unit = { value = "kWh" }
"#,
    )
    .unwrap();
    let out = dir.path().join("book.xlsx");
    let src = realworld("metc-xcel-utility-activity-2015-2023.csv");
    let o = run(&[p("convert"), &src, p("--profile"), &prof, p("-o"), &out]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("'metc-xcel-utility-activity-2015-2023'!B1: profile table 1 (into = \"Activities\", line 2): columns.facility_id: no column \"city\" in the header (row 1)"), "{e}");
    assert!(!out.exists());
}

// us-epa-ghg-emission-factors-hub-2024.xlsx, Table 6 (anchor B328): a
// three-row header (330–332), data rows 333–360, ended by the `Source:`
// line in C361. Read once per gas column.
#[test]
fn epa_hub_table_6_is_found_by_its_anchor_and_read_per_gas() {
    let dir = tempfile::tempdir().unwrap();
    let src = realworld("us-epa-ghg-emission-factors-hub-2024.xlsx");
    let (book, err) = convert(dir.path(), &src, &profile("us-epa-ghg-emission-factors-hub-2024-egrid.toml"));
    assert!(err.contains("table 1: sheet \"Emission Factors Hub\", header rows 330–332: 28 row(s) converted"), "{err}");
    assert!(err.contains("84 row(s) converted, 0 rejected"), "{err}");
    let setup = read::open(&book).unwrap().read_setup().unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    assert_eq!(setup.factors.len(), 84);
    // Row 342: MROW, E342 936.485 lb CO2/MWh, F342 0.102 lb CH4/MWh, G342 0.015 lb N2O/MWh.
    let sheet = "Emission Factors Hub";
    for (gas, col, unit) in [("CO2", 4, "lbCO2/MWh"), ("CH4", 5, "lbCH4/MWh"), ("N2O", 6, "lbN2O/MWh")] {
        let f = setup.factors.iter().find(|f| f.key == "MROW" && f.gas.to_string() == gas).unwrap();
        let Data::Float(cell) = source_cell(&src, sheet, 342, col) else { panic!("a number at row 342") };
        assert_eq!(f.value, cell.to_string().parse::<Decimal>().unwrap(), "{gas}");
        assert_eq!(f.unit.to_string(), unit);
    }
    // Row 360, the last: "US Average", E360 823.149.
    let us = setup.factors.iter().find(|f| f.key == "US Average" && f.gas.to_string() == "CO2").unwrap();
    assert_eq!(us.value.to_string(), "823.149");

    // The Xcel profile states the MROW factors as constants: they are these.
    let xcel = dir.path().join("xcel");
    std::fs::create_dir(&xcel).unwrap();
    let (xbook, _) = convert(
        &xcel,
        &realworld("metc-xcel-utility-activity-2015-2023.csv"),
        &profile("metc-xcel-utility-activity.toml"),
    );
    let xs = read::open(&xbook).unwrap().read_setup().unwrap();
    for f in &xs.factors {
        let e = setup.factors.iter().find(|e| e.key == "MROW" && e.gas == f.gas).unwrap();
        assert_eq!((f.value, f.unit.to_string()), (e.value, e.unit.to_string()));
    }
}

// os-climate-itr-v2-corporate-sample.xlsx, sheet `ITR V2 esg data`: 2,692
// rows under the header, of which 99 are blank (calamine reports no cells
// for them); 290 are `production` rows, wide by year (J1:Q1 = 2015 …
// 2022, number cells), 7 of them without any figure. Each of the 1,005
// figures becomes a Production row; the 2,303 other rows are listed as not
// kept.
#[test]
fn itr_production_years_are_unpivoted_into_production() {
    let dir = tempfile::tempdir().unwrap();
    let src = realworld("os-climate-itr-v2-corporate-sample.xlsx");
    let sheet = "ITR V2 esg data";
    let (book, err) = convert(dir.path(), &src, &profile("os-climate-itr-production.toml"));
    assert!(err.contains("1005 row(s) converted, 2310 rejected"), "{err}");
    assert!(err.contains("rejected: 'ITR V2 esg data'!D2: not kept by the profile (keep: found \"s1\")"), "{err}");
    assert!(
        err.contains("rejected: 'ITR V2 esg data'!A606: nothing in the unpivoted columns (after = \"base_year\")"),
        "{err}"
    );
    let setup = read::open(&book).unwrap().read_setup().unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    assert_eq!(setup.production.len(), 1005);

    // Every figure is its source cell, exactly, in row then column order,
    // with the year of its column's header.
    let rows = sheet_rows(&src, sheet);
    let years: Vec<i32> = (9..17)
        .map(|c| match &rows[0][c] {
            Data::Float(y) => *y as i32,
            other => panic!("a year header, found {other:?}"),
        })
        .collect();
    assert_eq!(years, (2015..=2022).collect::<Vec<_>>());
    let mut expected = Vec::new();
    for r in &rows[1..] {
        if r.get(3) != Some(&Data::String("production".into())) {
            continue;
        }
        for (k, c) in (9..17).enumerate() {
            let q: Decimal = match r.get(c) {
                Some(Data::Float(f)) => f.to_string().parse().unwrap(),
                Some(Data::Int(i)) => Decimal::from(*i),
                Some(Data::String(s)) => s.trim().parse().unwrap(),
                _ => continue,
            };
            let unit = match r.get(6) {
                Some(Data::String(u)) => u.clone(),
                _ => String::new(),
            };
            expected.push((years[k].to_string(), q, unit));
        }
    }
    let got: Vec<(String, Decimal, String)> = setup
        .production
        .iter()
        .map(|p| (p.period.map(|p| p.to_string()).unwrap_or_default(), p.quantity, p.unit.clone()))
        .collect();
    assert_eq!(got.len(), expected.len());
    assert_eq!(got, expected);

    // M9: AES Corp. (C2:C10 merged, US00130H1059), production 2018, 81670.056 GWh.
    assert_eq!(source_cell(&src, sheet, 9, 12), Data::Float(81670.056));
    assert_eq!(source_cell(&src, sheet, 2, 2), Data::String("US00130H1059".into()));
    let aes: Vec<_> = setup.production.iter().filter(|p| p.facility_id == "US00130H1059").collect();
    assert_eq!(aes[0].quantity, "81670.056".parse::<Decimal>().unwrap());
    assert_eq!((aes[0].unit.as_str(), aes[0].product.as_str()), ("GWh", "production"));
    assert_eq!(aes[0].period.map(|p| p.to_string()).as_deref(), Some("2018"));
    // N2450: Astellas Pharma (C2438:C2452), 2019, the text "1296.2" JPY Billions.
    assert_eq!(source_cell(&src, sheet, 2450, 13), Data::String("1296.2".into()));
    let astellas: Vec<_> = setup.production.iter().filter(|p| p.facility_id == "JP3942400007").collect();
    assert_eq!(astellas.len(), 1);
    assert_eq!(astellas[0].quantity.to_string(), "1296.2");
    assert_eq!(astellas[0].unit, "JPY Billions");
    // Each company named is added as a facility.
    assert_eq!(setup.facilities.len(), 118);
    assert_eq!(sheet_rows(&book, "Rejected rows").len(), 1 + 2310);
}

// cdp-gcom-city-inventory-crf.xlsx: 31 rows under the header, of which
// seven are totals rows (`Total Stationary Energy^` in A8, …, `Total
// Emissions (excluding …)` in A32), detected without a totals key. The
// direct emissions (column B) are read as production figures, only to see
// which rows land.
#[test]
fn cdp_crf_totals_rows_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let prof = dir.path().join("crf.toml");
    std::fs::write(
        &prof,
        r#"profile = 1
[organisation]
name = "Twin Cities region"
reporting_year = 2021
[facilities]
country = "US"
[[table]]
into = "Production"
header_row = 1
footnotes = ["^"]
missing = ["NE", "IE", "NO"]
[table.columns]
facility_id = { value = "Twin Cities" }
product = { column = "Sectors and Subsectors" }
quantity = { column = "B" }
unit = { value = "t CO2e" }
"#,
    )
    .unwrap();
    let src = realworld("cdp-gcom-city-inventory-crf.xlsx");
    let (book, err) = convert(dir.path(), &src, &prof);
    let detected: Vec<&str> = err.lines().filter(|l| l.contains("totals row (detected)")).collect();
    assert_eq!(detected.len(), 7, "{err}");
    assert!(
        detected[0].starts_with("rejected: Sheet1!A8: totals row (detected) \"Total Stationary Energy^\""),
        "{err}"
    );
    assert!(detected[6].starts_with("rejected: Sheet1!A32: totals row (detected) \"Total Emissions"), "{err}");
    // Land: the 9 subsectors with a figure of zero or more; the land-use
    // sink (B24, negative) is rejected, as are the 14 rows with a notation
    // key in C instead of a figure in B.
    assert!(err.contains("9 row(s) converted, 22 rejected"), "{err}");
    let setup = read::open(&book).unwrap().read_setup().unwrap();
    assert!(setup.problems.is_empty(), "{:?}", setup.problems);
    assert_eq!(setup.production.len(), 9);
    let stationary: Decimal = setup.production.iter().take(4).map(|p| p.quantity).sum();
    // The detected total B8 is the parts' sum only to the double's precision.
    assert_eq!(stationary.to_string(), "26096126.659772399");
    assert_eq!(source_cell(&src, "Sheet1", 8, 1), Data::Float(26096126.65977239));
}
