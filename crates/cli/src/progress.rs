//! A progress bar on standard error for long runs, silent elsewhere.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Rows below which no bar is shown: small books finish before it would help.
pub const THRESHOLD_ROWS: u64 = 50_000;

/// A bar for `rows` activity rows, drawn only on a terminal and only when the
/// book is large; hidden otherwise.
pub fn for_rows(rows: Option<u64>, quiet: bool) -> ProgressBar {
    match rows {
        Some(n) if !quiet && n >= THRESHOLD_ROWS => {
            // indicatif draws nothing when standard error is not a terminal.
            let bar = ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} {msg} [{bar:40}] {human_pos}/{human_len} rows ({per_sec}, {eta})",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message("computing");
            bar
        }
        _ => ProgressBar::hidden(),
    }
}
