//! Methodologies: how an activity becomes emissions.
//!
//! A [`Methodology`] looks at one kind of activity (a fuel key, a source
//! category, a unit, the facility and the data year) and returns a
//! [`Recipe`]: which factors apply and how they combine. The engine
//! resolves each distinct kind of activity once and applies the recipe to
//! every row of that kind (in the [`ledger`](crate::ledger)), so a
//! million-row inventory looks factors up a handful of times.
//!
//! Built in:
//!
//! * [`cn_gbt32150`] — China, GB/T 32150-2015 and its sector parts:
//!   E = FC × NCV × CC × OF × 44/12 for fuels, with measured NCV, carbon
//!   content and oxidation rate overriding the defaults row by row;
//!   purchased electricity and heat by factor.
//! * [`ipcc2006`] — 2006 IPCC Guidelines Vol. 2 Tier 1: energy × default
//!   factor per gas (CO2 from Table 1.4, CH4 and N2O from Tables 2.2–2.5 by
//!   the facility's sector).
//! * [`epa_hub`] — `epa-hub-2024` and `epa-hub-2021`, the US EPA GHG
//!   Emission Factors Hub: heat (HHV) × factor per gas for fuels (Table 1),
//!   CO2 of vehicle fuels by volume (Table 2), vehicles' CH4 and N2O by
//!   distance and model year (Tables 3 and 4) or by fuel (Table 5),
//!   eGRID subregion rates for electricity (Table 6) and Table 7 for steam
//!   and heat of US facilities.
//! * [`desnz`] — `desnz-2020`, the UK Government GHG Conversion Factors
//!   2020 (flat file): activity × the published CO2e factor, keyed by the
//!   file's labels, for any Scope 1 or 2 row.
//!
//! Custom factors from the Factors sheet apply under every methodology and
//! take precedence over built-in keys ([`custom`]); purchased electricity
//! and heat use the grid and heat factors of the facility's country under
//! every methodology ([`purchased`]).
//!
//! Adding a methodology is adding a module that implements [`Methodology`]
//! and one line in [`ALL`]. Published factor sets answer for their own keys
//! in any source category through [`Methodology::set_recipe`].
//!
//! # Example
//!
//! ```
//! use carbonbook_core::method;
//! assert_eq!(method::by_id("cn-gbt32150").unwrap().id(), "cn-gbt32150");
//! assert!(method::by_id("ghg-protocol-2099").is_none());
//! ```

pub mod cn_gbt32150;
pub mod custom;
pub mod desnz;
pub mod epa_hub;
pub mod ipcc2006;
pub mod purchased;
pub mod refrigerant;

use rust_decimal::Decimal;

use crate::arithmetic::Ratio;
use smallvec::SmallVec;

use crate::energy::ElectricityBasis;
use crate::error::CalcErrorKind;
use crate::factors::{FactorLibrary, FactorRef, Parameter};
use crate::gas::{Gas, GwpSet};
use crate::inventory::Facility;
use crate::scope::SourceCategory;
use crate::units::Unit;

/// A way of turning activity data into emissions.
pub trait Methodology: Send + Sync {
    /// The id used in the workbook's `methodology` field, e.g. `cn-gbt32150`.
    fn id(&self) -> &'static str;

    /// A one-line title naming the standard.
    fn title(&self) -> &'static str;

    /// The recipe for one kind of combustion activity (fuel key, unit,
    /// facility, year). Purchased energy and custom factors are handled
    /// before this is called.
    ///
    /// # Errors
    ///
    /// [`CalcErrorKind`] when the fuel is unknown to the method, the unit
    /// does not fit, or a needed factor is missing.
    fn fuel_recipe(&self, request: &RecipeRequest<'_>) -> Result<Recipe, CalcErrorKind>;

    /// Activity keys this method knows (for suggestions and templates).
    fn fuel_keys(&self, library: &FactorLibrary) -> Vec<String>;

    /// A recipe the methodology gives ahead of the shared rules, for any
    /// source category: custom factors come first, then this, then the
    /// built-in purchased energy ([`purchased`]), then [`fuel_recipe`](Methodology::fuel_recipe)
    /// for combustion. Published factor sets use it for their own keys
    /// (a UK refrigerant is a fugitive source) and for their own
    /// purchased-energy factors. `Ok(None)` leaves the activity to the
    /// shared rules, which is the default.
    ///
    /// # Errors
    ///
    /// As [`fuel_recipe`](Methodology::fuel_recipe).
    fn set_recipe(&self, request: &RecipeRequest<'_>) -> Result<Option<Recipe>, CalcErrorKind> {
        let _ = request;
        Ok(None)
    }
}

/// Every built-in methodology.
pub const ALL: &[&dyn Methodology] =
    &[&cn_gbt32150::CnGbt32150, &ipcc2006::Ipcc2006, &epa_hub::EpaHub2024, &epa_hub::EpaHub2021, &desnz::Desnz2020];

/// The built-in methodologies, by id: what an embedder passes instead of a
/// string ([`Organisation::set_methodology`]).
///
/// ```
/// use carbonbook_core::MethodologyId;
/// assert_eq!(MethodologyId::EpaHub2024.id(), "epa-hub-2024");
/// assert_eq!("cn-gbt32150".parse::<MethodologyId>(), Ok(MethodologyId::CnGbt32150));
/// assert_eq!(MethodologyId::ALL.len(), carbonbook_core::method::ALL.len());
/// ```
///
/// [`Organisation::set_methodology`]: crate::inventory::Organisation::set_methodology
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MethodologyId {
    /// China, GB/T 32150-2015 family (`cn-gbt32150`), the default.
    CnGbt32150,
    /// 2006 IPCC Guidelines, Tier 1 (`ipcc-2006`).
    Ipcc2006,
    /// US EPA GHG Emission Factors Hub 2024 (`epa-hub-2024`).
    EpaHub2024,
    /// US EPA GHG Emission Factors Hub 2021 (`epa-hub-2021`).
    EpaHub2021,
    /// UK Government GHG Conversion Factors 2020 (`desnz-2020`).
    Desnz2020,
}

impl MethodologyId {
    /// Every built-in methodology, in the order of [`ALL`].
    pub const ALL: [MethodologyId; 5] = [
        MethodologyId::CnGbt32150,
        MethodologyId::Ipcc2006,
        MethodologyId::EpaHub2024,
        MethodologyId::EpaHub2021,
        MethodologyId::Desnz2020,
    ];

    /// The id the workbook's `methodology` field takes (the methodology's
    /// own [`Methodology::id`]).
    pub fn id(self) -> &'static str {
        self.methodology().id()
    }

    /// The methodology itself.
    pub fn methodology(self) -> &'static dyn Methodology {
        match self {
            MethodologyId::CnGbt32150 => &cn_gbt32150::CnGbt32150,
            MethodologyId::Ipcc2006 => &ipcc2006::Ipcc2006,
            MethodologyId::EpaHub2024 => &epa_hub::EpaHub2024,
            MethodologyId::EpaHub2021 => &epa_hub::EpaHub2021,
            MethodologyId::Desnz2020 => &desnz::Desnz2020,
        }
    }
}

impl std::fmt::Display for MethodologyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for MethodologyId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MethodologyId::ALL
            .into_iter()
            .find(|m| m.id().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown methodology \"{s}\"; accepted: {}", ids()))
    }
}

impl crate::inventory::Organisation {
    /// Sets the methodology by its typed id.
    ///
    /// ```
    /// use carbonbook_core::{MethodologyId, inventory::Organisation};
    /// let mut org = Organisation::new("Example", 2024);
    /// org.set_methodology(MethodologyId::Ipcc2006);
    /// assert_eq!(org.methodology, "ipcc-2006");
    /// ```
    pub fn set_methodology(&mut self, methodology: crate::method::MethodologyId) {
        self.methodology = methodology.id().to_owned();
    }
}

/// The methodology with this id (case-insensitive).
pub fn by_id(id: &str) -> Option<&'static dyn Methodology> {
    ALL.iter().copied().find(|m| m.id().eq_ignore_ascii_case(id.trim()))
}

/// The ids of all methodologies, comma-separated.
pub fn ids() -> String {
    ALL.iter().map(|m| m.id()).collect::<Vec<_>>().join(", ")
}

/// What a methodology is asked to resolve.
#[derive(Debug, Clone, Copy)]
pub struct RecipeRequest<'a> {
    /// The activity key (`diesel`, `natural_gas`, …).
    pub activity: &'a str,
    /// The source category.
    pub source: SourceCategory,
    /// The unit the activity's quantities are in.
    pub unit: Unit,
    /// The facility.
    pub facility: &'a Facility,
    /// The data year.
    pub year: i32,
    /// The factor library (built-in plus custom).
    pub library: &'a FactorLibrary,
    /// The GWP set.
    pub gwp: GwpSet,
    /// The electricity basis for standard coal.
    pub electricity_basis: &'a ElectricityBasis,
    /// How market-based Scope 2 treats electricity without a contract.
    pub market_uncovered: crate::scope::UncoveredConsumption,
}

/// How one gas is computed for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GasTermKind {
    /// CO2 = energy (GJ) × carbon content (tC/GJ) × oxidation rate × 44/12.
    /// A measured carbon content or oxidation rate on the row replaces the
    /// default; where there is no default (`None`) the row must give it.
    CarbonOxidation {
        /// Default carbon content, t C per GJ.
        carbon_content: Option<Decimal>,
        /// Default oxidation rate, fraction.
        oxidation: Option<Decimal>,
        /// Their product when both are known (t C oxidised per GJ), computed
        /// once per recipe.
        oxidised_per_gj: Option<Decimal>,
    },
    /// t gas = energy (GJ) × factor (t per GJ). For CO2, a measured carbon
    /// content on the row replaces the factor by carbon content ×
    /// oxidation (measured, or 1) × 44/12.
    PerEnergy {
        /// t of gas per GJ.
        t_per_gj: Ratio,
    },
    /// t gas = quantity × factor (t per activity unit).
    PerUnit {
        /// t of gas per activity unit.
        t_per_unit: Ratio,
    },
}

/// One gas of a recipe, with its GWP resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GasTerm {
    /// The gas.
    pub gas: Gas,
    /// Its GWP in the inventory's set.
    pub gwp: Decimal,
    /// How it is computed.
    pub kind: GasTermKind,
}

/// How standard coal equivalent is computed for a row (GB/T 2589).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TceRule {
    /// tce = quantity × coefficient (tce per activity unit).
    Coefficient(Ratio),
    /// tce = energy (GJ, from the calorific value) ÷ 29.3076.
    CalorificValue,
    /// No energy figure: the activity is not an energy carrier, or nothing
    /// is known to convert it.
    None,
}

/// The resolved calculation for one kind of activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipe {
    /// Default energy per activity unit (GJ), from a calorific value or
    /// the unit itself; `None` when unknown.
    pub energy_gj_per_unit: Option<Ratio>,
    /// The gases.
    pub terms: SmallVec<[GasTerm; 3]>,
    /// The standard-coal rule.
    pub tce: TceRule,
    /// Every factor the recipe uses.
    pub factors: SmallVec<[FactorRef; 6]>,
    /// The factors a measured value on the row replaces, by role; a line
    /// that uses its own measurement does not cite the default.
    pub replaceable: Replaceable,
    /// Whether a market-based (contractual) factor may apply.
    pub market_based: bool,
    /// The residual factor (t CO2e per activity unit) for market-based
    /// Scope 2 of rows without a contractual factor, and the factor it
    /// comes from; `None` uses the location-based figure.
    pub residual: Option<(Ratio, FactorRef)>,
    /// The year of the yearly factor used when none is published for the
    /// data year (an earlier year's: the grid factor), for callers that
    /// say so in their own words.
    pub factor_year: Option<i32>,
    /// Warnings that apply to every row of this kind: in English and in
    /// Chinese.
    pub warnings: Vec<(String, String)>,
    /// Whether the energy of these rows is counted on other rows: a
    /// vehicle's distance (or its fuel's CH4 and N2O), whose fuel is a row
    /// of its own. Their energy_tce is 0 without the "not counted" warning
    /// that fuel rows without a calorific value get; a recipe warning says
    /// where the energy is.
    pub energy_elsewhere: bool,
}

impl Recipe {
    /// Adds a warning in English and in Chinese.
    pub fn warn_bilingual(&mut self, en: String, zh: String) {
        self.warnings.push((en, zh));
    }

    /// An empty recipe for activities in `unit`: energy known if the unit
    /// is an energy unit.
    pub fn new(unit: Unit) -> Recipe {
        let energy = (unit.dimension() == crate::units::Dimension::Energy).then(|| Ratio::of(unit.to_base()));
        Recipe {
            energy_gj_per_unit: energy,
            terms: SmallVec::new(),
            tce: TceRule::None,
            factors: SmallVec::new(),
            replaceable: Replaceable::default(),
            factor_year: None,
            market_based: false,
            residual: None,
            warnings: Vec::new(),
            energy_elsewhere: false,
        }
    }

    /// Adds a gas term, resolving the GWP.
    ///
    /// # Errors
    ///
    /// When the GWP set has no value for the gas.
    pub fn add_gas(&mut self, gas: Gas, gwp: GwpSet, kind: GasTermKind) -> Result<(), CalcErrorKind> {
        let gwp = gwp.gwp(gas)?;
        self.terms.push(GasTerm { gas, gwp, kind });
        Ok(())
    }

    /// Records a factor as used.
    pub fn uses(&mut self, r: FactorRef) {
        if !self.factors.contains(&r) {
            self.factors.push(r);
        }
    }
}

/// Default factors that a row's measurements replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Replaceable {
    /// The default calorific value (replaced by a measured `ncv`).
    pub ncv: Option<FactorRef>,
    /// The default carbon content or CO2 factor (replaced by a measured `carbon_content`).
    pub carbon: Option<FactorRef>,
    /// The default oxidation rate (replaced by a measured `oxidation_factor`).
    pub oxidation: Option<FactorRef>,
    /// The standard-coal coefficient (replaced by a measured `ncv`).
    pub tce: Option<FactorRef>,
}

/// A built-in factor a recipe needs: its absence is a defect of the
/// library, reported as an error rather than a panic.
pub(crate) fn builtin_factor(lib: &FactorLibrary, id: &str) -> Result<FactorRef, CalcErrorKind> {
    lib.lookup(id).ok_or_else(|| CalcErrorKind::Missing { what: format!("built-in factor {id} is missing") })
}

/// Adds the emission factors `ids` to `recipe` as per-unit gas terms (t of
/// gas per unit of the request), citing each.
pub(crate) fn add_per_unit_gases(
    recipe: &mut Recipe,
    request: &RecipeRequest<'_>,
    ids: impl IntoIterator<Item = String>,
) -> Result<(), CalcErrorKind> {
    let lib = request.library;
    for id in ids {
        let r = builtin_factor(lib, &id)?;
        let f = lib.factor(r);
        let Parameter::EmissionFactor(g) = f.parameter else { continue };
        recipe.add_gas(g, request.gwp, GasTermKind::PerUnit { t_per_unit: f.per(request.unit)? })?;
        recipe.uses(r);
    }
    Ok(())
}

/// Energy supplied to others is not consumption: its recipe counts no
/// standard coal, and says so.
pub(crate) fn note_exported_energy(recipe: &mut Recipe, source: SourceCategory) {
    recipe.warn_bilingual(format!("{}: energy supplied to others is not deducted from energy_tce (its emissions are deducted from the totals)",
        source.key()
    ), format!("{}：供给他人的能源不从 energy_tce 中扣除（其排放从总量中扣除）",
        source.key()
    ));
}

/// The standard-coal rule for an activity under GB/T 2589, shared by all
/// methodologies: the reference coefficient for the carrier when the
/// library has one in the unit's dimension, otherwise the calorific value
/// when the energy is known.
pub(crate) fn standard_coal_rule(recipe: &mut Recipe, request: &RecipeRequest<'_>) -> Result<(), CalcErrorKind> {
    if let Some((coefficient, r)) = reference_coefficient(request)? {
        recipe.tce = TceRule::Coefficient(coefficient);
        if let Some(r) = r {
            recipe.uses(r);
            recipe.replaceable.tce = Some(r);
        }
    } else if request.unit.dimension() == crate::units::Dimension::StandardCoal {
        recipe.tce = TceRule::Coefficient(Ratio::of(request.unit.to_base()));
    } else if recipe.energy_gj_per_unit.is_some() {
        recipe.tce = TceRule::CalorificValue;
    }
    Ok(())
}

/// The GB/T 2589 reference coefficient for an activity, in tce per unit of
/// the request's unit, when the library has one in that unit's dimension.
fn reference_coefficient(request: &RecipeRequest<'_>) -> Result<Option<(Ratio, Option<FactorRef>)>, CalcErrorKind> {
    let electricity = request.source == SourceCategory::PurchasedElectricity || request.activity == "electricity";
    if electricity {
        return match request.electricity_basis {
            ElectricityBasis::EquivalentValue => lookup(request, ElectricityBasis::EQUIVALENT_VALUE_FACTOR),
            ElectricityBasis::EqualValue { tce_per_mwh, .. } => {
                let per = request.unit.ratio_to(Unit::MegawattHour)?;
                Ok(Some((per.times(*tce_per_mwh)?, None)))
            }
        };
    }
    lookup(request, &format!("gbt2589.{}", request.activity))
}

fn lookup(request: &RecipeRequest<'_>, id: &str) -> Result<Option<(Ratio, Option<FactorRef>)>, CalcErrorKind> {
    let Some(r) = request.library.lookup(id) else { return Ok(None) };
    let f = request.library.factor(r);
    match f.denominator {
        Some(d) if d.dimension() == request.unit.dimension() => Ok(Some((f.per(request.unit)?, Some(r)))),
        _ => Ok(None),
    }
}
