//! "What I think" entries.

use async_trait::async_trait;
use uuid::Uuid;

use app::error::Problem;
use app::identity::Viewer;
use app::ids::{EntryId, PersonId};
use app::programme::IdempotencyKey;
use app::store::{AuditOutcome, Outcome, StoreError, Voice};
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
}
