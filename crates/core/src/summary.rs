//! Summaries of the ledger: totals by facility, period, scope, gas and
//! source category.
//!
//! Lines are folded into cells of (facility, period, source category) as
//! they are computed, so a summary needs no second pass over the ledger and
//! a streaming calculation keeps only the cells. The grand totals are the
//! sum of the facility totals, so facility totals add up to them exactly;
//! every other breakdown adds up to them exactly too unless a sum needs
//! more than the 28 significant digits a `Decimal` holds, where it agrees to
//! those 28 digits.
//!
//! ```
//! use carbonbook_core::summary::Totals;
//! use rust_decimal_macros::dec;
//! let t = Totals { scope1_t_co2e: dec!(10), scope2_location_t_co2e: dec!(5),
//!                  scope2_market_t_co2e: dec!(2), energy_tce: dec!(1),
//!                  biogenic_co2_t: dec!(3), exported_t_co2e: dec!(4) };
//! // GB/T 32150: Scope 1 + Scope 2 − exported energy.
//! assert_eq!(t.total_location_t_co2e()?, dec!(11));
//! assert_eq!(t.total_market_t_co2e()?, dec!(8));
//! # Ok::<(), carbonbook_core::arithmetic::ArithmeticError>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use smallvec::SmallVec;

use crate::arithmetic::{self, ArithmeticError};
use crate::gas::Gas;
use crate::ledger::{LedgerLine, Prepared, TceBasis};
use crate::period::Period;
use crate::scope::{Scope, SourceCategory};

/// Scope totals and energy of a group of lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    /// Scope 1, t CO2e.
    pub scope1_t_co2e: Decimal,
    /// Scope 2 location-based, t CO2e.
    pub scope2_location_t_co2e: Decimal,
    /// Scope 2 market-based, t CO2e.
    pub scope2_market_t_co2e: Decimal,
    /// Energy, tce.
    pub energy_tce: Decimal,
    /// Biogenic CO2, t: a memo figure, in no scope and no total.
    pub biogenic_co2_t: Decimal,
    /// Emissions of electricity and heat supplied to others, t CO2e: in no
    /// scope, deducted from the totals (GB/T 32150-2015).
    pub exported_t_co2e: Decimal,
}

impl Totals {
    /// Scope 1 + Scope 2 location-based − exported energy (GB/T 32150).
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn total_location_t_co2e(&self) -> Result<Decimal, ArithmeticError> {
        arithmetic::sub(arithmetic::add(self.scope1_t_co2e, self.scope2_location_t_co2e)?, self.exported_t_co2e)
    }

    /// Scope 1 + Scope 2 market-based − exported energy (GB/T 32150).
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn total_market_t_co2e(&self) -> Result<Decimal, ArithmeticError> {
        arithmetic::sub(arithmetic::add(self.scope1_t_co2e, self.scope2_market_t_co2e)?, self.exported_t_co2e)
    }

    /// Adds one ledger line.
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn add_line(&mut self, line: &LedgerLine) -> Result<(), ArithmeticError> {
        match line.scope {
            Scope::Scope1 => self.scope1_t_co2e = arithmetic::add(self.scope1_t_co2e, line.t_co2e)?,
            Scope::Scope2 => {
                self.scope2_location_t_co2e = arithmetic::add(self.scope2_location_t_co2e, line.t_co2e)?;
                self.scope2_market_t_co2e = arithmetic::add(self.scope2_market_t_co2e, line.t_co2e_market)?;
            }
            Scope::Exported => self.exported_t_co2e = arithmetic::add(self.exported_t_co2e, line.t_co2e)?,
        }
        self.energy_tce = arithmetic::add(self.energy_tce, line.tce)?;
        if !line.biogenic_co2_t.is_zero() {
            self.biogenic_co2_t = arithmetic::add(self.biogenic_co2_t, line.biogenic_co2_t)?;
        }
        Ok(())
    }

    /// Adds another group's totals.
    ///
    /// # Errors
    ///
    /// On overflow.
    pub fn add(&mut self, other: &Totals) -> Result<(), ArithmeticError> {
        self.scope1_t_co2e = arithmetic::add(self.scope1_t_co2e, other.scope1_t_co2e)?;
        self.scope2_location_t_co2e = arithmetic::add(self.scope2_location_t_co2e, other.scope2_location_t_co2e)?;
        self.scope2_market_t_co2e = arithmetic::add(self.scope2_market_t_co2e, other.scope2_market_t_co2e)?;
        self.energy_tce = arithmetic::add(self.energy_tce, other.energy_tce)?;
        self.biogenic_co2_t = arithmetic::add(self.biogenic_co2_t, other.biogenic_co2_t)?;
        self.exported_t_co2e = arithmetic::add(self.exported_t_co2e, other.exported_t_co2e)?;
        Ok(())
    }
}

/// Tonnes of one gas (chemical species) and their CO2e.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GasTotal {
    /// Species symbol: `CO2`, `CH4`, `N2O`, `CO2e` (amounts given directly in CO2e), …
    pub gas: &'static str,
    /// Tonnes of the gas.
    pub t: Decimal,
    /// Tonnes of CO2e. Scope 2 counts location-based.
    pub t_co2e: Decimal,
}

/// A pending update of one gas of a cell: (position, gas, t, t CO2e).
type GasUpdate = (Option<usize>, Gas, Decimal, Decimal);

/// Running totals of a group of lines: by scope, by gas, and the activity
/// data behind them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) totals: Totals,
    pub(crate) gases: SmallVec<[(Gas, Decimal, Decimal); 3]>,
    pub(crate) lines: u64,
    pub(crate) quantity: Decimal,
    pub(crate) energy_gj: Decimal,
    pub(crate) measured_lines: u64,
    /// t of carbon oxidised by the lines whose CO2 is carbon × 44/12: their
    /// CO2 is added as (Σ carbon) × 44/12 when the cell is settled, so the
    /// running sums stay short exact decimals (one division per cell, not
    /// per line).
    pub(crate) carbon_t: Decimal,
    /// GJ of the lines whose tce is energy ÷ 29.3076, likewise.
    pub(crate) tce_gj: Decimal,
    /// Σ quantity of the lines that used only defaults: every figure of
    /// such a line is its quantity times constants of the recipe, so their
    /// sum is the recipe applied once to Σ quantity, when settled.
    pub(crate) default_quantity: Decimal,
}

impl Cell {
    /// Adds one line (of `quantity` in the group's unit). Every sum is
    /// computed before any is stored, so an overflow leaves the cell as it
    /// was.
    pub(crate) fn add_line(&mut self, line: &LedgerLine, quantity: Decimal) -> Result<(), ArithmeticError> {
        self.fold_line(line, quantity)?;
        self.lines += 1;
        if line.measured.any() {
            self.measured_lines += 1;
        }
        Ok(())
    }

    /// Adds one line that used only the recipe's defaults (see
    /// [`Cell::default_quantity`]).
    pub(crate) fn add_default(&mut self, quantity: Decimal) -> Result<(), ArithmeticError> {
        self.default_quantity = arithmetic::add(self.default_quantity, quantity)?;
        self.lines += 1;
        Ok(())
    }

    /// Adds a line's figures (not its count).
    fn fold_line(&mut self, line: &LedgerLine, quantity: Decimal) -> Result<(), ArithmeticError> {
        let from_carbon = line.carbon_oxidised_t;
        let tce_from_gj = matches!(line.tce_basis, TceBasis::MeasuredCalorificValue | TceBasis::DefaultCalorificValue);
        let mut totals = self.totals;
        let (mut carbon_t, mut tce_gj) = (self.carbon_t, self.tce_gj);
        if from_carbon.is_none() && !tce_from_gj {
            totals.add_line(line)?;
        } else {
            // Scope 1 fuel lines: CO2 and/or tce go to the short sums above.
            let mut rest = Decimal::ZERO;
            for g in &line.gases {
                if !(from_carbon.is_some() && g.gas == Gas::Co2) {
                    rest = arithmetic::add(rest, g.t_co2e)?;
                }
            }
            match line.scope {
                Scope::Scope1 => {
                    if !rest.is_zero() {
                        totals.scope1_t_co2e = arithmetic::add(totals.scope1_t_co2e, rest)?;
                    }
                }
                Scope::Scope2 => {
                    totals.scope2_location_t_co2e = arithmetic::add(totals.scope2_location_t_co2e, line.t_co2e)?;
                    totals.scope2_market_t_co2e = arithmetic::add(totals.scope2_market_t_co2e, line.t_co2e_market)?;
                }
                Scope::Exported => {
                    totals.exported_t_co2e = arithmetic::add(totals.exported_t_co2e, line.t_co2e)?;
                }
            }
            if let Some(c) = from_carbon {
                carbon_t = arithmetic::add(carbon_t, c)?;
            }
            if tce_from_gj {
                tce_gj = arithmetic::add(tce_gj, line.energy_gj.unwrap_or_default())?;
            } else {
                totals.energy_tce = arithmetic::add(totals.energy_tce, line.tce)?;
            }
            if !line.biogenic_co2_t.is_zero() {
                totals.biogenic_co2_t = arithmetic::add(totals.biogenic_co2_t, line.biogenic_co2_t)?;
            }
        }
        let quantity = arithmetic::add(self.quantity, quantity)?;
        let energy_gj = match line.energy_gj {
            Some(e) => arithmetic::add(self.energy_gj, e)?,
            None => self.energy_gj,
        };
        // (position in the cell, gas, new t, new t CO2e)
        let mut gases: SmallVec<[GasUpdate; 3]> = SmallVec::new();
        for g in &line.gases {
            if from_carbon.is_some() && g.gas == Gas::Co2 {
                continue;
            }
            match self.gases.iter().position(|(gas, ..)| *gas == g.gas) {
                Some(i) => {
                    let (_, t, e) = self.gases[i];
                    gases.push((Some(i), g.gas, arithmetic::add(t, g.t)?, arithmetic::add(e, g.t_co2e)?));
                }
                None => gases.push((None, g.gas, g.t, g.t_co2e)),
            }
        }
        self.totals = totals;
        self.carbon_t = carbon_t;
        self.tce_gj = tce_gj;
        self.quantity = quantity;
        self.energy_gj = energy_gj;
        for (at, gas, t, e) in gases {
            match at {
                Some(i) => self.gases[i] = (gas, t, e),
                None => self.gases.push((gas, t, e)),
            }
        }
        Ok(())
    }

    /// The cell with its deferred sums settled: the quantity of its lines at
    /// the recipe's defaults computed once, CO2 = (Σ carbon) × 44/12 and
    /// tce = (Σ GJ) ÷ 29.3076 added to the totals and gases.
    ///
    /// # Errors
    ///
    /// An overflow, or (never expected: the same recipe computed each of
    /// those lines) a default the recipe lacks.
    pub(crate) fn settled(
        &self,
        prepared: &Prepared,
        activity: &str,
        source: SourceCategory,
        unit: crate::units::Unit,
    ) -> Result<Cell, crate::error::CalcErrorKind> {
        let mut c = self.clone();
        if !c.default_quantity.is_zero() {
            let quantity = crate::units::Quantity::new(c.default_quantity, unit);
            let defaults = crate::ledger::LineInput::defaults(activity, source, quantity);
            let line = crate::ledger::apply(prepared, defaults, 0, 0, Period::Year(0))?;
            c.fold_line(&line, c.default_quantity)?;
            c.default_quantity = Decimal::ZERO;
        }
        if !c.carbon_t.is_zero() {
            let co2 = arithmetic::div(arithmetic::mul(c.carbon_t, dec!(44))?, dec!(12))?;
            c.totals.scope1_t_co2e = arithmetic::add(c.totals.scope1_t_co2e, co2)?;
            match c.gases.iter_mut().find(|(g, ..)| *g == Gas::Co2) {
                Some((_, t, e)) => {
                    *t = arithmetic::add(*t, co2)?;
                    *e = arithmetic::add(*e, co2)?;
                }
                None => c.gases.insert(0, (Gas::Co2, co2, co2)),
            }
        }
        if !c.tce_gj.is_zero() {
            let tce = arithmetic::div(c.tce_gj, crate::energy::GJ_PER_TCE)?;
            c.totals.energy_tce = arithmetic::add(c.totals.energy_tce, tce)?;
        }
        c.carbon_t = Decimal::ZERO;
        c.tce_gj = Decimal::ZERO;
        Ok(c)
    }

    /// Adds another cell of the same unit.
    pub(crate) fn merge(&mut self, other: &Cell) -> Result<(), ArithmeticError> {
        self.measured_lines += other.measured_lines;
        self.default_quantity = arithmetic::add(self.default_quantity, other.default_quantity)?;
        self.quantity = arithmetic::add(self.quantity, other.quantity)?;
        self.energy_gj = arithmetic::add(self.energy_gj, other.energy_gj)?;
        self.merge_emissions(other)
    }

    /// Adds another cell's emissions, energy in tce and line count (not its
    /// quantities, which may be in another unit).
    pub(crate) fn merge_emissions(&mut self, other: &Cell) -> Result<(), ArithmeticError> {
        self.carbon_t = arithmetic::add(self.carbon_t, other.carbon_t)?;
        self.tce_gj = arithmetic::add(self.tce_gj, other.tce_gj)?;
        self.totals.add(&other.totals)?;
        self.lines += other.lines;
        for (gas, t, e) in &other.gases {
            match self.gases.iter_mut().find(|(g, ..)| g == gas) {
                Some((_, xt, xe)) => {
                    *xt = arithmetic::add(*xt, *t)?;
                    *xe = arithmetic::add(*xe, *e)?;
                }
                None => self.gases.push((*gas, *t, *e)),
            }
        }
        Ok(())
    }
}

/// Cells of (facility, period, source category).
#[derive(Debug, Clone, Default)]
pub(crate) struct Accumulator {
    pub(crate) cells: HashMap<(usize, Period, SourceCategory), Cell>,
}

impl Accumulator {
    /// Adds a cell of lines of one facility, period and source.
    pub(crate) fn add_cell(
        &mut self,
        key: (usize, Period, SourceCategory),
        cell: &Cell,
    ) -> Result<(), ArithmeticError> {
        self.cells.entry(key).or_default().merge_emissions(cell)
    }

    /// Cells in a fixed order (facility, period, source), so sums are
    /// reproducible.
    pub(crate) fn sorted(&self) -> Vec<(&(usize, Period, SourceCategory), &Cell)> {
        let mut v: Vec<_> = self.cells.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    pub(crate) fn summary(&self, facility_ids: &[String]) -> Result<Summary, ArithmeticError> {
        let mut by_facility: BTreeMap<usize, Totals> = BTreeMap::new();
        let mut by_period: BTreeMap<Period, Totals> = BTreeMap::new();
        let mut by_source: BTreeMap<SourceCategory, Totals> = BTreeMap::new();
        let mut by_gas: Vec<GasTotal> = Vec::new();
        let mut lines = 0u64;
        for ((f, p, s), cell) in self.sorted() {
            by_facility.entry(*f).or_default().add(&cell.totals)?;
            by_period.entry(*p).or_default().add(&cell.totals)?;
            by_source.entry(*s).or_default().add(&cell.totals)?;
            lines += cell.lines;
            // Gases of the inventory: energy supplied to others is a
            // deduction from the total, not an emission by gas.
            if s.is_export() {
                continue;
            }
            for (gas, t, e) in &cell.gases {
                let species = gas.species();
                match by_gas.iter_mut().find(|g| g.gas == species) {
                    Some(g) => {
                        g.t = arithmetic::add(g.t, *t)?;
                        g.t_co2e = arithmetic::add(g.t_co2e, *e)?;
                    }
                    None => by_gas.push(GasTotal { gas: species, t: *t, t_co2e: *e }),
                }
            }
        }
        // Species in the order of the gas enumeration (CO2, CH4, N2O, …).
        by_gas.sort_by_key(|g| Gas::ALL.iter().position(|x| x.species() == g.gas));
        let mut totals = Totals::default();
        for t in by_facility.values() {
            totals.add(t)?;
        }
        Ok(Summary {
            totals,
            facilities: by_facility
                .into_iter()
                .map(|(i, totals)| FacilityTotals {
                    facility: i,
                    facility_id: facility_ids.get(i).cloned().unwrap_or_default(),
                    totals,
                })
                .collect(),
            by_period: by_period.into_iter().collect(),
            by_source: by_source.into_iter().collect(),
            by_gas,
            lines,
        })
    }
}

/// The totals of one facility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacilityTotals {
    /// Index of the facility in the inventory's facilities.
    pub facility: usize,
    /// Its id.
    pub facility_id: String,
    /// Its totals.
    pub totals: Totals,
}

/// Totals of an inventory and their breakdowns.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// Grand totals (the sum of the facility totals).
    pub totals: Totals,
    /// By facility, in facility order; facilities without activity are absent.
    pub facilities: Vec<FacilityTotals>,
    /// By period, in time order.
    pub by_period: Vec<(Period, Totals)>,
    /// By source category.
    pub by_source: Vec<(SourceCategory, Totals)>,
    /// By gas species; Scope 2 counted location-based; exported energy
    /// (deducted from the totals) is not in it.
    pub by_gas: Vec<GasTotal>,
    /// Number of ledger lines.
    pub lines: u64,
}

impl Summary {
    /// Scope 1 and Scope 2 (location-based) totals, for a scope breakdown.
    pub fn by_scope(&self) -> [(Scope, Decimal); 2] {
        [(Scope::Scope1, self.totals.scope1_t_co2e), (Scope::Scope2, self.totals.scope2_location_t_co2e)]
    }

    /// The totals of the facility with this index (zero when it has no lines).
    pub fn facility(&self, index: usize) -> Totals {
        self.facilities.iter().find(|f| f.facility == index).map(|f| f.totals).unwrap_or_default()
    }
}
