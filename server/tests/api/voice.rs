//! "What I think" over HTTP: who sees an entry (never a parent, never another worker), an
//! urgent entry at the top of the caseload until it is answered, "you said, we did", bad
//! input, resends and the plain-form path.

use crate::support::{Session, TestApp};
use serde_json::Value;

const JO: &str = "jo.lindqvist@northmoor.example";
const SAM: &str = "sam.okafor@northmoor.example";
const HELEN: &str = "helen.ravensworth@northmoor.example";
const MORGAN: &str = "morgan.hale@northmoor.example";

fn amara_session(app: &TestApp) -> Session {
    app.default_session()
}

async fn write(who: &Session, yp: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let mut fields = vec![("young_person", yp)];
    fields.extend_from_slice(form);
    who.call("write_entry", &fields).await
}

async fn entries(who: &Session, yp: &str) -> (u16, Value) {
    who.call("what_i_think", &[("young_person", yp)]).await
}

#[tokio::test]
async fn entries_reach_the_young_persons_workers_and_managers_and_never_a_parent() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let amara = amara_session(&app);
    let yp = app.person_id("Amara").await;
    let (status, body) = write(
        &amara,
        &yp,
        &[
            ("words", "School is hard this week"),
            ("feeling", "worried"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let (status, page) = entries(&amara, &yp).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["entries"][0]["words"], "School is hard this week");
    assert_eq!(page["entries"][0]["feeling"], "worried");
    assert_eq!(page["mine"], true);
    assert_eq!(page["may_answer"], false);

    for (email, allowed) in [(JO, true), (HELEN, true), (SAM, false), (MORGAN, false)] {
        let staff = app.staff(email).await;
        let (status, body) = entries(&staff, &yp).await;
        assert_eq!(status == 200, allowed, "{email}: {status} {body}");
    }
    let colm = app.carer().await;
    let (status, _) = entries(&colm, &yp).await;
    assert_eq!(
        status, 404,
        "a parent never sees what the young person wrote"
    );
    let (status, _) = write(&colm, &yp, &[("words", "She is fine")]).await;
    assert_eq!(status, 404, "nor writes in her name");
    // Nor does the family page or anything the parent can load carry the words.
    let (_, family) = colm.call("family_home", &[]).await;
    assert!(!family.to_string().contains("School is hard"));
}

#[tokio::test]
async fn an_urgent_entry_leads_the_caseload_until_the_worker_answers() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let amara = amara_session(&app);
    let yp = app.person_id("Amara").await;

    let location = amara
        .post_plain_form(
            "write_entry",
            &[
                ("young_person", &yp),
                ("urgent", "yes"),
                ("words", "I can't go home tonight"),
            ],
        )
        .await;
    assert_eq!(
        location,
        format!("/help-now?sent={yp}"),
        "help is shown at once"
    );
    let help = amara.get(&location).await.text().await.expect("page");
    assert!(help.contains("0800 1111") && help.contains("999"), "{help}");

    let jo = app.staff(JO).await;
    let (status, caseload) = jo.call("caseload", &[]).await;
    assert_eq!(status, 200, "{caseload}");
    let first = &caseload["cases"][0];
    assert_eq!(first["name"], "Amara Penhallow", "urgent first: {caseload}");
    assert_eq!(first["urgent_entries"], 1);
    assert_eq!(first["unseen_entries"], 1);
    // Administrators see names, never what anyone wrote.
    let morgan = app.staff(MORGAN).await;
    let (_, admin) = morgan.call("caseload", &[]).await;
    assert!(admin["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .all(|c| c["urgent_entries"] == 0));

    let (_, page) = entries(&jo, &yp).await;
    let entry = page["entries"][0]["id"].as_str().expect("id").to_owned();
    assert_eq!(page["entries"][0]["urgent"], true);
    let (status, body) = jo
        .call(
            "answer_entry",
            &[("young_person", &yp), ("entry", &entry), ("response", "  ")],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("answer_empty"))
    );
    let (status, body) = jo
        .call(
            "answer_entry",
            &[
                ("young_person", &yp),
                ("entry", &entry),
                (
                    "response",
                    "I rang you straight away. You are staying with your aunt tonight.",
                ),
                (
                    "action_taken",
                    "Rang Amara; arranged a safe place with her aunt",
                ),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, caseload) = jo.call("caseload", &[]).await;
    let amara_row = caseload["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["name"] == "Amara Penhallow")
        .expect("Amara")
        .clone();
    assert_eq!(amara_row["urgent_entries"], 0);
    assert_eq!(amara_row["unseen_entries"], 0);

    // She sees the answer beside what she wrote.
    let (_, page) = entries(&amara, &yp).await;
    assert_eq!(page["entries"][0]["responded_by"], "Jo");
    assert_eq!(
        page["entries"][0]["action_taken"],
        "Rang Amara; arranged a safe place with her aunt"
    );
    let html = amara
        .get(&format!("/young-people/{yp}/what-i-think"))
        .await
        .text()
        .await
        .expect("page");
    assert!(html.contains("You are staying with your aunt tonight"));

    // Reading and answering are in the audit trail.
    let helen = app.staff(HELEN).await;
    let (_, trail) = helen.call("audit_trail", &[("young_person", &yp)]).await;
    let actions: Vec<&str> = trail["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in ["give_voice_urgent", "view_voice", "answer_voice"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

#[tokio::test]
async fn bad_entries_and_answers_are_refused_and_resends_are_stored_once() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let amara = amara_session(&app);
    let yp = app.person_id("Amara").await;
    for (form, code) in [
        (vec![("words", "   ")], "entry_empty"),
        (vec![("feeling", "furious")], "feeling_invalid"),
    ] {
        let (status, body) = write(&amara, &yp, &form).await;
        assert_eq!((status, body["detail"].as_str()), (422, Some(code)));
    }
    let long = "a".repeat(2001);
    let (status, body) = write(&amara, &yp, &[("words", &long)]).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("entry_too_long"))
    );

    // Markup stays words; a link to a target that does not exist is dropped, not refused.
    let key = "8f14e45f-ceea-467f-a0e6-0a8f2e4d2b1c";
    let form = [
        ("words", "<img src=x onerror=alert(1)> fine"),
        ("target", "t42"),
        ("key", key),
    ];
    for _ in 0..2 {
        let (status, body) = write(&amara, &yp, &form).await;
        assert_eq!(status, 200, "{body}");
    }
    let (_, page) = entries(&amara, &yp).await;
    let all = page["entries"].as_array().expect("entries");
    assert_eq!(all.len(), 1, "a resend under the same key is stored once");
    assert!(all[0]["target"].is_null());
    let html = amara
        .get(&format!("/young-people/{yp}/what-i-think"))
        .await
        .text()
        .await
        .expect("page");
    assert!(!html.contains("<img src=x"), "markup is never live");
    let (status, body) = write(&amara, &yp, &[("words", "different"), ("key", key)]).await;
    assert_eq!((status, body["detail"].as_str()), (422, Some("key_reused")));

    // Only the worker answers, and only this young person's entries.
    let entry = all[0]["id"].as_str().expect("id").to_owned();
    let (status, _) = amara
        .call(
            "answer_entry",
            &[("young_person", &yp), ("entry", &entry), ("response", "me")],
        )
        .await;
    assert_eq!(status, 404);
    let jo = app.staff(JO).await;
    let zara = app.person_id("Zara").await;
    let (status, _) = jo
        .call(
            "answer_entry",
            &[
                ("young_person", &zara),
                ("entry", &entry),
                ("response", "hi"),
            ],
        )
        .await;
    assert_eq!(
        status, 404,
        "an entry is reached only through its own young person"
    );
    let (status, body) = jo
        .call(
            "answer_entry",
            &[("young_person", &yp), ("entry", &entry), ("seen_only", "1")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = entries(&jo, &yp).await;
    assert_eq!(page["entries"][0]["seen_by"], "Jo");
    assert!(page["entries"][0]["response"].is_null());
}

#[tokio::test]
async fn asking_for_help_with_nothing_else_reaches_the_worker_once_and_shows_help() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let amara = amara_session(&app);
    let yp = app.person_id("Amara").await;

    // The one-tap button is on her home page and at the top of "What I think", before the
    // long form, each with its own key.
    for path in ["/me".to_owned(), format!("/young-people/{yp}/what-i-think")] {
        let html = amara.page(&path).await;
        let button = html
            .find("I need to talk to someone now")
            .unwrap_or_else(|| panic!("help button on {path}"));
        assert!(html.contains(r#"name="urgent" value="yes""#), "{path}");
        if let Some(form) = html.find("Tell us what you think") {
            assert!(button < form, "the button comes before the long form");
        }
    }

    // Pressed twice (a double tap, or the queue's resend) with nothing typed: one entry,
    // and help both times.
    let key = "0f0e0d0c-0b0a-4909-8807-060504030201";
    for _ in 0..2 {
        let location = amara
            .post_plain_form(
                "write_entry",
                &[("young_person", &yp), ("urgent", "yes"), ("key", key)],
            )
            .await;
        assert_eq!(location, format!("/help-now?sent={yp}"));
    }
    let (_, page) = entries(&amara, &yp).await;
    let all = page["entries"].as_array().expect("entries");
    assert_eq!(all.len(), 1, "{page}");
    assert_eq!(all[0]["urgent"], true);
    assert!(all[0]["words"].is_null() && all[0]["feeling"].is_null());

    // The worker sees it first, as urgent.
    let jo = app.staff(JO).await;
    let (_, caseload) = jo.call("caseload", &[]).await;
    assert_eq!(
        caseload["cases"][0]["name"], "Amara Penhallow",
        "{caseload}"
    );
    assert_eq!(caseload["cases"][0]["urgent_entries"], 1);
    let worker_view = jo.page(&format!("/young-people/{yp}/what-i-think")).await;
    assert!(worker_view.contains("Needs to talk to someone now"));

    // The help page: numbers and Childline's site as links, when the worker will see it,
    // and a way to add words that go as urgent too.
    let help = amara.page(&format!("/help-now?sent={yp}")).await;
    assert!(
        help.contains(r#"href="https://www.childline.org.uk/""#),
        "{help}"
    );
    assert!(help.contains("href=\"tel:08001111\"") || help.contains(r#"href="tel:08001111""#));
    assert!(help.contains("Monday to Friday, 9am to 5pm"));
    assert!(help.contains(&format!("/young-people/{yp}/what-i-think?urgent=1")));
    let add_words = amara
        .page(&format!("/young-people/{yp}/what-i-think?urgent=1"))
        .await;
    let form = add_words
        .find("Tell us what you think")
        .expect("the write form");
    assert!(
        add_words[form..].contains(r#"name="urgent" value="yes""#),
        "words added after asking for help go as urgent"
    );

    // The audit trail says it in words, with the UK date and time.
    let helen = app.staff(HELEN).await;
    let trail = helen.page(&format!("/young-people/{yp}/audit")).await;
    assert!(trail.contains("Asked to talk to someone now"), "{trail}");
    assert!(!trail.contains("give voice urgent"));
    assert!(trail.contains(" at "), "a time beside each date");

    // Only spaces and a ticked box is the same as nothing typed: still help, never a 500.
    let (status, body) = write(&amara, &yp, &[("words", "   "), ("urgent", "yes")]).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn quick_exit_is_on_every_page_a_young_person_or_parent_can_open_and_not_for_staff() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let amara = amara_session(&app);
    let yp = app.person_id("Amara").await;
    let home = app.sign_in_young_person().await;
    let cohort = home["programmes"][0]["cohort"].as_str().expect("cohort");
    let exit = r#"class="quick-exit""#;
    let pages = [
        "/me".to_owned(),
        format!("/young-people/{yp}/what-i-think"),
        "/help-now".to_owned(),
        format!("/young-people/{yp}/plan"),
        format!("/young-people/{yp}/cohorts/{cohort}/sessions/5/score"),
        format!("/young-people/{yp}/cohorts/{cohort}/progress"),
        format!("/young-people/{yp}/cohorts/{cohort}/programme/start"),
        format!("/young-people/{yp}/questionnaires/self_assessment"),
        format!("/young-people/{yp}/feedback"),
    ];
    for path in &pages {
        let html = amara.page(path).await;
        assert_eq!(html.matches(exit).count(), 1, "one quick exit on {path}");
    }
    let colm = app.carer().await;
    for path in [
        "/family".to_owned(),
        format!("/young-people/{yp}/plan"),
        format!("/young-people/{yp}/feedback"),
    ] {
        let html = colm.page(&path).await;
        assert_eq!(html.matches(exit).count(), 1, "parent's {path}");
    }
    let stranger = app.anonymous();
    for path in ["/", "/join", "/unlock", "/help-now", "/signed-out"] {
        let html = stranger.page(path).await;
        assert_eq!(html.matches(exit).count(), 1, "before signing in: {path}");
    }
    let jo = app.staff(JO).await;
    for path in ["/caseload".to_owned(), format!("/young-people/{yp}")] {
        let html = jo.page(&path).await;
        assert_eq!(html.matches(exit).count(), 0, "staff {path}");
    }

    // Quick exit ends the session: the page she was on then shows nothing of hers.
    let res = amara.get("/exit").await;
    assert_eq!(res.status(), 303);
    let (status, _) = entries(&amara, &yp).await;
    assert_ne!(status, 200);
    let after = amara
        .page(&format!("/young-people/{yp}/what-i-think"))
        .await;
    assert!(!after.contains("What you said"), "{after}");
}
