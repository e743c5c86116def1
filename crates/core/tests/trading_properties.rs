//! Properties of the carbon market (issue 13): an account's holdings never
//! go negative without an error naming the row; a unit's allocation never
//! falls when its output rises.

use carbonbook_core::trading::Scheme;
use carbonbook_core::trading::cn_power::{self, PowerUnit, UnitClass};
use carbonbook_core::trading::ledger::{self, Transaction, TransactionKind};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn kind() -> impl Strategy<Value = TransactionKind> {
    prop_oneof![
        Just(TransactionKind::Allocation),
        Just(TransactionKind::Buy),
        Just(TransactionKind::Sell),
        Just(TransactionKind::Surrender),
        Just(TransactionKind::TransferIn),
        Just(TransactionKind::TransferOut),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the transactions, every entry's holdings are ≥ 0; a
    /// transaction that would take more than is held is refused with its
    /// row, and the account goes on without it.
    #[test]
    fn holdings_never_go_negative_without_an_error(
        txs in prop::collection::vec((kind(), 1u32..5000, 2023i32..2026, prop::option::of(0u32..200)), 1..40)
    ) {
        let list: Vec<Transaction> = txs
            .iter()
            .enumerate()
            .map(|(i, &(k, q, vintage, price))| {
                let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(i as u64 * 7);
                let mut t = Transaction::new(date, Scheme::CnEts, "F", k, Decimal::from(q));
                t.row = Some(i as u32 + 2);
                t.vintage = Some(vintage);
                t.price = price.map(Decimal::from).or(match k {
                    TransactionKind::Buy | TransactionKind::Sell => Some(Decimal::from(50)),
                    _ => None,
                });
                t.compliance_year = (k == TransactionKind::Surrender).then_some(2025);
                t
            })
            .collect();
        let refs: Vec<&Transaction> = list.iter().collect();
        let ledger::Applied { statement, errors, .. } = ledger::run(&refs, &[(2025, Decimal::from(1000))], Some(Decimal::from(60)));
        let s = statement.unwrap();
        prop_assert_eq!(s.entries.len() + errors.len(), list.len());
        for e in &s.entries {
            prop_assert!(e.holdings_t >= Decimal::ZERO);
            prop_assert!(e.average_cost >= Decimal::ZERO);
        }
        for e in &errors {
            prop_assert!(e.row.is_some());
        }
        prop_assert!(s.holdings_by_vintage.iter().all(|(_, q)| *q > Decimal::ZERO));
    }

    /// More electricity or heat never gives a smaller allocation (every
    /// class, every year the library holds a plan for, any load factor).
    #[test]
    fn allocation_is_monotone_in_output(
        year in prop_oneof![Just(2019), Just(2022), Just(2023), Just(2024), Just(2025), Just(2026)],
        class in prop_oneof![Just(UnitClass::I), Just(UnitClass::II), Just(UnitClass::IV)],
        q in 0u64..5_000_000,
        extra in 0u64..1_000_000,
        load in 30u32..100,
        verified in 0u64..5_000_000,
    ) {
        let unit = |mwh: u64| {
            let mut u = PowerUnit::new(class);
            u.generation_mwh = Some(Decimal::from(mwh));
            u.supply_mwh = Some(Decimal::from(mwh));
            u.load_factor = Some(Decimal::new(i64::from(load), 2));
            if year <= 2022 {
                u.correction = Some(Decimal::ONE);
            }
            u
        };
        let (a, b) = (unit(q), unit(q + extra));
        let v = Decimal::from(verified);
        let small = cn_power::allocate(year, &[(Some(2), &a)], v).unwrap().allocated_t;
        let large = cn_power::allocate(year, &[(Some(2), &b)], v).unwrap().allocated_t;
        prop_assert!(large >= small, "{} < {}", large, small);
    }
}
