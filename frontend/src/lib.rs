//! The browser entry point. The page's loader (`app::shell`) fetches this WebAssembly only
//! when the page has islands, calls `hydrate()`, then makes each island live.

#![cfg(target_arch = "wasm32")]

// The islands (`#[island]`) are exported by the app crate; naming it here is what links it,
// and so puts them in the WebAssembly module.
extern crate app;

// No panic hook: the release build aborts at once on a panic (`panic=immediate-abort`, for
// size), so there is no message for a hook to print.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
