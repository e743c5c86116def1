//! The CBAM benchmarks of IR (EU) 2025/2620 and the cross-sectoral
//! correction factor: what the free-allocation adjustment multiplies.
//!
//! The adjustment gives back, per tonne of good, the free allocation an EU
//! producer still receives: `CBAM factor × CSCF × benchmark`. The Annex of
//! IR 2025/2620 gives two benchmarks per CN code:
//!
//! - **column A**, the process step alone, used with actual data (the
//!   precursors then bring their own adjustment);
//! - **column B**, the good with its precursors, used with default values,
//!   for the production route Annex I of the default values gives for the
//!   country of origin.
//!
//! Values may differ by route (A grey / B white clinker; C, D, E carbon
//! steel by BF/BOF, DRI/EAF, scrap/EAF; F, G, H low-alloy steel by the same
//! routes; J high-alloy steel; K primary, L secondary aluminium) and by
//! production years (2026–27, 2028–30). Where several alloy grades are
//! given for the code, the highest value of the production year is used
//! (Annex point 5.1). The benchmarks are provisional: the Regulation
//! foresees their revision for goods imported from 2027.
//!
//! ```
//! use carbonbook_core::cbam::{benchmark, BenchmarkColumn};
//! use carbonbook_core::dec;
//!
//! // Hot-rolled flat steel by BF/BOF, with its precursors: 1.370 t CO2e/t.
//! let b = benchmark(&"7208 51 20".parse()?, BenchmarkColumn::WithPrecursors, &['C'], 2026)?;
//! assert_eq!(b.value, dec!(1.37));
//! // The rolling step alone, any route: 0.044.
//! let a = benchmark(&"7208 51 20".parse()?, BenchmarkColumn::ProcessStep, &[], 2026)?;
//! assert_eq!(a.value, dec!(0.044));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

use super::CnCode;
use super::benchmarks_data::BENCHMARKS;
use crate::factors::{Confirmation, Source};

/// The production years a benchmark applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Years {
    /// 2026 to 2030: the workbook makes no distinction.
    All,
    /// Production years 2026 and 2027 (the workbook's "(1)").
    Y2026To2027,
    /// Production years 2028 to 2030 (the workbook's "(2)").
    Y2028To2030,
}

impl Years {
    /// The key: `all`, `2026-2027` or `2028-2030`.
    ///
    /// ```
    /// use carbonbook_core::cbam::Years;
    /// assert_eq!(Years::Y2028To2030.key(), "2028-2030");
    /// ```
    pub const fn key(self) -> &'static str {
        match self {
            Years::All => "all",
            Years::Y2026To2027 => "2026-2027",
            Years::Y2028To2030 => "2028-2030",
        }
    }

    fn of(year: i32) -> Option<Years> {
        match year {
            2026 | 2027 => Some(Years::Y2026To2027),
            2028..=2030 => Some(Years::Y2028To2030),
            _ => None,
        }
    }
}

/// Which column of the Annex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkColumn {
    /// Column A: the process step alone (actual data).
    ProcessStep,
    /// Column B: including the precursors (default values).
    WithPrecursors,
}

impl BenchmarkColumn {
    /// The column's letter in the Annex.
    pub const fn letter(self) -> char {
        match self {
            BenchmarkColumn::ProcessStep => 'A',
            BenchmarkColumn::WithPrecursors => 'B',
        }
    }
}

/// One row of the data file.
#[derive(Debug, Clone, Copy)]
pub(super) struct BenchmarkRow {
    code: &'static str,
    route: Option<char>,
    years: Years,
    a: Option<Decimal>,
    b: Option<Decimal>,
}

/// A row of the data file.
pub(super) const fn bm(
    code: &'static str,
    route: Option<char>,
    years: Years,
    a: Option<Decimal>,
    b: Option<Decimal>,
) -> BenchmarkRow {
    BenchmarkRow { code, route, years, a, b }
}

impl BenchmarkRow {
    fn value(&self, column: BenchmarkColumn) -> Option<Decimal> {
        match column {
            BenchmarkColumn::ProcessStep => self.a,
            BenchmarkColumn::WithPrecursors => self.b,
        }
    }
}

/// A benchmark read from the Annex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Benchmark {
    /// The 8-digit CN code of the Annex's row.
    pub cn_code: &'static str,
    /// The column.
    pub column: BenchmarkColumn,
    /// The route of the value used (`None`: the Annex makes no distinction).
    pub route: Option<char>,
    /// The production years of the value used.
    pub years: Years,
    /// t CO2e per tonne of good.
    pub value: Decimal,
}

/// Why no benchmark could be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BenchmarkError {
    /// The Annex applies to production years 2026 to 2030.
    #[error("the benchmarks of IR (EU) 2025/2620 apply to production years 2026 to 2030, not {year}")]
    Year {
        /// The year asked for.
        year: i32,
    },
    /// No row for the code.
    #[error("the Annex of IR (EU) 2025/2620 gives no benchmark for CN {code}")]
    NotListed {
        /// The code.
        code: String,
    },
    /// A heading over codes of different benchmarks.
    #[error("CN {code} covers codes of different benchmarks in the Annex of IR (EU) 2025/2620: give the 8-digit code")]
    Heading {
        /// The code.
        code: String,
    },
    /// The value depends on a route that is not known or not listed.
    #[error("the column {column} benchmark of CN {code} depends on the production route ({available}){}", if .asked.is_empty() { String::new() } else { format!(", and the route {} is not among them", .asked) })]
    Route {
        /// The code.
        code: String,
        /// The column's letter.
        column: char,
        /// The routes asked for (`C`, `C/F`), or empty.
        asked: String,
        /// The routes the Annex lists for the code.
        available: String,
    },
}

/// The benchmark of a good: `column` of the Annex for one of `routes` (the
/// highest where several apply; any when empty and the code has one value)
/// and the production `year`.
///
/// ```
/// use carbonbook_core::cbam::{benchmark, BenchmarkColumn, BenchmarkError};
/// use carbonbook_core::dec;
///
/// // Low-alloy bars 7224 10 10 by BF/BOF: 1.807 in 2026–27, 1.640 in 2028–30.
/// let code = "7224 10 10".parse()?;
/// assert_eq!(benchmark(&code, BenchmarkColumn::WithPrecursors, &['F'], 2027)?.value, dec!(1.807));
/// assert_eq!(benchmark(&code, BenchmarkColumn::WithPrecursors, &['F'], 2028)?.value, dec!(1.64));
/// // Without a route the value is not determined.
/// assert!(matches!(
///     benchmark(&code, BenchmarkColumn::WithPrecursors, &[], 2027),
///     Err(BenchmarkError::Route { .. })
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn benchmark(
    code: &CnCode,
    column: BenchmarkColumn,
    routes: &[char],
    year: i32,
) -> Result<Benchmark, BenchmarkError> {
    let years = Years::of(year).ok_or(BenchmarkError::Year { year })?;
    let digits = code.digits();
    if digits.len() >= 8 {
        return of_code(code.cn8(), column, routes, years, code);
    }
    // A heading: served when every code under it gives the same value.
    let mut codes: Vec<&'static str> = under(digits).iter().map(|r| r.code).collect();
    codes.dedup();
    let mut found: Option<Benchmark> = None;
    for c in codes {
        let b = of_code(c, column, routes, years, code)?;
        match &found {
            Some(f) if f.value != b.value => return Err(BenchmarkError::Heading { code: code.spaced() }),
            Some(_) => {}
            None => found = Some(b),
        }
    }
    found.ok_or_else(|| BenchmarkError::NotListed { code: code.spaced() })
}

/// The rows whose code starts with `prefix`: a run of the table, which is
/// sorted by code.
fn under(prefix: &str) -> &'static [BenchmarkRow] {
    let start = BENCHMARKS.partition_point(|r| r.code < prefix);
    let len = BENCHMARKS[start..].partition_point(|r| r.code.starts_with(prefix));
    &BENCHMARKS[start..start + len]
}

fn of_code(
    key: &str,
    column: BenchmarkColumn,
    routes: &[char],
    years: Years,
    code: &CnCode,
) -> Result<Benchmark, BenchmarkError> {
    let rows: Vec<&BenchmarkRow> = under(key).iter().filter(|r| r.code == key && r.value(column).is_some()).collect();
    if rows.is_empty() {
        return Err(BenchmarkError::NotListed { code: code.spaced() });
    }
    // The most specific row for a route: its own years, then all years; a
    // row without a route serves every route.
    let pick = |route: Option<char>| -> Option<&BenchmarkRow> {
        [(route, years), (route, Years::All), (None, years), (None, Years::All)]
            .into_iter()
            .find_map(|(r, y)| rows.iter().copied().find(|row| row.route == r && row.years == y))
    };
    let listed: Vec<char> = {
        let mut v: Vec<char> = rows.iter().filter_map(|r| r.route).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let candidates: Vec<&BenchmarkRow> = if routes.is_empty() {
        match pick(None) {
            Some(r) => vec![r],
            // No route-free value: one only if every route agrees.
            None => listed.iter().filter_map(|&r| pick(Some(r))).collect(),
        }
    } else {
        routes.iter().filter_map(|&r| pick(Some(r))).collect()
    };
    let route_error = || BenchmarkError::Route {
        code: code.spaced(),
        column: column.letter(),
        asked: routes.iter().map(char::to_string).collect::<Vec<_>>().join("/"),
        available: listed.iter().map(char::to_string).collect::<Vec<_>>().join(", "),
    };
    if candidates.is_empty() {
        return Err(route_error());
    }
    if routes.is_empty() && candidates.windows(2).any(|w| w[0].value(column) != w[1].value(column)) {
        return Err(route_error());
    }
    // Several alloy grades: the highest value (Annex point 5.1).
    let best = candidates.iter().max_by_key(|r| r.value(column)).copied().ok_or_else(route_error)?;
    Ok(Benchmark {
        cn_code: best.code,
        column,
        route: best.route,
        years: best.years,
        value: best.value(column).unwrap_or_default(),
    })
}

/// Where [`benchmark`] comes from.
pub fn benchmarks_source() -> Source {
    Source {
        document: "Commission Implementing Regulation (EU) 2025/2620 (free-allocation adjustment under CBAM), Annex point 5".to_owned(),
        edition: "the Commission's workbook of the benchmarks, version of 6 February 2026 (provisional; revised for imports from 2027)".to_owned(),
        table: "CBAM benchmarks per CN code: column A (process step) and column B (including precursors), by route and production years".to_owned(),
        published: Some(2025),
        confirmation: Confirmation::Transcribed,
    }
}

/// The cross-sectoral correction factor of `year`: 1 (100 %) for 2026 to
/// 2030. `None` for other years: later values are not yet set.
///
/// ```
/// use carbonbook_core::{cbam::cross_sectoral_correction_factor, dec};
/// assert_eq!(cross_sectoral_correction_factor(2026), Some(dec!(1)));
/// assert_eq!(cross_sectoral_correction_factor(2031), None);
/// ```
pub fn cross_sectoral_correction_factor(year: i32) -> Option<Decimal> {
    (2026..=2030).contains(&year).then_some(dec!(1))
}

/// Where [`cross_sectoral_correction_factor`] comes from.
pub fn cscf_source() -> Source {
    Source {
        document: "Commission Implementing Decision (EU) 2026/1862 (cross-sectoral correction factor, Directive 2003/87/EC Art. 10a(5))".to_owned(),
        edition: "23 July 2026, as cited by the Commission's CBAM Guidance Document 4 (Table 2-1)".to_owned(),
        table: "CSCF 100 % for each year 2026 to 2030".to_owned(),
        published: Some(2026),
        confirmation: Confirmation::Secondary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn(s: &str) -> CnCode {
        s.parse().unwrap()
    }

    // Values of the Annex of IR (EU) 2025/2620 (the Commission's workbook of
    // 6 February 2026), each also quoted by a secondary source.
    #[test]
    fn published_values() {
        use BenchmarkColumn::{ProcessStep as A, WithPrecursors as B};
        let v = |c: &str, col, routes: &[char], y| benchmark(&cn(c), col, routes, y).unwrap().value;
        assert_eq!(v("2804 10 00", A, &[], 2026), dec!(5.089)); // hydrogen, both columns
        assert_eq!(v("2804 10 00", B, &[], 2026), dec!(5.089));
        assert_eq!(v("3102 10 19", B, &[], 2026), dec!(0.902)); // urea
        assert_eq!(v("3102 10 19", A, &[], 2026), dec!(0.053));
        assert_eq!(v("3102 30 90", B, &[], 2026), dec!(0.767)); // ammonium nitrate
        assert_eq!(v("2523 29 00", B, &[], 2026), dec!(0.666)); // grey Portland cement
        assert_eq!(v("2523 29 00", A, &[], 2026), dec!(0));
        assert_eq!(v("7601 10 10", B, &['K'], 2026), dec!(1.423)); // primary aluminium
        assert_eq!(v("7601 10 10", B, &['L'], 2026), dec!(0.091)); // secondary
        assert_eq!(v("2601 12 00", B, &[], 2026), dec!(0.086)); // sintered ore
        // Hot-rolled flat: BF/BOF 1.370, DRI/EAF 0.481, scrap/EAF 0.072.
        assert_eq!(v("7208 10 00", B, &['C'], 2029), dec!(1.37));
        assert_eq!(v("7208 10 00", B, &['D'], 2029), dec!(0.481));
        assert_eq!(v("7208 10 00", B, &['E'], 2029), dec!(0.072));
        // Either of two routes: the higher.
        assert_eq!(v("7208 10 00", B, &['C', 'E'], 2026), dec!(1.37));
    }

    #[test]
    fn what_cannot_be_read_is_an_error() {
        let b = |c: &str, routes: &[char], y| benchmark(&cn(c), BenchmarkColumn::WithPrecursors, routes, y);
        assert_eq!(b("7208 10 00", &['C'], 2031), Err(BenchmarkError::Year { year: 2031 }));
        assert!(matches!(b("7208 10 00", &[], 2026), Err(BenchmarkError::Route { .. })));
        assert!(matches!(b("7208 10 00", &['K'], 2026), Err(BenchmarkError::Route { .. })));
        assert!(matches!(b("2716 00 00", &[], 2026), Err(BenchmarkError::NotListed { .. })));
        // 2523 covers clinker and cements of different benchmarks.
        assert!(matches!(b("2523", &['A'], 2026), Err(BenchmarkError::Heading { .. })));
    }

    #[test]
    fn the_table_is_sorted_by_code() {
        // `under` finds a code's rows by binary search.
        assert!(BENCHMARKS.windows(2).all(|w| w[0].code <= w[1].code));
        assert_eq!(under("7208").len(), BENCHMARKS.iter().filter(|r| r.code.starts_with("7208")).count());
    }

    #[test]
    fn every_code_of_the_annex_is_a_cbam_good() {
        for r in BENCHMARKS {
            assert!(r.code.len() == 8 && r.code.parse::<CnCode>().is_ok(), "{}", r.code);
            assert!(r.a.is_some() || r.b.is_some(), "{}", r.code);
        }
    }
}
