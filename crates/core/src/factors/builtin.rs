//! Turns the published data tables into [`Factor`]s with their citations.

use rust_decimal::Decimal;

use super::{
    Confirmation, Factor, Parameter, Source, Validity, cn_data, desnz_2020, epa_hub_2021, epa_hub_2024,
    epa_hub_2024_more, ipcc2006_data,
};
use crate::gas::Gas;
use crate::units::Unit;

fn dec(s: &str) -> Decimal {
    // The tables are literals checked by `builtin_tables_parse` in the tests.
    s.parse().unwrap_or_default()
}

struct Builder {
    out: Vec<Factor>,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        id: String,
        activity: &str,
        name: &str,
        parameter: Parameter,
        value: &str,
        unit_text: &str,
        numerator: Option<Unit>,
        denominator: Option<Unit>,
        source: Source,
        validity: Validity,
        region: Option<&str>,
    ) {
        self.out.push(Factor {
            id,
            activity: activity.to_owned(),
            name: name.to_owned(),
            parameter,
            value: dec(value),
            unit_text: unit_text.to_owned(),
            numerator,
            denominator,
            source,
            validity,
            region: region.map(str::to_owned),
        });
    }
}

/// Every built-in factor, set after set.
#[cfg(test)]
pub(super) fn all() -> Vec<Factor> {
    (0..SETS.len()).flat_map(set).collect()
}

/// The id prefixes of the built-in sets, each built on its own when first
/// needed: the China, IPCC and refrigerant tables (set 0, small) and each
/// published set (thousands of rows), so that a China inventory never
/// parses the UK flat file.
pub(super) const SETS: [&[&str]; 4] =
    [&["cn.", "gbt2589.", "ipcc2006.", "refrigerant."], &["epa2024."], &["epa2021."], &["desnz2020."]];

/// The factors of built-in set `i` (see [`SETS`]).
pub(super) fn set(i: usize) -> Vec<Factor> {
    let mut b = Builder { out: Vec::new() };
    match i {
        0 => {
            china_fuels(&mut b);
            china_grid(&mut b);
            china_heat(&mut b);
            standard_coal(&mut b);
            ipcc(&mut b);
            refrigerants(&mut b);
        }
        1 => epa(&mut b, &EPA_HUBS[0]),
        2 => epa(&mut b, &EPA_HUBS[1]),
        3 => desnz(&mut b),
        _ => {}
    }
    b.out
}

/// Blend compositions as emission factors: kg of each component per kg of
/// blend leaked.
fn refrigerants(b: &mut Builder) {
    for blend in super::refrigerant_data::BLENDS {
        let key = super::refrigerant_data::key(blend.name);
        for (gas, share) in blend.components {
            let Ok(g) = gas.parse::<Gas>() else { continue };
            b.push(
                format!("refrigerant.{key}.{gas}"),
                blend.name,
                &format!("{} ({gas} share by mass)", blend.name),
                Parameter::EmissionFactor(g),
                share,
                "kg/kg",
                Some(Unit::Kilogram),
                Some(Unit::Kilogram),
                source(blend.source, "", &format!("{}: {gas} {share} by mass", blend.name), None, blend.grade),
                Validity::ANY,
                None,
            );
        }
    }
}

fn source(document: &str, edition: &str, table: &str, published: Option<i32>, grade: &str) -> Source {
    Source {
        document: document.to_owned(),
        edition: edition.to_owned(),
        table: table.to_owned(),
        published,
        confirmation: Confirmation::from_grade(grade),
    }
}

fn table_source(table: &str, grade: &str) -> Source {
    // Tables are cited as "DOCUMENT, TABLE": split the document off the front.
    let (doc, rest) = table.split_once(", ").unwrap_or((table, ""));
    let year = doc.rsplit('-').next().and_then(|y| y.get(..4)).and_then(|y| y.parse().ok());
    source(doc, "", rest, year, grade)
}

fn china_fuels(b: &mut Builder) {
    for row in cn_data::FUEL_DEFAULTS {
        let per = match row.ncv_unit {
            u if u.contains("10^4 Nm3") => Unit::TenThousandNormalCubicMetres,
            u if u.contains("10^4") => Unit::TenThousandCubicMetres,
            _ => Unit::Tonne,
        };
        let src = || table_source(row.table, row.grade);
        let fuel_name = format!("{} ({})", row.name_en, row.name_zh);
        b.push(
            format!("cn.fuel.{}.ncv", row.key),
            row.key,
            &fuel_name,
            Parameter::NetCalorificValue,
            row.ncv,
            row.ncv_unit,
            Some(Unit::Gigajoule),
            Some(per),
            src(),
            Validity::ANY,
            Some("CN"),
        );
        b.push(
            format!("cn.fuel.{}.cc", row.key),
            row.key,
            &fuel_name,
            Parameter::CarbonContent,
            row.carbon_content_tc_per_gj,
            "tC/GJ",
            Some(Unit::Tonne),
            Some(Unit::Gigajoule),
            src(),
            Validity::ANY,
            Some("CN"),
        );
        b.push(
            format!("cn.fuel.{}.of", row.key),
            row.key,
            &fuel_name,
            Parameter::OxidationFactor,
            row.oxidation,
            "fraction",
            None,
            None,
            src(),
            Validity::ANY,
            Some("CN"),
        );
    }
}

fn china_grid(b: &mut Builder) {
    for row in cn_data::GRID_FACTORS {
        let region = if row.region == "national" { "CN".to_owned() } else { format!("CN-{}", row.region) };
        let published = row
            .document
            .match_indices("20")
            .filter_map(|(i, _)| row.document.get(i..i + 4)?.parse::<i32>().ok())
            .find(|y| *y > row.year);
        b.push(
            format!("cn.grid.{}.{}.{}", row.kind, row.region, row.year),
            "electricity",
            &format!("electricity, {} ({})", row.region, row.name_zh),
            Parameter::EmissionFactor(Gas::Co2),
            row.t_co2_per_mwh,
            "tCO2/MWh",
            Some(Unit::Tonne),
            Some(Unit::MegawattHour),
            source(row.document, &format!("data year {}", row.year), row.name_zh, published, row.grade),
            Validity::year(row.year),
            Some(&region),
        );
    }
}

fn china_heat(b: &mut Builder) {
    let (value, src, grade) = cn_data::HEAT_DEFAULT;
    b.push(
        "cn.heat.co2".to_owned(),
        "heat",
        "purchased heat (热力)",
        Parameter::EmissionFactor(Gas::Co2),
        value,
        "tCO2/GJ",
        Some(Unit::Tonne),
        Some(Unit::Gigajoule),
        table_source(src, grade),
        Validity::ANY,
        Some("CN"),
    );
}

fn standard_coal(b: &mut Builder) {
    for row in cn_data::STANDARD_COAL {
        let Ok(per) = row.per_unit.parse::<Unit>() else { continue };
        let activity = match row.key {
            "electricity_equivalent" => "electricity",
            k => k,
        };
        b.push(
            format!("gbt2589.{}", row.key),
            activity,
            &match row.mean_ncv_kj {
                Some(ncv) => format!("{} (mean NCV {ncv} kJ)", row.name_zh),
                None => row.name_zh.to_owned(),
            },
            Parameter::StandardCoalCoefficient,
            row.tce_per_unit,
            &format!("tce/{}", per.symbol()),
            Some(Unit::TonneOfCoalEquivalent),
            Some(per),
            table_source(row.table, row.grade),
            Validity::ANY,
            Some("CN"),
        );
    }
}

const IPCC_DOC: &str = "2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 2 Energy";

fn ipcc(b: &mut Builder) {
    for row in ipcc2006_data::CHAPTER_1 {
        let key = row.key.trim_start_matches("ipcc_");
        let src = |table: &str| source(IPCC_DOC, "2006", table, Some(2006), row.grade);
        if let Some(v) = row.ncv_tj_per_gg {
            // TJ/Gg and GJ/t are the same ratio.
            b.push(
                format!("ipcc2006.{key}.ncv"),
                row.key,
                row.fuel,
                Parameter::NetCalorificValue,
                v,
                "TJ/Gg",
                Some(Unit::Gigajoule),
                Some(Unit::Tonne),
                src("Ch. 1, Table 1.2"),
                Validity::ANY,
                None,
            );
        }
        if let Some(v) = row.carbon_content_kg_per_gj {
            b.push(
                format!("ipcc2006.{key}.cc"),
                row.key,
                row.fuel,
                Parameter::CarbonContent,
                v,
                "kg C/GJ",
                Some(Unit::Kilogram),
                Some(Unit::Gigajoule),
                src("Ch. 1, Table 1.3"),
                Validity::ANY,
                None,
            );
        }
        if let Some(v) = row.co2_kg_per_tj {
            b.push(
                format!("ipcc2006.{key}.co2"),
                row.key,
                row.fuel,
                Parameter::EmissionFactor(Gas::Co2),
                v,
                "kg CO2/TJ",
                Some(Unit::Kilogram),
                Some(Unit::Terajoule),
                src("Ch. 1, Table 1.4"),
                Validity::ANY,
                None,
            );
        }
    }
    for row in ipcc2006_data::CHAPTER_2 {
        let key = row.key.trim_start_matches("ipcc_");
        let fuel_name = ipcc2006_data::CHAPTER_1.iter().find(|f| f.key == row.key).map_or(row.key, |f| f.fuel);
        let table = match row.sector {
            "energy" => "Ch. 2, Table 2.2 (energy industries)",
            "manufacturing" => "Ch. 2, Table 2.3 (manufacturing industries and construction)",
            "commercial" => "Ch. 2, Table 2.4 (commercial/institutional)",
            _ => "Ch. 2, Table 2.5 (residential and agriculture/forestry/fishing)",
        };
        for (gas, value, label) in [(Gas::Ch4Fossil, row.ch4_kg_per_tj, "ch4"), (Gas::N2o, row.n2o_kg_per_tj, "n2o")] {
            b.push(
                format!("ipcc2006.{key}.{}.{label}", row.sector),
                row.key,
                fuel_name,
                Parameter::EmissionFactor(gas),
                value,
                &format!("kg {}/TJ", gas.species()),
                Some(Unit::Kilogram),
                Some(Unit::Terajoule),
                source(IPCC_DOC, "2006", table, Some(2006), row.grade),
                Validity::ANY,
                None,
            );
        }
    }
}

/// The US EPA GHG Emission Factors Hub.
pub(crate) const EPA_DOC: &str = "US EPA GHG Emission Factors Hub";
/// Sheet of both Hub workbooks.
const EPA_SHEET: &str = "Emission Factors Hub";

/// One edition of the EPA Hub: its tables and how it is cited.
pub(crate) struct EpaHub {
    /// Id prefix of its factors (`epa2024`).
    pub id: &'static str,
    /// Edition text, with the GWP basis the edition states.
    pub edition: &'static str,
    /// Year of publication.
    pub year: i32,
    /// Table 1 (stationary combustion).
    pub table_1: &'static [epa_hub_2024::EpaStationaryRow],
    /// Table 2 (mobile combustion CO2).
    pub table_2: &'static [epa_hub_2024::MobileCo2Row],
    /// Table 3 (on-road gasoline vehicles, CH4 and N2O per mile).
    pub table_3: &'static [epa_hub_2024::OnRoadRow],
    /// Table 4 (on-road diesel and alternative fuel vehicles, CH4 and N2O per mile).
    pub table_4: &'static [epa_hub_2024::OnRoadRow],
    /// Table 5 (non-road vehicles, CH4 and N2O per gallon of fuel).
    pub table_5: &'static [epa_hub_2024::NonRoadRow],
    /// Table 6 (electricity, eGRID subregions).
    pub table_6: &'static [epa_hub_2024::EgridRow],
    /// The eGRID edition Table 6 is taken from, as printed under it.
    pub table_6_source: &'static str,
    /// Table 7 (steam and heat).
    pub table_7: epa_hub_2024::SteamRow,
}

/// The built-in Hub editions, newest first.
pub(crate) const EPA_HUBS: [EpaHub; 2] = [
    EpaHub {
        id: "epa2024",
        edition: "2024 (last modified 5 June 2024; GWPs AR5)",
        year: 2024,
        table_1: epa_hub_2024::TABLE_1,
        table_2: epa_hub_2024_more::TABLE_2,
        table_3: epa_hub_2024_more::TABLE_3,
        table_4: epa_hub_2024_more::TABLE_4,
        table_5: epa_hub_2024_more::TABLE_5,
        table_6: epa_hub_2024_more::TABLE_6,
        table_6_source: epa_hub_2024_more::TABLE_6_SOURCE,
        table_7: epa_hub_2024_more::TABLE_7,
    },
    EpaHub {
        id: "epa2021",
        edition: "2021 (last modified 15 September 2021; GWPs AR4)",
        year: 2021,
        table_1: epa_hub_2021::TABLE_1,
        table_2: epa_hub_2021::TABLE_2,
        table_3: epa_hub_2021::TABLE_3,
        table_4: epa_hub_2021::TABLE_4,
        table_5: epa_hub_2021::TABLE_5,
        table_6: epa_hub_2021::TABLE_6,
        table_6_source: epa_hub_2021::TABLE_6_SOURCE,
        table_7: epa_hub_2021::TABLE_7,
    },
];

fn epa_unit(u: &str) -> Option<Unit> {
    match u {
        "short ton" => Some(Unit::ShortTon),
        "scf" => Some(Unit::StandardCubicFoot),
        "gallon" => Some(Unit::UsGallon),
        "mmBtu" => Some(Unit::MmBtu),
        _ => None,
    }
}

/// The column letter `n` places right of `col` (single letters only, as in the Hub).
fn column_after(col: &str, n: u8) -> String {
    let c = col.bytes().next().unwrap_or(b'A');
    char::from(c + n).to_string()
}

fn epa(b: &mut Builder, hub: &EpaHub) {
    let pre = hub.id;
    for row in hub.table_1 {
        let Some(unit) = epa_unit(row.unit) else { continue };
        let src = |col: &str| {
            let table =
                format!("Table 1 Stationary Combustion, sheet {}, row {}, cell {col}{}", row.sheet, row.row, row.row);
            source(EPA_DOC, hub.edition, &table, Some(hub.year), "A")
        };
        let biomass = row.fuel_type.to_lowercase().contains("biomass");
        let ch4 = if biomass { Gas::Ch4NonFossil } else { Gas::Ch4Fossil };
        let key = row.key;
        if let Some(hhv) = row.heat_content_hhv {
            b.push(
                format!("{pre}.{key}.hhv"),
                key,
                row.fuel,
                Parameter::HigherHeatingValue,
                hhv,
                &format!("mmBtu/{}", unit.symbol()),
                Some(Unit::MmBtu),
                Some(unit),
                src("D"),
                Validity::ANY,
                Some("US"),
            );
        }
        for (gas, value, label, mass, mass_text, col) in [
            (Gas::Co2, row.co2_kg_per_mmbtu, "co2", Unit::Kilogram, "kg", "E"),
            (ch4, row.ch4_g_per_mmbtu, "ch4", Unit::Gram, "g", "F"),
            (Gas::N2o, row.n2o_g_per_mmbtu, "n2o", Unit::Gram, "g", "G"),
        ] {
            b.push(
                format!("{pre}.{key}.{label}_per_mmbtu"),
                key,
                row.fuel,
                Parameter::EmissionFactor(gas),
                value,
                &format!("{mass_text} {}/mmBtu", gas.species()),
                Some(mass),
                Some(Unit::MmBtu),
                src(col),
                Validity::ANY,
                Some("US"),
            );
        }
        for (gas, value, label, mass, mass_text, col) in [
            (Gas::Co2, row.co2_kg_per_unit, "co2", Unit::Kilogram, "kg", "H"),
            (ch4, row.ch4_g_per_unit, "ch4", Unit::Gram, "g", "I"),
            (Gas::N2o, row.n2o_g_per_unit, "n2o", Unit::Gram, "g", "J"),
        ] {
            let Some(value) = value else { continue };
            b.push(
                format!("{pre}.{key}.{label}_per_unit"),
                key,
                row.fuel,
                Parameter::EmissionFactor(gas),
                value,
                &format!("{mass_text} {}/{}", gas.species(), unit.symbol()),
                Some(mass),
                Some(unit),
                src(col),
                Validity::ANY,
                Some("US"),
            );
        }
    }
    for row in hub.table_2 {
        let Some(unit) = epa_unit(row.unit) else { continue };
        let table = format!("Table 2 Mobile Combustion CO2, sheet {EPA_SHEET}, row {}, cell D{}", row.row, row.row);
        b.push(
            format!("{pre}.{}.co2_per_unit", row.key),
            row.key,
            row.fuel,
            Parameter::EmissionFactor(Gas::Co2),
            row.kg_co2_per_unit,
            &format!("kg CO2/{}", unit.symbol()),
            Some(Unit::Kilogram),
            Some(unit),
            source(EPA_DOC, hub.edition, &table, Some(hub.year), "A"),
            Validity::ANY,
            Some("US"),
        );
    }
    epa_vehicles(b, hub);
    for row in hub.table_6 {
        let region = if row.acronym == "US Average" { "US".to_owned() } else { format!("US-{}", row.acronym) };
        let sub = if row.acronym == "US Average" { "us_average".to_owned() } else { row.acronym.to_lowercase() };
        for (kind, values, offset, kind_text) in
            [("total", row.total, 0u8, "total output"), ("non_baseload", row.non_baseload, 3u8, "non-baseload")]
        {
            for (i, (gas, label)) in
                [(Gas::Co2, "co2"), (Gas::Ch4Fossil, "ch4"), (Gas::N2o, "n2o")].into_iter().enumerate()
            {
                let col = column_after(row.first_col, offset + i as u8);
                let table = format!(
                    "Table 6 Electricity ({}), {kind_text}, sheet {EPA_SHEET}, row {}, cell {col}{}",
                    hub.table_6_source.trim_start_matches("Source: "),
                    row.row,
                    row.row
                );
                b.push(
                    format!("{pre}.egrid.{sub}.{kind}.{label}"),
                    "electricity",
                    &format!("electricity, eGRID {} ({})", row.acronym, row.name),
                    Parameter::EmissionFactor(gas),
                    values[i],
                    &format!("lb {}/MWh", gas.species()),
                    Some(Unit::Pound),
                    Some(Unit::MegawattHour),
                    source(EPA_DOC, hub.edition, &table, Some(hub.year), "A"),
                    Validity::ANY,
                    Some(&region),
                );
            }
        }
    }
    let steam = hub.table_7;
    for (gas, value, label, mass, mass_text, col) in [
        (Gas::Co2, steam.co2_kg_per_mmbtu, "co2", Unit::Kilogram, "kg", "D"),
        (Gas::Ch4Fossil, steam.ch4_g_per_mmbtu, "ch4", Unit::Gram, "g", "E"),
        (Gas::N2o, steam.n2o_g_per_mmbtu, "n2o", Unit::Gram, "g", "F"),
    ] {
        let table = format!("Table 7 Steam and Heat, sheet {EPA_SHEET}, row {}, cell {col}{}", steam.row, steam.row);
        b.push(
            format!("{pre}.steam_and_heat.{label}"),
            "heat",
            "Steam and Heat (natural gas at 80 % thermal efficiency)",
            Parameter::EmissionFactor(gas),
            value,
            &format!("{mass_text} {}/mmBtu", gas.species()),
            Some(mass),
            Some(Unit::MmBtu),
            source(EPA_DOC, hub.edition, &table, Some(hub.year), "A"),
            Validity::ANY,
            Some("US"),
        );
    }
}

/// The id segment of a Table 3 or 4 row's model years: `2015`,
/// `1973_1974`, `up_to_1980`, or `any_model_year` where the table gives
/// none.
pub(crate) fn model_year_segment(first: Option<i32>, last: Option<i32>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}_{b}"),
        (None, Some(b)) => format!("up_to_{b}"),
        (Some(a), None) => format!("from_{a}"),
        (None, None) => "any_model_year".to_owned(),
    }
}

/// The CH4 of a vehicle fuel: non-fossil for the biofuels the Hub prints
/// (`Ethanol`, `Biodiesel`), as for Table 1's biomass fuels.
fn vehicle_ch4(fuel: &str) -> Gas {
    let f = fuel.to_ascii_lowercase();
    if f.starts_with("ethanol") || f.starts_with("biodiesel") { Gas::Ch4NonFossil } else { Gas::Ch4Fossil }
}

/// Tables 3 and 4 (g per vehicle-mile) and Table 5 (g per gallon).
fn epa_vehicles(b: &mut Builder, hub: &EpaHub) {
    let pre = hub.id;
    for (table, rows, title, cols) in [
        (3, hub.table_3, "Mobile Combustion CH4 and N2O for On-Road Gasoline Vehicles", ["E", "F"]),
        (4, hub.table_4, "Mobile Combustion CH4 and N2O for On-Road Diesel and Alternative Fuel Vehicles", ["F", "G"]),
    ] {
        for row in rows {
            let years = model_year_segment(row.first_year, row.last_year);
            let mut name = row.vehicle.to_owned();
            if !row.fuel.is_empty() {
                name = format!("{name}, {}", row.fuel);
            }
            if !row.model_years.is_empty() {
                name = format!("{name}, model years {}", row.model_years);
            }
            for (gas, value, label, col) in [
                (vehicle_ch4(row.fuel), row.ch4_g_per_mile, "ch4", cols[0]),
                (Gas::N2o, row.n2o_g_per_mile, "n2o", cols[1]),
            ] {
                let cited =
                    format!("Table {table} {title}, {name}, sheet {EPA_SHEET}, row {}, cell {col}{}", row.row, row.row);
                b.push(
                    format!("{pre}.mobile.{}.{years}.{label}_per_mile", row.key),
                    &format!("epa_onroad_{}", row.key),
                    &name,
                    Parameter::EmissionFactor(gas),
                    value,
                    &format!("g {}/mile", gas.species()),
                    Some(Unit::Gram),
                    Some(Unit::Mile),
                    source(EPA_DOC, hub.edition, &cited, Some(hub.year), "A"),
                    Validity::ANY,
                    Some("US"),
                );
            }
        }
    }
    for row in hub.table_5 {
        let name = format!("{}, {}", row.vehicle, row.fuel);
        for (gas, value, label, col) in
            [(vehicle_ch4(row.fuel), row.ch4_g_per_gallon, "ch4", "E"), (Gas::N2o, row.n2o_g_per_gallon, "n2o", "F")]
        {
            let cited = format!(
                "Table 5 Mobile Combustion CH4 and N2O for Non-Road Vehicles, {name}, sheet {EPA_SHEET}, row {}, cell {col}{}",
                row.row, row.row
            );
            b.push(
                format!("{pre}.nonroad.{}.{label}_per_gallon", row.key),
                &format!("epa_nonroad_{}", row.key),
                &name,
                Parameter::EmissionFactor(gas),
                value,
                &format!("g {}/gallon", gas.species()),
                Some(Unit::Gram),
                Some(Unit::UsGallon),
                source(EPA_DOC, hub.edition, &cited, Some(hub.year), "A"),
                Validity::ANY,
                Some("US"),
            );
        }
    }
}

/// The UK conversion factors, as cited.
pub(crate) const DESNZ_DOC: &str =
    "UK Government GHG Conversion Factors for Company Reporting (BEIS/Defra, now DESNZ), flat file";
const DESNZ_EDITION: &str = "2020, version 1 (updated 28 May 2020); CO2e on AR4 GWPs";

/// The unit of a UK flat-file UOM, `None` for `Room per night` (no unit of
/// the library counts room-nights).
pub(crate) fn desnz_unit(uom: &str) -> Option<Unit> {
    Some(match uom {
        "kWh" | "kWh (Gross CV)" | "kWh (Net CV)" => Unit::KilowattHour,
        "GJ" => Unit::Gigajoule,
        "tonnes" => Unit::Tonne,
        "kg" => Unit::Kilogram,
        "litres" => Unit::Litre,
        "cubic metres" => Unit::CubicMetre,
        "million litres" => Unit::MillionLitres,
        "km" => Unit::Kilometre,
        "miles" => Unit::Mile,
        "tonne.km" => Unit::TonneKilometre,
        "passenger.km" => Unit::PassengerKilometre,
        _ => return None,
    })
}

/// What a UK flat-file GHG label means: the parameter, its numerator unit,
/// the id suffix and the unit text. `None` for a label that names nothing
/// known (one row carries a stray backtick).
pub(crate) fn desnz_ghg(ghg: &str) -> Option<(Parameter, Unit, &'static str, &'static str)> {
    Some(match ghg {
        "kg CO2e" => (Parameter::EmissionFactor(Gas::Co2e), Unit::Kilogram, "co2e", "kg CO2e"),
        "kg CO2" => (Parameter::EmissionFactor(Gas::Co2), Unit::Kilogram, "co2", "kg CO2"),
        // Printed "kg CH4" and "kg N2O" but already CO2e (AR4): the CO2e of
        // the CH4 and of the N2O. Kept as CO2e so no GWP is applied again.
        "kg CH4" => (Parameter::EmissionFactor(Gas::Co2e), Unit::Kilogram, "ch4_co2e", "kg CO2e of CH4"),
        "kg N2O" => (Parameter::EmissionFactor(Gas::Co2e), Unit::Kilogram, "n2o_co2e", "kg CO2e of N2O"),
        "kWh (Net CV)" => (Parameter::NetCalorificValue, Unit::KilowattHour, "kwh_net_cv", "kWh (Net CV)"),
        "kWh" => (Parameter::EnergyUse, Unit::KilowattHour, "kwh", "kWh"),
        _ => return None,
    })
}

/// Id suffix of a UK flat-file UOM.
pub(crate) fn desnz_uom_id(uom: &str) -> String {
    uom.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// The factor id of a UK flat-file row.
pub(crate) fn desnz_id(key: &str, uom: &str, ghg_suffix: &str) -> String {
    format!("desnz2020.{}.{}.{ghg_suffix}", key.trim_start_matches("desnz."), desnz_uom_id(uom))
}

fn desnz(b: &mut Builder) {
    for row in desnz_2020::ROWS {
        let (Some(per), Some((parameter, numerator, suffix, text))) = (desnz_unit(row.uom), desnz_ghg(row.ghg)) else {
            continue;
        };
        let path: Vec<&str> =
            row.levels.iter().chain([&row.column_text]).map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
        let name = path.join(" > ");
        let table = format!(
            "Factors by Category, {} > {name}, {}, {}, row {}, cell {}{}",
            row.scope.trim(),
            row.uom,
            row.ghg,
            row.row,
            desnz_2020::VALUE_COLUMN,
            row.row
        );
        b.push(
            desnz_id(row.key, row.uom, suffix),
            row.key,
            &name,
            parameter,
            row.value,
            &format!("{text}/{}", row.uom),
            Some(numerator),
            Some(per),
            source(DESNZ_DOC, DESNZ_EDITION, &table, Some(2020), "A"),
            Validity::ANY,
            Some("UK"),
        );
    }
}

/// The EPA Hub 2024 Table 1 fuels: `(key, fuel name, fuel type)`.
///
/// ```
/// let fuels: Vec<_> = carbonbook_core::factors::epa_stationary_fuels().collect();
/// assert!(fuels.iter().any(|(k, name, _)| *k == "epa_natural_gas" && *name == "Natural Gas"));
/// ```
pub fn epa_stationary_fuels() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    epa_hub_2024::TABLE_1.iter().map(|r| (r.key, r.fuel, r.fuel_type))
}

/// The IPCC 2006 fuel key for a carbonbook activity key (`diesel` →
/// `ipcc_gas_diesel_oil`), or `None` when the fuel has no IPCC counterpart in
/// the library. Keys already in IPCC form are returned as they are.
///
/// ```
/// use carbonbook_core::factors::ipcc_fuel_key;
/// assert_eq!(ipcc_fuel_key("natural_gas"), Some("ipcc_natural_gas"));
/// assert_eq!(ipcc_fuel_key("diesel"), Some("ipcc_gas_diesel_oil"));
/// ```
pub fn ipcc_fuel_key(activity: &str) -> Option<&'static str> {
    let wanted = match activity {
        "diesel" => "ipcc_gas_diesel_oil",
        "gasoline" => "ipcc_motor_gasoline",
        "fuel_oil" => "ipcc_residual_fuel_oil",
        "kerosene" => "ipcc_other_kerosene",
        "bituminous_coal" => "ipcc_other_bituminous_coal",
        "converter_gas" => "ipcc_oxygen_steel_furnace_gas",
        "coke" => "ipcc_coke_oven_coke_and_lignite_coke",
        "refinery_dry_gas" => "ipcc_refinery_gas",
        "lpg" => "ipcc_liquefied_petroleum_gases",
        "lng" => "ipcc_natural_gas",
        other => other,
    };
    ipcc2006_data::CHAPTER_1.iter().map(|r| r.key).find(|k| *k == wanted || k.trim_start_matches("ipcc_") == wanted)
}

/// The IPCC 2006 Chapter 2 sector (`energy`, `manufacturing`, `commercial`,
/// `residential`) for a facility's free-text sector, or `None` when the text
/// does not say.
///
/// ```
/// use carbonbook_core::factors::ipcc_sector_for;
/// assert_eq!(ipcc_sector_for("Power"), Some("energy"));
/// assert_eq!(ipcc_sector_for("cement"), Some("manufacturing"));
/// assert_eq!(ipcc_sector_for(""), None);
/// ```
pub fn ipcc_sector_for(sector: &str) -> Option<&'static str> {
    let s = sector.trim().to_lowercase();
    const ENERGY: &[&str] = &["power", "energy", "electricity", "utility", "refin", "电力", "发电", "能源"];
    const COMMERCIAL: &[&str] = &["commercial", "institutional", "office", "retail", "public", "商业", "公共"];
    const RESIDENTIAL: &[&str] = &["residential", "household", "agricultur", "forestry", "fishing", "居民", "农业"];
    if s.is_empty() {
        None
    } else if ENERGY.iter().any(|k| s.contains(k)) {
        Some("energy")
    } else if COMMERCIAL.iter().any(|k| s.contains(k)) {
        Some("commercial")
    } else if RESIDENTIAL.iter().any(|k| s.contains(k)) {
        Some("residential")
    } else {
        // Cement, steel, chemicals, manufacturing, construction, mining …
        Some("manufacturing")
    }
}
