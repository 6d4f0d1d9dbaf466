//! Group commit for session scores. With `synchronous=FULL` every commit waits for the disk
//! (about 800 a second here), so one transaction per score caps a group's burst of taps.
//! One task takes every score waiting at that moment and commits them together: one fsync
//! for the lot. Each caller hears back only after that commit, so "saved" still means on
//! disk; each score has its own savepoint, so a refused or failed one leaves the others in.

use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use app::error::Problem;
use app::ids::ScoreId;
use app::store::{NewSessionScore, Outcome, StoreError};

use super::scoring::{audit_key_reused, insert_score};
use super::DbTx;

/// The most scores in one transaction: enough for a whole room tapping at once, small
/// enough that the write lock is never held for long.
const MAX_BATCH: usize = 256;

type Job = (NewSessionScore, oneshot::Sender<Outcome<ScoreId>>);

#[derive(Clone, Debug)]
pub struct ScoreWriter {
    jobs: mpsc::Sender<Job>,
}

impl ScoreWriter {
    pub fn start(writer: SqlitePool) -> Self {
        let (jobs, mut incoming) = mpsc::channel::<Job>(4 * MAX_BATCH);
        tokio::spawn(async move {
            while let Some(first) = incoming.recv().await {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match incoming.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                write(&writer, batch).await;
            }
        });
        ScoreWriter { jobs }
    }

    pub async fn submit(&self, score: NewSessionScore) -> Outcome<ScoreId> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send((score, reply))
            .await
            .map_err(|_| StoreError("the score writer has stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError("the score writer dropped a score".into()))?
    }
}

/// One score of the batch, under a savepoint so that a refusal or a failure (a foreign
/// key, say) undoes only this score and cannot take the others down with it. The outer
/// error is the batch's: the savepoint itself could not be used.
async fn insert_alone(
    tx: &mut DbTx,
    score: &NewSessionScore,
) -> Result<Outcome<ScoreId>, StoreError> {
    sqlx::query("SAVEPOINT score").execute(&mut **tx).await?;
    let result = insert_score(tx, score).await;
    if !matches!(result, Ok(Ok(_))) {
        sqlx::query("ROLLBACK TO score").execute(&mut **tx).await?;
    }
    sqlx::query("RELEASE score").execute(&mut **tx).await?;
    if let Ok(Err(Problem::KeyReused)) = &result {
        audit_key_reused(tx, score).await?;
    }
    Ok(result)
}

async fn write(pool: &SqlitePool, batch: Vec<Job>) {
    let outcome: Result<Vec<(Outcome<ScoreId>, oneshot::Sender<_>)>, StoreError> = async {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut results = Vec::with_capacity(batch.len());
        for (score, reply) in batch {
            let result = insert_alone(&mut tx, &score).await?;
            results.push((result, reply));
        }
        tx.commit().await?;
        Ok(results)
    }
    .await;
    match outcome {
        Ok(results) => {
            for (result, reply) in results {
                // The caller may have gone (its request was cancelled): nothing to tell.
                let _ = reply.send(result);
            }
        }
        // Nothing was committed: every caller hears so, and a phone will send again.
        Err(e) => tracing::error!(error = %e, "a batch of scores could not be committed"),
    }
}
