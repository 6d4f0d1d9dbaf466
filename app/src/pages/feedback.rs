//! Feedback at the end of the work: the young person and each parent/carer see what they
//! gave and the worker's answer beside it; the worker sees everyone's, newest unseen first,
//! and answers ("you said, we did").

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::feedback::{load_feedback, load_quotes, AnswerFeedback};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::components::reply::{reply_form, reply_view};
use crate::components::signed_in_bar::SignedInBar;
use crate::feedback::FeedbackPage;
use crate::i18n::*;
use crate::identity::Role;
use crate::pages::questionnaire::answered_items;
use crate::questionnaire::{questionnaire_href, written_date, ResponseView};

fn giver(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> String {
    if role == Role::ParentCarer {
        t_string!(i18n, feedback_from_carer).to_string()
    } else {
        t_string!(i18n, feedback_from_young_person).to_string()
    }
}

fn response_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: &FeedbackPage,
    r: ResponseView,
    answer: ServerAction<AnswerFeedback>,
) -> impl IntoView {
    let date = written_date(&r.submitted_at);
    let id = r.id.to_string();
    let (name, from) = (r.given_by_name.clone(), giver(i18n, r.given_by_role));
    let form = page.may_answer.then(|| {
        let hidden = vec![
            ("young_person", page.young_person.to_string()),
            ("feedback", id.clone()),
        ];
        reply_form(i18n, answer, hidden, &r.reply, id.clone(), false)
    });
    let share = if r.share_words {
        t!(i18n, feedback_shared).into_any()
    } else {
        t!(i18n, feedback_not_shared).into_any()
    };
    view! {
        <li class="card voice-entry" id=format!("feedback-{id}")>
            <h2 class="card__title">{r.title.clone()}</h2>
            <p class="caption">
                {if page.staff_view { t!(i18n, feedback_given_by, name, from, date).into_any() } else { t!(i18n, feedback_you_gave, date).into_any() }}
            </p>
            {answered_items(i18n, r.items)}
            <p class="caption">{share}</p>
            {reply_view(i18n, &r.reply, page.staff_view)}
            {form}
        </li>
    }
}

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let answer = ServerAction::<AnswerFeedback>::new();
    let errors = form_error(i18n, answer);
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("young_person").unwrap_or_default()),
                answer.version().get(),
            )
        },
        |(young_person, _)| load_feedback(young_person),
    );
    view! {
        <Title text=t_string!(i18n, feedback_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let name = page.young_person_name.clone();
                            let give = page.may_give.map(|purpose| questionnaire_href(page.young_person, purpose, None));
                            let empty = page.responses.is_empty();
                            let staff = page.staff_view;
                            let responses = page.responses.clone();
                            view! {
                                {saved.then(|| view! { <p class="saved-notice" role="status">{t!(i18n, feedback_saved)}</p> })}
                                <FormErrors errors />
                                <h1>{if staff { t!(i18n, feedback_staff_title, name).into_any() } else { t!(i18n, feedback_title).into_any() }}</h1>
                                {give.map(|href| view! {
                                    <p>{t!(i18n, feedback_why)}</p>
                                    <p><a class="button" href=href>{t!(i18n, feedback_give)}</a></p>
                                })}
                                {empty.then(|| view! { <p>{t!(i18n, feedback_none)}</p> })}
                                <ul class="card-list">
                                    {responses.into_iter().map(|r| response_view(i18n, &page, r, answer)).collect_view()}
                                </ul>
                                <p><a href="/">{t!(i18n, not_found_home)}</a></p>
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// Managers: words from feedback that people agreed may be used without their name.
#[component]
pub fn QuotesPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_quotes());
    view! {
        <Title text=t_string!(i18n, quotes_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! {
                            <SignedInBar viewer=page.viewer />
                            <h1>{t!(i18n, quotes_title)}</h1>
                            <p>{t!(i18n, quotes_intro)}</p>
                            <p class="hint">{t!(i18n, quotes_check)}</p>
                            {page.quotes.is_empty().then(|| view! { <p>{t!(i18n, quotes_none)}</p> })}
                            <ul class="card-list">
                                {page.quotes.into_iter().map(|q| {
                                    let from = giver(i18n, q.from);
                                    let month = written_date(&format!("{}-01", q.month)).split_once(' ').map(|(_, m)| m.to_owned()).unwrap_or(q.month.clone());
                                    view! {
                                        <li class="card">
                                            <blockquote class="quote">{q.words}</blockquote>
                                            <p class="caption">{t!(i18n, quotes_source, from, month, question = q.question)}</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <p class="no-print"><a href="/reports/quotes.csv" rel="external" download>{t!(i18n, quotes_download)}</a></p>
                            <p class="no-print"><a href="/reports/cohorts">{t!(i18n, report_title)}</a></p>
                        }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
