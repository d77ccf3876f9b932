//! The routes: which page or form each address is, behind the guard. Each
//! handler hands its work to tokio's blocking pool (reading the folder,
//! deriving the cohort, solving a matching, waiting for the folder lock), so
//! one slow request never holds up another.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::error::{Error, ServeMiss};
use crate::form::Fields;
use crate::guard::{self, Shared};
use crate::site::{self, Answer};
use crate::{pages, writes};

type St = State<Arc<Shared>>;

/// Every route, behind the guard.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(overview))
        .route("/people", get(people))
        .route("/people/{id}", get(person))
        .route("/people/{id}/goal", post(goal))
        .route("/people/{id}/deliverable", post(deliverable))
        .route("/people/{id}/outcome", post(outcome))
        .route("/matching", get(matching))
        .route("/matching/explain/{id}", get(explain))
        .route("/matching/save", post(save_matches))
        .route("/sessions", get(sessions))
        .route("/sessions/{id}", get(sign_in))
        .route("/sessions/{id}/mark", post(mark))
        .route("/documents", get(documents))
        .route("/documents/file/{*name}", get(document))
        .route("/assets/style.css", get(style))
        .route("/assets/app.js", get(script))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            guard::check,
        ))
        .with_state(shared)
}

/// Whether the page's script sent the request.
fn json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
}

fn query(q: Option<String>) -> Fields {
    Fields::parse(q.unwrap_or_default().as_bytes())
}

/// Runs `work` on the blocking pool and answers with what it returns.
async fn blocking<F>(shared: Arc<Shared>, json: bool, work: F) -> Response
where
    F: FnOnce(&Shared) -> crate::error::Result<Answer> + Send + 'static,
{
    let s = shared.clone();
    match tokio::task::spawn_blocking(move || work(&s)).await {
        Ok(answer) => site::respond(&shared, answer, json),
        Err(e) => site::refusal(
            &shared,
            &Error::Bug(format!("a page stopped unexpectedly: {e}")),
            json,
        ),
    }
}

async fn overview(State(s): St, h: HeaderMap) -> Response {
    blocking(s, json(&h), pages::overview::page).await
}

async fn people(State(s): St, h: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let q = query(q);
    blocking(s, json(&h), move |s| pages::people::list(s, &q)).await
}

async fn person(State(s): St, h: HeaderMap, Path(id): Path<String>) -> Response {
    blocking(s, json(&h), move |s| pages::person::page(s, &id)).await
}

async fn goal(State(s): St, h: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    let f = Fields::parse(&body);
    let j = json(&h);
    blocking(s, j, move |s| writes::goal(s, &id, &f, j)).await
}

async fn deliverable(State(s): St, h: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    let f = Fields::parse(&body);
    let j = json(&h);
    blocking(s, j, move |s| writes::deliverable(s, &id, &f, j)).await
}

async fn outcome(State(s): St, h: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    let f = Fields::parse(&body);
    let j = json(&h);
    blocking(s, j, move |s| writes::outcome(s, &id, &f, j)).await
}

async fn matching(State(s): St, h: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let q = query(q);
    let j = json(&h);
    blocking(s, j, move |s| pages::matching::page(s, &q, j)).await
}

async fn explain(
    State(s): St,
    h: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let q = query(q);
    blocking(s, json(&h), move |s| pages::matching::explain(s, &id, &q)).await
}

async fn save_matches(State(s): St, h: HeaderMap, body: Bytes) -> Response {
    let f = Fields::parse(&body);
    let j = json(&h);
    blocking(s, j, move |s| writes::save_matches(s, &f, j)).await
}

async fn sessions(State(s): St, h: HeaderMap) -> Response {
    blocking(s, json(&h), pages::sessions::calendar).await
}

async fn sign_in(State(s): St, h: HeaderMap, Path(id): Path<String>) -> Response {
    blocking(s, json(&h), move |s| pages::sessions::sign_in(s, &id)).await
}

async fn mark(State(s): St, h: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    let f = Fields::parse(&body);
    let j = json(&h);
    blocking(s, j, move |s| writes::mark(s, &id, &f, j)).await
}

async fn documents(State(s): St, h: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let q = query(q);
    blocking(s, json(&h), move |s| pages::documents::page(s, &q)).await
}

async fn document(
    State(s): St,
    h: HeaderMap,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let q = query(q);
    blocking(s, json(&h), move |s| pages::documents::file(s, &name, &q)).await
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", site::STYLE)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", site::SCRIPT)
}

async fn not_found(State(s): St, h: HeaderMap, uri: axum::http::Uri) -> Response {
    let path: String = uri.path().chars().take(200).collect();
    site::refusal(&s, &Error::Serve(ServeMiss::NotFound { path }), json(&h))
}
