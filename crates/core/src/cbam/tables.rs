//! The published CBAM values that are a rule of the year: the CBAM factor,
//! the mark-up on default values and the de minimis threshold. Each comes
//! with its source and grade (see `cbam/CBAM_NOTES.md`). The tables per CN
//! code are in [`default_values`](super::default_value) and
//! [`benchmarks`](super::benchmark); certificate prices are not held (a
//! book gives them).

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{Category, Quarter};
use crate::factors::{Confirmation, Source};

/// The first year of the definitive period (certificates are due for
/// imports from 1 January 2026).
pub const FIRST_YEAR: i32 = 2026;

/// The CBAM factor of `year`: the share of the EU ETS free allocation still
/// given, which multiplies the benchmark in the free-allocation adjustment.
/// 97.5 % in 2026, 95 % 2027, 90 % 2028, 77.5 % 2029, 51.5 % 2030, 39 % 2031,
/// 26.5 % 2032, 14 % 2033; 0 from 2034 (free allocation ends). `None` before
/// 2026.
///
/// ```
/// use carbonbook_core::{cbam::cbam_factor, dec};
/// assert_eq!(cbam_factor(2026), Some(dec!(0.975)));
/// assert_eq!(cbam_factor(2030), Some(dec!(0.515)));
/// assert_eq!(cbam_factor(2040), Some(dec!(0)));
/// assert_eq!(cbam_factor(2025), None);
/// ```
pub fn cbam_factor(year: i32) -> Option<Decimal> {
    Some(match year {
        ..=2025 => return None,
        2026 => dec!(0.975),
        2027 => dec!(0.95),
        2028 => dec!(0.90),
        2029 => dec!(0.775),
        2030 => dec!(0.515),
        2031 => dec!(0.39),
        2032 => dec!(0.265),
        2033 => dec!(0.14),
        _ => Decimal::ZERO,
    })
}

/// Where [`cbam_factor`] comes from.
pub fn cbam_factor_source() -> Source {
    Source {
        document: "Directive 2003/87/EC Art. 10a(1a), inserted by Directive (EU) 2023/959 (the CBAM factor of Regulation (EU) 2023/956 Art. 31 and IR (EU) 2025/2620)".to_owned(),
        edition: "consolidated text".to_owned(),
        table: "Art. 10a(1a), second subparagraph: 2026 97.5 %, 2027 95 %, 2028 90 %, 2029 77.5 %, 2030 51.5 %, 2031 39 %, 2032 26.5 %, 2033 14 %".to_owned(),
        published: Some(2023),
        confirmation: Confirmation::Transcribed,
    }
}

/// The mark-up on a default value of `year` for goods of `category`
/// (fraction): cement, iron and steel, aluminium and hydrogen +10 % in
/// 2026, +20 % in 2027, +30 % from 2028; fertilisers +1 %; electricity
/// none. `None` before 2026.
///
/// ```
/// use carbonbook_core::{cbam::{markup, Category}, dec};
/// assert_eq!(markup(2026, Category::IronSteel), Some(dec!(0.10)));
/// assert_eq!(markup(2031, Category::Cement), Some(dec!(0.30)));
/// assert_eq!(markup(2027, Category::Fertilisers), Some(dec!(0.01)));
/// assert_eq!(markup(2027, Category::Electricity), Some(dec!(0)));
/// ```
pub fn markup(year: i32, category: Category) -> Option<Decimal> {
    if year < FIRST_YEAR {
        return None;
    }
    Some(match category {
        Category::Fertilisers => dec!(0.01),
        Category::Electricity => Decimal::ZERO,
        Category::Cement | Category::IronSteel | Category::Aluminium | Category::Hydrogen => match year {
            2026 => dec!(0.10),
            2027 => dec!(0.20),
            _ => dec!(0.30),
        },
    })
}

/// Where [`markup`] comes from.
pub fn markup_source() -> Source {
    Source {
        document: "Commission Implementing Regulation (EU) 2025/2621 (default values), Annex I as replaced by Implementing Regulation (EU) 2026/1740".to_owned(),
        edition: "OJ L 31.12.2025; Annex I replaced 2026".to_owned(),
        table: "Annex I, opening text: mark-up 10 % (2026), 20 % (2027), 30 % (2028 onwards); fertilisers 1 %".to_owned(),
        published: Some(2025),
        confirmation: Confirmation::Transcribed,
    }
}

/// The price of CBAM certificates the Commission published for `year` and
/// `quarter` (EUR per t CO2e; the quarter's average auction price of EU ETS
/// allowances, IR (EU) 2025/2548). Held: Q1 2026, EUR 75.36, published
/// 7 April 2026. Later prices are a book's input until confirmed.
///
/// ```
/// use carbonbook_core::{cbam::{published_certificate_price, Quarter}, dec};
/// assert_eq!(published_certificate_price(2026, Quarter::new(1).unwrap()), Some(dec!(75.36)));
/// assert_eq!(published_certificate_price(2026, Quarter::new(3).unwrap()), None);
/// ```
pub fn published_certificate_price(year: i32, quarter: Quarter) -> Option<Decimal> {
    match (year, quarter.get()) {
        (2026, 1) => Some(dec!(75.36)),
        _ => None,
    }
}

/// Where [`published_certificate_price`] comes from.
pub fn certificate_price_source() -> Source {
    Source {
        document:
            "European Commission, price of CBAM certificates (Regulation (EU) 2023/956 Art. 21, IR (EU) 2025/2548)"
                .to_owned(),
        edition: "published 7 April 2026".to_owned(),
        table: "Q1 2026: EUR 75.36 per certificate".to_owned(),
        published: Some(2026),
        confirmation: Confirmation::Transcribed,
    }
}

/// The de minimis threshold: 50 t net mass per importer and calendar year
/// (Regulation (EU) 2023/956 Art. 2a, inserted by Regulation (EU) 2025/2083).
pub const DE_MINIMIS_T: Decimal = dec!(50);

/// Where [`DE_MINIMIS_T`] comes from.
pub fn de_minimis_source() -> Source {
    Source {
        document: "Regulation (EU) 2023/956 Art. 2a, inserted by Regulation (EU) 2025/2083".to_owned(),
        edition: "OJ L 17.10.2025".to_owned(),
        table: "Art. 2a(1) and Annex VII point 1: 50 t net mass per importer and year (iron and steel, aluminium, fertilisers, cement)".to_owned(),
        published: Some(2025),
        confirmation: Confirmation::Transcribed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbam_factor_falls_to_zero_in_2034() {
        // Directive 2003/87/EC Art. 10a(1a): the phase-out of free allocation.
        let years: Vec<Decimal> = (2026..=2035).map(|y| cbam_factor(y).unwrap()).collect();
        assert_eq!(
            years,
            [
                dec!(0.975),
                dec!(0.95),
                dec!(0.90),
                dec!(0.775),
                dec!(0.515),
                dec!(0.39),
                dec!(0.265),
                dec!(0.14),
                dec!(0),
                dec!(0)
            ]
        );
        assert!(years.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn markups_by_sector() {
        // IR (EU) 2025/2621 Annex I as replaced by IR (EU) 2026/1740.
        for c in [Category::Cement, Category::IronSteel, Category::Aluminium, Category::Hydrogen] {
            assert_eq!(markup(2026, c), Some(dec!(0.10)));
            assert_eq!(markup(2027, c), Some(dec!(0.20)));
            assert_eq!(markup(2028, c), Some(dec!(0.30)));
        }
        assert_eq!(markup(2026, Category::Fertilisers), Some(dec!(0.01)));
        assert_eq!(markup(2025, Category::Cement), None);
    }
}
