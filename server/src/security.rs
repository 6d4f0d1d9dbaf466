//! Headers every response carries: a strict Content-Security-Policy with a fresh nonce for
//! the inline hydration script, no framing, no sniffing, and caching rules that keep
//! personal pages out of every cache while hashed assets are cached for a year.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::Response;

use app::shell::CspNonce;

/// `https`: the service is reached over HTTPS (its public address says so), so browsers are
/// told never to use plain HTTP for it again (HSTS).
pub async fn security_headers(State(https): State<bool>, mut req: Request, next: Next) -> Response {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let cache = cache_policy(req.uri().path());

    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; \
         script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Hashed build files never change under their name; the service worker must be checked
/// on every visit so a new release is picked up; anything else may hold personal data.
pub fn cache_policy(path: &str) -> &'static str {
    if path.starts_with("/pkg/") {
        "public, max-age=31536000, immutable"
    } else if path == "/sw.js" {
        "no-cache"
    } else if path.starts_with("/icons/")
        || matches!(
            path,
            "/favicon.ico"
                | "/manifest.webmanifest"
                | "/offline.html"
                | "/offline-cy.html"
                | "/offline.css"
                | "/register-sw.js"
        )
    {
        "public, max-age=86400"
    } else {
        "no-store"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_pages_and_the_api_are_never_stored() {
        for path in [
            "/",
            "/demo",
            "/young-people/x/cohorts/y/sessions/1/score",
            "/api/save_session_score",
            "/healthz",
        ] {
            assert_eq!(cache_policy(path), "no-store", "{path}");
        }
    }

    #[test]
    fn hashed_assets_are_immutable_and_the_worker_is_revalidated() {
        assert!(cache_policy("/pkg/waypoint.0123456789abcdef.wasm").contains("immutable"));
        assert_eq!(cache_policy("/sw.js"), "no-cache");
    }

    #[test]
    fn the_policy_allows_wasm_and_the_nonce_but_nothing_inline_or_framed() {
        let csp = content_security_policy("abc");
        assert!(csp.contains("'nonce-abc'"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
