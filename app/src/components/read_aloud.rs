//! "Read it to me": the browser reads a question aloud with its own speech synthesis, in
//! the words' language. The page is server HTML; the button is a small island, and appears
//! only once it is live in a browser that can speak, so a page without JavaScript never
//! shows a button that does nothing. A phone with no voice for the language says so
//! instead of reading Welsh with an English voice, which nobody could follow.

use leptos::prelude::*;

use crate::components::island_code::IslandCodeAhead;
use crate::i18n::*;
use crate::language::Language;

/// The server half: the button's words come from the page's language here, because an
/// island gets no context from the page around it.
#[component]
pub fn ReadAloud(
    /// What is read: the question, with anything the person needs to answer it.
    #[prop(into)]
    text: String,
    /// The words' language, when it is not the page's (a question nobody has worded in
    /// Welsh yet is read in English).
    #[prop(optional)]
    language: Option<Language>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = t_string!(i18n, read_aloud).to_string();
    let no_voice = t_string!(i18n, read_aloud_no_voice).to_string();
    let lang = language
        .unwrap_or_else(crate::language::of_page)
        .tag()
        .to_string();
    view! {
        <IslandCodeAhead />
        <ReadAloudButton text label no_voice lang />
    }
}

/// Reads the whole page (its main part) aloud: offered on every page to a young person with
/// communication support on.
#[component]
pub fn ReadPageAloud() -> impl IntoView {
    let i18n = use_i18n();
    let label = t_string!(i18n, read_page_aloud).to_string();
    let no_voice = t_string!(i18n, read_aloud_no_voice).to_string();
    let lang = crate::language::of_page().tag().to_string();
    view! {
        <IslandCodeAhead />
        <ReadAloudButton text=String::new() label no_voice lang />
    }
}

/// Empty `text` reads the page's main part as it is when pressed.
#[island]
fn ReadAloudButton(text: String, label: String, no_voice: String, lang: String) -> impl IntoView {
    let live = RwSignal::new(false);
    let voiceless = RwSignal::new(false);
    Effect::new(move |_| live.set(speech_available()));
    let read = {
        let lang = lang.clone();
        move |_| {
            let text = if text.is_empty() {
                page_text()
            } else {
                text.clone()
            };
            if !speak(&text, &lang) {
                voiceless.set(true);
            }
        }
    };
    move || {
        live.get().then(|| {
            if voiceless.get() {
                view! { <p class="hint read-aloud__none" role="status">{no_voice.clone()}</p> }
                    .into_any()
            } else {
                view! {
                    <button class="button button--secondary button--small read-aloud" type="button" on:click=read.clone()>
                        <span aria-hidden="true">"🔊 "</span>{label.clone()}
                    </button>
                }
                .into_any()
            }
        })
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

/// The words of the page's main part, as shown (hidden parts left out).
#[cfg(feature = "hydrate")]
fn page_text() -> String {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|e| e.inner_text())
        .unwrap_or_default()
}

#[cfg(not(feature = "hydrate"))]
fn page_text() -> String {
    String::new()
}

/// Reads `text` with a voice for `lang` ("cy", "en"). `false` when the phone has none: an
/// English page may still use the phone's own default voice (some phones list no voices
/// until one has spoken), any other language may not.
#[cfg(feature = "hydrate")]
fn speak(text: &str, lang: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return false;
    };
    let voice = synth
        .get_voices()
        .iter()
        .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
        .filter(|v| {
            v.lang()
                .split(['-', '_'])
                .next()
                .is_some_and(|primary| primary.eq_ignore_ascii_case(lang))
        })
        // A voice of the United Kingdom first: en-GB over en-US, cy-GB as it comes.
        .max_by_key(|v| v.lang().ends_with("GB"));
    if voice.is_none() && lang != "en" {
        return false;
    }
    // A second press starts again rather than queueing another reading.
    synth.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        match &voice {
            Some(voice) => {
                utterance.set_voice(Some(voice));
                utterance.set_lang(&voice.lang());
            }
            None => utterance.set_lang("en-GB"),
        }
        utterance.set_rate(0.9);
        synth.speak(&utterance);
    }
    true
}

#[cfg(not(feature = "hydrate"))]
fn speak(_text: &str, _lang: &str) -> bool {
    false
}
