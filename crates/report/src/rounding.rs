//! Shown figures: every figure of a report is rounded by one named rule,
//! a [`RoundingPolicy`] (by default two decimal places, half away from
//! zero), and the rule is printed in the report.
//!
//! A shown figure is the rounded decimal with exactly the policy's decimal
//! places, `.` as the decimal point, `,` between thousands (the convention
//! of English and of Chinese business and statistical tables alike) and no
//! negative zero, so every format a person reads shows the same characters
//! for it. Formats a program reads (CSV, the numbers of the workbook) take
//! [`Shown::plain`], the same digits without separators.
//!
//! ```
//! use carbonbook_core::rounding::RoundingPolicy;
//! use carbonbook_report::Lang;
//! use carbonbook_report::rounding::Shown;
//! use rust_decimal_macros::dec;
//!
//! let s = Shown::new(RoundingPolicy::default());
//! assert_eq!(s.text(dec!(2.345)), "2.35");
//! assert_eq!(s.text(dec!(-0.001)), "0.00");
//! assert_eq!(s.text(dec!(120000)), "120,000.00");
//! assert_eq!(s.text(dec!(-1234567.891)), "-1,234,567.89");
//! assert_eq!(s.plain(dec!(120000)), "120000.00");
//! assert_eq!(s.rule(Lang::En), "Figures are rounded to 2 decimal places, half away from zero (四舍五入).");
//! ```

use carbonbook_core::rounding::{RoundingMode, RoundingPolicy};
use rust_decimal::Decimal;

use crate::labels::Label;
use crate::options::Lang;

/// Rounds figures for showing, by one policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    policy: RoundingPolicy,
}

impl Shown {
    /// Figures shown by `policy`.
    pub const fn new(policy: RoundingPolicy) -> Shown {
        Shown { policy }
    }

    /// The policy.
    pub const fn policy(&self) -> RoundingPolicy {
        self.policy
    }

    /// The shown value: `value` rounded, with the policy's decimal places,
    /// never negative zero.
    pub fn value(&self, value: Decimal) -> Decimal {
        let mut r = self.policy.round(value);
        if r.is_zero() {
            r.set_sign_positive(true);
        }
        r
    }

    /// The shown text of `value`, its thousands separated by `,`.
    pub fn text(&self, value: Decimal) -> String {
        grouped(&self.plain(value))
    }

    /// The shown value as plain digits (`1234.50`), for formats read by
    /// programs.
    pub fn plain(&self, value: Decimal) -> String {
        self.value(value).to_string()
    }

    /// The rule as a sentence in `lang`, printed in every report.
    pub fn rule(&self, lang: Lang) -> String {
        let mode = match self.policy.mode {
            RoundingMode::HalfAwayFromZero => Label::ModeHalfAwayFromZero,
            RoundingMode::HalfEven => Label::ModeHalfEven,
            RoundingMode::TowardZero => Label::ModeTowardZero,
            RoundingMode::AwayFromZero => Label::ModeAwayFromZero,
            // A mode added to the engine later: its own description.
            _ => return Label::RoundingRuleOther.fill(lang, &[&self.policy]),
        };
        Label::RoundingRuleSentence.fill(lang, &[&self.policy.decimal_places, &mode.text(lang)])
    }
}

/// `-1234567.89` as `-1,234,567.89`: commas between groups of three digits
/// of the integer part.
pub(crate) fn grouped(plain: &str) -> String {
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}
