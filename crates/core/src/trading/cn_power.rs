//! CN-ETS power sector: the allocation the published plan of the year gives
//! (`allocation_method = cn-power`, workbook-v2 §6).
//!
//! A unit's allocation is power plus heat:
//!
//! ```text
//! A = Ae + Ah,   Ae = Qe × Be × Ff,   Ah = Qh × Bh
//! ```
//!
//! with Qe the unit's electricity (MWh), Be the power benchmark of its class
//! (t CO2/MWh), Ff the correction, Qh the heat supplied (GJ) and Bh the heat
//! benchmark (t CO2/GJ). The entity's allocation is the sum of its units.
//!
//! The plans differ in what they allocate on and how they correct:
//!
//! | plan | basis of Qe | correction | exemptions |
//! |---|---|---|---|
//! | 2019–2020, 2021–2022 | electricity **supplied** (供电量) | cooling, heat ratio and load corrections: not in the library (the plan texts were not read), given on the row as `correction_factor` | not applied (text not read; a warning says so) |
//! | 2023–2024 (国环规气候〔2024〕1号) | electricity **generated** (发电量) | peak-shaving factor Ff for conventional coal (classes I, II): F < 65 % → 1.015^(16 − 20F), else 1 | gas units topped up to verified emissions; the entity to 80 % of verified emissions |
//! | 2025–2026 (consultation draft) | generated | Ff for conventional coal: F < 50 % → 7.254 − 0.633 (1 − e^(−F/29.822)) − 5.643 (1 − e^(−F/6.871)), F in %; else 1 | as 2023–2024 |
//!
//! **Rounding.** Ff is rounded half away from zero to 6 decimals and the
//! power, heat, unit and top-up allocations are rounded down to whole
//! tonnes, as the 2025–2026 plan's data tables prescribe (附2 表2-1 note 2,
//! 表2-5 note 3). The 2023–2024 plan prints no rounding rule; the same rule
//! is applied and each step says so.
//!
//! **The Ff exponent of 2023–2024.** The extracted text of 附3 表1 prints
//! `1.015(16-20F)` with the superscript lost and says F is "in %". Read
//! with F as a fraction, `1.015^(16−20F)` is the load correction of
//! GB 21258-2017 that the plan cites, and it matches the published
//! illustration that a unit at 49 % load gets 9.7 % more (1.015^6.2 =
//! 1.0967, China Energy Portal on the same row of the 2019–2020 plan); read
//! with F in percent it would be ≈ 0 for any load. F ≥ 65 % gives 1 (only
//! one row is printed).
//!
//! ```
//! use carbonbook_core::trading::cn_power::{PowerUnit, UnitClass, allocate};
//! use rust_decimal_macros::dec;
//! // A class I unit in 2024 at 60 % load: Ff = 1.015^(16 − 12) = 1.061364 (6 places).
//! let mut unit = PowerUnit::new(UnitClass::I);
//! unit.generation_mwh = Some(dec!(3000000));
//! unit.heat_gj = Some(dec!(1000000));
//! unit.load_factor = Some(dec!(0.60));
//! let a = allocate(2024, &[(Some(5), &unit)], dec!(2600000))?;
//! // Ae = ⌊3000000 × 0.7910 × 1.061364⌋ = 2518616; Ah = 1000000 × 0.1033 = 103300.
//! assert_eq!(a.allocated_t, dec!(2621916));
//! # Ok::<(), carbonbook_core::trading::AllocationError>(())
//! ```

use crate::field::Field;
use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, MathematicalOps, RoundingStrategy};
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use super::account::AllocationError;
use super::steps::{AllocationStep, Step};
use crate::arithmetic;
use crate::factors::Confirmation;

/// The unit classes of the plans (附1 of the 2023–2024 plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum UnitClass {
    /// Conventional coal, "300MW 等级以上" (rated ≥ 400 MW in the 2023–2024 plan).
    I,
    /// Conventional coal, "300MW 等级及以下" (rated < 400 MW).
    II,
    /// Unconventional coal: gangue, slime, coal-water slurry (incl. CFB).
    III,
    /// Gas.
    IV,
}

impl UnitClass {
    /// Whether the unit burns coal (classes I–III).
    pub const fn is_coal(self) -> bool {
        !matches!(self, UnitClass::IV)
    }

    /// Whether the peak-shaving correction applies (conventional coal).
    pub const fn is_conventional_coal(self) -> bool {
        matches!(self, UnitClass::I | UnitClass::II)
    }

    /// `I` … `IV`.
    pub const fn code(self) -> &'static str {
        match self {
            UnitClass::I => "I",
            UnitClass::II => "II",
            UnitClass::III => "III",
            UnitClass::IV => "IV",
        }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for UnitClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Text that names no unit class.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown unit class \"{found}\"; accepted: I, II, III, IV (or 1–4)")]
pub struct UnitClassError {
    /// The text found.
    pub found: String,
}

impl FromStr for UnitClass {
    type Err = UnitClassError;

    /// `I`–`IV`, `1`–`4` or the Unicode Roman numerals `Ⅰ`–`Ⅳ`.
    ///
    /// ```
    /// use carbonbook_core::trading::cn_power::UnitClass;
    /// assert_eq!("iii".parse::<UnitClass>()?, UnitClass::III);
    /// assert_eq!("Ⅳ".parse::<UnitClass>()?, UnitClass::IV);
    /// assert!("V".parse::<UnitClass>().is_err());
    /// # Ok::<(), carbonbook_core::trading::cn_power::UnitClassError>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "I" | "1" | "Ⅰ" => Ok(UnitClass::I),
            "II" | "2" | "Ⅱ" => Ok(UnitClass::II),
            "III" | "3" | "Ⅲ" => Ok(UnitClass::III),
            "IV" | "4" | "Ⅳ" => Ok(UnitClass::IV),
            _ => Err(UnitClassError { found: s.to_owned() }),
        }
    }
}

/// Whether a plan is in force or a consultation draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Issued.
    Final,
    /// Published for consultation; values may change.
    Draft,
}

/// What a plan's power benchmark is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputBasis {
    /// Electricity supplied (供电量), 2019–2022.
    Supply,
    /// Electricity generated (发电量), from 2023.
    Generation,
}

/// How a plan corrects the power allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Correction {
    /// The library holds none of the plan's corrections: the row gives
    /// their product.
    Given,
    /// 2023–2024: F < 65 % → 1.015^(16 − 20F).
    PeakShaving2023,
    /// 2025–2026 draft: F < 50 % → the exponential form of 表2.
    PeakShaving2025,
}

/// The benchmarks of one year: power by class, heat for coal and gas units.
#[derive(Debug, Clone, Copy)]
struct YearBenchmarks {
    year: i32,
    power: [Option<Decimal>; 4],
    heat_coal: Option<Decimal>,
    heat_gas: Option<Decimal>,
}

/// A CN-ETS power allocation plan.
#[derive(Debug)]
pub struct PowerPlan {
    /// The plan's title.
    pub title: &'static str,
    /// The document number, if issued.
    pub reference: &'static str,
    /// Where the benchmarks are printed.
    pub table: &'static str,
    /// The years it covers.
    pub years: (i32, i32),
    /// In force or draft.
    pub status: PlanStatus,
    /// What Qe is.
    pub basis: OutputBasis,
    /// How the benchmarks were confirmed.
    pub confirmation: Confirmation,
    /// Whether the gas-unit and 80 % entity exemptions are applied (their
    /// text was read).
    pub exemptions: bool,
    /// The pre-allocation share of the previous year's verified emissions
    /// the plan sets (at most), if its text was read.
    pub pre_allocation_share: Option<Decimal>,
    correction: Correction,
    benchmarks: &'static [YearBenchmarks],
}

impl PowerPlan {
    /// "《…》 (国环规气候〔2024〕1号), 附2".
    pub fn citation(&self) -> String {
        let mut s = self.title.to_owned();
        if !self.reference.is_empty() {
            s.push_str(&format!(" ({})", self.reference));
        }
        s.push_str(&format!(", {}", self.table));
        if self.status == PlanStatus::Draft {
            s.push_str(", consultation draft");
        }
        s.push_str(&format!(", grade {}", self.confirmation.grade()));
        s
    }

    fn year(&self, year: i32) -> Option<&YearBenchmarks> {
        self.benchmarks.iter().find(|b| b.year == year)
    }

    /// The power benchmark of a class in a year (t CO2/MWh), if the library
    /// holds it.
    ///
    /// ```
    /// use carbonbook_core::trading::cn_power::{plan, UnitClass};
    /// use rust_decimal_macros::dec;
    /// let p = plan(2023).unwrap();
    /// assert_eq!(p.power_benchmark(2023, UnitClass::IV), Some(dec!(0.3305)));
    /// ```
    pub fn power_benchmark(&self, year: i32, class: UnitClass) -> Option<Decimal> {
        self.year(year)?.power[class.index()]
    }

    /// The heat benchmark of a class in a year (t CO2/GJ), if held.
    pub fn heat_benchmark(&self, year: i32, class: UnitClass) -> Option<Decimal> {
        let y = self.year(year)?;
        if class.is_coal() { y.heat_coal } else { y.heat_gas }
    }
}

const fn b(v: Decimal) -> Option<Decimal> {
    Some(v)
}

/// 2019–2020: ICAP's transcription of the plan (node/731) and the Trivium
/// China table (29 Mar 2023) agree; supply basis.
static PLAN_2019_2020: PowerPlan = PowerPlan {
    title: "《2019—2020年全国碳排放权交易配额总量设定与分配实施方案（发电行业）》",
    reference: "国环规气候〔2020〕3号",
    table: "附件1 benchmarks (供电基准值, 供热基准值), as transcribed by ICAP and Trivium China",
    years: (2019, 2020),
    status: PlanStatus::Final,
    basis: OutputBasis::Supply,
    confirmation: Confirmation::Transcribed,
    exemptions: false,
    pre_allocation_share: None,
    correction: Correction::Given,
    benchmarks: &[
        YearBenchmarks {
            year: 2019,
            power: [b(dec!(0.877)), b(dec!(0.979)), b(dec!(1.146)), b(dec!(0.392))],
            heat_coal: b(dec!(0.126)),
            heat_gas: b(dec!(0.059)),
        },
        YearBenchmarks {
            year: 2020,
            power: [b(dec!(0.877)), b(dec!(0.979)), b(dec!(1.146)), b(dec!(0.392))],
            heat_coal: b(dec!(0.126)),
            heat_gas: b(dec!(0.059)),
        },
    ],
};

/// 2021–2022: classes I, II and IV agree in two transcriptions (Trivium
/// China table; a research model's constants); class III and the heat
/// benchmarks were seen once and are left out.
static PLAN_2021_2022: PowerPlan = PowerPlan {
    title: "《2021、2022年度全国碳排放权交易配额总量设定与分配实施方案（发电行业）》",
    reference: "国环规气候〔2023〕1号",
    table: "供电基准值 of classes I, II, IV, as transcribed by Trivium China and a second independent table",
    years: (2021, 2022),
    status: PlanStatus::Final,
    basis: OutputBasis::Supply,
    confirmation: Confirmation::Transcribed,
    exemptions: false,
    pre_allocation_share: None,
    correction: Correction::Given,
    benchmarks: &[
        YearBenchmarks {
            year: 2021,
            power: [b(dec!(0.8218)), b(dec!(0.8773)), None, b(dec!(0.392))],
            heat_coal: None,
            heat_gas: None,
        },
        YearBenchmarks {
            year: 2022,
            power: [b(dec!(0.8177)), b(dec!(0.8729)), None, b(dec!(0.3901))],
            heat_coal: None,
            heat_gas: None,
        },
    ],
};

/// 2023–2024: read in the plan (gov.cn PDF, 附2).
static PLAN_2023_2024: PowerPlan = PowerPlan {
    title: "《2023、2024年度全国碳排放权交易发电行业配额总量和分配方案》",
    reference: "国环规气候〔2024〕1号",
    table: "附2 各类别机组碳排放基准值; 附3, 附4; 五(三) 豁免机制",
    years: (2023, 2024),
    status: PlanStatus::Final,
    basis: OutputBasis::Generation,
    confirmation: Confirmation::Primary,
    exemptions: true,
    pre_allocation_share: Some(dec!(0.70)),
    correction: Correction::PeakShaving2023,
    benchmarks: &[
        YearBenchmarks {
            year: 2023,
            power: [b(dec!(0.7950)), b(dec!(0.8090)), b(dec!(0.8285)), b(dec!(0.3305))],
            heat_coal: b(dec!(0.1038)),
            heat_gas: b(dec!(0.0536)),
        },
        YearBenchmarks {
            year: 2024,
            power: [b(dec!(0.7910)), b(dec!(0.8049)), b(dec!(0.8244)), b(dec!(0.3288))],
            heat_coal: b(dec!(0.1033)),
            heat_gas: b(dec!(0.0533)),
        },
    ],
};

/// 2025–2026: the MEE consultation draft (表1, 表2), read in its text.
static PLAN_2025_2026: PowerPlan = PowerPlan {
    title: "《全国碳排放权交易市场2025、2026年度发电行业以及2026年度钢铁、水泥、铝冶炼行业配额总量和分配方案（征求意见稿）》",
    reference: "",
    table: "表1 2024—2026年度各类别机组碳排放基准值; 表2; 三(一)4 豁免机制",
    years: (2025, 2026),
    status: PlanStatus::Draft,
    basis: OutputBasis::Generation,
    confirmation: Confirmation::Primary,
    exemptions: true,
    pre_allocation_share: Some(dec!(0.50)),
    correction: Correction::PeakShaving2025,
    benchmarks: &[
        YearBenchmarks {
            year: 2025,
            power: [b(dec!(0.7902)), b(dec!(0.8017)), b(dec!(0.8162)), b(dec!(0.3288))],
            heat_coal: b(dec!(0.1027)),
            heat_gas: b(dec!(0.0533)),
        },
        YearBenchmarks {
            year: 2026,
            power: [b(dec!(0.7894)), b(dec!(0.7985)), b(dec!(0.8080)), b(dec!(0.3288))],
            heat_coal: b(dec!(0.1021)),
            heat_gas: b(dec!(0.0533)),
        },
    ],
};

static PLANS: [&PowerPlan; 4] = [&PLAN_2019_2020, &PLAN_2021_2022, &PLAN_2023_2024, &PLAN_2025_2026];

/// The plan of a compliance year, if the library holds one.
///
/// ```
/// use carbonbook_core::trading::cn_power::{plan, OutputBasis, PlanStatus};
/// assert_eq!(plan(2022).unwrap().basis, OutputBasis::Supply);
/// assert_eq!(plan(2024).unwrap().basis, OutputBasis::Generation);
/// assert_eq!(plan(2026).unwrap().status, PlanStatus::Draft);
/// assert!(plan(2018).is_none());
/// ```
pub fn plan(year: i32) -> Option<&'static PowerPlan> {
    PLANS.iter().copied().find(|p| (p.years.0..=p.years.1).contains(&year))
}

/// One generating unit's data (a Trading row with `allocation_method =
/// cn-power`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PowerUnit {
    /// The unit's name, for the steps.
    pub unit_id: Option<String>,
    /// Its class; `None` only while a row is being read.
    pub class: Option<UnitClass>,
    /// Electricity generated, MWh (plans from 2023).
    pub generation_mwh: Option<Decimal>,
    /// Electricity supplied, MWh (plans of 2019–2022).
    pub supply_mwh: Option<Decimal>,
    /// Heat supplied, GJ.
    pub heat_gj: Option<Decimal>,
    /// Annual load (output) factor, a fraction.
    pub load_factor: Option<Decimal>,
    /// The product of the plan's correction factors, where the library
    /// does not hold them (2019–2022).
    pub correction: Option<Decimal>,
    /// The unit's own verified emissions (for the gas-unit top-up when an
    /// account has several units).
    pub verified_t: Option<Decimal>,
}

impl PowerUnit {
    /// A unit of a class with no data yet.
    pub fn new(class: UnitClass) -> PowerUnit {
        PowerUnit { class: Some(class), ..PowerUnit::default() }
    }
}

/// A computed power allocation: every step and the entity's figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PowerAllocation {
    /// The plan applied.
    pub plan: &'static PowerPlan,
    /// Each unit's allocation, by row.
    pub units: Vec<(Option<u32>, Decimal)>,
    /// The steps, unit by unit, then the entity's.
    pub steps: Vec<AllocationStep>,
    /// The entity's allocation, t.
    pub allocated_t: Decimal,
    /// What the caller should be told (a draft plan, rules not applied).
    pub notes: Vec<super::Notice>,
}

impl PartialEq for PowerPlan {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
impl Eq for PowerPlan {}

const ROUND_DOWN: &str = "rounded down to whole tonnes";

fn floor(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity)
}

/// The peak-shaving factor of a plan for a load factor (a fraction),
/// rounded half away from zero to 6 decimals.
///
/// ```
/// use carbonbook_core::trading::cn_power::peak_shaving_factor;
/// use rust_decimal_macros::dec;
/// // 2023–2024 plan, 附3 表1: F = 49 % → 1.015^(16 − 9.8) = 1.015^6.2.
/// assert_eq!(peak_shaving_factor(2024, dec!(0.49)), Some(dec!(1.096704)));
/// assert_eq!(peak_shaving_factor(2024, dec!(0.65)), Some(dec!(1)));
/// // 2025–2026 draft, 表2: F = 40 %.
/// assert_eq!(peak_shaving_factor(2025, dec!(0.40)), Some(dec!(1.160254)));
/// assert_eq!(peak_shaving_factor(2025, dec!(0.50)), Some(dec!(1)));
/// // 2019–2022: not in the library.
/// assert_eq!(peak_shaving_factor(2021, dec!(0.40)), None);
/// ```
pub fn peak_shaving_factor(year: i32, load_factor: Decimal) -> Option<Decimal> {
    let p = plan(year)?;
    let f = match p.correction {
        Correction::Given => return None,
        Correction::PeakShaving2023 if load_factor < dec!(0.65) => {
            let exponent = dec!(16) - dec!(20) * load_factor;
            dec!(1.015).checked_powd(exponent)?
        }
        Correction::PeakShaving2025 if load_factor < dec!(0.50) => {
            let pct = load_factor * dec!(100);
            let a = Decimal::ONE - (-pct / dec!(29.822)).checked_exp()?;
            let c = Decimal::ONE - (-pct / dec!(6.871)).checked_exp()?;
            dec!(7.254) - dec!(0.633) * a - dec!(5.643) * c
        }
        _ => Decimal::ONE,
    };
    Some(f.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero).normalize())
}

/// The allocation of an entity's units in `year` by the plan of that year.
/// `units` are the account's cn-power rows (row number, unit);
/// `verified_t` the entity's verified emissions.
///
/// # Errors
///
/// A value the plan needs and the row does not give, a benchmark the
/// library does not hold, or overflow: with the row and column.
pub fn allocate(
    year: i32,
    units: &[(Option<u32>, &PowerUnit)],
    verified_t: Decimal,
) -> Result<PowerAllocation, AllocationError> {
    let first_row = units.first().and_then(|u| u.0);
    let Some(plan) = plan(year) else {
        return Err(AllocationError::new(
            first_row,
            Field::Year,
            format!(
                "the library holds the CN-ETS power plans of 2019–2026; {year} has none: give allocated, or allocation_method = benchmark"
            ),
        ));
    };
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    let mut unit_allocations = Vec::new();
    let rounding = match (plan.status, plan.years.0) {
        (_, y) if y >= 2025 => format!("{ROUND_DOWN} (附2 表2-1 note 2)"),
        _ => format!("{ROUND_DOWN}, as the 2025–2026 plan prescribes; this plan prints no rounding rule"),
    };
    if plan.status == PlanStatus::Draft {
        notes.push(super::Notice::new(
            format!(
                "CN-ETS power allocation of {year} uses the 2025–2026 plan's consultation draft (benchmarks, Ff, exemptions): figures may change with the final plan"
            ),
            format!("{year} 年全国碳市场发电行业配额按 2025–2026 年度分配方案征求意见稿计算（基准值、调峰修正系数、豁免条款）：正式方案发布后数值可能变化"),
        ));
    }
    if !plan.exemptions {
        notes.push(super::Notice::new(
            format!(
                "the {}–{} power plan's exemptions (gas units, the shortfall cap) are not applied: their text is not in the library; compare with the allocation notice",
                plan.years.0, plan.years.1
            ),
            format!(
                "{}–{} 年度发电行业分配方案的豁免条款（燃气机组、配额缺口上限）未予适用：其条文未收录；请与配额分配通知核对",
                plan.years.0, plan.years.1
            ),
        ));
    }
    let mut entity = Decimal::ZERO;
    for &(row, unit) in units {
        let err = |field: crate::field::Field, problem: String| AllocationError::new(row, field, problem);
        let Some(class) = unit.class else {
            return Err(err(
                Field::UnitClass,
                "cn-power needs the unit's class: I, II, III or IV, found an empty cell".into(),
            ));
        };
        let uid = unit.unit_id.as_deref();
        let be = plan.power_benchmark(year, class).ok_or_else(|| {
            err(
                Field::UnitClass,
                format!(
                    "the {year} power benchmark of class {class} is not in the library (not confirmed from the plan): give allocated, or allocation_method = benchmark"
                ),
            )
        })?;
        let (q, q_field, q_symbol) = match plan.basis {
            OutputBasis::Generation => (unit.generation_mwh, Field::GenerationMwh, "Qe"),
            OutputBasis::Supply => (unit.supply_mwh, Field::SupplyMwh, "Qs"),
        };
        let q = q.ok_or_else(|| {
            err(
                q_field,
                match plan.basis {
                    OutputBasis::Generation => format!("the {year} plan allocates on electricity generated (发电量): give generation_mwh, found an empty cell"),
                    OutputBasis::Supply => format!("the {year} plan allocates on electricity supplied (供电量), not generated: give supply_mwh, found an empty cell"),
                },
            )
        })?;
        // The correction.
        let ff = match plan.correction {
            Correction::Given => {
                let c = unit.correction.ok_or_else(|| {
                    err(
                        Field::CorrectionFactor,
                        format!(
                            "the {}–{} plan's corrections (cooling, heat ratio, load) are not in the library: give correction_factor, the product of the plan's factors for this unit (1 if none applies), found an empty cell",
                            plan.years.0, plan.years.1
                        ),
                    )
                })?;
                steps.push(
                    AllocationStep::new(Step::CorrectionGiven, row, "F = correction_factor", c)
                        .unit(uid)
                        .note("given on the row"),
                );
                c
            }
            _ => {
                if unit.correction.is_some() {
                    return Err(err(
                        Field::CorrectionFactor,
                        format!(
                            "the {year} plan has one correction, the peak-shaving factor Ff computed from load_factor: leave correction_factor empty"
                        ),
                    ));
                }
                if class.is_conventional_coal() {
                    let f = unit.load_factor.ok_or_else(|| {
                        err(
                            Field::LoadFactor,
                            format!(
                                "a conventional coal unit's {year} allocation needs its load (output) factor for the peak-shaving factor Ff, found an empty cell"
                            ),
                        )
                    })?;
                    let ff = peak_shaving_factor(year, f).ok_or_else(|| {
                        err(
                            Field::LoadFactor,
                            format!("the peak-shaving factor of load factor {f} has no representable value"),
                        )
                    })?;
                    let (formula, note) = match plan.correction {
                        Correction::PeakShaving2023 => (
                            "Ff = 1.015^(16 − 20F) if F < 65 %, else 1",
                            "附3 表1; rounded half away from zero to 6 decimals, as the 2025–2026 plan prescribes",
                        ),
                        _ => (
                            "Ff = 7.254 − 0.633(1 − e^(−F/29.822)) − 5.643(1 − e^(−F/6.871)) if F < 50 % (F in %), else 1",
                            "表2; rounded half away from zero to 6 decimals (附2 表2-1 note 2)",
                        ),
                    };
                    steps.push(
                        AllocationStep::new(Step::PeakShavingFactor, row, formula, ff)
                            .input("F", f)
                            .unit(uid)
                            .note(note),
                    );
                    ff
                } else {
                    Decimal::ONE
                }
            }
        };
        let ae = floor(arithmetic::mul(arithmetic::mul(q, be)?, ff)?);
        let formula = match plan.basis {
            OutputBasis::Generation => "Ae = Qe × Be × Ff",
            OutputBasis::Supply => "Ae = Qs × Bs × F",
        };
        let (b_symbol, f_symbol) = match plan.basis {
            OutputBasis::Generation => ("Be", "Ff"),
            OutputBasis::Supply => ("Bs", "F"),
        };
        steps.push(
            AllocationStep::new(Step::PowerAllocation, row, formula, ae)
                .input(q_symbol, q)
                .input(b_symbol, be)
                .input(f_symbol, ff)
                .unit(uid)
                .note(format!("{}; {rounding}", plan.citation())),
        );
        let qh = unit.heat_gj.unwrap_or(Decimal::ZERO);
        let ah = if qh.is_zero() {
            Decimal::ZERO
        } else {
            let bh = plan.heat_benchmark(year, class).ok_or_else(|| {
                err(
                    Field::HeatSuppliedGj,
                    format!(
                        "the {year} heat benchmark of class {class} is not in the library (not confirmed from the plan): give allocated, or allocation_method = benchmark"
                    ),
                )
            })?;
            let ah = floor(arithmetic::mul(qh, bh)?);
            steps.push(
                AllocationStep::new(Step::HeatAllocation, row, "Ah = Qh × Bh", ah)
                    .input("Qh", qh)
                    .input("Bh", bh)
                    .unit(uid)
                    .note(rounding.clone()),
            );
            ah
        };
        let initial = arithmetic::add(ae, ah)?;
        steps.push(
            AllocationStep::new(Step::UnitInitial, row, "A = Ae + Ah", initial)
                .input("Ae", ae)
                .input("Ah", ah)
                .unit(uid),
        );
        let mut allocated = initial;
        if plan.exemptions && class == UnitClass::IV {
            let unit_verified = match (unit.verified_t, units.len()) {
                (Some(v), _) => v,
                (None, 1) => verified_t,
                (None, _) => {
                    return Err(err(
                        Field::UnitVerifiedEmissions,
                        "a gas unit of an account with several units needs its own verified emissions for the unit-level exemption (燃气机组豁免), found an empty cell".into(),
                    ));
                }
            };
            let target = floor(unit_verified);
            if initial < target {
                let top = target - initial;
                steps.push(
                    AllocationStep::new(Step::GasTopUp, row, "top-up = ⌊verified⌋ − A", top)
                        .input("verified", unit_verified)
                        .input("A", initial)
                        .unit(uid)
                        .note("gas units are topped up to their verified emissions (五(三)1)"),
                );
                allocated = target;
            }
            steps.push(AllocationStep::new(Step::UnitAllocation, row, "unit allocation", allocated).unit(uid));
        }
        unit_allocations.push((row, allocated));
        entity = arithmetic::add(entity, allocated)?;
    }
    steps.push(AllocationStep::new(Step::EntityInitial, None, "ΣA of the units", entity));
    let mut allocated = entity;
    if plan.exemptions {
        let floor_t = arithmetic::mul(dec!(0.8), verified_t)?;
        if entity < floor_t {
            let top = floor(floor_t - entity);
            allocated = arithmetic::add(entity, top)?;
            steps.push(
                AllocationStep::new(Step::EntityFloor, None, "top-up = ⌊0.8 × verified − ΣA⌋", top)
                    .input("verified", verified_t)
                    .input("ΣA", entity)
                    .note("the shortfall is capped at 20 % of verified emissions (履约缺口率上限豁免); rounded down"),
            );
        }
    }
    steps.push(AllocationStep::new(Step::EntityAllocation, None, "entity allocation", allocated));
    Ok(PowerAllocation { plan, units: unit_allocations, steps, allocated_t: allocated, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(class: UnitClass) -> PowerUnit {
        PowerUnit::new(class)
    }

    /// 2023–2024 plan, 附2: the benchmarks as printed.
    #[test]
    fn benchmarks_2023_2024_as_printed_in_annex_2() {
        let p = plan(2023).unwrap();
        let power: Vec<_> = [UnitClass::I, UnitClass::II, UnitClass::III, UnitClass::IV]
            .iter()
            .map(|&c| (p.power_benchmark(2023, c).unwrap(), p.power_benchmark(2024, c).unwrap()))
            .collect();
        assert_eq!(
            power,
            vec![
                (dec!(0.7950), dec!(0.7910)),
                (dec!(0.8090), dec!(0.8049)),
                (dec!(0.8285), dec!(0.8244)),
                (dec!(0.3305), dec!(0.3288))
            ]
        );
        assert_eq!(p.heat_benchmark(2024, UnitClass::II), Some(dec!(0.1033)));
        assert_eq!(p.heat_benchmark(2023, UnitClass::IV), Some(dec!(0.0536)));
    }

    /// 2023–2024 plan 附3: a class II unit at 50 % load supplying heat,
    /// computed by hand: Ff = 1.015^(16 − 10) = 1.015^6 = 1.0934432…
    /// → 1.093443; Ae = ⌊500000 × 0.8090 × 1.093443⌋ = ⌊442297.69…⌋.
    #[test]
    fn class_ii_2023_by_hand() {
        let mut u = unit(UnitClass::II);
        u.generation_mwh = Some(dec!(500000));
        u.heat_gj = Some(dec!(200000));
        u.load_factor = Some(dec!(0.5));
        let a = allocate(2023, &[(Some(4), &u)], dec!(450000)).unwrap();
        assert_eq!(peak_shaving_factor(2023, dec!(0.5)), Some(dec!(1.093443)));
        // 500000 × 0.8090 = 404500; × 1.093443 = 442297.6935 → 442297.
        // Ah = 200000 × 0.1038 = 20760.
        assert_eq!(a.units, vec![(Some(4), dec!(463057))]);
        assert_eq!(a.allocated_t, dec!(463057));
    }

    /// 五(三)1: a gas unit whose allocation is below its verified emissions
    /// is topped up to them; 五(三)2: the entity to 80 %.
    #[test]
    fn gas_unit_top_up_and_entity_floor() {
        let mut gas = unit(UnitClass::IV);
        gas.generation_mwh = Some(dec!(1000000));
        // 1000000 × 0.3288 = 328800 < 400000.5 verified → 400000.
        let a = allocate(2024, &[(Some(2), &gas)], dec!(400000.5)).unwrap();
        assert_eq!(a.allocated_t, dec!(400000));
        assert!(a.steps.iter().any(|s| s.step == Step::GasTopUp && s.figure == dec!(71200)));

        let mut coal = unit(UnitClass::I);
        coal.generation_mwh = Some(dec!(1000000));
        coal.load_factor = Some(dec!(0.8));
        // 791000 allocated against 1,100,000 verified: floor is 880000.
        let a = allocate(2024, &[(Some(3), &coal)], dec!(1100000)).unwrap();
        assert_eq!(a.allocated_t, dec!(880000));
        assert!(a.steps.iter().any(|s| s.step == Step::EntityFloor && s.figure == dec!(89000)));
    }

    /// The 2019–2022 plans allocate on supply and need the correction given.
    #[test]
    fn supply_basis_and_given_correction_2021() {
        let mut u = unit(UnitClass::I);
        u.generation_mwh = Some(dec!(1000));
        let e = allocate(2021, &[(Some(7), &u)], dec!(0)).unwrap_err();
        assert_eq!((e.row, e.field), (Some(7), Field::SupplyMwh));
        u.supply_mwh = Some(dec!(1000000));
        let e = allocate(2021, &[(Some(7), &u)], dec!(0)).unwrap_err();
        assert_eq!(e.field, Field::CorrectionFactor);
        u.correction = Some(dec!(1.01));
        let a = allocate(2021, &[(Some(7), &u)], dec!(0)).unwrap();
        // 1000000 × 0.8218 × 1.01 = 830018.
        assert_eq!(a.allocated_t, dec!(830018));
        assert!(!a.notes.is_empty());
        // Class III of 2021 is not confirmed: refused, never guessed.
        let mut u3 = unit(UnitClass::III);
        u3.supply_mwh = Some(dec!(1));
        u3.correction = Some(dec!(1));
        assert_eq!(allocate(2021, &[(Some(8), &u3)], dec!(0)).unwrap_err().field, Field::UnitClass);
    }

    /// A unit of every class in every plan year, against the plan's own
    /// formula worked by hand: Qe = 100,000 MWh (supply to 2022, generation
    /// from 2023), Qh = 10,000 GJ where the plan's heat benchmark is held,
    /// load 80 % (no peak-shaving, F ≥ 0.65 / 0.5), corrections 1 (2019–2022),
    /// verified 0 (no top-up, no floor). Benchmarks: 2019–2020 plan 附件1;
    /// 2021–2022 plan (classes I, II, IV); 2023–2024 plan 附2; 2025–2026
    /// draft 表1.
    #[test]
    fn every_class_in_every_plan_year_by_hand() {
        use UnitClass::{I, II, III, IV};
        let cases: &[(i32, UnitClass, Decimal)] = &[
            // 100000 × 0.877 + 10000 × 0.126 = 87700 + 1260
            (2019, I, dec!(88960)),
            (2019, II, dec!(99160)),   // 97900 + 1260
            (2019, III, dec!(115860)), // 114600 + 1260
            (2019, IV, dec!(39790)),   // 39200 + 10000 × 0.059
            (2020, I, dec!(88960)),
            (2020, IV, dec!(39790)),
            (2021, I, dec!(82180)), // 100000 × 0.8218, no heat benchmark held
            (2021, II, dec!(87730)),
            (2021, IV, dec!(39200)),
            (2022, I, dec!(81770)),
            (2022, II, dec!(87290)),
            (2022, IV, dec!(39010)),
            (2023, I, dec!(80538)), // 79500 + 10000 × 0.1038
            (2023, II, dec!(81938)),
            (2023, III, dec!(83888)),
            (2023, IV, dec!(33586)), // 33050 + 10000 × 0.0536
            (2024, I, dec!(80133)),
            (2024, II, dec!(81523)),
            (2024, III, dec!(83473)),
            (2024, IV, dec!(33413)),
            (2025, I, dec!(80047)), // 79020 + 1027
            (2025, II, dec!(81197)),
            (2025, III, dec!(82647)),
            (2025, IV, dec!(33413)),
            (2026, I, dec!(79961)),
            (2026, II, dec!(80871)),
            (2026, III, dec!(81821)),
            (2026, IV, dec!(33413)),
        ];
        for &(year, class, expected) in cases {
            let mut u = unit(class);
            if year <= 2022 {
                u.supply_mwh = Some(dec!(100000));
                u.correction = Some(dec!(1));
            } else {
                u.generation_mwh = Some(dec!(100000));
            }
            if !(2021..=2022).contains(&year) {
                u.heat_gj = Some(dec!(10000));
            }
            u.load_factor = Some(dec!(0.8));
            let a = allocate(year, &[(Some(2), &u)], dec!(0)).unwrap_or_else(|e| panic!("{year} {class:?}: {e}"));
            assert_eq!(a.allocated_t, expected, "{year} class {class:?}");
        }
    }

    #[test]
    fn draft_plan_is_said() {
        let mut u = unit(UnitClass::III);
        u.generation_mwh = Some(dec!(100));
        let a = allocate(2026, &[(None, &u)], dec!(0)).unwrap();
        assert_eq!(a.allocated_t, dec!(80)); // ⌊100 × 0.8080⌋
        assert!(a.notes[0].message.contains("consultation draft"));
    }

    #[test]
    fn peak_shaving_is_continuous_where_the_plan_is() {
        // 2025 draft: F → 50 % from below gives ≈ 1.100, then 1.
        assert_eq!(peak_shaving_factor(2025, dec!(0.4999)), Some(dec!(1.100321)));
        assert_eq!(peak_shaving_factor(2023, dec!(0.6499)), Some(dec!(1.045710)));
    }
}
