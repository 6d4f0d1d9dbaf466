// Registers the service worker. A separate file, not inline script, so the
// Content-Security-Policy can forbid inline scripts without exceptions.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without a worker the app still works online; nothing to tell the person.
    });
  });
}
