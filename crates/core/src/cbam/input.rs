//! The rows of the `CBAM goods`, `CBAM precursors` and `CBAM imports`
//! sheets (workbook-v2 §8), already parsed into types.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Category, CnCode, DataSource};

/// A good produced at an installation in a year (a row of `CBAM goods`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Good {
    /// Row it came from.
    pub row: Option<u32>,
    /// The good's id, unique per year.
    pub good_id: String,
    /// The installation (a Facilities id).
    pub facility_id: String,
    /// The year produced.
    pub year: i32,
    /// Its CN code (Annex I).
    pub cn_code: CnCode,
    /// Its sector (must be the CN code's).
    pub category: Category,
    /// Production route, free text (`BF/BOF`, `dry kiln`).
    pub route: Option<String>,
    /// Activity level: tonnes produced (MWh for electricity).
    pub quantity_t: Decimal,
    /// Attributed direct emissions, t CO2e; `None` = the facility's Scope 1
    /// shared across its goods of the year by `quantity_t`.
    pub direct_t: Option<Decimal>,
    /// Electricity consumed for the good, MWh.
    pub electricity_mwh: Option<Decimal>,
    /// Emission factor of that electricity, t CO2 / MWh; `None` = the grid
    /// factor of the facility and year.
    pub electricity_factor: Option<Decimal>,
}

impl Good {
    /// A good with no route, direct emissions or electricity.
    ///
    /// ```
    /// use carbonbook_core::{cbam::{Category, Good}, dec};
    /// let g = Good::new("HRC", "S1", 2026, "7208 51 20".parse()?, dec!(1000));
    /// assert_eq!(g.category, Category::IronSteel);
    /// # Ok::<(), carbonbook_core::cbam::CnCodeError>(())
    /// ```
    pub fn new(
        good_id: impl Into<String>,
        facility_id: impl Into<String>,
        year: i32,
        cn_code: CnCode,
        quantity_t: Decimal,
    ) -> Good {
        Good {
            row: None,
            good_id: good_id.into(),
            facility_id: facility_id.into(),
            year,
            category: cn_code.category(),
            cn_code,
            route: None,
            quantity_t,
            direct_t: None,
            electricity_mwh: None,
            electricity_factor: None,
        }
    }
}

/// A precursor consumed for a good (a row of `CBAM precursors`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Precursor {
    /// Row it came from.
    pub row: Option<u32>,
    /// The good it goes into (a `good_id` of `CBAM goods`).
    pub good_id: String,
    /// A `good_id` of this book, or a name.
    pub precursor: String,
    /// Tonnes consumed, scrap, spill and offcuts included.
    pub mass_t: Decimal,
    /// Specific direct embedded emissions, t CO2e / t (needed when the
    /// precursor is not a good of this book).
    pub see_direct: Option<Decimal>,
    /// Specific indirect embedded emissions, t CO2e / t.
    pub see_indirect: Option<Decimal>,
    /// Actual or default figures.
    pub source: DataSource,
    /// The precursor's CN code, when it is not a good of this book (it
    /// decides whether its indirect emissions count; blank = as the good's).
    pub cn_code: Option<CnCode>,
}

impl Precursor {
    /// A precursor row with no figures of its own.
    ///
    /// ```
    /// use carbonbook_core::{cbam::Precursor, dec};
    /// let p = Precursor::new("CS", "PIG", dec!(0.9));
    /// assert!(p.see_direct.is_none());
    /// ```
    pub fn new(good_id: impl Into<String>, precursor: impl Into<String>, mass_t: Decimal) -> Precursor {
        Precursor {
            row: None,
            good_id: good_id.into(),
            precursor: precursor.into(),
            mass_t,
            see_direct: None,
            see_indirect: None,
            source: DataSource::Actual,
            cn_code: None,
        }
    }
}

/// A quarter of a year, 1–4.
///
/// ```
/// use carbonbook_core::cbam::Quarter;
/// assert_eq!(Quarter::new(3).map(Quarter::get), Some(3));
/// assert!(Quarter::new(5).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Quarter(u8);

impl Quarter {
    /// The quarter, when `q` is 1–4.
    pub const fn new(q: u8) -> Option<Quarter> {
        if q >= 1 && q <= 4 { Some(Quarter(q)) } else { None }
    }

    /// 1–4.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Quarter {
    type Error = String;
    fn try_from(q: u8) -> Result<Self, Self::Error> {
        Quarter::new(q).ok_or_else(|| format!("a quarter is 1–4, found {q}"))
    }
}

impl From<Quarter> for u8 {
    fn from(q: Quarter) -> u8 {
        q.0
    }
}

/// An import line of the importer's (a row of `CBAM imports`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLine {
    /// Row it came from.
    pub row: Option<u32>,
    /// Year of import.
    pub year: i32,
    /// Quarter of import (the 2026 certificate price is the quarter's).
    pub quarter: Option<Quarter>,
    /// A good of this book, or the supplier's name for it.
    pub good_id: Option<String>,
    /// CN code (needed when `good_id` is not a good of this book).
    pub cn_code: Option<CnCode>,
    /// Country of origin.
    pub origin: Option<String>,
    /// Net mass imported, t (MWh for electricity).
    pub quantity_t: Decimal,
    /// Actual specific direct embedded emissions, t CO2e / t.
    pub see_direct: Option<Decimal>,
    /// Actual specific indirect embedded emissions, t CO2e / t.
    pub see_indirect: Option<Decimal>,
    /// Default value (total), t CO2e / t, when actual data are missing.
    pub default_value: Option<Decimal>,
    /// The CBAM benchmark, t CO2e / t.
    pub benchmark: Option<Decimal>,
    /// The cross-sectoral correction factor.
    pub cscf: Option<Decimal>,
    /// Certificate price, EUR / t CO2e (the quarter's in 2026, the week's from 2027).
    pub certificate_price: Option<Decimal>,
    /// Carbon price effectively paid in the country of origin, EUR / t CO2e.
    pub carbon_price_paid: Option<Decimal>,
}

impl ImportLine {
    /// A line with only its year, good and mass.
    ///
    /// ```
    /// use carbonbook_core::{cbam::ImportLine, dec};
    /// let l = ImportLine::new(2026, "HRC", dec!(500));
    /// assert_eq!(l.good_id.as_deref(), Some("HRC"));
    /// ```
    pub fn new(year: i32, good_id: impl Into<String>, quantity_t: Decimal) -> ImportLine {
        ImportLine {
            row: None,
            year,
            quarter: None,
            good_id: Some(good_id.into()),
            cn_code: None,
            origin: None,
            quantity_t,
            see_direct: None,
            see_indirect: None,
            default_value: None,
            benchmark: None,
            cscf: None,
            certificate_price: None,
            carbon_price_paid: None,
        }
    }
}

/// The three CBAM sheets of a book.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CbamInput {
    /// `CBAM goods`.
    pub goods: Vec<Good>,
    /// `CBAM precursors`.
    pub precursors: Vec<Precursor>,
    /// `CBAM imports`.
    pub imports: Vec<ImportLine>,
}

impl CbamInput {
    /// Whether the book has no CBAM rows.
    pub fn is_empty(&self) -> bool {
        self.goods.is_empty() && self.precursors.is_empty() && self.imports.is_empty()
    }
}
