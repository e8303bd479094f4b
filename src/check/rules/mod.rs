//! One file per rule. Each exposes `check`; the rule's code, severity and docs are in
//! [`crate::diagnostics::codes`] (docs in `src/diagnostics/docs/<CODE>.md`).

mod an001_duplicate_anchor;
mod an002_anchor_drift;
mod an003_invalid_anchor;
mod fm003_required_key;
mod fm004_invalid_value;
mod fm005_html_comment_in_yaml;
mod fm006_locale_mismatch;
mod lk001_missing_file;
mod lk002_missing_fragment;
mod lk005_hard_coded_locale;
mod lk006_insecure_url;
mod lk007_empty_link;
mod lk010_missing_alt;
mod lk011_unsafe_blank;
mod md001_glued_emphasis;
mod md002_table_shape;
mod md004_displaced_emphasis;
mod md005_active_content;
mod md006_include_cycle;
mod md007_include_limit;
mod pt001_unknown_partner_type;
mod pt002_missing_partner_type;
mod pt003_partner_type_label;
mod pt_common;
mod st001_step_numbering;
mod st002_list_restarted;
mod st003_step_count_source;
mod st004_step_count_model;
mod st005_unknown_ui_label;
mod st006_wrong_ui_label;
mod sx001_sxs_unpaired;
mod sx002_sxs_duplicate_id;
mod sx003_untranslated_segment;
mod sx004_segment_markup;
mod sx005_protected_literal;
mod sx006_stale_segment;
mod sx_common;
mod tc001_toc_missing_target;
mod tc002_not_in_toc;
mod tr001_stale_translation;
mod tr002_missing_translation;
mod tr003_orphan_translation;
mod tr004_structure_drift;
mod tr_common;
mod url_common;
mod wf002_model_dangling;
mod wf003_model_unreachable;
mod wf004_binding_target;
mod wf005_unbound_procedure;

pub use crate::site::freshness::handoff_hash;
pub use lk002_missing_fragment::answer as answer_fragment;
pub use wf003_model_unreachable::reachable;

use super::CheckContext;
use crate::diagnostics::Diagnostic;
use crate::markdown::Article;

pub type ArticleRule = fn(&Article, &CheckContext<'_>, &mut Vec<Diagnostic>);
pub type SiteRule = fn(&CheckContext<'_>, &mut Vec<Diagnostic>);

/// What a site rule reads of the site besides the model (a model, `site.toml` or template
/// change reloads everything): a change runs the rule again only when one of these moved,
/// or when the rule has findings on a changed file (their source lines moved).
#[derive(Clone, Copy, Debug)]
pub struct Reads {
    /// The TOC files.
    pub tocs: bool,
    /// Which files exist.
    pub paths: bool,
    /// The articles' text.
    pub bodies: bool,
    /// Which articles there are, or anything they hold: `false` when the TOCs, which files
    /// exist and the model are all the rule reads (a streamed check runs it before any page
    /// is read).
    pub articles: bool,
}

impl Reads {
    /// Whether what changes touched is something the rule reads.
    pub fn any_of(self, touched: &crate::site::Touched) -> bool {
        (self.tocs && touched.tocs)
            || (self.paths && touched.paths)
            || (self.bodies && touched.bodies)
    }
}

/// Rules run on each article (in parallel).
pub const ARTICLE_RULES: &[ArticleRule] = &[
    fm003_required_key::check,
    fm004_invalid_value::check,
    fm005_html_comment_in_yaml::check,
    fm006_locale_mismatch::check,
    lk001_missing_file::check,
    lk002_missing_fragment::check,
    lk005_hard_coded_locale::check,
    lk006_insecure_url::check,
    lk007_empty_link::check,
    lk010_missing_alt::check,
    lk011_unsafe_blank::check,
    an001_duplicate_anchor::check,
    an002_anchor_drift::check,
    an003_invalid_anchor::check,
    tr001_stale_translation::check,
    tr003_orphan_translation::check,
    tr004_structure_drift::check,
    st001_step_numbering::check,
    st002_list_restarted::check,
    st003_step_count_source::check,
    st004_step_count_model::check,
    st005_unknown_ui_label::check,
    st006_wrong_ui_label::check,
    wf005_unbound_procedure::check,
    pt001_unknown_partner_type::check,
    pt002_missing_partner_type::check,
    pt003_partner_type_label::check,
    sx001_sxs_unpaired::check,
    sx002_sxs_duplicate_id::check,
    sx003_untranslated_segment::check,
    sx004_segment_markup::check,
    sx005_protected_literal::check,
    sx006_stale_segment::check,
    md001_glued_emphasis::check,
    md002_table_shape::check,
    md004_displaced_emphasis::check,
    md005_active_content::check,
    md007_include_limit::check,
];

/// Rules run once on the whole site.
pub const SITE_RULES: &[(SiteRule, Reads)] = &[
    (
        tc001_toc_missing_target::check,
        tc001_toc_missing_target::READS,
    ),
    (tc002_not_in_toc::check, tc002_not_in_toc::READS),
    (
        tr002_missing_translation::check,
        tr002_missing_translation::READS,
    ),
    (wf002_model_dangling::check, wf002_model_dangling::READS),
    (
        wf003_model_unreachable::check,
        wf003_model_unreachable::READS,
    ),
    (wf004_binding_target::check, wf004_binding_target::READS),
    (md006_include_cycle::check, md006_include_cycle::READS),
    (
        md005_active_content::check_tocs,
        md005_active_content::TOCS_READS,
    ),
];
