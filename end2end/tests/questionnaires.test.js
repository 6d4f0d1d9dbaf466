// Questionnaires: a manager publishes a version with every type of question and a young
// person answers it on a phone; answers given offline are sent once; and answering works
// without JavaScript.
import assert from "node:assert/strict";
import { test } from "node:test";
import { request } from "playwright-core";
import { LAPTOP, PHONE, serverAndBrowser, signInStaff, unscoredSessionPage, violations, waitForHydration } from "./harness.js";

const env = serverAndBrowser();
const HELEN = "helen.ravensworth@northmoor.example";

/// Signs the phone in as one of Sam's young people; returns their id.
async function youngPerson(page, base, n) {
  const url = await unscoredSessionPage(page, base, n);
  return url.split("/")[4];
}

/// The audit actions recorded on a young person's record, as their manager sees them.
async function auditActions(base, youngPersonId) {
  const manager = await request.newContext({ baseURL: base });
  await manager.post("/api/staff_sign_in", { form: { email: HELEN, password: "waypoint-demo-2026" } });
  const { entries: trail } = await (await manager.post("/api/audit_trail", { form: { young_person: youngPersonId } })).json();
  await manager.dispose();
  return trail.map((e) => e.action);
}

test("a manager publishes a questionnaire with every type of question and a young person answers it on a phone", async () => {
  const base = env.server.base;
  const laptop = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(laptop, base, HELEN);
  const manager = await laptop.newPage();
  await manager.goto(`${base}/question-sets`);
  assert.deepEqual(await violations(manager), [], "question set list");
  await manager.getByRole("link", { name: "About me" }).click();
  await manager.getByRole("heading", { name: "About me" }).waitFor();
  await waitForHydration(manager);
  assert.deepEqual(await violations(manager), [], "builder");
  // The six shipped questions come first, then the spare blocks.
  await manager.locator("#q6-text").fill("Which of these do you enjoy?");
  await manager.locator("#q6-kind").selectOption("multiple_choice");
  await manager.locator("#q6-options").fill("Sport\nMusic\nArt");
  await manager.locator("#q7-text").fill("Who helped you most?");
  await manager.locator("#q7-kind").selectOption("single_choice");
  await manager.locator("#q7-options").fill("My worker\nMy family\nA friend");
  await manager.locator("#q7-required").check();
  await manager.getByRole("button", { name: "Publish as version 2" }).click();
  await manager.locator(".saved-notice", { hasText: "Young people now see version 2" }).waitFor();
  assert.deepEqual(await violations(manager), [], "builder after publishing");

  const phoneContext = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  const phone = await phoneContext.newPage();
  const id = await youngPerson(phone, base, 4); // Tyler
  await phone.goto(`${base}/me`);
  await phone.getByRole("link", { name: "About me" }).click();
  await phone.getByRole("heading", { name: "About me" }).waitFor();
  await waitForHydration(phone);
  assert.deepEqual(await violations(phone), [], "questionnaire");
  assert.equal(await phone.getByRole("button", { name: /Read it to me/ }).count(), 8, "every question can be read aloud");

  // Four 0–10 scales (shown as faces with words: the stored value is the same).
  await phone.getByRole("link", { name: "Show faces and words" }).click();
  await phone.locator(".scale__word").first().waitFor();
  for (const [key, score] of [["q1", 6], ["q2", 8], ["q3", 3], ["q4", 7]]) {
    await phone.locator(`#${key}-fieldset`).getByRole("radio", { name: `${score} out of 10` }).check();
  }
  await phone.locator("#q5-fieldset").fill("Drawing and looking after my little brother");
  await phone.locator("#q7-fieldset").getByLabel("Sport").check();
  await phone.locator("#q7-fieldset").getByLabel("Art").check();
  await phone.locator("#q8-fieldset").getByLabel("My family").check();
  assert.deepEqual(await violations(phone), [], "questionnaire with faces");
  await phone.getByRole("button", { name: "Send my answers" }).click();
  await phone.locator(".saved-notice", { hasText: "Your answers are saved" }).waitFor();
  const answers = await phone.locator(".response").first().innerText();
  for (const expected of ["About me", "question set 2", "6 (from", "Drawing and looking after my little brother", "Sport, Art", "My family", "Not answered"]) {
    assert.ok(answers.includes(expected), `${expected} in ${answers}`);
  }
  assert.deepEqual(await violations(phone), [], "answers");
  assert.equal((await auditActions(base, id)).filter((a) => a === "give_answers").length, 1);
  await phoneContext.close();
  await laptop.close();
});

test("a questionnaire answered offline is kept on the phone and stored once when it is back online", async () => {
  const base = env.server.base;
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const id = await youngPerson(page, base, 3); // Noah
  await page.goto(`${base}/me`);
  await page.getByRole("link", { name: "About me" }).click();
  await waitForHydration(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await waitForHydration(page);

  await context.setOffline(true);
  for (const key of ["q1", "q2", "q3", "q4"]) {
    await page.locator(`#${key}-fieldset`).getByRole("radio", { name: "5 out of 10" }).check();
  }
  // A version published by the first test adds a required choice; answer it if it is here.
  if ((await page.locator("#q8-fieldset").count()) > 0) {
    await page.locator("#q8-fieldset").getByLabel("My worker").check();
  }
  await page.getByRole("button", { name: "Send my answers" }).click();
  await page.locator("#queue-status", { hasText: "Saved on this phone" }).waitFor();
  assert.equal((await auditActions(base, id)).filter((a) => a === "give_answers").length, 0, "not sent yet");

  await page.reload(); // closed and reopened while offline
  await page.locator("#queue-status", { hasText: "Saved on this phone" }).waitFor();
  await context.setOffline(false);
  let sent = 0;
  for (let i = 0; i < 60 && sent === 0; i++) {
    await page.waitForTimeout(250);
    sent = (await auditActions(base, id)).filter((a) => a === "give_answers").length;
  }
  assert.equal(sent, 1, "stored exactly once");
  await context.close();
});

test("without JavaScript a young person answers the pre-programme questionnaire by form post", async () => {
  const base = env.server.base;
  const context = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await youngPerson(page, base, 2); // Leo
  await page.goto(`${base}/me`);
  await page.getByRole("link", { name: "Before the programme" }).click();
  await page.getByRole("heading", { name: "Before the programme" }).waitFor();
  assert.equal(await page.getByRole("button", { name: /Read it to me/ }).count(), 0, "no button that would do nothing");
  for (const [key, score] of [["q1", 4], ["q2", 5], ["q3", 6]]) {
    await page.locator(`#${key}-fieldset`).getByRole("radio", { name: `${score} out of 10` }).check();
  }
  await page.locator("#q4-fieldset").getByLabel("Friends").check();
  await page.locator("#q5-fieldset").fill("Learn to say no");
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Send my answers" }).click()]);
  await page.locator(".saved-notice", { hasText: "Your answers are saved" }).waitFor();
  assert.ok((await page.locator(".response").first().innerText()).includes("Learn to say no"));
  await context.close();
});

test("answers chosen stay on the phone until they are sent, so a closed tab or a time-out loses none", async () => {
  const base = env.server.base;
  const phoneContext = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  const phone = await phoneContext.newPage();
  const id = await youngPerson(phone, base, 1); // Kai
  const url = `${base}/young-people/${id}/questionnaires/young_person_feedback`;
  await phone.goto(url);
  await waitForHydration(phone);
  await phone.locator("#q1-fieldset input[value='7']").check();
  await phone.locator("#q2-fieldset input[value='3']").check();
  await phone.locator("textarea#q4-fieldset").fill("Football");
  // The phone keeps them (encrypted) as they are chosen; the tab is closed before sending.
  await phone.waitForTimeout(600);
  await phone.close();

  const again = await phoneContext.newPage();
  await again.goto(url);
  await waitForHydration(again);
  await again.locator(".queue-status", { hasText: "Your words from last time are back" }).waitFor();
  assert.ok(await again.locator("#q1-fieldset input[value='7']").isChecked(), "the first answer came back");
  assert.ok(await again.locator("#q2-fieldset input[value='3']").isChecked(), "the second answer came back");
  assert.equal(await again.locator("textarea#q4-fieldset").inputValue(), "Football");
  await again.locator("#q3-fieldset input[value='5']").check();
  await again.getByRole("button", { name: "Send my answers" }).click();
  await again.waitForURL(/\/feedback\?saved=1$/);
  assert.match(await again.locator("main").innerText(), /Football/);

  // Sent: opened again, the questionnaire starts empty, with nothing put back.
  const third = await phoneContext.newPage();
  await third.goto(url);
  await waitForHydration(third);
  await third.waitForTimeout(500);
  assert.equal(await third.locator(".queue-status").count(), 0);
  assert.equal(await third.locator("#q1-fieldset input:checked").count(), 0);
  await phoneContext.close();
});
