//! "You said, we did": marking something seen and answering it, the same for
//! "What I think" entries and for feedback. Both keep the reply in six columns of their
//! own row, and the first person to see it stays its "seen by".

use uuid::Uuid;

use app::identity::Viewer;
use app::ids::PersonId;
use app::store::{AuditOutcome, StoreError};
use app::voice::Answer;

use super::{actor, audit, Store};
use crate::clock;
use crate::db::WriteScope;

/// What is being answered.
#[derive(Clone, Copy)]
pub enum ReplyTo {
    VoiceEntry,
    Feedback,
}

impl ReplyTo {
    /// The table, and the condition that the row is one that may be answered. Constants,
    /// never input: the identifiers are bound.
    fn table_and_condition(self) -> (&'static str, &'static str) {
        match self {
            ReplyTo::VoiceEntry => ("voice_entries", ""),
            ReplyTo::Feedback => (
                "questionnaire_responses",
                " AND version_id IN (SELECT v.id FROM question_set_versions v
                     JOIN question_sets s ON s.id = v.question_set_id
                     WHERE s.purpose IN ('young_person_feedback', 'carer_feedback'))",
            ),
        }
    }

    /// Whose words were answered: the young person's own entries, or the feedback one
    /// giver (the young person or a parent/carer) gave. Binds `$2`.
    fn giver_condition(self) -> &'static str {
        match self {
            ReplyTo::VoiceEntry => " AND young_person_id = $2",
            ReplyTo::Feedback => " AND entered_by = $2",
        }
    }

    fn audit_words(self, answered: bool) -> (&'static str, &'static str) {
        match (self, answered) {
            (ReplyTo::VoiceEntry, true) => ("answer_voice", "voice_entry"),
            (ReplyTo::VoiceEntry, false) => ("mark_voice_seen", "voice_entry"),
            (ReplyTo::Feedback, true) => ("answer_feedback", "feedback"),
            (ReplyTo::Feedback, false) => ("mark_feedback_seen", "feedback"),
        }
    }
}

impl Store {
    /// Answers to `giver`'s words about `young_person` that `giver` has not opened since.
    pub(super) async fn unread_replies(
        &self,
        to: ReplyTo,
        young_person: PersonId,
        giver: PersonId,
    ) -> Result<u32, StoreError> {
        let (table, condition) = to.table_and_condition();
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table}
             WHERE young_person_id = $1 AND responded_at IS NOT NULL
               AND (answer_read_at IS NULL OR answer_read_at < responded_at){}{condition}",
            to.giver_condition()
        ))
        .bind(young_person.to_string())
        .bind(giver.to_string())
        .fetch_one(self.reader())
        .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// `giver` has the page with the answers open: every answer so far is read.
    pub(super) async fn mark_replies_read(
        &self,
        to: ReplyTo,
        young_person: PersonId,
        giver: PersonId,
    ) -> Result<(), StoreError> {
        let (table, condition) = to.table_and_condition();
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        sqlx::query(&format!(
            "UPDATE {table} SET answer_read_at = $3
             WHERE young_person_id = $1 AND responded_at IS NOT NULL
               AND (answer_read_at IS NULL OR answer_read_at < responded_at){}{condition}",
            to.giver_condition()
        ))
        .bind(young_person.to_string())
        .bind(giver.to_string())
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// `false` if there is no such record about this young person.
    pub(super) async fn reply(
        &self,
        to: ReplyTo,
        viewer: &Viewer,
        young_person: PersonId,
        record: Uuid,
        answer: Option<&Answer>,
    ) -> Result<bool, StoreError> {
        let (table, condition) = to.table_and_condition();
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        let seen = sqlx::query(&format!(
            "UPDATE {table} SET seen_by = COALESCE(seen_by, $3), seen_at = COALESCE(seen_at, $4)
             WHERE id = $1 AND young_person_id = $2{condition}"
        ))
        .bind(record.to_string())
        .bind(young_person.to_string())
        .bind(viewer.person.to_string())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if seen.rows_affected() == 0 {
            return Ok(false);
        }
        if let Some(answer) = answer {
            sqlx::query(&format!(
                "UPDATE {table} SET response = $2, action_taken = $3, responded_by = $4, responded_at = $5
                 WHERE id = $1"
            ))
            .bind(record.to_string())
            .bind(&answer.response)
            .bind(&answer.action_taken)
            .bind(viewer.person.to_string())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        }
        let (action, record_type) = to.audit_words(answer.is_some());
        audit(
            &mut tx,
            actor(viewer),
            action,
            record_type,
            &record.to_string(),
            Some(young_person),
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
