//! Refrigerant blends and their composition by mass.
//!
//! A blend's leak emits each component in proportion to its mass share, so
//! its CO2e is Σ share × GWP of the component in the inventory's GWP set
//! (GHG Protocol HFC tool; IPCC 2006 Vol. 3 Ch. 7). The compositions are
//! the nominal ones of ASHRAE Standard 34 (refrigerant designations),
//! graded by what was read:
//!
//! - R-410A: US EPA Greenhouse Gas Reporting Program help (“R-410A is a
//!   50/50 blend by weight of HFC-32 and HFC-125”): grade A.
//! - R-407C (23/25/52) and R-404A (44/52/4): a manufacturer's data sheet
//!   quoting ASHRAE 34 (AGC, ±2 % tolerances): grade B.
//! - R-507A (50/50): reference pages and repository transcriptions:
//!   grade C.
//!
//! Each is confirmed by the blend GWPs two publishers print on AR4: the US
//! EPA GHG Emission Factors Hub 2021, Table 12 (R-404A 3922, R-407C 1774,
//! R-410A 2088, R-507A 3985), and the UK Government GHG Conversion Factors
//! 2020 ("Kyoto protocol - blends", the same four values): Σ share × AR4
//! GWP gives 3921.6, 1773.85, 2087.5 and 3985 (a test checks).

/// One component of a blend: the gas symbol and its share by mass (an exact
/// decimal fraction).
pub(crate) type Component = (&'static str, &'static str);

/// A refrigerant blend.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BlendRow {
    /// ASHRAE designation as written, e.g. `R-410A`.
    pub name: &'static str,
    /// Components and their mass fractions.
    pub components: &'static [Component],
    /// Where the composition was read.
    pub source: &'static str,
    /// Grade of the composition.
    pub grade: &'static str,
}

const EPA_GHGRP: &str =
    "ASHRAE Standard 34 nominal composition, as stated by the US EPA Greenhouse Gas Reporting Program help";
const ASHRAE_VIA_MAKER: &str = "ASHRAE Standard 34 nominal composition, as quoted in a manufacturer's data sheet";
const ASHRAE_C: &str = "ASHRAE Standard 34 nominal composition, as transcribed by reference pages";

/// A blend's name folded for ids and matching: `R-410A`, `r410a` → `r410a`.
pub(crate) fn key(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The blends whose composition could be confirmed.
pub(crate) const BLENDS: &[BlendRow] = &[
    BlendRow { name: "R-410A", components: &[("HFC-32", "0.5"), ("HFC-125", "0.5")], source: EPA_GHGRP, grade: "A" },
    BlendRow {
        name: "R-407C",
        components: &[("HFC-32", "0.23"), ("HFC-125", "0.25"), ("HFC-134a", "0.52")],
        source: ASHRAE_VIA_MAKER,
        grade: "B",
    },
    BlendRow {
        name: "R-404A",
        components: &[("HFC-125", "0.44"), ("HFC-143a", "0.52"), ("HFC-134a", "0.04")],
        source: ASHRAE_VIA_MAKER,
        grade: "B",
    },
    BlendRow { name: "R-507A", components: &[("HFC-125", "0.5"), ("HFC-143a", "0.5")], source: ASHRAE_C, grade: "C" },
];
