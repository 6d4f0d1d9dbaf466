//! Sign-in paths over real HTTP: staff passwords and lockout, invitations, PINs on a
//! trusted device, revocation, sign-out and quick exit.

mod support;

use support::{TestApp, DEMO_PIN};

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

#[tokio::test]
async fn a_team_that_requires_a_second_factor_gets_one_at_sign_in() {
    let app = TestApp::spawn().await;
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
    assert!(html.contains("Hi Amara"), "{html}");
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
    assert!(phone.page(&back).await.contains("Hi Amara"));
    // Nothing typed at all is a message, not a 500.
    let back = phone
        .post_plain_form("enter_code", &[("code", "   ")])
        .await;
    assert_eq!(back, "/join?error=invitation_invalid");
}
