//! Anchors exactly as DocFX computed them for the published sites (SPEC §3).

use std::collections::HashMap;

use crate::span::Span;

/// Where an anchor came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnchorOrigin {
    /// `# <a name="x"></a>Title`: the explicit anchor DocFX keeps for the heading.
    HeadingName,
    /// `# Title {#x}`.
    HeadingAttribute,
    /// The GFM slug of the heading text.
    HeadingSlug,
    /// Any other `id="…"` or `name="…"` in the page's raw HTML.
    Html,
}

/// One id a fragment can point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub origin: AnchorOrigin,
    pub span: Span,
}

/// Markdig's GFM slug: letters and digits lower-cased, `-` and `_` kept, a space becomes
/// `-`, everything else dropped. (Markdig: `LinkHelper.UrilizeAsGfm`.)
pub fn gfm_slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' {
            slug.push('-');
        } else if c == '-' || c == '_' {
            slug.push(c);
        } else if is_letter_or_digit(c) {
            // .NET's ToLowerInvariant maps one char to one char; to_lowercase may expand
            // (İ → i̇), which Markdig never does, so keep the first char of the mapping.
            slug.extend(c.to_lowercase().next());
        }
    }
    slug
}

/// .NET `char.IsLetterOrDigit`: Unicode letters (L*) and decimal digits (Nd).
fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // `is_alphabetic` also admits combining marks (Mn/Mc) and letter numbers (Nl); .NET does
    // not. Marks are rare in NFC text; exclude the common combining ranges explicitly.
    (c.is_alphabetic() && !is_combining_mark(c)) || is_decimal_digit(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Non-ASCII decimal digits (Nd): Arabic-Indic, Devanagari, fullwidth… are in blocks of ten.
fn is_decimal_digit(c: char) -> bool {
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
    ];
    let u = c as u32;
    ZEROS.iter().any(|&z| (z..z + 10).contains(&u))
}

/// Hands out heading ids in document order, as Markdig does: an empty slug becomes
/// `section`, and a repeated one gets `-1`, `-2`, … until it is unique.
#[derive(Debug, Default)]
pub struct SlugAllocator {
    used: HashMap<String, u32>,
}

impl SlugAllocator {
    pub fn allocate(&mut self, text: &str) -> String {
        let mut slug = gfm_slug(text);
        if slug.is_empty() {
            slug = "section".to_string();
        }
        if !self.used.contains_key(&slug) {
            self.used.insert(slug.clone(), 0);
            return slug;
        }
        let mut n = self.used.get(&slug).copied().unwrap_or(0);
        loop {
            n += 1;
            let candidate = format!("{slug}-{n}");
            if !self.used.contains_key(&candidate) {
                self.used.insert(slug, n);
                self.used.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}

/// The leading `<a name="x"></a>` / `<a id="x"></a>` of a heading, if the HTML is one.
pub fn anchor_tag_id(html: &str) -> Option<String> {
    let t = html.trim();
    if !(t.starts_with("<a ") || t.starts_with("<a\t")) {
        return None;
    }
    attr_value(t, "name").or_else(|| attr_value(t, "id"))
}

/// The value of `attr="…"` (or `'…'`, or bare) in one HTML tag.
pub fn attr_value(tag: &str, attr: &str) -> Option<String> {
    attr_value_span(tag, attr).map(|(v, _)| v.to_string())
}

/// The value of an attribute and its byte range within `tag`.
pub fn attr_value_span<'t>(tag: &'t str, attr: &str) -> Option<(&'t str, std::ops::Range<usize>)> {
    let bytes = tag.as_bytes();
    let mut i = 0;
    while let Some(found) = tag[i..].find(attr) {
        let at = i + found;
        i = at + attr.len();
        let before_ok = at > 0 && bytes[at - 1].is_ascii_whitespace();
        let mut j = at + attr.len();
        while j < bytes.len() && bytes[j] == b' ' {
            j += 1;
        }
        if !before_ok || j >= bytes.len() || bytes[j] != b'=' {
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j] == b' ' {
            j += 1;
        }
        let quote = bytes.get(j).copied();
        return match quote {
            Some(q @ (b'"' | b'\'')) => {
                let start = j + 1;
                let end = tag[start..]
                    .find(q as char)
                    .map_or(tag.len(), |e| start + e);
                Some((&tag[start..end], start..end))
            }
            Some(_) => {
                let start = j;
                let end = tag[start..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                    .map_or(tag.len(), |e| start + e);
                Some((&tag[start..end], start..end))
            }
            None => None,
        };
    }
    None
}

/// Every `id="…"` and `name="…"` in a chunk of raw HTML, with offsets into it.
pub fn html_ids(html: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(lt) = html[pos..].find('<') {
        let start = pos + lt;
        let end = html[start..]
            .find('>')
            .map_or(html.len(), |e| start + e + 1);
        let tag = &html[start..end];
        if !tag.starts_with("</") && !tag.starts_with("<!") {
            for attr in ["id", "name"] {
                if let Some((v, r)) = attr_value_span(tag, attr) {
                    out.push((v.to_string(), start + r.start..start + r.end));
                }
            }
        }
        pos = end.max(start + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_headings() {
        assert_eq!(
            gfm_slug("Gérer les relations avec les partenaires"),
            "gérer-les-relations-avec-les-partenaires"
        );
        // U+00A0 before `?` is not a space: dropped, as Markdig does.
        assert_eq!(
            gfm_slug("Que peut faire un partenaire\u{a0}?"),
            "que-peut-faire-un-partenaire"
        );
        assert_eq!(
            gfm_slug("Revendeur & administrateur"),
            "revendeur--administrateur"
        );
        assert_eq!(gfm_slug("L’accord d'entreprise"), "laccord-dentreprise");
        assert_eq!(gfm_slug("Step 1: Sign_in (v2.0)"), "step-1-sign_in-v20");
        assert_eq!(gfm_slug("ÉTAPE É"), "étape-é");
    }

    #[test]
    fn duplicates_and_empty() {
        let mut a = SlugAllocator::default();
        assert_eq!(a.allocate("Notes"), "notes");
        assert_eq!(a.allocate("Notes"), "notes-1");
        assert_eq!(a.allocate("Notes"), "notes-2");
        assert_eq!(a.allocate("Notes 1"), "notes-1-1");
        assert_eq!(a.allocate("?!"), "section");
        assert_eq!(a.allocate(""), "section-1");
    }

    #[test]
    fn anchor_tags() {
        assert_eq!(
            anchor_tag_id(r#"<a name="find-a-partner">"#).as_deref(),
            Some("find-a-partner")
        );
        assert_eq!(anchor_tag_id("<a id='x'>").as_deref(), Some("x"));
        assert_eq!(anchor_tag_id(r#"<a href="y">"#), None);
        assert_eq!(anchor_tag_id("<span>"), None);
        let ids = html_ids(r##"<div id="a"><a name="b" href="#c"></a></div>"##);
        let names: Vec<_> = ids.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
    }
}
