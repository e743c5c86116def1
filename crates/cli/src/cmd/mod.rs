//! The subcommands.

pub mod book;
pub mod calc;
pub mod cbam_communication;
pub mod cbam_read;
pub mod convert;
pub mod factors;
pub mod inspect;
pub mod report;
pub mod template;
pub mod validate;

use crate::Failure;
use crate::args::{Cli, Command};
use crate::output::refuse_over_inputs;

/// Runs the parsed command.
///
/// # Errors
///
/// A [`Failure`] with every message to print and the exit status.
pub fn dispatch(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Template { out } => template::run(&out),
        Command::Validate { book } => validate::run(&book),
        Command::Calc { book, out, format, profile, quiet } => {
            if let Some(out) = &out {
                refuse_over_inputs(out, &[&book, profile.as_deref().unwrap_or(&book)])?;
            }
            calc::run(&book, out.as_deref(), format, profile.as_deref(), quiet)
        }
        Command::Inspect { file, max_rows } => inspect::run(&file, max_rows),
        Command::Convert { file, profile, out, dry_run } => {
            if let Some(out) = &out {
                refuse_over_inputs(out, &[&file, &profile])?;
            }
            convert::run(&file, &profile, if dry_run { None } else { out.as_deref() })
        }
        Command::Factors { term, json } => factors::run(term.as_deref().unwrap_or(""), json),
        Command::Report { book, kind, format, lang, out, quiet, font_dirs } => {
            refuse_over_inputs(&out, &[&book])?;
            report::run(&book, &kind, format.as_deref(), lang.as_deref(), &out, quiet, &font_dirs)
        }
        Command::CbamCommunication { book, template, installation, year, out, quiet } => {
            refuse_over_inputs(&out, &[&book, &template])?;
            cbam_communication::run(&book, &template, &installation, year, &out, quiet)
        }
        Command::CbamRead { file, out } => {
            if let Some(out) = &out {
                refuse_over_inputs(out, &[&file])?;
            }
            cbam_read::run(&file, out.as_deref())
        }
    }
}
