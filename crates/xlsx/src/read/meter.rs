//! A tripwire under calamine's .xlsx reader.
//!
//! calamine reads a sheet's part and gives back its cells; what lies
//! between two cells (rows without cells, anything else) it reads without
//! a word, however much there is. So the file under it is [`Metered`]: it
//! counts the bytes calamine takes from the file, and while a sheet is
//! walked ([`Meter::watch`]) the walk grants an allowance per cell it gets
//! back. A reader that runs past its allowance is reading far more than
//! the cells account for: the part it is in is then checked once as bytes
//! ([`scan::check`]). A sheet within a worksheet's limits goes on unwatched;
//! any other is refused there: the read fails, and the walk reports why
//! ([`Watch::refusal`]).

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::error::OpenError;
use super::limits::Limits;
use super::scan::{self, Refusal};

/// Compressed bytes a walk may read before its first cells: the start of
/// a sheet's XML (columns, views) takes a few KiB.
const BASE_ALLOWANCE: u64 = 256 << 10;
/// Compressed bytes a walk may read per cell given back. A cell's XML
/// compresses to a few bytes, a long text to a few hundred; a stretch of
/// rows without cells to far more per cell (a row bomb compresses 300:1
/// and more, so 256 KiB stand for at most about 256 MiB of XML).
const PER_CELL: u64 = 256;

/// A part of the archive: where its local header starts, and its index and
/// name in the central directory.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    /// Offset of its local header in the file.
    pub(crate) start: u64,
    /// Its index in the archive.
    pub(crate) index: usize,
    /// Its name.
    pub(crate) name: String,
}

/// The file under calamine's reader, counting what is read.
#[derive(Debug)]
pub(crate) struct Metered {
    inner: BufReader<File>,
    pos: u64,
    meter: Arc<Meter>,
}

impl Metered {
    /// Opens `path` for calamine, reporting to `meter`.
    pub(crate) fn open(path: &Path, meter: Arc<Meter>) -> std::io::Result<Metered> {
        Ok(Metered { inner: BufReader::new(File::open(path)?), pos: 0, meter })
    }
}

impl Read for Metered {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        let read = self.meter.read.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        if read > self.meter.allowance.load(Ordering::Relaxed) {
            self.meter.over(self.pos)?;
        }
        Ok(n)
    }
}

impl Seek for Metered {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.pos = self.inner.seek(to)?;
        Ok(self.pos)
    }
}

/// What the tripwire knows of a book (see the module docs).
#[derive(Debug)]
pub(crate) struct Meter {
    path: PathBuf,
    limits: Limits,
    /// The parts, by where they start in the file.
    parts: Vec<Part>,
    /// Bytes read from the file.
    read: AtomicU64,
    /// Bytes that may be read before the part is checked (`u64::MAX`
    /// while no sheet is watched or the part was found sound).
    allowance: AtomicU64,
    /// Whether the part being walked was found sound.
    cleared: AtomicBool,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The sheet being walked.
    watching: Option<String>,
    /// Parts checked: index and the refusal, if any.
    checked: Vec<(usize, Option<Refusal>)>,
    /// The refusal of the sheet being walked, once found.
    refusal: Option<OpenError>,
}

impl Meter {
    /// A meter for the book at `path`, whose archive holds `parts`.
    pub(crate) fn new(path: &Path, limits: &Limits, mut parts: Vec<Part>) -> Meter {
        parts.sort_by_key(|p| p.start);
        Meter {
            path: path.to_owned(),
            limits: limits.clone(),
            parts,
            read: AtomicU64::new(0),
            allowance: AtomicU64::new(u64::MAX),
            cleared: AtomicBool::new(false),
            state: Mutex::new(State::default()),
        }
    }

    /// Watches the reading of `sheet` until the [`Watch`] is dropped.
    pub(crate) fn watch(&self, sheet: &str) -> Watch<'_> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.watching = Some(sheet.to_owned());
        state.refusal = None;
        drop(state);
        self.cleared.store(false, Ordering::Relaxed);
        let base = self.read.load(Ordering::Relaxed).saturating_add(BASE_ALLOWANCE);
        self.allowance.store(base, Ordering::Relaxed);
        Watch { meter: self, base }
    }

    /// The reader ran past its allowance at file offset `pos`: checks the
    /// part there, once.
    fn over(&self, pos: u64) -> std::io::Result<()> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(sheet) = state.watching.clone() else {
            self.allowance.store(u64::MAX, Ordering::Relaxed);
            return Ok(());
        };
        let at = self.parts.partition_point(|p| p.start <= pos);
        let Some(part) = at.checked_sub(1).and_then(|i| self.parts.get(i)) else {
            self.allowance.store(u64::MAX, Ordering::Relaxed);
            return Ok(());
        };
        let verdict = match state.checked.iter().find(|(i, _)| *i == part.index) {
            Some((_, v)) => v.clone(),
            None => {
                // A part that cannot be read fails calamine's own read too,
                // which says why.
                let v = scan::check(&self.path, part.index, &self.limits).unwrap_or(None);
                state.checked.push((part.index, v.clone()));
                v
            }
        };
        match verdict {
            None => {
                self.cleared.store(true, Ordering::Relaxed);
                self.allowance.store(u64::MAX, Ordering::Relaxed);
                Ok(())
            }
            Some(r) => {
                let r = Refusal { what: format!("(part {}) {}", part.name, r.what), ..r };
                state.refusal = Some(r.into_error(&self.path, &sheet));
                Err(std::io::Error::other("the sheet is refused"))
            }
        }
    }
}

/// The walk of one sheet (see [`Meter::watch`]).
#[derive(Debug)]
pub(crate) struct Watch<'m> {
    meter: &'m Meter,
    base: u64,
}

impl Watch<'_> {
    /// The walk has got `cells` cells back so far.
    pub(crate) fn progress(&self, cells: u64) {
        if !self.meter.cleared.load(Ordering::Relaxed) {
            let allowance = self.base.saturating_add(cells.saturating_mul(PER_CELL));
            self.meter.allowance.store(allowance, Ordering::Relaxed);
        }
    }

    /// Why the sheet was refused, if it was: the reading error calamine
    /// reports is this one.
    pub(crate) fn refusal(&self) -> Option<OpenError> {
        self.meter.state.lock().unwrap_or_else(PoisonError::into_inner).refusal.take()
    }
}

impl Drop for Watch<'_> {
    fn drop(&mut self) {
        self.meter.allowance.store(u64::MAX, Ordering::Relaxed);
        let mut state = self.meter.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.watching = None;
    }
}
