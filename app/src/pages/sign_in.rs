//! Staff sign-in: e-mail and password, then a code from an authenticator app when the
//! person has one or their team requires one (set up on the spot the first time).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::session::{load_second_factor, ConfirmSecondFactor, StaffSignIn};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::i18n::*;

#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<StaffSignIn>::new();
    let errors = form_error(i18n, action);
    let reset_done = use_query_map().with_untracked(|q| q.get("reset").is_some());
    // After a failed try the address comes back in the box (the page is server HTML).
    #[cfg(feature = "ssr")]
    let typed = crate::api::server_side::typed_email().unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let typed = String::new();
    view! {
        <Title text=t_string!(i18n, staff_sign_in_title).to_string() />
        <Layout>
            <FormErrors errors field="email" />
            {reset_done.then(|| view! { <p class="notice" role="status">{t!(i18n, password_set_notice)}</p> })}
            <h1>{t!(i18n, staff_sign_in_title)}</h1>
            <ActionForm action>
                <div class="form-group">
                    <label class="label" for="email">{t!(i18n, email_label)}</label>
                    <input class="input" id="email" name="email" type="email" value=typed autocomplete="username" spellcheck="false" required />
                </div>
                <div class="form-group">
                    <label class="label" for="password">{t!(i18n, password_label)}</label>
                    <input class="input" id="password" name="password" type="password" autocomplete="current-password" required />
                </div>
                <button class="button" type="submit">{t!(i18n, sign_in_button)}</button>
            </ActionForm>
            <p class="hint">{t!(i18n, staff_forgot_password)}</p>
        </Layout>
    }
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ConfirmSecondFactor>::new();
    let errors = form_error(i18n, action);
    let step = Resource::new(|| (), |_| load_second_factor());
    view! {
        <Title text=t_string!(i18n, second_factor_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match step.await {
                        Ok(step) => view! {
                            <FormErrors errors field="code" />
                            <h1>{t!(i18n, second_factor_title)}</h1>
                            {step.setup.map(|setup| view! {
                                <p>{t!(i18n, second_factor_setup_intro)}</p>
                                <div class="qr" inner_html=setup.qr_svg></div>
                                <p>{t!(i18n, second_factor_setup_key)} " " <code class="secret">{setup.secret}</code></p>
                            })}
                            <ActionForm action>
                                <div class="form-group">
                                    <label class="label" for="code">{t!(i18n, second_factor_label)}</label>
                                    <input class="input input--short" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" required />
                                </div>
                                <button class="button" type="submit">{t!(i18n, continue_button)}</button>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
