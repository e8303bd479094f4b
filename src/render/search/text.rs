//! The text a reader sees in a page body, and its words.

use crate::escape;

/// The text a reader sees in an article body: tags dropped (a space where a block ends),
/// entities decoded, runs of white space as one space and none at either end; the source
/// copies of sxs sentences (`<span class="sxs-s …">`), side-by-side templates, scripts and
/// styles left out. One pass over the HTML, as this runs on every page of a build.
pub(super) fn visible_text(html: &str) -> String {
    let mut out = Collapsed::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            // A stray `<` with no tag after it is text.
            push_decoded(&mut out, rest);
            return out.text;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name = tag_name(tag);
        if name.eq_ignore_ascii_case("template")
            || name.eq_ignore_ascii_case("script")
            || name.eq_ignore_ascii_case("style")
        {
            rest = skip_element(rest, name);
        } else if name.eq_ignore_ascii_case("span") && is_source_copy(tag) {
            rest = skip_element(rest, "span");
        } else if !is_inline(name) {
            out.space();
        }
    }
    push_decoded(&mut out, rest);
    out.text
}

/// Text whose runs of white space are one space, with none at either end.
struct Collapsed {
    text: String,
    /// White space was seen since the last word: a space goes before the next one.
    spaced: bool,
}

impl Collapsed {
    fn with_capacity(capacity: usize) -> Collapsed {
        Collapsed {
            text: String::with_capacity(capacity),
            spaced: false,
        }
    }

    fn space(&mut self) {
        self.spaced = true;
    }

    /// `piece`, which holds no white space.
    fn word(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if self.spaced && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.spaced = false;
        self.text.push_str(piece);
    }

    fn push_str(&mut self, text: &str) {
        let mut pieces = text.split(char::is_whitespace);
        if let Some(first) = pieces.next() {
            self.word(first);
        }
        for piece in pieces {
            self.spaced = true;
            self.word(piece);
        }
    }

    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.spaced = true;
        } else {
            self.word(c.encode_utf8(&mut [0; 4]));
        }
    }
}

/// The tag's name, `/` kept for a closing tag's (`/p`).
fn tag_name(tag: &str) -> &str {
    let end = tag
        .bytes()
        .skip(1)
        .position(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .map_or(tag.len(), |i| i + 1);
    &tag[..end]
}

fn is_source_copy(tag: &str) -> bool {
    tag.split_once("class=\"")
        .and_then(|(_, v)| v.split_once('"'))
        .is_some_and(|(classes, _)| classes.split_ascii_whitespace().any(|c| c == "sxs-s"))
}

/// Inline elements join their neighbours' text; any other tag separates words.
fn is_inline(name: &str) -> bool {
    let name = name.trim_start_matches('/');
    [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "u", "var", "wbr", "del", "ins",
    ]
    .iter()
    .any(|n| n.eq_ignore_ascii_case(name))
}

/// The HTML after the element whose start tag was just read, nested ones of the same name
/// counted (sxs source copies hold spans).
fn skip_element<'h>(html: &'h str, name: &str) -> &'h str {
    let mut depth = 1usize;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let closing = rest.starts_with('/');
        let tag = rest.trim_start_matches('/').as_bytes();
        // Bytes, not string slices: the text after a `<` may be any character.
        let is_name = tag
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && tag
                .get(name.len())
                .is_some_and(|c| *c == b'>' || c.is_ascii_whitespace());
        if is_name {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return rest.find('>').map_or("", |gt| &rest[gt + 1..]);
                }
            } else {
                depth += 1;
            }
        }
    }
    ""
}

/// Text with its character references decoded: numeric ones as a browser reads them
/// ([`escape::numeric_reference`]), and the named ones Markdown rendering writes; an
/// unknown reference stays as written.
fn push_decoded(out: &mut Collapsed, text: &str) {
    const NAMED: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
        ("&nbsp;", ' '),
    ];
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = escape::numeric_reference(rest).or_else(|| {
            NAMED
                .iter()
                .find(|(name, _)| rest.starts_with(name))
                .map(|(name, c)| (*c, name.len()))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The words of a text: runs of letters and digits (an apostrophe, a hyphen or any other
/// mark ends a word, as the page script's query does).
pub(super) fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Accents and other combining marks dropped: `paramètres` → `parametres`.
pub(super) fn fold(word: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    if word.is_ascii() {
        return word.to_string();
    }
    word.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_visible_text_leaves_out_source_copies_templates_and_scripts() {
        let html = "<h1 id=\"t\"><span class=\"sxs\" tabindex=\"0\"><span class=\"sxs-t\">Les \
            <strong>paramètres</strong></span><span class=\"sxs-s\" lang=\"en-US\" \
            role=\"tooltip\">The <span>settings</span></span></span></h1>\n<p>A&amp;B&nbsp;c \
            &#233;t&#xE9;</p><template class=\"sbs-template\"><p>copy</p></template>\
            <script>var x = 1 < 2;</script><p>fin</p>";
        assert_eq!(visible_text(html), "Les paramètres A&B c été fin");
    }

    #[test]
    fn inline_tags_join_words_and_block_tags_part_them() {
        assert_eq!(
            visible_text("<p>para<em>mè</em>tres</p><p>suite</p>"),
            "paramètres suite"
        );
        assert_eq!(visible_text("<li>un</li><li>deux</li>"), "un deux");
    }

    #[test]
    fn broken_markup_is_read_as_far_as_it_goes() {
        assert_eq!(visible_text("a < b"), "a < b");
        assert_eq!(visible_text("<p>x<span class=\"sxs-s\">never closed"), "x");
        assert_eq!(visible_text("&unknown; &#xZZ; &"), "&unknown; &#xZZ; &");
        // A `<` before a character of several bytes, inside a skipped element.
        assert_eq!(visible_text("<span class=\"sxs-s\">a <– b</span>c"), "c");
    }

    #[test]
    fn white_space_is_one_space_between_words_and_none_at_the_ends() {
        assert_eq!(
            visible_text("\n <p> a \t\n b </p>\n<div>c</div>\n"),
            "a b c"
        );
        // Decoded white space counts too (a no-break space is white space).
        assert_eq!(visible_text("x&nbsp;&#160;y&#32;"), "x y");
        assert_eq!(visible_text("<span>a</span><span> b</span>"), "a b");
        assert_eq!(visible_text("   "), "");
    }

    #[test]
    fn folding_drops_accents() {
        assert_eq!(fold("paramètres"), "parametres");
        assert_eq!(fold("Ça"), "Ca");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let words: Vec<&str> = words_of("l’espace partenaires: PGA-2 (été)").collect();
        assert_eq!(words, ["l", "espace", "partenaires", "PGA", "2", "été"]);
    }
}
