//! Changes to a co-produced plan, once for every database engine: the merge of one
//! person's edit into the words read, the hash an agreement records, and which refusals
//! are kept or audited. Each change is saved only if the version it was made from is
//! still the current one; if someone else saved first, it is read and merged again, so
//! two people typing at once through different servers lose no words (a real clash of
//! the same words is refused and kept, as it always was).

use std::sync::Arc;

use async_trait::async_trait;

use app::calendar::CalendarDate;
use app::error::Problem;
use app::identity::Viewer;
use app::ids::PersonId;
use app::plan::{
    apply_edit, move_target, Author, Decision, EditRefused, KeptEdit, PartProblem, PlanContent,
    TargetEdit, REVIEW_EVERY_DAYS,
};
use app::store::{Outcome, PlanChanges, StoreError};

use crate::auth::sha256_hex;
use crate::clock;

pub mod records;

use records::{NewWords, PlanHead, PlanRecords};

/// Lost races before giving up and asking the person to look again. Each one means
/// another change was saved in between, so reaching this takes a crowd typing at once.
const MOST_TRIES: usize = 8;

/// The hash an agreement records: SHA-256 of the words everyone agrees to.
pub fn content_hash(content: &PlanContent) -> String {
    sha256_hex(&content.agreed_text())
}

/// Which of the person's problems to name first: the one they can least see for themselves.
fn refusal_problem(refused: &EditRefused) -> Problem {
    match refused {
        EditRefused::NoSuchTarget => Problem::TargetStatusInvalid,
        EditRefused::TooManyTargets => Problem::PlanTooManyTargets,
        EditRefused::StatusNotYours => Problem::NotAllowed,
        EditRefused::Parts(parts) => {
            let has = |p: PartProblem| parts.iter().any(|(_, e)| *e == p);
            if has(PartProblem::NotYours) {
                Problem::PlanPartNotYours
            } else if has(PartProblem::Conflict) {
                Problem::PlanConflict
            } else if has(PartProblem::TooLong) {
                Problem::PlanTextTooLong
            } else {
                Problem::PlanTargetEmpty
            }
        }
    }
}

fn today() -> Result<CalendarDate, StoreError> {
    CalendarDate::of_timestamp(&clock::now())
        .ok_or_else(|| StoreError("the clock gave no date".into()))
}

pub struct PlanEditor {
    records: Arc<dyn PlanRecords>,
}

impl PlanEditor {
    pub fn new(records: Arc<dyn PlanRecords>) -> Self {
        PlanEditor { records }
    }

    /// Saves what `change` makes of the current words, reading and changing again each
    /// time another change was saved first. `change` answers the new words, or `None` if
    /// there is nothing to save; the version's head is passed back with the result.
    async fn save_change<T>(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        missing: Problem,
        change: impl Fn(&PlanHead) -> Result<(Option<PlanContent>, T), Problem> + Send + Sync,
    ) -> Outcome<(PlanHead, T)>
    where
        T: Send,
    {
        for _ in 0..MOST_TRIES {
            let Some(head) = self.records.plan_head(young_person).await? else {
                return Ok(Err(missing));
            };
            let (words, answer) = match change(&head) {
                Ok(changed) => changed,
                Err(problem) => return Ok(Err(problem)),
            };
            let Some(words) = words else {
                return Ok(Ok((head, answer)));
            };
            let hash = content_hash(&words);
            let new = NewWords {
                content: &words,
                hash: &hash,
            };
            if self
                .records
                .save_words(viewer, young_person, &head, new)
                .await?
                .is_some()
            {
                return Ok(Ok((head, answer)));
            }
        }
        Ok(Err(Problem::PlanChanged))
    }
}

#[async_trait]
impl PlanChanges for PlanEditor {
    async fn start_plan(&self, viewer: &Viewer, young_person: PersonId) -> Outcome<()> {
        let first_review = today()?
            .plus_days(REVIEW_EVERY_DAYS)
            .ok_or_else(|| StoreError("review date out of range".into()))?;
        let empty = PlanContent::default();
        let hash = content_hash(&empty);
        let words = NewWords {
            content: &empty,
            hash: &hash,
        };
        Ok(
            if self
                .records
                .create_plan(viewer, young_person, words, REVIEW_EVERY_DAYS, first_review)
                .await?
            {
                Ok(())
            } else {
                Err(Problem::PlanExists)
            },
        )
    }

    async fn edit_target(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        author: &Author,
        edit: &TargetEdit,
    ) -> Outcome<String> {
        let kept = KeptEdit::key(edit.key.as_deref());
        let saved = self
            .save_change(viewer, young_person, Problem::PlanNotReady, |head| {
                let mut content = head.content.clone();
                Ok(match apply_edit(&mut content, edit, author) {
                    Ok((key, changed)) => (changed.then_some(content), Ok(key)),
                    Err(refused) => (None, Err(refused)),
                })
            })
            .await?;
        let (head, result) = match saved {
            Ok(saved) => saved,
            Err(problem) => return Ok(Err(problem)),
        };
        match result {
            Ok(key) => {
                self.records
                    .forget_kept_edit(viewer, young_person, &head.plan, kept)
                    .await?;
                Ok(Ok(key))
            }
            Err(refused) => {
                let problem = refusal_problem(&refused);
                // Someone tried to write another person's words: worth a denied row.
                let denied = problem == Problem::PlanPartNotYours;
                if refused != EditRefused::NoSuchTarget {
                    let kept_edit = KeptEdit {
                        edit: edit.clone(),
                        refused,
                    };
                    self.records
                        .keep_edit(viewer, young_person, &head.plan, kept, &kept_edit, denied)
                        .await?;
                }
                Ok(Err(problem))
            }
        }
    }

    async fn move_target(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        target: &str,
        up: bool,
    ) -> Outcome<()> {
        Ok(self
            .save_change(viewer, young_person, Problem::PlanNotReady, |head| {
                let mut content = head.content.clone();
                match move_target(&mut content, target, up) {
                    Err(_) => Err(Problem::TargetStatusInvalid),
                    Ok(moved) => Ok((moved.then_some(content), ())),
                }
            })
            .await?
            .map(|_| ()))
    }

    async fn mark_ready(&self, viewer: &Viewer, young_person: PersonId, hash: &str) -> Outcome<()> {
        let Some(head) = self.records.plan_head(young_person).await? else {
            return Ok(Err(Problem::PlanIncomplete));
        };
        // Marked ready only if these are the words the worker read.
        if head.hash != hash {
            return Ok(Err(Problem::PlanChanged));
        }
        if head.content.incomplete() {
            return Ok(Err(Problem::PlanIncomplete));
        }
        Ok(
            if self.records.mark_ready(viewer, young_person, &head).await? {
                Ok(())
            } else {
                Err(Problem::PlanChanged)
            },
        )
    }

    async fn respond_to_plan(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        hash: &str,
        decision: Decision,
        comment: Option<String>,
    ) -> Outcome<()> {
        let Some(head) = self.records.plan_head(young_person).await? else {
            return Ok(Err(Problem::PlanNotReady));
        };
        // An answer is to the words the person read, and to nothing else.
        if head.hash != hash {
            return Ok(Err(Problem::PlanChanged));
        }
        if !head.ready {
            return Ok(Err(Problem::PlanNotReady));
        }
        Ok(
            if self
                .records
                .record_response(viewer, young_person, &head, decision, comment.as_deref())
                .await?
            {
                Ok(())
            } else {
                Err(Problem::PlanChanged)
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_part_problem_is_named_first() {
        let parts = |ps: &[PartProblem]| {
            EditRefused::Parts(ps.iter().map(|p| (app::plan::Part::IWill, *p)).collect())
        };
        assert_eq!(
            refusal_problem(&parts(&[PartProblem::TooLong, PartProblem::NotYours])),
            Problem::PlanPartNotYours
        );
        assert_eq!(
            refusal_problem(&parts(&[PartProblem::TooLong, PartProblem::Conflict])),
            Problem::PlanConflict
        );
        assert_eq!(
            refusal_problem(&EditRefused::NoSuchTarget),
            Problem::TargetStatusInvalid
        );
    }

    /// An in-memory plan where another person's edit lands between each read and the
    /// first save after it, as when two servers save the same plan at once.
    struct Racing {
        state: std::sync::Mutex<RacingState>,
    }

    struct RacingState {
        content: PlanContent,
        /// Someone else's edit, saved just before ours the first time we try.
        interloper: Option<(TargetEdit, Author)>,
        lost: u32,
    }

    fn stored(content: &PlanContent) -> String {
        serde_json::to_string(content).expect("a plan serialises")
    }

    #[async_trait]
    impl PlanRecords for Racing {
        async fn plan_head(&self, _: PersonId) -> Result<Option<PlanHead>, StoreError> {
            let state = self.state.lock().expect("not poisoned");
            Ok(Some(PlanHead {
                plan: "plan".into(),
                version: 1,
                ready: false,
                content: state.content.clone(),
                stored: stored(&state.content),
                hash: content_hash(&state.content),
                answered: false,
            }))
        }

        async fn create_plan(
            &self,
            _: &Viewer,
            _: PersonId,
            _: NewWords<'_>,
            _: u32,
            _: CalendarDate,
        ) -> Result<bool, StoreError> {
            Ok(false)
        }

        async fn save_words(
            &self,
            _: &Viewer,
            _: PersonId,
            from: &PlanHead,
            words: NewWords<'_>,
        ) -> Result<Option<u32>, StoreError> {
            let mut state = self.state.lock().expect("not poisoned");
            if let Some((edit, author)) = state.interloper.take() {
                apply_edit(&mut state.content, &edit, &author).expect("the other edit applies");
            }
            if from.stored != stored(&state.content) {
                state.lost += 1;
                return Ok(None);
            }
            state.content = words.content.clone();
            Ok(Some(1))
        }

        async fn forget_kept_edit(
            &self,
            _: &Viewer,
            _: PersonId,
            _: &str,
            _: &str,
        ) -> Result<(), StoreError> {
            Ok(())
        }

        async fn keep_edit(
            &self,
            _: &Viewer,
            _: PersonId,
            _: &str,
            _: &str,
            _: &KeptEdit,
            _: bool,
        ) -> Result<(), StoreError> {
            Ok(())
        }

        async fn mark_ready(
            &self,
            _: &Viewer,
            _: PersonId,
            _: &PlanHead,
        ) -> Result<bool, StoreError> {
            Ok(false)
        }

        async fn record_response(
            &self,
            _: &Viewer,
            _: PersonId,
            _: &PlanHead,
            _: Decision,
            _: Option<&str>,
        ) -> Result<bool, StoreError> {
            Ok(false)
        }
    }

    fn someone(n: u128, role: app::identity::Role, name: &str) -> (Viewer, Author) {
        let person = PersonId(uuid::Uuid::from_u128(n));
        let viewer = Viewer {
            person,
            role,
            given_name: name.into(),
            team: None,
        };
        let author = Author {
            person,
            name: name.into(),
            role,
        };
        (viewer, author)
    }

    fn write(key: &str, part: app::plan::Part, mine: &str) -> TargetEdit {
        TargetEdit {
            key: Some(key.into()),
            parts: vec![app::plan::PartEdit {
                part,
                mine: mine.into(),
                was: String::new(),
            }],
            status: None,
        }
    }

    #[tokio::test]
    async fn a_save_that_loses_a_race_is_merged_again_and_both_peoples_words_stay() {
        use app::identity::Role;
        use app::plan::Part;
        let (_, worker) = someone(3, Role::Worker, "Jo");
        let (young_viewer, young) = someone(1, Role::YoungPerson, "Amara");
        let (_, carer) = someone(2, Role::ParentCarer, "Colm");
        let mut content = PlanContent::default();
        let new_target = TargetEdit {
            key: None,
            ..write("", Part::Target, "Get to school on time")
        };
        let (key, _) = apply_edit(&mut content, &new_target, &worker).expect("a new target");
        let records = Arc::new(Racing {
            state: std::sync::Mutex::new(RacingState {
                content,
                interloper: Some((write(&key, Part::CarerWill, "Wake Amara at 7"), carer)),
                lost: 0,
            }),
        });
        let editor = PlanEditor::new(records.clone());
        let saved = editor
            .edit_target(
                &young_viewer,
                young.person,
                &young,
                &write(&key, Part::IWill, "Set an alarm"),
            )
            .await
            .expect("no store error");
        assert_eq!(saved, Ok(key.clone()));
        let state = records.state.lock().expect("not poisoned");
        assert_eq!(state.lost, 1, "the first save lost the race");
        let target = state.content.target(&key).expect("the target is there");
        assert_eq!(target.carer_will.text, "Wake Amara at 7");
        assert_eq!(target.i_will.text, "Set an alarm");
        assert_eq!(target.target.text, "Get to school on time");
    }
}
