use super::*;

#[test]
fn column_letters() {
    assert_eq!(col(0), "A");
    assert_eq!(col(8), "I");
    assert_eq!(col(25), "Z");
    assert_eq!(col(26), "AA");
    assert_eq!(col(37), "AL");
}

#[test]
fn excel_dates_are_1900_serials() {
    assert_eq!(excel_date(2026, 1, 1), 46023);
    assert_eq!(excel_date(2026, 12, 31), 46387);
}

fn template() -> CommunicationTemplate {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/cbam/communication_template.xlsx");
    CommunicationTemplate::new(std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn the_templates_code_lists_are_read() {
    let t = template();
    assert_eq!(t.category_of("72085120"), Some("Iron or steel products"));
    assert_eq!(t.category_of("72061000"), Some("Crude steel"));
    assert_eq!(t.category_of("26011200"), Some("Sintered Ore"));
    assert_eq!(t.countries.get("CN").map(String::as_str), Some("China"));
    assert_eq!(t.only_direct, "Only direct production");
}

#[test]
fn free_text_routes_find_the_templates_routes() {
    let t = template();
    let route = |cat: &str, given: Option<&str>| t.route(cat, given).map(|r| r.1);
    assert_eq!(route("Pig iron", Some("blast furnace")).as_deref(), Some("Blast furnace route"));
    assert_eq!(route("Pig iron", Some("BF")).as_deref(), Some("Blast furnace route"));
    assert_eq!(route("Crude steel", Some("basic oxygen furnace")).as_deref(), Some("Basic oxygen steelmaking"));
    assert_eq!(route("Crude steel", Some("EAF")).as_deref(), Some("Electric arc furnace"));
    assert_eq!(route("Crude steel", Some("induction furnace")).as_deref(), Some("Other production routes"));
    assert_eq!(route("Crude steel", None).as_deref(), Some("Unknown production routes"));
    // Categories with "All production routes" have nothing to choose.
    assert_eq!(route("Cement", Some("dry kiln")), None);
}

#[test]
fn another_workbook_is_not_the_template() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/cbam-demo.xlsx");
    let e = CommunicationTemplate::new(std::fs::read(path).unwrap()).err().unwrap();
    assert!(e.to_string().contains("communication template"), "{e}");
    assert!(matches!(CommunicationTemplate::new(b"not a zip".to_vec()), Err(TemplateError::NotAPackage(_))));
}

/// Summary_Products AL–AX: the carbon price due in China on a good whose
/// works has a CN-ETS account with its price (1 500 t CO2e over 1 000 t of
/// pig iron at 80 CNY/t, 90 % of verified emissions allocated free):
/// national ETS, all of SEE covered, 120 CNY/t due, free allocation a
/// rebate of 108 CNY/t; and a note saying the rule is a draft.
#[test]
fn the_carbon_price_due_fills_summary_products() {
    use carbonbook_core::cbam::Good;
    use carbonbook_core::inventory::{Facility, Inventory, Organisation};
    use carbonbook_core::trading::{Allocation, Scheme, TradingLine};
    use rust_decimal_macros::dec;
    let mut inv = Inventory::new(Organisation::new("Example", 2026));
    let mut works = Facility::new("S1");
    works.country = "CN".into();
    inv.facilities.push(works);
    let mut pig = Good::new("PIG", "S1", 2026, "7201 10 11".parse().unwrap(), dec!(1000));
    pig.direct_t = Some(dec!(1500));
    inv.cbam.goods = vec![pig];
    let mut line = TradingLine::new(Scheme::CnEts, "S1", 2026, Allocation::Given(dec!(1620)));
    line.verified = Some(dec!(1800));
    line.price = Some(dec!(80));
    inv.trading.push(line);
    let results = inv.calculate().unwrap();
    let filled = template().fill(&results, "S1", 2026).unwrap();
    let cell = |c: &str| filled.cells.iter().find(|(s, at, _)| s == "Summary_Products" && at == c).map(|x| x.2.clone());
    assert_eq!(cell("AL10"), Some(CellValue::Text("National Emissions Trading System".into())));
    assert_eq!(cell("AM10"), Some(CellValue::Number(1.0)));
    assert_eq!(cell("AP10"), Some(CellValue::Text("CNY".into())));
    assert_eq!(cell("AR10"), Some(CellValue::Number(120.0)));
    assert_eq!(cell("AT10"), Some(CellValue::Text("Free allocation".into())));
    assert_eq!(cell("AU10"), Some(CellValue::Number(0.9)));
    assert_eq!(cell("AX10"), Some(CellValue::Number(108.0)));
    assert!(
        filled.notes.iter().any(|n| n.contains("Summary_Products!AL10:AX10") && n.contains("draft")),
        "{:?}",
        filled.notes
    );
}
