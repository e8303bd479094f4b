//! The interface's own words, per language (page content is the writers').

use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct UiStrings {
    pub skip: &'static str,
    pub languages: &'static str,
    pub contents: &'static str,
    pub fallback: &'static str,
    pub bilingual_hint: &'static str,
    pub built_with: &'static str,
    pub not_found: &'static str,
}

/// Strings for a language code (`fr`); English for languages without a table.
pub fn for_language(lang: &str) -> UiStrings {
    match lang {
        "fr" => UiStrings {
            skip: "Aller au contenu",
            languages: "Langues",
            contents: "Sommaire",
            fallback: "Cet article n’est pas encore traduit en français ; il est affiché dans sa langue d’origine.",
            bilingual_hint: "Survolez une phrase, ou placez-y le focus au clavier, pour voir le texte source.",
            built_with: "Créé avec diglot",
            not_found: "Cette page n’existe pas.",
        },
        "de" => UiStrings {
            skip: "Zum Inhalt springen",
            languages: "Sprachen",
            contents: "Inhalt",
            fallback: "Dieser Artikel ist noch nicht übersetzt; er wird in seiner Originalsprache angezeigt.",
            bilingual_hint: "Zeigen Sie auf einen Satz oder fokussieren Sie ihn, um den Quelltext zu sehen.",
            built_with: "Erstellt mit diglot",
            not_found: "Diese Seite existiert nicht.",
        },
        "es" => UiStrings {
            skip: "Ir al contenido",
            languages: "Idiomas",
            contents: "Contenido",
            fallback: "Este artículo aún no está traducido; se muestra en su idioma original.",
            bilingual_hint: "Pase el puntero sobre una frase o enfóquela para ver el texto de origen.",
            built_with: "Creado con diglot",
            not_found: "Esta página no existe.",
        },
        _ => UiStrings {
            skip: "Skip to content",
            languages: "Languages",
            contents: "Contents",
            fallback: "This article is not translated yet; it is shown in its original language.",
            bilingual_hint: "Hover over a sentence, or focus it with the keyboard, to see its source text.",
            built_with: "Built with diglot",
            not_found: "This page does not exist.",
        },
    }
}
