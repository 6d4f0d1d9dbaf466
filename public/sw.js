// Waypoint's service worker. scripts/build-site.sh fills in the release's hashed files.
//
// It caches only the application shell (script, wasm, style, icons) and an offline page.
// Pages and server-function responses may hold a child's personal data, so they are never
// put in any cache: they always go to the network, and if that fails the person sees the
// offline page instead.
const VERSION = "__VERSION__";
const CACHE = `waypoint-shell-${VERSION}`;
const SHELL = ["__SHELL_FILES__"];

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
  if (request.mode === "navigate") {
    // Network only: never cache a page. Offline, show the offline page.
    event.respondWith(
      fetch(request).catch(() => caches.match("/offline.html")),
    );
  }
  // Anything else (API calls, health checks) goes to the network untouched.
});
