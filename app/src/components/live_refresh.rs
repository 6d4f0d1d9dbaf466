//! The live group session: the page is server HTML, and this island listens to the
//! server's events for the session (`GET /live/cohorts/{id}/sessions/{n}`) and reloads the
//! page when something changed. A worker in the middle of typing is not interrupted: the
//! page then says new scores came in, with a link to show them. Without JavaScript the
//! page has a refresh link instead.

use leptos::prelude::*;

#[island]
pub fn LiveRefresh(
    cohort: String,
    session: String,
    waiting: String,
    show: String,
) -> impl IntoView {
    let held = RwSignal::new(false);
    listen(format!("/live/cohorts/{cohort}/sessions/{session}"), held);
    view! {
        <Show when=move || held.get()>
            <p class="notice" role="status">
                {waiting.clone()} " " <a href="">{show.clone()}</a>
            </p>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
fn listen(url: String, held: RwSignal<bool>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new(&url) else {
        return;
    };
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let typing = document
            .active_element()
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing {
            held.set(true);
        } else if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the page: a reload or leaving closes it.
    on_message.forget();
    std::mem::forget(source);
}

#[cfg(not(feature = "hydrate"))]
fn listen(_url: String, _held: RwSignal<bool>) {}
