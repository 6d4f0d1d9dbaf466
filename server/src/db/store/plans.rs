//! Co-produced plans.

use async_trait::async_trait;
use uuid::Uuid;

use app::calendar::CalendarDate;
use app::error::Problem;
use app::identity::Viewer;
use app::ids::PersonId;
use app::plan::*;
use app::store::{
    AuditOutcome, NewReviewScore, Outcome, PlanPeople, PlanStanding, Plans, StoreError, StoredPlan,
};

use super::{actor, audit, parse_uuid, role_of, score, Db, DbTx, Store};
use crate::clock;
use crate::db::WriteScope;
use crate::plan_changes::records::{NewWords, PlanHead, PlanRecords};

fn from_json<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T, StoreError> {
    serde_json::from_str(raw).map_err(|e| StoreError(format!("malformed stored plan: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError(format!("JSON: {e}")))
}

fn number(raw: i64) -> Result<u32, StoreError> {
    u32::try_from(raw).map_err(|_| StoreError(format!("malformed number: {raw}")))
}

fn today() -> CalendarDate {
    CalendarDate::of_timestamp(&clock::now())
        .unwrap_or_else(|| CalendarDate::parse("2000-01-01").expect("a valid date"))
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    plan_id: String,
    version: i64,
    ready: bool,
    content: String,
    content_hash: String,
    answered: bool,
}

/// The plan's current version, from the reader (for a change that is then saved only if
/// it is still current) or inside a write transaction (for the reviews, whose writes the
/// transaction's lock keeps in step).
async fn head(
    executor: impl sqlx::Executor<'_, Database = Db>,
    young_person: PersonId,
) -> Result<Option<PlanHead>, StoreError> {
    let row: Option<HeadRow> = sqlx::query_as(
        "SELECT p.id AS plan_id, v.version, v.ready, v.content, v.content_hash,
                EXISTS (SELECT 1 FROM plan_responses r WHERE r.plan_id = p.id AND r.version = v.version)
                    AS answered
         FROM plans p
         JOIN plan_versions v ON v.plan_id = p.id
         WHERE p.young_person_id = $1
         ORDER BY v.version DESC LIMIT 1",
    )
    .bind(young_person.to_string())
    .fetch_optional(executor)
    .await?;
    row.map(|r| {
        Ok(PlanHead {
            plan: r.plan_id,
            version: number(r.version)?,
            ready: r.ready,
            content: from_json(&r.content)?,
            stored: r.content,
            hash: r.content_hash,
            answered: r.answered,
        })
    })
    .transpose()
}

async fn plan_audit(
    tx: &mut DbTx,
    viewer: &Viewer,
    action: &str,
    plan: &str,
    young_person: PersonId,
) -> Result<(), StoreError> {
    audit(
        tx,
        actor(viewer),
        action,
        "plan",
        plan,
        Some(young_person),
        AuditOutcome::Done,
    )
    .await
}

#[derive(sqlx::FromRow)]
struct PartyRow {
    id: String,
    given_name: String,
    role: String,
}

impl PartyRow {
    fn parse(&self) -> Result<Party, StoreError> {
        Ok(Party {
            person: PersonId(parse_uuid(&self.id)?),
            name: self.given_name.clone(),
            role: role_of(&self.role)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct PlanPartyRow {
    #[sqlx(flatten)]
    party: PartyRow,
    /// 0: the young person, 1: a carer, 2: a worker.
    side: i64,
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: String,
    version: i64,
    ready: bool,
    content: String,
    content_hash: String,
    next_review_on: Option<String>,
    review_every_days: i64,
}

#[derive(sqlx::FromRow)]
struct ResponseRow {
    person_id: String,
    given_name: String,
    role: String,
    version: i64,
    decision: String,
    comment: Option<String>,
    responded_at: String,
    content_hash: String,
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    number: i64,
    opened_at: String,
    closed_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ReviewScoreRow {
    review: i64,
    target_key: String,
    person_id: String,
    given_name: String,
    role: String,
    score: i64,
    comment: Option<String>,
    scored_at: String,
}

#[derive(sqlx::FromRow)]
struct StandingRow {
    young_person_id: String,
    version: i64,
    ready: bool,
    next_review_on: Option<String>,
    review_open: bool,
}

#[derive(sqlx::FromRow)]
struct StandingPartyRow {
    young_person_id: String,
    #[sqlx(flatten)]
    party: PartyRow,
}

#[derive(sqlx::FromRow)]
struct StandingResponseRow {
    young_person_id: String,
    person_id: String,
    role: String,
    version: i64,
    decision: String,
    responded_at: String,
}

fn decision(raw: &str) -> Result<Decision, StoreError> {
    Decision::parse(raw).ok_or_else(|| StoreError(format!("malformed decision: {raw:?}")))
}

#[async_trait]
impl Plans for Store {
    async fn plan_people(&self, young_person: PersonId) -> Result<Option<PlanPeople>, StoreError> {
        let rows: Vec<PlanPartyRow> = sqlx::query_as(
            "SELECT p.id, p.given_name, p.role, CAST(0 AS BIGINT) AS side FROM people p WHERE p.id = $1 AND p.role = 'young_person'
             UNION ALL
             SELECT c.id, c.given_name, c.role, CAST(1 AS BIGINT) FROM carer_links l JOIN people c ON c.id = l.carer_id
              WHERE l.young_person_id = $1 AND c.active
             UNION ALL
             SELECT w.id, w.given_name, w.role, CAST(2 AS BIGINT) FROM caseload_allocations a JOIN people w ON w.id = a.worker_id
              WHERE a.young_person_id = $1 AND w.active
             ORDER BY 4, 2",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?;
        let mut people: Option<PlanPeople> = None;
        let (mut carers, mut workers) = (Vec::new(), Vec::new());
        for r in rows {
            let party = r.party.parse()?;
            match r.side {
                0 => {
                    people = Some(PlanPeople {
                        young_person: party,
                        carers: Vec::new(),
                        workers: Vec::new(),
                    })
                }
                1 => carers.push(party),
                _ => workers.push(party),
            }
        }
        Ok(people.map(|p| PlanPeople {
            carers,
            workers,
            ..p
        }))
    }

    async fn plan(&self, young_person: PersonId) -> Result<Option<StoredPlan>, StoreError> {
        let Some(row) = sqlx::query_as::<_, PlanRow>(
            "SELECT p.id, v.version, v.ready, v.content, v.content_hash, p.next_review_on, p.review_every_days
             FROM plans p JOIN plan_versions v ON v.plan_id = p.id
             WHERE p.young_person_id = $1
             ORDER BY v.version DESC LIMIT 1",
        )
        .bind(young_person.to_string())
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        let plan = &row.id;
        let responses = sqlx::query_as::<_, ResponseRow>(
            "SELECT r.person_id, p.given_name, r.role, r.version, r.decision, r.comment, r.responded_at, r.content_hash
             FROM plan_responses r JOIN people p ON p.id = r.person_id
             WHERE r.plan_id = $1 ORDER BY r.responded_at DESC",
        )
        .bind(plan)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(PlanResponse {
                person: PersonId(parse_uuid(&r.person_id)?),
                name: r.given_name,
                role: role_of(&r.role)?,
                version: number(r.version)?,
                decision: decision(&r.decision)?,
                comment: r.comment,
                at: r.responded_at,
                hash: r.content_hash,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let reviews = sqlx::query_as::<_, ReviewRow>(
            "SELECT number, opened_at, closed_at FROM plan_reviews WHERE plan_id = $1 ORDER BY number",
        )
        .bind(plan)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(Review {
                number: number(r.number)?,
                opened_at: r.opened_at,
                closed_at: r.closed_at,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let scores = sqlx::query_as::<_, ReviewScoreRow>(
            "SELECT s.review, s.target_key, s.person_id, p.given_name, s.role, s.score, s.comment, s.scored_at
             FROM plan_review_scores s JOIN people p ON p.id = s.person_id
             WHERE s.plan_id = $1 ORDER BY s.review, s.scored_at",
        )
        .bind(plan)
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(ReviewScore {
                review: number(r.review)?,
                target: r.target_key,
                person: PersonId(parse_uuid(&r.person_id)?),
                name: r.given_name,
                role: role_of(&r.role)?,
                score: score(r.score)?,
                comment: r.comment,
                at: r.scored_at,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(StoredPlan {
            version: number(row.version)?,
            ready: row.ready,
            content: from_json(&row.content)?,
            hash: row.content_hash,
            next_review: row.next_review_on.as_deref().and_then(CalendarDate::parse),
            review_every_days: number(row.review_every_days)?,
            responses,
            reviews,
            scores,
            today: today(),
        }))
    }

    async fn plan_standings(
        &self,
        young_people: &[PersonId],
    ) -> Result<Vec<PlanStanding>, StoreError> {
        if young_people.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = young_people.iter().map(ToString::to_string).collect();
        let list = super::placeholders(ids.len());
        let current = "v.version = (SELECT MAX(version) FROM plan_versions WHERE plan_id = p.id)";
        // Three reads for any number of young people: the current versions, the parties,
        // and the responses to the current versions.
        let plans_sql = format!(
            "SELECT p.young_person_id, v.version, v.ready, p.next_review_on,
                    EXISTS (SELECT 1 FROM plan_reviews r WHERE r.plan_id = p.id AND r.closed_at IS NULL)
                        AS review_open
             FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND {current}
             WHERE p.young_person_id IN ({list})"
        );
        let plans: Vec<StandingRow> = self.rows_for(&plans_sql, &ids).await?;
        let parties_sql = format!(
            "SELECT p.id AS young_person_id, p.id, p.given_name, p.role FROM people p WHERE p.id IN ({list})
             UNION ALL
             SELECT l.young_person_id, c.id, c.given_name, c.role FROM carer_links l JOIN people c ON c.id = l.carer_id
              WHERE l.young_person_id IN ({list}) AND c.active
             UNION ALL
             SELECT a.young_person_id, w.id, w.given_name, w.role FROM caseload_allocations a JOIN people w ON w.id = a.worker_id
              WHERE a.young_person_id IN ({list}) AND w.active"
        );
        let parties: Vec<StandingPartyRow> = self.rows_for(&parties_sql, &ids).await?;
        let responses_sql = format!(
            "SELECT p.young_person_id, r.person_id, r.role, r.version, r.decision, r.responded_at
             FROM plan_responses r JOIN plans p ON p.id = r.plan_id
             JOIN plan_versions v ON v.plan_id = p.id AND v.version = r.version AND {current}
             WHERE p.young_person_id IN ({list})"
        );
        let responses: Vec<StandingResponseRow> = self.rows_for(&responses_sql, &ids).await?;
        let today = today();
        plans
            .into_iter()
            .map(|r| {
                let owner = &r.young_person_id;
                Ok(PlanStanding {
                    young_person: PersonId(parse_uuid(owner)?),
                    version: number(r.version)?,
                    ready: r.ready,
                    next_review: r.next_review_on.as_deref().and_then(CalendarDate::parse),
                    review_open: r.review_open,
                    parties: parties
                        .iter()
                        .filter(|p| &p.young_person_id == owner)
                        .map(|p| p.party.parse())
                        .collect::<Result<_, StoreError>>()?,
                    responses: responses
                        .iter()
                        .filter(|x| &x.young_person_id == owner)
                        .map(|x| {
                            Ok(PlanResponse {
                                person: PersonId(parse_uuid(&x.person_id)?),
                                name: String::new(),
                                role: role_of(&x.role)?,
                                version: number(x.version)?,
                                decision: decision(&x.decision)?,
                                comment: None,
                                at: x.responded_at.clone(),
                                hash: String::new(),
                            })
                        })
                        .collect::<Result<_, StoreError>>()?,
                    today,
                })
            })
            .collect()
    }

    async fn plan_version(
        &self,
        young_person: PersonId,
        version: u32,
    ) -> Result<Option<PlanContent>, StoreError> {
        let raw: Option<String> = sqlx::query_scalar(
            "SELECT v.content FROM plan_versions v JOIN plans p ON p.id = v.plan_id
             WHERE p.young_person_id = $1 AND v.version = $2",
        )
        .bind(young_person.to_string())
        .bind(i64::from(version))
        .fetch_optional(self.reader())
        .await?;
        raw.map(|r| from_json(&r)).transpose()
    }

    async fn kept_edit(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        target: Option<&str>,
    ) -> Result<Option<KeptEdit>, StoreError> {
        let raw: Option<String> = sqlx::query_scalar(
            "SELECT k.kept FROM plan_kept_edits k JOIN plans p ON p.id = k.plan_id
             WHERE p.young_person_id = $1 AND k.target_key = $2 AND k.person_id = $3",
        )
        .bind(young_person.to_string())
        .bind(KeptEdit::key(target))
        .bind(viewer.person.to_string())
        .fetch_optional(self.reader())
        .await?;
        raw.map(|r| from_json(&r)).transpose()
    }

    async fn schedule_review(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        next: CalendarDate,
        every_days: u32,
    ) -> Outcome<()> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let Some(now) = head(&mut *tx, young_person).await? else {
            return Ok(Err(Problem::PlanNotReady));
        };
        sqlx::query("UPDATE plans SET next_review_on = $2, review_every_days = $3 WHERE id = $1")
            .bind(&now.plan)
            .bind(next.to_string())
            .bind(i64::from(every_days))
            .execute(&mut *tx)
            .await?;
        plan_audit(&mut tx, viewer, "schedule_review", &now.plan, young_person).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn open_review(&self, viewer: &Viewer, young_person: PersonId) -> Outcome<u32> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let Some(now) = head(&mut *tx, young_person).await? else {
            return Ok(Err(Problem::PlanNotReady));
        };
        let (open, last): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END), 0), COALESCE(MAX(number), 0)
             FROM plan_reviews WHERE plan_id = $1",
        )
        .bind(&now.plan)
        .fetch_one(&mut *tx)
        .await?;
        if open > 0 {
            return Ok(Err(Problem::ReviewOpen));
        }
        let review = number(last)? + 1;
        sqlx::query(
            "INSERT INTO plan_reviews (plan_id, number, opened_by, opened_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&now.plan)
        .bind(i64::from(review))
        .bind(viewer.person.to_string())
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        plan_audit(&mut tx, viewer, "open_review", &now.plan, young_person).await?;
        tx.commit().await?;
        Ok(Ok(review))
    }

    async fn close_review(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        next: CalendarDate,
    ) -> Outcome<()> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let Some(now) = head(&mut *tx, young_person).await? else {
            return Ok(Err(Problem::ReviewNotOpen));
        };
        let closed = sqlx::query(
            "UPDATE plan_reviews SET closed_by = $2, closed_at = $3 WHERE plan_id = $1 AND closed_at IS NULL",
        )
        .bind(&now.plan)
        .bind(viewer.person.to_string())
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        if closed.rows_affected() == 0 {
            return Ok(Err(Problem::ReviewNotOpen));
        }
        sqlx::query("UPDATE plans SET next_review_on = $2 WHERE id = $1")
            .bind(&now.plan)
            .bind(next.to_string())
            .execute(&mut *tx)
            .await?;
        plan_audit(&mut tx, viewer, "close_review", &now.plan, young_person).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn score_target(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        new: NewReviewScore,
    ) -> Outcome<()> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let Some(now) = head(&mut *tx, young_person).await? else {
            return Ok(Err(Problem::ReviewNotOpen));
        };
        let open: Option<i64> = sqlx::query_scalar(
            "SELECT number FROM plan_reviews WHERE plan_id = $1 AND number = $2 AND closed_at IS NULL",
        )
        .bind(&now.plan)
        .bind(i64::from(new.review))
        .fetch_optional(&mut *tx)
        .await?;
        if open.is_none() {
            return Ok(Err(Problem::ReviewNotOpen));
        }
        if now.content.target(&new.target).is_none() {
            return Ok(Err(Problem::TargetStatusInvalid));
        }
        sqlx::query(
            "INSERT INTO plan_review_scores (id, plan_id, review, target_key, person_id, role, score, comment, scored_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(&now.plan)
        .bind(i64::from(new.review))
        .bind(&new.target)
        .bind(viewer.person.to_string())
        .bind(viewer.role.as_str())
        .bind(i64::from(new.score.value()))
        .bind(new.comment)
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        plan_audit(&mut tx, viewer, "score_target", &now.plan, young_person).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }
}

#[async_trait]
impl PlanRecords for Store {
    async fn plan_head(&self, young_person: PersonId) -> Result<Option<PlanHead>, StoreError> {
        head(self.reader(), young_person).await
    }

    async fn create_plan(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        first: NewWords<'_>,
        review_every_days: u32,
        first_review: CalendarDate,
    ) -> Result<bool, StoreError> {
        let (id, now) = (Uuid::new_v4().to_string(), clock::now());
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        // One plan per young person: the unique key decides between two at once.
        let created = sqlx::query(
            "INSERT INTO plans (id, young_person_id, review_every_days, next_review_on, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (young_person_id) DO NOTHING",
        )
        .bind(&id)
        .bind(young_person.to_string())
        .bind(i64::from(review_every_days))
        .bind(first_review.to_string())
        .bind(viewer.person.to_string())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if created.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO plan_versions (plan_id, version, content, content_hash, ready, updated_by, updated_at)
             VALUES ($1, 1, $2, $3, FALSE, $4, $5)",
        )
        .bind(&id)
        .bind(to_json(first.content)?)
        .bind(first.hash)
        .bind(viewer.person.to_string())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        plan_audit(&mut tx, viewer, "start_plan", &id, young_person).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn save_words(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        from: &PlanHead,
        words: NewWords<'_>,
    ) -> Result<Option<u32>, StoreError> {
        let (json, at) = (to_json(words.content)?, clock::now());
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let (version, saved) = if from.answered {
            // An answered version is never changed: the next one is new, and only one
            // change can be the next.
            let next = from.version + 1;
            let saved = sqlx::query(
                "INSERT INTO plan_versions (plan_id, version, content, content_hash, ready, updated_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (plan_id, version) DO NOTHING",
            )
            .bind(&from.plan)
            .bind(i64::from(next))
            .bind(&json)
            .bind(words.hash)
            .bind(from.ready)
            .bind(viewer.person.to_string())
            .bind(&at)
            .execute(&mut *tx)
            .await?;
            (next, saved)
        } else {
            // Over the version read, only if it still says what was read, nobody has
            // answered it since, and no newer version has appeared.
            let saved = sqlx::query(
                "UPDATE plan_versions SET content = $3, content_hash = $4, updated_by = $5, updated_at = $6
                 WHERE plan_id = $1 AND version = $2 AND content = $7
                   AND NOT EXISTS (SELECT 1 FROM plan_responses r WHERE r.plan_id = $1 AND r.version = $2)
                   AND NOT EXISTS (SELECT 1 FROM plan_versions n WHERE n.plan_id = $1 AND n.version > $2)",
            )
            .bind(&from.plan)
            .bind(i64::from(from.version))
            .bind(&json)
            .bind(words.hash)
            .bind(viewer.person.to_string())
            .bind(&at)
            .bind(&from.stored)
            .execute(&mut *tx)
            .await?;
            (from.version, saved)
        };
        if saved.rows_affected() == 0 {
            return Ok(None);
        }
        plan_audit(&mut tx, viewer, "edit_plan", &from.plan, young_person).await?;
        tx.commit().await?;
        Ok(Some(version))
    }

    async fn forget_kept_edit(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        plan: &str,
        target: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        sqlx::query(
            "DELETE FROM plan_kept_edits WHERE plan_id = $1 AND target_key = $2 AND person_id = $3",
        )
        .bind(plan)
        .bind(target)
        .bind(viewer.person.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn keep_edit(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        plan: &str,
        target: &str,
        kept: &KeptEdit,
        denied: bool,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        sqlx::query(
            "INSERT INTO plan_kept_edits (plan_id, target_key, person_id, kept, kept_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (plan_id, target_key, person_id) DO UPDATE SET kept = excluded.kept, kept_at = excluded.kept_at",
        )
        .bind(plan)
        .bind(target)
        .bind(viewer.person.to_string())
        .bind(to_json(kept)?)
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        if denied {
            audit(
                &mut tx,
                actor(viewer),
                "edit_plan",
                "plan",
                plan,
                Some(young_person),
                AuditOutcome::Denied,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn mark_ready(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        from: &PlanHead,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let marked = sqlx::query(
            "UPDATE plan_versions SET ready = TRUE
             WHERE plan_id = $1 AND version = $2 AND content = $3
               AND NOT EXISTS (SELECT 1 FROM plan_versions n WHERE n.plan_id = $1 AND n.version > $2)",
        )
        .bind(&from.plan)
        .bind(i64::from(from.version))
        .bind(&from.stored)
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() == 0 {
            return Ok(false);
        }
        plan_audit(&mut tx, viewer, "plan_ready", &from.plan, young_person).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn record_response(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        from: &PlanHead,
        decision: Decision,
        comment: Option<&str>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let recorded = sqlx::query(
            "INSERT INTO plan_responses (id, plan_id, version, person_id, role, decision, comment, content_hash, responded_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
             WHERE EXISTS (SELECT 1 FROM plan_versions v
                           WHERE v.plan_id = $2 AND v.version = $3 AND v.content = $10 AND v.ready)
               AND NOT EXISTS (SELECT 1 FROM plan_versions n WHERE n.plan_id = $2 AND n.version > $3)",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(&from.plan)
        .bind(i64::from(from.version))
        .bind(viewer.person.to_string())
        .bind(viewer.role.as_str())
        .bind(decision.as_str())
        .bind(comment)
        .bind(&from.hash)
        .bind(clock::now())
        .bind(&from.stored)
        .execute(&mut *tx)
        .await?;
        if recorded.rows_affected() == 0 {
            return Ok(false);
        }
        let action = match decision {
            Decision::Agree => "agree_plan",
            Decision::Disagree => "disagree_plan",
        };
        plan_audit(&mut tx, viewer, action, &from.plan, young_person).await?;
        tx.commit().await?;
        Ok(true)
    }
}
