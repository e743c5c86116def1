//! One self-contained HTML file: inline CSS, inline SVG charts
//! ([`svg`]), no scripts, no external resources.
//!
//! On screen it reads as a document with a table of contents; printed
//! (to paper or PDF) it is laid out for A4: a title block, sections that
//! start on the page where the previous one ends, table headers repeated
//! on every page, rows and charts never split, and the wide factor and
//! activity tables on landscape pages. Every figure cell carries its exact
//! value in `data-exact` and in a tooltip.
//!
//! Every string that comes from the user (organisation name, facility ids,
//! activity keys, sources, warnings) is escaped ([`escape`]).
//!
//! ```
//! use carbonbook_report::render::html::escape;
//! assert_eq!(escape(r#"<script>Acme & "Sons"</script>"#),
//!            "&lt;script&gt;Acme &amp; &quot;Sons&quot;&lt;/script&gt;");
//! ```

use std::fmt::Write as _;

use crate::labels::Label;
use crate::model::{Align, Block, Cell, Report, RowKind, Table};
use crate::render::svg;

/// The stylesheet: screen and print.
const CSS: &str = r#"
:root { --ink: #1d2327; --muted: #5f6b73; --rule: #c9d1d6; --band: #f3f6f7; --accent: #1f6f5c; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; color: var(--ink); font-size: 14px; line-height: 1.5; }
body { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
header.title { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 16px; }
header.title h1 { font-size: 26px; margin: 0 0 4px; }
header.title .entity { font-size: 18px; font-weight: 600; margin: 0; }
header.title .meta { color: var(--muted); margin: 4px 0 0; }
nav.toc { background: var(--band); padding: 8px 16px; margin-bottom: 24px; }
nav.toc h2 { font-size: 15px; margin: 4px 0; border: 0; }
nav.toc ol { margin: 0; padding-left: 22px; columns: 2; }
nav.toc a { color: var(--ink); text-decoration: none; }
h2 { font-size: 19px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin: 28px 0 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 12px; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
figure { margin: 12px 0 20px; }
figure.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; vertical-align: top; }
th { background: var(--band); text-align: left; font-weight: 600; border-bottom: 2px solid var(--ink); }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
th:first-child, td:first-child { min-width: 7em; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: 2px solid var(--ink); }
tr.reconciliation td { font-style: italic; color: var(--muted); }
ol.notes { font-size: 12px; color: var(--muted); margin: 6px 0 0; padding-left: 20px; }
p.note { border-left: 3px solid #d9952b; background: #fdf6ea; padding: 4px 10px; margin: 6px 0; }
figure.chart { max-width: 720px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; font-size: 12px; }
svg.chart .muted { fill: var(--muted); font-size: 11px; }
svg.chart .value { font-variant-numeric: tabular-nums; }
svg.chart .inside { fill: #fff; font-size: 11px; }
footer { margin-top: 32px; border-top: 1px solid var(--rule); padding-top: 8px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@page wide { size: A4 landscape; margin: 14mm 14mm 16mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  nav.toc { break-after: page; background: none; }
  nav.toc ol { columns: 1; }
  h2 { break-after: avoid-page; }
  section.wide { page: wide; }
  figure.table { overflow: visible; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, figure.chart, dl.facts, p.note { break-inside: avoid; }
  caption { break-after: avoid-page; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Sections printed on landscape pages (wide tables).
const WIDE: [&str; 4] = ["factors", "activity_data", "activity_factors", "combustion"];

/// The HTML text of a report.
pub fn render(report: &Report) -> String {
    let lang = report.language;
    let o = &report.organisation;
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{}\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        lang.tag(),
        escape(&report.generator),
        escape(&report.title),
        escape(&o.name)
    );
    let _ = write!(
        out,
        "<header class=\"title\">\n<h1>{}</h1>\n<p class=\"entity\">{}</p>\n<p class=\"meta\">{}</p>\n</header>\n",
        escape(&report.title),
        escape(&o.name),
        escape(&report.rounding.text)
    );
    let _ = write!(out, "<nav class=\"toc\">\n<h2>{}</h2>\n<ol>\n", escape(Label::Contents.text(lang)));
    for s in &report.sections {
        let _ = writeln!(out, "<li><a href=\"#{}\">{}</a></li>", s.id, escape(&s.title));
    }
    out.push_str("</ol>\n</nav>\n<main>\n");
    let mut tables = 0usize;
    for (n, s) in report.sections.iter().enumerate() {
        let class = if WIDE.contains(&s.id) { " class=\"wide\"" } else { "" };
        let _ = write!(out, "<section id=\"{}\"{class}>\n<h2>{}. {}</h2>\n", s.id, n + 1, escape(&s.title));
        for block in &s.blocks {
            match block {
                Block::Paragraph(p) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(p));
                }
                Block::Facts(facts) => {
                    out.push_str("<dl class=\"facts\">\n");
                    for f in facts {
                        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(&f.label), escape(&f.value));
                    }
                    out.push_str("</dl>\n");
                }
                Block::Table(t) => {
                    tables += 1;
                    table(&mut out, t, tables);
                }
                Block::Chart(c) => {
                    let _ = write!(
                        out,
                        "<figure class=\"chart\" id=\"chart-{}\">\n<figcaption>{}</figcaption>\n{}\n</figure>\n",
                        c.id,
                        escape(&c.title),
                        svg::chart(c)
                    );
                }
                Block::Note(n) => {
                    let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(n));
                }
            }
        }
        out.push_str("</section>\n");
    }
    let mut footer = Label::GeneratedBy.fill(lang, &[&report.generator]);
    if !o.source_name.is_empty() {
        footer.push_str(" · ");
        footer.push_str(&o.source_name);
    }
    let _ = write!(out, "</main>\n<footer>{}</footer>\n</body>\n</html>\n", escape(&footer));
    out
}

fn table(out: &mut String, t: &Table, n: usize) {
    let _ = write!(
        out,
        "<figure class=\"table\" id=\"table-{n}-{}\">\n<table>\n<caption>{}</caption>\n<thead><tr>",
        t.id,
        escape(&t.caption)
    );
    for c in &t.columns {
        let class = if c.align == Align::Right { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th{class}>{}</th>", escape(&c.header()));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        let class = match row.kind {
            RowKind::Data => "data",
            RowKind::Reconciliation => "reconciliation",
            RowKind::Total => "total",
        };
        let _ = write!(out, "<tr class=\"{class}\">");
        for (i, cell) in row.cells.iter().enumerate() {
            let right = t.columns.get(i).is_some_and(|c| c.align == Align::Right);
            match cell {
                Cell::Figure(f) => {
                    let exact = crate::summary_json::dec(f.exact);
                    let _ = write!(
                        out,
                        "<td class=\"num\" data-exact=\"{exact}\" title=\"{exact}\">{}</td>",
                        escape(&f.shown)
                    );
                }
                Cell::Text(text) => {
                    let class = if right { " class=\"num text\"" } else { "" };
                    let _ = write!(out, "<td{class}>{}</td>", escape(text));
                }
                Cell::Empty => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if !t.notes.is_empty() {
        out.push_str("<ol class=\"notes\">\n");
        for note in &t.notes {
            let _ = writeln!(out, "<li>{}</li>", escape(note));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</figure>\n");
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}
