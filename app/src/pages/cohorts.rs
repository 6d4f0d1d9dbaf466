//! Staff: groups and programmes. The list, starting one, a cohort's page (members and
//! sessions) and the live view of a session, where the worker keeps the register, sees who
//! has scored as phones submit, and enters scores for anyone without a phone.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::cohorts::{
    cohort_list, load_cohort, load_group_session, load_new_cohort_form, ChangeMembership,
    GroupSessionPage, MarkEveryoneCame, MarkRegister, StartCohort,
};
use crate::api::score_session::SaveSessionScore;
use crate::components::island_code::IslandCodeAhead;
use crate::components::layout::Layout;
use crate::components::live_refresh::LiveRefresh;
use crate::components::page_state::{action_error, form_error, load_failed, FormErrors};
use crate::components::signed_in_bar::SignedInBar;
use crate::i18n::*;
use crate::programme::{cohort_href, group_session_href, Delivery, GroupRow};
use crate::scaling::{Score, Stage};

#[component]
pub fn CohortListPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| cohort_list());
    view! {
        <Title text=t_string!(i18n, cohorts_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! {
                            <SignedInBar viewer=page.viewer />
                            <h1>{t!(i18n, cohorts_title)}</h1>
                            {page.may_start.then(|| view! {
                                <a class="button button--secondary" href="/cohorts/new">{t!(i18n, cohorts_start)}</a>
                            })}
                            {if page.cohorts.is_empty() {
                                view! { <p>{t!(i18n, cohorts_empty)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="card-list">
                                        {page.cohorts.into_iter().map(|c| {
                                            let members = c.members;
                                            let starts = c.starts_on.clone();
                                            let workers = c.workers.join(", ");
                                            view! {
                                                <li class="card">
                                                    <a class="card__link card__title" href=cohort_href(c.id)>{c.name}</a>
                                                    <p class="caption">{c.programme}</p>
                                                    <p class="caption">{t!(i18n, cohorts_row, starts, members)}</p>
                                                    <p class="caption">{t!(i18n, caseload_workers, workers)}</p>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <p><a href="/caseload">{t!(i18n, back_to_caseload)}</a></p>
                        }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
pub fn NewCohortPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = Resource::new(|| (), |_| load_new_cohort_form());
    let action = ServerAction::<StartCohort>::new();
    let errors = form_error(i18n, action);
    view! {
        <Title text=t_string!(i18n, new_cohort_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(form) => {
                            let me = form.viewer.person;
                            view! {
                                <SignedInBar viewer=form.viewer />
                                <FormErrors errors field="name" />
                                <h1>{t!(i18n, new_cohort_title)}</h1>
                                <ActionForm action>
                                    <fieldset class="form-group">
                                        <legend class="label">{t!(i18n, new_cohort_programme)}</legend>
                                        {form.programmes.into_iter().enumerate().map(|(i, p)| {
                                            let id = format!("programme-{i}");
                                            let sessions = p.sessions;
                                            let kind = match p.delivery {
                                                Delivery::Group => t_string!(i18n, delivery_group).to_string(),
                                                Delivery::OneToOne => t_string!(i18n, delivery_one_to_one).to_string(),
                                            };
                                            view! {
                                                <div class="choice">
                                                    <input class="choice__input" type="radio" name="programme" id=id.clone() value=p.id.to_string() checked=i == 0 />
                                                    <label class="choice__label" for=id>
                                                        <strong>{p.name}</strong>
                                                        <span class="caption">{t!(i18n, new_cohort_programme_hint, kind, sessions)}</span>
                                                        <span class="caption">{p.summary}</span>
                                                    </label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                    <div class="form-group">
                                        <label class="label" for="name">{t!(i18n, new_cohort_name)}</label>
                                        <p class="hint" id="name-hint">{t!(i18n, new_cohort_name_hint)}</p>
                                        <input class="input" id="name" name="name" maxlength="80" aria-describedby="name-hint" required />
                                    </div>
                                    <div class="form-group">
                                        <label class="label" for="starts_on">{t!(i18n, new_cohort_starts)}</label>
                                        <p class="hint" id="starts_on-hint">{t!(i18n, date_hint)}</p>
                                        <input class="input input--date" type="text" inputmode="numeric" autocomplete="off" id="starts_on" name="starts_on" aria-describedby="starts_on-hint" required />
                                    </div>
                                    <fieldset class="form-group">
                                        <legend class="label">{t!(i18n, new_cohort_workers)}</legend>
                                        {form.workers.into_iter().enumerate().map(|(i, (id, name))| {
                                            let field = format!("worker-{i}");
                                            view! {
                                                <div class="choice">
                                                    <input class="choice__input" type="checkbox" name="workers[]" id=field.clone() value=id.to_string() checked=id == me />
                                                    <label class="choice__label" for=field>{name}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                    <fieldset class="form-group">
                                        <legend class="label">{t!(i18n, new_cohort_members)}</legend>
                                        <p class="hint">{t!(i18n, new_cohort_members_hint)}</p>
                                        {form.young_people.into_iter().enumerate().map(|(i, (id, name))| {
                                            let field = format!("member-{i}");
                                            view! {
                                                <div class="choice">
                                                    <input class="choice__input" type="checkbox" name="members[]" id=field.clone() value=id.to_string() />
                                                    <label class="choice__label" for=field>{name}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                    <button class="button" type="submit">{t!(i18n, new_cohort_button)}</button>
                                </ActionForm>
                                <p><a href="/cohorts">{t!(i18n, back_to_cohorts)}</a></p>
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
pub fn CohortPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let change = ServerAction::<ChangeMembership>::new();
    let errors = form_error(i18n, change);
    let cohort = move || params.with(|p| p.get("cohort").unwrap_or_default());
    let page = Resource::new(
        move || (cohort(), change.version().get()),
        |(cohort, _)| load_cohort(cohort),
    );
    view! {
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let c = page.cohort;
                            let id = c.id;
                            let title = c.name.clone();
                            let workers = c.workers.join(", ");
                            let starts = c.starts_on.clone();
                            let members_total = c.members.len();
                            view! {
                                <Title text=title />
                                <SignedInBar viewer=page.viewer />
                                <FormErrors errors />
                                <p class="caption">{c.programme.clone()}</p>
                                <h1>{c.name.clone()}</h1>
                                <p>{t!(i18n, cohort_summary, starts, workers)}</p>
                                {page.this_week.map(|n| {
                                    let number = n.value();
                                    view! {
                                        <p><a class="button" href=group_session_href(id, n)>{t!(i18n, cohort_this_week, number)}</a></p>
                                    }
                                })}
                                <h2>{t!(i18n, cohort_sessions)}</h2>
                                <ol class="card-list">
                                    {c.sessions.into_iter().map(|s| {
                                        let number = s.number.value();
                                        let topic = s.topic.clone();
                                        let (starts, ends, attended) = (s.starts, s.ends, s.attended);
                                        view! {
                                            <li class="card">
                                                <a class="card__link card__title" href=group_session_href(id, s.number)>{t!(i18n, me_score_link, number, topic)}</a>
                                                <p class="caption">
                                                    {if s.scored {
                                                        view! { {t!(i18n, cohort_session_counts, attended, starts, ends, total = members_total)} }.into_any()
                                                    } else {
                                                        view! { {t!(i18n, cohort_session_unscored, attended, total = members_total)} }.into_any()
                                                    }}
                                                </p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                                <h2>{t!(i18n, cohort_members, count = members_total)}</h2>
                                {if c.members.is_empty() {
                                    view! { <p>{t!(i18n, cohort_no_members)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="member-list">
                                            {c.members.into_iter().map(|m| {
                                                let attended = m.attended;
                                                let name = m.name.clone();
                                                view! {
                                                    <li class="member-list__row">
                                                        <span>{m.name.clone()}<span class="caption">" · "{t!(i18n, cohort_attended, attended)}</span></span>
                                                        {page.may_manage.then(|| view! {
                                                            <ActionForm action=change attr:class="inline-form">
                                                                <input type="hidden" name="cohort" value=id.to_string() />
                                                                <input type="hidden" name="young_person" value=m.id.to_string() />
                                                                <input type="hidden" name="change" value="remove" />
                                                                <button class="button button--secondary button--small" type="submit">
                                                                    {t!(i18n, cohort_remove)}
                                                                    <span class="visually-hidden">" "{name}</span>
                                                                </button>
                                                            </ActionForm>
                                                        })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                {(page.may_manage && !c.could_join.is_empty()).then(|| view! {
                                    <ActionForm action=change attr:class="add-member">
                                        <input type="hidden" name="cohort" value=id.to_string() />
                                        <input type="hidden" name="change" value="add" />
                                        <div class="form-group">
                                            <label class="label" for="young_person">{t!(i18n, cohort_add_label)}</label>
                                            <select class="select" id="young_person" name="young_person">
                                                {c.could_join.into_iter().map(|(id, name)| view! {
                                                    <option value=id.to_string()>{name}</option>
                                                }).collect_view()}
                                            </select>
                                        </div>
                                        <button class="button button--secondary" type="submit">{t!(i18n, cohort_add_button)}</button>
                                    </ActionForm>
                                })}
                                <p><a href="/cohorts">{t!(i18n, back_to_cohorts)}</a></p>
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
pub fn GroupSessionLivePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let register = ServerAction::<MarkRegister>::new();
    let record = ServerAction::<SaveSessionScore>::new();
    let everyone = ServerAction::<MarkEveryoneCame>::new();
    let register_errors = form_error(i18n, register);
    let record_errors = action_error(i18n, record);
    // Server HTML; the LiveRefresh island reloads it when the session changes.
    let changes = RwSignal::new(0u32);
    let address = move || {
        params.with(|p| {
            (
                p.get("cohort").unwrap_or_default(),
                p.get("session").unwrap_or_default(),
            )
        })
    };
    let page = Resource::new(
        move || {
            (
                address(),
                changes.get(),
                register.version().get(),
                record.version().get(),
                everyone.version().get(),
            )
        },
        |((cohort, session), ..)| load_group_session(cohort, session),
    );
    view! {
        <Layout>
            <Transition>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => group_view(i18n, page, register, record, everyone).into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Transition>
            <FormErrors errors=register_errors />
            <FormErrors errors=record_errors />
        </Layout>
    }
}

fn group_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: GroupSessionPage,
    register: ServerAction<MarkRegister>,
    record: ServerAction<SaveSessionScore>,
    everyone: ServerAction<MarkEveryoneCame>,
) -> impl IntoView {
    let unmarked = page
        .session
        .rows
        .iter()
        .filter(|r| r.attended.is_none())
        .count();
    let s = page.session;
    let number = s.number.value();
    let topic = s.topic.clone();
    let total = s.rows.len();
    let starts = s.count(Stage::Start);
    let ends = s.count(Stage::End);
    let cohort = s.cohort;
    let scored = s.scored;
    let (may_manage, may_record) = (page.may_manage, page.may_record);
    let title = format!("{} – {}", s.cohort_name, s.topic);
    view! {
        <Title text=title />
        <SignedInBar viewer=page.viewer />
        <p class="caption"><a href=cohort_href(cohort)>{s.cohort_name.clone()}</a>" · "{s.programme.clone()}</p>
        <h1>{t!(i18n, me_score_link, number, topic)}</h1>
        <p class="live-counts" role="status" aria-live="polite">
            {if scored {
                view! { {t!(i18n, group_counts, starts, ends, total)} }.into_any()
            } else {
                view! { {t!(i18n, score_not_scored)} }.into_any()
            }}
        </p>
        <p class="no-js-only"><a class="button button--secondary" href="">{t!(i18n, group_refresh)}</a></p>
        <IslandCodeAhead />
        <LiveRefresh
            cohort=cohort.to_string()
            session=number.to_string()
            waiting=t_string!(i18n, group_new_scores).to_string()
            show=t_string!(i18n, group_show_new_scores).to_string()
        />
        // A group of nine over six sessions is 54 presses one by one; most weeks everyone
        // who is there came, and the few who did not are then marked one by one.
        {(may_manage && unmarked > 0).then(|| view! {
            <ActionForm action=everyone attr:class="everyone-came">
                <input type="hidden" name="cohort" value=cohort.to_string() />
                <input type="hidden" name="session" value=s.number.to_string() />
                <button class="button" type="submit">{t!(i18n, group_everyone_came, count = unmarked)}</button>
            </ActionForm>
        })}
        <div class="table-wrap">
            <table class="table group-table">
                <caption class="visually-hidden">{t!(i18n, group_table_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, group_col_name)}</th>
                        <th scope="col">{t!(i18n, group_col_came)}</th>
                        {scored.then(|| view! {
                            <th scope="col">{t!(i18n, group_col_start)}</th>
                            <th scope="col">{t!(i18n, group_col_end)}</th>
                        })}
                    </tr>
                </thead>
                <tbody>
                    {s.rows.into_iter().map(|row| group_row(i18n, cohort, s.number, scored, may_manage, may_record, row, register, record)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn group_row(
    i18n: leptos_i18n::I18nContext<Locale>,
    cohort: crate::ids::CohortId,
    session: crate::ids::SessionNumber,
    scored: bool,
    may_manage: bool,
    may_record: bool,
    row: GroupRow,
    register: ServerAction<MarkRegister>,
    record: ServerAction<SaveSessionScore>,
) -> impl IntoView {
    let name = row.name.clone();
    let who = row.young_person.to_string();
    let next = row.next_stage();
    let came = match row.attended {
        Some(true) => t_string!(i18n, group_came_yes).to_string(),
        Some(false) => t_string!(i18n, group_came_no).to_string(),
        None => t_string!(i18n, group_came_unknown).to_string(),
    };
    let attended = row.attended;
    let register_form = |value: &'static str, label: String| {
        let who = who.clone();
        let name = name.clone();
        // The chosen one is shown pressed, in colour and with a tick, so it reads without
        // colour too.
        let chosen = attended == Some(value == "yes");
        view! {
            <ActionForm action=register attr:class="inline-form">
                <input type="hidden" name="cohort" value=cohort.to_string() />
                <input type="hidden" name="session" value=session.to_string() />
                <input type="hidden" name="young_person" value=who />
                <input type="hidden" name="attended" value=value />
                <button
                    class="button button--small"
                    class:button--secondary=!chosen
                    class:button--chosen=chosen
                    type="submit"
                    aria-pressed=if chosen { "true" } else { "false" }
                >
                    {chosen.then(|| view! { <span aria-hidden="true">"✓ "</span> })}{label}<span class="visually-hidden">" "{name}</span>
                </button>
            </ActionForm>
        }
    };
    let row_name = row.name.clone();
    let score_cell = move |stage: Stage| {
        let value = row.scores.get(stage);
        let by_worker = row.entered_by_worker;
        let name = row.name.clone();
        let who = row.young_person.to_string();
        // Nothing to enter for someone the register says was not there.
        let show_form = may_record && next == Some(stage) && row.attended != Some(false);
        let missed = stage == Stage::Start && row.scores.start_missed && value.is_none();
        let select_id = format!("{}-{}", stage, row.young_person);
        view! {
            <td data-stage=stage.as_str()>
                {match value {
                    Some(v) => view! {
                        <strong class="score-chip">{v.value()}</strong>
                        {by_worker.then(|| view! { <span class="caption">" "{t!(i18n, group_by_worker)}</span> })}
                    }.into_any(),
                    None if missed => view! { <span class="caption">{t!(i18n, group_start_missed)}</span> }.into_any(),
                    // With a box to fill in, "waiting" goes without saying (and a row stays short).
                    None if show_form => ().into_any(),
                    None => view! { <span class="caption">{t!(i18n, group_waiting)}</span> }.into_any(),
                }}
                {show_form.then({
                    let (who, name) = (who.clone(), name.clone());
                    move || {
                    let label = match stage {
                        Stage::Start => t_string!(i18n, group_enter_start).to_string(),
                        Stage::End => t_string!(i18n, group_enter_end).to_string(),
                    };
                    view! {
                        <ActionForm action=record attr:class="inline-form record-form">
                            <input type="hidden" name="young_person" value=who.clone() />
                            <input type="hidden" name="cohort" value=cohort.to_string() />
                            <input type="hidden" name="session" value=session.to_string() />
                            <input type="hidden" name="stage" value=stage.as_str() />
                            <input type="hidden" name="from" value="group" />
                            <label class="visually-hidden" for=select_id.clone()>{label.clone()}" "{name.clone()}</label>
                            <select class="select select--small" id=select_id name="score">
                                <option value="">"–"</option>
                                {Score::all().map(|s| view! { <option value=s.to_string()>{s.value()}</option> }).collect_view()}
                            </select>
                            <button class="button button--secondary button--small" type="submit">
                                {label}<span class="visually-hidden">" "{name.clone()}</span>
                            </button>
                        </ActionForm>
                    }
                }})}
                {(may_manage && stage == Stage::Start && value.is_none() && !row.scores.start_missed).then(|| view! {
                    <ActionForm action=register attr:class="inline-form">
                        <input type="hidden" name="cohort" value=cohort.to_string() />
                        <input type="hidden" name="session" value=session.to_string() />
                        <input type="hidden" name="young_person" value=who.clone() />
                        <input type="hidden" name="missed_start" value="yes" />
                        <button class="link-button" type="submit">
                            {t!(i18n, group_mark_missed)}<span class="visually-hidden">" "{name.clone()}</span>
                        </button>
                    </ActionForm>
                })}
            </td>
        }
    };
    let yp = row.young_person;
    view! {
        <tr>
            <th scope="row">
                {row_name}
                // For a young person without a phone: the worker fills in the programme
                // scores with them.
                {may_record.then(|| view! {
                    <span class="caption group-programme-links">
                        <a href=crate::programme::programme_scaling_href(yp, cohort, Stage::Start)>{t!(i18n, group_programme_start)}</a>
                        " · "
                        <a href=crate::programme::programme_scaling_href(yp, cohort, Stage::End)>{t!(i18n, group_programme_end)}</a>
                    </span>
                })}
            </th>
            <td>
                // With the buttons, the pressed one says it; without them, the words do.
                <span class:visually-hidden=may_manage>{came}</span>
                {may_manage.then(|| view! {
                    <span class="button-row">
                        {register_form("yes", t_string!(i18n, group_mark_came).to_string())}
                        {register_form("no", t_string!(i18n, group_mark_not_came).to_string())}
                    </span>
                })}
            </td>
            {scored.then(|| view! { {score_cell(Stage::Start)} {score_cell(Stage::End)} })}
        </tr>
    }
}
