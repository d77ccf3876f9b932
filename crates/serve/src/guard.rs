//! What every request passes before a page sees it: the Host must be the
//! address served (a page on another site cannot reach us through DNS
//! rebinding), the token must come with it when there is one, a change must
//! come from our own pages (the Origin, and a form token made fresh for each
//! run, checked by the form reader) and is refused outright under
//! `--read-only`; every answer says not to cache it, frame it elsewhere or
//! load anything from another site.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

use crate::error::{Error, Result, ServeMiss};
use crate::site::{self, Templates};

/// The cookie that carries the token after the first visit.
const TOKEN_COOKIE: &str = "mentorkit_token";

/// What every request shares: the options as checked, this run's form
/// token, and the page templates.
pub(crate) struct Shared {
    pub root: PathBuf,
    pub read_only: bool,
    pub token: Option<String>,
    /// The form token of this run (CSRF).
    pub csrf: String,
    pub port: u16,
    /// `127.0.0.1:8017`, as the address is printed.
    pub served: String,
    /// Host header values accepted, lowercase.
    hosts: Vec<String>,
    /// Bound to every address (0.0.0.0 or ::): any address literal with our
    /// port is a Host we serve; a name is not.
    any_address: bool,
    pub today: Option<NaiveDate>,
    pub templates: Templates,
    /// Records parsed by earlier requests, used while their files are unchanged.
    pub cache: crate::store::cache::Cache,
}

impl Shared {
    pub(crate) fn new(options: crate::Options, local: SocketAddr) -> Result<Shared> {
        let port = local.port();
        let ip = local.ip();
        let literal = |ip: IpAddr| match ip {
            IpAddr::V4(v4) => format!("{v4}:{port}"),
            IpAddr::V6(v6) => format!("[{v6}]:{port}"),
        };
        let mut hosts = vec![literal(ip)];
        if ip.is_loopback() {
            hosts.push(format!("localhost:{port}"));
        }
        Ok(Shared {
            root: options.root,
            read_only: options.read_only,
            token: options.token,
            csrf: fresh_token()?,
            port,
            served: literal(ip),
            hosts,
            any_address: ip.is_unspecified(),
            today: options.today,
            templates: Templates::new()?,
            cache: crate::store::cache::Cache::new(),
        })
    }

    /// Whether a Host header names the address served.
    pub(crate) fn host_ok(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        if self.hosts.contains(&host) {
            return true;
        }
        self.any_address
            && host
                .parse::<SocketAddr>()
                .is_ok_and(|a| a.port() == self.port)
    }

    /// Whether `given` is the token (compared in time that does not depend
    /// on where they differ).
    fn token_is(&self, given: &str) -> bool {
        self.token
            .as_deref()
            .is_some_and(|t| same(t.as_bytes(), given.as_bytes()))
    }

    /// Whether a form's token is this run's.
    pub(crate) fn csrf_is(&self, given: &str) -> bool {
        same(self.csrf.as_bytes(), given.as_bytes())
    }
}

/// Equal bytes, compared without an early exit.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 128 random bits in hex, from the operating system.
fn fresh_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Bug(format!("no random numbers from the system: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The middleware: host, token, origin, read-only; then the headers.
pub(crate) async fn check(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = match admit(&shared, &request) {
        Admit::Pass => next.run(request).await,
        Admit::SetCookie(location) => token_redirect(&shared, &location),
        Admit::Refuse(miss) => site::refusal(&shared, &Error::Serve(miss), wants_json(&request)),
    };
    secure(response.headers_mut());
    response
}

enum Admit {
    Pass,
    /// The token came in the query: keep it in a cookie and go to this
    /// address without it.
    SetCookie(String),
    Refuse(ServeMiss),
}

fn admit(shared: &Shared, request: &Request) -> Admit {
    let headers = request.headers();
    let host = header_str(headers, header::HOST).unwrap_or("");
    if !shared.host_ok(host) {
        return Admit::Refuse(ServeMiss::Host {
            host: host.chars().take(100).collect(),
            served: shared.served.clone(),
        });
    }
    if shared.token.is_some() {
        let query = request.uri().query().unwrap_or("");
        let in_query = form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v.into_owned());
        let carried = bearer(headers).or_else(|| cookie(headers, TOKEN_COOKIE));
        match (carried, in_query) {
            (Some(t), _) if shared.token_is(&t) => {}
            (_, Some(t)) if shared.token_is(&t) && request.method() == Method::GET => {
                return Admit::SetCookie(without_token(request.uri()));
            }
            _ => return Admit::Refuse(ServeMiss::Token),
        }
    }
    let changes = !matches!(*request.method(), Method::GET | Method::HEAD);
    if changes {
        if shared.read_only {
            return Admit::Refuse(ServeMiss::ReadOnly);
        }
        let from_us = header_str(headers, header::ORIGIN)
            .is_none_or(|o| o.eq_ignore_ascii_case(&format!("http://{host}")));
        let cross = header_str(headers, "sec-fetch-site").is_some_and(|s| s == "cross-site");
        if !from_us || cross {
            return Admit::Refuse(ServeMiss::Csrf);
        }
    }
    Admit::Pass
}

fn header_str<K: header::AsHeaderName>(headers: &HeaderMap, key: K) -> Option<&str> {
    headers.get(key).and_then(|v| v.to_str().ok())
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    header_str(headers, header::AUTHORIZATION)
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The request's path and query, less `token=…`.
fn without_token(uri: &axum::http::Uri) -> String {
    let rest: Vec<(String, String)> = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .filter(|(k, _)| k != "token")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut out = uri.path().to_string();
    if !rest.is_empty() {
        out.push('?');
        out.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(rest)
                .finish(),
        );
    }
    out
}

fn token_redirect(shared: &Shared, location: &str) -> Response {
    let token = shared.token.as_deref().unwrap_or("");
    let cookie = format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let (Ok(loc), Ok(c)) = (
        HeaderValue::from_str(location),
        HeaderValue::from_str(&cookie),
    ) {
        r.headers_mut().insert(header::LOCATION, loc);
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    r
}

/// Whether the page's script asked (it wants JSON, not a page).
pub(crate) fn wants_json(request: &Request) -> bool {
    header_str(request.headers(), header::ACCEPT).is_some_and(|a| a.contains("application/json"))
}

/// Headers on every answer: nothing from other sites, no framing by
/// them, no caching, no guessing of types, no referrer to other sites
/// (`same-origin`, not `no-referrer`: under that a browser sends `Origin:
/// null` with our own forms).
fn secure(headers: &mut HeaderMap) {
    let set = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(bind: &str, token: Option<&str>) -> Shared {
        let mut o = crate::Options::new(PathBuf::from("."));
        o.token = token.map(str::to_string);
        Shared::new(o, bind.parse().unwrap()).unwrap()
    }

    #[test]
    fn only_the_address_served_is_a_host() {
        let s = shared("127.0.0.1:8017", None);
        assert!(s.host_ok("127.0.0.1:8017"));
        assert!(s.host_ok("LOCALHOST:8017"));
        assert!(!s.host_ok("127.0.0.1:8018"));
        assert!(!s.host_ok("evil.example:8017"));
        assert!(!s.host_ok(""));
        let any = shared("0.0.0.0:9000", Some("abcdefghijklmnop"));
        assert!(any.host_ok("192.0.2.7:9000"));
        assert!(!any.host_ok("rebind.example:9000"));
        let v6 = shared("[::1]:8017", None);
        assert!(v6.host_ok("[::1]:8017"));
    }

    #[test]
    fn tokens_compare_whole() {
        let s = shared("127.0.0.1:1", Some("abcdefghijklmnop"));
        assert!(s.token_is("abcdefghijklmnop"));
        assert!(!s.token_is("abcdefghijklmno"));
        assert!(!s.token_is("abcdefghijklmnoq"));
        assert_eq!(s.csrf.len(), 32);
        assert!(s.csrf_is(&s.csrf.clone()));
        assert!(!s.csrf_is(""));
    }

    #[test]
    fn the_token_leaves_the_address() {
        let uri: axum::http::Uri = "/people?token=x&department=IT".parse().unwrap();
        assert_eq!(without_token(&uri), "/people?department=IT");
        let uri: axum::http::Uri = "/?token=x".parse().unwrap();
        assert_eq!(without_token(&uri), "/");
    }
}
