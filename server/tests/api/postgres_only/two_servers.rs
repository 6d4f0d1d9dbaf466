//! Two servers on one database, in this process: what one is told, the other must show.

use std::time::Duration;

use crate::plans::{family, plan, ready_plan, respond, save, text};
use crate::support::TestApp;

const JO: &str = "jo.lindqvist@northmoor.example";

/// Reads the event stream until it says "changed", or gives up after `wait`.
async fn heard_change(stream: &mut reqwest::Response, wait: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + wait;
    let mut seen = String::new();
    while let Ok(Ok(Some(chunk))) = tokio::time::timeout_at(deadline, stream.chunk()).await {
        seen.push_str(&String::from_utf8_lossy(&chunk));
        if seen.contains("data: changed") {
            return true;
        }
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_score_saved_on_one_server_reaches_the_group_view_on_the_other() {
    super::postgres();
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    let amara = a.group_member().await;
    let jo_on_b = b.staff(JO).await;

    let mut stream = jo_on_b
        .client
        .get(format!(
            "{}/live/cohorts/{}/sessions/{}",
            b.base, amara.cohort, amara.session
        ))
        .send()
        .await
        .expect("open the event stream");
    assert_eq!(stream.status(), 200);
    // Nothing has changed yet: the stream stays quiet.
    assert!(!heard_change(&mut stream, Duration::from_millis(300)).await);

    let (status, body) = a
        .call("save_session_score", &amara.form("start", Some("7")))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        heard_change(&mut stream, Duration::from_secs(5)).await,
        "server B's group view was not told about a score saved on server A"
    );
    let (status, view) = jo_on_b
        .call(
            "group_session",
            &[("cohort", &amara.cohort), ("session", &amara.session)],
        )
        .await;
    assert_eq!(status, 200, "{view}");
    let row = view["session"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["young_person"] == amara.young_person.as_str())
        .expect("Amara's row");
    assert_eq!(row["scores"]["start"], 7, "{row}");
}

/// Amara on one server and Jo on the other save the same target at the same moment, many
/// times over: parts each of them changed are all kept, and when both rewrite the same part
/// one is saved and the other is told, with her words kept, exactly as on one server.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn people_editing_one_target_on_two_servers_at_once_lose_no_words() {
    super::postgres();
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    let f = family(&a).await;
    let hash = ready_plan(&f).await;
    let (status, body) = respond(&f.amara, &f.yp, &hash, "agree", "").await;
    assert_eq!(status, 200, "{body}");
    let jo = f.jo.on(&b);

    for round in 0..10 {
        let page = plan(&jo, &f.yp).await;
        let success = text(&page, "t1", "success");
        let worker_will = text(&page, "t1", "worker_will");
        let (mine, theirs) = (
            format!("I keep calm, week {round}"),
            format!("check in, week {round}"),
        );
        // Different parts at once: both are saved.
        let amara_parts = [("success", mine.as_str(), success.as_str())];
        let jo_parts = [("worker_will", theirs.as_str(), worker_will.as_str())];
        let (amara_saved, jo_saved) = tokio::join!(
            save(&f.amara, &f.yp, Some("t1"), &amara_parts),
            save(&jo, &f.yp, Some("t1"), &jo_parts),
        );
        assert_eq!(amara_saved.0, 200, "round {round}: {}", amara_saved.1);
        assert_eq!(jo_saved.0, 200, "round {round}: {}", jo_saved.1);
        let page = plan(&f.amara, &f.yp).await;
        assert_eq!(text(&page, "t1", "success"), mine, "round {round}");
        assert_eq!(text(&page, "t1", "worker_will"), theirs, "round {round}");

        // The same part at once: one is saved, the other is a clash that keeps her words.
        let (first, second) = (
            format!("fewer arguments {round}"),
            format!("no arguments {round}"),
        );
        let amara_parts = [("success", first.as_str(), mine.as_str())];
        let jo_parts = [("success", second.as_str(), mine.as_str())];
        let (amara_saved, jo_saved) = tokio::join!(
            save(&f.amara, &f.yp, Some("t1"), &amara_parts),
            save(&jo, &f.yp, Some("t1"), &jo_parts),
        );
        let statuses = [amara_saved.0, jo_saved.0];
        assert!(
            statuses.contains(&200) && statuses.contains(&409),
            "round {round}: one saved and one clash, not {statuses:?}"
        );
        let now = text(&plan(&jo, &f.yp).await, "t1", "success");
        let (kept_by, words) = if amara_saved.0 == 409 {
            assert_eq!(now, second, "round {round}");
            (&f.amara, &first)
        } else {
            assert_eq!(now, first, "round {round}");
            (&jo, &second)
        };
        let (status, editor) = kept_by
            .call("plan_target", &[("young_person", &f.yp), ("target", "t1")])
            .await;
        assert_eq!(status, 200, "{editor}");
        assert_eq!(editor["kept"]["edit"]["parts"][0]["mine"], words.as_str());
        // Saved again against what it says now, as the page then offers.
        let (status, body) = save(kept_by, &f.yp, Some("t1"), &[("success", &mine, &now)]).await;
        assert_eq!(status, 200, "round {round}: {body}");
    }
}
