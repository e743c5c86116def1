//! The importer's side: embedded emissions of each import line, the
//! free-allocation adjustment, certificates due and their cost, and the
//! 50 t de minimis test.
//!
//! ```text
//! SEE        = actual (see_direct [+ see_indirect when not Annex II]),
//!              this book's see_total of the good, or
//!              default_value × (1 + mark-up(year, sector))       IR 2025/2621
//!              (default_value blank: Annex I's total for the origin's
//!              sheet, China or other countries and territories)
//! embedded   = quantity × SEE
//! FAA        = CBAM factor(year) × CSCF × benchmark × quantity   IR 2025/2620 (0 for electricity)
//!              (benchmark blank on a default line: column B for the
//!              origin's route; CSCF blank: the published one, 2026–2030)
//! deduction  = embedded × carbon_price_paid ÷ certificate_price  Art. 9 (draft implementing act)
//! certificates = max(0, embedded − FAA − deduction)              floor: an inference
//! cost       = certificates × certificate_price
//! ```

use crate::field::Field;
use rust_decimal::Decimal;
use serde::Serialize;

use super::benchmarks::{
    Benchmark, BenchmarkColumn, benchmark, benchmarks_source, cross_sectoral_correction_factor, cscf_source,
};
use super::default_values::{DefaultSheet, DefaultValue, DefaultValueError, default_value, default_values_source};
use super::installation::GoodFigures;
use super::tables::{self, DE_MINIMIS_T, FIRST_YEAR};
use super::{Category, CnCode, ImportLine, Quarter};
use crate::arithmetic::{self, ArithmeticError};
use crate::calculation::{RowList, Warning};
use crate::error::{CalcError, CalcErrorKind, InputSheet};

/// Where an import line's specific embedded emissions came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeeBasis {
    /// Actual figures given on the line.
    Actual,
    /// This book's figures for the good (`CBAM goods`).
    Book,
    /// The default value with the year's mark-up.
    Default,
}

impl SeeBasis {
    /// The key.
    pub const fn key(self) -> &'static str {
        match self {
            SeeBasis::Actual => "actual",
            SeeBasis::Book => "book",
            SeeBasis::Default => "default",
        }
    }
}

/// The figures of one import line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportFigures {
    /// The `CBAM imports` row.
    pub sheet_row: Option<u32>,
    /// Year of import.
    pub year: i32,
    /// Quarter of import.
    pub quarter: Option<Quarter>,
    /// The good.
    pub good_id: Option<String>,
    /// Its CN code, when known.
    pub cn_code: Option<CnCode>,
    /// Its sector.
    pub category: Category,
    /// Country of origin.
    pub origin: Option<String>,
    /// Net mass, t (MWh for electricity).
    pub quantity_t: Decimal,
    /// Where the SEE came from.
    pub see_basis: SeeBasis,
    /// Specific direct embedded emissions (actual or book), t CO2e / t.
    pub see_direct: Option<Decimal>,
    /// Specific indirect embedded emissions (actual or book), shown for every good.
    pub see_indirect: Option<Decimal>,
    /// Default value before the mark-up, t CO2e / t.
    pub default_value: Option<Decimal>,
    /// The row of Annex I the default value was read from, when the book
    /// left `default_value` blank ([`default_value`](super::default_value)).
    pub default_from: Option<DefaultValue>,
    /// The mark-up applied to it (fraction).
    pub markup: Option<Decimal>,
    /// The SEE that counts, t CO2e / t.
    pub see_used: Decimal,
    /// `quantity_t × see_used`.
    pub embedded_t: Decimal,
    /// The CBAM factor of the year.
    pub cbam_factor: Decimal,
    /// The cross-sectoral correction factor used.
    pub cscf: Option<Decimal>,
    /// Whether `cscf` is the published factor of the year (the book left it
    /// blank; [`cross_sectoral_correction_factor`](super::cross_sectoral_correction_factor)).
    pub cscf_built_in: bool,
    /// The CBAM benchmark used, t CO2e / t.
    pub benchmark: Option<Decimal>,
    /// The Annex row of the benchmark, when the book left it blank and the
    /// line uses a default value ([`benchmark`](super::benchmark)).
    pub benchmark_from: Option<Benchmark>,
    /// `cbam_factor × cscf × benchmark × quantity_t` (0 for electricity or
    /// without a benchmark).
    pub free_allocation_adjustment_t: Decimal,
    /// Carbon price paid in the country of origin, EUR / t CO2e.
    pub carbon_price_paid: Option<Decimal>,
    /// Certificates deducted for it (draft Art. 9 rules).
    pub deduction_t: Decimal,
    /// `embedded − FAA − deduction`, before the floor at 0.
    pub net_t: Decimal,
    /// Whether the line falls under the de minimis exemption of its year.
    pub de_minimis_exempt: bool,
    /// Certificates due: `max(0, net_t)`, 0 when exempt.
    pub certificates: Decimal,
    /// Certificate price, EUR / t CO2e.
    pub certificate_price: Option<Decimal>,
    /// Whether `certificate_price` is the one the Commission published for
    /// the quarter (the book left it blank; [`published_certificate_price`](super::published_certificate_price)).
    pub certificate_price_published: bool,
    /// `certificates × certificate_price` (`None` without a price).
    pub cost: Option<Decimal>,
}

/// The de minimis test of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeMinimis {
    /// The year.
    pub year: i32,
    /// Net mass imported of iron and steel, aluminium, fertilisers and cement, t.
    pub mass_t: Decimal,
    /// The threshold, t.
    pub threshold_t: Decimal,
    /// Whether the mass does not exceed it (those imports then need no certificates).
    pub exempt: bool,
}

const IMPORTS: InputSheet = InputSheet::CbamImports;

fn err(row: Option<u32>, field: crate::field::Field, kind: CalcErrorKind) -> CalcError {
    CalcError::new(IMPORTS, row, field, kind)
}

fn missing(row: Option<u32>, field: crate::field::Field, what: String) -> CalcError {
    err(row, field, CalcErrorKind::MissingValue { field, what })
}

/// One warning naming the lines of `rows` (`rows 2, 3: …`), none without lines.
fn warn_rows(rows: &RowList, warnings: &mut Vec<Warning>, field: Option<Field>, message: &str, message_zh: &str) {
    if rows.is_empty() {
        return;
    }
    warnings.push(Warning {
        message: format!("{}: {message}", rows.en()),
        message_zh: Some(format!("{}：{message_zh}", rows.zh())),
        field,
        sheet: IMPORTS,
        row: None,
    });
}

/// Computes every import line and the de minimis test of each year.
pub(crate) fn imports(
    lines: &[ImportLine],
    goods: &[GoodFigures],
    errors: &mut Vec<CalcError>,
    warnings: &mut Vec<Warning>,
) -> (Vec<ImportFigures>, Vec<DeMinimis>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut draft_warned = false;
    // The lines each sheet-wide warning names.
    let mut floored = RowList::default();
    let mut from_annex = RowList::default();
    let mut annex_benchmark = RowList::default();
    let mut published_cscf = RowList::default();
    let mut published_price = RowList::default();
    for l in lines {
        match line(l, goods, errors, warnings) {
            Ok(Some(f)) => {
                if f.carbon_price_paid.is_some() && !draft_warned {
                    draft_warned = true;
                    warnings.push(Warning { message_zh: Some("已付碳价（carbon_price_paid）按 内含排放 × 已付碳价 ÷ 证书价格 抵扣，依据为第9条实施细则草案（尚未通过）：抵扣额为草案口径；原产国的免费分配或返还会使其减少".to_owned()), field: None,
                        sheet: IMPORTS,
                        row: l.row,
                        message: "carbon_price_paid is deducted as embedded × carbon_price_paid ÷ certificate_price, after the draft implementing act under Art. 9 of Regulation (EU) 2023/956 (not adopted): the deduction is a draft figure, and free allocation or rebates in the country of origin would reduce it".to_owned(),
                    });
                }
                if f.certificate_price_published {
                    published_price.add(l.row);
                }
                if f.certificate_price.is_none() {
                    warnings.push(Warning {
                        message_zh: Some("未给出证书价格（certificate_price），且该季度无 carbonbook 收录的公布价格：该行费用不予计算".to_owned()),
                        field: Some(Field::CertificatePrice),
                        sheet: IMPORTS,
                        row: l.row,
                        message: "no certificate_price, and no published price of the line's quarter that carbonbook holds: the cost of the line is not computed".to_owned(),
                    });
                }
                if f.benchmark_from.is_some() {
                    annex_benchmark.add(l.row);
                }
                if f.cscf_built_in {
                    published_cscf.add(l.row);
                }
                if f.default_from.is_some() {
                    from_annex.add(l.row);
                }
                if f.net_t.is_sign_negative() && !f.net_t.is_zero() {
                    floored.add(l.row);
                }
                out.push(f);
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    let dv = default_values_source().citation();
    warn_rows(
        &from_annex,
        warnings,
        Some(Field::DefaultValue),
        &format!(
            "default_value is blank, so the total default value of Annex I for the line's origin is used ({dv}), with the year's mark-up"
        ),
        &format!("未给出缺省值（default_value），采用附件一按原产国所列的总排放缺省值（{dv}），再加当年的加成"),
    );
    let bm = benchmarks_source().citation();
    warn_rows(
        &annex_benchmark,
        warnings,
        Some(Field::Benchmark),
        &format!(
            "benchmark is blank, so column B (including precursors) of the Annex is used for the route Annex I of the default values gives the origin ({bm}); the year of import is taken as the production year"
        ),
        &format!(
            "未给出基准值（benchmark），按缺省值所对应原产国生产路线，采用附件中含前体的基准值（B列，{bm}）；以进口年份作为生产年份"
        ),
    );
    let (cscf, grade) = (cscf_source().citation(), cscf_source().confirmation.grade());
    warn_rows(
        &published_cscf,
        warnings,
        Some(Field::Cscf),
        &format!(
            "cscf is blank, so the published factor of the year is used ({cscf}; grade {grade}: the Decision's text was read in secondary sources only)"
        ),
        &format!("未给出跨行业修正系数（cscf），采用公布的当年值（{cscf}，等级 {grade}）"),
    );
    let price = tables::certificate_price_source().citation();
    warn_rows(
        &published_price,
        warnings,
        Some(Field::CertificatePrice),
        &format!("certificate_price is blank, so the price the Commission published for the quarter is used ({price})"),
        &format!("未给出证书价格（certificate_price），采用欧盟委员会公布的该季度价格（{price}）"),
    );
    warn_rows(
        &floored,
        warnings,
        None,
        "the free-allocation adjustment and deduction exceed the embedded emissions; certificates due are set to 0 (no rule provides for a negative number of certificates: an inference, not a published rule)",
        "免费分配调整与抵扣超过内含排放，应缴证书数量取0（无规则规定证书数量可为负数：此为推断，并非公布的规则）",
    );
    // The de minimis test, per year (Art. 2a).
    let mut years: Vec<i32> = out.iter().map(|f| f.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut tests = Vec::with_capacity(years.len());
    for year in years {
        let mass =
            arithmetic::sum(out.iter().filter(|f| f.year == year && f.category.in_de_minimis()).map(|f| f.quantity_t));
        let Ok(mass_t) = mass else {
            errors.push(err(None, Field::QuantityT, CalcErrorKind::Arithmetic(ArithmeticError::Overflow)));
            continue;
        };
        let exempt = mass_t <= DE_MINIMIS_T;
        if exempt {
            let mut any = false;
            for f in out.iter_mut().filter(|f| f.year == year && f.category.in_de_minimis()) {
                f.de_minimis_exempt = true;
                f.certificates = Decimal::ZERO;
                f.cost = f.certificate_price.map(|_| Decimal::ZERO);
                any = true;
            }
            if any {
                warnings.push(Warning { message_zh: Some(format!(
                        "{year} 年：进口钢铁、铝、化肥和水泥共 {mass_t} 吨，未超过 {DE_MINIMIS_T} 吨的微量豁免门槛（{}）：无需为其缴纳证书（电力和氢不适用豁免）",
                        tables::de_minimis_source().citation()
                    )), field: None,
                    sheet: IMPORTS,
                    row: None,
                    message: format!(
                        "{year}: {mass_t} t of iron and steel, aluminium, fertilisers and cement imported, not above the {DE_MINIMIS_T} t de minimis threshold ({}): no certificates are due for them (electricity and hydrogen are never exempt)",
                        tables::de_minimis_source().citation()
                    ),
                });
            }
        }
        tests.push(DeMinimis { year, mass_t, threshold_t: DE_MINIMIS_T, exempt });
    }
    (out, tests)
}

/// What a line without any SEE lacks, in words that say what carbonbook
/// holds.
fn no_default(l: &ImportLine, annex_error: Option<DefaultValueError>) -> String {
    let head = "no actual figures (see_direct), no good of this book and no default_value";
    match (annex_error, l.origin.as_deref().map(str::trim).filter(|o| !o.is_empty()), &l.cn_code) {
        (Some(e @ DefaultValueError::Ambiguous { .. }), _, _) => format!("{head}; {e}, or give default_value"),
        (Some(e), _, _) => format!("{head}; {e}: give default_value"),
        (None, Some(o), Some(_)) => format!(
            "{head}: give one of them (carbonbook holds the default values of Annex I for China and for other countries and territories only, not for origin \"{o}\")"
        ),
        (None, None, Some(_)) => format!(
            "{head}: give one of them, or the origin (CN, or \"other\" for a country Annex I has no sheet of) to use the built-in default values"
        ),
        (None, _, None) => format!("{head}: give one of them"),
    }
}

fn line(
    l: &ImportLine,
    goods: &[GoodFigures],
    errors: &mut Vec<CalcError>,
    warnings: &mut Vec<Warning>,
) -> Result<Option<ImportFigures>, CalcError> {
    let row = l.row;
    let Some(factor) = tables::cbam_factor(l.year) else {
        return Err(err(
            row,
            Field::Year,
            CalcErrorKind::Invalid {
                expected: format!("a year from {FIRST_YEAR} (the definitive period of CBAM)"),
                found: l.year.to_string(),
            },
        ));
    };
    let book = l.good_id.as_deref().and_then(|id| {
        goods.iter().find(|g| g.good_id == id && g.year == l.year).or_else(|| {
            // The latest earlier year's figures of the good.
            goods.iter().filter(|g| g.good_id == id && g.year < l.year).max_by_key(|g| g.year)
        })
    });
    let category = match (book, &l.cn_code) {
        (Some(g), Some(c)) if c.category() != g.category => {
            return Err(err(
                row,
                Field::CnCode,
                CalcErrorKind::Invalid {
                    expected: format!("a CN code of {} (good {} is {})", g.category, g.good_id, g.cn_code),
                    found: c.to_string(),
                },
            ));
        }
        (Some(g), _) => g.category,
        (None, Some(c)) => c.category(),
        (None, None) => {
            return Err(missing(
                row,
                if l.good_id.is_some() { Field::CnCode } else { Field::GoodId },
                match &l.good_id {
                    Some(id) => format!("\"{id}\" is not a good of the CBAM goods sheet: give the line's cn_code"),
                    None => "give good_id (a good of the CBAM goods sheet) or cn_code".to_owned(),
                },
            ));
        }
    };
    let counts_indirect = match (book, &l.cn_code) {
        (Some(g), _) => g.counts_indirect,
        (None, Some(c)) => c.counts_indirect(),
        (None, None) => false,
    };
    let m = |e: ArithmeticError| err(row, Field::QuantityT, CalcErrorKind::Arithmetic(e));
    let q = l.quantity_t;
    // The book's certificate price, or the one published for the quarter.
    let (certificate_price, price_published) = match (l.certificate_price, l.quarter) {
        (Some(p), _) => (Some(p), false),
        (None, Some(quarter)) => match tables::published_certificate_price(l.year, quarter) {
            Some(p) => (Some(p), true),
            None => (None, false),
        },
        (None, None) => (None, false),
    };
    // Annex I's default value for the line's origin, looked up only when the
    // line has neither actual figures nor a good of this book.
    let (annex, annex_error) = match (&l.cn_code, l.origin.as_deref().and_then(DefaultSheet::for_origin)) {
        (Some(code), Some(sheet)) if l.see_direct.is_none() && book.is_none() => match default_value(sheet, code) {
            Ok(v) => (Some(v), None),
            Err(e) => (None, Some(e)),
        },
        _ => (None, None),
    };
    let (basis, see_direct, see_indirect, markup, see_used) = if let Some(d) = l.see_direct {
        let i = l.see_indirect.unwrap_or(Decimal::ZERO);
        let used = if counts_indirect { arithmetic::add(d, i).map_err(m)? } else { d };
        (SeeBasis::Actual, Some(d), l.see_indirect, None, used)
    } else if let Some(g) = book {
        (SeeBasis::Book, Some(g.see_direct), Some(g.see_indirect), None, g.see_total)
    } else if let Some(dv) = l.default_value.or_else(|| annex.as_ref().map(|v| v.total)) {
        let mk = tables::markup(l.year, category).unwrap_or(Decimal::ZERO);
        let used = arithmetic::mul(dv, arithmetic::add(Decimal::ONE, mk).map_err(m)?).map_err(m)?;
        (SeeBasis::Default, None, None, Some(mk), used)
    } else {
        if l.see_indirect.is_some() {
            return Err(missing(row, Field::SeeDirect, "see_indirect is given without see_direct".to_owned()));
        }
        return Err(missing(row, Field::DefaultValue, no_default(l, annex_error)));
    };
    // The Annex I row, when the line takes its default value from it.
    let default_from = if basis == SeeBasis::Default && l.default_value.is_none() { annex.clone() } else { None };
    if let (Some(given), Some(a)) = (l.default_value, &annex)
        && given != a.total
    {
        warnings.push(Warning {
            message_zh: Some(format!(
                "给出的缺省值 {given} 与附件一“{}”表 CN {} 的总排放缺省值 {} 不同（{}）：按给出的值计算，请核对",
                a.sheet.name_zh(),
                a.row_code,
                a.total,
                default_values_source().citation()
            )),
            field: Some(Field::DefaultValue),
            sheet: IMPORTS,
            row,
            message: format!(
                "default_value {given} differs from the total default value {} of CN {} on the sheet \"{}\" of Annex I ({}): the given value is used; check it",
                a.total,
                a.row_code,
                a.sheet.name(),
                default_values_source().citation()
            ),
        });
    }
    let embedded_t = arithmetic::mul(q, see_used).map_err(m)?;
    // The benchmark: the book's, or for a default value column B of the
    // Annex for the route Annex I gives the origin.
    let (benchmark_used, benchmark_from) = if category == Category::Electricity {
        (None, None)
    } else if let Some(bm) = l.benchmark {
        (Some(bm), None)
    } else {
        let found = match (basis, &l.cn_code) {
            (SeeBasis::Default, Some(code)) => {
                let routes = annex.as_ref().map(DefaultValue::routes).unwrap_or_default();
                benchmark(code, BenchmarkColumn::WithPrecursors, &routes, l.year)
                    .map_err(|e| format!("the built-in benchmarks do not apply: {e}"))
            }
            (SeeBasis::Default, None) => Err("the built-in benchmarks need the line's cn_code".to_owned()),
            _ => Err("the built-in benchmarks (column B) serve default values only; with actual data the benchmark is column A of the good plus its precursors' adjustment".to_owned()),
        };
        match found {
            Ok(b) => (Some(b.value), Some(b)),
            Err(gap) => {
                warnings.push(Warning {
                    message_zh: Some(format!("未给出基准值（benchmark），该行不作免费分配调整：{gap}")),
                    field: Some(Field::Benchmark),
                    sheet: IMPORTS,
                    row,
                    message: format!("no benchmark: no free-allocation adjustment is made for the line ({gap})"),
                });
                (None, None)
            }
        }
    };
    // The CSCF: the book's, or the published one of the year.
    let (cscf, cscf_built_in) = match (benchmark_used, l.cscf) {
        (Some(_), None) => match cross_sectoral_correction_factor(l.year) {
            Some(c) => (Some(c), true),
            None => {
                errors.push(missing(
                    row,
                    Field::Cscf,
                    format!(
                        "a benchmark is used, and no cross-sectoral correction factor is published for {}: give cscf",
                        l.year
                    ),
                ));
                return Ok(None);
            }
        },
        (_, c) => (c, false),
    };
    let faa = match (benchmark_used, cscf) {
        (Some(bm), Some(cscf)) => {
            arithmetic::mul(arithmetic::mul(arithmetic::mul(factor, cscf).map_err(m)?, bm).map_err(m)?, q).map_err(m)?
        }
        // Electricity (IR 2025/2620 Art. 1(2)) or no benchmark.
        _ => Decimal::ZERO,
    };
    let deduction_t = match (l.carbon_price_paid, certificate_price) {
        (None, _) => Decimal::ZERO,
        (Some(_), None) => {
            return Err(missing(
                row,
                Field::CertificatePrice,
                "carbon_price_paid is deducted in certificates at the certificate price: give certificate_price"
                    .to_owned(),
            ));
        }
        (Some(_), Some(p)) if p.is_zero() => {
            return Err(err(
                row,
                Field::CertificatePrice,
                CalcErrorKind::Invalid {
                    expected: "a price above 0 to convert carbon_price_paid".to_owned(),
                    found: "0".to_owned(),
                },
            ));
        }
        (Some(cp), Some(p)) => {
            arithmetic::div(arithmetic::mul(embedded_t, cp).map_err(m)?, p).map_err(m)?.min(embedded_t)
        }
    };
    let net_t = arithmetic::sub(arithmetic::sub(embedded_t, faa).map_err(m)?, deduction_t).map_err(m)?;
    let certificates = net_t.max(Decimal::ZERO);
    let cost = match certificate_price {
        Some(p) => Some(arithmetic::mul(certificates, p).map_err(m)?),
        None => None,
    };
    Ok(Some(ImportFigures {
        sheet_row: row,
        year: l.year,
        quarter: l.quarter,
        good_id: l.good_id.clone(),
        cn_code: l.cn_code.clone().or_else(|| book.map(|g| g.cn_code.clone())),
        category,
        origin: l.origin.clone(),
        quantity_t: q,
        see_basis: basis,
        see_direct,
        see_indirect,
        default_value: if basis == SeeBasis::Default {
            l.default_value.or(default_from.as_ref().map(|v| v.total))
        } else {
            None
        },
        default_from,
        markup,
        see_used,
        embedded_t,
        cbam_factor: factor,
        cscf,
        cscf_built_in,
        benchmark: benchmark_used,
        benchmark_from,
        free_allocation_adjustment_t: faa,
        carbon_price_paid: l.carbon_price_paid,
        deduction_t,
        net_t,
        de_minimis_exempt: false,
        certificates,
        certificate_price,
        certificate_price_published: price_published,
        cost,
    }))
}
