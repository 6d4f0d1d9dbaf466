//! The one place that decides who may do what to a young person's record. The store works
//! out how the asker is related to the record (a fact from the database); this module turns
//! role + relation + action into yes or no. Every server function asks here, on the server,
//! every time; the matrix test in `server/tests/authorisation.rs` checks every cell over HTTP.

use serde::{Deserialize, Serialize};

use crate::identity::Role;

/// How the asker stands to one young person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    /// The young person themselves.
    Themselves,
    /// A linked parent/carer; whether the young person chose to share their scores.
    Carer { scores_shared: bool },
    /// A worker the young person is allocated to.
    AllocatedWorker,
    /// A manager of the young person's team.
    TeamManager,
    /// An administrator of the young person's organisation.
    Administrator,
    /// Anyone else, including staff of other teams and other families.
    Unrelated,
}

/// What someone wants to do with a young person's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Act {
    /// See session scores.
    ViewScores,
    /// Record a session score (the young person, or a worker on their behalf).
    RecordScore,
    /// Open the staff view of the record (names, workers, carers, sign-in devices).
    ViewRecord,
    /// Issue invitations, revoke devices, add and link parents/carers.
    ManageSignIn,
    /// Allocate or re-allocate workers, close the case.
    ManageCase,
    /// See who has read or changed the record.
    ViewAudit,
}

impl Act {
    pub const ALL: [Act; 6] = [
        Act::ViewScores,
        Act::RecordScore,
        Act::ViewRecord,
        Act::ManageSignIn,
        Act::ManageCase,
        Act::ViewAudit,
    ];

    /// The word written to the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            Act::ViewScores => "view_scores",
            Act::RecordScore => "record_score",
            Act::ViewRecord => "view_record",
            Act::ManageSignIn => "manage_sign_in",
            Act::ManageCase => "manage_case",
            Act::ViewAudit => "view_audit",
        }
    }
}

/// Least privilege: anything not listed is refused. The role must also match the relation
/// (a relation is only ever computed for the asker's own role, but the check costs nothing
/// and means a wrong relation cannot widen access).
pub fn may(role: Role, relation: Relation, action: Act) -> bool {
    use Act::*;
    match (role, relation) {
        (Role::YoungPerson, Relation::Themselves) => matches!(action, ViewScores | RecordScore),
        (Role::ParentCarer, Relation::Carer { scores_shared }) => {
            action == ViewScores && scores_shared
        }
        (Role::Worker, Relation::AllocatedWorker) => {
            matches!(action, ViewScores | RecordScore | ViewRecord | ManageSignIn)
        }
        (Role::Manager, Relation::TeamManager) => matches!(
            action,
            ViewScores | ViewRecord | ManageSignIn | ManageCase | ViewAudit
        ),
        // Administrators run accounts, not casework: no scores, plans or feedback.
        (Role::Administrator, Relation::Administrator) => {
            matches!(action, ViewRecord | ManageSignIn | ManageCase | ViewAudit)
        }
        _ => false,
    }
}

/// Managing staff accounts (add, deactivate, reset a password) is for administrators.
pub fn may_manage_staff(role: Role) -> bool {
    role == Role::Administrator
}

/// Adding a young person to the service: casework staff (who then hold the case).
pub fn may_add_young_person(role: Role) -> bool {
    matches!(role, Role::Worker | Role::Manager)
}

/// Requiring a second factor for a team: its manager (or an administrator).
pub fn may_set_team_security(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Administrator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unrelated_people_may_do_nothing() {
        for role in Role::ALL {
            for action in Act::ALL {
                assert!(
                    !may(role, Relation::Unrelated, action),
                    "{role:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn carers_see_scores_only_when_the_young_person_shares_them() {
        let shared = Relation::Carer {
            scores_shared: true,
        };
        let private = Relation::Carer {
            scores_shared: false,
        };
        assert!(may(Role::ParentCarer, shared, Act::ViewScores));
        assert!(!may(Role::ParentCarer, private, Act::ViewScores));
        assert!(!may(Role::ParentCarer, shared, Act::RecordScore));
    }

    #[test]
    fn administrators_never_see_casework() {
        assert!(!may(
            Role::Administrator,
            Relation::Administrator,
            Act::ViewScores
        ));
        assert!(may(
            Role::Administrator,
            Relation::Administrator,
            Act::ManageSignIn
        ));
    }

    #[test]
    fn a_relation_for_another_role_grants_nothing() {
        // A young person mistakenly described as an allocated worker still gets nothing.
        for action in Act::ALL {
            assert!(!may(Role::YoungPerson, Relation::AllocatedWorker, action));
            assert!(!may(Role::Worker, Relation::TeamManager, action));
        }
    }

    #[test]
    fn young_people_score_but_never_open_the_staff_record() {
        assert!(may(
            Role::YoungPerson,
            Relation::Themselves,
            Act::RecordScore
        ));
        assert!(!may(
            Role::YoungPerson,
            Relation::Themselves,
            Act::ViewRecord
        ));
        assert!(!may(
            Role::YoungPerson,
            Relation::Themselves,
            Act::ViewAudit
        ));
    }
}
