//! The one place that decides who may do what to a young person's record. The store works
//! out how the asker is related to the record (a fact from the database); this module turns
//! role + relation + action into yes or no. Every server function asks here, on the server,
//! every time; the matrix test in `server/tests/api/authorisation.rs` checks every cell over HTTP.

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

/// The facts about one young person that decide how someone stands to them, as the store
/// reads them (the young person and the asker are already known to share an organisation).
#[derive(Clone, Copy, Debug, Default)]
pub struct Links {
    pub team: Option<crate::ids::TeamId>,
    pub shares_scores_with_carers: bool,
    pub asker_is_linked_carer: bool,
    pub asker_is_allocated_worker: bool,
}

impl Relation {
    /// How `viewer` stands to `young_person`, from the links between them.
    pub fn between(
        viewer: &crate::identity::Viewer,
        young_person: crate::ids::PersonId,
        links: Links,
    ) -> Relation {
        match viewer.role {
            Role::YoungPerson if viewer.person == young_person => Relation::Themselves,
            Role::ParentCarer if links.asker_is_linked_carer => Relation::Carer {
                scores_shared: links.shares_scores_with_carers,
            },
            Role::Worker if links.asker_is_allocated_worker => Relation::AllocatedWorker,
            Role::Manager if links.team.is_some() && links.team == viewer.team => {
                Relation::TeamManager
            }
            Role::Administrator => Relation::Administrator,
            _ => Relation::Unrelated,
        }
    }
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
    /// Revoke devices, add and link parents/carers.
    ManageSignIn,
    /// Make a sign-in code for the young person or a parent/carer, or reset a forgotten
    /// PIN. Casework staff only: a code lets whoever holds it into the family's pages, so
    /// the administrator, who sees no casework, never makes one.
    IssueInvitation,
    /// Allocate or re-allocate workers, close the case.
    ManageCase,
    /// See who has read or changed the record.
    ViewAudit,
    /// Read their questionnaire answers (pre/post programme, self-assessment).
    ViewAnswers,
    /// Answer a questionnaire. Answers are the young person's own words, so only they give
    /// them (unlike a session score, which a worker may enter for someone without a phone).
    GiveAnswers,
    /// Read the plan, its agreements and its reviews.
    ViewPlan,
    /// Write one's own parts of the plan (which parts: [`crate::plan::Part::written_by`]).
    WritePlan,
    /// Agree or disagree with the plan, and score its targets at a review: the young
    /// person, each parent/carer and the worker, each for themselves.
    AgreePlan,
    /// Start the plan, mark it ready to agree, set and run reviews, mark targets achieved
    /// or dropped.
    ManagePlan,
    /// Read "What I think" entries and the answers to them. Never parents/carers: these
    /// are the young person's private words.
    ViewVoice,
    /// Write a "What I think" entry: the young person only.
    GiveVoice,
    /// Mark an entry seen and answer it ("you said, we did").
    AnswerVoice,
    /// Read end-of-intervention feedback and the answers to it. The young person and each
    /// parent/carer read only what they gave themselves (the server filters by giver).
    ViewFeedback,
    /// Give feedback: the young person, and each parent/carer in their own set.
    GiveFeedback,
    /// Mark feedback seen and answer it.
    AnswerFeedback,
    /// Turn communication support on or off: the young person, or their worker with them.
    SetSupport,
    /// Say "I don't understand this" about a question or a plan target: the young person
    /// only. (Reading these and marking them explained go with their other words:
    /// [`Act::ViewVoice`] and [`Act::AnswerVoice`].)
    AskToExplain,
}

impl Act {
    pub const ALL: [Act; 21] = [
        Act::ViewScores,
        Act::RecordScore,
        Act::ViewRecord,
        Act::ManageSignIn,
        Act::IssueInvitation,
        Act::ManageCase,
        Act::ViewAudit,
        Act::ViewAnswers,
        Act::GiveAnswers,
        Act::ViewPlan,
        Act::WritePlan,
        Act::AgreePlan,
        Act::ManagePlan,
        Act::ViewVoice,
        Act::GiveVoice,
        Act::AnswerVoice,
        Act::ViewFeedback,
        Act::GiveFeedback,
        Act::AnswerFeedback,
        Act::SetSupport,
        Act::AskToExplain,
    ];

    /// The word written to the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            Act::ViewScores => "view_scores",
            Act::RecordScore => "record_score",
            Act::ViewRecord => "view_record",
            Act::ManageSignIn => "manage_sign_in",
            Act::IssueInvitation => "issue_invitation",
            Act::ManageCase => "manage_case",
            Act::ViewAudit => "view_audit",
            Act::ViewAnswers => "view_answers",
            Act::GiveAnswers => "give_answers",
            Act::ViewPlan => "view_plan",
            Act::WritePlan => "write_plan",
            Act::AgreePlan => "agree_plan",
            Act::ManagePlan => "manage_plan",
            Act::ViewVoice => "view_voice",
            Act::GiveVoice => "give_voice",
            Act::AnswerVoice => "answer_voice",
            Act::ViewFeedback => "view_feedback",
            Act::GiveFeedback => "give_feedback",
            Act::AnswerFeedback => "answer_feedback",
            Act::SetSupport => "set_support",
            Act::AskToExplain => "ask_to_explain",
        }
    }
}

/// Least privilege: anything not listed is refused. The role must also match the relation
/// (a relation is only ever computed for the asker's own role, but the check costs nothing
/// and means a wrong relation cannot widen access).
pub fn may(role: Role, relation: Relation, action: Act) -> bool {
    use Act::*;
    match (role, relation) {
        (Role::YoungPerson, Relation::Themselves) => {
            matches!(
                action,
                ViewScores
                    | RecordScore
                    | ViewAnswers
                    | GiveAnswers
                    | ViewPlan
                    | WritePlan
                    | AgreePlan
                    | ViewVoice
                    | GiveVoice
                    | ViewFeedback
                    | GiveFeedback
                    | SetSupport
                    | AskToExplain
            )
        }
        // Sharing scores does not share questionnaire answers: those stay between the young
        // person and their workers. The plan is the family's whatever is shared: parents
        // read it, write their part and agree it.
        (Role::ParentCarer, Relation::Carer { scores_shared }) => {
            (action == ViewScores && scores_shared)
                || matches!(
                    action,
                    ViewPlan | WritePlan | AgreePlan | ViewFeedback | GiveFeedback
                )
        }
        (Role::Worker, Relation::AllocatedWorker) => matches!(
            action,
            ViewScores
                | RecordScore
                | ViewRecord
                | ManageSignIn
                | IssueInvitation
                | ViewAnswers
                | ViewPlan
                | WritePlan
                | AgreePlan
                | ManagePlan
                | ViewVoice
                | AnswerVoice
                | ViewFeedback
                | AnswerFeedback
                | SetSupport
        ),
        // Managers read plans for quality assurance; the plan is written and agreed by the
        // people in it.
        (Role::Manager, Relation::TeamManager) => matches!(
            action,
            ViewScores
                | ViewRecord
                | ManageSignIn
                | IssueInvitation
                | ManageCase
                | ViewAudit
                | ViewAnswers
                | ViewPlan
                | ViewVoice
                | ViewFeedback
        ),
        // Administrators run accounts, not casework: no scores, plans or feedback, and no
        // sign-in codes, which would open the family's own pages to whoever holds one.
        (Role::Administrator, Relation::Administrator) => {
            matches!(action, ViewRecord | ManageSignIn | ManageCase | ViewAudit)
        }
        _ => false,
    }
}

/// How the asker stands to a cohort (one run of a programme).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CohortRelation {
    /// A worker running the cohort.
    Facilitator,
    /// A manager of the cohort's team.
    TeamManager,
    /// A current member (a young person).
    Member,
    /// Anyone else, including other workers of the same team.
    Unrelated,
}

/// The facts about one cohort that decide how someone stands to it, as the store reads
/// them (the cohort and the asker are already known to share an organisation).
#[derive(Clone, Copy, Debug, Default)]
pub struct CohortLinks {
    pub team: Option<crate::ids::TeamId>,
    pub asker_runs_it: bool,
    pub asker_is_member: bool,
}

impl CohortRelation {
    /// How `viewer` stands to a cohort, from the links between them.
    pub fn between(viewer: &crate::identity::Viewer, links: CohortLinks) -> CohortRelation {
        match viewer.role {
            Role::Worker if links.asker_runs_it => CohortRelation::Facilitator,
            Role::Manager if links.team.is_some() && links.team == viewer.team => {
                CohortRelation::TeamManager
            }
            Role::YoungPerson if links.asker_is_member => CohortRelation::Member,
            _ => CohortRelation::Unrelated,
        }
    }
}

/// What someone wants to do with a cohort.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CohortAct {
    /// See the cohort, its members, the register and the live session view with scores.
    View,
    /// Add or remove members, keep the register, note a missed start.
    Manage,
    /// Record a member's score for them (they have no phone with them).
    RecordForMember,
}

impl CohortAct {
    pub const ALL: [CohortAct; 3] = [
        CohortAct::View,
        CohortAct::Manage,
        CohortAct::RecordForMember,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CohortAct::View => "view_cohort",
            CohortAct::Manage => "manage_cohort",
            CohortAct::RecordForMember => "record_for_member",
        }
    }
}

/// Running a group is the facilitators' job; their manager oversees it but does not enter
/// scores. Members use their own pages, which are authorised as their own record.
pub fn may_cohort(role: Role, relation: CohortRelation, action: CohortAct) -> bool {
    match (role, relation) {
        (Role::Worker, CohortRelation::Facilitator) => true,
        (Role::Manager, CohortRelation::TeamManager) => {
            matches!(action, CohortAct::View | CohortAct::Manage)
        }
        _ => false,
    }
}

/// Starting a cohort: casework staff, for their own team.
pub fn may_start_cohort(role: Role) -> bool {
    matches!(role, Role::Worker | Role::Manager)
}

/// Cohort reports and the team overview: managers, for their own team. Workers see their
/// own cohorts and caseload; reports are the service-level picture.
pub fn may_see_reports(role: Role) -> bool {
    role == Role::Manager
}

/// Managing staff accounts (add, deactivate, reset a password) is for administrators.
pub fn may_manage_staff(role: Role) -> bool {
    role == Role::Administrator
}

/// Adding a young person to the service: casework staff (who then hold the case).
pub fn may_add_young_person(role: Role) -> bool {
    matches!(role, Role::Worker | Role::Manager)
}

/// Building and publishing the organisation's question sets is a manager's job.
pub fn may_build_question_sets(role: Role) -> bool {
    role == Role::Manager
}

/// Requiring a second factor for a team: its manager (or an administrator).
pub fn may_set_team_security(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Administrator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asker(role: Role, team: Option<crate::ids::TeamId>) -> crate::identity::Viewer {
        crate::identity::Viewer {
            person: crate::ids::PersonId(uuid::Uuid::from_u128(1)),
            role,
            given_name: "Asker".into(),
            team,
        }
    }

    #[test]
    fn a_cohort_relation_comes_only_from_running_managing_or_belonging() {
        let team = Some(crate::ids::TeamId(uuid::Uuid::from_u128(7)));
        let runs = CohortLinks {
            team,
            asker_runs_it: true,
            asker_is_member: false,
        };
        let none = CohortLinks {
            team,
            ..CohortLinks::default()
        };
        assert_eq!(
            CohortRelation::between(&asker(Role::Worker, team), runs),
            CohortRelation::Facilitator
        );
        // Another worker of the same team does not run this group.
        assert_eq!(
            CohortRelation::between(&asker(Role::Worker, team), none),
            CohortRelation::Unrelated
        );
        assert_eq!(
            CohortRelation::between(&asker(Role::Manager, team), none),
            CohortRelation::TeamManager
        );
        assert_eq!(
            CohortRelation::between(&asker(Role::Manager, None), none),
            CohortRelation::Unrelated
        );
        // A young person who has left is not a member.
        assert_eq!(
            CohortRelation::between(&asker(Role::YoungPerson, None), none),
            CohortRelation::Unrelated
        );
    }

    #[test]
    fn a_relation_comes_only_from_a_real_link() {
        let team = Some(crate::ids::TeamId(uuid::Uuid::from_u128(7)));
        let other_team = Some(crate::ids::TeamId(uuid::Uuid::from_u128(8)));
        let yp = crate::ids::PersonId(uuid::Uuid::from_u128(2));
        let links = Links {
            team,
            ..Links::default()
        };
        // A role alone gives nothing: a carer or worker must be linked to this child.
        assert_eq!(
            Relation::between(&asker(Role::ParentCarer, None), yp, links),
            Relation::Unrelated
        );
        assert_eq!(
            Relation::between(&asker(Role::Worker, team), yp, links),
            Relation::Unrelated
        );
        assert_eq!(
            Relation::between(&asker(Role::Manager, other_team), yp, links),
            Relation::Unrelated
        );
        assert_eq!(
            Relation::between(&asker(Role::Manager, team), yp, links),
            Relation::TeamManager
        );
        // A manager with no team does not manage a young person with no team.
        assert_eq!(
            Relation::between(&asker(Role::Manager, None), yp, Links::default()),
            Relation::Unrelated
        );
        let linked = Links {
            asker_is_linked_carer: true,
            shares_scores_with_carers: true,
            ..links
        };
        assert_eq!(
            Relation::between(&asker(Role::ParentCarer, None), yp, linked),
            Relation::Carer {
                scores_shared: true
            }
        );
        // Another young person is never "themselves".
        assert_eq!(
            Relation::between(&asker(Role::YoungPerson, None), yp, links),
            Relation::Unrelated
        );
    }

    #[test]
    fn only_facilitators_enter_scores_for_a_group() {
        for role in Role::ALL {
            for relation in [
                CohortRelation::TeamManager,
                CohortRelation::Member,
                CohortRelation::Unrelated,
            ] {
                assert!(!may_cohort(role, relation, CohortAct::RecordForMember));
            }
        }
        assert!(may_cohort(
            Role::Worker,
            CohortRelation::Facilitator,
            CohortAct::RecordForMember
        ));
        assert!(may_cohort(
            Role::Manager,
            CohortRelation::TeamManager,
            CohortAct::View
        ));
        // A young person in the group never sees the group's scores.
        for act in CohortAct::ALL {
            assert!(!may_cohort(Role::YoungPerson, CohortRelation::Member, act));
            assert!(!may_cohort(Role::Worker, CohortRelation::Unrelated, act));
            assert!(!may_cohort(
                Role::Administrator,
                CohortRelation::Unrelated,
                act
            ));
        }
    }

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
    fn feedback_is_given_by_the_family_and_answered_by_the_worker() {
        let carer = Relation::Carer {
            scores_shared: false,
        };
        assert!(may(
            Role::YoungPerson,
            Relation::Themselves,
            Act::GiveFeedback
        ));
        assert!(may(Role::ParentCarer, carer, Act::GiveFeedback));
        assert!(may(Role::ParentCarer, carer, Act::ViewFeedback));
        assert!(!may(Role::ParentCarer, carer, Act::AnswerFeedback));
        assert!(may(
            Role::Worker,
            Relation::AllocatedWorker,
            Act::AnswerFeedback
        ));
        assert!(!may(
            Role::Worker,
            Relation::AllocatedWorker,
            Act::GiveFeedback
        ));
        assert!(may(Role::Manager, Relation::TeamManager, Act::ViewFeedback));
        assert!(!may(
            Role::Manager,
            Relation::TeamManager,
            Act::AnswerFeedback
        ));
        assert!(!may(
            Role::Administrator,
            Relation::Administrator,
            Act::ViewFeedback
        ));
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
        // A sign-in code opens the family's pages: it would let them read casework.
        assert!(!may(
            Role::Administrator,
            Relation::Administrator,
            Act::IssueInvitation
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
    fn answers_are_given_only_by_the_young_person_and_never_reach_carers() {
        for role in Role::ALL {
            for relation in [
                Relation::Carer {
                    scores_shared: true,
                },
                Relation::AllocatedWorker,
                Relation::TeamManager,
                Relation::Administrator,
            ] {
                assert!(!may(role, relation, Act::GiveAnswers), "{role:?}");
            }
            assert!(!may(
                role,
                Relation::Carer {
                    scores_shared: true
                },
                Act::ViewAnswers
            ));
        }
        assert!(may(
            Role::YoungPerson,
            Relation::Themselves,
            Act::GiveAnswers
        ));
        assert!(may(
            Role::Worker,
            Relation::AllocatedWorker,
            Act::ViewAnswers
        ));
        assert!(!may(
            Role::Administrator,
            Relation::Administrator,
            Act::ViewAnswers
        ));
        assert!(may_build_question_sets(Role::Manager));
        assert!(!may_build_question_sets(Role::Worker));
    }

    #[test]
    fn what_a_young_person_thinks_never_reaches_parents() {
        for shared in [true, false] {
            let carer = Relation::Carer {
                scores_shared: shared,
            };
            for act in [Act::ViewVoice, Act::GiveVoice, Act::AnswerVoice] {
                assert!(!may(Role::ParentCarer, carer, act));
            }
        }
        assert!(may(Role::YoungPerson, Relation::Themselves, Act::GiveVoice));
        assert!(!may(
            Role::YoungPerson,
            Relation::Themselves,
            Act::AnswerVoice
        ));
        assert!(may(
            Role::Worker,
            Relation::AllocatedWorker,
            Act::AnswerVoice
        ));
        assert!(!may(
            Role::Worker,
            Relation::AllocatedWorker,
            Act::GiveVoice
        ));
        assert!(may(Role::Manager, Relation::TeamManager, Act::ViewVoice));
        assert!(!may(
            Role::Administrator,
            Relation::Administrator,
            Act::ViewVoice
        ));
    }

    #[test]
    fn the_plan_belongs_to_the_family_and_the_worker() {
        let carer = Relation::Carer {
            scores_shared: false,
        };
        for act in [Act::ViewPlan, Act::WritePlan, Act::AgreePlan] {
            assert!(may(Role::YoungPerson, Relation::Themselves, act));
            assert!(may(Role::ParentCarer, carer, act));
            assert!(may(Role::Worker, Relation::AllocatedWorker, act));
        }
        for (role, relation) in [
            (Role::YoungPerson, Relation::Themselves),
            (Role::ParentCarer, carer),
            (Role::Manager, Relation::TeamManager),
        ] {
            assert!(!may(role, relation, Act::ManagePlan), "{role:?}");
        }
        assert!(may(
            Role::Worker,
            Relation::AllocatedWorker,
            Act::ManagePlan
        ));
        assert!(may(Role::Manager, Relation::TeamManager, Act::ViewPlan));
        assert!(!may(Role::Manager, Relation::TeamManager, Act::AgreePlan));
        assert!(!may(
            Role::Administrator,
            Relation::Administrator,
            Act::ViewPlan
        ));
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
