//! The sheets and columns of workbook-v1, with their aliases.
//!
//! Names match case-insensitively after [`normalise`]: surrounding spaces,
//! text in brackets (`Quantity (t)`), required-markers (`*`), footnote
//! carets and full-width forms do not matter, and spaces or hyphens count
//! as underscores (`Facility ID` is `facility_id`).

use carbonbook_core::error::InputSheet;
use carbonbook_core::field::Field;

/// A column of a sheet.
#[derive(Debug)]
pub(crate) struct ColumnSpec {
    /// The workbook-v1 name, also the engine's field name.
    pub(crate) field: Field,
    /// Whether every data row must fill it.
    pub(crate) required: bool,
    /// Other accepted names (Chinese and English).
    pub(crate) aliases: &'static [&'static str],
}

/// A sheet of workbook-v1.
#[derive(Debug)]
pub(crate) struct SheetSpec {
    /// Which input it is.
    pub(crate) sheet: InputSheet,
    /// Other accepted sheet names.
    pub(crate) aliases: &'static [&'static str],
    /// Its columns.
    pub(crate) columns: &'static [ColumnSpec],
}

impl SheetSpec {
    /// The column index of a field, by its workbook-v1 name.
    pub(crate) fn field_index(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == field)
    }

    /// The column index of a field given by its exact workbook-v1 name
    /// (as a profile's `columns.quantity` names it).
    pub(crate) fn field_named(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.field.name() == name)
    }

    /// The column whose name or alias is `header` (normalised).
    pub(crate) fn column_named(&self, header: &str) -> Option<usize> {
        named(self.columns.iter().map(|c| (c.field.name(), c.aliases)), header)
    }

    /// Whether `name` (a sheet name of the book) is this sheet.
    pub(crate) fn matches_sheet(&self, name: &str) -> bool {
        let n = normalise(name);
        n == normalise(self.sheet.name()) || self.aliases.iter().any(|a| normalise(a) == n)
    }

    /// "also accepted: 设施", for messages.
    pub(crate) fn also_accepted(&self) -> String {
        self.aliases.join(", ")
    }
}

/// The index of the entry whose name or an alias normalises to `header`.
pub(crate) fn named<'a, I>(entries: I, header: &str) -> Option<usize>
where
    I: IntoIterator<Item = (&'a str, &'a [&'a str])>,
{
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    entries.into_iter().position(|(field, aliases)| normalise(field) == h || aliases.iter().any(|a| normalise(a) == h))
}

const fn col(field: Field, required: bool, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec { field, required, aliases }
}

const FACILITY_ID: &[&str] = &["设施编号", "设施ID", "设施代码", "设施", "facility", "site_id"];
const PERIOD: &[&str] = &["期间", "月份", "年月", "统计期", "日期", "month", "date"];

/// Column indices of the Facilities sheet.
pub(crate) mod fac {
    pub(crate) const FACILITY_ID: usize = 0;
    pub(crate) const NAME: usize = 1;
    pub(crate) const COUNTRY: usize = 2;
    pub(crate) const GRID_REGION: usize = 3;
    pub(crate) const SECTOR: usize = 4;
}

/// Facilities (`设施`).
pub(crate) static FACILITIES: SheetSpec = SheetSpec {
    sheet: InputSheet::Facilities,
    aliases: &["设施", "Facility"],
    columns: &[
        col(Field::FacilityId, true, FACILITY_ID),
        col(Field::Name, false, &["名称", "设施名称", "facility_name"]),
        col(Field::Country, false, &["国家", "国家或地区", "国家代码", "country_code"]),
        col(Field::GridRegion, false, &["电网区域", "电网", "区域电网", "grid"]),
        col(Field::Sector, false, &["行业", "行业类别", "部门", "industry"]),
    ],
};

/// Column indices of the Activities sheet.
pub(crate) mod act {
    pub(crate) const FACILITY_ID: usize = 0;
    pub(crate) const SOURCE: usize = 1;
    pub(crate) const ACTIVITY: usize = 2;
    pub(crate) const QUANTITY: usize = 3;
    pub(crate) const UNIT: usize = 4;
    pub(crate) const PERIOD: usize = 5;
    pub(crate) const NCV: usize = 6;
    pub(crate) const NCV_UNIT: usize = 7;
    pub(crate) const CARBON_CONTENT: usize = 8;
    pub(crate) const OXIDATION_FACTOR: usize = 9;
    pub(crate) const CONTRACTUAL_FACTOR: usize = 10;
    pub(crate) const BIOMASS_FRACTION: usize = 11;
    pub(crate) const DENSITY: usize = 12;
    pub(crate) const DENSITY_UNIT: usize = 13;
    pub(crate) const ENTHALPY: usize = 14;
    pub(crate) const WATER_TEMPERATURE: usize = 15;
}

/// Activities (`活动数据`).
pub(crate) static ACTIVITIES: SheetSpec = SheetSpec {
    sheet: InputSheet::Activities,
    aliases: &["活动数据", "Activity", "Activity data"],
    columns: &[
        col(Field::FacilityId, true, FACILITY_ID),
        col(Field::Source, true, &["排放源类别", "排放源", "排放类别", "源类别", "source_category", "category"]),
        col(
            Field::Activity,
            true,
            &["活动", "燃料品种", "能源品种", "燃料", "品种", "活动类型", "fuel", "activity_key"],
        ),
        col(Field::Quantity, true, &["数量", "消耗量", "活动数据", "活动量", "用量", "amount"]),
        col(Field::Unit, true, &["单位", "计量单位"]),
        col(Field::Period, false, PERIOD),
        col(Field::Ncv, false, &["低位发热量", "平均低位发热量", "净发热量", "net_calorific_value"]),
        col(Field::NcvUnit, false, &["低位发热量单位", "发热量单位"]),
        col(Field::CarbonContent, false, &["单位热值含碳量", "含碳量"]),
        col(Field::OxidationFactor, false, &["碳氧化率", "氧化率", "oxidation", "oxidation_rate"]),
        col(
            Field::ContractualFactor,
            false,
            &["合同排放因子", "市场化排放因子", "contractual_emission_factor", "market_factor"],
        ),
        col(
            Field::BiomassFraction,
            false,
            &["生物质比例", "生物质掺烧比例", "生物质碳比例", "生物质份额", "biomass_share", "biogenic_fraction"],
        ),
        col(Field::Density, false, &["密度", "燃料密度", "fuel_density"]),
        col(Field::DensityUnit, false, &["密度单位"]),
        col(Field::Enthalpy, false, &["焓值", "蒸汽焓值", "比焓", "specific_enthalpy"]),
        col(Field::WaterTemperature, false, &["热水温度", "供水温度", "hot_water_temperature", "supply_temperature"]),
    ],
};

/// Column indices of the Production sheet.
pub(crate) mod prod {
    pub(crate) const FACILITY_ID: usize = 0;
    pub(crate) const PRODUCT: usize = 1;
    pub(crate) const QUANTITY: usize = 2;
    pub(crate) const UNIT: usize = 3;
    pub(crate) const OUTPUT_VALUE: usize = 4;
    pub(crate) const PERIOD: usize = 5;
}

/// Production (`产品产量`).
pub(crate) static PRODUCTION: SheetSpec = SheetSpec {
    sheet: InputSheet::Production,
    aliases: &["产品产量", "产量"],
    columns: &[
        col(Field::FacilityId, true, FACILITY_ID),
        col(Field::Product, true, &["产品", "产品名称", "产品种类"]),
        col(Field::Quantity, true, &["产量", "数量", "产品产量"]),
        col(Field::Unit, true, &["单位", "计量单位"]),
        col(Field::OutputValue, false, &["产值", "工业总产值", "总产值"]),
        col(Field::Period, false, PERIOD),
    ],
};

/// Column indices of the Factors sheet.
pub(crate) mod fct {
    pub(crate) const FACTOR_KEY: usize = 0;
    pub(crate) const GAS: usize = 1;
    pub(crate) const VALUE: usize = 2;
    pub(crate) const UNIT: usize = 3;
    pub(crate) const SOURCE: usize = 4;
    pub(crate) const TCE_PER_UNIT: usize = 5;
    pub(crate) const FACTOR_ID: usize = 6;
}

/// Factors (`排放因子`).
pub(crate) static FACTORS: SheetSpec = SheetSpec {
    sheet: InputSheet::Factors,
    aliases: &["排放因子", "Custom factors", "Factor"],
    columns: &[
        col(Field::FactorKey, true, &["因子键", "因子编号", "因子代码", "key"]),
        col(Field::Gas, true, &["气体", "温室气体", "温室气体种类"]),
        col(Field::Value, true, &["数值", "因子值", "排放因子", "值", "factor"]),
        col(Field::Unit, true, &["单位", "计量单位"]),
        col(Field::Source, true, &["来源", "数据来源", "出处", "reference"]),
        col(Field::TcePerUnit, false, &["折标系数", "折标准煤系数"]),
        col(Field::FactorId, false, &["引用因子", "因子引用", "built_in_factor", "library_factor"]),
    ],
};

/// Column indices of the Trading sheet.
pub(crate) mod trd {
    pub(crate) const SCHEME: usize = 0;
    pub(crate) const FACILITY_ID: usize = 1;
    pub(crate) const YEAR: usize = 2;
    pub(crate) const ALLOCATED: usize = 3;
    pub(crate) const BENCHMARK: usize = 4;
    pub(crate) const BENCHMARK_OUTPUT: usize = 5;
    pub(crate) const CORRECTION_FACTOR: usize = 6;
    pub(crate) const VERIFIED_EMISSIONS: usize = 7;
    pub(crate) const PURCHASED: usize = 8;
    pub(crate) const SOLD: usize = 9;
    pub(crate) const OFFSETS: usize = 10;
    pub(crate) const PRICE: usize = 11;
    pub(crate) const PENALTY_PER_T: usize = 12;
    pub(crate) const ALLOCATION_METHOD: usize = 13;
    pub(crate) const UNIT_CLASS: usize = 14;
    pub(crate) const UNIT_ID: usize = 15;
    pub(crate) const GENERATION_MWH: usize = 16;
    pub(crate) const SUPPLY_MWH: usize = 17;
    pub(crate) const HEAT_SUPPLIED_GJ: usize = 18;
    pub(crate) const LOAD_FACTOR: usize = 19;
    pub(crate) const PRE_ALLOCATED: usize = 20;
    pub(crate) const BALANCE_VALUE: usize = 21;
    pub(crate) const PRODUCT_OUTPUT: usize = 22;
    pub(crate) const PROCESS_EMISSIONS: usize = 23;
    pub(crate) const SPECIAL_CASE: usize = 24;
    pub(crate) const UNIT_VERIFIED_EMISSIONS: usize = 25;
}

/// Trading (`碳交易`).
pub(crate) static TRADING: SheetSpec = SheetSpec {
    sheet: InputSheet::Trading,
    aliases: &["碳交易", "碳排放权交易"],
    columns: &[
        col(Field::Scheme, true, &["交易体系", "碳市场", "市场"]),
        col(Field::FacilityId, true, FACILITY_ID),
        col(Field::Year, true, &["年度", "履约年度", "年份", "compliance_year"]),
        col(Field::Allocated, false, &["配额", "免费配额", "分配配额", "配额量", "allocation"]),
        col(Field::Benchmark, false, &["基准值", "基准线"]),
        col(Field::BenchmarkOutput, false, &["基准产出", "基准产量"]),
        col(Field::CorrectionFactor, false, &["修正系数"]),
        col(Field::VerifiedEmissions, false, &["核查排放量", "经核查排放量", "verified"]),
        col(Field::Purchased, false, &["购入配额", "购入", "买入"]),
        col(Field::Sold, false, &["出售配额", "出售", "卖出"]),
        col(Field::Offsets, false, &["抵销量", "抵销", "抵消量", "CCER"]),
        col(Field::Price, false, &["价格", "碳价", "配额价格"]),
        col(Field::PenaltyPerT, false, &["罚款", "单位罚金", "罚金", "penalty"]),
        // workbook-v2 §6
        col(Field::AllocationMethod, false, &["分配方法", "配额分配方法", "method"]),
        col(Field::UnitClass, false, &["机组类别", "class"]),
        col(Field::UnitId, false, &["机组编号", "机组", "unit"]),
        col(Field::GenerationMwh, false, &["发电量", "generation"]),
        col(Field::SupplyMwh, false, &["供电量", "supply"]),
        col(Field::HeatSuppliedGj, false, &["供热量", "heat_supplied"]),
        col(Field::LoadFactor, false, &["负荷系数", "负荷（出力）系数", "机组负荷（出力）系数", "load"]),
        col(Field::PreAllocated, false, &["预分配配额", "预分配"]),
        col(Field::BalanceValue, false, &["平衡值", "行业平衡值", "BP"]),
        col(Field::ProductOutput, false, &["产品产量", "主要产品产量", "output"]),
        col(Field::ProcessEmissionsT, false, &["重点工序排放量", "工序排放量", "process_emissions"]),
        col(Field::SpecialCase, false, &["特殊情形"]),
        col(Field::UnitVerifiedEmissions, false, &["机组核查排放量", "机组经核查排放量", "unit_verified"]),
    ],
};

/// Column indices of the Transactions sheet.
pub(crate) mod trx {
    pub(crate) const DATE: usize = 0;
    pub(crate) const SCHEME: usize = 1;
    pub(crate) const FACILITY_ID: usize = 2;
    pub(crate) const KIND: usize = 3;
    pub(crate) const QUANTITY: usize = 4;
    pub(crate) const PRICE: usize = 5;
    pub(crate) const VINTAGE: usize = 6;
    pub(crate) const REFERENCE: usize = 7;
    pub(crate) const COMPLIANCE_YEAR: usize = 8;
}

/// Transactions (`交易记录`, workbook-v2 §7): the allowance account.
pub(crate) static TRANSACTIONS: SheetSpec = SheetSpec {
    sheet: InputSheet::Transactions,
    aliases: &["交易记录", "配额交易记录", "Allowance transactions"],
    columns: &[
        col(Field::Date, true, &["日期", "交易日期"]),
        col(Field::Scheme, true, &["交易体系", "碳市场", "市场"]),
        col(Field::FacilityId, true, FACILITY_ID),
        col(Field::Kind, true, &["类型", "交易类型", "业务类型", "type"]),
        col(Field::Quantity, true, &["数量", "交易数量", "配额数量"]),
        col(Field::Price, false, &["价格", "成交价", "单价"]),
        col(Field::Vintage, false, &["年份", "配额年份", "配额标的", "年度"]),
        col(Field::Reference, false, &["备注", "参考", "凭证号"]),
        col(Field::ComplianceYear, false, &["履约年度", "清缴年度"]),
    ],
};

/// Column indices of the Refrigerants sheet.
pub(crate) mod rfg {
    pub(crate) const FACILITY_ID: usize = 0;
    pub(crate) const GAS: usize = 1;
    pub(crate) const YEAR: usize = 2;
    pub(crate) const INVENTORY_START: usize = 3;
    pub(crate) const INVENTORY_END: usize = 4;
    pub(crate) const PURCHASED: usize = 5;
    pub(crate) const SOLD: usize = 6;
    pub(crate) const NEW_CHARGE: usize = 7;
    pub(crate) const RETIRED_CHARGE: usize = 8;
}

/// Refrigerants (`制冷剂`, workbook-v2 §5): one mass balance per facility,
/// gas and year.
pub(crate) static REFRIGERANTS: SheetSpec = SheetSpec {
    sheet: InputSheet::Refrigerants,
    aliases: &["制冷剂", "Refrigerant", "制冷剂物料平衡"],
    columns: &[
        col(Field::FacilityId, true, FACILITY_ID),
        col(Field::Gas, true, &["气体", "制冷剂", "制冷剂种类", "refrigerant"]),
        col(Field::Year, true, &["年度", "年份"]),
        col(Field::InventoryStartKg, false, &["年初库存", "期初库存", "inventory_start"]),
        col(Field::InventoryEndKg, false, &["年末库存", "期末库存", "inventory_end"]),
        col(Field::PurchasedKg, false, &["购入量", "购入", "purchased"]),
        col(Field::SoldKg, false, &["售出量", "售出", "回收", "sold"]),
        col(Field::NewEquipmentChargeKg, false, &["新设备充装量", "新设备充注量", "new_equipment_charge"]),
        col(Field::RetiredEquipmentChargeKg, false, &["退役设备充装量", "报废设备充注量", "retired_equipment_charge"]),
    ],
};

/// Column indices of the `CBAM goods` sheet.
pub(crate) mod cbg {
    pub(crate) const GOOD_ID: usize = 0;
    pub(crate) const FACILITY_ID: usize = 1;
    pub(crate) const YEAR: usize = 2;
    pub(crate) const CN_CODE: usize = 3;
    pub(crate) const CATEGORY: usize = 4;
    pub(crate) const ROUTE: usize = 5;
    pub(crate) const QUANTITY_T: usize = 6;
    pub(crate) const DIRECT_T: usize = 7;
    pub(crate) const ELECTRICITY_MWH: usize = 8;
    pub(crate) const ELECTRICITY_FACTOR: usize = 9;
}

const GOOD_ID: &[&str] = &["产品编号", "产品ID", "产品代码", "good"];
const CN_CODE: &[&str] = &["CN编码", "CN代码", "海关编码", "商品编码", "cn"];
const SEE_DIRECT: &[&str] = &["直接隐含排放", "单位直接隐含排放", "直接SEE", "see_dir"];
const SEE_INDIRECT: &[&str] = &["间接隐含排放", "单位间接隐含排放", "间接SEE", "see_ind"];

/// `CBAM goods` (`CBAM产品`, workbook-v2 §8): one row per good produced at
/// an installation in a year.
pub(crate) static CBAM_GOODS: SheetSpec = SheetSpec {
    sheet: InputSheet::CbamGoods,
    aliases: &["CBAM产品", "CBAM goods produced"],
    columns: &[
        col(Field::GoodId, true, GOOD_ID),
        col(Field::FacilityId, true, FACILITY_ID),
        col(Field::Year, true, &["年度", "年份", "生产年度"]),
        col(Field::CnCode, true, CN_CODE),
        col(Field::Category, true, &["类别", "产品类别", "CBAM类别", "行业", "sector"]),
        col(Field::Route, false, &["生产路线", "工艺路线", "production_route"]),
        col(Field::QuantityT, true, &["产量", "活动水平", "数量", "quantity", "activity_level"]),
        col(Field::DirectT, false, &["直接排放", "归属直接排放", "attributed_direct_emissions", "direct_emissions"]),
        col(Field::ElectricityMwh, false, &["耗电量", "电力消耗", "用电量", "electricity"]),
        col(Field::ElectricityFactor, false, &["电力排放因子", "电网排放因子", "electricity_emission_factor"]),
    ],
};

/// Column indices of the `CBAM precursors` sheet.
pub(crate) mod cbp {
    pub(crate) const GOOD_ID: usize = 0;
    pub(crate) const PRECURSOR: usize = 1;
    pub(crate) const MASS_T: usize = 2;
    pub(crate) const SEE_DIRECT: usize = 3;
    pub(crate) const SEE_INDIRECT: usize = 4;
    pub(crate) const SOURCE: usize = 5;
    pub(crate) const CN_CODE: usize = 6;
}

/// `CBAM precursors` (`CBAM前体`, workbook-v2 §8): one row per precursor
/// consumed for a good.
pub(crate) static CBAM_PRECURSORS: SheetSpec = SheetSpec {
    sheet: InputSheet::CbamPrecursors,
    aliases: &["CBAM前体", "CBAM前体材料"],
    columns: &[
        col(Field::GoodId, true, GOOD_ID),
        col(Field::Precursor, true, &["前体", "前体材料", "前体名称"]),
        col(Field::MassT, true, &["消耗量", "前体消耗量", "质量", "mass"]),
        col(Field::SeeDirect, false, SEE_DIRECT),
        col(Field::SeeIndirect, false, SEE_INDIRECT),
        col(Field::Source, false, &["数据来源", "来源", "data_source"]),
        col(Field::CnCode, false, CN_CODE),
    ],
};

/// Column indices of the `CBAM imports` sheet.
pub(crate) mod cbi {
    pub(crate) const YEAR: usize = 0;
    pub(crate) const QUARTER: usize = 1;
    pub(crate) const GOOD_ID: usize = 2;
    pub(crate) const CN_CODE: usize = 3;
    pub(crate) const ORIGIN: usize = 4;
    pub(crate) const QUANTITY_T: usize = 5;
    pub(crate) const SEE_DIRECT: usize = 6;
    pub(crate) const SEE_INDIRECT: usize = 7;
    pub(crate) const DEFAULT_VALUE: usize = 8;
    pub(crate) const BENCHMARK: usize = 9;
    pub(crate) const CSCF: usize = 10;
    pub(crate) const CERTIFICATE_PRICE: usize = 11;
    pub(crate) const CARBON_PRICE_PAID: usize = 12;
}

/// `CBAM imports` (`CBAM进口`, workbook-v2 §8): the importer's lines.
pub(crate) static CBAM_IMPORTS: SheetSpec = SheetSpec {
    sheet: InputSheet::CbamImports,
    aliases: &["CBAM进口", "CBAM进口申报"],
    columns: &[
        col(Field::Year, true, &["年度", "年份", "进口年度"]),
        col(Field::Quarter, false, &["季度", "进口季度"]),
        col(Field::GoodId, false, GOOD_ID),
        col(Field::CnCode, false, CN_CODE),
        col(Field::Origin, false, &["原产国", "原产地", "country_of_origin"]),
        col(Field::QuantityT, true, &["进口量", "数量", "净质量", "quantity", "net_mass"]),
        col(Field::SeeDirect, false, SEE_DIRECT),
        col(Field::SeeIndirect, false, SEE_INDIRECT),
        col(Field::DefaultValue, false, &["默认值", "缺省值"]),
        col(Field::Benchmark, false, &["基准值", "CBAM基准值"]),
        col(Field::Cscf, false, &["跨行业修正系数", "cross_sectoral_correction_factor"]),
        col(Field::CertificatePrice, false, &["证书价格", "CBAM证书价格", "price"]),
        col(Field::CarbonPricePaid, false, &["已付碳价", "原产国碳价", "carbon_price"]),
    ],
};

/// Column indices of the Portfolio sheet.
pub(crate) mod pfo {
    pub(crate) const EXPOSURE_ID: usize = 0;
    pub(crate) const ASSET_CLASS: usize = 1;
    pub(crate) const COUNTERPARTY: usize = 2;
    pub(crate) const OUTSTANDING: usize = 3;
    pub(crate) const EVIC: usize = 4;
    pub(crate) const TOTAL_EQUITY_PLUS_DEBT: usize = 5;
    pub(crate) const PROPERTY_VALUE: usize = 6;
    pub(crate) const VEHICLE_VALUE: usize = 7;
    pub(crate) const PPP_GDP: usize = 8;
    pub(crate) const SCOPE1_T: usize = 9;
    pub(crate) const SCOPE2_T: usize = 10;
    pub(crate) const SCOPE3_T: usize = 11;
    pub(crate) const DATA_QUALITY: usize = 12;
    pub(crate) const TOTAL_EQUITY: usize = 13;
    pub(crate) const TOTAL_DEBT: usize = 14;
    pub(crate) const SUMMARY_JSON: usize = 15;
    pub(crate) const SCOPE2_BASIS: usize = 16;
}

/// Portfolio (`投资组合`, workbook-v2 §9): one row per exposure. The
/// columns from `total_equity` on extend the contract.
pub(crate) static PORTFOLIO: SheetSpec = SheetSpec {
    sheet: InputSheet::Portfolio,
    aliases: &["投资组合", "Exposures", "融资组合"],
    columns: &[
        col(Field::ExposureId, true, &["敞口编号", "业务编号", "exposure", "position_id"]),
        col(Field::AssetClass, true, &["资产类别", "资产类型"]),
        col(Field::Counterparty, false, &["交易对手", "借款人", "被投资方", "borrower", "investee"]),
        col(Field::Outstanding, true, &["余额", "贷款余额", "投资余额", "未偿余额", "outstanding_amount"]),
        col(Field::Evic, false, &["企业价值", "含现金企业价值", "enterprise_value_including_cash"]),
        col(Field::TotalEquityPlusDebt, false, &["权益加债务", "所有者权益加负债", "equity_plus_debt"]),
        col(Field::PropertyValue, false, &["房产价值", "物业价值", "抵押物价值"]),
        col(Field::VehicleValue, false, &["车辆价值", "车价"]),
        col(Field::PppGdp, false, &["购买力平价GDP", "ppp_adjusted_gdp"]),
        col(Field::Scope1T, false, &["范围一排放", "范围1排放", "scope1", "scope_1"]),
        col(Field::Scope2T, false, &["范围二排放", "范围2排放", "scope2", "scope_2"]),
        col(Field::Scope3T, false, &["范围三排放", "范围3排放", "scope3", "scope_3"]),
        col(Field::DataQuality, false, &["数据质量", "数据质量评分", "dq_score", "pcaf_score"]),
        col(Field::TotalEquity, false, &["所有者权益", "权益总额"]),
        col(Field::TotalDebt, false, &["负债总额", "债务总额"]),
        col(Field::SummaryJson, false, &["碳账本汇总", "排放汇总文件", "summary_file", "carbonbook_summary"]),
        col(Field::Scope2Basis, false, &["范围二口径"]),
    ],
};

/// Column indices of the Projects sheet.
pub(crate) mod prj {
    pub(crate) const PROJECT_ID: usize = 0;
    pub(crate) const KIND: usize = 1;
    pub(crate) const GRID_REGION: usize = 2;
    pub(crate) const YEAR: usize = 3;
    pub(crate) const NET_GENERATION_MWH: usize = 4;
    pub(crate) const BASELINE_T: usize = 5;
    pub(crate) const PROJECT_T: usize = 6;
    pub(crate) const ENERGY_SAVED_TCE: usize = 7;
    pub(crate) const OM_FACTOR: usize = 8;
    pub(crate) const BM_FACTOR: usize = 9;
    pub(crate) const LOAN_BALANCE: usize = 10;
    pub(crate) const TOTAL_INVESTMENT: usize = 11;
    pub(crate) const CREDITING_PERIOD: usize = 12;
    pub(crate) const COAL_RATE: usize = 13;
}

/// Projects (`绿色项目`, workbook-v2 §9): one row per financed green
/// project. `crediting_period` and `coal_rate_gce_per_kwh` extend the
/// contract.
pub(crate) static PROJECTS: SheetSpec = SheetSpec {
    sheet: InputSheet::Projects,
    aliases: &["绿色项目", "Green projects"],
    columns: &[
        col(Field::ProjectId, true, &["项目编号", "项目代码", "project"]),
        col(Field::Kind, true, &["项目类型", "项目类别", "类型", "project_kind"]),
        col(Field::GridRegion, false, &["电网区域", "电网", "区域电网", "grid"]),
        col(Field::Year, false, &["年度", "年份"]),
        col(Field::NetGenerationMwh, false, &["上网电量", "净上网电量", "net_generation"]),
        col(Field::BaselineT, false, &["基准线排放", "基准线排放量", "baseline"]),
        col(Field::ProjectT, false, &["项目排放", "项目排放量", "project_emissions"]),
        col(Field::EnergySavedTce, false, &["节约标准煤", "节能量", "energy_saved"]),
        col(Field::OmFactor, false, &["电量边际排放因子", "OM", "ef_om"]),
        col(Field::BmFactor, false, &["容量边际排放因子", "BM", "ef_bm"]),
        col(Field::LoanBalance, false, &["贷款余额", "余额"]),
        col(Field::TotalInvestment, false, &["项目总投资", "总投资"]),
        col(Field::CreditingPeriod, false, &["计入期"]),
        col(Field::CoalRateGcePerKwh, false, &["供电煤耗", "供电标准煤耗", "coal_rate"]),
    ],
};

/// Column indices of the Organisation sheet.
pub(crate) mod org {
    pub(crate) const FIELD: usize = 0;
    pub(crate) const VALUE: usize = 1;
}

/// Organisation (`组织`): two columns, `field` and `value`.
pub(crate) static ORGANISATION: SheetSpec = SheetSpec {
    sheet: InputSheet::Organisation,
    aliases: &["组织", "Organization", "组织信息", "企业信息"],
    columns: &[
        col(Field::Field, true, &["字段", "项目", "参数", "key", "item", "setting"]),
        col(Field::Value, true, &["值", "内容", "数值", "取值"]),
    ],
};

/// A field of the Organisation sheet.
#[derive(Debug)]
pub(crate) struct OrgField {
    /// Its name.
    pub(crate) name: Field,
    /// Whether the book must give it.
    pub(crate) required: bool,
    /// Other accepted names.
    pub(crate) aliases: &'static [&'static str],
}

const fn field(name: Field, required: bool, aliases: &'static [&'static str]) -> OrgField {
    OrgField { name, required, aliases }
}

/// The fields of the Organisation sheet, in the order of [`super::organisation`].
pub(crate) static ORG_FIELDS: &[OrgField] = &[
    field(Field::Name, true, &["名称", "企业名称", "单位名称", "组织名称", "organisation", "organization", "company"]),
    field(Field::ReportingYear, true, &["报告年度", "报告年份", "核算年度", "year"]),
    field(Field::Methodology, false, &["核算方法", "方法学", "method"]),
    field(Field::Gwp, false, &["全球变暖潜势", "gwp_set"]),
    field(Field::Currency, false, &["币种", "货币"]),
    field(Field::ElectricityBasis, false, &["电力折标方式", "电力折标准煤方式"]),
    field(Field::ElectricityTcePerMwh, false, &["电力折标系数", "电力折标准煤系数"]),
    field(Field::ElectricityBasisSource, false, &["电力折标系数来源"]),
    field(Field::BaseYear, false, &["基准年"]),
    field(Field::BaseYearTcePer10kOutputValue, false, &["基准年万元产值能耗", "基准年万元产值综合能耗"]),
    field(Field::BaseYearTCo2ePer10kOutputValue, false, &["基准年万元产值碳排放", "基准年万元产值二氧化碳排放"]),
    field(Field::TargetYear, false, &["目标年"]),
    field(Field::TargetTcePer10kOutputValue, false, &["目标万元产值能耗", "目标万元产值综合能耗"]),
    field(Field::TargetTCo2ePer10kOutputValue, false, &["目标万元产值碳排放", "目标万元产值二氧化碳排放"]),
    field(Field::Scope2MarketUncovered, false, &["市场法未覆盖电量", "基于市场的未覆盖电量", "market_uncovered"]),
];

/// The spec of every sheet read by `read_setup`, then Activities.
#[cfg(test)]
pub(crate) static ALL: [&SheetSpec; 13] = [
    &ORGANISATION,
    &FACILITIES,
    &FACTORS,
    &PRODUCTION,
    &TRADING,
    &ACTIVITIES,
    &REFRIGERANTS,
    &TRANSACTIONS,
    &CBAM_GOODS,
    &CBAM_PRECURSORS,
    &CBAM_IMPORTS,
    &PORTFOLIO,
    &PROJECTS,
];

/// The spec of an input sheet.
pub(crate) fn spec(sheet: InputSheet) -> &'static SheetSpec {
    match sheet {
        InputSheet::Organisation => &ORGANISATION,
        InputSheet::Facilities => &FACILITIES,
        InputSheet::Activities => &ACTIVITIES,
        InputSheet::Production => &PRODUCTION,
        InputSheet::Factors => &FACTORS,
        InputSheet::Trading => &TRADING,
        InputSheet::Refrigerants => &REFRIGERANTS,
        InputSheet::Transactions => &TRANSACTIONS,
        InputSheet::CbamGoods => &CBAM_GOODS,
        InputSheet::CbamPrecursors => &CBAM_PRECURSORS,
        InputSheet::CbamImports => &CBAM_IMPORTS,
        InputSheet::Portfolio => &PORTFOLIO,
        InputSheet::Projects => &PROJECTS,
    }
}

/// A slot per input sheet.
pub(crate) const fn sheet_index(sheet: InputSheet) -> usize {
    match sheet {
        InputSheet::Organisation => 0,
        InputSheet::Facilities => 1,
        InputSheet::Factors => 2,
        InputSheet::Production => 3,
        InputSheet::Trading => 4,
        InputSheet::Activities => 5,
        InputSheet::Refrigerants => 6,
        InputSheet::Transactions => 7,
        InputSheet::CbamGoods => 8,
        InputSheet::CbamPrecursors => 9,
        InputSheet::CbamImports => 10,
        InputSheet::Portfolio => 11,
        InputSheet::Projects => 12,
    }
}

/// The form a sheet or header name is compared in (see the module docs).
pub(crate) fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0u32;
    let mut pending_sep = false;
    let name = name.trim_start_matches(|c: char| super::number::is_space(c) || c == '\'');
    for c in name.chars() {
        let c = super::number::half_width(c);
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '*' | '^' | ':' | '：' | '†' | '‡' => {}
            _ if super::number::is_space(c) || c == '_' || c == '-' || c == '–' => pending_sep = true,
            _ => {
                if pending_sep && !out.is_empty() {
                    out.push('_');
                }
                pending_sep = false;
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// The bracketed text of a header (`t` in `Quantity (t)`), if any.
pub(crate) fn bracketed(name: &str) -> Option<&str> {
    let open = name.find(['(', '（', '[', '【'])?;
    let rest = &name[open..];
    let first = rest.chars().next()?;
    let inner = &rest[first.len_utf8()..];
    let close = inner.find([')', '）', ']', '】'])?;
    let t = inner[..close].trim();
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise() {
        assert_eq!(normalise("  Facility ID "), "facility_id");
        assert_eq!(normalise("facility-id"), "facility_id");
        assert_eq!(normalise("Quantity (t)"), "quantity");
        assert_eq!(normalise("quantity [t]"), "quantity");
        assert_eq!(normalise("数量（吨）"), "数量");
        assert_eq!(normalise("设施ID"), "设施id");
        assert_eq!(normalise("Ｑｕａｎｔｉｔｙ"), "quantity");
        assert_eq!(normalise("facility_id *"), "facility_id");
        assert_eq!(normalise("'Reporting   Year"), "reporting_year");
        assert_eq!(normalise("NCV\nunit"), "ncv_unit");
        assert_eq!(bracketed("Quantity (t)"), Some("t"));
        assert_eq!(bracketed("低位发热量（GJ/t）"), Some("GJ/t"));
        assert_eq!(bracketed("quantity"), None);
    }

    #[test]
    fn index_constants_name_their_columns() {
        let check = |spec: &SheetSpec, pairs: &[(usize, &str)]| {
            for (i, name) in pairs {
                assert_eq!(spec.columns[*i].field.name(), *name);
            }
        };
        check(&FACILITIES, &[(fac::FACILITY_ID, "facility_id"), (fac::NAME, "name"), (fac::COUNTRY, "country")]);
        check(&FACILITIES, &[(fac::GRID_REGION, "grid_region"), (fac::SECTOR, "sector")]);
        check(&ACTIVITIES, &[(act::FACILITY_ID, "facility_id"), (act::SOURCE, "source"), (act::ACTIVITY, "activity")]);
        check(&ACTIVITIES, &[(act::QUANTITY, "quantity"), (act::UNIT, "unit"), (act::PERIOD, "period")]);
        check(&ACTIVITIES, &[(act::NCV, "ncv"), (act::NCV_UNIT, "ncv_unit"), (act::CARBON_CONTENT, "carbon_content")]);
        check(
            &ACTIVITIES,
            &[(act::OXIDATION_FACTOR, "oxidation_factor"), (act::CONTRACTUAL_FACTOR, "contractual_factor")],
        );
        check(
            &PRODUCTION,
            &[(prod::FACILITY_ID, "facility_id"), (prod::PRODUCT, "product"), (prod::QUANTITY, "quantity")],
        );
        check(&PRODUCTION, &[(prod::UNIT, "unit"), (prod::OUTPUT_VALUE, "output_value"), (prod::PERIOD, "period")]);
        check(
            &FACTORS,
            &[(fct::FACTOR_KEY, "factor_key"), (fct::GAS, "gas"), (fct::VALUE, "value"), (fct::UNIT, "unit")],
        );
        check(&FACTORS, &[(fct::SOURCE, "source"), (fct::TCE_PER_UNIT, "tce_per_unit")]);
        check(&TRADING, &[(trd::SCHEME, "scheme"), (trd::FACILITY_ID, "facility_id"), (trd::YEAR, "year")]);
        check(&TRADING, &[(trd::ALLOCATED, "allocated"), (trd::BENCHMARK, "benchmark")]);
        check(&TRADING, &[(trd::BENCHMARK_OUTPUT, "benchmark_output"), (trd::CORRECTION_FACTOR, "correction_factor")]);
        check(&TRADING, &[(trd::VERIFIED_EMISSIONS, "verified_emissions"), (trd::PURCHASED, "purchased")]);
        check(&TRADING, &[(trd::SOLD, "sold"), (trd::OFFSETS, "offsets"), (trd::PRICE, "price")]);
        check(&TRADING, &[(trd::PENALTY_PER_T, "penalty_per_t")]);
        check(&ORGANISATION, &[(org::FIELD, "field"), (org::VALUE, "value")]);
        let cbam = |spec: &SheetSpec, names: &[&str]| {
            assert_eq!(spec.columns.iter().map(|c| c.field.name()).collect::<Vec<_>>(), names);
        };
        cbam(
            &CBAM_GOODS,
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
        );
        assert_eq!((cbg::GOOD_ID, cbg::ELECTRICITY_FACTOR, cbg::QUANTITY_T), (0, 9, 6));
        cbam(&CBAM_PRECURSORS, &["good_id", "precursor", "mass_t", "see_direct", "see_indirect", "source", "cn_code"]);
        assert_eq!((cbp::SOURCE, cbp::CN_CODE), (5, 6));
        cbam(
            &CBAM_IMPORTS,
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
        );
        assert_eq!((cbi::YEAR, cbi::CARBON_PRICE_PAID, cbi::CSCF), (0, 12, 10));
    }

    #[test]
    fn no_name_is_claimed_twice_within_a_sheet() {
        for spec in ALL {
            let mut seen = std::collections::HashMap::new();
            for (i, c) in spec.columns.iter().enumerate() {
                for n in std::iter::once(&c.field.name()).chain(c.aliases) {
                    if let Some(j) = seen.insert(normalise(n), i) {
                        assert_eq!(i, j, "{n} in {}", spec.sheet);
                    }
                }
            }
        }
        let mut seen = std::collections::HashMap::new();
        for (i, f) in ORG_FIELDS.iter().enumerate() {
            for n in std::iter::once(&f.name.name()).chain(f.aliases) {
                assert!(seen.insert(normalise(n), i).is_none(), "{n}");
            }
        }
        let mut sheets = std::collections::HashMap::new();
        for spec in ALL {
            for n in std::iter::once(&spec.sheet.name()).chain(spec.aliases) {
                assert!(sheets.insert(normalise(n), spec.sheet).is_none(), "{n}");
            }
        }
    }

    #[test]
    fn chinese_aliases() {
        assert_eq!(ACTIVITIES.column_named("消耗量"), Some(act::QUANTITY));
        assert_eq!(ACTIVITIES.column_named("燃料品种"), Some(act::ACTIVITY));
        assert_eq!(ACTIVITIES.column_named("设施ID"), Some(act::FACILITY_ID));
        assert_eq!(ACTIVITIES.column_named("低位发热量 (GJ/t)"), Some(act::NCV));
        assert_eq!(FACTORS.column_named("来源"), Some(fct::SOURCE));
        assert_eq!(TRADING.column_named("配额"), Some(trd::ALLOCATED));
        assert!(ACTIVITIES.matches_sheet(" 活动数据 "));
        assert!(ORGANISATION.matches_sheet("organization"));
        assert!(!ORGANISATION.matches_sheet("Organisations"));
    }
}
