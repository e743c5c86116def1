//! The ledger: one line of results per activity row, with its audit trail.
//!
//! A [`LedgerLine`] repeats where its input came from (row, facility,
//! source, period), shows the intermediate steps (energy in GJ, carbon
//! oxidised), the tonnes of every gas, t CO2e (location- and market-based
//! for Scope 2), tonnes of standard coal, and the handles of every factor
//! that produced it, which [`FactorLibrary::factor`] turns into the value,
//! unit and citation. Nothing on a line is rounded.
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Example", 2023));
//! inv.facilities.push(Facility::new("F"));
//! inv.activities.push(Activity::new("F", SourceCategory::PurchasedElectricity, "electricity",
//!     Quantity::new(dec!(1000), Unit::MegawattHour)));
//! let r = inv.calculate()?;
//! let line = &r.ledger[0];
//! assert_eq!(line.t_co2e, dec!(530.6000)); // MEE/NBS 2023 national average 0.5306 t/MWh
//! let cited: Vec<&str> = r.library.cited(line.factors).iter().map(|f| r.library.factor(*f).id.as_str()).collect();
//! assert!(cited.contains(&"cn.grid.average.national.2023"));
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```
//!
//! [`FactorLibrary::factor`]: crate::factors::FactorLibrary::factor

use crate::field::Field;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use smallvec::SmallVec;

use crate::arithmetic::{self, ArithmeticError, Ratio};
use crate::energy::GJ_PER_TCE;
use crate::error::CalcErrorKind;
use crate::factors::{CitedFactors, FactorLibrary, FactorRef};
use crate::gas::Gas;
use crate::inventory::Activity;
use crate::method::{GasTermKind, Recipe, TceRule};
use crate::period::Period;
use crate::scope::{Scope, SourceCategory};

/// The tonnes of one gas on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GasAmount {
    /// The gas.
    pub gas: Gas,
    /// Tonnes of the gas.
    pub t: Decimal,
    /// Tonnes of CO2e (t × GWP); 0 for biogenic CO2, which is outside the
    /// scopes.
    pub t_co2e: Decimal,
}

/// How the market-based Scope 2 figure of a line was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarketBasis {
    /// Scope 1: the distinction does not apply.
    NotApplicable,
    /// From the row's contractual factor.
    Contractual,
    /// No contractual factor: the location-based figure is used (warned).
    LocationFallback,
    /// No contractual factor: the published residual factor of the grid and
    /// year (China: excluding market-traded non-fossil power).
    Residual,
    /// Purchased heat and custom non-electricity Scope 2: location-based.
    SameAsLocation,
}

/// How the standard coal of a line was obtained (GB/T 2589).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TceBasis {
    /// Measured calorific value: energy ÷ 29.3076 GJ/tce.
    MeasuredCalorificValue,
    /// Reference coefficient of the carrier.
    ReferenceCoefficient,
    /// Default calorific value: energy ÷ 29.3076 GJ/tce.
    DefaultCalorificValue,
    /// Not an energy carrier, or nothing known to convert it: 0.
    NotCounted,
}

/// Which parameters of a line were measured rather than default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct MeasuredUse {
    /// Net calorific value.
    pub ncv: bool,
    /// Carbon content.
    pub carbon_content: bool,
    /// Oxidation rate.
    pub oxidation: bool,
}

/// The results of one activity row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerLine {
    /// Position of the activity in the order it was added (0-based).
    pub index: usize,
    /// The input table the row is on: Activities, or Refrigerants for a
    /// mass balance.
    pub sheet: crate::error::InputSheet,
    /// The row the activity came from.
    pub row: Option<u32>,
    /// Index of the facility in the inventory's facilities.
    pub facility: usize,
    /// Source category.
    pub source: SourceCategory,
    /// Scope.
    pub scope: Scope,
    /// Period (the reporting year when the row gave none).
    pub period: Period,
    /// Energy in GJ, when known (NCV basis for fuels).
    pub energy_gj: Option<Decimal>,
    /// Tonnes of carbon oxidised (energy × CC × OF), for the carbon method.
    pub carbon_oxidised_t: Option<Decimal>,
    /// Tonnes of each gas (most lines have one: it is kept inline).
    pub gases: SmallVec<[GasAmount; 1]>,
    /// t CO2e; for Scope 2, location-based. Biogenic CO2 is not in it.
    pub t_co2e: Decimal,
    /// t of biogenic CO2 (a memo figure outside the scopes): the CO2 of a
    /// biomass fuel, or the `biomass_fraction` share of a blend's CO2.
    pub biogenic_co2_t: Decimal,
    /// t CO2e, market-based (equals `t_co2e` for Scope 1).
    pub t_co2e_market: Decimal,
    /// How the market-based figure was obtained.
    pub market_basis: MarketBasis,
    /// Tonnes of standard coal equivalent.
    pub tce: Decimal,
    /// How the tce was obtained.
    pub tce_basis: TceBasis,
    /// Every factor used: [`FactorLibrary::cited`] lists them.
    ///
    /// [`FactorLibrary::cited`]: crate::factors::FactorLibrary::cited
    pub factors: CitedFactors,
    /// Which parameters were measured.
    pub measured: MeasuredUse,
}

/// The factor source of a line that used no factor at all: every
/// parameter (calorific value, carbon content, oxidation rate) was measured
/// and given on the row.
pub const MEASURED_ONLY: &str = "measured: ncv, carbon_content and oxidation_factor given on the row";

/// tce per GJ: ÷ 29.3076 (GB/T 2589).
const TCE_PER_GJ: Ratio = Ratio::new(Decimal::ONE, GJ_PER_TCE);

/// CO2 per t of carbon: 44/12, applied as × 44 ÷ 12 so nothing is rounded
/// before the one division.
const CO2_PER_CARBON: Ratio = Ratio::new(dec!(44), dec!(12));

fn co2_from_carbon(carbon_t: Decimal) -> Result<Decimal, ArithmeticError> {
    CO2_PER_CARBON.apply(carbon_t)
}

impl MeasuredUse {
    /// The three flags as a number 0–7 (NCV 1, carbon content 2, oxidation 4).
    pub(crate) fn bits(self) -> usize {
        usize::from(self.ncv) | usize::from(self.carbon_content) << 1 | usize::from(self.oxidation) << 2
    }

    /// Whether any parameter was measured.
    pub fn any(self) -> bool {
        self.ncv || self.carbon_content || self.oxidation
    }
}

/// A recipe with what its lines share worked out once: the factors a line
/// cites for each combination of measured parameters and of the residual
/// factor used or not.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub(crate) recipe: Recipe,
    /// Indexed by [`variant`]: [`MeasuredUse::bits`], plus 8 when the
    /// residual factor was used.
    cited: [CitedFactors; 16],
}

/// Which factors a line cites, as a number 0–15 (see [`Prepared`]).
pub(crate) fn variant(line: &LedgerLine) -> usize {
    line.measured.bits() | usize::from(line.market_basis == MarketBasis::Residual) << 3
}

impl Prepared {
    pub(crate) fn new(recipe: Recipe, library: &mut FactorLibrary) -> Prepared {
        let cited = std::array::from_fn(|bits| {
            let measured = MeasuredUse { ncv: bits & 1 != 0, carbon_content: bits & 2 != 0, oxidation: bits & 4 != 0 };
            let mut list = cited(&recipe, measured);
            if bits & 8 != 0
                && let Some((_, r)) = recipe.residual
            {
                list.push(r);
            }
            library.cite(&list)
        });
        Prepared { recipe, cited }
    }

    /// The factors cited by lines of [`variant`] `bits`.
    pub(crate) fn cited_by_bits(&self, bits: usize) -> CitedFactors {
        self.cited[bits & 15]
    }
}

/// The recipe's factors less the defaults the row's measurements replaced.
fn cited(recipe: &Recipe, measured: MeasuredUse) -> SmallVec<[FactorRef; 6]> {
    let r = &recipe.replaceable;
    let dropped = [
        r.ncv.filter(|_| measured.ncv),
        r.tce.filter(|_| measured.ncv),
        r.carbon.filter(|_| measured.carbon_content),
        r.oxidation.filter(|_| measured.oxidation),
    ];
    recipe.factors.iter().copied().filter(|f| !dropped.contains(&Some(*f))).collect()
}

/// What a recipe needs of a row: an activity, or a quantity computed at
/// the recipe's defaults alone (the summary's deferred sums).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineInput<'a> {
    /// The row, if from a sheet.
    pub(crate) row: Option<u32>,
    /// The activity key, for messages.
    pub(crate) activity: &'a str,
    pub(crate) source: SourceCategory,
    pub(crate) quantity: crate::units::Quantity,
    pub(crate) measured: Option<&'a crate::inventory::Measured>,
    pub(crate) contractual_factor: Option<Decimal>,
    pub(crate) biomass_fraction: Option<Decimal>,
}

impl<'a> LineInput<'a> {
    /// The inputs of an activity row.
    #[inline]
    pub(crate) fn of(activity: &'a Activity) -> LineInput<'a> {
        LineInput {
            row: activity.row,
            activity: &activity.activity,
            source: activity.source,
            quantity: activity.quantity,
            measured: Some(&activity.measured),
            contractual_factor: activity.contractual_factor,
            biomass_fraction: activity.biomass_fraction,
        }
    }

    /// A quantity at the recipe's defaults: nothing measured, no contract,
    /// no biomass share.
    pub(crate) fn defaults(
        activity: &'a str,
        source: SourceCategory,
        quantity: crate::units::Quantity,
    ) -> LineInput<'a> {
        LineInput {
            row: None,
            activity,
            source,
            quantity,
            measured: None,
            contractual_factor: None,
            biomass_fraction: None,
        }
    }
}

/// Applies a recipe to one activity. The caller has checked the facility
/// and that the quantity is not negative.
#[inline]
pub(crate) fn compute(
    prepared: &Prepared,
    activity: &Activity,
    index: usize,
    facility: usize,
    period: Period,
) -> Result<LedgerLine, CalcErrorKind> {
    apply(prepared, LineInput::of(activity), index, facility, period)
}

/// Applies a recipe to a row's inputs.
#[inline]
pub(crate) fn apply(
    prepared: &Prepared,
    activity: LineInput<'_>,
    index: usize,
    facility: usize,
    period: Period,
) -> Result<LedgerLine, CalcErrorKind> {
    const NOTHING_MEASURED: crate::inventory::Measured =
        crate::inventory::Measured { ncv: None, carbon_content: None, oxidation: None };
    let recipe = &prepared.recipe;
    let q = activity.quantity.value();
    let unit = activity.quantity.unit();
    let m = activity.measured.unwrap_or(&NOTHING_MEASURED);
    let mut measured = MeasuredUse::default();

    let energy_gj = match (&m.ncv, recipe.energy_gj_per_unit) {
        (Some(ncv), _) if unit.dimension() != crate::units::Dimension::Energy => {
            measured.ncv = true;
            Some(ncv.per(unit)?.apply(q)?)
        }
        (_, Some(per)) => Some(per.apply(q)?),
        (_, None) => None,
    };

    let mut gases: SmallVec<[GasAmount; 1]> = SmallVec::new();
    let mut carbon_oxidised_t = None;
    let mut t_co2e = Decimal::ZERO;
    let mut biogenic_co2_t = Decimal::ZERO;
    for term in &recipe.terms {
        let need_energy = || {
            energy_gj.ok_or_else(|| CalcErrorKind::MissingValue {
                field: Field::Ncv,
                what: format!(
                    "no default calorific value for \"{}\" in {}: give ncv and ncv_unit (e.g. GJ/{unit}) or the quantity in an energy unit",
                    activity.activity, unit
                ),
            })
        };
        let t = match term.kind {
            GasTermKind::CarbonOxidation { oxidised_per_gj: Some(k), .. }
                if m.carbon_content.is_none() && m.oxidation.is_none() =>
            {
                let carbon = arithmetic::mul(need_energy()?, k)?;
                carbon_oxidised_t = Some(carbon);
                co2_from_carbon(carbon)?
            }
            GasTermKind::CarbonOxidation { carbon_content, oxidation, .. } => {
                let no_default = |field: crate::field::Field, what: &str| CalcErrorKind::MissingValue {
                    field,
                    what: format!(
                        "\"{}\" has no default {what} in the built-in tables: give {field} on the row",
                        activity.activity
                    ),
                };
                let cc = match m.carbon_content.inspect(|_| measured.carbon_content = true) {
                    Some(v) => v,
                    None => carbon_content.ok_or_else(|| no_default(Field::CarbonContent, "carbon content (tC/GJ)"))?,
                };
                let of = match m.oxidation.inspect(|_| measured.oxidation = true) {
                    Some(v) => v,
                    None => oxidation.ok_or_else(|| no_default(Field::OxidationFactor, "oxidation rate"))?,
                };
                let carbon = arithmetic::mul(arithmetic::mul(need_energy()?, cc)?, of)?;
                carbon_oxidised_t = Some(carbon);
                co2_from_carbon(carbon)?
            }
            GasTermKind::PerEnergy { t_per_gj } => match (term.gas, m.carbon_content) {
                (Gas::Co2 | Gas::Co2Biogenic, Some(cc)) => {
                    measured.carbon_content = true;
                    let of = m.oxidation.inspect(|_| measured.oxidation = true).unwrap_or(Decimal::ONE);
                    let carbon = arithmetic::mul(arithmetic::mul(need_energy()?, cc)?, of)?;
                    // Only fossil carbon is summed as carbon (its CO2 is in the scopes).
                    if term.gas == Gas::Co2 {
                        carbon_oxidised_t = Some(carbon);
                    }
                    co2_from_carbon(carbon)?
                }
                _ => t_per_gj.apply(need_energy()?)?,
            },
            GasTermKind::PerUnit { t_per_unit } => t_per_unit.apply(q)?,
        };
        if term.gas == Gas::Co2Biogenic {
            biogenic_co2_t = arithmetic::add(biogenic_co2_t, t)?;
            gases.push(GasAmount { gas: term.gas, t, t_co2e: Decimal::ZERO });
            continue;
        }
        let co2e = if term.gwp == Decimal::ONE { t } else { arithmetic::mul(t, term.gwp)? };
        t_co2e = arithmetic::add(t_co2e, co2e)?;
        gases.push(GasAmount { gas: term.gas, t, t_co2e: co2e });
    }
    if let Some(share) = activity.biomass_fraction.filter(|f| !f.is_zero()) {
        // The biogenic share of the fossil CO2 leaves the scopes; through
        // the carbon oxidised when the CO2 came from it, so the line's CO2
        // stays (fossil carbon) × 44/12 exactly.
        if let Some(i) = gases.iter().position(|g| g.gas == Gas::Co2) {
            let co2 = gases[i].t;
            let (fossil, bio) = match carbon_oxidised_t {
                Some(carbon) => {
                    let bio_carbon = arithmetic::mul(carbon, share)?;
                    let fossil_carbon = arithmetic::sub(carbon, bio_carbon)?;
                    carbon_oxidised_t = Some(fossil_carbon);
                    let fossil = co2_from_carbon(fossil_carbon)?;
                    (fossil, arithmetic::sub(co2, fossil)?)
                }
                None => {
                    let bio = arithmetic::mul(co2, share)?;
                    (arithmetic::sub(co2, bio)?, bio)
                }
            };
            t_co2e = arithmetic::sub(t_co2e, bio)?;
            gases[i] = GasAmount { gas: Gas::Co2, t: fossil, t_co2e: fossil };
            biogenic_co2_t = arithmetic::add(biogenic_co2_t, bio)?;
            match gases.iter().position(|g| g.gas == Gas::Co2Biogenic) {
                Some(j) => gases[j].t = arithmetic::add(gases[j].t, bio)?,
                None => gases.push(GasAmount { gas: Gas::Co2Biogenic, t: bio, t_co2e: Decimal::ZERO }),
            }
        }
    }

    let (tce, tce_basis) = if measured.ncv {
        (TCE_PER_GJ.apply(energy_gj.unwrap_or_default())?, TceBasis::MeasuredCalorificValue)
    } else {
        match recipe.tce {
            TceRule::Coefficient(c) => (c.apply(q)?, TceBasis::ReferenceCoefficient),
            TceRule::CalorificValue => match energy_gj {
                Some(e) => (TCE_PER_GJ.apply(e)?, TceBasis::DefaultCalorificValue),
                None => (Decimal::ZERO, TceBasis::NotCounted),
            },
            TceRule::None => (Decimal::ZERO, TceBasis::NotCounted),
        }
    };

    let scope = activity.source.scope();
    let (t_co2e_market, market_basis) = match (scope, recipe.market_based, activity.contractual_factor) {
        (Scope::Scope1 | Scope::Exported, ..) => (t_co2e, MarketBasis::NotApplicable),
        (Scope::Scope2, true, Some(cf)) => {
            let mwh = unit.ratio_to(crate::units::Unit::MegawattHour)?.apply(q)?;
            (arithmetic::mul(mwh, cf)?, MarketBasis::Contractual)
        }
        (Scope::Scope2, true, None) => match recipe.residual {
            Some((per_unit, _)) => (per_unit.apply(q)?, MarketBasis::Residual),
            None => (t_co2e, MarketBasis::LocationFallback),
        },
        (Scope::Scope2, false, _) => (t_co2e, MarketBasis::SameAsLocation),
    };

    Ok(LedgerLine {
        index,
        sheet: crate::error::InputSheet::Activities,
        row: activity.row,
        facility,
        source: activity.source,
        scope,
        period,
        energy_gj,
        carbon_oxidised_t,
        gases,
        t_co2e,
        biogenic_co2_t,
        t_co2e_market,
        market_basis,
        tce,
        tce_basis,
        factors: prepared.cited_by_bits(measured.bits() | usize::from(market_basis == MarketBasis::Residual) << 3),
        measured,
    })
}
