// Shared set-up for the browser tests: a real Waypoint server on a free 127.0.0.1 port with
// a fresh SQLite file and the demo data, and Debian's Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

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
  const base = `http://127.0.0.1:${port}`;
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
  return {
    base,
    async stop() {
      proc.kill("SIGTERM");
      if (proc.exitCode === null) await once(proc, "exit");
      rmSync(dir, { recursive: true, force: true });
    },
  };
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

/// The score page of the n-th young person in the demo group, at session 5, which the
/// demo data leaves unscored (so every test starts from "before we start").
export async function unscoredSessionPage(page, base, n) {
  await page.goto(`${base}/demo`);
  const links = page.locator("a.card__link");
  const href = await links.nth(n).getAttribute("href");
  return `${base}${href.replace(/\/sessions\/\d+\/score$/, "/sessions/5/score")}`;
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
