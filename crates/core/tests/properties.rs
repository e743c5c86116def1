//! Property tests of the calculation engine: unit conversions, scaling,
//! how breakdowns add up, and that no input makes the engine panic.
//!
//! Inventories are built through the public API only. Case counts are kept
//! small so the whole file runs in a few seconds in a debug build.
//!
//! "Relative 1e-20" below means |a − b| ≤ 1e-20 × max(|a|, |b|). A
//! `Decimal` holds 28 significant digits, so a result that needed one
//! division (44/12, ÷ 29.3076 GJ/tce, a non-decimal unit factor) is
//! rounded in its last digits and a sum of such results can differ from
//! the same figure computed in another order by a few units of the 28th
//! digit; 1e-20 leaves room for that and for nothing else.

use carbonbook_core::Decimal;
use carbonbook_core::calculation::Results;
use carbonbook_core::error::CalcErrors;
use carbonbook_core::inventory::{Activity, Facility, Inventory, Organisation, Production};
use carbonbook_core::period::Period;
use carbonbook_core::scope::SourceCategory;
use carbonbook_core::summary::Totals;
use carbonbook_core::trading::{Allocation, Scheme, TradingLine};
use carbonbook_core::units::{Dimension, Quantity, Rate, Unit, UnitError};
use proptest::prelude::*;
use proptest::sample::select;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// 1e-20.
fn tolerance() -> Decimal {
    Decimal::new(1, 20)
}

/// Whether `a` and `b` agree to 1e-20 relative.
fn close(a: Decimal, b: Decimal) -> bool {
    let diff = (a - b).abs();
    let scale = a.abs().max(b.abs());
    diff.is_zero() || diff <= scale * tolerance()
}

macro_rules! assert_close {
    ($a:expr, $b:expr, $($what:tt)+) => {{
        let (a, b): (Decimal, Decimal) = ($a, $b);
        prop_assert!(close(a, b), "{}: {} vs {} (differ by {})", format!($($what)+), a, b, (a - b).abs());
    }};
}

/// Units that are decimal multiples of each other: converting between two
/// units of one family multiplies by a power of ten, so it is exact both
/// ways. (scf/Mscf and mmBtu/therm are decimal multiples of each other too,
/// but are not decimal multiples of the SI units of their dimension.)
const DECIMAL_FAMILIES: &[&[Unit]] = &[
    &[Unit::Tonne, Unit::Kilogram, Unit::Gram],
    &[Unit::CubicMetre, Unit::TenThousandCubicMetres, Unit::Litre],
    &[Unit::Joule, Unit::Kilojoule, Unit::Megajoule, Unit::Gigajoule, Unit::Terajoule],
    &[Unit::KilowattHour, Unit::MegawattHour, Unit::GigawattHour, Unit::TenThousandKilowattHours],
    &[Unit::TonneOfCoalEquivalent, Unit::KilogramOfCoalEquivalent],
    &[Unit::StandardCubicFoot, Unit::ThousandStandardCubicFeet],
    &[Unit::MmBtu, Unit::Therm],
];

fn decimal_multiples(a: Unit, b: Unit) -> bool {
    DECIMAL_FAMILIES.iter().any(|f| f.contains(&a) && f.contains(&b))
}

fn units_of(d: Dimension) -> Vec<Unit> {
    Unit::ALL.iter().copied().filter(|u| u.dimension() == d).collect()
}

const DIMENSIONS: [Dimension; 7] = [
    Dimension::Mass,
    Dimension::Volume,
    Dimension::Energy,
    Dimension::StandardCoal,
    Dimension::Distance,
    Dimension::FreightTransport,
    Dimension::PassengerTransport,
];

/// Any `Decimal` at all: every mantissa up to 2^96 − 1, either sign, every
/// scale, with the extremes and small values over-represented.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        2 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => select(vec![
            Decimal::MAX,
            Decimal::MIN,
            Decimal::ZERO,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::MAX / Decimal::TEN,
            Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 28),
        ]),
    ]
}

/// An ordinary positive amount: up to 10^7 with up to 3 decimals, so that
/// even × 1000 every figure computed from it fits in 28 digits.
fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..10_000_000_000).prop_map(|m| Decimal::new(m, 3).normalize())
}

// ---------------------------------------------------------------------------
// Inventories
// ---------------------------------------------------------------------------

/// What an activity row is: key, source, the units it may be given in, and
/// the measured-value ranges (NCV in GJ per t or per 10^4 m3 ×1000; carbon
/// content t C/GJ ×100000) for fuels.
struct Kind {
    key: &'static str,
    source: SourceCategory,
    units: &'static [Unit],
    fuel: Option<((i64, i64), (i64, i64))>,
}

const MASS_OR_ENERGY: &[Unit] = &[
    Unit::Tonne,
    Unit::Kilogram,
    Unit::ShortTon,
    Unit::Pound,
    Unit::Gigajoule,
    Unit::Terajoule,
    Unit::MegawattHour,
    Unit::MmBtu,
];
const GAS_UNITS: &[Unit] =
    &[Unit::TenThousandCubicMetres, Unit::CubicMetre, Unit::StandardCubicFoot, Unit::Gigajoule, Unit::Therm];
const ELECTRICITY_UNITS: &[Unit] =
    &[Unit::KilowattHour, Unit::MegawattHour, Unit::GigawattHour, Unit::TenThousandKilowattHours, Unit::Gigajoule];
const HEAT_UNITS: &[Unit] = &[Unit::Gigajoule, Unit::Megajoule, Unit::Terajoule, Unit::MmBtu];

const KINDS: &[Kind] = &[
    Kind {
        key: "coke",
        source: SourceCategory::StationaryCombustion,
        units: MASS_OR_ENERGY,
        fuel: Some(((27_500, 29_500), (2_850, 3_050))),
    },
    Kind {
        key: "diesel",
        source: SourceCategory::MobileCombustion,
        units: MASS_OR_ENERGY,
        fuel: Some(((42_000, 43_300), (1_980, 2_060))),
    },
    Kind {
        key: "diesel",
        source: SourceCategory::StationaryCombustion,
        units: MASS_OR_ENERGY,
        fuel: Some(((42_000, 43_300), (1_980, 2_060))),
    },
    Kind {
        key: "natural_gas",
        source: SourceCategory::StationaryCombustion,
        units: GAS_UNITS,
        fuel: Some(((380_000, 395_000), (1_500, 1_560))),
    },
    Kind {
        key: "bituminous_coal",
        source: SourceCategory::StationaryCombustion,
        units: MASS_OR_ENERGY,
        fuel: Some(((18_500, 23_500), (2_500, 2_700))),
    },
    Kind {
        key: "fuel_oil",
        source: SourceCategory::StationaryCombustion,
        units: MASS_OR_ENERGY,
        fuel: Some(((40_500, 41_500), (2_080, 2_140))),
    },
    Kind {
        key: "lpg",
        source: SourceCategory::StationaryCombustion,
        units: MASS_OR_ENERGY,
        fuel: Some(((49_500, 51_000), (1_690, 1_740))),
    },
    Kind { key: "electricity", source: SourceCategory::PurchasedElectricity, units: ELECTRICITY_UNITS, fuel: None },
    Kind { key: "heat", source: SourceCategory::PurchasedHeat, units: HEAT_UNITS, fuel: None },
];

const METHODS: [&str; 2] = ["cn-gbt32150", "ipcc-2006"];
const YEAR: i32 = 2024;

/// The random choices behind one activity row (interpreted by [`build`]).
#[derive(Debug, Clone)]
struct Row {
    kind: usize,
    unit: usize,
    facility: usize,
    month: Option<u8>,
    quantity: Decimal,
    /// Whether to give measured values, and the raw draws for them.
    measured: Option<(u64, u64, u64)>,
    contractual: Option<Decimal>,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0..KINDS.len(),
        any::<prop::sample::Index>(),
        0usize..4,
        prop::option::of(1u8..=12),
        amount(),
        prop::option::weighted(0.3, (any::<u64>(), any::<u64>(), any::<u64>())),
        prop::option::weighted(0.3, (0i64..10_000).prop_map(|m| Decimal::new(m, 4))),
    )
        .prop_map(|(kind, unit, facility, month, quantity, measured, contractual)| Row {
            kind,
            unit: unit.index(KINDS[kind].units.len()),
            facility,
            month,
            quantity,
            measured,
            contractual,
        })
}

/// A methodology and 0–30 rows over up to 4 facilities.
fn inventory_spec() -> impl Strategy<Value = (usize, Vec<Row>)> {
    (0..METHODS.len(), prop::collection::vec(row(), 0..30))
}

fn organisation(method: usize) -> Organisation {
    let mut org = Organisation::new("Property Co.", YEAR);
    org.methodology = METHODS[method].to_owned();
    org
}

fn facilities() -> Vec<Facility> {
    let regions = [None, Some("north"), Some("ets"), Some("华东")];
    let sectors = [Some("cement"), Some("power"), None, Some("commercial")];
    (0..4)
        .map(|i| {
            let mut f = Facility::new(format!("F{i}"));
            f.grid_region = regions[i].map(str::to_owned);
            f.sector = sectors[i].map(str::to_owned);
            f
        })
        .collect()
}

/// The inventory described by `rows`, every quantity multiplied by `k`.
///
/// Measured values: an NCV per the quantity's own (mass or volume) unit, or
/// per tonne / 10^4 m3 for quantities in an energy unit, in GJ or MJ; a
/// carbon content and an oxidation rate. Under `ipcc-2006` a gas in a
/// volume unit always gets a measured NCV (IPCC gives NCVs per mass only).
fn build(method: usize, rows: &[Row], k: Decimal) -> Inventory {
    let mut inv = Inventory::new(organisation(method));
    inv.facilities = facilities();
    for (i, r) in rows.iter().enumerate() {
        let kind = &KINDS[r.kind];
        let unit = kind.units[r.unit];
        let q = Quantity::new(r.quantity * k, unit);
        let mut a = Activity::new(format!("F{}", r.facility), kind.source, kind.key, q);
        a.row = Some(i as u32 + 2);
        a.period = r.month.map(|m| Period::month(YEAR, m).expect("a month"));
        if let Some(((ncv_lo, ncv_hi), (cc_lo, cc_hi))) = kind.fuel {
            let volume_under_ipcc = METHODS[method] == "ipcc-2006" && unit.dimension() == Dimension::Volume;
            let draws = r.measured.or(volume_under_ipcc.then_some((7, 11, 13)));
            if let Some((x, y, z)) = draws {
                let ncv = Decimal::new(ncv_lo + (x % (ncv_hi - ncv_lo) as u64) as i64, 3);
                let per = match unit.dimension() {
                    Dimension::Energy => {
                        if kind.key == "natural_gas" {
                            Unit::TenThousandCubicMetres
                        } else {
                            Unit::Tonne
                        }
                    }
                    _ => unit,
                };
                // Half in GJ per unit, half in MJ per unit (1000 × the value).
                a.measured.ncv = Some(if x % 2 == 0 {
                    Rate::new(ncv, Unit::Gigajoule, per)
                } else {
                    Rate::new(ncv * Decimal::ONE_THOUSAND, Unit::Megajoule, per)
                });
                if r.measured.is_some() {
                    a.measured.carbon_content = Some(Decimal::new(cc_lo + (y % (cc_hi - cc_lo) as u64) as i64, 5));
                    a.measured.oxidation = Some(Decimal::new(85 + (z % 16) as i64, 2));
                }
            }
        }
        if kind.source == SourceCategory::PurchasedElectricity {
            a.contractual_factor = r.contractual;
        }
        inv.activities.push(a);
    }
    inv
}

fn calculate(method: usize, rows: &[Row], k: Decimal) -> Result<Results, CalcErrors> {
    build(method, rows, k).calculate()
}

/// Totals::add over an iterator, starting from zero.
fn sum_totals<'a>(it: impl IntoIterator<Item = &'a Totals>) -> Totals {
    let mut t = Totals::default();
    for x in it {
        t.add(x).expect("no overflow");
    }
    t
}

// ---------------------------------------------------------------------------
// Unit conversions
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// There and back: exact between decimal multiples, 1e-20 relative
    /// otherwise. The amount is kept at or above 10^-2 of the base unit
    /// (10 kg, 10 L, 10 MJ, 10 kgce), so that in any unit of its dimension
    /// it has more than 20 significant digits within a `Decimal`'s 28
    /// decimal places (1 J is 9.5e-13 mmBtu, which only 16 digits can
    /// follow: see the note in the report about small amounts).
    #[test]
    fn unit_round_trip(
        dim in select(DIMENSIONS.to_vec()),
        pick in any::<(prop::sample::Index, prop::sample::Index)>(),
        mantissa in 1i64..1_000_000_000_000_000,
        scale in 0u32..=6,
    ) {
        let units = units_of(dim);
        let (from, to) = (units[pick.0.index(units.len())], units[pick.1.index(units.len())]);
        let q = Quantity::new(Decimal::new(mantissa, scale), from);
        prop_assume!(q.in_base()? >= Decimal::new(1, 2));
        let there = q.to(to)?;
        prop_assert_eq!(there.unit(), to);
        let back = there.to(from)?;
        prop_assert_eq!(back.unit(), from);
        if decimal_multiples(from, to) {
            // Multiplying by a power of ten: exact, both ways.
            prop_assert_eq!(back.value(), q.value(), "{} -> {} -> {}", q, there, back);
            prop_assert!(there.same_amount(&q)?);
        } else {
            assert_close!(back.value(), q.value(), "{} -> {} -> {}", q, there, back);
        }
        // Converting to the same unit is the identity.
        prop_assert_eq!(q.to(from)?.value(), q.value());
    }

    /// Across dimensions without a calorific value: always an error
    /// (never a panic, never a number), whatever the amount.
    #[test]
    fn cross_dimension_needs_a_calorific_value(
        value in any_decimal(),
        from in select(Unit::ALL.to_vec()),
        to in select(Unit::ALL.to_vec()),
    ) {
        let q = Quantity::new(value, from);
        if from.dimension() != to.dimension() {
            prop_assert!(matches!(q.to(to), Err(UnitError::DimensionMismatch { .. })), "{} to {}", q, to);
            prop_assert!(matches!(from.factor_to(to), Err(UnitError::DimensionMismatch { .. })), "{} to {}", from, to);
            prop_assert!(q.same_amount(&Quantity::new(value, to)).is_err());
            // A rate per `to` cannot apply to a quantity in `from` either.
            prop_assert!(Rate::new(Decimal::ONE, Unit::Gigajoule, to).apply(&q).is_err());
        } else {
            // Same dimension: a result or an overflow error.
            let _ = q.to(to);
        }
        if from.dimension() != Dimension::Energy {
            prop_assert!(matches!(q.to_energy(None), Err(UnitError::MissingParameter { .. })), "{}", q);
        }
    }

    /// Conversions and rates on arbitrary decimals (huge, tiny, negative):
    /// a value or an error, never a panic.
    #[test]
    fn conversions_never_panic(
        value in any_decimal(),
        rate in any_decimal(),
        from in select(Unit::ALL.to_vec()),
        to in select(Unit::ALL.to_vec()),
        num in select(Unit::ALL.to_vec()),
    ) {
        let q = Quantity::new(value, from);
        let _ = q.to(to);
        let _ = q.in_base();
        let _ = q.same_amount(&Quantity::new(rate, to));
        let r = Rate::new(rate, num, to);
        let _ = q.to_energy(Some(&r));
        let _ = r.apply(&q);
        let _ = r.per(from);
    }
}

// ---------------------------------------------------------------------------
// The engine: scaling and sums
// ---------------------------------------------------------------------------

/// Engine properties build a factor library per calculation (about 10 ms
/// in a debug build): fewer cases.
fn engine_config() -> ProptestConfig {
    ProptestConfig::with_cases(64)
}

proptest! {
    #![proptest_config(engine_config())]

    /// Every quantity × k ⇒ every total × k.
    ///
    /// Exact for Scope 2 (location- and market-based): quantity × factor
    /// and quantity × unit factor (a power of ten or 3.6) × contractual
    /// factor involve no division — except for electricity given in GJ,
    /// whose factor per GJ is the factor per MWh ÷ 3.6 (relative 1e-20). Relative 1e-20 for Scope 1, energy and
    /// the per-gas totals: CO2 from carbon is × 44 ÷ 12 and standard coal
    /// from a calorific value is ÷ 29.3076, both rounded at the 28th digit,
    /// and a measured NCV in MJ/kg or on a quantity in lb or short tons
    /// goes through a unit-factor division.
    #[test]
    fn scaling_quantities_scales_totals((method, rows) in inventory_spec(), k in 1i64..=1000) {
        let k = Decimal::from(k);
        let base = calculate(method, &rows, Decimal::ONE).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let scaled = calculate(method, &rows, k).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (b, s) = (&base.summary.totals, &scaled.summary.totals);
        // Electricity in GJ: its factor per GJ is the factor per MWh ÷ 3.6,
        // rounded to 28 digits, and so are its products.
        let scope2_exact = !rows.iter().any(|r| KINDS[r.kind].units[r.unit] == Unit::Gigajoule && KINDS[r.kind].key == "electricity");
        if scope2_exact {
            prop_assert_eq!(s.scope2_location_t_co2e, b.scope2_location_t_co2e * k);
            prop_assert_eq!(s.scope2_market_t_co2e, b.scope2_market_t_co2e * k);
        } else {
            assert_close!(s.scope2_location_t_co2e, b.scope2_location_t_co2e * k, "scope 2 location");
            assert_close!(s.scope2_market_t_co2e, b.scope2_market_t_co2e * k, "scope 2 market");
        }
        assert_close!(s.scope1_t_co2e, b.scope1_t_co2e * k, "scope 1");
        assert_close!(s.energy_tce, b.energy_tce * k, "energy");
        prop_assert_eq!(base.summary.by_gas.len(), scaled.summary.by_gas.len());
        for (gb, gs) in base.summary.by_gas.iter().zip(&scaled.summary.by_gas) {
            prop_assert_eq!(gb.gas, gs.gas);
            assert_close!(gs.t, gb.t * k, "{} t", gb.gas);
            assert_close!(gs.t_co2e, gb.t_co2e * k, "{} t CO2e", gb.gas);
        }
        prop_assert_eq!(base.summary.facilities.len(), scaled.summary.facilities.len());
        for (fb, fs) in base.summary.facilities.iter().zip(&scaled.summary.facilities) {
            assert_close!(fs.totals.scope2_location_t_co2e, fb.totals.scope2_location_t_co2e * k, "scope 2 of {}", fb.facility_id);
            assert_close!(fs.totals.scope1_t_co2e, fb.totals.scope1_t_co2e * k, "scope 1 of {}", fb.facility_id);
        }
    }

    /// Facility totals add up exactly to the grand totals (they are their
    /// sum); period and source breakdowns, the scope split and the per-gas
    /// CO2e add up to them to 1e-20 relative (exact unless a sum needs more
    /// than 28 digits).
    #[test]
    fn breakdowns_add_up((method, rows) in inventory_spec()) {
        let r = calculate(method, &rows, Decimal::ONE).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let s = &r.summary;
        let t = &s.totals;
        prop_assert_eq!(s.lines, rows.len() as u64);
        prop_assert_eq!(&sum_totals(s.facilities.iter().map(|f| &f.totals)), t);
        for (name, sum) in [
            ("period", sum_totals(s.by_period.iter().map(|(_, t)| t))),
            ("source", sum_totals(s.by_source.iter().map(|(_, t)| t))),
        ] {
            assert_close!(sum.scope1_t_co2e, t.scope1_t_co2e, "scope 1 by {name}");
            assert_close!(sum.scope2_location_t_co2e, t.scope2_location_t_co2e, "scope 2 location by {name}");
            assert_close!(sum.scope2_market_t_co2e, t.scope2_market_t_co2e, "scope 2 market by {name}");
            assert_close!(sum.energy_tce, t.energy_tce, "energy by {name}");
        }
        let [(_, s1), (_, s2)] = s.by_scope();
        prop_assert_eq!(s1 + s2, t.total_location_t_co2e()?);
        let gas_co2e: Decimal = s.by_gas.iter().map(|g| g.t_co2e).sum();
        assert_close!(gas_co2e, t.total_location_t_co2e()?, "CO2e by gas");
        // Every facility with rows appears once, in facility order.
        let mut with_rows: Vec<usize> = rows.iter().map(|r| r.facility).collect();
        with_rows.sort_unstable();
        with_rows.dedup();
        prop_assert_eq!(s.facilities.iter().map(|f| f.facility).collect::<Vec<_>>(), with_rows);
    }

    /// The ledger lines add up to the totals: t CO2e (location) to Scope 1 +
    /// Scope 2 location, market t CO2e to Scope 1 + Scope 2 market, tce to
    /// energy; each line's gases add up to its t CO2e.
    #[test]
    fn ledger_adds_up_to_totals((method, rows) in inventory_spec()) {
        let r = calculate(method, &rows, Decimal::ONE).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let t = &r.summary.totals;
        prop_assert_eq!(r.ledger.len(), rows.len());
        let co2e: Decimal = r.ledger.iter().map(|l| l.t_co2e).sum();
        let market: Decimal = r.ledger.iter().map(|l| l.t_co2e_market).sum();
        let tce: Decimal = r.ledger.iter().map(|l| l.tce).sum();
        assert_close!(co2e, t.total_location_t_co2e()?, "ledger t CO2e");
        assert_close!(market, t.total_market_t_co2e()?, "ledger market t CO2e");
        assert_close!(tce, t.energy_tce, "ledger tce");
        for (i, l) in r.ledger.iter().enumerate() {
            prop_assert_eq!(l.index, i);
            prop_assert_eq!(l.gases.iter().map(|g| g.t_co2e).sum::<Decimal>(), l.t_co2e);
            prop_assert!(l.t_co2e >= Decimal::ZERO && l.tce >= Decimal::ZERO);
        }
    }

    /// Without a calorific value a fuel given in a unit of another
    /// dimension than its calorific value is per cannot be computed: an
    /// error on that row, never a panic and never a figure. (Natural gas in
    /// t under GB/T 32150, whose NCV is per 10^4 m3; other fuels in a
    /// volume under either method, and natural gas in a volume under IPCC
    /// 2006, whose NCVs are per mass; any fuel in tce; electricity and heat
    /// in anything but energy.) The same fuel in a unit of the right
    /// dimension computes.
    #[test]
    fn engine_refuses_cross_dimension_without_calorific_value(
        method in 0..METHODS.len(),
        kind in 0..KINDS.len(),
        unit in select(Unit::ALL.to_vec()),
        quantity in amount(),
    ) {
        let k = &KINDS[kind];
        let mut inv = Inventory::new(organisation(method));
        inv.facilities = facilities();
        inv.activities.push(Activity::new("F0", k.source, k.key, Quantity::new(quantity, unit)));
        let result = inv.calculate();
        let must_fail = match (k.key, unit.dimension()) {
            ("electricity" | "heat", d) => d != Dimension::Energy,
            (_, Dimension::Energy) => false,
            (_, Dimension::StandardCoal) => true,
            // Distances and transport work are not fuel quantities.
            (_, Dimension::Distance | Dimension::FreightTransport | Dimension::PassengerTransport) => true,
            // GB/T 32150 gives natural gas an NCV per 10^4 m3, IPCC 2006 per t.
            ("natural_gas", Dimension::Mass) => METHODS[method] == "cn-gbt32150",
            ("natural_gas", Dimension::Volume) => METHODS[method] == "ipcc-2006",
            (_, Dimension::Volume) => true,
            (_, Dimension::Mass) => false,
        };
        if must_fail {
            let errors = result.err().map(|e| e.0).unwrap_or_default();
            prop_assert_eq!(errors.len(), 1, "{} {} in {} under {}", k.key, quantity, unit, METHODS[method]);
        } else {
            prop_assert!(result.is_ok(), "{} in {} under {}: {:?}", k.key, unit, METHODS[method], result.err());
        }
    }
}

// ---------------------------------------------------------------------------
// No panics
// ---------------------------------------------------------------------------

/// An activity with arbitrary numbers everywhere.
fn wild_activity() -> impl Strategy<Value = Activity> {
    (
        0..KINDS.len(),
        select(Unit::ALL.to_vec()),
        any_decimal(),
        prop::option::of((any_decimal(), select(Unit::ALL.to_vec()), select(Unit::ALL.to_vec()))),
        prop::option::of(any_decimal()),
        prop::option::of(any_decimal()),
        prop::option::of(any_decimal()),
        0usize..5,
    )
        .prop_map(|(kind, unit, quantity, ncv, cc, of, cf, facility)| {
            let k = &KINDS[kind];
            // Facility 4 does not exist.
            let mut a = Activity::new(format!("F{facility}"), k.source, k.key, Quantity::new(quantity, unit));
            a.measured.ncv = ncv.map(|(v, n, d)| Rate::new(v, n, d));
            a.measured.carbon_content = cc;
            a.measured.oxidation = of;
            a.contractual_factor = cf;
            a
        })
}

/// Streams `inv` through a [`Calculator`](carbonbook_core::Calculator),
/// skipping the rows it refuses, and checks that the summary is that of the
/// accepted rows computed on their own.
fn no_trace(inv: &Inventory) -> Result<(), TestCaseError> {
    let org = inv.organisation.clone();
    let mut calc =
        carbonbook_core::Calculator::new(&org, &inv.facilities, &[]).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut accepted = Vec::new();
    for a in &inv.activities {
        if calc.add(a).is_ok() {
            accepted.push(a.clone());
        }
    }
    let streamed = calc.finish(Vec::new(), &[], &[]);
    let mut only_accepted = inv.clone();
    only_accepted.activities = accepted;
    match (streamed, only_accepted.calculate()) {
        (Ok(s), Ok(o)) => {
            prop_assert_eq!(&s.summary.totals, &o.summary.totals);
            prop_assert_eq!(&s.summary.by_gas, &o.summary.by_gas);
            prop_assert_eq!(s.summary.lines, o.summary.lines);
        }
        (Err(_), Err(_)) => {}
        (s, o) => {
            return Err(TestCaseError::fail(format!(
                "streamed {:?} vs accepted rows alone {:?}",
                s.map(|r| r.summary.totals),
                o.map(|r| r.summary.totals)
            )));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(engine_config())]

    /// Arbitrary decimals — huge ones near `Decimal::MAX`, negative ones,
    /// 28 decimal places — as quantities, measured values, contractual
    /// factors, production and trading figures: results or `CalcErrors`,
    /// never a panic. Negative quantities are always refused.
    #[test]
    fn no_input_panics(
        method in 0..METHODS.len(),
        activities in prop::collection::vec(wild_activity(), 0..8),
        production in prop::collection::vec((any_decimal(), prop::option::of(any_decimal()), 0usize..3), 0..4),
        trading in prop::option::of((any_decimal(), any_decimal(), any_decimal(), any_decimal(), any::<bool>())),
    ) {
        let mut inv = Inventory::new(organisation(method));
        inv.facilities = facilities();
        inv.activities = activities;
        for (i, (quantity, output_value, product)) in production.into_iter().enumerate() {
            inv.production.push(Production {
                row: Some(i as u32 + 2),
                facility_id: format!("F{}", i % 2),
                product: ["cement", "clinker", "steel"][product].to_owned(),
                quantity,
                unit: "t".to_owned(),
                output_value,
                period: None,
            });
        }
        if let Some((allocated, verified, price, offsets, eu)) = trading {
            let scheme = if eu { Scheme::EuEts } else { Scheme::CnEts };
            let mut line = TradingLine::new(scheme, "F0", YEAR, Allocation::Given(allocated));
            line.verified = Some(verified).filter(|_| !eu);
            line.price = Some(price);
            line.offsets = offsets;
            inv.trading.push(line);
        }
        let negative_quantity = inv.activities.iter().any(|a| a.quantity.value() < Decimal::ZERO);
        match inv.calculate() {
            Ok(r) => {
                prop_assert!(!negative_quantity);
                prop_assert_eq!(r.ledger.len(), inv.activities.len());
            }
            Err(e) => prop_assert!(!e.0.is_empty()),
        }
    }

    /// The same through the streaming calculator, one row at a time, with
    /// an arbitrary row among ordinary ones. A refused row leaves no trace:
    /// the totals are those of the rows that were accepted, computed on
    /// their own.
    #[test]
    fn refused_rows_leave_no_trace(
        method in 0..METHODS.len(),
        rows in prop::collection::vec(row(), 1..10),
        wild in prop::collection::vec(wild_activity(), 1..3),
        at in any::<prop::sample::Index>(),
    ) {
        let mut inv = build(method, &rows, Decimal::ONE);
        let at = at.index(inv.activities.len() + 1);
        for w in wild {
            inv.activities.insert(at, w);
        }
        no_trace(&inv)?;
    }
}

/// Two or three electricity rows of one facility and month whose
/// market-based figures (quantity × contractual factor) are each
/// representable but whose sum is not.
fn overflowing_cell() -> impl Strategy<Value = Vec<Activity>> {
    prop::collection::vec((100i128..=140, 20_000i64..=50_000), 2..4).prop_map(|rows| {
        rows.into_iter()
            .map(|(q, cf)| {
                // 1.0e28 to 1.4e28 MWh: about 0.5e28 to 0.75e28 t location-based
                // (0.53 t/MWh), so three rows still add up; 2e28 to 7e28 t
                // market-based (2 to 5 t/MWh), so two rows mostly do not.
                let quantity = Decimal::from_i128_with_scale(q * 10i128.pow(26), 0);
                let mut a = Activity::new(
                    "F0",
                    SourceCategory::PurchasedElectricity,
                    "electricity",
                    Quantity::new(quantity, Unit::MegawattHour),
                );
                a.period = Some(Period::month(YEAR, 1).expect("a month"));
                a.contractual_factor = Some(Decimal::new(cf, 4));
                a
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(engine_config())]

    /// A row refused because adding it to its summary cell overflows must
    /// not be half-added.
    #[test]
    fn overflowing_row_is_not_half_counted(rows in overflowing_cell()) {
        let mut inv = Inventory::new(organisation(0));
        inv.facilities = facilities();
        inv.activities = rows;
        no_trace(&inv)?;
    }
}
