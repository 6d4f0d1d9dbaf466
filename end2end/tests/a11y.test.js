// axe-core on every page, at phone and laptop widths: no violations of WCAG 2.2 A/AA or
// axe's best practices.
import assert from "node:assert/strict";
import { test } from "node:test";
import { VIEWPORTS, serverAndBrowser, unscoredSessionPage, violations } from "./harness.js";

const env = serverAndBrowser();

for (const [name, device] of Object.entries(VIEWPORTS)) {
  test(`every page passes axe on a ${name}`, async () => {
    // The policy forbids injected scripts; axe is injected by the test, so this context
    // alone bypasses it.
    const context = await env.browser.newContext({ ...device, bypassCSP: true });
    const page = await context.newPage();
    const score = await unscoredSessionPage(page, env.server.base, name === "phone" ? 2 : 3);
    const [, , , , youngPerson, , cohort] = score.split("/");
    const person = `${env.server.base}/young-people/${youngPerson}`;
    const pages = {
      home: `${env.server.base}/`,
      "my page": `${env.server.base}/me`,
      "join": `${env.server.base}/join`,
      "join, with an error": `${env.server.base}/join?error=invitation_invalid`,
      "staff sign-in": `${env.server.base}/sign-in`,
      "signed out": `${env.server.base}/signed-out`,
      "score, start": score,
      "score, with an error": `${score}?stage=start&error=score_missing`,
      "pre-programme questionnaire": `${person}/cohorts/${cohort}/questionnaires/pre_programme`,
      "questionnaire, with errors": `${person}/questionnaires/self_assessment?error=answers_invalid&questions=q1,q5`,
      "my answers": `${person}/answers`,
      "my plan, not started": `${person}/plan`,
      "plan print view, not started": `${person}/plan/print`,
      "plan review, not started": `${person}/plan/review`,
      "what I think": `${person}/what-i-think`,
      "what I think, with an error": `${person}/what-i-think?error=entry_empty`,
      "help now": `${env.server.base}/help-now`,
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
