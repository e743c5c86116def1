//! The published factor sets built into `carbonbook-core` against the
//! publishers' workbooks: every built-in value of the US EPA GHG Emission
//! Factors Hub (2024 and 2021) and of the UK Government GHG Conversion
//! Factors 2020 (flat file) equals the cell its citation names, as an exact
//! decimal, and the row counts of the sources are what the data modules say.
//!
//! The workbooks are kept in the repository, in `fixtures/realworld/` (origin
//! and licence in its `SOURCES.md`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, open_workbook_auto};
use carbonbook_core::Decimal;
use carbonbook_core::factors::{Factor, FactorLibrary, Parameter};
use carbonbook_core::gas::Gas;
use carbonbook_xlsx::excel_number::from_cell_f64;
use rust_decimal_macros::dec;

fn realworld() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/realworld")
}

fn sheet(dir: &Path, file: &str, name: &str) -> Range<Data> {
    let path = dir.join(file);
    let mut wb = open_workbook_auto(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    wb.worksheet_range(name).unwrap_or_else(|e| panic!("{file}: {name}: {e}"))
}

/// 0-based (row, column) of an A1 reference.
fn cell(a1: &str) -> (u32, u32) {
    let letters: String = a1.chars().take_while(char::is_ascii_alphabetic).collect();
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = a1[letters.len()..].parse().unwrap_or_else(|_| panic!("bad cell {a1}"));
    (row - 1, col)
}

/// The cell a factor's citation names (`…, cell E40`).
fn cited_cell(f: &Factor) -> &str {
    let (_, c) = f.source.table.rsplit_once(", cell ").unwrap_or_else(|| panic!("{}: no cell in citation", f.id));
    c
}

/// How a built-in value matches its cell.
#[derive(Debug, PartialEq, Eq)]
enum Match {
    /// Equal to the decimal the cell holds.
    Exact,
    /// The cell holds a float artefact (more than 15 significant digits,
    /// short at 15) and the built-in value is what Excel shows.
    Artefact,
    /// The cell holds a number typed as text (`'0 '`) and the built-in value
    /// is that number.
    Text,
}

fn check(f: &Factor, range: &Range<Data>) -> Match {
    let a1 = cited_cell(f);
    let x = match range.get_value(cell(a1)) {
        Some(Data::Float(x)) => *x,
        Some(Data::Int(i)) => *i as f64,
        Some(Data::String(s)) => {
            let typed: Decimal = s.trim().parse().unwrap_or_else(|_| panic!("{}: cell {a1} holds {s:?}", f.id));
            assert_eq!(f.value, typed, "{}: cell {a1} holds {s:?}", f.id);
            return Match::Text;
        }
        other => panic!("{}: cell {a1} holds {other:?}, not a number", f.id),
    };
    let held = from_cell_f64(x).unwrap_or_else(|| panic!("{}: {a1}", f.id)).normalize();
    if f.value == held {
        return Match::Exact;
    }
    let shown = held.round_sf(15).unwrap().normalize();
    assert!(
        held.mantissa().unsigned_abs().to_string().len() > 15 && f.value == shown,
        "{}: built in {}, cell {a1} holds {held}",
        f.id,
        f.value
    );
    Match::Artefact
}

fn with_prefix<'a>(lib: &'a FactorLibrary, prefix: &'a str) -> impl Iterator<Item = &'a Factor> + 'a {
    lib.iter().map(|(_, f)| f).filter(move |f| f.id.starts_with(prefix))
}

/// What checking a Hub edition found.
#[derive(Debug, Default)]
struct HubCheck {
    /// Factors checked, by the table their citation names (`Table 3`).
    by_table: BTreeMap<String, usize>,
    /// Cells holding a float artefact, in library order.
    artefacts: Vec<String>,
    /// Cells holding a number typed as text.
    text: Vec<String>,
}

/// Checks every factor of a Hub edition against its cell.
fn check_hub(file: &str, prefix: &str) -> HubCheck {
    let dir = realworld();
    let range = sheet(&dir, file, "Emission Factors Hub");
    let lib = FactorLibrary::builtin();
    let mut found = HubCheck::default();
    for f in with_prefix(&lib, prefix) {
        let table = f.source.table.split(' ').take(2).collect::<Vec<_>>().join(" ");
        *found.by_table.entry(table).or_default() += 1;
        match check(f, &range) {
            Match::Exact => {}
            Match::Artefact => found.artefacts.push(cited_cell(f).to_owned()),
            Match::Text => found.text.push(cited_cell(f).to_owned()),
        }
    }
    found
}

/// The counts of a check, table by table.
fn counts(c: &HubCheck) -> Vec<(&str, usize)> {
    c.by_table.iter().map(|(t, n)| (t.as_str(), *n)).collect()
}

// us-epa-ghg-emission-factors-hub-2024.xlsx, sheet "Emission Factors Hub":
// Table 1 C19:J91 (63 fuels: 58 with heat content and per-unit columns, 5
// Kraft liquors per mmBtu only) = 58 × 7 + 5 × 3 = 421 cells; Table 2
// D104:D113 = 10; Table 6 E333:J360 (28 rows × 6) = 168; Table 7 D402:F402
// = 3. One float artefact in Table 1: F42, Blast Furnace Gas CH4, stored
// 0.022000000000000002.
// Table 3 E125:F236 (112 model-year rows of 4 gasoline vehicle types × CH4,
// N2O) = 224; Table 4 F243:G276 (34 rows: diesel by model year, alternative
// fuels without one) = 68; Table 5 E284:F323 (40 vehicle and fuel rows) = 80.
// Table 3 holds 73 float artefacts (E160 stores 0.004999999999999999,
// shown 0.005) and type four zeros as the text '0 ': motorcycles 1996-2005
// (E235, F235), aircraft jet fuel CH4 (E289), logging equipment 2-stroke
// gasoline N2O (F314).
#[test]
fn epa_hub_2024_values_equal_their_cells() {
    let c = check_hub("us-epa-ghg-emission-factors-hub-2024.xlsx", "epa2024.");
    assert_eq!(
        counts(&c),
        [
            ("Table 1", 421),
            ("Table 2", 10),
            ("Table 3", 224),
            ("Table 4", 68),
            ("Table 5", 80),
            ("Table 6", 168),
            ("Table 7", 3)
        ]
    );
    assert_eq!(c.artefacts[0], "F42");
    assert_eq!(c.artefacts.len(), 1 + 73);
    assert!(c.artefacts.iter().any(|a| a == "E160"));
    let mut text = c.text.clone();
    text.sort();
    assert_eq!(text, ["E235", "E289", "F235", "F314"]);
}

// us-epa-ghg-emission-factors-hub-2021.xlsx, sheet "Emission Factors Hub":
// Table 1 C17:J89 (63 fuels, same shape as 2024) = 421 cells; Table 2
// D98:D107 = 10; Table 6 D312:I339 (28 rows × 6) = 168; Table 7 D377:F377
// = 3. One float artefact: F40, Blast Furnace Gas CH4.
// Table 3 E116:F217 (102 model-year rows of 4 vehicle types) = 204; Table 4
// F223:G258 (36 rows) = 72; Table 5 E264:F303 (40 rows) = 80. The 2021 values
// are printed to four significant digits at most: no artefact; aircraft jet
// fuel CH4 (E269) is the text '0'.
#[test]
fn epa_hub_2021_values_equal_their_cells() {
    let c = check_hub("us-epa-ghg-emission-factors-hub-2021.xlsx", "epa2021.");
    assert_eq!(
        counts(&c),
        [
            ("Table 1", 421),
            ("Table 2", 10),
            ("Table 3", 204),
            ("Table 4", 72),
            ("Table 5", 80),
            ("Table 6", 168),
            ("Table 7", 3)
        ]
    );
    assert_eq!(c.artefacts, ["F40"]);
    assert_eq!(c.text, ["E269"]);
}

#[test]
fn epa_hub_spot_values() {
    let lib = FactorLibrary::builtin();
    let v = |id: &str| lib.get(id).unwrap_or_else(|| panic!("{id}")).value;
    // 2024 workbook: E19 Anthracite 103.69 kg CO2/mmBtu; E40 natural gas 53.06;
    // E351 RFC West 1000.053 lb CO2/MWh (eGRID2022); D402 steam 66.33 kg CO2/mmBtu.
    assert_eq!(v("epa2024.epa_anthracite_coal.co2_per_mmbtu"), dec!(103.69));
    assert_eq!(v("epa2024.epa_natural_gas.co2_per_mmbtu"), dec!(53.06));
    assert_eq!(v("epa2024.egrid.rfcw.total.co2"), dec!(1000.053));
    assert_eq!(v("epa2024.steam_and_heat.co2"), dec!(66.33));
    // Table 2: D112 Motor Gasoline 8.78 kg CO2/gallon (2024); D104 LNG 4.5005492 (2021), 4.5 in 2024 (D110).
    assert_eq!(v("epa2024.epa_mobile_motor_gasoline.co2_per_unit"), dec!(8.78));
    assert_eq!(v("epa2021.epa_mobile_liquefied_natural_gas_lng.co2_per_unit"), dec!(4.5005492));
    assert_eq!(v("epa2024.epa_mobile_liquefied_natural_gas_lng.co2_per_unit"), dec!(4.5));
    // 2021 workbook: D330 RFC West 1067.7 lb CO2/MWh (eGRID2019); D38 natural gas HHV 0.001026.
    assert_eq!(v("epa2021.egrid.rfcw.total.co2"), dec!(1067.7));
    assert_eq!(v("epa2021.epa_natural_gas.hhv"), dec!(0.001026));
    // Same fuels in both editions get the same keys ("Anthracite Coal" in
    // 2021 and "Anthracite" in 2024 are both epa_anthracite_coal).
    let keys = |p: &str, vehicles: bool| {
        let mut k: Vec<String> = with_prefix(&lib, p)
            .filter(|f| f.activity.starts_with("epa_"))
            .filter(|f| (f.activity.starts_with("epa_onroad_") || f.activity.starts_with("epa_nonroad_")) == vehicles)
            .map(|f| f.activity.clone())
            .collect();
        k.sort();
        k.dedup();
        k
    };
    assert_eq!(keys("epa2024.", false), keys("epa2021.", false));
    assert_eq!(keys("epa2024.", false).len(), 63 + 10);
    // Tables 3 and 4 name the same 4 + 29 on-road vehicles in both editions;
    // Table 5's non-road rows differ (2021: "Agricultural Offroad Trucks"
    // as a vehicle type, 2024: "Gasoline Off-Road Trucks" as a fuel of
    // "Agricultural Equipment"), 40 keys each.
    let on_road = |p: &str| keys(p, true).into_iter().filter(|k| k.starts_with("epa_onroad_")).collect::<Vec<_>>();
    assert_eq!(on_road("epa2024."), on_road("epa2021."));
    assert_eq!(on_road("epa2024.").len(), 4 + 29);
    assert_eq!(keys("epa2024.", true).len(), 33 + 40);
    assert_eq!(keys("epa2021.", true).len(), 33 + 40);
}

#[test]
fn epa_hub_vehicle_spot_values() {
    let lib = FactorLibrary::builtin();
    let get = |id: &str| lib.get(id).unwrap_or_else(|| panic!("{id}"));
    // 2024 E155/F155: gasoline passenger cars, model year 2015, 0.006837 g
    // CH4 and 0.004239 g N2O per vehicle-mile.
    let ch4 = get("epa2024.mobile.gasoline_passenger_cars.2015.ch4_per_mile");
    assert_eq!((ch4.value, cited_cell(ch4)), (dec!(0.006837), "E155"));
    assert_eq!(ch4.parameter, Parameter::EmissionFactor(Gas::Ch4Fossil));
    assert_eq!(get("epa2024.mobile.gasoline_passenger_cars.2015.n2o_per_mile").value, dec!(0.004239));
    // 2021 D116 prints "1973-74": the row covers 1973 and 1974.
    assert_eq!(get("epa2021.mobile.gasoline_passenger_cars.1973_1974.ch4_per_mile").value, dec!(0.1696));
    // 2024 D202 " ≤1980", 2021 D187 "<1981": both up to 1980.
    assert_eq!(get("epa2024.mobile.gasoline_heavy_duty_vehicles.up_to_1980.ch4_per_mile").value, dec!(0.4604));
    assert_eq!(get("epa2021.mobile.gasoline_heavy_duty_vehicles.up_to_1980.ch4_per_mile").value, dec!(0.4604));
    // Table 4: F245 diesel passenger cars 2007-2021; F253 CNG light-duty cars, no model year.
    assert_eq!(get("epa2024.mobile.diesel_passenger_cars.2007_2021.ch4_per_mile").value, dec!(0.0302));
    assert_eq!(get("epa2024.mobile.cng_light_duty_cars.any_model_year.ch4_per_mile").value, dec!(0.133));
    let bio = get("epa2024.mobile.biodiesel_buses.any_model_year.ch4_per_mile");
    assert_eq!(bio.parameter, Parameter::EmissionFactor(Gas::Ch4NonFossil));
    // Table 5: E288 locomotives diesel, stored 0.79782300765572833 (a computed value, kept whole).
    let loco = get("epa2024.nonroad.locomotives_diesel.ch4_per_gallon");
    assert_eq!((loco.value, cited_cell(loco)), (dec!(0.7978230076557283), "E288"));
    assert_eq!(get("epa2021.nonroad.locomotives_diesel.ch4_per_gallon").value, dec!(0.8));
    assert!(loco.source.table.starts_with("Table 5 Mobile Combustion CH4 and N2O for Non-Road Vehicles, Locomotives, Diesel, sheet Emission Factors Hub, row 288"));
}

// uk-ghg-conversion-factors-2020-flat-file.xlsx, sheet "Factors by Category":
// header row 5, data rows 6 to 7514, a blank row, `END` in B7516.
#[test]
fn desnz_2020_counts_and_values() {
    let dir = realworld();
    let range = sheet(&dir, "uk-ghg-conversion-factors-2020-flat-file.xlsx", "Factors by Category");
    assert_eq!(range.get_value(cell("K5")), Some(&Data::String("GHG Conversion Factor 2020".into())));
    assert_eq!(range.get_value(cell("B7516")), Some(&Data::String("END".into())));
    let (mut numeric, mut empty, mut empty_string, mut less_than_one, mut room_nights) = (0, 0, 0, 0, 0);
    for row in 5..7514u32 {
        match range.get_value((row, 10)) {
            Some(Data::Float(_) | Data::Int(_)) => {
                numeric += 1;
                if range.get_value((row, 7)) == Some(&Data::String("Room per night".into())) {
                    room_nights += 1;
                }
            }
            Some(Data::String(s)) if s.is_empty() => empty_string += 1,
            Some(Data::String(s)) if s == "< 1" => less_than_one += 1,
            Some(Data::Empty) | None => empty += 1,
            other => panic!("K{}: {other:?}", row + 1),
        }
    }
    assert_eq!((numeric, empty, empty_string, less_than_one), (6587, 708, 212, 2));
    // Left out of the library: 51 hotel stays per room-night (no unit) and
    // K7501, whose GHG cell (I7501) holds a stray backtick.
    assert_eq!(room_nights, 51);
    assert_eq!(range.get_value(cell("I7501")), Some(&Data::String("`".into())));

    let lib = FactorLibrary::builtin();
    let mut n = 0;
    let mut artefacts = 0;
    for f in with_prefix(&lib, "desnz2020.") {
        n += 1;
        if check(f, &range) == Match::Artefact {
            artefacts += 1;
        }
    }
    assert_eq!(n, 6587 - 51 - 1);
    // Values such as K606, stored 0.23784999999999998, built in as 0.23785.
    assert_eq!(artefacts, 177);
    // K54: natural gas, kWh (Gross CV), 0.18387 kg CO2e (IMPORTER-NOTES' spot check).
    let gas = lib.get("desnz2020.fuels.gaseous_fuels.natural_gas.energy_gross_cv.kwh_gross_cv.co2e").unwrap();
    assert_eq!(gas.value, dec!(0.18387));
    assert_eq!(cited_cell(gas), "K54");
}

// The trap of the 2020 flat file: rows labelled "kg CH4" and "kg N2O" are
// already CO2e. In every activity with all four rows, kg CO2 + "kg CH4" +
// "kg N2O" gives the kg CO2e row (to the rounding of the printed values),
// which a GWP of 25 or 298 on the CH4 and N2O rows would break; the library
// keeps them as CO2e.
#[test]
fn desnz_2020_ch4_and_n2o_rows_are_co2e() {
    let lib = FactorLibrary::builtin();
    let mut groups: BTreeMap<String, HashMap<&str, Decimal>> = BTreeMap::new();
    for f in with_prefix(&lib, "desnz2020.") {
        let Some((stem, gas)) = f.id.rsplit_once('.') else { continue };
        if matches!(gas, "ch4_co2e" | "n2o_co2e") {
            assert_eq!(f.parameter, Parameter::EmissionFactor(Gas::Co2e), "{}", f.id);
            assert!(f.unit_text.starts_with("kg CO2e of "), "{}", f.unit_text);
        }
        let slot = match gas {
            "co2e" => "total",
            "co2" => "co2",
            "ch4_co2e" => "ch4",
            "n2o_co2e" => "n2o",
            _ => continue,
        };
        groups.entry(stem.to_owned()).or_default().insert(slot, f.value);
    }
    let (mut complete, mut exact, mut broken_by_gwp) = (0, 0, 0);
    for (stem, g) in &groups {
        let (Some(t), Some(c), Some(m), Some(n)) = (g.get("total"), g.get("co2"), g.get("ch4"), g.get("n2o")) else {
            continue;
        };
        complete += 1;
        // The parts are printed rounded (5 decimals per kWh, 2 per tonne):
        // allow 10 ppm of the total, and 0.00002 for the smallest values.
        let tolerance = dec!(0.00002) + t.abs() * dec!(0.00001);
        let diff = (c + m + n - t).abs();
        assert!(diff <= tolerance, "{stem}: {c} + {m} + {n} vs {t}");
        if diff.is_zero() {
            exact += 1;
        }
        // Read as gas masses, AR4 GWPs (25, 298) would be applied again.
        if (c + m * dec!(25) + n * dec!(298) - t).abs() > tolerance {
            broken_by_gwp += 1;
        }
    }
    assert_eq!(complete, 1245);
    assert!(exact > 1000, "{exact} exact of {complete}");
    assert!(broken_by_gwp > 1000, "{broken_by_gwp} of {complete}");
}
