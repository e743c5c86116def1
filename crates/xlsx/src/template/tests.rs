use std::io::Read;

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::*;

/// The headers of workbook-v1, as the contract lists them.
const CONTRACT: &[(&str, &[&str])] = &[
    ("Organisation", &["field", "value"]),
    ("Facilities", &["facility_id", "name", "country", "grid_region", "sector"]),
    (
        "Activities",
        &[
            "facility_id",
            "source",
            "activity",
            "quantity",
            "unit",
            "period",
            "ncv",
            "ncv_unit",
            "carbon_content",
            "oxidation_factor",
            "contractual_factor",
            "biomass_fraction",
            "density",
            "density_unit",
            "enthalpy",
            "water_temperature",
        ],
    ),
    ("Production", &["facility_id", "product", "quantity", "unit", "output_value", "period"]),
    ("Factors", &["factor_key", "gas", "value", "unit", "source", "tce_per_unit", "factor_id"]),
    (
        "Trading",
        &[
            "scheme",
            "facility_id",
            "year",
            "allocated",
            "benchmark",
            "benchmark_output",
            "correction_factor",
            "verified_emissions",
            "purchased",
            "sold",
            "offsets",
            "price",
            "penalty_per_t",
            "allocation_method",
            "unit_class",
            "unit_id",
            "generation_mwh",
            "supply_mwh",
            "heat_supplied_gj",
            "load_factor",
            "pre_allocated",
            "balance_value",
            "product_output",
            "process_emissions_t",
            "special_case",
            "unit_verified_emissions",
        ],
    ),
    (
        "Transactions",
        &["date", "scheme", "facility_id", "kind", "quantity", "price", "vintage", "reference", "compliance_year"],
    ),
    (
        "Refrigerants",
        &[
            "facility_id",
            "gas",
            "year",
            "inventory_start_kg",
            "inventory_end_kg",
            "purchased_kg",
            "sold_kg",
            "new_equipment_charge_kg",
            "retired_equipment_charge_kg",
        ],
    ),
    (
        "CBAM goods",
        &[
            "good_id",
            "facility_id",
            "year",
            "cn_code",
            "category",
            "route",
            "quantity_t",
            "direct_t",
            "electricity_mwh",
            "electricity_factor",
        ],
    ),
    ("CBAM precursors", &["good_id", "precursor", "mass_t", "see_direct", "see_indirect", "source", "cn_code"]),
    (
        "CBAM imports",
        &[
            "year",
            "quarter",
            "good_id",
            "cn_code",
            "origin",
            "quantity_t",
            "see_direct",
            "see_indirect",
            "default_value",
            "benchmark",
            "cscf",
            "certificate_price",
            "carbon_price_paid",
        ],
    ),
    (
        "Portfolio",
        &[
            "exposure_id",
            "asset_class",
            "counterparty",
            "outstanding",
            "evic",
            "total_equity_plus_debt",
            "property_value",
            "vehicle_value",
            "ppp_gdp",
            "scope1_t",
            "scope2_t",
            "scope3_t",
            "data_quality",
            "total_equity",
            "total_debt",
            "summary_json",
            "scope2_basis",
        ],
    ),
    (
        "Projects",
        &[
            "project_id",
            "kind",
            "grid_region",
            "year",
            "net_generation_mwh",
            "baseline_t",
            "project_t",
            "energy_saved_tce",
            "om_factor",
            "bm_factor",
            "loan_balance",
            "total_investment",
            "crediting_period",
            "coal_rate_gce_per_kwh",
        ],
    ),
];

fn written() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.xlsx");
    write_template(&path).unwrap();
    (dir, path)
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn column(range: &calamine::Range<Data>, c: usize) -> Vec<String> {
    range.rows().skip(1).filter_map(|r| r.get(c)).map(|d| d.to_string()).filter(|s| !s.is_empty()).collect()
}

#[test]
fn sheets_and_headers_are_the_contract() {
    let (_dir, path) = written();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Instructions",
            "Organisation",
            "Facilities",
            "Activities",
            "Production",
            "Factors",
            "Trading",
            "Transactions",
            "Refrigerants",
            "CBAM goods",
            "CBAM precursors",
            "CBAM imports",
            "Portfolio",
            "Projects",
            "Lists"
        ]
    );
    for (sheet, headers) in CONTRACT {
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{sheet}");
        let first: Vec<String> = range.rows().next().unwrap().iter().map(|d| d.to_string()).collect();
        assert_eq!(first, *headers, "{sheet}");
        if *sheet != "Organisation" {
            assert_eq!(range.height(), 1, "{sheet} has no data rows");
        }
    }
}

#[test]
fn organisation_has_fields_and_defaults() {
    let (_dir, path) = written();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("Organisation").unwrap();
    let rows: Vec<(String, String)> =
        range.rows().skip(1).map(|r| (r[0].to_string(), r.get(1).map(|d| d.to_string()).unwrap_or_default())).collect();
    let get = |f: &str| rows.iter().find(|(k, _)| k == f).map(|(_, v)| v.as_str());
    assert_eq!(get("methodology"), Some("cn-gbt32150"));
    assert_eq!(get("gwp"), Some("AR5"));
    assert_eq!(get("currency"), Some("CNY"));
    assert_eq!(get("reporting_year"), Some("2024"));
    assert!(get("name").is_some_and(|n| !n.is_empty()));
    for optional in ["electricity_basis", "base_year", "target_year", "target_tce_per_10k_output_value"] {
        assert_eq!(get(optional), Some(""), "{optional} is offered, empty");
    }
    assert_eq!(rows.first().map(|r| r.0.as_str()), Some("name"));
}

#[test]
fn lists_hold_keys_units_and_choices() {
    let (_dir, path) = written();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let lists = book.worksheet_range("Lists").unwrap();
    assert_eq!(column(&lists, 0), carbonbook_core::scope::SourceCategory::ALL.map(|s| s.key().to_owned()));
    let activities = column(&lists, 1);
    for key in ["raw_coal", "natural_gas", "diesel", "electricity", "heat"] {
        assert!(activities.iter().any(|a| a == key), "{key} in {activities:?}");
    }
    let mut unique = activities.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), activities.len(), "no duplicates");
    // The default methodology's keys come first: diesel before any UK key.
    let at = |k: &str| activities.iter().position(|a| a == k).unwrap();
    assert!(activities.iter().take(at("electricity")).all(|a| !a.starts_with("desnz")), "{activities:?}");
    assert!(at("diesel") < 60, "diesel at {}", at("diesel"));
    assert!(activities.join(",").len() > 255, "too long for an inline list");
    let units = column(&lists, 2);
    assert!(units.iter().any(|u| u == "10^4 m3") && units.iter().any(|u| u == "kWh"));
    assert_eq!(column(&lists, 4), ["CN-ETS", "EU-ETS"]);
    assert_eq!(column(&lists, 5), ["cn-gbt32150", "ipcc-2006", "epa-hub-2024", "epa-hub-2021", "desnz-2020"]);
    assert_eq!(column(&lists, 6), ["SAR", "AR4", "AR5", "AR6"]);

    let workbook = zip_entry(&path, "xl/workbook.xml");
    assert!(workbook.contains(r#"<sheet name="Lists" sheetId="15" state="hidden""#), "{workbook}");
    // Activities is the fourth sheet: source, activity and unit refer to the lists.
    let activities_xml = zip_entry(&path, "xl/worksheets/sheet4.xml");
    for range in ["Lists!$A$2:$A$9", "Lists!$B$2:$B$", "Lists!$C$2:$C$"] {
        assert!(activities_xml.contains(range), "{range}");
    }
    assert!(activities_xml.contains(r#"allowBlank="1""#));
    assert!(activities_xml.contains(r#"<pane ySplit="1""#), "frozen header");
    // CBAM: categories, sources and quarters; CBAM goods (sheet 10),
    // CBAM precursors (sheet 11) and CBAM imports (sheet 12) refer to them.
    assert_eq!(column(&lists, 13), ["cement", "iron_steel", "aluminium", "fertilisers", "hydrogen", "electricity"]);
    assert_eq!(column(&lists, 14), ["actual", "default"]);
    assert_eq!(column(&lists, 15), ["1", "2", "3", "4"]);
    assert!(zip_entry(&path, "xl/worksheets/sheet10.xml").contains("Lists!$N$2:$N$7"));
    assert!(zip_entry(&path, "xl/worksheets/sheet11.xml").contains("Lists!$O$2:$O$3"));
    assert!(zip_entry(&path, "xl/worksheets/sheet12.xml").contains("Lists!$P$2:$P$5"));
    assert_eq!(column(&lists, 16)[..3], ["listed_equity", "corporate_bond", "business_loan"]);
    assert_eq!(column(&lists, 18), ["solar", "wind", "hydro", "energy_saving", "other"]);
    // Portfolio (sheet 13): asset_class refers to its list.
    assert!(zip_entry(&path, "xl/worksheets/sheet13.xml").contains("Lists!$Q$2:$Q$10"));
}

#[test]
fn template_is_byte_identical_every_time() {
    let (_dir, path) = written();
    let (_dir2, path2) = written();
    assert_eq!(std::fs::read(path).unwrap(), std::fs::read(path2).unwrap());
}

#[test]
fn failure_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing").join("t.xlsx");
    assert!(matches!(write_template(&missing), Err(WriteError::Io { .. })));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn input_messages_fit_excel() {
    for c in SHEETS.iter().flat_map(|s| s.columns.iter()).chain(FIELDS.iter().map(|f| &f.spec)) {
        assert!(input_message(c).encode_utf16().count() <= 255, "{}", c.name);
    }
}

/// The template's words cannot compute the coefficient, so this test keeps
/// them to the figure the calculation uses (the built-in GB/T 2589 factor).
#[test]
fn electricity_basis_text_shows_the_builtin_coefficient() {
    use carbonbook_core::energy::ElectricityBasis;
    let (value, _) = ElectricityBasis::EquivalentValue.coefficient().unwrap();
    let spec = &FIELDS.iter().find(|f| f.spec.name == Field::ElectricityBasis).unwrap().spec;
    for text in [spec.en, spec.zh] {
        assert!(text.contains(&value.to_string()), "{text}");
    }
}

/// The reader's schema is the one list of columns: every template sheet
/// has its columns, in its order, and the Organisation fields likewise.
#[test]
fn template_columns_are_the_readers() {
    use carbonbook_core::error::InputSheet;
    const ALL: [InputSheet; 13] = [
        InputSheet::Organisation,
        InputSheet::Facilities,
        InputSheet::Activities,
        InputSheet::Production,
        InputSheet::Factors,
        InputSheet::Trading,
        InputSheet::Refrigerants,
        InputSheet::Transactions,
        InputSheet::CbamGoods,
        InputSheet::CbamPrecursors,
        InputSheet::CbamImports,
        InputSheet::Portfolio,
        InputSheet::Projects,
    ];
    let mut seen = 0;
    for sheet in SHEETS.iter().chain([&ORGANISATION]) {
        let input = ALL.iter().find(|s| s.name() == sheet.name).expect(sheet.name);
        let template: Vec<Field> = sheet.columns.iter().map(|c| c.name).collect();
        let reader: Vec<Field> = crate::read::columns(*input).collect();
        assert_eq!(template, reader, "{}", sheet.name);
        seen += 1;
    }
    assert_eq!(seen, ALL.len());
    let fields: Vec<Field> = FIELDS.iter().map(|f| f.spec.name).collect();
    assert_eq!(fields, crate::read::organisation_fields().collect::<Vec<_>>());
}

/// The Instructions list the default methodology's activity keys with the
/// standards' English and Chinese names (GB/T 32151's fuel table).
#[test]
fn instructions_name_the_default_activity_keys() {
    let (_dir, path) = written();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("Instructions").unwrap();
    let row = range.rows().find(|r| r.first().is_some_and(|c| *c == "diesel")).expect("diesel listed");
    assert_eq!(row[2].to_string(), "Diesel");
    assert_eq!(row[3].to_string(), "柴油");
    let coal = range.rows().find(|r| r.first().is_some_and(|c| *c == "bituminous_coal")).unwrap();
    assert_eq!(coal[3].to_string(), "烟煤");
}
