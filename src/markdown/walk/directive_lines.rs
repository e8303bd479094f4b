//! DocFX directive lines inside paragraphs.

use super::*;
use crate::markdown::active::is_script_url;

impl<'a> Walker<'a, '_> {
    /// A directive diglot cannot render as written: every MD003 finding is made here.
    pub(super) fn directive_problem(&mut self, span: Span, message: String) {
        self.diags.push(Diagnostic::new(
            &codes::MD003,
            self.file.file_ref(),
            span,
            message,
        ));
    }

    /// A paragraph holding DocFX directive lines: each such line becomes its directive; the
    /// other lines stay a paragraph (split where a directive stands between them).
    pub(super) fn paragraph_with_directives(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
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

    pub(super) fn directive(&mut self, directive: Directive, span: Span) {
        let html = match &directive {
            Directive::Image { source, alt, .. } => {
                let url = self.record_link(LinkKind::DirectiveImage, source, span.range());
                let i = self.links.len() - 1;
                self.links[i].text = alt.clone().unwrap_or_default();
                if is_script_url(source) {
                    // Never a script URL from diglot's own markup (MD005 reports it).
                    return self.directives.push(DirectiveAt { directive, span });
                }
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
                    self.directive_problem(
                        span,
                        format!("`:::{name}-end` closes no open `:::{name}`"),
                    );
                    String::new()
                }
            }
            Directive::Video { url } => {
                self.record_link(LinkKind::Video, url, span.range());
                if is_script_url(url) {
                    return self.directives.push(DirectiveAt { directive, span });
                }
                format!(
                    "<div class=\"video\"><iframe src=\"{}\" title=\"Video\" allowfullscreen loading=\"lazy\"></iframe></div>\n",
                    escape_attr(url)
                )
            }
            Directive::Include { path, .. } => {
                self.record_link(LinkKind::Include, path, span.range());
                let i = self.links.len() - 1;
                match self.links[i].resolved.as_deref() {
                    Some(resolved) => format!(
                        "<diglot-include src=\"{}\"></diglot-include>\n",
                        escape_attr(resolved)
                    ),
                    None => String::new(),
                }
            }
            // The renderer fills it from the model, in the page's language.
            Directive::PartnerTypes { portal } => format!(
                "<diglot-partner-types portal=\"{}\"></diglot-partner-types>\n",
                escape_attr(portal)
            ),
            Directive::Alert { .. } => String::new(),
            Directive::Unknown { text, reason } => {
                self.directive_problem(span, reason.clone());
                format!("<p class=\"unknown-directive\">{}</p>\n", escape_text(text))
            }
        };
        self.directives.push(DirectiveAt { directive, span });
        if !html.is_empty() {
            self.emit(Event::Html(CowStr::from(html)));
        }
    }
}
