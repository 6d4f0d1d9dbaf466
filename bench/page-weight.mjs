// Loads the young person's score page in headless Chromium and reports the bytes that
// crossed the network, by resource type, with and without the service worker's cache.
// Usage: node bench/page-weight.mjs http://127.0.0.1:PORT
import { createRequire } from "node:module";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true });
const page = await context.newPage();
await page.goto(`${base}/demo`);
const href = await page.locator("a.card__link").first().getAttribute("href");

const cdp = await context.newCDPSession(page);
await cdp.send("Network.enable");
await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
await cdp.send("Network.setBypassServiceWorker", { bypass: true });
const bytes = {};
const types = {};
cdp.on("Network.responseReceived", (e) => { types[e.requestId] = e.type; });
cdp.on("Network.loadingFinished", (e) => {
  const type = (types[e.requestId] ?? "Other").toLowerCase();
  bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
});
const started = Date.now();
await page.goto(`${base}${href}`);
await page.waitForSelector("body[data-hydrated=true]", { timeout: 30_000 });
const hydratedMs = Date.now() - started;
await new Promise((r) => setTimeout(r, 500));
const total = Object.values(bytes).reduce((a, b) => a + b, 0);
console.log("score page, first visit (no cache), bytes on the wire as Chromium fetched them:");
for (const [type, n] of Object.entries(bytes).sort()) console.log(`  ${type.padEnd(12)} ${n}`);
console.log(`  ${"total".padEnd(12)} ${total}`);
console.log(`  hydrated after ${hydratedMs} ms (loopback, no throttling)`);
await browser.close();
