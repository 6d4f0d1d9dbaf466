//! Starts downloading the islands' code as the page's head is read, on a page that has an
//! island, instead of once the page and its stylesheet have loaded (when the loader in
//! `shell.rs` runs): on a slow connection that is a round trip and the stylesheet earlier.
//! A preload link would do the same but is fetched with JavaScript off too; this is a
//! script, so it is not. Each server component that puts an island on a page renders this
//! beside it; several on one page start one download.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[component]
pub fn IslandCodeAhead() -> impl IntoView {
    use crate::shell::ShellAssets;
    use leptos_meta::Script;
    // Without the shell (a test rendering a fragment) there is nothing to fetch.
    use_context::<ShellAssets>().map(|assets| view! { <Script>{assets.early_download}</Script> })
}

/// The page is only ever rendered on the server; the browser build has nothing to add.
#[cfg(not(feature = "ssr"))]
#[component]
pub fn IslandCodeAhead() -> impl IntoView {}
