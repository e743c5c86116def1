//! The Finance sheet (workbook-v2 §9): financed emissions per exposure and
//! per asset class (PCAF Part A, 3rd ed.), and the reductions of the green
//! projects. Written only when the book has a Portfolio or Projects sheet.

use carbonbook_core::Results;
use carbonbook_core::finance::{Finance, ReductionMethod};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet};

use crate::excel_number::to_f64_lossy;
use crate::style;
use crate::write_error::WriteError;

/// The sheet's name.
pub(super) const SHEET: &str = "Finance";

struct Cursor<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
    figure: &'a Format,
    ratio: Format,
}

impl Cursor<'_> {
    fn header(&mut self, titles: &[&str]) -> Result<(), WriteError> {
        let h = style::header();
        for (c, t) in (0..).zip(titles) {
            self.sheet.write_string_with_format(self.row, c, *t, &h)?;
        }
        self.row += 1;
        Ok(())
    }

    fn title(&mut self, text: &str) -> Result<(), WriteError> {
        self.sheet.write_string_with_format(self.row, 0, text, &style::section())?;
        self.row += 1;
        Ok(())
    }

    fn text(&mut self, c: u16, t: &str) -> Result<(), WriteError> {
        self.sheet.write_string(self.row, c, t)?;
        Ok(())
    }

    fn num(&mut self, c: u16, v: Decimal) -> Result<(), WriteError> {
        self.sheet.write_number_with_format(self.row, c, to_f64_lossy(v), self.figure)?;
        Ok(())
    }

    fn ratio(&mut self, c: u16, v: Option<Decimal>) -> Result<(), WriteError> {
        if let Some(v) = v {
            self.sheet.write_number_with_format(self.row, c, to_f64_lossy(v), &self.ratio)?;
        }
        Ok(())
    }
}

/// Writes the sheet, when the results have finance figures.
pub(super) fn write(
    workbook: &mut rust_xlsxwriter::Workbook,
    results: &Results,
    figure: &Format,
) -> Result<(), WriteError> {
    let Some(f) = &results.finance else { return Ok(()) };
    let sheet = workbook.add_worksheet().set_name(SHEET)?;
    crate::table::print_layout(sheet, None);
    for (c, w) in [16.0, 22.0, 18.0, 16.0, 22.0, 18.0, 16.0, 16.0, 16.0, 16.0, 14.0].into_iter().enumerate() {
        sheet.set_column_width(u16::try_from(c).unwrap_or(0), w)?;
    }
    let mut k = Cursor { sheet, row: 0, figure, ratio: style::number("0.0000") };
    portfolio(&mut k, f)?;
    projects(&mut k, f)
}

fn portfolio(k: &mut Cursor<'_>, f: &Finance) -> Result<(), WriteError> {
    let p = &f.portfolio;
    if p.exposures.is_empty() {
        return Ok(());
    }
    k.title("Financed emissions (PCAF Part A, 3rd ed., Dec 2025) 融资排放")?;
    k.header(&[
        "Exposure",
        "Asset class",
        "Counterparty",
        "Outstanding",
        "Denominator",
        "Denominator value",
        "Attribution factor",
        "Financed Scope 1+2 (t CO2e)",
        "Financed Scope 3 (t CO2e)",
        "Data quality",
        "PCAF option",
    ])?;
    for e in &p.exposures {
        k.text(0, &e.exposure_id)?;
        k.text(1, e.asset_class.code())?;
        k.text(2, e.counterparty.as_deref().unwrap_or(""))?;
        k.num(3, e.outstanding)?;
        k.text(4, e.denominator.describe())?;
        k.num(5, e.denominator_value)?;
        k.ratio(6, Some(e.attribution_factor))?;
        k.num(7, e.financed_t_co2e)?;
        if let Some(s3) = e.financed_scope3_t_co2e {
            k.num(8, s3)?;
        }
        if let Some(dq) = e.data_quality {
            k.sheet.write_number(k.row, 9, f64::from(dq.score))?;
            if let Some(o) = dq.option {
                k.text(10, o.code())?;
            }
        }
        k.row += 1;
    }
    k.row += 1;
    k.title("By asset class 按资产类别")?;
    k.header(&[
        "Asset class",
        "PCAF section",
        "Exposures",
        "Outstanding",
        "Financed Scope 1+2 (t CO2e)",
        "Financed Scope 3 (t CO2e)",
        "Weighted data quality",
        "Denominators",
    ])?;
    for c in &p.by_asset_class {
        k.text(0, c.asset_class.code())?;
        k.text(1, c.asset_class.section())?;
        k.sheet.write_number(k.row, 2, c.exposures as f64)?;
        k.num(3, c.outstanding)?;
        k.num(4, c.financed_t_co2e)?;
        if let Some(s3) = c.financed_scope3_t_co2e {
            k.num(5, s3)?;
        }
        k.ratio(6, c.weighted_data_quality)?;
        let d: Vec<&str> = c.denominators.iter().map(|d| d.describe()).collect();
        k.text(7, &d.join("; "))?;
        k.row += 1;
    }
    k.text(0, "Total")?;
    k.num(3, p.outstanding)?;
    k.num(4, p.financed_t_co2e)?;
    if let Some(s3) = p.financed_scope3_t_co2e {
        k.num(5, s3)?;
    }
    k.ratio(6, p.weighted_data_quality)?;
    k.row += 1;
    k.text(0, "t CO2e per million invested")?;
    k.ratio(4, p.per_million_invested)?;
    k.row += 1;
    let note = "Financed = outstanding × emissions ÷ denominator; Scope 3 apart (6.1); weighted data quality = \
                Σ(outstanding × score) ÷ Σ outstanding (6.1, Box 6.1-6).";
    k.sheet.write_string_with_format(k.row, 0, note, &style::note())?;
    k.row += 2;
    Ok(())
}

fn projects(k: &mut Cursor<'_>, f: &Finance) -> Result<(), WriteError> {
    let g = &f.projects;
    if g.projects.is_empty() {
        return Ok(());
    }
    k.title("Green projects: environmental benefits 绿色项目环境效益")?;
    k.header(&[
        "Project",
        "Kind",
        "Grid region",
        "Method",
        "Combined margin (t CO2/MWh)",
        "Baseline (t CO2e)",
        "Project (t CO2e)",
        "Reduction (t CO2e) 碳减排量",
        "Loan share",
        "Attributed reduction (t CO2e)",
        "Standard coal saved (tce) 节约标准煤",
    ])?;
    for r in &g.projects {
        k.text(0, &r.project_id)?;
        k.text(1, r.kind.code())?;
        k.text(2, r.grid_region.as_deref().unwrap_or(""))?;
        k.text(3, r.method.code())?;
        if let ReductionMethod::CombinedMargin { ef_cm, .. } = r.method {
            k.ratio(4, Some(ef_cm))?;
        }
        k.num(5, r.baseline_t)?;
        k.num(6, r.project_t)?;
        k.num(7, r.reduction_t)?;
        k.ratio(8, Some(r.loan_share))?;
        k.num(9, r.attributed_reduction_t)?;
        if let Some(t) = r.energy_saved_tce {
            k.num(10, t)?;
        }
        k.row += 1;
    }
    k.text(0, "Total")?;
    k.num(7, g.reduction_t)?;
    k.num(9, g.attributed_reduction_t)?;
    k.num(10, g.energy_saved_tce)?;
    k.row += 1;
    let note = "Reduction = baseline − project, or net generation × (w_OM × OM + w_BM × BM) − project \
                (CDM tool 07, Step 6; ACM0002); attributed = reduction × loan balance ÷ total investment.";
    k.sheet.write_string_with_format(k.row, 0, note, &style::note())?;
    Ok(())
}
