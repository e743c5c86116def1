//! The one table of translations: every label and sentence a report
//! prints, in Chinese and English, keyed by [`Label`].
//!
//! Builders and renderers never hold text of their own: they ask this
//! table. A sentence with data has `{}` placeholders, filled in order by
//! [`Label::fill`].
//!
//! ```
//! use carbonbook_report::Lang;
//! use carbonbook_report::labels::Label;
//! assert_eq!(Label::Scope1.text(Lang::Zh), "范围一（直接排放）");
//! assert_eq!(Label::Scope1.text(Lang::En), "Scope 1");
//! assert_eq!(Label::TitleInventory.fill(Lang::En, &[&2024]), "Greenhouse gas inventory 2024");
//! ```

use std::fmt::Display;

use carbonbook_core::factors::Parameter;
use carbonbook_core::scope::SourceCategory;

use crate::options::Lang;

macro_rules! labels {
    ($( $variant:ident => $zh:literal, $en:literal; )*) => {
        /// A label or sentence of a report (see the module docs). Each
        /// variant's English text is its documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Label {
            $( #[doc = $en] $variant, )*
        }

        impl Label {
            /// Every label, in table order.
            pub const ALL: &'static [Label] = &[$(Label::$variant),*];

            /// The text in `lang`.
            pub const fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Label::$variant, Lang::Zh) => $zh, (Label::$variant, Lang::En) => $en, )*
                }
            }
        }
    };
}

impl Label {
    /// The text in `lang` with each `{}` replaced by the next argument;
    /// placeholders without an argument stay as they are.
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        let text = self.text(lang);
        let mut out = String::with_capacity(text.len() + 16);
        let mut args = args.iter();
        let mut rest = text;
        while let Some(at) = rest.find("{}") {
            out.push_str(&rest[..at]);
            match args.next() {
                Some(a) => out.push_str(&a.to_string()),
                None => out.push_str("{}"),
            }
            rest = &rest[at + 2..];
        }
        out.push_str(rest);
        out
    }

    /// The label of a source category.
    pub const fn source(s: SourceCategory) -> Label {
        match s {
            SourceCategory::StationaryCombustion => Label::SourceStationary,
            SourceCategory::MobileCombustion => Label::SourceMobile,
            SourceCategory::Process => Label::SourceProcess,
            SourceCategory::Fugitive => Label::SourceFugitive,
            SourceCategory::PurchasedElectricity => Label::SourcePurchasedElectricity,
            SourceCategory::PurchasedHeat => Label::SourcePurchasedHeat,
            SourceCategory::ExportedElectricity => Label::SourceExportedElectricity,
            SourceCategory::ExportedHeat => Label::SourceExportedHeat,
        }
    }

    /// The label of a factor's parameter; an emission factor's has a `{}`
    /// for the gas.
    pub const fn parameter(p: &Parameter) -> Label {
        match p {
            Parameter::NetCalorificValue => Label::ParamNcv,
            Parameter::HigherHeatingValue => Label::ParamHhv,
            Parameter::CarbonContent => Label::ParamCarbonContent,
            Parameter::OxidationFactor => Label::ParamOxidation,
            Parameter::EmissionFactor(_) => Label::ParamEmissionFactor,
            Parameter::StandardCoalCoefficient => Label::ParamStandardCoal,
            _ => Label::ParamOther,
        }
    }
}

labels! {
    // Titles of the four kinds.
    TitleInventory => "{}年度温室气体排放清单", "Greenhouse gas inventory {}";
    TitleCnGhg => "企业温室气体排放报告（{}年度）", "Enterprise greenhouse gas emission report {} (GB/T 32150)";
    TitleEnergy => "{}年度能源消费与能效报告", "Energy consumption and intensity report {} (GB/T 2589)";
    TitleEts => "{}年度碳排放权交易履约报告", "Emissions trading compliance statement {}";

    // Section titles.
    OrganisationAndBoundary => "组织与边界", "Organisation and boundary";
    OrganisationTitle => "报告主体", "Reporting entity";
    MethodologyTitle => "核算方法", "Methodology";
    EmissionsSummaryTitle => "排放汇总", "Emissions summary";
    Scope1Title => "范围一：按排放源类别和气体", "Scope 1 by source category and gas";
    Scope2Title => "范围二：基于位置与基于市场", "Scope 2: location-based and market-based";
    FacilitiesTitle => "按设施", "By facility";
    IntensityTitle => "排放与能耗强度", "Intensities";
    BaseYearTitle => "与基准年比较", "Comparison with the base year";
    TargetTitle => "与强度目标比较", "Comparison with the target";
    ActivityDataTitle => "活动数据", "Activity data";
    FactorsTitle => "排放因子与参数", "Emission factors and parameters";
    WarningsAndExclusions => "附录：警告与排除事项", "Annex: warnings and exclusions";
    WarningsAnnex => "附录：计算警告", "Annex: calculation warnings";
    EnterpriseTitle => "企业基本情况", "Basic information of the enterprise";
    MeasuredNcv => "实测：{} GJ/{}", "measured: {} GJ/{}";
    DerivedFactor => "{} tCO2/{}（由排放量与消费量计算）", "{} tCO2/{} (derived: emissions ÷ consumption)";
    NoneListed => "无", "none";
    GhgpRequirements => "GHG Protocol 企业标准报告要求", "GHG Protocol Corporate Standard reporting requirements";
    GasesReported => "温室气体种类（京都议定书七种）", "Gases (the seven Kyoto gases)";
    GasesReportedValue => "有排放：{}；未计：{}（所用方法学不计该气体，或无相应活动数据）", "emitted: {}; not estimated: {} (the methodology does not count them, or the book has no activity for them)";
    ConsolidationApproach => "合并方法", "Consolidation approach";
    ConsolidationNotStated => "数据簿未说明（清单包括其所列全部设施）", "not stated in the book (the inventory covers every facility it lists)";
    BaseYearFact => "基准年", "Base year";
    BaseYearNone => "数据簿未设定基准年", "none set in the book";
    BaseYearGiven => "{}年（基准年排放按同一方法由数据簿中该年的行计算）", "{} (its emissions computed from the book's rows of that year, by the same method)";
    BaseYearIntensityOnly => "{}年（仅给出强度；数据簿无该年的活动数据）", "{} (intensities only; the book has no activity rows of that year)";
    Scope3Fact => "范围三", "Scope 3";
    Scope3NotIncluded => "不包括（见附录中的排除事项）", "not included (see the exclusions in the annex)";
    CnEntityTitle => "报告主体基本信息", "Basic information of the reporting entity";
    CnTotalsTitle => "温室气体排放量汇总", "Summary of greenhouse gas emissions";
    CnActivityTitle => "活动数据及来源", "Activity data and their sources";
    CnFactorsTitle => "排放因子数据及来源", "Emission factors and their sources";
    CnProductionTitle => "生产及产值信息", "Production and output value";
    CnOtherTitle => "其他说明", "Other information";
    CnDeclarationTitle => "真实性声明", "Declaration of truthfulness";
    CnActivitySource => "活动数据取自 {}，按设施、排放源类别、活动和单位汇总；各表的“所用因子”列引用第四部分的因子编号。", "Activity data are taken from {}, summed by facility, source category, activity and unit; the factors column of each table refers to the factor numbers of part 4.";
    CnFactorsIntro => "下表列出核算所用的每一个缺省因子与参数，及其文件、版本、表号与发布年份；企业实测的参数在第三部分的表中标为“实测”。", "The table lists every default factor and parameter used, with its document, edition, table and year of publication; parameters the enterprise measured are marked “measured” in the tables of part 3.";
    CnDeclaration => "本报告主体郑重声明：本报告所提供的温室气体排放数据及相关信息真实、准确、完整，如有不实，愿承担相应责任。", "The reporting entity solemnly declares that the greenhouse gas emission data and information in this report are true, accurate and complete, and accepts responsibility for any misstatement.";
    LegalRepresentative => "法定代表人（签字）", "Legal representative (signature)";
    EntitySeal => "报告主体（盖章）", "Reporting entity (seal)";
    SignatureDate => "日期", "Date";
    SignatureBlank => "＿＿＿＿＿＿＿＿＿＿", "____________________";
    DateBlank => "＿＿＿＿年＿＿月＿＿日", "____-__-__";
    BoundaryTitle => "核算边界", "Accounting boundary";
    CombustionTitle => "化石燃料燃烧排放", "Emissions from fossil fuel combustion";
    ProcessTitle => "过程排放", "Process emissions";
    PurchasedTitle => "购入的电力和热力排放", "Emissions from purchased electricity and heat";
    TotalsTitle => "排放量汇总", "Summary of emissions";
    ActivityAndFactorsTitle => "活动数据与排放因子", "Activity data and emission factors";
    ConversionBasisTitle => "折算依据", "Conversion basis";
    CarriersTitle => "分品种能源消费", "Energy consumption by carrier";
    ComprehensiveTitle => "综合能源消费量", "Comprehensive energy consumption";
    EnergyIntensityTitle => "能耗强度", "Energy intensity";
    RulesTitle => "适用规则", "Rules applied";
    PositionsTitle => "履约情况", "Compliance positions";
    StatementsTitle => "分设施履约明细", "Statements per line";

    // Facts.
    ReportingEntity => "报告主体", "Reporting entity";
    ReportingPeriod => "报告期", "Reporting period";
    PeriodOfYear => "{}年1月1日至12月31日", "1 January to 31 December {}";
    Facilities => "设施", "Facilities";
    SourceBook => "数据来源", "Source book";
    Currency => "货币", "Currency";
    Methodology => "核算方法", "Methodology";
    GwpSet => "全球变暖潜势", "Global warming potentials";
    GwpSetValue => "IPCC {}，100年", "IPCC {}, 100-year";
    Scope2Methods => "范围二核算方法", "Scope 2 methods";
    Scope2MethodsValue => "基于位置（电网平均排放因子）与基于市场（合同排放因子；无合同因子时采用基于位置的数值）双重报告", "dual reporting: location-based (grid average factors) and market-based (contractual factors; the location-based figure where a row has none)";
    ElectricityBasis => "电力折标准煤口径", "Electricity to standard coal";
    ElectricityEquivalentValue => "当量值，{} 千克标准煤/千瓦时（{}）", "equivalent value (当量值), {} kgce/kWh ({})";
    ElectricityEqualValue => "等价值，{} 吨标准煤/兆瓦时（{}）", "equal value (等价值), {} tce/MWh ({})";
    SourcesCovered => "排放源类别", "Source categories";
    GasesCovered => "温室气体种类", "Greenhouse gases";
    Standard => "标准", "Standard";
    Gbt2589 => "GB/T 2589-2020《综合能耗计算通则》", "GB/T 2589-2020 General rules for calculation of the comprehensive energy consumption";
    StandardCoalDefinition => "标准煤", "Standard coal";
    StandardCoalDefinitionValue => "1 千克标准煤 = 29307.6 千焦（7000 千卡）", "1 kgce = 29,307.6 kJ (7,000 kcal)";
    ConversionRule => "折算方法", "Conversion";
    ConversionRuleValue => "有实测低位发热量的按实测值折算（能量 ÷ 29.3076 GJ/tce），否则采用附录A参考折标系数", "by the measured net calorific value where given (energy ÷ 29.3076 GJ/tce), otherwise by the reference coefficient of Appendix A";

    // Paragraphs.
    BoundaryInventory => "本清单的组织边界为数据簿所列的 {} 个设施，涵盖范围一（直接排放）和范围二（外购电力和热力的间接排放）。", "The inventory covers the {} facilities listed in the book, with Scope 1 (direct emissions) and Scope 2 (indirect emissions of purchased electricity and heat).";
    BoundaryCnGhg => "核算边界为企业的 {} 个设施（{}）的化石燃料燃烧排放、过程排放及购入的电力和热力产生的排放。", "The boundary is the enterprise's {} facilities ({}): fossil fuel combustion, process emissions and the emissions of purchased electricity and heat.";
    DualReportingIntro => "范围二同时按基于位置和基于市场两种方法报告（GHG Protocol 范围二指南，2015）。", "Scope 2 is reported both location-based and market-based (GHG Protocol Scope 2 Guidance, 2015).";
    BaseYearIntro => "基准年为 {} 年，报告年为 {} 年。", "The base year is {}; the reporting year is {}.";
    BaseYearNotComparable => "基准年强度或本年产值缺失，无法比较。", "The base-year intensities or this year's output value are missing: no comparison can be made.";
    NoBaseYear => "数据簿未给出基准年。", "The book gives no base year.";
    TargetIntro => "强度目标的目标年为 {} 年，报告年为 {} 年。", "The intensity targets are for {}; the reporting year is {}.";
    TargetNotComparable => "目标强度或本年产值缺失，无法比较。", "The target intensities or this year's output value are missing: no comparison can be made.";
    NoTarget => "数据簿未给出强度目标。", "The book gives no intensity target.";
    NoProcess => "报告期内无过程排放。", "No process emissions in the reporting period.";
    NoTrading => "数据簿无碳交易数据。", "The book has no trading lines.";
    NoWarnings => "无警告。", "No warnings.";
    WarningsIntro => "计算产生 {} 条警告（注明所在工作表及单元格；个别警告暂无中文表述的，保留英文原文）：", "The calculation gave {} warning(s), each with the sheet and cell it is about:";
    ExclusionsIntro => "排除事项：", "Exclusions:";
    ExcludedScope3 => "不包括范围三（其他间接排放）。", "Scope 3 (other indirect emissions) is not included.";
    ExcludedSources => "无活动数据的排放源类别：{}。", "Source categories without activity data: {}.";
    ExcludedFacilities => "无活动数据的设施：{}。", "Facilities without activity data: {}.";
    ComprehensiveIntro => "综合能源消费量为报告期内实际消费的各种能源折算为标准煤后的总和。", "Comprehensive energy consumption is the sum of every energy carrier used in the period, converted to standard coal.";
    PositionFormula => "履约盈缺 = 免费配额 + 购入 − 售出 + 可抵销的核证减排量 − 核查排放量（未给出核查值时为由台账计算的核算排放量）；负数为缺口。", "Position = allocated + purchased − sold + offsets counted − verified emissions (where the book gives none, the emissions accounted from the ledger); a negative position is a shortfall.";
    AllocationNote => "免费配额为数据簿所给数值，或按基准值 × 基准产出 × 修正系数计算；各履约单元的计算见其配额确定表。", "Free allocation is as given in the book, or benchmark × benchmark output × correction factor; each line's allocation table shows how it was built.";
    RulesCnEts => "全国碳市场：可使用CCER抵销不超过应清缴配额（核查排放量）的5%（《碳排放权交易管理办法（试行）》第二十九条）；未给出核查排放量时，以设施当年范围一二氧化碳排放核算。", "CN-ETS: CCER offsets count up to 5 % of the allowances due, i.e. of verified emissions (MEE Order No. 19, Art. 29); where the book gives no verified figure, the facility's Scope 1 CO2 of the year is accounted instead.";
    RulesEuEts => "欧盟碳市场：第四阶段（2021–2030）不接受国际抵销信用；超额排放罚款默认每吨100欧元（指令2003/87/EC第16(3)条），且仍须清缴配额。", "EU ETS: phase 4 (2021–2030) accepts no international credits; the excess-emissions penalty defaults to EUR 100 per t (Directive 2003/87/EC Art. 16(3)) and the obligation to surrender remains.";

    // Table captions.
    ScopeSummaryCaption => "范围一和范围二排放量（双重报告）", "Scope 1 and Scope 2 emissions (dual reporting)";
    Scope1BySourceCaption => "范围一排放：按排放源类别和气体", "Scope 1 emissions by source category and gas";
    ByGasCaption => "按气体排放量（范围一和基于位置的范围二）", "Emissions by gas (Scope 1 and location-based Scope 2)";
    Scope2Caption => "范围二排放：按设施和能源", "Scope 2 emissions by facility and carrier";
    FacilitiesCaption => "各设施排放量与能耗", "Emissions and energy by facility";
    IntensityCaption => "单位产值强度", "Intensities per 10,000 of output value";
    ProductsCaption => "单位产品强度", "Intensities per unit of product";
    BaseYearCaption => "强度与基准年比较", "Intensities against the base year";
    TargetCaption => "强度与目标比较", "Intensities against the target";
    FacilityListCaption => "设施清单", "Facilities";
    AllocationCaption => "免费配额的确定：{}", "How the free allocation was built: {}";
    ActivityDataCaption => "活动数据汇总（按设施、排放源、活动和单位）", "Activity data by facility, source, activity and unit";
    FactorTableCaption => "所用排放因子与参数及其来源", "Factors and parameters used, with their sources";
    BoundaryCaption => "各设施的排放源类别", "Source categories per facility";
    CombustionCaption => "化石燃料燃烧：活动数据、参数与排放量", "Fossil fuel combustion: activity data, parameters and emissions";
    ProcessCaption => "过程排放：活动数据、排放因子与排放量", "Process emissions: activity data, factors and emissions";
    PurchasedCaption => "购入的电力和热力：活动数据、排放因子与排放量", "Purchased electricity and heat: activity data, factors and emissions";
    TotalsCaption => "企业温室气体排放量汇总", "Summary of the enterprise's greenhouse gas emissions";
    CarriersCaption => "分品种能源消费量（实物量与折标准煤）", "Energy consumption by carrier (physical units and standard coal)";
    ComprehensiveCaption => "各设施综合能源消费量", "Comprehensive energy consumption by facility";
    PositionsCaption => "各履约单元的配额盈缺", "Positions per scheme, facility and year";
    BalanceCaption => "配额平衡：{}", "Allowance balance: {}";
    ComplianceCaption => "抵销、缺口与费用：{}", "Offsets, shortfall and cost: {}";

    // Column headers and row labels.
    Scope => "范围", "Scope";
    Scope1 => "范围一（直接排放）", "Scope 1";
    Scope2 => "范围二（能源间接排放）", "Scope 2";
    Scope2Location => "范围二（基于位置）", "Scope 2 location-based";
    Scope2Market => "范围二（基于市场）", "Scope 2 market-based";
    LocationBased => "基于位置", "Location-based";
    MarketBased => "基于市场", "Market-based";
    TotalScope12 => "合计（范围一 + 范围二）", "Total (Scope 1 + Scope 2)";
    BiogenicMemo => "备忘项：生物质燃烧 CO2（t CO2，不计入范围）", "Memo: biogenic CO2 (t CO2, outside the scopes)";
    TotalScope1 => "范围一合计", "Total Scope 1";
    TotalScope2 => "范围二合计", "Total Scope 2";
    TotalLocation => "合计（基于位置）", "Total location-based";
    TotalMarket => "合计（基于市场）", "Total market-based";
    TotalEnterprise => "企业温室气体排放总量", "Total greenhouse gas emissions of the enterprise";
    Total => "合计", "Total";
    WholeOrganisation => "全企业", "Whole organisation";
    RoundingDifference => "修约差额", "Rounding difference";
    Facility => "设施", "Facility";
    SourceCategory => "排放源类别", "Source category";
    Activity => "活动", "Activity";
    ActivityData => "活动数据", "Activity data";
    Quantity => "数量", "Quantity";
    Consumption => "消费量", "Consumption";
    Unit => "单位", "Unit";
    Energy => "能耗", "Energy";
    EnergyContent => "热量", "Energy content";
    StandardCoal => "折标准煤", "Standard coal";
    ConversionCoefficient => "折标系数", "Conversion coefficient";
    Carrier => "能源品种", "Carrier";
    Fuel => "燃料品种", "Fuel";
    Emissions => "排放量", "Emissions";
    EmissionsLocation => "排放量（基于位置）", "Emissions, location-based";
    EmissionsMarket => "排放量（基于市场）", "Emissions, market-based";
    Factors => "所用因子", "Factors";
    Gas => "气体", "Gas";
    MassOfGas => "气体质量", "Mass of gas";
    Co2 => "二氧化碳", "CO2";
    Ncv => "低位发热量", "Net calorific value";
    CarbonContent => "单位热值含碳量", "Carbon content";
    OxidationRate => "碳氧化率", "Oxidation rate";
    EmissionFactor => "排放因子", "Emission factor";
    OutputValue => "产值", "Output value";
    TcePer10k => "单位产值能耗", "Energy per 10,000 of output value";
    CarbonPer10kLocation => "单位产值碳排放（基于位置）", "Emissions per 10,000 of output value, location-based";
    CarbonPer10kMarket => "单位产值碳排放（基于市场）", "Emissions per 10,000 of output value, market-based";
    Per10kUnit => "万{}", "10^4 {}";
    Product => "产品", "Product";
    Share => "分摊比例", "Share";
    TcePerUnit => "单位产品能耗", "Energy per unit";
    CarbonPerUnit => "单位产品碳排放", "Emissions per unit";
    PerProductUnit => "产品单位", "product unit";
    Indicator => "指标", "Indicator";
    YearN => "{}年", "{}";
    Change => "变化", "Change";
    TargetYearN => "{}年目标", "Target {}";
    AboveTarget => "高于（+）/低于（−）目标", "Above (+) / below (−) target";
    FacilityName => "设施名称", "Name";
    Sector => "行业", "Sector";
    GridRegion => "电网区域", "Grid region";
    GridNational => "全国平均（默认）", "national average (default)";
    Item => "项目", "Item";
    Value => "数值", "Value";
    FactorNo => "编号", "No.";
    FactorId => "因子标识", "Factor id";
    FactorName => "名称", "Name";
    Parameter => "参数", "Parameter";
    Source => "来源", "Source";
    Published => "发布年份", "Published";
    Validity => "适用年份", "Applies to";
    Confirmation => "核实等级", "Confirmed";
    ComprehensiveEnergy => "综合能源消费量", "Comprehensive energy consumption";
    Scheme => "交易体系", "Scheme";
    ComplianceYear => "履约年度", "Year";
    Allocated => "免费配额", "Free allocation";
    AllocatedGiven => "免费配额（数据簿所给数值）", "Free allocation (as given in the book)";
    AllocatedBenchmark => "免费配额 = 基准值 × 基准产出 × 修正系数", "Free allocation = benchmark × benchmark output × correction factor";
    Benchmark => "基准值", "Benchmark";
    BenchmarkUnit => "吨/单位产出", "t per unit of output";
    BenchmarkOutput => "基准产出", "Benchmark output";
    OutputUnits => "单位产出", "units of output";
    CorrectionFactor => "修正系数", "Correction factor";
    PriceUsed => "配额价格", "Allowance price used";
    PenaltyPerT => "超额排放罚款单价", "Excess-emissions penalty per t";
    PerTonne => "{}/吨", "{}/t";
    NotGiven => "未给出", "not given";
    Verified => "核查排放量", "Verified emissions";
    VerifiedNegative => "核查排放量（−）", "Verified emissions (−)";
    Accounted => "核算排放量", "Accounted emissions (computed)";
    AccountedNegative => "核算排放量（−）", "Accounted emissions, computed (−)";
    VerifiedOrAccounted => "核查/核算排放量", "Verified or accounted emissions";
    Purchased => "购入配额", "Purchased";
    SoldNegative => "售出配额（−）", "Sold (−)";
    OffsetsCounted => "可抵销的核证减排量", "Offsets counted";
    OffsetsRefused => "超限不予抵销量", "Offsets refused";
    OffsetsSurrendered => "提交的抵销量", "Offsets surrendered";
    OffsetLimit => "抵销上限（核查排放量的 {}%）", "Offset limit ({} % of verified emissions)";
    Position => "盈缺", "Position";
    Shortfall => "缺口", "Shortfall";
    ShortfallCost => "补足缺口费用", "Shortfall cost";
    Penalty => "罚款", "Penalty";
    Allowances => "配额", "Allowances";
    Measured => "实测", "measured";
    NotComputed => "—", "—";
    NotCounted => "不计", "not counted";
    ByCalorificValue => "按低位发热量", "by calorific value";
    NoActivityData => "无活动数据", "no activity data";
    PurchasedElectricityEmissions => "购入的电力产生的排放", "Emissions of purchased electricity";
    PurchasedHeatEmissions => "购入的热力产生的排放", "Emissions of purchased heat";
    Category => "类别", "Category";

    // Source categories.
    SourceStationary => "固定燃烧", "Stationary combustion";
    SourceMobile => "移动燃烧", "Mobile combustion";
    SourceProcess => "过程排放", "Process";
    SourceFugitive => "逸散排放", "Fugitive";
    SourcePurchasedElectricity => "购入电力", "Purchased electricity";
    SourcePurchasedHeat => "购入热力", "Purchased heat";
    SourceExportedElectricity => "输出电力", "Exported electricity";
    SourceExportedHeat => "输出热力", "Exported heat";
    ScopeExported => "输出的电力、热力（扣减）", "Exported electricity and heat (deducted)";
    TotalNet => "扣减输出的电力、热力后的合计", "Total less exported electricity and heat";

    // Factor parameters.
    ParamNcv => "低位发热量", "Net calorific value";
    ParamHhv => "高位发热量", "Higher heating value";
    ParamCarbonContent => "单位热值含碳量", "Carbon content per unit heat";
    ParamOxidation => "碳氧化率", "Oxidation rate";
    ParamEmissionFactor => "{}排放因子", "{} emission factor";
    ParamStandardCoal => "折标准煤系数", "Standard coal coefficient";
    ParamOther => "其他参数", "Other parameter";

    // Charts.
    ChartScopeSplit => "范围一与范围二排放构成（基于位置）", "Emissions by scope (Scope 2 location-based)";
    ChartFacilities => "各设施排放量", "Emissions by facility";
    ChartEnergyMix => "能源消费结构", "Energy mix";
    ChartIntensityTrend => "强度变化趋势", "Intensity trend";
    ChartCategories => "排放构成", "Emissions by category";
    ChartPositions => "配额盈缺", "Positions";

    // Notes.
    NoteReconciliation => "“{}”列：各项修约后之和为 {}，合计按精确值修约为 {}，差额列为“修约差额”。", "Column “{}”: the shown parts add to {}; the total, rounded from the exact sum, is {}. The rounding difference line reconciles them.";
    NoteRowReconciliation => "“{}”行的“{}”按精确值修约为 {}，各项修约后之和为 {}，差额由修约引起。", "Row “{}”: “{}” is {}, rounded from the exact sum; the shown parts add to {}. The difference is rounding.";
    NoteFactorsPublished => "因子数值按发布值列示，不作修约。", "Factor values are shown as published, not rounded.";
    NoteConfirmationGrades => "核实等级：A 取自发布文件；B 引自引用该文件的二次来源；C 多个独立转录一致；user 为用户提供。", "Confirmed: A read from the published document; B quoted by a source citing it; C independent transcriptions agree; user supplied by the user.";
    NoteMarketScope1 => "范围一的基于市场数值与基于位置数值相同。", "For Scope 1 the market-based figure equals the location-based one.";
    NoteMarketFallback => "无合同排放因子的购入电力，其基于市场的数值采用基于位置的数值；购入热力两者相同。", "Purchased electricity without a contractual factor uses the location-based figure market-based; for heat the two are the same.";
    NoteMarketResidual => "无合同排放因子的购入电力，其基于市场的数值采用公布的剩余因子（中国：全国电力平均二氧化碳排放因子（不包括市场化交易的非化石能源电量））；未公布剩余因子的电网采用基于位置的数值（见警告）；购入热力两者相同。", "Purchased electricity without a contractual factor uses the published residual factor market-based (China: the national average excluding market-traded non-fossil power); where a grid has none, the location-based figure (see the warnings); for heat the two are the same.";
    NoteGwp => "二氧化碳当量按 IPCC {} 100年全球变暖潜势折算。", "CO2e by the IPCC {} 100-year global warming potentials.";
    NoteIntensity => "强度 = 排放量或能耗 ÷（产值 ÷ 10000）；碳排放强度采用总排放量。", "Intensity = emissions or energy ÷ (output value ÷ 10,000), using total emissions.";
    NoteShare => "多产品设施按产值比例分摊排放和能耗（ISO 14044 §4.3.4.2 经济分配）。", "A facility with several products shares its totals among them by output value (economic allocation, ISO 14044 §4.3.4.2).";
    NoteChange => "变化（%）=（本年 − 基准年）÷ 基准年 × 100，负数表示下降。", "Change (%) = (this year − base year) ÷ base year × 100; negative is a reduction.";
    NoteTarget => "高于目标（%）=（本年 − 目标）÷ 目标 × 100，正数表示高于目标，负数表示已低于目标。", "Above target (%) = (this year − target) ÷ target × 100; positive is above the target, negative below it.";
    NotePublishedParameters => "基准值、基准产出和修正系数按数据簿所给数值列示，不作修约。", "Benchmark, benchmark output and correction factor are shown as given in the book, not rounded.";
    NoteCombustionFormula => "排放量 = 消费量 × 低位发热量 × 单位热值含碳量 × 碳氧化率 × 44/12（GB/T 32150-2015）。", "Emissions = consumption × net calorific value × carbon content × oxidation rate × 44/12 (GB/T 32150-2015).";
    NoteMeasured => "“实测”表示该参数在全部行中采用企业实测值；部分行实测时列示缺省值并在因子表中引用。", "“measured” means every row used the enterprise's own measurement; where only some did, the default is shown and cited.";
    NoteProcessFormula => "排放量 = 活动数据 × 排放因子 × 全球变暖潜势。", "Emissions = activity data × emission factor × GWP.";
    NotePurchasedFormula => "排放量 = 购入量 × 排放因子。", "Emissions = quantity purchased × emission factor.";
    NoteTotalsLocation => "购入电力按基于位置的排放因子计入总量；基于市场的数值见下表。", "Purchased electricity counts location-based in the total; the market-based figures follow.";
    NoteElectricityBasis => "电力折标准煤采用{}。", "Electricity is converted to standard coal on the {} basis.";
    NoteEnergyContent => "热量按低位发热量计；无发热量的品种计为0。", "Energy content on the net calorific value basis; carriers without one count 0.";
    NotePositionSign => "盈缺为负表示配额缺口。", "A negative position is a shortfall.";
    VerifiedComputed => "核算排放量由台账按该体系覆盖范围计算，未经第三方核查。", "Accounted emissions computed from the ledger by the scheme's coverage, not verified by a third party.";
    VerifiedGiven => "核查排放量为数据簿所给的核查值。", "Verified emissions as given in the book.";
    NoteShortfall => "缺口须在履约期内补足；罚款不免除清缴义务。", "A shortfall must still be made good; a penalty does not discharge the obligation to surrender.";
    StepRow => "{}（第{}行）", "{} (row {})";
    StepUnitRow => "{}（机组 {}，第{}行）", "{} (unit {}, row {})";
    NoteSteps => "各步骤按分配方案的公式计算；配额向下取整，调峰修正系数四舍五入保留6位小数。", "Each step follows the plan's formula; allocations are rounded down to whole tonnes, Ff to 6 decimals.";
    FineLow => "罚款下限（5倍碳价）", "Fine, low end (5 × price)";
    FineHigh => "罚款上限（10倍碳价）", "Fine, high end (10 × price)";
    AllocationCut => "拒不改正时下一年度配额核减量", "Next year's allocation cut if not made good";
    NoteCnFine => "罚款为清缴截止前1个月市场平均成交价格的5至10倍（《碳排放权交易管理暂行条例》第二十四条），按所填价格计算。", "The fine is 5–10 × the average price of the month before the deadline (State Council Order 775, Art. 24), computed at the price given.";
    AccountCaption => "配额账户：{}", "Allowance account: {}";
    HoldingsEnd => "期末持有配额", "Allowances held at the end";
    HoldingsVintage => "其中 {} 年度配额", "of which vintage {}";
    AverageCost => "移动平均成本", "Moving-average cost";
    Realised => "已实现损益", "Realised result";
    Unrealised => "未实现损益（按碳价）", "Unrealised result (at the price)";
    DeadlineDue => "应清缴配额（截止 {}）", "Due by {}";
    SurrenderedByDeadline => "截止日前已清缴配额", "Surrendered by the deadline";
    OffsetsByDeadline => "截止日前已使用抵销量", "Offsets surrendered by the deadline";
    SurrenderedLate => "逾期清缴配额", "Surrendered after the deadline";
    OutstandingAtDeadline => "截止日未清缴配额", "Outstanding at the deadline";
    HoldingsAtDeadline => "截止日持有配额", "Held at the deadline";
    NoteFreeAtZeroCost => "免费配额按零成本计入移动平均成本；卖出、清缴和转出按当时的平均成本转出。", "Free allocation enters the moving-average cost at zero cost; sales, surrenders and transfers out leave at the average cost of the moment.";

    // Rounding.
    RoundingRuleSentence => "数字修约至小数点后 {} 位，{}。", "Figures are rounded to {} decimal places, {}.";
    RoundingRuleOther => "数字修约规则：{}。", "Rounding: {}.";
    ModeHalfAwayFromZero => "四舍五入", "half away from zero (四舍五入)";
    ModeHalfEven => "四舍六入五成双", "half to even";
    ModeTowardZero => "向零截断", "toward zero";
    ModeAwayFromZero => "远离零进位", "away from zero";

    // Document furniture.
    Contents => "目录", "Contents";
    GeneratedBy => "由 {} 生成", "Generated by {}";
    Notes => "注", "Notes";
    ChartData => "图表数据：{}", "Chart data: {}";
    // EU CBAM (the `cbam` kind).
    TitleCbam => "{}年度欧盟碳边境调节机制（CBAM）隐含排放报告", "EU CBAM embedded emissions report {}";
    CbamRulesTitle => "方法与规则", "Method and rules";
    CbamSeeFormula => "单位产品隐含排放（SEE）=（归属排放 + Σ 前体消耗量 × 前体SEE）÷ 活动水平，直接与间接分别计算（实施条例(EU) 2025/2547附件III）。", "Specific embedded emissions (SEE) = (attributed emissions + Σ precursor mass × precursor SEE) ÷ activity level, direct and indirect apart (Implementing Regulation (EU) 2025/2547, Annex III).";
    CbamAnnexIINote => "间接排放仅对条例(EU) 2023/956附件II未列明的产品计入（水泥、化肥、烧结铁矿石）；前体的间接排放在前体不属附件II产品时计入（实施条例2025/2547附件I第3.1节）。所有产品均列示间接排放。", "Indirect emissions count only for goods not listed in Annex II of Regulation (EU) 2023/956 (cement, fertilisers, agglomerated iron ore); a precursor's count when the precursor is not an Annex II good (IR 2025/2547 Annex I §3.1). Indirect emissions are shown for every good.";
    CbamImporterFormula => "隐含排放 = 进口量 × SEE（实际值、本数据簿的计算值，或默认值 ×（1 + 当年加成））；免费配额调整 = CBAM系数 × 跨行业修正系数 × 基准值 × 进口量；应缴证书 = max(0, 隐含排放 − 免费配额调整 − 抵扣)。", "Embedded emissions = quantity × SEE (actual, this book's figure, or default value × (1 + the year's mark-up)); free-allocation adjustment = CBAM factor × CSCF × benchmark × quantity; certificates due = max(0, embedded − adjustment − deduction).";
    CbamFloorNote => "证书数不低于0为推断，条例未规定负数清缴。", "Flooring certificates at 0 is an inference: no rule provides for a negative surrender.";
    CbamSourcesNote => "内置数值及来源：{}", "Built-in values and sources: {}";
    CbamInstallationTitle => "生产设施向进口商提供的数据", "The installation's communication to importers";
    CbamGoodsCaption => "产品的单位隐含排放", "Specific embedded emissions of the goods";
    CbamPrecursorsCaption => "前体", "Precursors";
    CbamElectricityCaption => "电力消耗与排放因子", "Electricity consumed and emission factors";
    CbamMethodsCaption => "直接排放的确定方法", "How direct emissions were determined";
    CbamCarbonPriceNote => "数据簿未给出生产设施应付的碳价；如适用，请在通报模板Summary_Products（AL–AR列）中填写。", "The book gives no carbon price due at the installation; where one applies, state it in the communication template (Summary_Products, columns AL–AR).";
    CbamNoGoods => "数据簿无CBAM产品。", "The book has no CBAM goods.";
    CbamImporterTitle => "进口商汇总", "The importer's summary";
    CbamImportsCaption => "进口记录：隐含排放、免费配额调整与证书", "Import lines: embedded emissions, free-allocation adjustment and certificates";
    CbamParametersCaption => "调整参数", "Adjustment parameters";
    CbamDeMinimisCaption => "50吨豁免门槛（条例第2a条）", "The 50 t de minimis test (Art. 2a)";
    CbamNoImports => "数据簿无CBAM进口记录。", "The book has no CBAM import lines.";
    CbamCarbonPriceCaption => "原产国应付碳价（每吨产品）", "Carbon price due in the country of origin (per t of good)";
    CbamCarbonPrice => "碳价", "Carbon price";
    CbamCovered => "覆盖的内含排放", "Embedded emissions covered";
    CbamFreeShare => "免费配额覆盖比例", "Share covered by free allocation";
    CbamPriceDue => "应付碳价", "Carbon price due";
    CbamRebate => "免费配额返还", "Rebate (free allocation)";
    CbamEffectivePrice => "实际应付碳价", "Effective carbon price due";
    CbamBuiltInNote => "数据簿中留空的缺省值、基准值、跨行业修正系数和证书价格采用公布值（实施条例 (EU) 2025/2621 附件一、(EU) 2025/2620 附件、实施决定 (EU) 2026/1862、欧盟委员会公布的季度证书价格），警告中列出相关行。", "Default values, benchmarks, CSCFs and certificate prices the book left blank are the published ones (IR (EU) 2025/2621 Annex I, IR (EU) 2025/2620 Annex, Implementing Decision (EU) 2026/1862, the Commission's quarterly certificate price); the warnings name the lines.";
    CbamCarbonPriceRule => "按数据簿中该设施当年的碳排放权交易账户计算：覆盖的内含排放为在本设施产生的排放（自身归属直接排放及本设施生产的前体），应付碳价 = 碳价 × 覆盖排放；免费配额按（分配量 ÷ 核查排放量，至多为1）视为返还。依据为第9条实施细则草案（Ares(2026)4841230，尚未通过）：草案口径，仅供参考。", "From the installation's trading account of the year in the book: the embedded emissions covered are those emitted at the installation (its own attributed direct emissions and those of precursors made there); price due = price × covered; free allocation is a rebate on the share allocated ÷ verified (at most 1). This follows the draft implementing act under Art. 9 (Ares(2026)4841230, not adopted): a draft figure.";
    CbamDraftDeduction => "原产国已付碳价的抵扣依据尚未通过的第9条实施细则草案计算，仅供参考。", "The deduction for a carbon price paid follows the draft implementing act under Art. 9 (not adopted): a draft figure.";
    CbamGood => "产品", "Good";
    CbamCnCode => "CN编码", "CN code";
    CbamCategory => "类别", "Category";
    CbamRoute => "生产路线", "Production route";
    CbamActivityLevel => "活动水平", "Activity level";
    CbamSeeDirect => "单位直接隐含排放", "SEE direct";
    CbamSeeIndirect => "单位间接隐含排放", "SEE indirect";
    CbamSeeTotal => "单位隐含排放（计入CBAM）", "SEE total (counted)";
    CbamEmbedded => "隐含排放", "Embedded emissions";
    CbamPrecursor => "前体", "Precursor";
    CbamMass => "消耗量", "Mass consumed";
    CbamDirectContribution => "直接排放贡献", "Direct contribution";
    CbamIndirectContribution => "间接排放贡献", "Indirect contribution";
    CbamElectricity => "耗电量", "Electricity";
    CbamElectricityFactor => "电力排放因子", "Electricity factor";
    CbamFactorSource => "因子来源", "Factor source";
    CbamIndirectAttributed => "归属间接排放", "Attributed indirect emissions";
    CbamDirectAttributed => "归属直接排放", "Attributed direct emissions";
    CbamMethod => "方法", "Method";
    CbamDirectGiven => "数据簿给出", "given in the book";
    CbamDirectShared => "设施范围一排放按产量分摊（份额 {}）", "the facility's Scope 1 shared by quantity (share {})";
    CbamFactorGiven => "数据簿给出", "given in the book";
    CbamNoElectricity => "无", "none";
    CbamRow => "行", "Row";
    CbamQuarter => "季度", "Quarter";
    CbamQuantity => "进口量", "Quantity";
    CbamSeeUsed => "采用的SEE", "SEE used";
    CbamSeeBasis => "SEE来源", "SEE from";
    CbamFaa => "免费配额调整", "Free-allocation adjustment";
    CbamDeduction => "已付碳价抵扣", "Deduction for carbon price paid";
    CbamCertificates => "应缴证书", "Certificates due";
    CbamPrice => "证书价格", "Certificate price";
    CbamCost => "费用", "Cost";
    CbamFactor => "CBAM系数", "CBAM factor";
    CbamCscf => "跨行业修正系数", "CSCF";
    CbamBenchmark => "基准值", "Benchmark";
    CbamMarkup => "默认值加成", "Mark-up";
    CbamDefaultValue => "默认值", "Default value";
    CbamDeMinimisMass => "钢铁、铝、化肥、水泥进口量", "Iron and steel, aluminium, fertilisers and cement imported";
    CbamThreshold => "门槛", "Threshold";
    CbamExempt => "是否豁免", "Exempt";
    CbamYes => "是", "yes";
    CbamNo => "否", "no";
    CbamTotal => "合计", "Total";
    CbamBasisActual => "实际值", "actual";
    CbamBasisBook => "本数据簿计算值", "this book";
    CbamBasisDefault => "默认值", "default";
    CbamYear => "年度", "Year";
    CbamOrigin => "原产国", "Origin";
    CbamInstallation => "生产设施", "Installation";

    // Green finance (`finance`, workbook-v2 §9).
    TitleFinance => "{}年度融资排放与绿色信贷环境效益报告", "Financed emissions and green-loan benefits {}";
    FinanceMethodTitle => "核算方法", "Methods";
    FinancePcafMethod => "融资排放按 PCAF《金融业温室气体核算与报告标准》A 部分：融资排放（第三版，2025 年 12 月）核算：融资排放 = Σ 归因因子 × 交易对手排放，归因因子 = 未偿余额 ÷ 资产类别对应的分母。范围一和范围二合计列示，范围三单独列示（6.1 节）。", "Financed emissions follow the PCAF Global GHG Accounting and Reporting Standard Part A: Financed Emissions (third edition, December 2025): financed emissions = Σ attribution factor × the counterparty's emissions, the attribution factor = outstanding amount ÷ the denominator of the asset class. Scopes 1 and 2 are added up; Scope 3 is shown apart (6.1).";
    FinanceDqMethod => "数据质量评分 1（最好）至 5，按各资产类别的评分表；组合评分按未偿余额加权：Σ(余额 × 评分) ÷ Σ 余额（6.1 节）。", "Data quality is scored 1 (best) to 5 by each asset class's own table; the portfolio's score is weighted by outstanding amount: Σ(outstanding × score) ÷ Σ outstanding (6.1).";
    FinanceProjectMethod => "项目碳减排量 = 基准线排放 − 项目排放；未给出基准线时 = 上网电量 × 组合边际排放因子（w_OM × OM + w_BM × BM，CDM 方法学工具 07）− 项目排放。电网平均排放因子不代替 OM/BM。贷款归因减排量 = 减排量 × 贷款余额 ÷ 项目总投资。避免排放不计入融资排放。", "A project's reduction = baseline − project emissions; without a baseline, net generation × the combined margin (w_OM × OM + w_BM × BM, CDM tool 07) − project emissions. The grid's average factor never stands in for OM or BM. Reduction attributed to the loan = reduction × loan balance ÷ total investment. Avoided emissions are not part of financed emissions.";
    FinancedTitle => "融资排放（PCAF）", "Financed emissions (PCAF)";
    FinancedByClassCaption => "按资产类别的融资排放", "Financed emissions by asset class";
    FinancedExposuresCaption => "按敞口的融资排放", "Financed emissions by exposure";
    FinancedKeyCaption => "组合合计", "Portfolio totals";
    AssetClassCol => "资产类别", "Asset class";
    PcafSection => "PCAF 章节", "PCAF section";
    AttributionMethod => "归因方法（分母）", "Attribution (denominator)";
    ExposureCount => "敞口数", "Exposures";
    Outstanding => "未偿余额", "Outstanding";
    FinancedScope12 => "融资排放（范围一和二）", "Financed emissions (Scopes 1 and 2)";
    FinancedScope3 => "融资排放（范围三，单独列示）", "Financed emissions (Scope 3, apart)";
    WeightedDq => "加权数据质量评分", "Weighted data-quality score";
    PerMillionInvested => "每百万投资融资排放", "Financed emissions per million invested";
    ExposureCol => "敞口", "Exposure";
    CounterpartyCol => "交易对手", "Counterparty";
    AttributionFactor => "归因因子", "Attribution factor";
    DataQualityScore => "数据质量评分", "Data-quality score";
    PcafOptionCol => "PCAF 选项", "PCAF option";
    ChartFinanced => "按资产类别的融资排放", "Financed emissions by asset class";
    BenefitsTitle => "绿色信贷环境效益", "Green-loan environmental benefits";
    BenefitsCaption => "绿色项目碳减排量与节约标准煤", "Emission reductions and standard coal saved by green projects";
    ProjectCol => "项目", "Project";
    ProjectKindCol => "项目类型", "Kind";
    ReductionMethodCol => "测算方法", "Method";
    ReductionCol => "碳减排量", "Emission reduction";
    LoanShareCol => "贷款占比", "Loan share";
    AttributedReductionCol => "贷款归因碳减排量", "Reduction attributed to the loan";
    CoalSavedCol => "节约标准煤", "Standard coal saved";
    AttributedCoalCol => "贷款归因节约标准煤", "Standard coal saved attributed to the loan";
    MethodBaseline => "基准线 − 项目排放", "baseline − project";
    MethodCombinedMargin => "上网电量 × 组合边际（OM {}，BM {}）", "net generation × combined margin (OM {}, BM {})";
    NoFinance => "数据簿无投资组合或绿色项目数据。", "The book has no Portfolio or Projects rows.";
    NoteScope3Apart => "范围三融资排放单独列示，不计入合计（PCAF 6.1 节）。", "Financed Scope 3 is shown apart and not added to the total (PCAF 6.1).";
    NoteDqBlank => "未评分的敞口不计入加权评分。", "Exposures without a score are left out of the weighted score.";
    AssetListedEquity => "上市股权", "Listed equity";
    AssetCorporateBond => "公司债券", "Corporate bonds";
    AssetBusinessLoan => "企业贷款", "Business loans";
    AssetUnlistedEquity => "非上市股权", "Unlisted equity";
    AssetProjectFinance => "项目融资", "Project finance";
    AssetCommercialRealEstate => "商业地产", "Commercial real estate";
    AssetMortgage => "住房按揭贷款", "Mortgages";
    AssetMotorVehicleLoan => "机动车贷款", "Motor vehicle loans";
    AssetSovereignDebt => "主权债务", "Sovereign debt";
    DenomEvic => "含现金企业价值（EVIC）", "EVIC";
    DenomEquityDebt => "所有者权益 + 负债", "total equity + debt";
    DenomProperty => "发放时房产价值", "property value at origination";
    DenomVehicle => "发放时车辆价值", "vehicle value at origination";
    DenomPppGdp => "购买力平价 GDP", "PPP-adjusted GDP";
    DenomUnknownVehicle => "车辆价值未知：按 100%", "vehicle value unknown: 100 %";
    KindSolar => "光伏", "solar";
    KindWind => "风电", "wind";
    KindHydro => "水电", "hydro";
    KindEnergySaving => "节能", "energy saving";
    KindOther => "其他", "other";
}

#[cfg(test)]
mod tests {
    use super::Label;
    use crate::options::Lang;

    #[test]
    fn every_label_has_both_languages_with_the_same_placeholders() {
        for l in Label::ALL {
            let (zh, en) = (l.text(Lang::Zh), l.text(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty(), "{l:?}");
            assert_eq!(zh.matches("{}").count(), en.matches("{}").count(), "{l:?}");
        }
    }

    #[test]
    fn fill_keeps_placeholders_it_has_no_argument_for() {
        assert_eq!(Label::ElectricityEqualValue.fill(Lang::En, &[&1]), "equal value (等价值), 1 tce/MWh ({})");
    }
}
