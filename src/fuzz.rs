//! Entry points for the fuzz targets (`fuzz/`), one per parser that takes user input. Each
//! takes raw bytes as a file would hold them and runs them through the same path the build
//! does. The regression tests (`tests/fuzz_regressions.rs`) replay every input the fuzzers
//! ever crashed on through these same functions, so a fixed crash stays fixed.

use crate::config::Locale;
use crate::content::{FileKind, SourceFile, frontmatter, toc};
use crate::decode;
use crate::markdown::{self, anchors, sxs};
use crate::span::LineIndex;

/// A fuzz target: bytes in, nothing out; it must neither panic nor hang.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name: what `cargo fuzz run NAME` runs.
pub const TARGETS: &[(&str, Target)] = &[
    ("front_matter", front_matter),
    ("markdown", markdown),
    ("sxs", sxs),
    ("slug", slug),
    ("toc", toc),
    ("model", model),
];

fn file(bytes: &[u8], rel: &str, kind: FileKind) -> SourceFile {
    let text = decode::decode(bytes).text;
    let locale = Locale::parse("fr-fr").unwrap_or_else(|| unreachable!("a valid locale"));
    SourceFile {
        path: format!("{locale}/{rel}"),
        locale,
        rel: rel.to_string(),
        kind,
        lines: LineIndex::new(&text),
        text,
    }
}

/// Front matter splitting, then its YAML.
pub fn front_matter(bytes: &[u8]) {
    let text = decode::decode(bytes).text;
    if let frontmatter::Split::Closed { block, yaml, .. } = frontmatter::split(&text) {
        let _ = frontmatter::parse(&text, block, yaml);
    }
}

/// Markdown → Article, with the body's HTML.
pub fn markdown(bytes: &[u8]) {
    let _ = markdown::parse(file(bytes, "a/page.md", FileKind::Article));
}

/// The sxs segment scanner, and the questions asked of its result.
pub fn sxs(bytes: &[u8]) {
    let text = decode::decode(bytes).text;
    let segments = sxs::scan(&text, 0);
    let tags = segments.tags();
    for offset in (0..text.len()).step_by(7) {
        let _ = segments.in_source_copy(offset);
        let _ = tags.at(offset);
    }
}

/// Heading slugs, each line a heading, duplicates numbered.
pub fn slug(bytes: &[u8]) {
    let text = decode::decode(bytes).text;
    let mut slugs = anchors::SlugAllocator::default();
    for line in text.lines() {
        let _ = anchors::gfm_slug(line);
        let _ = slugs.allocate(line);
    }
}

/// A TOC, as YAML (`TOC.yml`) and as Markdown (`TOC.md`).
pub fn toc(bytes: &[u8]) {
    let _ = toc::parse(&file(bytes, "TOC.yml", FileKind::Toc));
    let _ = toc::parse(&file(bytes, "TOC.md", FileKind::Toc));
}

/// One model file's YAML into the typed model.
pub fn model(bytes: &[u8]) {
    let text = decode::decode(bytes).text;
    let _ = crate::model::parse_file(&text);
}
