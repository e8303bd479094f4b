//! Reading `_model/*.yaml`: each file may hold any of the model's sections; they merge.
//! A file that fails to parse is reported (WF001) at its own line:col and skipped, so the
//! rest of the model still loads.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::{DuplicateKeyPolicy, Spanned};

use super::{
    Binding, FileId, Localized, Model, ModelFile, PartnerType, Portal, State, UiString, Workflow,
    span_of,
};
use crate::config::Config;
use crate::content::yaml::{describe, offset_of};
use crate::diagnostics::{Diagnostic, codes};
use crate::files::Refusal;
use crate::span::{LineIndex, Span};

/// The sections a model file may contain; any subset, in any file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Sections {
    #[serde(default)]
    portals: Vec<Portal>,
    #[serde(default)]
    partner_types: Vec<PartnerType>,
    #[serde(default)]
    ui_strings: Vec<UiString>,
    #[serde(default)]
    states: Vec<State>,
    #[serde(default)]
    workflows: Vec<Workflow>,
    #[serde(default)]
    bindings: Vec<Binding>,
}

/// The folder of the model, inside the content folder.
pub const MODEL_DIR: &str = "_model";

/// Loads the model of `config`'s site. `None` when the site has no `_model/` folder.
pub fn load(config: &Config) -> (Option<Model>, Vec<Diagnostic>) {
    let dir = config.content_dir.join(MODEL_DIR);
    if !dir.is_dir() {
        return (None, Vec::new());
    }
    if let Err(refusal) = config.boundary.vet(&dir) {
        return (None, vec![refusal.diagnostic(MODEL_DIR)]);
    }
    let mut diagnostics = Vec::new();
    let mut model = Model::default();
    for path in yaml_files(&dir, &mut diagnostics) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = format!("{MODEL_DIR}/{name}");
        // Read like an article: inside the site, a regular file, UTF-8 or UTF-16.
        let decoded = match crate::files::read_inside(&path, &config.boundary) {
            Ok(bytes) => crate::decode::decode(&bytes),
            Err(refusal) => {
                diagnostics.push(refusal.diagnostic(&rel));
                continue;
            }
        };
        let file = ModelFile {
            path: rel,
            lines: LineIndex::new(&decoded.text),
            text: decoded.text,
        };
        diagnostics.extend(
            decoded
                .problems
                .iter()
                .map(|p| p.diagnostic(file.file_ref())),
        );
        let id = model.files.len();
        match parse(&file.text) {
            Ok(sections) => merge(&mut model, sections, id),
            Err((offset, message)) => {
                model.incomplete = true;
                diagnostics.push(
                    Diagnostic::new(
                        &codes::WF001,
                        file.file_ref(),
                        Span::new(offset, offset),
                        message,
                    )
                    .with_help(
                        "the file is skipped until it loads; references to what it defines are not checked meanwhile",
                    ),
                );
            }
        }
        model.files.push(file);
    }
    model.index_ids();
    validate(&model, config, &mut diagnostics);
    (Some(model), diagnostics)
}

fn yaml_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            // Links and special files too: reading them reports what they are.
            .filter(|p| !p.is_dir() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect(),
        Err(e) => {
            let why = format!("cannot list the model folder: {e}");
            diagnostics.push(Refusal::Unusable(why).diagnostic(MODEL_DIR));
            Vec::new()
        }
    };
    files.sort();
    files
}

/// Parses one model file's text; its number of items, or where and why it fails.
pub fn parse_file(text: &str) -> Result<usize, (usize, String)> {
    parse(text).map(|s| {
        s.portals.len()
            + s.partner_types.len()
            + s.ui_strings.len()
            + s.states.len()
            + s.workflows.len()
            + s.bindings.len()
    })
}

fn parse(text: &str) -> Result<Sections, (usize, String)> {
    if text.trim().is_empty() {
        return Ok(Sections::default());
    }
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    serde_saphyr::from_str_with_options::<Sections>(text, options).map_err(|e| {
        let offset = e.location().map_or(0, |l| {
            offset_of(text, l.line(), l.column(), l.span().byte_offset())
        });
        (offset, describe(&e))
    })
}

fn merge(model: &mut Model, s: Sections, file: FileId) {
    macro_rules! take {
        ($($field:ident),*) => {$(
            model.$field.extend(s.$field.into_iter().map(|mut item| {
                item.file = file;
                item
            }));
        )*};
    }
    take!(
        portals,
        partner_types,
        ui_strings,
        states,
        workflows,
        bindings
    );
}

/// What deserialization cannot say: ids given twice, labels missing for a site locale,
/// not exactly one initial state.
fn validate(model: &Model, config: &Config, out: &mut Vec<Diagnostic>) {
    duplicates(
        model,
        out,
        "portal",
        model.portals.iter().map(|p| (&p.id, p.file)),
    );
    duplicates(
        model,
        out,
        "partner type",
        model.partner_types.iter().map(|t| (&t.id, t.file)),
    );
    duplicates(
        model,
        out,
        "UI string",
        model.ui_strings.iter().map(|s| (&s.id, s.file)),
    );
    duplicates(
        model,
        out,
        "state",
        model.states.iter().map(|s| (&s.id, s.file)),
    );
    duplicates(
        model,
        out,
        "workflow",
        model.workflows.iter().map(|w| (&w.id, w.file)),
    );
    duplicates(
        model,
        out,
        "binding of article",
        model.bindings.iter().map(|b| (&b.article, b.file)),
    );

    let labelled = model
        .portals
        .iter()
        .map(|p| ("portal", p.id.value.as_str(), &p.labels, p.file))
        .chain(
            model
                .partner_types
                .iter()
                .map(|t| ("partner type", t.id.value.as_str(), &t.labels, t.file)),
        )
        .chain(
            model
                .ui_strings
                .iter()
                .map(|s| ("UI string", s.id.value.as_str(), &s.labels, s.file)),
        )
        .chain(
            model
                .states
                .iter()
                .map(|s| ("state", s.id.value.as_str(), &s.labels, s.file)),
        )
        .chain(
            model
                .workflows
                .iter()
                .map(|w| ("workflow", w.id.value.as_str(), &w.titles, w.file)),
        );
    for (what, id, labels, file) in labelled {
        missing_locales(model, config, out, what, id, labels, file);
    }

    let initial: Vec<&State> = model.states.iter().filter(|s| s.initial).collect();
    if !model.states.is_empty() && initial.len() != 1 {
        // The second initial state, or the first state when none is initial.
        let at = initial.get(1).copied().unwrap_or(&model.states[0]);
        let (file, span) = (at.file, span_of(&at.id));
        out.push(
            Diagnostic::new(
                &codes::WF001,
                model.file(file),
                span,
                format!(
                    "the model has {} initial states; it needs exactly one",
                    initial.len()
                ),
            )
            .with_help("mark the state every relationship starts in with `initial: true`"),
        );
    }
}

fn duplicates<'m, T: AsRef<str> + 'm>(
    model: &Model,
    out: &mut Vec<Diagnostic>,
    what: &str,
    items: impl Iterator<Item = (&'m Spanned<T>, FileId)>,
) {
    let mut seen: HashMap<&str, (FileId, Span)> = HashMap::new();
    for (id, file) in items {
        let span = span_of(id);
        if let Some(&(first_file, first_span)) = seen.get(id.value.as_ref()) {
            out.push(
                Diagnostic::new(
                    &codes::WF001,
                    model.file(file),
                    span,
                    format!("{what} `{}` is defined twice", id.value.as_ref()),
                )
                .with_related(model.file(first_file), first_span, "first defined here")
                .with_help("give each its own id, or remove one"),
            );
        } else {
            seen.insert(id.value.as_ref(), (file, span));
        }
    }
}

fn missing_locales(
    model: &Model,
    config: &Config,
    out: &mut Vec<Diagnostic>,
    what: &str,
    id: &str,
    labels: &Spanned<Localized>,
    file: FileId,
) {
    let missing: Vec<&str> = config
        .locales
        .iter()
        .filter(|l| labels.value.get(l).is_none_or(|t| t.trim().is_empty()))
        .map(|l| l.as_str())
        .collect();
    if missing.is_empty() {
        return;
    }
    out.push(
        Diagnostic::new(
            &codes::WF001,
            model.file(file),
            span_of(labels),
            format!("{what} `{id}` has no text for {}", missing.join(", ")),
        )
        .with_help(format!("add `{}: …`", missing[0])),
    );
}
