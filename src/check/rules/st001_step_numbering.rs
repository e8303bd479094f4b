//! ST001 step-numbering: procedures are numbered 1..n (or `1.` throughout). A list that
//! continues where the list before it stopped, as the browser numbers it, is correct
//! whatever style that list used (`1. 1. 1.`, an image, `4.`).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::check::CheckContext;
use crate::span::Span;

/// A line that looks like an ordered list item (`2. Select…`).
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(\d{1,9})[.)] ").expect("valid regex"));
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Article, OrderedList, Procedure};

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    numbered_lines_outside_lists(article, out);
    let mut previous_top: Option<&Procedure> = None;
    for procedure in &article.procedures {
        if let Some(first) = procedure.lists.first() {
            let before = previous_top.filter(|p| p.heading == procedure.heading);
            if let Some(d) = first_number(article, procedure, first, before) {
                out.push(d);
            }
        }
        // Each list of the procedure is numbered on its own terms: by the browser (`1.`
        // throughout), or one by one. Where one list continues another, the browser counts on.
        for list in procedure
            .lists
            .iter()
            .filter(|l| !l.numbered_by_the_browser())
        {
            for (i, pair) in list.steps.windows(2).enumerate() {
                let (prev, next) = (&pair[0], &pair[1]);
                if next.number != prev.number.saturating_add(1) {
                    // What the browser shows there: the fix that agrees with the rest.
                    let shown =
                        u32::try_from(i + 1).map_or(u32::MAX, |i| list.start.saturating_add(i));
                    out.push(
                        Diagnostic::new(
                            &codes::ST001,
                            article.file_ref(),
                            next.span,
                            format!("step {} follows step {}", next.number, prev.number),
                        )
                        .with_help(format!("number it {shown}")),
                    );
                }
            }
        }
        if !procedure.nested {
            previous_top = Some(procedure);
        }
    }
}

/// A procedure whose first list starts elsewhere than 1: it did not continue the list before
/// it (else it would have joined that procedure), so say why it shows the number it does.
fn first_number(
    article: &Article,
    procedure: &Procedure,
    first: &OrderedList,
    before: Option<&Procedure>,
) -> Option<Diagnostic> {
    let start = first.start;
    let step = first.steps.first()?;
    if start == 1 || (start == 0 && first.numbered_by_the_browser()) {
        return None;
    }
    let (message, help) = match (procedure.parent_step, before.and_then(Procedure::shown_end)) {
        (Some(parent), _) if procedure.nested && parent.checked_add(1) == Some(start) => (
            format!(
                "`{start}.` is indented under step {parent}, so it shows as a sub-list numbered from {start}"
            ),
            format!("unindent it to make it step {start} of the procedure"),
        ),
        (_, Some(end)) if !procedure.nested => (
            format!(
                "the list starts at {start}, but the list before it under this heading stops at step {end}"
            ),
            format!(
                "number it {} to continue that list, or 1 to start a new one",
                end.saturating_add(1)
            ),
        ),
        _ => (
            format!("the list starts at {start} instead of 1"),
            "number the first step 1".to_string(),
        ),
    };
    Some(Diagnostic::new(&codes::ST001, article.file_ref(), step.span, message).with_help(help))
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

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, lines};

    fn st001(body: &str) -> Vec<(u32, String, String)> {
        let text = format!("---\ntitle: T\ndescription: D\n---\n# Steps\n\n{body}");
        lines(&findings("ST001", &[("en-us/steps.md", &text)]))
    }

    /// Line of the body's `n`th line (1-based) in the file (4 lines of front matter, a
    /// heading and a blank line come first).
    fn at(n: u32) -> u32 {
        n + 6
    }

    #[test]
    fn a_list_that_continues_the_one_before_is_correct_in_any_style() {
        // manage-locations.md:60 in the corpus: `1. 1. 1.`, an image, then `4.` shows 1–4.
        let body = "1. a\n1. b\n1. c\n\n![x](x.png)\n\n4. d\n1. e\n";
        assert_eq!(st001(body), vec![]);
        assert_eq!(st001("1. a\n2. b\n\n> note\n\n3. c\n4. d\n"), vec![]);
    }

    #[test]
    fn a_list_that_does_not_continue_names_where_the_one_before_stopped() {
        let found = st001("1. a\n1. b\n\n> note\n\n4. d\n");
        assert_eq!(
            found,
            vec![(
                at(6),
                "the list starts at 4, but the list before it under this heading stops at step 2"
                    .into(),
                "number it 3 to continue that list, or 1 to start a new one".into()
            )]
        );
    }

    #[test]
    fn a_step_indented_under_the_one_before_is_a_sub_list() {
        let found = st001("1. a\n2. b\n\n   3. c\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, at(4));
        assert!(found[0].1.contains("indented under step 2"), "{found:?}");
        assert_eq!(found[0].2, "unindent it to make it step 3 of the procedure");
    }

    #[test]
    fn a_lone_list_starting_elsewhere_than_one() {
        assert_eq!(
            st001("2. a\n3. b\n"),
            vec![(
                at(1),
                "the list starts at 2 instead of 1".into(),
                "number the first step 1".into()
            )]
        );
    }

    #[test]
    fn mixed_numbering_gets_the_number_the_browser_shows() {
        // `1. 2. 1. 1.` shows 1–4: each stray `1.` should be what the reader sees.
        let found = st001("1. a\n2. b\n1. c\n1. d\n");
        let helps: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(helps, ["number it 3", "number it 4"]);
        assert_eq!(st001("1. a\n2. b\n4. c\n")[0].1, "step 4 follows step 2");
    }
}
