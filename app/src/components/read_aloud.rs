//! "Read it to me": the browser reads a question aloud with its own speech synthesis. The
//! page is server HTML; the button is a small island, and appears only once it is live in
//! a browser that can speak, so a page without JavaScript never shows a button that does
//! nothing.

use leptos::prelude::*;

use crate::components::island_code::IslandCodeAhead;
use crate::i18n::*;

/// The server half: the button's words come from the page's language here, because an
/// island gets no context from the page around it.
#[component]
pub fn ReadAloud(
    /// What is read: the question, with anything the person needs to answer it.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = t_string!(i18n, read_aloud).to_string();
    view! {
        <IslandCodeAhead />
        <ReadAloudButton text label />
    }
}

#[island]
fn ReadAloudButton(text: String, label: String) -> impl IntoView {
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(speech_available()));
    let read = move |_| speak(&text);
    view! {
        <Show when=move || live.get()>
            <button class="button button--secondary button--small read-aloud" type="button" on:click=read.clone()>
                <span aria-hidden="true">"🔊 "</span>{label.clone()}
            </button>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
fn speech_available() -> bool {
    web_sys::window()
        .and_then(|w| w.speech_synthesis().ok())
        .is_some()
}

#[cfg(not(feature = "hydrate"))]
fn speech_available() -> bool {
    false
}

#[cfg(feature = "hydrate")]
fn speak(text: &str) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    // A second press starts again rather than queueing another reading.
    synth.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        utterance.set_lang("en-GB");
        utterance.set_rate(0.9);
        synth.speak(&utterance);
    }
}

#[cfg(not(feature = "hydrate"))]
fn speak(_text: &str) {}
