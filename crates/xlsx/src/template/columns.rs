//! What each sheet and column of workbook-v1 holds: the one source of the
//! template's headers, formats, drop-down lists, input messages and the
//! Instructions sheet.

use super::lists::List;

/// How a column's cells are formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Text (`@`): ids, keys, periods, units stay as typed.
    Text,
    /// A number with this format.
    Number(&'static str),
    /// A year.
    Year,
}

/// A column of a table sheet (or a field of the Organisation sheet).
#[derive(Debug)]
pub(super) struct Column {
    /// The header (field name) of workbook-v1.
    pub(super) name: &'static str,
    /// `yes`, `no`, or the condition (`one of`, `with ncv`).
    pub(super) required: &'static str,
    /// Cell format.
    pub(super) kind: Kind,
    /// Drop-down list.
    pub(super) list: Option<List>,
    /// Column width.
    pub(super) width: f64,
    /// Meaning, in English.
    pub(super) en: &'static str,
    /// Meaning, in Chinese.
    pub(super) zh: &'static str,
}

const fn col(
    name: &'static str,
    required: &'static str,
    kind: Kind,
    list: Option<List>,
    width: f64,
    en: &'static str,
    zh: &'static str,
) -> Column {
    Column { name, required, kind, list, width, en, zh }
}

/// A table sheet.
#[derive(Debug)]
pub(super) struct Sheet {
    /// Its name.
    pub(super) name: &'static str,
    /// The Chinese name the reader also accepts.
    pub(super) alias: &'static str,
    /// What it holds, in English.
    pub(super) en: &'static str,
    /// What it holds, in Chinese.
    pub(super) zh: &'static str,
    /// Its columns, in order.
    pub(super) columns: &'static [Column],
}

const QUANTITY: Kind = Kind::Number("#,##0.0###");
const TONNES: Kind = Kind::Number("#,##0.00");
const PARAMETER: Kind = Kind::Number("0.0000##");
const MONEY: Kind = Kind::Number("#,##0.00");

/// The Organisation sheet: two columns, `field` and `value`.
pub(super) const ORGANISATION: Sheet = Sheet {
    name: "Organisation",
    alias: "组织",
    en: "Two columns, field and value: the reporting entity and the choices that apply to the whole inventory.",
    zh: "两列（field、value）：报告主体及适用于整个清单的选项。",
    columns: &[
        col("field", "yes", Kind::Text, None, 40.0, "Field name (as listed below).", "字段名（见下）。"),
        col("value", "yes", Kind::Text, None, 34.0, "Its value.", "字段值。"),
    ],
};

/// A field of the Organisation sheet with the value the template fills in.
#[derive(Debug)]
pub(super) struct Field {
    /// The field, its meaning and its drop-down list.
    pub(super) spec: Column,
    /// Value written into the template (the default, or an example to replace).
    pub(super) value: Option<Value>,
}

/// A value written into the template.
#[derive(Debug, Clone, Copy)]
pub(super) enum Value {
    /// Text.
    Text(&'static str),
    /// A whole number.
    Integer(i32),
}

const fn field(spec: Column, value: Option<Value>) -> Field {
    Field { spec, value }
}

/// The fields of the Organisation sheet, in template order.
pub(super) const FIELDS: &[Field] = &[
    field(
        col(
            "name",
            "yes",
            Kind::Text,
            None,
            0.0,
            "Reporting entity (organisation name). Replace the example.",
            "报告主体（组织名称）。请替换示例值。",
        ),
        Some(Value::Text("Example Co.")),
    ),
    field(
        col(
            "reporting_year",
            "yes",
            Kind::Year,
            None,
            0.0,
            "Calendar year reported, e.g. 2024. Replace the example.",
            "报告年度（公历年），如 2024。请替换示例值。",
        ),
        Some(Value::Integer(2024)),
    ),
    field(
        col(
            "methodology",
            "no",
            Kind::Text,
            Some(List::Methodology),
            0.0,
            "Factor methodology: cn-gbt32150 (default, China GB/T 32150 family) or ipcc-2006 (IPCC 2006 Tier 1).",
            "核算方法：cn-gbt32150（默认，GB/T 32150 系列）或 ipcc-2006（IPCC 2006 方法一）。",
        ),
        Some(Value::Text("cn-gbt32150")),
    ),
    field(
        col(
            "gwp",
            "no",
            Kind::Text,
            Some(List::Gwp),
            0.0,
            "GWP-100 set used to convert gases to CO2e: SAR (China's industry guidelines), AR4, AR5 (default) or AR6.",
            "折算二氧化碳当量所用的全球变暖潜势（GWP-100）：SAR（国家行业核算指南所用）、AR4、AR5（默认）或 AR6。",
        ),
        Some(Value::Text("AR5")),
    ),
    field(
        col(
            "currency",
            "no",
            Kind::Text,
            None,
            0.0,
            "ISO 4217 code of output values and prices, default CNY.",
            "产值和价格的币种（ISO 4217 代码），默认 CNY。",
        ),
        Some(Value::Text("CNY")),
    ),
    field(
        col(
            "electricity_basis",
            "no",
            Kind::Text,
            Some(List::ElectricityBasis),
            0.0,
            "Optional. Electricity to standard coal: equivalent (当量值, 0.1229 kgce/kWh, the default) or equal (等价值: give electricity_tce_per_mwh).",
            "可选。电力折标准煤：equivalent（当量值，0.1229 千克标准煤/千瓦时，默认）或 equal（等价值，须填 electricity_tce_per_mwh）。",
        ),
        None,
    ),
    field(
        col(
            "electricity_tce_per_mwh",
            "with equal",
            Kind::Number("0.0000##"),
            None,
            0.0,
            "Optional. With electricity_basis equal: tce per MWh of electricity (e.g. 0.3).",
            "可选。等价值折标系数，吨标准煤/兆瓦时（如 0.3）。",
        ),
        None,
    ),
    field(
        col(
            "electricity_basis_source",
            "with equal",
            Kind::Text,
            None,
            0.0,
            "Optional. With electricity_basis equal: where the coefficient comes from.",
            "可选。等价值折标系数的来源。",
        ),
        None,
    ),
    field(
        col(
            "base_year",
            "no",
            Kind::Year,
            None,
            0.0,
            "Optional. Base year to compare this year's intensities with.",
            "可选。用于强度对比的基准年。",
        ),
        None,
    ),
    field(
        col(
            "base_year_tce_per_10k_output_value",
            "no",
            PARAMETER,
            None,
            0.0,
            "Optional. Base-year energy intensity, tce per 10,000 of output value.",
            "可选。基准年单位产值能耗（吨标准煤/万元产值）。",
        ),
        None,
    ),
    field(
        col(
            "base_year_t_co2e_per_10k_output_value",
            "no",
            PARAMETER,
            None,
            0.0,
            "Optional. Base-year carbon intensity, t CO2e per 10,000 of output value.",
            "可选。基准年单位产值碳排放（吨二氧化碳当量/万元产值）。",
        ),
        None,
    ),
    field(
        col(
            "target_year",
            "no",
            Kind::Year,
            None,
            0.0,
            "Optional. Year of the intensity targets to compare this year's intensities with.",
            "可选。强度目标对应的目标年，用于与本年强度对比。",
        ),
        None,
    ),
    field(
        col(
            "target_tce_per_10k_output_value",
            "no",
            PARAMETER,
            None,
            0.0,
            "Optional. Target energy intensity, tce per 10,000 of output value.",
            "可选。目标单位产值能耗（吨标准煤/万元产值）。",
        ),
        None,
    ),
    field(
        col(
            "target_t_co2e_per_10k_output_value",
            "no",
            PARAMETER,
            None,
            0.0,
            "Optional. Target carbon intensity, t CO2e per 10,000 of output value.",
            "可选。目标单位产值碳排放（吨二氧化碳当量/万元产值）。",
        ),
        None,
    ),
    field(
        col(
            "scope2_market_uncovered",
            "no",
            Kind::Text,
            Some(List::MarketUncovered),
            0.0,
            "Optional. Market-based Scope 2 of electricity without a contractual factor: residual (default: China's national factor excluding market-traded non-fossil power) or location (the grid average).",
            "可选。无合同排放因子的购入电力在基于市场法下的因子：residual（默认：全国电力平均二氧化碳排放因子（不包括市场化交易的非化石能源电量））或 location（电网平均因子）。",
        ),
        None,
    ),
];

/// `facility_id` in a sheet that refers to a facility.
const FACILITY_REF: Column =
    col("facility_id", "yes", Kind::Text, None, 14.0, "Must exist in the Facilities sheet.", "须在“设施”表中存在。");

/// The table sheets, in template order.
pub(super) const SHEETS: [Sheet; 9] = [
    Sheet {
        name: "Facilities",
        alias: "设施",
        en: "One row per facility (site, plant).",
        zh: "每个设施（厂区、装置）一行。",
        columns: &[
            col(
                "facility_id",
                "yes",
                Kind::Text,
                None,
                14.0,
                "Unique id, referenced by the other sheets.",
                "设施唯一编号，其他工作表通过它引用设施。",
            ),
            col("name", "no", Kind::Text, None, 28.0, "Display name.", "设施名称。"),
            col(
                "country",
                "no",
                Kind::Text,
                None,
                10.0,
                "ISO 3166 alpha-2 country code, default CN.",
                "所在国家（ISO 3166 两位字母代码），默认 CN。",
            ),
            col(
                "grid_region",
                "no",
                Kind::Text,
                None,
                14.0,
                "Grid whose location-based electricity factor applies; default the country's national average.",
                "适用基于位置的电力排放因子的电网区域；默认采用全国平均值。",
            ),
            col(
                "sector",
                "no",
                Kind::Text,
                None,
                16.0,
                "Free text (power, cement, manufacturing, …); methodologies may use it (IPCC CH4/N2O factors differ by sector).",
                "行业（自由文本，如 power、cement、manufacturing）；方法可据此选用因子（IPCC 的 CH4/N2O 因子因行业而异）。",
            ),
        ],
    },
    Sheet {
        name: "Activities",
        alias: "活动数据",
        en: "One row per activity record: fuel burnt, electricity or heat bought, process or fugitive emissions.",
        zh: "每条活动数据一行：燃料消耗、购入电力或热力、过程或逸散排放。",
        columns: &[
            FACILITY_REF,
            col(
                "source",
                "yes",
                Kind::Text,
                Some(List::Source),
                22.0,
                "Source category: stationary_combustion, mobile_combustion, process, fugitive, purchased_electricity, purchased_heat; exported_electricity and exported_heat for energy supplied to others (deducted from the total, GB/T 32150).",
                "排放源类别：stationary_combustion（固定燃烧）、mobile_combustion（移动燃烧）、process（过程）、fugitive（逸散）、purchased_electricity（购入电力）、purchased_heat（购入热力）；exported_electricity（输出电力）、exported_heat（输出热力）为向外供应的能源，按 GB/T 32150 从总量中扣减。",
            ),
            col(
                "activity",
                "yes",
                Kind::Text,
                Some(List::Activity),
                20.0,
                "Fuel or energy key of the built-in factor library (raw_coal, natural_gas, diesel, …, electricity, heat: see the list) or a factor_key of the Factors sheet.",
                "内置因子库的燃料或能源代码（raw_coal、natural_gas、diesel、electricity、heat 等，见下拉列表），或“排放因子”表的 factor_key。",
            ),
            col(
                "quantity",
                "yes",
                QUANTITY,
                None,
                14.0,
                "Number ≥ 0, in unit.",
                "活动数据数量（≥ 0），单位见 unit 列。",
            ),
            col(
                "unit",
                "yes",
                Kind::Text,
                Some(List::Unit),
                10.0,
                "t, kg, m3, 10^4 m3 (万立方米), L, kWh, MWh, 10^4 kWh (万千瓦时), GJ, TJ, …; a unit whose dimension does not fit the activity is an error.",
                "单位：t、kg、m3、10^4 m3（万立方米）、L、kWh、MWh、10^4 kWh（万千瓦时）、GJ、TJ 等；量纲与活动不符时报错。",
            ),
            col(
                "period",
                "no",
                Kind::Text,
                None,
                10.0,
                "Month or year (2024-03, 2024, or a date cell); default the reporting year.",
                "期间：月或年（2024-03、2024 或日期单元格）；默认为报告年度。",
            ),
            col(
                "ncv",
                "no",
                PARAMETER,
                None,
                10.0,
                "Measured net calorific value; overrides the default. Unit in ncv_unit.",
                "实测低位发热量，替代缺省值；单位见 ncv_unit。",
            ),
            col("ncv_unit", "with ncv", Kind::Text, None, 12.0, "e.g. GJ/t, GJ/10^4 m3.", "如 GJ/t、GJ/10^4 m3。"),
            col(
                "carbon_content",
                "no",
                PARAMETER,
                None,
                14.0,
                "Measured carbon content per unit heat, tC/GJ.",
                "实测单位热值含碳量，tC/GJ。",
            ),
            col(
                "oxidation_factor",
                "no",
                Kind::Number("0.00##"),
                None,
                14.0,
                "Fraction (0.98) or percent (98%).",
                "碳氧化率：小数（0.98）或百分数（98%）。",
            ),
            col(
                "contractual_factor",
                "no",
                PARAMETER,
                None,
                16.0,
                "Purchased electricity only: tCO2e/MWh of a contract, PPA or certificate, used for the market-based Scope 2 figure.",
                "仅用于购入电力：合同、购电协议或绿证的排放因子（tCO2e/MWh），用于基于市场的范围二排放。",
            ),
            col(
                "biomass_fraction",
                "no",
                Kind::Number("0.00##"),
                None,
                14.0,
                "Share of the fuel's carbon that is biomass (co-firing, biofuel blends), fraction or percent: that share of its CO2 is biogenic, shown apart from the scopes.",
                "燃料碳中生物质所占比例（掺烧、生物燃料调和），小数或百分数：该部分 CO2 为生物质 CO2，单独列示，不计入范围一、二。",
            ),
            col(
                "density",
                "no",
                PARAMETER,
                None,
                10.0,
                "A fuel given by volume under a mass-based method (cn-gbt32150): its density, unit in density_unit. The row is computed on its mass.",
                "按体积计量的燃料（cn-gbt32150 按质量核算）：其密度，单位见 density_unit；按质量计算。",
            ),
            col(
                "density_unit",
                "with density",
                Kind::Text,
                None,
                12.0,
                "kg/L, t/m3 or kg/m3.",
                "kg/L、t/m3 或 kg/m3。",
            ),
            col(
                "enthalpy",
                "no",
                PARAMETER,
                None,
                10.0,
                "Steam given in t (purchased_heat, exported_heat): specific enthalpy, kJ/kg; GJ = t × (enthalpy − 83.74) / 1000.",
                "以吨计的蒸汽（购入或输出热力）：比焓，kJ/kg；GJ = 吨 × (焓值 − 83.74) / 1000。",
            ),
            col(
                "water_temperature",
                "no",
                PARAMETER,
                None,
                12.0,
                "Hot water given in t: supply temperature, °C; GJ = t × (T − 20) × 4.1868 / 1000.",
                "以吨计的热水：供水温度（°C）；GJ = 吨 × (T − 20) × 4.1868 / 1000。",
            ),
        ],
    },
    Sheet {
        name: "Production",
        alias: "产品产量",
        en: "Production and output value, for intensities.",
        zh: "产品产量和产值，用于计算强度。",
        columns: &[
            FACILITY_REF,
            col("product", "yes", Kind::Text, None, 20.0, "Product name.", "产品名称。"),
            col("quantity", "yes", QUANTITY, None, 14.0, "Number ≥ 0.", "产量（≥ 0）。"),
            col(
                "unit",
                "yes",
                Kind::Text,
                None,
                10.0,
                "Product unit (t, MWh, pcs, …).",
                "产品单位（t、MWh、pcs 等）。",
            ),
            col(
                "output_value",
                "no",
                MONEY,
                None,
                18.0,
                "Output value in currency units (not in 10^4).",
                "产值，以币种为单位（不是万元）。",
            ),
            col("period", "no", Kind::Text, None, 10.0, "As in Activities.", "同“活动数据”表。"),
        ],
    },
    Sheet {
        name: "Factors",
        alias: "排放因子",
        en: "Custom factors, referenced from Activities by activity. Several rows may share a factor_key with different gases.",
        zh: "自定义排放因子，在“活动数据”表的 activity 列引用；同一 factor_key 可有多行（不同气体）。",
        columns: &[
            col(
                "factor_key",
                "yes",
                Kind::Text,
                None,
                18.0,
                "Unique key, used as activity in the Activities sheet.",
                "因子代码，在“活动数据”表的 activity 列中引用。",
            ),
            col(
                "gas",
                "yes",
                Kind::Text,
                Some(List::Gas),
                10.0,
                "CO2, CH4, N2O or CO2e.",
                "气体：CO2、CH4、N2O 或 CO2e。",
            ),
            col("value", "yes", PARAMETER, None, 12.0, "Number.", "因子数值。"),
            col(
                "unit",
                "yes",
                Kind::Text,
                None,
                14.0,
                "Mass of gas per activity unit, e.g. tCO2/MWh, kgCO2e/L, tCO2/t.",
                "单位活动数据的气体质量，如 tCO2/MWh、kgCO2e/L、tCO2/t。",
            ),
            col(
                "source",
                "yes",
                Kind::Text,
                None,
                40.0,
                "Where the value comes from (document, table, year).",
                "数据来源（文件、表格、年份）。",
            ),
            col(
                "tce_per_unit",
                "no",
                PARAMETER,
                None,
                14.0,
                "Standard coal equivalent per activity unit (tce per unit of the factor's denominator), for energy figures.",
                "单位活动数据折标准煤系数（吨标准煤/因子分母单位），用于能耗统计。",
            ),
            col(
                "factor_id",
                "no",
                Kind::Text,
                None,
                36.0,
                "Id of a built-in factor (carbonbook factors TERM), e.g. epa2024.egrid.rfcw.total.co2: gas, value, unit and source then come from it and may be left empty.",
                "内置因子编号（carbonbook factors 查询），如 epa2024.egrid.rfcw.total.co2；气体、数值、单位和来源取自该因子，可留空。",
            ),
        ],
    },
    Sheet {
        name: "Trading",
        alias: "碳交易",
        en: "One row per scheme, facility and compliance year.",
        zh: "每个碳市场、设施和履约年度一行。",
        columns: &[
            col(
                "scheme",
                "yes",
                Kind::Text,
                Some(List::Scheme),
                10.0,
                "CN-ETS or EU-ETS.",
                "碳市场：CN-ETS（全国碳市场）或 EU-ETS（欧盟碳市场）。",
            ),
            FACILITY_REF,
            col("year", "yes", Kind::Year, None, 8.0, "Compliance year.", "履约年度。"),
            col("allocated", "one of", TONNES, None, 14.0, "Free allowances, t.", "免费配额，吨。"),
            col(
                "benchmark",
                "one of",
                PARAMETER,
                None,
                12.0,
                "Instead of allocated: allocation = benchmark × benchmark_output × correction_factor.",
                "代替 allocated：配额 = benchmark × benchmark_output × correction_factor。",
            ),
            col(
                "benchmark_output",
                "with benchmark",
                QUANTITY,
                None,
                16.0,
                "Output the benchmark applies to.",
                "基准值对应的产出量。",
            ),
            col(
                "correction_factor",
                "no",
                PARAMETER,
                None,
                16.0,
                "Product of the correction factors, default 1.",
                "修正系数（乘积），默认 1。",
            ),
            col(
                "verified_emissions",
                "no",
                TONNES,
                None,
                16.0,
                "t; default: the facility's emissions under the scheme's coverage, computed.",
                "核查排放量，吨；默认按该碳市场覆盖范围由台账计算。",
            ),
            col("purchased", "no", TONNES, None, 12.0, "Allowances bought, t.", "购入配额，吨。"),
            col("sold", "no", TONNES, None, 12.0, "Allowances sold, t.", "出售配额，吨。"),
            col(
                "offsets",
                "no",
                TONNES,
                None,
                12.0,
                "Offset credits surrendered (CCER for CN-ETS), t; CN-ETS counts at most 5 % of verified emissions, the excess is reported.",
                "用于抵销的减排量（全国碳市场为 CCER），吨；全国碳市场最多抵销核查排放量的 5%，超出部分单独列示。",
            ),
            col(
                "price",
                "no",
                MONEY,
                None,
                12.0,
                "Market price per allowance, in currency.",
                "配额市场价格（按币种）。",
            ),
            col(
                "penalty_per_t",
                "no",
                MONEY,
                None,
                14.0,
                "EU-ETS excess-emissions penalty per t, default 100 (EUR).",
                "欧盟碳市场超额排放罚款（每吨），默认 100 欧元。",
            ),
        ],
    },
    Sheet {
        name: "Refrigerants",
        alias: "制冷剂",
        en: "Optional. One row per facility, refrigerant and year: the mass balance, in kg. Emissions = (start − end) + (purchased − sold) + (retired − new equipment charge); blank masses are 0.",
        zh: "可选。每个设施、制冷剂和年度一行：物料平衡，单位千克。排放 =（年初 − 年末库存）+（购入 − 售出）+（退役 − 新设备充装量）；空白为 0。",
        columns: &[
            FACILITY_REF,
            col(
                "gas",
                "yes",
                Kind::Text,
                Some(List::Refrigerant),
                14.0,
                "The refrigerant: a gas (HFC-134a, R-32) or a blend (R-410A, R-407C, R-404A, R-507A).",
                "制冷剂：单一气体（HFC-134a、R-32）或混合物（R-410A、R-407C、R-404A、R-507A）。",
            ),
            col("year", "yes", Kind::Year, None, 8.0, "The year of the balance.", "物料平衡所属年度。"),
            col(
                "inventory_start_kg",
                "no",
                TONNES,
                None,
                14.0,
                "In stock (not in equipment) at the start of the year, kg.",
                "年初库存（不含设备内），千克。",
            ),
            col(
                "inventory_end_kg",
                "no",
                TONNES,
                None,
                14.0,
                "In stock at the end of the year, kg.",
                "年末库存，千克。",
            ),
            col(
                "purchased_kg",
                "no",
                TONNES,
                None,
                12.0,
                "Bought or received in the year, kg.",
                "年内购入或接收，千克。",
            ),
            col(
                "sold_kg",
                "no",
                TONNES,
                None,
                12.0,
                "Sold, returned or sent for recovery, kg.",
                "售出、退回或送回收，千克。",
            ),
            col(
                "new_equipment_charge_kg",
                "no",
                TONNES,
                None,
                16.0,
                "Charged into new equipment, kg.",
                "新设备充装量，千克。",
            ),
            col(
                "retired_equipment_charge_kg",
                "no",
                TONNES,
                None,
                16.0,
                "Nameplate charge of equipment retired, kg.",
                "退役设备额定充装量，千克。",
            ),
        ],
    },
    Sheet {
        name: "CBAM goods",
        alias: "CBAM产品",
        en: "Optional (EU CBAM, installation). One row per good produced at an installation in a year: its specific embedded emissions are computed.",
        zh: "可选（欧盟CBAM，生产设施）。每个设施每年生产的每种产品一行：计算其单位产品隐含排放。",
        columns: &[
            col("good_id", "yes", Kind::Text, None, 12.0, "Id of the good, unique per year.", "产品编号，每年唯一。"),
            FACILITY_REF,
            col("year", "yes", Kind::Year, None, 8.0, "Year of production.", "生产年度。"),
            col(
                "cn_code",
                "yes",
                Kind::Text,
                None,
                12.0,
                "CN code in Annex I of Regulation (EU) 2023/956, 8 digits (7208 51 20).",
                "欧盟(EU) 2023/956号条例附件I中的CN编码，8位（如 7208 51 20）。",
            ),
            col(
                "category",
                "yes",
                Kind::Text,
                Some(List::CbamCategory),
                12.0,
                "cement, iron_steel, aluminium, fertilisers, hydrogen or electricity (the CN code's sector).",
                "类别：cement、iron_steel、aluminium、fertilisers、hydrogen 或 electricity（须与CN编码一致）。",
            ),
            col("route", "no", Kind::Text, None, 12.0, "Production route (BF/BOF, EAF, dry kiln).", "生产路线（高炉-转炉、电炉、干法窑等）。"),
            col("quantity_t", "yes", QUANTITY, None, 14.0, "Activity level: t produced (MWh for electricity).", "活动水平：产量，吨（电力为兆瓦时）。"),
            col(
                "direct_t",
                "no",
                TONNES,
                None,
                14.0,
                "Attributed direct emissions, t CO2e; blank: the facility's Scope 1 shared by quantity (warned).",
                "归属直接排放，吨CO2e；空白时按产量分摊设施范围一排放（有提示）。",
            ),
            col("electricity_mwh", "no", QUANTITY, None, 14.0, "Electricity consumed for the good, MWh.", "该产品消耗的电量，兆瓦时。"),
            col(
                "electricity_factor",
                "no",
                PARAMETER,
                None,
                14.0,
                "t CO2/MWh; blank: the grid factor of the facility and year.",
                "电力排放因子，吨CO2/兆瓦时；空白时取设施所在电网该年度因子。",
            ),
        ],
    },
    Sheet {
        name: "CBAM precursors",
        alias: "CBAM前体",
        en: "Optional (EU CBAM). One row per precursor consumed for a good: a good of this book, or bought in with its own figures.",
        zh: "可选（欧盟CBAM）。每种产品消耗的每种前体一行：本表中的产品，或外购前体（须给出其隐含排放）。",
        columns: &[
            col("good_id", "yes", Kind::Text, None, 12.0, "The good it goes into (CBAM goods).", "所用于的产品（CBAM产品表）。"),
            col("precursor", "yes", Kind::Text, None, 14.0, "A good_id of this book, or a name.", "本表中的产品编号，或前体名称。"),
            col("mass_t", "yes", QUANTITY, None, 12.0, "t consumed, scrap and offcuts included.", "消耗量，吨（含废料、边角料）。"),
            col(
                "see_direct",
                "not of this book",
                PARAMETER,
                None,
                12.0,
                "Specific direct embedded emissions, t CO2e/t.",
                "单位直接隐含排放，吨CO2e/吨。",
            ),
            col(
                "see_indirect",
                "no",
                PARAMETER,
                None,
                12.0,
                "Specific indirect embedded emissions, t CO2e/t.",
                "单位间接隐含排放，吨CO2e/吨。",
            ),
            col("source", "no", Kind::Text, Some(List::CbamSource), 10.0, "actual (default) or default values.", "数据来源：actual（实际，默认）或 default（默认值）。"),
            col(
                "cn_code",
                "no",
                Kind::Text,
                None,
                12.0,
                "The bought-in precursor's CN code (decides whether its indirect emissions count).",
                "外购前体的CN编码（决定其间接排放是否计入）。",
            ),
        ],
    },
    Sheet {
        name: "CBAM imports",
        alias: "CBAM进口",
        en: "Optional (EU CBAM, importer). One row per import line: embedded emissions, free-allocation adjustment, certificates and their cost.",
        zh: "可选（欧盟CBAM，进口商）。每条进口记录一行：隐含排放、免费配额调整、应缴证书及费用。",
        columns: &[
            col("year", "yes", Kind::Year, None, 8.0, "Year of import (from 2026).", "进口年度（2026年起）。"),
            col("quarter", "no", Kind::Text, Some(List::Quarter), 8.0, "Quarter of import, 1–4.", "进口季度，1–4。"),
            col("good_id", "one of", Kind::Text, None, 12.0, "A good of CBAM goods, or the supplier's name for it.", "CBAM产品表中的产品编号，或供应商的产品名称。"),
            col("cn_code", "one of", Kind::Text, None, 12.0, "CN code (needed when good_id is not a good of this book).", "CN编码（good_id 不在本表时必填）。"),
            col("origin", "no", Kind::Text, None, 10.0, "Country of origin.", "原产国。"),
            col("quantity_t", "yes", QUANTITY, None, 12.0, "Net mass imported, t (MWh for electricity).", "进口净质量，吨（电力为兆瓦时）。"),
            col(
                "see_direct",
                "no",
                PARAMETER,
                None,
                12.0,
                "Actual specific direct embedded emissions, t CO2e/t; blank: this book's figure or the default.",
                "实际单位直接隐含排放，吨CO2e/吨；空白时取本表计算值或默认值。",
            ),
            col("see_indirect", "no", PARAMETER, None, 12.0, "Actual specific indirect embedded emissions, t CO2e/t.", "实际单位间接隐含排放，吨CO2e/吨。"),
            col(
                "default_value",
                "no",
                PARAMETER,
                None,
                12.0,
                "Default value (total), t CO2e/t, without the mark-up (added by the year).",
                "默认值（合计），吨CO2e/吨，不含加成（按年度自动加成）。",
            ),
            col("benchmark", "no", PARAMETER, None, 12.0, "CBAM benchmark for the free-allocation adjustment, t CO2e/t.", "用于免费配额调整的CBAM基准值，吨CO2e/吨。"),
            col("cscf", "with benchmark", PARAMETER, None, 10.0, "Cross-sectoral correction factor of the year.", "该年度跨行业修正系数。"),
            col(
                "certificate_price",
                "no",
                MONEY,
                None,
                12.0,
                "EUR per certificate: the quarter's average (2026), the week's (from 2027).",
                "证书价格（欧元）：2026年为季度均价，2027年起为周均价。",
            ),
            col(
                "carbon_price_paid",
                "no",
                MONEY,
                None,
                12.0,
                "EUR/t CO2e effectively paid in the country of origin (deduction under draft rules).",
                "原产国实际支付的碳价，欧元/吨CO2e（按草案规则抵扣）。",
            ),
        ],
    },
];
