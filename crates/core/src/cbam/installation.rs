//! The installation's side: specific embedded emissions of each good
//! (Implementing Regulation (EU) 2025/2547, Annex III; the same equations
//! as Implementing Regulation (EU) 2023/1773 Annex III).
//!
//! ```text
//! simple good:   SEE_g = AttrEm_g / AL_g
//! complex good:  SEE_g = (AttrEm_g + Σ_i M_i × SEE_i) / AL_g
//! ```
//!
//! computed for direct and indirect emissions apart, precursors that are
//! goods of the book first (recursively).

use crate::field::Field;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Category, CnCode, DataSource, Good, Precursor};
use crate::arithmetic::{self, ArithmeticError};
use crate::calculation::Warning;
use crate::error::{CalcError, CalcErrorKind, InputSheet};

/// How a good's attributed direct emissions were found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum DirectBasis {
    /// Given on the row (`direct_t`).
    Given,
    /// The facility's Scope 1 of the year, less what its other goods were
    /// given, shared over its goods without `direct_t` by `quantity_t`.
    SharedScope1 {
        /// The facility's Scope 1, t CO2e.
        scope1_t: Decimal,
        /// The emissions of the measurable heat it bought, t CO2e: CBAM
        /// counts them as direct (IR (EU) 2025/2547 Annex I: Em_H,imp).
        heat_imported_t: Decimal,
        /// The emissions of the heat and electricity it exported, t CO2e,
        /// deducted (Em_H,exp, Em_el,exp).
        exported_t: Decimal,
        /// Scope 1 + heat imported − exported, less the direct emissions
        /// given for the facility's other goods.
        shared_t: Decimal,
        /// This good's share (its quantity ÷ the quantities sharing).
        share: Decimal,
    },
}

/// Where a good's electricity factor came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum ElectricityFactorBasis {
    /// No electricity consumed.
    None,
    /// Given on the row.
    Given,
    /// The grid factor of the facility and year, from the factor library.
    Grid {
        /// The factor's id.
        factor_id: String,
        /// Its citation.
        citation: String,
    },
}

/// A precursor's contribution to a good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrecursorContribution {
    /// The `CBAM precursors` row.
    pub row: Option<u32>,
    /// The precursor's id or name.
    pub precursor: String,
    /// Whether it is a good of this book (its SEE computed here).
    pub from_book: bool,
    /// Actual or default figures.
    pub source: DataSource,
    /// t consumed.
    pub mass_t: Decimal,
    /// Its specific direct embedded emissions, t CO2e / t.
    pub see_direct: Decimal,
    /// Its specific indirect embedded emissions, t CO2e / t (all of them).
    pub see_indirect: Decimal,
    /// Its indirect emissions that count for CBAM, t CO2e / t.
    pub see_indirect_counted: Decimal,
    /// `mass_t × see_direct`.
    pub direct_t: Decimal,
    /// `mass_t × see_indirect`.
    pub indirect_t: Decimal,
    /// `mass_t × see_indirect_counted`.
    pub indirect_counted_t: Decimal,
    /// The CN code given for a bought-in precursor (`CBAM precursors`
    /// `cn_code`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cn_code: Option<CnCode>,
}

/// The figures of one good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoodFigures {
    /// The `CBAM goods` row.
    pub row: Option<u32>,
    /// The good's id.
    pub good_id: String,
    /// The installation.
    pub facility_id: String,
    /// The year.
    pub year: i32,
    /// CN code.
    pub cn_code: CnCode,
    /// Sector.
    pub category: Category,
    /// Production route.
    pub route: Option<String>,
    /// Activity level, t.
    pub quantity_t: Decimal,
    /// Whether its own indirect emissions count (not in Annex II).
    pub counts_indirect: bool,
    /// Attributed direct emissions, t CO2e.
    pub direct_t: Decimal,
    /// How they were found.
    pub direct_basis: DirectBasis,
    /// Electricity consumed, MWh.
    pub electricity_mwh: Decimal,
    /// Its factor, t CO2 / MWh.
    pub electricity_factor: Decimal,
    /// Where the factor came from.
    pub electricity_factor_basis: ElectricityFactorBasis,
    /// Attributed indirect emissions, `electricity_mwh × electricity_factor`.
    pub indirect_t: Decimal,
    /// Precursors, in sheet order.
    pub precursors: Vec<PrecursorContribution>,
    /// The carbon price due in the country of origin, per t, where the
    /// book holds the installation's trading account of the year with its
    /// price (a draft rule: [`super::carbon_price`]).
    pub carbon_price: Option<super::carbon_price::CarbonPriceDue>,
    /// Direct embedded emissions, attributed + precursors, t CO2e.
    pub embedded_direct_t: Decimal,
    /// Indirect embedded emissions (all), t CO2e.
    pub embedded_indirect_t: Decimal,
    /// Indirect embedded emissions that count for CBAM, t CO2e.
    pub embedded_indirect_counted_t: Decimal,
    /// Specific direct embedded emissions, t CO2e / t.
    pub see_direct: Decimal,
    /// Specific indirect embedded emissions (all, shown for every good).
    pub see_indirect: Decimal,
    /// Specific indirect embedded emissions that count for CBAM: the good's
    /// own only when it is not in Annex II; a precursor's only when the
    /// precursor is not (IR 2025/2547 Annex I §3.1).
    pub see_indirect_counted: Decimal,
    /// `see_direct + see_indirect_counted`: what counts for CBAM.
    pub see_total: Decimal,
    /// `quantity_t × see_total`.
    pub embedded_t: Decimal,
}

/// What the inventory gives the installation's side.
pub(crate) trait Inventory {
    /// The reporting year.
    fn reporting_year(&self) -> i32;
    /// Whether the facility is defined.
    fn has_facility(&self, id: &str) -> bool;
    /// Facility ids, for suggestions.
    fn facility_ids(&self) -> Vec<String>;
    /// Scope 1 of the facility in the reporting year, t CO2e.
    fn scope1(&self, id: &str) -> Decimal;
    /// The facility's emissions of bought heat and of exported heat and
    /// electricity in the reporting year, t CO2e.
    fn heat_and_exports(&self, id: &str) -> Result<(Decimal, Decimal), crate::arithmetic::ArithmeticError>;
    /// The grid factor of a facility and year: t CO2 / MWh, id, citation and
    /// any note; or why there is none.
    fn grid_factor(&self, id: &str, year: i32) -> Result<(Decimal, String, String, Vec<Note>), String>;
}

/// A note in English and, where there are words for it, in Chinese.
pub(crate) type Note = (String, Option<String>);

const GOODS: InputSheet = InputSheet::CbamGoods;
const PRECURSORS: InputSheet = InputSheet::CbamPrecursors;

fn err(sheet: InputSheet, row: Option<u32>, field: crate::field::Field, kind: CalcErrorKind) -> CalcError {
    CalcError::new(sheet, row, field, kind)
}

fn arith(sheet: InputSheet, row: Option<u32>, e: ArithmeticError) -> CalcError {
    err(sheet, row, Field::QuantityT, CalcErrorKind::Arithmetic(e))
}

/// Attributed emissions of a good before precursors.
struct Own {
    direct_t: Decimal,
    direct_basis: DirectBasis,
    electricity_mwh: Decimal,
    electricity_factor: Decimal,
    basis: ElectricityFactorBasis,
    indirect_t: Decimal,
}

/// Computes every good's figures; errors and warnings go to the lists.
pub(crate) fn goods(
    goods: &[Good],
    precursors: &[Precursor],
    inv: &dyn Inventory,
    errors: &mut Vec<CalcError>,
    warnings: &mut Vec<Warning>,
) -> Vec<GoodFigures> {
    let before = errors.len();
    check_goods(goods, inv, errors);
    let own = attributed(goods, inv, errors, warnings);
    // Precursor rows: to which goods they belong, and the book good each
    // one names (same year as the good it goes into).
    let mut uses: Vec<Vec<(usize, Option<usize>)>> = vec![Vec::new(); goods.len()];
    for (pi, p) in precursors.iter().enumerate() {
        let consumers: Vec<usize> = (0..goods.len()).filter(|&g| goods[g].good_id == p.good_id).collect();
        if consumers.is_empty() {
            errors.push(err(
                PRECURSORS,
                p.row,
                Field::GoodId,
                CalcErrorKind::Invalid {
                    expected: "a good_id of the CBAM goods sheet".to_owned(),
                    found: p.good_id.clone(),
                },
            ));
            continue;
        }
        let in_book = goods.iter().any(|g| g.good_id == p.precursor);
        for g in consumers {
            let year = goods[g].year;
            let target = goods.iter().position(|x| x.good_id == p.precursor && x.year == year);
            match target {
                Some(t) => uses[g].push((pi, Some(t))),
                None if in_book => errors.push(err(
                    PRECURSORS,
                    p.row,
                    Field::Precursor,
                    CalcErrorKind::MissingValue {
                        field: Field::Precursor,
                        what: format!(
                            "precursor \"{}\" is a good of this book, but has no CBAM goods row of {year}, the year of \"{}\"",
                            p.precursor, p.good_id
                        ),
                    },
                )),
                None => {
                    if p.see_direct.is_none() {
                        errors.push(err(
                            PRECURSORS,
                            p.row,
                            Field::SeeDirect,
                            CalcErrorKind::MissingValue {
                                field: Field::SeeDirect,
                                what: format!(
                                    "precursor \"{}\" is not a good_id of the CBAM goods sheet: give its see_direct and see_indirect (t CO2e / t), found an empty cell",
                                    p.precursor
                                ),
                            },
                        ));
                    } else if p.see_indirect.is_none() {
                        warnings.push(Warning { message_zh: Some(format!(
                                "前体“{}”未给出间接内含排放（see_indirect）：其间接排放按0计",
                                p.precursor
                            )), field: Some(Field::SeeIndirect),
                            sheet: PRECURSORS,
                            row: p.row,
                            message: format!(
                                "precursor \"{}\" gives no see_indirect: its indirect emissions are taken as 0",
                                p.precursor
                            ),
                        });
                    }
                    uses[g].push((pi, None));
                }
            }
        }
    }
    if errors.len() > before {
        return Vec::new();
    }
    // Order: a good after its precursors; a cycle is an error naming its rows.
    let Some(order) = order(goods, precursors, &uses, errors) else { return Vec::new() };
    let mut out: Vec<Option<GoodFigures>> = vec![None; goods.len()];
    for g in order {
        match figures(g, goods, precursors, &uses[g], &own, &out) {
            Ok(f) => out[g] = Some(f),
            Err(e) => {
                errors.push(arith(GOODS, goods[g].row, e));
                return Vec::new();
            }
        }
    }
    out.into_iter().flatten().collect()
}

fn check_goods(goods: &[Good], inv: &dyn Inventory, errors: &mut Vec<CalcError>) {
    for (i, g) in goods.iter().enumerate() {
        if let Some(first) = goods[..i].iter().find(|x| x.good_id == g.good_id && x.year == g.year) {
            errors.push(err(
                GOODS,
                g.row,
                Field::GoodId,
                CalcErrorKind::Duplicate {
                    id: format!("{} ({})", g.good_id, g.year),
                    first_row: first.row.unwrap_or(0),
                },
            ));
        }
        if !inv.has_facility(&g.facility_id) {
            errors.push(err(
                GOODS,
                g.row,
                Field::FacilityId,
                CalcErrorKind::UnknownFacility {
                    id: g.facility_id.clone(),
                    nearest: crate::error::nearest(&g.facility_id, inv.facility_ids().iter().map(String::as_str)),
                },
            ));
        }
        if g.category != g.cn_code.category() {
            errors.push(err(
                GOODS,
                g.row,
                Field::Category,
                CalcErrorKind::Invalid {
                    expected: format!("{} (the sector of CN {} in Annex I)", g.cn_code.category(), g.cn_code),
                    found: g.category.to_string(),
                },
            ));
        }
        if g.quantity_t.is_zero() {
            errors.push(err(
                GOODS,
                g.row,
                Field::QuantityT,
                CalcErrorKind::Invalid {
                    expected: "a quantity above 0 (the activity level divides the embedded emissions)".to_owned(),
                    found: "0".to_owned(),
                },
            ));
        }
    }
}

fn attributed(
    goods: &[Good],
    inv: &dyn Inventory,
    errors: &mut Vec<CalcError>,
    warnings: &mut Vec<Warning>,
) -> Vec<Own> {
    let mut out = Vec::with_capacity(goods.len());
    for g in goods {
        let (direct_t, direct_basis) = match g.direct_t {
            Some(d) => (d, DirectBasis::Given),
            None => match shared_direct(g, goods, inv) {
                Ok(x) => {
                    if let DirectBasis::SharedScope1 { scope1_t, heat_imported_t, exported_t, shared_t, share } = &x.1 {
                        warnings.push(Warning { message_zh: Some(format!(
                                "{} {}：未给出直接排放（direct_t），其归属直接排放取设施 {} {} 年的排放（范围一 {scope1_t} 吨二氧化碳当量 + 外购热力 {heat_imported_t} − 输出热力和电力 {exported_t}；扣除其他产品所给 direct_t 后为 {shared_t} 吨）按产量分摊：比例 {share}，{} 吨二氧化碳当量；范围一包括设施的全部气体和排放源，CBAM 只计该产品的工序排放：请按设施监测给出 direct_t，以便核查",
                                g.good_id, g.year, g.facility_id, g.year, x.0
                            )), field: Some(Field::DirectT),
                            sheet: GOODS,
                            row: g.row,
                            message: format!(
                                "{} {}: no direct_t, so its attributed direct emissions are those of facility {} in {} (Scope 1 {scope1_t} t CO2e + bought heat {heat_imported_t} − exported heat and electricity {exported_t}; {shared_t} t CO2e after the direct_t given for its other goods) shared by quantity_t: share {share}, {} t CO2e; Scope 1 counts every gas and every source of the facility, CBAM only the good's processes (CO2; N2O for fertilisers; PFCs for aluminium): give direct_t from the installation's monitoring for a verifiable figure",
                                g.good_id, g.year, g.facility_id, g.year, x.0
                            ),
                        });
                    }
                    x
                }
                Err(kind) => {
                    errors.push(err(GOODS, g.row, Field::DirectT, kind));
                    (Decimal::ZERO, DirectBasis::Given)
                }
            },
        };
        let mwh = g.electricity_mwh.unwrap_or(Decimal::ZERO);
        let (factor, basis) = match (g.electricity_factor, mwh.is_zero()) {
            (Some(f), _) => (f, ElectricityFactorBasis::Given),
            (None, true) => (Decimal::ZERO, ElectricityFactorBasis::None),
            (None, false) => match inv.grid_factor(&g.facility_id, g.year) {
                Ok((f, id, citation, notes)) => {
                    for n in notes {
                        warnings.push(Warning {
                            message_zh: n.1.as_ref().map(|zh| format!("{}：{zh}", g.good_id)),
                            field: Some(Field::ElectricityFactor),
                            sheet: GOODS,
                            row: g.row,
                            message: format!("{}: {}", g.good_id, n.0),
                        });
                    }
                    (f, ElectricityFactorBasis::Grid { factor_id: id, citation })
                }
                Err(why) => {
                    errors.push(err(
                        GOODS,
                        g.row,
                        Field::ElectricityFactor,
                        CalcErrorKind::MissingValue {
                            field: Field::ElectricityFactor,
                            what: format!(
                                "{} MWh of electricity without electricity_factor, and no grid factor of facility {} for {}: {why}; give electricity_factor (t CO2 / MWh)",
                                mwh, g.facility_id, g.year
                            ),
                        },
                    ));
                    (Decimal::ZERO, ElectricityFactorBasis::None)
                }
            },
        };
        let indirect_t = match arithmetic::mul(mwh, factor) {
            Ok(v) => v,
            Err(e) => {
                errors.push(arith(GOODS, g.row, e));
                Decimal::ZERO
            }
        };
        out.push(Own { direct_t, direct_basis, electricity_mwh: mwh, electricity_factor: factor, basis, indirect_t });
    }
    out
}

/// The facility's attributable direct emissions (Scope 1, plus the heat it
/// bought, less the heat and electricity it exported: IR (EU) 2025/2547
/// Annex I), less the direct emissions given for its other goods of the
/// year, shared over its goods without `direct_t` by quantity.
fn shared_direct(g: &Good, goods: &[Good], inv: &dyn Inventory) -> Result<(Decimal, DirectBasis), CalcErrorKind> {
    if g.year != inv.reporting_year() {
        return Err(CalcErrorKind::MissingValue {
            field: Field::DirectT,
            what: format!(
                "direct_t is empty, and the inventory is of {}, not {}: give the good's attributed direct emissions",
                inv.reporting_year(),
                g.year
            ),
        });
    }
    let same = goods.iter().filter(|x| x.facility_id == g.facility_id && x.year == g.year);
    let given = arithmetic::sum(same.clone().filter_map(|x| x.direct_t))?;
    let quantities = arithmetic::sum(same.filter(|x| x.direct_t.is_none()).map(|x| x.quantity_t))?;
    let scope1 = inv.scope1(&g.facility_id);
    let (heat_imported, exported) = inv.heat_and_exports(&g.facility_id)?;
    let pool = arithmetic::sub(arithmetic::add(scope1, heat_imported)?, exported)?;
    let shared = arithmetic::sub(pool, given)?;
    if shared.is_sign_negative() && !shared.is_zero() {
        return Err(CalcErrorKind::MissingValue {
            field: Field::DirectT,
            what: format!(
                "direct_t is empty, but the direct_t given for the other goods of facility {} ({given} t) exceed its Scope 1 of {} ({scope1} t): give this good's direct_t",
                g.facility_id, g.year
            ),
        });
    }
    let share = arithmetic::div(g.quantity_t, quantities)?;
    let t = arithmetic::div(arithmetic::mul(shared, g.quantity_t)?, quantities)?;
    Ok((
        t,
        DirectBasis::SharedScope1 {
            scope1_t: scope1,
            heat_imported_t: heat_imported,
            exported_t: exported,
            shared_t: shared,
            share,
        },
    ))
}

/// The goods in an order where each comes after its book precursors, or
/// `None` (with an error) at a cycle.
fn order(
    goods: &[Good],
    precursors: &[Precursor],
    uses: &[Vec<(usize, Option<usize>)>],
    errors: &mut Vec<CalcError>,
) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; goods.len()];
    let mut order = Vec::with_capacity(goods.len());
    for start in 0..goods.len() {
        if state[start] != State::New {
            continue;
        }
        // Iterative depth-first search: (good, next use, precursor row that led here).
        let mut stack: Vec<(usize, usize, Option<usize>)> = vec![(start, 0, None)];
        state[start] = State::Open;
        while let Some(top) = stack.last_mut() {
            let (g, next) = (top.0, top.1);
            if next == uses[g].len() {
                state[g] = State::Done;
                order.push(g);
                stack.pop();
                continue;
            }
            top.1 += 1;
            let (pi, target) = uses[g][next];
            let Some(t) = target else { continue };
            match state[t] {
                State::Done => {}
                State::New => {
                    state[t] = State::Open;
                    stack.push((t, 0, Some(pi)));
                }
                State::Open => {
                    // The cycle: from `t` on the stack to here, then `pi`.
                    let at = stack.iter().position(|s| s.0 == t).unwrap_or(0);
                    let mut rows: Vec<usize> = stack[at + 1..].iter().filter_map(|s| s.2).collect();
                    rows.push(pi);
                    let names: Vec<String> = stack[at..].iter().map(|s| goods[s.0].good_id.clone()).collect();
                    rows.sort_unstable_by_key(|&r| precursors[r].row);
                    let row_list: Vec<String> = rows
                        .iter()
                        .map(|&r| precursors[r].row.map_or_else(|| "?".to_owned(), |n| n.to_string()))
                        .collect();
                    errors.push(err(
                        PRECURSORS,
                        precursors[pi].row,
                        Field::Precursor,
                        CalcErrorKind::Invalid {
                            expected: "precursors that do not lead back to the good".to_owned(),
                            found: format!(
                                "a cycle {} → {} (CBAM precursors rows {})",
                                names.join(" → "),
                                goods[t].good_id,
                                row_list.join(", ")
                            ),
                        },
                    ));
                    return None;
                }
            }
        }
    }
    Some(order)
}

fn figures(
    g: usize,
    goods: &[Good],
    precursors: &[Precursor],
    uses: &[(usize, Option<usize>)],
    own: &[Own],
    done: &[Option<GoodFigures>],
) -> Result<GoodFigures, ArithmeticError> {
    let good = &goods[g];
    let o = &own[g];
    let counts = good.cn_code.counts_indirect();
    let mut list = Vec::with_capacity(uses.len());
    let mut direct = o.direct_t;
    let mut indirect = o.indirect_t;
    let mut counted = if counts { o.indirect_t } else { Decimal::ZERO };
    for &(pi, target) in uses {
        let p = &precursors[pi];
        let (see_d, see_i, see_c, from_book) = match target {
            Some(t) => {
                let f = done[t].as_ref().ok_or(ArithmeticError::Overflow)?;
                (f.see_direct, f.see_indirect, f.see_indirect_counted, true)
            }
            None => {
                let d = p.see_direct.unwrap_or(Decimal::ZERO);
                let i = p.see_indirect.unwrap_or(Decimal::ZERO);
                // IR 2025/2547 Annex I §3.1: a precursor's indirect emissions
                // count when the precursor is not an Annex II good.
                let precursor_counts = p.cn_code.as_ref().map_or(counts, CnCode::counts_indirect);
                (d, i, if precursor_counts { i } else { Decimal::ZERO }, false)
            }
        };
        let c = PrecursorContribution {
            row: p.row,
            precursor: p.precursor.clone(),
            from_book,
            source: p.source,
            mass_t: p.mass_t,
            see_direct: see_d,
            see_indirect: see_i,
            see_indirect_counted: see_c,
            direct_t: arithmetic::mul(p.mass_t, see_d)?,
            indirect_t: arithmetic::mul(p.mass_t, see_i)?,
            indirect_counted_t: arithmetic::mul(p.mass_t, see_c)?,
            cn_code: p.cn_code.clone(),
        };
        direct = arithmetic::add(direct, c.direct_t)?;
        indirect = arithmetic::add(indirect, c.indirect_t)?;
        counted = arithmetic::add(counted, c.indirect_counted_t)?;
        list.push(c);
    }
    let al = good.quantity_t;
    let see_direct = arithmetic::div(direct, al)?;
    let see_indirect = arithmetic::div(indirect, al)?;
    let see_indirect_counted = arithmetic::div(counted, al)?;
    let see_total = arithmetic::add(see_direct, see_indirect_counted)?;
    // Embedded = AL × SEE, which is direct + counted exactly.
    let embedded_t = arithmetic::add(direct, counted)?;
    Ok(GoodFigures {
        carbon_price: None,
        row: good.row,
        good_id: good.good_id.clone(),
        facility_id: good.facility_id.clone(),
        year: good.year,
        cn_code: good.cn_code.clone(),
        category: good.category,
        route: good.route.clone(),
        quantity_t: al,
        counts_indirect: counts,
        direct_t: o.direct_t,
        direct_basis: o.direct_basis.clone(),
        electricity_mwh: o.electricity_mwh,
        electricity_factor: o.electricity_factor,
        electricity_factor_basis: o.basis.clone(),
        indirect_t: o.indirect_t,
        precursors: list,
        embedded_direct_t: direct,
        embedded_indirect_t: indirect,
        embedded_indirect_counted_t: counted,
        see_direct,
        see_indirect,
        see_indirect_counted,
        see_total,
        embedded_t,
    })
}
