//! The SQLite store. Reads go through a pool; every write goes through one dedicated
//! connection inside `BEGIN IMMEDIATE`, because SQLite allows one writer at a time and a
//! read transaction that later tries to write fails at once with SQLITE_BUSY, whatever
//! the busy timeout.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, Sqlite, Transaction};
use uuid::Uuid;

use app::api::demo::{DemoSessionLink, DemoYoungPerson};
use app::api::score_session::ScoreSessionView;
use app::ids::{CohortId, PersonId, ScoreId, SessionNumber};
use app::scaling::{Score, SessionScores, Stage};
use app::store::{Lookup, NewSessionScore, Store, StoreError};

use super::ConnectError;
use crate::clock;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

#[derive(Clone, Debug)]
pub struct SqliteStore {
    reader: SqlitePool,
    writer: SqlitePool,
}

impl SqliteStore {
    pub async fn open(url: &str) -> Result<Self, ConnectError> {
        let options = SqliteConnectOptions::from_str(url)?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        if let Some(folder) = options.get_filename().parent() {
            if !folder.as_os_str().is_empty() && !folder.exists() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| ConnectError::Folder(folder.display().to_string(), e))?;
            }
        }
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        MIGRATOR.run(&writer).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await?;
        Ok(SqliteStore { reader, writer })
    }

    /// A write transaction that holds the write lock from its first statement.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }

    pub fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

fn store_error(e: sqlx::Error) -> StoreError {
    StoreError(e.to_string())
}

fn parse_uuid(raw: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(raw).map_err(|_| StoreError(format!("malformed id in database: {raw:?}")))
}

fn session_number(raw: i64) -> Result<SessionNumber, StoreError> {
    u16::try_from(raw)
        .ok()
        .and_then(SessionNumber::new)
        .ok_or_else(|| StoreError(format!("malformed session number in database: {raw}")))
}

/// Writes one audit row inside the caller's transaction, so the change and its record of
/// who made it commit together or not at all.
pub async fn audit(
    tx: &mut Transaction<'static, Sqlite>,
    actor: Option<PersonId>,
    action: &str,
    record_type: &str,
    record_id: &str,
    subject: Option<PersonId>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (id, occurred_at, actor_id, action, record_type, record_id, subject_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(clock::now())
    .bind(actor.map(|a| a.to_string()))
    .bind(action)
    .bind(record_type)
    .bind(record_id)
    .bind(subject.map(|s| s.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(&self.reader)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn demo_young_people(&self) -> Result<Vec<DemoYoungPerson>, StoreError> {
        // For each young person, the first scored session of their group that has no end
        // score yet: the one they would score next.
        let rows = sqlx::query(
            "SELECT yp.id, yp.given_name, yp.family_name, m.cohort_id, next.number, next.topic
             FROM people yp
             LEFT JOIN cohort_members m ON m.young_person_id = yp.id
             LEFT JOIN cohorts c ON c.id = m.cohort_id
             LEFT JOIN programme_sessions next
               ON next.programme_id = c.programme_id
              AND next.number = (
                  SELECT MIN(ps.number) FROM programme_sessions ps
                  WHERE ps.programme_id = c.programme_id AND ps.scored
                    AND NOT EXISTS (
                        SELECT 1 FROM session_scores s
                        WHERE s.cohort_id = c.id AND s.young_person_id = yp.id
                          AND s.session_number = ps.number AND s.stage = 'end'))
             WHERE yp.role = 'young_person' AND yp.active
             ORDER BY yp.given_name, yp.family_name, yp.id, c.starts_on",
        )
        .fetch_all(&self.reader)
        .await
        .map_err(store_error)?;

        let mut people: Vec<DemoYoungPerson> = Vec::new();
        for row in rows {
            let id = PersonId(parse_uuid(row.get::<&str, _>(0))?);
            if people.last().is_some_and(|p| p.id == id) {
                continue;
            }
            let next_session = match (
                row.get::<Option<&str>, _>(3),
                row.get::<Option<i64>, _>(4),
                row.get::<Option<String>, _>(5),
            ) {
                (Some(cohort), Some(number), Some(topic)) => Some(DemoSessionLink {
                    cohort: CohortId(parse_uuid(cohort)?),
                    number: session_number(number)?,
                    topic,
                }),
                _ => None,
            };
            people.push(DemoYoungPerson {
                id,
                display_name: format!("{} {}", row.get::<&str, _>(1), row.get::<&str, _>(2)),
                next_session,
            });
        }
        Ok(people)
    }

    async fn score_session(
        &self,
        young_person: PersonId,
        cohort: CohortId,
        session: SessionNumber,
    ) -> Result<Lookup<ScoreSessionView>, StoreError> {
        let yp = young_person.to_string();
        let cohort_id = cohort.to_string();
        let number = i64::from(session.value());

        let Some(row) = sqlx::query(
            "SELECT yp.given_name, p.name, ps.topic, ps.scored, p.id,
                    EXISTS (SELECT 1 FROM cohort_members m
                            WHERE m.cohort_id = c.id AND m.young_person_id = yp.id) AS member
             FROM people yp
             JOIN cohorts c ON c.id = $2
             JOIN programmes p ON p.id = c.programme_id
             JOIN programme_sessions ps ON ps.programme_id = p.id AND ps.number = $3
             WHERE yp.id = $1 AND yp.role = 'young_person' AND yp.active",
        )
        .bind(&yp)
        .bind(&cohort_id)
        .bind(number)
        .fetch_optional(&self.reader)
        .await
        .map_err(store_error)?
        else {
            return Ok(Lookup::NotFound);
        };
        if !row.get::<bool, _>(5) {
            return Ok(Lookup::NotMember);
        }
        let programme_id: String = row.get(4);

        let objectives: Vec<String> = sqlx::query_scalar(
            "SELECT text FROM session_objectives
             WHERE programme_id = $1 AND session_number = $2 ORDER BY position",
        )
        .bind(&programme_id)
        .bind(number)
        .fetch_all(&self.reader)
        .await
        .map_err(store_error)?;

        let score_rows = sqlx::query(
            "SELECT stage, score FROM session_scores
             WHERE cohort_id = $1 AND young_person_id = $2 AND session_number = $3
             ORDER BY recorded_at DESC",
        )
        .bind(&cohort_id)
        .bind(&yp)
        .bind(number)
        .fetch_all(&self.reader)
        .await
        .map_err(store_error)?;

        let mut scores = SessionScores::default();
        for r in score_rows {
            let stage: Stage = r
                .get::<&str, _>(0)
                .parse()
                .map_err(|_| StoreError("malformed stage in database".into()))?;
            let score = u8::try_from(r.get::<i64, _>(1))
                .ok()
                .and_then(|v| Score::new(v).ok())
                .ok_or_else(|| StoreError("malformed score in database".into()))?;
            // Rows come newest first: the first one seen for a stage is the one that counts.
            let slot = match stage {
                Stage::Start => &mut scores.start,
                Stage::End => &mut scores.end,
            };
            slot.get_or_insert(score);
        }

        Ok(Lookup::Found(ScoreSessionView {
            first_name: row.get(0),
            programme: row.get(1),
            session,
            topic: row.get(2),
            objectives,
            scored: row.get(3),
            scores,
        }))
    }

    async fn record_session_score(&self, new: NewSessionScore) -> Result<ScoreId, StoreError> {
        let id = ScoreId(Uuid::new_v4());
        let mut tx = self.begin_write().await.map_err(store_error)?;
        let inserted = sqlx::query(
            "INSERT INTO session_scores
                 (id, cohort_id, young_person_id, programme_id, session_number, stage, score,
                  entered_by, recorded_at)
             SELECT $1, c.id, $3, c.programme_id, $4, $5, $6, $7, $8
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
        .execute(&mut *tx)
        .await
        .map_err(store_error)?;
        if inserted.rows_affected() != 1 {
            return Err(StoreError("score insert matched no cohort".into()));
        }
        audit(
            &mut tx,
            Some(new.entered_by),
            "session_score.recorded",
            "session_score",
            &id.to_string(),
            Some(new.young_person),
        )
        .await
        .map_err(store_error)?;
        tx.commit().await.map_err(store_error)?;
        Ok(id)
    }
}
