//! Programmes in use: cohorts, their registers, the worker's live session view,
//! programme scaling and a young person's progress. As in the rest of the store, callers
//! have already asked the policy; methods that change something audit in the same
//! transaction, and anything a phone may resend takes an idempotency key.

use async_trait::async_trait;

use super::{Outcome, StoreError};
use crate::identity::Viewer;
use crate::ids::{CohortId, PersonId, ProgrammeId, SessionNumber};
use crate::policy::CohortRelation;
use crate::programme::*;
use crate::scaling::{Score, Stage};

/// A new cohort, already parsed.
#[derive(Clone, Debug)]
pub struct NewCohort {
    pub programme: ProgrammeId,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub workers: Vec<PersonId>,
    pub members: Vec<PersonId>,
}

/// Three programme-scaling answers given together.
#[derive(Clone, Debug)]
pub struct NewProgrammeScores {
    pub young_person: PersonId,
    pub cohort: CohortId,
    pub stage: Stage,
    pub scores: [(Measure, Score); 3],
    pub key: Option<IdempotencyKey>,
}

#[async_trait]
pub trait Programmes {
    /// How the viewer stands to a cohort; `None` if there is no such cohort in their
    /// organisation.
    async fn cohort_relation(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
    ) -> Result<Option<CohortRelation>, StoreError>;

    async fn programmes(
        &self,
        viewer: &Viewer,
        language: crate::language::Language,
    ) -> Result<Vec<ProgrammeOption>, StoreError>;

    /// A worker's cohorts (those they run); a manager's team's.
    async fn cohorts(&self, viewer: &Viewer) -> Result<Vec<CohortSummary>, StoreError>;

    /// Workers and open-case young people of the viewer's team, for the new-cohort form.
    async fn team_choices(
        &self,
        viewer: &Viewer,
    ) -> Result<(Vec<(PersonId, String)>, Vec<(PersonId, String)>), StoreError>;

    /// Checks that the programme, workers and members all belong to the viewer's team.
    async fn create_cohort(&self, viewer: &Viewer, new: NewCohort) -> Outcome<CohortId>;

    async fn cohort(
        &self,
        cohort: CohortId,
        language: crate::language::Language,
    ) -> Result<Option<CohortView>, StoreError>;

    /// Adds (or re-adds) a young person of the cohort's team, or ends their membership
    /// (their scores stay).
    async fn set_membership(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
        young_person: PersonId,
        member: bool,
    ) -> Outcome<()>;

    async fn group_session(
        &self,
        cohort: CohortId,
        session: SessionNumber,
        language: crate::language::Language,
    ) -> Result<Option<GroupSessionView>, StoreError>;

    async fn mark_attendance(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
        young_person: PersonId,
        session: SessionNumber,
        attended: bool,
    ) -> Outcome<()>;

    /// "Everyone came": every current member whose register is not yet taken for this
    /// session is marked present (those already marked keep their mark). Returns how many.
    async fn mark_everyone_came(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
        session: SessionNumber,
    ) -> Result<u32, StoreError>;

    async fn mark_start_missed(
        &self,
        viewer: &Viewer,
        cohort: CohortId,
        young_person: PersonId,
        session: SessionNumber,
    ) -> Outcome<()>;

    /// The cohorts a young person is in, for their home page.
    async fn cohorts_of(&self, young_person: PersonId) -> Result<Vec<CohortId>, StoreError>;

    async fn progress(
        &self,
        young_person: PersonId,
        cohort: CohortId,
        language: crate::language::Language,
    ) -> Result<Option<Progress>, StoreError>;

    /// Appends three programme-scaling scores (a resend under the same key is stored once).
    async fn record_programme_scores(
        &self,
        entered_by: &Viewer,
        new: NewProgrammeScores,
    ) -> Outcome<()>;
}
