//! The strip under the header once someone is signed in: who they are and a way out (the
//! quick exit is in the page frame, `layout.rs`).

use leptos::prelude::*;

use crate::api::session::SignOut;
use crate::i18n::*;
use crate::identity::Viewer;

#[component]
pub fn SignedInBar(viewer: Viewer) -> impl IntoView {
    let i18n = use_i18n();
    let sign_out = ServerAction::<SignOut>::new();
    let name = viewer.given_name.clone();
    let staff = viewer.role.is_staff();
    view! {
        <div class="signed-in-bar" class:signed-in-bar--staff=staff>
            <p class="signed-in-bar__who">{t!(i18n, signed_in_as, name)}</p>
            {staff.then(|| view! {
                <a class="signed-in-bar__link" href="/account">{t!(i18n, account_link)}</a>
            })}
            <ActionForm action=sign_out attr:class="signed-in-bar__form">
                <button class="link-button" type="submit">{t!(i18n, sign_out_button)}</button>
            </ActionForm>
        </div>
    }
}
