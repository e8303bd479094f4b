//! The registry of rule codes. A code never changes meaning once released.

use super::Severity;

/// A rule: its stable code, its kebab-case name, its default severity and a one-line summary.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// What it checks, why, an example and the fix (Markdown, from `docs/<CODE>.md`).
    pub docs: &'static str,
}

impl Rule {
    /// Finds a rule by code (`LK005`, any case) or name (`hard-coded-locale`).
    pub fn find(key: &str) -> Option<&'static Rule> {
        ALL_RULES
            .iter()
            .copied()
            .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
    }
}

macro_rules! rules {
    ($($ident:ident = $code:literal, $name:literal, $sev:ident, $summary:literal;)*) => {
        $(pub const $ident: Rule = Rule {
            code: $code, name: $name, severity: Severity::$sev, summary: $summary,
            docs: include_str!(concat!("docs/", $code, ".md")),
        };)*
        /// Every rule, in code order.
        pub const ALL_RULES: &[&Rule] = &[$(&$ident),*];
    };
}

rules! {
    FM001 = "FM001", "front-matter-missing", Error, "no front matter, or the closing `---` is missing";
    FM002 = "FM002", "yaml-syntax", Error, "the front matter is not valid YAML";
    FM003 = "FM003", "required-key", Error, "a required front matter key is missing or empty";
    FM004 = "FM004", "invalid-value", Warning, "a front matter value the localization pipeline does not know";
    FM005 = "FM005", "html-comment-in-yaml", Warning, "an HTML comment `<!-- -->` inside a YAML value";
    FM006 = "FM006", "locale-mismatch", Warning, "`ms.contentlocale` differs from the file's locale folder";
    FM007 = "FM007", "duplicate-key", Warning, "a front matter key is given twice";
    LK001 = "LK001", "missing-file", Error, "a relative link's target file does not exist";
    LK002 = "LK002", "missing-fragment", Error, "a `#fragment` is not an anchor of the target page";
    LK003 = "LK003", "fragment-case", Warning, "a `#fragment` matches an anchor only when case is ignored";
    LK004 = "LK004", "fallback-target", Info, "the link's target exists only in the source locale";
    LK005 = "LK005", "hard-coded-locale", Warning, "a locale such as `/en-us/` in a URL of a localized article";
    LK006 = "LK006", "insecure-url", Warning, "an `http://` link";
    LK007 = "LK007", "empty-link", Error, "an empty `href`, or a link with no text";
    LK008 = "LK008", "external-broken", Error, "an external URL failed (only with `--online`)";
    LK009 = "LK009", "missing-image", Error, "an image or media file does not exist";
    LK010 = "LK010", "missing-alt", Warning, "an image without alt text, or whose alt text was lost in translation";
    LK011 = "LK011", "unsafe-blank", Warning, "`target=\"_blank\"` without `rel=\"noopener\"`";
    LK012 = "LK012", "redirected", Warning, "the link's target is a redirected page";
    AN001 = "AN001", "duplicate-anchor", Warning, "the same anchor id twice in a page";
    AN002 = "AN002", "anchor-drift", Warning, "a translated heading's anchor differs from the source heading's";
    AN003 = "AN003", "invalid-anchor", Warning, "an empty anchor, or one with spaces or odd characters";
    ST001 = "ST001", "step-numbering", Warning, "an ordered list is not numbered 1..n";
    ST002 = "ST002", "list-restarted", Warning, "a procedure interrupted by an image, note or comment restarts at 1";
    ST003 = "ST003", "step-count-source", Warning, "a procedure's step count differs from the source locale's";
    ST004 = "ST004", "step-count-model", Warning, "a bound procedure's step count differs from its workflow";
    ST005 = "ST005", "unknown-ui-label", Warning, "a step's bold label is no UI string of the locale";
    ST006 = "ST006", "wrong-ui-label", Warning, "a step's label is not the UI string the model expects for that step";
    WF001 = "WF001", "model-invalid", Error, "a model file fails to parse or deserialize, or defines an id twice";
    WF002 = "WF002", "model-dangling", Error, "a model reference to an unknown id";
    WF003 = "WF003", "model-unreachable", Error, "an unreachable state or workflow, or an illegal transition";
    WF004 = "WF004", "binding-target", Error, "a bound article, anchor or procedure is not found";
    WF005 = "WF005", "unbound-procedure", Info, "a procedure that no binding covers";
    PT001 = "PT001", "unknown-partner-type", Warning, "a partner table row names no type the portal offers";
    PT002 = "PT002", "missing-partner-type", Warning, "a type the portal offers is missing from the partner table";
    PT003 = "PT003", "partner-type-label", Warning, "a partner type's label is not the locale's label";
    SX001 = "SX001", "sxs-unpaired", Error, "a `data-ttu-id` without its `data-stu-id` source copy, or the reverse";
    SX002 = "SX002", "sxs-duplicate-id", Warning, "the same segment id twice in a file";
    SX003 = "SX003", "untranslated-segment", Warning, "a prose segment whose translation equals its source";
    SX004 = "SX004", "segment-markup", Warning, "bold, link or code counts differ between a segment's translation and source";
    SX005 = "SX005", "protected-literal", Error, "a code span, MIME type, file extension, number or URL altered in translation";
    SX006 = "SX006", "stale-segment", Warning, "a segment's source text is no longer in the source article";
    MD001 = "MD001", "glued-emphasis", Warning, "bold glued to a word, or an escaped empty bold";
    MD002 = "MD002", "table-shape", Warning, "a table row's cell count differs from the header's";
    MD003 = "MD003", "unknown-directive", Warning, "unknown or malformed `:::` or `[!…]` directive";
    MD004 = "MD004", "displaced-emphasis", Warning, "bold around a lone function word (a machine-translation artifact)";
    MD005 = "MD005", "active-content", Error, "a script, inline event handler or `javascript:` URL in an article or a TOC";
    MD006 = "MD006", "include-cycle", Error, "an include that includes its own file, directly or through others";
    MD007 = "MD007", "include-limit", Error, "a page's includes expand beyond the depth, count or size limit";
    TR001 = "TR001", "stale-translation", Warning, "`ms.openlocfilehash` is not the SHA-1 of today's source (with CRLF endings)";
    TR002 = "TR002", "missing-translation", Info, "a source article has no translation in a locale";
    TR003 = "TR003", "orphan-translation", Warning, "a translation has no source article";
    TR004 = "TR004", "structure-drift", Warning, "headings, tables or procedures differ from the source's";
    TC001 = "TC001", "toc-missing-target", Error, "a TOC entry points to a missing file";
    TC002 = "TC002", "not-in-toc", Info, "an article no TOC of its locale leads to";
    TC003 = "TC003", "toc-invalid", Error, "a TOC file fails to parse, or uses unknown keys";
    IO001 = "IO001", "unreadable-file", Error, "a file could not be read";
    IO002 = "IO002", "invalid-encoding", Warning, "a file is not valid UTF-8 (or UTF-16 with a byte-order mark), or holds NUL characters";
    IO003 = "IO003", "outside-site", Error, "a symbolic link resolves outside the site; it is not read";
    IO004 = "IO004", "special-file", Error, "a FIFO, socket or device file in the site; it is not read";
    IO005 = "IO005", "file-too-large", Error, "a text file over the size limit; it is not read";
    RN001 = "RN001", "render-failed", Error, "a page could not be rendered by its template";
    RN002 = "RN002", "url-collision", Error, "two articles would be published at the same URL";
}
