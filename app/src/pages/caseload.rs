//! Staff: the caseload (a worker's allocated young people, a manager's whole team) and
//! adding a young person.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::casework::{caseload, AddYoungPerson, CaseloadPage};
use crate::caseload::{CaseFilter, CaseSort, CaseSummary};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::components::signed_in_bar::SignedInBar;
use crate::i18n::*;
use crate::policy::may_add_young_person;
use crate::programme::cohort_href;
use crate::questionnaire::written_date;

fn filter_name(i18n: leptos_i18n::I18nContext<Locale>, f: CaseFilter) -> String {
    match f {
        CaseFilter::Open => t_string!(i18n, caseload_show_open),
        CaseFilter::NeedsAttention => t_string!(i18n, caseload_show_attention),
        CaseFilter::InProgramme => t_string!(i18n, caseload_show_programme),
        CaseFilter::Closed => t_string!(i18n, caseload_show_closed),
        CaseFilter::All => t_string!(i18n, caseload_show_all),
    }
    .to_string()
}

fn sort_name(i18n: leptos_i18n::I18nContext<Locale>, s: CaseSort) -> String {
    match s {
        CaseSort::Attention => t_string!(i18n, caseload_sort_attention),
        CaseSort::Name => t_string!(i18n, caseload_sort_name),
        CaseSort::Recent => t_string!(i18n, caseload_sort_recent),
        CaseSort::Quietest => t_string!(i18n, caseload_sort_quietest),
    }
    .to_string()
}

fn case_card(i18n: leptos_i18n::I18nContext<Locale>, c: CaseSummary) -> impl IntoView {
    let workers = c.workers.join(", ");
    let voice = crate::voice::voice_href(c.id);
    let feedback = crate::feedback::feedback_href(c.id);
    let (urgent, unseen, unseen_feedback) = (c.urgent_entries, c.unseen_entries, c.unseen_feedback);
    let not_understood = c.not_understood;
    let first = c.name.split(' ').next().unwrap_or_default().to_owned();
    let last = match c.last_activity.as_deref() {
        Some(at) => {
            let date = written_date(at);
            t!(i18n, caseload_last_activity, date).into_any()
        }
        None => t!(i18n, caseload_no_activity).into_any(),
    };
    let programme = c.programme.map(|p| {
        let (attended, sessions, missing) = (p.attended, p.sessions, p.missing_scores);
        let latest = p.latest.map(|(number, start, end)| {
            let text = |s: Option<crate::scaling::Score>| s.map(|s| s.value().to_string()).unwrap_or_else(|| "–".into());
            let (start, end, number) = (text(start), text(end), number.value());
            view! { <p>{t!(i18n, caseload_latest_scores, number, start, end)}</p> }
        });
        view! {
            <p><a href=cohort_href(p.cohort)>{p.programme}</a>" · "{t!(i18n, caseload_sessions_came, attended, sessions)}</p>
            {latest}
            {(missing > 0).then(|| view! { <p><strong class="tag tag--amber">{t!(i18n, caseload_missing_scores, count = missing)}</strong></p> })}
        }
    });
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
            {(unseen_feedback > 0).then(|| view! {
                <p><a href=feedback>{t!(i18n, caseload_unseen_feedback, count = unseen_feedback)}</a></p>
            })}
            {(not_understood > 0).then(|| view! {
                <p><a href=format!("{voice}#not-understood")>{t!(i18n, caseload_not_understood, count = not_understood)}</a></p>
            })}
            {c.plan.map(|status| {
                view! {
                    <p>
                        // The link says what it opens and in what state: "Plan: agreed".
                        <a href=crate::plan::plan_href(c.id)>{t!(i18n, caseload_plan)}" "
                            <span class="tag">{crate::pages::plan::status_text(i18n, status, first)}</span>
                        </a>
                        {c.plan_disagreement.then(|| view! { " "<span class="tag tag--red">{t!(i18n, caseload_plan_disagreement)}</span> })}
                    </p>
                }
            })}
            {programme}
            <p class="caption">{last}</p>
            <p class="caption">{t!(i18n, caseload_workers, workers)}</p>
        </li>
    }
}

#[component]
pub fn CaseloadPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let cases = Resource::new(
        move || query.with(|q| (q.get("show"), q.get("sort"))),
        |(show, sort)| caseload(show, sort),
    );
    view! {
        <Title text=t_string!(i18n, caseload_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match cases.await {
                        Ok(page) => {
                            let CaseloadPage { viewer, cases, filter, sort, total } = page;
                            let may_add = may_add_young_person(viewer.role);
                            let may_build = crate::policy::may_build_question_sets(viewer.role);
                            let may_report = crate::policy::may_see_reports(viewer.role);
                            let shown = cases.len();
                            view! {
                                <SignedInBar viewer=viewer.clone() />
                                // A manager holds no caseload: theirs is the team's.
                                {match viewer.role {
                                    crate::identity::Role::Manager => view! { <h1>{t!(i18n, caseload_team_title)}</h1> }.into_any(),
                                    crate::identity::Role::Administrator => view! { <h1>{t!(i18n, caseload_all_title)}</h1> }.into_any(),
                                    _ => view! { <h1>{t!(i18n, caseload_title)}</h1> }.into_any(),
                                }}
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
                                        <a class="button button--secondary" href="/reports/team">{t!(i18n, team_title)}</a>
                                    })}
                                </p>
                                <form class="caseload-choice" method="get" action="/caseload">
                                    <div class="form-group">
                                        <label class="label" for="caseload-show">{t!(i18n, caseload_show)}</label>
                                        <select class="select" id="caseload-show" name="show">
                                            {CaseFilter::ALL.into_iter().map(|f| view! {
                                                <option value=f.as_str() selected=f == filter>{filter_name(i18n, f)}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="form-group">
                                        <label class="label" for="caseload-sort">{t!(i18n, caseload_sort)}</label>
                                        <select class="select" id="caseload-sort" name="sort">
                                            {CaseSort::ALL.into_iter().map(|s| view! {
                                                <option value=s.as_str() selected=s == sort>{sort_name(i18n, s)}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <button class="button button--secondary" type="submit">{t!(i18n, caseload_apply)}</button>
                                </form>
                                <p role="status">{t!(i18n, caseload_count, shown, total)}</p>
                                {if total == 0 {
                                    view! { <p>{t!(i18n, caseload_empty)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="card-list case-grid">
                                            {cases.into_iter().map(|c| case_card(i18n, c)).collect_view()}
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
        <Title text=t_string!(i18n, new_young_person_title).to_string() />
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
