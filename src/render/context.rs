//! What every page's template context starts from, shared by the article pages and the
//! report (which import it, not each other): the site, the templates, and the variables
//! every template gets (site, locale, translations, root, assets, strings).

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera};

use super::assets::Theme;
use super::strings::{self, UiStrings};
use crate::config::{Config, Locale};
use crate::markdown::BodyWords;
use crate::site::Site;

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    source_locale: &'a str,
    /// The source locale's BCP 47 tag and name (`en-US`, `English`).
    source_lang: String,
    source_name: String,
}

#[derive(Serialize)]
struct LocaleCtx {
    code: String,
    name: String,
    lang: String,
    dir: &'static str,
}

#[derive(Serialize)]
pub(super) struct Translation {
    code: String,
    name: String,
    lang: String,
    url: String,
    pub(super) current: bool,
    /// The page shows another language's article there (a fallback), or the locale has no
    /// such page and the link goes to its home: no `hreflang` alternate either way.
    pub(super) stand_in: bool,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    url: String,
}

#[derive(Serialize)]
struct AssetsCtx<'a> {
    css: &'a str,
    js: &'a str,
    icon: &'a str,
}

/// The interface's words where a locale has none of its own.
static ENGLISH: std::sync::LazyLock<UiStrings> =
    std::sync::LazyLock::new(|| strings::for_language("en"));

/// The built-in words of `locale`'s language, with `site.toml`'s in their place.
fn strings_of(config: &Config, locale: &Locale) -> UiStrings {
    let built_in = strings::for_language(locale.language());
    match config.ui_strings(locale) {
        Some(overrides) => built_in.with(overrides),
        None => built_in,
    }
}

pub(super) struct PageContext<'s> {
    pub(super) site: &'s Site,
    pub(super) config: &'s Config,
    pub(super) tera: &'s Tera,
    pub(super) theme: &'static Theme,
    /// The interface's words in each locale: the built-in ones of its language, with what
    /// `site.toml` gives in their place. Made once, not per page.
    strings: BTreeMap<Locale, UiStrings>,
    /// The source locale's BCP 47 tag, the language of sxs source copies.
    source_lang: String,
}

impl<'s> PageContext<'s> {
    pub(super) fn new(site: &'s Site, tera: &'s Tera) -> Self {
        let config = site.config();
        let strings = config
            .locales
            .iter()
            .map(|l| (l.clone(), strings_of(config, l)))
            .collect();
        PageContext {
            site,
            config,
            tera,
            theme: Theme::built_in(),
            strings,
            source_lang: config.source_locale.bcp47(),
        }
    }

    /// What the body of an article of `locale` says that its text does not.
    pub(super) fn body_words(&self, locale: &Locale) -> BodyWords<'_> {
        self.strings(locale).body_words(&self.source_lang)
    }

    /// The interface's words in `locale` (every page is of a locale of the site; English
    /// for any other).
    pub(super) fn strings(&self, locale: &Locale) -> &UiStrings {
        self.strings.get(locale).unwrap_or(&ENGLISH)
    }

    /// Renders `template` for a page without the sidebar (home, root, lifecycle, report,
    /// source views).
    pub(super) fn render_without_nav(
        &self,
        template: &str,
        ctx: &mut Context,
    ) -> Result<String, tera::Error> {
        ctx.insert("nav", "");
        ctx.insert("nav_script", &None::<&str>);
        self.tera.render(template, ctx)
    }

    /// The variables every template gets, for a page of `locale` that is `root` away from
    /// the site root.
    pub(super) fn common(
        &self,
        locale: &Locale,
        root: &str,
        translations: Vec<Translation>,
    ) -> Context {
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteCtx {
                title: &self.config.locale_title(locale),
                source_locale: self.config.source_locale.as_str(),
                source_lang: self.config.source_locale.bcp47(),
                source_name: self.config.locale_name(&self.config.source_locale),
            },
        );
        ctx.insert(
            "locale",
            &LocaleCtx {
                code: locale.to_string(),
                name: self.config.locale_name(locale),
                lang: locale.bcp47(),
                dir: if locale.is_rtl() { "rtl" } else { "ltr" },
            },
        );
        // Alternates are the page in other languages, absolute with a `base_url` (search
        // engines ignore relative ones); a fallback is no translation to announce.
        let absolute = |url: &str| match &self.config.base_url {
            Some(base) => format!(
                "{}/{}",
                base.trim_end_matches('/'),
                url.strip_prefix(root).unwrap_or(url)
            ),
            None => url.to_string(),
        };
        let alternates: Vec<Alternate> = translations
            .iter()
            .filter(|t| !t.stand_in)
            .map(|t| Alternate {
                lang: t.lang.clone(),
                url: absolute(&t.url),
            })
            .collect();
        let canonical = self.config.base_url.as_ref().and_then(|_| {
            translations
                .iter()
                .find(|t| t.current && !t.stand_in)
                .map(|t| absolute(&t.url))
        });
        ctx.insert("canonical", &canonical);
        ctx.insert("alternates", &alternates);
        ctx.insert("search", &self.config.search);
        ctx.insert("link_report", &self.config.link_report);
        ctx.insert("translations", &translations);
        ctx.insert("root", root);
        ctx.insert("home", &format!("{root}{locale}/"));
        ctx.insert(
            "assets",
            &AssetsCtx {
                css: &self.theme.css.path,
                js: &self.theme.js.path,
                icon: &self.theme.icon.path,
            },
        );
        ctx.insert("strings", self.strings(locale));
        ctx
    }

    pub(super) fn translation(&self, locale: &Locale, current: &Locale, url: &str) -> Translation {
        Translation {
            code: locale.to_string(),
            name: self.config.locale_name(locale),
            lang: locale.bcp47(),
            url: url.to_string(),
            current: locale == current,
            stand_in: false,
        }
    }

    /// The language switcher of a page every locale has at the same place: `{root}{l}/{dir}`
    /// for each locale `l`, `current` marked.
    pub(super) fn in_every_locale(
        &self,
        current: &Locale,
        root: &str,
        dir: &str,
    ) -> Vec<Translation> {
        self.config
            .locales
            .iter()
            .map(|l| self.translation(l, current, &format!("{root}{l}/{dir}")))
            .collect()
    }
}
