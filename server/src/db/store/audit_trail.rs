//! The audit trail: one row per change or refusal, written in the same transaction as the change.

use uuid::Uuid;

use app::identity::{Role, Viewer};
use app::ids::PersonId;
use app::store::{AuditOutcome, StoreError};

use super::DbTx;
use crate::clock;

/// Writes one audit row inside the caller's transaction, so the change and its record of
/// who made it commit together or not at all. Ids only: no names, no content.
pub async fn audit(
    tx: &mut DbTx,
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
    tx: &mut DbTx,
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
    .await?;
    Ok(())
}

/// The viewer as an audit actor.
pub fn actor(viewer: &Viewer) -> Option<(PersonId, Role)> {
    Some((viewer.person, viewer.role))
}
