use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::layout::Layout;
use crate::i18n::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, home_title).to_string() />
        <Layout>
            <h1>{t!(i18n, home_title)}</h1>
            <p class="lead">{t!(i18n, home_lead)}</p>
            // TEMPORARY: the demo entry until sign-in exists (identity issue).
            <a class="button" href="/demo">{t!(i18n, home_demo_link)}</a>
        </Layout>
    }
}
