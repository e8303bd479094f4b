//! `[!INCLUDE]` across the site: which file an include names, and how far a page's includes
//! may expand. Includes multiply (8 includes of a file with 8 includes, 8 levels down, is 16
//! million copies), so every expansion is bounded the same way when rendering and when
//! checking: the renderer leaves out what [`Expansion`] refuses, and the checks report it
//! (MD006 for a cycle, MD007 for a limit), so what is reported is exactly what is left out.

use std::collections::BTreeSet;

use crate::config::Locale;
use crate::markdown::{Article, LinkKind};

use super::Site;

/// Includes of includes, this many levels deep at most.
pub const MAX_DEPTH: usize = 8;
/// Included copies in one page, at most.
pub const MAX_COPIES: usize = 1000;
/// Included text in one page (the included files' sizes, counted per copy), at most.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Why an include is not expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cut {
    /// The file is already being expanded: it includes itself, directly or through others.
    Cycle,
    Depth,
    Copies,
    Bytes,
}

impl Cut {
    /// A short note for the reader, in place of the content left out.
    pub fn notice(&self) -> &'static str {
        match self {
            Cut::Cycle => "include left out: it includes itself",
            Cut::Depth | Cut::Copies | Cut::Bytes => "include left out: too many includes",
        }
    }
}

/// The file an include of `src` (locale-relative) means in a page of `locale`: that locale's
/// own file, else the source locale's.
pub fn resolve<'s>(site: &'s Site, locale: &Locale, src: &str) -> Option<&'s Article> {
    resolve_with(&site.config.source_locale, locale, src, |l, r| {
        site.article(l, r)
    })
}

/// [`resolve`], looking an article up with `article` (a check's group comes before its
/// site); `source` is the source locale.
pub fn resolve_with<'s>(
    source: &Locale,
    locale: &Locale,
    src: &str,
    article: impl Fn(&Locale, &str) -> Option<&'s Article>,
) -> Option<&'s Article> {
    article(locale, src).or_else(|| article(source, src))
}

/// The include targets an article names, in order (locale-relative paths).
pub fn targets(article: &Article) -> impl Iterator<Item = (&str, &crate::markdown::Link)> {
    article
        .links
        .iter()
        .filter_map(|l| match (&l.kind, l.resolved.as_deref()) {
            (LinkKind::Include, Some(r)) => Some((r, l)),
            _ => None,
        })
}

/// One page's expansion in progress: the files being expanded (innermost last) and what
/// has been spent.
#[derive(Debug)]
pub struct Expansion<'s> {
    stack: Vec<&'s str>,
    copies: usize,
    bytes: usize,
}

impl<'s> Expansion<'s> {
    /// Starts the expansion of `page`.
    pub fn new(page: &'s Article) -> Self {
        Expansion {
            stack: vec![page.path()],
            copies: 0,
            bytes: 0,
        }
    }

    /// Enters `included` if the limits allow; [`leave`](Self::leave) when done with it.
    pub fn enter(&mut self, included: &'s Article) -> Result<(), Cut> {
        if self.stack.contains(&included.path()) {
            return Err(Cut::Cycle);
        }
        if self.stack.len() > MAX_DEPTH {
            return Err(Cut::Depth);
        }
        if self.copies >= MAX_COPIES {
            return Err(Cut::Copies);
        }
        let bytes = self.bytes.saturating_add(included.file.text.len());
        if bytes > MAX_BYTES {
            return Err(Cut::Bytes);
        }
        self.copies += 1;
        self.bytes = bytes;
        self.stack.push(included.path());
        Ok(())
    }

    pub fn leave(&mut self) {
        self.stack.pop();
    }

    /// What the limits have let through so far: (copies, bytes).
    pub fn spent(&self) -> (usize, usize) {
        (self.copies, self.bytes)
    }
}

/// The pages (not include files), in any locale, at a path some article includes, that
/// `thinned` picks out ([`Article::thin`]): what a thinned site reads back before anything
/// expands their includes.
pub fn included_pages(site: &Site, thinned: impl Fn(&Article) -> bool) -> BTreeSet<String> {
    let included: BTreeSet<&str> = site
        .articles()
        .iter()
        .flat_map(|a| targets(a).map(|(src, _)| src))
        .collect();
    site.articles()
        .iter()
        .filter(|a| thinned(a) && included.contains(a.rel()))
        .map(|a| a.path().to_string())
        .collect()
}
