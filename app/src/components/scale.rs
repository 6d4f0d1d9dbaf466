//! The 0–10 scale as a group of radio buttons: big, labelled at both ends, usable without
//! JavaScript. On the score page the `TapToSave` island around the form sends a number as
//! soon as it is chosen, so a tap is enough.

use leptos::prelude::*;

use crate::i18n::*;
use crate::scaling::{GoodEnd, Score};

/// From saddest to happiest; the words carry the meaning, the faces only help.
const FACES: [&str; 7] = ["😟", "🙁", "😕", "😐", "🙂", "😊", "😀"];

fn face_word(i18n: leptos_i18n::I18nContext<Locale>, face: u8) -> String {
    match face {
        0 => t_string!(i18n, face_0),
        1 => t_string!(i18n, face_1),
        2 => t_string!(i18n, face_2),
        3 => t_string!(i18n, face_3),
        4 => t_string!(i18n, face_4),
        5 => t_string!(i18n, face_5),
        _ => t_string!(i18n, face_6),
    }
    .to_string()
}

#[component]
pub fn Scale(
    /// Shown as the question (the fieldset's legend).
    legend: String,
    /// Which number starts checked: the saved score, or what the person picked before an error.
    checked: Option<Score>,
    /// The field's name, for pages with more than one scale.
    #[prop(into, default = "score".into())]
    name: String,
    /// The prefix of the scale's ids, when the name is not fit for one.
    #[prop(optional, into)]
    id: Option<String>,
    /// The browser itself asks for an answer before the form is sent (see the
    /// questionnaire page for why).
    #[prop(optional)]
    required: bool,
    /// The words at the two ends of the scale, when not the session-scoring ones.
    #[prop(optional)]
    ends: Option<(String, String)>,
    /// Show each number with a face and a word, for those who find numbers hard.
    #[prop(optional)]
    faces: bool,
    /// Which end is the hoped-for one; said on the scale, and the faces follow it.
    #[prop(optional)]
    good_end: GoodEnd,
    /// Error shown inline above the numbers. A signal, so that showing or clearing it
    /// never re-creates the radio buttons and loses what the person chose.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_error = move || error.with(Option::is_some);
    let prefix = id.unwrap_or_else(|| name.clone());
    let ends_id = format!("{prefix}-ends");
    let error_id = format!("{prefix}-error");
    let describedby = {
        let (ends_id, error_id) = (ends_id.clone(), error_id.clone());
        move || {
            if has_error() {
                format!("{ends_id} {error_id}")
            } else {
                ends_id.clone()
            }
        }
    };
    let (low, high) = ends.unwrap_or_else(|| {
        (
            t_string!(i18n, score_low_end).to_string(),
            t_string!(i18n, score_high_end).to_string(),
        )
    });
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <fieldset class="scale" id=format!("{prefix}-fieldset") aria-describedby=describedby>
                <legend class="scale__legend">{legend}</legend>
                <p class="scale__ends" id=ends_id>
                    <span>{low}</span>
                    <span>{high}</span>
                    <span class="scale__better">
                        {match good_end {
                            GoodEnd::High => t_string!(i18n, scale_higher_better).to_string(),
                            GoodEnd::Low => t_string!(i18n, scale_lower_better).to_string(),
                        }}
                    </span>
                </p>
                {move || error.get().map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
                <div class="scale__options" class:scale__options--faces=faces>
                    {Score::all()
                        .map(|score| {
                            let id = format!("{prefix}-{score}");
                            view! {
                                <div class="scale__option">
                                    <input
                                        class="scale__input"
                                        type="radio"
                                        name=name.clone()
                                        id=id.clone()
                                        required=required
                                        value=score.to_string()
                                        // The attribute for the server-rendered page; the
                                        // property for when the page is redrawn in the
                                        // browser, where the attribute no longer decides.
                                        checked=checked == Some(score)
                                        prop:checked=checked == Some(score)
                                    />
                                    <label class="scale__label" class:scale__label--face=faces for=id>
                                        {faces.then(|| view! {
                                            <span class="scale__face" aria-hidden="true">{FACES[usize::from(score.face_for(good_end))]}</span>
                                        })}
                                        <span aria-hidden="true">{score.to_string()}</span>
                                        <span class="visually-hidden">
                                            {t!(i18n, score_value_label, score = score.value())}
                                        </span>
                                        {faces.then(|| view! {
                                            <span class="scale__word">{face_word(i18n, score.face())}</span>
                                        })}
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

/// Whether a page's scales show faces: as the person last chose on the page (`?faces=1`
/// or `?faces=0`), else faces for someone with communication support and numbers for
/// everyone else.
pub fn faces_chosen(asked: Option<&str>, support: bool) -> bool {
    match asked {
        Some("0") => false,
        Some(_) => true,
        None => support,
    }
}

/// The link that switches a page's scales between numbers and faces with words. `stay` is
/// the rest of the page's query to keep (for example which stage is asked for).
#[component]
pub fn ScaleToggle(faces: bool, #[prop(optional, into)] stay: String) -> impl IntoView {
    let i18n = use_i18n();
    let keep = if stay.is_empty() {
        String::new()
    } else {
        format!("{stay}&")
    };
    // Always said outright, so a choice of numbers holds for someone whose pages start
    // with faces.
    let href = if faces {
        format!("?{keep}faces=0")
    } else {
        format!("?{keep}faces=1")
    };
    view! {
        <a class="scale-toggle" href=href>
            {if faces {
                t_string!(i18n, show_numbers).to_string()
            } else {
                t_string!(i18n, show_faces).to_string()
            }}
        </a>
    }
}
