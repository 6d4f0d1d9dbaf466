//! The start page: sends a signed-in person to their own home, offers the PIN on a phone
//! that knows its owner, and otherwise the two ways in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::api::session::load_entry;
use crate::components::layout::Layout;
use crate::components::page_state::load_failed;
use crate::i18n::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let entry = Resource::new(|| (), |_| load_entry());
    view! {
        <Title text=t_string!(i18n, home_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match entry.await {
                        Ok(entry) => match (entry.viewer, entry.device_holder) {
                            (Some(viewer), _) => view! { <Redirect path=viewer.role.home() /> }.into_any(),
                            (None, Some(name)) => view! {
                                <h1>{t!(i18n, home_welcome_back, name)}</h1>
                                <a class="button" href="/unlock">{t!(i18n, home_enter_pin)}</a>
                                <p><a href="/join">{t!(i18n, home_not_you)}</a></p>
                            }.into_any(),
                            (None, None) => view! {
                                <h1>{t!(i18n, home_title)}</h1>
                                <p class="lead">{t!(i18n, home_lead)}</p>
                                <a class="button" href="/join">{t!(i18n, home_have_code)}</a>
                                <h2 class="heading-small">{t!(i18n, home_staff_heading)}</h2>
                                <p><a href="/sign-in">{t!(i18n, home_staff_link)}</a></p>
                            }.into_any(),
                        },
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
