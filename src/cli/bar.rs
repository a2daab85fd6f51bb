//! Progress in a terminal: an indicatif bar on stderr, hidden when stderr is not a terminal.

use crate::progress::Progress;
use indicatif::{ProgressBar, ProgressStyle};

pub struct Bar(ProgressBar);

impl Bar {
    pub fn new() -> Self {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg:>18} [{bar:40}] {pos}/{len} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn stage(&self, what: &str, total: u64) {
        self.0.set_message(what.to_string());
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn inc(&self, n: u64) {
        self.0.inc(n);
    }

    fn note(&self, what: &str) {
        self.0.println(what);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
