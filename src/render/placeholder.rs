//! Placeholders the Markdown stage leaves in a body (`<diglot-include src="…">`,
//! `<diglot-partner-types portal="…">`) for the renderer to fill per page.

use std::borrow::Cow;

/// Replaces every `{open}VALUE{close}` in `html` with what `fill` writes for the
/// attribute-decoded VALUE. Borrows `html` when it holds none.
pub fn fill<'h>(
    html: &'h str,
    open: &str,
    close: &str,
    mut fill: impl FnMut(&str, &mut String),
) -> Cow<'h, str> {
    if !html.contains(open) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        let after = &rest[i + open.len()..];
        let Some(end) = after.find(close) else {
            out.push_str(&rest[i..]);
            return Cow::Owned(out);
        };
        // The placeholder's value was attribute-escaped; the site's keys are not.
        let value = after[..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        fill(&value, &mut out);
        rest = &after[end + close.len()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}
