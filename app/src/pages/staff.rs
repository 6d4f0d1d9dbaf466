//! Staff accounts: the administrator's list (add, deactivate, password links), setting a
//! password from a link, and a staff member's own account (second factor, team rule,
//! signing out everywhere).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::{
    load_account, staff_accounts, AddStaffMember, IssuePasswordReset, ResetPassword,
    SetStaffActive, SetTeamSecondFactor,
};
use crate::api::session::SignOut;
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::components::signed_in_bar::SignedInBar;
use crate::i18n::*;

use crate::pages::caseload::NameFields;

#[component]
pub fn StaffAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddStaffMember>::new();
    let reset = ServerAction::<IssuePasswordReset>::new();
    let active = ServerAction::<SetStaffActive>::new();
    let errors = form_error(i18n, add);
    let page = Resource::new(
        move || add.version().get() + active.version().get(),
        |_| staff_accounts(),
    );
    let link = move || match (add.value().get(), reset.value().get()) {
        (Some(Ok(l)), _) | (None, Some(Ok(l))) => Some(l.link),
        _ => None,
    };
    view! {
        <Title text=t_string!(i18n, staff_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! {
                            <SignedInBar viewer=page.viewer.clone() />
                            <FormErrors errors field="given_name" />
                            <h1>{t!(i18n, staff_title)}</h1>
                            {move || link().map(|link| view! {
                                <div class="panel" role="status">
                                    <h2 class="panel__title">{t!(i18n, password_link_heading)}</h2>
                                    <p>{t!(i18n, password_link_explain)}</p>
                                    <p class="link-text">{link}</p>
                                </div>
                            })}
                            <div class="table-wrap">
                                <table class="table">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, staff_name)}</th>
                                        <th scope="col">{t!(i18n, staff_role)}</th>
                                        <th scope="col">{t!(i18n, staff_actions)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.staff.into_iter().map(|s| {
                                            let me = s.id == page.viewer.person;
                                            let id = s.id.to_string();
                                            let name = s.name.clone();
                                            let (id2, name2) = (id.clone(), name.clone());
                                            view! {
                                                <tr>
                                                    <td>{s.name.clone()} <br /> <span class="caption">{s.email.clone()}</span></td>
                                                    <td>{s.role.as_str().replace('_', " ")} <br /> <span class="caption">{s.team.clone()}</span>
                                                        {(!s.active).then(|| view! { <br /> <strong class="tag">{t!(i18n, holder_inactive)}</strong> })}
                                                    </td>
                                                    <td>
                                                        <ActionForm action=reset attr:class="inline-form">
                                                            <input type="hidden" name="person" value=id.clone() />
                                                            <button class="link-button" type="submit">{t!(i18n, staff_reset)}<span class="visually-hidden">" " {name.clone()}</span></button>
                                                        </ActionForm>
                                                        {(!me).then(move || view! {
                                                            <ActionForm action=active attr:class="inline-form">
                                                                <input type="hidden" name="person" value=id2 />
                                                                <input type="hidden" name="active" value=if s.active { "false" } else { "true" } />
                                                                <button class="link-button" type="submit">
                                                                    {if s.active { t_string!(i18n, staff_deactivate).to_string() } else { t_string!(i18n, staff_reactivate).to_string() }}
                                                                    <span class="visually-hidden">" " {name2}</span>
                                                                </button>
                                                            </ActionForm>
                                                        })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h2>{t!(i18n, staff_add_heading)}</h2>
                            <ActionForm action=add>
                                <NameFields />
                                <div class="form-group">
                                    <label class="label" for="email">{t!(i18n, email_label)}</label>
                                    <input class="input" id="email" name="email" type="email" spellcheck="false" required />
                                </div>
                                <div class="form-group">
                                    <label class="label" for="role">{t!(i18n, staff_role)}</label>
                                    <select class="select" id="role" name="role">
                                        <option value="worker">{t!(i18n, role_worker)}</option>
                                        <option value="manager">{t!(i18n, role_manager)}</option>
                                        <option value="administrator">{t!(i18n, role_administrator)}</option>
                                    </select>
                                </div>
                                <div class="form-group">
                                    <label class="label" for="team">{t!(i18n, staff_team)}</label>
                                    <select class="select" id="team" name="team">
                                        {page.teams.into_iter().map(|t| view! { <option value=t.id.to_string()>{t.name}</option> }).collect_view()}
                                    </select>
                                </div>
                                <button class="button" type="submit">{t!(i18n, staff_add_button)}</button>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let errors = form_error(i18n, action);
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    view! {
        <Title text=t_string!(i18n, reset_title).to_string() />
        <Layout>
            <FormErrors errors field="password" />
            <h1>{t!(i18n, reset_title)}</h1>
            <p>{t!(i18n, reset_explain)}</p>
            <ActionForm action>
                <input type="hidden" name="token" value=token />
                <div class="form-group">
                    <label class="label" for="password">{t!(i18n, new_password_label)}</label>
                    <p class="hint" id="password-hint">{t!(i18n, new_password_hint)}</p>
                    <input class="input" id="password" name="password" type="password" autocomplete="new-password" aria-describedby="password-hint" required />
                </div>
                <div class="form-group">
                    <label class="label" for="password_again">{t!(i18n, password_again_label)}</label>
                    <input class="input" id="password_again" name="password_again" type="password" autocomplete="new-password" required />
                </div>
                <button class="button" type="submit">{t!(i18n, reset_button)}</button>
            </ActionForm>
        </Layout>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let team_rule = ServerAction::<SetTeamSecondFactor>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let page = Resource::new(move || team_rule.version().get(), |_| load_account());
    view! {
        <Title text=t_string!(i18n, account_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! {
                            <SignedInBar viewer=page.viewer.clone() />
                            <h1>{t!(i18n, account_title)}</h1>
                            <h2>{t!(i18n, account_second_factor_heading)}</h2>
                            <p>{if page.has_second_factor {
                                t_string!(i18n, account_second_factor_on).to_string()
                            } else {
                                t_string!(i18n, account_second_factor_off).to_string()
                            }}</p>
                            {page.may_set_team_security.then(|| page.teams.into_iter().map(|t| {
                                let required = t.requires_second_factor;
                                let name = t.name.clone();
                                view! {
                                    <h2>{t!(i18n, account_team_heading, name)}</h2>
                                    <p>{if required { t_string!(i18n, account_team_required).to_string() } else { t_string!(i18n, account_team_optional).to_string() }}</p>
                                    <ActionForm action=team_rule>
                                        <input type="hidden" name="team" value=t.id.to_string() />
                                        <input type="hidden" name="required" value=if required { "false" } else { "true" } />
                                        <button class="button button--secondary" type="submit">
                                            {if required { t_string!(i18n, account_team_stop).to_string() } else { t_string!(i18n, account_team_require).to_string() }}
                                        </button>
                                    </ActionForm>
                                }
                            }).collect_view())}
                            <h2>{t!(i18n, account_everywhere_heading)}</h2>
                            <p>{t!(i18n, account_everywhere_explain)}</p>
                            <ActionForm action=sign_out>
                                <input type="hidden" name="everywhere" value="true" />
                                <button class="button button--warning" type="submit">{t!(i18n, account_everywhere_button)}</button>
                            </ActionForm>
                            <p><a href=page.viewer.role.home()>{t!(i18n, back_home)}</a></p>
                        }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
