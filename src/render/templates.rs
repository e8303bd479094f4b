//! Tera 2 templates: the built-in defaults (compiled into the binary), overridden by any
//! template of the same name in the site's `templates/` folder.

use tera::Tera;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::files;

/// The built-in templates, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("page.html", include_str!("templates/page.html")),
    ("home.html", include_str!("templates/home.html")),
    ("root.html", include_str!("templates/root.html")),
    ("404.html", include_str!("templates/404.html")),
    ("lifecycle.html", include_str!("templates/lifecycle.html")),
    ("report.html", include_str!("templates/report.html")),
    (
        "report-source.html",
        include_str!("templates/report-source.html"),
    ),
    (
        "report-entry.html",
        include_str!("templates/report-entry.html"),
    ),
];

/// Loads the templates: built-ins first, then `templates/*.html` replacing those of the same
/// name, into `tera`, whose functions (registered first) the templates may call. A template
/// that cannot be read safely (a link out of the site, a FIFO, a device) is reported and the
/// built-in of that name stays.
pub fn load(config: &Config, mut tera: Tera) -> Result<(Tera, Vec<Diagnostic>), String> {
    let dir = &config.templates_dir;
    let boundary = config.boundary.with(dir);
    let mut sources: Vec<(String, String)> = BUILT_IN
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    let mut diagnostics = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut overrides: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        overrides.sort();
        for path in overrides {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = match files::read_inside(&path, &boundary) {
                Ok(bytes) => crate::decode::decode(&bytes).text,
                Err(refusal) => {
                    // Paths of findings are content-relative (`../templates/page.html`);
                    // outputs show them from the working folder.
                    let shown = pathdiff::diff_paths(&path, &config.content_dir)
                        .unwrap_or_else(|| path.clone());
                    diagnostics
                        .push(refusal.diagnostic(&shown.to_string_lossy().replace('\\', "/")));
                    continue;
                }
            };
            match sources.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => sources.push((name, text)),
            }
        }
    }
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| format!("template error in {}: {e}", dir.display()))?;
    Ok((tera, diagnostics))
}
