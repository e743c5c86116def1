//! Compliance deadlines and what falling short costs.
//!
//! * **CN-ETS**: allowances equal to verified emissions are due by 31
//!   December of the following year (two-year cycles at first: 2019–2020 by
//!   31 Dec 2021, 2021–2022 by 31 Dec 2023; 2023 by 31 Dec 2024 and 2024 by
//!   31 Dec 2025, 国环规气候〔2024〕1号 六; 2025 on by 31 Dec of the next
//!   year). Not surrendering costs a fine of **5 to 10 times** the average
//!   traded price of the month before the deadline per allowance short,
//!   and, if not corrected, next year's allocation is cut by the same
//!   number (《碳排放权交易管理暂行条例》, State Council Order 775, in force
//!   1 May 2024, Art. 24).
//! * **EU ETS**: surrender by 30 September of the following year from the
//!   2023 emissions on (30 April before); the excess-emissions penalty is
//!   EUR 100 per t, indexed, and the allowances are still owed (Directive
//!   2003/87/EC Art. 16(3)).
//!
//! ```
//! use carbonbook_core::trading::{penalty, Scheme};
//! use chrono::NaiveDate;
//! assert_eq!(penalty::deadline(Scheme::CnEts, 2020), NaiveDate::from_ymd_opt(2021, 12, 31));
//! assert_eq!(penalty::deadline(Scheme::CnEts, 2024), NaiveDate::from_ymd_opt(2025, 12, 31));
//! assert_eq!(penalty::deadline(Scheme::EuEts, 2024), NaiveDate::from_ymd_opt(2025, 9, 30));
//! assert_eq!(penalty::deadline(Scheme::EuEts, 2021), NaiveDate::from_ymd_opt(2022, 4, 30));
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::Scheme;
use crate::arithmetic::{self, ArithmeticError};

/// The last day to surrender allowances for a compliance year, if the
/// scheme had one that year.
pub fn deadline(scheme: Scheme, year: i32) -> Option<NaiveDate> {
    match scheme {
        Scheme::CnEts => match year {
            ..2019 => None,
            2019 | 2020 => NaiveDate::from_ymd_opt(2021, 12, 31),
            2021 | 2022 => NaiveDate::from_ymd_opt(2023, 12, 31),
            _ => NaiveDate::from_ymd_opt(year + 1, 12, 31),
        },
        Scheme::EuEts => match year {
            ..2005 => None,
            2005..2023 => NaiveDate::from_ymd_opt(year + 1, 4, 30),
            _ => NaiveDate::from_ymd_opt(year + 1, 9, 30),
        },
    }
}

/// The CN-ETS fine per allowance short, as multiples of the average price
/// of the month before the deadline (Order 775, Art. 24).
pub const CN_ETS_FINE_MULTIPLES: (Decimal, Decimal) = (dec!(5), dec!(10));

/// The CN-ETS fine for `shortfall_t` allowances not surrendered, at the
/// average price of the month before the deadline, as a range (low, high).
///
/// ```
/// use carbonbook_core::trading::penalty::cn_ets_fine;
/// use rust_decimal_macros::dec;
/// assert_eq!(cn_ets_fine(dec!(1000), dec!(62.36))?, (dec!(311800), dec!(623600)));
/// # Ok::<(), carbonbook_core::arithmetic::ArithmeticError>(())
/// ```
///
/// # Errors
///
/// On overflow.
pub fn cn_ets_fine(shortfall_t: Decimal, price: Decimal) -> Result<(Decimal, Decimal), ArithmeticError> {
    let per_t = arithmetic::mul(shortfall_t, price)?;
    Ok((arithmetic::mul(per_t, CN_ETS_FINE_MULTIPLES.0)?, arithmetic::mul(per_t, CN_ETS_FINE_MULTIPLES.1)?))
}
