//! ST001 step-numbering: procedures are numbered 1..n (or `1.` throughout).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::check::CheckContext;
use crate::span::Span;

/// A line that looks like an ordered list item (`2. Select…`).
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(\d{1,9})[.)] ").expect("valid regex"));
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    numbered_lines_outside_lists(article, out);
    for procedure in &article.procedures {
        let steps: Vec<_> = procedure.steps().collect();
        let Some(first) = steps.first() else {
            continue;
        };
        if steps.iter().all(|s| s.number == first.number) && first.number <= 1 {
            continue; // `1.` (or `0.`) throughout: the browser numbers them
        }
        if first.number != 1 {
            out.push(
                Diagnostic::new(
                    &codes::ST001,
                    article.file_ref(),
                    first.span,
                    format!("the list starts at {} instead of 1", first.number),
                )
                .with_help("number the first step 1"),
            );
        }
        for pair in steps.windows(2) {
            let (prev, next) = (pair[0], pair[1]);
            if next.number != prev.number + 1 {
                out.push(
                    Diagnostic::new(
                        &codes::ST001,
                        article.file_ref(),
                        next.span,
                        format!("step {} follows step {}", next.number, prev.number),
                    )
                    .with_help(format!("number it {}", prev.number + 1)),
                );
            }
        }
    }
}

/// `2. …` right under a paragraph line is no list item: only a list starting at 1 may
/// interrupt a paragraph, so the steps render as one run of text. (A step whose `1.` was
/// lost in translation does this.)
fn numbered_lines_outside_lists(article: &Article, out: &mut Vec<Diagnostic>) {
    let steps: HashSet<u32> = article
        .procedures
        .iter()
        .flat_map(|p| p.steps())
        .map(|s| s.span.start)
        .collect();
    let mut previous_is_text = false;
    let mut reported_run = false;
    let mut previous_end = article.body_start;
    for (start, line) in article.prose_lines() {
        // A code block between two lines breaks any paragraph they could share.
        if start != previous_end {
            previous_is_text = false;
        }
        previous_end = start + line.len();
        let trimmed = line.trim();
        let numbered = ITEM.captures(line).and_then(|c| c[1].parse::<u32>().ok());
        match numbered {
            Some(n)
                if n != 1
                    && previous_is_text
                    && !steps.contains(&(start as u32))
                    && !reported_run =>
            {
                let indent = line.len() - line.trim_start().len();
                out.push(
                    Diagnostic::new(
                        &codes::ST001,
                        article.file_ref(),
                        Span::new(start + indent, start + line.trim_end().len()),
                        format!("`{n}.` follows a paragraph, so it is no list item: these steps render as plain text"),
                    )
                    .with_help("a list must start at 1 to follow a paragraph: number the step before it `1.`, or add a blank line"),
                );
                reported_run = true;
            }
            Some(_) => {}
            None => reported_run = false,
        }
        previous_is_text = !trimmed.is_empty()
            && !trimmed.starts_with('#')
            && !starts_html_block(trimmed)
            && !trimmed.starts_with('|')
            && !trimmed.starts_with('>')
            && !trimmed.starts_with('-')
            && !trimmed.starts_with('*')
            && !trimmed.starts_with(":::")
            && numbered.is_none_or(|_| !steps.contains(&(start as u32)));
    }
}

/// Lines that open an HTML block (CommonMark types 2 and 6) rather than a paragraph that
/// starts with inline HTML (`<span data-ttu-id…>` text…).
fn starts_html_block(line: &str) -> bool {
    const BLOCK_TAGS: &[&str] = &[
        "div",
        "table",
        "p",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "section",
        "details",
        "summary",
        "blockquote",
        "hr",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "iframe",
        "video",
        "figure",
    ];
    let Some(rest) = line.strip_prefix('<') else {
        return false;
    };
    if rest.starts_with("!--") || rest.starts_with('/') {
        return true;
    }
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    BLOCK_TAGS.contains(&name.to_ascii_lowercase().as_str())
}
