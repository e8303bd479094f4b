//! The lifecycle page: the model's relationship states drawn as an inline SVG state machine,
//! each transition marked with its workflow's number and linking to the procedure that
//! documents it, and a legend listing the workflows.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write;

use serde::Serialize;

use crate::config::Locale;
use crate::escape;
use crate::markdown::links::page_url;
use crate::model::{Actor, Model, StateId, Workflow};

const BOX_W: f64 = 170.0;
const BOX_H: f64 = 56.0;
const COL: f64 = 240.0;
const ROW: f64 = 130.0;
const MARGIN: f64 = 40.0;

/// One workflow in the legend.
#[derive(Debug, Serialize)]
pub struct WorkflowCtx {
    pub number: usize,
    pub id: String,
    pub title: String,
    pub actor: std::borrow::Cow<'static, str>,
    /// `from → to` in the locale's state names.
    pub transitions: Vec<String>,
    /// The partner types it is restricted to, when it is.
    pub types: Vec<String>,
    /// Where it is documented in this locale.
    pub documented: Vec<Documented>,
}

/// A procedure that documents a workflow: its article's title, and its URL from the
/// lifecycle page.
#[derive(Debug, Serialize)]
pub struct Documented {
    pub title: String,
    pub url: String,
}

/// The legend and the picture of one locale's lifecycle page.
pub struct Lifecycle {
    pub svg: String,
    pub workflows: Vec<WorkflowCtx>,
}

/// Draws the lifecycle in `locale`. `title_of` gives a bound article's title in the locale.
pub fn build(
    model: &Model,
    locale: &Locale,
    source: &Locale,
    strings: &super::strings::UiStrings,
    title_of: &dyn Fn(&str) -> Option<String>,
) -> Lifecycle {
    let workflows: Vec<WorkflowCtx> = model
        .workflows
        .iter()
        .enumerate()
        .map(|(i, w)| workflow_ctx(model, w, i + 1, locale, source, strings, title_of))
        .collect();
    Lifecycle {
        svg: svg(model, locale, source, &strings.lifecycle, &workflows),
        workflows,
    }
}

fn state_label<'m>(model: &'m Model, id: &'m StateId, locale: &Locale, source: &Locale) -> &'m str {
    model
        .state(id)
        .and_then(|s| s.labels.value.get_or(locale, source))
        .unwrap_or(id.as_str())
}

fn workflow_ctx(
    model: &Model,
    w: &Workflow,
    number: usize,
    locale: &Locale,
    source: &Locale,
    strings: &super::strings::UiStrings,
    title_of: &dyn Fn(&str) -> Option<String>,
) -> WorkflowCtx {
    let documented = model
        .bindings
        .iter()
        .flat_map(|b| b.procedures.iter().map(move |pb| (b, pb)))
        .filter(|(_, pb)| pb.workflow.value == w.id.value)
        .map(|(b, pb)| {
            let title = title_of(&b.article.value).unwrap_or_else(|| b.article.value.clone());
            let url = format!("../{}#{}", page_url(&b.article.value), pb.anchor.value);
            Documented { title, url }
        })
        .collect();
    WorkflowCtx {
        number,
        id: w.id.value.to_string(),
        title: w
            .titles
            .value
            .get_or(locale, source)
            .unwrap_or(w.id.value.as_str())
            .to_string(),
        actor: match w.actor {
            Actor::Customer => strings.customer.clone(),
            Actor::Partner => strings.partner.clone(),
        },
        transitions: w
            .transitions
            .value
            .iter()
            .map(|t| {
                format!(
                    "{} → {}",
                    state_label(model, &t.from.value, locale, source),
                    state_label(model, &t.to.value, locale, source)
                )
            })
            .collect(),
        types: w
            .types
            .iter()
            .flat_map(|ts| &ts.value)
            .map(|t| {
                model
                    .partner_type(&t.value)
                    .and_then(|pt| pt.labels.value.get_or(locale, source))
                    .unwrap_or(t.value.as_str())
                    .to_string()
            })
            .collect(),
        documented,
    }
}

/// States in columns by their distance from the initial state, in model order within one.
fn layout(model: &Model) -> HashMap<&StateId, (f64, f64)> {
    let mut rank: HashMap<&StateId, usize> = HashMap::new();
    if let Some(initial) = model.initial_state() {
        rank.insert(&initial.id.value, 0);
        let next = model.successors();
        let mut queue = VecDeque::from([&initial.id.value]);
        while let Some(s) = queue.pop_front() {
            let r = rank[s];
            for &to in next.get(s).into_iter().flatten() {
                if !rank.contains_key(to) {
                    rank.insert(to, r + 1);
                    queue.push_back(to);
                }
            }
        }
    }
    let last = rank.values().max().map_or(0, |m| m + 1);
    let mut columns: BTreeMap<usize, usize> = BTreeMap::new();
    let mut at = HashMap::new();
    for s in &model.states {
        let r = rank.get(&s.id.value).copied().unwrap_or(last);
        let row = columns.entry(r).or_insert(0);
        let x = MARGIN + r as f64 * COL;
        let y = MARGIN + 30.0 + *row as f64 * ROW;
        *row += 1;
        at.insert(&s.id.value, (x, y));
    }
    at
}

/// Where the line from the box's centre towards `(dx, dy)` leaves the box.
fn border(cx: f64, cy: f64, dx: f64, dy: f64) -> (f64, f64) {
    let tx = if dx.abs() > 1e-9 {
        (BOX_W / 2.0) / dx.abs()
    } else {
        f64::INFINITY
    };
    let ty = if dy.abs() > 1e-9 {
        (BOX_H / 2.0) / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = tx.min(ty);
    (cx + dx * t, cy + dy * t)
}

fn svg(
    model: &Model,
    locale: &Locale,
    source: &Locale,
    title: &str,
    legend: &[WorkflowCtx],
) -> String {
    let at = layout(model);
    let width = at.values().map(|p| p.0).fold(0.0, f64::max) + BOX_W + MARGIN;
    let height = at.values().map(|p| p.1).fold(0.0, f64::max) + BOX_H + MARGIN + 90.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg class=\"lifecycle\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"group\" aria-labelledby=\"lifecycle-title\">\
<title id=\"lifecycle-title\">{}</title>\
<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"currentColor\"/></marker></defs>",
        escape::text(title)
    );
    // Transitions first, so the states are drawn over their ends.
    let mut pairs: BTreeMap<(&StateId, &StateId), usize> = BTreeMap::new();
    for w in &model.workflows {
        for t in &w.transitions.value {
            *pairs.entry((&t.from.value, &t.to.value)).or_insert(0) += 1;
        }
    }
    let mut drawn: HashMap<(&StateId, &StateId), usize> = HashMap::new();
    let mut badges = String::new();
    for (w, ctx) in model.workflows.iter().zip(legend) {
        for t in &w.transitions.value {
            let (Some(&a), Some(&b)) = (at.get(&t.from.value), at.get(&t.to.value)) else {
                continue;
            };
            let key = (&t.from.value, &t.to.value);
            let n = pairs[&key];
            let k = drawn.entry(key).or_insert(0);
            let offset = (*k as f64 - (n as f64 - 1.0) / 2.0) * 34.0;
            *k += 1;
            let (path, badge) = edge(a, b, offset, key.0 == key.1, *k);
            let _ = writeln!(
                out,
                "<path class=\"transition\" data-workflow=\"{}\" d=\"{path}\" fill=\"none\" stroke=\"currentColor\" marker-end=\"url(#arrow)\"/>",
                escape::attr(&ctx.id)
            );
            let href = ctx
                .documented
                .first()
                .map_or_else(|| format!("#wf-{}", ctx.id), |d| d.url.clone());
            let _ = writeln!(
                badges,
                "<a href=\"{}\" class=\"workflow-badge\"><title>{}. {}</title><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"11\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"central\">{}</text></a>",
                escape::attr(&href),
                ctx.number,
                escape::text(&ctx.title),
                badge.0,
                badge.1,
                badge.0,
                badge.1,
                ctx.number
            );
        }
    }
    for s in &model.states {
        let Some(&(x, y)) = at.get(&s.id.value) else {
            continue;
        };
        let label = state_label(model, &s.id.value, locale, source);
        let class = if s.initial {
            "state initial"
        } else if s.terminal {
            "state terminal"
        } else {
            "state"
        };
        let _ = write!(
            out,
            "<g class=\"{class}\" data-state=\"{}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"10\"/>",
            escape::attr(s.id.value.as_str()),
            x,
            y
        );
        let lines = wrap(label, 22);
        let first = y + BOX_H / 2.0 - (lines.len() as f64 - 1.0) * 8.0;
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"central\">{}</text>",
                x + BOX_W / 2.0,
                first + i as f64 * 16.0,
                escape::text(line)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str(&badges);
    out.push_str("</svg>");
    out
}

/// The path of one transition and where its badge goes. Parallel transitions bow apart by
/// `offset`; a transition back to an earlier column arcs under the states.
fn edge(
    a: (f64, f64),
    b: (f64, f64),
    offset: f64,
    self_loop: bool,
    k: usize,
) -> (String, (f64, f64)) {
    let (ca, cb) = (
        (a.0 + BOX_W / 2.0, a.1 + BOX_H / 2.0),
        (b.0 + BOX_W / 2.0, b.1 + BOX_H / 2.0),
    );
    if self_loop {
        // Over a state of the top row, under the others (whose tops the vertical
        // transitions of their column use).
        let lift = 30.0 + 14.0 * k as f64;
        let top_row = a.1 <= MARGIN + 30.0 + 1.0;
        let (y, sign) = if top_row {
            (a.1, -1.0)
        } else {
            (a.1 + BOX_H, 1.0)
        };
        let (x0, x1) = (ca.0 - 30.0 - 8.0 * k as f64, ca.0 + 30.0 + 8.0 * k as f64);
        let control = y + sign * lift * 1.4;
        let path =
            format!("M{x0:.1} {y:.1}C{x0:.1} {control:.1} {x1:.1} {control:.1} {x1:.1} {y:.1}");
        return (path, (ca.0, y + sign * lift * 1.05));
    }
    let (dx, dy) = (cb.0 - ca.0, cb.1 - ca.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (nx, ny) = (-dy / len, dx / len);
    let backwards = b.0 < a.0;
    let bulge = if backwards { 90.0 } else { 0.0 };
    let mid = ((ca.0 + cb.0) / 2.0, (ca.1 + cb.1) / 2.0);
    let (mut qx, mut qy) = (mid.0 + nx * offset * 2.0, mid.1 + ny * offset * 2.0);
    if backwards {
        qy = qy.max(ca.1.max(cb.1) + BOX_H / 2.0 + bulge + offset.abs());
        qx = mid.0;
    }
    let p0 = border(ca.0, ca.1, qx - ca.0, qy - ca.1);
    let p3 = border(cb.0, cb.1, qx - cb.0, qy - cb.1);
    let path = format!(
        "M{:.1} {:.1}Q{qx:.1} {qy:.1} {:.1} {:.1}",
        p0.0, p0.1, p3.0, p3.1
    );
    let badge = (
        0.25 * p0.0 + 0.5 * qx + 0.25 * p3.0,
        0.25 * p0.1 + 0.5 * qy + 0.25 * p3.1,
    );
    (path, badge)
}

/// Splits a label into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}
