//! The index being made: pages are added as they are rendered, each page's text folded
//! into numbered words there and then, so that a build never holds the text of every page
//! (on 10,000 articles that text was 310 MiB of the build's peak).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::SEARCH_DIR;
use super::lexicon::{FormId, Lexicon, StemId, StoredLexicon, number};
use super::text::{visible_text, words_of};

/// Pages per file of page details: a result list fetches one or two.
const PAGE_CHUNK: usize = 64;
/// How much of a page's text its result may quote.
const EXCERPT_CHARS: usize = 1000;
/// A word of the title counts as this many of the text.
const TITLE_WEIGHT: u32 = 5;

/// The search index of a site, as pages are added.
///
/// Indexes made apart (one per batch of pages, in parallel) are joined with
/// [`Index::merge`]; [`Index::into_files`] numbers the pages by URL, so the same site
/// always gives the same files.
#[derive(Default)]
pub(in crate::render) struct Index {
    locales: BTreeMap<String, LocaleIndex>,
    /// By language (`fr`).
    lexicons: BTreeMap<String, Lexicon>,
    /// While a page is added: each stem's weight on it, by stem number, and which are set.
    weights: Vec<u32>,
    touched: Vec<StemId>,
}

/// One page to index.
pub(in crate::render) struct Page<'a> {
    /// The locale whose index holds it (`fr-fr`).
    pub locale: &'a str,
    /// The page's URL from the site root, without its leading `/`
    /// (`fr-fr/commerce/manage-partners/`).
    pub url: String,
    /// The language its words are stemmed as (`fr-FR` or `fr`).
    pub language: &'a str,
    pub title: &'a str,
    pub body_html: &'a str,
}

/// One locale's part of an [`Index`]: words are numbered by its language's [`Lexicon`].
#[derive(Default, Serialize, Deserialize)]
struct LocaleIndex {
    /// The language its words are stemmed as (`fr`).
    language: String,
    /// Each page's details, numbered by insertion until [`Index::into_files`].
    pages: Vec<PageDetails>,
    /// By stem: [(page, weight)].
    postings: Vec<Vec<(u32, u32)>>,
    /// By form: whether a page of the locale has it.
    forms: Vec<bool>,
}

/// What a result shows of a page.
#[derive(Serialize, Deserialize)]
struct PageDetails {
    url: String,
    title: String,
    /// The start of its visible text.
    excerpt: String,
}

impl Index {
    /// Indexes one page: its words now, its excerpt for the results.
    pub(in crate::render) fn add(&mut self, page: Page<'_>) {
        let text = visible_text(page.body_html);
        let language = page.language.to_ascii_lowercase();
        let lexicon = self
            .lexicons
            .entry(language.clone())
            .or_insert_with(|| Lexicon::new(&language));
        // Looked up before made: one string per locale, not one per page.
        if !self.locales.contains_key(page.locale) {
            self.locales
                .insert(page.locale.to_string(), LocaleIndex::default());
        }
        let Some(index) = self.locales.get_mut(page.locale) else {
            return;
        };
        if index.language.is_empty() {
            index.language = language;
        }
        let page_number = number(index.pages.len());
        for (words, weight) in [(page.title, TITLE_WEIGHT), (text.as_str(), 1)] {
            for word in words_of(words) {
                let (form, stem) = lexicon.ids_of(word);
                *slot(&mut index.forms, form) = true;
                let sum = slot(&mut self.weights, stem);
                if *sum == 0 {
                    self.touched.push(stem);
                }
                *sum += weight;
            }
        }
        for stem in self.touched.drain(..) {
            let weight = std::mem::take(slot(&mut self.weights, stem));
            slot(&mut index.postings, stem).push((page_number, weight));
        }
        index.pages.push(PageDetails {
            url: page.url,
            title: page.title.to_string(),
            excerpt: text.chars().take(EXCERPT_CHARS).collect(),
        });
    }

    /// Both indexes as one (`other`'s pages after this one's).
    pub(in crate::render) fn merge(mut self, other: Index) -> Index {
        // How each of `other`'s languages numbers map to ours; `None`: the same numbers.
        let mut renumbered: BTreeMap<String, Option<Renumbering>> = BTreeMap::new();
        for (language, theirs) in other.lexicons {
            let map = match self.lexicons.get_mut(&language) {
                None => {
                    self.lexicons.insert(language.clone(), theirs);
                    None
                }
                Some(ours) => {
                    let (forms, stems) = ours.absorb(&theirs);
                    // A word cache only saves work: keep the larger.
                    if theirs.cached() > ours.cached() {
                        ours.adopt_words(theirs, &forms, &stems);
                    }
                    Some(Renumbering { forms, stems })
                }
            };
            renumbered.insert(language, map);
        }
        for (locale, theirs) in other.locales {
            let map = renumbered.get(&theirs.language).and_then(Option::as_ref);
            self.locales.entry(locale).or_default().absorb(theirs, map);
        }
        self
    }

    /// Every locale's index: (site-relative path, bytes), under [`SEARCH_DIR`].
    pub(in crate::render) fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let lexicons = self.lexicons;
        let per_locale: Vec<Vec<(String, Vec<u8>)>> = self
            .locales
            .into_par_iter()
            .filter_map(|(locale, index)| {
                let lexicon = lexicons.get(&index.language)?;
                let files = index.into_files(lexicon);
                Some(
                    files
                        .into_iter()
                        .map(|(name, bytes)| (format!("{SEARCH_DIR}/{locale}/{name}"), bytes))
                        .collect(),
                )
            })
            .collect();
        per_locale.into_iter().flatten().collect()
    }
}

/// An [`Index`] as a sharded build keeps it (`build --shard`): each part's index is
/// stored with the part, and `diglot merge` joins the parts' indexes into the site's.
#[derive(Serialize, Deserialize)]
pub(in crate::render) struct StoredIndex {
    locales: BTreeMap<String, LocaleIndex>,
    lexicons: BTreeMap<String, StoredLexicon>,
}

impl Index {
    pub(in crate::render) fn into_stored(self) -> StoredIndex {
        StoredIndex {
            locales: self.locales,
            lexicons: self
                .lexicons
                .into_iter()
                .map(|(language, lexicon)| (language, lexicon.into_stored()))
                .collect(),
        }
    }

    /// The index a part stored; `Err` when its numbers do not hold together (a part file
    /// edited or cut short), which would otherwise make a wrong index or a panic.
    pub(in crate::render) fn from_stored(stored: StoredIndex) -> Result<Index, String> {
        let mut lexicons = BTreeMap::new();
        for (language, lexicon) in stored.lexicons {
            let lexicon = Lexicon::from_stored(&language, lexicon)
                .ok_or_else(|| format!("the words of `{language}` do not hold together"))?;
            lexicons.insert(language, lexicon);
        }
        for (locale, index) in &stored.locales {
            let bad = || format!("the search index of `{locale}` does not hold together");
            let lexicon = lexicons.get(&index.language).ok_or_else(bad)?;
            let pages = index.pages.len();
            let fits = index.forms.len() <= lexicon.form_count()
                && index.postings.len() <= lexicon.stem_count()
                && index
                    .postings
                    .iter()
                    .flatten()
                    .all(|(page, _)| (*page as usize) < pages);
            if !fits {
                return Err(bad());
            }
        }
        Ok(Index {
            locales: stored.locales,
            lexicons,
            ..Index::default()
        })
    }
}

/// `v[i]`, `v` grown to hold it.
fn slot<T: Default>(v: &mut Vec<T>, i: u32) -> &mut T {
    let i = i as usize;
    if v.len() <= i {
        v.resize_with(i + 1, T::default);
    }
    &mut v[i]
}

/// Another index's form and stem numbers → ours.
struct Renumbering {
    forms: Vec<FormId>,
    stems: Vec<StemId>,
}

impl LocaleIndex {
    /// Adds `other`'s pages after ours, its words renumbered by `map`.
    fn absorb(&mut self, other: LocaleIndex, map: Option<&Renumbering>) {
        if self.language.is_empty() {
            self.language = other.language;
        }
        let offset = number(self.pages.len());
        self.pages.extend(other.pages);
        for (stem, pages) in other.postings.into_iter().enumerate() {
            if pages.is_empty() {
                continue;
            }
            let stem = map.map_or(number(stem), |m| m.stems[stem]);
            let shifted = pages
                .into_iter()
                .map(|(page, weight)| (page + offset, weight));
            slot(&mut self.postings, stem).extend(shifted);
        }
        for (form, seen) in other.forms.into_iter().enumerate() {
            if seen {
                let form = map.map_or(number(form), |m| m.forms[form]);
                *slot(&mut self.forms, form) = true;
            }
        }
    }

    fn into_files(self, lexicon: &Lexicon) -> Vec<(String, Vec<u8>)> {
        let LocaleIndex {
            language,
            mut pages,
            postings,
            forms,
        } = self;
        // Page numbers follow the URLs: insertion number → number in URL order.
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by(|a, b| pages[*a].url.cmp(&pages[*b].url));
        let mut renumber = vec![0u32; order.len()];
        for (new, old) in order.into_iter().enumerate() {
            renumber[old] = number(new);
        }
        let mut shards: HashMap<String, Shard> = HashMap::new();
        for (id, _) in forms.iter().enumerate().filter(|(_, seen)| **seen) {
            let (form, stem) = lexicon.form(number(id));
            shards
                .entry(shard_of(form))
                .or_default()
                .forms
                .push((form.to_string(), stem.to_string()));
        }
        for (id, mut list) in postings.into_iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            for entry in &mut list {
                entry.0 = renumber[entry.0 as usize];
            }
            list.sort_unstable();
            let stem = lexicon.stem(number(id));
            shards
                .entry(shard_of(stem))
                .or_default()
                .stems
                .push((stem.to_string(), list));
        }
        let mut keys: Vec<&String> = shards.keys().collect();
        keys.sort();
        let meta = serde_json::json!({
            "version": 1,
            "language": language,
            "pages": pages.len(),
            "chunk": PAGE_CHUNK,
            "shards": keys,
        });
        let mut files = vec![("meta.json".to_string(), meta.to_string().into_bytes())];
        let mut written: Vec<(String, Vec<u8>)> = shards
            .into_par_iter()
            .map(|(key, shard)| (format!("w/{key}.json"), shard.into_json()))
            .collect();
        written.sort_by(|a, b| a.0.cmp(&b.0));
        files.extend(written);
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        for (n, chunk) in pages.chunks(PAGE_CHUNK).enumerate() {
            let details: Vec<serde_json::Value> = chunk
                .iter()
                .map(|p| serde_json::json!([p.url, p.title, p.excerpt]))
                .collect();
            files.push((
                format!("p/{n}.json"),
                serde_json::Value::Array(details).to_string().into_bytes(),
            ));
        }
        files
    }
}

/// The words of one shard: each folded form → its stem, each stem → its pages.
#[derive(Default)]
struct Shard {
    forms: Vec<(String, String)>,
    stems: Vec<(String, Vec<(u32, u32)>)>,
}

impl Shard {
    /// `{"forms": {form: stem, …}, "stems": {stem: [page, weight, …], …}}`, keys sorted
    /// and page numbers delta-coded.
    fn into_json(mut self) -> Vec<u8> {
        self.forms.sort_unstable();
        self.stems.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let forms: serde_json::Map<String, serde_json::Value> = self
            .forms
            .into_iter()
            .map(|(form, stem)| (form, serde_json::Value::String(stem)))
            .collect();
        let stems: serde_json::Map<String, serde_json::Value> = self
            .stems
            .into_iter()
            .map(|(stem, pages)| {
                let mut coded = Vec::with_capacity(pages.len() * 2);
                let mut last = 0;
                for (page, weight) in pages {
                    coded.push(serde_json::Value::from(page - last));
                    coded.push(serde_json::Value::from(weight));
                    last = page;
                }
                (stem, serde_json::Value::Array(coded))
            })
            .collect();
        serde_json::json!({ "forms": forms, "stems": stems })
            .to_string()
            .into_bytes()
    }
}

/// The shard a folded word belongs to: its first two characters, as hex of their UTF-8
/// (a file name any host serves).
fn shard_of(word: &str) -> String {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    word[..end].bytes().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index files of `pages` (locale, URL, title, body HTML), added in two batches
    /// merged, as a build adds them.
    fn index_of(pages: &[(&str, &str, &str, &str)]) -> Vec<(String, Vec<u8>)> {
        let (first, second) = pages.split_at(pages.len() / 2);
        batch_of(first).merge(batch_of(second)).into_files()
    }

    /// An index of `pages` (locale, URL, title, body HTML), added one by one.
    fn batch_of(pages: &[(&str, &str, &str, &str)]) -> Index {
        let mut index = Index::default();
        for &(locale, url, title, body_html) in pages {
            index.add(Page {
                locale,
                url: url.to_string(),
                language: &locale[..2],
                title,
                body_html,
            });
        }
        index
    }

    /// Through JSON, as a part of a sharded build stores it and the merge reads it.
    fn stored_and_read(index: Index) -> Result<Index, String> {
        let json = serde_json::to_string(&index.into_stored()).expect("json");
        Index::from_stored(serde_json::from_str(&json).expect("read"))
    }

    #[test]
    fn indexes_stored_by_parts_merge_into_the_index_made_whole() {
        let pages = [
            (
                "fr-fr",
                "fr-fr/b/",
                "Paramètres",
                "<p>Modifier les paramètres du compte</p>",
            ),
            (
                "en-us",
                "en-us/a/",
                "Settings",
                "<p>Change the account settings</p>",
            ),
            (
                "fr-fr",
                "fr-fr/a/",
                "Comptes",
                "<p>Les comptes et le paramètre été</p>",
            ),
            (
                "en-us",
                "en-us/b/",
                "Accounts",
                "<p>Accounts and setting</p>",
            ),
        ];
        let whole = index_of(&pages);
        let (first, second) = pages.split_at(2);
        let parts = stored_and_read(batch_of(second))
            .expect("part 2")
            .merge(stored_and_read(batch_of(first)).expect("part 1"));
        assert_eq!(parts.into_files(), whole);
    }

    #[test]
    fn a_stored_index_whose_numbers_do_not_hold_is_refused() {
        let index = batch_of(&[("fr-fr", "fr-fr/a/", "Comptes", "<p>Les comptes</p>")]);
        let json = serde_json::to_value(index.into_stored()).expect("json");
        let read =
            |v: serde_json::Value| Index::from_stored(serde_json::from_value(v).expect("shape"));
        assert!(read(json.clone()).is_ok());
        // A posting of a page the part does not have.
        let mut bad = json.clone();
        bad["locales"]["fr-fr"]["postings"][0] = serde_json::json!([[7, 1]]);
        assert!(read(bad).is_err());
        // A form whose stem is not in the lexicon.
        let mut bad = json.clone();
        bad["lexicons"]["fr"]["forms"][0][1] = serde_json::json!(999);
        assert!(read(bad).is_err());
        // A locale whose language has no lexicon.
        let mut bad = json;
        bad["locales"]["fr-fr"]["language"] = serde_json::json!("xx");
        assert!(read(bad).is_err());
    }

    fn json(files: &[(String, Vec<u8>)], name: &str) -> serde_json::Value {
        let (_, bytes) = files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"));
        serde_json::from_slice(bytes).expect("json")
    }

    #[test]
    fn each_locale_gets_its_index_with_folded_forms_and_stems() {
        let files = index_of(&[
            (
                "fr-fr",
                "fr-fr/b/",
                "Compte",
                "<p>Les paramètres du compte</p>",
            ),
            ("fr-fr", "fr-fr/a/", "Paramètre", "<p>Un paramètre</p>"),
            ("en-us", "en-us/a/", "Settings", "<p>Account settings</p>"),
        ]);
        let meta = json(&files, "search/fr-fr/meta.json");
        assert_eq!(meta["pages"], 2);
        assert_eq!(meta["language"], "fr");
        // "parametres" and "parametre" are both forms of one stem, in the `pa` shard.
        let shard = json(&files, &format!("search/fr-fr/w/{}.json", shard_of("pa")));
        let stem = shard["forms"]["parametres"]
            .as_str()
            .expect("form")
            .to_string();
        assert_eq!(shard["forms"]["parametre"], stem.as_str());
        // Both pages, by URL order (a/ is page 0, b/ page 1): the title counts more.
        assert_eq!(
            shard["stems"][&stem],
            serde_json::json!([0, TITLE_WEIGHT + 1, 1, 1])
        );
        let pages = json(&files, "search/fr-fr/p/0.json");
        assert_eq!(pages[0][0], "fr-fr/a/");
        assert_eq!(pages[1][2], "Les paramètres du compte");
        assert_eq!(json(&files, "search/en-us/meta.json")["pages"], 1);
    }

    #[test]
    fn shards_are_file_names() {
        assert_eq!(shard_of("parametres"), "7061");
        assert_eq!(shard_of("été"), "c3a974"); // é is two bytes
        assert_eq!(shard_of("a"), "61");
    }
}
