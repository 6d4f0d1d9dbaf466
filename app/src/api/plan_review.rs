//! Plan reviews: the worker sets when they fall due and opens and closes them; while one is
//! open, the young person, each parent/carer and the worker score each target 0–10 for
//! progress, separately.

use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
fn review_page(young_person: &str) -> String {
    crate::api::server_side::young_person_page(young_person, "/plan/review")
}

#[cfg(feature = "ssr")]
use crate::api::plan::plan_page;

#[cfg(feature = "ssr")]
fn date(raw: &str) -> Result<crate::calendar::CalendarDate, AppError> {
    crate::calendar::CalendarDate::parse_typed(raw)
        .ok_or(AppError::Invalid(crate::error::Problem::DateInvalid))
}

/// When the next review falls due, and how many weeks apart reviews are.
#[server(prefix = "/api", endpoint = "schedule_review")]
pub async fn schedule_review(
    young_person: String,
    next_review: String,
    every_weeks: String,
) -> Result<(), AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{finish_form, store};
    use crate::error::Problem;
    use crate::policy::Act;
    let result = async {
        let asker = checked::asker(&young_person, Act::ManagePlan).await?;
        let next = date(&next_review)?;
        let weeks: u32 = every_weeks
            .trim()
            .parse()
            .ok()
            .filter(|w| (1..=52).contains(w))
            .ok_or(AppError::Invalid(Problem::ReviewIntervalInvalid))?;
        store()?
            .schedule_review(&asker.viewer, asker.young_person, next, weeks * 7)
            .await?
            .map_err(AppError::Invalid)
    }
    .await;
    finish_form(&result, &plan_page(&young_person), None);
    result
}

#[server(prefix = "/api", endpoint = "open_review")]
pub async fn open_review(young_person: String) -> Result<(), AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{finish_form, store};
    use crate::policy::Act;
    let result = async {
        let asker = checked::asker(&young_person, Act::ManagePlan).await?;
        store()?
            .open_review(&asker.viewer, asker.young_person)
            .await?
            .map_err(AppError::Invalid)?;
        Ok(review_page(&young_person))
    }
    .await;
    let done = result.as_ref().ok().cloned();
    finish_form(&result, &plan_page(&young_person), done.as_deref());
    result.map(|_| ())
}

#[server(prefix = "/api", endpoint = "close_review")]
pub async fn close_review(young_person: String, next_review: String) -> Result<(), AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{finish_form, store};
    use crate::policy::Act;
    let result = async {
        let asker = checked::asker(&young_person, Act::ManagePlan).await?;
        let next = date(&next_review)?;
        store()?
            .close_review(&asker.viewer, asker.young_person, next)
            .await?
            .map_err(AppError::Invalid)?;
        Ok(plan_page(&young_person))
    }
    .await;
    let done = result.as_ref().ok().cloned();
    finish_form(&result, &review_page(&young_person), done.as_deref());
    result.map(|_| ())
}

/// One person's progress score for one target at the open review.
#[server(prefix = "/api", endpoint = "score_target")]
pub async fn score_target(
    young_person: String,
    review: String,
    target: String,
    score: Option<String>,
    comment: Option<String>,
) -> Result<(), AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{finish_form, store};
    use crate::error::Problem;
    use crate::plan;
    use crate::policy::Act;
    use crate::scaling::Score;
    use crate::store::NewReviewScore;
    let result = async {
        let asker = checked::asker(&young_person, Act::AgreePlan).await?;
        let review: u32 = review
            .trim()
            .parse()
            .map_err(|_| AppError::Invalid(Problem::ReviewNotOpen))?;
        let score = Score::parse(score.as_deref())?;
        let comment = plan::comment(comment.as_deref(), false)?;
        store()?
            .score_target(
                &asker.viewer,
                asker.young_person,
                NewReviewScore {
                    review,
                    target: target.trim().to_owned(),
                    score,
                    comment,
                },
            )
            .await?
            .map_err(AppError::Invalid)
    }
    .await;
    finish_form(&result, &review_page(&young_person), None);
    result
}
