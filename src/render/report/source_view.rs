//! A file's text with line numbers and its findings under the lines they point at, so a
//! report entry can link to `…/source/<path>.html#L35` on any host, offline too.

use std::fmt::Write;

use crate::diagnostics::Diagnostic;
use crate::escape;

/// The table of lines. `findings` are the file's, in any order.
pub fn lines_table(text: &str, findings: &[&Diagnostic]) -> String {
    let mut by_line: Vec<&Diagnostic> = findings.to_vec();
    by_line.sort_by_key(|d| (d.line, d.column));
    let mut next = by_line.iter().peekable();
    let mut out = String::with_capacity(text.len() * 2);
    out.push_str(r#"<table class="source-lines"><tbody>"#);
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
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
        }
    }

    #[test]
    fn findings_follow_their_line_and_text_is_escaped() {
        let f = [finding(2, "<b> changed"), finding(9, "past the end")];
        let refs: Vec<&Diagnostic> = f.iter().collect();
        let html = lines_table("one\ntwo <x>\nthree\n", &refs);
        let two = html
            .find(r#"<tr id="L2" class="flagged">"#)
            .expect("line 2 flagged");
        let msg = html.find("&lt;b&gt; changed").expect("message");
        let three = html.find(r#"<tr id="L3">"#).expect("line 3");
        assert!(two < msg && msg < three);
        assert!(html.contains("two &lt;x&gt;"));
        assert!(html.rfind("past the end").expect("kept") > three);
    }
}
