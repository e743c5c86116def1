//! Errors of a calculation, each tied to the input row and field it is about.
//!
//! The engine checks every row and reports every problem of an inventory in
//! one go ([`CalcErrors`]), so a user fixes a workbook in one pass. Each
//! [`CalcError`] names the input sheet, the row (as the caller numbered it,
//! normally the spreadsheet row) and the field (the workbook column name),
//! so the Excel layer can turn it into `Activities!E5`.
//!
//! ```
//! use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
//! use carbonbook_core::field::Field;
//! let e = CalcError::new(InputSheet::Activities, Some(5), Field::Quantity,
//!     CalcErrorKind::Negative { value: "-3".into() });
//! assert_eq!(e.to_string(), "Activities row 5, quantity: must be a number ≥ 0, found -3");
//! ```

use std::fmt;

use crate::arithmetic::ArithmeticError;
use crate::factors::FactorError;
use crate::field::Field;
use crate::gas::GasError;
use crate::units::{Unit, UnitError};

/// The input table a problem is in (the workbook's sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InputSheet {
    /// Organisation settings.
    Organisation,
    /// Facilities.
    Facilities,
    /// Activity data.
    Activities,
    /// Production and output value.
    Production,
    /// Custom factors.
    Factors,
    /// Trading lines.
    Trading,
    /// Refrigerant mass balances (workbook-v2 §5).
    Refrigerants,
    /// The allowance account (workbook-v2 §7).
    Transactions,
    /// EU CBAM goods of an installation (workbook-v2 §8).
    CbamGoods,
    /// Precursors of CBAM goods (workbook-v2 §8).
    CbamPrecursors,
    /// The importer's CBAM import lines (workbook-v2 §8).
    CbamImports,
    /// Financed exposures (workbook-v2 §9).
    Portfolio,
    /// Financed green projects (workbook-v2 §9).
    Projects,
}

impl InputSheet {
    /// The sheet name of workbook-v1.
    pub const fn name(self) -> &'static str {
        match self {
            InputSheet::Organisation => "Organisation",
            InputSheet::Facilities => "Facilities",
            InputSheet::Activities => "Activities",
            InputSheet::Production => "Production",
            InputSheet::Factors => "Factors",
            InputSheet::Trading => "Trading",
            InputSheet::Refrigerants => "Refrigerants",
            InputSheet::Transactions => "Transactions",
            InputSheet::CbamGoods => "CBAM goods",
            InputSheet::CbamPrecursors => "CBAM precursors",
            InputSheet::CbamImports => "CBAM imports",
            InputSheet::Portfolio => "Portfolio",
            InputSheet::Projects => "Projects",
        }
    }
}

/// Serialised as its sheet name (`"Activities"`).
impl serde::Serialize for InputSheet {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(self.name())
    }
}

impl fmt::Display for InputSheet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalcErrorKind {
    /// A negative number where only ≥ 0 makes sense.
    #[error("must be a number ≥ 0, found {value}")]
    Negative {
        /// The value found.
        value: String,
    },
    /// A facility id that no Facilities row defines.
    #[error("facility \"{id}\" is not in Facilities{}", suggest(nearest))]
    UnknownFacility {
        /// The id found.
        id: String,
        /// Nearest known ids.
        nearest: Vec<String>,
    },
    /// An id defined twice.
    #[error("\"{id}\" is defined twice (first in row {first_row})")]
    Duplicate {
        /// The id.
        id: String,
        /// Where it was first defined.
        first_row: u32,
    },
    /// An activity key with no built-in or custom factor.
    #[error("unknown activity \"{key}\" for the {methodology} method{}", suggest(nearest))]
    UnknownActivity {
        /// The key found.
        key: String,
        /// The methodology in use.
        methodology: &'static str,
        /// Nearest known keys.
        nearest: Vec<String>,
    },
    /// The activity cannot be reported under this source category.
    #[error("activity \"{key}\" cannot be a {source_category} source{hint}")]
    SourceDoesNotFit {
        /// The activity key.
        key: String,
        /// The source category given.
        source_category: &'static str,
        /// What would fit.
        hint: String,
    },
    /// The unit's dimension does not fit the activity.
    #[error("unit {unit} ({}) does not fit \"{key}\"; expected {expected}", unit.dimension())]
    UnitDoesNotFit {
        /// The unit given.
        unit: Unit,
        /// The activity key.
        key: String,
        /// What would fit, e.g. "a mass (t, kg) or energy (GJ) unit".
        expected: String,
    },
    /// A vehicle's model year that the activity key does not give, or
    /// that the methodology's table has no row for.
    ///
    /// ```
    /// use carbonbook_core::error::CalcErrorKind;
    /// let e = CalcErrorKind::ModelYear {
    ///     key: "epa_onroad_gasoline_passenger_cars_2023".into(),
    ///     model_year: Some(2023),
    ///     vehicle: "Gasoline Passenger Cars in EPA Hub 2024 Table 3".into(),
    ///     years: "1973–2021".into(),
    /// };
    /// assert!(e.to_string().contains("model year 2023 is not in the table"));
    /// ```
    #[error("{}", model_year_problem(key, *model_year, vehicle, years))]
    ModelYear {
        /// The activity key (`epa_onroad_gasoline_passenger_cars_2023`).
        key: String,
        /// The model year the key gives, if any.
        model_year: Option<i32>,
        /// The vehicle and the table it is looked up in, as printed
        /// (`Gasoline Passenger Cars in EPA Hub 2024 Table 3`).
        vehicle: String,
        /// The model years the table gives for it (`1973–2021`).
        years: String,
    },
    /// A parameter needed for this row is missing.
    #[error("{what}")]
    Missing {
        /// What is missing and how to supply it.
        what: String,
    },
    /// A value the row must give because there is no default.
    #[error("{what}")]
    MissingValue {
        /// The field (workbook column) that must be filled.
        field: Field,
        /// What is missing and why.
        what: String,
    },
    /// An unknown methodology id.
    #[error("unknown methodology \"{found}\"; accepted: {accepted}")]
    UnknownMethodology {
        /// The id found.
        found: String,
        /// The ids available.
        accepted: String,
    },
    /// A value of the wrong form.
    #[error("expected {expected}, found \"{found}\"")]
    Invalid {
        /// What was expected.
        expected: String,
        /// What was found.
        found: String,
    },
    /// A unit problem.
    #[error(transparent)]
    Unit(#[from] UnitError),
    /// A gas or GWP problem.
    #[error(transparent)]
    Gas(#[from] GasError),
    /// A factor problem.
    #[error(transparent)]
    Factor(#[from] FactorError),
    /// Arithmetic had no representable result.
    #[error(transparent)]
    Arithmetic(#[from] ArithmeticError),
    /// Trading rows of one account disagree.
    #[error(transparent)]
    Account(#[from] crate::trading::AccountError),
    /// An allocation the plan cannot compute from the row.
    #[error(transparent)]
    Allocation(#[from] crate::trading::AllocationError),
    /// A transaction the allowance account's rules refuse.
    #[error(transparent)]
    Transaction(#[from] crate::trading::ledger::TransactionError),
}

fn model_year_problem(key: &str, model_year: Option<i32>, vehicle: &str, years: &str) -> String {
    match model_year {
        Some(y) => {
            format!("activity \"{key}\": model year {y} is not in the table; {vehicle} gives model years {years} only")
        }
        None => format!(
            "activity \"{key}\" needs the vehicle's model year at its end (\"{key}_YEAR\"): {vehicle} gives CH4 and N2O by model year ({years})"
        ),
    }
}

fn suggest(nearest: &[String]) -> String {
    if nearest.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", nearest.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(" or "))
    }
}

/// The known names closest to `found` (edit distance), best first, at most
/// three; for "did you mean" suggestions.
///
/// ```
/// use carbonbook_core::error::nearest;
/// assert_eq!(nearest("dísel", ["diesel", "coke", "lpg"]), vec!["diesel".to_owned()]);
/// assert!(nearest(&"x".repeat(30_000), ["diesel", "coke"]).is_empty());
/// ```
pub fn nearest<'a, I: IntoIterator<Item = &'a str>>(found: &str, known: I) -> Vec<String> {
    let f = found.trim().to_lowercase();
    let f_len = f.chars().count();
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        // Lengths more than twice apart score below 0.5 (the distance is at
        // least their difference): skipped without the quadratic distance,
        // which a text of thousands of characters would make slow.
        .filter(|k| {
            let k_len = k.chars().count();
            2 * f_len.abs_diff(k_len) <= f_len.max(k_len)
        })
        .map(|k| (strsim::normalized_damerau_levenshtein(&f, &k.to_lowercase()), k))
        .filter(|(s, _)| *s >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, k)| k.to_owned()).collect()
}

/// One problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalcError {
    /// The input table.
    pub sheet: InputSheet,
    /// The row number the caller gave the record (spreadsheet row), if any.
    pub row: Option<u32>,
    /// The field it is about (the workbook column, e.g. `quantity`), or
    /// `None` when it is about the record, or the table, as a whole.
    pub field: Option<Field>,
    /// What is wrong.
    pub kind: CalcErrorKind,
}

impl CalcError {
    /// A problem at `sheet`/`row`/`field`.
    pub fn new(sheet: InputSheet, row: Option<u32>, field: Field, kind: CalcErrorKind) -> CalcError {
        CalcError { sheet, row, field: Some(field), kind }
    }

    /// A problem with a whole record (or, with no row, the whole table),
    /// no one field of it: a sum over the table that overflows.
    ///
    /// ```
    /// use carbonbook_core::error::{CalcError, CalcErrorKind, InputSheet};
    /// let e = CalcError::of_record(InputSheet::Projects, None,
    ///     CalcErrorKind::Missing { what: "no project".into() });
    /// assert_eq!(e.to_string(), "Projects: no project");
    /// ```
    pub fn of_record(sheet: InputSheet, row: Option<u32>, kind: CalcErrorKind) -> CalcError {
        CalcError { sheet, row, field: None, kind }
    }
}

impl fmt::Display for CalcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.sheet)?;
        if let Some(r) = self.row {
            write!(f, " row {r}")?;
        }
        if let Some(field) = self.field {
            write!(f, ", {field}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

/// The message already says what `kind` says, so the source chain starts
/// below it: a reporter that prints every cause prints each once.
impl std::error::Error for CalcError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}

/// Every problem found in an inventory (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalcErrors(pub Vec<CalcError>);

impl fmt::Display for CalcErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} problem(s) in the inventory:", self.0.len())?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CalcErrors {}

#[cfg(test)]
mod tests {
    use std::error::Error;

    use super::{CalcError, CalcErrorKind, InputSheet};
    use crate::arithmetic::ArithmeticError;
    use crate::field::Field;

    /// A reporter that prints an error and then every `source()` prints
    /// each cause once: no message of the chain contains the next one.
    #[test]
    fn every_cause_is_printed_once() {
        let errors: Vec<Box<dyn Error>> = vec![
            Box::new(CalcError::new(
                InputSheet::Activities,
                Some(5),
                Field::Quantity,
                CalcErrorKind::Arithmetic(ArithmeticError::Overflow),
            )),
            Box::new(CalcError::new(
                InputSheet::Activities,
                Some(5),
                Field::Unit,
                CalcErrorKind::Unit(crate::units::UnitError::Unknown { found: "kgs".into() }),
            )),
        ];
        for e in errors {
            let mut message = e.to_string();
            let mut cause = e.source();
            while let Some(c) = cause {
                assert!(!message.contains(&c.to_string()), "{message} repeats its cause {c}");
                message = c.to_string();
                cause = c.source();
            }
        }
    }
}
