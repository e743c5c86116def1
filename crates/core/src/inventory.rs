//! The inputs of an inventory: organisation, facilities, activity data,
//! production, custom factors and trading lines.
//!
//! These mirror the sheets of the workbook contract (workbook-v1), already
//! parsed into types: units are [`Unit`](crate::units::Unit)s, gases [`Gas`]es, periods
//! [`Period`]s. Each record may carry the row number it came from, which
//! errors and ledger lines repeat so a user can find it.
//!
//! [`Inventory::calculate`] computes everything at once and keeps the whole
//! ledger; for very large inputs use the streaming
//! [`Calculator`](crate::calculation::Calculator) directly, or [`crate::pipeline`].
//!
//! # Example
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Example Co.", 2024));
//! inv.facilities.push(Facility::new("F1"));
//! inv.activities.push(Activity::new("F1", SourceCategory::StationaryCombustion, "diesel",
//!     Quantity::new(dec!(100), Unit::Tonne)));
//! let results = inv.calculate()?;
//! // GB/T 32150 defaults for diesel: 42.652 GJ/t × 0.0202 tC/GJ × 98 % × 44/12.
//! let expected = dec!(100) * dec!(42.652) * dec!(0.0202) * dec!(0.98) * dec!(44) / dec!(12);
//! assert_eq!(results.summary.totals.scope1_t_co2e, expected);
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```

use crate::field::Field;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::energy::ElectricityBasis;
use crate::gas::{Gas, GwpSet};
use crate::intensity::BaseYear;
use crate::period::Period;
use crate::scope::SourceCategory;
use crate::trading::TradingLine;
use crate::units::EmissionUnit;
use crate::units::{Quantity, Rate};

/// An ISO 4217 currency code (`CNY`, `EUR`).
///
/// ```
/// use carbonbook_core::inventory::Currency;
/// assert_eq!("eur".parse::<Currency>()?.code(), "EUR");
/// assert!("euro".parse::<Currency>().is_err());
/// # Ok::<(), carbonbook_core::inventory::CurrencyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Currency(String);

impl Currency {
    /// The three-letter code.
    pub fn code(&self) -> &str {
        &self.0
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency("CNY".to_owned())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Text that is not a currency code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("currency must be a three-letter ISO 4217 code such as CNY or EUR, found \"{found}\"")]
pub struct CurrencyError {
    /// The text found.
    pub found: String,
}

impl FromStr for Currency {
    type Err = CurrencyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.len() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Currency(t.to_ascii_uppercase()))
        } else {
            Err(CurrencyError { found: s.to_owned() })
        }
    }
}

/// The reporting entity and the choices that apply to the whole inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Reporting entity.
    pub name: String,
    /// Calendar year reported.
    pub reporting_year: i32,
    /// Methodology id (`cn-gbt32150`, `ipcc-2006`).
    pub methodology: String,
    /// GWP-100 set.
    pub gwp: GwpSet,
    /// Currency of output values and prices.
    pub currency: Currency,
    /// Basis for converting electricity to standard coal.
    pub electricity_basis: ElectricityBasis,
    /// Base-year intensities to compare with, when given.
    pub base_year: Option<BaseYear>,
    /// Intensity targets to compare with, when given (`year` is the target
    /// year).
    pub target: Option<BaseYear>,
    /// How market-based Scope 2 treats electricity without a contractual
    /// factor (default: the published residual factor).
    pub scope2_market_uncovered: crate::scope::UncoveredConsumption,
}

impl Organisation {
    /// An organisation with the contract's defaults: `cn-gbt32150`, AR5, CNY,
    /// electricity on the equivalent-value basis.
    pub fn new(name: impl Into<String>, reporting_year: i32) -> Organisation {
        Organisation {
            name: name.into(),
            reporting_year,
            methodology: "cn-gbt32150".to_owned(),
            gwp: GwpSet::default(),
            currency: Currency::default(),
            electricity_basis: ElectricityBasis::default(),
            base_year: None,
            target: None,
            scope2_market_uncovered: crate::scope::UncoveredConsumption::default(),
        }
    }
}

/// A facility (site, plant) of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facility {
    /// Row it came from.
    pub row: Option<u32>,
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// ISO 3166 alpha-2 country, default `CN`.
    pub country: String,
    /// Grid region whose location-based electricity factor applies
    /// (`north`, `华东`, `ets`, …); default the national average.
    pub grid_region: Option<String>,
    /// Free-text sector (`power`, `cement`, …).
    pub sector: Option<String>,
}

impl Facility {
    /// A facility in China with only an id.
    pub fn new(id: impl Into<String>) -> Facility {
        Facility {
            row: None,
            id: id.into(),
            name: String::new(),
            country: "CN".to_owned(),
            grid_region: None,
            sector: None,
        }
    }
}

/// Parameters measured by the enterprise that override defaults on one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Measured {
    /// Measured net calorific value, energy per activity unit (e.g. GJ/t).
    pub ncv: Option<Rate>,
    /// Measured carbon content per unit heat, t C per GJ.
    pub carbon_content: Option<Decimal>,
    /// Measured oxidation rate, a fraction (0.98).
    pub oxidation: Option<Decimal>,
}

/// One activity record (a row of the Activities sheet).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Activity {
    /// Row it came from.
    pub row: Option<u32>,
    /// Facility id.
    pub facility_id: String,
    /// Source category.
    pub source: SourceCategory,
    /// Activity key: a built-in fuel/energy key or a custom factor key.
    pub activity: String,
    /// The amount, in its unit.
    pub quantity: Quantity,
    /// Month or year; default the reporting year.
    pub period: Option<Period>,
    /// Measured parameters.
    pub measured: Measured,
    /// Purchased electricity only: contractual factor, t CO2e per MWh, for
    /// the market-based Scope 2 figure.
    pub contractual_factor: Option<Decimal>,
    /// Share (0–1) of the fuel's carbon that is biogenic (co-fired biomass,
    /// a biofuel blend): that share of the fuel's CO2 is biogenic CO2, a
    /// memo figure outside the scopes (workbook-v2 §4).
    pub biomass_fraction: Option<Decimal>,
    /// Density of a fuel given by volume under a mass-based method
    /// (`kg/L`, `t/m3`, `kg/m3`): the row is computed on its mass
    /// (workbook-v2 §3).
    pub density: Option<Rate>,
    /// Purchased or exported steam given in tonnes: its specific enthalpy,
    /// kJ/kg; GJ = t × (enthalpy − 83.74) / 1000 (83.74 kJ/kg is water at
    /// 20 °C).
    pub enthalpy: Option<Decimal>,
    /// Hot water given in tonnes: its supply temperature, °C; GJ = t ×
    /// (T − 20) × 4.1868 / 1000.
    pub water_temperature: Option<Decimal>,
}

impl Activity {
    /// An activity with no period, measurements or contract.
    pub fn new(
        facility_id: impl Into<String>,
        source: SourceCategory,
        activity: impl Into<String>,
        quantity: Quantity,
    ) -> Activity {
        Activity {
            row: None,
            facility_id: facility_id.into(),
            source,
            activity: activity.into(),
            quantity,
            period: None,
            measured: Measured::default(),
            contractual_factor: None,
            biomass_fraction: None,
            density: None,
            enthalpy: None,
            water_temperature: None,
        }
    }
}

/// Production and output value of a facility (a row of the Production sheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Production {
    /// Row it came from.
    pub row: Option<u32>,
    /// Facility id.
    pub facility_id: String,
    /// Product name.
    pub product: String,
    /// Amount produced.
    pub quantity: Decimal,
    /// Product unit (`t`, `MWh`, `pcs`): free text, products are not converted.
    pub unit: String,
    /// Output value in the organisation's currency (not in 10^4).
    pub output_value: Option<Decimal>,
    /// Month or year; default the reporting year.
    pub period: Option<Period>,
}

impl Production {
    /// A product of a facility in the reporting year: `quantity` of
    /// `product` in `unit` (free text), with its output value in the
    /// organisation's currency when known.
    ///
    /// ```
    /// use carbonbook_core::{dec, inventory::Production};
    /// let p = Production::new("F1", "clinker", dec!(1000000), "t", Some(dec!(350000000)));
    /// assert_eq!(p.period, None);
    /// ```
    pub fn new(
        facility_id: impl Into<String>,
        product: impl Into<String>,
        quantity: Decimal,
        unit: impl Into<String>,
        output_value: Option<Decimal>,
    ) -> Production {
        Production {
            row: None,
            facility_id: facility_id.into(),
            product: product.into(),
            quantity,
            unit: unit.into(),
            output_value,
            period: None,
        }
    }
}

/// A custom factor (a row of the Factors sheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomFactor {
    /// Row it came from.
    pub row: Option<u32>,
    /// Key referenced by activities.
    pub key: String,
    /// The gas (or `CO2e`).
    pub gas: Gas,
    /// The value.
    pub value: Decimal,
    /// Mass of gas per activity unit, e.g. `tCO2/MWh`.
    pub unit: EmissionUnit,
    /// Where the value comes from.
    pub source: String,
    /// Standard coal per unit of the factor's denominator, when given.
    pub tce_per_unit: Option<Decimal>,
}

/// Everything an inventory is computed from.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// The organisation and its choices.
    pub organisation: Organisation,
    /// Facilities.
    pub facilities: Vec<Facility>,
    /// Activity data.
    pub activities: Vec<Activity>,
    /// Production and output value.
    pub production: Vec<Production>,
    /// Custom factors.
    pub factors: Vec<CustomFactor>,
    /// Trading lines.
    pub trading: Vec<TradingLine>,
    /// Refrigerant mass balances.
    pub refrigerants: Vec<RefrigerantBalance>,
    /// The allowance accounts' transactions (the Transactions sheet).
    pub transactions: Vec<crate::trading::ledger::Transaction>,
    /// EU CBAM goods, precursors and import lines.
    pub cbam: crate::cbam::CbamInput,
    /// Financed exposures (workbook-v2 §9).
    pub portfolio: Vec<crate::finance::Exposure>,
    /// Financed green projects (workbook-v2 §9).
    pub projects: Vec<crate::finance::Project>,
}

/// The mass balance of one refrigerant at one facility over one year (a row
/// of the Refrigerants sheet, workbook-v2 §5; the mass-balance method of the
/// GHG Protocol HFC tool and of the EPA Hub's refrigerant guidance). All
/// masses in kg.
///
/// Emissions = (start − end) + (purchased − sold) + (retired − new): the
/// gas that was in stock or bought, less what is still in stock, was sold,
/// or went into new equipment, plus what left with retired equipment.
///
/// ```
/// use carbonbook_core::{dec, inventory::RefrigerantBalance};
/// let mut b = RefrigerantBalance::new("F1", "R-410A", 2024);
/// b.inventory_start_kg = dec!(120);
/// b.inventory_end_kg = dec!(100);
/// b.purchased_kg = dec!(30);
/// b.new_equipment_charge_kg = dec!(25);
/// assert_eq!(b.emissions_kg(), Ok(dec!(25)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefrigerantBalance {
    /// Row it came from.
    pub row: Option<u32>,
    /// Facility id.
    pub facility_id: String,
    /// The gas or blend (`HFC-134a`, `R-410A`).
    pub gas: String,
    /// The year of the balance.
    pub year: i32,
    /// In stock (cylinders, not in equipment) at the start of the year.
    pub inventory_start_kg: Decimal,
    /// In stock at the end of the year.
    pub inventory_end_kg: Decimal,
    /// Bought or received in the year.
    pub purchased_kg: Decimal,
    /// Sold, returned or sent for recovery.
    pub sold_kg: Decimal,
    /// Charged into new equipment.
    pub new_equipment_charge_kg: Decimal,
    /// Nameplate charge of equipment retired.
    pub retired_equipment_charge_kg: Decimal,
}

impl RefrigerantBalance {
    /// A balance with every mass 0.
    pub fn new(facility_id: impl Into<String>, gas: impl Into<String>, year: i32) -> RefrigerantBalance {
        RefrigerantBalance {
            row: None,
            facility_id: facility_id.into(),
            gas: gas.into(),
            year,
            inventory_start_kg: Decimal::ZERO,
            inventory_end_kg: Decimal::ZERO,
            purchased_kg: Decimal::ZERO,
            sold_kg: Decimal::ZERO,
            new_equipment_charge_kg: Decimal::ZERO,
            retired_equipment_charge_kg: Decimal::ZERO,
        }
    }

    /// The kg emitted by the balance.
    ///
    /// # Errors
    ///
    /// The field and problem: a negative mass, a sum that overflows, or a
    /// balance below zero (more gas accounted for than there was).
    pub fn emissions_kg(&self) -> Result<Decimal, (crate::field::Field, crate::error::CalcErrorKind)> {
        use crate::arithmetic::{add, sub};
        use crate::error::CalcErrorKind;
        for (field, v) in [
            (Field::InventoryStartKg, self.inventory_start_kg),
            (Field::InventoryEndKg, self.inventory_end_kg),
            (Field::PurchasedKg, self.purchased_kg),
            (Field::SoldKg, self.sold_kg),
            (Field::NewEquipmentChargeKg, self.new_equipment_charge_kg),
            (Field::RetiredEquipmentChargeKg, self.retired_equipment_charge_kg),
        ] {
            if v.is_sign_negative() && !v.is_zero() {
                return Err((field, CalcErrorKind::Negative { value: v.to_string() }));
            }
        }
        let overflow = |e| (Field::InventoryEndKg, CalcErrorKind::Arithmetic(e));
        let stock = sub(self.inventory_start_kg, self.inventory_end_kg).map_err(overflow)?;
        let traded = sub(self.purchased_kg, self.sold_kg).map_err(overflow)?;
        let equipment = sub(self.retired_equipment_charge_kg, self.new_equipment_charge_kg).map_err(overflow)?;
        let kg = add(add(stock, traded).map_err(overflow)?, equipment).map_err(overflow)?;
        if kg.is_sign_negative() && !kg.is_zero() {
            return Err((
                Field::InventoryEndKg,
                CalcErrorKind::Invalid {
                    expected: "a mass balance of 0 kg or more: (start − end) + (purchased − sold) + (retired − new)"
                        .to_owned(),
                    found: format!("{kg} kg, more gas accounted for than there was"),
                },
            ));
        }
        Ok(kg)
    }
}

impl Default for Organisation {
    fn default() -> Self {
        Organisation::new("", 2024)
    }
}

impl Inventory {
    /// An inventory with no records.
    pub fn new(organisation: Organisation) -> Inventory {
        Inventory { organisation, ..Inventory::default() }
    }
}
