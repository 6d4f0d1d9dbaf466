//! The 0–10 scale as a group of radio buttons: big, labelled at both ends, usable without
//! JavaScript. Once the page has hydrated, choosing a number submits the surrounding form
//! straight away, so a tap is enough.

use leptos::html::Form;
use leptos::prelude::*;

use crate::i18n::*;
use crate::scaling::Score;

#[component]
pub fn Scale(
    /// Shown as the question (the fieldset's legend).
    legend: String,
    /// Which number starts checked: the saved score, or what the person picked before an error.
    checked: Option<Score>,
    /// The form to submit when a number is chosen.
    form: NodeRef<Form>,
    /// Error shown inline above the numbers. A signal, so that showing or clearing it
    /// never re-creates the radio buttons and loses what the person chose.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_error = move || error.with(Option::is_some);
    let describedby = move || {
        if has_error() {
            "scale-ends scale-error"
        } else {
            "scale-ends"
        }
    };
    let submit_on_choose = move |_| {
        if let Some(form) = form.get_untracked() {
            // request_submit (not submit) fires the submit event, so ActionForm sends it
            // through the server function instead of a full page load.
            let _ = form.request_submit();
        }
    };
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <fieldset class="scale" id="score-fieldset" aria-describedby=describedby>
                <legend class="scale__legend">{legend}</legend>
                <p class="scale__ends" id="scale-ends">
                    <span>{t!(i18n, score_low_end)}</span>
                    <span>{t!(i18n, score_high_end)}</span>
                </p>
                {move || error.get().map(|e| view! { <p class="error-message" id="scale-error">{e}</p> })}
                <div class="scale__options">
                    {Score::all()
                        .map(|score| {
                            let id = format!("score-{score}");
                            view! {
                                <div class="scale__option">
                                    <input
                                        class="scale__input"
                                        type="radio"
                                        name="score"
                                        id=id.clone()
                                        value=score.to_string()
                                        // The attribute for the server-rendered page; the
                                        // property for when the page is redrawn in the
                                        // browser, where the attribute no longer decides.
                                        checked=checked == Some(score)
                                        prop:checked=checked == Some(score)
                                        on:change=submit_on_choose
                                    />
                                    <label class="scale__label" for=id>
                                        <span aria-hidden="true">{score.to_string()}</span>
                                        <span class="visually-hidden">
                                            {t!(i18n, score_value_label, score = score.value())}
                                        </span>
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
