// Groups and programmes: the worker's live group view while a phone scores, entering a
// score for someone without a phone (with and without JavaScript), a score given offline
// and sent once when the phone is back online, and programme scaling with progress.
import assert from "node:assert/strict";
import { test } from "node:test";
import { request } from "playwright-core";
import {
  LAPTOP,
  PHONE,
  serverAndBrowser,
  signInStaff,
  unscoredSessionPage,
  violations,
  waitForHydration,
} from "./harness.js";

const env = serverAndBrowser();
const SAM = "sam.okafor@northmoor.example";

async function groupSessionPage(page, base) {
  await page.goto(`${base}/cohorts`);
  await page.getByRole("link", { name: "Autumn group" }).click();
  await page.getByRole("heading", { name: "Autumn group" }).waitFor();
  await page.getByRole("link", { name: "Session 5: Drugs and alcohol" }).click();
  await page.getByRole("heading", { name: "Session 5: Drugs and alcohol" }).waitFor();
}

function startCount(text) {
  const match = /Start scores: (\d+) of (\d+)/.exec(text);
  assert.ok(match, text);
  return Number(match[1]);
}

test("the worker's group view updates live as a phone scores, and the worker enters a score for someone without a phone", async () => {
  const base = env.server.base;
  const laptop = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(laptop, base, SAM);
  const worker = await laptop.newPage();
  await worker.goto(`${base}/cohorts`);
  assert.deepEqual(await violations(worker), [], "cohort list");
  await groupSessionPage(worker, base);
  await waitForHydration(worker);
  assert.deepEqual(await violations(worker), [], "group view");
  const before = startCount(await worker.locator(".live-counts").innerText());

  const phoneContext = await env.browser.newContext(PHONE);
  const phone = await phoneContext.newPage();
  const url = await unscoredSessionPage(phone, base, 0); // Ava
  await phone.goto(url);
  await waitForHydration(phone);
  await phone.getByRole("radio", { name: "6 out of 10" }).tap();
  await phone.locator(".saved-notice", { hasText: "Saved. You chose 6." }).waitFor();

  // The worker's page changes by itself, with no click: the live island hears the
  // server's event and brings the page up to date.
  await worker.locator(".live-counts", { hasText: `Start scores: ${before + 1} of` }).waitFor({ timeout: 10_000 });
  await waitForHydration(worker);
  const avaRow = worker.getByRole("row", { name: /Ava Brightwater/ });
  assert.match(await avaRow.locator("td[data-stage=start]").innerText(), /^6/);

  // Leo has no phone today: Sam enters his start score for him.
  const leoRow = worker.getByRole("row", { name: /Leo Marchbank/ });
  if ((await leoRow.locator("td[data-stage=start] .score-chip").count()) === 0) {
    await leoRow.getByLabel(/Save start Leo Marchbank/).selectOption("3");
    await leoRow.getByRole("button", { name: /Save start/ }).click();
    await leoRow.locator("td[data-stage=start]", { hasText: "entered by worker" }).waitFor();
    assert.match(await leoRow.locator("td[data-stage=start] .score-chip").innerText(), /^3$/);
  }
  // The register: Ava came.
  await avaRow.getByRole("button", { name: "Came Ava Brightwater" }).click();
  await avaRow.locator("td", { hasText: /^Came/ }).first().waitFor();
  assert.deepEqual(await violations(worker), [], "group view after changes");
  await phoneContext.close();
  await laptop.close();
});

test("the group view looks again when its live connection comes back after the server restarts", async () => {
  const base = env.server.base;
  const laptop = await env.browser.newContext(LAPTOP);
  await signInStaff(laptop, base, SAM);
  const worker = await laptop.newPage();
  await groupSessionPage(worker, base);
  await waitForHydration(worker);
  // A mark on this copy of the page: it is gone once the page has been read again.
  await worker.evaluate(() => { window.__sameCopy = true; });
  // Behind a load balancer the stream moves to another server, which may have heard of
  // changes this one never passed on; here the one server restarts (SIGTERM, as a
  // deployment does, so an open stream must not hold up the stop).
  await env.server.restart();
  await worker.waitForFunction(() => window.__sameCopy === undefined, null, { timeout: 20_000 });
  await worker.getByRole("heading", { name: "Session 5: Drugs and alcohol" }).waitFor();
  await waitForHydration(worker);
  await laptop.close();
});

test("without JavaScript the worker keeps the register and enters a score by form post", async () => {
  const base = env.server.base;
  const context = await env.browser.newContext({ ...LAPTOP, javaScriptEnabled: false });
  await signInStaff(context, base, SAM);
  const page = await context.newPage();
  await groupSessionPage(page, base);
  assert.equal(await page.getByRole("link", { name: "Refresh to see new scores" }).isVisible(), true);
  const row = page.getByRole("row", { name: /Noah Quillfeather/ });
  await Promise.all([page.waitForLoadState("load"), row.getByRole("button", { name: "Did not come Noah Quillfeather" }).click()]);
  await page.getByRole("row", { name: /Noah Quillfeather/ }).getByRole("button", { name: /Did not come/, pressed: true }).waitFor();
  // Marked absent: nothing to enter for him. He came after all: the register is changed.
  assert.equal(await page.getByRole("row", { name: /Noah Quillfeather/ }).locator("td[data-stage=start] select").count(), 0);
  await Promise.all([page.waitForLoadState("load"), page.getByRole("row", { name: /Noah Quillfeather/ }).getByRole("button", { name: "Came Noah Quillfeather" }).click()]);
  await page.getByRole("row", { name: /Noah Quillfeather/ }).getByRole("button", { name: /Came/, pressed: true }).waitFor();
  const startCell = page.getByRole("row", { name: /Noah Quillfeather/ }).locator("td[data-stage=start]");
  if ((await startCell.locator(".score-chip").count()) === 0) {
    await startCell.getByRole("combobox").selectOption("9");
    await Promise.all([page.waitForLoadState("load"), startCell.getByRole("button", { name: /Save start/ }).click()]);
    await page.getByRole("row", { name: /Noah Quillfeather/ }).locator("td[data-stage=start]", { hasText: "entered by worker" }).waitFor();
  }
  await context.close();
});

test("a score given offline is kept on the phone, encrypted, and stored once when the phone is back online", async () => {
  const base = env.server.base;
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const url = await unscoredSessionPage(page, base, 1); // Kai
  await page.goto(url);
  // The service worker must control the page for it to show the offline page on reload.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await waitForHydration(page);
  assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);

  await context.setOffline(true);
  await page.getByRole("radio", { name: "8 out of 10" }).tap();
  await page.locator("#queue-status", { hasText: "Saved on this phone" }).waitFor();
  const stored = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("waypoint-queue");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("items").objectStore("items").getAll();
          all.onsuccess = () =>
            resolve(all.result.map((i) => ({ encrypted: i.data instanceof ArrayBuffer, text: JSON.stringify(i) })));
        };
      }),
  );
  assert.equal(stored.length, 1);
  assert.equal(stored[0].encrypted, true);
  const youngPerson = url.split("/")[4];
  assert.ok(!stored[0].text.includes(youngPerson), "nothing readable about the person is kept");

  // Closed and reopened while still offline: the offline page says it is waiting.
  await page.reload();
  await page.locator("#queue-status", { hasText: "Saved on this phone" }).waitFor();

  await context.setOffline(false);
  // Back online, it sends and the page reloads itself showing the saved score.
  await page.locator(".summary", { hasText: "Your score before we started: 8" }).waitFor({ timeout: 15_000 });

  // Exactly one score was stored: one "record_score" row in the audit trail, which is
  // written in the same transaction as each score.
  const manager = await request.newContext({ baseURL: base });
  await manager.post("/api/staff_sign_in", { form: { email: "helen.ravensworth@northmoor.example", password: "waypoint-demo-2026" } });
  const { entries: trail } = await (await manager.post("/api/audit_trail", { form: { young_person: youngPerson } })).json();
  const recorded = trail.filter((e) => e.action === "record_score");
  assert.equal(recorded.length, 1, JSON.stringify(trail));
  await manager.dispose();
  const left = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("waypoint-queue");
        open.onsuccess = () => {
          const all = open.result.transaction("items").objectStore("items").count();
          all.onsuccess = () => resolve(all.result);
        };
      }),
  );
  assert.equal(left, 0, "nothing is left on the phone once sent");
  await context.close();
});

test("programme scaling on a phone: three questions, then progress as a chart that reads as text", async () => {
  const base = env.server.base;
  const context = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  // Records what the page asks the browser to say, instead of saying it.
  await context.addInitScript(() => {
    window.spoken = [];
    if (window.speechSynthesis) {
      window.speechSynthesis.speak = (utterance) => window.spoken.push(utterance.text);
    }
  });
  const page = await context.newPage();
  await unscoredSessionPage(page, base, 2); // Leo
  await page.goto(`${base}/me`);
  await waitForHydration(page);
  await page.getByRole("link", { name: "See how I am doing" }).click();
  await page.getByRole("heading", { name: "How I am doing" }).waitFor();
  assert.deepEqual(await violations(page), [], "progress page");
  await page.getByRole("link", { name: "Answer the three questions for the end" }).click();
  await page.getByRole("heading", { name: "Three questions about you" }).waitFor();
  await waitForHydration(page);
  assert.deepEqual(await violations(page), [], "programme scaling page");

  // Each question can be read aloud by the browser.
  await page.getByRole("button", { name: "Read it to me" }).first().tap();
  const spoken = await page.evaluate(() => window.spoken);
  assert.equal(spoken.length, 1);
  assert.match(spoken[0], /How much do you know about the things in this programme\?/);
  assert.equal(await page.getByRole("button", { name: "Read it to me" }).count(), 3);

  // The same questions as faces with words: different look, same values.
  await page.getByRole("link", { name: "Show faces and words" }).tap();
  await page.locator(".scale__word").first().waitFor();
  assert.equal(await page.locator(".scale__word").count(), 33);
  await waitForHydration(page);
  assert.deepEqual(await violations(page), [], "programme scaling page with faces");

  // Saving with one answer missing says so and keeps what was chosen.
  await page.getByRole("group", { name: /know about the things/ }).getByRole("radio", { name: "9 out of 10" }).tap();
  await page.getByRole("button", { name: "Save my score" }).tap();
  await page.locator(".error-summary", { hasText: "Answer all three questions" }).waitFor();
  assert.equal(await page.getByRole("group", { name: /know about the things/ }).getByRole("radio", { name: "9 out of 10" }).isChecked(), true);

  await page.getByRole("group", { name: /take risks/ }).getByRole("radio", { name: "1 out of 10" }).tap();
  await page.getByRole("group", { name: /got into trouble again/ }).getByRole("radio", { name: "10 out of 10" }).tap();
  await page.getByRole("button", { name: "Save my score" }).tap();
  await page.getByRole("heading", { name: "How I am doing" }).waitFor();
  const row = page.getByRole("row", { name: /know about the things/ });
  assert.match(await row.innerText(), /9/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `fits a 320 px screen (${width})`);
  await context.close();
});
