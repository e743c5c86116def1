//! The summary JSON's `finance` member (workbook-v2 §10): financed
//! emissions by PCAF and the reductions of green projects. Members named in
//! the contract come first; the others are additive.

use carbonbook_core::finance::{Finance, ReductionMethod};
use serde::Serialize;

use super::{dec, opt};

/// `finance`.
#[derive(Serialize)]
pub(super) struct FinanceLine<'a> {
    exposures: Vec<ExposureLine<'a>>,
    by_asset_class: Vec<AssetClassLine>,
    /// Scopes 1 and 2; Scope 3 is `financed_scope3_t_co2e`.
    financed_t_co2e: String,
    weighted_data_quality: Option<String>,
    per_million_invested: Option<String>,
    projects: Vec<ProjectLine<'a>>,
    reduction_t: String,
    attributed_reduction_t: String,
    outstanding: String,
    financed_scope3_t_co2e: Option<String>,
    energy_saved_tce: String,
    attributed_energy_saved_tce: String,
}

#[derive(Serialize)]
struct ExposureLine<'a> {
    exposure_id: &'a str,
    attribution_factor: String,
    financed_t_co2e: String,
    financed_scope3_t_co2e: Option<String>,
    data_quality: Option<String>,
    sheet_row: Option<u32>,
    asset_class: &'static str,
    outstanding: String,
    denominator: &'static str,
    denominator_value: String,
    financed_scope1_t_co2e: String,
    financed_scope2_t_co2e: String,
    data_quality_option: Option<&'static str>,
}

#[derive(Serialize)]
struct AssetClassLine {
    asset_class: &'static str,
    outstanding: String,
    financed_t_co2e: String,
    weighted_data_quality: Option<String>,
    exposures: u64,
    financed_scope3_t_co2e: Option<String>,
    section: &'static str,
    denominators: Vec<&'static str>,
    data_quality_options: Vec<&'static str>,
}

#[derive(Serialize)]
struct ProjectLine<'a> {
    project_id: &'a str,
    reduction_t: String,
    attributed_reduction_t: String,
    energy_saved_tce: Option<String>,
    sheet_row: Option<u32>,
    kind: &'static str,
    method: &'static str,
    /// The combined margin, t CO2/MWh, when the method is `combined_margin`.
    ef_cm: Option<String>,
    w_om: Option<String>,
    w_bm: Option<String>,
    baseline_t: String,
    project_t: String,
    loan_share: String,
    attributed_energy_saved_tce: Option<String>,
}

impl<'a> FinanceLine<'a> {
    pub(super) fn of(f: &'a Finance) -> FinanceLine<'a> {
        let p = &f.portfolio;
        let g = &f.projects;
        FinanceLine {
            exposures: p
                .exposures
                .iter()
                .map(|e| ExposureLine {
                    exposure_id: &e.exposure_id,
                    attribution_factor: dec(e.attribution_factor),
                    financed_t_co2e: dec(e.financed_t_co2e),
                    financed_scope3_t_co2e: opt(e.financed_scope3_t_co2e),
                    data_quality: e.data_quality.map(|d| d.score.to_string()),
                    sheet_row: e.row,
                    asset_class: e.asset_class.code(),
                    outstanding: dec(e.outstanding),
                    denominator: e.denominator.code(),
                    denominator_value: dec(e.denominator_value),
                    financed_scope1_t_co2e: dec(e.financed_scope1_t_co2e),
                    financed_scope2_t_co2e: dec(e.financed_scope2_t_co2e),
                    data_quality_option: e.data_quality.and_then(|d| d.option).map(|o| o.code()),
                })
                .collect(),
            by_asset_class: p
                .by_asset_class
                .iter()
                .map(|c| AssetClassLine {
                    asset_class: c.asset_class.code(),
                    outstanding: dec(c.outstanding),
                    financed_t_co2e: dec(c.financed_t_co2e),
                    weighted_data_quality: opt(c.weighted_data_quality),
                    exposures: c.exposures,
                    financed_scope3_t_co2e: opt(c.financed_scope3_t_co2e),
                    section: c.asset_class.section(),
                    denominators: c.denominators.iter().map(|d| d.code()).collect(),
                    data_quality_options: c.options.iter().map(|o| o.code()).collect(),
                })
                .collect(),
            financed_t_co2e: dec(p.financed_t_co2e),
            weighted_data_quality: opt(p.weighted_data_quality),
            per_million_invested: opt(p.per_million_invested),
            projects: g
                .projects
                .iter()
                .map(|r| {
                    let (w_om, w_bm, ef_cm) = match r.method {
                        ReductionMethod::CombinedMargin { w_om, w_bm, ef_cm } => {
                            (Some(dec(w_om)), Some(dec(w_bm)), Some(dec(ef_cm)))
                        }
                        ReductionMethod::BaselineMinusProject => (None, None, None),
                    };
                    ProjectLine {
                        project_id: &r.project_id,
                        reduction_t: dec(r.reduction_t),
                        attributed_reduction_t: dec(r.attributed_reduction_t),
                        energy_saved_tce: opt(r.energy_saved_tce),
                        sheet_row: r.row,
                        kind: r.kind.code(),
                        method: r.method.code(),
                        ef_cm,
                        w_om,
                        w_bm,
                        baseline_t: dec(r.baseline_t),
                        project_t: dec(r.project_t),
                        loan_share: dec(r.loan_share),
                        attributed_energy_saved_tce: opt(r.attributed_energy_saved_tce),
                    }
                })
                .collect(),
            reduction_t: dec(g.reduction_t),
            attributed_reduction_t: dec(g.attributed_reduction_t),
            outstanding: dec(p.outstanding),
            financed_scope3_t_co2e: opt(p.financed_scope3_t_co2e),
            energy_saved_tce: dec(g.energy_saved_tce),
            attributed_energy_saved_tce: dec(g.attributed_energy_saved_tce),
        }
    }
}
