//! "Score this session": the young person sees the topic and objectives, then scores
//! themselves 0–10 before the session starts and again at its end.

use leptos::html::Form;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::score_session::{score_session, SaveSessionScore, ScoreSessionView};
use crate::components::error_summary::ErrorSummary;
use crate::components::island_code::IslandCodeAhead;
use crate::components::layout::Layout;
use crate::components::read_aloud::ReadAloud;
use crate::components::scale::{Scale, ScaleToggle};
use crate::components::tap_to_save::TapToSave;
use crate::error::{AppError, Problem};
use crate::i18n::*;
use crate::messages::{error_message, internal_error, problem_message, ShownError};
use crate::pages::not_found::NotFoundContent;
use crate::scaling::{Score, Stage};

#[component]
pub fn ScoreSessionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    // Rendered on the server only: the form posts to the server function, and the
    // TapToSave island sends it with fetch once the page is live. The action is never
    // dispatched here; ActionForm only needs it for the form's address.
    let save = ServerAction::<SaveSessionScore>::new();

    let address = move || {
        params.with(|p| {
            (
                p.get("young_person").unwrap_or_default(),
                p.get("cohort").unwrap_or_default(),
                p.get("session").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(address, |(young_person, cohort, session)| {
        score_session(young_person, cohort, session)
    });

    view! {
        <Layout>
            <Transition>
                {move || {
                    Suspend::new(async move {
                    match data.await {
                        Ok(view) => {
                            let (young_person, cohort, session) = address();
                            view! {
                                <ScoreForm view young_person cohort session save />
                            }
                                .into_any()
                        }
                        Err(AppError::NotFound) => view! { <NotFoundContent /> }.into_any(),
                        Err(e) => {
                            view! {
                                <Title text=t_string!(i18n, error_summary_title).to_string() />
                                <ErrorSummary error=error_message(i18n, &e) />
                                <p><a href="/">{t!(i18n, score_back)}</a></p>
                            }
                                .into_any()
                        }
                    }
                })
                }}
            </Transition>
        </Layout>
    }
}

/// What the page's address says happened last, when the form was posted without JavaScript.
struct ReturnedForm {
    stage: Option<Stage>,
    saved: Option<Stage>,
    problem: Option<Problem>,
    internal_ref: Option<String>,
    choice: Option<Score>,
}

impl ReturnedForm {
    fn from_query() -> Self {
        let query = use_query_map();
        query.with_untracked(|q| {
            let error = q.get("error");
            ReturnedForm {
                stage: q.get("stage").and_then(|s| s.parse().ok()),
                saved: q.get("saved").and_then(|s| s.parse().ok()),
                problem: error.as_deref().and_then(Problem::from_code),
                internal_ref: (error.as_deref() == Some("internal"))
                    .then(|| q.get("ref").unwrap_or_default()),
                choice: Score::parse(q.get("choice").as_deref()).ok(),
            }
        })
    }
}

#[component]
fn ScoreForm(
    view: ScoreSessionView,
    young_person: String,
    cohort: String,
    session: String,
    save: ServerAction<SaveSessionScore>,
) -> impl IntoView {
    let i18n = use_i18n();
    let returned = ReturnedForm::from_query();
    let form = NodeRef::<Form>::new();
    let scores = view.scores;

    // Ask for the stage the address names if it may be recorded, else the next one due.
    let stage = returned
        .stage
        .filter(|s| scores.may_record(*s))
        .unwrap_or_else(|| scores.next_stage());

    let number = view.session.value();
    let topic = view.topic.clone();

    let legend = match stage {
        Stage::Start => t_string!(i18n, score_start_legend).to_string(),
        Stage::End => t_string!(i18n, score_end_legend).to_string(),
    };

    // An error from the last attempt, as the address reports it after the form's post.
    let current_error: Option<ShownError> = match (returned.problem, returned.internal_ref) {
        (Some(p), _) => Some(ShownError {
            message: problem_message(i18n, p),
            reference: None,
        }),
        (None, Some(id)) => Some(internal_error(i18n, Some(id))),
        (None, None) => None,
    };
    let inline_error = current_error.as_ref().map(|e| e.message.clone());

    // The confirmation, as the address reports it after a save.
    let saved_score = returned.saved.and_then(|s| scores.get(s));

    let checked = returned.choice.or_else(|| scores.get(stage));
    let faces = use_query_map().with_untracked(|q| {
        crate::components::scale::faces_chosen(q.get("faces").as_deref(), view.support)
    });
    let spoken = format!(
        "{}. {}. {}. {}",
        view.topic,
        view.objectives.join(". "),
        legend,
        t_string!(i18n, score_low_end),
    ) + &format!(". {}", t_string!(i18n, score_high_end));

    // Where the person is: just gave the start score (the session is only beginning, so
    // the end question waits until they say it has ended), finished both, or asked.
    let just_saved = returned.saved;
    let asked_for = returned.stage;
    let phase = if !view.scored {
        Phase::NothingToScore
    } else if just_saved == Some(Stage::End) && scores.end.is_some() {
        Phase::Done
    } else if just_saved == Some(Stage::Start) && scores.end.is_none() {
        Phase::Waiting
    } else if asked_for.is_some_and(|s| scores.may_record(s)) {
        Phase::Asking
    } else if scores.end.is_some() {
        Phase::Done
    } else {
        Phase::Asking
    };

    let saved_line = move || {
        saved_score.map(|score| view! {
            <p class="saved-notice" role="status">{t!(i18n, score_saved, score = score.value())}</p>
        })
    };
    // What the session is about, under the scale or the waiting note.
    let objective_list = view.objectives.clone();
    let objectives = move || {
        let list = objective_list.clone();
        view! {
            <h2 class="heading-small">{t!(i18n, score_objectives_heading)}</h2>
            <ul class="objectives">
                {list.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let start_summary = scores.start.map(|start| {
        view! {
            <p class="summary">
                {t!(i18n, score_your_start, score = start.value())}
                " "
                <a href="?stage=start">{t!(i18n, score_change_start)}</a>
            </p>
        }
    });

    view! {
        <Title text=topic.clone() />
        {current_error.map(|error| view! {
            <ErrorSummary error field="score-fieldset" />
        })}
        <p class="caption">{view.programme.clone()}</p>
        <h1>{t!(i18n, score_heading, number, topic)}</h1>
        {match phase {
            Phase::NothingToScore => view! { <p class="notice">{t!(i18n, score_not_scored)}</p> }.into_any(),
            Phase::Done => view! {
                <div class="panel score-done" role="status">
                    <h2 class="panel__title">{t!(i18n, score_done_title)}</h2>
                    {scores.start.map(|s| view! { <p>{t!(i18n, score_your_start, score = s.value())}</p> })}
                    {scores.end.map(|s| view! { <p>{t!(i18n, score_your_end, score = s.value())}</p> })}
                    // The way home is the frame's, just under this panel: one, not two.
                    <p><a href="?stage=end">{t!(i18n, score_change_end)}</a></p>
                </div>
            }.into_any(),
            Phase::Waiting => view! {
                {saved_line}
                <div class="panel score-waiting">
                    <h2 class="panel__title">{t!(i18n, score_waiting_title)}</h2>
                    <p>{t!(i18n, score_waiting_body)}</p>
                    <p><a class="button button--secondary" href="?stage=end">{t!(i18n, score_session_ended)}</a></p>
                    <p><a href="?stage=start">{t!(i18n, score_change_start)}</a></p>
                </div>
                {objectives()}
            }.into_any(),
            Phase::Asking => view! {
                // The scale comes first, so the numbers are on the first screen of a small
                // phone; what the session is about sits just under it, open.
                <IslandCodeAhead />
                <TapToSave>
                <ActionForm action=save node_ref=form attr:class="score-form" attr:novalidate=true attr:data-queue="true">
                    <input type="hidden" name="young_person" value=young_person />
                    <input type="hidden" name="cohort" value=cohort />
                    <input type="hidden" name="session" value=session />
                    <input type="hidden" name="stage" value=stage.as_str() />
                    <Scale legend checked faces error=Signal::derive(move || inline_error.clone()) />
                    {saved_line}
                    <button class="button" type="submit">{t!(i18n, score_save)}</button>
                </ActionForm>
                </TapToSave>
                // Under the scale, so the numbers stay on the first screen of a phone.
                {(stage == Stage::End).then_some(start_summary).flatten()}
                <p class="button-row">
                    <ReadAloud text=spoken />
                    <ScaleToggle faces stay=format!("stage={stage}") />
                </p>
                {objectives()}
            }.into_any(),
        }}
    }
}

/// What the score page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// The celebration: no scores.
    NothingToScore,
    /// A scale to answer.
    Asking,
    /// The start score is in; the end waits until the session has ended.
    Waiting,
    /// Both scores are in.
    Done,
}
