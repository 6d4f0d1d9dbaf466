//! Server functions answer a request they cannot even decode (missing field, wrong body)
//! with status 500, before any of our code runs. That is the client's mistake, not ours,
//! so this layer turns those answers into 400 Bad Request; the body (our `AppError`, kind
//! "malformed") is left as it is.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// Error bodies are a line of JSON; anything larger is not one of ours.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn malformed_is_bad_request(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match to_bytes(body, MAX_ERROR_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    let malformed = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| {
            v.get("kind")
                .and_then(|k| k.as_str())
                .map(|k| k == "malformed")
        })
        .unwrap_or(false);
    if malformed {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}
