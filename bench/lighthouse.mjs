// Lighthouse (pinned in bench/package.json) with its default mobile settings: a Moto G
// Power's screen, simulated 150 ms round trip, 1.6 Mbps down and a CPU slowed 4×, on the
// pages a young person uses most and on the worker's caseload. Prints, per page, the median
// of 3 runs of the performance score, largest contentful paint, total blocking time, and
// bytes by type. A measurement, not a test.
// Usage: (cd bench && npm ci) && node bench/lighthouse.mjs http://127.0.0.1:PORT [runs]
//        (a server with the demo data; it signs in as Amara and as Jo)
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const base = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!base) throw new Error("usage: node bench/lighthouse.mjs http://127.0.0.1:PORT [runs]");

// The session cookie a sign-in answers with, to send with every request Lighthouse makes.
async function signedIn(path, form) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

const amara = await signedIn("/api/redeem_invitation", { code: "AMARA-PENHA", pin: "402719", pin_again: "402719" });
const jo = await signedIn("/api/staff_sign_in", { email: "jo.lindqvist@northmoor.example", password: "waypoint-demo-2026" });
const home = await (await fetch(`${base}/api/young_person_home`, {
  method: "POST",
  headers: { Cookie: amara, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
  body: "",
})).json();
const person = home.young_person;
const pages = [
  ["home (/me)", "/me", amara],
  ["score a session", `/young-people/${person}/cohorts/${home.programmes[0].cohort}/sessions/5/score`, amara],
  ["my plan", `/young-people/${person}/plan`, amara],
  ["What I think", `/young-people/${person}/what-i-think`, amara],
  ["worker's caseload", "/caseload", jo],
];

const chrome = await chromeLauncher.launch({
  chromePath: "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  for (const [label, path, cookie] of pages) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const { lhr } = await lighthouse(`${base}${path}`, {
        port: chrome.port,
        onlyCategories: ["performance"],
        extraHeaders: { Cookie: cookie },
        output: "json",
        logLevel: "error",
      });
      if (lhr.finalDisplayedUrl !== `${base}${path}`) {
        throw new Error(`${label}: Lighthouse ended at ${lhr.finalDisplayedUrl} (not signed in?)`);
      }
      const bytes = Object.fromEntries(
        lhr.audits["resource-summary"].details.items.map((r) => [r.resourceType, r.transferSize]),
      );
      results.push({
        score: Math.round(lhr.categories.performance.score * 100),
        lcp: lhr.audits["largest-contentful-paint"].numericValue,
        tbt: lhr.audits["total-blocking-time"].numericValue,
        total: bytes.total ?? 0,
        document: bytes.document ?? 0,
        script: bytes.script ?? 0,
        stylesheet: bytes.stylesheet ?? 0,
        other: bytes.other ?? 0,
      });
    }
    const m = (k) => Math.round(median(results.map((r) => r[k])));
    console.log(
      `${label}: score ${m("score")}; LCP ${m("lcp")} ms; TBT ${m("tbt")} ms; ` +
        `${m("total")} B (document ${m("document")}, script ${m("script")}, ` +
        `stylesheet ${m("stylesheet")}, other ${m("other")}) (median of ${runs})`,
    );
  }
} finally {
  chrome.kill();
}
