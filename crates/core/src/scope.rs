//! Emission source categories and the GHG Protocol scopes they fall in.
//!
//! Scope 1 is direct emissions from sources the organisation owns or
//! controls (its boilers, kilns, vehicles, processes, leaks). Scope 2 is the
//! emissions of generating the electricity and heat it buys. Scope 2 is
//! reported twice (GHG Protocol Scope 2 Guidance, 2015): **location-based**,
//! with the average factor of the grid where the energy is used, and
//! **market-based**, with the factor of the contracts the organisation holds
//! (supplier contracts, PPAs, certificates).
//!
//! ```
//! use carbonbook_core::scope::{Scope, SourceCategory};
//! let s: SourceCategory = "purchased_electricity".parse()?;
//! assert_eq!(s.scope(), Scope::Scope2);
//! assert_eq!(SourceCategory::MobileCombustion.scope(), Scope::Scope1);
//! # Ok::<(), carbonbook_core::scope::SourceCategoryError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A GHG Protocol scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scope {
    /// Direct emissions.
    #[serde(rename = "scope1")]
    Scope1,
    /// Indirect emissions from purchased electricity and heat.
    #[serde(rename = "scope2")]
    Scope2,
    /// Not a scope: the emissions of electricity and heat supplied to others
    /// (输出的电力、热力), which GB/T 32150-2015 deducts from the total. The
    /// scopes stay gross (GHG Protocol).
    #[serde(rename = "exported")]
    Exported,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scope::Scope1 => "Scope 1",
            Scope::Scope2 => "Scope 2",
            Scope::Exported => "Exported",
        })
    }
}

/// Where an activity's emissions come from (the workbook's `source` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceCategory {
    /// Fuel burnt in boilers, kilns, furnaces, generators (化石燃料燃烧).
    StationaryCombustion,
    /// Fuel burnt in owned vehicles and mobile machinery.
    MobileCombustion,
    /// Process emissions (过程排放): calcination, reduction, chemical reactions.
    Process,
    /// Fugitive emissions: leaks of refrigerants, methane, SF6.
    Fugitive,
    /// Purchased electricity (购入的电力).
    PurchasedElectricity,
    /// Purchased heat or steam (购入的热力).
    PurchasedHeat,
    /// Electricity supplied to others (输出的电力): deducted from the total.
    ExportedElectricity,
    /// Heat or steam supplied to others (输出的热力): deducted from the total.
    ExportedHeat,
}

impl SourceCategory {
    /// Every category, in contract order.
    pub const ALL: [SourceCategory; 8] = [
        SourceCategory::StationaryCombustion,
        SourceCategory::MobileCombustion,
        SourceCategory::Process,
        SourceCategory::Fugitive,
        SourceCategory::PurchasedElectricity,
        SourceCategory::PurchasedHeat,
        SourceCategory::ExportedElectricity,
        SourceCategory::ExportedHeat,
    ];

    /// The workbook spelling (`stationary_combustion`, …).
    pub const fn key(self) -> &'static str {
        match self {
            SourceCategory::StationaryCombustion => "stationary_combustion",
            SourceCategory::MobileCombustion => "mobile_combustion",
            SourceCategory::Process => "process",
            SourceCategory::Fugitive => "fugitive",
            SourceCategory::PurchasedElectricity => "purchased_electricity",
            SourceCategory::PurchasedHeat => "purchased_heat",
            SourceCategory::ExportedElectricity => "exported_electricity",
            SourceCategory::ExportedHeat => "exported_heat",
        }
    }

    /// The scope the category falls in ([`Scope::Exported`] for energy
    /// supplied to others).
    pub const fn scope(self) -> Scope {
        match self {
            SourceCategory::PurchasedElectricity | SourceCategory::PurchasedHeat => Scope::Scope2,
            SourceCategory::ExportedElectricity | SourceCategory::ExportedHeat => Scope::Exported,
            _ => Scope::Scope1,
        }
    }

    /// Whether the category is energy supplied to others.
    pub const fn is_export(self) -> bool {
        matches!(self, SourceCategory::ExportedElectricity | SourceCategory::ExportedHeat)
    }

    /// Whether the category burns fuel.
    pub const fn is_combustion(self) -> bool {
        matches!(self, SourceCategory::StationaryCombustion | SourceCategory::MobileCombustion)
    }

    const fn aliases(self) -> &'static [&'static str] {
        match self {
            SourceCategory::StationaryCombustion => &[
                "stationary",
                "固定燃烧",
                "化石燃料燃烧",
                "固定源燃烧",
                "化石燃料燃烧排放",
                "燃料燃烧排放",
                "固定燃烧源",
            ],
            SourceCategory::MobileCombustion => &["mobile", "移动燃烧", "移动源燃烧", "移动燃烧源", "交通运输"],
            SourceCategory::Process => {
                &["process_emissions", "过程排放", "工业生产过程", "工业生产过程排放", "生产过程排放"]
            }
            SourceCategory::Fugitive => &["fugitive_emissions", "逸散排放", "逃逸排放", "无组织排放"],
            SourceCategory::PurchasedElectricity => &[
                "electricity",
                "购入电力",
                "购入的电力",
                "外购电力",
                "净购入电力",
                "购入的电力产生的排放",
                "净购入使用的电力",
            ],
            SourceCategory::PurchasedHeat => &[
                "heat",
                "steam",
                "购入热力",
                "购入的热力",
                "外购热力",
                "净购入热力",
                "购入的热力产生的排放",
                "净购入使用的热力",
            ],
            SourceCategory::ExportedElectricity => {
                &["exported_power", "输出电力", "输出的电力", "外供电力", "输出的电力产生的排放"]
            }
            SourceCategory::ExportedHeat => {
                &["exported_steam", "输出热力", "输出的热力", "外供热力", "外供蒸汽", "输出的热力产生的排放"]
            }
        }
    }
}

impl fmt::Display for SourceCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Text that names no source category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown source \"{found}\"; accepted: stationary_combustion, mobile_combustion, process, fugitive, purchased_electricity, purchased_heat, exported_electricity, exported_heat"
)]
pub struct SourceCategoryError {
    /// The text found.
    pub found: String,
}

impl FromStr for SourceCategory {
    type Err = SourceCategoryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase().replace([' ', '-'], "_");
        SourceCategory::ALL
            .into_iter()
            .find(|c| c.key() == t || c.aliases().iter().any(|a| *a == t))
            .ok_or_else(|| SourceCategoryError { found: s.to_owned() })
    }
}

/// How the market-based Scope 2 figure treats purchased electricity with no
/// contractual instrument (workbook-v1 `scope2_market_uncovered`).
///
/// The GHG Protocol Scope 2 Guidance (2015, Table 6.3) puts a residual mix
/// at the bottom of the market-based hierarchy, before the grid average.
/// China publishes one: the national average electricity CO2 factor
/// "excluding market-traded non-fossil power" (不包括市场化交易的非化石能源电量).
///
/// ```
/// use carbonbook_core::scope::UncoveredConsumption;
/// assert_eq!(UncoveredConsumption::default(), UncoveredConsumption::Residual);
/// assert_eq!("location".parse::<UncoveredConsumption>()?, UncoveredConsumption::Location);
/// # Ok::<(), carbonbook_core::scope::SourceCategoryError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UncoveredConsumption {
    /// The published residual (non-traded) factor of the grid and year where
    /// there is one, else the location-based figure with a warning.
    #[default]
    Residual,
    /// Always the location-based figure.
    Location,
}

impl UncoveredConsumption {
    /// The workbook spelling.
    pub const fn key(self) -> &'static str {
        match self {
            UncoveredConsumption::Residual => "residual",
            UncoveredConsumption::Location => "location",
        }
    }
}

impl FromStr for UncoveredConsumption {
    type Err = SourceCategoryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace([' ', '-'], "_").as_str() {
            "residual" | "residual_mix" | "剩余组合" | "剩余因子" | "不包括市场化交易的非化石能源电量" => {
                Ok(UncoveredConsumption::Residual)
            }
            "location" | "location_based" | "基于位置" | "电网平均" => Ok(UncoveredConsumption::Location),
            _ => Err(SourceCategoryError { found: s.to_owned() }),
        }
    }
}
