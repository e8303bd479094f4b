//! Counts in messages: `1 error`, `2 errors`, never `1 errors`.

/// `n` and the noun it counts, singular for one: `count(1, "error", "errors")` is
/// `1 error`. English messages only; the nouns are given whole because English plurals
/// are not all an added `s` (`1 entry`, `2 entries`).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1, "error", "errors"), "1 error");
        assert_eq!(count(0, "error", "errors"), "0 errors");
        assert_eq!(count(2, "entry", "entries"), "2 entries");
    }
}
