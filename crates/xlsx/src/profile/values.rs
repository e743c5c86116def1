//! Cell values of foreign tables: "no data" tokens (`NA`, `-`, `TBD`),
//! bounds (`< 1`), footnote markers (`Business *`, `Total Waste^`).

use crate::read::number;

/// The tokens that mean "no value" when a table names none.
pub(crate) const DEFAULT_MISSING: &[&str] = &["NA", "N/A", "n/a", "-", "–", "—", "TBD"];

/// How a value written as a bound (`< 1`) is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bounds {
    /// The row is rejected.
    Reject,
    /// The number of the bound is taken.
    Bound,
}

/// What a text cell holds, once tokens and footnotes are dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Text<'t> {
    /// A value (footnote markers stripped).
    Value(&'t str),
    /// A "no data" token.
    Missing(&'t str),
    /// A bound: `<`/`>`/`≤`/`≥` and the number text after it.
    Bound(&'t str),
}

/// Whether a text is a bound (`< 1`, `>5`).
pub(crate) fn is_bound(text: &str) -> bool {
    matches!(classify(text, &[], &[]), Text::Bound(_))
}

/// Sorts out a text cell (already trimmed).
pub(crate) fn classify<'t>(text: &'t str, missing: &[String], footnotes: &[String]) -> Text<'t> {
    if missing.iter().any(|m| m == text) {
        return Text::Missing(text);
    }
    if let Some(rest) = text.strip_prefix(['<', '>', '≤', '≥']) {
        let rest = number::trim_space(rest.trim_start_matches('='));
        if number::parse_text(rest, false).is_some() {
            return Text::Bound(rest);
        }
    }
    Text::Value(strip_footnotes(text, footnotes))
}

/// The text without the footnote markers at its end (repeated: `^^`),
/// nor the spaces before them.
pub(crate) fn strip_footnotes<'t>(text: &'t str, footnotes: &[String]) -> &'t str {
    let mut t = text;
    loop {
        let before = t.len();
        for f in footnotes.iter().filter(|f| !f.is_empty()) {
            if let Some(rest) = t.strip_suffix(f.as_str()) {
                t = rest.trim_end_matches(number::is_space);
            }
        }
        if t.len() == before || t.is_empty() {
            return if t.is_empty() { text } else { t };
        }
    }
}

/// A header text as it is matched: footnote markers and a leading
/// apostrophe stripped, white space (newlines) collapsed.
pub(crate) fn header_text(text: &str, footnotes: &[String]) -> String {
    let t = number::trim_space(text).trim_start_matches('\'');
    let t = strip_footnotes(t, footnotes);
    t.split(number::is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn tokens_bounds_and_footnotes() {
        let missing = s(DEFAULT_MISSING);
        let notes = s(&["*", "^"]);
        assert_eq!(classify("NA", &missing, &notes), Text::Missing("NA"));
        assert_eq!(classify("TBD", &missing, &notes), Text::Missing("TBD"));
        assert_eq!(classify("< 1", &missing, &notes), Text::Bound("1"));
        assert_eq!(classify("<=0.5", &missing, &notes), Text::Bound("0.5"));
        assert_eq!(classify("Business *", &missing, &notes), Text::Value("Business"));
        assert_eq!(classify("Transprotation > Aviation^^", &missing, &notes), Text::Value("Transprotation > Aviation"));
        assert_eq!(classify("*", &missing, &notes), Text::Value("*"));
        assert_eq!(classify("NAME", &missing, &notes), Text::Value("NAME"));
        assert_eq!(
            header_text("'Direct emissions\n  (metric tonnes CO2e)^ ", &notes),
            "Direct emissions (metric tonnes CO2e)"
        );
    }
}
