//! Tables of contents: DocFX `TOC.yml` (`name`/`href`/`items`/`displayName`) and `TOC.md`.

use super::SourceFile;
use super::yaml::{self, YamlEntry, YamlValue};
use crate::diagnostics::{Diagnostic, codes};
use crate::span::Span;

/// One entry: a title, an optional link (relative to the TOC file) and children.
#[derive(Clone, Debug, PartialEq)]
pub struct TocEntry {
    pub name: String,
    pub href: Option<String>,
    /// Where the entry is written (its `href` when it has one), for diagnostics.
    pub span: Span,
    pub children: Vec<TocEntry>,
}

/// Keys DocFX gives meaning to in a TOC item; anything else is reported (TC003).
const KNOWN_KEYS: &[&str] = &[
    "name",
    "href",
    "items",
    "displayName",
    "topicHref",
    "tocHref",
    "uid",
    "topicUid",
    "expanded",
    "homepage",
    "homepageUid",
    "maintainContext",
    "order",
    "splitItemsBy",
];

/// Parses a TOC file. Problems are diagnostics; whatever could be read is still returned.
pub fn parse(file: &SourceFile) -> (Vec<TocEntry>, Vec<Diagnostic>) {
    if file.rel.to_ascii_lowercase().ends_with(".md") {
        (parse_markdown(&file.text), Vec::new())
    } else {
        parse_yaml(file)
    }
}

fn parse_yaml(file: &SourceFile) -> (Vec<TocEntry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let whole = Span::new(0, file.text.len());
    let value = match yaml::parse_spanned(&file.text, whole) {
        Ok(v) => v,
        Err(e) => {
            let at = Span::new(e.offset, e.offset + 1);
            diags.push(Diagnostic::new(
                &codes::TC003,
                file.file_ref(),
                at,
                e.message,
            ));
            return (Vec::new(), diags);
        }
    };
    let items = match value {
        YamlValue::List(items) => items,
        // DocFX also accepts a root object with `items:`.
        YamlValue::Map(entries) => match entries.into_iter().find(|e| e.key == "items") {
            Some(YamlEntry {
                value: YamlValue::List(items),
                ..
            }) => items,
            _ => Vec::new(),
        },
        YamlValue::Null => Vec::new(),
        _ => {
            diags.push(Diagnostic::new(
                &codes::TC003,
                file.file_ref(),
                Span::new(0, 1),
                "a TOC.yml must be a list of items",
            ));
            Vec::new()
        }
    };
    let entries = yaml_items(file, items, &mut diags);
    (entries, diags)
}

fn yaml_items(
    file: &SourceFile,
    items: Vec<(YamlValue, Span)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TocEntry> {
    let mut out = Vec::new();
    for (item, span) in items {
        let YamlValue::Map(fields) = item else {
            diags.push(Diagnostic::new(
                &codes::TC003,
                file.file_ref(),
                span,
                "a TOC item must be a mapping with `name` and `href` or `items`",
            ));
            continue;
        };
        let mut entry = TocEntry {
            name: String::new(),
            href: None,
            span,
            children: Vec::new(),
        };
        for field in fields {
            match field.key.as_str() {
                "name" => entry.name = field.value.scalar_text().unwrap_or_default(),
                "href" => {
                    entry.href = field.value.scalar_text();
                    entry.span = field.value_span;
                }
                "items" => {
                    if let YamlValue::List(children) = field.value {
                        entry.children = yaml_items(file, children, diags);
                    }
                }
                key if KNOWN_KEYS.contains(&key) => {}
                key => {
                    let help = match KNOWN_KEYS.iter().find(|k| k.eq_ignore_ascii_case(key)) {
                        Some(k) => format!("did you mean `{k}`? TOC keys are case-sensitive"),
                        None => format!("DocFX TOC items know: {}", KNOWN_KEYS.join(", ")),
                    };
                    // An error, as TC003 is declared: DocFX drops the key silently, so a
                    // misspelt `href` or `displayName` loses what the writer meant.
                    diags.push(
                        Diagnostic::new(
                            &codes::TC003,
                            file.file_ref(),
                            field.key_span,
                            format!("unknown TOC key `{key}`"),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        out.push(entry);
    }
    out
}

/// `TOC.md`: each heading is an entry, `# [Name](href)` or `# Name`; deeper headings nest.
fn parse_markdown(text: &str) -> Vec<TocEntry> {
    // (level, entry) stack; entries are attached to their parent when a shallower one comes.
    let mut stack: Vec<(usize, TocEntry)> = Vec::new();
    let mut roots = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        let level = trimmed.bytes().take_while(|&b| b == b'#').count();
        if level == 0 || !trimmed[level..].starts_with(' ') {
            continue;
        }
        let body = trimmed[level..].trim();
        let (name, href, span) = match parse_md_link(body) {
            Some((name, href)) => {
                let href_at = start + line.find(href).unwrap_or(0);
                (
                    name,
                    Some(href.to_string()),
                    Span::new(href_at, href_at + href.len()),
                )
            }
            None => (body, None, Span::new(start, start + trimmed.len())),
        };
        let entry = TocEntry {
            name: name.to_string(),
            href,
            span,
            children: Vec::new(),
        };
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            pop_into(&mut stack, &mut roots);
        }
        stack.push((level, entry));
    }
    while !stack.is_empty() {
        pop_into(&mut stack, &mut roots);
    }
    roots
}

fn pop_into(stack: &mut Vec<(usize, TocEntry)>, roots: &mut Vec<TocEntry>) {
    if let Some((_, done)) = stack.pop() {
        match stack.last_mut() {
            Some((_, parent)) => parent.children.push(done),
            None => roots.push(done),
        }
    }
}

/// `[name](href)` → (name, href).
fn parse_md_link(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix('[')?;
    let close = rest.find("](")?;
    let href = rest[close + 2..].strip_suffix(')')?;
    Some((&rest[..close], href.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_toc_nests_by_level() {
        let toc = parse_markdown(
            "# [Home](index.md)\n\n# Start\n## [A](a.md)\n### [B](b.md)\n## [C](c.md)\n",
        );
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].href.as_deref(), Some("index.md"));
        assert_eq!(toc[1].name, "Start");
        assert_eq!(toc[1].children.len(), 2);
        assert_eq!(toc[1].children[0].children[0].name, "B");
    }
}
