//! `site.toml`: the site's configuration, or one inferred from the content folder.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A locale code as used for folders, lower-case: `en-us`, `fr-fr`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(try_from = "String", into = "String")]
pub struct Locale(String);

impl Locale {
    /// Parses `en-us`, `fr-FR`, `de`, … (case-insensitive); `None` for anything else.
    pub fn parse(s: &str) -> Option<Locale> {
        let lower = s.to_ascii_lowercase();
        let mut parts = lower.split('-');
        let lang = parts.next()?;
        let region = parts.next();
        let ok_lang = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
        let ok_region = region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        (ok_lang && ok_region && parts.next().is_none()).then_some(Locale(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language part: `fr` of `fr-fr`.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The BCP 47 form for `lang` and `hreflang` attributes: `fr-FR`.
    pub fn bcp47(&self) -> String {
        match self.0.split_once('-') {
            Some((lang, region)) if region.len() == 2 => {
                format!("{lang}-{}", region.to_ascii_uppercase())
            }
            Some((lang, script)) => {
                let mut c = script.chars();
                let title: String = c
                    .next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default();
                format!("{lang}-{title}")
            }
            None => self.0.clone(),
        }
    }

    /// The language's own name, for the language switcher.
    pub fn native_name(&self) -> String {
        let lang = self.0.split('-').next().unwrap_or("");
        let name = match lang {
            "en" => "English",
            "fr" => "Français",
            "de" => "Deutsch",
            "es" => "Español",
            "it" => "Italiano",
            "pt" => "Português",
            "nl" => "Nederlands",
            "sv" => "Svenska",
            "da" => "Dansk",
            "nb" | "no" => "Norsk",
            "fi" => "Suomi",
            "pl" => "Polski",
            "cs" => "Čeština",
            "hu" => "Magyar",
            "tr" => "Türkçe",
            "ru" => "Русский",
            "ja" => "日本語",
            "ko" => "한국어",
            "zh" => "中文",
            "ar" => "العربية",
            "he" => "עברית",
            _ => return self.bcp47(),
        };
        name.to_string()
    }

    /// Right-to-left scripts, for the `dir` attribute.
    pub fn is_rtl(&self) -> bool {
        matches!(self.0.split('-').next(), Some("ar" | "he" | "fa" | "ur"))
    }
}

impl TryFrom<String> for Locale {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Locale::parse(&s).ok_or_else(|| format!("`{s}` is not a locale code such as `en-us`"))
    }
}

impl From<Locale> for String {
    fn from(l: Locale) -> String {
        l.0
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How sxs (bilingual) articles show their source text by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BilingualView {
    #[default]
    Hover,
    SideBySide,
}

/// Per-locale settings in `[locales.<code>]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleSettings {
    /// Display name in the language switcher (default: the language's own name).
    pub name: Option<String>,
    /// Site title in this locale (default: the site title).
    pub title: Option<String>,
    /// `[locales.<code>.strings]`: the interface's words in this locale, by key
    /// ([`UI_STRING_KEYS`]); they replace the built-in ones, which exist for a few
    /// languages only (the rest get English). Moved to [`Config::ui_strings`] once checked.
    #[serde(default)]
    strings: BTreeMap<toml::Spanned<String>, String>,
}

/// The keys of `[locales.<code>.strings]`: every word of the interface a page shows
/// (the render stage's `UiStrings` has a field of each name, and a test keeps them equal).
pub const UI_STRING_KEYS: &[&str] = &[
    "skip",
    "languages",
    "contents",
    "fallback",
    "bilingual_hint",
    "built_with",
    "not_found",
    "lifecycle",
    "lifecycle_intro",
    "workflow",
    "partner_type",
    "description",
    "customer",
    "partner",
    "only_for",
    "view",
    "view_translation",
    "view_side_by_side",
    "search",
    "search_placeholder",
    "no_results",
    "results",
    "in_this_article",
    "breadcrumbs",
    "previous",
    "next",
    "machine_translated",
    "stale",
    "read_original",
    "menu",
    "updated",
    "fallback_title",
    "note",
    "tip",
    "important",
    "warning",
    "caution",
];

/// `site.toml` as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteToml {
    title: Option<String>,
    base_url: Option<String>,
    source_locale: Option<Locale>,
    #[serde(default)]
    target_locales: Vec<Locale>,
    content_dir: Option<PathBuf>,
    output_dir: Option<PathBuf>,
    templates_dir: Option<PathBuf>,
    #[serde(default)]
    bilingual_view: BilingualView,
    #[serde(default)]
    locales: BTreeMap<Locale, LocaleSettings>,
    #[serde(default)]
    severity: BTreeMap<String, SeverityOverride>,
    #[serde(default)]
    online: OnlineSettings,
    /// A search box on every page and the index behind it.
    #[serde(default = "yes")]
    search: bool,
    /// Whether reader pages link to the check report (it is built either way, at
    /// `<locale>/report/`): off by default, the report being for writers, not readers.
    #[serde(default)]
    link_report: bool,
}

fn yes() -> bool {
    true
}

/// `[online]` in `site.toml`: how `diglot check --online` fetches external links.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OnlineSettings {
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Seconds before a request is given up.
    pub timeout_secs: f64,
    /// Retries after a 429, a 5xx or a timeout, with exponential backoff.
    pub retries: u32,
    /// Results are kept in this file (relative to the site root) for `cache_hours`.
    pub cache: Option<PathBuf>,
    pub cache_hours: f64,
    /// URLs starting with any of these are not fetched.
    pub exclude: Vec<String>,
}

impl Default for OnlineSettings {
    fn default() -> Self {
        OnlineSettings {
            concurrency: 16,
            per_host: 2,
            timeout_secs: 10.0,
            retries: 2,
            cache: Some(PathBuf::from(".diglot-cache.json")),
            cache_hours: 24.0,
            exclude: Vec::new(),
        }
    }
}
/// `[severity]` in `site.toml`: `LK005 = "error"`, `hard-coded-locale = "off"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOverride {
    Error,
    Warning,
    Info,
    Off,
}

/// The resolved configuration every later stage reads.
#[derive(Clone, Debug)]
pub struct Config {
    /// The folder holding `site.toml` (or the current folder).
    pub root: PathBuf,
    pub title: String,
    pub base_url: Option<String>,
    pub source_locale: Locale,
    /// Every locale of the site, the source first.
    pub locales: Vec<Locale>,
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub bilingual_view: BilingualView,
    pub locale_settings: BTreeMap<Locale, LocaleSettings>,
    /// The interface strings `site.toml` gives, by locale and key (checked against
    /// [`UI_STRING_KEYS`]).
    ui_strings: BTreeMap<Locale, BTreeMap<String, String>>,
    /// Per-rule severity, by code or rule name.
    pub severity: BTreeMap<String, SeverityOverride>,
    /// `check --online` settings.
    pub online: OnlineSettings,
    /// Whether a `site.toml` was found (otherwise the configuration was inferred).
    pub from_file: bool,
    /// Pages carry a search box, and the build writes its index (`search`).
    pub search: bool,
    /// Reader pages link to the check report (`link_report`).
    pub link_report: bool,
    /// The folders files may be read from (root, content, templates), resolved.
    pub boundary: crate::files::Boundary,
}

#[derive(Debug)]
pub enum ConfigError {
    Parse(PathBuf, String),
    NoLocales(PathBuf),
    Invalid(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Parse(p, e) => write!(f, "{}: {e}", p.display()),
            ConfigError::NoLocales(p) => write!(
                f,
                "no locale folders (such as `en-us/`) in {}; diglot expects content/<locale>/…",
                p.display()
            ),
            ConfigError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Loads `<root>/site.toml` if there is one; otherwise infers the configuration from the
    /// content folder (`--content`, or `<root>/content`). `content` and `out` override the file.
    pub fn load(
        root: &Path,
        content: Option<&Path>,
        out: Option<&Path>,
    ) -> Result<Config, ConfigError> {
        let toml_path = root.join("site.toml");
        let text = read_site_toml(root, &toml_path)?;
        let file = match &text {
            Some(text) => Some(
                toml::from_str::<SiteToml>(text)
                    .map_err(|e| ConfigError::Parse(toml_path.clone(), e.to_string()))?,
            ),
            None => None,
        };
        let from_file = file.is_some();
        let mut file = file.unwrap_or(SiteToml {
            title: None,
            base_url: None,
            source_locale: None,
            target_locales: Vec::new(),
            content_dir: None,
            output_dir: None,
            templates_dir: None,
            bilingual_view: BilingualView::default(),
            locales: BTreeMap::new(),
            severity: BTreeMap::new(),
            online: OnlineSettings::default(),
            search: true,
            link_report: false,
        });
        for key in file.severity.keys() {
            if crate::diagnostics::Rule::find(key).is_none() {
                return Err(ConfigError::Parse(
                    toml_path,
                    format!("[severity]: `{key}` is no rule code or name (see `diglot explain`)"),
                ));
            }
        }
        let ui_strings = take_ui_strings(&mut file.locales, text.as_deref().unwrap_or(""))
            .map_err(|e| ConfigError::Parse(toml_path.clone(), e))?;

        let content_dir = content.map(Path::to_path_buf).unwrap_or_else(|| {
            root.join(file.content_dir.as_deref().unwrap_or(Path::new("content")))
        });
        let output_dir = out.map(Path::to_path_buf).unwrap_or_else(|| {
            root.join(file.output_dir.as_deref().unwrap_or(Path::new("public")))
        });
        let templates_dir = root.join(
            file.templates_dir
                .as_deref()
                .unwrap_or(Path::new("templates")),
        );
        // A site.toml reads from its own site only (`content_dir = "/home/me"` in a
        // repository being checked must not publish the machine); the command line may
        // point anywhere.
        let mut from_toml = vec![("templates_dir", &templates_dir)];
        if content.is_none() {
            from_toml.push(("content_dir", &content_dir));
        }
        for (key, dir) in from_toml {
            if let (Ok(real), Ok(real_root)) = (dir.canonicalize(), root.canonicalize())
                && !real.starts_with(&real_root)
            {
                return Err(ConfigError::Parse(
                    toml_path,
                    format!(
                        "`{key}` leads to {}, outside the site root; a site reads only its own files{}",
                        real.display(),
                        if key == "content_dir" {
                            " (pass --content to read that folder)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }

        let found = discover_locales(&content_dir);
        let source_locale = match file.source_locale {
            Some(l) => l,
            None => {
                let en = Locale("en-us".into());
                if found.contains(&en) || found.is_empty() {
                    en
                } else {
                    found[0].clone()
                }
            }
        };
        let mut locales = vec![source_locale.clone()];
        let targets = if file.target_locales.is_empty() {
            found
        } else {
            file.target_locales
        };
        for l in targets {
            if !locales.contains(&l) {
                locales.push(l);
            }
        }
        if !content_dir.is_dir() {
            let what = if content_dir.exists() {
                "is not a folder (the content folder holds <locale>/… subfolders)"
            } else {
                "does not exist"
            };
            return Err(ConfigError::Invalid(format!(
                "content folder {} {what} (pass --content DIR, or run from a site root)",
                content_dir.display()
            )));
        }
        if let Some(misnamed) = misnamed_locale_folder(&content_dir, &locales) {
            return Err(ConfigError::Invalid(misnamed));
        }
        if locales.len() == 1 && !content_dir.join(source_locale.as_str()).is_dir() {
            return Err(ConfigError::NoLocales(content_dir));
        }
        // The root belongs to the site only when a site.toml makes it one: `check --content
        // projects/x/content` run from a home folder must not open the home folder to the
        // content's symbolic links.
        // The templates folder is added where templates are read, not here: a content link
        // into `./templates` of a folder that is no site is not the site's.
        let mut site_folders = vec![content_dir.as_path()];
        if from_file {
            site_folders.push(root);
        }
        let boundary = crate::files::Boundary::new(site_folders);
        Ok(Config {
            boundary,
            root: root.to_path_buf(),
            title: file.title.unwrap_or_else(|| "Help".to_string()),
            base_url: file.base_url,
            source_locale,
            locales,
            content_dir,
            output_dir,
            templates_dir,
            bilingual_view: file.bilingual_view,
            locale_settings: file.locales,
            ui_strings,
            severity: file.severity,
            online: file.online,
            from_file,
            search: file.search,
            link_report: file.link_report,
        })
    }

    /// The configuration with the site title given on the command line (`--title`), if one:
    /// a `--content` site has no `site.toml` to name it.
    pub fn with_title(mut self, title: Option<&str>) -> Config {
        if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) {
            self.title = title.to_string();
        }
        self
    }

    pub fn locale_name(&self, locale: &Locale) -> String {
        self.locale_settings
            .get(locale)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| locale.native_name())
    }

    /// The interface strings `site.toml` gives for `locale` (`[locales.<code>.strings]`).
    pub fn ui_strings(&self, locale: &Locale) -> Option<&BTreeMap<String, String>> {
        self.ui_strings.get(locale)
    }

    pub fn locale_title(&self, locale: &Locale) -> String {
        self.locale_settings
            .get(locale)
            .and_then(|s| s.title.clone())
            .unwrap_or_else(|| self.title.clone())
    }
}

/// Takes each locale's `strings` table out of its settings, every key checked against
/// [`UI_STRING_KEYS`]; an unknown key is refused with its line in `toml` (the file's text).
fn take_ui_strings(
    locales: &mut BTreeMap<Locale, LocaleSettings>,
    toml: &str,
) -> Result<BTreeMap<Locale, BTreeMap<String, String>>, String> {
    let mut taken = BTreeMap::new();
    for (locale, settings) in locales.iter_mut() {
        let strings = std::mem::take(&mut settings.strings);
        if strings.is_empty() {
            continue;
        }
        let mut checked = BTreeMap::new();
        for (key, value) in strings {
            let name = key.get_ref();
            if !UI_STRING_KEYS.contains(&name.as_str()) {
                let line = toml
                    .get(..key.span().start)
                    .map_or(1, |before| before.matches('\n').count() + 1);
                let hint = crate::suggest::closest(name, UI_STRING_KEYS.iter().copied())
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_else(|| format!("; the keys: {}", UI_STRING_KEYS.join(", ")));
                return Err(format!(
                    "line {line}: [locales.{locale}.strings]: `{name}` is no interface string{hint}"
                ));
            }
            checked.insert(key.into_inner(), value);
        }
        taken.insert(locale.clone(), checked);
    }
    Ok(taken)
}

/// The text of `site.toml`, if there is one: a regular file inside the root, read safely.
fn read_site_toml(root: &Path, path: &Path) -> Result<Option<String>, ConfigError> {
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    let boundary = crate::files::Boundary::new([root]);
    let bytes = crate::files::read_inside(path, &boundary)
        .map_err(|r| ConfigError::Invalid(format!("{}: {r}", path.display())))?;
    let decoded = crate::decode::decode(&bytes);
    if let Some(at) = crate::decode::invalid_at(&decoded) {
        return Err(ConfigError::Parse(
            path.to_path_buf(),
            format!("invalid {} at byte {at}", decoded.encoding),
        ));
    }
    Ok(Some(decoded.text))
}

/// A locale's folder named in another case than the locale's (`fr-FR/` for `fr-fr`):
/// diglot names paths, URLs and links by the lower-case code, so such a folder would be
/// read on one file system and silently missed on another (a build of nothing, exit 0, on
/// Linux). Refused on every system alike, with the name to give it.
fn misnamed_locale_folder(content_dir: &Path, locales: &[Locale]) -> Option<String> {
    let entries = std::fs::read_dir(content_dir).ok()?;
    let mut misnamed: Vec<(String, &Locale)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            let locale = locales
                .iter()
                .find(|l| l.as_str().eq_ignore_ascii_case(&name))?;
            (name != locale.as_str()).then_some((name, locale))
        })
        .collect();
    misnamed.sort();
    let renames: Vec<String> = misnamed
        .iter()
        .map(|(name, locale)| format!("{name} → {locale}"))
        .collect();
    let (first, _) = misnamed.first()?;
    Some(format!(
        "{}: locale folders are named in lower case, as their pages are published \
         (`fr-fr/`, not `fr-FR/`): rename {}",
        content_dir.join(first).display(),
        renames.join(", ")
    ))
}

/// The `xx-yy` subfolders of the content folder, sorted.
fn discover_locales(content_dir: &Path) -> Vec<Locale> {
    let Ok(entries) = std::fs::read_dir(content_dir) else {
        return Vec::new();
    };
    let mut found: Vec<Locale> = entries
        .filter_map(Result::ok)
        // `metadata` follows links: a symlinked locale folder is a locale too (the walk then
        // reports it if it leads out of the site).
        .filter(|e| std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            // Only `xx-yy` folders: a bare `api/` or `eop/` is content, not a language.
            name.contains('-').then(|| Locale::parse(&name)).flatten()
        })
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_forms() {
        let l = Locale::parse("fr-FR").unwrap();
        assert_eq!(l.as_str(), "fr-fr");
        assert_eq!(l.bcp47(), "fr-FR");
        assert_eq!(l.native_name(), "Français");
        assert!(Locale::parse("_model").is_none());
        assert!(Locale::parse("images").is_none());
        assert_eq!(Locale::parse("zh-hans").unwrap().bcp47(), "zh-Hans");
    }
}
