//! A plan review: each person scores each target 0–10 for progress, separately, with a
//! comment. Everyone's latest scores are shown side by side; scores far apart are pointed
//! out, never averaged.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

use crate::api::plan::load_plan;
use crate::api::plan_review::{CloseReview, ScoreTarget};
use crate::components::layout::Layout;
use crate::components::page_state::{action_error, form_error, load_failed, FormErrors};
use crate::components::scale::Scale;
use crate::i18n::*;
use crate::plan::{scores_at, scores_differ, PlanPage, Review, TargetStatus};
use crate::questionnaire::written_date;

fn scores_list(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: &PlanPage,
    review: u32,
    key: &str,
) -> AnyView {
    let Some(plan) = &page.plan else {
        return ().into_any();
    };
    let scores = scores_at(&plan.scores, review, key);
    if scores.is_empty() {
        return view! { <p class="hint">{t!(i18n, review_no_scores)}</p> }.into_any();
    }
    let differ = scores_differ(&scores);
    view! {
        <ul class="review-scores">
            {scores.into_iter().map(|s| {
                let (name, value) = (s.name.clone(), s.score.value());
                view! {
                    <li>
                        <strong>{t!(i18n, plan_scored, name, value)}</strong>
                        {s.comment.map(|c| view! { " " <q>{c}</q> })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {differ.then(|| view! { <p class="notice notice--warning">{t!(i18n, review_scores_differ)}</p> })}
    }
    .into_any()
}

#[component]
pub fn PlanReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let search = use_location().search;
    let score = ServerAction::<ScoreTarget>::new();
    let close = ServerAction::<CloseReview>::new();
    let score_errors = form_error(i18n, score);
    let close_errors = action_error(i18n, close);
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("young_person").unwrap_or_default()),
                search.get(),
                score.version().get(),
            )
        },
        |(yp, _, _)| load_plan(yp),
    );
    view! {
        <Title text=t_string!(i18n, review_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => review_body(i18n, page, score, close, score_errors, close_errors),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

fn review_body(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: PlanPage,
    score: ServerAction<ScoreTarget>,
    close: ServerAction<CloseReview>,
    score_errors: Memo<Option<crate::messages::ShownError>>,
    close_errors: Memo<Option<crate::messages::ShownError>>,
) -> AnyView {
    let yp = page.young_person.to_string();
    let back =
        view! { <p><a href=format!("/young-people/{yp}/plan")>{t!(i18n, plan_back)}</a></p> };
    let Some(plan) = page.plan.clone() else {
        return view! { <h1>{t!(i18n, review_title)}</h1><p>{t!(i18n, plan_none)}</p>{back} }
            .into_any();
    };
    let open: Option<Review> = plan.open_review().cloned();
    let past: Vec<Review> = plan
        .reviews
        .iter()
        .filter(|r| r.closed_at.is_some())
        .cloned()
        .collect();
    let active: Vec<_> = plan
        .content
        .targets
        .iter()
        .filter(|t| t.status == TargetStatus::Active)
        .cloned()
        .collect();
    let suggested = plan
        .next_review
        .and_then(|d| d.plus_days(plan.review_every_days))
        .map(|d| d.to_string())
        .unwrap_or_default();
    let open_view = match open {
        None => view! { <p>{t!(i18n, review_none_open)}</p> }.into_any(),
        Some(review) => {
            let (number, date) = (review.number, written_date(&review.opened_at));
            view! {
                <p class="caption">{t!(i18n, review_opened, number, date)}</p>
                <p>{t!(i18n, review_intro)}</p>
                <ol class="card-list">
                    {active.into_iter().map(|t| {
                        let key = t.key.clone();
                        let yp = yp.clone();
                        let legend = t_string!(i18n, review_score_legend).to_string();
                        let legend = format!("{legend} {}", t.target.text);
                        view! {
                            <li class="card">
                                <h2 class="card__title">{t.target.text.clone()}</h2>
                                {scores_list(i18n, &page, number, &key)}
                                {page.may_agree.then(|| view! {
                                    <ActionForm action=score attr:novalidate="true">
                                        <input type="hidden" name="young_person" value=yp.clone() />
                                        <input type="hidden" name="review" value=number.to_string() />
                                        <input type="hidden" name="target" value=key.clone() />
                                        <Scale
                                            legend
                                            checked=None
                                            id=format!("score-{key}")
                                            ends=(t_string!(i18n, review_low).to_string(), t_string!(i18n, review_high).to_string())
                                            error=Signal::derive(|| None::<String>)
                                        />
                                        <label class="label" for=format!("comment-{key}")>{t!(i18n, review_comment_label)}</label>
                                        <textarea class="input textarea" id=format!("comment-{key}") name="comment" rows="3"></textarea>
                                        <button class="button" type="submit">{t!(i18n, review_save_score)}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
                {page.may_manage.then(|| { let yp = yp.clone(); let suggested = suggested.clone(); view! {
                    <section class="card manage" aria-labelledby="close-title">
                        <h2 id="close-title" class="card__title">{t!(i18n, review_close_title)}</h2>
                        <ActionForm action=close attr:novalidate="true">
                            <input type="hidden" name="young_person" value=yp.clone() />
                            <label class="label" for="close-next">{t!(i18n, plan_next_review_label)}</label>
                            <p class="hint" id="close-next-hint">{t!(i18n, date_hint)}</p>
                            <input class="input input--date" type="text" inputmode="numeric" autocomplete="off" id="close-next" name="next_review" aria-describedby="close-next-hint" value=crate::calendar::CalendarDate::typed_value(&suggested) />
                            <button class="button button--secondary" type="submit">{t!(i18n, review_close)}</button>
                        </ActionForm>
                    </section>
                }})}
            }
            .into_any()
        }
    };
    view! {
        <FormErrors errors=score_errors />
        <FormErrors errors=close_errors />
        <h1>{t!(i18n, review_title)}</h1>
        {open_view}
        {(!past.is_empty()).then(|| view! {
            <h2>{t!(i18n, review_past)}</h2>
            {past.into_iter().map(|r| {
                let (number, date) = (r.number, written_date(r.closed_at.as_deref().unwrap_or_default()));
                view! {
                    <section class="card">
                        <h3 class="card__title">{t!(i18n, review_closed, number, date)}</h3>
                        {plan.content.targets.iter().map(|t| view! {
                            <h4>{t.target.text.clone()}</h4>
                            {scores_list(i18n, &page, number, &t.key)}
                        }).collect_view()}
                    </section>
                }
            }).collect_view()}
        })}
        {back}
    }
    .into_any()
}
