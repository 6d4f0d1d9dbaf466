//! The HTML document around the application, rendered on the server only.

use std::sync::Arc;

use leptos::nonce::{use_nonce, Nonce};
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::App;

/// The build's hashed assets, which change with every release, and the two inline scripts
/// that name them: made once at start-up, shared by every page.
#[derive(Clone, Debug)]
pub struct ShellAssets {
    pub stylesheet: String,
    /// The island loader, called with the glue's and the WebAssembly's addresses.
    loader: Arc<str>,
    /// What a page with islands puts in its head (`components/island_code.rs`).
    pub early_download: Arc<str>,
}

impl ShellAssets {
    /// From the addresses of the stylesheet, the JavaScript glue and the WebAssembly.
    pub fn new(stylesheet: String, script: &str, wasm: &str) -> Self {
        ShellAssets {
            stylesheet,
            loader: format!("{ISLAND_LOADER}(\"{script}\", \"{wasm}\");").into(),
            early_download: format!(
                "window.__islandCode = window.__islandCode || {{ glue: import(\"{script}\"), module: fetch(\"{wasm}\", {{ priority: \"low\" }}) }};"
            )
            .into(),
        }
    }
}

/// Makes the page's islands live. Leptos's own loader puts preload links for the glue and the
/// WebAssembly in every page's head, so every page, island or not, downloaded the WebAssembly,
/// and so did browsers with JavaScript off, which cannot run it. This one runs after the page
/// is parsed (a module script), fetches the WebAssembly only if there is an island to wake,
/// and starts both downloads at once; a page with islands has usually started them already,
/// from its head (`components/island_code.rs`).
/// `body[data-hydrated]` then tells the offline queue (and the browser tests) that the
/// page's interactive parts are live; a page without islands is as live as it gets at once.
const ISLAND_LOADER: &str = r#"((script, wasm) => {
const top = [...document.querySelectorAll("leptos-island")].filter((el) => !el.parentElement.closest("leptos-island"));
const live = () => { document.body.dataset.hydrated = "true"; };
if (!top.length) return live();
const early = window.__islandCode;
const module = early ? early.module : fetch(wasm);
(early ? early.glue : import(script)).then(async (glue) => {
await glue.default({ module_or_path: module });
glue.hydrate();
const wake = (el) => { const island = glue[el.dataset.component]; if (island) island(el); };
window.__hydrateIsland = wake;
top.forEach(wake);
live();
});
})"#;

/// The per-request nonce that the server's security-headers layer put in the
/// Content-Security-Policy; only scripts carrying it may run inline.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

pub fn shell(assets: ShellAssets) -> impl IntoView {
    // Islands mode: only what is inside an island carries hydration markers (Leptos's own
    // loader component switches them off for the rest of the page; this one is ours).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned())
    {
        provide_context(Nonce::from_value(nonce.0));
    }
    provide_context(assets.clone());
    let language = crate::language::of_this_request().page;
    view! {
        <!DOCTYPE html>
        <html lang=language.tag() dir=language.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d5c63" />
                <meta name="color-scheme" content="light" />
                // The page's own head entries (its title; on a page with islands, the script
                // that starts their download) come before the stylesheet: a script after a
                // stylesheet waits for it.
                <MetaTags />
                <link rel="stylesheet" href=assets.stylesheet />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/favicon.ico" sizes="32x32" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <script type="module" src="/register-sw.js"></script>
                <script type="module" src="/offline-queue.js"></script>
                <script type="module" src="/quick-exit.js"></script>
                <script type="module" nonce=use_nonce()>{assets.loader}</script>
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}
