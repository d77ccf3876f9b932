//! The browser tests' hold on headless chromium: chromedriver started on a
//! free port, one W3C WebDriver session through fantoccini (plain HTTP to
//! the local driver, no TLS), and the few steps the tests take, each made
//! synchronous on a small runtime of the test's own and each waiting a
//! little for a page that is still changing.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// How long a step waits for the page to show what it looks for.
const PATIENCE: Duration = Duration::from_secs(10);

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
    runtime: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
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
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let mut b = Browser {
            runtime,
            client: None,
            driver,
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
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({"binary": chromium.to_str().unwrap(), "args": args}),
        );
        let client = b
            .runtime
            .block_on(
                ClientBuilder::new(HttpConnector::new())
                    .capabilities(caps)
                    .connect(&format!("http://127.0.0.1:{port}")),
            )
            .unwrap_or_else(|e| panic!("no browser session through chromedriver: {e}"));
        b.client = Some(client);
        b
    }

    fn client(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    /// Runs one WebDriver step to its end.
    fn run<T>(&self, step: impl std::future::Future<Output = T>) -> T {
        self.runtime.block_on(step)
    }

    pub(crate) fn goto(&self, url: &str) {
        self.run(self.client().goto(url))
            .unwrap_or_else(|e| panic!("opening {url}: {e}"));
    }

    pub(crate) fn url(&self) -> String {
        self.run(self.client().current_url()).unwrap().to_string()
    }

    /// The element `css` names, waiting a little for it.
    fn element(&self, css: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.run(self.client().find(Locator::Css(css))) {
                Ok(e) => return e,
                Err(e) if Instant::now() >= deadline => {
                    panic!("no element {css} on {}: {e}", self.url())
                }
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    pub(crate) fn click(&self, css: &str) {
        let e = self.element(css);
        self.run(e.click())
            .unwrap_or_else(|err| panic!("clicking {css}: {err}"));
    }

    /// Empties a field and types `text` into it, as a person would.
    pub(crate) fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.run(e.clear()).unwrap();
        self.run(e.send_keys(text)).unwrap();
    }

    /// Keys sent to the element `css` names (see `fantoccini::key::Key`).
    pub(crate) fn keys(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.run(e.send_keys(text))
            .unwrap_or_else(|err| panic!("typing into {css}: {err}"));
    }

    /// The text of the element `css` names as the page shows it (read in
    /// the page, so a page that has just changed gives no stale reference).
    pub(crate) fn text(&self, css: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
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

    /// Runs `script` in the page with `args` (a JSON array); what it returns.
    pub(crate) fn script(&self, script: &str, args: Value) -> Value {
        let args = match args {
            Value::Array(a) => a,
            other => vec![other],
        };
        self.run(self.client().execute(script, args))
            .unwrap_or_else(|e| panic!("script on {}: {e}", self.url()))
    }

    /// Waits a little for `ok` to hold of the text of `css`.
    pub(crate) fn wait_text(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
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

    /// A PNG of the whole page, saved to `path`: the window is made as
    /// tall as the page for the picture, then put back.
    pub(crate) fn screenshot(&self, path: &Path) {
        let height = self
            .script("return document.documentElement.scrollHeight;", json!([]))
            .as_u64()
            .unwrap_or(900)
            .clamp(600, 6000);
        let c = self.client();
        let (width, old_height) = self.run(c.get_window_size()).unwrap();
        let tall = u32::try_from(height + 140).unwrap();
        self.run(c.set_window_size(u32::try_from(width).unwrap(), tall))
            .unwrap();
        let png = self.run(c.screenshot()).unwrap();
        std::fs::write(path, png).unwrap();
        self.run(c.set_window_size(
            u32::try_from(width).unwrap(),
            u32::try_from(old_height).unwrap(),
        ))
        .unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let _ = self.runtime.block_on(client.close());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
