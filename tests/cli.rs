//! The `carbonbook` binary end to end: the contract's worked example, the
//! demo book, broken books, third-party files, output safety.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_carbonbook"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's fixtures: the contract's worked example (`spec/`) and
/// the third-party files (`realworld/`, origin and licence in its SOURCES.md).
fn fixtures() -> PathBuf {
    root().join("fixtures")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_slice(&o.stdout).expect("valid JSON on stdout")
}

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a decimal string")).parse().unwrap()
}

/// Compares to a relative 1e-9, as the contract's checker does.
fn close(got: &Value, want: &Value, at: &str) {
    let (g, w) = (d(got), d(want));
    let tol = (w.abs() * Decimal::new(1, 9)).max(Decimal::new(1, 9));
    assert!((g - w).abs() <= tol, "{at}: got {g}, want {w}");
}

// spec/examples/example-steel: the contract's worked example, every figure of
// the excerpt (computed there with 50-digit decimals).
#[test]
fn worked_example_matches_the_contract() {
    let dir = fixtures().join("spec");
    let got = json(&run(&["calc", dir.join("example-steel.xlsx").to_str().unwrap(), "--format", "json"]));
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("example-steel.expected.json")).unwrap()).unwrap();
    assert_eq!(got["schema"], "carbonbook.summary.v1");
    // The coke and gas rows give every parameter: their factor source says so, never "".
    let activities = got["activities"].as_array().unwrap();
    assert!(activities[0]["factor_source"].as_str().unwrap().starts_with("measured"), "{}", activities[0]);
    for (k, v) in want["totals"].as_object().unwrap() {
        close(&got["totals"][k], v, k);
    }
    for (k, v) in want["intensity"].as_object().unwrap() {
        close(&got["intensity"][k], v, k);
    }
    for fw in want["facilities (excerpt)"].as_array().unwrap() {
        let id = &fw["facility_id"];
        let fg = got["facilities"].as_array().unwrap().iter().find(|f| &f["facility_id"] == id).unwrap();
        for (k, v) in fw.as_object().unwrap() {
            match k.as_str() {
                "facility_id" => {}
                "products" => {
                    for pw in v.as_array().unwrap() {
                        let pg =
                            fg["products"].as_array().unwrap().iter().find(|p| p["product"] == pw["product"]).unwrap();
                        close(&pg["t_co2e_per_unit"], &pw["t_co2e_per_unit"], "t_co2e_per_unit");
                        close(&pg["tce_per_unit"], &pw["tce_per_unit"], "tce_per_unit");
                    }
                }
                _ => close(&fg[k], v, k),
            }
        }
    }
    let tw = &want["trading"][0];
    let tg = &got["trading"][0];
    for k in [
        "allocated_t",
        "verified_t",
        "offsets_counted_t",
        "offsets_excess_t",
        "position_t",
        "shortfall_cost",
        "penalty",
    ] {
        close(&tg[k], &tw[k], k);
    }
    assert_eq!(tg["scheme"], "CN-ETS");
    assert_eq!(tg["year"], 2024);
    // Every activity line names its factors, and lines add up to the totals.
    let acts = got["activities"].as_array().unwrap();
    assert_eq!(acts.len(), 3);
    assert!(acts.iter().all(|a| !a["factor_source"].as_str().unwrap().is_empty() || a["activity"] != "grid_2023"));
    let sum: Decimal = acts.iter().map(|a| d(&a["t_co2e"])).sum();
    assert_eq!(sum, d(&got["totals"]["total_location_t_co2e"]));
    assert_eq!(acts[0]["sheet_row"], 2);
}

fn demo() -> PathBuf {
    root().join("fixtures/demo.xlsx")
}

#[test]
fn demo_book_computes_and_its_parts_add_up() {
    let got = json(&run(&["calc", demo().to_str().unwrap(), "--format", "json"]));
    let totals = &got["totals"];
    let facilities = got["facilities"].as_array().unwrap();
    assert_eq!(facilities.len(), 3);
    for k in ["scope1_t_co2e", "scope2_location_t_co2e", "scope2_market_t_co2e", "energy_tce"] {
        let sum: Decimal = facilities.iter().map(|f| d(&f[k])).sum();
        assert_eq!(sum, d(&totals[k]), "{k}");
    }
    assert!(
        d(&totals["scope2_market_t_co2e"]) < d(&totals["scope2_location_t_co2e"]),
        "green contract lowers market-based"
    );
    assert_eq!(got["trading"].as_array().unwrap().len(), 2);
    assert_eq!(got["activities"].as_array().unwrap().len(), 144);
    // 2024 grid factors are not published: the fallback is announced.
    let warnings: Vec<&str> = got["warnings"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(warnings.iter().any(|w| w.contains("2023")), "{warnings:?}");
}

#[test]
fn results_workbook_is_deterministic_and_has_its_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    for out in [&a, &b] {
        let o = run(&["calc", demo().to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "same input, same bytes");
    use calamine::Reader;
    let wb: calamine::Xlsx<_> = calamine::open_workbook(&a).unwrap();
    let names = wb.sheet_names();
    for s in ["Summary", "Ledger"] {
        assert!(names.iter().any(|n| n == s), "{s} missing from {names:?}");
    }
}

fn write_book(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                match v.parse::<f64>() {
                    Ok(n) if !v.contains(',') => ws.write_number(r as u32, c as u16, n).map(|_| ()).unwrap(),
                    _ => ws.write_string(r as u32, c as u16, *v).map(|_| ()).unwrap(),
                }
            }
        }
    }
    wb.save(path).unwrap();
}

fn base_sheets() -> Vec<(&'static str, Vec<Vec<&'static str>>)> {
    vec![
        ("Organisation", vec![vec!["field", "value"], vec!["name", "Bad Co."], vec!["reporting_year", "2024"]]),
        ("Facilities", vec![vec!["facility_id", "name"], vec!["F1", "Plant"]]),
    ]
}

#[test]
fn every_problem_is_reported_with_its_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("bad.xlsx");
    let mut sheets = base_sheets();
    sheets.push((
        "Activities",
        vec![
            vec!["facility_id", "source", "activity", "quantity", "unit"],
            vec!["F1", "stationary_combustion", "diesel", "abc", "t"],
            vec!["F1", "stationary_combustion", "dísel", "5", "t"],
            vec!["F9", "stationary_combustion", "diesel", "5", "t"],
            vec!["F1", "stationary_combustion", "diesel", "-5", "t"],
            vec!["F1", "stationary_combustion", "diesel", "5", "furlong"],
            vec!["F1", "stationary_combustion", "diesel", "5", "MWh"],
            vec!["F1", "stationary_combustion", "diesel", "5", "kWh"],
        ],
    ));
    write_book(&book, &sheets);
    let out = dir.path().join("out.json");
    std::fs::write(&out, "previous").unwrap();
    let o = run(&["calc", book.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("Activities!D2"), "{err}");
    assert!(err.contains("\"abc\""), "{err}");
    assert!(err.contains("Activities!C3") && err.contains("diesel"), "nearest key suggested: {err}");
    assert!(err.contains("Activities!A4") && err.contains("F9"), "{err}");
    assert!(err.contains("Activities!D5"), "{err}");
    assert!(err.contains("Activities!E6") && err.contains("furlong"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous", "an existing output is never changed");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left behind: {leftovers:?}");
}

#[test]
fn validate_accepts_a_good_book_and_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("template.xlsx");
    let o = run(&["template", t.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["validate", demo().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["validate", t.to_str().unwrap()]);
    assert!(o.status.code() == Some(0) || o.status.code() == Some(1), "{}", stderr(&o));
}

#[test]
fn broken_files_get_one_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.xlsx");
    std::fs::write(&text, "this is not a workbook\n").unwrap();
    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, "").unwrap();
    let truncated = dir.path().join("truncated.xlsx");
    let bytes = std::fs::read(demo()).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let random = dir.path().join("random.xls");
    std::fs::write(&random, (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect::<Vec<_>>())
        .unwrap();
    for f in [&text, &empty, &truncated, &random, &dir.path().join("missing.xlsx")] {
        let o = run(&["validate", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{}: {}", f.display(), stderr(&o));
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.trim().is_empty());
    }
}

#[test]
fn third_party_workbooks_get_clear_errors_never_a_crash() {
    let dir = fixtures().join("realworld");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "xlsx" | "xls" | "csv" | "ods") {
            continue;
        }
        seen += 1;
        let o = run(&["validate", path.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{}: {err}", path.display());
        assert!(!err.contains("panicked"), "{}: {err}", path.display());
        assert!(err.contains("Organisation") || err.contains("Facilities"), "{}: {err}", path.display());
    }
    assert!(seen >= 10, "expected the realworld files, found {seen}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["calc"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["calc", "x.xlsx", "--format", "pdf"]).status.code(), Some(2));
    let o = run(&["--help"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("template"));
}

#[test]
fn factors_lists_values_with_sources() {
    let o = run(&["factors", "diesel"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("cn.fuel.diesel.ncv") && out.contains("42.652") && out.contains("GB/T 32151"), "{out}");
    let o = run(&["factors", "grid.average.national", "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(rows.as_array().unwrap().iter().any(|r| r["value"] == "0.5306" && r["period"] == "2023"));
}

// The published sets end to end: a UK book under `desnz-2020` (uk-ghg-
// conversion-factors-2020-flat-file.xlsx, "Factors by Category": K54 natural
// gas 0.18387 kg CO2e/kWh Gross CV, K1930 UK electricity 0.23314 kg
// CO2e/kWh) with one US grid factor taken by reference from the EPA Hub 2024
// (Table 6, E351: RFC West 1000.053 lb CO2/MWh).
#[test]
fn published_sets_and_factor_references_through_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("uk.xlsx");
    write_book(
        &book,
        &[
            (
                "Organisation",
                vec![
                    vec!["field", "value"],
                    vec!["name", "UK Co"],
                    vec!["reporting_year", "2020"],
                    vec!["methodology", "desnz-2020"],
                    vec!["gwp", "AR4"],
                ],
            ),
            ("Facilities", vec![vec!["facility_id", "country"], vec!["L1", "GB"]]),
            (
                "Activities",
                vec![
                    vec!["facility_id", "source", "activity", "quantity", "unit"],
                    vec![
                        "L1",
                        "stationary_combustion",
                        "desnz.fuels.gaseous_fuels.natural_gas.energy_gross_cv",
                        "100000",
                        "kWh",
                    ],
                    vec!["L1", "purchased_electricity", "electricity", "1000", "MWh"],
                    vec!["L1", "purchased_electricity", "us_office", "10", "MWh"],
                ],
            ),
            ("Factors", vec![vec!["factor_key", "factor_id"], vec!["us_office", "epa2024.egrid.rfcw.total.co2"]]),
        ],
    );
    let v = json(&run(&["calc", book.to_str().unwrap(), "--format", "json"]));
    assert_eq!(v["organisation"]["methodology"], "desnz-2020");
    assert_eq!(d(&v["totals"]["scope1_t_co2e"]), Decimal::new(18387, 3));
    let lb = Decimal::new(45359237, 11); // t per lb
    let us = Decimal::new(1000053, 2) * lb; // 10 MWh × 1000.053 lb
    assert_eq!(d(&v["totals"]["scope2_location_t_co2e"]), Decimal::new(23314, 2) + us);
    let sources: Vec<&str> =
        v["activities"].as_array().unwrap().iter().map(|a| a["factor_source"].as_str().unwrap()).collect();
    assert!(sources[0].contains("cell K54"), "{}", sources[0]);
    assert!(sources[1].contains("cell K1930"), "{}", sources[1]);
    assert!(sources[2].contains("Table 6") && sources[2].contains("cell E351"), "{}", sources[2]);
}

/// `carbonbook factors | head`: the reader closes the pipe early; the
/// output ends there, quietly, and the command succeeds (no panic).
#[test]
fn a_reader_that_stops_early_is_no_failure() {
    use std::io::Read;
    use std::process::Stdio;
    for args in [&["factors"][..], &["factors", "--json"][..]] {
        let mut child =
            bin().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the binary runs");
        // Far more than a pipe holds is printed; read a little, then hang up.
        let mut first = [0u8; 64];
        child.stdout.take().expect("piped").read_exact(&mut first).expect("some output");
        let out = child.wait_with_output().expect("the binary ends");
        let err = stderr(&out);
        assert!(out.status.success(), "{args:?}: exit {:?}: {err}", out.status.code());
        assert!(!err.contains("internal error") && !err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

// Output safety: an output that is the input is refused (exit 2) and the
// input is unchanged, byte for byte, whatever command and however it is
// named (same path, `..`, a symbolic or hard link).
#[test]
fn an_output_naming_the_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.xlsx");
    std::fs::copy(demo(), &book).unwrap();
    let before = std::fs::read(&book).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let dotted = dir.path().join("sub/../book.xlsx");
    let hard = dir.path().join("hard.xlsx");
    std::fs::hard_link(&book, &hard).unwrap();
    let profile = root().join("fixtures/profiles").read_dir().unwrap().flatten().next().unwrap().path();
    let (b, d, h) = (book.to_str().unwrap(), dotted.to_str().unwrap(), hard.to_str().unwrap());
    for args in [
        vec!["calc", b, "-o", b],
        vec!["calc", b, "-o", d, "--format", "xlsx"],
        vec!["calc", b, "-o", h, "--format", "json"],
        vec!["report", b, "--kind", "inventory", "--format", "html", "-o", b],
        vec!["convert", b, "--profile", profile.to_str().unwrap(), "-o", d],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("refusing to write"), "{args:?}: {}", stderr(&o));
        assert_eq!(std::fs::read(&book).unwrap(), before, "{args:?} changed the input");
    }
    // The profile is an input too.
    let prof_copy = dir.path().join("p.toml");
    std::fs::copy(&profile, &prof_copy).unwrap();
    let p = prof_copy.to_str().unwrap();
    let o = run(&["convert", b, "--profile", p, "-o", p]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&prof_copy).unwrap(), std::fs::read(&profile).unwrap());
}

// A device named as the output is written in place, never replaced by a
// regular file (the atomic rename would turn /dev/null into a file).
#[cfg(unix)]
#[test]
fn a_device_as_output_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let demo = demo();
    let demo = demo.to_str().unwrap();
    for args in [
        vec!["calc", demo, "-o", "/dev/null", "--format", "json"],
        vec!["calc", demo, "-o", "/dev/null", "--format", "xlsx", "-q"],
        vec!["report", demo, "--kind", "energy", "--format", "md", "-o", "/dev/null", "-q"],
    ] {
        let o = run(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "{args:?}");
    }
    // A device that refuses the bytes is an error naming it, and stays a device.
    if Path::new("/dev/full").exists() {
        let o = run(&["calc", demo, "-o", "/dev/full", "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("/dev/full"), "{}", stderr(&o));
        assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device());
    }
}

// Workbook-v2 through the command (workbook-v2 §1–§4, §10): Chinese names in key columns,
// biomass_fraction, steam by enthalpy, litres with a density, exported electricity and a row of
// another year, each with its figure in the summary JSON. 2024, China national grid.
#[test]
fn a_workbook_v2_book_gives_its_new_figures_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("v2.xlsx");
    let mut sheets = base_sheets();
    sheets.push((
        "Activities",
        vec![
            vec![
                "facility_id",
                "source",
                "activity",
                "quantity",
                "unit",
                "period",
                "biomass_fraction",
                "density",
                "density_unit",
                "enthalpy",
            ],
            vec!["F1", "化石燃料燃烧", "烟煤", "100", "t", "2024-01", "20%", "", "", ""],
            vec!["F1", "stationary_combustion", "柴油", "1000", "L", "2024-02", "", "0.84", "kg/L", ""],
            vec!["F1", "purchased_heat", "heat", "100", "t", "2024-03", "", "", "", "2800"],
            vec!["F1", "输出电力", "电力", "400", "MWh", "2024-04", "", "", "", ""],
            vec!["F1", "stationary_combustion", "diesel", "5", "t", "2023-12", "", "", "", ""],
        ],
    ));
    write_book(&book, &sheets);
    let got = json(&run(&["calc", book.to_str().unwrap(), "--format", "json"]));
    let t = &got["totals"];
    // 100 t bituminous coal, 20 % biogenic: 34.8349914 t CO2 (GB/T 32151 Table C.1; 44/12 exact).
    assert_eq!(d(&t["biogenic_co2_t"]), "34.8349914".parse::<Decimal>().unwrap());
    // 400 MWh exported at the 2023 national average 0.5306 (the latest before 2024): 212.24 t.
    assert_eq!(d(&t["exported_t_co2e"]), "212.24".parse::<Decimal>().unwrap());
    assert_eq!(
        d(&t["total_location_t_co2e"]),
        d(&t["scope1_t_co2e"]) + d(&t["scope2_location_t_co2e"]) - d(&t["exported_t_co2e"])
    );
    // Steam: 271.626 GJ × 0.11 t/GJ.
    assert_eq!(d(&t["scope2_location_t_co2e"]), "29.87886".parse::<Decimal>().unwrap());
    let excluded = got["excluded"].as_array().unwrap();
    assert_eq!(excluded.len(), 1);
    assert_eq!(excluded[0]["sheet_row"], 6);
    assert_eq!(excluded[0]["period"], "2023-12");
    // The litres of diesel are shown as given.
    let diesel = &got["activities"][1];
    assert_eq!((diesel["quantity"].as_str(), diesel["unit"].as_str()), (Some("1000"), Some("L")));
}

// The Refrigerants sheet (workbook-v2 §5): emissions = (start − end) + (purchased − sold) +
// (retired − new). R-410A: (120 − 100) + (30 − 0) + (0 − 25) = 25 kg; on AR5, 12.5 kg HFC-32 × 677
// + 12.5 kg HFC-125 × 3170 = 48.0875 t CO2e, Scope 1. A balance below zero is an error naming its
// cell, and nothing is written.
#[test]
fn the_refrigerants_sheet_is_a_mass_balance() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("r.xlsx");
    let header = vec![
        "facility_id",
        "gas",
        "year",
        "inventory_start_kg",
        "inventory_end_kg",
        "purchased_kg",
        "sold_kg",
        "new_equipment_charge_kg",
        "retired_equipment_charge_kg",
    ];
    let mut sheets = base_sheets();
    sheets.push(("Activities", vec![vec!["facility_id", "source", "activity", "quantity", "unit"]]));
    sheets.push(("Refrigerants", vec![header.clone(), vec!["F1", "R-410A", "2024", "120", "100", "30", "", "25", ""]]));
    write_book(&book, &sheets);
    let got = json(&run(&["calc", book.to_str().unwrap(), "--format", "json"]));
    assert_eq!(d(&got["totals"]["scope1_t_co2e"]), "48.0875".parse::<Decimal>().unwrap());
    let line = &got["activities"][0];
    assert_eq!((line["sheet"].as_str(), line["sheet_row"].as_u64()), (Some("Refrigerants"), Some(2)));
    assert_eq!((line["activity"].as_str(), line["quantity"].as_str()), (Some("R-410A"), Some("25")));

    let mut sheets = base_sheets();
    sheets.push(("Activities", vec![vec!["facility_id", "source", "activity", "quantity", "unit"]]));
    sheets.push(("Refrigerants", vec![header, vec!["F1", "R-410A", "2024", "10", "100", "", "", "", ""]]));
    write_book(&book, &sheets);
    let out = dir.path().join("out.json");
    let o = run(&["calc", book.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("Refrigerants!E2"), "{}", stderr(&o));
    assert!(!out.exists());
}

// ---- hostile and odd inputs (issue #17): refused fast with one clear
// message, exit 1, nothing written, the input unchanged ----

/// Writes a workbook whose Activities sheet holds its header and then
/// `rows` rows made by `row` (streamed into the archive, never in memory).
fn write_row_bomb(path: &Path, rows: u32, row: impl Fn(u32, &mut Vec<u8>)) {
    use std::io::Write;
    const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let sheets = ["Organisation", "Facilities", "Activities"];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let fast = zip::write::SimpleFileOptions::default().compression_level(Some(1));
    let mut part = |name: &str, body: &str| {
        zip.start_file(name, fast).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    let listed: String = sheets
        .iter()
        .enumerate()
        .map(|(i, n)| format!(r#"<sheet name="{n}" sheetId="{}" r:id="rId{}"/>"#, i + 1, i + 1))
        .collect();
    part(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{listed}</sheets></workbook>"#
        ),
    );
    let rels: String = (1..=sheets.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    part(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    let text_row = |r: u32, cells: &[&str]| -> String {
        let cells: String = cells
            .iter()
            .enumerate()
            .map(|(c, t)| format!(r#"<c r="{}{r}" t="inlineStr"><is><t>{t}</t></is></c>"#, char::from(b'A' + c as u8)))
            .collect();
        format!(r#"<row r="{r}">{cells}</row>"#)
    };
    let sheet = |rows: String| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>"#
        )
    };
    part(
        "xl/worksheets/sheet1.xml",
        &sheet(
            text_row(1, &["field", "value"]) + &text_row(2, &["name", "X"]) + &text_row(3, &["reporting_year", "2024"]),
        ),
    );
    part("xl/worksheets/sheet2.xml", &sheet(text_row(1, &["facility_id"]) + &text_row(2, &["F1"])));
    zip.start_file("xl/worksheets/sheet3.xml", fast.large_file(true)).unwrap();
    write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>"#).unwrap();
    zip.write_all(text_row(1, &["facility_id", "source", "activity", "quantity", "unit"]).as_bytes()).unwrap();
    let mut chunk = Vec::with_capacity(1 << 20);
    for r in 2..rows + 2 {
        row(r, &mut chunk);
        if chunk.len() >= 1 << 20 {
            zip.write_all(&chunk).unwrap();
            chunk.clear();
        }
    }
    zip.write_all(&chunk).unwrap();
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap();
}

/// Runs `args`, which must fail with exit status 1 and a message holding
/// `want`, leaving `input` as it was and writing nothing into `dir` but
/// what was there.
fn refused(args: &[&str], want: &str, input: &Path, dir: &Path) {
    let before = std::fs::read(input).unwrap();
    let listed = |d: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name()).collect();
        v.sort();
        v
    };
    let files = listed(dir);
    let o = run(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains(want), "{args:?}: {err}");
    assert!(!err.contains("panicked") && !err.contains("internal error"), "{args:?}: {err}");
    assert!(o.stdout.is_empty(), "{args:?}: nothing on standard output");
    assert_eq!(std::fs::read(input).unwrap(), before, "{args:?} changed the input");
    assert_eq!(listed(dir), files, "{args:?} left a file behind");
}

// Issue #17: a workbook whose sheet holds more rows than a worksheet can
// (1,048,576) is refused when the reader passes that row, by every command
// that reads it; rows without cells, which the spreadsheet reader passes
// over without a word, are caught as well. (How fast: see the benchmark
// notes; a release build refuses a 2 GB row bomb in about a second.)
#[test]
fn a_row_bomb_is_refused_with_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bomb = d.join("bomb.xlsx");
    write_row_bomb(&bomb, 1_100_000, |r, out| {
        out.extend_from_slice(b"<row r=\"");
        out.extend_from_slice(r.to_string().as_bytes());
        out.extend_from_slice(b"\"/>");
    });
    let b = bomb.to_str().unwrap();
    let json = d.join("out.json");
    let xlsx = d.join("out.xlsx");
    let profile = d.join("p.toml");
    std::fs::write(
        &profile,
        "profile = 1\n[organisation]\nname = \"X\"\nreporting_year = 2024\n[[table]]\ninto = \"Activities\"\nsheet = \"Activities\"\nmerged = \"fill\"\n[table.columns]\nfacility_id = { column = \"facility_id\" }\nsource = { column = \"source\" }\nactivity = { column = \"activity\" }\nquantity = { column = \"quantity\" }\nunit = { column = \"unit\" }\n",
    )
    .unwrap();
    let p = profile.to_str().unwrap();
    let want = "the sheet \"Activities\" (part xl/worksheets/sheet3.xml) has more than 1,048,576 rows, beyond the 1,048,576 rows a worksheet holds; the file is refused";
    for args in [
        vec!["validate", b],
        vec!["calc", b, "-o", json.to_str().unwrap()],
        vec!["calc", b, "-o", xlsx.to_str().unwrap()],
        vec!["inspect", b],
        vec!["convert", b, "--profile", p, "-o", xlsx.to_str().unwrap()],
        vec!["calc", b, "--profile", p, "--format", "json"],
    ] {
        refused(&args, want, &bomb, d);
    }
}

#[test]
fn a_csv_line_longer_than_the_limit_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let csv = d.join("Activities.csv");
    let mut text = String::from("facility_id,source,activity,quantity,unit\nF1,stationary_combustion,diesel,1,t\n");
    text.push_str("F1,stationary_combustion,\"");
    text.push_str(&"x".repeat(17 << 20));
    text.push_str("\",1,t\n");
    std::fs::write(&csv, text).unwrap();
    let c = csv.to_str().unwrap();
    let want =
        "Activities.csv: line 3 (more than 16 MiB long) exceeds the limit of 16 MiB for one line; the file is refused";
    refused(&["validate", c], want, &csv, d);
    refused(&["inspect", c], want, &csv, d);
}

/// A book of CSV files in `dir`: the base sheets, the Factors sheet and the
/// Activities rows given (the Activities header comes first).
fn csv_book(dir: &Path, factors: &str, activities: &[&str]) -> PathBuf {
    let book = dir.join("book");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(book.join("Organisation.csv"), "field,value\nname,Example Co.\nreporting_year,2024\n").unwrap();
    std::fs::write(book.join("Facilities.csv"), "facility_id,name,country\nF1,Plant,CN\n").unwrap();
    if !factors.is_empty() {
        std::fs::write(book.join("Factors.csv"), format!("factor_key,gas,value,unit,source\n{factors}\n")).unwrap();
    }
    let mut rows = String::from("facility_id,source,activity,quantity,unit,period\n");
    for r in activities {
        rows.push_str(r);
        rows.push('\n');
    }
    std::fs::write(book.join("Activities.csv"), rows).unwrap();
    book
}

#[test]
fn a_number_out_of_range_is_called_out_of_range() {
    let dir = tempfile::tempdir().unwrap();
    let book = csv_book(dir.path(), "", &["F1,stationary_combustion,diesel,1e308,t,2024-01"]);
    let o = run(&["validate", book.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "Activities!D2: quantity is out of range, found \"1e308\": numbers may be at most \
         ±79,228,162,514,264,337,593,543,950,335 (about 7.9e28)\n1 problem(s) found; nothing was written.\n"
    );
}

#[test]
fn an_unreadable_factor_is_reported_once_with_the_rows_it_affects() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<String> = (1..=24).map(|i| format!("F1,stationary_combustion,kiln_fuel,{i}00,t,2024-01")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let book = csv_book(dir.path(), "kiln_fuel,CO2,1e30,t/t,supplier", &rows);
    let o = run(&["validate", book.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "Factors!C2: value is out of range, found \"1e30\": numbers may be at most \
         ±79,228,162,514,264,337,593,543,950,335 (about 7.9e28)\n  \
         24 Activities rows use \"kiln_fuel\" and are not computed for it: Activities!C2:C25\n\
         1 problem(s) found; nothing was written.\n"
    );
    // A factor in range but so large that every row overflows: the error
    // once, the rows under it.
    let dir = tempfile::tempdir().unwrap();
    let book = csv_book(dir.path(), "kiln_fuel,CO2,1e27,t/t,supplier", &rows);
    let o = run(&["validate", book.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(err.contains("\n  the same in 23 more rows: Activities!D3:D25\n"), "{err}");
}

#[test]
fn digits_of_other_scripts_are_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let book = csv_book(
        dir.path(),
        "",
        &[
            "F1,stationary_combustion,diesel,١٢٣٫٥,t,2024-01",
            "F1,stationary_combustion,diesel,۱۲,t,2024-02",
            "F1,stationary_combustion,diesel,१०,t,2024-03",
        ],
    );
    let got = json(&run(&["calc", book.to_str().unwrap(), "--format", "json"]));
    let quantities: Vec<Decimal> = got["activities"].as_array().unwrap().iter().map(|a| d(&a["quantity"])).collect();
    assert_eq!(quantities, [Decimal::new(1235, 1), Decimal::new(12, 0), Decimal::new(10, 0)]);
}

/// `report --format pdf`: the power-plant demo's ETS statement in Chinese
/// and English, typeset in process; the same book gives the same bytes; an
/// empty `--font-dir` adds nothing and still finds the installed fonts.
#[test]
#[ignore = "needs a CJK font (Debian: fonts-noto-cjk); .ci/run installs it"]
fn report_writes_pdf_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let book = root().join("fixtures/power-plant.xlsx");
    let book = book.to_str().unwrap();
    for lang in ["zh", "en"] {
        let a = dir.path().join(format!("ets-{lang}.pdf"));
        let b = dir.path().join(format!("ets-{lang}-again.pdf"));
        for out in [&a, &b] {
            let o = run(&[
                "report",
                book,
                "--kind",
                "ets",
                "--format",
                "pdf",
                "--lang",
                lang,
                "-q",
                "--font-dir",
                dir.path().to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ]);
            assert!(o.status.success(), "{}", stderr(&o));
        }
        let bytes = std::fs::read(&a).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert_eq!(bytes, std::fs::read(&b).unwrap(), "{lang}: same bytes");
    }
}

/// `report` takes its format from `-o`'s extension, and refuses a
/// `--format` that contradicts it (never HTML written into a .pdf), or an
/// output that names no format, with exit 2 and nothing written.
#[test]
fn report_format_follows_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo();
    let book = book.to_str().unwrap();
    let md = dir.path().join("r.md");
    let o = run(&["report", book, "--kind", "energy", "--lang", "en", "-q", "-o", md.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));

    let pdf = dir.path().join("r.pdf");
    let o = run(&["report", book, "--kind", "energy", "--format", "html", "-q", "-o", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--format html does not match"), "{}", stderr(&o));
    assert!(!pdf.exists());

    let none = dir.path().join("report");
    let o = run(&["report", book, "--kind", "energy", "-q", "-o", none.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("give --format"), "{}", stderr(&o));
    assert!(!none.exists());
}

/// The demo enters diesel in t (K1, K2) and in kg (G1), and electricity in
/// 10^4 kWh and MWh: the energy report has one line per carrier, in the
/// unit of its first row, its quantity the rows' sum converted
/// (1,030.28 t + 644.76 t + 98,770 kg = 1,773.81 t), and the summary JSON
/// gives the same line in `energy_by_carrier`.
#[test]
fn the_energy_report_has_one_line_per_carrier() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("energy.md");
    let demo = demo();
    let o =
        run(&["report", demo.to_str().unwrap(), "--kind", "energy", "--lang", "en", "-q", "-o", md.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&md).unwrap();
    let diesel: Vec<&str> = text.lines().filter(|l| l.starts_with("| Diesel |")).collect();
    assert_eq!(diesel.len(), 1, "{text}");
    assert!(diesel[0].starts_with("| Diesel | 1,773.81 | t |"), "{}", diesel[0]);
    assert_eq!(text.lines().filter(|l| l.starts_with("| Electricity |")).count(), 1, "{text}");
    let json = dir.path().join("summary.json");
    let o = run(&["calc", demo.to_str().unwrap(), "--format", "json", "-q", "-o", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let line = v["energy_by_carrier"].as_array().unwrap().iter().find(|c| c["activity"] == "diesel").unwrap();
    assert_eq!(line["unit"], "t");
    assert_eq!(
        line["quantity"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap(),
        rust_decimal_macros::dec!(1773.81)
    );
}

/// A Chinese report lists the run's warnings once, on their cells, in
/// Chinese where the engine has the words (the demo's: the 2024 grid
/// factors are not yet published); an English report in English.
#[test]
fn report_warnings_are_in_the_reports_language_once() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo();
    for (lang, want, not) in [
        ("zh", "Activities!A5: cn.grid.average.east 尚未公布 2024 年的因子", "is published for data year"),
        ("en", "Activities!A5: no cn.grid.average.east factor is published for data year 2024", "尚未公布"),
    ] {
        let md = dir.path().join(format!("cn-ghg-{lang}.md"));
        let o = run(&[
            "report",
            demo.to_str().unwrap(),
            "--kind",
            "cn-ghg",
            "--lang",
            lang,
            "-q",
            "-o",
            md.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&md).unwrap();
        assert_eq!(text.matches(want).count(), 1, "{lang}: {text}");
        assert!(!text.contains(not), "{lang}: {text}");
    }
}

/// The reader's warnings are in the report's language too: an unknown
/// column of a Chinese user's book is named in Chinese in a Chinese report.
#[test]
fn reader_warnings_are_in_the_reports_language() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(book.join("Organisation.csv"), "field,value\nname,示例公司\nreporting_year,2024\n").unwrap();
    std::fs::write(book.join("Facilities.csv"), "facility_id,name,country,grid_region\nF1,一厂,CN,east\n").unwrap();
    std::fs::write(
        book.join("Activities.csv"),
        "facility_id,source,activity,quantity,unit,mystery\nF1,stationary_combustion,diesel,10,t,x\n",
    )
    .unwrap();
    let md = dir.path().join("r.md");
    let o =
        run(&["report", book.to_str().unwrap(), "--kind", "cn-ghg", "--lang", "zh", "-q", "-o", md.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("Activities!F1: 无法识别的列“mystery”被忽略"), "{text}");
    // The library's grid region is named as the MEE announcements name it, key beside.
    assert!(text.contains("| 一厂 | "), "{text}");
    assert!(text.contains("华东（east）"), "{text}");
    // The command line speaks English, as before.
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("unknown column \"mystery\" is ignored"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
