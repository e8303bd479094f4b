//! The single pass over pulldown-cmark's events: it extracts the article's structure and,
//! in the same pass, rewrites the events into the body's HTML.

use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::anchors::{self, Anchor, AnchorOrigin, SlugAllocator};
use super::directives::{self, AlertKind, Directive};
use super::links::{self, LinkTarget};
use super::sxs::{Segments, TagRole};
use super::{
    Cell, DirectiveAt, Heading, Label, Link, LinkKind, OrderedList, Procedure, Row, Step, Table,
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
    pub html: String,
}

pub(super) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES
}

pub(super) fn walk(
    file: &SourceFile,
    body_start: usize,
    segments: &Segments,
    lang: &str,
    diags: &mut Vec<Diagnostic>,
) -> Walked {
    let body = &file.text[body_start..];
    let mut events = Parser::new_ext(body, parser_options()).into_offset_iter();
    let mut w = Walker::new(file, segments, lang, diags);
    while let Some((event, range)) = events.next() {
        let range = range.start + body_start..range.end + body_start;
        if let Event::Start(Tag::Paragraph) = &event
            && file.text[range.clone()]
                .lines()
                .any(directives::looks_like_directive)
        {
            // Buffer the paragraph: its directive lines become directives, the rest text.
            let mut inner = Vec::new();
            let mut depth = 1;
            for (e, r) in events.by_ref() {
                match e {
                    Event::Start(Tag::Paragraph) => depth += 1,
                    Event::End(TagEnd::Paragraph) => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                inner.push((e, r.start + body_start..r.end + body_start));
            }
            w.paragraph_with_directives(inner);
            continue;
        }
        w.event(event, range);
    }
    w.finish()
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
    lang: &'a str,
    diags: &'d mut Vec<Diagnostic>,
    out: Vec<Event<'a>>,
    headings: Vec<Heading>,
    anchors: Vec<Anchor>,
    links: Vec<Link>,
    tables: Vec<Table>,
    directives: Vec<DirectiveAt>,
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
}

impl<'a, 'd> Walker<'a, 'd> {
    fn new(
        file: &'a SourceFile,
        segments: &'a Segments,
        lang: &'a str,
        diags: &'d mut Vec<Diagnostic>,
    ) -> Self {
        Walker {
            file,
            segments,
            lang,
            diags,
            out: Vec::new(),
            headings: Vec::new(),
            anchors: Vec::new(),
            links: Vec::new(),
            tables: Vec::new(),
            directives: Vec::new(),
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
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(h) => h.events.push(event),
            None => self.out.push(event),
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
                        let html = format!(
                            "<div class=\"alert alert-{}\" role=\"note\"><p class=\"alert-title\">{}</p>",
                            k.class(),
                            k.title(self.lang)
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
                    self.finished.push(FinishedList {
                        list: OrderedList {
                            start: list.start,
                            steps: list.steps,
                            span: Span::new(list.start_offset, range.end),
                        },
                        heading: list.heading,
                        nested: !self.lists.is_empty(),
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
                    t.header = t.row.take();
                }
                self.emit(Event::End(TagEnd::TableHead));
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table
                    && let Some(row) = t.row.take()
                {
                    t.rows.push(row);
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
                        rows: t.rows,
                        span: Span::new(t.start, range.end),
                    });
                }
                self.emit(Event::End(TagEnd::Table));
            }
            other => self.emit(Event::End(other)),
        }
    }

    fn finish_heading(&mut self) {
        let Some(h) = self.heading.take() else {
            return;
        };
        // The slug sees the text as written (a no-break space is no space); the visible
        // title only has runs of ASCII white space folded.
        let slug = self
            .slugs
            .allocate(h.text.trim_matches(|c: char| c.is_ascii_whitespace()));
        let text = collapse_spaces(&h.text);
        // Markdig computes an auto id for every heading, so explicit ones still take a slug.
        // An empty `<a name="">` names nothing: keep it as an anchor (AN003 reports it)
        // and give the heading its slug.
        let lead = match h.lead {
            Some((id, span)) if id.trim().is_empty() => {
                self.anchors.push(Anchor {
                    id,
                    origin: AnchorOrigin::HeadingName,
                    span,
                });
                None
            }
            other => other,
        };
        let (anchor, origin, anchor_span) = match (lead, h.attr_id) {
            (Some((id, span)), _) => (id, AnchorOrigin::HeadingName, span),
            (None, Some(id)) => (
                id,
                AnchorOrigin::HeadingAttribute,
                Span::new(h.range.start, h.range.end),
            ),
            (None, None) => (
                slug,
                AnchorOrigin::HeadingSlug,
                Span::new(h.range.start, h.range.end),
            ),
        };
        let level = heading_level(h.level);
        self.anchors.push(Anchor {
            id: anchor.clone(),
            origin,
            span: anchor_span,
        });
        self.headings.push(Heading {
            level,
            text,
            anchor: anchor.clone(),
            origin,
            span: Span::new(h.range.start, h.range.end),
        });
        self.current_heading = Some(self.headings.len() - 1);
        let permalink = format!(
            "<a class=\"permalink\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
            escape_attr(&anchor)
        );
        self.out.push(Event::Start(Tag::Heading {
            level: h.level,
            id: Some(CowStr::from(anchor)),
            classes: h.classes,
            attrs: h.attrs,
        }));
        self.out.extend(h.events);
        self.out.push(Event::InlineHtml(CowStr::from(permalink)));
        self.out.push(Event::End(TagEnd::Heading(h.level)));
    }

    /// Records a link and returns the URL to write in the HTML, when it differs.
    fn record_link(&mut self, kind: LinkKind, dest: &str, range: Range<usize>) -> Option<String> {
        let target = LinkTarget::classify(dest, &self.file.rel);
        let url = links::output_url(&target, dest);
        self.links.push(Link {
            kind,
            dest: dest.to_string(),
            target,
            text: String::new(),
            span: Span::new(range.start, range.end),
            in_source_copy: self.segments.in_source_copy(range.start),
            new_tab: false,
            noopener: false,
        });
        url
    }

    fn inline_html(&mut self, html: CowStr<'a>, range: Range<usize>) {
        if let Some((role, _)) = self.segments.tag_at(range.start) {
            // Static strings: a bilingual corpus has millions of these tags.
            let replacement: &'static str = match role {
                TagRole::TargetOpen { paired: true } => {
                    "<span class=\"sxs\" tabindex=\"0\"><span class=\"sxs-t\">"
                }
                TagRole::TargetOpen { paired: false } => "<span class=\"sxs-t\">",
                TagRole::TargetClose => "</span>",
                TagRole::LookupOpen { paired: true } => {
                    "<span class=\"sxs-s\" lang=\"en-US\" role=\"tooltip\">"
                }
                TagRole::LookupOpen { paired: false } => {
                    "<span class=\"sxs-s sxs-orphan\" lang=\"en-US\" hidden>"
                }
                TagRole::SourceOpen | TagRole::SourceClose => "",
                TagRole::LookupClose { paired: true } => "</span></span>",
                TagRole::LookupClose { paired: false } => "</span>",
            };
            if !replacement.is_empty() {
                self.emit(Event::InlineHtml(CowStr::Borrowed(replacement)));
            }
            return;
        }
        if let Some(h) = &mut self.heading {
            if h.lead_close_pending && html.trim() == "</a>" {
                h.lead_close_pending = false;
                return;
            }
            if !h.seen_content
                && h.lead.is_none()
                && let Some(id) = anchors::anchor_tag_id(&html)
            {
                h.lead = Some((id, Span::new(range.start, range.end)));
                h.lead_close_pending = !html.trim_end().ends_with("/>");
                return;
            }
        }
        self.html(html, range, true);
    }

    /// Raw HTML: its ids are anchors, its `<a href>`/`<img src>` are links (rewritten for
    /// the site), and stray sxs attributes are dropped so none reach the output.
    fn html(&mut self, html: CowStr<'a>, range: Range<usize>, inline: bool) {
        if self.in_code_block {
            self.emit(Event::Html(html));
            return;
        }
        let mut rewritten = String::new();
        let mut copied = 0;
        for tag in tags_outside_comments(&html) {
            let t = &html[tag.clone()];
            let at = range.start + tag.start;
            if t.starts_with("</a") {
                self.html_link = None;
                continue;
            }
            for (id, r) in anchors::html_ids(t) {
                // `<span data-ttu-id>` is no anchor; `id=` inside it is no id.
                if !t.contains("data-ttu-id") && !t.contains("data-stu-id") {
                    self.anchors.push(Anchor {
                        id,
                        origin: AnchorOrigin::Html,
                        span: Span::new(at + r.start, at + r.end),
                    });
                }
            }
            let attr = if t.starts_with("<a ") || t.starts_with("<a\n") {
                Some(("href", LinkKind::HtmlAnchor))
            } else if t.starts_with("<img ") || t.starts_with("<img\n") {
                Some(("src", LinkKind::HtmlImage))
            } else {
                None
            };
            if let Some((name, kind)) = attr
                && let Some((dest, r)) = anchors::attr_value_span(t, name)
            {
                let url = self.record_link(kind, dest, at..at + t.len());
                let link = self.links.len() - 1;
                let new_tab = anchors::attr_value(t, "target")
                    .is_some_and(|v| v.eq_ignore_ascii_case("_blank"));
                let rel = anchors::attr_value(t, "rel")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                self.links[link].new_tab = new_tab;
                self.links[link].noopener = rel.contains("noopener") || rel.contains("noreferrer");
                if kind == LinkKind::HtmlImage {
                    self.links[link].text = anchors::attr_value(t, "alt").unwrap_or_default();
                } else if inline && !t.ends_with("/>") {
                    self.html_link = Some(link);
                }
                if let Some(url) = url {
                    rewritten.push_str(&html[copied..tag.start + r.start]);
                    rewritten.push_str(&escape_attr(&url));
                    copied = tag.start + r.end;
                }
            }
            if t.contains("data-ttu-id") || t.contains("data-stu-id") || t.contains("sxs-lookup") {
                rewritten.push_str(&html[copied..tag.start]);
                rewritten.push_str(&strip_sxs_attrs(t));
                copied = tag.end;
            }
        }
        let html = if copied == 0 {
            html
        } else {
            rewritten.push_str(&html[copied..]);
            CowStr::from(rewritten)
        };
        if inline {
            self.emit(Event::InlineHtml(html));
        } else {
            self.emit(Event::Html(html));
        }
    }

    /// A paragraph holding DocFX directive lines: each such line becomes its directive; the
    /// other lines stay a paragraph (split where a directive stands between them).
    fn paragraph_with_directives(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
        let mut lines: Vec<Vec<(Event<'a>, Range<usize>)>> = vec![Vec::new()];
        for (e, r) in events {
            if matches!(e, Event::SoftBreak | Event::HardBreak) {
                lines.push(Vec::new());
            } else if let Some(line) = lines.last_mut() {
                line.push((e, r));
            }
        }
        let mut open = false;
        for line in lines.into_iter().filter(|l| !l.is_empty()) {
            let start = line.first().map_or(0, |(_, r)| r.start);
            let end = line.last().map_or(start, |(_, r)| r.end);
            let raw = &self.file.text[start..end];
            if directives::looks_like_directive(raw) {
                if open {
                    self.emit(Event::End(TagEnd::Paragraph));
                    open = false;
                }
                let span = Span::new(start, end);
                for d in directives::parse(raw) {
                    self.directive(d, span);
                }
            } else {
                if open {
                    self.text(" ", start);
                    self.emit(Event::SoftBreak);
                } else {
                    self.emit(Event::Start(Tag::Paragraph));
                    open = true;
                }
                for (e, r) in line {
                    self.event(e, r);
                }
            }
        }
        if open {
            self.emit(Event::End(TagEnd::Paragraph));
        }
    }

    fn directive(&mut self, directive: Directive, span: Span) {
        let html = match &directive {
            Directive::Image { source, alt, .. } => {
                let url = self.record_link(LinkKind::DirectiveImage, source, span.range());
                let i = self.links.len() - 1;
                self.links[i].text = alt.clone().unwrap_or_default();
                format!(
                    "<figure class=\"image\"><img src=\"{}\" alt=\"{}\" loading=\"lazy\"></figure>\n",
                    escape_attr(url.as_deref().unwrap_or(source)),
                    escape_attr(alt.as_deref().unwrap_or(""))
                )
            }
            Directive::ImageEnd => String::new(),
            Directive::Open { name, range } => {
                self.containers.push((name.clone(), span));
                let range = range
                    .as_deref()
                    .map(|r| format!(" data-range=\"{}\"", escape_attr(r)))
                    .unwrap_or_default();
                format!("<div class=\"directive directive-{name}\"{range}>\n")
            }
            Directive::Close { name } => {
                if self.containers.last().is_some_and(|(n, _)| n == name) {
                    self.containers.pop();
                    "</div>\n".to_string()
                } else {
                    self.diags.push(Diagnostic::new(
                        &codes::MD003,
                        self.file.file_ref(),
                        span,
                        format!("`:::{name}-end` closes no open `:::{name}`"),
                    ));
                    String::new()
                }
            }
            Directive::Video { url } => {
                self.record_link(LinkKind::Video, url, span.range());
                format!(
                    "<div class=\"video\"><iframe src=\"{}\" title=\"Video\" allowfullscreen loading=\"lazy\"></iframe></div>\n",
                    escape_attr(url)
                )
            }
            Directive::Include { path, .. } => {
                self.record_link(LinkKind::Include, path, span.range());
                let i = self.links.len() - 1;
                match &self.links[i].target {
                    LinkTarget::Relative {
                        resolved: Some(resolved),
                        ..
                    } => format!(
                        "<diglot-include src=\"{}\"></diglot-include>\n",
                        escape_attr(resolved)
                    ),
                    _ => String::new(),
                }
            }
            Directive::Alert { .. } => String::new(),
            Directive::Unknown { text, reason } => {
                self.diags.push(Diagnostic::new(
                    &codes::MD003,
                    self.file.file_ref(),
                    span,
                    reason.clone(),
                ));
                format!("<p class=\"unknown-directive\">{}</p>\n", escape_text(text))
            }
        };
        self.directives.push(DirectiveAt { directive, span });
        if !html.is_empty() {
            self.emit(Event::Html(CowStr::from(html)));
        }
    }

    fn finish(mut self) -> Walked {
        while let Some((name, span)) = self.containers.pop() {
            self.diags.push(Diagnostic::new(
                &codes::MD003,
                self.file.file_ref(),
                span,
                format!("`:::{name}` is never closed with `:::{name}-end`"),
            ));
            self.out.push(Event::Html(CowStr::Borrowed("</div>\n")));
        }
        let mut html = String::with_capacity(self.file.text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.out.into_iter());
        // pulldown-cmark percent-encodes hrefs, the locale-root marker among them.
        const ENCODED_MARKER: &str = "%EE%80%80";
        if html.contains(ENCODED_MARKER) {
            html = html.replace(ENCODED_MARKER, links::LOCALE_ROOT);
        }
        Walked {
            headings: self.headings,
            anchors: self.anchors,
            links: self.links,
            procedures: group_procedures(self.finished),
            tables: self.tables,
            directives: self.directives,
            html,
        }
    }
}

/// Groups ordered lists into procedures: a top-level list joins the one before it when both
/// sit under the same heading and its numbering continues where that one stopped.
fn group_procedures(mut lists: Vec<FinishedList>) -> Vec<Procedure> {
    lists.sort_by_key(|l| l.list.span.start);
    let mut out: Vec<Procedure> = Vec::new();
    for f in lists {
        let continues = !f.nested
            && f.list.start > 1
            && out.last().is_some_and(|p| {
                !p.nested
                    && p.heading == f.heading
                    && p.steps()
                        .last()
                        .is_some_and(|s| s.number + 1 == f.list.start)
            });
        match out.last_mut() {
            Some(p) if continues => {
                p.span = Span::new(p.span.start as usize, f.list.span.end as usize);
                p.lists.push(f.list);
            }
            _ => out.push(Procedure {
                heading: f.heading,
                span: f.list.span,
                lists: vec![f.list],
                nested: f.nested,
            }),
        }
    }
    out
}

fn item_number(item_text: &str) -> Option<u32> {
    let digits: String = item_text
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
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

/// Folds runs of ASCII white space (not U+00A0, which French typography needs).
fn collapse_spaces(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte ranges of the tags in a chunk of HTML, skipping `<!-- … -->` comments.
fn tags_outside_comments(html: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(lt) = html[pos..].find('<') {
        let start = pos + lt;
        if html[start..].starts_with("<!--") {
            pos = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let end = html[start..]
            .find('>')
            .map_or(html.len(), |e| start + e + 1);
        out.push(start..end);
        pos = end;
    }
    out
}

/// Removes `data-ttu-id`, `data-stu-id` and the `sxs-lookup` class from a tag.
fn strip_sxs_attrs(tag: &str) -> String {
    let mut out = tag.to_string();
    for attr in ["data-ttu-id", "data-stu-id", "class"] {
        if let Some((value, r)) = anchors::attr_value_span(&out, attr) {
            if attr == "class" && value != "sxs-lookup" {
                continue;
            }
            let quote = usize::from(out[r.end..].starts_with(['"', '\'']));
            let mut start = out[..r.start].rfind(attr).unwrap_or(r.start);
            // Take the white space before the attribute with it (ASCII, so a char boundary).
            if start > 0 && out.as_bytes()[start - 1].is_ascii_whitespace() {
                start -= 1;
            }
            out.replace_range(start..r.end + quote, "");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_stray_sxs_attributes() {
        assert_eq!(strip_sxs_attrs(r#"<span data-ttu-id="x-1">"#), "<span>");
        assert_eq!(strip_sxs_attrs(r#"<span class="sxs-lookup">"#), "<span>");
        assert_eq!(
            strip_sxs_attrs(r#"<span class="other">"#),
            r#"<span class="other">"#
        );
    }

    #[test]
    fn comments_hide_tags() {
        let html = "<!-- <a href=\"x\"> --><b>";
        assert_eq!(tags_outside_comments(html), vec![21..24]);
    }
}
