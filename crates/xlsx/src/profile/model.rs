//! The profile file, as written (TOML, read with serde).
//!
//! Every table refuses keys it does not know (`deny_unknown_fields`), so a
//! misspelt key is an error naming the key and its line, not a setting
//! silently ignored. See the module docs of [`crate::profile`] for the
//! meaning of each key.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A mapping profile: how one foreign workbook becomes a workbook-v1 book.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// The profile format version; must be 1.
    pub profile: u32,
    /// What the profile is for (shown in messages and the output's properties).
    #[serde(default)]
    pub name: Option<String>,
    /// Free notes.
    #[serde(default)]
    pub description: Option<String>,
    /// Organisation fields (`name`, `reporting_year`, …) as constants.
    #[serde(default)]
    pub organisation: BTreeMap<String, Spanned<Scalar>>,
    /// Facilities named by the mapped rows but listed by no Facilities table.
    #[serde(default)]
    pub facilities: Option<FacilityDefaults>,
    /// Custom factors given as constants (`[[factor]]`), written to the
    /// Factors sheet: the factor an Activities table refers to when the
    /// foreign book holds none.
    #[serde(default, rename = "factor")]
    pub factors: Vec<Spanned<FactorFile>>,
    /// The tables to read, in order.
    #[serde(default, rename = "table")]
    pub tables: Vec<Spanned<TableFile>>,
}

/// A constant: text or a whole number. Decimals are written as text
/// (`"0.98"`), so that they stay exact.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// Text.
    Text(String),
    /// A whole number.
    Integer(i64),
}

impl Scalar {
    /// The constant as a cell would show it.
    pub fn text(&self) -> String {
        match self {
            Scalar::Text(t) => t.clone(),
            Scalar::Integer(i) => i.to_string(),
        }
    }
}

/// `[facilities]`: what the facilities named by mapped rows get.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilityDefaults {
    /// Whether each facility id named by a mapped Activities or Production
    /// row and given by no Facilities table becomes a Facilities row
    /// (default true).
    #[serde(default = "yes")]
    pub add_referenced: bool,
    /// Their country (ISO 3166 alpha-2).
    #[serde(default)]
    pub country: Option<String>,
    /// Their grid region.
    #[serde(default)]
    pub grid_region: Option<String>,
    /// Their sector.
    #[serde(default)]
    pub sector: Option<String>,
}

fn yes() -> bool {
    true
}

/// `[[factor]]`: a Factors row given as constants (the fields of the
/// Factors sheet).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorFile {
    /// The key Activities rows refer to.
    pub factor_key: String,
    /// `CO2`, `CH4`, `N2O` or `CO2e`.
    pub gas: String,
    /// The value, as text (`"936.485"`) so that it stays exact.
    pub value: Scalar,
    /// Mass of gas per activity unit (`lb CO2/MWh`).
    pub unit: String,
    /// Where the value comes from.
    pub source: String,
    /// Standard coal per activity unit, if any.
    #[serde(default)]
    pub tce_per_unit: Option<Scalar>,
}

/// `[[table]]`: one table of the foreign workbook.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    /// The workbook-v1 sheet the rows go to: `Activities`, `Facilities`,
    /// `Production` or `Factors`.
    pub into: String,
    /// The sheet of the foreign workbook (trimmed, case-insensitive);
    /// default: the first sheet.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Text of a cell above the table (`Table 1`); the header is searched
    /// from the row after it.
    #[serde(default)]
    pub anchor: Option<String>,
    /// The first header row, as the spreadsheet shows it (1-based);
    /// default: the first row (after the anchor) that holds every column
    /// named in `columns`.
    #[serde(default)]
    pub header_row: Option<u32>,
    /// How many rows the header spans (default 1): names in the first, units
    /// in the next, banners above…; their texts are joined per column.
    #[serde(default)]
    pub header_rows: Option<u32>,
    /// Texts that end the table when a cell of a row holds one (`END`,
    /// `Notes:`); compared trimmed and case-insensitively. A closing `*`
    /// makes a prefix: `Source:*` ends at any cell starting `Source:`.
    #[serde(default)]
    pub end: Vec<String>,
    /// Whether the first blank row after the data ends the table.
    #[serde(default)]
    pub end_at_blank_row: bool,
    /// Merged regions: `fill` (default; every cell of a region holds its
    /// top-left value) or `ignore` (only the top-left cell holds it).
    #[serde(default)]
    pub merged: Option<String>,
    /// Source columns whose empty cells take the value above (labels
    /// written once per block).
    #[serde(default)]
    pub fill_down: Vec<String>,
    /// Group sub-header rows: rows whose only non-blank cells are in this
    /// source column; the label applies to the rows below (`{ group = true }`).
    #[serde(default)]
    pub groups: Option<String>,
    /// Rows to skip (and list) by the text of a column, such as
    /// placeholders (`Withheld`).
    #[serde(default)]
    pub skip: Option<SkipFile>,
    /// The rows to read, by the text of a column (`metric = production`):
    /// every other row is listed and skipped.
    #[serde(default)]
    pub keep: Option<SkipFile>,
    /// Totals rows, which are skipped (and listed): detected when not
    /// given (`false` turns detection off), or declared by a column.
    #[serde(default)]
    pub totals: Option<TotalsSetting>,
    /// A wide table (one column per month or year) read as one row per
    /// value cell.
    #[serde(default)]
    pub unpivot: Option<Spanned<UnpivotFile>>,
    /// Footnote markers stripped from the end of texts (`^`, `*`), and
    /// from the start of header texts (`'`).
    #[serde(default)]
    pub footnotes: Vec<String>,
    /// Texts that mean "no value" (default: `NA`, `N/A`, `n/a`, `-`, `–`,
    /// `—`, `TBD`). The GPC notation keys `NE`, `IE`, `NO` are not in the
    /// default list (`NE` is also Nebraska, `NO` Norway): list them here
    /// for the tables that use them.
    #[serde(default)]
    pub missing: Option<Vec<String>>,
    /// Values written as bounds (`< 1`, `>5`): `reject` (default) or
    /// `bound` (take the number).
    #[serde(default)]
    pub bounds: Option<String>,
    /// Each workbook-v1 field of the target sheet, and where its value comes from.
    pub columns: BTreeMap<String, Spanned<ColumnFile>>,
}

/// `skip = { column = "…", values = ["Withheld"] }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkipFile {
    /// The source column.
    pub column: String,
    /// Its texts that mark a row to skip (trimmed, case-insensitive).
    pub values: Vec<String>,
}

/// `totals = false`, `totals = true` or `totals = { … }`.
#[derive(Debug, Clone)]
pub enum TotalsSetting {
    /// `true`: detect totals rows (also in a Facilities table); `false`:
    /// no totals rows.
    Detect(bool),
    /// A table of settings.
    Rule(TotalsFile),
}

impl<'de> Deserialize<'de> for TotalsSetting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = TotalsSetting;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("false, true, or a table such as { column = \"Item\", starts_with = [\"Total\"] }")
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<TotalsSetting, E> {
                Ok(TotalsSetting::Detect(b))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<TotalsSetting, A::Error> {
                TotalsFile::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(TotalsSetting::Rule)
            }
        }
        d.deserialize_any(Either)
    }
}

/// `totals = { column = "…", starts_with = ["Total"], sums = true }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalsFile {
    /// The source column holding the label; without it, totals rows are
    /// detected by the first text of each row.
    #[serde(default)]
    pub column: Option<String>,
    /// Label beginnings that mark a totals row (case-insensitive). Default
    /// `Total` with a column; without one, the built-in totals words
    /// (`Total`, `Subtotal`, `Grand total`, `Sum`, `合计`, `小计`, `总计`).
    #[serde(default)]
    pub starts_with: Option<Vec<String>>,
    /// Whether a row of numbers only, each the exact sum of its column over
    /// the rows above in its block, is a totals row (default: true when
    /// detecting, false with a column).
    #[serde(default)]
    pub sums: Option<bool>,
}

/// `[table.unpivot]`: a wide table, one column per month or year (or per
/// anything else named in the header), read as one row per value cell.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnpivotFile {
    /// The value columns: a letter range (`"C:N"`) or a list of header
    /// names (or letters).
    #[serde(default)]
    pub columns: Option<UnpivotColumns>,
    /// The value columns are every header column right of this one
    /// (totals columns left out).
    #[serde(default)]
    pub after: Option<String>,
    /// The field each value cell goes to (default `quantity`, or `value`
    /// for Factors).
    #[serde(default)]
    pub value_field: Option<String>,
    /// The field each value column's header goes to (default `period`).
    #[serde(default)]
    pub header_field: Option<String>,
    /// The year of headers that are bare month names (`Jan`, `1月`);
    /// default: `organisation.reporting_year`.
    #[serde(default)]
    pub year: Option<i64>,
    /// The date format of the header texts (`%b-%y` for `Jan-24`).
    #[serde(default)]
    pub format: Option<String>,
    /// Header texts replaced before they are read (`"Strom" = "electricity"`).
    #[serde(default)]
    pub map: BTreeMap<String, String>,
}

/// `columns = "C:N"` or `columns = ["Jan", "Feb"]`.
#[derive(Debug, Clone)]
pub enum UnpivotColumns {
    /// A range of column letters, both ends included.
    Range(String),
    /// Header names or letters.
    List(Vec<String>),
}

impl<'de> Deserialize<'de> for UnpivotColumns {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = UnpivotColumns;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a letter range such as \"C:N\" or a list of column names such as [\"Jan\", \"Feb\"]")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<UnpivotColumns, E> {
                Ok(UnpivotColumns::Range(s.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<UnpivotColumns, A::Error> {
                Vec::<String>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(UnpivotColumns::List)
            }
        }
        d.deserialize_any(Either)
    }
}

/// Where one workbook-v1 field's value comes from: exactly one of
/// `column`, `value`, `header_unit` and `group`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnFile {
    /// A source column, by its header text (normalised: case, spaces and
    /// text in brackets do not matter) or by its letter (`"C"`, also `"col C"`).
    #[serde(default)]
    pub column: Option<String>,
    /// A constant.
    #[serde(default)]
    pub value: Option<Scalar>,
    /// The unit written in the header of this source column: text in
    /// brackets (`Quantity (t)`), else the header's last row.
    #[serde(default)]
    pub header_unit: Option<String>,
    /// The label of the current group sub-header row.
    #[serde(default)]
    pub group: Option<bool>,
    /// Whole texts replaced before the value is read (`"Pass through CO2" = "CO2"`).
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    /// A value used when the source cell is empty.
    #[serde(default)]
    pub default: Option<Scalar>,
    /// For `period`: the date format of its texts (`%d/%m/%Y`, or
    /// `dd/mm/yyyy`); the date's month is the period.
    #[serde(default)]
    pub format: Option<String>,
}
