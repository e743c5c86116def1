//! The summary JSON's `cbam` member (workbook-v2 §10): the contract's
//! members (`goods[].good_id, see_direct, see_indirect, see_total,
//! embedded_t`; `imports[].sheet_row, good_id, embedded_t,
//! free_allocation_adjustment_t, certificates, cost`; `de_minimis.mass_t,
//! exempt`) and every intermediate beside them, so a verifier can retrace a
//! figure.

use carbonbook_core::cbam::{Cbam, DirectBasis, ElectricityFactorBasis};
use serde::Serialize;

use crate::summary_json::dec;

fn opt(d: Option<rust_decimal::Decimal>) -> Option<String> {
    d.map(dec)
}

/// The `cbam` member.
#[derive(Serialize)]
pub(crate) struct Member<'a> {
    goods: Vec<GoodLine<'a>>,
    imports: Vec<ImportLine<'a>>,
    /// The reporting year's test (or the only year's).
    de_minimis: DeMinimisLine,
    /// Every year's test.
    de_minimis_by_year: Vec<DeMinimisLine>,
    certificates: String,
    cost: String,
    sources: Sources,
}

#[derive(Serialize)]
struct Sources {
    cbam_factor: String,
    markup: String,
    de_minimis: String,
    default_values: String,
    benchmarks: String,
    cscf: String,
    certificate_price: String,
}

/// What the carbon price due follows: a draft, said wherever it is shown.
pub(crate) const CARBON_PRICE_RULE: &str =
    "draft implementing act on Art. 9 of Regulation (EU) 2023/956 (Ares(2026)4841230): free allowances are a rebate";

#[derive(Serialize)]
struct CarbonPriceLine {
    rule: &'static str,
    currency: String,
    price: String,
    covered_per_t: String,
    share_covered: String,
    free_share: String,
    due_per_t: String,
    rebate_per_t: String,
    effective_per_t: String,
}

#[derive(Serialize)]
struct GoodLine<'a> {
    good_id: &'a str,
    see_direct: String,
    see_indirect: String,
    see_total: String,
    embedded_t: String,
    sheet_row: Option<u32>,
    facility_id: &'a str,
    year: i32,
    cn_code: String,
    category: &'static str,
    route: Option<&'a str>,
    quantity_t: String,
    counts_indirect: bool,
    see_indirect_counted: String,
    direct_t: String,
    direct_basis: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    facility_scope1_t: Option<String>,
    /// Bought heat and exported heat and electricity of the facility, added
    /// to and deducted from its Scope 1 before the sharing.
    #[serde(skip_serializing_if = "Option::is_none")]
    facility_heat_imported_t: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facility_exported_t: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope1_shared_t: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<String>,
    electricity_mwh: String,
    electricity_factor: String,
    electricity_factor_source: String,
    indirect_t: String,
    precursors: Vec<PrecursorLine<'a>>,
    /// The carbon price due in the country of origin, per t of good, where
    /// the book holds the installation's trading account with its price.
    #[serde(skip_serializing_if = "Option::is_none")]
    carbon_price: Option<CarbonPriceLine>,
    embedded_direct_t: String,
    embedded_indirect_t: String,
    embedded_indirect_counted_t: String,
}

#[derive(Serialize)]
struct PrecursorLine<'a> {
    sheet_row: Option<u32>,
    precursor: &'a str,
    from_book: bool,
    source: &'static str,
    mass_t: String,
    see_direct: String,
    see_indirect: String,
    see_indirect_counted: String,
    direct_t: String,
    indirect_t: String,
    indirect_counted_t: String,
}

#[derive(Serialize)]
struct ImportLine<'a> {
    sheet_row: Option<u32>,
    good_id: Option<&'a str>,
    embedded_t: String,
    free_allocation_adjustment_t: String,
    certificates: String,
    cost: Option<String>,
    year: i32,
    quarter: Option<u8>,
    cn_code: Option<String>,
    category: &'static str,
    origin: Option<&'a str>,
    quantity_t: String,
    see_basis: &'static str,
    see_direct: Option<String>,
    see_indirect: Option<String>,
    default_value: Option<String>,
    /// The Annex I row a blank `default_value` was read from.
    default_from: Option<DefaultFrom>,
    markup: Option<String>,
    see_used: String,
    cbam_factor: String,
    cscf: Option<String>,
    /// `cscf` is the published factor of the year (the book left it blank).
    cscf_built_in: bool,
    benchmark: Option<String>,
    /// The Annex row a blank `benchmark` was read from.
    benchmark_from: Option<BenchmarkFrom>,
    carbon_price_paid: Option<String>,
    deduction_t: String,
    /// The deduction follows a draft implementing act (Art. 9).
    deduction_draft: bool,
    net_t: String,
    de_minimis_exempt: bool,
    certificate_price: Option<String>,
    /// `certificate_price` is the one published for the quarter (the book left it blank).
    certificate_price_published: bool,
}

#[derive(Serialize)]
struct DefaultFrom {
    sheet: carbonbook_core::cbam::DefaultSheet,
    cn_code: &'static str,
    direct: String,
    indirect: Option<String>,
    total: String,
    route: Option<&'static str>,
}

#[derive(Serialize)]
struct BenchmarkFrom {
    cn_code: &'static str,
    column: char,
    route: Option<char>,
    /// `all`, `2026-2027` or `2028-2030`.
    years: &'static str,
}

#[derive(Serialize)]
struct DeMinimisLine {
    year: i32,
    mass_t: String,
    threshold_t: String,
    exempt: bool,
}

/// The member of `cbam`; `year` is the reporting year.
pub(crate) fn member<'a>(c: &'a Cbam, year: i32, currency: &str) -> Member<'a> {
    let test = |d: &carbonbook_core::cbam::DeMinimis| DeMinimisLine {
        year: d.year,
        mass_t: dec(d.mass_t),
        threshold_t: dec(d.threshold_t),
        exempt: d.exempt,
    };
    Member {
        goods: c
            .goods
            .iter()
            .map(|g| {
                let (basis, scope1, heat, exported, shared, share) = match &g.direct_basis {
                    DirectBasis::Given => ("given", None, None, None, None, None),
                    DirectBasis::SharedScope1 { scope1_t, heat_imported_t, exported_t, shared_t, share } => (
                        "shared_scope1",
                        Some(dec(*scope1_t)),
                        Some(dec(*heat_imported_t)),
                        Some(dec(*exported_t)),
                        Some(dec(*shared_t)),
                        Some(dec(*share)),
                    ),
                };
                GoodLine {
                    good_id: &g.good_id,
                    see_direct: dec(g.see_direct),
                    see_indirect: dec(g.see_indirect),
                    see_total: dec(g.see_total),
                    embedded_t: dec(g.embedded_t),
                    sheet_row: g.row,
                    facility_id: &g.facility_id,
                    year: g.year,
                    cn_code: g.cn_code.digits().to_owned(),
                    category: g.category.key(),
                    route: g.route.as_deref(),
                    quantity_t: dec(g.quantity_t),
                    counts_indirect: g.counts_indirect,
                    see_indirect_counted: dec(g.see_indirect_counted),
                    direct_t: dec(g.direct_t),
                    direct_basis: basis,
                    facility_scope1_t: scope1,
                    facility_heat_imported_t: heat,
                    facility_exported_t: exported,
                    scope1_shared_t: shared,
                    share,
                    electricity_mwh: dec(g.electricity_mwh),
                    electricity_factor: dec(g.electricity_factor),
                    electricity_factor_source: factor_source(&g.electricity_factor_basis),
                    indirect_t: dec(g.indirect_t),
                    carbon_price: g.carbon_price.as_ref().map(|c| CarbonPriceLine {
                        rule: CARBON_PRICE_RULE,
                        currency: currency.to_owned(),
                        price: dec(c.price),
                        covered_per_t: dec(c.covered_per_t),
                        share_covered: dec(c.share_covered),
                        free_share: dec(c.free_share),
                        due_per_t: dec(c.due_per_t),
                        rebate_per_t: dec(c.rebate_per_t),
                        effective_per_t: dec(c.effective_per_t),
                    }),
                    precursors: g
                        .precursors
                        .iter()
                        .map(|p| PrecursorLine {
                            sheet_row: p.row,
                            precursor: &p.precursor,
                            from_book: p.from_book,
                            source: p.source.key(),
                            mass_t: dec(p.mass_t),
                            see_direct: dec(p.see_direct),
                            see_indirect: dec(p.see_indirect),
                            see_indirect_counted: dec(p.see_indirect_counted),
                            direct_t: dec(p.direct_t),
                            indirect_t: dec(p.indirect_t),
                            indirect_counted_t: dec(p.indirect_counted_t),
                        })
                        .collect(),
                    embedded_direct_t: dec(g.embedded_direct_t),
                    embedded_indirect_t: dec(g.embedded_indirect_t),
                    embedded_indirect_counted_t: dec(g.embedded_indirect_counted_t),
                }
            })
            .collect(),
        imports: c
            .imports
            .iter()
            .map(|l| ImportLine {
                sheet_row: l.sheet_row,
                good_id: l.good_id.as_deref(),
                embedded_t: dec(l.embedded_t),
                free_allocation_adjustment_t: dec(l.free_allocation_adjustment_t),
                certificates: dec(l.certificates),
                cost: opt(l.cost),
                year: l.year,
                quarter: l.quarter.map(|q| q.get()),
                cn_code: l.cn_code.as_ref().map(|c| c.digits().to_owned()),
                category: l.category.key(),
                origin: l.origin.as_deref(),
                quantity_t: dec(l.quantity_t),
                see_basis: l.see_basis.key(),
                see_direct: opt(l.see_direct),
                see_indirect: opt(l.see_indirect),
                default_value: opt(l.default_value),
                default_from: l.default_from.as_ref().map(|d| DefaultFrom {
                    sheet: d.sheet,
                    cn_code: d.row_code,
                    direct: dec(d.direct),
                    indirect: opt(d.indirect),
                    total: dec(d.total),
                    route: d.route,
                }),
                markup: opt(l.markup),
                see_used: dec(l.see_used),
                cbam_factor: dec(l.cbam_factor),
                cscf: opt(l.cscf),
                cscf_built_in: l.cscf_built_in,
                benchmark: opt(l.benchmark),
                benchmark_from: l.benchmark_from.as_ref().map(|b| BenchmarkFrom {
                    cn_code: b.cn_code,
                    column: b.column.letter(),
                    route: b.route,
                    years: b.years.key(),
                }),
                carbon_price_paid: opt(l.carbon_price_paid),
                deduction_t: dec(l.deduction_t),
                deduction_draft: l.carbon_price_paid.is_some(),
                net_t: dec(l.net_t),
                de_minimis_exempt: l.de_minimis_exempt,
                certificate_price: opt(l.certificate_price),
                certificate_price_published: l.certificate_price_published,
            })
            .collect(),
        de_minimis: c.de_minimis_of(year).map(test).unwrap_or(DeMinimisLine {
            year,
            mass_t: "0".to_owned(),
            threshold_t: dec(carbonbook_core::cbam::DE_MINIMIS_T),
            exempt: true,
        }),
        de_minimis_by_year: c.de_minimis.iter().map(test).collect(),
        certificates: dec(c.certificates),
        cost: dec(c.cost),
        sources: Sources {
            cbam_factor: carbonbook_core::cbam::cbam_factor_source().citation(),
            markup: carbonbook_core::cbam::markup_source().citation(),
            de_minimis: carbonbook_core::cbam::de_minimis_source().citation(),
            default_values: carbonbook_core::cbam::default_values_source().citation(),
            benchmarks: carbonbook_core::cbam::benchmarks_source().citation(),
            cscf: carbonbook_core::cbam::cscf_source().citation(),
            certificate_price: carbonbook_core::cbam::certificate_price_source().citation(),
        },
    }
}

/// Where a good's electricity factor came from, in words.
pub(crate) fn factor_source(b: &ElectricityFactorBasis) -> String {
    match b {
        ElectricityFactorBasis::None => "no electricity".to_owned(),
        ElectricityFactorBasis::Given => "given".to_owned(),
        ElectricityFactorBasis::Grid { factor_id, citation } => format!("{factor_id} ({citation})"),
    }
}
