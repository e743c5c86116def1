//! The kinds of values seen in a column.

use std::fmt;

use calamine::DataRef;

use crate::profile::values_public::{DEFAULT_MISSING, is_bound};
use crate::read::number;

/// The kind of one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A number, or text holding one.
    Number,
    /// Other text.
    Text,
    /// A date.
    Date,
    /// TRUE/FALSE.
    Bool,
    /// An error value (`#N/A`).
    Error,
}

impl Kind {
    /// The kind of a (non-blank) cell.
    pub(crate) fn of(v: &DataRef<'_>) -> Kind {
        match v {
            DataRef::Float(_) | DataRef::Int(_) => Kind::Number,
            DataRef::String(s) if number::parse_text(s, true).is_some() => Kind::Number,
            DataRef::SharedString(s) if number::parse_text(s, true).is_some() => Kind::Number,
            DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => Kind::Date,
            DataRef::Bool(_) => Kind::Bool,
            DataRef::Error(_) => Kind::Error,
            _ => Kind::Text,
        }
    }
}

/// Counts of the values of a column: numbers, texts, dates, TRUE/FALSE,
/// errors, and each "no data" token or bound (`NA`, `< 1`) apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kinds {
    /// Numbers (or texts holding one).
    pub numbers: u64,
    /// Other texts.
    pub texts: u64,
    /// Dates.
    pub dates: u64,
    /// TRUE/FALSE cells.
    pub bools: u64,
    /// Error values.
    pub errors: u64,
    /// "No data" tokens and bounds, with their counts.
    pub tokens: Vec<(String, u64)>,
    /// A sample text.
    pub sample: Option<String>,
}

impl Kinds {
    pub(crate) fn add(&mut self, kind: Kind, text: Option<&str>) {
        match kind {
            Kind::Number => self.numbers += 1,
            Kind::Date => self.dates += 1,
            Kind::Bool => self.bools += 1,
            Kind::Error => self.errors += 1,
            Kind::Text => {
                let t = text.unwrap_or("").trim();
                if DEFAULT_MISSING.contains(&t) || is_bound(t) {
                    if let Some(i) = self.tokens.iter().position(|(k, _)| k == t) {
                        self.tokens[i].1 += 1;
                    } else if self.tokens.len() < 8 {
                        self.tokens.push((t.to_owned(), 1));
                    }
                } else {
                    self.texts += 1;
                    if self.sample.is_none() {
                        self.sample = Some(t.chars().take(40).collect());
                    }
                }
            }
        }
    }
}

impl fmt::Display for Kinds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for (name, n) in [
            ("number", self.numbers),
            ("text", self.texts),
            ("date", self.dates),
            ("TRUE/FALSE", self.bools),
            ("error", self.errors),
        ] {
            if n > 0 {
                parts.push(if name == "text" {
                    match &self.sample {
                        Some(s) => format!("text {n} (e.g. \"{s}\")"),
                        None => format!("text {n}"),
                    }
                } else {
                    format!("{name} {n}")
                });
            }
        }
        for (t, n) in &self.tokens {
            parts.push(format!("\"{t}\" {n}"));
        }
        if parts.is_empty() {
            return f.write_str("no values");
        }
        f.write_str(&parts.join(", "))
    }
}
