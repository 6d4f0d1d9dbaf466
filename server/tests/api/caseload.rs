//! The worker's caseload over real HTTP: programme progress, latest scores, missing scores,
//! last activity and new feedback beside each name; filtering and sorting with and without
//! JavaScript; and the manager's team overview with answer times.

use crate::support::{Session, TestApp};
use serde_json::Value;

const JO: &str = "jo.lindqvist@northmoor.example";
const HELEN: &str = "helen.ravensworth@northmoor.example";

async fn cases(who: &Session, show: &str, sort: &str) -> Vec<Value> {
    let (status, page) = who
        .call("caseload", &[("show", show), ("sort", sort)])
        .await;
    assert_eq!(status, 200, "{page}");
    page["cases"].as_array().expect("cases").clone()
}

fn row<'a>(cases: &'a [Value], name: &str) -> &'a Value {
    cases
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in the caseload"))
}

fn names(cases: &[Value]) -> Vec<&str> {
    cases.iter().filter_map(|c| c["name"].as_str()).collect()
}

#[tokio::test]
async fn each_case_shows_where_the_young_person_is_and_what_is_missing() {
    let app = TestApp::spawn().await;
    let member = app.group_member().await; // Amara, signed in, at session 5 of her group
    let jo = app.staff(JO).await;

    let before = cases(&jo, "", "").await;
    let amara = row(&before, "Amara Penhallow");
    let programme = &amara["programme"];
    assert_eq!(
        programme["programme"], "Staying safe: criminal exploitation",
        "{amara}"
    );
    assert_eq!(programme["sessions"], 6);
    assert!(amara["last_activity"]
        .as_str()
        .is_some_and(|at| at.starts_with("2026-")));
    assert!(
        row(&before, "Isla Brackenridge")["programme"].is_null(),
        "Isla is not in a programme"
    );
    let missing_before = programme["missing_scores"].as_u64().expect("missing");
    let came_before = programme["attended"].as_u64().expect("attended");

    // Session 5: Jo marks Amara present, and Amara gives only her start score.
    let (status, body) = jo
        .call(
            "mark_register",
            &[
                ("cohort", member.cohort.as_str()),
                ("session", "5"),
                ("young_person", member.young_person.as_str()),
                ("attended", "yes"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app
        .call("save_session_score", &member.form("start", Some("6")))
        .await;
    assert_eq!(status, 200, "{body}");

    let after = cases(&jo, "", "").await;
    let amara = row(&after, "Amara Penhallow");
    assert_eq!(amara["programme"]["attended"], came_before + 1);
    assert_eq!(
        amara["programme"]["missing_scores"],
        missing_before + 1,
        "a start without an end"
    );
    assert_eq!(
        amara["programme"]["latest"],
        serde_json::json!([5, 6, null])
    );
    let today = amara["last_activity"].as_str().expect("last activity");
    assert!(today > "2026-11-01", "{today}");
    assert!(
        names(&cases(&jo, "attention", "").await).contains(&"Amara Penhallow"),
        "missing scores need attention"
    );

    // The server-rendered page says it in words.
    let html = jo.page("/caseload").await;
    assert!(
        html.contains("Latest scores: session 5, 6 → –"),
        "latest scores in words"
    );
    assert!(html.contains("Showing 6 of 6 young people"));
}

#[tokio::test]
async fn the_caseload_filters_and_sorts_on_the_server() {
    let app = TestApp::spawn().await;
    let jo = app.staff(JO).await;
    let by_name = cases(&jo, "all", "name").await;
    let mut sorted = names(&by_name);
    sorted.sort_unstable();
    assert_eq!(names(&by_name), sorted);
    assert_eq!(by_name.len(), 6);

    let in_programme = cases(&jo, "programme", "name").await;
    assert!(!names(&in_programme).contains(&"Isla Brackenridge"));
    assert_eq!(in_programme.len(), 5);
    assert!(cases(&jo, "closed", "").await.is_empty());

    // Isla has nothing recorded: the quietest case, and last by most recent.
    let quietest = cases(&jo, "open", "quietest").await;
    assert_eq!(quietest[0]["name"], "Isla Brackenridge");
    let recent = cases(&jo, "open", "recent").await;
    assert_eq!(
        recent.last().map(|c| &c["name"]),
        Some(&Value::from("Isla Brackenridge"))
    );

    // Unknown choices fall back to the defaults rather than failing.
    let (status, page) = jo
        .call("caseload", &[("show", "everything!"), ("sort", "<b>")])
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (page["filter"].as_str(), page["sort"].as_str()),
        (Some("Open"), Some("Attention"))
    );

    // Without JavaScript the same choices come from the address, and stay chosen.
    let html = jo.page("/caseload?show=programme&sort=name").await;
    assert!(html.contains("Showing 5 of 6 young people"));
    assert!(
        html.contains(r#"<option value="programme" selected"#),
        "the filter stays chosen"
    );
}

#[tokio::test]
async fn new_feedback_and_answer_times_reach_the_worker_and_the_manager() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    let me = app.default_session();
    let jo = app.staff(JO).await;
    let helen = app.staff(HELEN).await;

    let (status, before) = helen.call("team_overview", &[]).await;
    assert_eq!(status, 200, "{before}");
    let jo_row = |overview: &Value| {
        overview["overview"]["workers"]
            .as_array()
            .and_then(|w| w.iter().find(|w| w["name"] == "Jo Lindqvist").cloned())
            .expect("Jo in the team")
    };
    assert_eq!(jo_row(&before)["open_cases"], 6);
    assert_eq!(jo_row(&before)["urgent_waiting"], 0);

    // Amara gives feedback and writes an urgent entry.
    let (_, set) = me
        .call(
            "questionnaire",
            &[
                ("young_person", &amara),
                ("purpose", "young_person_feedback"),
            ],
        )
        .await;
    let version = set["version"]["id"].as_str().expect("version").to_owned();
    let (status, body) = me
        .call(
            "save_answers",
            &[
                ("young_person", &amara),
                ("purpose", "young_person_feedback"),
                ("version", &version),
                ("answers[q1][]", "9"),
                ("answers[q2][]", "9"),
                ("answers[q3][]", "9"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = me
        .call(
            "write_entry",
            &[
                ("young_person", &amara),
                ("words", "Can we talk"),
                ("urgent", "yes"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");

    let list = cases(&jo, "", "").await;
    assert_eq!(list[0]["name"], "Amara Penhallow");
    assert_eq!(list[0]["unseen_feedback"], 1);
    let (_, during) = helen.call("team_overview", &[]).await;
    assert_eq!(jo_row(&during)["urgent_waiting"], 1);
    assert_eq!(jo_row(&during)["feedback_unseen"], 1);
    assert!(jo_row(&during)["longest_waiting_minutes"]
        .as_u64()
        .is_some());

    let (_, page) = jo.call("what_i_think", &[("young_person", &amara)]).await;
    let entry = page["entries"][0]["id"].as_str().expect("entry").to_owned();
    let (status, body) = jo
        .call(
            "answer_entry",
            &[
                ("young_person", &amara),
                ("entry", &entry),
                ("response", "Calling you now"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, after) = helen.call("team_overview", &[]).await;
    let jo_after = jo_row(&after);
    assert_eq!(jo_after["urgent_waiting"], 0);
    assert_eq!(jo_after["answered"], 1);
    assert!(
        jo_after["median_minutes"].as_u64().is_some_and(|m| m < 5),
        "{jo_after}"
    );
    assert_eq!(after["overview"]["team_answered"], 1);

    // As a file: one row per worker, times in minutes.
    let response = helen.get("/reports/team.csv").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let csv = response.text().await.expect("csv");
    assert!(
        csv.starts_with("Worker,Open cases,\"Urgent, not answered\",Entries not seen,"),
        "{csv}"
    );
    assert!(csv.contains("\r\nJo Lindqvist,6,0,"), "{csv}");

    // The overview is the manager's.
    let (status, _) = jo.call("team_overview", &[]).await;
    assert_eq!(status, 404);
    assert_eq!(jo.get("/reports/team.csv").await.status(), 404);
    assert_eq!(app.anonymous().get("/reports/team.csv").await.status(), 401);
    let html = helen.page("/reports/team").await;
    assert!(html.contains("Jo Lindqvist") && html.contains("Usual time to answer"));
}

#[tokio::test]
async fn the_record_timeline_shows_what_each_reader_may_see_with_charts() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    let (status, body) = app
        .call(
            "write_entry",
            &[("young_person", amara.as_str()), ("feeling", "calm")],
        )
        .await;
    assert_eq!(status, 200, "{body}");

    let jo = app.staff(JO).await;
    let (status, page) = jo.call("timeline", &[("young_person", &amara)]).await;
    assert_eq!(status, 200, "{page}");
    let kinds: Vec<&str> = page["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(kinds[0], "entry", "newest first: {kinds:?}");
    assert!(kinds.contains(&"session_score") && kinds.contains(&"programme_score"));
    let chart = &page["charts"][0];
    assert_eq!(
        chart["programme"], "Autumn group",
        "the group, by its own name"
    );
    assert_eq!(
        chart["sessions"].as_array().map(Vec::len),
        Some(5),
        "scored sessions"
    );
    assert_eq!(chart["measures"].as_array().map(Vec::len), Some(3));

    // An administrator may open the record, but sees none of its casework.
    let morgan = app.staff("morgan.hale@northmoor.example").await;
    let (status, page) = morgan.call("timeline", &[("young_person", &amara)]).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["events"].as_array().map(Vec::len), Some(0));
    assert_eq!(page["charts"].as_array().map(Vec::len), Some(0));
    // A parent and another worker: not found.
    let (status, _) = app
        .carer()
        .await
        .call("timeline", &[("young_person", &amara)])
        .await;
    assert_eq!(status, 404);
    let (status, _) = app
        .staff("sam.okafor@northmoor.example")
        .await
        .call("timeline", &[("young_person", &amara)])
        .await;
    assert_eq!(status, 404);

    // Server-rendered: an SVG with a title, the same numbers as a table, the events in words.
    let html = jo.page(&format!("/young-people/{amara}/timeline")).await;
    assert!(
        html.contains("role=\"img\" aria-labelledby=\"sessions-0-title\" class=\"chart\""),
        "a chart"
    );
    assert!(html.contains(
        "<title id=\"sessions-0-title\">Score at the start and end of each session</title>"
    ));
    assert!(html.contains("The numbers in the chart above"));
    assert!(html.contains("Wrote in “What I think”"));

    let reads = app
        .count(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'view_record' AND subject_id = $1 AND outcome = 'done'",
            &amara,
        )
        .await;
    assert!(reads >= 3, "each opening is audited: {reads}");
}

/// Every date the demo seeds is a real day ("34 October" was once on every card), and the
/// caseload shows each as a date a person can read.
#[tokio::test]
async fn the_demo_data_holds_only_real_dates() {
    let app = TestApp::spawn().await;
    let db = app.db().await;
    let mut checked = 0;
    for (table, column) in [
        ("cohorts", "starts_on"),
        ("cohorts", "created_at"),
        ("session_scores", "recorded_at"),
        ("programme_scores", "recorded_at"),
        ("attendance", "marked_at"),
        ("people", "created_at"),
        ("audit_events", "occurred_at"),
    ] {
        let values = db
            .texts(&format!("SELECT {column} FROM {table}"), &[])
            .await;
        for v in values {
            assert!(
                app::calendar::CalendarDate::of_timestamp(&v).is_some(),
                "{table}.{column}: {v}"
            );
            checked += 1;
        }
    }
    db.close().await;
    assert!(checked > 100, "the demo has dates to check: {checked}");
    let jo = app.staff("jo.lindqvist@northmoor.example").await;
    let html = jo.page("/caseload").await;
    for bad in ["32 ", "33 ", "34 ", "35 "] {
        assert!(!html.contains(&format!("{bad}October")), "{html}");
    }
}

#[tokio::test]
async fn adding_the_same_parent_twice_is_refused_with_a_message() {
    let app = TestApp::spawn().await;
    let jo = app.staff("jo.lindqvist@northmoor.example").await;
    let amara = app.person_id("Amara").await;
    let form = [
        ("young_person", amara.as_str()),
        ("given_name", "Rosa"),
        ("family_name", "Penhallow"),
        ("relationship", "aunt"),
    ];
    let (status, body) = jo.call("add_carer", &form).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = jo.call("add_carer", &form).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("carer_exists")),
        "{body}"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM people WHERE given_name = 'Rosa' AND family_name = $1",
            "Penhallow"
        )
        .await,
        1
    );
}
