//! Intensities: emissions and energy per unit of output value and of product.
//!
//! China's energy-consumption and carbon-intensity targets are stated per
//! 10,000 of output value (万元产值): tce per 10^4 CNY and t CO2e per
//! 10^4 CNY. Output values are entered in currency units (not in 10^4), so
//!
//! ```text
//! intensity = figure / (output value / 10 000)
//! ```
//!
//! Carbon intensity uses total emissions with location-based Scope 2.
//!
//! **Per unit of product.** A facility that reports one product divides its
//! total (location-based) emissions and its energy by the product quantity.
//! A facility with several products shares its totals among them in
//! proportion to their output value (an economic allocation, as ISO 14044
//! §4.3.4.2 allows when physical allocation is not possible); when an output
//! value is missing, the per-product figures are not computed and a warning
//! says why. Production rows with the same facility, product and unit are
//! added up (monthly rows).
//!
//! **Base year and target.** When base-year intensities are given, the
//! change is `(current − base) / base × 100`, in percent; negative is a
//! reduction. A target is compared the same way: a positive percentage is
//! how far the year is above its target.
//!
//! ```
//! use carbonbook_core::intensity::{per_10k, change_percent};
//! use rust_decimal_macros::dec;
//! assert_eq!(per_10k(dec!(500), dec!(20000000))?, Some(dec!(0.25)));
//! assert_eq!(per_10k(dec!(500), dec!(0))?, None);
//! assert_eq!(change_percent(dec!(0.25), dec!(0.2))?, Some(dec!(-20)));
//! # Ok::<(), carbonbook_core::arithmetic::ArithmeticError>(())
//! ```

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use crate::arithmetic::{self, ArithmeticError};

/// `figure / (output_value / 10 000)`, or `None` when the output value is zero.
///
/// # Errors
///
/// On overflow.
pub fn per_10k(figure: Decimal, output_value: Decimal) -> Result<Option<Decimal>, ArithmeticError> {
    if output_value.is_zero() {
        return Ok(None);
    }
    // figure × 10 000 / output value: one division, as exact as it can be.
    Ok(Some(arithmetic::div(arithmetic::mul(figure, dec!(10000))?, output_value)?))
}

/// `(current − base) / base × 100`, or `None` when the base is zero.
///
/// # Errors
///
/// On overflow.
pub fn change_percent(base: Decimal, current: Decimal) -> Result<Option<Decimal>, ArithmeticError> {
    if base.is_zero() {
        return Ok(None);
    }
    Ok(Some(arithmetic::div(arithmetic::mul(arithmetic::sub(current, base)?, dec!(100))?, base)?))
}

/// Base-year (or target) intensities to compare with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseYear {
    /// The base year.
    pub year: i32,
    /// tce per 10^4 of output value in the base year.
    pub tce_per_10k_output_value: Option<Decimal>,
    /// t CO2e per 10^4 of output value in the base year.
    pub t_co2e_per_10k_output_value: Option<Decimal>,
}

/// An intensity compared with its base-year value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Base-year value.
    pub base: Decimal,
    /// This year's value.
    pub current: Decimal,
    /// Change in percent (negative = reduction).
    pub change_percent: Decimal,
}

/// Intensities of the whole inventory.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Intensity {
    /// Sum of output values.
    pub output_value: Decimal,
    /// tce per 10^4 of output value.
    pub tce_per_10k_output_value: Option<Decimal>,
    /// t CO2e (location-based total) per 10^4 of output value.
    pub t_co2e_per_10k_output_value: Option<Decimal>,
    /// t CO2e (market-based total) per 10^4 of output value.
    pub t_co2e_market_per_10k_output_value: Option<Decimal>,
    /// Energy intensity against the base year.
    pub tce_vs_base_year: Option<Comparison>,
    /// Carbon intensity against the base year.
    pub t_co2e_vs_base_year: Option<Comparison>,
    /// Energy intensity against the target (`change_percent` > 0: above target).
    pub tce_vs_target: Option<Comparison>,
    /// Carbon intensity against the target.
    pub t_co2e_vs_target: Option<Comparison>,
    /// Per facility.
    pub facilities: Vec<FacilityIntensity>,
}

/// Intensities of one facility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacilityIntensity {
    /// Index of the facility.
    pub facility: usize,
    /// Its id.
    pub facility_id: String,
    /// Sum of its output values.
    pub output_value: Decimal,
    /// tce per 10^4 of output value.
    pub tce_per_10k_output_value: Option<Decimal>,
    /// t CO2e (location-based) per 10^4 of output value.
    pub t_co2e_per_10k_output_value: Option<Decimal>,
    /// Its products.
    pub products: Vec<ProductIntensity>,
}

/// Intensity per unit of one product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductIntensity {
    /// Product name.
    pub product: String,
    /// Quantity produced.
    pub quantity: Decimal,
    /// Product unit.
    pub unit: String,
    /// Output value.
    pub output_value: Option<Decimal>,
    /// Share of the facility's totals allocated to the product (1 for a sole product).
    pub share: Option<Decimal>,
    /// t CO2e (location-based) per unit.
    pub t_co2e_per_unit: Option<Decimal>,
    /// tce per unit.
    pub tce_per_unit: Option<Decimal>,
}
