//! Shown figures: every figure of a report is rounded by one named rule,
//! a [`RoundingPolicy`] (by default two decimal places, half away from
//! zero), and the rule is printed in the report.
//!
//! A shown figure is the rounded decimal with exactly the policy's decimal
//! places, `.` as the decimal point, no thousands separators and no
//! negative zero, so every format shows the same characters for it.
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
//! assert_eq!(s.text(dec!(120000)), "120000.00");
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

    /// The shown text of `value`.
    pub fn text(&self, value: Decimal) -> String {
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
