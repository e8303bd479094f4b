//! Whether a translation is current with its source: `ms.openlocfilehash` is the SHA-1 of
//! the source file, with CRLF line endings, when it was handed off for translation. A
//! different hash today means the source changed since. TR001 reports it; a stale page
//! tells its reader.

use sha1::{Digest, Sha1};

use crate::markdown::Article;

/// The hash the localization pipeline would record for `text` today.
pub fn handoff_hash(text: &str) -> String {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut hasher = Sha1::new();
    hasher.update(crlf.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A translation against its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// No hand-off hash recorded: nothing is known.
    Unknown,
    Current,
    /// The source changed since the hand-off (both hashes, lowercase hex).
    Stale {
        recorded: String,
        today: String,
    },
}

/// Whether `translation` is current with `source`, by its recorded hand-off hash.
pub fn freshness(translation: &Article, source: &Article) -> Freshness {
    let Some(recorded) = translation
        .front_matter
        .as_ref()
        .and_then(|fm| fm.text("ms.openlocfilehash"))
    else {
        return Freshness::Unknown;
    };
    let recorded = recorded.trim().to_ascii_lowercase();
    let today = handoff_hash(&source.file.text);
    // A byte-order mark is part of the file the pipeline hashed.
    if recorded == today || recorded == handoff_hash(&format!("\u{feff}{}", source.file.text)) {
        return Freshness::Current;
    }
    Freshness::Stale { recorded, today }
}
