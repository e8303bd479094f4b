//! YAML with the span of every key and value, in file coordinates.
//! Front matter, TOC files and (later) model files all read YAML through here.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Spanned};

use crate::span::Span;

/// A YAML value with the spans of everything inside it.
#[derive(Clone, Debug, PartialEq)]
pub enum YamlValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    List(Vec<(YamlValue, Span)>),
    Map(Vec<YamlEntry>),
}

impl YamlValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            YamlValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text (numbers and booleans too), for templates and comparisons.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            YamlValue::String(s) => Some(s.clone()),
            YamlValue::Int(i) => Some(i.to_string()),
            YamlValue::Float(f) => Some(f.to_string()),
            YamlValue::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            YamlValue::Null => true,
            YamlValue::String(s) => s.trim().is_empty(),
            YamlValue::List(l) => l.is_empty(),
            YamlValue::Map(m) => m.is_empty(),
            _ => false,
        }
    }

    /// As JSON, for templates (`page.meta` in Tera).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            YamlValue::Null => Value::Null,
            YamlValue::Bool(b) => Value::Bool(*b),
            YamlValue::Int(i) => Value::from(*i),
            YamlValue::Float(f) => Value::from(*f),
            YamlValue::String(s) => Value::String(s.clone()),
            YamlValue::List(l) => Value::Array(l.iter().map(|(v, _)| v.to_json()).collect()),
            YamlValue::Map(m) => Value::Object(
                m.iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// One `key: value` pair with both spans (bytes into the whole file).
#[derive(Clone, Debug, PartialEq)]
pub struct YamlEntry {
    pub key: String,
    pub key_span: Span,
    pub value: YamlValue,
    pub value_span: Span,
}

/// A YAML error at a byte offset of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

/// Parses `file_text[yaml]` into a [`YamlValue`] whose spans are bytes into `file_text`.
/// Duplicate keys are kept (both entries), so callers can report them.
pub fn parse_spanned(file_text: &str, yaml: Span) -> Result<YamlValue, YamlError> {
    let src = &file_text[yaml.range()];
    let base = yaml.start as usize;
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    match serde_saphyr::from_str_with_options::<Spanned<RawValue>>(src, options) {
        Ok(root) => Ok(shift_value(root.value.0, base)),
        Err(e) => {
            let offset = e.location().map_or(0, |l| {
                offset_of(src, l.line(), l.column(), l.span().byte_offset())
            });
            Err(YamlError {
                offset: base + offset,
                message: describe(&e),
            })
        }
    }
}

/// What a YAML error means to the person who wrote the file. The parser's own wording is
/// kept, except for its resource budget, whose message is internal (`budget breached:
/// Nodes { nodes: 250001 }`).
pub(crate) fn describe(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    if let serde_saphyr::Error::Budget { breach, .. } = e {
        let what = match breach {
            B::Nodes { nodes } => format!("more than {} values", nodes.saturating_sub(1)),
            B::Events { events } => format!("more than {} YAML events", events.saturating_sub(1)),
            B::Depth { depth } => format!("nesting deeper than {} levels", depth.saturating_sub(1)),
            B::Aliases { .. } | B::Anchors { .. } | B::AliasAnchorRatio { .. } => {
                "too many aliases (`*name`), as in a \"billion laughs\" file".to_string()
            }
            B::ScalarBytes { .. } => "more text in its values than the limit".to_string(),
            B::Documents { documents } => format!("{documents} YAML documents"),
            _ => "more than the limits allow".to_string(),
        };
        return format!("too large to read: {what}; split it into smaller files");
    }
    clean_message(&e.to_string())
}

/// serde-saphyr prefixes messages with `error: line N column M: `; we print our own position.
pub(crate) fn clean_message(msg: &str) -> String {
    let msg = msg.strip_prefix("error: ").unwrap_or(msg);
    let msg = match msg.strip_prefix("line ") {
        Some(rest) => match rest.find(": ") {
            Some(i) if rest[..i].contains("column") => &rest[i + 2..],
            _ => msg,
        },
        None => msg,
    };
    let msg = msg.lines().next().unwrap_or(msg).trim();
    // Drop the parser's own "at line N, column M" (YAML-relative); we report file positions.
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") => msg[..i].to_string(),
        _ => msg.to_string(),
    }
}

pub(crate) fn offset_of(src: &str, line: u64, column: u64, byte: Option<u64>) -> usize {
    if let Some(b) = byte {
        return (b as usize).min(src.len());
    }
    let mut offset = 0;
    for _ in 1..line {
        match src[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => break,
        }
    }
    let line_text = &src[offset..];
    offset
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(line_text.len(), |(i, _)| i)
}

fn shift(mut e: YamlEntry, base: usize) -> YamlEntry {
    e.key_span = shift_span(e.key_span, base);
    e.value_span = shift_span(e.value_span, base);
    e.value = shift_value(e.value, base);
    e
}

fn shift_value(v: YamlValue, base: usize) -> YamlValue {
    match v {
        YamlValue::List(items) => YamlValue::List(
            items
                .into_iter()
                .map(|(v, s)| (shift_value(v, base), shift_span(s, base)))
                .collect(),
        ),
        YamlValue::Map(entries) => {
            YamlValue::Map(entries.into_iter().map(|e| shift(e, base)).collect())
        }
        other => other,
    }
}

fn shift_span(s: Span, base: usize) -> Span {
    Span::new(s.start as usize + base, s.end as usize + base)
}

fn span_of(loc: &serde_saphyr::Location) -> Span {
    let span = loc.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    let len = span.byte_len().unwrap_or(0) as usize;
    Span::new(start, start + len)
}

/// Deserialization target: an [`YamlValue`] whose children carry their spans.
struct RawValue(YamlValue);

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor).map(RawValue)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = YamlValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<YamlValue, E> {
        Ok(YamlValue::Null)
    }
    fn visit_none<E>(self) -> Result<YamlValue, E> {
        Ok(YamlValue::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<YamlValue, E> {
        Ok(YamlValue::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<YamlValue, E> {
        Ok(YamlValue::Int(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<YamlValue, E> {
        Ok(i64::try_from(u).map_or(YamlValue::Float(u as f64), YamlValue::Int))
    }
    fn visit_f64<E>(self, f: f64) -> Result<YamlValue, E> {
        Ok(YamlValue::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<YamlValue, E> {
        Ok(YamlValue::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<YamlValue, E> {
        Ok(YamlValue::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawValue>>()? {
            items.push((item.value.0, span_of(&item.referenced)));
        }
        // Kept for the whole run: no room beyond what it holds.
        items.shrink_to_fit();
        Ok(YamlValue::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value = map.next_value::<Spanned<RawValue>>()?;
            entries.push(YamlEntry {
                key: key.value.0,
                key_span: span_of(&key.referenced),
                value: value.value.0,
                value_span: span_of(&value.referenced),
            });
        }
        entries.shrink_to_fit();
        Ok(YamlValue::Map(entries))
    }
}

/// A mapping key as text, whatever its YAML type (`2020: x` has the key "2020").
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = d.deserialize_any(RawVisitor)?;
        Ok(KeyText(v.scalar_text().unwrap_or_default()))
    }
}
