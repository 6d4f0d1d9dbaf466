//! A young person scores a session: what they see (topic, objectives, their scores so far)
//! and saving a score.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::{CohortId, PersonId, ScoreId, SessionNumber};
use crate::scaling::{Score, SessionScores, Stage};

/// Which young person, in which cohort, scores which session: the parts of the page's web
/// address, parsed together so a page and its form always agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorePageAddress {
    pub young_person: PersonId,
    pub cohort: CohortId,
    pub session: SessionNumber,
}

impl ScorePageAddress {
    pub fn parse(young_person: &str, cohort: &str, session: &str) -> Option<Self> {
        Some(ScorePageAddress {
            young_person: PersonId::parse(young_person)?,
            cohort: CohortId::parse(cohort)?,
            session: SessionNumber::parse(session)?,
        })
    }

    pub fn href(&self) -> String {
        format!(
            "/young-people/{}/cohorts/{}/sessions/{}/score",
            self.young_person, self.cohort, self.session
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreSessionView {
    pub first_name: String,
    pub programme: String,
    pub session: SessionNumber,
    pub topic: String,
    pub objectives: Vec<String>,
    /// The celebratory last session of a programme has no scores.
    pub scored: bool,
    pub scores: SessionScores,
    /// The viewer has communication support on: faces first.
    #[serde(default)]
    pub support: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedScore {
    pub id: ScoreId,
    pub stage: Stage,
    pub score: Score,
}

#[server(prefix = "/api", endpoint = "score_session")]
pub async fn score_session(
    young_person: String,
    cohort: String,
    session: String,
) -> Result<ScoreSessionView, AppError> {
    use crate::api::server_side::{answer, authorise_session_score, store, viewer};
    use crate::error::Problem;
    use crate::policy::Act;
    use crate::store::Lookup;

    let result = async {
        let viewer = viewer().await?;
        let at =
            ScorePageAddress::parse(&young_person, &cohort, &session).ok_or(AppError::NotFound)?;
        authorise_session_score(&viewer, at.young_person, at.cohort, Act::ViewScores).await?;
        match store()?
            .score_session(
                at.young_person,
                at.cohort,
                at.session,
                crate::api::server_side::current_language(),
            )
            .await?
        {
            Lookup::Found(view) => Ok(ScoreSessionView {
                support: crate::api::server_side::communication_support(&viewer).await?,
                ..view
            }),
            Lookup::NotMember => Err(AppError::Invalid(Problem::NotInSession)),
            Lookup::NotFound => Err(AppError::NotFound),
        }
    }
    .await;
    answer(result)
}

/// Saves one score. Fields arrive as text, exactly as a form without JavaScript sends them
/// (an unchosen radio button sends nothing), and are parsed here so every kind of bad input
/// gets its own message instead of a generic decoding failure. `key` is the idempotency key
/// a phone's offline queue attaches; `from` says which page a plain form post returns to
/// (`group` for the worker's group view).
#[server(prefix = "/api", endpoint = "save_session_score")]
pub async fn save_session_score(
    young_person: String,
    cohort: String,
    session: String,
    stage: String,
    score: Option<String>,
    key: Option<String>,
    from: Option<String>,
) -> Result<SavedScore, AppError> {
    use crate::api::server_side::{
        authorise_session_score, is_plain_form_post, set_error_status, store, viewer,
    };
    use crate::error::Problem;
    use crate::policy::Act;
    use crate::programme::IdempotencyKey;
    use crate::store::{Lookup, NewSessionScore};

    let at = ScorePageAddress::parse(&young_person, &cohort, &session);
    let result = async {
        let viewer = viewer().await?;
        let at = at.ok_or(AppError::NotFound)?;
        authorise_session_score(&viewer, at.young_person, at.cohort, Act::RecordScore).await?;
        let key = IdempotencyKey::parse_optional(key.as_deref()).map_err(AppError::Invalid)?;
        let stage: Stage = stage.parse()?;
        let score = Score::parse(score.as_deref())?;
        let store = store()?;
        let view = match store
            .score_session(
                at.young_person,
                at.cohort,
                at.session,
                crate::api::server_side::current_language(),
            )
            .await?
        {
            Lookup::Found(view) => view,
            Lookup::NotMember => return Err(AppError::Invalid(Problem::NotInSession)),
            Lookup::NotFound => return Err(AppError::NotFound),
        };
        if !view.scored {
            return Err(AppError::Invalid(Problem::SessionNotScored));
        }
        if !view.scores.may_record(stage) {
            return Err(AppError::Invalid(Problem::EndBeforeStart));
        }
        let id = store
            .record_session_score(NewSessionScore {
                young_person: at.young_person,
                cohort: at.cohort,
                session: at.session,
                stage,
                score,
                entered_by: viewer.person,
                entered_by_role: viewer.role,
                key,
            })
            .await?
            .map_err(AppError::Invalid)?;
        crate::live::announce(at.cohort, at.session);
        Ok(SavedScore { id, stage, score })
    }
    .await;

    if is_plain_form_post() {
        // Without JavaScript the browser needs a page: send it back to the page the form
        // was on, carrying what happened (and the raw choice, so nothing is lost).
        if let Some(at) = at {
            let address = if from.as_deref() == Some("group") {
                let page = crate::programme::group_session_href(at.cohort, at.session);
                match &result {
                    Ok(_) => page,
                    Err(e) => crate::api::server_side::with_error(&page, e),
                }
            } else {
                form_return_address(&at, &stage, score.as_deref(), &result)
            };
            leptos_axum::redirect(&address);
        }
    } else if let Err(e) = &result {
        set_error_status(e);
    }
    result
}

#[cfg(feature = "ssr")]
fn form_return_address(
    at: &ScorePageAddress,
    stage: &str,
    raw_score: Option<&str>,
    result: &Result<SavedScore, AppError>,
) -> String {
    let base = at.href();
    match result {
        Ok(saved) => format!("{base}?saved={}", saved.stage),
        Err(AppError::Invalid(problem)) => {
            // (Problem codes are plain words: safe in an address.)
            let stage = stage.parse::<Stage>().map(Stage::as_str).unwrap_or("start");
            // Only a valid score is echoed back: the address never carries arbitrary text.
            let choice = Score::parse(raw_score)
                .map(|s| format!("&choice={s}"))
                .unwrap_or_default();
            format!("{base}?stage={stage}&error={}{choice}", problem.code())
        }
        Err(AppError::Internal { id }) => format!("{base}?error=internal&ref={id}"),
        Err(AppError::SignedOut) => "/".to_owned(),
        Err(_) => base,
    }
}
