//! EU CBAM through the `carbonbook` binary: the demo book
//! (`fixtures/cbam-demo.xlsx`, written by `examples/make_cbam_demo.rs`)
//! against figures worked out by hand from the Regulation's formulas, the
//! `cbam` report, and bad CBAM input named by its cells.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_carbonbook"))
}

fn cbam_demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/cbam-demo.xlsx")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_slice(&o.stdout).expect("valid JSON on stdout")
}

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a decimal string")).parse().unwrap()
}

/// Equal to 1e-20 t CO2e / t: the figures below are exact fractions, which
/// the engine and this test each round at the 28th significant digit.
fn same(got: &Value, want: Decimal, at: &str) {
    let g = d(got);
    assert!((g - want).abs() <= dec!(0.00000000000000000001), "{at}: got {g}, want {want}");
}

fn good<'a>(cbam: &'a Value, id: &str) -> &'a Value {
    cbam["goods"].as_array().unwrap().iter().find(|g| g["good_id"] == id).unwrap_or_else(|| panic!("no good {id}"))
}

// The specific embedded emissions of the demo's goods, from IR (EU) 2025/2547
// Annex I §3 (as Regulation (EU) 2023/956 Annex IV §§2–3):
//   simple good:  SEE_g = AttrEm_g / AL_g
//   complex good: SEE_g = (AttrEm_g + EE_InpMat) / AL_g,  EE_InpMat = Σ M_i × SEE_i
// separately for direct and indirect emissions; indirect AttrEm = electricity
// consumed × its emission factor (the facility's grid factor, North China
// 0.6361 and East China 0.55 t CO2/MWh, MEE & NBS 2023 factors, the 2026 ones
// being unpublished). SEE total = direct + the indirect that counts: none of
// the good's own for iron and steel (Annex II), the precursors' indirect when
// the precursor is not an Annex II good (pellets, CN 2601 12 00); both for
// cement.
#[test]
fn demo_book_gives_the_see_worked_out_from_the_regulation() {
    let got = json(&run(&["calc", cbam_demo().to_str().unwrap(), "--format", "json"]));
    let cbam = &got["cbam"];

    // Pig iron, 1 000 000 t: 1 380 000 t attributed direct emissions, 60 000 MWh,
    // 1 420 000 t pellets at 0.031 / 0.017.
    let pig_dir = (dec!(1380000) + dec!(1420000) * dec!(0.031)) / dec!(1000000);
    let pig_ind = (dec!(60000) * dec!(0.6361) + dec!(1420000) * dec!(0.017)) / dec!(1000000);
    assert_eq!(pig_dir, dec!(1.42402));
    assert_eq!(pig_ind, dec!(0.062306));
    let pig = good(cbam, "PIG");
    same(&pig["see_direct"], pig_dir, "PIG see_direct");
    same(&pig["see_indirect"], pig_ind, "PIG see_indirect");
    // Only the pellets' indirect (0.017 × 1 420 000 / 1 000 000) counts.
    same(&pig["see_total"], pig_dir + dec!(0.02414), "PIG see_total");
    same(&pig["embedded_t"], dec!(1448160), "PIG embedded_t");

    // Crude steel, 1 050 000 t: 145 000 t direct, 85 000 MWh, 960 000 t pig
    // iron and 150 000 t scrap without embedded emissions.
    let cs_dir = (dec!(145000) + dec!(960000) * pig_dir + dec!(150000) * Decimal::ZERO) / dec!(1050000);
    let cs_ind = (dec!(85000) * dec!(0.6361) + dec!(960000) * pig_ind) / dec!(1050000);
    let cs_counted = dec!(960000) * dec!(0.02414) / dec!(1050000);
    let cs = good(cbam, "CS");
    same(&cs["see_direct"], cs_dir, "CS see_direct");
    same(&cs["see_indirect"], cs_ind, "CS see_indirect");
    same(&cs["see_total"], cs_dir + cs_counted, "CS see_total");

    // Hot-rolled coil, 1 000 000 t: 82 000 t direct, 110 000 MWh, 1 030 000 t crude steel.
    let hrc_dir = (dec!(82000) + dec!(1030000) * cs_dir) / dec!(1000000);
    let hrc_ind = (dec!(110000) * dec!(0.6361) + dec!(1030000) * cs_ind) / dec!(1000000);
    let hrc_total = hrc_dir + dec!(1030000) * cs_counted / dec!(1000000);
    let hrc = good(cbam, "HRC");
    same(&hrc["see_direct"], hrc_dir, "HRC see_direct");
    same(&hrc["see_indirect"], hrc_ind, "HRC see_indirect");
    same(&hrc["see_total"], hrc_total, "HRC see_total");
    // 1.5652… direct, 1.5880… total, as printed in the report.
    assert_eq!(d(&hrc["see_total"]).round_dp(4), dec!(1.5880));

    // Clinker, 800 000 t: no direct_t, so the Scope 1 of WH1 (all of it, the
    // plant's only other good giving direct_t = 0) shared by quantity.
    let wh1 = got["facilities"].as_array().unwrap().iter().find(|f| f["facility_id"] == "WH1").unwrap();
    let wh1_scope1 = d(&wh1["scope1_t_co2e"]);
    let clk_dir = wh1_scope1 / dec!(800000);
    let clk_ind = dec!(36000) * dec!(0.55) / dec!(800000);
    assert_eq!(clk_ind, dec!(0.02475));
    let clk = good(cbam, "CLK");
    assert_eq!(clk["direct_basis"], "shared_scope1");
    same(&clk["see_direct"], clk_dir, "CLK see_direct");
    same(&clk["see_indirect"], clk_ind, "CLK see_indirect");
    same(&clk["see_total"], clk_dir + clk_ind, "CLK see_total");

    // Cement, 1 000 000 t: 0 t direct, 32 000 MWh, 780 000 t clinker; cement is
    // not in Annex II, so indirect counts.
    let cem_dir = (Decimal::ZERO + dec!(780000) * clk_dir) / dec!(1000000);
    let cem_ind = (dec!(32000) * dec!(0.55) + dec!(780000) * clk_ind) / dec!(1000000);
    assert_eq!(cem_ind, dec!(0.036905));
    let cem = good(cbam, "CEM");
    same(&cem["see_direct"], cem_dir, "CEM see_direct");
    same(&cem["see_indirect"], cem_ind, "CEM see_indirect");
    same(&cem["see_total"], cem_dir + cem_ind, "CEM see_total");

    // The importer (Regulation (EU) 2023/956 Art. 31 and Directive 2003/87/EC
    // Art. 10a(1a): FAA = CBAM factor (97.5 % in 2026) × CSCF × benchmark × mass;
    // IR (EU) 2025/2621: default value × (1 + mark-up 10 % in 2026)).
    let imports = cbam["imports"].as_array().unwrap();
    let hrc_line = &imports[0];
    let embedded = dec!(25000) * hrc_total;
    let faa = dec!(0.975) * dec!(1) * dec!(1.370) * dec!(25000);
    assert_eq!(faa, dec!(33393.75));
    same(&hrc_line["embedded_t"], embedded, "HRC line embedded_t");
    same(&hrc_line["free_allocation_adjustment_t"], faa, "HRC line FAA");
    same(&hrc_line["certificates"], embedded - faa, "HRC line certificates");
    assert!((d(&hrc_line["cost"]) - (embedded - faa) * dec!(75.36)).abs() < dec!(0.000000000001));
    let cem_line = &imports[1];
    same(&cem_line["certificates"], dec!(40000) * (cem_dir + cem_ind), "CEM line certificates (no benchmark, no FAA)");
    let default_line = &imports[2];
    // IR 2025/2621 Annex I (as replaced by 2026/1740), sheet China, 7208: 3.187 t/t.
    same(&default_line["see_used"], dec!(3.187) * (Decimal::ONE + dec!(0.10)), "default with mark-up");
    same(&default_line["embedded_t"], dec!(28045.6), "default line embedded_t");
    // IR 2025/2620 column B, 7208, route C: 1.370; CSCF 1 (Decision (EU) 2026/1862).
    same(&default_line["free_allocation_adjustment_t"], dec!(0.975) * dec!(1.370) * dec!(8000), "default line FAA");
    same(&default_line["certificates"], dec!(17359.6), "default line certificates");
    assert!(default_line["cost"].is_null(), "no Q2 price given, no cost");
    // De minimis (Art. 2a): 25 000 + 40 000 + 8 000 t > 50 t.
    assert_eq!(cbam["de_minimis"]["mass_t"], "73000");
    assert_eq!(cbam["de_minimis"]["exempt"], false);
}

#[test]
fn demo_book_gives_its_results_workbook_and_cbam_report() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results.xlsx");
    let o = run(&["calc", cbam_demo().to_str().unwrap(), "-o", results.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    use calamine::Reader;
    let wb: calamine::Xlsx<_> = calamine::open_workbook(&results).unwrap();
    assert!(wb.sheet_names().iter().any(|n| n == "CBAM"), "{:?}", wb.sheet_names());
    for (format, lang) in [("html", "en"), ("md", "zh"), ("json", "en"), ("csv", "en"), ("xlsx", "zh")] {
        let out = dir.path().join(format!("cbam-{lang}.{format}"));
        let o = run(&[
            "report",
            cbam_demo().to_str().unwrap(),
            "--kind",
            "cbam",
            "--format",
            format,
            "--lang",
            lang,
            "-q",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(std::fs::metadata(&out).unwrap().len() > 0, "{format}");
    }
    let md = std::fs::read_to_string(dir.path().join("cbam-zh.md")).unwrap();
    assert!(md.contains("7208 51 20") || md.contains("72085120"), "{md}");
}

fn write_book(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                match v.parse::<f64>() {
                    Ok(n) => ws.write_number(r as u32, c as u16, n).map(|_| ()).unwrap(),
                    _ => ws.write_string(r as u32, c as u16, *v).map(|_| ()).unwrap(),
                }
            }
        }
    }
    wb.save(path).unwrap();
}

// The issue's bad input: an unknown category, a CN code outside Annex I, a
// precursor that is neither a good of the book nor given with figures, a
// quarter outside 1–4, a negative mass — each named by its cell, all in one
// run, and nothing written.
#[test]
fn bad_cbam_input_is_named_by_its_cells_in_one_run_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("bad-cbam.xlsx");
    let org = vec![vec!["field", "value"], vec!["name", "Bad CBAM Co."], vec!["reporting_year", "2026"]];
    let fac = vec![vec!["facility_id", "name", "country", "grid_region"], vec!["F1", "Works", "CN", "north"]];
    let goods_header = vec![
        "good_id",
        "facility_id",
        "year",
        "cn_code",
        "category",
        "route",
        "quantity_t",
        "direct_t",
        "electricity_mwh",
    ];
    let goods = vec![
        goods_header,
        vec!["G1", "F1", "2026", "7208 51 20", "steel-ish", "mill", "1000", "100", "10"],
        vec!["G2", "F1", "2026", "0101 21 00", "iron_steel", "mill", "1000", "100", "10"],
        vec!["G3", "F1", "2026", "7206 10 00", "iron_steel", "converter", "1000", "100", "10"],
    ];
    let precursors = vec![
        vec!["good_id", "precursor", "mass_t", "see_direct", "see_indirect", "source"],
        vec!["G3", "mystery pig iron", "900"],
        vec!["G3", "scrap", "-5", "0", "0", "actual"],
    ];
    let imports = vec![
        vec!["year", "quarter", "good_id", "cn_code", "origin", "quantity_t", "default_value"],
        vec!["2026", "5", "", "7208 51 20", "CN", "100", "2.1"],
    ];
    write_book(
        &book,
        &[
            ("Organisation", org),
            ("Facilities", fac),
            ("CBAM goods", goods),
            ("CBAM precursors", precursors),
            ("CBAM imports", imports),
        ],
    );
    let out = dir.path().join("out.json");
    std::fs::write(&out, "previous").unwrap();
    let o = run(&["calc", book.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // Unknown category: the category column (E) of row 2.
    assert!(err.contains("'CBAM goods'!E2") && err.contains("steel-ish"), "{err}");
    // CN code outside Annex I: the cn_code column (D) of row 3.
    assert!(err.contains("'CBAM goods'!D3") && err.contains("0101"), "{err}");
    // Negative mass: mass_t (C) of the second precursor row.
    assert!(err.contains("'CBAM precursors'!C3"), "{err}");
    // Quarter outside 1–4: quarter (B) of the import line.
    assert!(err.contains("'CBAM imports'!B2") && err.contains("found \"5\""), "{err}");
    // A precursor neither a good of the book nor given with figures: its see_direct (D).
    assert!(err.contains("'CBAM precursors'!D2") && err.contains("mystery pig iron"), "{err}");
    assert!(err.contains("5 problem(s) found; nothing was written."), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous", "an existing output is never changed");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left behind: {leftovers:?}");
}

/// The Commission's blank communication template, V2.1.1 (origin, licence
/// and checksum in `fixtures/cbam/SOURCES.md`).
fn blank_template() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/cbam/communication_template.xlsx")
}

fn fill_template(dir: &Path, installation: &str) -> (PathBuf, String) {
    let out = dir.join(format!("{installation}.xlsx"));
    let o = run(&[
        "cbam-communication",
        cbam_demo().to_str().unwrap(),
        "--template",
        blank_template().to_str().unwrap(),
        "--installation",
        installation,
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    (out, stderr(&o))
}

/// Every entry of a zip package: name → (compression, crc32, compressed
/// size, uncompressed bytes).
type Entry = (String, (String, u32, u64, Vec<u8>));

fn entries(path: &Path) -> Vec<Entry> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let meta = (format!("{:?}", f.compression()), f.crc32(), f.compressed_size());
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), (meta.0, meta.1, meta.2, bytes))
        })
        .collect()
}

/// The cell elements of a sheet's XML, `(ref, element)`, and the text
/// between them.
fn cells(xml: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut cells = Vec::new();
    let mut between = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<c r=\"") {
        between.push(rest[..i].to_owned());
        let tag_end = i + rest[i..].find('>').unwrap();
        let end = if rest[..=tag_end].ends_with("/>") {
            tag_end + 1
        } else {
            tag_end + rest[tag_end..].find("</c>").unwrap() + 4
        };
        let el = &rest[i..end];
        let r = el[6..].split('"').next().unwrap().to_owned();
        cells.push((r, el.to_owned()));
        rest = &rest[end..];
    }
    between.push(rest.to_owned());
    (cells, between)
}

// The Commission's communication template, written: only input cells of
// the input sheets change, every other part of the package is byte for byte
// the template's, and the input cells hold the book's figures.
#[test]
fn communication_template_keeps_the_template_and_holds_the_books_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (out, notes) = fill_template(dir.path(), "TS1");
    assert!(notes.contains("note: A_InstData!F102"), "the unknown country of the pellets is named: {notes}");
    let blank = entries(&blank_template());
    let filled = entries(&out);
    assert_eq!(
        blank.iter().map(|e| &e.0).collect::<Vec<_>>(),
        filled.iter().map(|e| &e.0).collect::<Vec<_>>(),
        "same parts, same order"
    );
    // The input sheets: A_InstData, B_EmInst, C_Emissions&Energy, D_Processes, E_PurchPrec, Summary_Products.
    let input_parts = [
        "xl/worksheets/sheet5.xml",
        "xl/worksheets/sheet6.xml",
        "xl/worksheets/sheet7.xml",
        "xl/worksheets/sheet8.xml",
        "xl/worksheets/sheet9.xml",
        "xl/worksheets/sheet13.xml",
    ];
    let mut changed_cells = 0;
    for ((name, b), (_, f)) in blank.iter().zip(&filled) {
        if name == "xl/workbook.xml" {
            let (bt, ft) = (String::from_utf8_lossy(&b.3), String::from_utf8_lossy(&f.3));
            assert_eq!(
                ft,
                bt.replace(r#"<calcPr calcId="162913"/>"#, r#"<calcPr calcId="162913" fullCalcOnLoad="1"/>"#)
            );
            assert!(ft.contains("fullCalcOnLoad=\"1\""));
        } else if input_parts.contains(&name.as_str()) {
            let (bc, bb) = cells(std::str::from_utf8(&b.3).unwrap());
            let (fc, fb) = cells(std::str::from_utf8(&f.3).unwrap());
            assert_eq!(bb, fb, "{name}: nothing but cells changes");
            assert_eq!(bc.len(), fc.len(), "{name}: no cell added or removed");
            for ((r, be), (fr, fe)) in bc.iter().zip(&fc) {
                assert_eq!(r, fr);
                if be != fe {
                    changed_cells += 1;
                    assert!(
                        be.ends_with("/>") && !be.contains(" t="),
                        "{name} {r}: only empty input cells change: {be}"
                    );
                    let style = be.split(" s=\"").nth(1).map(|s| s.split('"').next().unwrap());
                    if let Some(s) = style {
                        assert!(fe.contains(&format!(" s=\"{s}\"")), "{name} {r}: its style kept");
                    }
                    assert!(!fe.contains("<f"), "{name} {r}: no formula written");
                }
            }
        } else {
            assert_eq!(b, f, "{name}: byte for byte the template's");
        }
    }
    assert!(changed_cells > 40, "{changed_cells} input cells");

    // The input cells hold the book's values (calamine reads the file).
    use calamine::{Data, Reader};
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let get = |wb: &mut calamine::Xlsx<_>, sheet: &str, r: u32, c: u32| -> Data {
        wb.worksheet_range(sheet).unwrap().get_value((r - 1, c - 1)).cloned().unwrap_or(Data::Empty)
    };
    let s = |v: &str| Data::String(v.to_owned());
    // Reporting period 2026: Excel serials of 1 Jan and 31 Dec.
    let serial = |d: Data| match d {
        Data::DateTime(t) => t.as_f64(),
        other => panic!("{other:?} is not a date"),
    };
    assert_eq!(serial(get(&mut wb, "A_InstData", 9, 9)), 46023.0);
    assert_eq!(serial(get(&mut wb, "A_InstData", 9, 12)), 46387.0);
    assert_eq!(get(&mut wb, "A_InstData", 20, 9), s("Tangshan steel works (唐山钢铁厂)"));
    assert_eq!(get(&mut wb, "A_InstData", 26, 9), s("China"));
    assert_eq!(get(&mut wb, "A_InstData", 62, 5), s("Pig iron"));
    assert_eq!(get(&mut wb, "A_InstData", 62, 9), s("Blast furnace route"));
    assert_eq!(get(&mut wb, "A_InstData", 63, 9), s("Basic oxygen steelmaking"));
    for (i, (id, cat)) in
        [("PIG", "Pig iron"), ("CS", "Crude steel"), ("HRC", "Iron or steel products")].iter().enumerate()
    {
        let row = 83 + i as u32;
        assert_eq!(get(&mut wb, "A_InstData", row, 5), s(cat));
        assert_eq!(get(&mut wb, "A_InstData", row, 12), s(id));
        assert_eq!(get(&mut wb, "Summary_Products", 10 + i as u32, 4), s(id));
    }
    assert_eq!(get(&mut wb, "Summary_Products", 10, 6), s("72011011"));
    assert_eq!(get(&mut wb, "Summary_Products", 12, 6), s("72085120"));
    assert_eq!(get(&mut wb, "A_InstData", 102, 5), s("Sintered Ore"));
    assert_eq!(get(&mut wb, "A_InstData", 102, 12), s("iron ore pellets (supplier figures)"));
    // D_Processes, process 1 (PIG, r0 = 11): blast furnace route (+5), market
    // (+16), consumed in process 2 (+21), DirEm* (+43), MWh (+54), EF (+55).
    let d = |wb: &mut calamine::Xlsx<_>, r: u32| get(wb, "D_Processes", r, 12);
    assert_eq!(d(&mut wb, 16), Data::Float(1_000_000.0));
    assert_eq!(d(&mut wb, 27), Data::Float(40_000.0));
    assert_eq!(d(&mut wb, 32), Data::Float(960_000.0));
    assert_eq!(d(&mut wb, 54), Data::Float(1_380_000.0));
    assert_eq!(d(&mut wb, 65), Data::Float(60_000.0));
    assert_eq!(d(&mut wb, 66), Data::Float(0.6361));
    // Process 2 (CS, r0 = 76): basic oxygen steelmaking, route 1 (+5);
    // 1 030 000 t consumed in process 3, the second of its list (+22).
    assert_eq!(d(&mut wb, 81), Data::Float(1_050_000.0));
    assert_eq!(d(&mut wb, 98), Data::Float(1_030_000.0));
    assert_eq!(d(&mut wb, 119), Data::Float(145_000.0));
    // Process 3 (HRC, r0 = 141): all to the market.
    assert_eq!(d(&mut wb, 157), Data::Float(1_000_000.0));
    // E_PurchPrec, precursor 1 (r0 = 14): 1 420 000 t, all in process 1, SEE 0.031 measured.
    let e = |wb: &mut calamine::Xlsx<_>, r: u32, c: u32| get(wb, "E_PurchPrec", r, c);
    assert_eq!(e(&mut wb, 28, 12), Data::Float(1_420_000.0));
    assert_eq!(e(&mut wb, 49, 12), Data::Float(0.031));
    assert_eq!(e(&mut wb, 49, 13), s("Measured"));
    assert_eq!(e(&mut wb, 50, 12), Data::Float(0.017));
    // Indirect emissions of the installation: (60 000 + 85 000 + 110 000) MWh × 0.6361.
    assert_eq!(get(&mut wb, "C_Emissions&Energy", 26, 13), Data::Float(162_205.5));
    // B_EmInst: the works' stationary fuels as source streams, so that the
    // template's own formula F × H / 1000 × J × N% gives carbonbook's tonnes:
    // bituminous coal 520 000 t × 19.570 GJ/t (GB/T 32151 default) at
    // 0.0261 tC/GJ × 44/12 × 93 % = 89.001 t CO2/TJ.
    let b = |wb: &mut calamine::Xlsx<_>, r: u32, c: u32| get(wb, "B_EmInst", r, c);
    assert_eq!(b(&mut wb, 17, 4), s("Combustion"));
    assert_eq!(b(&mut wb, 17, 5), s("Bituminous coal"));
    assert_eq!(b(&mut wb, 17, 6), Data::Float(520_000.0));
    assert_eq!(b(&mut wb, 17, 7), s("t"));
    assert_eq!(b(&mut wb, 17, 8), Data::Float(19.57));
    assert_eq!(b(&mut wb, 17, 10), Data::Float(89.001));
    assert_eq!(b(&mut wb, 17, 11), s("tCO2/TJ"));
    assert_eq!(b(&mut wb, 17, 14), Data::Float(100.0));
    let json = json(&run(&["calc", cbam_demo().to_str().unwrap(), "--format", "json", "-q"]));
    let coal: Decimal = json["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["facility_id"] == "TS1" && a["activity"] == "bituminous_coal")
        .map(|a| a["t_co2e"].as_str().unwrap().parse::<Decimal>().unwrap())
        .sum();
    assert_eq!(dec!(520000) * dec!(19.570) / dec!(1000) * dec!(89.001), coal);
}

#[test]
fn communication_template_refuses_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.xlsx");
    let o = run(&[
        "cbam-communication",
        cbam_demo().to_str().unwrap(),
        "--template",
        blank_template().to_str().unwrap(),
        "--installation",
        "NOPE",
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no CBAM goods of installation NOPE in 2026"), "{}", stderr(&o));
    assert!(stderr(&o).contains("TS1 2026"), "{}", stderr(&o));
    // Not the template: the demo book itself.
    let o = run(&[
        "cbam-communication",
        cbam_demo().to_str().unwrap(),
        "--template",
        cbam_demo().to_str().unwrap(),
        "--installation",
        "TS1",
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("communication template"), "{}", stderr(&o));
    assert!(!out.exists(), "nothing written");
}

/// Recalculates `file` with headless LibreOffice (formulas recomputed on
/// load, through a throw-away profile) into `dir`.
fn recalculate_with_libreoffice(file: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    std::fs::create_dir_all(profile.join("user")).unwrap();
    // OOXMLRecalcMode 0: always recalculate an xlsx file on load.
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    let outdir = dir.join("recalculated");
    let o = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--calc", "--convert-to", "xlsx", "--outdir"])
        .arg(&outdir)
        .arg(file)
        .output()
        .expect("soffice on PATH");
    assert!(o.status.success(), "soffice: {}", stderr(&o));
    outdir.join(file.file_name().unwrap())
}

// The template's own figures, recalculated as a user's spreadsheet would:
// Summary_Products I/J (SEE direct/indirect) equal carbonbook's see_direct
// and see_indirect, and K their sum. (K of template V2.1.1 always adds the
// indirect; carbonbook's see_total counts it only where Annex II of
// Regulation (EU) 2023/956 does not list the good, so for the steel goods K
// differs from see_total, as it should in the definitive period.)
#[test]
#[ignore = "needs LibreOffice (soffice) on PATH"]
fn libreoffice_recalculates_the_templates_see_to_carbonbooks() {
    let dir = tempfile::tempdir().unwrap();
    let got = json(&run(&["calc", cbam_demo().to_str().unwrap(), "--format", "json"]));
    for (installation, goods) in [("TS1", &["PIG", "CS", "HRC"][..]), ("WH1", &["CLK", "CEM"][..])] {
        let (out, _) = fill_template(dir.path(), installation);
        let recalculated = recalculate_with_libreoffice(&out, dir.path());
        use calamine::{Data, Reader};
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&recalculated).unwrap();
        let range = wb.worksheet_range("Summary_Products").unwrap();
        for (i, id) in goods.iter().enumerate() {
            let row = 9 + i as u32; // row 10, 0-based
            assert_eq!(range.get_value((row, 3)), Some(&Data::String((*id).to_owned())));
            let g = good(&got["cbam"], id);
            let number = |c: u32| -> Decimal {
                match range.get_value((row, c)) {
                    Some(Data::Float(f)) => Decimal::try_from(*f).unwrap(),
                    other => panic!("{installation} {id}: Summary_Products column {c}: {other:?}"),
                }
            };
            let want_total = d(&g["see_direct"]) + d(&g["see_indirect"]);
            for (c, want, what) in [
                (8, d(&g["see_direct"]), "I SEE direct"),
                (9, d(&g["see_indirect"]), "J SEE indirect"),
                (10, want_total, "K SEE total"),
            ] {
                let got = number(c);
                let tol = want.abs() * dec!(0.000000000001);
                assert!((got - want).abs() <= tol, "{installation} {id} {what}: template {got}, carbonbook {want}");
            }
        }
        // B_EmInst: the template's own emissions of each source stream (AU)
        // are carbonbook's tonnes of that fuel or material at the works.
        let streams = wb.worksheet_range("B_EmInst").unwrap();
        let activities = got["activities"].as_array().unwrap();
        let mut checked = 0;
        for row in 16..91u32 {
            let Some(Data::String(name)) = streams.get_value((row, 4)) else { break };
            let Some(Data::Float(t)) = streams.get_value((row, 46)) else {
                panic!("{installation} B_EmInst!AU{}: no figure", row + 1)
            };
            let want: Decimal = activities
                .iter()
                .filter(|a| {
                    a["facility_id"] == installation
                        && carbonbook_core::factors::activity_names(a["activity"].as_str().unwrap())
                            .map_or(a["activity"].as_str().unwrap(), |n| n.0)
                            == name.as_str()
                        && matches!(a["source"].as_str(), Some("stationary_combustion" | "process"))
                })
                .map(|a| d(&a["t_co2e"]))
                .sum();
            let got = Decimal::try_from(*t).unwrap();
            assert!(
                (got - want).abs() <= want.abs() * dec!(0.000000000001),
                "{installation} {name}: template {got}, carbonbook {want}"
            );
            checked += 1;
        }
        assert!(checked > 0, "{installation}: source streams");
    }
}

/// The demo's TS1 template as written by `cbam-communication` and then
/// computed and saved by LibreOffice 7.4 (`fixtures/cbam/SOURCES.md`).
fn recalculated_ts1() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/cbam/demo-TS1-2026-recalculated.xlsx")
}

// Reading a supplier's template: the stated SEE become CBAM imports rows, and
// carbonbook's recomputation from the file's inputs agrees with them.
#[test]
fn a_filled_template_reads_as_cbam_imports_rows() {
    let o = run(&["cbam-read", recalculated_ts1().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "recomputation agrees: {}", stderr(&o));
    let csv = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "year,quarter,good_id,cn_code,origin,quantity_t,see_direct,see_indirect");
    assert_eq!(lines[1], "2026,,Tangshan steel works (唐山钢铁厂) | PIG,72011011,CN,,1.42402,0.062306");
    assert!(
        lines[3].starts_with("2026,,Tangshan steel works (唐山钢铁厂) | HRC,72085120,CN,,1.56525807238095,"),
        "{csv}"
    );
    assert_eq!(lines.len(), 4);
}

/// A copy of [`recalculated_ts1`] in `dir` with each worksheet's XML passed
/// through `edit` (its part name, its text); every other part as it is.
fn tampered_ts1(dir: &Path, mut edit: impl FnMut(&str, String) -> String) -> PathBuf {
    use std::io::{Read, Write};
    let tampered = dir.join("supplier.xlsx");
    let mut zin = zip::ZipArchive::new(std::fs::File::open(recalculated_ts1()).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(&tampered).unwrap());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name.starts_with("xl/worksheets/sheet") {
            bytes = edit(&name, String::from_utf8(bytes).unwrap()).into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zout.write_all(&bytes).unwrap();
    }
    zout.finish().unwrap();
    tampered
}

/// `xml` with the cached value `from` of `cell` replaced by `to`, or `None`
/// when the sheet has no such cell holding `from`.
fn set_cached(xml: &str, cell: &str, from: &str, to: &str) -> Option<String> {
    let at = xml.find(&format!("<c r=\"{cell}\""))?;
    let (from, to) = (format!("<v>{from}</v>"), format!("<v>{to}</v>"));
    let v = at + xml[at..].split("</c>").next()?.find(&from)?;
    Some(format!("{}{to}{}", &xml[..v], &xml[v + from.len()..]))
}

// A supplier's file whose stated SEE is not what its inputs give: the cell
// is named, the stated figure kept.
#[test]
fn a_stated_see_that_its_inputs_do_not_give_is_named_by_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    // Summary_Products I10 (PIG, SEE direct): 1.42402 → 1.3.
    let tampered = tampered_ts1(dir.path(), |name, xml| {
        if name == "xl/worksheets/sheet13.xml" { set_cached(&xml, "I10", "1.42402", "1.3").unwrap() } else { xml }
    });
    let out = dir.path().join("CBAM imports.csv");
    let o = run(&["cbam-read", tampered.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("Summary_Products!I10: the file states SEE (direct) 1.3 t CO2e/t for PIG; carbonbook's recomputation from its inputs (D_Processes, E_PurchPrec) gives 1.42402"),
        "{err}"
    );
    // What the importer is shown (Summary_Communication, untouched) no
    // longer mirrors it either.
    assert!(err.contains("Summary_Communication!I26: the importer is shown SEE (direct) 1.42402"), "{err}");
    assert_eq!(err.matches("warning").count(), 2, "only those cells: {err}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(
        csv.contains("| PIG,72011011,CN,,1.3,0.062306"),
        "the stated figure is what the supplier communicates: {csv}"
    );
}

/// An EU importer's CSV-folder book of 2026 in `dir`, its `CBAM imports`
/// sheet still to write.
fn importer_book(dir: &Path) -> PathBuf {
    let book = dir.join("importer");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(book.join("Organisation.csv"), "field,value\nname,EU Importer GmbH\nreporting_year,2026\n").unwrap();
    book
}

// The importer's side: the rows of `cbam-read`, with quarter and quantity
// filled in, are the `CBAM imports` sheet of a CSV-folder book. Pig iron is
// iron and steel (Annex II): embedded = 500 t × SEE (direct) 1.42402 = 712.01 t.
#[test]
fn the_rows_read_from_a_template_are_an_importers_cbam_imports_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let book = importer_book(dir.path());
    let o = run(&["cbam-read", recalculated_ts1().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = String::from_utf8(o.stdout).unwrap();
    let filled: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                format!("{}\n", l.replacen("2026,,", "2026,1,", 1).replace(",CN,,", ",CN,500,"))
            }
        })
        .collect();
    std::fs::write(book.join("CBAM imports.csv"), filled).unwrap();
    let got = json(&run(&["calc", book.to_str().unwrap(), "--format", "json"]));
    let line = &got["cbam"]["imports"][0];
    assert_eq!(line["cn_code"], "72011011");
    assert_eq!(line["see_basis"], "actual");
    assert_eq!(d(&line["embedded_t"]), dec!(712.01));
    assert_eq!(got["cbam"]["imports"].as_array().unwrap().len(), 3);
}

/// The Commission's own filled examples of the communication template
/// (version 2.1; `fixtures/cbam/SOURCES.md`): carbonbook recomputes each
/// good's SEE from the file's inputs (D_Processes, E_PurchPrec) and finds
/// the figures the template's formulas stored in Summary_Products, without a
/// warning. The steel works exports waste gases (D_Processes L61:M61:
/// 12,800 TJ exported, credited at 56.1 t CO2/TJ × 0.667).
#[test]
fn the_commissions_examples_are_reproduced_from_their_inputs() {
    use carbonbook_xlsx::cbam_template::read::read_communication;
    let examples = [
        // file, goods, SEE direct, SEE indirect as Summary_Products I10/J10 state them
        ("example-cement-v2.1.xlsx", 1, dec!(0.7852147410358565), dec!(0.12224275)),
        ("example-steel-blast-furnace-v2.1.xlsx", 4, dec!(1.53897606455787), dec!(0.2035539825)),
    ];
    for (file, goods, direct, indirect) in examples {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cbam/examples").join(file);
        let c = read_communication(&std::fs::read(&path).unwrap()).unwrap();
        assert!(c.warnings.is_empty(), "{file}: {:?}", c.warnings);
        assert_eq!(c.goods.len(), goods, "{file}");
        for g in &c.goods {
            assert_eq!(g.see_direct, Some(direct), "{file} row {}", g.row);
            assert_eq!(g.see_indirect, Some(indirect), "{file} row {}", g.row);
            // The file's figures are doubles: carbonbook's exact recomputation
            // agrees with them to 12 significant digits.
            let close = |mine: Option<Decimal>, stated: Decimal| {
                let mine = mine.unwrap_or_else(|| panic!("{file} row {}: not recomputed", g.row));
                assert!(
                    (mine - stated).abs() < stated * dec!(0.000000000001),
                    "{file} row {}: {mine} vs {stated}",
                    g.row
                );
            };
            close(g.recomputed_direct, direct);
            close(g.recomputed_indirect, indirect);
        }
    }
}

// The importer is shown Summary_Communication, which mirrors
// Summary_Products: a file where the two disagree is named by its cell.
#[test]
fn a_communication_sheet_that_disagrees_with_its_products_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut changed = 0;
    // Summary_Communication I26 (PIG, SEE direct): 1.42402 → 1.3.
    let tampered = tampered_ts1(dir.path(), |name, xml| {
        if name == "xl/worksheets/sheet13.xml" {
            return xml;
        }
        match set_cached(&xml, "I26", "1.42402", "1.3") {
            Some(edited) => {
                changed += 1;
                edited
            }
            None => xml,
        }
    });
    assert_eq!(changed, 1, "Summary_Communication!I26 found");
    let o = run(&["cbam-read", tampered.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("Summary_Communication!I26: the importer is shown SEE (direct) 1.3 t CO2e/t for PIG, but Summary_Products!I10 states 1.42402"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
}

// An importer's book with only masses and origins: the default values
// (IR 2025/2621 Annex I as replaced by 2026/1740, sheet "China"), the
// benchmarks (IR 2025/2620, column B for the Annex I route) and the CSCF
// (Implementing Decision (EU) 2026/1862) come from the library, and every
// output says which row of which Annex gave them.
#[test]
fn an_importers_blank_defaults_are_the_published_ones_and_say_where_from() {
    let dir = tempfile::tempdir().unwrap();
    let book = importer_book(dir.path());
    std::fs::write(
        book.join("CBAM imports.csv"),
        "year,quarter,cn_code,origin,quantity_t,certificate_price\n\
         2026,1,7208 51 20,CN,100,75.36\n\
         2026,2,2523 29 00,China,1000,75.36\n",
    )
    .unwrap();
    let o = run(&["calc", book.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let got = json(&o);
    let coil = &got["cbam"]["imports"][0];
    assert_eq!(coil["default_from"]["sheet"], "china");
    assert_eq!(coil["default_from"]["cn_code"], "7208");
    assert_eq!(d(&coil["default_value"]), dec!(3.187));
    assert_eq!(coil["benchmark_from"]["route"], "C");
    assert_eq!(coil["cscf_built_in"], true);
    // 100 × 3.187 × 1.10 = 350.57; FAA 0.975 × 1 × 1.370 × 100 = 133.575.
    assert_eq!(d(&coil["embedded_t"]), dec!(350.57));
    assert_eq!(d(&coil["free_allocation_adjustment_t"]), dec!(133.575));
    assert_eq!(d(&coil["certificates"]), dec!(216.995));
    // Grey Portland cement: 1.42 × 1.10 × 1 000 = 1 562; FAA 0.975 × 0.666 × 1 000 = 649.35.
    let cement = &got["cbam"]["imports"][1];
    assert_eq!(d(&cement["embedded_t"]), dec!(1562));
    assert_eq!(d(&cement["free_allocation_adjustment_t"]), dec!(649.35));
    assert!(got["cbam"]["sources"]["default_values"].as_str().unwrap().contains("2026/1740"));
    let warnings = got["warnings"].to_string();
    assert!(warnings.contains("rows 2–3: default_value is blank"), "{warnings}");

    let results = dir.path().join("results.xlsx");
    let o = run(&["calc", book.to_str().unwrap(), "-o", results.to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&results).unwrap();
    let sheet = wb.worksheet_range("CBAM").unwrap();
    let text: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    assert!(text.iter().any(|t| t == "IR 2025/2621 Annex I, China, CN 7208, route C"), "{text:?}");
    assert!(text.iter().any(|t| t == "IR 2025/2620 column B, CN 72085120, route C, years all"), "{text:?}");
}
