//! The plan page: the young person's targets as cards (and, for staff on a wide screen, the
//! familiar five-column table), who has agreed, what changed since someone agreed, and the
//! worker's controls. Also the printable A4 view.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::api::plan::{load_plan, MarkPlanReady, MoveTarget, StartPlan};
use crate::api::plan_agreement::RespondToPlan;
use crate::api::plan_review::{OpenReview, ScheduleReview};
use crate::components::layout::Layout;
use crate::components::page_state::{action_error, form_error, load_failed, FormErrors};
use crate::components::support::{ExplainButton, Glossed};
use crate::i18n::*;
use crate::identity::Role;
use crate::plan::{
    decision_on, scores_at, Change, Decision, Part, PlanPage, PlanState, PlanStatus, Target,
    TargetStatus, Written,
};
use crate::questionnaire::written_date;

/// A column heading, in the words of the paper plan. "I" is the young person: others read
/// "To do this, Amara will…".
#[component]
pub fn PartHeading(
    part: Part,
    #[prop(into)] young_person: String,
    worker: Option<String>,
    mine: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    match part {
        Part::Target => t!(i18n, plan_part_target).into_any(),
        Part::IWill if mine => t!(i18n, plan_part_i_will).into_any(),
        Part::IWill => t!(i18n, plan_part_they_will, name = young_person).into_any(),
        Part::CarerWill => t!(i18n, plan_part_carer_will).into_any(),
        Part::WorkerWill => match worker {
            Some(name) => t!(i18n, plan_part_worker_will, name).into_any(),
            None => t!(i18n, plan_part_worker_will_unnamed).into_any(),
        },
        Part::Success => t!(i18n, plan_part_success).into_any(),
    }
}

/// Who last wrote a part, and whether that changed the young person's own words.
pub fn byline(
    i18n: leptos_i18n::I18nContext<Locale>,
    written: &Written,
    young_person: &str,
) -> AnyView {
    let Some(by) = written.by.clone() else {
        return ().into_any();
    };
    match written.young_persons_words.clone() {
        Some(words) => {
            let (who, name) = (by.name, young_person.to_owned());
            view! {
                <p class="byline byline--changed">
                    {t!(i18n, plan_words_changed, who, name = name.clone())}
                    " "
                    {(!words.is_empty()).then(|| view! {
                        <span class="byline__original">{t!(i18n, plan_they_wrote, name)}" “"{words}"”"</span>
                    })}
                </p>
            }
            .into_any()
        }
        None => {
            let who = by.name;
            view! { <p class="byline">{t!(i18n, plan_written_by, who)}</p> }.into_any()
        }
    }
}

pub fn status_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    status: PlanStatus,
    name: String,
) -> AnyView {
    match status {
        PlanStatus::Draft => t!(i18n, plan_status_draft).into_any(),
        PlanStatus::WaitingForYoungPerson => t!(i18n, plan_status_waiting_yp, name).into_any(),
        PlanStatus::WaitingForCarer => t!(i18n, plan_status_waiting_carer).into_any(),
        PlanStatus::WaitingForWorker => t!(i18n, plan_status_waiting_worker).into_any(),
        PlanStatus::Agreed => t!(i18n, plan_status_agreed).into_any(),
        PlanStatus::ReviewDue => t!(i18n, plan_status_review_due).into_any(),
    }
}

fn target_status_text(i18n: leptos_i18n::I18nContext<Locale>, status: TargetStatus) -> AnyView {
    match status {
        TargetStatus::Active => t!(i18n, plan_target_active).into_any(),
        TargetStatus::Achieved => t!(i18n, plan_target_achieved).into_any(),
        TargetStatus::Dropped => t!(i18n, plan_target_dropped).into_any(),
    }
}

fn role_text(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> AnyView {
    match role {
        Role::YoungPerson => t!(i18n, plan_role_young_person).into_any(),
        Role::ParentCarer => t!(i18n, plan_role_carer).into_any(),
        _ => t!(i18n, plan_role_worker).into_any(),
    }
}

/// Headings need these three facts about the page.
#[derive(Clone)]
struct Names {
    young_person: String,
    worker: Option<String>,
    mine: bool,
}

impl Names {
    fn of(page: &PlanPage) -> Self {
        Names {
            young_person: page.young_person_name.clone(),
            worker: page.worker_name.clone(),
            mine: page.viewer == page.young_person,
        }
    }

    fn heading(&self, part: Part) -> impl IntoView {
        view! { <PartHeading part young_person=self.young_person.clone() worker=self.worker.clone() mine=self.mine /> }
    }
}

fn change_view(i18n: leptos_i18n::I18nContext<Locale>, change: Change, names: &Names) -> AnyView {
    match change {
        Change::Added { target } => {
            view! { <li><strong>{t!(i18n, plan_change_added)}</strong>" "{target}</li> }.into_any()
        }
        Change::Moved { target, to } => view! {
            <li><strong>{target}</strong>": "{t!(i18n, plan_change_moved, to)}</li>
        }
        .into_any(),
        Change::Status { target, to } => view! {
            <li><strong>{target}</strong>": "{target_status_text(i18n, to)}</li>
        }
        .into_any(),
        Change::Part {
            target,
            part,
            before,
            after,
        } => {
            let empty = || t_string!(i18n, plan_not_written).to_string();
            let before = if before.is_empty() { empty() } else { before };
            let after = if after.is_empty() { empty() } else { after };
            view! {
                <li>
                    <strong>{target}</strong>" — "{names.heading(part)}
                    <dl class="change">
                        <dt>{t!(i18n, plan_change_before)}</dt>
                        <dd class="change__before">{before}</dd>
                        <dt>{t!(i18n, plan_change_now)}</dt>
                        <dd class="change__after">{after}</dd>
                    </dl>
                </li>
            }
            .into_any()
        }
    }
}

fn target_card(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: &PlanPage,
    plan: &PlanState,
    number: usize,
    target: Target,
    mover: ServerAction<MoveTarget>,
) -> AnyView {
    let last = plan.content.targets.len();
    let moves = page.may_manage.then(|| {
        let (yp, key, name) = (
            page.young_person.to_string(),
            target.key.clone(),
            target.target.text.clone(),
        );
        let button = move |direction: &'static str| {
            let (yp, key, name) = (yp.clone(), key.clone(), name.clone());
            view! {
                <ActionForm action=mover attr:class="plan-move">
                    <input type="hidden" name="young_person" value=yp />
                    <input type="hidden" name="target" value=key />
                    <input type="hidden" name="direction" value=direction />
                    <button class="button button--secondary" type="submit">
                        {if direction == "up" { t!(i18n, plan_move_up).into_any() } else { t!(i18n, plan_move_down).into_any() }}
                        <span class="visually-hidden">" "{name}</span>
                    </button>
                </ActionForm>
            }
        };
        view! {
            <div class="plan-moves">
                {(number > 1).then(|| button("up"))}
                {(number < last).then(|| button("down"))}
            </div>
        }
    });
    let names = Names::of(page);
    let key = target.key.clone();
    let edit = (!page.writes.is_empty()).then(|| {
        format!(
            "/young-people/{}/plan/targets/{}",
            page.young_person, target.key
        )
    });
    let reviews: Vec<_> = plan
        .reviews
        .iter()
        .map(|r| (r.number, scores_at(&plan.scores, r.number, &key)))
        .filter(|(_, s)| !s.is_empty())
        .collect();
    let title = target.target.text.clone();
    let status = target.status;
    let anchor = format!("target-{key}");
    // Communication support: justice words explained on a tap, and a way to say "I don't
    // understand this", on her own plan only.
    let support = page.support && page.viewer == page.young_person;
    let title = if support {
        view! { <Glossed text=title prefix=anchor.clone() /> }.into_any()
    } else {
        title.into_any()
    };
    let explain = support.then(|| {
        let item = crate::support::Item::Target { key: key.clone() };
        view! { <ExplainButton young_person=page.young_person item anchor=anchor.clone() /> }
    });
    view! {
        <li class="card plan-target" id=anchor.clone()>
            <h2 class="card__title">
                <span class="plan-target__number">{t!(i18n, plan_target_number, number)}</span>
                " "{title}
            </h2>
            {explain}
            {(status != TargetStatus::Active).then(|| view! {
                <p><strong class="tag">{target_status_text(i18n, status)}</strong></p>
            })}
            {byline(i18n, &target.target, &names.young_person)}
            <dl class="plan-parts">
                {Part::ALL.into_iter().filter(|p| *p != Part::Target).map(|part| {
                    let written = target.part(part).clone();
                    let text = if written.text.is_empty() {
                        view! { <span class="plan-parts__empty">{t!(i18n, plan_not_written)}</span> }.into_any()
                    } else {
                        written.text.clone().into_any()
                    };
                    view! {
                        <dt>{names.heading(part)}</dt>
                        <dd>
                            <p class="plan-parts__text">{text}</p>
                            {byline(i18n, &written, &names.young_person)}
                        </dd>
                    }
                }).collect_view()}
            </dl>
            {(!reviews.is_empty()).then(|| view! {
                <h3 class="plan-target__subhead">{t!(i18n, plan_review_history)}</h3>
                <ul class="review-history">
                    {reviews.into_iter().map(|(review, scores)| view! {
                        <li>
                            {t!(i18n, plan_review_number, review)}": "
                            {scores.into_iter().map(|s| {
                                let (name, value) = (s.name, s.score.value());
                                view! { <span class="review-history__score">{t!(i18n, plan_scored, name, value)}</span> }
                            }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {edit.map(|href| view! {
                <p><a class="button button--secondary" href=href>{t!(i18n, plan_change_target)}<span class="visually-hidden">" "{target.target.text.clone()}</span></a></p>
            })}
            {moves}
        </li>
    }
    .into_any()
}

/// The five-column table of the paper plan, for staff on a laptop (hidden on narrow
/// screens, where the cards are easier to read).
fn plan_table(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: &PlanPage,
    plan: &PlanState,
    class: &'static str,
) -> AnyView {
    let names = Names::of(page);
    view! {
        <table class=class>
            <caption class="visually-hidden">{t!(i18n, plan_table_caption)}</caption>
            <thead>
                <tr>{Part::ALL.into_iter().map(|p| view! { <th scope="col">{names.heading(p)}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {plan.content.targets.iter().map(|t| {
                    let t = t.clone();
                    view! {
                        <tr class:plan-table__done=t.status != TargetStatus::Active>
                            {Part::ALL.into_iter().map(|p| {
                                let written = t.part(p).clone();
                                let status = (p == Part::Target && t.status != TargetStatus::Active)
                                    .then(|| view! { " " <strong class="tag">{target_status_text(i18n, t.status)}</strong> });
                                let body = view! { {written.text.clone()}{status} };
                                if p == Part::Target {
                                    view! { <th scope="row">{body}</th> }.into_any()
                                } else {
                                    view! { <td>{body}</td> }.into_any()
                                }
                            }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Who agrees the plan and where each of them stands on this version.
fn standings(i18n: leptos_i18n::I18nContext<Locale>, page: &PlanPage, plan: &PlanState) -> AnyView {
    view! {
        <ul class="standings">
            {page.parties.iter().map(|party| {
                let said = decision_on(&plan.responses, party.person, plan.version).cloned();
                let name = party.name.clone();
                let word = match said.as_ref().map(|r| r.decision) {
                    Some(Decision::Agree) => view! { <strong class="tag tag--green">{t!(i18n, plan_agreed)}</strong> }.into_any(),
                    Some(Decision::Disagree) => view! { <strong class="tag tag--red">{t!(i18n, plan_disagreed)}</strong> }.into_any(),
                    None => view! { <span class="tag">{t!(i18n, plan_not_yet)}</span> }.into_any(),
                };
                view! {
                    <li>
                        {name}" ("{role_text(i18n, party.role)}") "{word}
                        {said.and_then(|r| r.comment).map(|c| view! { <q class="standings__comment">{c}</q> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let search = use_location().search;
    let start = ServerAction::<StartPlan>::new();
    let respond = ServerAction::<RespondToPlan>::new();
    let ready = ServerAction::<MarkPlanReady>::new();
    let schedule = ServerAction::<ScheduleReview>::new();
    let open = ServerAction::<OpenReview>::new();
    let mover = ServerAction::<MoveTarget>::new();
    let respond_errors = form_error(i18n, respond);
    let ready_errors = action_error(i18n, ready);
    let schedule_errors = action_error(i18n, schedule);
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("young_person").unwrap_or_default()),
                search.get(),
                respond.version().get()
                    + ready.version().get()
                    + schedule.version().get()
                    + mover.version().get(),
            )
        },
        |(yp, _, _)| load_plan(yp),
    );
    view! {
        <Title text=t_string!(i18n, plan_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => plan_body(i18n, page, Actions { start, respond, ready, schedule, open, mover }, respond_errors, ready_errors, schedule_errors),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// Everything the plan page can send.
#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartPlan>,
    respond: ServerAction<RespondToPlan>,
    ready: ServerAction<MarkPlanReady>,
    schedule: ServerAction<ScheduleReview>,
    open: ServerAction<OpenReview>,
    mover: ServerAction<MoveTarget>,
}

fn plan_body(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: PlanPage,
    actions: Actions,
    respond_errors: Memo<Option<crate::messages::ShownError>>,
    ready_errors: Memo<Option<crate::messages::ShownError>>,
    schedule_errors: Memo<Option<crate::messages::ShownError>>,
) -> AnyView {
    let Actions {
        start,
        respond,
        ready,
        schedule,
        open,
        mover,
    } = actions;
    let yp = page.young_person.to_string();
    let mine = page.viewer == page.young_person;
    let name = page.young_person_name.clone();
    let heading = if mine {
        view! { <h1>{t!(i18n, plan_my_title)}</h1> }.into_any()
    } else {
        let name = name.clone();
        view! { <h1>{t!(i18n, plan_their_title, name)}</h1> }.into_any()
    };
    let Some(plan) = page.plan.clone() else {
        return view! {
            {heading}
            {if page.may_manage {
                view! {
                    <p>{t!(i18n, plan_none_staff)}</p>
                    <ActionForm action=start>
                        <input type="hidden" name="young_person" value=yp.clone() />
                        <button class="button" type="submit">{t!(i18n, plan_start)}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p>{t!(i18n, plan_none)}</p> }.into_any()
            }}
        }
        .into_any();
    };
    let names = Names::of(&page);
    let my_word = decision_on(&plan.responses, page.viewer, plan.version).cloned();
    let staff = page.viewer_role.is_staff();
    let base = format!("/young-people/{yp}/plan");
    let disagreements: Vec<_> = plan
        .responses
        .iter()
        .filter(|r| r.version == plan.version && r.decision == Decision::Disagree)
        .filter(|r| decision_on(&plan.responses, r.person, plan.version) == Some(*r))
        .cloned()
        .collect();
    let status_name = name.clone();
    view! {
        <FormErrors errors=respond_errors />
        <FormErrors errors=ready_errors />
        <FormErrors errors=schedule_errors />
        // After writing a part: said at the top, where the page opens.
        {use_query_map().with_untracked(|q| q.get("saved").is_some()).then(|| view! {
            <p class="saved-notice" role="status">{t!(i18n, plan_saved)}</p>
        })}
        {heading}
        <p class="plan-status">
            <strong class="tag">{status_text(i18n, plan.status, status_name)}</strong>
            // "Version" is a worker's word; young people and parents see what changed instead.
            {staff.then(|| view! { " " <span class="caption">{t!(i18n, plan_version, version = plan.version)}</span> })}
        </p>
        {plan.changed_since.clone().filter(|(_, c)| !c.is_empty()).map(|(_, changes)| view! {
            <section class="notice plan-changed" aria-labelledby="plan-changed-title">
                <h2 id="plan-changed-title">{t!(i18n, plan_changed_since)}</h2>
                <p>{t!(i18n, plan_changed_intro)}</p>
                <ul class="changes">
                    {changes.into_iter().map(|c| change_view(i18n, c, &names)).collect_view()}
                </ul>
            </section>
        })}
        {(!disagreements.is_empty()).then(|| view! {
            <section class="notice notice--warning" aria-labelledby="plan-disagree-title">
                <h2 id="plan-disagree-title">{t!(i18n, plan_disagreements)}</h2>
                <ul>
                    {disagreements.into_iter().map(|r| {
                        let who = r.name;
                        view! { <li>{t!(i18n, plan_disagrees, who)}" "<q>{r.comment.unwrap_or_default()}</q></li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <ol class="card-list plan-targets" class:plan-targets--staff=staff>
            {plan.content.targets.iter().enumerate().map(|(i, t)| target_card(i18n, &page, &plan, i + 1, t.clone(), mover)).collect_view()}
        </ol>
        {plan.content.targets.is_empty().then(|| view! { <p>{t!(i18n, plan_no_targets)}</p> })}
        {staff.then(|| plan_table(i18n, &page, &plan, "plan-table plan-table--wide"))}
        {page.writes.contains(&Part::Target).then(|| view! {
            <p><a class="button button--secondary" href=format!("{base}/targets/new")>{t!(i18n, plan_add_target)}</a></p>
        })}
        // Agreeing comes after the words it agrees to: read first, then say yes or no.
        {page.may_agree.then(|| agreement_panel(i18n, &yp, &plan, my_word.as_ref(), respond))}
        <section aria-labelledby="plan-who-title">
            <h2 id="plan-who-title">{t!(i18n, plan_who_agrees)}</h2>
            {standings(i18n, &page, &plan)}
        </section>
        {page.may_manage.then(|| manage_panel(i18n, &yp, &plan, ready, schedule, open))}
        <section aria-labelledby="plan-review-title">
            <h2 id="plan-review-title">{t!(i18n, plan_reviews)}</h2>
            {plan.next_review.map(|d| {
                let date = written_date(&d.to_string());
                view! { <p>{t!(i18n, plan_next_review, date)}</p> }
            })}
            {(plan.open_review().is_some() || !plan.reviews.is_empty()).then(|| view! {
                <p><a href=format!("{base}/review")>{
                    if plan.open_review().is_some() { t!(i18n, plan_review_open_link).into_any() } else { t!(i18n, plan_review_past_link).into_any() }
                }</a></p>
            })}
        </section>
        <p><a href=format!("{base}/print")>{t!(i18n, plan_print_link)}</a></p>
        <section aria-labelledby="plan-history-title">
            <h2 id="plan-history-title">{t!(i18n, plan_history)}</h2>
            {history(i18n, &plan)}
        </section>
    }
    .into_any()
}

fn history(i18n: leptos_i18n::I18nContext<Locale>, plan: &PlanState) -> AnyView {
    if plan.responses.is_empty() {
        return view! { <p>{t!(i18n, plan_history_none)}</p> }.into_any();
    }
    view! {
        <ul class="plan-history">
            {plan.responses.iter().map(|r| {
                let (who, version, date) = (r.name.clone(), r.version, written_date(&r.at));
                let counts = r.version == plan.version;
                view! {
                    <li>
                        {match r.decision {
                            Decision::Agree => t!(i18n, plan_history_agreed, who, version, date).into_any(),
                            Decision::Disagree => t!(i18n, plan_history_disagreed, who, version, date).into_any(),
                        }}
                        {(!counts).then(|| view! { " "<span class="caption">{t!(i18n, plan_history_older)}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn agreement_panel(
    i18n: leptos_i18n::I18nContext<Locale>,
    yp: &str,
    plan: &PlanState,
    my_word: Option<&crate::plan::PlanResponse>,
    respond: ServerAction<RespondToPlan>,
) -> AnyView {
    if !plan.ready {
        return view! { <p class="notice">{t!(i18n, plan_not_ready_yet)}</p> }.into_any();
    }
    let already = my_word.map(|r| {
        let date = written_date(&r.at);
        match r.decision {
            Decision::Agree => view! { <p class="saved-notice" role="status">{t!(i18n, plan_you_agreed, date)}</p> }.into_any(),
            Decision::Disagree => view! { <p class="saved-notice" role="status">{t!(i18n, plan_you_disagreed, date)}</p> }.into_any(),
        }
    });
    let (yp, hash) = (yp.to_owned(), plan.hash.clone());
    let (yp2, hash2) = (yp.clone(), hash.clone());
    view! {
        <section class="agreement" aria-labelledby="agree-title">
            <h2 id="agree-title">{t!(i18n, plan_agree_title)}</h2>
            {already}
            <p>{t!(i18n, plan_agree_intro)}</p>
            <ActionForm action=respond>
                <input type="hidden" name="young_person" value=yp.clone() />
                <input type="hidden" name="hash" value=hash.clone() />
                <button class="button" type="submit" name="decision" value="agree">{t!(i18n, plan_agree)}</button>
            </ActionForm>
            <details class="disagree">
                <summary>{t!(i18n, plan_disagree_open)}</summary>
                <ActionForm action=respond>
                    <input type="hidden" name="young_person" value=yp2 />
                    <input type="hidden" name="hash" value=hash2 />
                    <input type="hidden" name="decision" value="disagree" />
                    <label class="label" for="disagree-comment">{t!(i18n, plan_disagree_label)}</label>
                    <p class="hint" id="disagree-hint">{t!(i18n, plan_comment_hint)}</p>
                    <textarea class="input textarea" id="disagree-comment" name="comment" rows="4" aria-describedby="disagree-hint"></textarea>
                    <button class="button button--secondary" type="submit">{t!(i18n, plan_disagree)}</button>
                </ActionForm>
            </details>
        </section>
    }
    .into_any()
}

fn manage_panel(
    i18n: leptos_i18n::I18nContext<Locale>,
    yp: &str,
    plan: &PlanState,
    ready: ServerAction<MarkPlanReady>,
    schedule: ServerAction<ScheduleReview>,
    open: ServerAction<OpenReview>,
) -> AnyView {
    let next = plan.next_review.map(|d| d.to_string()).unwrap_or_default();
    let weeks = (plan.review_every_days / 7).max(1).to_string();
    let (hash, is_ready, none_open) = (plan.hash.clone(), plan.ready, plan.open_review().is_none());
    let (yp1, yp2, yp3) = (yp.to_owned(), yp.to_owned(), yp.to_owned());
    view! {
        <section class="card manage" aria-labelledby="manage-title">
            <h2 id="manage-title" class="card__title">{t!(i18n, plan_manage_title)}</h2>
            {(!is_ready).then(|| view! {
                <p>{t!(i18n, plan_ready_intro)}</p>
                <ActionForm action=ready>
                    <input type="hidden" name="young_person" value=yp1 />
                    <input type="hidden" name="hash" value=hash />
                    <button class="button" type="submit">{t!(i18n, plan_mark_ready)}</button>
                </ActionForm>
            })}
            <ActionForm action=schedule attr:novalidate="true">
                <input type="hidden" name="young_person" value=yp2 />
                <label class="label" for="next-review">{t!(i18n, plan_next_review_label)}</label>
                <p class="hint" id="next-review-hint">{t!(i18n, date_hint)}</p>
                <input class="input input--date" type="text" inputmode="numeric" autocomplete="off" id="next-review" name="next_review" aria-describedby="next-review-hint" value=crate::calendar::CalendarDate::typed_value(&next) />
                <label class="label" for="every-weeks">{t!(i18n, plan_every_weeks_label)}</label>
                <input class="input input--short" type="number" inputmode="numeric" min="1" max="52" id="every-weeks" name="every_weeks" value=weeks />
                <button class="button button--secondary" type="submit">{t!(i18n, plan_schedule)}</button>
            </ActionForm>
            {none_open.then(|| view! {
                <ActionForm action=open>
                    <input type="hidden" name="young_person" value=yp3 />
                    <button class="button button--secondary" type="submit">{t!(i18n, plan_open_review)}</button>
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}

/// The agreed plan on A4: the five columns, and who agreed which version when. The print
/// stylesheet hides everything else.
#[component]
pub fn PlanPrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| p.get("young_person").unwrap_or_default()),
        load_plan,
    );
    view! {
        <Title text=t_string!(i18n, plan_print_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => match page.plan.clone() {
                            Some(plan) => {
                                let name = page.young_person_name.clone();
                                let status_name = name.clone();
                                let yp = page.young_person;
                                view! {
                                    <div class="print-sheet">
                                        <h1>{t!(i18n, plan_their_title, name)}</h1>
                                        <p>
                                            {t!(i18n, plan_version, version = plan.version)}" · "
                                            {status_text(i18n, plan.status, status_name)}
                                        </p>
                                        {plan_table(i18n, &page, &plan, "plan-table plan-table--print")}
                                        <h2>{t!(i18n, plan_history)}</h2>
                                        {history(i18n, &plan)}
                                        <p class="no-print">
                                            {t!(i18n, plan_print_hint)}" "<a href=format!("/young-people/{yp}/plan")>{t!(i18n, plan_back)}</a>
                                        </p>
                                    </div>
                                }.into_any()
                            }
                            None => view! { <h1>{t!(i18n, plan_title)}</h1><p>{t!(i18n, plan_none)}</p> }.into_any(),
                        },
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
