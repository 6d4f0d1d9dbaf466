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
      "help now, sent": `${env.server.base}/help-now?sent=${youngPerson}`,
      "what I think, adding words after asking for help": `${person}/what-i-think?urgent=1`,
      "programme scores, faces": `${person}/cohorts/${cohort}/programme/start?faces=1`,
      "progress": `${person}/cohorts/${cohort}/progress`,
      "not found": `${env.server.base}/no-such-page`,
      offline: `${env.server.base}/offline.html`,
      "offline, in Welsh": `${env.server.base}/offline-cy.html`,
    };
    const found = [];
    for (const [label, url] of Object.entries(pages)) {
      await page.goto(url);
      for (const v of await violations(page)) found.push(`${label}: ${v}`);
    }
    // After a start score: waiting for the session to end; then the end question; then done.
    await page.goto(score);
    await page.getByRole("radio", { name: "5 out of 10" }).click();
    await page.locator(".score-waiting").waitFor();
    for (const v of await violations(page)) found.push(`score, waiting: ${v}`);
    await page.goto(`${score}?stage=end`);
    await page.locator(".summary").waitFor();
    for (const v of await violations(page)) found.push(`score, end: ${v}`);
    await page.getByRole("radio", { name: "8 out of 10" }).click();
    await page.locator(".score-done").waitFor();
    for (const v of await violations(page)) found.push(`score, done: ${v}`);

    assert.deepEqual(found, []);
    await context.close();
  });
}

test("every staff page passes axe on a laptop", async () => {
  const { LAPTOP, signInStaff } = await import("./harness.js");
  const base = env.server.base;
  const found = [];
  for (const email of ["jo.lindqvist@northmoor.example", "helen.ravensworth@northmoor.example"]) {
    const context = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
    await signInStaff(context, base, email);
    const page = await context.newPage();
    const { cases } = await (await context.request.post(`${base}/api/caseload`, { form: {} })).json();
    const amara = cases.find((c) => c.name.startsWith("Amara ")).id;
    const { cohorts } = await (await context.request.post(`${base}/api/cohorts`, { form: {} })).json();
    const group = cohorts.find((c) => c.name === "Autumn group").id;
    const pages = {
      caseload: `${base}/caseload`,
      "case record": `${base}/young-people/${amara}`,
      "audit trail": `${base}/young-people/${amara}/audit`,
      timeline: `${base}/young-people/${amara}/timeline`,
      groups: `${base}/cohorts`,
      group: `${base}/cohorts/${group}`,
      "live session": `${base}/cohorts/${group}/sessions/5`,
      "cohort report": `${base}/reports/cohorts`,
      "team overview": `${base}/reports/team`,
    };
    for (const [label, url] of Object.entries(pages)) {
      const response = await page.goto(url);
      if (response.status() === 404) continue; // not this person's page (Jo has no reports)
      for (const v of await violations(page)) found.push(`${email} ${label}: ${v}`);
    }
    await context.close();
  }
  assert.deepEqual(found, []);
});
