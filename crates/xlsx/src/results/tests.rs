use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use carbonbook_core::intensity::BaseYear;
use carbonbook_core::inventory::{Activity, CustomFactor, Facility, Inventory, Measured, Organisation, Production};
use carbonbook_core::period::Period;
use carbonbook_core::rounding::{RoundingMode, RoundingPolicy};
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::trading::{Allocation, Scheme, TradingLine};
use carbonbook_core::units::{Quantity, Rate, Unit};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::excel_number::to_f64_lossy;

fn custom(key: &str, gas: &str, value: Decimal, unit: &str, tce: Option<Decimal>) -> CustomFactor {
    CustomFactor {
        row: None,
        key: key.into(),
        gas: gas.parse().unwrap(),
        value,
        unit: unit.parse().unwrap(),
        source: format!("test factor {key}"),
        tce_per_unit: tce,
    }
}

/// The contract's steel example, plus a third facility (with SUMIFS
/// wildcards in its id), monthly diesel, CH4 and SF6 from custom factors,
/// a base year and an EU-ETS line.
fn inventory() -> Inventory {
    let mut org = Organisation::new("Example Steel Co.", 2024);
    org.base_year = Some(BaseYear {
        year: 2020,
        tce_per_10k_output_value: Some(dec!(0.5)),
        t_co2e_per_10k_output_value: Some(dec!(1.5)),
    });
    let mut inv = Inventory::new(org);
    for id in ["S1", "S2", "K*1"] {
        let mut f = Facility::new(id);
        f.sector = Some("steel".into());
        inv.facilities.push(f);
    }
    inv.factors.push(custom("grid_2023", "CO2", dec!(0.5306), "tCO2/MWh", Some(dec!(0.1229))));
    inv.factors.push(custom("mine_gas", "CH4", dec!(0.02), "t/t", None));
    inv.factors.push(custom("switchgear", "SF6", dec!(1), "kg/kg", None));
    let mut coke =
        Activity::new("S1", SourceCategory::StationaryCombustion, "coke", Quantity::new(dec!(40000), Unit::Tonne));
    coke.measured = Measured {
        ncv: Some(Rate::new(dec!(28.435), Unit::Gigajoule, Unit::Tonne)),
        carbon_content: Some(dec!(0.0295)),
        oxidation: Some(dec!(0.93)),
    };
    let gas = Activity::new(
        "S1",
        SourceCategory::StationaryCombustion,
        "natural_gas",
        Quantity::new(dec!(300), Unit::TenThousandCubicMetres),
    );
    let mut power = Activity::new(
        "S2",
        SourceCategory::PurchasedElectricity,
        "grid_2023",
        Quantity::new(dec!(8000), Unit::TenThousandKilowattHours),
    );
    power.contractual_factor = Some(dec!(0.3));
    inv.activities.extend([coke, gas, power]);
    for month in 1..=12 {
        let mut diesel = Activity::new(
            "K*1",
            SourceCategory::MobileCombustion,
            "diesel",
            Quantity::new(Decimal::from(10 + month), Unit::Tonne),
        );
        diesel.period = Some(Period::month(2024, month).unwrap());
        inv.activities.push(diesel);
    }
    inv.activities.push(Activity::new(
        "K*1",
        SourceCategory::Fugitive,
        "mine_gas",
        Quantity::new(dec!(50), Unit::Tonne),
    ));
    inv.activities.push(Activity::new(
        "S2",
        SourceCategory::Fugitive,
        "switchgear",
        Quantity::new(dec!(2.5), Unit::Kilogram),
    ));
    inv.activities.push(Activity::new(
        "S2",
        SourceCategory::PurchasedElectricity,
        "electricity",
        Quantity::new(dec!(1234.5678), Unit::MegawattHour),
    ));
    for (f, p, q, v) in [
        ("S1", "pig iron", dec!(500000), dec!(1500000000)),
        ("S2", "hot-rolled coil", dec!(480000), dec!(1900000000)),
        ("S2", "cold-rolled coil", dec!(1000), dec!(6000000)),
    ] {
        inv.production.push(Production {
            row: None,
            facility_id: f.into(),
            product: p.into(),
            quantity: q,
            unit: "t".into(),
            output_value: Some(v),
            period: None,
        });
    }
    let mut ets = TradingLine::new(Scheme::CnEts, "S1", 2024, Allocation::Given(dec!(120000)));
    ets.verified = Some(dec!(130000));
    ets.offsets = dec!(8000);
    ets.price = Some(dec!(95));
    inv.trading.push(ets);
    inv.trading.push(TradingLine::new(Scheme::EuEts, "K*1", 2024, Allocation::Given(dec!(10))));
    inv
}

fn info() -> RunInfo {
    RunInfo {
        source_name: "steel.xlsx".into(),
        rounding: RoundingPolicy::new(2, RoundingMode::HalfEven),
        problems_and_warnings: vec!["Activities!Z1: unknown column \"remarks\" is ignored".into()],
    }
}

fn write(inv: &Inventory, results: &Results, target: &Path) -> Result<(), WriteError> {
    let mut writer = ResultsWriter::create(target)?;
    for (a, line) in inv.activities.iter().zip(&results.ledger) {
        writer.add_line(a, &results.facility_ids[line.facility], line, &results.library)?;
    }
    writer.finish(results, &info())
}

fn written() -> (tempfile::TempDir, PathBuf, Inventory, Results) {
    let inv = inventory();
    let results = inv.calculate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.xlsx");
    write(&inv, &results, &path).unwrap();
    (dir, path, inv, results)
}

/// The value in column `col` of the row whose column A is `label`.
fn by_label(range: &calamine::Range<Data>, label: &str, col: usize) -> Data {
    range.rows().find(|r| matches!(&r[0], Data::String(s) if s == label)).unwrap_or_else(|| panic!("no row {label}"))
        [col]
        .clone()
}

fn float(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn zip_names(path: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn sheets_in_order() {
    let (_dir, path, ..) = written();
    let book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Summary", "Ledger", "Facilities", "Trading", "Factors used", "Warnings"]);
}

#[test]
fn summary_formulas_cache_the_engine_totals() {
    let (_dir, path, _inv, results) = written();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let summary = book.worksheet_range("Summary").unwrap();
    let formulas = book.worksheet_formula("Summary").unwrap();
    let t = &results.summary.totals;
    let expected = [
        ("Scope 1", t.scope1_t_co2e),
        ("Scope 2 (location-based)", t.scope2_location_t_co2e),
        ("Scope 2 (market-based)", t.scope2_market_t_co2e),
        ("Total, Scope 1 + 2 (location-based)", t.total_location_t_co2e().unwrap()),
        ("Total, Scope 1 + 2 (market-based)", t.total_market_t_co2e().unwrap()),
        ("Energy consumption", t.energy_tce),
        ("Energy intensity", results.intensity.tce_per_10k_output_value.unwrap()),
        ("Carbon intensity (location-based)", results.intensity.t_co2e_per_10k_output_value.unwrap()),
        ("Carbon intensity (market-based)", results.intensity.t_co2e_market_per_10k_output_value.unwrap()),
    ];
    for (label, value) in expected {
        let cached = float(&by_label(&summary, label, 1));
        let engine: f64 = value.to_string().parse().unwrap();
        assert_eq!(cached.to_bits(), engine.to_bits(), "{label}: {cached} vs {value}");
        assert_eq!(by_label(&summary, label, 3), Data::String(value.normalize().to_string()), "{label} exact");
        let rounded = RoundingPolicy::new(2, RoundingMode::HalfEven).round(value).to_string();
        assert_eq!(by_label(&summary, label, 4), Data::String(rounded), "{label} rounded");
    }
    assert_eq!(float(&by_label(&summary, "Ledger lines", 1)), results.summary.lines as f64);
    assert_eq!(float(&by_label(&summary, "Output value", 1)), to_f64_lossy(results.intensity.output_value));

    // The totals are live formulas over the Ledger.
    let n = results.summary.lines + 1;
    let formula_of = |label: &str| {
        let (row, ..) = summary.cells().find(|(_, c, d)| *c == 0 && *d == &Data::String(label.into())).unwrap();
        let row = row as u32 + summary.start().unwrap().0;
        formulas.get_value((row, 1)).cloned().unwrap()
    };
    assert_eq!(formula_of("Scope 1"), format!("SUMIFS(Ledger!$R$2:$R${n},Ledger!$E$2:$E${n},\"=Scope 1\")"));
    assert_eq!(
        formula_of("Scope 2 (market-based)"),
        format!("SUMIFS(Ledger!$S$2:$S${n},Ledger!$E$2:$E${n},\"=Scope 2\")")
    );
    assert_eq!(formula_of("Energy consumption"), format!("SUM(Ledger!$T$2:$T${n})"));

    // Organisation, methodology, GWP, rounding rule are named.
    assert_eq!(by_label(&summary, "Organisation", 1), Data::String("Example Steel Co.".into()));
    assert!(by_label(&summary, "Methodology", 1).to_string().contains("cn-gbt32150"));
    assert!(by_label(&summary, "GWP set", 1).to_string().starts_with("AR5"));
    assert!(by_label(&summary, "Rounding", 1).to_string().starts_with("2 decimal places, round half to even"));

    // By gas: the ledger columns sum to the engine's figures.
    for g in &results.summary.by_gas {
        let t: f64 = g.t.to_string().parse().unwrap();
        let e: f64 = g.t_co2e.to_string().parse().unwrap();
        assert_eq!(float(&by_label(&summary, g.gas, 1)), t, "{}", g.gas);
        assert_eq!(float(&by_label(&summary, g.gas, 2)), e, "{}", g.gas);
    }
    assert!(results.summary.by_gas.iter().any(|g| g.gas == "SF6"));

    // Base-year comparison.
    let c = results.intensity.tce_vs_base_year.unwrap();
    let label = "Energy intensity (tce per 10,000 CNY)";
    assert_eq!(float(&by_label(&summary, label, 1)), 0.5);
    assert_eq!(float(&by_label(&summary, label, 3)), to_f64_lossy(c.change_percent));
}

#[test]
fn ledger_has_a_row_per_line_with_its_figures_and_factors() {
    let (_dir, path, inv, results) = written();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let ledger = book.worksheet_range("Ledger").unwrap();
    assert_eq!(ledger.height(), inv.activities.len() + 1);
    assert_eq!(ledger.height() as u64, results.summary.lines + 1);
    let header: Vec<String> = ledger.rows().next().unwrap().iter().map(ToString::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, line) in ledger.rows().skip(1).zip(&results.ledger) {
        assert_eq!(row[col("Emissions, location-based (t CO2e)")], Data::Float(to_f64_lossy(line.t_co2e)));
        let market = row[col("Emissions, market-based (t CO2e), Scope 2")].clone();
        match line.scope {
            carbonbook_core::scope::Scope::Scope2 => assert_eq!(market, Data::Float(to_f64_lossy(line.t_co2e_market))),
            carbonbook_core::scope::Scope::Scope1 | carbonbook_core::scope::Scope::Exported => {
                assert_eq!(market, Data::Empty)
            }
        }
        assert_eq!(row[col("Energy (tce)")], Data::Float(to_f64_lossy(line.tce)));
        assert_eq!(row[col("Facility")], Data::String(results.facility_ids[line.facility].clone()));
        assert_eq!(row[col("Scope")], Data::String(line.scope.to_string()));
        let factors = row[col("Factors used: id = value unit (sources: Factors used sheet)")].to_string();
        for f in results.library.cited(line.factors) {
            let f = results.library.factor(*f);
            assert!(factors.contains(&format!("{} = {} {}", f.id, f.value, f.unit_text)), "{factors}");
        }
    }
    let sf6 = ledger.rows().find(|r| r[col("Activity")] == Data::String("switchgear".into())).unwrap();
    assert_eq!(sf6[col("Other gases (t of each)")], Data::String("SF6 0.0025 t".into()));
    let ch4 = ledger.rows().find(|r| r[col("Activity")] == Data::String("mine_gas".into())).unwrap();
    assert_eq!(ch4[col("CH4 (t)")], Data::Float(1.0));
    let coke = ledger.rows().nth(1).unwrap();
    assert_eq!(
        coke[col("How figures were obtained")],
        Data::String("tce: measured_calorific_value; measured: ncv, carbon_content, oxidation_factor".into())
    );
    assert_eq!(coke[col("Period")], Data::String("2024".into()));

    let sheet = zip_entry(&path, "xl/worksheets/sheet2.xml");
    assert!(sheet.contains(&format!(r#"<autoFilter ref="A1:V{}"/>"#, ledger.height())), "autofilter");
    assert!(sheet.contains(r#"<pane ySplit="1""#), "frozen header");
}

#[test]
fn facility_totals_are_formulas_cached_with_engine_figures() {
    let (_dir, path, _inv, results) = written();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("Facilities").unwrap();
    let formulas = book.worksheet_formula("Facilities").unwrap();
    for (i, id) in results.facility_ids.iter().enumerate() {
        let t = results.summary.facility(i);
        let f = |c: usize| float(&by_label(&sheet, id, c));
        assert_eq!(f(1), to_f64_lossy(t.scope1_t_co2e), "{id}");
        assert_eq!(f(2), to_f64_lossy(t.scope2_location_t_co2e), "{id}");
        assert_eq!(f(3), to_f64_lossy(t.scope2_market_t_co2e), "{id}");
        assert_eq!(f(6), to_f64_lossy(t.energy_tce), "{id}");
    }
    let all: Vec<&String> = formulas.rows().flatten().collect();
    assert!(all.iter().any(|f| f.contains(r#""=K~*1""#)), "wildcards escaped: {all:?}");
    let products = sheet.rows().filter(|r| r.get(1) == Some(&Data::String("cold-rolled coil".into()))).count();
    assert_eq!(products, 1);
}

#[test]
fn trading_factors_and_warnings() {
    let (_dir, path, _inv, results) = written();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let trading = book.worksheet_range("Trading").unwrap();
    assert_eq!(trading.height(), 1 + results.trading.len() + 2);
    let cn = &results.trading[0];
    assert_eq!(float(&by_label(&trading, "CN-ETS", 10)), to_f64_lossy(cn.position_t));
    assert_eq!(by_label(&trading, "CN-ETS", 13), Data::String(cn.position_t.normalize().to_string()));

    let factors = book.worksheet_range("Factors used").unwrap();
    let ids: Vec<String> = factors.rows().skip(1).map(|r| r[0].to_string()).collect();
    let mut cited: Vec<String> = results
        .ledger
        .iter()
        .flat_map(|l| results.library.cited(l.factors).iter().map(|f| results.library.factor(*f).id.clone()))
        .collect();
    cited.sort();
    cited.dedup();
    assert_eq!(ids, cited);

    let warnings = book.worksheet_range("Warnings").unwrap();
    let messages: Vec<String> = warnings.rows().skip(1).map(|r| r[3].to_string()).collect();
    assert_eq!(messages[0], info().problems_and_warnings[0]);
    for w in &results.warnings {
        assert!(messages.contains(&w.message), "{}", w.message);
    }
    assert_eq!(messages.len(), 1 + results.warnings.len());
}

#[test]
fn engine_warnings_already_given_are_not_repeated() {
    let inv = inventory();
    let results = inv.calculate().unwrap();
    let w = &results.warnings[0];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let mut writer = ResultsWriter::create(&path).unwrap();
    for (a, line) in inv.activities.iter().zip(&results.ledger) {
        writer.add_line(a, &results.facility_ids[line.facility], line, &results.library).unwrap();
    }
    let info = RunInfo { problems_and_warnings: vec![format!("Trading!A3: {}", w.message)], ..info() };
    writer.finish(&results, &info).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let warnings = book.worksheet_range("Warnings").unwrap();
    let n = warnings.rows().skip(1).filter(|r| r[3].to_string().ends_with(&w.message)).count();
    assert_eq!(n, 1);
}

#[test]
fn charts_are_drawn() {
    let (_dir, path, ..) = written();
    let names = zip_names(&path);
    for chart in ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"] {
        assert!(names.iter().any(|n| n == chart), "{chart} in {names:?}");
    }
    let pie = zip_entry(&path, "xl/charts/chart1.xml");
    assert!(pie.contains("<c:pieChart>"));
    assert!(pie.contains("Summary!$B$"));
    let by_facility = zip_entry(&path, "xl/charts/chart2.xml");
    assert!(by_facility.contains(r#"<c:grouping val="stacked"/>"#));
    assert!(by_facility.contains("Facilities!$A$2:$A$4"));
    let energy = zip_entry(&path, "xl/charts/chart3.xml");
    assert!(energy.contains("<c:barDir val=\"bar\"/>"));
}

#[test]
fn same_results_give_the_same_bytes() {
    let (_dir, path, inv, results) = written();
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("again.xlsx");
    write(&inv, &results, &again).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn failed_finish_leaves_nothing_and_keeps_the_old_file() {
    let inv = inventory();
    let results = inv.calculate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("results.xlsx");
    std::fs::write(&target, b"previous results").unwrap();

    // The results count more lines than were added.
    let mut writer = ResultsWriter::create(&target).unwrap();
    let (a, line) = (&inv.activities[0], &results.ledger[0]);
    writer.add_line(a, &results.facility_ids[line.facility], line, &results.library).unwrap();
    let e = writer.finish(&results, &info()).unwrap_err();
    assert!(matches!(e, WriteError::LedgerMismatch { written: 1, .. }), "{e}");
    assert_eq!(std::fs::read(&target).unwrap(), b"previous results");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");

    // The rename fails: the target is a directory that is not empty.
    let blocked = dir.path().join("blocked.xlsx");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("keep"), b"x").unwrap();
    let e = write(&inv, &results, &blocked).unwrap_err();
    assert!(matches!(e, WriteError::Io { .. }), "{e}");
    assert!(blocked.join("keep").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file left");

    // The directory does not exist.
    assert!(matches!(ResultsWriter::create(&dir.path().join("no").join("r.xlsx")), Err(WriteError::Io { .. })));
}

#[test]
fn an_empty_ledger_gives_a_valid_book() {
    let mut inv = Inventory::new(Organisation::new("Empty Co.", 2024));
    inv.facilities.push(Facility::new("F1"));
    let results = inv.calculate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.xlsx");
    write(&inv, &results, &path).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let summary = book.worksheet_range("Summary").unwrap();
    assert_eq!(float(&by_label(&summary, "Scope 1", 1)), 0.0);
    assert_eq!(by_label(&summary, "Energy intensity", 1), Data::String("not computed: no output value".into()));
    assert_eq!(book.worksheet_range("Ledger").unwrap().height(), 1);
}

#[test]
fn dropped_writer_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("results.xlsx");
    {
        let _writer = ResultsWriter::create(&target).unwrap();
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn cbam_sheet_holds_every_figure_of_goods_and_imports() {
    use carbonbook_core::cbam::{Good, ImportLine, Precursor};
    let mut inv = Inventory::new(Organisation::new("Example Steel Co.", 2026));
    inv.facilities.push(Facility::new("S1"));
    let mut pig = Good::new("PIG", "S1", 2026, "7201 10 11".parse().unwrap(), dec!(1000));
    pig.direct_t = Some(dec!(1600));
    let mut cs = Good::new("CS", "S1", 2026, "7206 10 00".parse().unwrap(), dec!(1000));
    cs.direct_t = Some(dec!(200));
    inv.cbam.goods = vec![pig, cs];
    inv.cbam.precursors.push(Precursor::new("CS", "PIG", dec!(900)));
    let mut line = ImportLine::new(2026, "CS", dec!(500));
    line.benchmark = Some(dec!(1.288));
    line.cscf = Some(dec!(1));
    line.certificate_price = Some(dec!(75.36));
    inv.cbam.imports.push(line);
    let results = inv.calculate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.xlsx");
    write(&inv, &results, &path).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Summary", "Ledger", "Facilities", "Trading", "CBAM", "Factors used", "Warnings"]);
    let sheet = book.worksheet_range("CBAM").unwrap();
    // SEE total of CS: (200 + 900 × 1.6) / 1000 = 1.64, and its exact text.
    assert_eq!(float(&by_label(&sheet, "CS", 20)), 1.64);
    assert_eq!(by_label(&sheet, "CS", 22), Data::String("1.64".into()));
    // 500 t × 1.64 − 0.975 × 1 × 1.288 × 500 = 192.1 certificates, × 75.36 EUR.
    let total = sheet.rows().find(|r| matches!(&r[0], Data::String(s) if s == "Total")).unwrap();
    assert_eq!(float(&total[23]), 192.1);
    assert!((float(&total[25]) - 192.1 * 75.36).abs() < 1e-6);
}

/// Every sheet prints A4 landscape, one page wide (so the Summary's charts
/// and wide tables are not cut across pages), with page numbers; the table
/// sheets repeat their header row on every page.
#[test]
fn every_sheet_has_a_print_layout() {
    let (_dir, path, _, _) = written();
    let names = zip_names(&path);
    let sheets: Vec<&String> = names.iter().filter(|n| n.starts_with("xl/worksheets/sheet")).collect();
    assert!(sheets.len() >= 5, "{names:?}");
    for name in sheets {
        let xml = zip_entry(&path, name);
        assert!(xml.contains("orientation=\"landscape\""), "{name}");
        assert!(xml.contains("paperSize=\"9\""), "{name}");
        assert!(xml.contains("fitToHeight=\"0\""), "{name}");
        assert!(xml.contains("<fitToPage/>") || xml.contains("fitToPage=\"1\""), "{name}");
        assert!(xml.contains("&amp;P"), "{name}: page numbers");
    }
    let workbook = zip_entry(&path, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "header rows repeated");
}
