//! The registry of rule codes. A code never changes meaning once released.

use super::Severity;

/// A rule: its stable code, its kebab-case name, its default severity and a one-line summary.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

macro_rules! rules {
    ($($ident:ident = $code:literal, $name:literal, $sev:ident, $summary:literal;)*) => {
        $(pub const $ident: Rule = Rule {
            code: $code, name: $name, severity: Severity::$sev, summary: $summary,
        };)*
        /// Every rule, in code order.
        pub const ALL_RULES: &[&Rule] = &[$(&$ident),*];
    };
}

rules! {
    FM001 = "FM001", "front-matter-missing", Error, "no front matter, or the closing `---` is missing";
    FM002 = "FM002", "yaml-syntax", Error, "the front matter is not valid YAML";
    FM007 = "FM007", "duplicate-key", Warning, "a front matter key is given twice";
    MD003 = "MD003", "unknown-directive", Warning, "unknown or malformed `:::` or `[!…]` directive";
    IO001 = "IO001", "unreadable-file", Error, "a file could not be read";
    IO002 = "IO002", "invalid-encoding", Warning, "a file is not valid UTF-8 (or UTF-16 with a byte-order mark)";
    TC003 = "TC003", "toc-invalid", Error, "a TOC file fails to parse, or uses unknown keys";
    RN001 = "RN001", "render-failed", Error, "a page could not be rendered by its template";
    RN002 = "RN002", "url-collision", Error, "two articles would be published at the same URL";
}
