//! Programme scaling (three 0–10 questions at the start and end of a programme) and a young
//! person's own progress.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::programme::*;
use crate::scaling::Stage;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeScalingView {
    pub programme: String,
    pub stage: Stage,
    pub current: MeasureScores,
}

#[cfg(feature = "ssr")]
struct Address {
    young_person: crate::ids::PersonId,
    cohort: crate::ids::CohortId,
}

#[cfg(feature = "ssr")]
fn address(young_person: &str, cohort: &str) -> Result<Address, AppError> {
    Ok(Address {
        young_person: crate::ids::PersonId::parse(young_person).ok_or(AppError::NotFound)?,
        cohort: crate::ids::CohortId::parse(cohort).ok_or(AppError::NotFound)?,
    })
}

#[server(prefix = "/api", endpoint = "progress")]
pub async fn load_progress(young_person: String, cohort: String) -> Result<Progress, AppError> {
    crate::api::server_side::answer(load_progress_checked(&young_person, &cohort).await)
}

#[server(prefix = "/api", endpoint = "programme_scaling")]
pub async fn load_programme_scaling(
    young_person: String,
    cohort: String,
    stage: String,
) -> Result<ProgrammeScalingView, AppError> {
    use crate::api::server_side::answer;
    let result = async {
        let stage: Stage = stage.parse().map_err(|_| AppError::NotFound)?;
        let progress = load_progress_checked(&young_person, &cohort).await?;
        Ok(ProgrammeScalingView {
            programme: progress.programme,
            stage,
            current: match stage {
                Stage::Start => progress.programme_start,
                Stage::End => progress.programme_end,
            },
        })
    }
    .await;
    answer(result)
}

#[cfg(feature = "ssr")]
async fn load_progress_checked(young_person: &str, cohort: &str) -> Result<Progress, AppError> {
    use crate::api::server_side::{authorise_session_score, store, viewer};
    use crate::policy::Act;
    let viewer = viewer().await?;
    let at = address(young_person, cohort)?;
    authorise_session_score(&viewer, at.young_person, at.cohort, Act::ViewScores).await?;
    store()?
        .progress(
            at.young_person,
            at.cohort,
            crate::api::server_side::current_language(),
        )
        .await?
        .ok_or(AppError::NotFound)
}

/// Saves the three answers together. Each arrives as text, as a form sends it.
#[server(prefix = "/api", endpoint = "save_programme_scaling")]
pub async fn save_programme_scaling(
    young_person: String,
    cohort: String,
    stage: String,
    learning: Option<String>,
    risk_taking: Option<String>,
    consequences: Option<String>,
    key: Option<String>,
) -> Result<(), AppError> {
    use crate::api::server_side::{authorise_session_score, finish_form, store, viewer};
    use crate::error::Problem;
    use crate::policy::Act;
    use crate::scaling::{Score, ScoreError};
    use crate::store::NewProgrammeScores;
    let page = format!(
        "/young-people/{}/cohorts/{}/programme/{}",
        crate::api::server_side::address_part(&young_person),
        crate::api::server_side::address_part(&cohort),
        crate::api::server_side::address_part(&stage)
    );
    let result = async {
        let viewer = viewer().await?;
        let at = address(&young_person, &cohort)?;
        authorise_session_score(&viewer, at.young_person, at.cohort, Act::RecordScore).await?;
        let key = IdempotencyKey::parse_optional(key.as_deref()).map_err(AppError::Invalid)?;
        let stage: Stage = stage.parse()?;
        let parse = |raw: &Option<String>| match Score::parse(raw.as_deref()) {
            Err(ScoreError::Missing) => Err(AppError::Invalid(Problem::MeasureMissing)),
            other => other.map_err(AppError::from),
        };
        let scores = [
            (Measure::Learning, parse(&learning)?),
            (Measure::RiskTaking, parse(&risk_taking)?),
            (Measure::Consequences, parse(&consequences)?),
        ];
        store()?
            .record_programme_scores(
                &viewer,
                NewProgrammeScores {
                    young_person: at.young_person,
                    cohort: at.cohort,
                    stage,
                    scores,
                    key,
                },
            )
            .await?
            .map_err(AppError::Invalid)?;
        Ok(progress_href(at.young_person, at.cohort) + "?saved=programme")
    }
    .await;
    let done = result.as_ref().ok().cloned();
    // Without the page's own script, a refused form comes back through the address: the
    // numbers chosen go with it (numbers only), so nothing chosen is lost.
    let chosen: Vec<String> = [
        ("learning", &learning),
        ("risk_taking", &risk_taking),
        ("consequences", &consequences),
    ]
    .into_iter()
    .filter_map(|(name, raw)| {
        crate::scaling::Score::parse(raw.as_deref())
            .ok()
            .map(|s| format!("{name}={s}"))
    })
    .collect();
    let form_page = if chosen.is_empty() {
        page
    } else {
        format!("{page}?{}", chosen.join("&"))
    };
    finish_form(&result, &form_page, done.as_deref());
    result.map(|_| ())
}
