use std::collections::HashSet;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::gas::{Gas, GwpSet};

#[test]
fn builtin_ids_are_unique() {
    let all = builtin::all();
    let mut seen = HashSet::new();
    for f in &all {
        assert!(seen.insert(f.id.clone()), "duplicate id {}", f.id);
    }
    assert_eq!(FactorLibrary::builtin().len(), all.len());
}

#[test]
fn builtin_tables_parse() {
    let parses = |s: &str| s.parse::<Decimal>().is_ok();
    for r in cn_data::FUEL_DEFAULTS {
        assert!(parses(r.ncv) && parses(r.carbon_content_tc_per_gj) && parses(r.oxidation), "{}", r.key);
        let cc: Decimal = r.carbon_content_tc_per_gj.parse().unwrap();
        // tC/GJ, not tC/TJ: every fossil fuel lies between 0.01 and 0.08 tC/GJ.
        assert!(cc > dec!(0.01) && cc < dec!(0.08), "{} carbon content {cc} is not in tC/GJ", r.key);
    }
    for r in cn_data::GRID_FACTORS {
        assert!(parses(r.t_co2_per_mwh), "{} {}", r.region, r.year);
    }
    for r in cn_data::STANDARD_COAL {
        assert!(parses(r.tce_per_unit), "{}", r.key);
        assert!(r.per_unit.parse::<crate::units::Unit>().is_ok(), "{}", r.per_unit);
    }
    for r in ipcc2006_data::CHAPTER_1 {
        for v in [r.ncv_tj_per_gg, r.carbon_content_kg_per_gj, r.co2_kg_per_tj].into_iter().flatten() {
            assert!(parses(v), "{} {v}", r.key);
        }
    }
    for r in ipcc2006_data::CHAPTER_2 {
        assert!(parses(r.ch4_kg_per_tj) && parses(r.n2o_kg_per_tj), "{}", r.key);
    }
    for r in epa_hub_2024::TABLE_1 {
        for v in [r.co2_kg_per_mmbtu, r.ch4_g_per_mmbtu, r.n2o_g_per_mmbtu] {
            assert!(parses(v), "{} {v}", r.key);
        }
        assert!(builtin::all().iter().any(|f| f.activity == r.key), "EPA row {} has no factor", r.key);
    }
    for r in crate::gas::gwp_data::GWP {
        assert!(parses(r.gwp), "{} {}", r.gas, r.report);
        assert!(r.gas.parse::<Gas>().is_ok() || !["CO2", "CH4", "N2O", "SF6"].contains(&r.gas), "{}", r.gas);
    }
    let (v, _, _) = cn_data::HEAT_DEFAULT;
    assert!(parses(v));
}

// The EPA Hub 2024 states AR5 and prints CH4 28 and N2O 265 (sheet
// "Emission Factors Hub", C8:D10); the 2021 Hub's Table 11 is AR4. Both are
// primary sources for the values of the GWP table.
#[test]
fn gwp_table_agrees_with_the_epa_hubs() {
    assert!(epa_hub_2024::GWP_2024_BASIS.contains("AR5"));
    assert!(epa_hub_2024::GWP_2021_BASIS.contains("AR4"));
    let check = |rows: &[epa_hub_2024::HubGwpRow], set: GwpSet| {
        let mut checked = 0;
        for r in rows {
            let (Ok(gas), Ok(v)) = (r.gas.trim().parse::<Gas>(), r.gwp_100.parse::<Decimal>()) else { continue };
            if let Ok(ours) = set.gwp(gas) {
                assert_eq!(ours, v, "{set} {gas}: ours {ours}, EPA Hub {v} (row {})", r.row);
                checked += 1;
            }
        }
        checked
    };
    assert_eq!(check(epa_hub_2024::GWP_2024, GwpSet::Ar5), 2);
    assert!(check(epa_hub_2024::GWP_2021, GwpSet::Ar4) >= 8);
}

#[test]
fn kgce_definition_matches_the_engine_constant() {
    let (mj, _, _) = cn_data::KGCE_MJ;
    // MJ per kgce = GJ per tce.
    assert_eq!(mj.parse::<Decimal>().unwrap(), crate::energy::GJ_PER_TCE);
}

#[test]
fn every_builtin_factor_cites_a_document() {
    for f in FactorLibrary::builtin().iter().map(|(_, f)| f) {
        assert!(!f.source.document.trim().is_empty(), "{} has no document", f.id);
        assert_ne!(f.source.confirmation, Confirmation::User, "{}", f.id);
        if f.numerator.is_some() || f.denominator.is_some() {
            assert!(f.numerator.is_some() && f.denominator.is_some(), "{} has half a unit", f.id);
        }
    }
}

#[test]
fn grid_factor_for_a_year_falls_back_to_the_latest_earlier_one() {
    let lib = FactorLibrary::builtin();
    let (r, y) = lib.for_year("cn.grid.average.national", 2023).unwrap();
    assert_eq!((lib.factor(r).value, y), (dec!(0.5306), 2023));
    let (r, y) = lib.for_year("cn.grid.average.national", 2030).unwrap();
    assert_eq!(y, 2023);
    assert!(lib.factor(r).validity.contains(2023));
    assert!(lib.for_year("cn.grid.average.national", 2000).is_none());
}

#[test]
fn search_finds_by_id_name_and_document() {
    let lib = FactorLibrary::builtin();
    assert!(lib.search("diesel").any(|f| f.id == "cn.fuel.diesel.ncv"));
    assert!(lib.search("柴油").count() > 0);
    assert!(lib.search("GB/T 2589").count() > 5);
    assert_eq!(lib.search("").count(), lib.len());
}

// The generated sets: uk-ghg-conversion-factors-2020-flat-file.xlsx, sheet
// "Factors by Category", K6:K7514 holds 7,509 data rows: 6,587 numbers, 708
// empty cells, 212 empty strings and 2 texts '< 1'. The EPA Hubs' Table 6
// has 27 eGRID subregions and the US average in both editions.
#[test]
fn generated_sets_parse_and_count() {
    assert_eq!(desnz_2020::COUNTS, [7509, 6587, 708, 212, 2]);
    assert_eq!(desnz_2020::ROWS.len(), 6587);
    let parses = |s: &str| s.parse::<Decimal>().is_ok();
    for r in desnz_2020::ROWS {
        assert!(parses(r.value), "row {} {}", r.row, r.value);
        assert!(r.key.starts_with("desnz."), "row {}", r.row);
    }
    for hub in &builtin::EPA_HUBS {
        assert_eq!(hub.table_1.len(), 63, "{}", hub.id);
        assert_eq!(hub.table_2.len(), 10, "{}", hub.id);
        assert_eq!(hub.table_6.len(), 28, "{}", hub.id);
        assert_eq!(hub.table_6.last().map(|r| r.acronym), Some("US Average"));
        for r in hub.table_6 {
            assert!(r.total.iter().chain(&r.non_baseload).all(|v| parses(v)), "{} {}", hub.id, r.acronym);
        }
        for r in hub.table_1 {
            assert!([r.co2_kg_per_mmbtu, r.ch4_g_per_mmbtu, r.n2o_g_per_mmbtu].iter().all(|v| parses(v)), "{}", r.key);
        }
    }
    // 2021 Table 7 (D377): 66.33 kg CO2 per mmBtu of steam, as in 2024 (D402).
    assert_eq!(epa_hub_2021::TABLE_7.co2_kg_per_mmbtu, "66.33");
    assert_eq!(epa_hub_2024_more::TABLE_7.co2_kg_per_mmbtu, "66.33");
}
