// Walks a family and a worker through two servers on one PostgreSQL with JavaScript off, as
// a load balancer would send them: signed in on one, carried on on the other. Not a test: run
// by hand inside scripts/with-postgres.sh with WAYPOINT_BIN and WAYPOINT_SITE_ROOT set.
import { spawn } from "node:child_process";
import { launchBrowser, PHONE, LAPTOP, PIN, STAFF_PASSWORD } from "./tests/harness.js";

const shots = process.env.WALK_DIR ?? "../target/walk2";
const start = (port) => {
  const proc = spawn(process.env.WAYPOINT_BIN, [], {
    env: { ...process.env, WAYPOINT_ADDR: `127.0.0.1:${port}`, WAYPOINT_DEMO_DATA: "true" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return proc;
};
const healthy = async (base) => {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} never became healthy`);
};
const [a, b] = [start(3101), start(3102)];
const A = "http://127.0.0.1:3101", B = "http://127.0.0.1:3102";
try {
  await Promise.all([healthy(A), healthy(B)]);
  const browser = await launchBrowser();
  const phone = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const p = await phone.newPage();
  await p.goto(`${A}/join`);
  await p.fill("input[name=code]", "AMARA-PENHA");
  await p.click("main button[type=submit]");
  await p.fill("input[name=pin]", PIN);
  await p.fill("input[name=pin_again]", PIN);
  await p.click("main button[type=submit]");
  console.log("Amara after choosing a PIN on A:", p.url());
  await p.screenshot({ path: `${shots}/1-amara-home-on-A.png`, fullPage: true });
  // The balancer sends her next request to B: same cookie, same session.
  await p.goto(`${B}/`);
  console.log("Amara on B:", p.url(), (await p.textContent("h1"))?.trim());
  await p.screenshot({ path: `${shots}/2-amara-home-on-B.png`, fullPage: true });

  const laptop = await browser.newContext({ ...LAPTOP, javaScriptEnabled: false });
  const w = await laptop.newPage();
  await w.goto(`${B}/sign-in`);
  await w.fill("input[name=email]", "jo.lindqvist@northmoor.example");
  await w.fill("input[name=password]", STAFF_PASSWORD);
  await w.click("main button[type=submit]");
  console.log("Jo after signing in on B:", w.url());
  await w.screenshot({ path: `${shots}/3-jo-caseload-on-B.png`, fullPage: true });
  await w.goto(`${A}/`);
  console.log("Jo on A:", w.url(), (await w.textContent("h1"))?.trim());
  await w.screenshot({ path: `${shots}/4-jo-on-A.png`, fullPage: true });
  // Signing out on A ends the session on B too.
  await w.click("text=Sign out");
  await w.goto(`${B}/caseload`);
  console.log("Jo on B after signing out on A:", w.url(), (await w.textContent("h1"))?.trim());
  await w.screenshot({ path: `${shots}/5-jo-signed-out-on-B.png`, fullPage: true });
  await browser.close();
} finally {
  a.kill("SIGTERM");
  b.kill("SIGTERM");
}
