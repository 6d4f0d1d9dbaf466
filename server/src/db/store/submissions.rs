//! Idempotency keys: a submission resent by a phone that lost its connection is stored once.

use app::ids::PersonId;
use app::store::StoreError;

use super::DbTx;
use crate::clock;

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
    tx: &mut DbTx,
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
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Claim::New);
    }
    let (owner, earlier_kind, earlier_digest, earlier_record): (String, String, String, String) =
        sqlx::query_as(
            "SELECT person_id, kind, content_digest, record_id FROM submissions WHERE idempotency_key = $1",
        )
        .bind(key.as_str())
        .fetch_one(&mut **tx)
        .await?;
    if owner == person.to_string() && earlier_kind == kind && earlier_digest == digest {
        Ok(Claim::Repeat(earlier_record))
    } else {
        Ok(Claim::Conflict)
    }
}
