//! The GOV.UK-style error summary: one box at the top of the page that names each problem
//! and links to the field it is about.

use leptos::prelude::*;

use crate::i18n::*;
use crate::messages::ShownError;

#[component]
pub fn ErrorSummary(
    /// What to say, already in the person's language.
    error: ShownError,
    /// The id of the field to jump to, if the problem is about one.
    #[prop(optional, into)]
    field: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Focus starts on the summary (GOV.UK's pattern), so a screen reader reads it first and
    // the next Tab goes to its link; `autofocus` does that with or without JavaScript.
    view! {
        <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
            <h2 class="error-summary__title" id="error-summary-title">
                {t!(i18n, error_summary_title)}
            </h2>
            <p class="error-summary__body">
                {match field {
                    Some(id) => view! { <a href=format!("#{id}")>{error.message}</a> }.into_any(),
                    None => error.message.into_any(),
                }}
            </p>
            {error.reference.map(|code| view! {
                <p class="error-summary__reference">
                    {t!(i18n, error_reference)} " " <code>{code}</code>
                </p>
            })}
        </div>
    }
}
