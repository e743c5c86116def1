//! Chinese reference values: fuel defaults, electricity factors, standard
//! coal coefficients, the purchased-heat default and the kgce definition.
//!
//! Documents the values come from (see `cn_NOTES.md` beside this file for
//! the evidence behind every row, its grade and what was left out):
//!
//! - GB/T 32151.22-2024 *温室气体排放核算与报告要求*, Appendix C, Table C.1
//!   *常用化石燃料相关参数的缺省值* (the same table the GB/T 32150 family
//!   and the 2015 NDRC industry guidelines carry). Natural gas is also
//!   corroborated in GB/T 32151.34-2024, Appendix C, Table C.1.
//! - MEE and NBS announcements of the electricity CO2 emission factors for
//!   2021 (公告2024年第12号, 2024-04-12), 2022 (2024-12-20) and 2023
//!   (公告2025年第47号, reported January 2026).
//! - MEE ETS reporting notices: the national grid average factor for 2022
//!   (notice of February 2023) and for 2015 (2019 supplementary data
//!   templates).
//! - GB/T 2589 *综合能耗计算通则*, Appendix A *各种能源折标准煤参考系数*
//!   (2008 edition as quoted; the 2020 edition revised Appendix A and its
//!   table was not seen).
//! - The NDRC/MEE industry guidelines' purchased-heat default
//!   (0.11 tCO2/GJ).
//!
//! Grades: "A" primary document seen, "B" a secondary source quoting it,
//! "C" a public-repository transcription.
//!
//! Units: carbon content is stored in **tC/GJ**. The Chinese tables print
//! tC/TJ (which equals 10^-3 tC/GJ); every value here was divided by 1000.
//! Some transcriptions label the column "10^-2 tC/GJ", which is wrong by a
//! factor of ten.

/// Default fuel parameters for the GB/T 32150 / GB/T 32151 calculation
/// method.
///
/// Emissions = consumption × `ncv` × `carbon_content_tc_per_gj` ×
/// `oxidation` × 44/12 (use the exact ratio 44/12, not 3.6667).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CnFuelDefault {
    /// snake_case key: raw_coal, anthracite, bituminous_coal, lignite,
    /// washed_coal, other_washed_coal, briquette, coke, petroleum_coke,
    /// crude_oil, fuel_oil, gasoline, diesel, kerosene, lpg, lng,
    /// natural_gas, coke_oven_gas, blast_furnace_gas, converter_gas,
    /// refinery_dry_gas (those you can confirm).
    pub key: &'static str,
    /// Chinese name as printed, e.g. "原煤".
    pub name_zh: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Net calorific value (低位发热量), exact decimal string.
    pub ncv: &'static str,
    /// "GJ/t" or "GJ/10^4 Nm3".
    pub ncv_unit: &'static str,
    /// Carbon content per unit heat (单位热值含碳量) in tC/GJ (NOT tC/TJ:
    /// divide the table's tC/TJ by 1000), exact decimal string.
    pub carbon_content_tc_per_gj: &'static str,
    /// Oxidation rate (碳氧化率) as a fraction, e.g. "0.98".
    pub oxidation: &'static str,
    /// Document and table the row comes from, e.g. "GB/T 32151.22-2024,
    /// Appendix C, Table C.1".
    pub table: &'static str,
    /// Grade: "A" | "B" | "C".
    pub grade: &'static str,
}

/// Table reference shared by every [`FUEL_DEFAULTS`] row.
const TABLE_C1: &str = "GB/T 32151.22-2024, Appendix C, Table C.1 \
                        (常用化石燃料相关参数的缺省值)";

/// Table reference for natural gas, which a second part of the standard
/// corroborates.
const TABLE_C1_NG: &str = "GB/T 32151.22-2024, Appendix C, Table C.1 \
                           (常用化石燃料相关参数的缺省值); same NCV and \
                           carbon content in GB/T 32151.34-2024, Appendix C, \
                           Table C.1";

/// Fuel defaults of GB/T 32151.22-2024 Table C.1, carbon content converted
/// from tC/TJ to tC/GJ. Raw coal (原煤) is not in the table and is left
/// out (see the notes).
pub(crate) const FUEL_DEFAULTS: &[CnFuelDefault] = &[
    CnFuelDefault {
        key: "anthracite",
        name_zh: "无烟煤",
        name_en: "Anthracite",
        ncv: "26.7",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0274",
        oxidation: "0.94",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "bituminous_coal",
        name_zh: "烟煤",
        name_en: "Bituminous coal",
        ncv: "19.570",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0261",
        oxidation: "0.93",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "lignite",
        name_zh: "褐煤",
        name_en: "Lignite",
        ncv: "11.9",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0280",
        oxidation: "0.96",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "washed_coal",
        name_zh: "洗精煤",
        name_en: "Washed (cleaned) coal",
        ncv: "26.334",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.02541",
        oxidation: "0.90",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "other_washed_coal",
        name_zh: "其他洗煤",
        name_en: "Other washed coal",
        ncv: "12.545",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.02541",
        oxidation: "0.90",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "briquette",
        name_zh: "型煤",
        name_en: "Briquette",
        ncv: "17.460",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0336",
        oxidation: "0.90",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "coke",
        name_zh: "焦炭",
        name_en: "Coke",
        ncv: "28.435",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0295",
        oxidation: "0.93",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "petroleum_coke",
        name_zh: "石油焦",
        name_en: "Petroleum coke",
        ncv: "32.5",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.02750",
        oxidation: "0.98",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "crude_oil",
        name_zh: "原油",
        name_en: "Crude oil",
        ncv: "41.816",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0201",
        oxidation: "0.98",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "fuel_oil",
        name_zh: "燃料油",
        name_en: "Fuel oil",
        ncv: "41.816",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0211",
        oxidation: "0.98",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "gasoline",
        name_zh: "汽油",
        name_en: "Gasoline",
        ncv: "43.070",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0189",
        oxidation: "0.98",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "diesel",
        name_zh: "柴油",
        name_en: "Diesel",
        ncv: "42.652",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0202",
        oxidation: "0.98",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "kerosene",
        name_zh: "一般煤油",
        name_en: "Kerosene (general)",
        ncv: "43.070",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0196",
        oxidation: "0.98",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "lpg",
        name_zh: "液化石油气",
        name_en: "Liquefied petroleum gas",
        ncv: "50.179",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0172",
        oxidation: "0.98",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "lng",
        name_zh: "液化天然气",
        name_en: "Liquefied natural gas",
        ncv: "51.498",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0153",
        oxidation: "0.98",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "natural_gas",
        name_zh: "天然气",
        name_en: "Natural gas",
        ncv: "389.31",
        ncv_unit: "GJ/10^4 Nm3",
        carbon_content_tc_per_gj: "0.0153",
        oxidation: "0.99",
        table: TABLE_C1_NG,
        grade: "C",
    },
    CnFuelDefault {
        key: "coke_oven_gas",
        name_zh: "焦炉煤气",
        name_en: "Coke oven gas",
        ncv: "179.81",
        ncv_unit: "GJ/10^4 Nm3",
        carbon_content_tc_per_gj: "0.01358",
        oxidation: "0.99",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "blast_furnace_gas",
        name_zh: "高炉煤气",
        name_en: "Blast furnace gas",
        ncv: "33.00",
        ncv_unit: "GJ/10^4 Nm3",
        carbon_content_tc_per_gj: "0.07080",
        oxidation: "0.99",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "converter_gas",
        name_zh: "转炉煤气",
        name_en: "Converter gas",
        ncv: "84.00",
        ncv_unit: "GJ/10^4 Nm3",
        carbon_content_tc_per_gj: "0.04960",
        oxidation: "0.99",
        table: TABLE_C1,
        grade: "C",
    },
    CnFuelDefault {
        key: "refinery_dry_gas",
        name_zh: "炼厂干气",
        name_en: "Refinery dry gas",
        ncv: "45.998",
        ncv_unit: "GJ/t",
        carbon_content_tc_per_gj: "0.0182",
        oxidation: "0.99",
        table: TABLE_C1,
        grade: "C",
    },
];

/// A published Chinese electricity CO2 emission factor for one year and
/// region.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CnGridFactor {
    /// "national", or a regional grid key: "north", "northeast", "east",
    /// "central", "northwest", "south", "southwest" (and province keys in
    /// pinyin if you include provinces, e.g. "hebei").
    pub region: &'static str,
    /// Chinese name of the region, e.g. "全国", "华北".
    pub name_zh: &'static str,
    /// Data year the factor describes (not the publication year).
    pub year: i32,
    /// "ets_reporting" (MEE factor for ETS reporting, 全国电网平均排放因子),
    /// "average" (MEE/NBS 电力平均二氧化碳排放因子),
    /// "average_excluding_market_non_fossil", "fossil" (化石能源电力).
    pub kind: &'static str,
    /// tCO2/MWh (= kgCO2/kWh), exact decimal string.
    pub t_co2_per_mwh: &'static str,
    /// The publishing document (title, number if known) and its date.
    pub document: &'static str,
    /// Grade.
    pub grade: &'static str,
}

/// MEE/NBS announcement of the 2021 factors.
const DOC_2021: &str = "MEE & NBS 《关于发布2021年电力二氧化碳排放因子的\
                        公告》 (公告2024年第12号), 2024-04-12";

/// MEE/NBS announcement of the 2022 factors.
const DOC_2022: &str = "MEE & NBS 《关于发布2022年电力二氧化碳排放因子的\
                        公告》, 2024-12-20 (issued 2024-12-23; number not \
                        confirmed)";

/// MEE/NBS announcement of the 2023 factors.
const DOC_2023: &str = "MEE & NBS 《关于发布2023年电力二氧化碳排放因子的\
                        公告》 (公告2025年第47号, number grade C), reported \
                        2026-01";

/// MEE ETS notice that set the 2022 national grid factor for reporting.
const DOC_ETS_2022: &str = "MEE 《关于做好2023—2025年发电行业企业温室气体\
                            排放报告管理有关工作的通知》, 2023-02";

/// MEE ETS supplementary data templates that state the 2015 factor.
const DOC_ETS_2015: &str = "MEE ETS supplementary data templates (补充数据表) \
                            published 2019-01-25: 2015年全国电网平均排放因子";

/// Shorthand constructor used to keep [`GRID_FACTORS`] readable.
const fn grid(
    region: &'static str,
    name_zh: &'static str,
    year: i32,
    kind: &'static str,
    t_co2_per_mwh: &'static str,
    document: &'static str,
    grade: &'static str,
) -> CnGridFactor {
    CnGridFactor { region, name_zh, year, kind, t_co2_per_mwh, document, grade }
}

/// Published Chinese electricity factors. Regional and provincial rows are
/// all of kind "average". The 2021 regional rows and most provincial rows
/// are grade C (one public transcription, consistent with every B-grade
/// value it overlaps).
pub(crate) const GRID_FACTORS: &[CnGridFactor] = &[
    // ETS reporting factors (全国电网平均排放因子).
    grid("national", "全国", 2015, "ets_reporting", "0.6101", DOC_ETS_2015, "B"),
    grid("national", "全国", 2022, "ets_reporting", "0.5703", DOC_ETS_2022, "B"),
    // National, 2021.
    grid("national", "全国", 2021, "average", "0.5568", DOC_2021, "B"),
    grid("national", "全国", 2021, "average_excluding_market_non_fossil", "0.5942", DOC_2021, "B"),
    grid("national", "全国", 2021, "fossil", "0.8426", DOC_2021, "B"),
    // National, 2022.
    grid("national", "全国", 2022, "average", "0.5366", DOC_2022, "B"),
    grid("national", "全国", 2022, "average_excluding_market_non_fossil", "0.5856", DOC_2022, "B"),
    grid("national", "全国", 2022, "fossil", "0.8325", DOC_2022, "B"),
    // National, 2023.
    grid("national", "全国", 2023, "average", "0.5306", DOC_2023, "B"),
    grid("national", "全国", 2023, "average_excluding_market_non_fossil", "0.6096", DOC_2023, "B"),
    grid("national", "全国", 2023, "fossil", "0.8273", DOC_2023, "B"),
    // Regional grids, 2021 (south is B: 2022 value + published 0.0457 fall).
    grid("north", "华北", 2021, "average", "0.7120", DOC_2021, "C"),
    grid("northeast", "东北", 2021, "average", "0.6012", DOC_2021, "C"),
    grid("east", "华东", 2021, "average", "0.5992", DOC_2021, "C"),
    grid("central", "华中", 2021, "average", "0.5354", DOC_2021, "C"),
    grid("northwest", "西北", 2021, "average", "0.5951", DOC_2021, "C"),
    grid("south", "南方", 2021, "average", "0.4326", DOC_2021, "B"),
    grid("southwest", "西南", 2021, "average", "0.2113", DOC_2021, "C"),
    // Regional grids, 2022.
    grid("north", "华北", 2022, "average", "0.6776", DOC_2022, "B"),
    grid("northeast", "东北", 2022, "average", "0.5564", DOC_2022, "B"),
    grid("east", "华东", 2022, "average", "0.5617", DOC_2022, "B"),
    grid("central", "华中", 2022, "average", "0.5395", DOC_2022, "B"),
    grid("northwest", "西北", 2022, "average", "0.5857", DOC_2022, "B"),
    grid("south", "南方", 2022, "average", "0.3869", DOC_2022, "B"),
    grid("southwest", "西南", 2022, "average", "0.2268", DOC_2022, "B"),
    // Regional grids, 2023.
    grid("north", "华北", 2023, "average", "0.6361", DOC_2023, "B"),
    grid("northeast", "东北", 2023, "average", "0.5122", DOC_2023, "B"),
    grid("east", "华东", 2023, "average", "0.5500", DOC_2023, "B"),
    grid("central", "华中", 2023, "average", "0.5271", DOC_2023, "B"),
    grid("northwest", "西北", 2023, "average", "0.5543", DOC_2023, "B"),
    grid("south", "南方", 2023, "average", "0.4042", DOC_2023, "B"),
    grid("southwest", "西南", 2023, "average", "0.2472", DOC_2023, "B"),
    // Provinces, 2021 (all C).
    grid("beijing", "北京", 2021, "average", "0.5688", DOC_2021, "C"),
    grid("tianjin", "天津", 2021, "average", "0.7355", DOC_2021, "C"),
    grid("hebei", "河北", 2021, "average", "0.7901", DOC_2021, "C"),
    grid("shanxi", "山西", 2021, "average", "0.7222", DOC_2021, "C"),
    grid("neimenggu", "内蒙古", 2021, "average", "0.7025", DOC_2021, "C"),
    grid("liaoning", "辽宁", 2021, "average", "0.5876", DOC_2021, "C"),
    grid("jilin", "吉林", 2021, "average", "0.5629", DOC_2021, "C"),
    grid("heilongjiang", "黑龙江", 2021, "average", "0.6342", DOC_2021, "C"),
    grid("shanghai", "上海", 2021, "average", "0.5834", DOC_2021, "C"),
    grid("jiangsu", "江苏", 2021, "average", "0.6451", DOC_2021, "C"),
    grid("zhejiang", "浙江", 2021, "average", "0.5422", DOC_2021, "C"),
    grid("anhui", "安徽", 2021, "average", "0.7075", DOC_2021, "C"),
    grid("fujian", "福建", 2021, "average", "0.4711", DOC_2021, "C"),
    grid("jiangxi", "江西", 2021, "average", "0.5835", DOC_2021, "C"),
    grid("shandong", "山东", 2021, "average", "0.6838", DOC_2021, "C"),
    grid("henan", "河南", 2021, "average", "0.6369", DOC_2021, "C"),
    grid("hubei", "湖北", 2021, "average", "0.3672", DOC_2021, "C"),
    grid("hunan", "湖南", 2021, "average", "0.5138", DOC_2021, "C"),
    grid("guangdong", "广东", 2021, "average", "0.4715", DOC_2021, "C"),
    grid("guangxi", "广西", 2021, "average", "0.5154", DOC_2021, "C"),
    grid("hainan", "海南", 2021, "average", "0.4524", DOC_2021, "C"),
    grid("chongqing", "重庆", 2021, "average", "0.4743", DOC_2021, "C"),
    grid("sichuan", "四川", 2021, "average", "0.1255", DOC_2021, "C"),
    grid("guizhou", "贵州", 2021, "average", "0.5182", DOC_2021, "C"),
    grid("yunnan", "云南", 2021, "average", "0.1235", DOC_2021, "C"),
    grid("shaanxi", "陕西", 2021, "average", "0.6336", DOC_2021, "C"),
    grid("gansu", "甘肃", 2021, "average", "0.4955", DOC_2021, "C"),
    grid("qinghai", "青海", 2021, "average", "0.1326", DOC_2021, "C"),
    grid("ningxia", "宁夏", 2021, "average", "0.6546", DOC_2021, "C"),
    grid("xinjiang", "新疆", 2021, "average", "0.6577", DOC_2021, "C"),
    // Provinces, 2022 (B where the 新京报 report quotes them, else C).
    grid("beijing", "北京", 2022, "average", "0.558", DOC_2022, "C"),
    grid("tianjin", "天津", 2022, "average", "0.7041", DOC_2022, "B"),
    grid("hebei", "河北", 2022, "average", "0.7252", DOC_2022, "B"),
    grid("shanxi", "山西", 2022, "average", "0.7096", DOC_2022, "B"),
    grid("neimenggu", "内蒙古", 2022, "average", "0.6849", DOC_2022, "B"),
    grid("liaoning", "辽宁", 2022, "average", "0.5626", DOC_2022, "C"),
    grid("jilin", "吉林", 2022, "average", "0.4932", DOC_2022, "C"),
    grid("heilongjiang", "黑龙江", 2022, "average", "0.5368", DOC_2022, "C"),
    grid("shanghai", "上海", 2022, "average", "0.5849", DOC_2022, "C"),
    grid("jiangsu", "江苏", 2022, "average", "0.5978", DOC_2022, "C"),
    grid("zhejiang", "浙江", 2022, "average", "0.5153", DOC_2022, "C"),
    grid("anhui", "安徽", 2022, "average", "0.6782", DOC_2022, "B"),
    grid("fujian", "福建", 2022, "average", "0.4092", DOC_2022, "B"),
    grid("jiangxi", "江西", 2022, "average", "0.5752", DOC_2022, "C"),
    grid("shandong", "山东", 2022, "average", "0.641", DOC_2022, "C"),
    grid("henan", "河南", 2022, "average", "0.6058", DOC_2022, "C"),
    grid("hubei", "湖北", 2022, "average", "0.4364", DOC_2022, "C"),
    grid("hunan", "湖南", 2022, "average", "0.49", DOC_2022, "C"),
    grid("guangdong", "广东", 2022, "average", "0.4403", DOC_2022, "C"),
    grid("guangxi", "广西", 2022, "average", "0.4044", DOC_2022, "B"),
    grid("hainan", "海南", 2022, "average", "0.4184", DOC_2022, "C"),
    grid("chongqing", "重庆", 2022, "average", "0.5227", DOC_2022, "C"),
    grid("sichuan", "四川", 2022, "average", "0.1404", DOC_2022, "B"),
    grid("guizhou", "贵州", 2022, "average", "0.4989", DOC_2022, "C"),
    grid("yunnan", "云南", 2022, "average", "0.1073", DOC_2022, "B"),
    grid("shaanxi", "陕西", 2022, "average", "0.6558", DOC_2022, "C"),
    grid("gansu", "甘肃", 2022, "average", "0.4772", DOC_2022, "C"),
    grid("qinghai", "青海", 2022, "average", "0.1567", DOC_2022, "B"),
    grid("ningxia", "宁夏", 2022, "average", "0.6423", DOC_2022, "C"),
    grid("xinjiang", "新疆", 2022, "average", "0.6231", DOC_2022, "C"),
    // Provinces, 2023 (only Ningxia seen).
    grid("ningxia", "宁夏", 2023, "average", "0.6187", DOC_2023, "C"),
];

/// A GB/T 2589 standard-coal conversion coefficient (折标准煤系数).
///
/// The brief asked for GB/T 2589-2020. The 2020 edition revised
/// Appendix A and its table was not seen; `table` names the edition whose
/// table was actually seen (2008) and says where 2020 is only cited.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StandardCoalCoefficient {
    /// Key: raw_coal, washed_coal, coke, crude_oil, fuel_oil, gasoline,
    /// kerosene, diesel, lpg, refinery_dry_gas, natural_gas,
    /// electricity_equivalent, heat, ... (those confirmed).
    pub key: &'static str,
    /// Chinese name as printed.
    pub name_zh: &'static str,
    /// Coefficient in tce per `per_unit` (kgce/kg = tce/t; kgce/m3 = 10 tce
    /// per 10^4 m3; kgce/kWh = tce/MWh; kgce/MJ = tce/GJ), exact decimal
    /// string.
    pub tce_per_unit: &'static str,
    /// "t", "10^4 m3", "MWh", "GJ".
    pub per_unit: &'static str,
    /// Mean NCV printed beside it, in kJ per kg, per m3 or (electricity)
    /// per kWh as printed (None if none printed).
    pub mean_ncv_kj: Option<&'static str>,
    /// Table reference, e.g. "GB/T 2589-2020, Appendix A, Table A.1".
    pub table: &'static str,
    /// Grade.
    pub grade: &'static str,
}

/// GB/T 2589-2008 Appendix A, as quoted by secondary pages.
const GBT2589_2008_A: &str = "GB/T 2589-2008, Appendix A (informative), \
                              各种能源折标准煤参考系数 (GB/T 2589-2020 \
                              revised Appendix A; its table not seen)";

/// Electricity and heat rows: quoted from the same Appendix A table in
/// compiled tables, and cited with the same values from GB/T 2589-2020 by
/// several implementations. Cited by the edition whose table was read, as
/// every other coefficient is.
const GBT2589_A_CITED_2020: &str = "GB/T 2589-2008, Appendix A (informative), \
                                    各种能源折标准煤参考系数 (quoted in compiled \
                                    tables; the same value is cited from GB/T \
                                    2589-2020 by implementations)";

/// Standard-coal coefficients. Per-mass rows are kgce/kg = tce/t; the gas
/// rows were printed in kgce/m3 and are stored ×10 as tce per 10^4 m3.
pub(crate) const STANDARD_COAL: &[StandardCoalCoefficient] = &[
    StandardCoalCoefficient {
        key: "raw_coal",
        name_zh: "原煤",
        tce_per_unit: "0.7143",
        per_unit: "t",
        mean_ncv_kj: Some("20908"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "washed_coal",
        name_zh: "洗精煤",
        tce_per_unit: "0.9000",
        per_unit: "t",
        mean_ncv_kj: Some("26344"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "middlings",
        name_zh: "其他洗煤（洗中煤）",
        tce_per_unit: "0.2857",
        per_unit: "t",
        mean_ncv_kj: Some("8363"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "coke",
        name_zh: "焦炭",
        tce_per_unit: "0.9714",
        per_unit: "t",
        mean_ncv_kj: Some("28435"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "crude_oil",
        name_zh: "原油",
        tce_per_unit: "1.4286",
        per_unit: "t",
        mean_ncv_kj: Some("41816"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "fuel_oil",
        name_zh: "燃料油",
        tce_per_unit: "1.4286",
        per_unit: "t",
        mean_ncv_kj: Some("41816"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "gasoline",
        name_zh: "汽油",
        tce_per_unit: "1.4714",
        per_unit: "t",
        mean_ncv_kj: Some("43070"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "kerosene",
        name_zh: "煤油",
        tce_per_unit: "1.4714",
        per_unit: "t",
        mean_ncv_kj: Some("43070"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "diesel",
        name_zh: "柴油",
        tce_per_unit: "1.4571",
        per_unit: "t",
        mean_ncv_kj: Some("42652"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "coal_tar",
        name_zh: "煤焦油",
        tce_per_unit: "1.1429",
        per_unit: "t",
        mean_ncv_kj: Some("33453"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "residual_oil",
        name_zh: "渣油",
        tce_per_unit: "1.4286",
        per_unit: "t",
        mean_ncv_kj: Some("41816"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "lpg",
        name_zh: "液化石油气",
        tce_per_unit: "1.7143",
        per_unit: "t",
        mean_ncv_kj: Some("50179"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "refinery_dry_gas",
        name_zh: "炼厂干气",
        tce_per_unit: "1.5714",
        per_unit: "t",
        mean_ncv_kj: Some("46055"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "natural_gas_oil_field",
        name_zh: "油田天然气",
        tce_per_unit: "13.300",
        per_unit: "10^4 m3",
        mean_ncv_kj: Some("38931"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "natural_gas_gas_field",
        name_zh: "气田天然气",
        tce_per_unit: "12.143",
        per_unit: "10^4 m3",
        mean_ncv_kj: Some("35544"),
        table: GBT2589_2008_A,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "electricity_equivalent",
        name_zh: "电力（当量值）",
        tce_per_unit: "0.1229",
        per_unit: "MWh",
        mean_ncv_kj: Some("3600"),
        table: GBT2589_A_CITED_2020,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "heat",
        name_zh: "热力（当量值）",
        tce_per_unit: "0.03412",
        per_unit: "GJ",
        mean_ncv_kj: None,
        table: GBT2589_A_CITED_2020,
        grade: "B",
    },
    StandardCoalCoefficient {
        key: "steam_low_pressure",
        name_zh: "蒸汽（低压）",
        tce_per_unit: "0.1286",
        per_unit: "t",
        mean_ncv_kj: Some("3763"),
        table: "GB/T 2589 Appendix A, 各种能源折标准煤参考系数 (row seen only \
                in public-repository transcriptions)",
        grade: "C",
    },
];

/// Default CO2 factor of purchased (or exported) heat used by the NDRC/MEE
/// industry guidelines and the GB/T 32150 family: (tCO2 per GJ, source,
/// grade).
pub(crate) const HEAT_DEFAULT: (&str, &str, &str) = (
    "0.11",
    "NDRC/MEE industry GHG accounting guidelines (e.g. 公共建筑运营单位（企业）\
     温室气体排放核算方法和报告指南, 附录表3: 现可采用0.11 tCO2/GJ); MEE ETS \
     help-desk Q&A No. 191 (热力供应的排放因子 0.11 tCO2/GJ); MEE 2019 \
     supplementary data templates; GB/T 32150-2025 §7.5.6–7.5.7 (grade C)",
    "B",
);

/// Definition of the kilogram of coal equivalent in MJ: (MJ per kgce,
/// source, grade).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const KGCE_MJ: (&str, &str, &str) = (
    "29.3076",
    "1 kgce = 7 000 kcal(IT) × 4.1868 kJ/kcal = 29 307.6 kJ; EIA \
     International Energy Statistics units (1 tce = 7 Gcal = 29.3076 GJ). \
     GB/T 2589 prints the rounded 29 307 kJ, and its Appendix A coefficients \
     are kcal ratios (NCV in kcal / 7 000), not NCV in kJ / 29 307.6",
    "B",
);
