//! `mentorkit serve`: the program folder as a local web dashboard. Every
//! page reads the folder from disk at its request and derives the cohort
//! through the one model (`logic::cohort`), so it shows what `report` and
//! `progress` print; every change goes through the store under the folder
//! lock, with the same in-place edits as the commands. The HTML is rendered
//! on the server by tera with the reports' escaping and works without
//! JavaScript. This is the only crate that builds an HTTP stack.
//!
//! Layers: [`Options`] (checked before anything listens) → `guard` (host,
//! token, form token, read-only, headers) → `app` (routes) → `pages` (what
//! each page shows) and `writes` (what each form changes) → `site` (the
//! folder as one request sees it, and the templates).

use mentorkit_logic as logic;
use mentorkit_matching as matching;
use mentorkit_model as model;
use mentorkit_model::error;
use mentorkit_render as render;
use mentorkit_store as store;

mod app;
mod evidence;
mod form;
mod guard;
mod pages;
mod site;
mod whatif;
mod writes;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::error::{Error, Result, ServeMiss};

/// The shortest token `--token` takes.
pub const MIN_TOKEN: usize = 16;

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The program folder.
    pub root: PathBuf,
    /// The address to listen on (127.0.0.1 unless `--bind`).
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Refuse every change.
    pub read_only: bool,
    /// A secret every request must carry (required off this machine).
    pub token: Option<String>,
    /// `--today`: the day figures are counted to, for reproducible pages.
    pub today: Option<NaiveDate>,
}

impl Options {
    /// The defaults: 127.0.0.1, port 8017, writes allowed, no token.
    pub fn new(root: PathBuf) -> Options {
        Options {
            root,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8017,
            read_only: false,
            token: None,
            today: None,
        }
    }

    /// Refuses what must not start: an address off this machine without a
    /// token, or a token that is short or would change in a URL.
    pub fn check(&self) -> Result<()> {
        if let Some(t) = &self.token {
            let ok = t.len() >= MIN_TOKEN
                && t.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok {
                return Err(Error::Serve(ServeMiss::WeakToken { min: MIN_TOKEN }));
            }
        }
        if !self.bind.is_loopback() && self.token.is_none() {
            return Err(Error::Serve(ServeMiss::NeedsToken {
                addr: self.bind.to_string(),
            }));
        }
        Ok(())
    }
}

/// A dashboard bound to its address, not yet serving.
pub struct Bound {
    listener: std::net::TcpListener,
    state: Arc<guard::Shared>,
    url: String,
}

impl Bound {
    /// The address to open, with `?token=…` when there is a token.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The port listened on (the one picked, for port 0).
    pub fn port(&self) -> u16 {
        self.state.port
    }

    /// Serves until the process ends.
    pub fn run(self) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| Error::io(&self.state.root, "starting the web server", e))?;
        let addr = self.url.clone();
        runtime.block_on(async move {
            let listener =
                tokio::net::TcpListener::from_std(self.listener).map_err(|e| Error::Bind {
                    addr: addr.clone(),
                    source: e,
                })?;
            axum::serve(listener, app::router(self.state))
                .await
                .map_err(|e| Error::Bind { addr, source: e })
        })
    }
}

/// Checks the options and listens on the address.
pub fn bind(options: Options) -> Result<Bound> {
    options.check()?;
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| Error::Bind {
        addr: addr.to_string(),
        source: e,
    })?;
    listener.set_nonblocking(true).map_err(|e| Error::Bind {
        addr: addr.to_string(),
        source: e,
    })?;
    let local = listener.local_addr().map_err(|e| Error::Bind {
        addr: addr.to_string(),
        source: e,
    })?;
    let state = Arc::new(guard::Shared::new(options, local)?);
    let mut url = format!("http://{}/", state.served);
    if let Some(t) = &state.token {
        url.push_str(&format!("?token={t}"));
    }
    Ok(Bound {
        listener,
        state,
        url,
    })
}
