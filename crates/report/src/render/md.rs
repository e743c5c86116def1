//! Markdown, for review in a repository: headings, facts as a list, tables
//! as GFM tables (figures right-aligned, totals in bold), charts as their
//! data tables, notes as quotations.
//!
//! Text is escaped so that user-supplied strings (names, ids, sources)
//! cannot open a link, an HTML tag or a table column.
//!
//! ```
//! use carbonbook_report::render::md::escape;
//! assert_eq!(escape("<b>A|B</b>"), r"\<b\>A\|B\</b\>");
//! ```

use std::fmt::Write as _;

use crate::labels::Label;
use crate::model::{Align, Block, Report, RowKind, Table};

/// The Markdown text of a report.
pub fn render(report: &Report) -> String {
    let lang = report.language;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report.title));
    let _ = writeln!(out, "**{}**\n", escape(&report.organisation.name));
    let _ = writeln!(out, "{}\n", escape(&report.rounding.text));
    for (n, section) in report.sections.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", n + 1, escape(&section.title));
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => {
                    let _ = writeln!(out, "{}\n", escape(p));
                }
                Block::Facts(facts) => {
                    for f in facts {
                        let _ = writeln!(out, "- **{}:** {}", escape(&f.label), escape(&f.value));
                    }
                    out.push('\n');
                }
                Block::Table(t) => table(&mut out, t, &format!("**{}**", escape(&t.caption)), lang),
                Block::Chart(c) => {
                    let data = c.data_table(Label::Category.text(lang));
                    let caption = format!("*{}*", escape(&Label::ChartData.fill(lang, &[&c.title])));
                    table(&mut out, &data, &caption, lang);
                }
                Block::Note(n) => {
                    let _ = writeln!(out, "> {}\n", escape(n));
                }
            }
        }
    }
    let _ = writeln!(out, "---\n\n{}", escape(&Label::GeneratedBy.fill(lang, &[&report.generator])));
    out
}

fn table(out: &mut String, t: &Table, caption: &str, lang: crate::Lang) {
    let _ = writeln!(out, "{caption}\n");
    let headers: Vec<String> = t.columns.iter().map(|c| escape(&c.header())).collect();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let rules: Vec<&str> = t.columns.iter().map(|c| if c.align == Align::Right { "---:" } else { "---" }).collect();
    let _ = writeln!(out, "|{}|", rules.join("|"));
    for row in &t.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                let text = escape(c.shown());
                if row.kind == RowKind::Total && !text.is_empty() { format!("**{text}**") } else { text }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    if !t.notes.is_empty() {
        let _ = writeln!(out, "{}:\n", Label::Notes.text(lang));
        for (i, n) in t.notes.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, escape(n));
        }
        out.push('\n');
    }
}

/// Escapes text for Markdown: backslash-escapes the characters that open
/// emphasis, code, links, HTML or table columns, and turns line breaks
/// into spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}
