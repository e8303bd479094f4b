//! One machine's part of a sharded build (`build --shard i/n`) and how `diglot merge`
//! joins the parts into the site.
//!
//! A part holds the article pages of its shard's files (every locale of each) and the
//! pages every part shares (home, lifecycle, root, assets, made alike by every part, for
//! each reads the whole site). What needs the whole site's findings or pages, the report
//! and the search index, a part cannot write: it stores its findings and its pages' index
//! in [`PART_FILE`], and the merge writes them from every part's. The merged site is the
//! one an unsharded build writes, byte for byte (`tests/shards.rs`).

use serde::{Deserialize, Serialize};

use super::report::StoredFacts;
use super::search::{Index, StoredIndex};
use crate::check::Shard;
use crate::diagnostics::{Diagnostic, StoredDiagnostic};

/// Where a part keeps what the merge needs, at the root of its output folder.
pub const PART_FILE: &str = ".diglot-part.json";

/// What a part stores for the merge.
#[derive(Serialize, Deserialize)]
struct StoredPart {
    /// The diglot that made it (`diglot merge` takes parts of its own version only).
    diglot: String,
    shard: String,
    /// Whether the checks ran (a site built with `--no-check` has no report).
    checked: bool,
    pages: usize,
    fallbacks: usize,
    failed: usize,
    /// The checks' findings on the shard's files, sorted.
    checks: Vec<StoredDiagnostic>,
    /// What rendering found on them.
    rendered: Vec<StoredDiagnostic>,
    search: Option<StoredIndex>,
    /// What the report reads of the shard's files.
    facts: StoredFacts,
}

/// A part read back.
pub struct Part {
    pub shard: Shard,
    pub checked: bool,
    pub(super) pages: usize,
    pub(super) fallbacks: usize,
    pub(super) failed: usize,
    pub(super) checks: Vec<Diagnostic>,
    pub(super) rendered: Vec<Diagnostic>,
    pub(super) search: Option<Index>,
    pub(super) facts: StoredFacts,
}

/// What one part rendered, to store.
pub(super) struct Rendered<'a> {
    pub shard: Shard,
    pub checked: bool,
    /// Its figures and findings: the checks' first, `checks` of them, then rendering's.
    pub report: &'a super::RenderReport,
    pub checks: usize,
    pub facts: StoredFacts,
    pub search: Option<Index>,
}

impl Rendered<'_> {
    pub(super) fn into_json(self) -> Result<Vec<u8>, super::RenderError> {
        let all = &self.report.diagnostics;
        let (checks, rendered) = all.split_at(self.checks.min(all.len()));
        let stored = StoredPart {
            diglot: env!("CARGO_PKG_VERSION").to_string(),
            shard: self.shard.to_string(),
            checked: self.checked,
            pages: self.report.pages,
            fallbacks: self.report.fallbacks,
            failed: self.report.failed,
            checks: checks.iter().map(StoredDiagnostic::from).collect(),
            rendered: rendered.iter().map(StoredDiagnostic::from).collect(),
            search: self.search.map(Index::into_stored),
            facts: self.facts,
        };
        serde_json::to_vec(&stored)
            .map_err(|e| super::RenderError::Write(PART_FILE.to_string(), e.into()))
    }
}

impl Part {
    /// A part from its [`PART_FILE`]; `Err` says why it cannot be merged.
    pub fn read(bytes: &[u8]) -> Result<Part, String> {
        let stored: StoredPart =
            serde_json::from_slice(bytes).map_err(|e| format!("not a diglot part: {e}"))?;
        let ours = env!("CARGO_PKG_VERSION");
        if stored.diglot != ours {
            return Err(format!(
                "made by diglot {}, and this is diglot {ours}: build every part with one diglot",
                stored.diglot
            ));
        }
        let findings = |list: Vec<StoredDiagnostic>| {
            list.into_iter()
                .map(StoredDiagnostic::into_diagnostic)
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Part {
            shard: stored.shard.parse()?,
            checked: stored.checked,
            pages: stored.pages,
            fallbacks: stored.fallbacks,
            failed: stored.failed,
            checks: findings(stored.checks)?,
            rendered: findings(stored.rendered)?,
            search: stored.search.map(Index::from_stored).transpose()?,
            facts: stored.facts,
        })
    }
}
