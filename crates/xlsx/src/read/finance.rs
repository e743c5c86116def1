//! The `Portfolio` and `Projects` sheets (workbook-v2 §9): financed
//! exposures and green projects.
//!
//! A Portfolio row may take its counterparty's Scope 1 and Scope 2 from a
//! carbonbook summary JSON (`carbonbook.summary.v1`, the output of
//! `carbonbook calc`): the `summary_json` column names the file, relative
//! to the folder the book is in. Its `totals.scope1_t_co2e` is Scope 1;
//! Scope 2 is `totals.scope2_location_t_co2e`, or
//! `totals.scope2_market_t_co2e` when the row's `scope2_basis` is
//! `market`. A `scope1_t` or `scope2_t` cell given on the row is used
//! instead of the file's figure, with a warning. So an enterprise's
//! inventory reaches its lender unchanged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use carbonbook_core::finance::{AssetClass, DataQuality, Exposure, Project, ProjectKind};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::report::Report;
use super::row::{Row, Sign};
use super::schema::{pfo, prj};
use crate::problem::Problem;

/// The largest summary JSON read (a summary with a million activity lines
/// is a few hundred MB; its totals are all that is needed).
const MAX_SUMMARY_BYTES: u64 = 1 << 30;

/// Scope 1, Scope 2 location- and market-based of a summary file.
#[derive(Debug, Clone, Copy)]
struct SummaryTotals {
    scope1: Decimal,
    scope2_location: Decimal,
    scope2_market: Decimal,
}

/// Summary files read so far, by path: each file is read once however many
/// rows name it.
#[derive(Debug, Default)]
pub(crate) struct Summaries {
    dir: PathBuf,
    read: HashMap<PathBuf, Result<SummaryTotals, String>>,
}

impl Summaries {
    /// Files are found relative to `book`'s folder (a folder of CSV files:
    /// that folder).
    pub(crate) fn new(book: &Path) -> Summaries {
        let dir = if book.is_dir() { book.to_owned() } else { book.parent().map(Path::to_owned).unwrap_or_default() };
        Summaries { dir, read: HashMap::new() }
    }

    fn totals(&mut self, name: &str) -> Result<SummaryTotals, String> {
        let path = self.dir.join(name);
        self.read.entry(path.clone()).or_insert_with(|| read_summary(&path)).clone()
    }
}

#[derive(serde::Deserialize)]
struct SummaryFile {
    schema: String,
    totals: SummaryFileTotals,
}

#[derive(serde::Deserialize)]
struct SummaryFileTotals {
    scope1_t_co2e: String,
    scope2_location_t_co2e: String,
    scope2_market_t_co2e: String,
}

fn read_summary(path: &Path) -> Result<SummaryTotals, String> {
    let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the summary \"{shown}\": {e}"))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_SUMMARY_BYTES {
        return Err(format!("the summary \"{shown}\" is {size} bytes; at most {MAX_SUMMARY_BYTES} are read"));
    }
    let s: SummaryFile = serde_json::from_reader(std::io::BufReader::new(file))
        .map_err(|e| format!("\"{shown}\" is not a carbonbook summary JSON: {e}"))?;
    if s.schema != "carbonbook.summary.v1" {
        return Err(format!("\"{shown}\" has schema \"{}\"; expected carbonbook.summary.v1", s.schema));
    }
    let num = |t: &str, what: &str| {
        t.parse::<Decimal>().map_err(|_| format!("\"{shown}\": totals.{what} is not a decimal: \"{t}\""))
    };
    Ok(SummaryTotals {
        scope1: num(&s.totals.scope1_t_co2e, "scope1_t_co2e")?,
        scope2_location: num(&s.totals.scope2_location_t_co2e, "scope2_location_t_co2e")?,
        scope2_market: num(&s.totals.scope2_market_t_co2e, "scope2_market_t_co2e")?,
    })
}

/// Reads one Portfolio row.
pub(crate) fn read_exposure(
    row: &mut Row<'_, '_, '_>,
    report: &mut Report<'_>,
    summaries: &mut Summaries,
) -> Option<Exposure> {
    let id = row.text(report, pfo::EXPOSURE_ID);
    let class = row.str(report, pfo::ASSET_CLASS).and_then(|t| match AssetClass::parse(&t) {
        Some(c) => Some(c),
        None => {
            let accepted: Vec<&str> = AssetClass::ALL.iter().map(|c| c.code()).collect();
            let msg = format!("asset_class: expected one of {}, found \"{t}\"", accepted.join(", "));
            row.fail(report, pfo::ASSET_CLASS, msg);
            None
        }
    });
    let counterparty = row.text(report, pfo::COUNTERPARTY);
    let outstanding = row.decimal(report, pfo::OUTSTANDING, Sign::NonNegative);
    let mut amount = |f: usize| row.decimal(report, f, Sign::NonNegative);
    let evic = amount(pfo::EVIC);
    let equity_plus_debt = amount(pfo::TOTAL_EQUITY_PLUS_DEBT);
    let property_value = amount(pfo::PROPERTY_VALUE);
    let vehicle_value = amount(pfo::VEHICLE_VALUE);
    let ppp_gdp = amount(pfo::PPP_GDP);
    let mut scope1 = amount(pfo::SCOPE1_T);
    let mut scope2 = amount(pfo::SCOPE2_T);
    let scope3 = amount(pfo::SCOPE3_T);
    let total_debt = amount(pfo::TOTAL_DEBT);
    // Equity may be negative: PCAF counts it as 0 (core::finance::pcaf).
    let total_equity = {
        let v = row.value(pfo::TOTAL_EQUITY);
        match v.map(|v| super::row::number_of(v, false)) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(why)) => {
                let msg = super::row::not_a_number("total_equity", "a number", v?, why);
                row.fail(report, pfo::TOTAL_EQUITY, msg);
                None
            }
        }
    };
    let data_quality = match (row.str(report, pfo::DATA_QUALITY), class) {
        (Some(t), Some(c)) => match DataQuality::parse(c, &t) {
            Ok(dq) => Some(dq),
            Err(expected) => {
                row.fail(report, pfo::DATA_QUALITY, format!("data_quality: expected {expected}, found \"{t}\""));
                None
            }
        },
        _ => None,
    };
    let market = match row.str(report, pfo::SCOPE2_BASIS).map(|t| t.trim().to_lowercase()) {
        None => false,
        Some(t) if t == "location" || t == "基于位置" => false,
        Some(t) if t == "market" || t == "基于市场" => true,
        Some(t) => {
            row.fail(report, pfo::SCOPE2_BASIS, format!("scope2_basis: expected location or market, found \"{t}\""));
            false
        }
    };
    if let Some(name) = row.text(report, pfo::SUMMARY_JSON) {
        match summaries.totals(&name) {
            Ok(t) => {
                let cell = row.cell(pfo::SUMMARY_JSON);
                for (given, figure, what) in [
                    (&mut scope1, t.scope1, "scope1_t"),
                    (&mut scope2, if market { t.scope2_market } else { t.scope2_location }, "scope2_t"),
                ] {
                    match given {
                        Some(g) if *g != figure => report.warning(
                            Problem::at(
                                cell.clone(),
                                format!(
                                    "{what} is given ({}) and differs from the summary's ({}): the cell is used",
                                    g.normalize(),
                                    figure.normalize()
                                ),
                            )
                            .with_zh(format!(
                                "{what} 已填写（{}），与汇总 JSON 中的值（{}）不同：采用单元格中的值",
                                g.normalize(),
                                figure.normalize()
                            )),
                        ),
                        Some(_) => {}
                        None => *given = Some(figure),
                    }
                }
            }
            Err(msg) => row.fail(report, pfo::SUMMARY_JSON, format!("summary_json: {msg}")),
        }
    }
    if row.failed {
        return None;
    }
    let mut e = Exposure::new(id?, class?, outstanding?);
    e.row = Some(row.number);
    e.counterparty = counterparty;
    e.evic = evic;
    e.total_equity_plus_debt = equity_plus_debt;
    e.total_equity = total_equity;
    e.total_debt = total_debt;
    e.property_value = property_value;
    e.vehicle_value = vehicle_value;
    e.ppp_gdp = ppp_gdp;
    (e.scope1_t, e.scope2_t, e.scope3_t) = (scope1, scope2, scope3);
    e.data_quality = data_quality;
    Some(e)
}

/// Reads one Projects row.
pub(crate) fn read_project(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>) -> Option<Project> {
    let id = row.text(report, prj::PROJECT_ID);
    let kind = row.str(report, prj::KIND).and_then(|t| match ProjectKind::parse(&t) {
        Some(k) => Some(k),
        None => {
            let accepted: Vec<&str> = ProjectKind::ALL.iter().map(|k| k.code()).collect();
            row.fail(report, prj::KIND, format!("kind: expected one of {}, found \"{t}\"", accepted.join(", ")));
            None
        }
    });
    let grid_region = row.text(report, prj::GRID_REGION);
    let year = row.year(report, prj::YEAR);
    let mut amount = |f: usize| row.decimal(report, f, Sign::NonNegative);
    let net_generation = amount(prj::NET_GENERATION_MWH);
    let baseline = amount(prj::BASELINE_T);
    let project = amount(prj::PROJECT_T);
    let saved = amount(prj::ENERGY_SAVED_TCE);
    let om = amount(prj::OM_FACTOR);
    let bm = amount(prj::BM_FACTOR);
    let loan = amount(prj::LOAN_BALANCE);
    let total = amount(prj::TOTAL_INVESTMENT);
    let coal_rate = amount(prj::COAL_RATE);
    let period = row.decimal(report, prj::CREDITING_PERIOD, Sign::Positive).and_then(|d| {
        match d.to_u8().filter(|p| (1..=3).contains(p) && d.fract().is_zero()) {
            Some(p) => Some(p),
            None => {
                let msg = format!("crediting_period: expected 1, 2 or 3, found {}", d.normalize());
                row.fail(report, prj::CREDITING_PERIOD, msg);
                None
            }
        }
    });
    if row.failed {
        return None;
    }
    let mut p = Project::new(id?, kind?);
    p.row = Some(row.number);
    p.grid_region = grid_region;
    p.year = year;
    p.net_generation_mwh = net_generation;
    p.baseline_t = baseline;
    p.project_t = project;
    p.energy_saved_tce = saved;
    p.om_factor = om;
    p.bm_factor = bm;
    p.loan_balance = loan;
    p.total_investment = total;
    p.crediting_period = period;
    p.coal_rate_gce_per_kwh = coal_rate;
    Some(p)
}
