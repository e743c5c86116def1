//! The vocabulary of CBAM goods: categories, CN codes and the Annex I and
//! Annex II lists of Regulation (EU) 2023/956 (as amended by Regulation (EU)
//! 2025/2083).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A sector of Annex I of Regulation (EU) 2023/956.
///
/// ```
/// use carbonbook_core::cbam::Category;
/// assert_eq!("iron_steel".parse::<Category>(), Ok(Category::IronSteel));
/// assert_eq!("水泥".parse::<Category>(), Ok(Category::Cement));
/// assert!("copper".parse::<Category>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Cement (CN 2507 00 80, 2523).
    Cement,
    /// Iron and steel (CN 2601 12 00, chapter 72 with exceptions, 7301–7311, 7318, 7326).
    IronSteel,
    /// Aluminium (CN 7601, 7603–7614, 7616).
    Aluminium,
    /// Fertilisers (CN 2808 00 00, 2814, 2834 21 00, 3102, 3105 except 3105 60 00).
    Fertilisers,
    /// Hydrogen (CN 2804 10 00).
    Hydrogen,
    /// Electricity (CN 2716 00 00).
    Electricity,
}

impl Category {
    /// Every category, in contract order.
    pub const ALL: [Category; 6] = [
        Category::Cement,
        Category::IronSteel,
        Category::Aluminium,
        Category::Fertilisers,
        Category::Hydrogen,
        Category::Electricity,
    ];

    /// The contract's key (`iron_steel`).
    pub const fn key(self) -> &'static str {
        match self {
            Category::Cement => "cement",
            Category::IronSteel => "iron_steel",
            Category::Aluminium => "aluminium",
            Category::Fertilisers => "fertilisers",
            Category::Hydrogen => "hydrogen",
            Category::Electricity => "electricity",
        }
    }

    /// The Chinese name (水泥, 钢铁, …).
    pub const fn name_zh(self) -> &'static str {
        match self {
            Category::Cement => "水泥",
            Category::IronSteel => "钢铁",
            Category::Aluminium => "铝",
            Category::Fertilisers => "化肥",
            Category::Hydrogen => "氢",
            Category::Electricity => "电力",
        }
    }

    /// Whether the category's goods count towards the 50 t de minimis
    /// threshold (Art. 2a as inserted by Regulation (EU) 2025/2083: iron
    /// and steel, aluminium, fertilisers and cement; electricity and
    /// hydrogen are excluded from the sum and never exempt).
    pub const fn in_de_minimis(self) -> bool {
        !matches!(self, Category::Electricity | Category::Hydrogen)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Text that is not a CBAM category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "expected a CBAM category: cement, iron_steel, aluminium, fertilisers, hydrogen or electricity; found \"{found}\""
)]
pub struct CategoryError {
    /// The text found.
    pub found: String,
}

impl FromStr for Category {
    type Err = CategoryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase().replace([' ', '-'], "_");
        Ok(match t.as_str() {
            "cement" | "水泥" => Category::Cement,
            "iron_steel" | "iron_and_steel" | "steel" | "钢铁" | "钢铁产品" => Category::IronSteel,
            "aluminium" | "aluminum" | "铝" | "铝产品" => Category::Aluminium,
            "fertilisers" | "fertilizers" | "fertiliser" | "fertilizer" | "化肥" => Category::Fertilisers,
            "hydrogen" | "氢" | "氢气" => Category::Hydrogen,
            "electricity" | "电力" | "电" => Category::Electricity,
            _ => return Err(CategoryError { found: s.to_owned() }),
        })
    }
}

/// A Combined Nomenclature code of a good listed in Annex I of Regulation
/// (EU) 2023/956: 8 digits, or a 4- or 6-digit heading wholly inside the
/// annex. Spaces, dots and hyphens are ignored.
///
/// ```
/// use carbonbook_core::cbam::{Category, CnCode};
/// let c: CnCode = "7208 51 20".parse()?;
/// assert_eq!(c.digits(), "72085120");
/// assert_eq!(c.category(), Category::IronSteel);
/// assert!(!c.counts_indirect());
/// assert!("2523 29 00".parse::<CnCode>()?.counts_indirect());
/// assert!("7204 10 00".parse::<CnCode>().is_err()); // scrap: excluded from Annex I
/// assert!("0101 21 00".parse::<CnCode>().is_err());
/// # Ok::<(), carbonbook_core::cbam::CnCodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CnCode {
    digits: String,
    category: Category,
}

impl CnCode {
    /// The digits (`72085120`).
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The code at the Combined Nomenclature's level: a TARIC code's first 8
    /// digits, any other code as it is.
    ///
    /// ```
    /// use carbonbook_core::cbam::CnCode;
    /// let clinker: CnCode = "2523 10 00 90".parse()?;
    /// assert_eq!(clinker.cn8(), "25231000");
    /// # Ok::<(), carbonbook_core::cbam::CnCodeError>(())
    /// ```
    pub fn cn8(&self) -> &str {
        &self.digits[..self.digits.len().min(8)]
    }

    /// The Annex I sector of the code.
    pub fn category(&self) -> Category {
        self.category
    }

    /// Whether indirect emissions count for this good: the goods Annex II of
    /// Regulation (EU) 2023/956 does not list (cement, fertilisers and
    /// agglomerated iron ore, CN 2601 12 00). Art. 7(1) and Annex II.
    pub fn counts_indirect(&self) -> bool {
        matches!(self.category, Category::Cement | Category::Fertilisers) || self.digits.starts_with("260112")
    }

    /// The code in the tariff's grouping, `7208 51 20`.
    pub fn spaced(&self) -> String {
        let d = &self.digits;
        match d.len() {
            10 => format!("{} {} {} {}", &d[..4], &d[4..6], &d[6..8], &d[8..]),
            8 => format!("{} {} {}", &d[..4], &d[4..6], &d[6..]),
            6 => format!("{} {}", &d[..4], &d[4..]),
            _ => d.clone(),
        }
    }
}

impl fmt::Display for CnCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spaced())
    }
}

impl From<CnCode> for String {
    fn from(c: CnCode) -> String {
        c.digits
    }
}

impl TryFrom<String> for CnCode {
    type Error = CnCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// Text that is not a CN code of a CBAM good.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CnCodeError {
    /// Not 4, 6, 8 or 10 digits.
    #[error(
        "expected a CN code of 8 digits (or a 4- or 6-digit heading, or a 10-digit TARIC code), such as 7208 51 20; found \"{found}\""
    )]
    Form {
        /// The text found.
        found: String,
    },
    /// A code outside Annex I.
    #[error(
        "CN {found} is not a good of Annex I of Regulation (EU) 2023/956 (cement 2507 00 80, 2523; iron and steel 2601 12 00, 72 except the listed ferro-alloys and 7204, 7301–7311, 7318, 7326; aluminium 7601, 7603–7614, 7616; fertilisers 2808 00 00, 2814, 2834 21 00, 3102, 3105 except 3105 60 00; hydrogen 2804 10 00; electricity 2716 00 00)"
    )]
    OutsideAnnex {
        /// The code found.
        found: String,
    },
    /// A heading only partly inside Annex I.
    #[error(
        "CN {found} is only partly in Annex I of Regulation (EU) 2023/956 (some of its codes are excluded): give the 8-digit code"
    )]
    Partial {
        /// The code found.
        found: String,
    },
}

/// Annex I of Regulation (EU) 2023/956 as amended by Regulation (EU)
/// 2025/2083: code prefixes included, per sector. Transcriptions of the
/// consolidated text (EUR-Lex CELEX 02023R0956-20251020) agree (grade C).
const ANNEX_I: &[(&str, Category)] = &[
    ("25070080", Category::Cement),
    ("2523", Category::Cement),
    ("27160000", Category::Electricity),
    ("28080000", Category::Fertilisers),
    ("2814", Category::Fertilisers),
    ("28342100", Category::Fertilisers),
    ("3102", Category::Fertilisers),
    ("3105", Category::Fertilisers),
    ("26011200", Category::IronSteel),
    ("72", Category::IronSteel),
    ("7301", Category::IronSteel),
    ("7302", Category::IronSteel),
    ("7303", Category::IronSteel),
    ("7304", Category::IronSteel),
    ("7305", Category::IronSteel),
    ("7306", Category::IronSteel),
    ("7307", Category::IronSteel),
    ("7308", Category::IronSteel),
    ("7309", Category::IronSteel),
    ("7310", Category::IronSteel),
    ("7311", Category::IronSteel),
    ("7318", Category::IronSteel),
    ("7326", Category::IronSteel),
    ("7601", Category::Aluminium),
    ("7603", Category::Aluminium),
    ("7604", Category::Aluminium),
    ("7605", Category::Aluminium),
    ("7606", Category::Aluminium),
    ("7607", Category::Aluminium),
    ("7608", Category::Aluminium),
    ("7609", Category::Aluminium),
    ("7610", Category::Aluminium),
    ("7611", Category::Aluminium),
    ("7612", Category::Aluminium),
    ("7613", Category::Aluminium),
    ("7614", Category::Aluminium),
    ("7616", Category::Aluminium),
    ("28041000", Category::Hydrogen),
];

/// Codes Annex I excepts from the prefixes above: the ferro-alloys of
/// 7202 listed under "72 – Iron and steel, Except:", ferrous scrap 7204,
/// and PK fertilisers 3105 60 00.
const EXCEPTED: &[&str] = &[
    "72022", "72023000", "72025000", "72027000", "72028000", "72029100", "72029200", "72029300", "720299", "7204",
    "31056000",
];

impl FromStr for CnCode {
    type Err = CnCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let t = t.strip_prefix("CN").or_else(|| t.strip_prefix("cn")).unwrap_or(t);
        let digits: String = t.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}')).collect();
        // 10 digits: a TARIC code, which Annex I of the default values uses
        // to tell white from grey clinker and hydraulic cement.
        if !matches!(digits.len(), 4 | 6 | 8 | 10) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CnCodeError::Form { found: s.to_owned() });
        }
        // A code in an excepted group is outside; a heading that contains an
        // excepted group is only partly inside.
        if EXCEPTED.iter().any(|e| digits.starts_with(e)) {
            return Err(CnCodeError::OutsideAnnex { found: s.trim().to_owned() });
        }
        let Some(&(_, category)) = ANNEX_I.iter().find(|(p, _)| digits.starts_with(p)) else {
            // A heading above an included code (`2804` for 2804 10 00).
            if ANNEX_I.iter().any(|(p, _)| p.starts_with(&digits)) {
                return Err(CnCodeError::Partial { found: s.trim().to_owned() });
            }
            return Err(CnCodeError::OutsideAnnex { found: s.trim().to_owned() });
        };
        if EXCEPTED.iter().any(|e| e.starts_with(&digits)) {
            return Err(CnCodeError::Partial { found: s.trim().to_owned() });
        }
        Ok(CnCode { digits, category })
    }
}

/// Where a precursor's figures come from (`CBAM precursors.source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataSource {
    /// Actual (measured, calculated) data of the producing installation.
    #[default]
    Actual,
    /// Default values.
    Default,
}

impl DataSource {
    /// The contract's key.
    pub const fn key(self) -> &'static str {
        match self {
            DataSource::Actual => "actual",
            DataSource::Default => "default",
        }
    }
}

impl fmt::Display for DataSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for DataSource {
    type Err = String;

    /// ```
    /// use carbonbook_core::cbam::DataSource;
    /// assert_eq!("实际".parse::<DataSource>(), Ok(DataSource::Actual));
    /// assert_eq!("Default".parse::<DataSource>(), Ok(DataSource::Default));
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "actual" | "measured" | "实际" | "实测" | "实际值" => Ok(DataSource::Actual),
            "default" | "默认" | "默认值" | "缺省值" => Ok(DataSource::Default),
            _ => Err(format!("expected actual or default, found \"{s}\"")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_i_codes_by_sector() {
        // Regulation (EU) 2023/956 Annex I, consolidated after 2025/2083.
        for (code, cat) in [
            ("2507 00 80", Category::Cement),
            ("2523 10 00", Category::Cement),
            ("2523", Category::Cement),
            ("2716 00 00", Category::Electricity),
            ("2808 00 00", Category::Fertilisers),
            ("2814 10 00", Category::Fertilisers),
            ("3102 10 10", Category::Fertilisers),
            ("3105 20 10", Category::Fertilisers),
            ("2601 12 00", Category::IronSteel),
            ("7201 10 11", Category::IronSteel),
            ("7202 11 20", Category::IronSteel), // ferro-manganese is not excepted
            ("7208 51 20", Category::IronSteel),
            ("7326 90 98", Category::IronSteel),
            ("7601 10 00", Category::Aluminium),
            ("7616 99 10", Category::Aluminium),
            ("2804 10 00", Category::Hydrogen),
        ] {
            assert_eq!(code.parse::<CnCode>().map(|c| c.category()), Ok(cat), "{code}");
        }
        for outside in
            ["7202 21 00", "7202 30 00", "7202 99 80", "7204 49 10", "3105 60 00", "7602 00 11", "7312 10 20"]
        {
            assert!(matches!(outside.parse::<CnCode>(), Err(CnCodeError::OutsideAnnex { .. })), "{outside}");
        }
        for partial in ["7202", "3105", "2804", "2601"] {
            assert!(matches!(partial.parse::<CnCode>(), Err(CnCodeError::Partial { .. })), "{partial}");
        }
        assert!(matches!("72085".parse::<CnCode>(), Err(CnCodeError::Form { .. })));
        assert!(matches!("252310001".parse::<CnCode>(), Err(CnCodeError::Form { .. })));
        // The TARIC code of grey clinker, as the default values' Annex I lists it.
        let clinker = "2523 10 00 90".parse::<CnCode>().unwrap();
        assert_eq!((clinker.category(), clinker.spaced()), (Category::Cement, "2523 10 00 90".to_owned()));
        assert!(matches!("abc".parse::<CnCode>(), Err(CnCodeError::Form { .. })));
    }

    #[test]
    fn annex_ii_decides_indirect() {
        // Annex II lists iron and steel (but not 2601 12 00), aluminium,
        // hydrogen and (since 2025/2083) electricity: direct only.
        let counts = |c: &str| c.parse::<CnCode>().unwrap().counts_indirect();
        assert!(counts("2523 29 00"));
        assert!(counts("3102 10 10"));
        assert!(counts("2601 12 00"));
        assert!(!counts("7208 51 20"));
        assert!(!counts("7601 10 00"));
        assert!(!counts("2804 10 00"));
        assert!(!counts("2716 00 00"));
    }
}
