//! Financed emissions by the PCAF Standard, Part A.
//!
//! Source: PCAF (2025), *The Global GHG Accounting and Reporting Standard
//! Part A: Financed Emissions*, Third Edition, December 2025 (file revision
//! of 15 January 2026). Every rule below names its subchapter and printed
//! page; the page numbers were read in two independent transcriptions of
//! the standard that cite them (grade C).
//!
//! * Financed emissions = Σ attribution factor × emissions, the attribution
//!   factor = outstanding amount ÷ the denominator of the asset class
//!   (chapter 4, pp. 28–29; [`AssetClass::denominators`]).
//! * Scope 1 and 2 are added up; Scope 3 is reported apart (6.1, p. 162).
//! * Negative total equity counts as 0 (5.1 fn 42, 5.2 fn 75, 5.3 fn 107):
//!   with `total_equity` and `total_debt` given, the denominator is
//!   max(equity, 0) + debt, with a warning.
//! * A motor vehicle of unknown value at origination is attributed at 100 %
//!   (5.6, p. 91), with a warning.
//! * No class of this sheet has a cap (only sub-sovereign debt, 5.10,
//!   p. 154, and securitisation collateral, 5.8, p. 122, have one): an
//!   attribution factor above 1 is used as computed, with a warning to check
//!   the denominator.
//! * Data quality is scored 1 (best) to 5 by the class's own table
//!   ([`DataQuality::parse`]); the portfolio's score is weighted by
//!   outstanding amount, Σ(outstanding × score) ÷ Σ outstanding (6.1,
//!   p. 167, Box 6.1-6).
//! * Intensity: t CO2e per million invested (6.1, p. 166).
//!
//! ```
//! use carbonbook_core::dec;
//! use carbonbook_core::finance::{AssetClass, DataQuality};
//! // Option 2a (energy use) is score 2 for a business loan but 3 for a mortgage.
//! assert_eq!(DataQuality::parse(AssetClass::BusinessLoan, "2a").unwrap().score, 2);
//! assert_eq!(DataQuality::parse(AssetClass::Mortgage, "2a").unwrap().score, 3);
//! assert_eq!(DataQuality::parse(AssetClass::Mortgage, "4").unwrap().score, 4);
//! ```

use crate::field::Field;
use std::fmt;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::Note;
use crate::arithmetic::{self, ArithmeticError, Ratio};
use crate::error::{CalcError, CalcErrorKind, InputSheet};

/// A PCAF asset class of the `Portfolio` sheet (workbook-v2 §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssetClass {
    /// Listed equity (PCAF 5.1).
    ListedEquity,
    /// Corporate bonds (PCAF 5.1).
    CorporateBond,
    /// Business loans (PCAF 5.2).
    BusinessLoan,
    /// Unlisted equity (PCAF 5.2).
    UnlistedEquity,
    /// Project finance (PCAF 5.3).
    ProjectFinance,
    /// Commercial real estate (PCAF 5.4).
    CommercialRealEstate,
    /// Mortgages (PCAF 5.5).
    Mortgage,
    /// Motor vehicle loans (PCAF 5.6).
    MotorVehicleLoan,
    /// Sovereign debt (PCAF 5.9).
    SovereignDebt,
}

impl AssetClass {
    /// Every class, in the contract's order.
    pub const ALL: [AssetClass; 9] = [
        AssetClass::ListedEquity,
        AssetClass::CorporateBond,
        AssetClass::BusinessLoan,
        AssetClass::UnlistedEquity,
        AssetClass::ProjectFinance,
        AssetClass::CommercialRealEstate,
        AssetClass::Mortgage,
        AssetClass::MotorVehicleLoan,
        AssetClass::SovereignDebt,
    ];

    /// The contract's code (`business_loan`).
    pub const fn code(self) -> &'static str {
        match self {
            AssetClass::ListedEquity => "listed_equity",
            AssetClass::CorporateBond => "corporate_bond",
            AssetClass::BusinessLoan => "business_loan",
            AssetClass::UnlistedEquity => "unlisted_equity",
            AssetClass::ProjectFinance => "project_finance",
            AssetClass::CommercialRealEstate => "commercial_real_estate",
            AssetClass::Mortgage => "mortgage",
            AssetClass::MotorVehicleLoan => "motor_vehicle_loan",
            AssetClass::SovereignDebt => "sovereign_debt",
        }
    }

    /// The Chinese name, also accepted on input.
    pub const fn chinese(self) -> &'static str {
        match self {
            AssetClass::ListedEquity => "上市股权",
            AssetClass::CorporateBond => "公司债券",
            AssetClass::BusinessLoan => "企业贷款",
            AssetClass::UnlistedEquity => "非上市股权",
            AssetClass::ProjectFinance => "项目融资",
            AssetClass::CommercialRealEstate => "商业地产",
            AssetClass::Mortgage => "住房按揭贷款",
            AssetClass::MotorVehicleLoan => "机动车贷款",
            AssetClass::SovereignDebt => "主权债务",
        }
    }

    /// The PCAF Part A (3rd ed.) subchapter of its method.
    pub const fn section(self) -> &'static str {
        match self {
            AssetClass::ListedEquity | AssetClass::CorporateBond => "5.1",
            AssetClass::BusinessLoan | AssetClass::UnlistedEquity => "5.2",
            AssetClass::ProjectFinance => "5.3",
            AssetClass::CommercialRealEstate => "5.4",
            AssetClass::Mortgage => "5.5",
            AssetClass::MotorVehicleLoan => "5.6",
            AssetClass::SovereignDebt => "5.9",
        }
    }

    /// The code or Chinese name (case and surrounding spaces do not matter;
    /// spaces and hyphens count as underscores).
    ///
    /// ```
    /// use carbonbook_core::finance::AssetClass;
    /// assert_eq!(AssetClass::parse("Motor vehicle loan"), Some(AssetClass::MotorVehicleLoan));
    /// assert_eq!(AssetClass::parse("项目融资"), Some(AssetClass::ProjectFinance));
    /// assert_eq!(AssetClass::parse("loan"), None);
    /// ```
    pub fn parse(text: &str) -> Option<AssetClass> {
        let t = text.trim().to_lowercase().replace([' ', '-'], "_");
        AssetClass::ALL.into_iter().find(|c| {
            t == c.code()
                || t == c.chinese()
                || match c {
                    AssetClass::BusinessLoan => t == "商业贷款" || t == "公司贷款",
                    AssetClass::Mortgage => t == "按揭贷款" || t == "住房抵押贷款",
                    AssetClass::MotorVehicleLoan => t == "汽车贷款",
                    AssetClass::SovereignDebt => t == "主权债",
                    AssetClass::CorporateBond => t == "企业债券",
                    _ => false,
                }
        })
    }

    /// The denominators the class divides by, in order of preference; the
    /// first one the row gives is used.
    ///
    /// * Listed equity and corporate bonds: EVIC — market capitalisation
    ///   plus book value of total debt plus minority interests, cash not
    ///   deducted (5.1, pp. 42–43); bonds of private issuers: total equity
    ///   plus debt (5.1, p. 42).
    /// * Business loans: total equity plus debt; EVIC for a listed borrower
    ///   (5.2, pp. 57–58, fn 86), so EVIC when the row gives it. Unlisted
    ///   equity: total equity plus debt (5.2, p. 57).
    /// * Project finance: the project's total equity plus debt (5.3,
    ///   pp. 67–69).
    /// * Commercial real estate and mortgages: the property value at
    ///   origination (5.4, pp. 78–79; 5.5, p. 84).
    /// * Motor vehicle loans: the vehicle's total value at origination
    ///   (5.6, p. 91).
    /// * Sovereign debt: PPP-adjusted GDP, in international dollars, the
    ///   exposure in US dollars (5.9, p. 144).
    ///
    /// ```
    /// use carbonbook_core::finance::{AssetClass, Denominator};
    /// assert_eq!(AssetClass::CorporateBond.denominators(), &[Denominator::Evic, Denominator::TotalEquityPlusDebt]);
    /// ```
    pub const fn denominators(self) -> &'static [Denominator] {
        match self {
            AssetClass::ListedEquity => &[Denominator::Evic],
            AssetClass::CorporateBond => &[Denominator::Evic, Denominator::TotalEquityPlusDebt],
            AssetClass::BusinessLoan => &[Denominator::Evic, Denominator::TotalEquityPlusDebt],
            AssetClass::UnlistedEquity | AssetClass::ProjectFinance => &[Denominator::TotalEquityPlusDebt],
            AssetClass::CommercialRealEstate | AssetClass::Mortgage => &[Denominator::PropertyValue],
            AssetClass::MotorVehicleLoan => &[Denominator::VehicleValue],
            AssetClass::SovereignDebt => &[Denominator::PppGdp],
        }
    }

    /// The data-quality table of the class, option → score.
    ///
    /// * Listed equity, corporate bonds, business loans, unlisted equity and
    ///   project finance (Tables 5.1-2 p. 46, 5.2-1 p. 60, 5.3-1 p. 71):
    ///   1a → 1, 1b → 2, 2a → 2, 2b → 3, 3a → 4, 3b → 5, 3c → 5.
    /// * Commercial real estate and mortgages (Tables 5.4-1 p. 80, 5.5-1
    ///   p. 86): 1a → 1, 1b → 2, 2a → 3, 2b → 4, 3 → 5.
    /// * Motor vehicle loans (Table 5.6-1, p. 94): 1a → 1, 1b → 1, 2a → 2,
    ///   2b → 3, 3a → 4, 3b → 5.
    /// * Sovereign debt (Table 5.9-6, p. 147): 1a → 1, 1b → 2, 2 → 3,
    ///   3a → 4, 3b → 5.
    pub const fn dq_table(self) -> &'static [(PcafOption, u8)] {
        use PcafOption::*;
        match self {
            AssetClass::ListedEquity
            | AssetClass::CorporateBond
            | AssetClass::BusinessLoan
            | AssetClass::UnlistedEquity
            | AssetClass::ProjectFinance => &[(O1a, 1), (O1b, 2), (O2a, 2), (O2b, 3), (O3a, 4), (O3b, 5), (O3c, 5)],
            AssetClass::CommercialRealEstate | AssetClass::Mortgage => {
                &[(O1a, 1), (O1b, 2), (O2a, 3), (O2b, 4), (O3, 5)]
            }
            AssetClass::MotorVehicleLoan => &[(O1a, 1), (O1b, 1), (O2a, 2), (O2b, 3), (O3a, 4), (O3b, 5)],
            AssetClass::SovereignDebt => &[(O1a, 1), (O1b, 2), (O2, 3), (O3a, 4), (O3b, 5)],
        }
    }

    /// The PCAF table the data-quality options are read in.
    pub const fn dq_table_name(self) -> &'static str {
        match self {
            AssetClass::ListedEquity | AssetClass::CorporateBond => "Table 5.1-2",
            AssetClass::BusinessLoan | AssetClass::UnlistedEquity => "Table 5.2-1",
            AssetClass::ProjectFinance => "Table 5.3-1",
            AssetClass::CommercialRealEstate => "Table 5.4-1",
            AssetClass::Mortgage => "Table 5.5-1",
            AssetClass::MotorVehicleLoan => "Table 5.6-1",
            AssetClass::SovereignDebt => "Table 5.9-6",
        }
    }
}

impl fmt::Display for AssetClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What an attribution factor divides by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Denominator {
    /// Enterprise value including cash (`evic`).
    Evic,
    /// Total equity plus debt (`total_equity_plus_debt`, or `total_equity`
    /// and `total_debt`); the project's own for project finance.
    TotalEquityPlusDebt,
    /// Property value at origination (`property_value`).
    PropertyValue,
    /// Vehicle value at origination (`vehicle_value`).
    VehicleValue,
    /// PPP-adjusted GDP (`ppp_gdp`).
    PppGdp,
    /// The vehicle's value is unknown: attributed at 100 % (5.6, p. 91).
    UnknownVehicleValue,
}

impl Denominator {
    /// The workbook column it is read from (`None` for an unknown vehicle value).
    pub const fn column(self) -> Option<Field> {
        match self {
            Denominator::Evic => Some(Field::Evic),
            Denominator::TotalEquityPlusDebt => Some(Field::TotalEquityPlusDebt),
            Denominator::PropertyValue => Some(Field::PropertyValue),
            Denominator::VehicleValue => Some(Field::VehicleValue),
            Denominator::PppGdp => Some(Field::PppGdp),
            Denominator::UnknownVehicleValue => None,
        }
    }

    /// A stable code (`evic`, `unknown_vehicle_value`), for the summary JSON.
    pub const fn code(self) -> &'static str {
        match self.column() {
            Some(c) => c.name(),
            None => "unknown_vehicle_value",
        }
    }

    /// In words.
    pub const fn describe(self) -> &'static str {
        match self {
            Denominator::Evic => "EVIC",
            Denominator::TotalEquityPlusDebt => "total equity + debt",
            Denominator::PropertyValue => "property value at origination",
            Denominator::VehicleValue => "vehicle value at origination",
            Denominator::PppGdp => "PPP-adjusted GDP",
            Denominator::UnknownVehicleValue => "vehicle value unknown: 100 % (PCAF 5.6)",
        }
    }
}

/// A PCAF data-quality option (the letter codes of the score tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum PcafOption {
    O1a,
    O1b,
    O2,
    O2a,
    O2b,
    O3,
    O3a,
    O3b,
    O3c,
}

impl PcafOption {
    /// `1a`, `2b`, `3`.
    pub const fn code(self) -> &'static str {
        match self {
            PcafOption::O1a => "1a",
            PcafOption::O1b => "1b",
            PcafOption::O2 => "2",
            PcafOption::O2a => "2a",
            PcafOption::O2b => "2b",
            PcafOption::O3 => "3",
            PcafOption::O3a => "3a",
            PcafOption::O3b => "3b",
            PcafOption::O3c => "3c",
        }
    }
}

/// An exposure's data-quality score, 1 (best) to 5, and the PCAF option it
/// was given as, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DataQuality {
    /// 1 to 5.
    pub score: u8,
    /// The option the cell gave (`2b`), when it gave one rather than a score.
    pub option: Option<PcafOption>,
}

impl DataQuality {
    /// A score 1–5 given as such.
    pub const fn score(score: u8) -> Option<DataQuality> {
        if score >= 1 && score <= 5 { Some(DataQuality { score, option: None }) } else { None }
    }

    /// Reads a data-quality cell for an exposure of `class`: a score `1`–`5`
    /// (`2.0` too), or an option of the class's own table
    /// ([`AssetClass::dq_table`]) such as `1a` or `2b`. A bare digit that is
    /// also an option of the class (`2` and `3` for sovereign debt, `3` for
    /// real estate) is read as the score, which is what a bare number means
    /// everywhere else in the sheet.
    ///
    /// # Errors
    ///
    /// What was expected: the scores and the class's options.
    ///
    /// ```
    /// use carbonbook_core::finance::{AssetClass, DataQuality};
    /// assert_eq!(DataQuality::parse(AssetClass::MotorVehicleLoan, "1B").unwrap().score, 1);
    /// assert!(DataQuality::parse(AssetClass::Mortgage, "3a").unwrap_err().contains("1a, 1b, 2a, 2b, 3"));
    /// assert!(DataQuality::parse(AssetClass::ListedEquity, "6").is_err());
    /// ```
    pub fn parse(class: AssetClass, text: &str) -> Result<DataQuality, String> {
        let t = text.trim().to_lowercase();
        if let Ok(n) = t.parse::<Decimal>()
            && n.fract().is_zero()
            && let Some(dq) = n.to_u8().and_then(DataQuality::score)
        {
            return Ok(dq);
        }
        match class.dq_table().iter().find(|(o, _)| o.code() == t) {
            Some(&(option, score)) => Ok(DataQuality { score, option: Some(option) }),
            None => Err(format!(
                "a PCAF data-quality score 1–5 or an option of {} for {} ({})",
                class.dq_table_name(),
                class,
                class.dq_table().iter().map(|(o, _)| o.code()).collect::<Vec<_>>().join(", ")
            )),
        }
    }
}

/// One row of the `Portfolio` sheet: an exposure to a counterparty.
///
/// Amounts (outstanding and denominators) are in one currency throughout
/// (sovereign debt: the exposure in US dollars over GDP in international
/// dollars, 5.9 p. 144); emissions in t CO2e.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    /// Spreadsheet row, for messages.
    pub row: Option<u32>,
    /// `exposure_id`.
    pub exposure_id: String,
    /// `asset_class`.
    pub asset_class: AssetClass,
    /// `counterparty`.
    pub counterparty: Option<String>,
    /// `outstanding`: the amount lent or invested at the reporting date.
    pub outstanding: Decimal,
    /// `evic`.
    pub evic: Option<Decimal>,
    /// `total_equity_plus_debt`.
    pub total_equity_plus_debt: Option<Decimal>,
    /// `total_equity` (with `total_debt`, instead of
    /// `total_equity_plus_debt`, so that negative equity can be set to 0).
    pub total_equity: Option<Decimal>,
    /// `total_debt`.
    pub total_debt: Option<Decimal>,
    /// `property_value` (at origination).
    pub property_value: Option<Decimal>,
    /// `vehicle_value` (at origination).
    pub vehicle_value: Option<Decimal>,
    /// `ppp_gdp`.
    pub ppp_gdp: Option<Decimal>,
    /// `scope1_t`: the counterparty's Scope 1.
    pub scope1_t: Option<Decimal>,
    /// `scope2_t`: the counterparty's Scope 2.
    pub scope2_t: Option<Decimal>,
    /// `scope3_t`: the counterparty's Scope 3 (reported apart).
    pub scope3_t: Option<Decimal>,
    /// `data_quality`.
    pub data_quality: Option<DataQuality>,
}

impl Exposure {
    /// An exposure with only its id, class and outstanding amount.
    pub fn new(exposure_id: impl Into<String>, asset_class: AssetClass, outstanding: Decimal) -> Exposure {
        Exposure {
            row: None,
            exposure_id: exposure_id.into(),
            asset_class,
            counterparty: None,
            outstanding,
            evic: None,
            total_equity_plus_debt: None,
            total_equity: None,
            total_debt: None,
            property_value: None,
            vehicle_value: None,
            ppp_gdp: None,
            scope1_t: None,
            scope2_t: None,
            scope3_t: None,
            data_quality: None,
        }
    }

    fn denominator_value(&self, d: Denominator) -> Option<Decimal> {
        match d {
            Denominator::Evic => self.evic,
            Denominator::TotalEquityPlusDebt => self.total_equity_plus_debt,
            Denominator::PropertyValue => self.property_value,
            Denominator::VehicleValue => self.vehicle_value,
            Denominator::PppGdp => self.ppp_gdp,
            Denominator::UnknownVehicleValue => None,
        }
    }
}

/// The figures of one exposure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExposureResult {
    /// Spreadsheet row.
    pub row: Option<u32>,
    /// `exposure_id`.
    pub exposure_id: String,
    /// Its class.
    pub asset_class: AssetClass,
    /// `counterparty`.
    pub counterparty: Option<String>,
    /// Outstanding amount.
    pub outstanding: Decimal,
    /// What was divided by.
    pub denominator: Denominator,
    /// Its value (the outstanding amount for an unknown vehicle value).
    pub denominator_value: Decimal,
    /// Outstanding ÷ denominator.
    pub attribution_factor: Decimal,
    /// Financed Scope 1.
    pub financed_scope1_t_co2e: Decimal,
    /// Financed Scope 2.
    pub financed_scope2_t_co2e: Decimal,
    /// Financed Scopes 1 and 2.
    pub financed_t_co2e: Decimal,
    /// Financed Scope 3, when the row gives the counterparty's Scope 3.
    pub financed_scope3_t_co2e: Option<Decimal>,
    /// Data-quality score.
    pub data_quality: Option<DataQuality>,
}

/// The exposures of one asset class added up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetClassTotal {
    /// The class.
    pub asset_class: AssetClass,
    /// How many exposures.
    pub exposures: u64,
    /// Σ outstanding.
    pub outstanding: Decimal,
    /// Σ financed Scopes 1 and 2.
    pub financed_t_co2e: Decimal,
    /// Σ financed Scope 3 of the exposures that give it; `None` when none
    /// does (not reported is not zero).
    pub financed_scope3_t_co2e: Option<Decimal>,
    /// Σ(outstanding × score) ÷ Σ outstanding of the scored exposures
    /// (6.1, p. 167); `None` when none is scored.
    pub weighted_data_quality: Option<Decimal>,
    /// The denominators used, in [`AssetClass::denominators`] order.
    pub denominators: Vec<Denominator>,
    /// The PCAF options given, sorted.
    pub options: Vec<PcafOption>,
    /// Σ outstanding of the scored exposures.
    pub scored_outstanding: Decimal,
    /// Σ outstanding × score of the scored exposures.
    pub score_weight: Decimal,
}

/// The PCAF figures of a portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Portfolio {
    /// Per exposure, in sheet order.
    pub exposures: Vec<ExposureResult>,
    /// Per asset class that has exposures, in [`AssetClass::ALL`] order.
    pub by_asset_class: Vec<AssetClassTotal>,
    /// Σ outstanding.
    pub outstanding: Decimal,
    /// Σ financed Scopes 1 and 2.
    pub financed_t_co2e: Decimal,
    /// Σ financed Scope 3 (apart, 6.1 p. 162) of the exposures that give
    /// it; `None` when none does.
    pub financed_scope3_t_co2e: Option<Decimal>,
    /// Weighted data-quality score of the whole portfolio.
    pub weighted_data_quality: Option<Decimal>,
    /// t CO2e (Scopes 1 and 2) per million invested (6.1, p. 166); `None`
    /// when nothing is outstanding.
    pub per_million_invested: Option<Decimal>,
}

fn error(row: Option<u32>, field: crate::field::Field, kind: CalcErrorKind) -> CalcError {
    CalcError::new(InputSheet::Portfolio, row, field, kind)
}

fn note(notes: &mut Vec<Note>, row: Option<u32>, field: crate::field::Field, message: String, zh: String) {
    notes.push(Note { sheet: InputSheet::Portfolio, row, field: Some(field), message, message_zh: Some(zh) });
}

/// The attribution of one exposure (its factor, the denominator used and
/// its value); `Err` with the problem, naming its column.
///
/// # Errors
///
/// A denominator missing, or ≤ 0.
///
/// ```
/// use carbonbook_core::dec;
/// use carbonbook_core::finance::{pcaf, AssetClass, Denominator, Exposure};
/// // PCAF 5.6, p. 91: a vehicle of unknown value is attributed at 100 %.
/// let car = Exposure::new("C1", AssetClass::MotorVehicleLoan, dec!(18000));
/// let mut notes = Vec::new();
/// let (d, _, af) = pcaf::attribution(&car, &mut notes).unwrap();
/// assert_eq!((d, af), (Denominator::UnknownVehicleValue, dec!(1)));
/// assert!(notes[0].message.contains("100 %"));
/// ```
pub fn attribution(e: &Exposure, notes: &mut Vec<Note>) -> Result<(Denominator, Decimal, Decimal), CalcError> {
    let class = e.asset_class;
    let mut chosen = class.denominators().iter().find_map(|&d| e.denominator_value(d).map(|v| (d, v)));
    // Total equity and total debt given apart: negative equity counts as 0
    // (PCAF 5.1 fn 42, 5.2 fn 75, 5.3 fn 107).
    if chosen.is_none()
        && class.denominators().contains(&Denominator::TotalEquityPlusDebt)
        && (e.total_equity.is_some() || e.total_debt.is_some())
    {
        let equity = e.total_equity.unwrap_or_default();
        let debt = e.total_debt.unwrap_or_default();
        if equity.is_sign_negative() && !equity.is_zero() {
            note(
                notes,
                e.row,
                Field::TotalEquity,
                format!(
                    "total_equity is negative ({equity}): counted as 0, so the denominator is the debt alone \
                     (PCAF Part A 3rd ed., 5.1 fn 42, 5.2 fn 75, 5.3 fn 107)"
                ),
                format!(
                    "所有者权益（total_equity）为负（{equity}）：按0计，分母仅为负债（PCAF 第A部分第3版 5.1 脚注42、5.2 脚注75、5.3 脚注107）"
                ),
            );
        }
        let v =
            arithmetic::add(equity.max(Decimal::ZERO), debt).map_err(|a| error(e.row, Field::TotalDebt, a.into()))?;
        chosen = Some((Denominator::TotalEquityPlusDebt, v));
    }
    let (denominator, value) = match chosen {
        Some(c) => c,
        None if class == AssetClass::MotorVehicleLoan => {
            note(
                notes,
                e.row,
                Field::VehicleValue,
                "vehicle_value is blank: the vehicle's value at origination is unknown, so the loan is \
                 attributed at 100 % (PCAF Part A 3rd ed., 5.6, p. 91)"
                    .to_owned(),
                "车辆价值（vehicle_value）为空：发放时车辆价值未知，贷款按100%归因（PCAF 第A部分第3版 5.6，第91页）"
                    .to_owned(),
            );
            return Ok((Denominator::UnknownVehicleValue, e.outstanding, Decimal::ONE));
        }
        None => {
            let d = class.denominators()[0];
            let names: Vec<&str> = class.denominators().iter().filter_map(|d| d.column()).map(Field::name).collect();
            let mut what = format!(
                "a {} exposure is attributed by outstanding ÷ {} (PCAF Part A 3rd ed., {}): give {}",
                class,
                class.denominators().iter().map(|d| d.describe()).collect::<Vec<_>>().join(" or "),
                class.section(),
                names.join(" or ")
            );
            if class.denominators().contains(&Denominator::TotalEquityPlusDebt) {
                what.push_str(" (or total_equity and total_debt)");
            }
            return Err(error(
                e.row,
                d.column().unwrap_or(Field::Outstanding),
                CalcErrorKind::MissingValue { field: d.column().unwrap_or(Field::Outstanding), what },
            ));
        }
    };
    let field = denominator.column().unwrap_or(Field::Outstanding);
    if value <= Decimal::ZERO {
        return Err(error(
            e.row,
            field,
            CalcErrorKind::Invalid {
                expected: format!("a {} above 0 to divide the outstanding amount by", denominator.describe()),
                found: value.to_string(),
            },
        ));
    }
    let af = arithmetic::div(e.outstanding, value).map_err(|a| error(e.row, field, a.into()))?;
    if af > Decimal::ONE {
        note(
            notes,
            e.row,
            field,
            format!(
                "attribution factor {} is above 1 ({} {} > {} {}): PCAF Part A sets no cap for {} \
                 (only sub-sovereign debt, 5.10, is capped), so it is used as computed; check the denominator",
                af.round_dp(4).normalize(),
                "outstanding",
                e.outstanding.normalize(),
                field,
                value.normalize(),
                class
            ),
            format!(
                "归因因子 {} 大于1（outstanding {} > {field} {}）：PCAF 第A部分对 {class} 未设上限（仅次主权债务 5.10 设上限），按计算值采用；请核对分母",
                af.round_dp(4).normalize(),
                e.outstanding.normalize(),
                value.normalize(),
            ),
        );
    }
    Ok((denominator, value, af))
}

/// One exposure's figures: attribution factor × emissions of each scope,
/// computed as outstanding × emissions ÷ denominator (the division last).
///
/// # Errors
///
/// As [`attribution`]; emissions missing (Scope 1 and Scope 2 both blank);
/// a figure out of range.
///
/// ```
/// use carbonbook_core::dec;
/// use carbonbook_core::finance::{pcaf, AssetClass, Exposure};
/// // PCAF 5.9, p. 144: exposure (USD) ÷ PPP-adjusted GDP (international $).
/// let mut bond = Exposure::new("S1", AssetClass::SovereignDebt, dec!(30000000));
/// bond.ppp_gdp = Some(dec!(950000000000));
/// bond.scope1_t = Some(dec!(410000000));
/// let r = pcaf::exposure(&bond, &mut Vec::new()).unwrap();
/// // 30 m × 410 Mt ÷ 950 bn = 12,947.368… t
/// assert_eq!(r.financed_t_co2e.round_dp(2), dec!(12947.37));
/// ```
pub fn exposure(e: &Exposure, notes: &mut Vec<Note>) -> Result<ExposureResult, CalcError> {
    exposure_all(e, notes).map_err(|mut all| all.swap_remove(0))
}

/// [`exposure`], with every problem of the row: the emissions and the
/// denominator are checked apart, so a row missing both is told both.
fn exposure_all(e: &Exposure, notes: &mut Vec<Note>) -> Result<ExposureResult, Vec<CalcError>> {
    let no_emissions = (e.scope1_t.is_none() && e.scope2_t.is_none()).then(|| {
        error(
            e.row,
            Field::Scope1T,
            CalcErrorKind::MissingValue {
                field: Field::Scope1T,
                what: "the counterparty's emissions are needed: give scope1_t and scope2_t (t CO2e), \
                   or a carbonbook summary in summary_json"
                    .to_owned(),
            },
        )
    });
    let (denominator, denominator_value, attribution_factor) = match (no_emissions, attribution(e, notes)) {
        (None, Ok(a)) => a,
        (missing, attributed) => return Err(missing.into_iter().chain(attributed.err()).collect()),
    };
    figures(e, denominator, denominator_value, attribution_factor).map_err(|x| vec![x])
}

fn figures(
    e: &Exposure,
    denominator: Denominator,
    denominator_value: Decimal,
    attribution_factor: Decimal,
) -> Result<ExposureResult, CalcError> {
    let ratio = Ratio::new(e.outstanding, denominator_value);
    let apply = |t: Decimal, field: crate::field::Field| ratio.apply(t).map_err(|a| error(e.row, field, a.into()));
    let s1 = apply(e.scope1_t.unwrap_or_default(), Field::Scope1T)?;
    let s2 = apply(e.scope2_t.unwrap_or_default(), Field::Scope2T)?;
    let financed = arithmetic::add(s1, s2).map_err(|a| error(e.row, Field::Scope2T, a.into()))?;
    let s3 = e.scope3_t.map(|t| apply(t, Field::Scope3T)).transpose()?;
    Ok(ExposureResult {
        row: e.row,
        exposure_id: e.exposure_id.clone(),
        asset_class: e.asset_class,
        counterparty: e.counterparty.clone(),
        outstanding: e.outstanding,
        denominator,
        denominator_value,
        attribution_factor,
        financed_scope1_t_co2e: s1,
        financed_scope2_t_co2e: s2,
        financed_t_co2e: financed,
        financed_scope3_t_co2e: s3,
        data_quality: e.data_quality,
    })
}

/// Σ(outstanding × score) ÷ Σ outstanding over the scored exposures
/// (PCAF Part A 3rd ed., 6.1 p. 167, Box 6.1-6); `None` when none is
/// scored or their outstanding sums to 0.
///
/// # Errors
///
/// A sum out of range.
///
/// ```
/// use carbonbook_core::dec;
/// use carbonbook_core::finance::pcaf::weighted_score;
/// // 10 at score 1 and 30 at score 3: (10 × 1 + 30 × 3) ÷ 40 = 2.5
/// assert_eq!(weighted_score([(dec!(10), 1), (dec!(30), 3)])?, Some(dec!(2.5)));
/// # Ok::<(), carbonbook_core::arithmetic::ArithmeticError>(())
/// ```
pub fn weighted_score<I: IntoIterator<Item = (Decimal, u8)>>(scored: I) -> Result<Option<Decimal>, ArithmeticError> {
    let (mut weight, mut amount) = (Decimal::ZERO, Decimal::ZERO);
    for (outstanding, score) in scored {
        weight = arithmetic::add(weight, arithmetic::mul(outstanding, Decimal::from(score))?)?;
        amount = arithmetic::add(amount, outstanding)?;
    }
    if amount.is_zero() { Ok(None) } else { arithmetic::div(weight, amount).map(Some) }
}

/// Computes every exposure; problems go to `errors`, warnings to `notes`.
pub(super) fn compute(exposures: &[Exposure], errors: &mut Vec<CalcError>, notes: &mut Vec<Note>) -> Portfolio {
    let mut p = Portfolio { exposures: Vec::with_capacity(exposures.len()), ..Portfolio::default() };
    let mut seen: rustc_hash::FxHashMap<&str, Option<u32>> = rustc_hash::FxHashMap::default();
    let mut unscored = crate::calculation::RowList::default();
    let mut unscored_count = 0usize;
    for e in exposures {
        if let Some(first) = seen.insert(e.exposure_id.as_str(), e.row) {
            seen.insert(e.exposure_id.as_str(), first);
            errors.push(error(
                e.row,
                Field::ExposureId,
                CalcErrorKind::Duplicate { id: e.exposure_id.clone(), first_row: first.unwrap_or(0) },
            ));
            continue;
        }
        match exposure_all(e, notes) {
            Ok(r) => {
                if r.data_quality.is_none() {
                    unscored_count += 1;
                    if r.row.is_some() {
                        unscored.add(r.row);
                    }
                }
                p.exposures.push(r);
            }
            Err(x) => errors.extend(x),
        }
    }
    if unscored_count > 0 {
        let (rows, rows_zh) = if unscored.is_empty() {
            (String::new(), String::new())
        } else {
            (format!(" ({})", unscored.en()), format!("（{}）", unscored.zh()))
        };
        notes.push(Note {
            sheet: InputSheet::Portfolio,
            row: unscored.first(),
            field: Some(Field::DataQuality),
            message: format!(
                "data_quality is blank in {unscored_count} row(s){rows}: they are left out of the weighted \
                 data-quality score (PCAF Part A 3rd ed., 6.1, p. 167, asks for a score per exposure)"
            ),
            message_zh: Some(format!(
                "{unscored_count} 行未填数据质量评分（data_quality）{rows_zh}：不计入加权数据质量评分（PCAF 第A部分第3版 6.1，第167页，要求每笔敞口给出评分）"
            )),
        });
    }
    if let Err(a) = totals(&mut p) {
        errors.push(error(None, Field::Outstanding, a.into()));
    }
    p
}

/// `a + b` where either may be absent; absent when both are.
fn add_opt(a: Option<Decimal>, b: Option<Decimal>) -> Result<Option<Decimal>, ArithmeticError> {
    match (a, b) {
        (Some(a), Some(b)) => arithmetic::add(a, b).map(Some),
        (a, b) => Ok(a.or(b)),
    }
}

/// Fills the class and portfolio totals from the exposures.
fn totals(p: &mut Portfolio) -> Result<(), ArithmeticError> {
    let add = arithmetic::add;
    let mut classes: Vec<AssetClassTotal> = Vec::new();
    for r in &p.exposures {
        let i = match classes.iter().position(|c| c.asset_class == r.asset_class) {
            Some(i) => i,
            None => {
                classes.push(AssetClassTotal {
                    asset_class: r.asset_class,
                    exposures: 0,
                    outstanding: Decimal::ZERO,
                    financed_t_co2e: Decimal::ZERO,
                    financed_scope3_t_co2e: None,
                    weighted_data_quality: None,
                    denominators: Vec::new(),
                    options: Vec::new(),
                    scored_outstanding: Decimal::ZERO,
                    score_weight: Decimal::ZERO,
                });
                classes.len() - 1
            }
        };
        let c = &mut classes[i];
        c.exposures += 1;
        c.outstanding = add(c.outstanding, r.outstanding)?;
        c.financed_t_co2e = add(c.financed_t_co2e, r.financed_t_co2e)?;
        c.financed_scope3_t_co2e = add_opt(c.financed_scope3_t_co2e, r.financed_scope3_t_co2e)?;
        if !c.denominators.contains(&r.denominator) {
            c.denominators.push(r.denominator);
        }
        if let Some(dq) = r.data_quality {
            c.scored_outstanding = add(c.scored_outstanding, r.outstanding)?;
            c.score_weight = add(c.score_weight, arithmetic::mul(r.outstanding, Decimal::from(dq.score))?)?;
            if let Some(o) = dq.option
                && !c.options.contains(&o)
            {
                c.options.push(o);
            }
        }
    }
    classes.sort_by_key(|c| c.asset_class);
    let (mut scored, mut weight) = (Decimal::ZERO, Decimal::ZERO);
    for c in &mut classes {
        c.denominators.sort();
        c.options.sort();
        c.weighted_data_quality = if c.scored_outstanding.is_zero() {
            None
        } else {
            Some(arithmetic::div(c.score_weight, c.scored_outstanding)?)
        };
        p.outstanding = add(p.outstanding, c.outstanding)?;
        p.financed_t_co2e = add(p.financed_t_co2e, c.financed_t_co2e)?;
        p.financed_scope3_t_co2e = add_opt(p.financed_scope3_t_co2e, c.financed_scope3_t_co2e)?;
        scored = add(scored, c.scored_outstanding)?;
        weight = add(weight, c.score_weight)?;
    }
    p.weighted_data_quality = if scored.is_zero() { None } else { Some(arithmetic::div(weight, scored)?) };
    p.per_million_invested = if p.outstanding.is_zero() {
        None
    } else {
        Some(Ratio::new(Decimal::from(1_000_000), p.outstanding).apply(p.financed_t_co2e)?)
    };
    p.by_asset_class = classes;
    Ok(())
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn loan(id: &str, outstanding: Decimal, denominator: Decimal, s1: Decimal, s2: Decimal) -> Exposure {
        let mut e = Exposure::new(id, AssetClass::BusinessLoan, outstanding);
        e.total_equity_plus_debt = Some(denominator);
        (e.scope1_t, e.scope2_t) = (Some(s1), Some(s2));
        e
    }

    /// A row with neither emissions nor its denominator is told both.
    #[test]
    fn emissions_and_denominator_are_checked_apart() {
        let mut e = Exposure::new("X", AssetClass::ListedEquity, dec!(100));
        e.row = Some(4);
        let mut errors = Vec::new();
        compute(&[e], &mut errors, &mut Vec::new());
        let fields: Vec<_> = errors.iter().map(|e| (e.row, e.field)).collect();
        assert_eq!(fields, [(Some(4), Some(Field::Scope1T)), (Some(4), Some(Field::Evic))]);
    }

    /// PCAF Part A 3rd ed., 5.2 p. 57: AF = outstanding ÷ (total equity +
    /// debt); financed = AF × (Scope 1 + Scope 2). 5 m ÷ 25 m = 0.2;
    /// 0.2 × 18,000 = 3,600 t and 0.2 × 2,500 = 500 t, 4,100 t in all.
    #[test]
    fn business_loan_over_equity_plus_debt() {
        let r = exposure(&loan("BL", dec!(5000000), dec!(25000000), dec!(18000), dec!(2500)), &mut Vec::new()).unwrap();
        assert_eq!(r.attribution_factor, dec!(0.2));
        assert_eq!(r.financed_scope1_t_co2e, dec!(3600));
        assert_eq!(r.financed_scope2_t_co2e, dec!(500));
        assert_eq!(r.financed_t_co2e, dec!(4100));
        assert_eq!(r.financed_scope3_t_co2e, None);
    }

    /// PCAF 5.2 fn 75: negative equity counts as 0. Equity −2 m, debt 25 m:
    /// the denominator is 25 m, not 23 m.
    #[test]
    fn negative_equity_counts_as_zero() {
        let mut e = loan("BL", dec!(5000000), dec!(1), dec!(18000), dec!(2500));
        e.total_equity_plus_debt = None;
        (e.total_equity, e.total_debt) = (Some(dec!(-2000000)), Some(dec!(25000000)));
        let mut notes = Vec::new();
        let r = exposure(&e, &mut notes).unwrap();
        assert_eq!(r.denominator_value, dec!(25000000));
        assert_eq!(r.attribution_factor, dec!(0.2));
        assert!(notes[0].message.contains("fn 75"), "{notes:?}");
    }

    /// PCAF 5.1, p. 42: listed equity over EVIC. 10 m in a company of EVIC
    /// 200 m emitting 50,000 t (S1) + 10,000 t (S2) + 400,000 t (S3):
    /// 0.05 × 60,000 = 3,000 t; Scope 3 apart, 0.05 × 400,000 = 20,000 t.
    #[test]
    fn listed_equity_over_evic_scope3_apart() {
        let mut e = Exposure::new("LE", AssetClass::ListedEquity, dec!(10000000));
        e.evic = Some(dec!(200000000));
        (e.scope1_t, e.scope2_t, e.scope3_t) = (Some(dec!(50000)), Some(dec!(10000)), Some(dec!(400000)));
        let r = exposure(&e, &mut Vec::new()).unwrap();
        assert_eq!(r.attribution_factor, dec!(0.05));
        assert_eq!(r.financed_t_co2e, dec!(3000));
        assert_eq!(r.financed_scope3_t_co2e, Some(dec!(20000)));
    }

    #[test]
    fn a_missing_denominator_names_its_column() {
        let mut e = Exposure::new("M1", AssetClass::Mortgage, dec!(300000));
        e.scope1_t = Some(dec!(2));
        let err = exposure(&e, &mut Vec::new()).unwrap_err();
        assert_eq!(err.field, Some(Field::PropertyValue));
        assert!(err.to_string().contains("PCAF Part A 3rd ed., 5.5"), "{err}");
        let mut e = Exposure::new("L", AssetClass::ListedEquity, dec!(1));
        e.scope1_t = Some(dec!(2));
        e.evic = Some(dec!(0));
        assert_eq!(exposure(&e, &mut Vec::new()).unwrap_err().field, Some(Field::Evic));
    }

    /// PCAF sets no cap for mortgages: a loan of 105 % of the property value
    /// is attributed 1.05, with a warning.
    #[test]
    fn attribution_above_one_is_kept_and_warned() {
        let mut e = Exposure::new("M", AssetClass::Mortgage, dec!(210000));
        e.property_value = Some(dec!(200000));
        e.scope1_t = Some(dec!(4));
        let mut notes = Vec::new();
        let r = exposure(&e, &mut notes).unwrap();
        assert_eq!(r.attribution_factor, dec!(1.05));
        assert_eq!(r.financed_t_co2e, dec!(4.2));
        assert!(notes[0].message.contains("above 1"));
    }

    /// Box 6.1-6 arithmetic: weighted score = Σ(outstanding × score) ÷ Σ
    /// outstanding; per million invested = financed ÷ outstanding × 10^6.
    #[test]
    fn portfolio_totals() {
        let mut a = loan("A", dec!(5000000), dec!(25000000), dec!(18000), dec!(2500));
        a.data_quality = DataQuality::score(2);
        let mut b = Exposure::new("B", AssetClass::Mortgage, dec!(300000));
        b.property_value = Some(dec!(400000));
        b.scope1_t = Some(dec!(4));
        b.data_quality = Some(DataQuality::parse(AssetClass::Mortgage, "2b").unwrap());
        let (mut errors, mut notes) = (Vec::new(), Vec::new());
        let p = compute(&[a, b], &mut errors, &mut notes);
        assert!(errors.is_empty());
        assert_eq!(p.financed_t_co2e, dec!(4103));
        assert_eq!(p.outstanding, dec!(5300000));
        // (5,000,000 × 2 + 300,000 × 4) ÷ 5,300,000 = 11,200,000 ÷ 5,300,000
        assert_eq!(p.weighted_data_quality, Some(dec!(11200000) / dec!(5300000)));
        assert_eq!(p.per_million_invested, Some(dec!(4103) * dec!(1000000) / dec!(5300000)));
        assert_eq!(p.by_asset_class.len(), 2);
        assert_eq!(p.by_asset_class[1].weighted_data_quality, Some(dec!(4)));
        assert_eq!(p.by_asset_class[1].options, [PcafOption::O2b]);
    }

    fn emitting(mut e: Exposure, s1: Decimal, s2: Decimal) -> Exposure {
        (e.scope1_t, e.scope2_t) = (Some(s1), Some(s2));
        e
    }

    /// PCAF Part A 3rd ed., 5.1 p. 42: a corporate bond of a listed issuer
    /// over EVIC; of a private issuer (no EVIC) over total equity + debt.
    /// 20 m ÷ EVIC 400 m = 0.05; × (8,000 + 2,000) = 500 t.
    /// 20 m ÷ (E + D) 160 m = 0.125; × 10,000 = 1,250 t.
    #[test]
    fn corporate_bond_over_evic_or_equity_plus_debt() {
        let mut listed =
            emitting(Exposure::new("CB1", AssetClass::CorporateBond, dec!(20000000)), dec!(8000), dec!(2000));
        listed.evic = Some(dec!(400000000));
        listed.total_equity_plus_debt = Some(dec!(160000000));
        let r = exposure(&listed, &mut Vec::new()).unwrap();
        assert_eq!(
            (r.denominator, r.attribution_factor, r.financed_t_co2e),
            (Denominator::Evic, dec!(0.05), dec!(500))
        );
        let mut private = listed.clone();
        private.evic = None;
        let r = exposure(&private, &mut Vec::new()).unwrap();
        assert_eq!(r.denominator, Denominator::TotalEquityPlusDebt);
        assert_eq!((r.attribution_factor, r.financed_t_co2e), (dec!(0.125), dec!(1250)));
    }

    /// PCAF 5.2 p. 57: unlisted equity over total equity + debt; 5.3
    /// pp. 67–69: project finance over the project's total equity + debt.
    /// Unlisted: 3 m ÷ 12 m = 0.25; × (400 + 40) = 110 t.
    /// Project: 90 m ÷ 300 m = 0.3; × (1,000 + 0) = 300 t.
    #[test]
    fn unlisted_equity_and_project_finance_over_equity_plus_debt() {
        let mut u = emitting(Exposure::new("UE", AssetClass::UnlistedEquity, dec!(3000000)), dec!(400), dec!(40));
        u.total_equity_plus_debt = Some(dec!(12000000));
        u.evic = Some(dec!(1)); // EVIC is not a denominator of unlisted equity: ignored
        let r = exposure(&u, &mut Vec::new()).unwrap();
        assert_eq!((r.attribution_factor, r.financed_t_co2e), (dec!(0.25), dec!(110)));
        let mut pf = emitting(Exposure::new("PF", AssetClass::ProjectFinance, dec!(90000000)), dec!(1000), dec!(0));
        (pf.total_equity, pf.total_debt) = (Some(dec!(100000000)), Some(dec!(200000000)));
        let r = exposure(&pf, &mut Vec::new()).unwrap();
        assert_eq!(
            (r.denominator_value, r.attribution_factor, r.financed_t_co2e),
            (dec!(300000000), dec!(0.3), dec!(300))
        );
    }

    /// PCAF 5.4 pp. 78–79: commercial real estate over the property value
    /// at origination. 6 m ÷ 15 m = 0.4; × (120 + 380) = 200 t.
    /// PCAF 5.6 p. 91: a motor vehicle loan over the vehicle's value at
    /// origination. 24,000 ÷ 30,000 = 0.8; × 3.1 t = 2.48 t.
    #[test]
    fn real_estate_and_vehicles_over_value_at_origination() {
        let mut cre =
            emitting(Exposure::new("CRE", AssetClass::CommercialRealEstate, dec!(6000000)), dec!(120), dec!(380));
        cre.property_value = Some(dec!(15000000));
        let r = exposure(&cre, &mut Vec::new()).unwrap();
        assert_eq!(
            (r.denominator, r.attribution_factor, r.financed_t_co2e),
            (Denominator::PropertyValue, dec!(0.4), dec!(200))
        );
        let mut car = emitting(Exposure::new("MV", AssetClass::MotorVehicleLoan, dec!(24000)), dec!(3.1), dec!(0));
        car.vehicle_value = Some(dec!(30000));
        let mut notes = Vec::new();
        let r = exposure(&car, &mut notes).unwrap();
        assert_eq!(
            (r.denominator, r.attribution_factor, r.financed_t_co2e),
            (Denominator::VehicleValue, dec!(0.8), dec!(2.48))
        );
        assert!(notes.is_empty(), "a known vehicle value gives no warning: {notes:?}");
    }

    /// PCAF 5.9 p. 144: sovereign debt, exposure (USD) ÷ PPP-adjusted GDP
    /// (international $). 500 m ÷ 2,000 bn = 0.00025; × 800 Mt (Scope 1)
    /// = 200,000 t; Scope 2 (imported power) 40 Mt × 0.00025 = 10,000 t.
    #[test]
    fn sovereign_debt_over_ppp_gdp() {
        let mut s =
            emitting(Exposure::new("SD", AssetClass::SovereignDebt, dec!(500000000)), dec!(800000000), dec!(40000000));
        s.ppp_gdp = Some(dec!(2000000000000));
        let r = exposure(&s, &mut Vec::new()).unwrap();
        assert_eq!((r.denominator, r.attribution_factor), (Denominator::PppGdp, dec!(0.00025)));
        assert_eq!(
            (r.financed_scope1_t_co2e, r.financed_scope2_t_co2e, r.financed_t_co2e),
            (dec!(200000), dec!(10000), dec!(210000))
        );
        s.ppp_gdp = None;
        let e = exposure(&s, &mut Vec::new()).unwrap_err();
        assert_eq!(e.field, Some(Field::PppGdp));
        assert!(e.to_string().contains("5.9"), "{e}");
    }

    /// Each class reads an option in its own table: option 2a is score 2
    /// for corporates (Table 5.2-1), 3 for real estate (Tables 5.4-1,
    /// 5.5-1) and 2 for vehicles (Table 5.6-1); 1b is 2 for corporates and
    /// 1 for vehicles; sovereign debt has option 2 (score 3, Table 5.9-6)
    /// but no 2a; 3c exists only for the corporate classes.
    #[test]
    fn data_quality_options_by_each_class_table() {
        let score = |c, t: &str| DataQuality::parse(c, t).map(|d| d.score);
        for c in [
            AssetClass::ListedEquity,
            AssetClass::CorporateBond,
            AssetClass::BusinessLoan,
            AssetClass::UnlistedEquity,
            AssetClass::ProjectFinance,
        ] {
            let got: Vec<u8> =
                ["1a", "1b", "2a", "2b", "3a", "3b", "3c"].iter().map(|o| score(c, o).unwrap()).collect();
            assert_eq!(got, [1, 2, 2, 3, 4, 5, 5], "{c}");
        }
        for c in [AssetClass::CommercialRealEstate, AssetClass::Mortgage] {
            let got: Vec<u8> = ["1a", "1b", "2a", "2b"].iter().map(|o| score(c, o).unwrap()).collect();
            assert_eq!(got, [1, 2, 3, 4], "{c}");
            assert!(score(c, "3b").is_err() && score(c, "3c").is_err(), "{c}");
        }
        let got: Vec<u8> = ["1a", "1b", "2a", "2b", "3a", "3b"]
            .iter()
            .map(|o| score(AssetClass::MotorVehicleLoan, o).unwrap())
            .collect();
        assert_eq!(got, [1, 1, 2, 3, 4, 5]);
        let sd = AssetClass::SovereignDebt;
        let got: Vec<u8> = ["1a", "1b", "3a", "3b"].iter().map(|o| score(sd, o).unwrap()).collect();
        assert_eq!(got, [1, 2, 4, 5]);
        assert!(score(sd, "2a").is_err());
        // A bare digit is the score itself, and the option is not recorded.
        assert_eq!(DataQuality::parse(sd, "2"), Ok(DataQuality { score: 2, option: None }));
        assert_eq!(
            DataQuality::parse(AssetClass::Mortgage, " 2B "),
            Ok(DataQuality { score: 4, option: Some(PcafOption::O2b) })
        );
        assert!(DataQuality::parse(AssetClass::BusinessLoan, "0").is_err());
        assert!(DataQuality::parse(AssetClass::BusinessLoan, "2.5").is_err());
    }

    /// Scope 3 is kept apart (6.1 p. 162): it never enters the Scopes 1
    /// and 2 total, and a class none of whose exposures gives it has no
    /// Scope 3 total (not reported is not zero). Per million invested
    /// (6.1 p. 166): 4,100 t + 3,000 t over 15 m = 473.33… t per million.
    #[test]
    fn scope3_apart_and_per_million_invested() {
        let a = loan("A", dec!(5000000), dec!(25000000), dec!(18000), dec!(2500));
        let mut b = Exposure::new("B", AssetClass::ListedEquity, dec!(10000000));
        b.evic = Some(dec!(200000000));
        (b.scope1_t, b.scope2_t, b.scope3_t) = (Some(dec!(50000)), Some(dec!(10000)), Some(dec!(400000)));
        let (mut errors, mut notes) = (Vec::new(), Vec::new());
        let p = compute(&[a, b], &mut errors, &mut notes);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.financed_t_co2e, dec!(7100));
        assert_eq!(p.financed_scope3_t_co2e, Some(dec!(20000)));
        let le = p.by_asset_class.iter().find(|c| c.asset_class == AssetClass::ListedEquity).unwrap();
        let bl = p.by_asset_class.iter().find(|c| c.asset_class == AssetClass::BusinessLoan).unwrap();
        assert_eq!((le.financed_scope3_t_co2e, bl.financed_scope3_t_co2e), (Some(dec!(20000)), None));
        // Classes come in the contract's order, whatever the sheet's order.
        assert_eq!(p.by_asset_class[0].asset_class, AssetClass::ListedEquity);
        assert_eq!(p.per_million_invested, Some(dec!(7100) * dec!(1000000) / dec!(15000000)));
        assert_eq!(p.per_million_invested.unwrap().round_dp(2), dec!(473.33));
        // No exposure is scored: no weighted score, and a warning naming the rows.
        assert_eq!(p.weighted_data_quality, None);
        assert!(notes.iter().any(|n| n.message.contains("data_quality is blank in 2 row(s)")), "{notes:?}");
    }

    /// Negative equity with no debt leaves nothing to divide by: an error
    /// on the cell, not a division by zero.
    #[test]
    fn negative_equity_and_no_debt_is_an_error() {
        let mut e = Exposure::new("N", AssetClass::BusinessLoan, dec!(1));
        e.scope1_t = Some(dec!(1));
        (e.total_equity, e.total_debt) = (Some(dec!(-5)), Some(dec!(0)));
        let mut notes = Vec::new();
        let err = exposure(&e, &mut notes).unwrap_err();
        assert_eq!(err.field, Some(Field::TotalEquityPlusDebt));
        assert!(notes[0].message.contains("negative"));
    }

    #[test]
    fn duplicate_ids_and_missing_emissions() {
        let a = loan("A", dec!(1), dec!(2), dec!(3), dec!(4));
        let mut b = Exposure::new("B", AssetClass::BusinessLoan, dec!(1));
        b.total_equity_plus_debt = Some(dec!(3));
        let (mut errors, mut notes) = (Vec::new(), Vec::new());
        compute(&[a.clone(), a, b], &mut errors, &mut notes);
        assert_eq!(errors.len(), 2);
        assert!(matches!(errors[0].kind, CalcErrorKind::Duplicate { .. }));
        assert_eq!(errors[1].field, Some(Field::Scope1T));
    }
}
