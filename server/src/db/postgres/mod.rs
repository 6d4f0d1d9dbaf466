//! The PostgreSQL engine, for several servers on one database. Every write is a plain
//! transaction from the pool; PostgreSQL commits concurrent transactions together itself, so
//! the SQLite engine's group-commit writer is not needed here. A write that checks before it
//! changes takes a lock named after what it is about (`WriteScope`), so two servers writing
//! about the same young person take turns and two writing about different ones do not. The
//! queries are the engine-neutral files in `../store/`, compiled here against PostgreSQL's
//! types.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions, Connection};

use app::ids::ScoreId;
use app::store::{NewSessionScore, Outcome};

use super::{ConnectError, WriteScope};

pub type Db = sqlx::Postgres;
pub type DbRow = sqlx::postgres::PgRow;
pub type DbTx = sqlx::Transaction<'static, Db>;

// The same list, in the same order, is in ../sqlite/mod.rs.
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

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Connections per server, one of which its live-update listener keeps. Several servers
/// share the database's `max_connections` (100 by default).
const POOL_SIZE: u32 = 16;

#[derive(Clone, Debug)]
pub struct Store {
    pool: PgPool,
}

impl Store {
    pub async fn open(url: &str) -> Result<Self, ConnectError> {
        let options = PgConnectOptions::from_str(url)?;
        // On a connection of its own, closed afterwards: the migrator holds an advisory lock
        // while it works (so servers starting together take turns) and does not release it
        // if a migration fails; on a pooled connection that lock would outlive the failure
        // and every later start would wait for ever.
        let mut connection = options.connect().await?;
        let migrated = MIGRATOR.run_direct(&mut connection).await;
        connection.close().await?;
        migrated?;
        let pool = PgPoolOptions::new()
            .max_connections(POOL_SIZE)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Store { pool })
    }

    /// A write transaction. With a scope, it first waits for any other transaction about the
    /// same thing to finish (`pg_advisory_xact_lock`, released at commit or rollback).
    pub async fn begin_write(&self, scope: WriteScope<'_>) -> Result<DbTx, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        Self::lock(&mut tx, scope).await?;
        Ok(tx)
    }

    /// Takes one more lock inside a write transaction. A transaction that needs several
    /// takes them in one fixed order, so two can never wait for each other.
    pub async fn lock(tx: &mut DbTx, scope: WriteScope<'_>) -> Result<(), sqlx::Error> {
        if let Some(key) = scope.key() {
            let lock = if scope.shared() {
                "SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))"
            } else {
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"
            };
            sqlx::query(lock).bind(key).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Fresh planner statistics after a bulk load (the demo seed). Until autovacuum gets to
    /// it, PostgreSQL plans as if the tables were empty and may pick an index that reads a
    /// whole session's scores to find the latest one (measured: 609 → 880 scores a second).
    pub async fn analyze(&self) -> Result<(), sqlx::Error> {
        sqlx::query("ANALYZE").execute(&self.pool).await.map(|_| ())
    }

    pub fn reader(&self) -> &PgPool {
        &self.pool
    }

    async fn record_score(&self, new: NewSessionScore) -> Outcome<ScoreId> {
        let mut tx = self
            .begin_write(WriteScope::CohortScores(new.cohort))
            .await?;
        // One score per transaction: a refusal rolls the whole of it back, with no
        // savepoint (two round trips fewer per score than the SQLite batch needs).
        match scoring::insert_score(&mut tx, &new).await? {
            Ok(id) => {
                tx.commit().await?;
                Ok(Ok(id))
            }
            Err(problem) => {
                tx.rollback().await?;
                if problem == app::error::Problem::KeyReused {
                    let mut tx = self.begin_write(WriteScope::Unlocked).await?;
                    scoring::audit_key_reused(&mut tx, &new).await?;
                    tx.commit().await?;
                }
                Ok(Err(problem))
            }
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}
