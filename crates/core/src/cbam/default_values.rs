//! The default values an importer uses when the installation's actual data
//! are missing: IR (EU) 2025/2621 Annex I as replaced by IR (EU) 2026/1740,
//! t CO2e per tonne of good, before the mark-up of the year
//! ([`markup`](super::markup)).
//!
//! Annex I has one sheet per country of origin and a sheet "Other countries
//! and territories". carbonbook holds two of them: **China** (where its
//! users export from) and **Other countries and territories**. Every other
//! country's value is a book's input (`CBAM imports.default_value`).
//!
//! A value is found for a CN code by the most specific row of the sheet
//! that contains it (a row for heading 7208 serves 7208 51 20). A code above
//! several rows (8-digit 2523 10 00 over the TARIC codes of white and grey
//! clinker) is served only when those rows agree; otherwise the code is
//! ambiguous and the book must say which. Where the sheet gives no value for
//! a good (China: DRI, 7203) there is none: carbonbook does not take
//! another sheet's row in its place.
//!
//! ```
//! use carbonbook_core::cbam::{default_value, DefaultSheet};
//! use carbonbook_core::dec;
//!
//! // Hot-rolled flat steel from China: 3.187 t CO2e / t, route C (BF/BOF);
//! // iron and steel is in Annex II, so there is no indirect part.
//! let v = default_value(DefaultSheet::China, &"7208 51 20".parse()?)?;
//! assert_eq!((v.total, v.indirect, v.route), (dec!(3.187), None, Some("C")));
//! assert_eq!(v.row_code, "7208");
//! // Grey Portland cement: direct 1.35 + indirect 0.07 = 1.42.
//! let c = default_value(DefaultSheet::China, &"2523 29 00".parse()?)?;
//! assert_eq!((c.direct, c.indirect, c.total), (dec!(1.35), Some(dec!(0.07)), dec!(1.42)));
//! assert_eq!(DefaultSheet::for_origin("中国"), Some(DefaultSheet::China));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::Serialize;

use super::CnCode;
use super::default_values_data::{CHINA, OTHER};
use crate::factors::{Confirmation, Source};

/// One row of a sheet of Annex I (the data file's shape).
#[derive(Debug, Clone, Copy)]
pub(super) struct DefaultRow {
    code: &'static str,
    direct: Decimal,
    indirect: Option<Decimal>,
    total: Decimal,
    route: Option<&'static str>,
}

/// A row of the data file.
pub(super) const fn row(
    code: &'static str,
    direct: Decimal,
    indirect: Option<Decimal>,
    total: Decimal,
    route: Option<&'static str>,
) -> DefaultRow {
    DefaultRow { code, direct, indirect, total, route }
}

/// The sheet of Annex I a default value is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultSheet {
    /// The sheet "China".
    China,
    /// The sheet "Other countries and territories".
    OtherCountries,
}

impl DefaultSheet {
    /// The sheet for a country of origin as a book writes it: `CN`, `CHN`,
    /// `China`, `中国` …; `other`, `Other countries and territories`,
    /// `其他国家和地区` for an origin Annex I has no sheet of (the book says
    /// so). `None` for any other country: carbonbook does not hold its sheet.
    ///
    /// ```
    /// use carbonbook_core::cbam::DefaultSheet;
    /// assert_eq!(DefaultSheet::for_origin(" cn "), Some(DefaultSheet::China));
    /// assert_eq!(DefaultSheet::for_origin("People's Republic of China"), Some(DefaultSheet::China));
    /// assert_eq!(DefaultSheet::for_origin("Other countries and territories"), Some(DefaultSheet::OtherCountries));
    /// assert_eq!(DefaultSheet::for_origin("Ｃｈｉｎａ"), Some(DefaultSheet::China));
    /// assert_eq!(DefaultSheet::for_origin("IN"), None);
    /// ```
    pub fn for_origin(origin: &str) -> Option<DefaultSheet> {
        // Full-width letters (Ｃｈｉｎａ, from a Chinese input method) read as ASCII.
        let o = crate::units::fold(origin);
        match o.as_str() {
            "cn"
            | "chn"
            | "china"
            | "people's republic of china"
            | "peoples republic of china"
            | "pr china"
            | "p.r. china"
            | "中国"
            | "中华人民共和国" => Some(DefaultSheet::China),
            "other" | "others" | "other countries" | "other countries and territories" | "其他国家和地区" => {
                Some(DefaultSheet::OtherCountries)
            }
            _ => None,
        }
    }

    /// The sheet's name in Annex I.
    pub const fn name(self) -> &'static str {
        match self {
            DefaultSheet::China => "China",
            DefaultSheet::OtherCountries => "Other countries and territories",
        }
    }

    /// The sheet's name in Chinese.
    pub const fn name_zh(self) -> &'static str {
        match self {
            DefaultSheet::China => "中国",
            DefaultSheet::OtherCountries => "其他国家和地区",
        }
    }

    fn rows(self) -> &'static [DefaultRow] {
        match self {
            DefaultSheet::China => CHINA,
            DefaultSheet::OtherCountries => OTHER,
        }
    }
}

/// A default value read from Annex I, with the row it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefaultValue {
    /// The sheet.
    pub sheet: DefaultSheet,
    /// The code of the row used (a heading, an 8-digit or a TARIC code).
    pub row_code: &'static str,
    /// Direct emissions, t CO2e / t.
    pub direct: Decimal,
    /// Indirect emissions, t CO2e / t (none for the goods of Annex II).
    pub indirect: Option<Decimal>,
    /// Total emissions, t CO2e / t: the value the mark-up applies to.
    pub total: Decimal,
    /// The route indicator, which selects the CBAM benchmark (A grey
    /// clinker, B white clinker, C BF/BOF, F low-alloy steel via BF/BOF,
    /// K primary aluminium; `C/F` either).
    pub route: Option<&'static str>,
}

impl DefaultValue {
    /// The route indicators of the row, one letter each (`C/F` → `C`, `F`),
    /// as [`benchmark`](super::benchmark) takes them; none without a route.
    ///
    /// ```
    /// use carbonbook_core::cbam::{default_value, DefaultSheet};
    /// let v = default_value(DefaultSheet::China, &"7205 10 00".parse()?)?;
    /// assert_eq!(v.routes(), ['C', 'F']);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn routes(&self) -> Vec<char> {
        self.route.map(|r| r.split('/').filter_map(|p| p.trim().chars().next()).collect()).unwrap_or_default()
    }
}

/// Why no default value could be read for a code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefaultValueError {
    /// The sheet has no row for the code.
    #[error("Annex I of IR (EU) 2025/2621 (as replaced by 2026/1740) gives no default value for CN {code} on the sheet \"{sheet}\"", sheet = .sheet.name())]
    NotGiven {
        /// The sheet.
        sheet: DefaultSheet,
        /// The code looked up.
        code: String,
    },
    /// The code is above rows with different values.
    #[error("CN {code} covers rows of Annex I with different default values ({rows}): give the code of one of them", rows = .rows.join(", "))]
    Ambiguous {
        /// The code looked up.
        code: String,
        /// The codes of the rows it covers.
        rows: Vec<&'static str>,
    },
}

/// The default value of a good on a sheet of Annex I (see the module's
/// docs for how a row is found).
///
/// ```
/// use carbonbook_core::cbam::{default_value, DefaultSheet, DefaultValueError};
///
/// // 2523 10 00 is white clinker (…10, 1.30) or grey (…90, 1.39).
/// let e = default_value(DefaultSheet::China, &"2523 10 00".parse()?).unwrap_err();
/// assert!(matches!(e, DefaultValueError::Ambiguous { .. }));
/// // The China sheet gives no value for direct reduced iron.
/// let e = default_value(DefaultSheet::China, &"7203 10 00".parse()?).unwrap_err();
/// assert!(matches!(e, DefaultValueError::NotGiven { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn default_value(sheet: DefaultSheet, code: &CnCode) -> Result<DefaultValue, DefaultValueError> {
    let digits = code.digits();
    let rows = sheet.rows();
    let found = |r: &DefaultRow| DefaultValue {
        sheet,
        row_code: r.code,
        direct: r.direct,
        indirect: r.indirect,
        total: r.total,
        route: r.route,
    };
    // The most specific row containing the code.
    if let Some(r) = rows.iter().filter(|r| digits.starts_with(r.code)).max_by_key(|r| r.code.len()) {
        return Ok(found(r));
    }
    // A heading above rows: served when they all agree.
    let below: Vec<&DefaultRow> = rows.iter().filter(|r| r.code.starts_with(digits)).collect();
    match below.split_first() {
        None => Err(DefaultValueError::NotGiven { sheet, code: code.spaced() }),
        Some((first, rest)) => {
            let same = |r: &&DefaultRow| {
                (r.direct, r.indirect, r.total, r.route) == (first.direct, first.indirect, first.total, first.route)
            };
            if rest.iter().all(same) {
                Ok(found(first))
            } else {
                Err(DefaultValueError::Ambiguous { code: code.spaced(), rows: below.iter().map(|r| r.code).collect() })
            }
        }
    }
}

/// Where [`default_value`] comes from.
pub fn default_values_source() -> Source {
    Source {
        document: "Commission Implementing Regulation (EU) 2025/2621 (CBAM default values), Annex I as replaced by Implementing Regulation (EU) 2026/1740".to_owned(),
        edition: "the Commission's workbook of the values, version 2 of 6 August 2026".to_owned(),
        table: "Annex I, sheets \"China\" and \"Other countries and territories\" (direct, indirect, total; before the mark-up)".to_owned(),
        published: Some(2026),
        confirmation: Confirmation::Transcribed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn cn(s: &str) -> CnCode {
        s.parse().unwrap()
    }

    // Values from the Commission's workbook of IR 2025/2621 Annex I as
    // replaced by IR 2026/1740, sheet "China" unless named.
    #[test]
    fn published_rows() {
        let china = |c: &str| default_value(DefaultSheet::China, &cn(c)).unwrap();
        let other = |c: &str| default_value(DefaultSheet::OtherCountries, &cn(c)).unwrap();
        assert_eq!(china("2804 10 00").total, dec!(26.64)); // hydrogen
        assert_eq!(other("2804 10 00").total, dec!(17.74));
        let ammonia = china("2814 10 00");
        assert_eq!((ammonia.direct, ammonia.indirect, ammonia.total), (dec!(4.17), Some(dec!(0.19)), dec!(4.36)));
        assert_eq!(china("7601 10 00").total, dec!(3)); // unwrought aluminium, heading 7601
        assert_eq!(china("7601 10 00").route, Some("K"));
        assert_eq!(other("7203 10 00").total, dec!(1.325)); // DRI
        assert_eq!(china("7206 10 00").total, dec!(1.74));
        assert_eq!(other("7206 10 00").total, dec!(3.75));
        assert_eq!(china("7205 10 00").route, Some("C/F"));
        assert_eq!(china("2523 10 00 90").total, dec!(1.39)); // grey clinker
        assert_eq!(china("2523 10 00 10").total, dec!(1.3)); // white clinker
    }

    #[test]
    fn headings_and_ambiguity() {
        // 7208 is a row of its own: every 7208 code takes it.
        assert_eq!(default_value(DefaultSheet::China, &cn("7208")).unwrap().row_code, "7208");
        // 7326 11 00 … 7326 90 98 all read 3.076 on the China sheet: the heading is served.
        let h = default_value(DefaultSheet::China, &cn("7326")).unwrap();
        assert_eq!(h.total, dec!(3.076));
        // 2523 covers clinker and cements of different values.
        assert!(matches!(
            default_value(DefaultSheet::China, &cn("2523")),
            Err(DefaultValueError::Ambiguous { rows, .. }) if rows.len() > 2
        ));
    }

    #[test]
    fn every_row_is_consistent() {
        for sheet in [DefaultSheet::China, DefaultSheet::OtherCountries] {
            for r in sheet.rows() {
                let code = cn(r.code);
                // Annex II goods have no indirect part; the others have one.
                assert_eq!(r.indirect.is_some(), code.counts_indirect(), "{} {}", sheet.name(), r.code);
                // The total is direct + indirect, rounded in the workbook to its places.
                let sum = r.direct + r.indirect.unwrap_or_default();
                assert!((sum - r.total).abs() <= dec!(0.011), "{} {}", sheet.name(), r.code);
                assert!(r.total > Decimal::ZERO);
            }
            // One row per code.
            let mut codes: Vec<_> = sheet.rows().iter().map(|r| r.code).collect();
            codes.sort_unstable();
            let n = codes.len();
            codes.dedup();
            assert_eq!(codes.len(), n, "{}", sheet.name());
        }
    }
}
