//! Reporting periods: a calendar year or a month of one.
//!
//! Activity and production rows carry the period they describe; summaries
//! group by it and year-specific factors (grid factors) are chosen by its
//! year.
//!
//! ```
//! use carbonbook_core::period::Period;
//! let p: Period = "2024-03".parse()?;
//! assert_eq!(p, Period::Month { year: 2024, month: 3 });
//! assert_eq!(p.year(), 2024);
//! assert_eq!("2024".parse::<Period>()?, Period::Year(2024));
//! assert_eq!(p.to_string(), "2024-03");
//! # Ok::<(), carbonbook_core::period::PeriodError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A calendar year or one month of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Period {
    /// A whole calendar year.
    Year(i32),
    /// One month (1–12) of a year.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u8,
    },
}

impl Period {
    /// The calendar year the period falls in.
    pub const fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Month { year: y, .. } => y,
        }
    }

    /// A month, checked.
    ///
    /// # Errors
    ///
    /// [`PeriodError`] when `month` is not 1–12 or the year is outside 1900–9999.
    pub fn month(year: i32, month: u8) -> Result<Period, PeriodError> {
        if !(1..=12).contains(&month) || !(1900..=9999).contains(&year) {
            return Err(PeriodError { found: format!("{year}-{month:02}") });
        }
        Ok(Period::Month { year, month })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
        }
    }
}

/// Text that is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("period must be a year (2024) or a month (2024-03), found \"{found}\"")]
pub struct PeriodError {
    /// The text found.
    pub found: String,
}

impl FromStr for Period {
    type Err = PeriodError;

    /// Accepts `2024`, `2024-03`, `2024-3`, `2024/03`, `2024.03`, `2024年3月`, `2024年`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodError { found: s.to_owned() };
        let t = s.trim().trim_end_matches('月').trim_end_matches('年');
        let (y, m) = match t.split_once(['-', '/', '.', '年']) {
            Some((y, m)) => (y, Some(m)),
            None => (t, None),
        };
        let year: i32 = y.trim().parse().map_err(|_| err())?;
        if !(1900..=9999).contains(&year) || y.trim().len() != 4 {
            return Err(err());
        }
        match m {
            None => Ok(Period::Year(year)),
            Some(m) => {
                let month: u8 = m.trim().parse().map_err(|_| err())?;
                Period::month(year, month).map_err(|_| err())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!("2024/3".parse::<Period>().unwrap(), Period::Month { year: 2024, month: 3 });
        assert_eq!("2024年3月".parse::<Period>().unwrap(), Period::Month { year: 2024, month: 3 });
        assert_eq!("2024年".parse::<Period>().unwrap(), Period::Year(2024));
        for bad in ["24", "2024-13", "2024-00", "abc", "", "20245", "2024-"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }
}
