//! The report pages: `<locale>/report/` shows every locale's translation coverage and
//! findings as inline SVG charts, then that locale's findings by rule and by file, each
//! entry linking to its page and to its line in a source view
//! (`<locale>/report/source/<path>.html#L<line>`) written for every file with findings.
//!
//! The figures are those of the build's own checks, so they are what `diglot check`
//! reports for the same site.

mod charts;
mod coverage;
mod facts;
mod findings;
mod links;
mod source_view;

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use super::context::PageContext;
use super::report_strings::{self as strings, ReportStrings};
use super::{REPORT_DIR, RenderError, RenderReport};
use crate::config::Locale;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use charts::{Bar, Segment};
use coverage::Coverage;
pub use facts::{Facts, StoredFacts, takes_report_place};
use findings::{Counts, Findings};
use links::Links;
pub(super) use links::source_view_path;

/// The files with the most findings drawn in the by-file chart (the table lists them all).
const FILES_CHARTED: usize = 25;

/// Entries listed per rule (and per coverage list); the rest are counted, and each file's
/// source view still shows all of its findings. A page of 50,000 entries helps nobody.
pub const LISTED: usize = 200;

/// One line of a report list: a finding, or a missing translation.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub label: String,
    /// `fr-fr/a.md:12`.
    pub location: String,
    pub message: String,
    /// The message's language (BCP 47): `en` for a finding, the article's for its title.
    pub lang: String,
    pub code: String,
    pub severity: &'static str,
    pub page_url: Option<String>,
    pub source_url: Option<String>,
}

fn entry(d: &Diagnostic, links: &Links<'_>) -> Entry {
    Entry {
        label: d.path.clone(),
        location: format!("{}:{}", d.path, d.line),
        message: d.message.clone(),
        lang: "en".to_string(),
        code: d.code.to_string(),
        severity: d.severity.as_str(),
        page_url: links.page_url(&d.path),
        source_url: links.source_url(&d.path, d.line),
    }
}

/// One locale's row of the findings overview.
#[derive(Serialize)]
struct LocaleCounts {
    locale: String,
    name: String,
    report_url: String,
    current: bool,
    counts: Counts,
}

#[derive(Serialize)]
struct ReportCtx<'a> {
    coverage: &'a [Coverage],
    coverage_svg: &'a str,
    types_svg: &'a str,
    overview: Vec<LocaleCounts>,
    total: Counts,
    overview_svg: &'a str,
    findings: &'a Findings,
    rules_svg: String,
    files_svg: String,
}

/// What every locale's report page is drawn from.
pub(in crate::render) struct Figures<'a> {
    links: Links<'a>,
    coverage: Vec<Coverage>,
    findings: BTreeMap<&'a Locale, Findings>,
}

/// The report pages and source views, drawn with the pages' context from the files'
/// [`Facts`] (a build's own, or a merge's of every part's).
pub(in crate::render) struct Reports<'a, 's> {
    cx: &'a PageContext<'s>,
    facts: &'a Facts,
}

impl<'a, 's: 'a> Reports<'a, 's> {
    pub(in crate::render) fn new(cx: &'a PageContext<'s>, facts: &'a Facts) -> Self {
        Reports { cx, facts }
    }

    /// Where entries link: the source view of every file with findings (and text).
    fn links(&self, diagnostics: &'a [Diagnostic]) -> Links<'a> {
        let viewed: HashSet<&str> = diagnostics
            .iter()
            .map(|d| d.path.as_str())
            .filter(|p| self.facts.has_text(p))
            .collect();
        Links::new(self.cx.config, self.facts, viewed)
    }

    /// Each locale's coverage and findings, and where entries link.
    fn figures(&self, diagnostics: &'a [Diagnostic]) -> Figures<'a> {
        let config = self.cx.config;
        let links = self.links(diagnostics);
        let source = &config.source_locale;
        let coverage: Vec<Coverage> = config
            .locales
            .iter()
            .filter(|l| *l != source)
            .map(|l| coverage::of_locale(config, self.facts, l, diagnostics, &links))
            .collect();
        let findings: BTreeMap<&Locale, Findings> = config
            .locales
            .iter()
            .map(|l| (l, findings::of_locale(self.facts, l, diagnostics, &links)))
            .collect();
        Figures {
            links,
            coverage,
            findings,
        }
    }

    /// Writes every locale's report page; returns what they were drawn from.
    pub(in crate::render) fn write_pages(
        &self,
        diagnostics: &'a [Diagnostic],
        sink: &dyn Sink,
    ) -> Result<Figures<'a>, RenderError> {
        let figures = self.figures(diagnostics);
        for locale in &self.cx.config.locales {
            let html = self.locale_report(locale, &figures)?;
            let path = format!("{locale}/{REPORT_DIR}/index.html");
            sink.write(&path, html.as_bytes())
                .map_err(|e| RenderError::Write(path, e))?;
        }
        Ok(figures)
    }

    /// Every locale's report page and the source views its entries link to: a whole
    /// build's report.
    pub(in crate::render) fn write_pages_and_views(
        &self,
        diagnostics: &'a [Diagnostic],
        sink: &dyn Sink,
    ) -> Result<(), RenderError> {
        let figures = self.write_pages(diagnostics, sink)?;
        self.write_views(diagnostics, &figures.links, sink)
    }

    /// One locale's report page alone (`diagnostics`: every finding, sorted).
    pub(in crate::render) fn report_of(
        &self,
        locale: &Locale,
        diagnostics: &'a [Diagnostic],
    ) -> Result<String, RenderError> {
        self.locale_report(locale, &self.figures(diagnostics))
    }

    /// The source view written at `out` (site-relative) alone, if a file has one there.
    pub(in crate::render) fn source_view_at(
        &self,
        out: &str,
        diagnostics: &'a [Diagnostic],
    ) -> Option<Result<String, RenderError>> {
        let links = self.links(diagnostics);
        let path = links.viewed().find(|p| links.source_view_path(p) == out)?;
        let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.path == path).collect();
        Some(self.source_page(path, &found, &links))
    }

    /// One locale's report page: every locale's figures, this locale's findings.
    fn locale_report(&self, locale: &Locale, figures: &Figures<'_>) -> Result<String, RenderError> {
        let config = self.cx.config;
        let Figures {
            links,
            coverage,
            findings,
        } = figures;
        let rs = strings::for_language(locale.language());
        let coverage_svg = coverage_chart(coverage, &rs);
        let types_svg = types_chart(coverage, &rs);
        let overview_svg = overview_chart(findings, links, &rs, self.cx);
        let ours = &findings[locale];
        let ctx = ReportCtx {
            coverage,
            coverage_svg: &coverage_svg,
            types_svg: &types_svg,
            overview: findings
                .iter()
                .map(|(l, f)| LocaleCounts {
                    locale: l.to_string(),
                    name: config.locale_name(l),
                    report_url: links.report_of(l),
                    current: *l == locale,
                    counts: f.counts.clone(),
                })
                .collect(),
            total: findings::totals(findings.values().map(|f| &f.counts)),
            overview_svg: &overview_svg,
            findings: ours,
            rules_svg: rules_chart(ours, &rs),
            files_svg: files_chart(ours, &rs),
        };
        self.report_page(locale, &ctx, &rs)
    }

    /// A source view for every file with findings (and a text), in parallel. The text is
    /// the loaded site's: a merge, which loads no file, leaves the views to the parts.
    pub(in crate::render) fn write_source_views(
        &self,
        diagnostics: &'a [Diagnostic],
        sink: &dyn Sink,
    ) -> Result<(), RenderError> {
        self.write_views(diagnostics, &self.links(diagnostics), sink)
    }

    fn write_views(
        &self,
        diagnostics: &'a [Diagnostic],
        links: &Links<'a>,
        sink: &dyn Sink,
    ) -> Result<(), RenderError> {
        let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for d in diagnostics.iter().filter(|d| links.has_view(&d.path)) {
            by_file.entry(&d.path).or_default().push(d);
        }
        by_file.par_iter().try_for_each(|(path, found)| {
            let html = self.source_page(path, found, links)?;
            let out = links.source_view_path(path);
            sink.write(&out, html.as_bytes())
                .map_err(|e| RenderError::Write(out, e))
        })
    }

    fn report_page(
        &self,
        locale: &Locale,
        report: &ReportCtx<'_>,
        rs: &ReportStrings,
    ) -> Result<String, RenderError> {
        let root = links::ROOT;
        let translations = self
            .cx
            .in_every_locale(locale, root, &format!("{REPORT_DIR}/"));
        let mut ctx = self.cx.common(locale, root, translations);
        ctx.insert("report", report);
        ctx.insert("rs", rs);
        ctx.insert("locale_root", "../");
        self.cx
            .render_without_nav("report.html", &mut ctx)
            .map_err(|e| RenderError::Templates(format!("template `report.html` failed: {e}")))
    }

    fn source_page(
        &self,
        path: &str,
        found: &[&Diagnostic],
        links: &Links<'_>,
    ) -> Result<String, RenderError> {
        // A thinned site's (a streamed build's) texts are read again, a view at a time.
        let file = self.cx.site.file_text(path);
        let text = file.as_ref().map_or("", |f| f.file_ref().text);
        let out = links.source_view_path(path);
        let root = "../".repeat(out.matches('/').count());
        let locale = links.owner(path);
        let rs = strings::for_language(locale.language());
        let mut ctx = self.cx.common(locale, &root, Vec::new());
        ctx.insert(
            "file",
            &serde_json::json!({
                "path": path,
                "page_url": links.page_url(path).map(|u| u.replacen(links::ROOT, &root, 1)),
                "report_url": format!("{root}{locale}/{REPORT_DIR}/"),
                "count": found.len(),
                "lines": source_view::lines_table(text, found),
            }),
        );
        ctx.insert("rs", &rs);
        ctx.insert("locale_root", &root);
        // A source view is a writer's tool, one per file with findings (9,000 on a large
        // site): no search box in each.
        ctx.insert("search", &false);
        self.cx
            .render_without_nav("report-source.html", &mut ctx)
            .map_err(|e| {
                RenderError::Templates(format!("template `report-source.html` failed: {e}"))
            })
    }
}

fn seg(value: usize, class: &'static str, name: &str) -> Segment {
    Segment {
        value,
        class,
        name: name.to_string(),
    }
}

/// A bar per target locale, split by `segments`, linking to its coverage row.
fn per_locale_chart(
    title: &str,
    colon: &str,
    coverage: &[Coverage],
    segments: impl Fn(&Coverage) -> Vec<Segment>,
) -> String {
    let bars: Vec<Bar> = coverage
        .iter()
        .map(|c| Bar {
            label: c.name.clone(),
            href: Some(format!("{}#coverage-{}", c.report_url, c.locale)),
            segments: segments(c),
        })
        .collect();
    charts::stacked_bars(title, colon, &bars)
}

fn coverage_chart(coverage: &[Coverage], rs: &ReportStrings) -> String {
    per_locale_chart(rs.coverage, rs.colon, coverage, |c| {
        vec![
            seg(c.up_to_date, "seg-ok", rs.up_to_date),
            seg(c.stale, "seg-stale", rs.stale),
            seg(c.missing, "seg-missing", rs.missing),
        ]
    })
}

fn types_chart(coverage: &[Coverage], rs: &ReportStrings) -> String {
    per_locale_chart(rs.translation_type, rs.colon, coverage, |c| {
        vec![
            seg(c.machine, "seg-machine", rs.machine),
            seg(c.post_edited, "seg-edited", rs.post_edited),
            seg(c.human, "seg-human", rs.human),
            seg(c.unmarked, "seg-unmarked", rs.unmarked),
        ]
    })
}

fn severity_segments(
    errors: usize,
    warnings: usize,
    infos: usize,
    rs: &ReportStrings,
) -> Vec<Segment> {
    vec![
        seg(errors, "seg-error", rs.errors),
        seg(warnings, "seg-warning", rs.warnings),
        seg(infos, "seg-info", rs.infos),
    ]
}

fn overview_chart(
    findings: &BTreeMap<&Locale, Findings>,
    links: &Links<'_>,
    rs: &ReportStrings,
    cx: &PageContext<'_>,
) -> String {
    let bars: Vec<Bar> = findings
        .iter()
        .map(|(l, f)| Bar {
            label: cx.config.locale_name(l),
            href: Some(format!("{}#findings", links.report_of(l))),
            segments: severity_segments(f.counts.errors, f.counts.warnings, f.counts.infos, rs),
        })
        .collect();
    charts::stacked_bars(rs.findings, rs.colon, &bars)
}

fn rules_chart(findings: &Findings, rs: &ReportStrings) -> String {
    // Errors first, so the legend and the eye start with what fails the build.
    let mut rules: Vec<_> = findings.rules.iter().collect();
    rules.sort_by_key(|r| (severity_rank(r.severity), r.code));
    let bars: Vec<Bar> = rules
        .into_iter()
        .map(|r| Bar {
            label: format!("{} {}", r.code, r.name),
            href: Some(format!("#rule-{}", r.code)),
            segments: vec![seg(
                r.count,
                severity_class(r.severity),
                severity_name(r.severity, rs),
            )],
        })
        .collect();
    charts::stacked_bars(rs.by_rule, rs.colon, &bars)
}

fn files_chart(findings: &Findings, rs: &ReportStrings) -> String {
    let bars: Vec<Bar> = findings
        .files
        .iter()
        .take(FILES_CHARTED)
        .map(|f| Bar {
            label: f.path.clone(),
            href: f.source_url.clone(),
            segments: severity_segments(f.errors, f.warnings, f.infos, rs),
        })
        .collect();
    charts::stacked_bars(rs.by_file, rs.colon, &bars)
}

fn severity_rank(severity: &str) -> u8 {
    match severity {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

fn severity_class(severity: &str) -> &'static str {
    match severity {
        "error" => "seg-error",
        "warning" => "seg-warning",
        _ => "seg-info",
    }
}

fn severity_name<'a>(severity: &str, rs: &'a ReportStrings) -> &'a str {
    match severity {
        "error" => rs.errors,
        "warning" => rs.warnings,
        _ => rs.infos,
    }
}

/// Merges what the build found into the render's report: the checks' findings first.
pub(super) fn merge(found: Vec<Diagnostic>, report: &mut RenderReport) {
    let rendered = std::mem::take(&mut report.diagnostics);
    report.diagnostics = found;
    report.diagnostics.extend(rendered);
}
