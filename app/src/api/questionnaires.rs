//! A young person answering a questionnaire (pre/post programme, self-assessment), and
//! their answers read back by them and by the staff who may see them.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::error::AppError;
use crate::questionnaire::{QuestionnaireView, ResponseView};

#[cfg(feature = "ssr")]
mod checked {
    use super::*;
    use crate::error::Problem;
    use crate::identity::Viewer;
    use crate::ids::{CohortId, PersonId};
    use crate::questionnaire::SetPurpose;

    pub struct Address {
        pub young_person: PersonId,
        pub purpose: SetPurpose,
        pub cohort: Option<CohortId>,
    }

    /// A questionnaire's address. Pre/post programme questionnaires belong to one run of a
    /// programme; the self-assessment to none.
    pub fn address(
        young_person: &str,
        purpose: &str,
        cohort: Option<&str>,
    ) -> Result<Address, AppError> {
        let young_person = PersonId::parse(young_person).ok_or(AppError::NotFound)?;
        let purpose =
            SetPurpose::parse(purpose).ok_or(AppError::Invalid(Problem::PurposeInvalid))?;
        let cohort = match cohort.map(str::trim).filter(|c| !c.is_empty()) {
            Some(raw) => Some(CohortId::parse(raw).ok_or(AppError::NotFound)?),
            None => None,
        };
        if purpose.needs_cohort() != cohort.is_some() {
            return Err(AppError::NotFound);
        }
        Ok(Address {
            young_person,
            purpose,
            cohort,
        })
    }

    /// Feedback is given by the person it is from (a parent/carer gives the carers' set,
    /// the young person theirs); everything else is the young person's to answer.
    pub async fn may_give(viewer: &Viewer, at: &Address) -> Result<(), AppError> {
        use crate::api::server_side::authorise;
        use crate::policy::Act;
        let act = if at.purpose.is_feedback() {
            Act::GiveFeedback
        } else {
            Act::GiveAnswers
        };
        authorise(viewer, at.young_person, act).await?;
        if viewer.role == at.purpose.answered_by() {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}

#[server(prefix = "/api", endpoint = "questionnaire")]
pub async fn load_questionnaire(
    young_person: String,
    purpose: String,
    cohort: Option<String>,
) -> Result<QuestionnaireView, AppError> {
    use crate::api::server_side::{answer, current_language, store, viewer};
    let result = async {
        let viewer = viewer().await?;
        let at = checked::address(&young_person, &purpose, cohort.as_deref())?;
        checked::may_give(&viewer, &at).await?;
        let store = store()?;
        let programme = match at.cohort {
            Some(cohort) => {
                let home = store
                    .young_person_home(&viewer, crate::language::Language::English)
                    .await?;
                let programme = home
                    .programmes
                    .into_iter()
                    .find(|p| p.cohort == cohort)
                    .ok_or(AppError::NotFound)?;
                Some(programme.programme)
            }
            None => None,
        };
        let version = store
            .current_version(at.young_person, at.purpose)
            .await?
            .ok_or(AppError::NotFound)?;
        let last_answered = store
            .last_answered(at.young_person, at.purpose, at.cohort)
            .await?;
        let worded = version.worded_in(current_language());
        Ok(QuestionnaireView {
            young_person: at.young_person,
            cohort: at.cohort,
            programme,
            version: worded.version,
            title_in_english: worded.title_in_english,
            in_english: worded.in_english,
            last_answered,
            support: crate::api::server_side::communication_support(&viewer).await?,
        })
    }
    .await;
    answer(result)
}

/// Saves a whole questionnaire. Every answer arrives as `answers[key][]` (a list, because
/// a multiple-choice question sends several), and is parsed against the version that was
/// shown, which is named in the form: a newer version published meanwhile does not change
/// what these answers mean.
#[server(prefix = "/api", endpoint = "save_answers")]
pub async fn save_answers(
    young_person: String,
    purpose: String,
    cohort: Option<String>,
    version: String,
    answers: Option<HashMap<String, Vec<String>>>,
    key: Option<String>,
    share_words: Option<String>,
) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, store, viewer};
    use crate::error::Problem;
    use crate::ids::VersionId;
    use crate::programme::IdempotencyKey;
    use crate::questionnaire::parse_answers;
    use crate::store::NewResponse;
    let page = questionnaire_href_raw(&young_person, &purpose, cohort.as_deref());
    let result = async {
        let viewer = viewer().await?;
        let at = checked::address(&young_person, &purpose, cohort.as_deref())?;
        checked::may_give(&viewer, &at).await?;
        let key = IdempotencyKey::parse_optional(key.as_deref()).map_err(AppError::Invalid)?;
        let store = store()?;
        let version =
            VersionId::parse(&version).ok_or(AppError::Invalid(Problem::VersionInvalid))?;
        let version = store
            .version_for(at.young_person, version)
            .await?
            .filter(|v| v.purpose == at.purpose)
            .ok_or(AppError::Invalid(Problem::VersionInvalid))?;
        let answers = answers.unwrap_or_default();
        let parsed = parse_answers(&version.questions, |key| {
            answers
                .get(key)
                .map(|values| values.iter().map(String::as_str).collect())
                .unwrap_or_default()
        })
        .map_err(AppError::AnswersInvalid)?;
        store
            .record_response(
                &viewer,
                NewResponse {
                    version: version.id,
                    young_person: at.young_person,
                    cohort: at.cohort,
                    answers: parsed,
                    key,
                    share_words: at.purpose.is_feedback() && share_words.is_some(),
                },
            )
            .await?
            .map_err(AppError::Invalid)?;
        Ok(if at.purpose.is_feedback() {
            format!(
                "{}?saved=1",
                crate::feedback::feedback_href(at.young_person)
            )
        } else {
            format!(
                "{}?saved=1",
                crate::questionnaire::answers_href(at.young_person)
            )
        })
    }
    .await;
    let done = result.as_ref().ok().cloned();
    finish_form(&result, &page, done.as_deref());
    result.map(|_| ())
}

#[cfg(feature = "ssr")]
fn questionnaire_href_raw(young_person: &str, purpose: &str, cohort: Option<&str>) -> String {
    use crate::api::server_side::address_part;
    let (yp, purpose) = (address_part(young_person), address_part(purpose));
    match cohort.map(address_part).filter(|c| !c.is_empty()) {
        Some(cohort) => format!("/young-people/{yp}/cohorts/{cohort}/questionnaires/{purpose}"),
        None => format!("/young-people/{yp}/questionnaires/{purpose}"),
    }
}

/// Everything a young person has answered, newest first, for them or their staff.
#[server(prefix = "/api", endpoint = "answers")]
pub async fn load_answers(young_person: String) -> Result<Vec<ResponseView>, AppError> {
    use crate::api::server_side::{answer, authorise, current_language, store, viewer};
    use crate::ids::PersonId;
    use crate::policy::Act;
    let result = async {
        let viewer = viewer().await?;
        let young_person = PersonId::parse(&young_person).ok_or(AppError::NotFound)?;
        authorise(&viewer, young_person, Act::ViewAnswers).await?;
        // Feedback has its own page, where each giver sees only their own.
        let mut responses = store()?.responses(young_person, current_language()).await?;
        responses.retain(|r| !r.purpose.is_feedback());
        Ok(responses)
    }
    .await;
    answer(result)
}
