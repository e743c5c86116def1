//! The summary JSON of the output contract (`carbonbook.summary.v1`).
//!
//! Every quantity is a JSON string holding an exact decimal: no float
//! rounding, no thousands separators, `.` as the decimal point, trailing
//! zeros removed. A figure that cannot be computed (an intensity with no
//! output value) is `null`, and a warning says why.
//!
//! The `activities` array can hold a million entries, so it is streamed
//! while the ledger is computed ([`ActivitySink`]): straight into the
//! output file, or into a temporary file that is copied out at the end. The
//! figures that need every line (totals, intensities, facilities, trading)
//! follow it, so the summary is written once, front to back:
//! `schema`, `activities`, `organisation`, `totals`, `intensity`, `by_gas`,
//! `by_period`, `by_source`, `energy_by_carrier` (energy per carrier, each
//! in one unit), `facilities`, `trading`, `excluded` (rows of
//! other years left out; only when there are any), `warnings`. (Members
//! of a JSON object have no order; readers find them by name.)

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

use carbonbook_core::Results;
use carbonbook_core::factors::FactorLibrary;
use carbonbook_core::inventory::Activity;
use carbonbook_core::ledger::LedgerLine;
use carbonbook_core::trading::Allocation;
use rust_decimal::Decimal;
use serde::Serialize;

mod finance;

/// The schema id.
pub const SCHEMA: &str = "carbonbook.summary.v1";

/// An exact decimal as the contract writes it.
pub fn dec(d: Decimal) -> String {
    if d.is_zero() { "0".to_owned() } else { d.normalize().to_string() }
}

/// An exact decimal as serde writes it, as [`dec`] spells it: what the
/// hand-written activity entries are tested against.
#[derive(Debug, Clone, Copy)]
#[cfg(test)]
struct Exact(Decimal);

#[cfg(test)]
impl Serialize for Exact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_zero() { s.serialize_str("0") } else { s.collect_str(&self.0.normalize()) }
    }
}

/// A JSON string: written as it is when nothing in it needs escaping (the
/// usual case), otherwise escaped by serde_json.
fn json_text(out: &mut impl Write, s: &str) -> io::Result<()> {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.write_all(b"\"")?;
        out.write_all(s.as_bytes())?;
        out.write_all(b"\"")
    } else {
        serde_json::to_writer(out, s).map_err(io::Error::other)
    }
}

/// An exact decimal as a JSON string, as [`Exact`] serialises it: the
/// shortest text of its value (`"0"`, `"530.6"`, `"-0.0125"`), built from the
/// mantissa's digits without Decimal's own formatting.
fn json_exact(out: &mut impl Write, d: Decimal) -> io::Result<()> {
    let mut text = [0u8; 64];
    let n = exact_text(d, &mut text);
    out.write_all(b"\"")?;
    out.write_all(&text[..n])?;
    out.write_all(b"\"")
}

/// Writes the normalised text of `d` into `buf` (room for 64 bytes: a sign,
/// 29 digits, a point and 28 leading zeros at most) and returns its length.
fn exact_text(d: Decimal, buf: &mut [u8; 64]) -> usize {
    if d.is_zero() {
        buf[0] = b'0';
        return 1;
    }
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(d.mantissa().unsigned_abs()).as_bytes();
    let scale = d.scale() as usize;
    // Trailing zeros of the fraction are not part of the value's text.
    let zeros = digits.iter().rev().take(scale).take_while(|&&c| c == b'0').count();
    let (digits, scale) = (&digits[..digits.len() - zeros], scale - zeros);
    let mut n = 0;
    let mut put = |bytes: &[u8]| {
        buf[n..n + bytes.len()].copy_from_slice(bytes);
        n += bytes.len();
    };
    if d.is_sign_negative() {
        put(b"-");
    }
    if scale == 0 {
        put(digits);
    } else if digits.len() > scale {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        put(whole);
        put(b".");
        put(fraction);
    } else {
        put(b"0.");
        for _ in digits.len()..scale {
            put(b"0");
        }
        put(digits);
    }
    n
}

fn opt(d: Option<Decimal>) -> Option<String> {
    d.map(dec)
}

/// t → kg: `d` × 1000, exact.
pub(crate) fn thousandfold(
    d: Option<Decimal>,
) -> Result<Option<Decimal>, carbonbook_core::arithmetic::ArithmeticError> {
    d.map(|d| carbonbook_core::arithmetic::mul(d, Decimal::ONE_THOUSAND)).transpose()
}

#[derive(Serialize)]
struct Organisation<'a> {
    name: &'a str,
    reporting_year: i32,
    methodology: &'a str,
    methodology_title: &'a str,
    gwp: &'a str,
    currency: &'a str,
    electricity_basis: &'a str,
}

#[derive(Serialize)]
struct Totals {
    scope1_t_co2e: String,
    scope2_location_t_co2e: String,
    scope2_market_t_co2e: String,
    total_location_t_co2e: String,
    total_market_t_co2e: String,
    energy_tce: String,
    output_value: String,
    /// Memo: CO2 from biomass, in no scope and no total (workbook-v2 §4).
    biogenic_co2_t: String,
    /// Electricity and heat supplied to others, deducted from the totals
    /// (GB/T 32150-2015; workbook-v2 §3).
    exported_t_co2e: String,
}

#[derive(Serialize)]
struct Comparison {
    base: String,
    current: String,
    change_percent: String,
}

#[derive(Serialize)]
struct Intensity {
    tce_per_10k_output_value: Option<String>,
    t_co2e_per_10k_output_value: Option<String>,
    t_co2e_market_per_10k_output_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tce_vs_base_year: Option<Comparison>,
    #[serde(skip_serializing_if = "Option::is_none")]
    t_co2e_vs_base_year: Option<Comparison>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tce_vs_target: Option<Comparison>,
    #[serde(skip_serializing_if = "Option::is_none")]
    t_co2e_vs_target: Option<Comparison>,
}

#[derive(Serialize)]
struct GasLine {
    gas: &'static str,
    t: String,
    t_co2e: String,
}

#[derive(Serialize)]
struct GroupLine {
    key: String,
    scope1_t_co2e: String,
    scope2_location_t_co2e: String,
    scope2_market_t_co2e: String,
    energy_tce: String,
    /// Exported energy of the group (deducted from the totals); absent when
    /// there is none, so version-1 books give the same bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    exported_t_co2e: Option<String>,
}

#[derive(Serialize)]
struct Product<'a> {
    product: &'a str,
    quantity: String,
    unit: &'a str,
    output_value: Option<String>,
    share: Option<String>,
    t_co2e_per_unit: Option<String>,
    tce_per_unit: Option<String>,
    /// The same intensities in kg per unit, so that a product's small
    /// intensity does not round to zero where it is shown.
    kg_co2e_per_unit: Option<String>,
    kgce_per_unit: Option<String>,
}

#[derive(Serialize)]
struct FacilityLine<'a> {
    facility_id: &'a str,
    name: &'a str,
    scope1_t_co2e: String,
    scope2_location_t_co2e: String,
    scope2_market_t_co2e: String,
    total_location_t_co2e: String,
    energy_tce: String,
    output_value: String,
    biogenic_co2_t: String,
    exported_t_co2e: String,
    tce_per_10k_output_value: Option<String>,
    t_co2e_per_10k_output_value: Option<String>,
    products: Vec<Product<'a>>,
}

#[derive(Serialize)]
struct TradingLine<'a> {
    scheme: &'static str,
    facility_id: &'a str,
    year: i32,
    allocated_t: String,
    verified_t: String,
    verified_computed: bool,
    purchased_t: String,
    sold_t: String,
    offsets_counted_t: String,
    offsets_excess_t: String,
    position_t: String,
    shortfall_cost: String,
    penalty: String,
    allocation: AllocationDetail<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    penalty_per_t: Option<String>,
    /// The rows of an account of several Trading rows, each with its
    /// allocation (workbook-v2 §6); absent for a one-row account.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    allocation_parts: Vec<AllocationPart>,
    /// Allowances pre-allocated, as given (workbook-v2 §6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pre_allocated_t: Option<String>,
    /// CN-ETS: the fine for a shortfall, 5–10 × the price (Order 775 Art. 24).
    #[serde(skip_serializing_if = "Option::is_none")]
    penalty_range: Option<PenaltyRange>,
    /// CN-ETS: next year's allocation cut if the shortfall is not made good.
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_cut_t: Option<String>,
    /// The allowance account of the Transactions sheet (workbook-v2 §7, §10).
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<AccountLine>,
}

#[derive(Serialize)]
struct PenaltyRange {
    low: String,
    high: String,
}

/// One step of a computed allocation.
#[derive(Serialize)]
struct StepLine<'a> {
    step: carbonbook_core::trading::Step,
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet_row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_id: Option<&'a str>,
    formula: &'static str,
    inputs: Vec<StepInput>,
    figure: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct StepInput {
    symbol: &'static str,
    value: String,
}

#[derive(Serialize)]
struct VintageLine {
    vintage: i32,
    t: String,
}

/// The allowance account of a scheme and facility, with this year's
/// deadline check.
#[derive(Serialize)]
struct AccountLine {
    holdings_t: String,
    holdings_by_vintage: Vec<VintageLine>,
    average_cost: String,
    realised: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    unrealised: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<DeadlineLine>,
    transactions: Vec<EntryLine>,
}

#[derive(Serialize)]
struct DeadlineLine {
    date: String,
    due_t: String,
    surrendered_t: String,
    offsets_t: String,
    late_t: String,
    outstanding_t: String,
    holdings_t: String,
    holdings_by_vintage: Vec<VintageLine>,
    pending: bool,
}

#[derive(Serialize)]
struct EntryLine {
    sheet_row: Option<u32>,
    date: String,
    kind: &'static str,
    quantity: String,
    vintages: Vec<VintageLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    compliance_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    realised: Option<String>,
    holdings_t: String,
    average_cost: String,
}

/// The allocation an account's JSON names: its rows' computed method when
/// they all share it (the steps are the account's), else the account's
/// own (`given` with the sum, for rows of mixed methods).
fn account_method(p: &carbonbook_core::trading::Position) -> &Allocation {
    match p.parts.first() {
        Some(first)
            if p.parts.len() > 1
                && matches!(first.allocation, Allocation::CnPower(_) | Allocation::CnIndustry(_))
                && p.parts.iter().all(|x| x.allocation.method() == first.allocation.method()) =>
        {
            &first.allocation
        }
        _ => &p.allocation,
    }
}

fn vintages(v: &[(i32, Decimal)]) -> Vec<VintageLine> {
    v.iter().map(|&(vintage, t)| VintageLine { vintage, t: dec(t) }).collect()
}

fn account_line(r: &Results, p: &carbonbook_core::trading::Position) -> Option<AccountLine> {
    let s = r.allowance_accounts.iter().find(|s| s.scheme == p.scheme && s.facility_id == p.facility_id)?;
    Some(AccountLine {
        holdings_t: dec(s.holdings_t),
        holdings_by_vintage: vintages(&s.holdings_by_vintage),
        average_cost: dec(s.average_cost),
        realised: dec(s.realised),
        unrealised: opt(s.unrealised),
        deadline: s.deadlines.iter().find(|c| c.year == p.year).map(|c| DeadlineLine {
            date: c.deadline.to_string(),
            due_t: dec(c.due_t),
            surrendered_t: dec(c.surrendered_t),
            offsets_t: dec(c.offsets_t),
            late_t: dec(c.late_t),
            outstanding_t: dec(c.outstanding_t),
            holdings_t: dec(c.holdings_t),
            holdings_by_vintage: vintages(&c.holdings_by_vintage),
            pending: c.pending,
        }),
        transactions: s
            .entries
            .iter()
            .map(|e| EntryLine {
                sheet_row: e.row,
                date: e.date.to_string(),
                kind: e.kind.code(),
                quantity: dec(e.quantity),
                vintages: vintages(&e.vintages),
                compliance_year: e.compliance_year,
                realised: opt(e.realised),
                holdings_t: dec(e.holdings_t),
                average_cost: dec(e.average_cost),
            })
            .collect(),
    })
}

/// One Trading row's allocation within an account.
#[derive(Serialize)]
struct AllocationPart {
    sheet_row: Option<u32>,
    allocated_t: String,
    allocation: AllocationDetail<'static>,
}

/// How a trading line's free allocation was built.
#[derive(Serialize)]
#[serde(tag = "method", rename_all = "kebab-case")]
enum AllocationDetail<'a> {
    Given {
        #[serde(skip_serializing_if = "Vec::is_empty")]
        steps: Vec<StepLine<'a>>,
    },
    Benchmark {
        benchmark: String,
        benchmark_output: String,
        correction_factor: String,
    },
    CnPower {
        #[serde(skip_serializing_if = "Option::is_none")]
        plan: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        steps: Vec<StepLine<'a>>,
    },
    CnIndustry {
        #[serde(skip_serializing_if = "Vec::is_empty")]
        steps: Vec<StepLine<'a>>,
    },
}

impl<'a> AllocationDetail<'a> {
    /// A row's or an account's allocation; `steps` those of the account
    /// (empty for a part).
    fn new(a: &Allocation, year: i32, steps: &'a [carbonbook_core::trading::AllocationStep]) -> AllocationDetail<'a> {
        let steps: Vec<StepLine<'a>> = steps
            .iter()
            .map(|s| StepLine {
                step: s.step,
                name: s.step.en(),
                sheet_row: s.row,
                unit_id: s.unit_id.as_deref(),
                formula: s.formula,
                inputs: s.inputs.iter().map(|&(symbol, v)| StepInput { symbol, value: dec(v) }).collect(),
                figure: dec(s.figure),
                note: s.note.as_deref(),
            })
            .collect();
        match a {
            Allocation::Given(_) => AllocationDetail::Given { steps },
            Allocation::Benchmark { benchmark, output, correction } => AllocationDetail::Benchmark {
                benchmark: dec(*benchmark),
                benchmark_output: dec(*output),
                correction_factor: dec(*correction),
            },
            Allocation::CnPower(_) => AllocationDetail::CnPower {
                plan: carbonbook_core::trading::cn_power::plan(year).map(|p| p.citation()),
                steps,
            },
            _ => AllocationDetail::CnIndustry { steps },
        }
    }
}

/// Everything after the activities, but the warnings.
#[derive(Serialize)]
struct Figures<'a> {
    organisation: Organisation<'a>,
    totals: Totals,
    intensity: Intensity,
    by_gas: Vec<GasLine>,
    by_period: Vec<GroupLine>,
    by_source: Vec<GroupLine>,
    /// Energy use per carrier, each in one unit (the energy report's lines).
    energy_by_carrier: Vec<CarrierLine<'a>>,
    facilities: Vec<FacilityLine<'a>>,
    trading: Vec<TradingLine<'a>>,
    /// Rows left out of the inventory (workbook-v2 §2, §10); absent when
    /// there are none, so version-1 books give the same bytes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    excluded: Vec<ExcludedLine>,
    /// The base-year inventory computed from the book's rows of that year
    /// (workbook-v2 §2, §10); absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    base_year: Option<BaseYearLine>,
    /// EU CBAM figures (workbook-v2 §10); absent when the book has no CBAM rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    cbam: Option<crate::cbam_json::Member<'a>>,
    /// Financed emissions and green-project reductions (workbook-v2 §9,
    /// §10); absent when the book has no Portfolio or Projects sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    finance: Option<finance::FinanceLine<'a>>,
}

/// One energy carrier: an activity key, its quantity in one unit (rows in
/// other units of the same dimension converted into it), energy and tce.
#[derive(Serialize)]
struct CarrierLine<'a> {
    activity: &'a str,
    unit: &'static str,
    quantity: String,
    energy_gj: String,
    tce: String,
}

/// The base-year inventory and the change to the reporting year.
#[derive(Serialize)]
struct BaseYearLine {
    year: i32,
    totals: ScopeTotals,
    change: ScopeTotals,
    /// Change of the location-based total, % of the base year's.
    change_percent: Option<String>,
}

/// Scope totals without the output value.
#[derive(Serialize)]
struct ScopeTotals {
    scope1_t_co2e: String,
    scope2_location_t_co2e: String,
    scope2_market_t_co2e: String,
    total_location_t_co2e: String,
    total_market_t_co2e: String,
    energy_tce: String,
    biogenic_co2_t: String,
    exported_t_co2e: String,
}

impl ScopeTotals {
    fn of(t: &carbonbook_core::summary::Totals) -> Result<ScopeTotals, carbonbook_core::arithmetic::ArithmeticError> {
        Ok(ScopeTotals {
            scope1_t_co2e: dec(t.scope1_t_co2e),
            scope2_location_t_co2e: dec(t.scope2_location_t_co2e),
            scope2_market_t_co2e: dec(t.scope2_market_t_co2e),
            total_location_t_co2e: dec(t.total_location_t_co2e()?),
            total_market_t_co2e: dec(t.total_market_t_co2e()?),
            energy_tce: dec(t.energy_tce),
            biogenic_co2_t: dec(t.biogenic_co2_t),
            exported_t_co2e: dec(t.exported_t_co2e),
        })
    }
}

/// A row left out of the inventory.
#[derive(Serialize)]
struct ExcludedLine {
    sheet: &'static str,
    sheet_row: Option<u32>,
    period: String,
    reason: &'static str,
}

/// The shape of an activity entry, as serde would write it (the sink
/// writes the same bytes by hand; the tests compare).
#[cfg(test)]
#[derive(Serialize)]
struct GasOfLine {
    gas: &'static str,
    t: Exact,
}

#[cfg(test)]
#[derive(Serialize)]
struct ActivityLine<'a> {
    sheet_row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'static str>,
    facility_id: &'a str,
    source: &'static str,
    activity: &'a str,
    quantity: Exact,
    unit: &'static str,
    period: String,
    scope: &'static str,
    t_co2e: Exact,
    t_co2e_market: Exact,
    tce: Exact,
    energy_gj: Option<Exact>,
    gases: Vec<GasOfLine>,
    factor_source: &'a serde_json::value::RawValue,
}

/// Writes the summary JSON as lines are computed: the opening and the
/// `activities` entries, then, with [`ActivitySink::finish`], the rest.
///
/// ```
/// use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
/// use carbonbook_core::scope::SourceCategory;
/// use carbonbook_core::units::{Quantity, Unit};
/// use carbonbook_report::summary_json::ActivitySink;
/// use rust_decimal_macros::dec;
///
/// let mut inv = Inventory::new(Organisation::new("Example Co.", 2024));
/// inv.facilities.push(Facility::new("F1"));
/// let coal = Quantity::new(dec!(100), Unit::Tonne);
/// inv.activities.push(Activity::new("F1", SourceCategory::StationaryCombustion, "bituminous_coal", coal));
/// let results = inv.calculate()?;
///
/// let mut sink = ActivitySink::to(Vec::new())?;
/// for (a, line) in inv.activities.iter().zip(&results.ledger) {
///     sink.push(a, "F1", line, &results.library)?;
/// }
/// let json: serde_json::Value = serde_json::from_slice(&sink.finish(&results, &[])?)?;
/// assert_eq!(json["schema"], "carbonbook.summary.v1");
/// assert_eq!(json["activities"][0]["t_co2e"], json["totals"]["scope1_t_co2e"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ActivitySink<W: Write = File> {
    out: BufWriter<W>,
    count: u64,
    /// The citation of each list of factors, escaped as a JSON string once, by list.
    citations: Vec<Option<Box<serde_json::value::RawValue>>>,
}

impl ActivitySink<File> {
    /// A sink that spools to a temporary file, for [`write()`].
    ///
    /// # Errors
    ///
    /// When no temporary file can be made.
    pub fn new() -> io::Result<ActivitySink<File>> {
        ActivitySink::to(tempfile::tempfile()?)
    }
}

impl<W: Write> ActivitySink<W> {
    /// A sink that writes the summary into `out`, starting now.
    ///
    /// # Errors
    ///
    /// When `out` cannot be written.
    pub fn to(out: W) -> io::Result<ActivitySink<W>> {
        let mut out = BufWriter::with_capacity(1 << 16, out);
        write!(out, "{{\n  \"schema\": \"{SCHEMA}\",\n  \"activities\": [")?;
        Ok(ActivitySink { out, count: 0, citations: Vec::new() })
    }

    /// Writes what follows the activities (every figure of `results`, and
    /// `warnings`) and gives the writer back.
    ///
    /// # Errors
    ///
    /// When writing fails, or a total overflows.
    pub fn finish(mut self, results: &Results, warnings: &[String]) -> io::Result<W> {
        let figures = figures(results).map_err(io::Error::other)?;
        let text = serde_json::to_string_pretty(&figures).map_err(io::Error::other)?;
        // The members of the figures, without their braces, after the array.
        let members =
            text.trim().strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(&text).trim_matches('\n');
        let out = &mut self.out;
        if self.count > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"],\n")?;
        out.write_all(members.as_bytes())?;
        out.write_all(b",\n  \"warnings\": ")?;
        let w = serde_json::to_string_pretty(warnings).map_err(io::Error::other)?;
        out.write_all(w.replace('\n', "\n  ").as_bytes())?;
        out.write_all(b"\n}\n")?;
        self.out.into_inner().map_err(|e| e.into_error())
    }

    /// Adds the entry of one line.
    ///
    /// # Errors
    ///
    /// When the output cannot be written.
    pub fn push(
        &mut self,
        activity: &Activity,
        facility_id: &str,
        line: &LedgerLine,
        library: &FactorLibrary,
    ) -> io::Result<()> {
        // Lines of one kind cite the same factors: build and escape each
        // citation once.
        let at = line.factors.index();
        if self.citations.len() <= at {
            self.citations.resize(at + 1, None);
        }
        let citation = match &mut self.citations[at] {
            Some(c) => c,
            slot => {
                let mut text = library.citation(line.factors);
                if text.is_empty() && line.measured.any() {
                    text = carbonbook_core::ledger::MEASURED_ONLY.to_owned();
                }
                slot.insert(serde_json::value::to_raw_value(&text).map_err(io::Error::other)?)
            }
        };
        // Written by hand, byte for byte what `serde_json::to_writer` gives
        // for `ActivityLine` (a test checks): keys are constants, figures
        // are formatted from their mantissas, and only the free texts go
        // through JSON escaping.
        let o = &mut self.out;
        o.write_all(if self.count == 0 { b"\n    " } else { b",\n    " })?;
        o.write_all(b"{\"sheet_row\":")?;
        match line.row {
            Some(r) => o.write_all(itoa::Buffer::new().format(r).as_bytes())?,
            None => o.write_all(b"null")?,
        }
        // The sheet, when the row is not on Activities (a Refrigerants balance).
        if line.sheet != carbonbook_core::error::InputSheet::Activities {
            o.write_all(b",\"sheet\":")?;
            json_text(o, line.sheet.name())?;
        }
        o.write_all(b",\"facility_id\":")?;
        json_text(o, facility_id)?;
        o.write_all(b",\"source\":")?;
        json_text(o, line.source.key())?;
        o.write_all(b",\"activity\":")?;
        json_text(o, &activity.activity)?;
        o.write_all(b",\"quantity\":")?;
        json_exact(o, activity.quantity.value())?;
        o.write_all(b",\"unit\":")?;
        json_text(o, activity.quantity.unit().symbol())?;
        write!(o, ",\"period\":\"{}\"", line.period)?;
        o.write_all(match line.scope {
            carbonbook_core::scope::Scope::Scope1 => b",\"scope\":\"scope1\"",
            carbonbook_core::scope::Scope::Scope2 => b",\"scope\":\"scope2\"",
            carbonbook_core::scope::Scope::Exported => b",\"scope\":\"exported\"",
        })?;
        o.write_all(b",\"t_co2e\":")?;
        json_exact(o, line.t_co2e)?;
        o.write_all(b",\"t_co2e_market\":")?;
        json_exact(o, line.t_co2e_market)?;
        o.write_all(b",\"tce\":")?;
        json_exact(o, line.tce)?;
        o.write_all(b",\"energy_gj\":")?;
        match line.energy_gj {
            Some(e) => json_exact(o, e)?,
            None => o.write_all(b"null")?,
        }
        o.write_all(b",\"gases\":[")?;
        for (i, g) in line.gases.iter().enumerate() {
            o.write_all(if i == 0 { b"{\"gas\":" } else { b",{\"gas\":" })?;
            json_text(o, g.gas.symbol())?;
            o.write_all(b",\"t\":")?;
            json_exact(o, g.t)?;
            o.write_all(b"}")?;
        }
        o.write_all(b"],\"factor_source\":")?;
        o.write_all(citation.get().as_bytes())?;
        o.write_all(b"}")?;
        self.count += 1;
        Ok(())
    }
}

/// Writes the summary JSON of a sink that spooled to a temporary file
/// ([`ActivitySink::new`]) to `out`.
///
/// # Errors
///
/// When writing fails.
pub fn write(out: &mut impl Write, results: &Results, sink: ActivitySink<File>, warnings: &[String]) -> io::Result<()> {
    let mut file = sink.finish(results, warnings)?;
    file.rewind()?;
    io::copy(&mut file, out)?;
    Ok(())
}

/// Whether every figure of the summary computes (no sum beyond 28 digits).
pub(crate) fn check(r: &Results) -> Result<(), carbonbook_core::arithmetic::ArithmeticError> {
    figures(r).map(|_| ())
}

fn figures(r: &Results) -> Result<Figures<'_>, carbonbook_core::arithmetic::ArithmeticError> {
    let t = &r.summary.totals;
    let i = &r.intensity;
    let cmp = |c: &Option<carbonbook_core::intensity::Comparison>| {
        c.map(|c| Comparison { base: dec(c.base), current: dec(c.current), change_percent: dec(c.change_percent) })
    };
    let group = |key: String, t: &carbonbook_core::summary::Totals| GroupLine {
        key,
        scope1_t_co2e: dec(t.scope1_t_co2e),
        scope2_location_t_co2e: dec(t.scope2_location_t_co2e),
        scope2_market_t_co2e: dec(t.scope2_market_t_co2e),
        energy_tce: dec(t.energy_tce),
        exported_t_co2e: (!t.exported_t_co2e.is_zero()).then(|| dec(t.exported_t_co2e)),
    };
    let mut facilities = Vec::with_capacity(r.facility_ids.len());
    for (idx, id) in r.facility_ids.iter().enumerate() {
        let ft = r.summary.facility(idx);
        let fi = i.facilities.iter().find(|f| f.facility == idx);
        facilities.push(FacilityLine {
            facility_id: id,
            name: r.facilities.get(idx).map_or("", |f| f.name.as_str()),
            scope1_t_co2e: dec(ft.scope1_t_co2e),
            scope2_location_t_co2e: dec(ft.scope2_location_t_co2e),
            scope2_market_t_co2e: dec(ft.scope2_market_t_co2e),
            total_location_t_co2e: dec(ft.total_location_t_co2e()?),
            energy_tce: dec(ft.energy_tce),
            output_value: dec(fi.map(|f| f.output_value).unwrap_or_default()),
            biogenic_co2_t: dec(ft.biogenic_co2_t),
            exported_t_co2e: dec(ft.exported_t_co2e),
            tce_per_10k_output_value: fi.and_then(|f| opt(f.tce_per_10k_output_value)),
            t_co2e_per_10k_output_value: fi.and_then(|f| opt(f.t_co2e_per_10k_output_value)),
            products: fi
                .map(|f| {
                    f.products
                        .iter()
                        .map(|p| {
                            Ok(Product {
                                product: &p.product,
                                quantity: dec(p.quantity),
                                unit: &p.unit,
                                output_value: opt(p.output_value),
                                share: opt(p.share),
                                t_co2e_per_unit: opt(p.t_co2e_per_unit),
                                tce_per_unit: opt(p.tce_per_unit),
                                kg_co2e_per_unit: opt(thousandfold(p.t_co2e_per_unit)?),
                                kgce_per_unit: opt(thousandfold(p.tce_per_unit)?),
                            })
                        })
                        .collect::<Result<Vec<_>, carbonbook_core::arithmetic::ArithmeticError>>()
                })
                .transpose()?
                .unwrap_or_default(),
        });
    }
    Ok(Figures {
        organisation: Organisation {
            name: &r.organisation.name,
            reporting_year: r.organisation.reporting_year,
            methodology: r.methodology,
            methodology_title: r.methodology_title,
            gwp: r.organisation.gwp.code(),
            currency: r.organisation.currency.code(),
            electricity_basis: r.organisation.electricity_basis.label(),
        },
        totals: Totals {
            scope1_t_co2e: dec(t.scope1_t_co2e),
            scope2_location_t_co2e: dec(t.scope2_location_t_co2e),
            scope2_market_t_co2e: dec(t.scope2_market_t_co2e),
            total_location_t_co2e: dec(t.total_location_t_co2e()?),
            total_market_t_co2e: dec(t.total_market_t_co2e()?),
            energy_tce: dec(t.energy_tce),
            output_value: dec(i.output_value),
            biogenic_co2_t: dec(t.biogenic_co2_t),
            exported_t_co2e: dec(t.exported_t_co2e),
        },
        intensity: Intensity {
            tce_per_10k_output_value: opt(i.tce_per_10k_output_value),
            t_co2e_per_10k_output_value: opt(i.t_co2e_per_10k_output_value),
            t_co2e_market_per_10k_output_value: opt(i.t_co2e_market_per_10k_output_value),
            tce_vs_base_year: cmp(&i.tce_vs_base_year),
            t_co2e_vs_base_year: cmp(&i.t_co2e_vs_base_year),
            tce_vs_target: cmp(&i.tce_vs_target),
            t_co2e_vs_target: cmp(&i.t_co2e_vs_target),
        },
        by_gas: r.summary.by_gas.iter().map(|g| GasLine { gas: g.gas, t: dec(g.t), t_co2e: dec(g.t_co2e) }).collect(),
        by_period: r.summary.by_period.iter().map(|(p, t)| group(p.to_string(), t)).collect(),
        by_source: r.summary.by_source.iter().map(|(s, t)| group(s.key().to_owned(), t)).collect(),
        energy_by_carrier: crate::model::energy::carriers_of(r)?
            .into_iter()
            .map(|c| CarrierLine {
                activity: c.activity,
                unit: c.unit.symbol(),
                quantity: dec(c.quantity),
                energy_gj: dec(c.energy_gj),
                tce: dec(c.tce),
            })
            .collect(),
        facilities,
        trading: r
            .trading
            .iter()
            .map(|p| TradingLine {
                scheme: p.scheme.code(),
                facility_id: &p.facility_id,
                year: p.year,
                allocated_t: dec(p.allocated_t),
                verified_t: dec(p.verified_t),
                verified_computed: p.verified_computed,
                purchased_t: dec(p.purchased_t),
                sold_t: dec(p.sold_t),
                offsets_counted_t: dec(p.offsets_counted_t),
                offsets_excess_t: dec(p.offsets_excess_t),
                position_t: dec(p.position_t),
                shortfall_cost: dec(p.shortfall_cost),
                penalty: dec(p.penalty),
                allocation: AllocationDetail::new(account_method(p), p.year, &p.steps),
                price: opt(p.price),
                penalty_per_t: opt(p.penalty_per_t),
                allocation_parts: if p.parts.len() > 1 {
                    p.parts
                        .iter()
                        .map(|x| AllocationPart {
                            sheet_row: x.row,
                            allocated_t: dec(x.allocated_t),
                            allocation: AllocationDetail::new(&x.allocation, p.year, &[]),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                pre_allocated_t: opt(p.pre_allocated_t),
                penalty_range: p.penalty_range.map(|(low, high)| PenaltyRange { low: dec(low), high: dec(high) }),
                allocation_cut_t: Some(p.allocation_cut_t).filter(|c| !c.is_zero()).map(dec),
                account: account_line(r, p),
            })
            .collect(),
        excluded: r
            .excluded
            .iter()
            .map(|e| ExcludedLine {
                sheet: e.sheet.name(),
                sheet_row: e.row,
                period: e.period.to_string(),
                reason: e.reason.describe(),
            })
            .collect(),
        base_year: match &r.base_year {
            Some(b) => Some(BaseYearLine {
                year: b.year,
                totals: ScopeTotals::of(&b.totals)?,
                change: ScopeTotals::of(&b.change)?,
                change_percent: b.change_percent.map(dec),
            }),
            None => None,
        },
        cbam: r
            .cbam
            .as_ref()
            .map(|c| crate::cbam_json::member(c, r.organisation.reporting_year, r.organisation.currency.code())),
        finance: r.finance.as_ref().map(finance::FinanceLine::of),
    })
}

/// The summary JSON's `activities` array is a pipeline sink.
impl<W: Write + Send> carbonbook_core::pipeline::LedgerSink for ActivitySink<W> {
    fn line(
        &mut self,
        activity: &Activity,
        facility_id: &str,
        line: &LedgerLine,
        library: &FactorLibrary,
    ) -> Result<(), carbonbook_core::pipeline::SinkError> {
        self.push(activity, facility_id, line, library).map_err(|e| carbonbook_core::pipeline::SinkError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every entry the sink writes is byte for byte serde's.
    #[test]
    fn entries_are_what_serde_writes() {
        use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation};
        use carbonbook_core::scope::SourceCategory;
        use carbonbook_core::units::{Quantity, Rate, Unit};
        use rust_decimal_macros::dec;
        use std::io::Read as _;

        let mut inv = Inventory::new(Organisation::new("Test \"quoted\" Co", 2024));
        inv.facilities.push(Facility::new("K1 \\ kiln"));
        let mut coal = Activity::new(
            "K1 \\ kiln",
            SourceCategory::StationaryCombustion,
            "bituminous_coal",
            Quantity::new(dec!(1234.500), Unit::Tonne),
        );
        coal.row = Some(7);
        let mut measured = coal.clone();
        measured.measured.ncv = Some(Rate::new(dec!(20.908), Unit::Gigajoule, Unit::Tonne));
        measured.row = None;
        let power = Activity::new(
            "K1 \\ kiln",
            SourceCategory::PurchasedElectricity,
            "electricity",
            Quantity::new(dec!(0), Unit::MegawattHour),
        );
        inv.activities = vec![coal, measured, power];
        let results = inv.calculate().unwrap();
        let mut sink = ActivitySink::new().unwrap();
        let mut expected = String::new();
        for (a, line) in inv.activities.iter().zip(&results.ledger) {
            let citation = results.factor_citations(line);
            let entry = ActivityLine {
                sheet_row: line.row,
                sheet: (line.sheet != carbonbook_core::error::InputSheet::Activities).then(|| line.sheet.name()),
                facility_id: &inv.facilities[line.facility].id,
                source: line.source.key(),
                activity: &a.activity,
                quantity: Exact(a.quantity.value()),
                unit: a.quantity.unit().symbol(),
                period: line.period.to_string(),
                scope: match line.scope {
                    carbonbook_core::scope::Scope::Scope1 => "scope1",
                    carbonbook_core::scope::Scope::Scope2 => "scope2",
                    carbonbook_core::scope::Scope::Exported => "exported",
                },
                t_co2e: Exact(line.t_co2e),
                t_co2e_market: Exact(line.t_co2e_market),
                tce: Exact(line.tce),
                energy_gj: line.energy_gj.map(Exact),
                gases: line.gases.iter().map(|g| GasOfLine { gas: g.gas.symbol(), t: Exact(g.t) }).collect(),
                factor_source: &serde_json::value::to_raw_value(&citation).unwrap(),
            };
            expected.push_str(if expected.is_empty() { "\n    " } else { ",\n    " });
            expected.push_str(&serde_json::to_string(&entry).unwrap());
            sink.push(a, &inv.facilities[line.facility].id, line, &results.library).unwrap();
        }
        let mut file = sink.out.into_inner().unwrap();
        file.rewind().unwrap();
        let mut written = String::new();
        file.read_to_string(&mut written).unwrap();
        let opening = "{\n  \"schema\": \"carbonbook.summary.v1\",\n  \"activities\": [";
        assert_eq!(written.strip_prefix(opening), Some(expected.as_str()));
        assert!(written.contains("\"quantity\":\"1234.5\""), "{written}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        /// The hand-written figures are what serde gives for `Exact`.
        #[test]
        fn exact_text_is_the_serialised_exact(
            mantissa in prop_oneof![any::<i128>().prop_map(|m| m % (1i128 << 96)), -1_000_000i128..1_000_000],
            scale in 0u32..=28,
        ) {
            let d = Decimal::from_i128_with_scale(mantissa, scale);
            let mut buf = [0u8; 64];
            let n = exact_text(d, &mut buf);
            let expected = serde_json::to_string(&Exact(d)).unwrap();
            prop_assert_eq!(format!("\"{}\"", std::str::from_utf8(&buf[..n]).unwrap()), expected);
        }

        /// JSON texts are escaped as serde_json escapes them.
        #[test]
        fn texts_are_escaped_like_serde(s in any::<String>()) {
            let mut out = Vec::new();
            json_text(&mut out, &s).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
