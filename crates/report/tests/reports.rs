//! Report tests over fixed inventories: Markdown and JSON snapshots of
//! every kind in both languages, every figure of every format against the
//! summary JSON, reconciliation of shown totals, escaping of user strings
//! (HTML, Markdown) and neutralised spreadsheet formulas (CSV, xlsx).
//!
//! Snapshots are committed under `tests/snapshots/`; a plain `cargo test`
//! compares against them (`INSTA_UPDATE=always cargo test -p
//! carbonbook-report` rewrites them after a deliberate change).

mod extract;
mod fixture;

use carbonbook_core::rounding::RoundingPolicy;
use carbonbook_report::labels::Label;
use carbonbook_report::model::{Cell, RowKind};
use carbonbook_report::rounding::Shown;
use carbonbook_report::{Format, Kind, Lang, Report, ReportError, ReportOptions};
use rust_decimal::Decimal;

fn options(kind: Kind, lang: Lang) -> ReportOptions {
    ReportOptions { lang, source_name: "steel.xlsx".into(), ..ReportOptions::for_kind(kind) }
}

fn text(report: &Report, format: Format) -> String {
    let bytes = carbonbook_report::render(report, format).unwrap();
    String::from_utf8(bytes).unwrap().replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn snapshots_of_every_kind_in_both_languages() {
    let results = fixture::steel_streamed();
    for kind in Kind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let report = carbonbook_report::build(kind, &results, &options(kind, lang)).unwrap();
            let name = format!("{}_{}", kind.key().replace('-', "_"), lang.code());
            insta::assert_snapshot!(format!("{name}_md"), text(&report, Format::Md));
            insta::assert_snapshot!(format!("{name}_json"), text(&report, Format::Json));
        }
    }
}

#[test]
fn a_streamed_run_gives_the_same_reports() {
    let full = fixture::steel();
    assert!(!full.ledger.is_empty());
    let streamed = fixture::steel_streamed();
    for kind in Kind::ALL {
        let o = ReportOptions::for_kind(kind);
        assert_eq!(
            carbonbook_report::build(kind, &full, &o).unwrap(),
            carbonbook_report::build(kind, &streamed, &o).unwrap()
        );
    }
}

/// Every figure of the model is its exact value rounded by the named rule,
/// and equals the summary JSON figure it names; every rounded figure but a
/// rounding difference names one.
fn check_model(report: &Report, summary: &serde_json::Value, shown: Shown) -> usize {
    let mut checked = 0;
    for t in report.tables() {
        for row in &t.rows {
            for cell in &row.cells {
                let Some(f) = cell.figure() else { continue };
                if !f.rounded {
                    assert_eq!(f.shown, f.exact.to_string(), "a published value is shown as published");
                    // A value given in the book (a benchmark) still names its place.
                    if let Some(r) = &f.source {
                        assert_eq!(f.exact, extract::resolve(summary, r), "{}: {:?}", t.caption, r);
                        checked += 1;
                    }
                    continue;
                }
                assert_eq!(f.shown, shown.text(f.exact), "{}: {} is not rounded by the rule", t.caption, f.shown);
                match (&f.source, row.kind) {
                    (Some(r), _) => {
                        let want = extract::resolve(summary, r);
                        assert_eq!(f.exact, want, "{}: {:?}", t.caption, r);
                        checked += 1;
                    }
                    (None, RowKind::Reconciliation) => {}
                    (None, _) => panic!("{}: figure {} has no place in the summary JSON", t.caption, f.shown),
                }
            }
        }
    }
    for c in report.charts() {
        for f in c.series.iter().flat_map(|s| s.values.iter()) {
            let r = f.source.as_ref().unwrap_or_else(|| panic!("chart {} figure without a reference", c.id));
            assert_eq!(f.exact, extract::resolve(summary, r));
            assert_eq!(f.shown, shown.text(f.exact));
            checked += 1;
        }
    }
    checked
}

/// A shown total equals the sum of the shown parts plus the rounding
/// difference line, in every column that has one.
fn check_reconciliations(report: &Report) -> usize {
    let mut n = 0;
    for t in report.tables() {
        let Some(rec) = t.rows.iter().position(|r| r.kind == RowKind::Reconciliation) else { continue };
        let total = &t.rows[rec + 1];
        assert_eq!(total.kind, RowKind::Total, "{}: a rounding difference stands right above the total", t.caption);
        for (c, cell) in t.rows[rec].cells.iter().enumerate() {
            let Some(diff) = cell.figure() else { continue };
            let parts: Decimal = t.rows[..rec]
                .iter()
                .filter_map(|r| r.cells[c].figure())
                .map(|f| f.plain().parse::<Decimal>().unwrap())
                .sum();
            let shown_total: Decimal = total.cells[c].figure().unwrap().plain().parse().unwrap();
            assert_eq!(parts + diff.plain().parse::<Decimal>().unwrap(), shown_total, "{} column {c}", t.caption);
            assert!(t.notes.iter().any(|n| n.contains(&t.columns[c].header())), "{}: a note explains it", t.caption);
            n += 1;
        }
    }
    n
}

#[test]
fn every_figure_in_every_format_equals_the_summary_json() {
    let inventory = fixture::steel_inventory();
    let results = inventory.calculate().unwrap();
    let summary = extract::summary(&results, &inventory.activities);
    let shown = Shown::new(RoundingPolicy::default());
    let mut reconciled = 0;
    for kind in Kind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let report = carbonbook_report::build(kind, &results, &options(kind, lang)).unwrap();
            let what = format!("{kind} {lang}");
            assert!(check_model(&report, &summary, shown) > 5, "{what}: figures checked");
            reconciled += check_reconciliations(&report);
            let category = Label::Category.text(lang);

            // JSON: the model itself.
            let json: serde_json::Value =
                serde_json::from_slice(&carbonbook_report::render(&report, Format::Json).unwrap()).unwrap();
            assert_eq!(json, serde_json::to_value(&report).unwrap(), "{what} json");

            // Markdown and CSV: every cell of every table and chart table.
            let want = extract::rows(&extract::tables(&report, true, category));
            let md = String::from_utf8(carbonbook_report::render(&report, Format::Md).unwrap()).unwrap();
            assert_eq!(extract::md_rows(&md), want, "{what} md");
            let csv = carbonbook_report::render(&report, Format::Csv).unwrap();
            let neutral: Vec<Vec<String>> = extract::tables(&report, true, category)
                .iter()
                .flat_map(|t| t.rows.iter())
                .map(|r| {
                    r.cells
                        .iter()
                        .map(|c| match c {
                            Cell::Text(t) => carbonbook_report::render::csv::neutralise(t).into_owned(),
                            Cell::Figure(f) => f.plain(),
                            other => other.shown().to_owned(),
                        })
                        .collect()
                })
                .collect();
            assert_eq!(extract::csv_rows(&csv), neutral, "{what} csv");

            // HTML: every table cell, figures with their exact value; chart
            // figures in the SVG marks' titles.
            let html = String::from_utf8(carbonbook_report::render(&report, Format::Html).unwrap()).unwrap();
            let tables = extract::tables(&report, false, category);
            let got = extract::html_rows(&html);
            let model_rows: Vec<&carbonbook_report::model::Row> = tables.iter().flat_map(|t| t.rows.iter()).collect();
            assert_eq!(got.len(), model_rows.len(), "{what} html rows");
            for (g, m) in got.iter().zip(&model_rows) {
                assert_eq!(g.len(), m.cells.len());
                for (gc, mc) in g.iter().zip(&m.cells) {
                    assert_eq!(gc.text, mc.shown(), "{what} html cell");
                    if let Cell::Figure(f) = mc {
                        assert_eq!(gc.exact.as_deref(), Some(carbonbook_report::summary_json::dec(f.exact).as_str()));
                    }
                }
            }
            for c in report.charts() {
                for (s, values) in c.series.iter().map(|s| (s, &s.values)) {
                    for (i, f) in values.iter().enumerate() {
                        let title = if c.series.len() == 1
                            && matches!(
                                c.kind,
                                carbonbook_report::model::ChartKind::Pie | carbonbook_report::model::ChartKind::Bar
                            ) {
                            format!("{}: {} {}", c.categories[i], f.shown, c.unit)
                        } else {
                            format!("{}, {}: {} {}", c.categories[i], s.name, f.shown, c.unit)
                        };
                        let title = carbonbook_report::render::html::escape(&title);
                        assert!(html.contains(&format!("<title>{title}</title>")), "{what}: chart {} {title}", c.id);
                    }
                }
            }

            // xlsx: every number, in order, is a figure's shown value.
            let xlsx = carbonbook_report::render(&report, Format::Xlsx).unwrap();
            let numbers = extract::xlsx_numbers(&xlsx);
            let figures: Vec<f64> = extract::tables(&report, true, category)
                .iter()
                .flat_map(|t| t.rows.iter())
                .flat_map(|r| r.cells.iter())
                .filter_map(Cell::figure)
                .map(|f| if f.rounded { f.plain().parse().unwrap() } else { f.exact.to_string().parse().unwrap() })
                .collect();
            assert_eq!(numbers, figures, "{what} xlsx");
        }
    }
    assert!(reconciled > 0, "the fixture exercises at least one rounding difference");
}

#[test]
fn html_escapes_every_user_string() {
    let results = fixture::hostile();
    for kind in Kind::ALL {
        let report = carbonbook_report::build(kind, &results, &ReportOptions::for_kind(kind)).unwrap();
        let html = String::from_utf8(carbonbook_report::render(&report, Format::Html).unwrap()).unwrap();
        assert!(!html.contains("<script"), "{kind}");
        assert!(!html.contains("<img"), "{kind}");
        assert!(
            html.contains(
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Acme &amp; &quot;Sons&quot; &#39;Ltd&#39;"
            )
        );
        // Only the renderer's own elements appear.
        const ALLOWED: [&str; 39] = [
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "header",
            "h1",
            "p",
            "nav",
            "h2",
            "ol",
            "li",
            "a",
            "main",
            "section",
            "dl",
            "dt",
            "dd",
            "figure",
            "table",
            "caption",
            "thead",
            "tr",
            "th",
            "tbody",
            "td",
            "figcaption",
            "svg",
            "path",
            "circle",
            "text",
            "tspan",
            "rect",
            "line",
            "polyline",
            "footer",
            "!DOCTYPE",
            "g",
        ];
        for tag in html.split('<').skip(1) {
            let name: String =
                tag.trim_start_matches('/').chars().take_while(|c| c.is_alphanumeric() || *c == '!').collect();
            assert!(ALLOWED.contains(&name.as_str()), "{kind}: unexpected element <{name}");
        }
    }
}

#[test]
fn markdown_escapes_user_strings() {
    let results = fixture::hostile();
    let report = carbonbook_report::build(Kind::Inventory, &results, &ReportOptions::default()).unwrap();
    let md = String::from_utf8(carbonbook_report::render(&report, Format::Md).unwrap()).unwrap();
    assert!(md.contains(r#"**\<script\>alert("x")\</script\> Acme & "Sons" 'Ltd' \| \*bold\* \[link\](http://x)**"#));
    assert!(md.contains(r"-2+3 \<img src=x onerror=alert(1)\>"));
    assert!(!md.replace("\\<", "").contains('<'), "every < is escaped");
}

#[test]
fn csv_neutralises_formulas() {
    let results = fixture::hostile();
    for kind in Kind::ALL {
        let report = carbonbook_report::build(kind, &results, &ReportOptions::for_kind(kind)).unwrap();
        let csv = carbonbook_report::render(&report, Format::Csv).unwrap();
        let figures: Vec<String> = report.figures().map(|f| f.shown.clone()).collect();
        for (_, fields) in extract::csv_records(&csv) {
            for f in fields {
                let number = f.parse::<Decimal>().is_ok() && figures.contains(&f);
                assert!(number || !f.starts_with(['=', '+', '-', '@', '\t', '\r']), "{kind}: {f}");
            }
        }
        let text = String::from_utf8(csv).unwrap();
        if kind != Kind::Ets {
            assert!(text.contains(r#"'=HYPERLINK(""http://x"",""click"")"#), "{kind}");
        }
    }
    let report = carbonbook_report::build(Kind::Inventory, &results, &ReportOptions::default()).unwrap();
    let text = String::from_utf8(carbonbook_report::render(&report, Format::Csv).unwrap()).unwrap();
    assert!(text.contains("'@SUM(1+1)"));
    assert!(text.contains("'-2+3 <img src=x onerror=alert(1)>"));
    assert!(text.contains("'+cmd"));
}

#[test]
fn xlsx_writes_user_strings_as_text_never_formulas() {
    let results = fixture::hostile();
    let report = carbonbook_report::build(Kind::Inventory, &results, &ReportOptions::default()).unwrap();
    let (strings, formulas) =
        extract::xlsx_strings_and_formulas(&carbonbook_report::render(&report, Format::Xlsx).unwrap());
    assert!(formulas.is_empty(), "{formulas:?}");
    assert!(strings.iter().any(|s| s == fixture::HOSTILE_FACILITY));
    assert!(strings.iter().any(|s| s == fixture::HOSTILE_NAME));
}

#[test]
fn every_report_prints_its_rounding_rule_and_no_timestamp() {
    let results = fixture::steel();
    for kind in Kind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let report = carbonbook_report::build(kind, &results, &options(kind, lang)).unwrap();
            let rule = Shown::new(RoundingPolicy::default()).rule(lang);
            for format in [Format::Md, Format::Html, Format::Csv] {
                let t = text(&report, format);
                assert!(t.contains(&rule), "{kind} {lang} {format}");
            }
            let again = carbonbook_report::render(&report, Format::Xlsx).unwrap();
            assert_eq!(carbonbook_report::render(&report, Format::Xlsx).unwrap(), again, "xlsx is reproducible");
        }
    }
}

#[test]
fn a_policy_with_other_places_rounds_every_figure_by_it() {
    let results = fixture::steel();
    let policy = RoundingPolicy::new(0, carbonbook_core::rounding::RoundingMode::HalfEven);
    let o = ReportOptions { rounding: policy, ..ReportOptions::default() };
    let report = carbonbook_report::build(Kind::Inventory, &results, &o).unwrap();
    assert_eq!(report.rounding.text, "Figures are rounded to 0 decimal places, half to even.");
    for f in report.figures().filter(|f| f.rounded) {
        assert!(!f.shown.contains('.'), "{}", f.shown);
    }
}

#[test]
fn summary_json_has_targets_allocation_detail_and_facility_names() {
    let inventory = fixture::steel_inventory();
    let results = inventory.calculate().unwrap();
    let summary = extract::summary(&results, &inventory.activities);
    let i = &summary["intensity"];
    for key in ["tce_vs_target", "t_co2e_vs_target"] {
        assert!(i[key]["base"].as_str().is_some(), "{key}");
        assert!(i[key]["change_percent"].as_str().is_some(), "{key}");
    }
    assert_eq!(i["tce_vs_target"]["base"], "0.15");
    assert_eq!(summary["facilities"][0]["name"], "Iron works");
    assert_eq!(summary["facilities"][0]["facility_id"], "S1");
    let cn = &summary["trading"][0];
    assert_eq!(cn["allocation"], serde_json::json!({"method": "given"}));
    assert_eq!((cn["price"].as_str(), cn.get("penalty_per_t")), (Some("95"), None));
    let eu = &summary["trading"][1];
    assert_eq!(
        eu["allocation"],
        serde_json::json!({
            "method": "benchmark",
            "benchmark": "0.0208",
            "benchmark_output": "480000",
            "correction_factor": "1"
        })
    );
    assert_eq!((eu["price"].as_str(), eu["penalty_per_t"].as_str()), (Some("68.5"), Some("100")));
    // Without a target the comparison is left out, like the base year's.
    let hostile = fixture::hostile_inventory();
    let s = extract::summary(&hostile.calculate().unwrap(), &hostile.activities);
    assert!(s["intensity"].get("tce_vs_target").is_none() && s["intensity"].get("tce_vs_base_year").is_none());
}

/// Workbook-v2 rows (§3, §4): exported electricity deducted from the total (GB/T 32150), a
/// biomass fraction's CO2 shown as a memo. Every figure of every report still names its place in
/// the summary JSON, the shown totals reconcile, and the deduction is shown.
#[test]
fn exported_energy_and_biogenic_co2_are_shown_and_every_figure_is_in_the_summary() {
    use carbonbook_core::inventory::Activity;
    use carbonbook_core::scope::SourceCategory;
    use carbonbook_core::units::{Quantity, Unit};
    let mut inventory = fixture::steel_inventory();
    let f = inventory.activities[0].facility_id.clone();
    let mut export = Activity::new(
        f.clone(),
        SourceCategory::ExportedElectricity,
        "electricity",
        Quantity::new(Decimal::from(2000), Unit::MegawattHour),
    );
    export.row = Some(90);
    // A fuel of its own, so that its tce is one line's (the totals divide Σ GJ once; the sum of
    // several lines' tce can differ from it in the 28th digit).
    let mut cofired = Activity::new(
        f,
        SourceCategory::StationaryCombustion,
        "lignite",
        Quantity::new(Decimal::from(100), Unit::Tonne),
    );
    cofired.biomass_fraction = Some(Decimal::new(2, 1));
    cofired.row = Some(91);
    inventory.activities.push(export);
    inventory.activities.push(cofired);
    let results = inventory.calculate().unwrap();
    let t = &results.summary.totals;
    assert!(!t.exported_t_co2e.is_zero() && !t.biogenic_co2_t.is_zero());
    assert_eq!(t.total_location_t_co2e().unwrap(), t.scope1_t_co2e + t.scope2_location_t_co2e - t.exported_t_co2e);
    let summary = extract::summary(&results, &inventory.activities);
    let shown = Shown::new(RoundingPolicy::default());
    for kind in [Kind::Inventory, Kind::CnGhg] {
        for lang in [Lang::Zh, Lang::En] {
            let report = carbonbook_report::build(kind, &results, &options(kind, lang)).unwrap();
            assert!(check_model(&report, &summary, shown) > 5);
            check_reconciliations(&report);
            let md = text(&report, Format::Md);
            assert!(md.contains(Label::ScopeExported.text(lang)), "{kind} {lang}");
            assert!(md.contains(Label::TotalNet.text(lang)), "{kind} {lang}");
        }
    }
}

/// PDF with Typst's built-in Latin fonts only (what any machine has): an
/// English report is typeset, the same report gives the same bytes, and a
/// Chinese report is refused with the package to install, never printed
/// with boxes.
#[test]
fn pdf_is_deterministic_and_refuses_chinese_without_a_cjk_font() {
    use carbonbook_report::render::pdf::{Fonts, render_with};
    let fonts = Fonts::built_in();
    assert!(fonts.cjk_families().is_empty());
    let results = fixture::steel();
    let en = carbonbook_report::build(Kind::Inventory, &results, &options(Kind::Inventory, Lang::En)).unwrap();
    match render_with(&en, &fonts) {
        Ok(pdf) => {
            assert!(pdf.starts_with(b"%PDF-"));
            assert_eq!(pdf, render_with(&en, &fonts).unwrap(), "same report, same bytes");
            assert!(!String::from_utf8_lossy(&pdf).contains("/CreationDate"));
        }
        // The fixture's names hold Chinese: refused as the Chinese report is.
        Err(e) => assert!(matches!(e, ReportError::NoCjkFont), "{e}"),
    }
    let zh = carbonbook_report::build(Kind::CnGhg, &results, &options(Kind::CnGhg, Lang::Zh)).unwrap();
    let err = render_with(&zh, &fonts).unwrap_err();
    assert!(matches!(err, ReportError::NoCjkFont));
    assert!(err.to_string().contains("fonts-noto-cjk"), "{err}");
}

/// Every figure of every report kind, in both languages, is in the PDF's
/// text (extracted by poppler's `pdftotext`) as the other formats show it,
/// and the same report gives the same bytes.
#[test]
#[ignore = "needs a CJK font (Debian: fonts-noto-cjk) and pdftotext (poppler-utils); .ci/run installs both"]
fn every_figure_of_every_kind_is_in_the_pdf() {
    let results = fixture::steel();
    let dir = tempfile::tempdir().unwrap();
    for kind in Kind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let report = carbonbook_report::build(kind, &results, &options(kind, lang)).unwrap();
            let pdf = carbonbook_report::render(&report, Format::Pdf).unwrap();
            assert_eq!(pdf, carbonbook_report::render(&report, Format::Pdf).unwrap(), "{kind} {lang}: same bytes");
            let path = dir.path().join(format!("{kind}-{lang}.pdf"));
            std::fs::write(&path, &pdf).unwrap();
            let out = std::process::Command::new("pdftotext")
                .arg("-layout")
                .arg(&path)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap().replace('\u{200B}', "");
            // Every figure of the tables and charts (printed as their data
            // tables) is in the text as shown.
            let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let flat = squeeze(&text);
            let mut checked = 0;
            for f in report.figures() {
                assert!(flat.contains(&squeeze(&f.shown)), "{kind} {lang}: figure {} is not in the PDF text", f.shown);
                checked += 1;
            }
            assert!(checked > 5, "{kind} {lang}: {checked} figures");
            // Typst spaces CJK from Latin and digits; compare without spaces.
            assert!(flat.contains(&squeeze(&report.title)), "{kind} {lang}: title");
            if kind == Kind::CnGhg {
                // GB/T 32150's declaration of truthfulness with its signature block.
                let (declaration, signature) = match lang {
                    Lang::Zh => ("本报告主体郑重声明", "法定代表人（签字）"),
                    Lang::En => ("solemnly declares", "Legal representative (signature)"),
                };
                assert!(flat.contains(&squeeze(declaration)), "{kind} {lang}: declaration");
                assert!(flat.contains(&squeeze(signature)), "{kind} {lang}: signature block");
            }
        }
    }
}
