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
