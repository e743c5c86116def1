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
