//! What the preview adds to every page it serves: the live-reload script, a panel of the
//! page's findings, and the error overlay while the site cannot be rendered as it is.
//! Nothing of it is in a built site.

use crate::diagnostics::{Diagnostic, Severity};
use crate::escape;

/// The server-sent events of reloads.
pub const EVENTS: &str = "/__diglot/events";
/// The live-reload script.
pub const SCRIPT: &str = "/__diglot/live.js";

/// Listens for reload events. A page reloads when the event names its URL (or every page,
/// `*`); a stylesheet change swaps the stylesheets in place; with `--follow`, the page goes
/// to the one just edited. The events' URL is relative, so it reaches the server the page
/// came from, whatever address it was bound to (`--bind 0.0.0.0` in a container).
pub const SCRIPT_BODY: &str = r#"(function () {
  var source = new EventSource("/__diglot/events");
  source.addEventListener("reload", function (e) {
    var change = JSON.parse(e.data);
    if (change.follow && change.follow !== location.pathname) {
      location.assign(change.follow);
      return;
    }
    var here = decodeURI(location.pathname);
    var mine = change.urls.some(function (u) { return u === "*" || decodeURI(u) === here; });
    if (mine) {
      location.reload();
    } else if (change.css) {
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
        var url = new URL(link.href);
        url.searchParams.set("diglot-reload", Date.now());
        link.href = url.toString();
      });
    }
  });
  document.addEventListener("click", function (e) {
    var close = e.target.closest && e.target.closest("[data-diglot-dismiss]");
    if (close) {
      var panel = document.getElementById(close.getAttribute("data-diglot-dismiss"));
      if (panel) panel.hidden = true;
    }
  });
})();
"#;

const STYLE: &str = "<style>#diglot-findings,#diglot-problem{position:fixed;right:1rem;bottom:1rem;\
max-width:min(40rem,90vw);max-height:50vh;overflow:auto;z-index:2147483647;background:#fff;\
color:#1b1b1b;border:2px solid #b00020;border-radius:6px;padding:.75rem 1rem;font:14px/1.4 system-ui,sans-serif;\
box-shadow:0 4px 16px rgba(0,0,0,.25)}#diglot-problem{left:1rem;top:1rem;bottom:auto;max-width:none}\
#diglot-findings ul{margin:.5rem 0 0;padding-left:1.2rem}#diglot-findings code,#diglot-problem pre{font-family:ui-monospace,monospace}\
#diglot-problem pre{white-space:pre-wrap;margin:.5rem 0 0}\
.diglot-dismiss{float:right;font:inherit;border:1px solid #767676;background:#f3f3f3;border-radius:4px;cursor:pointer}</style>";

/// The page with the script, its findings, and the error overlay (a problem that keeps the
/// site from rendering, or broken files with their source line) added before `</body>`.
pub fn inject(
    page: &[u8],
    findings: &[Diagnostic],
    broken: &[&Diagnostic],
    source_line: &dyn Fn(&Diagnostic) -> Option<String>,
    problem: Option<&str>,
) -> Vec<u8> {
    let mut added = String::from(STYLE);
    if problem.is_some() || !broken.is_empty() {
        let mut body = String::new();
        if let Some(problem) = problem {
            body.push_str(&format!(
                "<strong>diglot cannot show the site as it is now; this is the last good version.</strong>\
                 <pre>{}</pre>",
                escape::text(problem)
            ));
        }
        for d in broken {
            let excerpt = source_line(d)
                .map(|s| format!("\n  {} | {s}", d.line))
                .unwrap_or_default();
            body.push_str(&format!(
                "<pre>{}:{}:{}: {} [{}]{}</pre>",
                escape::text(&d.path),
                d.line,
                d.column,
                escape::text(&d.message),
                escape::text(d.code),
                escape::text(&excerpt)
            ));
        }
        added.push_str(&format!(
            "<div id=\"diglot-problem\" lang=\"en\" dir=\"ltr\" role=\"alert\"><button type=\"button\" class=\"diglot-dismiss\" \
             data-diglot-dismiss=\"diglot-problem\">Dismiss</button>{body}</div>"
        ));
    }
    if !findings.is_empty() {
        let items: String = findings
            .iter()
            .map(|d| {
                let level = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                };
                let help = d
                    .help
                    .as_deref()
                    .map(|h| format!("<br><small>help: {}</small>", escape::text(h)))
                    .unwrap_or_default();
                format!(
                    "<li>{level} <code>{}</code> line {}:{}: {}{help}</li>",
                    escape::text(d.code),
                    d.line,
                    d.column,
                    escape::text(&d.message)
                )
            })
            .collect();
        added.push_str(&format!(
            "<aside id=\"diglot-findings\" lang=\"en\" dir=\"ltr\" aria-label=\"Findings on this page\"><button type=\"button\" \
             class=\"diglot-dismiss\" data-diglot-dismiss=\"diglot-findings\">Dismiss</button>\
             <strong>{} finding{} in {}</strong><ul>{items}</ul></aside>",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" },
            escape::text(&findings[0].path),
        ));
    }
    added.push_str(&format!("<script src=\"{SCRIPT}\"></script>"));
    let text = String::from_utf8_lossy(page);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + added.len());
    out.push_str(&text[..at]);
    out.push_str(&added);
    out.push_str(&text[at..]);
    out.into_bytes()
}
