// A young person's pages (and a parent's, in Urdu) on an emulated cheap phone: 1.6 Mbps down, 750 kbps up, 150 ms
// round trip, CPU slowed 4×, empty cache. Prints, per page: bytes on the wire, first
// contentful paint, when the app took over the page (body[data-hydrated]), and the server's
// time to first byte for the document. Measurements, not tests.
// Usage: node bench/phone.mjs http://127.0.0.1:PORT   (a server with the demo data)
import { createRequire } from "node:module";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function phone() {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  return context;
}

// One phone signs in with the demo code, so every measured load carries its session.
const first = await phone();
const redeemed = await first.request.post(`${base}/api/redeem_invitation`, {
  form: { code: "AMARA-PENHA", pin: "402719", pin_again: "402719" },
});
if (!redeemed.ok()) throw new Error(`sign-in failed: ${await redeemed.text()}`);
const home = await (await first.request.post(`${base}/api/young_person_home`, { form: {} })).json();
const state = await first.storageState();
await first.close();
// And a worker's browser (the same emulated phone, to compare like with like) signs in as Jo, for the caseload.
const worker = await phone();
const signedIn = await worker.request.post(`${base}/api/staff_sign_in`, {
  form: { email: "jo.lindqvist@northmoor.example", password: "waypoint-demo-2026" },
});
if (!signedIn.ok()) throw new Error(`staff sign-in failed: ${await signedIn.text()}`);
const staffState = await worker.storageState();
await worker.close();
// Her father, whose pages are in Urdu (right to left, Nastaliq shaping on a slow CPU).
const father = await phone();
const joined = await father.request.post(`${base}/api/redeem_invitation`, {
  form: { code: "CARER-PENHA", pin: "402719", pin_again: "402719" },
});
if (!joined.ok()) throw new Error(`carer sign-in failed: ${await joined.text()}`);
await father.request.post(`${base}/api/set_language`, { form: { language: "ur", back: "/family" } });
const carerState = await father.storageState();
await father.close();
const pages = {
  "home (/me)": ["/me", state],
  "score a session": [`/young-people/${home.young_person}/cohorts/${home.programmes[0].cohort}/sessions/5/score`, state],
  "What I think": [`/young-people/${home.young_person}/what-i-think`, state],
  "my plan": [`/young-people/${home.young_person}/plan`, state],
  "worker's caseload": ["/caseload", staffState],
  "parent's home, Urdu (/family)": ["/family", carerState],
  "parent's plan, Urdu": [`/young-people/${home.young_person}/plan`, carerState],
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [label, [path, storageState]] of Object.entries(pages)) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, storageState });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.setBypassServiceWorker", { bypass: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    let bytes = 0;
    cdp.on("Network.loadingFinished", (e) => { bytes += e.encodedDataLength; });
    const started = Date.now();
    await page.goto(`${base}${path}`, { waitUntil: "commit" });
    await page.waitForSelector("body[data-hydrated=true]", { timeout: 120_000 });
    const hydrated = Date.now() - started;
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      return { ttfb: nav.responseStart - nav.requestStart, fcp: fcp ? fcp.startTime : NaN };
    });
    await page.waitForTimeout(300);
    results.push({ bytes, hydrated, ...timing });
    await context.close();
  }
  const m = (k) => median(results.map((r) => r[k]));
  console.log(`${label}: ${m("bytes")} B on the wire; first paint ${Math.round(m("fcp"))} ms; app live ${m("hydrated")} ms; document first byte ${Math.round(m("ttfb"))} ms (median of ${runs})`);
}
await browser.close();
