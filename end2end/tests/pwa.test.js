// The progressive web app: manifest, icons, and a service worker that caches the
// application shell only, never a page with personal data.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PHONE, serverAndBrowser, unscoredSessionPage, waitForHydration } from "./harness.js";

const env = serverAndBrowser();

function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG file");
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

test("the manifest is valid and its icons are the sizes it says", async () => {
  const res = await fetch(`${env.server.base}/manifest.webmanifest`);
  assert.equal(res.status, 200);
  const manifest = await res.json();
  assert.equal(manifest.name, "Waypoint");
  assert.ok(manifest.short_name.length <= 12);
  assert.equal(manifest.start_url, "/");
  assert.equal(manifest.display, "standalone");
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  for (const purpose of ["any", "maskable"]) {
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.purpose === purpose && i.sizes === `${size}x${size}`);
      assert.ok(icon, `${purpose} ${size}`);
      const img = await fetch(`${env.server.base}${icon.src}`);
      assert.equal(img.status, 200);
      assert.equal(img.headers.get("content-type"), "image/png");
      assert.deepEqual(pngSize(new Uint8Array(await img.arrayBuffer())), [size, size]);
    }
  }
});

test("the service worker is always revalidated and lists this release's hashed files", async () => {
  const res = await fetch(`${env.server.base}/sw.js`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /javascript/);
  assert.equal(res.headers.get("cache-control"), "no-cache");
  const body = await res.text();
  assert.doesNotMatch(body, /__VERSION__|__SHELL_FILES__/, "placeholders were filled in");
  assert.match(body, /\/pkg\/waypoint\.[0-9a-f]{16}\.wasm/);

  const wasm = await fetch(`${env.server.base}${body.match(/\/pkg\/waypoint\.[0-9a-f]{16}\.wasm/)[0]}`);
  assert.equal(wasm.headers.get("cache-control"), "public, max-age=31536000, immutable");
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
});

test("the worker installs, caches only the shell, and shows the offline page without signal", async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${env.server.base}/`);
  const state = await page.evaluate(async () => (await navigator.serviceWorker.ready).active.state);
  assert.ok(["activating", "activated"].includes(state), state);

  // Visit a personal page while the worker is in control.
  const url = await unscoredSessionPage(page, env.server.base, 0);
  await page.goto(url);
  await waitForHydration(page);

  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const req of await cache.keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  assert.ok(cached.some((p) => p.endsWith(".wasm")), "the wasm is cached");
  assert.ok(cached.includes("/offline.html"), "the offline page is cached");
  for (const path of cached) {
    assert.match(path, /^\/(pkg\/|icons\/|offline(-cy|-pl|-ro|-ur)?\.(html|css)$|manifest\.webmanifest$|register-sw\.js$|offline-queue\.js$|quick-exit\.js$|favicon\.ico$|language$)/, `only shell files: ${path}`);
  }
  // The one thing kept about the person: the language of their last page, for the
  // offline page, and nothing else.
  const kept = await page.evaluate(async () => (await (await caches.open("waypoint-language")).match("/language"))?.text());
  assert.equal(kept, "en");

  await context.setOffline(true);
  await page.goto(`${env.server.base}/me`);
  assert.match(await page.locator("h1").innerText(), /You are offline/);
  // Help does not need a signal: the lines are on the offline page itself.
  const offline = await page.locator("main").innerText();
  assert.match(offline, /0800 1111/);
  assert.match(offline, /999/);
  assert.equal(await page.getByRole("link", { name: "Quick exit" }).count(), 1);

  // Someone whose pages are in Welsh gets the offline page in Welsh.
  await context.setOffline(false);
  await page.goto(`${env.server.base}/me`);
  await page.getByRole("button", { name: /Cymraeg/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === "cy");
  await page.waitForFunction(async () => (await (await caches.open("waypoint-language")).match("/language"))?.text() === "cy");
  await context.setOffline(true);
  await page.goto(`${env.server.base}/me`);
  assert.match(await page.locator("h1").innerText(), /Rwyt ti all-lein/);
  assert.equal(await page.getAttribute("html", "lang"), "cy");
  assert.equal(await page.getByRole("link", { name: "Gadael yn gyflym" }).count(), 1);

  // And in Urdu, right to left, for someone who chose it on a page written in it.
  await context.setOffline(false);
  await page.goto(`${env.server.base}/help-now`);
  await page.getByRole("button", { name: "اردو" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "ur");
  await page.waitForFunction(async () => (await (await caches.open("waypoint-language")).match("/language"))?.text() === "ur");
  await context.setOffline(true);
  await page.goto(`${env.server.base}/help-now`);
  assert.match(await page.locator("h1").innerText(), /آپ آف لائن ہیں/);
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.getByRole("link", { name: "فوراً نکلیں" }).count(), 1);
  await context.close();
});

/// The app's own scripts a page asked for: its glue and WebAssembly under /pkg/.
function islandCode(page) {
  const asked = [];
  page.on("request", (r) => {
    if (/\/pkg\/waypoint\.[0-9a-f]{16}\.(js|wasm)$/.test(new URL(r.url()).pathname)) asked.push(r.url());
  });
  return asked;
}

test("a page without islands downloads no WebAssembly and is live at once; a page with them does", async () => {
  // No service worker: only the page's own downloads are counted.
  const context = await env.browser.newContext({ ...PHONE, serviceWorkers: "block" });
  const page = await context.newPage();
  const score = await unscoredSessionPage(page, env.server.base, 1);
  const asked = islandCode(page);
  for (const path of ["/me", score.replace(/cohorts\/.*$/, "plan"), score.replace(/cohorts\/.*$/, "what-i-think")]) {
    await page.goto(`${env.server.base}${path.replace(env.server.base, "")}`);
    await waitForHydration(page);
    assert.equal(await page.locator("leptos-island").count(), 0, `${path} has no islands`);
  }
  assert.deepEqual(asked, [], "no island code for pages without islands");

  await page.goto(score);
  await waitForHydration(page);
  assert.ok(await page.locator("leptos-island").count() > 0, "the score page has islands");
  assert.equal(asked.filter((u) => u.endsWith(".wasm")).length, 1, "the score page fetched the WebAssembly once");
  assert.equal(asked.filter((u) => u.endsWith(".js")).length, 1, "and its glue once");
  await context.close();
});

test("with JavaScript off, no page downloads the app's script or WebAssembly", async () => {
  const context = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  const score = await unscoredSessionPage(page, env.server.base, 2);
  const asked = islandCode(page);
  await page.goto(score);
  assert.ok(await page.locator("leptos-island").count() > 0, "the score page has islands");
  await page.goto(`${env.server.base}/me`);
  assert.deepEqual(asked, []);
  await context.close();
});
