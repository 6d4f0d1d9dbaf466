//! End-of-intervention feedback over real HTTP: a young person and her father each give
//! their own, each sees only their own with the worker's answer beside it, the worker
//! answers ("you said, we did"), and only words given with consent reach the managers'
//! quotes bank, without a name.

use crate::support::{Session, TestApp};
use serde_json::Value;

const JO: &str = "jo.lindqvist@northmoor.example";
const SAM: &str = "sam.okafor@northmoor.example";
const HELEN: &str = "helen.ravensworth@northmoor.example";
const MORGAN: &str = "morgan.hale@northmoor.example";

const AMARA_SAYS: &str = "It has helped me be a better version of myself";
const COLM_SAYS: &str = "Since working with the team we have had fewer arguments";

async fn give(
    who: &Session,
    young_person: &str,
    purpose: &str,
    words: &str,
    share: bool,
) -> (u16, Value) {
    let (status, set) = who
        .call(
            "questionnaire",
            &[("young_person", young_person), ("purpose", purpose)],
        )
        .await;
    if status != 200 {
        return (status, set);
    }
    let version = set["version"]["id"].as_str().expect("version").to_owned();
    let mut form = vec![
        ("young_person", young_person),
        ("purpose", purpose),
        ("version", version.as_str()),
        ("answers[q1][]", "9"),
        ("answers[q2][]", "8"),
        ("answers[q3][]", "7"),
        ("answers[q4][]", words),
        ("answers[q5][]", "More sessions after school"),
    ];
    if share {
        form.push(("share_words", "yes"));
    }
    who.call("save_answers", &form).await
}

fn words_in(page: &Value) -> Vec<String> {
    page["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .filter_map(|r| r["items"][3]["answer"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn each_person_gives_and_reads_their_own_feedback_and_the_worker_answers_it() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    let me = app.default_session();
    let colm = app.carer().await;

    let (status, page) = me.call("feedback", &[("young_person", &amara)]).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["may_give"], "young_person_feedback");
    assert_eq!(page["responses"].as_array().map(Vec::len), Some(0));

    let (status, body) = give(&me, &amara, "young_person_feedback", AMARA_SAYS, true).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = give(&colm, &amara, "carer_feedback", COLM_SAYS, false).await;
    assert_eq!(status, 200, "{body}");

    // Each gives only their own set, and workers give none.
    let jo = app.staff(JO).await;
    for (who, purpose) in [
        (&colm, "young_person_feedback"),
        (&me, "carer_feedback"),
        (&jo, "young_person_feedback"),
        (&jo, "carer_feedback"),
    ] {
        let (status, _) = give(who, &amara, purpose, "Not theirs to give", false).await;
        assert_eq!(status, 404, "{purpose}");
    }

    // Amara reads hers, never her father's; he reads his, never hers.
    let (_, mine) = me.call("feedback", &[("young_person", &amara)]).await;
    assert_eq!(words_in(&mine), vec![AMARA_SAYS]);
    assert_eq!(mine["responses"][0]["share_words"], true);
    let (_, his) = colm.call("feedback", &[("young_person", &amara)]).await;
    assert_eq!(words_in(&his), vec![COLM_SAYS]);
    assert_eq!(his["may_give"], "carer_feedback");
    // Feedback is not among her questionnaire answers.
    let (_, answers) = me.call("answers", &[("young_person", &amara)]).await;
    assert!(!answers.to_string().contains(AMARA_SAYS));

    // Jo reads both, unseen first, and answers Amara's.
    let (status, all) = jo.call("feedback", &[("young_person", &amara)]).await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(all["may_answer"], true);
    let mut both = words_in(&all);
    both.sort();
    assert_eq!(both, vec![AMARA_SAYS, COLM_SAYS]);
    let hers = all["responses"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["given_by_role"] == "young_person"))
        .and_then(|r| r["id"].as_str())
        .expect("Amara's feedback")
        .to_owned();
    let (status, body) = jo
        .call(
            "answer_feedback",
            &[
                ("young_person", &amara),
                ("feedback", &hers),
                ("response", "   "),
            ],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("answer_empty"), "{body}");
    let (status, body) = jo
        .call(
            "answer_feedback",
            &[
                ("young_person", &amara),
                ("feedback", &hers),
                (
                    "response",
                    "Thank you. We have added a Tuesday after-school session.",
                ),
                ("action_taken", "Tuesday drop-in started"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // Her home page says the worker answered, until she opens her feedback.
    let (_, home) = me.call("young_person_home", &[]).await;
    assert_eq!(home["unread_feedback_answers"], 1, "{home}");
    assert!(me
        .page("/me")
        .await
        .contains("Your worker answered your feedback"));
    let (_, family) = colm.call("family_home", &[]).await;
    assert_eq!(
        family[1][0]["unread_feedback_answers"], 0,
        "his is not answered yet"
    );
    let (_, mine) = me.call("feedback", &[("young_person", &amara)]).await;
    let (_, home) = me.call("young_person_home", &[]).await;
    assert_eq!(home["unread_feedback_answers"], 0, "read now");
    assert_eq!(mine["responses"][0]["reply"]["responded_by"], "Jo");
    assert_eq!(
        mine["responses"][0]["reply"]["action_taken"],
        "Tuesday drop-in started"
    );
    let (_, his) = colm.call("feedback", &[("young_person", &amara)]).await;
    assert_eq!(
        his["responses"][0]["reply"]["response"],
        Value::Null,
        "{his}"
    );

    // An id that is not feedback (or not about Amara) is not found.
    let (status, _) = jo
        .call(
            "answer_feedback",
            &[
                ("young_person", &amara),
                ("feedback", "00000000-0000-4000-8000-000000000000"),
                ("seen_only", "1"),
            ],
        )
        .await;
    assert_eq!(status, 404);

    // The page, server-rendered, puts the answer beside what she wrote.
    let html = me.page(&format!("/young-people/{amara}/feedback")).await;
    assert!(html.contains(AMARA_SAYS));
    assert!(html.contains("Tuesday drop-in started"));
    assert!(!html.contains(COLM_SAYS));

    let answered = app
        .count(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'answer_feedback' AND record_id = $1",
            &hers,
        )
        .await;
    assert_eq!(answered, 1);
}

#[tokio::test]
async fn only_consented_words_reach_the_quotes_bank_and_without_a_name() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    let me = app.default_session();
    let colm = app.carer().await;
    give(&me, &amara, "young_person_feedback", AMARA_SAYS, true).await;
    give(&colm, &amara, "carer_feedback", COLM_SAYS, false).await;

    let helen = app.staff(HELEN).await;
    let (status, bank) = helen.call("quotes", &[]).await;
    assert_eq!(status, 200, "{bank}");
    let quotes = bank["quotes"].as_array().expect("quotes");
    let words: Vec<&str> = quotes.iter().filter_map(|q| q["words"].as_str()).collect();
    assert!(words.contains(&AMARA_SAYS), "{bank}");
    assert!(words.contains(&"More sessions after school"));
    assert!(!words.contains(&COLM_SAYS), "Colm did not agree to share");
    let text = serde_json::to_string(&quotes).expect("json");
    assert!(
        !text.contains("Amara") && !text.contains(&amara),
        "no name, no id: {text}"
    );
    assert!(quotes.iter().all(|q| q["from"] == "young_person"));

    let csv = helen
        .get("/reports/quotes.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(csv.starts_with("From,Month,Question,Words\r\n"), "{csv}");
    assert!(
        csv.contains(&format!(
            "A young person,{},What has changed for you?,{AMARA_SAYS}",
            &quotes[0]["month"].as_str().expect("month")
        )),
        "{csv}"
    );
    assert!(!csv.contains(COLM_SAYS));

    for email in [JO, SAM, MORGAN] {
        let staff = app.staff(email).await;
        let (status, _) = staff.call("quotes", &[]).await;
        assert_eq!(status, 404, "{email}");
        assert_eq!(
            staff.get("/reports/quotes.csv").await.status(),
            404,
            "{email}"
        );
    }
}

#[tokio::test]
async fn feedback_is_seen_only_by_the_people_it_belongs_to() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    give(
        &app.default_session(),
        &amara,
        "young_person_feedback",
        AMARA_SAYS,
        false,
    )
    .await;

    // Another worker of the team, the administrator, and anyone signed out: nothing.
    for who in [
        app.staff(SAM).await,
        app.staff(MORGAN).await,
        app.anonymous(),
    ] {
        let (status, body) = who.call("feedback", &[("young_person", &amara)]).await;
        assert!(matches!(status, 401 | 404), "{status} {body}");
    }
    // Their manager reads it but does not answer: that is the worker's.
    let helen = app.staff(HELEN).await;
    let (status, page) = helen.call("feedback", &[("young_person", &amara)]).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["may_answer"], false);
    let id = page["responses"][0]["id"].as_str().expect("id").to_owned();
    let (status, _) = helen
        .call(
            "answer_feedback",
            &[
                ("young_person", &amara),
                ("feedback", &id),
                ("seen_only", "1"),
            ],
        )
        .await;
    assert_eq!(status, 404);
}
