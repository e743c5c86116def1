//! EU CBAM: worked numbers from the regulations' formulas, and properties.
//!
//! Formulas: IR (EU) 2025/2547 Annex III (SEE of simple and complex goods,
//! Eq. 59–63 in the numbering of S3), Regulation (EU) 2023/956 Art. 7(1) and
//! Annex II (which goods count indirect emissions), IR (EU) 2025/2620 (the
//! free-allocation adjustment), IR (EU) 2025/2621 Annex I (mark-ups),
//! Directive 2003/87/EC Art. 10a(1a) (CBAM factor), Regulation (EU) 2023/956
//! Art. 2a (de minimis).

use carbonbook_core::cbam::{Cbam, DataSource, DirectBasis, Good, ImportLine, Precursor, Quarter, SeeBasis};
use carbonbook_core::error::{CalcErrors, InputSheet};
use carbonbook_core::field::Field;
use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::units::{Quantity, Unit};
use carbonbook_core::{Decimal, Results, dec};
use proptest::prelude::*;

fn inventory() -> Inventory {
    let mut inv = Inventory::new(Organisation::new("Example", 2026));
    inv.facilities.push(Facility::new("S1"));
    inv.facilities.push(Facility::new("K1"));
    inv
}

fn good(id: &str, facility: &str, cn: &str, q: Decimal) -> Good {
    Good::new(id, facility, 2026, cn.parse().unwrap(), q)
}

/// 1 000 t of bituminous coal burnt at K1; its Scope 1, worked by hand:
/// 1000 × 19.570 × 0.0261 × 0.93 × 44/12 (GB/T 32151 defaults).
fn thousand_tonnes_of_coal_at_k1(inv: &mut Inventory) -> Decimal {
    inv.activities.push(Activity::new(
        "K1",
        SourceCategory::StationaryCombustion,
        "bituminous_coal",
        Quantity::new(dec!(1000), Unit::Tonne),
    ));
    dec!(1000) * dec!(19.570) * dec!(0.0261) * dec!(0.93) * dec!(44) / dec!(12)
}

fn run(inv: &Inventory) -> Result<(Cbam, Results), CalcErrors> {
    let r = inv.calculate()?;
    Ok((r.cbam.clone().expect("cbam"), r))
}

#[test]
fn steel_chain_pig_iron_crude_steel_hot_rolled_coil() {
    // IR 2025/2547 Annex III: SEE_g = (AttrEm_g + Σ M_i × SEE_i) / AL_g, direct
    // and indirect apart; iron and steel is in Annex II, so only direct counts.
    let mut inv = inventory();
    let mut pig = good("PIG", "S1", "7201 10 11", dec!(1000));
    pig.direct_t = Some(dec!(1500));
    pig.electricity_mwh = Some(dec!(100));
    pig.electricity_factor = Some(dec!(0.6));
    let mut cs = good("CS", "S1", "7206 10 00", dec!(1000));
    cs.direct_t = Some(dec!(150));
    cs.electricity_mwh = Some(dec!(50));
    cs.electricity_factor = Some(dec!(0.6));
    let mut hrc = good("HRC", "S1", "7208 51 20", dec!(950));
    hrc.direct_t = Some(dec!(76));
    hrc.electricity_mwh = Some(dec!(95));
    hrc.electricity_factor = Some(dec!(0.6));
    inv.cbam.goods = vec![hrc, cs, pig]; // precursors after the goods using them
    inv.cbam.precursors.push(Precursor::new("CS", "PIG", dec!(900)));
    // Pellets bought in (CN 2601 12 00, not Annex II): their indirect counts.
    let mut pellets = Precursor::new("PIG", "pellets", dec!(1500));
    pellets.see_direct = Some(dec!(0.05));
    pellets.see_indirect = Some(dec!(0.02));
    pellets.cn_code = Some("2601 12 00".parse().unwrap());
    inv.cbam.precursors.push(pellets);
    inv.cbam.precursors.push(Precursor::new("HRC", "CS", dec!(1000)));
    let (c, _) = run(&inv).unwrap();
    let by = |id: &str| c.goods.iter().find(|g| g.good_id == id).unwrap();
    let pig = by("PIG");
    // Direct: (1500 + 1500 × 0.05) / 1000 = 1.575.
    assert_eq!(pig.see_direct, dec!(1.575));
    // Indirect shown: (100 × 0.6 + 1500 × 0.02) / 1000 = 0.09; counted: the pellets' 0.03 only.
    assert_eq!(pig.see_indirect, dec!(0.09));
    assert_eq!(pig.see_indirect_counted, dec!(0.03));
    assert_eq!(pig.see_total, dec!(1.605));
    let cs = by("CS");
    // (150 + 900 × 1.575) / 1000 = 1.5675; indirect (30 + 900 × 0.09) / 1000 = 0.111;
    // counted 900 × 0.03 / 1000 = 0.027.
    assert_eq!((cs.see_direct, cs.see_indirect, cs.see_indirect_counted), (dec!(1.5675), dec!(0.111), dec!(0.027)));
    let hrc = by("HRC");
    // (76 + 1000 × 1.5675) / 950 = 1643.5 / 950 = 1.73.
    assert_eq!(hrc.see_direct, dec!(1.73));
    assert_eq!(hrc.see_indirect_counted, dec!(27) / dec!(950));
    assert_eq!(hrc.embedded_t, dec!(1643.5) + dec!(27));
    // Sheet order is kept.
    assert_eq!(c.goods.iter().map(|g| g.good_id.as_str()).collect::<Vec<_>>(), ["HRC", "CS", "PIG"]);
}

#[test]
fn cement_counts_indirect_at_the_grid_factor_and_shares_scope_1() {
    // Cement is not in Annex II: direct + indirect (Regulation 2023/956 Art. 7(1)).
    let mut inv = inventory();
    let scope1 = thousand_tonnes_of_coal_at_k1(&mut inv);
    let mut clinker = good("CLK", "K1", "2523 10 00", dec!(3000));
    clinker.electricity_mwh = Some(dec!(200));
    let mut cement = good("CEM", "K1", "2523 29 00", dec!(1000));
    cement.direct_t = Some(dec!(0));
    inv.cbam.goods = vec![clinker, cement];
    let (c, r) = run(&inv).unwrap();
    let clk = &c.goods[0];
    assert_eq!(r.summary.totals.scope1_t_co2e, scope1);
    // All of Scope 1 is shared over the one good without direct_t.
    assert!(matches!(clk.direct_basis, DirectBasis::SharedScope1 { share, .. } if share == dec!(1)));
    assert_eq!(clk.direct_t, scope1);
    // Grid: MEE/NBS 2023 national average 0.5306 t/MWh, the latest before 2026.
    assert_eq!(clk.electricity_factor, dec!(0.5306));
    assert_eq!(clk.indirect_t, dec!(106.12));
    assert_eq!(clk.see_indirect, dec!(106.12) / dec!(3000));
    assert_eq!(clk.see_total, clk.see_direct + clk.see_indirect);
    assert!(r.warnings.iter().any(|w| w.sheet == InputSheet::CbamGoods && w.message.contains("shared by quantity_t")));
    assert!(r.warnings.iter().any(|w| w.message.contains("2023")));
}

#[test]
fn importer_default_value_markup_faa_and_cost() {
    let mut inv = inventory();
    // Default route, 2027, iron and steel: 2.0 × (1 + 20 %) = 2.4 t/t (IR 2025/2621).
    let mut l = ImportLine::new(2027, "coil from supplier", dec!(100));
    l.cn_code = Some("7208 51 20".parse().unwrap());
    l.default_value = Some(dec!(2.0));
    l.benchmark = Some(dec!(1.370));
    l.cscf = Some(dec!(0.9));
    l.certificate_price = Some(dec!(80));
    l.quarter = Quarter::new(2);
    inv.cbam.imports.push(l);
    // Fertilisers, 2026: mark-up 1 %; actual figures count indirect too.
    let mut f = ImportLine::new(2026, "urea", dec!(10));
    f.cn_code = Some("3102 10 10".parse().unwrap());
    f.see_direct = Some(dec!(1.0));
    f.see_indirect = Some(dec!(0.2));
    f.certificate_price = Some(dec!(75.36));
    inv.cbam.imports.push(f);
    let (c, _) = run(&inv).unwrap();
    let l = &c.imports[0];
    assert_eq!(l.see_basis, SeeBasis::Default);
    assert_eq!(l.markup, Some(dec!(0.20)));
    assert_eq!(l.see_used, dec!(2.4));
    assert_eq!(l.embedded_t, dec!(240));
    // FAA = CBAM factor 2027 (95 %) × CSCF 0.9 × 1.370 × 100 t = 117.135 t (IR 2025/2620).
    assert_eq!(l.free_allocation_adjustment_t, dec!(117.135));
    assert_eq!(l.certificates, dec!(122.865));
    assert_eq!(l.cost, Some(dec!(122.865) * dec!(80)));
    let f = &c.imports[1];
    assert_eq!(f.see_used, dec!(1.2));
    assert_eq!(f.embedded_t, dec!(12));
    // 2027: 100 t of steel, above 50 t: not exempt. 2026: 10 t of fertilisers: exempt.
    assert!(!c.de_minimis_of(2027).unwrap().exempt);
    let d26 = c.de_minimis_of(2026).unwrap();
    assert!(d26.exempt && d26.mass_t == dec!(10));
    assert_eq!(f.certificates, dec!(0));
    assert!(f.de_minimis_exempt);
}

#[test]
fn electricity_and_hydrogen_are_outside_de_minimis_and_electricity_has_no_faa() {
    let mut inv = inventory();
    let mut e = ImportLine::new(2026, "power", dec!(1000));
    e.cn_code = Some("2716 00 00".parse().unwrap());
    e.see_direct = Some(dec!(0.8));
    e.benchmark = Some(dec!(1));
    e.cscf = Some(dec!(1));
    let mut h = ImportLine::new(2026, "h2", dec!(5));
    h.cn_code = Some("2804 10 00".parse().unwrap());
    h.see_direct = Some(dec!(10));
    inv.cbam.imports = vec![e, h];
    let (c, _) = run(&inv).unwrap();
    assert_eq!(c.imports[0].free_allocation_adjustment_t, dec!(0));
    assert_eq!(c.imports[0].certificates, dec!(800));
    assert_eq!(c.imports[1].certificates, dec!(50));
    let d = c.de_minimis_of(2026).unwrap();
    assert_eq!(d.mass_t, dec!(0));
    assert!(!c.imports[1].de_minimis_exempt);
}

#[test]
fn carbon_price_paid_is_a_draft_deduction_and_certificates_floor_at_zero() {
    let mut inv = inventory();
    let mut l = ImportLine::new(2026, "x", dec!(100));
    l.cn_code = Some("7601 10 00".parse().unwrap());
    l.see_direct = Some(dec!(2));
    l.certificate_price = Some(dec!(80));
    l.carbon_price_paid = Some(dec!(20));
    let mut low = ImportLine::new(2026, "y", dec!(100));
    low.cn_code = Some("7601 10 00".parse().unwrap());
    low.see_direct = Some(dec!(1));
    low.benchmark = Some(dec!(1.5));
    low.cscf = Some(dec!(1));
    inv.cbam.imports = vec![l, low];
    let r = inv.calculate().unwrap();
    let c = r.cbam.as_ref().unwrap();
    // 200 t × 20 / 80 = 50 t deducted.
    assert_eq!(c.imports[0].deduction_t, dec!(50));
    assert_eq!(c.imports[0].certificates, dec!(150));
    assert!(r.warnings.iter().any(|w| w.message.contains("draft")));
    // 100 − 0.975 × 1.5 × 100 = −46.25: floored at 0, said to be an inference.
    assert_eq!(c.imports[1].net_t, dec!(-46.25));
    assert_eq!(c.imports[1].certificates, dec!(0));
    assert!(r.warnings.iter().any(|w| w.message.contains("inference")));
}

#[test]
fn a_cycle_of_precursors_names_its_rows() {
    let mut inv = inventory();
    let mut a = good("A", "S1", "7206 10 00", dec!(10));
    a.direct_t = Some(dec!(1));
    let mut b = good("B", "S1", "7208 51 20", dec!(10));
    b.direct_t = Some(dec!(1));
    inv.cbam.goods = vec![a, b];
    let mut p1 = Precursor::new("A", "B", dec!(1));
    p1.row = Some(2);
    let mut p2 = Precursor::new("B", "A", dec!(1));
    p2.row = Some(3);
    inv.cbam.precursors = vec![p1, p2];
    let e = inv.calculate().unwrap_err();
    let text = e.to_string();
    assert!(text.contains("cycle A → B → A"), "{text}");
    assert!(text.contains("rows 2, 3"), "{text}");
}

#[test]
fn bad_rows_are_all_reported() {
    let mut inv = inventory();
    let mut g = good("G", "NOPE", "7208 51 20", dec!(10));
    g.row = Some(2);
    g.category = carbonbook_core::cbam::Category::Cement;
    let mut unknown = Precursor::new("G", "bought slab", dec!(5));
    unknown.row = Some(2);
    unknown.source = DataSource::Default;
    inv.cbam.goods = vec![g];
    inv.cbam.precursors = vec![unknown];
    let mut l = ImportLine::new(2025, "G", dec!(1));
    l.row = Some(2);
    inv.cbam.imports = vec![l];
    let e = inv.calculate().unwrap_err();
    let fields: Vec<(InputSheet, Option<Field>)> = e.0.iter().map(|e| (e.sheet, e.field)).collect();
    assert!(fields.contains(&(InputSheet::CbamGoods, Some(Field::FacilityId))), "{e}");
    assert!(fields.contains(&(InputSheet::CbamGoods, Some(Field::Category))), "{e}");
    assert!(fields.contains(&(InputSheet::CbamPrecursors, Some(Field::SeeDirect))), "{e}");
    assert!(fields.contains(&(InputSheet::CbamImports, Some(Field::Year))), "{e}");
}

#[test]
fn a_good_of_another_year_needs_direct_t() {
    let mut inv = inventory();
    let mut g = Good::new("G", "S1", 2027, "7208 51 20".parse().unwrap(), dec!(10));
    g.row = Some(4);
    inv.cbam.goods = vec![g];
    let e = inv.calculate().unwrap_err();
    assert_eq!(e.0[0].field, Some(Field::DirectT));
    assert_eq!(e.0[0].row, Some(4));
}

proptest! {
    /// IR 2025/2547 Annex III: SEE_g = ae_g + Σ m_i × SEE_i is linear in the
    /// precursors' SEE: scaling a precursor's SEE by k moves the good's SEE by
    /// (k − 1) × m × SEE_i exactly.
    #[test]
    fn see_is_linear_in_precursor_see(al in 1u32..10_000, attr in 0u32..100_000, m in 0u32..10_000, see in 0u32..5_000, k in 0u32..5) {
        let al = Decimal::from(al);
        let attr = Decimal::from(attr);
        let m = Decimal::from(m);
        let see = Decimal::new(i64::from(see), 3);
        let figure = |see_i: Decimal| {
            let mut inv = inventory();
            let mut g = good("G", "S1", "7208 51 20", al);
            g.direct_t = Some(attr);
            inv.cbam.goods = vec![g];
            let mut p = Precursor::new("G", "slab", m);
            p.see_direct = Some(see_i);
            p.see_indirect = Some(Decimal::ZERO);
            inv.cbam.precursors = vec![p];
            run(&inv).unwrap().0.goods[0].embedded_direct_t
        };
        let k = Decimal::from(k);
        let base = figure(see);
        let scaled = figure(see * k);
        prop_assert_eq!(scaled - base, (k - Decimal::ONE) * m * see);
        prop_assert_eq!(base, attr + m * see);
    }

    /// Certificates due are never negative, whatever the benchmark, CSCF or
    /// carbon price paid.
    #[test]
    fn certificates_are_never_negative(q in 0u32..100_000, see in 0u32..5_000, bm in 0u32..5_000, cscf in 0u32..1_000, cp in 0u32..200, price in 1u32..200, year in 2026i32..2040) {
        let mut inv = inventory();
        let mut l = ImportLine::new(year, "x", Decimal::from(q));
        l.cn_code = Some("7208 51 20".parse().unwrap());
        l.see_direct = Some(Decimal::new(i64::from(see), 3));
        l.benchmark = Some(Decimal::new(i64::from(bm), 3));
        l.cscf = Some(Decimal::new(i64::from(cscf), 3));
        l.carbon_price_paid = Some(Decimal::from(cp));
        l.certificate_price = Some(Decimal::from(price));
        inv.cbam.imports = vec![l];
        let c = run(&inv).unwrap().0;
        prop_assert!(c.imports[0].certificates >= Decimal::ZERO);
        prop_assert!(c.imports[0].cost.unwrap() >= Decimal::ZERO);
    }
}

/// IR (EU) 2025/2547 Annex I: a good's attributed direct emissions add the
/// emissions of the measurable heat the installation imports and deduct
/// those of the heat (and electricity) it exports. Shared from the
/// facility's figures, they are Scope 1 + bought heat − exported heat:
/// 1 000 GJ bought and 200 GJ exported at 0.11 t CO2/GJ (the MEE heat
/// factor) move 110 t in and 22 t out.
#[test]
fn shared_direct_emissions_add_bought_heat_and_deduct_exports() {
    let mut inv = inventory();
    let scope1 = thousand_tonnes_of_coal_at_k1(&mut inv);
    inv.activities.push(Activity::new(
        "K1",
        SourceCategory::PurchasedHeat,
        "heat",
        Quantity::new(dec!(1000), Unit::Gigajoule),
    ));
    inv.activities.push(Activity::new(
        "K1",
        SourceCategory::ExportedHeat,
        "heat",
        Quantity::new(dec!(200), Unit::Gigajoule),
    ));
    inv.cbam.goods = vec![good("CLK", "K1", "2523 10 00", dec!(3000))];
    let (c, r) = run(&inv).unwrap();
    assert_eq!(r.summary.totals.scope1_t_co2e, scope1);
    let clk = &c.goods[0];
    assert!(
        matches!(clk.direct_basis, DirectBasis::SharedScope1 { heat_imported_t, exported_t, .. }
            if heat_imported_t == dec!(110) && exported_t == dec!(22)),
        "{:?}",
        clk.direct_basis
    );
    assert_eq!(clk.direct_t, scope1 + dec!(110) - dec!(22));
    assert_eq!(clk.see_direct, (scope1 + dec!(88)) / dec!(3000));
}

/// The carbon price due in China on a good of an installation in the
/// national ETS (draft Art. 9 act, Ares(2026)4841230: free allowances are a
/// rebate): pig iron at S1, 1 500 t CO2e attributed over 1 000 t, all made
/// at the works, so 1.5 t CO2e/t covered; CN-ETS account: 1 800 t verified,
/// 1 620 t allocated (90 %), 80 CNY/t. Due 1.5 × 80 = 120 CNY/t, rebate
/// 120 × 0.9 = 108, effective 12 CNY/t.
#[test]
fn carbon_price_due_is_the_accounts_price_on_the_covered_emissions_less_free_allocation() {
    use carbonbook_core::trading::{Allocation, Scheme, TradingLine};
    let mut inv = inventory();
    let mut pig = good("PIG", "S1", "7201 10 11", dec!(1000));
    pig.direct_t = Some(dec!(1500));
    inv.cbam.goods = vec![pig];
    let mut line = TradingLine::new(Scheme::CnEts, "S1", 2026, Allocation::Given(dec!(1620)));
    line.verified = Some(dec!(1800));
    line.price = Some(dec!(80));
    inv.trading.push(line);
    let (c, _) = run(&inv).unwrap();
    let cp = c.goods[0].carbon_price.as_ref().expect("a carbon price");
    assert_eq!(cp.covered_per_t, dec!(1.5));
    assert_eq!(cp.free_share, dec!(0.9));
    assert_eq!(cp.due_per_t, dec!(120));
    assert_eq!(cp.rebate_per_t, dec!(108));
    assert_eq!(cp.effective_per_t, dec!(12));
    // Iron and steel count no indirect emissions: all of SEE is covered.
    assert_eq!(cp.share_covered, dec!(1));
    // Bought-in pellets are not covered; crude steel made from the pig
    // iron at the same works carries the pig iron's covered emissions only:
    // CS = (150 t + 900 t × 1.5 t/t) ÷ 1 000 t = 1.5 t CO2e/t covered.
    let mut pellets = Precursor::new("PIG", "pellets", dec!(1500));
    pellets.see_direct = Some(dec!(0.05));
    pellets.see_indirect = Some(dec!(0));
    pellets.cn_code = Some("2601 12 00".parse().unwrap());
    inv.cbam.precursors.push(pellets);
    let mut cs = good("CS", "S1", "7206 10 00", dec!(1000));
    cs.direct_t = Some(dec!(150));
    inv.cbam.goods.push(cs);
    inv.cbam.precursors.push(Precursor::new("CS", "PIG", dec!(900)));
    let (c, _) = run(&inv).unwrap();
    let pig = c.goods.iter().find(|g| g.good_id == "PIG").unwrap();
    let cp = pig.carbon_price.as_ref().unwrap();
    assert_eq!(cp.covered_per_t, dec!(1.5));
    assert_eq!(pig.see_direct, dec!(1.575));
    assert_eq!(cp.share_covered, dec!(1.5) / dec!(1.575));
    let cs = c.goods.iter().find(|g| g.good_id == "CS").unwrap();
    assert_eq!(cs.carbon_price.as_ref().unwrap().covered_per_t, dec!(1.5));
    // No account, no figure.
    inv.trading.clear();
    assert_eq!(run(&inv).unwrap().0.goods[0].carbon_price, None);
}

/// A line of `q` t of `cn` from `origin` with no figures of its own.
fn bare_line(year: i32, cn: &str, origin: &str, q: Decimal, row: u32) -> ImportLine {
    let mut l = ImportLine::new(year, cn, q);
    l.cn_code = Some(cn.parse().unwrap());
    l.origin = Some(origin.to_owned());
    l.row = Some(row);
    l
}

#[test]
fn a_blank_default_value_takes_annex_i_of_the_origin() {
    // IR (EU) 2025/2621 Annex I as replaced by IR (EU) 2026/1740, sheet
    // "China": hot-rolled flat steel 7208, total 3.187 t CO2e/t (route C);
    // grey Portland cement 2523 29 00, 1.35 + 0.07 = 1.42. Sheet "Other
    // countries and territories": hydrogen 17.74. Mark-ups (Annex I opening
    // text): 10 % in 2026, 20 % in 2027 for steel, cement and hydrogen.
    let mut inv = inventory();
    inv.cbam.imports.push(bare_line(2026, "7208 51 20", "CN", dec!(100), 2));
    inv.cbam.imports.push(bare_line(2027, "2523 29 00", "中国", dec!(1000), 3));
    inv.cbam.imports.push(bare_line(2026, "2804 10 00", "other", dec!(2), 4));
    let (c, r) = run(&inv).unwrap();
    let steel = &c.imports[0];
    assert_eq!(steel.see_basis, SeeBasis::Default);
    assert_eq!(steel.default_value, Some(dec!(3.187)));
    let from = steel.default_from.as_ref().unwrap();
    assert_eq!((from.row_code, from.route), ("7208", Some("C")));
    // 3.187 × 1.10 = 3.5057 t/t; × 100 t = 350.57 t.
    assert_eq!((steel.see_used, steel.embedded_t), (dec!(3.5057), dec!(350.57)));
    // 1.42 × 1.20 = 1.704; × 1 000 t = 1 704 t.
    let cement = &c.imports[1];
    assert_eq!((cement.default_value, cement.embedded_t), (Some(dec!(1.42)), dec!(1704)));
    // 17.74 × 1.10 × 2 t = 39.028 t.
    assert_eq!(c.imports[2].embedded_t, dec!(39.028));
    // The user is told which lines took the built-in values.
    let w: Vec<_> = r.warnings.iter().filter(|w| w.field == Some(Field::DefaultValue)).collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].message.contains("rows 2–4") && w[0].message.contains("2026/1740"), "{}", w[0].message);
}

#[test]
fn a_given_default_value_wins_but_a_difference_from_annex_i_is_warned() {
    let mut inv = inventory();
    let mut l = bare_line(2026, "7208 51 20", "China", dec!(10), 5);
    l.default_value = Some(dec!(3.19)); // the two-place figure of a secondary table
    inv.cbam.imports.push(l);
    let (c, r) = run(&inv).unwrap();
    assert_eq!(c.imports[0].default_value, Some(dec!(3.19)));
    assert!(c.imports[0].default_from.is_none());
    let w = r.warnings.iter().find(|w| w.field == Some(Field::DefaultValue)).expect("a warning");
    assert_eq!(w.row, Some(5));
    assert!(w.message.contains("3.187"), "{}", w.message);
}

#[test]
fn no_default_value_for_the_origin_is_an_error_on_its_cell() {
    let mut inv = inventory();
    // India's sheet is not built in; the China sheet has no row for DRI;
    // 2523 10 00 is white (…10) or grey (…90) clinker.
    inv.cbam.imports.push(bare_line(2026, "7208 51 20", "IN", dec!(10), 2));
    inv.cbam.imports.push(bare_line(2026, "7203 10 00", "CN", dec!(10), 3));
    inv.cbam.imports.push(bare_line(2026, "2523 10 00", "CN", dec!(10), 4));
    let e = inv.calculate().unwrap_err();
    assert_eq!(e.0.len(), 3, "{e}");
    for (err, (row, words)) in
        e.0.iter().zip([(2, "not for origin \"IN\""), (3, "gives no default value"), (4, "2523100010")])
    {
        assert_eq!((err.sheet, err.row, err.field), (InputSheet::CbamImports, Some(row), Some(Field::DefaultValue)));
        assert!(err.to_string().contains(words), "{err}");
    }
}

#[test]
fn a_default_line_takes_column_b_of_its_route_and_the_published_cscf() {
    // Hot-rolled coil from China, 2026, nothing but the mass given.
    // Default value (IR 2025/2621 Annex I, China, 7208, route C): 3.187 × 1.10.
    // Benchmark (IR 2025/2620 Annex, 7208 column B, route C): 1.370; CSCF 1
    // (Implementing Decision (EU) 2026/1862). Specific embedded free
    // allocation 0.975 × 1.00 × 1.370 = 1.33575 t/t, the figure a
    // practitioner's worked example gives for hot-rolled coil in 2026.
    let mut inv = inventory();
    let mut l = bare_line(2026, "7208 51 20", "CN", dec!(100), 2);
    l.certificate_price = Some(dec!(75.36));
    inv.cbam.imports.push(l);
    // Primary aluminium from China (route K), 2028: column B 1.423, mark-up 30 %.
    inv.cbam.imports.push(bare_line(2028, "7601 10 10", "CN", dec!(10), 3));
    let (c, r) = run(&inv).unwrap();
    let s = &c.imports[0];
    let b = s.benchmark_from.as_ref().unwrap();
    assert_eq!((b.cn_code, b.route, b.value), ("72085120", Some('C'), dec!(1.37)));
    assert_eq!((s.cscf, s.cscf_built_in), (Some(dec!(1)), true));
    assert_eq!(s.free_allocation_adjustment_t, dec!(133.575));
    // 350.57 − 133.575 = 216.995 certificates, at EUR 75.36.
    assert_eq!(s.certificates, dec!(216.995));
    assert_eq!(s.cost, Some(dec!(216.995) * dec!(75.36)));
    let al = &c.imports[1];
    // 10 t × 3.000 × 1.30 = 39 t embedded; FAA 0.90 × 1 × 1.423 × 10 = 12.807 t.
    assert_eq!((al.embedded_t, al.free_allocation_adjustment_t), (dec!(39.000), dec!(12.807)));
    for f in [Field::Benchmark, Field::Cscf] {
        let w = r.warnings.iter().find(|w| w.field == Some(f)).expect("a warning");
        assert!(w.message.contains("rows 2–3"), "{}", w.message);
    }
}

#[test]
fn actual_lines_keep_the_books_benchmark_and_say_why_none_is_built_in() {
    let mut inv = inventory();
    let mut l = bare_line(2026, "7208 51 20", "CN", dec!(100), 2);
    l.see_direct = Some(dec!(2.0));
    inv.cbam.imports.push(l);
    // A benchmark given without its CSCF after 2030: no CSCF is published yet.
    let mut late = bare_line(2031, "7208 51 20", "CN", dec!(100), 3);
    late.see_direct = Some(dec!(2.0));
    late.benchmark = Some(dec!(1.37));
    inv.cbam.imports.push(late);
    let e = inv.calculate().unwrap_err();
    assert_eq!(e.0.len(), 1, "{e}");
    assert_eq!((e.0[0].row, e.0[0].field), (Some(3), Some(Field::Cscf)));
    inv.cbam.imports.pop();
    let (c, r) = run(&inv).unwrap();
    assert_eq!((c.imports[0].benchmark, c.imports[0].free_allocation_adjustment_t), (None, dec!(0)));
    let w = r.warnings.iter().find(|w| w.field == Some(Field::Benchmark)).expect("a warning");
    assert!(w.message.contains("column A"), "{}", w.message);
}

#[test]
fn a_blank_certificate_price_is_the_one_published_for_the_quarter() {
    // The Commission published EUR 75.36 for Q1 2026 (7 April 2026); no
    // later price is held.
    let mut inv = inventory();
    let mut q1 = bare_line(2026, "7208 51 20", "CN", dec!(100), 2);
    q1.see_direct = Some(dec!(2));
    q1.benchmark = Some(dec!(1.37));
    q1.quarter = Quarter::new(1);
    let mut q3 = q1.clone();
    q3.row = Some(3);
    q3.quarter = Quarter::new(3);
    inv.cbam.imports = vec![q1, q3];
    let (c, r) = run(&inv).unwrap();
    // 200 − 0.975 × 1 × 1.37 × 100 = 66.425 certificates × 75.36.
    let l = &c.imports[0];
    assert_eq!((l.certificate_price, l.certificate_price_published), (Some(dec!(75.36)), true));
    assert_eq!(l.cost, Some(dec!(66.425) * dec!(75.36)));
    assert_eq!((c.imports[1].certificate_price, c.imports[1].cost), (None, None));
    let w: Vec<_> = r.warnings.iter().filter(|w| w.field == Some(Field::CertificatePrice)).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w.iter().any(|w| w.row.is_none() && w.message.contains("rows 2:")), "{w:?}");
    assert!(w.iter().any(|w| w.row == Some(3)), "{w:?}");
}
