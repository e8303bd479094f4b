//! Bytes to text: UTF-8 with or without a BOM, UTF-16 when a BOM says so.

/// The decoded text, and where the first invalid byte was (its offset in the text) if any.
pub struct Decoded {
    pub text: String,
    pub invalid_at: Option<usize>,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest);
    }
    for (bom, enc, name) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            return Decoded {
                invalid_at: had_errors.then(|| text.find('\u{FFFD}').unwrap_or(0)),
                text: text.into_owned(),
                encoding: name,
            };
        }
    }
    decode_utf8(bytes)
}

fn decode_utf8(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            invalid_at: None,
            encoding: "UTF-8",
        },
        Err(e) => Decoded {
            // Text before the first bad byte decodes the same either way, so the offset holds.
            invalid_at: Some(e.valid_up_to()),
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: "UTF-8",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "é\r\nx".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes);
        assert_eq!(d.text, "é\r\nx");
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.invalid_at.is_none());
    }

    #[test]
    fn utf8_bom_is_stripped_and_bad_bytes_located() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").text, "abc");
        let d = decode(b"ab\xFFc");
        assert_eq!(d.invalid_at, Some(2));
        assert_eq!(d.text, "ab\u{FFFD}c");
    }
}
