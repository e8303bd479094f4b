//! The side-by-side view of a translated page: each section of the translation beside the
//! same section of its source. For sxs articles the source column is made of the segments'
//! source copies; for a translation without sxs markup it is the source article's section
//! with the same heading anchor (anchors are kept across locales).

/// One section: the id of the heading that opens it (`None` before the first heading) and
/// its HTML.
fn sections(html: &str) -> Vec<(Option<String>, &str)> {
    let mut starts = vec![0];
    let bytes = html.as_bytes();
    for (i, _) in html.match_indices("<h") {
        let at_line_start = i == 0 || bytes[i - 1] == b'\n';
        let level = bytes.get(i + 2).copied();
        if at_line_start && level.is_some_and(|b| (b'1'..=b'3').contains(&b)) && i != 0 {
            starts.push(i);
        }
    }
    starts.push(html.len());
    starts
        .windows(2)
        .map(|w| {
            let part = &html[w[0]..w[1]];
            (heading_id(part), part)
        })
        .filter(|(_, part)| !part.trim().is_empty())
        .collect()
}

fn heading_id(part: &str) -> Option<String> {
    let rest = part.strip_prefix("<h")?;
    let tag_end = rest.find('>')?;
    let tag = &rest[..tag_end];
    let i = tag.find("id=\"")?;
    let id = &tag[i + 4..];
    Some(id[..id.find('"')?].to_string())
}

const SEGMENT: &str = "<span class=\"sxs\" tabindex=\"0\"><span class=\"sxs-t\">";
const SOURCE: &str = "<span class=\"sxs-s\" lang=\"en-US\" role=\"tooltip\">";

/// The source text of an sxs section: each segment replaced by its source copy; ids dropped
/// so the page keeps each id once.
fn source_of_sxs(section: &str) -> String {
    let mut out = String::with_capacity(section.len());
    let mut rest = section;
    while let Some(i) = rest.find(SEGMENT) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let Some(end) = matching_close(after) else {
            out.push_str(after);
            return strip_ids(&out);
        };
        let segment = &after[..end];
        match segment.find(SOURCE) {
            Some(s) => {
                let inner = &segment[s + SOURCE.len()..];
                let close = matching_close(&segment[s..])
                    .map_or(inner.len(), |c| c - SOURCE.len() - "</span>".len());
                out.push_str("<span lang=\"en-US\">");
                out.push_str(&inner[..close.min(inner.len())]);
                out.push_str("</span>");
            }
            None => out.push_str(segment),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    strip_ids(&out)
}

/// The end (exclusive) of the `<span …>` that opens `s`, counting nested spans.
fn matching_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with("<span") {
            depth += 1;
            i += 5;
        } else if rest.starts_with("</span>") {
            depth = depth.checked_sub(1)?;
            i += 7;
            if depth == 0 {
                return Some(i);
            }
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

fn strip_ids(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 5..];
        match after.find('"') {
            Some(j) => rest = &after[j + 1..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The side-by-side HTML of a translated page. `source_html` is the source article's body
/// (for translations without sxs markup); an sxs page carries its own source.
pub fn side_by_side(target_html: &str, source_html: Option<&str>, sxs: bool) -> Option<String> {
    let source_sections = source_html.map(sections).unwrap_or_default();
    if !sxs && source_sections.is_empty() {
        return None;
    }
    let mut out = String::from("<div class=\"sbs\">\n");
    for (id, section) in sections(target_html) {
        let source = if sxs {
            source_of_sxs(section)
        } else {
            source_sections
                .iter()
                .find(|(sid, _)| *sid == id)
                .map(|(_, s)| strip_ids(s))
                .unwrap_or_default()
        };
        out.push_str("<section class=\"sbs-row\"><div class=\"sbs-t\">\n");
        out.push_str(section);
        out.push_str("</div><div class=\"sbs-s\" lang=\"en-US\" data-diglot-source>\n");
        out.push_str(&source);
        out.push_str("</div></section>\n");
    }
    out.push_str("</div>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sxs_sections_show_their_source_copies() {
        let html = "<p>Intro <span class=\"sxs\" tabindex=\"0\"><span class=\"sxs-t\">Bonjour <strong>tous</strong></span><span class=\"sxs-s\" lang=\"en-US\" role=\"tooltip\">Hello <strong>all</strong></span></span></p>\n<h2 id=\"next\">Suite</h2>\n<p>x</p>\n";
        let sbs = side_by_side(html, None, true).expect("sbs");
        assert_eq!(sbs.matches("class=\"sbs-row\"").count(), 2);
        assert!(
            sbs.contains("<span lang=\"en-US\">Hello <strong>all</strong></span>"),
            "{sbs}"
        );
        assert_eq!(sbs.matches("id=\"next\"").count(), 1, "ids once");
    }

    #[test]
    fn plain_translations_pair_sections_by_anchor() {
        let fr = "<h1 id=\"t\">Titre</h1>\n<p>a</p>\n<h2 id=\"b\">B fr</h2>\n<p>b</p>\n";
        let en = "<h1 id=\"t\">Title</h1>\n<p>A</p>\n<h2 id=\"b\">B en</h2>\n<p>B</p>\n";
        let sbs = side_by_side(fr, Some(en), false).expect("sbs");
        let rows: Vec<&str> = sbs.split("<section").skip(1).collect();
        assert_eq!(rows.len(), 2);
        assert!(
            rows[1].contains("B fr") && rows[1].contains("B en"),
            "{sbs}"
        );
    }
}
