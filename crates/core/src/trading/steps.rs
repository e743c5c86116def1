//! The steps of a computed allocation, each with its formula, inputs and
//! figure, in the order a verifier follows them.

use rust_decimal::Decimal;
use serde::Serialize;

/// What a step computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Step {
    /// The peak-shaving (load) correction factor Ff of a coal unit.
    PeakShavingFactor,
    /// The correction factor given on the row (plans whose corrections the
    /// library does not hold).
    CorrectionGiven,
    /// Power allocation of a unit: Qe × Be × Ff.
    PowerAllocation,
    /// Heat allocation of a unit: Qh × Bh.
    HeatAllocation,
    /// A unit's initial allocation: Ae + Ah.
    UnitInitial,
    /// Gas units: the top-up to verified emissions.
    GasTopUp,
    /// A unit's allocation after the unit-level exemption.
    UnitAllocation,
    /// The entity's initial allocation: the sum of its units.
    EntityInitial,
    /// The top-up to 80 % of verified emissions.
    EntityFloor,
    /// The entity's allocation.
    EntityAllocation,
    /// Allowances already pre-allocated (not added again).
    PreAllocated,
    /// What is still to be issued: allocation − pre-allocated.
    StillToIssue,
    /// Carbon intensity of the main process: E ÷ Q.
    Intensity,
    /// Intensity deviation from the sector balance value: (BP − I) ÷ BP.
    Deviation,
    /// The carbon-intensity coefficient α.
    Coefficient,
    /// Allocation by the intensity method: E × (1 + α).
    IntensityAllocation,
    /// Allocation equal to verified emissions (the year's rule or a
    /// special case the plan lists).
    EqualsVerified,
}

impl Step {
    /// The step's name in English.
    ///
    /// ```
    /// use carbonbook_core::trading::Step;
    /// assert_eq!(Step::PeakShavingFactor.en(), "peak-shaving correction factor Ff");
    /// assert_eq!(Step::PeakShavingFactor.zh(), "调峰修正系数 Ff");
    /// ```
    pub const fn en(self) -> &'static str {
        match self {
            Step::PeakShavingFactor => "peak-shaving correction factor Ff",
            Step::CorrectionGiven => "correction factor (given)",
            Step::PowerAllocation => "power allocation Ae",
            Step::HeatAllocation => "heat allocation Ah",
            Step::UnitInitial => "unit initial allocation",
            Step::GasTopUp => "gas unit top-up to verified emissions",
            Step::UnitAllocation => "unit allocation",
            Step::EntityInitial => "entity initial allocation",
            Step::EntityFloor => "top-up to 80 % of verified emissions",
            Step::EntityAllocation => "entity allocation",
            Step::PreAllocated => "pre-allocated",
            Step::StillToIssue => "still to be issued",
            Step::Intensity => "carbon intensity I",
            Step::Deviation => "intensity deviation X",
            Step::Coefficient => "carbon-intensity coefficient α",
            Step::IntensityAllocation => "allocation E × (1 + α)",
            Step::EqualsVerified => "allocation equal to verified emissions",
        }
    }

    /// The step's name in Chinese, in the plans' words.
    pub const fn zh(self) -> &'static str {
        match self {
            Step::PeakShavingFactor => "调峰修正系数 Ff",
            Step::CorrectionGiven => "修正系数（填报）",
            Step::PowerAllocation => "机组发电配额量 Ae",
            Step::HeatAllocation => "机组供热配额量 Ah",
            Step::UnitInitial => "机组初始配额量",
            Step::GasTopUp => "燃气机组豁免补发配额量",
            Step::UnitAllocation => "机组核定配额量",
            Step::EntityInitial => "重点排放单位初始配额量",
            Step::EntityFloor => "履约缺口率上限豁免补发配额",
            Step::EntityAllocation => "重点排放单位核定配额量",
            Step::PreAllocated => "预分配配额",
            Step::StillToIssue => "多退少补配额",
            Step::Intensity => "碳排放强度 I",
            Step::Deviation => "碳排放强度偏离度 X",
            Step::Coefficient => "碳排放强度系数 α",
            Step::IntensityAllocation => "核定配额 E×(1+α)",
            Step::EqualsVerified => "配额等于经核查排放量",
        }
    }
}

/// One step of an allocation: what it computes, for which row (and unit),
/// its formula in the plan's symbols, the inputs by symbol, and the figure.
///
/// ```
/// use carbonbook_core::trading::{AllocationStep, Step};
/// use rust_decimal_macros::dec;
/// let s = AllocationStep::new(Step::HeatAllocation, Some(4), "Ah = Qh × Bh", dec!(1033))
///     .input("Qh", dec!(10000))
///     .input("Bh", dec!(0.1033));
/// assert_eq!(s.to_string(), "heat allocation Ah: Ah = Qh × Bh; Qh = 10000, Bh = 0.1033 → 1033");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AllocationStep {
    /// What the step computes.
    pub step: Step,
    /// The Trading row it is about (none for the entity's steps).
    pub row: Option<u32>,
    /// The unit it is about, when the row names one.
    pub unit_id: Option<String>,
    /// The formula in the plan's symbols (`Ae = Qe × Be × Ff`).
    pub formula: &'static str,
    /// The inputs by symbol, in the formula's order.
    pub inputs: Vec<(&'static str, Decimal)>,
    /// The figure the step gives.
    pub figure: Decimal,
    /// The rule applied (rounding, the clause, a draft's status), if any.
    pub note: Option<String>,
}

impl AllocationStep {
    /// A step with no inputs yet.
    pub fn new(step: Step, row: Option<u32>, formula: &'static str, figure: Decimal) -> AllocationStep {
        AllocationStep { step, row, unit_id: None, formula, inputs: Vec::new(), figure, note: None }
    }

    /// Adds an input.
    #[must_use]
    pub fn input(mut self, symbol: &'static str, value: Decimal) -> AllocationStep {
        self.inputs.push((symbol, value));
        self
    }

    /// Sets the note.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> AllocationStep {
        self.note = Some(note.into());
        self
    }

    /// Sets the unit.
    #[must_use]
    pub fn unit(mut self, unit_id: Option<&str>) -> AllocationStep {
        self.unit_id = unit_id.map(str::to_owned);
        self
    }
}

impl std::fmt::Display for AllocationStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.step.en(), self.formula)?;
        for (i, (name, v)) in self.inputs.iter().enumerate() {
            write!(f, "{}{name} = {v}", if i == 0 { "; " } else { ", " })?;
        }
        write!(f, " → {}", self.figure)?;
        if let Some(n) = &self.note {
            write!(f, " ({n})")?;
        }
        Ok(())
    }
}

/// What the user is told about a computed allocation (a draft plan, a rule
/// the library does not apply), in English and Chinese.
///
/// ```
/// use carbonbook_core::trading::Notice;
/// let n = Notice::new("figures may change", "数值可能变化");
/// assert_eq!((n.message.as_str(), n.message_zh.as_str()), ("figures may change", "数值可能变化"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// In English.
    pub message: String,
    /// In Chinese.
    pub message_zh: String,
}

impl Notice {
    /// A notice in both languages.
    pub fn new(message: impl Into<String>, message_zh: impl Into<String>) -> Notice {
        Notice { message: message.into(), message_zh: message_zh.into() }
    }
}
