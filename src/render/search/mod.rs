//! Search: a per-locale index of every article page, made at build time and searched in
//! the reader's browser by the page script (offline, no CDN, no WebAssembly).
//!
//! Each page is indexed by the text a reader sees (see [`visible_text`]), not its HTML:
//! the English copies inside an sxs page's sentences are no French to index, and the
//! sidebar, report and scripts are no page text. Words are lower-cased and their accents
//! folded, so "parametres" finds "paramètres", and stemmed with the locale's Snowball
//! stemmer, so "paramètre" finds "paramètres" too.
//!
//! The index of a locale (`search/<locale>/`) is split so that a query fetches little:
//! - `meta.json`: the page count, how pages are chunked, and the word shards there are;
//! - `w/<shard>.json`, one per first two letters of a word: each folded word form → its
//!   stem, and each stem → its pages (`[page, weight, …]`, page numbers delta-coded);
//! - `p/<n>.json`: per chunk of pages, each page's URL, title and the start of its text
//!   (the excerpt a result shows).
//!
//! Pagefind (the first candidate) was measured here and left: on 10,000 articles it added
//! 10.6 s to a 4.2 s build and 1.1 GiB to its peak memory (it indexes one page at a time
//! and holds every page's text); this index is made in parallel, each page's words
//! folded into it as the page is rendered.

mod index;
mod lexicon;
mod text;

pub(super) use index::{Index, Page, StoredIndex};

/// Where the index is written, from the site root.
pub const SEARCH_DIR: &str = "search";

/// Whether a site-relative output path is a file of the search index (`search/…`).
pub fn is_search_file(out: &str) -> bool {
    out.strip_prefix(SEARCH_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}
