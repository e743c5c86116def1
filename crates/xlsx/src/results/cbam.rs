//! The CBAM sheet: every figure of every good, precursor and import line,
//! so that a verifier can retrace each one (workbook-v2 §8). Written only
//! when the book has CBAM rows.

use carbonbook_core::cbam::{Cbam, DirectBasis, ElectricityFactorBasis};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet};

use crate::excel_number::to_f64_lossy;
use crate::style;
use crate::write_error::WriteError;

/// The sheet's name.
pub(super) const SHEET: &str = "CBAM";

/// A cell of a table row.
enum C<'a> {
    T(&'a str),
    S(String),
    /// Tonnes, money: the run's figure format.
    N(Decimal),
    /// Specific figures and factors: more places.
    F(Decimal),
    O(Option<Decimal>),
    Y(i32),
    B(bool),
}

struct Writer<'s> {
    sheet: &'s mut Worksheet,
    row: u32,
    figure: Format,
    fine: Format,
    year: Format,
}

impl Writer<'_> {
    fn title(&mut self, text: &str) -> Result<(), WriteError> {
        self.sheet.write_string_with_format(self.row, 0, text, &style::section())?;
        self.row += 1;
        Ok(())
    }

    fn header(&mut self, columns: &[&str]) -> Result<(), WriteError> {
        let h = style::header();
        for (c, t) in (0..).zip(columns) {
            self.sheet.write_string_with_format(self.row, c, *t, &h)?;
        }
        self.sheet.set_row_height(self.row, 45)?;
        self.row += 1;
        Ok(())
    }

    fn cells(&mut self, cells: &[C<'_>]) -> Result<(), WriteError> {
        let r = self.row;
        for (c, v) in (0..).zip(cells) {
            match v {
                C::T(t) => {
                    self.sheet.write_string(r, c, *t)?;
                }
                C::S(t) => {
                    self.sheet.write_string(r, c, t)?;
                }
                C::N(d) => {
                    self.sheet.write_number_with_format(r, c, to_f64_lossy(*d), &self.figure)?;
                }
                C::F(d) => {
                    self.sheet.write_number_with_format(r, c, to_f64_lossy(*d), &self.fine)?;
                }
                C::O(Some(d)) => {
                    self.sheet.write_number_with_format(r, c, to_f64_lossy(*d), &self.fine)?;
                }
                C::O(None) => {}
                C::Y(y) => {
                    self.sheet.write_number_with_format(r, c, *y, &self.year)?;
                }
                C::B(b) => {
                    self.sheet.write_string(r, c, if *b { "yes" } else { "no" })?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    fn note(&mut self, text: &str) -> Result<(), WriteError> {
        self.sheet.write_string_with_format(self.row, 0, text, &style::note())?;
        self.row += 1;
        Ok(())
    }
}

fn exact(d: Decimal) -> String {
    if d.is_zero() { "0".to_owned() } else { d.normalize().to_string() }
}

/// Writes the sheet.
pub(super) fn write(sheet: &mut Worksheet, c: &Cbam, figure: &Format) -> Result<(), WriteError> {
    crate::table::print_layout(sheet, None);
    for (col, width) in (0..).zip([14.0, 12.0, 8.0, 12.0, 12.0, 14.0]) {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_column_range_width(6, 30, 14.0)?;
    let mut w =
        Writer { sheet, row: 0, figure: figure.clone(), fine: style::number("0.000000"), year: style::number("0") };
    w.title("EU CBAM: specific embedded emissions of the installation's goods (IR (EU) 2025/2547 Annex III)")?;
    w.header(&[
        "Good",
        "Facility",
        "Year",
        "CN code",
        "Category",
        "Route",
        "Activity level (t)",
        "Indirect counts (not in Annex II)",
        "Attributed direct (t CO2e)",
        "Direct from",
        "Electricity (MWh)",
        "Electricity factor (t CO2/MWh)",
        "Factor source",
        "Attributed indirect (t CO2e)",
        "Embedded direct with precursors (t CO2e)",
        "Embedded indirect with precursors (t CO2e)",
        "Embedded indirect that counts (t CO2e)",
        "SEE direct (t CO2e/t)",
        "SEE indirect (t CO2e/t)",
        "SEE indirect that counts (t CO2e/t)",
        "SEE total (t CO2e/t)",
        "Embedded emissions (t CO2e)",
        "SEE total, exact",
    ])?;
    for g in &c.goods {
        let basis = match &g.direct_basis {
            DirectBasis::Given => "given".to_owned(),
            DirectBasis::SharedScope1 { scope1_t, share, .. } => {
                format!("Scope 1 of {} ({} t) shared, share {}", g.facility_id, exact(*scope1_t), exact(*share))
            }
        };
        let source = match &g.electricity_factor_basis {
            ElectricityFactorBasis::None => String::new(),
            ElectricityFactorBasis::Given => "given".to_owned(),
            ElectricityFactorBasis::Grid { factor_id, .. } => factor_id.clone(),
        };
        w.cells(&[
            C::T(&g.good_id),
            C::T(&g.facility_id),
            C::Y(g.year),
            C::S(g.cn_code.spaced()),
            C::T(g.category.key()),
            C::T(g.route.as_deref().unwrap_or("")),
            C::N(g.quantity_t),
            C::B(g.counts_indirect),
            C::N(g.direct_t),
            C::S(basis),
            C::N(g.electricity_mwh),
            C::F(g.electricity_factor),
            C::S(source),
            C::N(g.indirect_t),
            C::N(g.embedded_direct_t),
            C::N(g.embedded_indirect_t),
            C::N(g.embedded_indirect_counted_t),
            C::F(g.see_direct),
            C::F(g.see_indirect),
            C::F(g.see_indirect_counted),
            C::F(g.see_total),
            C::N(g.embedded_t),
            C::S(exact(g.see_total)),
        ])?;
    }
    if c.goods.is_empty() {
        w.note("No CBAM goods in the input workbook.")?;
    }
    w.note("SEE = (attributed emissions + Σ precursor mass × precursor SEE) ÷ activity level, direct and indirect apart. Indirect emissions count for goods not in Annex II of Regulation (EU) 2023/956 (cement, fertilisers, agglomerated iron ore), and a precursor's when the precursor is not in Annex II (IR 2025/2547 Annex I §3.1); they are shown for every good.")?;
    w.row += 1;
    if c.goods.iter().any(|g| g.carbon_price.is_some()) {
        w.title("Carbon price due in the country of origin, per t of good (draft implementing act under Art. 9, Ares(2026)4841230)")?;
        w.header(&[
            "Good",
            "Price (per t CO2e)",
            "Covered (t CO2e/t)",
            "Share of SEE covered",
            "Free allocation share",
            "Price due (per t)",
            "Rebate: free allocation (per t)",
            "Effective price due (per t)",
        ])?;
        for g in &c.goods {
            let Some(p) = &g.carbon_price else { continue };
            w.cells(&[
                C::T(&g.good_id),
                C::N(p.price),
                C::F(p.covered_per_t),
                C::F(p.share_covered),
                C::F(p.free_share),
                C::N(p.due_per_t),
                C::N(p.rebate_per_t),
                C::N(p.effective_per_t),
            ])?;
        }
        w.note("From the installation's trading account of the year: covered = its own attributed direct emissions and those of precursors made there, per t; due = price × covered; free allocation is a rebate on the share allocated ÷ verified (at most 1). A draft rule, not adopted.")?;
        w.row += 1;
    }

    w.title("Precursors")?;
    w.header(&[
        "Good",
        "Input row",
        "Precursor",
        "Good of this book",
        "Data",
        "Mass consumed (t)",
        "SEE direct (t CO2e/t)",
        "SEE indirect (t CO2e/t)",
        "SEE indirect that counts (t CO2e/t)",
        "Direct (t CO2e)",
        "Indirect (t CO2e)",
        "Indirect that counts (t CO2e)",
    ])?;
    for g in &c.goods {
        for p in &g.precursors {
            w.cells(&[
                C::T(&g.good_id),
                C::S(p.row.map(|r| r.to_string()).unwrap_or_default()),
                C::T(&p.precursor),
                C::B(p.from_book),
                C::T(p.source.key()),
                C::N(p.mass_t),
                C::F(p.see_direct),
                C::F(p.see_indirect),
                C::F(p.see_indirect_counted),
                C::N(p.direct_t),
                C::N(p.indirect_t),
                C::N(p.indirect_counted_t),
            ])?;
        }
    }
    w.row += 1;

    w.title("Imports: embedded emissions, free-allocation adjustment and certificates")?;
    w.header(&[
        "Input row",
        "Year",
        "Quarter",
        "Good",
        "CN code",
        "Category",
        "Origin",
        "Quantity (t)",
        "SEE from",
        "SEE direct (t CO2e/t)",
        "SEE indirect (t CO2e/t)",
        "Default value (t CO2e/t)",
        "Mark-up",
        "SEE used (t CO2e/t)",
        "Embedded emissions (t CO2e)",
        "CBAM factor",
        "CSCF",
        "Benchmark (t CO2e/t)",
        "Free-allocation adjustment (t CO2e)",
        "Carbon price paid (EUR/t CO2e)",
        "Deduction, draft Art. 9 (t CO2e)",
        "Net (t CO2e)",
        "De minimis exempt",
        "Certificates due",
        "Certificate price (EUR/t CO2e)",
        "Cost (EUR)",
        "Certificates, exact",
        "Default value from",
        "Benchmark from",
        "CSCF from",
        "Certificate price from",
    ])?;
    for l in &c.imports {
        w.cells(&[
            C::S(l.sheet_row.map(|r| r.to_string()).unwrap_or_default()),
            C::Y(l.year),
            C::S(l.quarter.map(|q| format!("Q{}", q.get())).unwrap_or_default()),
            C::T(l.good_id.as_deref().unwrap_or("")),
            C::S(l.cn_code.as_ref().map(|c| c.spaced()).unwrap_or_default()),
            C::T(l.category.key()),
            C::T(l.origin.as_deref().unwrap_or("")),
            C::N(l.quantity_t),
            C::T(l.see_basis.key()),
            C::O(l.see_direct),
            C::O(l.see_indirect),
            C::O(l.default_value),
            C::O(l.markup),
            C::F(l.see_used),
            C::N(l.embedded_t),
            C::F(l.cbam_factor),
            C::O(l.cscf),
            C::O(l.benchmark),
            C::N(l.free_allocation_adjustment_t),
            C::O(l.carbon_price_paid),
            C::N(l.deduction_t),
            C::N(l.net_t),
            C::B(l.de_minimis_exempt),
            C::N(l.certificates),
            C::O(l.certificate_price),
            match l.cost {
                Some(v) => C::N(v),
                None => C::T(""),
            },
            C::S(exact(l.certificates)),
            C::S(l.default_from.as_ref().map(default_from).unwrap_or_default()),
            C::S(l.benchmark_from.as_ref().map(benchmark_from).unwrap_or_default()),
            C::S(if l.cscf_built_in { "published (2026/1862)".to_owned() } else { String::new() }),
            C::S(if l.certificate_price_published { "published by the Commission".to_owned() } else { String::new() }),
        ])?;
    }
    if c.imports.is_empty() {
        w.note("No CBAM import lines in the input workbook.")?;
    } else {
        w.cells(&[
            C::T("Total"),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::T(""),
            C::N(c.certificates),
            C::T(""),
            C::N(c.cost),
        ])?;
    }
    w.note("Embedded = quantity × SEE used (actual; this book's figure; or default value × (1 + mark-up of the year, IR 2025/2621)). FAA = CBAM factor × CSCF × benchmark × quantity (IR 2025/2620; 0 for electricity). Certificates = max(0, embedded − FAA − deduction): the floor at 0 is an inference. The deduction for a carbon price paid follows a draft implementing act (Art. 9).")?;
    w.row += 1;

    w.title("De minimis (Regulation (EU) 2023/956 Art. 2a)")?;
    w.header(&["Year", "Iron and steel, aluminium, fertilisers, cement imported (t)", "Threshold (t)", "Exempt"])?;
    for d in &c.de_minimis {
        w.cells(&[C::Y(d.year), C::N(d.mass_t), C::N(d.threshold_t), C::B(d.exempt)])?;
    }
    w.row += 1;
    w.title("Sources")?;
    for s in [
        carbonbook_core::cbam::cbam_factor_source(),
        carbonbook_core::cbam::markup_source(),
        carbonbook_core::cbam::de_minimis_source(),
        carbonbook_core::cbam::default_values_source(),
        carbonbook_core::cbam::benchmarks_source(),
        carbonbook_core::cbam::cscf_source(),
        carbonbook_core::cbam::certificate_price_source(),
    ] {
        w.note(&format!("{} (grade {})", s.citation(), s.confirmation.grade()))?;
    }
    Ok(())
}

/// The Annex I row a default value came from: `Annex I China, CN 7208, route C`.
fn default_from(d: &carbonbook_core::cbam::DefaultValue) -> String {
    let route = d.route.map(|r| format!(", route {r}")).unwrap_or_default();
    format!("IR 2025/2621 Annex I, {}, CN {}{route}", d.sheet.name(), d.row_code)
}

/// The Annex row a benchmark came from: `IR 2025/2620 column B, CN 72085120, route C, 2026-2027`.
fn benchmark_from(b: &carbonbook_core::cbam::Benchmark) -> String {
    let route = b.route.map(|r| format!(", route {r}")).unwrap_or_default();
    format!("IR 2025/2620 column {}, CN {}{route}, years {}", b.column.letter(), b.cn_code, b.years.key())
}
