//! What pages share around their data: showing a failed load, and the error a form's last
//! attempt produced (from the action when hydrated, from the address when not).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_summary::ErrorSummary;
use crate::error::{AppError, Problem};
use crate::i18n::*;
use crate::messages::{error_message, internal_error, problem_message, ShownError};
use crate::pages::not_found::NotFoundContent;

/// The page body for a load that failed.
pub fn load_failed(i18n: I18nContext<Locale>, error: AppError) -> AnyView {
    match error {
        AppError::NotFound => view! { <NotFoundContent /> }.into_any(),
        AppError::SignedOut => view! {
            <Title text=t_string!(i18n, signed_out_title).to_string() />
            <h1>{t!(i18n, signed_out_title)}</h1>
            <p>{t!(i18n, error_signed_out)}</p>
            <a class="button" href="/">{t!(i18n, sign_in_button)}</a>
        }
        .into_any(),
        e => view! {
            <Title text=t_string!(i18n, error_summary_title).to_string() />
            <ErrorSummary error=error_message(i18n, &e) />
            <p><a href="/">{t!(i18n, not_found_home)}</a></p>
        }
        .into_any(),
    }
}

/// The error named in the page's address after a form posted without JavaScript.
pub fn address_error(i18n: I18nContext<Locale>) -> Option<ShownError> {
    let query = use_query_map();
    query.with_untracked(|q| {
        let error = q.get("error")?;
        if error == "internal" {
            return Some(internal_error(i18n, q.get("ref")));
        }
        Problem::from_code(&error).map(|p| ShownError {
            message: problem_message(i18n, p),
            reference: None,
        })
    })
}

/// The error to show for a form: its action's latest result once it has one, else the
/// address's.
pub fn form_error<S>(i18n: I18nContext<Locale>, action: ServerAction<S>) -> Memo<Option<ShownError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let from_address = address_error(i18n);
    Memo::new(move |_| match action.value().get() {
        Some(Err(e)) => Some(error_message(i18n, &e)),
        Some(Ok(_)) => None,
        None => from_address.clone(),
    })
}

/// The error to show for a second (or third) form on a page: only its action's own result.
/// The address's error is shown once, by the page's [`form_error`], not by every form.
pub fn action_error<S>(
    i18n: I18nContext<Locale>,
    action: ServerAction<S>,
) -> Memo<Option<ShownError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Memo::new(move |_| match action.value().get() {
        Some(Err(e)) => Some(error_message(i18n, &e)),
        _ => None,
    })
}

/// The error summary for a form, when there is an error.
#[component]
pub fn FormErrors(
    errors: Memo<Option<ShownError>>,
    #[prop(optional, into)] field: Option<String>,
) -> impl IntoView {
    move || {
        errors.get().map(|error| match field.clone() {
            Some(field) => view! { <ErrorSummary error field /> }.into_any(),
            None => view! { <ErrorSummary error /> }.into_any(),
        })
    }
}
