//! How the books name the engine's choices.

use carbonbook_core::energy::ElectricityBasis;
use carbonbook_core::gas::GwpSet;

/// What a GWP set is, in a few words.
pub(crate) fn gwp_set(set: GwpSet) -> &'static str {
    match set {
        GwpSet::Sar => "IPCC Second Assessment Report (1995), 100-year GWPs as used for UNFCCC reporting",
        GwpSet::Ar4 => "IPCC Fourth Assessment Report (2007), 100-year GWPs",
        GwpSet::Ar5 => "IPCC Fifth Assessment Report (2013), 100-year GWPs without climate-carbon feedbacks",
        GwpSet::Ar6 => "IPCC Sixth Assessment Report (2021), 100-year GWPs",
    }
}

/// The electricity-to-standard-coal basis with its coefficient.
pub(crate) fn electricity_basis(basis: &ElectricityBasis) -> String {
    match basis.coefficient() {
        Some((value, source)) => format!("{}: {value} tce/MWh ({source})", basis.label()),
        None => basis.label().to_owned(),
    }
}
