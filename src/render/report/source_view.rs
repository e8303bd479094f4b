//! A file's flagged lines, with a few lines of context, line numbers, and the findings under
//! the lines they point at, so a report entry can link to `…/source/<path>.html#L35` on any
//! host, offline too. Only the neighbourhood of findings is shown: a large site has
//! thousands of files with findings, and the writer's editor has the rest.

use std::borrow::Cow;
use std::fmt::Write;

use crate::diagnostics::Diagnostic;
use crate::escape;

/// Lines shown before and after each flagged line.
const CONTEXT: u32 = 2;

/// A context line longer than this is cut (with `…`): context orients the reader, and
/// lines of inline markup run to a kilobyte.
const CONTEXT_CHARS: usize = 160;

/// Characters of a flagged line shown before its first finding's column and after its
/// last one's end; the rest is cut (with `…`). On a large site flagged lines were a third
/// of the source views' bytes, most of it sxs markup far from any finding.
const FLAGGED_MARGIN: usize = 160;

/// How a line of the file is shown.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Shown {
    Hidden,
    Context,
    Spanned,
}

/// The table of lines. `findings` are the file's, in any order.
pub fn lines_table(text: &str, findings: &[&Diagnostic]) -> String {
    let mut by_line: Vec<&Diagnostic> = findings.to_vec();
    by_line.sort_by_key(|d| (d.line, d.column));
    let mut next = by_line.iter().peekable();
    let count = text.lines().count();
    let mut shown = vec![Shown::Hidden; count + 1];
    for d in &by_line {
        let last = d.line.max(d.end_line) as usize;
        let from = d.line.saturating_sub(CONTEXT).max(1) as usize;
        let to = (last + CONTEXT as usize).min(count);
        for (n, slot) in shown.iter_mut().enumerate().take(to + 1).skip(from) {
            let how = if (d.line as usize..=last).contains(&n) {
                Shown::Spanned
            } else {
                Shown::Context
            };
            if how > *slot {
                *slot = how;
            }
        }
    }
    let mut out = String::new();
    out.push_str(r#"<table class="source-lines"><tbody>"#);
    let mut skipped = false;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let how = shown[n as usize];
        if how == Shown::Hidden {
            skipped = true;
            continue;
        }
        if skipped {
            out.push_str(r#"<tr class="gap"><td>⋮<td>"#);
            skipped = false;
        }
        // Compact rows (end tags are implied, the cells styled by position): a site has
        // hundreds of thousands of these lines. Only flagged lines, which the report links
        // to, carry an anchor.
        let flagged = next.peek().is_some_and(|d| d.line == n);
        let line = match how {
            Shown::Spanned => match columns_on(&by_line, n) {
                Some((from, to)) => window(
                    line,
                    from.saturating_sub(FLAGGED_MARGIN),
                    to.saturating_add(FLAGGED_MARGIN),
                ),
                None => window(line, 0, CONTEXT_CHARS),
            },
            _ => window(line, 0, CONTEXT_CHARS),
        };
        let text = escape::text_node(&line);
        let _ = if flagged {
            write!(
                out,
                r##"<tr id="L{n}" class="flagged"><td><a href="#L{n}">{n}</a><td>{text}"##
            )
        } else {
            write!(out, "<tr><td>{n}<td>{text}")
        };
        while let Some(d) = next.next_if(|d| d.line <= n) {
            finding_row(&mut out, d);
        }
    }
    // Findings past the end (a whole-file finding of an empty file, say).
    for d in next {
        finding_row(&mut out, d);
    }
    out.push_str("</tbody></table>");
    out
}

/// The characters (0-based, end excluded) of line `n` that findings point at, from the
/// first one's start to the last one's end; `None` when they all run through the line
/// (a multi-line finding's middle).
fn columns_on(findings: &[&Diagnostic], n: u32) -> Option<(usize, usize)> {
    let mut at: Option<(usize, usize)> = None;
    for d in findings
        .iter()
        .filter(|d| d.line <= n && n <= d.line.max(d.end_line))
    {
        let starts = d.line == n;
        let ends = d.end_line <= n;
        if !starts && !ends {
            continue;
        }
        let from = if starts {
            d.column.saturating_sub(1)
        } else {
            0
        } as usize;
        let to = if ends && d.end_column > 0 {
            d.end_column.saturating_sub(1) as usize
        } else {
            usize::MAX
        };
        let to = to.max(from);
        at = Some(at.map_or((from, to), |(f, t)| (f.min(from), t.max(to))));
    }
    at
}

/// Characters `from..to` of `line`, `…` where it was cut.
fn window(line: &str, from: usize, to: usize) -> Cow<'_, str> {
    let start = if from == 0 {
        Some(0)
    } else {
        line.char_indices().nth(from).map(|(i, _)| i)
    };
    let Some(start) = start else {
        // The line ends before the window: show its end.
        return Cow::Borrowed(line);
    };
    let end = match line[start..].char_indices().nth(to.saturating_sub(from)) {
        Some((i, _)) => start + i,
        None if start == 0 => return Cow::Borrowed(line),
        None => line.len(),
    };
    let before = if start > 0 { "…" } else { "" };
    let after = if end < line.len() { "…" } else { "" };
    Cow::Owned(format!("{before}{}{after}", &line[start..end]))
}

fn finding_row(out: &mut String, d: &Diagnostic) {
    let _ = write!(
        out,
        r#"<tr class="finding {sev}" lang="en"><td><td><span class="severity">{sev}</span> <code>{code}</code> <span class="at">{line}:{col}</span> {msg}"#,
        sev = d.severity.as_str(),
        code = d.code,
        line = d.line,
        col = d.column,
        msg = escape::text(&d.message),
    );
    if let Some(help) = &d.help {
        let _ = write!(
            out,
            r#"<br><span class="help">{}</span>"#,
            escape::text(help)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    fn finding(line: u32, message: &str) -> Diagnostic {
        Diagnostic {
            code: "SX005",
            rule: "r",
            severity: Severity::Warning,
            path: "fr-fr/a.md".into(),
            line,
            column: 3,
            end_line: line,
            end_column: 4,
            message: message.into(),
            help: Some("keep it".into()),
            related: Vec::new(),
            fix: None,
            fingerprint: 0,
            whole_file: false,
        }
    }

    #[test]
    fn findings_follow_their_line_and_text_is_escaped() {
        let f = [finding(2, "<b> changed"), finding(40, "past the end")];
        let refs: Vec<&Diagnostic> = f.iter().collect();
        let html = lines_table("one\ntwo <x>\nthree\n4\n5\n6\n7\n8\n", &refs);
        let two = html
            .find(r#"<tr id="L2" class="flagged">"#)
            .expect("line 2 flagged");
        let msg = html.find("&lt;b&gt; changed").expect("message");
        let three = html.find("<tr><td>3<td>").expect("line 3");
        assert!(two < msg && msg < three);
        assert!(html.contains("two &lt;x>"), "{html}");
        assert!(html.rfind("past the end").expect("kept") > three);
        // Two lines of context after line 2, then nothing more to show.
        assert!(html.contains("<tr><td>4<td>") && !html.contains("<tr><td>5<td>"));
    }

    #[test]
    fn far_apart_findings_show_their_neighbourhoods_with_a_gap() {
        let text: String = (1..=30).map(|n| format!("line {n}\n")).collect();
        let f = [finding(2, "a"), finding(25, "b")];
        let refs: Vec<&Diagnostic> = f.iter().collect();
        let html = lines_table(&text, &refs);
        assert!(html.contains("<tr><td>1<td>") && html.contains("<tr><td>27<td>"));
        assert!(!html.contains("<tr><td>10<td>") && !html.contains("<tr><td>28<td>"));
        // Only the flagged lines, which the report links to, are anchors.
        assert!(html.contains(r#"<tr id="L25" class="flagged">"#));
        assert_eq!(html.matches(" id=\"L").count(), 2);
        assert_eq!(html.matches(r#"class="gap""#).count(), 1);
    }

    #[test]
    fn long_context_lines_are_cut() {
        let long = "é".repeat(400);
        let text = format!("{long}\nx\n{long}\n");
        let f = [finding(2, "here")];
        let refs: Vec<&Diagnostic> = f.iter().collect();
        let html = lines_table(&text, &refs);
        let cut = format!("<tr><td>1<td>{}…", "é".repeat(CONTEXT_CHARS));
        assert!(html.contains(&cut), "{html}");
        assert_eq!(html.matches('…').count(), 2, "lines 1 and 3 are cut");
    }

    #[test]
    fn a_long_flagged_line_keeps_the_text_around_its_findings() {
        // Finding columns 600-609 and 700-704 of a 2,000-character line.
        let line: String = (0..2000)
            .map(|i| if i == 604 { 'X' } else { 'a' })
            .collect();
        let mut first = finding(1, "first");
        (first.column, first.end_column) = (600, 610);
        let mut second = finding(1, "second");
        (second.column, second.end_column) = (700, 705);
        let refs = [&first, &second];
        let html = lines_table(&line, &refs);
        let shown = format!(
            "<td>…{}X{}…<tr",
            "a".repeat(604 - (599 - FLAGGED_MARGIN)),
            "a".repeat(704 + FLAGGED_MARGIN - 605)
        );
        assert!(html.contains(&shown), "{html}");
        // A short flagged line, or one whose findings reach its ends, stays whole.
        assert_eq!(window("abc", 0, 5), "abc");
        assert_eq!(window(&line, 0, usize::MAX), line.as_str());
        assert_eq!(window("abcdef", 2, 4), "…cd…");
    }
}
