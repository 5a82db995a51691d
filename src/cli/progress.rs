//! Progress on standard error: an indicatif bar (pages done, failures, rate, time left) when
//! standard error is a terminal and NO_COLOR is unset; nothing otherwise.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::batch::{Outcome, Status};

/// The progress display of one run.
pub struct Progress {
    bar: Option<ProgressBar>,
    failed: AtomicU64,
}

impl Progress {
    /// A bar for `total` inputs, or a silent display when quiet, not on a terminal, or when
    /// NO_COLOR is set (no-color.org: no escape sequences at all).
    pub fn new(total: usize, quiet: bool) -> Progress {
        let show = !quiet
            && std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let bar = show.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} pages, {msg} failed, {per_sec}, {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message("0");
            bar
        });
        Progress {
            bar,
            failed: AtomicU64::new(0),
        }
    }

    /// Counts one finished input.
    pub fn done(&self, outcome: &Outcome) {
        if outcome.status == Status::Failed {
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(bar) = &self.bar {
            bar.set_message(self.failed.load(Ordering::Relaxed).to_string());
            bar.inc(1);
        }
    }

    /// Removes the bar before the summary is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
