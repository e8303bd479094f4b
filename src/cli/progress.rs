//! What a long run shows while it works: a spinner while the site is read, checked, built
//! or merged, and a bar while `--online` fetches external links. On a terminal only, and
//! never with `--quiet`: a pipe, a CI log or a file gets the findings and nothing else.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress display on stderr, or nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Shown when stderr is a terminal and the run is not quiet.
    pub fn new(quiet: bool) -> Progress {
        Progress::when(!quiet && std::io::stderr().is_terminal())
    }

    fn when(shown: bool) -> Progress {
        Progress {
            bar: shown.then(|| {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }),
        }
    }

    /// A phase of unknown length: the spinner and what is being done.
    pub fn phase(&self, message: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(message.to_string());
        }
    }

    /// Pages fetched of pages to fetch: the bar.
    pub fn fetched(&self, done: usize, total: usize) {
        let Some(bar) = &self.bar else {
            return;
        };
        if bar.length() != Some(total as u64) {
            bar.set_length(total as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {pos}/{len} pages, {per_sec}, {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message("fetching external links");
        }
        bar.set_position(done as u64);
    }

    /// Gone from the terminal, before the findings are printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_drawn_off_a_terminal() {
        let off = Progress::when(false);
        off.phase("reading");
        off.fetched(1, 2);
        assert!(off.bar.is_none());
        let on = Progress::when(true);
        on.fetched(3, 10);
        let bar = on.bar.as_ref().expect("a bar");
        assert_eq!((bar.position(), bar.length()), (3, Some(10)));
    }
}
