//! Writing to the terminal or a pipe without ever panicking (`print!` panics when the reader
//! has gone). A reader that closes the pipe early (`diglot check | head`) ends the output
//! quietly, as ripgrep does; the exit code still says what was found.

use std::io::{self, Write};

/// `eprintln!` that never panics (a closed stderr is no reason to stop a build) and shows
/// control characters as escapes: an error names user paths and texts, and a file named
/// `\x1b]…` must not drive the terminal.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(
            std::io::stderr().lock(),
            "{}",
            $crate::escape::terminal_text(&text)
        );
    }};
}
pub(crate) use errln;

/// Whether to colour output for a stream, by the conventions users set once for every
/// tool (as clap's anstream reads them): `CLICOLOR_FORCE` other than `0` colours even a
/// pipe; else `NO_COLOR` set and not empty turns colour off; else colour on a terminal.
pub fn colour(is_terminal: bool) -> bool {
    colour_with(is_terminal, |name| std::env::var_os(name))
}

fn colour_with(is_terminal: bool, var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    if var("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    is_terminal
}

/// Writes `text` to stdout. A closed pipe is not an error; any other failure (a full disk
/// behind `>`) is, since the output the user asked for is then incomplete.
pub fn out(text: &str) -> io::Result<()> {
    write_to(&mut io::stdout().lock(), text)
}

/// Writes `text` to stderr, ignoring every failure: stderr is where failures would go.
pub fn err(text: &str) {
    let _ = write_to(&mut io::stderr().lock(), text);
}

/// Streams output made by `write` to stdout through a buffer, with [`out`]'s handling of a
/// closed pipe.
pub fn stream(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match write(&mut w).and_then(|()| w.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn write_to(w: &mut dyn Write, text: &str) -> io::Result<()> {
    match w.write_all(text.as_bytes()).and_then(|()| w.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct ClosedPipe;
    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::StorageFull.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_ends_quietly_but_a_full_disk_is_an_error() {
        assert!(write_to(&mut ClosedPipe, "x").is_ok());
        assert!(write_to(&mut Full, "x").is_err());
    }

    #[test]
    fn colour_follows_no_color_and_clicolor_force() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        assert!(colour_with(true, env(&[])));
        assert!(!colour_with(false, env(&[])));
        assert!(!colour_with(true, env(&[("NO_COLOR", "1")])));
        assert!(
            colour_with(true, env(&[("NO_COLOR", "")])),
            "empty is unset"
        );
        assert!(colour_with(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!colour_with(false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(colour_with(
            false,
            env(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])
        ));
    }
}
