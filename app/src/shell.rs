//! The HTML document around the application, rendered on the server only.

use leptos::nonce::Nonce;
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::App;

/// Names of the build's hashed assets, which change with every release.
#[derive(Clone, Debug)]
pub struct ShellAssets {
    pub stylesheet: String,
}

/// The per-request nonce that the server's security-headers layer put in the
/// Content-Security-Policy; only scripts carrying it may run inline.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

pub fn shell(options: LeptosOptions, assets: ShellAssets) -> impl IntoView {
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned())
    {
        provide_context(Nonce::from_value(nonce.0));
    }
    view! {
        <!DOCTYPE html>
        <html lang="en" dir="ltr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d5c63" />
                <meta name="color-scheme" content="light" />
                <link rel="stylesheet" href=assets.stylesheet />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/favicon.ico" sizes="32x32" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <script type="module" src="/register-sw.js"></script>
                <script type="module" src="/offline-queue.js"></script>
                <script type="module" src="/quick-exit.js"></script>
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}
