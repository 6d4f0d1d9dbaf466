//! What communication support adds to a page: "I don't understand this" beside a question
//! or target, justice words explained where they are used, and the switch that turns the
//! mode on and off. Every part is a plain form or native HTML (`popover`), so it works
//! without JavaScript and an explanation never loses what was typed.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::support::{ExplainThis, SetCommunicationSupport};
use crate::i18n::*;
use crate::ids::PersonId;
use crate::support::{glossed, term, Item, Piece};

/// The query word a page comes back with after "I don't understand this".
const ASKED: &str = "asked";

/// "I don't understand this" for one item. `anchor` is the item's element id on the page:
/// the page comes back there, saying the worker will explain.
#[component]
pub fn ExplainButton(young_person: PersonId, item: Item, anchor: String) -> impl IntoView {
    let form = format!("explain-{anchor}");
    view! {
        <ExplainForm young_person item anchor=anchor.clone() id=form.clone() />
        <ExplainSubmit anchor form new_tab=false />
    }
}

/// The form behind an "I don't understand this" button, for a page where the button sits
/// inside another form (a questionnaire): forms cannot nest, so the button names this one
/// with its `form` attribute and this one is placed outside.
#[component]
pub fn ExplainForm(
    young_person: PersonId,
    item: Item,
    anchor: String,
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ExplainThis>::new();
    let path = use_location().pathname.get_untracked();
    let back = format!("{path}?{ASKED}={anchor}#{anchor}");
    let done = t_string!(i18n, explain_sent).to_string();
    view! {
        <ActionForm action attr:class="explain-form" attr:id=id attr:data-inline="true" attr:data-done=done>
            <input type="hidden" name="young_person" value=young_person.to_string() />
            <input type="hidden" name="item" value=item.as_string() />
            <input type="hidden" name="back" value=back />
        </ActionForm>
    }
}

/// The button itself, or, once pressed, what happens next. With `new_tab`, a phone without
/// JavaScript sends it from a new tab, so the answers chosen on this one are not lost.
#[component]
pub fn ExplainSubmit(anchor: String, form: String, new_tab: bool) -> impl IntoView {
    let i18n = use_i18n();
    let asked = use_query_map().with_untracked(|q| q.get(ASKED).is_some_and(|a| a == anchor));
    if asked {
        view! { <p class="notice explain-sent" role="status">{t!(i18n, explain_sent)}</p> }
            .into_any()
    } else {
        view! {
            <button class="button button--secondary button--small explain-button" type="submit" form=form formtarget=new_tab.then_some("_blank")>
                <span aria-hidden="true">"❓ "</span>{t!(i18n, explain_button)}
            </button>
        }
        .into_any()
    }
}

/// Text with each justice word in it explained on a tap: a native popover, so it needs no
/// JavaScript and keeps the person on the page. `prefix` makes the popovers' ids unique
/// on the page (a question's key, a target's).
#[component]
pub fn Glossed(#[prop(into)] text: String, #[prop(into)] prefix: String) -> impl IntoView {
    let i18n = use_i18n();
    let language = crate::language::of_page();
    glossed(&text, language)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.into_any(),
            Piece::Term(word, id) => {
                let meaning = term(id).and_then(|t| t.meaning(language)).unwrap_or_default();
                let popover = format!("{prefix}-{id}");
                let (opens, closes) = (popover.clone(), popover.clone());
                let shown = word.clone();
                view! {
                    <button class="glossary-term" type="button" popovertarget=opens>{shown}</button>
                    <span class="glossary-popover" popover="auto" id=popover>
                        <strong>{word}</strong>": "{meaning}" "
                        <button class="link-button" type="button" popovertarget=closes popovertargetaction="hide">{t!(i18n, glossary_close)}</button>
                    </span>
                }
                .into_any()
            }
        })
        .collect_view()
}

/// Turns communication support on or off, for the young person or their worker.
#[component]
pub fn SupportSwitch(
    young_person: PersonId,
    on: bool,
    #[prop(into)] back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetCommunicationSupport>::new();
    view! {
        <ActionForm action attr:class="support-switch">
            <input type="hidden" name="young_person" value=young_person.to_string() />
            <input type="hidden" name="back" value=back />
            {(!on).then(|| view! { <input type="hidden" name="on" value="yes" /> })}
            <button class="button button--secondary" type="submit">
                {if on { t!(i18n, support_turn_off).into_any() } else { t!(i18n, support_turn_on).into_any() }}
            </button>
        </ActionForm>
    }
}
