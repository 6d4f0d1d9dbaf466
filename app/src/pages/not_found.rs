use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::layout::Layout;
use crate::i18n::*;

/// The body of a "not found" page, for use inside a page that already has the layout.
#[component]
pub fn NotFoundContent() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, not_found_title).to_string() />
        <h1>{t!(i18n, not_found_title)}</h1>
        <p>{t!(i18n, not_found_body)}</p>
        <p><a href="/">{t!(i18n, not_found_home)}</a></p>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Layout>
            <NotFoundContent />
        </Layout>
    }
}
