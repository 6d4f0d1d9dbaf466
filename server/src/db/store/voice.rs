//! "What I think" entries.

use async_trait::async_trait;
use uuid::Uuid;

use app::error::Problem;
use app::identity::Viewer;
use app::ids::{EntryId, ExplainId, PersonId};
use app::programme::IdempotencyKey;
use app::store::{AuditOutcome, Outcome, StoreError, Voice};
use app::support::{Item, NotUnderstood};
use app::voice::{Answer, Feeling, NewEntry, VoiceEntry};

use super::{actor, audit, claim_key, parse_uuid, Claim, Store};
use crate::clock;
use crate::db::WriteScope;

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: String,
    words: Option<String>,
    feeling: Option<String>,
    target_key: Option<String>,
    urgent: bool,
    written_at: String,
    #[sqlx(flatten)]
    reply: super::ReplyRow,
}

#[derive(sqlx::FromRow)]
struct NotUnderstoodRow {
    id: String,
    words: String,
    asked_at: String,
}

#[async_trait]
impl Voice for Store {
    async fn voice_entries(&self, young_person: PersonId) -> Result<Vec<VoiceEntry>, StoreError> {
        let rows: Vec<EntryRow> = sqlx::query_as(
            "SELECT e.id, e.words, e.feeling, e.target_key, e.urgent, e.written_at,
                    s.given_name AS seen_by, e.seen_at, e.response, e.action_taken,
                    r.given_name AS responded_by, e.responded_at
             FROM voice_entries e
             LEFT JOIN people s ON s.id = e.seen_by
             LEFT JOIN people r ON r.id = e.responded_by
             WHERE e.young_person_id = $1
             ORDER BY e.written_at DESC",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(VoiceEntry {
                    id: EntryId(parse_uuid(&r.id)?),
                    words: r.words,
                    feeling: r
                        .feeling
                        .as_deref()
                        .map(|f| {
                            Feeling::parse(f)
                                .ok_or_else(|| StoreError(format!("malformed feeling: {f:?}")))
                        })
                        .transpose()?,
                    target: r.target_key.map(|k| (k, String::new())),
                    urgent: r.urgent,
                    written_at: r.written_at,
                    reply: r.reply.into(),
                })
            })
            .collect()
    }

    async fn add_entry(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        entry: &NewEntry,
        key: Option<&IdempotencyKey>,
    ) -> Outcome<EntryId> {
        let id = EntryId(Uuid::new_v4());
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        if let Some(key) = key {
            let content = format!(
                "voice|{young_person}|{:?}|{:?}|{:?}|{}",
                entry.words, entry.feeling, entry.target, entry.urgent
            );
            match claim_key(
                &mut tx,
                key,
                viewer.person,
                "voice",
                &content,
                &id.to_string(),
            )
            .await?
            {
                Claim::New => {}
                Claim::Repeat(earlier) => return Ok(Ok(EntryId(parse_uuid(&earlier)?))),
                Claim::Conflict => return Ok(Err(Problem::KeyReused)),
            }
        }
        sqlx::query(
            "INSERT INTO voice_entries (id, young_person_id, words, feeling, target_key, urgent, written_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.to_string())
        .bind(young_person.to_string())
        .bind(&entry.words)
        .bind(entry.feeling.map(Feeling::as_str))
        .bind(&entry.target)
        .bind(entry.urgent)
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        let action = if entry.urgent {
            "give_voice_urgent"
        } else {
            "give_voice"
        };
        audit(
            &mut tx,
            actor(viewer),
            action,
            "voice_entry",
            &id.to_string(),
            Some(young_person),
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    async fn answer_entry(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        entry: EntryId,
        answer: Option<&Answer>,
    ) -> Result<bool, StoreError> {
        self.reply(
            super::reply::ReplyTo::VoiceEntry,
            viewer,
            young_person,
            entry.0,
            answer,
        )
        .await
    }

    async fn unread_answers(&self, young_person: PersonId) -> Result<u32, StoreError> {
        self.unread_replies(
            super::reply::ReplyTo::VoiceEntry,
            young_person,
            young_person,
        )
        .await
    }

    async fn mark_answers_read(&self, young_person: PersonId) -> Result<(), StoreError> {
        self.mark_replies_read(
            super::reply::ReplyTo::VoiceEntry,
            young_person,
            young_person,
        )
        .await
    }

    async fn communication_support(&self, young_person: PersonId) -> Result<bool, StoreError> {
        let on: Option<bool> = sqlx::query_scalar(
            "SELECT communication_support FROM people WHERE id = $1 AND role = 'young_person'",
        )
        .bind(young_person.to_string())
        .fetch_optional(self.reader())
        .await?;
        Ok(on.unwrap_or(false))
    }

    async fn set_communication_support(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        on: bool,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        sqlx::query(
            "UPDATE people SET communication_support = $1 WHERE id = $2 AND role = 'young_person'",
        )
        .bind(on)
        .bind(young_person.to_string())
        .execute(&mut *tx)
        .await?;
        let action = if on {
            "communication_support_on"
        } else {
            "communication_support_off"
        };
        audit(
            &mut tx,
            actor(viewer),
            action,
            "person",
            &young_person.to_string(),
            Some(young_person),
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn ask_to_explain(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        item: &Item,
        words: &str,
    ) -> Result<(), StoreError> {
        let id = ExplainId(Uuid::new_v4());
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        // The partial unique index keeps one open question per item: a double press, or
        // the same press from two phones, asks once.
        let added = sqlx::query(
            "INSERT INTO not_understood (id, young_person_id, item, words, asked_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (young_person_id, item) WHERE explained_at IS NULL DO NOTHING",
        )
        .bind(id.to_string())
        .bind(young_person.to_string())
        .bind(item.as_string())
        .bind(words)
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        if added.rows_affected() == 1 {
            audit(
                &mut tx,
                actor(viewer),
                "ask_to_explain",
                "not_understood",
                &id.to_string(),
                Some(young_person),
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn not_understood(
        &self,
        young_person: PersonId,
    ) -> Result<Vec<NotUnderstood>, StoreError> {
        let rows: Vec<NotUnderstoodRow> = sqlx::query_as(
            "SELECT id, words, asked_at FROM not_understood
             WHERE young_person_id = $1 AND explained_at IS NULL ORDER BY asked_at",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(NotUnderstood {
                    id: ExplainId(parse_uuid(&r.id)?),
                    words: r.words,
                    asked_at: r.asked_at,
                })
            })
            .collect()
    }

    async fn mark_explained(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        id: ExplainId,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let done = sqlx::query(
            "UPDATE not_understood SET explained_by = $1, explained_at = $2
             WHERE id = $3 AND young_person_id = $4 AND explained_at IS NULL",
        )
        .bind(viewer.person.to_string())
        .bind(clock::now())
        .bind(id.to_string())
        .bind(young_person.to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if done {
            audit(
                &mut tx,
                actor(viewer),
                "mark_explained",
                "not_understood",
                &id.to_string(),
                Some(young_person),
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(done)
    }
}
