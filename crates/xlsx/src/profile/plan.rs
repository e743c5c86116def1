//! A profile checked and compiled: every key known, every field name a
//! workbook-v1 field of its sheet, every column given exactly one source.

use carbonbook_core::error::InputSheet;
use carbonbook_core::field::Field;

use super::dates::DateFormat;
use super::locate;
use super::model::{ColumnFile, ProfileFile, Scalar, TableFile, TotalsSetting, UnpivotColumns, UnpivotFile};
use super::totals::TOTAL_WORDS;
use super::values::{Bounds, DEFAULT_MISSING};
use crate::read::number;
use crate::read::schema::{self, ORG_FIELDS, SheetSpec, normalise};

/// Where a field's value comes from.
#[derive(Debug, Clone)]
pub(crate) enum From {
    /// A source column, by name or letter.
    Column(String),
    /// A constant.
    Constant(String),
    /// The unit in the header of a source column.
    HeaderUnit(String),
    /// The label of the current group sub-header row.
    Group,
}

/// One field of the target sheet.
#[derive(Debug, Clone)]
pub(crate) struct FieldPlan {
    /// Its index in the target's spec.
    pub(crate) field: usize,
    /// Where its value comes from.
    pub(crate) from: From,
    /// Texts replaced.
    pub(crate) map: Vec<(String, String)>,
    /// The value when the source cell is empty.
    pub(crate) default: Option<String>,
    /// The date format of a period's texts.
    pub(crate) format: Option<DateFormat>,
}

/// How totals rows are found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Totals {
    /// They are not looked for.
    Off,
    /// By the label in a source column: the column and lower-case prefixes.
    Column(String, Vec<String>),
    /// By the row's first text: lower-case totals words.
    Detect(Vec<String>),
}

/// Which columns a wide table spreads its values over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ValueColumns {
    /// From one letter to another, both included (0-based).
    Range(u32, u32),
    /// Named (or by letter), in this order.
    Named(Vec<String>),
    /// Every header column right of this one.
    After(String),
}

/// `[table.unpivot]`, checked.
#[derive(Debug, Clone)]
pub(crate) struct Unpivot {
    /// The value columns.
    pub(crate) columns: ValueColumns,
    /// As the profile writes them, for messages.
    pub(crate) written: String,
    /// The field each value goes to (index in the target's spec).
    pub(crate) value_field: usize,
    /// The field each header goes to.
    pub(crate) header_field: usize,
    /// Whether the header field is `period` (headers read as periods).
    pub(crate) header_is_period: bool,
    /// The year of bare month names.
    pub(crate) year: Option<i32>,
    /// The date format of the header texts.
    pub(crate) format: Option<DateFormat>,
    /// Header texts replaced (normalised key, replacement).
    pub(crate) map: Vec<(String, String)>,
}

/// One table, checked.
#[derive(Debug, Clone)]
pub(crate) struct TablePlan {
    /// The inventory's GWP set as the profile's organisation gives it
    /// (default AR5): Factors rows that reference a built-in factor are
    /// checked against it.
    pub(crate) gwp: carbonbook_core::gas::GwpSet,
    /// Its number in the profile (1-based).
    pub(crate) index: usize,
    /// The line of its `[[table]]` in the profile.
    pub(crate) line: usize,
    /// The workbook-v1 sheet its rows go to.
    pub(crate) target: &'static SheetSpec,
    pub(crate) sheet: Option<String>,
    pub(crate) anchor: Option<String>,
    pub(crate) header_row: Option<u32>,
    pub(crate) header_rows: u32,
    /// End markers, normalised (lower case, single spaces).
    pub(crate) end: Vec<String>,
    pub(crate) end_at_blank_row: bool,
    pub(crate) merged_fill: bool,
    pub(crate) fill_down: Vec<String>,
    pub(crate) groups: Option<String>,
    /// Skip column and lower-case texts.
    pub(crate) skip: Option<(String, Vec<String>)>,
    /// Keep column and lower-case texts.
    pub(crate) keep: Option<(String, Vec<String>)>,
    /// How totals rows are found.
    pub(crate) totals: Totals,
    /// Whether rows of numbers that are the sums of the rows above are
    /// totals rows.
    pub(crate) sums: bool,
    /// A wide table's value columns.
    pub(crate) unpivot: Option<Unpivot>,
    pub(crate) footnotes: Vec<String>,
    pub(crate) missing: Vec<String>,
    pub(crate) bounds: Bounds,
    /// The fields mapped, in the target's column order.
    pub(crate) fields: Vec<FieldPlan>,
}

impl TablePlan {
    /// `table 2 (into = "Activities", line 14)`, for messages.
    pub(crate) fn what(&self) -> String {
        format!("profile table {} (into = \"{}\", line {})", self.index, self.target.sheet.name(), self.line)
    }

    /// Every source column named (to find the header row by).
    pub(crate) fn named_columns(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .fields
            .iter()
            .filter_map(|f| match &f.from {
                From::Column(c) | From::HeaderUnit(c) => Some(c.clone()),
                _ => None,
            })
            .collect();
        v.extend(self.fill_down.iter().cloned());
        v.extend(self.groups.iter().cloned());
        if let Totals::Column(c, _) = &self.totals {
            v.push(c.clone());
        }
        v.extend(self.skip.iter().map(|(c, _)| c.clone()));
        v.extend(self.keep.iter().map(|(c, _)| c.clone()));
        match self.unpivot.as_ref().map(|u| &u.columns) {
            Some(ValueColumns::Named(names)) => v.extend(names.iter().cloned()),
            Some(ValueColumns::After(name)) => v.push(name.clone()),
            _ => {}
        }
        v.sort();
        v.dedup();
        v
    }
}

/// A checked profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The profile's `name`, if any.
    pub name: Option<String>,
    /// Organisation fields given as constants (`name`, value), in the
    /// order of workbook-v1.
    pub organisation: Vec<(&'static str, Scalar)>,
    /// Factors given as constants: (line, the Factors fields as text).
    pub(crate) factors: Vec<(usize, Vec<(&'static str, String)>)>,
    /// Facility defaults (`[facilities]`), when given.
    pub(crate) facilities: Option<super::model::FacilityDefaults>,
    pub(crate) tables: Vec<TablePlan>,
}

impl Profile {
    /// The GWP set the profile's organisation names (default AR5).
    pub(crate) fn gwp(&self) -> carbonbook_core::gas::GwpSet {
        organisation_gwp(&self.organisation)
    }

    /// The workbook-v1 sheets the profile's tables fill, in order, with
    /// the number of tables each.
    pub fn targets(&self) -> Vec<&'static str> {
        self.tables.iter().map(|t| t.target.sheet.name()).collect()
    }

    /// Whether facilities named by mapped rows are added to Facilities.
    pub(crate) fn adds_facilities(&self) -> bool {
        self.facilities.as_ref().is_some_and(|f| f.add_referenced)
    }
}

/// The line (1-based) of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// Checks a parsed profile; every problem found, each with its line.
pub(crate) fn compile(file: ProfileFile, text: &str) -> Result<Profile, Vec<String>> {
    let mut errors = Vec::new();
    if file.profile != 1 {
        errors.push(format!("profile = {}: this carbonbook reads profile version 1", file.profile));
    }
    let mut organisation = Vec::new();
    for (key, value) in &file.organisation {
        let line = line_of(text, value.span().start);
        match ORG_FIELDS.iter().find(|f| f.name.name() == key) {
            Some(f) => organisation.push((f.name.name(), value.get_ref().clone())),
            None => errors.push(format!(
                "line {line}: unknown key organisation.{key}; the fields are {}",
                ORG_FIELDS.iter().map(|f| f.name.name()).collect::<Vec<_>>().join(", ")
            )),
        }
    }
    organisation.sort_by_key(|(n, _)| ORG_FIELDS.iter().position(|f| f.name.name() == *n));
    let gwp = organisation_gwp(&organisation);
    let reporting_year = organisation
        .iter()
        .find(|(n, _)| *n == "reporting_year")
        .and_then(|(_, v)| v.text().trim().parse::<i32>().ok());
    let mut tables = Vec::new();
    for (i, t) in file.tables.iter().enumerate() {
        let line = line_of(text, t.span().start);
        match table(i + 1, line, t.get_ref(), text, reporting_year) {
            Ok(mut p) => {
                p.gwp = gwp;
                tables.push(p)
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    let mut factors = Vec::new();
    for f in &file.factors {
        let line = line_of(text, f.span().start);
        let f = f.get_ref();
        let mut fields = vec![
            ("factor_key", f.factor_key.clone()),
            ("gas", f.gas.clone()),
            ("value", f.value.text()),
            ("unit", f.unit.clone()),
            ("source", f.source.clone()),
        ];
        if let Some(t) = &f.tce_per_unit {
            fields.push(("tce_per_unit", t.text()));
        }
        factors.push((line, fields));
    }
    if tables.is_empty() && errors.is_empty() {
        errors.push("the profile has no [[table]]; add one per foreign table to read".to_owned());
    }
    if errors.is_empty() {
        Ok(Profile { name: file.name, organisation, factors, facilities: file.facilities, tables })
    } else {
        Err(errors)
    }
}

fn table(
    index: usize,
    line: usize,
    t: &TableFile,
    text: &str,
    reporting_year: Option<i32>,
) -> Result<TablePlan, Vec<String>> {
    let mut errors = Vec::new();
    let at = format!("line {line}: [[table]] {index}");
    let target: Option<&'static SheetSpec> = match normalise_target(&t.into) {
        Some(s) => Some(schema::spec(s)),
        None => {
            errors.push(format!("{at}: into = \"{}\": expected Activities, Facilities, Production or Factors", t.into));
            None
        }
    };
    let header_rows = t.header_rows.unwrap_or(1);
    if header_rows == 0 || header_rows > 10 {
        errors.push(format!("{at}: header_rows = {header_rows}: expected 1 to 10"));
    }
    if header_rows > 1 && t.header_row.is_none() && t.anchor.is_none() {
        errors
            .push(format!("{at}: a header of {header_rows} rows needs header_row (or an anchor above it) to be found"));
    }
    match t.header_row {
        Some(0) => errors.push(format!("{at}: header_row = 0: rows count from 1, as the spreadsheet shows them")),
        Some(r) if r > 1_048_576 => errors.push(format!("{at}: header_row = {r}: a sheet has at most 1,048,576 rows")),
        _ => {}
    }
    let merged_fill = match t.merged.as_deref() {
        None | Some("fill") => true,
        Some("ignore") => false,
        Some(other) => {
            errors.push(format!("{at}: merged = \"{other}\": expected \"fill\" or \"ignore\""));
            true
        }
    };
    let bounds = match t.bounds.as_deref() {
        None | Some("reject") => Bounds::Reject,
        Some("bound") => Bounds::Bound,
        Some(other) => {
            errors.push(format!("{at}: bounds = \"{other}\": expected \"reject\" or \"bound\""));
            Bounds::Reject
        }
    };
    let mut fields = Vec::new();
    let mut named = Vec::new();
    let mut unpivot = None;
    if let (Some(target), Some(u)) = (target, &t.unpivot) {
        let uline = line_of(text, u.span().start);
        match unpivot_plan(target, u.get_ref(), reporting_year) {
            Ok(p) => {
                named.push(p.value_field);
                named.push(p.header_field);
                unpivot = Some(p);
            }
            Err(e) => errors.extend(e.into_iter().map(|e| format!("line {uline}: [table.unpivot]: {e}"))),
        }
    }
    if let Some(target) = target {
        for (name, col) in &t.columns {
            let line = line_of(text, col.span().start);
            let Some(field) = target.field_named(name) else {
                errors.push(format!(
                    "line {line}: unknown key columns.{name} for {}; its fields are {}",
                    target.sheet.name(),
                    target.columns.iter().map(|c| c.field.name()).collect::<Vec<_>>().join(", ")
                ));
                continue;
            };
            if let Some(u) = &unpivot
                && (u.value_field == field || u.header_field == field)
            {
                errors.push(format!(
                    "line {line}: columns.{name}: the field is given by [table.unpivot] ({}); leave it out of [table.columns]",
                    if u.value_field == field { "value_field" } else { "header_field" }
                ));
                continue;
            }
            named.push(field);
            let format = match &col.get_ref().format {
                None => None,
                Some(_) if name != "period" => {
                    errors.push(format!("line {line}: columns.{name}: format applies to period only"));
                    None
                }
                Some(f) => match DateFormat::new(f) {
                    Ok(f) => Some(f),
                    Err(e) => {
                        errors.push(format!("line {line}: columns.{name}: {e}"));
                        None
                    }
                },
            };
            match column(col.get_ref()) {
                Ok(from) => fields.push(FieldPlan {
                    field,
                    from,
                    map: col.get_ref().map.iter().map(|(a, b)| (a.clone(), b.clone())).collect(),
                    default: col.get_ref().default.as_ref().map(Scalar::text),
                    format,
                }),
                Err(e) => errors.push(format!("line {line}: columns.{name}: {e}")),
            }
        }
        fields.sort_by_key(|f| f.field);
        for (f, c) in target.columns.iter().enumerate() {
            if c.required && !named.contains(&f) {
                errors.push(format!(
                    "{at}: columns.{} is required for {}: map it to a column (column = \"…\") or give a constant (value = \"…\")",
                    c.field,
                    target.sheet.name()
                ));
            }
        }
    }
    if let Some(TotalsSetting::Rule(r)) = &t.totals
        && r.starts_with.as_ref().is_some_and(|w| w.is_empty() || w.iter().any(|w| w.trim().is_empty()))
    {
        errors.push(format!("{at}: totals.starts_with: give at least one word, none empty (or totals = false)"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(target) = target else { return Err(errors) };
    let lower_words = |v: &[String]| v.iter().map(|w| w.trim().to_lowercase()).collect::<Vec<_>>();
    let builtin = || TOTAL_WORDS.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
    // Facilities are not summed: their lists are searched for totals rows
    // only when asked (`totals = true`), as utility and company names may
    // begin with "Total".
    let figures = target.sheet != InputSheet::Facilities;
    let (totals, sums) = match &t.totals {
        None => (if figures { Totals::Detect(builtin()) } else { Totals::Off }, figures),
        Some(TotalsSetting::Detect(false)) => (Totals::Off, false),
        Some(TotalsSetting::Detect(true)) => (Totals::Detect(builtin()), true),
        Some(TotalsSetting::Rule(r)) => match &r.column {
            Some(c) => (
                Totals::Column(c.clone(), lower_words(r.starts_with.as_deref().unwrap_or(&["Total".to_owned()]))),
                r.sums.unwrap_or(false),
            ),
            None => (
                Totals::Detect(r.starts_with.as_deref().map(lower_words).unwrap_or_else(builtin)),
                r.sums.unwrap_or(true),
            ),
        },
    };
    let lower = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.split(number::is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase())
            .collect()
    };
    Ok(TablePlan {
        gwp: carbonbook_core::gas::GwpSet::default(),
        index,
        line,
        target,
        sheet: t.sheet.clone(),
        anchor: t.anchor.clone(),
        header_row: t.header_row,
        header_rows,
        end: lower(&t.end),
        end_at_blank_row: t.end_at_blank_row,
        merged_fill,
        fill_down: t.fill_down.clone(),
        groups: t.groups.clone(),
        skip: t.skip.as_ref().map(|s| (s.column.clone(), s.values.iter().map(|v| v.trim().to_lowercase()).collect())),
        keep: t.keep.as_ref().map(|s| (s.column.clone(), s.values.iter().map(|v| v.trim().to_lowercase()).collect())),
        totals,
        sums,
        unpivot,
        footnotes: t.footnotes.clone(),
        missing: t.missing.clone().unwrap_or_else(|| DEFAULT_MISSING.iter().map(|s| (*s).to_owned()).collect()),
        bounds,
        fields,
    })
}

/// Checks `[table.unpivot]`.
fn unpivot_plan(
    target: &'static SheetSpec,
    u: &UnpivotFile,
    reporting_year: Option<i32>,
) -> Result<Unpivot, Vec<String>> {
    let mut errors = Vec::new();
    let fields = || target.columns.iter().map(|c| c.field.name()).collect::<Vec<_>>().join(", ");
    let (columns, written) = match (&u.columns, &u.after) {
        (Some(UnpivotColumns::Range(r)), None) => match range(r) {
            Some((a, b)) => (Some(ValueColumns::Range(a, b)), format!("columns = \"{r}\"")),
            None => {
                errors.push(format!("columns = \"{r}\": expected a range of column letters such as \"C:N\""));
                (None, String::new())
            }
        },
        (Some(UnpivotColumns::List(names)), None) if !names.is_empty() => {
            (Some(ValueColumns::Named(names.clone())), format!("columns = [{}]", quoted(names)))
        }
        (Some(UnpivotColumns::List(_)), None) => {
            errors.push("columns = []: name at least one column".to_owned());
            (None, String::new())
        }
        (None, Some(a)) => (Some(ValueColumns::After(a.clone())), format!("after = \"{a}\"")),
        _ => {
            errors.push(
                "give exactly one of columns (\"C:N\" or a list of names) and after (the column left of the values)"
                    .to_owned(),
            );
            (None, String::new())
        }
    };
    let field = |key: &str, name: &str| match target.field_named(name) {
        Some(f) => Ok(f),
        None => {
            Err(format!("{key} = \"{name}\" is not a field of {}; its fields are {}", target.sheet.name(), fields()))
        }
    };
    let default_value = if target.sheet == InputSheet::Factors { "value" } else { "quantity" };
    let value_field = match target.sheet {
        InputSheet::Facilities if u.value_field.is_none() => {
            Err("a Facilities table has no figures to unpivot: give value_field".to_owned())
        }
        _ => field("value_field", u.value_field.as_deref().unwrap_or(default_value)),
    };
    let header_field = match (&u.header_field, target.field_index(Field::Period)) {
        (Some(h), _) => field("header_field", h),
        (None, Some(p)) => Ok(p),
        (None, None) => Err(format!(
            "{} has no period: give header_field, the field the header texts go to ({})",
            target.sheet.name(),
            fields()
        )),
    };
    let (value_field, header_field) = match (value_field, header_field) {
        (Ok(v), Ok(h)) if v == h => {
            errors.push("value_field and header_field name the same field".to_owned());
            (0, 0)
        }
        (Ok(v), Ok(h)) => (v, h),
        (v, h) => {
            errors.extend(v.err());
            errors.extend(h.err());
            (0, 0)
        }
    };
    let header_is_period = target.columns.get(header_field).is_some_and(|c| c.field == Field::Period);
    let year = match u.year {
        None => reporting_year,
        Some(y) if (1900..=9999).contains(&y) => i32::try_from(y).ok(),
        Some(y) => {
            errors.push(format!("year = {y}: expected a year from 1900 to 9999"));
            None
        }
    };
    let format = match &u.format {
        Some(_) if !header_is_period => {
            errors.push("format reads headers as dates: it applies when header_field is period".to_owned());
            None
        }
        Some(f) => DateFormat::new(f).map_err(|e| errors.push(e)).ok(),
        None => None,
    };
    match columns {
        Some(columns) if errors.is_empty() => Ok(Unpivot {
            columns,
            written,
            value_field,
            header_field,
            header_is_period,
            year,
            format,
            map: u.map.iter().map(|(a, b)| (normalise(a), b.clone())).collect(),
        }),
        _ => Err(errors),
    }
}

/// `"C:N"` as 0-based column numbers, `C` ≤ `N`.
fn range(r: &str) -> Option<(u32, u32)> {
    let (a, b) = r.split_once(':')?;
    let a = locate::letter(&a.trim().to_ascii_uppercase())?;
    let b = locate::letter(&b.trim().to_ascii_uppercase())?;
    (a <= b).then_some((a, b))
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

fn column(c: &ColumnFile) -> Result<From, String> {
    let given = [c.column.is_some(), c.value.is_some(), c.header_unit.is_some(), c.group == Some(true)];
    let n = given.iter().filter(|g| **g).count();
    if n != 1 {
        return Err(format!(
            "give exactly one of column, value, header_unit or group = true (found {})",
            if n == 0 { "none".to_owned() } else { n.to_string() }
        ));
    }
    if (c.value.is_some() || c.header_unit.is_some()) && (!c.map.is_empty() || c.default.is_some()) {
        return Err("a constant (value, header_unit) takes no map nor default".to_owned());
    }
    if c.format.is_some() && c.column.is_none() {
        return Err("format reads the texts of a column: give it with column = \"…\"".to_owned());
    }
    Ok(if let Some(col) = &c.column {
        From::Column(col.clone())
    } else if let Some(v) = &c.value {
        From::Constant(v.text())
    } else if let Some(col) = &c.header_unit {
        From::HeaderUnit(col.clone())
    } else {
        From::Group
    })
}

/// The target sheet named by `into`.
fn normalise_target(into: &str) -> Option<InputSheet> {
    [InputSheet::Activities, InputSheet::Facilities, InputSheet::Production, InputSheet::Factors]
        .into_iter()
        .find(|s| schema::spec(*s).matches_sheet(into))
}

/// The GWP set the organisation constants name (default AR5).
fn organisation_gwp(organisation: &[(&'static str, Scalar)]) -> carbonbook_core::gas::GwpSet {
    organisation.iter().find(|(n, _)| *n == "gwp").and_then(|(_, v)| v.text().trim().parse().ok()).unwrap_or_default()
}
