//! End-of-intervention feedback read back, answered by the worker, and the managers'
//! bank of quotes given with consent. Giving feedback goes through
//! `questionnaires::save_answers`, like any question set.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::feedback::FeedbackPage;
use crate::identity::Viewer;
use crate::questionnaire::Quote;

#[server(prefix = "/api", endpoint = "feedback")]
pub async fn load_feedback(young_person: String) -> Result<FeedbackPage, AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{answer, current_language, store};
    use crate::feedback::{set_for, visible_to, worker_order};
    use crate::policy::Act;
    let result = async {
        let asker = checked::asker(&young_person, Act::ViewFeedback).await?;
        let people = checked::people(asker.young_person).await?;
        let mut responses = store()?
            .responses(asker.young_person, current_language())
            .await?;
        visible_to(&asker.viewer, &mut responses);
        let staff_view = asker.viewer.role.is_staff();
        if staff_view {
            worker_order(&mut responses);
        } else {
            // The giver has the page open: the worker's answers on it are read.
            store()?
                .mark_feedback_answers_read(asker.young_person, asker.viewer.person)
                .await?;
        }
        Ok(FeedbackPage {
            young_person: asker.young_person,
            young_person_name: people.young_person.name,
            staff_view,
            may_answer: asker.may(Act::AnswerFeedback),
            may_give: set_for(asker.viewer.role).filter(|_| asker.may(Act::GiveFeedback)),
            responses,
        })
    }
    .await;
    answer(result)
}

/// Marks feedback seen, or answers it: "you said, we did".
#[server(prefix = "/api", endpoint = "answer_feedback")]
pub async fn answer_feedback(
    young_person: String,
    feedback: String,
    response: Option<String>,
    action_taken: Option<String>,
    seen_only: Option<String>,
) -> Result<(), AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{finish_form, store, young_person_page};
    use crate::ids::ResponseId;
    use crate::policy::Act;
    use crate::voice::parse_reply;
    let page = young_person_page(&young_person, "/feedback");
    let result = async {
        let asker = checked::asker(&young_person, Act::AnswerFeedback).await?;
        let feedback = ResponseId::parse(&feedback).ok_or(AppError::NotFound)?;
        let answer = parse_reply(
            response.as_deref(),
            action_taken.as_deref(),
            seen_only.is_some(),
        )?;
        store()?
            .answer_feedback(&asker.viewer, asker.young_person, feedback, answer.as_ref())
            .await?
            .then_some(())
            .ok_or(AppError::NotFound)
    }
    .await;
    finish_form(&result, &page, None);
    result
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotesPage {
    pub viewer: Viewer,
    pub quotes: Vec<Quote>,
}

/// The team's consented quotes, for a manager writing a board report. Reading the bank is
/// audited like any report.
#[server(prefix = "/api", endpoint = "quotes")]
pub async fn load_quotes() -> Result<QuotesPage, AppError> {
    use crate::api::report::manager_team;
    use crate::api::server_side::{answer, store};
    let result = async {
        let (viewer, team) = manager_team("view_quotes", "quotes_bank").await?;
        let quotes = store()?.quotes(team).await?;
        Ok(QuotesPage { viewer, quotes })
    }
    .await;
    answer(result)
}
