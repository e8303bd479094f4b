//! Findings as a part of a sharded build stores them (`build --shard i/n`), read back by
//! `diglot merge` to write the whole site's report. Everything a report shows is kept; the
//! source line and fingerprint are not (a part writes its files' source views itself).

use serde::{Deserialize, Serialize};

use super::{ALL_RULES, Diagnostic, Related, Severity};

#[derive(Serialize, Deserialize)]
pub struct StoredDiagnostic {
    code: String,
    severity: Severity,
    path: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: String,
    help: Option<String>,
    #[serde(default)]
    related: Vec<Related>,
}

impl From<&Diagnostic> for StoredDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        StoredDiagnostic {
            code: d.code.to_string(),
            severity: d.severity,
            path: d.path.clone(),
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
            message: d.message.clone(),
            help: d.help.clone(),
            related: d.related.clone(),
        }
    }
}

impl StoredDiagnostic {
    /// The finding again; `Err` names a code this diglot does not know (a part made by
    /// another version).
    pub fn into_diagnostic(self) -> Result<Diagnostic, String> {
        let rule = ALL_RULES
            .iter()
            .find(|r| r.code == self.code)
            .ok_or_else(|| format!("unknown code `{}`", self.code))?;
        Ok(Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: self.severity,
            path: self.path,
            line: self.line,
            column: self.column,
            end_line: self.end_line,
            end_column: self.end_column,
            message: self.message,
            help: self.help,
            related: self.related,
            fingerprint: 0,
            whole_file: false,
            fix: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_comes_back_as_it_was_stored_but_its_line() {
        // Any rule will do (naming one here would make this file one that emits it).
        let rule = ALL_RULES[ALL_RULES.len() / 2];
        let d =
            Diagnostic::whole_file(rule, "fr-fr/a.md", "`b.md` is missing").with_help("create it");
        let json = serde_json::to_string(&StoredDiagnostic::from(&d)).expect("json");
        let back: StoredDiagnostic = serde_json::from_str(&json).expect("read");
        let back = back.into_diagnostic().expect("known code");
        assert_eq!((back.code, back.rule), (d.code, d.rule));
        assert_eq!(back.severity, d.severity);
        assert_eq!(
            (back.path, back.line, back.message),
            (d.path, d.line, d.message)
        );
        assert_eq!(back.help, d.help);
        let unknown = json.replace(rule.code, "ZZ999");
        let unknown: StoredDiagnostic = serde_json::from_str(&unknown).expect("read");
        assert!(unknown.into_diagnostic().is_err());
    }
}
