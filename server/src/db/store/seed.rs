//! Writes the fictional demo service described in `crate::demo_data`.

use uuid::Uuid;

use app::calendar::CalendarDate;

use super::libraries::{install_programmes, install_question_sets};
use super::{DbTx, Store};
use crate::auth::invitation::InvitationCode;
use crate::auth::password;
use crate::clock;
use crate::db::WriteScope;
use crate::demo_data::{CARER_CODE, STAFF_PASSWORD, YOUNG_PEOPLE, YOUNG_PERSON_CODE};
use crate::plan_changes::content_hash;

/// Seeds the demo service if the database holds no organisation yet. Returns whether it did.
/// Servers started together on an empty database all get here: the set-up scope makes them
/// take turns, so the first seeds and the others find an organisation and stop.
impl Store {
    pub async fn seed_demo_if_empty(&self) -> Result<bool, sqlx::Error> {
        seed_if_empty(self).await
    }
}

async fn seed_if_empty(store: &Store) -> Result<bool, sqlx::Error> {
    // Hashed before the transaction: Argon2 is slow on purpose.
    let password_hash = password::hash(STAFF_PASSWORD.to_owned())
        .await
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let mut tx = store.begin_write(WriteScope::Setup).await?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(&mut *tx)
        .await?;
    if existing > 0 {
        return Ok(false);
    }
    seed(&mut tx, &password_hash).await?;
    tx.commit().await?;
    Ok(true)
}

async fn seed(tx: &mut DbTx, password_hash: &str) -> Result<(), sqlx::Error> {
    let now = clock::now();
    let org = new_id();
    exec(
        tx,
        "INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)",
        &[&org, "Northmoor Youth Justice Service", &now],
    )
    .await?;
    let team = new_id();
    exec(
        tx,
        "INSERT INTO teams (id, organisation_id, name, created_at) VALUES ($1, $2, $3, $4)",
        &[&team, &org, "Prevention and Early Help", &now],
    )
    .await?;

    let eastfield = new_id();
    exec(
        tx,
        "INSERT INTO teams (id, organisation_id, name, created_at) VALUES ($1, $2, $3, $4)",
        &[&eastfield, &org, "Eastfield Youth Justice", &now],
    )
    .await?;

    let staff = [
        ("manager", "Helen", "Ravensworth", Some(&team)),
        ("worker", "Sam", "Okafor", Some(&team)),
        ("worker", "Jo", "Lindqvist", Some(&team)),
        ("administrator", "Morgan", "Hale", None),
        ("manager", "Dara", "Whitlock", Some(&eastfield)),
        ("worker", "Alex", "Mbeki", Some(&eastfield)),
    ];
    let mut workers = Vec::new();
    let mut eastfield_worker = String::new();
    for (role, given, family, staff_team) in staff {
        let id = person(
            tx,
            &org,
            role,
            given,
            family,
            staff_team.map(String::as_str),
            &now,
        )
        .await?;
        let email = format!(
            "{}.{}@northmoor.example",
            given.to_lowercase(),
            family.to_lowercase()
        );
        sqlx::query(
            "INSERT INTO staff_credentials (person_id, email, password_hash, password_set_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(email)
        .bind(password_hash)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
        match (role, staff_team == Some(&team)) {
            ("worker", true) => workers.push(id),
            ("worker", false) => eastfield_worker = id,
            _ => {}
        }
    }

    // Eastfield's one young person, with a parent: another team's and another family's
    // records, for trying access that must be refused.
    let finn = person(
        tx,
        &org,
        "young_person",
        "Finn",
        "Harrowgate",
        Some(&eastfield),
        &now,
    )
    .await?;
    let maeve = person(tx, &org, "parent_carer", "Maeve", "Harrowgate", None, &now).await?;
    exec(
        tx,
        "INSERT INTO carer_links (carer_id, young_person_id, relationship, linked_at) VALUES ($1, $2, 'mother', $3)",
        &[&maeve, &finn, &now],
    )
    .await?;
    exec(
        tx,
        "INSERT INTO caseload_allocations (worker_id, young_person_id, allocated_at) VALUES ($1, $2, $3)",
        &[&eastfield_worker, &finn, &now],
    )
    .await?;

    let programmes = install_programmes(tx, &org, &now).await?;
    install_question_sets(tx, &org, &now).await?;
    let programme = programmes[0].clone();

    // The group meets weekly and is in its fifth week whenever the demo is seeded, so the
    // home page always has a session happening now.
    let today = CalendarDate::today();
    let group_start = today.minus_days(28).unwrap_or(today);
    let session_day = |session: i64| {
        u32::try_from(7 * (session - 1))
            .ok()
            .and_then(|days| group_start.plus_days(days))
            .unwrap_or(group_start)
    };
    let cohort = new_id();
    exec(
        tx,
        "INSERT INTO cohorts (id, programme_id, team_id, name, starts_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &cohort,
            &programme,
            &team,
            "Autumn group",
            &group_start.to_string(),
            &now,
        ],
    )
    .await?;
    for worker in &workers {
        exec(
            tx,
            "INSERT INTO cohort_workers (cohort_id, worker_id) VALUES ($1, $2)",
            &[&cohort, worker],
        )
        .await?;
    }

    // A small fixed generator, so the demo looks the same every time it is seeded.
    let mut seed: u32 = 20_261_122;
    let mut next = move |below: u32| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 16) % below
    };

    for (index, (given, family, carer, relationship)) in YOUNG_PEOPLE.iter().enumerate() {
        let yp = person(tx, &org, "young_person", given, family, Some(&team), &now).await?;
        let (carer_given, carer_family) = carer.split_once(' ').unwrap_or((carer, family));
        let carer_id = person(
            tx,
            &org,
            "parent_carer",
            carer_given,
            carer_family,
            None,
            &now,
        )
        .await?;
        exec(
            tx,
            "INSERT INTO carer_links (carer_id, young_person_id, relationship, linked_at) VALUES ($1, $2, $3, $4)",
            &[&carer_id, &yp, relationship, &now],
        )
        .await?;
        if *given == "Zara" {
            agreed_plan(tx, &yp, &carer_id, &workers[index % workers.len()], &now).await?;
        }
        if *given == "Amara" {
            let issued_by = &workers[index % workers.len()];
            invite(tx, &yp, YOUNG_PERSON_CODE, issued_by, &now).await?;
            invite(tx, &carer_id, CARER_CODE, issued_by, &now).await?;
        }
        let worker = &workers[index % workers.len()];
        exec(
            tx,
            "INSERT INTO caseload_allocations (worker_id, young_person_id, allocated_at) VALUES ($1, $2, $3)",
            &[worker, &yp, &now],
        )
        .await?;

        // Ten of the twelve are in the group; Elijah has one-to-one prevention work and
        // Isla is not in a programme yet.
        if index == 10 {
            let one_to_one = new_id();
            exec(
                tx,
                "INSERT INTO cohorts (id, programme_id, team_id, name, starts_on, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &one_to_one,
                    &programmes[2],
                    &team,
                    "Elijah: prevention",
                    &today.minus_days(21).unwrap_or(today).to_string(),
                    &now,
                ],
            )
            .await?;
            exec(
                tx,
                "INSERT INTO cohort_workers (cohort_id, worker_id) VALUES ($1, $2)",
                &[&one_to_one, worker],
            )
            .await?;
            exec(
                tx,
                "INSERT INTO cohort_members (cohort_id, young_person_id, joined_at) VALUES ($1, $2, $3)",
                &[&one_to_one, &yp, &now],
            )
            .await?;
        }
        if index >= 10 {
            continue;
        }
        exec(
            tx,
            "INSERT INTO cohort_members (cohort_id, young_person_id, joined_at) VALUES ($1, $2, $3)",
            &[&cohort, &yp, &now],
        )
        .await?;
        // Programme scaling at the start, then sessions 1–3; most came and gave both
        // scores, a few missed one.
        for measure in ["learning", "risk_taking", "consequences"] {
            sqlx::query(
                "INSERT INTO programme_scores
                     (id, cohort_id, young_person_id, stage, measure, score, entered_by, recorded_at)
                 VALUES ($1, $2, $3, 'start', $4, $5, $3, $6)",
            )
            .bind(new_id())
            .bind(&cohort)
            .bind(&yp)
            .bind(measure)
            .bind(i64::from(1 + next(6)))
            .bind(format!("{group_start}T15:50:00.000000Z"))
            .execute(&mut **tx)
            .await?;
        }
        for session in 1..=3i64 {
            let came = next(10) != 0;
            sqlx::query(
                "INSERT INTO attendance (cohort_id, young_person_id, session_number, attended, marked_by, marked_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&cohort)
            .bind(&yp)
            .bind(session)
            .bind(came)
            .bind(worker)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
            if !came {
                continue;
            }
            let start = 2 + next(5);
            let end = (start + 1 + next(4)).min(10);
            let stages: &[(&str, u32)] = if next(8) == 0 {
                &[("start", start)]
            } else {
                &[("start", start), ("end", end)]
            };
            for (offset, (stage, score)) in stages.iter().enumerate() {
                let at = format!("{}T{:02}:00:00.000000Z", session_day(session), 16 + offset);
                sqlx::query(
                    "INSERT INTO session_scores
                         (id, cohort_id, young_person_id, programme_id, session_number, stage, score, entered_by, recorded_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $3, $8)",
                )
                .bind(new_id())
                .bind(&cohort)
                .bind(&yp)
                .bind(&programme)
                .bind(session)
                .bind(stage)
                .bind(i64::from(*score))
                .bind(at)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

/// A demo invitation that lasts a year, so the README's codes work for anyone trying it.
async fn invite(
    tx: &mut DbTx,
    person: &str,
    code: &str,
    issued_by: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    let code = InvitationCode::parse(code).expect("demo codes use the invitation alphabet");
    let expires = clock::format(time::OffsetDateTime::now_utc() + time::Duration::days(365));
    exec(
        tx,
        "INSERT INTO invitations (id, person_id, code_digest, issued_by, issued_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[&new_id(), person, &code.digest(), issued_by, now, &expires],
    )
    .await
}

/// Zara's plan, written with her foster carer Bea and Jo, agreed by all three: the two
/// targets of the service's paper example, so the demo shows an agreed plan.
async fn agreed_plan(
    tx: &mut DbTx,
    zara: &str,
    bea: &str,
    jo: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    use app::plan::{apply_edit, Author, Part, PartEdit, PlanContent, TargetEdit};
    let bad = |e: &dyn std::fmt::Debug| sqlx::Error::Protocol(format!("demo plan: {e:?}"));
    let author = |id: &str, name: &str, role| -> Result<Author, sqlx::Error> {
        Ok(Author {
            person: app::ids::PersonId::parse(id).ok_or_else(|| bad(&id))?,
            name: name.into(),
            role,
        })
    };
    let (zara_writes, bea_writes, jo_writes) = (
        author(zara, "Zara", app::identity::Role::YoungPerson)?,
        author(bea, "Bea", app::identity::Role::ParentCarer)?,
        author(jo, "Jo", app::identity::Role::Worker)?,
    );
    let targets = [
        (
            "Learn how to control my anger better",
            "work out what makes me angry",
            "give Zara space; talk about it when we are both calm",
            "identify triggers; calming techniques; alternatives to violence",
            "my outbursts go down; I use the techniques",
        ),
        (
            "Do something positive in my spare time",
            "play for a football team, go to the youth centre",
            "help with transport",
            "look for football groups in the area",
            "I am in a club or actively looking",
        ),
    ];
    let mut content = PlanContent::default();
    for (n, (target, i_will, carer_will, worker_will, success)) in targets.into_iter().enumerate() {
        let edit = |key: Option<String>, parts: &[(Part, &str)]| TargetEdit {
            key,
            parts: parts
                .iter()
                .map(|(part, text)| PartEdit {
                    part: *part,
                    mine: (*text).into(),
                    was: String::new(),
                })
                .collect(),
            status: None,
        };
        let key = Some(format!("t{}", n + 1));
        for (who, parts) in [
            (
                &zara_writes,
                edit(
                    None,
                    &[
                        (Part::Target, target),
                        (Part::IWill, i_will),
                        (Part::Success, success),
                    ],
                ),
            ),
            (
                &bea_writes,
                edit(key.clone(), &[(Part::CarerWill, carer_will)]),
            ),
            (
                &jo_writes,
                edit(key.clone(), &[(Part::WorkerWill, worker_will)]),
            ),
        ] {
            apply_edit(&mut content, &parts, who).map_err(|e| bad(&e))?;
        }
    }
    let plan = new_id();
    let hash = content_hash(&content);
    let json = serde_json::to_string(&content).map_err(|e| bad(&e))?;
    let next_review = CalendarDate::of_timestamp(now)
        .and_then(|d| d.plus_days(app::plan::REVIEW_EVERY_DAYS))
        .map(|d| d.to_string());
    sqlx::query(
        "INSERT INTO plans (id, young_person_id, review_every_days, next_review_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&plan)
    .bind(zara)
    .bind(i64::from(app::plan::REVIEW_EVERY_DAYS))
    .bind(next_review)
    .bind(jo)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    exec(
        tx,
        "INSERT INTO plan_versions (plan_id, version, content, content_hash, ready, updated_by, updated_at)
         VALUES ($1, 1, $2, $3, TRUE, $4, $5)",
        &[&plan, &json, &hash, jo, now],
    )
    .await?;
    for (person, role) in [
        (zara, "young_person"),
        (bea, "parent_carer"),
        (jo, "worker"),
    ] {
        exec(
            tx,
            "INSERT INTO plan_responses (id, plan_id, version, person_id, role, decision, content_hash, responded_at)
             VALUES ($1, $2, 1, $3, $4, 'agree', $5, $6)",
            &[&new_id(), &plan, person, role, &hash, now],
        )
        .await?;
    }
    Ok(())
}

fn new_id() -> String {
    Uuid::new_v4().to_string()
}

async fn person(
    tx: &mut DbTx,
    org: &str,
    role: &str,
    given: &str,
    family: &str,
    team: Option<&str>,
    now: &str,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO people (id, organisation_id, role, given_name, family_name, team_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(org)
    .bind(role)
    .bind(given)
    .bind(family)
    .bind(team)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

async fn exec(tx: &mut DbTx, sql: &str, params: &[&str]) -> Result<(), sqlx::Error> {
    let mut query = sqlx::query(sql);
    for p in params {
        query = query.bind(*p);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}
