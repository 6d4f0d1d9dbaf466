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

/// Server functions take what a form sends, and nothing else: the app's own calls, plain
/// forms and the offline queue all send `application/x-www-form-urlencoded`. Anything else
/// (JSON, multipart, `text/plain`, which a cross-site form can send without asking) is
/// refused before it reaches one, beside the check above.
pub async fn require_form_encoding(req: Request, next: Next) -> Response {
    let is_call = req.method() == Method::POST && req.uri().path().starts_with("/api/");
    if !is_call || is_form_encoded(req.headers()) {
        next.run(req).await
    } else {
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Waypoint could not read what was sent. Go back to the page and try again.",
        )
            .into_response()
    }
}

fn is_form_encoded(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| {
            essence
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// Whether a request that changes something in passing (quick exit ends the session) came
/// from one of our own pages: a link on another site must not sign anyone out.
pub fn sent_from_this_site(headers: &HeaderMap) -> bool {
    comes_from_this_site(headers)
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
    fn only_form_encoding_is_taken() {
        for ok in [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "Application/X-WWW-Form-Urlencoded",
        ] {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ok));
            assert!(is_form_encoded(&h), "{ok}");
        }
        for bad in [
            "text/plain",
            "application/json",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencodedx",
            "",
        ] {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(bad));
            assert!(!is_form_encoded(&h), "{bad}");
        }
        assert!(!is_form_encoded(&HeaderMap::new()));
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
