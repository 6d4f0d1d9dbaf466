// The young person's "score this session" page, with and without JavaScript, on a phone
// and on a laptop.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { VIEWPORTS, serverAndBrowser, unscoredSessionPage, waitForHydration } from "./harness.js";

const env = serverAndBrowser();

let person = 0;

for (const [name, device] of Object.entries(VIEWPORTS)) {
  describe(`on a ${name}`, () => {
    test("without JavaScript the page is rendered by the server and a plain form post saves", async () => {
      const context = await env.browser.newContext({ ...device, javaScriptEnabled: false });
      const page = await context.newPage();
      const url = await unscoredSessionPage(page, env.server.base, person++);
      await page.goto(url);
      assert.match(await page.locator("h1").innerText(), /Session 5: Drugs and alcohol/);
      assert.equal(await page.locator("ul.objectives li").count(), 3);

      // Saving without choosing says what to do, at the top and at the field.
      await Promise.all([page.waitForURL(/error=score_missing/), page.getByRole("button", { name: "Save my score" }).click()]);
      assert.match(await page.locator(".error-summary").innerText(), /Choose a number from 0 to 10/);
      assert.match(await page.locator("#score-error").innerText(), /Choose a number from 0 to 10/);
      // Focus starts on the summary, as GOV.UK's does, here without any script.
      assert.equal(await page.evaluate(() => document.activeElement?.className), "error-summary");

      await page.getByRole("radio", { name: "7 out of 10" }).click();
      await Promise.all([page.waitForURL(/saved=start/), page.getByRole("button", { name: "Save my score" }).click()]);
      assert.equal(await page.locator(".saved-notice").innerText(), "Saved. You chose 7.");
      // The session is only beginning: the end question waits until they say it has ended.
      await page.locator(".score-waiting", { hasText: "Come back here when the session ends" }).waitFor();
      assert.equal(await page.locator(".scale__legend").count(), 0);
      await Promise.all([page.waitForURL(/stage=end/), page.getByRole("link", { name: /The session has ended/ }).click()]);
      assert.match(await page.locator(".scale__legend").innerText(), /At the end/);
      assert.match(await page.locator(".summary").innerText(), /Your score before we started: 7/);
      await page.getByRole("radio", { name: "9 out of 10" }).click();
      await Promise.all([page.waitForURL(/saved=end/), page.getByRole("button", { name: "Save my score" }).click()]);
      await page.locator(".score-done", { hasText: "Done" }).waitFor();
      assert.match(await page.locator(".score-done").innerText(), /at the end: 9/i);
      await context.close();
    });

    test("with JavaScript a tap saves without a page load and survives a reload", async () => {
      const context = await env.browser.newContext(device);
      const page = await context.newPage();
      const problems = [];
      page.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
      page.on("pageerror", (err) => problems.push(err.message));

      const url = await unscoredSessionPage(page, env.server.base, person++);
      await page.goto(url);
      await waitForHydration(page);
      const documents = [];
      page.on("request", (req) => req.resourceType() === "document" && documents.push(req.url()));
      await page.evaluate(() => {
        window.stillTheSamePage = true;
      });

      if (device.hasTouch) await page.getByRole("radio", { name: "4 out of 10" }).tap();
      else await page.getByRole("radio", { name: "4 out of 10" }).click();
      await page.locator(".saved-notice", { hasText: "Saved. You chose 4." }).waitFor();
      assert.equal(await page.evaluate(() => window.stillTheSamePage), true, "no full page load");
      assert.deepEqual(documents, [], "no document was requested");
      // The session is only beginning: no end question yet, and the saved line is on screen.
      await page.locator(".score-waiting").waitFor();
      const saved = await page.locator(".saved-notice").boundingBox();
      assert.ok(saved && saved.y >= 0 && saved.y + saved.height <= device.viewport.height, `"Saved" is on screen: ${JSON.stringify(saved)}`);

      // Going back to correct the first score: a link, so a page load (the page is server
      // HTML with islands); the correction is a tap again, saved in place.
      await page.getByRole("link", { name: "Change my first score" }).click();
      await page.locator(".scale__legend", { hasText: "Before we start" }).waitFor();
      await waitForHydration(page);
      await page.evaluate(() => {
        window.stillTheSamePage = true;
      });
      documents.length = 0;
      assert.equal(await page.getByRole("radio", { name: "4 out of 10" }).isChecked(), true);
      await page.getByRole("radio", { name: "5 out of 10" }).click();
      await page.locator(".saved-notice", { hasText: "Saved. You chose 5." }).waitFor();
      assert.equal(await page.evaluate(() => window.stillTheSamePage), true, "still no full page load");
      assert.deepEqual(documents, [], "no document was requested for the correction");

      // Later, the end of the session: the end question, and then "done".
      await page.goto(url);
      assert.match(await page.locator(".summary").innerText(), /Your score before we started: 5/);
      const scale = await page.getByRole("radio", { name: "10 out of 10" }).locator("..").boundingBox();
      assert.ok(scale && scale.y + scale.height <= device.viewport.height, `the whole scale is on the first screen: ${JSON.stringify(scale)}`);
      await waitForHydration(page);
      await page.getByRole("radio", { name: "8 out of 10" }).click();
      await page.locator(".score-done", { hasText: "Done" }).waitFor();
      assert.deepEqual(problems, [], "no errors in the console");
      await context.close();
    });
  });
}

test("a number tapped before the page has finished loading is saved", async () => {
  const context = await env.browser.newContext(VIEWPORTS.phone);
  const page = await context.newPage();
  const url = await unscoredSessionPage(page, env.server.base, person++);
  // A slow phone: the app's WebAssembly arrives seconds after the page.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url);
  await page.getByRole("radio", { name: "6 out of 10" }).tap();
  assert.equal(await page.getByRole("radio", { name: "6 out of 10" }).isChecked(), true);
  release();
  await waitForHydration(page);
  await page.locator(".saved-notice", { hasText: "Saved. You chose 6." }).waitFor();
  await page.goto(url + "?stage=start");
  assert.equal(await page.getByRole("radio", { name: "6 out of 10" }).isChecked(), true, "stored, not just shown");
  await context.close();
});
