//! A young person's plan: reading it, starting it, writing targets, and marking it ready to
//! agree. Agreeing is in `plan_agreement.rs`, reviews in `plan_review.rs`.

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::identity::Role;
use crate::ids::PersonId;
use crate::plan::{KeptEdit, Part, PlanPage, Target};

/// The page for writing one target (or adding one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetEditor {
    pub young_person: PersonId,
    pub young_person_name: String,
    pub worker_name: Option<String>,
    pub viewer_role: Role,
    pub writes: Vec<Part>,
    pub may_manage: bool,
    /// `None` when adding a target.
    pub target: Option<Target>,
    /// What this person typed and could not save last time.
    pub kept: Option<KeptEdit>,
}

#[cfg(feature = "ssr")]
pub(crate) mod checked {
    use super::*;
    use crate::api::server_side::{authorise, store, viewer};
    use crate::identity::Viewer;
    use crate::policy::{self, Act};

    /// The asker, the young person, and what the policy lets the asker do with the plan.
    pub struct Asker {
        pub viewer: Viewer,
        pub young_person: PersonId,
        pub relation: policy::Relation,
    }

    impl Asker {
        pub fn may(&self, act: Act) -> bool {
            policy::may(self.viewer.role, self.relation, act)
        }

        pub fn writes(&self) -> Vec<Part> {
            if self.may(Act::WritePlan) {
                Part::written_by_role(self.viewer.role)
            } else {
                Vec::new()
            }
        }
    }

    pub async fn asker(young_person: &str, act: Act) -> Result<Asker, AppError> {
        let viewer = viewer().await?;
        let young_person = PersonId::parse(young_person).ok_or(AppError::NotFound)?;
        let relation = authorise(&viewer, young_person, act).await?;
        Ok(Asker {
            viewer,
            young_person,
            relation,
        })
    }

    /// The plan's people, for pages and for the agreement status.
    pub async fn people(young_person: PersonId) -> Result<crate::store::PlanPeople, AppError> {
        store()?
            .plan_people(young_person)
            .await?
            .ok_or(AppError::NotFound)
    }
}

#[server(prefix = "/api", endpoint = "plan")]
pub async fn load_plan(young_person: String) -> Result<PlanPage, AppError> {
    use crate::api::server_side::{answer, store};
    use crate::plan::{self, PlanState};
    use crate::policy::Act;
    let result = async {
        let asker = checked::asker(&young_person, Act::ViewPlan).await?;
        let store = store()?;
        let people = checked::people(asker.young_person).await?;
        let parties = people.parties();
        let plan = match store.plan(asker.young_person).await? {
            None => None,
            Some(stored) => {
                let changed_since = match plan::agreed_earlier(
                    &stored.responses,
                    asker.viewer.person,
                    stored.version,
                ) {
                    Some(earlier) => store
                        .plan_version(asker.young_person, earlier)
                        .await?
                        .map(|before| (earlier, plan::changes(&before, &stored.content))),
                    None => None,
                };
                let open = stored.reviews.iter().any(|r| r.closed_at.is_none());
                let review_due = plan::review_due(stored.next_review, stored.today, open);
                Some(PlanState {
                    status: plan::status(
                        stored.ready,
                        stored.version,
                        &parties,
                        &stored.responses,
                        review_due,
                    ),
                    disagreement: plan::disagreement(&stored.responses, &parties, stored.version),
                    version: stored.version,
                    ready: stored.ready,
                    content: stored.content,
                    hash: stored.hash,
                    responses: stored.responses,
                    changed_since,
                    next_review: stored.next_review,
                    review_every_days: stored.review_every_days,
                    review_due,
                    reviews: stored.reviews,
                    scores: stored.scores,
                })
            }
        };
        Ok(PlanPage {
            young_person: asker.young_person,
            young_person_name: people.young_person.name.clone(),
            worker_name: people.workers.first().map(|w| w.name.clone()),
            viewer: asker.viewer.person,
            viewer_role: asker.viewer.role,
            writes: asker.writes(),
            may_agree: asker.may(Act::AgreePlan),
            may_manage: asker.may(Act::ManagePlan),
            parties,
            plan,
            support: crate::api::server_side::communication_support(&asker.viewer).await?,
        })
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "start_plan")]
pub async fn start_plan(young_person: String) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, plan_changes};
    use crate::policy::Act;
    let result = async {
        let asker = checked::asker(&young_person, Act::ManagePlan).await?;
        plan_changes()?
            .start_plan(&asker.viewer, asker.young_person)
            .await?
            .map_err(AppError::Invalid)?;
        Ok(format!("{}/targets/new", plan_page(&young_person)))
    }
    .await;
    let done = result.as_ref().ok().cloned();
    finish_form(&result, &plan_page(&young_person), done.as_deref());
    result.map(|_| ())
}

#[cfg(feature = "ssr")]
pub(crate) fn plan_page(young_person: &str) -> String {
    crate::api::server_side::young_person_page(young_person, "/plan")
}

#[server(prefix = "/api", endpoint = "plan_target")]
pub async fn load_target_editor(
    young_person: String,
    target: Option<String>,
) -> Result<TargetEditor, AppError> {
    use crate::api::server_side::{answer, store};
    use crate::policy::Act;
    let result = async {
        let asker = checked::asker(&young_person, Act::WritePlan).await?;
        let store = store()?;
        let plan = store
            .plan(asker.young_person)
            .await?
            .ok_or(AppError::NotFound)?;
        let target = match target.as_deref().filter(|t| *t != "new") {
            Some(key) => Some(
                plan.content
                    .target(key)
                    .cloned()
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        let key = target.as_ref().map(|t| t.key.as_str());
        let kept = store
            .kept_edit(&asker.viewer, asker.young_person, key)
            .await?;
        let people = checked::people(asker.young_person).await?;
        Ok(TargetEditor {
            young_person: asker.young_person,
            young_person_name: people.young_person.name,
            worker_name: people.workers.first().map(|w| w.name.clone()),
            viewer_role: asker.viewer.role,
            writes: asker.writes(),
            may_manage: asker.may(Act::ManagePlan),
            target,
            kept,
        })
    }
    .await;
    answer(result)
}

/// Saves one target. Each part arrives twice: `mine[part]`, what the person wants it to
/// say, and `was[part]`, what it said when they opened it, so that a change made by
/// someone else meanwhile is merged or shown, never overwritten. `key` is the offline
/// queue's; a resend merges to the same result, so it needs no claim.
#[server(prefix = "/api", endpoint = "save_target")]
pub async fn save_target(
    young_person: String,
    target: Option<String>,
    mine: Option<HashMap<String, String>>,
    was: Option<HashMap<String, String>>,
    status: Option<String>,
    key: Option<String>,
) -> Result<(), AppError> {
    use crate::api::server_side::{address_part, finish_form, plan_changes};
    use crate::error::Problem;
    use crate::plan::{Author, PartEdit, TargetEdit, TargetStatus};
    use crate::policy::Act;
    let _ = key;
    let target = target.filter(|t| !t.trim().is_empty() && t != "new");
    let form_page = format!(
        "{}/targets/{}",
        plan_page(&young_person),
        target.as_deref().map(address_part).unwrap_or("new".into())
    );
    let result = async {
        let asker = checked::asker(&young_person, Act::WritePlan).await?;
        let status = match status.as_deref().filter(|s| !s.is_empty()) {
            Some(raw) => Some(
                TargetStatus::parse(raw).ok_or(AppError::Invalid(Problem::TargetStatusInvalid))?,
            ),
            None => None,
        };
        let (mine, was) = (mine.unwrap_or_default(), was.unwrap_or_default());
        let parts = mine
            .iter()
            .filter_map(|(name, text)| {
                let part = Part::parse(name)?;
                Some(PartEdit {
                    part,
                    mine: text.clone(),
                    was: was.get(name).cloned().unwrap_or_default(),
                })
            })
            .collect();
        let edit = TargetEdit {
            key: target.clone(),
            parts,
            status,
        };
        let author = Author {
            person: asker.viewer.person,
            name: asker.viewer.given_name.clone(),
            role: asker.viewer.role,
        };
        let key = plan_changes()?
            .edit_target(&asker.viewer, asker.young_person, &author, &edit)
            .await?
            .map_err(|problem| match problem {
                Problem::TargetStatusInvalid if edit.status.is_none() => AppError::NotFound,
                other => AppError::Invalid(other),
            })?;
        Ok(format!(
            "{}?saved={key}#target-{key}",
            plan_page(&young_person)
        ))
    }
    .await;
    let done = result.as_ref().ok().cloned();
    finish_form(&result, &form_page, done.as_deref());
    result.map(|_| ())
}

/// The worker moves a target up or down the list (its number is its priority).
#[server(prefix = "/api", endpoint = "move_target")]
pub async fn move_target(
    young_person: String,
    target: String,
    direction: String,
) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, plan_changes};
    use crate::error::Problem;
    use crate::policy::Act;
    let page = plan_page(&young_person);
    let result = async {
        let asker = checked::asker(&young_person, Act::ManagePlan).await?;
        let up = match direction.trim() {
            "up" => true,
            "down" => false,
            _ => return Err(AppError::Malformed("direction is up or down".into())),
        };
        plan_changes()?
            .move_target(&asker.viewer, asker.young_person, target.trim(), up)
            .await?
            .map_err(|p| match p {
                Problem::TargetStatusInvalid => AppError::NotFound,
                other => AppError::Invalid(other),
            })
    }
    .await;
    finish_form(&result, &page, None);
    result
}

/// The worker marks the plan "ready to agree". `hash` names the words they read, so a plan
/// changed meanwhile is not marked ready unread.
#[server(prefix = "/api", endpoint = "plan_ready")]
pub async fn mark_plan_ready(young_person: String, hash: String) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, plan_changes};
    use crate::policy::Act;
    let result = async {
        let asker = checked::asker(&young_person, Act::ManagePlan).await?;
        plan_changes()?
            .mark_ready(&asker.viewer, asker.young_person, hash.trim())
            .await?
            .map_err(AppError::Invalid)
    }
    .await;
    finish_form(&result, &plan_page(&young_person), None);
    result
}
