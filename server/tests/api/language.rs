//! Welsh and English: how a page's language is chosen, kept and followed.

use crate::support::{Session, TestApp};

fn lang_of(html: &str) -> &str {
    html.split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
}

/// A phone that chooses `language` on the join page and redeems `code` there, as a person
/// joining in their language does.
async fn join_in(app: &TestApp, language: &str, code: &str) -> Session {
    let phone = app.anonymous();
    phone
        .post_plain_form("set_language", &[("language", language), ("back", "/join")])
        .await;
    let (status, body) = phone
        .call(
            "redeem_invitation",
            &[("code", code), ("pin", "402719"), ("pin_again", "402719")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    phone
}

/// A manager publishes a set of two questions, the first worded in `tag` as well (`words`:
/// its text and both ends), the second in English only: first with the other language's
/// "10" end missing, which is refused and kept as typed, then whole.
async fn publish_worded(helen: &Session, purpose: &str, tag: &str, title: &str, words: [&str; 3]) {
    let field = |part: &str| format!("questions[0][{tag}_{part}]");
    let (title_field, text, low, high) = (
        format!("title_{tag}"),
        field("text"),
        field("low"),
        field("high"),
    );
    let mut form = vec![
        ("purpose", purpose),
        ("title", "About us"),
        (title_field.as_str(), title),
        ("questions[0][text]", "How are things at home?"),
        ("questions[0][kind]", "scale"),
        ("questions[0][low]", "0 = bad"),
        ("questions[0][high]", "10 = good"),
        ("questions[0][required]", "yes"),
        (text.as_str(), words[0]),
        (low.as_str(), words[1]),
        ("questions[1][text]", "What else?"),
        ("questions[1][kind]", "free_text"),
        ("publish", "yes"),
    ];
    let (status, body) = helen.call("save_question_set", &form).await;
    assert_eq!(status, 422, "{body}");
    let (_, editor) = helen.call("question_set", &[("purpose", purpose)]).await;
    assert_eq!(editor["problems"]["questions"][0][1], "WordingIncomplete");
    assert_eq!(
        editor["draft"]["questions"][0]["wordings"][tag]["low"], words[1],
        "kept as typed"
    );
    form.insert(10, (high.as_str(), words[2]));
    let (status, body) = helen.call("save_question_set", &form).await;
    assert_eq!(status, 200, "{body}");
}

/// The language kept on a person's record.
async fn recorded_language(app: &TestApp, person: &str) -> String {
    let db = app.db().await;
    let language = db
        .text("SELECT language FROM people WHERE id = $1", &[person])
        .await;
    db.close().await;
    language
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
    // The programme's name and the sessions' topics are in Welsh on her pages too.
    assert!(
        caseload.contains("Cadw&#x27;n ddiogel: camfanteisio troseddol")
            || caseload.contains("Cadw'n ddiogel: camfanteisio troseddol"),
        "{caseload}"
    );
    let amara = app.person_id("Amara").await;
    let timeline = laptop
        .page(&format!("/young-people/{amara}/timeline"))
        .await;
    assert!(timeline.contains("Llinellau sirol"), "{timeline}");
    assert!(!timeline.contains("County lines"), "{timeline}");
}

#[tokio::test]
async fn a_young_person_who_joins_on_a_welsh_page_keeps_welsh() {
    let app = TestApp::spawn().await;
    let phone = join_in(&app, "cy", server::demo_data::YOUNG_PERSON_CODE).await;
    let amara = app.person_id("Amara").await;
    assert_eq!(recorded_language(&app, &amara).await, "cy");
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
    assert_eq!(carer["language"], "cy", "{carer}");
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

/// The shipped questions and programmes are in Welsh on Welsh pages, and an answer given
/// on a Welsh page is the same answer as one given in English: one version, one key.
#[tokio::test]
async fn questions_and_sessions_are_in_welsh_and_answers_count_together() {
    let app = TestApp::spawn().await;
    let member = app.group_member().await;
    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    let phone = app.default_session();
    phone
        .post_plain_form("set_language", &[("language", "cy"), ("back", "/me")])
        .await;

    // The session she scores (the group's fifth): its topic and objectives.
    let page = phone.page(&member.page()).await;
    assert!(page.contains("Cyffuriau ac alcohol"), "{page}");
    assert!(page.contains("Dysgu ffeithiau, nid mythau"), "{page}");
    assert!(!page.contains("Learn facts, not myths"), "{page}");
    // Her home page names this week's session and her questionnaires in Welsh.
    let me = phone.page("/me").await;
    assert!(me.contains("Amdana i"), "{me}");
    assert!(!me.contains("About me"), "{me}");

    let (status, welsh) = phone
        .call(
            "questionnaire",
            &[("young_person", &amara), ("purpose", "self_assessment")],
        )
        .await;
    assert_eq!(status, 200, "{welsh}");
    assert_eq!(welsh["version"]["title"], "Amdana i");
    assert_eq!(
        welsh["version"]["questions"][0]["text"],
        "Sut mae pethau gyda dy deulu?"
    );
    assert_eq!(welsh["in_english"], serde_json::json!([]));
    let version = welsh["version"]["id"].as_str().expect("version").to_owned();
    let (status, body) = phone
        .call(
            "save_answers",
            &[
                ("young_person", &amara),
                ("purpose", "self_assessment"),
                ("version", &version),
                ("answers[q1][]", "6"),
                ("answers[q2][]", "7"),
                ("answers[q3][]", "5"),
                ("answers[q4][]", "8"),
                ("answers[q5][]", "Pêl-droed"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // Read back in Welsh by her, in English by her worker: the same answer, one version.
    let (_, hers) = phone.call("answers", &[("young_person", &amara)]).await;
    assert_eq!(hers[0]["title"], "Amdana i");
    assert_eq!(
        hers[0]["items"][0]["answer"],
        "6 (from \u{201c}0 = gwael iawn\u{201d} to \u{201c}10 = da iawn\u{201d})"
    );
    let jo = app.staff("jo.lindqvist@northmoor.example").await;
    let (_, theirs) = jo.call("answers", &[("young_person", &amara)]).await;
    assert_eq!(theirs[0]["title"], "About me");
    assert_eq!(
        theirs[0]["items"][0]["question"],
        "How are things with your family?"
    );
    assert_eq!(theirs[0]["items"][4]["answer"], "Pêl-droed");
    assert_eq!(theirs[0]["version"], hers[0]["version"]);
    // Her worker's timeline names the questionnaire in the language of his page.
    jo.post_plain_form("set_language", &[("language", "cy"), ("back", "/caseload")])
        .await;
    let timeline = jo.page(&format!("/young-people/{amara}/timeline")).await;
    assert!(timeline.contains("Amdana i"), "{timeline}");
    assert!(!timeline.contains("About me"), "{timeline}");
    jo.post_plain_form("set_language", &[("language", "en"), ("back", "/caseload")])
        .await;

    // Answered again in English, both sit on the same version and keys.
    phone
        .post_plain_form("set_language", &[("language", "en"), ("back", "/me")])
        .await;
    let (_, english) = phone
        .call(
            "questionnaire",
            &[("young_person", &amara), ("purpose", "self_assessment")],
        )
        .await;
    assert_eq!(english["version"]["id"], version.as_str());
    assert_eq!(
        english["version"]["questions"][0]["text"],
        "How are things with your family?"
    );
    let (status, _) = phone
        .call(
            "save_answers",
            &[
                ("young_person", &amara),
                ("purpose", "self_assessment"),
                ("version", &version),
                ("answers[q1][]", "8"),
                ("answers[q2][]", "7"),
                ("answers[q3][]", "5"),
                ("answers[q4][]", "8"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM questionnaire_responses WHERE version_id = $1",
            &version
        )
        .await,
        2
    );
}

/// A manager words a question in Welsh; one left unworded shows in English on Welsh
/// pages, marked, and half-typed Welsh is kept and refused rather than published.
#[tokio::test]
async fn a_manager_words_questions_in_welsh_and_a_missing_one_is_marked() {
    let app = TestApp::spawn().await;
    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let (status, editor) = helen
        .call("question_set", &[("purpose", "self_assessment")])
        .await;
    assert_eq!(status, 200, "{editor}");
    assert_eq!(
        editor["draft"]["questions"][0]["wordings"]["cy"]["text"], "Sut mae pethau gyda dy deulu?",
        "the builder opens with the shipped Welsh"
    );

    publish_worded(
        &helen,
        "self_assessment",
        "cy",
        "Amdana i",
        ["Sut mae pethau gartref?", "0 = gwael", "10 = da"],
    )
    .await;

    let home = app.sign_in_young_person().await;
    let amara = home["young_person"].as_str().expect("id").to_owned();
    let phone = app.default_session();
    phone
        .post_plain_form("set_language", &[("language", "cy"), ("back", "/me")])
        .await;
    let (_, view) = phone
        .call(
            "questionnaire",
            &[("young_person", &amara), ("purpose", "self_assessment")],
        )
        .await;
    assert_eq!(
        view["version"]["questions"][0]["text"],
        "Sut mae pethau gartref?"
    );
    assert_eq!(view["version"]["questions"][1]["text"], "What else?");
    let key = view["version"]["questions"][1]["key"].clone();
    assert_eq!(view["in_english"], serde_json::json!([key]));
    let page = phone
        .page(&format!(
            "/young-people/{amara}/questionnaires/self_assessment"
        ))
        .await;
    assert!(
        page.contains("Dim ond yn Saesneg mae'r cwestiwn hwn am y tro."),
        "{page}"
    );
    assert!(page.contains("lang=\"en\""), "{page}");
}

/// A service that started before the Welsh came gets it at its next start-up: a set still
/// as Waypoint shipped it gains a new version with the Welsh (answers keep the version they
/// answered), a set its managers changed is left alone, and starting again adds nothing.
#[tokio::test]
async fn a_service_from_before_the_welsh_gets_it_at_start_up_without_touching_its_own_sets() {
    let app = TestApp::spawn().await;
    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let (status, body) = helen
        .call(
            "save_question_set",
            &[
                ("purpose", "pre_programme"),
                ("title", "Our own start"),
                ("questions[0][text]", "What do you hope for?"),
                ("questions[0][kind]", "free_text"),
                ("publish", "yes"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let db = app.db().await;
    // As the database was before the Welsh.
    db.execute("UPDATE question_set_versions SET wordings = '{}'")
        .await;
    db.execute("DELETE FROM session_objective_wordings").await;
    db.execute("DELETE FROM programme_session_wordings").await;
    db.execute("DELETE FROM programme_wordings").await;
    let versions = "SELECT COUNT(*) FROM question_set_versions";
    let before = db.number(versions, &[]).await;

    for _ in 0..2 {
        let _restarted = app.spawn_beside().await;
    }
    let latest = |purpose: &'static str| {
        format!(
            "SELECT v.wordings FROM question_set_versions v
             JOIN question_sets s ON s.id = v.question_set_id
             WHERE s.purpose = '{purpose}' ORDER BY v.version DESC LIMIT 1"
        )
    };
    // Four shipped sets gain a version (once, however often the server starts); the
    // managers' own does not.
    assert_eq!(db.number(versions, &[]).await, before + 4);
    assert!(db
        .text(&latest("self_assessment"), &[])
        .await
        .contains("Amdana i"));
    assert_eq!(db.text(&latest("pre_programme"), &[]).await, "{}");
    assert_eq!(
        db.text(
            "SELECT topic FROM programme_session_wordings WHERE topic LIKE 'Cyffuriau ac%'",
            &[]
        )
        .await,
        "Cyffuriau ac alcohol"
    );
    assert_eq!(
        db.number("SELECT COUNT(*) FROM programme_session_wordings", &[])
            .await,
        db.number("SELECT COUNT(*) FROM programme_sessions", &[])
            .await,
        "every shipped session is worded, once"
    );
    db.close().await;
}

/// Downloads follow the page's language: a Welsh manager's spreadsheet has Welsh headings.
#[tokio::test]
async fn a_download_s_headings_are_in_the_page_s_language() {
    let app = TestApp::spawn().await;
    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let english = helen
        .get("/reports/team.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(english.starts_with("Worker,Open cases,"), "{english}");
    helen
        .post_plain_form(
            "set_language",
            &[("language", "cy"), ("back", "/reports/team")],
        )
        .await;
    let welsh = helen
        .get("/reports/team.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(welsh.starts_with("Gweithiwr,Achosion agored,"), "{welsh}");
    let quotes = helen
        .get("/reports/quotes.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(
        quotes.starts_with("Gan,Mis,Cwestiwn,Geiriau\r\n"),
        "{quotes}"
    );
    // Refused, a download says why in the same language.
    let nobody = app.anonymous();
    nobody
        .post_plain_form("set_language", &[("language", "cy"), ("back", "/")])
        .await;
    let refused = nobody.get("/reports/team.csv").await;
    assert_eq!(refused.status(), 401);
    assert_eq!(
        refused.text().await.expect("text"),
        "Mewngofnodwch i lawrlwytho adroddiadau."
    );
}

/// Polish, Romanian and Urdu cover the parents' and carers' pages: a father who joins on a
/// Polish page has his plan in Polish, and Urdu pages are right to left; a page the
/// language does not cover comes whole in English, saying so in his language, and its
/// switch does not offer Polish.
#[tokio::test]
async fn a_parent_s_language_covers_their_pages_and_says_so_elsewhere() {
    let app = TestApp::spawn().await;
    let phone = app.anonymous();
    let res = phone
        .client
        .get(app.url("/join"))
        .header("Accept-Language", "ur-PK,ur;q=0.9,en;q=0.5")
        .send()
        .await
        .expect("GET");
    let urdu = res.text().await.expect("page");
    assert_eq!(lang_of(&urdu), "ur");
    assert!(urdu.contains("dir=\"rtl\""), "{urdu}");
    assert!(urdu.contains("اپنے کوڈ سے سائن ان کریں"), "{urdu}");

    let phone = join_in(&app, "pl", server::demo_data::CARER_CODE).await;
    let colm = app.person_id("Colm").await;
    assert_eq!(recorded_language(&app, &colm).await, "pl");
    let family = phone.page("/family").await;
    assert_eq!(lang_of(&family), "pl");
    assert!(family.contains("dir=\"ltr\""), "{family}");
    assert!(family.contains("Moja rodzina"), "{family}");
    // Every parent's page says its translation is not yet checked by a fluent speaker.
    assert!(
        family.contains("nie zostało jeszcze sprawdzone"),
        "{family}"
    );
    let amara = app.person_id("Amara").await;
    let plan = phone.page(&format!("/young-people/{amara}/plan")).await;
    assert_eq!(lang_of(&plan), "pl");
    assert!(
        plan.contains("Plan: Amara") || plan.contains("Nie ma jeszcze planu"),
        "{plan}"
    );
    assert!(!plan.contains("Who agrees the plan"), "{plan}");

    // A page his language does not cover: English, with a note in Polish, and no Polish
    // in its switch.
    let words = phone.page("/words").await;
    assert_eq!(lang_of(&words), "en");
    assert!(
        words.contains("lang=\"pl\"") && words.contains("nie jest jeszcze po polsku"),
        "{words}"
    );
    assert!(!words.contains(">Polski<"), "{words}");
    assert!(
        words.contains(">English<") && words.contains(">Cymraeg<"),
        "{words}"
    );

    // A worker whose browser asks for Polish, signing in for the first time: staff pages
    // are not in Polish, so English becomes her choice, with no note on every page.
    let laptop = app.anonymous();
    let res = laptop
        .client
        .post(app.url("/api/staff_sign_in"))
        .header("Accept-Language", "pl-PL,pl;q=0.9")
        .form(&[
            ("email", "sam.okafor@northmoor.example"),
            ("password", server::demo_data::STAFF_PASSWORD),
        ])
        .send()
        .await
        .expect("POST");
    assert!(res.status().is_success(), "{}", res.status());
    let sam = app.person_id("Sam").await;
    assert_eq!(recorded_language(&app, &sam).await, "en");
    let res = laptop
        .client
        .get(app.url("/caseload"))
        .header("Accept-Language", "pl-PL,pl;q=0.9")
        .send()
        .await
        .expect("GET");
    let caseload = res.text().await.expect("page");
    assert_eq!(lang_of(&caseload), "en");
    assert!(caseload.contains("Caseload"), "{caseload}");
    assert!(!caseload.contains("language-note"), "{caseload}");
}

/// The carers' feedback is read in a parent's languages too, so its builder takes their
/// words beside the Welsh; a half-typed Polish question is kept and refused, and once
/// published a Polish father reads it in Polish, with a question left without Polish in
/// English, marked. The young people's sets do not offer those languages.
#[tokio::test]
async fn a_manager_words_the_carers_feedback_in_a_parent_s_language() {
    let app = TestApp::spawn().await;
    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let (status, editor) = helen
        .call("question_set", &[("purpose", "carer_feedback")])
        .await;
    assert_eq!(status, 200, "{editor}");
    assert_eq!(
        editor["draft"]["questions"][0]["wordings"]["pl"]["text"],
        "Na ile nasza praca pomogła twojej rodzinie?",
        "the builder opens with the shipped Polish"
    );
    let builder = helen.page("/question-sets/carer_feedback").await;
    assert!(
        builder.contains("name=\"questions[0][ur_text]\""),
        "{builder}"
    );
    assert!(builder.contains("dir=\"rtl\""), "{builder}");
    let young = helen.page("/question-sets/self_assessment").await;
    assert!(!young.contains("[pl_text]"), "{young}");

    publish_worded(
        &helen,
        "carer_feedback",
        "pl",
        "Twoje zdanie o naszej pracy",
        ["Na ile pomogliśmy?", "0 = wcale", "10 = bardzo"],
    )
    .await;

    let phone = join_in(&app, "pl", server::demo_data::CARER_CODE).await;
    let amara = app.person_id("Amara").await;
    let page = phone
        .page(&format!(
            "/young-people/{amara}/questionnaires/carer_feedback"
        ))
        .await;
    assert!(page.contains("Twoje zdanie o naszej pracy"), "{page}");
    assert!(page.contains("Na ile pomogliśmy?"), "{page}");
    assert!(page.contains("10 = bardzo"), "{page}");
    assert!(page.contains("What else?"), "{page}");
    assert!(
        page.contains("To pytanie jest na razie tylko po angielsku."),
        "{page}"
    );
}
