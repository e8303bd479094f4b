//! MD001 glued-emphasis: `**x**word`, `word**x**`, and escaped empty bold `\*\*\*\*`.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::span::Span;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for (start, line) in article.prose_lines() {
        if line.contains("**") || line.contains("\\*\\*") {
            check_line(article, line, start, out);
        }
    }
}

fn check_line(article: &Article, line: &str, start: usize, out: &mut Vec<Diagnostic>) {
    let visible = |i: usize| !article.segments.in_source_copy(start + i);
    if let Some(i) = line.find("\\*\\*\\*\\*").filter(|&i| visible(i)) {
        out.push(
            Diagnostic::new(
                &codes::MD001,
                article.file_ref(),
                Span::new(start + i, start + i + 8),
                "escaped empty bold `\\*\\*\\*\\*` shows as `****`",
            )
            .with_help("remove it, or bold the words it was meant to wrap"),
        );
    }
    let marks = bold_marks(line);
    for pair in marks.chunks_exact(2) {
        let (open, close) = (pair[0], pair[1]);
        let inner = &line[open + 2..close];
        if inner.is_empty()
            || inner.starts_with(char::is_whitespace)
            || inner.ends_with(char::is_whitespace)
        {
            continue;
        }
        let before = line[..open].chars().next_back();
        let after = line[close + 2..].chars().next();
        let glued = match (before, after) {
            (_, Some(c)) if c.is_alphanumeric() => Some(("after", close + 2)),
            (Some(c), _) if c.is_alphanumeric() => Some(("before", open)),
            _ => None,
        };
        if let Some((side, at)) = glued.filter(|_| visible(open)) {
            let word: String = if side == "after" {
                line[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '’' || *c == '\'')
                    .collect()
            } else {
                line[..at]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect()
            };
            out.push(
                Diagnostic::new(
                    &codes::MD001,
                    article.file_ref(),
                    Span::new(start + open, start + close + 2),
                    format!("bold `**{inner}**` is glued to the word `{word}` {side} it"),
                )
                .with_help(if side == "after" {
                    format!("add a space: `**{inner}** {word}`")
                } else {
                    format!("add a space: `{word} **{inner}**`")
                })
                .with_fix(Span::new(start + at, start + at), " "),
            );
        }
    }
}

/// Offsets of `**` runs on a line, outside code spans and not escaped.
fn bold_marks(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let mut marks = Vec::new();
    let mut i = 0;
    let mut in_code = false;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b'\\' => i += 1,
            b'*' if !in_code && bytes.get(i + 1) == Some(&b'*') => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'*').count();
                if run == 2 {
                    marks.push(i);
                }
                i += run;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    marks
}
