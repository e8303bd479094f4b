//! Ordered lists into procedures.

use super::*;

/// Groups ordered lists into procedures: a top-level list joins the one before it when both
/// sit under the same heading and its numbering continues where that one stopped, as the
/// browser shows it (`1. 1. 1.`, an image, then `4.` is one procedure of 4 steps).
pub(super) fn group_procedures(mut lists: Vec<FinishedList>) -> Vec<Procedure> {
    lists.sort_by_key(|l| l.list.span.start);
    let mut out: Vec<Procedure> = Vec::new();
    for f in lists {
        let continues = !f.nested
            && f.list.start > 1
            && out.last().is_some_and(|p| {
                !p.nested
                    && p.heading == f.heading
                    && p.shown_end()
                        .is_some_and(|end| end.checked_add(1) == Some(f.list.start))
            });
        match out.last_mut() {
            Some(p) if continues => {
                p.span = Span::new(p.span.start as usize, f.list.span.end as usize);
                p.lists.push(f.list);
            }
            _ => out.push(Procedure {
                heading: f.heading,
                span: f.list.span,
                lists: vec![f.list],
                nested: f.nested,
                parent_step: f.parent_step,
            }),
        }
    }
    out
}

pub(super) fn item_number(item_text: &str) -> Option<u32> {
    let digits: String = item_text
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}
