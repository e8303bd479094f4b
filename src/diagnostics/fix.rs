//! Applying safe fixes to a file's text: each fix replaces a byte range; fixes that
//! overlap one applied already are left for the next run (the finding stays reported).

use super::Fix;

/// `text` with `fixes` applied; returns the new text and how many fixes were applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut ordered: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| {
            f.start <= f.end
                && text.is_char_boundary(f.start as usize)
                && text.is_char_boundary(f.end as usize)
                && (f.end as usize) <= text.len()
        })
        .collect();
    ordered.sort_by_key(|f| (f.start, f.end));
    ordered.dedup();
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0usize;
    let mut applied = 0;
    for fix in ordered {
        let (start, end) = (fix.start as usize, fix.end as usize);
        // Starts inside text an earlier fix replaced (or at the same insertion point).
        if start < at || (applied > 0 && start == at && start == end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&fix.replacement);
        at = end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(start: u32, end: u32, replacement: &str) -> Fix {
        Fix {
            start,
            end,
            replacement: replacement.into(),
        }
    }

    #[test]
    fn fixes_apply_in_order_and_overlaps_wait() {
        let text = "a**b**c and [x](/en-us/y)";
        let fixes = [
            fix(6, 6, " "),
            fix(1, 1, " "),
            fix(16, 22, ""),
            fix(17, 20, "zz"),
        ];
        let refs: Vec<&Fix> = fixes.iter().collect();
        let (fixed, applied) = apply(text, &refs);
        assert_eq!(fixed, "a **b** c and [x](/y)");
        assert_eq!(applied, 3, "the fix inside the replaced URL waits");
        // Out of range or inside a character: never applied.
        let bad = [fix(40, 41, "x"), fix(1, 2, "x")];
        let refs: Vec<&Fix> = bad.iter().collect();
        assert_eq!(apply("é", &refs), ("é".to_string(), 0));
    }
}
