//! Cohorts, registers, the live group view, programme scaling and progress.

use std::collections::HashMap;

use async_trait::async_trait;
use uuid::Uuid;

use app::error::Problem;
use app::identity::{Role, Viewer};
use app::ids::{CohortId, PersonId, ProgrammeId, SessionNumber, TeamId};
use app::policy::{CohortLinks, CohortRelation};
use app::programme::*;
use app::scaling::{SessionScores, Stage};
use app::store::{AuditOutcome, NewCohort, NewProgrammeScores, Outcome, Programmes, StoreError};

use super::{
    actor, audit, claim_key, parse_uuid, score, session_number, stage, Claim, Db, DbTx, Store,
};
use crate::clock;
use crate::db::WriteScope;

fn person_id(raw: &str) -> Result<PersonId, StoreError> {
    parse_uuid(raw).map(PersonId)
}

fn delivery(raw: &str) -> Result<Delivery, StoreError> {
    Delivery::parse(raw).ok_or_else(|| StoreError(format!("malformed delivery: {raw:?}")))
}

#[derive(sqlx::FromRow)]
struct LatestScoreRow {
    young_person_id: String,
    stage: String,
    score: i64,
    by_someone_else: bool,
}

#[derive(sqlx::FromRow)]
struct CohortLinksRow {
    team_id: String,
    asker_runs_it: bool,
    asker_is_member: bool,
}

#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    id: String,
    name: String,
    delivery: String,
    summary: String,
    sessions: i64,
}

#[derive(sqlx::FromRow)]
struct CohortSummaryRow {
    id: String,
    name: String,
    programme: String,
    delivery: String,
    starts_on: String,
    members: i64,
}

#[derive(sqlx::FromRow)]
struct CohortWorkerRow {
    cohort_id: String,
    given_name: String,
    family_name: String,
}

#[derive(sqlx::FromRow)]
struct ChoiceRow {
    id: String,
    given_name: String,
    family_name: String,
    role: String,
}

#[derive(sqlx::FromRow)]
struct CohortHeadRow {
    name: String,
    programme: String,
    delivery: String,
    starts_on: String,
    programme_id: String,
    team_id: String,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: String,
    given_name: String,
    family_name: String,
    attended: i64,
}

#[derive(sqlx::FromRow)]
struct OutlineRow {
    number: i64,
    topic: String,
    scored: bool,
    starts: i64,
    ends: i64,
    attended: i64,
}

#[derive(sqlx::FromRow)]
struct SessionHeadRow {
    cohort: String,
    programme: String,
    topic: String,
    scored: bool,
}

#[derive(sqlx::FromRow)]
struct RegisterLineRow {
    id: String,
    given_name: String,
    family_name: String,
    attended: Option<bool>,
    start_missed: bool,
}

#[derive(sqlx::FromRow)]
struct OwnScoreRow {
    session_number: i64,
    stage: String,
    score: i64,
}

#[derive(sqlx::FromRow)]
struct MeasureScoreRow {
    stage: String,
    measure: String,
    score: i64,
}

fn count(raw: i64) -> u32 {
    u32::try_from(raw).unwrap_or(0)
}

fn full_name(given: String, family: String) -> String {
    format!("{given} {family}")
}

/// The audit row for a change that concerns one member of a cohort (joining, leaving, the
/// register, a missed start, programme scores), written in the change's transaction.
async fn audit_member_change(
    tx: &mut DbTx,
    who: &Viewer,
    action: &str,
    cohort: CohortId,
    young_person: PersonId,
) -> Result<(), StoreError> {
    audit(
        tx,
        actor(who),
        action,
        "cohort",
        &cohort.to_string(),
        Some(young_person),
        AuditOutcome::Done,
    )
    .await
}

impl Store {
    /// Whether a young person may join a cohort: same team, open case, still active.
    async fn may_join(
        executor: impl sqlx::Executor<'_, Database = Db>,
        cohort: CohortId,
        young_person: PersonId,
    ) -> Result<bool, StoreError> {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM cohorts c JOIN people yp ON yp.team_id = c.team_id
                            WHERE c.id = $1 AND yp.id = $2 AND yp.role = 'young_person'
                              AND yp.active AND yp.case_closed_at IS NULL)",
        )
        .bind(cohort.to_string())
        .bind(young_person.to_string())
        .fetch_one(executor)
        .await
        .map_err(StoreError::from)
    }

    /// Checked inside the write transaction that relies on it, so that it still holds when
    /// that transaction commits.
    pub(super) async fn is_member(
        executor: impl sqlx::Executor<'_, Database = Db>,
        cohort: CohortId,
        young_person: PersonId,
    ) -> Result<bool, StoreError> {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM cohort_members
                            WHERE cohort_id = $1 AND young_person_id = $2 AND left_at IS NULL)",
        )
        .bind(cohort.to_string())
        .bind(young_person.to_string())
        .fetch_one(executor)
        .await
        .map_err(StoreError::from)
    }

    /// Latest start and end per young person for one session, with whether the latest
    /// was typed in by someone other than the young person.
    async fn session_scores_by_person(
        &self,
        cohort: CohortId,
        session: SessionNumber,
    ) -> Result<HashMap<PersonId, (SessionScores, bool)>, StoreError> {
        let rows: Vec<LatestScoreRow> = sqlx::query_as(
            "SELECT young_person_id, stage, score, entered_by <> young_person_id AS by_someone_else
             FROM session_scores WHERE cohort_id = $1 AND session_number = $2
             ORDER BY recorded_at DESC",
        )
        .bind(cohort.to_string())
        .bind(i64::from(session.value()))
        .fetch_all(self.reader())
        .await?;
        let mut by_person: HashMap<PersonId, (SessionScores, bool)> = HashMap::new();
        for r in rows {
            let who = person_id(&r.young_person_id)?;
            let entry = by_person.entry(who).or_default();
            let slot = match stage(&r.stage)? {
                Stage::Start => &mut entry.0.start,
                Stage::End => &mut entry.0.end,
            };
            if slot.is_none() {
                *slot = Some(score(r.score)?);
                entry.1 |= r.by_someone_else;
            }
        }
        Ok(by_person)
    }
}

#[async_trait]
impl Programmes for Store {
    async fn cohort_relation(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
    ) -> Result<Option<CohortRelation>, StoreError> {
        let Some(row) = sqlx::query_as::<_, CohortLinksRow>(
            "SELECT c.team_id,
                    EXISTS (SELECT 1 FROM cohort_workers w WHERE w.cohort_id = c.id AND w.worker_id = v.id)
                        AS asker_runs_it,
                    EXISTS (SELECT 1 FROM cohort_members m
                            WHERE m.cohort_id = c.id AND m.young_person_id = v.id AND m.left_at IS NULL)
                        AS asker_is_member
             FROM cohorts c
             JOIN teams t ON t.id = c.team_id
             JOIN people v ON v.id = $2 AND v.organisation_id = t.organisation_id
             WHERE c.id = $1",
        )
        .bind(cohort.to_string())
        .bind(viewer.person.to_string())
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        let links = CohortLinks {
            team: Some(TeamId(parse_uuid(&row.team_id)?)),
            asker_runs_it: row.asker_runs_it,
            asker_is_member: row.asker_is_member,
        };
        Ok(Some(CohortRelation::between(viewer, links)))
    }

    async fn programmes(
        &self,
        viewer: &Viewer,
        language: app::language::Language,
    ) -> Result<Vec<ProgrammeOption>, StoreError> {
        let rows: Vec<ProgrammeRow> = sqlx::query_as(&format!(
            "SELECT p.id, {} AS name, p.delivery, {} AS summary,
                    (SELECT COUNT(*) FROM programme_sessions ps WHERE ps.programme_id = p.id)
                        AS sessions
             FROM programmes p
             WHERE p.organisation_id = (SELECT organisation_id FROM people WHERE id = $1)
               AND EXISTS (SELECT 1 FROM programme_sessions ps WHERE ps.programme_id = p.id)
             ORDER BY p.delivery, p.name",
            crate::db::wordings::programme("name", 2),
            crate::db::wordings::programme("summary", 2),
        ))
        .bind(viewer.person.to_string())
        .bind(language.tag())
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(ProgrammeOption {
                    id: ProgrammeId(parse_uuid(&r.id)?),
                    delivery: delivery(&r.delivery)?,
                    name: r.name,
                    summary: r.summary,
                    sessions: u16::try_from(r.sessions).unwrap_or(u16::MAX),
                })
            })
            .collect()
    }

    async fn cohorts(&self, viewer: &Viewer) -> Result<Vec<CohortSummary>, StoreError> {
        let team = viewer.team.map(|t| t.to_string()).unwrap_or_default();
        let is_manager = viewer.role == Role::Manager;
        // One filter for both queries: the cohorts this viewer runs or oversees.
        let filter = "(c.team_id = $2 AND $3)
                      OR EXISTS (SELECT 1 FROM cohort_workers cw WHERE cw.cohort_id = c.id AND cw.worker_id = $1)";
        let rows: Vec<CohortSummaryRow> = sqlx::query_as(&format!(
            "SELECT c.id, c.name, p.name AS programme, p.delivery, c.starts_on,
                    (SELECT COUNT(*) FROM cohort_members m WHERE m.cohort_id = c.id AND m.left_at IS NULL)
                        AS members
             FROM cohorts c JOIN programmes p ON p.id = c.programme_id
             WHERE {filter}
             ORDER BY c.starts_on DESC, c.name"
        ))
        .bind(viewer.person.to_string())
        .bind(&team)
        .bind(is_manager)
        .fetch_all(self.reader())
        .await?;
        let worker_rows: Vec<CohortWorkerRow> = sqlx::query_as(&format!(
            "SELECT c.id AS cohort_id, w.given_name, w.family_name
             FROM cohorts c JOIN cohort_workers cw ON cw.cohort_id = c.id JOIN people w ON w.id = cw.worker_id
             WHERE {filter} ORDER BY w.given_name"
        ))
        .bind(viewer.person.to_string())
        .bind(&team)
        .bind(is_manager)
        .fetch_all(self.reader())
        .await?;
        let mut workers: HashMap<String, Vec<String>> = HashMap::new();
        for r in worker_rows {
            workers
                .entry(r.cohort_id)
                .or_default()
                .push(full_name(r.given_name, r.family_name));
        }
        rows.into_iter()
            .map(|r| {
                Ok(CohortSummary {
                    id: CohortId(parse_uuid(&r.id)?),
                    delivery: delivery(&r.delivery)?,
                    name: r.name,
                    programme: r.programme,
                    starts_on: r.starts_on,
                    members: count(r.members),
                    workers: workers.remove(&r.id).unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn team_choices(
        &self,
        viewer: &Viewer,
    ) -> Result<(Vec<(PersonId, String)>, Vec<(PersonId, String)>), StoreError> {
        let team = viewer.team.map(|t| t.to_string()).unwrap_or_default();
        let rows: Vec<ChoiceRow> = sqlx::query_as(
            "SELECT id, given_name, family_name, role FROM people
             WHERE team_id = $1 AND active AND role IN ('worker', 'young_person')
               AND case_closed_at IS NULL
             ORDER BY given_name, family_name",
        )
        .bind(&team)
        .fetch_all(self.reader())
        .await?;
        let mut workers = Vec::new();
        let mut young_people = Vec::new();
        for r in rows {
            let entry = (person_id(&r.id)?, full_name(r.given_name, r.family_name));
            if r.role == Role::Worker.as_str() {
                workers.push(entry);
            } else {
                young_people.push(entry);
            }
        }
        Ok((workers, young_people))
    }

    async fn create_cohort(&self, viewer: &Viewer, new: NewCohort) -> Outcome<CohortId> {
        let team = viewer
            .team
            .ok_or_else(|| StoreError("cohort created by someone without a team".into()))?
            .to_string();
        let (workers, young_people) = self.team_choices(viewer).await?;
        if new.workers.is_empty()
            || !new
                .workers
                .iter()
                .all(|w| workers.iter().any(|(id, _)| id == w))
        {
            return Ok(Err(Problem::WorkerInvalid));
        }
        if !new
            .members
            .iter()
            .all(|m| young_people.iter().any(|(id, _)| id == m))
        {
            return Ok(Err(Problem::MemberInvalid));
        }
        let id = CohortId(Uuid::new_v4());
        let now = clock::now();
        let mut tx = self
            .begin_write(viewer.team.map_or(WriteScope::Unlocked, WriteScope::Team))
            .await?;
        let inserted = sqlx::query(
            "INSERT INTO cohorts (id, programme_id, team_id, name, starts_on, created_at)
             SELECT $1, p.id, $3, $4, $5, $6 FROM programmes p
             WHERE p.id = $2 AND p.organisation_id = (SELECT organisation_id FROM teams WHERE id = $3)",
        )
        .bind(id.to_string())
        .bind(new.programme.to_string())
        .bind(&team)
        .bind(&new.name)
        .bind(&new.starts_on)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() != 1 {
            return Ok(Err(Problem::ProgrammeInvalid));
        }
        for worker in &new.workers {
            sqlx::query("INSERT INTO cohort_workers (cohort_id, worker_id) VALUES ($1, $2)")
                .bind(id.to_string())
                .bind(worker.to_string())
                .execute(&mut *tx)
                .await?;
        }
        audit(
            &mut tx,
            actor(viewer),
            "create_cohort",
            "cohort",
            &id.to_string(),
            None,
            AuditOutcome::Done,
        )
        .await?;
        for member in &new.members {
            sqlx::query(
                "INSERT INTO cohort_members (cohort_id, young_person_id, joined_at) VALUES ($1, $2, $3)",
            )
            .bind(id.to_string())
            .bind(member.to_string())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            audit_member_change(&mut tx, viewer, "join_cohort", id, *member).await?;
        }
        tx.commit().await?;
        Ok(Ok(id))
    }

    async fn cohort(
        &self,
        cohort: CohortId,
        language: app::language::Language,
    ) -> Result<Option<CohortView>, StoreError> {
        let id = cohort.to_string();
        let Some(head) = sqlx::query_as::<_, CohortHeadRow>(&format!(
            "SELECT c.name, {} AS programme, p.delivery, c.starts_on, p.id AS programme_id, c.team_id
             FROM cohorts c JOIN programmes p ON p.id = c.programme_id WHERE c.id = $1",
            crate::db::wordings::programme("name", 2)
        ))
        .bind(&id)
        .bind(language.tag())
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        let workers = sqlx::query_as::<_, (String, String)>(
            "SELECT w.given_name, w.family_name FROM cohort_workers cw JOIN people w ON w.id = cw.worker_id
             WHERE cw.cohort_id = $1 ORDER BY w.given_name",
        )
        .bind(&id)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|(given, family)| full_name(given, family))
        .collect();
        let members = sqlx::query_as::<_, MemberRow>(
            "SELECT yp.id, yp.given_name, yp.family_name,
                    (SELECT COUNT(*) FROM attendance a
                     WHERE a.cohort_id = m.cohort_id AND a.young_person_id = yp.id AND a.attended)
                        AS attended
             FROM cohort_members m JOIN people yp ON yp.id = m.young_person_id
             WHERE m.cohort_id = $1 AND m.left_at IS NULL
             ORDER BY yp.given_name, yp.family_name",
        )
        .bind(&id)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(CohortMember {
                id: person_id(&r.id)?,
                name: full_name(r.given_name, r.family_name),
                attended: count(r.attended),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let current = "JOIN cohort_members m ON m.cohort_id = x.cohort_id
                       AND m.young_person_id = x.young_person_id AND m.left_at IS NULL";
        let sessions = sqlx::query_as::<_, OutlineRow>(&format!(
            "SELECT ps.number, {topic} AS topic, ps.scored,
                    (SELECT COUNT(DISTINCT x.young_person_id) FROM session_scores x {current}
                     WHERE x.cohort_id = $1 AND x.session_number = ps.number AND x.stage = 'start')
                        AS starts,
                    (SELECT COUNT(DISTINCT x.young_person_id) FROM session_scores x {current}
                     WHERE x.cohort_id = $1 AND x.session_number = ps.number AND x.stage = 'end')
                        AS ends,
                    (SELECT COUNT(*) FROM attendance x {current}
                     WHERE x.cohort_id = $1 AND x.session_number = ps.number AND x.attended)
                        AS attended
             FROM programme_sessions ps WHERE ps.programme_id = $2 ORDER BY ps.number",
            topic = crate::db::wordings::topic(3)
        ))
        .bind(&id)
        .bind(&head.programme_id)
        .bind(language.tag())
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(SessionOutline {
                number: session_number(r.number)?,
                topic: r.topic,
                scored: r.scored,
                starts: count(r.starts),
                ends: count(r.ends),
                attended: count(r.attended),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let could_join = sqlx::query_as::<_, (String, String, String)>(
            "SELECT yp.id, yp.given_name, yp.family_name FROM people yp
             WHERE yp.team_id = $2 AND yp.role = 'young_person' AND yp.active
               AND yp.case_closed_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM cohort_members m
                               WHERE m.cohort_id = $1 AND m.young_person_id = yp.id AND m.left_at IS NULL)
             ORDER BY yp.given_name, yp.family_name",
        )
        .bind(&id)
        .bind(&head.team_id)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|(id, given, family)| Ok((person_id(&id)?, full_name(given, family))))
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(CohortView {
            id: cohort,
            delivery: delivery(&head.delivery)?,
            name: head.name,
            programme: head.programme,
            starts_on: head.starts_on,
            workers,
            members,
            sessions,
            could_join,
        }))
    }

    async fn set_membership(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
        young_person: PersonId,
        member: bool,
    ) -> Outcome<()> {
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Cohort(cohort)).await?;
        if member && !Self::may_join(&mut *tx, cohort, young_person).await? {
            return Ok(Err(Problem::MemberInvalid));
        }
        let changed = if member {
            sqlx::query(
                "INSERT INTO cohort_members (cohort_id, young_person_id, joined_at) VALUES ($1, $2, $3)
                 ON CONFLICT (cohort_id, young_person_id) DO UPDATE SET left_at = NULL",
            )
        } else {
            sqlx::query(
                "UPDATE cohort_members SET left_at = $3
                 WHERE cohort_id = $1 AND young_person_id = $2 AND left_at IS NULL",
            )
        }
        .bind(cohort.to_string())
        .bind(young_person.to_string())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            return Ok(Err(Problem::MemberInvalid));
        }
        let action = if member {
            "join_cohort"
        } else {
            "leave_cohort"
        };
        audit_member_change(&mut tx, viewer, action, cohort, young_person).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn group_session(
        &self,
        cohort: CohortId,
        session: SessionNumber,
        language: app::language::Language,
    ) -> Result<Option<GroupSessionView>, StoreError> {
        let id = cohort.to_string();
        let number = i64::from(session.value());
        let Some(head) = sqlx::query_as::<_, SessionHeadRow>(&format!(
            "SELECT c.name AS cohort, {} AS programme, {} AS topic, ps.scored
             FROM cohorts c JOIN programmes p ON p.id = c.programme_id
             JOIN programme_sessions ps ON ps.programme_id = p.id AND ps.number = $2
             WHERE c.id = $1",
            crate::db::wordings::programme("name", 3),
            crate::db::wordings::topic(3)
        ))
        .bind(&id)
        .bind(number)
        .bind(language.tag())
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        let members: Vec<RegisterLineRow> = sqlx::query_as(
            "SELECT yp.id, yp.given_name, yp.family_name,
                    (SELECT a.attended FROM attendance a WHERE a.cohort_id = m.cohort_id
                       AND a.young_person_id = yp.id AND a.session_number = $2) AS attended,
                    EXISTS (SELECT 1 FROM missed_starts ms WHERE ms.cohort_id = m.cohort_id
                       AND ms.young_person_id = yp.id AND ms.session_number = $2) AS start_missed
             FROM cohort_members m JOIN people yp ON yp.id = m.young_person_id
             WHERE m.cohort_id = $1 AND m.left_at IS NULL
             ORDER BY yp.given_name, yp.family_name",
        )
        .bind(&id)
        .bind(number)
        .fetch_all(self.reader())
        .await?;
        let mut scores = self.session_scores_by_person(cohort, session).await?;
        let rows = members
            .into_iter()
            .map(|r| {
                let who = person_id(&r.id)?;
                let (mut session_scores, by_worker) = scores.remove(&who).unwrap_or_default();
                session_scores.start_missed = r.start_missed;
                Ok(GroupRow {
                    young_person: who,
                    name: full_name(r.given_name, r.family_name),
                    attended: r.attended,
                    scores: session_scores,
                    entered_by_worker: by_worker,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(GroupSessionView {
            cohort,
            cohort_name: head.cohort,
            programme: head.programme,
            number: session,
            topic: head.topic,
            scored: head.scored,
            rows,
        }))
    }

    async fn mark_attendance(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
        young_person: PersonId,
        session: SessionNumber,
        attended: bool,
    ) -> Outcome<()> {
        let mut tx = self.begin_write(WriteScope::Cohort(cohort)).await?;
        if !Self::is_member(&mut *tx, cohort, young_person).await? {
            return Ok(Err(Problem::NotInSession));
        }
        sqlx::query(
            "INSERT INTO attendance (cohort_id, young_person_id, session_number, attended, marked_by, marked_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (cohort_id, young_person_id, session_number)
             DO UPDATE SET attended = excluded.attended, marked_by = excluded.marked_by,
                           marked_at = excluded.marked_at",
        )
        .bind(cohort.to_string())
        .bind(young_person.to_string())
        .bind(i64::from(session.value()))
        .bind(attended)
        .bind(viewer.person.to_string())
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        audit_member_change(&mut tx, viewer, "mark_attendance", cohort, young_person).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn mark_everyone_came(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
        session: SessionNumber,
    ) -> Result<u32, StoreError> {
        let mut tx = self.begin_write(WriteScope::Cohort(cohort)).await?;
        // Read inside the write transaction: a mark made meanwhile is never overwritten.
        let unmarked: Vec<String> = sqlx::query_scalar(
            "SELECT m.young_person_id FROM cohort_members m
             WHERE m.cohort_id = $1 AND m.left_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM attendance a
                               WHERE a.cohort_id = m.cohort_id AND a.young_person_id = m.young_person_id
                                 AND a.session_number = $2)",
        )
        .bind(cohort.to_string())
        .bind(i64::from(session.value()))
        .fetch_all(&mut *tx)
        .await?;
        let now = clock::now();
        for member in &unmarked {
            sqlx::query(
                "INSERT INTO attendance (cohort_id, young_person_id, session_number, attended, marked_by, marked_at)
                 VALUES ($1, $2, $3, TRUE, $4, $5)",
            )
            .bind(cohort.to_string())
            .bind(member)
            .bind(i64::from(session.value()))
            .bind(viewer.person.to_string())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            let young_person = PersonId(parse_uuid(member)?);
            audit_member_change(&mut tx, viewer, "mark_attendance", cohort, young_person).await?;
        }
        tx.commit().await?;
        Ok(u32::try_from(unmarked.len()).unwrap_or(u32::MAX))
    }

    async fn mark_start_missed(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
        young_person: PersonId,
        session: SessionNumber,
    ) -> Outcome<()> {
        let mut tx = self.begin_write(WriteScope::Cohort(cohort)).await?;
        if !Self::is_member(&mut *tx, cohort, young_person).await? {
            return Ok(Err(Problem::NotInSession));
        }
        sqlx::query(
            "INSERT INTO missed_starts (cohort_id, young_person_id, session_number, marked_by, marked_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (cohort_id, young_person_id, session_number) DO NOTHING",
        )
        .bind(cohort.to_string())
        .bind(young_person.to_string())
        .bind(i64::from(session.value()))
        .bind(viewer.person.to_string())
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        audit_member_change(&mut tx, viewer, "mark_start_missed", cohort, young_person).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn cohorts_of(&self, young_person: PersonId) -> Result<Vec<CohortId>, StoreError> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT m.cohort_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
             WHERE m.young_person_id = $1 AND m.left_at IS NULL ORDER BY c.starts_on",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?;
        ids.iter().map(|i| parse_uuid(i).map(CohortId)).collect()
    }

    async fn progress(
        &self,
        young_person: PersonId,
        cohort: CohortId,
        language: app::language::Language,
    ) -> Result<Option<Progress>, StoreError> {
        let yp = young_person.to_string();
        let id = cohort.to_string();
        let Some(programme) = sqlx::query_scalar::<_, String>(
            // The group's name: this page is the young person's, and the programme's name
            // ("criminal exploitation") is not for a friend reading over their shoulder.
            "SELECT c.name FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
             WHERE m.cohort_id = $1 AND m.young_person_id = $2",
        )
        .bind(&id)
        .bind(&yp)
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        let sessions = sqlx::query_as::<_, (i64, String)>(&format!(
            "SELECT ps.number, {} FROM programme_sessions ps JOIN cohorts c ON c.programme_id = ps.programme_id
             WHERE c.id = $1 AND ps.scored ORDER BY ps.number",
            crate::db::wordings::topic(2)
        ))
        .bind(&id)
        .bind(language.tag())
        .fetch_all(self.reader())
        .await?;
        let score_rows: Vec<OwnScoreRow> = sqlx::query_as(
            "SELECT session_number, stage, score FROM session_scores
             WHERE cohort_id = $1 AND young_person_id = $2 ORDER BY recorded_at DESC",
        )
        .bind(&id)
        .bind(&yp)
        .fetch_all(self.reader())
        .await?;
        let mut latest: HashMap<i64, SessionScores> = HashMap::new();
        for r in score_rows {
            let entry = latest.entry(r.session_number).or_default();
            let slot = match stage(&r.stage)? {
                Stage::Start => &mut entry.start,
                Stage::End => &mut entry.end,
            };
            if slot.is_none() {
                *slot = Some(score(r.score)?);
            }
        }
        let sessions = sessions
            .into_iter()
            .map(|(number, topic)| {
                Ok((
                    session_number(number)?,
                    topic,
                    latest.remove(&number).unwrap_or_default(),
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let mut programme_start = MeasureScores::default();
        let mut programme_end = MeasureScores::default();
        let measure_rows: Vec<MeasureScoreRow> = sqlx::query_as(
            "SELECT stage, measure, score FROM programme_scores
             WHERE cohort_id = $1 AND young_person_id = $2 ORDER BY recorded_at DESC",
        )
        .bind(&id)
        .bind(&yp)
        .fetch_all(self.reader())
        .await?;
        for r in measure_rows {
            let target = match stage(&r.stage)? {
                Stage::Start => &mut programme_start,
                Stage::End => &mut programme_end,
            };
            let measure: Measure = r
                .measure
                .parse()
                .map_err(|()| StoreError("malformed measure in database".into()))?;
            let slot = target.slot(measure);
            if slot.is_none() {
                *slot = Some(score(r.score)?);
            }
        }
        Ok(Some(Progress {
            cohort,
            programme,
            sessions,
            programme_start,
            programme_end,
        }))
    }

    async fn record_programme_scores(
        &self,
        entered_by: &Viewer,
        new: NewProgrammeScores,
    ) -> Outcome<()> {
        let batch = Uuid::new_v4().to_string();
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Cohort(new.cohort)).await?;
        if !Self::is_member(&mut *tx, new.cohort, new.young_person).await? {
            return Ok(Err(Problem::NotInSession));
        }
        if let Some(key) = &new.key {
            let content = format!(
                "programme_scores|{}|{}|{}|{}",
                new.young_person,
                new.cohort,
                new.stage,
                new.scores
                    .iter()
                    .map(|(m, s)| format!("{m}={s}"))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            match claim_key(
                &mut tx,
                key,
                entered_by.person,
                "programme_scores",
                &content,
                &batch,
            )
            .await?
            {
                Claim::New => {}
                Claim::Repeat(_) => return Ok(Ok(())),
                Claim::Conflict => return Ok(Err(Problem::KeyReused)),
            }
        }
        for (measure, value) in new.scores {
            sqlx::query(
                "INSERT INTO programme_scores
                     (id, cohort_id, young_person_id, stage, measure, score, entered_by, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(Uuid::new_v4().to_string())
            .bind(new.cohort.to_string())
            .bind(new.young_person.to_string())
            .bind(new.stage.as_str())
            .bind(measure.as_str())
            .bind(i64::from(value.value()))
            .bind(entered_by.person.to_string())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        }
        audit_member_change(
            &mut tx,
            entered_by,
            "record_programme_scores",
            new.cohort,
            new.young_person,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }
}
