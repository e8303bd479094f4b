//! Horizontal stacked bar charts as inline SVG: one row per bar, each row a link, each
//! segment with a tooltip. Colours come from the stylesheet through segment classes, so a
//! theme (or dark mode) recolours them.

use std::fmt::Write;

use crate::escape;

const WIDTH: f64 = 720.0;
const LABEL_W: f64 = 230.0;
const VALUE_W: f64 = 60.0;
const ROW_H: f64 = 24.0;
const BAR_H: f64 = 16.0;
const LEGEND_H: f64 = 26.0;
/// Longer labels are shortened from the left (the end of a path says the most).
const LABEL_CHARS: usize = 34;

/// One part of a bar.
pub struct Segment {
    pub value: usize,
    /// The stylesheet class that colours it (`seg-stale`).
    pub class: &'static str,
    /// What the tooltip says it is (`Stale`).
    pub name: String,
}

/// One row of the chart.
pub struct Bar {
    pub label: String,
    pub href: Option<String>,
    pub segments: Vec<Segment>,
}

impl Bar {
    fn total(&self) -> usize {
        self.segments.iter().map(|s| s.value).sum()
    }
}

/// The chart, or an empty string when there is nothing to draw.
/// `colon`: how the report's language writes a colon after a label (French: `\u{a0}:`).
pub fn stacked_bars(title: &str, colon: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars.iter().map(Bar::total).max().unwrap_or(0).max(1) as f64;
    let scale = (WIDTH - LABEL_W - VALUE_W) / max;
    let top = if legend_keys(bars).len() > 1 {
        LEGEND_H
    } else {
        4.0
    };
    let height = top + ROW_H * bars.len() as f64 + 4.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="group" aria-label="{}"><title>{}</title>"#,
        escape::attr(title),
        escape::text(title)
    );
    legend(&mut svg, &legend_keys(bars));
    for (i, bar) in bars.iter().enumerate() {
        let y = top + ROW_H * i as f64;
        if let Some(href) = &bar.href {
            let _ = write!(svg, r#"<a href="{}">"#, escape::attr(href));
        }
        let _ = write!(
            svg,
            r#"<g class="bar"><title>{}</title><text class="label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            escape::text(&tooltip(bar, colon)),
            LABEL_W - 8.0,
            y + BAR_H - 3.0,
            escape::text(&shorten(&bar.label))
        );
        let mut x = LABEL_W;
        for seg in bar.segments.iter().filter(|s| s.value > 0) {
            let w = seg.value as f64 * scale;
            let _ = write!(
                svg,
                r#"<rect class="{}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{BAR_H}"/>"#,
                seg.class
            );
            x += w;
        }
        let _ = write!(
            svg,
            r#"<text class="value" x="{:.1}" y="{:.1}">{}</text></g>"#,
            x + 6.0,
            y + BAR_H - 3.0,
            bar.total()
        );
        if bar.href.is_some() {
            svg.push_str("</a>");
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The segment kinds the bars use, as (class, name), in their order of first appearance.
fn legend_keys(bars: &[Bar]) -> Vec<(&'static str, &str)> {
    let mut seen: Vec<(&'static str, &str)> = Vec::new();
    for seg in bars.iter().flat_map(|b| &b.segments) {
        if !seen.iter().any(|(c, _)| *c == seg.class) {
            seen.push((seg.class, &seg.name));
        }
    }
    seen
}

/// A key to the segment colours; a chart of one kind needs none.
fn legend(svg: &mut String, keys: &[(&'static str, &str)]) {
    if keys.len() < 2 {
        return;
    }
    let mut x = LABEL_W;
    svg.push_str(r#"<g class="legend">"#);
    for &(class, name) in keys {
        let _ = write!(
            svg,
            r#"<rect class="{class}" x="{x:.1}" y="4" width="12" height="12"/><text x="{:.1}" y="14">{}</text>"#,
            x + 16.0,
            escape::text(name)
        );
        // A rough advance for the label: 7 px a character at the chart's font size.
        x += 16.0 + 7.0 * name.chars().count() as f64 + 14.0;
    }
    svg.push_str("</g>");
}

fn tooltip(bar: &Bar, colon: &str) -> String {
    let parts: Vec<String> = bar
        .segments
        .iter()
        .filter(|s| s.value > 0)
        .map(|s| format!("{}{colon} {}", s.name, s.value))
        .collect();
    format!("{} — {}", bar.label, parts.join(", "))
}

fn shorten(label: &str) -> String {
    let n = label.chars().count();
    if n <= LABEL_CHARS {
        return label.to_string();
    }
    let tail: String = label.chars().skip(n - (LABEL_CHARS - 1)).collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, values: &[usize]) -> Bar {
        Bar {
            label: label.to_string(),
            href: Some(format!("#{label}")),
            segments: values
                .iter()
                .zip(["seg-a", "seg-b"])
                .map(|(&value, class)| Segment {
                    value,
                    class,
                    name: class.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_total() {
        let svg = stacked_bars("t", ":", &[bar("x", &[3, 1]), bar("y", &[2, 0])]);
        let widths: Vec<f64> = svg
            .split(r#"width=""#)
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            // Not the chart's own width, nor the legend's boxes.
            .filter(|w| *w != WIDTH && *w != 12.0)
            .collect();
        let full = WIDTH - LABEL_W - VALUE_W;
        assert_eq!(widths, [full * 0.75, full * 0.25, full * 0.5]);
        assert!(svg.contains(r##"<a href="#x">"##));
        assert!(svg.contains("<title>x — seg-a: 3, seg-b: 1</title>"));
    }

    #[test]
    fn long_labels_keep_their_end_and_text_is_escaped() {
        let svg = stacked_bars(
            "a<b",
            ":",
            &[bar("fr-fr/a/very/long/path/to/some/article-name.md", &[1])],
        );
        assert!(svg.contains("…"));
        assert!(svg.contains("article-name.md</text>"));
        assert!(svg.contains("<title>a&lt;b</title>"));
        assert_eq!(stacked_bars("t", ":", &[]), "");
    }
}
