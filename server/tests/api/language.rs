//! Welsh and English: how a page's language is chosen, kept and followed.

use crate::support::TestApp;

fn lang_of(html: &str) -> &str {
    html.split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
}

#[tokio::test]
async fn the_browser_s_language_decides_before_anyone_chooses() {
    let app = TestApp::spawn().await;
    let anyone = app.anonymous();
    let english = anyone.page("/").await;
    assert_eq!(lang_of(&english), "en");
    assert!(
        english.contains("I have a code from my worker"),
        "{english}"
    );

    let res = anyone
        .client
        .get(app.url("/"))
        .header("Accept-Language", "cy-GB,cy;q=0.9,en;q=0.8")
        .send()
        .await
        .expect("GET");
    let welsh = res.text().await.expect("page").replace("<!-- -->", "");
    assert_eq!(lang_of(&welsh), "cy");
    assert!(welsh.contains("Mae gen i god gan fy ngweithiwr"), "{welsh}");
    // The switch names the other language in that language, and says it is unreviewed.
    assert!(
        welsh.contains(">English<") || welsh.contains("English</button>"),
        "{welsh}"
    );
    assert!(welsh.contains("translation-note"), "{welsh}");
    assert!(
        !english.contains("translation-note"),
        "no note on English pages"
    );
}

#[tokio::test]
async fn the_switch_works_without_javascript_and_comes_back_to_the_same_page() {
    let app = TestApp::spawn().await;
    let phone = app.anonymous();
    let back = phone
        .post_plain_form("set_language", &[("language", "cy"), ("back", "/join")])
        .await;
    assert_eq!(back, "/join");
    let page = phone.page("/join").await;
    assert_eq!(lang_of(&page), "cy");
    assert!(page.contains("Mewngofnodi gyda dy god"), "{page}");

    // Somewhere else is never gone back to; an unknown language changes nothing.
    let back = phone
        .post_plain_form(
            "set_language",
            &[("language", "xx"), ("back", "//evil.example/")],
        )
        .await;
    assert_eq!(back, "/");
    assert_eq!(lang_of(&phone.page("/").await), "cy");
    let back = phone
        .post_plain_form("set_language", &[("language", "en"), ("back", "/")])
        .await;
    assert_eq!(back, "/");
    assert_eq!(lang_of(&phone.page("/").await), "en");
}

#[tokio::test]
async fn a_person_s_language_follows_them_to_another_phone() {
    let app = TestApp::spawn().await;
    let jo = app.staff("jo.lindqvist@northmoor.example").await;
    // She signed in in English, which became her choice; now she chooses Welsh.
    let jo_id = app.person_id("Jo").await;
    let db = app.db().await;
    assert_eq!(
        db.text("SELECT language FROM people WHERE id = $1", &[&jo_id])
            .await,
        "en"
    );
    jo.post_plain_form("set_language", &[("language", "cy"), ("back", "/caseload")])
        .await;
    assert_eq!(
        db.text("SELECT language FROM people WHERE id = $1", &[&jo_id])
            .await,
        "cy"
    );
    db.close().await;

    // On another computer, with an English browser, her pages are in Welsh once she signs in.
    let laptop = app.staff("jo.lindqvist@northmoor.example").await;
    let caseload = laptop.page("/caseload").await;
    assert_eq!(lang_of(&caseload), "cy");
    assert!(caseload.contains("Llwyth achosion"), "{caseload}");
}

#[tokio::test]
async fn a_young_person_who_joins_on_a_welsh_page_keeps_welsh() {
    let app = TestApp::spawn().await;
    let phone = app.anonymous();
    phone
        .post_plain_form("set_language", &[("language", "cy"), ("back", "/join")])
        .await;
    let (status, body) = phone
        .call(
            "redeem_invitation",
            &[
                ("code", server::demo_data::YOUNG_PERSON_CODE),
                ("pin", "402719"),
                ("pin_again", "402719"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let amara = app.person_id("Amara").await;
    let db = app.db().await;
    assert_eq!(
        db.text("SELECT language FROM people WHERE id = $1", &[&amara])
            .await,
        "cy"
    );
    db.close().await;
    let home = phone.page("/me").await;
    assert!(home.contains("Sesiwn yr wythnos hon"), "{home}");
}

#[tokio::test]
async fn a_worker_notes_a_parent_s_language_and_interpreter_and_nobody_else_can() {
    let app = TestApp::spawn().await;
    let jo = app.staff("jo.lindqvist@northmoor.example").await;
    let amara = app.person_id("Amara").await;
    let colm = app.person_id("Colm").await;

    // Without JavaScript: back to the people who can sign in, saying it is saved.
    let back = jo
        .post_plain_form(
            "set_language_needs",
            &[
                ("young_person", &amara),
                ("person", &colm),
                ("language", "cy"),
                ("interpreter", "  Polish  "),
            ],
        )
        .await;
    assert!(back.ends_with("?language=1#sign-in"), "{back}");
    let (status, case) = jo.call("case_record", &[("young_person", &amara)]).await;
    assert_eq!(status, 200, "{case}");
    let carer = &case["record"]["carers"][0];
    assert_eq!(carer["language"], "Welsh", "{carer}");
    assert_eq!(carer["interpreter"], "Polish", "{carer}");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'set_language_needs' AND subject_id = $1",
            &amara
        )
        .await,
        1
    );
    // The case page shows both, in words.
    let page = jo.page(&format!("/young-people/{amara}")).await;
    assert!(page.contains("Language of their pages: Cymraeg"), "{page}");
    assert!(page.contains("Needs an interpreter: Polish"), "{page}");

    // Emptied, the interpreter is no longer needed; too long is refused and changes nothing.
    let (status, body) = jo
        .call(
            "set_language_needs",
            &[
                ("young_person", &amara),
                ("person", &colm),
                ("language", ""),
                ("interpreter", ""),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let long = "x".repeat(61);
    let (status, body) = jo
        .call(
            "set_language_needs",
            &[
                ("young_person", &amara),
                ("person", &colm),
                ("language", "cy"),
                ("interpreter", &long),
            ],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("interpreter_language_too_long")),
        "{body}"
    );
    let (_, case) = jo.call("case_record", &[("young_person", &amara)]).await;
    let carer = &case["record"]["carers"][0];
    assert_eq!(carer["language"], serde_json::Value::Null, "{carer}");
    assert_eq!(carer["interpreter"], serde_json::Value::Null, "{carer}");

    // A parent cannot, and nobody can for someone who is not in this young person's case.
    let colm_phone = app.carer().await;
    let (status, _) = colm_phone
        .call(
            "set_language_needs",
            &[
                ("young_person", &amara),
                ("person", &colm),
                ("language", "en"),
                ("interpreter", ""),
            ],
        )
        .await;
    assert_eq!(status, 404);
    let sam = app.person_id("Sam").await;
    let (status, _) = jo
        .call(
            "set_language_needs",
            &[
                ("young_person", &amara),
                ("person", &sam),
                ("language", "en"),
                ("interpreter", ""),
            ],
        )
        .await;
    assert_eq!(status, 404);
}
