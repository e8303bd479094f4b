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
    for (open, close) in bold_pairs(line) {
        let inner = &line[open + 2..close];
        if inner.is_empty()
            || inner.starts_with(char::is_whitespace)
            || inner.ends_with(char::is_whitespace)
        {
            continue;
        }
        let before = line[..open].chars().next_back();
        let after = line[close + 2..].chars().next();
        let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if !(glued(before) || glued(after)) || !visible(open) {
            continue;
        }
        let word_after: String = line[close + 2..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '’' || *c == '\'')
            .collect();
        let word_before: String = line[..open]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let bold = &line[open..close + 2];
        let at = |i: usize| Span::new(start + i, start + i);
        // Glued on both sides, one fix spaces both: two would take two runs of `--fix`.
        let (message, help, (span, replacement)) = match (glued(before), glued(after)) {
            (true, true) => (
                format!(
                    "bold `{bold}` is glued to the words `{word_before}` before and `{word_after}` after it"
                ),
                format!("add spaces: `{word_before} {bold} {word_after}`"),
                (
                    Span::new(start + open, start + close + 2),
                    format!(" {bold} "),
                ),
            ),
            (false, _) => (
                format!("bold `{bold}` is glued to the word `{word_after}` after it"),
                format!("add a space: `{bold} {word_after}`"),
                (at(close + 2), " ".to_string()),
            ),
            (true, false) => (
                format!("bold `{bold}` is glued to the word `{word_before}` before it"),
                format!("add a space: `{word_before} {bold}`"),
                (at(open), " ".to_string()),
            ),
        };
        out.push(
            Diagnostic::new(
                &codes::MD001,
                article.file_ref(),
                Span::new(start + open, start + close + 2),
                message,
            )
            .with_help(help)
            .with_fix(span, replacement),
        );
    }
}

/// The `**` runs of a line taken as bold: first those a Markdown parser pairs (CommonMark's
/// flanking rules: glued bold such as `**x**word` is bold, only short of its space), then,
/// in order, pairs of those it leaves, which glue broke (`word**: x**` is not bold), when
/// no bold lies between the two. Pairing the runs simply in order would, after one stray
/// `**`, take every later bold of the line for glued, and its fix would break them.
fn bold_pairs(line: &str) -> Vec<(usize, usize)> {
    let marks = bold_marks(line);
    let mut pairs = Vec::new();
    let mut openers: Vec<usize> = Vec::new();
    let mut left = Vec::new();
    for &at in &marks {
        let before = line[..at].chars().next_back();
        let after = line[at + 2..].chars().next();
        let (opens, closes) = (flanks(before, after), flanks(after, before));
        if closes && let Some(open) = openers.pop() {
            pairs.push((open, at));
        } else if opens {
            openers.push(at);
        } else {
            left.push(at);
        }
    }
    left.extend(openers);
    left.sort_unstable();
    let broken: Vec<(usize, usize)> = left
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1]))
        .filter(|&(open, close)| !pairs.iter().any(|&(o, c)| open < c && o < close))
        .collect();
    pairs.extend(broken);
    pairs.sort_unstable();
    pairs
}

/// Whether a delimiter run between `before` and `after` flanks what follows it: CommonMark's
/// left-flanking, where `*` may open emphasis (swapped, right-flanking, where it may
/// close). The ends of the line count as white space; punctuation is any other character
/// that is neither a letter nor a digit.
fn flanks(before: Option<char>, after: Option<char>) -> bool {
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punctuation =
        |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    !space(after) && (!punctuation(after) || space(before) || punctuation(before))
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

#[cfg(test)]
mod tests {
    use super::bold_pairs;
    use crate::check::testing::findings;
    use crate::diagnostics::fix;

    /// The line with the fixes of its MD001 findings applied, and their messages.
    fn fixed(line: &str) -> (String, Vec<String>) {
        let text = format!("---\ntitle: T\ndescription: D\n---\n# P\n\n{line}\n");
        let found = findings("MD001", &[("en-us/page.md", &text)]);
        let fixes: Vec<_> = found.iter().filter_map(|d| d.fix.as_deref()).collect();
        let (new, _) = fix::apply(&text, &fixes);
        let line = new.lines().nth(6).unwrap_or_default().to_string();
        (line, found.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn glued_bold_is_found_and_spaced() {
        let (line, found) = fixed("lisez le **contrat**et signez");
        assert_eq!(line, "lisez le **contrat** et signez");
        assert_eq!(
            found,
            ["bold `**contrat**` is glued to the word `et` after it"]
        );
        // Glue before punctuation breaks the bold: a Markdown parser shows the asterisks.
        let (line, found) = fixed("le type**: Document** ici");
        assert_eq!(line, "le type **: Document** ici");
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn bold_glued_on_both_sides_is_spaced_by_one_fix() {
        let (line, found) = fixed("un mot**en gras**ici");
        assert_eq!(line, "un mot **en gras** ici");
        assert_eq!(
            found,
            ["bold `**en gras**` is glued to the words `mot` before and `ici` after it"]
        );
    }

    #[test]
    fn a_stray_mark_leaves_the_bold_after_it_alone() {
        // A `**` left by an edit: the bold after it is fine, and stays so.
        let line = "if not, documents**: date<br />**Meetings**: start<br />**IM**: sent";
        assert_eq!(fixed(line), (line.to_string(), Vec::new()));
        // In order, the stray mark would pair with the next bold's opener.
        assert_eq!(bold_pairs(line).len(), 2);
    }

    #[test]
    fn marks_a_parser_leaves_pair_only_around_no_bold() {
        let line = "a**: x **b** y**z";
        let pairs = bold_pairs(line);
        assert_eq!(pairs, [(7, 10)], "only `**b**`");
    }
}
