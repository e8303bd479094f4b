//! FM004 invalid-value: localization metadata with a value the pipeline does not know.

use crate::check::CheckContext;
use crate::content::yaml::YamlValue;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

const TRANSLATION_TYPES: &[&str] = &["MT", "HT", "MTE", "MTE75", "MTE95"];
const DATE_KEYS: &[&str] = &["ms.date", "ms.lasthandoff"];

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(fm) = &article.front_matter else {
        return;
    };
    if let Some(entry) = fm.get("ms.translationtype")
        && let Some(value) = entry.value.scalar_text()
        && !TRANSLATION_TYPES.contains(&value.trim())
    {
        out.push(
            Diagnostic::new(
                &codes::FM004,
                article.file_ref(),
                entry.value_span,
                format!(
                    "`ms.translationtype: {value}` is none of {}",
                    TRANSLATION_TYPES.join(", ")
                ),
            )
            .with_help("MT: machine, HT: human, MTE/MTE75/MTE95: machine with editing"),
        );
    }
    for key in DATE_KEYS {
        let Some(entry) = fm.get(key) else {
            continue;
        };
        let ok = match &entry.value {
            YamlValue::String(s) => s.trim().is_empty() || is_us_date(s.trim()),
            YamlValue::Null => true, // empty: FM003's business if required
            _ => false,
        };
        if !ok {
            let shown = entry.value.scalar_text().unwrap_or_else(|| "…".into());
            out.push(
                Diagnostic::new(
                    &codes::FM004,
                    article.file_ref(),
                    entry.value_span,
                    format!("`{key}: {shown}` is not a date in the form MM/DD/YYYY"),
                )
                .with_help("write it as 02/04/2020"),
            );
        }
    }
}

/// `MM/DD/YYYY` with a real month and day.
fn is_us_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('/').collect();
    let [m, d, y] = parts.as_slice() else {
        return false;
    };
    let num = |p: &str, len: usize| {
        (p.len() == len || (len == 2 && p.len() == 1)) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(num(m, 2) && num(d, 2) && num(y, 4)) {
        return false;
    }
    let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert!(super::is_us_date("02/04/2020"));
        assert!(super::is_us_date("2/4/2020"));
        assert!(!super::is_us_date("2020-02-04"));
        assert!(!super::is_us_date("13/01/2020"));
    }
}
