//! DocFX block directives: `:::image`, `:::moniker`, `[!VIDEO]`, `[!INCLUDE]`, alerts.

use std::sync::LazyLock;

use regex::Regex;

use super::anchors::attr_value;

/// A directive found in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Directive {
    /// `:::image type="content" source="…" alt-text="…":::`
    Image {
        source: String,
        alt: Option<String>,
        kind: String,
    },
    /// `:::image-end:::` (closes a `type="complex"` image's long description).
    ImageEnd,
    /// `:::moniker range="…"`, `:::row:::`, `:::column:::`, `:::zone …`: a container.
    Open { name: String, range: Option<String> },
    /// `:::moniker-end`, `:::row-end:::`…
    Close { name: String },
    /// `:::partner-types portal="admin-center":::`: the model's partner-type catalog for a
    /// portal, rendered as a table in the page's language.
    PartnerTypes { portal: String },
    /// `> [!VIDEO https://…]`
    Video { url: String },
    /// `[!INCLUDE [title](path)]`
    Include { title: String, path: String },
    /// A `> [!NOTE]`-style alert (recognized by the Markdown parser itself).
    Alert { kind: AlertKind },
    /// Anything else that looks like a directive.
    Unknown { text: String, reason: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlertKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl AlertKind {
    pub fn class(self) -> &'static str {
        match self {
            AlertKind::Note => "note",
            AlertKind::Tip => "tip",
            AlertKind::Important => "important",
            AlertKind::Warning => "warning",
            AlertKind::Caution => "caution",
        }
    }

    /// The alert's title in the page's language (DocFX localizes these too).
    /// Its place in [`BodyWords::alert_titles`](super::BodyWords).
    pub fn index(self) -> usize {
        match self {
            AlertKind::Note => 0,
            AlertKind::Tip => 1,
            AlertKind::Important => 2,
            AlertKind::Warning => 3,
            AlertKind::Caution => 4,
        }
    }
}

/// Containers `:::name` … `:::name-end` that render as a `<div>`.
const CONTAINERS: &[&str] = &["moniker", "row", "column", "zone"];

static INCLUDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^\[!INCLUDE\s*\[([^\]]*)\]\(\s*<?([^)>\s]+)>?(?:\s+[^)]*)?\)\s*\]$")
        .expect("valid regex")
});
static VIDEO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)^\[!VIDEO\s+(\S+?)\s*\]$").expect("valid regex"));
static ALERT_NAMES: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

/// Whether a paragraph's raw text is directive syntax that [`parse`] should handle.
pub fn looks_like_directive(raw: &str) -> bool {
    let t = raw.trim_start();
    // `[![alt](img)](href)` is an image link, not a directive: a name must follow `[!`.
    t.starts_with(":::")
        || t.strip_prefix("[!")
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Parses one line (or an `[!…]` paragraph) that [`looks_like_directive`] into directives.
pub fn parse(raw: &str) -> Vec<Directive> {
    let t = raw.trim();
    if t.starts_with("[!") {
        return vec![parse_bracket(t)];
    }
    t.lines().map(|l| parse_colon(l.trim())).collect()
}

fn parse_bracket(t: &str) -> Directive {
    if let Some(c) = INCLUDE.captures(t) {
        return Directive::Include {
            title: c[1].to_string(),
            path: c[2].to_string(),
        };
    }
    if let Some(c) = VIDEO.captures(t) {
        return Directive::Video {
            url: c[1].to_string(),
        };
    }
    let name: String = t[2..]
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let upper = name.to_ascii_uppercase();
    let reason = if ALERT_NAMES.contains(&upper.as_str()) {
        format!(
            "the alert marker `[!{name}]` must stand alone on the first line of a `>` block quote"
        )
    } else if upper == "INCLUDE" {
        "malformed include: write `[!INCLUDE [title](path/to/file.md)]`".to_string()
    } else if upper == "VIDEO" {
        "malformed video: write `> [!VIDEO https://…]`".to_string()
    } else {
        format!("unknown directive `[!{name}]`")
    };
    Directive::Unknown {
        text: t.lines().next().unwrap_or(t).to_string(),
        reason,
    }
}

fn parse_colon(line: &str) -> Directive {
    let body = line.trim_start_matches(':');
    let name: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let unknown = |reason: String| Directive::Unknown {
        text: line.to_string(),
        reason,
    };
    match name.as_str() {
        "image" => {
            let trimmed = line.trim_end();
            if !trimmed.ends_with(":::") || trimmed.len() < 12 {
                let reason = match trimmed[3..].rfind(":::") {
                    Some(i) => format!(
                        "text after the closing `:::` of `:::image`: `{}`",
                        &trimmed[3 + i + 3..]
                    ),
                    None => "`:::image` must end with `:::` on the same line".to_string(),
                };
                return unknown(reason);
            }
            let kind = attr_value(line, "type").unwrap_or_else(|| "content".into());
            match attr_value(line, "source") {
                Some(source) => Directive::Image {
                    source,
                    alt: attr_value(line, "alt-text"),
                    kind,
                },
                None => unknown("`:::image` needs a `source=\"…\"` attribute".into()),
            }
        }
        "image-end" => Directive::ImageEnd,
        "partner-types" => match attr_value(line, "portal") {
            Some(portal) if line.trim_end().ends_with(":::") && line.len() > 17 => {
                Directive::PartnerTypes { portal }
            }
            Some(_) => unknown("`:::partner-types` must end with `:::` on the same line".into()),
            None => unknown(
                "`:::partner-types` needs a `portal=\"…\"` attribute: a portal id of the model"
                    .into(),
            ),
        },
        n if CONTAINERS.contains(&n) => Directive::Open {
            name: n.to_string(),
            range: attr_value(line, "range"),
        },
        n if n
            .strip_suffix("-end")
            .is_some_and(|c| CONTAINERS.contains(&c)) =>
        {
            Directive::Close {
                name: n.trim_end_matches("-end").to_string(),
            }
        }
        "" => unknown("`:::` without a directive name".into()),
        n => unknown(format!("unknown directive `:::{n}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_corpus_forms() {
        let img = parse(r#":::image type="content" source="images/a.png" alt-text="Texte.":::"#);
        assert_eq!(
            img,
            vec![Directive::Image {
                source: "images/a.png".into(),
                alt: Some("Texte.".into()),
                kind: "content".into()
            }]
        );
        assert_eq!(
            parse("[!VIDEO https://www.microsoft.com/videoplayer/embed/RWtYMJ]"),
            vec![Directive::Video {
                url: "https://www.microsoft.com/videoplayer/embed/RWtYMJ".into()
            }]
        );
        assert_eq!(
            parse("[!INCLUDE [note](../includes/x.md)]"),
            vec![Directive::Include {
                title: "note".into(),
                path: "../includes/x.md".into()
            }]
        );
        assert_eq!(
            parse(":::moniker range=\">= v2\""),
            vec![Directive::Open {
                name: "moniker".into(),
                range: Some(">= v2".into())
            }]
        );
        assert_eq!(
            parse(":::moniker-end"),
            vec![Directive::Close {
                name: "moniker".into()
            }]
        );
        assert!(matches!(
            &parse(":::code source=\"x\":::")[0],
            Directive::Unknown { .. }
        ));
        assert!(
            matches!(&parse("[!NOTE] inline")[0], Directive::Unknown { reason, .. } if reason.contains("alone"))
        );
        assert_eq!(
            parse(r#":::partner-types portal="admin-center":::"#),
            vec![Directive::PartnerTypes {
                portal: "admin-center".into()
            }]
        );
        assert!(matches!(
            &parse(":::partner-types:::")[0],
            Directive::Unknown { reason, .. } if reason.contains("portal")
        ));
        assert!(!looks_like_directive("[![alt](a.png)](b.md)"));
        assert!(looks_like_directive("[!INCLUDE [x](y.md)]"));
        let trailing = parse(r#":::image type="content" source="a.png" alt-text="A":::."#);
        assert!(
            matches!(&trailing[0], Directive::Unknown { reason, .. } if reason.contains("`.`")),
            "{trailing:?}"
        );
    }
}
