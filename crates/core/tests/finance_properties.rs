//! Property tests of green finance (PCAF Part A, 3rd ed.): financed
//! emissions scale linearly with the outstanding amount (chapter 4: AF =
//! outstanding ÷ denominator, financed = AF × emissions), and the weighted
//! data-quality score Σ(outstanding × score) ÷ Σ outstanding (6.1, p. 167)
//! lies between the smallest and the largest score given.
//!
//! "Relative 1e-20" means |a − b| ≤ 1e-20 × max(|a|, |b|): each figure is
//! outstanding × emissions ÷ denominator with the division last, so a
//! quotient that does not terminate is rounded in the 28th significant
//! digit, and the same figure computed in another order may differ there.

use carbonbook_core::Decimal;
use carbonbook_core::finance::{self, AssetClass, DataQuality, Exposure};
use proptest::prelude::*;
use proptest::sample::select;

fn close(a: Decimal, b: Decimal) -> bool {
    let diff = (a - b).abs();
    diff.is_zero() || diff <= a.abs().max(b.abs()) * Decimal::new(1, 20)
}

/// An amount of money with up to 2 decimals, 0.01 to 10^11.
fn amount() -> impl Strategy<Value = Decimal> {
    (1i64..=10_000_000_000_000).prop_map(|c| Decimal::new(c, 2))
}

/// Tonnes with up to 3 decimals, 0 to 10^9.
fn tonnes() -> impl Strategy<Value = Decimal> {
    (0i64..=1_000_000_000_000).prop_map(|m| Decimal::new(m, 3))
}

/// An exposure of any class with its class's first denominator given
/// (a vehicle's value sometimes left blank: attributed at 100 %), and a
/// score 1–5 or none.
fn exposure() -> impl Strategy<Value = Exposure> {
    (
        select(AssetClass::ALL.to_vec()),
        amount(),
        amount(),
        tonnes(),
        tonnes(),
        proptest::option::of(tonnes()),
        proptest::option::of(1u8..=5),
        any::<bool>(),
    )
        .prop_map(|(class, outstanding, denominator, s1, s2, s3, score, blank_vehicle)| {
            let mut e = Exposure::new("X", class, outstanding);
            match class {
                AssetClass::ListedEquity | AssetClass::CorporateBond => e.evic = Some(denominator),
                AssetClass::BusinessLoan | AssetClass::UnlistedEquity | AssetClass::ProjectFinance => {
                    e.total_equity_plus_debt = Some(denominator)
                }
                AssetClass::CommercialRealEstate | AssetClass::Mortgage => e.property_value = Some(denominator),
                AssetClass::MotorVehicleLoan => e.vehicle_value = (!blank_vehicle).then_some(denominator),
                AssetClass::SovereignDebt => e.ppp_gdp = Some(denominator),
            }
            (e.scope1_t, e.scope2_t, e.scope3_t) = (Some(s1), Some(s2), s3);
            e.data_quality = score.and_then(DataQuality::score);
            e
        })
}

/// Exposures with distinct ids.
fn portfolio() -> impl Strategy<Value = Vec<Exposure>> {
    proptest::collection::vec(exposure(), 1..40).prop_map(|mut v| {
        for (i, e) in v.iter_mut().enumerate() {
            e.exposure_id = format!("E{i}");
        }
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// k × outstanding, the denominator unchanged, gives k × the financed
    /// emissions of every scope (and of the attribution factor), exposure by
    /// exposure, by asset class and in total; the intensity per million
    /// invested does not change.
    #[test]
    fn financed_emissions_scale_linearly_with_outstanding(exposures in portfolio(), k in 1i64..=1000) {
        let k = Decimal::from(k);
        let scaled: Vec<Exposure> = exposures
            .iter()
            .cloned()
            .map(|mut e| {
                // A vehicle of unknown value is attributed at 100 %: its own
                // outstanding is the denominator, so scaling it does not
                // scale the factor. Give it the original amount as value.
                if e.asset_class == AssetClass::MotorVehicleLoan && e.vehicle_value.is_none() {
                    e.vehicle_value = Some(e.outstanding);
                }
                e.outstanding *= k;
                e
            })
            .collect();
        let a = finance::compute(&exposures, &[]).map_err(|e| TestCaseError::fail(format!("{:?}", e.errors)))?;
        let b = finance::compute(&scaled, &[]).map_err(|e| TestCaseError::fail(format!("{:?}", e.errors)))?;
        for (x, y) in a.portfolio.exposures.iter().zip(&b.portfolio.exposures) {
            prop_assert!(close(x.attribution_factor * k, y.attribution_factor), "AF {} × {k} vs {}", x.attribution_factor, y.attribution_factor);
            prop_assert!(close(x.financed_scope1_t_co2e * k, y.financed_scope1_t_co2e));
            prop_assert!(close(x.financed_scope2_t_co2e * k, y.financed_scope2_t_co2e));
            prop_assert!(close(x.financed_t_co2e * k, y.financed_t_co2e), "{} × {k} vs {}", x.financed_t_co2e, y.financed_t_co2e);
            prop_assert_eq!(x.financed_scope3_t_co2e.is_some(), y.financed_scope3_t_co2e.is_some());
            if let (Some(s), Some(t)) = (x.financed_scope3_t_co2e, y.financed_scope3_t_co2e) {
                prop_assert!(close(s * k, t));
            }
        }
        for (x, y) in a.portfolio.by_asset_class.iter().zip(&b.portfolio.by_asset_class) {
            prop_assert_eq!(x.asset_class, y.asset_class);
            prop_assert!(close(x.financed_t_co2e * k, y.financed_t_co2e));
        }
        prop_assert!(close(a.portfolio.financed_t_co2e * k, b.portfolio.financed_t_co2e));
        prop_assert_eq!(a.portfolio.outstanding * k, b.portfolio.outstanding);
        if let (Some(p), Some(q)) = (a.portfolio.per_million_invested, b.portfolio.per_million_invested) {
            prop_assert!(close(p, q), "per million {p} vs {q}");
        }
        // The weighted score does not depend on the scale either.
        prop_assert_eq!(a.portfolio.weighted_data_quality.is_some(), b.portfolio.weighted_data_quality.is_some());
        if let (Some(p), Some(q)) = (a.portfolio.weighted_data_quality, b.portfolio.weighted_data_quality) {
            prop_assert!(close(p, q));
        }
    }

    /// Splitting an exposure in two (same counterparty, same denominator)
    /// finances the same emissions as the whole.
    #[test]
    fn financed_emissions_are_additive_in_outstanding(e in exposure(), cut in 1u32..100) {
        let mut e = e;
        if e.asset_class == AssetClass::MotorVehicleLoan && e.vehicle_value.is_none() {
            e.vehicle_value = Some(e.outstanding);
        }
        let part = (e.outstanding * Decimal::from(cut) / Decimal::from(100)).round_dp(2);
        let (mut a, mut b) = (e.clone(), e.clone());
        (a.exposure_id, a.outstanding) = ("A".to_owned(), part);
        (b.exposure_id, b.outstanding) = ("B".to_owned(), e.outstanding - part);
        let whole = finance::compute(&[e], &[]).map_err(|x| TestCaseError::fail(format!("{:?}", x.errors)))?;
        let split = finance::compute(&[a, b], &[]).map_err(|x| TestCaseError::fail(format!("{:?}", x.errors)))?;
        prop_assert!(close(whole.portfolio.financed_t_co2e, split.portfolio.financed_t_co2e),
            "{} vs {}", whole.portfolio.financed_t_co2e, split.portfolio.financed_t_co2e);
    }

    /// min score ≤ weighted score ≤ max score, for the portfolio and for
    /// every asset class; none when no exposure is scored.
    #[test]
    fn weighted_data_quality_lies_between_the_smallest_and_largest_score(exposures in portfolio()) {
        let f = finance::compute(&exposures, &[]).map_err(|e| TestCaseError::fail(format!("{:?}", e.errors)))?;
        let range = |class: Option<AssetClass>| {
            let scores = exposures
                .iter()
                .filter(|e| class.is_none_or(|c| e.asset_class == c))
                .filter_map(|e| e.data_quality.map(|d| Decimal::from(d.score)));
            scores.fold(None, |r: Option<(Decimal, Decimal)>, s| Some(r.map_or((s, s), |(lo, hi)| (lo.min(s), hi.max(s)))))
        };
        match (f.portfolio.weighted_data_quality, range(None)) {
            (Some(w), Some((lo, hi))) => prop_assert!(lo <= w && w <= hi, "{lo} ≤ {w} ≤ {hi}"),
            (None, None) => {}
            (w, r) => prop_assert!(false, "weighted {w:?} but scores {r:?}"),
        }
        for c in &f.portfolio.by_asset_class {
            match (c.weighted_data_quality, range(Some(c.asset_class))) {
                (Some(w), Some((lo, hi))) => prop_assert!(lo <= w && w <= hi, "{}: {lo} ≤ {w} ≤ {hi}", c.asset_class),
                (None, None) => {}
                (w, r) => prop_assert!(false, "{}: weighted {w:?} but scores {r:?}", c.asset_class),
            }
        }
    }
}
