//! Active content: what makes a reader's browser run code. A help site needs none in its
//! articles (its script comes from the templates), so the checker reports every one (MD005)
//! and diglot never writes a script URL itself. Detection follows what browsers do, not what
//! the text looks like: entities are decoded, tabs and newlines inside a scheme are ignored,
//! names are case-insensitive.

use std::ops::Range;

use crate::escape;

/// One piece of active content, found in raw HTML or a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActiveKind {
    /// A `<script>` element.
    ScriptElement,
    /// An inline event handler attribute (`onclick`, `onerror`…), named.
    Handler(String),
    /// A `javascript:` (or `vbscript:`, `data:text/html`…) URL in the named attribute.
    ScriptUrl(String),
}

/// Attributes whose value a browser loads or navigates to.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
    "srcdoc",
];

/// Attributes of SVG `<set>` and `<animate>` whose values become another attribute's.
const ANIMATION_VALUES: &[&str] = &["to", "from", "values", "by"];

/// Whether a browser would run `url`, as written in HTML (entities decoded), as script
/// (or as a document of its own).
pub fn is_script_url(url: &str) -> bool {
    is_script_url_as_is(&decode_entities(url))
}

/// [`is_script_url`] for a URL whose characters are what the browser gets: a TOC `href`
/// (diglot escapes it when it writes it), or an attribute value already decoded.
pub fn is_script_url_as_is(url: &str) -> bool {
    // The URL parser drops leading C0 controls and spaces, and tabs and newlines anywhere.
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "javascript:",
        "vbscript:",
        "livescript:",
        "data:text/html",
        "data:application/xhtml",
        "data:image/svg",
        "data:text/xml",
        "data:application/xml",
    ]
    .iter()
    .any(|scheme| cleaned.starts_with(scheme))
}

/// The active content of one raw HTML tag (`<…>`), with ranges into it.
pub fn scan_tag(tag: &str) -> Vec<(ActiveKind, Range<usize>)> {
    let mut found = Vec::new();
    let Some(rest) = tag.strip_prefix('<') else {
        return found;
    };
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(rest.len());
    let element = rest[..name_len].to_ascii_lowercase();
    // SVG animation elements set another attribute (an `href`) to these values.
    let animates = matches!(element.as_str(), "set" | "animate");
    if element == "script" {
        found.push((ActiveKind::ScriptElement, 0..tag.len()));
    }
    for attr in attributes(tag, 1 + name_len) {
        let name = tag[attr.name.clone()].to_ascii_lowercase();
        let whole = attr.name.start..attr.value.as_ref().map_or(attr.name.end, |v| v.end);
        if name.len() > 4
            && name.starts_with("on")
            && name[2..].bytes().all(|b| b.is_ascii_alphabetic())
        {
            found.push((ActiveKind::Handler(name), whole));
        } else if (URL_ATTRIBUTES.contains(&name.as_str())
            || (animates && ANIMATION_VALUES.contains(&name.as_str())))
            && let Some(v) = &attr.value
            && (name == "srcdoc" || holds_script_url(&name, &tag[v.clone()]))
        {
            found.push((ActiveKind::ScriptUrl(name), whole));
        }
    }
    found
}

/// Whether an attribute's value is a script URL; `values` is a `;`-separated list.
fn holds_script_url(name: &str, value: &str) -> bool {
    is_script_url(value)
        || (name == "values" && decode_entities(value).split(';').any(is_script_url_as_is))
}

struct Attribute {
    name: Range<usize>,
    value: Option<Range<usize>>,
}

/// The attributes of a tag, from `from` (after its name), as browsers tokenize them.
fn attributes(tag: &str, from: usize) -> Vec<Attribute> {
    let bytes = tag.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    let end = tag.len() - usize::from(tag.ends_with('>'));
    while i < end {
        while i < end && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < end && !(bytes[i].is_ascii_whitespace() || matches!(bytes[i], b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let name = start..i;
        while i < end && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= end || bytes[i] != b'=' {
            out.push(Attribute { name, value: None });
            continue;
        }
        i += 1;
        while i < end && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let v = i + 1;
                let close = tag[v..].find(q as char).map_or(end, |e| v + e);
                i = close + 1;
                v..close.min(end)
            }
            _ => {
                let v = i;
                while i < end && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                v..i
            }
        };
        out.push(Attribute {
            name,
            value: Some(value),
        });
    }
    out
}

/// Decodes the character references a browser decodes in an attribute: numeric ones (with
/// or without their `;`) and the named ones that can spell a scheme.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        if let Some((c, used)) = escape::numeric_reference(rest).or_else(|| named_reference(rest)) {
            out.push(c);
            rest = &rest[used..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn named_reference(s: &str) -> Option<(char, usize)> {
    const NAMED: &[(&str, char)] = &[
        ("&colon;", ':'),
        ("&Tab;", '\t'),
        ("&NewLine;", '\n'),
        ("&amp;", '&'),
        ("&sol;", '/'),
        ("&lpar;", '('),
        ("&rpar;", ')'),
    ];
    NAMED
        .iter()
        .find(|(name, _)| s.starts_with(name))
        .map(|(name, c)| (*c, name.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_however_they_are_spelled() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "java\tscript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript&colon;alert(1)",
            "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)",
            "&#0000000106;avascript:alert(1)",
            "&#x00000000006A;avascript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
        ] {
            assert!(is_script_url(url), "{url}");
        }
        for url in [
            "https://example.com/javascript:",
            "#javascript",
            "data:image/png;base64,x",
            "mailto:a@b.c",
        ] {
            assert!(!is_script_url(url), "{url}");
        }
    }

    #[test]
    fn tags_with_scripts_handlers_and_script_urls() {
        let kinds =
            |tag: &str| -> Vec<ActiveKind> { scan_tag(tag).into_iter().map(|(k, _)| k).collect() };
        assert_eq!(kinds("<SCRIPT src=x.js>"), vec![ActiveKind::ScriptElement]);
        assert_eq!(
            kinds("<img src=x.png OnError=\"alert(1)\">"),
            vec![ActiveKind::Handler("onerror".into())]
        );
        assert_eq!(
            kinds("<a href='JaVaScript:alert(1)'>"),
            vec![ActiveKind::ScriptUrl("href".into())]
        );
        assert_eq!(kinds("<a href=\"https://x\" title=\"onclick\">"), vec![]);
        assert_eq!(
            kinds("<set attributeName=href to=\"javascript:alert(1)\">"),
            vec![ActiveKind::ScriptUrl("to".into())]
        );
        assert_eq!(
            kinds("<animate attributeName=href values=\"#a;&#106;avascript:alert(1)\">"),
            vec![ActiveKind::ScriptUrl("values".into())]
        );
        assert_eq!(kinds("<rect to=\"javascript:x\">"), vec![]);
        // A reference past U+10FFFF is U+FFFD, not a panic or a wrap-around.
        assert!(!is_script_url("&#99999999999999999999;avascript:x"));
        assert_eq!(kinds("<span class=\"sxs\" one=\"1\">"), vec![]);
        let tag = "<b onmouseover=go()>";
        let (_, r) = &scan_tag(tag)[0];
        assert_eq!(&tag[r.clone()], "onmouseover=go()");
    }
}
