//! Headless Chromium driven over the Chrome DevTools Protocol: JSON commands on the page's
//! websocket. Real input events (mouse moves, clicks, Tab presses), so `:hover` and
//! `:focus` are the browser's own, not simulated by a script.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// The Chromium to run: `$DIGLOT_CHROMIUM`, else the first of the usual names on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DIGLOT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let exe = dir.join(name);
            if exe.is_file() {
                return Some(exe);
            }
        }
    }
    None
}

pub struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    page: WebSocket<TcpStream>,
    next_id: u64,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts headless Chromium with a fresh profile and connects to its first tab. A
    /// Chromium that has not opened its DevTools port after 45 s is killed and started once
    /// more: on a fresh machine the first starts build font caches, and two tests starting
    /// browsers side by side on two cores have both timed out there.
    pub fn launch(exe: &Path, width: u32, height: u32) -> Result<Browser, String> {
        match Browser::launch_once(exe, width, height) {
            Err(e) if e.contains("DevTools port") => Browser::launch_once(exe, width, height),
            other => other,
        }
    }

    fn launch_once(exe: &Path, width: u32, height: u32) -> Result<Browser, String> {
        let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                &format!("--window-size={width},{height}"),
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
        // Chromium writes its DevTools port into the profile once it listens.
        let port_file = profile.path().join("DevToolsActivePort");
        let port = wait_for(Duration::from_secs(45), || {
            let text = std::fs::read_to_string(&port_file).ok()?;
            text.lines().next()?.trim().parse::<u16>().ok()
        });
        let Some(port) = port else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("Chromium did not open its DevTools port within 45 s".into());
        };
        let ws_url = wait_for(Duration::from_secs(10), || page_socket_url(port))
            .ok_or("Chromium has no page target")?;
        let stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .map_err(|e| e.to_string())?;
        let (page, _) = tungstenite::client(ws_url.as_str(), stream)
            .map_err(|e| format!("websocket to {ws_url}: {e}"))?;
        let mut browser = Browser {
            child,
            _profile: profile,
            page,
            next_id: 0,
        };
        browser.call("Page.enable", json!({}))?;
        browser.call("Runtime.enable", json!({}))?;
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(browser)
    }

    /// Sends a command and waits for its answer (events in between are skipped).
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"id": id, "method": method, "params": params}).to_string();
        self.page
            .send(Message::text(message))
            .map_err(|e| format!("{method}: {e}"))?;
        loop {
            let reply = self.page.read().map_err(|e| format!("{method}: {e}"))?;
            let Message::Text(text) = reply else { continue };
            let value: Value = serde_json::from_str(text.as_str()).map_err(|e| e.to_string())?;
            if value["id"].as_u64() != Some(id) {
                continue;
            }
            if let Some(error) = value.get("error") {
                return Err(format!("{method}: {error}"));
            }
            return Ok(value["result"].clone());
        }
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("`{expression}` threw: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Loads `url` and waits until the page and its scripts have run.
    pub fn open(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}))
            .unwrap_or_else(|e| panic!("{e}"));
        let loaded = wait_for(Duration::from_secs(15), || {
            let state = self.eval("location.href + ' ' + document.readyState");
            (state.as_str()? == format!("{url} complete")).then_some(())
        });
        assert!(loaded.is_some(), "{url} did not finish loading");
    }

    /// The centre of the first element matching `css`, scrolled into view.
    pub fn centre_of(&mut self, css: &str) -> (f64, f64) {
        let js = format!(
            "(() => {{ const e = document.querySelector({css:?}); e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        );
        let at = self.eval(&js);
        (at[0].as_f64().expect("x"), at[1].as_f64().expect("y"))
    }

    pub fn mouse_move(&mut self, (x, y): (f64, f64)) {
        self.mouse("mouseMoved", x, y);
    }

    pub fn click(&mut self, (x, y): (f64, f64)) {
        self.mouse("mouseMoved", x, y);
        self.mouse("mousePressed", x, y);
        self.mouse("mouseReleased", x, y);
    }

    fn mouse(&mut self, kind: &str, x: f64, y: f64) {
        let mut params = json!({"type": kind, "x": x, "y": y});
        if kind != "mouseMoved" {
            params["button"] = json!("left");
            params["clickCount"] = json!(1);
        }
        self.call("Input.dispatchMouseEvent", params)
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// One press of the Tab key.
    pub fn tab(&mut self) {
        self.key("Tab");
    }

    /// One press of the Enter key (on a focused button: a click).
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub fn enter(&mut self) {
        self.key("Enter");
    }

    /// One press of a named key: Tab, Enter, Escape, ArrowRight, ArrowLeft, ArrowDown, ArrowUp.
    pub fn key(&mut self, key: &str) {
        let (code, text) = match key {
            "Tab" => (9, ""),
            "Enter" => (13, "\r"),
            "Escape" => (27, ""),
            "ArrowLeft" => (37, ""),
            "ArrowUp" => (38, ""),
            "ArrowRight" => (39, ""),
            "ArrowDown" => (40, ""),
            other => panic!("no key code for {other}"),
        };
        let down = if text.is_empty() {
            "rawKeyDown"
        } else {
            "keyDown"
        };
        for (kind, text) in [(down, text), ("keyUp", "")] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code, "text": text}),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
    }

    /// Types text into the focused element, as a keyboard would.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Saves what the viewport shows as a PNG.
    pub fn screenshot(&mut self, path: &Path) {
        let shot = self
            .call("Page.captureScreenshot", json!({"format": "png"}))
            .unwrap_or_else(|e| panic!("{e}"));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("png data"))
            .expect("base64");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(path, bytes).expect("write screenshot");
    }
}

/// The websocket URL of the browser's first page target, from its `/json/list`.
fn page_socket_url(port: u16) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    // The DevTools server keeps the connection open: read as far as Content-Length says.
    let mut response = Vec::new();
    let mut chunk = [0u8; 4096];
    let body = loop {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        response.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&response);
        let Some((head, body)) = text.split_once("\r\n\r\n") else {
            continue;
        };
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().ok())?
            })
            .unwrap_or(usize::MAX);
        if body.len() >= length {
            break body.to_string();
        }
    };
    let targets: Value = serde_json::from_str(&body).ok()?;
    targets.as_array()?.iter().find(|t| t["type"] == "page")?["webSocketDebuggerUrl"]
        .as_str()
        .map(str::to_string)
}

/// Polls `probe` every 50 ms until it gives a value or `limit` passes.
pub fn wait_for<T>(limit: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(v) = probe() {
            return Some(v);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
