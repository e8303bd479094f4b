//! The side-by-side view of a plain translated page: each block of the translation
//! (paragraph, list, table, heading) beside the same block of its source, grouped by section.
//!
//! The translation is paired with the source article section by section, through the
//! heading anchors (kept across locales), or by place when the anchors differ and both
//! have as many sections; inside a pair of sections whose blocks are the
//! same kinds in the same order, block by block, and otherwise the whole section beside the
//! whole section. (An sxs page's view is built in the browser from the page itself, whose
//! sentences carry their source: see `diglot.js`.)

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

/// Elements that contain other blocks: a top-level block ends only when they are closed.
const CONTAINERS: &[&str] = &[
    "ul",
    "ol",
    "table",
    "blockquote",
    "div",
    "pre",
    "details",
    "section",
    "figure",
    "aside",
    "dl",
    "template",
];

/// The top-level blocks of an HTML fragment as pulldown-cmark writes it: each starts on a
/// line of its own, at container depth 0.
fn blocks(html: &str) -> Vec<&str> {
    let mut starts = Vec::new();
    let mut depth = 0i32;
    let mut offset = 0;
    for line in html.split_inclusive('\n') {
        if depth <= 0 && line.starts_with('<') && !line.starts_with("</") {
            starts.push(offset);
            depth = 0;
        }
        depth += container_balance(line);
        offset += line.len();
    }
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(html.len());
    starts
        .windows(2)
        .map(|w| &html[w[0]..w[1]])
        .filter(|b| !b.trim().is_empty())
        .collect()
}

/// Containers opened minus containers closed on a line.
fn container_balance(line: &str) -> i32 {
    let bytes = line.as_bytes();
    let mut balance = 0;
    for i in memchr::memchr_iter(b'<', bytes) {
        let (closing, from) = match bytes.get(i + 1) {
            Some(b'/') => (true, i + 2),
            _ => (false, i + 1),
        };
        let len = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &bytes[from..from + len];
        if CONTAINERS
            .iter()
            .any(|c| c.as_bytes().eq_ignore_ascii_case(name))
        {
            balance += if closing { -1 } else { 1 };
        }
    }
    balance
}

/// The tag a block opens with (`p`, `ul`, `h2`), to compare two blocks' kinds.
fn block_kind(block: &str) -> &str {
    let rest = block.trim_start().trim_start_matches('<');
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// A row: a piece of the translation beside its source.
fn row(out: &mut String, target: &str, source: &str, source_lang: &str) {
    out.push_str("<div class=\"sbs-row\"><div class=\"sbs-t\">\n");
    out.push_str(target);
    out.push_str("</div><div class=\"sbs-s\" lang=\"");
    out.push_str(source_lang);
    out.push_str("\" data-diglot-source>\n");
    out.push_str(source);
    out.push_str("</div></div>\n");
}

/// The rows of a plain translation's section beside its source section: block by block
/// when the two have the same kinds of blocks in the same order, else as a whole.
fn paired_rows(out: &mut String, target: &str, source: &str, source_lang: &str) {
    let ours = blocks(target);
    let theirs = blocks(source);
    let same_shape = ours.len() == theirs.len()
        && ours
            .iter()
            .zip(&theirs)
            .all(|(a, b)| block_kind(a) == block_kind(b));
    if same_shape {
        for (t, s) in ours.iter().zip(&theirs) {
            row(out, t, &strip_ids(s), source_lang);
        }
    } else {
        row(out, target, &strip_ids(source), source_lang);
    }
}

/// The side-by-side HTML of a plain translated page beside its source article's body,
/// written in `source_lang` (a BCP 47 tag).
pub fn side_by_side(target_html: &str, source_html: &str, source_lang: &str) -> Option<String> {
    let source_sections = sections(source_html);
    if source_sections.is_empty() {
        return None;
    }
    let target_sections = sections(target_html);
    // A heading translated without its source's anchor (AN002) is still the same section
    // when both pages have as many, in order: paired by place rather than shown beside
    // nothing, unless another section has that source section by its anchor.
    let same_count = target_sections.len() == source_sections.len();
    let by_anchor = |id: &Option<String>| source_sections.iter().position(|(sid, _)| sid == id);
    let taken: Vec<usize> = target_sections
        .iter()
        .filter_map(|(id, _)| by_anchor(id))
        .collect();
    let mut out = String::from("<div class=\"sbs\">\n");
    for (i, (id, section)) in target_sections.iter().enumerate() {
        out.push_str("<section class=\"sbs-section\">\n");
        let at = by_anchor(id).or_else(|| (same_count && !taken.contains(&i)).then_some(i));
        let source = at.map_or("", |i| source_sections[i].1);
        paired_rows(&mut out, section, source, source_lang);
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_translations_pair_sections_by_anchor() {
        let fr = "<h1 id=\"t\">Titre</h1>\n<p>a</p>\n<h2 id=\"b\">B fr</h2>\n<p>b</p>\n";
        let en = "<h1 id=\"t\">Title</h1>\n<p>A</p>\n<h2 id=\"b\">B en</h2>\n<p>B</p>\n";
        let sbs = side_by_side(fr, en, "en-US").expect("sbs");
        let sections: Vec<&str> = sbs.split("<section").skip(1).collect();
        assert_eq!(sections.len(), 2);
        let rows: Vec<&str> = sections[1].split("class=\"sbs-row\"").skip(1).collect();
        assert_eq!(rows.len(), 2, "same blocks: a row per block");
        assert!(
            rows[0].contains("B fr") && rows[0].contains("B en"),
            "{sbs}"
        );
        assert!(
            rows[1].contains("<p>b</p>") && rows[1].contains("<p>B</p>"),
            "{sbs}"
        );
    }

    #[test]
    fn sections_whose_anchors_differ_pair_by_place_when_both_have_as_many() {
        let fr = "<h1 id=\"titre\">Titre</h1>\n<p>a</p>\n<h2 id=\"bfr\">B fr</h2>\n<p>b</p>\n";
        let en = "<h1 id=\"t\">Title</h1>\n<p>A</p>\n<h2 id=\"b\">B en</h2>\n<p>B</p>\n";
        let sbs = side_by_side(fr, en, "en-US").expect("sbs");
        let sections: Vec<&str> = sbs.split("<section").skip(1).collect();
        assert!(
            sections[0].contains("Titre") && sections[0].contains("Title"),
            "{sbs}"
        );
        assert!(
            sections[1].contains("B fr") && sections[1].contains("B en"),
            "{sbs}"
        );
        // A section paired by anchor is not paired again by place.
        let swapped = "<h2 id=\"x\">X</h2>\n<p>x</p>\n<h2 id=\"a\">A fr</h2>\n<p>a</p>\n";
        let source = "<h2 id=\"a\">A en</h2>\n<p>A</p>\n<h2 id=\"b\">B en</h2>\n<p>B</p>\n";
        let sbs = side_by_side(swapped, source, "en-US").expect("sbs");
        assert_eq!(sbs.matches("A en").count(), 1, "{sbs}");
        // One section more in the translation: no place to pair it by.
        let more = format!("{fr}<h2 id=\"c\">C</h2>\n<p>c</p>\n");
        let sbs = side_by_side(&more, en, "en-US").expect("sbs");
        let first = sbs.split("<section").nth(1).expect("a section");
        assert!(!first.contains("Title"), "{sbs}");
    }

    #[test]
    fn sections_of_another_shape_stay_whole() {
        let fr = "<h2 id=\"b\">B</h2>\n<p>un</p>\n<p>deux</p>\n";
        let en = "<h2 id=\"b\">B</h2>\n<p>one</p>\n<ul>\n<li>two</li>\n</ul>\n";
        let sbs = side_by_side(fr, en, "en-US").expect("sbs");
        assert_eq!(sbs.matches("class=\"sbs-row\"").count(), 1, "{sbs}");
        assert!(sbs.contains("<li>two</li>"));
    }

    #[test]
    fn blocks_keep_containers_whole() {
        let html = "<p>a</p>\n<ul>\n<li>\n<p>x</p>\n<ul>\n<li>y</li>\n</ul>\n</li>\n</ul>\n<table>\n<tr><td>1</td></tr>\n</table>\n<h2 id=\"h\">H</h2>\n";
        let b = blocks(html);
        assert_eq!(b.len(), 4, "{b:?}");
        assert!(b[1].starts_with("<ul>") && b[1].ends_with("</ul>\n"));
        assert_eq!(block_kind(b[2]), "table");
        assert_eq!(block_kind(b[3]), "h2");
    }
}
