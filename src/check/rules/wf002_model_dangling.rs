//! WF002 model-dangling: every id the model refers to is defined.

use crate::check::CheckContext;
use crate::check::rules::Reads;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::directives::Directive;
use crate::model::{FileId, span_of};
use serde_saphyr::Spanned;

/// The ids of one kind: a set, so a model of 20,000 states checks in linear time.
type Known<'m> = std::collections::BTreeSet<&'m str>;

/// What the site rule reads: the model, and the articles' `:::partner-types:::` directives.
pub const READS: Reads = Reads {
    tocs: false,
    paths: false,
    bodies: true,
    articles: true,
};

pub fn check(cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    // With a file missing (WF001), what it defines would look dangling or unreachable.
    let Some(model) = cx.site.model().filter(|m| !m.incomplete) else {
        return;
    };
    let mut report = |file: FileId, what: &str, id: &Spanned<String>, known: &Known<'_>| {
        if known.contains(id.value.as_str()) {
            return;
        }
        let mut d = Diagnostic::new(
            &codes::WF002,
            model.file(file),
            span_of(id),
            format!("unknown {what} `{}`", id.value),
        );
        if let Some(c) = crate::suggest::closest(&id.value, known.iter().copied()) {
            d = d.with_help(format!("did you mean `{c}`?"));
        }
        out.push(d);
    };
    let portals: Known<'_> = model.portals.iter().map(|p| p.id.value.as_str()).collect();
    let types: Known<'_> = model
        .partner_types
        .iter()
        .map(|t| t.id.value.as_str())
        .collect();
    let strings: Known<'_> = model
        .ui_strings
        .iter()
        .map(|s| s.id.value.as_str())
        .collect();
    let states: Known<'_> = model.states.iter().map(|s| s.id.value.as_str()).collect();
    let workflows: Known<'_> = model
        .workflows
        .iter()
        .map(|w| w.id.value.as_str())
        .collect();

    for t in &model.partner_types {
        for p in &t.portals {
            report(t.file, "portal", &as_string(p), &portals);
        }
    }
    for s in &model.ui_strings {
        report(s.file, "portal", &as_string(&s.portal), &portals);
    }
    for w in &model.workflows {
        report(w.file, "portal", &as_string(&w.portal), &portals);
        for t in &w.transitions.value {
            report(w.file, "state", &as_string(&t.from), &states);
            report(w.file, "state", &as_string(&t.to), &states);
        }
        for t in w.types.iter().flat_map(|ts| &ts.value) {
            report(w.file, "partner type", &as_string(t), &types);
        }
        for ui in w.steps.iter().flat_map(|s| &s.ui) {
            report(w.file, "UI string", &as_string(ui), &strings);
        }
    }
    for b in &model.bindings {
        report(b.file, "portal", &as_string(&b.portal), &portals);
        for pb in &b.procedures {
            report(b.file, "workflow", &as_string(&pb.workflow), &workflows);
        }
    }
    directives(cx, &portals, out);
}

/// The id as text, keeping its location.
fn as_string<T: AsRef<str>>(id: &Spanned<T>) -> Spanned<String> {
    Spanned::new(id.value.as_ref().to_string(), id.referenced, id.defined)
}

/// `:::partner-types portal="…":::` in an article names a portal of the model.
fn directives(cx: &CheckContext<'_>, portals: &Known<'_>, out: &mut Vec<Diagnostic>) {
    for article in cx.site.articles() {
        for d in &article.directives {
            if let Directive::PartnerTypes { portal } = &d.directive
                && !portals.contains(portal.as_str())
            {
                let mut diag = Diagnostic::new(
                    &codes::WF002,
                    article.file_ref(),
                    d.span,
                    format!("unknown portal `{portal}`: the model defines no such portal"),
                );
                if let Some(c) = crate::suggest::closest(portal, portals.iter().copied()) {
                    diag = diag.with_help(format!("did you mean `{c}`?"));
                }
                out.push(diag);
            }
        }
    }
}
