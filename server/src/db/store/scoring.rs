//! Session scores: what a young person sees when scoring, and appending a score.

use async_trait::async_trait;
use uuid::Uuid;

use app::api::score_session::ScoreSessionView;
use app::error::Problem;
use app::ids::{CohortId, PersonId, ScoreId, SessionNumber};
use app::scaling::{SessionScores, Stage};
use app::store::{AuditOutcome, Lookup, NewSessionScore, Outcome, Scoring, StoreError};

use super::{audit, claim_key, parse_uuid, score, Claim, DbTx, Store};
use crate::clock;

#[derive(sqlx::FromRow)]
struct ScoringPageRow {
    given_name: String,
    cohort: String,
    topic: String,
    scored: bool,
    programme_id: String,
    member: bool,
    start_missed: bool,
}

#[async_trait]
impl Scoring for Store {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(self.reader()).await?;
        Ok(())
    }

    async fn score_session(
        &self,
        young_person: PersonId,
        cohort: CohortId,
        session: SessionNumber,
        language: app::language::Language,
    ) -> Result<Lookup<ScoreSessionView>, StoreError> {
        let yp = young_person.to_string();
        let cohort_id = cohort.to_string();
        let number = i64::from(session.value());

        let Some(row) = sqlx::query_as::<_, ScoringPageRow>(&format!(
            "SELECT yp.given_name, c.name AS cohort, {} AS topic, ps.scored, p.id AS programme_id,
                    EXISTS (SELECT 1 FROM cohort_members m
                            WHERE m.cohort_id = c.id AND m.young_person_id = yp.id
                              AND m.left_at IS NULL) AS member,
                    EXISTS (SELECT 1 FROM missed_starts ms
                            WHERE ms.cohort_id = c.id AND ms.young_person_id = yp.id
                              AND ms.session_number = ps.number) AS start_missed
             FROM people yp
             JOIN cohorts c ON c.id = $2
             JOIN programmes p ON p.id = c.programme_id
             JOIN programme_sessions ps ON ps.programme_id = p.id AND ps.number = $3
             WHERE yp.id = $1 AND yp.role = 'young_person' AND yp.active",
            crate::db::wordings::topic(4)
        ))
        .bind(&yp)
        .bind(&cohort_id)
        .bind(number)
        .bind(language.tag())
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(Lookup::NotFound);
        };
        if !row.member {
            return Ok(Lookup::NotMember);
        }

        let objectives: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT {} FROM session_objectives o
             WHERE o.programme_id = $1 AND o.session_number = $2 ORDER BY o.position",
            crate::db::wordings::objective(3)
        ))
        .bind(&row.programme_id)
        .bind(number)
        .bind(language.tag())
        .fetch_all(self.reader())
        .await?;

        // The latest row per stage counts; the index on (cohort, young person, session,
        // stage, recorded_at) makes each an index seek however many corrections there are.
        let latest = "SELECT score FROM session_scores
                      WHERE cohort_id = $1 AND young_person_id = $2 AND session_number = $3
                        AND stage = $4 ORDER BY recorded_at DESC LIMIT 1";
        let mut scores = SessionScores {
            start_missed: row.start_missed,
            ..SessionScores::default()
        };
        for stage in [Stage::Start, Stage::End] {
            let value: Option<i64> = sqlx::query_scalar(latest)
                .bind(&cohort_id)
                .bind(&yp)
                .bind(number)
                .bind(stage.as_str())
                .fetch_optional(self.reader())
                .await?;
            let latest_score = value.map(score).transpose()?;
            match stage {
                Stage::Start => scores.start = latest_score,
                Stage::End => scores.end = latest_score,
            }
        }

        Ok(Lookup::Found(ScoreSessionView {
            first_name: row.given_name,
            programme: row.cohort,
            session,
            topic: row.topic,
            objectives,
            scored: row.scored,
            scores,
            support: false,
        }))
    }

    async fn record_session_score(&self, new: NewSessionScore) -> Outcome<ScoreId> {
        self.record_score(new).await
    }
}

/// A key sent again with different content is refused, and the refusal is kept.
pub(super) async fn audit_key_reused(
    tx: &mut DbTx,
    new: &NewSessionScore,
) -> Result<(), StoreError> {
    audit(
        tx,
        Some((new.entered_by, new.entered_by_role)),
        "record_score_key_reused",
        "session_score",
        &new.cohort.to_string(),
        Some(new.young_person),
        AuditOutcome::Denied,
    )
    .await
}

/// Stores one score in the caller's transaction: the key claim, the score and its audit
/// row. On a refusal (`Ok(Err(_))`) some of these may have been written, and the caller
/// must undo them: the SQLite batch rolls back to a savepoint, PostgreSQL rolls back its
/// transaction of one score.
pub(super) async fn insert_score(tx: &mut DbTx, new: &NewSessionScore) -> Outcome<ScoreId> {
    let id = ScoreId(Uuid::new_v4());
    if let Some(key) = &new.key {
        // Whoever sends it, the content is the same submission: whose score, where, what.
        let content = format!(
            "session_score|{}|{}|{}|{}|{}",
            new.young_person, new.cohort, new.session, new.stage, new.score
        );
        match claim_key(
            tx,
            key,
            new.entered_by,
            "session_score",
            &content,
            &id.to_string(),
        )
        .await?
        {
            Claim::New => {}
            Claim::Repeat(earlier) => return Ok(Ok(ScoreId(parse_uuid(&earlier)?))),
            Claim::Conflict => return Ok(Err(Problem::KeyReused)),
        }
    }
    // A score for a session the register says they missed would count in the report for a
    // session they never attended (a worker corrects the register first).
    let missed: Option<bool> = sqlx::query_scalar(
        "SELECT NOT attended FROM attendance
         WHERE cohort_id = $1 AND young_person_id = $2 AND session_number = $3",
    )
    .bind(new.cohort.to_string())
    .bind(new.young_person.to_string())
    .bind(i64::from(new.session.value()))
    .fetch_optional(&mut **tx)
    .await?;
    if missed == Some(true) {
        return Ok(Err(Problem::SessionMissed));
    }
    let inserted = sqlx::query(
        "INSERT INTO session_scores
             (id, cohort_id, young_person_id, programme_id, session_number, stage, score,
              entered_by, recorded_at, idempotency_key)
         SELECT $1, c.id, $3, c.programme_id, $4, $5, $6, $7, $8, $9
         FROM cohorts c WHERE c.id = $2",
    )
    .bind(id.to_string())
    .bind(new.cohort.to_string())
    .bind(new.young_person.to_string())
    .bind(i64::from(new.session.value()))
    .bind(new.stage.as_str())
    .bind(i64::from(new.score.value()))
    .bind(new.entered_by.to_string())
    .bind(clock::now())
    .bind(new.key.as_ref().map(|k| k.as_str().to_owned()))
    .execute(&mut **tx)
    .await?;
    if inserted.rows_affected() != 1 {
        return Err(StoreError("score insert matched no cohort".into()));
    }
    audit(
        tx,
        Some((new.entered_by, new.entered_by_role)),
        "record_score",
        "session_score",
        &id.to_string(),
        Some(new.young_person),
        AuditOutcome::Done,
    )
    .await?;
    Ok(Ok(id))
}
