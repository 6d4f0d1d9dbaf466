//! The managers' question-set builder: the organisation's sets, and editing one. An edit is
//! kept as a draft exactly as typed; publishing makes it the next version, and answers
//! already given stay tied to the version they answered.

// A server function's arguments are its form's fields (a title for each language), and the
// `server` macro copies them onto the browser's stub too, where an item attribute cannot
// reach.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::questionnaire::{SetEditor, SetSummary};

/// One question block as the builder's form posts it. Everything is optional text so that
/// whatever was typed arrives and is kept; the draft is judged only when published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionFields {
    pub key: Option<String>,
    pub text: Option<String>,
    pub kind: Option<String>,
    pub low: Option<String>,
    pub high: Option<String>,
    pub options: Option<String>,
    /// A checkbox: present when ticked.
    pub required: Option<String>,
    /// A checkbox: for a scale, 0 is the hoped-for end.
    pub lower_better: Option<String>,
    /// A checkbox: present when the manager wants the question taken out.
    pub remove: Option<String>,
    /// The question in Welsh: left blank, it shows in English on Welsh pages, marked so.
    pub cy_text: Option<String>,
    pub cy_low: Option<String>,
    pub cy_high: Option<String>,
    pub cy_options: Option<String>,
    /// The same in a parent's languages, for the set parents and carers answer.
    pub pl_text: Option<String>,
    pub pl_low: Option<String>,
    pub pl_high: Option<String>,
    pub pl_options: Option<String>,
    pub ro_text: Option<String>,
    pub ro_low: Option<String>,
    pub ro_high: Option<String>,
    pub ro_options: Option<String>,
    pub ur_text: Option<String>,
    pub ur_low: Option<String>,
    pub ur_high: Option<String>,
    pub ur_options: Option<String>,
}

#[cfg(feature = "ssr")]
impl QuestionFields {
    fn into_draft(self) -> Option<crate::questionnaire::QuestionDraft> {
        use crate::language::Language;
        use crate::questionnaire::WordingDraft;
        if self.remove.is_some() {
            return None;
        }
        let take = |fields: [&Option<String>; 4]| WordingDraft {
            text: fields[0].clone().unwrap_or_default(),
            low: fields[1].clone().unwrap_or_default(),
            high: fields[2].clone().unwrap_or_default(),
            options: fields[3].clone().unwrap_or_default(),
        };
        let typed = [
            (
                Language::Welsh,
                take([&self.cy_text, &self.cy_low, &self.cy_high, &self.cy_options]),
            ),
            (
                Language::Polish,
                take([&self.pl_text, &self.pl_low, &self.pl_high, &self.pl_options]),
            ),
            (
                Language::Romanian,
                take([&self.ro_text, &self.ro_low, &self.ro_high, &self.ro_options]),
            ),
            (
                Language::Urdu,
                take([&self.ur_text, &self.ur_low, &self.ur_high, &self.ur_options]),
            ),
        ];
        Some(crate::questionnaire::QuestionDraft {
            // A language left blank shows the English, marked.
            wordings: typed
                .into_iter()
                .filter(|(_, words)| !words.is_blank())
                .collect(),
            key: self.key.unwrap_or_default(),
            text: self.text.unwrap_or_default(),
            kind: self.kind.unwrap_or_default(),
            low: self.low.unwrap_or_default(),
            high: self.high.unwrap_or_default(),
            options: self.options.unwrap_or_default(),
            required: self.required.is_some(),
            lower_better: self.lower_better.is_some(),
        })
    }
}

#[cfg(feature = "ssr")]
async fn builder() -> Result<crate::identity::Viewer, AppError> {
    use crate::api::server_side::{require, viewer};
    let viewer = viewer().await?;
    require(
        &viewer,
        "build_question_sets",
        crate::policy::may_build_question_sets(viewer.role),
    )
    .await?;
    Ok(viewer)
}

#[server(prefix = "/api", endpoint = "question_sets")]
pub async fn load_question_sets() -> Result<Vec<SetSummary>, AppError> {
    use crate::api::server_side::{answer, store};
    let result = async {
        let viewer = builder().await?;
        Ok(store()?.question_sets(&viewer).await?)
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "question_set")]
pub async fn load_question_set(purpose: String) -> Result<SetEditor, AppError> {
    use crate::api::server_side::{answer, store};
    use crate::questionnaire::SetPurpose;
    let result = async {
        let viewer = builder().await?;
        let purpose = SetPurpose::parse(&purpose).ok_or(AppError::NotFound)?;
        store()?
            .set_editor(&viewer, purpose)
            .await?
            .ok_or(AppError::NotFound)
    }
    .await;
    answer(result)
}

/// Saves the builder's form as a draft, and publishes it when `publish` is sent (the
/// "Publish" button's value). Either way nothing typed is lost: a draft that cannot be
/// published yet is kept and shown again with its problems.
#[server(prefix = "/api", endpoint = "save_question_set")]
pub async fn save_question_set(
    purpose: String,
    title: Option<String>,
    title_cy: Option<String>,
    title_pl: Option<String>,
    title_ro: Option<String>,
    title_ur: Option<String>,
    questions: Option<Vec<QuestionFields>>,
    publish: Option<String>,
) -> Result<u32, AppError> {
    use crate::api::server_side::{address_part, finish_form, store};
    use crate::error::Problem;
    use crate::questionnaire::{SetProblem, SetPurpose};
    use crate::store::SaveOutcome;
    let page = format!("/question-sets/{}", address_part(&purpose));
    let result = async {
        let viewer = builder().await?;
        let purpose =
            SetPurpose::parse(&purpose).ok_or(AppError::Invalid(Problem::PurposeInvalid))?;
        let draft = crate::questionnaire::SetDraft {
            title: title.unwrap_or_default(),
            questions: questions
                .unwrap_or_default()
                .into_iter()
                .filter_map(QuestionFields::into_draft)
                .filter(|q| !q.is_blank())
                .collect(),
            title_wordings: [
                (crate::language::Language::Welsh, title_cy),
                (crate::language::Language::Polish, title_pl),
                (crate::language::Language::Romanian, title_ro),
                (crate::language::Language::Urdu, title_ur),
            ]
            .into_iter()
            .filter_map(|(language, title)| {
                title
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (language, t))
            })
            .collect(),
        };
        let outcome = store()?
            .save_question_set(&viewer, purpose, &draft, publish.is_some())
            .await?
            .ok_or(AppError::NotFound)?;
        match outcome {
            SaveOutcome::Published(version) => Ok(version),
            SaveOutcome::DraftSaved => Ok(0),
            SaveOutcome::NotPublished(problems) => Err(AppError::Invalid(match problems.set {
                Some(SetProblem::TitleInvalid) => Problem::QuestionSetTitleInvalid,
                Some(SetProblem::Empty) => Problem::QuestionSetEmpty,
                Some(SetProblem::TooLong) => Problem::QuestionSetTooLong,
                None => Problem::QuestionSetInvalid,
            })),
        }
    }
    .await;
    let done = match &result {
        Ok(0) => Some(format!("{page}?saved=draft")),
        Ok(_) => Some(format!("{page}?saved=published")),
        Err(_) => None,
    };
    finish_form(&result, &page, done.as_deref());
    result
}
