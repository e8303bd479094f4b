//! What the model adds to pages: partner-type tables (`:::partner-types portal="…":::` and
//! the `partner_types()` Tera function) and, after each bound procedure's heading, a link to
//! its workflow on the lifecycle page.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;
use tera::{Kwargs, State, Tera, Value};

use super::placeholder;
use super::strings::UiStrings;
use crate::config::Locale;
use crate::escape;
use crate::model::{Model, PortalId};
use crate::site::Site;

/// The lifecycle page's folder, under each locale.
pub const LIFECYCLE_DIR: &str = "lifecycle";

/// One row of a partner-type table.
#[derive(Clone, Debug, Serialize)]
pub struct TypeRow {
    pub id: String,
    pub label: String,
    pub description: String,
}

/// The partner types `portal` offers, labelled in `locale` (else the source locale).
pub fn type_rows(
    model: &Model,
    portal: &PortalId,
    locale: &Locale,
    source: &Locale,
) -> Vec<TypeRow> {
    model
        .types_on(portal)
        .map(|t| TypeRow {
            id: t.id.value.to_string(),
            label: t
                .labels
                .value
                .get_or(locale, source)
                .unwrap_or_default()
                .to_string(),
            description: t
                .descriptions
                .value
                .get_or(locale, source)
                .unwrap_or_default()
                .to_string(),
        })
        .collect()
}

/// `partner_types(portal="admin-center", locale="fr-fr")` in templates: the rows of the
/// portal's catalog, to lay out as the template likes. Without `locale`, the source locale's.
pub fn register(tera: &mut Tera, site: &Site) {
    let Some(model) = site.model() else {
        return;
    };
    let source = site.config().source_locale.clone();
    let mut rows: HashMap<(String, String), Vec<TypeRow>> = HashMap::new();
    for portal in &model.portals {
        for locale in &site.config().locales {
            rows.insert(
                (portal.id.value.to_string(), locale.to_string()),
                type_rows(model, &portal.id.value, locale, &source),
            );
        }
    }
    tera.register_function("partner_types", move |kwargs: Kwargs, _: &State| {
        let portal: String = kwargs.must_get("portal")?;
        let locale: Option<String> = kwargs.get("locale")?;
        let locale = locale.unwrap_or_else(|| source.to_string());
        rows.get(&(portal.clone(), locale.clone()))
            .map(Value::from_serializable)
            .ok_or_else(|| {
                tera::Error::message(format!(
                    "partner_types: no portal `{portal}` in locale `{locale}` in the model"
                ))
            })
    });
}

const OPEN: &str = "<diglot-partner-types portal=\"";
const CLOSE: &str = "\"></diglot-partner-types>";

/// Replaces each `:::partner-types` placeholder with the catalog's table in `locale`.
pub fn splice_partner_types<'h>(
    html: &'h str,
    site: &Site,
    locale: &Locale,
    strings: &UiStrings,
) -> Cow<'h, str> {
    placeholder::fill(html, OPEN, CLOSE, |portal, out| {
        let portal = PortalId(portal.to_string());
        match site.model().filter(|m| m.portal(&portal).is_some()) {
            Some(model) => {
                let rows = type_rows(model, &portal, locale, &site.config().source_locale);
                out.push_str(&table_html(&rows, strings));
            }
            // WF002 reports it; the page says what is missing rather than nothing.
            None => {
                out.push_str("<p class=\"unknown-directive\">partner-types: ");
                out.push_str(&escape::text(portal.as_str()));
                out.push_str("</p>");
            }
        }
    })
}

fn table_html(rows: &[TypeRow], strings: &UiStrings) -> String {
    let mut out = format!(
        "<table class=\"partner-types\">\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape::text(&strings.partner_type),
        escape::text(&strings.description)
    );
    for r in rows {
        out.push_str(&format!(
            "<tr data-type=\"{}\"><td>{}</td><td>{}</td></tr>\n",
            escape::attr(&r.id),
            escape::text(&r.label),
            escape::text(&r.description)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// After the heading of each procedure the model binds, a link to its workflow on the
/// lifecycle page. `locale_root` leads from the page to its locale's folder.
pub fn link_procedures(
    html: &str,
    site: &Site,
    rel: &str,
    locale: &Locale,
    locale_root: &str,
    strings: &UiStrings,
) -> Option<String> {
    let model = site.model()?;
    let binding = model.binding(rel)?;
    let mut out = html.to_string();
    for pb in &binding.procedures {
        let Some(workflow) = model.workflow(&pb.workflow.value) else {
            continue;
        };
        let id_attr = format!(" id=\"{}\"", escape::attr(&pb.anchor.value));
        let Some(at) = out.find(&id_attr) else {
            continue;
        };
        // The end of that heading element.
        let Some(close) = out[at..].find("</h").map(|i| at + i) else {
            continue;
        };
        let Some(end) = out[close..].find('>').map(|i| close + i + 1) else {
            continue;
        };
        let title = workflow
            .titles
            .value
            .get_or(locale, &site.config().source_locale)
            .unwrap_or(workflow.id.value.as_str());
        let link = format!(
            "\n<p class=\"workflow-link\"><a href=\"{locale_root}{LIFECYCLE_DIR}/#wf-{}\">{} — {}</a></p>",
            escape::attr(workflow.id.value.as_str()),
            escape::text(&strings.lifecycle),
            escape::text(title)
        );
        out.insert_str(end, &link);
    }
    Some(out)
}
