//! Units of measure and quantities that keep them.
//!
//! Activity data arrives in whatever unit the meter, the invoice or the
//! statistics form uses: tonnes of coal, `万立方米` of natural gas, `万千瓦时`
//! of electricity, US gallons of diesel, mmBtu of gas. A [`Unit`] is a closed
//! enum, parsed once from text at the edge of the program
//! ([`Unit::from_str`](std::str::FromStr)); a [`Quantity`] is an exact
//! [`Decimal`] together with its unit.
//!
//! Every unit belongs to one [`Dimension`]. Converting inside a dimension is
//! exact: each unit is defined by an exact decimal factor to its dimension's
//! base unit (tonne, cubic metre, gigajoule, tonne of standard coal
//! equivalent). The definitions used are the SI and international ones
//! (1 lb = 0.45359237 kg, 1 US gallon = 3.785411784 L,
//! 1 ft = 0.3048 m, 1 Btu (IT) = 1055.05585262 J, 1 kWh = 3.6 MJ).
//! A conversion whose result is not a terminating decimal (mmBtu to kWh, say)
//! is correct to the 28 significant digits a [`Decimal`] holds.
//!
//! Converting across dimensions (cubic metres of gas to gigajoules, tonnes of
//! fuel to gigajoules) needs a stated calorific value ([`Rate`]) and is refused
//! otherwise, with an error that says what is missing.
//!
//! # Example
//!
//! ```
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let gas: Quantity = Quantity::new(dec!(300), "万立方米".parse()?);
//! assert_eq!(gas.to(Unit::CubicMetre)?.value(), dec!(3000000));
//!
//! let power = Quantity::new(dec!(8000), Unit::TenThousandKilowattHours);
//! assert_eq!(power.to(Unit::MegawattHour)?.value(), dec!(80000));
//!
//! // Tonnes cannot become gigajoules without a calorific value.
//! assert!(Quantity::new(dec!(1), Unit::Tonne).to(Unit::Gigajoule).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::arithmetic::{self, ArithmeticError, Ratio};
use crate::gas::Gas;

/// The physical dimension a unit measures.
///
/// Standard coal equivalent is an energy measure by definition
/// (1 kgce = 29.3076 MJ), but it is kept as a dimension of its own because
/// energy statistics convert into it by carrier-specific reference
/// coefficients, not by that definition alone (see [`crate::energy`]).
///
/// ```
/// use carbonbook_core::units::{Dimension, Unit};
/// assert_eq!(Unit::Kilogram.dimension(), Dimension::Mass);
/// assert_eq!(Unit::TenThousandCubicMetres.dimension(), Dimension::Volume);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Mass; base unit the tonne.
    Mass,
    /// Volume (of gas at standard or normal conditions, or of liquid); base unit the cubic metre.
    Volume,
    /// Energy; base unit the gigajoule.
    Energy,
    /// Standard coal equivalent (GB/T 2589); base unit the tonne of standard coal equivalent.
    StandardCoal,
    /// Distance travelled (vehicle distance); base unit the kilometre.
    Distance,
    /// Freight transport work, mass × distance; base unit the tonne-kilometre.
    FreightTransport,
    /// Passenger transport work, passengers × distance; base unit the passenger-kilometre.
    PassengerTransport,
}

impl Dimension {
    /// The base unit of this dimension, in which conversions are expressed.
    ///
    /// ```
    /// use carbonbook_core::units::{Dimension, Unit};
    /// assert_eq!(Dimension::Energy.base_unit(), Unit::Gigajoule);
    /// ```
    pub const fn base_unit(self) -> Unit {
        match self {
            Dimension::Mass => Unit::Tonne,
            Dimension::Volume => Unit::CubicMetre,
            Dimension::Energy => Unit::Gigajoule,
            Dimension::StandardCoal => Unit::TonneOfCoalEquivalent,
            Dimension::Distance => Unit::Kilometre,
            Dimension::FreightTransport => Unit::TonneKilometre,
            Dimension::PassengerTransport => Unit::PassengerKilometre,
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dimension::Mass => "mass",
            Dimension::Volume => "volume",
            Dimension::Energy => "energy",
            Dimension::StandardCoal => "standard coal equivalent",
            Dimension::Distance => "distance",
            Dimension::FreightTransport => "freight transport (mass × distance)",
            Dimension::PassengerTransport => "passenger transport (passengers × distance)",
        })
    }
}

macro_rules! units {
    ($( $(#[$doc:meta])* $variant:ident = $dim:ident, $symbol:literal, $mantissa:literal, $scale:literal, [$($alias:literal),*]; )*) => {
        /// A unit of measure for activity data, energy or standard coal.
        ///
        /// Parse one from text with [`str::parse`]; the accepted spellings
        /// (case-insensitive, surrounding spaces ignored) are listed by
        /// [`Unit::accepted_spellings`]. [`Unit::symbol`] gives the canonical
        /// spelling, which parses back to the same unit.
        ///
        /// ```
        /// use carbonbook_core::units::Unit;
        /// assert_eq!("万千瓦时".parse::<Unit>()?, Unit::TenThousandKilowattHours);
        /// assert_eq!("10^4 Nm3".parse::<Unit>()?, Unit::TenThousandNormalCubicMetres);
        /// assert_eq!(Unit::MmBtu.symbol(), "mmBtu");
        /// # Ok::<(), carbonbook_core::units::UnitError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Unit {
            $( $(#[$doc])* $variant, )*
        }

        impl Unit {
            /// Every unit, in declaration order.
            pub const ALL: &'static [Unit] = &[$(Unit::$variant),*];

            /// The dimension this unit measures.
            pub const fn dimension(self) -> Dimension {
                match self { $(Unit::$variant => Dimension::$dim,)* }
            }

            /// The canonical spelling of this unit.
            pub const fn symbol(self) -> &'static str {
                match self { $(Unit::$variant => $symbol,)* }
            }

            /// How many base units of its dimension one of this unit is (exact).
            ///
            /// ```
            /// use carbonbook_core::units::Unit;
            /// use rust_decimal_macros::dec;
            /// assert_eq!(Unit::MegawattHour.to_base(), dec!(3.6)); // GJ
            /// assert_eq!(Unit::Pound.to_base(), dec!(0.00045359237)); // t
            /// ```
            pub const fn to_base(self) -> Decimal {
                match self { $(Unit::$variant => Decimal::from_parts(
                    ($mantissa as u64 & 0xFFFF_FFFF) as u32,
                    (($mantissa as u64) >> 32) as u32,
                    0,
                    false,
                    $scale,
                ),)* }
            }

            /// The unit's Chinese name as Chinese statistics print it (`吨`,
            /// `万立方米`, `万千瓦时`), for reports in Chinese; `None` for
            /// units without one (`mmBtu`).
            ///
            /// ```
            /// use carbonbook_core::units::Unit;
            /// assert_eq!(Unit::TenThousandKilowattHours.name_zh(), Some("万千瓦时"));
            /// assert_eq!(Unit::Tonne.name_zh(), Some("吨"));
            /// assert_eq!(Unit::MmBtu.name_zh(), None);
            /// ```
            pub fn name_zh(self) -> Option<&'static str> {
                // The first spelling in Chinese characters: the tables list
                // the standard name first (`万千瓦时` before `万度`).
                self.spellings().iter().copied().find(|s| s.chars().next().is_some_and(|c| !c.is_ascii() && c > '\u{2E80}'))
            }

            /// All spellings accepted when parsing this unit.
            pub const fn spellings(self) -> &'static [&'static str] {
                match self { $(Unit::$variant => &[$symbol $(, $alias)*],)* }
            }
        }
    };
}

units! {
    /// Metric tonne (t).
    Tonne = Mass, "t", 1u64, 0, ["tonne", "tonnes", "metric ton", "吨"];
    /// Ten thousand tonnes (10^4 t, 万吨), the Chinese statistical unit for coal and output.
    TenThousandTonnes = Mass, "10^4 t", 10000u64, 0, ["10⁴ t", "10^4t", "10000 t", "万吨", "万t"];
    /// Kilogram (kg).
    Kilogram = Mass, "kg", 1u64, 3, ["kilogram", "kilograms", "千克", "公斤"];
    /// Gram (g).
    Gram = Mass, "g", 1u64, 6, ["gram", "grams", "克"];
    /// US short ton, 2,000 lb = 907.18474 kg.
    ShortTon = Mass, "short ton", 90718474u64, 8, ["short tons", "short_ton", "ton (us)", "us ton"];
    /// Avoirdupois pound, 0.45359237 kg.
    Pound = Mass, "lb", 45359237u64, 11, ["lbs", "pound", "pounds"];
    /// Cubic metre (m3) at the conditions of measurement.
    CubicMetre = Volume, "m3", 1u64, 0, ["m³", "cubic metre", "cubic meter", "cubic metres", "cubic meters", "立方米", "方"];
    /// Ten thousand cubic metres (10^4 m3, 万立方米), the Chinese statistical unit for gas.
    TenThousandCubicMetres = Volume, "10^4 m3", 10000u64, 0, ["10⁴ m³", "10⁴ m3", "10^4m3", "10000 m3", "万立方米", "万m3", "万m³", "万方"];
    /// Normal cubic metre (Nm3): gas volume at the reference conditions of
    /// the factor that is per it. Converts 1:1 with m3; a quantity in m3
    /// against a per-Nm3 default is warned about.
    NormalCubicMetre = Volume, "Nm3", 1u64, 0, ["nm³", "normal cubic metre", "normal cubic meter", "标准立方米", "标方"];
    /// Ten thousand normal cubic metres (10^4 Nm3, 万标准立方米), the unit of the GB/T 32151 gas defaults.
    TenThousandNormalCubicMetres = Volume, "10^4 Nm3", 10000u64, 0, ["10⁴ nm3", "10⁴ nm³", "10^4nm3", "万标准立方米", "万nm3", "万标方"];
    /// Litre (L).
    Litre = Volume, "L", 1u64, 3, ["l", "litre", "litres", "liter", "liters", "升"];
    /// Million litres (10^6 L = 1,000 m3), as the UK conversion factors state water volumes.
    MillionLitres = Volume, "million litres", 1000u64, 0, ["million liters", "百万升"];
    /// US liquid gallon, 3.785411784 L.
    UsGallon = Volume, "gal", 3785411784u64, 12, ["gallon", "gallons", "us gal", "us gallon", "us gallons"];
    /// Standard cubic foot (scf), 0.028316846592 m3.
    StandardCubicFoot = Volume, "scf", 28316846592u64, 12, ["ft3", "cubic foot", "cubic feet", "standard cubic foot", "standard cubic feet"];
    /// Thousand standard cubic feet (Mscf).
    ThousandStandardCubicFeet = Volume, "Mscf", 28316846592u64, 9, ["1000 scf", "thousand scf", "mcf"];
    /// Joule (J).
    Joule = Energy, "J", 1u64, 9, ["joule", "joules"];
    /// Kilojoule (kJ).
    Kilojoule = Energy, "kJ", 1u64, 6, ["kilojoule", "kilojoules", "千焦"];
    /// Megajoule (MJ).
    Megajoule = Energy, "MJ", 1u64, 3, ["megajoule", "megajoules", "兆焦"];
    /// Gigajoule (GJ).
    Gigajoule = Energy, "GJ", 1u64, 0, ["gigajoule", "gigajoules", "吉焦"];
    /// Terajoule (TJ).
    Terajoule = Energy, "TJ", 1000u64, 0, ["terajoule", "terajoules", "太焦"];
    /// Kilowatt-hour, 3.6 MJ.
    KilowattHour = Energy, "kWh", 36u64, 4, ["kw·h", "kw h", "kw-h", "千瓦时", "度"];
    /// Megawatt-hour, 3.6 GJ.
    MegawattHour = Energy, "MWh", 36u64, 1, ["mw·h", "mw h", "mw-h", "兆瓦时"];
    /// Gigawatt-hour, 3,600 GJ.
    GigawattHour = Energy, "GWh", 3600u64, 0, ["gw·h", "gw h", "gw-h", "吉瓦时"];
    /// Ten thousand kilowatt-hours (10^4 kWh, 万千瓦时), the Chinese statistical unit for electricity.
    TenThousandKilowattHours = Energy, "10^4 kWh", 36u64, 0, ["10⁴ kwh", "10^4kwh", "10000 kwh", "万千瓦时", "万kwh", "万度"];
    /// Million British thermal units (IT), 1.05505585262 GJ.
    MmBtu = Energy, "mmBtu", 105505585262u64, 11, ["million btu", "mmbtu (it)"];
    /// Therm, 100,000 Btu (IT) = 0.105505585262 GJ.
    Therm = Energy, "therm", 105505585262u64, 12, ["therms", "thm"];
    /// Tonne of standard coal equivalent (tce, 吨标准煤), 29.3076 GJ by definition.
    TonneOfCoalEquivalent = StandardCoal, "tce", 1u64, 0, ["吨标准煤", "吨标煤", "t标准煤", "t ce"];
    /// Kilogram of standard coal equivalent (kgce, 千克标准煤).
    KilogramOfCoalEquivalent = StandardCoal, "kgce", 1u64, 3, ["千克标准煤", "千克标煤", "kg标准煤"];
    /// Kilometre (km) travelled.
    Kilometre = Distance, "km", 1u64, 0, ["kilometre", "kilometres", "kilometer", "kilometers", "公里", "千米"];
    /// International mile, 1.609344 km.
    Mile = Distance, "mile", 1609344u64, 6, ["miles", "mi", "英里"];
    /// Tonne-kilometre (t·km): one tonne carried one kilometre.
    TonneKilometre = FreightTransport, "t·km", 1u64, 0, ["tonne.km", "tkm", "t km", "t-km", "tonne-km", "tonne km", "tonne-kilometre", "tonne-kilometres", "吨公里", "吨千米"];
    /// Passenger-kilometre: one passenger carried one kilometre.
    PassengerKilometre = PassengerTransport, "passenger.km", 1u64, 0, ["pkm", "passenger-km", "passenger km", "passenger-kilometre", "passenger-kilometres", "人公里", "人千米"];
}

impl Unit {
    /// Whether the unit is a volume at normal (reference) conditions.
    ///
    /// ```
    /// use carbonbook_core::units::Unit;
    /// assert!(Unit::TenThousandNormalCubicMetres.is_normal_volume());
    /// assert!(!"万立方米".parse::<Unit>().unwrap().is_normal_volume());
    /// ```
    pub const fn is_normal_volume(self) -> bool {
        matches!(self, Unit::NormalCubicMetre | Unit::TenThousandNormalCubicMetres)
    }

    /// Every accepted spelling of every unit, for error messages and
    /// drop-down lists.
    pub fn accepted_spellings() -> impl Iterator<Item = &'static str> {
        Unit::ALL.iter().flat_map(|u| u.spellings().iter().copied())
    }

    /// The exact factor that turns a value in `self` into a value in `to`.
    ///
    /// # Errors
    ///
    /// [`UnitError::DimensionMismatch`] when the units measure different
    /// dimensions.
    ///
    /// ```
    /// use carbonbook_core::units::Unit;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Unit::TenThousandKilowattHours.factor_to(Unit::MegawattHour)?, dec!(10));
    /// # Ok::<(), carbonbook_core::units::UnitError>(())
    /// ```
    pub fn factor_to(self, to: Unit) -> Result<Decimal, UnitError> {
        Ok(self.ratio_to(to)?.value()?)
    }

    /// The conversion from `self` to `to` as a [`Ratio`] (multiply by this
    /// unit's base factor, divide by the other's), exact to apply.
    ///
    /// # Errors
    ///
    /// [`UnitError::DimensionMismatch`] when the units measure different
    /// dimensions.
    ///
    /// ```
    /// use carbonbook_core::units::Unit;
    /// use rust_decimal_macros::dec;
    /// let r = Unit::Gigajoule.ratio_to(Unit::MegawattHour)?;
    /// assert_eq!(r.apply(dec!(3600))?, dec!(1000));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ratio_to(self, to: Unit) -> Result<Ratio, UnitError> {
        if self == to {
            return Ok(Ratio::ONE);
        }
        if self.dimension() != to.dimension() {
            return Err(UnitError::DimensionMismatch { from: self, to });
        }
        Ok(Ratio::simplified(self.to_base(), to.to_base()))
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Folds a unit spelling (or any short name typed by hand) for comparison:
/// lower case, no surrounding or doubled spaces, full-width characters and
/// superscripts made plain.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.trim().chars() {
        let c = match c {
            '³' => '3',
            '⁴' => '4',
            '（' => '(',
            '）' => ')',
            '／' => '/',
            '\u{3000}' | '\t' => ' ',
            // Full-width ASCII (ｔ, ｋＷｈ, ＧＪ) as typed with a Chinese input method.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.extend(c.to_lowercase());
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Every spelling folded once, with and without spaces.
static SPELLINGS: std::sync::LazyLock<Vec<(String, String, Unit)>> = std::sync::LazyLock::new(|| {
    Unit::ALL
        .iter()
        .flat_map(|&u| {
            u.spellings().iter().map(move |sp| {
                let f = fold(sp);
                let squeezed = f.replace(' ', "");
                (f, squeezed, u)
            })
        })
        .collect()
});

impl FromStr for Unit {
    type Err = UnitError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let folded = fold(s);
        // Exact, then ignoring the spaces the writer may or may not have put in.
        if let Some((_, _, u)) = SPELLINGS.iter().find(|(f, _, _)| *f == folded) {
            return Ok(*u);
        }
        let squeezed = folded.replace(' ', "");
        if let Some((_, _, u)) = SPELLINGS.iter().find(|(_, sq, _)| *sq == squeezed) {
            return Ok(*u);
        }
        Err(UnitError::Unknown { found: s.to_owned() })
    }
}

/// Why a unit could not be parsed or converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnitError {
    /// The text names no known unit.
    #[error("unknown unit \"{found}\"; accepted: {}", accepted_list())]
    Unknown {
        /// The text that was found.
        found: String,
    },
    /// A conversion between units of different dimensions was asked for.
    #[error("cannot convert {from} ({}) to {to} ({}): different dimensions", from.dimension(), to.dimension())]
    DimensionMismatch {
        /// The unit converted from.
        from: Unit,
        /// The unit asked for.
        to: Unit,
    },
    /// A cross-dimension conversion needs a stated parameter that was not given.
    #[error("cannot convert {from} to {to} without a {needed}")]
    MissingParameter {
        /// The dimension converted from.
        from: Dimension,
        /// The dimension asked for.
        to: Dimension,
        /// What is missing, e.g. "calorific value (GJ per t)".
        needed: String,
    },
    /// A compound unit (`GJ/t`, `tCO2/MWh`) could not be read.
    #[error("cannot read \"{found}\" as {expected}")]
    BadCompound {
        /// The text that was found.
        found: String,
        /// What was expected, e.g. "an energy per activity unit such as GJ/t".
        expected: &'static str,
    },
    /// Arithmetic overflowed during conversion.
    #[error(transparent)]
    Arithmetic(#[from] ArithmeticError),
}

fn accepted_list() -> String {
    Unit::ALL.iter().map(|u| u.symbol()).collect::<Vec<_>>().join(", ")
}

/// An exact amount in a unit.
///
/// `Quantity` has no `PartialEq` across units on purpose: `1000 kg` and
/// `1 t` are the same amount written differently. Compare amounts with
/// [`Quantity::same_amount`], or representations with `==` on
/// [`Quantity::value`] and [`Quantity::unit`].
///
/// ```
/// use carbonbook_core::units::{Quantity, Unit};
/// use rust_decimal_macros::dec;
/// let a = Quantity::new(dec!(1000), Unit::Kilogram);
/// let b = Quantity::new(dec!(1), Unit::Tonne);
/// assert!(a.same_amount(&b)?);
/// # Ok::<(), carbonbook_core::units::UnitError>(())
/// ```
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Quantity {
    value: Decimal,
    unit: Unit,
}

impl Quantity {
    /// A quantity of `value` in `unit`.
    pub const fn new(value: Decimal, unit: Unit) -> Self {
        Quantity { value, unit }
    }

    /// The number, in [`Quantity::unit`].
    pub const fn value(&self) -> Decimal {
        self.value
    }

    /// The unit.
    pub const fn unit(&self) -> Unit {
        self.unit
    }

    /// The dimension of the unit.
    pub const fn dimension(&self) -> Dimension {
        self.unit.dimension()
    }

    /// The same amount expressed in `unit`.
    ///
    /// # Errors
    ///
    /// [`UnitError::DimensionMismatch`] across dimensions (use
    /// [`Quantity::to_energy`] with a calorific value for those);
    /// [`UnitError::Arithmetic`] on overflow.
    ///
    /// ```
    /// use carbonbook_core::units::{Quantity, Unit};
    /// use rust_decimal_macros::dec;
    /// let diesel = Quantity::new(dec!(1000), Unit::UsGallon);
    /// assert_eq!(diesel.to(Unit::Litre)?.value(), dec!(3785.411784));
    /// # Ok::<(), carbonbook_core::units::UnitError>(())
    /// ```
    pub fn to(&self, unit: Unit) -> Result<Quantity, UnitError> {
        if unit == self.unit {
            return Ok(*self);
        }
        if self.unit.dimension() != unit.dimension() {
            return Err(UnitError::DimensionMismatch { from: self.unit, to: unit });
        }
        // Multiply first, divide once: exact whenever the result terminates.
        let base = arithmetic::mul(self.value, self.unit.to_base())?;
        Ok(Quantity::new(arithmetic::div(base, unit.to_base())?, unit))
    }

    /// The value in the base unit of its dimension (t, m3, GJ, tce).
    ///
    /// # Errors
    ///
    /// [`UnitError::Arithmetic`] on overflow.
    pub fn in_base(&self) -> Result<Decimal, UnitError> {
        Ok(arithmetic::mul(self.value, self.unit.to_base())?)
    }

    /// Whether two quantities are the same amount (after conversion).
    ///
    /// # Errors
    ///
    /// [`UnitError::DimensionMismatch`] when the dimensions differ.
    pub fn same_amount(&self, other: &Quantity) -> Result<bool, UnitError> {
        if self.dimension() != other.dimension() {
            return Err(UnitError::DimensionMismatch { from: self.unit, to: other.unit });
        }
        Ok(self.in_base()? == other.in_base()?)
    }

    /// The energy this quantity holds, given a calorific value.
    ///
    /// An energy quantity converts directly and ignores `calorific_value`.
    /// A mass or volume needs a calorific value whose denominator has the
    /// same dimension.
    ///
    /// # Errors
    ///
    /// [`UnitError::MissingParameter`] when a calorific value is needed but
    /// `None` was given; [`UnitError::DimensionMismatch`] when it is per a
    /// unit of another dimension.
    ///
    /// ```
    /// use carbonbook_core::units::{Quantity, Rate, Unit};
    /// use rust_decimal_macros::dec;
    /// let gas = Quantity::new(dec!(300), Unit::TenThousandCubicMetres);
    /// let ncv = Rate::new(dec!(389.31), Unit::Gigajoule, Unit::TenThousandCubicMetres);
    /// assert_eq!(gas.to_energy(Some(&ncv))?.value(), dec!(116793.00));
    /// # Ok::<(), carbonbook_core::units::UnitError>(())
    /// ```
    pub fn to_energy(&self, calorific_value: Option<&Rate>) -> Result<Quantity, UnitError> {
        if self.dimension() == Dimension::Energy {
            return self.to(Unit::Gigajoule);
        }
        match calorific_value {
            None => Err(UnitError::MissingParameter {
                from: self.dimension(),
                to: Dimension::Energy,
                needed: format!("calorific value (GJ per {})", self.unit),
            }),
            Some(rate) => rate.apply(self)?.to(Unit::Gigajoule),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, self.unit)
    }
}

/// A ratio of two units: `GJ/t`, `GJ/10^4 m3`, `tce/MWh`.
///
/// Calorific values, densities and standard-coal coefficients are rates.
/// Applying one to a quantity converts the quantity to the rate's
/// denominator unit first, so a calorific value in `GJ/10^4 m3` applies to a
/// quantity in `m3` exactly.
///
/// ```
/// use carbonbook_core::units::{Quantity, Rate, Unit};
/// use rust_decimal_macros::dec;
/// let ncv: Rate = "GJ/t".parse::<Rate>().map(|r| r.with_value(dec!(42.652)))?;
/// let diesel = Quantity::new(dec!(500), Unit::Kilogram);
/// assert_eq!(ncv.apply(&diesel)?.value(), dec!(21.326000));
/// # Ok::<(), carbonbook_core::units::UnitError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    value: Decimal,
    numerator: Unit,
    denominator: Unit,
}

impl Rate {
    /// `value` `numerator` per `denominator`.
    pub const fn new(value: Decimal, numerator: Unit, denominator: Unit) -> Self {
        Rate { value, numerator, denominator }
    }

    /// The same units with another value.
    pub const fn with_value(self, value: Decimal) -> Self {
        Rate { value, ..self }
    }

    /// The number.
    pub const fn value(&self) -> Decimal {
        self.value
    }

    /// The unit of the result.
    pub const fn numerator(&self) -> Unit {
        self.numerator
    }

    /// The unit of the quantity it applies to.
    pub const fn denominator(&self) -> Unit {
        self.denominator
    }

    /// `quantity × rate`, in the numerator unit.
    ///
    /// # Errors
    ///
    /// [`UnitError::DimensionMismatch`] when the quantity's dimension is not
    /// the denominator's; [`UnitError::Arithmetic`] on overflow.
    pub fn apply(&self, quantity: &Quantity) -> Result<Quantity, UnitError> {
        let q = quantity.to(self.denominator)?;
        Ok(Quantity::new(arithmetic::mul(q.value(), self.value)?, self.numerator))
    }

    /// The factor that turns a quantity in `unit` directly into the
    /// numerator's base unit (e.g. GJ per `unit`), as a [`Ratio`] so that
    /// applying it divides once, last. Lets hot loops resolve units once.
    ///
    /// # Errors
    ///
    /// As [`Rate::apply`].
    ///
    /// ```
    /// use carbonbook_core::units::{Rate, Unit};
    /// use rust_decimal_macros::dec;
    /// let grid = Rate::new(dec!(0.5306), Unit::Tonne, Unit::MegawattHour);
    /// // 3 600 GJ of electricity is exactly 1 000 MWh.
    /// assert_eq!(grid.per(Unit::Gigajoule)?.apply(dec!(3600))?, dec!(530.6));
    /// # Ok::<(), carbonbook_core::units::UnitError>(())
    /// ```
    pub fn per(&self, unit: Unit) -> Result<Ratio, UnitError> {
        if unit.dimension() != self.denominator.dimension() {
            return Err(UnitError::DimensionMismatch { from: unit, to: self.denominator });
        }
        let scaled = arithmetic::mul(self.value, self.numerator.to_base())?;
        if unit == self.denominator {
            // The common case (GJ/t for a quantity in t): nothing to divide.
            return Ok(Ratio::of(scaled));
        }
        let numerator = arithmetic::mul(scaled, unit.to_base())?;
        // One plain factor when the division is exact (t per kg, GJ per 10^4 kWh, …).
        Ok(Ratio::simplified(numerator, self.denominator.to_base()))
    }
}

impl FromStr for Rate {
    type Err = UnitError;

    /// Parses the units of a rate, `NUM/DEN`, with value 1.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad =
            || UnitError::BadCompound { found: s.to_owned(), expected: "a unit per unit such as GJ/t or GJ/10^4 m3" };
        let (num, den) = s.split_once(['/', '／']).ok_or_else(bad)?;
        let numerator: Unit = num.parse().map_err(|_| bad())?;
        let denominator: Unit = den.parse().map_err(|_| bad())?;
        Ok(Rate::new(Decimal::ONE, numerator, denominator))
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}/{}", self.value, self.numerator, self.denominator)
    }
}

/// The unit of a custom emission factor: a mass of gas per activity unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmissionUnit {
    /// Mass unit of the gas (t, kg, g, lb).
    pub mass: Unit,
    /// The gas named in the unit, if any (`tCO2/MWh` names CO2; `t/MWh` none).
    pub gas: Option<Gas>,
    /// The activity unit.
    pub per: Unit,
}

impl fmt::Display for EmissionUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.gas {
            Some(g) => write!(f, "{}{}/{}", self.mass, g, self.per),
            None => write!(f, "{}/{}", self.mass, self.per),
        }
    }
}

impl FromStr for EmissionUnit {
    type Err = UnitError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || UnitError::BadCompound {
            found: s.to_owned(),
            expected: "a mass of gas per activity unit such as tCO2/MWh or kgCO2e/L",
        };
        let (num, den) = s.split_once(['/', '／']).ok_or_else(bad)?;
        let per: Unit = den.parse().map_err(|_| bad())?;
        let num = num.trim();
        // Longest mass spelling first, so "kg" wins over "g" and "t".
        let mut masses: Vec<(&str, Unit)> = Unit::ALL
            .iter()
            .filter(|u| u.dimension() == Dimension::Mass)
            .flat_map(|u| u.spellings().iter().map(move |sp| (*sp, *u)))
            .collect();
        masses.sort_by_key(|(sp, _)| std::cmp::Reverse(sp.len()));
        for (sp, mass) in masses {
            let Some(head) = num.get(..sp.len()) else { continue };
            if !head.eq_ignore_ascii_case(sp) {
                continue;
            }
            let rest = num[sp.len()..].trim();
            if rest.is_empty() {
                return Ok(EmissionUnit { mass, gas: None, per });
            }
            if let Ok(gas) = rest.parse::<Gas>() {
                return Ok(EmissionUnit { mass, gas: Some(gas), per });
            }
        }
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn every_spelling_parses_back_to_its_unit() {
        for &u in Unit::ALL {
            for sp in u.spellings() {
                assert_eq!(sp.parse::<Unit>().unwrap(), u, "{sp}");
            }
            assert_eq!(u.symbol().parse::<Unit>().unwrap(), u);
        }
    }

    #[test]
    fn spellings_are_unambiguous() {
        let mut seen = std::collections::HashMap::new();
        for &u in Unit::ALL {
            for sp in u.spellings() {
                if let Some(prev) = seen.insert(fold(sp), u) {
                    assert_eq!(prev, u, "{sp} is claimed twice");
                }
            }
        }
    }

    #[test]
    fn base_factors_are_the_definitions() {
        // NIST SP 811 Appendix B; 1 Btu(IT) = 1055.05585262 J.
        assert_eq!(Unit::ShortTon.to_base(), dec!(0.90718474));
        assert_eq!(Unit::UsGallon.to_base(), dec!(0.003785411784));
        assert_eq!(Unit::StandardCubicFoot.to_base(), dec!(0.3048) * dec!(0.3048) * dec!(0.3048));
        assert_eq!(Unit::ThousandStandardCubicFeet.to_base(), dec!(28.316846592));
        assert_eq!(Unit::MmBtu.to_base(), dec!(1.05505585262));
        assert_eq!(Unit::Therm.to_base(), dec!(0.105505585262));
        assert_eq!(Unit::KilowattHour.to_base(), dec!(0.0036));
        assert_eq!(Unit::Joule.to_base(), dec!(0.000000001));
        assert_eq!(Unit::TenThousandKilowattHours.to_base(), dec!(36));
        assert_eq!(Unit::KilogramOfCoalEquivalent.to_base(), dec!(0.001));
    }

    #[test]
    fn spaces_and_case_do_not_matter() {
        assert_eq!(" MWH ".parse::<Unit>().unwrap(), Unit::MegawattHour);
        assert_eq!("10^4  Nm3".parse::<Unit>().unwrap(), Unit::TenThousandNormalCubicMetres);
        assert_eq!("10^4Nm3".parse::<Unit>().unwrap(), Unit::TenThousandNormalCubicMetres);
        assert_eq!("万 千瓦时".parse::<Unit>().unwrap(), Unit::TenThousandKilowattHours);
    }

    #[test]
    fn unknown_unit_lists_the_accepted_ones() {
        let err = "furlong".parse::<Unit>().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("\"furlong\""), "{msg}");
        assert!(msg.contains("10^4 m3") && msg.contains("mmBtu"), "{msg}");
    }

    #[test]
    fn cross_dimension_conversion_is_refused() {
        let q = Quantity::new(dec!(1), Unit::CubicMetre);
        assert!(matches!(q.to(Unit::Tonne), Err(UnitError::DimensionMismatch { .. })));
        let err = q.to_energy(None).unwrap_err();
        assert!(err.to_string().contains("calorific value (GJ per m3)"), "{err}");
    }

    #[test]
    fn overflow_is_an_error() {
        let q = Quantity::new(Decimal::MAX, Unit::Terajoule);
        assert!(matches!(q.to(Unit::Joule), Err(UnitError::Arithmetic(_))));
    }

    #[test]
    fn rates_parse_and_apply_across_units() {
        let ncv = "GJ/10^4 Nm3".parse::<Rate>().unwrap().with_value(dec!(389.31));
        let q = Quantity::new(dec!(10000), Unit::CubicMetre);
        assert_eq!(ncv.apply(&q).unwrap().value(), dec!(389.31));
        assert_eq!(ncv.per(Unit::CubicMetre).unwrap().apply(dec!(1)).unwrap(), dec!(0.038931));
        assert!("GJ per t".parse::<Rate>().is_err());
    }
}
