//! Reading a supplier's filled communication template: the goods of
//! Summary_Products with the SEE the file states (the cached results of its
//! formulas, as Excel or LibreOffice last computed them), and carbonbook's
//! own recomputation of each SEE from the inputs behind them (D_Processes,
//! E_PurchPrec), with a warning naming the cell wherever the two differ.
//!
//! The recomputation follows the template's method (IR (EU) 2025/2547
//! Annex I §3; the template's InputOutput sheet): for each production
//! process `p`,
//!
//! ```text
//! SEE_dir(p) = (DirEm*(p) + heat imported − heat exported
//!               + Σ_q M(q→p) · SEE_dir(q) + Σ_k M(k→p) · SEE_dir(k)) / AL(p)
//! SEE_ind(p) = (E_el(p) · EF_el(p) + Σ_q M(q→p) · SEE_ind(q) + Σ_k M(k→p) · SEE_ind(k)) / AL(p)
//! ```
//!
//! where `AL` is the process's total production, `q` the other processes
//! and `k` the purchased precursors (`SEE_ind(k)` = MWh/t × EF). Waste
//! gases add `imported TJ × 56.1 − exported TJ × 56.1 × 0.667` and exported
//! electricity subtracts `MWh × EF` from the direct term, as the template
//! computes them.

use std::io::Cursor;

use calamine::{Data, Range, Reader};
use carbonbook_core::arithmetic::{ArithmeticError, add, div, mul, sub, sum};
use rust_decimal::Decimal;

use super::{TEMPLATE_VERSION, TemplateError, text};
use crate::excel_number::from_cell_f64;

/// One good of a supplier's communication (a Summary_Products row).
#[derive(Debug, Clone, PartialEq)]
pub struct SuppliedGood {
    /// Its Summary_Products row (10–109).
    pub row: u32,
    /// The production process it comes from (column D).
    pub process: String,
    /// The CN code, 8 digits (column F).
    pub cn_code: String,
    /// The product name (column H).
    pub product: Option<String>,
    /// SEE (direct) the file states (column I), t CO2e / t.
    pub see_direct: Option<Decimal>,
    /// SEE (indirect) the file states (column J).
    pub see_indirect: Option<Decimal>,
    /// SEE (total) the file states (column K).
    pub see_total: Option<Decimal>,
    /// carbonbook's SEE (direct) from the file's inputs, when recomputed.
    pub recomputed_direct: Option<Decimal>,
    /// carbonbook's SEE (indirect) from the file's inputs, when recomputed.
    pub recomputed_indirect: Option<Decimal>,
}

/// What a supplier's filled communication template says.
#[derive(Debug, Clone, PartialEq)]
pub struct Communication {
    /// The installation's name (A_InstData I20, else I19).
    pub installation: Option<String>,
    /// Its country (A_InstData I26, the template's country name).
    pub country: Option<String>,
    /// Its ISO alpha-2 code, when the template's list has the name.
    pub country_code: Option<String>,
    /// The reporting period's last year (A_InstData L9).
    pub year: Option<i32>,
    /// The goods, in Summary_Products order.
    pub goods: Vec<SuppliedGood>,
    /// Differences between stated and recomputed SEE, and what could not
    /// be checked, each naming its cell.
    pub warnings: Vec<String>,
}

/// The relative difference above which a stated SEE is said to differ from
/// the recomputed one (the file's figures are doubles).
const TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 6);

fn num(range: &Range<Data>, row: u32, col: u32) -> Option<Decimal> {
    match range.get_value((row - 1, col - 1))? {
        Data::Float(f) => from_cell_f64(*f),
        Data::Int(i) => Some(Decimal::from(*i)),
        Data::DateTime(d) => from_cell_f64(d.as_f64()),
        Data::String(s) => s.trim().replace(',', "").parse().ok(),
        _ => None,
    }
}

fn txt(range: &Range<Data>, row: u32, col: u32) -> Option<String> {
    match range.get_value((row - 1, col - 1))? {
        Data::Float(f) if f.fract() == 0.0 => Some(format!("{f:.0}")),
        other => text(Some(other)),
    }
}

/// Reads a filled communication template (the xlsx file's bytes).
///
/// ```
/// use carbonbook_xlsx::cbam_template::read::read_communication;
/// let file = std::fs::read("../../fixtures/cbam/demo-TS1-2026-recalculated.xlsx")?;
/// let c = read_communication(&file)?;
/// assert_eq!(c.country_code.as_deref(), Some("CN"));
/// let pig = &c.goods[0];
/// assert_eq!((pig.process.as_str(), pig.cn_code.as_str()), ("PIG", "72011011"));
/// assert_eq!(pig.see_direct, Some("1.42402".parse()?));
/// assert!(c.warnings.is_empty(), "{:?}", c.warnings);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// Not an xlsx package, or not the version-2 communication template.
pub fn read_communication(bytes: &[u8]) -> Result<Communication, TemplateError> {
    let mut xlsx = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| TemplateError::NotAPackage(e.to_string()))?;
    let mut sheet =
        |name: &str| xlsx.worksheet_range(name).map_err(|_| TemplateError::MissingPart(format!("sheet {name}")));
    let version = sheet("VersionDocumentation")?;
    let v = text(version.get_value((1, 1))).unwrap_or_default();
    if v != TEMPLATE_VERSION {
        return Err(TemplateError::Version(format!("VersionDocumentation!B2 holds {v:?}")));
    }
    let inst = sheet("A_InstData")?;
    let d = sheet("D_Processes")?;
    let e = sheet("E_PurchPrec")?;
    let products = sheet("Summary_Products")?;
    // What the importer is shown: Summary_Communication mirrors
    // Summary_Products (row 26 + i is row 10 + i; I, J the SEE).
    let communication = sheet("Summary_Communication").ok();
    let lists = sheet("c_CodeLists")?;

    let mut warnings = Vec::new();
    let installation = txt(&inst, 20, 9).or_else(|| txt(&inst, 19, 9));
    let country = txt(&inst, 26, 9);
    let country_code = country.as_ref().and_then(|c| {
        (11..=277).find(|r| txt(&lists, *r, 7).as_deref() == Some(c.as_str())).and_then(|r| txt(&lists, r, 6))
    });
    let year = num(&inst, 9, 12).and_then(|serial| {
        let days = i64::try_from(serial.trunc().mantissa()).ok()?;
        let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
        base.checked_add_signed(chrono::TimeDelta::try_days(days)?).map(|d| chrono::Datelike::year(&d))
    });

    // The processes: name (L, else "P1 - category") and category (E), rows 83–92.
    let mut names = Vec::new();
    for p in 0..10u32 {
        let row = 83 + p;
        let name = match (txt(&inst, row, 12), txt(&inst, row, 5)) {
            (Some(n), _) => Some(n),
            (None, Some(cat)) => Some(format!("P{} - {cat}", p + 1)),
            (None, None) => None,
        };
        names.push(name);
    }
    let recomputed = Recompute::new(&d, &e, &names).run(&mut warnings);

    let mut goods = Vec::new();
    for row in 10..=109u32 {
        let Some(process) = txt(&products, row, 4) else { continue };
        let cn_code = txt(&products, row, 6).unwrap_or_default().replace(' ', "");
        let mut g = SuppliedGood {
            row,
            process: process.clone(),
            cn_code,
            product: txt(&products, row, 8),
            see_direct: num(&products, row, 9),
            see_indirect: num(&products, row, 10),
            see_total: num(&products, row, 11),
            recomputed_direct: None,
            recomputed_indirect: None,
        };
        if let Some(c) = &communication {
            for (col, c_col, stated, what) in
                [('I', 9, g.see_direct, "SEE (direct)"), ('J', 10, g.see_indirect, "SEE (indirect)")]
            {
                let shown = num(c, row + 16, c_col);
                if let (Some(shown), Some(stated)) = (shown, stated)
                    && differs(stated, shown)
                {
                    warnings.push(format!(
                        "Summary_Communication!{col}{}: the importer is shown {what} {shown} t CO2e/t for {process}, but Summary_Products!{col}{row} states {stated}",
                        row + 16
                    ));
                }
            }
        }
        if g.see_direct.is_none() {
            warnings.push(format!(
                "Summary_Products!I{row}: no SEE is stored for {process} (the file was not computed and saved by a spreadsheet): carbonbook's recomputation from its inputs is used"
            ));
        }
        match names.iter().position(|n| n.as_deref() == Some(process.as_str())) {
            None => warnings.push(format!(
                "Summary_Products!D{row}: process {process:?} is not one of A_InstData!L83:L92; its SEE cannot be recomputed"
            )),
            Some(p) => {
                if let Some((dir, ind)) = recomputed[p] {
                    g.recomputed_direct = Some(dir);
                    g.recomputed_indirect = Some(ind);
                    for (col, stated, mine, what) in
                        [('I', g.see_direct, dir, "SEE (direct)"), ('J', g.see_indirect, ind, "SEE (indirect)")]
                    {
                        if let Some(stated) = stated
                            && differs(stated, mine)
                        {
                            warnings.push(format!(
                                "Summary_Products!{col}{row}: the file states {what} {stated} t CO2e/t for {process}; carbonbook's recomputation from its inputs (D_Processes, E_PurchPrec) gives {}",
                                mine.round_dp(6)
                            ));
                        }
                    }
                }
            }
        }
        goods.push(g);
    }
    Ok(Communication { installation, country, country_code, year, goods, warnings })
}

/// The emission factor of natural gas the template applies to waste gases,
/// t CO2/TJ (its `CONST_EFNatGas`; IPCC 2006 Guidelines Vol. 2 Table 2.2,
/// natural gas 56,100 kg CO2/TJ).
const NATURAL_GAS_T_CO2_PER_TJ: Decimal = Decimal::from_parts(561, 0, 0, false, 1);

/// The efficiency correction of exported waste gas (IR (EU) 2025/2547
/// Annex I; the template's `0.667`).
const WASTE_GAS_EFFICIENCY_CORRECTION: Decimal = Decimal::from_parts(667, 0, 0, false, 3);

fn differs(stated: Decimal, mine: Decimal) -> bool {
    let scale = stated.abs().max(mine.abs()).max(Decimal::new(1, 3));
    // Checked: a file's numbers may be anything; too far apart to subtract is different.
    match (stated.checked_sub(mine), scale.checked_mul(TOLERANCE)) {
        (Some(d), Some(t)) => d.abs() > t,
        _ => true,
    }
}

/// The recomputation of every process's SEE from the inputs.
struct Recompute<'a> {
    d: &'a Range<Data>,
    e: &'a Range<Data>,
    names: &'a [Option<String>],
}

#[derive(Clone, Copy)]
enum State {
    Todo,
    Busy,
    Done(Option<(Decimal, Decimal)>),
}

impl Recompute<'_> {
    fn new<'a>(d: &'a Range<Data>, e: &'a Range<Data>, names: &'a [Option<String>]) -> Recompute<'a> {
        Recompute { d, e, names }
    }

    fn run(&self, warnings: &mut Vec<String>) -> Vec<Option<(Decimal, Decimal)>> {
        let mut state = vec![State::Todo; self.names.len()];
        (0..self.names.len()).map(|p| self.see(p, &mut state, warnings)).collect()
    }

    fn l(&self, row: usize) -> Decimal {
        num(self.d, row as u32, 12).unwrap_or_default()
    }

    /// Mass of process `q`'s output consumed in process `p`.
    fn consumed(&self, q: usize, p: usize) -> Decimal {
        let r0 = 11 + 65 * q;
        let slot = if p < q { p } else { p - 1 };
        self.l(r0 + 21 + slot)
    }

    fn see(&self, p: usize, state: &mut [State], warnings: &mut Vec<String>) -> Option<(Decimal, Decimal)> {
        match state[p] {
            State::Done(v) => return v,
            State::Busy => {
                warnings.push(format!(
                    "D_Processes: process {} consumes its own output through other processes; its SEE is not recomputed",
                    p + 1
                ));
                return None;
            }
            State::Todo => {}
        }
        state[p] = State::Busy;
        let v = self.compute(p, state, warnings);
        state[p] = State::Done(v);
        v
    }

    fn compute(&self, p: usize, state: &mut [State], warnings: &mut Vec<String>) -> Option<(Decimal, Decimal)> {
        let name = self.names[p].as_ref()?;
        let r0 = 11 + 65 * p;
        let result = self.balance(p, r0, state, warnings);
        if result.is_err() {
            warnings.push(format!(
                "D_Processes!L{}: process {name}: its figures are too large to recompute exactly; its stated SEE are taken as they are",
                r0 + 13
            ));
        }
        match result {
            Ok(Some((_, _, al))) if al.is_zero() => {
                warnings.push(format!(
                    "D_Processes!L{}: process {name} has no production; its SEE is not recomputed",
                    r0 + 13
                ));
                None
            }
            Ok(Some((direct, indirect, al))) => Some((div(direct, al).ok()?, div(indirect, al).ok()?)),
            _ => None,
        }
    }

    /// The attributed direct and indirect emissions of process `p` and its
    /// activity level, all checked: a file's numbers may be anything.
    #[allow(clippy::type_complexity)]
    fn balance(
        &self,
        p: usize,
        r0: usize,
        state: &mut [State],
        warnings: &mut Vec<String>,
    ) -> Result<Option<(Decimal, Decimal, Decimal)>, ArithmeticError> {
        let al = sum((5..=12).map(|i| self.l(r0 + i)))?;
        if al.is_zero() {
            return Ok(Some((Decimal::ZERO, Decimal::ZERO, al)));
        }
        let m = |row: usize, col: u32| num(self.d, row as u32, col).unwrap_or_default();
        // Waste gases (IR (EU) 2025/2547 Annex I, the template's D_Processes
        // (h)): imported at natural gas's factor, exported credited at that
        // factor × 0.667 (the efficiency correction); exported electricity
        // (k) is deducted at its own factor.
        let waste_gas = sub(
            mul(m(r0 + 50, 12), NATURAL_GAS_T_CO2_PER_TJ)?,
            mul(mul(m(r0 + 50, 13), NATURAL_GAS_T_CO2_PER_TJ)?, WASTE_GAS_EFFICIENCY_CORRECTION)?,
        )?;
        let exported_el = mul(m(r0 + 60, 12), m(r0 + 61, 12))?;
        let heat = sub(mul(m(r0 + 46, 12), m(r0 + 47, 12))?, mul(m(r0 + 46, 13), m(r0 + 47, 13))?)?;
        let mut direct = sub(sum([self.l(r0 + 43), heat, waste_gas])?, exported_el)?;
        let mut indirect = mul(self.l(r0 + 54), self.l(r0 + 55))?;
        for q in 0..self.names.len() {
            if q == p || self.names[q].is_none() {
                continue;
            }
            let mass = self.consumed(q, p);
            if mass.is_zero() {
                continue;
            }
            let Some((sd, si)) = self.see(q, state, warnings) else { return Ok(None) };
            direct = add(direct, mul(mass, sd)?)?;
            indirect = add(indirect, mul(mass, si)?)?;
        }
        for k in 0..20usize {
            let e0 = 14 + 44 * k;
            let mass = num(self.e, (e0 + 14 + p) as u32, 12).unwrap_or_default();
            if mass.is_zero() {
                continue;
            }
            let e = |row: usize| num(self.e, row as u32, 12).unwrap_or_default();
            direct = add(direct, mul(mass, e(e0 + 35))?)?;
            indirect = add(indirect, mul(mul(mass, e(e0 + 36))?, e(e0 + 37))?)?;
        }
        Ok(Some((direct, indirect, al)))
    }
}

/// The `CBAM imports` rows of a communication (workbook-v2 §8): year, CN
/// code, origin and the stated SEE of each good (carbonbook's
/// recomputation where the file stores none), as CSV with the sheet's
/// header; `quarter` and `quantity_t` are left for the importer.
pub fn imports_csv(c: &Communication) -> String {
    let mut out = String::from("year,quarter,good_id,cn_code,origin,quantity_t,see_direct,see_indirect\n");
    let field = |s: &str| {
        if s.contains([',', '"', '\n']) || s.starts_with(['=', '+', '-', '@']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    for g in &c.goods {
        let id =
            format!("{} | {}", c.installation.as_deref().unwrap_or("?"), g.product.as_deref().unwrap_or(&g.process));
        let line = [
            c.year.map(|y| y.to_string()).unwrap_or_default(),
            String::new(),
            field(&id),
            g.cn_code.clone(),
            c.country_code.clone().unwrap_or_default(),
            String::new(),
            g.see_direct.or(g.recomputed_direct).map(|v| v.normalize().to_string()).unwrap_or_default(),
            g.see_indirect.or(g.recomputed_indirect).map(|v| v.normalize().to_string()).unwrap_or_default(),
        ];
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
