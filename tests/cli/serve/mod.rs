//! `mentorkit serve`, started as a user starts it (the real executable on a
//! copy of an example folder, port 0, the address read from stdout), and
//! spoken to over plain HTTP from std (no client crate): the guard, the
//! forms' in-place edits, two tablets signing in at once, and a real
//! browser through chromedriver.

mod agreement;
mod browser;
mod forms;
mod guard;
mod webdriver;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::support::{copy_tree, repo};

/// The day the example is counted to in these tests.
pub(crate) const TODAY: &str = "2016-05-01";

/// A running dashboard; stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub host: String,
    pub dir: PathBuf,
    _tmp: Option<tempfile::TempDir>,
}

impl Server {
    /// Serves a fresh copy of `examples/career-development`.
    pub(crate) fn example(extra: &[&str]) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("career");
        copy_tree(&repo().join("examples/career-development"), &dir);
        let mut s = Server::start(&dir, extra);
        s._tmp = Some(tmp);
        s
    }

    /// Serves `dir`, with `extra` arguments after `serve --port 0`.
    pub(crate) fn start(dir: &Path, extra: &[&str]) -> Server {
        Server::start_with(dir, extra, &[])
    }

    /// As `start`, with `env` set for the server.
    pub(crate) fn start_with(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        Server::start_on(dir, TODAY, extra, env)
    }

    /// A fresh copy of `examples/career-development`, counted to `today`.
    pub(crate) fn example_on(today: &str) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("career");
        copy_tree(&repo().join("examples/career-development"), &dir);
        let mut s = Server::start_on(&dir, today, &[], &[]);
        s._tmp = Some(tmp);
        s
    }

    /// As `start_with`, counted to `today`.
    fn start_on(dir: &Path, today: &str, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mentorkit"))
            .args([
                "-C",
                dir.to_str().unwrap(),
                "--today",
                today,
                "serve",
                "--port",
                "0",
            ])
            .args(extra)
            .envs(env.iter().copied())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim();
        let host = url
            .strip_prefix("http://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("serve printed {url:?}, not its address"))
            .to_string();
        Server {
            child,
            host,
            dir: dir.to_path_buf(),
            _tmp: None,
        }
    }

    /// `http://127.0.0.1:PORT` and `path`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.host)
    }

    pub(crate) fn get(&self, path: &str) -> Reply {
        request(&self.host, "GET", path, &[], None)
    }

    /// This run's form token, from a page.
    pub(crate) fn csrf(&self) -> String {
        let page = self.get("/").body;
        let at = page
            .find("data-csrf=\"")
            .expect("a page carries the form token")
            + 11;
        page[at..at + 32].to_string()
    }

    /// A form sent as the pages send it (with the form token unless `csrf` is empty).
    pub(crate) fn post(&self, path: &str, fields: &[(&str, &str)], csrf: &str) -> Reply {
        let mut form = form_urlencoded::Serializer::new(String::new());
        if !csrf.is_empty() {
            form.append_pair("csrf", csrf);
        }
        form.extend_pairs(fields.iter().copied());
        let body = form.finish();
        let origin = format!("http://{}", self.host);
        request(
            &self.host,
            "POST",
            path,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", &origin),
            ],
            Some(&body),
        )
    }

    /// `mentorkit check` passes on the folder served.
    pub(crate) fn check(&self) {
        crate::support::Test::new()
            .args(["-C", self.dir.to_str().unwrap(), "check"])
            .run()
            .ok();
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request on its own connection to `host` (always this
/// machine), with the Host header `host` unless `headers` names another.
pub(crate) fn request(
    host: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Reply {
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {host}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    let body = body.unwrap_or("");
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse(&raw)
}

fn parse(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer has a head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = unchunk(&body);
    }
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..end])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

/// The lines of `before` and `after` that differ, as a diff counts them
/// (the files keep their line count when one value changes).
pub(crate) fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len(), "lines were added or removed:\n{after}");
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}
