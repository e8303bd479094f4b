//! The interface's own words, per language (page content is the writers').

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::BodyWords;

#[derive(Clone, Debug, Serialize)]
pub struct UiStrings {
    pub skip: Cow<'static, str>,
    pub languages: Cow<'static, str>,
    pub contents: Cow<'static, str>,
    pub fallback: Cow<'static, str>,
    pub bilingual_hint: Cow<'static, str>,
    pub built_with: Cow<'static, str>,
    pub not_found: Cow<'static, str>,
    pub lifecycle: Cow<'static, str>,
    pub lifecycle_intro: Cow<'static, str>,
    pub workflow: Cow<'static, str>,
    pub partner_type: Cow<'static, str>,
    pub description: Cow<'static, str>,
    pub customer: Cow<'static, str>,
    pub partner: Cow<'static, str>,
    pub only_for: Cow<'static, str>,
    pub view: Cow<'static, str>,
    pub view_translation: Cow<'static, str>,
    pub view_side_by_side: Cow<'static, str>,
    pub search: Cow<'static, str>,
    pub search_placeholder: Cow<'static, str>,
    pub no_results: Cow<'static, str>,
    pub results: Cow<'static, str>,
    pub in_this_article: Cow<'static, str>,
    pub breadcrumbs: Cow<'static, str>,
    pub previous: Cow<'static, str>,
    pub next: Cow<'static, str>,
    pub machine_translated: Cow<'static, str>,
    pub stale: Cow<'static, str>,
    pub read_original: Cow<'static, str>,
    pub menu: Cow<'static, str>,
    pub updated: Cow<'static, str>,
    pub fallback_title: Cow<'static, str>,
    /// The titles of `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`.
    pub note: Cow<'static, str>,
    pub tip: Cow<'static, str>,
    pub important: Cow<'static, str>,
    pub warning: Cow<'static, str>,
    pub caution: Cow<'static, str>,
}

impl UiStrings {
    /// These strings, with the ones `overrides` gives (by key, as in `site.toml`'s
    /// `[locales.<code>.strings]`) in their place.
    pub fn with(mut self, overrides: &BTreeMap<String, String>) -> UiStrings {
        for (key, text) in overrides {
            if let Some(slot) = self.slot(key) {
                *slot = Cow::Owned(text.clone());
            }
        }
        self
    }

    /// What an article's body says in these words, its sxs source copies being in
    /// `source_lang`.
    pub fn body_words<'w>(&'w self, source_lang: &'w str) -> BodyWords<'w> {
        BodyWords {
            source_lang,
            alert_titles: [
                &self.note,
                &self.tip,
                &self.important,
                &self.warning,
                &self.caution,
            ],
        }
    }

    /// The string a `site.toml` key names.
    fn slot(&mut self, key: &str) -> Option<&mut Cow<'static, str>> {
        Some(match key {
            "skip" => &mut self.skip,
            "languages" => &mut self.languages,
            "contents" => &mut self.contents,
            "fallback" => &mut self.fallback,
            "bilingual_hint" => &mut self.bilingual_hint,
            "built_with" => &mut self.built_with,
            "not_found" => &mut self.not_found,
            "lifecycle" => &mut self.lifecycle,
            "lifecycle_intro" => &mut self.lifecycle_intro,
            "workflow" => &mut self.workflow,
            "partner_type" => &mut self.partner_type,
            "description" => &mut self.description,
            "customer" => &mut self.customer,
            "partner" => &mut self.partner,
            "only_for" => &mut self.only_for,
            "view" => &mut self.view,
            "view_translation" => &mut self.view_translation,
            "view_side_by_side" => &mut self.view_side_by_side,
            "search" => &mut self.search,
            "search_placeholder" => &mut self.search_placeholder,
            "no_results" => &mut self.no_results,
            "results" => &mut self.results,
            "in_this_article" => &mut self.in_this_article,
            "breadcrumbs" => &mut self.breadcrumbs,
            "previous" => &mut self.previous,
            "next" => &mut self.next,
            "machine_translated" => &mut self.machine_translated,
            "stale" => &mut self.stale,
            "read_original" => &mut self.read_original,
            "menu" => &mut self.menu,
            "updated" => &mut self.updated,
            "fallback_title" => &mut self.fallback_title,
            "note" => &mut self.note,
            "tip" => &mut self.tip,
            "important" => &mut self.important,
            "warning" => &mut self.warning,
            "caution" => &mut self.caution,
            _ => return None,
        })
    }
}

/// Strings for a language code (`fr`); English for languages without a table.
pub fn for_language(lang: &str) -> UiStrings {
    match lang {
        "fr" => UiStrings {
            skip: Cow::Borrowed("Aller au contenu"),
            languages: Cow::Borrowed("Langues"),
            contents: Cow::Borrowed("Sommaire"),
            fallback: Cow::Borrowed(
                "Cet article n’est pas encore traduit en français ; il est affiché dans sa langue d’origine.",
            ),
            bilingual_hint: Cow::Borrowed(
                "Survolez une phrase ou placez-y le focus pour voir le texte source ; au clavier, les flèches passent d’une phrase à l’autre et Échap masque la source.",
            ),
            built_with: Cow::Borrowed("Créé avec diglot"),
            not_found: Cow::Borrowed("Cette page n’existe pas."),
            lifecycle: Cow::Borrowed("Cycle de vie de la relation"),
            lifecycle_intro: Cow::Borrowed(
                "Les états d’une relation avec un partenaire, et les procédures qui la font passer de l’un à l’autre.",
            ),
            workflow: Cow::Borrowed("Flux de travail"),
            partner_type: Cow::Borrowed("Type de partenaire"),
            description: Cow::Borrowed("Description"),
            customer: Cow::Borrowed("Client"),
            partner: Cow::Borrowed("Partenaire"),
            only_for: Cow::Borrowed("Uniquement pour :"),
            view: Cow::Borrowed("Affichage"),
            view_translation: Cow::Borrowed("Traduction"),
            view_side_by_side: Cow::Borrowed("Côte à côte"),
            search: Cow::Borrowed("Rechercher"),
            search_placeholder: Cow::Borrowed("Rechercher dans l’aide"),
            no_results: Cow::Borrowed("Aucun résultat pour"),
            results: Cow::Borrowed("Résultats"),
            in_this_article: Cow::Borrowed("Dans cet article"),
            breadcrumbs: Cow::Borrowed("Fil d’Ariane"),
            previous: Cow::Borrowed("Précédent"),
            next: Cow::Borrowed("Suivant"),
            machine_translated: Cow::Borrowed(
                "Cet article a été traduit automatiquement ; il peut contenir des erreurs.",
            ),
            stale: Cow::Borrowed(
                "L’original a été modifié depuis cette traduction ; elle peut être incomplète.",
            ),
            read_original: Cow::Borrowed("Lire l’original"),
            menu: Cow::Borrowed("Menu"),
            updated: Cow::Borrowed("Mis à jour le"),
            fallback_title: Cow::Borrowed("Page introuvable"),
            note: Cow::Borrowed("Remarque"),
            tip: Cow::Borrowed("Conseil"),
            important: Cow::Borrowed("Important"),
            warning: Cow::Borrowed("Avertissement"),
            caution: Cow::Borrowed("Attention"),
        },
        "de" => UiStrings {
            skip: Cow::Borrowed("Zum Inhalt springen"),
            languages: Cow::Borrowed("Sprachen"),
            contents: Cow::Borrowed("Inhalt"),
            fallback: Cow::Borrowed(
                "Dieser Artikel ist noch nicht übersetzt; er wird in seiner Originalsprache angezeigt.",
            ),
            bilingual_hint: Cow::Borrowed(
                "Zeigen Sie auf einen Satz oder fokussieren Sie ihn, um den Quelltext zu sehen; mit der Tastatur wechseln die Pfeiltasten von Satz zu Satz, Escape blendet die Quelle aus.",
            ),
            built_with: Cow::Borrowed("Erstellt mit diglot"),
            not_found: Cow::Borrowed("Diese Seite existiert nicht."),
            lifecycle: Cow::Borrowed("Lebenszyklus der Beziehung"),
            lifecycle_intro: Cow::Borrowed(
                "Die Zustände einer Partnerbeziehung und die Verfahren, die sie von einem zum nächsten führen.",
            ),
            workflow: Cow::Borrowed("Workflow"),
            partner_type: Cow::Borrowed("Partnertyp"),
            description: Cow::Borrowed("Beschreibung"),
            customer: Cow::Borrowed("Kunde"),
            partner: Cow::Borrowed("Partner"),
            only_for: Cow::Borrowed("Nur für:"),
            view: Cow::Borrowed("Ansicht"),
            view_translation: Cow::Borrowed("Übersetzung"),
            view_side_by_side: Cow::Borrowed("Nebeneinander"),
            search: Cow::Borrowed("Suchen"),
            search_placeholder: Cow::Borrowed("Hilfe durchsuchen"),
            no_results: Cow::Borrowed("Keine Ergebnisse für"),
            results: Cow::Borrowed("Ergebnisse"),
            in_this_article: Cow::Borrowed("In diesem Artikel"),
            breadcrumbs: Cow::Borrowed("Brotkrümelnavigation"),
            previous: Cow::Borrowed("Zurück"),
            next: Cow::Borrowed("Weiter"),
            machine_translated: Cow::Borrowed(
                "Dieser Artikel wurde maschinell übersetzt und kann Fehler enthalten.",
            ),
            stale: Cow::Borrowed(
                "Das Original wurde seit dieser Übersetzung geändert; sie ist möglicherweise unvollständig.",
            ),
            read_original: Cow::Borrowed("Original lesen"),
            menu: Cow::Borrowed("Menü"),
            updated: Cow::Borrowed("Aktualisiert am"),
            fallback_title: Cow::Borrowed("Seite nicht gefunden"),
            note: Cow::Borrowed("Hinweis"),
            tip: Cow::Borrowed("Tipp"),
            important: Cow::Borrowed("Wichtig"),
            warning: Cow::Borrowed("Warnung"),
            caution: Cow::Borrowed("Vorsicht"),
        },
        "es" => UiStrings {
            skip: Cow::Borrowed("Ir al contenido"),
            languages: Cow::Borrowed("Idiomas"),
            contents: Cow::Borrowed("Contenido"),
            fallback: Cow::Borrowed(
                "Este artículo aún no está traducido; se muestra en su idioma original.",
            ),
            bilingual_hint: Cow::Borrowed(
                "Pase el puntero sobre una frase o enfóquela para ver el texto de origen; con el teclado, las flechas pasan de una frase a otra y Escape oculta el origen.",
            ),
            built_with: Cow::Borrowed("Creado con diglot"),
            not_found: Cow::Borrowed("Esta página no existe."),
            lifecycle: Cow::Borrowed("Ciclo de vida de la relación"),
            lifecycle_intro: Cow::Borrowed(
                "Los estados de una relación con un asociado y los procedimientos que la llevan de uno a otro.",
            ),
            workflow: Cow::Borrowed("Flujo de trabajo"),
            partner_type: Cow::Borrowed("Tipo de asociado"),
            description: Cow::Borrowed("Descripción"),
            customer: Cow::Borrowed("Cliente"),
            partner: Cow::Borrowed("Asociado"),
            only_for: Cow::Borrowed("Solo para:"),
            view: Cow::Borrowed("Vista"),
            view_translation: Cow::Borrowed("Traducción"),
            view_side_by_side: Cow::Borrowed("En paralelo"),
            search: Cow::Borrowed("Buscar"),
            search_placeholder: Cow::Borrowed("Buscar en la ayuda"),
            no_results: Cow::Borrowed("Sin resultados para"),
            results: Cow::Borrowed("Resultados"),
            in_this_article: Cow::Borrowed("En este artículo"),
            breadcrumbs: Cow::Borrowed("Ruta de navegación"),
            previous: Cow::Borrowed("Anterior"),
            next: Cow::Borrowed("Siguiente"),
            machine_translated: Cow::Borrowed(
                "Este artículo se ha traducido automáticamente y puede contener errores.",
            ),
            stale: Cow::Borrowed(
                "El original ha cambiado desde esta traducción; puede estar incompleta.",
            ),
            read_original: Cow::Borrowed("Leer el original"),
            menu: Cow::Borrowed("Menú"),
            updated: Cow::Borrowed("Actualizado el"),
            fallback_title: Cow::Borrowed("Página no encontrada"),
            note: Cow::Borrowed("Nota"),
            tip: Cow::Borrowed("Sugerencia"),
            important: Cow::Borrowed("Importante"),
            warning: Cow::Borrowed("Advertencia"),
            caution: Cow::Borrowed("Precaución"),
        },
        _ => UiStrings {
            skip: Cow::Borrowed("Skip to content"),
            languages: Cow::Borrowed("Languages"),
            contents: Cow::Borrowed("Contents"),
            fallback: Cow::Borrowed(
                "This article is not translated yet; it is shown in its original language.",
            ),
            bilingual_hint: Cow::Borrowed(
                "Hover over a sentence or focus it to see its source text; with the keyboard, the arrow keys move from sentence to sentence and Escape hides the source.",
            ),
            built_with: Cow::Borrowed("Built with diglot"),
            not_found: Cow::Borrowed("This page does not exist."),
            lifecycle: Cow::Borrowed("Relationship lifecycle"),
            lifecycle_intro: Cow::Borrowed(
                "The states of a partner relationship, and the procedures that move it from one to the next.",
            ),
            workflow: Cow::Borrowed("Workflow"),
            partner_type: Cow::Borrowed("Partner type"),
            description: Cow::Borrowed("Description"),
            customer: Cow::Borrowed("Customer"),
            partner: Cow::Borrowed("Partner"),
            only_for: Cow::Borrowed("Only for:"),
            view: Cow::Borrowed("View"),
            view_translation: Cow::Borrowed("Translation"),
            view_side_by_side: Cow::Borrowed("Side by side"),
            search: Cow::Borrowed("Search"),
            search_placeholder: Cow::Borrowed("Search this help"),
            no_results: Cow::Borrowed("No results for"),
            results: Cow::Borrowed("Results"),
            in_this_article: Cow::Borrowed("In this article"),
            breadcrumbs: Cow::Borrowed("Breadcrumb"),
            previous: Cow::Borrowed("Previous"),
            next: Cow::Borrowed("Next"),
            machine_translated: Cow::Borrowed(
                "This article was translated by a machine and may contain errors.",
            ),
            stale: Cow::Borrowed(
                "The original has changed since this translation was made; it may be incomplete.",
            ),
            read_original: Cow::Borrowed("Read the original"),
            menu: Cow::Borrowed("Menu"),
            updated: Cow::Borrowed("Updated"),
            fallback_title: Cow::Borrowed("Page not found"),
            note: Cow::Borrowed("Note"),
            tip: Cow::Borrowed("Tip"),
            important: Cow::Borrowed("Important"),
            warning: Cow::Borrowed("Warning"),
            caution: Cow::Borrowed("Caution"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::UI_STRING_KEYS;

    #[test]
    fn every_key_site_toml_may_give_is_a_string_of_the_interface() {
        let english = serde_json::to_value(for_language("en")).expect("serialize");
        let fields: Vec<&str> = english
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut keys = UI_STRING_KEYS.to_vec();
        keys.sort_unstable();
        let mut fields = fields;
        fields.sort_unstable();
        assert_eq!(keys, fields);
        let mut strings = for_language("en");
        for key in UI_STRING_KEYS {
            assert!(strings.slot(key).is_some(), "{key}");
        }
    }

    #[test]
    fn given_strings_replace_the_built_in_ones_and_only_those() {
        let overrides = BTreeMap::from([("search".to_string(), "بحث".to_string())]);
        let strings = for_language("ar").with(&overrides);
        assert_eq!(strings.search, "بحث");
        assert_eq!(strings.menu, for_language("en").menu);
    }
}
