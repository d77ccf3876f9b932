//! Just enough of the W3C WebDriver protocol to drive headless chromium
//! through chromedriver: a session, navigation, finding and clicking
//! elements, typing, reading text, waiting, screenshots. It speaks HTTP on
//! std with serde_json, so the browser tests add no client crate to the
//! build (a WebDriver client crate would add some fifty).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The key W3C WebDriver gives an element reference under.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A program on PATH (or at one of Debian's paths).
pub(crate) fn find(names: &[&str]) -> Option<PathBuf> {
    for name in names {
        for dir in ["/usr/bin", "/usr/lib/chromium", "/usr/local/bin"] {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        let found = Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {name}"))
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// chromedriver, and one browser session through it; both end on drop.
pub(crate) struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// Starts chromedriver and a headless chromium `width` by `height`.
    pub(crate) fn start(driver: &Path, chromium: &Path, width: u32, height: u32) -> Browser {
        let port = free_port();
        // Its output is not read: it is ready when its port answers.
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let mut b = Browser {
            driver: child,
            port,
            session: String::new(),
            _profile: profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let args = [
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--hide-scrollbars".into(),
            format!("--user-data-dir={}", b._profile.path().display()),
            format!("--window-size={width},{height}"),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.to_str().unwrap(), "args": args}
        }}});
        let v = b.call("POST", "/session", Some(caps));
        b.session = v["sessionId"].as_str().unwrap().to_string();
        b
    }

    /// One WebDriver command; its `value`.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(90))).unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.port,
            body.len()
        );
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body.as_bytes()).unwrap();
        let text = read_answer(&mut s);
        let v: Value = serde_json::from_str(text.trim()).unwrap_or_else(|e| {
            panic!("chromedriver answered {method} {path} with no JSON ({e}): {text}")
        });
        if let Some(err) = v["value"]["error"].as_str() {
            panic!(
                "WebDriver {method} {path}: {err}: {}",
                v["value"]["message"]
            );
        }
        v["value"].clone()
    }

    fn at(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    pub(crate) fn goto(&self, url: &str) {
        self.call("POST", &self.at("/url"), Some(json!({ "url": url })));
    }

    pub(crate) fn url(&self) -> String {
        self.call("GET", &self.at("/url"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The element `css` names, waiting up to ten seconds for it.
    pub(crate) fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = self.script(
                "return document.querySelector(arguments[0]) !== null;",
                json!([css]),
            );
            if v.as_bool() == Some(true) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no element {css} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let v = self.call(
            "POST",
            &self.at("/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    pub(crate) fn click(&self, css: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &self.at(&format!("/element/{e}/click")),
            Some(json!({})),
        );
    }

    /// Empties a field and types `text` into it, as a person would.
    pub(crate) fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &self.at(&format!("/element/{e}/clear")),
            Some(json!({})),
        );
        self.call(
            "POST",
            &self.at(&format!("/element/{e}/value")),
            Some(json!({ "text": text })),
        );
    }

    /// Keys sent to the element `css` names (`\u{e004}` is Tab, `\u{e007}` Enter).
    pub(crate) fn keys(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &self.at(&format!("/element/{e}/value")),
            Some(json!({ "text": text })),
        );
    }

    /// The text of the element `css` names as the page shows it (read in
    /// the page, so a page that has just changed gives no stale reference).
    pub(crate) fn text(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = self.script(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
                json!([css]),
            );
            if let Some(t) = v.as_str() {
                return t.trim().to_string();
            }
            assert!(
                Instant::now() < deadline,
                "no element {css} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub(crate) fn script(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            &self.at("/execute/sync"),
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits up to ten seconds for `ok` to hold of the text of `css`.
    pub(crate) fn wait_text(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let t = self.text(css);
            if ok(&t) {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "{css} still reads {t:?} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the whole page, saved to `path`.
    pub(crate) fn screenshot(&self, path: &Path) {
        let height = self
            .script("return document.documentElement.scrollHeight;", json!([]))
            .as_u64()
            .unwrap_or(900)
            .clamp(600, 6000);
        let rect = self.call("GET", &self.at("/window/rect"), None);
        self.call(
            "POST",
            &self.at("/window/rect"),
            Some(json!({"width": rect["width"], "height": height + 140})),
        );
        let b64 = self.call("GET", &self.at("/screenshot"), None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap())
            .unwrap();
        std::fs::write(path, png).unwrap();
        self.call("POST", &self.at("/window/rect"), Some(rect));
    }
}

/// The body of one answer: read up to its Content-Length, since
/// chromedriver may keep the connection open.
fn read_answer(s: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if let Some(len) = len
                && raw.len() >= end + 4 + len
            {
                return String::from_utf8_lossy(&raw[end + 4..end + 4 + len]).into_owned();
            }
        }
        let n = s.read(&mut buf).unwrap();
        if n == 0 {
            let end = raw
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .map_or(0, |e| e + 4);
            return String::from_utf8_lossy(&raw[end..]).into_owned();
        }
        raw.extend_from_slice(&buf[..n]);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let at = self.at("");
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.call("DELETE", &at, None)
            }));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
