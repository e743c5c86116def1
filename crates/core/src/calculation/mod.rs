//! The calculation: activity rows in, ledger lines, summaries, intensities
//! and trading positions out.
//!
//! [`Calculator`] is the streaming engine. Set it up with the organisation,
//! facilities and custom factors, feed it activities one at a time with
//! [`Calculator::add`] (each returns its [`LedgerLine`] at once, to be kept
//! or written out), then [`Calculator::finish`] with production and trading
//! data. Memory stays proportional to the number of distinct (facility,
//! period, source) cells, not to the number of rows.
//!
//! # The reporting period
//!
//! An inventory is of one calendar year, the organisation's
//! `reporting_year`. A row dated in another year (a December invoice of the
//! year before, a sheet that runs on into the next) is checked like any
//! other, but it is not part of the inventory: [`Calculator::add`] returns
//! `None` for it, it is listed in [`Results::excluded`], and one warning per
//! sheet and year names its rows. Production rows of other years are left
//! out of the intensities the same way, so that a year's emissions are
//! never divided by two years of output. Rows of the organisation's base
//! year form the base-year inventory instead ([`Results::base_year`]).
//!
//! # Example
//!
//! ```
//! use carbonbook_core::calculation::Calculator;
//! use carbonbook_core::inventory::{Activity, Facility, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let org = Organisation::new("Example", 2024);
//! let facilities = [Facility::new("F1")];
//! let mut calc = Calculator::new(&org, &facilities, &[]).map_err(|e| e.to_string())?;
//! for month in 1..=12u8 {
//!     let mut a = Activity::new("F1", SourceCategory::StationaryCombustion, "natural_gas",
//!         Quantity::new(dec!(10), Unit::TenThousandCubicMetres));
//!     a.period = Some(carbonbook_core::period::Period::month(2024, month).unwrap());
//!     let line = calc.add(&a).map_err(|e| e.to_string())?.expect("a 2024 row of a 2024 inventory");
//!     assert!(line.t_co2e > dec!(0));
//! }
//! // A row of 2023 is checked, then left out of the 2024 inventory.
//! let mut late = Activity::new("F1", SourceCategory::StationaryCombustion, "natural_gas",
//!     Quantity::new(dec!(10), Unit::TenThousandCubicMetres));
//! late.period = Some(carbonbook_core::period::Period::month(2023, 12).unwrap());
//! assert!(calc.add(&late).map_err(|e| e.to_string())?.is_none());
//! let results = calc.finish(Vec::new(), &[], &[]).map_err(|e| e.to_string())?;
//! assert_eq!(results.summary.by_period.len(), 12);
//! assert_eq!(results.excluded.len(), 1);
//! # Ok::<(), String>(())
//! ```

use crate::field::Field;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use rust_decimal::Decimal;
use serde::Serialize;
use smallvec::SmallVec;

use crate::arithmetic;
use crate::error::{CalcError, CalcErrorKind, CalcErrors, InputSheet, nearest};
use crate::factors::FactorLibrary;
use crate::intensity::{self, Comparison, FacilityIntensity, Intensity, ProductIntensity};
use crate::inventory::{Activity, CustomFactor, Facility, Organisation, Production, RefrigerantBalance};
use crate::ledger::{self, LedgerLine, MarketBasis, Prepared};
use crate::method::{self, Methodology, Recipe, RecipeRequest};
use crate::period::Period;
use crate::scope::{Scope, SourceCategory};
use crate::summary::{Accumulator, Cell, Summary};
use crate::trading::{Account, AccountError, Position, Scheme, TradingLine};
use crate::units::{Dimension, Rate, Unit};

mod checks;
mod finish;
mod resolve;
mod results;

use checks::{check_activity, density_applies, heat_per_tonne};
use resolve::resolve;
pub(crate) use results::RowList;
pub use results::{ActivityTotal, BaseYearInventory, Excluded, ExclusionReason, Results, Warning};

// The whole calculation of an inventory held in memory: here, above the
// inputs it reads, so that `inventory` depends on nothing of the engine.
impl crate::inventory::Inventory {
    /// Computes the ledger, summaries, intensities and trading positions.
    ///
    /// # Errors
    ///
    /// [`CalcErrors`] with every problem found, each tied to its row.
    pub fn calculate(&self) -> Result<Results, CalcErrors> {
        let input = crate::pipeline::Input {
            organisation: self.organisation.clone(),
            facilities: self.facilities.clone(),
            factors: self.factors.clone(),
            production: self.production.clone(),
            trading: self.trading.clone(),
            refrigerants: self.refrigerants.clone(),
            transactions: self.transactions.clone(),
            portfolio: self.portfolio.clone(),
            projects: self.projects.clone(),
            hold_output: false,
            cbam: self.cbam.clone(),
        };
        let (mut lines, mut errors) = (Vec::with_capacity(self.activities.len()), Vec::new());
        let Ok(outcome) = crate::pipeline::run(&input, &mut &self.activities[..], &mut lines, &mut errors, &mut |_| {});
        match outcome.results {
            Some(mut results) if errors.is_empty() => {
                results.ledger = lines;
                Ok(results)
            }
            _ => Err(CalcErrors(errors)),
        }
    }
}

/// Key of a resolved recipe: everything a methodology may look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct RecipeKey {
    source: SourceCategory,
    unit: Unit,
    facility: usize,
    year: i32,
    /// Rows given by volume with a density: resolved on their mass.
    via_density: bool,
}

/// The streaming engine (see the module docs).
pub struct Calculator<'a> {
    organisation: &'a Organisation,
    facilities: &'a [Facility],
    facility_index: FxHashMap<&'a str, usize>,
    method: &'static dyn Methodology,
    library: FactorLibrary,
    /// (facility id, activity key, source, unit, year) → slot: one hash
    /// and one probe per line (see [`slot_hash`]).
    slot_index: hashbrown::HashTable<usize>,
    /// One per kind of activity: its recipe and the running totals of its lines.
    slots: Vec<Slot>,
    accumulator: Accumulator,
    warnings: Vec<Warning>,
    /// Rows left out of the inventory (other years), in input order.
    excluded: Vec<Excluded>,
    /// Rows folded into the base-year inventory.
    base_rows: u64,
    count: usize,
    /// The allowance accounts' transactions (the Transactions sheet).
    transactions: Vec<crate::trading::ledger::Transaction>,
}

impl std::fmt::Debug for Calculator<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calculator").field("method", &self.method.id()).field("lines", &self.count).finish()
    }
}

impl<'a> Calculator<'a> {
    /// Sets up a calculation: checks the organisation, facilities and custom
    /// factors and builds the factor library.
    ///
    /// # Errors
    ///
    /// Every problem of those three inputs.
    pub fn new(
        organisation: &'a Organisation,
        facilities: &'a [Facility],
        custom: &[CustomFactor],
    ) -> Result<Calculator<'a>, CalcErrors> {
        let mut errors = Vec::new();
        let method = method::by_id(&organisation.methodology).unwrap_or_else(|| {
            errors.push(CalcError::new(
                InputSheet::Organisation,
                None,
                Field::Methodology,
                CalcErrorKind::UnknownMethodology { found: organisation.methodology.clone(), accepted: method::ids() },
            ));
            method::ALL[0]
        });
        let mut facility_index = FxHashMap::default();
        for (i, f) in facilities.iter().enumerate() {
            if let Some(prev) = facility_index.insert(f.id.as_str(), i) {
                facility_index.insert(f.id.as_str(), prev);
                errors.push(CalcError::new(
                    InputSheet::Facilities,
                    f.row,
                    Field::FacilityId,
                    CalcErrorKind::Duplicate { id: f.id.clone(), first_row: facilities[prev].row.unwrap_or(0) },
                ));
            }
        }
        let mut library = FactorLibrary::builtin();
        let mut first_rows: HashMap<(String, crate::gas::Gas), Option<u32>> = HashMap::new();
        for c in custom {
            if let Some(first) = first_rows.get(&(c.key.clone(), c.gas)) {
                errors.push(CalcError::new(
                    InputSheet::Factors,
                    c.row,
                    Field::FactorKey,
                    CalcErrorKind::Duplicate { id: format!("{} {}", c.key, c.gas), first_row: first.unwrap_or(0) },
                ));
                continue;
            }
            first_rows.insert((c.key.clone(), c.gas), c.row);
            if let Err((field, kind)) = method::custom::register(&mut library, c) {
                errors.push(CalcError::new(InputSheet::Factors, c.row, field, kind));
            }
        }
        let mut warnings = Vec::new();
        let mut builtin_keys: std::collections::HashSet<String> = method.fuel_keys(&library).into_iter().collect();
        builtin_keys.extend(["electricity".to_owned(), "heat".to_owned()]);
        let mut seen = std::collections::HashSet::new();
        for c in custom {
            if builtin_keys.contains(&c.key) && seen.insert(c.key.clone()) {
                warnings.push(Warning {
                    message_zh: Some(format!("自定义因子“{}”取代了该键的内置因子", c.key)),
                    field: None,
                    sheet: InputSheet::Factors,
                    row: c.row,
                    message: format!("custom factor \"{}\" overrides the built-in factors of that key", c.key),
                });
            }
        }
        if !errors.is_empty() {
            return Err(CalcErrors(errors));
        }
        Ok(Calculator {
            organisation,
            facilities,
            facility_index,
            method,
            library,
            slot_index: hashbrown::HashTable::new(),
            slots: Vec::new(),
            accumulator: Accumulator::default(),
            warnings,
            excluded: Vec::new(),
            base_rows: 0,
            transactions: Vec::new(),
            count: 0,
        })
    }

    /// The factor library in use (built-in plus custom).
    pub fn library(&self) -> &FactorLibrary {
        &self.library
    }

    /// The methodology in use.
    pub fn methodology(&self) -> &'static dyn Methodology {
        self.method
    }

    /// Computes one activity and folds it into the summary; `None` for a
    /// valid row of another year than the reporting year, which is left
    /// out (see the module docs on the reporting period).
    ///
    /// # Errors
    ///
    /// The first problem of the row (each row reports its own), whatever
    /// its year.
    pub fn add(&mut self, activity: &Activity) -> Result<Option<LedgerLine>, CalcError> {
        self.add_on(activity, InputSheet::Activities)
    }

    /// Computes the emissions of a refrigerant mass balance (the
    /// Refrigerants sheet): its kg leaked become a `fugitive` activity of
    /// the gas, in the balance's year. Returns that activity with its line
    /// (`None` for a balance of another year than the reporting year).
    ///
    /// ```
    /// use carbonbook_core::{dec, Calculator};
    /// use carbonbook_core::inventory::{Facility, Organisation, RefrigerantBalance};
    /// let org = Organisation::new("Example", 2024);
    /// let facilities = [Facility::new("F1")];
    /// let mut calc = Calculator::new(&org, &facilities, &[]).map_err(|e| e.to_string())?;
    /// let mut b = RefrigerantBalance::new("F1", "HFC-134a", 2024);
    /// b.purchased_kg = dec!(12);
    /// b.inventory_end_kg = dec!(2);
    /// let (activity, line) = calc.add_refrigerant(&b).map_err(|e| e.to_string())?.expect("2024");
    /// assert_eq!(activity.quantity.value(), dec!(10));
    /// assert_eq!(line.t_co2e, dec!(13.000)); // 10 kg × 1300 (AR5)
    /// # Ok::<(), String>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A mass out of range or a balance below zero, or the problems of the
    /// resulting row, on the Refrigerants sheet.
    pub fn add_refrigerant(&mut self, b: &RefrigerantBalance) -> Result<Option<(Activity, LedgerLine)>, CalcError> {
        let kg =
            b.emissions_kg().map_err(|(field, kind)| CalcError::new(InputSheet::Refrigerants, b.row, field, kind))?;
        let mut a = Activity::new(
            b.facility_id.clone(),
            SourceCategory::Fugitive,
            b.gas.clone(),
            crate::units::Quantity::new(kg, Unit::Kilogram),
        );
        a.row = b.row;
        a.period = Some(Period::Year(b.year));
        Ok(self.add_on(&a, InputSheet::Refrigerants)?.map(|mut line| {
            line.sheet = InputSheet::Refrigerants;
            (a, line)
        }))
    }

    fn add_on(&mut self, activity: &Activity, sheet: InputSheet) -> Result<Option<LedgerLine>, CalcError> {
        let row = activity.row;
        let err = |field: crate::field::Field, kind: CalcErrorKind| {
            // The Refrigerants sheet names the gas `gas`.
            let field = match (sheet, field) {
                (InputSheet::Refrigerants, Field::Activity) => Field::Gas,
                (InputSheet::Refrigerants, Field::Quantity | Field::Unit) => Field::InventoryEndKg,
                _ => field,
            };
            CalcError::new(sheet, row, field, kind)
        };
        // Steam and hot water in tonnes: their heat per tonne is a property
        // of the row, applied as a measured calorific value.
        let steam;
        let activity = match heat_per_tonne(activity).map_err(|(field, kind)| err(field, kind))? {
            Some(gj_per_t) => {
                let mut a = activity.clone();
                a.measured.ncv = Some(Rate::new(gj_per_t, Unit::Gigajoule, Unit::Tonne));
                steam = a;
                &steam
            }
            None => activity,
        };
        let via_density = density_applies(activity).map_err(|(field, kind)| err(field, kind))?;
        let period = activity.period.unwrap_or(Period::Year(self.organisation.reporting_year));
        let (source, unit, year) = (activity.source, activity.quantity.unit(), period.year());
        let hash = slot_hash(&activity.facility_id, &activity.activity, source, unit, year, via_density);
        let (slots, facilities) = (&self.slots, self.facilities);
        let found = self.slot_index.find(hash, |&i| {
            let s = &slots[i];
            s.key.year == year
                && s.key.unit == unit
                && s.key.via_density == via_density
                && s.key.source == source
                && s.activity == activity.activity
                && facilities[s.key.facility].id == activity.facility_id
        });
        let slot = match found {
            Some(&slot) => slot,
            None => {
                let Some(&facility) = self.facility_index.get(activity.facility_id.as_str()) else {
                    return Err(err(
                        Field::FacilityId,
                        CalcErrorKind::UnknownFacility {
                            id: activity.facility_id.clone(),
                            nearest: nearest(&activity.facility_id, self.facility_index.keys().copied()),
                        },
                    ));
                };
                self.new_slot(&activity.activity, RecipeKey { source, unit, facility, year, via_density }, hash)
            }
        };
        check_activity(activity).map_err(|(field, kind)| err(field, kind))?;
        let facility = self.slots[slot].key.facility;
        let data = &mut self.slots[slot];
        let prepared = match &data.recipe {
            Ok(r) => r,
            Err(kind) => {
                let field = match kind {
                    CalcErrorKind::UnitDoesNotFit { .. } => Field::Unit,
                    CalcErrorKind::SourceDoesNotFit { .. } => Field::Source,
                    _ => Field::Activity,
                };
                return Err(err(field, kind.clone()));
            }
        };
        // By volume with a density: computed on the mass (the slot's recipe
        // is the mass recipe), folded with the volume as given.
        let by_mass;
        let computed = match activity.density.filter(|_| via_density) {
            Some(density) => {
                let mass = density
                    .apply(&activity.quantity)
                    .and_then(|m| m.to(Unit::Tonne))
                    .map_err(|e| err(Field::Density, e.into()))?;
                let mut a = activity.clone();
                a.quantity = mass;
                by_mass = a;
                &by_mass
            }
            None => activity,
        };
        let line = ledger::compute(prepared, computed, self.count, facility, period).map_err(|kind| {
            let field = match &kind {
                CalcErrorKind::MissingValue { field, .. } => *field,
                CalcErrorKind::Missing { .. } => Field::Ncv,
                CalcErrorKind::Unit(_) => Field::NcvUnit,
                _ => Field::Quantity,
            };
            err(field, kind)
        })?;
        // A row of the base year goes to the base-year inventory: folded
        // into its own cells, not a line of the reporting year's ledger.
        let base_year = year != self.organisation.reporting_year
            && self.organisation.base_year.as_ref().is_some_and(|b| b.year == year);
        if year != self.organisation.reporting_year && !base_year {
            self.excluded.push(Excluded { sheet, row, period, reason: ExclusionReason::OutsideReportingYear });
            return Ok(None);
        }
        // Fold the line into its (kind, period) cell; an overflow leaves every total as it was.
        let at = match data.cell_of[period_index(period)] {
            NO_CELL => {
                data.cells.push((period, Cell::default()));
                data.cell_of[period_index(period)] = (data.cells.len() - 1) as u32;
                data.cells.len() - 1
            }
            at => at as usize,
        };
        let cell = &mut data.cells[at].1;
        if line.measured.any()
            || activity.contractual_factor.is_some()
            || activity.biomass_fraction.is_some()
            || via_density
        {
            cell.add_line(&line, activity.quantity.value())
        } else {
            // A line of defaults is quantity × the recipe's constants: the
            // cell keeps Σ quantity and applies the recipe once when settled.
            cell.add_default(activity.quantity.value())
        }
        .map_err(|e| err(Field::Quantity, e.into()))?;
        let variant = ledger::variant(&line);
        if !data.variants.contains(&variant) {
            data.variants.push(variant);
        }
        if line.market_basis == MarketBasis::LocationFallback {
            data.fallbacks.0 += 1;
            data.fallbacks.1 = data.fallbacks.1.or(row);
        }
        if line.tce_basis == ledger::TceBasis::NotCounted && source.is_combustion() && !prepared.recipe.energy_elsewhere
        {
            data.uncounted.0 += 1;
            data.uncounted.1 = data.uncounted.1.or(row);
        }
        if !data.warned {
            data.warned = true;
            for w in &prepared.recipe.warnings {
                self.warnings.push(Warning {
                    field: None,
                    sheet,
                    row,
                    message: w.0.clone(),
                    message_zh: Some(w.1.clone()),
                });
            }
        }
        if base_year {
            self.base_rows += 1;
            return Ok(None);
        }
        self.count += 1;
        Ok(Some(line))
    }

    /// The year of the base-year inventory, when the organisation names one.
    fn base_year(&self) -> Option<i32> {
        self.organisation.base_year.as_ref().map(|b| b.year)
    }

    /// Resolves the recipe of a kind of activity met for the first time.
    fn new_slot(&mut self, activity: &str, key: RecipeKey, hash: u64) -> usize {
        let request = RecipeRequest {
            activity,
            source: key.source,
            unit: if key.via_density { Unit::Tonne } else { key.unit },
            facility: &self.facilities[key.facility],
            year: key.year,
            library: &self.library,
            gwp: self.organisation.gwp,
            electricity_basis: &self.organisation.electricity_basis,
            market_uncovered: self.organisation.scope2_market_uncovered,
        };
        let recipe = resolve(self.method, &request);
        let recipe = recipe.map(|r| Prepared::new(r, &mut self.library));
        let slot = self.slots.len();
        self.slots.push(Slot {
            activity: activity.to_owned(),
            key,
            recipe,
            warned: false,
            cells: Vec::new(),
            cell_of: [NO_CELL; 13],
            variants: SmallVec::new(),
            fallbacks: (0, None),
            uncounted: (0, None),
        });
        let (slots, facilities) = (&self.slots, self.facilities);
        self.slot_index.insert_unique(hash, slot, |&i| {
            let s = &slots[i];
            slot_hash(
                &facilities[s.key.facility].id,
                &s.activity,
                s.key.source,
                s.key.unit,
                s.key.year,
                s.key.via_density,
            )
        });
        slot
    }
}

/// One kind of activity (key, source, unit, facility, year): its recipe,
/// resolved once, and the running totals of its lines per period.
struct Slot {
    activity: String,
    key: RecipeKey,
    recipe: Result<Prepared, CalcErrorKind>,
    warned: bool,
    cells: Vec<(Period, Cell)>,
    /// Position in `cells` of the cell of each period of the slot's year
    /// ([`period_index`]), or [`NO_CELL`].
    cell_of: [u32; 13],
    /// The combinations of measured parameters ([`MeasuredUse::bits`]) its
    /// lines used, in the order first seen.
    variants: SmallVec<[usize; 8]>,
    fallbacks: Fallbacks,
    /// Fuel lines whose energy could not be converted to standard coal.
    uncounted: Fallbacks,
}

impl Slot {
    /// The factors cited by any of its lines, in the order first cited.
    fn factors(&self, library: &FactorLibrary) -> Vec<crate::factors::FactorRef> {
        let mut union = Vec::new();
        if let Ok(p) = &self.recipe {
            for &v in &self.variants {
                for f in library.cited(p.cited_by_bits(v)) {
                    if !union.contains(f) {
                        union.push(*f);
                    }
                }
            }
        }
        union
    }

    /// A cell with its deferred sums settled under the slot's recipe.
    fn settle(&self, cell: &Cell) -> Result<Cell, CalcErrorKind> {
        match &self.recipe {
            Ok(p) => cell.settled(p, &self.activity, self.key.source, self.key.unit),
            Err(_) => Ok(cell.clone()),
        }
    }
}

/// No cell yet for the period.
const NO_CELL: u32 = u32::MAX;

/// The periods of one year as 0 (the year) and 1–12 (the months).
fn period_index(period: Period) -> usize {
    match period {
        Period::Year(_) => 0,
        Period::Month { month, .. } => usize::from(month).min(12),
    }
}

/// The hash of a kind of activity as a line names it.
fn slot_hash(
    facility_id: &str,
    activity: &str,
    source: SourceCategory,
    unit: Unit,
    year: i32,
    via_density: bool,
) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one((facility_id, activity, source, unit, year, via_density))
}

/// Lines without a contractual factor where one could apply, and the first
/// such row.
type Fallbacks = (u64, Option<u32>);

/// Production rows of one (facility, product, unit) added up:
/// (facility, product, unit, quantity, output value, some value missing, first row).
type ProductSum = (usize, String, String, Decimal, Decimal, bool, Option<u32>);

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use crate::inventory::{Activity, Facility, Inventory, Organisation};
    use crate::period::Period;
    use crate::scope::SourceCategory;
    use crate::units::{Quantity, Unit};

    #[test]
    fn activity_totals_add_monthly_rows_and_sum_to_the_totals() {
        let mut inv = Inventory::new(Organisation::new("T", 2024));
        inv.facilities.push(Facility::new("F"));
        for m in 1..=12u8 {
            let mut a = Activity::new(
                "F",
                SourceCategory::StationaryCombustion,
                "diesel",
                Quantity::new(dec!(10), Unit::Tonne),
            );
            a.period = Some(Period::month(2024, m).unwrap());
            inv.activities.push(a);
        }
        inv.activities.push(Activity::new(
            "F",
            SourceCategory::PurchasedElectricity,
            "electricity",
            Quantity::new(dec!(5), Unit::MegawattHour),
        ));
        let r = inv.calculate().unwrap();
        assert_eq!(r.by_activity.len(), 2);
        let diesel = &r.by_activity[0];
        assert_eq!((diesel.activity.as_str(), diesel.lines, diesel.quantity), ("diesel", 12, dec!(120)));
        // 12 × 10 t × 42.652 GJ/t × 0.0202 tC/GJ × 98 % × 44/12, settled once
        // per activity (exact) and once per month in the period totals (each
        // rounded at the 28th digit): equal to 1e-20.
        let close = |a: rust_decimal::Decimal, b: rust_decimal::Decimal| (a - b).abs() <= dec!(0.00000000000000000001);
        assert_eq!(diesel.t_co2e, dec!(120) * dec!(42.652) * dec!(0.0202) * dec!(0.98) * dec!(44) / dec!(12));
        let sum: rust_decimal::Decimal = r.by_activity.iter().map(|a| a.t_co2e).sum();
        assert!(close(sum, r.summary.totals.total_location_t_co2e().unwrap()));
        let tce: rust_decimal::Decimal = r.by_activity.iter().map(|a| a.tce).sum();
        assert!(close(tce, r.summary.totals.energy_tce));
    }

    // A row refused because a running total would overflow leaves no trace:
    // 3e28 kWh then 5e28 kWh (the quantity sum overflows; emissions do not).
    #[test]
    fn a_refused_row_leaves_every_total_as_it_was() {
        let org = Organisation::new("T", 2023);
        let facilities = [Facility::new("F")];
        let mut calc = super::Calculator::new(&org, &facilities, &[]).unwrap();
        let row = |q: rust_decimal::Decimal| {
            Activity::new(
                "F",
                SourceCategory::PurchasedElectricity,
                "electricity",
                Quantity::new(q, Unit::KilowattHour),
            )
        };
        let first = calc.add(&row(dec!(30000000000000000000000000000))).unwrap().expect("a reporting-year row");
        assert!(calc.add(&row(dec!(50000000000000000000000000000))).is_err());
        let r = calc.finish(Vec::new(), &[], &[]).unwrap();
        assert_eq!(r.summary.totals.scope2_location_t_co2e, first.t_co2e);
        assert_eq!(r.summary.lines, 1);
        assert_eq!(r.by_activity[0].lines, 1);
    }
}
