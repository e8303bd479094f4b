//! Raw HTML: sxs segment tags, anchors, `<a href>`/`<img src>` links, stray sxs attributes.

use super::*;

impl<'a> Walker<'a, '_> {
    pub(super) fn inline_html(&mut self, html: CowStr<'a>, range: Range<usize>) {
        if let Some((role, _)) = self.tags.at(range.start) {
            // Static strings (and the source language, borrowed): a bilingual corpus has
            // millions of these tags.
            let (open, lang_then): (&'static str, &'static str) = match role {
                TagRole::TargetOpen { paired: true } => (
                    "<span class=\"sxs\" tabindex=\"0\"><span class=\"sxs-t\">",
                    "",
                ),
                TagRole::TargetOpen { paired: false } => ("<span class=\"sxs-t\">", ""),
                TagRole::TargetClose => ("</span>", ""),
                TagRole::LookupOpen { paired: true } => {
                    ("<span class=\"sxs-s\" lang=\"", "\" role=\"tooltip\">")
                }
                TagRole::LookupOpen { paired: false } => {
                    ("<span class=\"sxs-s sxs-orphan\" lang=\"", "\" hidden>")
                }
                TagRole::SourceOpen | TagRole::SourceClose => ("", ""),
                TagRole::LookupClose { paired: true } => ("</span></span>", ""),
                TagRole::LookupClose { paired: false } => ("</span>", ""),
            };
            if !open.is_empty() {
                self.emit(Event::InlineHtml(CowStr::Borrowed(open)));
            }
            if !lang_then.is_empty() {
                let lang = self.words.map_or("", |w| w.source_lang);
                self.emit(Event::InlineHtml(CowStr::Borrowed(lang)));
                self.emit(Event::InlineHtml(CowStr::Borrowed(lang_then)));
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
    pub(super) fn html(&mut self, html: CowStr<'a>, range: Range<usize>, inline: bool) {
        if self.in_code_block {
            self.emit(Event::Html(html));
            return;
        }
        let mut rewritten = String::new();
        let mut copied = 0;
        for tag in tags_outside_comments(&html) {
            let t = &html[tag.clone()];
            let at = range.start + tag.start;
            for (kind, r) in super::super::active::scan_tag(t) {
                self.active.push(Active {
                    kind,
                    span: Span::new(at + r.start, at + r.end),
                });
            }
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
            // The tag as it is written out: its link rewritten, stray sxs attributes gone.
            let mut new_tag: Option<String> = None;
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
                    new_tag = Some(format!(
                        "{}{}{}",
                        &t[..r.start],
                        escape_attr(&url),
                        &t[r.end..]
                    ));
                }
            }
            if t.contains("data-ttu-id") || t.contains("data-stu-id") || t.contains("sxs-lookup") {
                new_tag = Some(strip_sxs_attrs(new_tag.as_deref().unwrap_or(t)));
            }
            if let Some(new_tag) = new_tag {
                rewritten.push_str(&html[copied..tag.start]);
                rewritten.push_str(&new_tag);
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

    const WORDS: BodyWords<'static> = BodyWords {
        source_lang: "en-US",
        alert_titles: ["Note", "Tip", "Important", "Warning", "Caution"],
    };

    #[test]
    fn a_link_with_sxs_attributes_is_rewritten_and_stripped() {
        // Found by fuzzing: a rewritten href and stripped sxs attributes in one tag once
        // sliced the HTML backwards.
        let text = "---\ntitle: T\n---\n# T\n\n<a href=\"x.md#a\" data-ttu-id=\"1\">x</a> and <a data-stu-id=\"2\" href=\"https://e.com/\">y</a>\n";
        let file = crate::content::SourceFile {
            locale: crate::config::Locale::parse("en-us").expect("locale"),
            rel: "a.md".into(),
            path: "en-us/a.md".into(),
            kind: crate::content::FileKind::Article,
            text: text.into(),
            lines: crate::span::LineIndex::new(text),
        };
        let (article, _) = crate::markdown::parse(file);
        assert!(
            !article.html(&WORDS).contains("data-ttu-id")
                && !article.html(&WORDS).contains("data-stu-id")
        );
        assert!(
            article.html(&WORDS).contains("href=\"https://e.com/\""),
            "{}",
            article.html(&WORDS)
        );
        assert!(
            article.html(&WORDS).contains("x/#a"),
            "{}",
            article.html(&WORDS)
        );
    }

    #[test]
    pub(super) fn strips_stray_sxs_attributes() {
        assert_eq!(strip_sxs_attrs(r#"<span data-ttu-id="x-1">"#), "<span>");
        assert_eq!(strip_sxs_attrs(r#"<span class="sxs-lookup">"#), "<span>");
        assert_eq!(
            strip_sxs_attrs(r#"<span class="other">"#),
            r#"<span class="other">"#
        );
    }

    #[test]
    pub(super) fn comments_hide_tags() {
        let html = "<!-- <a href=\"x\"> --><b>";
        assert_eq!(tags_outside_comments(html), vec![21..24]);
    }
}
