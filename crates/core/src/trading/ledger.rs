//! The allowance account: the `Transactions` sheet (workbook-v2 §7).
//!
//! Transactions of one scheme and facility are applied in date order (rows
//! of the same date in sheet order). The account keeps:
//!
//! * **holdings by vintage** after every transaction. A sale, surrender or
//!   transfer out takes the vintage its row names, or else the oldest
//!   vintage it may use;
//! * **moving-average cost**: purchases and priced transfers in add their
//!   cost; **free allocation enters at zero cost** (the allowances cost
//!   nothing to receive), and so does an unpriced transfer in; whatever
//!   leaves the account leaves at the average cost of the moment, so the
//!   average changes only when allowances come in;
//! * the **realised result** of each sale: `quantity × (price − average cost)`;
//!   the **unrealised result** at the Trading sheet's price:
//!   `holdings × (price − average cost)`;
//! * for each compliance year with a Trading account, what was **surrendered
//!   against what was due** at its deadline ([`super::penalty::deadline`]).
//!   A surrender pays the year its row names (`compliance_year`), or else the
//!   earliest year still owed.
//!
//! **Rules checked**, each an error naming the row: selling, surrendering or
//! transferring more than is held (of the vintage named); CN-ETS: a vintage
//! later than the year it pays (no borrowing: 国环规气候〔2024〕1号 七), and
//! vintages 2019–2024 for 2025 or later unless carried over (附5); CCER
//! offsets above 5 % of what is due (MEE Order 19 Art. 29), and, for 2025
//! on, credits of a vintage before the market's relaunch on 22 Jan 2024
//! (2025–2026 draft plan 五(二)); any offset under the EU ETS (phase 4
//! accepts none).
//!
//! **Carry-over** (`carry_over`, CN-ETS, 2023–2024 plan 附5): converts old
//! vintages (2019–2024) into 2025 allowances, at most
//! `T = ⌊B + NS × R⌋` with B = 10,000 t, R = 1.5 and NS the net sales of
//! 1 Jan 2024 – 31 Dec 2025 (0 if negative), and no more than the old
//! vintages held at the end of 2025; applied by 10 June 2026.
//!
//! ```
//! use carbonbook_core::trading::ledger::{self, Transaction, TransactionKind};
//! use carbonbook_core::trading::Scheme;
//! use chrono::NaiveDate;
//! use rust_decimal_macros::dec;
//! let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
//! let tx = |date, kind, q, price, vintage| {
//!     let mut t = Transaction::new(date, Scheme::CnEts, "P1", kind, q);
//!     t.price = price;
//!     t.vintage = Some(vintage);
//!     t
//! };
//! let txs = [
//!     tx(d(3, 1), TransactionKind::Allocation, dec!(1000), None, 2024),
//!     tx(d(4, 1), TransactionKind::Buy, dec!(500), Some(dec!(90)), 2024),
//!     tx(d(5, 1), TransactionKind::Sell, dec!(300), Some(dec!(100)), 2024),
//! ];
//! let refs: Vec<_> = txs.iter().collect();
//! let applied = ledger::run(&refs, &[(2024, dec!(1100))], Some(dec!(80)));
//! assert!(applied.errors.is_empty());
//! let s = applied.statement.unwrap();
//! // 500 × 90 over 1,500 held: average cost 30; the sale realises 300 × (100 − 30).
//! assert_eq!(s.entries[2].realised, Some(dec!(21000)));
//! assert_eq!(s.holdings_t, dec!(1200));
//! assert_eq!(s.average_cost, dec!(30));
//! assert_eq!(s.unrealised, Some(dec!(60000)));
//! ```

use crate::field::Field;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;
use serde::Serialize;

use super::Scheme;
use super::penalty::deadline;
use crate::arithmetic::{self, ArithmeticError};

/// What a transaction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionKind {
    /// Free allowances received.
    Allocation,
    /// Allowances bought.
    Buy,
    /// Allowances sold.
    Sell,
    /// Allowances surrendered for a compliance year.
    Surrender,
    /// Offset credits (CCER) surrendered for a compliance year.
    OffsetSurrender,
    /// Allowances received from another account.
    TransferIn,
    /// Allowances sent to another account.
    TransferOut,
    /// Old vintages converted into 2025 allowances (CN-ETS, 附5).
    CarryOver,
}

impl TransactionKind {
    /// The workbook name (`offset_surrender`).
    pub const fn code(self) -> &'static str {
        match self {
            TransactionKind::Allocation => "allocation",
            TransactionKind::Buy => "buy",
            TransactionKind::Sell => "sell",
            TransactionKind::Surrender => "surrender",
            TransactionKind::OffsetSurrender => "offset_surrender",
            TransactionKind::TransferIn => "transfer_in",
            TransactionKind::TransferOut => "transfer_out",
            TransactionKind::CarryOver => "carry_over",
        }
    }
}

impl fmt::Display for TransactionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Text that names no transaction kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown transaction kind \"{found}\"; accepted: allocation, buy, sell, surrender, offset_surrender, transfer_in, transfer_out, carry_over"
)]
pub struct TransactionKindError {
    /// The text found.
    pub found: String,
}

impl FromStr for TransactionKind {
    type Err = TransactionKindError;

    /// The workbook names, with spaces or hyphens for underscores, and the
    /// registry's Chinese words.
    ///
    /// ```
    /// use carbonbook_core::trading::ledger::TransactionKind;
    /// assert_eq!("Offset surrender".parse::<TransactionKind>()?, TransactionKind::OffsetSurrender);
    /// assert_eq!("清缴".parse::<TransactionKind>()?, TransactionKind::Surrender);
    /// # Ok::<(), carbonbook_core::trading::ledger::TransactionKindError>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase().replace([' ', '-'], "_");
        Ok(match k.as_str() {
            "allocation" | "allocated" | "分配" | "配额发放" | "发放" => TransactionKind::Allocation,
            "buy" | "purchase" | "买入" | "购入" => TransactionKind::Buy,
            "sell" | "sale" | "卖出" | "出售" => TransactionKind::Sell,
            "surrender" | "清缴" | "履约" => TransactionKind::Surrender,
            "offset_surrender" | "offset" | "ccer" | "抵销" | "抵消" | "ccer抵销" => {
                TransactionKind::OffsetSurrender
            }
            "transfer_in" | "转入" => TransactionKind::TransferIn,
            "transfer_out" | "转出" => TransactionKind::TransferOut,
            "carry_over" | "carryover" | "结转" => TransactionKind::CarryOver,
            _ => return Err(TransactionKindError { found: s.to_owned() }),
        })
    }
}

/// One row of the Transactions sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transaction {
    /// The row it came from.
    pub row: Option<u32>,
    /// When.
    pub date: NaiveDate,
    /// The scheme.
    pub scheme: Scheme,
    /// The facility whose account it is.
    pub facility_id: String,
    /// What it does.
    pub kind: TransactionKind,
    /// Allowances (or credits), t; > 0.
    pub quantity: Decimal,
    /// Price per t (buy, sell; a transfer in may give one).
    pub price: Option<Decimal>,
    /// The allowances' vintage (year).
    pub vintage: Option<i32>,
    /// The compliance year a surrender pays.
    pub compliance_year: Option<i32>,
    /// Free text.
    pub reference: Option<String>,
}

impl Transaction {
    /// A transaction with no price, vintage or reference.
    pub fn new(
        date: NaiveDate,
        scheme: Scheme,
        facility_id: impl Into<String>,
        kind: TransactionKind,
        quantity: Decimal,
    ) -> Transaction {
        Transaction {
            row: None,
            date,
            scheme,
            facility_id: facility_id.into(),
            kind,
            quantity,
            price: None,
            vintage: None,
            compliance_year: None,
            reference: None,
        }
    }
}

/// A transaction the rules refuse, with its row and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem}")]
pub struct TransactionError {
    /// The row.
    pub row: Option<u32>,
    /// The column.
    pub field: crate::field::Field,
    /// What is wrong.
    pub problem: String,
}

/// The account after one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The row.
    pub row: Option<u32>,
    /// Its date.
    pub date: NaiveDate,
    /// Its kind.
    pub kind: TransactionKind,
    /// Its quantity, t.
    pub quantity: Decimal,
    /// The vintages it took or added, t.
    pub vintages: Vec<(i32, Decimal)>,
    /// The compliance year it paid (surrenders).
    pub compliance_year: Option<i32>,
    /// A sale's realised result.
    pub realised: Option<Decimal>,
    /// Allowances held after it, t.
    pub holdings_t: Decimal,
    /// Average cost per t after it.
    pub average_cost: Decimal,
}

/// A compliance year at its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineCheck {
    /// The compliance year.
    pub year: i32,
    /// Its deadline.
    pub deadline: NaiveDate,
    /// Allowances due (verified emissions), t.
    pub due_t: Decimal,
    /// Allowances surrendered for the year by the deadline, t.
    pub surrendered_t: Decimal,
    /// Offsets surrendered for the year by the deadline, t.
    pub offsets_t: Decimal,
    /// Surrendered for the year after the deadline, t.
    pub late_t: Decimal,
    /// Due − surrendered − offsets by the deadline, not below 0, t.
    pub outstanding_t: Decimal,
    /// Held at the end of the deadline day, t.
    pub holdings_t: Decimal,
    /// Held at the end of the deadline day, by vintage.
    pub holdings_by_vintage: Vec<(i32, Decimal)>,
    /// Whether the deadline is after the last transaction (the check is
    /// provisional).
    pub pending: bool,
}

/// The account of one scheme and facility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// The scheme.
    pub scheme: Scheme,
    /// The facility.
    pub facility_id: String,
    /// The account after every transaction, in date order.
    pub entries: Vec<Entry>,
    /// Allowances held at the end, t.
    pub holdings_t: Decimal,
    /// Held at the end by vintage (empty vintages left out).
    pub holdings_by_vintage: Vec<(i32, Decimal)>,
    /// Average cost per t at the end.
    pub average_cost: Decimal,
    /// Σ realised results of sales.
    pub realised: Decimal,
    /// Holdings × (price − average cost) at the Trading sheet's price.
    pub unrealised: Option<Decimal>,
    /// Each compliance year with a Trading account, at its deadline.
    pub deadlines: Vec<DeadlineCheck>,
}

/// The 附5 carry-over: base B, ratio R, the last day to apply.
const CARRY_BASE: Decimal = dec!(10000);
const CARRY_RATIO: Decimal = dec!(1.5);

struct Book {
    vintages: BTreeMap<i32, Decimal>,
    cost: Decimal,
}

impl Book {
    fn held(&self) -> Decimal {
        self.vintages.values().copied().sum()
    }

    fn average(&self) -> Decimal {
        let held = self.held();
        if held.is_zero() {
            Decimal::ZERO
        } else {
            arithmetic::div(self.cost, held).unwrap_or(Decimal::ZERO).normalize()
        }
    }

    fn by_vintage(&self) -> Vec<(i32, Decimal)> {
        self.vintages.iter().filter(|(_, q)| !q.is_zero()).map(|(v, q)| (*v, *q)).collect()
    }
}

/// Applies the transactions of one scheme and facility (all of `txs` must
/// share them). `dues` are the compliance years with their allowances due
/// (the Trading accounts' verified emissions); `price` the Trading sheet's
/// price for the unrealised result.
///
/// Gives the statement (none when `txs` is empty), every rule broken
/// (each naming its row) and warnings (late surrenders).
pub fn run(txs: &[&Transaction], dues: &[(i32, Decimal)], price: Option<Decimal>) -> Applied {
    let Some(first) = txs.first() else {
        return Applied { statement: None, errors: Vec::new(), warnings: Vec::new() };
    };
    let (scheme, facility_id) = (first.scheme, first.facility_id.clone());
    let mut order: Vec<&Transaction> = txs.to_vec();
    order.sort_by_key(|t| t.date); // stable: sheet order within a date
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut book = Book { vintages: BTreeMap::new(), cost: Decimal::ZERO };
    let mut entries = Vec::with_capacity(order.len());
    let mut realised_total = Decimal::ZERO;
    let mut checks: Vec<DeadlineCheck> = dues
        .iter()
        .filter_map(|&(year, due_t)| {
            Some(DeadlineCheck {
                year,
                deadline: deadline(scheme, year)?,
                due_t,
                surrendered_t: Decimal::ZERO,
                offsets_t: Decimal::ZERO,
                late_t: Decimal::ZERO,
                outstanding_t: Decimal::ZERO,
                holdings_t: Decimal::ZERO,
                holdings_by_vintage: Vec::new(),
                pending: true,
            })
        })
        .collect();
    checks.sort_by_key(|c| (c.deadline, c.year));
    let carry_cap = carry_over_cap(scheme, &order);
    let mut carried = Decimal::ZERO;

    for t in &order {
        // Deadlines passed before this transaction: take their snapshot.
        for c in checks.iter_mut().filter(|c| c.pending && c.deadline < t.date) {
            c.pending = false;
            c.holdings_t = book.held();
            c.holdings_by_vintage = book.by_vintage();
        }
        let err = |field: crate::field::Field, problem: String| TransactionError { row: t.row, field, problem };
        if t.quantity <= Decimal::ZERO {
            errors.push(err(Field::Quantity, format!("quantity must be a number > 0, found {}", t.quantity)));
            continue;
        }
        let q = t.quantity;
        let mut entry = Entry {
            row: t.row,
            date: t.date,
            kind: t.kind,
            quantity: q,
            vintages: Vec::new(),
            compliance_year: None,
            realised: None,
            holdings_t: Decimal::ZERO,
            average_cost: Decimal::ZERO,
        };
        let result: Result<(), TransactionError> = (|| {
            let ar = |e: ArithmeticError| err(Field::Quantity, e.to_string());
            match t.kind {
                TransactionKind::Allocation | TransactionKind::Buy | TransactionKind::TransferIn => {
                    let vintage = t.vintage.ok_or_else(|| {
                        err(
                            Field::Vintage,
                            format!("a {} needs the allowances' vintage (year), found an empty cell", t.kind),
                        )
                    })?;
                    let unit_cost = match t.kind {
                        TransactionKind::Buy => Some(t.price.ok_or_else(|| {
                            err(Field::Price, "a purchase needs its price per t, found an empty cell".to_owned())
                        })?),
                        TransactionKind::TransferIn => t.price,
                        _ => None,
                    };
                    if let Some(p) = unit_cost {
                        book.cost = arithmetic::add(book.cost, arithmetic::mul(q, p).map_err(ar)?).map_err(ar)?;
                    }
                    let held = book.vintages.entry(vintage).or_default();
                    *held = arithmetic::add(*held, q).map_err(ar)?;
                    entry.vintages.push((vintage, q));
                }
                TransactionKind::Sell | TransactionKind::TransferOut => {
                    let avg = book.average();
                    let p = match t.kind {
                        TransactionKind::Sell => Some(t.price.ok_or_else(|| {
                            err(Field::Price, "a sale needs its price per t, found an empty cell".to_owned())
                        })?),
                        _ => None,
                    };
                    entry.vintages = take(&mut book, t, q, |_| true, &err)?;
                    book.cost = leave(book.cost, q, avg, book.held()).map_err(ar)?;
                    if let Some(p) = p {
                        let r = arithmetic::mul(q, p - avg).map_err(ar)?;
                        realised_total = arithmetic::add(realised_total, r).map_err(ar)?;
                        entry.realised = Some(r);
                    }
                }
                TransactionKind::Surrender => {
                    let year = pays(t, &checks);
                    entry.compliance_year = Some(year);
                    if scheme == Scheme::CnEts
                        && let Some(v) = t.vintage
                    {
                        {
                            if v > year {
                                return Err(err(
                                    Field::Vintage,
                                    format!(
                                        "CN-ETS: {v} allowances cannot pay {year} (a later vintage may not pay an earlier year: 国环规气候〔2024〕1号 七)"
                                    ),
                                ));
                            }
                            if year >= 2025 && v <= 2024 {
                                return Err(err(
                                    Field::Vintage,
                                    format!(
                                        "CN-ETS: {v} allowances cannot pay {year}: vintages 2019–2024 count for 2025 on only once carried over (国环规气候〔2024〕1号 附5)"
                                    ),
                                ));
                            }
                        }
                    }
                    let eligible = |v: i32| scheme != Scheme::CnEts || (v <= year && (year < 2025 || v >= 2025));
                    let avg = book.average();
                    entry.vintages = take(&mut book, t, q, eligible, &err)?;
                    book.cost = leave(book.cost, q, avg, book.held()).map_err(ar)?;
                    if let Some(c) = checks.iter_mut().find(|c| c.year == year) {
                        if t.date > c.deadline {
                            c.late_t = arithmetic::add(c.late_t, q).map_err(ar)?;
                            warnings.push((
                                t.row,
                                super::Notice::new(
                                    format!("surrender for {year} on {} is after the deadline {}", t.date, c.deadline),
                                    format!("{year} 年度的清缴于 {} 进行，晚于截止日期 {}", t.date, c.deadline),
                                ),
                            ));
                        } else {
                            c.surrendered_t = arithmetic::add(c.surrendered_t, q).map_err(ar)?;
                        }
                    }
                }
                TransactionKind::OffsetSurrender => {
                    let year = pays(t, &checks);
                    entry.compliance_year = Some(year);
                    if scheme == Scheme::EuEts {
                        return Err(err(
                            Field::Kind,
                            "the EU ETS accepts no offset credits in phase 4 (2021–2030)".to_owned(),
                        ));
                    }
                    if year >= 2025 && t.vintage.is_some_and(|v| v < 2024) {
                        return Err(err(
                            Field::Vintage,
                            format!(
                                "only CCER registered after the market's relaunch on 22 Jan 2024 may offset {year} (2025–2026 plan 五(二)); vintage {} predates it",
                                t.vintage.unwrap_or_default()
                            ),
                        ));
                    }
                    let Some(c) = checks.iter_mut().find(|c| c.year == year) else {
                        return Err(err(
                            Field::ComplianceYear,
                            format!(
                                "offsets for {year} are capped at 5 % of what is due, but the book has no Trading account of {year} for this facility"
                            ),
                        ));
                    };
                    let after = arithmetic::add(c.offsets_t, q).map_err(ar)?;
                    let cap = arithmetic::mul(c.due_t, scheme.offset_limit()).map_err(ar)?;
                    if after > cap {
                        return Err(err(
                            Field::Quantity,
                            format!(
                                "CCER offsets for {year} would reach {after} t, above 5 % of the {} t due ({cap} t; MEE Order 19 Art. 29)",
                                c.due_t
                            ),
                        ));
                    }
                    c.offsets_t = after;
                }
                TransactionKind::CarryOver => {
                    if scheme != Scheme::CnEts {
                        return Err(err(
                            Field::Kind,
                            "carry_over is a CN-ETS conversion (2023–2024 plan 附5)".to_owned(),
                        ));
                    }
                    if t.date > NaiveDate::from_ymd_opt(2026, 6, 10).unwrap_or(t.date) || t.date.year() < 2026 {
                        return Err(err(
                            Field::Date,
                            format!("carry-over applications run from 2026 to 10 June 2026 (附5 二), found {}", t.date),
                        ));
                    }
                    let cap = carry_cap.map_err(ar)?;
                    let after = arithmetic::add(carried, q).map_err(ar)?;
                    if after > cap {
                        return Err(err(
                            Field::Quantity,
                            format!(
                                "carry-over would reach {after} t, above the maximum T = ⌊B + NS × R⌋ capped at the end-2025 holdings = {cap} t (附5 三)"
                            ),
                        ));
                    }
                    if t.vintage.is_some_and(|v| !(2019..=2024).contains(&v)) {
                        return Err(err(
                            Field::Vintage,
                            "carry-over converts vintages 2019–2024 only (附5 一)".to_owned(),
                        ));
                    }
                    entry.vintages = take(&mut book, t, q, |v| (2019..=2024).contains(&v), &err)?;
                    let new = book.vintages.entry(2025).or_default();
                    *new = arithmetic::add(*new, q).map_err(ar)?;
                    carried = after;
                }
            }
            Ok(())
        })();
        if let Err(e) = result {
            errors.push(e);
            continue;
        }
        entry.holdings_t = book.held();
        entry.average_cost = book.average();
        entries.push(entry);
    }
    for c in &mut checks {
        if c.pending {
            c.holdings_t = book.held();
            c.holdings_by_vintage = book.by_vintage();
        }
        c.outstanding_t = (c.due_t - c.surrendered_t - c.offsets_t).max(Decimal::ZERO);
    }
    checks.sort_by_key(|c| c.year);
    let average_cost = book.average();
    let holdings_t = book.held();
    let unrealised = price.and_then(|p| arithmetic::mul(holdings_t, p - average_cost).ok());
    let statement = Statement {
        scheme,
        facility_id,
        entries,
        holdings_t,
        holdings_by_vintage: book.by_vintage(),
        average_cost,
        realised: realised_total,
        unrealised,
        deadlines: checks,
    };
    Applied { statement: Some(statement), errors, warnings }
}

/// What [`run`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The account (none without transactions).
    pub statement: Option<Statement>,
    /// Every rule broken, each naming its row.
    pub errors: Vec<TransactionError>,
    /// What the user should be told, by row (late surrenders).
    pub warnings: Vec<(Option<u32>, super::Notice)>,
}

/// The cost left after `q` leave at the average `avg`: exactly 0 when
/// nothing is left, so no rounding residue stays behind.
fn leave(cost: Decimal, q: Decimal, avg: Decimal, held_after: Decimal) -> Result<Decimal, ArithmeticError> {
    if held_after.is_zero() { Ok(Decimal::ZERO) } else { arithmetic::sub(cost, arithmetic::mul(q, avg)?) }
}

/// The year a surrender pays: its own, or else the earliest year still
/// owed (a late surrender still pays its debt), or else the year whose
/// deadline comes next, or else the year before the date.
fn pays(t: &Transaction, checks: &[DeadlineCheck]) -> i32 {
    if let Some(y) = t.compliance_year {
        return y;
    }
    let owed = checks.iter().filter(|c| c.surrendered_t + c.late_t + c.offsets_t < c.due_t).min_by_key(|c| c.year);
    let next = || checks.iter().filter(|c| c.deadline >= t.date).min_by_key(|c| c.deadline);
    owed.or_else(next).map_or(t.date.year() - 1, |c| c.year)
}

/// Takes `q` from the vintage the row names, or the oldest eligible ones.
fn take(
    book: &mut Book,
    t: &Transaction,
    q: Decimal,
    eligible: impl Fn(i32) -> bool,
    err: &impl Fn(Field, String) -> TransactionError,
) -> Result<Vec<(i32, Decimal)>, TransactionError> {
    if let Some(v) = t.vintage {
        let held = book.vintages.get(&v).copied().unwrap_or(Decimal::ZERO);
        if held < q {
            return Err(err(
                Field::Quantity,
                format!("{} of {q} t of vintage {v}, but {held} t of it is held", t.kind),
            ));
        }
        book.vintages.insert(v, held - q);
        return Ok(vec![(v, q)]);
    }
    let available: Decimal = book.vintages.iter().filter(|(v, _)| eligible(**v)).map(|(_, h)| *h).sum();
    if available < q {
        return Err(err(Field::Quantity, format!("{} of {q} t, but {available} t that it may use is held", t.kind)));
    }
    let mut left = q;
    let mut taken = Vec::new();
    for (v, held) in book.vintages.iter_mut().filter(|(v, _)| eligible(**v)) {
        if left.is_zero() {
            break;
        }
        let n = left.min(*held);
        if n.is_zero() {
            continue;
        }
        *held -= n;
        left -= n;
        taken.push((*v, n));
    }
    Ok(taken)
}

/// T = ⌊B + NS × R⌋ (NS ≥ 0), no more than the 2019–2024 vintages held at
/// the end of 2025 (附5 三).
fn carry_over_cap(scheme: Scheme, order: &[&Transaction]) -> Result<Decimal, ArithmeticError> {
    if scheme != Scheme::CnEts {
        return Ok(Decimal::ZERO);
    }
    let (from, to) = (NaiveDate::from_ymd_opt(2024, 1, 1), NaiveDate::from_ymd_opt(2025, 12, 31));
    let old = |t: &Transaction| t.vintage.is_none_or(|v| (2019..=2024).contains(&v));
    let mut net_sales = Decimal::ZERO;
    let mut held_old = Decimal::ZERO;
    for t in order.iter().filter(|t| Some(t.date) <= to) {
        let in_window = Some(t.date) >= from;
        match t.kind {
            TransactionKind::Sell if in_window && old(t) => net_sales = arithmetic::add(net_sales, t.quantity)?,
            TransactionKind::Buy if in_window && old(t) => net_sales = arithmetic::sub(net_sales, t.quantity)?,
            _ => {}
        }
        if old(t) {
            match t.kind {
                TransactionKind::Allocation | TransactionKind::Buy | TransactionKind::TransferIn => {
                    held_old = arithmetic::add(held_old, t.quantity)?;
                }
                TransactionKind::Sell | TransactionKind::TransferOut | TransactionKind::Surrender => {
                    held_old = arithmetic::sub(held_old, t.quantity)?;
                }
                _ => {}
            }
        }
    }
    let t = arithmetic::add(CARRY_BASE, arithmetic::mul(net_sales.max(Decimal::ZERO), CARRY_RATIO)?)?
        .round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity);
    Ok(t.min(held_old.max(Decimal::ZERO)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn tx(row: u32, date: NaiveDate, kind: TransactionKind, q: Decimal, vintage: Option<i32>) -> Transaction {
        let mut t = Transaction::new(date, Scheme::CnEts, "P1", kind, q);
        t.row = Some(row);
        t.vintage = vintage;
        t
    }

    #[test]
    fn selling_more_than_held_names_the_row() {
        let a = tx(2, d(2024, 3, 1), TransactionKind::Allocation, dec!(100), Some(2023));
        let mut s = tx(3, d(2024, 4, 1), TransactionKind::Sell, dec!(150), Some(2023));
        s.price = Some(dec!(80));
        let Applied { statement: st, errors, warnings: _ } = run(&[&a, &s], &[], None);
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].row, errors[0].field), (Some(3), Field::Quantity));
        assert_eq!(st.unwrap().holdings_t, dec!(100));
    }

    /// 国环规气候〔2024〕1号 七: 2024 allowances cannot pay 2023.
    #[test]
    fn a_later_vintage_cannot_pay_an_earlier_year() {
        let a = tx(2, d(2024, 3, 1), TransactionKind::Allocation, dec!(100), Some(2024));
        let mut s = tx(3, d(2024, 12, 1), TransactionKind::Surrender, dec!(50), Some(2024));
        s.compliance_year = Some(2023);
        let Applied { statement: _, errors, warnings: _ } = run(&[&a, &s], &[(2023, dec!(50))], None);
        assert_eq!(errors[0].field, Field::Vintage);
    }

    /// MEE Order 19 Art. 29: offsets up to 5 % of what is due.
    #[test]
    fn ccer_cap_is_five_percent_of_due() {
        let mut o = tx(4, d(2025, 6, 1), TransactionKind::OffsetSurrender, dec!(5001), Some(2024));
        o.compliance_year = Some(2024);
        let Applied { statement: _, errors, warnings: _ } = run(&[&o], &[(2024, dec!(100000))], None);
        assert_eq!(errors[0].field, Field::Quantity);
        o.quantity = dec!(5000);
        let Applied { statement: s, errors, warnings: _ } = run(&[&o], &[(2024, dec!(100000))], None);
        assert!(errors.is_empty());
        assert_eq!(s.unwrap().deadlines[0].outstanding_t, dec!(95000));
    }

    /// 附5: T = ⌊10000 + NS × 1.5⌋ with NS the net sales of 2024–2025.
    #[test]
    fn carry_over_is_capped_by_the_annex_formula() {
        let a = tx(2, d(2024, 3, 1), TransactionKind::Allocation, dec!(100000), Some(2024));
        let mut s = tx(3, d(2024, 6, 1), TransactionKind::Sell, dec!(3000.5), Some(2024));
        s.price = Some(dec!(90));
        // T = ⌊10000 + 3000.5 × 1.5⌋ = ⌊14500.75⌋ = 14500.
        let c = tx(4, d(2026, 3, 1), TransactionKind::CarryOver, dec!(14501), Some(2024));
        let Applied { statement: _, errors, warnings: _ } = run(&[&a, &s, &c], &[], None);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].problem.contains("14500"), "{}", errors[0].problem);
        let c = tx(4, d(2026, 3, 1), TransactionKind::CarryOver, dec!(14500), Some(2024));
        let Applied { statement: st, errors, warnings: _ } = run(&[&a, &s, &c], &[], None);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(st.unwrap().holdings_by_vintage, vec![(2024, dec!(82499.5)), (2025, dec!(14500))]);
    }

    #[test]
    fn surrender_is_checked_at_the_deadline() {
        let a = tx(2, d(2025, 3, 1), TransactionKind::Allocation, dec!(900), Some(2024));
        let s1 = tx(3, d(2025, 12, 1), TransactionKind::Surrender, dec!(600), None);
        let s2 = tx(4, d(2026, 1, 5), TransactionKind::Surrender, dec!(300), None);
        let Applied { statement: st, errors, warnings } = run(&[&a, &s1, &s2], &[(2024, dec!(1000))], None);
        assert!(errors.is_empty(), "{errors:?}");
        let c = &st.unwrap().deadlines[0];
        assert_eq!((c.surrendered_t, c.late_t, c.outstanding_t), (dec!(600), dec!(300), dec!(400)));
        assert_eq!(c.holdings_t, dec!(300));
        assert_eq!(warnings.len(), 1);
    }
}
