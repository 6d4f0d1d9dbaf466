//! Co-produced plans over HTTP: writing together, agreeing an exact version and agreeing
//! again after a change, concurrent edits, bad input, reviews, and the plain-form path.

use crate::support::{Session, TestApp};
use serde_json::Value;

const JO: &str = "jo.lindqvist@northmoor.example";
const HELEN: &str = "helen.ravensworth@northmoor.example";

pub(crate) struct Family {
    pub(crate) amara: Session,
    pub(crate) colm: Session,
    pub(crate) jo: Session,
    pub(crate) yp: String,
}

pub(crate) async fn family(app: &TestApp) -> Family {
    app.sign_in_young_person().await;
    let yp = app.person_id("Amara").await;
    Family {
        amara: app.default_session(),
        colm: app.carer().await,
        jo: app.staff(JO).await,
        yp,
    }
}

/// Amara writes an entry and Jo answers it.
async fn amara_writes_and_jo_answers(f: &Family, words: &str, answer: &str) {
    let (status, body) = f
        .amara
        .call("write_entry", &[("young_person", &f.yp), ("words", words)])
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = f.jo.call("what_i_think", &[("young_person", &f.yp)]).await;
    let entry = page["entries"][0]["id"].as_str().expect("id").to_owned();
    let (status, body) =
        f.jo.call(
            "answer_entry",
            &[
                ("young_person", &f.yp),
                ("entry", &entry),
                ("response", answer),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

pub(crate) async fn plan(who: &Session, yp: &str) -> Value {
    let (status, body) = who.call("plan", &[("young_person", yp)]).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn target<'a>(page: &'a Value, key: &str) -> &'a Value {
    page["plan"]["content"]["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .find(|t| t["key"] == key)
        .expect("target")
}

pub(crate) fn text(page: &Value, key: &str, part: &str) -> String {
    target(page, key)[part]["text"]
        .as_str()
        .expect("text")
        .to_owned()
}

/// Saves parts of a target as the edit page's form does: each part with what it said when
/// the page was opened.
pub(crate) async fn save(
    who: &Session,
    yp: &str,
    key: Option<&str>,
    parts: &[(&str, &str, &str)],
) -> (u16, Value) {
    let names: Vec<(String, String)> = parts
        .iter()
        .flat_map(|(part, mine, was)| {
            [
                (format!("mine[{part}]"), (*mine).to_owned()),
                (format!("was[{part}]"), (*was).to_owned()),
            ]
        })
        .collect();
    let mut form: Vec<(&str, &str)> = vec![("young_person", yp), ("target", key.unwrap_or("new"))];
    form.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    who.call("save_target", &form).await
}

/// Marks a target achieved, dropped or active again, as the worker's radio buttons do.
async fn set_status(who: &Session, yp: &str, key: &str, status: &str) -> (u16, Value) {
    who.call(
        "save_target",
        &[("young_person", yp), ("target", key), ("status", status)],
    )
    .await
}

/// Jo starts Amara's plan with one complete target and marks it ready; returns the hash.
pub(crate) async fn ready_plan(f: &Family) -> String {
    let (status, body) = f.jo.call("start_plan", &[("young_person", &f.yp)]).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = save(
        &f.jo,
        &f.yp,
        None,
        &[("target", "Learn how to control my anger better", "")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = save(
        &f.amara,
        &f.yp,
        Some("t1"),
        &[
            ("i_will", "work out what makes me angry", ""),
            ("success", "my outbursts go down", ""),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = save(
        &f.colm,
        &f.yp,
        Some("t1"),
        &[(
            "carer_will",
            "give Amara space; talk when we are both calm",
            "",
        )],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let hash = plan(&f.jo, &f.yp).await["plan"]["hash"]
        .as_str()
        .expect("hash")
        .to_owned();
    let (status, body) =
        f.jo.call("plan_ready", &[("young_person", &f.yp), ("hash", &hash)])
            .await;
    assert_eq!(status, 200, "{body}");
    hash
}

pub(crate) async fn respond(
    who: &Session,
    yp: &str,
    hash: &str,
    decision: &str,
    comment: &str,
) -> (u16, Value) {
    who.call(
        "respond_to_plan",
        &[
            ("young_person", yp),
            ("hash", hash),
            ("decision", decision),
            ("comment", comment),
        ],
    )
    .await
}

#[tokio::test]
async fn a_plan_is_written_together_agreed_and_agreed_again_after_a_change() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    let page = plan(&f.amara, &f.yp).await;
    assert!(page["plan"].is_null(), "no plan yet: {page}");
    assert_eq!(page["may_manage"], false);
    let hash = ready_plan(&f).await;

    let page = plan(&f.colm, &f.yp).await;
    let t1 = target(&page, "t1");
    assert_eq!(
        t1["i_will"]["by"]["name"], "Amara",
        "each part names its writer"
    );
    assert_eq!(t1["carer_will"]["by"]["role"], "parent_carer");
    assert_eq!(page["plan"]["status"], "waiting_for_young_person");
    assert_eq!(page["writes"], serde_json::json!(["carer_will"]));

    for (who, want) in [
        (&f.amara, "waiting_for_carer"),
        (&f.colm, "waiting_for_worker"),
        (&f.jo, "agreed"),
    ] {
        let (status, body) = respond(who, &f.yp, &hash, "agree", "").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(plan(&f.jo, &f.yp).await["plan"]["status"], want);
    }
    let page = plan(&f.amara, &f.yp).await;
    let responses = page["plan"]["responses"].as_array().expect("responses");
    assert_eq!(responses.len(), 3);
    assert!(responses
        .iter()
        .all(|r| r["version"] == 1 && r["hash"] == hash.as_str()));

    // Jo changes her part: a new version, which nobody has agreed yet.
    let (status, body) = save(
        &f.jo,
        &f.yp,
        Some("t1"),
        &[("worker_will", "teach calming techniques", "")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let page = plan(&f.amara, &f.yp).await;
    assert_eq!(page["plan"]["version"], 2);
    assert_eq!(page["plan"]["status"], "waiting_for_young_person");
    let (earlier, changes) = (
        &page["plan"]["changed_since"][0],
        &page["plan"]["changed_since"][1],
    );
    assert_eq!(earlier, 1);
    assert_eq!(
        changes,
        &serde_json::json!([{ "Part": {
            "target": "Learn how to control my anger better",
            "part": "worker_will",
            "before": "",
            "after": "teach calming techniques"
        }}])
    );
    let new_hash = page["plan"]["hash"].as_str().expect("hash").to_owned();
    assert_ne!(new_hash, hash);

    // Agreeing the version she read before is refused: it is no longer current.
    let (status, body) = respond(&f.amara, &f.yp, &hash, "agree", "").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (409, Some("plan_changed"))
    );
    let (status, body) = respond(&f.amara, &f.yp, &new_hash, "agree", "").await;
    assert_eq!(status, 200, "{body}");
    assert!(plan(&f.amara, &f.yp).await["plan"]["changed_since"].is_null());
    // Colm has not agreed version 2: he is shown the same change.
    assert_eq!(plan(&f.colm, &f.yp).await["plan"]["changed_since"][0], 1);
    // Colm says he does not agree, with a reason the worker sees.
    let (status, body) = respond(&f.colm, &f.yp, &new_hash, "disagree", "").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("comment_missing"))
    );
    let (status, body) = respond(&f.colm, &f.yp, &new_hash, "disagree", "Too much at once").await;
    assert_eq!(status, 200, "{body}");
    let page = plan(&f.jo, &f.yp).await;
    assert_eq!(page["plan"]["disagreement"], true);
    assert!(page["plan"]["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .any(|r| r["decision"] == "disagree" && r["comment"] == "Too much at once"));

    // Every change is in the audit trail, and Helen (the manager) reads but cannot write.
    let helen = app.staff(HELEN).await;
    let (status, body) = helen.call("audit_trail", &[("young_person", &f.yp)]).await;
    assert_eq!(status, 200, "{body}");
    let actions: Vec<&str> = body["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in [
        "start_plan",
        "edit_plan",
        "plan_ready",
        "agree_plan",
        "disagree_plan",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert_eq!(plan(&helen, &f.yp).await["may_agree"], false);
    let (status, _) = save(&helen, &f.yp, Some("t1"), &[("worker_will", "x", "")]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_lost() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    let (status, body) = f.amara.call("start_plan", &[("young_person", &f.yp)]).await;
    assert_eq!(status, 404, "only the worker starts the plan: {body}");
    let (status, body) = f.jo.call("start_plan", &[("young_person", &f.yp)]).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = f.jo.call("start_plan", &[("young_person", &f.yp)]).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("plan_exists"))
    );

    let (status, body) = save(&f.amara, &f.yp, None, &[("target", "   ", "")]).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("plan_target_empty"))
    );
    let long = "a".repeat(201);
    let (status, body) = save(&f.amara, &f.yp, None, &[("target", &long, "")]).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("plan_text_too_long"))
    );
    // What was typed is kept for her.
    let (status, editor) = f
        .amara
        .call("plan_target", &[("young_person", &f.yp), ("target", "new")])
        .await;
    assert_eq!(status, 200, "{editor}");
    assert_eq!(editor["kept"]["edit"]["parts"][0]["mine"], long.as_str());

    // Markup is stored as the words typed and rendered inert.
    let script = "<script>alert('x')</script> & <b>me</b>";
    let (status, body) = save(&f.amara, &f.yp, None, &[("target", script, "")]).await;
    assert_eq!(status, 200, "{body}");
    let page = plan(&f.jo, &f.yp).await;
    assert_eq!(text(&page, "t1", "target"), script);
    let html =
        f.jo.get(&format!("/young-people/{}/plan", f.yp))
            .await
            .text()
            .await
            .expect("page");
    assert!(!html.contains("<script>alert"), "markup must not be live");
    assert!(html.contains("&lt;script&gt;alert"), "the words are shown");
    // The kept edit went when the save succeeded.
    let (_, editor) = f
        .amara
        .call("plan_target", &[("young_person", &f.yp), ("target", "new")])
        .await;
    assert!(editor["kept"].is_null(), "{editor}");

    // A parent writing the young person's part is refused, and nothing changes.
    let before = plan(&f.jo, &f.yp).await;
    let (status, body) = save(
        &f.colm,
        &f.yp,
        Some("t1"),
        &[
            ("carer_will", "drive her", ""),
            ("target", "Behave", script),
        ],
    )
    .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (403, Some("plan_part_not_yours"))
    );
    assert_eq!(
        plan(&f.jo, &f.yp).await["plan"]["content"],
        before["plan"]["content"]
    );

    // A draft cannot be agreed, nor marked ready while a target lacks its parts.
    let hash = before["plan"]["hash"].as_str().expect("hash");
    let (status, body) = respond(&f.amara, &f.yp, hash, "agree", "").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("plan_not_ready"))
    );
    let (status, body) =
        f.jo.call("plan_ready", &[("young_person", &f.yp), ("hash", hash)])
            .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("plan_incomplete"))
    );
    let (status, body) = respond(&f.amara, &f.yp, hash, "maybe", "").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("decision_invalid"))
    );
    let (status, body) = respond(&f.amara, &f.yp, hash, "disagree", &"x".repeat(1001)).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("comment_too_long"))
    );

    // Twelve targets at most.
    for n in 2..=12 {
        let words = format!("Target {n}");
        let (status, body) = save(&f.jo, &f.yp, None, &[("target", &words, "")]).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = save(&f.jo, &f.yp, None, &[("target", "Thirteen", "")]).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("plan_too_many_targets"))
    );
    // A target that does not exist, and a status nobody offers.
    let (status, _) = save(&f.jo, &f.yp, Some("t99"), &[("worker_will", "x", "")]).await;
    assert_eq!(status, 404);
    let (status, body) = set_status(&f.jo, &f.yp, "t1", "finished").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("target_status_invalid"))
    );
}

#[tokio::test]
async fn concurrent_edits_merge_part_by_part_and_a_clash_keeps_both_texts() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    let hash = ready_plan(&f).await;
    let (status, body) = respond(&f.amara, &f.yp, &hash, "agree", "").await;
    assert_eq!(status, 200, "{body}");

    // Amara and Jo both opened the target when the success line said "my outbursts go down".
    let opened = "my outbursts go down";
    let (status, body) = save(
        &f.amara,
        &f.yp,
        Some("t1"),
        &[("success", "I use the techniques", opened)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // Jo changes only her own part; her form still carries the old success line, untouched.
    let (status, body) = save(
        &f.jo,
        &f.yp,
        Some("t1"),
        &[
            ("worker_will", "identify triggers", ""),
            ("success", opened, opened),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let page = plan(&f.jo, &f.yp).await;
    assert_eq!(text(&page, "t1", "success"), "I use the techniques");
    assert_eq!(text(&page, "t1", "worker_will"), "identify triggers");
    assert_eq!(
        page["plan"]["version"], 2,
        "changed after Amara agreed: one new version"
    );

    // Jo, with a form still open from before, rewrites the same line: refused, her words
    // kept.
    let (status, body) = save(
        &f.jo,
        &f.yp,
        Some("t1"),
        &[("success", "fewer arguments at home", opened)],
    )
    .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (409, Some("plan_conflict"))
    );
    assert_eq!(
        text(&plan(&f.jo, &f.yp).await, "t1", "success"),
        "I use the techniques"
    );
    let (status, editor) =
        f.jo.call("plan_target", &[("young_person", &f.yp), ("target", "t1")])
            .await;
    assert_eq!(status, 200, "{editor}");
    assert_eq!(
        editor["kept"]["edit"]["parts"][0]["mine"],
        "fewer arguments at home"
    );
    assert_eq!(editor["kept"]["refused"]["Parts"][0][1], "conflict");
    assert_eq!(editor["target"]["success"]["text"], "I use the techniques");
    // She merges the two and saves against what it says now.
    let merged = "I use the techniques; fewer arguments at home";
    let (status, body) = save(
        &f.jo,
        &f.yp,
        Some("t1"),
        &[("success", merged, "I use the techniques")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(text(&plan(&f.jo, &f.yp).await, "t1", "success"), merged);
    let (_, editor) =
        f.jo.call("plan_target", &[("young_person", &f.yp), ("target", "t1")])
            .await;
    assert!(editor["kept"].is_null());

    // The success line is the young person's own: a parent cannot rewrite it.
    let (status, body) = save(
        &f.colm,
        &f.yp,
        Some("t1"),
        &[("success", "she stops answering back", merged)],
    )
    .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (403, Some("plan_part_not_yours"))
    );
}

#[tokio::test]
async fn staff_changes_to_the_young_persons_words_are_shown() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    ready_plan(&f).await;
    let (status, body) = save(
        &f.jo,
        &f.yp,
        Some("t1"),
        &[(
            "i_will",
            "identify my triggers",
            "work out what makes me angry",
        )],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let page = plan(&f.amara, &f.yp).await;
    let part = &target(&page, "t1")["i_will"];
    assert_eq!(part["by"]["name"], "Jo");
    assert_eq!(part["young_persons_words"], "work out what makes me angry");
    let html = f.amara.page(&format!("/young-people/{}/plan", f.yp)).await;
    assert!(
        html.contains("Jo changed Amara"),
        "the change is shown on the page: {html}"
    );
}

#[tokio::test]
async fn reviews_keep_each_persons_score_and_show_disagreement() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    ready_plan(&f).await;
    let score = |who: &Session, review: &str, value: &str| {
        let (who, yp, review, value) = (
            who.clone(),
            f.yp.clone(),
            review.to_owned(),
            value.to_owned(),
        );
        async move {
            who.call(
                "score_target",
                &[
                    ("young_person", yp.as_str()),
                    ("review", review.as_str()),
                    ("target", "t1"),
                    ("score", value.as_str()),
                    ("comment", "getting there"),
                ],
            )
            .await
        }
    };
    let (status, body) = score(&f.amara, "1", "8").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("review_not_open"))
    );
    let (status, body) = f
        .amara
        .call("open_review", &[("young_person", &f.yp)])
        .await;
    assert_eq!(status, 404, "the worker runs reviews: {body}");
    let (status, body) = f.jo.call("open_review", &[("young_person", &f.yp)]).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = f.jo.call("open_review", &[("young_person", &f.yp)]).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("review_open"))
    );
    for (who, value) in [
        (&f.amara, "8"),
        (&f.colm, "5"),
        (&f.jo, "4"),
        (&f.amara, "7"),
    ] {
        let (status, body) = score(who, "1", value).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = score(&f.amara, "1", "11").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("score_out_of_range"))
    );
    let page = plan(&f.amara, &f.yp).await;
    let scores = page["plan"]["scores"].as_array().expect("scores");
    assert_eq!(scores.len(), 4, "every score is kept");
    let html = f
        .amara
        .page(&format!("/young-people/{}/plan/review", f.yp))
        .await;
    assert!(
        html.contains("Amara: 7 out of 10"),
        "her latest score counts: {html}"
    );
    assert!(!html.contains("Amara: 8 out of 10"));
    assert!(
        html.contains("quite different"),
        "4 and 7 are shown apart, not averaged"
    );

    let (status, body) =
        f.jo.call(
            "close_review",
            &[("young_person", &f.yp), ("next_review", "2027-02-30")],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("date_invalid"))
    );
    let (status, body) =
        f.jo.call(
            "close_review",
            &[("young_person", &f.yp), ("next_review", "2027-03-01")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let page = plan(&f.amara, &f.yp).await;
    assert_eq!(page["plan"]["next_review"], "2027-03-01");
    assert!(page["plan"]["reviews"][0]["closed_at"].is_string());

    // At the review Jo marks the target achieved: that is a change to agree.
    let (status, body) = set_status(&f.jo, &f.yp, "t1", "achieved").await;
    assert_eq!(status, 200, "{body}");
    let page = plan(&f.amara, &f.yp).await;
    assert_eq!(target(&page, "t1")["status"], "achieved");
    let (status, body) = set_status(&f.amara, &f.yp, "t1", "active").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (403, Some("not_allowed"))
    );
    let (status, body) =
        f.jo.call(
            "schedule_review",
            &[
                ("young_person", &f.yp),
                ("next_review", "2027-01-04"),
                ("every_weeks", "60"),
            ],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("review_interval_invalid"))
    );
}

#[tokio::test]
async fn without_javascript_a_refused_save_comes_back_with_the_words_typed() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    ready_plan(&f).await;
    let location = f
        .colm
        .post_plain_form(
            "save_target",
            &[
                ("young_person", &f.yp),
                ("target", "t1"),
                ("mine[carer_will]", "homework done every night"),
                ("was[carer_will]", "something older"),
            ],
        )
        .await;
    assert_eq!(
        location,
        format!("/young-people/{}/plan/targets/t1?error=plan_conflict", f.yp)
    );
    let html = f.colm.page(&location).await;
    assert!(
        html.contains("homework done every night"),
        "his words are back in the box"
    );
    assert!(
        html.contains("give Amara space; talk when we are both calm"),
        "and what it says now beside them"
    );
    let location = f
        .colm
        .post_plain_form(
            "save_target",
            &[
                ("young_person", &f.yp),
                ("target", "t1"),
                ("mine[carer_will]", "help with transport"),
                (
                    "was[carer_will]",
                    "give Amara space; talk when we are both calm",
                ),
            ],
        )
        .await;
    assert_eq!(
        location,
        format!("/young-people/{}/plan?saved=t1#target-t1", f.yp)
    );
    let location = f
        .amara
        .post_plain_form(
            "respond_to_plan",
            &[
                ("young_person", &f.yp),
                ("hash", "stale"),
                ("decision", "agree"),
            ],
        )
        .await;
    assert_eq!(
        location,
        format!("/young-people/{}/plan?error=plan_changed", f.yp)
    );
}

#[tokio::test]
async fn the_demo_has_an_agreed_plan_whose_agreements_name_its_words() {
    let app = TestApp::spawn().await;
    let jo = app.staff(JO).await;
    let zara = app.person_id("Zara").await;
    let page = plan(&jo, &zara).await;
    assert_eq!(page["plan"]["status"], "agreed", "{page}");
    assert_eq!(
        page["plan"]["content"]["targets"].as_array().map(Vec::len),
        Some(2)
    );
    let hash = page["plan"]["hash"].as_str().expect("hash");
    let responses = page["plan"]["responses"].as_array().expect("responses");
    assert_eq!(responses.len(), 3);
    assert!(responses.iter().all(|r| r["hash"] == hash));
    assert_eq!(target(&page, "t2")["carer_will"]["by"]["name"], "Bea");
}

#[tokio::test]
async fn the_worker_reorders_targets_and_agreeing_again_shows_the_move() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    let hash = ready_plan(&f).await;
    let (status, body) = save(
        &f.jo,
        &f.yp,
        None,
        &[("target", "Go to the youth centre", "")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = respond(&f.amara, &f.yp, &hash, "agree", "").await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (409, Some("plan_changed")),
        "a target was added since"
    );
    let hash = plan(&f.amara, &f.yp).await["plan"]["hash"]
        .as_str()
        .expect("hash")
        .to_owned();
    let (status, body) = respond(&f.amara, &f.yp, &hash, "agree", "").await;
    assert_eq!(status, 200, "{body}");
    let moved = |who: &Session, key: &str, direction: &str| {
        let (who, yp, key, direction) = (
            who.clone(),
            f.yp.clone(),
            key.to_owned(),
            direction.to_owned(),
        );
        async move {
            who.call(
                "move_target",
                &[
                    ("young_person", yp.as_str()),
                    ("target", key.as_str()),
                    ("direction", direction.as_str()),
                ],
            )
            .await
        }
    };
    let (status, _) = moved(&f.amara, "t2", "up").await;
    assert_eq!(status, 404, "the worker orders the targets");
    let (status, body) = moved(&f.jo, "t2", "up").await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = moved(&f.jo, "t9", "up").await;
    assert_eq!(status, 404);
    let page = plan(&f.amara, &f.yp).await;
    let keys: Vec<&str> = page["plan"]["content"]["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .filter_map(|t| t["key"].as_str())
        .collect();
    assert_eq!(keys, ["t2", "t1"]);
    assert_eq!(page["plan"]["version"], 2);
    assert_eq!(
        page["plan"]["changed_since"][1][0],
        serde_json::json!({ "Moved": { "target": "Go to the youth centre", "to": 1 } })
    );
}

#[tokio::test]
async fn the_caseload_shows_where_each_plan_stands_and_disagreement_first() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    let hash = ready_plan(&f).await;
    let row = |caseload: &Value, name: &str| {
        caseload["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} is not in {caseload}"))
    };
    let (status, caseload) = f.jo.call("caseload", &[]).await;
    assert_eq!(status, 200, "{caseload}");
    assert_eq!(
        row(&caseload, "Amara Penhallow")["plan"],
        "waiting_for_young_person"
    );
    assert_eq!(row(&caseload, "Zara Holloway-Finch")["plan"], "agreed");
    assert!(
        row(&caseload, "Ruby Fairweather")["plan"].is_null(),
        "no plan, no status"
    );

    let (status, body) = respond(&f.colm, &f.yp, &hash, "disagree", "Not this term").await;
    assert_eq!(status, 200, "{body}");
    let (_, caseload) = f.jo.call("caseload", &[]).await;
    assert_eq!(
        caseload["cases"][0]["name"], "Amara Penhallow",
        "disagreement comes first"
    );
    assert_eq!(caseload["cases"][0]["plan_disagreement"], true);
    // The team's manager sees the same; an administrator sees names only.
    let helen = app.staff(HELEN).await;
    let (_, team) = helen.call("caseload", &[]).await;
    assert_eq!(row(&team, "Amara Penhallow")["plan_disagreement"], true);
    let morgan = app.staff("morgan.hale@northmoor.example").await;
    let (_, admin) = morgan.call("caseload", &[]).await;
    assert!(admin["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .all(|c| c["plan"].is_null()));
}

#[tokio::test]
async fn agreeing_comes_after_the_targets_and_the_young_person_sees_no_versions() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    ready_plan(&f).await;
    for who in [&f.amara, &f.colm, &f.jo] {
        let html = who.page(&format!("/young-people/{}/plan", f.yp)).await;
        let target = html
            .find("Learn how to control my anger better")
            .expect("the target");
        let agree = html.find("Do you agree with this plan?").expect("agreeing");
        assert!(target < agree, "the plan is read before it is agreed");
    }
    let html = f.amara.page(&format!("/young-people/{}/plan", f.yp)).await;
    assert!(
        !html.contains("Version "),
        "no versions on a young person's page"
    );
}

#[tokio::test]
async fn home_pages_say_what_waits_first_and_a_change_by_someone_else_asks_again() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    let hash = ready_plan(&f).await;
    let (_, home) = f.amara.call("young_person_home", &[]).await;
    assert_eq!(home["plan_cue"], "ToAgree", "{home}");
    let (_, family_home) = f.colm.call("family_home", &[]).await;
    assert_eq!(family_home[1][0]["plan_cue"], "ToAgree", "{family_home}");
    let html = f.amara.page("/me").await;
    let waiting = html.find("Waiting for you").expect("said on her home page");
    assert!(waiting < html.find("I need to talk to someone now").expect("help"));

    // She agrees: nothing waits. Her father then rewords his part: her agreement no longer
    // counts, and her home page says so.
    let (status, body) = respond(&f.amara, &f.yp, &hash, "agree", "").await;
    assert_eq!(status, 200, "{body}");
    let (_, home) = f.amara.call("young_person_home", &[]).await;
    assert!(home["plan_cue"].is_null(), "{home}");
    let (status, body) = save(
        &f.colm,
        &f.yp,
        Some("t1"),
        &[(
            "carer_will",
            "give Amara space and drive her to football",
            "give Amara space; talk when we are both calm",
        )],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, home) = f.amara.call("young_person_home", &[]).await;
    assert_eq!(home["plan_cue"], "ChangedSinceAgreed", "{home}");
    assert!(f
        .amara
        .page("/me")
        .await
        .contains("The plan changed after you agreed"));

    // Jo answers something she wrote: her home says so until she opens "What I think".
    amara_writes_and_jo_answers(&f, "I like the plan", "Great!").await;
    let (_, home) = f.amara.call("young_person_home", &[]).await;
    assert_eq!(home["unread_answers"], 1);
    f.amara
        .call("what_i_think", &[("young_person", &f.yp)])
        .await;
    let (_, home) = f.amara.call("young_person_home", &[]).await;
    assert_eq!(home["unread_answers"], 0);
}

/// Stored words are put back into textareas for editing; none of them can close the
/// textarea and become markup in the page of the person who opens the form (issue 15).
#[tokio::test]
async fn words_put_back_into_a_form_never_become_markup() {
    let app = TestApp::spawn().await;
    let f = family(&app).await;
    ready_plan(&f).await;
    let hostile =
        "</textarea><b>x</b><meta http-equiv=refresh content=\"0;url=https://example.com\">";
    // Amara writes it into her part of the plan; Jo opens the target to edit it.
    let (status, body) = save(
        &f.amara,
        &f.yp,
        Some("t1"),
        &[("i_will", hostile, "work out what makes me angry")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let editor =
        f.jo.page(&format!("/young-people/{}/plan/targets/t1", f.yp))
            .await;
    assert!(!editor.contains("<b>x</b>"), "{editor}");
    assert!(!editor.contains("<meta http-equiv=refresh"));
    assert!(editor.contains("&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;"));

    // Jo's answer to an entry is put back into his answer form.
    amara_writes_and_jo_answers(&f, "hello", hostile).await;
    let answers =
        f.jo.page(&format!("/young-people/{}/what-i-think", f.yp))
            .await;
    assert!(!answers.contains("<b>x</b>"), "{answers}");

    // A manager's question-set draft is put back into the builder.
    let helen = app.staff(HELEN).await;
    let (status, body) = helen
        .call(
            "save_question_set",
            &[
                ("purpose", "post_programme"),
                ("title", "After the programme"),
                ("questions[0][text]", hostile),
                ("questions[0][kind]", "single_choice"),
                ("questions[0][options]", hostile),
            ],
        )
        .await;
    assert!(status < 400, "{status} {body}");
    let builder = helen.page("/question-sets/post_programme").await;
    assert!(!builder.contains("<b>x</b>"), "{builder}");
    assert!(!builder.contains("<meta http-equiv=refresh"));
}
