// Shared set-up for the browser tests: a real Waypoint server on a free 127.0.0.1 port with
// a fresh SQLite file and the demo data, and Debian's Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { chromium, request } from "playwright-core";

export const PHONE = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const LAPTOP = { viewport: { width: 1280, height: 800 } };
export const VIEWPORTS = { phone: PHONE, laptop: LAPTOP };

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer() {
  const bin = process.env.WAYPOINT_BIN;
  if (!bin) throw new Error("WAYPOINT_BIN must name the server binary (scripts/test.sh sets it)");
  const dir = mkdtempSync(path.join(tmpdir(), "waypoint-e2e-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let proc = await spawnHealthy(bin, dir, port, base);
  return {
    base,
    /// Stops the server as a deployment does (SIGTERM) and starts it again on the same
    /// database and port, as a rolling restart or a move to another server looks to a page.
    async restart() {
      proc.kill("SIGTERM");
      if (proc.exitCode === null) await once(proc, "exit");
      proc = await spawnHealthy(bin, dir, port, base);
    },
    async stop() {
      proc.kill("SIGTERM");
      if (proc.exitCode === null) await once(proc, "exit");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function spawnHealthy(bin, dir, port, base) {
  const proc = spawn(bin, [], {
    env: {
      ...process.env,
      WAYPOINT_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${dir}/e2e.db?mode=rwc`,
      WAYPOINT_DEMO_DATA: "true",
      WAYPOINT_SITE_ROOT: process.env.WAYPOINT_SITE_ROOT ?? "../target/site",
      RUST_LOG: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("server did not become healthy in 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return proc;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const STAFF_PASSWORD = "waypoint-demo-2026";
export const PIN = "402719";
// Sam Okafor's young people who are in the demo group, so each test can have its own.
const SAMS_GROUP = ["Ava", "Kai", "Leo", "Noah", "Tyler"];

/// Signs a browser context in as a demo staff member (its pages then share the cookie).
export async function signInStaff(context, base, email) {
  const res = await context.request.post(`${base}/api/staff_sign_in`, { form: { email, password: STAFF_PASSWORD } });
  if (!res.ok()) throw new Error(`could not sign in ${email}: ${await res.text()}`);
}

/// Signs the browser context in as the n-th of Sam's young people in the group, the way it
/// happens for real: Sam issues an invitation, the phone redeems it with a PIN. Returns the
/// address of their session 5 score page, which the demo data leaves unscored.
export async function unscoredSessionPage(page, base, n) {
  const staff = await request.newContext({ baseURL: base });
  await staff.post("/api/staff_sign_in", { form: { email: "sam.okafor@northmoor.example", password: STAFF_PASSWORD } });
  const { cases } = await (await staff.post("/api/caseload", { form: {} })).json();
  const person = cases.find((c) => c.name.startsWith(`${SAMS_GROUP[n]} `));
  const card = await (await staff.post("/api/issue_invitation", { form: { young_person: person.id, person: person.id } })).json();
  await staff.dispose();
  const browser = page.context().request;
  const redeemed = await browser.post(`${base}/api/redeem_invitation`, { form: { code: card.invitation.code, pin: PIN, pin_again: PIN } });
  if (!redeemed.ok()) throw new Error(`could not redeem: ${await redeemed.text()}`);
  const home = await (await browser.post(`${base}/api/young_person_home`, { form: {} })).json();
  const cohort = home.programmes[0].cohort;
  return `${base}/young-people/${home.young_person}/cohorts/${cohort}/sessions/5/score`;
}

export async function waitForHydration(page) {
  await page.waitForSelector("body[data-hydrated=true]", { timeout: 15_000 });
}

/// Starts a server and a browser before the file's tests and stops both after them. The
/// returned object's `server` and `browser` are filled in once `before` has run.
export function serverAndBrowser() {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/// axe-core's findings on the current page: WCAG 2.2 A/AA and best practice. The context
/// must be made with `bypassCSP: true`, since axe is an injected script.
export async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}
