//! Energy in tonnes of standard coal equivalent (GB/T 2589-2020).
//!
//! Chinese energy statistics and the energy-consumption-per-output targets
//! count every carrier in **tonnes of standard coal equivalent** (tce,
//! 吨标准煤). One kilogram of standard coal is defined as 29,307.6 kJ
//! (7,000 kcal), so 1 tce = 29.3076 GJ ([`GJ_PER_TCE`]).
//!
//! GB/T 2589-2020 (综合能耗计算通则) converts a carrier by its measured net
//! calorific value where one is available (energy ÷ 29.3076 GJ/tce) and
//! otherwise by the reference coefficient of its Appendix A (raw coal
//! 0.7143 kgce/kg, diesel 1.4571 kgce/kg, …). Electricity can be converted
//! on two bases:
//!
//! * **equivalent value** (当量值): its own heat content, 3,600 kJ/kWh,
//!   i.e. 0.1229 kgce/kWh — the default here, as in the standard's
//!   comprehensive-energy-consumption rules;
//! * **equal value** (等价值): the coal burnt to generate it, which depends
//!   on the year's average coal consumption of thermal power supply. It is
//!   year-specific and not built in; give the coefficient you must use
//!   ([`ElectricityBasis::EqualValue`]).
//!
//! ```
//! use carbonbook_core::energy::{self, GJ_PER_TCE};
//! use rust_decimal_macros::dec;
//! assert_eq!(GJ_PER_TCE, dec!(29.3076));
//! assert_eq!(energy::tce_from_gj(dec!(29307.6))?, dec!(1000));
//! # Ok::<(), carbonbook_core::arithmetic::ArithmeticError>(())
//! ```

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use crate::arithmetic::{self, ArithmeticError};

/// Gigajoules in one tonne of standard coal equivalent: 1 kgce = 29,307.6 kJ
/// (7,000 kcal × 4.1868 kJ/kcal), GB/T 2589-2020 clause 3.
pub const GJ_PER_TCE: Decimal = dec!(29.3076);

/// Standard coal equivalent of an amount of energy in GJ.
///
/// # Errors
///
/// Never in practice; [`ArithmeticError`] is kept for the checked path.
pub fn tce_from_gj(gj: Decimal) -> Result<Decimal, ArithmeticError> {
    arithmetic::div(gj, GJ_PER_TCE)
}

/// Which basis converts electricity to standard coal.
///
/// ```
/// use carbonbook_core::energy::ElectricityBasis;
/// use rust_decimal_macros::dec;
/// assert_eq!(ElectricityBasis::default(), ElectricityBasis::EquivalentValue);
/// let eq = ElectricityBasis::EqualValue { tce_per_mwh: dec!(0.3), source: "provincial statistics 2024".into() };
/// assert_eq!(eq.label(), "equal value (等价值)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ElectricityBasis {
    /// 当量值: 0.1229 tce/MWh (GB/T 2589-2008 Appendix A, the edition whose table was read).
    #[default]
    EquivalentValue,
    /// 等价值: the given coefficient, with where it comes from.
    EqualValue {
        /// tce per MWh.
        tce_per_mwh: Decimal,
        /// Where the coefficient comes from.
        source: String,
    },
}

impl ElectricityBasis {
    /// The id of GB/T 2589's equivalent value in the built-in factor library.
    pub const EQUIVALENT_VALUE_FACTOR: &'static str = "gbt2589.electricity_equivalent";

    /// The coefficient in tce/MWh (= kgce/kWh) and where it comes from:
    /// for the equivalent value, the built-in factor (so that every label
    /// shows the figure the calculation uses); for the equal value, the
    /// book's own coefficient and source.
    ///
    /// ```
    /// use carbonbook_core::energy::ElectricityBasis;
    /// use rust_decimal_macros::dec;
    /// let (v, source) = ElectricityBasis::EquivalentValue.coefficient().unwrap();
    /// assert_eq!(v, dec!(0.1229));
    /// assert_eq!(source, "GB/T 2589-2008, Appendix A");
    /// ```
    pub fn coefficient(&self) -> Option<(Decimal, String)> {
        match self {
            ElectricityBasis::EquivalentValue => {
                crate::factors::FactorLibrary::builtin().get(Self::EQUIVALENT_VALUE_FACTOR).map(|f| {
                    // "GB/T 2589-2008, Appendix A": the table's name without its gloss.
                    let table = f.source.table.split(" (").next().unwrap_or_default();
                    (f.value, format!("{}, {table}", f.source.document))
                })
            }
            ElectricityBasis::EqualValue { tce_per_mwh, source } => Some((*tce_per_mwh, source.clone())),
        }
    }

    /// A label for reports.
    pub fn label(&self) -> &'static str {
        match self {
            ElectricityBasis::EquivalentValue => "equivalent value (当量值)",
            ElectricityBasis::EqualValue { .. } => "equal value (等价值)",
        }
    }
}
