//! The browser entry point. The page's loader (`app::shell`) fetches this WebAssembly only
//! when the page has islands, calls `hydrate()`, then makes each island live.

#![cfg(target_arch = "wasm32")]

// The islands (`#[island]`) are exported by the app crate; naming it here is what links it,
// and so puts them in the WebAssembly module.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
