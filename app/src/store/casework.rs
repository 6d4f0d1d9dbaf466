//! Casework and accounts: caseloads, a young person's record and who can sign in for them,
//! allocation, closing a case, the audit trail, and staff accounts. Every method that
//! changes something writes its audit row in the same transaction. Callers have already
//! asked the policy; these methods do not decide who may do what.

use async_trait::async_trait;

use super::{Outcome, StoreError};
use crate::casework::*;
use crate::identity::Viewer;
use crate::ids::{DeviceId, PersonId, TeamId};

#[async_trait]
pub trait Casework {
    /// The language a person chose, if they have.
    async fn language_of(
        &self,
        person: PersonId,
    ) -> Result<Option<crate::language::Language>, StoreError>;

    /// Keeps the language a person chose, for every phone or computer they sign in on.
    async fn set_language(
        &self,
        person: PersonId,
        language: crate::language::Language,
    ) -> Result<(), StoreError>;

    /// A worker's allocated young people; a manager's whole team. Open cases first.
    async fn caseload(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<crate::caseload::CaseSummary>, StoreError>;

    /// Everything that happened on a young person's record, newest first (at most 500).
    /// The caller keeps only what the viewer may see.
    async fn timeline(
        &self,
        young_person: PersonId,
        language: crate::language::Language,
    ) -> Result<Vec<crate::timeline::TimelineEvent>, StoreError>;

    /// For each young person: unseen feedback, last activity and their current programme.
    /// A fixed number of queries however many young people are asked about.
    async fn case_activity(
        &self,
        young_people: &[PersonId],
        language: crate::language::Language,
    ) -> Result<Vec<crate::caseload::CaseActivity>, StoreError>;

    async fn case_record(&self, young_person: PersonId) -> Result<Option<CaseRecord>, StoreError>;

    /// Adds a young person to the viewer's team, allocated to the viewer if a worker.
    async fn add_young_person(
        &self,
        viewer: &Viewer,
        name: &PersonName,
    ) -> Result<PersonId, StoreError>;

    /// Refused (`CarerExists`) when a carer of that name is already linked: a second press
    /// of "Add" must not make a second person.
    async fn add_carer(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        name: &PersonName,
        relationship: &str,
    ) -> Outcome<PersonId>;

    /// A worker notes the language of a young person's or one of their carers' pages and
    /// the language they need an interpreter for (audited). `false` if `person` is neither.
    async fn set_language_needs(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        person: PersonId,
        language: Option<crate::language::Language>,
        interpreter: Option<&InterpreterLanguage>,
    ) -> Result<bool, StoreError>;

    /// Forgets the PIN of the young person or one of their carers, and signs them out on
    /// every phone, so the next sign-in code lets them choose a new one. `false` if
    /// `person` is neither, or has no PIN.
    async fn reset_pin(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        person: PersonId,
    ) -> Result<bool, StoreError>;

    /// Revokes a device of the young person or one of their carers and ends its sessions.
    /// `false` if the device is not theirs.
    async fn revoke_device(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        device: DeviceId,
    ) -> Result<bool, StoreError>;

    /// Allocates a worker of the young person's team.
    async fn allocate(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        worker: PersonId,
    ) -> Outcome<()>;

    /// Closes the case: the young person (and carers with no other open case) can no
    /// longer sign in; their devices and sessions end. The record is kept.
    async fn close_case(&self, viewer: &Viewer, young_person: PersonId) -> Result<(), StoreError>;

    /// One page of the young person's trail as filtered, newest first. `None` if there is
    /// no such young person.
    async fn audit_trail(
        &self,
        young_person: PersonId,
        filter: &AuditFilter,
    ) -> Result<Option<AuditPage>, StoreError>;

    async fn young_person_home(
        &self,
        viewer: &Viewer,
        language: crate::language::Language,
    ) -> Result<YoungPersonHome, StoreError>;

    async fn family(&self, viewer: &Viewer) -> Result<Vec<FamilyMember>, StoreError>;

    /// Staff of the viewer's organisation.
    async fn staff(&self, viewer: &Viewer) -> Result<Vec<StaffSummary>, StoreError>;

    async fn teams(&self, viewer: &Viewer) -> Result<Vec<TeamOption>, StoreError>;

    /// Deactivates (or reactivates) a staff account in the viewer's organisation; a
    /// deactivated account's sessions end at once. `false` if there is no such account.
    async fn set_staff_active(
        &self,
        viewer: &Viewer,
        person: PersonId,
        active: bool,
    ) -> Result<bool, StoreError>;

    async fn set_team_second_factor(
        &self,
        viewer: &Viewer,
        team: TeamId,
        required: bool,
    ) -> Result<bool, StoreError>;
}
