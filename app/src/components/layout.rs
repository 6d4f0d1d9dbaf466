//! The frame every page shares: skip link, header and the main landmark.

use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <a class="site-header__name" href="/">{t!(i18n, app_name)}</a>
        </header>
        <main id="main" class="page" tabindex="-1">
            {children()}
        </main>
    }
}
