//! What to build and how: report kind, language, file format and options.
//!
//! Each is parsed once from the command line with [`str::parse`]; an
//! unknown spelling is an error that lists the accepted ones.
//!
//! ```
//! use carbonbook_report::{Format, Kind, Lang};
//! assert_eq!("cn-ghg".parse::<Kind>()?, Kind::CnGhg);
//! assert_eq!(Kind::CnGhg.default_lang(), Lang::Zh);
//! assert_eq!("EN".parse::<Lang>()?, Lang::En);
//! assert_eq!("xlsx".parse::<Format>()?.extension(), "xlsx");
//! assert!("word".parse::<Format>().is_err());
//! # Ok::<(), carbonbook_report::ParseError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use carbonbook_core::rounding::RoundingPolicy;
use serde::Serialize;

/// The kind of report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A corporate GHG inventory in the shape of the GHG Protocol Corporate
    /// Standard and ISO 14064-1 (`inventory`).
    Inventory,
    /// The enterprise GHG emission report laid out as GB/T 32150 asks
    /// (`cn-ghg`); Chinese by default.
    CnGhg,
    /// Energy use and intensity per GB/T 2589 (`energy`).
    Energy,
    /// A compliance statement per scheme, facility and year (`ets`).
    Ets,
    /// EU CBAM: the installation's communication to importers and the
    /// importer's summary (`cbam`).
    Cbam,
    /// Financed emissions by PCAF and the environmental benefits of green
    /// loans (`finance`).
    Finance,
}

impl Kind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [Kind; 6] = [Kind::Inventory, Kind::CnGhg, Kind::Energy, Kind::Ets, Kind::Cbam, Kind::Finance];

    /// The command-line spelling: `inventory`, `cn-ghg`, `energy`, `ets`, `cbam`, `finance`.
    pub const fn key(self) -> &'static str {
        match self {
            Kind::Inventory => "inventory",
            Kind::CnGhg => "cn-ghg",
            Kind::Energy => "energy",
            Kind::Ets => "ets",
            Kind::Cbam => "cbam",
            Kind::Finance => "finance",
        }
    }

    /// The language a report of this kind is written in unless asked
    /// otherwise: Chinese for `cn-ghg`, English for the others.
    pub const fn default_lang(self) -> Lang {
        match self {
            Kind::CnGhg => Lang::Zh,
            _ => Lang::En,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Kind {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace('_', "-");
        Kind::ALL.into_iter().find(|k| k.key() == t).ok_or_else(|| ParseError {
            what: "report kind",
            found: s.to_owned(),
            accepted: "inventory, cn-ghg, energy, ets, cbam",
        })
    }
}

/// The language of a report's labels and sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Simplified Chinese (`zh`).
    Zh,
    /// English (`en`).
    En,
}

impl Lang {
    /// `zh` or `en`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for documents (`zh-CN`, `en`).
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "cn" | "中文" => Ok(Lang::Zh),
            "en" | "en-gb" | "en-us" | "english" => Ok(Lang::En),
            _ => Err(ParseError { what: "language", found: s.to_owned(), accepted: "zh, en" }),
        }
    }
}

/// The file format a report is rendered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One self-contained HTML file (inline CSS and SVG charts), laid out
    /// for printing to PDF.
    Html,
    /// PDF, typeset in process (see [`render::pdf`](crate::render::pdf)).
    Pdf,
    /// Markdown, for review in a repository.
    Md,
    /// The report model as JSON (`carbonbook.report.v1`).
    Json,
    /// The tables as CSV, with formula-like text neutralised.
    Csv,
    /// An Excel workbook, formatted, with charts.
    Xlsx,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [Format::Html, Format::Pdf, Format::Md, Format::Json, Format::Csv, Format::Xlsx];

    /// The file extension (without the dot), also the command-line spelling.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Md => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The media type of the file.
    pub const fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Pdf => "application/pdf",
            Format::Md => "text/markdown; charset=utf-8",
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().trim_start_matches('.').to_ascii_lowercase();
        let t = match t.as_str() {
            "htm" => "html",
            "markdown" => "md",
            other => other,
        };
        Format::ALL.into_iter().find(|f| f.extension() == t).ok_or_else(|| ParseError {
            what: "format",
            found: s.to_owned(),
            accepted: "html, pdf, md, json, csv, xlsx",
        })
    }
}

/// Text that names no kind, language or format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{found}\"; accepted: {accepted}")]
pub struct ParseError {
    /// What was being parsed (`report kind`, `language`, `format`).
    pub what: &'static str,
    /// The text found.
    pub found: String,
    /// The accepted spellings, comma-separated.
    pub accepted: &'static str,
}

/// How a report is built.
///
/// ```
/// use carbonbook_report::{Kind, ReportOptions};
/// let o = ReportOptions::for_kind(Kind::CnGhg);
/// assert_eq!(o.lang.code(), "zh");
/// assert_eq!(o.rounding.decimal_places, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The language of labels and sentences.
    pub lang: Lang,
    /// The one rule every shown figure is rounded by; printed in the report.
    pub rounding: RoundingPolicy,
    /// The name of the book the results come from (a file name), printed
    /// in the report; may be empty.
    pub source_name: String,
    /// The run's warnings as the caller placed them (on their cells:
    /// `Activities!E5: …`), the reader's and the engine's; when given, they
    /// are listed in place of the results' own, each once. Empty: the
    /// results' own warnings are listed.
    pub warnings: Vec<String>,
}

impl ReportOptions {
    /// The defaults for a kind: its default language, two decimal places
    /// half away from zero, no source name, no extra warnings.
    pub fn for_kind(kind: Kind) -> ReportOptions {
        ReportOptions {
            lang: kind.default_lang(),
            rounding: RoundingPolicy::default(),
            source_name: String::new(),
            warnings: Vec::new(),
        }
    }
}

impl Default for ReportOptions {
    /// English, two decimal places half away from zero.
    fn default() -> Self {
        ReportOptions::for_kind(Kind::Inventory)
    }
}
