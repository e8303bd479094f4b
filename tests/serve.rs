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
    assert!(
        page.contains("id=\"diglot-findings\""),
        "the findings panel"
    );
    assert!(page.contains("fr-fr/commerce/manage-partners.md"));
    let site_toml = server.path("site.toml");
    let good = common::read(&site_toml);
    std::fs::write(&site_toml, format!("{good}\ntitle = [\n")).expect("break");
    let broken = server.wait_for("/en-us/", |b| b.contains("id=\"diglot-problem\""));
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
fn a_template_change_reloads_the_pages_it_renders() {
    let site = common::copy_site(&common::sample_site_dir());
    std::fs::create_dir_all(site.path().join("templates")).expect("mkdir");
    let server = Preview::start_in(site, &[]);
    let events = server.events();
    std::fs::write(
        server.path("templates/404.html"),
        "<!doctype html><html><body><main>Nothing here, says the site</main></body></html>",
    )
    .expect("write");
    let event = next_event(&events);
    assert!(urls(&event).contains(&"/404.html".to_string()), "{event}");
    let (status, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Nothing here, says the site"), "{body}");
}
