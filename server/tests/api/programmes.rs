//! Cohorts, registers, the group view, entering scores for a member, missed starts,
//! resends under an idempotency key, and programme scaling, over real HTTP.

use crate::support::{Session, TestApp};
use serde_json::Value;

const SAM: &str = "sam.okafor@northmoor.example";
const JO: &str = "jo.lindqvist@northmoor.example";
const HELEN: &str = "helen.ravensworth@northmoor.example";
const DARA: &str = "dara.whitlock@northmoor.example";
const ALEX: &str = "alex.mbeki@northmoor.example";
const MORGAN: &str = "morgan.hale@northmoor.example";

async fn group_view(session: &Session, cohort: &str, number: &str) -> (u16, Value) {
    session
        .call("group_session", &[("cohort", cohort), ("session", number)])
        .await
}

fn row<'a>(view: &'a Value, young_person: &str) -> &'a Value {
    view["session"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["young_person"] == young_person)
        .unwrap_or_else(|| panic!("{young_person} not in {view}"))
}

#[tokio::test]
async fn a_worker_starts_a_programme_changes_its_members_and_keeps_the_register() {
    let app = TestApp::spawn().await;
    let sam = app.staff(SAM).await;
    let (status, form) = sam.call("new_cohort_choices", &[]).await;
    assert_eq!(status, 200, "{form}");
    let names: Vec<&str> = form["programmes"]
        .as_array()
        .expect("programmes")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let prevention = form["programmes"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["sessions"] == 12))
        .and_then(|p| p["id"].as_str())
        .expect("the 12-week programme")
        .to_owned();
    let isla = app.person_id("Isla").await;
    let ava = app.person_id("Ava").await;
    let finn = app.person_id("Finn").await;
    let alex = app.person_id("Alex").await;

    // Bad input first: each refused with its own message, nothing created.
    let base = |name: &'static str, date: &'static str| {
        vec![
            ("programme", prevention.clone()),
            ("name", name.to_owned()),
            ("starts_on", date.to_owned()),
        ]
    };
    for (form, code) in [
        (base("   ", "2027-03-01"), "cohort_name_missing"),
        (base("Spring", "2027-02-30"), "date_invalid"),
        (
            [
                base("Spring", "2027-03-01"),
                vec![("members[]", finn.clone())],
            ]
            .concat(),
            "member_invalid",
        ),
        (
            [
                base("Spring", "2027-03-01"),
                vec![("workers[]", alex.clone())],
            ]
            .concat(),
            "worker_invalid",
        ),
    ] {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, body) = sam.call("start_cohort", &pairs).await;
        assert_eq!(status, 422, "{code}: {body}");
        assert!(body.to_string().contains(code), "{code}: {body}");
    }

    let (status, body) = sam
        .call(
            "start_cohort",
            &[
                ("programme", prevention.as_str()),
                ("name", "  Isla:   prevention "),
                ("starts_on", "2027-03-01"),
                ("members[]", isla.as_str()),
            ],
        )
        .await;
    assert!(status < 400, "{status} {body}");
    let cohort = sam.cohort_named("Isla: prevention").await;

    for (young_person, change) in [(&ava, "add"), (&isla, "remove")] {
        let (status, body) = sam
            .call(
                "change_membership",
                &[
                    ("cohort", cohort.as_str()),
                    ("young_person", young_person.as_str()),
                    ("change", change),
                ],
            )
            .await;
        assert_eq!(status, 200, "{change}: {body}");
    }
    let (status, page) = sam.call("cohort", &[("cohort", cohort.as_str())]).await;
    assert_eq!(status, 200, "{page}");
    let members: Vec<&str> = page["cohort"]["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert_eq!(members, vec!["Ava Brightwater"]);
    assert_eq!(
        page["cohort"]["sessions"].as_array().map(Vec::len),
        Some(12)
    );

    // A young person of another team cannot be added.
    let (status, body) = sam
        .call(
            "change_membership",
            &[
                ("cohort", cohort.as_str()),
                ("young_person", finn.as_str()),
                ("change", "add"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{body}");

    let (status, body) = sam
        .call(
            "mark_register",
            &[
                ("cohort", cohort.as_str()),
                ("session", "1"),
                ("young_person", ava.as_str()),
                ("attended", "yes"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = sam
        .call(
            "mark_register",
            &[
                ("cohort", cohort.as_str()),
                ("session", "1"),
                ("young_person", ava.as_str()),
                ("attended", "maybe"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (_, view) = group_view(&sam, &cohort, "1").await;
    assert_eq!(row(&view, &ava)["attended"], true);

    // Without JavaScript each form returns to its page, with the problem named.
    let register = [
        ("cohort", cohort.as_str()),
        ("session", "1"),
        ("young_person", ava.as_str()),
    ];
    let back = sam.post_plain_form("mark_register", &register).await;
    assert_eq!(
        back,
        format!("/cohorts/{cohort}/sessions/1?error=attendance_invalid")
    );
    let back = sam
        .post_plain_form(
            "mark_register",
            &[&register[..], &[("attended", "no")]].concat(),
        )
        .await;
    assert_eq!(back, format!("/cohorts/{cohort}/sessions/1"));
    // Removed members keep their history but leave the register.
    assert!(view["session"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .all(|r| r["young_person"] != isla.as_str()));
}

#[tokio::test]
async fn a_facilitator_enters_a_score_for_a_member_without_a_phone() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await; // Amara, allocated to Jo, in the group Sam also runs
    let sam = app.staff(SAM).await;
    let mut form = m.form("start", Some("7"));
    form.push(("from", "group"));
    let (status, body) = sam.call("save_session_score", &form).await;
    assert_eq!(status, 200, "{body}");
    let (status, view) = group_view(&sam, &m.cohort, "5").await;
    assert_eq!(status, 200, "{view}");
    let amara = row(&view, &m.young_person);
    assert_eq!(amara["scores"]["start"], 7);
    assert_eq!(amara["entered_by_worker"], true);
    assert_eq!(view["may_record"], true);

    // Their manager watches but does not enter scores.
    let helen = app.staff(HELEN).await;
    let (status, view) = group_view(&helen, &m.cohort, "5").await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["may_record"], false);
    let (status, _) = helen
        .call("save_session_score", &m.form("end", Some("8")))
        .await;
    assert_eq!(status, 404);
    assert_eq!(app.scores(&m).await["end"], Value::Null);
}

#[tokio::test]
async fn a_score_for_someone_not_in_the_session_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let sam = app.staff(SAM).await;
    let isla = app.person_id("Isla").await; // in the team, not in the group
    let outsider = crate::support::Member {
        young_person: isla.clone(),
        ..m.clone()
    };
    let (status, body) = sam
        .call("save_session_score", &outsider.form("start", Some("5")))
        .await;
    assert_eq!(status, 403, "{body}");
    assert!(body.to_string().contains("not_in_session"), "{body}");
    let stored = app
        .count(
            "SELECT COUNT(*) FROM session_scores WHERE young_person_id = $1",
            &isla,
        )
        .await;
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn the_end_score_waits_for_the_start_unless_the_worker_notes_a_missed_start() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let (status, body) = app
        .call("save_session_score", &m.form("end", Some("6")))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("end_before_start"), "{body}");

    let jo = app.staff(JO).await;
    let (status, body) = jo
        .call(
            "mark_register",
            &[
                ("cohort", m.cohort.as_str()),
                ("session", "5"),
                ("young_person", m.young_person.as_str()),
                ("missed_start", "yes"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app
        .call("save_session_score", &m.form("end", Some("6")))
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, view) = group_view(&jo, &m.cohort, "5").await;
    let amara = row(&view, &m.young_person);
    assert_eq!(amara["scores"]["start_missed"], true);
    assert_eq!(amara["scores"]["end"], 6);
}

#[tokio::test]
async fn a_resent_score_is_stored_once_and_a_key_reused_for_other_content_is_refused() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let key = "7b0d3c52-7a6e-4f0e-9d8e-2a1c4b5d6e7f";
    let mut form = m.form("start", Some("4"));
    form.push(("key", key));
    let (status, first) = app.call("save_session_score", &form).await;
    assert_eq!(status, 200, "{first}");
    let (status, again) = app.call("save_session_score", &form).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(first["id"], again["id"], "the resend is the same score");
    let stored = app
        .count(
            "SELECT COUNT(*) FROM session_scores WHERE idempotency_key = $1",
            key,
        )
        .await;
    assert_eq!(stored, 1);

    let mut changed = m.form("start", Some("9"));
    changed.push(("key", key));
    let (status, body) = app.call("save_session_score", &changed).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("key_reused"), "{body}");
    assert_eq!(app.scores(&m).await["start"], 4, "nothing new stored");
    let refused = app.count(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'record_score_key_reused' AND subject_id = $1",
        &m.young_person,
    )
    .await;
    assert_eq!(refused, 1);

    let mut malformed = m.form("start", Some("4"));
    malformed.push(("key", "not a key"));
    let (status, body) = app.call("save_session_score", &malformed).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("key_invalid"), "{body}");
}

#[tokio::test]
async fn programme_scaling_takes_all_three_answers_and_shows_in_progress() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let base = [
        ("young_person", m.young_person.as_str()),
        ("cohort", m.cohort.as_str()),
        ("stage", "end"),
    ];
    let (status, body) = app
        .call(
            "save_programme_scaling",
            &[&base[..], &[("learning", "8"), ("risk_taking", "2")]].concat(),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("measure_missing"), "{body}");
    let (status, body) = app
        .call(
            "save_programme_scaling",
            &[
                &base[..],
                &[
                    ("learning", "8"),
                    ("risk_taking", "2"),
                    ("consequences", "11"),
                ],
            ]
            .concat(),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("score_out_of_range"), "{body}");

    let full = [
        &base[..],
        &[
            ("learning", "8"),
            ("risk_taking", "2"),
            ("consequences", "9"),
            ("key", "0f5e3c1a-programme-end-0001"),
        ],
    ]
    .concat();
    for _ in 0..2 {
        let (status, body) = app.call("save_programme_scaling", &full).await;
        assert!(status < 400, "{status} {body}");
    }
    let stored = app
        .count(
            "SELECT COUNT(*) FROM programme_scores WHERE stage = 'end' AND young_person_id = $1",
            &m.young_person,
        )
        .await;
    assert_eq!(stored, 3, "three answers, stored once");

    let (status, progress) = app
        .call(
            "progress",
            &[
                ("young_person", m.young_person.as_str()),
                ("cohort", m.cohort.as_str()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{progress}");
    assert_eq!(progress["programme_end"]["learning"], 8);
    assert_eq!(progress["programme_end"]["risk_taking"], 2);
    assert!(
        progress["programme_start"]["learning"].is_number(),
        "the demo's start answers"
    );
    assert_eq!(
        progress["sessions"].as_array().map(Vec::len),
        Some(5),
        "scored sessions only"
    );
}

/// Who may use a one-to-one cohort run by Sam alone (Elijah's): each seat against the
/// group view, the register, entering a score for the member, and the live event stream.
#[tokio::test]
async fn the_cohort_authorisation_matrix() {
    let app = TestApp::spawn().await;
    let sam = app.staff(SAM).await;
    let cohort = sam.cohort_named("Elijah: prevention").await;
    let elijah = app.person_id("Elijah").await;
    let seats: Vec<(&str, Session, [bool; 4])> = vec![
        // seat, session, [view, register, record for member, live stream]
        (
            "facilitator",
            app.staff(SAM).await,
            [true, true, true, true],
        ),
        (
            "same-team worker, not running it",
            app.staff(JO).await,
            [false; 4],
        ),
        (
            "team manager",
            app.staff(HELEN).await,
            [true, true, false, true],
        ),
        ("other team's manager", app.staff(DARA).await, [false; 4]),
        ("other team's worker", app.staff(ALEX).await, [false; 4]),
        ("administrator", app.staff(MORGAN).await, [false; 4]),
        (
            "young person not in it (Amara)",
            {
                app.sign_in_young_person().await;
                Session {
                    base: app.base.clone(),
                    client: app.client.clone(),
                }
            },
            [false; 4],
        ),
        ("signed out", app.anonymous(), [false; 4]),
    ];
    for (seat, session, [view, register, record, live]) in seats {
        let (status, _) = group_view(&session, &cohort, "1").await;
        assert_eq!(status == 200, view, "{seat}: view → {status}");
        let (status, _) = session
            .call(
                "mark_register",
                &[
                    ("cohort", cohort.as_str()),
                    ("session", "1"),
                    ("young_person", elijah.as_str()),
                    ("attended", "yes"),
                ],
            )
            .await;
        assert_eq!(status == 200, register, "{seat}: register → {status}");
        let (status, _) = session
            .call(
                "save_session_score",
                &[
                    ("young_person", elijah.as_str()),
                    ("cohort", cohort.as_str()),
                    ("session", "1"),
                    ("stage", "start"),
                    ("score", "5"),
                ],
            )
            .await;
        assert_eq!(status == 200, record, "{seat}: record → {status}");
        let res = session
            .client
            .get(format!("{}/live/cohorts/{cohort}/sessions/1", app.base))
            .send()
            .await
            .expect("GET live");
        let ok = res.status() == 200
            && res.headers()["content-type"]
                .to_str()
                .is_ok_and(|t| t.starts_with("text/event-stream"));
        assert_eq!(ok, live, "{seat}: live → {}", res.status());
    }
}

#[tokio::test]
async fn everyone_came_fills_the_register_in_one_press_and_keeps_marks_already_made() {
    let app = TestApp::spawn().await;
    let jo = app.staff(JO).await;
    let cohort = jo.cohort_named("Autumn group").await;
    let ava = app.person_id("Ava").await;
    let (status, body) = jo
        .call(
            "mark_register",
            &[
                ("cohort", cohort.as_str()),
                ("session", "5"),
                ("young_person", ava.as_str()),
                ("attended", "no"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = jo
        .call(
            "mark_everyone_came",
            &[("cohort", cohort.as_str()), ("session", "5")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, view) = group_view(&jo, &cohort, "5").await;
    let rows = view["session"]["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 10);
    for r in rows {
        let expected = r["young_person"] != ava.as_str();
        assert_eq!(r["attended"], expected, "{r}");
    }
    // Pressed twice: nothing changes, nothing fails.
    let (status, _) = jo
        .call(
            "mark_everyone_came",
            &[("cohort", cohort.as_str()), ("session", "5")],
        )
        .await;
    assert_eq!(status, 200);
    // Someone outside the group's staff cannot.
    let dara = app.staff(DARA).await;
    let (status, _) = dara
        .call(
            "mark_everyone_came",
            &[("cohort", cohort.as_str()), ("session", "5")],
        )
        .await;
    assert_eq!(status, 404);

    // The page shows which answer is chosen, offers this week's session from the group's
    // page, and the programme scores of each member.
    let html = jo.page(&format!("/cohorts/{cohort}/sessions/5")).await;
    assert!(
        html.contains(r#"aria-pressed="true""#),
        "the chosen answer is pressed"
    );
    assert!(
        html.contains("/programme/start"),
        "programme scores from the group view"
    );
    let group = jo.page(&format!("/cohorts/{cohort}")).await;
    assert!(
        group.contains("Open this week's session (session 5)")
            || group.contains("Open this week&#x27;s session (session 5)")
            || group.contains("Open this week&#39;s session (session 5)"),
        "{group}"
    );
}

#[tokio::test]
async fn each_child_a_group_page_shows_has_the_read_on_their_own_trail() {
    let app = TestApp::spawn().await;
    let m = app.group_member().await;
    let ava = app.person_id("Ava").await; // in the group, not in Jo's caseload
    let jo = app.staff(JO).await;
    let (status, page) = jo.call("cohort", &[("cohort", m.cohort.as_str())]).await;
    assert_eq!(status, 200, "{page}");
    let (status, _) = group_view(&jo, &m.cohort, "5").await;
    assert_eq!(status, 200);

    let helen = app.staff(HELEN).await;
    for yp in [&m.young_person, &ava] {
        let (status, trail) = helen
            .call("audit_trail", &[("young_person", yp.as_str())])
            .await;
        assert_eq!(status, 200, "{trail}");
        let by_jo: Vec<&str> = trail["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .filter(|e| e["actor"] == "Jo Lindqvist")
            .filter_map(|e| e["action"].as_str())
            .collect();
        assert!(by_jo.contains(&"view_cohort"), "{yp}: {by_jo:?}");
        assert!(by_jo.contains(&"view_scores"), "{yp}: {by_jo:?}");
    }
}
