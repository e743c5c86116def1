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

/// Something the user should know that did not stop the calculation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The input table it is about.
    #[serde(serialize_with = "sheet_name")]
    pub sheet: InputSheet,
    /// The row, when it is about one.
    pub row: Option<u32>,
    /// What happened.
    pub message: String,
}

pub(crate) fn sheet_name<S: serde::Serializer>(s: &InputSheet, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s.name())
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.row {
            Some(r) => write!(f, "{} row {r}: {}", self.sheet, self.message),
            None => write!(f, "{}: {}", self.sheet, self.message),
        }
    }
}

/// A row left out of the inventory, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excluded {
    /// The input table it is on.
    #[serde(serialize_with = "sheet_name")]
    pub sheet: InputSheet,
    /// Its row.
    pub row: Option<u32>,
    /// The period the row gave.
    pub period: Period,
    /// Why it was left out.
    pub reason: ExclusionReason,
}

/// Why a row was left out of the inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExclusionReason {
    /// Its period lies outside the reporting year.
    OutsideReportingYear,
}

impl ExclusionReason {
    /// The reason in words.
    pub const fn describe(self) -> &'static str {
        match self {
            ExclusionReason::OutsideReportingYear => "outside the reporting year",
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
                "methodology",
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
                    "facility_id",
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
                    "factor_key",
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
        let err = |field: &'static str, kind: CalcErrorKind| {
            // The Refrigerants sheet names the gas `gas`.
            let field = match (sheet, field) {
                (InputSheet::Refrigerants, "activity") => "gas",
                (InputSheet::Refrigerants, "quantity" | "unit") => "inventory_end_kg",
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
                        "facility_id",
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
                    CalcErrorKind::UnitDoesNotFit { .. } => "unit",
                    CalcErrorKind::SourceDoesNotFit { .. } => "source",
                    _ => "activity",
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
                    .map_err(|e| err("density", e.into()))?;
                let mut a = activity.clone();
                a.quantity = mass;
                by_mass = a;
                &by_mass
            }
            None => activity,
        };
        let line = ledger::compute(prepared, computed, self.count, facility, period).map_err(|kind| {
            let field = match &kind {
                CalcErrorKind::MissingValue { field, .. } => field,
                CalcErrorKind::Missing { .. } => "ncv",
                CalcErrorKind::Unit(_) => "ncv_unit",
                _ => "quantity",
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
        .map_err(|e| err("quantity", e.into()))?;
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
                self.warnings.push(Warning { sheet, row, message: w.clone() });
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

    /// Completes the calculation: summaries, intensities, trading positions.
    /// `ledger` is whatever lines the caller kept (may be empty when
    /// streaming); it is returned in the results as it is.
    ///
    /// # Errors
    ///
    /// Every problem of the production and trading rows.
    pub fn finish(
        mut self,
        ledger: Vec<LedgerLine>,
        production: &[Production],
        trading: &[TradingLine],
    ) -> Result<Results, CalcErrors> {
        let mut errors = Vec::new();
        let overflow = |sheet, e: arithmetic::ArithmeticError| {
            CalcErrors(vec![CalcError::new(sheet, None, "quantity", CalcErrorKind::Arithmetic(e))])
        };
        // One warning per facility and activity key, in facility order.
        let mut fallbacks: Vec<((usize, String), Fallbacks)> = Vec::new();
        for s in &self.slots {
            if s.fallbacks.0 == 0 {
                continue;
            }
            let k = (s.key.facility, s.activity.clone());
            match fallbacks.iter_mut().find(|(x, _)| *x == k) {
                Some((_, v)) => {
                    v.0 += s.fallbacks.0;
                    v.1 = match (v.1, s.fallbacks.1) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                None => fallbacks.push((k, s.fallbacks)),
            }
        }
        fallbacks.sort_by(|a, b| a.0.cmp(&b.0));
        for ((f, key), (n, first_row)) in fallbacks {
            self.warnings.push(Warning {
                sheet: InputSheet::Activities,
                row: first_row,
                message: format!(
                    "{n} row(s) of \"{key}\" at facility {} have no contractual_factor: market-based Scope 2 uses the location-based figure for them",
                    self.facilities[f].id
                ),
            });
        }
        // Never a silent zero in energy_tce: one warning per kind of fuel row.
        for s in &self.slots {
            let (n, first_row) = s.uncounted;
            if n == 0 {
                continue;
            }
            self.warnings.push(Warning {
                sheet: InputSheet::Activities,
                row: first_row,
                message: format!(
                    "{n} row(s) of \"{}\" in {} at facility {} ({}): no calorific value or standard-coal coefficient is known for it under {}, so their energy is not counted in energy_tce; give ncv and ncv_unit on the rows, the quantity in an energy unit, or a Factors row with tce_per_unit",
                    s.activity,
                    s.key.unit,
                    self.facilities[s.key.facility].id,
                    s.key.year,
                    self.method.id()
                ),
            });
        }
        let facility_ids: Vec<String> = self.facilities.iter().map(|f| f.id.clone()).collect();
        let base = self.base_year().filter(|y| *y != self.organisation.reporting_year);
        let mut base_accumulator = Accumulator::default();
        for s in &self.slots {
            let into = if Some(s.key.year) == base { &mut base_accumulator } else { &mut self.accumulator };
            for (period, cell) in &s.cells {
                let settled = s.settle(cell).map_err(|e| overflow(InputSheet::Activities, e))?;
                into.add_cell((s.key.facility, *period, s.key.source), &settled)
                    .map_err(|e| overflow(InputSheet::Activities, e))?;
            }
        }
        let summary = self.accumulator.summary(&facility_ids).map_err(|e| overflow(InputSheet::Activities, e))?;
        let base_year = match base {
            Some(year) if self.base_rows > 0 => {
                let totals =
                    base_accumulator.summary(&facility_ids).map_err(|e| overflow(InputSheet::Activities, e))?.totals;
                self.warnings.push(Warning {
                    sheet: InputSheet::Activities,
                    row: None,
                    message: format!(
                        "{} row(s) dated {year} form the base-year inventory ({year}), computed apart and compared with {}",
                        self.base_rows, self.organisation.reporting_year
                    ),
                });
                Some(
                    BaseYearInventory::new(year, totals, &summary.totals)
                        .map_err(|e| overflow(InputSheet::Activities, e))?,
                )
            }
            _ => None,
        };

        let intensity = match self.intensity(&summary, production, &mut errors) {
            Ok(i) => i,
            Err(e) => return Err(overflow(InputSheet::Production, e)),
        };
        self.warn_exclusions();

        let mut positions = Vec::with_capacity(trading.len());
        // Rows are checked one by one, then joined into accounts (one per
        // scheme, facility and year: workbook-v2 §6).
        let mut valid = Vec::with_capacity(trading.len());
        for line in trading {
            let Some(_) = self.facility_index.get(line.facility_id.as_str()) else {
                errors.push(CalcError::new(
                    InputSheet::Trading,
                    line.row,
                    "facility_id",
                    CalcErrorKind::UnknownFacility {
                        id: line.facility_id.clone(),
                        nearest: nearest(&line.facility_id, self.facility_index.keys().copied()),
                    },
                ));
                continue;
            };
            if let Some((field, v)) = [
                ("purchased", Some(line.purchased)),
                ("sold", Some(line.sold)),
                ("offsets", Some(line.offsets)),
                ("verified_emissions", line.verified),
                ("price", line.price),
                ("penalty_per_t", line.penalty_per_t),
            ]
            .into_iter()
            .find_map(|(n, v)| v.filter(|v| v.is_sign_negative() && !v.is_zero()).map(|v| (n, v)))
            {
                errors.push(CalcError::new(
                    InputSheet::Trading,
                    line.row,
                    field,
                    CalcErrorKind::Negative { value: v.to_string() },
                ));
                continue;
            }
            valid.push(line.clone());
        }
        let (accounts, conflicts) = Account::join(&valid);
        for (i, e) in conflicts {
            let field = match &e {
                AccountError::Conflict { field, .. } => *field,
            };
            errors.push(CalcError::new(InputSheet::Trading, valid[i].row, field, e.into()));
        }
        for account in &accounts {
            let line = &account.line;
            let Some(&f) = self.facility_index.get(line.facility_id.as_str()) else { continue };
            let warn = |message: String| Warning { sheet: InputSheet::Trading, row: line.row, message };
            if line.verified.is_none() && line.year != self.organisation.reporting_year {
                // Its rows are left out of this inventory: a computed figure would be 0.
                errors.push(CalcError::new(
                    InputSheet::Trading,
                    line.row,
                    "verified_emissions",
                    CalcErrorKind::MissingValue {
                        field: "verified_emissions",
                        what: format!(
                            "the {} {} account of {} cannot be computed from a {} inventory (rows of other years are left out): give verified_emissions",
                            line.scheme, line.facility_id, line.year, self.organisation.reporting_year
                        ),
                    },
                ));
                continue;
            }
            let mut computed =
                self.covered_emissions(f, line.year, line.scheme).map_err(|e| overflow(InputSheet::Trading, e))?;
            if line.verified.is_none() {
                self.warnings.push(warn(format!(
                    "{} {} {}: verified emissions computed from the ledger ({})",
                    line.scheme,
                    line.facility_id,
                    line.year,
                    line.scheme.coverage()
                )));
                match self.cn_ets_power_electricity(f, line) {
                    Ok(None) => {}
                    Ok(Some((t, text))) => {
                        computed = arithmetic::add(computed, t).map_err(|e| overflow(InputSheet::Trading, e))?;
                        self.warnings.push(warn(text));
                    }
                    Err(kind) => {
                        errors.push(CalcError::new(InputSheet::Trading, line.row, "verified_emissions", kind));
                        continue;
                    }
                }
            }
            if line.scheme == Scheme::EuEts
                && line.penalty_per_t.is_none()
                && self.organisation.currency.code() != "EUR"
            {
                // The default is a euro amount: in another currency it would
                // be read as 100 of that currency.
                self.warnings.push(warn(format!(
                    "the EU ETS excess-emissions penalty defaults to EUR 100 per t, but the organisation's currency is {}: give penalty_per_t in {} (the penalty is computed with 100 per t)",
                    self.organisation.currency.code(),
                    self.organisation.currency.code()
                )));
            }
            if line.scheme == Scheme::EuEts && !line.offsets.is_zero() {
                self.warnings.push(warn(
                    "EU ETS phase 4 (2021–2030) accepts no international credits: offsets are reported as excess"
                        .to_owned(),
                ));
            }
            match account.position(computed) {
                Ok(p) => {
                    if p.position_t.is_sign_negative() && !p.position_t.is_zero() && line.price.is_none() {
                        self.warnings.push(warn("shortfall without a price: shortfall_cost is 0".to_owned()));
                    }
                    positions.push(p);
                }
                Err(e) => errors.push(CalcError::new(InputSheet::Trading, line.row, "allocated", e.into())),
            }
        }
        if !errors.is_empty() {
            return Err(CalcErrors(errors));
        }
        let mut by_activity: Vec<ActivityTotal> = Vec::new();
        for s in &self.slots {
            if s.cells.is_empty() || Some(s.key.year) == base {
                continue;
            }
            let mut cell = Cell::default();
            for (_, c) in &s.cells {
                cell.merge(c).map_err(|e| overflow(InputSheet::Activities, e))?;
            }
            let cell = s.settle(&cell).map_err(|e| overflow(InputSheet::Activities, e))?;
            let t = ActivityTotal::from_cell(s, &cell, &self.library);
            // Rows of one kind in several years are separate slots: merge them.
            match by_activity.iter_mut().find(|a| a.same_group(&t)) {
                Some(a) => a.merge(&t).map_err(|e| overflow(InputSheet::Activities, e))?,
                None => by_activity.push(t),
            }
        }
        by_activity.sort_by(|a, b| {
            (a.facility, a.source, &a.activity, a.unit).cmp(&(b.facility, b.source, &b.activity, b.unit))
        });
        Ok(Results {
            organisation: self.organisation.clone(),
            by_activity,
            methodology: self.method.id(),
            methodology_title: self.method.title(),
            facility_ids,
            facilities: self.facilities.to_vec(),
            ledger,
            library: self.library,
            summary,
            intensity,
            trading: positions,
            warnings: self.warnings,
            excluded: self.excluded,
            base_year,
        })
    }

    /// One warning per sheet and year of the rows left out, naming them.
    fn warn_exclusions(&mut self) {
        let mut groups: Vec<(InputSheet, i32, Vec<u32>, usize)> = Vec::new();
        for e in &self.excluded {
            let key = (e.sheet, e.period.year());
            let at = match groups.iter().position(|g| (g.0, g.1) == key) {
                Some(at) => at,
                None => {
                    groups.push((key.0, key.1, Vec::new(), 0));
                    groups.len() - 1
                }
            };
            groups[at].3 += 1;
            if let Some(r) = e.row {
                groups[at].2.push(r);
            }
        }
        for (sheet, year, rows, n) in groups {
            const SHOWN: usize = 20;
            let mut list: Vec<String> = rows.iter().take(SHOWN).map(u32::to_string).collect();
            if rows.len() > SHOWN {
                list.push(format!("… ({} more)", rows.len() - SHOWN));
            }
            let rows_text = if list.is_empty() { String::new() } else { format!(" (rows {})", list.join(", ")) };
            let base = sheet == InputSheet::Production && self.base_year() == Some(year);
            let what = match sheet {
                InputSheet::Production => "output and products",
                _ => "emissions and energy",
            };
            self.warnings.push(Warning {
                sheet,
                row: rows.first().copied(),
                message: format!(
                    "{n} row(s) dated {year}{rows_text} lie outside the reporting year {}: their {what} are left out of the {} figures{}",
                    self.organisation.reporting_year,
                    self.organisation.reporting_year,
                    if base { " (base-year output is not used: the base year's intensities are those given on the Organisation sheet)" } else { "" }
                ),
            });
        }
    }

    /// CN-ETS power accounts of 2019–2022: the verified emissions of a
    /// power facility include its purchased electricity at the national
    /// grid factor the MEE sets for ETS reporting in that year (the power
    /// sector's accounting guideline of those years; from 2023, direct
    /// emissions only). Returns the tonnes and a note saying how, or an
    /// error when the year's ETS factor is not in the library.
    fn cn_ets_power_electricity(
        &self,
        facility: usize,
        line: &TradingLine,
    ) -> Result<Option<(Decimal, String)>, CalcErrorKind> {
        let power = self.facilities[facility]
            .sector
            .as_deref()
            .is_some_and(|s| crate::factors::ipcc_sector_for(s) == Some("energy"));
        if line.scheme != Scheme::CnEts || !power || !(2019..=2022).contains(&line.year) {
            return Ok(None);
        }
        let mwh = self.electricity_mwh(facility, line.year)?;
        if mwh.is_zero() {
            return Ok(None);
        }
        let id = format!("cn.grid.ets_reporting.national.{}", line.year);
        let Some(factor) = self.library.get(&id) else {
            return Err(CalcErrorKind::MissingValue {
                field: "verified_emissions",
                what: format!(
                    "CN-ETS power verified emissions of {} include purchased electricity ({mwh} MWh) at the MEE's national grid factor for ETS reporting of {}, which the built-in library does not hold (not confirmed from the MEE text): give verified_emissions",
                    line.year, line.year
                ),
            });
        };
        let t = factor.per(crate::units::Unit::MegawattHour)?.apply(mwh)?;
        let text = format!(
            "{} {} {}: verified emissions include purchased electricity, {mwh} MWh × {} = {t} t CO2 ({}), as the power sector's rules of 2019–2022 count it",
            line.scheme,
            line.facility_id,
            line.year,
            factor.value_line(),
            factor.source.citation()
        );
        Ok(Some((t, text)))
    }

    /// MWh of purchased electricity of a facility in a year: the slots'
    /// quantities, converted once per slot (not per row).
    fn electricity_mwh(&self, facility: usize, year: i32) -> Result<Decimal, CalcErrorKind> {
        let mut mwh = Decimal::ZERO;
        for s in &self.slots {
            if s.key.facility != facility || s.key.year != year || s.key.source != SourceCategory::PurchasedElectricity
            {
                continue;
            }
            let Ok(per) = s.key.unit.ratio_to(Unit::MegawattHour) else { continue };
            for (_, cell) in &s.cells {
                let q = arithmetic::add(cell.quantity, cell.default_quantity)?;
                mwh = arithmetic::add(mwh, per.apply(q)?)?;
            }
        }
        Ok(mwh)
    }

    fn covered_emissions(
        &self,
        facility: usize,
        year: i32,
        scheme: Scheme,
    ) -> Result<Decimal, arithmetic::ArithmeticError> {
        let mut total = Decimal::ZERO;
        for ((f, p, s), cell) in self.accumulator.sorted() {
            if *f != facility || p.year() != year || s.scope() != Scope::Scope1 {
                continue;
            }
            for (gas, _, co2e) in &cell.gases {
                if scheme.covers(*gas) {
                    total = arithmetic::add(total, *co2e)?;
                }
            }
        }
        Ok(total)
    }

    fn intensity(
        &mut self,
        summary: &Summary,
        production: &[Production],
        errors: &mut Vec<CalcError>,
    ) -> Result<Intensity, arithmetic::ArithmeticError> {
        let mut products: Vec<ProductSum> = Vec::new();
        let mut output_total = Decimal::ZERO;
        for p in production {
            if let Some(period) = p.period.filter(|period| period.year() != self.organisation.reporting_year) {
                self.excluded.push(Excluded {
                    sheet: InputSheet::Production,
                    row: p.row,
                    period,
                    reason: ExclusionReason::OutsideReportingYear,
                });
                continue;
            }
            let Some(&f) = self.facility_index.get(p.facility_id.as_str()) else {
                errors.push(CalcError::new(
                    InputSheet::Production,
                    p.row,
                    "facility_id",
                    CalcErrorKind::UnknownFacility {
                        id: p.facility_id.clone(),
                        nearest: nearest(&p.facility_id, self.facility_index.keys().copied()),
                    },
                ));
                continue;
            };
            if p.quantity.is_sign_negative() && !p.quantity.is_zero() {
                errors.push(CalcError::new(
                    InputSheet::Production,
                    p.row,
                    "quantity",
                    CalcErrorKind::Negative { value: p.quantity.to_string() },
                ));
                continue;
            }
            if let Some(v) = p.output_value.filter(|v| v.is_sign_negative() && !v.is_zero()) {
                errors.push(CalcError::new(
                    InputSheet::Production,
                    p.row,
                    "output_value",
                    CalcErrorKind::Negative { value: v.to_string() },
                ));
                continue;
            }
            let ov = p.output_value.unwrap_or_default();
            output_total = arithmetic::add(output_total, ov)?;
            match products.iter_mut().find(|e| e.0 == f && e.1 == p.product && e.2 == p.unit) {
                Some(e) => {
                    e.3 = arithmetic::add(e.3, p.quantity)?;
                    e.4 = arithmetic::add(e.4, ov)?;
                    e.5 |= p.output_value.is_none();
                }
                None => products.push((
                    f,
                    p.product.clone(),
                    p.unit.clone(),
                    p.quantity,
                    ov,
                    p.output_value.is_none(),
                    p.row,
                )),
            }
        }
        let totals = &summary.totals;
        let mut result = Intensity {
            output_value: output_total,
            tce_per_10k_output_value: intensity::per_10k(totals.energy_tce, output_total)?,
            t_co2e_per_10k_output_value: intensity::per_10k(totals.total_location_t_co2e()?, output_total)?,
            t_co2e_market_per_10k_output_value: intensity::per_10k(totals.total_market_t_co2e()?, output_total)?,
            tce_vs_base_year: None,
            t_co2e_vs_base_year: None,
            tce_vs_target: None,
            t_co2e_vs_target: None,
            facilities: Vec::new(),
        };
        let compare =
            |b: Option<Decimal>, c: Option<Decimal>| -> Result<Option<Comparison>, arithmetic::ArithmeticError> {
                let (Some(b), Some(c)) = (b, c) else { return Ok(None) };
                Ok(intensity::change_percent(b, c)?.map(|change_percent| Comparison {
                    base: b,
                    current: c,
                    change_percent,
                }))
            };
        if let Some(base) = &self.organisation.base_year {
            result.tce_vs_base_year = compare(base.tce_per_10k_output_value, result.tce_per_10k_output_value)?;
            result.t_co2e_vs_base_year = compare(base.t_co2e_per_10k_output_value, result.t_co2e_per_10k_output_value)?;
        }
        if let Some(target) = &self.organisation.target {
            result.tce_vs_target = compare(target.tce_per_10k_output_value, result.tce_per_10k_output_value)?;
            result.t_co2e_vs_target = compare(target.t_co2e_per_10k_output_value, result.t_co2e_per_10k_output_value)?;
        }
        if output_total.is_zero() && !production.is_empty() {
            self.warnings.push(Warning {
                sheet: InputSheet::Production,
                row: None,
                message: "total output value is 0: intensities per 10,000 of output value are not computed".to_owned(),
            });
        }
        let mut facilities: Vec<usize> = products.iter().map(|p| p.0).collect();
        facilities.sort_unstable();
        facilities.dedup();
        for f in facilities {
            let ft = summary.facility(f);
            let mine: Vec<_> = products.iter().filter(|p| p.0 == f).collect();
            let fov = arithmetic::sum(mine.iter().map(|p| p.4))?;
            let several = mine.len() > 1;
            let missing_value = several && (mine.iter().any(|p| p.5) || fov.is_zero());
            if missing_value {
                self.warnings.push(Warning {
                    sheet: InputSheet::Production,
                    row: mine.first().and_then(|p| p.6),
                    message: format!(
                        "facility {} has several products but not every one has an output value: per-product intensities are not computed",
                        self.facilities[f].id
                    ),
                });
            }
            let mut list = Vec::with_capacity(mine.len());
            for p in mine {
                let share = if !several {
                    Some(Decimal::ONE)
                } else if missing_value {
                    None
                } else {
                    Some(arithmetic::div(p.4, fov)?)
                };
                let per_unit = |figure: Decimal| -> Result<Option<Decimal>, arithmetic::ArithmeticError> {
                    match share {
                        Some(s) if !p.3.is_zero() => {
                            // figure × ov_p / ov_f / quantity, dividing last.
                            let num = if several { arithmetic::mul(figure, p.4)? } else { figure };
                            let den = if several { arithmetic::mul(fov, p.3)? } else { p.3 };
                            let _ = s;
                            Ok(Some(arithmetic::div(num, den)?))
                        }
                        _ => Ok(None),
                    }
                };
                list.push(ProductIntensity {
                    product: p.1.clone(),
                    quantity: p.3,
                    unit: p.2.clone(),
                    output_value: (!p.5).then_some(p.4),
                    share,
                    t_co2e_per_unit: per_unit(ft.total_location_t_co2e()?)?,
                    tce_per_unit: per_unit(ft.energy_tce)?,
                });
            }
            result.facilities.push(FacilityIntensity {
                facility: f,
                facility_id: self.facilities[f].id.clone(),
                output_value: fov,
                tce_per_10k_output_value: intensity::per_10k(ft.energy_tce, fov)?,
                t_co2e_per_10k_output_value: intensity::per_10k(ft.total_location_t_co2e()?, fov)?,
                products: list,
            });
        }
        Ok(result)
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
    fn settle(&self, cell: &Cell) -> Result<Cell, arithmetic::ArithmeticError> {
        match &self.recipe {
            Ok(p) => cell.settled(p, self.key.source, self.key.unit),
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

/// Specific enthalpy of water at 20 °C, kJ/kg: the reference of purchased
/// steam's heat (workbook-v2 §3).
const WATER_20C_KJ_PER_KG: Decimal = rust_decimal_macros::dec!(83.74);

/// Specific heat of water, kJ/(kg·K).
const WATER_KJ_PER_KG_K: Decimal = rust_decimal_macros::dec!(4.1868);

/// GJ per tonne of steam (from its enthalpy) or hot water (from its supply
/// temperature), for heat rows given in a mass unit; `None` when the row
/// gives neither. Values outside their physical range are errors.
fn heat_per_tonne(a: &Activity) -> Result<Option<Decimal>, (&'static str, CalcErrorKind)> {
    let heat = matches!(a.source, SourceCategory::PurchasedHeat | SourceCategory::ExportedHeat);
    let mass = a.quantity.unit().dimension() == Dimension::Mass;
    let invalid = |expected: &str, found: String| CalcErrorKind::Invalid { expected: expected.to_owned(), found };
    let field = match (a.enthalpy, a.water_temperature) {
        (None, None) => {
            if heat && mass && a.measured.ncv.is_none() {
                return Err((
                    "enthalpy",
                    CalcErrorKind::MissingValue {
                        field: "enthalpy",
                        what: format!(
                            "heat given in {} needs the steam's enthalpy (kJ/kg) or the hot water's water_temperature (°C) to be converted to GJ",
                            a.quantity.unit()
                        ),
                    },
                ));
            }
            return Ok(None);
        }
        (Some(_), Some(_)) => {
            return Err((
                "water_temperature",
                invalid("either enthalpy (steam) or water_temperature (hot water), not both", "both".to_owned()),
            ));
        }
        (Some(_), None) => "enthalpy",
        (None, Some(_)) => "water_temperature",
    };
    if !heat {
        return Err((field, invalid("a purchased_heat or exported_heat row (steam, hot water)", a.source.to_string())));
    }
    if !mass {
        return Err((field, invalid("the quantity in a mass unit (t) with it", a.quantity.unit().to_string())));
    }
    let thousand = Decimal::from(1000);
    let gj_per_t = match (a.enthalpy, a.water_temperature) {
        (Some(h), _) => {
            // Above water at 20 °C, at most superheated steam of a power
            // plant (about 3 500 kJ/kg).
            if h <= WATER_20C_KJ_PER_KG || h > Decimal::from(4000) {
                return Err((
                    "enthalpy",
                    invalid("a specific enthalpy of steam above 83.74 and at most 4000 kJ/kg", h.to_string()),
                ));
            }
            (h - WATER_20C_KJ_PER_KG) / thousand
        }
        (None, Some(t)) => {
            if t <= Decimal::from(20) || t > Decimal::from(200) {
                return Err((
                    "water_temperature",
                    invalid("a hot-water supply temperature above 20 and at most 200 °C", t.to_string()),
                ));
            }
            (t - Decimal::from(20)) * WATER_KJ_PER_KG_K / thousand
        }
        (None, None) => return Ok(None),
    };
    Ok(Some(gj_per_t))
}

/// Whether the row is given by volume with a density (computed on its
/// mass); a density that is not a mass per volume, or outside the range of
/// fuels, is an error.
fn density_applies(a: &Activity) -> Result<bool, (&'static str, CalcErrorKind)> {
    let Some(d) = a.density else { return Ok(false) };
    let invalid = |expected: &str, found: String| CalcErrorKind::Invalid { expected: expected.to_owned(), found };
    if d.numerator().dimension() != Dimension::Mass || d.denominator().dimension() != Dimension::Volume {
        return Err(("density_unit", invalid("a mass per volume: kg/L, t/m3 or kg/m3", d.to_string())));
    }
    let t_per_m3 =
        d.per(Unit::CubicMetre).and_then(|r| Ok(r.apply(Decimal::ONE)?)).map_err(|e| ("density", e.into()))?;
    // From a gas at normal conditions (hydrogen 0.00009 t/m3) to the
    // densest liquid fuels (about 1.1 t/m3).
    if t_per_m3 < rust_decimal_macros::dec!(0.00005) || t_per_m3 > rust_decimal_macros::dec!(2.5) {
        return Err((
            "density",
            invalid("a fuel density from 0.00005 to 2.5 t/m3 (0.05 to 2500 kg/m3)", d.to_string()),
        ));
    }
    if a.quantity.unit().dimension() != Dimension::Volume {
        return Err((
            "density",
            invalid("a quantity in a volume unit (L, m3) with a density", a.quantity.unit().to_string()),
        ));
    }
    Ok(true)
}

/// Lines without a contractual factor where one could apply, and the first
/// such row.
type Fallbacks = (u64, Option<u32>);

/// Production rows of one (facility, product, unit) added up:
/// (facility, product, unit, quantity, output value, some value missing, first row).
type ProductSum = (usize, String, String, Decimal, Decimal, bool, Option<u32>);

/// Custom factors first, then the methodology's own set keys, then built-in
/// purchased energy, then the methodology's fuels.
fn resolve(method: &dyn Methodology, request: &RecipeRequest<'_>) -> Result<Recipe, CalcErrorKind> {
    if let Some(r) = method::custom::recipe(request)? {
        return Ok(r);
    }
    // The standards' own names (天然气, 烟煤, 电力) for the built-in keys; a
    // custom factor of that name, above, comes first.
    let aliased;
    let request = match crate::factors::activity_key(request.activity) {
        Some(key) if key != request.activity => {
            aliased = RecipeRequest { activity: key, ..*request };
            &aliased
        }
        _ => request,
    };
    if let Some(r) = method::refrigerant::recipe(request)? {
        return Ok(r);
    }
    if let Some(r) = method.set_recipe(request)? {
        return Ok(r);
    }
    if let Some(r) = method::purchased::recipe(request)? {
        return Ok(r);
    }
    match request.source {
        SourceCategory::Process | SourceCategory::Fugitive => Err(CalcErrorKind::Missing {
            what: format!(
                "no built-in {} factor for \"{}\": add it to the Factors sheet and use its factor_key as the activity",
                request.source.key(),
                request.activity
            ),
        }),
        SourceCategory::PurchasedElectricity
        | SourceCategory::PurchasedHeat
        | SourceCategory::ExportedElectricity
        | SourceCategory::ExportedHeat => Err(CalcErrorKind::SourceDoesNotFit {
            key: request.activity.to_owned(),
            source_category: request.source.key(),
            hint: format!(
                "; {} energy is activity \"{}\" or a Factors-sheet key",
                if request.source.is_export() { "exported" } else { "purchased" },
                if matches!(request.source, SourceCategory::PurchasedElectricity | SourceCategory::ExportedElectricity)
                {
                    "electricity"
                } else {
                    "heat"
                }
            ),
        }),
        _ => method.fuel_recipe(request),
    }
}

/// Row checks that need no factor: signs, ranges, units of measured values.
fn check_activity(a: &Activity) -> Result<(), (&'static str, CalcErrorKind)> {
    let negative = |v: Decimal| v.is_sign_negative() && !v.is_zero();
    if negative(a.quantity.value()) {
        return Err(("quantity", CalcErrorKind::Negative { value: a.quantity.value().to_string() }));
    }
    if let Some(ncv) = &a.measured.ncv {
        if negative(ncv.value()) {
            return Err(("ncv", CalcErrorKind::Negative { value: ncv.value().to_string() }));
        }
        if ncv.numerator().dimension() != Dimension::Energy {
            return Err((
                "ncv_unit",
                CalcErrorKind::Invalid { expected: "an energy per unit, e.g. GJ/t".to_owned(), found: ncv.to_string() },
            ));
        }
        let unit = a.quantity.unit();
        if unit.dimension() != Dimension::Energy && ncv.denominator().dimension() != unit.dimension() {
            return Err((
                "ncv_unit",
                CalcErrorKind::Invalid {
                    expected: format!("a calorific value per {} unit (the quantity is in {unit})", unit.dimension()),
                    found: format!("{}/{}", ncv.numerator(), ncv.denominator()),
                },
            ));
        }
    }
    if let Some(cc) = a.measured.carbon_content
        && negative(cc)
    {
        return Err(("carbon_content", CalcErrorKind::Negative { value: cc.to_string() }));
    }
    if let Some(f) = a.biomass_fraction
        && (negative(f) || f > Decimal::ONE)
    {
        return Err((
            "biomass_fraction",
            CalcErrorKind::Invalid {
                expected: "a fraction from 0 to 1 (or 0 % to 100 %)".to_owned(),
                found: f.to_string(),
            },
        ));
    }
    if let Some(of) = a.measured.oxidation
        && (negative(of) || of > Decimal::ONE)
    {
        return Err((
            "oxidation_factor",
            CalcErrorKind::Invalid {
                expected: "a fraction from 0 to 1 (or 0 % to 100 %)".to_owned(),
                found: of.to_string(),
            },
        ));
    }
    if let Some(cf) = a.contractual_factor {
        if a.source != SourceCategory::PurchasedElectricity {
            return Err((
                "contractual_factor",
                CalcErrorKind::Invalid {
                    expected: "no contractual factor (it applies to purchased_electricity only)".to_owned(),
                    found: cf.to_string(),
                },
            ));
        }
        if negative(cf) {
            return Err(("contractual_factor", CalcErrorKind::Negative { value: cf.to_string() }));
        }
    }
    Ok(())
}

/// Everything a calculation produces.
#[derive(Debug, Clone)]
pub struct Results {
    /// The organisation and its choices.
    pub organisation: Organisation,
    /// The methodology id used.
    pub methodology: &'static str,
    /// Its title.
    pub methodology_title: &'static str,
    /// Facility ids, by index (ledger lines and summaries refer to indices).
    pub facility_ids: Vec<String>,
    /// The facilities (names, country, grid region, sector), by index.
    pub facilities: Vec<Facility>,
    /// The ledger lines the caller kept (all of them, from [`Inventory::calculate`]).
    ///
    /// [`Inventory::calculate`]: crate::inventory::Inventory::calculate
    pub ledger: Vec<LedgerLine>,
    /// The factor library used, to resolve the lines' factor handles.
    pub library: FactorLibrary,
    /// Totals and breakdowns.
    pub summary: Summary,
    /// Intensities.
    pub intensity: Intensity,
    /// Trading positions, in input order.
    pub trading: Vec<Position>,
    /// Totals per facility, source category, activity key and unit: the
    /// activity-data tables of reports (quantities, factors, emissions).
    pub by_activity: Vec<ActivityTotal>,
    /// Warnings.
    pub warnings: Vec<Warning>,
    /// Rows left out of the inventory (their period lies outside the
    /// reporting year), Activities rows first, then Production rows.
    pub excluded: Vec<Excluded>,
    /// The base-year inventory, when the organisation's `base_year` has rows
    /// in the book (workbook-v2 §2).
    pub base_year: Option<BaseYearInventory>,
}

/// The inventory of the base year, computed from the book's rows of that
/// year, and the change from it to the reporting year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseYearInventory {
    /// The base year.
    pub year: i32,
    /// Its totals.
    pub totals: crate::summary::Totals,
    /// Reporting year − base year, figure by figure.
    pub change: crate::summary::Totals,
    /// The change of the location-based total in percent of the base year's
    /// (`None` when the base year's total is 0).
    pub change_percent: Option<Decimal>,
}

impl BaseYearInventory {
    fn new(
        year: i32,
        base: crate::summary::Totals,
        current: &crate::summary::Totals,
    ) -> Result<BaseYearInventory, arithmetic::ArithmeticError> {
        let d = |a: Decimal, b: Decimal| arithmetic::sub(a, b);
        let change = crate::summary::Totals {
            scope1_t_co2e: d(current.scope1_t_co2e, base.scope1_t_co2e)?,
            scope2_location_t_co2e: d(current.scope2_location_t_co2e, base.scope2_location_t_co2e)?,
            scope2_market_t_co2e: d(current.scope2_market_t_co2e, base.scope2_market_t_co2e)?,
            energy_tce: d(current.energy_tce, base.energy_tce)?,
            biogenic_co2_t: d(current.biogenic_co2_t, base.biogenic_co2_t)?,
            exported_t_co2e: d(current.exported_t_co2e, base.exported_t_co2e)?,
        };
        let base_total = base.total_location_t_co2e()?;
        let change_percent = if base_total.is_zero() {
            None
        } else {
            Some(arithmetic::div(arithmetic::mul(change.total_location_t_co2e()?, Decimal::ONE_HUNDRED)?, base_total)?)
        };
        Ok(BaseYearInventory { year, totals: base, change, change_percent })
    }
}

impl Results {
    /// The citation of every factor a line used (see
    /// [`FactorLibrary::citation`](crate::factors::FactorLibrary::citation)).
    pub fn factor_citations(&self, line: &LedgerLine) -> String {
        self.library.citation(line.factors)
    }
}

/// The lines of one facility, source category, activity key and unit added
/// up: the activity data and factor tables of compliance reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityTotal {
    /// Index of the facility.
    pub facility: usize,
    /// Source category.
    pub source: SourceCategory,
    /// Activity key.
    pub activity: String,
    /// Unit of the quantities.
    pub unit: Unit,
    /// Number of lines.
    pub lines: u64,
    /// Sum of quantities, in `unit`.
    pub quantity: Decimal,
    /// Sum of energy, GJ (lines without a known energy count 0).
    pub energy_gj: Decimal,
    /// Sum of t CO2e (location-based for Scope 2).
    pub t_co2e: Decimal,
    /// Sum of t CO2e, market-based.
    pub t_co2e_market: Decimal,
    /// Sum of tce.
    pub tce: Decimal,
    /// Tonnes per gas.
    pub gases: Vec<(crate::gas::Gas, Decimal)>,
    /// Every factor used by any of the lines.
    pub factors: Vec<crate::factors::FactorRef>,
    /// Lines that used measured parameters (NCV, carbon content or oxidation).
    pub measured_lines: u64,
}

impl ActivityTotal {
    fn from_cell(slot: &Slot, cell: &Cell, library: &FactorLibrary) -> ActivityTotal {
        ActivityTotal {
            facility: slot.key.facility,
            source: slot.key.source,
            activity: slot.activity.clone(),
            unit: slot.key.unit,
            lines: cell.lines,
            quantity: cell.quantity,
            energy_gj: cell.energy_gj,
            // A kind of activity is in one scope (or exported): its emissions
            // are that figure, whichever it is.
            t_co2e: [cell.totals.scope2_location_t_co2e, cell.totals.exported_t_co2e]
                .into_iter()
                .try_fold(cell.totals.scope1_t_co2e, arithmetic::add)
                .unwrap_or_default(),
            t_co2e_market: [cell.totals.scope2_market_t_co2e, cell.totals.exported_t_co2e]
                .into_iter()
                .try_fold(cell.totals.scope1_t_co2e, arithmetic::add)
                .unwrap_or_default(),
            tce: cell.totals.energy_tce,
            gases: cell.gases.iter().map(|(g, t, _)| (*g, *t)).collect(),
            factors: slot.factors(library),
            measured_lines: cell.measured_lines,
        }
    }

    fn same_group(&self, other: &ActivityTotal) -> bool {
        (self.facility, self.source, &self.activity, self.unit)
            == (other.facility, other.source, &other.activity, other.unit)
    }

    fn merge(&mut self, other: &ActivityTotal) -> Result<(), arithmetic::ArithmeticError> {
        self.lines += other.lines;
        self.measured_lines += other.measured_lines;
        self.quantity = arithmetic::add(self.quantity, other.quantity)?;
        self.energy_gj = arithmetic::add(self.energy_gj, other.energy_gj)?;
        self.t_co2e = arithmetic::add(self.t_co2e, other.t_co2e)?;
        self.t_co2e_market = arithmetic::add(self.t_co2e_market, other.t_co2e_market)?;
        self.tce = arithmetic::add(self.tce, other.tce)?;
        for (gas, t) in &other.gases {
            match self.gases.iter_mut().find(|(g, _)| g == gas) {
                Some((_, x)) => *x = arithmetic::add(*x, *t)?,
                None => self.gases.push((*gas, *t)),
            }
        }
        for f in &other.factors {
            if !self.factors.contains(f) {
                self.factors.push(*f);
            }
        }
        Ok(())
    }
}

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
