//! The Commission's "CBAM Communication template for installations": filling
//! the input cells of the official blank template from a book's CBAM goods
//! of one installation and year.
//!
//! Only the input cells' XML inside the package is patched: cells are
//! written as inline strings and numbers (the shared strings stay as they
//! are), `fullCalcOnLoad` is set on the workbook so that a spreadsheet
//! recomputes on open, and every other entry of the zip package — sheets,
//! formulas, defined names, protection, the VersionDocumentation block — is
//! copied byte for byte. The template's own code lists (CN codes → goods
//! categories, countries, production routes) are read from the template.
//!
//! What is written (cells of version 2.1.1):
//!
//! * `A_InstData`: the reporting period (I9, L9: 1 January – 31 December),
//!   the installation's name, economic activity and country (I19, I20,
//!   I22, I26); one goods category per row from 62 with its routes; one
//!   production process per good (rows 83–92: category, "only direct
//!   production", the good_id as the process name); one purchased
//!   precursor per bought-in precursor (rows 102–121).
//! * `D_Processes`, one block per process: production by route, produced
//!   for the market, consumed in the other processes, DirEm* (the good's
//!   attributed direct emissions), electricity MWh and emission factor.
//! * `E_PurchPrec`, one block per purchased precursor: t purchased and
//!   consumed in each process, SEE (direct) with Measured/Default, and the
//!   SEE (indirect) as MWh/t × EF (see [`Filled::notes`]).
//! * `B_EmInst`: the installation's fuels and process materials as source streams.
//! * `C_Emissions&Energy!M26`: the installation's indirect emissions.
//! * `Summary_Products`: one row per good (process, CN code, product name).
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let results: carbonbook_core::Results = unimplemented!();
//! use carbonbook_xlsx::cbam_template::CommunicationTemplate;
//! let template = CommunicationTemplate::new(std::fs::read("communication_template.xlsx")?)?;
//! let filled = template.fill(&results, "TS1", 2026)?;
//! std::fs::write("TS1-2026.xlsx", &filled.bytes)?;
//! for note in &filled.notes {
//!     eprintln!("note: {note}");
//! }
//! # Ok(()) }
//! ```

mod package;
pub mod read;

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader};
use carbonbook_core::Results;
use carbonbook_core::cbam::{DataSource, GoodFigures};
use rust_decimal::Decimal;

pub use package::CellValue;
use package::{Package, set_cell, set_full_calc_on_load, sheet_parts};

use crate::excel_number::to_f64_lossy;

/// The version block the writer knows (`VersionDocumentation!B2`).
pub const TEMPLATE_VERSION: &str = "CBAM communication SEE Version 2";

/// Processes, purchased precursors and goods categories the template holds.
const MAX_PROCESSES: usize = 10;
const MAX_PURCHASED: usize = 20;
const MAX_CATEGORIES: usize = 10;
const MAX_ROUTES: usize = 6;

/// Why a communication template cannot be filled.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TemplateError {
    /// The file is not a zip package (xlsx).
    #[error("the template is not an xlsx package: {0}")]
    NotAPackage(String),
    /// A part the template must have is missing.
    #[error("the template has no {0}: is it the Commission's CBAM communication template?")]
    MissingPart(String),
    /// The template is of another version or layout.
    #[error("the template is not the CBAM communication template version 2 ({0})")]
    Version(String),
    /// An edit would touch a cell that is not an empty input cell.
    #[error("{cell} is not an input cell of the template: {why}")]
    NotAnInputCell {
        /// `Sheet!A1`.
        cell: String,
        /// Why.
        why: String,
    },
    /// The book has no CBAM goods for the installation and year.
    #[error(
        "the book has no CBAM goods of installation {installation} in {year}{}",
        if available.is_empty() { String::new() } else { format!(" (CBAM goods are of: {})", available.join(", ")) }
    )]
    NoGoods {
        /// The facility_id asked for.
        installation: String,
        /// The year asked for.
        year: i32,
        /// The installation/year pairs the book has.
        available: Vec<String>,
    },
    /// Something of the book does not fit the template.
    #[error("{0}")]
    DoesNotFit(String),
}

/// The Commission's blank communication template, read once.
pub struct CommunicationTemplate {
    package: Package,
    parts: BTreeMap<String, String>,
    /// 8-digit CN code → the template's aggregated goods category.
    cn_categories: BTreeMap<String, String>,
    /// ISO alpha-2 code → the template's country name.
    countries: BTreeMap<String, String>,
    /// Goods category → its production routes (the template's order).
    routes: BTreeMap<String, Vec<String>>,
    /// The text of "Only direct production".
    only_direct: String,
    /// B_EmInst's choices, as the template spells them: monitoring
    /// approaches (combustion, process emissions, mass balance), activity
    /// units (t, 1000Nm3), emission-factor units (tCO2/TJ, tCO2/t,
    /// tCO2/1000Nm3).
    approaches: Vec<String>,
    activity_units: Vec<String>,
    factor_units: Vec<String>,
    /// Summary_Products' carbon-price choices: instrument types (carbon
    /// tax … national ETS …) and rebate types (free allocation …).
    price_instruments: Vec<String>,
    rebate_types: Vec<String>,
}

/// A filled template.
#[derive(Debug)]
pub struct Filled {
    /// The xlsx package.
    pub bytes: Vec<u8>,
    /// Each input cell written: `(sheet, cell, value)`, in writing order.
    pub cells: Vec<(String, String, CellValue)>,
    /// What the book could not say and the user should check or fill
    /// in the file (each naming its cell).
    pub notes: Vec<String>,
}

fn text(d: Option<&Data>) -> Option<String> {
    match d? {
        Data::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        _ => None,
    }
}

impl CommunicationTemplate {
    /// Reads the blank template (the xlsx file's bytes) and its code lists.
    ///
    /// # Errors
    ///
    /// Not an xlsx package, or not the version-2 communication template.
    pub fn new(bytes: Vec<u8>) -> Result<CommunicationTemplate, TemplateError> {
        let package = Package::new(bytes)?;
        let workbook = package.text("xl/workbook.xml")?;
        let rels = package.text("xl/_rels/workbook.xml.rels")?;
        let parts = sheet_parts(&workbook, &rels);
        let mut xlsx =
            calamine::Xlsx::new(Cursor::new(package.raw())).map_err(|e| TemplateError::NotAPackage(e.to_string()))?;
        let range = |x: &mut calamine::Xlsx<_>, name: &str| {
            x.worksheet_range(name).map_err(|_| TemplateError::MissingPart(format!("sheet {name}")))
        };
        let version = range(&mut xlsx, "VersionDocumentation")?;
        let v = text(version.get_value((1, 1))).unwrap_or_default();
        if v != TEMPLATE_VERSION {
            return Err(TemplateError::Version(format!("VersionDocumentation!B2 holds {v:?}")));
        }
        for sheet in ["A_InstData", "B_EmInst", "C_Emissions&Energy", "D_Processes", "E_PurchPrec", "Summary_Products"]
        {
            if !parts.contains_key(sheet) {
                return Err(TemplateError::MissingPart(format!("sheet {sheet}")));
            }
        }
        let cn = range(&mut xlsx, "Parameters_CNCodes")?;
        let mut cn_categories = BTreeMap::new();
        for r in 3..cn.end().map_or(0, |e| e.0 + 1) {
            if let (Some(key), Some(cat)) = (text(cn.get_value((r, 3))), text(cn.get_value((r, 4)))) {
                cn_categories.insert(key, cat);
            }
        }
        let lists = range(&mut xlsx, "c_CodeLists")?;
        let mut countries = BTreeMap::new();
        for r in 10..277 {
            if let (Some(code), Some(name)) = (text(lists.get_value((r, 5))), text(lists.get_value((r, 6)))) {
                countries.insert(code, name);
            }
        }
        let constants = range(&mut xlsx, "Parameters_Constants")?;
        let mut routes = BTreeMap::new();
        for r in 88..106 {
            if let Some(cat) = text(constants.get_value((r, 0))) {
                let list: Vec<String> = (6..16).filter_map(|c| text(constants.get_value((r, c)))).collect();
                routes.insert(cat, list);
            }
        }
        let choices = |row: u32, cols: std::ops::RangeInclusive<u32>| -> Vec<String> {
            cols.filter_map(|c| text(constants.get_value((row, c)))).collect()
        };
        let approaches = choices(55, 1..=3);
        let price_instruments = choices(44, 2..=8);
        let rebate_types = choices(45, 2..=6);
        let activity_units = choices(22, 1..=2);
        let factor_units = choices(46, 1..=3);
        if approaches.len() != 3
            || activity_units.len() != 2
            || factor_units.len() != 3
            || price_instruments.len() < 4
            || rebate_types.is_empty()
        {
            return Err(TemplateError::Version(
                "its B_EmInst lists (Parameters_Constants rows 23, 47, 56) are not where version 2.1.1 has them"
                    .to_owned(),
            ));
        }
        let inst = range(&mut xlsx, "A_InstData")?;
        let only_direct = text(inst.get_value((60, 18))).unwrap_or_else(|| "Only direct production".to_owned());
        if cn_categories.is_empty() || routes.is_empty() {
            return Err(TemplateError::Version("its code lists are empty".to_owned()));
        }
        Ok(CommunicationTemplate {
            package,
            parts,
            cn_categories,
            countries,
            routes,
            only_direct,
            approaches,
            activity_units,
            factor_units,
            price_instruments,
            rebate_types,
        })
    }

    /// The template's aggregated goods category of an 8-digit CN code.
    ///
    /// ```
    /// use carbonbook_xlsx::cbam_template::CommunicationTemplate;
    /// let blank = std::fs::read("../../fixtures/cbam/communication_template.xlsx")?;
    /// let template = CommunicationTemplate::new(blank)?;
    /// assert_eq!(template.category_of("72011011"), Some("Pig iron"));
    /// assert_eq!(template.category_of("25231000"), Some("Cement clinker"));
    /// assert_eq!(template.category_of("01012100"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn category_of(&self, cn_digits: &str) -> Option<&str> {
        self.cn_categories.get(cn_digits).map(String::as_str)
    }

    /// Fills the template with the CBAM goods of `installation` (a
    /// facility_id) in `year`.
    ///
    /// # Errors
    ///
    /// No goods of that installation and year, more processes, precursors
    /// or categories than the template holds, a CN code the template does
    /// not list, or a template whose input cells are not where version 2.1.1
    /// has them.
    pub fn fill(&self, results: &Results, installation: &str, year: i32) -> Result<Filled, TemplateError> {
        let cbam = results.cbam.as_ref();
        let goods: Vec<&GoodFigures> = cbam
            .map(|c| c.goods.iter().filter(|g| g.facility_id == installation && g.year == year).collect())
            .unwrap_or_default();
        if goods.is_empty() {
            let mut available: Vec<String> = cbam
                .map(|c| c.goods.iter().map(|g| format!("{} {}", g.facility_id, g.year)).collect())
                .unwrap_or_default();
            available.dedup();
            return Err(TemplateError::NoGoods { installation: installation.to_owned(), year, available });
        }
        let facility = results.facilities.iter().find(|f| f.id == installation);
        let mut w = Writer { cells: Vec::new(), notes: Vec::new() };
        self.plan(&mut w, &goods, facility, year, results.organisation.currency.code())?;
        self.source_streams(&mut w, results, installation, year);

        let mut texts: BTreeMap<String, String> = BTreeMap::new();
        for (sheet, cell, value) in &w.cells {
            let part = &self.parts[sheet.as_str()];
            if !texts.contains_key(part) {
                texts.insert(part.clone(), self.package.text(part)?);
            }
            let xml = texts.get_mut(part).expect("inserted above");
            set_cell(xml, sheet, cell, value)?;
        }
        let mut workbook = self.package.text("xl/workbook.xml")?;
        set_full_calc_on_load(&mut workbook);
        texts.insert("xl/workbook.xml".to_owned(), workbook);
        let bytes = self.package.rewrite(&texts)?;
        Ok(Filled { bytes, cells: w.cells, notes: w.notes })
    }

    /// B_EmInst rows 17–91: one source stream per fuel burnt in the
    /// installation's stationary combustion and per process material of
    /// its book rows, written so that the template's own formula gives
    /// carbonbook's tonnes: a fuel as activity × NCV × EF with the NCV and
    /// EF the rows come to (energy ÷ quantity, CO2 ÷ energy) and an
    /// oxidation factor of 100 %; a process material as activity × EF
    /// (t CO2e ÷ t). Vehicles' fuels are left out, as the template's
    /// guidance asks; purchased electricity and heat are not source streams.
    fn source_streams(&self, w: &mut Writer, results: &Results, installation: &str, year: i32) {
        use carbonbook_core::arithmetic::div;
        use carbonbook_core::scope::SourceCategory;
        use carbonbook_core::units::{Dimension, Quantity, Unit};
        const B: &str = "B_EmInst";
        const FIRST: usize = 17;
        const LAST: usize = 91;
        if year != results.organisation.reporting_year {
            w.notes.push(format!(
                "B_EmInst: the book's activity rows are of {}, not {year}: no source streams are written; fill them in the file",
                results.organisation.reporting_year
            ));
            return;
        }
        let Some(fi) = results.facility_ids.iter().position(|id| id == installation) else { return };
        let mut row = FIRST;
        for a in results.by_activity.iter().filter(|a| a.facility == fi) {
            let process = match a.source {
                SourceCategory::StationaryCombustion => false,
                SourceCategory::Process => true,
                _ => continue,
            };
            let name = carbonbook_core::factors::activity_names(&a.activity).map_or(a.activity.as_str(), |n| n.0);
            // The template takes t or 1000 Nm3.
            let q = Quantity::new(a.quantity, a.unit);
            let (quantity, unit) = match (a.unit.dimension(), a.unit) {
                (Dimension::Mass, _) => (q.to(Unit::Tonne).map(|q| q.value()), 0),
                (_, Unit::NormalCubicMetre | Unit::TenThousandNormalCubicMetres) if !process => {
                    (q.to(Unit::NormalCubicMetre).and_then(|q| Ok(div(q.value(), Decimal::ONE_THOUSAND)?)), 1)
                }
                _ => {
                    w.notes.push(format!(
                        "B_EmInst: {name} is given in {}, which the template does not take (t or 1000Nm3): add it as a source stream in the file",
                        a.unit.symbol()
                    ));
                    continue;
                }
            };
            let co2 =
                carbonbook_core::arithmetic::sum(a.gases.iter().filter(|(g, _)| g.symbol() == "CO2").map(|(_, t)| *t))
                    .unwrap_or_default();
            let figures = quantity.ok().and_then(|qty| {
                if process {
                    Some((qty, None, div(a.t_co2e, qty).ok()?))
                } else {
                    let ncv = div(a.energy_gj, qty).ok()?;
                    let ef = div(co2, a.energy_gj).ok()?.checked_mul(Decimal::ONE_THOUSAND)?;
                    Some((qty, Some(ncv), ef))
                }
            });
            let Some((qty, ncv, ef)) = figures.filter(|(q, _, _)| !q.is_zero()) else {
                w.notes.push(format!("B_EmInst: {name} has no quantity or energy to write as a source stream"));
                continue;
            };
            if row > LAST {
                w.notes.push(format!("B_EmInst: more source streams than the template's rows {FIRST}–{LAST}; {name} and the rest are left out"));
                break;
            }
            w.text(B, &format!("D{row}"), &self.approaches[usize::from(process)]);
            w.text(B, &format!("E{row}"), name);
            w.num(B, &format!("F{row}"), qty);
            w.text(B, &format!("G{row}"), &self.activity_units[unit]);
            w.num(B, &format!("J{row}"), ef);
            match ncv {
                Some(ncv) => {
                    w.num(B, &format!("H{row}"), ncv);
                    w.text(B, &format!("K{row}"), &self.factor_units[0]);
                    w.num(B, &format!("N{row}"), Decimal::ONE_HUNDRED);
                }
                None => {
                    w.text(B, &format!("K{row}"), &self.factor_units[1]);
                    w.num(B, &format!("P{row}"), Decimal::ONE_HUNDRED);
                }
            }
            row += 1;
        }
    }

    fn category(&self, cn: &carbonbook_core::cbam::CnCode, what: &str) -> Result<String, TemplateError> {
        self.category_of(cn.cn8()).map(str::to_owned).ok_or_else(|| {
            TemplateError::DoesNotFit(format!(
                "{what}: CN {cn} is not in the template's list of CN codes (Parameters_CNCodes): give the 8-digit code of the good"
            ))
        })
    }

    /// The template's route of a good: the first of the category's routes
    /// whose words the book's free-text route contains, else "Other
    /// production routes" (a route given) or "Unknown production routes".
    fn route(&self, category: &str, given: Option<&str>) -> Option<(usize, String)> {
        let list = self.routes.get(category)?;
        if list.len() <= 1 {
            return None; // "All production routes": nothing to choose
        }
        let given = given.map(str::to_lowercase).unwrap_or_default();
        let words = |r: &str| -> Vec<String> {
            r.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 3 && !matches!(*w, "route" | "routes" | "production" | "process"))
                .map(str::to_owned)
                .collect()
        };
        let abbreviations: &[(&str, &str)] =
            &[("bf", "blast"), ("bof", "oxygen"), ("eaf", "electric"), ("dri", "reduced"), ("smr", "reforming")];
        let tokens: Vec<&str> = given.split(|c: char| !c.is_alphanumeric()).collect();
        let hit = list.iter().position(|r| {
            let w = words(r);
            // Two of the route's words (or its only one) in the book's text.
            (!w.is_empty() && w.iter().filter(|w| given.contains(w.as_str())).count() >= w.len().min(2))
                || abbreviations.iter().any(|(a, word)| tokens.contains(a) && w.iter().any(|x| x == word))
        });
        let pick = |name: &str| list.iter().position(|r| r.to_lowercase().starts_with(name));
        let i = match hit {
            Some(i) => i,
            None if given.is_empty() => pick("unknown")?,
            None => pick("other")?,
        };
        Some((i, list[i].clone()))
    }

    fn plan(
        &self,
        w: &mut Writer,
        goods: &[&GoodFigures],
        facility: Option<&carbonbook_core::inventory::Facility>,
        year: i32,
        currency: &str,
    ) -> Result<(), TemplateError> {
        if goods.len() > MAX_PROCESSES {
            return Err(TemplateError::DoesNotFit(format!(
                "installation {} has {} CBAM goods in {year}; the template holds {MAX_PROCESSES} production processes",
                goods[0].facility_id,
                goods.len()
            )));
        }
        const A: &str = "A_InstData";
        // Reporting period: the calendar year, as Excel date serials.
        w.num(A, "I9", Decimal::from(excel_date(year, 1, 1)));
        w.num(A, "L9", Decimal::from(excel_date(year, 12, 31)));
        // The installation.
        let id = &goods[0].facility_id;
        match facility {
            Some(f) => {
                let name = if f.name.is_empty() { f.id.clone() } else { f.name.clone() };
                w.text(A, "I19", &name);
                w.text(A, "I20", &name);
                if let Some(sector) = &f.sector {
                    w.text(A, "I22", sector);
                }
                match self.countries.get(&f.country.to_uppercase()) {
                    Some(country) => w.text(A, "I26", country),
                    None => w.notes.push(format!(
                        "A_InstData!I26: country {:?} of facility {id} is not in the template's list: choose it there",
                        f.country
                    )),
                }
            }
            None => w.text(A, "I20", id),
        }
        w.notes.push(
            "A_InstData!I21:I32: the book has no street, post code, city, UNLOCODE, coordinates or contact of the installation: fill them in"
                .to_owned(),
        );

        // Goods categories (with the routes used) and one process per good.
        let mut categories: Vec<(String, Vec<String>)> = Vec::new();
        let mut process_category = Vec::new();
        let mut process_route = Vec::new();
        for g in goods {
            let cat = self.category(&g.cn_code, &format!("good {}", g.good_id))?;
            let route = self.route(&cat, g.route.as_deref());
            if let (Some((_, r)), Some(given)) = (&route, &g.route)
                && r.to_lowercase().starts_with("other")
            {
                w.notes.push(format!(
                    "good {}: route {given:?} matches none of the template's routes for {cat}; written as {r:?}",
                    g.good_id
                ));
            }
            add_category(&mut categories, &cat, route.as_ref().map(|r| r.1.clone()));
            process_category.push(cat);
            process_route.push(route);
        }
        // Purchased precursors: bought in with their own figures.
        let mut purchased: Vec<Purchased> = Vec::new();
        for (p, g) in goods.iter().enumerate() {
            for c in g.precursors.iter().filter(|c| !c.from_book) {
                let cat = match &c.cn_code {
                    Some(cn) => self.category(cn, &format!("precursor {:?} of good {}", c.precursor, g.good_id))?,
                    None if c.see_direct.is_zero() && c.see_indirect.is_zero() => {
                        w.notes.push(format!(
                            "good {}: precursor {:?} has no CN code and no embedded emissions; it is not listed among the purchased precursors",
                            g.good_id, c.precursor
                        ));
                        continue;
                    }
                    None => {
                        w.notes.push(format!(
                            "good {}: precursor {:?} has no CN code; listed under the good's category {}",
                            g.good_id, c.precursor, process_category[p]
                        ));
                        process_category[p].clone()
                    }
                };
                let entry = match purchased.iter_mut().position(|x| x.name == c.precursor) {
                    Some(i) => &mut purchased[i],
                    None => {
                        purchased.push(Purchased {
                            name: c.precursor.clone(),
                            category: cat.clone(),
                            see_direct: c.see_direct,
                            see_indirect: c.see_indirect,
                            source: c.source,
                            consumed: vec![Decimal::ZERO; goods.len()],
                        });
                        purchased.last_mut().expect("pushed")
                    }
                };
                if entry.see_direct != c.see_direct || entry.see_indirect != c.see_indirect {
                    return Err(TemplateError::DoesNotFit(format!(
                        "precursor {:?} is given with different figures for different goods; the template holds one SEE per purchased precursor",
                        c.precursor
                    )));
                }
                entry.consumed[p] += c.mass_t;
            }
        }
        if purchased.len() > MAX_PURCHASED {
            return Err(TemplateError::DoesNotFit(format!(
                "{} purchased precursors; the template holds {MAX_PURCHASED}",
                purchased.len()
            )));
        }
        for p in &purchased {
            add_category(&mut categories, &p.category, None);
        }
        if categories.len() > MAX_CATEGORIES {
            return Err(TemplateError::DoesNotFit(format!(
                "{} goods categories; the template holds {MAX_CATEGORIES}",
                categories.len()
            )));
        }
        // Purchased-precursor categories are not produced here: list only
        // the goods' own categories in section 4(a).
        let produced: Vec<&(String, Vec<String>)> =
            categories.iter().filter(|(c, _)| process_category.contains(c)).collect();
        for (i, (cat, routes)) in produced.iter().enumerate() {
            let row = 62 + i;
            w.text(A, &format!("E{row}"), cat);
            if routes.len() > MAX_ROUTES {
                return Err(TemplateError::DoesNotFit(format!("{cat}: more than {MAX_ROUTES} routes")));
            }
            for (k, r) in routes.iter().enumerate() {
                w.text(A, &format!("{}{row}", col(8 + k)), r);
            }
        }
        for (p, g) in goods.iter().enumerate() {
            let row = 83 + p;
            w.text(A, &format!("E{row}"), &process_category[p]);
            w.text(A, &format!("F{row}"), &self.only_direct);
            w.text(A, &format!("L{row}"), &g.good_id);
        }
        for (k, pp) in purchased.iter().enumerate() {
            let row = 102 + k;
            w.text(A, &format!("E{row}"), &pp.category);
            if let Some((_, r)) = self.route(&pp.category, None) {
                w.text(A, &format!("G{row}"), &r);
            }
            w.text(A, &format!("L{row}"), &pp.name);
            w.notes.push(format!(
                "A_InstData!F{row}: the book does not say where precursor {:?} was produced: choose its country code",
                pp.name
            ));
        }

        // D_Processes: one 65-row block per process.
        const D: &str = "D_Processes";
        let mut indirect_total = Decimal::ZERO;
        for (p, g) in goods.iter().enumerate() {
            let r0 = 11 + 65 * p;
            let route_index = process_route[p].as_ref().map_or(0, |r| r.0);
            w.num(D, &format!("L{}", r0 + 5 + route_index), g.quantity_t);
            let mut consumed_here = Decimal::ZERO;
            for (q, other) in goods.iter().enumerate() {
                if q == p {
                    continue;
                }
                let m: Decimal =
                    other.precursors.iter().filter(|c| c.from_book && c.precursor == g.good_id).map(|c| c.mass_t).sum();
                if m.is_zero() {
                    continue;
                }
                // The rows list the other processes in order, skipping this one.
                let slot = if q < p { q } else { q - 1 };
                w.num(D, &format!("L{}", r0 + 21 + slot), m);
                consumed_here += m;
            }
            let market = g.quantity_t - consumed_here;
            if market.is_sign_negative() && !market.is_zero() {
                w.notes.push(format!(
                    "D_Processes!L{}: the other goods consume {consumed_here} t of {}, more than the {} t produced: the template's control (L{}) will show the difference",
                    r0 + 16,
                    g.good_id,
                    g.quantity_t,
                    r0 + 31
                ));
            } else {
                w.num(D, &format!("L{}", r0 + 16), market);
            }
            w.num(D, &format!("L{}", r0 + 43), g.direct_t);
            w.num(D, &format!("L{}", r0 + 54), g.electricity_mwh);
            w.num(D, &format!("L{}", r0 + 55), g.electricity_factor);
            indirect_total += g.indirect_t;
            // Precursors of the book consumed here but produced at another
            // installation: the template cannot see them.
            for c in g.precursors.iter().filter(|c| c.from_book) {
                if !goods.iter().any(|o| o.good_id == c.precursor) {
                    return Err(TemplateError::DoesNotFit(format!(
                        "good {}: its precursor {} is a good of another installation or year; give it as a bought-in precursor with its figures",
                        g.good_id, c.precursor
                    )));
                }
            }
        }
        w.notes.push(
            "D_Processes L(+56): the source of each electricity emission factor is not chosen; carbonbook's factors and their sources are in its results"
                .to_owned(),
        );
        w.num("C_Emissions&Energy", "M26", indirect_total);

        // E_PurchPrec: one 44-row block per purchased precursor.
        const E: &str = "E_PurchPrec";
        for (k, pp) in purchased.iter().enumerate() {
            let r0 = 14 + 44 * k;
            let route_index = self.route(&pp.category, None).map_or(0, |r| r.0);
            let total: Decimal = pp.consumed.iter().copied().sum();
            w.num(E, &format!("L{}", r0 + 3 + route_index), total);
            for (p, m) in pp.consumed.iter().enumerate() {
                if !m.is_zero() {
                    w.num(E, &format!("L{}", r0 + 14 + p), *m);
                }
            }
            w.num(E, &format!("L{}", r0 + 35), pp.see_direct);
            let source = match pp.source {
                DataSource::Default => "Default",
                _ => "Measured",
            };
            w.text(E, &format!("M{}", r0 + 35), source);
            w.num(E, &format!("L{}", r0 + 36), pp.see_indirect);
            w.num(E, &format!("L{}", r0 + 37), Decimal::ONE);
            w.notes.push(format!(
                "E_PurchPrec!L{}:L{}: the book gives precursor {:?}'s SEE (indirect) only; it is written as {} MWh/t at 1 t CO2/MWh so that L{} = SEE (indirect): replace them with the supplier's MWh/t and emission factor",
                r0 + 36,
                r0 + 37,
                pp.name,
                pp.see_indirect,
                r0 + 38
            ));
        }

        // Summary_Products: one row per good.
        const S: &str = "Summary_Products";
        for (p, g) in goods.iter().enumerate() {
            let row = 10 + p;
            w.text(S, &format!("D{row}"), &g.good_id);
            w.text(S, &format!("F{row}"), g.cn_code.cn8());
            w.text(S, &format!("H{row}"), &g.good_id);
            // The carbon price due in China, where the book has the works'
            // ETS account (a draft rule: carbonbook_core::cbam::carbon_price).
            if let Some(cp) = &g.carbon_price {
                w.text(S, &format!("AL{row}"), &self.price_instruments[3]);
                w.num(S, &format!("AM{row}"), cp.share_covered);
                w.text(S, &format!("AP{row}"), currency);
                w.num(S, &format!("AR{row}"), cp.due_per_t);
                w.text(S, &format!("AT{row}"), &self.rebate_types[0]);
                w.num(S, &format!("AU{row}"), cp.share_covered.checked_mul(cp.free_share).unwrap_or(cp.share_covered));
                w.num(S, &format!("AX{row}"), cp.rebate_per_t);
                w.notes.push(format!(
                    "Summary_Products!AL{row}:AX{row}: the carbon price due on {} is carbonbook's reading of the draft implementing act under Art. 9 (Ares(2026)4841230, not adopted): {} {currency}/t due, {} {currency}/t free-allocation rebate; check it before sending",
                    g.good_id,
                    cp.due_per_t.round_dp(2),
                    cp.rebate_per_t.round_dp(2)
                ));
            }
        }
        if goods.iter().all(|g| g.carbon_price.is_none()) {
            w.notes.push(
                "Summary_Products AL:AX: the book gives no trading account with a price for this installation and year, so no carbon price due is written; state it there where one applies"
                    .to_owned(),
            );
        }
        Ok(())
    }
}

struct Purchased {
    name: String,
    category: String,
    see_direct: Decimal,
    see_indirect: Decimal,
    source: DataSource,
    consumed: Vec<Decimal>,
}

struct Writer {
    cells: Vec<(String, String, CellValue)>,
    notes: Vec<String>,
}

impl Writer {
    fn text(&mut self, sheet: &str, cell: &str, value: &str) {
        self.cells.push((sheet.to_owned(), cell.to_owned(), CellValue::Text(value.to_owned())));
    }

    fn num(&mut self, sheet: &str, cell: &str, value: Decimal) {
        self.cells.push((sheet.to_owned(), cell.to_owned(), CellValue::Number(to_f64_lossy(value))));
    }
}

fn add_category(categories: &mut Vec<(String, Vec<String>)>, cat: &str, route: Option<String>) {
    let i = match categories.iter().position(|(c, _)| c == cat) {
        Some(i) => i,
        None => {
            categories.push((cat.to_owned(), Vec::new()));
            categories.len() - 1
        }
    };
    if let Some(r) = route
        && !categories[i].1.contains(&r)
    {
        categories[i].1.push(r);
    }
}

/// Column letters of a 0-based index (A = 0).
fn col(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Excel's serial number of a date (1900 date system).
fn excel_date(year: i32, month: u32, day: u32) -> i64 {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid");
    chrono::NaiveDate::from_ymd_opt(year, month, day).map_or(0, |d| (d - base).num_days())
}

#[cfg(test)]
mod tests;
