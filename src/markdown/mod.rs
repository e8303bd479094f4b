//! One parse of each file into an [`Article`]: front matter, headings and anchors, links
//! with their spans, procedures, tables, sxs segments, directives, and the body's HTML.

pub mod active;
pub mod anchors;
pub mod directives;
pub mod links;
pub mod sxs;
mod walk;

use crate::config::Locale;
use crate::content::SourceFile;
use crate::content::frontmatter::{self, FrontMatter, Split};
use crate::diagnostics::{Diagnostic, FileRef, codes};
use crate::span::Span;

pub use anchors::{Anchor, AnchorOrigin};
pub use directives::{AlertKind, Directive};
pub use links::LinkTarget;
pub use sxs::{Segment, Segments};

/// A heading with the id a reader's browser will see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// Visible text (translated text only, for sxs headings).
    pub text: String,
    pub anchor: String,
    pub origin: AnchorOrigin,
    pub span: Span,
}

/// How a link was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Markdown,
    Image,
    Autolink,
    /// `<a href>` in raw HTML.
    HtmlAnchor,
    /// `<img src>` in raw HTML.
    HtmlImage,
    /// `:::image source=…`
    DirectiveImage,
    /// `[!INCLUDE [..](path)]`
    Include,
    /// `> [!VIDEO url]`
    Video,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    /// The destination as written.
    pub dest: String,
    /// Where a relative destination leads (locale-relative), made once while parsing;
    /// `None` for any other target, or one that climbs out of the locale folder. The rest of
    /// the target is read from `dest` ([`Link::target`]).
    pub resolved: Option<Box<str>>,
    /// Link text, or an image's alt text.
    pub text: String,
    pub span: Span,
    /// Inside the hidden source copy of an sxs segment (not page text).
    pub in_source_copy: bool,
    /// `target="_blank"` on a raw HTML link.
    pub new_tab: bool,
    /// `rel` contains `noopener` (or `noreferrer`).
    pub noopener: bool,
}

impl Link {
    /// What the link points at, read from its destination.
    pub fn target(&self) -> LinkTarget<'_> {
        LinkTarget::classify_with(&self.dest, |_| {
            self.resolved.as_deref().map(std::borrow::Cow::Borrowed)
        })
    }
}

/// Bold text inside a step: the UI element the step names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The number as written (`3.` → 3).
    pub number: u32,
    pub labels: Vec<Label>,
    pub span: Span,
}

/// One ordered list as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderedList {
    pub start: u32,
    pub steps: Vec<Step>,
    pub span: Span,
}

impl OrderedList {
    /// The number a browser shows on the last step: it counts up from `start`, whatever the
    /// later items say (`1. 1. 1.` shows 1, 2, 3).
    pub fn shown_end(&self) -> u32 {
        last_shown_number(self.start, self.steps.len())
    }

    /// Numbered by the browser: every item after the first carries the first's number or 1
    /// (`1. 1. 1.`, or `4. 1. 1.` to continue a list), so only the start counts.
    pub fn numbered_by_the_browser(&self) -> bool {
        let Some((first, rest)) = self.steps.split_first() else {
            return true;
        };
        rest.iter().all(|s| s.number == 1) || rest.iter().all(|s| s.number == first.number)
    }
}

/// The number a browser shows on the last of `items` items of a list starting at `start`.
pub fn last_shown_number(start: u32, items: usize) -> u32 {
    let len = u32::try_from(items).unwrap_or(u32::MAX);
    start.saturating_add(len).saturating_sub(1)
}

/// The ordered list(s) under one heading that form one numbered procedure: a list that
/// continues the previous one's numbering after an image, a note or a comment joins it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procedure {
    /// Index into [`Article::headings`] of the heading above it.
    pub heading: Option<usize>,
    pub lists: Vec<OrderedList>,
    /// Nested inside another list item (a sub-procedure).
    pub nested: bool,
    /// For a list nested in an ordered list's item: the number that item shows.
    pub parent_step: Option<u32>,
    pub span: Span,
}

impl Procedure {
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.lists.iter().flat_map(|l| l.steps.iter())
    }

    /// The number a browser shows on the last step.
    pub fn shown_end(&self) -> Option<u32> {
        self.lists.last().map(OrderedList::shown_end)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Visible text (no sxs source copy).
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub heading: Option<usize>,
    pub header: Row,
    pub rows: Vec<Row>,
    pub span: Span,
}

/// Active content in the body: a script, an event handler, a script URL (see [`active`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Active {
    pub kind: active::ActiveKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectiveAt {
    pub directive: Directive,
    pub span: Span,
}

/// What [`Article::thin`] keeps besides what it always keeps.
#[derive(Clone, Copy, Debug, Default)]
pub struct Keep {
    /// The text (with its line index).
    pub text: bool,
    /// The headings and procedures.
    pub outline: bool,
    /// The front matter: a build's pages keep it, since their renders and the sitemap and
    /// report read it ([`Article::noindex`], [`Article::machine_translated`]).
    pub front_matter: bool,
}

/// What a body's HTML says that its text does not, in the words of the page's interface:
/// the language of sxs source copies and the alerts' titles.
#[derive(Clone, Copy, Debug)]
pub struct BodyWords<'w> {
    /// The BCP 47 tag of the site's source locale (`en-US`, `en-GB` …).
    pub source_lang: &'w str,
    /// `> [!NOTE]` … `> [!CAUTION]` titles (`Note`, `Remarque` …), by [`AlertKind::index`].
    pub alert_titles: [&'w str; 5],
}

/// Everything later stages need from one Markdown file.
#[derive(Debug)]
pub struct Article {
    pub file: SourceFile,
    /// `None` when the file has no (readable) front matter.
    pub front_matter: Option<FrontMatter>,
    /// Where the Markdown body starts (after the front matter).
    pub body_start: usize,
    pub title: String,
    pub headings: Vec<Heading>,
    /// Every id a fragment can target (headings and raw HTML), in document order.
    pub anchors: Vec<Anchor>,
    pub links: Vec<Link>,
    pub procedures: Vec<Procedure>,
    pub tables: Vec<Table>,
    pub segments: Segments,
    pub directives: Vec<DirectiveAt>,
    /// Scripts, event handlers and script URLs in the body's raw HTML.
    pub active: Vec<Active>,
    /// Only what other files' checks read of it is kept ([`Article::thin`]): its text is on
    /// disk, not here.
    pub thinned: bool,
    /// Thinned, it kept its front matter ([`Keep::front_matter`]).
    pub front_matter_kept: bool,
    /// Thinned, a digest of the text it was read with.
    pub digest: Option<u64>,
}

impl Article {
    pub fn locale(&self) -> &Locale {
        &self.file.locale
    }
    pub fn rel(&self) -> &str {
        &self.file.rel
    }
    pub fn path(&self) -> &str {
        &self.file.path
    }
    pub fn file_ref(&self) -> FileRef<'_> {
        self.file.file_ref()
    }
    /// Whether translation tracks this file: a page or an include (not a TOC).
    pub fn is_translatable(&self) -> bool {
        matches!(
            self.file.kind,
            crate::content::FileKind::Article | crate::content::FileKind::Include
        )
    }
    pub fn has_anchor(&self, id: &str) -> bool {
        self.anchors.iter().any(|a| a.id == id)
    }
    /// The body's lines outside fenced code blocks, as (byte offset, line with its ending).
    /// The fence lines themselves are left out too.
    pub fn prose_lines(&self) -> impl Iterator<Item = (usize, &str)> {
        let mut offset = self.body_start;
        let mut in_fence = false;
        self.file.text[self.body_start..]
            .split_inclusive('\n')
            .filter_map(move |line| {
                let start = offset;
                offset += line.len();
                let trimmed = line.trim_start();
                if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                    in_fence = !in_fence;
                    return None;
                }
                (!in_fence).then_some((start, line))
            })
    }

    /// The rendered body (a fragment), with internal URLs relative to
    /// [`links::LOCALE_ROOT`]; rendered at each call and not kept, so that a build or the
    /// preview never holds every page's HTML at once (on 10,000 articles a build that
    /// rendered bodies as it parsed held 225 MiB of them until its end). `words` are the
    /// article's locale's.
    pub fn html(&self, words: &BodyWords<'_>) -> String {
        let mut ignored = Vec::new();
        let walked = walk::walk(
            &self.file,
            self.body_start,
            &self.segments,
            walk::Output::Html(words),
            &mut ignored,
        );
        walked.html
    }

    /// Where, in `span` of the file, `text` is written outside sxs source copies, when it
    /// is written there once: the place a fix may replace it (the translation's words,
    /// never the English they came from).
    pub fn translated_text_at(&self, span: Span, text: &str) -> Option<Span> {
        let raw = self.file.text.get(span.range())?;
        if text.is_empty() {
            return None;
        }
        let mut found = raw
            .match_indices(text)
            .map(|(at, _)| span.start as usize + at)
            .filter(|at| !self.segments.in_source_copy(*at));
        let at = found.next()?;
        found
            .next()
            .is_none()
            .then(|| Span::new(at, at + text.len()))
    }

    /// Drops, once the article's own checks have run, what only they read: its text (unless
    /// `keep.text`), front matter (unless `keep.front_matter`), tables, sxs segments, links
    /// but its includes, and (unless `keep.outline`) headings and procedures. What other
    /// files' checks read of it stays: its place, title, anchors, includes and directives,
    /// and a digest of its text, to tell whether the file read again later is the one
    /// checked ([`Article::read_as`]). A streamed check or build holds 10,000 of these, not
    /// 10,000 texts.
    pub fn thin(&mut self, keep: Keep) {
        self.digest = Some(digest(&self.file.text));
        if !keep.text {
            self.drop_text();
        }
        if !keep.front_matter {
            self.front_matter = None;
        }
        self.body_start = 0;
        if !keep.outline {
            self.headings = Vec::new();
            self.procedures = Vec::new();
        }
        self.links.retain(|l| l.kind == LinkKind::Include);
        self.links.shrink_to_fit();
        self.tables = Vec::new();
        self.segments = Segments::default();
        self.active = Vec::new();
        self.thinned = true;
        self.front_matter_kept = keep.front_matter;
    }

    /// Whether `text` is what this thinned article was read with (an article not thinned
    /// was read with any).
    pub fn read_as(&self, text: &str) -> bool {
        self.digest.is_none_or(|d| d == digest(text))
    }

    /// Drops the text (and its line index): it is on disk.
    pub fn drop_text(&mut self) {
        self.file.text = String::new();
        self.file.lines = crate::span::LineIndex::new("");
    }

    /// Whether the article was thinned and its text dropped: a finding on it is made with
    /// the text read back, or has no source line.
    pub fn text_dropped(&self) -> bool {
        self.thinned && self.file.text.is_empty()
    }

    /// Whether the article carries bilingual sxs markup.
    pub fn is_bilingual(&self) -> bool {
        !self.segments.is_empty()
    }

    /// Whether its front matter asks search engines not to index it (`ROBOTS: NOINDEX`,
    /// DocFX's key, or `robots`), as a value or part of a list (`NOINDEX, NOFOLLOW`).
    pub fn noindex(&self) -> bool {
        self.front_matter.as_ref().is_some_and(|fm| {
            ["ROBOTS", "robots"].iter().any(|k| {
                fm.text(k)
                    .is_some_and(|v| v.to_ascii_lowercase().contains("noindex"))
            })
        })
    }

    /// Whether its front matter marks it machine translated (`ms.translationtype: MT`).
    pub fn machine_translated(&self) -> bool {
        self.front_matter.as_ref().is_some_and(|fm| {
            fm.text("ms.translationtype")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("mt"))
        })
    }
}

/// Parses a file into an [`Article`]. Never fails: problems come back as diagnostics and
/// the rest of the file is still parsed. The body is not rendered: [`Article::html`] does
/// that when a page is made, so that no one holds every page's HTML.
pub fn parse(file: SourceFile) -> (Article, Vec<Diagnostic>) {
    parse_as(file, Reading::Whole)
}

/// How much of a file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Everything: the file is checked or rendered.
    Whole,
    /// What the checks of other files need of it (its headings, anchors, links, includes,
    /// procedures and sxs segments): its front matter block is skipped, not parsed, and
    /// so its title is its first heading's. A shard of `check --shard` reads the files of
    /// the other shards so, since it reports nothing on them.
    ForOthers,
}

/// [`parse`], reading as much as `reading` says.
pub fn parse_as(file: SourceFile, reading: Reading) -> (Article, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let front = match reading {
        Reading::Whole => read_front_matter(&file, &mut diags),
        Reading::ForOthers => (None, skip_front_matter(&file)),
    };
    let (article, _) = parse_walking(file, front, walk::Output::Structure, &mut diags);
    (article, diags)
}

/// Where [`parse_with_html`] takes the front matter from.
pub enum FrontMatterFrom {
    /// The file: it is parsed.
    File,
    /// What the first read of the file kept ([`Keep::front_matter`]): not parsed again.
    Kept(Option<FrontMatter>),
}

/// [`parse`] and [`Article::html`] in one walk, for a page rendered from its file read
/// again (the problems were reported when it was first read): one pass over the text, not
/// two.
pub fn parse_with_html(
    file: SourceFile,
    front_matter: FrontMatterFrom,
    words: &BodyWords<'_>,
) -> (Article, String) {
    let mut ignored = Vec::new();
    let front = match front_matter {
        FrontMatterFrom::Kept(kept) => (kept, skip_front_matter(&file)),
        FrontMatterFrom::File => read_front_matter(&file, &mut ignored),
    };
    parse_walking(file, front, walk::Output::Html(words), &mut ignored)
}

fn parse_walking(
    file: SourceFile,
    (front_matter, body_start): (Option<FrontMatter>, usize),
    output: walk::Output<'_>,
    diags: &mut Vec<Diagnostic>,
) -> (Article, String) {
    let segments = sxs::scan(&file.text, body_start);
    let walked = walk::walk(&file, body_start, &segments, output, diags);

    let title = front_matter
        .as_ref()
        .and_then(|fm| fm.text("title"))
        .or_else(|| {
            walked
                .headings
                .iter()
                .find(|h| h.level == 1)
                .map(|h| h.text.clone())
        })
        .unwrap_or_else(|| file_stem(&file.rel));
    let article = Article {
        file,
        front_matter,
        body_start,
        title,
        headings: walked.headings,
        anchors: walked.anchors,
        links: walked.links,
        procedures: walked.procedures,
        tables: walked.tables,
        segments,
        directives: walked.directives,
        active: walked.active,
        thinned: false,
        front_matter_kept: false,
        digest: None,
    };
    (article, walked.html)
}

/// Where the body starts, as [`read_front_matter`] finds it, without reading the block.
fn skip_front_matter(file: &SourceFile) -> usize {
    match frontmatter::split(&file.text) {
        Split::Closed { body_start, .. } => body_start,
        Split::None | Split::Unclosed { .. } => 0,
    }
}

fn read_front_matter(
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> (Option<FrontMatter>, usize) {
    let needs_front_matter = file.kind == crate::content::FileKind::Article;
    match frontmatter::split(&file.text) {
        Split::None => {
            if needs_front_matter {
                diags.push(
                    Diagnostic::new(&codes::FM001, file.file_ref(), Span::new(0, 0), "no front matter")
                        .with_help("start the file with a `---` block holding at least `title:` and `description:`"),
                );
            }
            (None, 0)
        }
        Split::Unclosed { open } => {
            diags.push(
                Diagnostic::new(
                    &codes::FM001,
                    file.file_ref(),
                    open,
                    "front matter is not closed",
                )
                .with_help("end the YAML block with a line holding only `---`"),
            );
            (None, 0)
        }
        Split::Closed {
            block,
            yaml,
            body_start,
        } => match frontmatter::parse(&file.text, block, yaml) {
            Ok(fm) => {
                report_duplicate_keys(file, &fm, diags);
                (Some(fm), body_start)
            }
            Err(e) => {
                diags.push(Diagnostic::new(
                    &codes::FM002,
                    file.file_ref(),
                    Span::new(e.offset, e.offset),
                    format!("invalid YAML in front matter: {}", e.message),
                ));
                (None, body_start)
            }
        },
    }
}

fn report_duplicate_keys(file: &SourceFile, fm: &FrontMatter, diags: &mut Vec<Diagnostic>) {
    for (i, entry) in fm.entries.iter().enumerate() {
        if let Some(first) = fm.entries[..i].iter().find(|e| e.key == entry.key) {
            let first_line = file
                .lines
                .line_col(&file.text, first.key_span.start as usize)
                .line;
            diags.push(
                Diagnostic::new(
                    &codes::FM007,
                    file.file_ref(),
                    entry.key_span,
                    format!(
                        "key `{}` is given twice (first on line {first_line})",
                        entry.key
                    ),
                )
                .with_help("keep one; the first value is the one used")
                .with_related(
                    file.file_ref(),
                    first.key_span,
                    format!("`{}` is first given here", entry.key),
                ),
            );
        }
    }
}

fn file_stem(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.strip_suffix(".md").unwrap_or(name).replace('-', " ")
}

/// A digest of a text, to tell it from another read of the same file (not stored: it may
/// change between builds).
fn digest(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}
