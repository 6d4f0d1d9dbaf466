//! The HTTP stack around the application: health, headers, caching.

use crate::support::TestApp;

#[tokio::test]
async fn health_checks_the_database() {
    let app = TestApp::spawn().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/demo", "/healthz", "/no-such-page"] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().expect("csp");
        assert!(
            csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert_eq!(h["cache-control"], "no-store", "{path}");
        assert!(
            h.get("strict-transport-security").is_none(),
            "no HSTS over plain HTTP"
        );
    }
}

/// A service reached over HTTPS tells browsers never to use plain HTTP for it (issue 15).
#[tokio::test]
async fn https_services_send_strict_transport_security() {
    let app = TestApp::spawn_with(|c| c.public_url = "https://waypoint.example".into()).await;
    for path in ["/", "/healthz", "/no-such-page"] {
        let res = app.get(path).await;
        assert_eq!(
            res.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}

/// A response's Content-Security-Policy, and the script nonce in it.
fn csp_nonce(res: &reqwest::Response) -> (String, String) {
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_owned();
    (csp, nonce)
}

#[tokio::test]
async fn the_inline_hydration_script_carries_the_nonce_of_its_own_response() {
    let app = TestApp::spawn().await;
    let res = app.get("/").await;
    let (csp, nonce) = csp_nonce(&res);
    let html = res.text().await.expect("html");
    assert!(
        html.contains(&format!(r#"<script type="module" nonce="{nonce}">"#)),
        "script has the nonce"
    );
    let other = app.get("/").await.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert_ne!(csp, other, "a fresh nonce per response");
}

/// A page with an island starts downloading the islands' code from its head, ahead of the
/// stylesheet (a script after a stylesheet waits for it), with the response's nonce; a page
/// without islands never mentions the code at all, so it downloads none.
#[tokio::test]
async fn only_a_page_with_islands_starts_their_download_and_does_so_ahead_of_the_stylesheet() {
    let app = TestApp::spawn().await;
    let member = app.group_member().await;
    let res = app.get(&member.page()).await;
    let (_, nonce) = csp_nonce(&res);
    let html = res.text().await.expect("html");
    assert!(
        html.contains("<leptos-island"),
        "the score page has islands"
    );
    let early = html
        .find("window.__islandCode = window.__islandCode ||")
        .expect("the early download");
    let stylesheet = html.find(r#"rel="stylesheet""#).expect("stylesheet");
    assert!(early < stylesheet, "ahead of the stylesheet");
    let tag_start = html[..early].rfind("<script").expect("in a script");
    assert!(
        html[tag_start..early].contains(&format!(r#"nonce="{nonce}""#)),
        "{}",
        &html[tag_start..early]
    );

    let home = app.get("/me").await.text().await.expect("html");
    assert!(
        !home.contains("<leptos-island"),
        "the home page has no islands"
    );
    assert!(
        !home.contains("window.__islandCode = window.__islandCode ||"),
        "and starts no download"
    );
    assert!(
        !home.contains(r#"rel="preload""#) && !home.contains("modulepreload"),
        "nor preloads anything (a preload is fetched with JavaScript off too)"
    );
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_ask() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(app.url("/demo"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .expect("GET");
    assert_eq!(res.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn the_binary_reads_its_settings_from_the_environment_and_stops_cleanly_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("waypoint-bin-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
        probe.local_addr().expect("addr").port()
    };
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_waypoint"))
        .env("WAYPOINT_ADDR", format!("127.0.0.1:{port}"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/db.sqlite?mode=rwc", dir.display()),
        )
        .env("WAYPOINT_SITE_ROOT", dir.join("site"))
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .spawn()
        .expect("start the server");

    let url = format!("http://127.0.0.1:{port}/healthz");
    let mut healthy = false;
    for _ in 0..200 {
        if let Ok(res) = reqwest::get(&url).await {
            healthy = res.status() == 200;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(healthy, "the server answered its health check");

    let pid = child.id().expect("pid").to_string();
    let signalled = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(signalled.success());
    let status = tokio::time::timeout(std::time::Duration::from_secs(10), child.wait())
        .await
        .expect("stopped within 10 s")
        .expect("exit status");
    assert!(status.success(), "a clean exit on SIGTERM: {status}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every page, for every kind of person, 300 times with 8 requests in flight: each answer
/// must be a whole HTTP response and never a server error. Under concurrent load Leptos'
/// reactive arenas once panicked mid-render and the connection was dropped (issue 15).
/// This checks correctness under load, not speed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_page_answers_every_time_with_eight_requests_in_flight() {
    use futures_util::stream::{self, StreamExt};

    const ROUNDS: usize = 300;
    const IN_FLIGHT: usize = 8;
    let app = TestApp::spawn().await;
    let m = app.group_member().await; // Amara, on the default client
    let (yp, cohort) = (m.young_person.clone(), m.cohort.clone());
    let amara = app.default_session();
    let colm = app.carer().await;
    let jo = app.staff("jo.lindqvist@northmoor.example").await;
    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let morgan = app.staff("morgan.hale@northmoor.example").await;
    let nobody = app.anonymous();

    let mut pages: Vec<(&crate::support::Session, String)> = Vec::new();
    for path in [
        "/",
        "/join",
        "/sign-in",
        "/signed-out",
        "/help-now",
        "/unlock",
        "/no-such-page",
    ] {
        pages.push((&nobody, path.to_owned()));
    }
    for path in [
        "/".to_owned(),
        "/me".to_owned(),
        format!("/young-people/{yp}/plan"),
        format!("/young-people/{yp}/what-i-think"),
        format!("/young-people/{yp}/answers"),
        format!("/young-people/{yp}/feedback"),
        format!("/young-people/{yp}/cohorts/{cohort}/progress"),
        format!("/young-people/{yp}/cohorts/{cohort}/sessions/5/score"),
        format!("/young-people/{yp}/questionnaires/self_assessment"),
    ] {
        pages.push((&amara, path));
    }
    pages.push((&colm, "/family".to_owned()));
    pages.push((&colm, format!("/young-people/{yp}/plan")));
    for path in [
        "/caseload".to_owned(),
        "/account".to_owned(),
        "/cohorts".to_owned(),
        format!("/cohorts/{cohort}"),
        format!("/cohorts/{cohort}/sessions/5"),
        format!("/young-people/{yp}"),
        format!("/young-people/{yp}/timeline"),
        format!("/young-people/{yp}/plan/review"),
        format!("/young-people/{yp}/plan/print"),
    ] {
        pages.push((&jo, path));
    }
    for path in [
        "/reports/cohorts".to_owned(),
        "/reports/team".to_owned(),
        "/reports/quotes".to_owned(),
        "/question-sets".to_owned(),
        format!("/young-people/{yp}/audit"),
    ] {
        pages.push((&helen, path));
    }
    pages.push((&morgan, "/admin/staff".to_owned()));

    // The server runs in this process: any panic in it, on a request's task or on one of
    // its own (an effect), is counted. A dropped connection always came with one.
    let panics = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let previous_hook = std::panic::take_hook();
    {
        let panics = panics.clone();
        std::panic::set_hook(Box::new(move |info| {
            panics.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            previous_hook(info);
        }));
    }
    let resent = std::sync::atomic::AtomicUsize::new(0);
    let requests = pages
        .iter()
        .flat_map(|page| std::iter::repeat_n(page, ROUNDS))
        .map(|(who, path)| {
            let resent = &resent;
            async move {
                let url = format!("{}{path}", who.base);
                // As a browser does, a request on a kept-alive connection that closed under
                // it is sent once more; a page that never answers still fails.
                let sent = match who.client.get(&url).send().await {
                    Err(e) if e.is_request() || e.is_connect() => {
                        resent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        who.client.get(&url).send().await
                    }
                    other => other,
                };
                let outcome = match sent {
                    Ok(res) => {
                        let status = res.status();
                        match res.text().await {
                            Ok(body) if status.is_server_error() => {
                                Err(format!("{status}: {body:.200}"))
                            }
                            Ok(_) => Ok(()),
                            Err(e) => Err(format!("{status}, body cut off: {e}")),
                        }
                    }
                    Err(e) => Err(format!("no answer: {e:?}")),
                };
                outcome.map_err(|e| format!("{path}: {e}"))
            }
        });
    let failures: Vec<String> = stream::iter(requests)
        .buffer_unordered(IN_FLIGHT)
        .filter_map(|r| async move { r.err() })
        .collect()
        .await;
    let resent = resent.load(std::sync::atomic::Ordering::SeqCst);
    if resent > 0 {
        eprintln!("{resent} requests were sent twice after their connection closed");
    }
    assert!(
        failures.is_empty(),
        "{} of {} requests failed; first: {:?}",
        failures.len(),
        pages.len() * ROUNDS,
        failures.iter().take(5).collect::<Vec<_>>()
    );
    assert_eq!(
        panics.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "the server panicked while serving pages"
    );
    assert!(resent < 5, "{resent} connections closed under a request");
}

/// Listing the app's routes switches resource loading off for the whole process (leptos
/// issue #4773). The tests start a server per test in one process, so servers starting
/// while another renders a page must not leave that page waiting for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_starting_beside_another_never_stalls_its_pages() {
    let app = TestApp::spawn().await;
    let starting = tokio::spawn(async {
        for _ in 0..15 {
            drop(TestApp::spawn().await);
        }
    });
    let mut pages = 0;
    while !starting.is_finished() || pages < 20 {
        let page = async {
            let res = app.get("/sign-in").await;
            (res.status(), res.text().await.unwrap_or_default())
        };
        let (status, body) = tokio::time::timeout(std::time::Duration::from_secs(8), page)
            .await
            .expect("the page answered within 8 seconds");
        assert_eq!(status, 200);
        assert!(body.contains("</html>"), "the whole page came back");
        pages += 1;
    }
    starting.await.expect("the other servers started");
}
