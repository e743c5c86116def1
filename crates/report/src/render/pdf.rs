//! PDF, typeset in process by [Typst](https://typst.app) used as a library:
//! its compiler lays the report out (A4, tables that break between rows
//! with their header repeated on every page, page numbers, Chinese line
//! breaking) and its PDF exporter embeds and subsets the fonts.
//!
//! The report is turned into Typst *code*, never markup: every text of the
//! report (user-supplied names included) is a Typst string literal, so no
//! character of it can open markup, a function call or a file.
//!
//! Fonts: Typst's own Latin fonts (Libertinus Serif, New Computer Modern)
//! are built in; Chinese needs a CJK font found among the installed fonts
//! or in a folder given with [`Fonts::with_dirs`]. A report with Chinese
//! text and no CJK font is refused ([`ReportError::NoCjkFont`]) rather than
//! printed with boxes.
//!
//! The same report gives the same bytes: no creation date is written and
//! the document id is derived from the title.
//!
//! ```no_run
//! use carbonbook_core::inventory::{Inventory, Organisation};
//! use carbonbook_report::{Format, Kind, ReportOptions};
//! let results = Inventory::new(Organisation::new("Example Co.", 2024)).calculate()?;
//! let report = carbonbook_report::build(Kind::Inventory, &results, &ReportOptions::default())?;
//! let pdf = carbonbook_report::render(&report, Format::Pdf)?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::labels::Label;
use crate::model::{Align, Block, Report, RowKind, Table};
use crate::render::ReportError;

/// The fonts a PDF may use: Typst's built-in Latin fonts, the installed
/// fonts, and any folders given.
pub struct Fonts {
    store: FontStore,
    /// The families that cover Chinese, best first.
    cjk: Vec<String>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").field("cjk", &self.cjk).finish_non_exhaustive()
    }
}

/// The installed fonts, found once per process.
static SYSTEM: LazyLock<Fonts> = LazyLock::new(|| Fonts::with_dirs(&[]));

impl Fonts {
    /// The built-in and installed fonts, and those under `dirs` (searched
    /// recursively).
    pub fn with_dirs(dirs: &[PathBuf]) -> Fonts {
        let mut store = FontStore::new();
        for dir in dirs {
            store.extend(typst_kit::fonts::scan(dir));
        }
        store.extend(typst_kit::fonts::system());
        store.extend(typst_kit::fonts::embedded());
        Fonts::from_store(store)
    }

    /// Only the fonts built into Typst (Latin): what a machine without any
    /// installed font has.
    pub fn built_in() -> Fonts {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::embedded());
        Fonts::from_store(store)
    }

    fn from_store(store: FontStore) -> Fonts {
        let book = store.book();
        let mut cjk: Vec<String> = Vec::new();
        for (family, ids) in book.families() {
            let covers = |i: usize| {
                book.info(i)
                    .is_some_and(|f| f.coverage.contains(u32::from('中')) && f.coverage.contains(u32::from('碳')))
            };
            if ids.into_iter().any(covers) {
                cjk.push(family.to_owned());
            }
        }
        // Simplified Chinese faces first (Noto/Source Han "SC"), serif
        // before sans, then the rest in name order, so the choice does not
        // depend on the order the system lists its fonts.
        let rank = |f: &str| {
            let f = f.to_ascii_lowercase();
            let sc = f.contains(" sc") || f.ends_with("sc") || f.contains("cn");
            (!sc, !f.contains("serif") && !f.contains("song") && !f.contains("ming"), f)
        };
        cjk.sort_by_key(|f| rank(f));
        Fonts { store, cjk }
    }

    /// The families found that cover Chinese, best first.
    pub fn cjk_families(&self) -> &[String] {
        &self.cjk
    }
}

/// The PDF of a report, with the installed fonts.
///
/// # Errors
///
/// [`ReportError::NoCjkFont`] when the report holds Chinese text and no
/// installed font covers it; [`ReportError::Pdf`] if typesetting fails.
pub fn render(report: &Report) -> Result<Vec<u8>, ReportError> {
    render_with(report, &SYSTEM)
}

/// The PDF of a report, with the given fonts.
///
/// # Errors
///
/// As [`render`].
pub fn render_with(report: &Report, fonts: &Fonts) -> Result<Vec<u8>, ReportError> {
    // The source holds every text of the report as written.
    let source = typst_source(report, fonts);
    if (report.language == crate::Lang::Zh || has_cjk(&source)) && fonts.cjk.is_empty() {
        return Err(ReportError::NoCjkFont);
    }
    let world = ReportWorld::new(source, fonts);
    let document: PagedDocument = typst::compile(&world).output.map_err(|e| typeset_error(&e))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(format!("carbonbook {:?} {}", report.kind, report.title)),
        creator: Smart::Custom(Some(report.generator.clone())),
        timestamp: None,
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|e| typeset_error(&e))
}

/// Typst's diagnostics as one error.
fn typeset_error(diagnostics: &[typst::diag::SourceDiagnostic]) -> ReportError {
    ReportError::Pdf(diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; "))
}

/// Whether a text holds CJK ideographs or punctuation.
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}'))
}

/// A Typst string literal of `text`.
///
/// ```
/// use carbonbook_report::render::pdf::literal;
/// assert_eq!(literal("a \"b\" \\ #c\n"), r#""a \"b\" \\ #c\n""#);
/// ```
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The report as Typst code.
fn typst_source(report: &Report, fonts: &Fonts) -> String {
    let lang = report.language;
    let mut fonts_list = vec![literal("Libertinus Serif"), literal("New Computer Modern")];
    fonts_list.extend(fonts.cjk.iter().take(2).map(|f| literal(f)));
    let (tlang, region) = match lang {
        crate::Lang::Zh => ("zh", "cn"),
        crate::Lang::En => ("en", "gb"),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#set document(title: {}, author: {}, date: none)",
        literal(&report.title),
        literal(&report.generator)
    );
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: (x: 1.6cm, y: 2cm), numbering: \"1 / 1\", header: align(right, text(size: 7pt, {})))",
        literal(&format!("{} · {}", report.organisation.name, report.title))
    );
    let _ = writeln!(
        out,
        "#set text(font: ({},), size: 9pt, lang: \"{tlang}\", region: \"{region}\")",
        fonts_list.join(", ")
    );
    let _ = writeln!(out, "#set par(justify: false)");
    let _ = writeln!(out, "#set table(stroke: 0.4pt + luma(160), inset: 4pt)");
    let _ = writeln!(out, "#show table.cell.where(y: 0): set text(weight: \"bold\")");
    let _ = writeln!(out, "#text(size: 16pt, weight: \"bold\", {})", literal(&report.title));
    let _ = writeln!(out, "#parbreak()");
    let _ = writeln!(out, "#strong({})", literal(&report.organisation.name));
    let _ = writeln!(out, "#parbreak()");
    let _ = writeln!(out, "#emph({})", literal(&report.rounding.text));
    for (n, section) in report.sections.iter().enumerate() {
        let _ = writeln!(out, "#heading(level: 1, {})", literal(&format!("{}. {}", n + 1, section.title)));
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => {
                    let _ = writeln!(out, "#par({})", literal(p));
                }
                Block::Facts(facts) => {
                    let _ = write!(out, "#table(columns: (auto, 1fr), stroke: none, inset: 2pt");
                    for f in facts {
                        let _ = write!(out, ", strong({}), {}", literal(&f.label), literal(&f.value));
                    }
                    out.push_str(")\n");
                }
                Block::Table(t) => table(&mut out, t, &t.caption, lang),
                Block::Chart(c) => {
                    let data = c.data_table(Label::Category.text(lang));
                    table(&mut out, &data, &Label::ChartData.fill(lang, &[&c.title]), lang);
                }
                Block::Note(n) => {
                    let _ = writeln!(out, "#block(fill: luma(240), inset: 6pt, width: 100%, {})", literal(n));
                }
            }
        }
    }
    let _ =
        writeln!(out, "#v(1em)\n#text(size: 7pt, {})", literal(&Label::GeneratedBy.fill(lang, &[&report.generator])));
    out
}

/// A table: its caption, a header repeated on every page, rows that never
/// break across pages, totals in bold, then its notes.
fn table(out: &mut String, t: &Table, caption: &str, lang: crate::Lang) {
    // The caption stays on the page of the table's first rows.
    let _ = writeln!(out, "#block(sticky: true, above: 1em, below: 0.4em, strong({}))", literal(caption));
    let n = t.columns.len().max(1);
    let aligns: Vec<&str> = t.columns.iter().map(|c| if c.align == Align::Right { "right" } else { "left" }).collect();
    let _ = write!(
        out,
        "#table(columns: {n}, align: ({},), table.header(repeat: true, {})",
        if aligns.is_empty() { "left".to_owned() } else { aligns.join(", ") },
        t.columns.iter().map(|c| literal(&c.header())).collect::<Vec<_>>().join(", ")
    );
    for row in &t.rows {
        for i in 0..n {
            let cell = row.cells.get(i);
            let text = cell.map(|c| c.shown()).unwrap_or("");
            // A figure is never broken across lines; keys such as
            // `bituminous_coal` may break after their underscores rather
            // than overflow a narrow column.
            let body = if cell.and_then(|c| c.figure()).is_some() {
                format!("box({})", literal(text))
            } else {
                literal(&breakable(text))
            };
            if row.kind == RowKind::Total && !text.is_empty() {
                let _ = write!(out, ", strong({body})");
            } else {
                let _ = write!(out, ", {body}");
            }
        }
    }
    out.push_str(")\n");
    if !t.notes.is_empty() {
        let _ = writeln!(out, "#text(size: 8pt, {})", literal(&format!("{}:", Label::Notes.text(lang))));
        let _ = write!(out, "#enum(");
        for (i, note) in t.notes.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "text(size: 8pt, {})", literal(note));
        }
        out.push_str(")\n");
    }
}

/// `text` with a zero-width break opportunity after each underscore.
fn breakable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['_', '.']) {
        return text.into();
    }
    // After an underscore, and after a dot that a letter follows (factor ids
    // such as `cn.fuel.diesel.ncv`), never inside a number (`19.570`).
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let next_is_letter = chars.peek().is_some_and(|n| n.is_alphabetic());
        if c == '_' || (c == '.' && next_is_letter) {
            out.push('\u{200B}');
        }
    }
    out.into()
}

/// The one-file world a report is compiled in: no file, no package, no
/// clock.
struct ReportWorld<'f> {
    library: LazyHash<Library>,
    fonts: &'f Fonts,
    main: FileId,
    source: Source,
}

impl<'f> ReportWorld<'f> {
    fn new(text: String, fonts: &'f Fonts) -> ReportWorld<'f> {
        let path = VirtualPath::new("report.typ").expect("a valid virtual path");
        let main = RootedPath::new(VirtualRoot::Project, path).intern();
        ReportWorld { library: LazyHash::new(Library::default()), fonts, main, source: Source::new(main, text) }
    }
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main { Ok(self.source.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_seen() {
        assert!(has_cjk("二氧化碳"));
        assert!(has_cjk("（"));
        assert!(!has_cjk("CO2e, t"));
    }

    #[test]
    fn literals_cannot_escape() {
        let l = literal("\"); #read(\"/etc/passwd\") //");
        assert!(l.starts_with('"') && l.ends_with('"'));
        assert_eq!(l.matches('"').count() - l.matches("\\\"").count(), 2);
    }
}
