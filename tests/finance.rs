//! Green finance end to end (workbook-v2 §9, §10): the demo portfolio book
//! `fixtures/finance/portfolio_demo.xlsx` through `carbonbook calc`,
//! `validate` and `report --kind finance`, and bad Portfolio and Projects
//! rows named by their cells.

use std::path::PathBuf;
use std::process::{Command, Output};

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_carbonbook"))
}

fn book() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/finance/portfolio_demo.xlsx")
}

fn calc(path: &std::path::Path) -> Output {
    bin().args(["calc", path.to_str().unwrap(), "--format", "json"]).output().unwrap()
}

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a decimal string")).parse().unwrap()
}

fn summary() -> Value {
    let o = calc(&book());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The borrower's own inventory flows to its lender unchanged: BL-001 takes
/// Scope 1 and location-based Scope 2 from `cement_summary.json` (the
/// summary of `fixtures/demo.xlsx`); PCAF 5.2: × 800 m ÷ 6,400 m = 0.125.
#[test]
fn a_borrowers_summary_json_is_attributed_unchanged() {
    let got = summary();
    let cement: Value =
        serde_json::from_str(&std::fs::read_to_string(book().with_file_name("cement_summary.json")).unwrap()).unwrap();
    let e = &got["finance"]["exposures"][0];
    assert_eq!(e["exposure_id"], "BL-001");
    assert_eq!(d(&e["attribution_factor"]), dec!(0.125));
    let t = &cement["totals"];
    assert_eq!(
        d(&e["financed_t_co2e"]),
        (d(&t["scope1_t_co2e"]) + d(&t["scope2_location_t_co2e"])) * dec!(800000000) / dec!(6400000000)
    );
    assert_eq!(e["financed_scope3_t_co2e"], Value::Null);
    assert_eq!(e["data_quality"], "2"); // option 1b, Table 5.2-1
}

/// PCAF Part A (3rd ed.) rules on the demo rows, figures written out.
#[test]
fn the_demo_portfolio_by_the_standard() {
    let got = summary();
    let f = &got["finance"];
    let by_id = |id: &str| f["exposures"].as_array().unwrap().iter().find(|e| e["exposure_id"] == id).unwrap().clone();
    // 5.2 fn 75: equity −20 m counts as 0; 50 m ÷ 250 m = 0.2; 0.2 × (30,000 + 2,500) = 6,500 t.
    let e = by_id("BL-003");
    assert_eq!((d(&e["attribution_factor"]), d(&e["financed_t_co2e"])), (dec!(0.2), dec!(6500)));
    // 5.6 p. 91: vehicle value unknown, 100 %: 48 t.
    let e = by_id("MV-002");
    assert_eq!((d(&e["attribution_factor"]), d(&e["financed_t_co2e"])), (dec!(1), dec!(48)));
    // 5.1: 300 m ÷ EVIC 48,000 m = 0.00625; × 9,640,000 = 60,250 t; Scope 3 apart: × 1,200,000 = 7,500 t.
    let e = by_id("LE-001");
    assert_eq!(d(&e["financed_t_co2e"]), dec!(60250));
    assert_eq!(d(&e["financed_scope3_t_co2e"]), dec!(7500));
    // 5.5: 2.5 m ÷ 3.2 m = 0.78125; × 3.4 t = 2.65625 t; DQ 4 given as a number.
    let e = by_id("MG-001");
    assert_eq!((d(&e["financed_t_co2e"]), &e["data_quality"]), (dec!(2.65625), &Value::from("4")));
    // Totals add up by class and overall; Scope 3 is not in financed_t_co2e.
    let classes = f["by_asset_class"].as_array().unwrap();
    let sum: Decimal = classes.iter().map(|c| d(&c["financed_t_co2e"])).sum();
    assert_eq!(sum, d(&f["financed_t_co2e"]));
    let exposures: Decimal = f["exposures"].as_array().unwrap().iter().map(|e| d(&e["financed_t_co2e"])).sum();
    assert_eq!(exposures, d(&f["financed_t_co2e"]));
    let outstanding: Decimal = classes.iter().map(|c| d(&c["outstanding"])).sum();
    // 6.1 p. 166: per million invested.
    assert_eq!(d(&f["per_million_invested"]), d(&f["financed_t_co2e"]) * dec!(1000000) / outstanding);
    // Box 6.1-6: Σ(outstanding × score) ÷ Σ outstanding, between the smallest and largest score.
    let w: Decimal = f["exposures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let o = d(&by_id(e["exposure_id"].as_str().unwrap())["outstanding"]);
            o * d(&e["data_quality"])
        })
        .sum();
    assert_eq!(d(&f["weighted_data_quality"]), w / outstanding);
    let warnings: Vec<&str> = got["warnings"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with("Portfolio!G4: total_equity") && w.contains("negative")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.starts_with("Portfolio!J11: vehicle_value") && w.contains("100 %")),
        "{warnings:?}"
    );
}

/// CDM tool 07 Step 6 weights; ACM0002 ER = EG × EF_CM − PE; × loan ÷ investment.
#[test]
fn the_demo_projects_by_the_combined_margin() {
    let got = summary();
    let p = &got["finance"]["projects"];
    // Solar: 120,000 MWh × (0.75 × 0.8 + 0.25 × 0.3) = 81,000 t; 400 ÷ 600 of it = 54,000 t;
    // coal saved 120,000 MWh × 300 gce/kWh ÷ 1,000 = 36,000 tce.
    assert_eq!((d(&p[0]["reduction_t"]), d(&p[0]["attributed_reduction_t"])), (dec!(81000), dec!(54000)));
    assert_eq!(d(&p[0]["energy_saved_tce"]), dec!(36000));
    // Hydro in its second crediting period: w_OM 0.25, w_BM 0.75: 300,000 × (0.1875 + 0.15) = 101,250 t.
    assert_eq!(d(&p[2]["reduction_t"]), dec!(101250));
    assert_eq!(p[2]["w_om"], "0.25");
    // Energy saving: baseline − project = 86,000 − 61,000 = 25,000 t.
    assert_eq!((d(&p[3]["reduction_t"]), &p[3]["method"]), (dec!(25000), &Value::from("baseline")));
    let sum: Decimal = p.as_array().unwrap().iter().map(|x| d(&x["reduction_t"])).sum();
    assert_eq!(sum, d(&got["finance"]["reduction_t"]));
}

#[test]
fn validate_and_the_finance_report_in_every_format_and_language() {
    let o = bin().args(["validate", book().to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Portfolio: 11 exposures; Projects: 4 projects"));
    let dir = tempfile::tempdir().unwrap();
    for lang in ["en", "zh"] {
        for format in ["html", "md", "json", "csv", "xlsx"] {
            let out = dir.path().join(format!("finance_{lang}.{format}"));
            let o = bin()
                .args(["report", book().to_str().unwrap(), "--kind", "finance", "--format", format, "--lang", lang])
                .args(["-o", out.to_str().unwrap()])
                .output()
                .unwrap();
            assert!(o.status.success(), "{format} {lang}: {}", String::from_utf8_lossy(&o.stderr));
            assert!(std::fs::metadata(&out).unwrap().len() > 1000, "{format} {lang}");
        }
    }
    let text = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let md = text("finance_en.md");
    assert!(md.contains("Financed emissions by asset class") && md.contains("Emission reduction"), "{md}");
    for name in ["finance_zh.html", "finance_zh.md"] {
        let zh = text(name);
        assert!(zh.contains("碳减排量") && zh.contains("节约标准煤"), "{name}");
    }
    // The report's JSON model carries the summary's exact total.
    let total = d(&summary()["finance"]["financed_t_co2e"]).to_string();
    for lang in ["en", "zh"] {
        assert!(text(&format!("finance_{lang}.json")).contains(&total), "{lang}");
        assert!(text(&format!("finance_{lang}.csv")).lines().count() > 10, "{lang}");
    }
}

/// `calc -o results.xlsx` writes a Finance sheet beside the others.
#[test]
fn the_results_workbook_has_a_finance_sheet() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results.xlsx");
    let o = bin().args(["calc", book().to_str().unwrap(), "-o", out.to_str().unwrap(), "-q"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert!(wb.sheet_names().iter().any(|n| n == "Finance"), "{:?}", wb.sheet_names());
    let range = wb.worksheet_range("Finance").unwrap();
    let cells: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
    for want in ["BL-001", "LE-001", "P-01"] {
        assert!(cells.iter().any(|c| c == want), "{want} not on the Finance sheet");
    }
}

/// Every problem in one run, each on its cell: an unknown asset class, a
/// denominator missing, a marginal factor missing (never replaced by the
/// grid average), a summary file that is not there.
#[test]
fn bad_rows_are_named_by_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Organisation.csv"), "field,value\nname,Bank\nreporting_year,2024\n").unwrap();
    std::fs::write(
        dir.path().join("Portfolio.csv"),
        "exposure_id,asset_class,outstanding,property_value,scope1_t,data_quality,summary_json\n\
         A,loan,10,,1,,\n\
         B,mortgage,10,,1,2,\n\
         C,mortgage,10,20,,3a,\n\
         D,business_loan,10,,,,missing.json\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Projects.csv"),
        "project_id,kind,net_generation_mwh,om_factor,bm_factor,loan_balance,total_investment\nP,wind,100,0.9,,1,2\n",
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("summary.json");
    let o = bin().args(["calc", dir.path().to_str().unwrap(), "-o", out.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "nothing is written when a row is wrong");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("5 problem(s) found; nothing was written."), "{err}");
    for want in [
        "Portfolio!B2: asset_class: expected one of listed_equity",
        "Portfolio!F4: data_quality: expected a PCAF data-quality score 1–5 or an option of Table 5.5-1",
        "Portfolio!G5: summary_json: cannot read the summary \"missing.json\"",
        "Portfolio!D3: a mortgage exposure is attributed by outstanding ÷ property value at origination",
        "Projects!E2: bm_factor is needed",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
}

/// `cement_summary.json` is what `carbonbook calc` gives for
/// `fixtures/demo.xlsx` today: the totals the lender reads are the
/// borrower's own.
#[test]
fn the_borrowers_summary_is_carbonbooks_own_output() {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo.xlsx");
    let o = calc(&demo);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let now: Value = serde_json::from_slice(&o.stdout).unwrap();
    let kept: Value =
        serde_json::from_str(&std::fs::read_to_string(book().with_file_name("cement_summary.json")).unwrap()).unwrap();
    assert_eq!(kept["schema"], "carbonbook.summary.v1");
    for t in ["scope1_t_co2e", "scope2_location_t_co2e", "scope2_market_t_co2e"] {
        assert_eq!(d(&now["totals"][t]), d(&kept["totals"][t]), "{t}");
    }
}

/// The `summary_json` column: Scope 2 location-based by default, market-based
/// with `scope2_basis` = market; a Scope 1 cell given beside the file wins,
/// with a warning naming the cell. The figures are the summary's exact
/// decimals: 1 ÷ 10 of each.
#[test]
fn summary_json_scope2_basis_and_a_cell_that_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(book().with_file_name("cement_summary.json"), dir.path().join("cement.json")).unwrap();
    std::fs::write(dir.path().join("Organisation.csv"), "field,value\nname,Bank\nreporting_year,2024\n").unwrap();
    std::fs::write(
        dir.path().join("Portfolio.csv"),
        "exposure_id,asset_class,outstanding,total_equity_plus_debt,scope1_t,data_quality,summary_json,scope2_basis\n\
         L,business_loan,1,10,,1b,cement.json,\n\
         M,business_loan,1,10,,1b,cement.json,market\n\
         C,business_loan,1,10,1000,1b,cement.json,\n",
    )
    .unwrap();
    let o = calc(dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got: Value = serde_json::from_slice(&o.stdout).unwrap();
    let cement: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("cement.json")).unwrap()).unwrap();
    let t = |k: &str| d(&cement["totals"][k]);
    let e = &got["finance"]["exposures"];
    let tenth = |x: Decimal| x / dec!(10);
    assert_eq!(d(&e[0]["financed_t_co2e"]), tenth(t("scope1_t_co2e") + t("scope2_location_t_co2e")));
    assert_eq!(d(&e[1]["financed_t_co2e"]), tenth(t("scope1_t_co2e") + t("scope2_market_t_co2e")));
    assert_eq!(d(&e[2]["financed_t_co2e"]), tenth(dec!(1000) + t("scope2_location_t_co2e")));
    let warnings = got["warnings"].to_string();
    assert!(warnings.contains("Portfolio!G4") && warnings.contains("scope1_t is given (1000)"), "{warnings}");
}
