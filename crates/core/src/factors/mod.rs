//! The factor library: every published parameter the engine uses, with its
//! provenance and the period it applies to.
//!
//! An emission calculation multiplies activity data by parameters taken
//! from official tables: net calorific values, carbon contents, oxidation
//! rates, emission factors per gas, grid factors, standard-coal
//! coefficients. A [`Factor`] is one such published value together with the
//! units it is stated in, the [`Source`] it comes from (document, edition,
//! table, year, and how firmly the value was confirmed) and the
//! [`Validity`] period it applies to. Nothing in the library silently means
//! "latest": a grid factor for data year 2023 says so, and a calculation for
//! 2024 that has to fall back to it is told so with a warning.
//!
//! The built-in library ([`FactorLibrary::builtin`]) holds:
//!
//! | id prefix | what | source |
//! |---|---|---|
//! | `cn.fuel.` | NCV, carbon content per unit heat, oxidation rate of common fuels | GB/T 32150-2015 family default table (as published in GB/T 32151.x) |
//! | `cn.grid.` | electricity CO2 factors by year and region | MEE ETS reporting notices; MEE/NBS electricity CO2 factor announcements |
//! | `cn.heat.` | purchased heat CO2 factor | GB/T 32150-family guideline default |
//! | `gbt2589.` | standard-coal coefficients | GB/T 2589-2008 Appendix A, the edition whose table was read (GB/T 2589-2020 is the method in force) |
//! | `ipcc2006.` | Tier 1 NCV, CO2, CH4 and N2O defaults for stationary combustion | 2006 IPCC Guidelines Vol. 2 Ch. 1–2 |
//! | `epa2024.` | stationary combustion (`epa2024.FUEL.…`), mobile combustion CO2 (`epa2024.epa_mobile_FUEL.…`), on-road vehicles' CH4 and N2O per mile by vehicle and model year (`epa2024.mobile.VEHICLE.YEARS.ch4_per_mile`), non-road vehicles' CH4 and N2O per gallon (`epa2024.nonroad.VEHICLE_FUEL.ch4_per_gallon`), eGRID subregion electricity (`epa2024.egrid.…`), steam and heat (`epa2024.steam_and_heat.…`), per gas | US EPA GHG Emission Factors Hub 2024, Tables 1 to 7 (GWPs AR5) |
//! | `epa2021.` | the same tables of the 2021 edition | US EPA GHG Emission Factors Hub 2021, Tables 1 to 7 (GWPs AR4) |
//! | `refrigerant.` | composition of refrigerant blends by mass (`refrigerant.r410a.HFC-32` = 0.5 kg/kg) | ASHRAE Standard 34 nominal compositions (graded per blend) |
//! | `desnz2020.` | every numeric row of the UK flat file with a known unit: 6,535 factors, `desnz2020.PATH.UOM.GHG` | UK Government GHG Conversion Factors for Company Reporting 2020 (CO2e, AR4) |
//!
//! The three published sets are generated from the publishers' workbooks
//! (`cargo run -p carbonbook-xlsx --example gen_factor_sets`) and each value
//! cites its edition, table, sheet, row and cell; a test re-reads the
//! workbooks and compares every value with its cell. The UK rows printed
//! `kg CH4` and `kg N2O` are already CO2e and are stored as CO2e factors
//! (`…ch4_co2e`, `…n2o_co2e`). The methodologies `epa-hub-2024`,
//! `epa-hub-2021` and `desnz-2020` ([`crate::method`]) compute with them.
//!
//! User factors (the workbook's Factors sheet) enter the same library under
//! `custom.` with the user's own source text ([`FactorLibrary::insert`]).
//!
//! The Hub's vehicle factors (Tables 3 and 4, g per vehicle-mile; Table 5,
//! g per gallon) have the activity keys `epa_onroad_VEHICLE` and
//! `epa_nonroad_VEHICLE_FUEL`. `VEHICLE` is the vehicle type in snake_case,
//! with the fuel first in Table 4 (`gasoline_passenger_cars`,
//! `diesel_light_duty_trucks`, `cng_buses`); `YEARS` is the row's model
//! years (`2015`, `1973_1974`, `up_to_1980`, or `any_model_year` where
//! Table 4 prints none).
//!
//! ```
//! use carbonbook_core::factors::FactorLibrary;
//! use rust_decimal_macros::dec;
//!
//! let lib = FactorLibrary::builtin();
//! let f = lib.get("epa2024.mobile.gasoline_passenger_cars.2015.ch4_per_mile").expect("built in");
//! assert_eq!(f.value, dec!(0.006837)); // g CH4 per vehicle-mile
//! assert_eq!(f.activity, "epa_onroad_gasoline_passenger_cars");
//! assert!(f.source.table.ends_with("row 155, cell E155"));
//! ```
//!
//! # Example
//!
//! ```
//! use carbonbook_core::factors::FactorLibrary;
//! use rust_decimal_macros::dec;
//!
//! let lib = FactorLibrary::builtin();
//! let f = lib.get("epa2024.epa_natural_gas.co2_per_mmbtu").expect("built in");
//! assert_eq!(f.value, dec!(53.06));
//! assert!(f.source.document.contains("Emission Factors Hub"));
//! assert!(f.source.table.starts_with("Table 1 Stationary Combustion"));
//! ```

mod builtin;
pub(crate) mod cn_data;
pub(crate) mod desnz_2020;
pub(crate) mod epa_hub_2021;
pub(crate) mod epa_hub_2024;
pub(crate) mod epa_hub_2024_more;
pub(crate) mod ipcc2006_data;
pub(crate) mod refrigerant_data;

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::arithmetic::Ratio;
use crate::gas::Gas;
use crate::units::{Rate, Unit};

pub(crate) use builtin::{EPA_HUBS, EpaHub, desnz_id, desnz_unit, model_year_segment};
pub use builtin::{epa_stationary_fuels, ipcc_fuel_key, ipcc_sector_for};

/// What a factor measures; decides how it is applied.
///
/// ```
/// use carbonbook_core::factors::Parameter;
/// use carbonbook_core::gas::Gas;
/// assert_eq!(Parameter::EmissionFactor(Gas::Co2).to_string(), "CO2 emission factor");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Parameter {
    /// Net calorific value (低位发热量): energy per unit of fuel.
    NetCalorificValue,
    /// Higher (gross) heating value: energy per unit of fuel, HHV basis (US EPA).
    HigherHeatingValue,
    /// Carbon content per unit heat (单位热值含碳量), t C per GJ.
    CarbonContent,
    /// Oxidation rate (碳氧化率), a fraction.
    OxidationFactor,
    /// Mass of a gas emitted per unit of activity or of energy.
    EmissionFactor(Gas),
    /// Standard coal equivalent per unit of activity (折标准煤系数).
    StandardCoalCoefficient,
    /// Energy used per unit of activity, e.g. kWh of electricity per km
    /// driven (the UK conversion factors' SECR rows).
    EnergyUse,
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parameter::NetCalorificValue => f.write_str("net calorific value"),
            Parameter::HigherHeatingValue => f.write_str("higher heating value"),
            Parameter::CarbonContent => f.write_str("carbon content per unit heat"),
            Parameter::OxidationFactor => f.write_str("oxidation rate"),
            Parameter::EmissionFactor(g) => write!(f, "{g} emission factor"),
            Parameter::StandardCoalCoefficient => f.write_str("standard coal coefficient"),
            Parameter::EnergyUse => f.write_str("energy use"),
        }
    }
}

/// How firmly a built-in value was confirmed against its publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Confirmation {
    /// Read from the published document or its official data file.
    Primary,
    /// Quoted by a secondary source that cites the document.
    Secondary,
    /// Two or more independent transcriptions of the published table agree.
    Transcribed,
    /// Supplied by the user (Factors sheet); carbonbook vouches for nothing.
    User,
}

impl Confirmation {
    /// Grade letter as used in the project's reference notes: A, B, C or U(ser).
    pub const fn grade(self) -> &'static str {
        match self {
            Confirmation::Primary => "A",
            Confirmation::Secondary => "B",
            Confirmation::Transcribed => "C",
            Confirmation::User => "user",
        }
    }

    pub(crate) fn from_grade(g: &str) -> Confirmation {
        match g {
            "A" => Confirmation::Primary,
            "B" => Confirmation::Secondary,
            _ => Confirmation::Transcribed,
        }
    }
}

/// Where a factor comes from.
///
/// ```
/// use carbonbook_core::factors::{Confirmation, Source};
/// let s = Source::user("Supplier letter 2024-02, contract 17");
/// assert_eq!(s.confirmation, Confirmation::User);
/// assert_eq!(s.citation(), "Supplier letter 2024-02, contract 17");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Document title (and number), e.g. "GB/T 2589-2020 综合能耗计算通则".
    pub document: String,
    /// Edition or version, e.g. "2024 (last modified 5 June 2024)".
    pub edition: String,
    /// Table, appendix or clause.
    pub table: String,
    /// Year of publication.
    pub published: Option<i32>,
    /// How the value was confirmed.
    pub confirmation: Confirmation,
}

impl Source {
    /// A source given by the user as free text.
    pub fn user(text: impl Into<String>) -> Source {
        Source {
            document: text.into(),
            edition: String::new(),
            table: String::new(),
            published: None,
            confirmation: Confirmation::User,
        }
    }

    /// One line: document, edition, table.
    pub fn citation(&self) -> String {
        let mut s = self.document.clone();
        for part in [&self.edition, &self.table] {
            if !part.is_empty() {
                s.push_str(", ");
                s.push_str(part);
            }
        }
        s
    }
}

/// The data years a factor applies to (inclusive). `None` is open.
///
/// ```
/// use carbonbook_core::factors::Validity;
/// let v = Validity::year(2023);
/// assert!(v.contains(2023) && !v.contains(2024));
/// assert!(Validity::from(2015).contains(2030));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Validity {
    /// First data year it applies to.
    pub from_year: Option<i32>,
    /// Last data year it applies to.
    pub to_year: Option<i32>,
}

impl Validity {
    /// Applies to one data year only (grid factors).
    pub const fn year(y: i32) -> Validity {
        Validity { from_year: Some(y), to_year: Some(y) }
    }

    /// Applies from a year on, until superseded.
    pub const fn from(y: i32) -> Validity {
        Validity { from_year: Some(y), to_year: None }
    }

    /// Applies to any year.
    pub const ANY: Validity = Validity { from_year: None, to_year: None };

    /// Whether data of `year` falls in the period.
    pub fn contains(&self, year: i32) -> bool {
        self.from_year.is_none_or(|f| year >= f) && self.to_year.is_none_or(|t| year <= t)
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from_year, self.to_year) {
            (None, None) => f.write_str("any year"),
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (Some(a), Some(b)) => write!(f, "{a}–{b}"),
            (Some(a), None) => write!(f, "{a} on"),
            (None, Some(b)) => write!(f, "up to {b}"),
        }
    }
}

/// A published value with its units, source and validity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    /// Unique id, e.g. `cn.fuel.diesel.ncv` (see the module docs for prefixes).
    pub id: String,
    /// The activity key it belongs to (`diesel`, `electricity`, `epa_natural_gas`).
    pub activity: String,
    /// The name of the fuel or carrier as the source prints it (`Diesel (柴油)`, `Natural Gas`).
    pub name: String,
    /// What it measures.
    pub parameter: Parameter,
    /// The value as published.
    pub value: Decimal,
    /// The unit of the value, as published, e.g. `GJ/t`, `kg CO2/mmBtu`, `tC/GJ`, `` (fraction).
    pub unit_text: String,
    /// Numerator unit, when the numerator is a unit of measure (GJ, t, kg, g, tce).
    pub numerator: Option<Unit>,
    /// Denominator unit (per what), when there is one.
    pub denominator: Option<Unit>,
    /// Where it comes from.
    pub source: Source,
    /// The data years it applies to.
    pub validity: Validity,
    /// Region the factor is for (`CN`, `CN-north`, `US`), when it is regional.
    pub region: Option<String>,
}

impl Factor {
    /// The value as a rate in base units: numerator base unit (t, GJ, tce)
    /// per one `unit` of activity. For example a `kg CO2/mmBtu` factor asked
    /// per `GJ` gives t CO2 per GJ.
    ///
    /// # Errors
    ///
    /// [`FactorError::Unit`] when the factor has no numerator/denominator or
    /// `unit` is of another dimension than the denominator.
    ///
    /// ```
    /// use carbonbook_core::factors::FactorLibrary;
    /// use carbonbook_core::units::Unit;
    /// use rust_decimal_macros::dec;
    /// let lib = FactorLibrary::builtin();
    /// let ncv = lib.get("cn.fuel.diesel.ncv").unwrap();
    /// assert_eq!(ncv.per(Unit::Kilogram)?.apply(dec!(1000))?, dec!(42.652)); // GJ in 1 000 kg
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn per(&self, unit: Unit) -> Result<Ratio, FactorError> {
        match (self.numerator, self.denominator) {
            (Some(n), Some(d)) => {
                Rate::new(self.value, n, d).per(unit).map_err(|e| FactorError::Unit { id: self.id.clone(), problem: e })
            }
            _ => Err(FactorError::NotARate { id: self.id.clone() }),
        }
    }

    /// The factor in one line, without its source: `id = value unit`.
    ///
    /// ```
    /// use carbonbook_core::factors::FactorLibrary;
    /// let library = FactorLibrary::builtin();
    /// let ncv = library.get("cn.fuel.diesel.ncv").unwrap();
    /// assert_eq!(ncv.value_line(), "cn.fuel.diesel.ncv = 42.652 GJ/t");
    /// ```
    pub fn value_line(&self) -> String {
        format!("{} = {} {}", self.id, self.value, self.unit_text)
    }

    /// Citation for a ledger line: `id = value unit (source)`.
    pub fn citation(&self) -> String {
        format!("{} ({})", self.value_line(), self.source.citation())
    }
}

/// The GWP set a published factor set states, for the factors of the EPA
/// Hub (`epa2024.` AR5, `epa2021.` AR4) and UK (`desnz2020.` AR4, whose
/// CO2e factors are computed with it); `None` for other factors.
///
/// ```
/// use carbonbook_core::factors::{FactorLibrary, stated_gwp};
/// use carbonbook_core::gas::GwpSet;
/// let lib = FactorLibrary::builtin();
/// assert_eq!(stated_gwp(lib.get("epa2024.epa_natural_gas.ch4_per_mmbtu").unwrap()), Some(GwpSet::Ar5));
/// assert_eq!(stated_gwp(lib.get("cn.fuel.diesel.ncv").unwrap()), None);
/// ```
pub fn stated_gwp(factor: &Factor) -> Option<crate::gas::GwpSet> {
    use crate::gas::GwpSet;
    let prefix = factor.id.split('.').next().unwrap_or("");
    match prefix {
        "epa2024" => Some(GwpSet::Ar5),
        "epa2021" | "desnz2020" => Some(GwpSet::Ar4),
        _ => None,
    }
}

/// A cheap handle to a factor of a [`FactorLibrary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FactorRef(u32);

/// A cheap handle to a list of factors cited together (by a ledger line):
/// the library keeps each distinct list once ([`FactorLibrary::cite`]) and
/// gives it back by handle ([`FactorLibrary::cited`]), so a million lines
/// that cite the same four factors carry four bytes each, and a writer can
/// format a list's citation once and reuse it by handle.
///
/// ```
/// use carbonbook_core::factors::FactorLibrary;
/// let mut lib = FactorLibrary::builtin();
/// let grid = lib.lookup("cn.grid.average.national.2023").unwrap();
/// let list = lib.cite(&[grid]);
/// assert_eq!(lib.cite(&[grid]), list);
/// assert_eq!(lib.cited(list), &[grid]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CitedFactors(u32);

impl CitedFactors {
    /// A small number unique to the list within its library (0, 1, 2, …
    /// in the order lists were first cited), for tables indexed by list.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Why a factor could not be stored or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FactorError {
    /// A factor with this id is already in the library.
    #[error("factor \"{id}\" is defined twice")]
    Duplicate {
        /// The id.
        id: String,
    },
    /// The factor is not a ratio of units.
    #[error("factor \"{id}\" has no unit to convert with")]
    NotARate {
        /// The id.
        id: String,
    },
    /// The factor's units do not fit.
    #[error("factor \"{id}\": {problem}")]
    Unit {
        /// The id.
        id: String,
        /// The unit problem.
        problem: crate::units::UnitError,
    },
    /// The library is full (over 4 billion factors).
    #[error("too many factors")]
    Full,
}

/// A set of factors, looked up by id.
///
/// ```
/// use carbonbook_core::factors::{Factor, FactorLibrary, Parameter, Source, Validity};
/// use carbonbook_core::gas::Gas;
/// use carbonbook_core::units::Unit;
/// use rust_decimal_macros::dec;
///
/// let mut lib = FactorLibrary::builtin();
/// let n = lib.len();
/// lib.insert(Factor {
///     id: "custom.ppa_wind.CO2".into(),
///     activity: "ppa_wind".into(),
///     name: "Wind PPA".into(),
///     parameter: Parameter::EmissionFactor(Gas::Co2),
///     value: dec!(0),
///     unit_text: "tCO2/MWh".into(),
///     numerator: Some(Unit::Tonne),
///     denominator: Some(Unit::MegawattHour),
///     source: Source::user("PPA contract 2024"),
///     validity: Validity::ANY,
///     region: None,
/// })?;
/// assert_eq!(lib.len(), n + 1);
/// assert_eq!(lib.search("ppa").count(), 1);
/// # Ok::<(), carbonbook_core::factors::FactorError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct FactorLibrary {
    /// Whether the built-in sets are part of it (each is parsed once per
    /// process, when first needed, and shared).
    builtin: bool,
    /// Factors added to this library (custom factors).
    own: Table,
    /// Lists of factors cited together, interned ([`FactorLibrary::cite`]).
    lists: Vec<Box<[FactorRef]>>,
    list_ids: HashMap<Box<[FactorRef]>, CitedFactors>,
}

/// Factors with their index by id.
#[derive(Debug, Clone, Default)]
struct Table {
    factors: Vec<Factor>,
    by_id: HashMap<String, u32>,
}

impl Table {
    fn of(factors: Vec<Factor>) -> Table {
        let mut by_id = HashMap::with_capacity(factors.len());
        for (i, f) in factors.iter().enumerate() {
            // Built-in ids are unique by construction (tested); the first wins.
            by_id.entry(f.id.clone()).or_insert(i as u32);
        }
        Table { factors, by_id }
    }
}

/// The built-in sets ([`builtin::SETS`]), each parsed from the data tables
/// on first use and shared by every [`FactorLibrary::builtin`] after that.
static BUILTIN: [LazyLock<Table>; 4] = [
    LazyLock::new(|| Table::of(builtin::set(0))),
    LazyLock::new(|| Table::of(builtin::set(1))),
    LazyLock::new(|| Table::of(builtin::set(2))),
    LazyLock::new(|| Table::of(builtin::set(3))),
];

/// A [`FactorRef`] is a set (the top four bits: a built-in set, or
/// [`OWN`]) and an index in it.
const SET_SHIFT: u32 = 28;
const INDEX_MASK: u32 = (1 << SET_SHIFT) - 1;
/// The set of a library's own (custom) factors.
const OWN: u32 = 15;

/// The built-in set an id belongs to.
fn set_of(id: &str) -> usize {
    builtin::SETS.iter().position(|prefixes| prefixes.iter().any(|p| id.starts_with(p))).unwrap_or(0)
}

impl FactorLibrary {
    /// An empty library.
    pub fn new() -> FactorLibrary {
        FactorLibrary::default()
    }

    /// The built-in library (see the module docs for what it holds).
    ///
    /// Each built-in set is parsed once per process, when a factor of it
    /// is first looked up, and shared: this call costs nothing, and
    /// factors added with [`FactorLibrary::insert`] go into this library
    /// alone.
    pub fn builtin() -> FactorLibrary {
        FactorLibrary { builtin: true, ..FactorLibrary::default() }
    }

    /// The built-in sets, forced.
    fn sets(&self) -> impl Iterator<Item = (u32, &'static Table)> {
        let n = if self.builtin { BUILTIN.len() } else { 0 };
        (0..n).map(|i| (i as u32, &*BUILTIN[i]))
    }

    /// The factors whose id starts with `prefix`, forcing only the built-in
    /// set that holds them (and this library's own factors).
    ///
    /// ```
    /// use carbonbook_core::factors::FactorLibrary;
    /// let lib = FactorLibrary::builtin();
    /// assert!(lib.with_prefix("cn.fuel.").any(|(_, f)| f.id == "cn.fuel.diesel.ncv"));
    /// ```
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (FactorRef, &'a Factor)> + 'a {
        let set = set_of(prefix);
        let base: &[Factor] = if self.builtin { &BUILTIN[set].factors } else { &[] };
        let base = base.iter().enumerate().map(move |(i, f)| (FactorRef((set as u32) << SET_SHIFT | i as u32), f));
        let own = self.own.factors.iter().enumerate().map(|(i, f)| (FactorRef(OWN << SET_SHIFT | i as u32), f));
        base.chain(own).filter(move |(_, f)| f.id.starts_with(prefix))
    }

    /// Adds a factor.
    ///
    /// # Errors
    ///
    /// [`FactorError::Duplicate`] if the id is taken.
    pub fn insert(&mut self, factor: Factor) -> Result<FactorRef, FactorError> {
        if self.lookup(&factor.id).is_some() {
            return Err(FactorError::Duplicate { id: factor.id });
        }
        let own = u32::try_from(self.own.factors.len()).ok().filter(|i| *i <= INDEX_MASK).ok_or(FactorError::Full)?;
        self.own.by_id.insert(factor.id.clone(), own);
        self.own.factors.push(factor);
        Ok(FactorRef(OWN << SET_SHIFT | own))
    }

    /// The factor with this id.
    pub fn get(&self, id: &str) -> Option<&Factor> {
        self.lookup(id).map(|r| self.factor(r))
    }

    /// The handle of the factor with this id.
    pub fn lookup(&self, id: &str) -> Option<FactorRef> {
        if self.builtin {
            let set = set_of(id);
            if let Some(i) = BUILTIN[set].by_id.get(id) {
                return Some(FactorRef((set as u32) << SET_SHIFT | i));
            }
        }
        self.own.by_id.get(id).map(|i| FactorRef(OWN << SET_SHIFT | i))
    }

    /// The factor behind a handle from this library.
    ///
    /// # Panics
    ///
    /// If the handle comes from another, larger library.
    pub fn factor(&self, r: FactorRef) -> &Factor {
        let (set, i) = (r.0 >> SET_SHIFT, (r.0 & INDEX_MASK) as usize);
        if set == OWN { &self.own.factors[i] } else { &BUILTIN[set as usize].factors[i] }
    }

    /// The handle of a list of factors cited together, the same handle for
    /// the same list (in the same order).
    pub fn cite(&mut self, factors: &[FactorRef]) -> CitedFactors {
        if let Some(&c) = self.list_ids.get(factors) {
            return c;
        }
        let c = CitedFactors(u32::try_from(self.lists.len()).unwrap_or(u32::MAX));
        self.lists.push(factors.into());
        self.list_ids.insert(factors.into(), c);
        c
    }

    /// The factors of a list made by [`FactorLibrary::cite`] (empty for a
    /// handle of another library).
    pub fn cited(&self, list: CitedFactors) -> &[FactorRef] {
        self.lists.get(list.0 as usize).map_or(&[], |l| l)
    }

    /// The citation of a list made by [`FactorLibrary::cite`]: each factor
    /// as `id = value unit`, followed by its source in brackets; factors
    /// from the same source in a row share it (`a = 1 GJ/t, b = 2 tC/GJ
    /// (GB/T …, Table C.1); c = 3 tce/t (GB/T 2589…)`), so a line names
    /// every factor and every source without repeating a long title.
    ///
    /// ```
    /// use carbonbook_core::factors::FactorLibrary;
    /// let mut library = FactorLibrary::builtin();
    /// let ids = ["cn.fuel.diesel.ncv", "cn.fuel.diesel.cc", "gbt2589.diesel"];
    /// let refs: Vec<_> = ids.iter().filter_map(|id| library.lookup(id)).collect();
    /// let list = library.cite(&refs);
    /// let text = library.citation(list);
    /// assert!(text.starts_with("cn.fuel.diesel.ncv = 42.652 GJ/t, cn.fuel.diesel.cc = 0.0202 tC/GJ (GB/T 32151.22-2024"));
    /// assert!(text.contains("); gbt2589.diesel = 1.4571 tce/t (GB/T 2589-2008"));
    /// ```
    pub fn citation(&self, list: CitedFactors) -> String {
        let factors = self.cited(list);
        let mut text = String::new();
        for (i, r) in factors.iter().enumerate() {
            let f = self.factor(*r);
            if i > 0 {
                text.push_str(if self.factor(factors[i - 1]).source == f.source { ", " } else { "; " });
            }
            text.push_str(&f.value_line());
            if factors.get(i + 1).is_none_or(|next| self.factor(*next).source != f.source) {
                text.push_str(" (");
                text.push_str(&f.source.citation());
                text.push(')');
            }
        }
        text
    }

    /// Number of factors.
    pub fn len(&self) -> usize {
        self.sets().map(|(_, t)| t.factors.len()).sum::<usize>() + self.own.factors.len()
    }

    /// Whether the library is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All factors, in insertion order (the built-in ones first).
    pub fn iter(&self) -> impl Iterator<Item = (FactorRef, &Factor)> {
        let base = self.sets().flat_map(|(s, t)| {
            t.factors.iter().enumerate().map(move |(i, f)| (FactorRef(s << SET_SHIFT | i as u32), f))
        });
        let own = self.own.factors.iter().enumerate().map(|(i, f)| (FactorRef(OWN << SET_SHIFT | i as u32), f));
        base.chain(own)
    }

    /// Factors whose id, activity or source mention `term` (case-insensitive).
    pub fn search<'a>(&'a self, term: &str) -> impl Iterator<Item = &'a Factor> + 'a {
        let t = term.to_lowercase();
        self.iter().map(|(_, f)| f).filter(move |f| {
            t.is_empty()
                || f.id.to_lowercase().contains(&t)
                || f.activity.to_lowercase().contains(&t)
                || f.name.to_lowercase().contains(&t)
                || f.source.document.to_lowercase().contains(&t)
        })
    }

    /// The factor with this id valid for `year`, or else the most recent one
    /// before it. Ids of year-specific factors end in `.YEAR`; `stem` is the
    /// id without it. Returns the handle and the year it is for, so the
    /// caller can warn when it is not `year`.
    pub fn for_year(&self, stem: &str, year: i32) -> Option<(FactorRef, i32)> {
        let prefix = format!("{stem}.");
        let mut best: Option<(FactorRef, i32)> = None;
        for (r, f) in self.with_prefix(&prefix) {
            let Some(y) = f.id[prefix.len()..].parse::<i32>().ok() else { continue };
            if y <= year && best.is_none_or(|(_, by)| y > by) {
                best = Some((r, y));
            }
        }
        best
    }

    /// All activity keys that have factors, for suggestions.
    pub fn activity_keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.iter().map(|(_, f)| f.activity.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// The refrigerant blend a name designates (`R-410A`, `r410a`, `R410A`),
/// by its ASHRAE designation as the library writes it.
///
/// ```
/// use carbonbook_core::factors::refrigerant_blend;
/// assert_eq!(refrigerant_blend("r410a"), Some("R-410A"));
/// assert_eq!(refrigerant_blend("R-999Z"), None);
/// ```
pub fn refrigerant_blend(name: &str) -> Option<&'static str> {
    let n = refrigerant_data::key(name);
    refrigerant_data::BLENDS.iter().find(|b| refrigerant_data::key(b.name) == n).map(|b| b.name)
}

/// The id segment of a refrigerant blend (`R-410A` → `r410a`), as in
/// `refrigerant.r410a.HFC-32`.
pub(crate) fn refrigerant_key(name: &str) -> String {
    refrigerant_data::key(name)
}

/// The refrigerant blends the library knows the composition of.
///
/// ```
/// assert!(carbonbook_core::factors::refrigerant_blends().any(|b| b == "R-407C"));
/// ```
pub fn refrigerant_blends() -> impl Iterator<Item = &'static str> {
    refrigerant_data::BLENDS.iter().map(|b| b.name)
}

/// The built-in activity key a name stands for: the Chinese names the
/// standards and statistical forms use (GB/T 32151 Table C.1 and GB/T 2589
/// Appendix A, e.g. `天然气`, `烟煤`, `原煤`, `柴油`; `电力`, `热力`), with
/// or without surrounding spaces. `None` when the name is not one of them
/// (it may still be a key itself, or a custom factor's key).
///
/// ```
/// use carbonbook_core::factors::activity_key;
/// assert_eq!(activity_key("天然气"), Some("natural_gas"));
/// assert_eq!(activity_key(" 原煤 "), Some("raw_coal"));
/// assert_eq!(activity_key("外购电力"), Some("electricity"));
/// assert_eq!(activity_key("natural_gas"), None);
/// ```
pub fn activity_key(name: &str) -> Option<&'static str> {
    let n = name.trim();
    if n.is_empty() || n.is_ascii() {
        return None;
    }
    const EXTRA: &[(&str, &str)] = &[
        ("电力", "electricity"),
        ("电", "electricity"),
        ("外购电力", "electricity"),
        ("购入电力", "electricity"),
        ("购入的电力", "electricity"),
        ("电网电力", "electricity"),
        ("热力", "heat"),
        ("外购热力", "heat"),
        ("购入热力", "heat"),
        ("购入的热力", "heat"),
        ("蒸汽", "heat"),
        ("外购蒸汽", "heat"),
        ("热水", "heat"),
        ("煤油", "kerosene"),
        ("其他洗煤", "other_washed_coal"),
        ("管道天然气", "natural_gas"),
    ];
    if let Some((_, k)) = EXTRA.iter().find(|(zh, _)| *zh == n) {
        return Some(k);
    }
    if let Some(f) = cn_data::FUEL_DEFAULTS.iter().find(|f| f.name_zh == n) {
        return Some(f.key);
    }
    cn_data::STANDARD_COAL
        .iter()
        .find(|c| c.name_zh == n && !matches!(c.key, "electricity_equivalent" | "heat" | "steam_low_pressure"))
        .map(|c| c.key)
}

/// The English and Chinese names of a built-in activity key, as the
/// standards print them (`bituminous_coal` → `Bituminous coal`, `烟煤`):
/// GB/T 32151's fuel table, then GB/T 2589's Appendix A, then the energy
/// carriers bought (`electricity` → `电力`). `None` for other keys (a
/// published set's own key, a custom factor's), which reports show as given.
///
/// ```
/// use carbonbook_core::factors::activity_names;
/// assert_eq!(activity_names("bituminous_coal"), Some(("Bituminous coal", "烟煤")));
/// assert_eq!(activity_names("electricity"), Some(("Electricity", "电力")));
/// assert_eq!(activity_names("my_kiln_fuel"), None);
/// ```
pub fn activity_names(key: &str) -> Option<(&'static str, &'static str)> {
    const CARRIERS: &[(&str, &str, &str)] = &[
        ("electricity", "Electricity", "电力"),
        ("heat", "Heat", "热力"),
        ("steam", "Steam", "蒸汽"),
        ("kerosene", "Kerosene", "煤油"),
    ];
    if let Some((_, en, zh)) = CARRIERS.iter().find(|(k, _, _)| *k == key) {
        return Some((en, zh));
    }
    if let Some(f) = cn_data::FUEL_DEFAULTS.iter().find(|f| f.key == key) {
        return Some((f.name_en, f.name_zh));
    }
    None
}

/// The Chinese name of a grid region key of the published Chinese
/// electricity factors (`east` → `华东`, `national` → `全国`), as the MEE
/// and NBS announcements name it. `None` for a key the library does not
/// hold.
///
/// ```
/// use carbonbook_core::factors::grid_region_name_zh;
/// assert_eq!(grid_region_name_zh("east"), Some("华东"));
/// assert_eq!(grid_region_name_zh("atlantis"), None);
/// ```
pub fn grid_region_name_zh(key: &str) -> Option<&'static str> {
    cn_data::GRID_FACTORS.iter().find(|g| g.region == key).map(|g| g.name_zh)
}

#[cfg(test)]
mod tests;
