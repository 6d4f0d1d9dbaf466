//! The SQLite engine: the embedded default, one server. Reads go through a pool; every write
//! goes through one dedicated connection inside `BEGIN IMMEDIATE`, because SQLite allows one
//! writer at a time and a read transaction that later tries to write fails at once with
//! SQLITE_BUSY, whatever the busy timeout. The queries are the engine-neutral files in
//! `../store/`, compiled here against SQLite's types.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use app::ids::ScoreId;
use app::store::{NewSessionScore, Outcome};

use super::{ConnectError, WriteScope};

pub type Db = sqlx::Sqlite;
pub type DbRow = sqlx::sqlite::SqliteRow;
pub type DbTx = sqlx::Transaction<'static, Db>;

mod score_writer;

// The same list, in the same order, is in ../postgres/mod.rs.
#[path = "../store/access.rs"]
mod access;
#[path = "../store/accounts.rs"]
mod accounts;
#[path = "../store/audit_trail.rs"]
mod audit_trail;
#[path = "../store/caseload.rs"]
pub mod caseload;
#[path = "../store/casework.rs"]
pub mod casework;
#[path = "../store/decode.rs"]
mod decode;
#[path = "../store/libraries.rs"]
mod libraries;
#[path = "../store/plans.rs"]
mod plans;
#[path = "../store/programmes.rs"]
mod programmes;
#[path = "../store/questionnaires.rs"]
mod questionnaires;
#[path = "../store/reply.rs"]
mod reply;
#[path = "../store/reports.rs"]
pub mod reports;
#[path = "../store/scoring.rs"]
mod scoring;
#[path = "../store/seed.rs"]
mod seed;
#[path = "../store/submissions.rs"]
mod submissions;
#[path = "../store/voice.rs"]
mod voice;

use audit_trail::*;
use decode::*;
use submissions::*;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

#[derive(Clone, Debug)]
pub struct Store {
    reader: SqlitePool,
    writer: SqlitePool,
    score_writer: score_writer::ScoreWriter,
}

impl Store {
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
        // `run_direct` on a connection, not `run` on the pool: `run`'s future cannot be
        // shown to be `Send` for every lifetime, which the server's start-up needs.
        MIGRATOR.run_direct(&mut *writer.acquire().await?).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Store {
            score_writer: score_writer::ScoreWriter::start(writer.clone()),
            reader,
            writer,
        })
    }

    /// A write transaction that holds the write lock from its first statement. SQLite has
    /// one writer, so every write is already alone and the scope is not needed.
    pub async fn begin_write(&self, _scope: WriteScope<'_>) -> Result<DbTx, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }

    /// One more lock inside a write transaction: nothing to take, the transaction already
    /// holds the only writer.
    pub async fn lock(_tx: &mut DbTx, _scope: WriteScope<'_>) -> Result<(), sqlx::Error> {
        Ok(())
    }

    pub fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// Scores go through the group-commit writer: one fsync for a room's burst of taps.
    async fn record_score(&self, new: NewSessionScore) -> Outcome<ScoreId> {
        self.score_writer.submit(new).await
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}
