//! YAML front matter: split from the body, parsed with every key and value's span.

use super::yaml::{self, YamlEntry, YamlError, YamlValue};
use crate::span::Span;

/// Where the front matter sits in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// No `---` on the first line: the whole file is Markdown.
    None,
    /// A `---` opens the file but no closing `---` (or `...`) follows.
    Unclosed { open: Span },
    /// `yaml` is the text between the fences; the body starts at `body_start`.
    Closed {
        block: Span,
        yaml: Span,
        body_start: usize,
    },
}

/// Finds the front matter block at the top of `text` (LF or CRLF endings).
pub fn split(text: &str) -> Split {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Split::None;
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Split::Closed {
                block: Span::new(0, end),
                yaml: Span::new(first_end, pos),
                body_start: end,
            };
        }
        pos = end;
    }
    Split::Unclosed {
        open: Span::new(0, first_end.saturating_sub(1)),
    }
}

/// Parsed front matter: every entry in file order (duplicates kept, so they can be reported).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub block: Span,
    pub entries: Vec<YamlEntry>,
}

impl FrontMatter {
    /// The first entry for `key`.
    pub fn get(&self, key: &str) -> Option<&YamlEntry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// A string (or scalar) value for `key`, trimmed; `None` when absent or empty.
    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key)
            .and_then(|e| e.value.scalar_text())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
        self.entries
            .iter()
            .map(|e| (e.key.clone(), e.value.to_json()))
            .collect()
    }
}

/// Parses the YAML between the fences; spans are bytes into the whole file.
pub fn parse(file_text: &str, block: Span, yaml_span: Span) -> Result<FrontMatter, YamlError> {
    if file_text[yaml_span.range()].trim().is_empty() {
        return Ok(FrontMatter {
            block,
            entries: Vec::new(),
        });
    }
    match yaml::parse_spanned(file_text, yaml_span)? {
        YamlValue::Map(entries) => Ok(FrontMatter { block, entries }),
        YamlValue::Null => Ok(FrontMatter {
            block,
            entries: Vec::new(),
        }),
        _ => Err(YamlError {
            offset: yaml_span.start as usize,
            message: "front matter must be a mapping of `key: value` pairs".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(text: &str) -> Result<FrontMatter, YamlError> {
        match split(text) {
            Split::Closed { block, yaml, .. } => parse(text, block, yaml),
            other => panic!("no front matter: {other:?}"),
        }
    }

    #[test]
    fn spans_are_in_file_coordinates() {
        let text = "---\ntitle: Bonjour\nms.collection:\n- commerce <!-- x -->\n---\n# Hi\n";
        let fm = parse_all(text).unwrap();
        let title = fm.get("title").unwrap();
        assert_eq!(&text[title.key_span.range()], "title");
        assert_eq!(&text[title.value_span.range()], "Bonjour");
        let YamlValue::List(items) = &fm.get("ms.collection").unwrap().value else {
            panic!("not a list")
        };
        assert_eq!(&text[items[0].1.range()], "commerce <!-- x -->");
    }

    #[test]
    fn duplicates_are_kept_and_crlf_works() {
        let fm = parse_all("---\r\ntitle: a\r\ntitle: b\r\n---\r\nbody").unwrap();
        assert_eq!(fm.entries.len(), 2);
        assert_eq!(fm.text("title").as_deref(), Some("a"));
    }

    #[test]
    fn errors_point_into_the_file() {
        let text = "---\ntitle: ok\ndescription: [unclosed\nx: 1\n---\n";
        let err = parse_all(text).unwrap_err();
        assert!(err.offset > text.find("description").unwrap(), "{err:?}");
        assert!(!err.message.starts_with("error:"), "{}", err.message);
    }

    #[test]
    fn unclosed_and_absent() {
        assert!(matches!(
            split("---\ntitle: x\n# no end"),
            Split::Unclosed { .. }
        ));
        assert_eq!(split("# Title\n---\n"), Split::None);
        assert_eq!(split(""), Split::None);
    }
}
