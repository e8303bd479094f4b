//! One machine's part of a sharded build (`build --shard i/n`) and how `diglot merge`
//! joins the parts into the site.
//!
//! A part holds the article pages of its shard's files (every locale of each), the report's
//! source views of those files, and the pages every part shares (home, lifecycle, root,
//! assets, made alike by every part, for each reads the whole site). What needs the whole
//! site's findings or pages, the report pages and the search index, a part cannot write:
//! it stores in [`PART_FILE`] its findings, its pages' index and what the report reads of
//! its files ([`StoredFacts`]), and the merge writes them from every part's without
//! reading the site's files. The merged site is the one an unsharded build writes, byte for
//! byte (`tests/build_shards.rs`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::report::StoredFacts;
use super::search::{Index, StoredIndex};
use crate::check::Shard;
use crate::diagnostics::{Diagnostic, StoredDiagnostic};

/// Where a part keeps what the merge needs, at the root of its output folder.
pub const PART_FILE: &str = ".diglot-part.json";

/// The layout of [`PART_FILE`], raised whenever it changes: two builds of one diglot
/// version may differ in it.
const PART_FORMAT: u32 = 2;

/// Who made a part: read first, so that a part of another layout is named as such.
#[derive(Deserialize)]
struct Maker {
    diglot: String,
    #[serde(default)]
    format: u32,
}

/// What a part stores for the merge.
#[derive(Serialize, Deserialize)]
struct StoredPart<'a> {
    /// The diglot that made it (`diglot merge` takes parts of its own version only).
    diglot: String,
    /// [`PART_FORMAT`]; absent (0) in the first parts.
    #[serde(default)]
    format: u32,
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
    facts: Cow<'a, StoredFacts>,
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
    /// Its figures, and what rendering found on its files.
    pub report: &'a super::RenderReport,
    /// What the checks found on its files.
    pub checks: &'a [Diagnostic],
    pub facts: &'a StoredFacts,
    pub search: Option<Index>,
}

impl Rendered<'_> {
    pub(super) fn into_json(self) -> Result<Vec<u8>, super::RenderError> {
        let stored = StoredPart {
            diglot: env!("CARGO_PKG_VERSION").to_string(),
            format: PART_FORMAT,
            shard: self.shard.to_string(),
            checked: self.checked,
            pages: self.report.pages,
            fallbacks: self.report.fallbacks,
            failed: self.report.failed,
            checks: self.checks.iter().map(StoredDiagnostic::from).collect(),
            rendered: self
                .report
                .diagnostics
                .iter()
                .map(StoredDiagnostic::from)
                .collect(),
            search: self.search.map(Index::into_stored),
            facts: Cow::Borrowed(self.facts),
        };
        serde_json::to_vec(&stored)
            .map_err(|e| super::RenderError::Write(PART_FILE.to_string(), e.into()))
    }
}

impl Part {
    /// A part from its [`PART_FILE`]; `Err` says why it cannot be merged.
    pub fn read(bytes: &[u8]) -> Result<Part, String> {
        let not_a_part = |e: serde_json::Error| format!("not a diglot part: {e}");
        let maker: Maker = serde_json::from_slice(bytes).map_err(not_a_part)?;
        let ours = env!("CARGO_PKG_VERSION");
        if maker.diglot != ours || maker.format != PART_FORMAT {
            return Err(format!(
                "made by diglot {} (part format {}), and this is diglot {ours} (part format \
                 {PART_FORMAT}): build every part with one diglot",
                maker.diglot, maker.format
            ));
        }
        let stored: StoredPart = serde_json::from_slice(bytes).map_err(not_a_part)?;
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
            facts: stored.facts.into_owned(),
        })
    }
}
