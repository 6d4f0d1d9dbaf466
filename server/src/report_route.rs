//! `GET /reports/cohorts.csv?programme=…&from=…&to=…&table=…`: one table of the cohort
//! report as a file; `/reports/team.csv` and `/reports/quotes.csv` likewise. A plain route rather than a server function because the browser has
//! to receive a download; the checks, the audit row and the figures come from
//! `app::api::report`, exactly as for the page.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use app::api::report::{csv_download, team_csv, DownloadQuery};
use app::api::server_side::{self, CookiePolicy, SESSION_COOKIE};
use app::error::AppError;
use app::identity::Viewer;
use app::language::Language;
use app::store::{SharedAccounts, SharedStore};

/// Reports are staff pages: in English or Welsh only (`app::language::Reach`).
const REPORTS: &str = "/reports";

#[derive(Clone)]
pub struct ReportState {
    pub store: SharedStore,
    pub accounts: SharedAccounts,
    pub cookies: CookiePolicy,
}

/// What a download says when it cannot be made, in the language of the page it came from
/// (a plain route, so the catalogue's pages are not here to word it).
fn refusal(language: Language, signed_out: bool) -> &'static str {
    match (language, signed_out) {
        (Language::Welsh, true) => "Mewngofnodwch i lawrlwytho adroddiadau.",
        (Language::Welsh, false) => {
            "Does dim modd gwneud yr adroddiad hwn. Ewch yn ôl i dudalen yr adroddiad a gwiriwch y rhaglen a'r dyddiadau."
        }
        (_, true) => "Sign in to download reports.",
        (_, false) => {
            "This report cannot be made. Go back to the report page and check the programme and the dates."
        }
    }
}

async fn viewer(state: &ReportState, headers: &HeaderMap) -> Result<Viewer, Response> {
    let viewer = match server_side::cookie_in(headers, state.cookies, SESSION_COOKIE) {
        Some(token) => server_side::signed_in(&state.accounts, &token).await,
        None => Ok(None),
    };
    match viewer {
        Ok(Some(viewer)) => Ok(viewer),
        Ok(None) => {
            let language = app::language::chosen(headers, state.cookies).on_page(REPORTS);
            Err((StatusCode::UNAUTHORIZED, refusal(language, true)).into_response())
        }
        Err(e) => {
            tracing::error!(error = %e, "report download could not read the session");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}

pub async fn cohort_report_csv(
    State(state): State<ReportState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let viewer = match viewer(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(response) => return response,
    };
    let field = |name: &str| query.get(name).map(String::as_str).unwrap_or("");
    let asked = DownloadQuery {
        programme: field("programme"),
        from: field("from"),
        to: field("to"),
        cohort: field("cohort"),
        table: field("table"),
    };
    let language = app::language::chosen(&headers, state.cookies).on_page(REPORTS);
    let result = csv_download(&state.store, &viewer, asked, language).await;
    file(result, language)
}

/// `GET /reports/team.csv` (`which` = "team") and `/reports/quotes.csv` ("quotes").
pub async fn team_report_csv(
    state: ReportState,
    which: &'static str,
    headers: HeaderMap,
) -> Response {
    match viewer(&state, &headers).await {
        Ok(viewer) => {
            let language = app::language::chosen(&headers, state.cookies).on_page(REPORTS);
            file(
                team_csv(&state.store, &viewer, which, language).await,
                language,
            )
        }
        Err(response) => response,
    }
}

fn file(result: Result<(String, String), AppError>, language: Language) -> Response {
    match result {
        Ok((file_name, body)) => {
            let disposition = format!("attachment; filename=\"{file_name}\"");
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            // Figures about children: never kept by a shared computer's cache.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        // The page only links to downloads it could make, so this is an edited address.
        Err(AppError::Invalid(_)) => {
            (StatusCode::BAD_REQUEST, refusal(language, false)).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "report download failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
