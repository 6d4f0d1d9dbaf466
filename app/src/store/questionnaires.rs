//! Question sets and the answers given to them. Callers have asked the policy first; every
//! change is audited in its own transaction, and answers can be resent under a key.

use async_trait::async_trait;

use super::{Outcome, StoreError};
use crate::identity::Viewer;
use crate::ids::{CohortId, PersonId, ResponseId, VersionId};
use crate::programme::IdempotencyKey;
use crate::questionnaire::*;

/// What saving the builder did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    DraftSaved,
    Published(u32),
    /// The draft is kept as typed; these need fixing before it can be published.
    NotPublished(DraftProblems),
}

/// Answers already parsed against `version`.
#[derive(Clone, Debug)]
pub struct NewResponse {
    pub version: VersionId,
    pub young_person: PersonId,
    pub cohort: Option<CohortId>,
    pub answers: Answers,
    pub key: Option<IdempotencyKey>,
    /// Feedback only: the giver's choice to let their words be quoted without their name.
    pub share_words: bool,
}

#[async_trait]
pub trait Questionnaires {
    /// The viewer's organisation's sets.
    async fn question_sets(&self, viewer: &Viewer) -> Result<Vec<SetSummary>, StoreError>;

    /// The builder's page for one of the viewer's organisation's sets.
    async fn set_editor(
        &self,
        viewer: &Viewer,
        purpose: SetPurpose,
    ) -> Result<Option<SetEditor>, StoreError>;

    /// Keeps the draft exactly as typed, then, if asked, parses it and publishes it as the
    /// next version in the same transaction (so two managers cannot publish the same
    /// version number or reuse a key). `None` if the organisation has no such set.
    async fn save_question_set(
        &self,
        viewer: &Viewer,
        purpose: SetPurpose,
        draft: &SetDraft,
        publish: bool,
    ) -> Result<Option<SaveOutcome>, StoreError>;

    /// The current version of a set in the young person's organisation.
    async fn current_version(
        &self,
        young_person: PersonId,
        purpose: SetPurpose,
    ) -> Result<Option<PublishedVersion>, StoreError>;

    /// A version, only if it belongs to the young person's organisation.
    async fn version_for(
        &self,
        young_person: PersonId,
        version: VersionId,
    ) -> Result<Option<PublishedVersion>, StoreError>;

    /// When this questionnaire (any version) was last answered, for this programme run.
    async fn last_answered(
        &self,
        young_person: PersonId,
        purpose: SetPurpose,
        cohort: Option<CohortId>,
    ) -> Result<Option<String>, StoreError>;

    /// Appends a response with its audit row. A resend under the same key returns the
    /// first response; different content under it is refused and audited.
    async fn record_response(&self, viewer: &Viewer, new: NewResponse) -> Outcome<ResponseId>;

    /// Every response given about a young person (by them, or a parent/carer's feedback),
    /// newest first, each read against the version it answered. Callers show each person
    /// only what they may see.
    async fn responses(
        &self,
        young_person: PersonId,
        language: crate::language::Language,
    ) -> Result<Vec<ResponseView>, StoreError>;

    /// Marks feedback seen (if it was not) and, with an answer, records it. `false` if it
    /// is not feedback about this young person.
    async fn answer_feedback(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        response: ResponseId,
        answer: Option<&crate::voice::Answer>,
    ) -> Result<bool, StoreError>;

    /// Consented words from feedback about the team's young people, newest first.
    async fn quotes(&self, team: crate::ids::TeamId) -> Result<Vec<Quote>, StoreError>;

    /// Answers from the worker to feedback `giver` gave about `young_person`, not yet read.
    async fn unread_feedback_answers(
        &self,
        young_person: PersonId,
        giver: PersonId,
    ) -> Result<u32, StoreError>;

    /// `giver` has their feedback page open: every answer on it is read.
    async fn mark_feedback_answers_read(
        &self,
        young_person: PersonId,
        giver: PersonId,
    ) -> Result<(), StoreError>;

    /// The questionnaires to offer on a young person's home page: the pre-programme one
    /// for each programme they are in, the post-programme one once every scored session
    /// has an end score, and the self-assessment.
    async fn questionnaire_links(
        &self,
        young_person: PersonId,
    ) -> Result<Vec<QuestionnaireLink>, StoreError>;
}
