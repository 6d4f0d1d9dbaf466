//! Questionnaires over HTTP: answering every type of question, bad answers, versions that
//! never change what was answered, the managers' builder and its drafts, resends.

use crate::support::TestApp;
use serde_json::Value;

const HELEN: &str = "helen.ravensworth@northmoor.example";

async fn cohort_named(app: &TestApp, name: &str) -> String {
    app.db()
        .await
        .text("SELECT id FROM cohorts WHERE name = $1", &[name])
        .await
}

async fn response_count(app: &TestApp) -> i64 {
    app.db()
        .await
        .number("SELECT COUNT(*) FROM questionnaire_responses", &[])
        .await
}

/// Amara signed in, her id and her group's cohort.
async fn amara(app: &TestApp) -> (String, String) {
    let m = app.group_member().await;
    (m.young_person, m.cohort)
}

async fn questionnaire(app: &TestApp, yp: &str, purpose: &str, cohort: Option<&str>) -> Value {
    let mut form = vec![("young_person", yp), ("purpose", purpose)];
    if let Some(c) = cohort {
        form.push(("cohort", c));
    }
    let (status, body) = app.call("questionnaire", &form).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn question_texts(view: &Value) -> Vec<String> {
    view["version"]["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["text"].as_str().expect("text").to_owned())
        .collect()
}

#[tokio::test]
async fn a_young_person_answers_every_type_of_question_and_reads_it_back() {
    let app = TestApp::spawn().await;
    let (yp, cohort) = amara(&app).await;
    let home = app.sign_in_young_person().await;
    let offered: Vec<&str> = home["questionnaires"]
        .as_array()
        .expect("links")
        .iter()
        .map(|q| q["purpose"].as_str().expect("purpose"))
        .collect();
    assert!(offered.contains(&"pre_programme"), "{home}");
    assert!(offered.contains(&"self_assessment"), "{home}");
    assert!(
        !offered.contains(&"post_programme"),
        "the group is half-way through: {home}"
    );

    let pre = questionnaire(&app, &yp, "pre_programme", Some(&cohort)).await;
    let version = pre["version"]["id"].as_str().expect("version id");
    let (status, body) = app
        .call(
            "save_answers",
            &[
                ("young_person", &yp),
                ("purpose", "pre_programme"),
                ("cohort", &cohort),
                ("version", version),
                ("answers[q1][]", "7"),
                ("answers[q2][]", "4"),
                ("answers[q3][]", "9"),
                ("answers[q4][]", "3"),
                ("answers[q4][]", "0"),
                ("answers[q5][]", "  To stay <b>out</b> of trouble  "),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");

    let (status, answers) = app.call("answers", &[("young_person", &yp)]).await;
    assert_eq!(status, 200, "{answers}");
    let first = &answers[0];
    assert_eq!(first["title"], "Before the programme");
    assert_eq!(first["version"], 1);
    let shown: Vec<&str> = first["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["answer"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        shown,
        vec![
            "7 (from \u{201c}0 = not safe\u{201d} to \u{201c}10 = very safe\u{201d})",
            "4 (from \u{201c}0 = very hard\u{201d} to \u{201c}10 = very easy\u{201d})",
            "9 (from \u{201c}0 = not at all\u{201d} to \u{201c}10 = a lot\u{201d})",
            "Family, My worker",
            // Kept as typed (trimmed); pages render it as text, so the markup is inert.
            "To stay <b>out</b> of trouble",
        ]
    );
    let home = app.sign_in_young_person().await;
    assert!(
        !home["questionnaires"]
            .as_array()
            .expect("links")
            .iter()
            .any(|q| q["purpose"] == "pre_programme" && q["cohort"] == cohort.as_str()),
        "answered, so no longer offered: {home}"
    );
}

#[tokio::test]
async fn bad_answers_are_refused_each_named_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let (yp, cohort) = amara(&app).await;
    let pre = questionnaire(&app, &yp, "pre_programme", Some(&cohort)).await;
    let version = pre["version"]["id"].as_str().expect("id").to_owned();
    let own = questionnaire(&app, &yp, "self_assessment", None).await;
    let own_version = own["version"]["id"].as_str().expect("id").to_owned();
    let elsewhere = cohort_named(&app, "Elijah: prevention").await;
    let base = |v: &str, c: &str| {
        vec![
            ("young_person".to_string(), yp.clone()),
            ("purpose".to_string(), "pre_programme".to_string()),
            ("cohort".to_string(), c.to_string()),
            ("version".to_string(), v.to_string()),
        ]
    };
    let send = |form: Vec<(String, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call("save_answers", &pairs).await
        }
    };
    let with = |mut form: Vec<(String, String)>, extra: &[(&str, &str)]| {
        form.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        form
    };
    let good = [
        ("answers[q1][]", "5"),
        ("answers[q2][]", "5"),
        ("answers[q3][]", "5"),
    ];

    // Out of range, a choice that is not there, and a required one left out.
    let (status, body) = send(with(
        base(&version, &cohort),
        &[
            ("answers[q1][]", "11"),
            ("answers[q2][]", "5"),
            ("answers[q4][]", "9"),
        ],
    ))
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["kind"], "answers_invalid");
    assert_eq!(
        body["detail"],
        serde_json::json!([
            ["q1", "ScoreInvalid"],
            ["q3", "Missing"],
            ["q4", "ChoiceInvalid"]
        ])
    );

    // A version that does not exist, or belongs to another questionnaire.
    let (status, body) = send(with(
        base("6a0c1f39-1b7e-4d39-9d59-2a4b3c5d6e7f", &cohort),
        &good,
    ))
    .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("version_invalid"))
    );
    let (status, body) = send(with(base(&own_version, &cohort), &good)).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("version_invalid")),
        "a self-assessment version cannot answer the pre-programme questionnaire"
    );
    let (status, body) = send(with(base("not-an-id", &cohort), &good)).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("version_invalid"))
    );

    // A programme she is not in, and a self-assessment tied to a programme.
    let (status, body) = send(with(base(&version, &elsewhere), &good)).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (403, Some("not_in_session"))
    );
    let mut own_form = with(base(&own_version, &cohort), &good);
    own_form[1].1 = "self_assessment".into();
    let (status, _) = send(own_form).await;
    assert_eq!(status, 404);
    let (status, body) = send(with(base(&version, &cohort), &[("answers[q1][]", "5")]))
        .await
        .clone();
    assert_eq!(status, 422, "{body}");
    let mut quiz = with(base(&version, &cohort), &good);
    quiz[1].1 = "quiz".into();
    let (status, body) = send(quiz).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("purpose_invalid"))
    );

    assert_eq!(response_count(&app).await, 0, "nothing was stored");

    // Without JavaScript the page comes back naming the questions to look at.
    let res = app
        .post_plain_form(
            "save_answers",
            &[
                ("young_person", yp.as_str()),
                ("purpose", "pre_programme"),
                ("cohort", cohort.as_str()),
                ("version", version.as_str()),
                ("answers[q1][]", "12"),
                ("answers[q2][]", "5"),
                ("answers[q3][]", "5"),
            ],
        )
        .await;
    assert!(res.status().is_redirection());
    let location = res.headers()["location"].to_str().expect("location");
    assert_eq!(
        location,
        format!(
            "/young-people/{yp}/cohorts/{cohort}/questionnaires/pre_programme?error=answers_invalid&questions=q1"
        )
    );
    assert_eq!(response_count(&app).await, 0);
}

#[tokio::test]
async fn a_plain_form_post_saves_and_shows_the_answers() {
    let app = TestApp::spawn().await;
    let (yp, _) = amara(&app).await;
    let own = questionnaire(&app, &yp, "self_assessment", None).await;
    let version = own["version"]["id"].as_str().expect("id").to_owned();
    let res = app
        .post_plain_form(
            "save_answers",
            &[
                ("young_person", yp.as_str()),
                ("purpose", "self_assessment"),
                ("version", version.as_str()),
                ("answers[q1][]", "6"),
                ("answers[q2][]", "8"),
                ("answers[q3][]", "3"),
                ("answers[q4][]", "5"),
                ("answers[q5][]", "Football"),
                ("answers[q6][]", ""),
            ],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(
        res.headers()["location"],
        format!("/young-people/{yp}/answers?saved=1").as_str()
    );
    let page = app
        .get(&format!("/young-people/{yp}/answers?saved=1"))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Your answers are saved"), "{page}");
    assert!(page.contains("Football"), "{page}");
    assert!(
        page.contains("Not answered"),
        "the optional one left blank: {page}"
    );
}

#[tokio::test]
async fn publishing_a_new_version_never_changes_answers_already_given() {
    let app = TestApp::spawn().await;
    let (yp, _) = amara(&app).await;
    let v1 = questionnaire(&app, &yp, "self_assessment", None).await;
    let v1_id = v1["version"]["id"].as_str().expect("id").to_owned();
    let mut form = vec![
        ("young_person", yp.as_str()),
        ("purpose", "self_assessment"),
        ("version", v1_id.as_str()),
    ];
    form.extend([
        ("answers[q1][]", "2"),
        ("answers[q2][]", "3"),
        ("answers[q3][]", "4"),
        ("answers[q4][]", "5"),
    ]);
    let (status, body) = app.call("save_answers", &form).await;
    assert_eq!(status, 200, "{body}");

    let helen = app.staff(HELEN).await;
    let (status, editor) = helen
        .call("question_set", &[("purpose", "self_assessment")])
        .await;
    assert_eq!(status, 200, "{editor}");
    assert_eq!(editor["current"]["version"], 1);
    // Reword question 1 in place, take question 2 out, add a multiple-choice question.
    let (status, body) = helen
        .call(
            "save_question_set",
            &[
                ("purpose", "self_assessment"),
                ("title", "About me"),
                ("questions[0][key]", "q1"),
                ("questions[0][text]", "How are things at home?"),
                ("questions[0][kind]", "scale"),
                ("questions[0][low]", "0 = really bad"),
                ("questions[0][high]", "10 = really good"),
                ("questions[0][required]", "yes"),
                ("questions[1][key]", "q2"),
                ("questions[1][text]", "How are things with your friends?"),
                ("questions[1][kind]", "scale"),
                ("questions[1][low]", "0"),
                ("questions[1][high]", "10"),
                ("questions[1][remove]", "yes"),
                ("questions[2][key]", ""),
                ("questions[2][text]", "What do you like doing?"),
                ("questions[2][kind]", "multiple_choice"),
                ("questions[2][options]", "Sport\nMusic\nGaming"),
                ("questions[3][text]", ""),
                ("publish", "yes"),
            ],
        )
        .await;
    assert_eq!(
        (status, body.clone()),
        (200, serde_json::json!(2)),
        "{body}"
    );

    let v2 = questionnaire(&app, &yp, "self_assessment", None).await;
    assert_eq!(v2["version"]["version"], 2);
    assert_eq!(
        question_texts(&v2),
        vec!["How are things at home?", "What do you like doing?"]
    );
    let keys: Vec<&str> = v2["version"]["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["key"].as_str().expect("key"))
        .collect();
    assert_eq!(
        keys,
        vec!["q1", "q7"],
        "kept in place, and a fresh key after q6"
    );

    let (_, answers) = app.call("answers", &[("young_person", &yp)]).await;
    assert_eq!(answers[0]["version"], 1);
    let questions: Vec<&str> = answers[0]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["question"].as_str().expect("question"))
        .collect();
    assert_eq!(
        questions[..2],
        [
            "How are things with your family?",
            "How are things with your friends?"
        ],
        "the old answers keep the questions they answered"
    );
    assert_eq!(
        answers[0]["items"][0]["answer"].as_str().map(|a| &a[..1]),
        Some("2")
    );

    // Answers to the old version, sent after the change (a phone that was offline), are
    // still taken against the version they answered.
    let (status, body) = app.call("save_answers", &form).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_draft_is_kept_as_typed_until_it_can_be_published() {
    let app = TestApp::spawn().await;
    let helen = app.staff(HELEN).await;
    let draft = [
        ("purpose", "post_programme"),
        ("title", "After the programme"),
        ("questions[0][text]", "Which session was best?"),
        ("questions[0][kind]", "single_choice"),
        ("questions[0][options]", "Only one"),
        ("publish", "yes"),
    ];
    let (status, body) = helen.call("save_question_set", &draft).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("question_set_invalid")),
        "{body}"
    );
    let (status, editor) = helen
        .call("question_set", &[("purpose", "post_programme")])
        .await;
    assert_eq!(status, 200, "{editor}");
    assert_eq!(editor["current"]["version"], 1, "nothing was published");
    assert_eq!(
        editor["draft"]["questions"][0]["text"],
        "Which session was best?"
    );
    assert_eq!(editor["draft"]["questions"][0]["options"], "Only one");
    assert_eq!(
        editor["problems"]["questions"],
        serde_json::json!([[0, "OptionsInvalid"]])
    );
    assert!(editor["draft_saved"][0]
        .as_str()
        .is_some_and(|who| who.contains("Helen")));

    // Without JavaScript: the same page again, with the error named.
    let location = helen
        .post_plain_form(
            "save_question_set",
            &[
                ("purpose", "post_programme"),
                ("title", " "),
                ("publish", "yes"),
            ],
        )
        .await;
    assert_eq!(
        location,
        "/question-sets/post_programme?error=question_set_title_invalid"
    );

    let (status, body) = helen
        .call(
            "save_question_set",
            &[
                ("purpose", "post_programme"),
                ("title", "After the programme"),
                ("questions[0][text]", "Which session was best?"),
                ("questions[0][kind]", "single_choice"),
                ("questions[0][options]", "Session 1\nSession 2\nSession 3"),
                ("publish", "yes"),
            ],
        )
        .await;
    assert_eq!((status, body), (200, serde_json::json!(2)));
    let (_, editor) = helen
        .call("question_set", &[("purpose", "post_programme")])
        .await;
    assert_eq!(
        editor["draft_saved"],
        Value::Null,
        "publishing clears the draft"
    );
    let (_, sets) = helen.call("question_sets", &[]).await;
    assert_eq!(
        sets.as_array().map(Vec::len),
        Some(5),
        "pre, post, self-assessment and the two feedback sets"
    );

    // Only managers build question sets.
    for email in [
        "jo.lindqvist@northmoor.example",
        "morgan.hale@northmoor.example",
    ] {
        let other = app.staff(email).await;
        // Refused like a record the asker may not see: "not found", and audited.
        let (status, _) = other.call("question_sets", &[]).await;
        assert_eq!(status, 404, "{email}");
        let (status, _) = other.call("save_question_set", &draft).await;
        assert_eq!(status, 404, "{email}");
    }
    assert!(
        app.count(
            "SELECT COUNT(*) FROM audit_events WHERE action = $1 AND outcome = 'denied'",
            "build_question_sets"
        )
        .await
            >= 4
    );
    app.sign_in_young_person().await;
    let (status, _) = app
        .call("question_set", &[("purpose", "pre_programme")])
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_resend_is_stored_once_and_a_reused_key_is_refused_and_audited() {
    let app = TestApp::spawn().await;
    let (yp, _) = amara(&app).await;
    let own = questionnaire(&app, &yp, "self_assessment", None).await;
    let version = own["version"]["id"].as_str().expect("id").to_owned();
    let key = "2f8a5c1e-7d4b-4e8a-9c3f-1a2b3c4d5e6f";
    let form = |score: &'static str| {
        vec![
            ("young_person", yp.clone()),
            ("purpose", "self_assessment".to_string()),
            ("version", version.clone()),
            ("answers[q1][]", score.to_string()),
            ("answers[q2][]", "5".to_string()),
            ("answers[q3][]", "5".to_string()),
            ("answers[q4][]", "5".to_string()),
            ("key", key.to_string()),
        ]
    };
    for _ in 0..3 {
        let f = form("6");
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, body) = app.call("save_answers", &pairs).await;
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(response_count(&app).await, 1, "three sends, one response");
    let f = form("9");
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = app.call("save_answers", &pairs).await;
    assert_eq!((status, body["detail"].as_str()), (422, Some("key_reused")));
    assert_eq!(response_count(&app).await, 1);

    let helen = app.staff(HELEN).await;
    let (status, trail) = helen.call("audit_trail", &[("young_person", &yp)]).await;
    assert_eq!(status, 200, "{trail}");
    let actions: Vec<&str> = trail["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["action"].as_str().unwrap_or(""))
        .collect();
    assert!(actions.contains(&"give_answers"), "{actions:?}");
    assert!(actions.contains(&"give_answers_key_reused"), "{actions:?}");
}
