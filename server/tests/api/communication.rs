//! Communication support: set by the worker with the young person or by her, kept across
//! sign-ins, and "I don't understand this" reaching her worker's caseload.

use crate::support::{TestApp, DEMO_PIN};

const JO: &str = "jo.lindqvist@northmoor.example";

/// Amara's card on a caseload.
fn card_of(caseload: &serde_json::Value, young_person: &str) -> serde_json::Value {
    caseload["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["id"] == young_person)
        .expect("on the caseload")
        .clone()
}

/// Jo starts Amara's plan with one target that uses a justice word.
async fn plan_with_a_target(app: &TestApp, amara: &str) -> String {
    let jo = app.staff(JO).await;
    let (status, body) = jo.call("start_plan", &[("young_person", amara)]).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = jo
        .call(
            "save_target",
            &[
                ("young_person", amara),
                ("target", "new"),
                ("mine[target]", "Finish my referral order"),
                ("mine[i_will]", "go to every meeting"),
                ("mine[success]", "the panel signs it off"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = jo.call("plan", &[("young_person", amara)]).await;
    page["plan"]["content"]["targets"][0]["key"]
        .as_str()
        .expect("a target")
        .to_owned()
}

#[tokio::test]
async fn i_don_t_understand_reaches_the_caseload_once_and_is_marked_explained() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    let target = plan_with_a_target(&app, &amara).await;
    let phone = app.default_session();

    // Off by default: no button, no bigger pages.
    assert_eq!(home["support"], false);
    let plan_page = phone.page(&format!("/young-people/{amara}/plan")).await;
    assert!(!plan_page.contains("explain-button"), "{plan_page}");
    assert!(!plan_page.contains("support-on"));

    // She turns it on from her page, without JavaScript.
    let back = phone
        .post_plain_form(
            "set_communication_support",
            &[
                ("young_person", &amara),
                ("on", "yes"),
                ("back", "/me#easier"),
            ],
        )
        .await;
    assert_eq!(back, "/me#easier");
    let plan_page = phone.page(&format!("/young-people/{amara}/plan")).await;
    assert!(plan_page.contains("support-on"), "{plan_page}");
    assert!(
        plan_page.contains("I don&#x27;t understand this")
            || plan_page.contains("I don't understand this"),
        "{plan_page}"
    );
    // The justice word in her target is explained where it is.
    assert!(plan_page.contains("popovertarget"), "{plan_page}");
    assert!(
        plan_page.contains("The court asks a panel of local people"),
        "{plan_page}"
    );

    // She presses it twice on the target (a double tap), and once on a question.
    let item = format!("target:{target}");
    for _ in 0..2 {
        let (status, body) = phone
            .call(
                "explain_this",
                &[("young_person", &amara), ("item", &item), ("back", "/me")],
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let (_, questionnaire) = phone
        .call(
            "questionnaire",
            &[("young_person", &amara), ("purpose", "self_assessment")],
        )
        .await;
    assert_eq!(questionnaire["support"], true);
    let version = questionnaire["version"]["id"].as_str().expect("version");
    let (status, _) = phone
        .call(
            "explain_this",
            &[
                ("young_person", &amara),
                ("item", &format!("question:{version}:q4")),
            ],
        )
        .await;
    assert_eq!(status, 200);

    // Made-up items are refused and nothing is kept.
    for bad in [
        "target:t99",
        "question:00000000-0000-0000-0000-000000000000:q1",
        "anything",
    ] {
        let (status, _) = phone
            .call("explain_this", &[("young_person", &amara), ("item", bad)])
            .await;
        assert_eq!(status, 404, "{bad}");
    }

    // Jo's caseload shows two things to explain, and her page says which.
    let jo = app.staff(JO).await;
    let (_, caseload) = jo.call("caseload", &[]).await;
    let card = card_of(&caseload, &amara);
    assert_eq!(card["not_understood"], 2, "{card}");
    let (_, voice) = jo.call("what_i_think", &[("young_person", &amara)]).await;
    let asked: Vec<&str> = voice["not_understood"]
        .as_array()
        .expect("list")
        .iter()
        .map(|n| n["words"].as_str().expect("words"))
        .collect();
    assert_eq!(
        asked,
        vec![
            "Finish my referral order",
            "About me: How do you feel most days?"
        ]
    );
    let page = jo.page("/caseload").await;
    assert!(page.contains("Did not understand: 2"), "{page}");

    // Jo explains the first and marks it; it leaves the list and the caseload count.
    let first = voice["not_understood"][0]["id"].as_str().expect("id");
    let (status, _) = jo
        .call(
            "mark_explained",
            &[("young_person", &amara), ("item", first)],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = jo
        .call(
            "mark_explained",
            &[("young_person", &amara), ("item", first)],
        )
        .await;
    assert_eq!(status, 404, "already explained");
    let (_, caseload) = jo.call("caseload", &[]).await;
    let card = card_of(&caseload, &amara);
    assert_eq!(card["not_understood"], 1, "{card}");
    for action in [
        "ask_to_explain",
        "mark_explained",
        "communication_support_on",
    ] {
        assert!(
            app.count(
                &format!("SELECT COUNT(*) FROM audit_events WHERE action = '{action}' AND subject_id = $1"),
                &amara
            )
            .await
                >= 1,
            "{action} is audited"
        );
    }
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'ask_to_explain' AND subject_id = $1",
            &amara
        )
        .await,
        2,
        "the double tap asked once"
    );
}

#[tokio::test]
async fn the_worker_sets_it_with_her_and_it_stays_after_signing_out_and_in() {
    let app = TestApp::spawn().await;
    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    let jo = app.staff(JO).await;
    let (_, case) = jo.call("case_record", &[("young_person", &amara)]).await;
    assert_eq!(case["support"], false);
    assert_eq!(case["may_set_support"], true);
    let (status, _) = jo
        .call(
            "set_communication_support",
            &[("young_person", &amara), ("on", "yes")],
        )
        .await;
    assert_eq!(status, 200);

    let phone = app.default_session();
    let (_, frame) = phone.call("frame", &[]).await;
    assert_eq!(frame["support"], true, "her very next page, no new sign-in");
    // Faces first, and each question on its own screen.
    let page = phone
        .page(&format!(
            "/young-people/{amara}/questionnaires/self_assessment"
        ))
        .await;
    assert!(page.contains("question--screen"), "{page}");
    assert!(
        page.contains("faces=0"),
        "the switch offers numbers: {page}"
    );

    // Signed out (the quick exit) and back in with her PIN: still on.
    assert_eq!(phone.get("/exit").await.status(), 303);
    let (status, _) = phone.call("unlock", &[("pin", DEMO_PIN)]).await;
    assert_eq!(status, 200);
    let (_, frame) = phone.call("frame", &[]).await;
    assert_eq!(frame["support"], true);

    // She turns it off herself; a parent and another worker cannot change it.
    let (status, _) = phone
        .call("set_communication_support", &[("young_person", &amara)])
        .await;
    assert_eq!(status, 200);
    let (_, frame) = phone.call("frame", &[]).await;
    assert_eq!(frame["support"], false);
    let colm = app.carer().await;
    let (status, _) = colm
        .call(
            "set_communication_support",
            &[("young_person", &amara), ("on", "yes")],
        )
        .await;
    assert_eq!(status, 404);
    let sam = app.staff("sam.okafor@northmoor.example").await;
    let (status, _) = sam
        .call(
            "set_communication_support",
            &[("young_person", &amara), ("on", "yes")],
        )
        .await;
    assert_eq!(status, 404);
    let (_, frame) = phone.call("frame", &[]).await;
    assert_eq!(frame["support"], false);
}
