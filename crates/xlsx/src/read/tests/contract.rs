//! What the sheets give, and every problem they can have.

use super::*;

#[test]
fn a_complete_book_reads_every_sheet() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "full.xlsx",
        &[
            (
                "Organisation",
                vec![
                    vec![S("Field"), S("Value")],
                    vec![S("name"), S("Example Co.")],
                    vec![S("reporting_year"), S("2024")],
                    vec![S("methodology"), S("IPCC-2006")],
                    vec![S("gwp"), S("ar6")],
                    vec![S("currency"), S("eur")],
                    vec![S("electricity_basis"), S("equal")],
                    vec![S("electricity_tce_per_mwh"), N(0.3)],
                    vec![S("electricity_basis_source"), S("provincial statistics 2024")],
                    vec![S("base_year"), N(2020.0)],
                    vec![S("base_year_tce_per_10k_output_value"), N(0.5)],
                    vec![S("base_year_t_co2e_per_10k_output_value"), S("1.25")],
                    vec![S("目标年"), N(2030.0)],
                    vec![S("target_tce_per_10k_output_value"), N(0.35)],
                    vec![S("目标万元产值碳排放"), S("0.9")],
                ],
            ),
            (
                "Facilities",
                vec![
                    vec![S("sector"), S("facility_id"), S("country"), S("grid_region"), S("name")],
                    vec![S("cement"), S("KILN-1"), S("cn"), S("华东"), S("Kiln 1")],
                    vec![S(""), N(1001.0), S(""), S(""), S("")],
                ],
            ),
            (
                "Activities",
                vec![
                    vec![
                        S("Facility ID"),
                        S("SOURCE"),
                        S(" activity "),
                        S("Quantity (t)"),
                        S("unit"),
                        S("period"),
                        S("ncv"),
                        S("ncv_unit"),
                        S("carbon_content"),
                        S("oxidation_factor"),
                        S("contractual_factor"),
                    ],
                    vec![
                        S("KILN-1"),
                        S("stationary_combustion"),
                        S("raw_coal"),
                        N(4476.904),
                        S("t"),
                        V::Date(2024, 3, 15),
                        N(20.908),
                        S("GJ/t"),
                        N(0.02618),
                        V::Pct(0.98),
                    ],
                    vec![],
                    vec![
                        N(1001.0),
                        S("purchased_electricity"),
                        S("electricity"),
                        S("1,234.5"),
                        S("MWh"),
                        S("2024-04"),
                        S(""),
                        S(""),
                        S(""),
                        S(""),
                        N(0.2),
                    ],
                    vec![
                        S("KILN-1"),
                        S("固定燃烧"),
                        S("natural_gas"),
                        N(12.0),
                        S("万立方米"),
                        N(2024.0),
                        S(""),
                        S(""),
                        S(""),
                        S("95%"),
                    ],
                ],
            ),
            (
                "Production",
                vec![
                    vec![S("facility_id"), S("product"), S("quantity"), S("unit"), S("output_value"), S("period")],
                    vec![S("KILN-1"), S("clinker"), N(400000.0), S("t"), N(120000000.0), S("2024年3月")],
                ],
            ),
            (
                "Factors",
                vec![
                    vec![S("factor_key"), S("gas"), S("value"), S("unit"), S("source"), S("tce_per_unit")],
                    vec![S("my_gas"), S("CO2"), N(2.1622), S("kgCO2/m3"), S("supplier 2024"), N(0.0012143)],
                    vec![S("my_gas"), S("CH4"), N(0.001), S("kgCH4/m3"), S("supplier 2024"), N(0.0012143)],
                ],
            ),
            (
                "Trading",
                vec![
                    vec![
                        S("scheme"),
                        S("facility_id"),
                        S("year"),
                        S("allocated"),
                        S("benchmark"),
                        S("benchmark_output"),
                    ],
                    vec![S("CN-ETS"), S("KILN-1"), N(2024.0), N(120000.0)],
                    vec![S("EU-ETS"), N(1001.0), S("2024"), S(""), N(0.8), N(1000.0)],
                ],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    assert!(setup.warnings.is_empty(), "{:#?}", texts(&setup.warnings));

    let o = &setup.organisation;
    assert_eq!((o.name.as_str(), o.reporting_year, o.methodology.as_str()), ("Example Co.", 2024, "ipcc-2006"));
    assert_eq!((o.gwp, o.currency.code()), (GwpSet::Ar6, "EUR"));
    assert_eq!(
        o.electricity_basis,
        ElectricityBasis::EqualValue { tce_per_mwh: dec!(0.3), source: "provincial statistics 2024".into() }
    );
    let base = o.base_year.expect("base year");
    assert_eq!(
        (base.year, base.tce_per_10k_output_value, base.t_co2e_per_10k_output_value),
        (2020, Some(dec!(0.5)), Some(dec!(1.25)))
    );
    let target = o.target.expect("target");
    assert_eq!(
        (target.year, target.tce_per_10k_output_value, target.t_co2e_per_10k_output_value),
        (2030, Some(dec!(0.35)), Some(dec!(0.9)))
    );

    assert_eq!(setup.facilities.len(), 2);
    let f = &setup.facilities[0];
    assert_eq!((f.id.as_str(), f.name.as_str(), f.country.as_str()), ("KILN-1", "Kiln 1", "CN"));
    assert_eq!((f.grid_region.as_deref(), f.sector.as_deref(), f.row), (Some("华东"), Some("cement"), Some(2)));
    assert_eq!((setup.facilities[1].id.as_str(), setup.facilities[1].country.as_str()), ("1001", "CN"));

    assert_eq!(acts.len(), 3);
    let a = &acts[0];
    assert_eq!((a.row, a.facility_id.as_str(), a.source), (Some(2), "KILN-1", SourceCategory::StationaryCombustion));
    assert_eq!((a.quantity.value(), a.quantity.unit()), (dec!(4476.904), Unit::Tonne));
    assert_eq!(a.period, Some(Period::Month { year: 2024, month: 3 }));
    let ncv = a.measured.ncv.expect("ncv");
    assert_eq!((ncv.value(), ncv.numerator(), ncv.denominator()), (dec!(20.908), Unit::Gigajoule, Unit::Tonne));
    assert_eq!((a.measured.carbon_content, a.measured.oxidation), (Some(dec!(0.02618)), Some(dec!(0.98))));
    let b = &acts[1];
    assert_eq!((b.row, b.facility_id.as_str(), b.quantity.value()), (Some(4), "1001", dec!(1234.5)));
    assert_eq!((b.period, b.contractual_factor), (Some(Period::Month { year: 2024, month: 4 }), Some(dec!(0.2))));
    let c = &acts[2];
    assert_eq!((c.row, c.quantity.unit(), c.period), (Some(5), Unit::TenThousandCubicMetres, Some(Period::Year(2024))));
    assert_eq!(c.measured.oxidation, Some(dec!(0.95)));

    let p = &setup.production[0];
    assert_eq!(
        (p.quantity, p.output_value, p.period),
        (dec!(400000), Some(dec!(120000000)), Some(Period::Month { year: 2024, month: 3 }))
    );

    assert_eq!(setup.factors.len(), 2);
    let fct = &setup.factors[1];
    assert_eq!(
        (fct.key.as_str(), fct.gas, fct.value, fct.tce_per_unit),
        ("my_gas", Gas::Ch4, dec!(0.001), Some(dec!(0.0012143)))
    );
    assert_eq!((fct.unit.mass, fct.unit.per), (Unit::Kilogram, Unit::CubicMetre));

    let t = &setup.trading;
    assert_eq!(
        (t[0].scheme, t[0].year, t[0].allocation.clone()),
        (Scheme::CnEts, 2024, Allocation::Given(dec!(120000)))
    );
    assert_eq!(
        t[1].allocation,
        Allocation::Benchmark { benchmark: dec!(0.8), output: dec!(1000), correction: dec!(1) }
    );
    assert_eq!((t[1].facility_id.as_str(), t[1].scheme), ("1001", Scheme::EuEts));
    Ok(())
}

#[test]
fn chinese_sheet_and_column_names() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "cn.xlsx",
        &[
            (
                "组织",
                vec![
                    vec![S("项目"), S("内容")],
                    vec![S("企业名称"), S("示例水泥有限公司")],
                    vec![S("报告年度"), S("2024年")],
                    vec![S("核算方法"), S("cn-gbt32150")],
                    vec![S("GWP"), S("AR5")],
                    vec![S("币种"), S("CNY")],
                    vec![S("电力折标方式"), S("当量值")],
                ],
            ),
            ("设施", vec![vec![S("设施编号"), S("设施名称"), S("行业")], vec![S("S1"), S("一号窑"), S("水泥")]]),
            (
                "活动数据",
                vec![
                    vec![
                        S("设施ID"),
                        S("排放源类别"),
                        S("燃料品种"),
                        S("消耗量"),
                        S("单位"),
                        S("月份"),
                        S("低位发热量"),
                        S("低位发热量单位"),
                        S("单位热值含碳量"),
                        S("碳氧化率"),
                        S("合同排放因子"),
                    ],
                    vec![
                        S("S1"),
                        S("化石燃料燃烧"),
                        S("raw_coal"),
                        S("１２０"),
                        S("吨"),
                        S("2024年3月"),
                        N(20.9),
                        S("GJ/t"),
                        N(0.0262),
                        S("98%"),
                    ],
                ],
            ),
            (
                "产品产量",
                vec![
                    vec![S("设施编号"), S("产品"), S("产量"), S("单位"), S("产值"), S("期间")],
                    vec![S("S1"), S("熟料"), N(1.0), S("t"), N(10.0), S("2024")],
                ],
            ),
            (
                "排放因子",
                vec![
                    vec![S("因子键"), S("气体"), S("数值"), S("单位"), S("来源"), S("折标系数")],
                    vec![S("k"), S("二氧化碳"), N(1.0), S("tCO2/t"), S("厂家"), S("")],
                ],
            ),
            (
                "碳交易",
                vec![
                    vec![S("交易体系"), S("设施编号"), S("履约年度"), S("配额"), S("核查排放量"), S("价格")],
                    vec![S("CN-ETS"), S("S1"), N(2024.0), N(100.0), N(110.0), N(95.0)],
                ],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    assert_eq!(setup.organisation.name, "示例水泥有限公司");
    assert_eq!(setup.organisation.reporting_year, 2024);
    assert_eq!(setup.facilities[0].sector.as_deref(), Some("水泥"));
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].quantity.value(), dec!(120));
    assert_eq!(acts[0].measured.oxidation, Some(dec!(0.98)));
    assert_eq!(setup.production[0].product, "熟料");
    assert_eq!(setup.factors[0].gas, Gas::Co2);
    assert_eq!(setup.trading[0].verified, Some(dec!(110)));
    Ok(())
}

#[test]
fn tables_may_start_anywhere_and_cells_are_the_real_ones() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("offset.xlsx");
    let mut wb = Workbook::new();
    write_sheet(wb.add_worksheet().set_name("Organisation")?, &org_rows(), 2, 1)?;
    write_sheet(wb.add_worksheet().set_name("Facilities")?, &fac_rows(), 0, 0)?;
    let rows = vec![
        act_header(),
        vec![S("KILN-1"), S("stationary_combustion"), S("diesel"), S("abc"), S("t")],
        vec![],
        vec![S("KILN-1"), S("stationary_combustion"), S("diesel"), N(5.0), S("t")],
    ];
    // The table starts at C3: the header is row 3, data rows 4 and 6.
    write_sheet(wb.add_worksheet().set_name("Activities")?, &rows, 2, 2)?;
    wb.save(&path)?;
    let (setup, acts) = read_all(&path)?;
    assert_eq!(texts(&setup.problems), ["Activities!F4: quantity must be a number, found \"abc\""]);
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].row, Some(6));
    assert_eq!(setup.organisation.name, "Example Co.");
    Ok(())
}

#[test]
fn unknown_and_doubled_columns() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut header = act_header();
    header.push(S("notes"));
    header.push(S("数量"));
    let path = book(
        dir.path(),
        "cols.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "Activities",
                vec![header, vec![S("KILN-1"), S("stationary_combustion"), S("diesel"), N(1.0), S("t"), S("x")]],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert_eq!(
        texts(&setup.problems),
        ["Activities!G1: column quantity appears twice (first at Activities!D1); keep one"]
    );
    assert_eq!(setup.warnings.len(), 1);
    assert!(
        setup.warnings[0].to_string().starts_with("Activities!F1: unknown column \"notes\" is ignored"),
        "{}",
        setup.warnings[0]
    );
    assert_eq!(acts.len(), 1);
    Ok(())
}

#[test]
fn missing_columns_name_the_header_row_and_what_was_found() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "missing.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "Activities",
                vec![
                    vec![S(""), S("facility_id"), S("source"), S("activity"), S("qty")],
                    vec![S(""), S("KILN-1"), S("stationary_combustion"), S("diesel"), N(1.0)],
                ],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert!(acts.is_empty());
    let p = texts(&setup.problems);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!(
        p[0],
        "Activities!B1: the header row 1 (the first row that is not empty) has no column quantity (also accepted: 数量, 消耗量, 活动数据, 活动量, 用量, amount); columns found: \"facility_id\", \"source\", \"activity\", \"qty\""
    );
    assert!(
        p[1].starts_with("Activities!B1: the header row 1 (the first row that is not empty) has no column unit"),
        "{}",
        p[1]
    );
    Ok(())
}

#[test]
fn a_unit_in_the_quantity_header_stands_in_for_the_unit_column() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "unit.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "Activities",
                vec![
                    vec![S("facility_id"), S("source"), S("activity"), S("消耗量（吨）"), S("低位发热量 (GJ/t)")],
                    vec![S("KILN-1"), S("stationary_combustion"), S("raw_coal"), N(10.0), N(20.9)],
                ],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    assert_eq!(acts[0].quantity.unit(), Unit::Tonne);
    assert_eq!(acts[0].measured.ncv.map(|r| r.denominator()), Some(Unit::Tonne));
    Ok(())
}

#[test]
fn every_row_problem_is_reported_with_its_cell() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut header = act_header();
    header.extend([
        S("period"),
        S("ncv"),
        S("ncv_unit"),
        S("carbon_content"),
        S("oxidation_factor"),
        S("contractual_factor"),
    ]);
    let path = book(
        dir.path(),
        "bad.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "Activities",
                vec![
                    header,
                    // 2: unknown facility, unknown source, unknown unit
                    vec![S("KILN1"), S("burning"), S("diesel"), N(1.0), S("furlong")],
                    // 3: negative quantity, TRUE as a number, bad period
                    vec![
                        S("KILN-1"),
                        S("stationary_combustion"),
                        S("diesel"),
                        N(-3.0),
                        S("t"),
                        S("March"),
                        B(true),
                        S("GJ/t"),
                    ],
                    // 4: ncv without ncv_unit; oxidation outside 0–1
                    vec![
                        S("KILN-1"),
                        S("stationary_combustion"),
                        S("diesel"),
                        N(1.0),
                        S("t"),
                        S(""),
                        N(43.0),
                        S(""),
                        S(""),
                        N(98.0),
                    ],
                    // 5: bad ncv_unit; contractual factor on a fuel
                    vec![
                        S("KILN-1"),
                        S("stationary_combustion"),
                        S("diesel"),
                        N(1.0),
                        S("t"),
                        S(""),
                        N(43.0),
                        S("t/GJ"),
                        S(""),
                        S(""),
                        N(0.5),
                    ],
                    // 6: some but not all required cells
                    vec![S("KILN-2"), S(""), S("diesel")],
                    // 7: ncv_unit that is no unit
                    vec![
                        S("KILN-1"),
                        S("stationary_combustion"),
                        S("diesel"),
                        N(1.0),
                        S("t"),
                        S(""),
                        N(43.0),
                        S("GJ per t"),
                    ],
                ],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert!(acts.is_empty());
    let p = texts(&setup.problems);
    let expected = [
        "Activities!A2: facility \"KILN1\" is not in Facilities; did you mean \"KILN-1\" or \"KILN-2\"?",
        "Activities!B2: unknown source \"burning\"; accepted: stationary_combustion, mobile_combustion, process, fugitive, purchased_electricity, purchased_heat, exported_electricity, exported_heat",
        "Activities!D3: quantity must be a number ≥ 0, found -3",
        "Activities!F3: period must be a month (2024-03, 2024年3月, a date cell) or a year (2024), found \"March\"",
        "Activities!G3: ncv must be a number, found TRUE (a TRUE/FALSE cell)",
        "Activities!H4: ncv_unit is required when ncv is given, e.g. GJ/t or GJ/10^4 m3, found an empty cell",
        "Activities!J4: oxidation_factor must be a fraction from 0 to 1 (0.98) or a percentage (98%), found 98; write 0.98 or 98%",
        "Activities!H5: ncv_unit must be an energy per activity unit such as GJ/t or GJ/10^4 m3, found \"t/GJ\"",
        "Activities!K5: contractual_factor applies to purchased_electricity only; this row's source is stationary_combustion",
        "Activities!B6: source is required, found an empty cell",
        "Activities!D6: quantity is required, found an empty cell",
        "Activities!E6: unit is required, found an empty cell",
        "Activities!H7: cannot read \"GJ per t\" as a unit per unit such as GJ/t or GJ/10^4 m3",
    ];
    for e in expected {
        assert!(p.iter().any(|x| x == e), "missing {e}\nin {p:#?}");
    }
    let unit = p.iter().find(|x| x.starts_with("Activities!E2")).expect("unit problem");
    assert!(unit.contains("unknown unit \"furlong\"; accepted:") && unit.contains("10^4 m3"), "{unit}");
    assert_eq!(p.len(), expected.len() + 1, "{p:#?}");
    Ok(())
}

#[test]
fn organisation_problems() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "org.xlsx",
        &[
            (
                "Organisation",
                vec![
                    vec![S("field"), S("value")],
                    vec![S("name"), S("A")],
                    vec![S("name"), S("B")],
                    vec![S("reporting_year"), S("twenty")],
                    vec![S("methodology"), S("ghg-2099")],
                    vec![S("gwp"), S("AR7")],
                    vec![S("currency"), S("euro")],
                    vec![S("colour"), S("blue")],
                    vec![S("electricity_basis"), S("equal")],
                    vec![S("base_year_tce_per_10k_output_value"), N(0.5)],
                    vec![S("target_t_co2e_per_10k_output_value"), N(0.9)],
                    vec![S("target_tce_per_10k_output_value"), N(-1.0)],
                ],
            ),
            ("Facilities", fac_rows()),
        ],
    )?;
    let setup = open(&path)?.read_setup()?;
    let p = texts(&setup.problems);
    let expected = [
        "Organisation!A3: field name is given twice (first at Organisation!A2); keep one",
        "Organisation!B4: reporting_year must be a year such as 2024, found \"twenty\"",
        "Organisation!B5: methodology must be one of cn-gbt32150, ipcc-2006, epa-hub-2024, epa-hub-2021, desnz-2020, found \"ghg-2099\"",
        "Organisation!B6: gwp must be SAR, AR4, AR5 or AR6, found \"AR7\"",
        "Organisation!B7: currency must be a three-letter ISO 4217 code such as CNY or EUR, found \"euro\"",
        "Organisation!B12: target_tce_per_10k_output_value must be a number > 0, found -1",
        "Organisation!B9: electricity_basis equal (等价值) needs the fields electricity_tce_per_mwh (tce per MWh) and electricity_basis_source (where the coefficient comes from)",
        "Organisation!B10: base-year intensities need the field base_year (the year they are for)",
        "Organisation!B12: target intensities need the field target_year (the year they are for)",
    ];
    assert_eq!(p, expected);
    assert!(
        has(&setup.warnings, "Organisation!A8: unknown field \"colour\" is ignored"),
        "{:#?}",
        texts(&setup.warnings)
    );
    // Invalid values leave the defaults, so the engine does not report them again.
    assert_eq!(setup.organisation.methodology, "cn-gbt32150");
    Ok(())
}

#[test]
fn organisation_without_header_and_with_missing_fields() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "org2.xlsx",
        &[
            ("Organisation", vec![vec![S("name"), S("Headerless Co.")], vec![S("currency"), S("USD")]]),
            ("Facilities", fac_rows()),
        ],
    )?;
    let setup = open(&path)?.read_setup()?;
    assert_eq!(setup.organisation.name, "Headerless Co.");
    assert_eq!(setup.organisation.currency.code(), "USD");
    assert_eq!(
        texts(&setup.problems),
        [
            "Organisation: field reporting_year is missing: add a row with reporting_year in the field column (also accepted: 报告年度, 报告年份, 核算年度, year)"
        ]
    );
    Ok(())
}

#[test]
fn organisation_values_that_are_ignored_are_warned_about() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "orgw.xlsx",
        &[
            (
                "Organisation",
                vec![
                    vec![S("field"), S("value"), S("note")],
                    vec![S("name"), N(12345.0)],
                    vec![S("reporting_year"), S("2024年度")],
                    vec![S("electricity_tce_per_mwh"), N(0.3)],
                    vec![S("base_year"), N(2020.0)],
                    vec![S(""), S("stray")],
                    vec![S("methodology"), S("")],
                    vec![S("target_year"), S("2030")],
                ],
            ),
            ("Facilities", fac_rows()),
        ],
    )?;
    let setup = open(&path)?.read_setup()?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    assert_eq!((setup.organisation.name.as_str(), setup.organisation.reporting_year), ("12345", 2024));
    assert_eq!(setup.organisation.electricity_basis, ElectricityBasis::EquivalentValue);
    assert_eq!(setup.organisation.base_year, None);
    assert_eq!(setup.organisation.target, None);
    let w = texts(&setup.warnings);
    assert!(w[0].starts_with("Organisation!C1: unknown column \"note\" is ignored"), "{w:#?}");
    assert!(
        w[2].starts_with("Organisation!B4: electricity_tce_per_mwh is ignored: electricity_basis is equivalent"),
        "{w:#?}"
    );
    assert!(w[3].starts_with("Organisation!B5: base_year has no effect without"), "{w:#?}");
    assert_eq!(w[1], "Organisation!B6: a value without a field name is ignored");
    assert_eq!(
        w[4],
        "Organisation!B8: target_year has no effect without target_tce_per_10k_output_value or target_t_co2e_per_10k_output_value"
    );
    assert_eq!(w.len(), 5);
    Ok(())
}

#[test]
fn missing_sheets_are_named_with_their_aliases_and_the_sheets_found() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(dir.path(), "sheets.xlsx", &[("Sheet1", vec![vec![S("x")]])])?;
    let (setup, acts) = read_all(&path)?;
    assert!(acts.is_empty());
    assert_eq!(
        texts(&setup.problems),
        [
            "Organisation: missing sheet (also accepted: 组织, Organization, 组织信息, 企业信息); the book has the sheets \"Sheet1\"",
            "Facilities: missing sheet (also accepted: 设施, Facility); the book has the sheets \"Sheet1\"",
            "Activities: missing sheet (also accepted: 活动数据, Activity, Activity data); the book has the sheets \"Sheet1\"",
        ]
    );
    Ok(())
}

#[test]
fn facilities_and_their_references() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "refs.xlsx",
        &[
            ("Organisation", org_rows()),
            (
                "Facilities",
                vec![
                    vec![S("facility_id"), S("country")],
                    vec![S("A"), S("CN")],
                    vec![S("B"), S("China")],
                    vec![S("A"), S("DE")],
                ],
            ),
            (
                "Production",
                vec![
                    vec![S("facility_id"), S("product"), S("quantity"), S("unit")],
                    vec![S("C"), S("x"), N(-1.0), S("t")],
                ],
            ),
            (
                "Trading",
                vec![
                    vec![
                        S("scheme"),
                        S("facility_id"),
                        S("year"),
                        S("allocated"),
                        S("benchmark"),
                        S("benchmark_output"),
                        S("correction_factor"),
                    ],
                    vec![S("CN-ETS"), S("A"), N(2024.0)],
                    vec![S("CN-ETS"), S("A"), N(2024.0), N(1.0), N(1.0), N(1.0)],
                    vec![S("XX-ETS"), S("A"), N(2024.0), S(""), N(1.0)],
                    vec![S("EU-ETS"), S("B"), N(2024.0), S(""), S(""), S(""), N(0.9)],
                ],
            ),
        ],
    )?;
    let setup = open(&path)?.read_setup()?;
    let p = texts(&setup.problems);
    let expected = [
        "Facilities!B3: country must be a two-letter ISO 3166 code such as CN, found \"China\"",
        "Facilities!A4: facility_id \"A\" is defined twice (first at Facilities!A2)",
        "Production!A2: facility \"C\" is not in Facilities",
        "Production!C2: quantity must be a number ≥ 0, found -1",
        "Trading!D2: free allocation is required: allocated, or benchmark and benchmark_output (× correction_factor, default 1), or allocation_method = cn-power / cn-industry, found empty cells",
        "Trading!D3: give either allocated, or benchmark and benchmark_output (× correction_factor, default 1), or allocation_method = cn-power / cn-industry, not both",
        "Trading!A4: unknown scheme \"XX-ETS\"; accepted: CN-ETS, EU-ETS",
        "Trading!F4: benchmark_output is required with a benchmark allocation, found an empty cell",
        "Trading!E5: benchmark is required with a benchmark allocation, found an empty cell",
        "Trading!F5: benchmark_output is required with a benchmark allocation, found an empty cell",
    ];
    assert_eq!(p, expected);
    // The row with a bad country still defines B, so Trading row 5 names no unknown facility.
    assert_eq!(setup.facilities.len(), 1);
    assert!(setup.trading.is_empty() && setup.production.is_empty());
    Ok(())
}

#[test]
fn factors_sheet_problems() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "factors.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "Factors",
                vec![
                    vec![S("factor_key"), S("gas"), S("value"), S("unit"), S("source")],
                    vec![S("k"), S("CO3"), N(1.0), S("tCO2/MWh"), S("x")],
                    vec![S("k"), S("CO2"), S("1.2.3"), S("MWh"), S("x")],
                    vec![S("k2"), S("N2O"), N(0.1), S("g N2O / kWh"), S("")],
                ],
            ),
        ],
    )?;
    let setup = open(&path)?.read_setup()?;
    let p = texts(&setup.problems);
    assert!(p[0].starts_with("Factors!B2: unknown gas \"CO3\"; accepted: CO2, CH4"), "{p:#?}");
    assert_eq!(p[1], "Factors!C3: value must be a number, found \"1.2.3\"");
    assert_eq!(p[2], "Factors!D3: cannot read \"MWh\" as a mass of gas per activity unit such as tCO2/MWh or kgCO2e/L");
    assert_eq!(p[3], "Factors!E4: source is required, found an empty cell");
    assert_eq!(p.len(), 4);
    Ok(())
}

#[test]
fn engine_errors_and_warnings_are_placed_on_their_cells() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "engine.xlsx",
        &[
            (
                "Organisation",
                vec![
                    vec![S("field"), S("value")],
                    vec![S("name"), S("X")],
                    vec![S("reporting_year"), N(2024.0)],
                    vec![S("gwp"), S("AR5")],
                ],
            ),
            ("Facilities", fac_rows()),
            (
                "活动数据",
                vec![
                    vec![S("unit"), S("quantity"), S("activity"), S("source"), S("facility_id")],
                    vec![S("t"), N(1.0), S("disel"), S("stationary_combustion"), S("KILN-1")],
                    vec![S("MWh"), N(1.0), S("electricity"), S("purchased_electricity"), S("KILN-1")],
                ],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    let mut calc =
        Calculator::new(&setup.organisation, &setup.facilities, &setup.factors).map_err(|e| e.to_string())?;
    let err = calc.add(&acts[0]).expect_err("unknown key");
    let located = setup.locate(&err).to_string();
    assert!(located.starts_with("活动数据!C2: unknown activity \"disel\""), "{located}");
    calc.add(&acts[1]).map_err(|e| e.to_string())?;
    let results = calc.finish(Vec::new(), &[], &[]).map_err(|e| e.to_string())?;
    let w = results.warnings.iter().find(|w| w.row == Some(3)).expect("market-based fallback warning");
    assert!(setup.locate_warning(w).to_string().starts_with("活动数据!A3: "), "{}", setup.locate_warning(w));

    use carbonbook_core::error::{CalcError, CalcErrorKind};
    let e = CalcError::new(
        InputSheet::Organisation,
        None,
        carbonbook_core::field::Field::Gwp,
        CalcErrorKind::Missing { what: "no GWP".into() },
    );
    assert_eq!(setup.locate(&e).to_string(), "Organisation!B4: gwp: no GWP");
    let e = CalcError::new(
        InputSheet::Organisation,
        None,
        carbonbook_core::field::Field::Methodology,
        CalcErrorKind::Missing { what: "x".into() },
    );
    assert_eq!(setup.locate(&e).to_string(), "Organisation: methodology: x");
    let e = CalcError::new(
        InputSheet::Trading,
        Some(7),
        carbonbook_core::field::Field::Allocated,
        CalcErrorKind::Negative { value: "-1".into() },
    );
    assert_eq!(setup.locate(&e).to_string(), "Trading!A7: allocated must be a number ≥ 0, found -1");
    let e = CalcError::new(
        InputSheet::Activities,
        Some(9),
        carbonbook_core::field::Field::FacilityId,
        CalcErrorKind::Negative { value: "-1".into() },
    );
    assert_eq!(setup.locate(&e).to_string(), "活动数据!E9: facility_id must be a number ≥ 0, found -1");
    // A field without a column: the row's first cell.
    let e = CalcError::new(
        InputSheet::Activities,
        Some(9),
        carbonbook_core::field::Field::NcvUnit,
        CalcErrorKind::Negative { value: "-1".into() },
    );
    assert_eq!(setup.locate(&e).to_string(), "活动数据!A9: ncv_unit must be a number ≥ 0, found -1");
    let e = CalcError::new(
        InputSheet::Activities,
        None,
        carbonbook_core::field::Field::Quantity,
        CalcErrorKind::Negative { value: "-1".into() },
    );
    assert_eq!(setup.locate(&e).to_string(), "活动数据: quantity must be a number ≥ 0, found -1");
    Ok(())
}

#[test]
fn numbers_dates_and_special_cells() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut header = act_header();
    header.push(S("period"));
    let path = book(
        dir.path(),
        "values.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "Activities",
                vec![
                    header,
                    vec![S("KILN-1"), S("mobile_combustion"), S("diesel"), S(" 1234.5 "), S("L"), S("2024/3")],
                    vec![S("KILN-1"), S("mobile_combustion"), S("diesel"), N(0.1), S("L"), N(2024.0)],
                    vec![
                        S("KILN-1"),
                        S("mobile_combustion"),
                        S("diesel"),
                        N(94802.40000000001),
                        S("L"),
                        V::Date(2023, 12, 31),
                    ],
                    vec![S("KILN-1"), S("mobile_combustion"), S("diesel"), V::Date(2024, 1, 1), S("L")],
                ],
            ),
        ],
    )?;
    let (setup, acts) = read_all(&path)?;
    assert_eq!(texts(&setup.problems), ["Activities!D5: quantity must be a number, found a date (2024-01-01)"]);
    let q: Vec<_> = acts.iter().map(|a| a.quantity.value()).collect();
    assert_eq!(q, [dec!(1234.5), dec!(0.1), dec!(94802.40000000001)]);
    let p: Vec<_> = acts.iter().map(|a| a.period).collect();
    assert_eq!(
        p,
        [
            Some(Period::Month { year: 2024, month: 3 }),
            Some(Period::Year(2024)),
            Some(Period::Month { year: 2023, month: 12 })
        ]
    );
    Ok(())
}

#[test]
fn empty_rows_are_skipped_and_hidden_sheets_warned() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("hidden.xlsx");
    let mut wb = Workbook::new();
    write_sheet(wb.add_worksheet().set_name("Organisation")?, &org_rows(), 0, 0)?;
    let fac = wb.add_worksheet().set_name("Facilities")?;
    write_sheet(fac, &fac_rows(), 0, 0)?;
    fac.set_hidden(true);
    let rows = vec![
        vec![],
        act_header(),
        vec![S("   "), S(""), S("")],
        vec![S("KILN-1"), S("stationary_combustion"), S("diesel"), N(1.0), S("t")],
    ];
    write_sheet(wb.add_worksheet().set_name("Activities")?, &rows, 0, 0)?;
    wb.save(&path)?;
    let (setup, acts) = read_all(&path)?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].row, Some(4));
    assert_eq!(texts(&setup.warnings), ["Facilities: the sheet is hidden; it is read all the same"]);
    Ok(())
}

#[test]
fn two_sheets_for_one_role_is_a_problem() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = book(
        dir.path(),
        "two.xlsx",
        &[("Organisation", org_rows()), ("组织", org_rows()), ("Facilities", fac_rows()), ("facilities ", fac_rows())],
    )?;
    let setup = open(&path)?.read_setup()?;
    assert_eq!(
        texts(&setup.problems),
        [
            "Organisation: the sheets \"Organisation\", \"组织\" are all the Organisation sheet; keep one",
            "Facilities: the sheets \"Facilities\", \"facilities \" are all the Facilities sheet; keep one",
        ]
    );
    Ok(())
}

#[test]
fn many_rows_stream_with_a_hint() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("many.xlsx");
    let mut wb = Workbook::new();
    write_sheet(wb.add_worksheet().set_name("Organisation")?, &org_rows(), 0, 0)?;
    write_sheet(wb.add_worksheet().set_name("Facilities")?, &fac_rows(), 0, 0)?;
    let ws = wb.add_worksheet_with_low_memory()?.set_name("Activities")?;
    ws.write_row(0, 0, ["facility_id", "source", "activity", "quantity", "unit"])?;
    for r in 1..=20_000u32 {
        ws.write_row(r, 0, ["KILN-1", "stationary_combustion", "diesel"])?;
        ws.write_number(r, 3, f64::from(r) / 1000.0)?.write_string(r, 4, "t")?;
    }
    wb.save(&path)?;
    let mut book = open(&path)?;
    assert_eq!(book.activity_rows_hint(), Some(20_000));
    let mut setup = book.read_setup()?;
    let mut n = 0u32;
    let mut last = None;
    book.read_activities(&mut setup, |a| {
        n += 1;
        last = Some((a.row, a.quantity.value()));
    })?;
    assert_eq!(n, 20_000);
    assert_eq!(last, Some((Some(20_001), dec!(20))));
    assert!(setup.problems.is_empty());
    Ok(())
}

#[test]
fn problems_beyond_the_limit_are_counted() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut rows = vec![act_header()];
    for _ in 0..10 {
        rows.push(vec![S("KILN-1"), S("stationary_combustion"), S("diesel"), S("x"), S("t")]);
    }
    let path = book(
        dir.path(),
        "limit.xlsx",
        &[("Organisation", org_rows()), ("Facilities", fac_rows()), ("Activities", rows)],
    )?;
    let mut book = open_with_limits(&path, Limits { max_problems: 3, ..Limits::default() })?;
    let mut setup = book.read_setup()?;
    book.read_activities(&mut setup, |_| {})?;
    assert_eq!(setup.problems.len(), 4);
    assert_eq!(
        setup.problems[3].to_string(),
        "7 more problems were found and not listed (at most 3 are listed; fix these and run again)"
    );
    Ok(())
}

#[test]
fn the_template_reads_back_clean() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("template.xlsx");
    crate::template::write_template(&path)?;
    let (setup, acts) = read_all(&path)?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    assert!(setup.warnings.is_empty(), "{:#?}", texts(&setup.warnings));
    assert!(acts.is_empty());
    Ok(())
}

// A Factors row may refer to a built-in factor by id instead of keying it:
// epa2024.egrid.rfcw.total.co2 is the US EPA GHG Emission Factors Hub 2024,
// Table 6, cell E351, 1000.053 lb CO2/MWh (RFC West, eGRID2022).
#[test]
fn factors_may_refer_to_built_in_factors() -> TestResult {
    let dir = tempfile::tempdir()?;
    let factor_header = || vec![S("factor_key"), S("gas"), S("value"), S("unit"), S("source"), S("factor_id")];
    let path = book(
        dir.path(),
        "refs.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "Activities",
                vec![act_header(), vec![S("KILN-1"), S("purchased_electricity"), S("rfcw"), N(1.0), S("MWh")]],
            ),
            (
                "Factors",
                vec![
                    factor_header(),
                    vec![S("rfcw"), S(""), S(""), S(""), S(""), S("epa2024.egrid.rfcw.total.co2")],
                    // Given values must agree; the row's own source is kept before the citation.
                    vec![
                        S("rfcw"),
                        S("CH4"),
                        N(0.087),
                        S("lb CH4/MWh"),
                        S("our grid"),
                        S("epa2024.egrid.rfcw.total.ch4"),
                    ],
                    vec![S("keyed"), S("CO2"), N(0.5), S("tCO2/MWh"), S("contract"), S("")],
                ],
            ),
        ],
    )?;
    let (setup, _) = read_all(&path)?;
    assert!(setup.problems.is_empty(), "{:#?}", texts(&setup.problems));
    let f = &setup.factors[0];
    assert_eq!((f.key.as_str(), f.gas, f.value), ("rfcw", Gas::Co2, dec!(1000.053)));
    assert_eq!((f.unit.mass, f.unit.per), (Unit::Pound, Unit::MegawattHour));
    assert!(f.source.starts_with("epa2024.egrid.rfcw.total.co2 = 1000.053 lb CO2/MWh (US EPA"), "{}", f.source);
    assert!(f.source.ends_with("row 351, cell E351)"), "{}", f.source);
    let ch4 = &setup.factors[1];
    assert_eq!((ch4.gas, ch4.value), (Gas::Ch4Fossil, dec!(0.087)));
    assert!(ch4.source.starts_with("our grid; epa2024.egrid.rfcw.total.ch4 = 0.087"), "{}", ch4.source);
    assert_eq!(setup.factors[2].value, dec!(0.5));
    // The book's gwp is the default AR5, as the 2024 Hub states: no warning.
    assert!(setup.warnings.is_empty(), "{:#?}", texts(&setup.warnings));

    let bad = book(
        dir.path(),
        "bad-refs.xlsx",
        &[
            ("Organisation", org_rows()),
            ("Facilities", fac_rows()),
            (
                "Activities",
                vec![act_header(), vec![S("KILN-1"), S("purchased_electricity"), S("rfcw"), N(1.0), S("MWh")]],
            ),
            (
                "Factors",
                vec![
                    factor_header(),
                    vec![S("a"), S(""), S(""), S(""), S(""), S("epa2024.egrid.rfcw.total.co3")],
                    vec![S("b"), S(""), N(1000.0), S(""), S(""), S("epa2024.egrid.rfcw.total.co2")],
                    vec![S("c"), S(""), S(""), S(""), S(""), S("epa2024.epa_natural_gas.hhv")],
                    vec![S("d"), S("CO2"), S(""), S("tCO2/MWh"), S("x"), S("")],
                    // UK 2020 CO2e (AR4) in an AR5 book: a warning, not an error.
                    vec![
                        S("e"),
                        S(""),
                        S(""),
                        S(""),
                        S(""),
                        S("desnz2020.uk_electricity.electricity_generated.electricity_uk.kwh.co2e"),
                    ],
                ],
            ),
        ],
    )?;
    let (setup, _) = read_all(&bad)?;
    assert_eq!(
        texts(&setup.warnings),
        [
            "Factors!F6: desnz2020.uk_electricity.electricity_generated.electricity_uk.kwh.co2e comes from a set that states AR4 GWPs; its CO2e is as published, on AR4"
        ]
    );
    let p = texts(&setup.problems);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(
        p[0].starts_with("Factors!F2: factor_id \"epa2024.egrid.rfcw.total.co3\" is no built-in factor"),
        "{}",
        p[0]
    );
    assert!(p[0].contains("nearest: epa2024.egrid.rfcw.total.co2"), "{}", p[0]);
    assert!(
        p[1].starts_with(
            "Factors!C3: value 1000 does not match the built-in factor epa2024.egrid.rfcw.total.co2 (1000.053"
        ),
        "{}",
        p[1]
    );
    assert_eq!(
        p[2],
        "Factors!F4: factor_id \"epa2024.epa_natural_gas.hhv\" is a higher heating value, not an emission factor"
    );
    assert_eq!(p[3], "Factors!C5: value is required (or a factor_id), found an empty cell");
    Ok(())
}
