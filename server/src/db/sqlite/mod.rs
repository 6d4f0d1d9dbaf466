//! The SQLite store. Reads go through a pool; every write goes through one dedicated
//! connection inside `BEGIN IMMEDIATE`, because SQLite allows one writer at a time and a
//! read transaction that later tries to write fails at once with SQLITE_BUSY, whatever
//! the busy timeout.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

use app::identity::{Role, Viewer};
use app::ids::{PersonId, SessionNumber};
use app::store::{AuditOutcome, StoreError};

pub mod caseload;
pub mod casework;
mod identity;
mod plans;
mod programmes;
mod questionnaires;
mod reply;
pub mod reports;

pub use plans::content_hash;
pub use questionnaires::insert_version;
mod score_writer;
mod scoring;
mod voice;

use super::ConnectError;
use crate::clock;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

#[derive(Clone, Debug)]
pub struct SqliteStore {
    reader: SqlitePool,
    writer: SqlitePool,
    score_writer: score_writer::ScoreWriter,
}

impl SqliteStore {
    pub async fn open(url: &str) -> Result<Self, ConnectError> {
        let options = SqliteConnectOptions::from_str(url)?
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a score acknowledged to a phone survives a power cut, not only a crash
            // (with NORMAL, WAL mode may lose the last commits when the machine loses power).
            .synchronous(SqliteSynchronous::Full)
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
        Ok(SqliteStore {
            score_writer: score_writer::ScoreWriter::start(writer.clone()),
            reader,
            writer,
        })
    }

    /// A write transaction that holds the write lock from its first statement.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }

    pub fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// Runs a query whose `$1…$n` are the given ids, in order: a whole caseload in one read.
    async fn rows_for(
        &self,
        sql: &str,
        ids: &[String],
    ) -> Result<Vec<sqlx::sqlite::SqliteRow>, StoreError> {
        ids.iter()
            .fold(sqlx::query(sql), |query, id| query.bind(id))
            .fetch_all(self.reader())
            .await
            .map_err(store_error)
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

/// `$1, $2, …, $n`, for an `IN` list of `n` bound values.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
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

fn score(raw: i64) -> Result<app::scaling::Score, StoreError> {
    u8::try_from(raw)
        .ok()
        .and_then(|v| app::scaling::Score::new(v).ok())
        .ok_or_else(|| StoreError(format!("malformed score in database: {raw}")))
}

fn role_of(raw: &str) -> Result<Role, StoreError> {
    Role::parse(raw).ok_or_else(|| StoreError(format!("unknown role in database: {raw:?}")))
}

fn stage(raw: &str) -> Result<app::scaling::Stage, StoreError> {
    raw.parse()
        .map_err(|_| StoreError(format!("malformed stage in database: {raw:?}")))
}

/// A worker's reply read from six columns starting at `first`: seen by (given name), seen
/// at, response, action taken, responded by (given name), responded at.
fn reply_from(row: &sqlx::sqlite::SqliteRow, first: usize) -> app::voice::Reply {
    use sqlx::Row;
    app::voice::Reply {
        seen_by: row.get(first),
        seen_at: row.get(first + 1),
        response: row.get(first + 2),
        action_taken: row.get(first + 3),
        responded_by: row.get(first + 4),
        responded_at: row.get(first + 5),
    }
}

/// Writes one audit row inside the caller's transaction, so the change and its record of
/// who made it commit together or not at all. Ids only: no names, no content.
pub async fn audit(
    tx: &mut Transaction<'static, Sqlite>,
    actor: Option<(PersonId, Role)>,
    action: &str,
    record_type: &str,
    record_id: &str,
    subject: Option<PersonId>,
    outcome: AuditOutcome,
) -> Result<(), StoreError> {
    let record = AuditRecord {
        record_type,
        record_id,
        subject,
        via: None,
    };
    audit_via(tx, actor, action, record, outcome).await
}

/// What an audit row is about, and (`via`) whose doing it also was: the member of staff
/// whose sign-in code let a phone in.
pub struct AuditRecord<'a> {
    pub record_type: &'a str,
    pub record_id: &'a str,
    pub subject: Option<PersonId>,
    pub via: Option<&'a str>,
}

pub async fn audit_via(
    tx: &mut Transaction<'static, Sqlite>,
    actor: Option<(PersonId, Role)>,
    action: &str,
    AuditRecord {
        record_type,
        record_id,
        subject,
        via,
    }: AuditRecord<'_>,
    outcome: AuditOutcome,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_events
             (id, occurred_at, actor_id, actor_role, action, record_type, record_id, subject_id,
              outcome, via_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(clock::now())
    .bind(actor.map(|(id, _)| id.to_string()))
    .bind(actor.map(|(_, role)| role.as_str()))
    .bind(action)
    .bind(record_type)
    .bind(record_id)
    .bind(subject.map(|s| s.to_string()))
    .bind(outcome.as_str())
    .bind(via)
    .execute(&mut **tx)
    .await
    .map_err(store_error)?;
    Ok(())
}

/// The viewer as an audit actor.
fn actor(viewer: &Viewer) -> Option<(PersonId, Role)> {
    Some((viewer.person, viewer.role))
}

/// What became of an idempotency key claimed for a submission.
pub enum Claim {
    /// First time: store the record under the id given.
    New,
    /// Sent before with the same content: the record already stored has this id.
    Repeat(String),
    /// Sent before with different content (or by someone else): refuse.
    Conflict,
}

/// Claims `key` inside the caller's write transaction, so the key, the record and its audit
/// row commit together: a submission is stored exactly once however often it is resent.
pub async fn claim_key(
    tx: &mut Transaction<'static, Sqlite>,
    key: &app::programme::IdempotencyKey,
    person: PersonId,
    kind: &str,
    content: &str,
    record_id: &str,
) -> Result<Claim, StoreError> {
    let digest = crate::auth::token_digest(content);
    let inserted = sqlx::query(
        "INSERT INTO submissions (idempotency_key, person_id, kind, content_digest, record_id, received_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(key.as_str())
    .bind(person.to_string())
    .bind(kind)
    .bind(&digest)
    .bind(record_id)
    .bind(clock::now())
    .execute(&mut **tx)
    .await
    .map_err(store_error)?;
    if inserted.rows_affected() == 1 {
        return Ok(Claim::New);
    }
    let (owner, earlier_kind, earlier_digest, earlier_record): (String, String, String, String) =
        sqlx::query_as(
            "SELECT person_id, kind, content_digest, record_id FROM submissions WHERE idempotency_key = $1",
        )
        .bind(key.as_str())
        .fetch_one(&mut **tx)
        .await
        .map_err(store_error)?;
    if owner == person.to_string() && earlier_kind == kind && earlier_digest == digest {
        Ok(Claim::Repeat(earlier_record))
    } else {
        Ok(Claim::Conflict)
    }
}
