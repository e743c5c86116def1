//! Green finance: the emissions a lender or investor finances (PCAF) and
//! the emission reductions of the green projects it funds.
//!
//! Two inputs, two computations (workbook-v2 §9):
//!
//! * a **portfolio** of [`Exposure`]s (the `Portfolio` sheet), each
//!   attributed its share of the counterparty's emissions by the rules of
//!   the PCAF *Global GHG Accounting and Reporting Standard, Part A:
//!   Financed Emissions*, third edition, December 2025 ([`pcaf`]);
//! * a list of financed green [`Project`]s (the `Projects` sheet), each
//!   giving its emission reduction, the standard coal it saves and the
//!   share of both attributed to the loan ([`projects`]).
//!
//! [`compute`] runs both and returns every problem at once, each naming its
//! sheet, row and column; warnings (an attribution factor above 1, a
//! negative equity set to 0, a vehicle of unknown value) never stop it.
//!
//! ```
//! use carbonbook_core::dec;
//! use carbonbook_core::finance::{self, AssetClass, Exposure, Project, ProjectKind};
//!
//! // A business loan of 5 m to a borrower with 20 m equity + 30 m debt that
//! // emits 1,000 t (Scope 1) and 200 t (Scope 2): attribution 5 / 50 = 0.1.
//! let mut loan = Exposure::new("L1", AssetClass::BusinessLoan, dec!(5000000));
//! loan.total_equity_plus_debt = Some(dec!(50000000));
//! (loan.scope1_t, loan.scope2_t) = (Some(dec!(1000)), Some(dec!(200)));
//! // A wind farm: 100,000 MWh × (0.75 × 0.9 + 0.25 × 0.3) t/MWh = 75,000 t,
//! // 40 % of it financed by the loan.
//! let mut wind = Project::new("W1", ProjectKind::Wind);
//! wind.net_generation_mwh = Some(dec!(100000));
//! (wind.om_factor, wind.bm_factor) = (Some(dec!(0.9)), Some(dec!(0.3)));
//! (wind.loan_balance, wind.total_investment) = (Some(dec!(40)), Some(dec!(100)));
//!
//! let f = finance::compute(&[loan], &[wind]).map_err(|e| e.errors)?;
//! assert_eq!(f.portfolio.financed_t_co2e, dec!(120));
//! assert_eq!(f.projects.reduction_t, dec!(75000));
//! assert_eq!(f.projects.attributed_reduction_t, dec!(30000));
//! # Ok::<(), Vec<carbonbook_core::error::CalcError>>(())
//! ```

pub mod pcaf;
pub mod projects;

pub use pcaf::{
    AssetClass, AssetClassTotal, DataQuality, Denominator, Exposure, ExposureResult, PcafOption, Portfolio,
};
pub use projects::{Project, ProjectKind, ProjectResult, Projects, ReductionMethod};

use crate::error::{CalcError, InputSheet};

/// Something the user should know about a Portfolio or Projects row that
/// did not stop the computation (the engine turns it into a
/// [`Warning`](crate::calculation::Warning)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// `Portfolio` or `Projects`.
    pub sheet: InputSheet,
    /// The row.
    pub row: Option<u32>,
    /// The column it is about, when it is about one cell.
    pub field: Option<crate::field::Field>,
    /// What happened, naming the column and the rule.
    pub message: String,
    /// The same in Chinese.
    pub message_zh: Option<String>,
}

/// Financed emissions and project reductions of a book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finance {
    /// The PCAF figures of the `Portfolio` sheet.
    pub portfolio: Portfolio,
    /// The figures of the `Projects` sheet.
    pub projects: Projects,
    /// Warnings, in sheet order.
    pub notes: Vec<Note>,
}

/// Why [`compute`] gave no figures: every problem, and the warnings found
/// on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinanceErrors {
    /// Every problem, each naming its sheet, row and column.
    pub errors: Vec<CalcError>,
    /// Warnings.
    pub notes: Vec<Note>,
}

/// Computes a portfolio and a list of projects; every problem of both in
/// one go.
///
/// # Errors
///
/// [`FinanceErrors`] with every problem found (a denominator missing, a
/// marginal factor missing, a number out of range).
pub fn compute(exposures: &[Exposure], projects: &[Project]) -> Result<Finance, FinanceErrors> {
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    let portfolio = pcaf::compute(exposures, &mut errors, &mut notes);
    let projects = projects::compute(projects, &mut errors, &mut notes);
    if errors.is_empty() { Ok(Finance { portfolio, projects, notes }) } else { Err(FinanceErrors { errors, notes }) }
}
