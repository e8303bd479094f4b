//! "Did you mean": the nearest of some names to a misspelt one, for the help of a finding.
//! Shared by the model (UI labels, partner types) and the checks (anchors, files, states).

/// The candidate closest to `target` by edit distance, if it is close enough to suggest.
pub fn closest<'c>(target: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let target: Vec<char> = target.chars().collect();
    let limit = (target.len() / 3).max(2);
    candidates
        .filter_map(|c| within(&target, c, limit).map(|d| (d, c)))
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

/// The Levenshtein distance from `a` to `b` if it is at most `limit`. Gives up as soon as
/// it cannot be: the lengths differ by more, or a whole row of the table exceeds it, so a
/// long list of unrelated candidates costs little.
fn within(a: &[char], b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            best = best.min(row[j + 1]);
            prev = cur;
        }
        if best > limit {
            return None;
        }
    }
    Some(row[b.len()]).filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    #[test]
    fn closest_suggestion() {
        let anchors = [
            "find-a-partner",
            "remove-partner-admin-privileges",
            "delete-a-partner-relationship",
        ];
        assert_eq!(
            super::closest("remove-partner-admin-privilege", anchors.iter().copied()),
            Some("remove-partner-admin-privileges")
        );
        assert_eq!(super::closest("unrelated", anchors.iter().copied()), None);
        let kitten: Vec<char> = "kitten".chars().collect();
        assert_eq!(super::within(&kitten, "sitting", 3), Some(3));
        assert_eq!(super::within(&kitten, "sitting", 2), None);
        assert_eq!(super::within(&kitten, "kitten", 0), Some(0));
    }
}
