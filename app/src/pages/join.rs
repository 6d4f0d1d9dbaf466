//! Young people and carers: redeem the code a worker gave them and choose a PIN; later,
//! open the app on the same phone with the PIN alone. After signing out, a plain page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::session::{load_entry, load_join, EnterCode, JoinStep, RedeemInvitation, Unlock};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::error::Problem;
use crate::i18n::*;
use crate::identity::JoinKind;
use crate::messages::{problem_message, ShownError};

#[component]
pub fn JoinPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let code = move || query.with(|q| q.get("code").unwrap_or_default());
    let enter = ServerAction::<EnterCode>::new();
    let step = Resource::new(
        move || (code(), enter.version().get()),
        |(code, _)| load_join(code),
    );
    view! {
        <Title text=t_string!(i18n, join_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match step.await {
                        Ok(JoinStep { code, next: Some(kind), .. }) => view! { <UseCode kind code /> }.into_any(),
                        // A code that did not work comes back in the box, with the message.
                        Ok(JoinStep { code, next: None, refused }) => view! { <EnterCodeForm typed=code refused enter /> }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// Step one: type the code. Posted, so it never lands in the address (or the history);
/// the server keeps it for step two, and a mistyped one comes back in the box.
#[component]
fn EnterCodeForm(
    typed: String,
    refused: Option<Problem>,
    enter: ServerAction<EnterCode>,
) -> impl IntoView {
    let i18n = use_i18n();
    let typed_errors = form_error(i18n, enter);
    // A QR link whose code did not work says why, until the person tries again.
    let errors = Memo::new(move |_| {
        typed_errors.get().or_else(|| {
            refused
                .filter(|_| enter.value().get().is_none())
                .map(|p| ShownError {
                    message: problem_message(i18n, p),
                    reference: None,
                })
        })
    });
    view! {
        <FormErrors errors field="code" />
        <h1>{t!(i18n, join_title)}</h1>
        <p>{t!(i18n, join_intro)}</p>
        <ActionForm action=enter>
            <div class="form-group">
                <label class="label" for="code">{t!(i18n, join_code_label)}</label>
                <p class="hint" id="code-hint">{t!(i18n, join_code_hint)}</p>
                <input class="input input--code" id="code" name="code" value=typed autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="code-hint" required />
            </div>
            <button class="button" type="submit">{t!(i18n, continue_button)}</button>
        </ActionForm>
    }
}

/// Step two: the code is good. Someone new chooses a PIN; someone who has one types it to
/// add this phone (a code never replaces a PIN).
#[component]
fn UseCode(kind: JoinKind, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RedeemInvitation>::new();
    let errors = form_error(i18n, action);
    let form = match kind {
        JoinKind::ChoosePin => view! {
            <h1>{t!(i18n, join_code_works)}</h1>
            <p>{t!(i18n, join_pin_intro)}</p>
            <ActionForm action>
                <input type="hidden" name="code" value=code />
                <div class="form-group">
                    <label class="label" for="pin">{t!(i18n, pin_new_label)}</label>
                    <p class="hint" id="pin-hint">{t!(i18n, pin_new_hint)}</p>
                    <input class="input input--short" id="pin" name="pin" type="password" inputmode="numeric" autocomplete="new-password" aria-describedby="pin-hint" required />
                </div>
                <div class="form-group">
                    <label class="label" for="pin_again">{t!(i18n, pin_again_label)}</label>
                    <input class="input input--short" id="pin_again" name="pin_again" type="password" inputmode="numeric" autocomplete="new-password" required />
                </div>
                <button class="button" type="submit">{t!(i18n, join_button)}</button>
            </ActionForm>
        }
        .into_any(),
        JoinKind::HasPin => view! {
            <h1>{t!(i18n, join_add_phone_title)}</h1>
            <p>{t!(i18n, join_add_phone_intro)}</p>
            <ActionForm action>
                <input type="hidden" name="code" value=code />
                <div class="form-group">
                    <label class="label" for="pin">{t!(i18n, pin_label)}</label>
                    <p class="hint" id="pin-hint">{t!(i18n, join_add_phone_hint)}</p>
                    <input class="input input--short" id="pin" name="pin" type="password" inputmode="numeric" autocomplete="current-password" aria-describedby="pin-hint" required />
                </div>
                <button class="button" type="submit">{t!(i18n, join_add_phone_button)}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <FormErrors errors field="pin" />
        {form}
    }
}

#[component]
pub fn UnlockPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Unlock>::new();
    let errors = form_error(i18n, action);
    let pin_form = NodeRef::<leptos::html::Form>::new();
    // A wrong PIN is cleared, so the next try starts from an empty box.
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Err(_))) {
            if let Some(form) = pin_form.get() {
                form.reset();
            }
        }
    });
    let entry = Resource::new(|| (), |_| load_entry());
    view! {
        <Title text=t_string!(i18n, unlock_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match entry.await {
                        Ok(entry) => match entry.device_holder {
                            Some(name) => view! {
                                <FormErrors errors field="pin" />
                                <h1>{t!(i18n, home_welcome_back, name)}</h1>
                                <ActionForm action node_ref=pin_form>
                                    <div class="form-group">
                                        <label class="label" for="pin">{t!(i18n, pin_label)}</label>
                                        <input class="input input--short" id="pin" name="pin" type="password" inputmode="numeric" autocomplete="current-password" required />
                                    </div>
                                    <button class="button" type="submit">{t!(i18n, unlock_button)}</button>
                                </ActionForm>
                                <p>{t!(i18n, unlock_forgot)}</p>
                            }.into_any(),
                            None => view! {
                                <h1>{t!(i18n, unlock_title)}</h1>
                                <p>{t!(i18n, error_device_not_recognised)}</p>
                                <a class="button" href="/join">{t!(i18n, home_have_code)}</a>
                            }.into_any(),
                        },
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
pub fn SignedOutPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, signed_out_page_title).to_string() />
        <Layout>
            <h1>{t!(i18n, signed_out_page_title)}</h1>
            <p>{t!(i18n, signed_out_page_body)}</p>
            <p><a href="/">{t!(i18n, not_found_home)}</a></p>
        </Layout>
    }
}
