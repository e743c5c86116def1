//! 100-year global warming potentials (GWP-100) from the IPCC Second,
//! Fourth, Fifth and Sixth Assessment Reports.
//!
//! Documents:
//!
//! - SAR: IPCC Second Assessment Report (1995), WG1 Ch.2 Table 2.9, the
//!   GWP-100 values adopted for UNFCCC reporting (decision 2/CP.3) and
//!   prescribed by China's 24 industry accounting guidelines. Grade B where
//!   a secondary source quoting the UNFCCC table was read (the Climate
//!   Change Connection's UNFCCC GWP table: CH4, N2O, SF6, HFC-23, HFC-32,
//!   CF4, C2F6, C3F8; AR4 Technical Summary Table TS.2, SAR column: CH4,
//!   N2O), grade C for the HFCs seen only in the transcription of the GHG
//!   Protocol GWP table (`openclimatedata/globalwarmingpotentials`, column
//!   `SARGWP100`). SAR gives no value for NF3: none is shipped.
//! - AR4: IPCC AR4 WG1 Chapter 2, Table 2.14 (also Technical Summary
//!   Table TS.2). Checked against US 40 CFR 98 Subpart A Table A-1 (the
//!   pre-2024 AR4 table) and EU Regulation 517/2014 Annex I.
//! - AR5: IPCC AR5 WG1 Chapter 8, Appendix 8.A, Table 8.A.1, **without**
//!   climate-carbon feedback (CH4 28, not 34). Checked against the
//!   Australian NGER Regulations 2008 s2.02 (which restates the AR5 values)
//!   and The Climate Registry's GWP appendix.
//! - AR6: IPCC AR6 WG1 Chapter 7, Table 7.15 (CH4 fossil / non-fossil,
//!   N2O) and Supplementary Material Table 7.SM.7 (all gases), taken from
//!   the chapter's own data repository (`chrisroadmap/ar6`,
//!   `data_output/7sm/metrics_supplement_cleaned.csv`) and its
//!   transcription in `openclimatedata/globalwarmingpotentials`. CF4, C2F6
//!   and C3F8 also appear in EU Regulation 2024/573 Annex I.
//!
//! Grades: "A" primary document seen, "B" a secondary source quoting it,
//! "C" a public-repository transcription. See `../factors/cn_NOTES.md` for the
//! evidence and for the AR6 SF6 and HFC-134a conflicts.

/// GWP-100 of one gas in one IPCC assessment report.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // Kept as printed in the source; not every field is used.
pub(crate) struct GwpRow {
    /// Gas: "CO2", "CH4", "CH4_fossil", "CH4_non_fossil", "N2O", "SF6",
    /// "NF3", "HFC-23", "HFC-32", "HFC-125", "HFC-134a", "HFC-143a",
    /// "HFC-152a", "HFC-227ea", "CF4", "C2F6" (and more if confirmed).
    pub gas: &'static str,
    /// "SAR" | "AR4" | "AR5" | "AR6".
    pub report: &'static str,
    /// GWP-100, exact decimal string.
    pub gwp: &'static str,
    /// Table, e.g. "AR4 WG1 Ch.2 Table 2.14", "AR5 WG1 Ch.8 Table 8.A.1",
    /// "AR6 WG1 Ch.7 Table 7.15 / 7.SM.7".
    pub table: &'static str,
    /// Grade.
    pub grade: &'static str,
}

/// SAR table reference.
const SAR: &str = "SAR WG1 Ch.2 Table 2.9 (1995), as adopted for UNFCCC reporting";

/// AR4 table reference.
const AR4: &str = "AR4 WG1 Ch.2 Table 2.14";

/// AR5 table reference (values without climate-carbon feedback).
const AR5: &str = "AR5 WG1 Ch.8 Table 8.A.1 (without climate-carbon feedback)";

/// AR6 supplementary table reference.
const AR6_SM: &str = "AR6 WG1 Ch.7 Table 7.SM.7";

/// AR6 main-chapter table reference (methane split).
const AR6_715: &str = "AR6 WG1 Ch.7 Table 7.15";

/// AR6 reference for gases in both tables.
const AR6_BOTH: &str = "AR6 WG1 Ch.7 Table 7.15 / 7.SM.7";

/// Shorthand constructor used to keep [`GWP`] readable.
const fn row(
    gas: &'static str,
    report: &'static str,
    gwp: &'static str,
    table: &'static str,
    grade: &'static str,
) -> GwpRow {
    GwpRow { gas, report, gwp, table, grade }
}

/// GWP-100 values. AR6 HFC-134a is the Table 7.SM.7 value (1530); Table
/// 7.15 prints 1526 to more figures. AR6 SF6 is the Table 7.SM.7 value
/// (25200); see the notes for the 24 300 seen elsewhere.
pub(crate) const GWP: &[GwpRow] = &[
    // Carbon dioxide: 1 by definition.
    row("CO2", "SAR", "1", SAR, "B"),
    row("CO2", "AR4", "1", AR4, "B"),
    row("CO2", "AR5", "1", AR5, "B"),
    row("CO2", "AR6", "1", AR6_SM, "B"),
    // Methane.
    row("CH4", "SAR", "21", SAR, "B"),
    row("CH4", "AR4", "25", AR4, "B"),
    row("CH4", "AR5", "28", AR5, "B"),
    row("CH4", "AR6", "27.9", AR6_SM, "C"),
    row("CH4_fossil", "AR6", "29.8", AR6_715, "C"),
    row("CH4_non_fossil", "AR6", "27.0", AR6_715, "C"),
    // Nitrous oxide.
    row("N2O", "SAR", "310", SAR, "B"),
    row("N2O", "AR4", "298", AR4, "B"),
    row("N2O", "AR5", "265", AR5, "B"),
    row("N2O", "AR6", "273", AR6_BOTH, "C"),
    // Sulphur hexafluoride.
    row("SF6", "SAR", "23900", SAR, "B"),
    row("SF6", "AR4", "22800", AR4, "B"),
    row("SF6", "AR5", "23500", AR5, "B"),
    row("SF6", "AR6", "25200", AR6_SM, "C"),
    // Nitrogen trifluoride.
    row("NF3", "AR4", "17200", AR4, "B"),
    row("NF3", "AR5", "16100", AR5, "B"),
    row("NF3", "AR6", "17400", AR6_SM, "C"),
    // HFC-23.
    row("HFC-23", "SAR", "11700", SAR, "B"),
    row("HFC-23", "AR4", "14800", AR4, "B"),
    row("HFC-23", "AR5", "12400", AR5, "B"),
    row("HFC-23", "AR6", "14600", AR6_SM, "C"),
    // HFC-32.
    row("HFC-32", "SAR", "650", SAR, "B"),
    row("HFC-32", "AR4", "675", AR4, "B"),
    row("HFC-32", "AR5", "677", AR5, "B"),
    row("HFC-32", "AR6", "771", AR6_SM, "C"),
    // HFC-125.
    row("HFC-125", "SAR", "2800", SAR, "C"),
    row("HFC-125", "AR4", "3500", AR4, "B"),
    row("HFC-125", "AR5", "3170", AR5, "B"),
    row("HFC-125", "AR6", "3740", AR6_SM, "C"),
    // HFC-134a.
    row("HFC-134a", "SAR", "1300", SAR, "C"),
    row("HFC-134a", "AR4", "1430", AR4, "B"),
    row("HFC-134a", "AR5", "1300", AR5, "B"),
    row("HFC-134a", "AR6", "1530", AR6_SM, "C"),
    // HFC-143a.
    row("HFC-143a", "SAR", "3800", SAR, "C"),
    row("HFC-143a", "AR4", "4470", AR4, "B"),
    row("HFC-143a", "AR5", "4800", AR5, "B"),
    row("HFC-143a", "AR6", "5810", AR6_SM, "C"),
    // HFC-152a.
    row("HFC-152a", "SAR", "140", SAR, "C"),
    row("HFC-152a", "AR4", "124", AR4, "B"),
    row("HFC-152a", "AR5", "138", AR5, "B"),
    row("HFC-152a", "AR6", "164", AR6_SM, "C"),
    // HFC-227ea.
    row("HFC-227ea", "SAR", "2900", SAR, "C"),
    row("HFC-227ea", "AR4", "3220", AR4, "B"),
    row("HFC-227ea", "AR5", "3350", AR5, "B"),
    row("HFC-227ea", "AR6", "3600", AR6_SM, "C"),
    // HFC-236fa.
    row("HFC-236fa", "SAR", "6300", SAR, "C"),
    row("HFC-236fa", "AR4", "9810", AR4, "B"),
    row("HFC-236fa", "AR5", "8060", AR5, "B"),
    row("HFC-236fa", "AR6", "8690", AR6_SM, "C"),
    // CF4 (PFC-14).
    row("CF4", "SAR", "6500", SAR, "B"),
    row("CF4", "AR4", "7390", AR4, "B"),
    row("CF4", "AR5", "6630", AR5, "B"),
    row("CF4", "AR6", "7380", AR6_SM, "B"),
    // C2F6 (PFC-116).
    row("C2F6", "SAR", "9200", SAR, "B"),
    row("C2F6", "AR4", "12200", AR4, "B"),
    row("C2F6", "AR5", "11100", AR5, "B"),
    row("C2F6", "AR6", "12400", AR6_SM, "B"),
    // C3F8 (PFC-218).
    row("C3F8", "SAR", "7000", SAR, "B"),
    row("C3F8", "AR4", "8830", AR4, "B"),
    row("C3F8", "AR5", "8900", AR5, "B"),
    row("C3F8", "AR6", "9290", AR6_SM, "B"),
];
