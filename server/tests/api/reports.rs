//! The manager's cohort report over real HTTP: the arithmetic against a group whose figures
//! were worked out by hand (the seed quarterly report's 7 → 8, 6 → 9, 5 → 8), the
//! small-number rule, CSV downloads, who may see it, and its audit trail.

use crate::support::{Session, TestApp};
use serde_json::Value;

const JO: &str = "jo.lindqvist@northmoor.example";
const HELEN: &str = "helen.ravensworth@northmoor.example";
const DARA: &str = "dara.whitlock@northmoor.example";
const MORGAN: &str = "morgan.hale@northmoor.example";

/// The summer group, by hand: (county lines, role models, mental health) as (start, end).
/// Averages: county lines 35/5 = 7 → 40/5 = 8; role models 30/5 = 6 → 45/5 = 9;
/// mental health 25/5 = 5 → 40/5 = 8.
const SESSION_SCORES: [[(u8, u8); 3]; 5] = [
    [(7, 8), (6, 9), (5, 8)],
    [(6, 7), (5, 9), (4, 7)],
    [(8, 9), (7, 10), (6, 9)],
    [(7, 8), (6, 8), (5, 8)],
    [(7, 8), (6, 9), (5, 8)],
];
const SCORED: [&str; 3] = ["1", "3", "4"];
/// First and last programme scores, the same on all three questions. Learning averages
/// 20/5 = 4.0 at the start and 37/5 = 7.4 at the end.
const PROGRAMME: [(u8, u8); 5] = [(3, 8), (4, 7), (2, 9), (5, 5), (6, 8)];
const MEMBERS: [&str; 5] = ["Ava", "Leo", "Noah", "Kai", "Tyler"];

struct Fixture {
    programme: String,
}

async fn ok(session: &Session, function: &str, form: &[(&str, &str)]) -> Value {
    let (status, body) = session.call(function, form).await;
    assert!(status < 400, "{function}: {status} {body}");
    body
}

/// Jo runs a summer group of five and records everything a worker would: the register,
/// the session scores, the programme scores.
async fn summer_group(app: &TestApp) -> Fixture {
    let jo = app.staff(JO).await;
    let choices = ok(&jo, "new_cohort_choices", &[]).await;
    let programme = choices["programmes"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["sessions"] == 6))
        .and_then(|p| p["id"].as_str())
        .expect("the six-session group programme")
        .to_owned();
    let mut members = Vec::new();
    for name in MEMBERS {
        members.push(app.person_id(name).await);
    }
    let mut form = vec![
        ("programme", programme.as_str()),
        ("name", "Summer group"),
        ("starts_on", "2026-07-06"),
    ];
    form.extend(members.iter().map(|m| ("members[]", m.as_str())));
    ok(&jo, "start_cohort", &form).await;
    let cohorts = ok(&jo, "cohorts", &[]).await;
    let cohort = cohorts["cohorts"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == "Summer group"))
        .and_then(|c| c["id"].as_str())
        .expect("the summer group")
        .to_owned();

    for (i, young_person) in members.iter().enumerate() {
        let at = |session: &'static str| {
            vec![
                ("young_person", young_person.as_str()),
                ("cohort", cohort.as_str()),
                ("session", session),
                ("from", "group"),
            ]
        };
        // Everyone came to 1, 3, 4 and the celebration (4 of 6); the first three also came
        // to session 2 and scored it, too few for its averages to be shown.
        let mut came = vec!["1", "3", "4", "6"];
        if i < 3 {
            came.push("2");
        }
        for session in ["1", "2", "3", "4", "5", "6"] {
            let attended = if came.contains(&session) { "yes" } else { "no" };
            let mut register = at(session);
            register.truncate(3);
            register.push(("attended", attended));
            ok(&jo, "mark_register", &register).await;
        }
        let mut scored: Vec<(&str, (u8, u8))> =
            SCORED.iter().copied().zip(SESSION_SCORES[i]).collect();
        if i < 3 {
            scored.push(("2", (4, 6)));
        }
        for (session, (start, end)) in scored {
            for (stage, score) in [("start", start), ("end", end)] {
                let score = score.to_string();
                let mut form = at(session);
                form.extend([("stage", stage), ("score", score.as_str())]);
                ok(&jo, "save_session_score", &form).await;
            }
        }
        let (first, last) = PROGRAMME[i];
        for (stage, score) in [("start", first), ("end", last)] {
            let score = score.to_string();
            let form = [
                ("young_person", young_person.as_str()),
                ("cohort", cohort.as_str()),
                ("stage", stage),
                ("learning", score.as_str()),
                ("risk_taking", score.as_str()),
                ("consequences", score.as_str()),
            ];
            ok(&jo, "save_programme_scaling", &form).await;
        }
    }
    Fixture { programme }
}

fn quarter(programme: &str) -> [(&str, &str); 3] {
    [
        ("programme", programme),
        ("from", "2026-07-01"),
        ("to", "2026-09-30"),
    ]
}

fn session_row(report: &Value, number: u64) -> &Value {
    report["sessions"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["number"] == number))
        .unwrap_or_else(|| panic!("no session {number} in {report}"))
}

#[tokio::test]
async fn the_cohort_report_reproduces_hand_worked_figures_and_withholds_small_numbers() {
    let app = TestApp::spawn().await;
    let fixture = summer_group(&app).await;
    let helen = app.staff(HELEN).await;
    let page = ok(&helen, "cohort_report", &quarter(&fixture.programme)).await;
    assert_eq!(page["problem"], Value::Null, "{page}");
    let report = &page["report"][1];
    // The demo's autumn group started in October: outside this quarter.
    assert_eq!(
        report["cohorts"],
        serde_json::json!(["Summer group"]),
        "{report}"
    );
    assert_eq!(report["participants"]["Shown"], 5);

    // Averages are kept in tenths: 70 is 7.0.
    for (number, start, end) in [(1, 70, 80), (3, 60, 90), (4, 50, 80)] {
        let row = session_row(report, number);
        assert_eq!(row["start"]["Shown"], start, "session {number}: {row}");
        assert_eq!(row["end"]["Shown"], end, "session {number}: {row}");
        assert_eq!(row["paired"]["Shown"], 5);
    }
    // Three people scored session 2: withheld, as are its counts.
    let two = session_row(report, 2);
    assert_eq!(two["start"], "Suppressed", "{two}");
    assert_eq!(two["end"], "Suppressed");
    assert_eq!(two["paired"], "Suppressed");
    // Nobody scored session 5: no average, and "nobody" is not withheld.
    assert_eq!(session_row(report, 5)["start"], "Empty");
    assert_eq!(session_row(report, 5)["attended"]["Shown"], 0);
    assert_eq!(
        report["sessions"].as_array().map(Vec::len),
        Some(5),
        "the celebration is not scored"
    );

    let learning = &report["measures"][0];
    assert_eq!(learning["measure"], "learning");
    assert_eq!(learning["start"]["Shown"], 40);
    assert_eq!(learning["end"]["Shown"], 74);

    // One row per young person, numbered not named; together they are the hand-made pairs.
    let people = report["people"].as_array().expect("people");
    let mut pairs: Vec<(u64, u64)> = people
        .iter()
        .map(|p| {
            let learning = &p["scores"][0];
            (
                learning[1].as_u64().expect("first"),
                learning[2].as_u64().expect("last"),
            )
        })
        .collect();
    pairs.sort_unstable();
    assert_eq!(pairs, vec![(2, 9), (3, 8), (4, 7), (5, 5), (6, 8)]);
    let text = page.to_string();
    for name in MEMBERS {
        assert!(!text.contains(name), "{name} named in the report");
    }

    // Everyone came to 4 of 6; 15 + 3 pairs of 18 scored sessions attended.
    assert_eq!(report["engagement"]["threshold"], 4);
    assert_eq!(report["engagement"]["engaged"]["Shown"], 5);
    assert_eq!(report["engagement"]["percent"]["Shown"], 100);
    assert_eq!(report["completeness"]["attended"], 18);
    assert_eq!(report["completeness"]["paired"], 18);
    assert_eq!(report["completeness"]["programme_paired"]["Shown"], 5);

    // The server-rendered page shows the same figures.
    let html = helen
        .page(&format!(
            "/reports/cohorts?programme={}&from=2026-07-01&to=2026-09-30",
            fixture.programme
        ))
        .await;
    for expected in [
        "7.0",
        "9.0",
        "fewer than 5",
        "Young person 5",
        "3 → 8",
        "100%",
    ] {
        assert!(html.contains(expected), "{expected} missing from the page");
    }
}

#[tokio::test]
async fn each_table_downloads_as_csv_with_the_same_rules() {
    let app = TestApp::spawn().await;
    let fixture = summer_group(&app).await;
    let helen = app.staff(HELEN).await;
    let address = |table: &str| {
        format!(
            "/reports/cohorts.csv?programme={}&from=2026-07-01&to=2026-09-30&table={table}",
            fixture.programme
        )
    };
    let response = helen.get(&address("sessions")).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"sessions-2026-07-01-to-2026-09-30.csv\""
    );
    assert_eq!(headers["cache-control"], "no-store");
    let csv = response.text().await.expect("csv");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Session,Topic,Young people who came,Gave both scores,Average at start,Average at end,Change"
    );
    assert_eq!(lines[1], "1,County lines,5,5,7.0,8.0,+1.0");
    assert_eq!(
        lines[2],
        "2,Gangs and knives,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5"
    );
    assert_eq!(
        lines[3],
        "3,Role models and peer influences,5,5,6.0,9.0,+3.0"
    );
    assert_eq!(lines[4], "4,Mental health and wellbeing,5,5,5.0,8.0,+3.0");
    assert_eq!(lines[5], "5,Drugs and alcohol,0,0,,,");

    let people = helen
        .get(&address("young-people"))
        .await
        .text()
        .await
        .expect("csv");
    assert_eq!(
        people.lines().count(),
        6,
        "a header and five people: {people}"
    );
    assert!(people.contains("\r\n1,"), "{people}");
    let engagement = helen
        .get(&address("engagement"))
        .await
        .text()
        .await
        .expect("csv");
    assert!(
        engagement.contains("Came to at least 4 of 6 sessions,5,100\r\n"),
        "{engagement}"
    );

    // An unknown table, and an edited address with a backwards period.
    assert_eq!(helen.get(&address("everything")).await.status(), 404);
    let backwards = format!(
        "/reports/cohorts.csv?programme={}&from=2026-10-01&to=2026-09-30&table=sessions",
        fixture.programme
    );
    let response = helen.get(&backwards).await;
    assert_eq!(response.status(), 400);
    assert!(response
        .text()
        .await
        .expect("text")
        .contains("check the programme and the dates"));

    let audit = count_audit(&app, "download_report").await;
    assert_eq!(audit, 3, "each download made is audited");
}

#[tokio::test]
async fn only_managers_see_reports_and_only_of_their_own_team() {
    let app = TestApp::spawn().await;
    let fixture = summer_group(&app).await;
    let form = quarter(&fixture.programme);
    let csv = format!(
        "/reports/cohorts.csv?programme={}&from=2026-07-01&to=2026-09-30&table=sessions",
        fixture.programme
    );
    for email in [JO, MORGAN] {
        let staff = app.staff(email).await;
        let (status, body) = staff.call("cohort_report", &form).await;
        assert_eq!(status, 404, "{email}: {body}");
        assert_eq!(staff.get(&csv).await.status(), 404, "{email}");
        let html = staff
            .get("/reports/cohorts")
            .await
            .text()
            .await
            .expect("page");
        assert!(!html.contains("Average at start"), "{email} sees a report");
    }
    let (status, _) = app.default_session().call("cohort_report", &form).await;
    assert_eq!(status, 401);
    assert_eq!(app.anonymous().get(&csv).await.status(), 401);

    // Another team's manager: the same programme and quarter hold none of their cohorts.
    let dara = app.staff(DARA).await;
    let page = ok(&dara, "cohort_report", &form).await;
    let report = &page["report"][1];
    assert_eq!(report["cohorts"], serde_json::json!([]), "{report}");
    assert_eq!(report["participants"]["Shown"], 0);
    assert!(report["people"].as_array().is_some_and(Vec::is_empty));

    let helen = app.staff(HELEN).await;
    ok(&helen, "cohort_report", &form).await;
    assert_eq!(
        count_audit(&app, "view_report").await,
        2,
        "Dara's and Helen's reads"
    );
    assert_eq!(
        count_refused(&app, "view_report").await,
        4,
        "Jo's and Morgan's attempts (each called the function and opened the page), refused and audited"
    );
    assert_eq!(count_refused(&app, "download_report").await, 2);
}

#[tokio::test]
async fn a_mistaken_choice_is_explained_and_kept_in_the_boxes() {
    let app = TestApp::spawn().await;
    let helen = app.staff(HELEN).await;
    let page = ok(
        &helen,
        "cohort_report",
        &[
            ("programme", ""),
            ("from", "2026-10-01"),
            ("to", "2026-09-30"),
        ],
    )
    .await;
    assert_eq!(page["problem"], "report_period_backwards", "{page}");
    assert_eq!(page["report"], Value::Null);
    assert_eq!(
        (page["from"].as_str(), page["to"].as_str()),
        (Some("2026-10-01"), Some("2026-09-30"))
    );
    let page = ok(
        &helen,
        "cohort_report",
        &[("programme", "x"), ("from", ""), ("to", "")],
    )
    .await;
    assert_eq!(page["problem"], "report_programme_unknown");
    let page = ok(
        &helen,
        "cohort_report",
        &[("programme", ""), ("from", "2026-02-30"), ("to", "")],
    )
    .await;
    assert_eq!(page["problem"], "date_invalid");
    assert_eq!(page["from"], "2026-02-30");

    // Without JavaScript: the same message on the page, the typed dates still there.
    let html = helen
        .get("/reports/cohorts?programme=&from=2026-10-01&to=2026-09-30")
        .await
        .text()
        .await
        .expect("page");
    assert!(html.contains("The start of the period must be on or before its end"));
    // Shown back in the UK order the person types.
    assert!(html.contains("value=\"01/10/2026\""), "{html}");

    // Blank choices give this year's report of the first programme, with the demo's group.
    let page = ok(
        &helen,
        "cohort_report",
        &[("programme", ""), ("from", ""), ("to", "")],
    )
    .await;
    assert_eq!(page["problem"], Value::Null);
    assert!(page["report"][1]["cohorts"]
        .as_array()
        .is_some_and(|c| c.iter().any(|n| n == "Autumn group")));
}

/// Reads made (refusals are counted by [`count_refused`]).
async fn count_audit(app: &TestApp, action: &str) -> i64 {
    app.count(
        "SELECT COUNT(*) FROM audit_events
         WHERE action = $1 AND record_type = 'cohort_report' AND outcome = 'done'",
        action,
    )
    .await
}

async fn count_refused(app: &TestApp, action: &str) -> i64 {
    app.count(
        "SELECT COUNT(*) FROM audit_events
         WHERE action = $1 AND record_type = 'cohort_report' AND outcome = 'denied'",
        action,
    )
    .await
}

#[tokio::test]
async fn a_report_can_be_run_for_one_group_and_names_the_groups_it_counts() {
    let app = TestApp::spawn().await;
    let fixture = summer_group(&app).await;
    let jo = app.staff(JO).await;
    // A second group of the same programme in the same quarter, with one member.
    let kai = app.person_id("Kai").await;
    ok(
        &jo,
        "start_cohort",
        &[
            ("programme", fixture.programme.as_str()),
            ("name", "Late summer group"),
            ("starts_on", "2026-09-01"),
            ("members[]", kai.as_str()),
        ],
    )
    .await;
    let summer = jo.cohort_named("Summer group").await;
    let helen = app.staff(HELEN).await;
    let page = ok(&helen, "cohort_report", &quarter(&fixture.programme)).await;
    assert_eq!(
        page["report"][1]["cohorts"],
        serde_json::json!(["Summer group", "Late summer group"])
    );
    // The groups offered are the team's groups of this programme.
    let offered: Vec<&str> = page["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g[1].as_str())
        .collect();
    assert!(offered.contains(&"Summer group") && offered.contains(&"Late summer group"));

    let mut form = quarter(&fixture.programme).to_vec();
    form.push(("cohort", summer.as_str()));
    let page = ok(&helen, "cohort_report", &form).await;
    let report = &page["report"][1];
    assert_eq!(report["cohorts"], serde_json::json!(["Summer group"]));
    assert_eq!(report["participants"]["Shown"], 5);
    let html = helen
        .page(&format!(
            "/reports/cohorts?programme={}&from=2026-07-01&to=2026-09-30&cohort={summer}",
            fixture.programme
        ))
        .await;
    assert!(html.contains("Groups counted: Summer group"), "{html}");
    assert!(!html.contains("1 groups"), "no '1 groups'");
    // The CSV of that group alone has the change column.
    let csv = helen
        .get(&format!(
            "/reports/cohorts.csv?programme={}&from=2026-07-01&to=2026-09-30&cohort={summer}&table=sessions",
            fixture.programme
        ))
        .await
        .text()
        .await
        .expect("csv");
    assert!(csv.contains("1,County lines,5,5,7.0,8.0,+1.0"), "{csv}");
    // A malformed group is a clear message, not a 500.
    let mut form = quarter(&fixture.programme).to_vec();
    form.push(("cohort", "not-a-group"));
    let page = ok(&helen, "cohort_report", &form).await;
    assert_eq!(page["problem"], "report_group_unknown");
}
