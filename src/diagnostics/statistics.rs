//! `--statistics`: how many findings each code has, instead of the findings (as ruff's
//! `--statistics`): the first look at a large corpus, and a figure to track in CI.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::{Diagnostic, Severity};

/// One line of the statistics: a code at one severity (`[severity]` in site.toml can
/// give a code another level than its rule's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub count: usize,
}

/// Counts by code and severity, the most frequent first (then by code).
pub fn statistics(diagnostics: &[Diagnostic]) -> Vec<CodeCount> {
    let mut counts: BTreeMap<(&'static str, Severity), CodeCount> = BTreeMap::new();
    for d in diagnostics {
        counts
            .entry((d.code, d.severity))
            .or_insert(CodeCount {
                code: d.code,
                rule: d.rule,
                severity: d.severity,
                count: 0,
            })
            .count += 1;
    }
    let mut out: Vec<CodeCount> = counts.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    out
}

/// The statistics as aligned text: `count  CODE  severity  rule`.
pub fn render_statistics(counts: &[CodeCount]) -> String {
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for c in counts {
        let _ = writeln!(
            out,
            "{:>width$}  {}  {:<7}  {}",
            c.count,
            c.code,
            c.severity.as_str(),
            c.rule
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Rule;

    fn finding(code: &str, severity: Severity) -> Diagnostic {
        let rule = Rule::find(code).expect("a rule");
        let mut d = Diagnostic::whole_file(rule, "en-us/a.md", "m");
        d.severity = severity;
        d
    }

    #[test]
    fn counts_are_per_code_and_severity_most_frequent_first() {
        let found = [
            finding("LK005", Severity::Warning),
            finding("LK001", Severity::Error),
            finding("LK005", Severity::Warning),
            finding("LK005", Severity::Error),
        ];
        let counts = statistics(&found);
        let lines: Vec<(&str, Severity, usize)> = counts
            .iter()
            .map(|c| (c.code, c.severity, c.count))
            .collect();
        assert_eq!(
            lines,
            [
                ("LK005", Severity::Warning, 2),
                ("LK001", Severity::Error, 1),
                ("LK005", Severity::Error, 1)
            ]
        );
        assert_eq!(
            render_statistics(&counts).lines().next(),
            Some("2  LK005  warning  hard-coded-locale")
        );
    }
}
