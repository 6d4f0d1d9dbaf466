//! Caseloads, case records, invitations, devices, allocation, closing cases, the audit
//! trail and staff accounts.

use async_trait::async_trait;
use uuid::Uuid;

use app::calendar::CalendarDate;
use app::caseload::CaseSummary;
use app::casework::*;
use app::error::Problem;
use app::identity::{Role, Viewer};
use app::ids::{CohortId, DeviceId, PersonId, SessionNumber, TeamId};
use app::language::Language;
use app::store::{AuditOutcome, Casework, Outcome, StoreError};

use super::{actor, audit, parse_uuid, role_of, session_number, Store};
use crate::clock;
use crate::db::WriteScope;

fn person_id(raw: &str) -> Result<PersonId, StoreError> {
    parse_uuid(raw).map(PersonId)
}

/// Someone who can sign in for a young person, from [`HOLDER_COLUMNS`] (and, for a carer,
/// their relationship).
#[derive(sqlx::FromRow)]
struct HolderRow {
    id: String,
    given_name: String,
    family_name: String,
    role: String,
    active: bool,
    has_pin: bool,
    language: Option<String>,
    interpreter_language: Option<String>,
    #[sqlx(default)]
    relationship: Option<String>,
}

#[derive(sqlx::FromRow)]
struct YoungPersonRow {
    #[sqlx(flatten)]
    holder: HolderRow,
    team_id: Option<String>,
    closed: bool,
}

#[derive(sqlx::FromRow)]
struct DeviceRow {
    id: String,
    label: String,
    created_at: String,
    last_used_at: String,
}

/// A person by id and full name.
#[derive(sqlx::FromRow)]
struct NamedRow {
    id: String,
    given_name: String,
    family_name: String,
}

impl NamedRow {
    fn worker(self) -> Result<WorkerOption, StoreError> {
        Ok(WorkerOption {
            id: person_id(&self.id)?,
            name: format!("{} {}", self.given_name, self.family_name),
        })
    }
}

#[derive(sqlx::FromRow)]
struct CaseloadRow {
    #[sqlx(flatten)]
    person: NamedRow,
    closed: bool,
    workers: Option<String>,
    urgent_entries: i64,
    unseen_entries: i64,
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    occurred_at: String,
    actor: String,
    actor_role: Option<String>,
    action: String,
    outcome: String,
    via: Option<String>,
}

#[derive(sqlx::FromRow)]
struct HomeSessionRow {
    cohort_id: String,
    cohort: String,
    starts_on: String,
    number: i64,
    topic: String,
    attended: Option<bool>,
    end_given: bool,
    sessions: i64,
}

#[derive(sqlx::FromRow)]
struct HomeProgrammeRow {
    cohort_id: String,
    cohort: String,
    measures_started: i64,
}

#[derive(sqlx::FromRow)]
struct FamilyRow {
    given_name: String,
    relationship: String,
    young_person_id: String,
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    #[sqlx(flatten)]
    person: NamedRow,
    email: String,
    role: String,
    team: String,
    active: bool,
    has_second_factor: bool,
}

#[derive(sqlx::FromRow)]
struct TeamRow {
    id: String,
    name: String,
    requires_second_factor: bool,
}

impl Store {
    async fn holder(&self, row: HolderRow) -> Result<SignInHolder, StoreError> {
        let id = &row.id;
        let devices = sqlx::query_as::<_, DeviceRow>(
            "SELECT id, label, created_at, last_used_at FROM devices
             WHERE person_id = $1 AND revoked_at IS NULL ORDER BY created_at",
        )
        .bind(id)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|d| {
            Ok(DeviceSummary {
                id: DeviceId(parse_uuid(&d.id)?),
                label: d.label,
                created_at: d.created_at,
                last_used_at: d.last_used_at,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let invitation_expires: Option<String> = sqlx::query_scalar(
            "SELECT MAX(expires_at) FROM invitations
             WHERE person_id = $1 AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > $2",
        )
        .bind(id)
        .bind(clock::now())
        .fetch_one(self.reader())
        .await?;
        Ok(SignInHolder {
            id: person_id(id)?,
            name: format!("{} {}", row.given_name, row.family_name),
            role: role_of(&row.role)?,
            relationship: row.relationship,
            active: row.active,
            has_pin: row.has_pin,
            language: row.language.as_deref().and_then(Language::parse),
            // Written through `InterpreterLanguage::parse`; the check constraint holds its length.
            interpreter: row
                .interpreter_language
                .as_deref()
                .and_then(|l| InterpreterLanguage::parse(l).ok().flatten()),
            invitation_expires,
            devices,
        })
    }

    async fn team_workers(&self, team: Option<&str>) -> Result<Vec<WorkerOption>, StoreError> {
        sqlx::query_as::<_, NamedRow>(
            "SELECT id, given_name, family_name FROM people
             WHERE team_id = $1 AND role = 'worker' AND active ORDER BY given_name, family_name",
        )
        .bind(team)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(NamedRow::worker)
        .collect()
    }

    pub(super) async fn organisation_of(&self, person: PersonId) -> Result<String, StoreError> {
        sqlx::query_scalar("SELECT organisation_id FROM people WHERE id = $1")
            .bind(person.to_string())
            .fetch_one(self.reader())
            .await
            .map_err(StoreError::from)
    }
}

const HOLDER_COLUMNS: &str = "p.id, p.given_name, p.family_name, p.role, p.active,
    p.language, p.interpreter_language,
    EXISTS (SELECT 1 FROM pin_credentials c WHERE c.person_id = p.id) AS has_pin";

/// The caseload's names for someone of `role` (`$1` is them); `None` for families. Public
/// so the benchmark can show its query plan.
pub fn caseload_query(role: Role) -> Option<String> {
    // Administrators run accounts: they get names, never what a young person wrote.
    let voice = if matches!(role, Role::Worker | Role::Manager) {
        "(SELECT COUNT(*) FROM voice_entries e WHERE e.young_person_id = yp.id AND e.urgent AND e.responded_at IS NULL)
             AS urgent_entries,
         (SELECT COUNT(*) FROM voice_entries e WHERE e.young_person_id = yp.id AND e.seen_at IS NULL)
             AS unseen_entries"
    } else {
        "CAST(0 AS BIGINT) AS urgent_entries, CAST(0 AS BIGINT) AS unseen_entries"
    };
    let filter = match role {
        // Driven from the worker's allocations (an index), not by scanning everyone.
        Role::Worker => {
            "yp.id IN (SELECT young_person_id FROM caseload_allocations WHERE worker_id = $1)"
        }
        Role::Manager => "yp.team_id = (SELECT team_id FROM people WHERE id = $1)",
        Role::Administrator => {
            "yp.organisation_id = (SELECT organisation_id FROM people WHERE id = $1)"
        }
        Role::YoungPerson | Role::ParentCarer => return None,
    };
    Some(format!(
        "SELECT yp.id, yp.given_name, yp.family_name, yp.case_closed_at IS NOT NULL AS closed,
                (SELECT string_agg(w.given_name || ' ' || w.family_name, ', ')
                 FROM caseload_allocations a JOIN people w ON w.id = a.worker_id
                 WHERE a.young_person_id = yp.id) AS workers,
                {voice}
         FROM people yp
         WHERE yp.role = 'young_person' AND {filter}
         ORDER BY yp.case_closed_at IS NOT NULL, 6 DESC, 7 DESC, yp.given_name, yp.family_name"
    ))
}

#[async_trait]
impl Casework for Store {
    async fn language_of(&self, person: PersonId) -> Result<Option<Language>, StoreError> {
        let tag: Option<Option<String>> =
            sqlx::query_scalar("SELECT language FROM people WHERE id = $1")
                .bind(person.to_string())
                .fetch_optional(self.reader())
                .await?;
        // A tag this version does not know (written by a newer one) counts as not chosen.
        Ok(tag.flatten().as_deref().and_then(Language::parse))
    }

    async fn set_language(&self, person: PersonId, language: Language) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(person)).await?;
        sqlx::query("UPDATE people SET language = $2 WHERE id = $1")
            .bind(person.to_string())
            .bind(language.tag())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn caseload(&self, viewer: &Viewer) -> Result<Vec<CaseSummary>, StoreError> {
        let Some(sql) = caseload_query(viewer.role) else {
            return Ok(Vec::new());
        };
        let rows: Vec<CaseloadRow> = sqlx::query_as(&sql)
            .bind(viewer.person.to_string())
            .fetch_all(self.reader())
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(CaseSummary {
                    id: person_id(&r.person.id)?,
                    name: format!("{} {}", r.person.given_name, r.person.family_name),
                    closed: r.closed,
                    workers: r
                        .workers
                        .map(|w| w.split(", ").map(str::to_owned).collect())
                        .unwrap_or_default(),
                    urgent_entries: u32::try_from(r.urgent_entries).unwrap_or(0),
                    unseen_entries: u32::try_from(r.unseen_entries).unwrap_or(0),
                    unseen_feedback: 0,
                    not_understood: 0,
                    plan: None,
                    plan_disagreement: false,
                    programme: None,
                    last_activity: None,
                })
            })
            .collect()
    }

    async fn timeline(
        &self,
        young_person: PersonId,
        language: app::language::Language,
    ) -> Result<Vec<app::timeline::TimelineEvent>, StoreError> {
        self.read_timeline(young_person, language).await
    }

    async fn case_activity(
        &self,
        young_people: &[PersonId],
        language: app::language::Language,
    ) -> Result<Vec<app::caseload::CaseActivity>, StoreError> {
        self.read_case_activity(young_people, language).await
    }

    async fn case_record(&self, young_person: PersonId) -> Result<Option<CaseRecord>, StoreError> {
        let Some(row) = sqlx::query_as::<_, YoungPersonRow>(&format!(
            "SELECT {HOLDER_COLUMNS}, p.team_id, p.case_closed_at IS NOT NULL AS closed
             FROM people p WHERE p.id = $1 AND p.role = 'young_person'"
        ))
        .bind(young_person.to_string())
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        let young = self.holder(row.holder).await?;
        let mut carers = Vec::new();
        for carer in sqlx::query_as::<_, HolderRow>(&format!(
            "SELECT {HOLDER_COLUMNS}, l.relationship FROM carer_links l JOIN people p ON p.id = l.carer_id
             WHERE l.young_person_id = $1 ORDER BY p.given_name"
        ))
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?
        {
            carers.push(self.holder(carer).await?);
        }
        let workers = sqlx::query_as::<_, NamedRow>(
            "SELECT w.id, w.given_name, w.family_name FROM caseload_allocations a
             JOIN people w ON w.id = a.worker_id WHERE a.young_person_id = $1 ORDER BY w.given_name",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(NamedRow::worker)
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(CaseRecord {
            young_person: young,
            carers,
            workers,
            team_workers: self.team_workers(row.team_id.as_deref()).await?,
            closed: row.closed,
        }))
    }

    async fn add_young_person(
        &self,
        viewer: &Viewer,
        name: &PersonName,
    ) -> Result<PersonId, StoreError> {
        let org = self.organisation_of(viewer.person).await?;
        let id = PersonId(Uuid::new_v4());
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Organisation(&org)).await?;
        sqlx::query(
            "INSERT INTO people (id, organisation_id, role, given_name, family_name, team_id, created_at)
             VALUES ($1, $2, 'young_person', $3, $4, $5, $6)",
        )
        .bind(id.to_string())
        .bind(&org)
        .bind(name.given())
        .bind(name.family())
        .bind(viewer.team.map(|t| t.to_string()))
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if viewer.role == Role::Worker {
            sqlx::query("INSERT INTO caseload_allocations (worker_id, young_person_id, allocated_at) VALUES ($1, $2, $3)")
                .bind(viewer.person.to_string())
                .bind(id.to_string())
                .bind(&now)
                .execute(&mut *tx)
                .await?;
        }
        audit(
            &mut tx,
            actor(viewer),
            "add_young_person",
            "young_person",
            &id.to_string(),
            Some(id),
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn add_carer(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        name: &PersonName,
        relationship: &str,
    ) -> Outcome<PersonId> {
        let org = self.organisation_of(young_person).await?;
        let id = PersonId(Uuid::new_v4());
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        // Checked inside the write transaction, so two presses cannot both pass it.
        let already: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM carer_links l JOIN people p ON p.id = l.carer_id
                            WHERE l.young_person_id = $1
                              AND lower(p.given_name) = lower($2) AND lower(p.family_name) = lower($3))",
        )
        .bind(young_person.to_string())
        .bind(name.given())
        .bind(name.family())
        .fetch_one(&mut *tx)
        .await?;
        if already {
            return Ok(Err(Problem::CarerExists));
        }
        sqlx::query(
            "INSERT INTO people (id, organisation_id, role, given_name, family_name, created_at)
             VALUES ($1, $2, 'parent_carer', $3, $4, $5)",
        )
        .bind(id.to_string())
        .bind(&org)
        .bind(name.given())
        .bind(name.family())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO carer_links (carer_id, young_person_id, relationship, linked_at) VALUES ($1, $2, $3, $4)")
            .bind(id.to_string())
            .bind(young_person.to_string())
            .bind(relationship)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            actor(viewer),
            "link_carer",
            "carer_link",
            &id.to_string(),
            Some(young_person),
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    async fn set_language_needs(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        person: PersonId,
        language: Option<Language>,
        interpreter: Option<&InterpreterLanguage>,
    ) -> Result<bool, StoreError> {
        let who = person.to_string();
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let changed = sqlx::query(
            "UPDATE people SET language = $3, interpreter_language = $4
             WHERE id = $2
               AND ($2 = $1 OR $2 IN (SELECT carer_id FROM carer_links WHERE young_person_id = $1))",
        )
        .bind(young_person.to_string())
        .bind(&who)
        .bind(language.map(Language::tag))
        .bind(interpreter.map(InterpreterLanguage::as_str))
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            audit(
                &mut tx,
                actor(viewer),
                "set_language_needs",
                "person",
                &who,
                Some(young_person),
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    async fn reset_pin(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        person: PersonId,
    ) -> Result<bool, StoreError> {
        let who = person.to_string();
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let forgotten = sqlx::query(
            "DELETE FROM pin_credentials
             WHERE person_id = $2
               AND ($2 = $1 OR $2 IN (SELECT carer_id FROM carer_links WHERE young_person_id = $1))",
        )
        .bind(young_person.to_string())
        .bind(&who)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if forgotten {
            // Every phone they had opened with the old PIN; none may carry on without it.
            sqlx::query(
                "UPDATE devices SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL",
            )
            .bind(&who)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM sessions WHERE person_id = $1")
                .bind(&who)
                .execute(&mut *tx)
                .await?;
            audit(
                &mut tx,
                actor(viewer),
                "reset_pin",
                "person",
                &who,
                Some(young_person),
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(forgotten)
    }

    async fn revoke_device(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        device: DeviceId,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let revoked = sqlx::query(
            "UPDATE devices SET revoked_at = $3
             WHERE id = $2 AND revoked_at IS NULL
               AND (person_id = $1 OR person_id IN (SELECT carer_id FROM carer_links WHERE young_person_id = $1))",
        )
        .bind(young_person.to_string())
        .bind(device.to_string())
        .bind(clock::now())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if revoked {
            sqlx::query("DELETE FROM sessions WHERE device_id = $1")
                .bind(device.to_string())
                .execute(&mut *tx)
                .await?;
            audit(
                &mut tx,
                actor(viewer),
                "revoke_device",
                "device",
                &device.to_string(),
                Some(young_person),
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(revoked)
    }

    async fn allocate(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        worker: PersonId,
    ) -> Outcome<()> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let inserted = sqlx::query(
            "INSERT INTO caseload_allocations (worker_id, young_person_id, allocated_at)
             SELECT w.id, yp.id, $3 FROM people w JOIN people yp ON yp.id = $2
             WHERE w.id = $1 AND w.role = 'worker' AND w.active AND w.team_id = yp.team_id
             ON CONFLICT (worker_id, young_person_id) DO NOTHING",
        )
        .bind(worker.to_string())
        .bind(young_person.to_string())
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        let allocated: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM caseload_allocations WHERE worker_id = $1 AND young_person_id = $2)",
        )
        .bind(worker.to_string())
        .bind(young_person.to_string())
        .fetch_one(&mut *tx)
        .await?;
        if !allocated {
            return Ok(Err(Problem::WorkerInvalid));
        }
        if inserted.rows_affected() == 1 {
            audit(
                &mut tx,
                actor(viewer),
                "allocate_worker",
                "allocation",
                &worker.to_string(),
                Some(young_person),
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn close_case(&self, viewer: &Viewer, young_person: PersonId) -> Result<(), StoreError> {
        let yp = young_person.to_string();
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        sqlx::query("UPDATE people SET case_closed_at = $2, active = FALSE WHERE id = $1 AND case_closed_at IS NULL")
            .bind(&yp)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        // Carers with no other open case stop signing in too.
        sqlx::query(
            "UPDATE people SET active = FALSE
             WHERE id IN (SELECT carer_id FROM carer_links WHERE young_person_id = $1)
               AND NOT EXISTS (SELECT 1 FROM carer_links l JOIN people o ON o.id = l.young_person_id
                               WHERE l.carer_id = people.id AND o.case_closed_at IS NULL)",
        )
        .bind(&yp)
        .execute(&mut *tx)
        .await?;
        for sql in [
            "UPDATE devices SET revoked_at = $2 WHERE revoked_at IS NULL AND person_id IN (SELECT id FROM people WHERE NOT active)",
            "UPDATE invitations SET withdrawn_at = $2 WHERE used_at IS NULL AND withdrawn_at IS NULL AND person_id IN (SELECT id FROM people WHERE NOT active)",
            "DELETE FROM sessions WHERE person_id IN (SELECT id FROM people WHERE NOT active) AND $1 = $1 AND $2 = $2",
        ] {
            sqlx::query(sql).bind(&yp).bind(&now).execute(&mut *tx).await?;
        }
        audit(
            &mut tx,
            actor(viewer),
            "close_case",
            "young_person",
            &yp,
            Some(young_person),
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await.map_err(StoreError::from)
    }

    async fn audit_trail(
        &self,
        young_person: PersonId,
        filter: &AuditFilter,
    ) -> Result<Option<AuditPage>, StoreError> {
        let yp = young_person.to_string();
        let Some(name) = sqlx::query_scalar::<_, String>(
            "SELECT given_name || ' ' || family_name FROM people
             WHERE id = $1 AND role = 'young_person'",
        )
        .bind(&yp)
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        // One filter, written once: an empty parameter matches everything.
        const MATCHES: &str = "e.subject_id = $1
               AND ($2 = '' OR e.actor_id = $2)
               AND ($3 = '' OR e.action = $3)
               AND ($4 = '' OR e.outcome = $4)";
        let who = filter.who.map(|p| p.to_string()).unwrap_or_default();
        let action = filter.action.clone().unwrap_or_default();
        let outcome = filter.outcome.map(|o| o.as_str()).unwrap_or_default();
        let matching: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM audit_events e WHERE {MATCHES}"
        ))
        .bind(&yp)
        .bind(&who)
        .bind(&action)
        .bind(outcome)
        .fetch_one(self.reader())
        .await?;
        let entries = sqlx::query_as::<_, AuditRow>(&format!(
            "SELECT e.occurred_at, COALESCE(a.given_name || ' ' || a.family_name, 'Waypoint') AS actor,
                    e.actor_role, e.action, e.outcome, v.given_name || ' ' || v.family_name AS via
             FROM audit_events e
             LEFT JOIN people a ON a.id = e.actor_id
             LEFT JOIN people v ON v.id = e.via_id
             WHERE {MATCHES}
             ORDER BY e.occurred_at DESC, e.id LIMIT $5 OFFSET $6"
        ))
        .bind(&yp)
        .bind(&who)
        .bind(&action)
        .bind(outcome)
        .bind(i64::from(AUDIT_PAGE_SIZE))
        .bind(i64::from(filter.page) * i64::from(AUDIT_PAGE_SIZE))
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| AuditEntry {
            occurred_at: r.occurred_at,
            actor: r.actor,
            actor_role: r.actor_role.as_deref().and_then(Role::parse),
            action: r.action,
            outcome: r.outcome,
            via: r.via,
        })
        .collect();
        let people = sqlx::query_as::<_, (String, String)>(
            "SELECT p.id, p.given_name || ' ' || p.family_name FROM people p
             WHERE p.id IN (SELECT DISTINCT actor_id FROM audit_events WHERE subject_id = $1)
             ORDER BY p.given_name, p.family_name",
        )
        .bind(&yp)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|(id, name)| Ok((PersonId(parse_uuid(&id)?), name)))
        .collect::<Result<_, StoreError>>()?;
        let actions = sqlx::query_scalar(
            "SELECT DISTINCT action FROM audit_events WHERE subject_id = $1 ORDER BY action",
        )
        .bind(&yp)
        .fetch_all(self.reader())
        .await?;
        Ok(Some(AuditPage {
            young_person,
            name,
            filter: filter.clone(),
            entries,
            matching: u32::try_from(matching).unwrap_or(u32::MAX),
            people,
            actions,
        }))
    }

    async fn young_person_home(
        &self,
        viewer: &Viewer,
        language: app::language::Language,
    ) -> Result<YoungPersonHome, StoreError> {
        // Every scored session of each current group, with the register and whether an end
        // score was given; which to offer is the domain's rule (`sessions_to_offer`).
        let rows: Vec<HomeSessionRow> = sqlx::query_as(&format!(
            "SELECT c.id AS cohort_id, c.name AS cohort, c.starts_on, ps.number, {} AS topic, a.attended,
                    EXISTS (SELECT 1 FROM session_scores s
                            WHERE s.cohort_id = c.id AND s.young_person_id = m.young_person_id
                              AND s.session_number = ps.number AND s.stage = 'end') AS end_given,
                    (SELECT COUNT(*) FROM programme_sessions x WHERE x.programme_id = p.id)
                        AS sessions
             FROM cohort_members m
             JOIN cohorts c ON c.id = m.cohort_id
             JOIN programmes p ON p.id = c.programme_id
             JOIN programme_sessions ps ON ps.programme_id = p.id AND ps.scored
             LEFT JOIN attendance a ON a.cohort_id = c.id AND a.young_person_id = m.young_person_id
                                   AND a.session_number = ps.number
             WHERE m.young_person_id = $1 AND m.left_at IS NULL
             ORDER BY c.starts_on, c.id, ps.number",
            crate::db::wordings::topic(2)
        ))
        .bind(viewer.person.to_string())
        .bind(language.tag())
        .fetch_all(self.reader())
        .await?;
        let today = CalendarDate::today();
        let mut sessions: Vec<SessionLink> = Vec::new();
        struct Group {
            cohort: CohortId,
            programme: String,
            this_week: Option<SessionNumber>,
            standings: Vec<SessionStanding>,
            topics: Vec<String>,
        }
        let mut groups: Vec<Group> = Vec::new();
        for r in rows {
            let cohort = CohortId(parse_uuid(&r.cohort_id)?);
            let standing = SessionStanding {
                number: session_number(r.number)?,
                register: r.attended,
                end_given: r.end_given,
            };
            if groups.last().is_none_or(|g| g.cohort != cohort) {
                let count = u16::try_from(r.sessions).unwrap_or(u16::MAX);
                groups.push(Group {
                    cohort,
                    programme: r.cohort.clone(),
                    this_week: CalendarDate::parse(&r.starts_on)
                        .and_then(|start| session_this_week(start, today, count)),
                    standings: Vec::new(),
                    topics: Vec::new(),
                });
            }
            if let Some(group) = groups.last_mut() {
                group.standings.push(standing);
                group.topics.push(r.topic);
            }
        }
        for g in groups {
            for (number, now) in sessions_to_offer(g.this_week, &g.standings) {
                let at = g.standings.iter().position(|s| s.number == number);
                sessions.push(SessionLink {
                    cohort: g.cohort,
                    programme: g.programme.clone(),
                    number,
                    topic: at.map(|i| g.topics[i].clone()).unwrap_or_default(),
                    now,
                });
            }
        }
        // The group's name, never the programme's: "criminal exploitation" is not for a
        // friend reading over their shoulder.
        let programmes = sqlx::query_as::<_, HomeProgrammeRow>(
            "SELECT c.id AS cohort_id, c.name AS cohort,
                    (SELECT COUNT(DISTINCT s.measure) FROM programme_scores s
                     WHERE s.cohort_id = c.id AND s.young_person_id = m.young_person_id
                       AND s.stage = 'start') AS measures_started
             FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
             JOIN programmes p ON p.id = c.programme_id
             WHERE m.young_person_id = $1 AND m.left_at IS NULL
             ORDER BY c.starts_on",
        )
        .bind(viewer.person.to_string())
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(ProgrammeLink {
                cohort: CohortId(parse_uuid(&r.cohort_id)?),
                programme: r.cohort,
                start_answered: r.measures_started >= 3,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(YoungPersonHome {
            young_person: viewer.person,
            given_name: viewer.given_name.clone(),
            sessions,
            programmes,
            questionnaires: app::store::Questionnaires::questionnaire_links(self, viewer.person)
                .await?,
            help_key: String::new(),
            plan_cue: None,
            unread_answers: 0,
            unread_feedback_answers: 0,
            new_phones: Vec::new(),
            support: false,
        })
    }

    async fn family(&self, viewer: &Viewer) -> Result<Vec<FamilyMember>, StoreError> {
        sqlx::query_as::<_, FamilyRow>(
            "SELECT yp.given_name, l.relationship, yp.id AS young_person_id FROM carer_links l JOIN people yp ON yp.id = l.young_person_id
             WHERE l.carer_id = $1 AND yp.case_closed_at IS NULL ORDER BY yp.given_name",
        )
        .bind(viewer.person.to_string())
        .fetch_all(self.reader())
        .await
        .map_err(StoreError::from)
        .and_then(|rows| {
            rows.into_iter()
                .map(|r| {
                    Ok(FamilyMember {
                        young_person: PersonId(parse_uuid(&r.young_person_id)?),
                        given_name: r.given_name,
                        relationship: r.relationship,
                        plan_cue: None,
                        unread_feedback_answers: 0,
                    })
                })
                .collect()
        })
    }

    async fn staff(&self, viewer: &Viewer) -> Result<Vec<StaffSummary>, StoreError> {
        sqlx::query_as::<_, StaffRow>(
            "SELECT p.id, p.given_name, p.family_name, c.email, p.role, COALESCE(t.name, '') AS team,
                    p.active, c.totp_secret IS NOT NULL AS has_second_factor
             FROM people p JOIN staff_credentials c ON c.person_id = p.id
             LEFT JOIN teams t ON t.id = p.team_id
             WHERE p.organisation_id = (SELECT organisation_id FROM people WHERE id = $1)
             ORDER BY p.active DESC, p.given_name, p.family_name",
        )
        .bind(viewer.person.to_string())
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(StaffSummary {
                id: person_id(&r.person.id)?,
                name: format!("{} {}", r.person.given_name, r.person.family_name),
                email: r.email,
                role: role_of(&r.role)?,
                team: r.team,
                active: r.active,
                has_second_factor: r.has_second_factor,
            })
        })
        .collect()
    }

    async fn teams(&self, viewer: &Viewer) -> Result<Vec<TeamOption>, StoreError> {
        sqlx::query_as::<_, TeamRow>(
            "SELECT id, name, requires_second_factor FROM teams
             WHERE organisation_id = (SELECT organisation_id FROM people WHERE id = $1) ORDER BY name",
        )
        .bind(viewer.person.to_string())
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(TeamOption {
                id: TeamId(parse_uuid(&r.id)?),
                name: r.name,
                requires_second_factor: r.requires_second_factor,
            })
        })
        .collect()
    }

    async fn set_staff_active(
        &self,
        viewer: &Viewer,
        person: PersonId,
        active: bool,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(person)).await?;
        let changed = sqlx::query(
            "UPDATE people SET active = $3
             WHERE id = $1 AND role IN ('worker', 'manager', 'administrator')
               AND organisation_id = (SELECT organisation_id FROM people WHERE id = $2)",
        )
        .bind(person.to_string())
        .bind(viewer.person.to_string())
        .bind(active)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            if !active {
                sqlx::query("DELETE FROM sessions WHERE person_id = $1")
                    .bind(person.to_string())
                    .execute(&mut *tx)
                    .await?;
            }
            let action = if active {
                "reactivate_staff"
            } else {
                "deactivate_staff"
            };
            audit(
                &mut tx,
                actor(viewer),
                action,
                "staff",
                &person.to_string(),
                None,
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    async fn set_team_second_factor(
        &self,
        viewer: &Viewer,
        team: TeamId,
        required: bool,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Team(team)).await?;
        // Managers set their own team; administrators any team of their organisation.
        let changed = sqlx::query(
            "UPDATE teams SET requires_second_factor = $3
             WHERE id = $1 AND organisation_id = (SELECT organisation_id FROM people WHERE id = $2)
               AND ((SELECT role FROM people WHERE id = $2) = 'administrator'
                    OR id = (SELECT team_id FROM people WHERE id = $2))",
        )
        .bind(team.to_string())
        .bind(viewer.person.to_string())
        .bind(required)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            audit(
                &mut tx,
                actor(viewer),
                "set_team_second_factor",
                "team",
                &team.to_string(),
                None,
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }
}
