//! Home pages for young people (the sessions they can score) and parents/carers (whom
//! they are linked to; plans arrive with the plans issue).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::casework::{family_home, load_young_person_home};
use crate::components::help::UrgentHelpButton;
use crate::components::layout::Layout;
use crate::components::page_state::load_failed;
use crate::components::signed_in_bar::SignedInBar;
use crate::components::support::SupportSwitch;
use crate::i18n::*;
use crate::identity::{Role, Viewer};
use crate::ids::PersonId;
use crate::plan::PlanCue;
use crate::programme::{programme_scaling_href, progress_href};
use crate::questionnaire::answers_href;
use crate::scaling::Stage;

#[component]
pub fn YoungPersonHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| load_young_person_home());
    view! {
        <Title text=t_string!(i18n, me_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match home.await {
                        Ok(home) => {
                            let viewer = Viewer {
                                person: home.young_person,
                                role: Role::YoungPerson,
                                given_name: home.given_name.clone(),
                                team: None,
                            };
                            let name = home.given_name.clone();
                            view! {
                                <SignedInBar viewer />
                                <h1>{t!(i18n, me_heading, name)}</h1>
                                <NewPhones phones=home.new_phones.clone() />
                                <WaitingForYou young_person=home.young_person plan=home.plan_cue answers=home.unread_answers feedback=home.unread_feedback_answers />
                                <UrgentHelpButton young_person=home.young_person key=home.help_key.clone() />
                                {if home.sessions.is_empty() {
                                    view! { <p>{t!(i18n, me_no_sessions)}</p> }.into_any()
                                } else {
                                    let (now, earlier): (Vec<_>, Vec<_>) = home.sessions.iter().cloned().partition(|s| s.now);
                                    let yp = home.young_person;
                                    let list = move |sessions: Vec<crate::casework::SessionLink>| view! {
                                        <ul class="card-list">
                                            {sessions.into_iter().map(|s| {
                                                let href = s.href(yp);
                                                let number = s.number.value();
                                                let topic = s.topic.clone();
                                                view! {
                                                    <li class="card">
                                                        <p class="caption">{s.programme.clone()}</p>
                                                        <a class="card__link" href=href>{t!(i18n, me_score_link, number, topic)}</a>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    };
                                    view! {
                                        {(!now.is_empty()).then(|| view! {
                                            <h2>{t!(i18n, me_sessions_heading)}</h2>
                                            {list(now)}
                                        })}
                                        {(!earlier.is_empty()).then(|| view! {
                                            <h2>{t!(i18n, me_earlier_sessions_heading)}</h2>
                                            {list(earlier)}
                                        })}
                                    }.into_any()
                                }}
                                {(!home.programmes.is_empty()).then(|| view! {
                                    <h2>{t!(i18n, me_programmes_heading)}</h2>
                                    <ul class="card-list">
                                        {home.programmes.iter().map(|p| {
                                            let yp = home.young_person;
                                            view! {
                                                <li class="card">
                                                    <p class="card__title">{p.programme.clone()}</p>
                                                    {(!p.start_answered).then(|| view! {
                                                        <p><a class="card__link" href=programme_scaling_href(yp, p.cohort, Stage::Start)>{t!(i18n, programme_scaling_start_link)}</a></p>
                                                    })}
                                                    <p><a class="card__link" href=progress_href(yp, p.cohort)>{t!(i18n, progress_link)}</a></p>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                })}
                                {(!home.questionnaires.is_empty()).then(|| view! {
                                    <h2>{t!(i18n, me_questionnaires_heading)}</h2>
                                    <ul class="card-list">
                                        {home.questionnaires.iter().map(|q| {
                                            let href = q.href(home.young_person);
                                            let (title, in_english) = q.title_in(crate::language::of_page());
                                            let title = view! { <span lang=in_english.then_some("en")>{title}</span> };
                                            let label = if q.answered {
                                                view! { {t!(i18n, me_questionnaire_again, title)} }.into_any()
                                            } else {
                                                title.into_any()
                                            };
                                            view! {
                                                <li class="card">
                                                    {q.programme.clone().map(|p| view! { <p class="caption">{p}</p> })}
                                                    <a class="card__link" href=href>{label}</a>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                    <p><a href=answers_href(home.young_person)>{t!(i18n, me_answers_link)}</a></p>
                                })}
                                <p><a class="button" href=crate::plan::plan_href(home.young_person)>{t!(i18n, me_plan_link)}</a></p>
                                <p><a class="button" href=crate::voice::voice_href(home.young_person)>{t!(i18n, me_voice_link)}</a></p>
                                <p><a class="button button--secondary" href=crate::feedback::feedback_href(home.young_person)>{t!(i18n, me_feedback_link)}</a></p>
                                <section class="support-setting" id="easier" aria-labelledby="easier-title">
                                    <h2 id="easier-title">{t!(i18n, support_heading)}</h2>
                                    <p>{t!(i18n, support_explained)}</p>
                                    <p><strong>{if home.support { t!(i18n, support_is_on).into_any() } else { t!(i18n, support_is_off).into_any() }}</strong></p>
                                    <SupportSwitch young_person=home.young_person on=home.support back="/me#easier" />
                                    <p><a href="/words">{t!(i18n, glossary_link)}</a></p>
                                </section>
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// "A new phone was added": a code used by someone else would add a phone, so the person
/// whose account it is hears about every one for a fortnight.
#[component]
fn NewPhones(phones: Vec<crate::identity::NewPhone>) -> impl IntoView {
    let i18n = use_i18n();
    (!phones.is_empty()).then(|| {
        view! {
            <div class="notice notice--warning" role="status">
                {phones.into_iter().map(|p| {
                    let date = crate::questionnaire::written_date(&p.added_at);
                    let label = crate::identity::device_in(crate::language::of_page(), &p.label);
                    view! { <p><strong>{t!(i18n, new_phone_added, date, label)}</strong></p> }
                }).collect_view()}
                <p>{t!(i18n, new_phone_not_you)}</p>
            </div>
        }
    })
}

#[component]
pub fn FamilyHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| family_home());
    view! {
        <Title text=t_string!(i18n, family_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match home.await {
                        Ok((viewer, family, phones)) => {
                            let name = viewer.given_name.clone();
                            view! {
                                <SignedInBar viewer />
                                <h1>{t!(i18n, me_heading, name)}</h1>
                                <NewPhones phones />
                                <p>{t!(i18n, family_intro)}</p>
                                <ul class="card-list">
                                    {family.into_iter().map(|m| view! {
                                        <li class="card">
                                            <p class="card__title">{m.given_name.clone()}</p>
                                            {m.plan_cue.map(|cue| view! {
                                                <p class="waiting">
                                                    <a class="waiting__link" href=crate::plan::plan_href(m.young_person)>{plan_cue_words(i18n, cue)}</a>
                                                </p>
                                            })}
                                            {(m.unread_feedback_answers > 0).then(|| view! {
                                                <p class="waiting">
                                                    <a class="waiting__link" href=crate::feedback::feedback_href(m.young_person)>{t!(i18n, waiting_feedback_answered)}</a>
                                                </p>
                                            })}
                                            <p class="caption">{t!(i18n, family_you_are, relationship = m.relationship)}</p>
                                            <p><a class="button" href=crate::plan::plan_href(m.young_person)>{t!(i18n, family_plan_link, name = m.given_name.clone())}</a></p>
                                            <p><a class="button button--secondary" href=crate::feedback::feedback_href(m.young_person)>{t!(i18n, family_feedback_link, name = m.given_name)}</a></p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

fn plan_cue_words(i18n: leptos_i18n::I18nContext<Locale>, cue: PlanCue) -> AnyView {
    match cue {
        PlanCue::ToAgree => t!(i18n, waiting_plan_to_agree).into_any(),
        PlanCue::ChangedSinceAgreed => t!(i18n, waiting_plan_changed).into_any(),
    }
}

/// What waits for the young person, before anything else on their home page.
#[component]
fn WaitingForYou(
    young_person: PersonId,
    plan: Option<PlanCue>,
    answers: u32,
    feedback: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    (plan.is_some() || answers > 0 || feedback > 0).then(|| {
        view! {
            <section class="waiting-for-you" aria-labelledby="waiting-title">
                <h2 id="waiting-title" class="heading-small">{t!(i18n, waiting_title)}</h2>
                <ul class="waiting-list">
                    {plan.map(|cue| view! {
                        <li><a class="waiting__link" href=crate::plan::plan_href(young_person)>{plan_cue_words(i18n, cue)}</a></li>
                    })}
                    {(answers > 0).then(|| view! {
                        <li><a class="waiting__link" href=crate::voice::voice_href(young_person)>{t!(i18n, waiting_answered, count = answers)}</a></li>
                    })}
                    {(feedback > 0).then(|| view! {
                        <li><a class="waiting__link" href=crate::feedback::feedback_href(young_person)>{t!(i18n, waiting_feedback_answered)}</a></li>
                    })}
                </ul>
            </section>
        }
    })
}
