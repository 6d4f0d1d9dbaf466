//! Who may see a young person's record, for the policy, and the audit of reads and refusals.

use app::identity::Viewer;
use app::ids::{PersonId, TeamId};
use app::policy::{Links, Relation};
use app::store::{Access, AuditOutcome, StoreError};
use async_trait::async_trait;

use super::{actor, audit, parse_uuid, Store};
use crate::db::WriteScope;

#[derive(sqlx::FromRow)]
struct LinksRow {
    team_id: Option<String>,
    shares_scores_with_carers: bool,
    asker_is_linked_carer: bool,
    asker_is_allocated_worker: bool,
}

#[async_trait]
impl Access for Store {
    async fn relation(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
    ) -> Result<Option<Relation>, StoreError> {
        let row: Option<LinksRow> = sqlx::query_as(
            "SELECT yp.team_id, yp.shares_scores_with_carers,
                    EXISTS (SELECT 1 FROM carer_links l WHERE l.young_person_id = yp.id AND l.carer_id = v.id)
                        AS asker_is_linked_carer,
                    EXISTS (SELECT 1 FROM caseload_allocations a WHERE a.young_person_id = yp.id AND a.worker_id = v.id)
                        AS asker_is_allocated_worker
             FROM people yp
             JOIN people v ON v.id = $2 AND v.organisation_id = yp.organisation_id
             WHERE yp.id = $1 AND yp.role = 'young_person'",
        )
        .bind(young_person.to_string())
        .bind(viewer.person.to_string())
        .fetch_optional(self.reader())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let links = Links {
            team: row
                .team_id
                .as_deref()
                .map(|t| parse_uuid(t).map(TeamId))
                .transpose()?,
            shares_scores_with_carers: row.shares_scores_with_carers,
            asker_is_linked_carer: row.asker_is_linked_carer,
            asker_is_allocated_worker: row.asker_is_allocated_worker,
        };
        Ok(Some(Relation::between(viewer, young_person, links)))
    }

    async fn audit(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        young_person: PersonId,
        outcome: AuditOutcome,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        audit(
            &mut tx,
            actor(viewer),
            action,
            record_type,
            &young_person.to_string(),
            Some(young_person),
            outcome,
        )
        .await?;
        tx.commit().await.map_err(StoreError::from)
    }

    async fn audit_each(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        young_people: &[PersonId],
    ) -> Result<(), StoreError> {
        if young_people.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        for young_person in young_people {
            audit(
                &mut tx,
                actor(viewer),
                action,
                record_type,
                &young_person.to_string(),
                Some(*young_person),
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await.map_err(StoreError::from)
    }

    async fn audit_record(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        record_id: &str,
        outcome: AuditOutcome,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        audit(
            &mut tx,
            actor(viewer),
            action,
            record_type,
            record_id,
            None,
            outcome,
        )
        .await?;
        tx.commit().await.map_err(StoreError::from)
    }
}
