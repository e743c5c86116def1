//! EU CBAM (Carbon Border Adjustment Mechanism, Regulation (EU) 2023/956
//! as amended by Regulation (EU) 2025/2083), definitive period from 2026.
//!
//! **The installation's side** ([`GoodFigures`]): the specific embedded
//! emissions (SEE) of each good, direct and indirect, per tonne — for simple
//! goods and for complex goods whose precursors are goods of the same book
//! (recursively) or bought in with their own figures (IR (EU) 2025/2547
//! Annex III). Attributed direct emissions are given, or the facility's
//! Scope 1 shared across its goods by quantity (warned). Indirect emissions
//! are electricity × its factor (given, or the grid factor the engine uses
//! for the facility's purchased electricity). Indirect emissions count only
//! for goods not listed in Annex II (cement, fertilisers, agglomerated iron
//! ore), but are shown for every good; a precursor's indirect emissions
//! count when the precursor is not an Annex II good (IR 2025/2547 Annex I
//! §3.1).
//!
//! **The importer's side** ([`ImportFigures`]): embedded emissions per import
//! line (actual, this book's, or default × (1 + mark-up)), the
//! free-allocation adjustment, certificates due and their cost, and the
//! 50 t de minimis test ([`DeMinimis`]). The published default values of
//! China and of other countries ([`default_value`]), the benchmarks
//! ([`benchmark`]) and the CSCF ([`cross_sectoral_correction_factor`]) fill
//! what a line leaves blank, each said in a warning.
//!
//! Every intermediate is kept, so a verifier can retrace a figure.
//!
//! # Example
//!
//! ```
//! use carbonbook_core::cbam::{Good, ImportLine, Precursor};
//! use carbonbook_core::inventory::{Facility, Inventory, Organisation};
//! use carbonbook_core::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Example Steel", 2026));
//! inv.facilities.push(Facility::new("S1"));
//! // Crude steel: 1 000 t from 900 t of pig iron; 200 t CO2 in the converter.
//! let mut pig = Good::new("PIG", "S1", 2026, "7201 10 11".parse()?, dec!(1000));
//! pig.direct_t = Some(dec!(1600));
//! let mut steel = Good::new("CS", "S1", 2026, "7206 10 00".parse()?, dec!(1000));
//! steel.direct_t = Some(dec!(200));
//! steel.electricity_mwh = Some(dec!(100));
//! steel.electricity_factor = Some(dec!(0.5));
//! inv.cbam.goods = vec![pig, steel];
//! inv.cbam.precursors.push(Precursor::new("CS", "PIG", dec!(900)));
//! let mut line = ImportLine::new(2026, "CS", dec!(500));
//! line.benchmark = Some(dec!(1.288));
//! line.cscf = Some(dec!(1));
//! line.certificate_price = Some(dec!(75.36));
//! inv.cbam.imports.push(line);
//!
//! let cbam = inv.calculate()?.cbam.expect("CBAM figures");
//! let cs = &cbam.goods[1];
//! // SEE_direct = (200 + 900 × 1.6) / 1000 = 1.64; indirect 100 × 0.5 / 1000 = 0.05,
//! // shown but not counted (iron and steel is in Annex II).
//! assert_eq!((cs.see_direct, cs.see_indirect, cs.see_total), (dec!(1.64), dec!(0.05), dec!(1.64)));
//! // 500 t × 1.64 = 820 t; FAA 0.975 × 1 × 1.288 × 500 = 627.9 t; 192.1 certificates.
//! let l = &cbam.imports[0];
//! assert_eq!((l.embedded_t, l.free_allocation_adjustment_t, l.certificates), (dec!(820), dec!(627.9), dec!(192.1)));
//! assert_eq!(l.cost, Some(dec!(192.1) * dec!(75.36)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod benchmarks;
mod benchmarks_data;
mod default_values;
mod default_values_data;
mod goods;
mod importer;
mod input;
mod installation;
mod tables;

use crate::field::Field;
use rust_decimal::Decimal;
use serde::Serialize;

pub use benchmarks::{
    Benchmark, BenchmarkColumn, BenchmarkError, Years, benchmark, benchmarks_source, cross_sectoral_correction_factor,
    cscf_source,
};
pub use default_values::{DefaultSheet, DefaultValue, DefaultValueError, default_value, default_values_source};
pub use goods::{Category, CategoryError, CnCode, CnCodeError, DataSource};
pub use importer::{DeMinimis, ImportFigures, SeeBasis};
pub use input::{CbamInput, Good, ImportLine, Precursor, Quarter};
pub mod carbon_price;

pub use installation::{DirectBasis, ElectricityFactorBasis, GoodFigures, PrecursorContribution};
pub use tables::{
    DE_MINIMIS_T, FIRST_YEAR, cbam_factor, cbam_factor_source, certificate_price_source, de_minimis_source, markup,
    markup_source, published_certificate_price,
};

use crate::calculation::{Results, Warning};
use crate::error::CalcError;
use crate::units::Unit;

/// Everything CBAM figures of a book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cbam {
    /// Goods, in sheet order.
    pub goods: Vec<GoodFigures>,
    /// Import lines, in sheet order.
    pub imports: Vec<ImportFigures>,
    /// The de minimis test of each year of import.
    pub de_minimis: Vec<DeMinimis>,
    /// Σ certificates of the import lines.
    pub certificates: Decimal,
    /// Σ cost of the lines that have a price.
    pub cost: Decimal,
}

impl Cbam {
    /// The de minimis test of `year`, or of the only year of import.
    pub fn de_minimis_of(&self, year: i32) -> Option<&DeMinimis> {
        self.de_minimis.iter().find(|d| d.year == year).or(match self.de_minimis.as_slice() {
            [one] => Some(one),
            _ => None,
        })
    }
}

/// Computes the CBAM figures of `input` against the computed inventory
/// (its Scope 1 per facility, its factor library for grid factors).
/// Warnings are returned beside the figures.
///
/// # Errors
///
/// Every problem of the CBAM rows, each with its sheet, row and field.
pub fn compute(input: &CbamInput, results: &Results) -> Result<(Cbam, Vec<Warning>), Vec<CalcError>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut goods = installation::goods(&input.goods, &input.precursors, results, &mut errors, &mut warnings);
    carbon_prices(&mut goods, results, &mut errors);
    let (imports, de_minimis) = importer::imports(&input.imports, &goods, &mut errors, &mut warnings);
    if !errors.is_empty() {
        return Err(errors);
    }
    let certificates = crate::arithmetic::sum(imports.iter().map(|l| l.certificates));
    let cost = crate::arithmetic::sum(imports.iter().filter_map(|l| l.cost));
    match (certificates, cost) {
        (Ok(certificates), Ok(cost)) => Ok((Cbam { goods, imports, de_minimis, certificates, cost }, warnings)),
        (Err(e), _) | (_, Err(e)) => Err(vec![CalcError::new(
            crate::error::InputSheet::CbamImports,
            None,
            Field::QuantityT,
            crate::error::CalcErrorKind::Arithmetic(e),
        )]),
    }
}

/// The carbon price due on each good where the book holds its
/// installation's trading account of the good's year with a price
/// ([`carbon_price`]).
fn carbon_prices(goods: &mut [GoodFigures], results: &Results, errors: &mut Vec<CalcError>) {
    // Covered per t: what is emitted at the installation, the good's own
    // attributed direct emissions and, per t of it, the covered emissions of
    // its precursors made there (recursively); not what is bought in.
    fn covered(
        i: usize,
        goods: &[GoodFigures],
        memo: &mut Vec<Option<Decimal>>,
        depth: usize,
    ) -> Result<Decimal, crate::arithmetic::ArithmeticError> {
        if let Some(v) = memo[i] {
            return Ok(v);
        }
        let g = &goods[i];
        let mut total = g.direct_t;
        for c in g.precursors.iter().filter(|c| c.from_book) {
            let Some(j) = goods.iter().position(|o| o.good_id == c.precursor && o.facility_id == g.facility_id) else {
                continue;
            };
            // Cycles are refused before; the depth guard only bounds the walk.
            if j == i || depth > goods.len() {
                continue;
            }
            let per_t = covered(j, goods, memo, depth + 1)?;
            total = crate::arithmetic::add(total, crate::arithmetic::mul(c.mass_t, per_t)?)?;
        }
        let v = crate::arithmetic::div(total, g.quantity_t)?;
        memo[i] = Some(v);
        Ok(v)
    }
    let mut memo = vec![None; goods.len()];
    let mut found = Vec::with_capacity(goods.len());
    for (i, g) in goods.iter().enumerate() {
        let Some((p, price)) = results
            .trading
            .iter()
            .find(|p| p.facility_id == g.facility_id && p.year == g.year)
            .and_then(|p| p.price.map(|price| (p, price)))
        else {
            found.push(None);
            continue;
        };
        let due = covered(i, goods, &mut memo, 0).and_then(|per_t| {
            carbon_price::CarbonPriceDue::new(price, per_t, g.see_total, p.allocated_t, p.verified_t)
        });
        match due {
            Ok(c) => found.push(Some(c)),
            Err(e) => {
                found.push(None);
                errors.push(CalcError::new(
                    crate::error::InputSheet::CbamGoods,
                    g.row,
                    Field::QuantityT,
                    crate::error::CalcErrorKind::Arithmetic(e),
                ));
            }
        }
    }
    for (g, c) in goods.iter_mut().zip(found) {
        g.carbon_price = c;
    }
}

impl installation::Inventory for Results {
    fn reporting_year(&self) -> i32 {
        self.organisation.reporting_year
    }

    fn has_facility(&self, id: &str) -> bool {
        self.facilities.iter().any(|f| f.id == id)
    }

    fn facility_ids(&self) -> Vec<String> {
        self.facility_ids.clone()
    }

    fn scope1(&self, id: &str) -> Decimal {
        self.summary.facilities.iter().find(|f| f.facility_id == id).map_or(Decimal::ZERO, |f| f.totals.scope1_t_co2e)
    }

    fn heat_and_exports(&self, id: &str) -> Result<(Decimal, Decimal), crate::arithmetic::ArithmeticError> {
        let Some(i) = self.facility_ids.iter().position(|f| f == id) else { return Ok((Decimal::ZERO, Decimal::ZERO)) };
        let heat = crate::arithmetic::sum(
            self.by_activity
                .iter()
                .filter(|a| a.facility == i && a.source == crate::scope::SourceCategory::PurchasedHeat)
                .map(|a| a.t_co2e),
        )?;
        let exported = self
            .summary
            .facilities
            .iter()
            .find(|f| f.facility_id == id)
            .map_or(Decimal::ZERO, |f| f.totals.exported_t_co2e);
        Ok((heat, exported))
    }

    fn grid_factor(&self, id: &str, year: i32) -> Result<(Decimal, String, String, Vec<installation::Note>), String> {
        let Some(facility) = self.facilities.iter().find(|f| f.id == id) else {
            return Err(format!("facility {id} is not defined"));
        };
        // The engine's own resolution for purchased electricity.
        let request = crate::method::RecipeRequest {
            activity: "electricity",
            source: crate::scope::SourceCategory::PurchasedElectricity,
            unit: Unit::MegawattHour,
            facility,
            year,
            library: &self.library,
            gwp: self.organisation.gwp,
            electricity_basis: &self.organisation.electricity_basis,
            market_uncovered: self.organisation.scope2_market_uncovered,
        };
        let recipe = crate::method::purchased::recipe(&request).map_err(|e| e.to_string())?;
        let Some(recipe) = recipe else { return Err("no grid factor".to_owned()) };
        let Some(&r) = recipe.factors.first() else { return Err("no grid factor".to_owned()) };
        let f = self.library.factor(r);
        let per = f.per(Unit::MegawattHour).map_err(|e| e.to_string())?;
        let value = per.value().map_err(|e| e.to_string())?;
        // Only the year used; the market-based notes do not apply here.
        let notes = recipe
            .factor_year
            .map(|used| {
                (
                    format!("no grid factor is published for data year {year}; used the {used} factor {}", f.id),
                    Some(format!("尚未公布 {year} 年的电网排放因子，采用 {used} 年的因子 {}", f.id)),
                )
            })
            .into_iter()
            .collect();
        Ok((value, f.id.to_string(), f.source.citation(), notes))
    }
}
