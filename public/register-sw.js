// Registers the service worker. A separate file, not inline script, so the
// Content-Security-Policy can forbid inline scripts without exceptions.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without a worker the app still works online; nothing to tell the person.
    });
    // The page's language, for the worker's offline page (see sw.js). Kept whatever it is,
    // so choosing English again is remembered too.
    const language = ["cy", "pl", "ro", "ur"].includes(document.documentElement.lang) ? document.documentElement.lang : "en";
    if ("caches" in window) {
      caches
        .open("waypoint-language")
        .then((cache) => cache.put("/language", new Response(language)))
        .catch(() => {});
    }
  });
}
