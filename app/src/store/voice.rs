//! "What I think" entries and the worker's answers. Each write adds its audit row in the
//! same transaction. Callers have already asked the policy.

use async_trait::async_trait;

use super::{Outcome, StoreError};
use crate::identity::Viewer;
use crate::ids::{EntryId, PersonId};
use crate::programme::IdempotencyKey;
use crate::voice::{Answer, NewEntry, VoiceEntry};

#[async_trait]
pub trait Voice {
    /// Newest first; target words are filled in by the caller from the plan.
    async fn voice_entries(&self, young_person: PersonId) -> Result<Vec<VoiceEntry>, StoreError>;

    /// A resend under the same key returns the first entry's id.
    async fn add_entry(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        entry: &NewEntry,
        key: Option<&IdempotencyKey>,
    ) -> Outcome<EntryId>;

    /// Marks the entry seen (if it was not) and, with an answer, records it.
    /// `false` if the entry is not this young person's.
    async fn answer_entry(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        entry: EntryId,
        answer: Option<&Answer>,
    ) -> Result<bool, StoreError>;

    /// Answered entries the young person has not opened "What I think" to read since.
    async fn unread_answers(&self, young_person: PersonId) -> Result<u32, StoreError>;

    /// The young person has opened their entries: every answer so far is read.
    async fn mark_answers_read(&self, young_person: PersonId) -> Result<(), StoreError>;

    /// Whether the young person has communication support on.
    async fn communication_support(&self, young_person: PersonId) -> Result<bool, StoreError>;

    /// Turns communication support on or off, audited.
    async fn set_communication_support(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        on: bool,
    ) -> Result<(), StoreError>;

    /// "I don't understand this", with the item's words as the young person saw them,
    /// audited. Asking again about an item not yet explained asks once.
    async fn ask_to_explain(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        item: &crate::support::Item,
        words: &str,
    ) -> Result<(), StoreError>;

    /// What the young person has asked to have explained and is still waiting for, oldest
    /// first.
    async fn not_understood(
        &self,
        young_person: PersonId,
    ) -> Result<Vec<crate::support::NotUnderstood>, StoreError>;

    /// The worker has explained it; `false` if it is not this young person's or was
    /// already explained.
    async fn mark_explained(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        id: crate::ids::ExplainId,
    ) -> Result<bool, StoreError>;
}
