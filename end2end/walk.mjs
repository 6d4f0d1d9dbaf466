// A walk through the pages issue 14 changed, as a young person on a 320 px phone and a
// worker on a laptop, with screenshots to look at (target/walk/). Not a test: run by hand
// with WAYPOINT_BIN and WAYPOINT_SITE_ROOT set, as the tests are.
import { startServer, launchBrowser, PHONE, LAPTOP, PIN, signInStaff } from "./tests/harness.js";

const shots = process.env.WALK_DIR ?? "../target/walk";
const server = await startServer();
const browser = await launchBrowser();
const base = server.base;
const js = process.argv.includes("--no-js") ? false : true;
const tag = js ? "js" : "nojs";
try {
  const phone = await browser.newContext({ ...PHONE, javaScriptEnabled: js });
  await phone.request.post(`${base}/api/redeem_invitation`, { form: { code: "AMARA-PENHA", pin: PIN, pin_again: PIN } });
  const amara = await phone.newPage();
  await amara.goto(`${base}/me`);
  await amara.screenshot({ path: `${shots}/${tag}-phone-home.png`, fullPage: true });
  await amara.getByRole("link", { name: "What I think" }).click();
  await amara.waitForLoadState("networkidle");
  await amara.screenshot({ path: `${shots}/${tag}-phone-what-i-think.png` });
  await amara.getByRole("button", { name: "I need to talk to someone now" }).click();
  await amara.waitForURL(/help-now/);
  await amara.screenshot({ path: `${shots}/${tag}-phone-help.png`, fullPage: true });
  const cohort = (await (await phone.request.post(`${base}/api/young_person_home`)).json()).programmes[0].cohort;
  const id = (await (await phone.request.post(`${base}/api/young_person_home`)).json()).young_person;
  await amara.goto(`${base}/young-people/${id}/cohorts/${cohort}/programme/start?faces=1`);
  await amara.screenshot({ path: `${shots}/${tag}-phone-programme-faces.png`, fullPage: true });

  // Links and buttons a thumb must hit: any under 44 px tall that stand alone (not a word
  // inside a sentence) are listed.
  const small = async (page, label) => {
    const found = await page.evaluate(() =>
      [...document.querySelectorAll("main a, main button, header a")]
        .filter((el) => el.offsetParent !== null)
        .filter((el) => {
          const parent = el.parentElement;
          const text = [...parent.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).length;
          return text === 0 && el.getBoundingClientRect().height < 44;
        })
        .map((el) => `${el.textContent.trim().slice(0, 40)} (${Math.round(el.getBoundingClientRect().height)} px)`),
    );
    if (found.length) console.log(`${label}: small targets: ${found.join("; ")}`);
  };
  for (const path of ["/me", `/young-people/${id}/what-i-think`, `/young-people/${id}/plan`, `/young-people/${id}/cohorts/${cohort}/progress`, `/young-people/${id}/cohorts/${cohort}/sessions/5/score`, `/young-people/${id}/answers`, `/young-people/${id}/feedback`, "/help-now"]) {
    await amara.goto(`${base}${path}`);
    await small(amara, path);
    await amara.screenshot({ path: `${shots}/${tag}-phone${path.replaceAll("/", "_").replace(id, "yp").replace(cohort, "c")}.png`, fullPage: true });
  }

  const office = await browser.newContext({ ...LAPTOP, javaScriptEnabled: js });
  await signInStaff(office, base, "jo.lindqvist@northmoor.example");
  const jo = await office.newPage();
  await jo.goto(`${base}/caseload`);
  await jo.screenshot({ path: `${shots}/${tag}-laptop-caseload.png` });
  await jo.goto(`${base}/young-people/${id}`);
  const colm = jo.locator(".card", { hasText: "Colm Penhallow" });
  await colm.getByRole("button", { name: /code/i }).click();
  await jo.locator(".panel", { hasText: "Sign-in code for" }).waitFor();
  await jo.locator(".panel").screenshot({ path: `${shots}/${tag}-laptop-code-panel.png` });
  await jo.goto(`${base}/cohorts/${cohort}/sessions/5`);
  await jo.screenshot({ path: `${shots}/${tag}-laptop-live-session.png` });
  console.log("walk done");
} finally {
  await browser.close();
  server.stop?.();
  server.proc?.kill?.();
}
