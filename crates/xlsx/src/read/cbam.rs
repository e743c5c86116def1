//! The EU CBAM sheets (workbook-v2 §8): `CBAM goods`, `CBAM precursors`
//! and `CBAM imports`. Categories, CN codes (checked against Annex I of
//! Regulation (EU) 2023/956), sources and quarters are parsed here, once;
//! what needs the whole book (unknown goods, cycles of precursors, missing
//! figures) is left to the engine, which names the row and field.

use carbonbook_core::cbam::{Category, CnCode, DataSource, Good, ImportLine, Precursor, Quarter};

use super::facilities::FacilityIds;
use super::report::Report;
use super::row::{Row, Sign};
use super::schema::{cbg, cbi, cbp};

/// Reads one `CBAM goods` row; `ids` as for Production.
pub(crate) fn read_good(
    row: &mut Row<'_, '_, '_>,
    report: &mut Report<'_>,
    ids: Option<&mut FacilityIds>,
) -> Option<Good> {
    let good_id = row.text(report, cbg::GOOD_ID);
    let facility_id = row.text(report, cbg::FACILITY_ID);
    if let (Some(ids), Some(id)) = (ids, &facility_id) {
        ids.check(row, report, cbg::FACILITY_ID, id);
    }
    let year = row.year(report, cbg::YEAR);
    let cn_code = row.parse::<CnCode>(report, cbg::CN_CODE);
    let category = row.parse::<Category>(report, cbg::CATEGORY);
    let route = row.text(report, cbg::ROUTE);
    let quantity_t = row.decimal(report, cbg::QUANTITY_T, Sign::Positive);
    let direct_t = row.decimal(report, cbg::DIRECT_T, Sign::NonNegative);
    let electricity_mwh = row.decimal(report, cbg::ELECTRICITY_MWH, Sign::NonNegative);
    let electricity_factor = row.decimal(report, cbg::ELECTRICITY_FACTOR, Sign::NonNegative);
    if let (Some(cn), Some(cat)) = (&cn_code, category)
        && cn.category() != cat
    {
        row.fail(
            report,
            cbg::CATEGORY,
            format!("category must be {} (the sector of CN {cn} in Annex I), found {cat}", cn.category()),
        );
    }
    if row.failed {
        return None;
    }
    let mut g = Good::new(good_id?, facility_id?, year?, cn_code?, quantity_t?);
    g.row = Some(row.number);
    g.category = category?;
    g.route = route;
    g.direct_t = direct_t;
    g.electricity_mwh = electricity_mwh;
    g.electricity_factor = electricity_factor;
    Some(g)
}

/// Reads one `CBAM precursors` row.
pub(crate) fn read_precursor(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>) -> Option<Precursor> {
    let good_id = row.text(report, cbp::GOOD_ID);
    let precursor = row.text(report, cbp::PRECURSOR);
    let mass_t = row.decimal(report, cbp::MASS_T, Sign::NonNegative);
    let see_direct = row.decimal(report, cbp::SEE_DIRECT, Sign::NonNegative);
    let see_indirect = row.decimal(report, cbp::SEE_INDIRECT, Sign::NonNegative);
    let source = row.parse::<DataSource>(report, cbp::SOURCE);
    let cn_code = row.parse::<CnCode>(report, cbp::CN_CODE);
    if row.failed {
        return None;
    }
    let mut p = Precursor::new(good_id?, precursor?, mass_t?);
    p.row = Some(row.number);
    p.see_direct = see_direct;
    p.see_indirect = see_indirect;
    p.source = source.unwrap_or_default();
    p.cn_code = cn_code;
    Some(p)
}

/// Reads one `CBAM imports` row.
pub(crate) fn read_import(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>) -> Option<ImportLine> {
    let year = row.year(report, cbi::YEAR);
    let quarter = quarter(row, report);
    let good_id = row.text(report, cbi::GOOD_ID);
    let cn_code = row.parse::<CnCode>(report, cbi::CN_CODE);
    if good_id.is_none() && cn_code.is_none() && !row.has(cbi::GOOD_ID) && !row.has(cbi::CN_CODE) {
        row.fail(report, cbi::GOOD_ID, "give good_id (a good of the CBAM goods sheet) or cn_code, found empty cells");
    }
    let origin = row.text(report, cbi::ORIGIN);
    let quantity_t = row.decimal(report, cbi::QUANTITY_T, Sign::NonNegative);
    let mut number = |f| row.decimal(report, f, Sign::NonNegative);
    let figures = [
        number(cbi::SEE_DIRECT),
        number(cbi::SEE_INDIRECT),
        number(cbi::DEFAULT_VALUE),
        number(cbi::BENCHMARK),
        number(cbi::CSCF),
        number(cbi::CERTIFICATE_PRICE),
        number(cbi::CARBON_PRICE_PAID),
    ];
    if row.failed {
        return None;
    }
    let [see_direct, see_indirect, default_value, benchmark, cscf, certificate_price, carbon_price_paid] = figures;
    Some(ImportLine {
        row: Some(row.number),
        year: year?,
        quarter,
        good_id,
        cn_code,
        origin,
        quantity_t: quantity_t?,
        see_direct,
        see_indirect,
        default_value,
        benchmark,
        cscf,
        certificate_price,
        carbon_price_paid,
    })
}

/// A quarter, `1`–`4` or `Q1`–`Q4`.
fn quarter(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>) -> Option<Quarter> {
    let t = row.str(report, cbi::QUARTER)?;
    let s = t.trim();
    let digits = s.strip_prefix(['Q', 'q']).unwrap_or(s).trim_start_matches("第").trim_end_matches("季度").trim();
    let q = digits.strip_suffix(".0").unwrap_or(digits).parse::<u8>().ok().and_then(Quarter::new);
    if q.is_none() {
        let msg = format!("quarter must be 1–4 (or Q1–Q4), found \"{s}\"");
        row.fail(report, cbi::QUARTER, msg);
    }
    q
}
