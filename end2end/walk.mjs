// Walks through the pages an issue changed, as a young person on a 320 px phone and staff
// on a laptop, with screenshots to look at (target/walk/). Not a test: run by hand with
// WAYPOINT_BIN and WAYPOINT_SITE_ROOT set, as the tests are; `--no-js` for JavaScript off;
// `--islands` for issue 16's journeys (the islands), else issue 15's (signing in).
import { startServer, launchBrowser, PHONE, LAPTOP, PIN, signInStaff } from "./tests/harness.js";

const shots = process.env.WALK_DIR ?? "../target/walk";
const server = await startServer();
const browser = await launchBrowser();
const base = server.base;
const js = process.argv.includes("--no-js") ? false : true;
const tag = js ? "js" : "nojs";

// Links and buttons a thumb must hit: any under 44 px tall that stand alone (not a word
// inside a sentence) are listed.
const small = async (page, label) => {
  const found = await page.evaluate(() =>
    [...document.querySelectorAll("main a, main button, main summary, header a")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const parent = el.parentElement;
        const text = [...parent.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).length;
        return text === 0 && el.getBoundingClientRect().height < 44;
      })
      .map((el) => `${el.textContent.trim().slice(0, 40)} (${Math.round(el.getBoundingClientRect().height)} px)`),
  );
  if (found.length) console.log(`${label}: small targets: ${found.join("; ")}`);
  // Anything wider than the screen means sideways scrolling on a phone.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (wide > 0) console.log(`${label}: ${wide} px wider than the screen`);
};
const shot = async (page, name) => {
  await small(page, name);
  await page.screenshot({ path: `${shots}/${tag}-${name}.png`, fullPage: true });
};

// Issue 16: the parts that are islands (the score page's tap-to-save, read aloud, the
// worker's live group view) and the pages that have none.
async function islands() {
  const phone = await browser.newContext({ ...PHONE, javaScriptEnabled: js });
  await phone.request.post(`${base}/api/redeem_invitation`, { form: { code: "AMARA-PENHA", pin: PIN, pin_again: PIN } });
  const home = await (await phone.request.post(`${base}/api/young_person_home`, { form: {} })).json();
  const amara = await phone.newPage();
  const errors = [];
  amara.on("pageerror", (e) => errors.push(e.message));
  amara.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const live = () => js && amara.waitForSelector("body[data-hydrated=true]");
  for (const [name, path] of [["home", "/me"], ["plan", `/young-people/${home.young_person}/plan`], ["what-i-think", `/young-people/${home.young_person}/what-i-think`]]) {
    await amara.goto(`${base}${path}`);
    await live();
    await shot(amara, `phone-${name}`);
  }

  const office = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(office, base, "jo.lindqvist@northmoor.example");
  const jo = await office.newPage();
  const cohort = home.programmes[0].cohort;
  await jo.goto(`${base}/cohorts/${cohort}/sessions/5`);
  await shot(jo, "laptop-group-session-before");

  const score = `${base}/young-people/${home.young_person}/cohorts/${cohort}/sessions/5/score`;
  await amara.goto(score);
  await live();
  await shot(amara, "phone-score-start");
  // A double press on one number, then another number straight after.
  const seven = amara.getByRole("radio", { name: "7 out of 10" });
  if (js) {
    await seven.tap();
    // The second press lands while the first is on its way, or finds the scale gone.
    await seven.tap({ timeout: 500 }).catch(() => console.log("second press: the scale had already moved on"));
    await amara.locator(".score-waiting").waitFor();
  } else {
    await seven.tap();
    await amara.getByRole("button", { name: "Save my score" }).click();
    await amara.waitForURL(/saved=start/);
  }
  await shot(amara, "phone-score-saved-start");
  if (js) {
    // The worker's view changed without a click.
    await jo.locator(".live-counts", { hasText: "Start scores:" }).waitFor();
  } else {
    await jo.reload();
  }
  await shot(jo, "laptop-group-session-after");

  await amara.getByRole("link", { name: /The session has ended/ }).click();
  await amara.waitForURL(/stage=end/);
  await live();
  await shot(amara, "phone-score-end");
  await amara.getByRole("radio", { name: "9 out of 10" }).tap();
  if (!js) await amara.getByRole("button", { name: "Save my score" }).click();
  await amara.locator(".score-done").waitFor();
  await shot(amara, "phone-score-done");
  // The end score changed: straight after, a different number.
  await amara.getByRole("link", { name: /Change my end score/i }).click();
  await live();
  await amara.getByRole("radio", { name: "8 out of 10" }).tap();
  if (!js) await amara.getByRole("button", { name: "Save my score" }).click();
  await amara.locator(".score-done", { hasText: "8" }).waitFor();
  await shot(amara, "phone-score-changed");
  await shot(await office.newPage().then(async (p) => { await p.goto(`${base}/caseload`); return p; }), "laptop-caseload");
  if (errors.length) console.log(`browser errors: ${errors.join("; ")}`);
  console.log("walk done");
}

// Issue 18: Welsh pages for a young person and her worker, a question nobody has worded in
// Welsh yet, and communication support.
async function languages() {
  const office = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(office, base, "jo.lindqvist@northmoor.example");
  const api = office.request;
  const { cases } = await (await api.post(`${base}/api/caseload`, { form: {} })).json();
  const amara = cases.find((c) => c.name.startsWith("Amara ")).id;
  await api.post(`${base}/api/start_plan`, { form: { young_person: amara } });
  await api.post(`${base}/api/save_target`, {
    form: { young_person: amara, target: "new", "mine[target]": "Finish my referral order", "mine[i_will]": "go to every panel meeting", "mine[success]": "the panel signs it off" },
  });
  await api.post(`${base}/api/set_communication_support`, { form: { young_person: amara, on: "yes" } });
  const card = await (await api.post(`${base}/api/issue_invitation`, { form: { young_person: amara, person: amara } })).json();
  const manager = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(manager, base, "helen.ravensworth@northmoor.example");
  const builder = await manager.newPage();
  await builder.goto(`${base}/question-sets/self_assessment`);
  await shot(builder, "laptop-builder-welsh");

  const phone = await browser.newContext({ ...PHONE, javaScriptEnabled: js, locale: "cy-GB" });
  const page = await phone.newPage();
  await page.goto(`${base}/join`);
  await page.getByLabel("Dy god").fill(card.invitation.code);
  await page.getByRole("button", { name: "Parhau" }).click();
  await page.getByLabel("Dewisa PIN").fill(PIN);
  await page.getByLabel("Teipia dy PIN eto").fill(PIN);
  await page.getByRole("button", { name: "Cadw fy PIN" }).click();
  await page.waitForURL(`${base}/me`);
  await shot(page, "phone-home-welsh-support");
  await page.goto(`${base}/young-people/${amara}/plan`);
  await shot(page, "phone-plan-welsh-support");
  await page.goto(`${base}/young-people/${amara}/questionnaires/self_assessment`);
  await shot(page, "phone-questionnaire-welsh-support");
  await page.goto(`${base}/words`);
  await shot(page, "phone-words-welsh");
  const worker = await office.newPage();
  await worker.goto(`${base}/young-people/${amara}`);
  await shot(worker, "laptop-case-support");
  await worker.goto(`${base}/young-people/${amara}/timeline`);
  await shot(worker, "laptop-timeline");
  console.log("walk done");
}

// Issue 18, parents' languages: a Polish father and a Romanian mother on phones (the plan,
// their part, feedback, a page their language does not cover), and the worker's and
// manager's pages where those languages appear (the case record, the carers' builder).
async function parents() {
  const office = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(office, base, "jo.lindqvist@northmoor.example");
  const api = office.request;
  const { cases } = await (await api.post(`${base}/api/caseload`, { form: {} })).json();
  const family = async (name, tag) => {
    const id = cases.find((c) => c.name.startsWith(`${name} `)).id;
    await api.post(`${base}/api/start_plan`, { form: { young_person: id } });
    await api.post(`${base}/api/save_target`, {
      form: { young_person: id, target: "new", "mine[target]": "Go to school every day", "mine[i_will]": "set an alarm", "mine[success]": "my attendance goes up" },
    });
    const record = await (await api.post(`${base}/api/case_record`, { form: { young_person: id } })).json();
    const carer = record.record.carers[0].id;
    const card = await (await api.post(`${base}/api/issue_invitation`, { form: { young_person: id, person: carer } })).json();
    const phone = await browser.newContext({ ...PHONE, javaScriptEnabled: js, locale: tag });
    await phone.request.post(`${base}/api/redeem_invitation`, { form: { code: card.invitation.code, pin: PIN, pin_again: PIN } });
    return { id, page: await phone.newPage() };
  };
  const polish = await family("Jayden", "pl-PL");
  const romanian = await family("Isla", "ro-RO");
  for (const [who, { id, page }] of [["pl", polish], ["ro", romanian]]) {
    for (const [name, path] of [
      ["family", "/family"],
      ["plan", `/young-people/${id}/plan`],
      ["target", `/young-people/${id}/plan/targets/t1`],
      ["feedback", `/young-people/${id}/questionnaires/carer_feedback`],
      ["help", "/help-now"],
      ["not-covered", "/words"],
    ]) {
      await page.goto(`${base}${path}`);
      await shot(page, `phone-${who}-${name}`);
    }
  }
  const worker = await office.newPage();
  await worker.goto(`${base}/young-people/${polish.id}`);
  await worker.locator("details", { hasText: "Language and interpreter" }).first().evaluate((d) => { d.open = true; });
  await shot(worker, "laptop-case-parent-language");
  const manager = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(manager, base, "helen.ravensworth@northmoor.example");
  const builder = await manager.newPage();
  await builder.goto(`${base}/question-sets/carer_feedback`);
  await shot(builder, "laptop-builder-carers");
  console.log("walk done");
}

try {
  if (process.argv.includes("--parents")) {
    await parents();
  } else if (process.argv.includes("--islands")) {
    await islands();
  } else if (process.argv.includes("--languages")) {
    await languages();
  } else {
    await identity();
  }
} finally {
  await browser.close();
  server.stop?.();
  server.proc?.kill?.();
}

// Issue 15: signing in, adding a phone, resetting a PIN, the audit trail.
async function identity() {
  // Amara signs up on her own phone.
  const phone = await browser.newContext({ ...PHONE, javaScriptEnabled: js });
  await phone.request.post(`${base}/api/redeem_invitation`, { form: { code: "AMARA-PENHA", pin: PIN, pin_again: PIN } });
  const amara = await phone.newPage();
  const id = (await (await phone.request.post(`${base}/api/young_person_home`, { form: {} })).json()).young_person;

  // Jo makes a code for another phone.
  const office = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(office, base, "jo.lindqvist@northmoor.example");
  const jo = await office.newPage();
  await jo.goto(`${base}/young-people/${id}`);
  await jo.getByRole("button", { name: /code for another phone Amara/ }).click();
  await jo.locator(".panel .code").waitFor();
  const code = (await jo.locator(".panel .code").innerText()).trim();
  await jo.locator("#sign-in").scrollIntoViewIfNeeded();
  await shot(jo, "laptop-case-code-for-another-phone");

  // Someone else with that code is asked for Amara's PIN; Amara herself adds the phone.
  const other = await browser.newContext({ ...PHONE, javaScriptEnabled: js });
  const second = await other.newPage();
  await second.goto(`${base}/join`);
  await second.getByLabel("Your code").fill(code);
  await second.getByRole("button", { name: "Continue" }).click();
  await second.locator("h1", { hasText: "Add this phone" }).waitFor();
  await shot(second, "phone-join-add-this-phone");
  await second.getByLabel("Your PIN").fill("583016");
  await second.getByRole("button", { name: "Add this phone" }).click();
  await second.locator(".error-summary").waitFor();
  await shot(second, "phone-join-wrong-pin");
  await second.getByLabel("Your PIN").fill(PIN);
  await second.getByRole("button", { name: "Add this phone" }).click();
  await second.waitForURL(/\/me$/);
  await amara.goto(`${base}/me`);
  await shot(amara, "phone-home-new-phone");

  // A mistyped code, and a QR link whose code is out of date.
  const third = await (await browser.newContext({ ...PHONE, javaScriptEnabled: js })).newPage();
  await third.goto(`${base}/join`);
  await third.getByLabel("Your code").fill("ABCDE-FGHJK");
  await third.getByRole("button", { name: "Continue" }).click();
  await third.locator(".error-summary").waitFor();
  await shot(third, "phone-join-bad-code");
  await third.goto(`${base}/join?code=${encodeURIComponent(code)}`);
  await third.locator(".error-summary").waitFor();
  await shot(third, "phone-join-used-qr-link");

  // Jo resets a forgotten PIN.
  await jo.goto(`${base}/young-people/${id}`);
  const card = jo.locator(".card", { hasText: "Amara Penhallow" });
  await card.locator("summary", { hasText: "Forgotten their PIN?" }).click();
  await shot(jo, "laptop-case-reset-open");
  await card.getByRole("button", { name: /Reset PIN/ }).click();
  await jo.locator(".card", { hasText: "Amara Penhallow" }).getByText("has not signed in yet").waitFor();
  await shot(jo, "laptop-case-after-reset");

  // Her manager reads the trail, filters it and pages through it.
  const helenContext = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(helenContext, base, "helen.ravensworth@northmoor.example");
  // Her father trying her case record 60 times: refusals, each on her trail.
  const dad = await browser.newContext({ ...PHONE, javaScriptEnabled: js });
  await dad.request.post(`${base}/api/redeem_invitation`, { form: { code: "CARER-PENHA", pin: PIN, pin_again: PIN } });
  for (let i = 0; i < 60; i++) await dad.request.post(`${base}/api/case_record`, { form: { young_person: id } });
  const helen = await helenContext.newPage();
  await helen.goto(`${base}/young-people/${id}/audit`);
  await shot(helen, "laptop-audit");
  await helen.getByLabel("Allowed or refused").selectOption("done");
  await helen.getByRole("button", { name: "Show" }).click();
  await helen.waitForURL(/outcome=done/);
  await shot(helen, "laptop-audit-allowed-only");
  await helen.goto(`${base}/young-people/${id}/audit?outcome=denied`);
  await helen.getByRole("link", { name: "Older" }).click();
  await helen.waitForURL(/page=2/);
  await shot(helen, "laptop-audit-page-2");
  const helenPhone = await (await browser.newContext({ ...PHONE, javaScriptEnabled: js, storageState: await helenContext.storageState() })).newPage();
  await helenPhone.goto(`${base}/young-people/${id}/audit`);
  await shot(helenPhone, "phone-audit");

  // The administrator sees who can sign in, and makes no codes.
  const admin = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(admin, base, "morgan.hale@northmoor.example");
  const morgan = await admin.newPage();
  await morgan.goto(`${base}/young-people/${id}`);
  await shot(morgan, "laptop-case-administrator");
  console.log("walk done");
}
