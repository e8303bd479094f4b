//! Headings: the leading `<a name>`, the slug, the id and the permalink.

use super::*;

impl<'a> Walker<'a, '_> {
    pub(super) fn finish_heading(&mut self) {
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
        if !self.render {
            return;
        }
        let permalink = format!(
            "<a class=\"permalink\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
            escape_attr(&anchor)
        );
        self.out.push_back(Event::Start(Tag::Heading {
            level: h.level,
            id: Some(CowStr::from(anchor)),
            classes: h.classes,
            attrs: h.attrs,
        }));
        self.out.extend(h.events);
        self.out
            .push_back(Event::InlineHtml(CowStr::from(permalink)));
        self.out.push_back(Event::End(TagEnd::Heading(h.level)));
    }
}

/// Folds runs of ASCII white space (not U+00A0, which French typography needs).
pub(super) fn collapse_spaces(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}
