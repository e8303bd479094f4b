//! Bilingual "sxs" segments written by Microsoft's localization pipeline:
//! `<span data-ttu-id="ID">target</span><span class="sxs-lookup"><span data-stu-id="ID">source</span></span>`.

use std::sync::LazyLock;

use std::num::NonZeroU32;

use memchr::memmem::Finder;

use crate::span::Span;

/// The source half of a segment: the lookup wrapper and the `data-stu-id` span inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceCopy {
    /// The `data-stu-id` value (see [`SourceCopy::id`]).
    pub id_span: Span,
    pub lookup_open: Span,
    pub source_open: Span,
    pub source_close: Span,
    pub lookup_close: Span,
}

/// One translated text unit and, when well formed, its source copy (see [`Segment::source`]).
///
/// Kept as the offsets its tags cannot be read without, 40 bytes: a large site holds half a
/// million segments all along, and the spans a rule asks for ([`Segment::target_open`] …)
/// are made when asked from the tags' fixed parts (`</span>` is 7 bytes, an id starts two
/// bytes after the attribute's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// `<span data-ttu-id="ID">`: where it starts and ends, and where the id ends.
    open: (u32, u32),
    id_end: u32,
    /// Where the target's `</span>` starts.
    close: u32,
    source: Option<StoredSource>,
}

/// A [`SourceCopy`] as a segment keeps it: 24 bytes, no room taken when there is none (the
/// lookup never starts at offset 0, a target being before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct StoredSource {
    lookup: NonZeroU32,
    /// `<span data-stu-id="ID">`: where it starts and ends, and where the id ends.
    open: (u32, u32),
    id_end: u32,
    close: u32,
    lookup_close: u32,
}

const CLOSE_LEN: u32 = "</span>".len() as u32;

impl StoredSource {
    fn of(src: &SourceCopy) -> Option<StoredSource> {
        Some(StoredSource {
            lookup: NonZeroU32::new(src.lookup_open.start)?,
            open: (src.source_open.start, src.source_open.end),
            id_end: src.id_span.end,
            close: src.source_close.start,
            lookup_close: src.lookup_close.start,
        })
    }

    fn expand(self) -> SourceCopy {
        let lookup = self.lookup.get();
        let id_start = self.open.0 + SOURCE_OPEN.len() as u32 + 1;
        SourceCopy {
            id_span: span(id_start, self.id_end),
            lookup_open: span(lookup, lookup + LOOKUP_OPEN.len() as u32),
            source_open: span(self.open.0, self.open.1),
            source_close: span(self.close, self.close + CLOSE_LEN),
            lookup_close: span(self.lookup_close, self.lookup_close + CLOSE_LEN),
        }
    }
}

fn span(start: u32, end: u32) -> Span {
    Span::new(start as usize, end as usize)
}

impl Segment {
    /// The `data-ttu-id` value's span (see [`Segment::id`]).
    pub fn id_span(&self) -> Span {
        span(self.open.0 + TARGET_OPEN.len() as u32 + 1, self.id_end)
    }

    /// The target's opening tag, `<span data-ttu-id="ID">`.
    pub fn target_open(&self) -> Span {
        span(self.open.0, self.open.1)
    }

    /// The target's closing `</span>`.
    pub fn target_close(&self) -> Span {
        span(self.close, self.close + CLOSE_LEN)
    }

    /// The source copy after the target, when it is well formed.
    pub fn source(&self) -> Option<SourceCopy> {
        self.source.map(StoredSource::expand)
    }

    /// The inner text of the `data-ttu-id` span.
    pub fn target(&self) -> Span {
        span(self.open.1, self.close)
    }

    /// From the target's opening tag to the end of the source copy.
    pub fn span(&self) -> Span {
        let end = self
            .source
            .map_or(self.close + CLOSE_LEN, |s| s.lookup_close + CLOSE_LEN);
        span(self.open.0, end)
    }

    /// The segment's id, read from the text of its file.
    pub fn id<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.id_span().range()).unwrap_or_default()
    }
}

impl SourceCopy {
    /// The inner text of the `data-stu-id` span.
    pub fn text(&self) -> Span {
        Span::new(
            self.source_open.end as usize,
            self.source_close.start as usize,
        )
    }

    /// The source copy's id, read from the text of its file.
    pub fn id<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.id_span.range()).unwrap_or_default()
    }
}

/// What an inline HTML tag of a segment is, for the renderer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagRole {
    /// `paired`: the target has a source copy after it.
    TargetOpen {
        paired: bool,
    },
    TargetClose,
    /// `paired`: the source copy follows a target (otherwise it is an orphan).
    LookupOpen {
        paired: bool,
    },
    SourceOpen,
    SourceClose,
    LookupClose {
        paired: bool,
    },
}

/// Segments of a file, plus the lookup spans found with no target before them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segments {
    pub segments: Vec<Segment>,
    pub orphan_sources: Vec<SourceCopy>,
    /// Every source-copy range (the lookup wrappers), sorted, for "is this offset source text?".
    source_ranges: Vec<Span>,
}

/// Every tag of every segment of a file by offset, sorted: made for a walk over the file
/// ([`Segments::tags`]) and dropped after it, since a site keeps its segments all along.
#[derive(Debug, Default)]
pub struct Tags(Vec<(u32, TagRole, Span)>);

impl Tags {
    /// The role of the segment tag that starts at `offset`, if any.
    pub fn at(&self, offset: usize) -> Option<(TagRole, Span)> {
        let i = self.0.partition_point(|(o, _, _)| (*o as usize) < offset);
        self.0
            .get(i)
            .filter(|(o, _, _)| *o as usize == offset)
            .map(|&(_, role, span)| (role, span))
    }
}

impl Segments {
    /// Whether a byte offset lies inside a source copy (hidden English text).
    pub fn in_source_copy(&self, offset: usize) -> bool {
        let i = self
            .source_ranges
            .partition_point(|s| (s.end as usize) <= offset);
        self.source_ranges
            .get(i)
            .is_some_and(|s| s.contains(offset))
    }

    /// Every tag of the segments, for a walk over the file.
    pub fn tags(&self) -> Tags {
        let mut tags = Vec::with_capacity(self.segments.len() * 6 + self.orphan_sources.len() * 4);
        for seg in &self.segments {
            let paired = seg.source.is_some();
            let (open, close) = (seg.target_open(), seg.target_close());
            tags.push((open.start, TagRole::TargetOpen { paired }, open));
            tags.push((close.start, TagRole::TargetClose, close));
            if let Some(src) = seg.source() {
                push_source_tags(&mut tags, &src, true);
            }
        }
        for src in &self.orphan_sources {
            push_source_tags(&mut tags, src, false);
        }
        tags.sort_by_key(|t| t.0);
        Tags(tags)
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty() && self.orphan_sources.is_empty()
    }
}

const TARGET_OPEN: &str = "<span data-ttu-id=";
const LOOKUP_OPEN: &str = "<span class=\"sxs-lookup\">";
const SOURCE_OPEN: &str = "<span data-stu-id=";

// SIMD substring search: this scan runs over every byte of every file.
static FIND_TARGET: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(TARGET_OPEN));
static FIND_LOOKUP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(LOOKUP_OPEN));
static FIND_OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("<span"));
static FIND_CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("</span>"));

fn find(finder: &Finder<'_>, text: &str, from: usize) -> Option<usize> {
    finder.find(&text.as_bytes()[from..]).map(|i| from + i)
}

/// Scans `text[from..]` for segments; offsets are into `text`.
pub fn scan(text: &str, from: usize) -> Segments {
    let mut out = Segments::default();
    let mut pos = from;
    // The next of each kind, found once and searched again only when passed.
    let mut next_target = find(&FIND_TARGET, text, pos);
    let mut next_lookup = find(&FIND_LOOKUP, text, pos);
    loop {
        if next_target.is_some_and(|t| t < pos) {
            next_target = find(&FIND_TARGET, text, pos);
        }
        if next_lookup.is_some_and(|l| l < pos) {
            next_lookup = find(&FIND_LOOKUP, text, pos);
        }
        match (next_target, next_lookup) {
            (Some(t), l) if l.is_none_or(|l| t < l) => {
                let Some(seg) = scan_segment(text, t) else {
                    pos = t + TARGET_OPEN.len();
                    continue;
                };
                pos = seg.span().end as usize;
                out.segments.push(seg);
            }
            (_, Some(l)) => match scan_source(text, l) {
                Some(src) => {
                    pos = src.lookup_close.end as usize;
                    out.orphan_sources.push(src);
                }
                None => pos = l + LOOKUP_OPEN.len(),
            },
            _ => break,
        }
    }
    out.source_ranges = out
        .segments
        .iter()
        .filter_map(Segment::source)
        .chain(out.orphan_sources.iter().copied())
        .map(|src| {
            Span::new(
                src.lookup_open.start as usize,
                src.lookup_close.end as usize,
            )
        })
        .collect();
    out.source_ranges.sort();
    // Kept for the whole run: no room beyond what they hold.
    out.segments.shrink_to_fit();
    out.source_ranges.shrink_to_fit();
    out
}

fn push_source_tags(tags: &mut Vec<(u32, TagRole, Span)>, src: &SourceCopy, paired: bool) {
    tags.push((
        src.lookup_open.start,
        TagRole::LookupOpen { paired },
        src.lookup_open,
    ));
    tags.push((src.source_open.start, TagRole::SourceOpen, src.source_open));
    tags.push((
        src.source_close.start,
        TagRole::SourceClose,
        src.source_close,
    ));
    tags.push((
        src.lookup_close.start,
        TagRole::LookupClose { paired },
        src.lookup_close,
    ));
}

/// A `<span data-ttu-id="…">` at `at`, its matching close, and the source copy after it.
fn scan_segment(text: &str, at: usize) -> Option<Segment> {
    let (id, open_end) = tag_id(text, at, TARGET_OPEN)?;
    let close = matching_close(text, open_end)?;
    let target_close = Span::new(close, close + "</span>".len());
    let after = skip_spaces(text, target_close.end as usize);
    let source = text[after..]
        .starts_with(LOOKUP_OPEN)
        .then(|| scan_source(text, after))
        .flatten();
    let at = u32::try_from(at).ok()?;
    let open_end = u32::try_from(open_end).ok()?;
    Some(Segment {
        open: (at, open_end),
        id_end: id.end,
        close: target_close.start,
        // A lookup at offset 0 cannot follow a target: `of` never fails here.
        source: source.as_ref().and_then(StoredSource::of),
    })
}

/// `<span class="sxs-lookup"><span data-stu-id="…">source</span></span>` at `at`.
fn scan_source(text: &str, at: usize) -> Option<SourceCopy> {
    let lookup_end = at + LOOKUP_OPEN.len();
    let src_at = skip_spaces(text, lookup_end);
    let (id, src_open_end) = tag_id(text, src_at, SOURCE_OPEN)?;
    let src_close = matching_close(text, src_open_end)?;
    let src_close_end = src_close + "</span>".len();
    let lookup_close = skip_spaces(text, src_close_end);
    text[lookup_close..]
        .starts_with("</span>")
        .then(|| SourceCopy {
            id_span: id,
            lookup_open: Span::new(at, lookup_end),
            source_open: Span::new(src_at, src_open_end),
            source_close: Span::new(src_close, src_close_end),
            lookup_close: Span::new(lookup_close, lookup_close + "</span>".len()),
        })
}

/// Parses `<span data-xxx-id="ID">` at `at`: the id's span and the offset after `>`.
fn tag_id(text: &str, at: usize, prefix: &str) -> Option<(Span, usize)> {
    let rest = text.get(at..)?.strip_prefix(prefix)?;
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value_end = rest[1..].find(quote)?;
    let id_start = at + prefix.len() + 1;
    let id = Span::new(id_start, id_start + value_end);
    let gt = rest[1 + value_end..].find('>')?;
    Some((id, at + prefix.len() + 1 + value_end + gt + 1))
}

/// The `</span>` that closes a span opened just before `from` (nested spans counted).
fn matching_close(text: &str, from: usize) -> Option<usize> {
    let mut depth = 1usize;
    let mut pos = from;
    loop {
        let open = find(&FIND_OPEN, text, pos);
        let close = find(&FIND_CLOSE, text, pos)?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                pos = o + 5;
            }
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(close);
                }
                pos = close + 7;
            }
        }
    }
}

fn skip_spaces(text: &str, from: usize) -> usize {
    from + text[from..].len() - text[from..].trim_start_matches([' ', '\t']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_keeps_40_bytes_and_gives_back_every_tag() {
        assert_eq!(std::mem::size_of::<Segment>(), 40);
        let t = r#"x <span data-ttu-id='ab-12' >Le texte</span> <span class="sxs-lookup">  <span data-stu-id="ab-12">The text</span>	</span>"#;
        let s = scan(t, 0);
        let seg = &s.segments[0];
        let at = |span: Span| &t[span.range()];
        assert_eq!(at(seg.target_open()), "<span data-ttu-id='ab-12' >");
        assert_eq!(at(seg.id_span()), "ab-12");
        assert_eq!(at(seg.target()), "Le texte");
        assert_eq!(at(seg.target_close()), "</span>");
        let src = seg.source().expect("a source copy");
        assert_eq!(at(src.lookup_open), "<span class=\"sxs-lookup\">");
        assert_eq!(at(src.source_open), "<span data-stu-id=\"ab-12\">");
        assert_eq!(at(src.id_span), "ab-12");
        assert_eq!(at(src.text()), "The text");
        assert_eq!(at(src.source_close), "</span>");
        assert_eq!(at(src.lookup_close), "</span>");
        assert_eq!(at(seg.span()), &t[2..]);
    }

    #[test]
    fn pairs_and_nested_markup() {
        let t = r#"<span data-ttu-id="a-1">Sélectionnez <span>x</span></span><span class="sxs-lookup"><span data-stu-id="a-1">Select x</span></span> <span data-ttu-id="a-2">seul</span>"#;
        let s = scan(t, 0);
        assert_eq!(s.segments.len(), 2);
        let first = &s.segments[0];
        assert_eq!(&t[first.target().range()], "Sélectionnez <span>x</span>");
        let src = first.source().unwrap();
        assert_eq!(&t[src.text().range()], "Select x");
        assert!(s.segments[1].source().is_none());
        assert!(s.in_source_copy(t.find("Select x").unwrap()));
        assert!(!s.in_source_copy(t.find("seul").unwrap()));
        assert_eq!(
            s.tags().at(0).map(|t| t.0),
            Some(TagRole::TargetOpen { paired: true })
        );
        assert_eq!(first.id(t), "a-1");
        assert_eq!(src.id(t), "a-1");
    }

    #[test]
    fn orphan_source_and_empty_copy() {
        let t = r#"<span class="sxs-lookup"><span data-stu-id="b-9"></span></span>"#;
        let s = scan(t, 0);
        assert!(s.segments.is_empty());
        assert_eq!(s.orphan_sources.len(), 1);
        assert!(s.orphan_sources[0].text().range().is_empty());
    }
}
