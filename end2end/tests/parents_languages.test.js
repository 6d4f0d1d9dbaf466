// Parents' and carers' pages in Polish, Romanian and Urdu (issue 18). An aunt whose phone
// asks for Urdu joins, writes her part of her nephew's plan, agrees it and gives feedback,
// all right to left on a 320 px phone with no English left on any page and axe clean; a
// father chooses Polski with JavaScript off, does the same, and finds Polish again on his
// next phone; a Romanian phone's sign-in page. A page these languages do not cover is
// shown whole in English and says so in the parent's language.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { LAPTOP, PHONE, PIN, serverAndBrowser, signInStaff, violations, waitForHydration } from "./harness.js";

const env = serverAndBrowser();
const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const JO = "jo.lindqvist@northmoor.example";
const SAM = "sam.okafor@northmoor.example";

/// Every run of English words Waypoint itself could put on a page in `tag`: the English
/// catalogue's messages (cut at placeholders) that the language's catalogue does not share,
/// and the English of the shipped programmes and questions.
function englishWords(tag) {
  const en = JSON.parse(read("app/locales/en.json"));
  const theirs = Object.values(JSON.parse(read(`app/locales/${tag}.json`))).join("\n");
  const runs = new Set();
  const add = (text) => {
    for (const part of text.split(/\{\{[^}]*\}\}/)) {
      const run = part.trim().replace(/^[^A-Za-z]+/, "").replace(/[^A-Za-z]+$/, "");
      if (run.split(/\s+/).length >= 2 && run.length >= 8 && !theirs.includes(run)) runs.add(run);
    }
  };
  for (const text of Object.values(en)) add(text);
  for (const file of ["server/src/programme_library.rs", "server/src/question_library.rs"]) {
    for (const [, english] of read(file).matchAll(/\(\s*"([^"]+)",\s*"([^"]+)",?\s*\)/g)) add(english.replace(/\\n/g, " "));
  }
  return [...runs];
}

/// A page in `tag`, whole: its language and direction, no English of Waypoint's own on it,
/// nothing wider than the phone, and (with JavaScript) axe clean.
async function check(page, tag, label, found, { axe = true } = {}) {
  const english = CHECKS[tag];
  const lang = await page.getAttribute("html", "lang");
  if (lang !== tag) found.push(`${label}: lang="${lang}", not ${tag}`);
  const dir = await page.getAttribute("html", "dir");
  if (dir !== (tag === "ur" ? "rtl" : "ltr")) found.push(`${label}: dir="${dir}"`);
  const text = await page.locator("body").innerText();
  for (const run of english) if (text.includes(run)) found.push(`${label}: English left: "${run}"`);
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (wider > 0) found.push(`${label}: ${wider} px wider than the phone`);
  if (axe) for (const v of await violations(page)) found.push(`${label}: ${v}`);
}
const CHECKS = { pl: englishWords("pl"), ro: englishWords("ro"), ur: englishWords("ur") };

/// The worker starts a plan with one target and a code for the young person's carer.
async function planAndCarerCode(office, base, youngPerson) {
  const api = office.request;
  const { cases } = await (await api.post(`${base}/api/caseload`, { form: {} })).json();
  const id = cases.find((c) => c.name.startsWith(`${youngPerson} `)).id;
  await api.post(`${base}/api/start_plan`, { form: { young_person: id } });
  const saved = await api.post(`${base}/api/save_target`, {
    form: { young_person: id, target: "new", "mine[target]": "Stay calm", "mine[i_will]": "walk away", "mine[success]": "fewer fights" },
  });
  assert.ok(saved.ok(), await saved.text());
  const record = await (await api.post(`${base}/api/case_record`, { form: { young_person: id } })).json();
  const carer = record.record.carers[0];
  const card = await (await api.post(`${base}/api/issue_invitation`, { form: { young_person: id, person: carer.id } })).json();
  return { id, carer, code: card.invitation.code };
}

async function markReady(office, base, id) {
  const plan = await (await office.request.post(`${base}/api/plan`, { form: { young_person: id } })).json();
  const ready = await office.request.post(`${base}/api/plan_ready`, { form: { young_person: id, hash: plan.plan.hash } });
  assert.ok(ready.ok(), await ready.text());
}

test("an aunt does the plan and feedback in Urdu, right to left, with no English left", async () => {
  assert.ok(CHECKS.ur.length > 500, "the check knows the English it looks for");
  const base = env.server.base;
  const found = [];
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, SAM);
  const { id, code } = await planAndCarerCode(office, base, "Noah");

  // Her phone asks for Urdu: the pages before sign-in are in it.
  const phone = await env.browser.newContext({ ...PHONE, locale: "ur-PK", bypassCSP: true });
  const page = await phone.newPage();
  await page.goto(`${base}/`);
  await check(page, "ur", "start page", found);
  await page.goto(`${base}/join`);
  await check(page, "ur", "join", found);
  await page.getByLabel("آپ کا کوڈ").fill(code);
  await page.getByRole("button", { name: "آگے بڑھیں" }).click();
  await page.getByLabel("ایک PIN چنیں").fill(PIN);
  await page.getByLabel("اپنا PIN دوبارہ لکھیں").fill(PIN);
  await check(page, "ur", "choose a PIN", found);
  await page.getByRole("button", { name: "میرا PIN محفوظ کریں" }).click();
  await page.waitForURL(`${base}/family`);
  await check(page, "ur", "family home", found);
  await page.screenshot({ path: "/tmp/urdu-family.png", fullPage: true });

  // She writes her part of the target.
  await page.getByRole("link", { name: "Noah کا منصوبہ پڑھیں" }).click();
  await page.waitForURL(`${base}/young-people/${id}/plan`);
  await waitForHydration(page);
  await check(page, "ur", "plan, being written", found);
  await page.getByRole("link", { name: /بدلیں/ }).click();
  await page.waitForURL(/\/plan\/targets\/t1$/);
  await waitForHydration(page);
  await check(page, "ur", "her part of a target", found);
  await page.getByLabel("والدین/نگہداشت کرنے والے…").fill("ہر شام اس سے بات کروں گی");
  await page.getByRole("button", { name: "محفوظ کریں" }).click();
  await page.waitForURL(/\/plan\?saved=t1#target-t1$/);
  await page.getByText("ہر شام اس سے بات کروں گی").first().waitFor();
  await check(page, "ur", "plan, her part saved", found);

  // Sam marks it ready; she agrees.
  await markReady(office, base, id);
  await page.goto(`${base}/young-people/${id}/plan`);
  await waitForHydration(page);
  await check(page, "ur", "plan, ready to agree", found);
  await page.screenshot({ path: "/tmp/urdu-plan.png", fullPage: true });
  await page.getByRole("button", { name: "میں متفق ہوں" }).click();
  await page.locator(".saved-notice", { hasText: "آپ" }).waitFor();
  await check(page, "ur", "plan, agreed", found);

  // Feedback: the carers' questions are in Urdu too.
  await page.goto(`${base}/family`);
  await page.getByRole("link", { name: /کے ساتھ ہمارے کام کے بارے میں آپ کیا سوچتے ہیں/ }).click();
  await check(page, "ur", "feedback", found);
  await page.getByRole("link", { name: "رائے دیں" }).click();
  await page.getByRole("heading", { name: "آپ کے خاندان کے ساتھ ہمارے کام کے بارے میں آپ کیا سوچتے ہیں؟" }).waitFor();
  await waitForHydration(page);
  await check(page, "ur", "feedback questions", found);
  for (const [key, score] of [["q1", 8], ["q2", 7], ["q3", 9]]) {
    await page.locator(`#${key}-fieldset`).getByRole("radio", { name: `10 میں سے ${score}` }).check();
  }
  await page.locator("textarea#q4-fieldset").fill("گھر میں جھگڑے کم ہو گئے ہیں");
  await page.getByRole("button", { name: "میرے جوابات بھیجیں" }).click();
  await page.locator(".saved-notice", { hasText: "شکریہ" }).waitFor();
  await check(page, "ur", "feedback sent", found);

  // Help, and a page only young people use: shown in English, saying so in Urdu.
  await page.goto(`${base}/help-now`);
  await check(page, "ur", "help", found);
  await page.goto(`${base}/words`);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  const note = page.locator(".language-note");
  assert.equal(await note.getAttribute("lang"), "ur");
  assert.equal(await note.getAttribute("dir"), "rtl");
  assert.match(await note.innerText(), /انگریزی/);
  for (const v of await violations(page)) found.push(`words, in English: ${v}`);
  assert.deepEqual(found, []);
});

test("a father chooses Polski without JavaScript, does the plan and feedback, and it is remembered", async () => {
  const base = env.server.base;
  const found = [];
  const office = await env.browser.newContext({ ...LAPTOP, bypassCSP: true });
  await signInStaff(office, base, JO);
  const { id, carer, code } = await planAndCarerCode(office, base, "Jayden");
  await markReady(office, base, id);

  const phone = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false, locale: "en-GB" });
  const page = await phone.newPage();
  await page.goto(`${base}/join`);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.getByRole("button", { name: "Polski" }).click();
  await page.waitForURL(`${base}/join`);
  await page.locator("h1", { hasText: "Zaloguj się kodem" }).waitFor();
  await check(page, "pl", "join", found, { axe: false });
  await page.getByLabel("Twój kod").fill(code);
  await page.getByRole("button", { name: "Dalej" }).click();
  await page.getByLabel("Wybierz PIN").fill(PIN);
  await page.getByLabel("Wpisz PIN jeszcze raz").fill(PIN);
  await page.getByRole("button", { name: "Zapisz mój PIN" }).click();
  await page.waitForURL(`${base}/family`);
  await check(page, "pl", "family home", found, { axe: false });

  await page.getByRole("link", { name: "Przeczytaj plan: Jayden" }).click();
  await check(page, "pl", "plan, ready to agree", found, { axe: false });
  await page.getByRole("button", { name: "Zgadzam się" }).click();
  await page.locator(".saved-notice", { hasText: "Zgodziłeś/zgodziłaś się na ten plan" }).waitFor();
  await check(page, "pl", "plan, agreed", found, { axe: false });
  await page.goto(`${base}/young-people/${id}/plan/print`);
  await check(page, "pl", "plan to print", found, { axe: false });

  await page.goto(`${base}/young-people/${id}/feedback`);
  await page.getByRole("link", { name: "Przekaż opinię" }).click();
  await page.getByRole("heading", { name: "Co myślisz o naszej pracy z twoją rodziną?" }).waitFor();
  await check(page, "pl", "feedback questions", found, { axe: false });
  // The scales are required: the browser itself asks for any left out (in the phone's own
  // language), before anything is sent.
  await page.locator("#q1-fieldset").getByRole("radio", { name: "8 na 10" }).check();
  for (const key of ["q2", "q3"]) await page.locator(`#${key}-fieldset`).getByRole("radio", { name: "7 na 10" }).check();
  await page.locator("textarea#q4-fieldset").fill("Mniej kłótni w domu");
  await page.getByRole("button", { name: "Wyślij moje odpowiedzi" }).click();
  await page.locator(".saved-notice", { hasText: "Dziękujemy" }).waitFor();
  await check(page, "pl", "feedback sent", found, { axe: false });

  // A staff page: in English, saying so in Polish, and offering English to make the note go.
  await page.goto(`${base}/sign-in`);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.locator(".language-note").innerText(), /nie jest jeszcze po polsku/);
  assert.equal(await page.getByRole("button", { name: "Polski" }).count(), 0, "Polish is not offered where the page is not in it");

  // A new phone with an English browser: signed in, his choice decides.
  const card = await (await office.request.post(`${base}/api/issue_invitation`, { form: { young_person: id, person: carer.id } })).json();
  const second = await env.browser.newContext({ ...PHONE, locale: "en-GB", bypassCSP: true });
  const again = await second.newPage();
  await again.goto(`${base}/join`);
  assert.equal(await again.getAttribute("html", "lang"), "en", "signed out, the browser decides");
  await again.getByLabel("Your code").fill(card.invitation.code);
  await again.getByRole("button", { name: "Continue" }).click();
  await again.getByLabel("Your PIN").fill(PIN);
  await again.getByRole("button", { name: "Add this phone" }).click();
  await again.waitForURL(`${base}/family`);
  await check(again, "pl", "family home on a new phone", found);

  // His worker sees his language on the case record.
  const record = await office.newPage();
  await record.goto(`${base}/young-people/${id}`);
  await record.getByText("Language of their pages: Polski").first().waitFor();
  for (const v of await violations(record)) found.push(`case record: ${v}`);
  assert.deepEqual(found, []);
});

test("a Romanian phone's sign-in pages are in Romanian", async () => {
  const base = env.server.base;
  const found = [];
  const phone = await env.browser.newContext({ ...PHONE, locale: "ro-RO", bypassCSP: true });
  const page = await phone.newPage();
  for (const path of ["/", "/join", "/unlock", "/help-now"]) {
    await page.goto(`${base}${path}`);
    await check(page, "ro", path, found);
  }
  await page.locator("h1").first().waitFor();
  assert.equal(await page.getByRole("button", { name: "English" }).count(), 1);
  assert.deepEqual(found, []);
});
