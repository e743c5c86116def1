//! The emission reductions of financed green projects (the `Projects`
//! sheet, workbook-v2 §9), the standard coal they save and the share
//! attributed to the loan.
//!
//! **Reduction.** Where the row gives `baseline_t`, the reduction is
//! baseline − project emissions. Otherwise a project that feeds the grid
//! displaces the grid's *marginal* generation: reduction = net generation ×
//! EF_CM − project emissions (CDM ACM0002, ER_y = BE_y − PE_y with BE_y =
//! EG_y × EF_grid,CM,y), where the combined margin
//! EF_CM = w_OM × EF_OM + w_BM × EF_BM (CDM methodological tool 07, *Tool
//! to calculate the emission factor for an electricity system*, Step 6;
//! version 07.0 is the one China's 2024 regional OM/BM note applies). The
//! weights ([`ProjectKind::weights`]) are the tool's: wind and solar
//! w_OM = 0.75, w_BM = 0.25 in every crediting period; every other project
//! 0.5 / 0.5 in the first crediting period and 0.25 / 0.75 in the second
//! and third (grade C: two independent transcriptions of the tool and one
//! secondary text agree).
//!
//! The OM and BM factors are inputs (`om_factor`, `bm_factor`, t CO2/MWh):
//! the values of the published editions could not be confirmed, so none is
//! built in. The grid's *average* factor (the Scope 2 factor of the
//! Activities sheet, e.g. 0.5306 t/MWh for China in 2023) is a consumption
//! factor, not a marginal one: it is never used in their place. A row with
//! net generation but no OM or BM factor and no baseline is an error naming
//! the cell.
//!
//! **Standard coal saved** (节约标准煤) is `energy_saved_tce` where given;
//! otherwise, for a project with net generation and a `coal_rate_gce_per_kwh`
//! (the thermal-power supply coal consumption rate the user cites, g of
//! coal equivalent per kWh), net MWh × rate ÷ 1,000 tce (1 MWh = 1,000 kWh,
//! 1 t = 10^6 g). No rate is built in.
//!
//! **Attributed to the loan**: reduction × loan_balance ÷ total_investment
//! (the loan-share rule of the former CBRC's 绿色信贷项目节能减排量测算指引
//! as summarised in the research notes; the guideline's text could not be
//! read, so the rule is applied as the contract states it, workbook-v2 §9).
//!
//! ```
//! use carbonbook_core::dec;
//! use carbonbook_core::finance::projects::{self, Project, ProjectKind};
//! let mut hydro = Project::new("H1", ProjectKind::Hydro);
//! hydro.net_generation_mwh = Some(dec!(200000));
//! (hydro.om_factor, hydro.bm_factor) = (Some(dec!(0.8)), Some(dec!(0.4)));
//! (hydro.loan_balance, hydro.total_investment) = (Some(dec!(1)), Some(dec!(4)));
//! let r = projects::project(&hydro, &mut Vec::new()).unwrap();
//! // 200,000 MWh × (0.5 × 0.8 + 0.5 × 0.4) = 120,000 t; a quarter to the loan.
//! assert_eq!((r.reduction_t, r.attributed_reduction_t), (dec!(120000), dec!(30000)));
//! ```

use crate::field::Field;
use std::fmt;

use rust_decimal::Decimal;

use super::Note;
use crate::arithmetic::{self, ArithmeticError, Ratio};
use crate::error::{CalcError, CalcErrorKind, InputSheet};

/// What a project is (`kind`), which decides the combined-margin weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectKind {
    /// Solar power (`solar`).
    Solar,
    /// Wind power (`wind`).
    Wind,
    /// Hydropower (`hydro`).
    Hydro,
    /// Energy saving (`energy_saving`).
    EnergySaving,
    /// Anything else (`other`).
    Other,
}

impl ProjectKind {
    /// Every kind, in the contract's order.
    pub const ALL: [ProjectKind; 5] =
        [ProjectKind::Solar, ProjectKind::Wind, ProjectKind::Hydro, ProjectKind::EnergySaving, ProjectKind::Other];

    /// The contract's code.
    pub const fn code(self) -> &'static str {
        match self {
            ProjectKind::Solar => "solar",
            ProjectKind::Wind => "wind",
            ProjectKind::Hydro => "hydro",
            ProjectKind::EnergySaving => "energy_saving",
            ProjectKind::Other => "other",
        }
    }

    /// The Chinese name, also accepted on input.
    pub const fn chinese(self) -> &'static str {
        match self {
            ProjectKind::Solar => "光伏",
            ProjectKind::Wind => "风电",
            ProjectKind::Hydro => "水电",
            ProjectKind::EnergySaving => "节能",
            ProjectKind::Other => "其他",
        }
    }

    /// The code or Chinese name.
    ///
    /// ```
    /// use carbonbook_core::finance::ProjectKind;
    /// assert_eq!(ProjectKind::parse(" Energy saving"), Some(ProjectKind::EnergySaving));
    /// assert_eq!(ProjectKind::parse("太阳能"), Some(ProjectKind::Solar));
    /// ```
    pub fn parse(text: &str) -> Option<ProjectKind> {
        let t = text.trim().to_lowercase().replace([' ', '-'], "_");
        ProjectKind::ALL.into_iter().find(|k| {
            t == k.code()
                || t == k.chinese()
                || match k {
                    ProjectKind::Solar => t == "太阳能" || t == "光伏发电" || t == "pv",
                    ProjectKind::Wind => t == "风力发电",
                    ProjectKind::Hydro => t == "水力发电" || t == "hydropower",
                    ProjectKind::EnergySaving => t == "节能改造" || t == "energy_efficiency",
                    ProjectKind::Other => false,
                }
        })
    }

    /// (w_OM, w_BM) of CDM tool 07, Step 6, for the project's crediting
    /// period (1, 2 or 3).
    ///
    /// ```
    /// use carbonbook_core::dec;
    /// use carbonbook_core::finance::ProjectKind;
    /// assert_eq!(ProjectKind::Wind.weights(2), (dec!(0.75), dec!(0.25)));
    /// assert_eq!(ProjectKind::Hydro.weights(1), (dec!(0.5), dec!(0.5)));
    /// assert_eq!(ProjectKind::Hydro.weights(2), (dec!(0.25), dec!(0.75)));
    /// ```
    pub fn weights(self, crediting_period: u8) -> (Decimal, Decimal) {
        match (self, crediting_period) {
            (ProjectKind::Solar | ProjectKind::Wind, _) => (Decimal::new(75, 2), Decimal::new(25, 2)),
            (_, 0 | 1) => (Decimal::new(5, 1), Decimal::new(5, 1)),
            _ => (Decimal::new(25, 2), Decimal::new(75, 2)),
        }
    }
}

impl fmt::Display for ProjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One row of the `Projects` sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Spreadsheet row.
    pub row: Option<u32>,
    /// `project_id`.
    pub project_id: String,
    /// `kind`.
    pub kind: ProjectKind,
    /// `grid_region` (shown; the OM and BM factors are the user's).
    pub grid_region: Option<String>,
    /// `year`.
    pub year: Option<i32>,
    /// `net_generation_mwh`: electricity supplied to the grid.
    pub net_generation_mwh: Option<Decimal>,
    /// `baseline_t`: the baseline emissions, t CO2e.
    pub baseline_t: Option<Decimal>,
    /// `project_t`: the project's own emissions, t CO2e (blank = 0).
    pub project_t: Option<Decimal>,
    /// `energy_saved_tce`.
    pub energy_saved_tce: Option<Decimal>,
    /// `om_factor`, t CO2/MWh.
    pub om_factor: Option<Decimal>,
    /// `bm_factor`, t CO2/MWh.
    pub bm_factor: Option<Decimal>,
    /// `crediting_period` (1 when blank): 2 or 3 changes the weights of
    /// projects other than wind and solar.
    pub crediting_period: Option<u8>,
    /// `coal_rate_gce_per_kwh`: supply coal consumption rate, gce/kWh.
    pub coal_rate_gce_per_kwh: Option<Decimal>,
    /// `loan_balance`.
    pub loan_balance: Option<Decimal>,
    /// `total_investment`.
    pub total_investment: Option<Decimal>,
}

impl Project {
    /// A project with only its id and kind.
    pub fn new(project_id: impl Into<String>, kind: ProjectKind) -> Project {
        Project {
            row: None,
            project_id: project_id.into(),
            kind,
            grid_region: None,
            year: None,
            net_generation_mwh: None,
            baseline_t: None,
            project_t: None,
            energy_saved_tce: None,
            om_factor: None,
            bm_factor: None,
            crediting_period: None,
            coal_rate_gce_per_kwh: None,
            loan_balance: None,
            total_investment: None,
        }
    }
}

/// How a reduction was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReductionMethod {
    /// `baseline_t − project_t`.
    BaselineMinusProject,
    /// Net generation × combined margin − project emissions.
    CombinedMargin {
        /// w_OM.
        w_om: Decimal,
        /// w_BM.
        w_bm: Decimal,
        /// w_OM × OM + w_BM × BM, t CO2/MWh.
        ef_cm: Decimal,
    },
}

impl ReductionMethod {
    /// `baseline` or `combined_margin`.
    pub const fn code(self) -> &'static str {
        match self {
            ReductionMethod::BaselineMinusProject => "baseline",
            ReductionMethod::CombinedMargin { .. } => "combined_margin",
        }
    }
}

/// The figures of one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectResult {
    /// Spreadsheet row.
    pub row: Option<u32>,
    /// `project_id`.
    pub project_id: String,
    /// Its kind.
    pub kind: ProjectKind,
    /// `grid_region`.
    pub grid_region: Option<String>,
    /// How the reduction was computed.
    pub method: ReductionMethod,
    /// Baseline emissions (given, or net generation × EF_CM), t CO2e.
    pub baseline_t: Decimal,
    /// Project emissions, t CO2e.
    pub project_t: Decimal,
    /// Baseline − project, t CO2e.
    pub reduction_t: Decimal,
    /// loan_balance ÷ total_investment.
    pub loan_share: Decimal,
    /// reduction × loan share.
    pub attributed_reduction_t: Decimal,
    /// Standard coal saved, tce (`None` when the row gives no way to know).
    pub energy_saved_tce: Option<Decimal>,
    /// Standard coal saved × loan share.
    pub attributed_energy_saved_tce: Option<Decimal>,
}

/// The figures of every project.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Projects {
    /// Per project, in sheet order.
    pub projects: Vec<ProjectResult>,
    /// Σ reductions.
    pub reduction_t: Decimal,
    /// Σ attributed reductions.
    pub attributed_reduction_t: Decimal,
    /// Σ standard coal saved.
    pub energy_saved_tce: Decimal,
    /// Σ standard coal saved attributed to the loans.
    pub attributed_energy_saved_tce: Decimal,
    /// Σ loan balances.
    pub loan_balance: Decimal,
}

fn error(row: Option<u32>, field: crate::field::Field, kind: CalcErrorKind) -> CalcError {
    CalcError::new(InputSheet::Projects, row, field, kind)
}

fn missing(row: Option<u32>, field: crate::field::Field, what: String) -> CalcError {
    error(row, field, CalcErrorKind::MissingValue { field, what })
}

/// One project's figures.
///
/// # Errors
///
/// Neither a baseline nor net generation with its OM and BM factors; a
/// loan balance or total investment missing; a figure out of range.
///
/// ```
/// use carbonbook_core::dec;
/// use carbonbook_core::finance::projects::{self, Project, ProjectKind};
/// let mut solar = Project::new("S1", ProjectKind::Solar);
/// solar.net_generation_mwh = Some(dec!(1000));
/// solar.om_factor = Some(dec!(0.9));
/// (solar.loan_balance, solar.total_investment) = (Some(dec!(1)), Some(dec!(1)));
/// let e = projects::project(&solar, &mut Vec::new()).unwrap_err();
/// assert_eq!(e.field, Some(carbonbook_core::field::Field::BmFactor));
/// assert!(e.to_string().contains("average"));
/// ```
pub fn project(p: &Project, notes: &mut Vec<Note>) -> Result<ProjectResult, CalcError> {
    project_all(p, notes).map_err(|mut all| all.swap_remove(0))
}

/// [`project`], with every problem of the row: the reduction and its
/// attribution to the loan are checked apart, so a row missing a factor and
/// the loan balance is told both.
fn project_all(p: &Project, notes: &mut Vec<Note>) -> Result<ProjectResult, Vec<CalcError>> {
    let (reduction, attribution) = (reduction(p, notes), loan_and_investment(p));
    match (reduction, attribution) {
        (Ok(r), Ok((loan_balance, total_investment))) => {
            attributed(p, notes, r, loan_balance, total_investment).map_err(|e| vec![e])
        }
        (r, a) => Err(r.err().into_iter().chain(a.err().unwrap_or_default()).collect()),
    }
}

/// A project's reduction before its attribution to the loan.
struct Reduction {
    method: ReductionMethod,
    baseline_t: Decimal,
    project_t: Decimal,
    /// baseline − project.
    reduction_t: Decimal,
}

/// The reduction (a negative one is noted).
fn reduction(p: &Project, notes: &mut Vec<Note>) -> Result<Reduction, CalcError> {
    let row = p.row;
    let ar = |field: crate::field::Field| move |a: ArithmeticError| error(row, field, a.into());
    let project_t = p.project_t.unwrap_or_default();
    let (method, baseline_t) = match (p.baseline_t, p.net_generation_mwh) {
        (Some(b), _) => (ReductionMethod::BaselineMinusProject, b),
        (None, Some(mwh)) => {
            let why = |f: &str| {
                format!(
                    "{f}: without baseline_t the reduction is net_generation_mwh × the combined margin \
                     w_OM × OM + w_BM × BM (CDM tool 07, Step 6); the grid's average (Scope 2) factor is not a \
                     marginal factor and is not used in its place"
                )
            };
            let (Some(om), Some(bm)) = (p.om_factor, p.bm_factor) else {
                let (field, what) = match (p.om_factor, p.bm_factor) {
                    (None, None) => (Field::OmFactor, why("om_factor and bm_factor are needed")),
                    (None, Some(_)) => (Field::OmFactor, why("om_factor is needed")),
                    _ => (Field::BmFactor, why("bm_factor is needed")),
                };
                return Err(missing(row, field, what));
            };
            let (w_om, w_bm) = p.kind.weights(p.crediting_period.unwrap_or(1));
            let ef_cm = arithmetic::add(
                arithmetic::mul(w_om, om).map_err(ar(Field::OmFactor))?,
                arithmetic::mul(w_bm, bm).map_err(ar(Field::BmFactor))?,
            )
            .map_err(ar(Field::BmFactor))?;
            let baseline = arithmetic::mul(mwh, ef_cm).map_err(ar(Field::NetGenerationMwh))?;
            (ReductionMethod::CombinedMargin { w_om, w_bm, ef_cm }, baseline)
        }
        (None, None) => {
            return Err(missing(
                row,
                Field::BaselineT,
                "the reduction needs baseline_t (with project_t), or net_generation_mwh with om_factor and bm_factor"
                    .to_owned(),
            ));
        }
    };
    let reduction_t = arithmetic::sub(baseline_t, project_t).map_err(ar(Field::ProjectT))?;
    if reduction_t.is_sign_negative() && !reduction_t.is_zero() {
        notes.push(Note {
            sheet: InputSheet::Projects,
            row,
            field: Some(Field::ProjectT),
            message: format!(
                "project_t ({}) exceeds the baseline ({}): the reduction is negative",
                project_t.normalize(),
                baseline_t.normalize()
            ),
            message_zh: Some(format!(
                "项目排放（project_t，{}）超过基准线排放（{}）：减排量为负",
                project_t.normalize(),
                baseline_t.normalize()
            )),
        });
    }
    Ok(Reduction { method, baseline_t, project_t, reduction_t })
}

/// The loan balance and the project's total investment (above 0), each
/// missing one told.
fn loan_and_investment(p: &Project) -> Result<(Decimal, Decimal), Vec<CalcError>> {
    let row = p.row;
    let loan_balance = p.loan_balance.ok_or_else(|| {
        missing(row, Field::LoanBalance, "loan_balance is needed to attribute the reduction to the loan".to_owned())
    });
    let total_investment = p.total_investment.ok_or_else(|| {
        missing(
            row,
            Field::TotalInvestment,
            "total_investment is needed: the reduction attributed to the loan is × loan_balance ÷ total_investment"
                .to_owned(),
        )
    });
    let (loan_balance, total_investment) = match (loan_balance, total_investment) {
        (Ok(l), Ok(t)) => (l, t),
        (l, t) => return Err(l.err().into_iter().chain(t.err()).collect()),
    };
    if total_investment <= Decimal::ZERO {
        return Err(vec![error(
            row,
            Field::TotalInvestment,
            CalcErrorKind::Invalid {
                expected: "a total investment above 0".to_owned(),
                found: total_investment.to_string(),
            },
        )]);
    }
    Ok((loan_balance, total_investment))
}

/// The reduction and energy saved attributed to the loan.
fn attributed(
    p: &Project,
    notes: &mut Vec<Note>,
    Reduction { method, baseline_t, project_t, reduction_t }: Reduction,
    loan_balance: Decimal,
    total_investment: Decimal,
) -> Result<ProjectResult, CalcError> {
    let row = p.row;
    let ar = |field: crate::field::Field| move |a: ArithmeticError| error(row, field, a.into());
    if loan_balance > total_investment {
        notes.push(Note {
            sheet: InputSheet::Projects,
            row,
            field: Some(Field::LoanBalance),
            message: format!(
                "loan_balance {} exceeds total_investment {}: more than the whole reduction is attributed to the loan",
                loan_balance.normalize(),
                total_investment.normalize()
            ),
            message_zh: Some(format!(
                "贷款余额（loan_balance）{} 超过项目总投资（total_investment）{}：归属于贷款的减排量超过全部减排量",
                loan_balance.normalize(),
                total_investment.normalize()
            )),
        });
    }
    let share = Ratio::new(loan_balance, total_investment);
    let loan_share = arithmetic::div(loan_balance, total_investment).map_err(ar(Field::TotalInvestment))?;
    let attributed_reduction_t = share.apply(reduction_t).map_err(ar(Field::LoanBalance))?;
    let energy_saved_tce = match (p.energy_saved_tce, p.net_generation_mwh, p.coal_rate_gce_per_kwh) {
        (Some(t), _, _) => Some(t),
        (None, Some(mwh), Some(rate)) => {
            Some(Ratio::new(rate, Decimal::ONE_THOUSAND).apply(mwh).map_err(ar(Field::CoalRateGcePerKwh))?)
        }
        _ => None,
    };
    let attributed_energy_saved_tce =
        energy_saved_tce.map(|t| share.apply(t)).transpose().map_err(ar(Field::EnergySavedTce))?;
    Ok(ProjectResult {
        row,
        project_id: p.project_id.clone(),
        kind: p.kind,
        grid_region: p.grid_region.clone(),
        method,
        baseline_t,
        project_t,
        reduction_t,
        loan_share,
        attributed_reduction_t,
        energy_saved_tce,
        attributed_energy_saved_tce,
    })
}

/// Computes every project; problems go to `errors`, warnings to `notes`.
pub(super) fn compute(projects: &[Project], errors: &mut Vec<CalcError>, notes: &mut Vec<Note>) -> Projects {
    let mut out = Projects { projects: Vec::with_capacity(projects.len()), ..Projects::default() };
    let mut seen: rustc_hash::FxHashMap<&str, Option<u32>> = rustc_hash::FxHashMap::default();
    for p in projects {
        if let Some(&first) = seen.get(p.project_id.as_str()) {
            errors.push(error(
                p.row,
                Field::ProjectId,
                CalcErrorKind::Duplicate { id: p.project_id.clone(), first_row: first.unwrap_or(0) },
            ));
            continue;
        }
        seen.insert(p.project_id.as_str(), p.row);
        match project_all(p, notes) {
            Ok(r) => out.projects.push(r),
            Err(e) => errors.extend(e),
        }
    }
    let sum = |f: &dyn Fn(&ProjectResult) -> Decimal| arithmetic::sum(out.projects.iter().map(f));
    let totals = (|| {
        Ok::<_, ArithmeticError>((
            sum(&|r| r.reduction_t)?,
            sum(&|r| r.attributed_reduction_t)?,
            sum(&|r| r.energy_saved_tce.unwrap_or_default())?,
            sum(&|r| r.attributed_energy_saved_tce.unwrap_or_default())?,
        ))
    })();
    let loans = arithmetic::sum(projects.iter().filter_map(|p| p.loan_balance));
    match (totals, loans) {
        (Ok((a, b, c, d)), Ok(l)) => {
            out.reduction_t = a;
            out.attributed_reduction_t = b;
            out.energy_saved_tce = c;
            out.attributed_energy_saved_tce = d;
            out.loan_balance = l;
        }
        (Err(e), _) | (_, Err(e)) => errors.push(CalcError::of_record(InputSheet::Projects, None, e.into())),
    }
    out
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn funded(mut p: Project, loan: Decimal, total: Decimal) -> Project {
        (p.loan_balance, p.total_investment) = (Some(loan), Some(total));
        p
    }

    /// A row missing a margin factor and the loan balance is told both, and
    /// a row without a total investment beside it is told too: all in one run.
    #[test]
    fn every_problem_of_every_row_is_reported() {
        let mut a = Project::new("A", ProjectKind::Solar);
        (a.row, a.net_generation_mwh, a.om_factor, a.total_investment) =
            (Some(2), Some(dec!(1000)), Some(dec!(0.9)), Some(dec!(10)));
        let mut b = Project::new("B", ProjectKind::EnergySaving);
        (b.row, b.baseline_t, b.loan_balance) = (Some(3), Some(dec!(100)), Some(dec!(5)));
        let mut errors = Vec::new();
        compute(&[a, b], &mut errors, &mut Vec::new());
        let at: Vec<_> = errors.iter().map(|e| (e.row, e.field)).collect();
        assert_eq!(
            at,
            [
                (Some(2), Some(Field::BmFactor)),
                (Some(2), Some(Field::LoanBalance)),
                (Some(3), Some(Field::TotalInvestment))
            ]
        );
    }

    /// Baseline − project where the baseline is given: 52,000 − 2,000 =
    /// 50,000 t; the loan is 30 of 120, so 12,500 t is attributed.
    #[test]
    fn baseline_minus_project() {
        let mut p = Project::new("E1", ProjectKind::EnergySaving);
        (p.baseline_t, p.project_t, p.energy_saved_tce) = (Some(dec!(52000)), Some(dec!(2000)), Some(dec!(18000)));
        let r = project(&funded(p, dec!(30), dec!(120)), &mut Vec::new()).unwrap();
        assert_eq!(r.method, ReductionMethod::BaselineMinusProject);
        assert_eq!(r.reduction_t, dec!(50000));
        assert_eq!(r.attributed_reduction_t, dec!(12500));
        assert_eq!(r.attributed_energy_saved_tce, Some(dec!(4500)));
    }

    /// CDM tool 07 Step 6, ACM0002: ER = EG × (w_OM × OM + w_BM × BM) − PE.
    /// Solar, 50,000 MWh, OM 0.8587, BM 0.2854 (illustrative inputs):
    /// EF_CM = 0.75 × 0.8587 + 0.25 × 0.2854 = 0.64402500 + 0.07135 = 0.715375;
    /// 50,000 × 0.715375 = 35,768.75 t; minus 100 t = 35,668.75 t.
    #[test]
    fn combined_margin_for_solar() {
        let mut p = Project::new("S", ProjectKind::Solar);
        p.net_generation_mwh = Some(dec!(50000));
        (p.om_factor, p.bm_factor, p.project_t) = (Some(dec!(0.8587)), Some(dec!(0.2854)), Some(dec!(100)));
        p.coal_rate_gce_per_kwh = Some(dec!(300));
        let r = project(&funded(p, dec!(1), dec!(2)), &mut Vec::new()).unwrap();
        let ReductionMethod::CombinedMargin { ef_cm, .. } = r.method else { panic!() };
        assert_eq!(ef_cm, dec!(0.715375));
        assert_eq!(r.baseline_t, dec!(35768.75));
        assert_eq!(r.reduction_t, dec!(35668.75));
        assert_eq!(r.attributed_reduction_t, dec!(17834.375));
        // 50,000 MWh × 300 gce/kWh = 50,000,000 kWh × 300 g = 15,000 t
        assert_eq!(r.energy_saved_tce, Some(dec!(15000)));
    }

    #[test]
    fn marginal_factors_are_never_replaced() {
        let mut p = Project::new("W", ProjectKind::Wind);
        p.net_generation_mwh = Some(dec!(1));
        let e = project(&funded(p, dec!(1), dec!(1)), &mut Vec::new()).unwrap_err();
        assert_eq!(e.field, Some(Field::OmFactor));
        assert!(e.to_string().contains("om_factor and bm_factor are needed"), "{e}");
        let e = project(&Project::new("X", ProjectKind::Other), &mut Vec::new()).unwrap_err();
        assert_eq!(e.field, Some(Field::BaselineT));
        let mut p = Project::new("Y", ProjectKind::Other);
        p.baseline_t = Some(dec!(1));
        let e = project(&p, &mut Vec::new()).unwrap_err();
        assert_eq!(e.field, Some(Field::LoanBalance));
    }

    /// CDM tool 07, Step 6: projects other than wind and solar weigh OM
    /// and BM 0.5 / 0.5 in the first crediting period and 0.25 / 0.75 in
    /// the second and third; wind and solar 0.75 / 0.25 in every period.
    /// Hydro, 10,000 MWh, OM 0.9, BM 0.5 (illustrative inputs):
    /// period 1: 10,000 × (0.45 + 0.25) = 7,000 t;
    /// period 2 or 3: 10,000 × (0.225 + 0.375) = 6,000 t;
    /// wind, any period: 10,000 × (0.675 + 0.125) = 8,000 t.
    #[test]
    fn combined_margin_weights_by_kind_and_crediting_period() {
        let run = |kind, period| {
            let mut p = Project::new("P", kind);
            p.net_generation_mwh = Some(dec!(10000));
            (p.om_factor, p.bm_factor, p.crediting_period) = (Some(dec!(0.9)), Some(dec!(0.5)), period);
            project(&funded(p, dec!(1), dec!(1)), &mut Vec::new()).unwrap().reduction_t
        };
        assert_eq!(run(ProjectKind::Hydro, None), dec!(7000));
        assert_eq!(run(ProjectKind::Hydro, Some(1)), dec!(7000));
        assert_eq!(run(ProjectKind::Hydro, Some(2)), dec!(6000));
        assert_eq!(run(ProjectKind::Other, Some(3)), dec!(6000));
        assert_eq!(run(ProjectKind::EnergySaving, Some(1)), dec!(7000));
        assert_eq!(run(ProjectKind::Wind, Some(1)), dec!(8000));
        assert_eq!(run(ProjectKind::Wind, Some(3)), dec!(8000));
        assert_eq!(run(ProjectKind::Solar, Some(2)), dec!(8000));
    }

    /// Guideline rule as the contract states it (workbook-v2 §9): the
    /// loan's share is loan_balance ÷ total_investment; a loan above the
    /// investment and a negative reduction are kept, with warnings; a total
    /// investment of 0 is an error on its cell.
    #[test]
    fn loan_share_edges() {
        let mut p = Project::new("E", ProjectKind::EnergySaving);
        (p.baseline_t, p.project_t) = (Some(dec!(100)), Some(dec!(160)));
        let mut notes = Vec::new();
        let r = project(&funded(p.clone(), dec!(3), dec!(2)), &mut notes).unwrap();
        assert_eq!((r.reduction_t, r.loan_share, r.attributed_reduction_t), (dec!(-60), dec!(1.5), dec!(-90)));
        assert_eq!(notes.len(), 2, "{notes:?}");
        let e = project(&funded(p, dec!(1), dec!(0)), &mut Vec::new()).unwrap_err();
        assert_eq!(e.field, Some(Field::TotalInvestment));
    }

    #[test]
    fn totals_add_up() {
        let mut a = Project::new("A", ProjectKind::Other);
        a.baseline_t = Some(dec!(10));
        let mut b = Project::new("B", ProjectKind::Other);
        (b.baseline_t, b.energy_saved_tce) = (Some(dec!(30)), Some(dec!(5)));
        let (mut errors, mut notes) = (Vec::new(), Vec::new());
        let r = compute(&[funded(a, dec!(1), dec!(2)), funded(b, dec!(1), dec!(3))], &mut errors, &mut notes);
        assert!(errors.is_empty());
        assert_eq!(r.reduction_t, dec!(40));
        assert_eq!(r.attributed_reduction_t, dec!(15));
        assert_eq!(r.energy_saved_tce, dec!(5));
        assert_eq!(r.loan_balance, dec!(2));
    }
}
