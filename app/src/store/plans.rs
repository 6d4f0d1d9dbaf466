//! Co-produced plans. Edits are merged part by part (see [`crate::plan::apply_edit`]) by
//! [`PlanChanges`]; a refused edit is kept for the person who typed it. Every change writes
//! its audit row in the same transaction. Callers have already asked the
//! policy; these methods only check what the plan itself says (a version is current, a
//! review is open).

use async_trait::async_trait;

use super::{Outcome, StoreError};
use crate::calendar::CalendarDate;
use crate::identity::Viewer;
use crate::ids::PersonId;
use crate::plan::*;
use crate::scaling::Score;

/// A plan as stored: its current version and everything said about it.
#[derive(Clone, Debug)]
pub struct StoredPlan {
    pub version: u32,
    pub ready: bool,
    pub content: PlanContent,
    pub hash: String,
    pub next_review: Option<CalendarDate>,
    pub review_every_days: u32,
    /// Newest first.
    pub responses: Vec<PlanResponse>,
    pub reviews: Vec<Review>,
    pub scores: Vec<ReviewScore>,
    /// The day it was read, by the server's clock (for "review due").
    pub today: CalendarDate,
}

/// The people a plan belongs to: whoever agrees it.
#[derive(Clone, Debug)]
pub struct PlanPeople {
    pub young_person: Party,
    pub carers: Vec<Party>,
    pub workers: Vec<Party>,
}

impl PlanPeople {
    pub fn parties(&self) -> Vec<Party> {
        std::iter::once(self.young_person.clone())
            .chain(self.carers.iter().cloned())
            .chain(self.workers.iter().cloned())
            .collect()
    }
}

/// What the caseload needs of each young person's plan to say where it stands.
#[derive(Clone, Debug)]
pub struct PlanStanding {
    pub young_person: PersonId,
    pub version: u32,
    pub ready: bool,
    pub next_review: Option<CalendarDate>,
    pub review_open: bool,
    pub parties: Vec<Party>,
    /// Responses to the current version only.
    pub responses: Vec<PlanResponse>,
    pub today: CalendarDate,
}

impl PlanStanding {
    pub fn status(&self) -> PlanStatus {
        status(
            self.ready,
            self.version,
            &self.parties,
            &self.responses,
            review_due(self.next_review, self.today, self.review_open),
        )
    }

    pub fn disagreement(&self) -> bool {
        disagreement(&self.responses, &self.parties, self.version)
    }
}

/// What a review score says.
#[derive(Clone, Debug)]
pub struct NewReviewScore {
    pub review: u32,
    pub target: String,
    pub score: Score,
    pub comment: Option<String>,
}

#[async_trait]
pub trait Plans {
    /// `None` if there is no such young person.
    async fn plan_people(&self, young_person: PersonId) -> Result<Option<PlanPeople>, StoreError>;

    async fn plan(&self, young_person: PersonId) -> Result<Option<StoredPlan>, StoreError>;

    /// Where the plans of many young people stand, in a fixed number of queries (the
    /// caseload asks for all of a worker's or a team's at once). Young people without a plan
    /// are left out.
    async fn plan_standings(
        &self,
        young_people: &[PersonId],
    ) -> Result<Vec<PlanStanding>, StoreError>;

    /// What an earlier version said, for showing what changed since.
    async fn plan_version(
        &self,
        young_person: PersonId,
        version: u32,
    ) -> Result<Option<PlanContent>, StoreError>;

    /// What this viewer typed for a target (`None`: a new one) and could not save.
    async fn kept_edit(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        target: Option<&str>,
    ) -> Result<Option<KeptEdit>, StoreError>;

    async fn schedule_review(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        next: CalendarDate,
        every_days: u32,
    ) -> Outcome<()>;

    async fn open_review(&self, viewer: &Viewer, young_person: PersonId) -> Outcome<u32>;

    /// Closes the open review; the next one falls due on `next`.
    async fn close_review(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        next: CalendarDate,
    ) -> Outcome<()>;

    async fn score_target(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        score: NewReviewScore,
    ) -> Outcome<()>;
}

/// Changes to a plan's words and to its agreement. The server implements these once, over
/// the store: each change is merged from the version read and saved only if that version
/// is still the current one, and merged again if not, so on any database engine and with
/// any number of servers nobody's words are lost.
#[async_trait]
pub trait PlanChanges: Send + Sync + 'static {
    /// An empty draft; the first review falls due [`REVIEW_EVERY_DAYS`] from today.
    async fn start_plan(&self, viewer: &Viewer, young_person: PersonId) -> Outcome<()>;

    /// Merges one person's edit into the current version (or the next one, if the current
    /// one has been agreed or disagreed with). Returns the target's key. A refused edit is
    /// kept (see [`Plans::kept_edit`]) and nothing else changes.
    async fn edit_target(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        author: &Author,
        edit: &TargetEdit,
    ) -> Outcome<String>;

    /// Moves a target one place up or down (a change to agree, like any other).
    async fn move_target(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        target: &str,
        up: bool,
    ) -> Outcome<()>;

    /// Marks the current version ready to agree, if it is still the one the worker saw.
    async fn mark_ready(&self, viewer: &Viewer, young_person: PersonId, hash: &str) -> Outcome<()>;

    /// "I agree" or "I don't agree" with the version whose words hash to `hash`; refused
    /// with [`crate::error::Problem::PlanChanged`] if that is no longer the current one.
    async fn respond_to_plan(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        hash: &str,
        decision: Decision,
        comment: Option<String>,
    ) -> Outcome<()>;
}

pub type SharedPlanChanges = std::sync::Arc<dyn PlanChanges>;
