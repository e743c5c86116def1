//! The carbonbook calculation engine: exact greenhouse-gas, energy and
//! carbon-trading figures from activity data.
//!
//! ```
//! use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation, Production};
//! use carbonbook_core::scope::SourceCategory;
//! use carbonbook_core::units::{Quantity, Unit};
//! use rust_decimal_macros::dec;
//!
//! let mut inv = Inventory::new(Organisation::new("Example Cement Co.", 2023));
//! inv.facilities.push(Facility::new("K1"));
//! // 12,000 t of bituminous coal in the kiln, 30 GWh of grid electricity.
//! inv.activities.push(Activity::new("K1", SourceCategory::StationaryCombustion,
//!     "bituminous_coal", Quantity::new(dec!(12000), Unit::Tonne)));
//! inv.activities.push(Activity::new("K1", SourceCategory::PurchasedElectricity,
//!     "electricity", Quantity::new(dec!(30), Unit::GigawattHour)));
//! inv.production.push(Production { row: None, facility_id: "K1".into(),
//!     product: "cement".into(), quantity: dec!(400000), unit: "t".into(),
//!     output_value: Some(dec!(120000000)), period: None });
//!
//! let r = inv.calculate()?;
//! let t = &r.summary.totals;
//! // Coal: 12 000 t × 19.570 GJ/t × 0.0261 tC/GJ × 93 % × 44/12 (GB/T 32151 defaults).
//! assert_eq!(t.scope1_t_co2e, dec!(12000) * dec!(19.570) * dec!(0.0261) * dec!(0.93) * dec!(44) / dec!(12));
//! // Electricity: 30 000 MWh × 0.5306 t/MWh (MEE/NBS national average, 2023).
//! assert_eq!(t.scope2_location_t_co2e, dec!(15918));
//! // Energy (GB/T 2589): coal by its calorific value, 12 000 t × 19.570 GJ/t
//! // ÷ 29.3076 GJ/tce; electricity 30 000 MWh × 0.1229 tce/MWh (equivalent value).
//! let coal_tce = dec!(12000) * dec!(19.570) / dec!(29.3076);
//! assert_eq!(t.energy_tce, coal_tce + dec!(3687));
//! // Per 10,000 CNY of output value: 120 million CNY is 12 000 × 10^4 CNY.
//! assert_eq!(r.intensity.tce_per_10k_output_value, Some(t.energy_tce * dec!(10000) / dec!(120000000)));
//! # Ok::<(), carbonbook_core::error::CalcErrors>(())
//! ```
//!
//! # The domain in a few paragraphs
//!
//! A **greenhouse-gas inventory** counts the tonnes of CO2, CH4, N2O and
//! fluorinated gases an organisation emits in a year, converted into tonnes
//! of CO2 equivalent (t CO2e) with the 100-year global warming potentials of
//! one IPCC assessment report ([`gas`]). Emissions are reported by **scope**
//! ([`scope`]): Scope 1 from the organisation's own fuel burning, processes
//! and leaks; Scope 2 from the electricity and heat it buys, reported both
//! location-based (the grid's average factor) and market-based (the factor
//! of its contracts).
//!
//! Each activity row — fuel burnt, electricity bought — becomes a
//! [`ledger`] line through a **methodology** ([`method`]): China's
//! GB/T 32150 (fuel × calorific value × carbon content × oxidation rate ×
//! 44/12), the IPCC 2006 Tier 1 defaults, or a published factor set: the
//! US EPA GHG Emission Factors Hub (2024, 2021 editions) or the UK
//! Government GHG Conversion Factors 2020. The parameters come from the
//! [`factors`] library, where every value carries its document, edition,
//! table and the years it applies to; every ledger line names the factors
//! it used.
//!
//! Chinese energy statistics count energy in **tonnes of standard coal
//! equivalent** ([`energy`], GB/T 2589), and targets are set as
//! **intensities** per 10,000 of output value or per unit of product
//! ([`intensity`]). Installations in an emissions-trading scheme must
//! surrender allowances for their verified emissions; [`trading`] computes
//! their **position**, the offsets they may count and the cost of a
//! shortfall.
//!
//! # Exactness
//!
//! Every quantity, factor and amount of money is a [`rust_decimal::Decimal`]:
//! `0.1 + 0.2` is `0.3`, and 44/12 is applied as ×44 ÷12, never as
//! 3.6667. Arithmetic is checked ([`arithmetic`]): overflow is an error,
//! never a panic. Nothing is rounded inside the engine; presentation layers
//! round by a named [`rounding::RoundingPolicy`].
//!
//! # Purity
//!
//! This crate does no file or network I/O, never prints and never exits.
//! Reading workbooks and writing reports live in other crates.

#![deny(missing_docs)]

pub mod arithmetic;
pub mod calculation;
pub mod cbam;
pub mod energy;
pub mod error;
pub mod factors;
pub mod field;
pub mod finance;
pub mod gas;
pub mod intensity;
pub mod inventory;
pub mod ledger;
pub mod method;
pub mod period;
pub mod pipeline;
pub mod rounding;
pub mod scope;
pub mod summary;
pub mod trading;
pub mod units;

pub use calculation::{Calculator, Results};
pub use inventory::Inventory;
pub use method::MethodologyId;
pub use rust_decimal::Decimal;
/// Exact decimal literals, `dec!(0.5306)`: re-exported so that an embedder
/// needs no dependency of its own on `rust_decimal_macros`.
pub use rust_decimal_macros::dec;
