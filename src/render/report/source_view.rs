//! A file's flagged lines, with a few lines of context, line numbers, and the findings under
//! the lines they point at, so a report entry can link to `…/source/<path>.html#L35` on any
//! host, offline too. Only the neighbourhood of findings is shown: a large site has
//! thousands of files with findings, and the writer's editor has the rest.

use std::fmt::Write;

use crate::diagnostics::Diagnostic;
use crate::escape;

/// Lines shown before and after each flagged line.
const CONTEXT: u32 = 3;

/// The table of lines. `findings` are the file's, in any order.
pub fn lines_table(text: &str, findings: &[&Diagnostic]) -> String {
    let mut by_line: Vec<&Diagnostic> = findings.to_vec();
    by_line.sort_by_key(|d| (d.line, d.column));
    let mut next = by_line.iter().peekable();
    let count = text.lines().count();
    let mut shown = vec![false; count + 1];
    for d in &by_line {
        let from = d.line.saturating_sub(CONTEXT).max(1) as usize;
        let to = (d.line.max(d.end_line) + CONTEXT) as usize;
        for slot in shown.iter_mut().take(to.min(count) + 1).skip(from) {
            *slot = true;
        }
    }
    let mut out = String::new();
    out.push_str(r#"<table class="source-lines"><tbody>"#);
    let mut skipped = false;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        if !shown[n as usize] {
            skipped = true;
            continue;
        }
        if skipped {
            out.push_str(r#"<tr class="gap"><td class="ln">⋮</td><td></td></tr>"#);
            skipped = false;
        }
        let flagged = next.peek().is_some_and(|d| d.line == n);
        let _ = write!(
            out,
            r##"<tr id="L{n}"{}><td class="ln"><a href="#L{n}">{n}</a></td><td class="src"><code>{}</code></td></tr>"##,
            if flagged { r#" class="flagged""# } else { "" },
            escape::text(line)
        );
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

fn finding_row(out: &mut String, d: &Diagnostic) {
    let _ = write!(
        out,
        r#"<tr class="finding {sev}"><td class="ln"></td><td><span class="severity">{sev}</span> <code>{code}</code> <span class="at">{line}:{col}</span> {msg}"#,
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
    out.push_str("</td></tr>");
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
            snippet: None,
            fingerprint: 0,
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
        let three = html.find(r#"<tr id="L3">"#).expect("line 3");
        assert!(two < msg && msg < three);
        assert!(html.contains("two &lt;x&gt;"));
        assert!(html.rfind("past the end").expect("kept") > three);
        // Three lines of context after line 2, then nothing more to show.
        assert!(html.contains(r#"<tr id="L5">"#) && !html.contains(r#"<tr id="L6">"#));
    }

    #[test]
    fn far_apart_findings_show_their_neighbourhoods_with_a_gap() {
        let text: String = (1..=30).map(|n| format!("line {n}\n")).collect();
        let f = [finding(2, "a"), finding(25, "b")];
        let refs: Vec<&Diagnostic> = f.iter().collect();
        let html = lines_table(&text, &refs);
        assert!(html.contains(r#"<tr id="L1">"#) && html.contains(r#"<tr id="L28">"#));
        assert!(!html.contains(r#"<tr id="L10">"#) && !html.contains(r#"<tr id="L29">"#));
        assert_eq!(html.matches(r#"class="gap""#).count(), 1);
    }
}
