// "What I think" on a phone: a young person asks to talk to someone now and is shown help
// at once; the entry leads her worker's caseload; the worker answers; she sees the answer
// beside what she wrote. Also with JavaScript off.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LAPTOP, PHONE, PIN, serverAndBrowser, signInStaff, violations, waitForHydration } from "./harness.js";

const env = serverAndBrowser();
const JO = "jo.lindqvist@northmoor.example";

async function axeClean(page, what, found) {
  for (const v of await violations(page)) found.push(`${what}: ${v}`);
}

test("an urgent entry is answered: help at once, first in the caseload, the answer beside it", async () => {
  const base = env.server.base;
  const found = [];
  const phoneContext = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  const redeemed = await phoneContext.request.post(`${base}/api/redeem_invitation`, {
    form: { code: "AMARA-PENHA", pin: PIN, pin_again: PIN },
  });
  assert.ok(redeemed.ok(), await redeemed.text());
  const amara = await phoneContext.newPage();
  await amara.goto(`${base}/me`);
  await waitForHydration(amara);
  await amara.getByRole("link", { name: "What I think" }).click();
  await amara.getByRole("heading", { name: "What I think", level: 1 }).waitFor();
  await waitForHydration(amara);
  await axeClean(amara, "what I think (phone)", found);
  // An ordinary entry with JavaScript on: "Sent", and the form starts again empty, so
  // nothing can be sent twice by mistake.
  await amara.getByLabel(/What do you want to say/).fill("Football was good today");
  await amara.getByRole("button", { name: "Send", exact: true }).click();
  await amara.locator(".saved-notice", { hasText: "Sent" }).waitFor();
  await amara.locator(".voice-entry", { hasText: "Football was good today" }).waitFor();
  assert.equal(await amara.getByLabel(/What do you want to say/).inputValue(), "");

  // One tap, near the top, with nothing typed: help at once.
  const button = amara.getByRole("button", { name: "I need to talk to someone now" });
  const box = await button.boundingBox();
  assert.ok(box && box.y + box.height <= PHONE.viewport.height, `the help button is on the first screen: ${JSON.stringify(box)}`);
  await button.click();
  await amara.waitForURL(/\/help-now\?sent=/);
  await amara.getByRole("heading", { name: "Talk to someone now" }).waitFor();
  const help = await amara.locator("main").innerText();
  assert.match(help, /Your worker has been told/);
  assert.match(help, /0800 1111/);
  assert.match(help, /Monday to Friday/);
  await axeClean(amara, "help now", found);
  await amara.screenshot({ path: "../target/screens/help-now-phone.png", fullPage: true });
  // Words can follow, and go as urgent too.
  await amara.getByRole("link", { name: /Add words/ }).click();
  await amara.getByRole("heading", { name: "What I think", level: 1 }).waitFor();
  await waitForHydration(amara);
  await amara.getByText("Worried").click();
  await amara.getByLabel(/What do you want to say/).fill("Someone is waiting for me after school");
  await amara.getByRole("button", { name: "Send", exact: true }).click();
  await amara.waitForURL(/\/help-now\?sent=/);

  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, JO);
  const jo = await office.newPage();
  await jo.goto(`${base}/caseload`);
  const first = jo.locator(".card-list > li").first();
  assert.match(await first.innerText(), /Amara Penhallow/);
  assert.match(await first.innerText(), /needs to talk to someone now \(2\)/i);
  await axeClean(jo, "caseload with an urgent entry", found);
  await first.getByRole("link", { name: /Needs to talk to someone now/ }).click();
  await jo.getByRole("heading", { name: "What Amara thinks" }).waitFor();
  await waitForHydration(jo);
  await axeClean(jo, "entries (worker)", found);
  // The urgent entry opens with its answer box ready.
  // Both urgent entries (the tap, then the words) are answered.
  for (const n of [1, 2]) {
    await jo.getByLabel("Your response to them").first().fill("I called you. Stay in school reception; I am on my way.");
    await jo.getByLabel("What you did (optional)").first().fill("Rang Amara and the school; collected her");
    await jo.getByRole("button", { name: "Send answer" }).first().click();
    await jo.locator(".voice-did", { hasText: "I am on my way" }).nth(n - 1).waitFor();
  }
  await jo.goto(`${base}/caseload`);
  assert.doesNotMatch(await jo.locator(".card-list").innerText(), /needs to talk to someone now/i);

  await amara.goto(`${base}/young-people/${await amaraId(office)}/what-i-think`);
  const entry = amara.locator(".voice-entry").first();
  assert.match(await entry.innerText(), /Someone is waiting for me after school/);
  assert.match(await entry.innerText(), /Jo answered/);
  assert.match(await entry.innerText(), /I am on my way/);
  await axeClean(amara, "what I think, answered (phone)", found);

  assert.deepEqual(found, []);
  await Promise.all([phoneContext.close(), office.close()]);
});

async function amaraId(context) {
  const { cases } = await (await context.request.post(`${env.server.base}/api/caseload`, { form: {} })).json();
  return cases.find((c) => c.name.startsWith("Amara ")).id;
}

test("without JavaScript a young person picks a face and the worker marks it seen", async () => {
  const base = env.server.base;
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, JO);
  const id = await amaraId(office);
  // A new code for Amara's phone with JavaScript off.
  const card = await (await office.request.post(`${base}/api/issue_invitation`, { form: { young_person: id, person: id } })).json();
  const phone = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const redeemed = await phone.request.post(`${base}/api/redeem_invitation`, {
    form: { code: card.invitation.code, pin: PIN, pin_again: PIN },
  });
  assert.ok(redeemed.ok(), await redeemed.text());
  const amara = await phone.newPage();
  await amara.goto(`${base}/young-people/${id}/what-i-think`);
  await amara.getByRole("button", { name: "Send" }).click();
  await amara.waitForURL(/error=entry_empty/);
  await amara.locator(".error-summary", { hasText: "pick a face" }).waitFor();
  await amara.getByText("Happy").click();
  await amara.getByRole("button", { name: "Send" }).click();
  await amara.waitForURL(/saved=1/);
  await amara.locator(".saved-notice", { hasText: "Sent" }).waitFor();
  assert.match(await amara.locator(".voice-entry").first().innerText(), /Happy/);

  const jo = await office.newPage();
  await jo.goto(`${base}/young-people/${id}/what-i-think`);
  await waitForHydration(jo);
  const happy = jo.locator(".voice-entry", { hasText: "Happy" });
  assert.match(await happy.innerText(), /not seen yet/i);
  await happy.getByRole("button", { name: "Mark as seen" }).click();
  await jo.locator(".voice-entry", { hasText: "Seen by Jo" }).waitFor();
  await Promise.all([phone.close(), office.close()]);
});
