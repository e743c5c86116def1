//! The carbon market end to end (workbook-v2 §6, §7, §10): the power-plant
//! demo book through `carbonbook calc`, the allocation steps against a hand
//! computation from the 2023–2024 plan's own formulas (国环规气候〔2024〕1号
//! 附2–附4, 五(三)), the allowance account, and bad Transactions rows named by
//! their cell.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_carbonbook"))
}

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/power-plant.xlsx")
}

fn run(args: &[&Path]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("the summary JSON")
}

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("a decimal string, found {v}")).parse().unwrap()
}

fn step<'a>(steps: &'a [Value], name: &str, row: Option<u64>) -> &'a Value {
    steps
        .iter()
        .find(|s| s["step"] == name && s["sheet_row"].as_u64() == row)
        .unwrap_or_else(|| panic!("no step {name} of row {row:?} in {steps:?}"))
}

/// Unit #1, class I, 2024: Ff = 1.015^(16 − 20 × 0.58) = 1.015^4.4 =
/// 1.06770347… → 1.067703; Ae = ⌊3,200,000 × 0.7910 × 1.067703⌋ =
/// ⌊2,702,569.8336⌋ = 2,702,569; Ah = 1,500,000 × 0.1033 = 154,950.
/// Unit #2, class IV: 900,000 × 0.3288 = 295,920, below its 330,000 t
/// verified: topped up by 34,080 (五(三)1). Entity: 3,187,519 t, above 80 %
/// of verified emissions, so no entity top-up (五(三)2).
#[test]
fn power_demo_allocation_follows_the_2023_2024_plan() {
    let j = json(&run(&[Path::new("calc"), &demo(), Path::new("--format"), Path::new("json")]));
    let t = &j["trading"][0];
    assert_eq!(t["allocation"]["method"], "cn-power");
    let steps = t["allocation"]["steps"].as_array().unwrap();
    assert_eq!(d(&step(steps, "peak_shaving_factor", Some(2))["figure"]), dec!(1.067703));
    assert_eq!(d(&step(steps, "power_allocation", Some(2))["figure"]), dec!(2702569));
    assert_eq!(d(&step(steps, "heat_allocation", Some(2))["figure"]), dec!(154950));
    assert_eq!(d(&step(steps, "power_allocation", Some(3))["figure"]), dec!(295920));
    assert_eq!(d(&step(steps, "gas_top_up", Some(3))["figure"]), dec!(34080));
    assert_eq!(d(&t["allocated_t"]), dec!(3187519));
    assert!(steps.iter().all(|s| s["step"] != "entity_floor"));
    // Pre-allocation shown, not added: 3,187,519 − 2,110,000 still to issue.
    assert_eq!(d(&step(steps, "still_to_issue", None)["figure"]), dec!(1077519));
    // The verified emissions are the ledger's Scope 1 CO2 (from 2023, direct only).
    assert_eq!(t["verified_t"], j["totals"]["scope1_t_co2e"]);
}

/// The Transactions sheet of the demo: holdings by vintage, the
/// moving-average cost with free allocation at zero cost, the sale's
/// realised result, and the 2024 surrender before 31 Dec 2025.
#[test]
fn power_demo_account() {
    let j = json(&run(&[Path::new("calc"), &demo(), Path::new("--format"), Path::new("json")]));
    let a = &j["trading"][0]["account"];
    // 40,000 (2023) + 2,110,000 + 50,000 bought + 930,000 (2024) − 20,000 sold − 2,950,000 surrendered.
    assert_eq!(d(&a["holdings_t"]), dec!(160000));
    assert_eq!(a["holdings_by_vintage"][0]["vintage"], 2023);
    assert_eq!(d(&a["holdings_by_vintage"][0]["t"]), dec!(20000));
    // Average cost after the purchase: 50,000 × 88.5 / 2,200,000.
    let avg = dec!(4425000) / dec!(2200000);
    assert_eq!(d(&a["transactions"][2]["average_cost"]), avg);
    // The sale: 20,000 × (74.2 − avg).
    assert_eq!(d(&a["transactions"][3]["realised"]), dec!(20000) * (dec!(74.2) - avg));
    let deadline = &a["deadline"];
    assert_eq!(deadline["date"], "2025-12-31");
    assert_eq!(d(&deadline["surrendered_t"]), dec!(2950000));
    assert_eq!(d(&deadline["offsets_t"]), dec!(60000));
    assert_eq!(d(&deadline["outstanding_t"]), dec!(0));
}

/// The results workbook gets the Allocation and Account sheets; the ets
/// report shows the steps in both languages.
#[test]
fn power_demo_results_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results.xlsx");
    let o = run(&[Path::new("calc"), &demo(), Path::new("-o"), &out]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let names = calamine::Reader::sheet_names(&wb);
    assert!(names.contains(&"Allocation".to_owned()) && names.contains(&"Account".to_owned()), "{names:?}");
    for (lang, word) in [("zh", "调峰修正系数"), ("en", "peak-shaving correction factor")] {
        let report = dir.path().join(format!("ets-{lang}.md"));
        let o = run(&[
            Path::new("report"),
            &demo(),
            Path::new("--kind"),
            Path::new("ets"),
            Path::new("--lang"),
            Path::new(lang),
            Path::new("--format"),
            Path::new("md"),
            Path::new("-o"),
            &report,
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&report).unwrap();
        assert!(text.contains(word) && text.contains("2702569"), "{text}");
    }
}

fn book(dir: &Path, trading: &[&[&str]], transactions: &[&[&str]]) -> PathBuf {
    let path = dir.join("book.xlsx");
    let mut wb = Workbook::new();
    let org = wb.add_worksheet().set_name("Organisation").unwrap();
    org.write_row(0, 0, ["field", "value"]).unwrap();
    org.write_row(1, 0, ["name", "T"]).unwrap();
    org.write_row(2, 0, ["reporting_year", "2024"]).unwrap();
    let fac = wb.add_worksheet().set_name("Facilities").unwrap();
    fac.write_row(0, 0, ["facility_id", "name", "sector"]).unwrap();
    fac.write_row(1, 0, ["P1", "Plant", "power"]).unwrap();
    let act = wb.add_worksheet().set_name("Activities").unwrap();
    act.write_row(0, 0, ["facility_id", "source", "activity", "quantity", "unit", "period"]).unwrap();
    let tr = wb.add_worksheet().set_name("Trading").unwrap();
    for (r, row) in trading.iter().enumerate() {
        tr.write_row(r as u32, 0, row.iter().copied()).unwrap();
    }
    let tx = wb.add_worksheet().set_name("Transactions").unwrap();
    for (r, row) in transactions.iter().enumerate() {
        tx.write_row(r as u32, 0, row.iter().copied()).unwrap();
    }
    wb.save(&path).unwrap();
    path
}

/// Selling more than is held, a later vintage paying an earlier year, and
/// CCER beyond 5 % of what is due: each named by its cell, all in one run,
/// nothing written.
#[test]
fn bad_transactions_are_named_by_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(
        dir.path(),
        &[
            &["scheme", "facility_id", "year", "allocated", "verified_emissions"],
            &["CN-ETS", "P1", "2023", "1000", "1000"],
        ],
        &[
            &["date", "scheme", "facility_id", "kind", "quantity", "price", "vintage", "compliance_year"],
            &["2024-02-01", "CN-ETS", "P1", "allocation", "1000", "", "2023"],
            &["2024-03-01", "CN-ETS", "P1", "sell", "1500", "80", "2023"],
            &["2024-03-02", "CN-ETS", "P1", "buy", "100", "80", "2024"],
            &["2024-06-01", "CN-ETS", "P1", "surrender", "100", "", "2024", "2023"],
            &["2024-06-02", "CN-ETS", "P1", "offset_surrender", "51", "", "2023", "2023"],
            &["2024-13-02", "CN-ETS", "P1", "swap", "-1", "", "", ""],
        ],
    );
    let out = dir.path().join("out.xlsx");
    let o = run(&[Path::new("calc"), &path, Path::new("-o"), &out]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for cell in [
        "Transactions!A7",
        "Transactions!D7",
        "Transactions!E7",
        "Transactions!E3",
        "Transactions!G5",
        "Transactions!E6",
    ] {
        assert!(err.contains(cell), "{cell} missing from: {err}");
    }
    assert!(!out.exists());
}

/// cn-power refuses what it cannot compute as the plan says, naming the
/// cell: a class the 2021 table does not hold, a 2021 row without supply.
#[test]
fn cn_power_names_what_the_plan_needs() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(
        dir.path(),
        &[
            &[
                "scheme",
                "facility_id",
                "year",
                "allocation_method",
                "unit_class",
                "generation_mwh",
                "verified_emissions",
            ],
            &["CN-ETS", "P1", "2021", "cn-power", "I", "1000", "900"],
            &["CN-ETS", "P1", "2024", "cn-power", "V", "1000", "900"],
        ],
        &[],
    );
    let o = run(&[Path::new("validate"), &path]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("Trading!E3") && err.contains("unknown unit class"), "{err}");
    assert!(err.contains("supply_mwh"), "{err}");
}
