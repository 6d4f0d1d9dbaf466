// Waypoint's service worker. scripts/build-site.sh fills in the release's hashed files.
//
// It caches only the application shell (style, scripts, icons, the offline page) and the
// islands' code. Pages and server-function responses may hold a child's personal data, so
// they are never put in any cache: they always go to the network, and if that fails the
// person sees the offline page instead.
const VERSION = "__VERSION__";
const CACHE = `waypoint-shell-${VERSION}`;
// Fetched when the worker installs: what every page and the offline page use.
const SHELL = ["__SHELL_FILES__"];
// The islands' JavaScript and WebAssembly, kept the first time a page with an island asks
// for them: someone who only reads their plan never downloads them, not even on install,
// and the offline page does not need them.
const ON_USE = ["__ON_USE_FILES__"];
// The language of the last page shown, kept by register-sw.js, so the offline page is in
// the person's language. Only "en" or "cy": nothing about the person.
const LANGUAGE = "waypoint-language";
const OFFLINE = {
  en: "/offline.html",
  cy: "/offline-cy.html",
  pl: "/offline-pl.html",
  ro: "/offline-ro.html",
  ur: "/offline-ur.html",
};

async function offlinePage() {
  const kept = await caches.open(LANGUAGE).then((cache) => cache.match("/language"));
  const language = kept ? await kept.text() : "en";
  return (await caches.match(OFFLINE[language] || OFFLINE.en)) || caches.match(OFFLINE.en);
}

self.addEventListener("install", (event) => {
  // Everything is fetched before the new worker counts as installed; a failed download
  // leaves the old worker (and its complete cache) in charge.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("waypoint-shell-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  // A page may ask a waiting worker to take over (e.g. after showing "new version").
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // form posts and server functions: network only
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (SHELL.includes(url.pathname)) {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request)),
    );
    return;
  }
  if (ON_USE.includes(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const hit = await cache.match(request);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      }),
    );
    return;
  }
  if (request.mode === "navigate") {
    // Network only: never cache a page. Offline, show the offline page.
    event.respondWith(
      fetch(request).catch(() => offlinePage()),
    );
  }
  // Anything else (API calls, health checks) goes to the network untouched.
});
