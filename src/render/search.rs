//! Search: a per-language index of every article page, made with Pagefind used as a library
//! and searched in the reader's browser by Pagefind's WebAssembly runtime (offline, no
//! CDN). Pagefind stems each language with Snowball and folds diacritics, so "parametres"
//! finds "paramètres".
//!
//! Each page is given to Pagefind as a record of the text a reader sees (see
//! [`visible_text`]), not as its HTML: the English copies inside an sxs page's sentences
//! are no French to index, and the sidebar, report and scripts are no page text. Records
//! carry the page's language (`fr` for `fr-fr`), so each locale gets its own index, which
//! the runtime picks by the page's `<html lang>`.

/// Where the index and its runtime are written, from the site root.
pub const SEARCH_DIR: &str = "pagefind";

/// Whether a site-relative output path is a file of the search index (`pagefind/…`).
pub fn is_search_file(out: &str) -> bool {
    out.strip_prefix(SEARCH_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// One page as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    /// The page's URL from the site root (`/fr-fr/commerce/manage-partners/`).
    pub url: String,
    /// The language its text is stemmed as (`fr`).
    pub language: String,
    pub title: String,
    pub text: String,
}

impl Record {
    pub(super) fn new(url: String, language: &str, title: &str, body_html: &str) -> Record {
        Record {
            url,
            language: language.to_ascii_lowercase(),
            title: title.to_string(),
            text: visible_text(body_html),
        }
    }
}

/// The text a reader sees in an article body: tags dropped (a space where a block ends),
/// entities decoded; the source copies of sxs sentences (`<span class="sxs-s …">`), side-by-
/// side templates, scripts and styles left out.
pub(super) fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            // A stray `<` with no tag after it is text.
            push_decoded(&mut out, rest);
            return finish(out);
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name = tag_name(tag);
        if name.eq_ignore_ascii_case("template")
            || name.eq_ignore_ascii_case("script")
            || name.eq_ignore_ascii_case("style")
        {
            rest = skip_element(rest, name);
        } else if name.eq_ignore_ascii_case("span") && is_source_copy(tag) {
            rest = skip_element(rest, "span");
        } else if !is_inline(name) {
            out.push(' ');
        }
    }
    push_decoded(&mut out, rest);
    finish(out)
}

/// The tag's name, `/` kept for a closing tag's (`/p`).
fn tag_name(tag: &str) -> &str {
    let end = tag
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_ascii_whitespace() || *c == '/' || *c == '>')
        .map_or(tag.len(), |(i, _)| i);
    &tag[..end]
}

fn is_source_copy(tag: &str) -> bool {
    tag.split_once("class=\"")
        .and_then(|(_, v)| v.split_once('"'))
        .is_some_and(|(classes, _)| classes.split_ascii_whitespace().any(|c| c == "sxs-s"))
}

/// Inline elements join their neighbours' text; any other tag separates words.
fn is_inline(name: &str) -> bool {
    let name = name.trim_start_matches('/');
    [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "u", "var", "wbr", "del", "ins",
    ]
    .iter()
    .any(|n| n.eq_ignore_ascii_case(name))
}

/// The HTML after the element whose start tag was just read, nested ones of the same name
/// counted (sxs source copies hold spans).
fn skip_element<'h>(html: &'h str, name: &str) -> &'h str {
    let mut depth = 1usize;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let closing = rest.starts_with('/');
        let tag = rest.trim_start_matches('/').as_bytes();
        // Bytes, not string slices: the text after a `<` may be any character.
        let is_name = tag
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && tag
                .get(name.len())
                .is_some_and(|c| *c == b'>' || c.is_ascii_whitespace());
        if is_name {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return rest.find('>').map_or("", |gt| &rest[gt + 1..]);
                }
            } else {
                depth += 1;
            }
        }
    }
    ""
}

/// Text with its character references decoded (the ones Markdown rendering writes, and
/// numeric ones); an unknown reference stays as written.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Runs of white space as one space.
fn finish(text: String) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The index and its runtime for `records`: (site-relative path, bytes), under
/// [`SEARCH_DIR`]. Each language is indexed on its own thread (Pagefind indexes one page
/// at a time), and the entry files that list the languages are merged.
#[cfg(feature = "search")]
pub(super) fn bundle(records: Vec<Record>) -> Result<Vec<(String, Vec<u8>)>, String> {
    use rayon::prelude::*;
    use std::collections::BTreeMap;

    let mut by_language: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for r in records {
        by_language.entry(r.language.clone()).or_default().push(r);
    }
    let bundles: Vec<Vec<(String, Vec<u8>)>> = by_language
        .into_par_iter()
        .map(|(_, records)| index_language(records))
        .collect::<Result<_, _>>()?;
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut languages = serde_json::Map::new();
    let mut entry: Option<serde_json::Value> = None;
    for (name, bytes) in bundles.into_iter().flatten() {
        if name == ENTRY {
            let mut one: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| format!("search index: Pagefind's entry file: {e}"))?;
            if let Some(serde_json::Value::Object(langs)) =
                one.get_mut("languages").map(std::mem::take)
            {
                languages.extend(langs);
            }
            entry.get_or_insert(one);
        } else {
            // The runtime files are the same in every language's bundle.
            files.entry(name).or_insert(bytes);
        }
    }
    if let Some(mut entry) = entry {
        entry["languages"] = serde_json::Value::Object(languages);
        files.insert(ENTRY.to_string(), entry.to_string().into_bytes());
    }
    Ok(files
        .into_iter()
        .map(|(name, bytes)| (format!("{SEARCH_DIR}/{name}"), bytes))
        .collect())
}

/// Pagefind's list of the languages it indexed.
#[cfg(feature = "search")]
const ENTRY: &str = "pagefind-entry.json";

/// One language's records through Pagefind: (file name in the bundle, bytes).
#[cfg(feature = "search")]
fn index_language(records: Vec<Record>) -> Result<Vec<(String, Vec<u8>)>, String> {
    use std::collections::BTreeMap;

    // Pagefind's API is async; a runtime of one thread (and its blocking pool) runs it.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("search index: cannot start its runtime: {e}"))?;
    runtime.block_on(async {
        let mut index =
            pagefind::api::PagefindIndex::new(None).map_err(|e| format!("search index: {e}"))?;
        for r in records {
            let meta = BTreeMap::from([("title".to_string(), r.title)]);
            index
                .add_custom_record(r.url, r.text, r.language, Some(meta), None, None)
                .await
                .map_err(|e| format!("search index: {e}"))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| format!("search index: {e}"))?;
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .filter(|(name, _)| {
                // Pagefind's own search interfaces: diglot's page script is the interface.
                ![
                    "pagefind-ui",
                    "pagefind-component-ui",
                    "pagefind-modular-ui",
                    "pagefind-highlight",
                    "playground",
                ]
                .iter()
                .any(|ui| name.starts_with(ui))
            })
            .collect())
    })
}

/// Without the `search` feature there is no index to make.
#[cfg(not(feature = "search"))]
pub(super) fn bundle(_records: Vec<Record>) -> Result<Vec<(String, Vec<u8>)>, String> {
    Ok(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_visible_text_leaves_out_source_copies_templates_and_scripts() {
        let html = "<h1 id=\"t\"><span class=\"sxs\" tabindex=\"0\"><span class=\"sxs-t\">Les \
            <strong>paramètres</strong></span><span class=\"sxs-s\" lang=\"en-US\" \
            role=\"tooltip\">The <span>settings</span></span></span></h1>\n<p>A&amp;B&nbsp;c \
            &#233;t&#xE9;</p><template class=\"sbs-template\"><p>copy</p></template>\
            <script>var x = 1 < 2;</script><p>fin</p>";
        assert_eq!(visible_text(html), "Les paramètres A&B c été fin");
    }

    #[test]
    fn inline_tags_join_words_and_block_tags_part_them() {
        assert_eq!(
            visible_text("<p>para<em>mè</em>tres</p><p>suite</p>"),
            "paramètres suite"
        );
        assert_eq!(visible_text("<li>un</li><li>deux</li>"), "un deux");
    }

    #[test]
    fn broken_markup_is_read_as_far_as_it_goes() {
        assert_eq!(visible_text("a < b"), "a < b");
        assert_eq!(visible_text("<p>x<span class=\"sxs-s\">never closed"), "x");
        assert_eq!(visible_text("&unknown; &#xZZ; &"), "&unknown; &#xZZ; &");
        // A `<` before a character of several bytes, inside a skipped element.
        assert_eq!(visible_text("<span class=\"sxs-s\">a <– b</span>c"), "c");
    }

    #[cfg(feature = "search")]
    #[test]
    fn the_bundle_has_an_index_per_language() {
        let records = vec![
            Record::new(
                "/fr-fr/a/".into(),
                "fr",
                "Paramètres",
                "<p>Les paramètres du compte</p>",
            ),
            Record::new(
                "/en-us/a/".into(),
                "en",
                "Settings",
                "<p>Account settings</p>",
            ),
        ];
        let files = bundle(records).expect("bundle");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/pagefind-entry.json"), "{names:?}");
        let entry = &files
            .iter()
            .find(|(n, _)| n == "pagefind/pagefind-entry.json")
            .expect("entry")
            .1;
        let entry: serde_json::Value = serde_json::from_slice(entry).expect("json");
        assert!(entry["languages"]["fr"].is_object(), "{entry}");
        assert!(entry["languages"]["en"].is_object(), "{entry}");
    }
}
