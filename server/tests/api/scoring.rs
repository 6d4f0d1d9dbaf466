//! The score page and its server functions, over real HTTP against a fresh database.

use crate::support::TestApp;
use serde_json::json;

#[tokio::test]
async fn a_young_person_signed_in_with_her_code_sees_this_weeks_session_first() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    assert_eq!(home["given_name"], "Amara");
    let sessions = home["sessions"].as_array().expect("sessions");
    // The demo group is in its fifth week whenever it is seeded.
    assert_eq!(sessions[0]["number"], 5, "{sessions:?}");
    assert_eq!(sessions[0]["now"], true);
    assert!(sessions[1..].iter().all(|s| s["now"] == false));
    // Young people see their group's name, never "criminal exploitation".
    assert_eq!(home["programmes"][0]["programme"], "Autumn group");
    let yp = home["young_person"].as_str().expect("id");
    let cohort = home["programmes"][0]["cohort"].as_str().expect("cohort");
    for path in [
        "/me".to_owned(),
        format!("/young-people/{yp}/cohorts/{cohort}/sessions/5/score"),
        format!("/young-people/{yp}/cohorts/{cohort}/progress"),
        format!("/young-people/{yp}/cohorts/{cohort}/programme/start"),
    ] {
        let html = app.default_session().page(&path).await;
        // Only what the page shows: not the data it carries for the browser in scripts.
        let mut shown = String::new();
        for (i, part) in html.split("<script").enumerate() {
            let text = if i == 0 {
                part
            } else {
                part.split_once("</script>").map_or("", |(_, after)| after)
            };
            shown.push_str(&text.to_lowercase());
        }
        assert!(!shown.contains("exploitation"), "{path}: {shown}");
    }
}

#[tokio::test]
async fn a_late_joiner_gets_the_session_of_this_week_and_never_one_the_register_says_they_missed() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    let yp = home["young_person"].as_str().expect("id").to_owned();
    let jo = app.staff("jo.lindqvist@northmoor.example").await;
    let (_, choices) = jo.call("new_cohort_choices", &[]).await;
    let group = choices["programmes"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["sessions"] == 6))
        .and_then(|p| p["id"].as_str())
        .expect("the six-session group programme")
        .to_owned();
    // A group that began three weeks ago: this is its fourth week, and Amara joins now.
    let started = app::calendar::CalendarDate::today()
        .minus_days(21)
        .expect("a date")
        .to_string();
    let (status, body) = jo
        .call(
            "start_cohort",
            &[
                ("programme", group.as_str()),
                ("name", "Winter group"),
                ("starts_on", started.as_str()),
                ("members[]", yp.as_str()),
            ],
        )
        .await;
    assert!(status < 400, "{status} {body}");
    let cohort = jo.cohort_named("Winter group").await;

    let offered = |home: &serde_json::Value| -> Vec<(i64, bool)> {
        home["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .filter(|s| s["cohort"] == cohort.as_str())
            .map(|s| (s["number"].as_i64().unwrap_or(0), s["now"] == true))
            .collect()
    };
    let home = app.sign_in_young_person().await;
    assert_eq!(offered(&home), vec![(4, true)], "session 4, not session 1");

    // The worker marks her absent this week: nothing is offered, and a score sent anyway
    // (an old tab, a typed address) is refused with a message, not stored.
    let (status, body) = jo
        .call(
            "mark_register",
            &[
                ("cohort", cohort.as_str()),
                ("session", "4"),
                ("young_person", yp.as_str()),
                ("attended", "no"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let home = app.sign_in_young_person().await;
    assert_eq!(offered(&home), vec![]);
    // Sent with a key, as the phone's own script sends it.
    let score = [
        ("young_person", yp.as_str()),
        ("cohort", cohort.as_str()),
        ("session", "4"),
        ("stage", "start"),
        ("score", "7"),
        ("key", "3f6c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c"),
    ];
    let (status, body) = app.call("save_session_score", &score).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("session_missed")),
        "{body}"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM session_scores WHERE cohort_id = $1",
            &cohort
        )
        .await,
        0
    );

    // Came after all: the register is corrected and the session is hers to score again.
    let (status, _) = jo
        .call(
            "mark_register",
            &[
                ("cohort", cohort.as_str()),
                ("session", "4"),
                ("young_person", yp.as_str()),
                ("attended", "yes"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let home = app.sign_in_young_person().await;
    assert_eq!(offered(&home), vec![(4, true)]);
    // The refusal kept nothing, not even its key: the same score sent again is stored.
    let (status, body) = app.call("save_session_score", &score).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM session_scores WHERE cohort_id = $1",
            &cohort
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_score_page_is_rendered_on_the_server_with_topic_objectives_and_scale() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let res = app.get(&m.page()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.expect("html");
    assert!(html.contains("Drugs and alcohol"), "topic");
    assert!(html.contains("Learn facts, not myths"), "objectives");
    assert!(
        html.contains("Before we start"),
        "asks for the start score first"
    );
    for score in 0..=10 {
        assert!(
            html.contains(&format!(r#"id="score-{score}" value="{score}""#)),
            "radio {score}"
        );
    }
    assert!(
        html.contains(r#"action="/api/save_session_score" method="post""#),
        "plain form"
    );
}

#[tokio::test]
async fn a_saved_score_is_there_when_the_page_is_loaded_again() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let (status, body) = app
        .call("save_session_score", &m.form("start", Some("6")))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["stage"], "start");
    assert_eq!(body["score"], 6);

    assert_eq!(app.scores(&m).await, json!({ "start": 6, "end": null }));
    let html = app.get(&m.page()).await.text().await.expect("html");
    assert!(
        html.contains("Your score before we started: <!>6"),
        "start shown"
    );
    assert!(html.contains("At the end"), "now asks for the end score");
}

#[tokio::test]
async fn a_correction_is_added_and_the_latest_score_counts() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    for score in ["3", "5"] {
        let (status, _) = app
            .call("save_session_score", &m.form("start", Some(score)))
            .await;
        assert_eq!(status, 200);
    }
    assert_eq!(app.scores(&m).await["start"], 5);

    let rows: i64 = count(
        &app,
        "SELECT COUNT(*) FROM session_scores WHERE young_person_id = $1 AND session_number = 5",
        &m.young_person,
    )
    .await;
    assert_eq!(
        rows, 2,
        "both are kept: corrections are recorded, not overwritten"
    );
    let audits: i64 = count(
        &app,
        "SELECT COUNT(*) FROM audit_events WHERE subject_id = $1 AND action = 'record_score'",
        &m.young_person,
    )
    .await;
    assert_eq!(audits, 2, "each save has its audit row");
}

#[tokio::test]
async fn a_form_posted_without_javascript_comes_back_to_the_page_saved() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let res = app
        .post_plain_form("save_session_score", &m.form("start", Some("8")))
        .await;
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert_eq!(location, format!("{}?saved=start", m.page()));

    let html = app.get(&location).await.text().await.expect("html");
    assert!(
        html.contains("Saved. You chose <!>8"),
        "confirmation from the address"
    );
}

#[tokio::test]
async fn a_form_posted_without_a_choice_comes_back_with_the_problem_named() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let res = app
        .post_plain_form("save_session_score", &m.form("start", None))
        .await;
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(
        location.ends_with("?stage=start&error=score_missing"),
        "{location}"
    );

    let res = app.get(&location).await;
    let html = res.text().await.expect("html");
    assert!(html.contains("There is a problem"));
    assert!(html.contains(r##"<a href="#score-fieldset">Choose a number from 0 to 10</a>"##));
    assert_eq!(
        app.scores(&m).await,
        json!({ "start": null, "end": null }),
        "nothing stored"
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_a_clear_reason_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let outsider = app.outsider().await;
    let unknown_person = crate::support::Member {
        young_person: uuid::Uuid::new_v4().to_string(),
        ..m.clone()
    };
    let unknown_session = crate::support::Member {
        session: "99".into(),
        ..m.clone()
    };
    let celebration = crate::support::Member {
        session: "6".into(),
        ..m.clone()
    };
    let not_an_id = crate::support::Member {
        young_person: "1 OR 1=1".into(),
        ..m.clone()
    };

    // (what is wrong, the form sent, the status expected, the error expected)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, u16, serde_json::Value);
    let cases: Vec<Case> = vec![
        (
            "above ten",
            m.form("start", Some("11")),
            422,
            json!({"kind": "invalid", "detail": "score_out_of_range"}),
        ),
        (
            "negative",
            m.form("start", Some("-1")),
            422,
            json!({"kind": "invalid", "detail": "score_out_of_range"}),
        ),
        (
            "not a number",
            m.form("start", Some("lots")),
            422,
            json!({"kind": "invalid", "detail": "score_out_of_range"}),
        ),
        (
            "missing score",
            m.form("start", None),
            422,
            json!({"kind": "invalid", "detail": "score_missing"}),
        ),
        (
            "unknown stage",
            m.form("middle", Some("4")),
            422,
            json!({"kind": "invalid", "detail": "stage_invalid"}),
        ),
        (
            "end before start",
            m.form("end", Some("4")),
            422,
            json!({"kind": "invalid", "detail": "end_before_start"}),
        ),
        (
            "unscored session",
            celebration.form("start", Some("4")),
            422,
            json!({"kind": "invalid", "detail": "session_not_scored"}),
        ),
        (
            "another young person's record",
            outsider.form("start", Some("4")),
            404,
            json!({"kind": "not_found"}),
        ),
        (
            "unknown person",
            unknown_person.form("start", Some("4")),
            404,
            json!({"kind": "not_found"}),
        ),
        (
            "unknown session",
            unknown_session.form("start", Some("4")),
            404,
            json!({"kind": "not_found"}),
        ),
        (
            "malformed id",
            not_an_id.form("start", Some("4")),
            404,
            json!({"kind": "not_found"}),
        ),
    ];
    for (name, form, status, error) in cases {
        let (got_status, body) = app.call("save_session_score", &form).await;
        assert_eq!((got_status, &body), (status, &error), "{name}");
    }

    let (status, body) = app
        .call(
            "save_session_score",
            &[("young_person", m.young_person.as_str())],
        )
        .await;
    assert_eq!(status, 400, "missing fields: {body}");
    assert_eq!(body["kind"], "malformed");

    let huge = "9".repeat(server::startup::MAX_BODY_BYTES + 1);
    let (status, _) = app
        .call("save_session_score", &m.form("start", Some(&huge)))
        .await;
    assert_eq!(status, 413, "oversized body");

    let stored: i64 = count(
        &app,
        "SELECT COUNT(*) FROM session_scores WHERE session_number >= CAST($1 AS BIGINT)",
        "5",
    )
    .await;
    assert_eq!(stored, 0, "no bad request stored anything");
}

#[tokio::test]
async fn unknown_pages_and_records_get_a_friendly_404_page() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    for path in [
        "/no-such-page".to_string(),
        format!(
            "/young-people/{}/cohorts/{}/sessions/99/score",
            m.young_person, m.cohort
        ),
        "/young-people/x/cohorts/y/sessions/z/score".into(),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status(), 404, "{path}");
        let html = res.text().await.expect("html");
        assert!(html.contains("Page not found"), "{path}");
    }
}

#[tokio::test]
async fn a_database_failure_shows_an_error_id_and_never_the_sql() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    // Break the database behind the server's back.
    let db = app.db().await;
    db.execute("ALTER TABLE session_scores RENAME TO session_scores_gone")
        .await;
    db.close().await;

    let (status, body) = app
        .call("save_session_score", &m.form("start", Some("4")))
        .await;
    assert_eq!(status, 500);
    assert_eq!(body["kind"], "internal");
    let id = body["detail"]["id"].as_str().expect("an error id");
    assert_eq!(id.len(), 10);
    let text = body.to_string();
    assert!(
        !text.contains("session_scores") && !text.to_lowercase().contains("sql"),
        "{text}"
    );

    let res = app
        .post_plain_form("save_session_score", &m.form("start", Some("4")))
        .await;
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let html = app.get(&location).await.text().await.expect("html");
    assert!(
        html.contains("something went wrong on our side"),
        "friendly message"
    );
    for raw in ["no such table", "does not exist"] {
        assert!(!html.contains(raw), "no raw database text");
    }
}

async fn count(app: &TestApp, sql: &str, param: &str) -> i64 {
    app.count(sql, param).await
}

#[tokio::test]
async fn a_score_posted_from_another_website_is_refused() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let post = |headers: Vec<(&'static str, String)>| {
        let mut req = app
            .client
            .post(app.url("/api/save_session_score"))
            .form(&m.form("start", Some("9")));
        for (k, v) in headers {
            req = req.header(k, v);
        }
        req.send()
    };

    let cross_site = post(vec![("Sec-Fetch-Site", "cross-site".into())])
        .await
        .expect("POST");
    assert_eq!(cross_site.status(), 403);
    let other_origin = post(vec![("Origin", "https://evil.example".into())])
        .await
        .expect("POST");
    assert_eq!(other_origin.status(), 403);
    assert_eq!(
        app.scores(&m).await,
        json!({ "start": null, "end": null }),
        "nothing stored"
    );

    let host = app.base.trim_start_matches("http://").to_owned();
    let ours = post(vec![
        ("Sec-Fetch-Site", "same-origin".into()),
        ("Origin", format!("http://{host}")),
    ])
    .await
    .expect("POST");
    assert_eq!(ours.status(), 200);
    assert_eq!(app.scores(&m).await["start"], 9);
}

#[tokio::test]
async fn server_functions_take_form_encoding_only() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    // Ids and numbers only: nothing to escape.
    let body = m
        .form("start", Some("9"))
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    // A cross-site form may send text/plain without asking the server first.
    for content_type in [
        "text/plain",
        "application/json",
        "multipart/form-data; boundary=x",
    ] {
        let res = app
            .client
            .post(app.url("/api/save_session_score"))
            .header("Content-Type", content_type)
            .body(body.clone())
            .send()
            .await
            .expect("POST");
        assert_eq!(res.status(), 415, "{content_type}");
        let words = res.text().await.expect("body");
        assert!(
            words.contains("try again"),
            "a message a person can read: {words}"
        );
    }
    assert_eq!(
        app.scores(&m).await,
        json!({ "start": null, "end": null }),
        "nothing stored"
    );
    // The app's own encoding, with a charset, is taken.
    let res = app
        .client
        .post(app.url("/api/save_session_score"))
        .header(
            "Content-Type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .body(body)
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_link_to_quick_exit_on_another_site_ends_no_session() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let exit = app
        .client
        .get(app.url("/exit"))
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .expect("GET");
    assert_eq!(exit.status(), 303, "still sent on to the neutral site");
    assert!(exit.headers().get("set-cookie").is_none());
    let (status, _) = app.call("young_person_home", &[]).await;
    assert_eq!(status, 200, "still signed in");
    // From Waypoint's own page, one tap ends it.
    let exit = app
        .client
        .get(app.url("/exit"))
        .header("Sec-Fetch-Site", "same-origin")
        .send()
        .await
        .expect("GET");
    assert_eq!(exit.status(), 303);
    let (status, _) = app.call("young_person_home", &[]).await;
    assert_eq!(status, 401);
}
