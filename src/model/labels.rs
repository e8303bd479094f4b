//! Comparing UI labels as a reader would: case, Unicode form, apostrophes, no-break spaces
//! and `&` do not make two labels different.

use unicode_normalization::UnicodeNormalization;

/// The comparable form of a label: NFC, lower case, `’`/`‘`/`ʼ` as `'`, every kind of space
/// as one space, `&amp;` as `&` with spaces around it, and no trailing `:` or `.`.
pub fn normalize(label: &str) -> String {
    let decoded = label.replace("&amp;", "&");
    let mut out = String::with_capacity(decoded.len());
    let mut space = false;
    for c in decoded.nfc().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == '&' {
            // `A&B`, `A & B` and `A &B` are one label.
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            out.push_str("& ");
            space = true;
            continue;
        }
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.push(c);
    }
    let trimmed = out.trim_end_matches([' ', ':', '.']);
    trimmed.to_string()
}

/// Whether two labels are the same once normalized.
pub fn same(a: &str, b: &str) -> bool {
    normalize(a) == normalize(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_what_translation_varies() {
        assert!(same(
            "Supprimer les rôles d’administrateur",
            "supprimer les rôles d'administrateur"
        ));
        // Decomposed é (e + U+0301) against the composed one.
        assert!(same("Re\u{301}sume\u{301}", "Résumé"));
        assert!(same(
            "Accept\u{a0}&amp;\u{a0}authorize",
            "accept & authorize"
        ));
        assert!(same("Accepter &autoriser", "accepter & autoriser"));
        assert!(same("Contact:", "contact"));
        assert!(!same("Accepter", "Accepter l’invitation"));
        assert!(!same("partenaires", "partenaire"));
    }
}
