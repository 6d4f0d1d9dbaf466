//! Staff view of one young person: who can sign in for them (invitations, devices), their
//! parents/carers, workers, closing the case, and (managers) the audit trail. Every load
//! of this page is written to the audit trail.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::casework::{
    audit_trail, load_case, AddCarer, AllocateWorker, CasePage, CloseCase, InvitationCard,
    IssueInvitation, ResetPin, RevokeDevice, SetLanguageNeeds,
};
use crate::casework::{audit_action_words, AuditFilter, AuditPage, SignInHolder, AUDIT_PAGE_SIZE};
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Layout;
use crate::components::page_state::{address_error, load_failed};
use crate::components::signed_in_bar::SignedInBar;
use crate::components::support::SupportSwitch;
use crate::i18n::*;
use crate::identity::Role;
use crate::messages::error_message;
use crate::pages::caseload::NameFields;

#[derive(Clone, Copy)]
struct Actions {
    issue: ServerAction<IssueInvitation>,
    revoke: ServerAction<RevokeDevice>,
    reset: ServerAction<ResetPin>,
    language: ServerAction<SetLanguageNeeds>,
    carer: ServerAction<AddCarer>,
    allocate: ServerAction<AllocateWorker>,
    close: ServerAction<CloseCase>,
}

#[component]
pub fn CaseRecordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("young_person").unwrap_or_default());
    let actions = Actions {
        issue: ServerAction::new(),
        revoke: ServerAction::new(),
        reset: ServerAction::new(),
        language: ServerAction::new(),
        carer: ServerAction::new(),
        allocate: ServerAction::new(),
        close: ServerAction::new(),
    };
    // Reload after any change that went through.
    let changes = move || {
        actions.issue.version().get()
            + actions.revoke.version().get()
            + actions.reset.version().get()
            + actions.language.version().get()
            + actions.carer.version().get()
            + actions.allocate.version().get()
            + actions.close.version().get()
    };
    let page = Resource::new(move || (id(), changes()), |(id, _)| load_case(id));

    // The latest error of any form on the page, else the one named in the address.
    let from_address = address_error(i18n);
    let latest_error = Memo::new(move |_| {
        let errors = [
            actions.issue.value().get().and_then(Result::err),
            actions.revoke.value().get().and_then(Result::err),
            actions.reset.value().get().and_then(Result::err),
            actions.language.value().get().and_then(Result::err),
            actions.carer.value().get().and_then(Result::err),
            actions.allocate.value().get().and_then(Result::err),
            actions.close.value().get().and_then(Result::err),
        ];
        match errors.into_iter().flatten().next() {
            Some(e) => Some(error_message(i18n, &e)),
            None if changes() == 0 => from_address.clone(),
            None => None,
        }
    });

    view! {
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <CaseView page actions latest_error /> }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn CaseView(
    page: CasePage,
    actions: Actions,
    latest_error: Memo<Option<crate::messages::ShownError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let record = page.record;
    let yp = record.young_person.id.to_string();
    let name = record.young_person.name.clone();
    let workers = record
        .workers
        .iter()
        .map(|w| w.name.clone())
        .collect::<Vec<_>>()
        .join(", ");

    // A code issued by a form posted without JavaScript comes back in the address.
    let issued_from_address = use_query_map().with_untracked(|q| {
        q.get("issued")?;
        q.get("code")
    });
    let issued_for = use_query_map().with_untracked(|q| q.get("issued"));
    let reset_in_address = use_query_map().with_untracked(|q| q.get("reset").is_some());

    let mut holders = vec![record.young_person.clone()];
    holders.extend(record.carers.iter().cloned());
    // A code opens one person's account: the panel names whose it is, so a young person's
    // code is never handed to their parent by mistake.
    let holder_of = {
        let holders = holders.clone();
        move |id: &str| holders.iter().find(|h| h.id.to_string() == id).cloned()
    };
    let issued = move || match actions.issue.value().get() {
        Some(Ok(card)) => {
            let holder = holder_of(&card.invitation.person.to_string())?;
            Some((IssuedView::Card(card), holder))
        }
        Some(Err(_)) => None,
        None => {
            let code = issued_from_address.clone()?;
            let holder = holder_of(issued_for.as_deref()?)?;
            Some((IssuedView::Plain { code }, holder))
        }
    };
    let closed = record.closed;
    let may_issue = page.may_issue_codes;
    let (yp_carer, yp_allocate, yp_close) = (yp.clone(), yp.clone(), yp.clone());
    // Added: the form starts again empty, so a second press cannot add the same person.
    let carer_form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(actions.carer.value().get(), Some(Ok(_))) {
            if let Some(form) = carer_form.get() {
                form.reset();
            }
        }
    });

    // A hint only: the answers page asks the policy itself.
    let may_view_answers = matches!(
        page.viewer.role,
        crate::identity::Role::Worker | crate::identity::Role::Manager
    );
    view! {
        <Title text=name.clone() />
        <SignedInBar viewer=page.viewer />
        {move || latest_error.get().map(|error| view! { <ErrorSummary error /> })}
        <p class="caption">{t!(i18n, case_caption)}</p>
        <h1>{name.clone()}</h1>
        {closed.then(|| view! { <p class="notice">{t!(i18n, case_closed_notice)}</p> })}
        <p>{t!(i18n, caseload_workers, workers)}</p>
        <p><a class="button button--secondary" href=format!("/young-people/{yp}/timeline")>{t!(i18n, timeline_link)}</a></p>
        {page.may_view_audit.then(|| view! {
            <p><a href=format!("/young-people/{yp}/audit")>{t!(i18n, case_audit_link)}</a></p>
        })}
        {may_view_answers.then(|| view! {
            <p><a href=format!("/young-people/{yp}/plan")>{t!(i18n, case_plan_link)}</a></p>
            <p><a href=format!("/young-people/{yp}/what-i-think")>{t!(i18n, case_voice_link)}</a></p>
            <p><a href=format!("/young-people/{yp}/answers")>{t!(i18n, case_answers_link)}</a></p>
            <p><a href=format!("/young-people/{yp}/feedback")>{t!(i18n, feedback_link)}</a></p>
        })}

        {page.support.map(|on| {
            let young_person = record.young_person.id;
            let back = format!("/young-people/{young_person}#support");
            view! {
                <section class="support-setting" id="support" aria-labelledby="support-title">
                    <h2 id="support-title" class="heading-small">{t!(i18n, support_staff_heading)}": "
                        {if on { t!(i18n, support_staff_on).into_any() } else { t!(i18n, support_staff_off).into_any() }}
                    </h2>
                    <p class="hint">{t!(i18n, support_staff_explained)}</p>
                    {page.may_set_support.then(|| view! { <SupportSwitch young_person on back /> })}
                </section>
            }
        })}
        {move || issued().map(|(issued, holder)| view! { <IssuedPanel issued holder /> })}
        {move || (reset_in_address || matches!(actions.reset.value().get(), Some(Ok(())))).then(|| view! {
            <p class="notice" role="status">{t!(i18n, holder_reset_done)}</p>
        })}

        <h2 id="sign-in">{t!(i18n, case_sign_in_heading)}</h2>
        <ul class="card-list">
            {holders.into_iter().map(|h| view! { <HolderCard holder=h young_person=yp.clone() actions closed may_issue /> }).collect_view()}
        </ul>

        {(!closed).then(move || view! {
            <h2 id="carers">{t!(i18n, case_add_carer_heading)}</h2>
            <ActionForm action=actions.carer node_ref=carer_form>
                <input type="hidden" name="young_person" value=yp_carer />
                <NameFields prefix="carer_" />
                <div class="form-group">
                    <label class="label" for="relationship">{t!(i18n, relationship_label)}</label>
                    <p class="hint" id="relationship-hint">{t!(i18n, relationship_hint)}</p>
                    <input class="input" id="relationship" name="relationship" aria-describedby="relationship-hint" required />
                </div>
                <button class="button button--secondary" type="submit">{t!(i18n, case_add_carer_button)}</button>
            </ActionForm>
        })}

        {(page.may_manage_case && !closed).then(move || view! {
            <h2>{t!(i18n, case_allocate_heading)}</h2>
            <ActionForm action=actions.allocate>
                <input type="hidden" name="young_person" value=yp_allocate />
                <div class="form-group">
                    <label class="label" for="worker">{t!(i18n, case_allocate_label)}</label>
                    <select class="select" id="worker" name="worker">
                        {record.team_workers.iter().map(|w| view! { <option value=w.id.to_string()>{w.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button class="button button--secondary" type="submit">{t!(i18n, case_allocate_button)}</button>
            </ActionForm>
            <h2>{t!(i18n, case_close_heading)}</h2>
            <p>{t!(i18n, case_close_explain)}</p>
            <ActionForm action=actions.close>
                <input type="hidden" name="young_person" value=yp_close />
                <button class="button button--warning" type="submit">{t!(i18n, case_close_button)}</button>
            </ActionForm>
        })}
        <p><a href="/caseload">{t!(i18n, back_to_caseload)}</a></p>
    }
}

#[derive(Clone)]
enum IssuedView {
    Card(InvitationCard),
    Plain { code: String },
}

#[component]
fn IssuedPanel(issued: IssuedView, holder: SignInHolder) -> impl IntoView {
    let i18n = use_i18n();
    let who = holder_role(i18n, &holder);
    let name = holder.name.clone();
    let given = holder
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    let (code, qr, link, expires) = match issued {
        IssuedView::Card(card) => (
            card.invitation.code,
            Some(card.qr_svg),
            Some(card.link),
            Some(crate::questionnaire::written_date(
                &card.invitation.expires_at,
            )),
        ),
        // The page is server HTML: the QR code is drawn here too, from the code in the
        // address (the invitation itself says when it runs out, on the card below).
        IssuedView::Plain { code, .. } => {
            let (qr, link) = invitation_link(&code);
            (code, qr, link, None)
        }
    };
    // Screen readers read the code one character at a time.
    let spelled = code.chars().map(String::from).collect::<Vec<_>>().join(" ");
    view! {
        <div class="panel" role="status">
            <h2 class="panel__title">{t!(i18n, issued_heading, name, who)}</h2>
            <p class="code" aria-label=spelled>{code.clone()}</p>
            <p><strong>{t!(i18n, issued_only_for, name = given)}</strong></p>
            <p>{t!(i18n, issued_explain)}</p>
            {expires.map(|date| view! { <p>{t!(i18n, issued_expires, date)}</p> })}
            {qr.filter(|q| !q.is_empty()).map(|svg| view! { <div class="qr" inner_html=svg></div> })}
            {link.map(|link| view! { <p class="link-text">{link}</p> })}
        </div>
    }
}

/// The join link for a code, and its QR code, drawn on the server.
#[cfg(feature = "ssr")]
fn invitation_link(code: &str) -> (Option<String>, Option<String>) {
    let code = crate::api::session::url_safe_code(code);
    let link = format!(
        "{}/join?code={code}",
        crate::api::server_side::site()
            .public_url
            .trim_end_matches('/')
    );
    (
        crate::qr::svg(&link, "QR code that opens the invitation"),
        Some(link),
    )
}

#[cfg(not(feature = "ssr"))]
fn invitation_link(_code: &str) -> (Option<String>, Option<String>) {
    (None, None)
}

/// The worker's form for a person's page language and interpreter, folded away until wanted.
#[component]
fn LanguageNeeds(
    holder: SignInHolder,
    young_person: String,
    action: ServerAction<SetLanguageNeeds>,
) -> impl IntoView {
    use crate::language::Language;
    let i18n = use_i18n();
    let person = holder.id.to_string();
    let select_id = format!("language-{person}");
    let interpreter_id = format!("interpreter-{person}");
    let hint_id = format!("interpreter-hint-{person}");
    let chosen = holder.language;
    view! {
        <details class="details">
            <summary class="details__summary">
                {t!(i18n, holder_language_summary)}
                <span class="visually-hidden">" " {holder.name.clone()}</span>
            </summary>
            <div class="details__text">
                <ActionForm action>
                    <input type="hidden" name="young_person" value=young_person />
                    <input type="hidden" name="person" value=person.clone() />
                    <div class="form-group">
                        <label class="label" for=select_id.clone()>{t!(i18n, holder_language_label)}</label>
                        <p class="hint" id=format!("{select_id}-hint")>{t!(i18n, holder_language_parents_hint)}</p>
                        <select class="select" id=select_id.clone() name="language" aria-describedby=format!("{select_id}-hint")>
                            <option value="" selected=chosen.is_none()>{t!(i18n, holder_language_not_chosen)}</option>
                            {Language::ALL.into_iter().map(|l| view! {
                                <option value=l.tag() lang=l.tag() selected=chosen == Some(l)>{l.own_name()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="form-group">
                        <label class="label" for=interpreter_id.clone()>{t!(i18n, holder_interpreter_label)}</label>
                        <p class="hint" id=hint_id.clone()>{t!(i18n, holder_interpreter_hint)}</p>
                        <input
                            class="input"
                            id=interpreter_id
                            name="interpreter"
                            type="text"
                            maxlength="60"
                            aria-describedby=hint_id
                            value=holder.interpreter.as_ref().map(|l| l.as_str().to_owned()).unwrap_or_default()
                        />
                    </div>
                    <button class="button button--secondary" type="submit">
                        {t!(i18n, holder_language_save)}
                        <span class="visually-hidden">" " {holder.name.clone()}</span>
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}

/// "young person", or the carer's relationship ("mother", "foster carer").
fn holder_role(i18n: leptos_i18n::I18nContext<Locale>, holder: &SignInHolder) -> String {
    match (&holder.relationship, holder.role) {
        (Some(r), _) => r.clone(),
        (None, Role::YoungPerson) => t_string!(i18n, role_young_person).to_string(),
        _ => String::new(),
    }
}

#[component]
fn HolderCard(
    holder: SignInHolder,
    young_person: String,
    actions: Actions,
    closed: bool,
    /// Casework staff: the administrator makes no codes and resets no PINs.
    may_issue: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let who = holder_role(i18n, &holder);
    let person = holder.id.to_string();
    let button = if holder.has_pin {
        t_string!(i18n, case_new_code_button).to_string()
    } else {
        t_string!(i18n, case_code_button).to_string()
    };
    let status = if !holder.active {
        t_string!(i18n, holder_inactive).to_string()
    } else if holder.has_pin {
        t_string!(i18n, holder_signed_up).to_string()
    } else {
        t_string!(i18n, holder_not_signed_up).to_string()
    };
    let devices = holder.devices.clone();
    let yp_devices = young_person.clone();
    let language_line = match holder.language {
        Some(l) => view! { {t!(i18n, holder_language, language = l.own_name())} }.into_any(),
        None => view! { {t!(i18n, holder_language_unknown)} }.into_any(),
    };
    let interpreter = holder.interpreter.clone();
    view! {
        <li class="card">
            <p class="card__title">{holder.name.clone()}</p>
            <p class="caption">{who} " · " {status}</p>
            <p>{language_line}</p>
            {interpreter.clone().map(|l| view! {
                <p><strong class="tag tag--amber">{t!(i18n, holder_interpreter, language = l.as_str().to_owned())}</strong></p>
            })}
            <LanguageNeeds holder=holder.clone() young_person=young_person.clone() action=actions.language />
            {holder.invitation_expires.clone().map(|at| {
                let date = crate::questionnaire::written_date(&at);
                view! { <p>{t!(i18n, holder_code_waiting, date)}</p> }
            })}
            {(!devices.is_empty()).then(move || view! {
                <h3 class="heading-small">{t!(i18n, holder_devices)}</h3>
                <ul class="device-list">
                    {devices.into_iter().map(move |d| {
                        let young_person = yp_devices.clone();
                        let since = crate::questionnaire::written_date(&d.created_at);
                        let last = crate::questionnaire::written_date(&d.last_used_at);
                        let label = crate::identity::device_in(crate::language::of_page(), &d.label);
                        let hidden = label.clone();
                        view! {
                            <li>
                                {t!(i18n, device_line, label, since, last)}
                                <ActionForm action=actions.revoke attr:class="inline-form">
                                    <input type="hidden" name="young_person" value=young_person />
                                    <input type="hidden" name="device" value=d.id.to_string() />
                                    <button class="link-button" type="submit">
                                        {t!(i18n, device_revoke)}
                                        <span class="visually-hidden">" " {hidden}</span>
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(holder.active && !closed && may_issue).then(move || {
                let (yp_reset, person_reset) = (young_person.clone(), person.clone());
                let name = holder.name.clone();
                view! {
                    <ActionForm action=actions.issue>
                        <input type="hidden" name="young_person" value=young_person />
                        <input type="hidden" name="person" value=person.clone() />
                        <button class="button button--secondary" type="submit">
                            {button.clone()}
                            <span class="visually-hidden">" " {holder.name.clone()}</span>
                        </button>
                    </ActionForm>
                    // A code adds a phone and never changes a PIN, so a forgotten one is
                    // reset on purpose, where the worker sees what it does.
                    {holder.has_pin.then(move || view! {
                        <details class="details">
                            <summary class="details__summary">{t!(i18n, holder_reset_summary)}</summary>
                            <div class="details__text">
                                <p>{t!(i18n, holder_reset_explain, name = name.clone())}</p>
                                <ActionForm action=actions.reset>
                                    <input type="hidden" name="young_person" value=yp_reset />
                                    <input type="hidden" name="person" value=person_reset />
                                    <button class="button button--warning" type="submit">
                                        {t!(i18n, holder_reset_button)}
                                        <span class="visually-hidden">" " {name.clone()}</span>
                                    </button>
                                </ActionForm>
                            </div>
                        </details>
                    })}
                }
            })}
        </li>
    }
}

#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("young_person").unwrap_or_default());
    let asked = move || {
        query.with(|q| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            (get("who"), get("what"), get("outcome"), get("page"))
        })
    };
    let trail = Resource::new(
        move || (id(), asked()),
        |(id, (who, what, outcome, page))| audit_trail(id, who, what, outcome, page),
    );
    view! {
        <Title text=t_string!(i18n, audit_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match trail.await {
                        Ok(page) => view! { <AuditTrail page /> }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// The trail, its filter (a plain GET form, so it works without JavaScript and the
/// address can be shared with a colleague) and its pages.
#[component]
fn AuditTrail(page: AuditPage) -> impl IntoView {
    let i18n = use_i18n();
    let yp = page.young_person;
    let filter = page.filter.clone();
    let (shown_page, pages, matching) = (page.filter.page, page.pages(), page.matching);
    let first = (shown_page * AUDIT_PAGE_SIZE + 1).min(matching);
    let last = (shown_page * AUDIT_PAGE_SIZE + page.entries.len() as u32).min(matching);
    let chosen_who = filter.who.map(|p| p.to_string()).unwrap_or_default();
    let chosen_what = filter.action.clone().unwrap_or_default();
    let chosen_outcome = filter.outcome.map(|o| o.as_str()).unwrap_or_default();
    let filtered = filter
        != AuditFilter {
            page: filter.page,
            ..AuditFilter::default()
        };
    let (newer, older) = (
        (shown_page > 0).then(|| filter.href(yp, shown_page - 1)),
        (shown_page + 1 < pages).then(|| filter.href(yp, shown_page + 1)),
    );
    view! {
        <p class="caption">{page.name.clone()}</p>
        <h1>{t!(i18n, audit_title)}</h1>
        <p>{t!(i18n, audit_explain)}</p>
        <form method="get" action=format!("/young-people/{yp}/audit") class="filter-form">
            <div class="form-group">
                <label class="label" for="who">{t!(i18n, audit_filter_who)}</label>
                <select class="select" id="who" name="who">
                    <option value="" selected=chosen_who.is_empty()>{t!(i18n, audit_filter_anyone)}</option>
                    {page.people.iter().map(|(id, name)| {
                        let value = id.to_string();
                        let selected = value == chosen_who;
                        view! { <option value=value selected=selected>{name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="what">{t!(i18n, audit_filter_what)}</label>
                <select class="select" id="what" name="what">
                    <option value="" selected=chosen_what.is_empty()>{t!(i18n, audit_filter_anything)}</option>
                    {page.actions.iter().map(|action| {
                        let selected = *action == chosen_what;
                        view! { <option value=action.clone() selected=selected>{audit_action_words(action)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="outcome">{t!(i18n, audit_filter_outcome)}</label>
                <select class="select" id="outcome" name="outcome">
                    <option value="" selected=chosen_outcome.is_empty()>{t!(i18n, audit_filter_both)}</option>
                    <option value="done" selected=chosen_outcome == "done">{t!(i18n, audit_filter_done)}</option>
                    <option value="denied" selected=chosen_outcome == "denied">{t!(i18n, audit_filter_refused)}</option>
                </select>
            </div>
            <button class="button button--secondary" type="submit">{t!(i18n, audit_filter_button)}</button>
            {filtered.then(|| view! {
                <p><a href=format!("/young-people/{yp}/audit")>{t!(i18n, audit_filter_clear)}</a></p>
            })}
        </form>
        {if page.entries.is_empty() {
            view! { <p role="status">{t!(i18n, audit_none)}</p> }.into_any()
        } else {
            view! {
                <p role="status">{t!(i18n, audit_showing, first, last, matching)}</p>
                <div class="table-wrap">
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{t!(i18n, audit_when)}</th>
                            <th scope="col">{t!(i18n, audit_who)}</th>
                            <th scope="col">{t!(i18n, audit_what)}</th>
                        </tr></thead>
                        <tbody>
                            {page.entries.into_iter().map(|e| {
                                // UK local time, as the people reading it live it.
                                let when = crate::questionnaire::written_date_time(&e.occurred_at);
                                let denied = e.outcome == "denied";
                                view! {
                                    <tr>
                                        <td>{when}</td>
                                        <td>{e.actor}</td>
                                        <td>
                                            {audit_action_words(&e.action)}
                                            {e.via.map(|name| view! { " " {t!(i18n, audit_via, name)} })}
                                            {denied.then(|| view! { " " <strong class="tag tag--red">{t!(i18n, audit_denied)}</strong> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {(newer.is_some() || older.is_some()).then(|| {
            let number = shown_page + 1;
            view! {
                <nav class="pagination" aria-label=move || t_string!(i18n, audit_pages).to_string()>
                    {newer.map(|href| view! { <a class="pagination__link" href=href rel="prev">{t!(i18n, audit_newer)}</a> })}
                    <span class="pagination__where">{t!(i18n, audit_page_of, number, pages)}</span>
                    {older.map(|href| view! { <a class="pagination__link" href=href rel="next">{t!(i18n, audit_older)}</a> })}
                </nav>
            }
        })}
        <p><a href=format!("/young-people/{yp}")>{t!(i18n, audit_back)}</a></p>
    }
}
