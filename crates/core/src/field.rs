//! The fields of carbonbook's input records: one name per workbook column.
//!
//! Every input record (an activity, a facility, a CBAM good, a financed
//! exposure …) is read from a table whose columns workbook-v1 and its
//! additions name (`facility_id`, `quantity`, `ncv`). Errors and warnings
//! say which field they are about with a [`Field`], so that an embedder can
//! branch on it and the Excel layer can turn it into a cell (`Activities!E5`)
//! without parsing a message. The Organisation sheet's settings
//! (`reporting_year`, `gwp` …) are fields too.
//!
//! ```
//! use carbonbook_core::field::Field;
//! assert_eq!(Field::FacilityId.name(), "facility_id");
//! assert_eq!("ncv".parse::<Field>(), Ok(Field::Ncv));
//! assert!(Field::ALL.contains(&Field::Quantity));
//! ```

use std::fmt;

macro_rules! fields {
    ($($variant:ident => $name:literal,)*) => {
        /// A field of an input record, named as its workbook column.
        ///
        /// ```
        /// use carbonbook_core::field::Field;
        /// assert_eq!(Field::CnCode.to_string(), "cn_code");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Field {
            $(
                #[doc = concat!("The `", $name, "` column.")]
                $variant,
            )*
        }

        impl Field {
            /// Every field, in the order workbook-v1 and v2 list them
            /// (sheet by sheet; the Organisation settings last).
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];

            /// Its workbook column name.
            ///
            /// ```
            /// use carbonbook_core::field::Field;
            /// assert_eq!(Field::Scope2Basis.name(), "scope2_basis");
            /// ```
            pub const fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => $name,)*
                }
            }
        }
    };
}

fields! {
    FacilityId => "facility_id",
    Name => "name",
    Country => "country",
    GridRegion => "grid_region",
    Sector => "sector",
    Source => "source",
    Activity => "activity",
    Quantity => "quantity",
    Unit => "unit",
    Period => "period",
    Ncv => "ncv",
    NcvUnit => "ncv_unit",
    CarbonContent => "carbon_content",
    OxidationFactor => "oxidation_factor",
    ContractualFactor => "contractual_factor",
    BiomassFraction => "biomass_fraction",
    Density => "density",
    DensityUnit => "density_unit",
    Enthalpy => "enthalpy",
    WaterTemperature => "water_temperature",
    Product => "product",
    OutputValue => "output_value",
    FactorKey => "factor_key",
    Gas => "gas",
    Value => "value",
    TcePerUnit => "tce_per_unit",
    FactorId => "factor_id",
    Scheme => "scheme",
    Year => "year",
    Allocated => "allocated",
    Benchmark => "benchmark",
    BenchmarkOutput => "benchmark_output",
    CorrectionFactor => "correction_factor",
    VerifiedEmissions => "verified_emissions",
    Purchased => "purchased",
    Sold => "sold",
    Offsets => "offsets",
    Price => "price",
    PenaltyPerT => "penalty_per_t",
    AllocationMethod => "allocation_method",
    UnitClass => "unit_class",
    UnitId => "unit_id",
    GenerationMwh => "generation_mwh",
    SupplyMwh => "supply_mwh",
    HeatSuppliedGj => "heat_supplied_gj",
    LoadFactor => "load_factor",
    PreAllocated => "pre_allocated",
    BalanceValue => "balance_value",
    ProductOutput => "product_output",
    ProcessEmissionsT => "process_emissions_t",
    SpecialCase => "special_case",
    UnitVerifiedEmissions => "unit_verified_emissions",
    Date => "date",
    Kind => "kind",
    Vintage => "vintage",
    Reference => "reference",
    ComplianceYear => "compliance_year",
    InventoryStartKg => "inventory_start_kg",
    InventoryEndKg => "inventory_end_kg",
    PurchasedKg => "purchased_kg",
    SoldKg => "sold_kg",
    NewEquipmentChargeKg => "new_equipment_charge_kg",
    RetiredEquipmentChargeKg => "retired_equipment_charge_kg",
    GoodId => "good_id",
    CnCode => "cn_code",
    Category => "category",
    Route => "route",
    QuantityT => "quantity_t",
    DirectT => "direct_t",
    ElectricityMwh => "electricity_mwh",
    ElectricityFactor => "electricity_factor",
    Precursor => "precursor",
    MassT => "mass_t",
    SeeDirect => "see_direct",
    SeeIndirect => "see_indirect",
    Quarter => "quarter",
    Origin => "origin",
    DefaultValue => "default_value",
    Cscf => "cscf",
    CertificatePrice => "certificate_price",
    CarbonPricePaid => "carbon_price_paid",
    ExposureId => "exposure_id",
    AssetClass => "asset_class",
    Counterparty => "counterparty",
    Outstanding => "outstanding",
    Evic => "evic",
    TotalEquityPlusDebt => "total_equity_plus_debt",
    PropertyValue => "property_value",
    VehicleValue => "vehicle_value",
    PppGdp => "ppp_gdp",
    Scope1T => "scope1_t",
    Scope2T => "scope2_t",
    Scope3T => "scope3_t",
    DataQuality => "data_quality",
    TotalEquity => "total_equity",
    TotalDebt => "total_debt",
    SummaryJson => "summary_json",
    Scope2Basis => "scope2_basis",
    ProjectId => "project_id",
    NetGenerationMwh => "net_generation_mwh",
    BaselineT => "baseline_t",
    ProjectT => "project_t",
    EnergySavedTce => "energy_saved_tce",
    OmFactor => "om_factor",
    BmFactor => "bm_factor",
    LoanBalance => "loan_balance",
    TotalInvestment => "total_investment",
    CreditingPeriod => "crediting_period",
    CoalRateGcePerKwh => "coal_rate_gce_per_kwh",
    Field => "field",
    ReportingYear => "reporting_year",
    Methodology => "methodology",
    Gwp => "gwp",
    Currency => "currency",
    ElectricityBasis => "electricity_basis",
    ElectricityTcePerMwh => "electricity_tce_per_mwh",
    ElectricityBasisSource => "electricity_basis_source",
    BaseYear => "base_year",
    BaseYearTcePer10kOutputValue => "base_year_tce_per_10k_output_value",
    BaseYearTCo2ePer10kOutputValue => "base_year_t_co2e_per_10k_output_value",
    TargetYear => "target_year",
    TargetTcePer10kOutputValue => "target_tce_per_10k_output_value",
    TargetTCo2ePer10kOutputValue => "target_t_co2e_per_10k_output_value",
    Scope2MarketUncovered => "scope2_market_uncovered",
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Serialised as its column name (`"facility_id"`).
impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(self.name())
    }
}

/// A name that is no field's column name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no field is named \"{0}\"")]
pub struct UnknownField(pub String);

impl std::str::FromStr for Field {
    type Err = UnknownField;

    /// The field whose column name is exactly `s` (`facility_id`); the
    /// reader's aliases and normalisation live in the Excel layer.
    fn from_str(s: &str) -> Result<Field, UnknownField> {
        Field::ALL.iter().copied().find(|f| f.name() == s).ok_or_else(|| UnknownField(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::Field;

    #[test]
    fn names_are_distinct_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for f in Field::ALL {
            assert!(seen.insert(f.name()), "{} twice", f.name());
            assert!(
                f.name().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                f.name()
            );
            assert_eq!(f.name().parse::<Field>(), Ok(*f));
        }
        assert!("Quantity".parse::<Field>().is_err());
    }
}
