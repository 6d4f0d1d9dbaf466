// Signing in, end to end: a worker issues invitations, a young person redeems hers on a
// phone and comes back with her PIN, a parent redeems theirs and cannot reach her pages,
// sign-out and quick exit. axe-core on every page on the way.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LAPTOP, PHONE, PIN, STAFF_PASSWORD, serverAndBrowser, violations } from "./harness.js";

const env = serverAndBrowser();

async function axeClean(page, label, found) {
  for (const v of await violations(page)) found.push(`${label}: ${v}`);
}

test("a worker invites a young person and her father; each signs in on their own phone", async () => {
  const base = env.server.base;
  const found = [];

  // The worker, on a laptop, without touching the API directly.
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  const worker = await office.newPage();
  await worker.goto(`${base}/sign-in`);
  await axeClean(worker, "staff sign-in", found);
  await worker.getByLabel("Work email address").fill("jo.lindqvist@northmoor.example");
  await worker.getByLabel("Password").fill("wrong password");
  await worker.getByRole("button", { name: "Sign in" }).click();
  await worker.locator(".error-summary", { hasText: "email address or password is not right" }).waitFor();
  await worker.getByLabel("Password").fill(STAFF_PASSWORD);
  await worker.getByRole("button", { name: "Sign in" }).click();
  await worker.waitForURL(/\/caseload$/);
  await worker.getByRole("heading", { name: "Caseload", level: 1 }).waitFor();
  await axeClean(worker, "caseload", found);
  await worker.getByRole("link", { name: "Amara Penhallow" }).click();
  await worker.waitForURL(/\/young-people\/[0-9a-f-]+$/);
  await worker.locator("h1", { hasText: "Amara Penhallow" }).waitFor();
  await axeClean(worker, "case record", found);

  await worker.getByRole("button", { name: /sign-in code Amara Penhallow/ }).click();
  const youngPersonCode = (await worker.locator(".panel .code").innerText()).trim();
  assert.match(youngPersonCode, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  await worker.locator(".panel .qr svg").waitFor();
  await axeClean(worker, "case record with a new code", found);
  await worker.getByRole("button", { name: /sign-in code Colm Penhallow/ }).click();
  await worker.locator(".panel .code", { hasNotText: youngPersonCode }).waitFor();
  const carerCode = (await worker.locator(".panel .code").innerText()).trim();

  // Amara, on her phone.
  const phone = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  await phone.route("https://www.bbc.co.uk/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<title>Weather</title><h1>Weather</h1>" }),
  );
  const amara = await phone.newPage();
  await amara.goto(`${base}/`);
  await axeClean(amara, "start page", found);
  await amara.getByRole("link", { name: "I have a code from my worker" }).click();
  await amara.getByLabel("Your code").fill(youngPersonCode.toLowerCase().replace("-", " "));
  await amara.getByRole("button", { name: "Continue" }).click();
  // The code names nobody until it is used.
  await amara.locator("h1", { hasText: "Your code works" }).waitFor();
  assert.doesNotMatch(await amara.locator("main").innerText(), /Amara/);
  await axeClean(amara, "choose a PIN", found);
  await amara.getByLabel("Choose a PIN").fill("123456");
  await amara.getByLabel("Type your PIN again").fill("123456");
  await amara.getByRole("button", { name: "Save my PIN" }).click();
  await amara.locator(".error-summary", { hasText: "too easy to guess" }).waitFor();
  await amara.getByLabel("Choose a PIN").fill(PIN);
  await amara.getByLabel("Type your PIN again").fill(PIN);
  await amara.getByRole("button", { name: "Save my PIN" }).click();
  await amara.waitForURL(/\/me$/);
  await amara.locator("h1", { hasText: "Hi Amara" }).waitFor();
  await axeClean(amara, "young person's home", found);

  // Quick exit leaves for a neutral site and ends the session; the PIN brings her back.
  await amara.getByRole("link", { name: "Quick exit" }).click();
  await amara.waitForURL("https://www.bbc.co.uk/weather");
  // Back does not bring her page back: the exit replaced it in the history, and any
  // Waypoint page reached by Back asks the server again, which no longer knows her session.
  await amara.goBack();
  await amara.waitForLoadState();
  const after = await amara.locator("body").innerText();
  assert.doesNotMatch(after, /Hi Amara|What I think|My plan/, `after Back: ${amara.url()}`);
  await amara.goto(`${base}/`);
  await amara.getByRole("link", { name: "Enter my PIN" }).click();
  await amara.waitForURL(/\/unlock$/);
  await axeClean(amara, "unlock", found);
  await amara.getByLabel("Your PIN").fill(PIN);
  await amara.getByRole("button", { name: "Open Waypoint" }).click();
  await amara.waitForURL(/\/me$/);
  const scorePage = await amara.getByRole("link", { name: /^Session \d: / }).first().getAttribute("href");

  // Her father, on his phone: his own page, never hers.
  const dadsPhone = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  const colm = await dadsPhone.newPage();
  await colm.goto(`${base}/join?code=${encodeURIComponent(carerCode)}`);
  await colm.getByLabel("Choose a PIN").fill("583920");
  await colm.getByLabel("Type your PIN again").fill("583920");
  await colm.getByRole("button", { name: "Save my PIN" }).click();
  await colm.waitForURL(/\/family$/);
  assert.match(await colm.locator(".card").innerText(), /Amara/);
  await axeClean(colm, "family home", found);
  const denied = await colm.goto(`${base}${scorePage}`);
  assert.equal(denied.status(), 404);
  assert.match(await colm.locator("h1").innerText(), /Page not found/);

  // Signing out forgets the phone.
  await colm.goto(`${base}/family`);
  await colm.getByRole("button", { name: "Sign out" }).click();
  await colm.waitForURL(/\/signed-out$/);
  await axeClean(colm, "signed out", found);
  await colm.goto(`${base}/`);
  await colm.getByRole("link", { name: "I have a code from my worker" }).waitFor();

  // A code for Amara, who has a PIN, adds a phone only with her PIN, and her first phone
  // hears about it.
  await worker.reload();
  await worker.getByRole("button", { name: /code for another phone Amara Penhallow/ }).click();
  await worker.locator(".panel .code", { hasNotText: carerCode }).waitFor();
  const secondCode = (await worker.locator(".panel .code").innerText()).trim();
  const newPhone = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  const second = await newPhone.newPage();
  await second.goto(`${base}/join?code=${encodeURIComponent(secondCode)}`);
  await second.locator("h1", { hasText: "Add this phone" }).waitFor();
  await axeClean(second, "add a phone", found);
  await second.getByLabel("Your PIN").fill("583920");
  await second.getByRole("button", { name: "Add this phone" }).click();
  await second.locator(".error-summary", { hasText: "That PIN is not right" }).waitFor();
  await second.getByLabel("Your PIN").fill(PIN);
  await second.getByRole("button", { name: "Add this phone" }).click();
  await second.waitForURL(/\/me$/);
  await amara.goto(`${base}/me`);
  await amara.locator(".notice", { hasText: "A new phone was added" }).waitFor();
  await axeClean(amara, "home with a new phone", found);

  assert.deepEqual(found, []);
  await Promise.all([office.close(), phone.close(), dadsPhone.close(), newPhone.close()]);
});
