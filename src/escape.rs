//! HTML escaping for text and attribute values that diglot writes itself.

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

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::attr(r#"a&b"<c>"#), "a&amp;b&quot;&lt;c&gt;");
    }
}
