//! The CBAM sheets (workbook-v2 §8): what they give, and every bad cell
//! named in one run.

use carbonbook_core::cbam::{Category, DataSource};
use carbonbook_core::pipeline::{self, Discard};

use super::*;

fn goods_rows() -> Vec<Vec<V>> {
    vec![
        vec![
            S("产品编号"),
            S("设施编号"),
            S("年度"),
            S("CN编码"),
            S("类别"),
            S("生产路线"),
            S("产量"),
            S("直接排放"),
            S("耗电量"),
            S("电力排放因子"),
        ],
        vec![
            S("PIG"),
            S("KILN-1"),
            N(2024.0),
            S("7201 10 11"),
            S("iron_steel"),
            S("BF"),
            N(1000.0),
            N(1500.0),
            S(""),
            S(""),
        ],
        vec![S("CS"), S("KILN-1"), N(2024.0), S("72061000"), S("钢铁"), S("BOF"), N(1000.0), N(150.0), N(50.0), N(0.6)],
    ]
}

#[test]
fn cbam_sheets_are_read_by_their_chinese_names() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "b.xlsx",
        &[
            ("组织", org_rows()),
            ("设施", fac_rows()),
            ("CBAM产品", goods_rows()),
            (
                "CBAM前体",
                vec![
                    vec![S("产品编号"), S("前体"), S("消耗量"), S("直接隐含排放"), S("间接隐含排放"), S("数据来源")],
                    vec![S("CS"), S("PIG"), N(900.0), S(""), S(""), S("")],
                    vec![S("PIG"), S("pellets"), N(1500.0), N(0.05), N(0.02), S("默认值")],
                ],
            ),
            (
                "CBAM进口",
                vec![
                    vec![S("年度"), S("季度"), S("产品编号"), S("进口量"), S("证书价格")],
                    vec![N(2026.0), S("Q2"), S("CS"), N(100.0), N(75.36)],
                ],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert!(setup.problems.is_empty(), "{:?}", texts(&setup.problems));
    assert!(acts.is_empty());
    let c = &setup.cbam;
    assert_eq!(c.goods.len(), 2);
    assert_eq!(c.goods[1].category, Category::IronSteel);
    assert_eq!(c.goods[1].cn_code.digits(), "72061000");
    assert_eq!(c.goods[1].electricity_factor, Some(dec!(0.6)));
    assert_eq!(c.precursors[1].source, DataSource::Default);
    assert_eq!(c.imports[0].quarter.map(|q| q.get()), Some(2));
    assert_eq!(c.imports[0].row, Some(2));
    Ok(())
}

#[test]
fn bad_cbam_cells_are_named_all_in_one_run() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "b.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "CBAM goods",
                vec![
                    vec![S("good_id"), S("facility_id"), S("year"), S("cn_code"), S("category"), S("quantity_t")],
                    vec![S("A"), S("KILN-1"), N(2024.0), S("7208 51 20"), S("copper"), N(10.0)],
                    vec![S("B"), S("KILN-1"), N(2024.0), S("0101 21 00"), S("cement"), N(10.0)],
                    vec![S("C"), S("KILN-1"), N(2024.0), S("2523 29 00"), S("cement"), N(-5.0)],
                    vec![S("D"), S("KILN-1"), N(2024.0), S("2523 29 00"), S("aluminium"), N(5.0)],
                ],
            ),
            (
                "CBAM precursors",
                vec![vec![S("good_id"), S("precursor"), S("mass_t")], vec![S("C"), S("slab"), N(-1.0)]],
            ),
            (
                "CBAM imports",
                vec![
                    vec![S("year"), S("quarter"), S("cn_code"), S("quantity_t")],
                    vec![N(2026.0), N(5.0), S("7208 51 20"), N(1.0)],
                    vec![N(2026.0), N(1.0), S("9999 99 99"), N(-2.0)],
                ],
            ),
        ],
    )?;
    let (setup, _) = read_all(&path)?;
    let all = texts(&setup.problems);
    for needle in [
        "'CBAM goods'!E2: expected a CBAM category",
        "'CBAM goods'!D3: CN 0101 21 00 is not a good of Annex I",
        "'CBAM goods'!F4: quantity_t must be a number > 0, found -5",
        "'CBAM goods'!E5: category must be cement",
        "'CBAM precursors'!C2: mass_t must be a number ≥ 0, found -1",
        "'CBAM imports'!B2: quarter must be 1–4",
        "'CBAM imports'!C3: CN 9999 99 99 is not a good of Annex I",
        "'CBAM imports'!D3: quantity_t must be a number ≥ 0, found -2",
    ] {
        assert!(all.iter().any(|p| p.starts_with(needle)), "{needle}\n{all:#?}");
    }
    Ok(())
}

#[test]
fn engine_errors_of_cbam_rows_are_placed_on_their_cells() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "b.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            ("CBAM goods", goods_rows()),
            (
                "CBAM precursors",
                vec![
                    vec![S("good_id"), S("precursor"), S("mass_t"), S("see_direct")],
                    vec![S("CS"), S("bought slab"), N(10.0), S("")],
                    vec![S("CS"), S("PIG"), N(900.0), S("")],
                    vec![S("PIG"), S("CS"), N(1.0), S("")],
                ],
            ),
        ],
    )?;
    let mut book = open(&path)?;
    let mut setup = book.read_setup()?;
    assert!(setup.problems.is_empty(), "{:?}", texts(&setup.problems));
    let input = setup.input();
    let mut errors = Vec::new();
    pipeline::run(&input, &mut book.activity_rows(&mut setup), &mut Discard, &mut errors, &mut |_| {})?;
    let placed: Vec<String> = errors.iter().map(|e| setup.locate(e).to_string()).collect();
    assert!(placed.iter().any(|p| p.starts_with("'CBAM precursors'!D2:")), "{placed:#?}");
    Ok(())
}

#[test]
fn cycle_is_named_on_the_precursor_cell() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "b.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            ("CBAM goods", goods_rows()),
            (
                "CBAM precursors",
                vec![
                    vec![S("good_id"), S("precursor"), S("mass_t")],
                    vec![S("CS"), S("PIG"), N(900.0)],
                    vec![S("PIG"), S("CS"), N(1.0)],
                ],
            ),
        ],
    )?;
    let mut book = open(&path)?;
    let mut setup = book.read_setup()?;
    let input = setup.input();
    let mut errors = Vec::new();
    pipeline::run(&input, &mut book.activity_rows(&mut setup), &mut Discard, &mut errors, &mut |_| {})?;
    let placed: Vec<String> = errors.iter().map(|e| setup.locate(e).to_string()).collect();
    assert!(placed.iter().any(|p| p.starts_with("'CBAM precursors'!B") && p.contains("rows 2, 3")), "{placed:#?}");
    Ok(())
}
