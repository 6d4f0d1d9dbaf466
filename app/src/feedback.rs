//! End-of-intervention feedback: what a young person, and separately each parent/carer,
//! thought of the help they had, in 0–10 scales and their own words; whether those words
//! may be quoted without a name; and the worker's answer ("you said, we did").
//!
//! Feedback is a question set like any other (managers edit it in the builder), so the
//! answering and parsing are the questionnaire's. What is particular to feedback is here:
//! who sees which, and the order a worker reads them in.

use serde::{Deserialize, Serialize};

use crate::identity::{Role, Viewer};
use crate::ids::PersonId;
use crate::questionnaire::{ResponseView, SetPurpose};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackPage {
    pub young_person: PersonId,
    pub young_person_name: String,
    pub staff_view: bool,
    pub may_answer: bool,
    /// The set the viewer may give about this young person, if any.
    pub may_give: Option<SetPurpose>,
    pub responses: Vec<ResponseView>,
}

pub fn feedback_href(young_person: PersonId) -> String {
    format!("/young-people/{young_person}/feedback")
}

/// What a viewer may read of the feedback about one young person, already allowed to see
/// feedback at all: staff read everyone's; the young person and each parent/carer read
/// only their own. A young person never reads their parent's feedback, nor a parent theirs.
pub fn visible_to(viewer: &Viewer, responses: &mut Vec<ResponseView>) {
    responses.retain(|r| r.purpose.is_feedback());
    if !viewer.role.is_staff() {
        responses.retain(|r| r.given_by == viewer.person);
    }
}

/// The set someone gives, by their role: `None` for staff.
pub fn set_for(role: Role) -> Option<SetPurpose> {
    match role {
        Role::YoungPerson => Some(SetPurpose::YoungPersonFeedback),
        Role::ParentCarer => Some(SetPurpose::CarerFeedback),
        _ => None,
    }
}

/// The worker's order: not yet seen, then seen but not answered, then the rest; newest
/// first within each.
pub fn worker_order(responses: &mut [ResponseView]) {
    responses.sort_by(|a, b| {
        let rank = |r: &ResponseView| (r.reply.seen(), r.reply.answered());
        (rank(a), &b.submitted_at).cmp(&(rank(b), &a.submitted_at))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ResponseId;
    use crate::voice::Reply;
    use uuid::Uuid;

    fn response(
        n: u128,
        purpose: SetPurpose,
        by: u128,
        seen: bool,
        answered: bool,
        at: &str,
    ) -> ResponseView {
        ResponseView {
            id: ResponseId(Uuid::from_u128(n)),
            title: "Feedback".into(),
            purpose,
            version: 1,
            programme: None,
            submitted_at: at.into(),
            items: Vec::new(),
            given_by: PersonId(Uuid::from_u128(by)),
            given_by_name: "Someone".into(),
            given_by_role: if purpose == SetPurpose::CarerFeedback {
                Role::ParentCarer
            } else {
                Role::YoungPerson
            },
            share_words: false,
            reply: Reply {
                seen_at: seen.then(|| "x".into()),
                response: answered.then(|| "Thank you".into()),
                ..Reply::default()
            },
        }
    }

    fn viewer(role: Role, person: u128) -> Viewer {
        Viewer {
            person: PersonId(Uuid::from_u128(person)),
            role,
            given_name: "Viewer".into(),
            team: None,
        }
    }

    #[test]
    fn each_family_member_reads_only_their_own_feedback() {
        let all = vec![
            response(
                1,
                SetPurpose::YoungPersonFeedback,
                10,
                false,
                false,
                "2026-11-01",
            ),
            response(2, SetPurpose::CarerFeedback, 20, false, false, "2026-11-02"),
            response(3, SetPurpose::CarerFeedback, 21, false, false, "2026-11-03"),
            response(
                4,
                SetPurpose::SelfAssessment,
                10,
                false,
                false,
                "2026-11-04",
            ),
        ];
        let ids = |v: &Viewer| {
            let mut r = all.clone();
            visible_to(v, &mut r);
            r.iter().map(|r| r.id.0.as_u128()).collect::<Vec<_>>()
        };
        assert_eq!(ids(&viewer(Role::YoungPerson, 10)), vec![1]);
        assert_eq!(ids(&viewer(Role::ParentCarer, 20)), vec![2]);
        assert_eq!(ids(&viewer(Role::ParentCarer, 21)), vec![3]);
        assert_eq!(
            ids(&viewer(Role::Worker, 30)),
            vec![1, 2, 3],
            "not the self-assessment"
        );
    }

    #[test]
    fn workers_read_unseen_then_unanswered_then_the_rest() {
        let mut list = vec![
            response(
                1,
                SetPurpose::YoungPersonFeedback,
                10,
                true,
                true,
                "2026-11-05",
            ),
            response(2, SetPurpose::CarerFeedback, 20, true, false, "2026-11-04"),
            response(3, SetPurpose::CarerFeedback, 21, false, false, "2026-11-01"),
            response(4, SetPurpose::CarerFeedback, 22, false, false, "2026-11-03"),
        ];
        worker_order(&mut list);
        let order: Vec<u128> = list.iter().map(|r| r.id.0.as_u128()).collect();
        assert_eq!(order, vec![4, 3, 2, 1]);
    }

    #[test]
    fn the_set_follows_the_role() {
        assert_eq!(
            set_for(Role::YoungPerson),
            Some(SetPurpose::YoungPersonFeedback)
        );
        assert_eq!(set_for(Role::ParentCarer), Some(SetPurpose::CarerFeedback));
        assert_eq!(set_for(Role::Worker), None);
        for purpose in [SetPurpose::YoungPersonFeedback, SetPurpose::CarerFeedback] {
            assert_eq!(set_for(purpose.answered_by()), Some(purpose));
        }
    }
}
