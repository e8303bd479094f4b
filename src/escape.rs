//! Escaping for what diglot writes itself: HTML text and attribute values, XML, and text
//! bound for a terminal.

use std::borrow::Cow;

/// Escapes `&`, `"`, `<` and `>`: safe in text and in double-quoted attributes.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text content.
pub fn text(s: &str) -> String {
    attr(s)
}

/// Escapes `&` and `<` only: enough for an HTML text node (not for an attribute value),
/// and lighter for text full of markup, such as a Markdown source shown as it is.
pub fn text_node(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for XML 1.0, which allows no C0 control but tab, LF and CR, not even as a character
/// reference: those become a visible `\u{1b}`; the rest is escaped as in [`attr`].
pub fn xml(s: &str) -> String {
    let visible = visible_if(s, |c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    });
    attr(&visible)
}

/// Text for a terminal: control characters (an escape sequence in a file name would recolour
/// or rewrite the screen) and bidirectional overrides (which reorder what a reader sees)
/// become a visible `\u{1b}`. Tabs stay.
pub fn terminal(s: &str) -> Cow<'_, str> {
    visible_if(s, |c| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Like [`terminal`] for text of several lines (a message, an error): newlines stay.
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    visible_if(s, |c| {
        (c.is_control() && !matches!(c, '\t' | '\n'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

fn visible_if(s: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&hide) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hide(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters a file path cannot carry as they are in a URL path: controls, spaces, quotes,
/// and `%`, `#`, `?`, which would be read as an escape, a fragment, a query.
pub const URL_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'{')
    .add(b'}')
    .add(b'|');

/// A file path (decoded, `/`-separated) as a URL path; keeps `/`.
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URL_PATH).to_string()
}

/// The character a numeric character reference at the start of `s` stands for, as a
/// browser reads it (`&#106;`, `&#x6A;`, with or without the `;`; every digit read; 0 or a
/// value past U+10FFFF is U+FFFD), and how many bytes it used.
pub fn numeric_reference(s: &str) -> Option<(char, usize)> {
    let body = s.strip_prefix("&#")?;
    let (radix, digits_at) = match body.as_bytes().first()? {
        b'x' | b'X' => (16, 1),
        _ => (10, 0),
    };
    // Browsers read every digit (`&#0000106;` is `j`); a value past U+10FFFF is U+FFFD.
    let digits = body[digits_at..]
        .bytes()
        .take_while(|b| char::from(*b).is_digit(radix))
        .count();
    if digits == 0 {
        return None;
    }
    let value = body[digits_at..digits_at + digits]
        .bytes()
        .try_fold(0u32, |acc, b| {
            let digit = char::from(b).to_digit(radix)?;
            acc.checked_mul(radix)?.checked_add(digit)
        })
        .unwrap_or(u32::MAX);
    let mut used = 2 + digits_at + digits;
    if s[used..].starts_with(';') {
        used += 1;
    }
    let c = match value {
        0 => '\u{FFFD}',
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    Some((c, used))
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::attr(r#"a&b"<c>"#), "a&amp;b&quot;&lt;c&gt;");
        assert_eq!(super::text_node(r#"a&b"<c>"#), "a&amp;b\"&lt;c>");
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(super::terminal("a\u{1b}[31mb\tc"), "a\\u{1b}[31mb\tc");
        assert_eq!(super::terminal("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(super::xml("a\u{1}<b>\n"), "a\\u{1}&lt;b&gt;\n");
    }
}
