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
    use std::cell::Cell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new(&url) else {
        return;
    };
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| changed(held));
    source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The browser reconnects by itself when the stream drops (a server restarts, a load
    // balancer moves it to another server); whatever was said in between was missed, so
    // every opening after the first counts as a change.
    let opened = Cell::new(0u32);
    let on_open = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        opened.set(opened.get() + 1);
        if opened.get() > 1 {
            changed(held);
        }
    });
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    // Live as long as the page: a reload or leaving closes them.
    on_message.forget();
    on_open.forget();
    std::mem::forget(source);
}

/// Reloads the page, or, when someone is typing, says there is something new to show.
#[cfg(feature = "hydrate")]
fn changed(held: RwSignal<bool>) {
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
}

#[cfg(not(feature = "hydrate"))]
fn listen(_url: String, _held: RwSignal<bool>) {}
