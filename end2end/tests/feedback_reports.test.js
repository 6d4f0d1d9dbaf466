// End-of-intervention feedback and the manager's picture, in real Chromium: a father gives
// feedback on his phone and lets his words be quoted; his daughter's worker sees it first in
// her caseload, answers it, and he reads the answer; the manager's cohort report, its CSV,
// its print layout, the quotes bank and the team overview; the worker's timeline with its
// charts. axe-core on every page.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LAPTOP, PHONE, PIN, serverAndBrowser, signInStaff, violations, waitForHydration } from "./harness.js";

const env = serverAndBrowser();
const JO = "jo.lindqvist@northmoor.example";
const HELEN = "helen.ravensworth@northmoor.example";
const COLM_SAYS = "Since working with the team we have had fewer arguments at home";

async function axeClean(page, what, found) {
  for (const v of await violations(page)) found.push(`${what}: ${v}`);
}

test("a father's feedback is answered by the worker and quoted without his name", async () => {
  const base = env.server.base;
  const found = [];
  const phoneContext = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  const redeemed = await phoneContext.request.post(`${base}/api/redeem_invitation`, {
    form: { code: "CARER-PENHA", pin: PIN, pin_again: PIN },
  });
  assert.ok(redeemed.ok(), await redeemed.text());
  const colm = await phoneContext.newPage();
  await colm.goto(`${base}/family`);
  await waitForHydration(colm);
  await colm.getByRole("link", { name: "Tell us what you think of our work with Amara" }).click();
  await colm.getByRole("heading", { name: "What you think of our work", level: 1 }).waitFor();
  await waitForHydration(colm);
  await axeClean(colm, "feedback, before (phone)", found);
  await colm.getByRole("link", { name: "Give feedback" }).click();
  await colm.getByRole("heading", { name: "What did you think of our work with your family?" }).waitFor();
  await waitForHydration(colm);
  for (const [key, score] of [["q1", 8], ["q2", 6], ["q3", 9]]) {
    await colm.locator(`#${key}-fieldset`).getByRole("radio", { name: `${score} out of 10` }).check();
  }
  await colm.locator("textarea#q4-fieldset").fill(COLM_SAYS);
  await colm.getByLabel("You can share my words without my name").check();
  await axeClean(colm, "carer feedback form (phone)", found);
  await colm.getByRole("button", { name: "Send my answers" }).click();
  await colm.locator(".saved-notice", { hasText: "Thank you" }).waitFor();
  assert.match(await colm.locator("main").innerText(), new RegExp(COLM_SAYS));
  assert.match(await colm.locator("main").innerText(), /may be shared without their name/);

  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, JO);
  const jo = await office.newPage();
  await jo.goto(`${base}/caseload`);
  const amaraCard = jo.locator(".card-list > li", { hasText: "Amara Penhallow" });
  assert.match(await amaraCard.innerText(), /New feedback: 1/);
  assert.match(await amaraCard.innerText(), /Staying safe: criminal exploitation/);
  await axeClean(jo, "caseload with programme progress (laptop)", found);
  await amaraCard.getByRole("link", { name: "New feedback: 1" }).click();
  await jo.getByRole("heading", { name: "Feedback about working with Amara" }).waitFor();
  await waitForHydration(jo);
  await axeClean(jo, "feedback (worker)", found);
  await jo.getByText("Answer", { exact: true }).click();
  await jo.getByLabel("Your response to them").fill("Thank you, Colm. We will keep the Tuesday calls going.");
  await jo.getByRole("button", { name: "Send answer" }).click();
  await jo.locator(".voice-did", { hasText: "Tuesday calls" }).waitFor();

  await colm.reload();
  const answered = colm.locator(".voice-entry").first();
  assert.match(await answered.innerText(), /Jo answered/);
  assert.match(await answered.innerText(), /Tuesday calls/);
  await axeClean(colm, "feedback, answered (phone)", found);

  // The manager's quotes bank has his words, and nobody's name.
  const managerContext = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(managerContext, base, HELEN);
  const helen = await managerContext.newPage();
  await helen.goto(`${base}/reports/quotes`);
  const bank = await helen.locator("main").innerText();
  assert.match(bank, new RegExp(COLM_SAYS));
  assert.doesNotMatch(bank, /Colm|Penhallow|Amara/);
  await axeClean(helen, "quotes bank", found);

  assert.deepEqual(found, []);
  await Promise.all([phoneContext.close(), office.close(), managerContext.close()]);
});

test("the manager's report prints, downloads, and reads on a phone; the team overview and a timeline", async () => {
  const base = env.server.base;
  const found = [];
  const laptop = await env.browser.newContext({ ...LAPTOP, bypassCSP: true, acceptDownloads: true });
  await signInStaff(laptop, base, HELEN);
  const helen = await laptop.newPage();
  await helen.goto(`${base}/caseload`);
  await helen.getByRole("link", { name: "Cohort report" }).click();
  await helen.getByRole("heading", { name: "Cohort report", level: 1 }).waitFor();
  await waitForHydration(helen);
  // The demo's autumn group of ten, which started four weeks before the demo was seeded;
  // dates are typed day first, as in the UK.
  const { start, end } = await helen.evaluate(() => {
    const day = (d) => `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;
    const now = new Date();
    return { start: day(new Date(now.getTime() - 60 * 86400000)), end: day(new Date(now.getTime() + 30 * 86400000)) };
  });
  await helen.getByLabel("Groups that started from").fill(start);
  await helen.getByLabel("Up to and including").fill(end);
  await helen.getByRole("button", { name: "Show report" }).click();
  await helen.waitForURL(/from=/);
  const summary = await helen.locator(".report").innerText();
  assert.match(summary, /Groups counted: Autumn group/);
  assert.match(summary, /Young people: 10/);
  assert.match(summary, /Average group score at the start and end of each session/);
  await axeClean(helen, "cohort report (laptop)", found);

  // A period with nothing in it says so, with figures of nobody shown as none.
  await helen.getByLabel("Groups that started from").fill("2020-01-01");
  await helen.getByLabel("Up to and including").fill("2020-12-31");
  await helen.getByRole("button", { name: "Show report" }).click();
  await helen.waitForURL(/from=2020-01-01/);
  assert.match(await helen.locator(".report").innerText(), /Groups counted: none/);
  await helen.goBack();
  await helen.locator(".report", { hasText: "Young people: 10" }).waitFor();

  const [download] = await Promise.all([
    helen.waitForEvent("download"),
    helen.getByRole("link", { name: "Download this table (CSV)" }).first().click(),
  ]);
  assert.match(download.suggestedFilename(), /^sessions-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
  assert.match(csv.split("\r\n")[0], /^Session,Topic,Young people who came/);
  assert.match(csv, /\r\n1,County lines,/);

  await helen.emulateMedia({ media: "print" });
  assert.equal(await helen.locator(".report-choice").isVisible(), false, "the choices are not printed");
  assert.equal(await helen.locator(".signed-in-bar").isVisible(), false);
  assert.ok(await helen.locator(".report table").first().isVisible());
  await helen.emulateMedia({ media: "screen" });

  await helen.goto(`${base}/reports/team`);
  await helen.getByRole("heading", { name: "Team overview" }).waitFor();
  assert.match(await helen.locator("table").innerText(), /Jo Lindqvist/);
  await axeClean(helen, "team overview", found);

  // The same report on a 320 px phone: the tables scroll inside their own box.
  const phone = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  await signInStaff(phone, base, HELEN);
  const small = await phone.newPage();
  await small.goto(`${base}/reports/cohorts`);
  await small.locator(".report").waitFor();
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page itself does not scroll sideways (${overflow}px)`);
  await axeClean(small, "cohort report (phone)", found);

  // A worker's timeline of a record, with its charts drawn on the server.
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, JO);
  const jo = await office.newPage();
  await jo.goto(`${base}/caseload?show=programme&sort=name`);
  await jo.locator(".card-list > li").first().getByRole("link").first().click();
  await jo.getByRole("link", { name: "Timeline and charts" }).click();
  await jo.getByRole("img", { name: "Score at the start and end of each session" }).first().waitFor();
  assert.ok((await jo.locator("svg.chart rect.chart__second").count()) > 0, "end-of-session bars drawn");
  assert.match(await jo.locator("ol.timeline").innerText(), /Session \d \(/);
  await axeClean(jo, "timeline and charts", found);

  assert.deepEqual(found, []);
  await Promise.all([laptop.close(), phone.close(), office.close()]);
});
