//! The single pass over pulldown-cmark's events: it extracts the article's structure and,
//! in the same pass, rewrites the events into the body's HTML. The walker's methods are
//! spread over this module's files by what they handle.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::anchors::{self, Anchor, AnchorOrigin, SlugAllocator};
use super::directives::{self, AlertKind, Directive};
use super::links::{self, LinkTarget};
use super::sxs::{Segments, TagRole, Tags};
use super::{
    Active, BodyWords, Cell, DirectiveAt, Heading, Label, Link, LinkKind, OrderedList, Procedure,
    Row, Step, Table,
};
use crate::content::SourceFile;
use crate::diagnostics::{Diagnostic, codes};
use crate::escape::{attr as escape_attr, text as escape_text};
use crate::span::Span;

pub(super) struct Walked {
    pub headings: Vec<Heading>,
    pub anchors: Vec<Anchor>,
    pub links: Vec<Link>,
    pub procedures: Vec<Procedure>,
    pub tables: Vec<Table>,
    pub directives: Vec<DirectiveAt>,
    pub active: Vec<Active>,
    pub html: String,
}

mod directive_lines;
mod headings;
mod html;
mod procedures;

use procedures::{group_procedures, item_number};

pub(super) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES
}

/// What a walk makes besides the article's structure.
#[derive(Clone, Copy)]
pub(super) enum Output<'l> {
    /// The structure only: what `check` needs.
    Structure,
    /// The body's HTML too, in the words given.
    Html(&'l BodyWords<'l>),
}

pub(super) fn walk<'a>(
    file: &'a SourceFile,
    body_start: usize,
    segments: &'a Segments,
    output: Output<'a>,
    diags: &mut Vec<Diagnostic>,
) -> Walked {
    let body = &file.text[body_start..];
    let events = Parser::new_ext(body, parser_options()).into_offset_iter();
    let mut w = Walker::new(file, segments, diags);
    let render = match output {
        Output::Structure => false,
        Output::Html(words) => {
            w.words = Some(words);
            true
        }
    };
    w.render = render;
    let mut html = String::new();
    let mut pump = Pump {
        walker: &mut w,
        events,
        body_start,
        done: false,
    };
    if render {
        html.reserve(file.text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, &mut pump);
    } else {
        pump.by_ref().for_each(drop);
    }
    w.finish(html)
}

/// The walker as an iterator of output events: it takes source events one at a time and
/// hands on what each became, so the HTML writer consumes them as they are made.
struct Pump<'w, 'a, 'd, I> {
    walker: &'w mut Walker<'a, 'd>,
    events: I,
    body_start: usize,
    done: bool,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Pump<'_, 'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(e) = self.walker.out.pop_front() {
                return Some(e);
            }
            if self.done {
                return None;
            }
            let Some((event, range)) = self.events.next() else {
                self.walker.close_containers();
                self.done = true;
                continue;
            };
            let base = self.body_start;
            let range = range.start + base..range.end + base;
            let text = &self.walker.file.text;
            if let Event::Start(Tag::Paragraph) = &event
                && text[range.clone()]
                    .lines()
                    .any(directives::looks_like_directive)
            {
                // Buffer the paragraph: its directive lines become directives, the rest text.
                let mut inner = Vec::new();
                let mut depth = 1;
                for (e, r) in self.events.by_ref() {
                    match e {
                        Event::Start(Tag::Paragraph) => depth += 1,
                        Event::End(TagEnd::Paragraph) => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                    inner.push((e, r.start + base..r.end + base));
                }
                self.walker.paragraph_with_directives(inner);
                continue;
            }
            self.walker.event(event, range);
        }
    }
}

struct HeadingBuf<'a> {
    level: HeadingLevel,
    attr_id: Option<String>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    range: Range<usize>,
    events: Vec<Event<'a>>,
    text: String,
    lead: Option<(String, Span)>,
    lead_close_pending: bool,
    seen_content: bool,
}

struct ListBuf {
    ordered: bool,
    start: u32,
    steps: Vec<Step>,
    start_offset: usize,
    heading: Option<usize>,
}

struct FinishedList {
    list: OrderedList,
    heading: Option<usize>,
    nested: bool,
    /// The number the enclosing ordered item shows, for a nested list.
    parent_step: Option<u32>,
}

#[derive(Default)]
struct TableBuf {
    header: Option<Row>,
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<(String, usize)>,
    start: usize,
    heading: Option<usize>,
}

struct Walker<'a, 'd> {
    file: &'a SourceFile,
    segments: &'a Segments,
    /// The segments' tags by offset, for this walk only.
    tags: Tags,
    /// What the HTML says that the text does not (when rendering).
    words: Option<&'a BodyWords<'a>>,
    diags: &'d mut Vec<Diagnostic>,
    /// Events made from the source event being walked, for the HTML writer to take: they
    /// stream through, so a 4 MB table (a million events) is never held whole, which cost
    /// some 40 bytes of memory per byte of input.
    out: VecDeque<Event<'a>>,
    headings: Vec<Heading>,
    anchors: Vec<Anchor>,
    links: Vec<Link>,
    tables: Vec<Table>,
    directives: Vec<DirectiveAt>,
    active: Vec<Active>,
    slugs: SlugAllocator,
    heading: Option<HeadingBuf<'a>>,
    current_heading: Option<usize>,
    open_links: Vec<usize>,
    html_link: Option<usize>,
    strong: Vec<(String, usize)>,
    lists: Vec<ListBuf>,
    finished: Vec<FinishedList>,
    table: Option<TableBuf>,
    quotes: Vec<Option<AlertKind>>,
    containers: Vec<(String, Span)>,
    in_code_block: bool,
    /// Whether to make the body's HTML (`check` needs only the structure).
    render: bool,
}

impl<'a, 'd> Walker<'a, 'd> {
    fn new(file: &'a SourceFile, segments: &'a Segments, diags: &'d mut Vec<Diagnostic>) -> Self {
        Walker {
            file,
            segments,
            tags: segments.tags(),
            words: None,
            diags,
            out: VecDeque::new(),
            headings: Vec::new(),
            anchors: Vec::new(),
            links: Vec::new(),
            tables: Vec::new(),
            directives: Vec::new(),
            active: Vec::new(),
            slugs: SlugAllocator::default(),
            heading: None,
            current_heading: None,
            open_links: Vec::new(),
            html_link: None,
            strong: Vec::new(),
            lists: Vec::new(),
            finished: Vec::new(),
            table: None,
            quotes: Vec::new(),
            containers: Vec::new(),
            in_code_block: false,
            render: true,
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        if !self.render {
            return;
        }
        match &mut self.heading {
            Some(h) => h.events.push(event),
            None => self.out.push_back(event),
        }
    }

    /// Visible text goes to every open collector; the hidden source copy goes to none.
    fn text(&mut self, s: &str, offset: usize) {
        if self.segments.in_source_copy(offset) {
            return;
        }
        if let Some(h) = &mut self.heading {
            h.text.push_str(s);
            if !s.trim().is_empty() {
                h.seen_content = true;
            }
        }
        for &i in &self.open_links {
            self.links[i].text.push_str(s);
        }
        if let Some(i) = self.html_link {
            self.links[i].text.push_str(s);
        }
        if let Some((t, _)) = self.strong.last_mut() {
            t.push_str(s);
        }
        if let Some((t, _)) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            t.push_str(s);
        }
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => {
                self.text(&t, range.start);
                self.emit(Event::Text(t));
            }
            Event::Code(t) => {
                self.text(&t, range.start);
                self.emit(Event::Code(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.text(" ", range.start);
                self.emit(event);
            }
            Event::InlineHtml(html) => self.inline_html(html, range),
            Event::Html(html) => self.html(html, range, false),
            other => self.emit(other),
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.heading = Some(HeadingBuf {
                    level,
                    attr_id: id.map(|i| i.to_string()),
                    classes,
                    attrs,
                    range,
                    events: Vec::new(),
                    text: String::new(),
                    lead: None,
                    lead_close_pending: false,
                    seen_content: false,
                });
            }
            Tag::List(start) => {
                self.lists.push(ListBuf {
                    ordered: start.is_some(),
                    start: start.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)),
                    steps: Vec::new(),
                    start_offset: range.start,
                    heading: self.current_heading,
                });
                self.emit(Event::Start(Tag::List(start)));
            }
            Tag::Item => {
                if let Some(list) = self.lists.last_mut().filter(|l| l.ordered) {
                    let expected = list.start + list.steps.len() as u32;
                    let number = item_number(&self.file.text[range.clone()]).unwrap_or(expected);
                    let line_end = self.file.text[range.clone()]
                        .find('\n')
                        .map_or(range.end, |i| range.start + i);
                    list.steps.push(Step {
                        number,
                        labels: Vec::new(),
                        span: Span::new(range.start, line_end),
                    });
                }
                self.emit(Event::Start(Tag::Item));
            }
            Tag::Strong => {
                self.strong.push((String::new(), range.start));
                self.emit(Event::Start(Tag::Strong));
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let kind = match link_type {
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    _ => LinkKind::Markdown,
                };
                let dest_url = self
                    .record_link(kind, &dest_url, range)
                    .map_or(dest_url, CowStr::from);
                self.open_links.push(self.links.len() - 1);
                self.emit(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self
                    .record_link(LinkKind::Image, &dest_url, range)
                    .map_or(dest_url, CowStr::from);
                self.open_links.push(self.links.len() - 1);
                self.emit(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Tag::BlockQuote(kind) => {
                let alert = kind.map(alert_kind);
                self.quotes.push(alert);
                match alert {
                    Some(k) => {
                        self.directives.push(DirectiveAt {
                            directive: Directive::Alert { kind: k },
                            span: Span::new(range.start, range.end),
                        });
                        let title = self.words.map_or("", |w| w.alert_titles[k.index()]);
                        let html = format!(
                            "<div class=\"alert alert-{}\" role=\"note\"><p class=\"alert-title\">{}</p>",
                            k.class(),
                            escape_text(title)
                        );
                        self.emit(Event::Html(CowStr::from(html)));
                    }
                    None => self.emit(Event::Start(Tag::BlockQuote(None))),
                }
            }
            Tag::CodeBlock(kind) => {
                self.in_code_block = true;
                self.emit(Event::Start(Tag::CodeBlock(kind)));
            }
            Tag::Table(align) => {
                self.table = Some(TableBuf {
                    start: range.start,
                    heading: self.current_heading,
                    ..TableBuf::default()
                });
                self.emit(Event::Start(Tag::Table(align)));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row = Some(Row {
                        cells: Vec::new(),
                        span: Span::new(range.start, range.end),
                    });
                }
                self.emit(Event::Start(tag));
            }
            Tag::TableCell => {
                if let Some(t) = &mut self.table {
                    t.cell = Some((String::new(), range.start));
                }
                self.emit(Event::Start(Tag::TableCell));
            }
            other => self.emit(Event::Start(other)),
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::List(ordered) => {
                if let Some(list) = self.lists.pop().filter(|l| l.ordered) {
                    let parent_step = self
                        .lists
                        .last()
                        .filter(|p| p.ordered)
                        .map(|p| super::last_shown_number(p.start, p.steps.len()));
                    self.finished.push(FinishedList {
                        list: OrderedList {
                            start: list.start,
                            steps: list.steps,
                            span: Span::new(list.start_offset, range.end),
                        },
                        heading: list.heading,
                        nested: !self.lists.is_empty(),
                        parent_step,
                    });
                }
                self.emit(Event::End(TagEnd::List(ordered)));
            }
            TagEnd::Strong => {
                if let Some((text, start)) = self.strong.pop() {
                    let visible = !self.segments.in_source_copy(start);
                    let step = self
                        .lists
                        .last_mut()
                        .filter(|l| l.ordered)
                        .and_then(|l| l.steps.last_mut());
                    if let (true, Some(step)) = (visible, step) {
                        step.labels.push(Label {
                            text: text.trim().to_string(),
                            span: Span::new(start, range.end),
                        });
                    }
                }
                self.emit(Event::End(TagEnd::Strong));
            }
            TagEnd::Link | TagEnd::Image => {
                self.open_links.pop();
                self.emit(Event::End(tag));
            }
            TagEnd::BlockQuote(kind) => match self.quotes.pop().flatten() {
                Some(_) => self.emit(Event::Html(CowStr::Borrowed("</div>\n"))),
                None => self.emit(Event::End(TagEnd::BlockQuote(kind))),
            },
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.emit(Event::End(TagEnd::CodeBlock));
            }
            TagEnd::TableCell => {
                if let Some(t) = &mut self.table
                    && let Some((text, start)) = t.cell.take()
                    && let Some(row) = &mut t.row
                {
                    row.cells.push(Cell {
                        text: text.trim().to_string(),
                        span: Span::new(start, range.end),
                    });
                }
                self.emit(Event::End(TagEnd::TableCell));
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = t.row.take().map(fitted_row);
                }
                self.emit(Event::End(TagEnd::TableHead));
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table
                    && let Some(row) = t.row.take()
                {
                    t.rows.push(fitted_row(row));
                }
                self.emit(Event::End(TagEnd::TableRow));
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.tables.push(Table {
                        heading: t.heading,
                        header: t.header.unwrap_or(Row {
                            cells: Vec::new(),
                            span: Span::new(t.start, t.start),
                        }),
                        rows: fitted(t.rows),
                        span: Span::new(t.start, range.end),
                    });
                }
                self.emit(Event::End(TagEnd::Table));
            }
            other => self.emit(Event::End(other)),
        }
    }

    /// Records a link and returns the URL to write in the HTML, when it differs.
    fn record_link(&mut self, kind: LinkKind, dest: &str, range: Range<usize>) -> Option<String> {
        let target = LinkTarget::classify(dest, &self.file.rel);
        let url = links::output_url(&target, dest);
        let resolved = match target {
            LinkTarget::Relative {
                resolved: Some(r), ..
            } => Some(r.into_owned().into_boxed_str()),
            _ => None,
        };
        self.links.push(Link {
            kind,
            dest: dest.to_string(),
            resolved,
            text: String::new(),
            span: Span::new(range.start, range.end),
            in_source_copy: self.segments.in_source_copy(range.start),
            new_tab: false,
            noopener: false,
        });
        url
    }

    /// At the end of the file: a `:::` container left open is reported and closed.
    fn close_containers(&mut self) {
        while let Some((name, span)) = self.containers.pop() {
            self.directive_problem(
                span,
                format!("`:::{name}` is never closed with `:::{name}-end`"),
            );
            self.emit(Event::Html(CowStr::Borrowed("</div>\n")));
        }
    }

    fn finish(self, mut html: String) -> Walked {
        // pulldown-cmark percent-encodes hrefs, the locale-root marker among them.
        const ENCODED_MARKER: &str = "%EE%80%80";
        if html.contains(ENCODED_MARKER) {
            html = html.replace(ENCODED_MARKER, links::LOCALE_ROOT);
        }
        let walked = Walked {
            headings: self.headings,
            anchors: self.anchors,
            links: self.links,
            procedures: group_procedures(self.finished),
            tables: self.tables,
            directives: self.directives,
            active: self.active,
            html,
        };
        // What a walk for the structure finds is kept for the whole run; a walk that renders
        // throws it away.
        if self.render { walked } else { walked.fitted() }
    }
}

impl Walked {
    /// Every list in no more memory than its length.
    fn fitted(mut self) -> Walked {
        self.headings.shrink_to_fit();
        self.anchors.shrink_to_fit();
        self.links.shrink_to_fit();
        self.procedures.shrink_to_fit();
        self.tables.shrink_to_fit();
        self.directives.shrink_to_fit();
        self.active.shrink_to_fit();
        self
    }
}

/// `v` in no more memory than it needs: what a walk finds is kept for the whole run, for
/// every file of the site, and a vector grown by pushes holds up to twice its length.
fn fitted<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

fn fitted_row(row: Row) -> Row {
    Row {
        cells: fitted(row.cells),
        ..row
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn alert_kind(kind: BlockQuoteKind) -> AlertKind {
    match kind {
        BlockQuoteKind::Note => AlertKind::Note,
        BlockQuoteKind::Tip => AlertKind::Tip,
        BlockQuoteKind::Important => AlertKind::Important,
        BlockQuoteKind::Warning => AlertKind::Warning,
        BlockQuoteKind::Caution => AlertKind::Caution,
    }
}
