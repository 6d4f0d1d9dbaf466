//! Cross-site request forgery protection. Leptos server functions do no checking of their
//! own, and some request encodings get round SameSite cookies, so every state-changing
//! request must show that it came from one of our own pages: browsers say so in
//! `Sec-Fetch-Site`, older ones in `Origin`, older still in `Referer`. A client that sends
//! none of them is not a browser acting on someone's behalf, and is let through.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn reject_cross_site(req: Request, next: Next) -> Response {
    if is_safe(req.method()) || comes_from_this_site(req.headers()) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), "refused a cross-site request");
        (
            StatusCode::FORBIDDEN,
            "This was sent from another website, so Waypoint did not accept it. \
             Open Waypoint itself and try again.",
        )
            .into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

fn comes_from_this_site(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        // "none" is the person typing the address or using a bookmark.
        return matches!(site, "same-origin" | "none");
    }
    let host = text(header::HOST);
    if let Some(origin) = text(header::ORIGIN) {
        return host.is_some_and(|host| authority(origin) == Some(host));
    }
    if let Some(referer) = text(header::REFERER) {
        return host.is_some_and(|host| authority(referer) == Some(host));
    }
    true
}

/// `host[:port]` of an absolute http(s) URL; `None` for anything else (including "null").
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(comes_from_this_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(comes_from_this_site(&headers(&[(
            "sec-fetch-site",
            "none"
        )])));
        assert!(!comes_from_this_site(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        // Another subdomain of the same site is still another application.
        assert!(!comes_from_this_site(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
        // Fetch metadata wins over a matching Origin.
        assert!(!comes_from_this_site(&headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://waypoint.test"),
            ("host", "waypoint.test"),
        ])));
    }

    #[test]
    fn origin_must_match_the_host() {
        let ours = headers(&[
            ("origin", "https://waypoint.test"),
            ("host", "waypoint.test"),
        ]);
        assert!(comes_from_this_site(&ours));
        let theirs = headers(&[("origin", "https://evil.test"), ("host", "waypoint.test")]);
        assert!(!comes_from_this_site(&theirs));
        let port = headers(&[
            ("origin", "http://waypoint.test:8080"),
            ("host", "waypoint.test"),
        ]);
        assert!(!comes_from_this_site(&port));
        let null = headers(&[("origin", "null"), ("host", "waypoint.test")]);
        assert!(!comes_from_this_site(&null));
    }

    #[test]
    fn referer_is_the_last_resort_and_no_headers_is_not_a_browser() {
        let ours = headers(&[
            ("referer", "http://waypoint.test/demo?x=1"),
            ("host", "waypoint.test"),
        ]);
        assert!(comes_from_this_site(&ours));
        let theirs = headers(&[
            ("referer", "http://evil.test/waypoint.test"),
            ("host", "waypoint.test"),
        ]);
        assert!(!comes_from_this_site(&theirs));
        assert!(comes_from_this_site(&HeaderMap::new()));
    }

    #[test]
    fn reading_is_always_allowed() {
        for m in [Method::GET, Method::HEAD, Method::OPTIONS] {
            assert!(is_safe(&m));
        }
        for m in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            assert!(!is_safe(&m));
        }
    }
}
