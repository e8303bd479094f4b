//! `diglot serve` over real HTTP on loopback: the real binary on a copy of the sample site,
//! edits made on disk as an editor makes them, and what a browser would fetch.

#![cfg(feature = "serve")]

#[path = "common/mod.rs"]
mod common;

use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::preview::{PATIENCE, Preview};

fn next_event(events: &mpsc::Receiver<String>) -> serde_json::Value {
    let data = events.recv_timeout(PATIENCE).expect("a reload event");
    serde_json::from_str(&data).expect("JSON event")
}

fn urls(event: &serde_json::Value) -> Vec<String> {
    event["urls"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

const PAGE: &str = "content/en-us/commerce/manage-partners.md";

#[test]
fn an_edit_reaches_its_page_and_the_event_names_only_the_pages_it_changed() {
    let server = Preview::start();
    let (status, before) = server.get("/en-us/commerce/manage-partners/");
    assert_eq!(status, 200);
    assert!(
        before.contains("/__diglot/live.js"),
        "the live script is in the page"
    );
    let events = server.events();
    let text = common::read(server.path(PAGE));
    std::fs::write(
        server.path(PAGE),
        format!("{text}\nA freshly saved line.\n"),
    )
    .expect("save");
    let event = next_event(&events);
    let changed = urls(&event);
    assert!(
        changed.contains(&"/en-us/commerce/manage-partners/".to_string()),
        "{event}"
    );
    assert!(
        !changed.contains(&"/en-us/commerce/working-with-solution-providers/".to_string()),
        "an unrelated page is not reloaded: {event}"
    );
    server.wait_for("/en-us/commerce/manage-partners/", |b| {
        b.contains("A freshly saved line.")
    });
    // Nothing was written to disk.
    assert!(!server.path("public").exists());
}

/// The French forms the served search index knows in the `zy` shard (none: `[]`).
fn french_forms_in_zy(server: &Preview) -> Vec<String> {
    let (status, meta) = server.get("/search/fr-fr/meta.json");
    assert_eq!(status, 200, "{meta}");
    let (status, shard) = server.get("/search/fr-fr/w/7a79.json");
    if status == 404 {
        return Vec::new();
    }
    let shard: serde_json::Value = serde_json::from_str(&shard).expect("JSON shard");
    shard["forms"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn the_preview_serves_a_search_index_that_follows_edits() {
    let server = Preview::start();
    assert!(french_forms_in_zy(&server).is_empty());
    let events = server.events();
    let page = server.path("content/fr-fr/commerce/manage-partners.md");
    let text = common::read(&page);
    std::fs::write(&page, format!("{text}\nUn mot tout neuf : zygomatique.\n")).expect("save");
    next_event(&events);
    assert_eq!(
        french_forms_in_zy(&server),
        ["zygomatique"],
        "the index was not made again after the edit"
    );
}

#[test]
fn an_editors_atomic_save_and_a_removal_are_seen() {
    let server = Preview::start();
    let page = server.path(PAGE);
    // Write a temporary file beside it, then rename it over the page (vim, VS Code…).
    let temp = page.with_extension("md.tmp~");
    let text = common::read(&page);
    std::fs::write(&temp, format!("{text}\nSaved atomically.\n")).expect("write");
    std::fs::rename(&temp, &page).expect("rename");
    server.wait_for("/en-us/commerce/manage-partners/", |b| {
        b.contains("Saved atomically.")
    });
    let other = server.path("content/en-us/commerce/working-with-solution-providers.md");
    std::fs::remove_file(&other).expect("remove");
    let started = Instant::now();
    while server
        .get("/en-us/commerce/working-with-solution-providers/")
        .0
        != 404
    {
        assert!(
            started.elapsed() < PATIENCE,
            "the removed page is still served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn each_page_shows_its_findings_and_a_broken_site_toml_keeps_the_last_good_site() {
    let server = Preview::start();
    // The French sample page has machine-translation defects the checker finds.
    let (_, page) = server.get("/fr-fr/commerce/manage-partners/");
    // The panel speaks English left to right, whatever the page's language and direction.
    assert!(
        page.contains("<aside id=\"diglot-findings\" lang=\"en\" dir=\"ltr\""),
        "the findings panel"
    );
    assert!(page.contains("fr-fr/commerce/manage-partners.md"));
    let site_toml = server.path("site.toml");
    let good = common::read(&site_toml);
    std::fs::write(&site_toml, format!("{good}\ntitle = [\n")).expect("break");
    let broken = server.wait_for("/en-us/", |b| b.contains("id=\"diglot-problem\""));
    assert!(broken.contains("<div id=\"diglot-problem\" lang=\"en\" dir=\"ltr\""));
    assert!(
        broken.contains("site.toml"),
        "the overlay names the file:\n{broken}"
    );
    assert!(
        broken.contains("<main"),
        "the last good page is still served"
    );
    std::fs::write(&site_toml, good).expect("fix");
    server.wait_for("/en-us/", |b| !b.contains("id=\"diglot-problem\""));
}

#[test]
fn no_request_leaves_the_site() {
    let server = Preview::start();
    let secret = server.site.path().join("secret.txt");
    std::fs::write(&secret, "CANARY-serve-outside").expect("secret");
    std::fs::write(
        server.path("content/en-us/note.txt"),
        "CANARY-serve-outside",
    )
    .expect("file");
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/en-us/..%5c..%5csecret.txt",
        "/en-us/%00/../../secret.txt",
        "/site.toml",
        "/content/en-us/commerce/manage-partners.md",
    ] {
        let (status, body) = server.get(target);
        assert!(status == 404 || status == 400, "{target}: {status}");
        assert!(
            !body.contains("CANARY") && !body.contains("root:x:0"),
            "{target}"
        );
    }
    // The site's own 404 page answers.
    let (status, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "{body}");
}

#[test]
fn a_taken_port_is_named_with_the_option_to_change_it() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let site = common::copy_site(&common::sample_site_dir());
    let out = Command::new(assert_cmd::cargo::cargo_bin("diglot"))
        .current_dir(site.path())
        .args(["serve", "--port", &port])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&port) && stderr.contains("--port"),
        "{stderr}"
    );
}

#[test]
fn a_template_change_reloads_the_pages_it_renders_even_in_a_folder_made_later() {
    // No templates folder at the start: it is made while the server runs.
    let site = common::copy_site(&common::sample_site_dir());
    std::fs::remove_dir_all(site.path().join("templates")).expect("rm templates");
    let server = Preview::start_in(site, &[]);
    let events = server.events();
    std::fs::create_dir_all(server.path("templates")).expect("mkdir");
    std::fs::write(
        server.path("templates/404.html"),
        "<!doctype html><html><body><main>Nothing here, says the site</main></body></html>",
    )
    .expect("write");
    // A template change loads the site again: every page is named.
    let event = next_event(&events);
    assert_eq!(urls(&event), ["*"], "{event}");
    server.wait_for("/no/such/page/", |b| {
        b.contains("Nothing here, says the site")
    });
    // Watched from now on: a second change reaches the page too.
    std::fs::write(
        server.path("templates/404.html"),
        "<!doctype html><html><body><main>Still nothing, says the site</main></body></html>",
    )
    .expect("write");
    server.wait_for("/no/such/page/", |b| {
        b.contains("Still nothing, says the site")
    });
}

#[test]
fn a_broken_model_shows_the_error_overlay_with_its_line_until_it_is_fixed() {
    let server = Preview::start();
    let model = server.path("content/_model/portals.yaml");
    let good = common::read(&model);
    std::fs::write(&model, format!("{good}\n  - id: [unclosed\n")).expect("break");
    let broken = server.wait_for("/en-us/", |b| b.contains("id=\"diglot-problem\""));
    assert!(
        broken.contains("_model/portals.yaml:"),
        "file:line:col:\n{broken}"
    );
    assert!(broken.contains("WF001"), "{broken}");
    // With the line it points at, cut from the model file's text.
    assert!(broken.contains(" | "), "the source line:\n{broken}");
    assert!(broken.contains("<main"), "the site is still served");
    std::fs::write(&model, good).expect("fix");
    server.wait_for("/en-us/", |b| !b.contains("id=\"diglot-problem\""));
}

#[test]
fn a_model_edit_re_runs_the_step_checks_of_the_articles_it_binds() {
    let server = Preview::start();
    let page = "/fr-fr/commerce/manage-partners/";
    let finding = "**la** is no UI string of fr-fr";
    let (_, before) = server.get(page);
    assert!(before.contains(finding), "the sample page's ST005 finding");
    // Give the model a UI string labelled `la`: the step names a known string now.
    let strings = server.path("content/_model/ui-strings.yaml");
    let text = common::read(&strings);
    std::fs::write(
        &strings,
        format!(
            "{text}  - id: test-la\n    kind: link\n    portal: admin-center\n    labels: {{en-us: The, fr-fr: la}}\n"
        ),
    )
    .expect("write");
    server.wait_for(page, |b| !b.contains(finding));
}

#[test]
fn a_toc_edit_reaches_every_sidebar_and_a_deleted_translation_falls_back() {
    let server = Preview::start();
    let toc = server.path("content/en-us/TOC.yml");
    let text = common::read(&toc);
    let renamed = text.replacen("name: ", "name: Renamed in the TOC, ", 1);
    assert_ne!(renamed, text);
    std::fs::write(&toc, renamed).expect("write");
    server.wait_for("/en-us/commerce/working-with-solution-providers/", |b| {
        b.contains("Renamed in the TOC")
    });
    std::fs::remove_file(server.path("content/fr-fr/commerce/manage-partners.md")).expect("remove");
    let fallback = server.wait_for("/fr-fr/commerce/manage-partners/", |b| {
        b.contains("notice fallback")
    });
    assert!(fallback.contains("<main"), "{fallback}");
}

#[test]
fn many_clients_at_once_slow_ones_and_a_huge_request_line_stop_no_one() {
    use std::io::Write;
    let server = Preview::start();
    // A client that never finishes its request, and one with a 1 MB request line.
    let mut slow = std::net::TcpStream::connect(&server.addr).expect("connect");
    slow.write_all(b"GET /en-us/ HTTP/1.1\r\nHost: x\r\n")
        .expect("half a request");
    let mut huge = std::net::TcpStream::connect(&server.addr).expect("connect");
    let _ = huge.write_all(format!("GET /{} HTTP/1.1\r\n", "a".repeat(1 << 20)).as_bytes());
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let threads: Vec<_> = (0..300)
            .map(|i| {
                let server = &server;
                s.spawn(move || {
                    let page = if i % 2 == 0 {
                        "/en-us/"
                    } else {
                        "/fr-fr/commerce/manage-partners/"
                    };
                    server.get(page).0
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("client"))
            .collect()
    });
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
    drop((slow, huge));
}

#[test]
fn memory_stays_flat_over_500_edits() {
    let server = Preview::start();
    let events = server.events();
    let page = server.path(PAGE);
    let text = common::read(&page);
    let mut after_warm_up = 0;
    for i in 0..500 {
        std::fs::write(&page, format!("{text}\nEdit number {i}.\n")).expect("save");
        // Each edit is rendered before the next one is saved.
        next_event(&events);
        if i == 49 {
            after_warm_up = server.rss_kib();
        }
    }
    let after = server.rss_kib();
    if after_warm_up > 0 {
        // Allocators keep some memory; a leak of even one page per edit would be far more.
        assert!(
            after < after_warm_up + 32 * 1024,
            "memory grew from {after_warm_up} KiB to {after} KiB over 450 edits"
        );
    }
}
