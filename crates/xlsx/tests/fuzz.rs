//! Fuzzing on the stable toolchain, as ordinary tests.
//!
//! Each target takes the seed files of `fixtures/fuzz/` (the demo book, also
//! as .ods, two third-party books, a book of CSV files, a third-party CSV
//! file, the shipped profiles), mutates them at random (bytes flipped, inserted,
//! deleted and duplicated; the parts of an .xlsx archive unpacked, edited
//! as text with tokens that matter to the reader, and packed again;
//! truncations), and runs what a command runs on the result. The promises
//! checked, for every input:
//!
//! * no panic escapes (a panic of calamine inside is caught by the reader
//!   and reported as a damaged file);
//! * every error is a clear message: not empty, naming the file, never a
//!   debug dump or an internal error; every problem names where it is;
//! * a conversion that fails leaves no output, and no input is changed.
//!
//! A bounded number of cases runs with `cargo test`. More, and other
//! seeds, by a command:
//!
//! ```sh
//! CARBONBOOK_FUZZ_CASES=100000 cargo test --release -p carbonbook-xlsx --test fuzz
//! CARBONBOOK_FUZZ_SEED=7 CARBONBOOK_FUZZ_KEEP=found cargo test --release -p carbonbook-xlsx --test fuzz
//! ```
//!
//! `CARBONBOOK_FUZZ_CASES` is the number of cases per target,
//! `CARBONBOOK_FUZZ_SEED` the campaign's seed (each case is derived from it
//! and its number, so a failure names what reproduces it), and
//! `CARBONBOOK_FUZZ_KEEP` a folder where every input that breaks a promise
//! is written. Such an input goes into `fixtures/fuzz/regressions/`, where
//! `fuzz_regressions` runs it on every `cargo test`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use carbonbook_core::Calculator;
use carbonbook_xlsx::profile::{self, MappedBook, Profile, ProfileError};
use carbonbook_xlsx::read::{self, OpenError};
use carbonbook_xlsx::{Problem, inspect};

/// Cases per target in a plain `cargo test` (a debug build): a few seconds
/// each.
const DEFAULT_CASES: u64 = 300;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/fuzz")
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn cases() -> u64 {
    env_u64("CARBONBOOK_FUZZ_CASES").unwrap_or(DEFAULT_CASES)
}

fn campaign_seed() -> u64 {
    env_u64("CARBONBOOK_FUZZ_SEED").unwrap_or(0x00C0_FFEE)
}

// ---------------------------------------------------------------- random

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn for_case(target: &str, case: u64) -> Rng {
        let mut h = campaign_seed() ^ 0x9E37_79B9_7F4A_7C15;
        for b in target.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
        Rng(h ^ case.wrapping_mul(0xD6E8_FEB8_6659_FD93))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------- mutations

/// Numbers that matter to the reader: out of range, negative, odd forms,
/// other scripts, the edges of a worksheet.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1e308",
    "-1e308",
    "1e-300",
    "7.9e28",
    "79228162514264337593543950336",
    "1048576",
    "1048577",
    "16384",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "NaN",
    "inf",
    "-0",
    "1,234.5",
    "98%",
    "１２３",
    "١٢٣٫٥",
    "۱۲",
    "१०",
    "0.1234567890123456789012345678901",
    "2024-13",
    "2024-02-30",
    "1900",
    "99999",
];

/// Tokens for sheet XML.
const XML_TOKENS: &[&str] = &[
    "<row r=\"1048577\">",
    "<row r=\"4294967296\"/>",
    "<row/>",
    "<row r=\"0\">",
    "<c r=\"XFE1\"><v>1</v></c>",
    "<c r=\"A1048577\"><v>1</v></c>",
    "<c r=\"ZZZZ9\"/>",
    "<c t=\"s\"><v>999999</v></c>",
    "<c t=\"s\"><v>-1</v></c>",
    "<c t=\"e\"><v>#DIV/0!</v></c>",
    "<c t=\"b\"><v>2</v></c>",
    "<c t=\"d\"><v>not a date</v></c>",
    "<c s=\"99999\"><v>1</v></c>",
    "<c t=\"inlineStr\"><is><t>١٢٣</t></is></c>",
    "<v>1e308</v>",
    "<v></v>",
    "</sheetData>",
    "<sheetData/>",
    "<mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>",
    "<mergeCell ref=\"B2:A1\"/>",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "<f>SUM(A1:A9)</f>",
    "&amp;",
    "&#0;",
    "&#xFFFF;",
    "&bogus;",
    "<![CDATA[<row>]]>",
    "<!-- <row r=\"9\"> -->",
    "<?pi x?>",
    "<sheet name=\"Activities\" sheetId=\"9\" r:id=\"rId1\"/>",
    "<Relationship Id=\"rId1\" Target=\"/xl/worksheets/sheet1.xml\" Type=\"x/worksheet\"/>",
    "<si><t>facility_id</t></si>",
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>",
    "<workbookPr date1904=\"1\"/>",
    "\u{0}",
    "\u{feff}",
    "Activities",
    "活动数据",
];

/// Tokens for CSV files.
const CSV_TOKENS: &[&str] = &[
    ",",
    ";",
    "\t",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "\u{0}",
    "\u{3000}",
    "facility_id",
    "quantity",
    "unit",
    "t",
    "MWh",
    "万千瓦时",
    "stationary_combustion",
    "purchased_electricity",
    "diesel",
    "K1",
    "2024-01",
    "NA",
    "-",
    "< 1",
    "TRUE",
    "#DIV/0!",
    "活动数据",
    "\u{ff0c}",
];

/// Tokens for profiles (TOML).
const TOML_TOKENS: &[&str] = &[
    "\n[[table]]\n",
    "\n[table.columns]\n",
    "\n[table.unpivot]\n",
    "\n[organisation]\n",
    "\n[facilities]\n",
    "\n[[factor]]\n",
    "into = \"Activities\"\n",
    "into = \"Factors\"\n",
    "into = \"Nowhere\"\n",
    "sheet = \"\"\n",
    "header_row = 0\n",
    "header_row = 4294967296\n",
    "header_rows = 99\n",
    "merged = \"fill\"\n",
    "columns = \"XFD:A\"\n",
    "columns = \"A:XFD\"\n",
    "date_format = \"%Y-%m-%d\"\n",
    "date_format = \"%Q\"\n",
    "fill_down = [\"x\"]\n",
    "quantity = { column = \"\" }\n",
    "unit = { value = \"furlong\" }\n",
    "= ",
    "\"",
    "'''",
    "{",
    "}",
    "[",
    "]",
    ",",
    "#",
    "\\u0000",
    "1e308",
    "-9223372036854775809",
    "inf",
    "nan",
    "true",
    "1979-05-27T07:32:00Z",
];

/// One random edit of `data`.
fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>, tokens: &[&str]) {
    let len = data.len();
    match rng.below(10) {
        // A bit flipped.
        0 if len > 0 => {
            let i = rng.below(len);
            data[i] ^= 1 << rng.below(8);
        }
        // A byte set to an interesting value.
        1 if len > 0 => {
            let i = rng.below(len);
            data[i] = *rng.pick(&[0, 0xff, b'<', b'>', b'"', b'\n', b',', b'9', b'-', 0x80, 0xc3]);
        }
        // A range deleted.
        2 if len > 0 => {
            let at = rng.below(len);
            let n = 1 + rng.below((len - at).min(64));
            data.drain(at..at + n);
        }
        // A range duplicated (rows and cells repeated).
        3 if len > 0 => {
            let at = rng.below(len);
            let n = 1 + rng.below((len - at).min(512));
            let copy = data[at..at + n].to_vec();
            let to = rng.below(data.len() + 1);
            data.splice(to..to, copy);
        }
        // Cut short.
        4 if len > 0 => data.truncate(rng.below(len)),
        // A number replaced by an interesting one.
        5 | 6 => {
            let digits: Vec<usize> = (0..len).filter(|&i| data[i].is_ascii_digit()).collect();
            if digits.is_empty() {
                return;
            }
            let start = *rng.pick(&digits);
            let end = (start..len).find(|&i| !data[i].is_ascii_digit()).unwrap_or(len);
            data.splice(start..end, rng.pick(NUMBERS).bytes());
        }
        // A token inserted, at a tag or a line where it can take effect.
        _ => {
            let token = rng.pick(tokens).as_bytes();
            let marks: Vec<usize> = (0..len).filter(|&i| matches!(data[i], b'<' | b'\n' | b',')).collect();
            let at = if marks.is_empty() || rng.chance(20) { rng.below(len + 1) } else { *rng.pick(&marks) };
            data.splice(at..at, token.iter().copied());
        }
    }
}

/// One to eight edits.
fn mutate_text(rng: &mut Rng, data: &mut Vec<u8>, tokens: &[&str]) {
    for _ in 0..1 + rng.below(8) {
        mutate_bytes(rng, data, tokens);
    }
}

/// An .xlsx (zip) archive edited part by part: a part is unpacked, edited
/// as text, and the archive packed again; sometimes a part is dropped or
/// doubled, and sometimes the packed bytes are edited too.
fn mutate_zip(rng: &mut Rng, archive: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(archive)) else {
        let mut raw = archive.to_vec();
        mutate_text(rng, &mut raw, XML_TOKENS);
        return raw;
    };
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else { continue };
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
        let mut body = Vec::new();
        if entry.read_to_end(&mut body).is_ok() {
            parts.push((name, body));
        }
    }
    if parts.is_empty() {
        return archive.to_vec();
    }
    // The sheets and the shared strings most often: the rows are there.
    let weighted: Vec<usize> = (0..parts.len())
        .flat_map(|i| {
            let w = if parts[i].0.contains("worksheets/") || parts[i].0.contains("sharedStrings") { 6 } else { 1 };
            std::iter::repeat_n(i, w)
        })
        .collect();
    for _ in 0..1 + rng.below(3) {
        let i = *rng.pick(&weighted);
        match rng.below(20) {
            0 => {
                parts.remove(i);
                if parts.is_empty() {
                    return Vec::new();
                }
                break;
            }
            1 => {
                let copy = parts[i].clone();
                parts.push(copy);
            }
            _ => mutate_text(rng, &mut parts[i].1, XML_TOKENS),
        }
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if rng.chance(30) { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method).compression_level(Some(1));
    for (name, body) in &parts {
        // A doubled name is refused by the writer: the copy is left out.
        if out.start_file(name.as_str(), opts).is_ok() {
            let _ = out.write_all(body);
        }
    }
    let mut packed = out.finish().map(std::io::Cursor::into_inner).unwrap_or_default();
    if rng.chance(10) {
        mutate_bytes(rng, &mut packed, XML_TOKENS);
    }
    packed
}

// ---------------------------------------------------------------- promises

/// A broken promise.
type Broken = String;

/// An error of the reader: a clear message naming the file.
fn check_open_error(e: &OpenError, path: &Path) -> Result<(), Broken> {
    let msg = e.to_string();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if msg.trim().is_empty() || !msg.contains(&name) {
        return Err(format!("unclear error (no file name): {msg:?}"));
    }
    check_text(&msg)
}

/// Text shown to a user: no debug dump, no internal error, no panic.
fn check_text(msg: &str) -> Result<(), Broken> {
    for bad in ["panicked", "internal error", "RUST_BACKTRACE", "Utf8Error {", "ErrorKind::"] {
        if msg.contains(bad) {
            return Err(format!("unclear message ({bad}): {msg:?}"));
        }
    }
    Ok(())
}

fn check_problems(problems: &[Problem]) -> Result<(), Broken> {
    for p in problems {
        if p.message.trim().is_empty() {
            return Err(format!("a problem without a message at {p}"));
        }
        check_text(&p.to_string())?;
    }
    Ok(())
}

/// Runs `f`, turning a panic into a broken promise.
fn no_panic(what: &str, f: impl FnOnce() -> Result<(), Broken>) -> Result<(), Broken> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let why = p
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!("{what} panicked: {why}"))
    })
}

/// What `carbonbook validate` and `inspect` do with a book: read it, every
/// sheet, and compute it.
fn check_book(path: &Path) -> Result<(), Broken> {
    no_panic("reading", || {
        let mut book = match read::open(path) {
            Ok(b) => b,
            Err(e) => return check_open_error(&e, path),
        };
        let _ = book.activity_rows_hint();
        let mut setup = match book.read_setup() {
            Ok(s) => s,
            Err(e) => return check_open_error(&e, path),
        };
        let mut activities = Vec::new();
        if let Err(e) = book.read_activities(&mut setup, |a| activities.push(a)) {
            return check_open_error(&e, path);
        }
        check_problems(&setup.problems)?;
        check_problems(&setup.warnings)?;
        let mut engine = read::EngineErrors::new();
        match Calculator::new(&setup.organisation, &setup.facilities, &setup.factors) {
            Ok(mut calc) => {
                for a in &activities {
                    if let Err(e) = calc.add(a) {
                        engine.push(e);
                    }
                }
                if let Err(e) = calc.finish(Vec::new(), &setup.production, &setup.trading) {
                    engine.extend(e.0);
                }
            }
            Err(e) => engine.extend(e.0),
        }
        check_problems(&setup.take_problems(&engine))
    })?;
    no_panic("inspect", || match inspect::inspect(path, Some(5000)) {
        Ok(found) => check_text(&found.to_string()),
        Err(e) => check_open_error(&e, path),
    })
}

/// A book read through a profile, as `calc --profile` and `convert` do; a
/// conversion that fails leaves no output.
fn check_mapped(book: &Path, profile: &Profile, out: &Path) -> Result<(), Broken> {
    let profile_error = |e: &ProfileError| match e {
        ProfileError::Open(e) => check_open_error(e, book),
        e => check_text(&e.to_string()),
    };
    no_panic("reading through a profile", || {
        let mut mapped = match MappedBook::open(book, profile.clone()) {
            Ok(m) => m,
            Err(e) => return profile_error(&e),
        };
        match mapped.read_setup() {
            Ok(mut setup) => {
                let _ = mapped.read_activities(&mut setup, |_| {});
                check_problems(&setup.problems)
            }
            Err(e) => profile_error(&e),
        }
    })?;
    no_panic("convert", || match profile::convert(book, profile, out) {
        Ok(done) => {
            if !out.exists() {
                return Err("convert succeeded without its output".into());
            }
            let _ = std::fs::remove_file(out);
            done.rejected.iter().try_for_each(|r| check_text(&r.to_string()))
        }
        Err(e) => {
            if out.exists() {
                return Err(format!("convert failed ({e}) and left an output"));
            }
            profile_error(&e)
        }
    })
}

// ---------------------------------------------------------------- driver

/// A target's campaign: `case` makes and checks one input in `dir` and
/// gives it back with what it broke, if anything.
struct Campaign {
    target: &'static str,
    failures: Vec<String>,
    slowest: (Duration, u64),
}

impl Campaign {
    fn run(
        target: &'static str,
        mut case: impl FnMut(&mut Rng, &Path) -> (Vec<(String, Vec<u8>)>, Result<(), Broken>),
    ) {
        let mut c = Campaign { target, failures: Vec::new(), slowest: (Duration::ZERO, 0) };
        let keep = std::env::var_os("CARBONBOOK_FUZZ_KEEP").map(PathBuf::from);
        for n in 0..cases() {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let mut rng = Rng::for_case(target, n);
            let started = Instant::now();
            let (input, outcome) = case(&mut rng, dir.path());
            c.slowest = c.slowest.max((started.elapsed(), n));
            if let Err(why) = outcome {
                let mut kept = String::new();
                if let Some(keep) = &keep {
                    let to = keep.join(format!("{target}-{}-{n}", campaign_seed()));
                    for (name, bytes) in &input {
                        let file = to.join(name);
                        let _ = file.parent().map(std::fs::create_dir_all);
                        let _ = std::fs::write(&file, bytes);
                    }
                    kept = format!(" (kept in {})", to.display());
                }
                c.failures.push(format!("case {n}{kept}: {why}"));
            }
        }
        c.report();
    }

    // The report of a campaign is its output.
    #[allow(clippy::print_stderr)]
    fn report(self) {
        eprintln!(
            "fuzz {}: {} cases, seed {}, slowest case {} ({:?})",
            self.target,
            cases(),
            campaign_seed(),
            self.slowest.1,
            self.slowest.0
        );
        assert!(
            self.failures.is_empty(),
            "fuzz {}: {} broken promise(s) (CARBONBOOK_FUZZ_SEED={}; CARBONBOOK_FUZZ_KEEP=DIR keeps the inputs):\n{}",
            self.target,
            self.failures.len(),
            campaign_seed(),
            self.failures.join("\n")
        );
    }
}

/// The seed files of a folder of the corpus, with one of the extensions.
fn seeds(folder: &str, exts: &[&str]) -> Vec<(String, Vec<u8>)> {
    let dir = root().join(folder);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)))
        .map(|p| {
            (p.file_name().unwrap_or_default().to_string_lossy().into_owned(), std::fs::read(&p).unwrap_or_default())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds in {}", dir.display());
    out
}

/// The profile that maps a seed book, if one of the corpus does.
fn profile_for(book: &str) -> Option<Profile> {
    let stem = book.strip_suffix(".xlsx")?;
    let text = std::fs::read_to_string(root().join("profiles").join(format!("{stem}.toml"))).ok()?;
    Profile::from_toml(&text).ok()
}

/// Writes `input` (name and bytes) into `dir`; the path of the first.
fn write_input(dir: &Path, input: &[(String, Vec<u8>)]) -> PathBuf {
    for (name, bytes) in input {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(&path, bytes).expect("the input is written");
    }
    dir.join(&input[0].0)
}

/// Checks that reading did not change the input.
fn unchanged(dir: &Path, input: &[(String, Vec<u8>)]) -> Result<(), Broken> {
    for (name, bytes) in input {
        if std::fs::read(dir.join(name)).ok().as_deref() != Some(bytes.as_slice()) {
            return Err(format!("the input {name} was changed"));
        }
    }
    Ok(())
}

#[test]
fn fuzz_workbook_reader() {
    let seeds = seeds("books", &["xlsx", "ods"]);
    Campaign::run("workbook", |rng, dir| {
        let (name, seed) = rng.pick(&seeds);
        let bytes = match rng.below(10) {
            0 => {
                let mut raw = seed.clone();
                mutate_text(rng, &mut raw, XML_TOKENS);
                raw
            }
            1 => seed[..rng.below(seed.len())].to_vec(),
            _ => mutate_zip(rng, seed),
        };
        let input = vec![(name.clone(), bytes)];
        let path = write_input(dir, &input);
        let mut outcome = check_book(&path);
        if outcome.is_ok()
            && let Some(profile) = profile_for(name)
        {
            outcome = check_mapped(&path, &profile, &dir.join("out.xlsx"));
        }
        let outcome = outcome.and_then(|()| unchanged(dir, &input));
        (input, outcome)
    });
}

#[test]
fn fuzz_csv_reader() {
    let book = seeds("csv/demo", &["csv"]);
    let single = seeds("csv", &["csv"]);
    Campaign::run("csv", |rng, dir| {
        let input: Vec<(String, Vec<u8>)> = if rng.chance(70) {
            // A book of CSV files, one of them edited.
            let mut files: Vec<(String, Vec<u8>)> =
                book.iter().map(|(n, b)| (format!("book/{n}"), b.clone())).collect();
            let i = rng.below(files.len());
            mutate_text(rng, &mut files[i].1, CSV_TOKENS);
            files
        } else {
            let (name, seed) = rng.pick(&single);
            let mut bytes = seed.clone();
            mutate_text(rng, &mut bytes, CSV_TOKENS);
            vec![(name.clone(), bytes)]
        };
        let first = write_input(dir, &input);
        let path = if input[0].0.starts_with("book/") { dir.join("book") } else { first };
        let outcome = check_book(&path).and_then(|()| unchanged(dir, &input));
        (input, outcome)
    });
}

#[test]
fn fuzz_profile_parser() {
    let seeds = seeds("profiles", &["toml"]);
    let book = root().join("books/metc-wastewater-emission-sources.xlsx");
    let book_bytes = std::fs::read(&book).expect("the seed book");
    Campaign::run("profile", |rng, dir| {
        let (name, seed) = rng.pick(&seeds);
        let mut bytes = seed.clone();
        mutate_text(rng, &mut bytes, TOML_TOKENS);
        let input = vec![(name.clone(), bytes)];
        let path = write_input(dir, &input);
        let outcome = no_panic("the profile parser", || match Profile::load(&path) {
            Err(ProfileError::Invalid(lines)) => {
                if lines.is_empty() || lines.iter().any(|l| l.trim().is_empty()) {
                    return Err(format!("an invalid profile without its problems: {lines:?}"));
                }
                lines.iter().try_for_each(|l| check_text(l))
            }
            Err(e) => check_text(&e.to_string()),
            // A profile that still reads maps the seed book it was written for.
            Ok(p) if name.starts_with("metc-wastewater") => {
                check_mapped(&book, &p, &dir.join("out.xlsx")).and_then(|()| {
                    if std::fs::read(&book).ok().as_deref() == Some(book_bytes.as_slice()) {
                        Ok(())
                    } else {
                        Err("the book was changed".to_owned())
                    }
                })
            }
            Ok(_) => Ok(()),
        });
        let outcome = outcome.and_then(|()| unchanged(dir, &input));
        (input, outcome)
    });
}

/// Every input that once broke a promise, run through its target.
#[test]
fn fuzz_regressions() {
    let dir = root().join("regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let mut broken = Vec::new();
    for path in entries.flatten().map(|e| e.path()) {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let outcome = match ext {
            "toml" => no_panic("the profile parser", || match Profile::load(&path) {
                Err(e) => check_text(&e.to_string()),
                Ok(_) => Ok(()),
            }),
            "xlsx" | "xls" | "xlsb" | "ods" | "csv" => check_book(&path),
            _ if path.is_dir() => check_book(&path),
            _ => continue,
        };
        if let Err(why) = outcome {
            broken.push(format!("{}: {why}", path.display()));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
