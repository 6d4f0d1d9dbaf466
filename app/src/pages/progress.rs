//! A young person's programme scaling (three questions at the start and end of a
//! programme) and their own progress: start against end for each session, first against
//! last for the programme. The chart is the table: each number sits beside its bar, so it
//! reads the same to a screen reader as it looks.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::api::programme_scaling::{load_programme_scaling, load_progress, SaveProgrammeScaling};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::components::read_aloud::ReadAloud;
use crate::components::scale::{Scale, ScaleToggle};
use crate::i18n::*;
use crate::ids::PersonId;
use crate::programme::{programme_scaling_href, Measure};
use crate::scaling::{Score, Stage};

fn measure_question(
    i18n: leptos_i18n::I18nContext<Locale>,
    measure: Measure,
) -> (String, String, String) {
    match measure {
        Measure::Learning => (
            t_string!(i18n, measure_learning).to_string(),
            t_string!(i18n, measure_learning_low).to_string(),
            t_string!(i18n, measure_learning_high).to_string(),
        ),
        Measure::RiskTaking => (
            t_string!(i18n, measure_risk_taking).to_string(),
            t_string!(i18n, measure_risk_taking_low).to_string(),
            t_string!(i18n, measure_risk_taking_high).to_string(),
        ),
        Measure::Consequences => (
            t_string!(i18n, measure_consequences).to_string(),
            t_string!(i18n, measure_consequences_low).to_string(),
            t_string!(i18n, measure_consequences_high).to_string(),
        ),
    }
}

#[component]
pub fn ProgrammeScalingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let action = ServerAction::<SaveProgrammeScaling>::new();
    let errors = form_error(i18n, action);
    let address = move || {
        params.with(|p| {
            (
                p.get("young_person").unwrap_or_default(),
                p.get("cohort").unwrap_or_default(),
                p.get("stage").unwrap_or_default(),
            )
        })
    };
    // The query (faces or numbers) is part of what the page shows, so part of its key.
    let search = use_location().search;
    let data = Resource::new(
        move || (address(), search.get()),
        |((yp, cohort, stage), _)| load_programme_scaling(yp, cohort, stage),
    );
    view! {
        <Title text=t_string!(i18n, programme_scaling_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => {
                            let (young_person, cohort, stage) = address();
                            let intro = match view.stage {
                                Stage::Start => t_string!(i18n, programme_scaling_start_intro).to_string(),
                                Stage::End => t_string!(i18n, programme_scaling_end_intro).to_string(),
                            };
                            let progress = format!("/young-people/{young_person}/cohorts/{cohort}/progress");
                            let faces = use_query_map().with_untracked(|q| {
                                crate::components::scale::faces_chosen(q.get("faces").as_deref(), false)
                            });
                            view! {
                                <FormErrors errors field="learning-fieldset" />
                                <p class="caption">{view.programme.clone()}</p>
                                <h1>{t!(i18n, programme_scaling_title)}</h1>
                                <p>{intro}</p>
                                <p><ScaleToggle faces /></p>
                                <ActionForm action attr:novalidate=true attr:data-queue="true">
                                    <input type="hidden" name="young_person" value=young_person />
                                    <input type="hidden" name="cohort" value=cohort />
                                    <input type="hidden" name="stage" value=stage />
                                    {Measure::ALL.into_iter().map(|m| {
                                        let (legend, low, high) = measure_question(i18n, m);
                                        // A number chosen before a refused save comes back in the address.
                                        let returned = use_query_map().with_untracked(|q| {
                                            crate::scaling::Score::parse(q.get(m.as_str()).as_deref()).ok()
                                        });
                                        let checked = returned.or(view.current.get(m));
                                        let spoken = format!("{legend} {low}. {high}.");
                                        view! {
                                            <ReadAloud text=spoken />
                                            <Scale legend checked name=m.as_str() ends=(low, high) faces good_end=m.good_end() error=Signal::derive(|| None::<String>) />
                                        }
                                    }).collect_view()}
                                    <button class="button" type="submit">{t!(i18n, score_save)}</button>
                                </ActionForm>
                                <p><a href=progress>{t!(i18n, progress_link)}</a></p>
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// A bar for a score, drawn to scale; hidden from screen readers because the number
/// beside it says the same.
fn bar(score: Option<Score>, class: &'static str) -> impl IntoView {
    let width = score.map(|s| u32::from(s.value()) * 10).unwrap_or(0);
    view! {
        <svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="bar__track" x="0" y="0" width="100" height="8" />
            <rect class=class x="0" y="0" width=width.to_string() height="8" />
        </svg>
    }
}

fn score_text(i18n: leptos_i18n::I18nContext<Locale>, score: Option<Score>) -> String {
    match score {
        Some(s) => s.value().to_string(),
        None => t_string!(i18n, progress_not_given).to_string(),
    }
}

#[component]
pub fn ProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let address = move || {
        params.with(|p| {
            (
                p.get("young_person").unwrap_or_default(),
                p.get("cohort").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(address, |(yp, cohort)| load_progress(yp, cohort));
    view! {
        <Title text=t_string!(i18n, progress_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(progress) => {
                            let young_person = PersonId::parse(&address().0);
                            view! {
                                {saved.then(|| view! { <p class="saved-notice" role="status">{t!(i18n, progress_saved)}</p> })}
                                <p class="caption">{progress.programme.clone()}</p>
                                <h1>{t!(i18n, progress_title)}</h1>
                                <h2>{t!(i18n, progress_sessions_heading)}</h2>
                                <table class="table progress-table">
                                    <caption class="visually-hidden">{t!(i18n, progress_sessions_caption)}</caption>
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, progress_col_session)}</th>
                                        <th scope="col">{t!(i18n, progress_col_start)}</th>
                                        <th scope="col">{t!(i18n, progress_col_end)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {progress.sessions.into_iter().map(|(number, topic, scores)| {
                                            let number = number.value();
                                            view! {
                                                <tr>
                                                    <th scope="row">{t!(i18n, me_score_link, number, topic)}</th>
                                                    <td>{score_text(i18n, scores.start)}{bar(scores.start, "bar__start")}</td>
                                                    <td>{score_text(i18n, scores.end)}{bar(scores.end, "bar__end")}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <h2>{t!(i18n, progress_programme_heading)}</h2>
                                <table class="table progress-table">
                                    <caption class="visually-hidden">{t!(i18n, progress_programme_caption)}</caption>
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, progress_col_question)}</th>
                                        <th scope="col">{t!(i18n, progress_col_first)}</th>
                                        <th scope="col">{t!(i18n, progress_col_last)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {Measure::ALL.into_iter().map(|m| {
                                            let (question, _, _) = measure_question(i18n, m);
                                            let (first, last) = (progress.programme_start.get(m), progress.programme_end.get(m));
                                            view! {
                                                <tr>
                                                    <th scope="row">{question}</th>
                                                    <td>{score_text(i18n, first)}{bar(first, "bar__start")}</td>
                                                    <td>{score_text(i18n, last)}{bar(last, "bar__end")}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                {young_person.map(|yp| {
                                    let start_done = progress.programme_start.is_complete();
                                    view! {
                                        <p>
                                            <a class="button button--secondary" href=programme_scaling_href(yp, progress.cohort, if start_done { Stage::End } else { Stage::Start })>
                                                {if start_done { t_string!(i18n, programme_scaling_end_link).to_string() } else { t_string!(i18n, programme_scaling_start_link).to_string() }}
                                            </a>
                                        </p>
                                    }
                                })}
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
