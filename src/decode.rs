//! Bytes to text: UTF-8 with or without a BOM, UTF-16 when a BOM says so. What no later
//! stage should see is mended here, once, and reported: invalid bytes and NUL characters
//! become U+FFFD (as CommonMark asks for NUL); lone CR line endings (classic Mac) become LF,
//! byte for byte, so offsets still match the file.

use crate::diagnostics::{Diagnostic, FileRef, codes};
use crate::span::Span;

/// The decoded text, its encoding, and what had to be mended.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub problems: Vec<Problem>,
}

/// Something the text held that a reader must not get: where the first one is (an offset
/// into the decoded text) and what it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Bytes that are not valid in the file's encoding.
    InvalidBytes { at: usize, encoding: &'static str },
    /// U+0000, which browsers and CommonMark replace: it is never meant.
    Nul { at: usize, count: usize },
}

impl Problem {
    pub fn diagnostic(&self, file: FileRef<'_>) -> Diagnostic {
        match *self {
            Problem::InvalidBytes { at, encoding } => Diagnostic::new(
                &codes::IO002,
                file,
                Span::new(at, at + 1),
                format!("invalid {encoding} byte sequence; replaced with U+FFFD"),
            )
            .with_help("save the file as UTF-8"),
            Problem::Nul { at, count } => Diagnostic::new(
                &codes::IO002,
                file,
                Span::new(at, at + 1),
                format!(
                    "{} (U+0000); replaced with U+FFFD",
                    crate::plural::count(count, "NUL character", "NUL characters")
                ),
            )
            // As before counts of one were singular, so that baselines keep matching.
            .fingerprinted_as(
                file,
                &format!("{count} NUL character(s) (U+0000); replaced with U+FFFD"),
            )
            .with_help("remove the NUL bytes: the file was probably saved by a binary tool"),
        }
    }
}

pub fn decode(bytes: &[u8]) -> Decoded {
    let mut decoded = decode_encoding(bytes);
    mend(&mut decoded);
    decoded
}

/// [`decode`], taking the bytes: UTF-8 text (nearly every file) becomes the `String`
/// without a copy, which on a large site saves copying every file once more.
pub fn decode_owned(mut bytes: Vec<u8>) -> Decoded {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if utf16 {
        return decode(&bytes);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let mut decoded = match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding: "UTF-8",
            problems: Vec::new(),
        },
        Err(e) => Decoded {
            problems: vec![Problem::InvalidBytes {
                at: e.utf8_error().valid_up_to(),
                encoding: "UTF-8",
            }],
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            encoding: "UTF-8",
        },
    };
    mend(&mut decoded);
    decoded
}

/// The first invalid offset of a decoding, if any.
pub fn invalid_at(decoded: &Decoded) -> Option<usize> {
    decoded.problems.iter().find_map(|p| match p {
        Problem::InvalidBytes { at, .. } => Some(*at),
        Problem::Nul { .. } => None,
    })
}

fn decode_encoding(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest);
    }
    for (bom, enc, name) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            let problems = if had_errors {
                vec![Problem::InvalidBytes {
                    at: text.find('\u{FFFD}').unwrap_or(0),
                    encoding: name,
                }]
            } else {
                Vec::new()
            };
            return Decoded {
                text: text.into_owned(),
                encoding: name,
                problems,
            };
        }
    }
    decode_utf8(bytes)
}

fn decode_utf8(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            problems: Vec::new(),
        },
        Err(e) => Decoded {
            // Text before the first bad byte decodes the same either way, so the offset holds.
            problems: vec![Problem::InvalidBytes {
                at: e.valid_up_to(),
                encoding: "UTF-8",
            }],
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: "UTF-8",
        },
    }
}

fn mend(decoded: &mut Decoded) {
    let text = &mut decoded.text;
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let count = memchr::memchr_iter(0, text.as_bytes()).count();
        *text = text.replace('\0', "\u{FFFD}");
        decoded.problems.push(Problem::Nul { at, count });
    }
    let lone_cr =
        |bytes: &[u8]| memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if lone_cr(text.as_bytes()) {
        let mut bytes = std::mem::take(text).into_bytes();
        for i in 0..bytes.len() {
            if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                bytes[i] = b'\n';
            }
        }
        // One ASCII byte for another keeps the text valid UTF-8; the fallback never runs.
        *text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_owned_bytes_is_decoding_them_borrowed() {
        let mut utf16 = vec![0xFE, 0xFF];
        for u in "é\r\nx".encode_utf16() {
            utf16.extend(u.to_be_bytes());
        }
        for bytes in [
            &b"plain \xC3\xA9"[..],
            b"\xEF\xBB\xBFbom",
            b"ab\xFFc\0d\re",
            &utf16,
            b"",
        ] {
            let (borrowed, owned) = (decode(bytes), decode_owned(bytes.to_vec()));
            assert_eq!(borrowed.text, owned.text);
            assert_eq!(borrowed.encoding, owned.encoding);
            assert_eq!(borrowed.problems, owned.problems);
        }
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "é\r\nx".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes);
        assert_eq!(d.text, "é\r\nx");
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.problems.is_empty());
    }

    #[test]
    fn utf8_bom_is_stripped_and_bad_bytes_located() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").text, "abc");
        let d = decode(b"ab\xFFc");
        assert_eq!(invalid_at(&d), Some(2));
        assert_eq!(d.text, "ab\u{FFFD}c");
    }

    #[test]
    fn nul_becomes_the_replacement_character_and_is_reported() {
        let d = decode(b"a\0b\0");
        assert_eq!(d.text, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(d.problems, vec![Problem::Nul { at: 1, count: 2 }]);
    }

    #[test]
    fn lone_cr_line_endings_become_lf_and_crlf_stays() {
        assert_eq!(
            decode(b"---\rtitle: x\r---\r\r# H\r").text,
            "---\ntitle: x\n---\n\n# H\n"
        );
        assert_eq!(decode(b"a\r\nb\r").text, "a\r\nb\n");
        assert_eq!(decode(b"a\r\nb").text, "a\r\nb");
    }
}
