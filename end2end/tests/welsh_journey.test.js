// A young person's whole journey in Welsh, on a 320 px phone: she joins, scores this
// week's session, agrees her plan and writes "what I think", and no page on the way has
// English left on it apart from names and words people typed (checked against every
// English message of the catalogue and the shipped programmes and questions). Then
// communication support: her worker turns it on with her, and "I don't understand this"
// reaches his caseload. axe-core on every page.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { LAPTOP, PHONE, PIN, serverAndBrowser, signInStaff, violations } from "./harness.js";

const env = serverAndBrowser();
const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");

/// Every run of English words Waypoint itself could put on a page: the catalogue's English
/// where it differs from its Welsh (cut at placeholders), and the English side of the
/// shipped programmes' and questions' (English, Welsh) pairs.
function englishWords() {
  const en = JSON.parse(read("app/locales/en.json"));
  const cy = JSON.parse(read("app/locales/cy.json"));
  const runs = new Set();
  const add = (text, welsh) => {
    for (const part of text.split(/\{\{[^}]*\}\}/)) {
      const run = part.trim().replace(/^[^A-Za-z]+/, "").replace(/[^A-Za-z]+$/, "");
      if (run.split(/\s+/).length >= 2 && run.length >= 8 && !welsh.includes(run)) runs.add(run);
    }
  };
  for (const [key, text] of Object.entries(en)) if (text !== cy[key]) add(text, cy[key]);
  for (const file of ["server/src/programme_library.rs", "server/src/question_library.rs"]) {
    for (const [, english, welsh] of read(file).matchAll(/\(\s*"([^"]+)",\s*"([^"]+)",?\s*\)/g)) {
      add(english.replace(/\\n/g, " "), welsh);
    }
  }
  return [...runs];
}
const ENGLISH = englishWords();

async function check(page, label, found) {
  assert.equal(await page.getAttribute("html", "lang"), "cy", `${label}: not a Welsh page`);
  const text = await page.locator("body").innerText();
  for (const run of ENGLISH) if (text.includes(run)) found.push(`${label}: English left: "${run}"`);
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (wider > 0) found.push(`${label}: ${wider} px wider than the phone`);
  for (const v of await violations(page)) found.push(`${label}: ${v}`);
}

test("a young person's journey in Welsh leaves no English on any page", async () => {
  assert.ok(ENGLISH.length > 500, "the check knows the English it looks for");
  const base = env.server.base;
  const found = [];
  // Jo gives Amara a plan to agree and a code for her phone.
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, "jo.lindqvist@northmoor.example");
  const api = office.request;
  const cases = await (await api.post(`${base}/api/caseload`, { form: {} })).json();
  const amara = cases.cases.find((c) => c.name.startsWith("Amara ")).id;
  await api.post(`${base}/api/start_plan`, { form: { young_person: amara } });
  const saved = await api.post(`${base}/api/save_target`, {
    form: { young_person: amara, target: "new", "mine[target]": "Stay calm", "mine[i_will]": "walk away", "mine[success]": "fewer fights" },
  });
  assert.ok(saved.ok(), await saved.text());
  const plan = await (await api.post(`${base}/api/plan`, { form: { young_person: amara } })).json();
  assert.ok((await api.post(`${base}/api/plan_ready`, { form: { young_person: amara, hash: plan.plan.hash } })).ok());
  const card = await (await api.post(`${base}/api/issue_invitation`, { form: { young_person: amara, person: amara } })).json();

  // Her phone asks for Welsh; she joins.
  const phone = await env.browser.newContext({ ...PHONE, locale: "cy-GB", bypassCSP: true });
  const page = await phone.newPage();
  await page.goto(`${base}/join`);
  await check(page, "join", found);
  await page.getByLabel("Dy god").fill(card.invitation.code);
  await page.getByRole("button", { name: "Parhau" }).click();
  await page.getByLabel("Dewisa PIN").fill(PIN);
  await page.getByLabel("Teipia dy PIN eto").fill(PIN);
  await page.getByRole("button", { name: "Cadw fy PIN" }).click();
  await page.waitForURL(`${base}/me`);
  await check(page, "home", found);

  // This week's session: its topic and aims in Welsh; she scores it.
  await page.locator("a[href*='/sessions/']").first().click();
  await page.locator("h1", { hasText: "Cyffuriau ac alcohol" }).waitFor();
  await check(page, "score a session", found);
  // With JavaScript a tap saves it.
  await page.getByRole("radio", { name: "6 allan o 10" }).click();
  await page.getByText("Wedi'i gadw. Dewisaist ti 6.").waitFor();
  await check(page, "score saved", found);

  // Her plan (Jo's words are his own), agreed.
  await page.goto(`${base}/young-people/${amara}/plan`);
  await check(page, "plan", found);
  await page.getByRole("button", { name: "Dw i'n cytuno" }).click();
  await page.getByText("Wedi cytuno").first().waitFor();
  await check(page, "plan agreed", found);

  // What she thinks, written in Welsh.
  await page.goto(`${base}/young-people/${amara}/what-i-think`);
  await check(page, "what I think", found);
  await page.getByLabel(/Beth wyt ti eisiau ei ddweud/).fill("Roedd y sesiwn yn dda heddiw.");
  await page.getByRole("button", { name: "Anfon", exact: true }).click();
  await page.getByText("Roedd y sesiwn yn dda heddiw.").first().waitFor();
  await check(page, "what I think, sent", found);

  // Her questionnaire and the words page.
  await page.goto(`${base}/young-people/${amara}/questionnaires/self_assessment`);
  await check(page, "questionnaire", found);
  await page.goto(`${base}/words`);
  await check(page, "words we use", found);
  assert.deepEqual(found, []);
});

test("communication support: set with her worker, bigger pages, and 'I don't understand this' reaches the caseload", async () => {
  const base = env.server.base;
  const found = [];
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, "sam.okafor@northmoor.example");
  const cases = await (await office.request.post(`${base}/api/caseload`, { form: {} })).json();
  const ava = cases.cases.find((c) => c.name.startsWith("Ava ")).id;
  // Sam turns it on with her, on her case page, without JavaScript.
  const plain = await env.browser.newContext({ ...LAPTOP, javaScriptEnabled: false });
  await signInStaff(plain, base, "sam.okafor@northmoor.example");
  const record = await plain.newPage();
  await record.goto(`${base}/young-people/${ava}`);
  await record.locator("#support").getByRole("button", { name: "Turn it on" }).click();
  await record.locator("#support-title", { hasText: "Communication support: On" }).waitFor();

  const card = await (await office.request.post(`${base}/api/issue_invitation`, { form: { young_person: ava, person: ava } })).json();
  const phone = await env.browser.newContext({ ...PHONE, bypassCSP: true });
  const page = await phone.newPage();
  await page.goto(`${base}/join`);
  await page.getByLabel("Your code").fill(card.invitation.code);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Choose a PIN").fill(PIN);
  await page.getByLabel("Type your PIN again").fill(PIN);
  await page.getByRole("button", { name: "Save my PIN" }).click();
  await page.waitForURL(`${base}/me`);
  // Bigger words, and every page offers to read itself.
  const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.equal(size, "19px");
  await page.getByRole("button", { name: "Read this page to me" }).waitFor();
  await page.screenshot({ path: "/tmp/support-home.png", fullPage: true });

  // One question to a screen, faces first, and "I don't understand this" on each.
  await page.goto(`${base}/young-people/${ava}/questionnaires/self_assessment`);
  await page.locator("section.question--screen").first().waitFor();
  assert.ok((await page.locator("section.question--screen").count()) >= 4);
  await page.getByRole("radio", { name: /Really bad|really bad/ }).first().click().catch(() => {});
  await page.locator("#q2-screen").getByRole("button", { name: "I don't understand this" }).click();
  await page.locator("#q2-screen").getByText("Your worker will explain this to you.").waitFor();
  // The page did not reload: anything chosen above is still chosen.
  await page.screenshot({ path: "/tmp/support-questionnaire.png" });
  for (const v of await violations(page)) found.push(`questionnaire: ${v}`);

  // Sam's caseload says so, and his page names the question.
  const caseload = await office.newPage();
  await caseload.goto(`${base}/caseload`);
  await caseload.getByRole("link", { name: "Did not understand: 1" }).click();
  await caseload.getByText("About me: How are things with your friends?").waitFor();
  for (const v of await violations(caseload)) found.push(`worker's page: ${v}`);
  await caseload.getByRole("button", { name: "I have explained this" }).click();
  await caseload.waitForURL(/#not-understood$/);
  assert.equal(await caseload.getByText("About me: How are things with your friends?").count(), 0);
  assert.deepEqual(found, []);
});
