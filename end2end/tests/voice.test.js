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
  // The helplines are on the form itself, before anything is sent.
  assert.match(await amara.locator(".urgent-box").innerText(), /0800 1111/);
  await amara.getByText("Worried").click();
  await amara.getByLabel(/What do you want to say/).fill("Someone is waiting for me after school");
  await amara.getByLabel("I need to talk to someone now").check();
  await amara.getByRole("button", { name: "Send" }).click();
  await amara.waitForURL(/\/help-now\?sent=1$/);
  await amara.getByRole("heading", { name: "Talk to someone now" }).waitFor();
  assert.match(await amara.locator("main").innerText(), /Your worker has been told/);
  await axeClean(amara, "help now", found);

  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, JO);
  const jo = await office.newPage();
  await jo.goto(`${base}/caseload`);
  const first = jo.locator(".card-list > li").first();
  assert.match(await first.innerText(), /Amara Penhallow/);
  assert.match(await first.innerText(), /needs to talk to someone now \(1\)/i);
  await axeClean(jo, "caseload with an urgent entry", found);
  await first.getByRole("link", { name: /Needs to talk to someone now/ }).click();
  await jo.getByRole("heading", { name: "What Amara thinks" }).waitFor();
  await waitForHydration(jo);
  await axeClean(jo, "entries (worker)", found);
  // The urgent entry opens with its answer box ready.
  await jo.getByLabel("Your response to them").fill("I called you. Stay in school reception; I am on my way.");
  await jo.getByLabel("What you did (optional)").fill("Rang Amara and the school; collected her");
  await jo.getByRole("button", { name: "Send answer" }).click();
  await jo.locator(".voice-did", { hasText: "I am on my way" }).waitFor();
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
  const { cases } = await (await context.request.post(`${env.server.base}/api/caseload`)).json();
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
