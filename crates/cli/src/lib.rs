//! The `carbonbook` command line: workbook in, exact figures and results out.
//!
//! The binary is a thin layer: it parses arguments ([`args`]), reads books
//! with `carbonbook-xlsx`, computes with `carbonbook-core`, and writes what
//! was asked for. It is the only part of carbonbook that prints or exits.
//!
//! Exit status: 0 success; 1 the input has errors (all printed, each with its
//! cell); 2 wrong usage. A reader that closes standard output early
//! (`| head`) ends the output quietly, with status 0 ([`stdout`]).

#![deny(missing_docs)]
// The command reports on the terminal: printing is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod args;
pub mod cmd;
pub mod output;
pub mod progress;
pub mod stdout;

use std::process::ExitCode;

use clap::Parser;

/// Exit status for input errors.
pub const EXIT_INPUT: u8 = 1;
/// Exit status for wrong usage.
pub const EXIT_USAGE: u8 = 2;

/// A failure the command reports: every problem, one per line.
#[derive(Debug)]
pub struct Failure {
    /// What to print on standard error.
    pub lines: Vec<String>,
    /// The exit status.
    pub status: u8,
}

impl Failure {
    /// An input failure with one message.
    pub fn input(message: impl Into<String>) -> Failure {
        Failure { lines: vec![message.into()], status: EXIT_INPUT }
    }

    /// An output that cannot be written: `what` is a path's display or a
    /// name such as "the summary".
    ///
    /// ```
    /// use carbonbook_cli::Failure;
    ///
    /// let f = Failure::cannot_write("out.json", "No space left on device");
    /// assert_eq!(f.lines, ["cannot write out.json: No space left on device"]);
    /// ```
    pub fn cannot_write(what: impl std::fmt::Display, error: impl std::fmt::Display) -> Failure {
        Failure::input(format!("cannot write {what}: {error}"))
    }
}

/// Runs the command with the process arguments.
pub fn run() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let status = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(status);
        }
    };
    // Damaged files can make a reader library panic; the reader catches
    // that and reports the file as damaged, so panics print nothing here,
    // but where each one happened is kept: one that escapes is reported
    // below as an internal error, with its location.
    static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
    std::panic::set_hook(Box::new(|info| {
        if let Some(l) = info.location()
            && let Ok(mut last) = LAST_PANIC.lock()
        {
            *last = Some(format!("{}:{}:{}", l.file(), l.line(), l.column()));
        }
    }));
    let outcome = std::panic::catch_unwind(|| cmd::dispatch(cli)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = LAST_PANIC.lock().ok().and_then(|l| l.clone()).unwrap_or_else(|| "an unknown place".to_owned());
        Err(Failure {
            lines: vec![format!("internal error at {at}, please report it with the input that caused it: {what}")],
            status: 101,
        })
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            use std::io::Write;
            let stderr = std::io::stderr();
            let mut err = stderr.lock();
            for line in &f.lines {
                let _ = writeln!(err, "{line}");
            }
            ExitCode::from(f.status)
        }
    }
}
