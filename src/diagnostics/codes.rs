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
    /// The one file under `src/` whose code makes this code's findings: a rule of
    /// `check/rules/`, or the stage that finds the problem while reading (a file that cannot
    /// be read, front matter that does not parse). `tests/architecture.rs` holds it true.
    pub source: &'static str,
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
    ($($ident:ident = $code:literal, $name:literal, $sev:ident, $summary:literal, $source:literal;)*) => {
        $(pub const $ident: Rule = Rule {
            code: $code, name: $name, severity: Severity::$sev, summary: $summary,
            docs: include_str!(concat!("docs/", $code, ".md")),
            source: $source,
        };)*
        /// Every rule, in code order.
        pub const ALL_RULES: &[&Rule] = &[$(&$ident),*];
    };
}

rules! {
    FM001 = "FM001", "front-matter-missing", Error, "no front matter, or the closing `---` is missing", "markdown/mod.rs";
    FM002 = "FM002", "yaml-syntax", Error, "the front matter is not valid YAML", "markdown/mod.rs";
    FM003 = "FM003", "required-key", Error, "a required front matter key is missing or empty", "check/rules/fm003_required_key.rs";
    FM004 = "FM004", "invalid-value", Warning, "a front matter value the localization pipeline does not know", "check/rules/fm004_invalid_value.rs";
    FM005 = "FM005", "html-comment-in-yaml", Warning, "an HTML comment `<!-- -->` inside a YAML value", "check/rules/fm005_html_comment_in_yaml.rs";
    FM006 = "FM006", "locale-mismatch", Warning, "`ms.contentlocale` differs from the file's locale folder", "check/rules/fm006_locale_mismatch.rs";
    FM007 = "FM007", "duplicate-key", Warning, "a front matter key is given twice", "markdown/mod.rs";
    LK001 = "LK001", "missing-file", Error, "a relative link's target file does not exist", "check/rules/lk001_missing_file.rs";
    LK002 = "LK002", "missing-fragment", Error, "a `#fragment` is not an anchor of the target page", "check/rules/lk002_missing_fragment.rs";
    LK003 = "LK003", "fragment-case", Warning, "a `#fragment` matches an anchor only when case is ignored", "check/rules/lk002_missing_fragment.rs";
    LK004 = "LK004", "fallback-target", Info, "the link's target exists only in the source locale", "check/rules/lk001_missing_file.rs";
    LK005 = "LK005", "hard-coded-locale", Warning, "a locale such as `/en-us/` in a URL of a localized article", "check/rules/lk005_hard_coded_locale.rs";
    LK006 = "LK006", "insecure-url", Warning, "an `http://` link", "check/rules/lk006_insecure_url.rs";
    LK007 = "LK007", "empty-link", Error, "an empty `href`, or a link with no text", "check/rules/lk007_empty_link.rs";
    LK008 = "LK008", "external-broken", Error, "an external URL failed (only with `--online`)", "check/online/mod.rs";
    LK009 = "LK009", "missing-image", Error, "an image or media file does not exist", "check/rules/lk001_missing_file.rs";
    LK010 = "LK010", "missing-alt", Warning, "an image without alt text, or whose alt text was lost in translation", "check/rules/lk010_missing_alt.rs";
    LK011 = "LK011", "unsafe-blank", Warning, "`target=\"_blank\"` without `rel=\"noopener\"`", "check/rules/lk011_unsafe_blank.rs";
    LK012 = "LK012", "redirected", Warning, "the link's target is a redirected page", "check/rules/lk001_missing_file.rs";
    AN001 = "AN001", "duplicate-anchor", Warning, "the same anchor id twice in a page", "check/rules/an001_duplicate_anchor.rs";
    AN002 = "AN002", "anchor-drift", Warning, "a translated heading's anchor differs from the source heading's", "check/rules/an002_anchor_drift.rs";
    AN003 = "AN003", "invalid-anchor", Warning, "an empty anchor, or one with spaces or odd characters", "check/rules/an003_invalid_anchor.rs";
    ST001 = "ST001", "step-numbering", Warning, "an ordered list is not numbered 1..n", "check/rules/st001_step_numbering.rs";
    ST002 = "ST002", "list-restarted", Warning, "a procedure interrupted by an image, note or comment restarts at 1", "check/rules/st002_list_restarted.rs";
    ST003 = "ST003", "step-count-source", Warning, "a procedure's step count differs from the source locale's", "check/rules/st003_step_count_source.rs";
    ST004 = "ST004", "step-count-model", Warning, "a bound procedure's step count differs from its workflow", "check/rules/st004_step_count_model.rs";
    ST005 = "ST005", "unknown-ui-label", Warning, "a step's bold label is no UI string of the locale", "check/rules/st005_unknown_ui_label.rs";
    ST006 = "ST006", "wrong-ui-label", Warning, "a step's label is not the UI string the model expects for that step", "check/rules/st006_wrong_ui_label.rs";
    WF001 = "WF001", "model-invalid", Error, "a model file fails to parse or deserialize, or defines an id twice", "model/load.rs";
    WF002 = "WF002", "model-dangling", Error, "a model reference to an unknown id", "check/rules/wf002_model_dangling.rs";
    WF003 = "WF003", "model-unreachable", Error, "an unreachable state or workflow, or an illegal transition", "check/rules/wf003_model_unreachable.rs";
    WF004 = "WF004", "binding-target", Error, "a bound article, anchor or procedure is not found", "check/rules/wf004_binding_target.rs";
    WF005 = "WF005", "unbound-procedure", Info, "a procedure that no binding covers", "check/rules/wf005_unbound_procedure.rs";
    PT001 = "PT001", "unknown-partner-type", Warning, "a partner table row names no type the portal offers", "check/rules/pt001_unknown_partner_type.rs";
    PT002 = "PT002", "missing-partner-type", Warning, "a type the portal offers is missing from the partner table", "check/rules/pt002_missing_partner_type.rs";
    PT003 = "PT003", "partner-type-label", Warning, "a partner type's label is not the locale's label", "check/rules/pt003_partner_type_label.rs";
    SX001 = "SX001", "sxs-unpaired", Error, "a `data-ttu-id` without its `data-stu-id` source copy, or the reverse", "check/rules/sx001_sxs_unpaired.rs";
    SX002 = "SX002", "sxs-duplicate-id", Warning, "the same segment id twice in a file", "check/rules/sx002_sxs_duplicate_id.rs";
    SX003 = "SX003", "untranslated-segment", Warning, "a prose segment whose translation equals its source", "check/rules/sx003_untranslated_segment.rs";
    SX004 = "SX004", "segment-markup", Warning, "bold, link or code counts differ between a segment's translation and source", "check/rules/sx004_segment_markup.rs";
    SX005 = "SX005", "protected-literal", Error, "a code span, MIME type, file extension, number or URL altered in translation", "check/rules/sx005_protected_literal.rs";
    SX006 = "SX006", "stale-segment", Warning, "a segment's source text is no longer in the source article", "check/rules/sx006_stale_segment.rs";
    MD001 = "MD001", "glued-emphasis", Warning, "bold glued to a word, or an escaped empty bold", "check/rules/md001_glued_emphasis.rs";
    MD002 = "MD002", "table-shape", Warning, "a table row's cell count differs from the header's", "check/rules/md002_table_shape.rs";
    MD003 = "MD003", "unknown-directive", Warning, "unknown or malformed `:::` or `[!…]` directive", "markdown/walk/directive_lines.rs";
    MD004 = "MD004", "displaced-emphasis", Warning, "bold around a lone function word (a machine-translation artifact)", "check/rules/md004_displaced_emphasis.rs";
    MD005 = "MD005", "active-content", Error, "a script, inline event handler or `javascript:` URL in an article or a TOC", "check/rules/md005_active_content.rs";
    MD006 = "MD006", "include-cycle", Error, "an include that includes its own file, directly or through others", "check/rules/md006_include_cycle.rs";
    MD007 = "MD007", "include-limit", Error, "a page's includes expand beyond the depth, count or size limit", "check/rules/md007_include_limit.rs";
    TR001 = "TR001", "stale-translation", Warning, "`ms.openlocfilehash` is not the SHA-1 of today's source (with CRLF endings)", "check/rules/tr001_stale_translation.rs";
    TR002 = "TR002", "missing-translation", Info, "a source article has no translation in a locale", "check/rules/tr002_missing_translation.rs";
    TR003 = "TR003", "orphan-translation", Warning, "a translation has no source article", "check/rules/tr003_orphan_translation.rs";
    TR004 = "TR004", "structure-drift", Warning, "headings, tables or procedures differ from the source's", "check/rules/tr004_structure_drift.rs";
    TC001 = "TC001", "toc-missing-target", Error, "a TOC entry points to a missing file", "check/rules/tc001_toc_missing_target.rs";
    TC002 = "TC002", "not-in-toc", Info, "an article no TOC of its locale leads to", "check/rules/tc002_not_in_toc.rs";
    TC003 = "TC003", "toc-invalid", Error, "a TOC file fails to parse, or uses unknown keys", "content/toc.rs";
    IO001 = "IO001", "unreadable-file", Error, "a file could not be read", "files.rs";
    IO002 = "IO002", "invalid-encoding", Warning, "a file is not valid UTF-8 (or UTF-16 with a byte-order mark), or holds NUL characters", "decode.rs";
    IO003 = "IO003", "outside-site", Error, "a symbolic link resolves outside the site; it is not read", "files.rs";
    IO004 = "IO004", "special-file", Error, "a FIFO, socket or device file in the site; it is not read", "files.rs";
    IO005 = "IO005", "file-too-large", Error, "a text file over the size limit; it is not read", "files.rs";
    RN001 = "RN001", "render-failed", Error, "a page could not be rendered by its template", "render/pages/mod.rs";
    RN002 = "RN002", "url-collision", Error, "two articles would be published at the same URL", "render/pages/mod.rs";
}
