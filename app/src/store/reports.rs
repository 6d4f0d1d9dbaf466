//! What manager reports are computed from. The store only gathers facts; the arithmetic
//! and the small-number rule live in [`crate::report`].

use async_trait::async_trait;

use super::StoreError;
use crate::calendar::CalendarDate;
use crate::ids::{CohortId, ProgrammeId, TeamId};
use crate::report::ReportFacts;

#[async_trait]
pub trait Reports {
    /// The team's cohorts of one programme that started between `from` and `to`
    /// (inclusive), everyone who was a member of them (including those who left), the
    /// register and the latest of each score. `None` if the programme is not one of the
    /// team's organisation's.
    async fn report_facts(
        &self,
        team: TeamId,
        programme: ProgrammeId,
        from: CalendarDate,
        to: CalendarDate,
        // One group only, or every group of the period.
        cohort: Option<CohortId>,
        language: crate::language::Language,
    ) -> Result<Option<ReportFacts>, StoreError>;

    /// The team's workers with what waits for each, and how quickly entries were answered
    /// over the last [`crate::team::RESPONSE_WINDOW_DAYS`] days.
    async fn team_overview(&self, team: TeamId) -> Result<crate::team::TeamOverview, StoreError>;
}
