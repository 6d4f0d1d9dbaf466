// Welsh: a young person switches to Cymraeg on her phone with JavaScript off, joins with her
// code in Welsh, and finds Welsh again on her next visit; a worker's case page in Welsh.
// axe-core on every page on the way.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LAPTOP, PHONE, PIN, serverAndBrowser, signInStaff, violations } from "./harness.js";

const env = serverAndBrowser();

async function axeClean(page, label, found) {
  for (const v of await violations(page)) found.push(`${label}: ${v}`);
}

test("a young person chooses Cymraeg without JavaScript and it is remembered", async () => {
  const base = env.server.base;
  const found = [];
  const phone = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false, locale: "en-GB" });
  const amara = await phone.newPage();
  await amara.goto(`${base}/join`);
  assert.equal(await amara.getAttribute("html", "lang"), "en");
  await amara.getByRole("button", { name: /Cymraeg/ }).click();
  await amara.waitForURL(`${base}/join`);
  assert.equal(await amara.getAttribute("html", "lang"), "cy");
  await amara.locator("h1", { hasText: "Mewngofnodi gyda dy god" }).waitFor();
  // No sideways scrolling at 320 px with the longer Welsh words in the header.
  const wider = await amara.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(wider, 0, "the page is wider than the phone");

  await amara.getByLabel("Dy god").fill("AMARA-PENHA");
  await amara.getByRole("button", { name: "Parhau" }).click();
  await amara.getByLabel("Dewisa PIN").fill(PIN);
  await amara.getByLabel("Teipia dy PIN eto").fill(PIN);
  await amara.getByRole("button", { name: "Cadw fy PIN" }).click();
  await amara.waitForURL(`${base}/me`);
  await amara.locator("h1", { hasText: "Helo Amara" }).waitFor();
  await amara.getByText("Dw i angen siarad â rhywun nawr").first().waitFor();

  // Next visit, a new browser on the same phone would not have the cookie; her record
  // does: sign in again on another phone with an English browser and a new code.
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, "jo.lindqvist@northmoor.example");
  const cases = await (await office.request.post(`${base}/api/caseload`, { form: {} })).json();
  const person = cases.cases.find((c) => c.name.startsWith("Amara "));
  const card = await (await office.request.post(`${base}/api/issue_invitation`, { form: { young_person: person.id, person: person.id } })).json();
  // JavaScript on here, for axe-core.
  const second = await env.browser.newContext({ ...PHONE, locale: "en-GB", bypassCSP: true });
  const again = await second.newPage();
  await again.goto(`${base}/join`);
  assert.equal(await again.getAttribute("html", "lang"), "en", "signed out, the browser decides");
  await again.getByRole("button", { name: /Cymraeg/ }).click();
  await again.locator("h1", { hasText: "Mewngofnodi gyda dy god" }).waitFor();
  await axeClean(again, "join, in Welsh", found);
  await again.getByRole("button", { name: /English/ }).click();
  await again.locator("h1", { hasText: "Sign in with your code" }).waitFor();
  await again.getByLabel("Your code").fill(card.invitation.code);
  await again.getByRole("button", { name: "Continue" }).click();
  await again.getByLabel("Your PIN").fill(PIN);
  await again.getByRole("button", { name: "Add this phone" }).click();
  await again.waitForURL(`${base}/me`);
  assert.equal(await again.getAttribute("html", "lang"), "cy", "signed in, her choice decides");
  await again.locator("h1", { hasText: "Helo Amara" }).waitFor();
  await axeClean(again, "home, in Welsh", found);

  // The worker's view of her, in Welsh, says which language her pages are in.
  const worker = await office.newPage();
  await worker.goto(`${base}/young-people/${person.id}`);
  await worker.getByRole("button", { name: /Cymraeg/ }).click();
  await worker.getByText("Iaith eu tudalennau: Cymraeg").first().waitFor();
  await axeClean(worker, "case record, in Welsh", found);
  assert.deepEqual(found, []);
});
