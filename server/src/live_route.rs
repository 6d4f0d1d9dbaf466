//! `GET /live/cohorts/{cohort}/sessions/{session}`: server-sent events for the worker's
//! group view. Each event only says "changed" (no names, no scores): the page then re-reads
//! the session through its server function, which authorises and audits as usual.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use tokio::sync::broadcast::error::RecvError;

use app::api::server_side::{self, CookiePolicy, SESSION_COOKIE};
use app::identity::Viewer;
use app::ids::{CohortId, SessionNumber};
use app::live::{Change, LiveUpdates};
use app::policy::{may_cohort, CohortAct};
use app::store::{SharedAccounts, SharedStore};

#[derive(Clone)]
pub struct LiveState {
    pub store: SharedStore,
    pub accounts: SharedAccounts,
    pub live: LiveUpdates,
    pub cookies: CookiePolicy,
    /// Becomes true when the server starts stopping; every stream then ends, and the
    /// browser reconnects (to this server once it is back, or another one).
    pub closing: tokio::sync::watch::Receiver<bool>,
}

async fn signed_in(state: &LiveState, token: &str) -> Option<Viewer> {
    match server_side::signed_in(&state.accounts, token).await {
        Ok(viewer) => viewer,
        Err(e) => {
            tracing::error!(error = %e, "live updates could not read the session");
            None
        }
    }
}

pub async fn session_events(
    State(state): State<LiveState>,
    Path((cohort, session)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (Some(cohort), Some(session)) = (CohortId::parse(&cohort), SessionNumber::parse(&session))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(token) = server_side::cookie_in(&headers, state.cookies, SESSION_COOKIE) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Some(viewer) = signed_in(&state, &token).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let allowed = match state.store.cohort_relation(&viewer, cohort).await {
        Ok(Some(relation)) => may_cohort(viewer.role, relation, CohortAct::View),
        Ok(None) => false,
        Err(e) => {
            tracing::error!(error = %e, "live updates could not check the cohort");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if !allowed {
        return StatusCode::NOT_FOUND.into_response();
    }
    let receiver = state.live.subscribe();
    let events = stream::unfold(
        (receiver, state, token),
        move |(mut receiver, state, token)| async move {
            loop {
                let mut closing = state.closing.clone();
                let next = tokio::select! {
                    next = receiver.recv() => next,
                    _ = closing.wait_for(|stopping| *stopping) => return None,
                };
                match next {
                    Ok(Change::Session(c, s)) if c == cohort && s == session => {}
                    Ok(Change::Everything) => {}
                    Ok(Change::Session(..)) => continue,
                    // Fell behind: something may have changed, so say so.
                    Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return None,
                }
                // The stream lives as long as the session: once it ends, so do the events.
                signed_in(&state, &token).await?;
                let event: Result<Event, Infallible> = Ok(Event::default().data("changed"));
                return Some((event, (receiver, state, token)));
            }
        },
    );
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}
