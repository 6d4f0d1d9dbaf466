//! What changing a plan needs kept, as narrow reads and writes for
//! [`super::PlanEditor`]. Every write names the version it was made from and does nothing
//! (answering `false` or `None`) if that is no longer the current one: a compare-and-set
//! that holds on any engine, whoever else is writing.

use async_trait::async_trait;

use app::calendar::CalendarDate;
use app::identity::Viewer;
use app::ids::PersonId;
use app::plan::{Decision, KeptEdit, PlanContent};
use app::store::StoreError;

/// A plan's current version, as read.
#[derive(Clone, Debug)]
pub struct PlanHead {
    pub plan: String,
    pub version: u32,
    pub ready: bool,
    pub content: PlanContent,
    /// The stored words exactly as read: what a compare-and-set compares.
    pub stored: String,
    pub hash: String,
    /// Someone has agreed or disagreed: a change must make a new version.
    pub answered: bool,
}

/// Words to save, with the hash an agreement to them records.
#[derive(Clone, Copy, Debug)]
pub struct NewWords<'a> {
    pub content: &'a PlanContent,
    pub hash: &'a str,
}

#[async_trait]
pub trait PlanRecords: Send + Sync + 'static {
    async fn plan_head(&self, young_person: PersonId) -> Result<Option<PlanHead>, StoreError>;

    /// A plan with `first` as version 1, audited; `false` if the young person has one.
    async fn create_plan(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        first: NewWords<'_>,
        review_every_days: u32,
        first_review: CalendarDate,
    ) -> Result<bool, StoreError>;

    /// Saves `words` made from `from`: over it while nobody has answered it, else as the
    /// next version (as ready as `from`); audited as `edit_plan`. The version saved, or
    /// `None` if `from` is no longer what the plan says.
    async fn save_words(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        from: &PlanHead,
        words: NewWords<'_>,
    ) -> Result<Option<u32>, StoreError>;

    /// Forgets what this viewer could not save for a target (`"new"`: a new target).
    async fn forget_kept_edit(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        plan: &str,
        target: &str,
    ) -> Result<(), StoreError>;

    /// Keeps what this viewer could not save for a target, replacing what was kept;
    /// `denied` also audits a refused attempt on the plan.
    async fn keep_edit(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        plan: &str,
        target: &str,
        kept: &KeptEdit,
        denied: bool,
    ) -> Result<(), StoreError>;

    /// Marks `from` ready to agree, audited; `false` if it is no longer the current words.
    async fn mark_ready(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        from: &PlanHead,
    ) -> Result<bool, StoreError>;

    /// Records an answer to `from`, audited; `false` if it is no longer the current, ready
    /// words.
    async fn record_response(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        from: &PlanHead,
        decision: Decision,
        comment: Option<&str>,
    ) -> Result<bool, StoreError>;
}
