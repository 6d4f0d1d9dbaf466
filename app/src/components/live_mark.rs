//! `body[data-hydrated]`: the page's interactive parts are live. The offline queue waits for
//! it before choosing again a number tapped too early, and the browser tests wait for it.
//! Set by the first island to come alive, or at start-up on a page without islands.

#[cfg(feature = "hydrate")]
pub fn mark_live() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn mark_live() {}
