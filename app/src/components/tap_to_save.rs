//! A tap on the 0–10 scale saves the score at once, without loading a page, on a page that
//! is otherwise plain server HTML: this island wraps the score form (server-rendered, its
//! children) and listens to what bubbles up from it; once the score is stored, what comes
//! next is fetched and shown in place (no document request). Without JavaScript, or before the
//! island is live, the form is an ordinary form and "Save my score" posts it; a number
//! tapped before then is kept by `public/offline-queue.js` and chosen again once the island
//! is live. Offline, the queue (which listens first, on the document) keeps the score
//! instead.

use leptos::prelude::*;

#[island]
pub fn TapToSave(children: Children) -> impl IntoView {
    view! {
        <div class="tap-to-save" on:change=choose on:submit=save>
            {children()}
        </div>
    }
}

/// A number chosen: send the form, as pressing its button would.
#[cfg(feature = "hydrate")]
fn choose(event: leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if input.class_list().contains("scale__input") {
        if let Some(form) = input.form() {
            let _ = form.request_submit();
        }
    }
}

/// Sends the form with `fetch`; once stored, the page moves on to what comes next (as the
/// plain form's redirect would). Anything else, the form is posted the ordinary way, so the
/// server's page says what went wrong and keeps the choice.
#[cfg(feature = "hydrate")]
fn save(event: leptos::ev::SubmitEvent) {
    use wasm_bindgen::JsCast;
    let Some(form) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    event.prevent_default();
    if form.dataset().get("saving").is_some() {
        return; // a second tap while the first is on its way
    }
    let _ = form.dataset().set("saving", "");
    leptos::task::spawn_local(async move {
        let stage = match send(&form).await {
            Some(stage) => stage,
            None => {
                form.dataset().delete("saving");
                let _ = form.submit();
                return;
            }
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let faces = location
            .search()
            .is_ok_and(|q| q.split(['?', '&']).any(|p| p == "faces=1"));
        let path = location.pathname().unwrap_or_default();
        let next = format!(
            "{path}?saved={stage}{}",
            if faces { "&faces=1" } else { "" }
        );
        if show_in_place(&next).await.is_none() {
            let _ = location.replace(&next);
        }
    });
}

/// What comes next (saved, waiting for the session's end, done) is the server's page at
/// `next`: fetched, and its main part put in place of this one's, with the address changed
/// to match, so the person never waits for a whole page. Islands in the new part are made
/// live by the island loader's own hook.
#[cfg(feature = "hydrate")]
async fn show_in_place(next: &str) -> Option<()> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(next))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let html = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    let parsed = web_sys::DomParser::new()
        .ok()?
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .ok()?;
    let new_main = parsed.query_selector("main").ok()??;
    let document = window.document()?;
    let main = document.query_selector("main").ok()??;
    window
        .history()
        .ok()?
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(next))
        .ok()?;
    main.set_inner_html(&new_main.inner_html());
    document.set_title(&parsed.title());
    let hydrate = js_sys::Reflect::get(&window, &"__hydrateIsland".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let islands = main.query_selector_all("leptos-island").ok()?;
    for i in 0..islands.length() {
        if let Some(island) = islands.item(i) {
            let _ = hydrate.call1(&window, &island);
        }
    }
    Some(())
}

/// Posts the form as the app's server functions expect it; the stage saved, if stored.
#[cfg(feature = "hydrate")]
async fn send(form: &web_sys::HtmlFormElement) -> Option<String> {
    use wasm_bindgen::JsCast;
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let stage = data.get("stage").as_string()?;
    let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().ok()?;
    headers
        .set("Content-Type", "application/x-www-form-urlencoded")
        .ok()?;
    headers.set("Accept", "application/json").ok()?;
    init.set_headers(&headers);
    init.set_body(&body.to_string().into());
    let window = web_sys::window()?;
    let response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(&form.action(), &init))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
    response.ok().then_some(stage)
}

#[cfg(not(feature = "hydrate"))]
fn choose(_event: leptos::ev::Event) {}

#[cfg(not(feature = "hydrate"))]
fn save(_event: leptos::ev::SubmitEvent) {}
