//! The authorisation matrix: every role against every kind of record and action, over the
//! real HTTP API, including other teams' and other families' records. Each cell is
//! "allowed" (2xx) or "denied" (403/404 with nothing changed). This grows with each feature.

use crate::support::{Session, TestApp};

/// Whose record an action is tried on, seen from each role's seat in the demo data:
/// Amara is in Jo Lindqvist's caseload (Prevention team), with her father Colm; Ava is
/// another Prevention young person (Sam Okafor's); Finn is in the Eastfield team.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    Amara,
    Ava,
    Finn,
}

#[derive(Clone, Copy, Debug)]
enum Act {
    ReadScores,
    RecordScore,
    ReadRecord,
    IssueInvitation,
    AddCarer,
    CloseCase,
    ReadAudit,
    ReadAnswers,
    GiveAnswers,
    ReadPlan,
    WritePlan,
    AgreePlan,
    ManagePlan,
    ReadVoice,
    GiveVoice,
    AnswerVoice,
    ReadFeedback,
    /// The young person's own feedback set.
    GiveFeedback,
    /// A parent/carer's feedback set.
    GiveCarerFeedback,
    AnswerFeedback,
    /// Communication support on or off.
    SetSupport,
    /// "I don't understand this".
    AskToExplain,
    /// The worker has explained it.
    MarkExplained,
}

const ACTS: [Act; 23] = [
    Act::ReadScores,
    Act::RecordScore,
    Act::ReadRecord,
    Act::IssueInvitation,
    Act::AddCarer,
    Act::CloseCase,
    Act::ReadAudit,
    Act::ReadAnswers,
    Act::GiveAnswers,
    Act::ReadPlan,
    Act::WritePlan,
    Act::AgreePlan,
    Act::ManagePlan,
    Act::ReadVoice,
    Act::GiveVoice,
    Act::AnswerVoice,
    Act::ReadFeedback,
    Act::GiveFeedback,
    Act::GiveCarerFeedback,
    Act::AnswerFeedback,
    Act::SetSupport,
    Act::AskToExplain,
    Act::MarkExplained,
];
const TARGETS: [Target; 3] = [Target::Amara, Target::Ava, Target::Finn];

struct Ids {
    amara: String,
    ava: String,
    finn: String,
    cohort: String,
    /// The organisation's current self-assessment version.
    self_assessment: String,
    /// The words of Amara's plan (ready to agree), as its hash.
    plan_hash: String,
    /// One of Amara's "What I think" entries.
    entry: String,
    /// The feedback sets' current versions, and Amara's own feedback.
    young_person_feedback: String,
    carer_feedback: String,
    feedback: String,
    /// Something Amara asked to have explained.
    explain: String,
}

impl Ids {
    fn of(&self, t: Target) -> &str {
        match t {
            Target::Amara => &self.amara,
            Target::Ava => &self.ava,
            Target::Finn => &self.finn,
        }
    }
}

async fn attempt(who: &Session, ids: &Ids, act: Act, target: Target) -> u16 {
    let yp = ids.of(target);
    let score_fields = [
        ("young_person", yp),
        ("cohort", ids.cohort.as_str()),
        ("session", "4"),
    ];
    let (status, _) = match act {
        Act::ReadScores => who.call("score_session", &score_fields).await,
        Act::RecordScore => {
            let mut form = score_fields.to_vec();
            form.extend([("stage", "start"), ("score", "6")]);
            who.call("save_session_score", &form).await
        }
        Act::ReadRecord => who.call("case_record", &[("young_person", yp)]).await,
        Act::IssueInvitation => {
            who.call("issue_invitation", &[("young_person", yp), ("person", yp)])
                .await
        }
        Act::AddCarer => {
            // A different person each time: the same name twice is refused as a duplicate.
            static ADDED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
            let n = ADDED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let given: String = n
                .to_string()
                .chars()
                .map(|d| char::from(b'a' + d.to_digit(10).map_or(0, |d| d as u8)))
                .collect();
            let given = format!("Test{given}");
            who.call(
                "add_carer",
                &[
                    ("young_person", yp),
                    ("given_name", given.as_str()),
                    ("family_name", "Carer"),
                    ("relationship", "aunt"),
                ],
            )
            .await
        }
        // Closing is tried after every other action (see the loop), so it cannot hide cells.
        Act::CloseCase => who.call("close_case", &[("young_person", yp)]).await,
        Act::ReadAudit => who.call("audit_trail", &[("young_person", yp)]).await,
        Act::ReadAnswers => who.call("answers", &[("young_person", yp)]).await,
        Act::GiveAnswers => {
            who.call(
                "save_answers",
                &[
                    ("young_person", yp),
                    ("purpose", "self_assessment"),
                    ("version", ids.self_assessment.as_str()),
                    ("answers[q1][]", "5"),
                    ("answers[q2][]", "5"),
                    ("answers[q3][]", "5"),
                    ("answers[q4][]", "5"),
                ],
            )
            .await
        }
        Act::ReadPlan => who.call("plan", &[("young_person", yp)]).await,
        // Sends the success line unchanged: allowed seats get 200 and nothing changes, so
        // the other cells see the same plan.
        Act::WritePlan => {
            who.call(
                "save_target",
                &[
                    ("young_person", yp),
                    ("target", "t1"),
                    ("mine[success]", "my outbursts go down"),
                    ("was[success]", "my outbursts go down"),
                ],
            )
            .await
        }
        Act::AgreePlan => {
            who.call(
                "respond_to_plan",
                &[
                    ("young_person", yp),
                    ("hash", ids.plan_hash.as_str()),
                    ("decision", "disagree"),
                    ("comment", "matrix"),
                ],
            )
            .await
        }
        Act::ManagePlan => {
            who.call(
                "schedule_review",
                &[
                    ("young_person", yp),
                    ("next_review", "2027-01-04"),
                    ("every_weeks", "6"),
                ],
            )
            .await
        }
        Act::ReadVoice => who.call("what_i_think", &[("young_person", yp)]).await,
        Act::GiveVoice => {
            who.call("write_entry", &[("young_person", yp), ("feeling", "calm")])
                .await
        }
        Act::AnswerVoice => {
            who.call(
                "answer_entry",
                &[
                    ("young_person", yp),
                    ("entry", ids.entry.as_str()),
                    ("response", "Thank you for telling me"),
                ],
            )
            .await
        }
        Act::ReadFeedback => who.call("feedback", &[("young_person", yp)]).await,
        Act::GiveFeedback | Act::GiveCarerFeedback => {
            let (purpose, version) = match act {
                Act::GiveFeedback => ("young_person_feedback", &ids.young_person_feedback),
                _ => ("carer_feedback", &ids.carer_feedback),
            };
            who.call(
                "save_answers",
                &[
                    ("young_person", yp),
                    ("purpose", purpose),
                    ("version", version.as_str()),
                    ("answers[q1][]", "8"),
                    ("answers[q2][]", "8"),
                    ("answers[q3][]", "8"),
                    ("answers[q4][]", "It helped"),
                ],
            )
            .await
        }
        Act::AnswerFeedback => {
            who.call(
                "answer_feedback",
                &[
                    ("young_person", yp),
                    ("feedback", ids.feedback.as_str()),
                    ("response", "Thank you"),
                ],
            )
            .await
        }
        Act::SetSupport => {
            who.call(
                "set_communication_support",
                &[("young_person", yp), ("on", "yes")],
            )
            .await
        }
        Act::AskToExplain => {
            let item = format!("question:{}:q2", ids.self_assessment);
            who.call("explain_this", &[("young_person", yp), ("item", &item)])
                .await
        }
        Act::MarkExplained => {
            who.call(
                "mark_explained",
                &[("young_person", yp), ("item", ids.explain.as_str())],
            )
            .await
        }
    };
    status
}

/// The expected answer for each role, action and target.
fn expected(role: &str, act: Act, target: Target) -> bool {
    use Act::*;
    use Target::*;
    match role {
        "young person (Amara)" => {
            target == Amara
                && matches!(
                    act,
                    ReadScores
                        | RecordScore
                        | ReadAnswers
                        | GiveAnswers
                        | ReadPlan
                        | WritePlan
                        | AgreePlan
                        | ReadVoice
                        | GiveVoice
                        | ReadFeedback
                        | GiveFeedback
                        | SetSupport
                        | AskToExplain
                )
        }
        // Amara has not chosen to share her scores, so her father sees none of them; the
        // plan is the family's, so he reads it, writes his part and agrees it. What Amara
        // thinks is hers: he never sees it. He gives his own feedback, and reads only that.
        "parent/carer (Colm)" => {
            target == Amara
                && matches!(
                    act,
                    ReadPlan | WritePlan | AgreePlan | ReadFeedback | GiveCarerFeedback
                )
        }
        "worker (Jo, Amara's)" => {
            (target == Amara
                && matches!(
                    act,
                    ReadScores
                        | RecordScore
                        | ReadRecord
                        | IssueInvitation
                        | AddCarer
                        | ReadAnswers
                        | ReadPlan
                        | WritePlan
                        | AgreePlan
                        | ManagePlan
                        | ReadVoice
                        | AnswerVoice
                        | ReadFeedback
                        | AnswerFeedback
                        | SetSupport
                        | MarkExplained
                ))
                // Jo co-runs the group Ava is in: she sees and enters that group's session
                // scores, but nothing else of a case that is not hers.
                || (target == Ava && matches!(act, ReadScores | RecordScore))
        }
        "manager (Helen, Prevention)" => {
            // Answers are the young person's own words: their manager reads, never gives.
            // Plans are read for quality assurance, but written and agreed by the family
            // and their worker.
            matches!(target, Amara | Ava)
                && !matches!(
                    act,
                    RecordScore
                        | GiveAnswers
                        | WritePlan
                        | AgreePlan
                        | ManagePlan
                        | GiveVoice
                        | AnswerVoice
                        | GiveFeedback
                        | GiveCarerFeedback
                        | AnswerFeedback
                        | SetSupport
                        | AskToExplain
                        | MarkExplained
                )
        }
        // Accounts, not casework: no sign-in codes either, since a code opens the family's
        // own pages to whoever holds it.
        "administrator (Morgan)" => {
            matches!(act, ReadRecord | AddCarer | CloseCase | ReadAudit)
        }
        "signed out" => false,
        other => panic!("unknown role {other}"),
    }
}

/// Jo starts Amara's plan with one complete target and marks it ready to agree.
async fn ready_plan(jo: &Session, yp: &str) -> String {
    let (status, body) = jo.call("start_plan", &[("young_person", yp)]).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = jo
        .call(
            "save_target",
            &[
                ("young_person", yp),
                ("target", "new"),
                ("mine[target]", "Stay calm"),
                ("mine[i_will]", "walk away"),
                ("mine[success]", "my outbursts go down"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, page) = jo.call("plan", &[("young_person", yp)]).await;
    assert_eq!(status, 200, "{page}");
    let hash = page["plan"]["hash"].as_str().expect("hash").to_owned();
    let (status, body) = jo
        .call("plan_ready", &[("young_person", yp), ("hash", &hash)])
        .await;
    assert_eq!(status, 200, "{body}");
    hash
}

#[tokio::test]
async fn every_role_against_every_record_and_action() {
    let app = TestApp::spawn().await;
    let member = app.group_member().await; // signs Amara in on the default client
    let mut ids = Ids {
        plan_hash: String::new(),
        entry: String::new(),
        young_person_feedback: String::new(),
        carer_feedback: String::new(),
        feedback: String::new(),
        explain: String::new(),
        amara: member.young_person.clone(),
        ava: app.person_id("Ava").await,
        finn: app.person_id("Finn").await,
        cohort: member.cohort.clone(),
        self_assessment: {
            let (status, body) = app
                .call(
                    "questionnaire",
                    &[
                        ("young_person", member.young_person.as_str()),
                        ("purpose", "self_assessment"),
                    ],
                )
                .await;
            assert_eq!(status, 200, "{body}");
            body["version"]["id"].as_str().expect("version").to_owned()
        },
    };
    let amara = app.default_session();
    let jo = app.staff("jo.lindqvist@northmoor.example").await;
    ids.plan_hash = ready_plan(&jo, &ids.amara).await;
    ids.entry = {
        let (status, body) = amara
            .call(
                "write_entry",
                &[("young_person", ids.amara.as_str()), ("words", "matrix")],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (_, page) = amara
            .call("what_i_think", &[("young_person", ids.amara.as_str())])
            .await;
        page["entries"][0]["id"].as_str().expect("entry").to_owned()
    };
    let colm = app.carer().await;
    let version_of = |who: &Session, purpose: &'static str| {
        let (who, yp) = (who.clone(), ids.amara.clone());
        async move {
            let (status, body) = who
                .call(
                    "questionnaire",
                    &[("young_person", yp.as_str()), ("purpose", purpose)],
                )
                .await;
            assert_eq!(status, 200, "{body}");
            body["version"]["id"].as_str().expect("version").to_owned()
        }
    };
    ids.young_person_feedback = version_of(&amara, "young_person_feedback").await;
    ids.carer_feedback = version_of(&colm, "carer_feedback").await;
    ids.feedback = {
        let form = [
            ("young_person", ids.amara.as_str()),
            ("purpose", "young_person_feedback"),
            ("version", ids.young_person_feedback.as_str()),
            ("answers[q1][]", "9"),
            ("answers[q2][]", "9"),
            ("answers[q3][]", "9"),
        ];
        let (status, body) = amara.call("save_answers", &form).await;
        assert_eq!(status, 200, "{body}");
        let (_, page) = amara
            .call("feedback", &[("young_person", ids.amara.as_str())])
            .await;
        page["responses"][0]["id"]
            .as_str()
            .expect("feedback")
            .to_owned()
    };

    ids.explain = {
        let item = format!("question:{}:q1", ids.self_assessment);
        let (status, body) = amara
            .call(
                "explain_this",
                &[("young_person", ids.amara.as_str()), ("item", &item)],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (_, page) = jo
            .call("what_i_think", &[("young_person", ids.amara.as_str())])
            .await;
        page["not_understood"][0]["id"]
            .as_str()
            .expect("asked")
            .to_owned()
    };

    let seats: Vec<(&str, Session)> = vec![
        ("young person (Amara)", amara),
        ("parent/carer (Colm)", colm),
        (
            "worker (Jo, Amara's)",
            app.staff("jo.lindqvist@northmoor.example").await,
        ),
        (
            "manager (Helen, Prevention)",
            app.staff("helen.ravensworth@northmoor.example").await,
        ),
        ("signed out", app.anonymous()),
        (
            "administrator (Morgan)",
            app.staff("morgan.hale@northmoor.example").await,
        ),
    ];

    let mut wrong = Vec::new();
    let mut cells = 0;
    // Closing a case ends its sign-in and invitations, so every seat tries it only after
    // every seat has tried everything else.
    let (closing, others): (Vec<Act>, Vec<Act>) =
        ACTS.into_iter().partition(|a| matches!(a, Act::CloseCase));
    for acts in [others, closing] {
        for (role, session) in &seats {
            for target in TARGETS {
                for &act in &acts {
                    let status = attempt(session, &ids, act, target).await;
                    let allowed = (200..300).contains(&status);
                    let denied = matches!(status, 401 | 403 | 404);
                    let want = expected(role, act, target);
                    cells += 1;
                    if !(allowed && want || denied && !want) {
                        wrong.push(format!(
                            "{role} {act:?} {target:?}: got {status}, expected {}",
                            if want { "allowed" } else { "denied" }
                        ));
                    }
                }
            }
        }
    }
    assert_eq!(cells, 6 * 3 * ACTS.len());
    assert_eq!(ACTS.len(), 23);
    assert!(wrong.is_empty(), "wrong cells:\n{}", wrong.join("\n"));
}

#[tokio::test]
async fn refused_attempts_on_a_record_are_audited_and_change_nothing() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let ava = app.person_id("Ava").await;
    let (status, _) = app.call("case_record", &[("young_person", &ava)]).await;
    assert_eq!(status, 404, "nothing reveals that the record exists");

    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let (status, body) = helen.call("audit_trail", &[("young_person", &ava)]).await;
    assert_eq!(status, 200, "{body}");
    let entries = body["entries"].as_array().expect("entries");
    assert!(
        entries.iter().any(|e| e["outcome"] == "denied"
            && e["action"] == "view_record"
            && e["actor"] == "Amara Penhallow"),
        "{body}"
    );
    assert!(
        entries
            .iter()
            .any(|e| e["actor"] == "Helen Ravensworth" && e["action"] == "view_audit"),
        "the manager's own read is on the trail too: {body}"
    );
}

#[tokio::test]
async fn a_flood_of_refused_requests_cannot_hide_a_real_read_in_the_audit_trail() {
    let app = TestApp::spawn().await;
    app.sign_in_young_person().await;
    let ava = app.person_id("Ava").await;
    let helen = app.staff("helen.ravensworth@northmoor.example").await;
    let (status, _) = helen.call("case_record", &[("young_person", &ava)]).await;
    assert_eq!(status, 200);
    // Amara (who has no business with Ava's record) tries it 120 times.
    for _ in 0..120 {
        let (status, _) = app.call("case_record", &[("young_person", &ava)]).await;
        assert_eq!(status, 404);
    }
    let (status, all) = helen.call("audit_trail", &[("young_person", &ava)]).await;
    assert_eq!(status, 200, "{all}");
    assert!(all["matching"].as_u64().expect("matching") >= 121, "{all}");
    assert_eq!(all["entries"].as_array().expect("entries").len(), 50);
    let people: Vec<&str> = all["people"]
        .as_array()
        .expect("people")
        .iter()
        .filter_map(|p| p[1].as_str())
        .collect();
    assert!(people.contains(&"Amara Penhallow") && people.contains(&"Helen Ravensworth"));

    // Helen's read is found by what happened, or by who did it, however many refusals.
    let (_, done) = helen
        .call(
            "audit_trail",
            &[
                ("young_person", &ava),
                ("what", "view_record"),
                ("outcome", "done"),
            ],
        )
        .await;
    let entries = done["entries"].as_array().expect("entries");
    assert_eq!(done["matching"], 1, "{done}");
    assert_eq!(entries[0]["actor"], "Helen Ravensworth");

    // The refusals are all there, a page at a time: the third page holds the oldest.
    let amara = app.person_id("Amara").await;
    let (_, third) = helen
        .call(
            "audit_trail",
            &[("young_person", &ava), ("who", &amara), ("page", "3")],
        )
        .await;
    assert_eq!(third["matching"], 120, "{third}");
    assert_eq!(third["entries"].as_array().expect("entries").len(), 20);
    assert!(third["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .all(|e| e["outcome"] == "denied"));

    // Odd filters are "everything", never an error.
    let (status, odd) = helen
        .call(
            "audit_trail",
            &[
                ("young_person", &ava),
                ("who", "nobody"),
                ("what", "'; DROP TABLE audit_events; --"),
                ("page", "-1"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{odd}");
    assert!(odd["matching"].as_u64().expect("matching") >= 121);

    // Without JavaScript: the filter is a plain form, and the page says what it shows.
    let html = helen
        .page(&format!(
            "/young-people/{ava}/audit?what=view_record&outcome=done"
        ))
        .await;
    assert!(html.contains("Showing 1 to 1 of 1"), "{html}");
    assert!(html.contains(r#"<option value="done" selected"#), "{html}");
}
