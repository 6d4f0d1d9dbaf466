// axe-core on every page, at phone and laptop widths: no violations of WCAG 2.2 A/AA or
// axe's best practices.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { VIEWPORTS, serverAndBrowser, unscoredSessionPage } from "./harness.js";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const env = serverAndBrowser();

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}

for (const [name, device] of Object.entries(VIEWPORTS)) {
  test(`every page passes axe on a ${name}`, async () => {
    // The policy forbids injected scripts; axe is injected by the test, so this context
    // alone bypasses it.
    const context = await env.browser.newContext({ ...device, bypassCSP: true });
    const page = await context.newPage();
    const score = await unscoredSessionPage(page, env.server.base, name === "phone" ? 2 : 3);
    const pages = {
      home: `${env.server.base}/`,
      demo: `${env.server.base}/demo`,
      "score, start": score,
      "score, with an error": `${score}?stage=start&error=score_missing`,
      "not found": `${env.server.base}/no-such-page`,
      offline: `${env.server.base}/offline.html`,
    };
    const found = [];
    for (const [label, url] of Object.entries(pages)) {
      await page.goto(url);
      for (const v of await violations(page)) found.push(`${label}: ${v}`);
    }
    // The end-of-session question, after a start score.
    await page.goto(score);
    await page.getByRole("radio", { name: "5 out of 10" }).click();
    await page.locator(".summary").waitFor();
    for (const v of await violations(page)) found.push(`score, end: ${v}`);

    assert.deepEqual(found, []);
    await context.close();
  });
}
