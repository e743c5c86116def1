//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// carbonbook: greenhouse-gas inventories, energy in standard coal and
/// carbon-trading positions from Excel workbooks, with exact decimals.
///
/// Start with `carbonbook template book.xlsx`, fill in the sheets
/// (Organisation, Facilities, Activities, Production, Factors, Trading),
/// check it with `carbonbook validate book.xlsx`, then compute with
/// `carbonbook calc book.xlsx -o results.xlsx` or `--format json`.
///
/// Workbooks in their own layout: `carbonbook inspect their.xlsx` shows
/// their tables; a mapping profile (docs/profile-v1.md) then turns them
/// into a carbonbook workbook (`carbonbook convert their.xlsx --profile
/// p.toml -o book.xlsx`) or feeds them straight to `calc --profile p.toml`.
#[derive(Debug, Parser)]
#[command(name = "carbonbook", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a blank workbook with instructions (中文/English), drop-down lists and formats.
    Template {
        /// Where to write the .xlsx file.
        out: PathBuf,
    },
    /// Check a workbook: print every problem as `Sheet!A1: message`; exit 0 when valid.
    Validate {
        /// The workbook (.xlsx, .xls, .ods, or a folder of CSV files named after the sheets).
        book: PathBuf,
    },
    /// Compute the inventory: a results workbook (-o FILE.xlsx) or the summary JSON.
    ///
    /// With `-o results.xlsx` writes the results workbook (summary with live
    /// formulas, ledger, facilities, trading, factors used, charts). With
    /// `--format json` prints the summary JSON (carbonbook.summary.v1), every
    /// figure an exact decimal string; `-o FILE.json` writes it to a file.
    /// Nothing is written when the book has errors, and an existing output
    /// file is never half-overwritten.
    Calc {
        /// The workbook.
        book: PathBuf,
        /// Output file (.xlsx for the results workbook, .json for the summary).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Output format; default: from the output file's extension, else json.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Read BOOK, a workbook in its own layout, through this mapping profile (see `convert`).
        #[arg(long, value_name = "PROFILE.toml")]
        profile: Option<PathBuf>,
        /// Hide the progress bar.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Show the sheets and tables of any workbook, to write a mapping profile from.
    ///
    /// For each sheet of FILE (.xlsx, .xls, .ods, .csv): its used range,
    /// whether it is hidden, its merged regions, and the tables found on it:
    /// the header row(s) detected, each column's name with the unit parsed
    /// out of the header text, and the kinds of values seen below it.
    Inspect {
        /// The workbook (.xlsx, .xlsm, .xls, .xlsb, .ods, .csv, or a folder of CSV files).
        file: PathBuf,
        /// Rows read per sheet at most (default: all).
        #[arg(long, value_name = "N")]
        max_rows: Option<u32>,
    },
    /// Turn a workbook in its own layout into a carbonbook workbook, through a mapping profile.
    ///
    /// The profile (TOML, see docs/profile-v1.md) says where each table is,
    /// which column holds which workbook-v1 field or which constant applies,
    /// and how merged labels, group and totals rows, footnote markers and
    /// values such as NA, - or < 1 are treated. The output is the template's
    /// workbook filled in, plus a `Rejected rows` sheet that lists every row
    /// that did not land, with its cell and why (also printed on standard
    /// error). The output is written whole or not at all; FILE is only read.
    Convert {
        /// The workbook to convert.
        file: PathBuf,
        /// The mapping profile.
        #[arg(long, value_name = "PROFILE.toml")]
        profile: PathBuf,
        /// Where to write the carbonbook workbook (.xlsx).
        #[arg(short, long, value_name = "BOOK.xlsx", required_unless_present = "dry_run")]
        out: Option<PathBuf>,
        /// Read and map every row, print what would be rejected, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a compliance report: GHG inventory, China GB/T 32150 report, energy report or ETS statement.
    ///
    /// Kinds: `inventory` (GHG Protocol / ISO 14064-1, Scope 2 dual reporting),
    /// `cn-ghg` (企业温室气体排放报告, GB/T 32150; Chinese by default),
    /// `energy` (energy use and intensity, GB/T 2589), `ets` (compliance
    /// statement per scheme, facility and year), `cbam` (EU CBAM: the
    /// installation's specific embedded emissions for importers, and the
    /// importer's certificates). Formats: html (self-contained, printable),
    /// pdf (typeset in process, fonts embedded; Chinese needs a CJK font:
    /// Debian's fonts-noto-cjk, or --font-dir), md, json (the versioned
    /// report model), csv (formula-safe), xlsx (with charts).
    /// Kind `finance`: financed emissions by PCAF and the environmental
    /// benefits of green loans (碳减排量, 节约标准煤).
    Report {
        /// The workbook.
        book: PathBuf,
        /// Which report.
        #[arg(long, value_parser = ["inventory", "cn-ghg", "energy", "ets", "cbam", "finance"])]
        kind: String,
        /// Output format; default: from the output file's extension. A
        /// format that contradicts the extension is refused.
        #[arg(long, value_parser = ["html", "pdf", "md", "json", "csv", "xlsx"])]
        format: Option<String>,
        /// Language of the report; default: zh for cn-ghg, en otherwise.
        #[arg(long, value_parser = ["zh", "en"])]
        lang: Option<String>,
        /// Output file.
        #[arg(short, long)]
        out: PathBuf,
        /// Hide the progress bar.
        #[arg(short, long)]
        quiet: bool,
        /// A folder of fonts for `--format pdf` (searched recursively),
        /// besides the installed ones; may be repeated.
        #[arg(long = "font-dir", value_name = "DIR")]
        font_dirs: Vec<PathBuf>,
    },
    /// List the built-in factors whose id, fuel, name or source matches TERM.
    Factors {
        /// Search term (e.g. `diesel`, `grid`, `GB/T 2589`, `epa2024`); all factors when absent.
        term: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Fill the Commission's CBAM communication template (for installations) with one installation's goods.
    ///
    /// Writes the input cells of the official blank template (version 2.1.1,
    /// `--template`) from the book's CBAM goods of one installation
    /// (`--installation`, a facility_id) and year (default the reporting
    /// year): installation, reporting period, goods categories and routes,
    /// one production process per good (DirEm*, electricity and its factor,
    /// production and consumption by the other processes), purchased
    /// precursors with their SEE, and the Summary_Products rows. Every other
    /// part of the template is kept byte for byte; the file recalculates
    /// when opened. Notes name the cells the book cannot fill.
    CbamCommunication {
        /// The workbook.
        book: PathBuf,
        /// The Commission's blank communication template (.xlsx).
        #[arg(long, value_name = "BLANK.xlsx")]
        template: PathBuf,
        /// The installation: a facility_id of the book with CBAM goods.
        #[arg(long, value_name = "FACILITY_ID")]
        installation: String,
        /// The year of the goods; default the book's reporting year.
        #[arg(long)]
        year: Option<i32>,
        /// Output file (.xlsx).
        #[arg(short, long)]
        out: PathBuf,
        /// Hide the progress bar.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Read a supplier's filled CBAM communication template as `CBAM imports` rows.
    ///
    /// Prints (or writes to `-o`, e.g. `CBAM imports.csv` of a CSV-folder
    /// book) one row per good of its Summary_Products: year, CN code, origin
    /// and the SEE (direct, indirect) the file states; `quarter` and
    /// `quantity_t` are left for the importer. carbonbook recomputes each SEE
    /// from the file's inputs (D_Processes, E_PurchPrec) and warns, naming the
    /// cell, where the file states another figure.
    CbamRead {
        /// The filled communication template (.xlsx), as computed and saved by a spreadsheet.
        file: PathBuf,
        /// Output file (.csv); standard output when absent.
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
}

/// Output formats of `calc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The summary JSON (carbonbook.summary.v1).
    Json,
    /// The results workbook.
    Xlsx,
}
