//! Greenhouse gases and their global warming potentials.
//!
//! Emissions are computed per gas, in tonnes of that gas, and turned into
//! tonnes of CO2 equivalent (t CO2e) by multiplying each gas by its
//! 100-year global warming potential (GWP-100). Which IPCC assessment the
//! GWPs come from is an explicit choice of the inventory ([`GwpSet`]); the
//! workbook contract's default is AR5, the basis of the US EPA Hub 2024 and
//! of the UK and Chinese reporting rules in force.
//!
//! Methane has two AR6 values: fossil methane (29.8) carries the CO2 its
//! oxidation adds, non-fossil methane (27.0) does not. Fuel combustion emits
//! [`Gas::Ch4Fossil`]; a user factor that says only `CH4` is [`Gas::Ch4`],
//! which takes AR6's single CH4 value where one is published. AR4 and AR5
//! give one value for all three.
//!
//! # Example
//!
//! ```
//! use carbonbook_core::gas::{Gas, GwpSet};
//! use rust_decimal_macros::dec;
//! assert_eq!(GwpSet::Ar5.gwp(Gas::N2o)?, dec!(265));
//! assert_eq!(GwpSet::Ar6.gwp(Gas::Ch4Fossil)?, dec!(29.8));
//! assert_eq!(GwpSet::Ar4.gwp(Gas::Ch4Fossil)?, dec!(25));
//! assert_eq!("N2O".parse::<Gas>()?, Gas::N2o);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub(crate) mod gwp_data;

macro_rules! gases {
    ($( $(#[$doc:meta])* $variant:ident = $symbol:literal, $species:literal, [$($alias:literal),*]; )*) => {
        /// A greenhouse gas (or, for [`Gas::Co2e`], an amount already in CO2e).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Gas {
            $( $(#[$doc])* $variant, )*
        }

        impl Gas {
            /// Every gas, in declaration order.
            pub const ALL: &'static [Gas] = &[$(Gas::$variant),*];

            /// The canonical symbol (`CO2`, `CH4-fossil`, `HFC-134a`).
            pub const fn symbol(self) -> &'static str {
                match self { $(Gas::$variant => $symbol,)* }
            }

            /// The chemical species, for summaries by gas: the three methane
            /// variants are all `CH4`.
            ///
            /// ```
            /// use carbonbook_core::gas::Gas;
            /// assert_eq!(Gas::Ch4Fossil.species(), "CH4");
            /// ```
            pub const fn species(self) -> &'static str {
                match self { $(Gas::$variant => $species,)* }
            }

            fn spellings(self) -> &'static [&'static str] {
                match self { $(Gas::$variant => &[$symbol $(, $alias)*],)* }
            }
        }
    };
}

gases! {
    /// Carbon dioxide.
    Co2 = "CO2", "CO2", ["二氧化碳", "co₂"];
    /// Methane whose origin is not stated.
    Ch4 = "CH4", "CH4", ["甲烷", "ch₄"];
    /// Methane from fossil sources (fuel combustion, fugitive fossil).
    Ch4Fossil = "CH4-fossil", "CH4", ["ch4 fossil", "ch4_fossil", "fossil ch4"];
    /// Methane from non-fossil sources (biogenic: waste, wastewater, agriculture).
    Ch4NonFossil = "CH4-non-fossil", "CH4", ["ch4 non-fossil", "ch4_non_fossil", "biogenic ch4", "ch4-biogenic"];
    /// Nitrous oxide.
    N2o = "N2O", "N2O", ["氧化亚氮", "n₂o"];
    /// Sulphur hexafluoride.
    Sf6 = "SF6", "SF6", ["六氟化硫"];
    /// Nitrogen trifluoride.
    Nf3 = "NF3", "NF3", ["三氟化氮"];
    /// HFC-23 (CHF3).
    Hfc23 = "HFC-23", "HFC-23", ["hfc23", "r-23", "r23"];
    /// HFC-32 (CH2F2).
    Hfc32 = "HFC-32", "HFC-32", ["hfc32", "r-32", "r32"];
    /// HFC-125 (CHF2CF3).
    Hfc125 = "HFC-125", "HFC-125", ["hfc125", "r-125", "r125"];
    /// HFC-134a (CH2FCF3).
    Hfc134a = "HFC-134a", "HFC-134a", ["hfc134a", "r-134a", "r134a"];
    /// HFC-143a (CH3CF3).
    Hfc143a = "HFC-143a", "HFC-143a", ["hfc143a", "r-143a", "r143a"];
    /// HFC-152a (CH3CHF2).
    Hfc152a = "HFC-152a", "HFC-152a", ["hfc152a", "r-152a", "r152a"];
    /// HFC-227ea (CF3CHFCF3).
    Hfc227ea = "HFC-227ea", "HFC-227ea", ["hfc227ea", "r-227ea", "r227ea"];
    /// PFC-14 (CF4).
    Cf4 = "CF4", "CF4", ["pfc-14", "pfc14"];
    /// PFC-116 (C2F6).
    C2f6 = "C2F6", "C2F6", ["pfc-116", "pfc116"];
    /// CO2 from biomass (wood, biogas, landfill gas, biofuels, the biogenic
    /// share of a blend): a memo figure outside every scope (GHG Protocol
    /// Corporate Standard ch. 4 and 9; IPCC 2006 Vol. 2 §1.2 memo item). Its
    /// tonnes are shown apart; it adds nothing to t CO2e.
    Co2Biogenic = "CO2-biogenic", "CO2-biogenic", ["biogenic co2", "co2 biogenic", "co2_biogenic", "co2-bio", "生物质二氧化碳", "生物质co2"];
    /// An amount already expressed in CO2 equivalent; its "GWP" is 1 in every set.
    Co2e = "CO2e", "CO2e", ["co2-e", "co2eq", "co2-eq", "二氧化碳当量", "co₂e"];
}

impl fmt::Display for Gas {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for Gas {
    type Err = GasError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Gas::ALL
            .iter()
            .copied()
            .find(|g| g.spellings().iter().any(|sp| sp.eq_ignore_ascii_case(t)))
            .ok_or_else(|| GasError::Unknown { found: s.to_owned() })
    }
}

/// An IPCC assessment report whose GWP-100 values convert gases to CO2e.
///
/// ```
/// use carbonbook_core::gas::GwpSet;
/// assert_eq!(GwpSet::default(), GwpSet::Ar5);
/// assert_eq!("ar6".parse::<GwpSet>()?, GwpSet::Ar6);
/// # Ok::<(), carbonbook_core::gas::GasError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub enum GwpSet {
    /// IPCC Second Assessment Report (1995), the GWP-100 values adopted for
    /// reporting under the UNFCCC and prescribed by China's 24 industry
    /// accounting guidelines (CH4 21, N2O 310).
    #[serde(rename = "SAR")]
    Sar,
    /// IPCC Fourth Assessment Report (2007), WG1 Table 2.14.
    #[serde(rename = "AR4")]
    Ar4,
    /// IPCC Fifth Assessment Report (2013), WG1 Table 8.A.1, without
    /// climate-carbon feedbacks. The default.
    #[default]
    #[serde(rename = "AR5")]
    Ar5,
    /// IPCC Sixth Assessment Report (2021), WG1 Table 7.15 / 7.SM.7.
    #[serde(rename = "AR6")]
    Ar6,
}

impl GwpSet {
    /// All sets.
    pub const ALL: [GwpSet; 4] = [GwpSet::Sar, GwpSet::Ar4, GwpSet::Ar5, GwpSet::Ar6];

    /// `SAR`, `AR4`, `AR5` or `AR6`.
    pub const fn code(self) -> &'static str {
        match self {
            GwpSet::Sar => "SAR",
            GwpSet::Ar4 => "AR4",
            GwpSet::Ar5 => "AR5",
            GwpSet::Ar6 => "AR6",
        }
    }

    /// The GWP-100 of `gas` in this set.
    ///
    /// # Errors
    ///
    /// [`GasError::NoGwp`] when the set has no confirmed value for the gas
    /// (the library ships only values it could confirm).
    pub fn gwp(self, gas: Gas) -> Result<Decimal, GasError> {
        self.gwp_entry(gas).map(|g| g.value)
    }

    /// The GWP-100 of `gas` with the table it comes from.
    ///
    /// # Errors
    ///
    /// As [`GwpSet::gwp`].
    pub fn gwp_entry(self, gas: Gas) -> Result<Gwp, GasError> {
        if matches!(gas, Gas::Co2 | Gas::Co2e | Gas::Co2Biogenic) {
            return Ok(Gwp { value: Decimal::ONE, table: "CO2 is the reference gas (GWP 1 by definition)" });
        }
        if let Some(g) = GWP_TABLE.get(&(self, gas)) {
            return Ok(*g);
        }
        // AR4 and AR5 publish one methane value: it serves both origins.
        if matches!(gas, Gas::Ch4Fossil | Gas::Ch4NonFossil)
            && self != GwpSet::Ar6
            && let Some(g) = GWP_TABLE.get(&(self, Gas::Ch4))
        {
            return Ok(*g);
        }
        Err(GasError::NoGwp { gas, set: self })
    }
}

impl fmt::Display for GwpSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for GwpSet {
    type Err = GasError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        GwpSet::ALL
            .into_iter()
            .find(|g| g.code().eq_ignore_ascii_case(t))
            .ok_or_else(|| GasError::UnknownGwpSet { found: s.to_owned() })
    }
}

/// A GWP-100 value with its source table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gwp {
    /// t CO2e per t of gas.
    pub value: Decimal,
    /// The report table it comes from.
    pub table: &'static str,
}

static GWP_TABLE: LazyLock<HashMap<(GwpSet, Gas), Gwp>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for row in gwp_data::GWP {
        let (Ok(gas), Ok(set)) = (row.gas.parse::<Gas>(), row.report.parse::<GwpSet>()) else {
            continue;
        };
        if let Ok(value) = row.gwp.parse::<Decimal>() {
            map.insert((set, gas), Gwp { value, table: row.table });
        }
    }
    map
});

/// Why a gas or GWP set could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GasError {
    /// The text names no known gas.
    #[error("unknown gas \"{found}\"; accepted: {}", Gas::ALL.iter().map(|g| g.symbol()).collect::<Vec<_>>().join(", "))]
    Unknown {
        /// The text found.
        found: String,
    },
    /// The text names no GWP set.
    #[error("unknown GWP set \"{found}\"; accepted: AR4, AR5, AR6")]
    UnknownGwpSet {
        /// The text found.
        found: String,
    },
    /// No confirmed GWP for this gas in this set.
    #[error("no confirmed {set} GWP-100 for {gas} in the built-in table; give the emission in CO2e instead")]
    NoGwp {
        /// The gas.
        gas: Gas,
        /// The set.
        set: GwpSet,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    // IPCC AR4 WG1 Table 2.14; AR5 WG1 Table 8.A.1; AR6 WG1 Table 7.15.
    #[test]
    fn published_gwps_for_the_kyoto_gases() {
        assert_eq!(GwpSet::Ar4.gwp(Gas::Ch4).unwrap(), dec!(25));
        assert_eq!(GwpSet::Ar4.gwp(Gas::N2o).unwrap(), dec!(298));
        assert_eq!(GwpSet::Ar5.gwp(Gas::Ch4).unwrap(), dec!(28));
        assert_eq!(GwpSet::Ar5.gwp(Gas::N2o).unwrap(), dec!(265));
        assert_eq!(GwpSet::Ar6.gwp(Gas::Ch4Fossil).unwrap(), dec!(29.8));
        assert_eq!(GwpSet::Ar6.gwp(Gas::Ch4NonFossil).unwrap(), dec!(27.0));
        assert_eq!(GwpSet::Ar6.gwp(Gas::N2o).unwrap(), dec!(273));
        assert_eq!(GwpSet::Ar4.gwp(Gas::Sf6).unwrap(), dec!(22800));
        assert_eq!(GwpSet::Ar5.gwp(Gas::Sf6).unwrap(), dec!(23500));
    }

    #[test]
    fn every_symbol_parses_back() {
        for &g in Gas::ALL {
            assert_eq!(g.symbol().parse::<Gas>().unwrap(), g);
        }
        assert!("CO3".parse::<Gas>().is_err());
    }
}
