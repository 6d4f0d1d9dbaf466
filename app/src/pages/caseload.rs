//! Staff: the caseload (a worker's allocated young people, a manager's whole team) and
//! adding a young person.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::casework::{caseload, AddYoungPerson};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::components::signed_in_bar::SignedInBar;
use crate::i18n::*;
use crate::policy::may_add_young_person;

#[component]
pub fn CaseloadPage() -> impl IntoView {
    let i18n = use_i18n();
    let cases = Resource::new(|| (), |_| caseload());
    view! {
        <Title text=move || t_string!(i18n, caseload_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match cases.await {
                        Ok((viewer, cases)) => {
                            let may_add = may_add_young_person(viewer.role);
                            let may_build = crate::policy::may_build_question_sets(viewer.role);
                            let may_report = crate::policy::may_see_reports(viewer.role);
                            view! {
                                <SignedInBar viewer />
                                <h1>{t!(i18n, caseload_title)}</h1>
                                <p class="button-row">
                                    {may_add.then(|| view! {
                                        <a class="button button--secondary" href="/young-people/new">{t!(i18n, caseload_add)}</a>
                                    })}
                                    <a class="button button--secondary" href="/cohorts">{t!(i18n, caseload_cohorts_link)}</a>
                                    {may_build.then(|| view! {
                                        <a class="button button--secondary" href="/question-sets">{t!(i18n, question_sets_title)}</a>
                                    })}
                                    {may_report.then(|| view! {
                                        <a class="button button--secondary" href="/reports/cohorts">{t!(i18n, caseload_reports_link)}</a>
                                    })}
                                </p>
                                {if cases.is_empty() {
                                    view! { <p>{t!(i18n, caseload_empty)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="card-list">
                                            {cases.into_iter().map(|c| {
                                                let workers = c.workers.join(", ");
                                                let voice = crate::voice::voice_href(c.id);
                                                let (urgent, unseen) = (c.urgent_entries, c.unseen_entries);
                                                let first = c.name.split(' ').next().unwrap_or_default().to_owned();
                                                view! {
                                                    <li class="card" class:card--urgent={urgent > 0}>
                                                        <a class="card__link card__title" href=format!("/young-people/{}", c.id)>{c.name}</a>
                                                        {c.closed.then(|| view! { <strong class="tag">{t!(i18n, case_closed_tag)}</strong> })}
                                                        {(urgent > 0).then(|| view! {
                                                            <p><a class="tag tag--red" href=voice.clone()>{t!(i18n, caseload_urgent, count = urgent)}</a></p>
                                                        })}
                                                        {(unseen > 0).then(|| view! {
                                                            <p><a href=voice.clone()>{t!(i18n, caseload_unseen, count = unseen)}</a></p>
                                                        })}
                                                        {c.plan.map(|status| {
                                                            view! {
                                                                <p>
                                                                    <a href=crate::plan::plan_href(c.id)>{t!(i18n, caseload_plan)}</a>" "
                                                                    <span class="tag">{crate::pages::plan::status_text(i18n, status, first)}</span>
                                                                    {c.plan_disagreement.then(|| view! { " "<span class="tag tag--red">{t!(i18n, caseload_plan_disagreement)}</span> })}
                                                                </p>
                                                            }
                                                        })}
                                                        <p class="caption">{t!(i18n, caseload_workers, workers)}</p>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
pub fn NewYoungPersonPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddYoungPerson>::new();
    let errors = form_error(i18n, action);
    view! {
        <Title text=move || t_string!(i18n, new_young_person_title).to_string() />
        <Layout>
            <FormErrors errors field="given_name" />
            <h1>{t!(i18n, new_young_person_title)}</h1>
            <ActionForm action>
                <NameFields />
                <button class="button" type="submit">{t!(i18n, new_young_person_button)}</button>
            </ActionForm>
            <p><a href="/caseload">{t!(i18n, back_to_caseload)}</a></p>
        </Layout>
    }
}

/// First and last name, used wherever staff add a person.
#[component]
pub fn NameFields(#[prop(optional)] prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let given = format!("{prefix}given_name");
    let family = format!("{prefix}family_name");
    view! {
        <div class="form-group">
            <label class="label" for=given.clone()>{t!(i18n, given_name_label)}</label>
            <input class="input" id=given name="given_name" autocomplete="off" required />
        </div>
        <div class="form-group">
            <label class="label" for=family.clone()>{t!(i18n, family_name_label)}</label>
            <input class="input" id=family name="family_name" autocomplete="off" required />
        </div>
    }
}
