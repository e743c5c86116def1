//! An Excel workbook of a report: one sheet per section, tables formatted
//! (bold headers on a band, totals ruled, figures right-aligned with the
//! report's decimal places), charts drawn by Excel beside their data, and
//! A4 landscape print settings.
//!
//! Figures are written as numbers: a rounded figure as its shown value
//! (the double nearest to it), a published factor as its value. Text is
//! always written as text, never as a formula. The book's creation time
//! is fixed, so the same report gives the same bytes.
//!
//! ```
//! use carbonbook_core::inventory::{Facility, Inventory, Organisation};
//! use carbonbook_report::{Format, Kind, ReportOptions};
//! let mut inv = Inventory::new(Organisation::new("Example Co.", 2024));
//! inv.facilities.push(Facility::new("F1"));
//! let report = carbonbook_report::build(Kind::Energy, &inv.calculate()?, &ReportOptions::default())?;
//! let bytes = carbonbook_report::render(&report, Format::Xlsx)?;
//! assert_eq!(&bytes[..2], b"PK"); // a zip container
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatBorder, RowNum, Workbook,
    Worksheet,
};

use crate::labels::Label;
use crate::model::{Align, Block, Cell, ChartKind, Report, RowKind, Table};
use crate::render::ReportError;

/// Rows a chart takes (288 px at the default row height, plus a gap).
const CHART_ROWS: RowNum = 17;

struct Formats {
    title: Format,
    heading: Format,
    caption: Format,
    header: Format,
    header_num: Format,
    text: Format,
    number: Format,
    published: Format,
    total_text: Format,
    total_number: Format,
    reconciliation: Format,
    note: Format,
    label: Format,
}

impl Formats {
    fn new(decimal_places: u32) -> Formats {
        let places =
            if decimal_places == 0 { "0".to_owned() } else { format!("0.{}", "0".repeat(decimal_places as usize)) };
        let band = Color::RGB(0xE8EEF0);
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            heading: Format::new().set_bold().set_font_size(13).set_font_color(Color::RGB(0x1F6F5C)),
            caption: Format::new().set_bold(),
            header: Format::new().set_bold().set_background_color(band).set_border_bottom(FormatBorder::Medium),
            header_num: Format::new()
                .set_bold()
                .set_background_color(band)
                .set_border_bottom(FormatBorder::Medium)
                .set_align(rust_xlsxwriter::FormatAlign::Right),
            text: Format::new(),
            number: Format::new().set_num_format(&places),
            published: Format::new().set_num_format("General"),
            total_text: Format::new()
                .set_bold()
                .set_border_top(FormatBorder::Thin)
                .set_border_bottom(FormatBorder::Double),
            total_number: Format::new()
                .set_bold()
                .set_num_format(&places)
                .set_border_top(FormatBorder::Thin)
                .set_border_bottom(FormatBorder::Double),
            reconciliation: Format::new().set_italic().set_num_format(&places).set_font_color(Color::RGB(0x5F6B73)),
            note: Format::new().set_italic().set_font_color(Color::RGB(0x5F6B73)),
            label: Format::new().set_bold().set_font_color(Color::RGB(0x5F6B73)),
        }
    }
}

/// The workbook bytes of a report.
///
/// # Errors
///
/// [`ReportError::Xlsx`] if the workbook cannot be assembled.
pub fn render(report: &Report) -> Result<Vec<u8>, ReportError> {
    let lang = report.language;
    let fmt = Formats::new(report.rounding.decimal_places);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&report.title)
            .set_subject(&report.organisation.name)
            .set_author("carbonbook")
            .set_comment(&report.generator)
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let mut names: Vec<String> = Vec::new();
    for (n, section) in report.sections.iter().enumerate() {
        let name = sheet_name(&format!("{} {}", n + 1, section.title), &names);
        names.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
        sheet.set_column_width(0, 34)?;
        for c in 1..12u16 {
            sheet.set_column_width(c, 16)?;
        }
        let mut row: RowNum = 0;
        if n == 0 {
            sheet.write_string_with_format(row, 0, &report.title, &fmt.title)?;
            sheet.write_string_with_format(row + 1, 0, &report.organisation.name, &fmt.caption)?;
            sheet.write_string_with_format(row + 2, 0, &report.rounding.text, &fmt.note)?;
            sheet.write_string_with_format(
                row + 3,
                0,
                Label::GeneratedBy.fill(lang, &[&report.generator]),
                &fmt.note,
            )?;
            row += 5;
        }
        sheet.write_string_with_format(row, 0, format!("{}. {}", n + 1, section.title), &fmt.heading)?;
        row += 2;
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => {
                    sheet.write_string_with_format(row, 0, p, &fmt.text)?;
                    row += 2;
                }
                Block::Note(p) => {
                    sheet.write_string_with_format(row, 0, p, &fmt.note)?;
                    row += 1;
                }
                Block::Facts(facts) => {
                    for f in facts {
                        sheet.write_string_with_format(row, 0, &f.label, &fmt.label)?;
                        sheet.write_string_with_format(row, 1, &f.value, &fmt.text)?;
                        row += 1;
                    }
                    row += 1;
                }
                Block::Table(t) => {
                    row = table(sheet, &fmt, t, row)?;
                }
                Block::Chart(c) => {
                    let caption = Label::ChartData.fill(lang, &[&c.title]);
                    let data = c.data_table(Label::Category.text(lang));
                    let mut shown = data.clone();
                    shown.caption = caption;
                    let top = row;
                    let end = table(sheet, &fmt, &shown, row)?;
                    let first = top + 2;
                    let last = first + c.categories.len().saturating_sub(1) as RowNum;
                    if !c.categories.is_empty() {
                        let chart = chart(c, &name, first, last);
                        let col = (data.columns.len() + 1) as u16;
                        sheet.insert_chart(top, col, &chart)?;
                    }
                    row = end.max(top + CHART_ROWS);
                }
            }
        }
    }
    Ok(book.save_to_buffer()?)
}

/// Writes a table from `row`; returns the row after it (and a gap).
fn table(sheet: &mut Worksheet, fmt: &Formats, t: &Table, mut row: RowNum) -> Result<RowNum, ReportError> {
    sheet.write_string_with_format(row, 0, &t.caption, &fmt.caption)?;
    row += 1;
    for (c, col) in t.columns.iter().enumerate() {
        let f = if col.align == Align::Right { &fmt.header_num } else { &fmt.header };
        sheet.write_string_with_format(row, c as u16, col.header(), f)?;
    }
    row += 1;
    for r in &t.rows {
        for (c, cell) in r.cells.iter().enumerate() {
            let c = c as u16;
            match (cell, r.kind) {
                (Cell::Empty, RowKind::Total) => {
                    sheet.write_blank(row, c, &fmt.total_text)?;
                }
                (Cell::Empty, _) => {}
                (Cell::Text(text), RowKind::Total) => {
                    sheet.write_string_with_format(row, c, text, &fmt.total_text)?;
                }
                (Cell::Text(text), RowKind::Reconciliation) => {
                    sheet.write_string_with_format(row, c, text, &fmt.note)?;
                }
                (Cell::Text(text), RowKind::Data) => {
                    sheet.write_string_with_format(row, c, text, &fmt.text)?;
                }
                (Cell::Figure(f), kind) => {
                    let number = if f.rounded { f.plain().parse::<f64>() } else { f.exact.to_string().parse::<f64>() };
                    let format = match (kind, f.rounded) {
                        (_, false) => &fmt.published,
                        (RowKind::Total, true) => &fmt.total_number,
                        (RowKind::Reconciliation, true) => &fmt.reconciliation,
                        (RowKind::Data, true) => &fmt.number,
                    };
                    match number {
                        Ok(v) => sheet.write_number_with_format(row, c, v, format)?,
                        Err(_) => sheet.write_string_with_format(row, c, &f.shown, format)?,
                    };
                }
            }
        }
        row += 1;
    }
    for note in &t.notes {
        sheet.write_string_with_format(row, 0, note, &fmt.note)?;
        row += 1;
    }
    Ok(row + 1)
}

fn chart(c: &crate::model::Chart, sheet: &str, first: RowNum, last: RowNum) -> Chart {
    let kind = match c.kind {
        ChartKind::Pie => ChartType::Doughnut,
        ChartKind::Bar => ChartType::Bar,
        ChartKind::StackedColumn => ChartType::ColumnStacked,
        ChartKind::Line => ChartType::Line,
    };
    let mut chart = Chart::new(kind);
    chart.title().set_name(&c.title);
    for (k, s) in c.series.iter().enumerate() {
        let col = (k + 1) as u16;
        chart
            .add_series()
            .set_name(&s.name)
            .set_categories((sheet, first, 0, last, 0))
            .set_values((sheet, first, col, last, col));
    }
    match c.kind {
        ChartKind::Pie => {
            chart.legend().set_position(ChartLegendPosition::Right);
        }
        ChartKind::Bar => {
            chart.legend().set_hidden();
            chart.y_axis().set_name(&c.unit);
            chart.x_axis().set_reverse();
        }
        ChartKind::StackedColumn | ChartKind::Line => {
            chart.y_axis().set_name(&c.unit);
            chart.legend().set_position(ChartLegendPosition::Bottom);
        }
    }
    chart
}

/// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`,
/// not starting or ending with `'`.
fn sheet_name(title: &str, taken: &[String]) -> String {
    let clean: String =
        title.chars().map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { ' ' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'').to_owned();
    let base: String = clean.chars().take(31).collect();
    let base = base.trim_end().to_owned();
    if !taken.iter().any(|t| t.eq_ignore_ascii_case(&base)) {
        return base;
    }
    for n in 2.. {
        let suffix = format!(" ({n})");
        let stem: String = base.chars().take(31 - suffix.chars().count()).collect();
        let name = format!("{}{suffix}", stem.trim_end());
        if !taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            return name;
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "1 Scope 2: location-based and market-based";
        let a = sheet_name(long, &[]);
        assert_eq!(a, "1 Scope 2  location-based and m");
        assert!(a.chars().count() <= 31);
        let b = sheet_name(long, std::slice::from_ref(&a));
        assert_eq!(b, "1 Scope 2  location-based a (2)");
        assert_eq!(sheet_name("'x/y'", &[]), "x y");
    }
}
