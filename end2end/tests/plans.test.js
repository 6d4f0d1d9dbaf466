// Co-produced plans on phones: the worker drafts with the young person, she writes her part
// and agrees, her father agrees, the worker changes it and both see what changed before
// agreeing again; a review with scores; the print view; words kept while typing; and the
// whole thing without JavaScript.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LAPTOP, PHONE, PIN, serverAndBrowser, signInStaff, violations, waitForHydration } from "./harness.js";

const env = serverAndBrowser();
const JO = "jo.lindqvist@northmoor.example";

const phones = new Map();

/// A phone signed in with a demo invitation code (Amara's or her father's). A code works
/// once, so each phone is made once and kept for the file's tests (the browser closes it).
async function phoneFor(code) {
  if (phones.has(code)) return phones.get(code);
  const context = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  const res = await context.request.post(`${env.server.base}/api/redeem_invitation`, {
    form: { code, pin: PIN, pin_again: PIN },
  });
  if (!res.ok()) throw new Error(`could not redeem ${code}: ${await res.text()}`);
  phones.set(code, context);
  return context;
}

async function amaraId(context) {
  const { cases } = await (await context.request.post(`${env.server.base}/api/caseload`, { form: {} })).json();
  return cases.find((c) => c.name.startsWith("Amara ")).id;
}

async function axeClean(page, what, found) {
  for (const v of await violations(page)) found.push(`${what}: ${v}`);
}

/// Opens a page and waits until the app has taken it over, so clicks go through it.
async function open(page, url) {
  await page.goto(url);
  await waitForHydration(page);
}

test("a plan is written together, agreed, changed, agreed again, reviewed and printed", async () => {
  const base = env.server.base;
  const found = [];
  const worker = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  await signInStaff(worker, base, JO);
  const id = await amaraId(worker);
  const planUrl = `${base}/young-people/${id}/plan`;

  // Jo starts the plan with Amara beside her and writes the target as Amara says it.
  const jo = await worker.newPage();
  await open(jo, planUrl);
  await jo.getByRole("button", { name: "Start a plan" }).click();
  await jo.waitForURL(/\/plan\/targets\/new$/);
  await waitForHydration(jo);
  await jo.getByLabel("Target", { exact: true }).fill("Learn how to control my anger better");
  await jo.getByLabel("Jo will…").fill("identify triggers; calming techniques");
  await jo.getByRole("button", { name: "Save" }).click();
  await jo.waitForURL(/\/plan\?saved=t1#target-t1$/);
  await jo.getByRole("heading", { name: /Learn how to control my anger better/ }).waitFor();

  // Amara, on her phone, writes her own part.
  const amaraPhone = await phoneFor("AMARA-PENHA");
  const amara = await amaraPhone.newPage();
  await open(amara, `${base}/me`);
  await amara.getByRole("link", { name: "My plan" }).click();
  await amara.getByRole("heading", { name: "My plan" }).waitFor();
  await waitForHydration(amara);
  await amara.getByRole("link", { name: /Change/ }).click();
  await amara.getByRole("heading", { name: /Change: Learn how/ }).waitFor();
  await waitForHydration(amara);
  await axeClean(amara, "target editor", found);
  // She cannot write Jo's or her father's part: they are shown, not editable.
  assert.equal(await amara.getByLabel("Jo will…").count(), 0);
  await amara.getByLabel("To do this I will…").fill("work out what makes me angry");
  await amara.getByLabel("How will I know I am successful?").fill("my outbursts go down");
  await amara.getByRole("button", { name: "Save" }).click();
  await amara.waitForURL(/\/plan\?saved=t1#target-t1$/);
  await amara.getByText("work out what makes me angry").waitFor();

  // Jo marks it ready; Amara agrees.
  await open(jo, planUrl);
  await jo.getByRole("button", { name: "Mark ready to agree" }).click();
  await jo.locator(".plan-status", { hasText: "Waiting for Amara to agree" }).waitFor();
  await open(amara, planUrl);
  await axeClean(amara, "plan, ready to agree", found);
  await amara.getByRole("button", { name: "I agree" }).click();
  await amara.locator(".saved-notice", { hasText: "You agreed this plan" }).waitFor();

  // Her father reads it from his page, writes his part and agrees.
  const dadsPhone = await phoneFor("CARER-PENHA");
  const colm = await dadsPhone.newPage();
  await open(colm, `${base}/family`);
  await colm.getByRole("link", { name: "Read Amara's plan" }).click();
  await colm.getByRole("heading", { name: "Amara's plan" }).waitFor();
  await waitForHydration(colm);
  await colm.getByRole("button", { name: "I agree" }).click();
  await colm.locator(".saved-notice", { hasText: "You agreed this plan" }).waitFor();

  // Jo changes her part after both agreed: a new version.
  await open(jo, `${planUrl}/targets/t1`);
  await jo.getByLabel("Jo will…").fill("identify triggers; calming techniques; alternatives to violence");
  await jo.getByRole("button", { name: "Save" }).click();
  await jo.waitForURL(/\/plan\?saved=t1#target-t1$/);
  await jo.locator(".plan-status", { hasText: "Version 2" }).waitFor();

  // Both are shown what changed before they agree again.
  for (const [page, who] of [[amara, "Amara"], [colm, "Colm"]]) {
    await open(page, planUrl);
    const changed = page.locator(".plan-changed");
    await changed.getByRole("heading", { name: "This plan changed after you agreed it" }).waitFor();
    assert.match(await changed.innerText(), /alternatives to violence/, who);
    await axeClean(page, `plan changed since (${who})`, found);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.locator(".saved-notice", { hasText: "You agreed this plan" }).waitFor();
    assert.equal(await page.locator(".plan-changed").count(), 0, `${who} has agreed version 2`);
  }
  await open(jo, planUrl);
  await jo.getByRole("button", { name: "I agree" }).click();
  await jo.locator(".plan-status", { hasText: "Agreed" }).waitFor();
  await axeClean(jo, "plan, agreed (worker)", found);

  // A review: Jo starts it; Jo and Amara score the target separately.
  await jo.getByRole("button", { name: "Start a review now" }).click();
  await jo.waitForURL(/\/plan\/review$/);
  await waitForHydration(jo);
  await jo.getByRole("radio", { name: "3 out of 10" }).click();
  await jo.getByRole("button", { name: "Save my score" }).click();
  await jo.getByText("Jo: 3 out of 10").waitFor();
  await open(amara, `${planUrl}/review`);
  await amara.getByRole("radio", { name: "8 out of 10" }).click();
  await amara.getByLabel("Anything to say about it? (optional)").fill("I walk away now");
  await amara.getByRole("button", { name: "Save my score" }).click();
  await amara.getByText("Amara: 8 out of 10").waitFor();
  await amara.getByText("These scores are quite different").waitFor();
  await axeClean(amara, "review", found);
  await open(amara, planUrl);
  await amara.locator(".review-history", { hasText: "Amara: 8 out of 10" }).waitFor();

  // The print view lists who agreed which version, and prints without the app's chrome.
  await amara.getByRole("link", { name: "Print the plan" }).click();
  await amara.getByRole("table").waitFor();
  const sheet = await amara.locator(".print-sheet").innerText();
  assert.match(sheet, /Amara agreed version 2/);
  assert.match(sheet, /Colm agreed version 1/);
  await axeClean(amara, "print view", found);
  await amara.emulateMedia({ media: "print" });
  assert.equal(await amara.locator(".site-header").isVisible(), false);
  assert.equal(await amara.getByRole("table").isVisible(), true);

  // On a laptop, Jo also gets the familiar five-column table.
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, JO);
  const desk = await office.newPage();
  await open(desk, planUrl);
  const headings = await desk.locator(".plan-table--wide thead th").allInnerTexts();
  assert.deepEqual(headings, ["Target", "To do this, Amara will…", "Parent/carer will…", "Jo will…", "How will I know I am successful?"]);
  await axeClean(desk, "plan on a laptop", found);

  assert.deepEqual(found, []);
  await Promise.all([worker.close(), office.close()]);
});

test("words typed into the plan stay on the phone until they are saved", async () => {
  const base = env.server.base;
  const worker = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  await signInStaff(worker, base, JO);
  const id = await amaraId(worker);
  // The first test left Amara's plan with target t1.
  const amaraPhone = await phoneFor("AMARA-PENHA");
  const amara = await amaraPhone.newPage();
  await open(amara, `${base}/young-people/${id}/plan/targets/new`);
  await amara.getByLabel("Target", { exact: true }).fill("Go to the youth centre on Tuesdays");
  await amara.waitForTimeout(600); // the draft is written a moment after typing stops
  // The tab is closed (or the phone gives up) before she saves.
  await amara.close();
  const again = await amaraPhone.newPage();
  await again.goto(`${base}/young-people/${id}/plan/targets/new`);
  await again.locator("#queue-status", { hasText: "Your words from last time are back" }).waitFor();
  assert.equal(await again.getByLabel("Target", { exact: true }).inputValue(), "Go to the youth centre on Tuesdays");
  await waitForHydration(again);
  await again.getByRole("button", { name: "Save" }).click();
  await again.waitForURL(/\/plan\?saved=t2#target-t2$/);
  await again.getByRole("heading", { name: /Go to the youth centre on Tuesdays/ }).waitFor();
  // Saved: opening the form again starts empty.
  await open(again, `${base}/young-people/${id}/plan/targets/new`);
  await again.waitForTimeout(300);
  assert.equal(await again.getByLabel("Target", { exact: true }).inputValue(), "");
  await worker.close();
});

test("without JavaScript a parent writes his part, says he does not agree, and a clash keeps his words", async () => {
  const base = env.server.base;
  const worker = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  await signInStaff(worker, base, JO);
  const id = await amaraId(worker);
  // The same phone, signed in as before, with JavaScript switched off.
  const signedIn = await (await phoneFor("CARER-PENHA")).storageState();
  const dadsPhone = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false, storageState: signedIn });
  const colm = await dadsPhone.newPage();
  await colm.goto(`${base}/young-people/${id}/plan/targets/t1`);
  await colm.getByLabel("Parent/carer will…").fill("give Amara space; talk about it when we are both calm");

  // The success line is Amara's own: he reads it but does not write it.
  assert.equal(await colm.getByLabel("How will I know I am successful?").count(), 0);

  // Meanwhile Jo tidies the words of his part, which he is about to change too.
  const jo = await worker.newPage();
  await open(jo, `${base}/young-people/${id}/plan/targets/t1`);
  await jo.getByLabel("Parent/carer will…").fill("give Amara space; talk when we are both calm; drive her to football");
  await jo.getByRole("button", { name: "Save" }).click();
  await jo.waitForURL(/\/plan\?saved=t1#target-t1$/);

  await colm.getByRole("button", { name: "Save" }).click();
  await colm.waitForURL(/error=plan_conflict/);
  await colm.locator(".error-summary", { hasText: "Someone else changed this" }).waitFor();
  // His words are back in the box, and Jo's are shown beside them.
  assert.equal(
    await colm.getByLabel("Parent/carer will…").inputValue(),
    "give Amara space; talk about it when we are both calm",
  );
  assert.match(await colm.locator(".conflict").innerText(), /drive her to football/);
  await colm.getByLabel("Parent/carer will…").fill("give Amara space; talk about it when we are both calm; drive her to football");
  await colm.getByRole("button", { name: "Save" }).click();
  await colm.waitForURL(/\/plan\?saved=t1#target-t1$/);
  await colm.locator(".saved-notice", { hasText: "Saved" }).waitFor();
  await colm.locator(".plan-parts__text", { hasText: "talk about it when we are both calm; drive her to football" }).waitFor();

  // The changes made a new version; he does not agree with it, and says why.
  await colm.locator("summary", { hasText: "I don't agree" }).click();
  await colm.getByLabel("What don't you agree with?").fill("Tuesdays clash with her football");
  await colm.getByRole("button", { name: "Send: I don't agree" }).click();
  await colm.waitForURL(/\/plan(\?saved=t1)?$/);
  await colm.locator(".saved-notice", { hasText: "You said you don't agree" }).waitFor();

  // Jo sees it on the plan.
  await open(jo, `${base}/young-people/${id}/plan`);
  assert.match(await jo.locator(".notice--warning").innerText(), /Colm doesn't agree:.*Tuesdays clash with her football/);
  await Promise.all([worker.close(), dadsPhone.close()]);
});
