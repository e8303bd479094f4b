//! `diglot serve`: the site rendered in memory by an [`Engine`], served over HTTP with live
//! reload. Nothing is written to disk.
//!
//! One thread owns the engine: it takes the watcher's batches of changed files, applies
//! them, and publishes an immutable [`Snapshot`] of the rendered site (a `watch` channel, so
//! requests never wait on a render and no lock is shared). Each batch's changed pages go to
//! the browsers as one server-sent event naming their URLs; a page reloads only if it is
//! named, and a stylesheet change swaps the stylesheet without a reload.

mod live;
mod paths;
mod watch;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, oneshot, watch as tokio_watch};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::diagnostics::{Diagnostic, Snippet};
use crate::engine::{Engine, Files, FindingsByFile, Served};

/// What a page whose template failed shows under its error overlay.
const EMPTY_PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>diglot</title></head><body></body></html>";

/// What `diglot serve` was asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub content: Option<PathBuf>,
    /// `--title`: kept across reloads of the site.
    pub title: Option<String>,
    pub bind: std::net::IpAddr,
    pub port: u16,
    /// Take the open browser to the page just edited.
    pub follow: bool,
}

/// Findings that mean a file is broken, not just imperfect: YAML, a model file, a TOC or a
/// template that does not parse. They show as the error overlay, with their source line.
const BROKEN: &[&str] = &["FM002", "WF001", "TC003", "RN001"];

/// The site as the server shows it at one moment: what is rendered, what exists, and the
/// findings. A page not rendered yet is asked of the engine's thread ([`Job::Render`]).
pub struct Snapshot {
    cached: Files,
    outputs: Arc<BTreeSet<String>>,
    views: Arc<BTreeMap<String, String>>,
    /// Findings by content path (`fr-fr/x.md`).
    findings: Arc<FindingsByFile>,
    /// Broken files that are no page's own (the model, TOCs, templates): on every page.
    broken_everywhere: Vec<Diagnostic>,
    /// Output path of a page → the content path it shows.
    sources: Arc<BTreeMap<String, String>>,
    /// The source line of each broken-file finding (path, line), cut while the engine's
    /// texts are at hand: the overlay shows it.
    source_lines: Arc<HashMap<(String, u32), String>>,
    problem: Option<String>,
}

impl Snapshot {
    fn of(engine: &Engine) -> Snapshot {
        let findings = engine.findings_by_file();
        let sources = engine.sources();
        let broken: Vec<&Diagnostic> = findings
            .values()
            .flat_map(|f| f.iter())
            .filter(|d| BROKEN.contains(&d.code))
            .collect();
        let site = engine.site();
        let source_lines = broken
            .iter()
            .filter(|d| !d.whole_file)
            .filter_map(|d| {
                let file = site.file_of(&d.path)?;
                let snippet = Snippet::at(file, d.line, d.column);
                Some(((d.path.clone(), d.line), snippet.text))
            })
            .collect();
        let broken_everywhere = if broken.is_empty() {
            Vec::new()
        } else {
            let pages: BTreeSet<&String> = sources.values().collect();
            broken
                .into_iter()
                .filter(|d| !pages.contains(&d.path))
                .cloned()
                .collect()
        };
        Snapshot {
            cached: engine.cached().clone(),
            outputs: engine.outputs(),
            views: engine.views(),
            findings,
            broken_everywhere,
            sources,
            source_lines: Arc::new(source_lines),
            problem: engine.problem().map(str::to_string),
        }
    }

    /// Whether the site may have an output there (the search index's files are made when
    /// the first is asked for: the engine says whether they exist).
    fn has(&self, out: &str) -> bool {
        self.outputs.contains(out)
            || self.views.contains_key(out)
            || crate::render::is_search_file(out)
    }
}

/// What the engine's thread is asked to do.
enum Job {
    /// Files changed on disk (a watcher's batch).
    Changed(Vec<PathBuf>),
    /// Render an output not in the snapshot yet.
    Render(String, oneshot::Sender<Option<Served>>),
}

/// A reload event: the URLs whose pages changed, and where an edit happened.
#[derive(Clone, Debug, serde::Serialize)]
struct Reload {
    urls: Vec<String>,
    css: bool,
    follow: Option<String>,
}

#[derive(Clone)]
struct Shared {
    site: tokio_watch::Receiver<Arc<Snapshot>>,
    reloads: broadcast::Sender<Reload>,
    jobs: mpsc::Sender<Job>,
}

/// Why the server could not run.
#[derive(Debug)]
pub enum ServeError {
    /// The site could not be loaded at all.
    Site(String),
    /// The address is taken or not ours.
    Bind(SocketAddr, std::io::Error),
    Io(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Site(e) => f.write_str(e),
            ServeError::Bind(addr, e) if e.kind() == std::io::ErrorKind::AddrInUse => write!(
                f,
                "port {} is already in use on {}: choose another with --port",
                addr.port(),
                addr.ip()
            ),
            ServeError::Bind(addr, e) => {
                write!(f, "cannot listen on {addr}: {e} (see --bind, --port)")
            }
            ServeError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Loads the site, binds, prints the address, and serves until interrupted.
pub fn run(options: &Options, announce: &dyn Fn(&str)) -> Result<(), ServeError> {
    let started = std::time::Instant::now();
    let engine = Engine::load(
        &options.root,
        options.content.as_deref(),
        options.title.as_deref(),
    )
    .map_err(ServeError::Site)?;
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(addr).map_err(|e| ServeError::Bind(addr, e))?;
    listener.set_nonblocking(true).map_err(ServeError::Io)?;
    let local = listener.local_addr().map_err(ServeError::Io)?;
    let (site_tx, site_rx) = tokio_watch::channel(Arc::new(Snapshot::of(&engine)));
    let (reload_tx, _) = broadcast::channel(64);
    let watched = watch::Watched::of(&options.root, options.content.as_deref());
    let changes = watch::start(&watched).map_err(ServeError::Io)?;
    let (jobs_tx, jobs) = mpsc::channel();
    {
        let jobs_tx = jobs_tx.clone();
        std::thread::spawn(move || {
            while let Ok(batch) = changes.recv() {
                if jobs_tx.send(Job::Changed(batch)).is_err() {
                    break;
                }
            }
        });
    }
    {
        let reloads = reload_tx.clone();
        let follow = options.follow;
        std::thread::spawn(move || keep_current(engine, jobs, site_tx, reloads, follow));
    }
    if std::env::var_os("DIGLOT_TIMINGS").is_some() {
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "timings: ready to serve after {:.0}ms",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    announce(&format!("http://{local}/"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Io)?;
    runtime
        .block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let shared = Shared {
                site: site_rx,
                reloads: reload_tx,
                jobs: jobs_tx,
            };
            let app = Router::new()
                .route(live::EVENTS, get(events))
                .route(live::SCRIPT, get(script))
                .fallback(page)
                .with_state(shared);
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        })
        .map_err(ServeError::Io)
}

/// The engine's thread: each batch of changes applied, a new snapshot published, and the
/// changed URLs sent to the browsers; pages not rendered yet rendered when asked for.
fn keep_current(
    mut engine: Engine,
    jobs: mpsc::Receiver<Job>,
    site: tokio_watch::Sender<Arc<Snapshot>>,
    reloads: broadcast::Sender<Reload>,
    follow: bool,
) {
    let timings = std::env::var_os("DIGLOT_TIMINGS").is_some();
    // Pages rendered since the last snapshot: published once no job waits.
    let mut rendered = false;
    loop {
        let job = match jobs.try_recv() {
            Ok(job) => job,
            Err(mpsc::TryRecvError::Disconnected) => return,
            Err(mpsc::TryRecvError::Empty) => {
                if std::mem::take(&mut rendered) {
                    let _ = site.send(Arc::new(Snapshot::of(&engine)));
                }
                match jobs.recv() {
                    Ok(job) => job,
                    Err(_) => return,
                }
            }
        };
        let batch = match job {
            Job::Render(out, reply) => {
                // A template function or filter that panics must not take the server down.
                let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    engine.render(&out)
                }))
                .unwrap_or_else(|_| {
                    Some(Served::Error(format!(
                        "rendering {out} failed unexpectedly (a bug in diglot): see the server's output"
                    )))
                });
                // A page rendered or failed: the snapshot shows it, with its findings.
                rendered |= matches!(served, Some(Served::Found(_) | Served::Failed(_)));
                let _ = reply.send(served);
                continue;
            }
            Job::Changed(batch) => batch,
        };
        let started = std::time::Instant::now();
        let update = engine.changed(&batch);
        let changed_at = started.elapsed();
        let _ = site.send(Arc::new(Snapshot::of(&engine)));
        rendered = false;
        if timings {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "timings: {} changed files: engine {:.1}ms, snapshot {:.1}ms; {} outputs changed",
                batch.len(),
                changed_at.as_secs_f64() * 1e3,
                (started.elapsed() - changed_at).as_secs_f64() * 1e3,
                if update.all {
                    "all".to_string()
                } else {
                    update.changed.len().to_string()
                }
            );
        }
        let css = update.all || update.changed.iter().any(|p| p.ends_with(".css"));
        let mut urls: Vec<String> = update
            .changed
            .iter()
            .filter(|p| p.ends_with(".html"))
            .map(|p| paths::url_of(p))
            .collect();
        if update.all || engine.problem().is_some() {
            // Every page shows the problem, or may have changed: all reload.
            urls = vec!["*".to_string()];
        }
        let follow = follow
            .then(|| update.edited.as_deref().and_then(|e| page_of(&engine, e)))
            .flatten();
        if !urls.is_empty() || css {
            let _ = reloads.send(Reload { urls, css, follow });
        }
    }
}

/// The URL of the page that shows the content file `edited` in its own locale.
fn page_of(engine: &Engine, edited: &str) -> Option<String> {
    let (locale, rel) = edited.split_once('/')?;
    let file = format!(
        "{locale}/{}index.html",
        crate::markdown::links::page_dir(rel)
    );
    engine.has(&file).then(|| paths::url_of(&file))
}

async fn events(State(shared): State<Shared>) -> impl IntoResponse {
    let stream = BroadcastStream::new(shared.reloads.subscribe()).filter_map(|r| {
        let reload = r.ok()?;
        let data = serde_json::to_string(&reload).ok()?;
        Some(Ok::<_, std::convert::Infallible>(
            Event::default().event("reload").data(data),
        ))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        live::SCRIPT_BODY,
    )
}

/// The bytes of an output: from the snapshot, or rendered by the engine's thread.
async fn output(shared: &Shared, snapshot: &Snapshot, out: &str) -> Option<Served> {
    if let Some(bytes) = snapshot.cached.get(out) {
        return Some(Served::Found(bytes.clone()));
    }
    let (reply, answer) = oneshot::channel();
    shared.jobs.send(Job::Render(out.to_string(), reply)).ok()?;
    answer.await.ok().flatten()
}

async fn page(State(shared): State<Shared>, request: Request) -> Response {
    let snapshot = shared.site.borrow().clone();
    let raw = request.uri().path();
    let found = paths::resolve(raw, |p| snapshot.has(p));
    let (status, file) = match found {
        paths::Found::File(file) => (StatusCode::OK, file),
        paths::Found::Folder => {
            let mut to = raw.to_string();
            to.push('/');
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response();
        }
        paths::Found::Nothing => (StatusCode::NOT_FOUND, "404.html".to_string()),
    };
    let kind = paths::content_type(&file);
    let findings = snapshot
        .sources
        .get(&file)
        .and_then(|source| snapshot.findings.get(source))
        .map_or(&[][..], |f| &f[..]);
    let mut problem = snapshot.problem.clone();
    let mut failed = None;
    let (status, bytes) = match output(&shared, &snapshot, &file).await {
        Some(Served::Found(bytes)) => (status, bytes),
        Some(Served::Failed(d)) => {
            failed = Some(d);
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Arc::from(EMPTY_PAGE.as_bytes()),
            )
        }
        Some(Served::Error(e)) => {
            problem = Some(e);
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Arc::from(EMPTY_PAGE.as_bytes()),
            )
        }
        None => return (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    let broken: Vec<&Diagnostic> = snapshot
        .broken_everywhere
        .iter()
        .chain(findings.iter().filter(|d| BROKEN.contains(&d.code)))
        .chain(failed.iter().filter(|d| !findings.contains(d)))
        .collect();
    let body = if kind.starts_with("text/html") {
        let source_line = |d: &Diagnostic| {
            snapshot
                .source_lines
                .get(&(d.path.clone(), d.line))
                .cloned()
        };
        live::inject(&bytes, findings, &broken, &source_line, problem.as_deref())
    } else {
        bytes.to_vec()
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
