//! Standard output, for the commands that print their result.
//!
//! A reader that stops early (`carbonbook factors | head`) closes the pipe
//! under the command. That is no failure of the command: the output ends
//! there, quietly, and the command succeeds, as in other command-line tools.
//! Any other write error is reported.

use std::io::{self, Write};

use crate::Failure;

/// Runs `print` on a buffered, locked standard output and flushes it;
/// `what` names the output in an error message.
///
/// ```
/// use std::io::Write;
///
/// carbonbook_cli::stdout::write("a greeting", |out| writeln!(out, "hello"))?;
/// # Ok::<(), carbonbook_cli::Failure>(())
/// ```
///
/// # Errors
///
/// A write error other than a closed pipe.
pub fn write(what: &str, print: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    ended(print(&mut out).and_then(|()| out.flush()), what)
}

/// `Ok` for a finished output or a closed pipe; else the failure.
fn ended(result: io::Result<()>, what: &str) -> Result<(), Failure> {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::cannot_write(what, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_ends_the_output_quietly() {
        assert!(ended(Err(io::Error::from(io::ErrorKind::BrokenPipe)), "x").is_ok());
        let full = ended(Err(io::Error::from(io::ErrorKind::StorageFull)), "the summary").unwrap_err();
        assert_eq!(full.lines.len(), 1);
        assert!(full.lines[0].starts_with("cannot write the summary: "), "{:?}", full.lines);
        assert_eq!(full.status, crate::EXIT_INPUT);
    }
}
