//! Sign-in paths over real HTTP: staff passwords and lockout, invitations, PINs on a
//! trusted device, revocation, sign-out and quick exit.

use crate::support::{TestApp, DEMO_PIN};

const JO: &str = "jo.lindqvist@northmoor.example";

#[tokio::test]
async fn wrong_passwords_and_unknown_addresses_get_the_same_answer_then_a_lockout() {
    let app = TestApp::spawn().await;
    let browser = app.anonymous();
    let (s1, b1) = browser
        .call(
            "staff_sign_in",
            &[("email", JO), ("password", "not-the-password")],
        )
        .await;
    let (s2, b2) = browser
        .call(
            "staff_sign_in",
            &[
                ("email", "nobody@northmoor.example"),
                ("password", "not-the-password"),
            ],
        )
        .await;
    assert_eq!((s1, s2), (422, 422));
    assert_eq!(b1, b2, "no account enumeration");
    assert_eq!(b1["detail"], "sign_in_failed");
    for _ in 0..4 {
        browser
            .call(
                "staff_sign_in",
                &[("email", JO), ("password", "still-wrong")],
            )
            .await;
    }
    let (status, body) = browser
        .call(
            "staff_sign_in",
            &[
                ("email", JO),
                ("password", server::demo_data::STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        status, 429,
        "locked after five failures even with the right password: {body}"
    );
    assert_eq!(body["detail"], "too_many_attempts");
}

#[tokio::test]
async fn a_session_cookie_that_was_tampered_with_is_signed_out() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .post(app.url("/api/caseload"))
        .header("Cookie", format!("waypoint_session={}", "ab".repeat(32)))
        .form(&[("", "")])
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn an_invitation_works_once_and_the_pin_then_opens_the_app_on_that_phone() {
    let app = TestApp::spawn().await;
    let jo = app.staff(JO).await;
    let amara = app.person_id("Amara").await;
    let (status, card) = jo
        .call(
            "issue_invitation",
            &[("young_person", &amara), ("person", &amara)],
        )
        .await;
    assert_eq!(status, 200, "{card}");
    let code = card["invitation"]["code"]
        .as_str()
        .expect("code")
        .to_owned();
    assert!(card["qr_svg"].as_str().is_some_and(|s| s.contains("<svg")));

    // The older demo code was withdrawn by the new one.
    let phone = app.anonymous();
    let (status, body) = phone
        .call(
            "redeem_invitation",
            &[
                ("code", server::demo_data::YOUNG_PERSON_CODE),
                ("pin", DEMO_PIN),
                ("pin_again", DEMO_PIN),
            ],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("invitation_invalid"))
    );

    // An easy PIN is refused without using up the code.
    let (status, body) = phone
        .call(
            "redeem_invitation",
            &[("code", &code), ("pin", "123456"), ("pin_again", "123456")],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("pin_too_easy"))
    );
    let lower = code.to_lowercase();
    let (status, body) = phone
        .call(
            "redeem_invitation",
            &[("code", &lower), ("pin", DEMO_PIN), ("pin_again", DEMO_PIN)],
        )
        .await;
    assert_eq!(status, 200, "typed in lower case still works: {body}");

    let second = app.anonymous();
    let (status, _) = second
        .call(
            "redeem_invitation",
            &[("code", &code), ("pin", DEMO_PIN), ("pin_again", DEMO_PIN)],
        )
        .await;
    assert_eq!(status, 422, "used once only");

    // Closing the app ends the session; the phone reopens with the PIN alone.
    let (status, _) = phone.call("young_person_home", &[]).await;
    assert_eq!(status, 200);
    let exit = phone.get("/exit").await;
    assert_eq!(exit.status(), 303);
    assert_eq!(exit.headers()["location"], "https://www.bbc.co.uk/weather");
    let (status, _) = phone.call("young_person_home", &[]).await;
    assert_eq!(status, 401, "quick exit ended the session");
    let (status, body) = phone.call("unlock", &[("pin", "999999")]).await;
    assert_eq!((status, body["detail"].as_str()), (422, Some("pin_wrong")));
    let (status, _) = phone.call("unlock", &[("pin", DEMO_PIN)]).await;
    assert_eq!(status, 200);
    let (status, _) = phone.call("young_person_home", &[]).await;
    assert_eq!(status, 200);

    // The worker sees the phone and revokes it: the session ends and the PIN stops working.
    let (_, record) = jo.call("case_record", &[("young_person", &amara)]).await;
    let device = record["record"]["young_person"]["devices"][0]["id"]
        .as_str()
        .expect("a device")
        .to_owned();
    let (status, _) = jo
        .call(
            "revoke_device",
            &[("young_person", &amara), ("device", &device)],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = phone.call("young_person_home", &[]).await;
    assert_eq!(status, 401);
    let (status, body) = phone.call("unlock", &[("pin", DEMO_PIN)]).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("device_not_recognised"))
    );
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_and_clears_the_browser() {
    let app = TestApp::spawn().await;
    let office = app.staff(JO).await;
    let laptop = app.staff(JO).await;
    let res = office
        .client
        .post(app.url("/api/sign_out"))
        .form(&[("everywhere", "true")])
        .send()
        .await
        .expect("POST");
    assert!(res.headers().contains_key("clear-site-data"));
    let (status, _) = laptop.call("caseload", &[]).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn deactivating_a_worker_ends_their_sessions() {
    let app = TestApp::spawn().await;
    let jo = app.staff(JO).await;
    let admin = app.staff("morgan.hale@northmoor.example").await;
    let jo_id = app.person_id("Jo").await;
    let (status, body) = admin
        .call(
            "set_staff_active",
            &[("person", &jo_id), ("active", "false")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = jo.call("caseload", &[]).await;
    assert_eq!(status, 401);
}

/// Guesses sent at the same moment (as a script would, or spread over several servers)
/// each take their place under the limit before the password is checked, so no more than
/// five are ever checked; the rest are refused unchecked. When the check came first, all
/// twenty were checked, because none had failed yet when each was counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn guesses_sent_at_once_are_checked_no_more_than_the_limit_allows() {
    let app = TestApp::spawn().await;
    let guesses = (0..20).map(|i| {
        let who = app.anonymous();
        async move {
            let password = format!("wrong-guess-{i}");
            let (_, body) = who
                .call("staff_sign_in", &[("email", JO), ("password", &password)])
                .await;
            body["detail"].as_str().unwrap_or_default().to_owned()
        }
    });
    let answers = futures_util::future::join_all(guesses).await;
    let checked = answers.iter().filter(|a| *a == "sign_in_failed").count();
    let refused = answers.iter().filter(|a| *a == "too_many_attempts").count();
    assert_eq!((checked, refused), (5, 15), "{answers:?}");
    // And the right password is refused too until the window has passed.
    let jo = app.anonymous();
    let (status, body) = jo
        .call(
            "staff_sign_in",
            &[
                ("email", JO),
                ("password", server::demo_data::STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (429, Some("too_many_attempts"))
    );
}

/// An address belongs to one account. Checked by the database's unique key inside the
/// write, so two servers adding the same address at once cannot both succeed; the refused
/// one leaves no half-made person behind.
#[tokio::test]
async fn an_address_already_in_use_is_refused_and_nothing_is_half_added() {
    let app = TestApp::spawn().await;
    let admin = app.staff("morgan.hale@northmoor.example").await;
    let (_, page) = admin.call("staff_accounts", &[]).await;
    let team = page["teams"][0]["id"].as_str().expect("team").to_owned();
    let people = app
        .count("SELECT COUNT(*) FROM people WHERE $1 = $1", "x")
        .await;
    for (given, email) in [
        ("Jo", "JO.lindqvist@northmoor.example"),
        ("Robin", "robin.ashdown@northmoor.example"),
        ("Robyn", "robin.ashdown@northmoor.example"),
    ] {
        let (status, body) = admin
            .call(
                "add_staff_member",
                &[
                    ("given_name", given),
                    ("family_name", "Ashdown"),
                    ("email", email),
                    ("role", "worker"),
                    ("team", &team),
                ],
            )
            .await;
        if given == "Robin" {
            assert_eq!(status, 200, "{body}");
        } else {
            assert_eq!(
                (status, body["detail"].as_str()),
                (422, Some("email_in_use")),
                "{given}"
            );
        }
    }
    let now = app
        .count("SELECT COUNT(*) FROM people WHERE $1 = $1", "x")
        .await;
    assert_eq!(now, people + 1, "only Robin was added");
}

#[tokio::test]
async fn an_administrator_adds_staff_who_set_their_password_from_the_link() {
    let app = TestApp::spawn().await;
    let admin = app.staff("morgan.hale@northmoor.example").await;
    let (_, page) = admin.call("staff_accounts", &[]).await;
    let team = page["teams"][0]["id"].as_str().expect("team").to_owned();
    let (status, link) = admin
        .call(
            "add_staff_member",
            &[
                ("given_name", "Robin"),
                ("family_name", "Ashdown"),
                ("email", "Robin.Ashdown@northmoor.example"),
                ("role", "worker"),
                ("team", &team),
            ],
        )
        .await;
    assert_eq!(status, 200, "{link}");
    let token = link["link"]
        .as_str()
        .and_then(|l| l.split("token=").nth(1))
        .expect("a reset link")
        .to_owned();
    let anyone = app.anonymous();
    let (status, body) = anyone
        .call(
            "reset_password",
            &[
                ("token", &token),
                ("password", "password"),
                ("password_again", "password"),
            ],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("password_too_common"))
    );
    let good = "kettle harbour violet lantern";
    let (status, _) = anyone
        .call(
            "reset_password",
            &[
                ("token", &token),
                ("password", good),
                ("password_again", good),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = anyone
        .call(
            "staff_sign_in",
            &[
                ("email", "robin.ashdown@northmoor.example"),
                ("password", good),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = anyone
        .call(
            "reset_password",
            &[
                ("token", &token),
                ("password", good),
                ("password_again", good),
            ],
        )
        .await;
    assert_eq!(status, 422, "a reset link works once");
}

/// Helen, the Prevention team's manager, turns on "second factor required" for her team.
async fn helen_requires_a_second_factor(app: &TestApp) -> crate::support::Session {
    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let (_, account) = helen.call("account", &[]).await;
    let team = account["teams"][0]["id"]
        .as_str()
        .expect("own team")
        .to_owned();
    let (status, _) = helen
        .call(
            "set_team_second_factor",
            &[("team", &team), ("required", "true")],
        )
        .await;
    assert_eq!(status, 200);
    helen
}

#[tokio::test]
async fn a_team_that_requires_a_second_factor_gets_one_at_sign_in() {
    let app = TestApp::spawn().await;
    helen_requires_a_second_factor(&app).await;

    let sam = app.anonymous();
    let (status, _) = sam
        .call(
            "staff_sign_in",
            &[
                ("email", "sam.okafor@northmoor.example"),
                ("password", server::demo_data::STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = sam.call("caseload", &[]).await;
    assert_eq!(status, 401, "nothing until the second step");
    let (status, step) = sam.call("second_factor_step", &[]).await;
    assert_eq!(status, 200, "{step}");
    let secret = step["setup"]["secret"]
        .as_str()
        .expect("set-up secret")
        .to_owned();
    let (status, _) = sam
        .call("confirm_second_factor", &[("code", "000000")])
        .await;
    assert_eq!(status, 422);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let code = server::auth::totp::current_code(&secret, now).expect("code");
    let (status, body) = sam.call("confirm_second_factor", &[("code", &code)]).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = sam.call("caseload", &[]).await;
    assert_eq!(status, 200);

    // The same code again, on another browser within its window: refused (issue 15). The
    // next step's code, which is also accepted now, works once.
    let again = app.staff("sam.okafor@northmoor.example").await;
    let (status, body) = again
        .call("confirm_second_factor", &[("code", &code)])
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (422, Some("second_factor_wrong")),
        "a replayed code"
    );
    let next = server::auth::totp::current_code(&secret, now + 30).expect("code");
    let (status, body) = again
        .call("confirm_second_factor", &[("code", &next)])
        .await;
    assert_eq!(status, 200, "{body}");
    let third = app.staff("sam.okafor@northmoor.example").await;
    let (status, _) = third
        .call("confirm_second_factor", &[("code", &next)])
        .await;
    assert_eq!(status, 422, "and not twice");
}

#[tokio::test]
async fn a_new_sign_in_code_says_whose_it_is() {
    let app = TestApp::spawn().await;
    let jo = app.staff(JO).await;
    let amara = app.person_id("Amara").await;
    let colm = app.person_id("Colm").await;
    for (person, heading, only) in [
        (
            &amara,
            "Sign-in code for Amara Penhallow (young person)",
            "Give this code only to Amara.",
        ),
        (
            &colm,
            "Sign-in code for Colm Penhallow (father)",
            "Give this code only to Colm.",
        ),
    ] {
        // Without JavaScript the page shows the code after the redirect.
        let back = jo
            .post_plain_form(
                "issue_invitation",
                &[("young_person", &amara), ("person", person)],
            )
            .await;
        assert!(back.contains("issued="), "{back}");
        let html = jo.page(&back).await;
        assert!(html.contains(heading), "{heading}: {html}");
        assert!(html.contains(only), "{only}");
    }
}

#[tokio::test]
async fn a_typed_code_never_goes_in_the_address_and_a_typo_stays_in_the_box() {
    let app = TestApp::spawn().await;
    let phone = app.anonymous();
    // A typo: the message, and the code as typed back in the box; nothing in the address.
    let back = phone
        .post_plain_form("enter_code", &[("code", "amara-penhx")])
        .await;
    assert_eq!(back, "/join?error=invitation_invalid");
    let html = phone.page(&back).await;
    assert!(html.contains(r#"value="AMARA-PENHX""#), "{html}");
    assert!(html.contains("That code did not work"));
    // Corrected: the next step knows whose code it is, still with nothing in the address.
    let back = phone
        .post_plain_form(
            "enter_code",
            &[("code", server::demo_data::YOUNG_PERSON_CODE)],
        )
        .await;
    assert_eq!(back, "/join");
    let html = phone.page("/join").await;
    assert!(html.contains("Your code works"), "{html}");
    assert!(
        !html.contains("Amara"),
        "a code names no one until it is used: {html}"
    );
    // A PIN that is too easy: back to the same step, the code still kept, not in the address.
    let back = phone
        .post_plain_form(
            "redeem_invitation",
            &[
                ("code", server::demo_data::YOUNG_PERSON_CODE),
                ("pin", "123456"),
                ("pin_again", "123456"),
            ],
        )
        .await;
    assert_eq!(back, "/join?error=pin_too_easy");
    assert!(phone.page(&back).await.contains("Your code works"));
    // Nothing typed at all is a message, not a 500.
    let back = phone
        .post_plain_form("enter_code", &[("code", "   ")])
        .await;
    assert_eq!(back, "/join?error=invitation_invalid");
}

/// Jo makes a new sign-in code for Amara and returns it.
async fn new_code_for_amara(app: &TestApp) -> String {
    let jo = app.staff(JO).await;
    let amara = app.person_id("Amara").await;
    let (status, card) = jo
        .call(
            "issue_invitation",
            &[("young_person", &amara), ("person", &amara)],
        )
        .await;
    assert_eq!(status, 200, "{card}");
    card["invitation"]["code"]
        .as_str()
        .expect("code")
        .to_owned()
}

#[tokio::test]
async fn a_code_for_someone_with_a_pin_adds_a_phone_and_never_replaces_the_pin() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await; // Amara, on her own phone, with DEMO_PIN
    let code = new_code_for_amara(&app).await;

    // Whoever holds the code is asked for Amara's PIN, and told no name.
    let other = app.anonymous();
    let (status, step) = other.call("join_step", &[("code", &code)]).await;
    assert_eq!(status, 200, "{step}");
    assert_eq!(step["next"], "HasPin", "{step}");
    assert!(!step.to_string().contains("Amara"), "{step}");
    let (status, body) = other
        .call("redeem_invitation", &[("code", &code), ("pin", "583016")])
        .await;
    assert_eq!((status, body["detail"].as_str()), (422, Some("pin_wrong")));
    // A new PIN chosen twice does not help either: the code cannot replace hers.
    let (status, body) = other
        .call(
            "redeem_invitation",
            &[("code", &code), ("pin", "583016"), ("pin_again", "583016")],
        )
        .await;
    assert_eq!((status, body["detail"].as_str()), (422, Some("pin_wrong")));
    let (status, _) = other.call("young_person_home", &[]).await;
    assert_eq!(status, 401, "not signed in");

    // Amara herself adds a second phone with her PIN; the code was not used up by the
    // wrong tries.
    let (status, body) = other
        .call("redeem_invitation", &[("code", &code), ("pin", DEMO_PIN)])
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = other.call("young_person_home", &[]).await;
    assert_eq!(status, 200);

    // Her first phone still opens with the same PIN, and tells her about the new one.
    let first = app.default_session();
    let (status, home) = first.call("young_person_home", &[]).await;
    assert_eq!(status, 200, "{home}");
    let phones = home["new_phones"].as_array().expect("new_phones");
    assert_eq!(phones.len(), 1, "{home}");
    assert_eq!(first.get("/exit").await.status(), 303);
    let (status, body) = first.call("unlock", &[("pin", DEMO_PIN)]).await;
    assert_eq!(status, 200, "the PIN was never replaced: {body}");

    // The trail names who made the code that added the phone.
    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let amara = app.person_id("Amara").await;
    let (status, trail) = helen
        .call(
            "audit_trail",
            &[("young_person", &amara), ("what", "add_device")],
        )
        .await;
    assert_eq!(status, 200, "{trail}");
    assert_eq!(trail["matching"], 1, "{trail}");
    assert_eq!(trail["entries"][0]["actor"], "Amara Penhallow");
    assert_eq!(trail["entries"][0]["via"], "Jo Lindqvist", "{trail}");
}

#[tokio::test]
async fn a_forgotten_pin_is_reset_on_purpose_by_casework_staff_only() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let amara = app.person_id("Amara").await;
    let first = app.default_session();

    // The administrator makes no codes and resets no PINs.
    let morgan = app.staff("morgan.hale@northmoor.example").await;
    for function in ["issue_invitation", "reset_pin"] {
        let (status, _) = morgan
            .call(function, &[("young_person", &amara), ("person", &amara)])
            .await;
        assert_eq!(status, 404, "{function}");
    }
    let (status, _) = first.call("young_person_home", &[]).await;
    assert_eq!(status, 200, "nothing changed");

    // Jo resets it: every phone is signed out, and the old PIN opens nothing.
    let jo = app.staff(JO).await;
    let (status, body) = jo
        .call("reset_pin", &[("young_person", &amara), ("person", &amara)])
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = first.call("young_person_home", &[]).await;
    assert_eq!(status, 401);
    let (status, _) = first.call("unlock", &[("pin", DEMO_PIN)]).await;
    assert_eq!(status, 422);
    // A second press finds no PIN to reset: a clear refusal, not a 500.
    let (status, _) = jo
        .call("reset_pin", &[("young_person", &amara), ("person", &amara)])
        .await;
    assert_eq!(status, 404);

    // The next code lets her choose a new PIN.
    let code = new_code_for_amara(&app).await;
    let phone = app.anonymous();
    let (_, step) = phone.call("join_step", &[("code", &code)]).await;
    assert_eq!(step["next"], "ChoosePin", "{step}");
    let (status, body) = phone
        .call(
            "redeem_invitation",
            &[("code", &code), ("pin", "583016"), ("pin_again", "583016")],
        )
        .await;
    assert_eq!(status, 200, "{body}");

    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let (_, trail) = helen
        .call(
            "audit_trail",
            &[("young_person", &amara), ("what", "reset_pin")],
        )
        .await;
    assert_eq!(trail["entries"][0]["actor"], "Jo Lindqvist", "{trail}");
}

#[tokio::test]
async fn checking_codes_is_limited_like_redeeming_them() {
    let app = TestApp::spawn().await;
    let guesser = app.anonymous();
    // Thirty wrong codes from one address, through either way of checking one.
    for n in 0..30 {
        let guess = format!("ABCDE-FG{n:03}");
        let (status, _) = if n % 2 == 0 {
            guesser.call("join_step", &[("code", &guess)]).await
        } else {
            guesser.call("enter_code", &[("code", &guess)]).await
        };
        assert!(status == 200 || status == 422, "{status}");
    }
    // Now even a good code tells this address nothing.
    let (status, step) = guesser
        .call(
            "join_step",
            &[("code", server::demo_data::YOUNG_PERSON_CODE)],
        )
        .await;
    assert_eq!(status, 200, "{step}");
    assert!(step["next"].is_null(), "{step}");
    assert_eq!(step["refused"], "too_many_attempts", "{step}");
    let (status, body) = guesser
        .call(
            "enter_code",
            &[("code", server::demo_data::YOUNG_PERSON_CODE)],
        )
        .await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (429, Some("too_many_attempts"))
    );
}

#[tokio::test]
async fn requiring_a_second_factor_holds_sessions_opened_with_a_password_alone() {
    let app = TestApp::spawn().await;
    let jo = app.staff(JO).await; // Prevention team, password only
    let alex = app.staff("alex.mbeki@northmoor.example").await; // Eastfield team
    let (status, _) = jo.call("caseload", &[]).await;
    assert_eq!(status, 200);

    let helen = helen_requires_a_second_factor(&app).await;

    // Jo's session now waits at the second-factor step: no casework until she gives one.
    let (status, _) = jo.call("caseload", &[]).await;
    assert_eq!(status, 401);
    let (status, step) = jo.call("second_factor_step", &[]).await;
    assert_eq!(status, 200, "{step}");
    assert_eq!(step["given_name"], "Jo");
    // Helen's own session is held the same way; another team carries on.
    let (status, _) = helen.call("caseload", &[]).await;
    assert_eq!(status, 401);
    let (status, _) = alex.call("caseload", &[]).await;
    assert_eq!(status, 200);
}

/// Thirty wrong invitation codes from `session`, each claiming to come from `claimed`.
async fn guess_codes(app: &TestApp, claimed: &str) {
    for n in 0..30 {
        let res = app
            .client
            .post(app.url("/api/enter_code"))
            .header("X-Forwarded-For", claimed)
            .form(&[("code", format!("ABCDE-FG{n:03}"))])
            .send()
            .await
            .expect("POST");
        assert_eq!(res.status(), 422);
    }
}

async fn good_code_from(app: &TestApp, claimed: &str) -> u16 {
    app.client
        .post(app.url("/api/enter_code"))
        .header("X-Forwarded-For", claimed)
        .form(&[("code", server::demo_data::YOUNG_PERSON_CODE)])
        .send()
        .await
        .expect("POST")
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_sign_in_limit() {
    let app = TestApp::spawn_with(|c| {
        c.trusted_proxies =
            server::client_address::TrustedProxies::parse("127.0.0.1").expect("list");
    })
    .await;
    guess_codes(&app, "203.0.113.9").await;
    assert_eq!(
        good_code_from(&app, "203.0.113.9").await,
        429,
        "the guesser"
    );
    assert_eq!(
        good_code_from(&app, "198.51.100.7").await,
        200,
        "another family behind the same balancer"
    );
}

#[tokio::test]
async fn without_trusted_proxies_the_forwarded_header_is_ignored() {
    let app = TestApp::spawn().await;
    guess_codes(&app, "203.0.113.9").await;
    // Claiming another address does not get a guesser a fresh allowance.
    assert_eq!(good_code_from(&app, "198.51.100.7").await, 429);
}
